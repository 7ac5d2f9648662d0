//! The page: the calibration end, then the comparison, computed after the page has painted
//! (so choosing a date never waits on the fit).

use super::charts::{ByXChart, TrackingChart};
use super::table::CustomerTable;
use crate::domain::analysis::validation::{
    Validation, Verdict, default_calibration_end, first_purchase, last_purchase, validate,
};
use crate::domain::i18n::Texts;
use crate::domain::i18n::explain::yuan;
use crate::domain::money::format_significant;
use crate::domain::time::{date_input_value, format_date};
use crate::ui::clock;
use crate::ui::insights::model_tables::ModelTables;
use crate::ui::insights::state::use_insights;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::table_export::TableExport;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

/// "4.2 %".
fn percent(share: f64) -> String {
    format!("{:.1} %", share.abs() * 100.0)
}

/// The verdict on the purchase model, in words.
fn purchase_verdict(v: &Validation, t: &Texts) -> String {
    match v.verdict {
        Verdict::TooLittleData => t.val_little.to_string(),
        Verdict::Tracks(e) => (t.val_tracks)(percent(e)),
        Verdict::OverPredicts(e) => (t.val_over)(percent(e)),
        Verdict::UnderPredicts(e) => (t.val_under)(percent(e)),
    }
}

/// The verdict on the spend model, in words.
fn spend_verdict(v: &Validation, t: &Texts) -> String {
    let lang = crate::domain::lang::Lang::of(t);
    let (expected, actual) = (yuan(v.predicted_spend, lang), yuan(v.actual_spend, lang));
    match v.spend_verdict {
        Verdict::TooLittleData => t.val_spend_little.to_string(),
        Verdict::Tracks(e) => (t.val_spend_tracks)(percent(e), expected, actual),
        Verdict::OverPredicts(e) | Verdict::UnderPredicts(e) => {
            (t.val_spend_off)(percent(e), expected, actual)
        }
    }
}

/// The model-validation page.
#[component]
pub fn ValidationPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    // The purchase history's first and last day.
    let span = Memo::new(move |_| {
        ws.revision.track();
        ws.index.with(|ix| {
            let rows: Vec<_> = ix
                .rows()
                .iter()
                .filter(|r| r.deleted_at.is_none())
                .collect();
            first_purchase(&rows).zip(last_purchase(&rows))
        })
    });
    // The chosen calibration end, kept in the address (?calibration=2025-12-31) so a reload,
    // a bookmark or a change of language keeps it; none: the default for the history.
    let query = use_query_map();
    let navigate = use_navigate();
    let chosen = Memo::new(move |_| {
        query.with(|q| {
            q.get("calibration")
                .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
        })
    });
    let calibration = Memo::new(move |_| {
        let (first, last) = span.get()?;
        Some(
            chosen
                .get()
                .unwrap_or_else(|| default_calibration_end(first, last)),
        )
    });
    let result = RwSignal::new(None::<Arc<Validation>>);
    let computing = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let Some(cal) = calibration.get() else {
            result.set(None);
            return;
        };
        let Some((_, last)) = span.get() else { return };
        ws.revision.track();
        let cfg = insights.config.get();
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        computing.set(true);
        leptos::task::spawn_local(async move {
            // Paint "computing" first; a newer choice made meanwhile wins.
            clock::next_tick().await;
            if generation.get_value() != mine {
                return;
            }
            let v = ws.index.with_untracked(|ix| {
                let rows: Vec<_> = ix
                    .rows()
                    .iter()
                    .filter(|r| r.deleted_at.is_none())
                    .collect();
                validate(&rows, cal, last, &cfg)
            });
            if generation.get_value() == mine {
                result.set(Some(Arc::new(v)));
                computing.set(false);
            }
        });
    });
    let on_date = move |ev| {
        let value = event_target_value(&ev);
        if let Ok(d) = NaiveDate::parse_from_str(&value, "%Y-%m-%d") {
            navigate(
                &format!(
                    "{}?calibration={}",
                    Page::Validation.path(),
                    date_input_value(d)
                ),
                crate::ui::routes::in_place(),
            );
        }
    };
    view! {
        <section class="page page-validation" data-testid="validation-page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().val_title}</h1>
                    <p class="page-sub">{move || t.get().val_intro}</p>
                </div>
            </header>
            {move || match span.get() {
                None => view! { <p class="panel muted" data-testid="validation-empty">{t.get().val_no_history}</p> }.into_any(),
                Some((first, last)) => view! {
                    <div class="panel validation-controls">
                        <label class="field inline-field" for="validation-date">
                            <span class="field-label">{move || t.get().val_calibration_end}</span>
                            <input
                                id="validation-date"
                                type="date"
                                data-testid="validation-date"
                                min=date_input_value(first + chrono::Duration::days(1))
                                max=date_input_value(last - chrono::Duration::days(1))
                                prop:value=move || calibration.get().map(date_input_value).unwrap_or_default()
                                on:change=on_date.clone()
                            />
                        </label>
                        {move || result.get().map(|v| view! {
                            <p class="muted small">{(t.get().val_span)(
                                format_date(v.calibration_end, lang.get()),
                                format_date(v.holdout_end, lang.get()),
                                format_significant(v.holdout_weeks, 3),
                            )}</p>
                        })}
                        {move || computing.get().then(|| view! { <p class="muted small" role="status" data-testid="validation-computing">{t.get().val_computing}</p> })}
                    </div>
                }.into_any(),
            }}
            {move || result.get().map(|v| view! { <Report v /> })}
        </section>
    }
}

/// The comparison at one calibration end.
#[component]
fn Report(v: Arc<Validation>) -> impl IntoView {
    let t = use_texts();
    if v.customers.is_empty() {
        return view! { <p class="panel muted" data-testid="validation-no-cohort">{move || t.get().val_no_cohort}</p> }.into_any();
    }
    let verdict_class = match v.verdict {
        Verdict::Tracks(_) => "validation-verdict good",
        Verdict::TooLittleData => "validation-verdict",
        _ => "validation-verdict warn",
    };
    let (v1, v2, v3, v4, v5) = (v.clone(), v.clone(), v.clone(), v.clone(), v.clone());
    view! {
        <section class="panel" data-testid="validation-verdict">
            <h2>{move || t.get().val_verdict_title}</h2>
            <p class=verdict_class data-testid="validation-verdict-text">{move || purchase_verdict(&v1, t.get())}</p>
            <p class="muted small" data-testid="validation-totals">{move || {
                (t.get().val_totals)(
                    crate::domain::money::format_count(v2.actual_total as u64),
                    format_significant(v2.predicted_total, 4),
                    format_significant(v2.mae, 3),
                )
            }}</p>
            <p class="validation-verdict" data-testid="validation-spend-verdict">{move || spend_verdict(&v3, t.get())}</p>
            <ModelTables purchase=v.purchase_model spend=v.spend_model />
        </section>
        <section class="panel" data-testid="validation-tracking">
            <h2>{move || t.get().val_tracking_title}</h2>
            <TrackingChart v=v4 />
        </section>
        <section class="panel" data-testid="validation-by-x">
            <div class="panel-header">
                <h2>{move || t.get().val_by_x_title}</h2>
                <TableExport file="model-validation-groups" />
            </div>
            <ByXChart v=v5.clone() />
            <GroupTable v=v5 />
        </section>
        <section class="panel" data-testid="validation-customers">
            <h2>{move || t.get().val_table_title}</h2>
            <CustomerTable v=v.clone() />
        </section>
    }
    .into_any()
}

/// By calibration x: customers, holdout purchases actual and expected, and spend actual and
/// expected (the numbers behind the chart, and the spend comparison).
#[component]
fn GroupTable(v: Arc<Validation>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    move || {
        let tt = t.get();
        let lang = lang.get();
        let number = |x: f64| format_significant(x, 3);
        let rows = v
            .by_x
            .iter()
            .enumerate()
            .filter(|(_, g)| g.customers > 0)
            .map(|(x, g)| {
                let spend = |value: f64| {
                    if g.spenders > 0 {
                        yuan(value, lang)
                    } else {
                        "—".to_string()
                    }
                };
                view! {
                    <tr>
                        <th scope="row">{(tt.val_group_label)(x)}</th>
                        <td class="num">{crate::domain::money::format_count(g.customers as u64)}</td>
                        <td class="num">{number(g.actual)}</td>
                        <td class="num">{number(g.predicted)}</td>
                        <td class="num">{spend(g.actual_spend)}</td>
                        <td class="num">{spend(g.predicted_spend)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=tt.val_by_x_title>
                <table class="data-table compact" data-testid="validation-group-table">
                    <thead>
                        <tr>
                            <th scope="col">{tt.val_col_group}</th>
                            <th scope="col" class="num">{tt.val_col_customers}</th>
                            <th scope="col" class="num">{format!("{} · {}", tt.val_col_actual, tt.val_actual)}</th>
                            <th scope="col" class="num">{tt.val_col_predicted}</th>
                            <th scope="col" class="num">{tt.val_col_holdout_spend}</th>
                            <th scope="col" class="num">{tt.val_col_predicted_spend}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <h3 class="small-heading">{tt.val_spend_title}</h3>
            <p class="muted small" data-testid="validation-spend">{format!(
                "{}: {} · {}: {} · MAE {}",
                tt.val_expected,
                yuan(v.predicted_spend, lang),
                tt.val_actual,
                yuan(v.actual_spend, lang),
                yuan(v.spend_mae, lang),
            )}</p>
        }
    }
}
