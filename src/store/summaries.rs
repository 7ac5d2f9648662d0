//! Summary chunks: reading them all at start-up, and rewriting the affected ones inside the
//! transaction that changes the records.

use super::error::{AppError, Result};
use super::idb::{self, Db, get, get_all};
use super::schema::{COMPLAINTS, CONTACTS, CUSTOMERS, INTERACTIONS, QUOTES, SUMMARIES, SUMMARISED};
use crate::domain::analysis::input::Histories;
use crate::domain::complaint::Complaint;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::purchase::Purchase;
use crate::domain::quote::Quote;
use crate::domain::summary::{
    Activity, CustomerSummary, FIRST_CHUNK, Stamp, chunk_histories, chunk_is_current, chunk_len,
    chunk_of, decode_chunk, decode_chunk_into, encode_chunk, encode_chunk_without_quotes,
    merge_rows, split_chunk,
};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::transaction::Transaction;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long decoding runs before [`load_summaries_yielding`] pauses, in milliseconds: well
/// under the 50 ms after which a task delays the page's answer to input.
pub const SLICE_MS: f64 = 20.0;

/// A chunk as stored: `{start, data: Uint8Array, generation}`.
#[derive(Serialize, Deserialize)]
struct ChunkRecord {
    start: String,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
    /// Drawn afresh whenever the rows change (see [`Stamp`]); 0 in chunks written before it.
    #[serde(default)]
    generation: f64,
}

impl ChunkRecord {
    /// A chunk of rows just written.
    fn fresh(start: String, rows: &[CustomerSummary]) -> Self {
        Self::fresh_as(start, rows, true)
    }

    /// A chunk of rows just written, in the current format when `quotes_known`, else in the
    /// format without quote figures (rows read from such a chunk, not yet upgraded).
    fn fresh_as(start: String, rows: &[CustomerSummary], quotes_known: bool) -> Self {
        let data = if quotes_known {
            encode_chunk(rows)
        } else {
            encode_chunk_without_quotes(rows)
        };
        ChunkRecord {
            start,
            data,
            // A whole number below 2^53, so it is the same number in every reader.
            generation: (js_sys::Math::random() * 9_007_199_254_740_992.0).floor(),
        }
    }
}

/// A customer's contact persons, interactions, purchases, complaints and quotes.
#[derive(Default)]
struct Records {
    contacts: Vec<ContactPerson>,
    interactions: Vec<Interaction>,
    purchases: Vec<Purchase>,
    complaints: Vec<Complaint>,
    quotes: Vec<Quote>,
}

impl Records {
    fn summary(&self, customer: &Customer) -> CustomerSummary {
        let mut s = CustomerSummary::build(
            customer,
            &self.contacts,
            &self.interactions,
            &self.purchases,
        );
        s.activity.set_complaints(&self.complaints);
        s.activity.set_quotes(&self.quotes);
        s
    }
}

/// A change to the summaries, applied in the transaction that changes the records.
pub(crate) enum Change {
    /// Insert or replace a whole summary.
    Upsert(CustomerSummary),
    /// The customer's own fields changed; activity figures stay as they are.
    Refresh(Customer),
    /// The customer's purchases are now these (all of them); the other figures stay.
    Purchases(Id, Vec<Purchase>),
    /// The customer's quotes are now these (all of them); the other figures stay.
    Quotes(Id, Vec<Quote>),
    /// The customer was purged.
    Remove(Id),
}

impl Change {
    fn id(&self) -> Id {
        match self {
            Change::Upsert(s) => s.id,
            Change::Refresh(c) => c.id,
            Change::Purchases(id, _) | Change::Quotes(id, _) | Change::Remove(id) => *id,
        }
    }
}

/// Reads every summary. Cost: one read of a few hundred binary chunks, however many customers.
/// A damaged chunk or one from another format version triggers a rebuild from the records.
pub async fn load_summaries(db: &Db) -> Result<Vec<CustomerSummary>> {
    Ok(load_summaries_yielding(db, || std::future::ready(()))
        .await?
        .0)
}

/// [`load_summaries`], awaiting `pause` whenever decoding has run for [`SLICE_MS`] since the
/// last pause, so the page stays responsive while a large workspace loads; with the stamp
/// of the chunks read (none after a rebuild).
pub async fn load_summaries_yielding<F: std::future::Future<Output = ()>>(
    db: &Db,
    pause: impl FnMut() -> F,
) -> Result<(Vec<CustomerSummary>, Option<Stamp>)> {
    let chunks = read_chunks(db).await?;
    decode_chunks(db, chunks, pause).await
}

/// The summary chunks as read from storage, not yet decoded (see [`decode_chunks`]).
pub struct Chunks(Vec<wasm_bindgen::JsValue>);

/// Reads every summary chunk, leaving the decoding to [`decode_chunks`], so a caller can let
/// other reads finish in between: the page decodes in slices, and a large value still
/// arriving meanwhile waits for the slices to leave it a turn.
pub async fn read_chunks(db: &Db) -> Result<Chunks> {
    let tx = db.tx(&[SUMMARIES], false)?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    // Four chunks (4,000 customers) a part: at 100,000 customers one read of them all kept
    // the page busy for 60-90 ms when it arrived, and at 300,000 the first look at a part
    // of eight took 80 ms.
    Ok(Chunks(idb::get_all_js_in_parts(&store, 4).await?))
}

/// Decodes the chunks [`read_chunks`] read, as [`load_summaries_yielding`] does.
pub async fn decode_chunks<F: std::future::Future<Output = ()>>(
    db: &Db,
    chunks: Chunks,
    mut pause: impl FnMut() -> F,
) -> Result<(Vec<CustomerSummary>, Option<Stamp>)> {
    let chunks = chunks.0;
    // Room for every row at once: growing by doubling would hold the old and new arrays
    // together, and wasm memory never shrinks.
    let rows_in = |value: &wasm_bindgen::JsValue| {
        use wasm_bindgen::JsCast;
        let data: js_sys::Uint8Array = js_sys::Reflect::get(value, &"data".into())
            .ok()?
            .dyn_into()
            .ok()?;
        // A view of the first bytes: nothing is copied but those.
        let head = data.subarray(0, 10).to_vec();
        chunk_len(&head)
    };
    // The first look at a chunk's bytes can be slow (the browser materialises the value
    // read), so the count is taken in slices too.
    let mut total = 0;
    let mut slice_started = js_sys::Date::now();
    for value in &chunks {
        total += rows_in(value).unwrap_or(0);
        if js_sys::Date::now() - slice_started >= SLICE_MS {
            pause().await;
            slice_started = js_sys::Date::now();
        }
    }
    let mut rows = Vec::with_capacity(total);
    let mut outdated = Vec::new();
    let mut stamp = Stamp::default();
    // One chunk's bytes at a time in wasm memory: each is copied in, decoded and dropped
    // before the next.
    for value in chunks {
        let chunk: ChunkRecord = idb::from_js(value)?;
        if decode_chunk_into(&chunk.data, &mut rows).is_err() {
            return Ok((rebuild_summaries(db).await?, None));
        }
        stamp.add(&chunk.start, chunk.generation);
        if !chunk_is_current(&chunk.data) {
            outdated.push(chunk.start);
        }
        if js_sys::Date::now() - slice_started >= SLICE_MS {
            pause().await;
            slice_started = js_sys::Date::now();
        }
    }
    OUTDATED.with(|keys| *keys.borrow_mut() = outdated);
    Ok((rows, Some(stamp)))
}

/// Reads what the analysis needs — each active customer's id and purchase history — from
/// every summary chunk, without decoding whole summaries (see
/// [`crate::domain::summary::chunk_histories`]). For the analysis thread: a damaged chunk is
/// an error here, and the app's own load rebuilds it. With the stamp of the chunks read.
pub async fn load_histories(db: &Db) -> Result<(Histories, Stamp)> {
    let chunks = {
        let tx = db.tx(&[SUMMARIES], false)?;
        let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
        idb::get_all_js(&store).await?
    };
    let mut out = Histories::default();
    let mut stamp = Stamp::default();
    for value in chunks {
        let chunk: ChunkRecord = idb::from_js(value)?;
        chunk_histories(&chunk.data, &mut out).map_err(|e| AppError::Damaged(e.to_string()))?;
        stamp.add(&chunk.start, chunk.generation);
    }
    Ok((out, stamp))
}

thread_local! {
    /// The keys of the chunks the last [`load_summaries`] read in an older (still readable)
    /// format, for [`upgrade_outdated_chunks`].
    static OUTDATED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Rewrites in the current format the chunks that the last [`load_summaries`] found in an
/// older one (written by an earlier version of the app), so the next start-up reads them
/// faster. The older formats have no quote figures: each chunk is rewritten with its
/// customers' open quotes, read in the same transaction (one read of the quotes' customer
/// index over the chunk's range of ids). Each chunk is read again and rewritten in a
/// transaction of its own, so an edit in between is kept, and `pause` is awaited between
/// chunks to leave the page responsive. The chunk keeps its generation: the purchase
/// histories the analysis reads are unchanged.
/// Resolves to the number of chunks rewritten and the rows that gained open quotes (for the
/// list in memory, which read them without).
pub async fn upgrade_outdated_chunks<F: std::future::Future<Output = ()>>(
    db: &Db,
    mut pause: impl FnMut() -> F,
) -> Result<(usize, Vec<CustomerSummary>)> {
    let keys = OUTDATED.with(|keys| std::mem::take(&mut *keys.borrow_mut()));
    let mut upgraded = 0;
    let mut quoted = Vec::new();
    for key in keys {
        let tx = db.tx(&[SUMMARIES, QUOTES], true)?;
        let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
        // Gone (split, merged or purged away) or already rewritten by an edit: nothing to do.
        if let Some(chunk) = get::<ChunkRecord>(&store, &key).await?
            && !chunk_is_current(&chunk.data)
        {
            let mut rows =
                decode_chunk(&chunk.data).map_err(|e| AppError::Damaged(e.to_string()))?;
            let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
                continue;
            };
            let quotes = tx.object_store(QUOTES).map_err(idb::convert)?;
            let in_range: Vec<Quote> = idb::get_all_between(
                &quotes,
                super::schema::BY_CUSTOMER,
                &first.id.to_string(),
                &last.id.to_string(),
            )
            .await?;
            let mut by_customer: BTreeMap<Id, Vec<Quote>> = BTreeMap::new();
            for q in in_range {
                by_customer.entry(q.customer_id).or_default().push(q);
            }
            for row in &mut rows {
                if let Some(theirs) = by_customer.get(&row.id) {
                    row.activity.set_quotes(theirs);
                    if !row.activity.open_quotes.is_empty() {
                        quoted.push(row.clone());
                    }
                }
            }
            let data = encode_chunk(&rows);
            idb::put(
                &store,
                &ChunkRecord {
                    start: key,
                    data,
                    generation: chunk.generation,
                },
            )?;
            upgraded += 1;
        }
        drop(store);
        idb::commit(tx).await?;
        pause().await;
    }
    Ok((upgraded, quoted))
}

/// Recomputes every summary from the records and replaces all chunks, in one transaction.
/// Used when chunks are damaged, and by tests to prove chunks and records agree.
pub async fn rebuild_summaries(db: &Db) -> Result<Vec<CustomerSummary>> {
    let tx = db.tx(&SUMMARISED, true)?;
    let rows = rebuild_in(&tx).await?;
    idb::commit(tx).await?;
    Ok(rows)
}

/// Recomputes every summary from the records inside `tx` (over [`SUMMARISED`]) and replaces
/// the chunks.
pub(crate) async fn rebuild_in(tx: &Transaction<'_>) -> Result<Vec<CustomerSummary>> {
    let store = |name| tx.object_store(name).map_err(idb::convert);
    let customers: Vec<Customer> = get_all(&store(CUSTOMERS)?).await?;
    let contacts: Vec<ContactPerson> = get_all(&store(CONTACTS)?).await?;
    let interactions: Vec<Interaction> = get_all(&store(INTERACTIONS)?).await?;
    let purchases = super::purchases::all_purchases(tx).await?;
    let complaints: Vec<Complaint> = get_all(&store(COMPLAINTS)?).await?;
    let quotes = super::kinds::read_all::<Quote>(tx).await?;
    let rows = summaries_of(
        &customers,
        contacts,
        interactions,
        purchases,
        complaints,
        quotes,
    );
    replace_chunks(&store(SUMMARIES)?, &rows)?;
    Ok(rows)
}

/// Every customer's summary from the records, sorted by id.
pub(crate) fn summaries_of(
    customers: &[Customer],
    contacts: Vec<ContactPerson>,
    interactions: Vec<Interaction>,
    purchases: Vec<Purchase>,
    complaints: Vec<Complaint>,
    quotes: Vec<Quote>,
) -> Vec<CustomerSummary> {
    let mut by_customer: BTreeMap<Id, Records> = BTreeMap::new();
    for c in contacts {
        by_customer
            .entry(c.customer_id)
            .or_default()
            .contacts
            .push(c);
    }
    for i in interactions {
        by_customer
            .entry(i.customer_id)
            .or_default()
            .interactions
            .push(i);
    }
    for p in purchases {
        by_customer
            .entry(p.customer_id)
            .or_default()
            .purchases
            .push(p);
    }
    for c in complaints {
        by_customer
            .entry(c.customer_id)
            .or_default()
            .complaints
            .push(c);
    }
    for q in quotes {
        by_customer.entry(q.customer_id).or_default().quotes.push(q);
    }
    let mut rows: Vec<CustomerSummary> = customers
        .iter()
        .map(|c| by_customer.remove(&c.id).unwrap_or_default().summary(c))
        .collect();
    rows.sort_by_key(|r| r.id);
    rows
}

/// Replaces every chunk in `store` (part of the caller's transaction) with chunks of `rows`
/// (sorted by id).
pub(crate) fn replace_chunks(store: &ObjectStore<'_>, rows: &[CustomerSummary]) -> Result<()> {
    idb::clear(store)?;
    for (start, piece) in split_chunk(FIRST_CHUNK.to_string(), rows.to_vec()) {
        idb::put(store, &ChunkRecord::fresh(start, &piece))?;
    }
    Ok(())
}

/// The summary of one customer computed from its records, read inside `tx`.
pub(crate) async fn summary_of(
    tx: &Transaction<'_>,
    customer: &Customer,
) -> Result<CustomerSummary> {
    let key = customer.id.to_string();
    let contacts: Vec<ContactPerson> = idb::of_customer(tx, CONTACTS, &key).await?;
    let interactions: Vec<Interaction> = idb::of_customer(tx, INTERACTIONS, &key).await?;
    let purchases = super::purchases::book_of(tx, customer.id).await?;
    let complaints: Vec<Complaint> = idb::of_customer(tx, COMPLAINTS, &key).await?;
    let quotes = super::kinds::of_customer::<Quote>(tx, customer.id).await?;
    Ok(Records {
        contacts,
        interactions,
        purchases,
        complaints,
        quotes,
    }
    .summary(customer))
}

/// A copy of customer `id`'s summary among a chunk's `rows` (sorted by id). Every stored
/// customer has one: they are written together.
fn stored(rows: &[CustomerSummary], id: Id) -> Result<CustomerSummary> {
    rows.binary_search_by_key(&id, |r| r.id)
        .map(|i| rows[i].clone())
        .map_err(|_| AppError::Damaged(format!("no summary of customer {id}")))
}

/// Applies summary changes to the chunks in `store` (part of the caller's transaction).
/// Returns the resulting summaries of upserted and refreshed customers.
pub(crate) async fn apply(
    store: &ObjectStore<'_>,
    changes: Vec<Change>,
) -> Result<Vec<CustomerSummary>> {
    if changes.is_empty() {
        return Ok(Vec::new());
    }
    let mut keys = idb::all_keys(store).await?;
    if keys.first().map(String::as_str) != Some(FIRST_CHUNK) {
        keys.insert(0, FIRST_CHUNK.to_string());
    }
    let mut groups: BTreeMap<usize, Vec<Change>> = BTreeMap::new();
    for change in changes {
        groups
            .entry(chunk_of(&keys, change.id()))
            .or_default()
            .push(change);
    }
    let mut out = Vec::new();
    for (index, changes) in groups {
        let key = keys[index].clone();
        let (mut rows, quotes_known) = match get::<ChunkRecord>(store, &key).await? {
            Some(chunk) => (
                decode_chunk(&chunk.data).map_err(|e| AppError::Damaged(e.to_string()))?,
                chunk_is_current(&chunk.data),
            ),
            None => (Vec::new(), true),
        };
        let mut upserts = Vec::new();
        let mut removals = Vec::new();
        for change in changes {
            match change {
                Change::Upsert(s) => upserts.push(s),
                Change::Refresh(c) => {
                    let s = match rows.binary_search_by_key(&c.id, |r| r.id) {
                        Ok(i) => {
                            let mut s = rows[i].clone();
                            s.refresh_customer(&c);
                            s
                        }
                        // Not summarised yet (cannot happen when chunks and records were
                        // written together); start from empty activity.
                        Err(_) => CustomerSummary::of_customer(&c, Activity::default()),
                    };
                    upserts.push(s);
                }
                Change::Purchases(id, purchases) => {
                    let mut s = stored(&rows, id)?;
                    s.activity.set_purchases(&purchases);
                    upserts.push(s);
                }
                Change::Quotes(id, quotes) => {
                    let mut s = stored(&rows, id)?;
                    s.activity.set_quotes(&quotes);
                    upserts.push(s);
                }
                Change::Remove(id) => removals.push(id),
            }
        }
        out.extend(upserts.iter().cloned());
        merge_rows(&mut rows, upserts, &removals);
        if rows.is_empty() && key != FIRST_CHUNK {
            idb::delete(store, &key)?;
            continue;
        }
        for (start, piece) in split_chunk(key, rows) {
            idb::put(store, &ChunkRecord::fresh_as(start, &piece, quotes_known))?;
        }
    }
    Ok(out)
}
