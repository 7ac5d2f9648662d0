//! Writing one record that belongs to a customer (a contact person, an interaction, a
//! complaint): each write is a new revision, each delete leaves a tombstone, and both refresh
//! the customer's summary in the same transaction, so list figures never drift from the
//! records.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{self, store_of};
use super::schema::{CUSTOMERS, SUMMARIES, SUMMARISED, TOMBSTONES};
use super::summaries::{self, Change};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::record::Record;
use crate::domain::summary::CustomerSummary;
use indexed_db_futures::transaction::Transaction;

/// The stores a write of a customer's record opens: what summaries are computed from, the
/// summaries, and the tombstones.
pub(crate) fn stores() -> Vec<&'static str> {
    SUMMARISED.into_iter().chain([TOMBSTONES]).collect()
}

/// Recomputes the summary of `customer_id` inside `tx` and writes it.
pub(crate) async fn refresh(tx: &Transaction<'_>, customer_id: Id) -> Result<CustomerSummary> {
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let customer: Customer = get(&customers, &customer_id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let summary = summaries::summary_of(tx, &customer).await?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(&store, vec![Change::Upsert(summary.clone())]).await?;
    Ok(summary)
}

/// Saves (creates, or writes a new revision of) one record of a customer and refreshes the
/// customer's summary.
pub(crate) async fn save<R: Record>(db: &Db, record: &R) -> Result<CustomerSummary> {
    save_written(db, record).await.map(|(_, summary)| summary)
}

/// The same, also giving the record as written (at its new revision), for a view that goes on
/// from it before it reloads.
pub(crate) async fn save_written<R: Record>(db: &Db, record: &R) -> Result<(R, CustomerSummary)> {
    let customer = record.customer().ok_or(AppError::NotFound)?;
    let tx = db.tx(&stores(), true)?;
    let written = kinds::put_revision(&store_of::<R>(&tx)?, record).await?;
    let summary = refresh(&tx, customer).await?;
    idb::commit(tx).await?;
    Ok((written, summary))
}

/// Deletes one record of a customer for good, leaving its tombstone, and refreshes the
/// customer's summary.
pub(crate) async fn delete<R: Record>(db: &Db, id: Id) -> Result<CustomerSummary> {
    let tx = db.tx(&stores(), true)?;
    let (record, tomb) =
        kinds::delete_one::<R>(&store_of::<R>(&tx)?, &id.to_string(), kinds::now()).await?;
    kinds::bury(&tx, &[tomb])?;
    let summary = refresh(&tx, record.customer().ok_or(AppError::NotFound)?).await?;
    idb::commit(tx).await?;
    Ok(summary)
}
