//! One complaint and its handling flow: what the customer said, the deadline, who handles it,
//! the follow-ups, compensation and resolution, and the next steps the status allows.

use super::form::ComplaintForm;
use crate::domain::complaint::{Complaint, FlowError, Status};
use crate::domain::member::MemberRole;
use crate::domain::money::format_minor;
use crate::domain::time::{Timestamp, format_datetime};
use crate::store;
use crate::ui::actions::save_record;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// One step of the flow, applied to a copy of the complaint at the given time.
type FlowStep = Box<dyn FnOnce(&mut Complaint, Timestamp) -> Result<(), FlowError>>;

/// The inline step being entered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    None,
    FollowUp,
    Offer,
    Escalate,
    Resolve,
    Close,
}

/// A complaint with its flow. `customer` names the customer (with a link) where the card is
/// shown outside the customer's own page.
#[component]
pub fn ComplaintCard(
    complaint: Complaint,
    #[prop(optional)] customer: Option<String>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let now = clock::now();
    let step = RwSignal::new(Step::None);
    let text = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let flag = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(None::<String>);
    let stored = StoredValue::new(complaint.clone());
    let when = move |ts: Timestamp| format_datetime(clock::local(ts), lang.get());

    let open_step = move |s: Step| {
        text.set(String::new());
        amount.set(String::new());
        flag.set(false);
        problem.set(None);
        step.set(s);
    };
    // Applies one step of the flow to a copy and saves it; the page reloads from the store.
    let apply = move |change: FlowStep| {
        let Some(db) = ws.db() else { return };
        let mut c = stored.get_value();
        match change(&mut c, clock::now()) {
            Err(FlowError::Field(e)) => problem.set(Some(e.message(t.get_untracked()))),
            Err(FlowError::NotAllowed) => {
                problem.set(Some(t.get_untracked().step_not_allowed.to_string()))
            }
            Ok(()) => {
                problem.set(None);
                // A next step goes on from the complaint as the store wrote it, even before
                // the page reloads.
                save_record(
                    ws,
                    toasts,
                    busy,
                    t.get_untracked().complaint_updated,
                    async move {
                        let (written, summary) = store::save_complaint_step(&db, &c).await?;
                        stored.set_value(written);
                        Ok(summary)
                    },
                    move || step.set(Step::None),
                );
            }
        }
    };
    let submit_step = move || {
        let body = text.get_untracked();
        let value = amount.get_untracked();
        let checked = flag.get_untracked();
        match step.get_untracked() {
            Step::None => {}
            Step::FollowUp => apply(Box::new(move |c, now| c.follow_up(now, &body))),
            Step::Offer => apply(Box::new(move |c, now| c.offer(now, &body, &value))),
            Step::Escalate => apply(Box::new(move |c, now| c.escalate(now, &body))),
            Step::Resolve => apply(Box::new(move |c, now| c.resolve(now, &body, checked))),
            Step::Close => apply(Box::new(move |c, now| c.close(now, checked))),
        }
    };
    let delete = Callback::new(move |_| {
        let Some(db) = ws.db() else { return };
        let id = stored.with_value(|c| c.id);
        spawn_local(async move {
            match store::delete_complaint(&db, id).await {
                Ok(s) => {
                    ws.apply(vec![s]);
                    toasts.info(t.get_untracked().complaint_deleted);
                }
                Err(e) => toasts.error(&e),
            }
        });
    });

    let c = complaint;
    let status = c.status;
    let escalated = c.escalated(now);
    let overdue = c.is_overdue(now);
    let managers = ws.members.with_untracked(|ms| {
        ms.iter()
            .filter(|m| m.role == MemberRole::SalesManager)
            .map(|m| m.name.clone())
            .collect::<Vec<_>>()
            .join("、")
    });
    let handler = ws.member_name(c.owner_id);
    let customer_id = c.customer_id;
    let (received, due) = (c.received_at, c.due);
    let severity = c.severity;
    let category = c.category;
    let channel = c.channel;
    let pending = c.is_pending();
    let compensation = c.compensation.clone();
    let answer_pending = compensation.as_ref().is_some_and(|k| k.accepted.is_none());
    let answer = move |accepted: bool| apply(Box::new(move |c, now| c.answer_offer(now, accepted)));

    view! {
        <article
            class="complaint-card"
            class:is-overdue=overdue
            class:is-closed=status == Status::Closed
            data-testid="complaint"
            data-status=status.as_str()
        >
            <header class="complaint-head">
                <div class="complaint-tags">
                    <span class=format!("pill status-{}", status.as_str()) data-testid="complaint-status">{move || status.label(t.get())}</span>
                    <span class=format!("pill severity-{}", severity.as_str())>{move || severity.label(t.get())}</span>
                    <strong>{move || category.label(t.get())}</strong>
                    <span class="muted">{move || format!("{} · {}", channel.label(t.get()), when(received))}</span>
                </div>
                {customer.map(|name| view! {
                    <A href=Page::Customer(customer_id).path() attr:class="complaint-customer">{name}</A>
                })}
            </header>
            {escalated.map(|reason| view! {
                <p class="complaint-escalated" role="status" data-testid="complaint-escalated">
                    <Icon icon=lu::LuShieldAlert />
                    <span>{move || reason.label(t.get())}</span>
                    <span class="muted">{
                        let managers = managers.clone();
                        move || (t.get().escalated_to)(managers.clone())
                    }</span>
                </p>
            })}
            <p class="complaint-text">{c.description.clone()}</p>
            <dl class="complaint-facts">
                {pending.then(|| view! {
                    <div class:overdue=overdue>
                        <dt>{move || t.get().deadline}</dt>
                        <dd data-testid="complaint-deadline">{move || if overdue { (t.get().overdue_since)(when(due)) } else { (t.get().due_by)(when(due)) }}</dd>
                    </div>
                })}
                <div>
                    <dt>{move || t.get().handler}</dt>
                    <dd>{handler.clone().unwrap_or_else(|| t.get_untracked().unassigned.to_string())}</dd>
                </div>
                {c.escalation.clone().map(|e| view! {
                    <div>
                        <dt>{move || t.get().escalate}</dt>
                        <dd>{e.note.clone()}<span class="muted">{move || format!(" · {}", when(e.at))}</span></dd>
                    </div>
                })}
                {compensation.clone().map(|k| view! {
                    <div>
                        <dt>{move || t.get().compensation}</dt>
                        <dd>
                            {k.offer.clone()}
                            {k.amount.map(|m| view! { <span>{move || format!(" · {}", format_minor(m.minor_units(), m.currency, lang.get()))}</span> })}
                            <span class="muted">{move || format!(" · {}", match k.accepted {
                                Some(true) => t.get().offer_accepted,
                                Some(false) => t.get().offer_declined,
                                None => t.get().offer_waiting,
                            })}</span>
                        </dd>
                    </div>
                })}
                {c.resolved_at.map(|at| {
                    let resolution = c.resolution.clone();
                    let first = c.first_contact;
                    view! {
                        <div>
                            <dt>{move || t.get().resolution}</dt>
                            <dd>
                                {resolution}
                                <span class="muted">{move || format!(" · {}", when(at))}</span>
                                {first.then(|| view! { <span class="pill">{move || t.get().first_contact}</span> })}
                            </dd>
                        </div>
                    }
                })}
                {c.confirmed_at.map(|at| view! {
                    <div>
                        <dt>{move || t.get().confirmed}</dt>
                        <dd>{move || when(at)}</dd>
                    </div>
                })}
            </dl>
            {(!c.follow_ups.is_empty()).then(|| {
                let items = c.follow_ups.clone();
                view! {
                    <div class="complaint-followups">
                        <h3>{move || t.get().follow_ups}</h3>
                        <ol>
                            {items.into_iter().map(|f| view! {
                                <li><span class="muted">{move || when(f.at)}</span>" "{f.text.clone()}</li>
                            }).collect_view()}
                        </ol>
                    </div>
                }
            })}
            <div class="complaint-actions" role="group" aria-label=move || t.get().complaints_title>
                {(status == Status::New).then(|| view! {
                    <button class="btn btn-small" data-testid="complaint-ack" disabled=move || busy.get()
                        on:click=move |_| apply(Box::new(|c, now| c.acknowledge(now)))>
                        {move || t.get().acknowledge}
                    </button>
                })}
                {pending.then(|| view! {
                    <button class="btn btn-small" data-testid="complaint-follow-up" on:click=move |_| open_step(Step::FollowUp)>{move || t.get().follow_up}</button>
                    <button class="btn btn-small" data-testid="complaint-offer" on:click=move |_| open_step(Step::Offer)>{move || t.get().offer}</button>
                    {c.escalation.is_none().then(|| view! {
                        <button class="btn btn-small" data-testid="complaint-escalate" on:click=move |_| open_step(Step::Escalate)>{move || t.get().escalate}</button>
                    })}
                    <button class="btn btn-small btn-primary" data-testid="complaint-resolve" on:click=move |_| open_step(Step::Resolve)>{move || t.get().resolve}</button>
                })}
                {answer_pending.then(|| view! {
                    <button class="btn btn-small" data-testid="offer-accepted" on:click=move |_| answer(true)>{move || t.get().mark_accepted}</button>
                    <button class="btn btn-small" data-testid="offer-declined" on:click=move |_| answer(false)>{move || t.get().mark_declined}</button>
                })}
                {(status == Status::Resolved).then(|| view! {
                    <button class="btn btn-small btn-primary" data-testid="complaint-close" on:click=move |_| open_step(Step::Close)>{move || t.get().close_complaint}</button>
                })}
                {(!pending).then(|| view! {
                    <button class="btn btn-small" data-testid="complaint-reopen" disabled=move || busy.get()
                        on:click=move |_| apply(Box::new(|c, now| c.reopen(now)))>
                        {move || t.get().reopen}
                    </button>
                })}
                <span class="spacer"></span>
                <button class="btn-icon" aria-label=move || t.get().edit on:click=move |_| editing.set(true)>
                    <Icon icon=lu::LuPencil />
                </button>
                <button class="btn-icon" aria-label=move || t.get().delete
                    on:click=move |_| deleting.set(Some(t.get_untracked().complaint_delete_confirm.to_string()))>
                    <Icon icon=lu::LuTrash2 />
                </button>
            </div>
            <Show when=move || step.get() != Step::None>
                <form
                    class="form complaint-step"
                    novalidate
                    data-testid="complaint-step"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        submit_step();
                    }
                >
                    {move || {
                        let s = step.get();
                        let t = t.get();
                        let (label, placeholder) = match s {
                            Step::FollowUp => (t.follow_up, t.follow_up_placeholder),
                            Step::Offer => (t.compensation, t.offer_placeholder),
                            Step::Escalate => (t.escalate, t.escalate_placeholder),
                            Step::Resolve => (t.resolution, t.resolution_placeholder),
                            Step::Close | Step::None => ("", ""),
                        };
                        view! {
                            {(s != Step::Close).then(|| view! {
                                <div class="field">
                                    <label for="complaint-step-text">{label}</label>
                                    <input id="complaint-step-text" type="text" data-testid="complaint-step-text"
                                        placeholder=placeholder
                                        prop:value=move || text.get()
                                        on:input=move |ev| text.set(event_target_value(&ev)) />
                                </div>
                            })}
                            {(s == Step::Offer).then(|| view! {
                                <div class="field">
                                    <label for="complaint-step-amount">{t.offer_amount}</label>
                                    <input id="complaint-step-amount" type="text" inputmode="decimal"
                                        prop:value=move || amount.get()
                                        on:input=move |ev| amount.set(event_target_value(&ev)) />
                                </div>
                            })}
                            {matches!(s, Step::Resolve | Step::Close).then(|| view! {
                                <label class="check">
                                    <input type="checkbox" data-testid="complaint-step-check"
                                        prop:checked=move || flag.get()
                                        on:change=move |ev| flag.set(event_target_checked(&ev)) />
                                    {if s == Step::Resolve { t.first_contact } else { t.customer_confirmed }}
                                </label>
                            })}
                        }
                    }}
                    {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
                    <div class="form-actions">
                        <button type="button" class="btn" on:click=move |_| step.set(Step::None)>{move || t.get().cancel}</button>
                        <button type="submit" class="btn btn-primary" data-testid="complaint-step-save" disabled=move || busy.get()>
                            {move || t.get().save}
                        </button>
                    </div>
                </form>
            </Show>
            <Modal
                open=Signal::derive(move || editing.get())
                on_close=Callback::new(move |_| editing.set(false))
                title=Signal::derive(move || t.get().edit.to_string())
                class="modal-wide"
            >
                <ComplaintForm
                    customer_id=customer_id
                    existing=Some(stored.get_value())
                    on_done=Callback::new(move |_| editing.set(false))
                    on_cancel=Callback::new(move |_| editing.set(false))
                />
            </Modal>
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=delete />
        </article>
    }
}
