//! "My day": what the member who is "me" has to do today — or, for a manager, the whole
//! team's, member by member (see `domain::today`).

use super::notifier::NotifyToggle;
use crate::domain::analysis::report::AtRisk;
use crate::domain::analysis::report::call_list;
use crate::domain::churn::WinBack;
use crate::domain::complaint::Complaint;
use crate::domain::i18n::explain::yuan;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::list::CustomerIndex;
use crate::domain::time::Timestamp;
use crate::domain::time::{format_date, format_datetime, format_relative_day};
use crate::domain::today::{Agenda, Sources, agendas};
use crate::store;
use crate::ui::clock;
use crate::ui::commitments::done_button::DoneButton;
use crate::ui::commitments::page::mark_commitment_done;
use crate::ui::insights::state::use_insights;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use crate::ui::widgets::toast::use_toasts;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

/// Customers on the call list considered at most (the team's; each member sees their own).
const CALL_LIST: usize = 200;

/// Every member's day from the records: customers in the trash (or gone) left out.
pub(super) fn team_day(
    index: &CustomerIndex,
    (interactions, complaints, winbacks): (&[Interaction], &[Complaint], &[WinBack]),
    at_risk: &[AtRisk],
    today: NaiveDate,
    now: Timestamp,
) -> Vec<Agenda> {
    let owners = |id: Id| {
        index
            .get(id)
            .filter(|s| s.deleted_at.is_none())
            .map(|s| s.owner_id)
    };
    let sources = Sources {
        interactions,
        complaints,
        winbacks,
        at_risk,
        owners: &owners,
    };
    agendas(&sources, today, now)
}

/// The page.
#[component]
pub fn TodayPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let prefs = use_prefs();
    let insights = use_insights();
    insights.require();
    let me = Memo::new(move |_| prefs.0.with(|s| s.me));
    // Mine by default once the app knows who "me" is.
    let team = RwSignal::new(false);
    let loaded = LocalResource::new(move || {
        ws.revision.track();
        async move {
            let db = ws.db()?;
            let commitments = store::open_commitments(&db).await;
            let complaints = store::all_complaints(&db).await;
            let winbacks = store::all_winbacks(&db).await;
            Some((commitments, complaints, winbacks))
        }
    });
    let today = clock::today();
    let all = Memo::new(move |_| {
        let Some(Some((Ok(interactions), Ok(complaints), Ok(winbacks)))) = loaded.get() else {
            return None;
        };
        let (now_a, before_a) = (insights.now.get(), insights.before.get());
        let at_risk = call_list(&now_a, &before_a, CALL_LIST);
        let index = ws.index.read();
        let records = (&interactions[..], &complaints[..], &winbacks[..]);
        Some(team_day(&index, records, &at_risk, today, clock::now()))
    });
    let shown = move || {
        let all = all.get()?;
        Some(match (team.get(), me.get()) {
            (false, Some(me)) => all.into_iter().filter(|a| a.member == Some(me)).collect(),
            _ => all,
        })
    };
    let toasts = use_toasts();
    let mark_done = Callback::new(move |i: Interaction| mark_commitment_done(ws, toasts, i.id));
    view! {
        <section class="page today-page">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().today_title}</h1>
                    <p class="page-sub">{move || (t.get().today_date)(format_date(today, lang.get()))}</p>
                </div>
                <div class="today-toggle" role="group" aria-label=move || t.get().today_title>
                    <button
                        type="button"
                        class="btn btn-small"
                        aria-pressed=move || (!team.get() && me.get().is_some()).to_string()
                        disabled=move || me.get().is_none()
                        data-testid="today-mine"
                        on:click=move |_| team.set(false)
                    >{move || t.get().today_mine}</button>
                    <button
                        type="button"
                        class="btn btn-small"
                        aria-pressed=move || (team.get() || me.get().is_none()).to_string()
                        data-testid="today-team"
                        on:click=move |_| team.set(true)
                    >{move || t.get().today_team}</button>
                </div>
            </header>
            {move || me.get().is_none().then(|| view! { <p class="banner banner-info" role="status">{move || t.get().today_no_me}</p> })}
            <NotifyToggle />
            {move || match shown() {
                None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Some(list) if list.iter().all(Agenda::is_empty) => view! {
                    <EmptyState
                        icon=lu::LuCircleCheck
                        title=Signal::derive(move || t.get().today_empty.to_string())
                        body=Signal::derive(String::new)
                    />
                }.into_any(),
                Some(list) => {
                    let several = list.len() > 1;
                    list.into_iter()
                        .map(|a| view! { <MemberDay agenda=a titled=several mark_done=mark_done /> })
                        .collect_view()
                        .into_any()
                }
            }}
        </section>
    }
}

/// One member's day.
#[component]
fn MemberDay(
    agenda: Agenda,
    /// Whether to head it with the member's name (the team view).
    titled: bool,
    mark_done: Callback<Interaction>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let today = clock::today();
    let now = clock::now();
    let name = ws.member_name(agenda.member);
    let count = agenda.len();
    let customer = move |id: Id| {
        let name = ws
            .index
            .with_untracked(|ix| ix.get(id).map(|s| s.name.clone()))
            .unwrap_or_default();
        view! { <A href=Page::Customer(id).path() attr:class="today-customer">{name}</A> }
    };
    let promises = move |list: Vec<Interaction>,
                         title: fn(&crate::domain::i18n::Texts) -> &'static str,
                         testid: &'static str| {
        (!list.is_empty()).then(|| view! {
            <div class="today-group" data-testid=testid>
                <h3>{move || title(t.get())}</h3>
                <ul class="today-list">
                    {list.into_iter().map(|i| {
                        let c = i.commitment.clone().unwrap_or_else(|| crate::domain::interaction::Commitment {
                            text: String::new(),
                            due: today,
                            owner_id: None,
                            done_at: None,
                        });
                        let overdue = c.is_overdue(today);
                        let item = i.clone();
                        view! {
                            <li class:overdue=overdue>
                                <div class="today-main">
                                    <span>{c.text.clone()}</span>
                                    {customer(i.customer_id)}
                                </div>
                                <span class="muted today-when">{move || format_relative_day(c.due, today, lang.get())}</span>
                                <DoneButton on_done=Callback::new(move |_| mark_done.run(item.clone())) />
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        })
    };
    let Agenda {
        overdue,
        due_today,
        complaints,
        calls,
        winbacks,
        ..
    } = agenda;
    view! {
        <section class="panel today-member" data-testid="today-member">
            {titled.then(|| view! {
                <header class="panel-header">
                    <h2>{move || name.clone().unwrap_or_else(|| t.get().today_unassigned.to_string())}</h2>
                    <span class="muted">{move || (t.get().today_count)(count)}</span>
                </header>
            })}
            {promises(overdue, |t| t.today_overdue, "today-overdue")}
            {promises(due_today, |t| t.today_due, "today-due")}
            {(!complaints.is_empty()).then(|| view! {
                <div class="today-group" data-testid="today-complaints">
                    <h3>{move || t.get().today_complaints}</h3>
                    <ul class="today-list">
                        {complaints.into_iter().map(|c| {
                            let late = c.is_overdue(now);
                            let due = clock::local(c.due);
                            view! {
                                <li class:overdue=late>
                                    <div class="today-main">
                                        <span class="today-text">{c.description.clone()}</span>
                                        {customer(c.customer_id)}
                                    </div>
                                    <span class="muted today-when">{move || format!("{} {}", t.get().today_deadline, format_datetime(due, lang.get()))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {(!calls.is_empty()).then(|| view! {
                <div class="today-group" data-testid="today-calls">
                    <h3>{move || t.get().today_calls}</h3>
                    <ul class="today-list">
                        {calls.into_iter().map(|r| view! {
                            <li>
                                <div class="today-main">{customer(r.id)}</div>
                                <span class="muted today-when">
                                    {move || format!("{} {:.0} % · {}", t.get().today_active, r.p_alive * 100.0, yuan(r.clv, lang.get()))}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {(!winbacks.is_empty()).then(|| view! {
                <div class="today-group" data-testid="today-winbacks">
                    <h3>{move || t.get().today_winbacks}</h3>
                    <ul class="today-list">
                        {winbacks.into_iter().map(|w| {
                            let late = w.is_overdue(today);
                            view! {
                                <li class:overdue=late>
                                    <div class="today-main">
                                        <span>{w.action.clone()}</span>
                                        {customer(w.customer_id)}
                                    </div>
                                    <span class="muted today-when">{move || format_relative_day(w.due, today, lang.get())}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })}
        </section>
    }
}
