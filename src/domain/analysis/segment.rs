//! Segments: a customer filter over attributes and computed classes, evaluated against the
//! summaries and the analysis, saved by name, and exported.

use super::config::AnalysisConfig;
use super::engine::{Analysis, CustomerClasses};
use super::importance::Importance;
use super::quadrant::Quadrant;
use super::rfm::RfmSegment;
use super::stages::{LifecycleStage, LoyaltyStage};
use crate::domain::customer::CustomerKind;
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::{Timestamp, epoch_day};
use chrono::NaiveDate;
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
    /// Whether a quote to the customer is in play today (a draft, one awaiting approval, or
    /// sent and still valid: [`crate::domain::quote::Quote::is_open`]).
    OpenQuote(bool),
    /// The net total of the customer's open quotes, in yuan (other currencies at the
    /// analysis settings' rates; 0 without an open quote).
    QuotedAmount(Range),
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
    OpenQuote,
    QuotedAmount,
}

impl Attribute {
    /// Every attribute, in menu order.
    pub const ALL: [Attribute; 20] = [
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
        Attribute::OpenQuote,
        Attribute::QuotedAmount,
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
            Attribute::OpenQuote => Condition::OpenQuote(true),
            Attribute::QuotedAmount => Condition::QuotedAmount(Range::default()),
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
            Condition::OpenQuote(_) => Attribute::OpenQuote,
            Condition::QuotedAmount(_) => Attribute::QuotedAmount,
        }
    }

    /// Whether evaluating reads a column of strings or ids (text and owner conditions) rather
    /// than a column of small codes: those are checked last, on the rows still in.
    fn reads_text(&self) -> bool {
        matches!(
            self,
            Condition::Region(_) | Condition::Owner(_) | Condition::Tag(_)
        )
    }
}

/// "No value" in a column of enum codes (a prospect has no RFM segment, a customer the
/// analysis has not seen has no classes).
const NONE: u8 = u8::MAX;

/// What segment conditions read of every customer, as columns (one entry per row, in the
/// rows' order): a filter over 100,000 customers scans one or two small arrays instead of two
/// large structures per customer, and text is compared once per distinct value, not per row.
/// Built once per analysis and list of rows ([`facts_for`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Bit `i % 64` of word `i / 64`: row `i` is not in the trash.
    active: Vec<u64>,
    kind: Vec<u8>,
    do_not_contact: Vec<bool>,
    open_complaint: Vec<bool>,
    /// Whether a quote is open on the day the facts were built for, and the open quotes'
    /// net total in yuan (0 without).
    open_quote: Vec<bool>,
    quoted: Vec<f64>,
    /// RFM: segment code (`NONE` without RFM), scores, days since the last purchase.
    segment: Vec<u8>,
    r: Vec<u8>,
    f: Vec<u8>,
    m: Vec<u8>,
    recency_days: Vec<i32>,
    /// Classes: codes (`NONE` without classes; quadrant also without a prediction).
    importance: Vec<u8>,
    loyalty: Vec<u8>,
    lifecycle: Vec<u8>,
    quadrant: Vec<u8>,
    /// Lifetime revenue (0 without classes).
    revenue: Vec<f64>,
    /// P(alive) and lifetime value (NaN without a prediction).
    p_alive: Vec<f64>,
    clv: Vec<f64>,
    /// Region, owner and tags, built on the first condition that reads them: reading every
    /// customer's strings costs more than all the other columns together.
    text: std::sync::OnceLock<TextFacts>,
}

/// The region, owner and tags of every customer, as indices into tables of distinct values,
/// so a text condition compares each distinct value once.
#[derive(Clone, Debug, Default, PartialEq)]
struct TextFacts {
    /// Index into `regions` / `owners`.
    region: Vec<u32>,
    regions: Vec<String>,
    owner: Vec<u32>,
    owners: Vec<Option<Id>>,
    /// Row `i`'s tags are `tag_ids[tag_start[i]..tag_start[i + 1]]`, indices into `tags`
    /// (distinct, lowercased).
    tag_start: Vec<u32>,
    tag_ids: Vec<u32>,
    tags: Vec<String>,
}

/// Gives each distinct value (region, owner, tag) an index into a table of them.
struct Interner<K> {
    map: std::collections::HashMap<K, u32>,
    values: Vec<K>,
}

impl<K: std::hash::Hash + Eq + Copy> Interner<K> {
    fn new() -> Self {
        Self {
            map: std::collections::HashMap::new(),
            values: Vec::new(),
        }
    }

    fn get(&mut self, k: K) -> u32 {
        *self.map.entry(k).or_insert_with(|| {
            self.values.push(k);
            self.values.len() as u32 - 1
        })
    }
}

/// The facts of each of `rows` (in the same order) under `analysis`, with the quotes open
/// on `today` (amounts in yuan at `config`'s rates).
pub fn facts_for(
    rows: &[CustomerSummary],
    analysis: &Analysis,
    today: NaiveDate,
    config: &AnalysisConfig,
) -> Facts {
    let day = epoch_day(today);
    let n = rows.len();
    let mut t = Facts {
        active: vec![0; n.div_ceil(64)],
        ..Facts::default()
    };
    let classes = analysis.classes_of(rows.iter().map(|s| s.id));
    for (i, (s, c)) in rows.iter().zip(classes).enumerate() {
        let c: Option<&CustomerClasses> = c;
        if s.deleted_at.is_none() {
            t.active[i / 64] |= 1 << (i % 64);
        }
        t.kind.push(s.kind as u8);
        t.do_not_contact.push(s.do_not_contact);
        t.open_complaint.push(s.activity.open_complaints > 0);
        let open = || s.activity.open_quotes.iter().filter(|q| q.open_on(day));
        t.open_quote.push(open().next().is_some());
        t.quoted.push(
            open()
                .map(|q| {
                    let units = q.net as f64 / 10f64.powi(q.currency.minor_digits() as i32);
                    units * config.rate(q.currency)
                })
                .sum(),
        );
        let rfm = c.and_then(|c| c.rfm);
        t.segment.push(rfm.map_or(NONE, |r| r.segment as u8));
        t.r.push(rfm.map_or(0, |r| r.r));
        t.f.push(rfm.map_or(0, |r| r.f));
        t.m.push(rfm.map_or(0, |r| r.m));
        t.recency_days.push(rfm.map_or(0, |r| r.recency_days));
        t.importance
            .push(c.map_or(NONE, |c| c.importance.class as u8));
        t.loyalty.push(c.map_or(NONE, |c| c.loyalty.stage as u8));
        t.lifecycle
            .push(c.map_or(NONE, |c| c.lifecycle.stage as u8));
        t.quadrant
            .push(c.and_then(|c| c.quadrant).map_or(NONE, |q| q.class as u8));
        t.revenue.push(c.map_or(0.0, |c| c.revenue));
        let p = c.and_then(|c| c.prediction);
        t.p_alive.push(p.map_or(f64::NAN, |p| p.p_alive * 100.0));
        t.clv.push(p.map_or(f64::NAN, |p| p.clv));
    }
    t
}

impl TextFacts {
    fn new(rows: &[CustomerSummary]) -> Self {
        let mut t = TextFacts {
            tag_start: Vec::with_capacity(rows.len() + 1),
            ..TextFacts::default()
        };
        let mut regions = Interner::new();
        let mut owners = Interner::new();
        let mut tags = Interner::new();
        // Tags with capitals are lowercased into here; the rest are interned as they are.
        let lowered: Vec<String> = rows
            .iter()
            .flat_map(|s| &s.tags)
            .filter(|t| t.chars().any(char::is_uppercase))
            .map(|t| t.chars().flat_map(char::to_lowercase).collect())
            .collect();
        let mut lowered_next = lowered.iter();
        t.tag_start.push(0);
        for s in rows {
            t.region.push(regions.get(s.region.as_str()));
            t.owner.push(owners.get(s.owner_id));
            for tag in &s.tags {
                let tag = if tag.chars().any(char::is_uppercase) {
                    lowered_next.next().map_or("", String::as_str)
                } else {
                    tag
                };
                t.tag_ids.push(tags.get(tag));
            }
            t.tag_start.push(t.tag_ids.len() as u32);
        }
        t.regions = regions.values.into_iter().map(str::to_owned).collect();
        t.owners = owners.values;
        t.tags = tags.values.into_iter().map(str::to_owned).collect();
        t
    }
}

/// A named, saved segment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub id: Id,
    pub name: String,
    pub conditions: Vec<Condition>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

/// Whether `haystack` contains `needle` (already lowercase), ignoring case.
fn contains_lowercase(haystack: &str, needle: &str) -> bool {
    needle.is_empty() || haystack.to_lowercase().contains(needle)
}

/// The conditions ready for evaluation: text trimmed and lowercased once, and those that read
/// text or ids last (all must hold, so the order changes nothing but the time).
pub fn prepare(conditions: &[Condition]) -> Vec<Condition> {
    let mut out: Vec<Condition> = conditions
        .iter()
        .map(|c| match c {
            Condition::Region(t) => Condition::Region(t.trim().to_lowercase()),
            Condition::Tag(t) => Condition::Tag(t.trim().to_lowercase()),
            other => other.clone(),
        })
        .collect();
    out.sort_by_key(Condition::reads_text);
    out
}

/// A set of enum codes as a bit mask (bit `code`); `NONE` is never in it.
fn mask(codes: impl IntoIterator<Item = u8>) -> u64 {
    codes.into_iter().fold(0, |m, x| m | 1 << x)
}

/// Whether bit `code` of `mask` is set (false for `NONE`).
fn has(mask: u64, code: u8) -> bool {
    code < 64 && mask >> code & 1 == 1
}

/// Which of a table of distinct values (regions, owners, tags) a condition accepts.
fn accepted<T>(values: &[T], keep: impl Fn(&T) -> bool) -> Vec<bool> {
    values.iter().map(keep).collect()
}

/// Clears the bits of `words` whose row fails `keep`, visiting only rows still in.
fn retain(words: &mut [u64], keep: impl Fn(usize) -> bool) {
    for (w, word) in words.iter_mut().enumerate() {
        let mut bits = *word;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if !keep(w * 64 + b) {
                *word &= !(1 << b);
            }
        }
    }
}

/// Clears the bits of `words` whose row fails `keep`, testing every row of each word that
/// still has one in (a branch-free pass over the column, faster than visiting bits while
/// most rows are in).
fn retain_dense(words: &mut [u64], n: usize, keep: impl Fn(usize) -> bool) {
    for (w, word) in words.iter_mut().enumerate() {
        if *word == 0 {
            continue;
        }
        let base = w * 64;
        let mut bits = 0u64;
        for b in 0..64.min(n - base) {
            bits |= u64::from(keep(base + b)) << b;
        }
        *word &= bits;
    }
}

/// The positions (in `rows`) of active customers meeting every condition. `facts` are the
/// rows' facts ([`facts_for`], computed once per analysis and list of rows). Conditions on
/// computed values are not met by customers without them (a prospect has no RFM scores and
/// no prediction).
pub fn evaluate(conditions: &[Condition], rows: &[CustomerSummary], facts: &Facts) -> Vec<u32> {
    let t = facts;
    let text = || t.text.get_or_init(|| TextFacts::new(rows));
    let n = t.kind.len();
    let mut words = t.active.clone();
    for c in prepare(conditions) {
        let range = |r: Range, v: f64| !v.is_nan() && r.contains(v);
        // Keeps the rows whose code in `column` is in the set `m`.
        let in_set = |words: &mut [u64], column: &[u8], m: u64| {
            retain_dense(words, n, |i| has(m, column[i]));
        };
        match c {
            Condition::Kind(set) => in_set(&mut words, &t.kind, mask(set.iter().map(|&x| x as u8))),
            Condition::RfmSegment(set) => {
                in_set(&mut words, &t.segment, mask(set.iter().map(|&x| x as u8)))
            }
            Condition::Importance(set) => in_set(
                &mut words,
                &t.importance,
                mask(set.iter().map(|&x| x as u8)),
            ),
            Condition::Loyalty(set) => {
                in_set(&mut words, &t.loyalty, mask(set.iter().map(|&x| x as u8)))
            }
            Condition::Lifecycle(set) => {
                in_set(&mut words, &t.lifecycle, mask(set.iter().map(|&x| x as u8)))
            }
            Condition::Quadrant(set) => {
                in_set(&mut words, &t.quadrant, mask(set.iter().map(|&x| x as u8)))
            }
            Condition::RecencyScore(r) => retain_dense(&mut words, n, |i| {
                t.segment[i] != NONE && r.contains(f64::from(t.r[i]))
            }),
            Condition::FrequencyScore(r) => retain_dense(&mut words, n, |i| {
                t.segment[i] != NONE && r.contains(f64::from(t.f[i]))
            }),
            Condition::MonetaryScore(r) => retain_dense(&mut words, n, |i| {
                t.segment[i] != NONE && r.contains(f64::from(t.m[i]))
            }),
            Condition::DaysSinceLastPurchase(r) => retain_dense(&mut words, n, |i| {
                t.segment[i] != NONE && r.contains(f64::from(t.recency_days[i]))
            }),
            Condition::PAlive(r) => retain_dense(&mut words, n, |i| range(r, t.p_alive[i])),
            Condition::LifetimeValue(r) => retain_dense(&mut words, n, |i| range(r, t.clv[i])),
            Condition::Revenue(r) => retain_dense(&mut words, n, |i| r.contains(t.revenue[i])),
            Condition::DoNotContact(flag) => {
                retain_dense(&mut words, n, |i| t.do_not_contact[i] == flag)
            }
            Condition::OpenComplaint(flag) => {
                retain_dense(&mut words, n, |i| t.open_complaint[i] == flag)
            }
            Condition::OpenQuote(flag) => retain_dense(&mut words, n, |i| t.open_quote[i] == flag),
            Condition::QuotedAmount(r) => retain_dense(&mut words, n, |i| r.contains(t.quoted[i])),
            Condition::Region(needle) => {
                let t = text();
                let ok = accepted(&t.regions, |r| contains_lowercase(r, &needle));
                retain(&mut words, |i| ok[t.region[i] as usize]);
            }
            Condition::Owner(set) => {
                let t = text();
                let ok = accepted(&t.owners, |o| set.contains(o));
                retain(&mut words, |i| ok[t.owner[i] as usize]);
            }
            Condition::Tag(needle) if needle.is_empty() => {}
            Condition::Tag(needle) => {
                let t = text();
                let ok = accepted(&t.tags, |tag| *tag == needle);
                retain(&mut words, |i| {
                    let (a, b) = (t.tag_start[i] as usize, t.tag_start[i + 1] as usize);
                    t.tag_ids[a..b].iter().any(|&k| ok[k as usize])
                });
            }
        }
    }
    let mut out = Vec::with_capacity(words.iter().map(|w| w.count_ones() as usize).sum());
    for (w, &word) in words.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            out.push((w * 64) as u32 + bits.trailing_zeros());
            bits &= bits - 1;
        }
    }
    out
}

/// The filter changes the benchmarks time (`benches/index.rs`, `scripts/bench.sh`): one to
/// three conditions each, over classes, predictions, text and plain attributes.
#[doc(hidden)]
pub fn benchmark_filters() -> Vec<Vec<Condition>> {
    vec![
        vec![Condition::Importance(vec![Importance::Vip])],
        vec![
            Condition::Loyalty(vec![LoyaltyStage::Loyal, LoyaltyStage::Old]),
            Condition::PAlive(Range {
                min: Some(50.0),
                max: None,
            }),
        ],
        vec![
            Condition::Region("浙江".into()),
            Condition::Kind(vec![
                CustomerKind::Distributor,
                CustomerKind::EnterpriseBuyer,
            ]),
        ],
        vec![
            Condition::RfmSegment(vec![RfmSegment::AtRisk, RfmSegment::CantLose]),
            Condition::LifetimeValue(Range {
                min: Some(10_000.0),
                max: None,
            }),
        ],
        vec![
            Condition::DaysSinceLastPurchase(Range {
                min: None,
                max: Some(90.0),
            }),
            Condition::Revenue(Range {
                min: Some(50_000.0),
                max: None,
            }),
        ],
        vec![
            Condition::Quadrant(vec![Quadrant::Platinum, Quadrant::Gold]),
            Condition::Lifecycle(vec![LifecycleStage::Decline]),
            Condition::DoNotContact(false),
        ],
        vec![
            Condition::Tag("VIP".into()),
            Condition::RecencyScore(Range {
                min: Some(4.0),
                max: None,
            }),
        ],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::config::AnalysisConfig;
    use crate::domain::analysis::engine::{Models, analyse};
    use crate::domain::money::Currency;
    use crate::domain::summary::{PurchaseDay, tests::summary};
    use crate::domain::time::from_epoch_day;

    /// The day the tests' facts are built for (the analysis of [`base`] is as of it too).
    const DAY: i32 = 20_000;

    fn facts_at(rows: &[CustomerSummary], a: &Analysis) -> Facts {
        facts_for(rows, a, from_epoch_day(DAY), &AnalysisConfig::default())
    }

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
        let facts = facts_at(&rows, &a);
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
        let facts = facts_at(&rows, &a);
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
        assert_eq!(evaluate(&[], &rows, &facts_at(&rows, &a)), vec![1, 2, 3]);
    }

    #[test]
    fn owner_and_tag_conditions() {
        let (mut rows, a) = base();
        let (ann, bo) = (Id::from_parts(7, [1; 10]), Id::from_parts(8, [2; 10]));
        rows[0].owner_id = Some(ann);
        rows[1].owner_id = Some(bo);
        rows[3].owner_id = Some(ann);
        rows[0].tags = ["VIP", "华东"].into();
        rows[2].tags = ["vip客户"].into();
        rows[3].tags = ["Vip"].into();
        let facts = facts_at(&rows, &a);
        let hits = |c: Vec<Condition>| evaluate(&c, &rows, &facts);
        assert_eq!(hits(vec![Condition::Owner(vec![Some(ann)])]), vec![0, 3]);
        assert_eq!(
            hits(vec![Condition::Owner(vec![None, Some(bo)])]),
            vec![1, 2]
        );
        // A tag matches whole, ignoring case: "vip客户" is another tag.
        assert_eq!(hits(vec![Condition::Tag(" vip ".into())]), vec![0, 3]);
        assert_eq!(hits(vec![Condition::Tag("华东".into())]), vec![0]);
        assert_eq!(hits(vec![Condition::Tag(String::new())]), vec![0, 1, 2, 3]);
        assert_eq!(
            hits(vec![
                Condition::Tag("VIP".into()),
                Condition::Owner(vec![Some(ann)]),
                Condition::Kind(vec![CustomerKind::EnterpriseBuyer]),
            ]),
            vec![3]
        );
    }

    /// Whether customer `s` with classes `c` meets `cond`, read straight from the summary and
    /// the analysis, one row at a time: what the columns must agree with.
    fn reference(cond: &Condition, s: &CustomerSummary, c: Option<&CustomerClasses>) -> bool {
        let rfm = c.and_then(|c| c.rfm);
        let p = c.and_then(|c| c.prediction);
        match cond {
            Condition::Kind(k) => k.contains(&s.kind),
            Condition::Region(t) => s.region.to_lowercase().contains(&t.trim().to_lowercase()),
            Condition::Owner(o) => o.contains(&s.owner_id),
            Condition::Tag(t) => {
                let t = t.trim().to_lowercase();
                t.is_empty() || s.tags.iter().any(|x| x.to_lowercase() == t)
            }
            Condition::RfmSegment(set) => rfm.is_some_and(|r| set.contains(&r.segment)),
            Condition::RecencyScore(r) => rfm.is_some_and(|x| r.contains(f64::from(x.r))),
            Condition::FrequencyScore(r) => rfm.is_some_and(|x| r.contains(f64::from(x.f))),
            Condition::MonetaryScore(r) => rfm.is_some_and(|x| r.contains(f64::from(x.m))),
            Condition::Importance(set) => c.is_some_and(|c| set.contains(&c.importance.class)),
            Condition::Loyalty(set) => c.is_some_and(|c| set.contains(&c.loyalty.stage)),
            Condition::Lifecycle(set) => c.is_some_and(|c| set.contains(&c.lifecycle.stage)),
            Condition::Quadrant(set) => c
                .and_then(|c| c.quadrant)
                .is_some_and(|q| set.contains(&q.class)),
            Condition::PAlive(r) => p.is_some_and(|p| r.contains(p.p_alive * 100.0)),
            Condition::LifetimeValue(r) => p.is_some_and(|p| r.contains(p.clv)),
            Condition::DaysSinceLastPurchase(r) => {
                rfm.is_some_and(|x| r.contains(f64::from(x.recency_days)))
            }
            Condition::Revenue(r) => r.contains(c.map_or(0.0, |c| c.revenue)),
            Condition::DoNotContact(f) => s.do_not_contact == *f,
            Condition::OpenComplaint(f) => (s.activity.open_complaints > 0) == *f,
            Condition::OpenQuote(f) => s.activity.has_open_quote(DAY) == *f,
            Condition::QuotedAmount(r) => {
                let cfg = AnalysisConfig::default();
                let yuan: f64 = s
                    .activity
                    .quoted_on(DAY)
                    .iter()
                    .map(|&(c, minor)| {
                        minor as f64 / 10f64.powi(c.minor_digits() as i32) * cfg.rate(c)
                    })
                    .sum();
                r.contains(yuan)
            }
        }
    }

    #[test]
    fn open_quotes_and_their_amount_in_yuan_on_the_day() {
        use crate::domain::summary::OpenQuote;
        let (mut rows, a) = base();
        // Row 0: a sent ¥500.00 quote valid through DAY + 10 and a $100.00 draft;
        // row 1: a sent quote that ended the day before; rows 2 and 3: none.
        rows[0].activity.open_quotes = vec![
            OpenQuote {
                until: Some(DAY + 10),
                currency: Currency::Cny,
                net: 50_000,
            },
            OpenQuote {
                until: None,
                currency: Currency::Usd,
                net: 10_000,
            },
        ];
        rows[1].activity.open_quotes = vec![OpenQuote {
            until: Some(DAY - 1),
            currency: Currency::Cny,
            net: 99_900,
        }];
        let mut cfg = AnalysisConfig {
            rates: vec![(Currency::Usd, 7.0)],
            ..AnalysisConfig::default()
        };
        let on = |day: i32| facts_for(&rows, &a, from_epoch_day(day), &cfg);
        let range =
            |min: Option<f64>, max: Option<f64>| Condition::QuotedAmount(Range { min, max });
        let facts = on(DAY);
        let hits = |c: Condition| evaluate(&[c], &rows, &facts);
        assert_eq!(hits(Condition::OpenQuote(true)), vec![0]);
        assert_eq!(
            hits(Condition::OpenQuote(false)),
            vec![1, 2, 3],
            "row 1's expired"
        );
        // 500 + 100 × 7 = ¥1,200.
        assert_eq!(hits(range(Some(1_200.0), Some(1_200.0))), vec![0]);
        assert_eq!(hits(range(Some(1_200.01), None)), Vec::<u32>::new());
        assert_eq!(hits(range(None, Some(0.0))), vec![1, 2, 3]);
        // Eleven days on, the sent quote has ended too: the draft's ¥700 is left.
        let later = on(DAY + 11);
        assert_eq!(
            evaluate(&[range(Some(700.0), Some(700.0))], &rows, &later),
            vec![0]
        );
        // A currency without a rate counts for nothing (the draft alone: ¥0).
        cfg.rates.clear();
        let unrated = facts_for(&rows, &a, from_epoch_day(DAY + 11), &cfg);
        assert_eq!(
            evaluate(&[range(Some(0.01), None)], &rows, &unrated),
            Vec::<u32>::new()
        );
        assert_eq!(
            evaluate(&[Condition::OpenQuote(true)], &rows, &unrated),
            vec![0]
        );
    }

    #[test]
    fn columns_answer_as_the_rows_do_on_a_sample_workspace() {
        use crate::domain::sample::{Generator, SampleConfig, team};
        let members = team(5);
        let mut rows: Vec<CustomerSummary> = Generator::new(
            SampleConfig {
                seed: 5,
                customers: 1_500,
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                id_epoch_ms: 1_795_420_800_000,
                lang: crate::domain::lang::Lang::Zh,
            },
            members.clone(),
        )
        .map(|s| CustomerSummary::build(&s.customer, &s.contacts, &s.interactions, &s.purchases))
        .collect();
        for (i, r) in rows.iter_mut().enumerate() {
            if i % 7 == 0 {
                r.deleted_at = Some(Timestamp(1));
            }
            // Open quotes on some: a yuan quote still valid, a dollar draft, one expired.
            if i % 3 == 0 {
                r.activity.open_quotes = vec![
                    crate::domain::summary::OpenQuote {
                        until: Some(DAY + (i as i32 % 5) - 2),
                        currency: Currency::Cny,
                        net: 1_000 * i as i64,
                    },
                    crate::domain::summary::OpenQuote {
                        until: None,
                        currency: if i % 2 == 0 {
                            Currency::Usd
                        } else {
                            Currency::Cny
                        },
                        net: 500 * i as i64,
                    },
                ];
                r.activity.open_quotes.truncate(1 + i % 2);
            }
        }
        let refs: Vec<&CustomerSummary> = rows.iter().filter(|r| r.deleted_at.is_none()).collect();
        let a = analyse(
            &refs,
            from_epoch_day(20_780),
            &AnalysisConfig::default(),
            Models::Fit(None),
        );
        let facts = facts_at(&rows, &a);
        let open = |min: Option<f64>, max: Option<f64>| Range { min, max };
        let region = rows[3]
            .region
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let tag = rows
            .iter()
            .find_map(|r| r.tags.first())
            .unwrap()
            .to_uppercase();
        let singles = vec![
            Condition::Kind(vec![CustomerKind::Distributor, CustomerKind::Consumer]),
            Condition::Region(region),
            Condition::Region("no such place".into()),
            Condition::Owner(vec![None, Some(members[0].id)]),
            Condition::Tag(tag),
            Condition::RfmSegment(vec![RfmSegment::AtRisk, RfmSegment::Champions]),
            Condition::RecencyScore(open(Some(4.0), None)),
            Condition::FrequencyScore(open(None, Some(2.0))),
            Condition::MonetaryScore(open(Some(2.0), Some(4.0))),
            Condition::MonetaryScore(open(None, None)),
            Condition::Importance(vec![Importance::Vip]),
            Condition::Loyalty(vec![LoyaltyStage::Prospect, LoyaltyStage::Loyal]),
            Condition::Lifecycle(vec![LifecycleStage::Decline]),
            Condition::Quadrant(vec![Quadrant::Gold, Quadrant::Platinum]),
            Condition::PAlive(open(Some(50.0), None)),
            Condition::PAlive(open(None, None)),
            Condition::LifetimeValue(open(Some(5_000.0), None)),
            Condition::DaysSinceLastPurchase(open(None, Some(90.0))),
            Condition::Revenue(open(Some(20_000.0), None)),
            Condition::Revenue(open(None, Some(0.0))),
            Condition::DoNotContact(true),
            Condition::OpenComplaint(false),
            Condition::OpenQuote(true),
            Condition::OpenQuote(false),
            Condition::QuotedAmount(open(Some(3_000.0), None)),
            Condition::QuotedAmount(open(Some(1.0), Some(8_000.0))),
        ];
        let mut sets: Vec<Vec<Condition>> = singles.iter().map(|c| vec![c.clone()]).collect();
        for (i, a) in singles.iter().enumerate() {
            sets.push(vec![
                a.clone(),
                singles[(i * 5 + 3) % singles.len()].clone(),
            ]);
            sets.push(vec![
                a.clone(),
                singles[(i + 1) % singles.len()].clone(),
                singles[(i * 3 + 7) % singles.len()].clone(),
            ]);
        }
        for set in &sets {
            let expected: Vec<u32> = rows
                .iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.deleted_at.is_none() && set.iter().all(|c| reference(c, s, a.get(s.id)))
                })
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(evaluate(set, &rows, &facts), expected, "{set:?}");
        }
        // The sets are not trivial: most keep some customers and leave out others.
        let partial = sets
            .iter()
            .filter(|s| (1..refs.len()).contains(&evaluate(s, &rows, &facts).len()))
            .count();
        assert!(partial * 2 > sets.len(), "{partial} of {}", sets.len());
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
