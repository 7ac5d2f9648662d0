//! Leads in the trash, on the trash page: restore one, or delete it for good.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::time::format_datetime;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{Workspace, use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Deletes the leads `ids` for good and takes them off `shown`; says how many went, or why
/// none did.
/// Called from handlers whose own scope may be gone (a confirmation that closes itself):
/// everything comes in, nothing is looked up.
fn purge_leads(
    ctx: (Workspace, Toasts, Signal<&'static Texts>),
    ids: Vec<Id>,
    shown: RwSignal<Vec<Lead>>,
    shown_ids: RwSignal<Vec<Id>>,
) {
    let (ws, toasts, t) = ctx;
    let Some(db) = ws.db() else { return };
    spawn_local(async move {
        match store::purge_leads(&db, &ids).await {
            Ok(()) => {
                store::notify_changed();
                forget(&ids, shown, shown_ids);
                toasts.info((t.get_untracked().purged)(ids.len()));
            }
            Err(e) => toasts.error(&e),
        }
    });
}

/// Takes the leads `ids` off the list.
fn forget(ids: &[Id], shown: RwSignal<Vec<Lead>>, shown_ids: RwSignal<Vec<Id>>) {
    shown.update(|l| l.retain(|l| !ids.contains(&l.id)));
    shown_ids.update(|l| l.retain(|id| !ids.contains(id)));
}

/// The leads in the trash, newest first; `ids` is kept up to date with them. When `empty`
/// changes (the page's "empty the trash"), they are deleted for good too.
#[component]
pub fn LeadTrash(ids: RwSignal<Vec<Id>>, empty: Trigger) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let trashed = RwSignal::new(Vec::<Lead>::new());
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::all_leads(&db).await {
                Ok(all) => {
                    let mut gone: Vec<Lead> =
                        all.into_iter().filter(|l| l.deleted_at.is_some()).collect();
                    gone.sort_by_key(|l| std::cmp::Reverse(l.deleted_at));
                    ids.try_set(gone.iter().map(|l| l.id).collect());
                    trashed.try_set(gone);
                }
                Err(e) => toasts.error(&e),
            }
        });
    });
    let question = RwSignal::new(None::<String>);
    let pending = StoredValue::new(Vec::<Id>::new());
    let restore = move |id: Id| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::set_leads_trashed(&db, &[id], None).await {
                Ok(_) => {
                    store::notify_changed();
                    forget(&[id], trashed, ids);
                    toasts.info(t.get_untracked().lead_restored);
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let ctx = (ws, toasts, t);
    let purge = Callback::new(move |_| purge_leads(ctx, pending.get_value(), trashed, ids));
    Effect::new(move |first: Option<()>| {
        empty.track();
        if first.is_some() && !ids.with_untracked(Vec::is_empty) {
            purge_leads(ctx, ids.get_untracked(), trashed, ids);
        }
    });
    view! {
        <Show when=move || trashed.with(|l| !l.is_empty())>
            <h2 class="trash-heading">{move || t.get().leads_in_trash}</h2>
            <ul class="trash-list" data-testid="lead-trash-list">
                <For
                    each=move || trashed.get()
                    key=|l| l.id
                    children=move |l| {
                        let id = l.id;
                        let name = l.display_name();
                        let confirm_name = name.clone();
                        let when = l.deleted_at.map(clock::local);
                        view! {
                            <li class="trash-row">
                                <A href=Page::Lead(id).path() attr:class="trash-name">{name}</A>
                                <span class="muted">
                                    {move || when.map(|w| format!("{} {}", t.get().trash_deleted_at, format_datetime(w, lang.get())))}
                                </span>
                                <button class="btn btn-small" data-testid="restore-lead" on:click=move |_| restore(id)>
                                    <Icon icon=lu::LuUndo2 />
                                    {move || t.get().restore}
                                </button>
                                <button class="btn btn-small btn-danger-soft" data-testid="purge-lead" on:click=move |_| {
                                    pending.set_value(vec![id]);
                                    question.set(Some((t.get_untracked().confirm_purge)(&confirm_name)));
                                }>
                                    {move || t.get().trash_purge}
                                </button>
                            </li>
                        }
                    }
                />
            </ul>
            <Confirm question=question confirm_label=Signal::derive(move || t.get().trash_purge.to_string()) on_confirm=purge />
        </Show>
    }
}
