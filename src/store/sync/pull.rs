//! Pull: the server's changes since the checkpoint, a page at a time
//! (`_changes?style=all_docs&include_docs=true&conflicts=true`: each changed document's
//! winning version and the list of the others, in one request), each page taken in one
//! transaction with the checkpoint, then the checkpoint written on the server too.

use super::super::idb::Db;
use super::apply::{Arrived, apply, local_checkpoint};
use super::books::merge_versions;
use super::http::Server;
use super::{Report, SyncError};
use crate::domain::id::Id;
use crate::domain::sync::doc::{in_books, parse_doc_id, read};
use crate::domain::sync::protocol::{
    Problem, Seq, checkpoint_body, checkpoint_id, parse_changes, parse_checkpoint, pending_of,
    texts,
};
use serde_json::Value;

/// Changes asked for per page.
pub(crate) const PAGE: usize = 200;

/// Where to resume for the sync `id`: the checkpoint kept here, provided the server still has
/// its copy (a database made anew has none, and is read from the start); with the server's
/// copy's revision, to write the next one on.
async fn resume(db: &Db, server: &Server, id: &str) -> Result<(Seq, Option<String>), SyncError> {
    let remote = match server.get(&format!("/{id}")).await {
        Ok(body) => Some(parse_checkpoint(&body)?),
        // No checkpoint there (the database's own absence shows at `_changes`).
        Err(Problem::NoDatabase) => None,
        Err(e) => return Err(e.into()),
    };
    let local = local_checkpoint(db, id).await?;
    Ok(match (remote, local) {
        (Some((_, rev)), Some(seq)) => (seq, rev),
        (Some((_, rev)), None) => (Seq::start(), rev),
        (None, _) => (Seq::start(), None),
    })
}

/// The other versions a document names (`_conflicts`), in order.
fn conflicts_of(doc: &Value) -> Vec<String> {
    let mut out = texts(doc.get("_conflicts"));
    out.sort();
    out
}

/// Takes every change since the checkpoint; adds to `report` what came; returns the
/// customers whose records changed.
pub(crate) async fn pull(
    db: &Db,
    server: &Server,
    device: &str,
    report: &mut Report,
    progress: &dyn Fn(&Report),
) -> Result<Vec<Id>, SyncError> {
    let id = checkpoint_id(device, &server.address);
    let (mut since, mut remote_rev) = resume(db, server, &id).await?;
    let mut touched = Vec::new();
    loop {
        let query = js_sys::encode_uri_component(&since.as_query());
        let body = server
            .get(&format!(
                "/_changes?style=all_docs&include_docs=true&conflicts=true&limit={PAGE}&since={query}"
            ))
            .await?;
        let changes = parse_changes(&body)?;
        report.pending = pending_of(&body);
        let mut arrived = Vec::with_capacity(changes.results.len());
        for change in &changes.results {
            // Design documents and other applications' documents are not ours.
            if parse_doc_id(&change.id).is_none() {
                continue;
            }
            let Some(doc) = &change.doc else {
                report
                    .skipped
                    .push((change.id.clone(), "sent without its document".into()));
                continue;
            };
            match read(doc) {
                Ok(incoming) => arrived.push(Arrived {
                    doc: incoming,
                    conflicts: conflicts_of(doc),
                }),
                Err(e) => report.skipped.push((change.id.clone(), e.to_string())),
            }
        }
        touched.extend(apply(db, &arrived, &id, &changes.last_seq, report).await?);
        // Two versions of a purchase book merge on their own.
        for a in arrived
            .iter()
            .filter(|a| in_books(a.doc.kind) && !a.conflicts.is_empty())
        {
            if let Ok(customer) = a.doc.key.parse::<Id>()
                && merge_versions(db, server, customer, &a.conflicts).await?
            {
                touched.push(customer);
            }
        }
        progress(report);
        since = changes.last_seq;
        // The server's copy only saves reading again; a member who may not write it (or a
        // moment's failure) costs nothing else.
        if let Ok(reply) = server
            .put(
                &format!("/{id}"),
                &checkpoint_body(&since, remote_rev.as_deref()),
            )
            .await
        {
            remote_rev = serde_json::from_str::<Value>(&reply)
                .ok()
                .and_then(|v| v.get("rev").and_then(Value::as_str).map(str::to_owned));
        }
        if changes.results.len() < PAGE {
            break;
        }
    }
    touched.sort_unstable();
    touched.dedup();
    Ok(touched)
}

/// Waits until the server has changes past the checkpoint, at most `ms` (a long poll);
/// whether it has.
pub(crate) async fn wait_for_changes(
    db: &Db,
    server: &Server,
    device: &str,
    ms: u32,
) -> Result<bool, SyncError> {
    let id = checkpoint_id(device, &server.address);
    let since = local_checkpoint(db, &id).await?.unwrap_or_else(Seq::start);
    let query = js_sys::encode_uri_component(&since.as_query());
    let body = server
        .get_within(
            &format!("/_changes?feed=longpoll&limit=1&timeout={ms}&since={query}"),
            ms as i32 + 15_000,
        )
        .await?;
    Ok(!parse_changes(&body)?.results.is_empty())
}
