//! The "mark done" button of a promise, wherever promises are listed (the commitments page,
//! my day, the next step on a customer's page).

use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// Marks a promise done.
#[component]
pub fn DoneButton(
    /// What marking it done does.
    on_done: Callback<()>,
    /// A test id, where a test needs one.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <button class="btn btn-small" data-testid=testid on:click=move |_| on_done.run(())>
            <Icon icon=lu::LuCheck />
            {move || t.get().mark_done}
        </button>
    }
}
