//! Retention and win-back: the win-back list of valuable customers at high risk or recently
//! lost, each with its plan; retention and churn rates over the last quarters for the whole
//! base and each importance class; recorded churn by kind and cause.

use super::risk::factor_text;
use crate::domain::analysis::importance::Importance;
use crate::domain::churn::{
    ChurnCause, ChurnEvent, ChurnKind, Listed, Retention, WinBack, last_quarters, retention,
    winback_list,
};
use crate::domain::i18n::explain::yuan;
use crate::domain::id::Id;
use crate::domain::satisfaction::figures::{CustomerSatisfaction, by_customer};
use crate::domain::time::format_date;
use crate::store;
use crate::ui::clock;
use crate::ui::insights::state::use_insights;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::flags::ComplaintFlag;
use crate::ui::widgets::table_export::TableExport;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;

/// Quarters in the retention table.
const QUARTERS: usize = 4;

fn percent(r: &Retention, f: fn(&Retention) -> Option<f64>) -> String {
    f(r).map_or_else(|| "—".to_string(), |v| format!("{:.0}%", v * 100.0))
}

/// The retention page.
#[component]
pub fn RetentionPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let insights = use_insights();
    insights.require();
    let loaded = LocalResource::new(move || {
        ws.revision.track();
        async move {
            let db = ws.db()?;
            let load = async {
                let events = store::all_churn_events(&db).await?;
                let plans = store::all_winbacks(&db).await?;
                let surveys = store::all_surveys(&db).await?;
                let responses = store::all_responses(&db).await?;
                Ok::<_, crate::domain::error::AppError>((
                    events,
                    plans,
                    by_customer(&surveys, &responses),
                ))
            };
            Some(load.await)
        }
    });
    view! {
        <section class="page page-retention">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().retention_title}</h1>
                    <p class="page-sub">{move || t.get().retention_intro}</p>
                </div>
            </header>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || loaded.get().map(|r| match r {
                    Some(Ok((events, plans, satisfaction))) => view! {
                        <WinBackList events=events.clone() plans=plans satisfaction=satisfaction />
                        <RetentionTable />
                        <ChurnReasons events=events />
                    }.into_any(),
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{move || e.message(t.get())}</p> }.into_any(),
                    None => view! { <p></p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Retention and churn rates per quarter, overall and per importance class.
#[component]
fn RetentionTable() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    let quarters = last_quarters(clock::today(), QUARTERS);
    let figures = Memo::new(move |_| {
        let a = insights.now.get();
        ws.index.with(|ix| {
            let rows = ix.rows();
            retention(rows, &last_quarters(clock::today(), QUARTERS), 3, |i| {
                a.get(rows[i].id).map(|c| match c.importance.class {
                    Importance::Vip => 0,
                    Importance::Important => 1,
                    Importance::Ordinary => 2,
                })
            })
        })
    });
    view! {
        <section class="panel" aria-labelledby="retention-heading">
            <header class="panel-header"><h2 id="retention-heading">{move || t.get().retention_table}</h2><TableExport file="retention" /></header>
            <p class="muted small">{move || t.get().retention_note}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="retention-heading">
                <table class="data-table" data-testid="retention">
                    <thead>
                        <tr>
                            <th scope="col">{move || t.get().col_group}</th>
                            <th scope="col">{move || t.get().col_quarter}</th>
                            <th scope="col" class="num">{move || t.get().col_base}</th>
                            <th scope="col" class="num">{move || t.get().col_retained}</th>
                            <th scope="col" class="num">{move || t.get().col_retention}</th>
                            <th scope="col" class="num">{move || t.get().col_churn_rate}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let (total, groups) = figures.get();
                            let lang = lang.get();
                            let t = t.get();
                            let names = [
                                t.all_customers.to_string(),
                                Importance::Vip.label(lang.texts()).to_string(),
                                Importance::Important.label(lang.texts()).to_string(),
                                Importance::Ordinary.label(lang.texts()).to_string(),
                            ];
                            std::iter::once(total).chain(groups).zip(names).flat_map(|(rows, name)| {
                                let span = rows.len();
                                quarters.iter().zip(rows).enumerate().map(move |(k, (q, r))| view! {
                                    <tr class:group-start=k == 0>
                                        {(k == 0).then(|| view! { <th scope="rowgroup" rowspan=span>{name.clone()}</th> })}
                                        <td>{q.label()}</td>
                                        <td class="num">{r.base}</td>
                                        <td class="num">{r.retained}</td>
                                        <td class="num">{percent(&r, Retention::rate)}</td>
                                        <td class="num">{percent(&r, Retention::churn_rate)}</td>
                                    </tr>
                                }).collect::<Vec<_>>()
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The win-back list with each customer's latest plan.
#[component]
fn WinBackList(
    events: Vec<ChurnEvent>,
    plans: Vec<WinBack>,
    satisfaction: HashMap<Id, CustomerSatisfaction>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    let mut latest: HashMap<_, WinBack> = HashMap::new();
    for p in plans {
        match latest.get(&p.customer_id) {
            Some(old) if old.id > p.id => {}
            _ => {
                latest.insert(p.customer_id, p);
            }
        }
    }
    let events = StoredValue::new(events);
    let satisfaction = StoredValue::new(satisfaction);
    let latest = StoredValue::new(latest);
    view! {
        <section class="panel" aria-labelledby="winback-heading">
            <header class="panel-header"><h2 id="winback-heading">{move || t.get().winback_list}</h2><TableExport file="win-back" /></header>
            <p class="muted small">{move || t.get().winback_list_note}</p>
            {move || {
                let a = insights.now.get();
                if a.customers.is_empty() {
                    return view! { <p class="muted">{move || t.get().analysing}</p> }.into_any();
                }
                let lang = lang.get();
                let t = t.get();
                let today = clock::today();
                let rows = ws.index.with(|ix| {
                    let rows = ix.rows();
                    events.with_value(|ev| {
                        satisfaction.with_value(|sat| winback_list(rows, &a, ev, sat, today, clock::now()))
                            .into_iter()
                            .map(|c| (rows[c.index].clone(), c))
                            .collect::<Vec<_>>()
                    })
                });
                if rows.is_empty() {
                    return view! { <p class="muted" data-testid="winback-list">{t.no_winback}</p> }.into_any();
                }
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="winback-heading">
                        <table class="data-table" data-testid="winback-list">
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_name}</th>
                                    <th scope="col">{t.col_reason}</th>
                                    <th scope="col">{t.col_risk}</th>
                                    <th scope="col" class="num">{t.col_clv}</th>
                                    <th scope="col">{t.col_plan}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(|(s, c)| {
                                    let plan = latest.with_value(|l| l.get(&s.id).cloned());
                                    let why = match c.why {
                                        Listed::AtRisk => t.reason_at_risk.to_string(),
                                        Listed::Lost(d) => format!("{} · {}", t.reason_lost, format_date(d, lang)),
                                    };
                                    let risk = c.risk.clone();
                                    view! {
                                        <tr data-testid="winback-row">
                                            <td>
                                                <A href=Page::Customer(s.id).path()>{s.name.clone()}</A>
                                                <ComplaintFlag activity=s.activity.clone() />
                                            </td>
                                            <td>{why}</td>
                                            <td>{risk.map(|r| {
                                                let why = r.factors.iter().map(|f| factor_text(f, t)).collect::<Vec<_>>().join("\n");
                                                view! {
                                                <span class=format!("pill risk-{}", r.level.as_str()) title=why>
                                                    {format!("{:.0}", r.score)}
                                                </span>
                                            }})}</td>
                                            <td class="num">{yuan(c.clv, lang)}</td>
                                            <td>{match plan {
                                                Some(p) => format!("{} · {} {} · {}", p.action, t.due, format_date(p.due, lang), p.outcome.label(t)),
                                                None => t.no_plan.to_string(),
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

/// Recorded churn counted by kind and by cause.
#[component]
fn ChurnReasons(events: Vec<ChurnEvent>) -> impl IntoView {
    let t = use_texts();
    if events.is_empty() {
        return view! {
            <section class="panel" aria-labelledby="reasons-heading">
                <header class="panel-header"><h2 id="reasons-heading">{move || t.get().churn_reasons}</h2></header>
                <p class="muted">{move || t.get().no_churn_events}</p>
            </section>
        }
        .into_any();
    }
    let kinds: Vec<(ChurnKind, usize)> = ChurnKind::ALL
        .into_iter()
        .map(|k| (k, events.iter().filter(|e| e.kind == k).count()))
        .collect();
    let causes: Vec<(ChurnCause, usize)> = ChurnCause::ALL
        .into_iter()
        .map(|c| (c, events.iter().filter(|e| e.cause == c).count()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="reasons-heading">
            <header class="panel-header"><h2 id="reasons-heading">{move || t.get().churn_reasons}</h2><TableExport file="churn-reasons" /></header>
            <div class="grid-2">
                <table class="data-table" data-testid="churn-kinds">
                    <thead><tr><th scope="col">{move || t.get().churn_kind}</th><th scope="col" class="num">{move || t.get().col_customers}</th></tr></thead>
                    <tbody>
                        {kinds.into_iter().map(|(k, n)| view! { <tr><th scope="row">{move || k.label(t.get())}</th><td class="num">{n}</td></tr> }).collect_view()}
                    </tbody>
                </table>
                <table class="data-table" data-testid="churn-causes">
                    <thead><tr><th scope="col">{move || t.get().churn_cause}</th><th scope="col" class="num">{move || t.get().col_customers}</th></tr></thead>
                    <tbody>
                        {causes.into_iter().map(|(c, n)| view! { <tr><th scope="row">{move || c.label(t.get())}</th><td class="num">{n}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
