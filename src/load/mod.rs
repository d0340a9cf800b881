//! A table file → a lazy polars frame of text columns, and the typed frame
//! parsed from it. [`crate::validate`] checks the text and
//! [`crate::site::Site::open`] keeps the typed frames.
//!
//! Loading happens in two steps. A format module (`csv`, `xlsx`, `parquet`) turns a
//! file into a *raw* frame whose contract columns are text, plus a row
//! index. [`typed`] then parses the text into the contract's types with an
//! explicit schema. Keeping the raw text around lets validation report the
//! exact value a person typed, and makes a new input format one new module
//! that only has to produce text columns. The numbers, dates and booleans
//! of CSV and Parquet files are the exception, for memory: they are read
//! into their values as the file is read ([`field`]), with the same
//! parsing, and keep a text only where the value cannot give it back. How
//! each table is written (file name, sheet, encoding, delimiter, number
//! style, date order, and the headers and values of an export) comes from
//! site.toml ([`format`]).

pub(crate) mod codes;
pub(crate) mod csv;
pub(crate) mod field;
pub mod fingerprint;
pub(crate) mod format;
pub(crate) mod parquet;
pub mod parse;
pub(crate) mod shared;
pub(crate) mod text_column;
pub(crate) mod typed;
pub(crate) mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use polars::prelude::*;

use crate::contract::{Kind, TableSpec};
use crate::problem::{InvalidInput, Problem};
use fingerprint::Fingerprint;
use format::TableFormat;
use parse::{DateOrder, NumberStyle};

/// Name of the row-index column added to every raw frame (0-based record number).
pub(crate) const ROW: &str = "__row";

/// The file formats a table can be given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Csv,
    Parquet,
    Xlsx,
}

impl FileKind {
    const ALL: [(FileKind, &'static str); 3] = [
        (FileKind::Csv, "csv"),
        (FileKind::Parquet, "parquet"),
        (FileKind::Xlsx, "xlsx"),
    ];

    /// The format of a file named in site.toml, from its extension.
    pub(crate) fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" | "tsv" => Some(FileKind::Csv),
            "parquet" => Some(FileKind::Parquet),
            "xlsx" | "xlsm" => Some(FileKind::Xlsx),
            _ => None,
        }
    }
}

/// Turns a 0-based record index into the row number shown to people: the
/// line of a CSV file or the row of a spreadsheet, so auditors can open the
/// file at that place.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowNumbers {
    /// Line or row of the header (1-based).
    pub header: u64,
    /// Start line of every record, kept only when some record does not
    /// start at `header + 1 + index` (multi-line fields, blank lines).
    pub lines: Option<Arc<Vec<u32>>>,
}

impl RowNumbers {
    pub(crate) fn of(&self, index: u64) -> u64 {
        match &self.lines {
            Some(lines) => lines.get(index as usize).map_or(0, |&l| l as u64),
            None => self.header + 1 + index,
        }
    }
}

/// Spreadsheet cell names of a table read from XLSX.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cells {
    /// `Sheet!` when the sheet was named in site.toml, else empty.
    pub prefix: String,
    /// Contract column → column letters.
    pub letters: BTreeMap<String, String>,
}

/// How the text of a table's values is read: date order and number styles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reading {
    pub dates: DateOrder,
    pub numbers: BTreeMap<&'static str, NumberStyle>,
}

impl Reading {
    pub(crate) fn of(spec: &TableSpec, format: &TableFormat) -> Reading {
        Reading {
            dates: format.dates,
            numbers: spec
                .columns
                .iter()
                .map(|c| (c.name, format.number_style(c.name)))
                .collect(),
        }
    }

    pub(crate) fn number_style(&self, column: &str) -> NumberStyle {
        self.numbers.get(column).copied().unwrap_or_default()
    }
}

/// A table file opened for reading: contract columns as text.
pub(crate) struct RawTable {
    pub spec: &'static TableSpec,
    pub path: PathBuf,
    /// Contract columns present in the file.
    pub present: Vec<&'static str>,
    /// Every contract column as `String` (absent ones as nulls), read once
    /// into its trimmed text, value and fault ([`typed::prepared`]), and [`ROW`].
    pub lf: LazyFrame,
    pub rows: RowNumbers,
    pub cells: Option<Cells>,
    /// The sheet row of `pantau init`'s example row, left unread.
    pub example_row: Option<u64>,
    /// The file's fingerprint, when hashed as it was read.
    pub fingerprint: Option<Fingerprint>,
    /// Contract columns read into values as the file was read
    /// ([`field`]): their text column holds a text only where it cannot
    /// be written back from the value (see [`RawTable::original`]).
    pub read_in_pass: Vec<&'static str>,
}

impl RawTable {
    /// The row number shown to people: the line in a CSV file, the row of
    /// a spreadsheet, the 1-based row in Parquet.
    pub(crate) fn display_row(&self, index: u64) -> u64 {
        self.rows.of(index)
    }

    /// The spreadsheet cell of `column` in record `index`, for XLSX files.
    pub(crate) fn cell(&self, column: &str, index: u64) -> Option<String> {
        let cells = self.cells.as_ref()?;
        let letters = cells.letters.get(column)?;
        Some(format!(
            "{}{letters}{}",
            cells.prefix,
            self.display_row(index)
        ))
    }

    /// The record → row number mapping, kept after the raw table is gone.
    pub(crate) fn row_numbers(&self) -> RowNumbers {
        self.rows.clone()
    }

    pub(crate) fn has(&self, column: &str) -> bool {
        self.present.contains(&column)
    }

    /// Whether `column` was read into values as the file was read.
    pub(crate) fn read_in_pass(&self, column: &str) -> bool {
        self.read_in_pass.contains(&column)
    }

    /// The text of contract column `column` as the file held it (named
    /// `column`): the text column, with the texts of a column read in the
    /// pass written back from its values where they were not kept.
    pub(crate) fn original(&self, column: &'static str) -> Expr {
        match self.spec.column(column) {
            Some(c) if self.read_in_pass(column) => {
                field::original(c.kind, col(column), col(typed::value(column))).alias(column)
            }
            _ => col(column),
        }
    }
}

/// Outcome of opening one table of a site.
pub(crate) enum Opened {
    /// The optional file is not there.
    Absent,
    /// The file cannot be read as a table; the problems say why.
    Rejected {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    /// Readable. Warnings about the file, and errors of single records
    /// (those with `record` set), found while reading it.
    Ready {
        raw: Box<RawTable>,
        warnings: Vec<Problem>,
        row_errors: Vec<Problem>,
    },
}

/// What a format module hands back: the header as written, the raw frame
/// with [`ROW`], row numbers, and problems of single records.
pub(crate) struct Source {
    pub header: Vec<String>,
    pub lf: LazyFrame,
    pub rows: RowNumbers,
    /// XLSX: the column letters of each header position.
    pub letters: Option<Vec<String>>,
    pub sheet_prefix: String,
    pub row_errors: Vec<Problem>,
    /// XLSX: the sheet row of `pantau init`'s example row, left unread.
    pub example_row: Option<u64>,
    /// The fingerprint of the file's bytes, when they were hashed as they
    /// were read.
    pub fingerprint: Option<Fingerprint>,
    /// CSV: the columns read into values as the file was read ([`field`]),
    /// and where the frame holds their parts.
    pub read_in_pass: Vec<field::Parts>,
}

/// A table file that cannot be read as one: where, and why.
type Unreadable = (PathBuf, Problem);

/// Every file `find` would read for `spec`'s table: the one site.toml names,
/// or each of `<table>.csv|parquet|xlsx`. A file appearing under one of
/// these names changes what a run reads.
pub(crate) fn candidates(site_dir: &Path, spec: &TableSpec, format: &TableFormat) -> Vec<PathBuf> {
    match &format.file {
        Some(name) => vec![site_dir.join(name)],
        None => FileKind::ALL
            .iter()
            .map(|(_, ext)| site_dir.join(format!("{}.{ext}", spec.name)))
            .collect(),
    }
}

/// The files under `spec`'s table's own names (`<table>.csv|parquet|xlsx`)
/// that are not read because site.toml names another file for the table:
/// left from an earlier layout (`pantau init --force` with a workbook
/// over a folder of CSV files), their rows would be silently ignored.
pub(crate) fn shadowed(site_dir: &Path, spec: &TableSpec, format: &TableFormat) -> Vec<PathBuf> {
    let Some(name) = &format.file else {
        return Vec::new();
    };
    let named = site_dir.join(name);
    candidates(site_dir, spec, &TableFormat::default())
        .into_iter()
        .filter(|path| *path != named && path.symlink_metadata().is_ok())
        .filter(|path| match (path.canonicalize(), named.canonicalize()) {
            (Ok(a), Ok(b)) => a != b,
            _ => true,
        })
        .collect()
}

/// Finds the file holding `spec`'s table in `site_dir`: the file site.toml
/// names, or `<table>.csv|parquet|xlsx`.
pub(crate) fn find(
    site_dir: &Path,
    spec: &TableSpec,
    format: &TableFormat,
) -> Result<Option<(PathBuf, FileKind)>, Box<Unreadable>> {
    if let Some(name) = &format.file {
        let path = site_dir.join(name);
        let Some(f) = FileKind::of(&path) else {
            let problem = Problem::error(
                "unknown-format",
                format!("{name}: pantau reads .csv, .parquet and .xlsx files"),
            );
            return Err(Box::new((path, problem)));
        };
        if let Some(why) = not_a_file(&path) {
            let rule = if path.symlink_metadata().is_err() {
                "missing-file"
            } else {
                "unreadable-file"
            };
            let problem = Problem::error(
                rule,
                format!("{name}, named in site.toml [format.{}], {why}", spec.name),
            );
            return Err(Box::new((path, problem)));
        }
        return Ok(Some((path, f)));
    }
    let mut found: Vec<(PathBuf, FileKind)> = Vec::new();
    for (f, ext) in FileKind::ALL {
        let path = site_dir.join(format!("{}.{ext}", spec.name));
        // Something is there under the table's name: it must be a file
        // pantau can read, never silently taken for an absent table.
        if path.symlink_metadata().is_ok() {
            if let Some(why) = not_a_file(&path) {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let problem = Problem::error("unreadable-file", format!("{name} {why}"));
                return Err(Box::new((path, problem)));
            }
            found.push((path, f));
        }
    }
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.into_iter().next()),
        _ => Err(Box::new((
            site_dir.join(spec.name),
            Problem::error(
                "ambiguous-file",
                format!(
                    "{} is given in more than one format; keep only one",
                    spec.name
                ),
            ),
        ))),
    }
}

/// Why `path` cannot be read as a table file (`None` when it can): it is
/// missing, a folder, a link to nothing, or a special file such as a pipe.
fn not_a_file(path: &Path) -> Option<&'static str> {
    let Ok(link) = path.symlink_metadata() else {
        return Some("is missing");
    };
    match std::fs::metadata(path) {
        Err(_) if link.file_type().is_symlink() => Some("is a link to a file that does not exist"),
        Err(_) => Some("cannot be read"),
        Ok(m) if m.is_dir() => Some("is a folder, not a file"),
        Ok(m) if !m.is_file() => Some("is not a regular file (a pipe or a device)"),
        Ok(_) => match std::fs::File::open(path) {
            Ok(_) => None,
            Err(_) => Some("cannot be opened for reading"),
        },
    }
}

/// Opens one table: structure checks, header checks, and the raw lazy frame.
pub(crate) fn open(site_dir: &Path, spec: &'static TableSpec, format: &TableFormat) -> Opened {
    let (path, kind) = match find(site_dir, spec, format) {
        Ok(Some(found)) => found,
        Ok(None) if !spec.required_file => return Opened::Absent,
        Ok(None) => {
            let path = site_dir.join(format!("{}.csv", spec.name));
            let problem = Problem::error(
                "missing-file",
                format!(
                    "the required table {0} is missing: there is no {0}.csv, {0}.xlsx or \
                     {0}.parquet, and site.toml names no file for it in [format.{0}]",
                    spec.name
                ),
            );
            return Opened::Rejected {
                path,
                problems: vec![problem],
            };
        }
        Err(found) => {
            let (path, problem) = *found;
            return Opened::Rejected {
                path,
                problems: vec![problem],
            };
        }
    };
    let opened = match kind {
        FileKind::Csv => csv::open(&path, format, &in_pass(spec, format)),
        FileKind::Parquet => parquet::open(&path, |header| {
            let name = format.columns.get(header).map_or(header, String::as_str);
            spec.column(name).is_some()
        }),
        FileKind::Xlsx => xlsx::open(&path, spec, format),
    };
    let source = match opened {
        Ok(source) => source,
        Err(problems) => return Opened::Rejected { path, problems },
    };
    let header_row = source.rows.header;
    // Export headers renamed to contract columns ([columns.<table>]).
    let names: Vec<String> = source
        .header
        .iter()
        .map(|h| format.columns.get(h).cloned().unwrap_or_else(|| h.clone()))
        .collect();

    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (h, name) in source.header.iter().zip(&names) {
        if !seen.insert(name.as_str()) {
            let message = if h == name {
                format!("column {h} appears twice in the header")
            } else {
                format!("column {name} appears twice in the header (once as {h})")
            };
            problems.push(
                Problem::error("duplicate-column", message)
                    .at_row(header_row)
                    .in_column(name.clone())
                    .with_value(h.clone()),
            );
        }
    }
    for c in spec.columns.iter().filter(|c| c.required) {
        if !names.iter().any(|h| h == c.name) {
            problems.push(
                Problem::error(
                    "missing-column",
                    format!("required column {} is missing from the header", c.name),
                )
                .at_row(header_row)
                .in_column(c.name),
            );
        }
    }
    if !problems.is_empty() {
        return Opened::Rejected { path, problems };
    }

    let present: Vec<&'static str> = spec
        .columns
        .iter()
        .map(|c| c.name)
        .filter(|n| names.iter().any(|h| h == n))
        .collect();
    let mut warnings = Vec::new();
    if let (Some(sheet), false) = (&format.sheet, kind == FileKind::Xlsx) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        warnings.push(
            Problem::warning(
                "format",
                format!(
                    "sheet = {sheet:?} under [format.{}] in site.toml is for workbooks; \
                     {name} is not one, so it is ignored",
                    spec.name
                ),
            )
            .in_column("sheet")
            .with_value(sheet.clone()),
        );
    }
    for (h, name) in source.header.iter().zip(&names) {
        if spec.column(name).is_none() {
            warnings.push(
                Problem::warning(
                    "unknown-column",
                    format!("column {h} is not part of the data contract and is ignored"),
                )
                .at_row(header_row)
                .in_column(h.clone()),
            );
        }
    }
    let mut select = vec![col(ROW)];
    let mut read_in_pass = Vec::new();
    // A Parquet file's numbers, dates and booleans are read into their
    // parts at once too, from the file's typed columns ([`field::parts`]).
    let mut typed_parts = Vec::new();
    for c in spec.columns {
        let from_parquet = (kind == FileKind::Parquet)
            .then(|| read_as(spec, c, format))
            .flatten();
        let position = names.iter().position(|n| n == c.name);
        let in_pass = position.and_then(|i| source.read_in_pass.iter().find(|p| p.position == i));
        match (position, from_parquet, in_pass) {
            (Some(i), Some(read_as), _) => {
                let name = format!("__parts_{}", c.name);
                select.push(field::parts(read_as, col(source.header[i].as_str())).alias(&name));
                typed_parts.push((c, name));
                read_in_pass.push(c.name);
            }
            (Some(i), None, Some(parts)) => {
                select.push(col(source.header[i].as_str()).alias(c.name));
                select.push(col(parts.value.as_str()).alias(typed::value(c.name)));
                if let Some(fault) = &parts.fault {
                    select.push(col(fault.as_str()).alias(typed::fault(c.name)));
                }
                read_in_pass.push(c.name);
            }
            (Some(i), None, None) => {
                let text = col(source.header[i].as_str()).cast(DataType::String);
                select.push(mapped(text, format.values.get(c.name)).alias(c.name));
            }
            (None, ..) => select.push(lit(NULL).cast(DataType::String).alias(c.name)),
        }
    }
    let cells = source.letters.as_ref().map(|letters| Cells {
        prefix: source.sheet_prefix.clone(),
        letters: names.iter().cloned().zip(letters.iter().cloned()).collect(),
    });
    let mut lf = source.lf.select(select);
    if !typed_parts.is_empty() {
        let mut fields = Vec::new();
        for (c, name) in &typed_parts {
            let part = |f: &str| col(name.as_str()).struct_().field_by_name(f);
            fields.push(part("t").alias(c.name));
            fields.push(part("p").alias(typed::value(c.name)));
            if matches!(c.kind, Kind::Int | Kind::Decimal | Kind::Date) {
                fields.push(part("e").alias(typed::fault(c.name)));
            }
        }
        let names: Vec<String> = typed_parts.into_iter().map(|(_, name)| name).collect();
        lf = lf.with_columns(fields).drop(by_name(names, true, false));
    }
    let lf = typed::prepared(lf, spec, &Reading::of(spec, format), &read_in_pass);
    let mut row_errors = source.row_errors;
    for e in &mut row_errors {
        if let Some(name) = format.columns.get(&e.column) {
            e.column = name.clone();
        }
    }
    Opened::Ready {
        raw: Box::new(RawTable {
            spec,
            path,
            present,
            lf,
            rows: source.rows,
            cells,
            example_row: source.example_row,
            fingerprint: source.fingerprint,
            read_in_pass,
        }),
        warnings,
        row_errors,
    }
}

/// How a CSV file's fields are read in its structural pass, by header
/// name (see [`read_as`]).
fn in_pass(spec: &TableSpec, format: &TableFormat) -> field::InPass {
    let mut out = field::InPass::new();
    for c in spec.columns {
        let Some(read_as) = read_as(spec, c, format) else {
            continue;
        };
        // The header names that stand for the column: its own name unless
        // site.toml renames a header of that name, and every header
        // renamed to it.
        if !format.columns.contains_key(c.name) {
            out.insert(c.name.to_string(), read_as);
        }
        for (header, name) in &format.columns {
            if name == c.name {
                out.insert(header.clone(), read_as);
            }
        }
    }
    out
}

/// How column `c` of `spec` is read into values as its file is read
/// ([`field`]): the numbers, dates and booleans, except the columns of a
/// uniqueness key (whose checks compare texts) and those whose values
/// site.toml maps (which are mapped as text first).
fn read_as(
    spec: &TableSpec,
    c: &crate::contract::Column,
    format: &TableFormat,
) -> Option<field::ReadAs> {
    let keyed = spec.unique.iter().any(|key| key.contains(&c.name));
    let mapped = format.values.get(c.name).is_some_and(|v| !v.is_empty());
    if keyed || mapped {
        return None;
    }
    field::ReadAs::of(c.kind, format.number_style(c.name), format.dates)
}

/// A site path that is not a folder stops the command ([`InvalidInput`]).
pub(crate) fn require_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        Ok(())
    } else {
        InvalidInput::err(format!("{} is not a folder", dir.display()))
    }
}

/// The values of `ca` in one array, read in place: its only chunk, or its
/// chunks put together (an empty array for a column of none).
pub(crate) fn one_array<T: PolarsDataType>(ca: &ChunkedArray<T>) -> T::Array
where
    T::Array: Clone,
{
    if ca.chunks().is_empty() {
        return T::Array::full_null(0, T::get_static_dtype().to_arrow(CompatLevel::newest()));
    }
    ca.rechunk().downcast_as_array().clone()
}

/// A row without a record number in [`record_numbers`].
pub(crate) const NO_RECORD: u32 = u32::MAX;

/// The 0-based record of each row of `df`, from its [`ROW`] column
/// ([`NO_RECORD`] where it has none).
pub(crate) fn record_numbers(df: &DataFrame) -> PolarsResult<Vec<u32>> {
    let rows = df.column(ROW)?.cast(&DataType::UInt32)?;
    Ok(rows.u32()?.iter().map(|r| r.unwrap_or(NO_RECORD)).collect())
}

/// True on the records whose 0-based index is in `records`.
pub(crate) fn records_in(records: &std::collections::BTreeSet<u64>) -> Expr {
    let indices = Series::new(
        "records".into(),
        records.iter().map(|&r| r as IdxSize).collect::<Vec<_>>(),
    );
    col(ROW).is_in(lit(indices).implode(false), false)
}

/// An export's values replaced by the contract's ([values.<table>.<column>]),
/// compared after trimming spaces.
fn mapped(text: Expr, values: Option<&BTreeMap<String, String>>) -> Expr {
    let Some(values) = values.filter(|v| !v.is_empty()) else {
        return text;
    };
    let old = Series::new("old".into(), values.keys().cloned().collect::<Vec<_>>());
    let new = Series::new("new".into(), values.values().cloned().collect::<Vec<_>>());
    text.str()
        .strip_chars(lit(NULL))
        .replace(lit(old).implode(false), lit(new).implode(false))
}
