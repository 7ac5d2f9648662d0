//! The last analysis of the workspace, kept so that a start-up shows every customer's classes
//! without analysing: the analysis thread keeps each analysis it makes, as of the date and as
//! of the start of the period, with what it describes
//! ([`crate::domain::analysis::transfer::describes`]: the summaries' stamp, the date, the
//! settings). An analysis kept for other summaries is never wrong, only unused: the stamp
//! changes with every write of a chunk, so nothing else has to clear it.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::schema::ANALYSES;
use crate::domain::analysis::transfer::Which;
use serde::{Deserialize, Serialize};

/// A kept analysis: what it describes and the analysis (an answer's bytes).
#[derive(Serialize, Deserialize)]
struct Kept {
    key: String,
    #[serde(with = "serde_bytes")]
    describes: Vec<u8>,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

/// The key of the small record that says what the kept pair (as of the date and as of the
/// start of the period) describes: a page that shows no analysis checks it without reading
/// the analyses themselves. Its data is [`HALF`] while only the first of the pair is kept,
/// [`WHOLE`] once the second, describing the same, is too.
const BOTH: &str = "both";
const HALF: u8 = 0;
const WHOLE: u8 = 1;

fn key(which: Which) -> &'static str {
    match which {
        Which::Now => "now",
        Which::Before => "before",
    }
}

/// The kept analysis `which` — what it describes, and its bytes — if any.
pub async fn kept_analysis(db: &Db, which: Which) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
    let tx = db.tx(&[ANALYSES], false)?;
    let store = tx.object_store(ANALYSES).map_err(idb::convert)?;
    Ok(get::<Kept>(&store, key(which))
        .await?
        .map(|k| (k.describes, k.data)))
}

/// A read of a kept analysis started ahead of need (with the summaries at start-up, so the
/// two come off the disk together): [`KeptRead::get`] waits for it. The record stays a
/// JavaScript value until then, and only its bytes are copied into the module's memory.
pub struct KeptRead(js_sys::Promise);

impl KeptRead {
    /// Starts reading the kept analysis `which`.
    pub fn start(db: &Db, which: Which) -> Self {
        let db = db.clone();
        KeptRead(wasm_bindgen_futures::future_to_promise(async move {
            let read = async {
                let tx = db.tx(&[ANALYSES], false)?;
                let store = tx.object_store(ANALYSES).map_err(idb::convert)?;
                idb::get_js(&store, key(which)).await
            };
            match read.await {
                Ok(record) => Ok(record.unwrap_or(wasm_bindgen::JsValue::NULL)),
                Err(e) => Err(wasm_bindgen::JsValue::from_str(&e.to_string())),
            }
        }))
    }

    /// Waits until the read is done (whatever it found).
    pub async fn arrived(&self) {
        let _ = wasm_bindgen_futures::JsFuture::from(self.0.clone()).await;
    }

    /// What the read found: what the analysis describes, and its bytes.
    pub async fn get(&self) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        use wasm_bindgen::JsCast;
        let record = wasm_bindgen_futures::JsFuture::from(self.0.clone())
            .await
            .map_err(|e| AppError::Storage(e.as_string().unwrap_or_default()))?;
        if record.is_null() {
            return Ok(None);
        }
        let bytes = |field: &str| {
            js_sys::Reflect::get(&record, &field.into())
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok())
                .map(|a| a.to_vec())
                .ok_or_else(|| AppError::Damaged(format!("kept analysis without {field}")))
        };
        Ok(Some((bytes("describes")?, bytes("data")?)))
    }
}

/// What the kept pair of analyses describes, if both are kept.
pub async fn kept_describes(db: &Db) -> Result<Option<Vec<u8>>> {
    let tx = db.tx(&[ANALYSES], false)?;
    let store = tx.object_store(ANALYSES).map_err(idb::convert)?;
    Ok(get::<Kept>(&store, BOTH)
        .await?
        .filter(|k| k.data == [WHOLE])
        .map(|k| k.describes))
}

/// Keeps an analysis (replacing the one kept before). Keeping the analysis as of the start
/// of the period completes the pair when the one as of the date describes the same.
pub async fn keep_analysis(db: &Db, which: Which, describes: &[u8], data: &[u8]) -> Result<()> {
    let tx = db.tx(&[ANALYSES], true)?;
    let store = tx.object_store(ANALYSES).map_err(idb::convert)?;
    let record = |key: &str, data: &[u8]| Kept {
        key: key.to_string(),
        describes: describes.to_vec(),
        data: data.to_vec(),
    };
    // The pair as of the date describes what the newest analysis asked for describes; the
    // other half of an older question (answered late) leaves it incomplete, not forgotten.
    let pair = match which {
        Which::Now => Some(record(BOTH, &[HALF])),
        Which::Before => get::<Kept>(&store, BOTH).await?.map(|k| {
            let state = if k.describes == describes {
                WHOLE
            } else {
                HALF
            };
            Kept {
                data: vec![state],
                ..k
            }
        }),
    };
    if let Some(pair) = pair {
        idb::put(&store, &pair)?;
    }
    idb::put(&store, &record(key(which), data))?;
    drop(store);
    idb::commit(tx).await
}
