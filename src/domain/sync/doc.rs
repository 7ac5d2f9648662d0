//! Records as CouchDB documents, and documents back as records.
//!
//! Every record is one document whose id is its kind's stable name and its key
//! (`customers:0193…`, `leads:…`): the kind is read from the id, so a colleague's app, the
//! server's validation function and a person looking at the database all see what a document
//! is. The body is the record's fields as a backup writes them, less the local revision
//! counter (`rev`: each device counts its own writes), plus CouchDB's own `_id`, `_rev` and,
//! when sent, `_revisions`. A deleted record is a document with `_deleted: true` and no
//! fields. Kinds kept on one device (the import journal) never travel. Purchases travel as
//! one document per customer (`purchases:<customer id>`, see [`book`](super::book)), not one
//! per purchase.
//!
//! A revision this app writes is `generation-hash`, the hash being MD5 over the parent
//! revision, the deletion flag and the body written with its keys in order: two devices that
//! make the same change on the same revision make the same revision, as CouchDB itself does.

use super::rev::{RevId, RevPath};
use crate::domain::kinds::RecordKind;
use crate::domain::record::Record;
use md5::{Digest, Md5};
use serde_json::{Map, Value};
use std::fmt;

/// Whether records of `kind` travel to the team's database.
pub fn syncs(kind: RecordKind) -> bool {
    kind.in_backup()
}

/// Whether records of `kind` travel in their customer's book rather than one by one.
pub fn in_books(kind: RecordKind) -> bool {
    kind == RecordKind::Purchase
}

/// The document id of the record `key` of `kind` (for purchases, `key` is the customer's).
pub fn doc_id(kind: RecordKind, key: &str) -> String {
    format!("{}:{key}", kind.name())
}

/// The kind and key a document id names; `None` for an id this app does not write (a
/// design document, another application's document, a kind that stays on its device).
pub fn parse_doc_id(id: &str) -> Option<(RecordKind, &str)> {
    let (name, key) = id.split_once(':')?;
    let kind = RecordKind::ALL.iter().copied().find(|k| k.name() == name)?;
    (syncs(kind) && !key.is_empty()).then_some((kind, key))
}

/// A record's body as it travels: its fields, without the local revision counter.
pub fn body_of<R: Record>(record: &R) -> Result<Map<String, Value>, DocError> {
    match serde_json::to_value(record) {
        Ok(Value::Object(mut fields)) => {
            fields.remove("rev");
            Ok(fields)
        }
        Ok(_) => Err(DocError::NotAnObject),
        Err(e) => Err(DocError::Fields(e.to_string())),
    }
}

/// The revision written on `parent` with `body` (`None` for a deletion).
pub fn next_rev(parent: Option<&RevId>, body: Option<&Map<String, Value>>) -> RevId {
    let mut text = String::new();
    if let Some(p) = parent {
        text.push_str(&p.to_string());
    }
    text.push('\n');
    match body {
        Some(fields) => sorted_json(&Value::Object(fields.clone()), &mut text),
        None => text.push_str("deleted"),
    }
    let digest = Md5::digest(text.as_bytes());
    let hash = digest.iter().map(|b| format!("{b:02x}")).collect();
    RevId::next(parent, hash)
}

/// `value` as JSON with every object's keys in order, so the same content always hashes the
/// same whichever order the fields were in.
pub(crate) fn sorted_json(value: &Value, out: &mut String) {
    match value {
        Value::Object(fields) => {
            let mut keys: Vec<&String> = fields.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                sorted_json(&fields[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                sorted_json(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The document sent for a revision: `body` (`None`: deleted) under `id`, with its history.
pub fn document(id: &str, path: &RevPath, body: Option<&Map<String, Value>>) -> Value {
    let mut doc = body.cloned().unwrap_or_default();
    let head = path.head().map(|r| r.to_string()).unwrap_or_default();
    doc.insert("_id".into(), Value::String(id.to_owned()));
    doc.insert("_rev".into(), Value::String(head));
    doc.insert(
        "_revisions".into(),
        serde_json::json!({ "start": path.start, "ids": path.ids }),
    );
    if body.is_none() {
        doc.insert("_deleted".into(), Value::Bool(true));
    }
    Value::Object(doc)
}

/// A document as it came from the server, not yet taken as a record.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub kind: RecordKind,
    pub key: String,
    pub rev: RevId,
    /// Its history when the server sent it (`revs=true`).
    pub path: Option<RevPath>,
    /// Its fields; `None` for a deletion.
    pub body: Option<Map<String, Value>>,
}

/// Why a document from the server was not taken. Each is reported with the document's id
/// and skipped; nothing of it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocError {
    NotAnObject,
    /// No `_id`, or one this app does not write.
    Id(String),
    /// No `_rev`, or not a revision.
    Rev(String),
    /// `_revisions` that do not lead to `_rev`.
    History,
    /// The fields are not a record of the id's kind (serde's reason).
    Fields(String),
    /// The record's own key is not the one in the id.
    KeyMismatch {
        id: String,
        key: String,
    },
    /// A customer's record whose customer does not exist here (deleted here, or not arrived).
    Orphan(String),
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::NotAnObject => f.write_str("not a JSON object"),
            DocError::Id(id) => write!(f, "not a record's id: {id:?}"),
            DocError::Rev(r) => write!(f, "not a revision: {r:?}"),
            DocError::History => f.write_str("a history that does not lead to its revision"),
            DocError::Fields(e) => write!(f, "fields not of its kind: {e}"),
            DocError::KeyMismatch { id, key } => write!(f, "the id {id} holds the record {key}"),
            DocError::Orphan(c) => write!(f, "its customer {c} does not exist here"),
        }
    }
}

/// Reads a document: its id, revision, history and fields.
pub fn read(doc: &Value) -> Result<Incoming, DocError> {
    let Value::Object(fields) = doc else {
        return Err(DocError::NotAnObject);
    };
    let id = fields
        .get("_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (kind, key) = parse_doc_id(id).ok_or_else(|| DocError::Id(clip(id)))?;
    let rev_text = fields
        .get("_rev")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let rev = RevId::parse(rev_text).map_err(|_| DocError::Rev(clip(rev_text)))?;
    let path = match fields.get("_revisions") {
        None => None,
        Some(v) => {
            let start = v.get("start").and_then(Value::as_u64);
            let ids = v.get("ids").and_then(Value::as_array).map(|ids| {
                ids.iter()
                    .map(|i| i.as_str().map(str::to_owned))
                    .collect::<Option<Vec<String>>>()
            });
            let (Some(start), Some(Some(ids))) = (start, ids) else {
                return Err(DocError::History);
            };
            let path = RevPath { start, ids };
            if path.head().as_ref() != Some(&rev) {
                return Err(DocError::History);
            }
            Some(path)
        }
    };
    let deleted = fields.get("_deleted").and_then(Value::as_bool) == Some(true);
    let body = (!deleted).then(|| {
        fields
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    });
    Ok(Incoming {
        kind,
        key: key.to_owned(),
        rev,
        path,
        body,
    })
}

/// The record an incoming document holds (`None` for a deletion), its kind's fields and key
/// checked. Its revision counter is left at 0, for the store to set. (A book's purchases:
/// [`book_of`].)
pub fn record_of<R: Record>(doc: &Incoming) -> Result<Option<R>, DocError> {
    let Some(body) = &doc.body else {
        return Ok(None);
    };
    let record: R = serde_json::from_value(Value::Object(body.clone()))
        .map_err(|e| DocError::Fields(clip(&e.to_string())))?;
    if record.key() != doc.key {
        return Err(DocError::KeyMismatch {
            id: doc_id(doc.kind, &doc.key),
            key: clip(&record.key()),
        });
    }
    Ok(Some(record))
}

/// The book an incoming purchases document holds (`None` for a deletion: the customer's
/// purchases are gone with the customer), every purchase its customer's.
pub fn book_of(doc: &Incoming) -> Result<Option<super::book::Book>, DocError> {
    let Some(body) = &doc.body else {
        return Ok(None);
    };
    let book: super::book::Book = serde_json::from_value(Value::Object(body.clone()))
        .map_err(|e| DocError::Fields(clip(&e.to_string())))?;
    let customer = book.customer_id.to_string();
    if customer != doc.key {
        return Err(DocError::KeyMismatch {
            id: doc_id(doc.kind, &doc.key),
            key: clip(&customer),
        });
    }
    if let Some(p) = book
        .purchases
        .iter()
        .find(|p| p.customer_id != book.customer_id)
    {
        return Err(DocError::KeyMismatch {
            id: doc_id(doc.kind, &doc.key),
            key: format!("{} ({})", p.id, p.customer_id),
        });
    }
    Ok(Some(book))
}

/// At most 120 characters of what a server sent, for a message.
fn clip(s: &str) -> String {
    s.chars().take(120).collect()
}
