//! CSV files: a structural pass and the polars scan.
//!
//! Before polars reads a CSV file, one streaming pass over its bytes checks the
//! structure polars would otherwise reject with an unlocated message: valid
//! UTF-8, a header, the same number of fields on every record, closed quotes.
//! The same pass maps record numbers to line numbers, so a problem found later
//! in a polars plan can name the line a person sees in an editor even when a
//! quoted field spans several lines.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use polars::prelude::*;

use super::{FileProblem, ROW};

/// What the structural pass learned about a CSV file.
#[derive(Debug, Clone, Default)]
pub(crate) struct CsvStructure {
    pub header: Vec<String>,
    /// Line of the header (1-based; blank lines before it are skipped).
    pub header_line: u32,
    /// Start line of every record, kept only when some record does not start
    /// at `header_line + 1 + index` (multi-line fields or blank lines).
    pub record_lines: Option<Vec<u32>>,
    pub problems: Vec<FileProblem>,
}

impl CsvStructure {
    /// The line on which data record `index` (0-based) starts.
    pub(crate) fn line_of(&self, index: u64) -> u64 {
        match &self.record_lines {
            Some(lines) => lines.get(index as usize).map_or(0, |&l| l as u64),
            None => self.header_line as u64 + 1 + index,
        }
    }
}

/// At most this many structural problems are listed per file; the rest are counted.
const MAX_STRUCTURE_PROBLEMS: usize = 50;

struct Scanner {
    line: u32,
    in_quotes: bool,
    /// The previous byte inside quotes was a quote (either the closing quote or
    /// the first half of an escaped `""`).
    quote_pending: bool,
    field: Vec<u8>,
    fields: Vec<String>,
    record_start: u32,
    at_record_start: bool,
    record_was_empty: bool,
    header: Option<Vec<String>>,
    header_line: u32,
    records: u64,
    record_lines: Vec<u32>,
    irregular: bool,
    problems: Vec<FileProblem>,
    extra_problems: usize,
}

impl Scanner {
    fn new() -> Scanner {
        Scanner {
            line: 1,
            in_quotes: false,
            quote_pending: false,
            field: Vec::new(),
            fields: Vec::new(),
            record_start: 1,
            at_record_start: true,
            record_was_empty: true,
            header: None,
            header_line: 0,
            records: 0,
            record_lines: Vec::new(),
            irregular: false,
            problems: Vec::new(),
            extra_problems: 0,
        }
    }

    fn problem(&mut self, line: u32, rule: &'static str, message: String) {
        if self.problems.len() < MAX_STRUCTURE_PROBLEMS {
            self.problems.push(FileProblem {
                row: Some(line as u64),
                column: String::new(),
                value: String::new(),
                rule,
                message,
            });
        } else {
            self.extra_problems += 1;
        }
    }

    fn end_field(&mut self) {
        // Only the header's field texts are kept; data fields are only counted.
        if self.header.is_none() {
            let text = String::from_utf8_lossy(&self.field).trim().to_string();
            self.fields.push(text);
        } else {
            self.fields.push(String::new());
        }
        self.field.clear();
    }

    fn end_record(&mut self) {
        self.end_field();
        let n = self.fields.len();
        let blank = n == 1 && self.record_was_empty;
        if blank {
            // polars skips empty lines; so do we, but they shift line numbers.
            self.irregular = true;
        } else if let Some(header) = &self.header {
            let expected = header.len();
            if self.records < u32::MAX as u64 {
                self.record_lines.push(self.record_start);
            }
            if self.record_start as u64 != self.header_line as u64 + 1 + self.records {
                self.irregular = true;
            }
            self.records += 1;
            if n != expected {
                let line = self.record_start;
                self.problem(
                    line,
                    "field-count",
                    format!("record has {n} fields but the header has {expected}"),
                );
            }
        } else {
            self.header = Some(std::mem::take(&mut self.fields));
            self.header_line = self.record_start;
        }
        self.fields.clear();
        self.at_record_start = true;
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.at_record_start {
                self.record_start = self.line;
                self.at_record_start = false;
                self.record_was_empty = true;
            }
            if b != b'\n' && b != b'\r' {
                self.record_was_empty = false;
            }
            if self.in_quotes {
                if self.quote_pending {
                    self.quote_pending = false;
                    if b == b'"' {
                        // escaped quote
                        self.field.push(b'"');
                        continue;
                    }
                    self.in_quotes = false;
                    // fall through to the unquoted handling of b
                } else {
                    if b == b'"' {
                        self.quote_pending = true;
                    } else {
                        if b == b'\n' {
                            self.line += 1;
                        }
                        self.field.push(b);
                    }
                    continue;
                }
            }
            match b {
                b'"' => self.in_quotes = true,
                b',' => self.end_field(),
                b'\n' => {
                    if self.field.last() == Some(&b'\r') {
                        self.field.pop();
                    }
                    self.end_record();
                    self.line += 1;
                }
                _ => self.field.push(b),
            }
        }
    }

    fn finish(mut self) -> CsvStructure {
        if self.in_quotes && !self.quote_pending {
            let line = self.record_start;
            self.problem(
                line,
                "unclosed-quote",
                "a quoted field is never closed".into(),
            );
        } else if !self.at_record_start {
            self.in_quotes = false;
            self.end_record();
        }
        if self.extra_problems > 0 {
            let n = self.extra_problems;
            self.problems.push(FileProblem {
                row: None,
                column: String::new(),
                value: String::new(),
                rule: "field-count",
                message: format!("{n} more records with structural problems are not listed"),
            });
        }
        let header = self.header.unwrap_or_default();
        CsvStructure {
            header,
            header_line: self.header_line.max(1),
            record_lines: if self.irregular {
                Some(self.record_lines)
            } else {
                None
            },
            problems: self.problems,
        }
    }
}

/// One streaming pass over the file: UTF-8, header, field counts, line numbers.
pub(crate) fn scan_structure(path: &Path) -> std::io::Result<CsvStructure> {
    let mut file = File::open(path)?;
    let mut scanner = Scanner::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut carry: Vec<u8> = Vec::new();
    let mut first = true;
    let mut bad_utf8_reported = false;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let mut chunk: Vec<u8> = std::mem::take(&mut carry);
        chunk.extend_from_slice(&buf[..n]);
        if first {
            first = false;
            if chunk.starts_with(b"\xEF\xBB\xBF") {
                chunk.drain(..3);
            }
        }
        // Keep an incomplete UTF-8 sequence at the end for the next chunk.
        let valid_up_to = match std::str::from_utf8(&chunk) {
            Ok(_) => chunk.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => {
                if !bad_utf8_reported {
                    bad_utf8_reported = true;
                    scanner.feed(&chunk[..e.valid_up_to()]);
                    let line = scanner.line;
                    scanner.problem(
                        line,
                        "encoding",
                        "the file is not valid UTF-8 (save it as \"CSV UTF-8\")".into(),
                    );
                    let rest = chunk[e.valid_up_to()..].to_vec();
                    scanner.feed(&rest);
                    continue;
                }
                chunk.len()
            }
        };
        carry = chunk.split_off(valid_up_to);
        scanner.feed(&chunk);
    }
    if !carry.is_empty() && !bad_utf8_reported {
        let line = scanner.line;
        scanner.problem(
            line,
            "encoding",
            "the file ends inside a UTF-8 character".into(),
        );
    }
    Ok(scanner.finish())
}

/// The lazy polars scan of a CSV file, every column read as text.
pub(crate) fn scan(path: &Path, header: &[String]) -> PolarsResult<LazyFrame> {
    let schema: Schema = header
        .iter()
        .map(|h| Field::new(h.as_str().into(), DataType::String))
        .collect();
    LazyCsvReader::new(PlRefPath::new(path.to_string_lossy().as_ref()))
        .with_glob(false)
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_missing_is_null(true)
        .with_row_index(Some(RowIndex {
            name: ROW.into(),
            offset: 0,
        }))
        .finish()
}
