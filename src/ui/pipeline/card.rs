//! One deal on the board: its name and customer, amount, expected close (flagged when past),
//! owner, days in its stage, and whether it has gone quiet. A card is dragged to another
//! column, or focused and moved with Shift + ← / →.

use crate::domain::opportunity::Opportunity;
use crate::domain::time::format_date;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;
use leptos_router::components::A;

/// What a card shows besides the deal.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CardFacts {
    pub customer: String,
    pub owner: Option<String>,
    pub overdue: bool,
    pub stale: bool,
    pub probability: u8,
    /// Days in its stage.
    pub days: i64,
}

/// A deal's card; `on_step` moves it one stage back (−1) or on (+1).
#[component]
pub fn DealCard(deal: Opportunity, facts: CardFacts, on_step: Callback<isize>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let id = deal.id;
    let amount = deal.amount;
    let close = deal.close_date;
    let CardFacts {
        customer,
        owner,
        overdue,
        stale,
        probability,
        days,
    } = facts;
    let closed = !deal.is_open();
    view! {
        <li
            class="deal-card"
            class:deal-overdue=overdue
            tabindex="0"
            draggable="true"
            data-testid="deal-card"
            data-deal=id.to_string()
            aria-keyshortcuts="Shift+ArrowLeft Shift+ArrowRight"
            on:dragstart=move |ev: web_sys::DragEvent| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &id.to_string());
                    dt.set_effect_allowed("move");
                }
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if !ev.shift_key() || closed {
                    return;
                }
                let step = match ev.key().as_str() {
                    "ArrowRight" => 1,
                    "ArrowLeft" => -1,
                    _ => return,
                };
                ev.prevent_default();
                on_step.run(step);
            }
        >
            <A href=Page::Opportunity(id).path() attr:class="deal-name">{deal.name.clone()}</A>
            <span class="deal-customer">{customer}</span>
            <span class="deal-amount">{move || amount.format(lang.get())}</span>
            <span class="deal-meta">
                <span class="deal-close" class:text-danger=overdue title=move || if overdue { t.get().deal_overdue } else { "" }>
                    {move || format_date(close, lang.get())}
                </span>
                <span class="deal-probability">{format!("{probability}%")}</span>
                <span class="deal-days" title=move || t.get().deal_time_in_stage>{move || (t.get().days_n)(days)}</span>
            </span>
            <span class="deal-foot">
                <span class="deal-owner">{owner.unwrap_or_else(|| "—".into())}</span>
                {overdue.then(|| view! { <span class="badge badge-danger">{move || t.get().deal_overdue}</span> })}
                {stale.then(|| view! { <span class="badge badge-warn" data-testid="deal-stale">{move || t.get().deal_stale}</span> })}
            </span>
        </li>
    }
}
