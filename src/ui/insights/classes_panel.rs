//! The classes of one customer in the 360 view: every class with the figures and rule behind
//! it, the purchase prediction, and how the classes changed over the last quarters.

use super::state::use_insights;
use crate::domain::analysis::engine::{CustomerClasses, spend_model_usable};
use crate::domain::i18n::explain::{self, yuan};
use crate::domain::id::Id;
use crate::domain::time::format_date;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;

/// Quarters shown in the history.
const QUARTERS: usize = 4;

/// The classes panel.
#[component]
pub fn ClassesPanel(id: Id) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let insights = use_insights();
    insights.require();
    let classes = Memo::new(move |_| insights.now.with(|a| a.get(id).cloned()));
    view! {
        <section class="panel" aria-labelledby="classes-title" data-testid="classes">
            <header class="panel-header"><h2 id="classes-title">{move || t.get().classes_title}</h2></header>
            <p class="muted small">{move || t.get().classes_intro}</p>
            {move || {
                let lang = lang.get();
                let t = t.get();
                let Some(c) = classes.get() else {
                    return view! { <p class="muted">{t.analysing}</p> }.into_any();
                };
                let cfg = insights.config.get();
                let a = insights.now.get();
                let item = |label: &'static str, value: String, why: String, testid: &'static str| view! {
                    <div class="class-item" data-testid=testid>
                        <dt>{label}</dt>
                        <dd><strong class="class-value">{value}</strong><span class="class-why">{why}</span></dd>
                    </div>
                };
                let rfm = match c.rfm {
                    Some(r) => item(t.rfm_label, format!("{} · R{} F{} M{}", r.segment.label(lang.texts()), r.r, r.f, r.m), format!("{} {}", explain::rfm(&r, &a.rfm_cutoffs, lang), r.segment.definition(lang.texts())), "class-rfm"),
                    None => item(t.rfm_label, t.not_classified.to_string(), String::new(), "class-rfm"),
                };
                let quadrant = match c.quadrant {
                    Some(q) => item(t.col_quadrant, q.class.label(lang.texts()).to_string(), explain::quadrant(&q, cfg.basis, lang), "class-quadrant"),
                    None => item(t.col_quadrant, t.not_classified.to_string(), String::new(), "class-quadrant"),
                };
                view! {
                    <div class="classes-grid">
                    <dl class="class-list">
                        {item(t.col_importance, c.importance.class.label(lang.texts()).to_string(), explain::importance(&c.importance, cfg.basis, cfg.period_days, cfg.vip_share, cfg.important_share, lang), "class-importance")}
                        {item(t.col_loyalty, c.loyalty.stage.label(lang.texts()).to_string(), explain::loyalty(&c.loyalty, &cfg.loyalty, lang), "class-loyalty")}
                        {item(t.col_lifecycle, c.lifecycle.stage.label(lang.texts()).to_string(), explain::lifecycle(&c.lifecycle, &cfg.lifecycle, lang), "class-lifecycle")}
                        {rfm}
                        {quadrant}
                    </dl>
                    <div class="classes-side">
                    <h3>{t.prediction_title}</h3>
                    {match c.prediction {
                        Some(p) => view! {
                            <div class="prediction" data-testid="prediction">
                                <div class="stat"><span class="stat-label">{t.p_alive}</span><strong class="stat-value">{format!("{:.0}%", p.p_alive * 100.0)}</strong></div>
                                <div class="stat"><span class="stat-label">{(t.expected_purchases)(cfg.horizon_weeks)}</span><strong class="stat-value">{format!("{:.1}", p.expected_purchases)}</strong></div>
                                <div class="stat"><span class="stat-label">{t.expected_spend}</span><strong class="stat-value">{yuan(p.expected_spend, lang)}</strong></div>
                                <div class="stat"><span class="stat-label">{t.clv_label}</span><strong class="stat-value">{yuan(p.clv, lang)}</strong></div>
                            </div>
                            <p class="class-why">{explain::prediction(&p, cfg.horizon_weeks, cfg.annual_discount, a.spend_model.as_ref().is_some_and(|m| spend_model_usable(&m.params)), lang)}</p>
                        }.into_any(),
                        None => view! {
                            <p class="muted">{if c.rfm.is_some() { t.no_model } else { t.no_prediction }}</p>
                        }.into_any(),
                    }}
                    </div>
                    </div>
                }.into_any()
            }}
            <ClassHistory id=id />
        </section>
    }
}

/// Classes now and at the last quarter ends.
#[component]
fn ClassHistory(id: Id) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let insights = use_insights();
    // Recomputed when the analysis changes; each date analyses the whole base as it stood.
    let history = Memo::new(move |_| {
        let now = insights.now.with(|a| a.get(id).cloned());
        let mut rows = vec![(None, now)];
        rows.extend(
            insights
                .history(id, QUARTERS)
                .into_iter()
                .map(|(d, c)| (Some(d), c)),
        );
        rows
    });
    let cell = |c: &Option<CustomerClasses>, f: &dyn Fn(&CustomerClasses) -> Option<String>| {
        c.as_ref().and_then(f).unwrap_or_else(|| "—".into())
    };
    view! {
        <h3>{move || t.get().history_title}</h3>
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || t.get().history_title>
            <table class="data-table" data-testid="class-history">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">{move || t.get().col_importance}</th>
                        <th scope="col">{move || t.get().col_loyalty}</th>
                        <th scope="col">{move || t.get().col_lifecycle}</th>
                        <th scope="col">{move || t.get().col_segment}</th>
                        <th scope="col">{move || t.get().col_quadrant}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let lang = lang.get();
                        let t = t.get();
                        history.get().into_iter().map(|(date, c)| view! {
                            <tr>
                                <th scope="row">{date.map_or_else(|| t.history_now.to_string(), |d| format_date(d, lang))}</th>
                                <td>{cell(&c, &|c| Some(c.importance.class.label(lang.texts()).to_string()))}</td>
                                <td>{cell(&c, &|c| Some(c.loyalty.stage.label(lang.texts()).to_string()))}</td>
                                <td>{cell(&c, &|c| Some(c.lifecycle.stage.label(lang.texts()).to_string()))}</td>
                                <td>{cell(&c, &|c| c.rfm.map(|r| r.segment.label(lang.texts()).to_string()))}</td>
                                <td>{cell(&c, &|c| c.quadrant.map(|q| q.class.label(lang.texts()).to_string()))}</td>
                            </tr>
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
