//! One row being checked: its cells by field, and how a form's field maps back to its
//! column.

use crate::domain::import::mapping::{Mapping, Target};
use crate::domain::import::{RowError, RowProblem};
use crate::domain::validate::{Field, FieldError};
use csv::StringRecord;

/// One row being checked, with what is needed to name its columns.
pub(super) struct RowRef<'a> {
    pub(super) line: usize,
    pub(super) cells: &'a StringRecord,
    pub(super) header: &'a [String],
    pub(super) mapping: &'a Mapping,
}

/// A cell trimmed, without the apostrophe an export puts before text that a spreadsheet
/// would take for a formula (`'=SV-1`, `'+86 138…`: see `domain::export`), so a file the
/// app exported imports back as it was.
fn cell(raw: &str) -> &str {
    let v = raw.trim();
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => v,
    }
}

impl RowRef<'_> {
    /// The value of the first column filling `target`, trimmed and unguarded ([`cell`]; ""
    /// when there is none).
    pub(super) fn get(&self, target: Target) -> &str {
        self.mapping
            .column_of(target)
            .and_then(|i| self.cells.get(i))
            .map_or("", cell)
    }

    /// The non-empty values of every column filling `target`.
    pub(super) fn all(&self, target: Target) -> Vec<&str> {
        self.mapping
            .columns_of(target)
            .filter_map(|i| self.cells.get(i))
            .map(cell)
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Values of every column filling `target` joined by line breaks (notes).
    pub(super) fn joined(&self, target: Target) -> String {
        self.joined_with(target, "\n")
    }

    pub(super) fn joined_with(&self, target: Target, sep: &str) -> String {
        self.all(target).join(sep)
    }

    /// Phones or e-mails: every column, each cell split at `;` `,` `/` `、` and their
    /// full-width forms.
    pub(super) fn list(&self, target: Target) -> Vec<String> {
        self.all(target)
            .into_iter()
            .flat_map(|v| v.split([';', '；', ',', '，', '/', '、', '|']))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// A problem with the column filling `target`.
    pub(super) fn error(&self, target: Target, problem: RowProblem) -> RowError {
        RowError {
            line: self.line,
            column: self
                .mapping
                .column_of(target)
                .map(|i| self.header[i].clone()),
            value: self.get(target).to_string(),
            problem,
        }
    }

    /// Form errors as row errors, each naming its column and value. `phones` and `emails`
    /// are the list entries the form checked, so an entry's index names its value.
    pub(super) fn field_errors(
        &self,
        errors: &[FieldError],
        phones: &[String],
        emails: &[String],
    ) -> Vec<RowError> {
        errors
            .iter()
            .map(|e| {
                let target = target_of_field(e.field);
                let value = match (e.field, e.index) {
                    (Field::Phone, Some(i)) => phones.get(i).cloned().unwrap_or_default(),
                    (Field::Email, Some(i)) => emails.get(i).cloned().unwrap_or_default(),
                    _ => target.map(|t| self.get(t).to_string()).unwrap_or_default(),
                };
                RowError {
                    line: self.line,
                    column: target
                        .and_then(|t| self.mapping.column_of(t))
                        .map(|i| self.header[i].clone()),
                    value,
                    problem: RowProblem::Value(e.problem),
                }
            })
            .collect()
    }
}

/// The column field a form field comes from.
pub(super) fn target_of_field(field: Field) -> Option<Target> {
    Some(match field {
        Field::Name => Target::Name,
        Field::Company => Target::Company,
        Field::Industry => Target::Industry,
        Field::Region => Target::Region,
        Field::Address => Target::Address,
        Field::Phone => Target::Phone,
        Field::Email => Target::Email,
        Field::WeChat => Target::WeChat,
        Field::Tags => Target::Tags,
        Field::Notes => Target::Notes,
        Field::Title => Target::Title,
        Field::Summary => Target::Summary,
        Field::When => Target::When,
        Field::Date => Target::Date,
        Field::Amount => Target::Amount,
        Field::Quantity => Target::Quantity,
        Field::Product => Target::Product,
        Field::Order => Target::Order,
        Field::Margin => Target::Margin,
        Field::Campaign => Target::Campaign,
        Field::Code => Target::Code,
        Field::NameEn => Target::NameEn,
        Field::Category => Target::Category,
        Field::Unit => Target::Unit,
        Field::ListPrice => Target::ListPrice,
        Field::TaxRate => Target::TaxRate,
        Field::Cost => Target::Cost,
        _ => return None,
    })
}

/// Replaces `slot` with `value` when the file has one.
pub(super) fn overlay(slot: &mut String, value: &str) {
    if !value.trim().is_empty() {
        *slot = value.trim().to_string();
    }
}

/// Adds the values of `new` that `list` does not have yet (compared by `identity`).
pub(super) fn add_new(list: &mut Vec<String>, new: &[String], identity: impl Fn(&str) -> String) {
    for v in new {
        if !list.iter().any(|have| identity(have) == identity(v)) {
            list.push(v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exports_formula_guard_comes_off_and_nothing_else() {
        use super::cell;
        assert_eq!(cell("  '=SV-1 "), "=SV-1");
        assert_eq!(cell("'+86 138 0013 8000"), "+86 138 0013 8000");
        assert_eq!(cell("'-5"), "-5");
        assert_eq!(cell("'@home"), "@home");
        // An apostrophe before anything else is the text itself.
        assert_eq!(cell("'abc"), "'abc");
        assert_eq!(cell("O'Brien"), "O'Brien");
        assert_eq!(cell("'"), "'");
    }
}
