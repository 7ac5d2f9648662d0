//! What shows before the workspace is ready, or when it cannot be used: opening, waiting for
//! another tab, storage unavailable, closed by another tab.

use crate::ui::state::{Status, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// The start-up and failure screen.
#[component]
pub fn BootScreen() -> impl IntoView {
    let ws = use_workspace();
    let t = use_texts();
    view! {
        <main class="boot-screen" data-testid="boot-screen">
            {move || {
                let t = t.get();
                match ws.status.get() {
                    Status::Opening | Status::Ready => view! {
                        <div class="boot-card" aria-busy="true">
                            <div class="spinner" aria-hidden="true"></div>
                            <p>{t.loading}</p>
                        </div>
                    }.into_any(),
                    Status::Blocked => view! {
                        <div class="boot-card" role="alert" data-testid="blocked">
                            <Icon icon=lu::LuLayers class="boot-icon" />
                            <h1>{t.err_title}</h1>
                            <p>{t.err_upgrade_blocked}</p>
                        </div>
                    }.into_any(),
                    Status::Closed => view! {
                        <div class="boot-overlay" role="alertdialog" aria-modal="true" data-testid="closed-by-other-tab">
                            <div class="boot-card">
                                <Icon icon=lu::LuRefreshCw class="boot-icon" />
                                <p>{t.err_closed_by_other_tab}</p>
                                <button class="btn btn-primary" on:click=|_| reload()>{t.reload}</button>
                            </div>
                        </div>
                    }.into_any(),
                    Status::Failed(e) => {
                        let details = e.details().map(str::to_string);
                        view! {
                            <div class="boot-card" role="alert" data-testid="storage-error">
                                <Icon icon=lu::LuDatabaseZap class="boot-icon" />
                                <h1>{t.err_title}</h1>
                                <p>{e.message(t)}</p>
                                <button class="btn btn-primary" on:click=|_| reload()>{t.reload}</button>
                                {details.map(|d| view! {
                                    <details><summary>{t.err_details}</summary><pre>{d}</pre></details>
                                })}
                            </div>
                        }.into_any()
                    }
                }
            }}
        </main>
    }
}
