//! Who owned the customer from when: its ownership history, newest first (a customer whose
//! owner never changed shows its one owner since it was created).

use crate::domain::customer::Customer;
use crate::domain::time::format_datetime;
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use leptos::prelude::*;

/// The panel.
#[component]
pub fn OwnerHistory(customer: Customer) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let history = customer.ownership();
    view! {
        <section class="panel" aria-labelledby="owner-history-title" data-testid="owner-history">
            <h2 id="owner-history-title">{move || t.get().deal_owners}</h2>
            <ul class="history-list">
                {move || history.iter().rev().map(|w| {
                    let who = ws.member_name(w.owner_id).unwrap_or_else(|| t.get().unassigned.to_string());
                    let when = format_datetime(clock::local(w.from), lang.get());
                    view! { <li>{who}<span class="muted">{format!(" · {when}")}</span></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}
