//! Full backup and restore: every store read in one transaction; a restore (replacing
//! everything, or merging by id) checks nothing itself — the document was checked whole
//! before — and writes every store and the summaries in one transaction, so a failure leaves
//! the database as it was.

use super::idb::{self, Db, get_all};
use super::purchases::{all_purchases, write_cleared};
use super::records::{add_all, interaction_js};
use super::schema::{
    ALL_STORES, CHURN_EVENTS, COMPLAINTS, CONTACTS, CUSTOMERS, IMPORTS, INTERACTIONS,
    LOYALTY_RATINGS, MEMBERS, RESPONSES, SEGMENTS, SUMMARIES, SURVEYS, WINBACKS,
};
use super::settings;
use super::summaries::{replace_chunks, summaries_of};
use super::{AppError, Result};
use crate::domain::backup::{Backup, MergeReport};
use crate::domain::purchase::books_by_customer;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;

async fn read_all(tx: &Transaction<'_>, now: Timestamp) -> Result<Backup> {
    let store = |name: &str| tx.object_store(name).map_err(idb::convert);
    let mut b = Backup::new(now);
    b.customers = get_all(&store(CUSTOMERS)?).await?;
    b.contacts = get_all(&store(CONTACTS)?).await?;
    b.interactions = get_all(&store(INTERACTIONS)?).await?;
    b.purchases = all_purchases(tx).await?;
    b.purchases.sort_by_key(|p| p.id);
    b.members = get_all(&store(MEMBERS)?).await?;
    b.segments = get_all(&store(SEGMENTS)?).await?;
    b.complaints = get_all(&store(COMPLAINTS)?).await?;
    b.churn_events = get_all(&store(CHURN_EVENTS)?).await?;
    b.winbacks = get_all(&store(WINBACKS)?).await?;
    b.loyalty_ratings = get_all(&store(LOYALTY_RATINGS)?).await?;
    b.surveys = get_all(&store(SURVEYS)?).await?;
    b.responses = get_all(&store(RESPONSES)?).await?;
    Ok(b)
}

/// Every record and preference, read in one transaction.
pub async fn export_all(db: &Db, now: Timestamp) -> Result<Backup> {
    let stores: Vec<&str> = ALL_STORES.into_iter().filter(|s| *s != SUMMARIES).collect();
    let tx = db.tx(&stores, false)?;
    let mut b = read_all(&tx, now).await?;
    b.prefs = settings::read_prefs();
    Ok(b)
}

/// Clears every store and writes `b` with its summaries, inside `tx`.
fn write_all(tx: &Transaction<'_>, b: &Backup) -> Result<Vec<CustomerSummary>> {
    let store = |name: &str| tx.object_store(name).map_err(idb::convert);
    for name in ALL_STORES {
        store(name)?.clear().map_err(idb::convert)?;
    }
    add_all(&store(CUSTOMERS)?, &b.customers)?;
    add_all(&store(CONTACTS)?, &b.contacts)?;
    let interactions = store(INTERACTIONS)?;
    for i in &b.interactions {
        interactions
            .add(interaction_js(i)?)
            .primitive()
            .map_err(idb::convert)?;
    }
    write_cleared(tx, &books_by_customer(&b.purchases))?;
    add_all(&store(MEMBERS)?, &b.members)?;
    add_all(&store(SEGMENTS)?, &b.segments)?;
    add_all(&store(COMPLAINTS)?, &b.complaints)?;
    add_all(&store(CHURN_EVENTS)?, &b.churn_events)?;
    add_all(&store(WINBACKS)?, &b.winbacks)?;
    add_all(&store(LOYALTY_RATINGS)?, &b.loyalty_ratings)?;
    add_all(&store(SURVEYS)?, &b.surveys)?;
    add_all(&store(RESPONSES)?, &b.responses)?;
    let rows = summaries_of(
        &b.customers,
        b.contacts.clone(),
        b.interactions.clone(),
        b.purchases.clone(),
        b.complaints.clone(),
    );
    replace_chunks(&store(SUMMARIES)?, &rows)?;
    Ok(rows)
}

/// Replaces the whole database (and the preferences) with a checked backup, in one
/// transaction: all of it, or on any failure nothing.
pub async fn restore_replace(db: &Db, b: &Backup) -> Result<Vec<CustomerSummary>> {
    b.check().map_err(|p| AppError::Damaged(format!("{p:?}")))?;
    // The import journal goes too: its undo would act on records that are no longer these.
    let stores: Vec<&str> = ALL_STORES.into_iter().chain([IMPORTS]).collect();
    let tx = db.tx(&stores, true)?;
    tx.object_store(IMPORTS)
        .map_err(idb::convert)?
        .clear()
        .map_err(idb::convert)?;
    let rows = write_all(&tx, b)?;
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
    let tx = db.tx(&ALL_STORES, true)?;
    let ours = read_all(&tx, now).await?;
    let (merged, report) = ours.merge(theirs);
    merged
        .check()
        .map_err(|p| AppError::Damaged(format!("{p:?}")))?;
    let rows = write_all(&tx, &merged)?;
    idb::commit(tx).await?;
    Ok((rows, report))
}
