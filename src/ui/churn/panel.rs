//! The churn section of the customer 360 view: the churn-risk score and why, the recorded churn
//! of the customer, and win-back plans with their outcome.

use super::risk::RiskView;
use crate::domain::churn::{
    ChurnCause, ChurnEvent, ChurnInput, ChurnKind, Outcome, WinBack, WinBackInput, risk,
};
use crate::domain::error::AppError;
use crate::domain::id::Id;
use crate::domain::satisfaction::figures::CustomerSatisfaction;
use crate::domain::time::{date_input_value, format_date};
use crate::domain::validate::{Field, FieldError};
use crate::store;
use crate::ui::clock;
use crate::ui::insights::state::use_insights;
use crate::ui::state::{Workspace, use_lang, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::field::{SelectField, TextField, bind, error_for, label};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use chrono::Days;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// Runs a churn-store write; on success reloads what shows it, says `message` and hands
/// `then` what the write returned (a record as written, at its new revision).
fn write<T: 'static>(
    (ws, toasts): (Workspace, Toasts),
    busy: RwSignal<bool>,
    message: &'static str,
    job: impl Future<Output = Result<T, AppError>> + 'static,
    then: impl FnOnce(T) + 'static,
) {
    busy.set(true);
    spawn_local(async move {
        match job.await {
            Ok(written) => {
                ws.changed();
                toasts.info(message);
                then(written);
            }
            Err(e) => toasts.error(&e),
        }
        // The component may be gone by now (the page was rebuilt by a reload).
        busy.try_set(false);
    });
}

/// The churn panel.
#[component]
pub fn ChurnPanel(
    customer_id: Id,
    events: Vec<ChurnEvent>,
    winbacks: Vec<WinBack>,
    /// The customer's latest satisfaction and the one before.
    satisfaction: Option<CustomerSatisfaction>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let ctx = (ws, use_toasts());
    let insights = use_insights();
    insights.require();
    let now = clock::now();
    let today = clock::today();
    let risk_now = Memo::new(move |_| {
        let prediction = insights
            .now
            .with(|a| a.get(customer_id).map(|c| c.prediction));
        let activity = ws
            .index
            .with(|ix| ix.get(customer_id).map(|s| s.activity.clone()))?;
        Some(prediction.map(|p| risk(p.as_ref(), &activity, satisfaction.as_ref(), now)))
    });
    let recording = RwSignal::new(false);
    let planning = RwSignal::new(false);
    let deleting = RwSignal::new(None::<String>);
    let to_delete = StoredValue::new(None::<Id>);
    let delete = Callback::new(move |_| {
        let Some(db) = ws.db() else { return };
        let Some(id) = to_delete.get_value() else {
            return;
        };
        write(
            ctx,
            RwSignal::new(false),
            t.get_untracked().churn_deleted,
            async move { store::delete_churn_event(&db, id).await },
            |()| {},
        );
    });
    let activity = ws
        .index
        .with_untracked(|ix| ix.get(customer_id).map(|s| s.activity.clone()));

    view! {
        <section class="panel" aria-labelledby="churn-heading" data-testid="churn-panel">
            <header class="panel-header">
                <h2 id="churn-heading">{move || t.get().risk_title}</h2>
            </header>
            {move || {
                let t = t.get();
                match risk_now.get() {
                    None | Some(None) if insights.now.with(|a| a.customers.is_empty()) => view! { <p class="muted">{t.risk_waiting}</p> }.into_any(),
                    Some(Some(Some(r))) => view! { <RiskView risk=r t=t /> }.into_any(),
                    _ => {
                        let bought = ws.index.with(|ix| ix.get(customer_id).is_some_and(|s| s.activity.purchase_count > 0));
                        view! { <p class="muted" data-testid="churn-risk">{if bought { t.risk_no_model } else { t.risk_none }}</p> }.into_any()
                    }
                }
            }}
            <details class="rule">
                <summary>{move || t.get().definitions}</summary>
                <p class="muted small">{move || t.get().risk_rule}</p>
            </details>

            <h3 class="subhead">
                {move || t.get().churn_events_title}
                <button class="btn btn-small" data-testid="record-churn" on:click=move |_| recording.set(true)>
                    <Icon icon=lu::LuUserMinus />
                    {move || t.get().record_churn}
                </button>
            </h3>
            <Show when=move || recording.get()>
                <ChurnForm customer_id=customer_id on_close=Callback::new(move |_| recording.set(false)) />
            </Show>
            {if events.is_empty() {
                view! { <p class="muted">{move || t.get().none}</p> }.into_any()
            } else {
                view! {
                    <ul class="churn-list" data-testid="churn-events">
                        {events.into_iter().map(|e| {
                            let back = activity.as_ref().is_some_and(|a| e.won_back(a));
                            let id = e.id;
                            view! {
                                <li>
                                    <div>
                                        <strong>{move || format_date(e.date, lang.get())}</strong>
                                        " "
                                        <span class="pill">{move || e.kind.label(t.get())}</span>
                                        " "
                                        <span>{move || e.cause.label(t.get())}</span>
                                        {(!e.competitor.is_empty()).then(|| view! { <span class="muted">{format!(" → {}", e.competitor)}</span> })}
                                        {back.then(|| view! { <span class="badge badge-ok">{move || t.get().won_back}</span> })}
                                    </div>
                                    {(!e.note.is_empty()).then(|| view! { <p class="muted small">{e.note.clone()}</p> })}
                                    <button class="btn-icon" aria-label=move || t.get().delete on:click=move |_| {
                                        to_delete.set_value(Some(id));
                                        deleting.set(Some(t.get_untracked().churn_delete_confirm.to_string()));
                                    }>
                                        <Icon icon=lu::LuTrash2 />
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h3 class="subhead">
                {move || t.get().winback_title}
                <button class="btn btn-small" data-testid="plan-winback" on:click=move |_| planning.set(true)>
                    <Icon icon=lu::LuHeartHandshake />
                    {move || t.get().plan_winback}
                </button>
            </h3>
            <Show when=move || planning.get()>
                <WinBackForm customer_id=customer_id on_close=Callback::new(move |_| planning.set(false)) />
            </Show>
            {if winbacks.is_empty() {
                view! { <p class="muted">{move || t.get().no_plan}</p> }.into_any()
            } else {
                view! {
                    <ul class="churn-list" data-testid="winbacks">
                        {winbacks.into_iter().map(|w| view! { <WinBackItem plan=w today=today /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=delete />
        </section>
    }
}

/// One win-back plan, with its outcome buttons while planned.
#[component]
fn WinBackItem(plan: WinBack, today: chrono::NaiveDate) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let ctx = (ws, use_toasts());
    let busy = RwSignal::new(false);
    let stored = StoredValue::new(plan.clone());
    let conclude = move |outcome: Outcome| {
        let Some(db) = ws.db() else { return };
        let mut w = stored.get_value();
        if w.conclude(outcome, "", clock::now()).is_err() {
            return;
        }
        write(
            ctx,
            busy,
            t.get_untracked().winback_saved,
            async move { store::save_winback(&db, &w).await },
            move |written| stored.set_value(written),
        );
    };
    let remove = move |_| {
        let Some(db) = ws.db() else { return };
        let id = stored.with_value(|w| w.id);
        write(
            ctx,
            busy,
            t.get_untracked().winback_deleted,
            async move { store::delete_winback(&db, id).await },
            |()| {},
        );
    };
    let overdue = plan.is_overdue(today);
    let outcome = plan.outcome;
    let owner = ws.member_name(plan.owner_id);
    view! {
        <li class:overdue=overdue data-testid="winback" data-outcome=outcome.as_str()>
            <div>
                <strong>{plan.action.clone()}</strong>
                <span class="muted">
                    {move || format!(" · {} {}", t.get().due, format_date(plan.due, lang.get()))}
                    {owner.map(|o| format!(" · {o}"))}
                </span>
                " "
                <span class=format!("pill outcome-{}", outcome.as_str())>{move || outcome.label(t.get())}</span>
                {overdue.then(|| view! { <span class="badge badge-danger">{move || t.get().overdue}</span> })}
            </div>
            <div class="row-actions">
                {(outcome == Outcome::Planned).then(|| view! {
                    <button class="btn btn-small" data-testid="winback-won" disabled=move || busy.get() on:click=move |_| conclude(Outcome::Won)>{move || t.get().mark_won}</button>
                    <button class="btn btn-small" data-testid="winback-lost" disabled=move || busy.get() on:click=move |_| conclude(Outcome::Lost)>{move || t.get().mark_lost}</button>
                })}
                <button class="btn-icon" aria-label=move || t.get().delete disabled=move || busy.get() on:click=remove>
                    <Icon icon=lu::LuTrash2 />
                </button>
            </div>
        </li>
    }
}

/// Recording the customer as lost.
#[component]
fn ChurnForm(customer_id: Id, on_close: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let ctx = (ws, use_toasts());
    let input = RwSignal::new(ChurnInput {
        date: date_input_value(clock::today()),
        ..ChurnInput::default()
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (date, set_date) = bind(input, |i| i.date.clone(), |i, v| i.date = v);
    let (competitor, set_competitor) =
        bind(input, |i| i.competitor.clone(), |i, v| i.competitor = v);
    let (note, set_note) = bind(input, |i| i.note.clone(), |i, v| i.note = v);
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(db) = ws.db() else { return };
        match input
            .get_untracked()
            .validate(customer_id, clock::today(), clock::now())
        {
            Err(e) => errors.set(e),
            Ok(event) => {
                errors.set(Vec::new());
                write(
                    ctx,
                    busy,
                    t.get_untracked().churn_saved,
                    async move { store::save_churn_event(&db, &event).await },
                    move |_| on_close.run(()),
                );
            }
        }
    };
    view! {
        <form class="form inline-form" novalidate data-testid="churn-form" on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <div class="grid-3">
                <TextField id="ch-date" kind="date" label=label(t, |t| t.churn_date) value=date on_input=set_date error=error_for(errors, Field::Date, None) required=true />
                <SelectField
                    id="ch-kind"
                    label=label(t, |t| t.churn_kind)
                    options=Signal::derive(move || ChurnKind::ALL.into_iter().map(|k| (k, k.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.kind))
                    on_change=Callback::new(move |k| input.update(|i| i.kind = k))
                />
                <SelectField
                    id="ch-cause"
                    label=label(t, |t| t.churn_cause)
                    options=Signal::derive(move || ChurnCause::ALL.into_iter().map(|c| (c, c.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || input.with(|i| i.cause))
                    on_change=Callback::new(move |c| input.update(|i| i.cause = c))
                />
            </div>
            <div class="grid-2">
                <TextField id="ch-competitor" label=label(t, |t| t.went_to) value=competitor on_input=set_competitor error=error_for(errors, Field::Competitor, None) />
                <TextField id="ch-note" label=label(t, |t| t.notes) value=note on_input=set_note error=error_for(errors, Field::Notes, None) />
            </div>
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| on_close.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-churn" disabled=move || busy.get()>{move || t.get().save}</button>
            </div>
        </form>
    }
}

/// Planning a win-back action.
#[component]
fn WinBackForm(customer_id: Id, on_close: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let ctx = (ws, use_toasts());
    let me = use_prefs().0.with_untracked(|s| s.me);
    let week = clock::today()
        .checked_add_days(Days::new(7))
        .unwrap_or(clock::today());
    let input = RwSignal::new(WinBackInput {
        action: String::new(),
        owner_id: me,
        due: date_input_value(week),
    });
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let (action, set_action) = bind(input, |i| i.action.clone(), |i, v| i.action = v);
    let (due, set_due) = bind(input, |i| i.due.clone(), |i, v| i.due = v);
    let member_options = Signal::derive(move || {
        // A member who left stays choosable only where they are already chosen.
        let kept = input.with_untracked(|i| i.owner_id);
        let mut o = vec![(None, t.get().unassigned.to_string())];
        o.extend(ws.member_choices(kept));
        o
    });
    let submit = move || {
        if busy.get_untracked() {
            return;
        }
        let Some(db) = ws.db() else { return };
        match input.get_untracked().validate(customer_id, clock::now()) {
            Err(e) => errors.set(e),
            Ok(plan) => {
                errors.set(Vec::new());
                write(
                    ctx,
                    busy,
                    t.get_untracked().winback_saved,
                    async move { store::save_winback(&db, &plan).await },
                    move |_| on_close.run(()),
                );
            }
        }
    };
    view! {
        <form class="form inline-form" novalidate data-testid="winback-form" on:submit=move |ev| {
            ev.prevent_default();
            submit();
        }>
            <TextField id="wb-action" label=label(t, |t| t.plan_winback) value=action on_input=set_action error=error_for(errors, Field::Action, None) placeholder=label(t, |t| t.winback_action_placeholder) required=true />
            <div class="grid-2">
                <SelectField
                    id="wb-owner"
                    label=label(t, |t| t.owner)
                    options=member_options
                    value=Signal::derive(move || input.with(|i| i.owner_id))
                    on_change=Callback::new(move |m| input.update(|i| i.owner_id = m))
                />
                <TextField id="wb-due" kind="date" label=label(t, |t| t.due) value=due on_input=set_due error=error_for(errors, Field::Date, None) required=true />
            </div>
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| on_close.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-winback" disabled=move || busy.get()>{move || t.get().save}</button>
            </div>
        </form>
    }
}
