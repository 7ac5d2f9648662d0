//! Reading CSV text into a header and numbered rows. The delimiter (comma, semicolon or tab) is
//! the one the first lines agree on; blank rows are dropped; each row keeps the file line it
//! starts on (quoted line breaks and blank lines counted), so every message can point at it.

use super::{FileProblem, MAX_ROWS, RowProblem};
use csv::StringRecord;

/// A file's header and rows.
#[derive(Clone, Debug)]
pub struct Table {
    /// Column names as written (trimmed).
    pub header: Vec<String>,
    /// Data rows, in file order.
    pub rows: Vec<Row>,
    /// The delimiter used.
    pub delimiter: u8,
    /// Read from the cards of a vCard file (see [`super::cards`]), not from CSV.
    pub cards: bool,
}

/// One data row.
#[derive(Clone, Debug)]
pub struct Row {
    /// The file line the row starts on (the header is line 1).
    pub line: usize,
    /// The cells, or why they cannot be read.
    pub cells: Result<StringRecord, RowProblem>,
}

/// The delimiter the first lines agree on: among comma, semicolon and tab found in the header,
/// the one every sampled line has as often as the header does; otherwise the most frequent in
/// the header (comma on a tie or when there is none).
pub fn delimiter(text: &str) -> u8 {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let header = lines.next().unwrap_or("");
    let sample: Vec<&str> = lines.take(20).collect();
    let count = |line: &str, d: u8| line.bytes().filter(|&b| b == d).count();
    let candidates = [b',', b';', b'\t'];
    let consistent = candidates.into_iter().filter(|&d| {
        let n = count(header, d);
        n > 0 && sample.iter().all(|l| count(l, d) == n)
    });
    consistent
        .max_by_key(|&d| (count(header, d), d == b','))
        .unwrap_or_else(|| {
            candidates
                .into_iter()
                .max_by_key(|&d| (count(header, d), d == b','))
                .unwrap_or(b',')
        })
}

/// Reads `text` (already decoded) into a [`Table`]. Rows whose quoting is broken, or whose cell
/// count differs from the header's, are kept with their problem so they can be reported. A
/// file without a data row is refused as empty.
pub fn read(text: &str) -> Result<Table, FileProblem> {
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = loop {
        match records.next() {
            Some(Ok(h)) if h.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(h)) => break h.iter().map(|c| c.trim().to_string()).collect(),
            _ => return Err(FileProblem::Empty),
        }
    };
    let mut rows = Vec::new();
    let bytes = text.as_bytes();
    // Lines are counted from each record's byte offset (past any blank lines the reader
    // skipped), so quoted line breaks and blank lines keep the numbers true to the file.
    let (mut seen, mut line) = (0usize, 1usize);
    for record in records {
        let position = match &record {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let start = position
            .map_or(seen, |p| p.byte() as usize)
            .min(bytes.len());
        let start = start
            + bytes[start..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        line += memchr::memchr_iter(b'\n', &bytes[seen.min(start)..start]).count();
        seen = start;
        let cells = match record {
            Err(_) => Err(RowProblem::Unreadable),
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(r) => check_width(r, header.len()),
        };
        if rows.len() == MAX_ROWS {
            return Err(FileProblem::TooManyRows);
        }
        rows.push(Row { line, cells });
    }
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(Table {
        header,
        rows,
        delimiter,
        cards: false,
    })
}

/// A row as wide as the header. Empty cells beyond the header's width are dropped (some tools
/// write a trailing delimiter); a row with fewer cells, or with values beyond the header, is
/// reported.
fn check_width(mut r: StringRecord, width: usize) -> Result<StringRecord, RowProblem> {
    if r.len() > width && r.iter().skip(width).all(|c| c.trim().is_empty()) {
        r.truncate(width);
    }
    if r.len() == width {
        Ok(r)
    } else {
        Err(RowProblem::CellCount {
            found: r.len(),
            expected: width,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_detected_from_the_lines_that_agree() {
        assert_eq!(delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(delimiter("名称\t电话\n张三\t138\n"), b'\t');
        // The header has one comma and one semicolon; only the semicolon holds in the rows.
        assert_eq!(delimiter("名称;地址,城市\n张三;北京\n李四;上海\n"), b';');
        assert_eq!(delimiter("name\n"), b',');
        assert_eq!(delimiter(""), b',');
    }

    #[test]
    fn rows_keep_their_file_lines() {
        let text = "\n名称,备注\n张三,\"两行\n备注\"\n\n李四,x\n\"坏\"引号,y\n王五\n赵六,1,,\n";
        let t = read(text).unwrap();
        assert_eq!(t.header, ["名称", "备注"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 6, 7, 8, 9]);
        assert_eq!(&t.rows[0].cells.as_ref().unwrap()[1], "两行\n备注");
        assert_eq!(
            t.rows[3].cells,
            Err(RowProblem::CellCount {
                found: 1,
                expected: 2
            })
        );
        // Trailing empty cells beyond the header are dropped.
        assert_eq!(t.rows[4].cells.as_ref().unwrap().len(), 2);
    }

    #[test]
    fn empty_and_oversized_tables_are_refused() {
        assert_eq!(read("").unwrap_err(), FileProblem::Empty);
        assert_eq!(read("\n ,\n").unwrap_err(), FileProblem::Empty);
        assert_eq!(read("名称,电话\n\n ,\n").unwrap_err(), FileProblem::Empty);
        let mut big = String::from("名称\n");
        for i in 0..=MAX_ROWS {
            big.push_str(&format!("c{i}\n"));
        }
        assert_eq!(read(&big).unwrap_err(), FileProblem::TooManyRows);
    }
}
