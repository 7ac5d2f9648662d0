//! Taking (or correcting) a complaint: when and how it came in, what it is about, how serious
//! it is (which sets the deadline) and who handles it.

use crate::domain::complaint::{Category, Complaint, ComplaintInput, Severity};
use crate::domain::id::Id;
use crate::domain::interaction::Channel;
use crate::domain::time::datetime_input_value;
use crate::domain::validate::Field;
use crate::store;
use crate::ui::actions::{FormState, record_submit};
use crate::ui::clock;
use crate::ui::state::{use_prefs, use_texts, use_workspace};
use crate::ui::widgets::conflict::ConflictPanel;
use crate::ui::widgets::dirty::DirtyForms;
use crate::ui::widgets::field::{
    SelectField, TextArea, TextField, bind, error_for, field_id, label,
};
use crate::ui::widgets::keys;
use leptos::prelude::*;

/// The complaint form. New when `existing` is `None`.
#[component]
pub fn ComplaintForm(
    customer_id: Id,
    existing: Option<Complaint>,
    /// Called after a successful save.
    on_done: Callback<()>,
    /// Called on Esc / Cancel.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let initial = match &existing {
        Some(c) => ComplaintInput {
            received_at: datetime_input_value(clock::local(c.received_at)),
            channel: c.channel,
            category: c.category,
            severity: c.severity,
            description: c.description.clone(),
            owner_id: c.owner_id,
        },
        None => ComplaintInput {
            received_at: datetime_input_value(clock::local(clock::now())),
            owner_id: me,
            ..ComplaintInput::default()
        },
    };
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
    let id = move |f: Field| field_id("cp", f, None);

    let submit = record_submit(
        form,
        |t| t.complaint_saved,
        move || {
            existing.with_value(|e| {
                let input = input.get_untracked();
                let offset = clock::offset_for_input(&input.received_at);
                input.validate(customer_id, e.as_ref(), clock::now(), offset)
            })
        },
        move || existing.get_value(),
        |db, complaint| async move { store::save_complaint(&db, &complaint).await },
        move || on_done.run(()),
    );

    let (at, set_at) = bind(input, |i| i.received_at.clone(), |i, v| i.received_at = v);
    let (text, set_text) = bind(input, |i| i.description.clone(), |i, v| i.description = v);
    let member_options = Signal::derive(move || {
        // A member who left stays choosable only where they are already chosen.
        let kept = input.with_untracked(|i| i.owner_id);
        let mut o = vec![(None, t.get().unassigned.to_string())];
        o.extend(ws.member_choices(kept));
        o
    });

    view! {
        <form
            class="form"
            novalidate
            data-testid="complaint-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev| {
                if keys::is_escape(&ev) {
                    ev.prevent_default();
                    on_cancel.run(());
                } else if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) && !keys::composing(&ev) {
                    ev.prevent_default();
                    submit();
                }
            }
        >
            <div class="grid-3">
                <TextField id=id(Field::When) kind="datetime-local" label=label(t, |t| t.received_at) value=at on_input=set_at error=error_for(errors, Field::When, None) required=true />
                <SelectField
                    id="cp-channel"
                    label=label(t, |t| t.channel)
                    options=Signal::derive(move || Channel::ALL.into_iter().filter(|c| *c != Channel::Note).map(|c| (c, c.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.channel))
                    on_change=Callback::new(move |c| input.update(|i| i.channel = c))
                />
                <SelectField
                    id="cp-owner"
                    label=label(t, |t| t.handler)
                    options=member_options
                    value=Signal::derive(move || input.with(|i| i.owner_id))
                    on_change=Callback::new(move |m| input.update(|i| i.owner_id = m))
                />
            </div>
            <div class="grid-2">
                <SelectField
                    id="cp-category"
                    label=label(t, |t| t.category)
                    options=Signal::derive(move || Category::ALL.into_iter().map(|c| (c, c.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.category))
                    on_change=Callback::new(move |c| input.update(|i| i.category = c))
                />
                <SelectField
                    id="cp-severity"
                    label=label(t, |t| t.severity)
                    options=Signal::derive(move || Severity::ALL.into_iter().map(|s| (s, s.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.severity))
                    on_change=Callback::new(move |s| input.update(|i| i.severity = s))
                />
            </div>
            <p class="hint">{move || t.get().deadline_hint}</p>
            <TextArea
                id=id(Field::Description)
                label=label(t, |t| t.complaint_text)
                value=text
                on_input=set_text
                error=error_for(errors, Field::Description, None)
                placeholder=label(t, |t| t.complaint_placeholder)
                rows=4
            />
            <ConflictPanel state=conflict on_discard=on_done />
            <div class="form-actions" hidden=move || conflict.pending.with(Option::is_some)>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-complaint" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
