//! The CouchDB replication protocol's messages, read and written as pure data: the server's
//! address, `_changes`, `_revs_diff`, `_bulk_docs` (`new_edits: false`), `open_revs`, the
//! checkpoint kept in a `_local` document, and what an error reply means. The requests
//! themselves are the store's; everything a server answers passes through here first, so a
//! reply that is not what the protocol says is a [`Problem::Malformed`] naming what was wrong,
//! never a panic or a half-read batch.

use super::rev::RevId;
use md5::{Digest, Md5};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fmt;

/// What went wrong talking to the team's server: each has a translated message saying what
/// to do (`domain::i18n`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The address is not `http(s)://host[:port]/database`, or has a user name or password
    /// in it (those are asked for separately and never kept in the address).
    BadAddress,
    /// Plain `http` to a host other than this computer: the password would cross the network
    /// readable.
    NotHttps,
    /// 401: the name or password is wrong, or the session ended.
    Unauthorized,
    /// 403: the server refused a write (a read-only member), with the server's reason.
    Forbidden(String),
    /// 404 on the database: it does not exist (the set-up script makes it).
    NoDatabase,
    /// The server or the network did not answer in time.
    TimedOut,
    /// No answer at all: offline, the server down, or the browser refused it (CORS).
    Unreachable,
    /// 413 / 507 or the like: the server is full or the batch too large.
    ServerFull(String),
    /// Another status, with the server's reason.
    Server { status: u16, reason: String },
    /// An answer that is not what the protocol says (what was wrong).
    Malformed(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BadAddress => f.write_str("not a database address"),
            Problem::NotHttps => f.write_str("https required"),
            Problem::Unauthorized => f.write_str("401 unauthorized"),
            Problem::Forbidden(r) => write!(f, "403 forbidden: {r}"),
            Problem::NoDatabase => f.write_str("404 no such database"),
            Problem::TimedOut => f.write_str("timed out"),
            Problem::Unreachable => f.write_str("unreachable"),
            Problem::ServerFull(r) => write!(f, "server full: {r}"),
            Problem::Server { status, reason } => write!(f, "{status}: {reason}"),
            Problem::Malformed(what) => write!(f, "malformed reply: {what}"),
        }
    }
}

/// What an error reply means, from its status and body (`{"error": …, "reason": …}`).
pub fn problem_of(status: u16, body: &str) -> Problem {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let field = |k: &str| {
        parsed
            .as_ref()
            .and_then(|v| v.get(k))
            .and_then(Value::as_str)
            .map(|s| s.chars().take(200).collect::<String>())
            .unwrap_or_default()
    };
    let reason = match field("reason") {
        r if r.is_empty() => field("error"),
        r => r,
    };
    match status {
        401 => Problem::Unauthorized,
        403 => Problem::Forbidden(reason),
        404 => Problem::NoDatabase,
        408 | 504 => Problem::TimedOut,
        413 | 507 => Problem::ServerFull(reason),
        _ => Problem::Server { status, reason },
    }
}

/// The team database's address, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerAddress {
    /// `https://host[:port]` (no trailing slash).
    pub origin: String,
    /// Any path before the database (a server behind a proxy at `/couch`), without slashes
    /// at either end; empty for none.
    pub prefix: String,
    /// The database's name.
    pub database: String,
}

impl ServerAddress {
    /// Reads `http(s)://host[:port]/[prefix/]database`. Plain `http` only to this computer
    /// (`localhost`, `127.0.0.1`, `[::1]`); no user name or password in it; a database name
    /// as CouchDB allows (a lowercase letter, then lowercase letters, digits and `_$()+-`).
    pub fn parse(text: &str) -> Result<ServerAddress, Problem> {
        let text = text.trim().trim_end_matches('/');
        let (scheme, rest) = text.split_once("://").ok_or(Problem::BadAddress)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(Problem::BadAddress);
        }
        let (host, path) = rest.split_once('/').ok_or(Problem::BadAddress)?;
        if host.is_empty()
            || host.contains('@')
            || host.contains(['?', '#', ' '])
            || path.contains(['?', '#', ' '])
        {
            return Err(Problem::BadAddress);
        }
        let hostname = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default().to_owned(),
            None => host
                .split(':')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase(),
        };
        let local = matches!(hostname.as_str(), "localhost" | "127.0.0.1" | "::1");
        if scheme == "http" && !local {
            return Err(Problem::NotHttps);
        }
        let mut parts: Vec<&str> = path.split('/').collect();
        let database = parts.pop().unwrap_or_default();
        if parts.iter().any(|p| p.is_empty()) || !valid_database_name(database) {
            return Err(Problem::BadAddress);
        }
        Ok(ServerAddress {
            origin: format!("{scheme}://{}", host.to_ascii_lowercase()),
            prefix: parts.join("/"),
            database: database.to_owned(),
        })
    }

    /// The database's URL, then `path` (which starts with `/` or is empty).
    pub fn url(&self, path: &str) -> String {
        let prefix = if self.prefix.is_empty() {
            String::new()
        } else {
            format!("/{}", self.prefix)
        };
        format!("{}{prefix}/{}{path}", self.origin, self.database)
    }

    /// The server's root URL, then `path` (for `_session`).
    pub fn server_url(&self, path: &str) -> String {
        if self.prefix.is_empty() {
            format!("{}{path}", self.origin)
        } else {
            format!("{}/{}{path}", self.origin, self.prefix)
        }
    }
}

fn valid_database_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-".contains(c))
        && name.len() <= 238
}

/// A position in a database's changes: a number (PouchDB) or an opaque string (CouchDB 2+),
/// sent back exactly as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seq(pub Value);

impl Seq {
    /// Before the first change.
    pub fn start() -> Seq {
        Seq(json!(0))
    }

    /// As the `since` parameter.
    pub fn as_query(&self) -> String {
        match &self.0 {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    fn read(v: &Value) -> Option<Seq> {
        (v.is_string() || v.is_u64()).then(|| Seq(v.clone()))
    }
}

/// One changed document in a page of `_changes` (`style=all_docs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub id: String,
    /// Every leaf revision of the document.
    pub revs: Vec<RevId>,
    pub deleted: bool,
    pub seq: Seq,
    /// The winning revision's document, when asked for (`include_docs=true`).
    pub doc: Option<Value>,
}

/// A page of `_changes`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    pub results: Vec<Change>,
    pub last_seq: Seq,
}

/// Revisions as a reply lists them (`None`: one missing where it should be).
fn revs_in<'a>(
    revs: impl Iterator<Item = Option<&'a Value>>,
    what: &str,
) -> Result<Vec<RevId>, Problem> {
    revs.map(|r| match r.and_then(Value::as_str) {
        Some(text) => RevId::parse(text).map_err(|e| Problem::Malformed(format!("{what}: {e}"))),
        None => Err(Problem::Malformed(format!(
            "{what}: a revision that is not text"
        ))),
    })
    .collect()
}

fn object(body: &str, what: &str) -> Result<Value, Problem> {
    serde_json::from_str::<Value>(body).map_err(|_| Problem::Malformed(format!("{what}: not JSON")))
}

/// Reads a page of `_changes`.
pub fn parse_changes(body: &str) -> Result<Changes, Problem> {
    let bad = |what: &str| Problem::Malformed(format!("_changes: {what}"));
    let v = object(body, "_changes")?;
    let results = v
        .get("results")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no results"))?;
    let last_seq = v
        .get("last_seq")
        .and_then(Seq::read)
        .ok_or_else(|| bad("no last_seq"))?;
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        let id = r
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("a change without an id"))?;
        let changes = r
            .get("changes")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("a change without revisions"))?;
        let revs = revs_in(changes.iter().map(|c| c.get("rev")), "_changes")?;
        let seq = r
            .get("seq")
            .and_then(Seq::read)
            .ok_or_else(|| bad("a change without a seq"))?;
        out.push(Change {
            id: id.to_owned(),
            revs,
            deleted: r.get("deleted").and_then(Value::as_bool) == Some(true),
            seq,
            doc: r.get("doc").filter(|d| d.is_object()).cloned(),
        });
    }
    Ok(Changes {
        results: out,
        last_seq,
    })
}

/// The body of `_revs_diff`: for each document, the revisions this side has.
pub fn revs_diff_body<'a>(docs: impl IntoIterator<Item = (&'a str, &'a [RevId])>) -> Value {
    let mut m = Map::new();
    for (id, revs) in docs {
        m.insert(
            id.to_owned(),
            Value::Array(revs.iter().map(|r| Value::String(r.to_string())).collect()),
        );
    }
    Value::Object(m)
}

/// Reads `_revs_diff`'s answer: the revisions the server is missing, by document.
pub fn parse_revs_diff(body: &str) -> Result<BTreeMap<String, Vec<RevId>>, Problem> {
    let bad = |what: &str| Problem::Malformed(format!("_revs_diff: {what}"));
    let v = object(body, "_revs_diff")?;
    let m = v.as_object().ok_or_else(|| bad("not an object"))?;
    let mut out = BTreeMap::new();
    for (id, entry) in m {
        let missing = entry
            .get("missing")
            .and_then(Value::as_array)
            .ok_or_else(|| bad("an entry without missing"))?;
        let missing = revs_in(missing.iter().map(Some), "_revs_diff")?;
        out.insert(id.clone(), missing);
    }
    Ok(out)
}

/// The body of `_bulk_docs` sending revisions as they are (`new_edits: false`).
pub fn bulk_docs_body(docs: Vec<Value>) -> Value {
    json!({ "new_edits": false, "docs": docs })
}

/// A document the server did not take from a `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub id: String,
    /// CouchDB's error (`forbidden`, `unauthorized`, `conflict`…) and reason.
    pub error: String,
    pub reason: String,
}

/// Reads `_bulk_docs`' answer: the documents refused (with `new_edits: false` the others
/// are not listed, or listed without an error).
pub fn parse_bulk_docs(body: &str) -> Result<Vec<Refused>, Problem> {
    let bad = |what: &str| Problem::Malformed(format!("_bulk_docs: {what}"));
    let v = object(body, "_bulk_docs")?;
    let entries = v.as_array().ok_or_else(|| bad("not a list"))?;
    let mut out = Vec::new();
    for e in entries {
        let Some(error) = e.get("error").and_then(Value::as_str) else {
            continue;
        };
        out.push(Refused {
            id: e
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            error: error.to_owned(),
            reason: e
                .get("reason")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .chars()
                .take(200)
                .collect(),
        });
    }
    Ok(out)
}

/// Reads a document's `open_revs` answer: each revision asked for, as the document or as
/// missing (its revision text).
pub fn parse_open_revs(body: &str) -> Result<Vec<Result<Value, String>>, Problem> {
    let bad = |what: &str| Problem::Malformed(format!("open_revs: {what}"));
    let v = object(body, "open_revs")?;
    v.as_array()
        .ok_or_else(|| bad("not a list"))?
        .iter()
        .map(|e| match (e.get("ok"), e.get("missing")) {
            (Some(doc @ Value::Object(_)), _) => Ok(Ok(doc.clone())),
            (_, Some(Value::String(rev))) => Ok(Err(rev.clone())),
            _ => Err(bad("an entry neither ok nor missing")),
        })
        .collect()
}

/// The id of the checkpoint document both sides keep for this device's sync with `address`
/// (`_local/…`): the same on every start, different for another device or database.
pub fn checkpoint_id(device: &str, address: &ServerAddress) -> String {
    let text = format!("zhike-crm\n{device}\n{}", address.url(""));
    let digest = Md5::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("_local/{hex}")
}

/// A checkpoint document's body: how far this device has read the server's changes.
pub fn checkpoint_body(seq: &Seq, rev: Option<&str>) -> Value {
    let mut m = Map::new();
    m.insert("last_seq".into(), seq.0.clone());
    if let Some(rev) = rev {
        m.insert("_rev".into(), Value::String(rev.to_owned()));
    }
    Value::Object(m)
}

/// Reads a checkpoint document: where to resume and its revision (to write the next one on).
pub fn parse_checkpoint(body: &str) -> Result<(Seq, Option<String>), Problem> {
    let bad = |what: &str| Problem::Malformed(format!("checkpoint: {what}"));
    let v = object(body, "checkpoint")?;
    let seq = v
        .get("last_seq")
        .and_then(Seq::read)
        .ok_or_else(|| bad("no last_seq"))?;
    let rev = v.get("_rev").and_then(Value::as_str).map(str::to_owned);
    Ok((seq, rev))
}

/// The `Authorization` header of HTTP basic authentication for `user` and `password`, both
/// sent as UTF-8 (a Chinese name works; the browser's `btoa` would refuse it).
pub fn basic_auth(user: &str, password: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = format!("{user}:{password}").into_bytes();
    let mut out = String::with_capacity(6 + bytes.len().div_ceil(3) * 4);
    out.push_str("Basic ");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Who the server takes this member for (`GET /_session`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The member's name; `None` when not signed in (a server open to all).
    pub name: Option<String>,
    pub roles: Vec<String>,
}

/// The role the set-up script gives members who may read but not write.
pub const READ_ONLY_ROLE: &str = "readonly";

impl Session {
    /// Whether the member may only read: the read-only role and no role that writes.
    pub fn read_only(&self) -> bool {
        self.roles.iter().any(|r| r == READ_ONLY_ROLE)
            && !self
                .roles
                .iter()
                .any(|r| r == "_admin" || r == "manager" || r == "rep")
    }
}

/// Reads `GET /_session`'s answer.
pub fn parse_session(body: &str) -> Result<Session, Problem> {
    let bad = |what: &str| Problem::Malformed(format!("_session: {what}"));
    let v = object(body, "_session")?;
    let ctx = v.get("userCtx").ok_or_else(|| bad("no userCtx"))?;
    let name = match ctx.get("name") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(bad("a name that is not text")),
    };
    let roles = texts(ctx.get("roles"));
    Ok(Session { name, roles })
}

/// The texts in a list of a reply (`roles`, `_conflicts`); none when it is not a list.
pub fn texts(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads the `pending` count of a page of `_changes` (how many changes remain after it),
/// when the server gives one.
pub fn pending_of(body: &str) -> Option<u64> {
    serde_json::from_str::<Value>(body)
        .ok()?
        .get("pending")?
        .as_u64()
}
