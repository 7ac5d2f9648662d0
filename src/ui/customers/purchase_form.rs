//! Recording (or editing) a purchase.

use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::purchase::{Purchase, PurchaseInput};
use crate::domain::time::date_input_value;
use crate::domain::validate::Field;
use crate::store;
use crate::ui::actions::{FormState, record_submit};
use crate::ui::clock;
use crate::ui::state::use_texts;
use crate::ui::widgets::conflict::ConflictPanel;
use crate::ui::widgets::dirty::DirtyForms;
use crate::ui::widgets::field::{SelectField, TextField, bind, error_for, field_id, label};
use crate::ui::widgets::keys;
use leptos::prelude::*;

/// The purchase form. New when `existing` is `None`; `currency` is the default for new ones.
#[component]
pub fn PurchaseForm(
    customer_id: Id,
    existing: Option<Purchase>,
    currency: Currency,
    on_done: Callback<()>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let t = use_texts();
    let fresh = move || PurchaseInput {
        date: date_input_value(clock::today()),
        currency,
        quantity: "1".into(),
        ..PurchaseInput::default()
    };
    let initial = existing
        .as_ref()
        .map_or_else(fresh, PurchaseInput::from_purchase);
    let input = RwSignal::new(initial);
    // An open edit, or unsaved input, keeps the customer's page from rebuilding under this
    // form (a change elsewhere shows in the form instead, and its save compares).
    let pristine = StoredValue::new(input.get_untracked());
    let editing = existing.is_some();
    DirtyForms::track(move || editing || input.with(|i| pristine.with_value(|p| i != p)));
    let form = FormState::new();
    let FormState {
        errors,
        saving,
        conflict,
    } = form;
    let existing = StoredValue::new(existing);
    let prefix = if existing.with_value(Option::is_some) {
        "pe"
    } else {
        "pn"
    };
    let id = move |f: Field| field_id(prefix, f, None);

    let submit = record_submit(
        form,
        |t| t.purchase_saved,
        move || {
            existing.with_value(|e| {
                input.get_untracked().validate(
                    customer_id,
                    e.as_ref(),
                    clock::today(),
                    clock::now(),
                )
            })
        },
        move || existing.get_value(),
        |db, purchase| async move { store::save_purchase(&db, &purchase).await },
        move || {
            if existing.with_value(Option::is_none) {
                let f = fresh();
                pristine.set_value(f.clone());
                input.set(f);
            }
            on_done.run(());
        },
    );

    let (date, set_date) = bind(input, |i| i.date.clone(), |i, v| i.date = v);
    let (amount, set_amount) = bind(input, |i| i.amount.clone(), |i, v| i.amount = v);
    let (quantity, set_quantity) = bind(input, |i| i.quantity.clone(), |i, v| i.quantity = v);
    let (product, set_product) = bind(input, |i| i.product.clone(), |i, v| i.product = v);
    let (order, set_order) = bind(input, |i| i.order.clone(), |i, v| i.order = v);
    let (margin, set_margin) = bind(input, |i| i.margin.clone(), |i, v| i.margin = v);
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);

    view! {
        <form
            class="form quick-form"
            novalidate
            data-testid="purchase-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev| {
                if keys::is_escape(&ev) {
                    if let Some(c) = on_cancel {
                        ev.prevent_default();
                        c.run(());
                    }
                } else if ev.key() == "Enter" {
                    ev.prevent_default();
                    if keys::is_submit(&ev) {
                        submit();
                    }
                }
            }
        >
            <div class="grid-3">
                <TextField id=id(Field::Date) kind="date" label=label(t, |t| t.date) value=date on_input=set_date error=error_for(errors, Field::Date, None) required=true />
                <div class="field-row">
                    <TextField id=id(Field::Amount) label=label(t, |t| t.amount) value=amount on_input=set_amount error=error_for(errors, Field::Amount, None) required=true inputmode="decimal" class="grow" />
                    <SelectField
                        id=format!("{prefix}-currency")
                        label=label(t, |t| t.currency)
                        options=crate::ui::widgets::field::currency_options()
                        value=Signal::derive(move || input.with(|i| i.currency))
                        on_change=Callback::new(move |c| input.update(|i| i.currency = c))
                    />
                </div>
                <TextField id=id(Field::Quantity) label=label(t, |t| t.quantity) value=quantity on_input=set_quantity error=error_for(errors, Field::Quantity, None) inputmode="decimal" />
                <TextField id=id(Field::Product) label=label(t, |t| t.product) value=product on_input=set_product error=error_for(errors, Field::Product, None) />
                <TextField id=id(Field::Order) label=label(t, |t| t.order_number) value=order on_input=set_order error=error_for(errors, Field::Order, None) />
                <TextField id=id(Field::Margin) label=label(t, |t| t.margin) value=margin on_input=set_margin error=error_for(errors, Field::Margin, None) inputmode="decimal" />
                <TextField id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) />
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="purchase-discounted"
                    prop:checked=move || input.with(|i| i.discounted)
                    on:change=move |ev| input.update(|i| i.discounted = event_target_checked(&ev))
                />
                {move || t.get().discounted}
            </label>
            <ConflictPanel state=conflict on_discard=on_done />
            <div class="form-actions" hidden=move || conflict.pending.with(Option::is_some)>
                <span class="hint">{move || t.get().save_hint}</span>
                {on_cancel.map(|c| view! { <button type="button" class="btn" on:click=move |_| c.run(())>{move || t.get().cancel}</button> })}
                <button type="submit" class="btn btn-primary" data-testid="save-purchase" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
