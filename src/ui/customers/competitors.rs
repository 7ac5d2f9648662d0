//! The competitors-at-this-customer block of the customer form.

use crate::domain::customer::CustomerInput;
use crate::domain::validate::{Field, FieldError};
use crate::ui::state::use_texts;
use crate::ui::widgets::field::{TextField, error_for, field_id};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// Competitors present at the customer (name and notes each), keyed by position like
/// [`ListInput`].
#[component]
pub fn Competitors(
    input: RwSignal<CustomerInput>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let t = use_texts();
    let count = Memo::new(move |_| input.with(|i| i.competitors.len()));
    let get = move |i: usize, second: bool| {
        input.with(|x| {
            x.competitors
                .get(i)
                .map(|c| if second { c.1.clone() } else { c.0.clone() })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="competitors">
            <For
                each=move || 0..count.get()
                key=|i| *i
                children=move |i| view! {
                    <div class="competitor">
                        <TextField
                            id=field_id("cf", Field::Competitor, Some(i))
                            label=Signal::derive(move || t.get().competitor_name.to_string())
                            value=Signal::derive(move || get(i, false))
                            on_input=Callback::new(move |v: String| input.update(|x| {
                                if let Some(c) = x.competitors.get_mut(i) { c.0 = v; }
                            }))
                            error=error_for(errors, Field::Competitor, Some(i))
                        />
                        <TextField
                            id=format!("cf-competitor-notes-{i}")
                            label=Signal::derive(move || t.get().competitor_notes.to_string())
                            value=Signal::derive(move || get(i, true))
                            on_input=Callback::new(move |v: String| input.update(|x| {
                                if let Some(c) = x.competitors.get_mut(i) { c.1 = v; }
                            }))
                            class="grow"
                        />
                        <button
                            type="button"
                            class="btn-icon list-remove"
                            aria-label=move || t.get().remove
                            on:click=move |_| input.update(|x| {
                                if i < x.competitors.len() { x.competitors.remove(i); }
                            })
                        >
                            <Icon icon=lu::LuX />
                        </button>
                    </div>
                }
            />
            <button
                type="button"
                class="btn btn-ghost btn-small"
                on:click=move |_| input.update(|x| x.competitors.push((String::new(), String::new())))
            >
                <Icon icon=lu::LuPlus />
                {move || t.get().add_competitor}
            </button>
        </div>
    }
}
