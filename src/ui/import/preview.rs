//! The checked plan: the first rows as they will be stored, and the rows that fail.

use crate::domain::i18n::{Lang, Texts};
use crate::domain::import::plan::{Action, Plan, Record};
use crate::domain::import::{Kind, Target};
use crate::domain::money::format_count;
use crate::domain::time::{format_date, format_datetime};
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use leptos::prelude::*;
use std::sync::Arc;

/// Problems listed on screen; the downloadable report has them all.
const SHOWN_ERRORS: usize = 50;

/// Column headings of the preview for `kind` (after line and result).
fn headings(kind: Kind, t: &Texts) -> Vec<&'static str> {
    use Target::*;
    let fields: &[Target] = match kind {
        Kind::Customers => &[Name, Phone, Email, Region, Tags, Owner],
        Kind::Contacts => &[Customer, Name, Title, Phone, Email],
        Kind::Interactions => &[Customer, When, Channel, Summary, Owner],
        Kind::Purchases => &[Customer, Date, Amount, Product, Quantity],
    };
    fields
        .iter()
        .map(|f| match f {
            Customer => t.col_customer,
            f => f.label(t),
        })
        .collect()
}

/// A record's cells, in the order of [`headings`], as the app will show them.
fn cells(
    record: &Record,
    customer: &str,
    t: &Texts,
    lang: Lang,
    member: &dyn Fn(Option<crate::domain::id::Id>) -> String,
) -> Vec<String> {
    match record {
        Record::Customer(c) => vec![
            if c.company.is_empty() {
                c.name.clone()
            } else {
                format!("{} · {}", c.name, c.company)
            },
            c.phones.join(" / "),
            c.emails.join(" / "),
            c.region.clone(),
            c.tags.join(", "),
            member(c.owner_id),
        ],
        Record::Contact(p) => vec![
            customer.to_string(),
            p.name.clone(),
            p.title.clone(),
            p.phones.join(" / "),
            p.emails.join(" / "),
        ],
        Record::Interaction(i) => vec![
            customer.to_string(),
            format_datetime(i.at.local_datetime(clock::offset_minutes()), lang),
            i.channel.label(t).to_string(),
            i.summary.clone(),
            member(i.member_id),
        ],
        Record::Purchase(p) => vec![
            customer.to_string(),
            format_date(p.date, lang),
            p.amount.format(lang),
            p.product.clone(),
            p.quantity.to_string(),
        ],
    }
}

/// The preview table of `plan`.
#[component]
pub fn PreviewTable(plan: Arc<Plan>) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    move || {
        let t = t.get();
        let lang = lang.get();
        let names = ws.member_names();
        let member = move |id: Option<crate::domain::id::Id>| {
            id.and_then(|id| names.get(&id).cloned())
                .unwrap_or_default()
        };
        let heads = headings(plan.kind, t);
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
                let body = match &row.record {
                    Some(r) => cells(r, &row.customer, t, lang, &member)
                        .into_iter()
                        .map(|c| view! { <td>{c}</td> })
                        .collect_view()
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
        view! {
            <div class="table-scroll" tabindex="0" role="region" aria-label=t.import_preview>
                <table class="data-table compact nowrap-table" data-testid="import-preview">
                    <caption class="muted small">{t.import_preview}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="num">{t.col_line}</th>
                            <th scope="col">{t.import_col_result}</th>
                            {heads.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
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
