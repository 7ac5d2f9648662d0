//! The new-quote page: for the customer (and deal) in the address (`?customer=`, `?deal=`,
//! from a customer's or a deal's page) or one chosen here; in yuan with prices including tax,
//! valid for the team's number of days, with its default payment terms; numbered and owned by
//! whoever "me" is when saved as a draft.

use super::data::{me, use_customer_context, use_quote_data};
use super::editor::QuoteEditor;
use crate::domain::id::Id;
use crate::domain::quote::totals::TaxMode;
use crate::domain::quote::{LineInput, QuoteFields, QuoteInput};
use crate::domain::time::date_input_value;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

/// A new quote.
#[component]
pub fn NewQuotePage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let params = use_query_map();
    let data = use_quote_data(Signal::stored(None));
    // The customer's quotes and purchases, read now beside the price list.
    let focus = RwSignal::new(
        params.with_untracked(|p| p.get("customer").and_then(|s| s.parse::<Id>().ok())),
    );
    let context = use_customer_context(focus.into());
    let (owner, _) = me(ws);
    let read = |k: &str| params.with_untracked(|p| p.get(k).and_then(|s| s.parse::<Id>().ok()));
    let (customer, deal) = (read("customer"), read("deal"));
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let save = {
        let navigate = navigate.clone();
        Callback::new(move |fields: QuoteFields| {
            let Some(db) = ws.db() else { return };
            // Numbered as it is written.
            let quote = fields.into_quote(String::new(), owner, clock::now());
            saving.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::save_new_quote(&db, &quote, clock::today()).await {
                    Ok((q, summary)) => {
                        ws.apply(vec![summary]);
                        toasts.info(t.get_untracked().quote_created);
                        navigate(&Page::Quote(q.id).path(), nav());
                    }
                    Err(e) => {
                        error.set(Some(e.message(t.get_untracked())));
                        saving.set(false);
                    }
                }
            });
        })
    };
    let cancel = Callback::new(move |_| navigate(&Page::Quotes.path(), nav()));
    view! {
        <section class="page page-form page-quote-edit">
            <header class="page-header">
                <h1>{move || t.get().quote_new}</h1>
            </header>
            {move || match data.with(|d| d.as_ref().map(|r| r.as_ref().map(|d| d.policy.clone()).map_err(Clone::clone))) {
                None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(policy)) => {
                    let initial = QuoteInput {
                        customer_id: customer,
                        opportunity_id: deal,
                        tax_mode: TaxMode::Inclusive,
                        lines: vec![LineInput::default()],
                        valid_until: date_input_value(clock::today() + chrono::Days::new(u64::from(policy.valid_days))),
                        payment_terms: policy.payment_terms.clone(),
                        ..QuoteInput::default()
                    };
                    view! { <QuoteEditor initial=initial data=data saving=saving on_save=save on_cancel=cancel outer_error=error focus=focus context=context /> }.into_any()
                }
            }}
        </section>
    }
}
