//! The customer's contact persons: cards with call/mail links, add, edit, delete.

use super::contact_form::ContactForm;
use crate::domain::contact::ContactPerson;
use crate::domain::id::Id;
use crate::store;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
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
                                    <a href=crate::domain::validate::tel_href(p)><Icon icon=lu::LuPhone />{p.clone()}</a>
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
                title=Signal::derive(move || {
                    let tt = t.get();
                    let editing_one = editing.with(|e| matches!(e, Some(Some(_))));
                    (if editing_one { tt.edit_contact } else { tt.add_contact }).to_string()
                })
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
