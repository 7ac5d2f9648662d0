//! Team sync with a CouchDB-protocol server: the store's half (the pure half is
//! `domain::sync`).
//!
//! - [`marks`]: while sync is on, every write to a synced store marks its document in the
//!   outbox, in the write's own transaction.
//! - [`push`]: the outbox's documents go up as new revisions.
//! - [`pull`] and [`apply`]: the server's changes come down and are taken a page at a time,
//!   each page in one transaction with the summaries and the checkpoint.
//! - [`http`]: the requests, with the member's credentials held in memory only.
//!
//! Every record kind that is in a backup syncs (`domain::sync::doc::syncs`): a new kind joins
//! through its declaration, with nothing to add here.

mod apply;
mod books;
mod http;
mod local;
mod marks;
mod pull;
mod push;
mod resolve;

pub use http::Server;
pub(crate) use marks::{Mark, marking, synced_stores};
pub use resolve::{keep_resolution, local_version};

use super::error::{AppError, Result};
use super::idb::{self, Db};
use super::schema::{SYNC_DOCS, SYNC_META, SYNC_OUTBOX};
use crate::domain::id::Id;
use crate::domain::sync::protocol::{Problem, Refused, Session, parse_session};

/// Why a sync stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncError {
    /// The server, or the way to it.
    Server(Problem),
    /// This browser's storage.
    Local(AppError),
}

impl From<Problem> for SyncError {
    fn from(p: Problem) -> Self {
        SyncError::Server(p)
    }
}

impl From<AppError> for SyncError {
    fn from(e: AppError) -> Self {
        SyncError::Local(e)
    }
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Revisions sent.
    pub sent: usize,
    /// Documents taken from the server.
    pub received: usize,
    /// Documents from the server not taken, with why.
    pub skipped: Vec<(String, String)>,
    /// Documents the server refused.
    pub refused: Vec<Refused>,
    /// Documents from the server left for later: changed here too, not yet sent.
    pub waiting: usize,
    /// Customers whose records changed here.
    pub touched: Vec<Id>,
    /// Changes the server still had after the last page read, when it says.
    pub pending: Option<u64>,
}

/// Turns sync on for `db`: from now on writes are marked, and the next push compares every
/// record with what the server was last sent (everything, the first time).
pub async fn enable(db: &Db) -> Result<()> {
    marks::set_marking(db.name(), true);
    let tx = db.tx(&[SYNC_OUTBOX], true)?;
    let outbox = tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
    marks::put_mark(&outbox, marks::RESCAN)?;
    idb::commit(tx).await
}

/// Turns sync off and forgets what was known of the server: turned on again (with this
/// server or another), it starts by comparing everything.
pub async fn disable(db: &Db) -> Result<()> {
    marks::set_marking(db.name(), false);
    let tx = db.tx(&[SYNC_OUTBOX, SYNC_DOCS, SYNC_META], true)?;
    for name in [SYNC_OUTBOX, SYNC_DOCS, SYNC_META] {
        idb::clear(&tx.object_store(name).map_err(idb::convert)?)?;
    }
    idb::commit(tx).await
}

/// Whether sync is on for `db`.
pub fn enabled(db: &Db) -> bool {
    marks::marking(db.name())
}

/// How many documents wait to go up.
pub async fn waiting_to_send(db: &Db) -> Result<u32> {
    push::waiting(db).await
}

/// One full sync: everything marked here goes up, then everything new there comes down;
/// `progress` hears the report after every batch.
pub async fn sync_once(
    db: &Db,
    server: &Server,
    device: &str,
    progress: &dyn Fn(&Report),
) -> std::result::Result<Report, SyncError> {
    let mut report = Report::default();
    push::push(db, server, &mut report, progress).await?;
    report.touched = pull::pull(db, server, device, &mut report, progress).await?;
    Ok(report)
}

/// Waits until the server has changes this device has not read, at most `ms`; whether it
/// has.
pub async fn wait_for_changes(
    db: &Db,
    server: &Server,
    device: &str,
    ms: u32,
) -> std::result::Result<bool, SyncError> {
    pull::wait_for_changes(db, server, device, ms).await
}

/// Signs in: who the server takes the member for (a wrong name or password is
/// [`Problem::Unauthorized`]), and that the database is there and readable.
pub async fn connect(server: &Server, user: &str) -> std::result::Result<Session, SyncError> {
    let session = parse_session(&server.session().await?)?;
    if !user.is_empty() && session.name.as_deref() != Some(user) {
        return Err(Problem::Unauthorized.into());
    }
    server.get("").await?;
    Ok(session)
}

/// Where this device syncs to and as whom (never the password), kept in localStorage.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SyncConfig {
    /// The database's address as typed.
    pub url: String,
    pub user: String,
}

fn config_key(db: &Db) -> String {
    format!("zhike.sync.config.{}", db.name())
}

/// The sync set up for `db`, if any.
pub fn load_config(db: &Db) -> Option<SyncConfig> {
    use gloo_storage::{LocalStorage, Storage};
    LocalStorage::get(config_key(db)).ok()
}

/// Keeps (or, with `None`, forgets) the sync set up for `db`.
pub fn save_config(db: &Db, config: Option<&SyncConfig>) {
    use gloo_storage::{LocalStorage, Storage};
    match config {
        Some(c) => {
            let _ = LocalStorage::set(config_key(db), c);
        }
        None => LocalStorage::delete(config_key(db)),
    }
}

/// This browser's own name in checkpoints: made once, kept in localStorage.
pub fn device_id() -> String {
    use gloo_storage::{LocalStorage, Storage};
    const KEY: &str = "zhike.device";
    if let Ok(id) = LocalStorage::get::<String>(KEY) {
        return id;
    }
    let id = Id::generate().to_string();
    let _ = LocalStorage::set(KEY, &id);
    id
}

/// A document with versions that two people made at once, not yet resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflicted {
    pub id: String,
    /// The version every device shows (the winner), as known here.
    pub rev: String,
    /// The other versions.
    pub others: Vec<String>,
}

/// Every document with unresolved versions, read through the index of them.
pub async fn conflicts(db: &Db) -> Result<Vec<Conflicted>> {
    use crate::domain::sync::state::Known;
    let tx = db.tx(&[SYNC_DOCS], false)?;
    let store = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    let known: Vec<Known> = idb::get_all_in_index(&store, super::schema::BY_CONFLICTS).await?;
    Ok(known
        .into_iter()
        .map(|k| {
            let others: Vec<String> = k
                .conflicts
                .iter()
                .filter(|c| !k.discard.contains(c))
                .cloned()
                .collect();
            Conflicted {
                id: k.id,
                rev: k.rev,
                others,
            }
        })
        .filter(|c| !c.others.is_empty())
        .collect())
}

/// The fields of each version `revs` of the document `id` as the server keeps them (`None`
/// for one it no longer has).
pub async fn versions(
    server: &Server,
    id: &str,
    revs: &[String],
) -> std::result::Result<Vec<(String, Option<serde_json::Map<String, serde_json::Value>>)>, SyncError>
{
    let mut out = Vec::with_capacity(revs.len());
    for rev in revs {
        let path = format!(
            "/{}?rev={}",
            js_sys::encode_uri_component(id),
            js_sys::encode_uri_component(rev)
        );
        let body = match server.get(&path).await {
            Ok(body) => body,
            Err(Problem::NoDatabase) => {
                out.push((rev.clone(), None));
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let doc: serde_json::Value = serde_json::from_str(&body)
            .map_err(|_| Problem::Malformed(format!("{id} {rev}: not JSON")))?;
        let read = crate::domain::sync::doc::read(&doc)
            .map_err(|e| Problem::Malformed(format!("{id} {rev}: {e}")))?;
        out.push((rev.clone(), read.body));
    }
    Ok(out)
}

/// Marks the other versions of `id` resolved: the next push closes each (the record as it
/// is here — the winner, or what the user made of the versions — stays, and goes up if it
/// changed). Returns whether there was anything to resolve.
pub async fn resolve(db: &Db, id: &str) -> Result<bool> {
    use crate::domain::sync::state::Known;
    let tx = db.tx(&[SYNC_DOCS, SYNC_OUTBOX], true)?;
    let store = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    let Some(mut known) = idb::get::<Known>(&store, id).await? else {
        return Ok(false);
    };
    if known.conflicts.is_empty() {
        return Ok(false);
    }
    known.discard = known.conflicts.clone();
    idb::put(&store, &known)?;
    // Marked, so the push looks at it even when the record itself did not change.
    marks::put_mark(&tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?, id)?;
    idb::commit(tx).await?;
    Ok(true)
}
