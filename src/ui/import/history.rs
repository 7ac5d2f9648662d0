//! The journal of earlier imports, each with its outcome and an Undo button.

use super::preview::count;
use super::wizard::Wizard;
use crate::domain::id::Id;
use crate::domain::time::format_datetime;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use leptos::prelude::*;

/// Every import, newest first.
#[component]
pub fn ImportHistory(wizard: Wizard) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let journal = LocalResource::new(move || {
        wizard.journal_version.track();
        ws.revision.track();
        let db = ws.db();
        async move {
            match db {
                Some(db) => store::list_imports(&db).await.unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let question = RwSignal::new(None::<String>);
    let undoing = StoredValue::new(None::<Id>);
    let confirm = Callback::new(move |_| {
        if let Some(id) = undoing.get_value() {
            wizard.undo(id);
        }
        question.set(None);
    });
    view! {
        <section class="panel" aria-labelledby="import-history-title">
            <h2 id="import-history-title">{move || t.get().import_history}</h2>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || journal.get().map(|batches| {
                    let t = t.get();
                    let lang = lang.get();
                    if batches.is_empty() {
                        return view! { <p class="muted" data-testid="import-history-empty">{t.import_history_empty}</p> }.into_any();
                    }
                    let rows = batches.iter().map(|b| {
                        let id = b.id;
                        let c = b.counts;
                        let when = format_datetime(clock::local(b.at), lang);
                        let outcome = (t.import_counts)(c.created, c.updated, c.skipped, c.failed);
                        let status = match b.undone_at {
                            Some(_) => view! { <span class="pill">{t.import_undone}</span> }.into_any(),
                            None if b.can_undo() => view! {
                                <button class="btn btn-small" data-testid="import-undo-row" on:click=move |_| {
                                    undoing.set_value(Some(id));
                                    question.set(Some(t.import_undo_confirm.to_string()));
                                }>{t.undo}</button>
                            }.into_any(),
                            None => ().into_any(),
                        };
                        view! {
                            <tr>
                                <td>{when}</td>
                                <td class="sample-cell">{b.file_name.clone()}</td>
                                <td>{b.kind.label(t)}</td>
                                <td>{outcome}</td>
                                <td class="num">{count(c.created + c.updated)}</td>
                                <td>{status}</td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=t.import_history>
                            <table class="data-table compact nowrap-table" data-testid="import-history">
                                <thead>
                                    <tr>
                                        <th scope="col">{t.col_when}</th>
                                        <th scope="col">{t.col_file}</th>
                                        <th scope="col">{t.import_kind}</th>
                                        <th scope="col">{t.col_outcome}</th>
                                        <th scope="col" class="num">{t.col_records}</th>
                                        <th scope="col"><span class="sr-only">{t.undo}</span></th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }.into_any()
                })}
            </Transition>
            <Confirm question=question confirm_label=Signal::derive(move || t.get().import_undo.to_string()) on_confirm=confirm />
        </section>
    }
}
