//! The column mapping: each column of the file, its first values, and the field it fills.

use super::wizard::Wizard;
use crate::domain::import::Target;
use crate::ui::state::use_texts;
use leptos::prelude::*;

/// Sample values shown per column.
const SAMPLES: usize = 3;

/// One row per column of the file, with a field picker.
#[component]
pub fn MappingTable(wizard: Wizard) -> impl IntoView {
    let t = use_texts();
    let rows = move || {
        let Some(loaded) = wizard.loaded.get() else {
            return Vec::new();
        };
        let header = loaded.table.header.clone();
        header
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let samples: Vec<String> = loaded
                    .table
                    .rows
                    .iter()
                    .filter_map(|r| r.cells.as_ref().ok())
                    .filter_map(|c| c.get(i))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .take(SAMPLES)
                    .map(str::to_string)
                    .collect();
                (i, name, samples.join(" · "))
            })
            .collect()
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || t.get().import_mapping>
            <table class="data-table compact mapping-table" data-testid="import-mapping">
                <thead>
                    <tr>
                        <th scope="col">{move || t.get().import_col_file}</th>
                        <th scope="col">{move || t.get().import_col_sample}</th>
                        <th scope="col">{move || t.get().import_col_field}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|(i, name, _)| (*i, name.clone()) let:((i, name, samples))>
                        <tr>
                            <th scope="row">{name.clone()}</th>
                            <td class="muted sample-cell">{samples}</td>
                            <td>
                                <select
                                    aria-label=name.clone()
                                    data-testid=format!("map-{i}")
                                    on:change=move |ev| wizard.set_column(i, Target::from_key(&event_target_value(&ev)))
                                    prop:value=move || wizard.mapping.with(|m| m.0.get(i).copied().flatten().map_or("", |t| t.key()))
                                >
                                    <option value="">{move || t.get().import_ignore}</option>
                                    {move || {
                                        let t = t.get();
                                        let current = wizard.mapping.with(|m| m.0.get(i).copied().flatten());
                                        wizard.kind.get().targets().iter().map(|target| {
                                            let required = wizard.kind.get_untracked().required().contains(target);
                                            let label = if required { format!("{} *", target.label(t)) } else { target.label(t).to_string() };
                                            view! { <option value=target.key() selected=current == Some(*target)>{label}</option> }
                                        }).collect_view()
                                    }}
                                </select>
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}
