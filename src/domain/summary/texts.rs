//! A short list of texts in one allocation: a summary's phones, e-mails, contact names and
//! tags.
//!
//! As a `Vec<String>` each list costs an allocation for the list and one per text, each with
//! the allocator's header and rounding: about 200 bytes a customer over the four lists, 60 MB
//! of the page's memory at 300,000 customers. Held here as one run of bytes — each text's
//! length as a varint, then the text, the summary chunk's own spelling — the four take one
//! allocation each, and none when empty.

use crate::domain::wire::{Reader, Result, WireError, Writer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Texts in order, packed (see the module's documentation). Build it from texts with
/// [`TextList::from`] or `collect`, read it with [`TextList::iter`].
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct TextList {
    /// Each text's length in bytes as a varint, then its UTF-8 bytes; checked when made,
    /// so reading it back cannot fail.
    bytes: Box<[u8]>,
}

impl TextList {
    /// The texts, in order.
    pub fn iter(&self) -> Texts<'_> {
        Texts {
            r: Reader::new(&self.bytes),
        }
    }

    /// The texts' bytes, in order, without checking them again (they are UTF-8): for
    /// counting or comparing many lists where only a few distinct texts become `str`s.
    pub fn iter_bytes(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let mut r = Reader::new(&self.bytes);
        std::iter::from_fn(move || {
            if r.remaining() == 0 {
                return None;
            }
            let len = r.len().ok()?;
            r.take(len).ok()
        })
    }

    /// Number of texts.
    pub fn len(&self) -> usize {
        self.iter_bytes().count()
    }

    /// Whether there are no texts.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The first text.
    pub fn first(&self) -> Option<&str> {
        self.iter().next()
    }

    /// Whether one of the texts is `text`.
    pub fn contains(&self, text: &str) -> bool {
        self.iter().any(|t| t == text)
    }

    /// The texts joined by `separator`.
    pub fn join(&self, separator: &str) -> String {
        let mut out = String::new();
        for (i, t) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(separator);
            }
            out.push_str(t);
        }
        out
    }

    /// The texts as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }

    /// Writes the list as a summary chunk holds it: the number of texts, then the texts.
    pub(super) fn write(&self, w: &mut Writer) {
        w.uvar(self.len() as u64);
        w.raw(&self.bytes);
    }

    /// Reads a list [`TextList::write`] wrote, checking every text, and keeps its bytes.
    pub(super) fn read(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.len()?;
        let start = r.rest();
        for _ in 0..n {
            let len = r.len()?;
            std::str::from_utf8(r.take(len)?).map_err(|_| WireError("text is not UTF-8"))?;
        }
        let used = start.len() - r.remaining();
        Ok(TextList {
            bytes: start[..used].into(),
        })
    }
}

impl<S: AsRef<str>> FromIterator<S> for TextList {
    fn from_iter<I: IntoIterator<Item = S>>(texts: I) -> Self {
        let mut w = Writer::with_capacity(0);
        for t in texts {
            w.str(t.as_ref());
        }
        TextList {
            bytes: w.into_bytes().into_boxed_slice(),
        }
    }
}

impl<S: AsRef<str>> From<&[S]> for TextList {
    fn from(texts: &[S]) -> Self {
        texts.iter().collect()
    }
}

impl<S: AsRef<str>> From<&Vec<S>> for TextList {
    fn from(texts: &Vec<S>) -> Self {
        texts.iter().collect()
    }
}

impl<S: AsRef<str>> From<Vec<S>> for TextList {
    fn from(texts: Vec<S>) -> Self {
        texts.iter().collect()
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for TextList {
    fn from(texts: [S; N]) -> Self {
        texts.iter().collect()
    }
}

impl<'a> IntoIterator for &'a TextList {
    type Item = &'a str;
    type IntoIter = Texts<'a>;
    fn into_iter(self) -> Texts<'a> {
        self.iter()
    }
}

impl fmt::Debug for TextList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// As the list of texts it holds, so the older serde-encoded chunks read as before.
impl Serialize for TextList {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        // The length first, as postcard needs it.
        self.iter().collect::<Vec<&str>>().serialize(s)
    }
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Vec::<String>::deserialize(d).map(TextList::from)
    }
}

/// The texts of a [`TextList`], in order.
#[derive(Clone)]
pub struct Texts<'a> {
    r: Reader<'a>,
}

impl<'a> Iterator for Texts<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.r.remaining() == 0 {
            return None;
        }
        let len = self.r.len().ok()?;
        let bytes = self.r.take(len).ok()?;
        // Checked when the list was made (from `str`s, or by `read`).
        std::str::from_utf8(bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_back_in_order() {
        let list = TextList::from(vec!["138 0013 8000", "", "张三", "a\u{1f}b"]);
        assert_eq!(
            list.iter().collect::<Vec<_>>(),
            ["138 0013 8000", "", "张三", "a\u{1f}b"]
        );
        assert_eq!(list.len(), 4);
        assert_eq!(list.first(), Some("138 0013 8000"));
        assert!(list.contains("张三") && !list.contains("张"));
        assert_eq!(
            format!("{list:?}"),
            r#"["138 0013 8000", "", "张三", "a\u{1f}b"]"#
        );
        assert_eq!(list.to_vec()[2], "张三");
        assert_eq!(list.join("; "), "138 0013 8000; ; 张三; a\u{1f}b");
        assert_eq!(TextList::from(["x"]).join("; "), "x");
    }

    #[test]
    fn an_empty_list_holds_no_bytes() {
        let none = TextList::from(Vec::<String>::new());
        assert!(none.is_empty());
        assert_eq!(none.len(), 0);
        assert_eq!(none.first(), None);
        assert_eq!(none.bytes.len(), 0);
        let mut w = Writer::with_capacity(1);
        none.write(&mut w);
        assert_eq!(w.into_bytes(), vec![0]);
    }

    #[test]
    fn written_as_a_chunk_spells_a_list_of_strings() {
        let list = TextList::from(vec!["ab", "王"]);
        let mut w = Writer::with_capacity(8);
        list.write(&mut w);
        w.u8(0xEE);
        let bytes = w.into_bytes();
        // Count 2; "ab" is 2 bytes; "王" is 3 bytes of UTF-8 (E7 8E 8B).
        assert_eq!(bytes, [2, 2, b'a', b'b', 3, 0xE7, 0x8E, 0x8B, 0xEE]);
        let mut r = Reader::new(&bytes);
        assert_eq!(TextList::read(&mut r).unwrap(), list);
        assert_eq!(r.u8(), Ok(0xEE), "the reader stops after the list");
        // Not UTF-8, or cut short: refused.
        let mut bad = bytes.clone();
        bad[5] = 0xFF;
        assert!(TextList::read(&mut Reader::new(&bad)).is_err());
        assert!(TextList::read(&mut Reader::new(&bytes[..6])).is_err());
    }
}
