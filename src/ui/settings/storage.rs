//! Whether the browser protects the data, and how much space it uses.

use crate::store::{self, StorageStatus};
use crate::ui::state::use_texts;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn megabytes(bytes: f64) -> String {
    format!("{:.1}", bytes / 1_048_576.0)
}

/// The storage section.
#[component]
pub fn StorageSection() -> impl IntoView {
    let t = use_texts();
    let status = RwSignal::new(None::<StorageStatus>);
    let refresh = move || {
        spawn_local(async move {
            status.set(Some(store::storage_status().await));
        });
    };
    refresh();
    view! {
        <section class="panel" aria-labelledby="storage-title" data-testid="storage-status">
            <h2 id="storage-title">{move || t.get().storage_title}</h2>
            <p class="muted">{move || t.get().storage_intro}</p>
            {move || status.get().map(|s| {
                let t = t.get();
                let persisted = match s.persisted {
                    Some(true) => view! { <p class="ok" data-testid="persisted">"✓ "{t.storage_persistent}</p> }.into_any(),
                    Some(false) => view! {
                        <p class="warn" data-testid="persisted">
                            {t.storage_not_persistent}" "
                            <button class="btn btn-small" on:click=move |_| spawn_local(async move {
                                let _ = store::request_persistence().await;
                                status.set(Some(store::storage_status().await));
                            })>{t.storage_request}</button>
                        </p>
                    }.into_any(),
                    None => view! { <p class="muted" data-testid="persisted">{t.storage_unknown}</p> }.into_any(),
                };
                let usage = match (s.usage, s.quota) {
                    (Some(u), Some(q)) => Some((t.storage_usage)(megabytes(u), megabytes(q))),
                    _ => None,
                };
                view! {
                    {persisted}
                    {usage.map(|u| view! { <p data-testid="usage">{u}</p> })}
                }
            })}
        </section>
    }
}
