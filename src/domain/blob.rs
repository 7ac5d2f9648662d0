//! Versioned binary blobs: a format byte, then the value in postcard. Summary chunks and
//! purchase books are stored this way; a blob of another format or with damaged bytes is
//! refused, never half read.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a blob could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Undecodable {
    /// Written with another format byte.
    Format(u8),
    /// Damaged or empty.
    Corrupt(String),
}

/// `value` behind the `format` byte.
pub(crate) fn encode<T: Serialize + ?Sized>(format: u8, value: &T) -> Vec<u8> {
    let mut out = vec![format];
    // Serialising plain data into a Vec cannot fail.
    out.extend(postcard::to_allocvec(value).unwrap_or_default());
    out
}

/// The value of a blob written by [`encode`] with `format`.
pub(crate) fn decode<T: DeserializeOwned>(format: u8, bytes: &[u8]) -> Result<T, Undecodable> {
    match bytes.split_first() {
        Some((&f, rest)) if f == format => {
            postcard::from_bytes(rest).map_err(|e| Undecodable::Corrupt(e.to_string()))
        }
        Some((&other, _)) => Err(Undecodable::Format(other)),
        None => Err(Undecodable::Corrupt("empty".into())),
    }
}
