//! The customer's contact persons: cards with call/mail links, add, edit, delete.

use crate::domain::contact::{BuyingRole, ContactInput, ContactPerson};
use crate::domain::id::Id;
use crate::domain::validate::{Field, FieldError};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::field::{
    SelectField, TextArea, TextField, bind, error_for, field_id, label,
};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::keys;
use crate::ui::widgets::list_input::ListInput;
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The contact persons panel.
#[component]
pub fn ContactsPanel(customer_id: Id, contacts: Vec<ContactPerson>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    // `Some(None)`: adding; `Some(Some(c))`: editing `c`.
    let editing = RwSignal::new(None::<Option<ContactPerson>>);
    let deleting = RwSignal::new(None::<String>);
    let delete_id = StoredValue::new(None::<Id>);
    let empty = contacts.is_empty();

    let confirm_delete = Callback::new(move |_| {
        let (Some(db), Some(id)) = (ws.db(), delete_id.get_value()) else {
            return;
        };
        spawn_local(async move {
            match store::delete_contact(&db, id).await {
                Ok(s) => {
                    ws.apply(vec![s]);
                    toasts.info(t.get_untracked().deleted_item);
                }
                Err(e) => toasts.error(&e),
            }
        });
    });

    view! {
        <section class="panel" aria-labelledby="contacts-title" data-testid="contacts">
            <header class="panel-header">
                <h2 id="contacts-title">{move || t.get().contacts_title}</h2>
                <button class="btn btn-small" data-testid="add-contact" on:click=move |_| editing.set(Some(None))>
                    <Icon icon=lu::LuUserPlus />
                    {move || t.get().add_contact}
                </button>
            </header>
            {empty.then(|| view! { <p class="muted">{move || t.get().contacts_empty}</p> })}
            <ul class="contact-list">
                {contacts.into_iter().map(|c| {
                    let for_edit = c.clone();
                    let id = c.id;
                    let name = c.name.clone();
                    let role = c.role;
                    view! {
                        <li class="contact-card">
                            <div class="contact-main">
                                <strong>{c.name.clone()}</strong>
                                <span class="muted">
                                    {c.title.clone()}
                                    {(!c.title.is_empty()).then_some(" · ")}
                                    {move || role.label(t.get())}
                                </span>
                            </div>
                            <div class="contact-ways">
                                {c.phones.iter().map(|p| view! {
                                    <a href=format!("tel:{}", crate::domain::validate::phone_digits(p))><Icon icon=lu::LuPhone />{p.clone()}</a>
                                }).collect_view()}
                                {c.emails.iter().map(|e| view! {
                                    <a href=format!("mailto:{e}")><Icon icon=lu::LuMail />{e.clone()}</a>
                                }).collect_view()}
                            </div>
                            {(!c.notes.is_empty()).then(|| view! { <p class="contact-notes">{c.notes.clone()}</p> })}
                            <div class="card-actions">
                                <button class="btn-icon" aria-label=move || format!("{} {}", t.get().edit, for_edit.name) on:click={
                                    let c = c.clone();
                                    move |_| editing.set(Some(Some(c.clone())))
                                }>
                                    <Icon icon=lu::LuPencil />
                                </button>
                                <button class="btn-icon" aria-label=move || format!("{} {}", t.get().delete, name) on:click=move |_| {
                                    delete_id.set_value(Some(id));
                                    deleting.set(Some(t.get_untracked().confirm_delete_item.to_string()));
                                }>
                                    <Icon icon=lu::LuTrash2 />
                                </button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Modal
                open=Signal::derive(move || editing.with(Option::is_some))
                on_close=Callback::new(move |_| editing.set(None))
                title=Signal::derive(move || t.get().add_contact.to_string())
            >
                {move || editing.get().map(|existing| view! {
                    <ContactForm
                        customer_id=customer_id
                        existing=existing
                        on_done=Callback::new(move |_| editing.set(None))
                    />
                })}
            </Modal>
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=confirm_delete />
        </section>
    }
}

/// The contact person form.
#[component]
fn ContactForm(
    customer_id: Id,
    existing: Option<ContactPerson>,
    on_done: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let input = RwSignal::new(
        existing
            .as_ref()
            .map(ContactInput::from_contact)
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let existing = StoredValue::new(existing);
    let saving = RwSignal::new(false);
    let id = |f: Field| field_id("cp", f, None);
    let submit = move || {
        let Some(db) = ws.db() else { return };
        let result = existing.with_value(|e| {
            input
                .get_untracked()
                .validate(customer_id, e.as_ref(), clock::now())
        });
        match result {
            Err(e) => errors.set(e),
            Ok(person) => {
                saving.set(true);
                spawn_local(async move {
                    match store::save_contact(&db, &person).await {
                        Ok(s) => {
                            ws.apply(vec![s]);
                            toasts.info(t.get_untracked().contact_saved);
                            on_done.run(());
                        }
                        Err(e) => toasts.error(&e),
                    }
                    saving.set(false);
                });
            }
        }
    };
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
                <ListInput
                    prefix="cp"
                    field=Field::Phone
                    label=label(t, |t| t.phone)
                    add_label=label(t, |t| t.add_phone)
                    kind="tel"
                    values=Signal::derive(move || input.with(|i| i.phones.clone()))
                    set=Callback::new(move |v| input.update(|i| i.phones = v))
                    errors=errors
                />
                <ListInput
                    prefix="cp"
                    field=Field::Email
                    label=label(t, |t| t.email)
                    add_label=label(t, |t| t.add_email)
                    kind="email"
                    values=Signal::derive(move || input.with(|i| i.emails.clone()))
                    set=Callback::new(move |v| input.update(|i| i.emails = v))
                    errors=errors
                />
                <TextArea id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=2 />
            </div>
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| on_done.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-contact" disabled=move || saving.get()>{move || t.get().save}</button>
            </div>
        </form>
    }
}
