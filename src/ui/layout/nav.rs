//! The main navigation: a sidebar on wide screens, a bottom bar on phones.

use crate::domain::list::Scope;
use crate::ui::routes::Page;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, IconData, lu};
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
    let item = move |page: Page,
                     icon: IconData,
                     label: fn(&'static crate::domain::i18n::Texts) -> &'static str,
                     badge: Option<Memo<usize>>| {
        view! {
            // The overview lives at the base path, which prefixes every other page.
            <A href=page.path() exact=page == Page::Overview attr:class="nav-item">
                <Icon icon=icon />
                <span class="nav-label">{move || label(t.get())}</span>
                {badge.map(|b| view! {
                    <Show when=move || { b.get() > 0 }>
                        <span class="nav-badge">{move || b.get()}</span>
                    </Show>
                })}
            </A>
        }
    };
    view! {
        <nav class="nav" aria-label=move || t.get().nav_main>
            {item(Page::Overview, lu::LuLayoutDashboard, |t| t.nav_overview, None)}
            {item(Page::Customers, lu::LuUsers, |t| t.nav_customers, None)}
            {item(Page::Segments, lu::LuChartPie, |t| t.nav_segments, None)}
            {item(Page::Commitments, lu::LuListChecks, |t| t.nav_commitments, Some(overdue))}
            {item(Page::Complaints, lu::LuMessageSquareWarning, |t| t.nav_complaints, Some(complaints_overdue))}
            {item(Page::Satisfaction, lu::LuSmile, |t| t.nav_satisfaction, None)}
            {item(Page::Retention, lu::LuHeartHandshake, |t| t.nav_retention, None)}
            {item(Page::Trash, lu::LuTrash2, |t| t.nav_trash, Some(trash_count))}
            {item(Page::Settings, lu::LuSettings, |t| t.nav_settings, None)}
        </nav>
    }
}
