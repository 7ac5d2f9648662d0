//! The store's half of the record kinds' declaration (the pure half is `domain::kinds`): the
//! object store each kind lives in and how one customer's records are found there; and the
//! operations every kind shares, written once over [`Record`]: encode with the index
//! properties, read all, add new ones, write a new revision, read and delete one customer's,
//! and leave tombstones behind. Backup, restore, merge, purge and the customer page walk the
//! kinds with these.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::purchases::{self, Books};
use super::schema::{
    ANALYSES, BY_CUSTOMER, CHURN_EVENTS, COMPLAINTS, CONTACTS, CUSTOMERS, IMPORTS, INTERACTIONS,
    LEAD_INTERACTIONS, LEADS, LEGACY_STORES, LOYALTY_RATINGS, MEMBERS, OPPORTUNITIES, PACKED,
    PIPELINES, PRICE_AGREEMENTS, PRODUCTS, PURCHASE_PAGES, QUOTE_POLICIES, QUOTES, RESPONSES,
    SEGMENTS, SUMMARIES, SURVEYS, TOMBSTONES, WINBACKS,
};
use crate::domain::conflict::Conflict;
use crate::domain::id::Id;
use crate::domain::purchase::{Purchase, books_by_customer};
use crate::domain::record::{Record, RecordKind, Rev, Tombstone};
use crate::domain::time::Timestamp;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::transaction::Transaction;
use std::any::Any;
use wasm_bindgen::JsValue;

/// How a customer's records of a kind are found in its store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PerCustomer {
    /// The kind does not belong to customers.
    No,
    /// Through the store's [`BY_CUSTOMER`] index.
    Index,
    /// The record's key is the customer's id (one record per customer at most).
    Key,
    /// In the customer's purchase book, inside the pages of [`PURCHASE_PAGES`].
    Book,
}

/// Where a kind lives.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    /// Its object store (created by `schema::upgrade`).
    pub store: &'static str,
    pub per_customer: PerCustomer,
}

/// The store of every kind. A new kind adds its line here (and its store in
/// `schema::upgrade`); the match makes forgetting it a compile error.
pub(crate) fn spec(kind: RecordKind) -> Spec {
    use PerCustomer::*;
    let (store, per_customer) = match kind {
        RecordKind::Customer => (CUSTOMERS, No),
        RecordKind::Contact => (CONTACTS, Index),
        RecordKind::Interaction => (INTERACTIONS, Index),
        RecordKind::Purchase => (PURCHASE_PAGES, Book),
        RecordKind::Member => (MEMBERS, No),
        RecordKind::Segment => (SEGMENTS, No),
        RecordKind::Complaint => (COMPLAINTS, Index),
        RecordKind::ChurnEvent => (CHURN_EVENTS, Index),
        RecordKind::WinBack => (WINBACKS, Index),
        RecordKind::LoyaltyRating => (LOYALTY_RATINGS, Key),
        RecordKind::Survey => (SURVEYS, No),
        RecordKind::Response => (RESPONSES, Index),
        RecordKind::Lead => (LEADS, No),
        RecordKind::LeadActivity => (LEAD_INTERACTIONS, No),
        RecordKind::Pipeline => (PIPELINES, No),
        RecordKind::Opportunity => (OPPORTUNITIES, Index),
        RecordKind::Product => (PRODUCTS, No),
        RecordKind::PriceAgreement => (PRICE_AGREEMENTS, No),
        RecordKind::Quote => (QUOTES, Index),
        RecordKind::QuotePolicy => (QUOTE_POLICIES, No),
        RecordKind::ImportJournal => (IMPORTS, No),
    };
    debug_assert_eq!(
        per_customer != No,
        kind.owned_by_customer(),
        "{kind:?}: per-customer lookup and ownership disagree"
    );
    Spec {
        store,
        per_customer,
    }
}

/// Every store that holds user data, from the kinds' declaration: each kind's store (the
/// import journal apart), the summaries, the analysis and the packs kept from them, and the
/// stores of earlier versions. A restore replaces all of them; a new kind is among them through its
/// [`spec`].
pub(crate) fn data_stores() -> Vec<&'static str> {
    let mut stores: Vec<&'static str> = RecordKind::ALL
        .iter()
        .filter(|k| **k != RecordKind::ImportJournal)
        .map(|k| spec(*k).store)
        .chain([SUMMARIES, ANALYSES, PACKED])
        .chain(LEGACY_STORES)
        .collect();
    stores.sort_unstable();
    stores.dedup();
    stores
}

/// The object store of `R` in `tx`.
pub(crate) fn store_of<'a, R: Record>(tx: &'a Transaction<'_>) -> Result<ObjectStore<'a>> {
    tx.object_store(spec(R::KIND).store).map_err(idb::convert)
}

/// The record as IndexedDB stores it: its fields, and the properties its indexes read.
pub(crate) fn encode<R: Record>(record: &R) -> Result<JsValue> {
    let js = idb::to_js(record)?;
    for (name, value) in record.index_props() {
        js_sys::Reflect::set(&js, &JsValue::from_str(name), &JsValue::from_str(&value))
            .map_err(|_| AppError::Storage(format!("cannot set {name}")))?;
    }
    Ok(js)
}

/// The record as stored at revision `rev` (without cloning it).
pub(crate) fn encode_at<R: Record>(record: &R, rev: Rev) -> Result<JsValue> {
    let js = encode(record)?;
    js_sys::Reflect::set(&js, &JsValue::from_str("rev"), &JsValue::from(rev.0))
        .map_err(|_| AppError::Storage("cannot set rev".into()))?;
    Ok(js)
}

/// Writes `record` as its next revision into `store`, inside the caller's transaction, and
/// returns it as written — provided the stored record is still at the revision `record` was
/// read at (a new record: revision 0); otherwise nothing is written and the error is an
/// [`AppError::Conflict`] carrying the stored version. Every edit of a record stored one
/// object each goes through here.
pub(crate) async fn put_revision<R: Record>(store: &ObjectStore<'_>, record: &R) -> Result<R> {
    let stored: Option<R> = get(store, &record.key()).await?;
    Conflict::check(record, stored.as_ref()).map_err(|c| AppError::Conflict(Box::new(c)))?;
    let mut written = record.clone();
    written.set_rev(Rev::after(record.rev(), stored.map(|s| s.rev())));
    idb::put_js(store, encode(&written)?)?;
    Ok(written)
}

/// The stored revision of the record under `record`'s key, `None` when none is stored: what
/// an open form compares with the revision it was opened on, to say that the record changed
/// elsewhere.
pub async fn stored_rev<R: Record>(db: &Db, record: &R) -> Result<Option<u32>> {
    if let Some(p) = as_purchase(record) {
        let tx = db.tx(&[PURCHASE_PAGES], false)?;
        let book = purchases::book_of(&tx, p.customer_id).await?;
        return Ok(book.iter().find(|q| q.id == p.id).map(|q| q.rev.0));
    }
    let tx = db.tx(&[spec(R::KIND).store], false)?;
    let stored: Option<R> = get(&store_of::<R>(&tx)?, &record.key()).await?;
    Ok(stored.map(|s| s.rev().0))
}

/// Adds records that do not exist yet (the add fails, aborting the transaction, if one does),
/// each at its next revision.
pub(crate) fn add_new<R: Record>(store: &ObjectStore<'_>, records: &[R]) -> Result<()> {
    for r in records {
        let js = encode_at(r, Rev::after(r.rev(), None))?;
        idb::add_js(store, js)?;
    }
    Ok(())
}

/// Every record of kind `R`, read inside `tx`.
pub(crate) async fn read_all<R: Record>(tx: &Transaction<'_>) -> Result<Vec<R>> {
    if R::KIND == RecordKind::Purchase {
        let mut all = purchases::all_purchases(tx).await?;
        all.sort_by_key(|p| p.id);
        return Ok(cast(all));
    }
    idb::get_all(&store_of::<R>(tx)?).await
}

/// Writes `records` as they are (revisions kept: a restore) into the store of `R`, which the
/// caller has just cleared.
pub(crate) fn write_restored<R: Record>(tx: &Transaction<'_>, records: &[R]) -> Result<()> {
    if R::KIND == RecordKind::Purchase {
        let purchases: Vec<&Purchase> = records.iter().filter_map(as_purchase).collect();
        return purchases::write_cleared(tx, &books_by_customer(purchases));
    }
    let store = store_of::<R>(tx)?;
    for r in records {
        idb::add_js(&store, encode(r)?)?;
    }
    Ok(())
}

/// The records of kind `R` of one customer, read inside `tx` (which covers its store).
pub(crate) async fn of_customer<R: Record>(tx: &Transaction<'_>, customer: Id) -> Result<Vec<R>> {
    let key = customer.to_string();
    match spec(R::KIND).per_customer {
        PerCustomer::No => Ok(Vec::new()),
        PerCustomer::Index => idb::of_customer(tx, spec(R::KIND).store, &key).await,
        PerCustomer::Key => Ok(get(&store_of::<R>(tx)?, &key).await?.into_iter().collect()),
        PerCustomer::Book => Ok(cast(purchases::book_of(tx, customer).await?)),
    }
}

/// Deletes the records of kind `R` of the customers `ids` inside `tx` and returns their
/// tombstones. Purchases are left to the caller, which removes all the customers' books at
/// once (a customer's tombstone stands for its purchases).
pub(crate) async fn delete_of_customers<R: Record>(
    tx: &Transaction<'_>,
    ids: &[Id],
    now: Timestamp,
) -> Result<Vec<Tombstone>> {
    let store = store_of::<R>(tx)?;
    let mut gone = Vec::new();
    for id in ids {
        let key = id.to_string();
        let records: Vec<R> = match spec(R::KIND).per_customer {
            PerCustomer::No | PerCustomer::Book => Vec::new(),
            PerCustomer::Index => idb::get_all_by(&store, BY_CUSTOMER, &key).await?,
            PerCustomer::Key => get(&store, &key).await?.into_iter().collect(),
        };
        for r in records {
            idb::delete(&store, &r.key())?;
            gone.push(Tombstone::of(&r, now));
        }
    }
    Ok(gone)
}

/// Deletes the record `key` of kind `R` from `store` and returns its tombstone, or
/// [`AppError::NotFound`].
pub(crate) async fn delete_one<R: Record>(
    store: &ObjectStore<'_>,
    key: &str,
    now: Timestamp,
) -> Result<(R, Tombstone)> {
    let record: R = get(store, key).await?.ok_or(AppError::NotFound)?;
    idb::delete(store, key)?;
    let tomb = Tombstone::of(&record, now);
    Ok((record, tomb))
}

/// Writes tombstones inside `tx` (which covers [`TOMBSTONES`]).
pub(crate) fn bury(tx: &Transaction<'_>, tombstones: &[Tombstone]) -> Result<()> {
    if tombstones.is_empty() {
        return Ok(());
    }
    let store = tx.object_store(TOMBSTONES).map_err(idb::convert)?;
    for t in tombstones {
        idb::put(&store, t)?;
    }
    Ok(())
}

/// `Vec<Purchase>` as `Vec<R>` where `R` is `Purchase` (checked by the caller through
/// `R::KIND`; an empty list otherwise, which cannot happen).
fn cast<R: Record>(purchases: Vec<Purchase>) -> Vec<R> {
    let boxed: Box<dyn Any> = Box::new(purchases);
    boxed.downcast::<Vec<R>>().map(|b| *b).unwrap_or_default()
}

/// `r` as a purchase, where `R` is `Purchase`.
fn as_purchase<R: Record>(r: &R) -> Option<&Purchase> {
    (r as &dyn Any).downcast_ref::<Purchase>()
}

/// Removes the purchase books of `ids` inside `tx`; returns how many had one.
pub(crate) async fn delete_books(tx: &Transaction<'_>, ids: &[Id]) -> Result<usize> {
    Books::open(tx).await?.remove(ids).await
}

/// The time of a write, from the browser's clock.
pub(crate) fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Saves one record in a transaction of its own, as its next revision; returns it as written.
/// For the kinds whose writes change nothing else (not the summaries).
pub(crate) async fn save_alone<R: Record>(db: &Db, record: &R) -> Result<R> {
    let tx = db.tx(&[spec(R::KIND).store], true)?;
    let written = put_revision(&store_of::<R>(&tx)?, record).await?;
    idb::commit(tx).await?;
    Ok(written)
}

/// Deletes the record `key` of kind `R` for good in a transaction of its own, leaving its
/// tombstone; [`AppError::NotFound`] if there is none.
pub(crate) async fn delete_alone<R: Record>(db: &Db, key: &str) -> Result<R> {
    let tx = db.tx(&[spec(R::KIND).store, TOMBSTONES], true)?;
    let (record, tomb) = delete_one::<R>(&store_of::<R>(&tx)?, key, now()).await?;
    bury(&tx, &[tomb])?;
    idb::commit(tx).await?;
    Ok(record)
}

/// Changes each of the records `ids` of kind `R` (a store of their own, not a customer's
/// book) with `change` and writes it as its next revision, all in one transaction: a record
/// that is gone fails the whole change ([`AppError::NotFound`]). Returns them as written.
pub(crate) async fn change_each<R: Record>(
    db: &Db,
    ids: &[Id],
    change: impl Fn(&mut R),
) -> Result<Vec<R>> {
    let tx = db.tx(&[spec(R::KIND).store], true)?;
    let written = change_each_in(&tx, ids, change).await?;
    idb::commit(tx).await?;
    Ok(written)
}

/// [`change_each`] inside the caller's transaction `tx`.
pub(crate) async fn change_each_in<R: Record>(
    tx: &Transaction<'_>,
    ids: &[Id],
    change: impl Fn(&mut R),
) -> Result<Vec<R>> {
    let store = store_of::<R>(tx)?;
    let mut written = Vec::with_capacity(ids.len());
    for id in ids {
        let mut r: R = get(&store, &id.to_string())
            .await?
            .ok_or(AppError::NotFound)?;
        change(&mut r);
        written.push(put_revision(&store, &r).await?);
    }
    Ok(written)
}

/// Deletes the records `ids` of kind `R` for good in one transaction, leaving their
/// tombstones.
pub(crate) async fn purge_alone<R: Record>(db: &Db, ids: &[Id]) -> Result<()> {
    let tx = db.tx(&[spec(R::KIND).store, TOMBSTONES], true)?;
    purge_in::<R>(&tx, ids).await?;
    idb::commit(tx).await
}

/// [`purge_alone`] inside the caller's transaction `tx` (which covers the tombstones);
/// returns the records deleted.
pub(crate) async fn purge_in<R: Record>(tx: &Transaction<'_>, ids: &[Id]) -> Result<Vec<R>> {
    let store = store_of::<R>(tx)?;
    let at = now();
    let mut tombs = Vec::with_capacity(ids.len());
    let mut gone = Vec::with_capacity(ids.len());
    for id in ids {
        let (record, tomb) = delete_one::<R>(&store, &id.to_string(), at).await?;
        tombs.push(tomb);
        gone.push(record);
    }
    bury(tx, &tombs)?;
    Ok(gone)
}

/// Every record of kind `R`, in a transaction of its own.
pub(crate) async fn all_alone<R: Record>(db: &Db) -> Result<Vec<R>> {
    let tx = db.tx(&[spec(R::KIND).store], false)?;
    read_all(&tx).await
}
