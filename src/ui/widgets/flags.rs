//! The flag a customer with an open complaint carries on every screen that names them.

use crate::domain::summary::Activity;
use crate::ui::clock;
use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// "Open complaint" (red once a complaint is past its deadline); nothing when none is open.
#[component]
pub fn ComplaintFlag(
    /// The customer's activity figures.
    activity: Activity,
    /// Icon and text (`false`: text only, for dense tables).
    #[prop(optional)]
    with_icon: bool,
) -> impl IntoView {
    let t = use_texts();
    let overdue = activity.has_overdue_complaint(clock::now());
    (activity.open_complaints > 0).then(|| {
        view! {
            <span
                class="badge badge-complaint"
                class:badge-danger=overdue
                data-testid="complaint-flag"
                title=move || t.get().badge_complaint
            >
                {with_icon.then(|| view! { <Icon icon=lu::LuMessageSquareWarning /> })}
                <span class="badge-text">{move || t.get().badge_complaint}</span>
            </span>
        }
    })
}
