//! The pipeline as a table: every deal the filters admit in the chosen order (the first 200
//! drawn), and the whole view exported as CSV in the user's language.

use super::data::{DealsSignal, clock_for};
use crate::domain::opportunity::history::days_in_stage;
use crate::domain::opportunity::list::{DealQuery, ExportWords, export};
use crate::domain::time::format_date;
use crate::ui::clock;
use crate::ui::download::download;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;

/// Rows drawn at once; the count says how many more the view holds.
const SHOWN: usize = 200;

/// The table of the deals `query` admits.
#[component]
pub fn DealTable(deals: DealsSignal, #[prop(into)] query: Signal<DealQuery>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let rows = Memo::new(move |_| {
        let q = query.get();
        deals.with(|d| match d {
            Some(Ok(d)) => d.book.query(&q, &d.pipeline, &clock_for(&d.pipeline)),
            _ => Vec::new(),
        })
    });
    let names = Memo::new(move |_| ws.member_names());
    let export_csv = move |_| {
        let t = t.get_untracked();
        let names = names.get_untracked();
        deals.with_untracked(|d| {
            let Some(Ok(d)) = d else { return };
            let stage = |s: &crate::domain::opportunity::stage::StageId| d.pipeline.label(s, t);
            let customer = |id| super::data::customer_name(ws, id);
            let member = |m: Option<crate::domain::id::Id>| {
                m.and_then(|m| names.get(&m).cloned()).unwrap_or_default()
            };
            let words = ExportWords {
                headers: [
                    t.col_deal,
                    t.deal_customer,
                    t.deal_amount,
                    t.currency,
                    t.deal_probability,
                    t.deal_weighted,
                    t.deal_stage,
                    t.deal_close,
                    t.deal_owner,
                    t.deal_competitors,
                    t.deal_next_step,
                    t.deal_next_step_due,
                    t.col_added,
                ],
                stage: &stage,
                customer: &customer,
                member: &member,
                joiner: if std::ptr::eq(t, &crate::domain::i18n::EN) {
                    "; "
                } else {
                    "、"
                },
                offset_minutes: clock::offset_minutes(),
            };
            let csv = rows.with_untracked(|r| export(&d.book, r, &d.pipeline, &words));
            download("opportunities.csv", "text/csv;charset=utf-8", &csv);
        });
    };
    view! {
        <div class="table-head">
            <p class="muted" data-testid="deal-count">
                {move || {
                    let n = rows.with(Vec::len);
                    (t.get().n_deals_shown)(n.min(SHOWN), n)
                }}
            </p>
            <button class="btn" data-testid="deal-export" on:click=export_csv>
                <Icon icon=lu::LuDownload />
                {move || t.get().deals_export}
            </button>
        </div>
        <div class="table-scroll">
            <table class="data-table deal-table" data-testid="deal-table">
                <thead>
                    <tr>
                        <th scope="col">{move || t.get().col_deal}</th>
                        <th scope="col">{move || t.get().deal_stage}</th>
                        <th scope="col" class="num">{move || t.get().deal_amount}</th>
                        <th scope="col" class="num">{move || t.get().deal_probability}</th>
                        <th scope="col" class="num col-weighted">{move || t.get().deal_weighted}</th>
                        <th scope="col">{move || t.get().col_close}</th>
                        <th scope="col" class="col-owner">{move || t.get().deal_owner}</th>
                        <th scope="col" class="col-step">{move || t.get().deal_next_step}</th>
                        <th scope="col" class="num col-days">{move || t.get().col_days_in_stage}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let texts = t.get();
                        let language = lang.get();
                        let names = names.get();
                        let now = clock::now();
                        deals.with(|d| {
                            let Some(Ok(d)) = d else { return Vec::new() };
                            let clk = clock_for(&d.pipeline);
                            rows.with(|r| r.iter().take(SHOWN).map(|&i| {
                                let o = &d.book.deals()[i];
                                let overdue = o.is_overdue(clk.today);
                                let stale = d.book.is_stale(i, &clk);
                                let weighted = crate::domain::money::Money::new(o.weighted(&d.pipeline), o.amount.currency);
                                let name = o.name.clone();
                                let customer = super::data::customer_name(ws, o.customer_id);
                                view! {
                                    <tr data-testid="deal-row">
                                        <td>
                                            <A href=Page::Opportunity(o.id).path() attr:class="row-link">{name}</A>
                                            <span class="cell-sub">
                                                <A href=Page::Customer(o.customer_id).path()>{customer}</A>
                                            </span>
                                        </td>
                                        <td>{d.pipeline.label(&o.stage, texts)}</td>
                                        <td class="num">{o.amount.format(language)}</td>
                                        <td class="num">{format!("{}%", o.probability(&d.pipeline))}</td>
                                        <td class="num col-weighted">{weighted.format(language)}</td>
                                        <td class:text-danger=overdue>
                                            {format_date(o.close_date, language)}
                                            {stale.then(|| view! { <span class="badge badge-warn">{texts.deal_stale}</span> })}
                                        </td>
                                        <td class="col-owner">{o.owner_id.and_then(|m| names.get(&m).cloned()).unwrap_or_default()}</td>
                                        <td class="col-step">{o.open_step().map(|s| format!("{} · {}", s.text, format_date(s.due, language))).unwrap_or_default()}</td>
                                        <td class="num col-days">{(texts.days_n)(days_in_stage(o, now))}</td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>())
                        })
                    }}
                </tbody>
            </table>
        </div>
    }
}
