//! The analysis of the whole customer base, recomputed whenever records or analysis settings
//! change, plus the same analysis at the start of the period (for movements).

use super::thread::AnalysisThread;
use crate::domain::analysis::bgnbd::BgNbd;
use crate::domain::analysis::config::AnalysisConfig;
use crate::domain::analysis::engine::{Analysis, CustomerClasses, Models, analyse};
use crate::domain::analysis::gamma_gamma::GammaGamma;
use crate::domain::analysis::history::quarter_ends;
use crate::domain::analysis::transfer::{self, Answer, AnswerReader, Request, Unreadable, Which};
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;
use crate::store::{self, Db};
use crate::ui::clock;
use crate::ui::state::{Workspace, use_workspace};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Length of the period whose movements the dashboard shows, in days.
pub const PERIOD_DAYS: u64 = 90;

/// How long after a load of the summaries the kept analysis is checked, and made again in
/// the analysis thread if it does not describe them: after the list is painted and the
/// first analysis applied, soon enough that a visit of a few seconds leaves one kept for
/// the next start-up (the thread works beside the page, which goes on slicing its work).
const KEEP_AFTER: Duration = Duration::from_millis(500);

/// How long the analysis thread stays without work before it is ended, giving back its
/// memory (the next analysis starts it again).
const IDLE_FOR: Duration = Duration::from_secs(30);

/// The analysis state.
#[derive(Clone, Copy)]
pub struct Insights {
    /// The user's analysis settings (saved on change).
    pub config: RwSignal<AnalysisConfig>,
    /// The analysis as of the calibration date (today).
    pub now: RwSignal<Arc<Analysis>>,
    /// The same base analysed at the start of the period, with the same models.
    pub before: RwSignal<Arc<Analysis>>,
    /// How long the last full recompute took, in milliseconds (asked to applied).
    pub last_ms: RwSignal<f64>,
    /// Components on screen that show the analysis; none: nothing is computed.
    users: RwSignal<u32>,
    /// The records changed while nobody was looking: recompute when someone does.
    stale: StoredValue<bool>,
    /// The workspace analysed (kept here: recomputes run from timers, outside any component).
    ws: Workspace,
    /// The analysis thread, while it runs: started when first needed, ended when idle.
    thread: StoredValue<Option<Rc<AnalysisThread>>, LocalStorage>,
    /// Whether the thread failed (it is not started again; the analysis runs on this thread).
    thread_failed: StoredValue<bool>,
    /// Requests sent to the thread and not yet done.
    in_flight: StoredValue<u32>,
    /// Ends the thread once idle.
    idle: StoredValue<Option<TimeoutHandle>>,
    /// Number of the newest analysis asked for (of the thread, or of storage); answers to
    /// older ones are dropped.
    seq: StoredValue<u32>,
    /// The workspace revision and settings the newest analysis (asked for or made) describes:
    /// a change that leaves both as they were needs no new analysis.
    covers: StoredValue<Option<(u64, AnalysisConfig)>>,
    /// When the newest request was sent (ms since the epoch).
    asked_at: StoredValue<f64>,
    /// The recompute waiting for a burst of changes to settle.
    pending: StoredValue<Option<TimeoutHandle>>,
}

impl Insights {
    /// Declares that the calling component shows the analysis (for as long as it is mounted),
    /// so it is computed and kept current.
    pub fn require(self) {
        self.users.update(|n| *n += 1);
        on_cleanup(move || self.users.update(|n| *n = n.saturating_sub(1)));
    }

    /// As [`Insights::require`], from the moment `ready` first holds: for a page whose own
    /// records come first and that uses the analysis only afterwards (the leads list scores
    /// its leads with the classes once it is painted), so the first analysis does not
    /// compete with them.
    pub fn require_once(self, ready: impl Fn() -> bool + Send + Sync + 'static) {
        let held = Arc::new(AtomicBool::new(false));
        let holds = held.clone();
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            if !ready() {
                return false;
            }
            holds.store(true, Ordering::Relaxed);
            self.users.update(|n| *n += 1);
            true
        });
        on_cleanup(move || {
            if held.load(Ordering::Relaxed) {
                self.users.update(|n| *n = n.saturating_sub(1));
            }
        });
    }

    /// A customer's classes at the ends of the last `n` quarters, newest first (each date
    /// analyses the whole base as it stood then, with today's fitted models).
    pub fn history(self, id: Id, n: usize) -> Vec<(NaiveDate, Option<CustomerClasses>)> {
        let ws = self.ws;
        let cfg = self.config.get_untracked();
        let (p, s) = self.now.with_untracked(|a| a.model_params());
        ws.index.with_untracked(|ix| {
            let rows: Vec<&CustomerSummary> = ix
                .rows()
                .iter()
                .filter(|r| r.deleted_at.is_none())
                .collect();
            quarter_ends(cfg.as_of(clock::today()), n)
                .into_iter()
                .map(|date| {
                    let a = analyse(&rows, date, &cfg, Models::Use(p, s));
                    (date, a.get(id).cloned())
                })
                .collect()
        })
    }

    /// Recomputes after changes settle, so a burst of edits costs one recompute.
    fn schedule(self) {
        if let Some(h) = self.pending.get_value() {
            h.clear();
        }
        // The first analysis is not waited for: there is no burst of edits to gather.
        let first = self.now.with_untracked(|a| a.as_of.is_none());
        let delay = if first {
            Duration::ZERO
        } else {
            Duration::from_millis(120)
        };
        let handle = set_timeout_with_handle(move || recompute(self), delay).ok();
        self.pending.set_value(handle);
    }

    /// The analysis thread, started if it is not running; none once it failed (or where the
    /// build has none).
    fn thread(self) -> Option<Rc<AnalysisThread>> {
        if let Some(thread) = self.thread.get_value() {
            return Some(thread);
        }
        if self.thread_failed.get_value() {
            return None;
        }
        let thread = AnalysisThread::spawn(
            move |bytes| spawn_local(receive(self, bytes)),
            move || self.lose_thread(),
        )
        .map(Rc::new);
        self.thread_failed.set_value(thread.is_none());
        self.in_flight.set_value(0);
        self.thread.set_value(thread.clone());
        thread
    }

    /// Sends a request to the thread; `false` without one.
    fn send(self, request: &Request) -> bool {
        let Some(thread) = self.thread() else {
            return false;
        };
        if !thread.ask(request) {
            return false;
        }
        if let Some(h) = self.idle.get_value() {
            h.clear();
        }
        self.in_flight.update_value(|n| *n += 1);
        true
    }

    /// A request is done: once none is left, the thread is ended after [`IDLE_FOR`] without
    /// another.
    fn done(self) {
        self.in_flight.update_value(|n| *n = n.saturating_sub(1));
        if self.in_flight.get_value() > 0 {
            return;
        }
        if let Some(h) = self.idle.get_value() {
            h.clear();
        }
        let end = move || {
            if self.in_flight.get_value() == 0 {
                self.thread.set_value(None);
            }
        };
        self.idle
            .set_value(set_timeout_with_handle(end, IDLE_FOR).ok());
    }

    /// The thread stopped: forget it, and analyse here what it was asked.
    fn lose_thread(self) {
        self.thread_failed.set_value(true);
        self.thread.set_value(None);
        self.covers.set_value(None);
        self.stale.set_value(true);
        if self.users.get_untracked() > 0 {
            self.schedule();
        }
    }
}

/// Creates the analysis state, keeps it current, and provides it. The first analysis of a
/// page load is made on this thread (the summaries are in memory by then, and on two cores
/// sending them to another thread and the classes back costs more than it saves); every later
/// one — after an edit, a change of settings or another tab's change — runs in the analysis
/// thread, started once the first is applied, so the page never waits for a refit.
pub fn provide_insights() -> Insights {
    let ws = use_workspace();
    let insights = Insights {
        config: RwSignal::new(store::load_analysis_config()),
        now: RwSignal::new(Arc::new(Analysis::default())),
        before: RwSignal::new(Arc::new(Analysis::default())),
        last_ms: RwSignal::new(0.0),
        users: RwSignal::new(0),
        stale: StoredValue::new(true),
        ws,
        thread: StoredValue::new_local(None),
        thread_failed: StoredValue::new(false),
        in_flight: StoredValue::new(0),
        idle: StoredValue::new(None),
        seq: StoredValue::new(0),
        covers: StoredValue::new(None),
        asked_at: StoredValue::new(0.0),
        pending: StoredValue::new(None),
    };
    provide_context(insights);
    Effect::new(move |_| store::save_analysis_config(&insights.config.get()));
    // Recompute when records or settings change, and only while something on screen shows
    // the analysis (the customer list needs none).
    Effect::new(move |_| {
        let revision = ws.revision.get();
        let covered = insights.config.with(|cfg| {
            insights
                .covers
                .with_value(|c| c.as_ref().is_some_and(|(r, c)| *r == revision && c == cfg))
        });
        if covered {
            return;
        }
        insights.stale.set_value(true);
        if insights.users.get_untracked() > 0 {
            insights.schedule();
        }
    });
    Effect::new(move |_| {
        if insights.users.get() > 0 && insights.stale.get_value() {
            insights.schedule();
        }
    });
    // After each load of the summaries, once start-up has settled: the analysis of what was
    // loaded is kept for the next start-up, made in the thread unless kept already.
    Effect::new(move |_| {
        ws.revision.track();
        if ws.loaded_stamp().is_some() {
            set_timeout(move || spawn_local(keep_current(insights)), KEEP_AFTER);
        }
    });
    insights
}

/// Asks the thread to make and keep the analysis of the summaries as loaded, unless it is
/// kept already (or something changed since the load: the next analysis asked for keeps
/// that).
async fn keep_current(insights: Insights) {
    let ws = insights.ws;
    // Read for a first analysis that a page showing none does not make: let it go.
    if insights.users.get_untracked() == 0 {
        drop(ws.take_kept());
    }
    let (Some(stamp), Some(db)) = (ws.loaded_stamp(), ws.db()) else {
        return;
    };
    let cfg = insights.config.get_untracked();
    let today = cfg.as_of(clock::today());
    let describes = transfer::describes(stamp.value(), today, &cfg);
    if store::kept_describes(&db).await.ok().flatten() == Some(describes) {
        return;
    }
    insights.send(&Request {
        // Not a newer question: answers to the one asked stay wanted.
        seq: insights.seq.get_value(),
        db: db.name().to_string(),
        as_of: today,
        before: period_start(today),
        config: cfg,
        start: fit_start(insights),
        reply: false,
    });
}

fn recompute(insights: Insights) {
    insights.stale.set_value(false);
    let cfg = insights.config.get_untracked();
    let revision = insights.ws.revision.get_untracked();
    // The first analysis of a page load: the one kept in storage if it describes the
    // summaries as loaded; else made here (the thread has not started yet).
    let first = insights.now.with_untracked(|a| a.as_of.is_none()) && insights.seq.get_value() == 0;
    if first && let (Some(stamp), Some(db)) = (insights.ws.loaded_stamp(), insights.ws.db()) {
        let seq = next_seq(insights, &cfg, revision);
        spawn_local(from_storage(insights, db, seq, stamp.value(), cfg));
        return;
    }
    if !ask(insights, &cfg, revision) {
        insights.covers.set_value(Some((revision, cfg.clone())));
        compute_here(insights, cfg);
    }
}

/// Numbers a new analysis asked for at `revision` with `cfg` (older answers are dropped
/// from now on).
fn next_seq(insights: Insights, cfg: &AnalysisConfig, revision: u64) -> u32 {
    let seq = insights.seq.get_value() + 1;
    clock::mark("crm:analysis-start");
    insights.seq.set_value(seq);
    insights.asked_at.set_value(js_sys::Date::now());
    insights.covers.set_value(Some((revision, cfg.clone())));
    seq
}

/// Applies the kept analysis (as of today, then as of the period's start) when it describes
/// the summaries with stamp `stamp`, today and `cfg`; analyses here what is not kept.
async fn from_storage(insights: Insights, db: Db, seq: u32, stamp: u64, cfg: AnalysisConfig) {
    let current = move || insights.seq.get_value() == seq;
    let today = cfg.as_of(clock::today());
    let describes = transfer::describes(stamp, today, &cfg);
    let kept = |read: store::KeptRead| {
        let describes = describes.clone();
        async move {
            match read.get().await {
                Ok(Some((d, data))) if d == describes => Some(data),
                Ok(_) => None,
                Err(e) => {
                    leptos::logging::warn!("kept analysis unreadable: {e}");
                    None
                }
            }
        }
    };
    // Started with the summaries' read, as a rule.
    let read_now = insights
        .ws
        .take_kept()
        .unwrap_or_else(|| store::KeptRead::start(&db, Which::Now));
    let now = match kept(read_now).await {
        Some(data) => {
            clock::mark("crm:kept-read");
            read_sliced(data, current).await
        }
        None => None,
    };
    if !current() {
        return;
    }
    let Some(now) = now else {
        return compute_here(insights, cfg);
    };
    apply_now(insights, now);
    let before = match kept(store::KeptRead::start(&db, Which::Before)).await {
        Some(data) => read_sliced(data, current).await,
        None => None,
    };
    if !current() {
        return;
    }
    match before {
        Some(before) => insights.before.set(Arc::new(before)),
        None => {
            let models = insights.now.with_untracked(|a| {
                let (p, s) = a.model_params();
                Models::Use(p, s)
            });
            before_here(insights, today, cfg, models);
        }
    }
}

/// Asks the thread for the analysis of the workspace at `revision` with `cfg`; `false`
/// without a thread.
fn ask(insights: Insights, cfg: &AnalysisConfig, revision: u64) -> bool {
    let Some(db) = insights.ws.db() else {
        return false;
    };
    let today = cfg.as_of(clock::today());
    let request = Request {
        seq: insights.seq.get_value() + 1,
        db: db.name().to_string(),
        as_of: today,
        before: period_start(today),
        config: cfg.clone(),
        start: fit_start(insights),
        reply: true,
    };
    if !insights.send(&request) {
        return false;
    }
    next_seq(insights, cfg, revision);
    true
}

/// Where the next fit starts: the last one, this session's or the one this browser remembers.
fn fit_start(insights: Insights) -> Option<(BgNbd, GammaGamma)> {
    insights
        .now
        .with_untracked(|a| a.fitted_params())
        .or_else(store::last_models)
}

/// Handles an answer of the thread: decodes it a slice at a time (a few milliseconds each,
/// so the page stays responsive) and applies it, unless a newer analysis was asked for
/// meanwhile.
async fn receive(insights: Insights, bytes: Vec<u8>) {
    clock::mark("crm:answer-received");
    let current = move |seq: u32| insights.seq.get_value() == seq;
    let reader = match AnswerReader::new(bytes) {
        Ok(r) => r,
        Err(e) => {
            leptos::logging::warn!("{e}");
            return insights.lose_thread();
        }
    };
    let (seq, which) = match reader.header() {
        Answer::Analysis { seq, which, .. } => (*seq, *which),
        Answer::Done { .. } => return insights.done(),
        Answer::Failed { seq, reason } => {
            if current(*seq) {
                // From now on analysed here, from the summaries this thread loads (and
                // rebuilds if damaged).
                leptos::logging::warn!(
                    "the analysis thread could not read the workspace: {reason}"
                );
                insights.lose_thread();
            }
            return;
        }
    };
    let analysis = match read_rest(reader, move || current(seq)).await {
        Ok(Some(a)) => a,
        Ok(None) => return,
        Err(e) => {
            leptos::logging::warn!("{e}");
            return insights.lose_thread();
        }
    };
    match which {
        Which::Now => {
            apply_now(insights, analysis);
            insights
                .last_ms
                .set(js_sys::Date::now() - insights.asked_at.get_value());
        }
        Which::Before => insights.before.set(Arc::new(analysis)),
    }
}

/// Reads an analysis (an answer's bytes) a slice at a time; `None` when the bytes are not
/// one, or `current` turns false meanwhile.
async fn read_sliced(bytes: Vec<u8>, current: impl Fn() -> bool) -> Option<Analysis> {
    let read = AnswerReader::new(bytes).map(|r| read_rest(r, current));
    match read {
        Ok(read) => read.await,
        Err(e) => Err(e),
    }
    .inspect_err(|e| leptos::logging::warn!("{e}"))
    .ok()
    .flatten()
}

/// Reads the customers of an answer in slices of a few milliseconds, then the analysis;
/// `Ok(None)` when `current` turns false meanwhile.
async fn read_rest(
    mut reader: AnswerReader,
    current: impl Fn() -> bool,
) -> Result<Option<Analysis>, Unreadable> {
    loop {
        if !current() {
            return Ok(None);
        }
        let slice_started = js_sys::Date::now();
        let done = loop {
            match reader.read(2_000)? {
                true => break true,
                false if js_sys::Date::now() - slice_started < 8.0 => {}
                false => break false,
            }
        };
        if done {
            break;
        }
        clock::next_tick().await;
    }
    if !current() {
        return Ok(None);
    }
    reader.finish()
}

/// Shows an analysis as of today, and remembers its models as where the next fit starts.
fn apply_now(insights: Insights, analysis: Analysis) {
    clock::mark("crm:analysis-done");
    if let Some(fitted) = analysis.fitted_params() {
        store::save_last_models(&fitted);
    }
    insights.now.set(Arc::new(analysis));
    clock::mark("crm:classes-applied");
}

/// The start of the period whose movements the dashboard shows.
fn period_start(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_days(Days::new(PERIOD_DAYS))
        .unwrap_or(today)
}

/// The analysis made on this thread, from the summaries in the index (without a thread, or
/// when it failed).
fn compute_here(insights: Insights, cfg: AnalysisConfig) {
    clock::mark("crm:analysis-start");
    let ws = insights.ws;
    let today = cfg.as_of(clock::today());
    let started = js_sys::Date::now();
    let start = fit_start(insights);
    let now = ws.index.with_untracked(|ix| {
        let rows: Vec<&CustomerSummary> = active(ix.rows());
        analyse(&rows, today, &cfg, Models::Fit(start))
    });
    let (p, s) = now.model_params();
    apply_now(insights, now);
    insights.last_ms.set(js_sys::Date::now() - started);
    before_here(insights, today, cfg, Models::Use(p, s));
}

/// Analyses here the base as it stood at the start of the period (for movements), in a task
/// of its own after the next frame, so the classes are painted first.
fn before_here(insights: Insights, today: NaiveDate, cfg: AnalysisConfig, models: Models) {
    let ws = insights.ws;
    request_animation_frame(move || {
        set_timeout(
            move || {
                if insights.stale.get_value() {
                    return; // A newer recompute is on its way.
                }
                let before = ws.index.with_untracked(|ix| {
                    analyse(&active(ix.rows()), period_start(today), &cfg, models)
                });
                insights.before.try_set(Arc::new(before));
            },
            Duration::ZERO,
        )
    });
}

fn active(rows: &[CustomerSummary]) -> Vec<&CustomerSummary> {
    rows.iter().filter(|r| r.deleted_at.is_none()).collect()
}

/// The analysis state.
pub fn use_insights() -> Insights {
    expect_context::<Insights>()
}
