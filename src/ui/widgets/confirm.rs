//! A yes/no confirmation for destructive actions.

use super::modal::Modal;
use crate::ui::state::use_texts;
use leptos::prelude::*;

/// Asks before doing something that cannot be undone. `open` holds the question while shown.
#[component]
pub fn Confirm(
    /// The question, or `None` when closed.
    question: RwSignal<Option<String>>,
    /// Label of the confirming button.
    #[prop(into)]
    confirm_label: Signal<String>,
    /// What to do on confirmation.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let close = Callback::new(move |_| question.set(None));
    view! {
        <Modal
            open=Signal::derive(move || question.with(Option::is_some))
            on_close=close
            title=Signal::derive(move || t.get().confirm.to_string())
        >
            <p class="confirm-question">{move || question.get().unwrap_or_default()}</p>
            <div class="form-actions">
                <button class="btn" on:click=move |_| question.set(None)>{move || t.get().cancel}</button>
                <button
                    class="btn btn-danger"
                    data-testid="confirm-yes"
                    on:click=move |_| {
                        question.set(None);
                        on_confirm.run(());
                    }
                >
                    {move || confirm_label.get()}
                </button>
            </div>
        </Modal>
    }
}
