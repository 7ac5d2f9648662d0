//! One promise as an interaction shows it — what, by when (and how long until or since),
//! overdue or done — with the button that marks it done or open again, on a customer's
//! timeline and on a lead's page alike.

use crate::domain::interaction::Commitment;
use crate::domain::time::{format_date, format_relative_day};
use crate::ui::state::{use_lang, use_texts};
use crate::ui::widgets::icon::{Icon, lu};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A promise; `on_toggle` (none where it cannot change) marks it done, or open again.
#[component]
pub fn PromiseLine(
    commitment: Commitment,
    today: NaiveDate,
    on_toggle: Option<Callback<()>>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let c = commitment;
    let open = c.is_open();
    let overdue = c.is_overdue(today);
    view! {
        <div class="commitment" class:commitment-open=open class:commitment-overdue=overdue data-testid="commitment">
            <Icon icon=if open { lu::LuCircleDashed } else { lu::LuCircleCheck } />
            <div class="commitment-body">
                <span class="commitment-text">{c.text.clone()}</span>
                <span class="commitment-due">
                    {move || format!("{} {} · {}", t.get().due, format_date(c.due, lang.get()), format_relative_day(c.due, today, lang.get()))}
                    {overdue.then(|| view! { <span class="badge badge-danger">{move || t.get().overdue}</span> })}
                    {(!open).then(|| view! { <span class="badge badge-ok">{move || t.get().done}</span> })}
                </span>
            </div>
            {on_toggle.map(|toggle| view! {
                <button class="btn btn-small" data-testid="toggle-commitment" on:click=move |_| toggle.run(())>
                    {move || if open { t.get().mark_done } else { t.get().mark_open }}
                </button>
            })}
        </div>
    }
}
