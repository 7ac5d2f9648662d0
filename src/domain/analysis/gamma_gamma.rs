//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
//! iso-value curves"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): a
//! customer's purchases are Gamma(p, ν) in value, with ν ~ Gamma(q, γ) across customers. Fitted
//! on customers with repeat purchases (x ≥ 1) and the mean value m of those purchases.

use super::math::{Local, SCOUT, digamma, ln_gamma, maximise_positive, spread, trigamma};
use serde::{Deserialize, Serialize};

/// A customer's repeat purchases and their mean value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spend {
    pub x: u32,
    pub mean: f64,
}

/// The model's parameters.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGamma {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

impl GammaGamma {
    /// Log-likelihood of the data.
    pub fn ln_likelihood(&self, data: &[Spend]) -> f64 {
        let GammaGamma { p, q, gamma } = *self;
        data.iter()
            .map(|s| {
                let x = f64::from(s.x);
                ln_gamma(p * x + q) - ln_gamma(p * x) - ln_gamma(q)
                    + q * gamma.ln()
                    + (p * x - 1.0) * s.mean.ln()
                    + p * x * x.ln()
                    - (p * x + q) * (gamma + s.mean * x).ln()
            })
            .sum()
    }

    /// The population's mean spend per purchase, pγ/(q−1).
    pub fn population_mean(&self) -> f64 {
        self.p * self.gamma / (self.q - 1.0)
    }

    /// Expected spend per purchase of a customer: a weighted average of the population mean
    /// and the customer's own mean, the more weight on the latter the more purchases there are.
    pub fn expected_spend(&self, s: &Spend) -> f64 {
        let x = f64::from(s.x);
        self.p * (self.gamma + s.mean * x) / (self.p * x + self.q - 1.0)
    }
}

/// The result of a fit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaFit {
    pub params: GammaGamma,
    /// Log-likelihood at the fitted parameters.
    pub ln_likelihood: f64,
    /// Customers the fit used (those with repeat purchases).
    pub customers: usize,
    /// Each parameter's standard error (from the observed information), when available.
    pub std_errors: Option<GammaGamma>,
    /// Times the likelihood was evaluated (with its derivatives), the subsample's included.
    #[serde(default)]
    pub evaluations: usize,
}

/// The log-likelihood with its gradient and Hessian in (p, q, γ). Per customer with x repeat
/// purchases of mean m:
/// ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ+mx).
/// The digamma and trigamma terms depend on x only and are worked out once per distinct x.
fn ln_likelihood_local(data: &[Spend], xs: &[u32], group: &[usize], v: &[f64; 3]) -> Local<3> {
    let [p, q, gamma] = *v;
    struct PerX {
        ln_gammas: f64,
        psi_sum: f64,
        psi_px: f64,
        tri_sum: f64,
        tri_px: f64,
    }
    let per_x: Vec<PerX> = xs
        .iter()
        .map(|&x| {
            let px = p * f64::from(x);
            PerX {
                ln_gammas: ln_gamma(px + q) - ln_gamma(px),
                psi_sum: digamma(px + q),
                psi_px: digamma(px),
                tri_sum: trigamma(px + q),
                tri_px: trigamma(px),
            }
        })
        .collect();
    let (ln_gamma_q, psi_q, tri_q) = (ln_gamma(q), digamma(q), trigamma(q));
    let ln_g = gamma.ln();
    let mut out = Local::zero();
    for (s, &g) in data.iter().zip(group) {
        let k = &per_x[g];
        let x = f64::from(s.x);
        let (ln_m, ln_x) = (s.mean.ln(), x.ln());
        let px = p * x;
        let denominator = gamma + s.mean * x;
        let ln_d = denominator.ln();
        let inv_d = 1.0 / denominator;
        let value =
            k.ln_gammas - ln_gamma_q + q * ln_g + (px - 1.0) * ln_m + px * ln_x - (px + q) * ln_d;
        let gradient = [
            x * (k.psi_sum - k.psi_px + ln_m + ln_x - ln_d),
            k.psi_sum - psi_q + ln_g - ln_d,
            q / gamma - (px + q) * inv_d,
        ];
        let pq = x * k.tri_sum;
        let pg = -x * inv_d;
        let qg = 1.0 / gamma - inv_d;
        let hessian = [
            [x * x * (k.tri_sum - k.tri_px), pq, pg],
            [pq, k.tri_sum - tri_q, qg],
            [pg, qg, -q / (gamma * gamma) + (px + q) * inv_d * inv_d],
        ];
        out.add(1.0, value, &gradient, &hessian);
    }
    out
}

/// Fits the model (customers with x ≥ 1 and a positive mean only) by Newton's method with the
/// analytic gradient and Hessian; `start` may save steps, the maximum is the same from any.
pub fn fit(data: &[Spend], start: Option<GammaGamma>) -> Option<GammaGammaFit> {
    let data: Vec<Spend> = data
        .iter()
        .copied()
        .filter(|s| s.x >= 1 && s.mean > 0.0 && s.mean.is_finite())
        .collect();
    if data.len() < 3 {
        return None;
    }
    let mut xs: Vec<u32> = data.iter().map(|s| s.x).collect();
    xs.sort_unstable();
    xs.dedup();
    let group: Vec<usize> = data
        .iter()
        .map(|s| xs.binary_search(&s.x).unwrap_or(0))
        .collect();
    let (start, scouting) = match start {
        Some(s) => (s, 0),
        // A large base: the neighbourhood from a subsample first.
        None if data.len() > 2 * SCOUT => {
            let scout = fit(&spread(&data, SCOUT), None)?;
            (scout.params, scout.evaluations)
        }
        None => {
            // From the data's scale: the mean spend sets γ.
            let mean = data.iter().map(|s| s.mean).sum::<f64>() / data.len() as f64;
            let start = GammaGamma {
                p: 2.0,
                q: 3.0,
                gamma: mean.max(1e-6),
            };
            (start, 0)
        }
    };
    let m = maximise_positive(
        |v| ln_likelihood_local(&data, &xs, &group, v),
        [start.p, start.q, start.gamma],
    )?;
    let of = |v: [f64; 3]| GammaGamma {
        p: v[0],
        q: v[1],
        gamma: v[2],
    };
    m.value.is_finite().then(|| GammaGammaFit {
        params: of(m.x),
        ln_likelihood: m.value,
        customers: data.len(),
        std_errors: m.std_errors.map(of),
        evaluations: scouting + m.evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::bgnbd::tests::gamma;
    use crate::domain::sample::Rng;

    #[test]
    fn log_likelihood_by_hand() {
        // p = 1, q = 2, γ = 1, one customer with x = 1, m = 1:
        // ln Γ(3) − ln Γ(1) − ln Γ(2) + 2·ln 1 + 0·ln 1 + 1·ln 1 − 3·ln 2 = ln 2 − 3 ln 2 = ln ¼.
        let m = GammaGamma {
            p: 1.0,
            q: 2.0,
            gamma: 1.0,
        };
        let ll = m.ln_likelihood(&[Spend { x: 1, mean: 1.0 }]);
        assert!((ll - 0.25f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn expected_spend_is_a_weighted_average() {
        // Fader & Hardie's CDNOW fit: p = 6.25, q = 3.74, γ = 15.44; population mean 35.22.
        let m = GammaGamma {
            p: 6.25,
            q: 3.74,
            gamma: 15.44,
        };
        assert!((m.population_mean() - 35.218).abs() < 0.01);
        let s = Spend { x: 4, mean: 60.0 };
        let w = m.p * 4.0 / (m.p * 4.0 + m.q - 1.0);
        let expected = (1.0 - w) * m.population_mean() + w * 60.0;
        assert!((m.expected_spend(&s) - expected).abs() < 1e-9);
        // More purchases pull the estimate towards the customer's own mean.
        let few = m.expected_spend(&Spend { x: 1, mean: 60.0 });
        assert!(few < m.expected_spend(&s) && m.expected_spend(&s) < 60.0);
    }

    fn simulated(truth: GammaGamma, customers: usize, seed: u64) -> Vec<Spend> {
        let mut rng = Rng::new(seed);
        (0..customers)
            .map(|i| {
                let nu = gamma(&mut rng, truth.q, truth.gamma);
                let x = 1 + (i % 6) as u32;
                let total: f64 = (0..x).map(|_| gamma(&mut rng, truth.p, nu)).sum();
                Spend {
                    x,
                    mean: total / f64::from(x),
                }
            })
            .collect()
    }

    #[test]
    fn the_analytic_derivatives_match_finite_differences() {
        let data = simulated(
            GammaGamma {
                p: 6.0,
                q: 4.0,
                gamma: 15.0,
            },
            200,
            5,
        );
        let mut xs: Vec<u32> = data.iter().map(|s| s.x).collect();
        xs.sort_unstable();
        xs.dedup();
        let group: Vec<usize> = data
            .iter()
            .map(|s| xs.binary_search(&s.x).unwrap())
            .collect();
        let at = [4.0, 3.0, 20.0];
        let here = ln_likelihood_local(&data, &xs, &group, &at);
        let m = GammaGamma {
            p: at[0],
            q: at[1],
            gamma: at[2],
        };
        assert!((here.value - m.ln_likelihood(&data)).abs() < 1e-8 * here.value.abs());
        for i in 0..3 {
            let h = 1e-6 * at[i];
            let (mut up, mut down) = (at, at);
            up[i] += h;
            down[i] -= h;
            let u = ln_likelihood_local(&data, &xs, &group, &up);
            let d = ln_likelihood_local(&data, &xs, &group, &down);
            let slope = (u.value - d.value) / (2.0 * h);
            assert!(
                (here.gradient[i] - slope).abs() < 1e-5 * slope.abs().max(1.0),
                "{i}"
            );
            for j in 0..3 {
                let curve = (u.gradient[j] - d.gradient[j]) / (2.0 * h);
                assert!(
                    (here.hessian[i][j] - curve).abs() < 1e-4 * curve.abs().max(1.0),
                    "{i},{j}: {} against {curve}",
                    here.hessian[i][j]
                );
            }
        }
    }

    #[test]
    fn recovers_known_parameters_within_their_standard_errors() {
        let truth = GammaGamma {
            p: 6.0,
            q: 4.0,
            gamma: 15.0,
        };
        let data = simulated(truth, 20_000, 11);
        let fit = fit(&data, None).expect("a fit");
        let (p, se) = (fit.params, fit.std_errors.expect("standard errors"));
        eprintln!(
            "Gamma-Gamma truth {truth:?}\nfit {p:?}\nse {se:?}\nll {}",
            fit.ln_likelihood
        );
        for (name, got, want, se) in [
            ("p", p.p, truth.p, se.p),
            ("q", p.q, truth.q, se.q),
            ("gamma", p.gamma, truth.gamma, se.gamma),
        ] {
            assert!(
                (got - want).abs() < 3.0 * se,
                "{name}: {got} ± {se}, truth {want}"
            );
            assert!(se > 0.0 && se < 0.25 * got, "{name}: se {se}");
        }
        assert!(fit.ln_likelihood >= truth.ln_likelihood(&data) - 1e-6);
        assert!(fit.evaluations <= 40, "{} evaluations", fit.evaluations);
        let again = super::fit(&data, Some(p)).expect("a refit");
        assert_eq!(again.evaluations, 1);
        // From two other starts, the same estimates to four significant digits.
        for start in [
            GammaGamma {
                p: 0.5,
                q: 20.0,
                gamma: 1.0,
            },
            GammaGamma {
                p: 40.0,
                q: 1.5,
                gamma: 500.0,
            },
        ] {
            let other = super::fit(&data, Some(start)).expect("a fit").params;
            for (x, y) in [(other.p, p.p), (other.q, p.q), (other.gamma, p.gamma)] {
                assert!((x / y - 1.0).abs() < 5e-5, "{other:?} against {p:?}");
            }
        }
    }

    #[test]
    fn spend_that_does_not_vary_between_customers_ends_quickly() {
        // Every customer's purchases from one Gamma(6, 1/15): no heterogeneity, so the
        // likelihood keeps rising as q → ∞ with γ/q fixed. The fit stops at the boundary, and
        // its expected spend is the common mean, 90.
        let mut rng = Rng::new(3);
        let data: Vec<Spend> = (0..20_000)
            .map(|i| {
                let x = 1 + (i % 5) as u32;
                let total: f64 = (0..x).map(|_| gamma(&mut rng, 6.0, 1.0 / 15.0)).sum();
                Spend {
                    x,
                    mean: total / f64::from(x),
                }
            })
            .collect();
        let fit = fit(&data, None).expect("a fit");
        let p = fit.params;
        assert!(p.q > 1e4, "{p:?}");
        assert!((p.expected_spend(&Spend { x: 2, mean: 50.0 }) / 90.0 - 1.0).abs() < 0.02);
    }
}
