//! A price agreement's form, in a dialog: whom it is with (a customer, a value class, a kind of
//! customer), what it covers (a product, a category), the terms (a fixed price or a discount
//! off the list price) and the dates.

use crate::domain::analysis::importance::Importance;
use crate::domain::customer::CustomerKind;
use crate::domain::id::Id;
use crate::domain::product::Product;
use crate::domain::product::pricing::{
    AgreementFields, AgreementInput, Party, PartyChoice, PriceAgreement, Scope, Terms,
};
use crate::domain::time::date_input_value;
use crate::domain::validate::{Field, FieldError};
use crate::ui::state::use_texts;
use crate::ui::widgets::customer_chooser::CustomerChooser;
use crate::ui::widgets::field::{
    FormErrors, SelectField, TextArea, TextField, bind, error_for, field_id, label, submit_checked,
};
use crate::ui::widgets::keys;
use leptos::prelude::*;

/// The form filled from a stored agreement.
pub fn input_of(a: &PriceAgreement) -> AgreementInput {
    let mut i = AgreementInput {
        valid_from: date_input_value(a.valid_from),
        valid_until: a.valid_until.map(date_input_value).unwrap_or_default(),
        notes: a.notes.clone(),
        ..AgreementInput::default()
    };
    match a.party {
        Party::Customer(id) => i.customer_id = Some(id),
        Party::Importance(c) => {
            i.party = PartyChoice::Importance;
            i.importance = c;
        }
        Party::Kind(k) => {
            i.party = PartyChoice::Kind;
            i.kind = k;
        }
    }
    match &a.scope {
        Scope::Product(id) => i.product_id = Some(*id),
        Scope::Category(c) => i.category = c.clone(),
    }
    match a.terms {
        Terms::Price(m) => {
            i.fixed_price = true;
            i.value = m.amount.to_string();
            i.currency = m.currency;
        }
        Terms::Discount(d) => {
            i.fixed_price = false;
            i.value = d.to_string();
        }
    }
    i
}

/// The agreement form. `products` are the offered products to choose from (code order).
#[component]
pub fn AgreementForm(
    initial: AgreementInput,
    #[prop(into)] products: Signal<Vec<Product>>,
    #[prop(into)] categories: Signal<Vec<String>>,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<AgreementFields>,
    on_cancel: Callback<()>,
    #[prop(into, optional)] outer_error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let by_category = initial.product_id.is_none() && !initial.category.is_empty();
    let input = RwSignal::new(initial);
    let scope_category = RwSignal::new(by_category);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id = |f: Field| field_id("af", f, None);
    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        let mut i = input.get_untracked();
        if scope_category.get_untracked() {
            i.product_id = None;
        }
        let checked = products.with_untracked(|ps| i.validate(|p| ps.iter().any(|x| x.id == p)));
        submit_checked(checked, errors, on_save);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        keys::form_keydown(&ev, submit, || on_cancel.run(()));
    };
    let (category, set_category) = bind(input, |i| i.category.clone(), |i, v| i.category = v);
    let (value, set_value) = bind(input, |i| i.value.clone(), |i, v| i.value = v);
    let (from, set_from) = bind(input, |i| i.valid_from.clone(), |i, v| i.valid_from = v);
    let (until, set_until) = bind(input, |i| i.valid_until.clone(), |i, v| i.valid_until = v);
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);
    let party = Signal::derive(move || input.with(|i| i.party));
    let product_options = Signal::derive(move || {
        let mut o: Vec<(Option<Id>, String)> =
            vec![(None, t.get().agreement_choose_product.to_string())];
        let zh = !std::ptr::eq(t.get(), &crate::domain::i18n::EN);
        products.with(|ps| {
            o.extend(
                ps.iter()
                    .map(|p| (Some(p.id), format!("{} · {}", p.code, p.name(zh)))),
            )
        });
        o
    });
    let currencies = crate::ui::widgets::field::currency_options();

    view! {
        <form
            class="form agreement-form"
            novalidate
            data-testid="agreement-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=on_keydown
        >
            <FormErrors errors=errors outer=outer_error />
            <div class="grid-2">
                <SelectField
                    id="af-party"
                    label=label(t, |t| t.agreement_with)
                    options=Signal::derive(move || [PartyChoice::Customer, PartyChoice::Importance, PartyChoice::Kind].into_iter().map(|p| (p, p.label(t.get()).to_string())).collect())
                    value=party
                    on_change=Callback::new(move |p| input.update(|i| i.party = p))
                />
                {move || match party.get() {
                    PartyChoice::Customer => view! {
                        <CustomerChooser
                            value=Signal::derive(move || input.with(|i| i.customer_id))
                            on_change=Callback::new(move |c| input.update(|i| i.customer_id = c))
                            label=label(t, |t| t.agreement_customer)
                            error=error_for(errors, Field::Customer, None)
                        />
                    }.into_any(),
                    PartyChoice::Importance => view! {
                        <SelectField
                            id="af-class"
                            label=label(t, |t| t.agreement_class)
                            options=Signal::derive(move || Importance::ALL.into_iter().map(|c| (c, c.label(t.get()).to_string())).collect())
                            value=Signal::derive(move || input.with(|i| i.importance))
                            on_change=Callback::new(move |c| input.update(|i| i.importance = c))
                        />
                    }.into_any(),
                    PartyChoice::Kind => view! {
                        <SelectField
                            id="af-kind"
                            label=label(t, |t| t.agreement_kind)
                            options=Signal::derive(move || CustomerKind::ALL.into_iter().map(|k| (k, k.label(t.get()).to_string())).collect())
                            value=Signal::derive(move || input.with(|i| i.kind))
                            on_change=Callback::new(move |k| input.update(|i| i.kind = k))
                        />
                    }.into_any(),
                }}
                <SelectField
                    id="af-scope"
                    label=label(t, |t| t.agreement_covers)
                    options=Signal::derive(move || vec![(false, t.get().agreement_product.to_string()), (true, t.get().agreement_category.to_string())])
                    value=scope_category
                    on_change=Callback::new(move |c| scope_category.set(c))
                />
                {move || if scope_category.get() {
                    view! {
                        <TextField id=id(Field::Category) label=label(t, |t| t.product_category) value=category on_input=set_category error=error_for(errors, Field::Category, None) list="agreement-categories" />
                    }.into_any()
                } else {
                    view! {
                        <div class="field" class:field-invalid=move || error_for(errors, Field::Product, None).with(Option::is_some)>
                            <label for="af-product">{move || t.get().col_product}</label>
                            <select
                                id="af-product"
                                data-testid="agreement-product"
                                on:change=move |ev| {
                                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                                    let chosen = product_options.with(|o| o.get(i).and_then(|x| x.0));
                                    input.update(|x| x.product_id = chosen);
                                }
                            >
                                {move || {
                                    let current = input.with(|i| i.product_id);
                                    product_options.get().into_iter().enumerate().map(|(i, (v, l))| {
                                        view! { <option value=i.to_string() selected=v == current>{l}</option> }
                                    }).collect_view()
                                }}
                            </select>
                            <p class="field-msg">{move || error_for(errors, Field::Product, None).get()}</p>
                        </div>
                    }.into_any()
                }}
                <datalist id="agreement-categories">
                    {move || categories.get().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                </datalist>
                <SelectField
                    id="af-terms"
                    label=label(t, |t| t.agreement_terms)
                    options=Signal::derive(move || vec![(true, t.get().agreement_fixed.to_string()), (false, t.get().agreement_discount.to_string())])
                    value=Signal::derive(move || input.with(|i| i.fixed_price))
                    on_change=Callback::new(move |f| input.update(|i| i.fixed_price = f))
                />
                {move || if input.with(|i| i.fixed_price) {
                    view! {
                        <div class="grid-2 tight">
                            <TextField id=id(Field::UnitPrice) label=label(t, |t| t.agreement_price) value=value on_input=set_value error=error_for(errors, Field::UnitPrice, None) inputmode="decimal" required=true />
                            <SelectField
                                id="af-currency"
                                label=label(t, |t| t.currency)
                                options=currencies
                                value=Signal::derive(move || input.with(|i| i.currency))
                                on_change=Callback::new(move |c| input.update(|i| i.currency = c))
                            />
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <TextField id=id(Field::Discount) label=label(t, |t| t.agreement_discount_pct) value=value on_input=set_value error=error_for(errors, Field::Discount, None) inputmode="decimal" required=true />
                    }.into_any()
                }}
                <TextField id=id(Field::ValidFrom) label=label(t, |t| t.agreement_from) value=from on_input=set_from error=error_for(errors, Field::ValidFrom, None) kind="date" required=true />
                <TextField id=id(Field::ValidUntil) label=label(t, |t| t.agreement_until) value=until on_input=set_until error=error_for(errors, Field::ValidUntil, None) kind="date" />
            </div>
            <TextArea id=id(Field::Notes) label=label(t, |t| t.agreement_notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=2 />
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-agreement" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
