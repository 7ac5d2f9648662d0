//! The local side of a push: each marked document's body as it is here now, and the rescan
//! that compares every record with what is known to be on the server.

use super::super::error::{AppError, Result};
use super::super::idb::{self, get};
use super::super::kinds::{self, store_of};
use super::super::purchases::{self, Books};
use super::super::schema::{SYNC_DOCS, TOMBSTONES};
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::purchase::Purchase;
use crate::domain::record::{AsyncKindVisitor, Record, Tombstone, for_each_kind_async};
use crate::domain::sync::book::Book;
use crate::domain::sync::doc::{DocError, body_of, doc_id, in_books, parse_doc_id, syncs};
use crate::domain::sync::state::{Known, body_hash};
use crate::domain::time::Timestamp;
use indexed_db_futures::transaction::Transaction;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// A body as it travels; `None` when the record is gone.
pub(crate) type Body = Option<Map<String, Value>>;

fn damaged(e: DocError) -> AppError {
    AppError::Damaged(e.to_string())
}

/// The purchases removed from each customer's book (their tombstones), read inside `tx`.
async fn removed_purchases(tx: &Transaction<'_>) -> Result<HashMap<Id, Vec<(Id, Timestamp)>>> {
    let store = tx.object_store(TOMBSTONES).map_err(idb::convert)?;
    let name = RecordKind::Purchase.name();
    let tombs: Vec<Tombstone> =
        idb::get_all_in_key_range(&store, &format!("{name}:"), &format!("{name}:\u{ffff}")).await?;
    let mut out: HashMap<Id, Vec<(Id, Timestamp)>> = HashMap::new();
    for t in tombs {
        if let (Some(c), Ok(id)) = (t.customer, t.key.parse::<Id>()) {
            out.entry(c).or_default().push((id, t.deleted_at));
        }
    }
    Ok(out)
}

/// The body of `customer`'s book.
fn book_body(customer: Id, purchases: Vec<Purchase>, removed: &[(Id, Timestamp)]) -> Result<Body> {
    if purchases.is_empty() {
        return Ok(None);
    }
    let book = Book::new(customer, purchases, removed.iter().copied());
    match serde_json::to_value(&book) {
        Ok(Value::Object(m)) => Ok(Some(m)),
        _ => Err(damaged(DocError::NotAnObject)),
    }
}

/// The current body of each document `ids` (ids this app does not sync are left out), read
/// inside `tx`, which covers every synced store and the tombstones.
pub(crate) async fn bodies(tx: &Transaction<'_>, ids: &[String]) -> Result<Vec<(String, Body)>> {
    let mut by_kind: BTreeMap<RecordKind, Vec<&str>> = BTreeMap::new();
    for id in ids {
        if let Some((kind, key)) = parse_doc_id(id) {
            by_kind.entry(kind).or_default().push(key);
        }
    }
    struct Read<'a, 'b> {
        tx: &'a Transaction<'b>,
        by_kind: &'a BTreeMap<RecordKind, Vec<&'a str>>,
        out: Vec<(String, Body)>,
    }
    impl AsyncKindVisitor for Read<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            let Some(keys) = self.by_kind.get(&R::KIND) else {
                return Ok(());
            };
            if in_books(R::KIND) {
                let customers: Vec<Id> = keys.iter().filter_map(|k| k.parse().ok()).collect();
                let removed = removed_purchases(self.tx).await?;
                let mut books = Books::open(self.tx).await?;
                for (c, book) in books.books_of(&customers).await? {
                    let gone = removed.get(&c).map(Vec::as_slice).unwrap_or_default();
                    let body = book_body(c, book, gone)?;
                    self.out.push((doc_id(R::KIND, &c.to_string()), body));
                }
                return Ok(());
            }
            let store = store_of::<R>(self.tx)?;
            for key in keys {
                let record: Option<R> = get(&store, key).await?;
                let body = record.as_ref().map(body_of).transpose().map_err(damaged)?;
                self.out.push((doc_id(R::KIND, key), body));
            }
            Ok(())
        }
    }
    let mut read = Read {
        tx,
        by_kind: &by_kind,
        out: Vec::with_capacity(ids.len()),
    };
    for_each_kind_async(&mut read).await?;
    Ok(read.out)
}

/// What is known of the documents `ids` (in their order), read inside `tx`.
pub(crate) async fn knowns(tx: &Transaction<'_>, ids: &[String]) -> Result<Vec<Option<Known>>> {
    let store = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    let mut requests = Vec::with_capacity(ids.len());
    for id in ids {
        requests.push(idb::get_request::<Known>(&store, id)?);
    }
    let mut out = Vec::with_capacity(ids.len());
    for r in requests {
        out.push(r.await?);
    }
    Ok(out)
}

/// Every document whose record here is not what is known to be on the server — changed,
/// new, or gone — read inside `tx` (every synced store, the tombstones and what is known).
pub(crate) async fn differing(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let store = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    let all: Vec<Known> = idb::get_all(&store).await?;
    let mut known: HashMap<String, String> = all.into_iter().map(|k| (k.id, k.hash)).collect();
    struct Scan<'a, 'b> {
        tx: &'a Transaction<'b>,
        known: &'a mut HashMap<String, String>,
        out: Vec<String>,
    }
    impl Scan<'_, '_> {
        fn compare(&mut self, id: String, body: &Body) {
            let hash = body_hash(body.as_ref());
            if self.known.remove(&id).as_deref() != Some(hash.as_str()) {
                self.out.push(id);
            }
        }
    }
    impl AsyncKindVisitor for Scan<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            if !syncs(R::KIND) {
                return Ok(());
            }
            if in_books(R::KIND) {
                let removed = removed_purchases(self.tx).await?;
                let mut books: BTreeMap<Id, Vec<Purchase>> = BTreeMap::new();
                purchases::each_page(self.tx, |page| {
                    for p in page {
                        books.entry(p.customer_id).or_default().push(p);
                    }
                })
                .await?;
                for (c, book) in books {
                    let gone = removed.get(&c).map(Vec::as_slice).unwrap_or_default();
                    let body = book_body(c, book, gone)?;
                    self.compare(doc_id(R::KIND, &c.to_string()), &body);
                }
                return Ok(());
            }
            for record in kinds::read_all::<R>(self.tx).await? {
                let body = Some(body_of(&record).map_err(damaged)?);
                self.compare(doc_id(R::KIND, &record.key()), &body);
            }
            Ok(())
        }
    }
    let mut scan = Scan {
        tx,
        known: &mut known,
        out: Vec::new(),
    };
    for_each_kind_async(&mut scan).await?;
    let mut out = scan.out;
    // Known on the server, not deleted there, and gone here.
    out.extend(
        known
            .into_iter()
            .filter(|(_, hash)| hash != &body_hash(None))
            .map(|(id, _)| id),
    );
    Ok(out)
}
