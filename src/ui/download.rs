//! Saving a generated file (an export) through the browser's download.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Offers `content` as a download named `filename`. Returns `false` when the browser refused.
pub fn download(filename: &str, mime: &str, content: &str) -> bool {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    offer(filename, mime, &parts)
}

/// Offers bytes as a download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, content: &[u8]) -> bool {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(content));
    offer(filename, mime, &parts)
}

fn offer(filename: &str, mime: &str, parts: &js_sys::Array) -> bool {
    let run = || -> Result<(), JsValue> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.set_hidden(true);
        document.body().ok_or("no body")?.append_child(&a)?;
        a.click();
        a.remove();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    };
    run().is_ok()
}
