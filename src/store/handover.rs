//! Handover: reading what a member holds, and handing it all over in one transaction.

use super::error::Result;
use super::idb::{self, Db, get_all, get_all_by, get_all_in_index, get_request};
use super::kinds;
use super::schema::{
    BY_OPEN_DUE, BY_OWNER, COMPLAINTS, CUSTOMERS, INTERACTIONS, LEAD_INTERACTIONS, LEADS,
    OPPORTUNITIES, SUMMARIES,
};
use super::summaries::{self, Change};
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

/// Reads the records `ids` of one store in batches, lets `change` hand each one over (false:
/// it is no longer the leaving member's, leave it) and writes the changed ones back at their
/// next revision. Reports progress after each batch.
async fn hand_each<R: Serialize + DeserializeOwned + crate::domain::record::Record>(
    store: &ObjectStore<'_>,
    moves: &[(Id, Id)],
    done: &mut HandedOver,
    progress: &mut impl FnMut(usize),
    mut change: impl FnMut(&mut R, Id) -> bool,
    mut written: impl FnMut(R),
) -> Result<()> {
    hand_each_read(
        store,
        moves,
        None,
        done,
        progress,
        &mut change,
        &mut written,
    )
    .await
}

/// [`hand_each`], the records taken from `held` (read beforehand in one request) when given,
/// a record missing there being no longer held.
async fn hand_each_read<R: Serialize + DeserializeOwned + crate::domain::record::Record>(
    store: &ObjectStore<'_>,
    moves: &[(Id, Id)],
    mut held: Option<HashMap<Id, R>>,
    done: &mut HandedOver,
    progress: &mut impl FnMut(usize),
    change: &mut impl FnMut(&mut R, Id) -> bool,
    written: &mut impl FnMut(R),
) -> Result<()> {
    for batch in moves.chunks(BATCH) {
        let keys: Vec<String> = batch.iter().map(|(id, _)| id.to_string()).collect();
        let mut reads = Vec::with_capacity(batch.len());
        for (k, (id, _)) in keys.iter().zip(batch) {
            reads.push(match held.as_mut() {
                Some(h) => Err(h.remove(id)),
                None => Ok(get_request::<R>(store, k)?),
            });
        }
        for ((_, to), read) in batch.iter().zip(reads) {
            let found = match read {
                Ok(request) => request.await?,
                Err(taken) => taken,
            };
            let Some(mut r) = found else {
                done.skipped += 1;
                continue;
            };
            if !change(&mut r, *to) {
                done.skipped += 1;
                continue;
            }
            let rev = Rev::after(r.rev(), None);
            r.set_rev(rev);
            idb::put_js(store, kinds::encode(&r)?)?;
            done.moved += 1;
            written(r);
        }
        progress(done.moved + done.skipped);
    }
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
    // The customers are the most numerous: read in one request through the owner index
    // instead of one each.
    let customers = store(CUSTOMERS)?;
    let held: Vec<Customer> = get_all_by(&customers, BY_OWNER, &leaving.to_string()).await?;
    hand_each_read::<Customer>(
        &customers,
        &plan.of(Held::Customer),
        Some(held.into_iter().map(|c| (c.id, c)).collect()),
        &mut done,
        &mut progress,
        &mut |c, to| c.owner_id == me && c.set_owner(Some(to), now),
        &mut |c| refreshed.push(Change::Refresh(c)),
    )
    .await?;
    hand_each::<Lead>(
        &store(LEADS)?,
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
        |_| {},
    )
    .await?;
    hand_each::<Opportunity>(
        &store(OPPORTUNITIES)?,
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
        |_| {},
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
        |_| {},
    )
    .await?;
    hand_each::<LeadInteraction>(
        &store(LEAD_INTERACTIONS)?,
        &plan.of(Held::LeadPromise),
        &mut done,
        &mut progress,
        |i, to| keep(&mut i.0, to),
        |_| {},
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
        |_| {},
    )
    .await?;
    done.summaries = summaries::apply(&store(SUMMARIES)?, refreshed).await?;
    idb::commit(tx).await?;
    Ok(done)
}
