//! A customer's quotes on their 360 view: the current version of each, newest first, with its
//! state, total and validity, and a new quote for the customer.

use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::quote::Quote;
use crate::domain::time::format_date;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;

/// The quotes of customer `customer` (`quotes`: every one of theirs, as the page read them).
#[component]
pub fn CustomerQuotes(customer: Id, quotes: Vec<Quote>, in_trash: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let mut current: Vec<Quote> = quotes
        .into_iter()
        .filter(|q| q.deleted_at.is_none() && q.superseded_by.is_none())
        .collect();
    current.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let new_href = format!("{}?customer={customer}", Page::NewQuote.path());
    let today = clock::today();
    view! {
        <section class="panel customer-deals customer-quotes" data-testid="customer-quotes" aria-labelledby="customer-quotes-title">
            <header class="panel-header">
                <h2 id="customer-quotes-title">
                    <Icon icon=lu::LuFileText />
                    {move || t.get().quote_of_customer}
                </h2>
                {(!in_trash).then(|| view! {
                    <A href=new_href attr:class="btn btn-small" attr:data-testid="customer-new-quote">
                        <Icon icon=lu::LuPlus />{move || t.get().quote_new}
                    </A>
                })}
            </header>
            {if current.is_empty() {
                view! { <p class="muted">{move || t.get().quote_of_customer_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="deal-lines">
                        {current.into_iter().take(10).map(|q| {
                            let standing = q.status_on(today);
                            let total = Money::new(q.totals().total, q.currency);
                            let valid = q.valid_until;
                            view! {
                                <li class="deal-line" data-testid="customer-quote">
                                    <A href=Page::Quote(q.id).path() attr:class="mono">{format!("{} v{}", q.number, q.version)}</A>
                                    <span class=standing.badge()>{move || standing.label(t.get())}</span>
                                    <span class="num">{move || total.format(lang.get())}</span>
                                    <span>{move || format_date(valid, lang.get())}</span>
                                </li>
                            }
                        }).collect::<Vec<_>>()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
