//! An editable list of values (phones, e-mails) with add and remove buttons.

use crate::domain::validate::{Field, FieldError};
use crate::ui::state::use_texts;
use crate::ui::widgets::field::{TextField, error_for, field_id};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// A list of phone numbers or e-mail addresses, one input each. Entries are keyed by position
/// and read their value reactively, so typing never re-creates (and unfocuses) an input.
#[component]
pub fn ListInput(
    /// DOM id prefix of the form.
    prefix: &'static str,
    field: Field,
    label: Signal<String>,
    add_label: Signal<String>,
    kind: &'static str,
    values: Signal<Vec<String>>,
    set: Callback<Vec<String>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let t = use_texts();
    // Always show at least one box.
    let shown = Signal::derive(move || {
        let v = values.get();
        if v.is_empty() { vec![String::new()] } else { v }
    });
    let count = Memo::new(move |_| shown.with(Vec::len));
    view! {
        <div class="list-input">
            <For
                each=move || 0..count.get()
                key=|i| *i
                children=move |i| {
                    let entry_label = Signal::derive(move || {
                        if count.get() > 1 { (t.get().entry_n)(&label.get(), i + 1) } else { label.get() }
                    });
                    view! {
                        <div class="list-entry">
                            <TextField
                                id=field_id(prefix, field, Some(i))
                                kind=kind
                                label=entry_label
                                value=Signal::derive(move || shown.with(|l| l.get(i).cloned().unwrap_or_default()))
                                on_input=Callback::new(move |v: String| {
                                    let mut all = shown.get_untracked();
                                    if let Some(slot) = all.get_mut(i) {
                                        *slot = v;
                                    }
                                    set.run(all);
                                })
                                error=error_for(errors, field, Some(i))
                                inputmode=if kind == "tel" { "tel" } else { "email" }
                                autocomplete=if kind == "tel" { "tel" } else { "email" }
                                class="grow"
                            />
                            <Show when=move || { count.get() > 1 }>
                                <button
                                    type="button"
                                    class="btn-icon list-remove"
                                    aria-label=move || format!("{} {}", t.get().remove, entry_label.get())
                                    on:click=move |_| {
                                        let mut all = shown.get_untracked();
                                        if i < all.len() {
                                            all.remove(i);
                                        }
                                        set.run(all);
                                    }
                                >
                                    <Icon icon=lu::LuX />
                                </button>
                            </Show>
                        </div>
                    }
                }
            />
            <button
                type="button"
                class="btn btn-ghost btn-small"
                on:click=move |_| {
                    let mut all = shown.get_untracked();
                    all.push(String::new());
                    set.run(all);
                }
            >
                <Icon icon=lu::LuPlus />
                {move || add_label.get()}
            </button>
        </div>
    }
}
