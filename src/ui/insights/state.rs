//! The analysis of the whole customer base, recomputed whenever records or analysis settings
//! change, plus the same analysis at the start of the period (for movements).

use super::thread::AnalysisThread;
use crate::domain::analysis::bgnbd::BgNbd;
use crate::domain::analysis::config::AnalysisConfig;
use crate::domain::analysis::engine::{Analysis, CustomerClasses, Models, analyse};
use crate::domain::analysis::gamma_gamma::GammaGamma;
use crate::domain::analysis::history::quarter_ends;
use crate::domain::analysis::transfer::{Answer, AnswerReader, Request, Which};
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{Workspace, use_workspace};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// Length of the period whose movements the dashboard shows, in days.
pub const PERIOD_DAYS: u64 = 90;

/// How long after the first analysis the analysis thread is started (start-up has settled).
const THREAD_AFTER: Duration = Duration::from_secs(2);

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
    /// The analysis thread, while it works (none: the analysis runs on this thread).
    thread: StoredValue<Option<Rc<AnalysisThread>>, LocalStorage>,
    /// Whether the thread was started (it is not started again after it failed).
    thread_tried: StoredValue<bool>,
    /// Number of the newest request to the thread; answers to older ones are dropped.
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

    /// Starts the analysis thread (once: not again after it failed).
    fn start_thread(self) {
        if self.thread_tried.get_value() {
            return;
        }
        self.thread_tried.set_value(true);
        self.thread.set_value(
            AnalysisThread::spawn(
                move |bytes| spawn_local(receive(self, bytes)),
                move || self.lose_thread(),
            )
            .map(Rc::new),
        );
    }

    /// The thread stopped: forget it, and analyse here what it was asked.
    fn lose_thread(self) {
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
        thread_tried: StoredValue::new(false),
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
    insights
}

fn recompute(insights: Insights) {
    insights.stale.set_value(false);
    let cfg = insights.config.get_untracked();
    let revision = insights.ws.revision.get_untracked();
    if !ask(insights, &cfg, revision) {
        insights.covers.set_value(Some((revision, cfg.clone())));
        compute_here(insights, cfg);
    }
}

/// Asks the thread for the analysis of the workspace at `revision` with `cfg`; `false`
/// without a thread.
fn ask(insights: Insights, cfg: &AnalysisConfig, revision: u64) -> bool {
    let Some(thread) = insights.thread.get_value() else {
        return false;
    };
    let today = cfg.as_of(clock::today());
    let seq = insights.seq.get_value() + 1;
    let request = Request {
        seq,
        db: store::DB_NAME.to_string(),
        as_of: today,
        before: period_start(today),
        config: cfg.clone(),
        start: fit_start(insights),
    };
    if !thread.ask(&request) {
        return false;
    }
    clock::mark("crm:analysis-start");
    insights.seq.set_value(seq);
    insights.asked_at.set_value(js_sys::Date::now());
    insights.covers.set_value(Some((revision, cfg.clone())));
    true
}

/// Where the next fit starts: the last one, this session's or the one this browser remembers.
fn fit_start(insights: Insights) -> Option<(BgNbd, GammaGamma)> {
    insights
        .now
        .with_untracked(|a| a.fitted_params())
        .or_else(store::last_models)
}

/// Decodes an answer of the thread a slice at a time (a few milliseconds each, so the page
/// stays responsive) and applies it, unless a newer request was sent meanwhile.
async fn receive(insights: Insights, bytes: Vec<u8>) {
    clock::mark("crm:answer-received");
    let current = move |seq: u32| insights.seq.get_value() == seq;
    let mut reader = match AnswerReader::new(bytes) {
        Ok(r) => r,
        Err(e) => {
            leptos::logging::warn!("{e}");
            return insights.lose_thread();
        }
    };
    let (seq, which) = match reader.header() {
        Answer::Analysis { seq, which, .. } => (*seq, *which),
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
    loop {
        if !current(seq) {
            return;
        }
        let slice_started = js_sys::Date::now();
        let done = loop {
            match reader.read(2_000) {
                Ok(true) => break true,
                Ok(false) if js_sys::Date::now() - slice_started < 8.0 => {}
                Ok(false) => break false,
                Err(e) => {
                    leptos::logging::warn!("{e}");
                    return insights.lose_thread();
                }
            }
        };
        if done {
            break;
        }
        clock::next_tick().await;
    }
    if !current(seq) {
        return;
    }
    let analysis = match reader.finish() {
        Ok(Some(a)) => a,
        Ok(None) => return,
        Err(e) => {
            leptos::logging::warn!("{e}");
            return insights.lose_thread();
        }
    };
    match which {
        Which::Now => {
            clock::mark("crm:analysis-done");
            if let Some(fitted) = analysis.fitted_params() {
                store::save_last_models(&fitted);
            }
            insights.now.set(Arc::new(analysis));
            clock::mark("crm:classes-applied");
            insights
                .last_ms
                .set(js_sys::Date::now() - insights.asked_at.get_value());
        }
        Which::Before => insights.before.set(Arc::new(analysis)),
    }
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
    let models = Models::Use(p, s);
    if let Some(fitted) = now.fitted_params() {
        store::save_last_models(&fitted);
    }
    clock::mark("crm:analysis-done");
    insights.now.set(Arc::new(now));
    clock::mark("crm:classes-applied");
    insights.last_ms.set(js_sys::Date::now() - started);
    // The thread for the next analyses, once start-up has settled.
    if !insights.thread_tried.get_value() {
        set_timeout(move || insights.start_thread(), THREAD_AFTER);
    }
    // The base as it stood at the start of the period (for movements) follows in a task of
    // its own after the next frame, so the classes are painted first.
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
