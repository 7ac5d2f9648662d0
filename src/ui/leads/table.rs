//! The leads table, virtualised: only the rows in view (and a margin) exist in the DOM, each
//! kept at its place in the list, so a search or a filter over 50,000 leads changes the text of
//! about twenty rows instead of building the table again.

use super::score::band_class;
use crate::domain::id::Id;
use crate::domain::lead::LeadSource;
use crate::domain::lead::LeadStatus;
use crate::domain::lead::list::LeadIndex;
use crate::domain::lead::score::Band;
use crate::domain::time::{Timestamp, format_date};
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::scroll_window::ScrollWindow;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// What one row shows of a lead.
#[derive(Clone, PartialEq)]
struct Line {
    id: Id,
    first: String,
    second: String,
    do_not_contact: bool,
    status: LeadStatus,
    score: Option<u8>,
    known: Option<usize>,
    source: LeadSource,
    owner: Option<Id>,
    phone: String,
    added: Timestamp,
}

/// The leads at positions `rows` of the book, in that order.
#[component]
pub fn LeadTable(
    book: RwSignal<Option<Result<LeadIndex, String>>>,
    rows: Memo<Vec<usize>>,
    known: RwSignal<HashMap<Id, usize>>,
) -> impl IntoView {
    let t = use_texts();
    // The height of a drawn row, measured (it follows the density and the phone layout).
    let row_height = RwSignal::new(57.0_f64);
    let window = ScrollWindow::new(560.0, move || measure(row_height));
    // A new search or filter starts at the top.
    Effect::new(move |before: Option<()>| {
        rows.track();
        if before.is_some() {
            window.to_top();
        }
    });
    let total = Memo::new(move |_| rows.with(Vec::len));
    let visible = Memo::new(move |_| {
        let len = total.get();
        window.range(row_height.get(), len)
    });
    let places = Memo::new(move |_| visible.get().collect::<Vec<_>>());
    // Measured once the first rows are drawn.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || places.with(Vec::is_empty) {
            return done.unwrap_or(false);
        }
        clock::after_paint(move || measure(row_height));
        true
    });
    let above = move || format!("{}px", visible.get().start as f64 * row_height.get());
    let below = move || {
        let end = visible.get().end;
        format!(
            "{}px",
            total.get().saturating_sub(end) as f64 * row_height.get()
        )
    };
    view! {
        {move || rows.with(Vec::is_empty).then(|| view! {
            <p class="muted" data-testid="leads-no-match">{move || t.get().leads_no_match}</p>
        })}
        <div
            class="table-wrap table-scroll-box lead-scroll"
            node_ref=window.node
            on:scroll=move |ev| window.on_scroll(ev)
            data-testid="lead-scroll"
        >
            <table class="data-table lead-table" data-testid="lead-table" aria-rowcount=move || total.get() + 1>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col">{move || t.get().col_lead}</th>
                        <th scope="col">{move || t.get().lead_status}</th>
                        <th scope="col" class="num">{move || t.get().score_band}</th>
                        <th scope="col">{move || t.get().col_match}</th>
                        <th scope="col" class="col-source">{move || t.get().lead_source}</th>
                        <th scope="col" class="col-owner">{move || t.get().lead_owner}</th>
                        <th scope="col" class="col-phone">{move || t.get().phone}</th>
                        <th scope="col" class="col-added">{move || t.get().col_added}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true"><td colspan="8" style:height=above></td></tr>
                    // Keyed by place, not by lead: a new query keeps the rows and changes
                    // what they show.
                    <For
                        each=move || places.get()
                        key=|i| *i
                        children=move |i| {
                            let line = Memo::new(move |_| {
                                let at = rows.with(|r| r.get(i).copied())?;
                                book.with(|b| {
                                    let Some(Ok(ix)) = b else { return None };
                                    let l = ix.leads().get(at)?;
                                    let (first, second) = if l.name.is_empty() {
                                        (l.company.clone(), String::new())
                                    } else {
                                        (l.name.clone(), l.company.clone())
                                    };
                                    Some(Line {
                                        id: l.id,
                                        first,
                                        second,
                                        do_not_contact: l.do_not_contact,
                                        status: l.status,
                                        score: ix.score(at),
                                        known: known.with(|k| k.get(&l.id).copied()),
                                        source: l.source,
                                        owner: l.owner_id,
                                        phone: l.phones.first().cloned().unwrap_or_default(),
                                        added: l.created_at,
                                    })
                                })
                            });
                            view! { <LeadRow line=line index=i /> }
                        }
                    />
                    <tr class="spacer" aria-hidden="true"><td colspan="8" style:height=below></td></tr>
                </tbody>
            </table>
        </div>
    }
}

/// Takes the height of a drawn row (nothing when none is drawn).
fn measure(row_height: RwSignal<f64>) {
    let drawn = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=lead-row]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|e| f64::from(e.offset_height()));
    if let Some(h) = drawn.filter(|h| *h >= 20.0 && (h - row_height.get_untracked()).abs() >= 0.5) {
        row_height.set(h);
    }
}

/// One row: whichever lead is at its place now.
#[component]
fn LeadRow(line: Memo<Option<Line>>, index: usize) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let lang = use_lang();
    let get =
        move |f: fn(&Line) -> String| move || line.with(|l| l.as_ref().map(f).unwrap_or_default());
    let status = move || line.with(|l| l.as_ref().map(|l| l.status));
    view! {
        <tr data-testid="lead-row" class="lead-row" aria-rowindex=index + 2>
            <td>
                <span class="lead-line">
                    <A
                        href=move || line.with(|l| l.as_ref().map(|l| Page::Lead(l.id).path())).unwrap_or_default()
                        attr:class="row-link"
                    >
                        {get(|l| l.first.clone())}
                    </A>
                    {move || line.with(|l| l.as_ref().is_some_and(|l| l.do_not_contact)).then(|| view! {
                        <span class="badge badge-warn" title=move || t.get().lead_dnc>
                            <Icon icon=lu::LuBellOff />
                            <span class="sr-only">{move || t.get().lead_dnc}</span>
                        </span>
                    })}
                </span>
                <span class="row-sub">{get(|l| l.second.clone())}</span>
            </td>
            <td>
                {move || status().map(|s| view! {
                    <span class=format!("pill status-{}", s.as_str()) data-testid="lead-status">{move || s.label(t.get())}</span>
                })}
            </td>
            <td class="num">
                {move || line.with(|l| l.as_ref().and_then(|l| l.score)).map(|s| {
                    let band = Band::of(s);
                    view! { <span class=band_class(band) title=move || band.label(t.get()) data-testid="lead-score">{s}</span> }
                })}
            </td>
            <td>
                {move || line.with(|l| l.as_ref().and_then(|l| l.known)).map(|n| view! {
                    <span class="badge badge-warn" data-testid="lead-known">{move || (t.get().lead_matches)(n)}</span>
                })}
            </td>
            <td class="col-source">{move || line.with(|l| l.as_ref().map(|l| l.source.label(t.get())))}</td>
            <td class="col-owner">
                {move || {
                    let owner = line.with(|l| l.as_ref().and_then(|l| l.owner));
                    ws.member_name(owner).unwrap_or_else(|| t.get().unassigned.to_string())
                }}
            </td>
            <td class="col-phone num">{get(|l| l.phone.clone())}</td>
            <td class="col-added num">
                {move || line.with(|l| l.as_ref().map(|l| format_date(clock::local(l.added).date(), lang.get())))}
            </td>
        </tr>
    }
}
