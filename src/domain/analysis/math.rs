//! Numerics for the prediction models: log-gamma (from `libm`), digamma and trigamma, the
//! Gauss hypergeometric function 2F1, and a damped Newton maximiser.
//!
//! The maximiser is written out here rather than taken from `argmin`: the models have three
//! and four parameters with analytic derivatives, a hundred lines with a 4×4 Cholesky, while
//! `argmin` brings a generic framework (and its maths backends) into a wasm bundle that is
//! downloaded on phones.

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    libm::lgamma(x)
}

/// ln B(a, b), the log of the beta function.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// ln(e^a + e^b) without overflow.
pub fn log_sum_exp(a: f64, b: f64) -> f64 {
    let m = a.max(b);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + ((a - m).exp() + (b - m).exp()).ln()
}

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series
/// Σ (a)ₖ(b)ₖ/(c)ₖ zᵏ/k!, summed until the terms stop mattering.
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> f64 {
    debug_assert!((0.0..1.0).contains(&z), "series needs |z| < 1, got {z}");
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 0..100_000 {
        let k = f64::from(k);
        term *= (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        sum += term;
        if term.abs() <= 1e-15 * sum.abs() {
            break;
        }
    }
    sum
}

/// [`hyp2f1`] at several points `zs` at once, into `out` (same length): the coefficients
/// (a)ₖ(b)ₖ/((c)ₖ k!) are shared, so each extra point costs a multiply-add per term. Each point
/// sums and stops exactly as [`hyp2f1`] would on its own, so the results are the same to the
/// bit.
pub fn hyp2f1_at(a: f64, b: f64, c: f64, zs: &[f64], out: &mut [f64]) {
    debug_assert_eq!(zs.len(), out.len());
    let mut terms = [1.0; 16];
    let mut running = [true; 16];
    for (zs, out) in zs.chunks(16).zip(out.chunks_mut(16)) {
        let n = zs.len();
        terms[..n].fill(1.0);
        running[..n].fill(true);
        out.fill(1.0);
        let mut left = n;
        for k in 0..100_000 {
            let k = f64::from(k);
            let coefficient = (a + k) * (b + k) / ((c + k) * (k + 1.0));
            for j in 0..n {
                if running[j] {
                    terms[j] *= coefficient * zs[j];
                    out[j] += terms[j];
                    if terms[j].abs() <= 1e-15 * out[j].abs() {
                        running[j] = false;
                        left -= 1;
                    }
                }
            }
            if left == 0 {
                break;
            }
        }
    }
}

/// ψ(x), the digamma function (derivative of ln Γ), for x > 0: the recurrence
/// ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series (error below 1e-13).
pub fn digamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 10.0 {
        shift -= 1.0 / x;
        x += 1.0;
    }
    let z = 1.0 / (x * x);
    let series = z
        * (1.0 / 12.0
            - z * (1.0 / 120.0 - z * (1.0 / 252.0 - z * (1.0 / 240.0 - z * (1.0 / 132.0)))));
    shift + x.ln() - 0.5 / x - series
}

/// ψ′(x), the trigamma function, for x > 0: ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then
/// the asymptotic series.
pub fn trigamma(mut x: f64) -> f64 {
    let mut shift = 0.0;
    while x < 10.0 {
        shift += 1.0 / (x * x);
        x += 1.0;
    }
    let z = 1.0 / (x * x);
    let series =
        1.0 / x + z / 2.0 + z / x * (1.0 / 6.0 - z * (1.0 / 30.0 - z * (1.0 / 42.0 - z / 30.0)));
    shift + series
}

/// A function's value with its gradient and Hessian at a point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Local<const N: usize> {
    pub value: f64,
    pub gradient: [f64; N],
    pub hessian: [[f64; N]; N],
}

impl<const N: usize> Local<N> {
    /// Zero everywhere (to add terms to).
    pub fn zero() -> Self {
        Local {
            value: 0.0,
            gradient: [0.0; N],
            hessian: [[0.0; N]; N],
        }
    }

    /// Adds `weight` times a term with this value, gradient and Hessian.
    pub fn add(&mut self, weight: f64, value: f64, gradient: &[f64; N], hessian: &[[f64; N]; N]) {
        self.value += weight * value;
        for (mine, g) in self.gradient.iter_mut().zip(gradient) {
            *mine += weight * g;
        }
        for (row, other) in self.hessian.iter_mut().zip(hessian) {
            for (h, o) in row.iter_mut().zip(other) {
                *h += weight * o;
            }
        }
    }

    /// The same derivatives with respect to the logarithms of the parameters `p` (chain rule:
    /// ∂/∂ln pᵢ = pᵢ ∂/∂pᵢ, ∂²/∂ln pᵢ∂ln pⱼ = pᵢpⱼ ∂²/∂pᵢ∂pⱼ + [i = j] pᵢ ∂/∂pᵢ).
    fn in_logs(&self, p: &[f64; N]) -> Self {
        let mut out = *self;
        for i in 0..N {
            out.gradient[i] = p[i] * self.gradient[i];
            for j in 0..N {
                out.hessian[i][j] = p[i] * p[j] * self.hessian[i][j];
            }
            out.hessian[i][i] += p[i] * self.gradient[i];
        }
        out
    }
}

/// The Cholesky factor L (lower, L·Lᵀ = m) of a symmetric matrix, if it is positive definite.
fn cholesky<const N: usize>(m: &[[f64; N]; N]) -> Option<[[f64; N]; N]> {
    let mut l = [[0.0; N]; N];
    for i in 0..N {
        for j in 0..=i {
            let s: f64 = m[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            if i == j {
                if s.is_nan() || s <= 0.0 {
                    return None;
                }
                l[i][i] = s.sqrt();
            } else {
                l[i][j] = s / l[j][j];
            }
        }
    }
    Some(l)
}

/// At most `n` items spread evenly over `items` (all of them when there are fewer).
pub fn spread<T: Copy>(items: &[T], n: usize) -> Vec<T> {
    if items.len() <= n {
        return items.to_vec();
    }
    (0..n).map(|i| items[i * items.len() / n]).collect()
}

/// Customers a cold fit first looks at: an evenly spread subsample finds the neighbourhood of
/// the maximum in a few milliseconds, and Newton's method on every customer finishes from
/// there in a few steps.
pub const SCOUT: usize = 4_000;

/// Solves L·Lᵀ·x = b.
fn cholesky_solve<const N: usize>(l: &[[f64; N]; N], b: &[f64; N]) -> [f64; N] {
    let mut y = [0.0; N];
    for i in 0..N {
        y[i] = (b[i] - (0..i).map(|k| l[i][k] * y[k]).sum::<f64>()) / l[i][i];
    }
    let mut x = [0.0; N];
    for i in (0..N).rev() {
        x[i] = (y[i] - (i + 1..N).map(|k| l[k][i] * x[k]).sum::<f64>()) / l[i][i];
    }
    x
}

/// The maximum of a function of positive parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Maximum<const N: usize> {
    /// Where it is.
    pub x: [f64; N],
    /// The function's value there.
    pub value: f64,
    /// Each parameter's standard error: the square root of the diagonal of the inverse of
    /// the negative Hessian (the observed information), when that is positive definite.
    pub std_errors: Option<[f64; N]>,
    /// Newton steps taken.
    pub steps: usize,
    /// Times the function was evaluated.
    pub evaluations: usize,
}

/// Maximises `f` over positive parameters from `start` by Newton's method on their
/// logarithms with a backtracking line search. Where the function is not concave the
/// Hessian is shifted towards its diagonal until it is (Nocedal & Wright, algorithm 3.3, with
/// Marquardt's scaling), so every step goes uphill. `f` gives the value, gradient and Hessian
/// with respect to the parameters themselves.
///
/// Stops when the Newton decrement ½·gᵀ(−H)⁻¹g — how much more the value could rise — is
/// below 1e-12, or below what the value itself can resolve (10⁻¹⁴ of it: a log-likelihood
/// summed over 100,000 customers carries rounding noise about there). For a log-likelihood
/// the decrement is half the squared distance to the maximum in standard errors, so each
/// parameter then lies within 1.4·10⁻⁶ of a standard error of the maximum (3·10⁻⁴ at the
/// resolution limit of a value near 10⁶), from any start.
pub fn maximise_positive<const N: usize>(
    f: impl Fn(&[f64; N]) -> Local<N>,
    start: [f64; N],
) -> Option<Maximum<N>> {
    // Newton converges in a handful of steps; these bound the work when it cannot (a
    // likelihood that keeps rising towards a boundary, e.g. spend that does not vary between
    // customers sends the Gamma-Gamma q to infinity).
    const MAX_STEPS: usize = 100;
    const MAX_EVALUATIONS: usize = 300;
    /// |ln p| beyond which a parameter is at a boundary of the model (p > 10⁸ or < 10⁻⁸).
    const BOUNDARY: f64 = 18.42;
    /// Consecutive steps each rising by less than the value's resolution: stalled.
    const STALLED: usize = 3;
    let natural = |logs: &[f64; N]| logs.map(f64::exp);
    let mut logs = start.map(f64::ln);
    let mut here = f(&natural(&logs)).in_logs(&natural(&logs));
    if !here.value.is_finite() {
        return None;
    }
    let mut steps = 0;
    let mut evaluations = 1;
    let mut stalled = 0;
    while steps < MAX_STEPS && evaluations < MAX_EVALUATIONS {
        steps += 1;
        if logs.iter().any(|l| l.abs() > BOUNDARY) {
            break;
        }
        // Differences of the value smaller than this are rounding, not signal.
        let resolution = 1e-14 * here.value.abs();
        let information = here.hessian.map(|row| row.map(|v| -v));
        let largest = (0..N).map(|i| information[i][i].abs()).fold(0.0, f64::max);
        let diagonal: [f64; N] =
            std::array::from_fn(|i| information[i][i].abs().max(1e-8 * largest).max(1e-300));
        let mut shift = 0.0;
        let l = loop {
            let mut m = information;
            for (i, row) in m.iter_mut().enumerate() {
                row[i] += shift * diagonal[i];
            }
            if let Some(l) = cholesky(&m) {
                break Some(l);
            }
            if shift > 1e12 {
                break None;
            }
            shift = (shift * 4.0).max(1e-3);
        };
        let Some(l) = l else { break };
        let direction = cholesky_solve(&l, &here.gradient);
        let slope: f64 = direction
            .iter()
            .zip(&here.gradient)
            .map(|(d, g)| d * g)
            .sum();
        if shift == 0.0 && slope / 2.0 < resolution.max(1e-12) {
            break;
        }
        // No step of more than a factor e^3 in any parameter at once.
        let longest = direction.iter().fold(0.0f64, |m, d| m.max(d.abs()));
        let mut length = if longest > 3.0 { 3.0 / longest } else { 1.0 };
        let mut moved = false;
        while length > 1e-9 && evaluations < MAX_EVALUATIONS {
            evaluations += 1;
            let mut next = logs;
            for (n, d) in next.iter_mut().zip(direction) {
                *n += d * length;
            }
            let there = f(&natural(&next)).in_logs(&natural(&next));
            let promised = length * slope;
            // Armijo: at least a small share of the rise the slope promises; or, where that
            // rise is below the value's resolution, no measurable fall.
            let unresolved = promised < resolution;
            let rose = if unresolved {
                there.value >= here.value - resolution
            } else {
                there.value >= here.value + 1e-4 * promised
            };
            if there.value.is_finite() && rose {
                let rise = there.value - here.value;
                stalled = if rise <= resolution { stalled + 1 } else { 0 };
                logs = next;
                here = there;
                moved = true;
                break;
            }
            if unresolved {
                break; // Shorter steps only promise less.
            }
            length /= 2.0;
        }
        if !moved || stalled >= STALLED {
            break;
        }
    }
    let x = natural(&logs);
    let information = here.hessian.map(|row| row.map(|v| -v));
    let std_errors = cholesky(&information).map(|l| {
        let mut se = [0.0; N];
        for (i, s) in se.iter_mut().enumerate() {
            let mut unit = [0.0; N];
            unit[i] = 1.0;
            // Variance of ln pᵢ, then the delta method: se(pᵢ) = pᵢ · se(ln pᵢ).
            *s = x[i] * cholesky_solve(&l, &unit)[i].sqrt();
        }
        se
    });
    Some(Maximum {
        x,
        value: here.value,
        std_errors,
        steps,
        evaluations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_matches_factorials() {
        // Γ(n) = (n−1)!; Γ(½) = √π.
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(1.0)).abs() < 1e-12);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        // B(2, 3) = 1!·2!/4! = 1/12.
        assert!((ln_beta(2.0, 3.0) - (1.0f64 / 12.0).ln()).abs() < 1e-12);
    }

    #[test]
    fn hyp2f1_at_several_points_equals_one_at_a_time() {
        let zs: Vec<f64> = (0..20).map(|i| f64::from(i) / 20.5).collect();
        for (a, b, c) in [
            (1.0, 1.0, 2.0),
            (2.7, 13.1, 14.5),
            (0.24, 12.05, 11.7),
            (9.5, 3.0, 8.25),
        ] {
            let mut out = vec![0.0; zs.len()];
            hyp2f1_at(a, b, c, &zs, &mut out);
            for (z, v) in zs.iter().zip(&out) {
                assert_eq!(
                    v.to_bits(),
                    hyp2f1(a, b, c, *z).to_bits(),
                    "{a} {b} {c} {z}"
                );
            }
        }
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z, worked out independently.
        let mut one = [0.0];
        hyp2f1_at(1.0, 1.0, 2.0, &[0.5], &mut one);
        assert!((one[0] - 2.0 * std::f64::consts::LN_2).abs() < 1e-12);
    }

    #[test]
    fn hyp2f1_matches_closed_forms() {
        // ₂F₁(1, 1; 2; z) = −ln(1−z)/z.
        for z in [0.1, 0.5, 0.9] {
            let expected = -(1.0f64 - z).ln() / z;
            assert!((hyp2f1(1.0, 1.0, 2.0, z) - expected).abs() < 1e-10, "z={z}");
        }
        // ₂F₁(a, b; b; z) = (1−z)^(−a).
        assert!((hyp2f1(2.5, 3.0, 3.0, 0.4) - 0.6f64.powf(-2.5)).abs() < 1e-10);
        assert_eq!(hyp2f1(1.0, 2.0, 3.0, 0.0), 1.0);
    }

    #[test]
    fn log_sum_exp_is_stable() {
        assert!((log_sum_exp(1000.0, 1000.0) - (1000.0 + 2f64.ln())).abs() < 1e-9);
        assert!((log_sum_exp(0.0, f64::NEG_INFINITY)).abs() < 1e-12);
    }

    #[test]
    fn digamma_and_trigamma_match_known_values() {
        // ψ(1) = −γ (Euler–Mascheroni), ψ(½) = −γ − 2 ln 2, ψ(n + 1) = ψ(n) + 1/n;
        // ψ′(1) = π²/6, ψ′(½) = π²/2.
        let euler = 0.577_215_664_901_532_9;
        let pi2 = std::f64::consts::PI * std::f64::consts::PI;
        assert!((digamma(1.0) + euler).abs() < 1e-13);
        assert!((digamma(0.5) + euler + 2.0 * std::f64::consts::LN_2).abs() < 1e-13);
        assert!((digamma(4.0) - (-euler + 1.0 + 0.5 + 1.0 / 3.0)).abs() < 1e-13);
        assert!((digamma(250.5) - (digamma(249.5) + 1.0 / 249.5)).abs() < 1e-12);
        assert!((trigamma(1.0) - pi2 / 6.0).abs() < 1e-12);
        assert!((trigamma(0.5) - pi2 / 2.0).abs() < 1e-12);
        assert!((trigamma(3.0) - (pi2 / 6.0 - 1.0 - 0.25)).abs() < 1e-12);
        // Derivatives of ln Γ by central differences.
        for x in [0.03, 0.7, 2.5, 9.99, 10.0, 40.0, 1e4] {
            let h = 1e-5 * x;
            let d = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!((digamma(x) - d).abs() < 1e-6 * d.abs().max(1.0), "{x}");
            let d2 = (digamma(x + h) - digamma(x - h)) / (2.0 * h);
            assert!((trigamma(x) - d2).abs() < 1e-6 * d2.abs().max(1.0), "{x}");
        }
    }

    /// ln of a Gamma(k, θ) density at the points `data`, with its derivatives in (k, θ).
    fn gamma_ln_density(p: &[f64; 2], data: &[f64]) -> Local<2> {
        let (k, theta) = (p[0], p[1]);
        let mut out = Local::zero();
        for &x in data {
            let value = (k - 1.0) * x.ln() - x / theta - ln_gamma(k) - k * theta.ln();
            let gradient = [
                x.ln() - digamma(k) - theta.ln(),
                x / theta.powi(2) - k / theta,
            ];
            let hessian = [
                [-trigamma(k), -1.0 / theta],
                [-1.0 / theta, -2.0 * x / theta.powi(3) + k / theta.powi(2)],
            ];
            out.add(1.0, value, &gradient, &hessian);
        }
        out
    }

    #[test]
    fn newton_finds_a_maximum_likelihood_estimate_from_any_start() {
        // The Gamma distribution's estimate solves ln k − ψ(k) = ln(mean) − mean(ln x),
        // θ = mean / k: for the data 1, 2, 3, 4, mean 2.5, mean(ln x) = ln(24)/4.
        let data = [1.0, 2.0, 3.0, 4.0];
        let target = 2.5f64.ln() - 24f64.ln() / 4.0;
        // Bisection on the equation, independently of Newton's method.
        let (mut lo, mut hi) = (0.01, 1000.0);
        for _ in 0..200 {
            let mid: f64 = (lo + hi) / 2.0;
            if mid.ln() - digamma(mid) > target {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let k = (lo + hi) / 2.0;
        for start in [[1.0, 1.0], [50.0, 0.01], [0.05, 30.0]] {
            let m = maximise_positive(|p| gamma_ln_density(p, &data), start).expect("a maximum");
            assert!((m.x[0] / k - 1.0).abs() < 1e-6, "{start:?}: {m:?}");
            assert!((m.x[1] / (2.5 / k) - 1.0).abs() < 1e-6, "{start:?}: {m:?}");
            assert!(m.std_errors.is_some_and(|se| se.iter().all(|s| *s > 0.0)));
        }
    }

    #[test]
    fn a_maximum_at_infinity_stops_at_the_boundary_quickly() {
        // ln L = −1/p rises for ever as p grows: no maximum. The search stops once p is past
        // 10⁸, after a few dozen evaluations, with what it found.
        let evaluations = std::cell::Cell::new(0);
        let m = maximise_positive(
            |p: &[f64; 1]| {
                evaluations.set(evaluations.get() + 1);
                Local {
                    value: -1.0 / p[0],
                    gradient: [1.0 / (p[0] * p[0])],
                    hessian: [[-2.0 / (p[0] * p[0] * p[0])]],
                }
            },
            [1.0],
        )
        .unwrap();
        assert!(m.x[0] > 1e6, "{m:?}");
        assert!(evaluations.get() <= 300, "{}", evaluations.get());
    }

    #[test]
    fn the_hessian_gives_textbook_standard_errors() {
        // Exponential data of mean 2 (Gamma with k fixed at 1): the estimate of θ is the mean
        // and its standard error θ/√n. With one free parameter: n = 4 points 1, 1.5, 2.5, 3.
        let data = [1.0, 1.5, 2.5, 3.0];
        let m = maximise_positive(
            |p: &[f64; 1]| {
                let full = gamma_ln_density(&[1.0, p[0]], &data);
                Local {
                    value: full.value,
                    gradient: [full.gradient[1]],
                    hessian: [[full.hessian[1][1]]],
                }
            },
            [10.0],
        )
        .unwrap();
        assert!((m.x[0] - 2.0).abs() < 1e-9);
        assert!((m.std_errors.unwrap()[0] - 2.0 / 2.0).abs() < 1e-6);
    }
}
