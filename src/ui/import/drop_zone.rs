//! Where a file is dropped or picked.

use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

/// A drop target with a file picker inside; calls `on_file` with the chosen file.
#[component]
pub fn DropZone(on_file: Callback<web_sys::File>) -> impl IntoView {
    let t = use_texts();
    let over = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let picked = move |_| {
        let file = input_ref
            .get()
            .and_then(|i| i.files())
            .and_then(|l| l.get(0));
        if let Some(f) = file {
            on_file.run(f);
        }
        // Picking the same file again must fire `change` again.
        if let Some(i) = input_ref.get_untracked() {
            i.set_value("");
        }
    };
    let dropped = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        over.set(false);
        let file = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|l| l.get(0));
        if let Some(f) = file {
            on_file.run(f);
        }
    };
    view! {
        <div
            class="drop-zone"
            class:drop-over=move || over.get()
            data-testid="import-drop"
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=dropped
        >
            <Icon icon=lu::LuFileUp />
            <p class="drop-title">{move || t.get().import_drop}</p>
            <label class="btn btn-primary file-pick">
                <span>{move || t.get().import_choose}</span>
                <input
                    node_ref=input_ref
                    type="file"
                    class="sr-only"
                    accept=".csv,.txt,.tsv,.vcf,text/csv,text/plain,text/tab-separated-values,text/vcard,text/x-vcard"
                    data-testid="import-file"
                    on:change=picked
                />
            </label>
            <p class="muted small">{move || t.get().import_drop_hint}</p>
        </div>
    }
}
