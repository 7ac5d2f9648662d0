//! Editing an existing customer's file.

use super::form::CustomerForm;
use crate::domain::customer::{Customer, CustomerFields, CustomerInput};
use crate::domain::error::AppError;
use crate::domain::id::Id;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{Workspace, use_texts, use_workspace};
use crate::ui::widgets::conflict::{ConflictPanel, ConflictSlot, Pending};
use crate::ui::widgets::toast::{Toasts, use_toasts};
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
    let conflict = ConflictSlot::new();
    let id = customer.id;
    let initial = CustomerInput::from_customer(&customer);
    let base = serde_json::to_value(&customer).unwrap_or_default();
    let original = StoredValue::new(customer);
    conflict.watch(move || Some(original.get_value()));
    let done = {
        let navigate = navigate.clone();
        move || navigate(&Page::Customer(id).path(), crate::ui::routes::nav())
    };
    let save = {
        let done = done.clone();
        Callback::new(move |fields: CustomerFields| {
            let mut c = original.get_value();
            c.apply(fields, clock::now());
            let target = Target {
                t,
                ws,
                toasts,
                saving,
                error,
                conflict,
                base: base.clone(),
            };
            target.save(c, done.clone());
        })
    };
    let cancel = Callback::new(move |_| done());
    view! {
        <CustomerForm initial=initial saving=saving on_save=save on_cancel=cancel outer_error=error />
        <ConflictPanel state=conflict on_discard=cancel />
    }
}

/// Where an edited customer's save reports to.
#[derive(Clone)]
struct Target {
    t: Signal<&'static crate::domain::i18n::Texts>,
    ws: Workspace,
    toasts: Toasts,
    saving: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    conflict: ConflictSlot,
    /// The customer as the form opened it.
    base: serde_json::Value,
}

impl Target {
    /// Saves `c` unless it changed elsewhere since the form opened; then the conflict panel
    /// shows what differs, and its resolution is saved the same way.
    fn save(self, c: Customer, done: impl Fn() + Clone + 'static) {
        let Some(db) = self.ws.db() else { return };
        self.saving.set(true);
        let mine = serde_json::to_value(&c).unwrap_or_default();
        spawn_local(async move {
            let t = self.t.get_untracked();
            match store::update_customer(&db, &c).await {
                Ok(summary) => {
                    self.ws.apply(vec![summary]);
                    self.toasts.info(t.customer_saved);
                    done();
                }
                Err(AppError::Conflict(found)) => {
                    self.saving.try_set(false);
                    let pending = Pending {
                        conflict: *found,
                        mine,
                        base: self.base.clone(),
                    };
                    let again = self.clone();
                    self.conflict.open(pending, move |resolved| {
                        match serde_json::from_value::<Customer>(resolved) {
                            Ok(c) => again.clone().save(c, done.clone()),
                            Err(e) => again.toasts.error(&AppError::Damaged(e.to_string())),
                        }
                    });
                }
                Err(e) => {
                    self.error.try_set(Some(e.message(t)));
                    self.saving.try_set(false);
                }
            }
        });
    }
}
