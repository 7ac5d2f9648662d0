//! The lead form, for a new lead and for editing one. Enter saves and Esc cancels, except while
//! a Chinese input method is composing.

use crate::domain::lead::{LeadFields, LeadInput, LeadSource};
use crate::domain::validate::{Field, FieldError};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::field::{
    FormErrors, SelectField, TextArea, TextField, bind, error_for, field_id, label, submit_checked,
};
use crate::ui::widgets::keys;
use crate::ui::widgets::phones_emails::PhonesAndEmails;
use leptos::prelude::*;

/// The lead form. `on_save` receives validated fields; while any field is invalid the
/// problems are shown next to the fields instead.
#[component]
pub fn LeadForm(
    /// Starting values.
    initial: LeadInput,
    /// Whether a save is in progress.
    #[prop(into)]
    saving: Signal<bool>,
    on_save: Callback<LeadFields>,
    on_cancel: Callback<()>,
    /// A problem from outside the form (the store refused), shown at the top.
    #[prop(into, optional)]
    outer_error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let input = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id = |f: Field| field_id("lf", f, None);

    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        submit_checked(input.get_untracked().validate(), errors, on_save);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        keys::form_keydown(&ev, submit, || on_cancel.run(()));
    };

    let (name, set_name) = bind(input, |i| i.name.clone(), |i, v| i.name = v);
    let (company, set_company) = bind(input, |i| i.company.clone(), |i, v| i.company = v);
    let (title, set_title) = bind(input, |i| i.title.clone(), |i, v| i.title = v);
    let (region, set_region) = bind(input, |i| i.region.clone(), |i, v| i.region = v);
    let (industry, set_industry) = bind(input, |i| i.industry.clone(), |i, v| i.industry = v);
    let (campaign, set_campaign) = bind(input, |i| i.campaign.clone(), |i, v| i.campaign = v);
    let (wechat, set_wechat) = bind(input, |i| i.wechat.clone(), |i, v| i.wechat = v);
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
            class="form lead-form"
            novalidate
            data-testid="lead-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=on_keydown
        >
            <FormErrors errors=errors outer=outer_error />

            <fieldset class="form-section">
                <legend>{move || t.get().lead_about}</legend>
                <div class="grid-2">
                    <TextField id=id(Field::Name) label=label(t, |t| t.lead_name) value=name on_input=set_name error=error_for(errors, Field::Name, None) autocomplete="name" />
                    <TextField id=id(Field::Company) label=label(t, |t| t.lead_company) value=company on_input=set_company error=error_for(errors, Field::Company, None) autocomplete="organization" />
                    <TextField id=id(Field::Title) label=label(t, |t| t.lead_title_field) value=title on_input=set_title error=error_for(errors, Field::Title, None) autocomplete="organization-title" />
                    <TextField id=id(Field::Industry) label=label(t, |t| t.industry) value=industry on_input=set_industry error=error_for(errors, Field::Industry, None) />
                    <TextField id=id(Field::Region) label=label(t, |t| t.region) value=region on_input=set_region error=error_for(errors, Field::Region, None) placeholder=label(t, |t| t.region_placeholder) />
                    <SelectField
                        id="lf-source"
                        label=label(t, |t| t.lead_source)
                        options=Signal::derive(move || LeadSource::ALL.into_iter().map(|s| (s, s.label(t.get()).to_string())).collect())
                        value=Signal::derive(move || input.with(|i| i.source))
                        on_change=Callback::new(move |s| input.update(|i| i.source = s))
                    />
                    <TextField id=id(Field::Campaign) label=label(t, |t| t.lead_campaign) value=campaign on_input=set_campaign error=error_for(errors, Field::Campaign, None) placeholder=label(t, |t| t.lead_campaign_placeholder) />
                    <SelectField
                        id="lf-owner"
                        label=label(t, |t| t.lead_owner)
                        options=owner_options
                        value=Signal::derive(move || input.with(|i| i.owner_id))
                        on_change=Callback::new(move |o| input.update(|i| i.owner_id = o))
                    />
                </div>
            </fieldset>

            <fieldset class="form-section">
                <legend>{move || t.get().lead_contact_fields}</legend>
                <div class="grid-2">
                    <PhonesAndEmails
                        prefix="lf"
                        phones=Signal::derive(move || input.with(|i| i.phones.clone()))
                        set_phones=Callback::new(move |v| input.update(|i| i.phones = v))
                        emails=Signal::derive(move || input.with(|i| i.emails.clone()))
                        set_emails=Callback::new(move |v| input.update(|i| i.emails = v))
                        errors=errors
                    />
                    <TextField id=id(Field::WeChat) label=label(t, |t| t.wechat) value=wechat on_input=set_wechat error=error_for(errors, Field::WeChat, None) />
                    <div class="field dnc-box">
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid="lead-dnc"
                                prop:checked=move || input.with(|i| i.do_not_contact)
                                on:change=move |ev| input.update(|i| i.do_not_contact = event_target_checked(&ev))
                            />
                            {move || t.get().lead_dnc}
                        </label>
                        <p class="field-msg">{move || t.get().lead_dnc_hint}</p>
                    </div>
                </div>
            </fieldset>

            <fieldset class="form-section">
                <TextArea id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=3 />
            </fieldset>

            <div class="form-actions sticky-actions">
                <span class="hint">{move || t.get().save_hint}</span>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-lead" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
