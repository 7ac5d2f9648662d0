//! A person's or organisation's phone numbers and e-mail addresses: two editable lists, as
//! the customer and contact-person forms show them.

use crate::domain::validate::{Field, FieldError};
use crate::ui::state::use_texts;
use crate::ui::widgets::field::label;
use crate::ui::widgets::list_input::ListInput;
use leptos::prelude::*;

/// The phone and e-mail lists of a form, each with its add button and per-entry errors.
#[component]
pub fn PhonesAndEmails(
    /// DOM id prefix of the form.
    prefix: &'static str,
    phones: Signal<Vec<String>>,
    set_phones: Callback<Vec<String>>,
    emails: Signal<Vec<String>>,
    set_emails: Callback<Vec<String>>,
    /// The form's field errors (each entry's shows under it).
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <ListInput
            prefix=prefix
            field=Field::Phone
            label=label(t, |t| t.phone)
            add_label=label(t, |t| t.add_phone)
            kind="tel"
            values=phones
            set=set_phones
            errors=errors
        />
        <ListInput
            prefix=prefix
            field=Field::Email
            label=label(t, |t| t.email)
            add_label=label(t, |t| t.add_email)
            kind="email"
            values=emails
            set=set_emails
            errors=errors
        />
    }
}
