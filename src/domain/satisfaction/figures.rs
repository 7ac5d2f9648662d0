//! The satisfaction figures, computed from the responses: the importance-weighted satisfaction
//! index (0–100) with its 95% confidence interval, the Net Promoter Score, the gap perception −
//! expectation per item and factor, the importance–performance quadrants, the trend by month or
//! quarter, our ratings against each competitor's, and each customer's latest change.
//!
//! Definitions (the same ones the dashboard states):
//! - A response's index is the importance-weighted mean of its perception ratings, each put on
//!   0–100 (the lowest rating 0, the highest 100).
//! - NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100.
//! - Intervals are mean ± t(0.975, n − 1) × s / √n, with the sample standard deviation s of
//!   the per-response values (the index, or +100 / 0 / −100 for NPS). Fewer than
//!   [`MIN_TO_CONCLUDE`] responses are too few to conclude anything from.

use super::{Factor, Response, Survey};
use crate::domain::id::Id;
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// Below this many responses a figure is shown but flagged as too few to conclude.
pub const MIN_TO_CONCLUDE: usize = 10;

/// A mean with its 95% confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    pub n: usize,
    /// Half the width of the 95% interval; `None` with a single value.
    pub half_width: Option<f64>,
}

impl Estimate {
    /// The mean and interval of `values` (`None` when there are none).
    pub fn of(values: &[f64]) -> Option<Estimate> {
        let n = values.len();
        if n == 0 {
            return None;
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        let half_width = (n > 1).then(|| {
            let ss: f64 = values.iter().map(|v| (v - mean).powi(2)).sum();
            let s = (ss / (n - 1) as f64).sqrt();
            t_critical(n - 1) * s / (n as f64).sqrt()
        });
        Some(Estimate {
            mean,
            n,
            half_width,
        })
    }

    /// Whether there are enough responses to draw a conclusion.
    pub fn conclusive(&self) -> bool {
        self.n >= MIN_TO_CONCLUDE && self.half_width.is_some()
    }
}

/// Two-sided 95% critical values of Student's t for 1–30 degrees of freedom (the published
/// table, three decimals).
const T_TABLE: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

/// t(0.975, df): the table up to 30, beyond it the Cornish–Fisher expansion around the normal
/// quantile (within 0.0001 of the exact value there).
pub fn t_critical(df: usize) -> f64 {
    if df == 0 {
        return f64::INFINITY;
    }
    if let Some(&t) = T_TABLE.get(df - 1) {
        return t;
    }
    let z = 1.959_963_985_f64;
    let v = df as f64;
    z + (z.powi(3) + z) / (4.0 * v)
        + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * v * v)
}

/// Where a 0–10 recommend answer puts the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NpsGroup {
    /// 9–10.
    Promoter,
    /// 7–8.
    Passive,
    /// 0–6.
    Detractor,
}

impl NpsGroup {
    /// The group of a 0–10 answer.
    pub fn of(score: u8) -> NpsGroup {
        match score {
            9.. => NpsGroup::Promoter,
            7 | 8 => NpsGroup::Passive,
            _ => NpsGroup::Detractor,
        }
    }

    /// The response's value in the NPS mean.
    fn value(self) -> f64 {
        match self {
            NpsGroup::Promoter => 100.0,
            NpsGroup::Passive => 0.0,
            NpsGroup::Detractor => -100.0,
        }
    }

    /// A stable short name for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            NpsGroup::Promoter => "promoter",
            NpsGroup::Passive => "passive",
            NpsGroup::Detractor => "detractor",
        }
    }
}

/// The Net Promoter Score of a set of answers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Nps {
    pub promoters: usize,
    pub passives: usize,
    pub detractors: usize,
    /// The score (mean) and its interval.
    pub estimate: Estimate,
}

impl Nps {
    /// The NPS of some 0–10 answers (`None` without any).
    pub fn of(scores: impl IntoIterator<Item = u8>) -> Option<Nps> {
        let groups: Vec<NpsGroup> = scores.into_iter().map(NpsGroup::of).collect();
        let values: Vec<f64> = groups.iter().map(|g| g.value()).collect();
        let count = |g| groups.iter().filter(|&&x| x == g).count();
        Some(Nps {
            promoters: count(NpsGroup::Promoter),
            passives: count(NpsGroup::Passive),
            detractors: count(NpsGroup::Detractor),
            estimate: Estimate::of(&values)?,
        })
    }
}

/// A response's satisfaction index (0–100): the importance-weighted mean of its perception
/// ratings on 0–100. `None` when it rated no item (a recommend-only answer).
pub fn response_index(survey: &Survey, r: &Response) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for a in &r.answers {
        if let Some(item) = survey.item(a.item) {
            let w = f64::from(item.weight);
            sum += w * survey.scale.to_percent(f64::from(a.perception));
            weights += w;
        }
    }
    (weights > 0.0).then(|| sum / weights)
}

/// Which factors to fix first: importance against performance, split at the mean of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quadrant {
    /// Important and below par: fix first.
    FixFirst,
    /// Important and doing well: keep it up.
    KeepUp,
    /// Less important and below par: low priority.
    LowPriority,
    /// Less important and doing well: possibly more effort than needed.
    Overkill,
}

impl Quadrant {
    /// Every quadrant, most urgent first.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::FixFirst,
        Quadrant::KeepUp,
        Quadrant::LowPriority,
        Quadrant::Overkill,
    ];

    /// A stable short name for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::FixFirst => "fix-first",
            Quadrant::KeepUp => "keep-up",
            Quadrant::LowPriority => "low-priority",
            Quadrant::Overkill => "overkill",
        }
    }
}

/// The quadrant of each (importance, performance) point, split at the mean importance and
/// the mean performance of all the points: importance at or above the mean is high,
/// performance below the mean is low.
pub fn quadrants(points: &[(f64, f64)]) -> (f64, f64, Vec<Quadrant>) {
    let n = points.len().max(1) as f64;
    let imp = points.iter().map(|p| p.0).sum::<f64>() / n;
    let perf = points.iter().map(|p| p.1).sum::<f64>() / n;
    let q = points
        .iter()
        .map(|&(i, p)| match (i >= imp, p < perf) {
            (true, true) => Quadrant::FixFirst,
            (true, false) => Quadrant::KeepUp,
            (false, true) => Quadrant::LowPriority,
            (false, false) => Quadrant::Overkill,
        })
        .collect();
    (imp, perf, q)
}

/// One item's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemFigure {
    pub key: u16,
    pub factor: Factor,
    pub weight: u8,
    /// Responses that rated it.
    pub n: usize,
    /// Mean perception on the survey's scale.
    pub perception: f64,
    /// Mean perception on 0–100.
    pub performance: f64,
    /// Mean expectation (paired surveys).
    pub expectation: Option<f64>,
    /// Mean of perception − expectation (paired surveys).
    pub gap: Option<f64>,
}

/// One factor's figures, over its rated items.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorFigure {
    pub factor: Factor,
    /// Mean importance weight of its items.
    pub importance: f64,
    /// Importance-weighted mean of its items' performance (0–100).
    pub performance: f64,
    /// Mean of perception − expectation over all its paired answers.
    pub gap: Option<f64>,
    pub quadrant: Quadrant,
}

/// Everything the dashboard shows for one survey and one group of customers.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyFigures {
    pub responses: usize,
    /// Over the responses that rated at least one item.
    pub index: Option<Estimate>,
    /// Over the responses that answered the recommend question.
    pub nps: Option<Nps>,
    /// In survey order, rated items only.
    pub items: Vec<ItemFigure>,
    /// In factor order, rated factors only.
    pub factors: Vec<FactorFigure>,
    /// The importance and performance splitting the quadrants.
    pub split: (f64, f64),
}

/// The figures of `responses` (all to `survey`).
pub fn figures(survey: &Survey, responses: &[&Response]) -> SurveyFigures {
    let indices: Vec<f64> = responses
        .iter()
        .filter_map(|r| response_index(survey, r))
        .collect();
    let nps = Nps::of(responses.iter().filter_map(|r| r.recommend));
    let mut items = Vec::new();
    for item in &survey.items {
        let answers: Vec<_> = responses
            .iter()
            .flat_map(|r| r.answers.iter().filter(|a| a.item == item.key))
            .collect();
        if answers.is_empty() {
            continue;
        }
        let n = answers.len();
        let perception = answers.iter().map(|a| f64::from(a.perception)).sum::<f64>() / n as f64;
        let paired: Vec<(f64, f64)> = answers
            .iter()
            .filter_map(|a| {
                a.expectation
                    .map(|x| (f64::from(x), f64::from(a.perception)))
            })
            .collect();
        let m = paired.len() as f64;
        items.push(ItemFigure {
            key: item.key,
            factor: item.factor,
            weight: item.weight,
            n,
            perception,
            performance: survey.scale.to_percent(perception),
            expectation: (m > 0.0).then(|| paired.iter().map(|p| p.0).sum::<f64>() / m),
            gap: (m > 0.0).then(|| paired.iter().map(|p| p.1 - p.0).sum::<f64>() / m),
        });
    }
    let mut rows = Vec::new();
    for factor in Factor::ALL {
        let of: Vec<&ItemFigure> = items.iter().filter(|i| i.factor == factor).collect();
        if of.is_empty() {
            continue;
        }
        let weights: f64 = of.iter().map(|i| f64::from(i.weight)).sum();
        let performance = of
            .iter()
            .map(|i| f64::from(i.weight) * i.performance)
            .sum::<f64>()
            / weights;
        let keys: Vec<u16> = of.iter().map(|i| i.key).collect();
        let gaps: Vec<f64> = responses
            .iter()
            .flat_map(|r| r.answers.iter())
            .filter(|a| keys.contains(&a.item))
            .filter_map(|a| {
                a.expectation
                    .map(|x| f64::from(a.perception) - f64::from(x))
            })
            .collect();
        rows.push((
            factor,
            weights / of.len() as f64,
            performance,
            (!gaps.is_empty()).then(|| gaps.iter().sum::<f64>() / gaps.len() as f64),
        ));
    }
    let points: Vec<(f64, f64)> = rows.iter().map(|r| (r.1, r.2)).collect();
    let (imp, perf, quads) = quadrants(&points);
    let factors = rows
        .into_iter()
        .zip(quads)
        .map(
            |((factor, importance, performance, gap), quadrant)| FactorFigure {
                factor,
                importance,
                performance,
                gap,
                quadrant,
            },
        )
        .collect();
    SurveyFigures {
        responses: responses.len(),
        index: Estimate::of(&indices),
        nps,
        items,
        factors,
        split: (imp, perf),
    }
}

/// How the trend groups responses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Month,
    Quarter,
}

/// A month (1–12) or quarter (1–4) of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeriodKey {
    pub year: i32,
    pub number: u32,
}

impl PeriodKey {
    /// The period a date falls in.
    pub fn of(date: NaiveDate, period: Period) -> PeriodKey {
        let number = match period {
            Period::Month => date.month(),
            Period::Quarter => date.month0() / 3 + 1,
        };
        PeriodKey {
            year: date.year(),
            number,
        }
    }

    fn next(self, period: Period) -> PeriodKey {
        let last = match period {
            Period::Month => 12,
            Period::Quarter => 4,
        };
        if self.number == last {
            PeriodKey {
                year: self.year + 1,
                number: 1,
            }
        } else {
            PeriodKey {
                number: self.number + 1,
                ..self
            }
        }
    }
}

/// One period of the trend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PeriodFigure {
    pub key: PeriodKey,
    pub responses: usize,
    pub index: Option<Estimate>,
    pub nps: Option<Nps>,
}

/// Most periods the trend shows (the latest ones).
pub const MAX_PERIODS: usize = 24;

/// The figures per period, every period from the first response's to the last one's (empty
/// periods included, so gaps show), at most the last [`MAX_PERIODS`].
pub fn trend(survey: &Survey, responses: &[&Response], period: Period) -> Vec<PeriodFigure> {
    let mut by: HashMap<PeriodKey, Vec<&Response>> = HashMap::new();
    for r in responses {
        by.entry(PeriodKey::of(r.date, period)).or_default().push(r);
    }
    let (Some(&first), Some(&last)) = (by.keys().min(), by.keys().max()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut k = first;
    while k <= last {
        let rs = by.get(&k).map_or(&[][..], Vec::as_slice);
        let indices: Vec<f64> = rs
            .iter()
            .filter_map(|r| response_index(survey, r))
            .collect();
        out.push(PeriodFigure {
            key: k,
            responses: rs.len(),
            index: Estimate::of(&indices),
            nps: Nps::of(rs.iter().filter_map(|r| r.recommend)),
        });
        k = k.next(period);
    }
    let skip = out.len().saturating_sub(MAX_PERIODS);
    out.drain(..skip);
    out
}

/// Our rating against a competitor's on one item, from the responses that rated both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VersusItem {
    pub key: u16,
    pub n: usize,
    /// Our mean rating, on the survey's scale.
    pub ours: f64,
    /// The competitor's mean rating.
    pub theirs: f64,
}

/// Our ratings against one competitor's.
#[derive(Clone, Debug, PartialEq)]
pub struct Versus {
    /// As first written.
    pub name: String,
    /// Responses that rated this competitor.
    pub responses: usize,
    pub items: Vec<VersusItem>,
}

/// Our ratings against each named competitor, item by item, from the same responses (so the
/// comparison is like for like). Names match ignoring case and surrounding spaces; the most
/// often rated competitor comes first.
pub fn versus(survey: &Survey, responses: &[&Response]) -> Vec<Versus> {
    let mut groups: Vec<(String, String, Vec<&Response>)> = Vec::new();
    for r in responses {
        let Some(c) = &r.competitor else { continue };
        let key = c.name.trim().to_lowercase();
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.2.push(r),
            None => groups.push((key, c.name.trim().to_string(), vec![r])),
        }
    }
    let mut out: Vec<Versus> = groups
        .into_iter()
        .map(|(_, name, rs)| {
            let items = survey
                .items
                .iter()
                .filter_map(|item| {
                    let pairs: Vec<(f64, f64)> = rs
                        .iter()
                        .filter_map(|r| {
                            let ours = r.answers.iter().find(|a| a.item == item.key)?;
                            let theirs = r
                                .competitor
                                .as_ref()?
                                .scores
                                .iter()
                                .find(|s| s.0 == item.key)?;
                            Some((f64::from(ours.perception), f64::from(theirs.1)))
                        })
                        .collect();
                    let n = pairs.len();
                    (n > 0).then(|| VersusItem {
                        key: item.key,
                        n,
                        ours: pairs.iter().map(|p| p.0).sum::<f64>() / n as f64,
                        theirs: pairs.iter().map(|p| p.1).sum::<f64>() / n as f64,
                    })
                })
                .collect();
            Versus {
                name,
                responses: rs.len(),
                items,
            }
        })
        .collect();
    out.sort_by(|a, b| b.responses.cmp(&a.responses).then(a.name.cmp(&b.name)));
    out
}

/// A customer's satisfaction as the churn-risk score and the 360 view use it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CustomerSatisfaction {
    /// The latest response's index.
    pub latest: f64,
    pub latest_date: NaiveDate,
    /// The index of the response before it.
    pub previous: Option<f64>,
    /// Responses with an index.
    pub responses: usize,
}

impl CustomerSatisfaction {
    /// Latest − previous, in index points.
    pub fn change(&self) -> Option<f64> {
        self.previous.map(|p| self.latest - p)
    }
}

/// Each customer's latest satisfaction index and the one before it, over every survey with
/// rated items (responses in date order; the same date in the order entered).
pub fn by_customer(
    surveys: &[Survey],
    responses: &[Response],
) -> HashMap<Id, CustomerSatisfaction> {
    let surveys: HashMap<Id, &Survey> = surveys.iter().map(|s| (s.id, s)).collect();
    let mut dated: Vec<(&Response, f64)> = responses
        .iter()
        .filter_map(|r| Some((r, response_index(surveys.get(&r.survey_id)?, r)?)))
        .collect();
    dated.sort_by(|a, b| {
        (a.0.date, a.0.created_at, a.0.id).cmp(&(b.0.date, b.0.created_at, b.0.id))
    });
    let mut out: HashMap<Id, CustomerSatisfaction> = HashMap::new();
    for (r, index) in dated {
        out.entry(r.customer_id)
            .and_modify(|c| {
                c.previous = Some(c.latest);
                c.latest = index;
                c.latest_date = r.date;
                c.responses += 1;
            })
            .or_insert(CustomerSatisfaction {
                latest: index,
                latest_date: r.date,
                previous: None,
                responses: 1,
            });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::NOW;
    use super::super::{Answer, CompetitorRating, Item, Scale, SurveyKind};
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 0.005, "{a} ≠ {b}");
    }

    fn survey(kind: SurveyKind, scale: Scale, items: &[(Factor, u8)]) -> Survey {
        Survey {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            name: "s".into(),
            kind,
            scale,
            items: items
                .iter()
                .zip(1..)
                .map(|(&(factor, weight), key)| Item {
                    key,
                    text: format!("item {key}"),
                    factor,
                    weight,
                })
                .collect(),
            recommend: true,
            created_at: NOW,
            updated_at: NOW,
        }
    }

    fn response(s: &Survey, date: &str, answers: &[(u16, Option<u8>, u8)]) -> Response {
        Response {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            survey_id: s.id,
            customer_id: Id::from_parts(1, [0; 10]),
            date: date.parse().unwrap(),
            recommend: None,
            answers: answers
                .iter()
                .map(|&(item, expectation, perception)| Answer {
                    item,
                    expectation,
                    perception,
                })
                .collect(),
            competitor: None,
            note: String::new(),
            created_at: NOW,
            updated_at: NOW,
        }
    }

    #[test]
    fn t_values_match_the_published_table() {
        assert_eq!(t_critical(4), 2.776);
        assert_eq!(t_critical(9), 2.262);
        // Tables give t(0.975, 40) = 2.021, t(0.975, 60) = 2.000, t(0.975, 120) = 1.980.
        close(t_critical(40), 2.021);
        close(t_critical(60), 2.000);
        close(t_critical(120), 1.980);
        assert!(t_critical(31) < 2.042 && t_critical(31) > 2.03);
    }

    #[test]
    fn index_is_importance_weighted_and_has_an_interval() {
        // Product weight 5, service weight 3, on 1–5.
        let s = survey(
            SurveyKind::Csat,
            Scale::Five,
            &[(Factor::Product, 5), (Factor::MarketingService, 3)],
        );
        // 5 → 100, 3 → 50: (5×100 + 3×50) / 8 = 81.25
        let r1 = response(&s, "2026-09-10", &[(1, None, 5), (2, None, 3)]);
        // 2 → 25, 4 → 75: (5×25 + 3×75) / 8 = 43.75
        let r2 = response(&s, "2026-09-20", &[(1, None, 2), (2, None, 4)]);
        // Only the product rated: 4 → 75.
        let r3 = response(&s, "2026-11-05", &[(1, None, 4)]);
        close(response_index(&s, &r1).unwrap(), 81.25);
        close(response_index(&s, &r2).unwrap(), 43.75);
        close(response_index(&s, &r3).unwrap(), 75.0);
        let f = figures(&s, &[&r1, &r2, &r3]);
        let e = f.index.unwrap();
        // Mean 200 / 3 = 66.667. Squares of the deviations 212.674 + 525.174 + 69.444 =
        // 807.292; s = √(807.292 / 2) = 20.091; s / √3 = 11.600; × t(2) 4.303 = 49.91.
        close(e.mean, 66.6667);
        close(e.half_width.unwrap(), 49.91);
        assert!(!e.conclusive());
        // Items: product mean (5 + 2 + 4) / 3 = 3.667 → 66.67; service (3 + 4) / 2 = 3.5 → 62.5.
        close(f.items[0].perception, 3.6667);
        close(f.items[0].performance, 66.6667);
        assert_eq!(f.items[1].n, 2);
        close(f.items[1].performance, 62.5);
        assert_eq!(f.items[0].gap, None);
    }

    #[test]
    fn nps_with_its_interval() {
        // 5 promoters (10, 9, 10, 9, 9), 2 passives (8, 7), 3 detractors (6, 0, 3): 50% − 30% = 20.
        let n = Nps::of([10, 9, 8, 7, 6, 0, 10, 3, 9, 9]).unwrap();
        assert_eq!((n.promoters, n.passives, n.detractors), (5, 2, 3));
        close(n.estimate.mean, 20.0);
        // Values +100 ×5, 0 ×2, −100 ×3: squares 5×80² + 2×20² + 3×120² = 76,000; s² = 76,000 / 9
        // = 8,444.4; s / √10 = 29.059; × t(9) 2.262 = 65.73.
        close(n.estimate.half_width.unwrap(), 65.73);
        assert!(n.estimate.conclusive());
        assert_eq!(Nps::of([]), None);
        assert_eq!(Nps::of([9]).unwrap().estimate.half_width, None);
        assert_eq!(NpsGroup::of(6), NpsGroup::Detractor);
        assert_eq!(NpsGroup::of(7), NpsGroup::Passive);
        assert_eq!(NpsGroup::of(9), NpsGroup::Promoter);
    }

    #[test]
    fn gaps_per_item_and_factor() {
        // 1–7; product item weight 4, care item weight 2.
        let s = survey(
            SurveyKind::Paired,
            Scale::Seven,
            &[(Factor::Product, 4), (Factor::Care, 2)],
        );
        let r1 = response(&s, "2026-10-01", &[(1, Some(6), 5), (2, Some(4), 6)]);
        let r2 = response(&s, "2026-10-02", &[(1, Some(7), 4), (2, Some(3), 5)]);
        let f = figures(&s, &[&r1, &r2]);
        // Product: gaps −1 and −3 → −2; expectation 6.5, perception 4.5 → (4.5 − 1) / 6 = 58.33.
        close(f.items[0].gap.unwrap(), -2.0);
        close(f.items[0].expectation.unwrap(), 6.5);
        close(f.items[0].performance, 58.3333);
        // Care: gaps +2 and +2 → +2; perception 5.5 → 75.
        close(f.items[1].gap.unwrap(), 2.0);
        close(f.items[1].performance, 75.0);
        // Indices: r1 (4×66.67 + 2×83.33) / 6 = 72.22; r2 (4×50 + 2×66.67) / 6 = 55.56.
        close(response_index(&s, &r1).unwrap(), 72.2222);
        close(f.index.unwrap().mean, 63.8889);
        assert_eq!(f.factors.len(), 2);
        close(f.factors[0].gap.unwrap(), -2.0);
        // Importance 4 vs 2 (split 3), performance 58.33 vs 75 (split 66.67).
        assert_eq!(f.factors[0].quadrant, Quadrant::FixFirst);
        assert_eq!(f.factors[1].quadrant, Quadrant::Overkill);
        close(f.split.1, 66.6667);
    }

    #[test]
    fn quadrants_split_at_the_means() {
        let (imp, perf, q) = quadrants(&[(5.0, 40.0), (5.0, 90.0), (1.0, 40.0), (1.0, 90.0)]);
        assert_eq!((imp, perf), (3.0, 65.0));
        assert_eq!(q, Quadrant::ALL.to_vec());
        // At the mean: importance counts as high, performance as not low.
        let (_, _, q) = quadrants(&[(3.0, 50.0), (3.0, 50.0)]);
        assert_eq!(q, vec![Quadrant::KeepUp, Quadrant::KeepUp]);
    }

    #[test]
    fn trend_by_month_and_quarter_keeps_empty_periods() {
        let s = survey(SurveyKind::Csat, Scale::Five, &[(Factor::Product, 1)]);
        let a = response(&s, "2026-09-10", &[(1, None, 3)]); // 50
        let b = response(&s, "2026-09-20", &[(1, None, 4)]); // 75
        let mut c = response(&s, "2026-11-05", &[(1, None, 5)]); // 100
        c.recommend = Some(10);
        let months = trend(&s, &[&a, &b, &c], Period::Month);
        let got: Vec<(u32, usize, Option<f64>)> = months
            .iter()
            .map(|p| (p.key.number, p.responses, p.index.map(|e| e.mean)))
            .collect();
        assert_eq!(
            got,
            vec![(9, 2, Some(62.5)), (10, 0, None), (11, 1, Some(100.0))]
        );
        assert_eq!(months[2].nps.unwrap().estimate.mean, 100.0);
        let quarters = trend(&s, &[&a, &b, &c], Period::Quarter);
        let got: Vec<(u32, usize)> = quarters
            .iter()
            .map(|p| (p.key.number, p.responses))
            .collect();
        assert_eq!(got, vec![(3, 2), (4, 1)]);
        // Across a year end.
        let d = response(&s, "2027-02-01", &[(1, None, 5)]);
        let q = trend(&s, &[&c, &d], Period::Quarter);
        assert_eq!(q.len(), 2);
        assert_eq!(
            q[1].key,
            PeriodKey {
                year: 2027,
                number: 1
            }
        );
    }

    #[test]
    fn versus_compares_like_for_like() {
        let s = survey(
            SurveyKind::Csat,
            Scale::Five,
            &[(Factor::Product, 1), (Factor::Care, 1)],
        );
        let rate = |r: &mut Response, name: &str, scores: &[(u16, u8)]| {
            r.competitor = Some(CompetitorRating {
                name: name.into(),
                scores: scores.to_vec(),
            });
        };
        let mut r1 = response(&s, "2026-10-01", &[(1, None, 5), (2, None, 3)]);
        rate(&mut r1, "Acme", &[(1, 3), (2, 4)]);
        // Same competitor, other spelling; rated only the first item on both sides.
        let mut r2 = response(&s, "2026-10-02", &[(1, None, 2)]);
        rate(&mut r2, " acme ", &[(1, 2), (2, 5)]);
        let mut r3 = response(&s, "2026-10-03", &[(1, None, 4)]);
        rate(&mut r3, "Beta", &[(1, 5)]);
        let plain = response(&s, "2026-10-04", &[(1, None, 1)]);
        let v = versus(&s, &[&r1, &r2, &r3, &plain]);
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].name.as_str(), v[0].responses), ("Acme", 2));
        assert_eq!(
            v[0].items[0],
            VersusItem {
                key: 1,
                n: 2,
                ours: 3.5,
                theirs: 2.5
            }
        );
        // Item 2: r2 did not rate us on it, so only r1 counts.
        assert_eq!(
            v[0].items[1],
            VersusItem {
                key: 2,
                n: 1,
                ours: 3.0,
                theirs: 4.0
            }
        );
        assert_eq!(
            v[1].items,
            vec![VersusItem {
                key: 1,
                n: 1,
                ours: 4.0,
                theirs: 5.0
            }]
        );
    }

    #[test]
    fn customers_latest_and_previous_index() {
        let s = survey(SurveyKind::Csat, Scale::Five, &[(Factor::Product, 1)]);
        let nps_only = Survey {
            items: Vec::new(),
            ..survey(SurveyKind::Nps, Scale::Five, &[])
        };
        let late = response(&s, "2026-11-01", &[(1, None, 2)]); // 25
        let early = response(&s, "2026-08-01", &[(1, None, 5)]); // 100
        let mut recommend = response(&nps_only, "2026-11-20", &[]);
        recommend.recommend = Some(3);
        let mut other = response(&s, "2026-10-01", &[(1, None, 4)]);
        other.customer_id = Id::from_parts(2, [0; 10]);
        let m = by_customer(&[s, nps_only], &[late, early, recommend, other]);
        let c = m[&Id::from_parts(1, [0; 10])];
        assert_eq!((c.latest, c.previous, c.responses), (25.0, Some(100.0), 2));
        assert_eq!(c.change(), Some(-75.0));
        assert_eq!(c.latest_date, "2026-11-01".parse().unwrap());
        assert_eq!(m[&Id::from_parts(2, [0; 10])].change(), None);
    }
}
