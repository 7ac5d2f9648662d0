//! Taking a batch of documents that came down: each checked as its kind's record (a document
//! that is not one, or whose customer does not exist here, is reported and skipped), written
//! at the next local revision, with the summaries of the customers it touches and the
//! checkpoint — all in one transaction, so a failure leaves nothing half-taken and the batch
//! is read again.

use super::super::customers::delete_owned;
use super::super::error::{AppError, Result};
use super::super::idb::{self, Db, get};
use super::super::kinds::{self, store_of};
use super::super::purchases::Books;
use super::super::schema::{
    CUSTOMERS, SUMMARIES, SUMMARISED, SYNC_DOCS, SYNC_META, SYNC_OUTBOX, TOMBSTONES,
};
use super::super::summaries::{self, Change};
use super::Report;
use super::marks::{Marked, synced_stores};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::purchase::Purchase;
use crate::domain::record::{AsyncKindVisitor, Record, Rev, Tombstone, for_each_kind_async};
use crate::domain::sync::doc::{DocError, Incoming, body_of, book_of, doc_id, in_books, record_of};
use crate::domain::sync::protocol::Seq;
use crate::domain::sync::state::{Known, Take, body_hash, take};
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A document that came down, with the other versions the server keeps beside it.
#[derive(Clone, Debug)]
pub(crate) struct Arrived {
    pub doc: Incoming,
    pub conflicts: Vec<String>,
}

/// The checkpoint as kept here: which sync it belongs to and how far it read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Checkpoint {
    pub k: String,
    /// `protocol::checkpoint_id` of the device and server.
    pub id: String,
    pub seq: serde_json::Value,
}

/// The key of the checkpoint in [`SYNC_META`].
pub(crate) const CHECKPOINT: &str = "checkpoint";

/// The checkpoint kept here for the sync `id`, if any.
pub(crate) async fn local_checkpoint(db: &Db, id: &str) -> Result<Option<Seq>> {
    let tx = db.tx(&[SYNC_META], false)?;
    let store = tx.object_store(SYNC_META).map_err(idb::convert)?;
    let cp: Option<Checkpoint> = get(&store, CHECKPOINT).await?;
    Ok(cp.filter(|c| c.id == id).map(|c| Seq(c.seq)))
}

/// The stores an apply writes.
fn stores() -> Vec<&'static str> {
    let mut s = synced_stores();
    s.extend(SUMMARISED);
    s.extend([TOMBSTONES, SYNC_DOCS, SYNC_OUTBOX, SYNC_META]);
    s.sort_unstable();
    s.dedup();
    s
}

/// Takes `arrived` and moves the checkpoint of the sync `checkpoint` to `seq`, in one
/// transaction; adds to `report` what was taken, skipped and left waiting. Returns the
/// customers whose records changed.
pub(crate) async fn apply(
    db: &Db,
    arrived: &[Arrived],
    checkpoint: &str,
    seq: &Seq,
    report: &mut Report,
) -> Result<Vec<Id>> {
    let tx = db.tx(&stores(), true)?;
    let mut by_kind: BTreeMap<RecordKind, Vec<&Arrived>> = BTreeMap::new();
    for a in arrived {
        by_kind.entry(a.doc.kind).or_default().push(a);
    }
    let mut visit = Apply {
        tx: &tx,
        by_kind: &by_kind,
        known: Vec::new(),
        taken: Vec::new(),
        touched: BTreeSet::new(),
        report,
        now: kinds::now(),
    };
    for_each_kind_async(&mut visit).await?;
    let Apply {
        known,
        taken,
        touched,
        ..
    } = visit;
    // Our own writes marked what was taken: it is the server's already.
    let outbox = tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
    for id in &taken {
        idb::delete(&outbox, id)?;
    }
    let docs = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    for k in &known {
        idb::put(&docs, k)?;
    }
    let meta = tx.object_store(SYNC_META).map_err(idb::convert)?;
    idb::put(
        &meta,
        &Checkpoint {
            k: CHECKPOINT.into(),
            id: checkpoint.into(),
            seq: seq.0.clone(),
        },
    )?;
    refresh_summaries(&tx, &touched).await?;
    idb::commit(tx).await?;
    Ok(touched.into_iter().collect())
}

/// Writes the summaries of `customers` afresh (removing those of customers gone).
async fn refresh_summaries(tx: &Transaction<'_>, customers: &BTreeSet<Id>) -> Result<()> {
    let store = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let mut changes = Vec::with_capacity(customers.len());
    for id in customers {
        match get::<Customer>(&store, &id.to_string()).await? {
            Some(c) => changes.push(Change::Upsert(summaries::summary_of(tx, &c).await?)),
            None => changes.push(Change::Remove(*id)),
        }
    }
    let summaries = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(&summaries, changes).await?;
    Ok(())
}

struct Apply<'a, 'b, 'r> {
    tx: &'a Transaction<'b>,
    by_kind: &'a BTreeMap<RecordKind, Vec<&'a Arrived>>,
    known: Vec<Known>,
    /// Documents written here.
    taken: Vec<String>,
    touched: BTreeSet<Id>,
    report: &'r mut Report,
    now: crate::domain::time::Timestamp,
}

impl AsyncKindVisitor for Apply<'_, '_, '_> {
    type Error = AppError;
    async fn visit<R: Record>(&mut self) -> Result<()> {
        let Some(docs) = self.by_kind.get(&R::KIND) else {
            return Ok(());
        };
        let sync_docs = self.tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
        let outbox = self.tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
        for a in docs {
            let id = doc_id(R::KIND, &a.doc.key);
            let known: Option<Known> = get(&sync_docs, &id).await?;
            let marked = get::<Marked>(&outbox, &id).await?.is_some();
            let mut decision = take(known.as_ref(), marked, &a.doc.rev);
            // Deleted there and already gone here (a customer's records go with it, taken
            // earlier in the batch): nothing waits to be sent, whatever the mark says.
            if decision == Take::Wait
                && a.doc.body.is_none()
                && !self.present::<R>(&a.doc.key).await?
            {
                decision = Take::Apply;
            }
            match decision {
                Take::Known => {
                    if let Some(k) = known.filter(|k| k.conflicts != a.conflicts) {
                        self.known.push(Known {
                            conflicts: a.conflicts.clone(),
                            ..k
                        });
                    }
                }
                Take::Wait => self.report.waiting += 1,
                Take::Apply => {
                    let hash = if in_books(R::KIND) {
                        self.book(&a.doc).await?
                    } else {
                        self.record::<R>(&a.doc).await?
                    };
                    match hash {
                        Ok(hash) => {
                            self.known.push(Known {
                                id: id.clone(),
                                rev: a.doc.rev.to_string(),
                                hash,
                                conflicts: a.conflicts.clone(),
                                discard: Vec::new(),
                            });
                            self.taken.push(id);
                            self.report.received += 1;
                        }
                        Err(e) => self.report.skipped.push((id, e.to_string())),
                    }
                }
            }
        }
        Ok(())
    }
}

impl Apply<'_, '_, '_> {
    /// Whether customer `id` exists here (written earlier in this batch included: customers
    /// are taken first).
    async fn customer_exists(&self, id: Id) -> Result<bool> {
        let store = self.tx.object_store(CUSTOMERS).map_err(idb::convert)?;
        Ok(idb::get_js(&store, &id.to_string()).await?.is_some())
    }

    /// Whether the record `key` of kind `R` is here (for purchases, a customer's book).
    async fn present<R: Record>(&self, key: &str) -> Result<bool> {
        if in_books(R::KIND) {
            let Ok(customer) = key.parse::<Id>() else {
                return Ok(false);
            };
            let mut books = Books::open(self.tx).await?;
            books.load(&[customer]).await?;
            return books.has(customer);
        }
        Ok(idb::get_js(&store_of::<R>(self.tx)?, key).await?.is_some())
    }

    /// Writes or deletes one record stored one object each; its body's hash as stored, or why
    /// it was not taken.
    async fn record<R: Record>(
        &mut self,
        doc: &Incoming,
    ) -> Result<std::result::Result<String, DocError>> {
        let store = store_of::<R>(self.tx)?;
        let stored: Option<R> = get(&store, &doc.key).await?;
        let customer = |r: &R| match R::KIND {
            RecordKind::Customer => r.key().parse::<Id>().ok(),
            _ => r.customer(),
        };
        let incoming = match record_of::<R>(doc) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e)),
        };
        let Some(mut record) = incoming else {
            // Deleted there: delete it here, with a customer everything of theirs.
            if let Some(old) = stored {
                idb::delete(&store, &doc.key)?;
                let mut tombs = vec![Tombstone::of(&old, self.now)];
                if let Some(c) = customer(&old) {
                    if R::KIND == RecordKind::Customer {
                        tombs.extend(delete_owned(self.tx, &[c], self.now).await?);
                        kinds::delete_books(self.tx, &[c]).await?;
                    }
                    self.touched.insert(c);
                }
                kinds::bury(self.tx, &tombs)?;
            }
            return Ok(Ok(body_hash(None)));
        };
        if R::KIND != RecordKind::Customer
            && let Some(c) = record.customer()
            && !self.customer_exists(c).await?
        {
            return Ok(Err(DocError::Orphan(c.to_string())));
        }
        record.set_rev(Rev::after(Rev(0), stored.map(|s| s.rev())));
        idb::put_js(&store, kinds::encode(&record)?)?;
        if let Some(c) = customer(&record) {
            self.touched.insert(c);
        }
        let body = body_of(&record).map_err(|e| AppError::Damaged(e.to_string()))?;
        Ok(Ok(body_hash(Some(&body))))
    }

    /// Writes or removes a customer's purchase book, keeping its removals as tombstones so
    /// the book reads back here as it came; its body's hash, or why it was not taken.
    async fn book(&mut self, doc: &Incoming) -> Result<std::result::Result<String, DocError>> {
        let book = match book_of(doc) {
            Ok(b) => b,
            Err(e) => return Ok(Err(e)),
        };
        let Ok(customer) = doc.key.parse::<Id>() else {
            return Ok(Err(DocError::Id(doc.key.clone())));
        };
        let mut books = Books::open(self.tx).await?;
        books.load(&[customer]).await?;
        let Some(book) = book else {
            books.set::<Purchase>(customer, &[])?;
            books.flush()?;
            self.touched.insert(customer);
            return Ok(Ok(body_hash(None)));
        };
        if !self.customer_exists(customer).await? {
            return Ok(Err(DocError::Orphan(customer.to_string())));
        }
        books.set(customer, &book.purchases)?;
        books.flush()?;
        let tombs: Vec<Tombstone> = book
            .removed
            .iter()
            .map(|(id, at)| Tombstone {
                customer: Some(customer),
                ..Tombstone::new(RecordKind::Purchase, id.to_string(), Rev(1), *at)
            })
            .collect();
        kinds::bury(self.tx, &tombs)?;
        self.touched.insert(customer);
        let as_read = crate::domain::sync::book::Book::new(customer, book.purchases, book.removed);
        let body = serde_json::to_value(&as_read)
            .ok()
            .and_then(|v| v.as_object().cloned());
        Ok(Ok(body_hash(body.as_ref())))
    }
}
