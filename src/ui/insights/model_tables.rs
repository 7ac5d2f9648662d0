//! The fitted models as tables: each parameter with its standard error, and the fit's
//! log-likelihood (on the overview and the validation page).

use crate::domain::analysis::bgnbd::BgNbdFit;
use crate::domain::analysis::engine::spend_model_usable;
use crate::domain::analysis::gamma_gamma::GammaGammaFit;
use crate::domain::money::format_significant;
use crate::ui::state::use_texts;
use leptos::prelude::*;

/// One model's table: parameter, estimate, standard error; then the fit's size and
/// log-likelihood (when it was fitted here).
fn table(
    caption: &'static str,
    params: Vec<(&'static str, f64, Option<f64>)>,
    customers: usize,
    ln_likelihood: f64,
) -> impl IntoView {
    let t = use_texts();
    let number = move |v: f64| format_significant(v, 4);
    // Where the fit could give no standard error, say why.
    let params_missing = ln_likelihood.is_finite()
        && params
            .iter()
            .any(|(_, _, e)| e.is_none_or(|e| !e.is_finite()));
    let body = params
        .into_iter()
        .map(|(symbol, v, e)| {
            view! {
                <tr>
                    <th scope="row">{symbol}</th>
                    <td class="num">{number(v)}</td>
                    <td class="num">{e.map_or_else(|| "—".to_string(), number)}</td>
                </tr>
            }
        })
        .collect_view();
    let tt = t.get_untracked();
    let missing = params_missing;
    view! {
        <div class="model-table">
            <table class="data-table compact">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tt.col_parameter}</th>
                        <th scope="col" class="num">{tt.col_estimate}</th>
                        <th scope="col" class="num">{tt.col_std_error}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            {ln_likelihood.is_finite().then(|| view! { <p class="muted small">{(tt.model_fit)(customers, number(ln_likelihood))}</p> })}
            {missing.then(|| view! { <p class="muted small" data-testid="model-se-missing">{tt.model_se_missing}</p> })}
        </div>
    }
}

/// Both models' tables, side by side where there is room.
#[component]
pub fn ModelTables(purchase: Option<BgNbdFit>, spend: Option<GammaGammaFit>) -> impl IntoView {
    let t = use_texts();
    move || {
        let tt = t.get();
        let purchase = match purchase {
            Some(m) => {
                let (p, e) = (m.params, m.std_errors);
                table(
                    tt.model_bgnbd_name,
                    vec![
                        ("r", p.r, e.map(|e| e.r)),
                        ("α", p.alpha, e.map(|e| e.alpha)),
                        ("a", p.a, e.map(|e| e.a)),
                        ("b", p.b, e.map(|e| e.b)),
                    ],
                    m.customers,
                    m.ln_likelihood,
                )
                .into_any()
            }
            None => view! { <p>{tt.model_none}</p> }.into_any(),
        };
        let spend = spend.map(|g| {
            let (p, e) = (g.params, g.std_errors);
            view! {
                <div>
                    {table(
                        tt.model_gg_name,
                        vec![
                            ("p", p.p, e.map(|e| e.p)),
                            ("q", p.q, e.map(|e| e.q)),
                            ("γ", p.gamma, e.map(|e| e.gamma)),
                        ],
                        g.customers,
                        g.ln_likelihood,
                    )}
                    {(!spend_model_usable(&p)).then(|| view! { <p class="muted small">{tt.model_spend_unused}</p> })}
                </div>
            }
        });
        view! { <div class="model-tables" data-testid="model-tables">{purchase}{spend}</div> }
    }
}
