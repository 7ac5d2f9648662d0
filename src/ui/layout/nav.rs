//! The main navigation: a sidebar on wide screens, a bottom bar on phones.

use crate::domain::list::Scope;
use crate::ui::routes::{Badge, NavEntry, Page, PageKind};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::Icon;
use crate::ui::widgets::icon::lu;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

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
    let item = move |page: Page, entry: NavEntry, class: &'static str| {
        let label = entry.label;
        let badge = badge(entry.badge);
        view! {
            // The overview lives at the base path, which prefixes every other page.
            <A href=page.path() exact=page == Page::Overview attr:class=class>
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
    let entries: Vec<(Page, NavEntry)> = PageKind::ALL
        .iter()
        .filter_map(|k| Some((k.page()?, k.nav()?)))
        .collect();
    let items: Vec<_> = entries
        .iter()
        .map(|(page, entry)| {
            let class = if entry.on_phone_bar {
                "nav-item"
            } else {
                "nav-item nav-extra"
            };
            item(*page, *entry, class)
        })
        .collect();
    // On a phone the bar keeps the daily pages; "More" opens a sheet with the others.
    let more: Vec<_> = entries
        .iter()
        .filter(|(_, entry)| !entry.on_phone_bar)
        .map(|(page, entry)| item(*page, *entry, "nav-item"))
        .collect();
    let open = RwSignal::new(false);
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        open.set(false);
    });
    // Escape closes the sheet wherever the focus is (on "More" itself, typically).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    });
    on_cleanup(move || escape.remove());
    view! {
        <nav class="nav" aria-label=move || t.get().nav_main>
            {items}
            <button
                type="button"
                class="nav-item nav-more"
                aria-expanded=move || open.get().to_string()
                aria-controls="nav-more-sheet"
                data-testid="nav-more"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <Icon icon=lu::LuEllipsis />
                <span class="nav-label">{move || t.get().nav_more}</span>
            </button>
        </nav>
        <div
            id="nav-more-sheet"
            class="nav-more-sheet"
            role="group"
            aria-label=move || t.get().nav_more_title
            hidden=move || !open.get()
            data-testid="nav-more-sheet"
            // A tap on an entry navigates and closes the sheet.
            on:click=move |_| open.set(false)
        >
            {more}
        </div>
    }
}
