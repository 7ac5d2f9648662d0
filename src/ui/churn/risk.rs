//! A churn-risk score with the figures behind each of its parts.

use crate::domain::churn::{ChurnRisk, RiskFactor};
use crate::domain::i18n::Texts;
use leptos::prelude::*;

/// The sentence explaining one factor.
pub fn factor_text(f: &RiskFactor, t: &Texts) -> String {
    match *f {
        RiskFactor::Prediction { p_alive, points } => (t.risk_prediction)(p_alive, points),
        RiskFactor::Rhythm {
            weeks_since,
            usual,
            points,
        } => (t.risk_rhythm)(weeks_since, usual, points),
        RiskFactor::Satisfaction { from, to, points } => (t.risk_satisfaction)(from, to, points),
        RiskFactor::Complaints {
            open,
            overdue,
            points,
        } => (t.risk_complaints)(open, overdue, points),
    }
}

/// The score, its level and its parts.
#[component]
pub fn RiskView(risk: ChurnRisk, t: &'static Texts) -> impl IntoView {
    let level = risk.level;
    view! {
        <div class="churn-risk" data-testid="churn-risk">
            <div class="risk-head">
                <strong class="risk-score" data-testid="risk-score">{(t.risk_score)(risk.score)}</strong>
                <span class=format!("pill risk-{}", level.as_str()) data-testid="risk-level">{level.label(t)}</span>
            </div>
            <ul class="risk-factors">
                {risk.factors.iter().map(|f| view! { <li>{factor_text(f, t)}</li> }).collect_view()}
            </ul>
        </div>
    }
}
