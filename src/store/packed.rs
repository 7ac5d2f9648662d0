//! The packed copies of the kinds a page reads whole (leads, their interactions, deals): one
//! binary of every record (`domain::packed`), kept in [`PACKED`] beside the records, so the
//! board and the leads list read one value instead of one object per record.
//!
//! The records stay the truth. Every write to one of their stores goes through `idb`'s
//! `put_js`, `add_js`, `delete` or `clear`, which mark the key written in the same
//! transaction (`<store>/d/<key>`; a write transaction over such a store always covers
//! [`PACKED`]). A read takes the pack, reads the marked records afresh and puts them in; when
//! many are marked it writes the pack again and drops the marks. It makes the pack again from
//! the records when there is none (a new or restored workspace), when it was written by
//! another layout, when it cannot be read, when nearly everything is marked (a large import)
//! and — the last check — when the number of records it ends with is not the number stored.

use super::error::{AppError, Result};
use super::idb::{self, Db, get_request};
use super::kinds::{spec, store_of};
use super::schema::{PACKED, PACKED_SOURCES};
use crate::domain::kinds::RecordKind;
use crate::domain::packed::{Packed, Unpacker, format, pack, unpack};
use indexed_db_futures::KeyRange;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::Transaction;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Marks beyond which a read writes the pack again.
const REPACK_AT: usize = 64;
/// Marks beyond which the records are read whole instead (the share of the records marked,
/// one in …), below [`REBUILD_MIN`] never.
const REBUILD_SHARE: usize = 4;
const REBUILD_MIN: usize = 2_000;

/// A store read packed, seen from a write to it: where its marks go.
pub(crate) struct Source<'a> {
    name: &'static str,
    packed: ObjectStore<'a>,
}

impl<'a> Source<'a> {
    /// The packed side of `store`, when it is read packed.
    pub(crate) fn of(store: &'a ObjectStore<'_>) -> Option<Source<'a>> {
        let name = store.name();
        let name = PACKED_SOURCES.into_iter().find(|s| *s == name)?;
        // Present in every write transaction over `store` (see `Db::tx`); a transaction
        // without it is a bug, which the write then reports.
        let packed = store.transaction().object_store(PACKED).ok();
        Some(Source {
            name,
            packed: packed?,
        })
    }

    /// Marks the record `key` written (or deleted).
    pub(crate) fn written(&self, key: &str) -> Result<()> {
        let mark = js_sys::Object::new();
        js_sys::Reflect::set(&mark, &"k".into(), &mark_key(self.name, key).into())
            .map_err(|_| AppError::Storage("cannot mark a packed record".into()))?;
        self.packed
            .put(JsValue::from(mark))
            .primitive()
            .map_err(idb::convert)?;
        Ok(())
    }

    /// Drops the pack and the marks: the store was emptied.
    pub(crate) fn cleared(&self) -> Result<()> {
        self.packed
            .delete::<String, _>(range(self.name))
            .primitive()
            .map_err(idb::convert)?;
        Ok(())
    }
}

fn base_key(store: &str) -> String {
    format!("{store}/base")
}

fn mark_key(store: &str, key: &str) -> String {
    format!("{store}/d/{key}")
}

/// Every key of `store`'s pack and marks.
fn range(store: &str) -> KeyRange<String> {
    KeyRange::Bound(
        format!("{store}/"),
        false,
        format!("{store}/\u{ffff}"),
        false,
    )
}

/// The pack as stored.
#[derive(serde::Serialize, serde::Deserialize)]
struct Base {
    k: String,
    /// `domain::packed::format` of the layout that wrote it.
    format: f64,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

/// Every record of kind `R`, those in the trash included, in key order — as a `getAll` of
/// its store gives them.
pub(crate) async fn read_all<R: Packed>(db: &Db) -> Result<Vec<R>> {
    let source = spec(R::KIND).store;
    let read = {
        let tx = db.tx(&[source, PACKED], false)?;
        read_in::<R>(&tx, false).await?
    };
    match read {
        Some((records, marks)) if marks <= REPACK_AT => Ok(records),
        _ => read_again(db).await,
    }
}

/// [`read_all`] when the pack is to be written again or made anew: with the marked records
/// in, inside one transaction with the records.
async fn read_again<R: Packed>(db: &Db) -> Result<Vec<R>> {
    let source = spec(R::KIND).store;
    let tx = db.tx(&[source, PACKED], true)?;
    match read_in::<R>(&tx, true).await? {
        Some((records, _)) => {
            idb::commit(tx).await?;
            Ok(records)
        }
        None => {
            drop(tx);
            rebuild::<R>(db).await
        }
    }
}

/// A read of a kind's pack started ahead of need: at start-up, beside the summaries, for the
/// page the app opens on, so the pack comes off the disk while the summaries are decoded
/// instead of after them. Nothing is decoded until [`read_all_yielding`] takes it; what it
/// holds is what one transaction saw (the pack, the records marked since, the count).
pub struct EarlyRead {
    kind: RecordKind,
    done: js_sys::Promise,
    raw: Rc<RefCell<Option<Result<Raw>>>>,
}

impl EarlyRead {
    /// Starts reading the pack of `kind`; `None` for a kind not read packed.
    pub fn start(db: &Db, kind: RecordKind) -> Option<EarlyRead> {
        let source = spec(kind).store;
        if !PACKED_SOURCES.contains(&source) {
            return None;
        }
        let raw = Rc::new(RefCell::new(None));
        let (db, into) = (db.clone(), raw.clone());
        let done = wasm_bindgen_futures::future_to_promise(async move {
            let read = async {
                let tx = db.tx(&[source, PACKED], false)?;
                raw_in(&tx, source).await
            };
            *into.borrow_mut() = Some(read.await);
            Ok(JsValue::UNDEFINED)
        });
        Some(EarlyRead { kind, done, raw })
    }

    /// The kind it reads.
    pub fn kind(&self) -> RecordKind {
        self.kind
    }
}

/// [`read_all`], from `early` when it is a read of `R`'s pack started at start-up, decoding
/// the pack a slice at a time and awaiting `pause` whenever
/// decoding has run for [`super::summaries::SLICE_MS`] since the last pause: a list page
/// opening on 50,000 records stays responsive while they are decoded (decoded at once they
/// took one task of about 400 ms).
pub(crate) async fn read_all_yielding<R: Packed, F: std::future::Future<Output = ()>>(
    db: &Db,
    early: Option<EarlyRead>,
    pause: impl FnMut() -> F,
) -> Result<Vec<R>> {
    let source = spec(R::KIND).store;
    let raw = match early.filter(|e| e.kind == R::KIND) {
        Some(early) => {
            let _ = wasm_bindgen_futures::JsFuture::from(early.done).await;
            early.raw.borrow_mut().take()
        }
        None => None,
    };
    let raw = match raw {
        Some(Ok(raw)) => raw,
        // Not read ahead, or the read failed (read again, where a failure shows if it was
        // not by chance).
        _ => {
            let tx = db.tx(&[source, PACKED], false)?;
            raw_in(&tx, source).await?
        }
    };
    match assemble_yielding::<R, F>(raw, pause).await {
        Some((records, marks)) if marks <= REPACK_AT => Ok(records),
        _ => read_again(db).await,
    }
}

/// The records of a read, with the number marked; `None` when the pack is to be made again
/// from the records.
async fn assemble_yielding<R: Packed, F: std::future::Future<Output = ()>>(
    raw: Raw,
    mut pause: impl FnMut() -> F,
) -> Option<(Vec<R>, usize)> {
    let base = current::<R>(raw.base?)?;
    let mut unpacker = Unpacker::<R>::new(&base.data)?;
    let mut slice_started = js_sys::Date::now();
    // Records between looks at the clock: a few hundred microseconds of decoding.
    while !unpacker.step(256)? {
        if js_sys::Date::now() - slice_started >= super::summaries::SLICE_MS {
            pause().await;
            slice_started = js_sys::Date::now();
        }
    }
    let mut all = unpacker.finish();
    let marks = raw.marked.len();
    if marks > REBUILD_MIN.max(all.len() / REBUILD_SHARE) {
        return None;
    }
    let mut changed = Vec::with_capacity(marks);
    for (key, value) in raw.marked {
        let record = match value {
            Some(v) => Some(idb::from_js::<R>(v).ok()?),
            None => None,
        };
        changed.push((key, record));
    }
    put_marked(&mut all, changed);
    (all.len() == raw.count as usize).then_some((all, marks))
}

/// What a read of a pack takes off the disk, before anything is decoded.
struct Raw {
    /// The pack's entry.
    base: Option<JsValue>,
    /// The records marked since the pack was written, as stored (`None`: deleted).
    marked: Vec<(String, Option<JsValue>)>,
    /// The records in the store.
    count: u32,
}

/// The pack's entry and the keys marked since, from the entries under `source`'s range.
fn split_entries(
    source: &str,
    entries: impl IntoIterator<Item = JsValue>,
) -> (Option<JsValue>, Vec<String>) {
    let base_key = base_key(source);
    let marks_from = mark_key(source, "");
    let mut base = None;
    let mut marked = Vec::new();
    for entry in entries {
        let key = js_sys::Reflect::get(&entry, &"k".into())
            .ok()
            .and_then(|k| k.as_string())
            .unwrap_or_default();
        if key == base_key {
            base = Some(entry);
        } else if let Some(k) = key.strip_prefix(&marks_from) {
            marked.push(k.to_string());
        }
    }
    (base, marked)
}

/// Every entry of `source`'s pack, the marked records and the count, in `tx`.
async fn raw_in(tx: &Transaction<'_>, source: &str) -> Result<Raw> {
    let packed = tx.object_store(PACKED).map_err(idb::convert)?;
    let records = tx.object_store(source).map_err(idb::convert)?;
    let entries = packed
        .get_all::<JsValue>()
        .with_query::<String, _>(range(source))
        .primitive()
        .map_err(idb::convert)?;
    let count = records.count().primitive().map_err(idb::convert)?;
    let entries = entries
        .await
        .map_err(idb::convert)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(idb::convert)?;
    let (base, keys) = split_entries(source, entries);
    let count = count.await.map_err(idb::convert)?;
    // Past this many marks the pack is made anew from the records (see `unpacked`).
    let mut marked = Vec::new();
    if keys.len() <= REBUILD_MIN.max(count as usize / REBUILD_SHARE) {
        let reads = keys
            .iter()
            .map(|k| {
                records
                    .get::<JsValue, _, _>(k.clone())
                    .primitive()
                    .map_err(idb::convert)
            })
            .collect::<Result<Vec<_>>>()?;
        for (key, read) in keys.into_iter().zip(reads) {
            let value: Option<JsValue> = read.await.map_err(idb::convert)?;
            marked.push((key, value.filter(|v| !v.is_undefined())));
        }
    } else {
        marked = keys.into_iter().map(|k| (k, None)).collect();
    }
    Ok(Raw {
        base,
        marked,
        count,
    })
}

/// The records of the pack `base` (of the current layout), unless `marks` records marked
/// since are too many for it to be worth reading.
fn unpacked<R: Packed>(base: JsValue, marks: usize) -> Option<Vec<R>> {
    let base = current::<R>(base)?;
    let all = unpack::<R>(&base.data)?;
    (marks <= REBUILD_MIN.max(all.len() / REBUILD_SHARE)).then_some(all)
}

/// The pack's entry, if written by `R`'s current layout.
fn current<R: Packed>(base: JsValue) -> Option<Base> {
    let base = idb::from_js::<Base>(base).ok()?;
    (base.format == format::<R>() as f64).then_some(base)
}

/// Puts the records marked since the pack was written into it (`None`: deleted since).
fn put_marked<R: Packed>(all: &mut Vec<R>, changed: Vec<(String, Option<R>)>) {
    if changed.is_empty() {
        return;
    }
    let at: HashMap<String, usize> = all.iter().enumerate().map(|(i, r)| (r.key(), i)).collect();
    let mut gone = vec![false; all.len()];
    let mut added = false;
    for (key, record) in changed {
        match (record, at.get(&key)) {
            (Some(r), Some(&i)) => all[i] = r,
            (Some(r), None) => {
                all.push(r);
                added = true;
            }
            (None, Some(&i)) => gone[i] = true,
            (None, None) => {}
        }
    }
    let mut i = 0;
    all.retain(|_| {
        i += 1;
        !gone.get(i - 1).copied().unwrap_or(false)
    });
    if added {
        all.sort_by_cached_key(|r| r.key());
    }
}

/// The records from the pack and the marked ones in `tx`, with the number marked; `None`
/// when the pack is to be made again from the records. With `write`, the pack is written
/// again with the marked records in and the marks dropped.
async fn read_in<R: Packed>(tx: &Transaction<'_>, write: bool) -> Result<Option<(Vec<R>, usize)>> {
    let source = spec(R::KIND).store;
    let packed = tx.object_store(PACKED).map_err(idb::convert)?;
    let records = store_of::<R>(tx)?;
    // The pack is asked for before the count: requests in a transaction run in turn, and
    // counting walks every key (about 90 ms at 50,000 records), which the unpacking here
    // then overlaps instead of waiting behind it.
    let entries = packed
        .get_all::<JsValue>()
        .with_query::<String, _>(range(source))
        .primitive()
        .map_err(idb::convert)?;
    let count = records.count().primitive().map_err(idb::convert)?;
    let entries = entries
        .await
        .map_err(idb::convert)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(idb::convert)?;
    let (base, marked) = split_entries(source, entries);
    let Some(mut all) = base.and_then(|b| unpacked::<R>(b, marked.len())) else {
        return Ok(None);
    };
    // Every read issued before the first is awaited.
    let reads = marked
        .iter()
        .map(|k| get_request::<R>(&records, k))
        .collect::<Result<Vec<_>>>()?;
    let mut changed = Vec::with_capacity(marked.len());
    for (key, read) in marked.iter().zip(reads) {
        changed.push((key.clone(), read.await?));
    }
    put_marked(&mut all, changed);
    if count.await.map_err(idb::convert)? as usize != all.len() {
        return Ok(None);
    }
    if write {
        write_base(&packed, source, &all)?;
        for key in &marked {
            idb::delete(&packed, &mark_key(source, key))?;
        }
    }
    Ok(Some((all, marked.len())))
}

/// Every record of kind `R` as `tx` sees it (from the pack and the marked records; from the
/// records when the pack cannot be trusted), for a write that changes many of them and ends
/// with [`rewrite_in`].
pub(crate) async fn all_in<R: Packed>(tx: &Transaction<'_>) -> Result<Vec<R>> {
    match read_in::<R>(tx, false).await? {
        Some((records, _)) => Ok(records),
        None => idb::get_all(&store_of::<R>(tx)?).await,
    }
}

/// Writes the pack of kind `R` again from `records` — every record of its store as `tx` has
/// written them — and drops its marks, in `tx`: how a write of many records (written with
/// `idb::put_js_unmarked`) keeps the pack true without a mark each.
pub(crate) fn rewrite_in<R: Packed>(tx: &Transaction<'_>, records: &[R]) -> Result<()> {
    let source = spec(R::KIND).store;
    let packed = tx.object_store(PACKED).map_err(idb::convert)?;
    packed
        .delete::<String, _>(range(source))
        .primitive()
        .map_err(idb::convert)?;
    write_base(&packed, source, records)
}

fn write_base<R: Packed>(packed: &ObjectStore<'_>, source: &str, records: &[R]) -> Result<()> {
    idb::put(
        packed,
        &Base {
            k: base_key(source),
            format: format::<R>() as f64,
            data: pack(records),
        },
    )
}

/// Reads every record of kind `R` and makes its pack from them, dropping the marks, in one
/// transaction.
async fn rebuild<R: Packed>(db: &Db) -> Result<Vec<R>> {
    let source = spec(R::KIND).store;
    let tx = db.tx(&[source, PACKED], true)?;
    let records: Vec<R> = idb::get_all(&store_of::<R>(&tx)?).await?;
    let packed = tx.object_store(PACKED).map_err(idb::convert)?;
    packed
        .delete::<String, _>(range(source))
        .primitive()
        .map_err(idb::convert)?;
    write_base(&packed, source, &records)?;
    idb::commit(tx).await?;
    Ok(records)
}
