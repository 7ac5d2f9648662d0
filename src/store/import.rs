//! Writing a checked import, and undoing it.
//!
//! An import is one read-write transaction, written in chunks: after each chunk it waits for
//! the chunk's requests to run (the page repaints, the progress bar moves, Cancel can be
//! pressed) and goes on in the same transaction. Cancel, a failure, or closing the tab aborts
//! the transaction, so nothing of the import is left. The journal entry that makes undo
//! possible is written in the same transaction as the records.

use super::customers::{delete_many_with_records, purge_stores};
use super::error::{AppError, Result};
use super::idb::{self, Db, get, get_all};
use super::kinds;
use super::purchases::{Books, all_purchases};
use super::schema::{
    CONTACTS, CUSTOMERS, IMPORTS, INTERACTIONS, LEADS, MEMBERS, PRODUCTS, PURCHASE_PAGES,
    SUMMARIES, SUMMARISED,
};
use super::summaries::{self, Change, summaries_of, summary_of};
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::import::batch::{ImportBatch, UndoReport};
use crate::domain::import::{Existing, Kind, Plan};
use crate::domain::lead::Lead;
use crate::domain::member::TeamMember;
use crate::domain::product::Product;
use crate::domain::purchase::{Purchase, books_by_customer};
use crate::domain::record::{Record, Rev};
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use indexed_db_futures::transaction::Transaction;
use std::collections::HashSet;

/// Records written between two progress reports: a chunk takes tens of milliseconds, so the
/// page stays responsive and the bar moves smoothly.
const CHUNK: usize = 1_000;

/// Purchases written between two progress reports: they go into their customers' books,
/// so a step is one range read and a couple of thousand book writes and a few summary
/// chunks, not twenty thousand records; larger steps mean fewer round trips and summary
/// chunks rewritten less often, and a step still takes a fraction of a second.
const PURCHASE_CHUNK: usize = 20_000;

/// Above this many touched customers, summaries are rebuilt from all records in one pass
/// rather than read customer by customer.
const REBUILD_ABOVE: usize = 2_000;

/// How an import ended.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportEnd {
    /// Stored; these are the summaries that changed.
    Done(Vec<CustomerSummary>),
    /// Cancelled: nothing was stored.
    Cancelled,
}

/// The stored records an import of `kind` is matched with: customers and members always,
/// and the records of the file's own kind (to find duplicates); a lead file is matched with
/// the contact persons and the leads too.
pub async fn import_context(db: &Db, kind: Kind) -> Result<Existing> {
    if kind == Kind::Products {
        // A price list is matched with the products alone, by code.
        let tx = db.tx(&[PRODUCTS], false)?;
        let products: Vec<Product> =
            get_all(&tx.object_store(PRODUCTS).map_err(idb::convert)?).await?;
        return Ok(Existing::new(vec![], vec![], vec![], vec![], &[]).with_products(products));
    }
    let mut stores = vec![CUSTOMERS, MEMBERS];
    let own: &[&str] = match kind {
        Kind::Customers => &[],
        Kind::Contacts => &[CONTACTS],
        Kind::Interactions => &[INTERACTIONS],
        Kind::Purchases => &[PURCHASE_PAGES],
        Kind::Leads => &[CONTACTS, LEADS],
        Kind::Products => &[],
    };
    stores.extend(own);
    let tx = db.tx(&stores, false)?;
    let store = |name| tx.object_store(name).map_err(idb::convert);
    let customers: Vec<Customer> = get_all(&store(CUSTOMERS)?).await?;
    let members: Vec<TeamMember> = get_all(&store(MEMBERS)?).await?;
    let (mut contacts, mut interactions, mut purchases) = (Vec::new(), Vec::new(), Vec::new());
    let mut leads: Vec<Lead> = Vec::new();
    match kind {
        Kind::Customers | Kind::Products => {}
        Kind::Contacts => contacts = get_all(&store(CONTACTS)?).await?,
        Kind::Interactions => interactions = get_all(&store(INTERACTIONS)?).await?,
        Kind::Purchases => purchases = all_purchases(&tx).await?,
        Kind::Leads => {
            contacts = get_all(&store(CONTACTS)?).await?;
            leads = get_all(&store(LEADS)?).await?;
        }
    }
    let existing = Existing::new(customers, contacts, interactions, purchases, &members);
    Ok(if kind == Kind::Leads {
        existing.with_leads(leads)
    } else {
        existing
    })
}

/// Writes `plan` with its journal `batch` in one transaction, reporting `(written, total)`
/// after each chunk and stopping, with nothing stored, as soon as `cancelled()` says so.
pub async fn write_import(
    db: &Db,
    plan: &Plan,
    batch: &ImportBatch,
    mut progress: impl FnMut(usize, usize),
    cancelled: impl Fn() -> bool,
) -> Result<ImportEnd> {
    let stores: Vec<&str> = SUMMARISED
        .into_iter()
        .chain([IMPORTS, LEADS, PRODUCTS])
        .collect();
    let tx = db.tx(&stores, true)?;
    let w = &plan.writes;
    let total = w.len();
    let mut done = 0;
    // `?` or an early return drops the transaction, which aborts it.
    macro_rules! chunked {
        ($store:expr, $items:expr) => {{
            let store = tx.object_store($store).map_err(idb::convert)?;
            for chunk in $items.chunks(CHUNK) {
                for item in chunk {
                    // A new record's first revision, or an updated one's next.
                    idb::put_js(
                        &store,
                        kinds::encode_at(item, Rev::after(item.rev(), None))?,
                    )?;
                }
                idb::settle(&store).await?;
                done += chunk.len();
                progress(done, total);
                if cancelled() {
                    return Ok(ImportEnd::Cancelled);
                }
            }
        }};
    }
    chunked!(CUSTOMERS, w.customers);
    chunked!(CONTACTS, w.contacts);
    chunked!(INTERACTIONS, w.interactions);
    chunked!(LEADS, w.leads);
    chunked!(PRODUCTS, w.products);
    // Purchases go into their customers' books, a step being the books of about
    // PURCHASE_CHUNK purchases. A purchase file creates no customers: each customer's summary
    // takes its new purchase figures in the same step, from the book in hand, instead of a
    // read of all its records.
    let mut books = Books::open(&tx).await?;
    let summary_store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let mut summed = Vec::new();
    let grouped: Vec<(Id, Vec<&Purchase>)> = books_by_customer(&w.purchases).into_iter().collect();
    let mut start = 0;
    while start < grouped.len() {
        let mut end = start;
        let mut n = 0;
        while end < grouped.len() && n < PURCHASE_CHUNK {
            n += grouped[end].1.len();
            end += 1;
        }
        let written = books.merge(&grouped[start..end], true).await?;
        let changes = written
            .into_iter()
            .map(|(id, book)| Change::Purchases(id, book))
            .collect();
        summed.extend(summaries::apply(&summary_store, changes).await?);
        idb::settle(&summary_store).await?;
        start = end;
        done += n;
        progress(done, total);
        if cancelled() {
            return Ok(ImportEnd::Cancelled);
        }
    }

    let out = match plan.kind {
        Kind::Purchases => summed,
        // Leads and products are no customer's records: no summary changes.
        Kind::Leads | Kind::Products => Vec::new(),
        _ => summarise(&tx, plan, batch).await?,
    };
    idb::put(&tx.object_store(IMPORTS).map_err(idb::convert)?, batch)?;
    if cancelled() {
        return Ok(ImportEnd::Cancelled);
    }
    idb::commit(tx).await?;
    Ok(ImportEnd::Done(out))
}

/// The summaries of an import of customers, contact persons or interactions, inside `tx`
/// after its records were written: new customers summarised from memory, updated ones
/// refreshed, customers that gained records recomputed from them (or, above
/// [`REBUILD_ABOVE`] of those, every summary rebuilt).
async fn summarise(
    tx: &Transaction<'_>,
    plan: &Plan,
    batch: &ImportBatch,
) -> Result<Vec<CustomerSummary>> {
    let w = &plan.writes;
    let created: HashSet<Id> = batch.created.customers.iter().copied().collect();
    let mine = |id: &Id| created.contains(id);
    // Customers that had records before this import and gained some: their summaries are
    // recomputed from what is stored. A customer file's updates only change the customer's
    // own fields, so it reads nothing.
    let to_read: Vec<Id> = if plan.kind == Kind::Customers {
        Vec::new()
    } else {
        batch
            .touched
            .iter()
            .filter(|id| !mine(id))
            .copied()
            .collect()
    };
    let changes = if to_read.len() > REBUILD_ABOVE {
        None
    } else {
        let mut changes = Vec::with_capacity(batch.touched.len());
        // New customers have no records but the ones in this import: summarised from memory.
        let new: Vec<Customer> = w
            .customers
            .iter()
            .filter(|c| mine(&c.id))
            .cloned()
            .collect();
        changes.extend(
            summaries_of(
                &new,
                w.contacts
                    .iter()
                    .filter(|c| mine(&c.customer_id))
                    .cloned()
                    .collect(),
                w.interactions
                    .iter()
                    .filter(|i| mine(&i.customer_id))
                    .cloned()
                    .collect(),
                w.purchases
                    .iter()
                    .filter(|p| mine(&p.customer_id))
                    .cloned()
                    .collect(),
                Vec::new(),
                Vec::new(),
            )
            .into_iter()
            .map(Change::Upsert),
        );
        // Updated customers: only their own fields changed; their activity stays as it is.
        changes.extend(
            w.customers
                .iter()
                .filter(|c| !mine(&c.id))
                .map(|c| Change::Refresh(c.clone())),
        );
        let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
        for id in &to_read {
            let c: Customer = get(&customers, &id.to_string())
                .await?
                .ok_or(AppError::NotFound)?;
            changes.push(Change::Upsert(summary_of(tx, &c).await?));
        }
        Some(changes)
    };
    Ok(match changes {
        Some(changes) => {
            summaries::apply(&tx.object_store(SUMMARIES).map_err(idb::convert)?, changes).await?
        }
        None => summaries::rebuild_in(tx).await?,
    })
}

/// Every import, newest first.
pub async fn list_imports(db: &Db) -> Result<Vec<ImportBatch>> {
    let tx = db.tx(&[IMPORTS], false)?;
    let mut all: Vec<ImportBatch> =
        get_all(&tx.object_store(IMPORTS).map_err(idb::convert)?).await?;
    all.sort_by_key(|b| std::cmp::Reverse(b.at));
    Ok(all)
}

/// What undoing gave back: the report, the summaries that changed, and the customers that
/// are gone.
#[derive(Clone, Debug, PartialEq)]
pub struct Undone {
    pub report: UndoReport,
    pub summaries: Vec<CustomerSummary>,
    pub removed: Vec<Id>,
}

/// Undoes import `id` in one transaction: deletes what it created (a customer it created goes
/// with everything added to it since), and puts back the records it changed, except those
/// edited since, which are kept and counted.
pub async fn undo_import(db: &Db, id: Id, now: Timestamp) -> Result<Undone> {
    let stores: Vec<&str> = purge_stores()
        .into_iter()
        .chain([IMPORTS, LEADS, PRODUCTS])
        .collect();
    let tx = db.tx(&stores, true)?;
    let imports = tx.object_store(IMPORTS).map_err(idb::convert)?;
    let mut batch: ImportBatch = get(&imports, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let mut report = UndoReport::default();
    if batch.undone_at.is_some() {
        return Ok(Undone {
            report,
            summaries: Vec::new(),
            removed: Vec::new(),
        });
    }
    let store = |name| tx.object_store(name).map_err(idb::convert);
    let customers = store(CUSTOMERS)?;
    let (removed, n) = delete_many_with_records(&tx, &batch.created.customers).await?;
    report.removed += n;
    for (name, ids) in [
        (CONTACTS, &batch.created.contacts),
        (INTERACTIONS, &batch.created.interactions),
    ] {
        let s = store(name)?;
        for rid in ids {
            idb::delete(&s, &rid.to_string())?;
        }
        report.removed += ids.len();
    }
    // Leads it created leave tombstones, so a synced copy deletes them too.
    let leads = store(LEADS)?;
    let mut tombs = Vec::with_capacity(batch.created.leads.len());
    for rid in &batch.created.leads {
        match kinds::delete_one::<Lead>(&leads, &rid.to_string(), now).await {
            Ok((_, tomb)) => tombs.push(tomb),
            // Purged from the trash since: nothing left to take away.
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    // So do the products it created.
    let products = store(PRODUCTS)?;
    for rid in &batch.created.products {
        match kinds::delete_one::<Product>(&products, &rid.to_string(), now).await {
            Ok((_, tomb)) => tombs.push(tomb),
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    kinds::bury(&tx, &tombs)?;
    report.removed += tombs.len();
    let at = batch.at;
    let b = &batch.before;
    let mut tally = |(restored, kept): (usize, usize)| {
        report.restored += restored;
        report.kept += kept;
    };
    tally(restore_each(&store(CUSTOMERS)?, &b.customers, at).await?);
    tally(restore_each(&store(CONTACTS)?, &b.contacts, at).await?);
    tally(restore_each(&store(INTERACTIONS)?, &b.interactions, at).await?);
    tally(restore_each(&leads, &b.leads, at).await?);
    tally(restore_each(&products, &b.products, at).await?);
    let gone: HashSet<Id> = removed.iter().copied().collect();
    let touched: Vec<Id> = batch
        .touched
        .iter()
        .filter(|c| !gone.contains(c))
        .copied()
        .collect();
    tally(undo_purchases(&tx, &batch, &touched).await?);
    report.removed += batch.created.purchases.len();

    let summaries = if touched.len() > REBUILD_ABOVE {
        summaries::rebuild_in(&tx).await?
    } else {
        let mut changes: Vec<Change> = removed.iter().map(|id| Change::Remove(*id)).collect();
        for cid in &touched {
            if let Some(c) = get::<Customer>(&customers, &cid.to_string()).await? {
                changes.push(Change::Upsert(summary_of(&tx, &c).await?));
            }
        }
        summaries::apply(&store(SUMMARIES)?, changes).await?
    };
    batch.undone_at = Some(now);
    idb::put(&imports, &batch)?;
    idb::commit(tx).await?;
    Ok(Undone {
        report,
        summaries,
        removed,
    })
}

/// Takes the purchases import `batch` created out of the books of its `touched` customers
/// that remain (those of customers deleted with the import went with them) and puts back the
/// earlier versions of the purchases it changed, unless changed since. Returns
/// (restored, kept).
async fn undo_purchases(
    tx: &Transaction<'_>,
    batch: &ImportBatch,
    touched: &[Id],
) -> Result<(usize, usize)> {
    let before = &batch.before.purchases;
    if batch.created.purchases.is_empty() && before.is_empty() {
        return Ok((0, 0));
    }
    let created: HashSet<Id> = batch.created.purchases.iter().copied().collect();
    let mut books = Books::open(tx).await?;
    let (mut restored, mut kept) = (0, 0);
    let mut olds: std::collections::HashMap<Id, &Purchase> =
        before.iter().map(|p| (p.id, p)).collect();
    // A few thousand customers' books decoded at a time.
    for step in touched.chunks(UNDO_STEP) {
        for (id, book) in books.books_of(step).await? {
            if let Some(book) = undo_book(
                book,
                &created,
                &mut olds,
                batch.at,
                &mut restored,
                &mut kept,
            ) {
                books.set(id, &book)?;
            }
        }
        books.flush()?;
    }
    // Earlier versions of purchases deleted since: nothing to put back.
    kept += olds.len();
    Ok((restored, kept))
}

/// Customers whose books an undo reads and writes at a time.
const UNDO_STEP: usize = 2_000;

/// `book` without the purchases an import `created` and with the earlier versions (`olds`)
/// of those it changed at `at` put back, counting them as restored (or kept when changed
/// since); `None` when nothing changed.
fn undo_book(
    mut book: Vec<Purchase>,
    created: &HashSet<Id>,
    olds: &mut std::collections::HashMap<Id, &Purchase>,
    at: Timestamp,
    restored: &mut usize,
    kept: &mut usize,
) -> Option<Vec<Purchase>> {
    {
        let n = book.len();
        book.retain(|p| !created.contains(&p.id));
        let mut changed = book.len() != n;
        for p in &mut book {
            if let Some(old) = olds.remove(&p.id) {
                if p.updated_at == at {
                    let rev = Rev::after(old.rev, Some(p.rev));
                    *p = Purchase {
                        rev,
                        ..(*old).clone()
                    };
                    *restored += 1;
                    changed = true;
                } else {
                    *kept += 1;
                }
            }
        }
        changed.then_some(book)
    }
}

/// Puts back each record's earlier version unless the stored one changed after the import
/// (`at`) or is gone. Returns (restored, kept).
async fn restore_each<T: Record>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    before: &[T],
    at: Timestamp,
) -> Result<(usize, usize)> {
    let (mut restored, mut kept) = (0, 0);
    // Every read is issued before the first is awaited: the browser runs them back to back
    // instead of waiting for this code between each.
    let mut reads = Vec::with_capacity(before.len());
    for old in before {
        reads.push(idb::get_request::<T>(store, &old.key())?);
    }
    for (old, read) in before.iter().zip(reads) {
        let now = read.await?;
        match now {
            Some(current) if current.stamp() == Some(at) => {
                // Put back as a new revision: other copies must see the change too.
                let rev = Rev::after(old.rev(), Some(current.rev()));
                idb::put_js(store, kinds::encode_at(old, rev)?)?;
                restored += 1;
            }
            _ => kept += 1,
        }
    }
    Ok((restored, kept))
}

/// Stores imported people (a vCard file) in one transaction: new customers, and contact
/// persons at new or existing customers, each at its first revision, with every touched
/// customer's summary recomputed from its records. All of it, or on any failure nothing.
pub async fn import_people(
    db: &Db,
    customers: &[Customer],
    contacts: &[ContactPerson],
) -> Result<Vec<CustomerSummary>> {
    let tx = db.tx(&SUMMARISED, true)?;
    let store = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    kinds::add_new(&store, customers)?;
    kinds::add_new(&tx.object_store(CONTACTS).map_err(idb::convert)?, contacts)?;
    let mut touched: Vec<Id> = customers
        .iter()
        .map(|c| c.id)
        .chain(contacts.iter().map(|c| c.customer_id))
        .collect();
    touched.sort();
    touched.dedup();
    let mut changes = Vec::with_capacity(touched.len());
    for id in touched {
        let c = get::<Customer>(&store, &id.to_string())
            .await?
            .ok_or(AppError::NotFound)?;
        changes.push(Change::Upsert(summaries::summary_of(&tx, &c).await?));
    }
    let out = summaries::apply(&tx.object_store(SUMMARIES).map_err(idb::convert)?, changes).await?;
    idb::commit(tx).await?;
    Ok(out)
}
