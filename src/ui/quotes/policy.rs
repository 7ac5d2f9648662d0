//! The team's quoting rules in Settings: the deepest discount each role may give without
//! approval, how long a new quote stays valid, the default payment terms, and the company's
//! name, address, contact line and logo on a printed quote.

use crate::domain::member::MemberRole;
use crate::domain::quote::policy::{MAX_LOGO_BYTES, PolicyInput, QuotePolicy};
use crate::domain::validate::{Field, FieldError};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::field::{FormErrors, TextField, bind, error_for, label};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The quoting rules section of Settings.
#[component]
pub fn QuotePolicySection() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let stored = RwSignal::new(None::<QuotePolicy>);
    let input = RwSignal::new(PolicyInput::default());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outer = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            if let Ok(p) = store::quote_policy(&db).await {
                input.try_set(PolicyInput::from_policy(&p));
                stored.try_set(Some(p));
            }
        });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(db), Some(p)) = (ws.db(), stored.get_untracked()) else {
            return;
        };
        match input.get_untracked().apply(&p, clock::now()) {
            Err(e) => errors.set(e),
            Ok(next) => {
                errors.set(Vec::new());
                busy.set(true);
                spawn_local(async move {
                    match store::save_quote_policy(&db, &next).await {
                        Ok(written) => {
                            outer.set(None);
                            stored.set(Some(written));
                            ws.changed();
                            toasts.info(t.get_untracked().policy_saved);
                        }
                        Err(e) => outer.set(Some(e.message(t.get_untracked()))),
                    }
                    busy.set(false);
                });
            }
        }
    };
    let (days, set_days) = bind(input, |i| i.valid_days.clone(), |i, v| i.valid_days = v);
    let (terms, set_terms) = bind(
        input,
        |i| i.payment_terms.clone(),
        |i, v| i.payment_terms = v,
    );
    let (company, set_company) = bind(input, |i| i.company_name.clone(), |i, v| i.company_name = v);
    let (address, set_address) = bind(
        input,
        |i| i.company_address.clone(),
        |i, v| i.company_address = v,
    );
    let (contact, set_contact) = bind(
        input,
        |i| i.company_contact.clone(),
        |i, v| i.company_contact = v,
    );
    // The chosen file read as a data URL; a file too large or not an image is refused here.
    let pick_logo = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let tx = t.get_untracked();
        if file.size() > MAX_LOGO_BYTES as f64 {
            outer.set(Some(tx.policy_logo_too_big.into()));
            return;
        }
        if !matches!(
            file.type_().as_str(),
            "image/png" | "image/jpeg" | "image/svg+xml"
        ) {
            outer.set(Some(tx.policy_logo_not_image.into()));
            return;
        }
        let Ok(reader) = web_sys::FileReader::new() else {
            return;
        };
        let r = reader.clone();
        let done = wasm_bindgen::closure::Closure::once(move || {
            if let Some(url) = r.result().ok().and_then(|v| v.as_string()) {
                outer.set(None);
                input.update(|i| i.logo = url);
            }
        });
        reader.set_onload(Some(done.as_ref().unchecked_ref()));
        done.forget();
        let _ = reader.read_as_data_url(&file);
    };
    view! {
        <section class="panel" aria-labelledby="policy-title" data-testid="policy-section">
            <h2 id="policy-title">{move || t.get().policy_title}</h2>
            <p class="muted">{move || t.get().policy_body}</p>
            <form class="form" novalidate on:submit=save>
                <FormErrors errors=errors outer=outer />
                <table class="data-table compact policy-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t.get().member_role}</th>
                            <th scope="col" class="num">{move || t.get().policy_limit}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {MemberRole::ALL.into_iter().enumerate().map(|(k, role)| {
                            let id = format!("policy-limit-{k}");
                            view! {
                                <tr>
                                    <td><label for=id.clone()>{move || role.label(t.get())}</label></td>
                                    <td class="num">
                                        <input id=id class="num-input" inputmode="decimal" data-testid="policy-limit"
                                            aria-invalid=move || error_for(errors, Field::Discount, Some(k)).with(Option::is_some).then_some("true")
                                            prop:value=move || input.with(|i| i.limits.iter().find(|(r, _)| *r == role).map(|(_, v)| v.clone()).unwrap_or_default())
                                            on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                input.update(|i| match i.limits.iter_mut().find(|(r, _)| *r == role) {
                                                    Some(x) => x.1 = v,
                                                    None => i.limits.push((role, v)),
                                                });
                                            } />
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="grid-2">
                    <TextField id="policy-days" label=label(t, |t| t.policy_valid_days) value=days on_input=set_days error=error_for(errors, Field::ValidDays, None) inputmode="numeric" />
                    <TextField id="policy-terms" label=label(t, |t| t.policy_terms) value=terms on_input=set_terms error=error_for(errors, Field::PaymentTerms, None) />
                    <TextField id="policy-company" label=label(t, |t| t.policy_company) value=company on_input=set_company error=error_for(errors, Field::Company, None) />
                    <TextField id="policy-address" label=label(t, |t| t.policy_address) value=address on_input=set_address error=error_for(errors, Field::Address, None) />
                    <TextField id="policy-contact" label=label(t, |t| t.policy_contact) value=contact on_input=set_contact error=error_for(errors, Field::Phone, None) />
                    <div class="field">
                        <label for="policy-logo">{move || t.get().policy_logo}</label>
                        <input id="policy-logo" type="file" accept="image/png,image/jpeg,image/svg+xml" data-testid="policy-logo" on:change=pick_logo />
                        {move || {
                            let logo = input.with(|i| i.logo.clone());
                            (!logo.is_empty()).then(|| view! {
                                <div class="logo-preview">
                                    <img src=logo alt="" />
                                    <button type="button" class="btn btn-small" on:click=move |_| input.update(|i| i.logo.clear())>{move || t.get().policy_logo_remove}</button>
                                </div>
                            })
                        }}
                    </div>
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" data-testid="save-policy" disabled=move || busy.get()>{move || t.get().save}</button>
                </div>
            </form>
        </section>
    }
}
