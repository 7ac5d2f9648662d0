//! The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
//! iso-value curves"; Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): a
//! customer's purchases are Gamma(p, ν) in value, with ν ~ Gamma(q, γ) across customers. Fitted
//! on customers with repeat purchases (x ≥ 1) and the mean value m of those purchases.

use super::math::{ln_gamma, nelder_mead};
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

/// Fits the model (customers with x ≥ 1 and a positive mean only).
pub fn fit(data: &[Spend], start: Option<GammaGamma>) -> Option<GammaGamma> {
    let data: Vec<Spend> = data
        .iter()
        .copied()
        .filter(|s| s.x >= 1 && s.mean > 0.0)
        .collect();
    if data.len() < 3 {
        return None;
    }
    let mut xs: Vec<u32> = data.iter().map(|s| s.x).collect();
    xs.sort_unstable();
    xs.dedup();
    let pre: Vec<(usize, f64, f64, f64)> = data
        .iter()
        .map(|s| {
            let x = f64::from(s.x);
            (xs.binary_search(&s.x).unwrap_or(0), x, s.mean.ln(), x.ln())
        })
        .collect();
    let neg_ll = |v: &[f64]| -> f64 {
        let (p, q, gamma) = (v[0].exp(), v[1].exp(), v[2].exp());
        let per_x: Vec<f64> = xs
            .iter()
            .map(|&x| ln_gamma(p * f64::from(x) + q) - ln_gamma(p * f64::from(x)))
            .collect();
        let constant = -ln_gamma(q) + q * gamma.ln();
        let mut total = 0.0;
        for (&(g, x, ln_m, ln_x), s) in pre.iter().zip(&data) {
            total += per_x[g] + constant + (p * x - 1.0) * ln_m + p * x * ln_x
                - (p * x + q) * (gamma + s.mean * x).ln();
        }
        -total
    };
    // Start from the moments: mean spend sets the scale.
    let mean = data.iter().map(|s| s.mean).sum::<f64>() / data.len() as f64;
    // From a previous fit the optimum is near: a small first simplex finds it in fewer steps.
    let step = if start.is_some() { 0.05 } else { 0.5 };
    let start = start.unwrap_or(GammaGamma {
        p: 2.0,
        q: 3.0,
        gamma: mean.max(1e-6),
    });
    let m = nelder_mead(
        neg_ll,
        &[start.p.ln(), start.q.ln(), start.gamma.ln()],
        step,
        1e-11,
        3_000,
    );
    m.value.is_finite().then(|| GammaGamma {
        p: m.x[0].exp(),
        q: m.x[1].exp(),
        gamma: m.x[2].exp(),
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

    #[test]
    fn recovers_known_parameters_from_simulated_data() {
        let truth = GammaGamma {
            p: 6.0,
            q: 4.0,
            gamma: 15.0,
        };
        let mut rng = Rng::new(11);
        let data: Vec<Spend> = (0..6_000)
            .map(|i| {
                let nu = gamma(&mut rng, truth.q, truth.gamma);
                let x = 1 + (i % 6) as u32;
                let total: f64 = (0..x).map(|_| gamma(&mut rng, truth.p, nu)).sum();
                Spend {
                    x,
                    mean: total / f64::from(x),
                }
            })
            .collect();
        let fit = fit(&data, None).expect("a fit");
        assert!((fit.p / truth.p - 1.0).abs() < 0.15, "{fit:?}");
        assert!((fit.q / truth.q - 1.0).abs() < 0.2, "{fit:?}");
        assert!(
            (fit.population_mean() / truth.population_mean() - 1.0).abs() < 0.05,
            "{fit:?}"
        );
    }
}
