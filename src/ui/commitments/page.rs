//! Every promise our side made and has not kept yet, earliest due first: who promised what to
//! whom, and which are overdue (seed 000: "three reps promised different things").

use crate::domain::id::Id;
use crate::domain::interaction::{Commitment, Interaction};
use crate::domain::time::{format_date, format_relative_day};
use crate::store;
use crate::ui::clock;
use crate::ui::commitments::done_button::DoneButton;
use crate::ui::routes::Page;
use crate::ui::state::{Workspace, use_lang, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Marks the commitment of interaction `id` done now (here and on "My day"); the summary
/// follows, or the error is shown.
pub fn mark_commitment_done(ws: Workspace, toasts: Toasts, id: Id) {
    let Some(db) = ws.db() else { return };
    spawn_local(async move {
        match store::set_commitment_done(&db, id, Some(clock::now())).await {
            Ok((_, s)) => ws.apply(vec![s]),
            Err(e) => toasts.error(&e),
        }
    });
}

/// Whose promise it is: a customer's, a lead's (named, as leads are not in memory), or the
/// next step of a deal with a customer (the deal's name).
#[derive(Clone)]
enum Party {
    Customer(Id),
    Lead(Id, String),
    Deal(Id, String),
}

/// The open promises made to customers and to leads (those in the trash left out).
async fn read_all(db: &store::Db) -> Result<Vec<(Interaction, Party)>, store::AppError> {
    let mut out: Vec<(Interaction, Party)> = store::open_commitments(db)
        .await?
        .into_iter()
        .map(|i| {
            let id = i.customer_id;
            (i, Party::Customer(id))
        })
        .collect();
    let of_leads = store::open_lead_commitments(db).await?;
    if !of_leads.is_empty() {
        let names: std::collections::HashMap<Id, String> = store::all_leads(db)
            .await?
            .into_iter()
            .filter(|l| l.deleted_at.is_none())
            .map(|l| (l.id, l.display_name()))
            .collect();
        out.extend(of_leads.into_iter().filter_map(|i| {
            let lead = i.lead_id();
            names
                .get(&lead)
                .map(|n| (i.0, Party::Lead(lead, n.clone())))
        }));
    }
    // The deals' next steps, as promises of their owners to the deals' customers.
    out.extend(
        store::open_deal_steps(db)
            .await?
            .into_iter()
            .filter(|o| o.deleted_at.is_none())
            .filter_map(|o| {
                let step = o.open_step()?.clone();
                let promise = Interaction {
                    id: o.id,
                    customer_id: o.customer_id,
                    at: o.updated_at,
                    channel: Default::default(),
                    member_id: o.owner_id,
                    contact_id: None,
                    summary: String::new(),
                    commitment: Some(step),
                    created_at: o.created_at,
                    updated_at: o.updated_at,
                    rev: o.rev,
                };
                Some((promise, Party::Deal(o.id, o.name)))
            }),
    );
    Ok(out)
}

/// Marks a deal's next step done now.
fn mark_deal_step_done(ws: Workspace, toasts: Toasts, id: Id) {
    let Some(db) = ws.db() else { return };
    spawn_local(async move {
        match store::set_deal_step_done(&db, id, true, clock::now()).await {
            Ok(_) => ws.changed(),
            Err(e) => toasts.error(&e),
        }
    });
}

/// Marks the commitment made to a lead done now.
fn mark_lead_commitment_done(ws: Workspace, toasts: Toasts, id: Id) {
    let Some(db) = ws.db() else { return };
    spawn_local(async move {
        match store::set_lead_commitment_done(&db, id, Some(clock::now())).await {
            Ok(_) => ws.changed(),
            Err(e) => toasts.error(&e),
        }
    });
}

/// The commitments page.
#[component]
pub fn CommitmentsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let prefs = use_prefs();
    let toasts = use_toasts();
    let only_mine = RwSignal::new(false);
    let loaded = LocalResource::new(move || {
        ws.revision.track();
        async move {
            let db = ws.db()?;
            Some(read_all(&db).await)
        }
    });
    let today = clock::today();

    let mark_done = move |i: Interaction, party: Party| match party {
        Party::Customer(_) => mark_commitment_done(ws, toasts, i.id),
        Party::Lead(..) => mark_lead_commitment_done(ws, toasts, i.id),
        Party::Deal(..) => mark_deal_step_done(ws, toasts, i.id),
    };

    view! {
        <section class="page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().commitments_title}</h1>
                    <p class="page-sub">{move || t.get().commitments_intro}</p>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || only_mine.get()
                        disabled=move || prefs.0.with(|s| s.me.is_none())
                        on:change=move |ev| only_mine.set(event_target_checked(&ev))
                    />
                    {move || t.get().commitments_mine}
                </label>
            </header>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || loaded.get().map(|r| match r {
                    Some(Ok(list)) => {
                        let me = prefs.0.with(|s| s.me);
                        let mut list: Vec<(Interaction, Party, Commitment)> = list
                            .into_iter()
                            .filter(|(i, _)| !only_mine.get() || (me.is_some() && i.keeper() == me))
                            // Customers in the trash keep their promises out of sight.
                            .filter(|(i, p)| matches!(p, Party::Lead(..)) || ws.index.with(|ix| ix.get(i.customer_id).is_some_and(|s| s.deleted_at.is_none())))
                            .filter_map(|(i, p)| i.commitment.clone().filter(Commitment::is_open).map(|c| (i, p, c)))
                            .collect();
                        list.sort_by_key(|(_, _, c)| c.due);
                        if list.is_empty() {
                            return view! {
                                <EmptyState
                                    icon=lu::LuListChecks
                                    title=Signal::derive(move || t.get().commitments_empty.to_string())
                                    body=Signal::derive(String::new)
                                />
                            }.into_any();
                        }
                        view! {
                            <ul class="commitments-page" data-testid="commitments">
                                {list.into_iter().map(|(i, party, c)| {
                                    let overdue = c.is_overdue(today);
                                    let customer = ws.index.with(|ix| ix.get(i.customer_id).map(|s| s.name.clone())).unwrap_or_default();
                                    let (href, name, pill) = match &party {
                                        Party::Customer(id) => (Page::Customer(*id).path(), customer, None),
                                        Party::Lead(id, name) => (Page::Lead(*id).path(), name.clone(), Some(t.get().col_lead)),
                                        Party::Deal(id, name) => (Page::Opportunity(*id).path(), format!("{name} · {customer}"), Some(t.get().party_deal)),
                                    };
                                    let who = ws.member_name(i.keeper());
                                    let item = i.clone();
                                    view! {
                                        <li class="commitment-row" class:overdue=overdue>
                                            <div class="commitment-due-col">
                                                <strong>{move || format_date(c.due, lang.get())}</strong>
                                                <span class="muted">{move || format_relative_day(c.due, today, lang.get())}</span>
                                                {overdue.then(|| view! { <span class="badge badge-danger">{move || t.get().overdue}</span> })}
                                            </div>
                                            <div class="commitment-main">
                                                <span class="commitment-text">{c.text.clone()}</span>
                                                <span class="muted">
                                                    {pill.map(|p| view! { <span class="pill">{p}</span>" " })}
                                                    <A href=href attr:class="muted">{name}</A>
                                                </span>
                                            </div>
                                            <div class="commitment-who">{who.unwrap_or_default()}</div>
                                            <DoneButton on_done=Callback::new(move |_| mark_done(item.clone(), party.clone())) />
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{move || e.message(t.get())}</p> }.into_any(),
                    None => view! { <p></p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
