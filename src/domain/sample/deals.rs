//! Sample opportunities: deals at every stage of the default pipeline, most of them moved along
//! over weeks, some won, some lost (to a competitor, on price...), some past their close date
//! or quiet for a month, a few handed from one rep to another — the variety a real pipeline
//! holds, deterministic for a seed.

use super::rng::Rng;
use super::tables::COMPETITORS;
use crate::domain::id::Id;
use crate::domain::interaction::Commitment;
use crate::domain::member::Ownership;
use crate::domain::member::TeamMember;
use crate::domain::money::{Currency, Money};
use crate::domain::opportunity::stage::{Pipeline, StageId};
use crate::domain::opportunity::{Closing, LostReason, Opportunity, StageChange};
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use chrono::NaiveDate;
use rust_decimal::Decimal;

const DAY_MS: i64 = 86_400_000;

/// What a deal is made from: its customer, their owner, what they buy and in which currency.
#[derive(Clone, Debug)]
pub struct DealSeed {
    pub customer: Id,
    pub owner: Option<Id>,
    pub product: String,
    pub currency: Currency,
}

const STEPS: [&str; 6] = [
    "发送正式报价",
    "安排技术交流",
    "寄送样品",
    "约见采购负责人",
    "确认合同条款",
    "回访试用反馈",
];

/// One deal per seed in `seeds`, created over the 240 days before `now`, by `team`.
pub fn sample_deals(
    seed: u64,
    seeds: &[DealSeed],
    team: &[TeamMember],
    now: Timestamp,
    today: NaiveDate,
) -> Vec<Opportunity> {
    let p = Pipeline::default();
    let open: Vec<StageId> = p.open_stages().map(|s| s.id.clone()).collect();
    let mut rng = Rng::new(seed ^ 0xdea1_5eed);
    let reps: Vec<Id> = team.iter().map(|m| m.id).collect();
    seeds
        .iter()
        .map(|s| {
            let age = rng.range(3, 240);
            let created = Timestamp(now.0 - age * DAY_MS - rng.range(0, DAY_MS - 1));
            let mut random = [0u8; 10];
            for b in &mut random {
                *b = rng.range(0, 255) as u8;
            }
            let id = Id::from_parts(created.0 as u64, random);
            // Amounts from 5,000 to about 2,000,000, most of them small.
            let base = 5_000.0 * (400f64).powf(rng.unit().powi(2));
            let step = if s.currency == Currency::Jpy {
                1000
            } else {
                100
            };
            let amount = Decimal::from((base as i64 / step).max(1) * step);
            let mut history = vec![StageChange {
                at: created,
                stage: open[0].clone(),
                by: s.owner,
            }];
            // How far it got: each step takes 2–20 days, within its age.
            let reach = rng.range(0, open.len() as i64 - 1) as usize;
            let mut at = created.0;
            for stage in open.iter().take(reach + 1).skip(1) {
                let next = at + rng.range(2, 20) * DAY_MS;
                if next >= now.0 {
                    break;
                }
                at = next;
                history.push(StageChange {
                    at: Timestamp(at),
                    stage: stage.clone(),
                    by: s.owner,
                });
            }
            let mut competitors = Vec::new();
            if rng.chance(0.4) {
                competitors.push((*rng.pick(&COMPETITORS)).to_string());
            }
            let mut owners = vec![Ownership {
                owner_id: s.owner,
                from: created,
            }];
            let mut owner = s.owner;
            // One in twenty changed hands half-way.
            if rng.chance(0.05) && !reps.is_empty() {
                let to = *rng.pick(&reps);
                if Some(to) != owner {
                    owner = Some(to);
                    owners.push(Ownership {
                        owner_id: owner,
                        from: Timestamp((created.0 + at) / 2),
                    });
                }
            }
            let close_in = rng.range(-20, 90);
            let close_date = today + chrono::TimeDelta::days(close_in);
            let old = now.0 - at > 45 * DAY_MS;
            // Deals whose last move is long past mostly closed; recent ones mostly open.
            let fate = rng.unit();
            let closing = if old && fate < 0.45 {
                let closed = Timestamp(at + rng.range(1, 15) * DAY_MS);
                let won = fate < 0.2;
                let stage = if won { StageId::won() } else { StageId::lost() };
                history.push(StageChange {
                    at: closed,
                    stage,
                    by: owner,
                });
                at = closed.0;
                let reason = (!won).then(|| *rng.pick(&LostReason::ALL));
                let lost_to = match reason {
                    Some(LostReason::Competitor) => {
                        let c = (*rng.pick(&COMPETITORS)).to_string();
                        if !competitors.contains(&c) {
                            competitors.push(c.clone());
                        }
                        c
                    }
                    _ => String::new(),
                };
                Some(Closing {
                    at: closed,
                    date: closed.local_date(480),
                    reason,
                    lost_to,
                    purchase_id: None,
                })
            } else {
                None
            };
            let stage = history
                .last()
                .map_or_else(|| open[0].clone(), |c| c.stage.clone());
            let next_step = (closing.is_none() && rng.chance(0.7)).then(|| Commitment {
                text: (*rng.pick(&STEPS)).to_string(),
                due: today + chrono::TimeDelta::days(rng.range(-10, 21)),
                owner_id: None,
                done_at: None,
            });
            // A third of the open deals were last touched a while ago (stale).
            let updated = if closing.is_none() && rng.chance(0.3) {
                Timestamp(at)
            } else {
                Timestamp(at.max(now.0 - rng.range(0, 10) * DAY_MS))
            };
            Opportunity {
                id,
                customer_id: s.customer,
                name: format!("{} · {}", s.product, close_date.format("%Y")),
                amount: Money::new(amount, s.currency),
                close_date: closing.as_ref().map_or(close_date, |c| c.date),
                stage,
                probability: None,
                owner_id: owner,
                competitors,
                next_step,
                source_lead: None,
                notes: String::new(),
                history,
                owners,
                closing,
                created_at: created,
                updated_at: updated.max(created),
                deleted_at: None,
                rev: Rev::default(),
            }
        })
        .collect()
}
