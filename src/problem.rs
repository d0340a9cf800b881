//! One located problem record, used by every stage that reads input:
//! site.toml ([`crate::config`]), the file readers ([`crate::load`]) and the
//! contract checks ([`crate::validate`]). A problem names its file, row (or
//! spreadsheet cell), column, the value as written and the rule it breaks,
//! so a person can open the file at that place; an [`Origin`] is the place
//! a single value was read. [`InvalidInput`] is the error a command stops
//! with when the input cannot be used (exit code 2).

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One located problem. Built with [`Problem::error`] or
/// [`Problem::warning`] and the `in_*`/`at_*` setters:
///
/// ```
/// use pantau::problem::Problem;
/// let p = Problem::error("range", "members must be at least 1")
///     .in_file("households.csv")
///     .at_row(17)
///     .in_column("members")
///     .with_value("0");
/// assert_eq!(p.row, Some(17));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    /// Line in a CSV file or site.toml; 1-based row in other formats.
    pub row: Option<u64>,
    pub column: String,
    pub value: String,
    /// Stable short name of the rule (`type`, `range`, `reference`, ...).
    pub rule: String,
    pub message: String,
    /// The spreadsheet cell (`C17`, or `Sheet!C17`) in an XLSX file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The 0-based record of its table that a row problem rejects (found
    /// while reading a file, before the row numbers are known to the caller).
    #[serde(skip)]
    pub record: Option<u64>,
}

impl Problem {
    fn new(severity: Severity, rule: &str, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            file: String::new(),
            row: None,
            column: String::new(),
            value: String::new(),
            rule: rule.to_string(),
            message: message.into(),
            cell: None,
            record: None,
        }
    }

    /// An error: the row (or, without a row, the whole file) cannot be used.
    pub fn error(rule: &str, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Error, rule, message)
    }

    /// A warning: suspicious but possible; the row stays.
    pub fn warning(rule: &str, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Warning, rule, message)
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Problem {
        self.file = file.into();
        self
    }

    pub fn at_row(mut self, row: u64) -> Problem {
        self.row = Some(row);
        self
    }

    /// The row when it is known (site.toml keys without a line have none).
    pub fn at_row_if(mut self, row: Option<u64>) -> Problem {
        self.row = row;
        self
    }

    pub fn in_column(mut self, column: impl Into<String>) -> Problem {
        self.column = column.into();
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Problem {
        self.value = value.into();
        self
    }

    pub fn at_cell(mut self, cell: Option<String>) -> Problem {
        self.cell = cell;
        self
    }

    /// The 0-based record this problem rejects.
    pub fn of_record(mut self, record: u64) -> Problem {
        self.record = Some(record);
        self
    }

    /// Whether the problem concerns the whole file rather than one row.
    pub fn is_file_level(&self) -> bool {
        self.severity == Severity::Error && self.row.is_none()
    }
}

/// Input that breaks the data contract or a command's rules: the run stops,
/// writes nothing, and exits with code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InvalidInput(pub String);

impl InvalidInput {
    /// The error as an `anyhow::Error`, for `return Err(...)`.
    pub fn err<T>(message: impl Into<String>) -> anyhow::Result<T> {
        Err(InvalidInput(message.into()).into())
    }
}

/// Where an input value came from, for a message
/// (`households.csv line 17, column head_nik`). Kept as parts and written
/// out only when a message needs it: the privacy gate holds one for each of
/// a site's identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file name, shared by every value read from the file.
    pub file: Arc<str>,
    /// The line people see.
    pub line: u64,
    pub column: &'static str,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} line {}, column {}",
            self.file, self.line, self.column
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_sets_every_place() {
        let p = Problem::warning("outlier", "far from the others")
            .in_file("surveys.csv")
            .at_row(4)
            .in_column("monthly_income")
            .with_value("90000000")
            .at_cell(Some("C4".into()))
            .of_record(2);
        assert_eq!(p.severity, Severity::Warning);
        assert_eq!(
            (p.file.as_str(), p.row, p.column.as_str(), p.value.as_str()),
            ("surveys.csv", Some(4), "monthly_income", "90000000")
        );
        assert_eq!((p.cell.as_deref(), p.record), (Some("C4"), Some(2)));
        assert!(!p.is_file_level());
        assert!(Problem::error("encoding", "not UTF-8").is_file_level());
    }

    #[test]
    fn serialises_without_the_record() {
        let p = Problem::error("range", "too small").of_record(3);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(
            json,
            r#"{"severity":"error","file":"","row":null,"column":"","value":"","rule":"range","message":"too small"}"#
        );
    }
}
