//! Quotes and the team's quoting policy: read them (all, packed; or one customer's), save a
//! quote (its customer must exist and not be in the trash), save a revision together with
//! the version it supersedes, accept one with its purchases and its deal in one transaction,
//! move quotes to and from the trash, delete them for good (leaving tombstones). Every write
//! rewrites its customers' quote figures (the open quotes of the summaries) in the same
//! transaction.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{self, change_each_in, purge_in, put_revision, save_alone, store_of};
use super::owned;
use super::purchases::Books;
use super::schema::{
    CUSTOMERS, OPPORTUNITIES, PURCHASE_PAGES, QUOTE_POLICIES, QUOTES, SUMMARIES, TOMBSTONES,
};
use super::summaries::{self, Change};
use crate::domain::conflict::Conflict;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::purchase::Purchase;
use crate::domain::quote::policy::{POLICY_ID, QuotePolicy};
use crate::domain::quote::{Quote, next_number};
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use indexed_db_futures::transaction::Transaction;

/// The team's quoting policy: the stored one, or the defaults until the team edits it.
pub async fn quote_policy(db: &Db) -> Result<QuotePolicy> {
    let tx = db.tx(&[QUOTE_POLICIES], false)?;
    let stored: Option<QuotePolicy> = get(&store_of::<QuotePolicy>(&tx)?, POLICY_ID).await?;
    Ok(stored.unwrap_or_default())
}

/// Saves the edited policy as its next revision ([`AppError::Conflict`] when someone else
/// changed it since it was read); returns it as written.
pub async fn save_quote_policy(db: &Db, p: &QuotePolicy) -> Result<QuotePolicy> {
    save_alone(db, p).await
}

/// Every quote (every version), those in the trash included.
pub async fn all_quotes(db: &Db) -> Result<Vec<Quote>> {
    super::packed::read_all::<Quote>(db).await
}

/// Every quote (every version, those in the trash included), from `early` when it is a read
/// of their pack started at start-up; decoded a slice at a time, awaiting `pause` between.
pub async fn all_quotes_early<F: std::future::Future<Output = ()>>(
    db: &Db,
    early: Option<super::EarlyRead>,
    pause: impl FnMut() -> F,
) -> Result<Vec<Quote>> {
    super::packed::read_all_yielding::<Quote, F>(db, early, pause).await
}

/// The quotes made since `since` (a Unix time in milliseconds; ids are time-ordered), read
/// one object each: what the quotes list shows while the pack of all of them is read.
pub async fn quotes_since(db: &Db, since: i64) -> Result<Vec<Quote>> {
    let tx = db.tx(&[QUOTES], false)?;
    let from = Id::from_parts(since.max(0) as u64, [0; 10]);
    idb::get_all_in_key_range(&store_of::<Quote>(&tx)?, &from.to_string(), "~").await
}

/// Every quote of customer `id` (every version, those in the trash included).
pub async fn quotes_of(db: &Db, id: Id) -> Result<Vec<Quote>> {
    let tx = db.tx(&[QUOTES], false)?;
    kinds::of_customer::<Quote>(&tx, id).await
}

/// What a quote for customer `id` is written against: every quote of theirs (every version,
/// those in the trash included) and their purchases, as one transaction saw them.
pub async fn quote_context(db: &Db, id: Id) -> Result<(Vec<Quote>, Vec<Purchase>)> {
    let tx = db.tx(&[QUOTES, PURCHASE_PAGES], false)?;
    let quotes = kinds::of_customer::<Quote>(&tx, id).await?;
    let purchases = kinds::of_customer::<Purchase>(&tx, id).await?;
    Ok((quotes, purchases))
}

/// The quote `id`, if stored.
pub async fn quote(db: &Db, id: Id) -> Result<Option<Quote>> {
    let tx = db.tx(&[QUOTES], false)?;
    get(&store_of::<Quote>(&tx)?, &id.to_string()).await
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

/// Rewrites, inside `tx` (over the quotes and the summaries), the quote figures of the
/// summaries of `customers` from their quotes as `tx` now holds them; returns those
/// summaries. A customer without a summary (purged meanwhile) is passed over.
async fn refresh_quote_figures(
    tx: &Transaction<'_>,
    customers: impl IntoIterator<Item = Id>,
) -> Result<Vec<CustomerSummary>> {
    let mut ids: Vec<Id> = customers.into_iter().collect();
    ids.sort();
    ids.dedup();
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let mut changes = Vec::with_capacity(ids.len());
    for id in ids {
        changes.push(Change::Quotes(
            id,
            kinds::of_customer::<Quote>(tx, id).await?,
        ));
    }
    summaries::apply(&store, changes).await
}

/// The one summary of a write about one customer.
fn the_one(mut summaries: Vec<CustomerSummary>) -> Result<CustomerSummary> {
    summaries.pop().ok_or(AppError::NotFound)
}

/// Saves a new or changed quote (an edit, sending, an approval, a rejection) as its next
/// revision, with its customer's quote figures; a quote changed elsewhere since it was read
/// is an [`AppError::Conflict`], a customer gone or in the trash [`AppError::NotFound`].
/// Returns it as written, with the customer's summary.
pub async fn save_quote(db: &Db, q: &Quote) -> Result<(Quote, CustomerSummary)> {
    let tx = db.tx(&[CUSTOMERS, QUOTES, SUMMARIES], true)?;
    customer_present(&tx, q.customer_id).await?;
    let written = put_revision(&store_of::<Quote>(&tx)?, q).await?;
    let summary = the_one(refresh_quote_figures(&tx, [q.customer_id]).await?)?;
    idb::commit(tx).await?;
    Ok((written, summary))
}

/// Saves a new quote under the next number of `today` (`QT-yyyymmdd-nnn`), chosen in the
/// same transaction that writes it, so two tabs saving at once never share a number. Only
/// the quotes made in the last two days are read for it: ids are time-ordered, and a
/// number names the day its quote was made. Returns it as written, with the customer's
/// summary.
pub async fn save_new_quote(
    db: &Db,
    q: &Quote,
    today: chrono::NaiveDate,
) -> Result<(Quote, CustomerSummary)> {
    let tx = db.tx(&[CUSTOMERS, QUOTES, SUMMARIES], true)?;
    customer_present(&tx, q.customer_id).await?;
    let store = store_of::<Quote>(&tx)?;
    let since = Id::from_parts(kinds::now().0.saturating_sub(2 * DAY_MS) as u64, [0; 10]);
    let recent: Vec<Quote> = idb::get_all_in_key_range(&store, &since.to_string(), "~").await?;
    let mut q = q.clone();
    q.number = next_number(today, recent.iter().map(|r| r.number.as_str()));
    let written = put_revision(&store, &q).await?;
    let summary = the_one(refresh_quote_figures(&tx, [q.customer_id]).await?)?;
    idb::commit(tx).await?;
    Ok((written, summary))
}

/// Milliseconds in a day.
const DAY_MS: i64 = 86_400_000;

/// Saves a revision: the version it supersedes (marked so) and the new draft, in one
/// transaction with the customer's quote figures; returns both as written (old, new) and
/// the customer's summary.
pub async fn save_revision(
    db: &Db,
    old: &Quote,
    new: &Quote,
) -> Result<(Quote, Quote, CustomerSummary)> {
    let tx = db.tx(&[CUSTOMERS, QUOTES, SUMMARIES], true)?;
    customer_present(&tx, new.customer_id).await?;
    let store = store_of::<Quote>(&tx)?;
    let old = put_revision(&store, old).await?;
    let new = put_revision(&store, new).await?;
    let summary = the_one(refresh_quote_figures(&tx, [old.customer_id, new.customer_id]).await?)?;
    idb::commit(tx).await?;
    Ok((old, new, summary))
}

/// Writes an accepted quote, its purchases on the customer (with the customer's summary
/// refreshed, so the segmentation sees them) and its won deal — in one transaction: either
/// all are written or none. A quote or deal changed elsewhere since it was read is an
/// [`AppError::Conflict`] and nothing is written.
pub async fn accept_quote(
    db: &Db,
    q: &Quote,
    purchases: &[Purchase],
    deal: Option<&Opportunity>,
) -> Result<(Quote, Option<Opportunity>, CustomerSummary)> {
    let stores: Vec<&str> = owned::stores()
        .into_iter()
        .chain([QUOTES, OPPORTUNITIES])
        .collect();
    let tx = db.tx(&stores, true)?;
    customer_present(&tx, q.customer_id).await?;
    let written = put_revision(&store_of::<Quote>(&tx)?, q).await?;
    let mut books = Books::open(&tx).await?;
    books.load(&[q.customer_id]).await?;
    let mut book = books.book(q.customer_id)?;
    for p in purchases {
        if p.customer_id != q.customer_id {
            return Err(AppError::NotFound);
        }
        Conflict::check(p, book.iter().find(|s| s.id == p.id))
            .map_err(|c| AppError::Conflict(Box::new(c)))?;
        crate::domain::purchase::write(&mut book, p.clone());
    }
    books.set(q.customer_id, &book)?;
    books.flush()?;
    let summary = owned::refresh(&tx, q.customer_id).await?;
    let deal = match deal {
        Some(d) => Some(put_revision(&store_of::<Opportunity>(&tx)?, d).await?),
        None => None,
    };
    idb::commit(tx).await?;
    Ok((written, deal, summary))
}

/// Moves the quotes `ids` to the trash (`Some(now)`) or back (`None`) in one transaction
/// with their customers' quote figures; returns them as written, and those summaries.
pub async fn set_quotes_trashed(
    db: &Db,
    ids: &[Id],
    at: Option<Timestamp>,
) -> Result<(Vec<Quote>, Vec<CustomerSummary>)> {
    let when = at.unwrap_or_else(kinds::now);
    let tx = db.tx(&[QUOTES, SUMMARIES], true)?;
    let written = change_each_in(&tx, ids, |q: &mut Quote| {
        q.deleted_at = at;
        q.updated_at = when;
    })
    .await?;
    let summaries = refresh_quote_figures(&tx, written.iter().map(|q| q.customer_id)).await?;
    idb::commit(tx).await?;
    Ok((written, summaries))
}

/// Deletes the quotes `ids` for good in one transaction, leaving their tombstones, with
/// their customers' quote figures; returns those summaries.
pub async fn purge_quotes(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>> {
    let tx = db.tx(&[QUOTES, SUMMARIES, TOMBSTONES], true)?;
    let gone = purge_in::<Quote>(&tx, ids).await?;
    let summaries = refresh_quote_figures(&tx, gone.iter().map(|q| q.customer_id)).await?;
    idb::commit(tx).await?;
    Ok(summaries)
}
