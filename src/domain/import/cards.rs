//! A vCard file of business cards read as an import table, so cards go through the wizard
//! like a CSV file: the same mapping, checks, preview, error report and undo. Each card is
//! one row named by the line its `BEGIN:VCARD` is on; a card that cannot be read is a row
//! with its problem. The columns are named after the vCard properties they come from (FN,
//! ORG, TITLE, TEL, EMAIL, NOTE), which the automatic mapping knows; several phones or
//! e-mails of one card share a cell, separated by `;` as the list fields split them.

use super::table::{Row, Table};
use super::{FileProblem, MAX_ROWS, RowProblem};
use crate::domain::vcard::{self, Card};
use csv::StringRecord;

/// The columns of a card table.
pub const HEADER: [&str; 6] = ["FN", "ORG", "TITLE", "TEL", "EMAIL", "NOTE"];

/// Whether `text` is a vCard file rather than CSV: its first non-blank line opens a card.
pub fn is_vcard(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.eq_ignore_ascii_case("BEGIN:VCARD"))
}

fn cells(card: &Card) -> StringRecord {
    let org = if card.organisation && card.org.is_empty() {
        card.name.as_str()
    } else {
        card.org.as_str()
    };
    // A card of an organisation (KIND:org) names no person: its name is the organisation.
    let name = if card.organisation { "" } else { &card.name };
    StringRecord::from(vec![
        name,
        org,
        &card.title,
        &card.phones.join("; "),
        &card.emails.join("; "),
        &card.note,
    ])
}

/// The cards of `text` as a table in file order, unreadable cards as rows with their
/// problem. A file without a card is empty; more than [`MAX_ROWS`] cards are refused.
pub fn table(text: &str) -> Result<Table, FileProblem> {
    let (cards, errors) = vcard::parse_located(text);
    if cards.len() + errors.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows);
    }
    let mut rows: Vec<(usize, Row)> = cards
        .iter()
        .map(|(n, line, card)| {
            (
                *n,
                Row {
                    line: *line,
                    cells: Ok(cells(card)),
                },
            )
        })
        .chain(errors.into_iter().map(|e| {
            (
                e.card,
                Row {
                    line: e.line,
                    cells: Err(RowProblem::Card(e.problem)),
                },
            )
        }))
        .collect();
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    rows.sort_by_key(|(n, _)| *n);
    Ok(Table {
        header: HEADER.iter().map(|h| h.to_string()).collect(),
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        delimiter: b',',
        cards: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::mapping::{Kind, Target, auto};

    const FILE: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nORG:华星贸易有限公司;销售部\r\n\
TITLE:采购经理\r\nTEL;TYPE=CELL:138 0013 8000\r\nTEL;TYPE=WORK:010-6552 1234\r\n\
EMAIL:zhang.wei@huaxing.cn\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=BIG5:x;y\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:远景科技\r\nTEL:400-800-1234\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nFN:Li Na\r\n";

    #[test]
    fn cards_become_rows_numbered_by_their_first_line() {
        assert!(is_vcard("\u{feff}\r\n begin:vcard\r\nFN:x\r\nEND:VCARD"));
        assert!(!is_vcard("姓名,电话\n张三,1\n"));
        let t = table(FILE).unwrap();
        assert!(t.cards);
        assert_eq!(t.rows.len(), 4);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 10, 14, 20]);
        let first = t.rows[0].cells.as_ref().unwrap();
        assert_eq!(
            first.iter().collect::<Vec<_>>(),
            vec![
                "张伟",
                "华星贸易有限公司",
                "采购经理",
                "138 0013 8000; 010-6552 1234",
                "zhang.wei@huaxing.cn",
                ""
            ]
        );
        // A Big5 card and an unterminated one are rows with their problem.
        assert_eq!(
            t.rows[1].cells.as_ref().unwrap_err(),
            &RowProblem::Card(vcard::CardProblem::Charset("BIG5".into()))
        );
        // An organisation's card: no person, its name is the organisation.
        let org = t.rows[2].cells.as_ref().unwrap();
        assert_eq!(&org[0], "");
        assert_eq!(&org[1], "远景科技");
        assert_eq!(
            t.rows[3].cells.as_ref().unwrap_err(),
            &RowProblem::Card(vcard::CardProblem::Unterminated)
        );
    }

    #[test]
    fn the_columns_map_themselves_for_leads() {
        let t = table(FILE).unwrap();
        let m = auto(Kind::Leads, &t.header);
        assert_eq!(
            m.0,
            vec![
                Some(Target::Name),
                Some(Target::Company),
                Some(Target::Title),
                Some(Target::Phone),
                Some(Target::Email),
                Some(Target::Notes)
            ]
        );
        assert!(m.missing(Kind::Leads).is_empty());
    }

    #[test]
    fn a_file_without_cards_is_empty() {
        assert_eq!(table("BEGIN:VCARD").map(|t| t.rows.len()), Ok(1));
        assert!(matches!(table("hello"), Err(FileProblem::Empty)));
    }
}
