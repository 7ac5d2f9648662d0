//! The outbox: every write to a synced store marks its document changed, in the write's own
//! transaction, while sync is on for the database. `idb`'s `put_js`, `add_js`, `delete` and
//! `clear` call [`Mark::of`]; a customer's purchase book is marked by `Books::set`; a write
//! transaction over a synced store covers [`SYNC_OUTBOX`] (see `Db::tx`). A cleared store
//! (a restore) marks the whole database for a rescan: the next push compares every record with
//! what the server was last sent.

use super::super::error::{AppError, Result};
use super::super::idb;
use super::super::kinds::spec;
use super::super::schema::{PURCHASE_PAGES, SYNC_OUTBOX};
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::sync::doc::{doc_id, in_books, syncs};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};

/// The outbox key that asks for a rescan of everything (sorts before every document id).
pub(crate) const RESCAN: &str = "*rescan";

/// An outbox entry: the document and when it was marked (unique within this tab, so a push
/// can tell a mark made while it was sending from the one it read).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Marked {
    pub id: String,
    pub at: f64,
}

/// localStorage key saying sync is on for the database `name`.
fn flag_key(name: &str) -> String {
    format!("zhike.sync.on.{name}")
}

/// Whether writes to the database `name` are marked for sync: read at every write
/// transaction, so a tab learns at once that another turned sync on. Never in a worker
/// (which does not write).
pub(crate) fn marking(name: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(&flag_key(name)).ok().flatten())
        .is_some()
}

/// Turns marking on or off for the database `name`.
pub(crate) fn set_marking(name: &str, on: bool) {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let key = flag_key(name);
    let _ = if on {
        storage.set_item(&key, "1")
    } else {
        storage.remove_item(&key)
    };
}

/// The stores whose writes are marked: every synced kind's (purchase pages included, whose
/// books are marked by `Books::set`).
pub(crate) fn synced_stores() -> Vec<&'static str> {
    let mut stores: Vec<&'static str> = RecordKind::ALL
        .iter()
        .filter(|k| syncs(**k))
        .map(|k| spec(*k).store)
        .collect();
    stores.sort_unstable();
    stores.dedup();
    stores
}

/// The kind whose records `store` holds one object each, when it syncs.
fn kind_of_store(name: &str) -> Option<RecordKind> {
    RecordKind::ALL
        .iter()
        .copied()
        .find(|k| syncs(*k) && !in_books(*k) && spec(*k).store == name)
}

thread_local! {
    static COUNTER: Cell<u32> = const { Cell::new(0) };
}

/// A stamp no other mark of this tab has.
fn stamp() -> f64 {
    let n = COUNTER.with(|c| {
        let n = c.get().wrapping_add(1) % 1000;
        c.set(n);
        n
    });
    js_sys::Date::now() * 1000.0 + f64::from(n)
}

/// A write to a synced store, seen from where its marks go.
pub(crate) struct Mark<'a> {
    kind: Option<RecordKind>,
    outbox: ObjectStore<'a>,
}

impl<'a> Mark<'a> {
    /// The outbox side of a write to `store`, when the store syncs and sync is on (the
    /// transaction then covers the outbox).
    pub(crate) fn of(store: &'a ObjectStore<'_>) -> Option<Mark<'a>> {
        let name = store.name();
        let kind = kind_of_store(&name);
        if kind.is_none() && name != PURCHASE_PAGES {
            return None;
        }
        // Asking the transaction for a store it does not cover throws; its list of names
        // does not (this runs at every write, sync on or off).
        let tx = store.transaction();
        let sys: web_sys::IdbTransaction = tx.as_sys().clone().unchecked_into();
        if !sys.object_store_names().contains(SYNC_OUTBOX) {
            return None;
        }
        let outbox = tx.object_store(SYNC_OUTBOX).ok()?;
        Some(Mark { kind, outbox })
    }

    /// Marks the record `key` of the store written or deleted.
    pub(crate) fn written(&self, key: &str) -> Result<()> {
        match self.kind {
            Some(kind) => put_mark(&self.outbox, &doc_id(kind, key)),
            None => Ok(()),
        }
    }

    /// Marks the key of the record `value` about to be written.
    pub(crate) fn written_value(&self, store: &ObjectStore<'_>, value: &JsValue) -> Result<()> {
        if self.kind.is_none() {
            return Ok(());
        }
        let path = store.as_sys().key_path().ok().and_then(|p| p.as_string());
        let key = path
            .and_then(|p| js_sys::Reflect::get(value, &JsValue::from_str(&p)).ok())
            .and_then(|v| v.as_string())
            .ok_or_else(|| AppError::Storage("a synced record without a key".into()))?;
        self.written(&key)
    }

    /// Marks the customer's purchase book written (from `Books::set`).
    pub(crate) fn book(&self, customer: Id) -> Result<()> {
        put_mark(
            &self.outbox,
            &doc_id(RecordKind::Purchase, &customer.to_string()),
        )
    }

    /// The store was emptied (a restore): everything is compared at the next push.
    pub(crate) fn cleared(&self) -> Result<()> {
        put_mark(&self.outbox, RESCAN)
    }
}

/// Puts the mark `id` into `outbox`.
pub(crate) fn put_mark(outbox: &ObjectStore<'_>, id: &str) -> Result<()> {
    idb::put(
        outbox,
        &Marked {
            id: id.to_owned(),
            at: stamp(),
        },
    )
}
