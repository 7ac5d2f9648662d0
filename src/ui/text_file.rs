//! Reading a picked or dropped file as text, in whichever encoding the spreadsheet wrote it:
//! UTF-8 (with or without BOM), UTF-16, or GBK / GB18030 through the browser's `TextDecoder`.

use crate::domain::import::{Encoding, FileProblem, sniff, utf8_text};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The file's encoding and text; refused when larger than `max_bytes` or not text.
pub async fn read_text(
    file: web_sys::File,
    max_bytes: usize,
) -> Result<(Encoding, String), FileProblem> {
    if file.size() > max_bytes as f64 {
        return Err(FileProblem::TooLarge);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileProblem::NotText)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let encoding = sniff(&bytes)?;
    Ok((encoding, decode(&bytes, encoding)?))
}

/// The text of `bytes` in `encoding`: UTF-8 here, the others through `TextDecoder` in fatal
/// mode, which refuses (rather than garbles) bytes that are not in the encoding.
fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, FileProblem> {
    let text = match encoding {
        Encoding::Utf8 => utf8_text(bytes).ok_or(FileProblem::NotText)?.to_string(),
        other => {
            let options = web_sys::TextDecoderOptions::new();
            options.set_fatal(true);
            let decoder = web_sys::TextDecoder::new_with_label_and_options(other.label(), &options)
                .map_err(|_| FileProblem::NotText)?;
            let view = js_sys::Uint8Array::from(bytes);
            decoder
                .decode_with_buffer_source(view.unchecked_ref())
                .map_err(|_| FileProblem::NotText)?
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    if text.contains('\0') {
        return Err(FileProblem::NotText);
    }
    Ok(text)
}
