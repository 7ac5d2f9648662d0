//! Deterministic sample data: realistic bilingual customers with contact persons, interactions
//! and multi-year purchase histories of varied behaviour.
//!
//! The same seed always gives the same records (ids included), on every machine, because the
//! generator uses its own small PRNG (SplitMix64) rather than a crate whose output may change
//! between versions. Each customer is generated from its own sub-seed, so customer *i* can be
//! produced without the ones before it and the stream can be written in chunks. "Load sample
//! data" makes a few hundred customers; benchmarks make 100,000 with about 1,000,000 purchases.

mod complaints;
mod customer;
mod deals;
mod leads;
mod profile;
mod quotes;
mod rng;
mod satisfaction;
mod tables;
#[cfg(test)]
mod tests;

pub use deals::{DealSeed, sample_deals};
pub use leads::{sample_lead_activity, sample_leads};
pub use profile::{Profile, profile_of};
pub use quotes::{QuoteSeed, industry_of, sample_agreements, sample_products, sample_quotes};
pub use rng::Rng;
pub use satisfaction::sample_survey;

use crate::domain::complaint::Complaint;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lang::Lang;
use crate::domain::member::{MemberRole, TeamMember};
use crate::domain::purchase::Purchase;
use crate::domain::satisfaction::{Response, Survey};
use crate::domain::time::Timestamp;
use chrono::NaiveDate;
use customer::build;

/// What to generate.
#[derive(Clone, Debug)]
pub struct SampleConfig {
    /// Seed: the same seed gives the same data.
    pub seed: u64,
    /// Number of customers.
    pub customers: usize,
    /// The day the histories end (normally today).
    pub today: NaiveDate,
    /// Ids are stamped with this Unix time (ms) plus the customer's index, the way records an
    /// import creates carry the import's time: ids then increase in generation order, so bulk
    /// writes append to the newest summary chunk instead of touching every chunk.
    pub id_epoch_ms: u64,
    /// The language of the sample survey's questions.
    pub lang: Lang,
}

/// One generated customer and everything recorded about them.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleCustomer {
    pub customer: Customer,
    pub contacts: Vec<ContactPerson>,
    pub interactions: Vec<Interaction>,
    pub purchases: Vec<Purchase>,
    pub complaints: Vec<Complaint>,
    /// Answers to [`sample_survey`].
    pub responses: Vec<Response>,
}

impl SampleCustomer {
    /// The customer's summary, as the store computes it from these records.
    pub fn summary(&self) -> crate::domain::summary::CustomerSummary {
        let mut s = crate::domain::summary::CustomerSummary::build(
            &self.customer,
            &self.contacts,
            &self.interactions,
            &self.purchases,
        );
        s.activity.set_complaints(&self.complaints);
        s
    }

    /// Adds this customer's records to `set`, kind by kind.
    pub fn add_to(&self, set: &mut crate::domain::record::RecordSet) {
        set.customers.push(self.customer.clone());
        set.contacts.extend_from_slice(&self.contacts);
        set.interactions.extend_from_slice(&self.interactions);
        set.purchases.extend_from_slice(&self.purchases);
        set.complaints.extend_from_slice(&self.complaints);
        set.responses.extend_from_slice(&self.responses);
    }
}

/// The sample team: a manager, sales reps, service and an export specialist.
pub fn team(seed: u64) -> Vec<TeamMember> {
    let members = [
        ("王芳", MemberRole::SalesManager),
        ("李强", MemberRole::SalesRep),
        ("陈静", MemberRole::SalesRep),
        ("张伟", MemberRole::SalesRep),
        ("刘洋", MemberRole::Service),
        ("Emily Zhou", MemberRole::SalesRep),
    ];
    let mut rng = Rng::new(seed ^ 0x7ea7);
    members
        .iter()
        .enumerate()
        .map(|(i, (name, role))| TeamMember {
            rev: crate::domain::record::Rev::default(),
            id: Id::from_parts(1_600_000_000_000 + i as u64, rng.id_bytes()),
            name: (*name).to_string(),
            role: *role,
            created_at: Timestamp(1_600_000_000_000 + i as i64),
            left_at: None,
        })
        .collect()
}

/// Customers of a seed, one by one.
pub struct Generator {
    config: SampleConfig,
    team: Vec<TeamMember>,
    survey: Survey,
    next: usize,
}

impl Generator {
    /// A generator of `config.customers` customers owned by `team` (normally [`team`]).
    pub fn new(config: SampleConfig, team: Vec<TeamMember>) -> Self {
        let survey = sample_survey(config.lang);
        Generator {
            config,
            team,
            survey,
            next: 0,
        }
    }

    /// Customer number `index` of the seed.
    pub fn customer(&self, index: usize) -> SampleCustomer {
        let mut rng = Rng::new(
            self.config
                .seed
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .wrapping_add(index as u64),
        );
        // Warm up so neighbouring sub-seeds diverge at once.
        rng.next_u64();
        build(&mut rng, &self.config, &self.team, &self.survey, index)
    }
}

impl Iterator for Generator {
    type Item = SampleCustomer;
    fn next(&mut self) -> Option<SampleCustomer> {
        if self.next >= self.config.customers {
            return None;
        }
        let c = self.customer(self.next);
        self.next += 1;
        Some(c)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.config.customers - self.next;
        (left, Some(left))
    }
}
