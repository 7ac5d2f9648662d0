//! Loading sample data and deleting everything.

use crate::domain::sample::SampleConfig;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Customers in "load sample data".
pub const SAMPLE_CUSTOMERS: usize = 300;

/// Adds the sample team and [`SAMPLE_CUSTOMERS`] customers; `busy` is true meanwhile. The seed
/// changes with the time so loading twice adds new customers rather than colliding.
pub fn load_sample_data(busy: RwSignal<bool>) {
    let ws = use_workspace();
    let toasts = use_toasts();
    let t = use_texts();
    let lang = use_lang().get_untracked();
    let Some(db) = ws.db() else { return };
    busy.set(true);
    let seed = clock::now().0 as u64;
    spawn_local(async move {
        let config = SampleConfig {
            seed,
            customers: SAMPLE_CUSTOMERS,
            today: clock::today(),
            id_epoch_ms: clock::now().0 as u64,
            lang,
        };
        let result = store::load_sample(&db, config, |_| {}).await;
        // Whatever committed (all of it, or the team and complete batches before a failure)
        // is shown either way.
        let _ = ws.reload(&db).await;
        store::notify_changed();
        match result {
            Ok((rows, _)) => toasts.info((t.get_untracked().sample_loaded)(rows.len())),
            Err(e) => toasts.error(&e),
        }
        busy.set(false);
    });
}

/// The sample-data and delete-everything sections.
#[component]
pub fn DataSection() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let question = RwSignal::new(None::<String>);
    let delete_all = Callback::new(move |_| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::delete_all(&db).await {
                Ok(()) => {
                    let _ = ws.reload(&db).await;
                    store::notify_changed();
                    confirming.set(false);
                    typed.set(String::new());
                    toasts.info(t.get_untracked().all_deleted);
                }
                Err(e) => toasts.error(&e),
            }
        });
    });
    view! {
        <section class="panel" aria-labelledby="sample-title">
            <h2 id="sample-title">{move || t.get().sample_title}</h2>
            <p class="muted">{move || t.get().sample_intro}</p>
            <button class="btn" data-testid="settings-load-sample" disabled=move || busy.get() on:click=move |_| load_sample_data(busy)>
                {move || if busy.get() { t.get().sample_loading } else { t.get().sample_load }}
            </button>
        </section>
        <section class="panel panel-danger" aria-labelledby="danger-title">
            <h2 id="danger-title">{move || t.get().danger_title}</h2>
            <p class="muted">{move || t.get().danger_intro}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button class="btn btn-danger-soft" data-testid="delete-all" on:click=move |_| confirming.set(true)>
                        {move || t.get().danger_button}
                    </button>
                }
            >
                <div class="field">
                    <label for="danger-confirm">{move || t.get().danger_confirm_label}</label>
                    <input
                        id="danger-confirm"
                        data-testid="delete-all-confirm"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </div>
                <div class="form-actions">
                    <button class="btn" on:click=move |_| { confirming.set(false); typed.set(String::new()); }>{move || t.get().cancel}</button>
                    <button
                        class="btn btn-danger"
                        data-testid="delete-all-go"
                        disabled=move || typed.get().trim() != t.get().danger_confirm_word
                        on:click=move |_| question.set(Some(t.get_untracked().danger_intro.to_string()))
                    >
                        {move || t.get().delete}
                    </button>
                </div>
            </Show>
            <Confirm question=question confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=delete_all />
        </section>
    }
}
