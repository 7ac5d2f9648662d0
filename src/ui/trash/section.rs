//! A section of the trash page for one kind of record kept outside the customers (leads,
//! opportunities): its records in the trash, newest first, each restored or deleted for good,
//! and all of them deleted when the page empties the trash. Each kind says how in [`Trashable`].

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::{Timestamp, format_datetime};
use crate::store::{AppError, Db};
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{Workspace, use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// A kind of record with a trash of its own.
#[allow(async_fn_in_trait)]
pub trait Trashable: Clone + Send + Sync + 'static {
    /// What the section's hooks are named after (`lead` → `lead-trash-list`, `restore-lead`).
    const NAME: &'static str;
    fn id(&self) -> Id;
    fn name(&self) -> String;
    fn deleted_at(&self) -> Option<Timestamp>;
    /// Its page.
    fn page(id: Id) -> Page;
    /// The section's heading.
    fn heading(t: &Texts) -> &'static str;
    /// Said once one is restored.
    fn restored(t: &Texts) -> &'static str;
    /// Every record of the kind, those in the trash among them.
    async fn read(db: &Db) -> Result<Vec<Self>, AppError>;
    /// Takes the records `ids` out of the trash; gives the customer summaries this changed.
    async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError>;
    /// Deletes the records `ids` for good; gives the customer summaries this changed.
    async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError>;
}

/// Deletes the records `ids` for good and takes them off `shown`; says how many went, or why
/// none did. Called from handlers whose own scope may be gone (a confirmation that closes
/// itself): everything comes in, nothing is looked up.
fn purge<K: Trashable>(
    ctx: (Workspace, Toasts, Signal<&'static Texts>),
    ids: Vec<Id>,
    shown: RwSignal<Vec<K>>,
    shown_ids: RwSignal<Vec<Id>>,
) {
    let (ws, toasts, t) = ctx;
    let Some(db) = ws.db() else { return };
    spawn_local(async move {
        match K::purge(&db, &ids).await {
            Ok(summaries) => {
                ws.apply(summaries);
                crate::store::notify_changed();
                forget(&ids, shown, shown_ids);
                toasts.info((t.get_untracked().purged)(ids.len()));
            }
            Err(e) => toasts.error(&e),
        }
    });
}

fn forget<K: Trashable>(ids: &[Id], shown: RwSignal<Vec<K>>, shown_ids: RwSignal<Vec<Id>>) {
    shown.update(|l| l.retain(|r| !ids.contains(&r.id())));
    shown_ids.update(|l| l.retain(|id| !ids.contains(id)));
}

/// The records of kind `K` in the trash, newest first; `ids` is kept up to date with them.
/// When `empty` changes (the page's "empty the trash"), they are deleted for good too.
#[component]
pub fn TrashSection<K: Trashable>(
    ids: RwSignal<Vec<Id>>,
    empty: Trigger,
    #[prop(optional)] _kind: std::marker::PhantomData<K>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let trashed = RwSignal::new(Vec::<K>::new());
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match K::read(&db).await {
                Ok(all) => {
                    let mut gone: Vec<K> = all
                        .into_iter()
                        .filter(|r| r.deleted_at().is_some())
                        .collect();
                    gone.sort_by_key(|r| std::cmp::Reverse(r.deleted_at()));
                    ids.try_set(gone.iter().map(K::id).collect());
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
            match K::restore(&db, &[id]).await {
                Ok(summaries) => {
                    ws.apply(summaries);
                    crate::store::notify_changed();
                    forget(&[id], trashed, ids);
                    toasts.info(K::restored(t.get_untracked()));
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let ctx = (ws, toasts, t);
    let on_purge = Callback::new(move |_| purge(ctx, pending.get_value(), trashed, ids));
    Effect::new(move |first: Option<()>| {
        empty.track();
        if first.is_some() && !ids.with_untracked(Vec::is_empty) {
            purge(ctx, ids.get_untracked(), trashed, ids);
        }
    });
    view! {
        <Show when=move || trashed.with(|l| !l.is_empty())>
            <h2 class="trash-heading">{move || K::heading(t.get())}</h2>
            <ul class="trash-list" data-testid=format!("{}-trash-list", K::NAME)>
                <For
                    each=move || trashed.get()
                    key=|r| r.id()
                    children=move |r| {
                        let id = r.id();
                        let name = r.name();
                        let confirm_name = name.clone();
                        let when = r.deleted_at().map(clock::local);
                        view! {
                            <li class="trash-row">
                                <A href=K::page(id).path() attr:class="trash-name">{name}</A>
                                <span class="muted">
                                    {move || when.map(|w| format!("{} {}", t.get().trash_deleted_at, format_datetime(w, lang.get())))}
                                </span>
                                <button class="btn btn-small" data-testid=format!("restore-{}", K::NAME) on:click=move |_| restore(id)>
                                    <Icon icon=lu::LuUndo2 />
                                    {move || t.get().restore}
                                </button>
                                <button class="btn btn-small btn-danger-soft" data-testid=format!("purge-{}", K::NAME) on:click=move |_| {
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
            <Confirm question=question confirm_label=Signal::derive(move || t.get().trash_purge.to_string()) on_confirm=on_purge />
        </Show>
    }
}
