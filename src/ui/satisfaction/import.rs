//! Importing responses to a survey from a CSV file: the template to fill in, the file read and
//! checked row by row, what will be imported and what will not (with line, column and reason,
//! downloadable), then one transaction that stores all the good rows or nothing.

use crate::domain::export::{Cell, csv};
use crate::domain::id::Id;
use crate::domain::satisfaction::Survey;
use crate::domain::satisfaction::import::{self, FileProblem, Lookup, Parsed};
use crate::store;
use crate::ui::clock;
use crate::ui::download::download;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::text_file::read_text;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// Errors listed on screen; the report has them all.
const SHOWN_ERRORS: usize = 50;

/// What reading the chosen file gave.
#[derive(Clone)]
enum Read {
    Refused(FileProblem),
    Parsed(std::sync::Arc<Parsed>),
}

/// The file's text, in whichever encoding the spreadsheet wrote it.
async fn file_text(file: web_sys::File) -> Result<String, FileProblem> {
    let (_, text) = read_text(file, import::MAX_BYTES).await?;
    Ok(text)
}

/// The import section for `survey`.
#[component]
pub fn ImportResponses(survey: Survey) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let read = RwSignal::new(None::<Read>);
    let busy = RwSignal::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let survey = StoredValue::new(survey);

    let template = move |_| {
        let lang = lang.get_untracked();
        let (name, header) =
            survey.with_value(|s| (s.name.clone(), import::template_header(s, lang)));
        let headers: Vec<&str> = header.iter().map(String::as_str).collect();
        let text = csv(&headers, std::iter::empty::<Vec<Cell>>());
        download(&format!("{name}.csv"), "text/csv;charset=utf-8", &text);
    };

    let on_file = move |_| {
        let Some(file) = input_ref
            .get()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        busy.set(true);
        read.set(None);
        spawn_local(async move {
            let result = match file_text(file).await {
                Err(p) => Read::Refused(p),
                Ok(text) => {
                    {
                        // Customers by exact name (several may share one) and by id.
                        let (by_name, ids) = ws.index.with_untracked(|ix| {
                            let mut by_name: HashMap<String, Vec<Id>> = HashMap::new();
                            let mut ids = std::collections::HashSet::new();
                            for s in ix.rows().iter().filter(|s| s.deleted_at.is_none()) {
                                by_name
                                    .entry(s.name.trim().to_string())
                                    .or_default()
                                    .push(s.id);
                                ids.insert(s.id);
                            }
                            (by_name, ids)
                        });
                        let find = |cell: &str| -> Lookup {
                            if let Ok(id) = cell.parse::<Id>()
                                && ids.contains(&id)
                            {
                                return Lookup::Found(id);
                            }
                            match by_name.get(cell).map(Vec::as_slice) {
                                Some([id]) => Lookup::Found(*id),
                                Some(many) if many.len() > 1 => Lookup::Ambiguous(many.len()),
                                _ => Lookup::Missing,
                            }
                        };
                        let parsed = survey.with_value(|s| {
                            import::parse(&text, s, find, clock::today(), clock::now())
                        });
                        match parsed {
                            Ok(p) => Read::Parsed(std::sync::Arc::new(p)),
                            Err(p) => Read::Refused(p),
                        }
                    }
                }
            };
            read.try_set(Some(result));
            busy.try_set(false);
        });
    };

    let reset = move || {
        read.set(None);
        if let Some(i) = input_ref.get_untracked() {
            i.set_value("");
        }
    };

    let commit = move |_| {
        let Some(Read::Parsed(p)) = read.get_untracked() else {
            return;
        };
        let Some(db) = ws.db() else { return };
        busy.set(true);
        spawn_local(async move {
            match store::save_responses(&db, &p.responses).await {
                Ok(()) => {
                    ws.changed();
                    toasts.info((t.get_untracked().imported)(p.responses.len()));
                    reset();
                }
                Err(e) => toasts.error(&e),
            }
            busy.try_set(false);
        });
    };

    let report = move |_| {
        let Some(Read::Parsed(p)) = read.get_untracked() else {
            return;
        };
        let t = t.get_untracked();
        let rows = p.errors.iter().map(|e| {
            vec![
                Cell::text(e.line.to_string()),
                Cell::text(e.column.clone().unwrap_or_default()),
                Cell::text(e.problem.message(t)),
            ]
        });
        let text = csv(&[t.col_line, t.col_column, t.col_reason], rows);
        download("errors.csv", "text/csv;charset=utf-8", &text);
    };

    view! {
        <section class="panel" aria-labelledby="import-heading" data-testid="import-responses">
            <header class="panel-header">
                <h2 id="import-heading">{move || t.get().import_title}</h2>
                <button type="button" class="btn btn-small" data-testid="download-template" on:click=template>
                    <Icon icon=lu::LuDownload />
                    {move || t.get().download_template}
                </button>
            </header>
            <p class="muted small">{move || t.get().import_hint}</p>
            <label class="btn file-pick">
                <Icon icon=lu::LuUpload />
                <span>{move || t.get().choose_file}</span>
                <input
                    node_ref=input_ref
                    type="file"
                    class="sr-only"
                    accept=".csv,.txt,text/csv"
                    data-testid="import-file"
                    on:change=on_file
                />
            </label>
            {move || busy.get().then(|| view! { <p class="muted" role="status">{t.get().loading}</p> })}
            {move || read.get().map(|r| {
                let t = t.get();
                match r {
                    Read::Refused(p) => view! { <p class="form-error" role="alert" data-testid="import-refused">{p.message(t)}</p> }.into_any(),
                    Read::Parsed(p) => {
                        let bad_rows = p.errors.iter().map(|e| e.line).collect::<std::collections::BTreeSet<_>>().len();
                        let ok = p.responses.len();
                        let more = p.errors.len().saturating_sub(SHOWN_ERRORS);
                        view! {
                            <p role="status" data-testid="import-summary">{(t.import_ready)(ok, bad_rows)}</p>
                            {(!p.unknown.is_empty()).then(|| view! { <p class="muted small">{(t.ignored_columns)(p.unknown.join(", "))}</p> })}
                            {(!p.errors.is_empty()).then(|| view! {
                                <h3 class="subhead">{t.import_errors_title}</h3>
                                <div class="table-scroll" tabindex="0" role="region" aria-label=t.import_errors_title>
                                    <table class="data-table compact" data-testid="import-errors">
                                        <thead><tr><th scope="col" class="num">{t.col_line}</th><th scope="col">{t.col_column}</th><th scope="col">{t.col_reason}</th></tr></thead>
                                        <tbody>
                                            {p.errors.iter().take(SHOWN_ERRORS).map(|e| view! {
                                                <tr><td class="num">{e.line}</td><td>{e.column.clone().unwrap_or_default()}</td><td>{e.problem.message(t)}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {(more > 0).then(|| view! { <p class="muted small">{(t.more_errors)(more)}</p> })}
                                <button type="button" class="btn btn-small" on:click=report>
                                    <Icon icon=lu::LuDownload />
                                    {t.download_errors}
                                </button>
                            })}
                            <div class="form-actions">
                                <button type="button" class="btn" on:click=move |_| reset()>{t.cancel}</button>
                                {if ok > 0 {
                                    view! { <button type="button" class="btn btn-primary" data-testid="import-commit" disabled=move || busy.get() on:click=commit>{(t.import_do)(ok)}</button> }.into_any()
                                } else {
                                    view! { <span class="muted">{t.import_nothing}</span> }.into_any()
                                }}
                            </div>
                        }.into_any()
                    }
                }
            })}
        </section>
    }
}
