//! The new-lead page.

use super::form::LeadForm;
use crate::domain::id::Id;
use crate::domain::lead::{Lead, LeadFields, LeadInput};
use crate::store;
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// A new lead, owned by whoever "me" is.
#[component]
pub fn NewLeadPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let initial = LeadInput {
        owner_id: me,
        ..LeadInput::default()
    };
    let save = {
        let navigate = navigate.clone();
        Callback::new(move |fields: LeadFields| {
            let Some(db) = ws.db() else { return };
            let lead = Lead::create(Id::generate(), fields, clock::now());
            saving.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::save_lead(&db, &lead).await {
                    Ok(_) => {
                        store::notify_changed();
                        toasts.info(t.get_untracked().lead_created_toast);
                        navigate(&Page::Lead(lead.id).path(), nav());
                    }
                    Err(e) => {
                        error.set(Some(e.message(t.get_untracked())));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let cancel = Callback::new(move |_| navigate(&Page::Leads.path(), nav()));
    view! {
        <section class="page page-form">
            <header class="page-header">
                <h1>{move || t.get().lead_new}</h1>
            </header>
            <LeadForm initial=initial saving=saving on_save=save on_cancel=cancel outer_error=error />
        </section>
    }
}
