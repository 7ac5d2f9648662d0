//! The BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy
//! way"): while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after
//! each purchase the customer drops out with probability p ~ Beta(a, b).
//!
//! Inputs per customer are x (repeat purchases: distinct purchase days after the first), t_x
//! (time of the last purchase) and T (age), both in weeks since the first purchase. Parameters
//! are fitted by maximum likelihood with Nelder–Mead on their logarithms.

use super::math::{hyp2f1, hyp2f1_at, ln_beta, ln_gamma, log_sum_exp, nelder_mead};
use serde::{Deserialize, Serialize};

/// One customer's summary for the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rfx {
    /// Repeat purchases.
    pub x: u32,
    /// Weeks from the first to the last purchase.
    pub t_x: f64,
    /// Weeks from the first purchase to the end of the calibration period.
    pub t: f64,
}

/// Fitted (or given) BG/NBD parameters.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbd {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

impl BgNbd {
    /// The log-likelihood of the data (equation 6 of the paper, in logs).
    pub fn ln_likelihood(&self, data: &[Rfx]) -> f64 {
        data.iter().map(|c| self.ln_likelihood_one(c)).sum()
    }

    fn ln_likelihood_one(&self, c: &Rfx) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(c.x);
        let common =
            ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_beta(a, b + x) - ln_beta(a, b);
        let alive = -(r + x) * (alpha + c.t).ln();
        if c.x == 0 {
            return common + alive;
        }
        let dropped = (a / (b + x - 1.0)).ln() - (r + x) * (alpha + c.t_x).ln();
        common + log_sum_exp(alive, dropped)
    }

    /// The probability that the customer is still alive (equation 13).
    pub fn p_alive(&self, c: &Rfx) -> f64 {
        if c.x == 0 {
            return 1.0;
        }
        let x = f64::from(c.x);
        let ratio = ((self.alpha + c.t) / (self.alpha + c.t_x)).ln() * (self.r + x);
        1.0 / (1.0 + (self.a / (self.b + x - 1.0)) * ratio.exp())
    }

    /// Expected purchases in the next `weeks` for a customer with this history (equation 10).
    pub fn expected_purchases(&self, c: &Rfx, weeks: f64) -> f64 {
        if weeks <= 0.0 {
            return 0.0;
        }
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(c.x);
        let z = weeks / (alpha + c.t + weeks);
        let head = (a + b + x - 1.0) / (a - 1.0);
        let decay = ((alpha + c.t) / (alpha + c.t + weeks)).powf(r + x);
        let body = 1.0 - decay * hyp2f1(r + x, b + x, a + b + x - 1.0, z);
        let denominator = if c.x > 0 {
            1.0 + (a / (b + x - 1.0)) * ((alpha + c.t) / (alpha + c.t_x)).powf(r + x)
        } else {
            1.0
        };
        (head * body / denominator).max(0.0)
    }

    /// [`BgNbd::expected_purchases`] over each of `weeks` at once, into `out` (same length).
    /// The terms that do not depend on the horizon are worked out once, and the series is
    /// taken through Euler's transformation, which converges without the hump the direct one
    /// has for frequent buyers: with z = t/(α+T+t),
    /// (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(c−r−x, a−1; c; z), c = a+b+x−1.
    /// The series of every horizon share their coefficients.
    pub fn expected_purchases_at(&self, c: &Rfx, weeks: &[f64], out: &mut [f64]) {
        debug_assert_eq!(weeks.len(), out.len());
        let BgNbd { r, alpha, a, b } = *self;
        let x = f64::from(c.x);
        let head = (a + b + x - 1.0) / (a - 1.0);
        let denominator = if c.x > 0 {
            1.0 + (a / (b + x - 1.0)) * ((alpha + c.t) / (alpha + c.t_x)).powf(r + x)
        } else {
            1.0
        };
        let top = a + b + x - 1.0;
        let mut zs = [0.0; 16];
        let mut series = [0.0; 16];
        for (weeks, out) in weeks.chunks(16).zip(out.chunks_mut(16)) {
            let n = weeks.len();
            for (z, &w) in zs.iter_mut().zip(weeks) {
                // A horizon of no weeks gets z = 0 (its result is 0 below).
                *z = if w > 0.0 { w / (alpha + c.t + w) } else { 0.0 };
            }
            hyp2f1_at(top - r - x, a - 1.0, top, &zs[..n], &mut series[..n]);
            for ((o, &z), &f) in out.iter_mut().zip(&zs[..n]).zip(&series) {
                *o = if z <= 0.0 {
                    0.0
                } else {
                    (head * (1.0 - (1.0 - z).powf(a - 1.0) * f) / denominator).max(0.0)
                };
            }
        }
    }

    /// Expected purchases in `weeks` by a customer just acquired (equation 9).
    pub fn expected_purchases_new(&self, weeks: f64) -> f64 {
        let BgNbd { r, alpha, a, b } = *self;
        let z = weeks / (alpha + weeks);
        (a + b - 1.0) / (a - 1.0)
            * (1.0 - (alpha / (alpha + weeks)).powf(r) * hyp2f1(r, b, a + b - 1.0, z))
    }
}

/// The result of a fit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BgNbdFit {
    pub params: BgNbd,
    /// Log-likelihood at the fitted parameters.
    pub ln_likelihood: f64,
    /// Customers the fit used.
    pub customers: usize,
}

/// Fits the model by maximum likelihood. The likelihood is grouped by x so the log-gamma terms
/// are computed once per distinct x per step. `start` (a previous fit) speeds up refits.
pub fn fit(data: &[Rfx], start: Option<BgNbd>) -> Option<BgNbdFit> {
    if data.len() < 3 || data.iter().all(|c| c.x == 0) {
        return None;
    }
    let mut xs: Vec<u32> = data.iter().map(|c| c.x).collect();
    xs.sort_unstable();
    xs.dedup();
    let index_of = |x: u32| xs.binary_search(&x).unwrap_or(0);
    let groups: Vec<usize> = data.iter().map(|c| index_of(c.x)).collect();
    let neg_ll = |p: &[f64]| -> f64 {
        let (r, alpha, a, b) = (p[0].exp(), p[1].exp(), p[2].exp(), p[3].exp());
        let per_x: Vec<(f64, f64)> = xs
            .iter()
            .map(|&x| {
                let x = f64::from(x);
                let common = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + ln_beta(a, b + x)
                    - ln_beta(a, b);
                let drop = if x > 0.0 {
                    (a / (b + x - 1.0)).ln()
                } else {
                    f64::NEG_INFINITY
                };
                (common, drop)
            })
            .collect();
        let mut total = 0.0;
        for (c, &g) in data.iter().zip(&groups) {
            let (common, drop) = per_x[g];
            let rx = r + f64::from(c.x);
            let alive = -rx * (alpha + c.t).ln();
            total += if c.x == 0 {
                common + alive
            } else {
                common + log_sum_exp(alive, drop - rx * (alpha + c.t_x).ln())
            };
        }
        -total
    };
    // From a previous fit the optimum is near: a small first simplex finds it in fewer steps.
    let step = if start.is_some() { 0.05 } else { 0.5 };
    let start = start.unwrap_or(BgNbd {
        r: 1.0,
        alpha: 1.0,
        a: 1.0,
        b: 1.0,
    });
    let x0 = [start.r.ln(), start.alpha.ln(), start.a.ln(), start.b.ln()];
    let m = nelder_mead(neg_ll, &x0, step, 1e-10, 4_000);
    if !m.value.is_finite() {
        return None;
    }
    let params = BgNbd {
        r: m.x[0].exp(),
        alpha: m.x[1].exp(),
        a: m.x[2].exp(),
        b: m.x[3].exp(),
    };
    Some(BgNbdFit {
        params,
        ln_likelihood: -m.value,
        customers: data.len(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::sample::Rng;

    #[test]
    fn expected_purchases_at_several_horizons_equal_the_direct_formula() {
        let models = [
            BgNbd {
                r: 0.243,
                alpha: 4.414,
                a: 0.793,
                b: 2.426,
            },
            BgNbd {
                r: 2.24,
                alpha: 18.7,
                a: 0.70,
                b: 12.05,
            },
            BgNbd {
                r: 0.8,
                alpha: 3.0,
                a: 1.4,
                b: 3.5,
            },
        ];
        let weeks: Vec<f64> = (0..40).map(|i| f64::from(i) * 6.5 - 6.5).collect();
        let mut checked = 0;
        for m in models {
            for x in [0, 1, 2, 7, 26, 60] {
                for (t_x, t) in [(0.0, 0.5), (30.43, 38.86), (35.0, 300.0), (2.0, 150.0)] {
                    let c = Rfx {
                        x,
                        t_x: if x == 0 { 0.0 } else { t_x },
                        t,
                    };
                    let mut out = vec![f64::NAN; weeks.len()];
                    m.expected_purchases_at(&c, &weeks, &mut out);
                    for (w, v) in weeks.iter().zip(&out) {
                        let direct = m.expected_purchases(&c, *w);
                        assert!(
                            (v - direct).abs() <= 1e-9 * direct.max(1.0),
                            "{m:?} {c:?} {w}: {v} against {direct}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 3 * 6 * 4 * 40);
        // The paper's worked example (section 5), through the transformed series.
        let mut e = [0.0];
        models[0].expected_purchases_at(
            &Rfx {
                x: 2,
                t_x: 30.43,
                t: 38.86,
            },
            &[39.0],
            &mut e,
        );
        assert!((e[0] - 1.226).abs() < 0.002, "{}", e[0]);
    }

    /// Gamma(shape, rate) by Marsaglia & Tsang (with the boost for shape < 1).
    pub(crate) fn gamma(rng: &mut Rng, shape: f64, rate: f64) -> f64 {
        if shape < 1.0 {
            let u = rng.unit().max(f64::MIN_POSITIVE);
            return gamma(rng, shape + 1.0, rate) * u.powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            // Standard normal by Box–Muller.
            let (u1, u2) = (rng.unit().max(f64::MIN_POSITIVE), rng.unit());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            let v = (1.0 + c * z).powi(3);
            if v > 0.0
                && rng.unit().max(f64::MIN_POSITIVE).ln() < 0.5 * z * z + d - d * v + d * v.ln()
            {
                return d * v / rate;
            }
        }
    }

    /// Simulates the BG/NBD story for customers observed for `weeks`.
    fn simulate(params: BgNbd, customers: usize, weeks: f64, seed: u64) -> Vec<Rfx> {
        let mut rng = Rng::new(seed);
        (0..customers)
            .map(|_| {
                let lambda = gamma(&mut rng, params.r, params.alpha);
                let ga = gamma(&mut rng, params.a, 1.0);
                let gb = gamma(&mut rng, params.b, 1.0);
                let p = ga / (ga + gb);
                let (mut t, mut x, mut t_x) = (0.0, 0u32, 0.0);
                loop {
                    t += -rng.unit().max(f64::MIN_POSITIVE).ln() / lambda;
                    if t > weeks {
                        break;
                    }
                    x += 1;
                    t_x = t;
                    if rng.chance(p) {
                        break;
                    }
                }
                Rfx { x, t_x, t: weeks }
            })
            .collect()
    }

    #[test]
    fn log_likelihood_of_a_tiny_data_set_by_hand() {
        // r = α = a = b = 1. Customer 1: x = 0, T = 1: L = B(1,1)/B(1,1) · Γ(1)·1/(Γ(1)·2) = 1/2.
        // Customer 2: x = 1, t_x = 1, T = 2: L = B(1,2)/B(1,1) · 1/3² + B(2,1)/B(1,1) · 1/2²
        //   = 1/18 + 1/8 = 13/72. Together: ln(1/2 · 13/72) = ln(13/144).
        let m = BgNbd {
            r: 1.0,
            alpha: 1.0,
            a: 1.0,
            b: 1.0,
        };
        let data = [
            Rfx {
                x: 0,
                t_x: 0.0,
                t: 1.0,
            },
            Rfx {
                x: 1,
                t_x: 1.0,
                t: 2.0,
            },
        ];
        assert!((m.ln_likelihood(&data) - (13.0f64 / 144.0).ln()).abs() < 1e-12);
    }

    #[test]
    fn the_papers_cdnow_example() {
        // Fader, Hardie & Lee (2005), CDNOW parameters; a customer with x = 2, t_x = 30.43,
        // T = 38.86 is expected to make 1.226 purchases in the next 39 weeks (section 5).
        let m = BgNbd {
            r: 0.243,
            alpha: 4.414,
            a: 0.793,
            b: 2.426,
        };
        let c = Rfx {
            x: 2,
            t_x: 30.43,
            t: 38.86,
        };
        let e = m.expected_purchases(&c, 39.0);
        assert!((e - 1.226).abs() < 0.002, "{e}");
    }

    #[test]
    fn closed_form_identities() {
        let m = BgNbd {
            r: 0.8,
            alpha: 3.0,
            a: 1.4,
            b: 3.5,
        };
        // A customer with no repeat purchase is certainly alive.
        assert_eq!(
            m.p_alive(&Rfx {
                x: 0,
                t_x: 0.0,
                t: 20.0
            }),
            1.0
        );
        // Someone who bought at the very end of the period is more likely alive than someone
        // with the same count who went quiet long ago.
        let recent = m.p_alive(&Rfx {
            x: 4,
            t_x: 39.0,
            t: 40.0,
        });
        let quiet = m.p_alive(&Rfx {
            x: 4,
            t_x: 5.0,
            t: 40.0,
        });
        assert!(recent > quiet && (0.0..=1.0).contains(&quiet));
        // A customer with x = 0 observed for no time at all is a new customer (eq. 10 → eq. 9).
        let fresh = m.expected_purchases(
            &Rfx {
                x: 0,
                t_x: 0.0,
                t: 0.0,
            },
            26.0,
        );
        assert!((fresh - m.expected_purchases_new(26.0)).abs() < 1e-9);
        // Expectations grow with the horizon and vanish at zero.
        assert_eq!(
            m.expected_purchases(
                &Rfx {
                    x: 3,
                    t_x: 10.0,
                    t: 20.0
                },
                0.0
            ),
            0.0
        );
        let c = Rfx {
            x: 3,
            t_x: 18.0,
            t: 20.0,
        };
        assert!(m.expected_purchases(&c, 10.0) < m.expected_purchases(&c, 20.0));
        // Equation 9 by direct integration for r=1, α=1 (exponential rate), a and b: the
        // expected count for a new customer equals E over p of ... checked numerically against
        // the series identity 2F1 at z → small t: E[X(t)] ≈ r t / α for small t.
        let small = m.expected_purchases_new(1e-4);
        assert!((small - m.r * 1e-4 / m.alpha).abs() < 1e-7, "{small}");
    }

    #[test]
    fn recovers_known_parameters_from_simulated_data() {
        let truth = BgNbd {
            r: 0.6,
            alpha: 4.0,
            a: 0.9,
            b: 2.5,
        };
        let data = simulate(truth, 8_000, 52.0, 7);
        let fit = fit(&data, None).expect("a fit");
        let p = fit.params;
        let close = |got: f64, want: f64, tol: f64| (got / want - 1.0).abs() < tol;
        assert!(close(p.r, truth.r, 0.15), "{p:?}");
        assert!(close(p.alpha, truth.alpha, 0.2), "{p:?}");
        assert!(close(p.a, truth.a, 0.35), "{p:?}");
        assert!(close(p.b, truth.b, 0.45), "{p:?}");
        // The fitted likelihood is at least as good as the truth's.
        assert!(fit.ln_likelihood >= truth.ln_likelihood(&data) - 1e-6);
        // The grouped likelihood used for fitting equals the plain one.
        assert!(
            (fit.ln_likelihood - p.ln_likelihood(&data)).abs() < 1e-6 * fit.ln_likelihood.abs()
        );
    }

    #[test]
    fn no_fit_without_repeat_purchases() {
        let data = vec![
            Rfx {
                x: 0,
                t_x: 0.0,
                t: 10.0
            };
            10
        ];
        assert!(fit(&data, None).is_none());
    }
}
