//! A lead's page: who they are and how to reach them, where they stand (and the steps to move
//! them on or disqualify them), the customers, contact persons and leads they may already be,
//! their history of statuses and owners, and the trash.

use super::form::LeadForm;
use crate::domain::id::Id;
use crate::domain::lead::matching::{Match, MatchTarget};
use crate::domain::lead::{DisqualifyReason, Lead, LeadFields, LeadInput, LeadStatus};
use crate::domain::time::{Timestamp, format_datetime};
use crate::store::{self, AppError};
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{Workspace, use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// What the page shows once read: the lead and what it may already be.
#[derive(Clone)]
struct Loaded {
    lead: Lead,
    matches: Vec<Match>,
}

/// Reads the lead `id` and matches it with every customer (not in the trash), contact person
/// and other lead.
async fn load(ws: Workspace, id: Id) -> Result<Option<Loaded>, AppError> {
    let Some(db) = ws.db() else {
        return Ok(None);
    };
    let leads = store::all_leads(&db).await?;
    let Some(lead) = leads.iter().find(|l| l.id == id).cloned() else {
        return Ok(None);
    };
    let mut matches = super::known::match_index(ws, &leads).await?.matches(&lead);
    // What a converted lead became is not a possible duplicate of it.
    matches.retain(|m| !m.target.is_conversion_of(&lead));
    Ok(Some(Loaded { lead, matches }))
}

/// The lead page.
#[component]
pub fn LeadPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    let loaded = RwSignal::new(None::<Result<Option<Loaded>, String>>);
    let reload = move || {
        let Some(id) = id.get_untracked() else {
            loaded.set(Some(Ok(None)));
            return;
        };
        spawn_local(async move {
            let r = load(ws, id).await.map_err(|e| e.message(t.get_untracked()));
            loaded.try_set(Some(r));
        });
    };
    Effect::new(move |_| {
        id.track();
        ws.revision.track();
        reload();
    });
    view! {
        <section class="page page-lead" data-testid="lead-page">
            {move || match loaded.get() {
                None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                Some(Ok(None)) => view! {
                    <p class="form-error" role="alert">{move || t.get().lead_not_found}</p>
                    <A href=Page::Leads.path() attr:class="btn">{move || t.get().nav_leads}</A>
                }.into_any(),
                Some(Ok(Some(l))) => view! { <LeadView loaded=l reload=Callback::new(move |_| reload()) /> }.into_any(),
            }}
        </section>
    }
}

/// Saves `lead` and reloads the page; a refusal (changed in another tab, storage full) is
/// shown and the page shows the stored lead again.
fn save(
    ws: Workspace,
    toasts: Toasts,
    lead: Lead,
    done: &'static str,
    reload: Callback<()>,
    busy: RwSignal<bool>,
) {
    let Some(db) = ws.db() else { return };
    busy.set(true);
    spawn_local(async move {
        match store::save_lead(&db, &lead).await {
            Ok(_) => {
                store::notify_changed();
                toasts.info(done);
            }
            Err(e) => toasts.error(&e),
        }
        busy.try_set(false);
        reload.run(());
    });
}

#[component]
fn LeadView(loaded: Loaded, reload: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let lang = use_lang();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let Loaded { lead, matches } = loaded;
    let matches_for_convert = matches.clone();
    let lead = StoredValue::new(lead);
    let editing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let reason = RwSignal::new(DisqualifyReason::NoNeed);
    let l = lead.get_value();
    let status = l.status;
    let when = move |at: Timestamp| format_datetime(clock::local(at), lang.get());

    let set_status = move |to: LeadStatus, why: Option<DisqualifyReason>| {
        let mut l = lead.get_value();
        if l.set_status(to, why, clock::now()).is_ok() {
            save(ws, toasts, l, t.get_untracked().lead_saved, reload, busy);
        }
    };
    let on_save = Callback::new(move |fields: LeadFields| {
        let mut l = lead.get_value();
        l.apply(fields, clock::now());
        editing.set(false);
        save(ws, toasts, l, t.get_untracked().lead_saved, reload, busy);
    });
    let trash = {
        let navigate = navigate.clone();
        move |_| {
            let Some(db) = ws.db() else { return };
            let id = lead.with_value(|l| l.id);
            let navigate = navigate.clone();
            spawn_local(async move {
                match store::set_leads_trashed(&db, &[id], Some(clock::now())).await {
                    Ok(_) => {
                        store::notify_changed();
                        toasts.info(t.get_untracked().lead_trashed);
                        navigate(&Page::Leads.path(), nav());
                    }
                    Err(e) => toasts.error(&e),
                }
            });
        }
    };
    let restore = move |_| {
        let Some(db) = ws.db() else { return };
        let id = lead.with_value(|l| l.id);
        spawn_local(async move {
            match store::set_leads_trashed(&db, &[id], None).await {
                Ok(_) => {
                    store::notify_changed();
                    toasts.info(t.get_untracked().lead_restored);
                    reload.run(());
                }
                Err(e) => toasts.error(&e),
            }
        });
    };

    let heading = if l.name.is_empty() {
        l.company.clone()
    } else {
        l.name.clone()
    };
    let sub = [
        l.title.as_str(),
        if l.name.is_empty() {
            ""
        } else {
            l.company.as_str()
        },
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let in_trash = l.deleted_at.is_some();
    let converted = l.converted;
    let dnc = l.do_not_contact;

    view! {
        <header class="page-header">
            <div>
                <h1 data-testid="lead-name">{heading}</h1>
                <p class="page-sub">
                    <span class=format!("pill status-{}", status.as_str()) data-testid="lead-status">{move || status.label(t.get())}</span>
                    {l.disqualify_reason.map(|r| view! { <span class="muted" data-testid="lead-reason">{move || format!(" · {}", r.label(t.get()))}</span> })}
                    {(!sub.is_empty()).then(|| view! { <span class="muted">{format!(" · {sub}")}</span> })}
                    {dnc.then(|| view! {
                        <span class="badge badge-warn"><Icon icon=lu::LuBellOff /><span class="badge-text">{move || t.get().lead_dnc}</span></span>
                    })}
                </p>
            </div>
            <div class="header-actions">
                {(!in_trash).then(|| view! {
                    <button class="btn" data-testid="edit-lead" on:click=move |_| editing.update(|e| *e = !*e)>
                        <Icon icon=lu::LuPencil />
                        <span class="btn-text">{move || t.get().lead_edit}</span>
                    </button>
                    <button class="btn btn-danger-soft" data-testid="trash-lead" on:click=trash.clone()>
                        <Icon icon=lu::LuTrash2 />
                        <span class="btn-text">{move || t.get().lead_trash}</span>
                    </button>
                })}
                {in_trash.then(|| view! {
                    <button class="btn" data-testid="restore-lead" on:click=restore>{move || t.get().restore}</button>
                })}
            </div>
        </header>
        {in_trash.then(|| view! { <p class="banner banner-warn" role="status">{move || t.get().lead_in_trash}</p> })}

        <Show when=move || editing.get()>
            <LeadForm
                initial=lead.with_value(LeadInput::from_lead)
                saving=busy
                on_save=on_save
                on_cancel=Callback::new(move |_| editing.set(false))
            />
        </Show>

        {(!in_trash && status != LeadStatus::Converted).then(|| view! {
            <section class="panel lead-steps" aria-labelledby="lead-steps-h">
                <header class="panel-header"><h2 id="lead-steps-h">{move || t.get().lead_status_change}</h2></header>
                <div class="step-row">
                    <div class="segmented" role="group" aria-label=move || t.get().lead_status>
                        {[LeadStatus::New, LeadStatus::Contacted, LeadStatus::Qualified].into_iter().map(|s| view! {
                            <button
                                class="segment"
                                class:segment-on=move || status == s
                                aria-pressed=(status == s).to_string()
                                data-testid=format!("lead-to-{}", s.as_str())
                                disabled=move || busy.get()
                                on:click=move |_| set_status(s, None)
                            >
                                {move || s.label(t.get())}
                            </button>
                        }).collect_view()}
                    </div>
                    <div class="disqualify">
                        <label class="filter">
                            <span class="sr-only">{move || t.get().lead_reason}</span>
                            <select
                                data-testid="lead-reason-select"
                                title=move || t.get().lead_reason
                                on:change=move |ev| {
                                    if let Some(r) = DisqualifyReason::parse(&event_target_value(&ev)) {
                                        reason.set(r);
                                    }
                                }
                            >
                                {DisqualifyReason::ALL.into_iter().map(|r| view! {
                                    <option value=r.as_str() selected=move || reason.get() == r>{move || r.label(t.get())}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <button
                            class="btn btn-danger-soft"
                            data-testid="lead-disqualify"
                            disabled=move || busy.get()
                            on:click=move |_| set_status(LeadStatus::Disqualified, Some(reason.get_untracked()))
                        >
                            {move || t.get().lead_disqualify}
                        </button>
                    </div>
                    {(status != LeadStatus::Disqualified).then(|| view! {
                        <div class="convert">
                            <super::convert::ConvertLead lead matches=matches_for_convert.clone() busy />
                        </div>
                    })}
                </div>
            </section>
        })}

        {converted.map(|c| view! {
            <section class="panel" data-testid="lead-converted">
                <p>
                    {move || t.get().lead_converted_to}" "
                    <A href=Page::Customer(c.customer_id).path()>
                        {ws.index.with_untracked(|ix| ix.get(c.customer_id).map(|s| s.name.clone())).unwrap_or_default()}
                    </A>
                </p>
            </section>
        })}

        <Matches matches=matches />

        {(status != LeadStatus::Converted).then(|| view! {
            <div class="lead-work">
                <super::activity::LeadActivity lead=lead.get_value() editable=!in_trash />
            </div>
        })}

        <div class="grid-2 lead-panels">
            <section class="panel" aria-labelledby="lead-about-h">
                <header class="panel-header"><h2 id="lead-about-h">{move || t.get().lead_about}</h2></header>
                <dl class="facts" data-testid="lead-facts">
                    <Fact label=move || t.get().lead_source value=move || l.source.label(t.get()).to_string() />
                    <Fact label=move || t.get().lead_campaign value={ let c = l.campaign.clone(); move || c.clone() } />
                    <Fact label=move || t.get().lead_owner value=move || ws.member_name(lead.with_value(|l| l.owner_id)).unwrap_or_else(|| t.get().unassigned.to_string()) />
                    <Fact label=move || t.get().industry value={ let c = l.industry.clone(); move || c.clone() } />
                    <Fact label=move || t.get().region value={ let c = l.region.clone(); move || c.clone() } />
                    {(!l.phones.is_empty()).then(|| view! {
                        <dt>{move || t.get().phone}</dt>
                        <dd class="tel-list">
                            {l.phones.iter().map(|p| {
                                let href = crate::domain::validate::tel_href(p);
                                view! { <a class="tel-link" href=href>{p.clone()}</a> }
                            }).collect_view()}
                        </dd>
                    })}
                    <Fact label=move || t.get().email value={ let c = l.emails.join(", "); move || c.clone() } />
                    <Fact label=move || t.get().wechat value={ let c = l.wechat.clone(); move || c.clone() } />
                    <Fact label=move || t.get().notes value={ let c = l.notes.clone(); move || c.clone() } />
                </dl>
            </section>
            <section class="panel" aria-labelledby="lead-history-h">
                <header class="panel-header"><h2 id="lead-history-h">{move || t.get().lead_history}</h2></header>
                <ol class="lead-history" data-testid="lead-history">
                    {l.history.iter().rev().map(|c| {
                        let (at, to) = (c.at, c.to);
                        view! { <li><span class=format!("pill status-{}", to.as_str())>{move || to.label(t.get())}</span>" "<span class="muted">{move || when(at)}</span></li> }
                    }).collect_view()}
                </ol>
                <h3>{move || t.get().lead_owners}</h3>
                <ol class="lead-history" data-testid="lead-owners">
                    {l.owners.iter().rev().map(|o| {
                        let (owner, from) = (o.owner_id, o.from);
                        view! { <li>{move || (t.get().lead_owned_since)(ws.member_name(owner).unwrap_or_else(|| t.get().unassigned.to_string()), when(from))}</li> }
                    }).collect_view()}
                </ol>
            </section>
        </div>
    }
}

/// One line of the facts list; nothing when empty.
#[component]
fn Fact(
    label: impl Fn() -> &'static str + Send + Sync + 'static,
    value: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        let v = value();
        (!v.is_empty()).then(|| view! { <dt>{label()}</dt><dd>{v}</dd> })
    }
}

/// The records the lead may already be.
#[component]
fn Matches(matches: Vec<Match>) -> impl IntoView {
    let t = use_texts();
    let n = matches.len();
    let any = n > 0;
    view! {
        <section class="panel lead-matches" class:panel-warn=any aria-labelledby="lead-matches-h" data-testid="lead-matches">
            <header class="panel-header">
                <h2 id="lead-matches-h">{move || t.get().lead_match_title}</h2>
                {(n > 0).then(|| view! { <span class="badge badge-warn" data-testid="lead-match-count">{move || (t.get().lead_matches)(n)}</span> })}
            </header>
            {if n == 0 {
                view! { <p class="muted">{move || t.get().lead_no_match}</p> }.into_any()
            } else {
                view! {
                    <p class="muted">{move || t.get().lead_match_body}</p>
                    <ul class="match-list">
                        {matches.into_iter().map(|m| {
                            let href = match m.target {
                                MatchTarget::Customer(id) | MatchTarget::Contact { customer: id, .. } => Page::Customer(id).path(),
                                MatchTarget::Lead(id) => Page::Lead(id).path(),
                            };
                            let (target, on) = (m.target, m.on);
                            view! {
                                <li data-testid="lead-match">
                                    <span class="kind">{move || target.label(t.get())}</span>
                                    <A href=href>{m.label}</A>
                                    <span class="muted">{move || on.label(t.get())}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
