//! Exporting the customer list as it is filtered: the chosen columns (remembered), localised
//! headers, UTF-8 with a byte-order mark, formula-like cells neutralised. Opening it starts the
//! analysis, so the class columns are filled in.

use crate::domain::export;
use crate::domain::time::date_input_value;
use crate::ui::clock;
use crate::ui::download::download;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::columns::{ColumnList, chosen_columns};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;

/// The "export" fold-out of the list.
#[component]
pub fn ListExport(rows: Memo<Vec<u32>>) -> impl IntoView {
    let t = use_texts();
    let open = RwSignal::new(false);
    view! {
        <details class="list-export" data-testid="list-export" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            let now = ev
                .target()
                .and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            open.set(now);
        }>
            <summary class="btn"><Icon icon=lu::LuDownload />{move || t.get().export_csv}</summary>
            {move || open.get().then(|| view! { <ExportPanel rows=rows /> })}
        </details>
    }
}

#[component]
fn ExportPanel(rows: Memo<Vec<u32>>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let insights = use_insights();
    insights.require();
    let columns = chosen_columns();
    let ready = Memo::new(move |_| {
        let analysed = insights.now.with(|a| !a.customers.is_empty());
        analysed || rows.with(Vec::is_empty)
    });
    let export = move |_| {
        let lang = lang.get_untracked();
        let analysis = insights.now.get_untracked();
        let names = ws.member_names();
        let chosen = columns.get_untracked();
        let (document, n) = rows.with_untracked(|r| {
            ws.index.with_untracked(|ix| {
                let list: Vec<_> = r
                    .iter()
                    .map(|&p| export::row(ix.row(p), &analysis, &names))
                    .collect();
                (export::customers(&chosen, list, lang), r.len())
            })
        });
        let file = format!("customers-{}.csv", date_input_value(clock::today()));
        if download(&file, "text/csv;charset=utf-8", &document) {
            toasts.info((t.get_untracked().exported)(n));
        }
    };
    view! {
        <div class="export-panel">
            <ColumnList columns=columns />
            <div class="form-actions start">
                <button class="btn btn-primary" data-testid="list-export-go" disabled=move || !ready.get() on:click=export>
                    {move || if ready.get() { (t.get().export_n)(rows.with(Vec::len)) } else { t.get().analysing.to_string() }}
                </button>
            </div>
        </div>
    }
}
