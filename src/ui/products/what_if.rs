//! The what-if of the price analysis: the price of the chosen product or category changed by
//! x % under an assumed price elasticity (−1 until the user enters another), projected over
//! the analysis horizon from each customer's own predicted spending and the share of it that
//! went to what is repriced — per importance class and in all, revenue and margin before and
//! after, with the margin rate and where it came from.

use super::analysis::{PriceFacts, class_label};
use crate::domain::money::{Currency, Money, parse_decimal};
use crate::domain::product::analysis::{
    DEFAULT_ELASTICITY, Outlook, Projected, Scope, cost_margin_rate, project,
};
use crate::domain::validate::Problem;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{use_lang, use_texts};
use crate::ui::widgets::field::{TextField, label};
use leptos::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::sync::Arc;

/// The largest price change the what-if takes, in percent either way (a fall of 100 % or
/// more is no price at all).
const MAX_CHANGE: i32 = 500;
/// The elasticity the what-if takes, from this to 0.
const MIN_ELASTICITY: i32 = -10;

/// A percentage change as typed: a number above −100 and at most [`MAX_CHANGE`].
fn parse_change(text: &str) -> Result<f64, Problem> {
    let v = parse_decimal(text.trim().trim_end_matches(['%', '％']).trim())?;
    if v <= Decimal::from(-100) || v > Decimal::from(MAX_CHANGE) {
        return Err(Problem::NumberBetween {
            min: -99,
            max: MAX_CHANGE,
        });
    }
    Ok(v.to_f64().unwrap_or(0.0))
}

/// An elasticity as typed: from [`MIN_ELASTICITY`] to 0.
fn parse_elasticity(text: &str) -> Result<f64, Problem> {
    let v = parse_decimal(text.trim())?;
    if v < Decimal::from(MIN_ELASTICITY) || v > Decimal::ZERO {
        return Err(Problem::NumberBetween {
            min: MIN_ELASTICITY,
            max: 0,
        });
    }
    Ok(v.to_f64().unwrap_or(0.0))
}

/// The what-if panel.
#[component]
pub fn WhatIf(
    facts: RwSignal<Option<Result<Arc<PriceFacts>, String>>>,
    scope: RwSignal<Scope>,
    #[prop(into)] scope_label: Signal<String>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let insights = use_insights();
    let change = RwSignal::new("5".to_string());
    let elasticity = RwSignal::new(DEFAULT_ELASTICITY.to_string());
    let change_ok = Memo::new(move |_| change.with(|c| parse_change(c)));
    let elasticity_ok = Memo::new(move |_| elasticity.with(|e| parse_elasticity(e)));
    let field_error =
        move |r: Result<f64, Problem>| -> Option<String> { r.err().map(|p| p.message(t.get())) };
    // The margin rate of the scope: recorded on purchases, else from costs against list.
    let margin = Memo::new(move |_| {
        let s = scope.get();
        facts.with(|f| match f {
            Some(Ok(f)) => match f.mix.recorded_margin_rate(&s) {
                Some(m) => Some((m, true)),
                None => cost_margin_rate(&f.products, &s).map(|m| (m, false)),
            },
            _ => None,
        })
    });
    // Each predicted customer's spending over the horizon on what is repriced.
    let outlooks = Memo::new(move |_| {
        let s = scope.get();
        let analysis = insights.now.get();
        facts.with(|f| match f {
            Some(Ok(f)) => analysis
                .customers
                .iter()
                .filter_map(|c| {
                    let p = c.prediction?;
                    let share = f.mix.share(c.id, &s);
                    (share > 0.0).then_some(Outlook {
                        class: Some(c.importance.class),
                        revenue: p.expected_purchases * p.expected_spend * share,
                    })
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    let projection = Memo::new(move |_| {
        let (Ok(c), Ok(e)) = (change_ok.get(), elasticity_ok.get()) else {
            return None;
        };
        let m = margin.get().map(|(m, _)| m);
        Some(outlooks.with(|o| project(o, c, e, m)))
    });
    let weeks = move || insights.config.with(|c| c.horizon_weeks);

    view! {
        <section class="panel what-if" data-testid="what-if" aria-labelledby="what-if-title">
            <h2 id="what-if-title">{move || (t.get().price_what_if_of)(&scope_label.get())}</h2>
            <p class="muted small">{move || (t.get().price_what_if_hint)(weeks())}</p>
            <div class="grid-2 what-if-inputs">
                <TextField id="what-if-change" label=label(t, |t| t.price_change) value=Signal::derive(move || change.get())
                    on_input=Callback::new(move |v| change.set(v)) error=Signal::derive(move || field_error(change_ok.get())) inputmode="decimal" />
                <TextField id="what-if-elasticity" label=label(t, |t| t.price_elasticity) value=Signal::derive(move || elasticity.get())
                    on_input=Callback::new(move |v| elasticity.set(v)) error=Signal::derive(move || field_error(elasticity_ok.get())) inputmode="decimal"
                    hint=Signal::derive(move || t.get().price_elasticity_hint.to_string()) />
            </div>
            <p class="muted small" data-testid="what-if-margin">{move || {
                let texts = t.get();
                match margin.get() {
                    Some((m, true)) => (texts.price_margin_recorded)(&format!("{:.1}", m * 100.0)),
                    Some((m, false)) => (texts.price_margin_from_cost)(&format!("{:.1}", m * 100.0)),
                    None => texts.price_margin_unknown.to_string(),
                }
            }}</p>
            {move || {
                let texts = t.get();
                let language = lang.get();
                let Some(p) = projection.get() else {
                    return view! { <p class="muted">{texts.price_what_if_fix}</p> }.into_any();
                };
                if p.total.customers == 0 {
                    return view! { <p class="muted" data-testid="what-if-none">{texts.price_what_if_none}</p> }.into_any();
                }
                let money = move |x: f64| Money::new(Decimal::from_f64_retain(x.round()).unwrap_or_default(), Currency::Cny).format(language);
                let opt = move |x: Option<f64>| x.map_or_else(|| "—".to_string(), money);
                let delta = move |before: f64, after: f64| {
                    crate::domain::product::analysis::change_percent(before, after)
                        .map_or_else(|| "—".to_string(), |c| format!("{c:+.1} %"))
                };
                let row = move |name: String, x: Projected, total: bool| {
                    let margin_delta = match (x.margin_before, x.margin_after) {
                        (Some(b), Some(a)) => delta(b, a),
                        _ => "—".into(),
                    };
                    view! {
                        <tr class:total=total data-testid="what-if-row">
                            <th scope="row">{name}</th>
                            <td class="num">{x.customers}</td>
                            <td class="num">{money(x.revenue_before)}</td>
                            <td class="num">{money(x.revenue_after)}</td>
                            <td class="num">{delta(x.revenue_before, x.revenue_after)}</td>
                            <td class="num">{opt(x.margin_before)}</td>
                            <td class="num">{opt(x.margin_after)}</td>
                            <td class="num">{margin_delta}</td>
                        </tr>
                    }
                };
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="what-if-title">
                        <table class="data-table price-table what-if-table" data-testid="what-if-table">
                            <thead>
                                <tr>
                                    <th scope="col">{texts.price_class}</th>
                                    <th scope="col" class="num">{texts.price_customers}</th>
                                    <th scope="col" class="num">{texts.price_revenue_before}</th>
                                    <th scope="col" class="num">{texts.price_revenue_after}</th>
                                    <th scope="col" class="num">{texts.price_change_short}</th>
                                    <th scope="col" class="num">{texts.price_margin_before}</th>
                                    <th scope="col" class="num">{texts.price_margin_after}</th>
                                    <th scope="col" class="num">{texts.price_change_short}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p.classes.into_iter().map(|(c, x)| row(class_label(c, texts), x, false)).collect_view()}
                                {row(texts.price_all_customers.to_string(), p.total, true)}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
