//! Purchases, stored as pages of books: `{start, data: Uint8Array}` keyed by the lowest
//! customer id a page may hold, the bytes being the books of its customers
//! (`domain::purchase_page`). A customer's purchases are always read and written together, and
//! a page holds a few hundred customers' books, so a million purchases are a few hundred
//! records: the browser's cost per record written (about 40 µs) is paid a few hundred times
//! instead of once per customer.
//!
//! Every read and write goes through [`Books`], which reads the page keys once, each page once,
//! and writes each changed page once, split when it has grown too large.
//!
//! Databases written before version 8 kept one book per customer in `purchase_books`, and
//! before version 7 one object per purchase in `purchases`; `store::upgrade` moves both into
//! pages in one transaction when the database is opened.

use super::error::{AppError, Result};
use super::idb::{self, Db};
use super::kinds;
use super::owned;
use super::schema::PURCHASE_PAGES;
use crate::domain::conflict::Conflict;
use crate::domain::id::Id;
use crate::domain::purchase::Purchase;
use crate::domain::purchase_page::{FIRST_PAGE, Page, page_of};
use crate::domain::record::Tombstone;
use crate::domain::summary::CustomerSummary;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

/// A page as stored.
#[derive(Serialize, Deserialize)]
struct PageRecord {
    start: String,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

/// Issues the write of `page` under key `start`.
fn put_page(store: &ObjectStore<'_>, start: String, page: &Page) -> Result<()> {
    idb::put(
        store,
        &PageRecord {
            start,
            data: page.encode(),
        },
    )
}

pub(crate) fn damaged(e: impl std::fmt::Display) -> AppError {
    AppError::Damaged(e.to_string())
}

/// The purchase books of one transaction: pages are read when first needed and written by
/// [`Books::flush`], each once however many of its customers changed.
pub(crate) struct Books<'a> {
    store: ObjectStore<'a>,
    /// Every page's key, ascending, [`FIRST_PAGE`] first.
    keys: Vec<String>,
    /// Pages read so far, by key.
    pages: BTreeMap<String, Page>,
    /// Keys of the pages changed since read.
    changed: BTreeSet<String>,
}

impl<'a> Books<'a> {
    /// The books in `tx`, which must cover [`PURCHASE_PAGES`]: reads the page keys.
    pub(crate) async fn open(tx: &'a Transaction<'_>) -> Result<Books<'a>> {
        let store = tx.object_store(PURCHASE_PAGES).map_err(idb::convert)?;
        let mut keys = idb::all_keys(&store).await?;
        if keys.first().map(String::as_str) != Some(FIRST_PAGE) {
            keys.insert(0, FIRST_PAGE.to_string());
        }
        Ok(Books {
            store,
            keys,
            pages: BTreeMap::new(),
            changed: BTreeSet::new(),
        })
    }

    fn key_of(&self, customer: Id) -> &str {
        &self.keys[page_of(&self.keys, customer)]
    }

    /// Reads the pages of `customers` not read yet: every read is issued before the first is
    /// awaited, so the browser runs them back to back.
    pub(crate) async fn load(&mut self, customers: &[Id]) -> Result<()> {
        let wanted: BTreeSet<String> = customers
            .iter()
            .map(|c| self.key_of(*c).to_string())
            .filter(|k| !self.pages.contains_key(k))
            .collect();
        let mut reads = Vec::with_capacity(wanted.len());
        for key in &wanted {
            reads.push(idb::get_request::<PageRecord>(&self.store, key)?);
        }
        let mut read = Vec::with_capacity(wanted.len());
        for (key, request) in wanted.into_iter().zip(reads) {
            let page = match request.await? {
                Some(record) => Page::decode(&record.data).map_err(damaged)?,
                None => Page::default(),
            };
            read.push((key, page));
        }
        self.pages.extend(read);
        Ok(())
    }

    fn page(&self, customer: Id) -> Result<&Page> {
        self.pages
            .get(self.key_of(customer))
            .ok_or_else(|| AppError::Storage(format!("purchase page of {customer} not read")))
    }

    /// The purchases of `customer`, whose page must have been [loaded](Books::load).
    pub(crate) fn book(&self, customer: Id) -> Result<Vec<Purchase>> {
        self.page(customer)?.book(customer).map_err(damaged)
    }

    /// Whether `customer` has any purchase (page loaded).
    pub(crate) fn has(&self, customer: Id) -> Result<bool> {
        Ok(self.page(customer)?.has(customer))
    }

    /// Makes `purchases` the book of `customer` (page loaded); none remove it. Written by
    /// [`Books::flush`].
    pub(crate) fn set<P: Borrow<Purchase>>(&mut self, customer: Id, purchases: &[P]) -> Result<()> {
        let key = self.key_of(customer).to_string();
        let page = self
            .pages
            .get_mut(&key)
            .ok_or_else(|| AppError::Storage(format!("purchase page of {customer} not read")))?;
        page.set(customer, purchases);
        self.changed.insert(key);
        if let Some(m) = super::sync::Mark::of(&self.store) {
            m.book(customer)?;
        }
        Ok(())
    }

    /// The purchases of `customers`, reading their pages.
    pub(crate) async fn books_of(&mut self, customers: &[Id]) -> Result<Vec<(Id, Vec<Purchase>)>> {
        self.load(customers).await?;
        customers.iter().map(|c| Ok((*c, self.book(*c)?))).collect()
    }

    /// Issues the writes of every changed page (split when it has grown too large; deleted when
    /// empty, the first page excepted) and forgets the pages read, so a long operation holds
    /// one step's pages at a time.
    pub(crate) fn flush(&mut self) -> Result<()> {
        let changed = std::mem::take(&mut self.changed);
        let mut pages = std::mem::take(&mut self.pages);
        for key in changed {
            let Some(page) = pages.remove(&key) else {
                continue;
            };
            if page.is_empty() && key != FIRST_PAGE {
                idb::delete(&self.store, &key)?;
                if let Ok(i) = self.keys.binary_search(&key) {
                    self.keys.remove(i);
                }
                continue;
            }
            for (start, piece) in page.into_pages(key) {
                put_page(&self.store, start.clone(), &piece)?;
                if let Err(i) = self.keys.binary_search(&start) {
                    self.keys.insert(i, start);
                }
            }
        }
        Ok(())
    }

    /// Adds purchases grouped by customer (`books_by_customer`), replacing purchases with the
    /// same id: each page concerned is read and written once. Returns the books as written.
    pub(crate) async fn merge(
        &mut self,
        grouped: &[(Id, Vec<&Purchase>)],
        as_new_revisions: bool,
    ) -> Result<Vec<(Id, Vec<Purchase>)>> {
        let ids: Vec<Id> = grouped.iter().map(|(id, _)| *id).collect();
        let mut books = self.books_of(&ids).await?;
        for ((id, book), (_, new)) in books.iter_mut().zip(grouped) {
            for p in new {
                if as_new_revisions {
                    crate::domain::purchase::write(book, (*p).clone());
                } else {
                    crate::domain::purchase::upsert(book, (*p).clone());
                }
            }
            self.set(*id, book)?;
        }
        self.flush()?;
        Ok(books)
    }

    /// Removes the books of `customers`; returns how many had one.
    pub(crate) async fn remove(&mut self, customers: &[Id]) -> Result<usize> {
        self.load(customers).await?;
        let mut n = 0;
        for c in customers {
            if self.has(*c)? {
                self.set::<Purchase>(*c, &[])?;
                n += 1;
            }
        }
        self.flush()?;
        Ok(n)
    }
}

/// Writes every customer's book into the pages store of `tx`, which the caller has just
/// cleared (a restore): nothing is read, and the pages come out split to size.
pub(crate) fn write_cleared<P: Borrow<Purchase>>(
    tx: &Transaction<'_>,
    books: &BTreeMap<Id, Vec<P>>,
) -> Result<()> {
    let store = tx.object_store(PURCHASE_PAGES).map_err(idb::convert)?;
    let mut page = Page::default();
    for (customer, book) in books {
        page.set(*customer, book);
    }
    for (start, piece) in page.into_pages(FIRST_PAGE.to_string()) {
        put_page(&store, start, &piece)?;
    }
    Ok(())
}

/// The purchases of one customer, in the order stored, read inside `tx`.
pub(crate) async fn book_of(tx: &Transaction<'_>, customer: Id) -> Result<Vec<Purchase>> {
    // The page holding the book is the one with the greatest key not above the customer's
    // id: one request, where [`Books::open`] reads every page's key first (which reads
    // every page: 12 ms of a customer's page at a million purchases).
    let store = tx.object_store(PURCHASE_PAGES).map_err(idb::convert)?;
    match idb::last_at_or_below::<PageRecord>(&store, &customer.to_string()).await? {
        Some(record) => Page::decode(&record.data)
            .and_then(|page| page.book(customer))
            .map_err(damaged),
        None => Ok(Vec::new()),
    }
}

/// Every purchase of every customer, read inside `tx`.
pub(crate) async fn all_purchases(tx: &Transaction<'_>) -> Result<Vec<Purchase>> {
    let mut out = Vec::new();
    each_page(tx, |mut page| out.append(&mut page)).await?;
    Ok(out)
}

/// Every purchase of every customer, read inside `tx` and given to `f` a page at a time: one
/// page's bytes and purchases at a time in wasm memory.
pub(crate) async fn each_page(
    tx: &Transaction<'_>,
    mut f: impl FnMut(Vec<Purchase>),
) -> Result<()> {
    let store = tx.object_store(PURCHASE_PAGES).map_err(idb::convert)?;
    for value in idb::get_all_js(&store).await? {
        let record: PageRecord = idb::from_js(value)?;
        f(Page::decode(&record.data)
            .map_err(damaged)?
            .purchases()
            .map_err(damaged)?);
    }
    Ok(())
}

/// Saves a purchase (new, or a new revision of an edited one) into its customer's book; an
/// edited one only while the stored one is at the revision it was read at (see
/// [`kinds::put_revision`]).
pub async fn save_purchase(db: &Db, p: &Purchase) -> Result<CustomerSummary> {
    let tx = db.tx(&owned::stores(), true)?;
    let mut books = Books::open(&tx).await?;
    books.load(&[p.customer_id]).await?;
    let mut book = books.book(p.customer_id)?;
    let stored = book.iter().find(|s| s.id == p.id);
    Conflict::check(p, stored).map_err(|c| AppError::Conflict(Box::new(c)))?;
    crate::domain::purchase::write(&mut book, p.clone());
    books.set(p.customer_id, &book)?;
    books.flush()?;
    let summary = owned::refresh(&tx, p.customer_id).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Deletes purchase `id` of customer `customer_id` for good, leaving its tombstone.
pub async fn delete_purchase(db: &Db, customer_id: Id, id: Id) -> Result<CustomerSummary> {
    let tx = db.tx(&owned::stores(), true)?;
    let mut books = Books::open(&tx).await?;
    books.load(&[customer_id]).await?;
    let mut book = books.book(customer_id)?;
    let at = book
        .iter()
        .position(|p| p.id == id)
        .ok_or(AppError::NotFound)?;
    let gone = book.remove(at);
    books.set(customer_id, &book)?;
    books.flush()?;
    kinds::bury(&tx, &[Tombstone::of(&gone, kinds::now())])?;
    let summary = owned::refresh(&tx, customer_id).await?;
    idb::commit(tx).await?;
    Ok(summary)
}
