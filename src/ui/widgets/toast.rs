//! Short notices at the bottom of the screen, some with an action (Undo).

use super::icon::{Icon, lu};
use crate::domain::error::AppError;
use crate::ui::state::use_texts;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// One notice.
#[derive(Clone, PartialEq)]
pub struct Toast {
    id: u64,
    message: String,
    error: bool,
    /// Label of the action button, if the notice has one.
    action: Option<String>,
}

type Action = (u64, Rc<dyn Fn()>);

/// The notices on screen.
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    /// The action behind each notice that has one (closures stay on this thread).
    actions: StoredValue<Vec<Action>, LocalStorage>,
    next: StoredValue<u64>,
    /// The messages, captured at creation: errors are often reported from async tasks that run
    /// outside any component, where contexts cannot be looked up.
    texts: Signal<&'static crate::domain::i18n::Texts>,
}

impl Toasts {
    fn push(self, message: String, error: bool, action: Option<(String, Rc<dyn Fn()>)>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        let label = action.map(|(label, f)| {
            self.actions.update_value(|a| a.push((id, f)));
            label
        });
        self.items.update(|t| {
            t.push(Toast {
                id,
                message,
                error,
                action: label,
            });
            // Keep the stack short.
            if t.len() > 4 {
                let gone = t.remove(0).id;
                self.actions.update_value(|a| a.retain(|x| x.0 != gone));
            }
        });
        let millis = if error { 12_000 } else { 7_000 };
        set_timeout(move || self.dismiss(id), Duration::from_millis(millis));
    }

    /// A confirmation.
    pub fn info(self, message: impl Into<String>) {
        self.push(message.into(), false, None);
    }

    /// A confirmation with an action button (Undo).
    pub fn with_action(
        self,
        message: impl Into<String>,
        label: impl Into<String>,
        action: impl Fn() + 'static,
    ) {
        self.push(message.into(), false, Some((label.into(), Rc::new(action))));
    }

    /// A failure the caller words itself (already in the user's language).
    pub fn problem(self, message: impl Into<String>) {
        self.push(message.into(), true, None);
    }

    /// A failure, in the user's language.
    pub fn error(self, e: &AppError) {
        let t = self.texts.get_untracked();
        self.push(e.message(t), true, None);
    }

    fn dismiss(self, id: u64) {
        self.items.update(|t| t.retain(|x| x.id != id));
        self.actions.update_value(|a| a.retain(|x| x.0 != id));
    }

    fn act(self, id: u64) {
        let f = self
            .actions
            .with_value(|a| a.iter().find(|x| x.0 == id).map(|x| x.1.clone()));
        self.dismiss(id);
        if let Some(f) = f {
            f();
        }
    }
}

/// Creates the notice stack and provides it.
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts {
        items: RwSignal::new(Vec::new()),
        actions: StoredValue::new_local(Vec::new()),
        next: StoredValue::new(0),
        texts: use_texts(),
    };
    provide_context(toasts);
    toasts
}

/// The notice stack.
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Shows the notices; polite live region so screen readers announce them.
#[component]
pub fn ToastHost() -> impl IntoView {
    let toasts = use_toasts();
    let t = use_texts();
    view! {
        <div class="toasts" role="status" aria-live="polite" data-testid="toasts">
            <For
                each=move || toasts.items.get()
                key=|toast| toast.id
                children=move |toast| {
                    let id = toast.id;
                    let action = toast.action.clone();
                    view! {
                        <div class="toast" class:toast-error=toast.error>
                            <span class="toast-message">{toast.message.clone()}</span>
                            {action.map(|label| view! {
                                <button class="btn btn-link" data-testid="toast-action" on:click=move |_| toasts.act(id)>{label}</button>
                            })}
                            <button
                                class="btn-icon"
                                aria-label=move || t.get().dismiss
                                on:click=move |_| toasts.dismiss(id)
                            >
                                <Icon icon=lu::LuX />
                            </button>
                        </div>
                    }
                }
            />
        </div>
    }
}
