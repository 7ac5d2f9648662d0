//! What leads are compared with: every customer not in the trash (from the index in memory),
//! their contact persons (read from the store) and the leads themselves — the index for one
//! lead's page and the import, and the counts for the whole list, made in a thread of their
//! own ([`match_counts`]).

use crate::domain::analysis::transfer::{Job, LeadMatches, decode_lead_matches};
use crate::domain::contact::ContactPerson;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::lead::matching::MatchIndex;
use crate::store::{self, AppError};
use crate::ui::clock::Slices;
use crate::ui::insights::thread::AnalysisThread;
use crate::ui::state::Workspace;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Entries added between looks at the clock, as the store's count takes them (500 at a
/// time made 40–60 ms tasks however short the slices were meant to be).
const STEP: usize = store::MATCH_STEP;

/// How many records each lead not in the trash may already be, for those with any (`None`
/// without a database, or when they could not be read). Counted in a thread of its own
/// where the build has one — the count reads every customer and contact person, and on the
/// page their garbage held it 50–120 ms at a time — else here, in slices.
pub async fn match_counts(ws: Workspace) -> Option<HashMap<Id, usize>> {
    let db = ws.db()?;
    let counts = match in_thread(db.name()).await {
        Some(counts) => counts,
        None => store::lead_match_counts(&db, crate::ui::clock::pauses())
            .await
            .map_err(|e| e.to_string()),
    };
    match counts {
        Ok(counts) => Some(counts.into_iter().map(|(id, n)| (id, n as usize)).collect()),
        Err(why) => {
            leptos::logging::warn!("the leads' matches were not counted: {why}");
            None
        }
    }
}

/// The counts from a thread started for them and ended once they arrive (or once nobody
/// waits for them). `None` where there is no thread, or it stopped before answering.
async fn in_thread(db: &str) -> Option<LeadMatches> {
    let (send, answered) = futures::channel::oneshot::channel::<Option<Vec<u8>>>();
    let send = Rc::new(RefCell::new(Some(send)));
    let on_failure = send.clone();
    let thread = AnalysisThread::spawn_named(
        "lead matching",
        move |bytes| {
            if let Some(s) = send.borrow_mut().take() {
                let _ = s.send(Some(bytes));
            }
        },
        move || {
            if let Some(s) = on_failure.borrow_mut().take() {
                let _ = s.send(None);
            }
        },
    )?;
    if !thread.give(&Job::MatchLeads { db: db.to_owned() }) {
        return None;
    }
    let bytes = answered.await.ok()??;
    drop(thread);
    decode_lead_matches(&bytes).ok()
}

/// The match index over the customers, their contact persons and `leads` (those in the trash
/// left out), built a slice at a time.
pub async fn match_index(ws: Workspace, leads: &[Lead]) -> Result<MatchIndex, AppError> {
    let contacts = read_contacts(ws).await?;
    let mut index = build(ws, &contacts, leads.len()).await;
    let mut slices = Slices::start();
    for part in leads.chunks(STEP) {
        for l in part.iter().filter(|l| l.deleted_at.is_none()) {
            index.add_lead(l);
        }
        slices.step().await;
    }
    Ok(index)
}

/// Every contact person (none without a database), read and converted in slices.
pub async fn read_contacts(ws: Workspace) -> Result<Vec<ContactPerson>, AppError> {
    match ws.db() {
        Some(db) => store::contacts_for_matching(&db, crate::ui::clock::pauses()).await,
        None => Ok(Vec::new()),
    }
}

/// The match index over the customers in memory and `contacts`, with room for `leads` more
/// (the caller's to add), built a slice at a time: each entry's names go through pinyin.
pub async fn build(ws: Workspace, contacts: &[ContactPerson], leads: usize) -> MatchIndex {
    let total = ws.index.with_untracked(|ix| ix.rows().len());
    let mut index = MatchIndex::with_capacity(total + contacts.len() + leads);
    let mut slices = Slices::start();
    let mut at = 0;
    while at < total {
        let Some(next) = ws.index.try_with_untracked(|ix| {
            let rows = ix.rows();
            let end = (at + STEP).min(rows.len());
            for c in rows[at.min(end)..end]
                .iter()
                .filter(|c| c.deleted_at.is_none())
            {
                index.add_customer(c);
            }
            end
        }) else {
            break;
        };
        at = next.max(at + 1);
        slices.step().await;
    }
    for part in contacts.chunks(STEP) {
        ws.index.with_untracked(|ix| {
            for c in part {
                if let Some(customer) = ix.get(c.customer_id).filter(|s| s.deleted_at.is_none()) {
                    index.add_contact(c, &customer.name);
                }
            }
        });
        slices.step().await;
    }
    index
}
