//! The trash: restore customers, or delete them for good with all their records.

use super::section::TrashSection;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::list::{ListQuery, Scope};
use crate::domain::opportunity::Opportunity;
use crate::domain::product::Product;
use crate::domain::product::pricing::PriceAgreement;
use crate::domain::quote::Quote;
use crate::domain::time::format_datetime;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The trash page.
#[component]
pub fn TrashPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let rows = Memo::new(move |_| {
        ws.index.with(|ix| {
            let q = ListQuery {
                scope: Scope::Trash,
                ..ListQuery::default()
            };
            let mut rows: Vec<(Id, String, Option<crate::domain::time::Timestamp>)> = ix
                .query(&q, &Default::default())
                .into_iter()
                .map(|p| {
                    let r = ix.row(p);
                    (r.id, r.name.clone(), r.deleted_at)
                })
                .collect();
            rows.sort_by_key(|r| std::cmp::Reverse(r.2));
            rows
        })
    });
    let question = RwSignal::new(None::<String>);
    let pending = StoredValue::new(Vec::<Id>::new());
    // Leads and opportunities in the trash (their own sections below); emptied with the
    // customers.
    let leads = RwSignal::new(Vec::<Id>::new());
    let deals = RwSignal::new(Vec::<Id>::new());
    let products = RwSignal::new(Vec::<Id>::new());
    let agreements = RwSignal::new(Vec::<Id>::new());
    let quotes = RwSignal::new(Vec::<Id>::new());
    let empty_others = Trigger::new();
    let emptying = StoredValue::new(false);
    let anything = move || {
        rows.with(|r| !r.is_empty())
            || leads.with(|l| !l.is_empty())
            || deals.with(|d| !d.is_empty())
            || products.with(|d| !d.is_empty())
            || agreements.with(|d| !d.is_empty())
            || quotes.with(|d| !d.is_empty())
    };

    let restore = move |id: Id| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::restore(&db, &[id]).await {
                Ok(r) => {
                    ws.apply(r);
                    toasts.info((t.get_untracked().restored)(1));
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let purge = Callback::new(move |_| {
        let Some(db) = ws.db() else { return };
        if emptying.get_value() {
            emptying.set_value(false);
            empty_others.notify();
        }
        let ids = pending.get_value();
        if ids.is_empty() {
            return;
        }
        spawn_local(async move {
            match store::purge(&db, &ids).await {
                Ok(gone) => {
                    ws.remove(&gone);
                    toasts.info((t.get_untracked().purged)(gone.len()));
                }
                Err(e) => toasts.error(&e),
            }
        });
    });

    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().trash_title}</h1>
                    <p class="page-sub">{move || t.get().trash_intro}</p>
                </div>
                <Show when=anything>
                    <button class="btn btn-danger-soft" data-testid="empty-trash" on:click=move |_| {
                        let ids: Vec<Id> = rows.with_untracked(|r| r.iter().map(|x| x.0).collect());
                        let n = ids.len()
                            + leads.with_untracked(Vec::len)
                            + deals.with_untracked(Vec::len)
                            + products.with_untracked(Vec::len)
                            + agreements.with_untracked(Vec::len)
                            + quotes.with_untracked(Vec::len);
                        pending.set_value(ids);
                        emptying.set_value(true);
                        question.set(Some((t.get_untracked().confirm_empty_trash)(n)));
                    }>
                        {move || t.get().trash_empty_all}
                    </button>
                </Show>
            </header>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || (!anything()).then(|| view! {
                    <EmptyState
                        icon=lu::LuTrash2
                        title=Signal::derive(move || t.get().trash_empty.to_string())
                        body=Signal::derive(String::new)
                    />
                })
            >
                <ul class="trash-list" data-testid="trash-list">
                    <For
                        each=move || rows.get()
                        key=|r| r.0
                        children=move |(id, name, deleted)| {
                            let when = deleted.map(clock::local);
                            let confirm_name = name.clone();
                            view! {
                                <li class="trash-row">
                                    <A href=Page::Customer(id).path() attr:class="trash-name">{name.clone()}</A>
                                    <span class="muted">
                                        {move || when.map(|w| format!("{} {}", t.get().trash_deleted_at, format_datetime(w, lang.get())))}
                                    </span>
                                    <button class="btn btn-small" data-testid="restore" on:click=move |_| restore(id)>
                                        <Icon icon=lu::LuUndo2 />
                                        {move || t.get().restore}
                                    </button>
                                    <button class="btn btn-small btn-danger-soft" data-testid="purge" on:click=move |_| {
                                        pending.set_value(vec![id]);
                                        emptying.set_value(false);
                                        question.set(Some((t.get_untracked().confirm_purge)(&confirm_name)));
                                    }>
                                        {move || t.get().trash_purge}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
            <TrashSection<Lead> ids=leads empty=empty_others />
            <TrashSection<Opportunity> ids=deals empty=empty_others />
            <TrashSection<Product> ids=products empty=empty_others />
            <TrashSection<PriceAgreement> ids=agreements empty=empty_others />
            <TrashSection<Quote> ids=quotes empty=empty_others />
            <Confirm question=question confirm_label=Signal::derive(move || t.get().trash_purge.to_string()) on_confirm=purge />
        </section>
    }
}
