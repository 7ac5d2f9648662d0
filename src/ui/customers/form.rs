//! The customer form, for new customers and for editing every field of an existing one.
//! Enter saves and Esc cancels, except while a Chinese input method is composing.

use super::competitors::Competitors;
use crate::domain::customer::{
    ContactChannel, CustomerFields, CustomerInput, CustomerKind, Party, PaymentAbility, Source,
    SupplierRank, Trend,
};
use crate::domain::validate::{Field, FieldError};
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::field::{
    FormErrors, SelectField, TextArea, TextField, bind, error_for, field_id, label,
};
use crate::ui::widgets::keys;
use crate::ui::widgets::phones_emails::PhonesAndEmails;
use leptos::prelude::*;

/// The customer form. `on_save` receives validated fields; it is not called while any field
/// is invalid (the problems are shown next to the fields instead).
#[component]
pub fn CustomerForm(
    /// Starting values.
    initial: CustomerInput,
    /// Whether a save is in progress.
    #[prop(into)]
    saving: Signal<bool>,
    /// Called with the validated fields.
    on_save: Callback<CustomerFields>,
    /// Called on Cancel / Esc.
    on_cancel: Callback<()>,
    /// Errors from outside the form (e.g. the store refused), shown at the top.
    #[prop(into, optional)]
    outer_error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let input = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id = |f: Field| field_id("cf", f, None);

    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        match input.get_untracked().validate(clock::today()) {
            Ok(fields) => {
                errors.set(Vec::new());
                on_save.run(fields);
            }
            Err(e) => {
                errors.set(e);
                keys::focus_first_invalid();
            }
        }
    };

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        keys::form_keydown(&ev, submit, || on_cancel.run(()));
    };

    let (name, set_name) = bind(input, |i| i.name.clone(), |i, v| i.name = v);
    let (company, set_company) = bind(input, |i| i.company.clone(), |i, v| i.company = v);
    let (industry, set_industry) = bind(input, |i| i.industry.clone(), |i, v| i.industry = v);
    let (region, set_region) = bind(input, |i| i.region.clone(), |i, v| i.region = v);
    let (address, set_address) = bind(input, |i| i.address.clone(), |i, v| i.address = v);
    let (wechat, set_wechat) = bind(input, |i| i.wechat.clone(), |i, v| i.wechat = v);
    let (tags, set_tags) = bind(input, |i| i.tags.clone(), |i, v| i.tags = v);
    let (products, set_products) = bind(
        input,
        |i| i.main_products.clone(),
        |i, v| i.main_products = v,
    );
    let (scale, set_scale) = bind(input, |i| i.scale.clone(), |i, v| i.scale = v);
    let (bnotes, set_bnotes) = bind(
        input,
        |i| i.business_notes.clone(),
        |i, v| i.business_notes = v,
    );
    let (policy, set_policy) = bind(input, |i| i.sales_policy.clone(), |i, v| i.sales_policy = v);
    let (share, set_share) = bind(
        input,
        |i| i.share_of_wallet.clone(),
        |i, v| i.share_of_wallet = v,
    );
    let (pnotes, set_pnotes) = bind(
        input,
        |i| i.position_notes.clone(),
        |i, v| i.position_notes = v,
    );
    let (credit, set_credit) = bind(input, |i| i.credit_limit.clone(), |i, v| i.credit_limit = v);
    let (dnc_since, set_dnc_since) = bind(
        input,
        |i| i.do_not_contact_since.clone(),
        |i, v| i.do_not_contact_since = v,
    );
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);

    let is_person = Memo::new(move |_| input.with(|i| i.party == Party::Individual));
    let owner_options = Signal::derive(move || {
        // A member who left stays choosable only where they are already chosen.
        let kept = input.with_untracked(|i| i.owner_id);
        let mut o = vec![(None, t.get().unassigned.to_string())];
        o.extend(ws.member_choices(kept));
        o
    });

    view! {
        <form
            class="form customer-form"
            novalidate
            data-testid="customer-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=on_keydown
        >
            <FormErrors errors=errors outer=outer_error />

            <fieldset class="form-section">
                <legend>{move || t.get().sec_basics}</legend>
                <div class="segmented" role="radiogroup" aria-label=move || t.get().party>
                    {[Party::Organisation, Party::Individual].into_iter().map(|p| view! {
                        <label class="segment" class:segment-on=move || input.with(|i| i.party == p)>
                            <input
                                type="radio"
                                name="party"
                                prop:checked=move || input.with(|i| i.party == p)
                                on:change=move |_| input.update(|i| {
                                    i.party = p;
                                    if p == Party::Individual {
                                        i.kind = CustomerKind::Consumer;
                                    } else if i.kind == CustomerKind::Consumer {
                                        i.kind = CustomerKind::EnterpriseBuyer;
                                    }
                                })
                            />
                            {move || p.label(t.get())}
                        </label>
                    }).collect_view()}
                </div>
                <div class="grid-2">
                    <TextField
                        id=id(Field::Name)
                        label=Signal::derive(move || if is_person.get() { t.get().name_person } else { t.get().name_org }.to_string())
                        value=name
                        on_input=set_name
                        error=error_for(errors, Field::Name, None)
                        required=true
                        autocomplete="organization"
                    />
                    <Show when=move || is_person.get()>
                        <TextField id=id(Field::Company) label=label(t, |t| t.company) value=company on_input=set_company error=error_for(errors, Field::Company, None) />
                    </Show>
                    <SelectField
                        id="cf-kind"
                        label=label(t, |t| t.kind)
                        options=Signal::derive(move || CustomerKind::ALL.into_iter().map(|k| (k, k.label(t.get()).to_string())).collect())
                        value=Signal::derive(move || input.with(|i| i.kind))
                        on_change=Callback::new(move |k| input.update(|i| i.kind = k))
                    />
                    <TextField id=id(Field::Industry) label=label(t, |t| t.industry) value=industry on_input=set_industry error=error_for(errors, Field::Industry, None) />
                    <TextField id=id(Field::Region) label=label(t, |t| t.region) value=region on_input=set_region error=error_for(errors, Field::Region, None) placeholder=label(t, |t| t.region_placeholder) />
                    <TextField id=id(Field::Address) label=label(t, |t| t.address) value=address on_input=set_address error=error_for(errors, Field::Address, None) autocomplete="street-address" />
                    <SelectField
                        id="cf-source"
                        label=label(t, |t| t.source)
                        options=Signal::derive(move || Source::ALL.into_iter().map(|s| (s, s.label(t.get()).to_string())).collect())
                        value=Signal::derive(move || input.with(|i| i.source))
                        on_change=Callback::new(move |s| input.update(|i| i.source = s))
                    />
                    <SelectField
                        id="cf-owner"
                        label=label(t, |t| t.owner)
                        options=owner_options
                        value=Signal::derive(move || input.with(|i| i.owner_id))
                        on_change=Callback::new(move |o| input.update(|i| i.owner_id = o))
                    />
                    <TextField id=id(Field::Tags) label=label(t, |t| t.tags) value=tags on_input=set_tags error=error_for(errors, Field::Tags, Some(0)) hint=label(t, |t| t.tags_hint) />
                </div>
            </fieldset>

            <fieldset class="form-section">
                <legend>{move || t.get().sec_channels}</legend>
                <div class="grid-2">
                    <PhonesAndEmails
                        prefix="cf"
                        phones=Signal::derive(move || input.with(|i| i.phones.clone()))
                        set_phones=Callback::new(move |v| input.update(|i| i.phones = v))
                        emails=Signal::derive(move || input.with(|i| i.emails.clone()))
                        set_emails=Callback::new(move |v| input.update(|i| i.emails = v))
                        errors=errors
                    />
                    <TextField id=id(Field::WeChat) label=label(t, |t| t.wechat) value=wechat on_input=set_wechat error=error_for(errors, Field::WeChat, None) />
                </div>
            </fieldset>

            <details class="form-section" open=move || input.with(|i| !i.main_products.is_empty() || !i.business_notes.is_empty())>
                <summary>{move || t.get().sec_business}</summary>
                <p class="section-hint">{move || t.get().sec_business_hint}</p>
                <div class="grid-2">
                    <TextArea id="cf-products" label=label(t, |t| t.main_products) value=products on_input=set_products rows=2 />
                    <TextField id="cf-scale" label=label(t, |t| t.scale) value=scale on_input=set_scale placeholder=label(t, |t| t.scale_placeholder) />
                    <SelectField
                        id="cf-trend"
                        label=label(t, |t| t.trend)
                        options=Signal::derive(move || Trend::ALL.into_iter().map(|x| (x, x.label(t.get()).to_string())).collect())
                        value=Signal::derive(move || input.with(|i| i.trend))
                        on_change=Callback::new(move |x| input.update(|i| i.trend = x))
                    />
                    <SelectField
                        id="cf-pay"
                        label=label(t, |t| t.payment_ability)
                        options=Signal::derive(move || PaymentAbility::ALL.into_iter().map(|x| (x, x.label(t.get()).to_string())).collect())
                        value=Signal::derive(move || input.with(|i| i.payment_ability))
                        on_change=Callback::new(move |x| input.update(|i| i.payment_ability = x))
                    />
                    <TextArea id="cf-bnotes" label=label(t, |t| t.business_notes) value=bnotes on_input=set_bnotes rows=2 class="span-2" />
                </div>
            </details>

            <details class="form-section" open=move || input.with(|i| !i.sales_policy.is_empty())>
                <summary>{move || t.get().sec_policy}</summary>
                <p class="section-hint">{move || t.get().sec_policy_hint}</p>
                <TextArea id="cf-policy" label=label(t, |t| t.sales_policy) value=policy on_input=set_policy rows=3 />
            </details>

            <details class="form-section" open=move || input.with(|i| i.rank != SupplierRank::Unknown || !i.share_of_wallet.is_empty())>
                <summary>{move || t.get().sec_position}</summary>
                <div class="grid-2">
                    <SelectField
                        id="cf-rank"
                        label=label(t, |t| t.supplier_rank)
                        options=Signal::derive(move || SupplierRank::ALL.into_iter().map(|x| (x, x.label(t.get()).to_string())).collect())
                        value=Signal::derive(move || input.with(|i| i.rank))
                        on_change=Callback::new(move |x| input.update(|i| i.rank = x))
                    />
                    <TextField id=id(Field::SharePercent) label=label(t, |t| t.share_of_wallet) value=share on_input=set_share error=error_for(errors, Field::SharePercent, None) inputmode="decimal" />
                    <TextArea id="cf-pnotes" label=label(t, |t| t.position_notes) value=pnotes on_input=set_pnotes rows=2 class="span-2" />
                </div>
            </details>

            <details class="form-section" open=move || input.with(|i| !i.competitors.is_empty())>
                <summary>{move || t.get().sec_competitors}</summary>
                <Competitors input=input errors=errors />
            </details>

            <details class="form-section" open=move || input.with(|i| i.do_not_contact || !i.credit_limit.is_empty())>
                <summary>{move || t.get().sec_credit}</summary>
                <div class="grid-2">
                    <div class="field-row">
                        <TextField id=id(Field::CreditLimit) label=label(t, |t| t.credit_limit) value=credit on_input=set_credit error=error_for(errors, Field::CreditLimit, None) inputmode="decimal" class="grow" />
                        <SelectField
                            id="cf-currency"
                            label=label(t, |t| t.currency)
                            options=crate::ui::widgets::field::currency_options()
                            value=Signal::derive(move || input.with(|i| i.credit_currency))
                            on_change=Callback::new(move |c| input.update(|i| i.credit_currency = c))
                        />
                    </div>
                    <div class="field dnc-box">
                        <label class="check">
                            <input
                                type="checkbox"
                                data-testid="dnc"
                                prop:checked=move || input.with(|i| i.do_not_contact)
                                on:change=move |ev| input.update(|i| i.do_not_contact = event_target_checked(&ev))
                            />
                            {move || t.get().dnc}
                        </label>
                        <p class="field-msg">{move || t.get().dnc_hint}</p>
                    </div>
                    <Show when=move || input.with(|i| i.do_not_contact)>
                        <TextField id=id(Field::DoNotContactSince) kind="date" label=label(t, |t| t.dnc_since) value=dnc_since on_input=set_dnc_since error=error_for(errors, Field::DoNotContactSince, None) />
                        <fieldset class="field checks">
                            <legend>{move || t.get().dnc_channels}</legend>
                            {ContactChannel::ALL.into_iter().map(|c| view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || input.with(|i| i.do_not_contact_channels.contains(&c))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            input.update(|i| {
                                                i.do_not_contact_channels.retain(|x| *x != c);
                                                if on {
                                                    i.do_not_contact_channels.push(c);
                                                }
                                            });
                                        }
                                    />
                                    {move || c.label(t.get())}
                                </label>
                            }).collect_view()}
                        </fieldset>
                    </Show>
                </div>
            </details>

            <fieldset class="form-section">
                <TextArea id=id(Field::Notes) label=label(t, |t| t.notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=3 />
            </fieldset>

            <div class="form-actions sticky-actions">
                <span class="hint">{move || t.get().save_hint}</span>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-customer" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
