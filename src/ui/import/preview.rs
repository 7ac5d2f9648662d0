//! The checked plan: the first rows as they will be stored, and the rows that fail.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::import::Kind;
use crate::domain::import::plan::{Action, Plan, cells, headings};
use crate::domain::money::format_count;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use leptos::prelude::*;
use std::sync::Arc;

/// Problems (and skipped rows) listed on screen; the downloadable reports have them all.
const SHOWN_ERRORS: usize = 50;

/// Team members' names by id, as the record cells want them.
fn member_names(ws: crate::ui::state::Workspace) -> impl Fn(Option<Id>) -> String {
    let names = ws.member_names();
    move |id: Option<Id>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_default()
    }
}

/// A table of records: line, a second column (`second`: the result, or why skipped), then
/// the record's cells under `heads`.
fn record_table(
    label: &'static str,
    caption: &'static str,
    testid: &'static str,
    second: &'static str,
    heads: Vec<&'static str>,
    rows: impl IntoView,
    t: &Texts,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class="data-table compact nowrap-table" data-testid=testid>
                <caption class="muted small">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{t.col_line}</th>
                        <th scope="col">{second}</th>
                        {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The preview table of `plan`.
#[component]
pub fn PreviewTable(plan: Arc<Plan>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    move || {
        let t = t.get();
        let member = member_names(ws);
        let mut heads = headings(plan.kind, t);
        // A lead row shows what it may already be, first (the row is wide).
        let leads = plan.kind == Kind::Leads;
        if leads {
            heads.insert(0, t.import_col_matches);
        }
        let width = heads.len();
        let rows = plan
            .preview
            .iter()
            .map(|row| {
                let problems: Vec<String> = plan
                    .errors
                    .iter()
                    .filter(|e| e.line == row.line)
                    .map(|e| match &e.column {
                        Some(c) => format!("{c}: {}", e.problem.message(t)),
                        None => e.problem.message(t),
                    })
                    .collect();
                let class = match row.action {
                    Action::Create => "pill status-new",
                    Action::Update => "pill status-acknowledged",
                    Action::Skip => "pill",
                    Action::Fail => "pill severity-high",
                };
                let matches = leads.then(|| {
                    let text: Vec<String> = row.matches.iter().map(|m| m.describe(t)).collect();
                    view! { <td class="import-match" class:has-match=!text.is_empty()>{text.join("; ")}</td> }
                });
                let body = match &row.record {
                    Some(r) => view! {
                        {matches}
                        {cells(r, &row.customer, t, clock::zone(), &member)
                            .into_iter()
                            .map(|c| view! { <td>{c}</td> })
                            .collect_view()}
                    }
                    .into_any(),
                    None => {
                        view! { <td colspan=width class="rating-msg">{problems.join(" ")}</td> }
                            .into_any()
                    }
                };
                view! {
                    <tr>
                        <td class="num">{row.line}</td>
                        <td><span class=class>{row.action.label(t)}</span></td>
                        {body}
                    </tr>
                }
            })
            .collect_view();
        record_table(
            t.import_preview,
            t.import_preview,
            "import-preview",
            t.import_col_result,
            heads,
            rows,
            t,
        )
    }
}

/// The rows left out as duplicates (first [`SHOWN_ERRORS`] of them) and what each repeats,
/// with the report of them all.
#[component]
pub fn SkippedTable(plan: Arc<Plan>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let report_plan = plan.clone();
    let report = move |_| {
        let member = member_names(ws);
        let text = report_plan.skipped_report(t.get_untracked(), clock::zone(), &member);
        crate::ui::download::download("import-skipped.csv", "text/csv;charset=utf-8", &text);
    };
    move || {
        let t = t.get();
        let member = member_names(ws);
        let more = plan.skipped.len().saturating_sub(SHOWN_ERRORS);
        let heads = headings(plan.kind, t);
        let rows = plan
            .skipped
            .iter()
            .take(SHOWN_ERRORS)
            .map(|s| {
                view! {
                    <tr>
                        <td class="num">{s.line}</td>
                        <td>{s.why.label(t)}</td>
                        {cells(&s.record, &s.customer, t, clock::zone(), &member)
                            .into_iter()
                            .map(|c| view! { <td>{c}</td> })
                            .collect_view()}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <details class="import-skipped" data-testid="import-skipped-rows">
                <summary>{format!("{} ({})", t.import_skipped_title, count(plan.skipped.len()))}</summary>
                {record_table(t.import_skipped_title, t.import_col_repeats, "import-skipped", t.col_why, heads, rows, t)}
                {(more > 0).then(|| view! { <p class="muted small">{(t.import_skipped_more)(more)}</p> })}
                <button class="btn btn-small" data-testid="import-skipped-report" on:click=report.clone()>{t.import_skipped_report}</button>
            </details>
        }
    }
}

/// The lead rows that may already be known (first [`SHOWN_ERRORS`] of them), each with what
/// it may be.
#[component]
pub fn MatchedTable(plan: Arc<Plan>) -> impl IntoView {
    let t = use_texts();
    move || {
        let t = t.get();
        let more = plan.matched.len().saturating_sub(SHOWN_ERRORS);
        let rows = plan
            .matched
            .iter()
            .take(SHOWN_ERRORS)
            .map(|m| {
                let what: Vec<String> = m.matches.iter().map(|x| x.describe(t)).collect();
                view! {
                    <tr>
                        <td class="num">{m.line}</td>
                        <td>{m.lead.clone()}</td>
                        <td class="wrap-cell">{what.join("; ")}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <details class="import-skipped" data-testid="import-matched" open>
                <summary>{format!("{} ({})", t.import_matched_title, count(plan.matched.len()))}</summary>
                <p class="muted small">{t.import_matched_hint}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label=t.import_matched_title>
                    <table class="data-table compact" data-testid="import-matched-rows">
                        <caption class="muted small">{t.import_matched_title}</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="num">{t.col_line}</th>
                                <th scope="col">{t.col_lead}</th>
                                <th scope="col">{t.import_col_matches}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {(more > 0).then(|| view! { <p class="muted small">{(t.more_errors)(more)}</p> })}
            </details>
        }
    }
}

/// The rows that fail, first [`SHOWN_ERRORS`] of them.
#[component]
pub fn ErrorTable(plan: Arc<Plan>) -> impl IntoView {
    let t = use_texts();
    move || {
        let t = t.get();
        let more = plan.errors.len().saturating_sub(SHOWN_ERRORS);
        let rows = plan
            .errors
            .iter()
            .take(SHOWN_ERRORS)
            .map(|e| {
                view! {
                    <tr>
                        <td class="num">{e.line}</td>
                        <td>{e.column.clone().unwrap_or_default()}</td>
                        <td class="sample-cell">{e.value.clone()}</td>
                        <td class="wrap-cell">{e.problem.message(t)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=t.csv_errors_title>
                <table class="data-table compact nowrap-table" data-testid="import-errors">
                    <caption class="muted small">{t.csv_errors_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">{t.col_line}</th>
                            <th scope="col">{t.col_column}</th>
                            <th scope="col">{t.col_cell_value}</th>
                            <th scope="col">{t.col_why}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {(more > 0).then(|| view! { <p class="muted small">{(t.more_errors)(more)}</p> })}
        }
    }
}

/// "1,234" for counts in the summary.
pub fn count(n: usize) -> String {
    format_count(n as u64)
}
