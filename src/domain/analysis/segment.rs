//! Segments: a customer filter over attributes and computed classes, evaluated against the
//! summaries and the analysis, saved by name, and exported.

use super::engine::{Analysis, CustomerClasses};
use super::importance::Importance;
use super::quadrant::Quadrant;
use super::rfm::RfmSegment;
use super::stages::{LifecycleStage, LoyaltyStage};
use crate::domain::customer::CustomerKind;
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// An inclusive numeric range; an open end is `None`.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Range {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Range {
    /// Whether `v` lies in the range.
    pub fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|m| v >= m) && self.max.is_none_or(|m| v <= m)
    }
}

/// One condition of a segment; a segment keeps the customers meeting all of its conditions.
/// Conditions on a set of values keep customers with any of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Condition {
    Kind(Vec<CustomerKind>),
    /// The region contains this text (case-insensitive).
    Region(String),
    /// Owned by any of these (`None`: unassigned).
    Owner(Vec<Option<Id>>),
    /// Carries this tag (case-insensitive).
    Tag(String),
    RfmSegment(Vec<RfmSegment>),
    RecencyScore(Range),
    FrequencyScore(Range),
    MonetaryScore(Range),
    Importance(Vec<Importance>),
    Loyalty(Vec<LoyaltyStage>),
    Lifecycle(Vec<LifecycleStage>),
    Quadrant(Vec<Quadrant>),
    /// Probability of being active, in percent.
    PAlive(Range),
    /// Lifetime value over the horizon (yuan).
    LifetimeValue(Range),
    /// Days since the last purchase.
    DaysSinceLastPurchase(Range),
    /// Lifetime revenue (yuan).
    Revenue(Range),
    /// Whether the customer asked not to be contacted.
    DoNotContact(bool),
    /// Whether a complaint of the customer is still open.
    OpenComplaint(bool),
}

/// Which attribute a condition is about (for the filter builder's menu).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attribute {
    Kind,
    Region,
    Owner,
    Tag,
    RfmSegment,
    RecencyScore,
    FrequencyScore,
    MonetaryScore,
    Importance,
    Loyalty,
    Lifecycle,
    Quadrant,
    PAlive,
    LifetimeValue,
    DaysSinceLastPurchase,
    Revenue,
    DoNotContact,
    OpenComplaint,
}

impl Attribute {
    /// Every attribute, in menu order.
    pub const ALL: [Attribute; 18] = [
        Attribute::Kind,
        Attribute::Region,
        Attribute::Owner,
        Attribute::Tag,
        Attribute::RfmSegment,
        Attribute::RecencyScore,
        Attribute::FrequencyScore,
        Attribute::MonetaryScore,
        Attribute::Importance,
        Attribute::Loyalty,
        Attribute::Lifecycle,
        Attribute::Quadrant,
        Attribute::PAlive,
        Attribute::LifetimeValue,
        Attribute::DaysSinceLastPurchase,
        Attribute::Revenue,
        Attribute::DoNotContact,
        Attribute::OpenComplaint,
    ];

    /// A fresh condition on this attribute (matching everyone until values are chosen, except
    /// sets, which start empty and match no one).
    pub fn new_condition(self) -> Condition {
        match self {
            Attribute::Kind => Condition::Kind(Vec::new()),
            Attribute::Region => Condition::Region(String::new()),
            Attribute::Owner => Condition::Owner(Vec::new()),
            Attribute::Tag => Condition::Tag(String::new()),
            Attribute::RfmSegment => Condition::RfmSegment(Vec::new()),
            Attribute::RecencyScore => Condition::RecencyScore(Range::default()),
            Attribute::FrequencyScore => Condition::FrequencyScore(Range::default()),
            Attribute::MonetaryScore => Condition::MonetaryScore(Range::default()),
            Attribute::Importance => Condition::Importance(Vec::new()),
            Attribute::Loyalty => Condition::Loyalty(Vec::new()),
            Attribute::Lifecycle => Condition::Lifecycle(Vec::new()),
            Attribute::Quadrant => Condition::Quadrant(Vec::new()),
            Attribute::PAlive => Condition::PAlive(Range::default()),
            Attribute::LifetimeValue => Condition::LifetimeValue(Range::default()),
            Attribute::DaysSinceLastPurchase => Condition::DaysSinceLastPurchase(Range::default()),
            Attribute::Revenue => Condition::Revenue(Range::default()),
            Attribute::DoNotContact => Condition::DoNotContact(true),
            Attribute::OpenComplaint => Condition::OpenComplaint(true),
        }
    }
}

impl Condition {
    /// The attribute the condition is about.
    pub fn attribute(&self) -> Attribute {
        match self {
            Condition::Kind(_) => Attribute::Kind,
            Condition::Region(_) => Attribute::Region,
            Condition::Owner(_) => Attribute::Owner,
            Condition::Tag(_) => Attribute::Tag,
            Condition::RfmSegment(_) => Attribute::RfmSegment,
            Condition::RecencyScore(_) => Attribute::RecencyScore,
            Condition::FrequencyScore(_) => Attribute::FrequencyScore,
            Condition::MonetaryScore(_) => Attribute::MonetaryScore,
            Condition::Importance(_) => Attribute::Importance,
            Condition::Loyalty(_) => Attribute::Loyalty,
            Condition::Lifecycle(_) => Attribute::Lifecycle,
            Condition::Quadrant(_) => Attribute::Quadrant,
            Condition::PAlive(_) => Attribute::PAlive,
            Condition::LifetimeValue(_) => Attribute::LifetimeValue,
            Condition::DaysSinceLastPurchase(_) => Attribute::DaysSinceLastPurchase,
            Condition::Revenue(_) => Attribute::Revenue,
            Condition::DoNotContact(_) => Attribute::DoNotContact,
            Condition::OpenComplaint(_) => Attribute::OpenComplaint,
        }
    }

    /// Whether a customer meets the condition (prepared by [`prepare`]), from its packed
    /// facts `f`, and for the text and owner conditions its summary `s`. Conditions on computed
    /// values are not met by customers without them (a prospect has no RFM scores and no
    /// prediction).
    fn matches(&self, f: &Facts, s: &CustomerSummary) -> bool {
        let rfm = f.rfm.as_ref();
        let classes = f.classes.as_ref();
        match self {
            Condition::Kind(kinds) => kinds.contains(&f.kind),
            // Text conditions hold lowercase needles (see `prepare`), so rows are compared
            // without allocating.
            Condition::Region(needle) => contains_lowercase(&s.region, needle),
            Condition::Owner(owners) => owners.contains(&s.owner_id),
            Condition::Tag(needle) => {
                needle.is_empty()
                    || s.tags
                        .iter()
                        .any(|t| t.chars().flat_map(char::to_lowercase).eq(needle.chars()))
            }
            Condition::RfmSegment(set) => rfm.is_some_and(|r| set.contains(&r.segment)),
            Condition::RecencyScore(r) => rfm.is_some_and(|x| r.contains(f64::from(x.r))),
            Condition::FrequencyScore(r) => rfm.is_some_and(|x| r.contains(f64::from(x.f))),
            Condition::MonetaryScore(r) => rfm.is_some_and(|x| r.contains(f64::from(x.m))),
            Condition::Importance(set) => classes.is_some_and(|c| set.contains(&c.importance)),
            Condition::Loyalty(set) => classes.is_some_and(|c| set.contains(&c.loyalty)),
            Condition::Lifecycle(set) => classes.is_some_and(|c| set.contains(&c.lifecycle)),
            Condition::Quadrant(set) => classes
                .and_then(|c| c.quadrant)
                .is_some_and(|q| set.contains(&q)),
            Condition::PAlive(r) => f.prediction.is_some_and(|(p, _)| r.contains(p * 100.0)),
            Condition::LifetimeValue(r) => f.prediction.is_some_and(|(_, clv)| r.contains(clv)),
            Condition::DaysSinceLastPurchase(r) => {
                rfm.is_some_and(|x| r.contains(f64::from(x.recency_days)))
            }
            Condition::Revenue(r) => r.contains(classes.map_or(0.0, |c| c.revenue)),
            Condition::DoNotContact(flag) => f.do_not_contact == *flag,
            Condition::OpenComplaint(flag) => f.open_complaint == *flag,
        }
    }

    /// Whether evaluating reads the customer's summary (text and owner conditions) rather than
    /// only the packed facts: those are checked last.
    fn reads_summary(&self) -> bool {
        matches!(
            self,
            Condition::Region(_) | Condition::Owner(_) | Condition::Tag(_)
        )
    }
}

/// What segment conditions read of one customer, packed into a few dozen bytes: a filter over
/// 100,000 customers reads one small array in order instead of two large structures per
/// customer. Built once per analysis and list of rows ([`facts_for`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Facts {
    active: bool,
    kind: CustomerKind,
    do_not_contact: bool,
    open_complaint: bool,
    rfm: Option<RfmFacts>,
    classes: Option<ClassFacts>,
    /// P(alive) and lifetime value.
    prediction: Option<(f64, f64)>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct RfmFacts {
    segment: RfmSegment,
    r: u8,
    f: u8,
    m: u8,
    recency_days: i32,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct ClassFacts {
    importance: Importance,
    loyalty: LoyaltyStage,
    lifecycle: LifecycleStage,
    quadrant: Option<Quadrant>,
    revenue: f64,
}

/// The packed facts of each of `rows` (in the same order) under `analysis`.
pub fn facts_for(rows: &[CustomerSummary], analysis: &Analysis) -> Vec<Facts> {
    rows.iter()
        .map(|s| {
            let c: Option<&CustomerClasses> = analysis.get(s.id);
            Facts {
                active: s.deleted_at.is_none(),
                kind: s.kind,
                do_not_contact: s.do_not_contact,
                open_complaint: s.activity.open_complaints > 0,
                rfm: c.and_then(|c| c.rfm).map(|r| RfmFacts {
                    segment: r.segment,
                    r: r.r,
                    f: r.f,
                    m: r.m,
                    recency_days: r.recency_days,
                }),
                classes: c.map(|c| ClassFacts {
                    importance: c.importance.class,
                    loyalty: c.loyalty.stage,
                    lifecycle: c.lifecycle.stage,
                    quadrant: c.quadrant.map(|q| q.class),
                    revenue: c.revenue,
                }),
                prediction: c.and_then(|c| c.prediction).map(|p| (p.p_alive, p.clv)),
            }
        })
        .collect()
}

/// A named, saved segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub id: Id,
    pub name: String,
    pub conditions: Vec<Condition>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// Whether `haystack` contains `needle` (already lowercase), ignoring case, without
/// allocating for text that has no uppercase letters (Chinese, or already lowercase).
fn contains_lowercase(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if haystack.chars().any(char::is_uppercase) {
        haystack.to_lowercase().contains(needle)
    } else {
        haystack.contains(needle)
    }
}

/// The conditions ready for evaluation: text trimmed and lowercased once, not once per row,
/// and those that read the summary last (all must hold, so the order changes nothing but
/// the time).
pub fn prepare(conditions: &[Condition]) -> Vec<Condition> {
    let mut out: Vec<Condition> = conditions
        .iter()
        .map(|c| match c {
            Condition::Region(t) => Condition::Region(t.trim().to_lowercase()),
            Condition::Tag(t) => Condition::Tag(t.trim().to_lowercase()),
            other => other.clone(),
        })
        .collect();
    out.sort_by_key(Condition::reads_summary);
    out
}

/// The positions (in `rows`) of active customers meeting every condition. `facts` are the
/// rows' packed facts ([`facts_for`], computed once per analysis and list of rows).
pub fn evaluate(conditions: &[Condition], rows: &[CustomerSummary], facts: &[Facts]) -> Vec<u32> {
    let conditions = prepare(conditions);
    facts
        .iter()
        .zip(rows)
        .enumerate()
        .filter(|(_, (f, s))| f.active && conditions.iter().all(|c| c.matches(f, s)))
        .map(|(i, _)| i as u32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::config::AnalysisConfig;
    use crate::domain::analysis::engine::{Models, analyse};
    use crate::domain::money::Currency;
    use crate::domain::summary::{PurchaseDay, tests::summary};
    use crate::domain::time::from_epoch_day;

    fn base() -> (Vec<CustomerSummary>, Analysis) {
        let mk = |n: u64, days: &[i32], kind: CustomerKind, dnc: bool| {
            let mut s = summary(Id::from_parts(1_700_000_000_000 + n, [0; 10]));
            s.kind = kind;
            s.do_not_contact = dnc;
            s.region = if n.is_multiple_of(2) {
                "浙江 杭州".into()
            } else {
                "Germany".into()
            };
            s.activity.history = days
                .iter()
                .map(|&d| PurchaseDay {
                    day: 20_000 - d,
                    currency: Currency::Cny,
                    amount: 100_000,
                    margin: None,
                })
                .collect();
            s
        };
        let rows = vec![
            mk(
                1,
                &[900, 500, 200, 100, 3],
                CustomerKind::Distributor,
                false,
            ),
            mk(2, &[], CustomerKind::Consumer, false),
            mk(3, &[700], CustomerKind::EnterpriseBuyer, true),
            mk(4, &[40, 10], CustomerKind::EnterpriseBuyer, false),
        ];
        let refs: Vec<&CustomerSummary> = rows.iter().collect();
        let a = analyse(
            &refs,
            from_epoch_day(20_000),
            &AnalysisConfig::default(),
            Models::Fit(None),
        );
        (rows, a)
    }

    #[test]
    fn conditions_combine() {
        let (rows, a) = base();
        let facts = facts_for(&rows, &a);
        let hits = |c: Vec<Condition>| evaluate(&c, &rows, &facts);
        assert_eq!(hits(vec![]), vec![0, 1, 2, 3]);
        assert_eq!(
            hits(vec![Condition::Kind(vec![CustomerKind::EnterpriseBuyer])]),
            vec![2, 3]
        );
        assert_eq!(hits(vec![Condition::Region("杭州".into())]), vec![1, 3]);
        assert_eq!(
            hits(vec![Condition::Region(" GERMANY ".into())]),
            vec![0, 2]
        );
        assert_eq!(hits(vec![Condition::Region("many".into())]), vec![0, 2]);
        assert_eq!(
            hits(vec![
                Condition::DoNotContact(false),
                Condition::Kind(vec![CustomerKind::EnterpriseBuyer])
            ]),
            vec![3]
        );
        // Computed values: a prospect has none and never matches them.
        assert_eq!(
            hits(vec![Condition::DaysSinceLastPurchase(Range {
                min: None,
                max: Some(30.0)
            })]),
            vec![0, 3]
        );
        assert_eq!(
            hits(vec![Condition::Loyalty(vec![LoyaltyStage::Prospect])]),
            vec![1]
        );
        assert_eq!(
            hits(vec![Condition::RfmSegment(vec![RfmSegment::Lost])]),
            vec![2]
        );
        assert_eq!(
            hits(vec![Condition::Revenue(Range {
                min: Some(3_000.0),
                max: None
            })]),
            vec![0],
            "¥5,000 lifetime"
        );
        assert!(
            hits(vec![Condition::Kind(vec![])]).is_empty(),
            "an empty set matches no one"
        );
    }

    #[test]
    fn open_complaints_select_and_exclude() {
        let (mut rows, a) = base();
        rows[1].activity.open_complaints = 2;
        rows[3].activity.open_complaints = 1;
        let facts = facts_for(&rows, &a);
        assert_eq!(
            evaluate(&[Condition::OpenComplaint(true)], &rows, &facts),
            vec![1, 3]
        );
        assert_eq!(
            evaluate(&[Condition::OpenComplaint(false)], &rows, &facts),
            vec![0, 2]
        );
    }

    #[test]
    fn trashed_customers_are_never_in_a_segment() {
        let (mut rows, a) = base();
        rows[0].deleted_at = Some(Timestamp(1));
        assert_eq!(evaluate(&[], &rows, &facts_for(&rows, &a)), vec![1, 2, 3]);
    }

    #[test]
    fn every_attribute_makes_a_condition_about_itself() {
        for a in Attribute::ALL {
            assert_eq!(a.new_condition().attribute(), a);
        }
    }

    #[test]
    fn ranges_are_inclusive() {
        let r = Range {
            min: Some(1.0),
            max: Some(2.0),
        };
        assert!(r.contains(1.0) && r.contains(2.0) && !r.contains(2.01));
        assert!(Range::default().contains(-1e9));
    }
}
