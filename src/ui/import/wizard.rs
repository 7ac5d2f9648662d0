//! The wizard's state and what each step does: plain methods on a `Copy` handle of signals,
//! so the components only render and call them.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::import::batch::ImportBatch;
use crate::domain::import::cards;
use crate::domain::import::mapping::{auto, guess_kind};
use crate::domain::import::table::{self, Table};
use crate::domain::import::{
    Encoding, FileProblem, Kind, MAX_BYTES, Mapping, Plan, Planner, Policy, Target,
};
use crate::store::{self, ImportEnd};
use crate::ui::clock;
use crate::ui::state::{Prefs, Workspace, use_prefs, use_workspace};
use crate::ui::text_file::read_text;
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Rows checked between two repaints.
const CHECK_SLICE: usize = 2_000;

/// A file read into a table.
pub struct Loaded {
    pub file_name: String,
    pub encoding: Encoding,
    pub table: Table,
}

/// How the last import ended, for the summary.
#[derive(Clone)]
pub struct Finished {
    pub batch: Arc<ImportBatch>,
    pub plan: Arc<Plan>,
}

/// The wizard's state.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub reading: RwSignal<bool>,
    pub refused: RwSignal<Option<FileProblem>>,
    pub loaded: RwSignal<Option<Arc<Loaded>>>,
    pub kind: RwSignal<Kind>,
    pub mapping: RwSignal<Mapping>,
    pub policy: RwSignal<Policy>,
    /// Rows checked of all, while checking.
    pub checking: RwSignal<Option<(usize, usize)>>,
    pub plan: RwSignal<Option<Arc<Plan>>>,
    /// Records written of all, while importing.
    pub writing: RwSignal<Option<(usize, usize)>>,
    pub cancel_requested: RwSignal<bool>,
    pub finished: RwSignal<Option<Finished>>,
    /// Why the last import failed.
    pub failure: RwSignal<Option<String>>,
    /// Bumped after every import or undo, so the journal reloads.
    pub journal_version: RwSignal<u32>,
    /// Bumped by every new check: a running check that sees a newer one stops.
    generation: StoredValue<u64>,
    ws: Workspace,
    toasts: Toasts,
    /// The app's preferences (they outlive this page): messages of an import that ends after
    /// the user left the page still come in their language.
    prefs: Prefs,
}

impl Wizard {
    pub fn new() -> Self {
        Wizard {
            reading: RwSignal::new(false),
            refused: RwSignal::new(None),
            loaded: RwSignal::new(None),
            kind: RwSignal::new(Kind::Customers),
            mapping: RwSignal::new(Mapping::default()),
            policy: RwSignal::new(Policy::Skip),
            checking: RwSignal::new(None),
            plan: RwSignal::new(None),
            writing: RwSignal::new(None),
            cancel_requested: RwSignal::new(false),
            finished: RwSignal::new(None),
            failure: RwSignal::new(None),
            journal_version: RwSignal::new(0),
            generation: StoredValue::new(0),
            ws: use_workspace(),
            toasts: use_toasts(),
            prefs: use_prefs(),
        }
    }

    /// Back to the start.
    pub fn reset(self) {
        self.generation.update_value(|g| *g += 1);
        self.refused.set(None);
        self.loaded.set(None);
        self.plan.set(None);
        self.checking.set(None);
        self.writing.set(None);
        self.finished.set(None);
        self.failure.set(None);
    }

    /// Reads `file`: its encoding, its table, a first guess at its kind and mapping; then
    /// checks it.
    pub fn open(self, file: web_sys::File) {
        self.reset();
        self.reading.set(true);
        spawn_local(async move {
            let name = file.name();
            let read = read_file(file).await;
            self.reading.set(false);
            match read {
                Err(p) => self.refused.set(Some(p)),
                Ok((encoding, table)) => {
                    // Business cards are leads until the user says otherwise.
                    let kind = if table.cards {
                        Kind::Leads
                    } else {
                        guess_kind(&table.header)
                    };
                    self.kind.set(kind);
                    self.mapping.set(auto(kind, &table.header));
                    self.loaded.set(Some(Arc::new(Loaded {
                        file_name: name,
                        encoding,
                        table,
                    })));
                    self.check();
                }
            }
        });
    }

    /// The file holds records of `kind`: map its columns afresh and check again.
    pub fn set_kind(self, kind: Kind) {
        let Some(loaded) = self.loaded.get_untracked() else {
            return;
        };
        self.kind.set(kind);
        self.mapping.set(auto(kind, &loaded.table.header));
        self.check();
    }

    /// Column `i` fills `target`.
    pub fn set_column(self, i: usize, target: Option<Target>) {
        self.mapping.update(|m| m.set(i, target));
        self.check();
    }

    pub fn set_policy(self, policy: Policy) {
        self.policy.set(policy);
        self.check();
    }

    /// Checks every row against what is stored, a slice at a time so the page stays
    /// responsive; a newer check (the mapping changed meanwhile) supersedes this one.
    pub fn check(self) {
        self.plan.set(None);
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let (Some(loaded), Some(db)) = (self.loaded.get_untracked(), self.ws.db()) else {
            return;
        };
        let kind = self.kind.get_untracked();
        let mapping = self.mapping.get_untracked();
        if !mapping.missing(kind).is_empty() || !mapping.repeated().is_empty() {
            self.checking.set(None);
            return;
        }
        let policy = self.policy.get_untracked();
        let total = loaded.table.rows.len();
        self.checking.set(Some((0, total)));
        spawn_local(async move {
            let existing = match store::import_context(&db, kind).await {
                Ok(e) => e,
                Err(e) => {
                    self.toasts.error(&e);
                    self.checking.set(None);
                    return;
                }
            };
            let mut planner = Planner::new(
                kind,
                loaded.table.header.clone(),
                mapping,
                policy,
                existing,
                clock::now(),
                clock::zone(),
            );
            for slice in loaded.table.rows.chunks(CHECK_SLICE) {
                planner.feed(slice);
                self.checking.set(Some((planner.rows(), total)));
                clock::next_tick().await;
                if self.generation.try_get_value() != Some(generation) {
                    return;
                }
            }
            self.checking.set(None);
            self.plan.set(Some(Arc::new(planner.finish())));
        });
    }

    /// Writes the checked plan as one batch, with progress and Cancel.
    pub fn run(self) {
        let (Some(plan), Some(loaded), Some(db)) = (
            self.plan.get_untracked(),
            self.loaded.get_untracked(),
            self.ws.db(),
        ) else {
            return;
        };
        let batch = plan.batch(Id::generate(), &loaded.file_name);
        self.cancel_requested.set(false);
        self.failure.set(None);
        self.writing.set(Some((0, plan.writes.len())));
        spawn_local(async move {
            let end = store::write_import(
                &db,
                &plan,
                &batch,
                |done, total| self.writing.set(Some((done, total))),
                // The import goes on if the user leaves the page (its signals are then gone).
                || self.cancel_requested.try_get_untracked().unwrap_or(false),
            )
            .await;
            self.writing.set(None);
            let t = self.texts();
            match end {
                Ok(ImportEnd::Done(rows)) => {
                    self.ws.apply(rows);
                    self.finished.set(Some(Finished {
                        batch: Arc::new(batch),
                        plan,
                    }));
                    self.journal_version.update(|v| *v += 1);
                }
                Ok(ImportEnd::Cancelled) => self.toasts.info(t.import_cancelled),
                Err(e) => self.failure.set(Some(e.message(t))),
            }
        });
    }

    /// The messages in the user's language.
    fn texts(self) -> &'static Texts {
        self.prefs.0.with_untracked(|s| s.lang.texts())
    }

    pub fn cancel(self) {
        self.cancel_requested.set(true);
    }

    /// Undoes import `id`.
    pub fn undo(self, id: Id) {
        let Some(db) = self.ws.db() else { return };
        spawn_local(async move {
            match store::undo_import(&db, id, clock::now()).await {
                Ok(undone) => {
                    self.ws.remove(&undone.removed);
                    self.ws.apply(undone.summaries);
                    let r = undone.report;
                    let t = self.texts();
                    self.toasts
                        .info((t.import_undone_report)(r.removed, r.restored, r.kept));
                    self.journal_version.update(|v| *v += 1);
                    self.finished.update(|f| {
                        if let Some(f) = f
                            && f.batch.id == id
                        {
                            let mut b = (*f.batch).clone();
                            b.undone_at = Some(clock::now());
                            f.batch = Arc::new(b);
                        }
                    });
                }
                Err(e) => self.toasts.error(&e),
            }
        });
    }
}

/// Reads a picked or dropped file into a table: size, encoding, text, rows (or cards).
async fn read_file(file: web_sys::File) -> Result<(Encoding, Table), FileProblem> {
    let (encoding, text) = read_text(file, MAX_BYTES).await?;
    let table = if cards::is_vcard(&text) {
        cards::table(&text)?
    } else {
        table::read(&text)?
    };
    Ok((encoding, table))
}
