//! Sample leads: business cards from trade shows, web inquiries, referrals and campaign names,
//! at every stage of the funnel, some unassigned, some of them people the sample customers
//! already employ (the matches a real card pile holds).

use super::SampleCustomer;
use super::customer::mobile;
use super::rng::Rng;
use super::tables::{BRAND, CITIES, COMPANY_SUFFIX, GIVEN, INDUSTRIES, SURNAMES, TITLES};
use crate::domain::id::Id;
use crate::domain::interaction::{Channel, Commitment, Interaction};
use crate::domain::lead::activity::LeadInteraction;
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
            // the lead came in (a step every one to six days).
            let gap = ((now.0 - created.0) / 4).min(rng.range(1, 6) * DAY_MS);
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

/// What sample calls, visits and messages with a lead were about.
const TOUCHES: [&str; 6] = [
    "电话沟通需求，对方在比较三家供应商",
    "寄出产品资料和样品",
    "上门拜访，见到了采购负责人",
    "微信发送报价单，对方询问交期",
    "参加线上演示，提了几个技术问题",
    "邮件跟进，约下周再联系",
];

/// The interactions logged on sample `leads`: none or one on a new lead, more the further it
/// went, spread between its arrival and `now`; a qualified lead often carries an open promise.
/// Promises fall due around `today`.
pub fn sample_lead_activity(
    seed: u64,
    leads: &[Lead],
    team: &[TeamMember],
    now: Timestamp,
    today: chrono::NaiveDate,
) -> Vec<LeadInteraction> {
    let mut rng = Rng::new(seed ^ 0xac71_f1e5);
    let channels = [
        Channel::Call,
        Channel::Call,
        Channel::WeChat,
        Channel::Email,
        Channel::Visit,
        Channel::Meeting,
    ];
    let mut out = Vec::new();
    for lead in leads {
        let n = match lead.status {
            LeadStatus::New => rng.range(0, 1),
            LeadStatus::Contacted | LeadStatus::Disqualified => rng.range(1, 2),
            LeadStatus::Qualified | LeadStatus::Converted => rng.range(2, 4),
        };
        for k in 0..n {
            let span = (now.0 - lead.created_at.0).max(1);
            let at = Timestamp(lead.created_at.0 + rng.range(0, span - 1));
            let mut random = [0u8; 10];
            for b in &mut random {
                *b = rng.range(0, 255) as u8;
            }
            let promise = lead.status == LeadStatus::Qualified && k == 0 && rng.chance(0.5);
            out.push(LeadInteraction(Interaction {
                id: Id::from_parts(at.0 as u64, random),
                customer_id: lead.id,
                at,
                channel: *rng.pick(&channels),
                member_id: lead
                    .owner_id
                    .or_else(|| (!team.is_empty()).then(|| rng.pick(team).id)),
                contact_id: None,
                summary: rng.pick(&TOUCHES).to_string(),
                commitment: promise.then(|| Commitment {
                    text: "发送正式报价".into(),
                    due: today + chrono::Duration::days(rng.range(-2, 10)),
                    owner_id: None,
                    done_at: None,
                }),
                created_at: at,
                updated_at: at,
                rev: crate::domain::record::Rev::default(),
            }));
        }
    }
    out
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

    #[test]
    fn sample_lead_activity_follows_how_far_each_lead_went() {
        let team = super::super::team(3);
        let now = Timestamp(1_780_000_000_000);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 28).unwrap();
        let leads = sample_leads(11, 200, &[], &team, now, 120);
        let activity = sample_lead_activity(11, &leads, &team, now, today);
        assert!(!activity.is_empty());
        for lead in &leads {
            let own: Vec<_> = activity.iter().filter(|i| i.lead_id() == lead.id).collect();
            let range = match lead.status {
                LeadStatus::New => 0..=1,
                LeadStatus::Contacted | LeadStatus::Disqualified => 1..=2,
                _ => 2..=4,
            };
            assert!(
                range.contains(&own.len()),
                "{:?}: {}",
                lead.status,
                own.len()
            );
            for i in &own {
                assert!(i.0.at >= lead.created_at && i.0.at <= now);
                if i.0.commitment.is_some() {
                    assert_eq!(lead.status, LeadStatus::Qualified);
                }
            }
        }
        assert!(activity.iter().any(|i| i.0.commitment.is_some()));
    }
}
