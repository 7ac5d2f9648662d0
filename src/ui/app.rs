//! The root component: preferences, workspace, notices, router.

use crate::domain::settings::Theme;
use crate::store;
use crate::ui::layout::boot::BootScreen;
use crate::ui::layout::shell::Shell;
use crate::ui::routes::{Page, base_path, page_routes};
use crate::ui::state::{Status, provide_prefs, provide_workspace, use_texts};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use crate::ui::widgets::toast::provide_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{A, Router};

/// The app.
#[component]
pub fn App() -> impl IntoView {
    let prefs = provide_prefs();
    let ws = provide_workspace();
    // Here rather than in the page frame: the analysis (and its thread) lives as long as the
    // workspace, whatever frame shows it.
    crate::ui::insights::state::provide_insights();
    provide_toasts();
    let sync = crate::ui::sync::service::provide_sync();
    let t = use_texts();

    // <html lang>, theme, density and title follow the preferences.
    Effect::new(move |_| {
        let s = prefs.0.get();
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", s.lang.code());
            match s.theme {
                Theme::System => {
                    let _ = root.remove_attribute("data-theme");
                }
                other => {
                    let _ = root.set_attribute("data-theme", other.as_str());
                }
            }
            let _ = root.set_attribute("data-density", s.density.as_str());
        }
        doc.set_title(s.lang.texts().app_name);
    });

    spawn_local(async move {
        // Ask the browser not to evict the data; the answer shows in Settings.
        let _ = store::request_persistence().await;
    });
    crate::ui::state::during_first_load(crate::ui::routes::preload_landing_page());
    crate::ui::state::read_early(crate::ui::routes::landing_reads());
    spawn_local(ws.open(store::DB_NAME));

    // Once the first page is up, the customer pages' code while nothing else runs.
    let preloaded = StoredValue::new(false);
    Effect::new(move |_| {
        if ws.status.get() == Status::Ready && !preloaded.get_value() {
            preloaded.set_value(true);
            spawn_local(crate::ui::routes::preload_customer_pages_when_idle());
        }
    });

    // Team sync runs while the workspace is open (idle until a server is set up).
    Effect::new(move |_| {
        if ws.status.get() == Status::Ready
            && let Some(db) = ws.db()
        {
            sync.start(db);
        }
    });

    // Another tab changed data: read the summaries again.
    let feed = StoredValue::new_local(None::<store::ChangeFeed>);
    Effect::new(move |_| {
        if ws.status.get() == Status::Ready && feed.with_value(Option::is_none) {
            feed.set_value(store::ChangeFeed::subscribe(move || {
                if let Some(db) = ws.db() {
                    spawn_local(async move {
                        let _ = ws.reload(&db).await;
                        ws.remote.update(|r| *r += 1);
                    });
                }
            }));
        }
    });

    let base = base_path();
    view! {
        <Show
            // Once open, the workspace stays on screen even if another tab closes the connection:
            // the overlay below explains and offers a reload.
            when=move || matches!(ws.status.get(), Status::Ready | Status::Closed)
            fallback=move || view! { <BootScreen /> }
        >
            <Router base=base.clone()>
                <Shell>
                    {page_routes(move || view! { <NotFound /> })}
                </Shell>
            </Router>
        </Show>
        {move || (ws.status.get() == Status::Closed).then(|| {
            view! { <BootScreen /> }
        })}
        <span hidden>{move || t.get().app_name}</span>
    }
}

/// A path that matches no page.
#[component]
fn NotFound() -> impl IntoView {
    let t = use_texts();
    view! {
        <EmptyState
            icon=lu::LuMapPinOff
            title=Signal::derive(move || t.get().err_not_found.to_string())
            body=Signal::derive(String::new)
        >
            <A href=Page::Customers.path() attr:class="btn btn-primary">{move || t.get().detail_back}</A>
        </EmptyState>
    }
}
