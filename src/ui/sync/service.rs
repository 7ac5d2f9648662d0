//! The sync service: one loop per tab, from start-up to close. While a server is set and the
//! member signed in it syncs (push, then pull), then waits for whichever comes first — a
//! change on the server (a long poll), a change here (the outbox), the browser coming back
//! online, or "sync now" — and syncs again; after a failure it waits longer each time (2 s up
//! to a minute). A wrong password stops it until the member signs in again; the password is
//! only ever in this loop's memory.

use super::engine;
use crate::domain::i18n::sync::problem_text;
use crate::domain::sync::protocol::{Problem, ServerAddress, Session};
use crate::domain::time::Timestamp;
use crate::store::Db;
use crate::store::sync::{self, Conflicted, Report, Server, SyncConfig, SyncError};
use crate::ui::clock;
use crate::ui::state::{Prefs, Workspace, use_prefs, use_workspace};
use futures::StreamExt;
use futures::channel::mpsc::{UnboundedReceiver, UnboundedSender, unbounded};
use futures::future::{Either, select};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Where sync stands.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// No server set up.
    Off,
    /// Set up, but the password is not in memory (after a restart, or it was refused).
    NeedsPassword,
    Syncing,
    Connected,
    Paused,
    /// The server could not be reached; changes wait here.
    Offline(Problem),
    /// Stopped by a problem the member or an administrator must look at (the message).
    Failed(String),
}

/// The service's state, shared by every view of it.
#[derive(Clone, Copy)]
pub struct SyncService {
    pub status: RwSignal<SyncStatus>,
    pub config: RwSignal<Option<SyncConfig>>,
    pub session: RwSignal<Option<Session>>,
    pub last_synced: RwSignal<Option<Timestamp>>,
    pub last_report: RwSignal<Option<Report>>,
    /// Sent and received so far in the sync under way.
    pub progress: RwSignal<Option<(usize, usize)>>,
    pub to_send: RwSignal<u32>,
    pub to_receive: RwSignal<Option<u64>>,
    pub conflicts: RwSignal<Vec<Conflicted>>,
    server: StoredValue<Option<Server>, LocalStorage>,
    wake: StoredValue<Option<UnboundedSender<()>>, LocalStorage>,
}

/// The service of this tab.
pub fn use_sync() -> SyncService {
    expect_context::<SyncService>()
}

/// Makes the service (idle until the workspace is open and a server is set).
pub fn provide_sync() -> SyncService {
    let s = SyncService {
        status: RwSignal::new(SyncStatus::Off),
        config: RwSignal::new(None),
        session: RwSignal::new(None),
        last_synced: RwSignal::new(None),
        last_report: RwSignal::new(None),
        progress: RwSignal::new(None),
        to_send: RwSignal::new(0),
        to_receive: RwSignal::new(None),
        conflicts: RwSignal::new(Vec::new()),
        server: StoredValue::new_local(None),
        wake: StoredValue::new_local(None),
    };
    provide_context(s);
    let ws = use_workspace();
    // A change made here: send it without waiting for the next poll.
    Effect::new(move |_| {
        ws.revision.track();
        s.poke();
    });
    // Back online: try at once rather than at the end of the back-off.
    let online = Closure::<dyn FnMut()>::new(move || s.poke());
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
    }
    online.forget();
    s
}

impl SyncService {
    /// Starts the loop for `db` (once).
    pub fn start(self, db: Db) {
        if self.wake.with_value(Option::is_some) {
            return;
        }
        let (tx, rx) = unbounded();
        self.wake.set_value(Some(tx));
        if let Some(config) = sync::load_config(&db).filter(|_| sync::enabled(&db)) {
            // A server that asks for no account (a test server, or one behind the site's own
            // sign-in) resumes at once; otherwise the password is asked for again.
            match ServerAddress::parse(&config.url) {
                Ok(address) if config.user.is_empty() => {
                    self.server.set_value(Some(Server::new(address, "", "")));
                    self.status.set(SyncStatus::Syncing);
                }
                _ => self.status.set(SyncStatus::NeedsPassword),
            }
            self.config.set(Some(config));
        }
        spawn_local(self.run(db, use_workspace(), use_prefs(), rx));
    }

    /// Wakes the loop (sync now, a change here, back online).
    pub fn poke(self) {
        self.wake.with_value(|w| {
            if let Some(w) = w {
                let _ = w.unbounded_send(());
            }
        });
    }

    /// Signs in to `server` as `config.user` and, when the server agrees, starts syncing with
    /// it (turning sync on for the workspace the first time). The error says why not.
    pub async fn connect(
        self,
        db: &Db,
        config: SyncConfig,
        server: Server,
    ) -> Result<(), SyncError> {
        let session = sync::connect(&server, &config.user).await?;
        if !sync::enabled(db) {
            sync::enable(db).await?;
        }
        sync::save_config(db, Some(&config));
        self.config.set(Some(config));
        self.session.set(Some(session));
        self.server.set_value(Some(server));
        self.status.set(SyncStatus::Syncing);
        self.poke();
        Ok(())
    }

    /// Pauses or resumes.
    pub fn set_paused(self, paused: bool) {
        if paused {
            self.status.set(SyncStatus::Paused);
        } else if self.server.with_value(Option::is_some) {
            self.status.set(SyncStatus::Syncing);
        }
        self.poke();
    }

    /// Stops syncing and forgets the server (the records stay).
    pub async fn disconnect(self, db: &Db) -> Result<(), crate::store::AppError> {
        self.server.set_value(None);
        sync::save_config(db, None);
        sync::disable(db).await?;
        self.config.set(None);
        self.session.set(None);
        self.status.set(SyncStatus::Off);
        self.last_report.set(None);
        self.conflicts.set(Vec::new());
        self.to_send.set(0);
        self.to_receive.set(None);
        self.poke();
        Ok(())
    }

    /// Reads the outbox's size and the conflicts again.
    pub async fn refresh_counts(self, db: &Db) {
        if !sync::enabled(db) {
            return;
        }
        if let Ok(n) = sync::waiting_to_send(db).await {
            self.to_send.try_set(n);
        }
        if let Ok(c) = sync::conflicts(db).await {
            self.conflicts.try_set(c);
        }
    }

    /// The server, while signed in (to read a conflict's other version).
    pub fn server(self) -> Option<Server> {
        self.server.get_value()
    }

    fn active(self) -> Option<Server> {
        let paused = self.status.with_untracked(|s| *s == SyncStatus::Paused);
        if paused {
            return None;
        }
        self.server.get_value()
    }

    async fn run(self, db: Db, ws: Workspace, prefs: Prefs, mut wake: UnboundedReceiver<()>) {
        let device = sync::device_id();
        let mut failures: u32 = 0;
        loop {
            let Some(server) = self.active() else {
                self.refresh_counts(&db).await;
                if wake.next().await.is_none() {
                    return;
                }
                continue;
            };
            self.status.set(SyncStatus::Syncing);
            let progress = Box::new(move |r: &Report| {
                self.progress.set(Some((r.sent, r.received)));
            });
            let outcome =
                engine::sync_pass(db.clone(), server.clone(), device.clone(), progress).await;
            self.progress.set(None);
            let t = prefs.0.with_untracked(|s| s.lang.texts());
            match outcome {
                Ok(report) => {
                    failures = 0;
                    self.status.set(SyncStatus::Connected);
                    self.last_synced.set(Some(clock::now()));
                    self.to_receive.set(report.pending);
                    if report.received > 0 {
                        let _ = ws.reload(&db).await;
                        ws.remote.update(|r| *r += 1);
                        ws.changed();
                    }
                    self.last_report.set(Some(report));
                }
                Err(SyncError::Server(Problem::Unauthorized)) => {
                    self.server.set_value(None);
                    self.status.set(SyncStatus::NeedsPassword);
                    continue;
                }
                Err(SyncError::Server(p @ (Problem::Unreachable | Problem::TimedOut))) => {
                    failures += 1;
                    self.status.set(SyncStatus::Offline(p));
                }
                Err(SyncError::Server(p)) => {
                    failures += 1;
                    self.status.set(SyncStatus::Failed(problem_text(&p, t)));
                }
                Err(SyncError::Local(e)) => {
                    failures += 1;
                    self.status.set(SyncStatus::Failed(e.message(t)));
                }
            }
            self.refresh_counts(&db).await;
            if self.active().is_none() {
                continue;
            }
            // Drain pokes made during the sync: what they asked for is done.
            while let Ok(()) = wake.try_recv() {}
            let woken = Box::pin(async {
                wake.next().await;
            });
            if failures > 0 {
                let back_off = Duration::from_secs(2u64.saturating_pow(failures.min(6)).min(60));
                let _ = select(woken, Box::pin(clock::sleep(back_off))).await;
                continue;
            }
            let server_changed = Box::pin(async {
                // A failing long poll (the server gone) ends the wait: the next sync says why.
                let _ = engine::long_poll(db.clone(), server.clone(), device.clone(), 25_000).await;
            });
            let local_changed = Box::pin(async {
                loop {
                    clock::sleep(Duration::from_secs(2)).await;
                    if sync::waiting_to_send(&db).await.unwrap_or(0) > 0 {
                        return;
                    }
                }
            });
            match select(woken, select(server_changed, local_changed)).await {
                Either::Left(_) | Either::Right(_) => {}
            }
        }
    }
}
