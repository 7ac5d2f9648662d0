//! Actions on the selected customers: assign an owner, add a tag, move to the trash (with Undo).

use crate::domain::id::Id;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::keys;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

/// The bar that appears while customers are selected.
#[component]
pub fn BulkBar(selection: RwSignal<HashSet<Id>>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let tag = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let count = Memo::new(move |_| selection.with(HashSet::len));
    let ids = move || selection.with_untracked(|s| s.iter().copied().collect::<Vec<Id>>());

    let assign = move |owner: Option<Id>| {
        let Some(db) = ws.db() else { return };
        let ids = ids();
        busy.set(true);
        spawn_local(async move {
            match store::assign_owner(&db, &ids, owner, clock::now()).await {
                Ok(changed) => {
                    ws.apply(changed);
                    toasts.info((t.get_untracked().owner_assigned)(ids.len()));
                }
                Err(e) => toasts.error(&e),
            }
            busy.set(false);
        });
    };
    let add_tag = move || {
        let value = tag.get_untracked().trim().to_string();
        let Some(db) = ws.db() else { return };
        if value.is_empty() {
            return;
        }
        let ids = ids();
        busy.set(true);
        spawn_local(async move {
            match store::add_tag(&db, &ids, &value, clock::now()).await {
                Ok(changed) => {
                    ws.apply(changed);
                    tag.set(String::new());
                    toasts.info((t.get_untracked().tag_added)(ids.len()));
                }
                Err(e) => toasts.error(&e),
            }
            busy.set(false);
        });
    };
    let delete = move |_| {
        let Some(db) = ws.db() else { return };
        let ids = ids();
        busy.set(true);
        spawn_local(async move {
            match store::trash(&db, &ids, clock::now()).await {
                Ok(changed) => {
                    ws.apply(changed);
                    selection.set(HashSet::new());
                    let undo_ids = ids.clone();
                    toasts.with_action(
                        (t.get_untracked().moved_to_trash)(ids.len()),
                        t.get_untracked().undo,
                        move || {
                            let db = db.clone();
                            let ids = undo_ids.clone();
                            spawn_local(async move {
                                match store::restore(&db, &ids).await {
                                    Ok(rows) => ws.apply(rows),
                                    Err(e) => toasts.error(&e),
                                }
                            });
                        },
                    );
                }
                Err(e) => toasts.error(&e),
            }
            busy.set(false);
        });
    };

    view! {
        <Show when=move || { count.get() > 0 }>
            <div class="bulk-bar" role="region" aria-label=move || (t.get().n_selected)(count.get()) data-testid="bulk-bar">
                <strong class="bulk-count">{move || (t.get().n_selected)(count.get())}</strong>
                <label class="bulk-item">
                    <span class="sr-only">{move || t.get().bulk_assign_owner}</span>
                    <select
                        data-testid="bulk-owner"
                        disabled=move || busy.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            match v.as_str() {
                                "" => {}
                                "none" => assign(None),
                                id => {
                                    if let Ok(id) = id.parse() {
                                        assign(Some(id));
                                    }
                                }
                            }
                            // Back to the prompt so the same choice can be made again.
                            if let Some(el) = ev.target() {
                                use wasm_bindgen::JsCast;
                                if let Ok(sel) = el.dyn_into::<web_sys::HtmlSelectElement>() {
                                    sel.set_value("");
                                }
                            }
                        }
                    >
                        <option value="">{move || t.get().bulk_assign_owner}</option>
                        <option value="none">{move || t.get().unassigned}</option>
                        <For
                            each=move || ws.members.get().into_iter().filter(|m| m.is_active())
                            key=|m| (m.id, m.name.clone())
                            children=move |m| view! { <option value=m.id.to_string()>{m.name}</option> }
                        />
                    </select>
                </label>
                <div class="bulk-item bulk-tag">
                    <input
                        type="text"
                        data-testid="bulk-tag"
                        aria-label=move || t.get().bulk_tag_placeholder
                        placeholder=move || t.get().bulk_tag_placeholder
                        prop:value=move || tag.get()
                        on:input=move |ev| tag.set(event_target_value(&ev))
                        on:keydown=move |ev| {
                            if keys::is_submit(&ev) {
                                ev.prevent_default();
                                add_tag();
                            }
                        }
                    />
                    <button class="btn" disabled=move || busy.get() on:click=move |_| add_tag()>
                        <Icon icon=lu::LuTag />
                        {move || t.get().bulk_add_tag}
                    </button>
                </div>
                <button class="btn btn-danger-soft" data-testid="bulk-delete" disabled=move || busy.get() on:click=delete>
                    <Icon icon=lu::LuTrash2 />
                    {move || t.get().bulk_delete}
                </button>
                <button class="btn btn-ghost" on:click=move |_| selection.set(HashSet::new())>
                    {move || t.get().bulk_clear}
                </button>
            </div>
        </Show>
    }
}
