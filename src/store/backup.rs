//! Full backup and restore: every store read in one transaction; a restore (replacing
//! everything, or merging by id) checks nothing itself — the document was checked whole
//! before — and writes every store and the summaries in one transaction, so a failure leaves
//! the database as it was. Which kinds a backup holds, and how each is read and written, come
//! from the kinds' declaration (`domain::kinds`, `store::kinds`).

use super::error::{AppError, Result};
use super::idb::{self, Db};
use super::kinds::{self, spec};
use super::schema::{IMPORTS, SUMMARIES, TOMBSTONES};
use super::settings;
use super::summaries::{replace_chunks, summaries_of};
use crate::domain::backup::{Backup, MergeReport};
use crate::domain::record::{AsyncKindVisitor, Record, RecordKind, RecordSet, for_each_kind_async};
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use indexed_db_futures::transaction::Transaction;

/// The stores of the kinds a backup holds.
fn backup_stores() -> Vec<&'static str> {
    RecordKind::ALL
        .iter()
        .filter(|k| k.in_backup())
        .map(|k| spec(*k).store)
        .collect()
}

/// Every record of every kind a backup holds, read inside `tx`.
async fn read_all(tx: &Transaction<'_>) -> Result<RecordSet> {
    struct Read<'a, 'b> {
        tx: &'a Transaction<'b>,
        set: RecordSet,
    }
    impl AsyncKindVisitor for Read<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            if R::KIND.in_backup() {
                *R::column_mut(&mut self.set) = kinds::read_all::<R>(self.tx).await?;
            }
            Ok(())
        }
    }
    let mut read = Read {
        tx,
        set: RecordSet::default(),
    };
    for_each_kind_async(&mut read).await?;
    Ok(read.set)
}

/// Every record and preference, read in one transaction.
pub async fn export_all(db: &Db, now: Timestamp) -> Result<Backup> {
    let tx = db.tx(&backup_stores(), false)?;
    let mut b = Backup::new(now);
    b.records = read_all(&tx).await?;
    b.prefs = settings::read_prefs();
    Ok(b)
}

/// Clears every store and writes `records` with their summaries, inside `tx`.
async fn write_all(tx: &Transaction<'_>, records: &RecordSet) -> Result<Vec<CustomerSummary>> {
    struct Write<'a, 'b> {
        tx: &'a Transaction<'b>,
        set: &'a RecordSet,
    }
    impl AsyncKindVisitor for Write<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            if R::KIND.in_backup() {
                kinds::write_restored::<R>(self.tx, R::column(self.set))?;
            }
            Ok(())
        }
    }
    let store = |name: &str| tx.object_store(name).map_err(idb::convert);
    for name in kinds::data_stores() {
        idb::clear(&store(name)?)?;
    }
    for_each_kind_async(&mut Write { tx, set: records }).await?;
    let rows = summaries_of(
        &records.customers,
        records.contacts.clone(),
        records.interactions.clone(),
        records.purchases.clone(),
        records.complaints.clone(),
        records.quotes.clone(),
    );
    replace_chunks(&store(SUMMARIES)?, &rows)?;
    Ok(rows)
}

/// Replaces the whole database (and the preferences) with a checked backup, in one
/// transaction: all of it, or on any failure nothing.
pub async fn restore_replace(db: &Db, b: &Backup) -> Result<Vec<CustomerSummary>> {
    b.check().map_err(|p| AppError::Damaged(format!("{p:?}")))?;
    // The import journal and the tombstones go too: they speak of records that are no
    // longer these.
    let stores: Vec<&str> = kinds::data_stores()
        .into_iter()
        .chain([IMPORTS, TOMBSTONES])
        .collect();
    let tx = db.tx(&stores, true)?;
    for name in [IMPORTS, TOMBSTONES] {
        idb::clear(&tx.object_store(name).map_err(idb::convert)?)?;
    }
    let rows = write_all(&tx, &b.records).await?;
    idb::commit(tx).await?;
    settings::write_prefs(&b.prefs);
    Ok(rows)
}

/// Merges a checked backup into the database by id (see [`Backup::merge`]), reading and
/// writing in one transaction, so nothing written meanwhile is lost and a failure changes
/// nothing. Our preferences stay.
pub async fn restore_merge(
    db: &Db,
    theirs: &Backup,
    now: Timestamp,
) -> Result<(Vec<CustomerSummary>, MergeReport)> {
    theirs
        .check()
        .map_err(|p| AppError::Damaged(format!("{p:?}")))?;
    let tx = db.tx(&kinds::data_stores(), true)?;
    let mut ours = Backup::new(now);
    ours.records = read_all(&tx).await?;
    let (merged, report) = ours.merge(theirs);
    merged
        .check()
        .map_err(|p| AppError::Damaged(format!("{p:?}")))?;
    let rows = write_all(&tx, &merged.records).await?;
    idb::commit(tx).await?;
    Ok((rows, report))
}
