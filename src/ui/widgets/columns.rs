//! Choosing the columns of a customer export (list or segment); the choice is remembered.

use crate::domain::export::Column;
use crate::store;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;

/// The remembered choice (every column when nothing is remembered), saved on change.
pub fn chosen_columns() -> RwSignal<Vec<Column>> {
    let stored: Vec<Column> = store::export_columns()
        .iter()
        .filter_map(|k| Column::parse(k))
        .collect();
    let columns = RwSignal::new(if stored.is_empty() {
        Column::ALL.to_vec()
    } else {
        stored
    });
    Effect::new(move |_| {
        let keys: Vec<String> = columns.get().iter().map(|c| c.key().to_string()).collect();
        store::set_export_columns(&keys);
    });
    columns
}

/// A fold-out list of checkboxes, one per column.
#[component]
pub fn ColumnChooser(columns: RwSignal<Vec<Column>>) -> impl IntoView {
    let t = use_texts();
    view! {
        <details class="column-chooser" data-testid="column-chooser">
            <summary class="btn">
                {move || (t.get().export_columns)(columns.with(Vec::len), Column::ALL.len())}
            </summary>
            <ColumnList columns=columns />
        </details>
    }
}

/// The checkboxes, one per column.
#[component]
pub fn ColumnList(columns: RwSignal<Vec<Column>>) -> impl IntoView {
    let lang = use_lang();
    view! {
            <div class="column-list">
                {Column::ALL.into_iter().map(|c| view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid=format!("column-{}", c.key())
                            prop:checked=move || columns.with(|v| v.contains(&c))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                columns.update(|v| {
                                    v.retain(|x| *x != c);
                                    if on {
                                        v.push(c);
                                    }
                                    // Never none: an empty choice would export every column.
                                    if v.is_empty() {
                                        v.push(Column::Name);
                                    }
                                });
                            }
                        />
                        {move || c.header(lang.get())}
                    </label>
                }).collect_view()}
            </div>
    }
}
