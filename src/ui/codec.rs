//! The backup file around the document: gzip through the browser's CompressionStream, and
//! optionally AES-GCM encryption through WebCrypto with a 256-bit key derived from the
//! passphrase by PBKDF2-SHA256 (600,000 iterations, random 16-byte salt, random 12-byte
//! nonce). Reached through `js_sys::Reflect` because web-sys marks the compression streams
//! unstable.

use crate::domain::backup::{Backup, BackupProblem, Envelope, FileKind, ITERATIONS};
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn call(target: &JsValue, method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let f: Function = get(target, method)?.dyn_into()?;
    let list = Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(target, &list)
}

async fn wait(p: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(p.dyn_into::<Promise>()?).await
}

fn object(pairs: &[(&str, &JsValue)]) -> Result<Object, JsValue> {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v)?;
    }
    Ok(o)
}

/// Runs `bytes` through a (De)CompressionStream("gzip").
async fn gzip(bytes: &[u8], decompress: bool) -> Result<Vec<u8>, JsValue> {
    let global = js_sys::global();
    let name = if decompress {
        "DecompressionStream"
    } else {
        "CompressionStream"
    };
    let ctor: Function = get(&global, name)?.dyn_into()?;
    let transform = Reflect::construct(&ctor, &Array::of1(&JsValue::from_str("gzip")))?;
    let blob = web_sys::Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes)))?;
    let stream = call(&blob, "stream", &[])?;
    let piped = call(&stream, "pipeThrough", &[&transform])?;
    let response_ctor: Function = get(&global, "Response")?.dyn_into()?;
    let response = Reflect::construct(&response_ctor, &Array::of1(&piped))?;
    let buffer = wait(call(&response, "arrayBuffer", &[])?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn subtle() -> Result<JsValue, JsValue> {
    get(&get(&js_sys::global(), "crypto")?, "subtle")
}

fn random(n: u32) -> Result<Vec<u8>, JsValue> {
    let buf = Uint8Array::new_with_length(n);
    call(
        &get(&js_sys::global(), "crypto")?,
        "getRandomValues",
        &[&buf],
    )?;
    Ok(buf.to_vec())
}

async fn key(passphrase: &str, salt: &[u8], iterations: u32) -> Result<JsValue, JsValue> {
    let subtle = subtle()?;
    let usage = Array::of1(&JsValue::from_str("deriveKey"));
    let base = wait(call(
        &subtle,
        "importKey",
        &[
            &JsValue::from_str("raw"),
            &Uint8Array::from(passphrase.as_bytes()),
            &JsValue::from_str("PBKDF2"),
            &JsValue::FALSE,
            &usage,
        ],
    )?)
    .await?;
    let params = object(&[
        ("name", &JsValue::from_str("PBKDF2")),
        ("salt", &Uint8Array::from(salt)),
        ("iterations", &JsValue::from(iterations)),
        ("hash", &JsValue::from_str("SHA-256")),
    ])?;
    let aes = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("length", &JsValue::from(256)),
    ])?;
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    wait(call(
        &subtle,
        "deriveKey",
        &[&params, &base, &aes, &JsValue::FALSE, &usages],
    )?)
    .await
}

async fn aes_gcm(
    encrypt: bool,
    key: &JsValue,
    nonce: &[u8],
    data: &[u8],
) -> Result<Vec<u8>, JsValue> {
    let params = object(&[
        ("name", &JsValue::from_str("AES-GCM")),
        ("iv", &Uint8Array::from(nonce)),
    ])?;
    let method = if encrypt { "encrypt" } else { "decrypt" };
    let out = wait(call(
        &subtle()?,
        method,
        &[&params, key, &Uint8Array::from(data)],
    )?)
    .await?;
    Ok(Uint8Array::new(&out).to_vec())
}

/// The backup file: compressed, and encrypted when a passphrase is given.
pub async fn encode(backup: &Backup, passphrase: Option<&str>) -> Result<Vec<u8>, JsValue> {
    let packed = gzip(&backup.to_json(), false).await?;
    let Some(pass) = passphrase else {
        return Ok(packed);
    };
    let mut salt = [0u8; 16];
    salt.copy_from_slice(&random(16)?);
    let mut nonce = [0u8; 12];
    nonce.copy_from_slice(&random(12)?);
    let envelope = Envelope {
        iterations: ITERATIONS,
        salt,
        nonce,
    };
    let k = key(pass, &salt, ITERATIONS).await?;
    let mut out = envelope.to_bytes();
    out.extend(aes_gcm(true, &k, &nonce, &packed).await?);
    Ok(out)
}

/// Reads and checks a backup file whole. An encrypted one needs its passphrase.
pub async fn decode(bytes: &[u8], passphrase: Option<&str>) -> Result<Backup, BackupProblem> {
    let packed = match Envelope::sniff(bytes)? {
        FileKind::Plain => bytes.to_vec(),
        FileKind::Encrypted(e, start) => {
            let pass = passphrase
                .filter(|p| !p.is_empty())
                .ok_or(BackupProblem::NeedsPassphrase)?;
            let k = key(pass, &e.salt, e.iterations)
                .await
                .map_err(|_| BackupProblem::WrongPassphrase)?;
            // AES-GCM authenticates: a wrong key or an altered file both fail here.
            aes_gcm(false, &k, &e.nonce, &bytes[start..])
                .await
                .map_err(|_| BackupProblem::WrongPassphrase)?
        }
    };
    let json = gzip(&packed, true)
        .await
        .map_err(|_| BackupProblem::Damaged("gzip".into()))?;
    Backup::from_json(&json)
}

/// Whether the file needs a passphrase (so the form can ask for one).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    matches!(Envelope::sniff(bytes), Ok(FileKind::Encrypted(..)))
}
