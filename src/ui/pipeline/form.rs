//! The opportunity form, for a new deal and for editing one: customer, name, amount and
//! currency, expected close, probability (empty: the stage's), owner, competitors, next step,
//! notes. Enter saves and Esc cancels, except while an input method is composing.

use crate::domain::opportunity::{OpportunityFields, OpportunityInput};
use crate::domain::validate::{Field, FieldError};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::customer_chooser::CustomerChooser;
use crate::ui::widgets::field::{
    FormErrors, SelectField, TextArea, TextField, bind, error_for, field_id, label, submit_checked,
};
use crate::ui::widgets::keys;
use crate::ui::widgets::list_input::ListInput;
use leptos::prelude::*;

/// The form. `on_save` receives validated fields; while any field is invalid the problems
/// are shown at the fields instead. `stage_probability` is the chance the deal's stage gives.
#[component]
pub fn OpportunityForm(
    initial: OpportunityInput,
    /// The customer is given (a deal made from the customer's page or being edited).
    customer_fixed: bool,
    stage_probability: u8,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<OpportunityFields>,
    on_cancel: Callback<()>,
    #[prop(into, optional)] outer_error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let input = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id = |f: Field| field_id("of", f, None);
    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        submit_checked(input.get_untracked().validate(), errors, on_save);
    };
    let (name, set_name) = bind(input, |i| i.name.clone(), |i, v| i.name = v);
    let (amount, set_amount) = bind(input, |i| i.amount.clone(), |i, v| i.amount = v);
    let (close, set_close) = bind(input, |i| i.close_date.clone(), |i, v| i.close_date = v);
    let (prob, set_prob) = bind(input, |i| i.probability.clone(), |i, v| i.probability = v);
    let (step, set_step) = bind(input, |i| i.next_step.clone(), |i, v| i.next_step = v);
    let (due, set_due) = bind(
        input,
        |i| i.next_step_due.clone(),
        |i, v| i.next_step_due = v,
    );
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);
    let owner_options = Signal::derive(move || {
        // A member who left stays choosable only where they are already chosen.
        let kept = input.with_untracked(|i| i.owner_id);
        let mut o = vec![(None, t.get().unassigned.to_string())];
        o.extend(ws.member_choices(kept));
        o
    });
    view! {
        <form
            class="form deal-form"
            novalidate
            data-testid="deal-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| keys::form_keydown(&ev, submit, || on_cancel.run(()))
        >
            <FormErrors errors=errors outer=outer_error />
            <fieldset class="form-section">
                <legend>{move || t.get().deal_about}</legend>
                <div class="grid-2">
                    {(!customer_fixed).then(|| view! {
                        <CustomerChooser
                            value=Signal::derive(move || input.with(|i| i.customer_id))
                            on_change=Callback::new(move |c| input.update(|i| i.customer_id = c))
                            label=label(t, |t| t.deal_customer)
                            error=error_for(errors, Field::Customer, None)
                        />
                    })}
                    <TextField id=id(Field::Name) label=label(t, |t| t.deal_name) value=name on_input=set_name error=error_for(errors, Field::Name, None) placeholder=label(t, |t| t.deal_name_placeholder) required=true />
                    <div class="field-row">
                        <TextField id=id(Field::Amount) label=label(t, |t| t.deal_amount) value=amount on_input=set_amount error=error_for(errors, Field::Amount, None) inputmode="decimal" class="grow" />
                        <SelectField
                            id="of-currency"
                            label=label(t, |t| t.currency)
                            options=crate::ui::widgets::field::currency_options()
                            value=Signal::derive(move || input.with(|i| i.currency))
                            on_change=Callback::new(move |c| input.update(|i| i.currency = c))
                        />
                    </div>
                    <TextField id=id(Field::CloseDate) kind="date" label=label(t, |t| t.deal_close) value=close on_input=set_close error=error_for(errors, Field::CloseDate, None) required=true />
                    <TextField
                        id=id(Field::Probability)
                        label=label(t, |t| t.deal_probability)
                        value=prob
                        on_input=set_prob
                        error=error_for(errors, Field::Probability, None)
                        inputmode="numeric"
                        placeholder=Signal::derive(move || format!("{stage_probability}%"))
                        hint=label(t, |t| t.deal_probability_hint)
                    />
                    <SelectField
                        id="of-owner"
                        label=label(t, |t| t.deal_owner)
                        options=owner_options
                        value=Signal::derive(move || input.with(|i| i.owner_id))
                        on_change=Callback::new(move |o| input.update(|i| i.owner_id = o))
                    />
                </div>
            </fieldset>
            <fieldset class="form-section">
                <legend>{move || t.get().deal_follow}</legend>
                <div class="grid-2">
                    <TextField id=id(Field::CommitmentText) label=label(t, |t| t.deal_next_step) value=step on_input=set_step error=error_for(errors, Field::CommitmentText, None) />
                    <TextField id=id(Field::CommitmentDue) kind="date" label=label(t, |t| t.deal_next_step_due) value=due on_input=set_due error=error_for(errors, Field::CommitmentDue, None) />
                    <ListInput
                        prefix="of"
                        field=Field::Competitor
                        label=label(t, |t| t.deal_competitors)
                        add_label=label(t, |t| t.deal_add_competitor)
                        kind="text"
                        values=Signal::derive(move || input.with(|i| i.competitors.clone()))
                        set=Callback::new(move |v| input.update(|i| i.competitors = v))
                        errors=errors
                    />
                </div>
            </fieldset>
            <fieldset class="form-section">
                <TextArea id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=3 />
            </fieldset>
            <div class="form-actions sticky-actions">
                <span class="hint">{move || t.get().save_hint}</span>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-deal" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
