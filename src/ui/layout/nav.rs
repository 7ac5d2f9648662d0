//! The main navigation: a sidebar on wide screens, a bottom bar on phones.

use crate::domain::list::Scope;
use crate::ui::routes::{Badge, NavEntry, Page, PageKind};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::Icon;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links to every page, with counts where they help.
#[component]
pub fn Nav() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let trash_count = Memo::new(move |_| ws.index.with(|ix| ix.count(Scope::Trash)));
    let overdue = Memo::new(move |_| {
        let today = crate::ui::clock::today();
        ws.index.with(|ix| {
            ix.rows()
                .iter()
                .filter(|r| r.deleted_at.is_none() && r.activity.has_overdue_commitment(today))
                .count()
        })
    });
    let complaints_overdue = Memo::new(move |_| {
        let now = crate::ui::clock::now();
        ws.index.with(|ix| {
            ix.rows()
                .iter()
                .filter(|r| r.deleted_at.is_none() && r.activity.has_overdue_complaint(now))
                .count()
        })
    });
    let badge = move |b: Badge| match b {
        Badge::None => None,
        Badge::OverdueCommitments => Some(overdue),
        Badge::OverdueComplaints => Some(complaints_overdue),
        Badge::Trash => Some(trash_count),
    };
    let item = move |page: Page, entry: NavEntry| {
        let label = entry.label;
        let badge = badge(entry.badge);
        view! {
            // The overview lives at the base path, which prefixes every other page.
            <A href=page.path() exact=page == Page::Overview attr:class="nav-item">
                <Icon icon=entry.icon />
                <span class="nav-label">{move || label(t.get())}</span>
                {badge.map(|b| view! {
                    <Show when=move || { b.get() > 0 }>
                        <span class="nav-badge">{move || b.get()}</span>
                    </Show>
                })}
            </A>
        }
    };
    // Every page with a navigation entry, in the page table's order.
    let items: Vec<_> = PageKind::ALL
        .iter()
        .filter_map(|k| Some(item(k.page()?, k.nav()?)))
        .collect();
    view! {
        <nav class="nav" aria-label=move || t.get().nav_main>
            {items}
        </nav>
    }
}
