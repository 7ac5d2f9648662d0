//! Editing an existing customer's file.

use super::form::CustomerForm;
use crate::domain::customer::{Customer, CustomerFields, CustomerInput};
use crate::domain::id::Id;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

/// Editing an existing customer.
#[component]
pub fn EditCustomerPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let db = ws.db()?;
            store::load_detail(&db, id?)
                .await
                .ok()
                .flatten()
                .map(|d| d.customer)
        }
    });
    view! {
        <section class="page page-form">
            <header class="page-header">
                <h1>{move || t.get().form_edit_title}</h1>
            </header>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || loaded.get().map(|c| match c {
                    Some(customer) => view! { <EditForm customer=customer /> }.into_any(),
                    None => view! { <p class="form-error" role="alert">{move || t.get().detail_not_found}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn EditForm(customer: Customer) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = customer.id;
    let initial = CustomerInput::from_customer(&customer);
    let original = StoredValue::new(customer);
    let save = {
        let navigate = navigate.clone();
        Callback::new(move |fields: CustomerFields| {
            let Some(db) = ws.db() else { return };
            let mut c = original.get_value();
            c.apply(fields, clock::now());
            saving.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::update_customer(&db, &c).await {
                    Ok(summary) => {
                        ws.apply(vec![summary]);
                        toasts.info(t.get_untracked().customer_saved);
                        navigate(&Page::Customer(id).path(), crate::ui::routes::nav());
                    }
                    Err(e) => {
                        error.set(Some(e.message(t.get_untracked())));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let cancel =
        Callback::new(move |_| navigate(&Page::Customer(id).path(), crate::ui::routes::nav()));
    view! { <CustomerForm initial=initial saving=saving on_save=save on_cancel=cancel outer_error=error /> }
}
