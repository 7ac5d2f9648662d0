//! The rep figures: per member, over a period, the deals closed, the win rate, the average
//! amount won and the average cycle — and, opened per member, the same by deal size and by
//! industry.

use super::data::DealsSignal;
use crate::domain::money::{Currency, format_count, format_share, format_whole};
use crate::domain::opportunity::reps::{Record, SizeBand, rep_figures};
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::field::label;
use leptos::prelude::*;

/// The periods offered (days back from today; `None`: every closed deal).
const PERIODS: [Option<i64>; 4] = [Some(90), Some(180), Some(365), None];

/// The rep figures section of the forecast page.
#[component]
pub fn RepFigures(deals: DealsSignal, currency: Signal<Currency>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let period = RwSignal::new(Some(365i64));
    let figures = Memo::new(move |_| {
        let days = period.get();
        let c = currency.get();
        let today = clock::today();
        let from = days.map_or(chrono::NaiveDate::MIN, |d| {
            today - chrono::Duration::days(d - 1)
        });
        deals.with(|d| match d {
            Some(Ok(d)) => ws.index.with(|ix| {
                rep_figures(
                    d.book.deals(),
                    &d.pipeline,
                    c,
                    |id| ix.get(id).map_or("", |s| s.industry.as_str()),
                    from,
                    today,
                )
            }),
            _ => Vec::new(),
        })
    });
    let periods = Signal::derive(move || {
        PERIODS
            .into_iter()
            .map(|p| {
                let text = match p {
                    Some(d) => (t.get().reps_last_days)(d),
                    None => t.get().funnel_all_time.to_string(),
                };
                (p, text)
            })
            .collect::<Vec<_>>()
    });
    let cells = move |r: &Record| {
        let c = currency.get_untracked();
        let l = lang.get_untracked();
        view! {
            <td class="num">{format_count(u64::from(r.closed()))}</td>
            <td class="num">{format_count(u64::from(r.won))}</td>
            <td class="num"><strong>{format_share(r.win_rate())}</strong></td>
            <td class="num">{r.average_won().map(|a| format_whole(a, c, l))}</td>
            <td class="num">{r.average_cycle().map(|d| (t.get_untracked().days_f)(d))}</td>
        }
    };
    view! {
        <section class="panel" aria-labelledby="reps-title" data-testid="rep-figures">
            <div class="panel-header">
                <h2 id="reps-title">{move || t.get().reps_title}</h2>
                <Choice label=label(t, |t| t.reps_period) testid="reps-period" options=periods
                    value=Signal::derive(move || period.get()) on_change=Callback::new(move |v| period.set(v)) />
            </div>
            {move || if figures.with(Vec::is_empty) {
                view! { <p class="muted" data-testid="reps-empty">{move || t.get().reps_empty}</p> }.into_any()
            } else {
                let tx = t.get();
                lang.track();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="reps-title">
                        <table class="data-table reps-table">
                            <thead>
                                <tr>
                                    <th scope="col">{tx.reps_member}</th>
                                    <th scope="col" class="num">{tx.reps_closed}</th>
                                    <th scope="col" class="num">{tx.reps_won}</th>
                                    <th scope="col" class="num">{tx.reps_win_rate}</th>
                                    <th scope="col" class="num">{tx.reps_avg_won}</th>
                                    <th scope="col" class="num">{tx.reps_avg_cycle}</th>
                                </tr>
                            </thead>
                            {figures.get().into_iter().map(|f| {
                                let name = f.member.map_or_else(|| tx.forecast_nobody.to_string(), |id| ws.member_name(Some(id)).unwrap_or_default());
                                let bands = SizeBand::ALL.into_iter().filter_map(|b| f.by_band.get(&b).map(|r| (b.label(tx).to_string(), r.clone()))).collect::<Vec<_>>();
                                let industries = f.by_industry.iter().map(|(i, r)| (if i.is_empty() { tx.reps_no_industry.to_string() } else { i.clone() }, r.clone())).collect::<Vec<_>>();
                                let open = RwSignal::new(false);
                                view! {
                                    <tbody class="reps-member" data-testid="rep-row">
                                        <tr>
                                            <th scope="row">
                                                <button class="link-button" aria-expanded=move || open.get().to_string()
                                                    on:click=move |_| open.update(|o| *o = !*o)>
                                                    {name.clone()}
                                                </button>
                                            </th>
                                            {cells(&f.all)}
                                        </tr>
                                        <Show when=move || open.get()>
                                            <tr class="reps-group"><th colspan="6" scope="colgroup">{tx.reps_by_band}</th></tr>
                                            {bands.iter().map(|(b, r)| view! { <tr class="reps-sub"><th scope="row">{b.clone()}</th>{cells(r)}</tr> }).collect_view()}
                                            <tr class="reps-group"><th colspan="6" scope="colgroup">{tx.reps_by_industry}</th></tr>
                                            {industries.iter().map(|(i, r)| view! { <tr class="reps-sub"><th scope="row">{i.clone()}</th>{cells(r)}</tr> }).collect_view()}
                                        </Show>
                                    </tbody>
                                }
                            }).collect_view()}
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="muted small">{move || t.get().reps_rule}</p>
        </section>
    }
}
