//! Site folder → one lazy polars frame per table.
//!
//! Loading happens in two steps. A format module (`csv`, `parquet`) turns a
//! file into a *raw* frame whose contract columns are all text, plus a row
//! index. [`typed`] then parses the text into the contract's types with an
//! explicit schema. Keeping the raw text around lets validation report the
//! exact value a person typed, and makes a new input format one new module
//! that only has to produce text columns.

pub(crate) mod csv;
pub(crate) mod parquet;
pub(crate) mod typed;

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::contract::TableSpec;

/// Name of the row-index column added to every raw frame (0-based record number).
pub(crate) const ROW: &str = "__row";

/// The file formats a table can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Parquet,
}

impl Format {
    const ALL: [(Format, &'static str); 2] = [(Format::Csv, "csv"), (Format::Parquet, "parquet")];
}

/// A problem with a whole file or a located record found while loading.
#[derive(Debug, Clone)]
pub(crate) struct FileProblem {
    pub row: Option<u64>,
    pub column: String,
    pub value: String,
    pub rule: &'static str,
    pub message: String,
}

impl FileProblem {
    fn file(rule: &'static str, message: String) -> FileProblem {
        FileProblem {
            row: None,
            column: String::new(),
            value: String::new(),
            rule,
            message,
        }
    }
}

/// Turns a 0-based record index into the row number shown to people (the
/// line of a CSV file, so auditors can open the file at that line).
#[derive(Debug, Clone, Default)]
pub(crate) struct RowNumbers {
    csv: Option<csv::CsvStructure>,
}

impl RowNumbers {
    pub(crate) fn of(&self, index: u64) -> u64 {
        match &self.csv {
            Some(s) => s.line_of(index),
            None => index + 1,
        }
    }
}

/// A table file opened for reading: contract columns as text.
pub(crate) struct RawTable {
    pub spec: &'static TableSpec,
    pub path: PathBuf,
    /// Contract columns present in the file.
    pub present: Vec<&'static str>,
    /// Every contract column as `String` (absent ones as nulls) and [`ROW`].
    pub lf: LazyFrame,
    /// CSV only: the structural pass, for record → line numbers.
    pub csv: Option<csv::CsvStructure>,
}

impl RawTable {
    /// The row number shown to people: the line in a CSV file, the 1-based
    /// row in other formats.
    pub(crate) fn display_row(&self, index: u64) -> u64 {
        match &self.csv {
            Some(s) => s.line_of(index),
            None => index + 1,
        }
    }

    /// The record → row number mapping, kept after the raw table is gone.
    pub(crate) fn row_numbers(&self) -> RowNumbers {
        RowNumbers {
            csv: self.csv.as_ref().map(|s| csv::CsvStructure {
                header: Vec::new(),
                header_line: s.header_line,
                record_lines: s.record_lines.clone(),
                problems: Vec::new(),
            }),
        }
    }

    pub(crate) fn has(&self, column: &str) -> bool {
        self.present.contains(&column)
    }
}

/// Outcome of opening one table of a site.
pub(crate) enum Opened {
    /// The optional file is not there.
    Absent,
    /// The file cannot be read as a table; the problems say why.
    Rejected {
        path: PathBuf,
        problems: Vec<FileProblem>,
    },
    Ready(Box<RawTable>, Vec<FileProblem>),
}

/// Finds the file holding `spec`'s table in `site_dir`, in any supported format.
pub(crate) fn find(
    site_dir: &Path,
    spec: &TableSpec,
) -> Result<Option<(PathBuf, Format)>, FileProblem> {
    let found: Vec<(PathBuf, Format)> = Format::ALL
        .iter()
        .map(|(f, ext)| (site_dir.join(format!("{}.{ext}", spec.name)), *f))
        .filter(|(p, _)| p.is_file())
        .collect();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.into_iter().next()),
        _ => Err(FileProblem::file(
            "ambiguous-file",
            format!(
                "{} is given in more than one format; keep only one",
                spec.name
            ),
        )),
    }
}

/// Opens one table: structure checks, header checks, and the raw lazy frame.
pub(crate) fn open(site_dir: &Path, spec: &'static TableSpec) -> Opened {
    let (path, format) = match find(site_dir, spec) {
        Ok(Some(found)) => found,
        Ok(None) if !spec.required_file => return Opened::Absent,
        Ok(None) => {
            let path = site_dir.join(format!("{}.csv", spec.name));
            let problem = FileProblem::file(
                "missing-file",
                format!("the required file {}.csv is missing", spec.name),
            );
            return Opened::Rejected {
                path,
                problems: vec![problem],
            };
        }
        Err(p) => {
            return Opened::Rejected {
                path: site_dir.join(spec.name),
                problems: vec![p],
            }
        }
    };
    let opened = match format {
        Format::Csv => open_csv(&path),
        Format::Parquet => parquet::open(&path),
    };
    let (header, lf, structure, mut problems) = match opened {
        Ok(parts) => parts,
        Err(problems) => return Opened::Rejected { path, problems },
    };
    let header_row = structure.as_ref().map(|s| s.header_line as u64).or(Some(1));

    let mut seen = std::collections::HashSet::new();
    for h in &header {
        if !seen.insert(h.as_str()) {
            problems.push(FileProblem {
                row: header_row,
                column: h.clone(),
                value: h.clone(),
                rule: "duplicate-column",
                message: format!("column {h} appears twice in the header"),
            });
        }
    }
    for c in spec.columns.iter().filter(|c| c.required) {
        if !header.iter().any(|h| h == c.name) {
            problems.push(FileProblem {
                row: header_row,
                column: c.name.to_string(),
                value: String::new(),
                rule: "missing-column",
                message: format!("required column {} is missing from the header", c.name),
            });
        }
    }
    if !problems.is_empty() {
        return Opened::Rejected { path, problems };
    }

    let present: Vec<&'static str> = spec
        .columns
        .iter()
        .map(|c| c.name)
        .filter(|n| header.iter().any(|h| h == n))
        .collect();
    let extra: Vec<String> = header
        .iter()
        .filter(|h| spec.column(h).is_none())
        .cloned()
        .collect();
    let mut warnings = Vec::new();
    for e in &extra {
        warnings.push(FileProblem {
            row: header_row,
            column: e.clone(),
            value: String::new(),
            rule: "unknown-column",
            message: format!("column {e} is not part of the data contract and is ignored"),
        });
    }
    let mut select = vec![col(ROW)];
    for c in spec.columns {
        if present.contains(&c.name) {
            select.push(col(c.name).cast(DataType::String));
        } else {
            select.push(lit(NULL).cast(DataType::String).alias(c.name));
        }
    }
    let lf = lf.select(select);
    Opened::Ready(
        Box::new(RawTable {
            spec,
            path,
            present,
            lf,
            csv: structure,
        }),
        warnings,
    )
}

pub(crate) type OpenedParts = (
    Vec<String>,
    LazyFrame,
    Option<csv::CsvStructure>,
    Vec<FileProblem>,
);

fn open_csv(path: &Path) -> Result<OpenedParts, Vec<FileProblem>> {
    let structure = csv::scan_structure(path).map_err(|e| {
        vec![FileProblem::file(
            "unreadable-file",
            format!("cannot read the file: {e}"),
        )]
    })?;
    if structure.header.is_empty() || structure.header.iter().all(|h| h.is_empty()) {
        return Err(vec![FileProblem::file(
            "missing-header",
            "the file is empty: it has no header row".into(),
        )]);
    }
    if !structure.problems.is_empty() {
        return Err(structure.problems);
    }
    let header = structure.header.clone();
    let lf = csv::scan(path, &header).map_err(|e| {
        vec![FileProblem::file(
            "unreadable-file",
            format!("cannot read the file: {e}"),
        )]
    })?;
    Ok((header, lf, Some(structure), Vec::new()))
}
