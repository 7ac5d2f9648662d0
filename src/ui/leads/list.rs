//! The leads page: every open lead, newest first, with search (names in pinyin, phones by their
//! digits), filters on status, source and owner, and three orders.

use super::score::{fit_model_in_slices, scores};
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::LeadSource;
use crate::domain::lead::LeadStatus;
use crate::domain::lead::list::{LeadIndex, LeadQuery, LeadSort, OwnerFilter, StatusFilter};
use crate::domain::lead::score::Band;
use crate::store;
use crate::ui::clock;
use crate::ui::insights::state::use_insights;
use crate::ui::routes::Page;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::HashMap;

/// Search keys built per slice after the list is painted (about 10 ms of work).
const WARM_LEADS: usize = 1_500;

#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    Failed(String),
    Empty,
    Ready,
}

/// The leads page.
#[component]
pub fn LeadsPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let book = RwSignal::new(None::<Result<LeadIndex, String>>);
    // Read when the page opens and again after a change here or in another tab.
    // How many records each lead may already be, once the list is painted.
    let known = RwSignal::new(HashMap::<Id, usize>::new());
    // The classes (for the scores) once the list is painted, not before it.
    let painted = RwSignal::new(false);
    let insights = use_insights();
    insights.require_once(move || painted.get());
    // Every lead's interactions, once read.
    let activity = StoredValue::new(None::<HashMap<Id, Vec<Interaction>>>);
    // Scored a part at a time (50,000 leads are too many for one task), then shown at once.
    let rescore = move || {
        if activity.with_value(Option::is_none) {
            return;
        }
        spawn_local(async move {
            let analysis = insights.now.get_untracked();
            let model = fit_model_in_slices(ws, &analysis).await;
            let mut found = HashMap::new();
            let mut slices = clock::Slices::start();
            let mut from = 0;
            loop {
                let next = activity.with_value(|a| {
                    let a = a.as_ref()?;
                    book.try_with_untracked(|b| match b {
                        Some(Ok(ix)) => {
                            let leads = ix.leads();
                            let to = (from + 1_000).min(leads.len());
                            found.extend(scores(&model, &leads[from.min(to)..to], a));
                            (to < leads.len()).then_some(to)
                        }
                        _ => None,
                    })?
                });
                let Some(next) = next else { break };
                from = next;
                slices.step().await;
            }
            book.update(|b| {
                if let Some(Ok(ix)) = b {
                    ix.set_scores(|l| found.get(&l.id).copied());
                }
            });
        });
    };
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        // Scoped: a change read again, or the page left, drops what the last read had still
        // to do — the matching's thread with it (it would count on for seconds).
        clock::spawn_scoped(async move {
            let held = ws.hold_background();
            let early = ws.take_early(crate::domain::kinds::RecordKind::Lead);
            let read = store::all_leads_early(&db, early).await;
            book.try_set(Some(
                read.map(LeadIndex::new)
                    .map_err(|e| e.message(t.get_untracked())),
            ));
            // Built from the leads the page holds, not a copy of them.
            clock::painted().await;
            clock::mark("crm:leads-painted");
            drop(held);
            painted.try_set(true);
            // The search keys first, a slice at a time.
            while book.try_with_untracked(|b| match b {
                Some(Ok(ix)) => ix.warm_step(WARM_LEADS),
                _ => true,
            }) == Some(false)
            {
                clock::later_tick().await;
            }
            // Then the scores, from every lead's interactions (their pack is unpacked in one
            // task: early, before anyone types).
            if let Ok(all) = store::all_lead_interactions(&db).await {
                let mut by_lead: HashMap<Id, Vec<Interaction>> = HashMap::new();
                for i in all {
                    by_lead.entry(i.lead_id()).or_default().push(i.0);
                }
                activity.set_value(Some(by_lead));
                rescore();
            }
            // Then how many records each lead may already be.
            if let Some(counts) = super::known::match_counts(ws).await {
                known.try_set(counts);
                clock::mark("crm:leads-matched");
            }
        });
    });
    // The fit depends on the classes: scored again when the analysis changes.
    Effect::new(move |first: Option<()>| {
        insights.now.track();
        if first.is_some() {
            rescore();
        }
    });
    // The list's query lives in the URL too, so a link (the member page's) or a reload opens
    // the same list. A filter or order is navigated to at once. Typed text is put in the
    // address bar at once without the router (a reload or a bookmark sees it: a reload's
    // address is fixed before the page hears it is going), and navigated to once it rests
    // for 400 ms (a navigation on every keystroke put the search p95 from 49 to 88 ms). The
    // query follows a URL this page did not write (a link to the leads from the leads, back
    // and forward).
    let params = use_query_map();
    let in_url = move |p: &leptos_router::params::ParamsMap| {
        let pairs = crate::ui::routes::query_pairs(p);
        LeadQuery::from_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    };
    let query = RwSignal::new(params.with_untracked(in_url));
    let written = StoredValue::new(query.get_untracked());
    let last = StoredValue::new(query.get_untracked());
    let changes = StoredValue::new(0_u64);
    let navigate = use_navigate();
    let url_of = |q: &LeadQuery| crate::ui::routes::with_query(Page::Leads.path(), &q.to_params());
    Effect::new(move |_| {
        let typing = query.with(|q| last.with_value(|l| l.text != q.text));
        last.set_value(query.get_untracked());
        if typing && let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            let url = query.with_untracked(url_of);
            let _ = history.replace_state_with_url(&state, "", Some(&url));
        }
        let change = changes.with_value(|n| n + 1);
        changes.set_value(change);
        let navigate = navigate.clone();
        set_timeout(
            move || {
                if changes.try_with_value(|n| *n != change).unwrap_or(true) {
                    return;
                }
                let q = query.get_untracked();
                if params.with_untracked(|p| in_url(p) == q) {
                    return;
                }
                written.set_value(q.clone());
                navigate(&url_of(&q), crate::ui::routes::in_place());
            },
            std::time::Duration::from_millis(if typing { 400 } else { 0 }),
        );
    });
    Effect::new(move |_| {
        let q = params.with(in_url);
        if written.with_value(|w| *w != q) && query.with_untracked(|x| *x != q) {
            written.set_value(q.clone());
            query.set(q);
        }
    });
    let rows = Memo::new(move |_| {
        book.with(|b| match b {
            Some(Ok(ix)) => query.with(|q| ix.query(q)),
            _ => Vec::new(),
        })
    });
    let total = Memo::new(move |_| {
        book.with(|b| {
            b.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, LeadIndex::active)
        })
    });

    // What the page shows: waiting, a failure, nothing yet, or the leads (the last redrawn
    // row by row, not as a whole, when the leads change).
    let phase = Memo::new(move |_| {
        book.with(|b| match b {
            None => Phase::Loading,
            Some(Err(e)) => Phase::Failed(e.clone()),
            Some(Ok(_)) if total.get() == 0 => Phase::Empty,
            Some(Ok(_)) => Phase::Ready,
        })
    });

    view! {
        <section class="page page-leads">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().leads_title}</h1>
                    <p class="page-sub" data-testid="lead-count">
                        {move || {
                            let shown = rows.with(Vec::len);
                            if query.with(|q| *q == LeadQuery::default()) && shown == total.get() {
                                (t.get().n_leads)(total.get())
                            } else {
                                (t.get().n_leads_shown)(shown, total.get())
                            }
                        }}
                    </p>
                </div>
                <div class="header-actions">
                    <A href=Page::Funnel.path() attr:class="btn" attr:data-testid="open-funnel">
                        <Icon icon=lu::LuFunnel />
                        <span class="btn-text">{move || t.get().funnel_open}</span>
                    </A>
                    <A href=Page::NewLead.path() attr:class="btn btn-primary" attr:data-testid="new-lead">
                        <Icon icon=lu::LuPlus />
                        <span>{move || t.get().lead_new}</span>
                    </A>
                </div>
            </header>
            {move || match phase.get() {
                Phase::Loading => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Phase::Failed(e) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                Phase::Empty => view! {
                    <EmptyState
                        icon=lu::LuContact
                        title=Signal::derive(move || t.get().leads_empty_title.to_string())
                        body=Signal::derive(move || t.get().leads_empty_body.to_string())
                    >
                        <A href=Page::NewLead.path() attr:class="btn btn-primary">{move || t.get().lead_new}</A>
                    </EmptyState>
                }.into_any(),
                Phase::Ready => view! {
                    <LeadFilters query=query />
                    <super::assign::AssignPanel book=book rows=rows done=Callback::new(move |written: Vec<crate::domain::lead::Lead>| {
                        book.update(|b| if let Some(Ok(ix)) = b {
                            for l in written {
                                ix.put(l);
                            }
                        });
                    }) />
                    <super::table::LeadTable book=book rows=rows known=known />
                }.into_any(),
            }}
        </section>
    }
}

/// Search, status, source, owner and order.
#[component]
fn LeadFilters(query: RwSignal<LeadQuery>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let statuses = move || {
        let t = t.get();
        let mut o = vec![
            (StatusFilter::Open, t.lead_open_statuses.to_string()),
            (StatusFilter::All, t.lead_all_statuses.to_string()),
        ];
        o.extend(LeadStatus::ALL.map(|s| (StatusFilter::Only(s), s.label(t).to_string())));
        o
    };
    let sources = move || {
        let t = t.get();
        let mut o = vec![(None, t.lead_all_sources.to_string())];
        o.extend(LeadSource::ALL.map(|s| (Some(s), s.label(t).to_string())));
        o
    };
    let owners = move || {
        let t = t.get();
        let mut o = vec![
            (OwnerFilter::Anyone, t.lead_all_owners.to_string()),
            (OwnerFilter::Unassigned, t.lead_unassigned.to_string()),
        ];
        o.extend(
            ws.members
                .get()
                .into_iter()
                .map(|m| (OwnerFilter::Member(m.id), m.name)),
        );
        o
    };
    let bands = move || {
        let t = t.get();
        let mut o = vec![(None, t.score_all_bands.to_string())];
        o.extend(Band::ALL.map(|b| (Some(b), b.label(t).to_string())));
        o
    };
    let sorts = move || {
        let t = t.get();
        vec![
            (LeadSort::Added, t.col_added.to_string()),
            (LeadSort::Score, t.score_band.to_string()),
            (LeadSort::Name, t.lead_name.to_string()),
            (LeadSort::Status, t.lead_status.to_string()),
        ]
    };
    view! {
        <div class="toolbar lead-toolbar">
            <div class="search">
                <Icon icon=lu::LuSearch />
                <input
                    type="search"
                    data-testid="lead-search"
                    aria-label=move || t.get().lead_search_label
                    placeholder=move || t.get().lead_search
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        query.update(|q| q.text = text);
                    }
                />
            </div>
            <Choice label=Signal::derive(move || t.get().lead_status.to_string()) testid="lead-status-filter" options=Signal::derive(statuses)
                value=Signal::derive(move || query.with(|q| q.status)) on_change=Callback::new(move |v| query.update(|q| q.status = v)) />
            <Choice label=Signal::derive(move || t.get().lead_source.to_string()) testid="lead-source-filter" options=Signal::derive(sources)
                value=Signal::derive(move || query.with(|q| q.source)) on_change=Callback::new(move |v| query.update(|q| q.source = v)) />
            <Choice label=Signal::derive(move || t.get().lead_owner.to_string()) testid="lead-owner-filter" options=Signal::derive(owners)
                value=Signal::derive(move || query.with(|q| q.owner)) on_change=Callback::new(move |v| query.update(|q| q.owner = v)) />
            <Choice label=Signal::derive(move || t.get().score_band.to_string()) testid="lead-band-filter" options=Signal::derive(bands)
                value=Signal::derive(move || query.with(|q| q.band)) on_change=Callback::new(move |v| query.update(|q| q.band = v)) />
            <Choice label=Signal::derive(move || t.get().lead_sort.to_string()) testid="lead-sort" options=Signal::derive(sorts)
                value=Signal::derive(move || query.with(|q| q.sort)) on_change=Callback::new(move |v| query.update(|q| q.sort = v)) />
        </div>
    }
}
