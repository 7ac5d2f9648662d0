//! Exporting a report's tables exactly as they are shown.

use crate::domain::export::{ShownTable, shown_tables};
use crate::ui::download::download;
use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The cell texts of the rows `selector` finds in `table`.
fn rows_of(table: &web_sys::Element, selector: &str) -> Vec<Vec<String>> {
    let Ok(rows) = table.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|tr| {
            let cells = tr.children();
            (0..cells.length())
                .filter_map(|j| cells.item(j))
                .filter_map(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
                .map(|c| c.inner_text())
                .collect()
        })
        .collect()
}

/// A button that downloads every table of the panel (`<section>`) it sits in as one CSV file
/// named `file`: the headers and values in the user's language, as on screen, so the export
/// and the report can never disagree.
#[component]
pub fn TableExport(#[prop(into)] file: String) -> impl IntoView {
    let t = use_texts();
    let button = NodeRef::<leptos::html::Button>::new();
    let export = move |_| {
        let Some(section) = button
            .get()
            .and_then(|b| b.closest("section").ok().flatten())
        else {
            return;
        };
        let Ok(found) = section.query_selector_all("table") else {
            return;
        };
        let tables: Vec<ShownTable> = (0..found.length())
            .filter_map(|i| found.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
            .map(|table| {
                let header = rows_of(&table, "thead tr")
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                (header, rows_of(&table, "tbody tr"))
            })
            .collect();
        download(
            &format!("{file}.csv"),
            "text/csv;charset=utf-8",
            &shown_tables(&tables),
        );
    };
    view! {
        <button node_ref=button class="btn btn-small" data-testid="table-export" on:click=export>
            <Icon icon=lu::LuDownload />
            <span>{move || t.get().export_csv}</span>
        </button>
    }
}
