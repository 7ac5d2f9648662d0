//! The funnel report: the leads that came in over a period, by source, through contacted,
//! qualified, converted and bought, with each step's rate and median days, and what the
//! customers each source brought have bought.

use crate::domain::id::Id;
use crate::domain::lead::funnel::{Bought, Funnel, Row, Step, funnel};
use crate::domain::money::{Currency, format_count, format_minor_whole, format_share};
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use std::collections::HashMap;

/// The periods offered (days back from today; `None`: every lead).
const PERIODS: [Option<i64>; 4] = [Some(30), Some(90), Some(365), None];

/// The page at `/leads/funnel`.
#[component]
pub fn FunnelPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let leads = RwSignal::new(None::<Result<Vec<crate::domain::lead::Lead>, String>>);
    let period = RwSignal::new(Some(365i64));
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            let r = store::all_leads(&db)
                .await
                .map_err(|e| e.message(t.get_untracked()));
            leads.try_set(Some(r));
        });
    });
    let report = Memo::new(move |_| {
        let days = period.get();
        leads.with(|l| {
            let Some(Ok(leads)) = l else { return None };
            let customers: HashMap<Id, Bought> = ws.index.with(|ix| {
                leads
                    .iter()
                    .filter_map(|l| l.converted)
                    .filter_map(|c| {
                        ix.get(c.customer_id).map(|s| {
                            (
                                c.customer_id,
                                Bought {
                                    first_purchase: s.activity.first_purchase_date(),
                                    last_purchase: s.activity.last_purchase_date(),
                                    revenue: s.activity.revenue_in(Currency::Cny),
                                },
                            )
                        })
                    })
                    .collect()
            });
            let today = clock::today();
            let from = days.map(|d| today - chrono::Duration::days(d - 1));
            Some(funnel(leads, &customers, from, today, &|at| {
                clock::local(at).date()
            }))
        })
    });

    view! {
        <section class="page page-funnel" data-testid="funnel-page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().funnel_title}</h1>
                    <p class="page-sub">{move || t.get().funnel_intro}</p>
                </div>
                <div class="header-actions">
                    <A href=Page::Leads.path() attr:class="btn">{move || t.get().nav_leads}</A>
                </div>
            </header>
            <div class="toolbar">
                <label class="filter">
                    <span>{move || t.get().funnel_period}</span>
                    <select data-testid="funnel-period" on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(2);
                        period.set(PERIODS.get(i).copied().flatten());
                    }>
                        {PERIODS.into_iter().enumerate().map(|(i, p)| view! {
                            <option value=i.to_string() selected=move || period.get() == p>
                                {move || match p {
                                    Some(d) => (t.get().funnel_last_days)(d),
                                    None => t.get().funnel_all_time.to_string(),
                                }}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {move || match (leads.with(|l| l.as_ref().map(|r| r.as_ref().err().cloned())), report.get()) {
                (None, _) => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                (Some(Some(e)), _) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                (_, Some(f)) if f.total.counts[0] == 0 => view! {
                    <p class="muted" data-testid="funnel-empty">{move || t.get().funnel_empty}</p>
                }.into_any(),
                (_, Some(f)) => view! { <FunnelTable funnel=f lang=lang /> }.into_any(),
                (_, None) => ().into_any(),
            }}
            <p class="muted small">{move || t.get().funnel_rule}</p>
        </section>
    }
}

#[component]
fn FunnelTable(funnel: Funnel, lang: Signal<crate::domain::i18n::Lang>) -> impl IntoView {
    let t = use_texts();
    let row = move |r: Row, total: bool| {
        let t = t.get();
        let name = match r.source {
            Some(s) => s.label(t).to_string(),
            None => t.funnel_all_sources.to_string(),
        };
        let steps = (0..Step::ALL.len())
            .map(|k| {
                let n = format_count(u64::from(r.counts[k]));
                let detail = if k == 0 {
                    String::new()
                } else {
                    let days = r.median_days[k].map(|d| (t.funnel_median_days)(d));
                    [Some(format_share(r.rate(k))), days]
                        .into_iter()
                        .flatten()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")
                };
                view! { <td class="num"><strong>{n}</strong>{(!detail.is_empty()).then(|| view! { <span class="row-sub">{detail}</span> })}</td> }
            })
            .collect_view();
        let per = r
            .revenue_per_customer()
            .map(|v| format_minor_whole(v.round() as i64, Currency::Cny, lang.get_untracked()))
            .unwrap_or_default();
        view! {
            <tr class:total-row=total data-testid=if total { "funnel-total" } else { "funnel-row" }>
                <th scope="row">{name}</th>
                {steps}
                <td class="num">{format_share(r.conversion())}</td>
                <td class="num">{format_count(u64::from(r.customers))}</td>
                <td class="num">{format_minor_whole(r.revenue, Currency::Cny, lang.get_untracked())}</td>
                <td class="num">{per}</td>
            </tr>
        }
    };
    let rows = funnel.rows.clone();
    let total = funnel.total.clone();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t.get().funnel_title>
            <table class="data-table funnel-table" data-testid="funnel-table">
                <caption class="sr-only">{move || t.get().funnel_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t.get().lead_source}</th>
                        <th scope="col" class="num">{move || t.get().funnel_added}</th>
                        <th scope="col" class="num">{move || t.get().funnel_contacted}</th>
                        <th scope="col" class="num">{move || t.get().funnel_qualified}</th>
                        <th scope="col" class="num">{move || t.get().funnel_converted}</th>
                        <th scope="col" class="num">{move || t.get().funnel_bought}</th>
                        <th scope="col" class="num">{move || t.get().funnel_conversion}</th>
                        <th scope="col" class="num">{move || t.get().funnel_customers}</th>
                        <th scope="col" class="num">{move || t.get().funnel_revenue}</th>
                        <th scope="col" class="num">{move || t.get().funnel_per_customer}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || rows.clone().into_iter().map(|r| row(r, false)).collect_view()}
                </tbody>
                <tfoot>{move || row(total.clone(), true)}</tfoot>
            </table>
        </div>
    }
}
