//! What the pipeline's pages read: the team's stages and every deal, indexed for the board and
//! the table, read when a page first opens and again after a change here or in another tab.

use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::list::{Clock, DealBook};
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::time::Timestamp;
use crate::store::{self, AppError};
use crate::ui::clock;
use crate::ui::state::{Workspace, use_texts, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

/// Search keys built per slice after the board is painted (about 10 ms of work).
const WARM_DEALS: usize = 1_500;

/// The deals and stages, once read.
pub struct Deals {
    pub pipeline: Pipeline,
    pub book: DealBook,
}

/// The deals as the pages hold them: not read yet, a failure in the user's language, or read.
pub type DealsSignal = RwSignal<Option<Result<Deals, String>>>;

/// Reads the stages and the deals, searchable by their customers' names.
pub async fn read(ws: Workspace) -> Result<Deals, AppError> {
    let db = ws.db().ok_or(AppError::NotFound)?;
    let pipeline = store::pipeline(&db).await?;
    let early = ws.take_early(crate::domain::kinds::RecordKind::Opportunity);
    let deals = store::all_opportunities_early(&db, early).await?;
    let book = ws.index.with_untracked(|ix| {
        let mut book = DealBook::new(deals, |id| ix.get(id).map_or("", |s| s.name.as_str()));
        let last: HashMap<Id, Timestamp> = book
            .deals()
            .iter()
            .filter_map(|o| {
                let s = ix.get(o.customer_id)?;
                Some((o.customer_id, s.activity.last_interaction?))
            })
            .collect();
        book.set_last_contact(last);
        book
    });
    Ok(Deals { pipeline, book })
}

/// The deals, read now and again whenever the workspace changes.
pub fn use_deals() -> DealsSignal {
    let ws = use_workspace();
    let t = use_texts();
    let deals: DealsSignal = RwSignal::new(None);
    Effect::new(move |_| {
        ws.revision.track();
        if ws.db().is_none() {
            return;
        }
        spawn_local(async move {
            let held = ws.hold_background();
            let r = read(ws).await.map_err(|e| e.message(t.get_untracked()));
            deals.try_set(Some(r));
            // The search keys, a slice at a time once the board is painted.
            clock::after_paint(move || {
                drop(held);
                spawn_local(async move {
                    while deals.try_with_untracked(|d| match d {
                        Some(Ok(d)) => d.book.warm_step(WARM_DEALS),
                        _ => true,
                    }) == Some(false)
                    {
                        clock::later_tick().await;
                    }
                });
            });
        });
    });
    deals
}

/// The flags' clock: now, today, and the team's quiet days.
pub fn clock_for(p: &Pipeline) -> Clock {
    Clock {
        now: clock::now(),
        today: clock::today(),
        stale_days: p.stale_days,
    }
}

/// The name of customer `id` as the workspace knows it (empty when gone).
pub fn customer_name(ws: Workspace, id: Id) -> String {
    ws.index
        .with_untracked(|ix| ix.get(id).map(|s| s.name.clone()))
        .unwrap_or_default()
}

/// Puts a written deal into the pages' copy, so they show it before the next read.
pub fn put(deals: DealsSignal, ws: Workspace, o: Opportunity) {
    let name = customer_name(ws, o.customer_id);
    deals.update(|d| {
        if let Some(Ok(d)) = d {
            d.book.put(o, &name);
        }
    });
}
