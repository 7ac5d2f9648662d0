//! The BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy
//! way"): while alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after
//! each purchase the customer drops out with probability p ~ Beta(a, b).
//!
//! Inputs per customer are x (repeat purchases: distinct purchase days after the first), t_x
//! (time of the last purchase) and T (age), both in weeks since the first purchase. Parameters
//! are fitted by maximum likelihood on every customer, by Newton's method with the analytic
//! gradient and Hessian, which also give each parameter's standard error.

use super::math::{
    Local, SCOUT, hyp2f1, hyp2f1_at, ln_beta, ln_gamma, log_sum_exp, maximise_positive, spread,
};
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
    /// Each parameter's standard error (from the observed information), when the likelihood
    /// is curved enough at the maximum to give them.
    #[serde(default)]
    pub std_errors: Option<BgNbd>,
    /// Times the likelihood was evaluated (with its derivatives), the subsample's included.
    #[serde(default)]
    pub evaluations: usize,
}

/// Customers who share (x, t_x, T) contribute the same likelihood: the data as distinct
/// triples with their counts, the times as indices into the distinct times (weeks counted in
/// days take a few thousand values), so each step takes the logarithms once per time.
struct Grouped {
    /// (x, index of t_x, index of T, customers).
    groups: Vec<(u32, u32, u32, f64)>,
    times: Vec<f64>,
    /// Customers with each x, from 0 to the largest.
    per_x: Vec<f64>,
}

fn grouped(data: &[Rfx]) -> Grouped {
    // Times are not negative, and the bits of non-negative floats sort as the numbers do.
    let mut times: Vec<u64> = data
        .iter()
        .flat_map(|c| [c.t_x.max(0.0).to_bits(), c.t.max(0.0).to_bits()])
        .collect();
    times.sort_unstable();
    times.dedup();
    let index = |t: f64| times.binary_search(&t.max(0.0).to_bits()).unwrap_or(0) as u32;
    let mut keys: Vec<(u32, u32, u32)> = data
        .iter()
        .map(|c| (c.x, index(c.t_x), index(c.t)))
        .collect();
    keys.sort_unstable();
    let mut groups: Vec<(u32, u32, u32, f64)> = Vec::new();
    for k in keys {
        match groups.last_mut() {
            Some(g) if (g.0, g.1, g.2) == k => g.3 += 1.0,
            _ => groups.push((k.0, k.1, k.2, 1.0)),
        }
    }
    let mut per_x = vec![0.0; groups.iter().map(|g| g.0 as usize + 1).max().unwrap_or(1)];
    for g in &groups {
        per_x[g.0 as usize] += g.3;
    }
    Grouped {
        groups,
        times: times.into_iter().map(f64::from_bits).collect(),
        per_x,
    }
}

/// The log-likelihood of the grouped data with its gradient and Hessian in (r, α, a, b).
///
/// Per customer, with A(x) = ln Γ(r+x) − ln Γ(r) + ln B(a, b+x) − ln B(a, b) written as
/// Σₖ<ₓ [ln(r+k) + ln(b+k) − ln(a+b+k)]:
/// ℓ = A(x) + r ln α + ln(e^L₁ + [x > 0] e^L₂), L₁ = −(r+x) ln(α+T),
/// L₂ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ). With w the weight e^L₂/(e^L₁+e^L₂), the
/// log-sum's gradient is (1−w)∇L₁ + w∇L₂ and its Hessian (1−w)∇²L₁ + w∇²L₂ +
/// w(1−w)(∇L₂−∇L₁)(∇L₂−∇L₁)ᵀ.
fn ln_likelihood_local(data: &Grouped, p: &[f64; 4]) -> Local<4> {
    let [r, alpha, a, b] = *p;
    let mut out = Local::zero();
    // A(x) + r ln α depends on x only: its sums over k < x are cumulated along x, and each
    // x's terms added once for all its customers.
    let ln_alpha = alpha.ln();
    let (mut value, mut s_r1, mut s_r2, mut s_b1, mut s_b2, mut s_ab1, mut s_ab2) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (x, &n) in data.per_x.iter().enumerate() {
        if n > 0.0 {
            let g = [s_r1 + ln_alpha, r / alpha, -s_ab1, s_b1 - s_ab1];
            let mut h = [[0.0; 4]; 4];
            h[0][0] = -s_r2;
            h[0][1] = 1.0 / alpha;
            h[1][0] = h[0][1];
            h[1][1] = -r / (alpha * alpha);
            h[2][2] = s_ab2;
            h[2][3] = s_ab2;
            h[3][2] = s_ab2;
            h[3][3] = s_ab2 - s_b2;
            out.add(n, value + r * ln_alpha, &g, &h);
        }
        let k = x as f64;
        let (rk, bk, abk) = (r + k, b + k, a + b + k);
        value += rk.ln() + bk.ln() - abk.ln();
        s_r1 += 1.0 / rk;
        s_r2 += 1.0 / (rk * rk);
        s_b1 += 1.0 / bk;
        s_b2 += 1.0 / (bk * bk);
        s_ab1 += 1.0 / abk;
        s_ab2 += 1.0 / (abk * abk);
    }
    // ln(α+τ) and 1/(α+τ) once per distinct time; ln and 1/ of b+x−1 once per x.
    let shifted: Vec<(f64, f64)> = data
        .times
        .iter()
        .map(|t| ((alpha + t).ln(), 1.0 / (alpha + t)))
        .collect();
    let dropout: Vec<(f64, f64)> = (0..data.per_x.len())
        .map(|x| {
            let bx = b + x as f64 - 1.0;
            if x == 0 {
                (0.0, 0.0)
            } else {
                (bx.ln(), 1.0 / bx)
            }
        })
        .collect();
    let (ln_a, inv_a) = (a.ln(), 1.0 / a);
    // The log-sum part, accumulated term by term.
    let (mut v, mut g0, mut g1, mut g2, mut g3) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut h00, mut h01, mut h02, mut h03, mut h11) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let (mut h12, mut h13, mut h22, mut h23, mut h33) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, t_x, t, count) in &data.groups {
        let rx = r + f64::from(x);
        let (ln_at, inv_at) = shifted[t as usize];
        let l1 = -rx * ln_at;
        if x == 0 {
            // L₁ alone: ∇L₁ = (−ln(α+T), −(r+x)/(α+T), 0, 0).
            v += count * l1;
            g0 -= count * ln_at;
            g1 -= count * rx * inv_at;
            h01 -= count * inv_at;
            h11 += count * rx * inv_at * inv_at;
            continue;
        }
        let (ln_atx, inv_atx) = shifted[t_x as usize];
        let (ln_bx, inv_bx) = dropout[x as usize];
        let l2 = ln_a - ln_bx - rx * ln_atx;
        let d = l2 - l1;
        // The log-sum and the weight w of L₂, without overflow either way.
        let (lse, w) = if d > 0.0 {
            let e = (-d).exp();
            (l2 + e.ln_1p(), 1.0 / (1.0 + e))
        } else {
            let e = d.exp();
            (l1 + e.ln_1p(), e / (1.0 + e))
        };
        let u = 1.0 - w;
        // (1−w)∇L₁ + w∇L₂, with ∇L₂ = (−ln(α+tₓ), −(r+x)/(α+tₓ), 1/a, −1/(b+x−1)).
        v += count * lse;
        g0 -= count * (u * ln_at + w * ln_atx);
        g1 -= count * rx * (u * inv_at + w * inv_atx);
        g2 += count * w * inv_a;
        g3 -= count * w * inv_bx;
        // (1−w)∇²L₁ + w∇²L₂ + w(1−w)δδᵀ, δ = ∇L₂ − ∇L₁.
        let delta = [ln_at - ln_atx, rx * (inv_at - inv_atx), inv_a, -inv_bx];
        let c = count * w * u;
        h00 += c * delta[0] * delta[0];
        h01 += c * delta[0] * delta[1] - count * (u * inv_at + w * inv_atx);
        h02 += c * delta[0] * delta[2];
        h03 += c * delta[0] * delta[3];
        h11 += c * delta[1] * delta[1] + count * rx * (u * inv_at * inv_at + w * inv_atx * inv_atx);
        h12 += c * delta[1] * delta[2];
        h13 += c * delta[1] * delta[3];
        h22 += c * delta[2] * delta[2] - count * w * inv_a * inv_a;
        h23 += c * delta[2] * delta[3];
        h33 += c * delta[3] * delta[3] + count * w * inv_bx * inv_bx;
    }
    let hessian = [
        [h00, h01, h02, h03],
        [h01, h11, h12, h13],
        [h02, h12, h22, h23],
        [h03, h13, h23, h33],
    ];
    out.add(1.0, v, &[g0, g1, g2, g3], &hessian);
    out
}

/// Fits the model to every customer by maximum likelihood: Newton's method with the analytic
/// gradient and Hessian over the distinct (x, t_x, T). `start` (a previous fit) may save a
/// few steps; the maximum found is the same from any start.
pub fn fit(data: &[Rfx], start: Option<BgNbd>) -> Option<BgNbdFit> {
    if data.len() < 3 || data.iter().all(|c| c.x == 0) {
        return None;
    }
    let (start, scouting) = match start {
        Some(s) => (s, 0),
        // A large base: the neighbourhood from a subsample first.
        None if data.len() > 2 * SCOUT => {
            let scout = fit(&spread(data, SCOUT), None)?;
            (scout.params, scout.evaluations)
        }
        None => (
            BgNbd {
                r: 1.0,
                alpha: 1.0,
                a: 1.0,
                b: 1.0,
            },
            0,
        ),
    };
    let groups = grouped(data);
    let m = maximise_positive(
        |p| ln_likelihood_local(&groups, p),
        [start.r, start.alpha, start.a, start.b],
    )?;
    if !m.value.is_finite() {
        return None;
    }
    let of = |p: [f64; 4]| BgNbd {
        r: p[0],
        alpha: p[1],
        a: p[2],
        b: p[3],
    };
    Some(BgNbdFit {
        params: of(m.x),
        ln_likelihood: m.value,
        customers: data.len(),
        std_errors: m.std_errors.map(of),
        evaluations: scouting + m.evaluations,
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

    /// Simulates customers acquired evenly over the first `spread` weeks and observed until
    /// week `end` (the usual shape of a customer base: not everyone joined at once).
    pub(crate) fn simulate_cohort(
        params: BgNbd,
        customers: usize,
        spread: f64,
        end: f64,
        seed: u64,
    ) -> Vec<Rfx> {
        let mut rng = Rng::new(seed ^ 0x5eed);
        let ages: Vec<f64> = (0..customers)
            .map(|_| end - (rng.unit() * spread * 7.0).floor() / 7.0)
            .collect();
        let mut out = simulate(params, customers, 1.0, seed);
        for ((c, age), i) in out.iter_mut().zip(ages).zip(0..) {
            *c = simulate(params, 1, age, seed.wrapping_mul(31).wrapping_add(i))[0];
        }
        out
    }

    #[test]
    fn the_analytic_derivatives_match_finite_differences() {
        let data = simulate_cohort(
            BgNbd {
                r: 0.6,
                alpha: 4.0,
                a: 0.9,
                b: 2.5,
            },
            300,
            26.0,
            60.0,
            3,
        );
        let groups = grouped(&data);
        let at = [0.7, 3.1, 1.3, 2.2];
        let here = ln_likelihood_local(&groups, &at);
        let m = BgNbd {
            r: at[0],
            alpha: at[1],
            a: at[2],
            b: at[3],
        };
        // The grouped value is the plain likelihood.
        assert!((here.value - m.ln_likelihood(&data)).abs() < 1e-8 * here.value.abs());
        for i in 0..4 {
            let h = 1e-6 * at[i];
            let (mut up, mut down) = (at, at);
            up[i] += h;
            down[i] -= h;
            let (u, d) = (
                ln_likelihood_local(&groups, &up),
                ln_likelihood_local(&groups, &down),
            );
            let slope = (u.value - d.value) / (2.0 * h);
            assert!(
                (here.gradient[i] - slope).abs() < 1e-5 * slope.abs().max(1.0),
                "gradient {i}: {} against {slope}",
                here.gradient[i]
            );
            for j in 0..4 {
                let curve = (u.gradient[j] - d.gradient[j]) / (2.0 * h);
                assert!(
                    (here.hessian[i][j] - curve).abs() < 1e-4 * curve.abs().max(1.0),
                    "hessian {i},{j}: {} against {curve}",
                    here.hessian[i][j]
                );
            }
        }
    }

    #[test]
    fn recovers_known_parameters_within_their_standard_errors() {
        let truth = BgNbd {
            r: 0.6,
            alpha: 4.0,
            a: 0.9,
            b: 2.5,
        };
        let data = simulate_cohort(truth, 20_000, 52.0, 104.0, 7);
        let fit = fit(&data, None).expect("a fit");
        let (p, se) = (fit.params, fit.std_errors.expect("standard errors"));
        eprintln!(
            "BG/NBD truth {truth:?}\nfit {p:?}\nse {se:?}\nll {}",
            fit.ln_likelihood
        );
        for (name, got, want, se) in [
            ("r", p.r, truth.r, se.r),
            ("alpha", p.alpha, truth.alpha, se.alpha),
            ("a", p.a, truth.a, se.a),
            ("b", p.b, truth.b, se.b),
        ] {
            // Within three standard errors (a 99.7 % interval), and the errors are sensible:
            // positive and a small share of the estimate with 20,000 customers.
            assert!(
                (got - want).abs() < 3.0 * se,
                "{name}: {got} ± {se}, truth {want}"
            );
            assert!(se > 0.0 && se < 0.25 * got, "{name}: se {se}");
        }
        // The fitted likelihood is at least as good as the truth's, and is the plain one.
        assert!(fit.ln_likelihood >= truth.ln_likelihood(&data) - 1e-6);
        assert!(
            (fit.ln_likelihood - p.ln_likelihood(&data)).abs() < 1e-8 * fit.ln_likelihood.abs()
        );
        assert_eq!(fit.customers, 20_000);
        // Cheap where start-up needs it: a cold fit takes a few dozen evaluations (the
        // subsample's included), a refit from its own result one.
        assert!(fit.evaluations <= 40, "{} evaluations", fit.evaluations);
        let again = super::fit(&data, Some(p)).expect("a refit");
        assert_eq!(again.evaluations, 1);
        assert!((again.params.r / p.r - 1.0).abs() < 1e-12);
    }

    #[test]
    fn the_fit_does_not_depend_on_where_it_starts() {
        let data = simulate_cohort(
            BgNbd {
                r: 0.243,
                alpha: 4.414,
                a: 0.793,
                b: 2.426,
            },
            5_000,
            12.0,
            39.0,
            21,
        );
        let starts = [
            None,
            Some(BgNbd {
                r: 5.0,
                alpha: 50.0,
                a: 0.1,
                b: 0.2,
            }),
            Some(BgNbd {
                r: 0.01,
                alpha: 0.05,
                a: 8.0,
                b: 30.0,
            }),
        ];
        let fits: Vec<BgNbd> = starts
            .iter()
            .map(|s| fit(&data, *s).expect("a fit").params)
            .collect();
        let four_digits = |x: f64, y: f64| (x / y - 1.0).abs() < 5e-5;
        for f in &fits[1..] {
            for (x, y) in [
                (f.r, fits[0].r),
                (f.alpha, fits[0].alpha),
                (f.a, fits[0].a),
                (f.b, fits[0].b),
            ] {
                assert!(four_digits(x, y), "{f:?} against {:?}", fits[0]);
            }
        }
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
