//! The customer's deals on their 360 view: the open ones with stage, amount and expected
//! close (flagged when past), how many were won and lost, and a new deal for this customer.

use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::time::format_date;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The deals of customer `customer` (`deals`: every one of theirs, as the page read them).
#[component]
pub fn CustomerDeals(customer: Id, deals: Vec<Opportunity>, in_trash: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let pipeline = RwSignal::new(Pipeline::default());
    Effect::new(move |_| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            if let Ok(p) = store::pipeline(&db).await {
                pipeline.try_set(p);
            }
        });
    });
    let live: Vec<Opportunity> = deals
        .into_iter()
        .filter(|o| o.deleted_at.is_none())
        .collect();
    let won = live
        .iter()
        .filter(|o| !o.is_open() && o.closing.as_ref().is_some_and(|c| c.reason.is_none()))
        .count();
    let lost = live.iter().filter(|o| !o.is_open()).count() - won;
    let open: Vec<Opportunity> = live.into_iter().filter(Opportunity::is_open).collect();
    let new_href = format!("{}?customer={customer}", Page::NewOpportunity.path());
    let today = clock::today();
    view! {
        <section class="panel customer-deals" data-testid="customer-deals" aria-labelledby="customer-deals-title">
            <header class="panel-header">
                <h2 id="customer-deals-title">
                    <Icon icon=lu::LuKanban />
                    {move || t.get().deals_of_customer}
                </h2>
                <span class="muted">{move || format!("{} {won} · {} {lost}", t.get().deal_closed_won, t.get().deal_closed_lost)}</span>
                {(!in_trash).then(|| view! {
                    <A href=new_href attr:class="btn btn-small" attr:data-testid="customer-new-deal">
                        <Icon icon=lu::LuPlus />{move || t.get().deal_new}
                    </A>
                })}
            </header>
            {if open.is_empty() {
                view! { <p class="muted">{move || t.get().deals_of_customer_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="deal-lines">
                        {open.into_iter().map(|o| {
                            let overdue = o.is_overdue(today);
                            let stage = o.stage.clone();
                            view! {
                                <li class="deal-line" data-testid="customer-deal">
                                    <A href=Page::Opportunity(o.id).path()>{o.name.clone()}</A>
                                    <span class="badge">{move || pipeline.with(|p| p.label(&stage, t.get()))}</span>
                                    <span class="num">{move || o.amount.format(lang.get())}</span>
                                    <span class:text-danger=overdue>{move || format_date(o.close_date, lang.get())}</span>
                                </li>
                            }
                        }).collect::<Vec<_>>()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
