//! Giving leads owners: to one member, round robin over chosen members, or by region rules.
//!
//! Round robin hands each lead to the chosen member with the fewest open leads at that moment
//! (ties in the order the members were chosen), counting the leads handed out so far: over a
//! team with equal loads that is plain rotation, and a member who already carries more gets
//! fewer until the loads are level. Region rules send a lead to the member of the first rule
//! whose region its own region contains (`浙江` takes `浙江 杭州`); a lead no rule takes stays
//! where it was.

use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::search::normalise;
use std::collections::HashMap;

/// How to choose owners.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssignRule {
    /// Everything to one member.
    To(Id),
    /// Spread over these members (in this order for ties).
    RoundRobin(Vec<Id>),
    /// The first rule whose region the lead's region contains.
    ByRegion(Vec<RegionRule>),
}

/// One region rule.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RegionRule {
    /// A province, city or district as written in regions (`浙江`, `杭州`).
    pub region: String,
    pub member: Id,
}

/// Who gets each of `leads` (in their order) under `rule`, given every lead (`all`, for the
/// members' current loads). Leads the rule does not take are left out.
pub fn plan(leads: &[&Lead], rule: &AssignRule, all: &[Lead]) -> Vec<(Id, Id)> {
    match rule {
        AssignRule::To(member) => leads.iter().map(|l| (l.id, *member)).collect(),
        AssignRule::RoundRobin(members) if members.is_empty() => Vec::new(),
        AssignRule::RoundRobin(members) => {
            let moving: Vec<Id> = leads.iter().map(|l| l.id).collect();
            let mut load: HashMap<Id, usize> = members.iter().map(|m| (*m, 0)).collect();
            for l in all {
                if l.deleted_at.is_none()
                    && l.status.is_open()
                    && !moving.contains(&l.id)
                    && let Some(n) = l.owner_id.and_then(|o| load.get_mut(&o))
                {
                    *n += 1;
                }
            }
            leads
                .iter()
                .map(|l| {
                    // The first of the least loaded, in the chosen order.
                    let member = *members
                        .iter()
                        .min_by_key(|m| load[m])
                        .expect("members is not empty");
                    *load.get_mut(&member).expect("a chosen member") += 1;
                    (l.id, member)
                })
                .collect()
        }
        AssignRule::ByRegion(rules) => {
            let rules: Vec<(String, Id)> = rules
                .iter()
                .map(|r| (normalise(r.region.trim()), r.member))
                .filter(|(r, _)| !r.is_empty())
                .collect();
            leads
                .iter()
                .filter_map(|l| {
                    let region = normalise(&l.region);
                    rules
                        .iter()
                        .find(|(r, _)| region.contains(r.as_str()))
                        .map(|(_, m)| (l.id, *m))
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead::{DisqualifyReason, LeadInput, LeadStatus};
    use crate::domain::time::Timestamp;

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [0; 10])
    }

    fn lead(n: u64, region: &str, owner: Option<Id>) -> Lead {
        let input = LeadInput {
            name: format!("L{n}"),
            region: region.into(),
            owner_id: owner,
            ..LeadInput::default()
        };
        Lead::create(id(n), input.validate().unwrap(), Timestamp(0))
    }

    #[test]
    fn round_robin_rotates_over_equal_loads_and_levels_unequal_ones() {
        let (a, b, c) = (id(101), id(102), id(103));
        let new: Vec<Lead> = (1..=7).map(|n| lead(n, "", None)).collect();
        let refs: Vec<&Lead> = new.iter().collect();
        // Equal loads (none): a, b, c, a, b, c, a.
        let got = plan(&refs, &AssignRule::RoundRobin(vec![a, b, c]), &new);
        let owners: Vec<Id> = got.iter().map(|(_, m)| *m).collect();
        assert_eq!(owners, vec![a, b, c, a, b, c, a]);
        // b already has three open leads and c one; a's disqualified lead does not count.
        // Worked by hand (load before each pick, ties in the chosen order):
        // a0 b3 c1 → a; a1 c1 → a; a2 c1 → c; a2 c2 → a; a3 c2 → c; a3 b3 c3 → a; a4 b3 c3 → b.
        let mut all = new.clone();
        all.extend((10..13).map(|n| lead(n, "", Some(b))));
        all.push(lead(13, "", Some(c)));
        let mut closed = lead(14, "", Some(a));
        closed
            .set_status(
                LeadStatus::Disqualified,
                Some(DisqualifyReason::NoNeed),
                Timestamp(1),
            )
            .unwrap();
        all.push(closed);
        let got = plan(&refs, &AssignRule::RoundRobin(vec![a, b, c]), &all);
        let owners: Vec<Id> = got.iter().map(|(_, m)| *m).collect();
        assert_eq!(owners, vec![a, a, c, a, c, a, b]);
        assert!(plan(&refs, &AssignRule::RoundRobin(vec![]), &all).is_empty());
    }

    #[test]
    fn a_lead_being_reassigned_does_not_count_against_its_old_owner() {
        let (a, b) = (id(101), id(102));
        let mine: Vec<Lead> = (1..=4).map(|n| lead(n, "", Some(a))).collect();
        let refs: Vec<&Lead> = mine.iter().collect();
        let got = plan(&refs, &AssignRule::RoundRobin(vec![a, b]), &mine);
        let owners: Vec<Id> = got.iter().map(|(_, m)| *m).collect();
        assert_eq!(owners, vec![a, b, a, b]);
    }

    #[test]
    fn region_rules_take_the_first_that_fits_and_leave_the_rest() {
        let (zj, hz, gd) = (id(101), id(102), id(103));
        let leads = vec![
            lead(1, "浙江 杭州", None),
            lead(2, "浙江 宁波", None),
            lead(3, "广东 深圳", None),
            lead(4, "北京", None),
            lead(5, "Guangdong Shenzhen", None),
        ];
        let refs: Vec<&Lead> = leads.iter().collect();
        let rules = AssignRule::ByRegion(vec![
            RegionRule {
                region: "杭州".into(),
                member: hz,
            },
            RegionRule {
                region: "浙江".into(),
                member: zj,
            },
            RegionRule {
                region: " ".into(),
                member: zj,
            },
            RegionRule {
                region: "广东".into(),
                member: gd,
            },
            RegionRule {
                region: "GUANGDONG".into(),
                member: gd,
            },
        ]);
        assert_eq!(
            plan(&refs, &rules, &leads),
            vec![(id(1), hz), (id(2), zj), (id(3), gd), (id(5), gd)]
        );
        assert_eq!(
            plan(&refs[..2], &AssignRule::To(gd), &leads),
            vec![(id(1), gd), (id(2), gd)]
        );
    }
}
