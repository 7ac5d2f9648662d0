//! The quotes list: the current version of every quote, newest first, searchable by number,
//! customer, product or pinyin, filtered by where it stands and by owner; the first 200 drawn.

use super::data::use_quote_book;
use crate::domain::money::Money;
use crate::domain::quote::list::{OwnerFilter, QuoteQuery, StandingFilter};
use crate::domain::time::format_date;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::field::label;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;

/// Rows drawn at once.
const SHOWN: usize = 200;

/// The quotes page.
#[component]
pub fn QuotesPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let data = use_quote_book();
    let query = RwSignal::new(QuoteQuery::default());
    let names = Memo::new(move |_| ws.member_names());
    let rows = Memo::new(move |_| {
        let q = query.get();
        let today = clock::today();
        data.with(|d| match d {
            Some(Ok(b)) => b.view(&q, today),
            _ => Vec::new(),
        })
    });
    let owners = Signal::derive(move || {
        let mut o = vec![(OwnerFilter::Anyone, t.get().quotes_all_owners.to_string())];
        o.extend(
            ws.members
                .get()
                .into_iter()
                .map(|m| (OwnerFilter::Member(m.id), m.name)),
        );
        o
    });
    let standings = Signal::derive(move || {
        StandingFilter::ALL
            .into_iter()
            .map(|s| (s, s.label(t.get()).to_string()))
            .collect()
    });
    let none_at_all = Signal::derive(move || {
        data.with(|d| matches!(d, Some(Ok(b)) if b.quotes().iter().all(|q| q.deleted_at.is_some())))
    });
    view! {
        <section class="page page-quotes" data-testid="quotes-page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().quotes_title}</h1>
                    <p class="page-sub">{move || t.get().quotes_sub}</p>
                </div>
                <div class="header-actions">
                    <A href=Page::Products.path() attr:class="btn">
                        <Icon icon=lu::LuPackage />
                        {move || t.get().nav_products}
                    </A>
                    <A href=Page::NewQuote.path() attr:class="btn btn-primary" attr:data-testid="new-quote">
                        <Icon icon=lu::LuPlus />
                        {move || t.get().quote_new}
                    </A>
                </div>
            </header>
            {move || match data.with(|d| d.as_ref().map(|r| r.as_ref().err().cloned())) {
                None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Some(Some(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(None) if none_at_all.get() => view! {
                    <EmptyState
                        icon=lu::LuFileText
                        title=Signal::derive(move || t.get().quotes_empty_title.to_string())
                        body=Signal::derive(move || t.get().quotes_empty_body.to_string())
                    />
                }.into_any(),
                Some(None) => view! {
                    <div class="toolbar quote-toolbar">
                        <div class="search">
                            <Icon icon=lu::LuSearch />
                            <input
                                type="search"
                                data-testid="quote-search"
                                aria-label=move || t.get().quotes_search_label
                                placeholder=move || t.get().quotes_search
                                prop:value=move || query.with(|q| q.text.clone())
                                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))
                            />
                        </div>
                        <Choice label=label(t, |t| t.col_quote_state) testid="quote-standing-filter" options=standings
                            value=Signal::derive(move || query.with(|q| q.standing))
                            on_change=Callback::new(move |v| query.update(|q| q.standing = v)) />
                        <Choice label=label(t, |t| t.deal_owner) testid="quote-owner-filter" options=owners
                            value=Signal::derive(move || query.with(|q| q.owner))
                            on_change=Callback::new(move |v| query.update(|q| q.owner = v)) />
                    </div>
                    {move || if data.with(|d| matches!(d, Some(Ok(b)) if b.is_complete())) {
                        view! {
                            <p class="muted" data-testid="quote-count">
                                {move || {
                                    let n = rows.with(Vec::len);
                                    (t.get().n_quotes_shown)(n.min(SHOWN), n)
                                }}
                            </p>
                        }.into_any()
                    } else {
                        view! { <p class="muted" role="status" data-testid="quote-reading">{move || t.get().quotes_reading_all}</p> }.into_any()
                    }}
                    <Show when=move || rows.with(|r| !r.is_empty()) fallback=move || view! { <p class="muted">{move || t.get().quotes_no_match}</p> }>
                        <div class="table-scroll">
                            <table class="data-table quote-table" data-testid="quote-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t.get().col_quote}</th>
                                        <th scope="col" class="col-customer">{move || t.get().quote_customer}</th>
                                        <th scope="col">{move || t.get().col_quote_state}</th>
                                        <th scope="col" class="num">{move || t.get().col_quote_total}</th>
                                        <th scope="col" class="col-valid">{move || t.get().col_valid}</th>
                                        <th scope="col" class="col-owner">{move || t.get().deal_owner}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || {
                                        let texts = t.get();
                                        let language = lang.get();
                                        let names = names.get();
                                        let today = clock::today();
                                        data.with(|d| {
                                            let Some(Ok(d)) = d else { return Vec::new() };
                                            rows.with(|r| r.iter().take(SHOWN).map(|&i| {
                                                let q = &d.quotes()[i];
                                                let standing = q.status_on(today);
                                                let total = Money::new(q.totals().total, q.currency).format(language);
                                                let number = format!("{} v{}", q.number, q.version);
                                                let (id, customer_id) = (q.id, q.customer_id);
                                                let customer = d.customer(i).to_string();
                                                let owner = q.owner_id.and_then(|m| names.get(&m).cloned()).unwrap_or_default();
                                                let valid = format_date(q.valid_until, language);
                                                view! {
                                                    <tr data-testid="quote-row">
                                                        <td>
                                                            <A href=Page::Quote(id).path() attr:class="row-link mono">{number}</A>
                                                            <span class="cell-sub phone-only">{customer.clone()}</span>
                                                        </td>
                                                        <td class="col-customer"><A href=Page::Customer(customer_id).path()>{customer}</A></td>
                                                        <td><span class=standing.badge()>{standing.label(texts)}</span></td>
                                                        <td class="num">{total}</td>
                                                        <td class="col-valid">{valid}</td>
                                                        <td class="col-owner">{owner}</td>
                                                    </tr>
                                                }
                                            }).collect::<Vec<_>>())
                                        })
                                    }}
                                </tbody>
                            </table>
                        </div>
                    </Show>
                }.into_any(),
            }}
        </section>
    }
}
