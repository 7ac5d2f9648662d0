//! CSV export that opens correctly in Excel and WPS: UTF-8 with a byte-order mark, CRLF line
//! ends, RFC 4180 quoting, and text cells that could be read as a formula (`= + - @`, tab, CR at
//! the start) neutralised with a leading apostrophe.

use crate::domain::analysis::engine::{Analysis, CustomerClasses};
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::date_input_value;
use std::collections::HashMap;

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

/// A column of a customer export (list or segment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Company,
    Kind,
    Region,
    Owner,
    Phones,
    Emails,
    WeChat,
    Tags,
    RfmSegment,
    R,
    F,
    M,
    Importance,
    Loyalty,
    Lifecycle,
    Quadrant,
    PAlive,
    Clv,
    Revenue,
    LastPurchase,
    DoNotContact,
    OpenComplaint,
}

impl Column {
    /// Every column, in export order.
    pub const ALL: [Column; 23] = [
        Column::Name,
        Column::Company,
        Column::Kind,
        Column::Region,
        Column::Owner,
        Column::Phones,
        Column::Emails,
        Column::WeChat,
        Column::Tags,
        Column::RfmSegment,
        Column::R,
        Column::F,
        Column::M,
        Column::Importance,
        Column::Loyalty,
        Column::Lifecycle,
        Column::Quadrant,
        Column::PAlive,
        Column::Clv,
        Column::Revenue,
        Column::LastPurchase,
        Column::DoNotContact,
        Column::OpenComplaint,
    ];

    /// A stable key, for remembering the choice.
    pub fn key(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Company => "company",
            Column::Kind => "kind",
            Column::Region => "region",
            Column::Owner => "owner",
            Column::Phones => "phones",
            Column::Emails => "emails",
            Column::WeChat => "wechat",
            Column::Tags => "tags",
            Column::RfmSegment => "rfm",
            Column::R => "r",
            Column::F => "f",
            Column::M => "m",
            Column::Importance => "importance",
            Column::Loyalty => "loyalty",
            Column::Lifecycle => "lifecycle",
            Column::Quadrant => "quadrant",
            Column::PAlive => "p_alive",
            Column::Clv => "clv",
            Column::Revenue => "revenue",
            Column::LastPurchase => "last_purchase",
            Column::DoNotContact => "dnc",
            Column::OpenComplaint => "complaint",
        }
    }

    /// The column with this key.
    pub fn parse(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }

    /// The header, in `lang`.
    pub fn header(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Column::Name => ("Name", "名称"),
            Column::Company => ("Works at", "所在单位"),
            Column::Kind => ("Kind", "类型"),
            Column::Region => ("Region", "地区"),
            Column::Owner => ("Owner", "负责人"),
            Column::Phones => ("Phones", "电话"),
            Column::Emails => ("E-mails", "邮箱"),
            Column::WeChat => ("WeChat", "微信"),
            Column::Tags => ("Tags", "标签"),
            Column::RfmSegment => ("RFM segment", "RFM 分群"),
            Column::R => ("R", "R"),
            Column::F => ("F", "F"),
            Column::M => ("M", "M"),
            Column::Importance => ("Importance", "重要程度"),
            Column::Loyalty => ("Loyalty stage", "忠诚阶段"),
            Column::Lifecycle => ("Lifecycle", "生命周期"),
            Column::Quadrant => ("Value quadrant", "价值象限"),
            Column::PAlive => ("Probability active", "仍活跃概率"),
            Column::Clv => ("Lifetime value (CNY)", "终身价值（元）"),
            Column::Revenue => ("Lifetime revenue (CNY)", "累计金额（元）"),
            Column::LastPurchase => ("Last purchase", "最近购买"),
            Column::DoNotContact => ("Do not contact", "勿扰"),
            Column::OpenComplaint => ("Open complaint", "投诉未结"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// The cell of one customer (`owner`: the owner's name).
    pub fn cell(
        self,
        s: &CustomerSummary,
        c: Option<&CustomerClasses>,
        owner: &str,
        lang: Lang,
    ) -> Cell {
        let t = lang.texts();
        let rfm = c.and_then(|c| c.rfm);
        let p = c.and_then(|c| c.prediction);
        let num = |v: Option<f64>, digits: usize| {
            Cell::Number(v.map(|v| format!("{v:.digits$}")).unwrap_or_default())
        };
        let yes_no = |b: bool| Cell::text(if b { t.yes } else { t.no });
        match self {
            Column::Name => Cell::text(&s.name),
            Column::Company => Cell::text(&s.company),
            Column::Kind => Cell::text(s.kind.label(t)),
            Column::Region => Cell::text(&s.region),
            Column::Owner => Cell::text(owner),
            Column::Phones => Cell::text(s.phones.join("; ")),
            Column::Emails => Cell::text(s.emails.join("; ")),
            Column::WeChat => Cell::text(&s.wechat),
            Column::Tags => Cell::text(s.tags.join("; ")),
            Column::RfmSegment => Cell::text(
                rfm.map(|r| r.segment.label(lang.texts()))
                    .unwrap_or_default(),
            ),
            Column::R => num(rfm.map(|r| f64::from(r.r)), 0),
            Column::F => num(rfm.map(|r| f64::from(r.f)), 0),
            Column::M => num(rfm.map(|r| f64::from(r.m)), 0),
            Column::Importance => Cell::text(
                c.map(|c| c.importance.class.label(lang.texts()))
                    .unwrap_or_default(),
            ),
            Column::Loyalty => Cell::text(
                c.map(|c| c.loyalty.stage.label(lang.texts()))
                    .unwrap_or_default(),
            ),
            Column::Lifecycle => Cell::text(
                c.map(|c| c.lifecycle.stage.label(lang.texts()))
                    .unwrap_or_default(),
            ),
            Column::Quadrant => Cell::text(
                c.and_then(|c| c.quadrant)
                    .map(|q| q.class.label(lang.texts()))
                    .unwrap_or_default(),
            ),
            Column::PAlive => num(p.map(|p| p.p_alive), 3),
            Column::Clv => num(p.map(|p| p.clv), 2),
            Column::Revenue => num(c.map(|c| c.revenue), 2),
            Column::LastPurchase => Cell::text(
                s.activity
                    .last_purchase_date()
                    .map(date_input_value)
                    .unwrap_or_default(),
            ),
            Column::DoNotContact => yes_no(s.do_not_contact),
            Column::OpenComplaint => yes_no(s.activity.open_complaints > 0),
        }
    }
}

/// One customer as an export needs it: the summary, its classes and its owner's name.
pub fn row<'a>(
    s: &'a CustomerSummary,
    analysis: &'a Analysis,
    owners: &HashMap<Id, String>,
) -> (&'a CustomerSummary, Option<&'a CustomerClasses>, String) {
    let owner = s
        .owner_id
        .and_then(|o| owners.get(&o).cloned())
        .unwrap_or_default();
    (s, analysis.get(s.id), owner)
}

/// A customer export of the chosen columns (in [`Column::ALL`] order whatever the order
/// chosen; every column when none is).
pub fn customers<'a>(
    chosen: &[Column],
    rows: impl IntoIterator<Item = (&'a CustomerSummary, Option<&'a CustomerClasses>, String)>,
    lang: Lang,
) -> String {
    let columns: Vec<Column> = Column::ALL
        .into_iter()
        .filter(|c| chosen.is_empty() || chosen.contains(c))
        .collect();
    let headers: Vec<&str> = columns.iter().map(|c| c.header(lang)).collect();
    csv(
        &headers,
        rows.into_iter().map(|(s, c, owner)| {
            columns
                .iter()
                .map(|col| col.cell(s, c, &owner, lang))
                .collect()
        }),
    )
}

/// One table of a report as shown on screen: its header and its rows' cell texts.
pub type ShownTable = (Vec<String>, Vec<Vec<String>>);

/// Whether a cell as shown is a plain number: an optional sign, digits with optional
/// grouping commas, optional decimals, an optional percent sign ("-2.5", "1,234", "+12%").
fn plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    let (whole, frac) = body.split_once('.').unwrap_or((body, "0"));
    !whole.is_empty()
        && whole.starts_with(|c: char| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !frac.is_empty()
        && frac.chars().all(|c| c.is_ascii_digit())
}

/// The tables of a report, as shown, as one CSV document (a blank line between tables).
/// Columns empty in every row (a bar drawn in the cell) are left out; a cell that is a plain
/// number is written as a number, anything else as text guarded against formulas.
pub fn shown_tables(tables: &[ShownTable]) -> String {
    let mut out = String::new();
    for (header, rows) in tables {
        let keep: Vec<usize> = (0..header.len())
            .filter(|&i| {
                rows.iter()
                    .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
            })
            .collect();
        let heads: Vec<&str> = keep.iter().map(|&i| header[i].trim()).collect();
        let body = rows.iter().map(|r| {
            keep.iter()
                .map(|&i| {
                    let c = r.get(i).map_or("", |c| c.trim());
                    if plain_number(c) {
                        Cell::Number(c.to_string())
                    } else {
                        Cell::text(c)
                    }
                })
                .collect()
        });
        let part = csv(&heads, body);
        if out.is_empty() {
            out = part;
        } else {
            out.push_str("\r\n");
            out.push_str(part.trim_start_matches('\u{feff}'));
        }
    }
    out
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
    fn chosen_columns_in_their_order_with_localised_headers() {
        use crate::domain::id::Id;
        let mut s = crate::domain::summary::tests::summary(Id::generate());
        s.name = "=HYPERLINK(\"x\")".into();
        s.phones = ["138 0013 8000", "010-1234 5678"].into();
        s.activity.open_complaints = 1;
        let doc = customers(
            &[Column::OpenComplaint, Column::Phones, Column::Name],
            [(&s, None, "王芳".to_string())],
            Lang::Zh,
        );
        let lines: Vec<&str> = doc.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "名称,电话,投诉未结");
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"x\"\")\",138 0013 8000; 010-1234 5678,是"
        );
        let all = customers(&[], [(&s, None, String::new())], Lang::En);
        assert!(
            all.trim_start_matches('\u{feff}')
                .starts_with("Name,Works at,Kind,Region,Owner,")
        );
        for c in Column::ALL {
            assert_eq!(Column::parse(c.key()), Some(c));
        }
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

    #[test]
    fn report_tables_are_written_as_shown() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<String>>();
        let by_category = (
            s(&["类别", "全部", ""]),
            vec![
                s(&["产品质量", "3", ""]),
                s(&["=cmd|' /C calc'!A0", "-2.5%", ""]),
            ],
        );
        let causes = (
            s(&["原因", "客户数"]),
            vec![s(&["价格", "1,204"]), s(&["+86 电话", "+12"])],
        );
        assert_eq!(
            shown_tables(&[by_category, causes]),
            "\u{feff}类别,全部\r\n产品质量,3\r\n'=cmd|' /C calc'!A0,-2.5%\r\n\r\n原因,客户数\r\n价格,\"1,204\"\r\n'+86 电话,+12\r\n"
        );
        assert!(plain_number("0.5") && plain_number("12%") && plain_number("-3"));
        assert!(
            !plain_number("1.2.3")
                && !plain_number("-")
                && !plain_number("1e5")
                && !plain_number(".")
        );
    }
}
