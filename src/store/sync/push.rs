//! Push: the outbox's documents go up as new revisions (`_revs_diff`, then `_bulk_docs` with
//! `new_edits: false`), a batch at a time; a document leaves the outbox once the server has
//! it — unless it was marked again while it travelled, when the next batch sends it again.

use super::super::error::Result;
use super::super::idb::{self, Db};
use super::super::schema::{SYNC_DOCS, SYNC_OUTBOX, TOMBSTONES};
use super::http::Server;
use super::local::{bodies, differing, knowns};
use super::marks::{Marked, RESCAN, put_mark, synced_stores};
use super::{Report, SyncError};
use crate::domain::sync::protocol::{
    bulk_docs_body, parse_bulk_docs, parse_revs_diff, revs_diff_body,
};
use crate::domain::sync::rev::RevId;
use crate::domain::sync::state::{Known, Outgoing, discards, outgoing};
use indexed_db_futures::KeyRange;
use indexed_db_futures::prelude::*;
use std::collections::{BTreeMap, HashSet};
use wasm_bindgen::JsValue;

/// Documents sent per `_bulk_docs`.
pub(crate) const BATCH: u32 = 200;

/// The first `n` outbox entries, in key order (a rescan mark first).
async fn first_marks(db: &Db, n: u32) -> Result<Vec<Marked>> {
    let tx = db.tx(&[SYNC_OUTBOX], false)?;
    let store = tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
    let values = store
        .get_all::<JsValue>()
        .with_limit(n)
        .primitive()
        .map_err(idb::convert)?
        .await
        .map_err(idb::convert)?;
    values
        .map(|v| v.map_err(idb::convert).and_then(idb::from_js))
        .collect()
}

/// How many documents are marked to go up (a rescan not yet made is not counted: it may
/// find any number, or none).
pub(crate) async fn waiting(db: &Db) -> Result<u32> {
    let tx = db.tx(&[SYNC_OUTBOX], false)?;
    let store = tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
    store
        .count()
        .with_query::<String, _>(KeyRange::LowerBound(RESCAN.to_owned(), true))
        .primitive()
        .map_err(idb::convert)?
        .await
        .map_err(idb::convert)
}

/// Removes the marks `done` that were not made again meanwhile, and writes `known`, in one
/// transaction.
async fn settle(db: &Db, done: &[Marked], known: &[Known]) -> Result<()> {
    let tx = db.tx(&[SYNC_OUTBOX, SYNC_DOCS], true)?;
    let outbox = tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
    let docs = tx.object_store(SYNC_DOCS).map_err(idb::convert)?;
    let mut now = Vec::with_capacity(done.len());
    for m in done {
        now.push(idb::get_request::<Marked>(&outbox, &m.id)?);
    }
    for (m, current) in done.iter().zip(now) {
        if current.await?.as_ref() == Some(m) {
            idb::delete(&outbox, &m.id)?;
        }
    }
    for k in known {
        idb::put(&docs, k)?;
    }
    idb::commit(tx).await
}

/// Replaces the rescan mark with a mark for every document that differs from what is known.
async fn rescan(db: &Db, mark: &Marked) -> Result<()> {
    let mut stores = synced_stores();
    stores.extend([TOMBSTONES, SYNC_DOCS]);
    let ids = {
        let tx = db.tx(&stores, false)?;
        differing(&tx).await?
    };
    let tx = db.tx(&[SYNC_OUTBOX], true)?;
    let outbox = tx.object_store(SYNC_OUTBOX).map_err(idb::convert)?;
    for id in &ids {
        put_mark(&outbox, id)?;
    }
    if idb::get::<Marked>(&outbox, RESCAN).await?.as_ref() == Some(mark) {
        idb::delete(&outbox, RESCAN)?;
    }
    idb::commit(tx).await
}

/// Sends every marked document; adds to `report` what went up and what the server refused.
pub(crate) async fn push(
    db: &Db,
    server: &Server,
    report: &mut Report,
    progress: &dyn Fn(&Report),
) -> std::result::Result<(), SyncError> {
    loop {
        let marks = first_marks(db, BATCH).await?;
        let Some(first) = marks.first() else {
            return Ok(());
        };
        if first.id == RESCAN {
            rescan(db, first).await?;
            continue;
        }
        let ids: Vec<String> = marks.iter().map(|m| m.id.clone()).collect();
        let (current, known) = {
            let mut stores = synced_stores();
            stores.extend([TOMBSTONES, SYNC_DOCS]);
            let tx = db.tx(&stores, false)?;
            let current = bodies(&tx, &ids).await?;
            let known = knowns(&tx, &ids).await?;
            (current, known)
        };
        let known: BTreeMap<&str, &Known> =
            known.iter().flatten().map(|k| (k.id.as_str(), k)).collect();
        let going: Vec<Outgoing> = current
            .iter()
            .filter_map(|(id, body)| outgoing(id, body.as_ref(), known.get(id.as_str()).copied()))
            .collect();
        // Versions the user resolved away, closed by deletions (with or without a change).
        let closing: Vec<&Known> = known
            .values()
            .copied()
            .filter(|k| !k.discard.is_empty())
            .collect();
        if going.is_empty() && closing.is_empty() {
            settle(db, &marks, &[]).await?;
            continue;
        }
        let asked: Vec<(&str, Vec<RevId>)> = going
            .iter()
            .map(|o| (o.id.as_str(), vec![o.rev.clone()]))
            .collect();
        let missing = parse_revs_diff(
            &server
                .post(
                    "/_revs_diff",
                    &revs_diff_body(asked.iter().map(|(id, r)| (*id, r.as_slice()))),
                )
                .await?,
        )?;
        let mut docs: Vec<serde_json::Value> = going
            .iter()
            .filter(|o| missing.get(&o.id).is_some_and(|m| m.contains(&o.rev)))
            .map(|o| o.doc.clone())
            .collect();
        for k in &closing {
            docs.extend(discards(k));
        }
        let sent = docs.len();
        let refused = if docs.is_empty() {
            Vec::new()
        } else {
            parse_bulk_docs(&server.post("/_bulk_docs", &bulk_docs_body(docs)).await?)?
        };
        let refused_ids: HashSet<&str> = refused.iter().map(|r| r.id.as_str()).collect();
        let mut written: Vec<Known> = going
            .iter()
            .filter(|o| !refused_ids.contains(o.id.as_str()))
            .map(|o| o.known.closed())
            .collect();
        for k in closing {
            if !refused_ids.contains(k.id.as_str()) && !written.iter().any(|w| w.id == k.id) {
                written.push(k.closed());
            }
        }
        report.sent += sent.saturating_sub(refused.len());
        report.refused.extend(refused);
        settle(db, &marks, &written).await?;
        progress(report);
    }
}
