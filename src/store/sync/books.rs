//! Two versions of a customer's purchase book, made at once on two devices, need nobody to
//! choose: they merge (`domain::sync::book::Book::merge` — every purchase of either, the later
//! edit of one both have, none that either removed). The merged book is written here with the
//! customer's summary, and the next push sends it as the next revision of the version shown,
//! closing the others.

use super::super::error::{AppError, Result};
use super::super::idb::{self, Db, get};
use super::super::kinds;
use super::super::purchases::Books;
use super::super::schema::{CUSTOMERS, SUMMARIES, SUMMARISED, SYNC_DOCS, SYNC_OUTBOX, TOMBSTONES};
use super::super::summaries::{self, Change};
use super::http::Server;
use super::local::bodies;
use super::marks::{put_mark, synced_stores};
use super::{SyncError, versions};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::record::{Rev, Tombstone};
use crate::domain::sync::book::Book;
use crate::domain::sync::doc::doc_id;
use crate::domain::sync::state::Known;
use serde_json::Value;

fn book(body: serde_json::Map<String, Value>) -> Result<Book> {
    serde_json::from_value(Value::Object(body)).map_err(|e| AppError::Damaged(e.to_string()))
}

/// Merges the versions `others` of `customer`'s book into the one here; whether the book
/// here changed.
pub(crate) async fn merge_versions(
    db: &Db,
    server: &Server,
    customer: Id,
    others: &[String],
) -> std::result::Result<bool, SyncError> {
    let id = doc_id(RecordKind::Purchase, &customer.to_string());
    let theirs = versions(server, &id, others).await?;
    let mut stores = synced_stores();
    stores.extend(SUMMARISED);
    stores.extend([TOMBSTONES, SYNC_DOCS, SYNC_OUTBOX]);
    stores.sort_unstable();
    stores.dedup();
    let tx = db.tx(&stores, true)?;
    let ours = bodies(&tx, std::slice::from_ref(&id)).await?;
    let Some(ours) = ours.into_iter().next().and_then(|(_, b)| b) else {
        // Gone here (the customer was deleted): nothing to merge into.
        return Ok(false);
    };
    let ours = book(ours)?;
    let mut merged = ours.clone();
    for body in theirs.into_iter().filter_map(|(_, b)| b) {
        merged = merged.merge(&book(body)?);
    }
    let changed = merged != ours;
    if changed {
        let mut books = Books::open(&tx).await?;
        books.load(&[customer]).await?;
        books.set(customer, &merged.purchases)?;
        books.flush()?;
        let tombs: Vec<Tombstone> = merged
            .removed
            .iter()
            .filter(|(id, _)| !ours.removed.contains_key(id))
            .map(|(id, at)| Tombstone {
                customer: Some(customer),
                ..Tombstone::new(RecordKind::Purchase, id.to_string(), Rev(1), *at)
            })
            .collect();
        kinds::bury(&tx, &tombs)?;
        let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
        if let Some(c) = get::<Customer>(&customers, &customer.to_string()).await? {
            let summary = summaries::summary_of(&tx, &c).await?;
            let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
            summaries::apply(&store, vec![Change::Upsert(summary)]).await?;
        }
    }
    let docs = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    if let Some(mut known) = get::<Known>(&docs, &id).await? {
        known.discard = others.to_vec();
        idb::put(&docs, &known)?;
    }
    put_mark(&tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?, &id)?;
    idb::commit(tx).await?;
    Ok(changed)
}
