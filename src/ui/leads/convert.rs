//! Converting a lead: the choice of what it becomes — a new customer (described as it will be
//! made), or one of the customers it matched, with the lead's person added there as a contact
//! person, or recognised as the contact person or the customer it already is — then one
//! transaction, and the customer's page.

use crate::domain::customer::Party;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::lead::convert::{ConvertInto, Person, convert};
use crate::domain::lead::matching::{Match, MatchOn, MatchTarget};
use crate::domain::opportunity::OpportunityInput;
use crate::domain::time::date_input_value;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{Workspace, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::field::{TextField, label};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// The stored customers the lead may be converted into, from its matches: each customer
/// once, with who the lead's person is there.
fn targets(ws: Workspace, lead: &Lead, matches: &[Match]) -> Vec<(Id, String, Person)> {
    let mut out: Vec<(Id, String, Person)> = Vec::new();
    for m in matches {
        let (customer, person) = match m.target {
            MatchTarget::Contact { customer, contact } => (customer, Person::Contact(contact)),
            MatchTarget::Customer(id) => {
                let individual = ws
                    .index
                    .with_untracked(|ix| ix.get(id).is_some_and(|s| s.party == Party::Individual));
                // The same phone, e-mail or name as a private customer: the lead is them.
                let is_them = individual && m.on != MatchOn::Company;
                let person = if is_them || lead.name.trim().is_empty() {
                    Person::Customer
                } else {
                    Person::NewContact
                };
                (id, person)
            }
            MatchTarget::Lead(_) => continue,
        };
        let name = ws
            .index
            .with_untracked(|ix| ix.get(customer).map(|s| s.name.clone()))
            .unwrap_or_default();
        match out.iter_mut().find(|(c, ..)| *c == customer) {
            // Knowing the contact person beats adding one.
            Some(slot) if matches!(person, Person::Contact(_)) => slot.2 = person,
            Some(_) => {}
            None => out.push((customer, name, person)),
        }
    }
    out
}

/// The Convert button and its dialog.
#[component]
pub fn ConvertLead(
    lead: StoredValue<Lead>,
    matches: Vec<Match>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let l = lead.get_value();
    let options = StoredValue::new(targets(ws, &l, &matches));
    let choice = RwSignal::new(ConvertInto::NewCustomer);
    let error = RwSignal::new(None::<String>);
    let contact_label = move |customer: Id, contact: Id| -> String {
        // The label of the matched contact ("name · customer"): its name part.
        matches
            .iter()
            .find(|m| m.target == MatchTarget::Contact { customer, contact })
            .map(|m| m.label.split(" · ").next().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    let contact_label = StoredValue::new(contact_label);
    // A deal opened with the conversion: asked for by default once the lead is qualified.
    let with_deal = RwSignal::new(l.status == crate::domain::lead::LeadStatus::Qualified);
    let deal = RwSignal::new(OpportunityInput {
        name: if l.company.is_empty() {
            l.name.clone()
        } else {
            l.company.clone()
        },
        close_date: date_input_value(clock::today() + chrono::Days::new(30)),
        ..OpportunityInput::default()
    });

    let me = use_prefs().0.with_untracked(|s| s.me);
    let go = move |_| {
        let Some(db) = ws.db() else { return };
        let into = choice.get_untracked();
        let tt = t.get_untracked();
        let converted = match convert(&lead.get_value(), into, clock::now(), clock::today()) {
            Ok(c) => c,
            Err(e) => {
                error.set(Some(e.message(tt)));
                return;
            }
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let converted = if with_deal.get_untracked() {
                let pipeline = store::pipeline(&db).await.unwrap_or_default();
                match converted.with_deal(deal.get_untracked(), &pipeline, me, clock::now()) {
                    Ok(c) => c,
                    Err(errors) => {
                        let text = errors
                            .iter()
                            .map(|e| format!("{}: {}", e.field.label(tt), e.problem.message(tt)))
                            .collect::<Vec<_>>()
                            .join(" ");
                        error.set(Some(text));
                        busy.try_set(false);
                        return;
                    }
                }
            } else {
                converted
            };
            match store::convert_lead(&db, &converted).await {
                Ok((_, summary)) => {
                    let (id, name) = (summary.id, summary.name.clone());
                    ws.apply(vec![summary]);
                    store::notify_changed();
                    toasts.info((tt.converted_into)(&name));
                    open.try_set(false);
                    navigate(&Page::Customer(id).path(), nav());
                }
                Err(e) => error.set(Some(e.message(tt))),
            }
            busy.try_set(false);
        });
    };

    let new_label = move || {
        let t = t.get();
        lead.with_value(|l| {
            if l.company.trim().is_empty() {
                (t.convert_new_person)(&l.name)
            } else {
                (t.convert_new_org)(&l.company, &l.name)
            }
        })
    };

    view! {
        <button class="btn btn-primary" data-testid="lead-convert" disabled=move || busy.get() on:click=move |_| { error.set(None); open.set(true); }>
            <Icon icon=lu::LuUserCheck />
            <span class="btn-text">{move || t.get().lead_convert}</span>
        </button>
        <Modal
            open=Signal::derive(move || open.get())
            on_close=Callback::new(move |_| open.set(false))
            title=Signal::derive(move || t.get().lead_convert_title.to_string())
        >
            <p class="muted">{move || t.get().lead_convert_body}</p>
            <fieldset class="convert-choices">
                <legend class="sr-only">{move || t.get().lead_convert_title}</legend>
                <label class="choice">
                    <input type="radio" name="convert-into" data-testid="convert-new"
                        prop:checked=move || choice.get() == ConvertInto::NewCustomer
                        on:change=move |_| choice.set(ConvertInto::NewCustomer) />
                    <span>{new_label}</span>
                </label>
                {move || {
                    let list = options.get_value();
                    (!list.is_empty()).then(|| view! {
                        <p class="subhead">{move || t.get().lead_convert_into}</p>
                        {list.into_iter().map(|(customer, name, person)| {
                            let into = ConvertInto::Customer { customer, person };
                            let label = move || {
                                let t = t.get();
                                let who = lead.with_value(|l| l.name.clone());
                                match person {
                                    Person::NewContact => (t.convert_as_new_contact)(&name, &who),
                                    Person::Contact(c) => (t.convert_as_contact)(&name, &contact_label.with_value(|f| f(customer, c))),
                                    Person::Customer => (t.convert_as_customer)(&name),
                                }
                            };
                            view! {
                                <label class="choice">
                                    <input type="radio" name="convert-into" data-testid="convert-existing"
                                        prop:checked=move || choice.get() == into
                                        on:change=move |_| choice.set(into) />
                                    <span>{label}</span>
                                </label>
                            }
                        }).collect_view()}
                    })
                }}
            </fieldset>
            <label class="check">
                <input type="checkbox" data-testid="convert-with-deal"
                    prop:checked=move || with_deal.get()
                    on:change=move |ev| with_deal.set(event_target_checked(&ev)) />
                {move || t.get().convert_with_deal}
            </label>
            <Show when=move || with_deal.get()>
                <div class="grid-3 convert-deal">
                    <TextField id="cv-deal-name" label=label(t, |t| t.deal_name)
                        value=Signal::derive(move || deal.with(|d| d.name.clone()))
                        on_input=Callback::new(move |v| deal.update(|d| d.name = v)) />
                    <TextField id="cv-deal-amount" label=label(t, |t| t.deal_amount) inputmode="decimal"
                        value=Signal::derive(move || deal.with(|d| d.amount.clone()))
                        on_input=Callback::new(move |v| deal.update(|d| d.amount = v)) />
                    <TextField id="cv-deal-close" kind="date" label=label(t, |t| t.deal_close)
                        value=Signal::derive(move || deal.with(|d| d.close_date.clone()))
                        on_input=Callback::new(move |v| deal.update(|d| d.close_date = v)) />
                </div>
            </Show>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="convert-error">{e}</p> })}
            <div class="form-actions">
                <button class="btn" on:click=move |_| open.set(false)>{move || t.get().cancel}</button>
                <button class="btn btn-primary" data-testid="convert-go" disabled=move || busy.get() on:click=go.clone()>{move || t.get().lead_convert_go}</button>
            </div>
        </Modal>
    }
}
