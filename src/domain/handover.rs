//! Handover (交接): when a member leaves or changes territory, everything they hold — their
//! customers, their leads not yet converted, their open opportunities, the open promises they
//! keep and the open complaints they handle — goes to others in one step, and nothing of the
//! history changes (each record keeps who owned it from when; interactions keep who made them).
//!
//! The split, as the preview states it:
//! - **to one member**: everything to them;
//! - **by region**: a customer or lead goes to the member of the first rule whose region its
//!   own contains (`浙江` takes `浙江 杭州`), otherwise to the fallback member;
//! - **round robin**: customers, then leads, in turn over the chosen members.
//!
//! An opportunity, promise or complaint of a customer handed over in the same step follows
//! that customer, so an account stays with one person; one whose customer stays put is split
//! by the same rule (by its customer's region). A promise made on a lead follows the lead.

use crate::domain::id::Id;
use crate::domain::lead::assign::RegionRule;
use crate::domain::search::normalise;
use std::collections::{BTreeMap, HashMap};

/// How the holdings are split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// Everything to one member.
    To(Id),
    /// In turn over these members, in this order.
    RoundRobin(Vec<Id>),
    /// By region rules, the rest to `fallback`.
    ByRegion {
        rules: Vec<RegionRule>,
        fallback: Id,
    },
}

/// The kinds of things a handover moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Held {
    Customer,
    Lead,
    Opportunity,
    Promise,
    LeadPromise,
    Complaint,
}

impl Held {
    pub const ALL: [Held; 6] = [
        Held::Customer,
        Held::Lead,
        Held::Opportunity,
        Held::Promise,
        Held::LeadPromise,
        Held::Complaint,
    ];

    /// A stable short name (test ids, addresses).
    pub fn as_str(self) -> &'static str {
        match self {
            Held::Customer => "customers",
            Held::Lead => "leads",
            Held::Opportunity => "deals",
            Held::Promise => "promises",
            Held::LeadPromise => "lead-promises",
            Held::Complaint => "complaints",
        }
    }
}

/// One thing the leaving member holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: Held,
    /// The record (a promise: the interaction it was made in).
    pub id: Id,
    /// The customer or lead it belongs to (itself for a customer or lead).
    pub parent: Id,
    /// Its region, or its customer's or lead's.
    pub region: String,
}

/// What a member holds, in the order a round robin deals it out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holdings {
    pub items: Vec<Item>,
}

impl Holdings {
    /// Adds one thing held.
    pub fn add(&mut self, kind: Held, id: Id, parent: Id, region: &str) {
        self.items.push(Item {
            kind,
            id,
            parent,
            region: region.to_string(),
        });
    }

    /// How many of each kind.
    pub fn count(&self, kind: Held) -> usize {
        self.items.iter().filter(|i| i.kind == kind).count()
    }
}

/// Who gets each thing held.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// (kind, record, new owner), in the holdings' order.
    pub moves: Vec<(Held, Id, Id)>,
}

impl Plan {
    /// The preview: per receiving member, how many of each kind they get.
    pub fn preview(&self) -> BTreeMap<Id, BTreeMap<Held, usize>> {
        let mut out: BTreeMap<Id, BTreeMap<Held, usize>> = BTreeMap::new();
        for (kind, _, to) in &self.moves {
            *out.entry(*to).or_default().entry(*kind).or_default() += 1;
        }
        out
    }

    /// The records of one kind with their new owner.
    pub fn of(&self, kind: Held) -> Vec<(Id, Id)> {
        self.moves
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, to)| (*id, *to))
            .collect()
    }
}

/// Why a split cannot be planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitProblem {
    /// Round robin over nobody.
    NoMembers,
    /// A receiving member is the one handing over, or has left.
    NotActive,
}

/// Plans the handover of `holdings` by `leaving` under `split`; `active` are the members who
/// can receive.
pub fn plan(
    holdings: &Holdings,
    split: &Split,
    leaving: Id,
    active: &[Id],
) -> Result<Plan, SplitProblem> {
    let can = |m: &Id| *m != leaving && active.contains(m);
    let receivers: Vec<Id> = match split {
        Split::To(m) => vec![*m],
        Split::RoundRobin(ms) => ms.clone(),
        Split::ByRegion { rules, fallback } => {
            rules.iter().map(|r| r.member).chain([*fallback]).collect()
        }
    };
    if receivers.is_empty() {
        return Err(SplitProblem::NoMembers);
    }
    if !receivers.iter().all(can) {
        return Err(SplitProblem::NotActive);
    }
    let rules: Vec<(String, Id)> = match split {
        Split::ByRegion { rules, .. } => rules
            .iter()
            .map(|r| (normalise(r.region.trim()), r.member))
            .filter(|(r, _)| !r.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    let mut turn = 0usize;
    let mut next = |region: &str| -> Id {
        match split {
            Split::To(m) => *m,
            Split::RoundRobin(ms) => {
                let m = ms[turn % ms.len()];
                turn += 1;
                m
            }
            Split::ByRegion { fallback, .. } => {
                let region = normalise(region);
                rules
                    .iter()
                    .find(|(r, _)| region.contains(r.as_str()))
                    .map_or(*fallback, |(_, m)| *m)
            }
        }
    };
    let mut moved: HashMap<Id, Id> = HashMap::new();
    let mut moves = Vec::with_capacity(holdings.items.len());
    // Customers and leads first, so what belongs to them can follow.
    for pass in [true, false] {
        for item in &holdings.items {
            let owner_kind = matches!(item.kind, Held::Customer | Held::Lead);
            if owner_kind != pass {
                continue;
            }
            let to = if pass {
                let to = next(&item.region);
                moved.insert(item.id, to);
                to
            } else {
                match moved.get(&item.parent) {
                    Some(to) => *to,
                    None => next(&item.region),
                }
            };
            moves.push((item.kind, item.id, to));
        }
    }
    Ok(Plan { moves })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [0; 10])
    }

    fn holdings() -> Holdings {
        let mut h = Holdings::default();
        h.add(Held::Customer, id(1), id(1), "浙江 杭州");
        h.add(Held::Customer, id(2), id(2), "江苏 南京");
        h.add(Held::Customer, id(3), id(3), "上海");
        h.add(Held::Lead, id(4), id(4), "浙江 宁波");
        // A deal of customer 2 (moves with it) and one of a customer that stays (id 9).
        h.add(Held::Opportunity, id(5), id(2), "江苏 南京");
        h.add(Held::Opportunity, id(6), id(9), "浙江 温州");
        h.add(Held::Promise, id(7), id(3), "上海");
        h.add(Held::LeadPromise, id(8), id(4), "浙江 宁波");
        h.add(Held::Complaint, id(10), id(1), "浙江 杭州");
        h
    }

    const LEAVING: u64 = 100;

    #[test]
    fn to_one_member_moves_everything() {
        let (a, b) = (id(101), id(102));
        let p = plan(&holdings(), &Split::To(a), id(LEAVING), &[a, b]).unwrap();
        assert_eq!(p.moves.len(), 9);
        assert!(p.moves.iter().all(|(_, _, to)| *to == a));
        assert_eq!(p.preview()[&a][&Held::Customer], 3);
        assert_eq!(p.preview()[&a][&Held::Opportunity], 2);
    }

    #[test]
    fn round_robin_deals_customers_then_leads_in_turn_and_the_rest_follows() {
        let (a, b) = (id(101), id(102));
        let p = plan(
            &holdings(),
            &Split::RoundRobin(vec![a, b]),
            id(LEAVING),
            &[a, b],
        )
        .unwrap();
        // Customers 1 → a, 2 → b, 3 → a; lead 4 → b; deal 5 follows customer 2 → b; deal 6's
        // customer stays, so it takes the next turn → a; promise 7 follows customer 3 → a;
        // the lead's promise follows lead 4 → b; complaint 10 follows customer 1 → a.
        assert_eq!(
            p.moves,
            vec![
                (Held::Customer, id(1), a),
                (Held::Customer, id(2), b),
                (Held::Customer, id(3), a),
                (Held::Lead, id(4), b),
                (Held::Opportunity, id(5), b),
                (Held::Opportunity, id(6), a),
                (Held::Promise, id(7), a),
                (Held::LeadPromise, id(8), b),
                (Held::Complaint, id(10), a),
            ]
        );
        assert_eq!(
            p.of(Held::Customer),
            vec![(id(1), a), (id(2), b), (id(3), a)]
        );
    }

    #[test]
    fn by_region_takes_the_first_rule_that_fits_and_the_rest_goes_to_the_fallback() {
        let (zj, js, rest) = (id(101), id(102), id(103));
        let split = Split::ByRegion {
            rules: vec![
                RegionRule {
                    region: "浙江".into(),
                    member: zj,
                },
                RegionRule {
                    region: " 江苏 ".into(),
                    member: js,
                },
            ],
            fallback: rest,
        };
        let p = plan(&holdings(), &split, id(LEAVING), &[zj, js, rest]).unwrap();
        let to: Vec<Id> = p.moves.iter().map(|m| m.2).collect();
        // 杭州 → zj, 南京 → js, 上海 → fallback, 宁波 lead → zj, deal 5 with customer 2 → js,
        // deal 6 (温州, its customer stays) → zj, promise 7 with 上海 → rest, lead promise → zj,
        // complaint with customer 1 → zj.
        assert_eq!(to, vec![zj, js, rest, zj, js, zj, rest, zj, zj]);
    }

    #[test]
    fn receivers_must_be_active_and_not_the_one_leaving() {
        let (a, gone) = (id(101), id(102));
        let leaving = id(LEAVING);
        assert_eq!(
            plan(&holdings(), &Split::To(leaving), leaving, &[a, leaving]),
            Err(SplitProblem::NotActive)
        );
        assert_eq!(
            plan(
                &holdings(),
                &Split::RoundRobin(vec![a, gone]),
                leaving,
                &[a]
            ),
            Err(SplitProblem::NotActive)
        );
        assert_eq!(
            plan(&holdings(), &Split::RoundRobin(vec![]), leaving, &[a]),
            Err(SplitProblem::NoMembers)
        );
    }
}
