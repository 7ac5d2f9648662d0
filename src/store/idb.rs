//! Opening the database, the connection handle, error conversion and small request helpers.

use super::error::{AppError, Result};
use super::schema::{self, DB_VERSION};
use indexed_db_futures::KeyRange;
use indexed_db_futures::database::Database;
use indexed_db_futures::error::{Error as IdbError, OpenDbError};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// An open connection. Cheap to clone; every clone shares the connection and its state.
#[derive(Clone)]
pub struct Db {
    inner: Rc<Inner>,
}

struct Inner {
    db: Database,
    name: String,
    /// Set when another tab upgraded or deleted the database and this connection was closed.
    closed: Cell<bool>,
    on_closed: RefCell<Option<Box<dyn Fn()>>>,
    _on_version_change: Closure<dyn FnMut(web_sys::Event)>,
}

impl Db {
    /// The database name (tests use a fresh one each).
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// Registers what to do when another tab forces this connection closed.
    pub fn on_closed(&self, f: impl Fn() + 'static) {
        *self.inner.on_closed.borrow_mut() = Some(Box::new(f));
    }

    /// Whether the connection was closed because of another tab.
    pub fn is_closed(&self) -> bool {
        self.inner.closed.get()
    }

    /// Closes the connection (tests, and before deleting the database).
    pub fn close(&self) {
        self.inner.closed.set(true);
        self.inner.db.as_sys().close();
    }

    /// Starts a transaction over `stores`.
    pub(crate) fn tx<'a>(&'a self, stores: &[&str], write: bool) -> Result<Transaction<'a>> {
        if self.is_closed() {
            return Err(AppError::ClosedByOtherTab);
        }
        let mode = if write {
            TransactionMode::Readwrite
        } else {
            TransactionMode::Readonly
        };
        // A write to a store read packed marks what it wrote in the packed store, in the
        // same transaction (see `put_js`, `add_js`, `delete`, `clear`).
        let mut stores = stores.to_vec();
        if write
            && !stores.contains(&schema::PACKED)
            && stores.iter().any(|s| schema::PACKED_SOURCES.contains(s))
        {
            stores.push(schema::PACKED);
        }
        // While sync is on, a write to a synced store marks its documents in the outbox, in
        // the same transaction (see `sync::marks`).
        if write && !stores.contains(&schema::SYNC_OUTBOX) && super::sync::marking(&self.inner.name)
        {
            let synced = super::sync::synced_stores();
            if stores.iter().any(|s| synced.contains(s)) {
                stores.push(schema::SYNC_OUTBOX);
            }
        }
        self.inner
            .db
            .transaction(stores.as_slice())
            .with_mode(mode)
            .build()
            .map_err(convert)
    }
}

/// Connects to the database `name` at schema `version` (at most [`DB_VERSION`]), creating or
/// upgrading its stores; moving data kept in an older form is `store::upgrade`'s.
pub(crate) async fn connect(
    name: &str,
    version: u32,
    on_blocked: impl Fn() + 'static,
) -> Result<Db> {
    let version = version.min(DB_VERSION);
    let db = Database::open(name)
        .with_version(version)
        .with_on_blocked(move |_| {
            on_blocked();
            Ok(())
        })
        .with_on_upgrade_needed(move |event, db| {
            // Versions are small integers stored as f64 by the browser.
            schema::upgrade(event.old_version() as u32, version, &db)
        })
        .await
        .map_err(|e| match e {
            OpenDbError::NullFactory | OpenDbError::UnsupportedEnvironment => {
                AppError::StorageUnavailable(e.to_string())
            }
            OpenDbError::Base(e) => match convert(e) {
                AppError::Storage(msg) => AppError::StorageUnavailable(msg),
                other => other,
            },
            other => AppError::StorageUnavailable(other.to_string()),
        })?;

    let inner = Rc::new_cyclic(|weak: &std::rc::Weak<Inner>| {
        let weak = weak.clone();
        // Another tab wants to upgrade or delete the database: let go at once so it is not
        // blocked, and tell the user this tab must reload.
        let on_version_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                inner.closed.set(true);
                inner.db.as_sys().close();
                if let Some(f) = inner.on_closed.borrow().as_ref() {
                    f();
                }
            }
        });
        db.as_sys()
            .set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Inner {
            db,
            name: name.to_string(),
            closed: Cell::new(false),
            on_closed: RefCell::new(None),
            _on_version_change: on_version_change,
        }
    });
    Ok(Db { inner })
}

/// Deletes a whole database by name (tests).
pub async fn delete_database(name: &str) -> Result<()> {
    Database::delete_by_name(name)
        .map_err(|e| AppError::Storage(e.to_string()))?
        .await
        .map_err(convert)
}

/// Maps a browser error to what the user should hear.
pub(crate) fn convert(e: IdbError) -> AppError {
    match &e {
        IdbError::DomException(d) => dom_error(d.as_sys()),
        IdbError::Serialisation(s) => AppError::Damaged(s.to_string()),
        _ => AppError::Storage(e.to_string()),
    }
}

fn dom_error(d: &web_sys::DomException) -> AppError {
    let name = d.name();
    let message = d.message();
    if name == "QuotaExceededError" || message.to_lowercase().contains("quota") {
        AppError::QuotaExceeded
    } else if name == "InvalidStateError" && message.to_lowercase().contains("closing") {
        AppError::ClosedByOtherTab
    } else {
        AppError::Storage(format!("{name}: {message}"))
    }
}

/// Commits a transaction; when it aborts, reports the cause the browser recorded on it (for
/// example a quota error or a constraint violation) rather than a bare "aborted".
pub(crate) async fn commit(tx: Transaction<'_>) -> Result<()> {
    let sys: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
    match tx.commit().await {
        Ok(()) => Ok(()),
        Err(e) => Err(match sys.error() {
            Some(cause) => dom_error(&cause),
            None => convert(e),
        }),
    }
}

/// Serialises a record for IndexedDB (absent options become `undefined`, which indexes skip).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .map_err(|e| AppError::Storage(e.to_string()))
}

/// Reads a record back.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T> {
    serde_wasm_bindgen::from_value(value).map_err(|e| AppError::Damaged(e.to_string()))
}

/// Issues a put; the request goes out at once and its outcome is reported by the commit.
pub(crate) fn put<T: Serialize>(store: &ObjectStore<'_>, value: &T) -> Result<()> {
    put_js(store, to_js(value)?)
}

/// Issues a put of an already-built JavaScript value.
pub(crate) fn put_js(store: &ObjectStore<'_>, value: JsValue) -> Result<()> {
    write_js(store, value, |s, v| s.put(v).primitive().map(drop))
}

/// Issues a put into a store read packed without marking the record written in the pack:
/// only for a write that changes many records of the store and then writes its pack again
/// from all of them in the same transaction (`packed::rewrite_in`), which a mark each would
/// only slow. (It is marked for sync like any write.)
pub(crate) fn put_js_unmarked(store: &ObjectStore<'_>, value: JsValue) -> Result<()> {
    if let Some(m) = super::sync::Mark::of(store) {
        m.written_value(store, &value)?;
    }
    store.put(value).primitive().map(drop).map_err(convert)
}

/// Issues an add (which fails, aborting the transaction, when the key is taken).
pub(crate) fn add_js(store: &ObjectStore<'_>, value: JsValue) -> Result<()> {
    write_js(store, value, |s, v| s.add(v).primitive().map(drop))
}

/// Issues `write` of `value` into `store`, marking the record written when the store is read
/// packed, and for sync when it syncs.
fn write_js(
    store: &ObjectStore<'_>,
    value: JsValue,
    write: impl FnOnce(&ObjectStore<'_>, JsValue) -> indexed_db_futures::Result<()>,
) -> Result<()> {
    if let Some(m) = super::sync::Mark::of(store) {
        m.written_value(store, &value)?;
    }
    let packed = super::packed::Source::of(store);
    let key = packed.as_ref().map(|_| key_of(&value)).transpose()?;
    write(store, value).map_err(convert)?;
    if let (Some(p), Some(key)) = (packed, key) {
        p.written(&key)?;
    }
    Ok(())
}

/// Issues a delete of one key.
pub(crate) fn delete(store: &ObjectStore<'_>, key: &str) -> Result<()> {
    store.delete(key.to_string()).primitive().map_err(convert)?;
    if let Some(p) = super::packed::Source::of(store) {
        p.written(key)?;
    }
    if let Some(m) = super::sync::Mark::of(store) {
        m.written(key)?;
    }
    Ok(())
}

/// Issues the removal of every record of `store`.
pub(crate) fn clear(store: &ObjectStore<'_>) -> Result<()> {
    store.clear().map_err(convert)?;
    if let Some(p) = super::packed::Source::of(store) {
        p.cleared()?;
    }
    if let Some(m) = super::sync::Mark::of(store) {
        m.cleared()?;
    }
    Ok(())
}

/// The `id` of a record about to be written (the key of every store read packed).
fn key_of(value: &JsValue) -> Result<String> {
    js_sys::Reflect::get(value, &JsValue::from_str("id"))
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| AppError::Storage("a record without an id".into()))
}

/// One record by key.
pub(crate) async fn get<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>> {
    get_js(store, key).await?.map(from_js).transpose()
}

/// One record by key, as a JavaScript value.
pub(crate) async fn get_js(store: &ObjectStore<'_>, key: &str) -> Result<Option<JsValue>> {
    let value: Option<JsValue> = store
        .get(key.to_string())
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    Ok(value.filter(|v| !v.is_undefined()))
}

/// Every record of a store.
pub(crate) async fn get_all<T: DeserializeOwned>(store: &ObjectStore<'_>) -> Result<Vec<T>> {
    get_all_js(store).await?.into_iter().map(from_js).collect()
}

/// Every record of a store as JavaScript values, to convert one at a time.
pub(crate) async fn get_all_js(store: &ObjectStore<'_>) -> Result<Vec<JsValue>> {
    store
        .get_all::<JsValue>()
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?
        .map(|v| v.map_err(convert))
        .collect()
}

/// Every record of a store as JavaScript values, like [`get_all_js`], but asked for in parts
/// of up to `per_part` records, every part at once: each part's values arrive (and are
/// deserialised by the browser, which for large values is most of the read) in a task of
/// their own, so a large read never blocks the page in one long task.
pub(crate) async fn get_all_js_in_parts(
    store: &ObjectStore<'_>,
    per_part: usize,
) -> Result<Vec<JsValue>> {
    let keys = all_keys(store).await?;
    let parts = keys
        .chunks(per_part.max(1))
        .map(|part| {
            store
                .get_all::<JsValue>()
                .with_query::<String, _>(between(&part[0], &part[part.len() - 1]))
                .primitive()
                .map_err(convert)
        })
        .collect::<Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(keys.len());
    for part in parts {
        for value in part.await.map_err(convert)? {
            out.push(value.map_err(convert)?);
        }
    }
    Ok(out)
}

/// Every record whose index key equals `key`.
pub(crate) async fn get_all_by<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    index: &str,
    key: &str,
) -> Result<Vec<T>> {
    get_all_by_js(store, index, key)
        .await?
        .into_iter()
        .map(from_js)
        .collect()
}

/// [`get_all_by`] as JavaScript values, to convert one at a time (or change in place).
pub(crate) async fn get_all_by_js(
    store: &ObjectStore<'_>,
    index: &str,
    key: &str,
) -> Result<Vec<JsValue>> {
    let index = store.index(index).map_err(convert)?;
    index
        .get_all::<JsValue>()
        .with_query::<String, _>(KeyRange::Only(key.to_string()))
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?
        .map(|v| v.map_err(convert))
        .collect()
}

/// Every record of one customer in the store `name` of `tx` (through its customer index).
pub(crate) async fn of_customer<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    name: &str,
    customer: &str,
) -> Result<Vec<T>> {
    let store = tx.object_store(name).map_err(convert)?;
    get_all_by(&store, super::schema::BY_CUSTOMER, customer).await
}

/// Every primary key of a store, ascending.
pub(crate) async fn all_keys(store: &ObjectStore<'_>) -> Result<Vec<String>> {
    let keys = store
        .get_all_keys::<String>()
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    keys.map(|k| k.map_err(convert)).collect()
}

/// Number of records in `store`.
pub(crate) async fn count(store: &ObjectStore<'_>) -> Result<u32> {
    store
        .count()
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)
}

/// Number of records whose index key equals `key`.
pub(crate) async fn count_by(store: &ObjectStore<'_>, index: &str, key: &str) -> Result<u32> {
    let index = store.index(index).map_err(convert)?;
    index
        .count()
        .with_query::<String, _>(KeyRange::Only(key.to_string()))
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)
}

/// Every record of an index, in index order.
pub(crate) async fn get_all_in_index<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    index: &str,
) -> Result<Vec<T>> {
    let index = store.index(index).map_err(convert)?;
    let values = index
        .get_all::<JsValue>()
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    collect(values)
}

/// Deserialises the records of a `getAll`.
fn collect<T: DeserializeOwned>(
    values: impl Iterator<Item = indexed_db_futures::Result<JsValue>>,
) -> Result<Vec<T>> {
    values
        .map(|v| v.map_err(convert).and_then(from_js))
        .collect()
}

/// Waits until every request issued so far in the store's transaction has run (requests run
/// in order, so a lookup of a key that cannot exist, issued last, settles after them). A long
/// write awaits this between chunks: the page can repaint while the transaction stays alive.
pub(crate) async fn settle(store: &ObjectStore<'_>) -> Result<()> {
    store
        .get::<JsValue, _, _>(String::new())
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    Ok(())
}

/// The keys from `lo` to `hi`, both included.
fn between(lo: &str, hi: &str) -> KeyRange<String> {
    KeyRange::Bound(lo.to_string(), false, hi.to_string(), false)
}

/// Every record whose `index` key lies in `lo..=hi` (both included).
pub(crate) async fn get_all_between<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    index: &str,
    lo: &str,
    hi: &str,
) -> Result<Vec<T>> {
    let index = store.index(index).map_err(convert)?;
    let values = index
        .get_all::<JsValue>()
        .with_query::<String, _>(between(lo, hi))
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    collect(values)
}

/// Every record of `store` whose primary key lies in `lo..=hi` (both included).
pub(crate) async fn get_all_in_key_range<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    lo: &str,
    hi: &str,
) -> Result<Vec<T>> {
    let values = store
        .get_all::<JsValue>()
        .with_query::<String, _>(between(lo, hi))
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    collect(values)
}

/// Issues a read of one record now and returns its outcome to await later, so many reads can
/// be issued before the first is awaited.
/// The record with the greatest key not above `key`, if any: one request (a cursor opened
/// backwards from `key`), where finding it among every key first would read them all.
pub(crate) async fn last_at_or_below<T: DeserializeOwned>(
    store: &ObjectStore<'_>,
    key: &str,
) -> Result<Option<T>> {
    let cursor = store
        .open_cursor()
        .with_query::<String, _>(KeyRange::UpperBound(key.to_string(), false))
        .with_direction(indexed_db_futures::cursor::CursorDirection::Prev)
        .primitive()
        .map_err(convert)?
        .await
        .map_err(convert)?;
    let Some(mut cursor) = cursor else {
        return Ok(None);
    };
    match cursor.next_record::<JsValue>().await.map_err(convert)? {
        Some(v) if !v.is_undefined() => from_js(v).map(Some),
        _ => Ok(None),
    }
}

pub(crate) fn get_request<'a, T: DeserializeOwned + 'a>(
    store: &'a ObjectStore<'_>,
    key: &str,
) -> Result<impl std::future::Future<Output = Result<Option<T>>> + 'a> {
    let request = store
        .get::<JsValue, _, _>(key.to_string())
        .primitive()
        .map_err(convert)?;
    Ok(async move {
        match request.await.map_err(convert)? {
            Some(v) if !v.is_undefined() => from_js(v).map(Some),
            _ => Ok(None),
        }
    })
}
