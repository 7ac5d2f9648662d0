//! Numerics for the prediction models: log-gamma (from `libm`), the Gauss hypergeometric
//! function 2F1, and a Nelder–Mead minimiser.
//!
//! Nelder–Mead is written out here rather than taken from `argmin`: the models need one
//! derivative-free minimiser over four parameters, about sixty lines, while `argmin` brings a
//! generic framework (and its maths backends) into a wasm bundle that is downloaded on phones.

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

/// Outcome of a minimisation.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimum {
    /// Where the minimum was found.
    pub x: Vec<f64>,
    /// The function's value there.
    pub value: f64,
    /// Function evaluations used.
    pub evaluations: usize,
}

/// Minimises `f` from `start` with the Nelder–Mead simplex (standard coefficients: reflection
/// 1, expansion 2, contraction ½, shrink ½), initial steps of `step` in every coordinate,
/// stopping when the simplex's values agree within `tolerance` or after `max_evaluations`.
pub fn nelder_mead(
    f: impl Fn(&[f64]) -> f64,
    start: &[f64],
    step: f64,
    tolerance: f64,
    max_evaluations: usize,
) -> Minimum {
    let n = start.len();
    let eval = |x: &[f64]| {
        let v = f(x);
        if v.is_nan() { f64::INFINITY } else { v }
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    simplex.push((start.to_vec(), eval(start)));
    for i in 0..n {
        let mut x = start.to_vec();
        x[i] += step;
        let v = eval(&x);
        simplex.push((x, v));
    }
    let mut evaluations = n + 1;
    while evaluations < max_evaluations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (simplex[0].1, simplex[n].1);
        if (worst - best).abs() <= tolerance * (best.abs() + tolerance) {
            break;
        }
        // Centroid of all but the worst point.
        let mut centroid = vec![0.0; n];
        for (x, _) in &simplex[..n] {
            for (c, xi) in centroid.iter_mut().zip(x) {
                *c += xi / n as f64;
            }
        }
        let towards = |t: f64| -> Vec<f64> {
            centroid
                .iter()
                .zip(&simplex[n].0)
                .map(|(c, w)| c + t * (w - c))
                .collect()
        };
        let reflected = towards(-1.0);
        let r = eval(&reflected);
        evaluations += 1;
        if r < simplex[0].1 {
            let expanded = towards(-2.0);
            let e = eval(&expanded);
            evaluations += 1;
            simplex[n] = if e < r { (expanded, e) } else { (reflected, r) };
        } else if r < simplex[n - 1].1 {
            simplex[n] = (reflected, r);
        } else {
            let (contracted, c) = if r < worst {
                let x = towards(-0.5);
                let v = eval(&x);
                (x, v)
            } else {
                let x = towards(0.5);
                let v = eval(&x);
                (x, v)
            };
            evaluations += 1;
            if c < r.min(worst) {
                simplex[n] = (contracted, c);
            } else {
                // Shrink everything towards the best point.
                let best_x = simplex[0].0.clone();
                for (x, v) in simplex.iter_mut().skip(1) {
                    for (xi, bi) in x.iter_mut().zip(&best_x) {
                        *xi = bi + 0.5 * (*xi - bi);
                    }
                    *v = eval(x);
                }
                evaluations += n;
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (x, value) = simplex.swap_remove(0);
    Minimum {
        x,
        value,
        evaluations,
    }
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
    fn nelder_mead_finds_the_rosenbrock_minimum() {
        let rosenbrock = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = nelder_mead(rosenbrock, &[-1.2, 1.0], 0.5, 1e-14, 5_000);
        assert!(
            (m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4,
            "{m:?}"
        );
        let quadratic =
            |x: &[f64]| (x[0] - 3.0).powi(2) + 2.0 * (x[1] + 1.0).powi(2) + (x[2] - 0.5).powi(2);
        let m = nelder_mead(quadratic, &[0.0, 0.0, 0.0], 1.0, 1e-14, 5_000);
        for (got, want) in m.x.iter().zip([3.0, -1.0, 0.5]) {
            assert!((got - want).abs() < 1e-5, "{m:?}");
        }
    }
}
