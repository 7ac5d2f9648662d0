//! The import page: the wizard's steps one after the other, and the journal below.

use super::drop_zone::DropZone;
use super::history::ImportHistory;
use super::mapping::MappingTable;
use super::preview::{ErrorTable, MatchedTable, PreviewTable, SkippedTable, count};
use super::wizard::Wizard;
use crate::domain::import::{Kind, Policy};
use crate::ui::download::download;
use crate::ui::state::use_texts;
use leptos::prelude::*;

/// The page at `/import`.
#[component]
pub fn ImportPage() -> impl IntoView {
    let t = use_texts();
    let wizard = Wizard::new();
    let busy = move || wizard.writing.with(Option::is_some);
    view! {
        <section class="page page-import">
            <header class="page-header">
                <div>
                    <h1>{move || t.get().csv_import_title}</h1>
                    <p class="page-sub">{move || t.get().import_intro}</p>
                </div>
            </header>
            {move || {
                if let Some(f) = wizard.finished.get() {
                    view! { <FinishedPanel wizard finished=f /> }.into_any()
                } else if busy() {
                    view! { <WritingPanel wizard /> }.into_any()
                } else if wizard.loaded.with(Option::is_some) {
                    view! { <PlanSteps wizard /> }.into_any()
                } else {
                    view! { <ChooseFile wizard /> }.into_any()
                }
            }}
            <ImportHistory wizard />
        </section>
    }
}

/// Step 1: the file.
#[component]
fn ChooseFile(wizard: Wizard) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="panel">
            <DropZone on_file=Callback::new(move |f| wizard.open(f)) />
            <Show when=move || wizard.reading.get()>
                <p class="muted" role="status">{move || t.get().import_reading}</p>
            </Show>
            {move || wizard.refused.get().map(|p| view! {
                <p class="form-error" role="alert" data-testid="import-refused">{p.message(t.get())}</p>
            })}
        </section>
    }
}

/// Steps 2 and 3: what the file holds, its columns, duplicates, and the checked plan.
#[component]
fn PlanSteps(wizard: Wizard) -> impl IntoView {
    let t = use_texts();
    let file_info = move || {
        wizard.loaded.get().map(|l| {
            (t.get().import_file_info)(&l.file_name, l.encoding.name(), l.table.rows.len())
        })
    };
    view! {
        <section class="panel import-steps">
            <div class="import-file">
                <p data-testid="import-file-info"><strong>{file_info}</strong></p>
                <button class="btn btn-small" on:click=move |_| wizard.reset()>{move || t.get().import_another}</button>
            </div>
            <fieldset class="choice-row">
                <legend>{move || t.get().import_kind}</legend>
                {Kind::ALL.into_iter().map(|k| view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name="import-kind"
                            value=k.key()
                            data-testid=format!("import-kind-{}", k.key())
                            prop:checked=move || wizard.kind.get() == k
                            on:change=move |_| wizard.set_kind(k)
                        />
                        <span>{move || k.label(t.get())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <h2 class="subhead">{move || t.get().import_mapping}</h2>
            <MappingTable wizard />
            {move || {
                let t = t.get();
                let kind = wizard.kind.get();
                let (missing, repeated) = wizard.mapping.with(|m| (m.missing(kind), m.repeated()));
                let names = |list: Vec<crate::domain::import::Target>| {
                    list.iter().map(|x| x.label(t)).collect::<Vec<_>>().join(if std::ptr::eq(t, &crate::domain::i18n::EN) { ", " } else { "、" })
                };
                view! {
                    {(!missing.is_empty()).then(|| view! { <p class="field-msg" role="alert" data-testid="import-missing">{(t.import_missing)(names(missing))}</p> })}
                    {(!repeated.is_empty()).then(|| view! { <p class="field-msg" role="alert">{(t.import_repeated)(names(repeated))}</p> })}
                }
            }}
            <fieldset class="choice-row">
                <legend>{move || t.get().import_duplicates}</legend>
                {Policy::ALL.into_iter().map(|p| view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name="import-policy"
                            value=p.key()
                            data-testid=format!("import-policy-{}", p.key())
                            prop:checked=move || wizard.policy.get() == p
                            on:change=move |_| wizard.set_policy(p)
                        />
                        <span>{move || p.label(t.get())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="muted small">{move || t.get().import_duplicates_hint}</p>
            <PlanPanel wizard />
        </section>
    }
}

/// The checked plan: its counts, preview, errors, and the Import button.
#[component]
fn PlanPanel(wizard: Wizard) -> impl IntoView {
    let t = use_texts();
    move || {
        if let Some((done, total)) = wizard.checking.get() {
            return view! {
                <div class="import-progress" role="status">
                    <p>{move || t.get().import_checking}</p>
                    <progress max=total value=done></progress>
                    <p class="muted small">{(t.get().import_check_progress)(done, total)}</p>
                </div>
            }
            .into_any();
        }
        let Some(plan) = wizard.plan.get() else {
            return ().into_any();
        };
        let c = plan.counts;
        let n = plan.writes.len();
        let report_plan = plan.clone();
        let report = move |_| {
            let text = report_plan.error_report(t.get_untracked());
            download("import-errors.csv", "text/csv;charset=utf-8", &text);
        };
        let tt = t.get();
        view! {
            <p class="import-summary" role="status" data-testid="import-plan">{(tt.import_will)(c.created, c.updated, c.skipped, c.failed)}</p>
            <PreviewTable plan=plan.clone() />
            {(!plan.matched.is_empty()).then(|| view! { <MatchedTable plan=plan.clone() /> })}
            {(!plan.skipped.is_empty()).then(|| view! { <SkippedTable plan=plan.clone() /> })}
            {(!plan.errors.is_empty()).then(|| view! {
                <ErrorTable plan=plan.clone() />
                <button class="btn btn-small" data-testid="import-error-report" on:click=report>{tt.import_error_report}</button>
            })}
            {wizard.failure.get().map(|m| view! {
                <p class="form-error" role="alert" data-testid="import-failed">{format!("{} {m}", tt.import_failed)}</p>
            })}
            <div class="form-actions">
                {if n > 0 {
                    view! { <button class="btn btn-primary" data-testid="import-go" on:click=move |_| wizard.run()>{(tt.import_go)(n)}</button> }.into_any()
                } else {
                    view! { <span class="muted">{tt.csv_nothing}</span> }.into_any()
                }}
            </div>
        }
        .into_any()
    }
}

/// Step 4: writing, with progress and Cancel.
#[component]
fn WritingPanel(wizard: Wizard) -> impl IntoView {
    let t = use_texts();
    view! {
        <section class="panel import-progress" aria-live="polite">
            <h2>{move || t.get().import_writing}</h2>
            {move || wizard.writing.get().map(|(done, total)| view! {
                <progress max=total value=done data-testid="import-progress"></progress>
                <p class="muted small" role="status">{(t.get().import_progress)(done, total)}</p>
            })}
            <div class="form-actions">
                <button
                    class="btn"
                    data-testid="import-cancel"
                    disabled=move || wizard.cancel_requested.get()
                    on:click=move |_| wizard.cancel()
                >
                    {move || t.get().cancel}
                </button>
            </div>
        </section>
    }
}

/// Step 5: what was imported, the error report, and Undo.
#[component]
fn FinishedPanel(wizard: Wizard, finished: super::wizard::Finished) -> impl IntoView {
    let t = use_texts();
    let b = finished.batch.clone();
    let plan = finished.plan.clone();
    let report = move |_| {
        let text = plan.error_report(t.get_untracked());
        download("import-errors.csv", "text/csv;charset=utf-8", &text);
    };
    let has_errors = !finished.plan.errors.is_empty();
    let skipped = (!finished.plan.skipped.is_empty()).then(|| finished.plan.clone());
    let c = b.counts;
    let id = b.id;
    let undone = b.undone_at.is_some();
    let leads = finished.plan.kind == Kind::Leads && !undone;
    let products = finished.plan.kind == Kind::Products && !undone;
    let question = RwSignal::new(None::<String>);
    view! {
        <section class="panel import-finished" data-testid="import-finished">
            <h2>{move || t.get().import_done_title}</h2>
            <div class="totals import-totals">
                <div class="stat"><span class="stat-label">{move || crate::domain::import::plan::Action::Create.label(t.get())}</span><span class="stat-value" data-testid="import-created">{count(c.created)}</span></div>
                <div class="stat"><span class="stat-label">{move || crate::domain::import::plan::Action::Update.label(t.get())}</span><span class="stat-value" data-testid="import-updated">{count(c.updated)}</span></div>
                <div class="stat"><span class="stat-label">{move || crate::domain::import::plan::Action::Skip.label(t.get())}</span><span class="stat-value" data-testid="import-skipped">{count(c.skipped)}</span></div>
                <div class="stat"><span class="stat-label">{move || crate::domain::import::plan::Action::Fail.label(t.get())}</span><span class="stat-value" data-testid="import-failed-count">{count(c.failed)}</span></div>
            </div>
            {skipped.map(|plan| view! { <SkippedTable plan /> })}
            <div class="form-actions">
                {has_errors.then(|| view! { <button class="btn" data-testid="import-error-report" on:click=report>{move || t.get().import_error_report}</button> })}
                {if undone {
                    view! { <span class="pill" data-testid="import-undone">{move || t.get().import_undone}</span> }.into_any()
                } else {
                    view! { <button class="btn btn-danger-soft" data-testid="import-undo" on:click=move |_| question.set(Some(t.get_untracked().import_undo_confirm.to_string()))>{move || t.get().import_undo}</button> }.into_any()
                }}
                {leads.then(|| view! {
                    <a class="btn" data-testid="import-open-leads" href=crate::ui::routes::Page::Leads.path()>{move || t.get().import_open_leads}</a>
                })}
                {products.then(|| view! {
                    <a class="btn" data-testid="import-open-products" href=crate::ui::routes::Page::Products.path()>{move || t.get().import_open_products}</a>
                })}
                <button class="btn btn-primary" data-testid="import-another" on:click=move |_| wizard.reset()>{move || t.get().import_another}</button>
            </div>
            <crate::ui::widgets::confirm::Confirm
                question=question
                confirm_label=Signal::derive(move || t.get().import_undo.to_string())
                on_confirm=Callback::new(move |_| { question.set(None); wizard.undo(id); })
            />
        </section>
    }
}
