//! Sample leads: business cards from trade shows, web inquiries, referrals and campaign names,
//! at every stage of the funnel, some unassigned, some of them people the sample customers
//! already employ (the matches a real card pile holds).

use super::SampleCustomer;
use super::customer::mobile;
use super::rng::Rng;
use super::tables::{BRAND, CITIES, COMPANY_SUFFIX, GIVEN, INDUSTRIES, SURNAMES, TITLES};
use crate::domain::id::Id;
use crate::domain::lead::{DisqualifyReason, Lead, LeadInput, LeadSource, LeadStatus};
use crate::domain::member::TeamMember;
use crate::domain::time::Timestamp;

const DAY_MS: i64 = 86_400_000;

/// Campaigns and events leads come from.
const CAMPAIGNS: [&str; 5] = [
    "2026 春季广交会",
    "上海国际工业博览会",
    "春季宣传册寄送",
    "官网在线咨询",
    "行业峰会",
];

/// `count` leads made from `seed`, dated over the `days` before `now`, owned by `team` (a
/// fifth unassigned); one in ten is a contact person of one of `known` customers, met again.
pub fn sample_leads(
    seed: u64,
    count: usize,
    known: &[SampleCustomer],
    team: &[TeamMember],
    now: Timestamp,
    days: i64,
) -> Vec<Lead> {
    let mut rng = Rng::new(seed ^ 0x1ead_5eed);
    let people: Vec<(String, String, Vec<String>)> = known
        .iter()
        .flat_map(|c| {
            c.contacts
                .iter()
                .map(|p| (p.name.clone(), c.customer.name.clone(), p.phones.clone()))
        })
        .collect();
    (0..count)
        .map(|i| {
            let created =
                Timestamp(now.0 - rng.range(1, days.max(2)) * DAY_MS - rng.range(0, DAY_MS - 1));
            let mut random = [0u8; 10];
            for b in &mut random {
                *b = rng.range(0, 255) as u8;
            }
            let id = Id::from_parts(created.0 as u64, random);
            let (city, province, _) = *rng.pick(&CITIES);
            let industry = *rng.pick(&INDUSTRIES);
            let (name, company, phones) = if i % 10 == 3 && !people.is_empty() {
                let (n, c, p) = rng.pick(&people).clone();
                (n, c, p)
            } else {
                let name = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
                let company = format!(
                    "{}{}{}{}{}",
                    city,
                    rng.pick(&BRAND),
                    rng.pick(&BRAND),
                    industry.0,
                    rng.pick(&COMPANY_SUFFIX)
                );
                (name, company, vec![mobile(&mut rng)])
            };
            let source = *rng.pick(&LeadSource::ALL);
            let campaign = match source {
                LeadSource::TradeShow => CAMPAIGNS[rng.range(0, 1) as usize],
                LeadSource::Campaign => CAMPAIGNS[rng.range(2, 4) as usize],
                LeadSource::WebInquiry => CAMPAIGNS[3],
                _ => "",
            };
            let owner = (!team.is_empty() && !rng.chance(0.2)).then(|| rng.pick(team).id);
            let input = LeadInput {
                name,
                company,
                title: rng.pick(&TITLES).0.to_string(),
                phones,
                region: format!("{province} {city}"),
                industry: industry.1.to_string(),
                source,
                campaign: campaign.to_string(),
                owner_id: owner,
                do_not_contact: rng.chance(0.03),
                ..LeadInput::default()
            };
            // Generated from valid parts; a lead that would not validate is left blank rather
            // than made up.
            let fields = input.validate().unwrap_or_else(|_| {
                LeadInput {
                    name: format!("{}{}", SURNAMES[0], GIVEN[0]),
                    ..LeadInput::default()
                }
                .validate()
                .expect("a name alone is a valid lead")
            });
            let mut lead = Lead::create(id, fields, created);
            // Where in the funnel: most are still open; the steps spread over the days since
            // the lead came in (a step every three days at most).
            let gap = ((now.0 - created.0) / 4).min(3 * DAY_MS);
            let step = |n: i64| Timestamp(created.0 + n * gap);
            let roll = rng.unit();
            if roll > 0.35 {
                let _ = lead.set_status(LeadStatus::Contacted, None, step(1));
            }
            if roll > 0.65 {
                let _ = lead.set_status(LeadStatus::Qualified, None, step(2));
            }
            if roll > 0.88 {
                let reason = *rng.pick(&DisqualifyReason::ALL);
                let _ = lead.set_status(LeadStatus::Disqualified, Some(reason), step(3));
            }
            lead
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead::matching::{MatchIndex, MatchTarget};
    use crate::domain::sample::{Generator, SampleConfig};

    #[test]
    fn sample_leads_are_valid_varied_and_some_are_known_people() {
        let cfg = SampleConfig {
            seed: 7,
            customers: 30,
            today: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            id_epoch_ms: 1_780_000_000_000,
            lang: crate::domain::lang::Lang::Zh,
        };
        let team = super::super::team(3);
        let customers: Vec<SampleCustomer> = Generator::new(cfg, team.clone()).collect();
        let now = Timestamp(1_780_000_000_000);
        let leads = sample_leads(7, 60, &customers, &team, now, 120);
        assert_eq!(
            leads,
            sample_leads(7, 60, &customers, &team, now, 120),
            "deterministic"
        );
        assert_eq!(leads.len(), 60);
        let ids: std::collections::HashSet<Id> = leads.iter().map(|l| l.id).collect();
        assert_eq!(ids.len(), 60, "ids are unique");
        for l in &leads {
            assert!(LeadInput::from_lead(l).validate().is_ok(), "{l:?}");
            assert!(l.created_at <= now && l.updated_at <= now);
        }
        for s in [
            LeadStatus::New,
            LeadStatus::Contacted,
            LeadStatus::Qualified,
            LeadStatus::Disqualified,
        ] {
            assert!(leads.iter().any(|l| l.status == s), "some {s:?}");
        }
        assert!(
            leads.iter().any(|l| l.owner_id.is_none()),
            "an unassigned queue"
        );
        // The known people match their customer's contact person.
        let mut ix = MatchIndex::default();
        for c in &customers {
            ix.add_customer(&c.summary());
            for p in &c.contacts {
                ix.add_contact(p, &c.customer.name);
            }
        }
        let matched = leads
            .iter()
            .filter(|l| {
                ix.matches(l)
                    .iter()
                    .any(|m| matches!(m.target, MatchTarget::Contact { .. }))
            })
            .count();
        assert!(matched >= 6, "{matched} leads match a contact person");
    }
}
