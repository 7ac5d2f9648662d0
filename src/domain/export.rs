//! CSV export that opens correctly in Excel and WPS: UTF-8 with a byte-order mark, CRLF line
//! ends, RFC 4180 quoting, and text cells that could be read as a formula (`= + - @`, tab, CR at
//! the start) neutralised with a leading apostrophe.

/// A cell of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text typed by someone: guarded against formula injection.
    Text(String),
    /// A number the app computed: written as is (a negative number is not a formula).
    Number(String),
}

impl Cell {
    /// A text cell.
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The CSV document: a header row and the data rows.
pub fn csv(headers: &[&str], rows: impl IntoIterator<Item = Vec<Cell>>) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",");
    out.push_str(&line(headers.iter().map(|h| h.to_string()).collect()));
    out.push_str("\r\n");
    for row in rows {
        let cells = row
            .into_iter()
            .map(|c| match c {
                Cell::Text(t) => neutralise(&t),
                Cell::Number(n) => n,
            })
            .collect();
        out.push_str(&line(cells));
        out.push_str("\r\n");
    }
    out
}

/// Why a customer is left out of a marketing export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftOut {
    /// The customer asked not to be contacted.
    DoNotContact,
    /// A complaint of theirs is still open: settle it before marketing to them.
    OpenComplaint,
}

/// Whether (and why) a marketing export leaves the customer out. Do-not-contact comes first
/// when both apply, so each customer is counted once.
pub fn left_out_of_marketing(s: &crate::domain::summary::CustomerSummary) -> Option<LeftOut> {
    if s.do_not_contact {
        Some(LeftOut::DoNotContact)
    } else if s.activity.open_complaints > 0 {
        Some(LeftOut::OpenComplaint)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marketing_leaves_out_do_not_contact_first_then_open_complaints() {
        use crate::domain::id::Id;
        let mut s = crate::domain::summary::tests::summary(Id::generate());
        assert_eq!(left_out_of_marketing(&s), None);
        s.activity.open_complaints = 1;
        assert_eq!(left_out_of_marketing(&s), Some(LeftOut::OpenComplaint));
        s.do_not_contact = true;
        assert_eq!(left_out_of_marketing(&s), Some(LeftOut::DoNotContact));
    }

    #[test]
    fn a_document_excel_opens() {
        let doc = csv(
            &["名称", "金额"],
            [
                vec![Cell::text("杭州西湖茶业"), Cell::Number("1234.5".into())],
                vec![Cell::text("Acme, \"Ltd\""), Cell::Number("-3".into())],
                vec![Cell::text("line\nbreak"), Cell::Number("0".into())],
            ],
        );
        assert!(doc.starts_with('\u{feff}'), "BOM so Excel reads UTF-8");
        let lines: Vec<&str> = doc.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "名称,金额");
        assert_eq!(lines[1], "杭州西湖茶业,1234.5");
        assert_eq!(
            lines[2], "\"Acme, \"\"Ltd\"\"\",-3",
            "quotes doubled, numbers untouched"
        );
        assert_eq!(lines[3], "\"line\nbreak\",0");
    }

    #[test]
    fn formulas_are_neutralised() {
        for hostile in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "\rcmd",
        ] {
            let doc = csv(&["x"], [vec![Cell::text(hostile)]]);
            let cell = doc
                .trim_start_matches('\u{feff}')
                .split("\r\n")
                .nth(1)
                .unwrap();
            let cell = cell.trim_matches('"');
            assert!(cell.starts_with('\''), "{hostile:?} → {cell:?}");
        }
        let doc = csv(&["x"], [vec![Cell::text("a=b")]]);
        assert!(doc.contains("\r\na=b\r\n"), "only a leading sign matters");
    }
}
