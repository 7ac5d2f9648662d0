//! The customer list page: search as you type, filters and order kept in the URL (so a view can
//! be bookmarked and shared), a virtualised table, multi-select with bulk actions.

use super::bulk_bar::BulkBar;
use super::filters::FilterBar;
use super::table::CustomerTable;
use crate::domain::id::Id;
use crate::domain::list::{ListQuery, SortKey};
use crate::ui::routes::Page;
use crate::ui::settings::data::load_sample_data;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::HashSet;

/// The list URL for a query.
pub fn list_url(q: &ListQuery) -> String {
    crate::ui::routes::with_query(Page::Customers.path(), &q.to_params())
}

/// The customer list.
#[component]
pub fn CustomerList() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let navigate = use_navigate();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| {
            let pairs = crate::ui::routes::query_pairs(p);
            ListQuery::from_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        })
    });
    // The search box's text, which runs ahead of the URL while the user types.
    let text = RwSignal::new(query.get_untracked().text);
    // What the list shows: the URL's query with the search box's text.
    let shown = Memo::new(move |_| {
        let mut q = query.get();
        q.text = text.get();
        q.day = crate::domain::time::epoch_day(crate::ui::clock::today());
        q
    });
    let names = Memo::new(move |_| ws.member_names());
    let rows = Memo::new(move |_| {
        let q = shown.get();
        names.with(|n| ws.index.with(|ix| ix.query(&q, n)))
    });
    let active_total = Memo::new(move |_| {
        ws.index
            .with(|ix| ix.count(crate::domain::list::Scope::Active))
    });
    let selection = RwSignal::new(HashSet::<Id>::new());
    let sample_busy = RwSignal::new(false);

    let go = {
        let navigate = navigate.clone();
        Callback::new(move |q: ListQuery| {
            navigate(&list_url(&q), crate::ui::routes::in_place());
        })
    };

    // The list answers every keystroke in the keystroke's own task (a search over 100,000
    // customers takes a few milliseconds, and typing further only re-checks the last
    // result). The URL, which goes through the router and the browser's history (several
    // milliseconds), follows once the answer is painted, and only for the latest keystroke.
    // `typing` is the keystroke whose URL is still to come.
    let typing = StoredValue::new(None::<u64>);
    let keystrokes = StoredValue::new(0u64);
    let on_search = move |value: String| {
        text.set(value.clone());
        keystrokes.update_value(|n| *n += 1);
        let mine = keystrokes.get_value();
        typing.set_value(Some(mine));
        crate::ui::clock::after_paint(move || {
            if typing.try_get_value() == Some(Some(mine)) {
                typing.set_value(None);
                let mut q = query.get_untracked();
                q.text = value;
                go.run(q);
            }
        });
    };
    // A search text arriving through the URL (back and forward, a link) goes into the box,
    // unless the user is typing ahead of it.
    Effect::new(move |_| {
        let from_url = query.with(|q| q.text.clone());
        if typing.with_value(Option::is_none) && from_url != text.get_untracked() {
            text.set(from_url);
        }
    });
    let on_sort = Callback::new(move |key: SortKey| {
        let mut q = shown.get_untracked();
        if q.sort == key {
            q.descending = !q.descending;
        } else {
            q.sort = key;
            q.descending = key.descending_first();
        }
        go.run(q);
    });
    let on_clear = Callback::new(move |_| {
        typing.set_value(None);
        text.set(String::new());
        let q = ListQuery {
            sort: query.get_untracked().sort,
            descending: query.get_untracked().descending,
            ..ListQuery::default()
        };
        go.run(q);
    });

    view! {
        <section class="page page-list">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().customers_title}</h1>
                    <p class="page-sub" data-testid="customer-count" data-query=move || shown.with(|q| q.text.clone())>
                        {move || {
                            let listed = rows.with(Vec::len);
                            let total = active_total.get();
                            if shown.with(ListQuery::is_filtered) {
                                (t.get().n_shown_of)(listed, total)
                            } else {
                                (t.get().n_customers)(total)
                            }
                        }}
                    </p>
                </div>
                <div class="header-actions">
                    <A href=Page::Import.path() attr:class="btn" attr:data-testid="open-import">
                        <Icon icon=lu::LuFileUp />
                        <span class="btn-text">{move || t.get().import_button}</span>
                    </A>
                    <super::vcard::VcardActions />
                    <A href=Page::NewCustomer.path() attr:class="btn btn-primary" attr:data-testid="new-customer">
                        <Icon icon=lu::LuPlus />
                        <span>{move || t.get().new_customer}</span>
                    </A>
                </div>
            </header>
            <Show
                when=move || { active_total.get() > 0 }
                fallback=move || view! {
                    <EmptyState
                        icon=lu::LuUsers
                        title=Signal::derive(move || t.get().empty_title.to_string())
                        body=Signal::derive(move || t.get().empty_body.to_string())
                    >
                        <A href=Page::NewCustomer.path() attr:class="btn btn-primary">{move || t.get().empty_add}</A>
                        <A href=Page::Import.path() attr:class="btn">{move || t.get().import_button}</A>
                        <button
                            class="btn"
                            data-testid="load-sample"
                            disabled=move || sample_busy.get()
                            on:click=move |_| load_sample_data(sample_busy)
                        >
                            {move || if sample_busy.get() { t.get().sample_loading } else { t.get().empty_sample }}
                        </button>
                    </EmptyState>
                }
            >
                <div class="toolbar">
                    <div class="search">
                        <Icon icon=lu::LuSearch />
                        <input
                            type="search"
                            data-testid="search"
                            aria-label=move || t.get().search_label
                            placeholder=move || t.get().search_placeholder
                            prop:value=move || text.get()
                            on:input=move |ev| on_search(event_target_value(&ev))
                        />
                    </div>
                    <FilterBar query=shown on_change=go on_clear=on_clear />
                    <super::export::ListExport rows=rows />
                </div>
                <BulkBar selection=selection />
                <Show
                    when=move || rows.with(|r| !r.is_empty())
                    fallback=move || view! {
                        <EmptyState
                            icon=lu::LuSearchX
                            title=Signal::derive(move || t.get().no_match_title.to_string())
                            body=Signal::derive(move || t.get().no_match_body.to_string())
                        >
                            <button class="btn" on:click=move |_| on_clear.run(())>{move || t.get().filter_clear}</button>
                        </EmptyState>
                    }
                >
                    <CustomerTable rows=rows query=shown on_sort=on_sort selection=selection />
                </Show>
            </Show>
        </section>
    }
}
