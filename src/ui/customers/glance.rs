//! The top of the customer 360 view, for the next call: the next step and what else is open,
//! the open complaints, and the last contacts. Each part leads to its section below.

use super::sections::{OpenSection, Section};
use super::timeline::channel_icon;
use crate::domain::glance::{Glance, Step, StepKind};
use crate::domain::time::{format_date, format_datetime, format_relative_day};
use crate::ui::clock;
use crate::ui::commitments::done_button::DoneButton;
use crate::ui::commitments::page::mark_commitment_done;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos_router::components::A;

/// The three cards at the top of the page.
#[component]
pub fn GlanceCards(glance: Glance, open: OpenSection) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let today = clock::today();
    let Glance {
        steps,
        open_complaints,
        recent,
    } = glance;

    let step_meta = move |s: &Step| {
        let due = s.due;
        let who = ws.member_name(s.member);
        let kind = s.kind;
        let about = s.about.clone();
        move || {
            let t = t.get();
            let lang = lang.get();
            let kind = match kind {
                StepKind::Promise => t.glance_promise,
                StepKind::WinBack => t.glance_winback,
                StepKind::DealStep => t.party_deal,
            };
            let mut out = kind.to_string();
            if !about.is_empty() {
                out.push_str(" · ");
                out.push_str(&about);
            }
            out.push_str(&format!(
                " · {} {} · {}",
                t.due,
                format_date(due, lang),
                format_relative_day(due, today, lang)
            ));
            if let Some(w) = &who {
                out.push_str(" · ");
                out.push_str(w);
            }
            out
        }
    };
    let step_action = move |s: &Step| {
        let record = s.record;
        match s.kind {
            StepKind::Promise => view! {
                <DoneButton testid="step-done" on_done=Callback::new(move |_| mark_commitment_done(ws, toasts, record)) />
            }
            .into_any(),
            StepKind::WinBack => view! {
                <button class="btn btn-small" on:click=move |_| open.open(Section::Analysis)>
                    {move || t.get().glance_handle}
                </button>
            }
            .into_any(),
            StepKind::DealStep => view! {
                <A href=Page::Opportunity(record).path() attr:class="btn btn-small">
                    {move || t.get().glance_handle}
                </A>
            }
            .into_any(),
        }
    };

    let next = steps.first().cloned();
    let others: Vec<Step> = steps.iter().skip(1).cloned().collect();
    let next_card = match next {
        Some(s) => {
            let overdue = s.is_overdue(today);
            view! {
                <div class="next-step" class:overdue=overdue>
                    <Icon icon=if overdue { lu::LuTriangleAlert } else { lu::LuClock } />
                    <div class="next-step-body">
                        <strong class="next-step-text">{s.text.clone()}</strong>
                        <span class="muted small">{step_meta(&s)}</span>
                    </div>
                    {overdue.then(|| view! { <span class="badge badge-danger">{move || t.get().overdue}</span> })}
                    {step_action(&s)}
                </div>
                {(!others.is_empty()).then(|| view! {
                    <h3 class="glance-sub">{move || t.get().glance_more_steps}</h3>
                    <ul class="step-list">
                        {others.iter().map(|s| {
                            let overdue = s.is_overdue(today);
                            view! {
                                <li class:overdue=overdue>
                                    <span class="step-text">{s.text.clone()}</span>
                                    <span class="muted small">{step_meta(s)}</span>
                                    {overdue.then(|| view! { <span class="badge badge-danger">{move || t.get().overdue}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            }
            .into_any()
        }
        None => view! {
            <p class="muted">{move || t.get().glance_no_next}</p>
            <button class="btn btn-small" on:click=move |_| open.open(Section::Timeline)>
                <Icon icon=lu::LuMessageSquarePlus />
                {move || t.get().glance_log}
            </button>
        }
        .into_any(),
    };
    let has_steps = !steps.is_empty();

    view! {
        <div class="glance" data-testid="glance">
            <section class="panel glance-card" class:panel-highlight=has_steps aria-labelledby="glance-next">
                <header class="panel-header">
                    <h2 id="glance-next">{move || t.get().glance_next}</h2>
                    {(steps.len() > 1).then(|| view! { <span class="count">{steps.len()}</span> })}
                </header>
                {if has_steps {
                    view! { <div data-testid="open-commitments">{next_card}</div> }.into_any()
                } else {
                    next_card
                }}
            </section>
            {(!open_complaints.is_empty()).then(|| view! {
                <section class="panel glance-card glance-complaints" aria-labelledby="glance-complaints" data-testid="glance-complaints">
                    <header class="panel-header">
                        <h2 id="glance-complaints">{move || t.get().glance_open_complaints}<span class="count">{open_complaints.len()}</span></h2>
                        <button class="btn btn-small" on:click=move |_| open.open(Section::Complaints)>{move || t.get().glance_handle}</button>
                    </header>
                    <ul class="glance-list">
                        {open_complaints.iter().map(|c| {
                            let late = c.is_overdue(clock::now());
                            let due = clock::local(c.due);
                            let (category, severity) = (c.category, c.severity);
                            let text = c.description.clone();
                            view! {
                                <li class:overdue=late>
                                    <span class="glance-line">
                                        <strong>{move || category.label(t.get())}</strong>
                                        <span class=format!("pill severity-{}", severity.as_str())>{move || severity.label(t.get())}</span>
                                        {late.then(|| view! { <span class="badge badge-danger">{move || t.get().overdue}</span> })}
                                    </span>
                                    <span class="glance-clamp">{text}</span>
                                    <span class="muted small">{move || format!("{} {}", t.get().today_deadline, format_datetime(due, lang.get()))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section class="panel glance-card" aria-labelledby="glance-recent" data-testid="glance-recent">
                <header class="panel-header">
                    <h2 id="glance-recent">{move || t.get().glance_recent}</h2>
                    <button class="btn btn-small btn-ghost" on:click=move |_| open.open(Section::Timeline)>{move || t.get().section_timeline}</button>
                </header>
                {if recent.is_empty() {
                    view! { <p class="muted">{move || t.get().glance_no_recent}</p> }.into_any()
                } else {
                    view! {
                        <ul class="glance-list">
                            {recent.iter().map(|i| {
                                let at = clock::local(i.at);
                                let channel = i.channel;
                                let who = ws.member_name(i.member_id);
                                view! {
                                    <li>
                                        <span class="glance-line">
                                            <Icon icon=channel_icon(i) />
                                            <strong>{move || channel.label(t.get())}</strong>
                                            <span class="muted small">{move || format_datetime(at, lang.get())}{who.clone().map(|w| format!(" · {w}"))}</span>
                                        </span>
                                        <span class="glance-clamp">{i.summary.clone()}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </div>
    }
}
