//! The new-opportunity page: for the customer in the address (`?customer=`, from the
//! customer's page) or one chosen here, in the pipeline's first stage, owned by whoever "me" is.

use super::form::OpportunityForm;
use crate::domain::id::Id;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::opportunity::{Opportunity, OpportunityFields, OpportunityInput};
use crate::domain::time::date_input_value;
use crate::store::{self, AppError};
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

/// A new deal.
#[component]
pub fn NewOpportunityPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let params = use_query_map();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let customer = params.with_untracked(|p| p.get("customer").and_then(|s| s.parse::<Id>().ok()));
    let pipeline = RwSignal::new(None::<Pipeline>);
    Effect::new(move |_| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            let p = store::pipeline(&db).await.unwrap_or_default();
            pipeline.try_set(Some(p));
        });
    });
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // Closing a month from now unless said otherwise.
    let initial = OpportunityInput {
        customer_id: customer,
        owner_id: me.or_else(|| {
            customer.and_then(|c| {
                ws.index
                    .with_untracked(|ix| ix.get(c).and_then(|s| s.owner_id))
            })
        }),
        close_date: date_input_value(clock::today() + chrono::Days::new(30)),
        ..OpportunityInput::default()
    };
    let save = {
        let navigate = navigate.clone();
        Callback::new(move |fields: OpportunityFields| {
            let Some(db) = ws.db() else { return };
            let Some(p) = pipeline.get_untracked() else {
                return;
            };
            let deal = Opportunity::create(
                Id::generate(),
                fields,
                p.first().id.clone(),
                me,
                clock::now(),
            );
            saving.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::save_opportunity(&db, &deal).await {
                    Ok(_) => {
                        store::notify_changed();
                        toasts.info(t.get_untracked().deal_created);
                        navigate(&Page::Opportunity(deal.id).path(), nav());
                    }
                    Err(e) => {
                        let t = t.get_untracked();
                        error.set(Some(match e {
                            AppError::NotFound => t.deal_customer_gone.to_string(),
                            e => e.message(t),
                        }));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let cancel = Callback::new(move |_| match customer {
        Some(c) => navigate(&Page::Customer(c).path(), nav()),
        None => navigate(&Page::Pipeline.path(), nav()),
    });
    view! {
        <section class="page page-form">
            <header class="page-header">
                <h1>{move || t.get().deal_new}</h1>
            </header>
            {move || pipeline.get().map(|p| view! {
                <OpportunityForm
                    initial=initial.clone()
                    customer_fixed=customer.is_some()
                    stage_probability=p.first().probability
                    saving=saving
                    on_save=save
                    on_cancel=cancel
                    outer_error=error
                />
            })}
        </section>
    }
}
