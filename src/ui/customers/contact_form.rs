//! Adding or editing a contact person.

use crate::domain::contact::{BuyingRole, ContactInput, ContactPerson};
use crate::domain::id::Id;
use crate::domain::validate::Field;
use crate::store;
use crate::ui::actions::{FormState, record_submit};
use crate::ui::clock;
use crate::ui::state::use_texts;
use crate::ui::widgets::conflict::ConflictPanel;
use crate::ui::widgets::dirty::DirtyForms;
use crate::ui::widgets::field::{
    SelectField, TextArea, TextField, bind, error_for, field_id, label,
};
use crate::ui::widgets::keys;
use crate::ui::widgets::phones_emails::PhonesAndEmails;
use leptos::prelude::*;

/// The contact person form.
#[component]
pub fn ContactForm(
    customer_id: Id,
    existing: Option<ContactPerson>,
    on_done: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let input = RwSignal::new(
        existing
            .as_ref()
            .map(ContactInput::from_contact)
            .unwrap_or_default(),
    );
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
    let id = |f: Field| field_id("cp", f, None);
    let submit = record_submit(
        form,
        |t| t.contact_saved,
        move || {
            existing.with_value(|e| {
                input
                    .get_untracked()
                    .validate(customer_id, e.as_ref(), clock::now())
            })
        },
        move || existing.get_value(),
        |db, person| async move { store::save_contact(&db, &person).await },
        move || on_done.run(()),
    );
    let (name, set_name) = bind(input, |i| i.name.clone(), |i, v| i.name = v);
    let (title, set_title) = bind(input, |i| i.title.clone(), |i, v| i.title = v);
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);
    view! {
        <form
            class="form"
            novalidate
            data-testid="contact-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev| {
                if ev.key() == "Enter" && ev.target().and_then(|t| {
                    use wasm_bindgen::JsCast;
                    t.dyn_into::<web_sys::HtmlInputElement>().ok()
                }).is_some() {
                    ev.prevent_default();
                    if keys::is_submit(&ev) {
                        submit();
                    }
                }
            }
        >
            <div class="grid-2">
                <TextField id=id(Field::Name) label=label(t, |t| t.contact_name) value=name on_input=set_name error=error_for(errors, Field::Name, None) required=true />
                <TextField id=id(Field::Title) label=label(t, |t| t.title) value=title on_input=set_title error=error_for(errors, Field::Title, None) />
                <SelectField
                    id="cp-role"
                    label=label(t, |t| t.buying_role)
                    options=Signal::derive(move || BuyingRole::ALL.into_iter().map(|r| (r, r.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.role))
                    on_change=Callback::new(move |r| input.update(|i| i.role = r))
                />
                <PhonesAndEmails
                    prefix="cp"
                    phones=Signal::derive(move || input.with(|i| i.phones.clone()))
                    set_phones=Callback::new(move |v| input.update(|i| i.phones = v))
                    emails=Signal::derive(move || input.with(|i| i.emails.clone()))
                    set_emails=Callback::new(move |v| input.update(|i| i.emails = v))
                    errors=errors
                />
                <TextArea id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=2 />
            </div>
            <ConflictPanel state=conflict on_discard=on_done />
            <div class="form-actions" hidden=move || conflict.pending.with(Option::is_some)>
                <button type="button" class="btn" on:click=move |_| on_done.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-contact" disabled=move || saving.get()>{move || t.get().save}</button>
            </div>
        </form>
    }
}
