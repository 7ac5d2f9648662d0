//! A modal dialog on the native `<dialog>` element: the browser traps focus, Esc closes it,
//! and the page behind is inert.

use super::icon::{Icon, lu};
use crate::ui::state::use_texts;
use leptos::html;
use leptos::prelude::*;

/// A dialog shown while `open` is true. Closing it (Esc, the close button, a click on the
/// backdrop) calls `on_close`.
#[component]
pub fn Modal(
    /// Whether the dialog is shown.
    #[prop(into)]
    open: Signal<bool>,
    /// Called when the user closes it.
    on_close: Callback<()>,
    /// Heading text.
    #[prop(into)]
    title: Signal<String>,
    /// Extra class on the dialog (size variants: `modal-wide`, `modal-palette`).
    #[prop(optional)]
    class: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let t = use_texts();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            class=format!("modal {class}")
            aria-labelledby="modal-title"
            on:cancel=move |ev: web_sys::Event| {
                // Esc: let the owner decide (it may be composing text or have unsaved input).
                ev.prevent_default();
                on_close.run(());
            }
            on:click=move |ev| {
                // A click on the backdrop lands on the dialog element itself.
                let target = event_target::<web_sys::Element>(&ev);
                if target.tag_name().eq_ignore_ascii_case("dialog") {
                    on_close.run(());
                }
            }
        >
            <Show when=move || open.get()>
                <div class="modal-body">
                    <header class="modal-header">
                        <h2 id="modal-title">{move || title.get()}</h2>
                        <button class="btn-icon" aria-label=move || t.get().close on:click=move |_| on_close.run(())>
                            <Icon icon=lu::LuX />
                        </button>
                    </header>
                    {children()}
                </div>
            </Show>
        </dialog>
    }
}
