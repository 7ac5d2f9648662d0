//! Survey responses from a CSV file: one row per response, the columns named by a header the
//! template download writes (`customer, date, recommend, P1 …, E1 …, competitor, C1 …, note`).
//! Item columns are recognised by their first word (`P3` perception of item 3, `E3` its
//! expectation, `C3` the competitor's rating), so the item text after it is free. Every row is
//! checked on its own; a bad row is reported with its line, column and reason and never stops
//! the others.

use super::{ResponseInput, Survey};
use crate::domain::id::Id;
use crate::domain::import::table;
use crate::domain::import::{FileProblem as ImportProblem, RowProblem as ImportRowProblem};
use crate::domain::lang::Lang;
use crate::domain::time::Timestamp;
use crate::domain::validate::{Field, Problem};
use chrono::NaiveDate;

use super::Response;

/// Largest file read (bytes).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most rows read from one file.
pub const MAX_ROWS: usize = 50_000;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Customer,
    Date,
    Recommend,
    /// Item at this position (0-based) of the survey.
    Perception(usize),
    Expectation(usize),
    Competitor,
    CompetitorScore(usize),
    Note,
    /// Not a column we know: ignored and listed.
    Unknown,
}

/// Why the whole file is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// Nothing but an empty header.
    Empty,
    /// Larger than [`MAX_BYTES`].
    TooLarge,
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    /// Not text in any encoding a spreadsheet writes (a binary file).
    NotText,
    /// No column names the customer.
    NoCustomerColumn,
    /// No column holds a rating of this survey.
    NoRatingColumn,
}

impl From<ImportProblem> for FileProblem {
    /// The shared reader's refusals, as this import words them.
    fn from(p: ImportProblem) -> Self {
        match p {
            ImportProblem::TooManyRows => FileProblem::TooManyRows,
            ImportProblem::TooLarge => FileProblem::TooLarge,
            ImportProblem::NotText => FileProblem::NotText,
            ImportProblem::Empty => FileProblem::Empty,
        }
    }
}

/// Why one row was not imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// A value failed the response checks.
    Value(Problem),
    /// No customer is called that (or has that id).
    UnknownCustomer(String),
    /// Several customers are called that: use the id.
    AmbiguousCustomer(String, usize),
    /// The CSV reader could not read the row.
    Unreadable,
    /// The row has a different number of cells than the header.
    CellCount { found: usize, expected: usize },
}

/// One rejected row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    pub line: usize,
    /// The column's header, when one column is at fault.
    pub column: Option<String>,
    pub problem: RowProblem,
}

/// What finding a customer by a CSV cell gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(Id),
    Missing,
    Ambiguous(usize),
}

/// The result of reading a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// Rows that passed every check, ready to store.
    pub responses: Vec<Response>,
    pub errors: Vec<RowError>,
    /// Data rows read.
    pub rows: usize,
    /// Headers not recognised (ignored).
    pub unknown: Vec<String>,
}

/// What a header names, for `survey`.
pub fn column(header: &str, survey: &Survey) -> Column {
    let h = header.trim().trim_start_matches('\u{feff}').trim();
    let first = h.split_whitespace().next().unwrap_or("").to_uppercase();
    let item = |rest: &str| -> Option<usize> {
        let n: usize = rest.parse().ok()?;
        (1..=survey.items.len()).contains(&n).then(|| n - 1)
    };
    if let Some(c) = first.chars().next()
        && let Some(i) = item(&first[c.len_utf8()..])
    {
        match c {
            'P' => return Column::Perception(i),
            'E' if survey.paired() => return Column::Expectation(i),
            'C' => return Column::CompetitorScore(i),
            _ => {}
        }
    }
    match h.to_lowercase().as_str() {
        "customer" | "customer id" | "name" | "客户" | "客户名称" | "客户编号" | "名称" => {
            Column::Customer
        }
        "date" | "日期" | "调查日期" => Column::Date,
        "recommend" | "nps" | "推荐" | "推荐意愿" if survey.recommend => Column::Recommend,
        "competitor" | "竞争对手" => Column::Competitor,
        "note" | "notes" | "备注" => Column::Note,
        _ => Column::Unknown,
    }
}

/// The header row of the template for `survey`, in `lang`.
pub fn template_header(survey: &Survey, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let word = |en: &str, z: &str| if zh { z.to_string() } else { en.to_string() };
    let mut h = vec![word("customer", "客户名称"), word("date", "日期")];
    if survey.recommend {
        h.push(word("recommend", "推荐意愿"));
    }
    for (i, item) in survey.items.iter().enumerate() {
        h.push(format!("P{} {}", i + 1, item.text));
        if survey.paired() {
            h.push(format!("E{} {}", i + 1, item.text));
        }
    }
    if !survey.items.is_empty() {
        h.push(word("competitor", "竞争对手"));
        for (i, item) in survey.items.iter().enumerate() {
            h.push(format!("C{} {}", i + 1, item.text));
        }
    }
    h.push(word("note", "备注"));
    h
}

/// The delimiter the first lines agree on: comma, semicolon or tab.
pub use crate::domain::import::table::delimiter;

/// Reads the responses to `survey` in `text`, finding customers with `find`.
pub fn parse(
    text: &str,
    survey: &Survey,
    find: impl Fn(&str) -> Lookup,
    today: NaiveDate,
    now: Timestamp,
) -> Result<Parsed, FileProblem> {
    // The shared reader numbers every row by its true file line.
    let table = table::read(text)?;
    let header = table.header;
    let columns: Vec<Column> = header.iter().map(|h| column(h, survey)).collect();
    if !columns.contains(&Column::Customer) {
        return Err(FileProblem::NoCustomerColumn);
    }
    if !columns
        .iter()
        .any(|c| matches!(c, Column::Perception(_) | Column::Recommend))
    {
        return Err(FileProblem::NoRatingColumn);
    }
    if table.rows.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows);
    }
    let unknown = header
        .iter()
        .zip(&columns)
        .filter(|(h, c)| **c == Column::Unknown && !h.is_empty())
        .map(|(h, _)| h.clone())
        .collect();
    let header_of = |wanted: Column| -> Option<String> {
        columns
            .iter()
            .position(|&c| c == wanted)
            .map(|i| header[i].clone())
    };
    let mut out = Parsed {
        responses: Vec::new(),
        errors: Vec::new(),
        rows: table.rows.len(),
        unknown,
    };
    for row in table.rows {
        let line = row.line;
        let record = match row.cells {
            Ok(r) => r,
            Err(ImportRowProblem::CellCount { found, expected }) => {
                out.errors.push(RowError {
                    line,
                    column: None,
                    problem: RowProblem::CellCount { found, expected },
                });
                continue;
            }
            Err(_) => {
                out.errors.push(RowError {
                    line,
                    column: None,
                    problem: RowProblem::Unreadable,
                });
                continue;
            }
        };
        let mut input = ResponseInput::for_survey(survey);
        let mut customer = "";
        for (cell, &col) in record.iter().zip(&columns) {
            let v = cell.to_string();
            match col {
                Column::Customer => customer = cell,
                Column::Date => input.date = v,
                Column::Recommend => input.recommend = v,
                Column::Perception(i) => input.perception[i] = v,
                Column::Expectation(i) => input.expectation[i] = v,
                Column::Competitor => input.competitor = v,
                Column::CompetitorScore(i) => input.competitor_scores[i] = v,
                Column::Note => input.note = v,
                Column::Unknown => {}
            }
        }
        let customer_col = header_of(Column::Customer);
        let id = match find(customer.trim()) {
            Lookup::Found(id) => Some(id),
            Lookup::Missing if customer.trim().is_empty() => {
                out.errors.push(RowError {
                    line,
                    column: customer_col,
                    problem: RowProblem::Value(Problem::Required),
                });
                None
            }
            Lookup::Missing => {
                out.errors.push(RowError {
                    line,
                    column: customer_col,
                    problem: RowProblem::UnknownCustomer(customer.trim().to_string()),
                });
                None
            }
            Lookup::Ambiguous(n) => {
                out.errors.push(RowError {
                    line,
                    column: customer_col,
                    problem: RowProblem::AmbiguousCustomer(customer.trim().to_string(), n),
                });
                None
            }
        };
        match input.validate(survey, id.unwrap_or(Id::from_parts(0, [0; 10])), today, now) {
            Ok(r) if id.is_some() => out.responses.push(r),
            Ok(_) => {}
            Err(errs) => {
                for e in errs {
                    let col = match (e.field, e.index) {
                        (Field::Date, _) => Some(Column::Date),
                        (Field::Recommend, _) => Some(Column::Recommend),
                        (Field::Perception, Some(i)) => Some(Column::Perception(i)),
                        (Field::Expectation, Some(i)) => Some(Column::Expectation(i)),
                        (Field::CompetitorScore, Some(i)) => Some(Column::CompetitorScore(i)),
                        (Field::Competitor, _) => Some(Column::Competitor),
                        (Field::Notes, _) => Some(Column::Note),
                        _ => None,
                    };
                    out.errors.push(RowError {
                        line,
                        column: col.and_then(header_of),
                        problem: RowProblem::Value(e.problem),
                    });
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::Template;
    use super::super::tests::{NOW, today};
    use super::*;

    fn who(name: &str) -> Lookup {
        match name {
            "王芳" => Lookup::Found(Id::from_parts(1, [0; 10])),
            "Li Lei" => Lookup::Found(Id::from_parts(2, [0; 10])),
            "张伟" => Lookup::Ambiguous(2),
            _ => Lookup::Missing,
        }
    }

    #[test]
    fn the_template_reads_back() {
        let s = Template::ExpectationPerception.build(Lang::Zh, NOW);
        let header = template_header(&s, Lang::Zh);
        assert_eq!(header[0], "客户名称");
        assert_eq!(header[3], "P1 公司信誉良好");
        assert_eq!(header[4], "E1 公司信誉良好");
        assert_eq!(header.len(), 2 + 1 + 20 + 1 + 10 + 1);
        let cols: Vec<Column> = header.iter().map(|h| column(h, &s)).collect();
        assert_eq!(cols[2], Column::Recommend);
        assert_eq!(cols[22], Column::Expectation(9));
        assert_eq!(cols[23], Column::Competitor);
        assert_eq!(cols[24], Column::CompetitorScore(0));
        assert!(!cols.contains(&Column::Unknown));
        let en = template_header(&s, Lang::En);
        assert!(en.iter().all(|h| column(h, &s) != Column::Unknown));
    }

    #[test]
    fn rows_import_or_say_line_column_and_reason() {
        let s = Template::Csat.build(Lang::En, NOW);
        let text = "\u{feff}Customer;Date;P1 Company;P2;P3;P4;P5;Competitor;C2;Region\n\
                    王芳;2026-11-02;4;5;3;;4;;;East\n\
                    Li Lei;2026-11-03;2;;;;;Acme;4;\n\
                    \n\
                    Nobody;2026-11-03;2;;;;;;;\n\
                    张伟;2026-11-03;2;;;;;;;\n\
                    王芳;2026-13-01;9;;;;;;5;\n\
                    王芳;2026-11-04\n";
        let p = parse(text, &s, who, today(), NOW).unwrap();
        assert_eq!(p.rows, 6);
        assert_eq!(p.unknown, vec!["Region".to_string()]);
        assert_eq!(p.responses.len(), 2);
        assert_eq!(p.responses[0].answers.len(), 4);
        assert_eq!(
            p.responses[1].competitor.as_ref().unwrap().scores,
            vec![(2, 4)]
        );
        let col = |s: &str| Some(s.to_string());
        assert_eq!(
            p.errors,
            vec![
                RowError {
                    line: 5,
                    column: col("Customer"),
                    problem: RowProblem::UnknownCustomer("Nobody".into())
                },
                RowError {
                    line: 6,
                    column: col("Customer"),
                    problem: RowProblem::AmbiguousCustomer("张伟".into(), 2)
                },
                RowError {
                    line: 7,
                    column: col("Date"),
                    problem: RowProblem::Value(Problem::BadDate)
                },
                RowError {
                    line: 7,
                    column: col("P1 Company"),
                    problem: RowProblem::Value(Problem::OutOfRange { min: 1, max: 5 })
                },
                RowError {
                    line: 7,
                    column: col("Competitor"),
                    problem: RowProblem::Value(Problem::Required)
                },
                RowError {
                    line: 8,
                    column: None,
                    problem: RowProblem::CellCount {
                        found: 2,
                        expected: 10
                    }
                },
            ]
        );
    }

    #[test]
    fn files_that_cannot_be_read_are_refused() {
        let s = Template::Csat.build(Lang::En, NOW);
        assert_eq!(parse("", &s, who, today(), NOW), Err(FileProblem::Empty));
        assert_eq!(
            parse("date,P1\n2026-01-01,3\n", &s, who, today(), NOW),
            Err(FileProblem::NoCustomerColumn)
        );
        assert_eq!(
            parse(
                "customer,date,recommend\n王芳,2026-01-01,3\n",
                &s,
                who,
                today(),
                NOW
            ),
            Err(FileProblem::NoRatingColumn),
            "a CSAT survey has no recommend question"
        );
        assert_eq!(delimiter("a\tb\tc;d"), b'\t');
        assert_eq!(delimiter("abc"), b',');
    }

    #[test]
    fn broken_quotes_stay_in_their_row() {
        let s = Template::Csat.build(Lang::En, NOW);
        let text = "customer,date,P1,note\n王芳,2026-11-01,4,\"said \"\"great\"\"\"\nLi Lei,2026-11-01,5,\"never closed\n";
        let p = parse(text, &s, who, today(), NOW).unwrap();
        assert_eq!(p.responses[0].note, "said \"great\"");
        // The unclosed quote runs to the end of the file: still one row, still imported.
        assert_eq!(p.rows, 2);
        assert_eq!(p.responses.len() + p.errors.len(), 2);
    }

    /// Native only: proptest is not built for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_parses_without_panic_and_every_rejected_row_has_a_reason(
                text in "[a-zA-Z0-9,;\"\t\n 客户日期P1E2C3-]{0,400}"
            ) {
                let s = Template::ExpectationPerception.build(Lang::En, NOW);
                if let Ok(p) = parse(&text, &s, who, today(), NOW) {
                    // Every row counted is either imported or has at least one error on its line.
                    let lines: std::collections::BTreeSet<usize> = p.errors.iter().map(|e| e.line).collect();
                    prop_assert_eq!(p.responses.len() + lines.len(), p.rows);
                    prop_assert!(p.errors.iter().all(|e| e.line >= 2));
                }
            }
        }
    }
}
