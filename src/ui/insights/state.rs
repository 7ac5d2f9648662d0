//! The analysis of the whole customer base, recomputed whenever records or analysis settings
//! change, plus the same analysis at the start of the period (for movements).

use crate::domain::analysis::config::AnalysisConfig;
use crate::domain::analysis::engine::{Analysis, CustomerClasses, Models, analyse};
use crate::domain::analysis::history::quarter_ends;
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;
use crate::store;
use crate::ui::clock;
use crate::ui::state::{Workspace, use_workspace};
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;

/// Length of the period whose movements the dashboard shows, in days.
pub const PERIOD_DAYS: u64 = 90;

/// The analysis state.
#[derive(Clone, Copy)]
pub struct Insights {
    /// The user's analysis settings (saved on change).
    pub config: RwSignal<AnalysisConfig>,
    /// The analysis as of the calibration date (today).
    pub now: RwSignal<Arc<Analysis>>,
    /// The same base analysed at the start of the period, with the same models.
    pub before: RwSignal<Arc<Analysis>>,
    /// How long the last full recompute took, in milliseconds.
    pub last_ms: RwSignal<f64>,
    /// Components on screen that show the analysis; none: nothing is computed.
    users: RwSignal<u32>,
    /// The records changed while nobody was looking: recompute when someone does.
    stale: StoredValue<bool>,
    /// The workspace analysed (kept here: recomputes run from timers, outside any component).
    ws: Workspace,
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
}

/// Creates the analysis state, keeps it current, and provides it.
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
    };
    provide_context(insights);
    Effect::new(move |_| store::save_analysis_config(&insights.config.get()));

    // Recompute after changes settle, so a burst of edits costs one recompute; and only while
    // something on screen shows the analysis (the customer list needs none, so start-up stays
    // as fast as reading the summaries).
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let schedule = move || {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        // The first analysis is not waited for: there is no burst of edits to gather.
        let first = insights.now.with_untracked(|a| a.as_of.is_none());
        let delay = if first {
            Duration::ZERO
        } else {
            Duration::from_millis(120)
        };
        let handle = set_timeout_with_handle(move || recompute(insights), delay).ok();
        pending.set_value(handle);
    };
    Effect::new(move |_| {
        ws.revision.track();
        insights.config.track();
        insights.stale.set_value(true);
        if insights.users.get_untracked() > 0 {
            schedule();
        }
    });
    Effect::new(move |_| {
        if insights.users.get() > 0 && insights.stale.get_value() {
            schedule();
        }
    });
    insights
}

fn recompute(insights: Insights) {
    clock::mark("crm:analysis-start");
    insights.stale.set_value(false);
    let ws = insights.ws;
    let cfg = insights.config.get_untracked();
    let today = cfg.as_of(clock::today());
    let started = js_sys::Date::now();
    // The fit starts from the last one: this session's, or at start-up the one this browser
    // remembers.
    let start = insights
        .now
        .with_untracked(|a| a.fitted_params())
        .or_else(store::last_models);
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
    // The base as it stood at the start of the period (for movements) follows in a task of
    // its own after the next frame, so the classes are painted first.
    request_animation_frame(move || {
        set_timeout(
            move || {
                if insights.stale.get_value() {
                    return; // A newer recompute is on its way.
                }
                let then = today
                    .checked_sub_days(Days::new(PERIOD_DAYS))
                    .unwrap_or(today);
                let before = ws
                    .index
                    .with_untracked(|ix| analyse(&active(ix.rows()), then, &cfg, models));
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
