//! The new-customer page.

use super::form::CustomerForm;
use crate::domain::customer::{Customer, CustomerFields, CustomerInput};
use crate::domain::id::Id;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// A new customer.
#[component]
pub fn NewCustomerPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let initial = CustomerInput {
        owner_id: me,
        ..CustomerInput::default()
    };

    let save = {
        let navigate = navigate.clone();
        Callback::new(move |fields: CustomerFields| {
            let Some(db) = ws.db() else { return };
            let customer = Customer::create(Id::generate(), fields, clock::now());
            saving.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::create_customer(&db, &customer).await {
                    Ok(summary) => {
                        ws.apply(vec![summary]);
                        toasts.info(t.get_untracked().customer_saved);
                        navigate(
                            &Page::Customer(customer.id).path(),
                            crate::ui::routes::nav(),
                        );
                    }
                    Err(e) => {
                        error.set(Some(e.message(t.get_untracked())));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let cancel = Callback::new(move |_| {
        navigate(&Page::Customers.path(), crate::ui::routes::nav());
    });
    view! {
        <section class="page page-form">
            <header class="page-header">
                <h1>{move || t.get().form_new_title}</h1>
            </header>
            <CustomerForm initial=initial saving=saving on_save=save on_cancel=cancel outer_error=error />
        </section>
    }
}
