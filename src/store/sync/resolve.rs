//! Resolving a conflict: the record as the user chose it, field by field, saved as the next
//! revision of the version shown, and the other versions marked to be closed — one
//! transaction, with the customer's summary.

use super::super::error::{AppError, Result};
use super::super::idb::{self, Db, get};
use super::super::kinds::{self, store_of};
use super::super::schema::{SUMMARIES, SUMMARISED, SYNC_DOCS, SYNC_OUTBOX, TOMBSTONES};
use super::super::summaries::{self, Change};
use super::marks::{put_mark, synced_stores};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::record::{AsyncKindVisitor, Record, for_each_kind_async};
use crate::domain::sync::doc::{in_books, parse_doc_id};
use crate::domain::sync::state::Known;
use indexed_db_futures::transaction::Transaction;
use serde_json::Value;

fn stores() -> Vec<&'static str> {
    let mut s = synced_stores();
    s.extend(SUMMARISED);
    s.extend([TOMBSTONES, SYNC_DOCS, SYNC_OUTBOX]);
    s.sort_unstable();
    s.dedup();
    s
}

/// The record behind document `id` as stored here (with its local revision), and its label;
/// `None` when it is gone or travels in a book.
pub async fn local_version(db: &Db, id: &str) -> Result<Option<(Value, String)>> {
    let Some((kind, key)) = parse_doc_id(id) else {
        return Ok(None);
    };
    if in_books(kind) {
        return Ok(None);
    }
    struct Read<'a, 'b> {
        tx: &'a Transaction<'b>,
        kind: RecordKind,
        key: &'a str,
        out: Option<(Value, String)>,
    }
    impl AsyncKindVisitor for Read<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            if R::KIND == self.kind {
                let r: Option<R> = get(&store_of::<R>(self.tx)?, self.key).await?;
                self.out = r.and_then(|r| Some((serde_json::to_value(&r).ok()?, r.label())));
            }
            Ok(())
        }
    }
    let tx = db.tx(&[kinds::spec(kind).store], false)?;
    let mut read = Read {
        tx: &tx,
        kind,
        key,
        out: None,
    };
    for_each_kind_async(&mut read).await?;
    Ok(read.out)
}

/// Saves `chosen` (the record as serialised, at the local revision it was read at) as the
/// resolution of document `id`'s conflict, and marks its other versions to be closed. A
/// record changed meanwhile is an [`AppError::Conflict`], and nothing is written. Returns the
/// customer whose summary changed.
pub async fn keep_resolution(db: &Db, id: &str, chosen: &Value) -> Result<Option<Id>> {
    let (kind, _) = parse_doc_id(id).ok_or(AppError::NotFound)?;
    struct Save<'a, 'b> {
        tx: &'a Transaction<'b>,
        kind: RecordKind,
        chosen: &'a Value,
        customer: Option<Id>,
    }
    impl AsyncKindVisitor for Save<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            if R::KIND != self.kind {
                return Ok(());
            }
            let record: R = serde_json::from_value(self.chosen.clone())
                .map_err(|e| AppError::Damaged(e.to_string()))?;
            let written = kinds::put_revision(&store_of::<R>(self.tx)?, &record).await?;
            self.customer = match R::KIND {
                RecordKind::Customer => written.key().parse().ok(),
                _ => written.customer(),
            };
            Ok(())
        }
    }
    let tx = db.tx(&stores(), true)?;
    let mut save = Save {
        tx: &tx,
        kind,
        chosen,
        customer: None,
    };
    for_each_kind_async(&mut save).await?;
    let customer = save.customer;
    let docs = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    if let Some(mut known) = get::<Known>(&docs, id).await? {
        known.discard = known.conflicts.clone();
        idb::put(&docs, &known)?;
    }
    put_mark(&tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?, id)?;
    if let Some(c) = customer {
        let customers = tx
            .object_store(super::super::schema::CUSTOMERS)
            .map_err(idb::convert)?;
        if let Some(customer) = get::<Customer>(&customers, &c.to_string()).await? {
            let summary = summaries::summary_of(&tx, &customer).await?;
            let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
            summaries::apply(&store, vec![Change::Upsert(summary)]).await?;
        }
    }
    idb::commit(tx).await?;
    Ok(customer)
}
