//! The product form, for a new product and for editing one. Enter saves and Esc cancels,
//! except while a Chinese input method is composing.

use crate::domain::product::{ProductFields, ProductInput, UNITS};
use crate::domain::validate::{Field, FieldError};
use crate::ui::state::use_texts;
use crate::ui::widgets::field::{
    FormErrors, SelectField, TextArea, TextField, bind, error_for, field_id, label, submit_checked,
};
use crate::ui::widgets::keys;
use leptos::prelude::*;

/// The product form. `on_save` receives validated fields; while any field is invalid the
/// problems are shown next to the fields instead. `taken` holds the codes of the other
/// products (lower case), which this one may not repeat.
#[component]
pub fn ProductForm(
    initial: ProductInput,
    #[prop(into)] taken: Signal<Vec<String>>,
    #[prop(into)] categories: Signal<Vec<String>>,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<ProductFields>,
    on_cancel: Callback<()>,
    #[prop(into, optional)] outer_error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let input = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id = |f: Field| field_id("pf", f, None);
    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        let checked = taken.with_untracked(|taken| {
            input
                .get_untracked()
                .validate(|code| taken.iter().any(|c| *c == code.trim().to_lowercase()))
        });
        submit_checked(checked, errors, on_save);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        keys::form_keydown(&ev, submit, || on_cancel.run(()));
    };
    let (code, set_code) = bind(input, |i| i.code.clone(), |i, v| i.code = v);
    let (name_zh, set_name_zh) = bind(input, |i| i.name_zh.clone(), |i, v| i.name_zh = v);
    let (name_en, set_name_en) = bind(input, |i| i.name_en.clone(), |i, v| i.name_en = v);
    let (category, set_category) = bind(input, |i| i.category.clone(), |i, v| i.category = v);
    let (unit, set_unit) = bind(input, |i| i.unit.clone(), |i, v| i.unit = v);
    let (price, set_price) = bind(input, |i| i.list_price.clone(), |i, v| i.list_price = v);
    let (tax, set_tax) = bind(input, |i| i.tax_rate.clone(), |i, v| i.tax_rate = v);
    let (cost, set_cost) = bind(input, |i| i.cost.clone(), |i, v| i.cost = v);
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);
    let currencies = crate::ui::widgets::field::currency_options();

    view! {
        <form
            class="form product-form"
            novalidate
            data-testid="product-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=on_keydown
        >
            <FormErrors errors=errors outer=outer_error />
            <fieldset class="form-section">
                <legend>{move || t.get().product_about}</legend>
                <div class="grid-2">
                    <TextField id=id(Field::Code) label=label(t, |t| t.product_code) value=code on_input=set_code error=error_for(errors, Field::Code, None) hint=label(t, |t| t.product_code_hint) required=true />
                    <TextField id=id(Field::Unit) label=label(t, |t| t.product_unit) value=unit on_input=set_unit error=error_for(errors, Field::Unit, None) list="product-units" required=true />
                    <TextField id=id(Field::Name) label=label(t, |t| t.product_name_zh) value=name_zh on_input=set_name_zh error=error_for(errors, Field::Name, None) />
                    <TextField id=id(Field::NameEn) label=label(t, |t| t.product_name_en) value=name_en on_input=set_name_en error=error_for(errors, Field::NameEn, None) />
                    <TextField id=id(Field::Category) label=label(t, |t| t.product_category) value=category on_input=set_category error=error_for(errors, Field::Category, None) hint=label(t, |t| t.product_category_hint) list="product-categories" />
                    <div class="field dnc-box">
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid="product-active"
                                prop:checked=move || input.with(|i| i.active)
                                on:change=move |ev| input.update(|i| i.active = event_target_checked(&ev))
                            />
                            {move || t.get().product_active}
                        </label>
                    </div>
                </div>
                <datalist id="product-units">
                    {UNITS.iter().map(|u| view! { <option value=*u></option> }).collect_view()}
                </datalist>
                <datalist id="product-categories">
                    {move || categories.get().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                </datalist>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || t.get().product_price}</legend>
                <div class="grid-2">
                    <TextField id=id(Field::ListPrice) label=label(t, |t| t.product_list_price) value=price on_input=set_price error=error_for(errors, Field::ListPrice, None) inputmode="decimal" required=true />
                    <SelectField
                        id="pf-currency"
                        label=label(t, |t| t.currency)
                        options=currencies
                        value=Signal::derive(move || input.with(|i| i.currency))
                        on_change=Callback::new(move |c| input.update(|i| i.currency = c))
                    />
                    <TextField id=id(Field::TaxRate) label=label(t, |t| t.product_tax) value=tax on_input=set_tax error=error_for(errors, Field::TaxRate, None) hint=label(t, |t| t.product_tax_hint) inputmode="decimal" />
                    <TextField id=id(Field::Cost) label=label(t, |t| t.product_cost) value=cost on_input=set_cost error=error_for(errors, Field::Cost, None) hint=label(t, |t| t.product_cost_hint) inputmode="decimal" />
                </div>
            </fieldset>
            <fieldset class="form-section">
                <TextArea id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=3 />
            </fieldset>
            <div class="form-actions sticky-actions">
                <span class="hint">{move || t.get().save_hint}</span>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-product" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
