//! Every complaint across the customer base: the figures a manager watches (open, overdue,
//! escalated, time to resolve, share solved at the first contact, complaints by category) and
//! the complaints themselves, what needs attention first.

use super::card::ComplaintCard;
use crate::domain::complaint::{Category, Complaint, ComplaintStats, View, sort_for_attention};
use crate::domain::i18n::Texts;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use crate::ui::widgets::table_export::TableExport;
use leptos::prelude::*;

/// The complaints page.
#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let loaded = LocalResource::new(move || {
        ws.revision.track();
        async move {
            let db = ws.db()?;
            Some(store::all_complaints(&db).await)
        }
    });

    view! {
        <section class="page page-complaints">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().complaints_title}</h1>
                    <p class="page-sub">{move || t.get().complaints_intro}</p>
                </div>
            </header>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || loaded.get().map(|r| match r {
                    Some(Ok(all)) => {
                        // Complaints of customers in the trash stay out of sight with them.
                        let live: Vec<Complaint> = all
                            .into_iter()
                            .filter(|c| ws.index.with_untracked(|ix| ix.get(c.customer_id).is_some_and(|s| s.deleted_at.is_none())))
                            .collect();
                        if live.is_empty() {
                            return view! {
                                <EmptyState
                                    icon=lu::LuMessageSquareWarning
                                    title=Signal::derive(move || t.get().no_complaints.to_string())
                                    body=Signal::derive(move || t.get().no_complaints_body.to_string())
                                />
                            }.into_any();
                        }
                        let stats = ComplaintStats::of(&live, clock::now());
                        view! {
                            <Figures stats=stats />
                            <ComplaintList all=live />
                        }.into_any()
                    }
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{move || e.message(t.get())}</p> }.into_any(),
                    None => view! { <p></p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

fn view_label(v: View, t: &Texts) -> &'static str {
    match v {
        View::Open => t.filter_open,
        View::Overdue => t.filter_overdue,
        View::Escalated => t.filter_escalated,
        View::All => t.filter_all,
    }
}

/// The headline figures and complaints by category (bars drawn as SVG: the page's CSP forbids
/// inline styles).
#[component]
fn Figures(stats: ComplaintStats) -> impl IntoView {
    let t = use_texts();
    let s = stats;
    let max = s.by_category.iter().copied().max().unwrap_or(0).max(1);
    let by_category = s.by_category;
    let overdue_class = if s.overdue > 0 {
        "stat stat-alert"
    } else {
        "stat"
    };
    view! {
        <section class="totals complaint-figures" aria-label=move || t.get().complaints_title data-testid="complaint-figures">
            <div class="stat"><span class="stat-label">{move || t.get().stat_open}</span><strong class="stat-value" data-testid="stat-open">{s.open}</strong></div>
            <div class=overdue_class><span class="stat-label">{move || t.get().stat_overdue}</span><strong class="stat-value" data-testid="stat-overdue">{s.overdue}</strong></div>
            <div class="stat"><span class="stat-label">{move || t.get().stat_escalated}</span><strong class="stat-value">{s.escalated}</strong></div>
            <div class="stat">
                <span class="stat-label">{move || t.get().stat_median_resolution}</span>
                <strong class="stat-value">{move || s.median_hours.map_or_else(|| "—".to_string(), |h| (t.get().duration_hours)(h))}</strong>
                <span class="stat-sub">{move || format!("{} {}", t.get().stat_resolved_late, s.resolved_late)}</span>
            </div>
            <div class="stat">
                <span class="stat-label">{move || t.get().stat_first_contact}</span>
                <strong class="stat-value" data-testid="stat-first-contact">{s.first_contact_share().map_or_else(|| "—".to_string(), |p| format!("{:.0}%", p * 100.0))}</strong>
                <span class="stat-sub">{format!("{} / {}", s.first_contact, s.resolved)}</span>
            </div>
        </section>
        <section class="panel" aria-labelledby="by-category">
            <header class="panel-header"><h2 id="by-category">{move || t.get().by_category}</h2><TableExport file="complaints-by-category" /></header>
            <table class="data-table bars-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t.get().category}</th>
                        <th scope="col" class="num">{move || t.get().filter_all}</th>
                        <th scope="col"><span class="sr-only">{move || t.get().by_category}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {Category::ALL.into_iter().zip(by_category).map(|(c, n)| view! {
                        <tr>
                            <th scope="row">{move || c.label(t.get())}</th>
                            <td class="num">{n}</td>
                            <td class="bar-cell" aria-hidden="true">
                                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
                                    <rect width=format!("{:.1}", n as f64 * 100.0 / max as f64) height="10" rx="2" />
                                </svg>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The complaints of the chosen view, what needs attention first.
#[component]
fn ComplaintList(all: Vec<Complaint>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let view_of = RwSignal::new(View::Open);
    let mut all = all;
    sort_for_attention(&mut all);
    let all = StoredValue::new(all);
    let now = clock::now();
    view! {
        <section class="panel" aria-labelledby="complaint-list-heading">
            <header class="panel-header">
                <h2 id="complaint-list-heading">{move || t.get().complaints_title}</h2>
                <div class="segmented" role="group" aria-label=move || t.get().complaints_filter>
                    {View::ALL.into_iter().map(|v| {
                        let count = all.with_value(|a| a.iter().filter(|c| v.shows(c, now)).count());
                        view! {
                            <button
                                class="segment"
                                class:segment-on=move || view_of.get() == v
                                aria-pressed=move || (view_of.get() == v).to_string()
                                data-testid=format!("complaints-view-{}", view_label(v, &crate::domain::i18n::EN).to_lowercase())
                                on:click=move |_| view_of.set(v)
                            >
                                {move || view_label(v, t.get())}
                                <span class="count">{count}</span>
                            </button>
                        }
                    }).collect_view()}
                </div>
            </header>
            {move || {
                let v = view_of.get();
                let shown: Vec<Complaint> = all.with_value(|a| a.iter().filter(|c| v.shows(c, now)).cloned().collect());
                if shown.is_empty() {
                    return view! { <p class="muted">{move || t.get().no_complaints_filter}</p> }.into_any();
                }
                shown.into_iter().map(|c| {
                    let name = ws.index.with_untracked(|ix| ix.get(c.customer_id).map(|s| s.name.clone())).unwrap_or_default();
                    view! { <ComplaintCard complaint=c customer=name /> }
                }).collect_view().into_any()
            }}
        </section>
    }
}
