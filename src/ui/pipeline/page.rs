//! The pipeline page: the open pipeline's size and weighted forecast, the filters (in the URL,
//! so a view can be bookmarked and shared), and the board or the table.

use super::board::{Board, CloseRequest};
use super::data::{DealsSignal, use_deals};
use super::lose::LoseDialog;
use super::moves::DealWriter;
use super::table::DealTable;
use super::win::WinDialog;
use crate::domain::lead::list::OwnerFilter;
use crate::domain::opportunity::list::{
    DealQuery, DealSort, Flag, OpenTotals, StateFilter, format_sums,
};
use crate::domain::opportunity::stage::{Outcome, StageId};
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::choice::Choice;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::field::label;
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    Failed(String),
    Empty,
    Ready,
}

/// The pipeline page.
#[component]
pub fn PipelinePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let navigate = use_navigate();
    let params = use_query_map();
    let deals: DealsSignal = use_deals();
    let writer = DealWriter::new(deals);
    let query = Memo::new(move |_| {
        params.with(|p| {
            let pairs = crate::ui::routes::query_pairs(p);
            DealQuery::from_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        })
    });
    let table = Memo::new(move |_| params.with(|p| p.get("view").as_deref() == Some("table")));
    let go = {
        let navigate = navigate.clone();
        move |q: DealQuery, as_table: bool| {
            let mut params = q.to_params();
            if as_table {
                params.push(("view", "table".into()));
            }
            let url = crate::ui::routes::with_query(Page::Pipeline.path(), &params);
            navigate(&url, crate::ui::routes::in_place());
        }
    };
    let set = {
        let go = go.clone();
        move |f: &dyn Fn(&mut DealQuery)| {
            let mut q = query.get_untracked();
            f(&mut q);
            go(q, table.get_untracked());
        }
    };
    let set = StoredValue::new_local(set);
    let change = move |f: Box<dyn Fn(&mut DealQuery)>| set.with_value(|s| s(&*f));

    let closing = RwSignal::new(None::<CloseRequest>);
    let on_close = Callback::new(move |r: CloseRequest| closing.set(Some(r)));
    // Summed over every deal once, then kept up with each change.
    let totals = Memo::new(move |prev: Option<&Option<OpenTotals>>| {
        deals.with(|d| match d {
            Some(Ok(d)) => Some(
                d.book
                    .open_totals_from(prev.and_then(Option::as_ref), &d.pipeline),
            ),
            _ => None,
        })
    });
    // What the page shows: waiting, a failure, nothing yet, or the deals. A memo, so that a
    // change of one deal (a move on the board) redraws that deal, not the page.
    let phase = Memo::new(move |_| {
        deals.with(|d| match d {
            None => Phase::Loading,
            Some(Err(e)) => Phase::Failed(e.clone()),
            Some(Ok(d)) if d.book.active() == 0 => Phase::Empty,
            Some(Ok(_)) => Phase::Ready,
        })
    });
    let stage_options = Signal::derive(move || {
        let mut o = vec![(None, t.get().deal_all_stages.to_string())];
        deals.with(|d| {
            if let Some(Ok(d)) = d {
                o.extend(
                    d.pipeline
                        .stages
                        .iter()
                        .map(|s| (Some(s.id.clone()), s.label(t.get()))),
                );
            }
        });
        o
    });
    let owners = Signal::derive(move || {
        let mut o = vec![
            (OwnerFilter::Anyone, t.get().deal_all_owners.to_string()),
            (OwnerFilter::Unassigned, t.get().deal_unassigned.to_string()),
        ];
        o.extend(
            ws.members
                .get()
                .into_iter()
                .map(|m| (OwnerFilter::Member(m.id), m.name)),
        );
        o
    });

    let go_view = go.clone();
    view! {
        <section class="page page-pipeline">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().pipeline_title}</h1>
                    <p class="page-sub" data-testid="pipeline-totals">
                        {move || totals.get().map(|s| s.totals).map(|s| format!(
                            "{} · {} {} · {} {}",
                            (t.get().n_deals)(s.count),
                            t.get().deal_open_total,
                            format_sums(&s.amount, lang.get()),
                            t.get().deal_weighted_total,
                            format_sums(&s.weighted, lang.get()),
                        ))}
                    </p>
                </div>
                <div class="header-actions">
                    <div class="segmented" role="group">
                        <button
                            class="segment"
                            class:segment-on=move || !table.get()
                            aria-pressed=move || (!table.get()).to_string()
                            data-testid="view-board"
                            on:click={let go = go_view.clone(); move |_| go(query.get_untracked(), false)}
                        >
                            <Icon icon=lu::LuKanban />
                            {move || t.get().view_board}
                        </button>
                        <button
                            class="segment"
                            class:segment-on=move || table.get()
                            aria-pressed=move || table.get().to_string()
                            data-testid="view-table"
                            on:click={let go = go_view.clone(); move |_| go(query.get_untracked(), true)}
                        >
                            <Icon icon=lu::LuTable />
                            {move || t.get().view_table}
                        </button>
                    </div>
                    <A href=Page::Forecast.path() attr:class="btn" attr:data-testid="forecast-link">
                        <Icon icon=lu::LuChartLine />
                        {move || t.get().forecast_link}
                    </A>
                    <A href=Page::NewOpportunity.path() attr:class="btn btn-primary" attr:data-testid="new-deal">
                        <Icon icon=lu::LuPlus />
                        {move || t.get().deal_new}
                    </A>
                </div>
            </header>
            {move || match phase.get() {
                Phase::Loading => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                Phase::Failed(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Phase::Empty => view! {
                    <EmptyState
                        icon=lu::LuKanban
                        title=Signal::derive(move || t.get().deals_empty_title.to_string())
                        body=Signal::derive(move || t.get().deals_empty_body.to_string())
                    />
                }.into_any(),
                Phase::Ready => view! {
                    <div class="toolbar deal-toolbar">
                        <div class="search">
                            <Icon icon=lu::LuSearch />
                            <input
                                type="search"
                                data-testid="deal-search"
                                aria-label=move || t.get().deal_search_label
                                placeholder=move || t.get().deal_search
                                prop:value=move || query.with(|q| q.text.clone())
                                on:input=move |ev| {
                                    let v = event_target_value(&ev);
                                    change(Box::new(move |q| q.text = v.clone()));
                                }
                            />
                        </div>
                        <Choice label=label(t, |t| t.deal_owner) testid="deal-owner-filter" options=owners
                            value=Signal::derive(move || query.with(|q| q.owner))
                            on_change=Callback::new(move |v| change(Box::new(move |q| q.owner = v))) />
                        <Choice label=label(t, |t| t.deal_any_flag) testid="deal-flag-filter"
                            options=Signal::derive(move || [Flag::Any, Flag::Overdue, Flag::Stale].into_iter().map(|f| (f, f.label(t.get()).to_string())).collect())
                            value=Signal::derive(move || query.with(|q| q.flag))
                            on_change=Callback::new(move |v| change(Box::new(move |q| q.flag = v))) />
                        <Show when=move || table.get()>
                            <Choice label=label(t, |t| t.deal_state) testid="deal-state-filter"
                                options=Signal::derive(move || StateFilter::ALL.into_iter().map(|s| (s, s.label(t.get()).to_string())).collect())
                                value=Signal::derive(move || query.with(|q| q.state))
                                on_change=Callback::new(move |v| change(Box::new(move |q| q.state = v))) />
                            <Choice label=label(t, |t| t.deal_stage) testid="deal-stage-filter" options=stage_options
                                value=Signal::derive(move || query.with(|q| q.stage.clone()))
                                on_change=Callback::new(move |v: Option<StageId>| change(Box::new(move |q| {
                                    // A closing stage shows closed deals.
                                    if v.as_ref().is_some_and(|s| matches!(s.as_str(), "won" | "lost")) {
                                        q.state = StateFilter::All;
                                    }
                                    q.stage = v.clone();
                                }))) />
                            <Choice label=label(t, |t| t.deal_sort) testid="deal-sort"
                                options=Signal::derive(move || DealSort::ALL.into_iter().map(|s| (s, s.label(t.get()).to_string())).collect())
                                value=Signal::derive(move || query.with(|q| q.sort))
                                on_change=Callback::new(move |v| change(Box::new(move |q| q.sort = v))) />
                        </Show>
                    </div>
                    {move || if table.get() {
                        view! { <DealTable deals=deals query=query /> }.into_any()
                    } else {
                        view! { <Board deals=deals query=query on_close=on_close /> }.into_any()
                    }}
                }.into_any(),
            }}
            {move || closing.get().and_then(|r| {
                let (deal, pipeline) = deals.with_untracked(|d| match d {
                    Some(Ok(d)) => d.book.get(r.deal).cloned().map(|o| (o, d.pipeline.clone())),
                    _ => None,
                })?;
                let done = Callback::new(move |_| closing.set(None));
                Some(match r.outcome {
                    Outcome::Won => view! { <WinDialog deal=deal pipeline=pipeline writer=writer on_close=done /> }.into_any(),
                    _ => view! { <LoseDialog deal=deal pipeline=pipeline writer=writer on_close=done /> }.into_any(),
                })
            })}
        </section>
    }
}
