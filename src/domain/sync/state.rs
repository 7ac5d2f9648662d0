//! What a device keeps about each document it syncs, and the decisions taken from it: which
//! local changes go up as which revision, and whether a document that came down is taken.
//!
//! For every document it has sent or received the device keeps a [`Known`]: the server's
//! revision its local record stands at and a hash of the body at that revision. A local
//! write marks the document (the store's outbox, in the write's own transaction); the next
//! push makes the record's current body a child of the known revision ([`outgoing`]) —
//! however many times it was edited meanwhile — and nothing when the body is still the one
//! known (a write that changed nothing, an edit undone). A document that comes down is taken
//! unless it is the revision already known, or the record has a change not yet sent
//! ([`take`]): then the push sends that change on the known revision, the server keeps both
//! branches and picks its winner, and the next pull brings the winner to every device with
//! the other listed as a conflict.

use super::doc::{document, next_rev, sorted_json};
use super::rev::{RevId, RevPath};
use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What this device knows of one document on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Known {
    /// The document id (`customers:…`).
    pub id: String,
    /// The revision the local record stands at.
    pub rev: String,
    /// [`body_hash`] of the record at that revision.
    pub hash: String,
    /// The other versions the server keeps beside the winner, not yet resolved (absent when
    /// none, so only conflicted documents are in the store's index of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// Versions the user resolved away: the next push closes each with a deletion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discard: Vec<String>,
}

impl Known {
    /// The known revision, when it reads as one (it was written by [`outgoing`] or came from
    /// the server, so it does).
    pub fn rev_id(&self) -> Option<RevId> {
        RevId::parse(&self.rev).ok()
    }

    /// What is known once the server has the revision and the deletions closing the
    /// versions resolved away: those are no longer conflicts.
    pub fn closed(&self) -> Known {
        Known {
            conflicts: self
                .conflicts
                .iter()
                .filter(|c| !self.discard.contains(c))
                .cloned()
                .collect(),
            discard: Vec::new(),
            ..self.clone()
        }
    }

    /// Whether the record is known deleted.
    pub fn deleted(&self) -> bool {
        self.hash == DELETED
    }
}

const DELETED: &str = "deleted";

/// A hash of a record's body as it travels (keys in order), `"deleted"` for none: equal
/// bodies hash equal on every device.
pub fn body_hash(body: Option<&Map<String, Value>>) -> String {
    match body {
        None => DELETED.to_owned(),
        Some(fields) => {
            let mut text = String::new();
            sorted_json(&Value::Object(fields.clone()), &mut text);
            Md5::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        }
    }
}

/// A revision to send.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub id: String,
    pub rev: RevId,
    /// The document as `_bulk_docs` takes it (with `_revisions`).
    pub doc: Value,
    /// What the document is known as once the server has it.
    pub known: Known,
}

/// The revision that sends the record `id`'s current `body` (`None`: deleted here), given
/// what is known of it; `None` when there is nothing to send — the body is the one known,
/// or a record never sent is gone again.
pub fn outgoing(
    id: &str,
    body: Option<&Map<String, Value>>,
    known: Option<&Known>,
) -> Option<Outgoing> {
    let hash = body_hash(body);
    let parent = known.and_then(Known::rev_id);
    match known {
        Some(k) if k.hash == hash => return None,
        None if body.is_none() => return None,
        _ => {}
    }
    let rev = next_rev(parent.as_ref(), body);
    let mut ids = vec![rev.hash.clone()];
    if let Some(p) = &parent {
        // The parent's generation is one less unless the known revision was damaged; a
        // history that does not step by one would be refused, so it is sent alone then.
        if p.generation + 1 == rev.generation {
            ids.push(p.hash.clone());
        }
    }
    let path = RevPath {
        start: rev.generation,
        ids,
    };
    Some(Outgoing {
        id: id.to_owned(),
        doc: document(id, &path, body),
        known: Known {
            id: id.to_owned(),
            rev: rev.to_string(),
            hash,
            conflicts: known.map(|k| k.conflicts.clone()).unwrap_or_default(),
            discard: known.map(|k| k.discard.clone()).unwrap_or_default(),
        },
        rev,
    })
}

/// The deletions that close the versions the user resolved away, each a child of the
/// version it closes.
pub fn discards(known: &Known) -> Vec<Value> {
    known
        .discard
        .iter()
        .filter_map(|r| RevId::parse(r).ok())
        .map(|loser| {
            let rev = next_rev(Some(&loser), None);
            let path = RevPath {
                start: rev.generation,
                ids: vec![rev.hash.clone(), loser.hash.clone()],
            };
            document(&known.id, &path, None)
        })
        .collect()
}

/// What to do with a document that came down at revision `rev`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    /// The local record already stands at it: only its list of conflicts may change.
    Known,
    /// The record has a change not yet sent: leave it; the push sends the change and the
    /// server decides (see the module).
    Wait,
    /// Write it.
    Apply,
}

/// Whether to take a document that came down at `rev`, given what is known of it and
/// whether it is marked changed here.
pub fn take(known: Option<&Known>, marked: bool, rev: &RevId) -> Take {
    if known.and_then(Known::rev_id).as_ref() == Some(rev) {
        Take::Known
    } else if marked {
        Take::Wait
    } else {
        Take::Apply
    }
}
