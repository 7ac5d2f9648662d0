//! Handover: reading what a member holds, and handing it all over in one transaction.

use super::error::{AppError, Result};
use super::idb::{self, Db, get_all, get_all_by, get_all_in_index, get_request};
use super::schema::{
    BY_OPEN_DUE, BY_OWNER, COMPLAINTS, CUSTOMERS, INTERACTIONS, LEAD_INTERACTIONS, LEADS,
    OPPORTUNITIES, SUMMARIES,
};
use super::summaries::{self, Change};
use super::{kinds, packed};
use crate::domain::complaint::Complaint;
use crate::domain::customer::Customer;
use crate::domain::handover::{Held, Holdings, Plan};
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::opportunity::Opportunity;
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use indexed_db_futures::object_store::ObjectStore;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use wasm_bindgen::JsValue;

const STORES: [&str; 7] = [
    CUSTOMERS,
    SUMMARIES,
    LEADS,
    OPPORTUNITIES,
    INTERACTIONS,
    LEAD_INTERACTIONS,
    COMPLAINTS,
];

/// Everything `member` holds: their customers (those in the trash too), their leads not yet
/// converted, their open opportunities, the open promises they keep on customers and leads,
/// and the open complaints they handle — customers first, in id order. `region_of` gives a
/// customer's region (for what belongs to a customer they do not hold).
pub async fn holdings(db: &Db, member: Id, region_of: impl Fn(Id) -> String) -> Result<Holdings> {
    // Leads and deals come from their packs (one value each, not 70,000 objects), read before
    // the transaction of the rest, which would end while they are read. The handover checks
    // every record again, so a change in between is not handed over blindly.
    let leads = super::leads::all_leads(db).await?;
    let deals = super::opportunities::all_opportunities(db).await?;
    let tx = db.tx(&STORES, false)?;
    let store = |name| tx.object_store(name).map_err(idb::convert);
    let me = Some(member);
    let mut h = Holdings::default();
    let mut customers: Vec<Customer> =
        get_all_by(&store(CUSTOMERS)?, BY_OWNER, &member.to_string()).await?;
    customers.sort_by_key(|c| c.id);
    let regions: HashMap<Id, String> = customers.iter().map(|c| (c.id, c.region.clone())).collect();
    let region = |id: Id| regions.get(&id).cloned().unwrap_or_else(|| region_of(id));
    for c in &customers {
        h.add(Held::Customer, c.id, c.id, &c.region);
    }
    let lead_regions: HashMap<Id, String> =
        leads.iter().map(|l| (l.id, l.region.clone())).collect();
    for l in leads
        .iter()
        .filter(|l| l.owner_id == me && l.converted.is_none())
    {
        h.add(Held::Lead, l.id, l.id, &l.region);
    }
    for o in deals
        .iter()
        .filter(|o| o.owner_id == me && o.is_open() && o.deleted_at.is_none())
    {
        h.add(
            Held::Opportunity,
            o.id,
            o.customer_id,
            &region(o.customer_id),
        );
    }
    let promises: Vec<Interaction> = get_all_in_index(&store(INTERACTIONS)?, BY_OPEN_DUE).await?;
    for i in promises.iter().filter(|i| i.keeper() == me) {
        h.add(Held::Promise, i.id, i.customer_id, &region(i.customer_id));
    }
    let lead_promises: Vec<LeadInteraction> =
        get_all_in_index(&store(LEAD_INTERACTIONS)?, BY_OPEN_DUE).await?;
    for i in lead_promises.iter().filter(|i| i.0.keeper() == me) {
        let lead = i.lead_id();
        let r = lead_regions.get(&lead).cloned().unwrap_or_default();
        h.add(Held::LeadPromise, i.0.id, lead, &r);
    }
    let complaints: Vec<Complaint> = get_all(&store(COMPLAINTS)?).await?;
    for c in complaints
        .iter()
        .filter(|c| c.owner_id == me && c.is_open())
    {
        h.add(Held::Complaint, c.id, c.customer_id, &region(c.customer_id));
    }
    Ok(h)
}

/// What a handover did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HandedOver {
    /// Records given their new owner.
    pub moved: usize,
    /// Records no longer held by the member when the handover ran (a colleague changed them
    /// in the meantime): left as they are.
    pub skipped: usize,
    /// The customers' summaries as rewritten.
    pub summaries: Vec<crate::domain::summary::CustomerSummary>,
}

/// How many reads are issued before the first is awaited.
const BATCH: usize = 400;

/// Reads the records `moves` of one store in batches, lets `change` hand each one over (false:
/// it is no longer the leaving member's, leave it) and writes the changed ones back at their
/// next revision. Reports progress after each batch.
async fn hand_each<R: Serialize + DeserializeOwned + crate::domain::record::Record>(
    store: &ObjectStore<'_>,
    moves: &[(Id, Id)],
    done: &mut HandedOver,
    progress: &mut impl FnMut(usize),
    mut change: impl FnMut(&mut R, Id) -> bool,
) -> Result<()> {
    for batch in moves.chunks(BATCH) {
        // Every read of the batch issued before the first is awaited.
        let keys: Vec<String> = batch.iter().map(|(id, _)| id.to_string()).collect();
        let reads = keys
            .iter()
            .map(|k| get_request::<R>(store, k))
            .collect::<Result<Vec<_>>>()?;
        for ((_, to), read) in batch.iter().zip(reads) {
            let Some(mut r) = read.await? else {
                done.skipped += 1;
                continue;
            };
            if !change(&mut r, *to) {
                done.skipped += 1;
                continue;
            }
            r.set_rev(Rev::after(r.rev(), None));
            idb::put_js(store, kinds::encode(&r)?)?;
            done.moved += 1;
        }
        progress(done.moved + done.skipped);
    }
    Ok(())
}

/// Records handed over between two pauses that let the page show the progress.
const PAUSE_EVERY: usize = 2_000;

/// Hands the records `moves` of a kind read packed over: every record read at once from the
/// pack, each changed one written without a mark, and the pack written again from them all at
/// the end (one value instead of a mark per record). `change` as in [`hand_each`].
async fn hand_packed<R: crate::domain::packed::Packed>(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    moves: &[(Id, Id)],
    done: &mut HandedOver,
    progress: &mut impl FnMut(usize),
    mut change: impl FnMut(&mut R, Id) -> bool,
) -> Result<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let store = kinds::store_of::<R>(tx)?;
    let mut all: Vec<R> = packed::all_in(tx).await?;
    let at: HashMap<String, usize> = all.iter().enumerate().map(|(i, r)| (r.key(), i)).collect();
    for (n, (id, to)) in moves.iter().enumerate() {
        let r = at
            .get(&id.to_string())
            .map(|&i| &mut all[i])
            .and_then(|r| change(r, *to).then_some(r));
        match r {
            Some(r) => {
                r.set_rev(Rev::after(r.rev(), None));
                idb::put_js_unmarked(&store, kinds::encode(r)?)?;
                done.moved += 1;
            }
            None => done.skipped += 1,
        }
        if (n + 1) % PAUSE_EVERY == 0 {
            progress(done.moved + done.skipped);
            idb::settle(&store).await?;
        }
    }
    packed::rewrite_in(tx, &all)?;
    progress(done.moved + done.skipped);
    Ok(())
}

/// Hands over everything in `plan` from `leaving`, in one transaction: each record gains its
/// new owner (customers, leads and opportunities their ownership history entry; promises
/// their keeper; complaints their handler) and nothing else changes. Customers' summaries are
/// refreshed in the same transaction. `progress` hears how many of the plan's moves are done.
/// A failure leaves everything as it was.
pub async fn hand_over(
    db: &Db,
    leaving: Id,
    plan: &Plan,
    now: Timestamp,
    mut progress: impl FnMut(usize),
) -> Result<HandedOver> {
    let tx = db.tx(&STORES, true)?;
    let store = |name| tx.object_store(name).map_err(idb::convert);
    let me = Some(leaving);
    let mut done = HandedOver::default();
    let mut refreshed = Vec::new();
    // The customers are the most numerous: read in one request through the owner index, and
    // each written back as read with only what changed set on it (owner, ownership history,
    // last change, revision), instead of converting all of it twice.
    let customers = store(CUSTOMERS)?;
    let mut held: HashMap<Id, (Customer, JsValue)> = HashMap::new();
    for raw in idb::get_all_by_js(&customers, BY_OWNER, &leaving.to_string()).await? {
        let c: Customer = idb::from_js(raw.clone())?;
        held.insert(c.id, (c, raw));
    }
    for (n, (id, to)) in plan.of(Held::Customer).iter().enumerate() {
        let mine = held
            .remove(id)
            .filter(|(c, _)| c.owner_id == me)
            .and_then(|(mut c, raw)| c.set_owner(Some(*to), now).then_some((c, raw)));
        match mine {
            Some((mut c, raw)) => {
                c.rev = Rev::after(c.rev, None);
                for (field, value) in [
                    ("owner_id", idb::to_js(&c.owner_id)?),
                    ("owners", idb::to_js(&c.owners)?),
                    ("updated_at", idb::to_js(&c.updated_at)?),
                    ("rev", idb::to_js(&c.rev)?),
                ] {
                    js_sys::Reflect::set(&raw, &JsValue::from_str(field), &value)
                        .map_err(|_| AppError::Storage(format!("cannot set {field}")))?;
                }
                idb::put_js(&customers, raw)?;
                done.moved += 1;
                refreshed.push(Change::Refresh(c));
            }
            None => done.skipped += 1,
        }
        if (n + 1) % PAUSE_EVERY == 0 {
            progress(done.moved + done.skipped);
            idb::settle(&customers).await?;
        }
    }
    progress(done.moved + done.skipped);
    hand_packed::<Lead>(
        &tx,
        &plan.of(Held::Lead),
        &mut done,
        &mut progress,
        |l, to| {
            let mine = l.owner_id == me && l.converted.is_none();
            if mine {
                l.set_owner(Some(to), now);
            }
            mine
        },
    )
    .await?;
    hand_packed::<Opportunity>(
        &tx,
        &plan.of(Held::Opportunity),
        &mut done,
        &mut progress,
        |o, to| {
            let mine = o.owner_id == me && o.is_open();
            if mine {
                o.set_owner(Some(to), now);
            }
            mine
        },
    )
    .await?;
    let keep = |i: &mut Interaction, to: Id| {
        if i.keeper() != me {
            return false;
        }
        match i.commitment.as_mut() {
            Some(c) if c.is_open() => {
                c.owner_id = Some(to);
                i.updated_at = now;
                true
            }
            _ => false,
        }
    };
    hand_each::<Interaction>(
        &store(INTERACTIONS)?,
        &plan.of(Held::Promise),
        &mut done,
        &mut progress,
        keep,
    )
    .await?;
    hand_each::<LeadInteraction>(
        &store(LEAD_INTERACTIONS)?,
        &plan.of(Held::LeadPromise),
        &mut done,
        &mut progress,
        |i, to| keep(&mut i.0, to),
    )
    .await?;
    hand_each::<Complaint>(
        &store(COMPLAINTS)?,
        &plan.of(Held::Complaint),
        &mut done,
        &mut progress,
        |c, to| {
            let mine = c.owner_id == me && c.is_open();
            if mine {
                c.owner_id = Some(to);
                c.updated_at = now;
            }
            mine
        },
    )
    .await?;
    done.summaries = summaries::apply(&store(SUMMARIES)?, refreshed).await?;
    idb::commit(tx).await?;
    Ok(done)
}
