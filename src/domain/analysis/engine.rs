//! The full analysis of a customer base at a date: every class of every customer, from the
//! purchase history in the summaries, in one pass plus one model fit.

use super::bgnbd::{self, BgNbd, BgNbdFit, Rfx};
use super::config::{AnalysisConfig, ValueBasis};
use super::gamma_gamma::{self, GammaGamma, GammaGammaFit, Spend};
use super::importance::{self, ImportanceFacts};
use super::input::HistorySource;
use super::quadrant::{self, QuadrantFacts};
use super::rfm::{self, Rfm, RfmCutoffs, RfmRaw};
use super::stages::{self, LifecycleFacts, LoyaltyFacts};
use crate::domain::id::{Id, IdMap};
use crate::domain::summary::{CustomerSummary, PurchaseDay};
use crate::domain::time::epoch_day;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One purchase day, all currencies converted to yuan.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Day {
    pub day: i32,
    pub revenue: f64,
    pub margin: f64,
}

/// A customer's purchase days in yuan, oldest first.
pub fn days_of(summary: &CustomerSummary, cfg: &AnalysisConfig) -> Vec<Day> {
    let mut out: Vec<Day> = Vec::with_capacity(summary.activity.history.len());
    push_days(summary.activity.history.iter(), cfg, &mut out);
    out
}

/// Appends a customer's purchase days in yuan, oldest first, to `out`.
fn push_days(
    history: impl IntoIterator<Item = PurchaseDay>,
    cfg: &AnalysisConfig,
    out: &mut Vec<Day>,
) {
    let start = out.len();
    for h in history {
        let rate = cfg.rate(h.currency) / 10f64.powi(h.currency.minor_digits() as i32);
        let revenue = h.amount as f64 * rate;
        let margin = h.margin.unwrap_or(0) as f64 * rate;
        match out[start..].last_mut() {
            Some(last) if last.day == h.day => {
                last.revenue += revenue;
                last.margin += margin;
            }
            _ => out.push(Day {
                day: h.day,
                revenue,
                margin,
            }),
        }
    }
}

/// The prediction for one customer.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Repeat purchase days, and weeks to the last purchase and to the date.
    pub x: u32,
    pub t_x: f64,
    pub t: f64,
    /// Probability the customer is still active.
    pub p_alive: f64,
    /// Expected purchase days within the horizon.
    pub expected_purchases: f64,
    /// Expected spend per purchase day (yuan).
    pub expected_spend: f64,
    /// Discounted expected value within the horizon (revenue, or margin on a margin basis).
    pub clv: f64,
}

/// Every class of one customer, with the figures behind it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerClasses {
    pub id: Id,
    pub rfm: Option<Rfm>,
    pub importance: ImportanceFacts,
    pub loyalty: LoyaltyFacts,
    pub lifecycle: LifecycleFacts,
    pub prediction: Option<Prediction>,
    pub quadrant: Option<QuadrantFacts>,
    /// Lifetime revenue up to the date (yuan).
    pub revenue: f64,
    /// Value over the period up to the date (on the configured basis, yuan).
    pub period_value: f64,
}

/// The analysis of the whole base.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Analysis {
    /// The date the analysis describes (the calibration end).
    pub as_of: Option<NaiveDate>,
    /// One entry per customer, in the order given.
    pub customers: Vec<CustomerClasses>,
    pub rfm_cutoffs: RfmCutoffs,
    pub purchase_model: Option<BgNbdFit>,
    pub spend_model: Option<GammaGammaFit>,
    /// High-value threshold of the quadrant (yuan).
    pub value_cut: f64,
    by_id: IdMap<usize>,
}

impl Analysis {
    /// The classes of a customer.
    pub fn get(&self, id: Id) -> Option<&CustomerClasses> {
        self.by_id.get(&id).map(|&i| &self.customers[i])
    }

    /// The classes of the customers `ids`, in their order (none for an id the analysis does
    /// not have). Reads along the analysis while the ids follow its order — as the list's
    /// rows and a segment's customers do, all coming from the summaries in stored order —
    /// and looks an id up only where they jump: at 100,000 customers the lookups alone
    /// cost tens of milliseconds, a long task on every chart.
    pub fn classes_of<'a>(
        &'a self,
        ids: impl IntoIterator<Item = Id> + 'a,
    ) -> impl Iterator<Item = Option<&'a CustomerClasses>> + 'a {
        /// How far ahead the walk looks before a lookup (a segment skips a few customers).
        const AHEAD: usize = 4;
        let mut next = 0;
        ids.into_iter().map(move |id| {
            let end = (next + AHEAD).min(self.customers.len());
            let at = (next..end)
                .find(|&i| self.customers[i].id == id)
                .or_else(|| self.by_id.get(&id).copied())?;
            next = at + 1;
            Some(&self.customers[at])
        })
    }

    /// The fitted (or given) parameters of both models, as [`Models::Use`] takes them.
    pub fn model_params(&self) -> (Option<BgNbd>, Option<GammaGamma>) {
        (
            self.purchase_model.map(|f| f.params),
            self.spend_model.map(|f| f.params),
        )
    }

    /// Both models' parameters, when both were fitted (a start for the next fit).
    pub fn fitted_params(&self) -> Option<(BgNbd, GammaGamma)> {
        let (p, s) = self.model_params();
        p.zip(s)
    }

    /// An analysis from its parts (as the analysis thread sends them).
    pub fn assemble(
        as_of: Option<NaiveDate>,
        customers: Vec<CustomerClasses>,
        rfm_cutoffs: RfmCutoffs,
        purchase_model: Option<BgNbdFit>,
        spend_model: Option<GammaGammaFit>,
        value_cut: f64,
    ) -> Analysis {
        Analysis {
            as_of,
            by_id: index_by_id(&customers),
            customers,
            rfm_cutoffs,
            purchase_model,
            spend_model,
            value_cut,
        }
    }
}

/// How the models get their parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Models {
    /// Fit them (starting from earlier parameters when given).
    Fit(Option<(BgNbd, GammaGamma)>),
    /// Use these (e.g. to look back at an earlier date with today's models).
    Use(Option<BgNbd>, Option<GammaGamma>),
}

/// Analyses `customers` as of `as_of` (only purchases up to that day count).
pub fn analyse(
    customers: &[&CustomerSummary],
    as_of: NaiveDate,
    cfg: &AnalysisConfig,
    models: Models,
) -> Analysis {
    analyse_histories(customers, as_of, cfg, models)
}

/// Analyses the customers of `input` as of `as_of` (only purchases up to that day count).
pub fn analyse_histories<H: HistorySource + ?Sized>(
    input: &H,
    as_of: NaiveDate,
    cfg: &AnalysisConfig,
    models: Models,
) -> Analysis {
    let today = epoch_day(as_of);
    // Every customer's days up to the date in one buffer (no allocation per customer).
    let mut all_days: Vec<Day> = Vec::with_capacity(input.total_days());
    let mut ends: Vec<usize> = Vec::with_capacity(input.customers());
    for i in 0..input.customers() {
        let start = all_days.len();
        push_days(input.days_of(i), cfg, &mut all_days);
        let mut kept = start;
        for i in start..all_days.len() {
            if all_days[i].day <= today {
                all_days[kept] = all_days[i];
                kept += 1;
            }
        }
        all_days.truncate(kept);
        ends.push(kept);
    }
    let histories: Vec<&[Day]> = ends
        .iter()
        .scan(0, |start, &end| {
            let h = &all_days[*start..end];
            *start = end;
            Some(h)
        })
        .collect();
    let value_of = |d: &Day| match cfg.basis {
        ValueBasis::Revenue => d.revenue,
        ValueBasis::Margin => d.margin,
    };

    // RFM.
    let raw: Vec<Option<RfmRaw>> = histories
        .iter()
        .map(|h| {
            let last = h.last()?;
            Some(RfmRaw {
                recency_days: today - last.day,
                frequency: h.len() as u32,
                monetary: h.iter().map(|d| d.revenue).sum(),
            })
        })
        .collect();
    let (rfms, rfm_cutoffs) = rfm::score(&raw);

    // Importance over the period.
    let period_start = today - cfg.period_days as i32;
    let period_values: Vec<f64> = histories
        .iter()
        .map(|h| {
            h.iter()
                .filter(|d| d.day > period_start)
                .map(value_of)
                .sum()
        })
        .collect();
    let importance = importance::classify(&period_values, cfg.vip_share, cfg.important_share);

    // Models: (x, t_x, T) in weeks; spend of repeat purchase days.
    let rfx: Vec<Option<Rfx>> = histories
        .iter()
        .map(|h| {
            let first = h.first()?.day;
            let last = h.last()?.day;
            Some(Rfx {
                x: h.len() as u32 - 1,
                t_x: f64::from(last - first) / 7.0,
                t: f64::from(today - first) / 7.0,
            })
        })
        .collect();
    let spends: Vec<Option<Spend>> = histories
        .iter()
        .map(|h| {
            let repeat = h.get(1..).filter(|r| !r.is_empty())?;
            let mean = repeat.iter().map(|d| d.revenue).sum::<f64>() / repeat.len() as f64;
            Some(Spend {
                x: repeat.len() as u32,
                mean,
            })
        })
        .collect();
    let (purchase_model, spend_model) = match models {
        Models::Use(p, s) => (
            p.map(|params| BgNbdFit {
                params,
                ln_likelihood: f64::NAN,
                customers: 0,
                std_errors: None,
                evaluations: 0,
            }),
            s.map(|params| GammaGammaFit {
                params,
                ln_likelihood: f64::NAN,
                customers: 0,
                std_errors: None,
                evaluations: 0,
            }),
        ),
        Models::Fit(start) => {
            // Every buyer counts: the fits work on sufficient statistics (BG/NBD groups
            // customers sharing (x, t_x, T)) with analytic derivatives, so the full base costs
            // little more than a sample did.
            let buyers: Vec<Rfx> = rfx.iter().flatten().copied().collect();
            let p = bgnbd::fit(&buyers, start.map(|s| s.0));
            let spenders: Vec<Spend> = spends.iter().flatten().copied().collect();
            let s = gamma_gamma::fit(&spenders, start.map(|s| s.1));
            (p, s)
        }
    };

    // Share of revenue that counts as value (1 on a revenue basis, the margin ratio otherwise).
    let value_ratios: Vec<f64> = histories
        .iter()
        .map(|h| match cfg.basis {
            ValueBasis::Revenue => 1.0,
            ValueBasis::Margin => {
                let revenue: f64 = h.iter().map(|d| d.revenue).sum();
                if revenue > 0.0 {
                    h.iter().map(|d| d.margin).sum::<f64>() / revenue
                } else {
                    0.0
                }
            }
        })
        .collect();

    // Predictions and lifetime value. The horizon is walked in 13-week steps, each discounted
    // from its middle; the expected purchases at every step's end, and over the period ahead
    // (for the quadrant), come from one evaluation per customer.
    let horizon = f64::from(cfg.horizon_weeks);
    let weekly_discount = (1.0 + cfg.annual_discount).powf(1.0 / 52.0) - 1.0;
    let period_weeks = f64::from(cfg.period_days) / 7.0;
    let mut ends = Vec::new();
    let mut discounts = Vec::new();
    let mut t = 0.0;
    while t < horizon {
        let next = (t + 13.0).min(horizon);
        ends.push(next);
        discounts.push((1.0 + weekly_discount).powf((t + next) / 2.0));
        t = next;
    }
    let steps = ends.len();
    ends.push(period_weeks);
    let mut expected = vec![0.0; ends.len()];
    let (predictions, ahead): (Vec<Option<Prediction>>, Vec<Option<f64>>) = rfx
        .iter()
        .zip(&spends)
        .zip(&histories)
        .zip(&value_ratios)
        .map(|(((c, s), h), &value_ratio)| {
            let (Some(c), Some(model)) = (*c, purchase_model.as_ref().map(|m| m.params)) else {
                return (None, None);
            };
            let own_mean = h.iter().map(|d| d.revenue).sum::<f64>() / h.len().max(1) as f64;
            let usable = spend_model.map(|f| f.params).filter(spend_model_usable);
            let spend = match (usable, s) {
                (Some(g), Some(s)) => g.expected_spend(s),
                (Some(g), None) => g.population_mean(),
                _ => own_mean,
            };
            model.expected_purchases_at(&c, &ends, &mut expected);
            let mut clv = 0.0;
            let mut before = 0.0;
            for (&e, &discount) in expected[..steps].iter().zip(&discounts) {
                clv += (e - before) * spend * value_ratio / discount;
                before = e;
            }
            let prediction = Prediction {
                x: c.x,
                t_x: c.t_x,
                t: c.t,
                p_alive: model.p_alive(&c),
                expected_purchases: before,
                expected_spend: spend,
                clv,
            };
            // Quadrant: predicted value over as long ahead as the period looked back.
            let ahead = expected[steps] * spend * value_ratio;
            (Some(prediction), Some(ahead))
        })
        .unzip();

    // Quadrant: current value over the period against predicted value over as long ahead.
    let mut buyer_values: Vec<f64> = period_values
        .iter()
        .zip(&histories)
        .filter(|(_, h)| !h.is_empty())
        .map(|(v, _)| *v)
        .collect();
    buyer_values.sort_by(f64::total_cmp);
    let value_cut = if buyer_values.is_empty() {
        0.0
    } else {
        let n = buyer_values.len();
        buyer_values[((cfg.high_value_quantile * n as f64).ceil() as usize).clamp(1, n) - 1]
    };

    let mut days: Vec<i32> = Vec::new();
    let customers: Vec<CustomerClasses> = (0..input.customers())
        .map(|i| {
            days.clear();
            days.extend(histories[i].iter().map(|d| d.day));
            CustomerClasses {
                id: input.id_of(i),
                rfm: rfms[i],
                importance: importance[i],
                loyalty: stages::loyalty(&days, today, &cfg.loyalty),
                lifecycle: stages::lifecycle(&days, today, &cfg.lifecycle),
                prediction: predictions[i],
                quadrant: ahead[i].map(|a| {
                    quadrant::classify(period_values[i], a, value_cut, cfg.growth_threshold)
                }),
                revenue: histories[i].iter().map(|d| d.revenue).sum(),
                period_value: period_values[i],
            }
        })
        .collect();
    let by_id = index_by_id(&customers);
    Analysis {
        as_of: Some(as_of),
        by_id,
        customers,
        rfm_cutoffs,
        purchase_model,
        spend_model,
        value_cut,
    }
}

/// Position of each customer's classes, by id.
fn index_by_id(customers: &[CustomerClasses]) -> IdMap<usize> {
    customers
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id, i))
        .collect()
}

/// Whether the fitted spend model can be used for predictions. With q ≤ 2 the spread of
/// customers' average spend has no finite variance (and near q = 1 no meaningful mean): the
/// population mean it shrinks towards is then dominated by a few huge spenders, so each
/// customer's own average is used instead.
pub fn spend_model_usable(g: &GammaGamma) -> bool {
    g.q > 2.0 && g.p > 0.0 && g.gamma > 0.0
}

/// Customers [`warm_up`] analyses.
const WARM_UP_CUSTOMERS: usize = 300;

/// Runs the whole analysis, both model fits included, over a few hundred generated customers
/// and returns the analysis (which the caller drops). On a first visit the browser runs the
/// freshly downloaded module with its quick first-tier code and optimises a function only
/// once it has run a while; running the analysis's hot loops on a small workspace while the
/// real one is still being read from disk gets them optimised before the real analysis.
pub fn warm_up(today: NaiveDate) -> Analysis {
    use crate::domain::sample::{Generator, SampleConfig, team};
    let config = SampleConfig {
        seed: 7,
        customers: WARM_UP_CUSTOMERS,
        today,
        id_epoch_ms: 0,
        lang: crate::domain::lang::Lang::Zh,
    };
    let rows: Vec<CustomerSummary> = Generator::new(config, team(7))
        .map(|s| s.summary())
        .collect();
    let refs: Vec<&CustomerSummary> = rows.iter().collect();
    analyse(&refs, today, &AnalysisConfig::default(), Models::Fit(None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_warm_up_runs_every_part_of_the_analysis() {
        let a = warm_up(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        assert_eq!(a.customers.len(), WARM_UP_CUSTOMERS);
        // Both fits ran (they are the hot loops worth warming up).
        assert!(a.purchase_model.is_some());
        assert!(a.spend_model.is_some());
        assert!(a.customers.iter().any(|c| c.prediction.is_some()));
    }

    #[test]
    fn classes_of_ids_in_any_order_are_those_get_finds() {
        let a = warm_up(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let ids: Vec<Id> = a.customers.iter().map(|c| c.id).collect();
        let unknown = Id::from_parts(1, [9; 10]);
        let orders: Vec<Vec<Id>> = vec![
            ids.clone(),
            ids.iter().rev().copied().collect(),
            // Every third, with gaps larger than the walk looks ahead.
            ids.iter().step_by(3).copied().collect(),
            ids.iter().step_by(7).copied().collect(),
            // Repeated, unknown, and jumping back.
            vec![
                ids[5], ids[5], unknown, ids[0], ids[1], ids[40], unknown, ids[2],
            ],
            vec![],
        ];
        for order in orders {
            let walked: Vec<Option<Id>> = a
                .classes_of(order.iter().copied())
                .map(|c| c.map(|c| c.id))
                .collect();
            let looked_up: Vec<Option<Id>> =
                order.iter().map(|&id| a.get(id).map(|c| c.id)).collect();
            assert_eq!(walked, looked_up);
            assert!(
                order
                    .iter()
                    .zip(&walked)
                    .all(|(id, w)| *id == unknown || *w == Some(*id))
            );
        }
    }
    use crate::domain::analysis::importance::Importance;
    use crate::domain::analysis::rfm::RfmSegment;
    use crate::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
    use crate::domain::money::Currency;
    use crate::domain::sample::{Generator, SampleConfig, team};
    use crate::domain::summary::{PurchaseDay, tests::summary};
    use crate::domain::time::from_epoch_day;

    fn day(n: i32) -> i32 {
        20_000 - n
    }

    fn customer(n: u64, days: &[(i32, Currency, i64)]) -> CustomerSummary {
        let mut s = summary(Id::from_parts(1_700_000_000_000 + n, [0; 10]));
        s.activity.history = days
            .iter()
            .map(|&(d, currency, amount)| PurchaseDay {
                day: d,
                currency,
                amount,
                margin: Some(amount / 4),
            })
            .collect();
        s
    }

    #[test]
    fn currencies_are_converted_and_later_purchases_ignored() {
        let cfg = AnalysisConfig {
            rates: vec![(Currency::Usd, 7.0), (Currency::Jpy, 0.05)],
            ..AnalysisConfig::default()
        };
        let c = customer(
            1,
            &[
                (day(10), Currency::Usd, 10_000),
                (day(10), Currency::Cny, 50_00),
                (day(5), Currency::Jpy, 2_000),
                (day(-3), Currency::Cny, 99_900),
            ],
        );
        let days = days_of(&c, &cfg);
        // $100 × 7 + ¥50 on one day; ¥2,000 × 0.05 on another; the future day is still listed.
        assert_eq!(days.len(), 3);
        assert!((days[0].revenue - 750.0).abs() < 1e-9);
        assert!((days[1].revenue - 100.0).abs() < 1e-9);
        let a = analyse(&[&c], from_epoch_day(20_000), &cfg, Models::Fit(None));
        let classes = &a.customers[0];
        assert!(
            (classes.revenue - 850.0).abs() < 1e-9,
            "the purchase after the date is left out"
        );
        let rfm = classes.rfm.unwrap();
        assert_eq!((rfm.recency_days, rfm.frequency), (5, 2));
        assert_eq!(
            classes.importance.class,
            Importance::Vip,
            "the only customer holds all value"
        );
    }

    #[test]
    fn a_small_base_by_hand() {
        let cfg = AnalysisConfig::default();
        let c = |n, days: &[i32], amount| {
            customer(
                n,
                &days
                    .iter()
                    .map(|&d| (day(d), Currency::Cny, amount))
                    .collect::<Vec<_>>(),
            )
        };
        let base = [
            c(1, &[1100, 700, 300, 200, 100, 2], 100_000), // long, frequent, recent
            c(2, &[], 0),                                  // prospect
            c(3, &[800], 50_000),                          // one purchase, long ago
            c(4, &[60, 20], 20_000),                       // new and active
        ];
        let refs: Vec<&CustomerSummary> = base.iter().collect();
        let a = analyse(&refs, from_epoch_day(20_000), &cfg, Models::Fit(None));
        let k = |i: usize| &a.customers[i];
        assert_eq!(k(0).loyalty.stage, LoyaltyStage::Loyal);
        assert_eq!(k(1).loyalty.stage, LoyaltyStage::Prospect);
        assert_eq!(k(2).loyalty.stage, LoyaltyStage::New);
        assert_eq!(k(3).loyalty.stage, LoyaltyStage::New);
        assert_eq!(
            k(0).lifecycle.stage,
            LifecycleStage::Stability,
            "2 and 2 purchase days"
        );
        assert_eq!(k(2).lifecycle.stage, LifecycleStage::Exploration);
        assert_eq!(k(3).lifecycle.stage, LifecycleStage::Formation);
        // Period value (last 365 days): 4 × ¥1,000 = ¥4,000 and 2 × ¥200 = ¥400.
        assert!((k(0).period_value - 4_000.0).abs() < 1e-9);
        assert!((k(3).period_value - 400.0).abs() < 1e-9);
        assert_eq!(k(0).importance.class, Importance::Vip);
        assert_eq!(
            k(3).importance.class,
            Importance::Important,
            "before it 90.9 %"
        );
        assert_eq!(
            k(2).importance.class,
            Importance::Ordinary,
            "nothing this year"
        );
        assert!(k(1).rfm.is_none() && k(1).prediction.is_none() && k(1).quadrant.is_none());
        assert_eq!(k(2).rfm.unwrap().segment, RfmSegment::Lost);
    }

    #[test]
    fn the_sample_base_gets_sensible_classes() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let config = SampleConfig {
            seed: 9,
            customers: 3_000,
            today,
            id_epoch_ms: 1_795_420_800_000,
            lang: crate::domain::lang::Lang::Zh,
        };
        let rows: Vec<CustomerSummary> = Generator::new(config, team(9))
            .map(|s| s.summary())
            .collect();
        let refs: Vec<&CustomerSummary> = rows.iter().collect();
        let a = analyse(&refs, today, &AnalysisConfig::default(), Models::Fit(None));
        let fit = a.purchase_model.expect("the model fits").params;
        assert!(fit.r > 0.0 && fit.alpha > 0.0 && fit.a > 0.0 && fit.b > 0.0);
        assert!(a.spend_model.is_some());
        let p_alive = |min: i32, max: i32| {
            let v: Vec<f64> = a
                .customers
                .iter()
                .filter_map(|c| Some((c.rfm?.recency_days, c.prediction?)))
                .filter(|(r, p)| (min..max).contains(r) && p.x >= 3)
                .map(|(_, p)| p.p_alive)
                .collect();
            v.iter().sum::<f64>() / v.len() as f64
        };
        let recent = p_alive(0, 30);
        let lapsed = p_alive(540, 5_000);
        assert!(
            recent > 0.8 && lapsed < 0.5,
            "recent {recent}, lapsed {lapsed}"
        );
        for c in &a.customers {
            if let Some(p) = c.prediction {
                assert!((0.0..=1.0).contains(&p.p_alive));
                assert!(p.expected_purchases >= 0.0 && p.clv >= 0.0 && p.expected_spend > 0.0);
            }
        }
        // Importance: VIPs are a minority holding 80 % of the value.
        let vip = a
            .customers
            .iter()
            .filter(|c| c.importance.class == Importance::Vip)
            .count();
        assert!(vip > 0 && vip < a.customers.len() / 2, "{vip}");
    }
}
