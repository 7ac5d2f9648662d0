//! Churn (客户流失) and win-back (挽回): recorded churn with its kind and cause, a churn-risk
//! score per customer with its explanation, retention and churn rates by period and group, and
//! win-back plans for valuable customers at risk or recently lost.
//!
//! The kinds of churn are those of seed 002 (natural, competition, our fault, malicious,
//! other); the causes the eight of seed 003.

use crate::domain::analysis::engine::{Analysis, Prediction};
use crate::domain::analysis::importance::Importance;
use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::satisfaction::figures::CustomerSatisfaction;
use crate::domain::summary::{Activity, CustomerSummary};
use crate::domain::time::{Timestamp, epoch_day};
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// What kind of churn it was (seed 002).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChurnKind {
    /// 自然流失: moved, closed, no longer needs the product.
    Natural,
    /// 竞争流失: taken by a competitor.
    Competition,
    /// 过失流失: our own failure drove them away.
    OurFault,
    /// 恶意流失: left to gain something improper (unpaid debts, abuse of terms).
    Malicious,
    /// 其他
    Other,
}

impl ChurnKind {
    /// Every kind, in display order.
    pub const ALL: [ChurnKind; 5] = [
        ChurnKind::Natural,
        ChurnKind::Competition,
        ChurnKind::OurFault,
        ChurnKind::Malicious,
        ChurnKind::Other,
    ];
}

/// Why the customer left (seed 003's eight causes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChurnCause {
    /// 价格
    Price,
    /// 对小的服务失误感到不便
    ServiceInconvenience,
    /// 缺少关键功能
    MissingFeature,
    /// 服务接触中的负面经历
    NegativeEncounter,
    /// 对问题的回应不当
    PoorResponse,
    /// 竞争对手的行动
    Competitor,
    /// 道德问题
    Ethics,
    /// 非自愿（搬迁、破产）
    Involuntary,
}

impl ChurnCause {
    /// Every cause, in display order.
    pub const ALL: [ChurnCause; 8] = [
        ChurnCause::Price,
        ChurnCause::ServiceInconvenience,
        ChurnCause::MissingFeature,
        ChurnCause::NegativeEncounter,
        ChurnCause::PoorResponse,
        ChurnCause::Competitor,
        ChurnCause::Ethics,
        ChurnCause::Involuntary,
    ];
}

/// A customer recorded as lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChurnEvent {
    pub id: Id,
    pub customer_id: Id,
    /// When we learned the customer had gone.
    pub date: NaiveDate,
    pub kind: ChurnKind,
    pub cause: ChurnCause,
    /// The competitor they went to, when known.
    pub competitor: String,
    pub note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl ChurnEvent {
    /// Whether the customer bought again after the churn date (won back).
    pub fn won_back(&self, activity: &Activity) -> bool {
        activity
            .last_purchase
            .is_some_and(|d| d > epoch_day(self.date))
    }
}

/// The churn form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChurnInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub kind: ChurnKind,
    pub cause: ChurnCause,
    pub competitor: String,
    pub note: String,
}

impl Default for ChurnInput {
    fn default() -> Self {
        ChurnInput {
            date: String::new(),
            kind: ChurnKind::Competition,
            cause: ChurnCause::Price,
            competitor: String::new(),
            note: String::new(),
        }
    }
}

impl ChurnInput {
    /// Checks the form. A churn to the competition names the competitor.
    pub fn validate(
        &self,
        customer_id: Id,
        today: NaiveDate,
        now: Timestamp,
    ) -> Result<ChurnEvent, Vec<FieldError>> {
        let mut e = Errors::default();
        let date = e.check(Field::Date, validate::past_date(&self.date, today));
        let competitor = e.check(
            Field::Competitor,
            validate::optional_line(&self.competitor, MAX_LINE),
        );
        let named = self.kind == ChurnKind::Competition || self.cause == ChurnCause::Competitor;
        if named && competitor.is_empty() && !e.0.iter().any(|f| f.field == Field::Competitor) {
            e.0.push(FieldError::new(Field::Competitor, Problem::Required));
        }
        let note = e.check(Field::Notes, validate::text_block(&self.note, MAX_TEXT));
        e.finish(ChurnEvent {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            customer_id,
            date,
            kind: self.kind,
            cause: self.cause,
            competitor,
            note,
            created_at: now,
            updated_at: now,
        })
    }
}

/// How a win-back attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Planned, not done yet.
    Planned,
    /// The customer is back (or stays).
    Won,
    /// Tried; the customer did not come back.
    Lost,
}

impl Outcome {
    /// A stable short name for CSS classes and selectors.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Planned => "planned",
            Outcome::Won => "won",
            Outcome::Lost => "lost",
        }
    }
}

/// A planned action to keep or win back a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WinBack {
    pub id: Id,
    pub customer_id: Id,
    /// What will be done (visit with the new price list, service review…).
    pub action: String,
    /// Who does it.
    pub owner_id: Option<Id>,
    /// By when.
    pub due: NaiveDate,
    pub outcome: Outcome,
    /// What happened.
    pub outcome_note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

impl WinBack {
    /// Planned and past its due date.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.outcome == Outcome::Planned && self.due < today
    }

    /// Records how it ended.
    pub fn conclude(
        &mut self,
        outcome: Outcome,
        note: &str,
        now: Timestamp,
    ) -> Result<(), FieldError> {
        self.outcome_note =
            validate::text_block(note, MAX_TEXT).map_err(|p| FieldError::new(Field::Notes, p))?;
        self.outcome = outcome;
        self.updated_at = now;
        Ok(())
    }
}

/// The win-back form as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WinBackInput {
    pub action: String,
    pub owner_id: Option<Id>,
    /// `YYYY-MM-DD`.
    pub due: String,
}

impl WinBackInput {
    /// Checks the form.
    pub fn validate(&self, customer_id: Id, now: Timestamp) -> Result<WinBack, Vec<FieldError>> {
        let mut e = Errors::default();
        let action = e.check(
            Field::Action,
            validate::required_line(&self.action, MAX_LINE),
        );
        let due = e.check(Field::Date, validate::date(&self.due));
        e.finish(WinBack {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            customer_id,
            action,
            owner_id: self.owner_id,
            due,
            outcome: Outcome::Planned,
            outcome_note: String::new(),
            created_at: now,
            updated_at: now,
        })
    }
}

/// How likely the customer is to leave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// One part of the churn-risk score, with the figures behind it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RiskFactor {
    /// The purchase model's probability that the customer is still active.
    Prediction { p_alive: f64, points: f64 },
    /// Time since the last purchase against the customer's own usual gap between purchases
    /// (weeks); `usual` is `None` for a one-time buyer, measured against [`FIRST_GAP_WEEKS`].
    Rhythm {
        weeks_since: f64,
        usual: Option<f64>,
        points: f64,
    },
    /// The customer's satisfaction index, the response before the latest against the latest.
    Satisfaction { from: f64, to: f64, points: f64 },
    /// Open complaints, and whether one is past its deadline.
    Complaints {
        open: u32,
        overdue: bool,
        points: f64,
    },
}

impl RiskFactor {
    /// Points this factor adds to the score.
    pub fn points(&self) -> f64 {
        match *self {
            RiskFactor::Prediction { points, .. }
            | RiskFactor::Rhythm { points, .. }
            | RiskFactor::Satisfaction { points, .. }
            | RiskFactor::Complaints { points, .. } => points,
        }
    }
}

/// A customer's churn-risk score (0–100) and its parts.
#[derive(Clone, Debug, PartialEq)]
pub struct ChurnRisk {
    pub score: f64,
    pub level: RiskLevel,
    pub factors: Vec<RiskFactor>,
}

/// Most points from the prediction: (1 − P(active)) × this.
pub const PREDICTION_POINTS: f64 = 50.0;
/// Most points from the rhythm: reached at three times the usual gap, none up to once.
pub const RHYTHM_POINTS: f64 = 30.0;
/// Most points from falling satisfaction: reached by a drop of [`SATISFACTION_DROP`] index
/// points or more between the customer's last two responses.
pub const SATISFACTION_POINTS: f64 = 20.0;
/// The drop in the satisfaction index that gives all of [`SATISFACTION_POINTS`].
pub const SATISFACTION_DROP: f64 = 20.0;
/// Points for an open complaint; twice as many once one is past its deadline.
pub const COMPLAINT_POINTS: f64 = 10.0;
/// The gap a one-time buyer is measured against (weeks).
pub const FIRST_GAP_WEEKS: f64 = 13.0;
/// Score from which the risk is medium.
pub const MEDIUM_FROM: f64 = 30.0;
/// Score from which the risk is high.
pub const HIGH_FROM: f64 = 60.0;

/// The churn risk of a customer who has bought (a prospect has nothing to lose yet: `None`).
///
/// Score = (1 − P(active)) × 50 + rhythm × 30 + complaints, where rhythm = (weeks since the last
/// purchase ÷ usual gap − 1) ÷ 2 clamped to 0–1 (usual gap = weeks from first to last purchase ÷
/// repeat purchases), satisfaction = the fall of the satisfaction index between the customer's
/// last two responses ÷ 20, clamped to 0–1, × 20 (shown, with 0 points, when it did not fall),
/// and complaints = 10 for an open one, 20 if one is overdue. Capped at 100; medium from 30,
/// high from 60.
pub fn risk(
    prediction: Option<&Prediction>,
    activity: &Activity,
    satisfaction: Option<&CustomerSatisfaction>,
    now: Timestamp,
) -> Option<ChurnRisk> {
    let p = prediction?;
    let mut factors = Vec::with_capacity(3);
    factors.push(RiskFactor::Prediction {
        p_alive: p.p_alive,
        points: (1.0 - p.p_alive).clamp(0.0, 1.0) * PREDICTION_POINTS,
    });
    let weeks_since = (p.t - p.t_x).max(0.0);
    let usual = (p.x > 0 && p.t_x > 0.0).then(|| p.t_x / f64::from(p.x));
    let ratio = weeks_since / usual.unwrap_or(FIRST_GAP_WEEKS);
    factors.push(RiskFactor::Rhythm {
        weeks_since,
        usual,
        points: ((ratio - 1.0) / 2.0).clamp(0.0, 1.0) * RHYTHM_POINTS,
    });
    if let Some((from, to)) = satisfaction.and_then(|s| Some((s.previous?, s.latest))) {
        factors.push(RiskFactor::Satisfaction {
            from,
            to,
            points: ((from - to) / SATISFACTION_DROP).clamp(0.0, 1.0) * SATISFACTION_POINTS,
        });
    }
    if activity.open_complaints > 0 {
        let overdue = activity.has_overdue_complaint(now);
        factors.push(RiskFactor::Complaints {
            open: activity.open_complaints,
            overdue,
            points: if overdue { 2.0 } else { 1.0 } * COMPLAINT_POINTS,
        });
    }
    let score = factors
        .iter()
        .map(RiskFactor::points)
        .sum::<f64>()
        .min(100.0);
    let level = if score >= HIGH_FROM {
        RiskLevel::High
    } else if score >= MEDIUM_FROM {
        RiskLevel::Medium
    } else {
        RiskLevel::Low
    };
    Some(ChurnRisk {
        score,
        level,
        factors,
    })
}

/// A calendar quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1–4.
    pub q: u32,
}

impl Quarter {
    /// The quarter holding `date`.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            q: (date.month() - 1) / 3 + 1,
        }
    }
    /// The quarter before.
    pub fn prev(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }
    /// First day, as days since 1970-01-01.
    pub fn first_day(self) -> i32 {
        let d = NaiveDate::from_ymd_opt(self.year, (self.q - 1) * 3 + 1, 1).unwrap_or_default();
        epoch_day(d)
    }
    /// Last day, as days since 1970-01-01.
    pub fn last_day(self) -> i32 {
        let next = if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        };
        next.first_day() - 1
    }
    /// "2026 Q3".
    pub fn label(self) -> String {
        format!("{} Q{}", self.year, self.q)
    }
}

/// Retention over one quarter: of the customers who bought in the quarter before, how many
/// bought again in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Retention {
    /// Bought in the quarter before.
    pub base: usize,
    /// Of those, bought in this quarter too.
    pub retained: usize,
}

impl Retention {
    /// Retained share, 0–1.
    pub fn rate(&self) -> Option<f64> {
        (self.base > 0).then(|| self.retained as f64 / self.base as f64)
    }
    /// Churn rate, 1 − retention.
    pub fn churn_rate(&self) -> Option<f64> {
        self.rate().map(|r| 1.0 - r)
    }
}

fn bought_between(a: &Activity, first: i32, last: i32) -> bool {
    a.history
        .iter()
        .find(|h| h.day >= first)
        .is_some_and(|h| h.day <= last)
}

/// Retention in each of `quarters`, for every customer and for each group (`group_of` gives a
/// customer's group index below `groups`, or `None` to count them only in the total). Customers
/// in the trash are left out. Returns `(total, per group)`, one entry per quarter.
pub fn retention(
    rows: &[CustomerSummary],
    quarters: &[Quarter],
    groups: usize,
    group_of: impl Fn(usize) -> Option<usize>,
) -> (Vec<Retention>, Vec<Vec<Retention>>) {
    let mut total = vec![Retention::default(); quarters.len()];
    let mut by_group = vec![vec![Retention::default(); quarters.len()]; groups];
    for (i, s) in rows.iter().enumerate() {
        if s.deleted_at.is_some() || s.activity.history.is_empty() {
            continue;
        }
        let g = group_of(i).filter(|&g| g < groups);
        for (k, q) in quarters.iter().enumerate() {
            let before = q.prev();
            if !bought_between(&s.activity, before.first_day(), before.last_day()) {
                continue;
            }
            let kept = bought_between(&s.activity, q.first_day(), q.last_day());
            for r in std::iter::once(&mut total[k]).chain(g.map(|g| &mut by_group[g][k])) {
                r.base += 1;
                r.retained += usize::from(kept);
            }
        }
    }
    (total, by_group)
}

/// The last `n` quarters up to and including the one holding `today`, oldest first.
pub fn last_quarters(today: NaiveDate, n: usize) -> Vec<Quarter> {
    let mut q = Quarter::of(today);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(q);
        q = q.prev();
    }
    out.reverse();
    out
}

/// Why a customer is on the win-back list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listed {
    /// High churn risk.
    AtRisk,
    /// Recorded as lost on this date and not back since.
    Lost(NaiveDate),
}

/// A customer on the win-back list.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Position in the rows given.
    pub index: usize,
    pub why: Listed,
    pub risk: Option<ChurnRisk>,
    /// Predicted lifetime value (yuan), 0 without a prediction.
    pub clv: f64,
}

/// How far back a recorded churn keeps a customer on the win-back list.
pub const LOST_WITHIN_DAYS: i64 = 180;

/// The win-back list: VIP and important customers at high churn risk, or recorded as lost in
/// the last [`LOST_WITHIN_DAYS`] days and not back since; highest lifetime value first.
pub fn winback_list(
    rows: &[CustomerSummary],
    analysis: &Analysis,
    events: &[ChurnEvent],
    satisfaction: &HashMap<Id, CustomerSatisfaction>,
    today: NaiveDate,
    now: Timestamp,
) -> Vec<Candidate> {
    let mut latest: HashMap<Id, &ChurnEvent> = HashMap::new();
    for e in events {
        let slot = latest.entry(e.customer_id).or_insert(e);
        if e.date > slot.date {
            *slot = e;
        }
    }
    let mut out: Vec<Candidate> = rows
        .iter()
        .enumerate()
        .filter(|(_, s)| s.deleted_at.is_none())
        .filter_map(|(index, s)| {
            let c = analysis.get(s.id)?;
            if !matches!(c.importance.class, Importance::Vip | Importance::Important) {
                return None;
            }
            let risk = risk(
                c.prediction.as_ref(),
                &s.activity,
                satisfaction.get(&s.id),
                now,
            );
            let lost = latest.get(&s.id).filter(|e| {
                !e.won_back(&s.activity) && (today - e.date).num_days() <= LOST_WITHIN_DAYS
            });
            let why = match (lost, &risk) {
                (Some(e), _) => Listed::Lost(e.date),
                (None, Some(r)) if r.level == RiskLevel::High => Listed::AtRisk,
                _ => return None,
            };
            Some(Candidate {
                index,
                why,
                risk,
                clv: c.prediction.map_or(0.0, |p| p.clv),
            })
        })
        .collect();
    out.sort_by(|a, b| b.clv.total_cmp(&a.clv).then(a.index.cmp(&b.index)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Currency;
    use crate::domain::summary::PurchaseDay;
    use crate::domain::summary::tests::summary;

    const NOW: Timestamp = Timestamp(1_795_420_800_000); // 2026-11-23T08:00Z

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn prediction(x: u32, t_x: f64, t: f64, p_alive: f64) -> Prediction {
        Prediction {
            x,
            t_x,
            t,
            p_alive,
            expected_purchases: 0.0,
            expected_spend: 0.0,
            clv: 0.0,
        }
    }

    #[test]
    fn risk_score_worked_by_hand() {
        // P(active) 0.4 → 0.6 × 50 = 30. Four repeats over 20 weeks: a purchase every
        // 5 weeks; 15 weeks since the last is 3× the usual gap → (3 − 1) / 2 = 1 → 30.
        // One open complaint, not overdue → 10. Total 70: high.
        let mut a = Activity {
            open_complaints: 1,
            next_complaint_due: Some(Timestamp(NOW.0 + 1)),
            ..Activity::default()
        };
        let r = risk(Some(&prediction(4, 20.0, 35.0, 0.4)), &a, None, NOW).unwrap();
        assert_eq!(r.factors.len(), 3);
        assert!((r.score - 70.0).abs() < 1e-9);
        assert_eq!(r.level, RiskLevel::High);
        // Overdue complaint: 20 instead of 10.
        a.next_complaint_due = Some(Timestamp(NOW.0 - 1));
        let r = risk(Some(&prediction(4, 20.0, 35.0, 0.4)), &a, None, NOW).unwrap();
        assert!((r.score - 80.0).abs() < 1e-9);
    }

    #[test]
    fn falling_satisfaction_adds_to_the_risk() {
        let sat = |previous: Option<f64>, latest: f64| CustomerSatisfaction {
            latest,
            latest_date: day(2026, 11, 1),
            previous,
            responses: 2,
        };
        let p = prediction(4, 20.0, 24.0, 0.9); // 5 points, on rhythm.
        let a = Activity::default();
        // 80 → 70: a fall of 10 is half of 20 → 10 points. Score 15.
        let r = risk(Some(&p), &a, Some(&sat(Some(80.0), 70.0)), NOW).unwrap();
        assert_eq!(
            r.factors[2],
            RiskFactor::Satisfaction {
                from: 80.0,
                to: 70.0,
                points: 10.0
            }
        );
        assert!((r.score - 15.0).abs() < 1e-9);
        // 90 → 40: a fall of 50, capped at 20 points. Score 25.
        let r = risk(Some(&p), &a, Some(&sat(Some(90.0), 40.0)), NOW).unwrap();
        assert!((r.score - 25.0).abs() < 1e-9);
        // Rising: shown, no points.
        let r = risk(Some(&p), &a, Some(&sat(Some(40.0), 90.0)), NOW).unwrap();
        assert_eq!(r.factors[2].points(), 0.0);
        // One response only: no trend, no factor.
        let r = risk(Some(&p), &a, Some(&sat(None, 10.0)), NOW).unwrap();
        assert_eq!(r.factors.len(), 2);
        // Everything at its worst is capped at 100: 50 + 30 + 20 + 20 = 120.
        let worst = Activity {
            open_complaints: 1,
            next_complaint_due: Some(Timestamp(NOW.0 - 1)),
            ..Activity::default()
        };
        let r = risk(
            Some(&prediction(4, 20.0, 60.0, 0.0)),
            &worst,
            Some(&sat(Some(100.0), 0.0)),
            NOW,
        )
        .unwrap();
        assert_eq!(r.score, 100.0);
    }

    #[test]
    fn a_customer_on_rhythm_is_low_risk() {
        // P(active) 0.9 → 5; 4 weeks since the last purchase, usual gap 5 → 0. Score 5.
        let r = risk(
            Some(&prediction(4, 20.0, 24.0, 0.9)),
            &Activity::default(),
            None,
            NOW,
        )
        .unwrap();
        assert!((r.score - 5.0).abs() < 1e-9);
        assert_eq!(r.level, RiskLevel::Low);
        // Twice the usual gap: (2 − 1) / 2 × 30 = 15, plus 5 → 20; still low.
        let r = risk(
            Some(&prediction(4, 20.0, 30.0, 0.9)),
            &Activity::default(),
            None,
            NOW,
        )
        .unwrap();
        assert!((r.score - 20.0).abs() < 1e-9);
    }

    #[test]
    fn a_one_time_buyer_is_measured_against_a_quarter() {
        // x = 0: 26 weeks since the only purchase against 13 → ratio 2 → 15 points;
        // P(active) 0.5 → 25. Total 40: medium.
        let r = risk(
            Some(&prediction(0, 0.0, 26.0, 0.5)),
            &Activity::default(),
            None,
            NOW,
        )
        .unwrap();
        assert!((r.score - 40.0).abs() < 1e-9);
        assert_eq!(r.level, RiskLevel::Medium);
        assert!(matches!(
            r.factors[1],
            RiskFactor::Rhythm { usual: None, .. }
        ));
        assert_eq!(risk(None, &Activity::default(), None, NOW), None);
    }

    #[test]
    fn quarters() {
        let q = Quarter::of(day(2026, 11, 23));
        assert_eq!(q, Quarter { year: 2026, q: 4 });
        assert_eq!(q.first_day(), epoch_day(day(2026, 10, 1)));
        assert_eq!(q.last_day(), epoch_day(day(2026, 12, 31)));
        assert_eq!(
            Quarter { year: 2026, q: 1 }.prev(),
            Quarter { year: 2025, q: 4 }
        );
        assert_eq!(
            last_quarters(day(2026, 2, 1), 3),
            vec![
                Quarter { year: 2025, q: 3 },
                Quarter { year: 2025, q: 4 },
                Quarter { year: 2026, q: 1 }
            ]
        );
        assert_eq!(Quarter { year: 2026, q: 2 }.label(), "2026 Q2");
    }

    #[test]
    fn retention_worked_by_hand() {
        // Four customers, quarters 2026 Q2 and Q3:
        //  a bought in Q1, Q2, Q3 → in Q2's base (retained) and Q3's base (retained);
        //  b bought in Q1 only → in Q2's base, not retained;
        //  c bought in Q2 only → in Q3's base, not retained;
        //  d bought in Q3 only → in no base.
        let mk = |n: u64, days: &[NaiveDate]| {
            let mut s = summary(Id::from_parts(1_700_000_000_000 + n, [0; 10]));
            s.activity.history = days
                .iter()
                .map(|&d| PurchaseDay {
                    day: epoch_day(d),
                    currency: Currency::Cny,
                    amount: 100,
                    margin: None,
                })
                .collect();
            s
        };
        let rows = vec![
            mk(1, &[day(2026, 2, 1), day(2026, 5, 1), day(2026, 9, 30)]),
            mk(2, &[day(2026, 3, 31)]),
            mk(3, &[day(2026, 4, 1)]),
            mk(4, &[day(2026, 7, 1)]),
        ];
        let quarters = [Quarter { year: 2026, q: 2 }, Quarter { year: 2026, q: 3 }];
        // Groups: a and b in group 0, c in group 1, d nowhere.
        let (total, groups) = retention(&rows, &quarters, 2, |i| {
            [Some(0), Some(0), Some(1), None][i]
        });
        assert_eq!(
            total[0],
            Retention {
                base: 2,
                retained: 1
            }
        );
        assert_eq!(
            total[1],
            Retention {
                base: 2,
                retained: 1
            }
        );
        assert_eq!(total[0].rate(), Some(0.5));
        assert_eq!(total[0].churn_rate(), Some(0.5));
        assert_eq!(
            groups[0][0],
            Retention {
                base: 2,
                retained: 1
            }
        );
        assert_eq!(
            groups[0][1],
            Retention {
                base: 1,
                retained: 1
            }
        );
        assert_eq!(
            groups[1][1],
            Retention {
                base: 1,
                retained: 0
            }
        );
        assert_eq!(Retention::default().rate(), None);
    }

    #[test]
    fn churn_form_checks_date_and_competitor() {
        let today = day(2026, 11, 23);
        let c = Id::generate();
        let mut i = ChurnInput {
            date: "2026-11-30".into(),
            ..ChurnInput::default()
        };
        assert_eq!(
            i.validate(c, today, NOW).unwrap_err(),
            vec![
                FieldError::new(Field::Date, Problem::DateInFuture),
                FieldError::new(Field::Competitor, Problem::Required)
            ]
        );
        i.date = "2026-11-02".into();
        i.competitor = "恒达科技".into();
        let e = i.validate(c, today, NOW).unwrap();
        assert_eq!(e.date, day(2026, 11, 2));
        // Bought again after the churn date: won back.
        let mut a = Activity {
            last_purchase: Some(epoch_day(day(2026, 11, 1))),
            ..Activity::default()
        };
        assert!(!e.won_back(&a));
        a.last_purchase = Some(epoch_day(day(2026, 11, 20)));
        assert!(e.won_back(&a));
        let natural = ChurnInput {
            date: "2026-11-02".into(),
            kind: ChurnKind::Natural,
            cause: ChurnCause::Involuntary,
            ..ChurnInput::default()
        };
        assert!(natural.validate(c, today, NOW).is_ok());
    }

    #[test]
    fn the_win_back_list_holds_valuable_customers_at_risk_or_lost() {
        use crate::domain::analysis::config::AnalysisConfig;
        use crate::domain::analysis::engine::{Models, analyse};
        let today = day(2026, 11, 23);
        // Ten customers with a year of monthly buying that stopped in March 2026, so all are
        // lapsed; the first spends a hundred times more than each of the others. And a
        // prospect without purchases, who is never listed.
        let mk = |n: u64, amount: i64, months: u32| {
            let mut s = summary(Id::from_parts(1_700_000_000_000 + n, [0; 10]));
            s.activity.history = (0..months)
                .map(|m| PurchaseDay {
                    day: epoch_day(day(2025, 4, 1)) + 30 * m as i32,
                    currency: Currency::Cny,
                    amount,
                    margin: None,
                })
                .collect();
            s.activity.last_purchase = s.activity.history.last().map(|h| h.day);
            s
        };
        let mut rows: Vec<CustomerSummary> = (0..10)
            .map(|n| mk(n, if n == 0 { 10_000_000 } else { 100_000 }, 12))
            .collect();
        rows.push(mk(10, 0, 0));
        let refs: Vec<&CustomerSummary> = rows.iter().collect();
        let a = analyse(&refs, today, &AnalysisConfig::default(), Models::Fit(None));
        let churned = ChurnEvent {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            customer_id: rows[0].id,
            date: day(2026, 10, 1),
            kind: ChurnKind::Competition,
            cause: ChurnCause::Price,
            competitor: "恒达".into(),
            note: String::new(),
            created_at: NOW,
            updated_at: NOW,
        };
        let list = winback_list(
            &rows,
            &a,
            std::slice::from_ref(&churned),
            &HashMap::new(),
            today,
            NOW,
        );
        // Customer 0 holds most of the revenue (VIP) and was recorded lost on 1 October.
        assert_eq!(list[0].index, 0, "highest lifetime value first");
        assert_eq!(list[0].why, Listed::Lost(day(2026, 10, 1)));
        for c in &list {
            let classes = a.get(rows[c.index].id).unwrap();
            assert!(matches!(
                classes.importance.class,
                Importance::Vip | Importance::Important
            ));
            if c.why == Listed::AtRisk {
                assert_eq!(c.risk.as_ref().unwrap().level, RiskLevel::High);
            }
        }
        assert!(list.windows(2).all(|w| w[0].clv >= w[1].clv));
        assert!(
            list.iter().all(|c| c.index != 10),
            "a prospect is never listed"
        );
        // Every valuable lapsed customer is listed: eight months after a monthly rhythm.
        let valuable = rows
            .iter()
            .filter(|r| {
                a.get(r.id).is_some_and(|c| {
                    matches!(c.importance.class, Importance::Vip | Importance::Important)
                })
            })
            .count();
        assert_eq!(list.len(), valuable);
        // Once they buy again after the churn date they are won back, and only their risk
        // can list them.
        let mut back = rows.clone();
        back[0].activity.last_purchase = Some(epoch_day(day(2026, 11, 1)));
        let list = winback_list(
            &back,
            &a,
            std::slice::from_ref(&churned),
            &HashMap::new(),
            today,
            NOW,
        );
        assert!(list.iter().all(|c| c.why == Listed::AtRisk));
        // A churn older than 180 days no longer lists them by itself.
        let old = ChurnEvent {
            date: day(2026, 4, 1),
            ..churned.clone()
        };
        let list = winback_list(&rows, &a, &[old], &HashMap::new(), today, NOW);
        assert!(list.iter().all(|c| c.why == Listed::AtRisk));
    }

    #[test]
    fn win_back_plan_and_outcome() {
        let c = Id::generate();
        let bad = WinBackInput::default().validate(c, NOW).unwrap_err();
        assert_eq!(
            bad,
            vec![
                FieldError::new(Field::Action, Problem::Required),
                FieldError::new(Field::Date, Problem::Required)
            ]
        );
        let mut w = WinBackInput {
            action: "带新价格表上门拜访".into(),
            owner_id: None,
            due: "2026-11-30".into(),
        }
        .validate(c, NOW)
        .unwrap();
        assert_eq!(w.outcome, Outcome::Planned);
        assert!(!w.is_overdue(day(2026, 11, 30)));
        assert!(w.is_overdue(day(2026, 12, 1)));
        w.conclude(Outcome::Won, "续签一年", NOW).unwrap();
        assert!(!w.is_overdue(day(2026, 12, 1)));
        assert_eq!(w.outcome_note, "续签一年");
    }
}
