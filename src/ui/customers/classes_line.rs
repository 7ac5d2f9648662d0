//! The customer's classes in one line at the top of the 360 view: importance, loyalty stage,
//! life-cycle stage, RFM segment and the chance the customer is still active. Each says why on
//! hover; the line opens the analysis section, where the figures and rules are.

use super::sections::{OpenSection, Section};
use crate::domain::i18n::explain;
use crate::domain::id::Id;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;

/// The one-line classes.
#[component]
pub fn ClassesLine(id: Id, open: OpenSection) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let insights = use_insights();
    insights.require();
    let classes = Memo::new(move |_| insights.now.with(|a| a.get(id).cloned()));
    view! {
        <button
            class="classes-line"
            data-testid="classes-line"
            title=move || t.get().glance_classes
            on:click=move |_| open.open(Section::Analysis)
        >
            {move || {
                let lang = lang.get();
                let t = t.get();
                let Some(c) = classes.get() else {
                    return view! { <span class="muted">{t.analysing}</span> }.into_any();
                };
                let cfg = insights.config.get();
                let chip = |label: &'static str, value: String, why: String, class: String| view! {
                    <span class=format!("class-chip {class}") title=why>
                        <span class="class-chip-label">{label}</span>
                        <strong>{value}</strong>
                    </span>
                };
                view! {
                    {chip(
                        t.col_importance,
                        c.importance.class.label(lang.texts()).to_string(),
                        explain::importance(&c.importance, cfg.basis, cfg.period_days, cfg.vip_share, cfg.important_share, lang),
                        format!("importance-{:?}", c.importance.class).to_lowercase(),
                    )}
                    {chip(
                        t.col_loyalty,
                        c.loyalty.stage.label(lang.texts()).to_string(),
                        explain::loyalty(&c.loyalty, &cfg.loyalty, lang),
                        String::new(),
                    )}
                    {chip(
                        t.col_lifecycle,
                        c.lifecycle.stage.label(lang.texts()).to_string(),
                        explain::lifecycle(&c.lifecycle, &cfg.lifecycle, lang),
                        String::new(),
                    )}
                    {c.rfm.map(|r| chip(
                        t.rfm_label,
                        r.segment.label(lang.texts()).to_string(),
                        r.segment.definition(lang.texts()).to_string(),
                        String::new(),
                    ))}
                    {c.prediction.map(|p| chip(
                        t.p_alive,
                        format!("{:.0}%", p.p_alive * 100.0),
                        String::new(),
                        String::new(),
                    ))}
                }.into_any()
            }}
        </button>
    }
}
