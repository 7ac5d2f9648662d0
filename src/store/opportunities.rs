//! Opportunities and the pipeline's stages: read them, save a deal (its customer must exist
//! and not be in the trash), win one with its purchase in the same transaction, mark a next
//! step done, move deals to and from the trash, delete them for good (leaving tombstones).
//!
//! Deals are not read at start-up: the pipeline reads them when it first opens. Their customer
//! summaries do not depend on them, so a move on the board writes one record and nothing else.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{self, put_revision, store_of};
use super::owned;
use super::purchases::Books;
use super::schema::{BY_OPEN_DUE, CUSTOMERS, OPPORTUNITIES};
use crate::domain::conflict::Conflict;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::purchase::Purchase;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use indexed_db_futures::transaction::Transaction;

/// The team's stages: the stored ones, or the defaults until the team edits them.
pub async fn pipeline(db: &Db) -> Result<Pipeline> {
    let tx = db.tx(&[super::schema::PIPELINES], false)?;
    let stored: Option<Pipeline> = get(&store_of::<Pipeline>(&tx)?, Pipeline::KEY).await?;
    Ok(stored.unwrap_or_default())
}

/// Saves the edited stages as their next revision ([`AppError::Conflict`] when someone else
/// changed them since they were read); returns them as written.
pub async fn save_pipeline(db: &Db, p: &Pipeline) -> Result<Pipeline> {
    kinds::save_alone(db, p).await
}

/// Every deal, those in the trash included.
pub async fn all_opportunities(db: &Db) -> Result<Vec<Opportunity>> {
    super::packed::read_all::<Opportunity>(db).await
}

/// [`all_opportunities`], from a read started at start-up when there is one. Decoded in one
/// task, as before the quotes list's sliced decode: the page waits for every record before it
/// paints, and its later slices (search keys, scores, matching) follow the decode.
pub async fn all_opportunities_early(
    db: &Db,
    early: Option<super::EarlyRead>,
) -> Result<Vec<Opportunity>> {
    super::packed::read_all_yielding::<Opportunity, _>(db, early, || std::future::ready(())).await
}

/// Every deal with an open next step (for the commitments list).
pub async fn open_deal_steps(db: &Db) -> Result<Vec<Opportunity>> {
    let tx = db.tx(&[OPPORTUNITIES], false)?;
    idb::get_all_in_index(&store_of::<Opportunity>(&tx)?, BY_OPEN_DUE).await
}

/// Fails with [`AppError::NotFound`] unless customer `id` is stored and not in the trash.
async fn customer_present(tx: &Transaction<'_>, id: Id) -> Result<()> {
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let stored: Option<Customer> = get(&customers, &id.to_string()).await?;
    match stored {
        Some(c) if c.deleted_at.is_none() => Ok(()),
        _ => Err(AppError::NotFound),
    }
}

/// Saves a new or edited deal (a stage move, an edit, a next step) as its next revision; a
/// deal changed elsewhere since it was read is an [`AppError::Conflict`], a customer gone or
/// in the trash [`AppError::NotFound`]. Returns it as written.
pub async fn save_opportunity(db: &Db, o: &Opportunity) -> Result<Opportunity> {
    let tx = db.tx(&[CUSTOMERS, OPPORTUNITIES], true)?;
    customer_present(&tx, o.customer_id).await?;
    let written = put_revision(&store_of::<Opportunity>(&tx)?, o).await?;
    idb::commit(tx).await?;
    Ok(written)
}

/// Writes a won deal and, when its amount is booked, the purchase on its customer (with the
/// customer's summary refreshed, so the segmentation sees it) — in one transaction: either
/// both are written or neither.
pub async fn win_opportunity(
    db: &Db,
    o: &Opportunity,
    purchase: Option<&Purchase>,
) -> Result<(Opportunity, Option<CustomerSummary>)> {
    let stores: Vec<&str> = owned::stores().into_iter().chain([OPPORTUNITIES]).collect();
    let tx = db.tx(&stores, true)?;
    customer_present(&tx, o.customer_id).await?;
    let written = put_revision(&store_of::<Opportunity>(&tx)?, o).await?;
    let summary = match purchase {
        Some(p) => {
            let mut books = Books::open(&tx).await?;
            books.load(&[p.customer_id]).await?;
            let mut book = books.book(p.customer_id)?;
            Conflict::check(p, book.iter().find(|s| s.id == p.id))
                .map_err(|c| AppError::Conflict(Box::new(c)))?;
            crate::domain::purchase::write(&mut book, p.clone());
            books.set(p.customer_id, &book)?;
            books.flush()?;
            Some(owned::refresh(&tx, p.customer_id).await?)
        }
        None => None,
    };
    idb::commit(tx).await?;
    Ok((written, summary))
}

/// Marks deal `id`'s next step done (`true`) or open again.
pub async fn set_deal_step_done(db: &Db, id: Id, done: bool, at: Timestamp) -> Result<Opportunity> {
    let tx = db.tx(&[OPPORTUNITIES], true)?;
    let store = store_of::<Opportunity>(&tx)?;
    let mut o: Opportunity = get(&store, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    if o.next_step.is_none() {
        return Err(AppError::NotFound);
    }
    o.set_step_done(done, at);
    let written = put_revision(&store, &o).await?;
    idb::commit(tx).await?;
    Ok(written)
}

/// Moves the deals `ids` to the trash (`Some(now)`) or back (`None`) in one transaction;
/// returns them as written.
pub async fn set_opportunities_trashed(
    db: &Db,
    ids: &[Id],
    at: Option<Timestamp>,
) -> Result<Vec<Opportunity>> {
    let when = at.unwrap_or_else(kinds::now);
    kinds::change_each(db, ids, |o: &mut Opportunity| {
        o.deleted_at = at;
        o.updated_at = when;
    })
    .await
}

/// Deletes the deals `ids` for good in one transaction, leaving their tombstones.
pub async fn purge_opportunities(db: &Db, ids: &[Id]) -> Result<()> {
    kinds::purge_alone::<Opportunity>(db, ids).await
}

/// Every deal of customer `id` (those closed or in the trash included).
pub async fn opportunities_of(db: &Db, id: Id) -> Result<Vec<Opportunity>> {
    let tx = db.tx(&[OPPORTUNITIES], false)?;
    kinds::of_customer::<Opportunity>(&tx, id).await
}

/// The deal `id`, if stored.
pub async fn opportunity(db: &Db, id: Id) -> Result<Option<Opportunity>> {
    let tx = db.tx(&[OPPORTUNITIES], false)?;
    get(&store_of::<Opportunity>(&tx)?, &id.to_string()).await
}
