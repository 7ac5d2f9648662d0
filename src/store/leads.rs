//! Leads: read all (with what they are matched against), save one, move to and from the trash,
//! delete for good (leaving tombstones).
//!
//! Leads are not read at start-up: the leads page reads them when it first opens.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{add_new, bury, delete_one, now, put_revision, save_alone, store_of};
use super::owned;
use super::schema::{BY_CUSTOMER, CONTACTS, LEAD_INTERACTIONS, LEADS, OPPORTUNITIES, TOMBSTONES};
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::lead::assign::RegionRule;
use crate::domain::lead::convert::Converted;
use crate::domain::opportunity::Opportunity;
use crate::domain::record::Record;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use gloo_storage::{LocalStorage, Storage};

/// Every lead, those in the trash included.
pub async fn all_leads(db: &Db) -> Result<Vec<Lead>> {
    super::packed::read_all::<Lead>(db).await
}

/// [`all_leads`], from a read started at start-up when there is one. Decoded in one
/// task, as before the quotes list's sliced decode: the page waits for every record before it
/// paints, and its later slices (search keys, scores, matching) follow the decode.
pub async fn all_leads_early(db: &Db, early: Option<super::EarlyRead>) -> Result<Vec<Lead>> {
    super::packed::read_all_yielding::<Lead, _>(db, early, || std::future::ready(())).await
}

/// Every contact person, for matching leads with them.
/// Read in parts (each part's objects arrive in a task of their own) and converted
/// [`PER_PAUSE`] at a time, awaiting `pause` in between (which should yield to the page only
/// when its time is up: a thousand conversions took 35–140 ms in one task): at 100,000
/// customers they are a quarter of a million records, which read at once would hold the page
/// for seconds.
pub async fn contacts_for_matching<F: std::future::Future<Output = ()>>(
    db: &Db,
    mut pause: impl FnMut() -> F,
) -> Result<Vec<ContactPerson>> {
    const PER_PAUSE: usize = 50;
    let values = {
        let tx = db.tx(&[CONTACTS], false)?;
        idb::get_all_js_in_parts(&tx.object_store(CONTACTS).map_err(idb::convert)?, 10_000).await?
    };
    let mut out = Vec::with_capacity(values.len());
    for part in values.chunks(PER_PAUSE) {
        for v in part {
            out.push(idb::from_js(v.clone())?);
        }
        pause().await;
    }
    Ok(out)
}

/// How many records each lead not in the trash may already be (customers, their contact
/// persons, other leads: see `domain::lead::matching`), for the leads that have any. Reads
/// every customer, contact person and lead itself — what the analysis thread does, so the
/// page never holds the quarter of a million contact objects (their garbage collection held
/// the page 50–120 ms at a time) — awaiting `pause` every [`MATCH_STEP`] entries in between.
pub async fn lead_match_counts<F: std::future::Future<Output = ()>>(
    db: &Db,
    mut pause: impl FnMut() -> F,
) -> Result<Vec<(Id, u32)>> {
    use crate::domain::lead::matching::MatchIndex;
    use std::collections::HashMap;
    let customers: Vec<Customer> = super::kinds::all_alone(db).await?;
    let contacts = contacts_for_matching(db, &mut pause).await?;
    let leads = all_leads(db).await?;
    let mut index = MatchIndex::with_capacity(customers.len() + contacts.len() + leads.len());
    let mut names: HashMap<Id, &str> = HashMap::with_capacity(customers.len());
    for part in customers.chunks(MATCH_STEP) {
        for c in part.iter().filter(|c| c.deleted_at.is_none()) {
            index.add_customer_record(c);
            names.insert(c.id, &c.name);
        }
        pause().await;
    }
    for part in contacts.chunks(MATCH_STEP) {
        for c in part {
            if let Some(name) = names.get(&c.customer_id) {
                index.add_contact(c, name);
            }
        }
        pause().await;
    }
    let open: Vec<&Lead> = leads.iter().filter(|l| l.deleted_at.is_none()).collect();
    for part in open.chunks(MATCH_STEP) {
        part.iter().for_each(|l| index.add_lead(l));
        pause().await;
    }
    let mut counts = Vec::new();
    for part in open.chunks(MATCH_STEP) {
        for l in part {
            let n = index.matches(l).len();
            if n > 0 {
                counts.push((l.id, n as u32));
            }
        }
        pause().await;
    }
    Ok(counts)
}

/// Entries matched between two pauses of [`lead_match_counts`]: each goes through pinyin
/// (about 0.1 ms in the browser).
pub const MATCH_STEP: usize = 50;

/// Saves a new or edited lead as its next revision (a [`AppError::Conflict`] when it changed
/// elsewhere since it was read); returns it as written.
pub async fn save_lead(db: &Db, lead: &Lead) -> Result<Lead> {
    save_alone(db, lead).await
}

/// Moves the leads `ids` to the trash (`Some(now)`) or back (`None`) in one transaction;
/// returns them as written.
pub async fn set_leads_trashed(db: &Db, ids: &[Id], at: Option<Timestamp>) -> Result<Vec<Lead>> {
    let when = at.unwrap_or_else(now);
    super::kinds::change_each(db, ids, |lead: &mut Lead| {
        lead.deleted_at = at;
        lead.updated_at = when;
    })
    .await
}

/// Gives each lead of `plan` its new owner (`(lead, member)`), in one transaction; each
/// lead's ownership history gains the entry.
pub async fn assign_leads(db: &Db, plan: &[(Id, Id)], at: Timestamp) -> Result<Vec<Lead>> {
    let owners: std::collections::HashMap<Id, Id> = plan.iter().copied().collect();
    let ids: Vec<Id> = plan.iter().map(|(l, _)| *l).collect();
    super::kinds::change_each(db, &ids, |lead: &mut Lead| {
        lead.set_owner(owners.get(&lead.id).copied(), at)
    })
    .await
}

/// Writes a lead's conversion in one transaction: the new customer and contact person (when
/// it makes them), the lead marked converted with its link, the deal opened with it (if any),
/// and the customer's summary. A
/// lead changed elsewhere since it was read ([`AppError::Conflict`]) or a customer gone or in
/// the trash ([`AppError::NotFound`]) leaves everything as it was.
pub async fn convert_lead(db: &Db, c: &Converted) -> Result<(Lead, CustomerSummary)> {
    let stores: Vec<&str> = owned::stores()
        .into_iter()
        .chain([LEADS, LEAD_INTERACTIONS, OPPORTUNITIES])
        .collect();
    let tx = db.tx(&stores, true)?;
    let customers = store_of::<Customer>(&tx)?;
    if let Some(new) = &c.customer {
        add_new(&customers, std::slice::from_ref(new))?;
    } else {
        let id = c
            .lead
            .converted
            .map(|v| v.customer_id)
            .ok_or(AppError::NotFound)?;
        let stored: Option<Customer> = get(&customers, &id.to_string()).await?;
        if stored.is_none_or(|s| s.deleted_at.is_some()) {
            return Err(AppError::NotFound);
        }
    }
    if let Some(p) = &c.contact {
        add_new(&store_of::<ContactPerson>(&tx)?, std::slice::from_ref(p))?;
    }
    let lead = put_revision(&store_of::<Lead>(&tx)?, &c.lead).await?;
    let link = c.lead.converted.ok_or(AppError::NotFound)?;
    let customer_id = link.customer_id;
    // The lead's interactions and commitments move onto the customer's timeline.
    let activity = store_of::<LeadInteraction>(&tx)?;
    let moved: Vec<LeadInteraction> =
        idb::get_all_by(&activity, BY_CUSTOMER, &c.lead.id.to_string()).await?;
    let mut tombs = Vec::with_capacity(moved.len());
    let mut onto = Vec::with_capacity(moved.len());
    for i in &moved {
        let (_, tomb) = delete_one::<LeadInteraction>(&activity, &i.key(), link.at).await?;
        tombs.push(tomb);
        onto.push(i.onto_customer(customer_id, link.contact_id, link.at));
    }
    bury(&tx, &tombs)?;
    add_new(&store_of::<Interaction>(&tx)?, &onto)?;
    if let Some(deal) = &c.opportunity {
        add_new(&store_of::<Opportunity>(&tx)?, std::slice::from_ref(deal))?;
    }
    let summary = owned::refresh(&tx, customer_id).await?;
    idb::commit(tx).await?;
    Ok((lead, summary))
}

/// Deletes the leads `ids` for good in one transaction, leaving their tombstones.
pub async fn purge_leads(db: &Db, ids: &[Id]) -> Result<()> {
    let tx = db.tx(&[LEADS, LEAD_INTERACTIONS, TOMBSTONES], true)?;
    let store = store_of::<Lead>(&tx)?;
    let activity = store_of::<LeadInteraction>(&tx)?;
    let at = now();
    let mut tombs = Vec::with_capacity(ids.len());
    for id in ids {
        let (_, tomb) = delete_one::<Lead>(&store, &id.to_string(), at).await?;
        tombs.push(tomb);
        // Its interactions go with it.
        let keys: Vec<LeadInteraction> =
            idb::get_all_by(&activity, BY_CUSTOMER, &id.to_string()).await?;
        for i in keys {
            let (_, tomb) = delete_one::<LeadInteraction>(&activity, &i.key(), at).await?;
            tombs.push(tomb);
        }
    }
    bury(&tx, &tombs)?;
    idb::commit(tx).await
}

/// The region rules last used to assign leads on this device.
pub fn region_rules() -> Vec<RegionRule> {
    LocalStorage::get::<Vec<RegionRule>>(REGION_RULES).unwrap_or_default()
}

/// Remembers the region rules for the next assignment.
pub fn set_region_rules(rules: &[RegionRule]) {
    let _ = LocalStorage::set(REGION_RULES, rules);
}

const REGION_RULES: &str = "zhike.lead_region_rules";
