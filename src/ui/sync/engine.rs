//! The sync engine's code — push, pull, apply, the long poll — travels in a piece of its own
//! that a release build downloads the first time this browser syncs (`#[wasm_split]`, as the
//! page groups do): a member who never syncs never downloads it, and a start-up of one who
//! does waits for none of it. The first sync after a release needs the piece; offline, its
//! download fails like the server would, and the service tries again when it tries the server.

use crate::domain::sync::protocol::Problem;
use crate::store::Db;
use crate::store::sync::{self, Report, Server, SyncError};
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use std::future::Future;
use std::pin::Pin;

/// Work for the engine.
pub enum Job {
    /// One full sync, `progress` hearing the report after each batch.
    Pass {
        db: Db,
        server: Server,
        device: String,
        progress: Box<dyn Fn(&Report)>,
    },
    /// Waits up to `ms` for changes on the server.
    Poll {
        db: Db,
        server: Server,
        device: String,
        ms: u32,
    },
}

/// What a job gave.
pub enum Done {
    Pass(Result<Report, SyncError>),
    Poll(Result<bool, SyncError>),
}

type Task = Pin<Box<dyn Future<Output = Done>>>;

#[wasm_split(sync_engine, wasm_split_path = ::leptos::wasm_split, fallible)]
fn engine(job: Job) -> Result<Task, SplitLoaderError> {
    Ok(match job {
        Job::Pass {
            db,
            server,
            device,
            progress,
        } => {
            Box::pin(
                async move { Done::Pass(sync::sync_once(&db, &server, &device, &*progress).await) },
            )
        }
        Job::Poll {
            db,
            server,
            device,
            ms,
        } => {
            Box::pin(
                async move { Done::Poll(sync::wait_for_changes(&db, &server, &device, ms).await) },
            )
        }
    })
}

/// Runs `job`, downloading the engine first if need be.
async fn run(job: Job) -> Result<Done, SyncError> {
    match engine(job).await {
        Ok(task) => Ok(task.await),
        // Its piece could not be downloaded: offline, as far as syncing goes.
        Err(_) => Err(SyncError::Server(Problem::Unreachable)),
    }
}

/// One full sync (see `store::sync::sync_once`).
pub async fn sync_pass(
    db: Db,
    server: Server,
    device: String,
    progress: Box<dyn Fn(&Report)>,
) -> Result<Report, SyncError> {
    match run(Job::Pass {
        db,
        server,
        device,
        progress,
    })
    .await?
    {
        Done::Pass(r) => r,
        Done::Poll(_) => Err(SyncError::Server(Problem::Malformed("engine".into()))),
    }
}

/// Waits up to `ms` for changes on the server (see `store::sync::wait_for_changes`).
pub async fn long_poll(db: Db, server: Server, device: String, ms: u32) -> Result<bool, SyncError> {
    match run(Job::Poll {
        db,
        server,
        device,
        ms,
    })
    .await?
    {
        Done::Poll(r) => r,
        Done::Pass(_) => Err(SyncError::Server(Problem::Malformed("engine".into()))),
    }
}
