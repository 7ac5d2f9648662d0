//! Importing customers, contact persons, interactions and purchases from CSV files written by
//! Excel, WPS or another CRM. Each step is a pure function, tested natively:
//! 1. [`sniff`] the bytes: UTF-8 (with or without a byte-order mark), UTF-16 (Excel's "Unicode
//!    text"), or GBK / GB18030 as Excel and WPS write CSV in China. Anything else is refused.
//!    The browser's `TextDecoder` turns the legacy encodings into text.
//! 2. [`table::read`] the text: the delimiter detected, every row numbered by its true line.
//!    A vCard file (business cards) is read by [`cards::table`] into the same shape: one row
//!    per card, numbered by the line the card starts on.
//! 3. [`mapping::auto`] maps the header to fields from common Chinese and English column names;
//!    the user can change every column.
//! 4. [`plan::Planner`] checks every row and matches it with what is already stored: what will
//!    be created, updated or skipped, and each failing row with its column, value and reason.
//! 5. The store writes the plan as one batch with its [`batch::ImportBatch`] journal, so one
//!    click undoes all of it.

pub mod batch;
pub mod cards;
pub mod mapping;
pub mod plan;
pub mod table;

pub use mapping::{Kind, Mapping, Target};
pub use plan::{Existing, Plan, Planner, Policy};

use crate::domain::validate::Problem;

/// Largest file read (bytes).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Most data rows read from one file.
pub const MAX_ROWS: usize = 200_000;

/// How a file's text is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// GBK or GB18030 (GB18030 is a superset of GBK, so one decoder reads both).
    Gb18030,
}

impl Encoding {
    /// The WHATWG encoding label, as `TextDecoder` takes it.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }

    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16",
            Encoding::Gb18030 => "GBK / GB18030",
        }
    }
}

/// Why a whole file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// No header, or nothing at all.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// More than [`MAX_ROWS`] data rows.
    TooManyRows,
    /// Not text in any encoding we read (a spreadsheet's binary format, an image...).
    NotText,
}

/// Why one row, or one value in it, was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A value failed the same check the forms apply.
    Value(Problem),
    /// The row's quoting is broken, so its cells cannot be told apart.
    Unreadable,
    /// The row has a different number of cells than the header.
    CellCount { found: usize, expected: usize },
    /// No customer has this id or name.
    UnknownCustomer(String),
    /// Several customers have this name: use their id instead.
    AmbiguousCustomer(String, usize),
    /// No team member has this name.
    UnknownOwner(String),
    /// Not a way of contact we know (电话, 拜访, 微信...).
    UnknownChannel(String),
    /// Neither an organisation nor a person (单位 / 个人).
    UnknownParty(String),
    /// Not a currency we know.
    UnknownCurrency(String),
    /// Not a lead source we know (展会, 转介绍, 网站...).
    UnknownSource(String),
    /// Neither "offered" nor "not offered" (是/否, 在售/停售, yes/no).
    UnknownActive(String),
    /// A business card of a vCard file that cannot be read.
    Card(crate::domain::vcard::CardProblem),
}

/// A row that was not imported, or a value in it that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The row's first line in the file (1 is the header).
    pub line: usize,
    /// The column's header as written in the file, when one column is at fault.
    pub column: Option<String>,
    /// The offending value as written, when there is one.
    pub value: String,
    /// What is wrong.
    pub problem: RowProblem,
}

/// Works out how `bytes` are encoded, refusing files that are too large or not text.
pub fn sniff(bytes: &[u8]) -> Result<Encoding, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileProblem::Empty);
    }
    if bytes.starts_with(&[0xff, 0xfe]) {
        return Ok(Encoding::Utf16Le);
    }
    if bytes.starts_with(&[0xfe, 0xff]) {
        return Ok(Encoding::Utf16Be);
    }
    if let Some(text) = utf8_text(bytes) {
        // NUL never appears in a text CSV; it does in binary files that happen to be UTF-8.
        return if text.contains('\0') {
            Err(FileProblem::NotText)
        } else {
            Ok(Encoding::Utf8)
        };
    }
    if looks_like_gb18030(bytes) {
        Ok(Encoding::Gb18030)
    } else {
        Err(FileProblem::NotText)
    }
}

/// The text of UTF-8 bytes, past any byte-order mark; `None` when they are not UTF-8.
pub fn utf8_text(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(bytes).ok()
}

/// Whether every byte sequence is a GB18030 character: ASCII text (no control characters but
/// tab and line breaks), two-byte GBK characters (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F),
/// or four-byte GB18030 ones (lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39).
pub fn looks_like_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\t' | b'\n' | b'\r' | 0x20..=0x7e => i += 1,
            0x81..=0xfe => match bytes.get(i + 1) {
                Some(0x40..=0x7e | 0x80..=0xfe) => i += 2,
                Some(0x30..=0x39) => match (bytes.get(i + 2), bytes.get(i + 3)) {
                    (Some(0x81..=0xfe), Some(0x30..=0x39)) => i += 4,
                    _ => return false,
                },
                _ => return false,
            },
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "客户名称,电话\n张三,13800138000\n" as Excel writes it in GBK: 客 = BF CD, 户 = BB A7,
    /// 名 = C3 FB, 称 = B3 C6, 电 = B5 E7, 话 = BB B0, 张 = D5 C5, 三 = C8 FD (GB 2312 table).
    pub(crate) const GBK_FILE: &[u8] =
        b"\xbf\xcd\xbb\xa7\xc3\xfb\xb3\xc6,\xb5\xe7\xbb\xb0\r\n\xd5\xc5\xc8\xfd,13800138000\r\n";

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(sniff("客户,电话\n".as_bytes()), Ok(Encoding::Utf8));
        assert_eq!(sniff(b"\xef\xbb\xbfname\n"), Ok(Encoding::Utf8));
        assert_eq!(sniff(b"\xff\xfen\x00a\x00"), Ok(Encoding::Utf16Le));
        assert_eq!(sniff(b"\xfe\xff\x00n"), Ok(Encoding::Utf16Be));
        assert_eq!(sniff(GBK_FILE), Ok(Encoding::Gb18030));
        // A four-byte GB18030 character (U+00E9 é = 81 30 8F 30... any valid shape).
        assert_eq!(sniff(b"caf\x81\x30\x81\x30\n"), Ok(Encoding::Gb18030));
    }

    #[test]
    fn binary_empty_and_huge_files_are_refused() {
        // The start of an .xlsx (a zip archive) and of a PNG.
        assert_eq!(
            sniff(b"PK\x03\x04\x14\x00\x06\x00"),
            Err(FileProblem::NotText)
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n"), Err(FileProblem::NotText));
        // Valid UTF-8 with a NUL in it.
        assert_eq!(sniff(b"a,b\n\0\0"), Err(FileProblem::NotText));
        // A GBK file cut in the middle of a character.
        assert_eq!(sniff(&GBK_FILE[..3]), Err(FileProblem::NotText));
        assert_eq!(sniff(b""), Err(FileProblem::Empty));
        assert_eq!(sniff(b" \r\n"), Err(FileProblem::Empty));
        assert_eq!(
            sniff(&vec![b'a'; MAX_BYTES + 1]),
            Err(FileProblem::TooLarge)
        );
    }
}
