//! Time in each stage: from a deal's stage history, how long it stood in every stage it passed
//! (a stage entered twice counts both stays), and how long the whole cycle took.

use super::Opportunity;
use super::stage::StageId;
use crate::domain::time::Timestamp;

/// How long a deal stood in one stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageStay {
    pub stage: StageId,
    /// In milliseconds, over every stay.
    pub ms: i64,
    /// How many times it entered the stage.
    pub entered: u32,
    /// It stands there now (its time runs until `now`).
    pub current: bool,
}

impl StageStay {
    /// The stay in whole and fractional days.
    pub fn days(&self) -> f64 {
        self.ms as f64 / 86_400_000.0
    }
}

/// Every stage the deal stood in, in the order it first entered them, with the time spent
/// there. An open deal's current stage counts until `now`; a closed deal's won or lost stage
/// is where it ended and takes no time.
pub fn stays(o: &Opportunity, now: Timestamp) -> Vec<StageStay> {
    let mut out: Vec<StageStay> = Vec::new();
    for (i, change) in o.history.iter().enumerate() {
        let next = o.history.get(i + 1);
        let last = next.is_none();
        let until = match next {
            Some(n) => n.at,
            None if o.is_open() => now,
            None => change.at,
        };
        let ms = (until.0 - change.at.0).max(0);
        match out.iter_mut().find(|s| s.stage == change.stage) {
            Some(s) => {
                s.ms += ms;
                s.entered += 1;
                s.current |= last && o.is_open();
            }
            None => out.push(StageStay {
                stage: change.stage.clone(),
                ms,
                entered: 1,
                current: last && o.is_open(),
            }),
        }
    }
    out
}

/// Days from the deal's creation to its close (to `now` while open).
pub fn cycle_days(o: &Opportunity, now: Timestamp) -> i64 {
    let end = o.closing.as_ref().map_or(now, |c| c.at);
    crate::domain::time::days_between(o.created_at, end).max(0)
}

/// Days in its current stage, until `now`.
pub fn days_in_stage(o: &Opportunity, now: Timestamp) -> i64 {
    let since = o.history.last().map_or(o.created_at, |c| c.at);
    crate::domain::time::days_between(since, now).max(0)
}
