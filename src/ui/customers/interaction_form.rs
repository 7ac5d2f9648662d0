//! Logging (or editing) an interaction, with an optional commitment.

use crate::domain::contact::ContactPerson;
use crate::domain::id::Id;
use crate::domain::interaction::{Channel, Interaction, InteractionInput};
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::time::{date_input_value, datetime_input_value};
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

/// The interaction form. New when `existing` is `None`. On a lead's page (`lead`),
/// `customer_id` is the lead's id and the interaction is saved as the lead's.
#[component]
pub fn InteractionForm(
    customer_id: Id,
    /// Logged on a lead rather than a customer.
    #[prop(optional)]
    lead: bool,
    existing: Option<Interaction>,
    /// The customer's contact persons, to say whom we spoke with.
    contacts: Vec<ContactPerson>,
    /// Called after a successful save.
    on_done: Callback<()>,
    /// Called on Esc / Cancel.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let fresh = move || InteractionInput {
        at: datetime_input_value(clock::local(clock::now())),
        member_id: me,
        ..InteractionInput::default()
    };
    let initial = match &existing {
        Some(i) => InteractionInput {
            at: datetime_input_value(clock::local(i.at)),
            channel: i.channel,
            member_id: i.member_id,
            contact_id: i.contact_id,
            summary: i.summary.clone(),
            commitment_text: i
                .commitment
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_default(),
            commitment_due: i
                .commitment
                .as_ref()
                .map(|c| date_input_value(c.due))
                .unwrap_or_default(),
        },
        None => fresh(),
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
    let prefix = if existing.with_value(Option::is_some) {
        "ie"
    } else {
        "in"
    };
    let id = move |f: Field| field_id(prefix, f, None);

    let validate = move || {
        existing.with_value(|e| {
            let input = input.get_untracked();
            let offset = clock::offset_for_input(&input.at);
            input.validate(customer_id, e.as_ref(), clock::now(), offset)
        })
    };
    let then = move || {
        if existing.with_value(Option::is_none) {
            let f = fresh();
            pristine.set_value(f.clone());
            input.set(f);
        }
        on_done.run(());
    };
    // The same record either way; a lead's is kept apart (see `domain::lead::activity`).
    let submit: Callback<()> = if lead {
        let s = record_submit(
            form,
            |t| t.interaction_saved,
            move || validate().map(LeadInteraction),
            move || existing.get_value().map(LeadInteraction),
            |db, i| async move { store::save_lead_interaction(&db, &i).await.map(|_| ()) },
            then,
        );
        Callback::new(move |_| s())
    } else {
        let s = record_submit(
            form,
            |t| t.interaction_saved,
            validate,
            move || existing.get_value(),
            |db, interaction| async move { store::save_interaction(&db, &interaction).await },
            then,
        );
        Callback::new(move |_| s())
    };
    let submit = move || submit.run(());

    let (at, set_at) = bind(input, |i| i.at.clone(), |i, v| i.at = v);
    let (summary, set_summary) = bind(input, |i| i.summary.clone(), |i, v| i.summary = v);
    let (ctext, set_ctext) = bind(
        input,
        |i| i.commitment_text.clone(),
        |i, v| i.commitment_text = v,
    );
    let (cdue, set_cdue) = bind(
        input,
        |i| i.commitment_due.clone(),
        |i, v| i.commitment_due = v,
    );
    let contact_options = {
        let contacts = contacts.clone();
        Signal::derive(move || {
            let mut o = vec![(None, t.get().none.to_string())];
            o.extend(contacts.iter().map(|c| (Some(c.id), c.name.clone())));
            o
        })
    };
    let member_options = Signal::derive(move || {
        // A member who left stays choosable only where they are already chosen.
        let kept = input.with_untracked(|i| i.member_id);
        let mut o = vec![(None, t.get().none.to_string())];
        o.extend(ws.member_choices(kept));
        o
    });

    view! {
        <form
            class="form quick-form"
            novalidate
            data-testid="interaction-form"
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
                    return;
                }
                if ev.key() == "Enter" {
                    let is_input = ev.target().and_then(|t| {
                        use wasm_bindgen::JsCast;
                        t.dyn_into::<web_sys::HtmlInputElement>().ok()
                    }).is_some();
                    let in_area = !is_input && (ev.ctrl_key() || ev.meta_key());
                    if is_input || in_area {
                        ev.prevent_default();
                        if !keys::composing(&ev) && (in_area || !ev.shift_key()) {
                            submit();
                        }
                    }
                }
            }
        >
            <div class="grid-3">
                <TextField id=id(Field::When) kind="datetime-local" label=label(t, |t| t.when) value=at on_input=set_at error=error_for(errors, Field::When, None) required=true />
                <SelectField
                    id=format!("{prefix}-channel")
                    label=label(t, |t| t.channel)
                    options=Signal::derive(move || Channel::ALL.into_iter().map(|c| (c, c.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.channel))
                    on_change=Callback::new(move |c| input.update(|i| i.channel = c))
                />
                <SelectField
                    id=format!("{prefix}-member")
                    label=label(t, |t| t.our_side)
                    options=member_options
                    value=Signal::derive(move || input.with(|i| i.member_id))
                    on_change=Callback::new(move |m| input.update(|i| i.member_id = m))
                />
            </div>
            <TextArea
                id=id(Field::Summary)
                label=label(t, |t| t.summary)
                value=summary
                on_input=set_summary
                error=error_for(errors, Field::Summary, None)
                placeholder=label(t, |t| t.summary_placeholder)
                rows=3
            />
            <div class="grid-3">
                <SelectField
                    id=format!("{prefix}-contact")
                    label=label(t, |t| t.their_side)
                    options=contact_options
                    value=Signal::derive(move || input.with(|i| i.contact_id))
                    on_change=Callback::new(move |c| input.update(|i| i.contact_id = c))
                />
                <TextField id=id(Field::CommitmentText) label=label(t, |t| t.commitment) value=ctext on_input=set_ctext error=error_for(errors, Field::CommitmentText, None) placeholder=label(t, |t| t.commitment_placeholder) />
                <TextField id=id(Field::CommitmentDue) kind="date" label=label(t, |t| t.commitment_due) value=cdue on_input=set_cdue error=error_for(errors, Field::CommitmentDue, None) />
            </div>
            <ConflictPanel state=conflict on_discard=on_done />
            <div class="form-actions" hidden=move || conflict.pending.with(Option::is_some)>
                <span class="hint">{move || t.get().save_hint}</span>
                {on_cancel.map(|c| view! { <button type="button" class="btn" on:click=move |_| c.run(())>{move || t.get().cancel}</button> })}
                <button type="submit" class="btn btn-primary" data-testid="save-interaction" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
