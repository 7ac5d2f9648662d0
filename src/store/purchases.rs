//! Purchases, stored as one book per customer: `{id, customer_id, data: Uint8Array}` keyed by
//! the customer's id, the bytes being every purchase of that customer
//! (`domain::purchase::encode_book`). A customer's purchases are always read and written
//! together, so a million purchases are a hundred thousand small byte strings, which the
//! browser stores and clones an order of magnitude faster than a million objects.
//!
//! Databases written before version 7 kept one object per purchase in the `purchases` store;
//! [`migrate`] moves them into books in one transaction when the database is opened.

use super::idb::{self, Db};
use super::schema::{PURCHASE_BOOKS, PURCHASES};
use super::{AppError, Result};
use crate::domain::id::Id;
use crate::domain::purchase::{Purchase, books_by_customer, decode_book, encode_book, upsert};
use indexed_db_futures::KeyRange;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;

/// A book as stored.
#[derive(Serialize, Deserialize)]
struct BookRecord {
    /// The customer's id (the key).
    id: String,
    /// The same id, for the by-customer index that every per-customer store has.
    customer_id: String,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

fn decode(record: BookRecord) -> Result<Vec<Purchase>> {
    decode_book(&record.data).map_err(|e| AppError::Damaged(e.to_string()))
}

/// Issues the write of `customer`'s book: its purchases, or no book when there are none.
pub(crate) fn put_book<P: Borrow<Purchase> + Serialize>(
    store: &ObjectStore<'_>,
    customer: Id,
    purchases: &[P],
) -> Result<()> {
    let key = customer.to_string();
    if purchases.is_empty() {
        return idb::delete(store, &key);
    }
    idb::put(
        store,
        &BookRecord {
            id: key.clone(),
            customer_id: key,
            data: encode_book(purchases),
        },
    )
}

/// The purchases of one customer, in the order stored.
pub(crate) async fn book_of(store: &ObjectStore<'_>, customer: Id) -> Result<Vec<Purchase>> {
    match idb::get::<BookRecord>(store, &customer.to_string()).await? {
        Some(record) => decode(record),
        None => Ok(Vec::new()),
    }
}

/// The books of `customers`: every read is issued before the first is awaited, so the
/// browser runs them back to back.
pub(crate) async fn books_of(
    store: &ObjectStore<'_>,
    customers: &[Id],
) -> Result<Vec<(Id, Vec<Purchase>)>> {
    if let Some(books) = books_in_range(store, customers).await? {
        return Ok(books);
    }
    let mut reads = Vec::with_capacity(customers.len());
    for id in customers {
        reads.push(idb::get_request::<BookRecord>(store, &id.to_string())?);
    }
    let mut out = Vec::with_capacity(customers.len());
    for (id, read) in customers.iter().zip(reads) {
        let book = match read.await? {
            Some(record) => decode(record)?,
            None => Vec::new(),
        };
        out.push((*id, book));
    }
    Ok(out)
}

/// The books of many customers given in ascending order and lying close together (a step of
/// a bulk import, which goes through the customers in id order), read with one range request
/// instead of a request each. `None` when they are few or spread out: the range would hold
/// more other customers' books than theirs.
async fn books_in_range(
    store: &ObjectStore<'_>,
    customers: &[Id],
) -> Result<Option<Vec<(Id, Vec<Purchase>)>>> {
    let (Some(first), Some(last)) = (customers.first(), customers.last()) else {
        return Ok(None);
    };
    if customers.len() < 64 || !customers.is_sorted() {
        return Ok(None);
    }
    // Keys are hyphenated lowercase hex: their text order is the ids' order.
    let range = || KeyRange::Bound(first.to_string(), false, last.to_string(), false);
    let stored: u32 = store
        .count()
        .with_query::<String, _>(range())
        .primitive()
        .map_err(idb::convert)?
        .await
        .map_err(idb::convert)?;
    if stored as usize > 2 * customers.len() {
        return Ok(None);
    }
    let mut records = store
        .get_all::<BookRecord>()
        .with_query::<String, _>(range())
        .serde()
        .map_err(idb::convert)?
        .await
        .map_err(idb::convert)?
        .peekable();
    let mut out = Vec::with_capacity(customers.len());
    for id in customers {
        let key = id.to_string();
        let mut book = Vec::new();
        // Records come in key order: skip those of customers not asked for.
        while let Some(record) = records.next_if(|r| r.as_ref().map_or(true, |r| r.id <= key)) {
            let record = record.map_err(idb::convert)?;
            if record.id == key {
                book = decode(record)?;
            }
        }
        out.push((*id, book));
    }
    Ok(Some(out))
}

/// Every purchase of every customer.
pub(crate) async fn all_purchases(store: &ObjectStore<'_>) -> Result<Vec<Purchase>> {
    let mut out = Vec::new();
    // One book's bytes at a time in wasm memory.
    for value in idb::get_all_js(store).await? {
        out.append(&mut decode(idb::from_js(value)?)?);
    }
    Ok(out)
}

/// The books store of `tx`.
pub(crate) fn books<'a>(tx: &'a Transaction<'_>) -> Result<ObjectStore<'a>> {
    tx.object_store(PURCHASE_BOOKS).map_err(idb::convert)
}

/// Adds purchases grouped by customer (`books_by_customer`) to the books in `store`,
/// replacing purchases with the same id: each book concerned is read, merged and written
/// once. Returns the books as written.
pub(crate) async fn merge_into_books(
    store: &ObjectStore<'_>,
    grouped: &[(Id, Vec<&Purchase>)],
) -> Result<Vec<(Id, Vec<Purchase>)>> {
    let ids: Vec<Id> = grouped.iter().map(|(id, _)| *id).collect();
    let mut books = books_of(store, &ids).await?;
    for ((id, book), (_, new)) in books.iter_mut().zip(grouped) {
        for p in new {
            upsert(book, (*p).clone());
        }
        put_book(store, *id, book)?;
    }
    Ok(books)
}

/// Moves purchases stored one object each (before version 7) into books, in one transaction:
/// either all of them move or none. Does nothing when there are none.
pub(crate) async fn migrate(db: &Db) -> Result<()> {
    let tx = db.tx(&[PURCHASES, PURCHASE_BOOKS], true)?;
    let legacy = tx.object_store(PURCHASES).map_err(idb::convert)?;
    let n: u32 = legacy
        .count()
        .primitive()
        .map_err(idb::convert)?
        .await
        .map_err(idb::convert)?;
    if n == 0 {
        return idb::commit(tx).await;
    }
    let old: Vec<Purchase> = idb::get_all(&legacy).await?;
    let grouped: Vec<(Id, Vec<&Purchase>)> = books_by_customer(&old).into_iter().collect();
    merge_into_books(&books(&tx)?, &grouped).await?;
    legacy.clear().map_err(idb::convert)?;
    idb::commit(tx).await
}
