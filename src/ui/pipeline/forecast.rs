//! The forecast page (`/pipeline/forecast`): the weighted pipeline by expected month against
//! what was won in the months before, the same by owner, the deals past their close date, and
//! the rep figures beneath.

use super::data::{DealsSignal, use_deals};
use super::reps::RepFigures;
use crate::domain::lang::Lang;
use crate::domain::money::{Currency, format_count, format_whole};
use crate::domain::opportunity::forecast::{Forecast, MonthRow, OwnerRow, currencies};
use crate::domain::opportunity::list::{DealQuery, Flag};
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::field::label;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The page.
#[component]
pub fn ForecastPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let deals: DealsSignal = use_deals();
    let chosen = RwSignal::new(None::<Currency>);
    let back = RwSignal::new(6u32);
    let ahead = RwSignal::new(6u32);
    let offered = Memo::new(move |_| {
        deals.with(|d| match d {
            Some(Ok(d)) => currencies(d.book.deals()),
            _ => Vec::new(),
        })
    });
    let currency = Signal::derive(move || {
        chosen
            .get()
            .or_else(|| offered.with(|c| c.first().copied()))
            .unwrap_or_default()
    });
    let forecast = Memo::new(move |_| {
        let (c, b, a) = (currency.get(), back.get(), ahead.get());
        deals.with(|d| match d {
            Some(Ok(d)) => Some(Forecast::build(
                d.book.deals(),
                &d.pipeline,
                c,
                clock::today(),
                b,
                a,
            )),
            _ => None,
        })
    });
    let months = move |n: &[u32]| {
        n.iter()
            .map(|&m| (m, (t.get_untracked().forecast_months_n)(m)))
            .collect::<Vec<_>>()
    };
    let back_options = Signal::derive(move || {
        t.track();
        months(&[3, 6, 12])
    });
    let ahead_options = Signal::derive(move || {
        t.track();
        months(&[3, 6, 12])
    });

    view! {
        <section class="page page-forecast" data-testid="forecast-page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().forecast_title}</h1>
                    <p class="page-sub">{move || t.get().forecast_intro}</p>
                </div>
                <div class="header-actions">
                    <A href=Page::Pipeline.path() attr:class="btn">
                        <Icon icon=lu::LuKanban />
                        {move || t.get().nav_pipeline}
                    </A>
                </div>
            </header>
            <div class="toolbar">
                <Show when=move || offered.with(|c| c.len() > 1)>
                    <Choice label=label(t, |t| t.forecast_currency) testid="forecast-currency"
                        options=Signal::derive(move || offered.get().into_iter().map(|c| (c, c.code().to_string())).collect())
                        value=currency
                        on_change=Callback::new(move |c| chosen.set(Some(c))) />
                </Show>
                <Choice label=label(t, |t| t.forecast_back) testid="forecast-back" options=back_options
                    value=Signal::derive(move || back.get()) on_change=Callback::new(move |v| back.set(v)) />
                <Choice label=label(t, |t| t.forecast_ahead) testid="forecast-ahead" options=ahead_options
                    value=Signal::derive(move || ahead.get()) on_change=Callback::new(move |v| ahead.set(v)) />
            </div>
            {move || match (deals.with(|d| d.as_ref().map(|r| r.as_ref().err().cloned())), forecast.get()) {
                (None, _) => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                (Some(Some(e)), _) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                (_, Some(f)) => view! { <ForecastBody forecast=f lang=lang /> }.into_any(),
                (_, None) => ().into_any(),
            }}
            <p class="muted small">{move || t.get().forecast_rule}</p>
            <RepFigures deals=deals currency=currency />
        </section>
    }
}

fn money(d: Decimal, c: Currency, lang: Lang) -> String {
    format_whole(d, c, lang)
}

#[component]
fn ForecastBody(forecast: Forecast, lang: Signal<Lang>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let today = clock::today();
    let c = forecast.currency;
    let this = crate::domain::opportunity::forecast::Month::of(today);
    let current = forecast.months.iter().find(|r| r.month == this).cloned();
    let ahead = forecast.ahead_weighted(today);
    let best: Decimal = forecast
        .months
        .iter()
        .filter(|r| r.month >= this)
        .map(|r| r.open.amount)
        .sum::<Decimal>()
        + forecast.later.amount;
    let average = forecast.past_average(today);
    let overdue = forecast.overdue.clone();
    let overdue_link = crate::ui::routes::with_query(
        Page::Pipeline.path(),
        &[
            DealQuery {
                flag: Flag::Overdue,
                ..DealQuery::default()
            }
            .to_params(),
            vec![("view", "table".into())],
        ]
        .concat(),
    );
    let max = forecast
        .months
        .iter()
        .map(|r| r.won.amount + r.open.amount)
        .chain([forecast.later.amount])
        .max()
        .unwrap_or_default();
    let other = forecast.other_currency;
    let rows = forecast.months.clone();
    let later = forecast.later.clone();
    let owners = forecast.owners.clone();
    let month_row = move |r: MonthRow| {
        let l = lang.get_untracked();
        let past = r.month < this;
        view! {
            <tr class:current-row=r.month == this data-testid="forecast-month">
                <th scope="row">{r.month.label()}</th>
                <td class="num">{money(r.won.amount, c, l)}<span class="row-sub">{(r.won.count > 0).then(|| (t.get_untracked().n_deals)(r.won.count))}</span></td>
                <td class="num">{(!past).then(|| money(r.open.weighted, c, l))}</td>
                <td class="num">{(!past).then(|| money(r.open.amount, c, l))}<span class="row-sub">{(r.open.count > 0).then(|| (t.get_untracked().n_deals)(r.open.count))}</span></td>
                <td class="num"><strong>{money(r.expected(), c, l)}</strong></td>
                <td class="fc-bar-cell" aria-hidden="true"><Bar won=r.won.amount weighted=r.open.weighted open=r.open.amount max=max /></td>
            </tr>
        }
    };
    let owner_row = move |r: OwnerRow| {
        let l = lang.get_untracked();
        let name = r.owner.map_or_else(
            || t.get_untracked().forecast_nobody.to_string(),
            |id| ws.member_name(Some(id)).unwrap_or_default(),
        );
        let late = r.overdue.count > 0;
        view! {
            <tr data-testid="forecast-owner">
                <th scope="row">{name}</th>
                <td class="num">{format_count(r.open.count as u64)}</td>
                <td class="num">{money(r.open.amount, c, l)}</td>
                <td class="num"><strong>{money(r.open.weighted, c, l)}</strong></td>
                <td class="num">{money(r.this_month.weighted, c, l)}</td>
                <td class="num" class:late-text=late>{(r.overdue.count > 0).then(|| format!("{} · {}", format_count(r.overdue.count as u64), money(r.overdue.amount, c, l)))}</td>
                <td class="num">{money(r.won.amount, c, l)}</td>
            </tr>
        }
    };
    let stat =
        move |label: &'static str, value: String, sub: Option<String>, testid: &'static str| {
            view! {
                <div class="stat" data-testid=testid>
                    <span class="stat-label">{label}</span>
                    <strong class="stat-value">{value}</strong>
                    {sub.map(|s| view! { <span class="stat-sub">{s}</span> })}
                </div>
            }
        };
    view! {
        {move || {
            let tx = t.get();
            let l = lang.get();
            let late = overdue.count > 0;
            let (won_now, expected_now) = current.as_ref().map_or((Decimal::ZERO, Decimal::ZERO), |r| (r.won.amount, r.expected()));
            view! {
                <section class="totals forecast-figures" aria-label=tx.forecast_title data-testid="forecast-figures">
                    {stat(tx.forecast_ahead_weighted, money(ahead, c, l), Some(format!("{} {}", tx.forecast_best_case, money(best, c, l))), "forecast-ahead")}
                    {stat(tx.forecast_expected_this_month, money(expected_now, c, l), Some(format!("{} {}", tx.forecast_won_this_month, money(won_now, c, l))), "forecast-this-month")}
                    {stat(tx.forecast_past_average, average.map_or_else(|| "—".into(), |a| money(a, c, l)), None, "forecast-average")}
                    <A href=overdue_link.clone() attr:class="stat stat-link" class:stat-alert=late attr:data-testid="forecast-overdue">
                        <span class="stat-label">{tx.forecast_overdue}</span>
                        <strong class="stat-value">{(tx.n_deals)(overdue.count)}</strong>
                        <span class="stat-sub">{money(overdue.amount, c, l)}</span>
                    </A>
                </section>
            }
        }}
        <section class="panel" aria-labelledby="fc-month-title">
            <h2 id="fc-month-title">{move || t.get().forecast_by_month}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="fc-month-title">
                <table class="data-table forecast-table" data-testid="forecast-months">
                    <thead>
                        <tr>
                            <th scope="col">{move || t.get().forecast_month}</th>
                            <th scope="col" class="num">{move || t.get().forecast_won}</th>
                            <th scope="col" class="num">{move || t.get().forecast_weighted}</th>
                            <th scope="col" class="num">{move || t.get().forecast_open}</th>
                            <th scope="col" class="num">{move || t.get().forecast_expected}</th>
                            <th scope="col"><span class="sr-only">{move || t.get().forecast_expected}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            lang.track();
                            rows.clone().into_iter().map(month_row).collect_view()
                        }}
                        {move || {
                            let l = lang.get();
                            let later = later.clone();
                            (later.count > 0).then(|| view! {
                                <tr data-testid="forecast-later">
                                    <th scope="row">{move || t.get().forecast_later}</th>
                                    <td></td>
                                    <td class="num">{money(later.weighted, c, l)}</td>
                                    <td class="num">{money(later.amount, c, l)}<span class="row-sub">{(t.get().n_deals)(later.count)}</span></td>
                                    <td class="num"><strong>{money(later.weighted, c, l)}</strong></td>
                                    <td class="fc-bar-cell" aria-hidden="true"><Bar won=Decimal::ZERO weighted=later.weighted open=later.amount max=max /></td>
                                </tr>
                            })
                        }}
                    </tbody>
                </table>
            </div>
            {(other > 0).then(|| view! { <p class="muted small" data-testid="forecast-other">{move || (t.get().forecast_other_currency)(other, c.code())}</p> })}
        </section>
        <section class="panel" aria-labelledby="fc-owner-title">
            <h2 id="fc-owner-title">{move || t.get().forecast_by_owner}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="fc-owner-title">
                <table class="data-table" data-testid="forecast-owners">
                    <thead>
                        <tr>
                            <th scope="col">{move || t.get().forecast_owner}</th>
                            <th scope="col" class="num">{move || t.get().forecast_open_deals}</th>
                            <th scope="col" class="num">{move || t.get().forecast_best_case}</th>
                            <th scope="col" class="num">{move || t.get().deal_weighted}</th>
                            <th scope="col" class="num">{move || t.get().forecast_this_month}</th>
                            <th scope="col" class="num">{move || t.get().forecast_overdue}</th>
                            <th scope="col" class="num">{move || t.get().forecast_won}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            lang.track();
                            owners.clone().into_iter().map(owner_row).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// A month's bar: won, then weighted open, then the rest of the best case, against the
/// largest month.
#[component]
fn Bar(won: Decimal, weighted: Decimal, open: Decimal, max: Decimal) -> impl IntoView {
    let share = |d: Decimal| {
        if max.is_zero() {
            0.0
        } else {
            (d / max).to_f64().unwrap_or(0.0) * 100.0
        }
    };
    let rest = (open - weighted).max(Decimal::ZERO);
    view! {
        <span class="fc-bar">
            <span class="fc-won" style:width=format!("{:.2}%", share(won))></span>
            <span class="fc-weighted" style:width=format!("{:.2}%", share(weighted))></span>
            <span class="fc-rest" style:width=format!("{:.2}%", share(rest))></span>
        </span>
    }
}
