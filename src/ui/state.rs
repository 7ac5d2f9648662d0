//! App-wide state, provided once at the top and read through `use_*` functions.
//!
//! - [`Workspace`]: the database connection, every customer summary (the index the list,
//!   palette and pages query), and the team.
//! - [`Prefs`]: language, theme, density and "me", persisted to localStorage on change.
//! - [`use_texts`]: the current language's messages.

use crate::domain::customer::Customer;
use crate::domain::error::AppError;
use crate::domain::i18n::{Lang, Texts};
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::list::{CustomerIndex, IndexBuilder};
use crate::domain::member::TeamMember;
use crate::domain::settings::Settings;
use crate::domain::summary::{CustomerSummary, Stamp};
use crate::store::{self, Db};
use leptos::prelude::*;
use std::collections::HashMap;

/// Where opening the workspace stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Opening the database and reading summaries.
    Opening,
    /// Waiting: an old version of the app in another tab holds up the upgrade.
    Blocked,
    /// Ready to use.
    Ready,
    /// Cannot continue (storage unavailable, damaged...).
    Failed(AppError),
    /// Another tab upgraded or reset the database; this tab must reload.
    Closed,
}

/// The open workspace: connection, customer index, team.
#[derive(Clone, Copy)]
pub struct Workspace {
    db: StoredValue<Option<Db>, LocalStorage>,
    /// Every customer summary with search keys; updated in place after each committed write.
    pub index: RwSignal<CustomerIndex, LocalStorage>,
    /// The team, in the order members were added.
    pub members: RwSignal<Vec<TeamMember>>,
    /// Opening status.
    pub status: RwSignal<Status>,

    /// Bumped whenever records change, so pages showing details reload.
    pub revision: RwSignal<u64>,
    /// Bumped when another tab announced a change (after this tab reloaded): open forms check
    /// whether their record was the one changed.
    pub remote: RwSignal<u64>,
    /// The stamp of the summaries last read from storage, with the revision they were read
    /// at: while the revision holds, the index is what the stamp describes.
    loaded: StoredValue<Option<(u64, Stamp)>>,
    /// The read of the kept analysis, started with the summaries' (see [`Self::take_kept`]).
    kept: StoredValue<Option<store::KeptRead>, LocalStorage>,
    /// Reads of the landing page's records started with the first load (see
    /// [`Self::take_early`]).
    early: StoredValue<Vec<store::EarlyRead>, LocalStorage>,
    /// Pages reading and painting their own records, which background work waits for (see
    /// [`Self::hold_background`]).
    foreground: StoredValue<u32>,
}

/// Background work waits while this is held (see [`Workspace::hold_background`]).
pub struct Foreground(Workspace);

impl Drop for Foreground {
    fn drop(&mut self) {
        self.0
            .foreground
            .try_update_value(|n| *n = n.saturating_sub(1));
    }
}

impl Workspace {
    fn new() -> Self {
        Workspace {
            db: StoredValue::new_local(None),
            index: RwSignal::new_local(CustomerIndex::default()),
            members: RwSignal::new(Vec::new()),
            status: RwSignal::new(Status::Opening),
            revision: RwSignal::new(0),
            remote: RwSignal::new(0),
            loaded: StoredValue::new(None),
            kept: StoredValue::new_local(None),
            early: StoredValue::new_local(Vec::new()),
            foreground: StoredValue::new(0),
        }
    }

    /// The read of every record of `kind` that the first load started for the landing page
    /// (see [`read_early`]), while nothing changed since the load.
    pub fn take_early(&self, kind: RecordKind) -> Option<store::EarlyRead> {
        let early = self.early.try_update_value(|all| {
            let at = all.iter().position(|e| e.kind() == kind)?;
            Some(all.swap_remove(at))
        })??;
        let current =
            self.loaded.with_value(|l| l.map(|(r, _)| r)) == Some(self.revision.get_untracked());
        current.then_some(early)
    }

    /// Holds start-up's background work (the customers' search keys) while a page reads and
    /// paints records of its own, until the guard is dropped: a large value (the leads' pack)
    /// comes off the disk in turns of this thread, which that work's slices delay several
    /// times over (at 50,000 leads the pack arrived 160–240 ms after it was asked instead
    /// of 40).
    pub fn hold_background(self) -> Foreground {
        self.foreground.update_value(|n| *n += 1);
        Foreground(self)
    }

    /// Waits while a page holds background work.
    async fn background_turn(self) {
        while self.foreground.try_get_value().unwrap_or(0) > 0 {
            crate::ui::clock::sleep(std::time::Duration::from_millis(16)).await;
        }
    }

    /// The read of the kept analysis as of today that the last load of the summaries started
    /// beside its own (large, and slow to come off the disk: read together, neither waits
    /// for the other), if not taken yet.
    pub fn take_kept(&self) -> Option<store::KeptRead> {
        self.kept.try_update_value(Option::take).flatten()
    }

    /// The stamp of the summaries in the index, if they are as read from storage (no change
    /// made here since).
    pub fn loaded_stamp(&self) -> Option<Stamp> {
        let revision = self.revision.get_untracked();
        self.loaded
            .get_value()
            .filter(|(r, _)| *r == revision)
            .map(|(_, s)| s)
    }

    /// The connection, once open.
    pub fn db(&self) -> Option<Db> {
        self.db.get_value()
    }

    /// Opens the database and loads the team and every summary.
    pub async fn open(self, name: &str) {
        let status = self.status;
        let db = match store::open(name, move || status.set(Status::Blocked)).await {
            Ok(db) => db,
            Err(e) => {
                status.set(Status::Failed(e));
                return;
            }
        };
        db.on_closed(move || status.set(Status::Closed));
        self.db.set_value(Some(db.clone()));
        match self.reload(&db).await {
            Ok(()) => status.set(Status::Ready),
            Err(e) => status.set(Status::Failed(e)),
        }
    }

    /// Reads the team and all summaries again (after another tab changed data).
    pub async fn reload(self, db: &Db) -> Result<(), AppError> {
        crate::ui::clock::mark("crm:load-start");
        let members = store::list_members(db).await?;
        // Once per page, while the summaries are read from disk: this task issues the read and
        // waits, and the warm-up and the download of the landing page's code run in that wait.
        static WARMED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if !WARMED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            let handed = FIRST_LOAD_TASK.with(|task| task.borrow_mut().take());
            leptos::task::spawn_local(async {
                drop(crate::domain::analysis::engine::warm_up(
                    crate::ui::clock::today(),
                ));
                crate::ui::clock::mark("crm:warm-up-done");
                if let Some(task) = handed {
                    task.await;
                    crate::ui::clock::mark("crm:first-load-task-done");
                }
            });
        }
        // The first load also reads the analysis kept from the last visit (later ones, after
        // another tab's change, are analysed anew), beside the summaries, and lets it arrive
        // before decoding them: a large value comes off the disk in turns of this thread,
        // which the decoding's slices would delay several times over (measured at 100,000
        // customers: 170 ms instead of 40).
        let kept = self
            .loaded
            .with_value(Option::is_none)
            .then(|| store::KeptRead::start(db, crate::domain::analysis::transfer::Which::Now));
        let chunks = store::read_chunks(db).await?;
        // The landing page's own records come off the disk while the summaries are decoded.
        let early: Vec<RecordKind> = EARLY_READS.with(|r| r.borrow_mut().drain(..).collect());
        self.early.set_value(
            early
                .into_iter()
                .filter_map(|kind| store::EarlyRead::start(db, kind))
                .collect(),
        );
        if let Some(kept) = kept {
            kept.arrived().await;
            self.kept.set_value(Some(kept));
        }
        let (rows, stamp) = store::decode_chunks(db, chunks, crate::ui::clock::next_tick).await?;
        crate::ui::clock::mark("crm:summaries-decoded");
        // The last slice of decoding, building the index in slices, the list's default order
        // and showing the list are turns of the page's thread of their own, not one long one
        // (at 300,000 customers about 60 ms of id lookup, 45 ms of sorting, 50 ms of rows).
        crate::ui::clock::next_tick().await;
        let mut builder = IndexBuilder::new(rows);
        while !builder.step(INDEX_ROWS) {
            crate::ui::clock::next_tick().await;
        }
        let index = builder.finish();
        crate::ui::clock::next_tick().await;
        index.warm_order(crate::domain::list::SortKey::Relevance);
        crate::ui::clock::next_tick().await;
        self.members.set(members);
        self.index.set(index);
        crate::ui::clock::mark("crm:index-ready");
        // Known before the revision's watchers run, so the analysis can look for a kept one.
        let revision = self.revision.get_untracked() + 1;
        self.loaded.set_value(stamp.map(|s| (revision, s)));
        self.revision.set(revision);
        // The search keys are built once the list is painted, before anyone types, a slice
        // at a time after other sliced work such as applying the classes (a search before
        // they are done finishes them).
        request_animation_frame(move || {
            leptos::task::spawn_local(async move {
                self.background_turn().await;
                while self.index.try_with_untracked(|ix| ix.warm_step(WARM_ROWS)) == Some(false) {
                    crate::ui::clock::later_tick().await;
                    self.background_turn().await;
                }
                crate::ui::clock::mark("crm:search-keys-built");
            });
        });
        // Chunks an earlier version of the app wrote are rewritten in the current format
        // once start-up has settled, one at a time between other work. Nothing is lost if
        // the page closes first: the next load finds the rest.
        let db = db.clone();
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    match store::upgrade_outdated_chunks(&db, crate::ui::clock::next_tick).await {
                        // Rows of older chunks were read without their open quotes.
                        Ok((_, quoted)) => self.apply(quoted),
                        Err(e) => leptos::logging::warn!("summary chunks not upgraded: {e}"),
                    }
                });
            },
            std::time::Duration::from_secs(2),
        );
        Ok(())
    }

    /// Puts fresh summaries into the index after a committed write, and tells other tabs.
    pub fn apply(self, rows: Vec<CustomerSummary>) {
        if rows.is_empty() {
            return;
        }
        self.index.update(|ix| {
            for r in rows {
                ix.upsert(r);
            }
        });
        self.changed();
    }

    /// Drops purged customers from the index.
    pub fn remove(self, ids: &[Id]) {
        self.index.update(|ix| {
            for id in ids {
                ix.remove(*id);
            }
        });
        self.changed();
    }

    /// Marks that records changed here: detail pages reload, other tabs refresh.
    pub fn changed(self) {
        self.revision.update(|r| *r += 1);
        store::notify_changed();
    }

    /// Display names of the team, for sorting and showing owners.
    pub fn member_names(self) -> HashMap<Id, String> {
        self.members
            .with(|ms| ms.iter().map(|m| (m.id, m.name.clone())).collect())
    }

    /// The members who have not left, in the order they were added: those who can be chosen
    /// as owners.
    pub fn active_member_ids(self) -> Vec<Id> {
        self.members
            .with(|ms| ms.iter().filter(|m| m.is_active()).map(|m| m.id).collect())
    }

    /// The members who can be chosen (as owner, as who did something): those who have not
    /// left, and `kept` (the one already chosen) even if they have.
    pub fn member_choices(self, kept: Option<Id>) -> Vec<(Option<Id>, String)> {
        self.members.with(|ms| {
            ms.iter()
                .filter(|m| m.is_active() || Some(m.id) == kept)
                .map(|m| (Some(m.id), m.name.clone()))
                .collect()
        })
    }

    /// A member's name.
    pub fn member_name(self, id: Option<Id>) -> Option<String> {
        let id = id?;
        self.members
            .with(|ms| ms.iter().find(|m| m.id == id).map(|m| m.name.clone()))
    }
}

/// Rows whose search keys are built in one go after start-up (about 15 ms on the reference
/// machine: each row's names are converted to pinyin).
const WARM_ROWS: usize = 5_000;

/// Rows taken into the index's id lookup per turn of the page's thread (about 20 ms).
const INDEX_ROWS: usize = 100_000;

thread_local! {
    /// The kinds the first load reads for the landing page (see [`read_early`]).
    static EARLY_READS: std::cell::RefCell<Vec<RecordKind>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Work handed to the first load of the summaries, to run in its wait (see [`during_first_load`]).
    static FIRST_LOAD_TASK: std::cell::RefCell<Option<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>>> =
        const { std::cell::RefCell::new(None) };
}

/// Has the first load read every record of `kinds` — what the landing page reads whole —
/// once the summaries are off the disk, for the page to take ([`Workspace::take_early`]).
pub fn read_early(kinds: &[RecordKind]) {
    EARLY_READS.with(|r| *r.borrow_mut() = kinds.to_vec());
}

/// Runs `task` while the first load waits for the summaries to come off the disk (the app hands
/// it the download of the landing page's code). Handed over rather than called from here, so
/// that code using the workspace does not link the lazily loaded pages.
pub fn during_first_load(task: impl std::future::Future<Output = ()> + 'static) {
    FIRST_LOAD_TASK.with(|slot| *slot.borrow_mut() = Some(Box::pin(task)));
}

/// Creates the workspace and provides it to every component below.
pub fn provide_workspace() -> Workspace {
    let ws = Workspace::new();
    provide_context(ws);
    ws
}

/// The workspace.
pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}

/// The user's preferences, saved to localStorage whenever they change.
#[derive(Clone, Copy)]
pub struct Prefs(pub RwSignal<Settings>);

/// Loads preferences and provides them.
pub fn provide_prefs() -> Prefs {
    let prefs = Prefs(RwSignal::new(store::load_settings()));
    Effect::new(move |_| {
        let s = prefs.0.get();
        store::save_settings(&s);
    });
    provide_context(prefs);
    prefs
}

/// The preferences.
pub fn use_prefs() -> Prefs {
    expect_context::<Prefs>()
}

impl Prefs {
    /// The current language.
    pub fn lang(self) -> Signal<Lang> {
        let s = self.0;
        Signal::derive(move || s.with(|s| s.lang))
    }
}

/// The current language's messages; read it inside reactive closures
/// (`move || t.get().save`) so text follows a language switch.
pub fn use_texts() -> Signal<&'static Texts> {
    let prefs = use_prefs();
    Signal::derive(move || prefs.0.with(|s| s.lang.texts()))
}

/// The current language.
pub fn use_lang() -> Signal<Lang> {
    use_prefs().lang()
}

/// A copy of a customer with a change applied and `updated_at` stamped, for one-field edits.
pub fn edited(customer: &Customer, change: impl FnOnce(&mut Customer)) -> Customer {
    let mut c = customer.clone();
    change(&mut c);
    c.updated_at = crate::ui::clock::now();
    c
}
