//! How each table of a site is written, from site.toml's `[format.<table>]`,
//! `[columns.<table>]` and `[values.<table>.<column>]` sections.
//!
//! ```toml
//! [format.distributions]
//! file = "penyaluran.xlsx"     # default: distributions.csv, .parquet or .xlsx
//! sheet = "Penyaluran"         # XLSX: default the first sheet
//! encoding = "windows-1252"    # CSV: utf-8 (default), windows-1252, utf-16le, utf-16be
//! delimiter = ";"              # CSV: default read from the header line
//! dates = "day-first"          # 03/04/2026 is 3 April ("month-first": 4 March)
//! numbers = "id"               # 1.500.000,50; or per column: { value = "id" }
//!
//! [columns.surveys]            # export header = contract column
//! "group_household/income_total" = "monthly_income"
//!
//! [values.surveys.food_insecure]   # export value = contract value
//! "sering" = "true"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::parse::{DateOrder, NumberStyle};
use crate::contract::{Kind, TABLES};
use crate::problem::Problem;

/// The text encodings a CSV file may be declared in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark; a UTF-16 byte-order mark is
    /// recognised too.
    #[default]
    Utf8,
    Windows1252,
    Utf16le,
    Utf16be,
}

impl Encoding {
    const NAMES: [(&'static str, Encoding); 4] = [
        ("utf-8", Encoding::Utf8),
        ("windows-1252", Encoding::Windows1252),
        ("utf-16le", Encoding::Utf16le),
        ("utf-16be", Encoding::Utf16be),
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, e)| *e == self)
            .map_or("utf-8", |(n, _)| n)
    }
}

/// How one table is written: its file, encoding, separators and the names
/// and values of an export that differs from the data contract.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TableFormat {
    /// File name inside the site folder, when not `<table>.csv|parquet|xlsx`.
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub encoding: Encoding,
    /// `None`: read from the header line.
    pub delimiter: Option<u8>,
    #[serde(skip)]
    pub dates: DateOrder,
    /// Style of every number column not named in `column_numbers`.
    #[serde(skip)]
    pub numbers: NumberStyle,
    #[serde(skip)]
    pub column_numbers: BTreeMap<String, NumberStyle>,
    /// Export header → contract column.
    pub columns: BTreeMap<String, String>,
    /// Contract column → (export value → contract value).
    pub values: ValueMaps,
}

impl TableFormat {
    pub(crate) fn number_style(&self, column: &str) -> NumberStyle {
        self.column_numbers
            .get(column)
            .copied()
            .unwrap_or(self.numbers)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawNumbers {
    All(String),
    PerColumn(BTreeMap<String, String>),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFormat {
    #[serde(default)]
    file: Option<Spanned<String>>,
    #[serde(default)]
    sheet: Option<Spanned<String>>,
    #[serde(default)]
    encoding: Option<Spanned<String>>,
    #[serde(default)]
    delimiter: Option<Spanned<String>>,
    #[serde(default)]
    dates: Option<Spanned<String>>,
    #[serde(default)]
    numbers: Option<Spanned<RawNumbers>>,
}

/// Contract column → (value in the file → contract value), per table.
pub(crate) type ValueMaps = BTreeMap<String, BTreeMap<String, String>>;

/// The three sections as toml reads them.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawSections {
    pub format: BTreeMap<String, Spanned<RawFormat>>,
    pub columns: BTreeMap<String, Spanned<BTreeMap<String, String>>>,
    pub values: BTreeMap<String, Spanned<ValueMaps>>,
}

/// Records a problem of site.toml: (span, column, value, message).
type ReportProblem<'a> = dyn FnMut(&std::ops::Range<usize>, &str, &str, String) + 'a;

/// The contract table a `[section.<table>]` names; an error when there is none.
fn known_table(
    section: &str,
    table: &str,
    span: &std::ops::Range<usize>,
    error: &mut ReportProblem,
) -> Option<&'static crate::contract::TableSpec> {
    let found = TABLES.iter().find(|t| t.name == table);
    if found.is_none() {
        let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
        error(
            span,
            table,
            table,
            format!(
                "[{section}.{table}] names no table of the data contract ({})",
                names.join(", ")
            ),
        );
    }
    found
}

/// Checks the sections and returns the format of every table they name.
/// `line` turns a byte span of site.toml into its line.
pub(crate) fn read(
    raw: RawSections,
    file: &str,
    line: &dyn Fn(&std::ops::Range<usize>) -> Option<u64>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, TableFormat> {
    let mut out: BTreeMap<String, TableFormat> = BTreeMap::new();
    let mut error = |span: &std::ops::Range<usize>, column: &str, value: &str, message: String| {
        problems.push(
            Problem::error("format", message)
                .in_file(file)
                .at_row_if(line(span))
                .in_column(column)
                .with_value(value),
        );
    };

    for (table, section) in &raw.format {
        let Some(spec) = known_table("format", table, &section.span(), &mut error) else {
            continue;
        };
        let f = section.get_ref();
        let entry = out.entry(table.clone()).or_default();
        if let Some(name) = &f.file {
            let n = name.get_ref().trim();
            if n.is_empty() || n.contains(['/', '\\']) || n == "." || n == ".." {
                error(
                    &name.span(),
                    "file",
                    n,
                    "file must be a file name inside the site folder".into(),
                );
            } else {
                entry.file = Some(n.to_string());
            }
        }
        entry.sheet = f.sheet.as_ref().map(|s| s.get_ref().clone());
        if let Some(enc) = &f.encoding {
            let name = enc.get_ref().trim().to_ascii_lowercase();
            match Encoding::NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, e)) => entry.encoding = *e,
                None => error(
                    &enc.span(),
                    "encoding",
                    &name,
                    "encoding must be one of: utf-8, windows-1252, utf-16le, utf-16be".into(),
                ),
            }
        }
        if let Some(d) = &f.delimiter {
            let text = d.get_ref();
            let byte = match text.as_str() {
                "," => Some(b','),
                ";" => Some(b';'),
                "\t" | "tab" => Some(b'\t'),
                "|" => Some(b'|'),
                _ => None,
            };
            match byte {
                Some(b) => entry.delimiter = Some(b),
                None => error(
                    &d.span(),
                    "delimiter",
                    text,
                    "delimiter must be one of \",\", \";\", \"tab\" or \"|\"".into(),
                ),
            }
        }
        if let Some(d) = &f.dates {
            match DateOrder::from_name(d.get_ref().trim()) {
                Some(order) => entry.dates = order,
                None => error(
                    &d.span(),
                    "dates",
                    d.get_ref(),
                    "dates must be \"day-first\" or \"month-first\"".into(),
                ),
            }
        }
        if let Some(n) = &f.numbers {
            let style_of = |s: &str| NumberStyle::from_name(s.trim());
            let bad_style =
                "numbers must be \"auto\", \"id\" (1.500.000,50) or \"en\" (1,500,000.50)";
            match n.get_ref() {
                RawNumbers::All(s) => match style_of(s) {
                    Some(style) => entry.numbers = style,
                    None => error(&n.span(), "numbers", s, bad_style.into()),
                },
                RawNumbers::PerColumn(map) => {
                    for (column, s) in map {
                        let numeric = spec
                            .column(column)
                            .is_some_and(|c| matches!(c.kind, Kind::Int | Kind::Decimal));
                        if !numeric {
                            error(
                                &n.span(),
                                column,
                                s,
                                format!("numbers names {column}, which is not a number column of {table}"),
                            );
                        } else if let Some(style) = style_of(s) {
                            entry.column_numbers.insert(column.clone(), style);
                        } else {
                            error(&n.span(), column, s, bad_style.into());
                        }
                    }
                }
            }
        }
    }

    for (table, section) in &raw.columns {
        let span = section.span();
        let Some(spec) = known_table("columns", table, &span, &mut error) else {
            continue;
        };
        let entry = out.entry(table.clone()).or_default();
        let mut targets: BTreeMap<&str, &str> = BTreeMap::new();
        for (header, column) in section.get_ref() {
            if spec.column(column).is_none() {
                error(
                    &span,
                    header,
                    column,
                    format!("[columns.{table}] maps {header:?} to {column}, which is not a column of {table}"),
                );
            } else if let Some(other) = targets.insert(column.as_str(), header.as_str()) {
                error(
                    &span,
                    header,
                    column,
                    format!("[columns.{table}] maps both {other:?} and {header:?} to {column}"),
                );
            } else {
                entry.columns.insert(header.clone(), column.clone());
            }
        }
    }

    for (table, section) in &raw.values {
        let span = section.span();
        let Some(spec) = known_table("values", table, &span, &mut error) else {
            continue;
        };
        let entry = out.entry(table.clone()).or_default();
        for (column, map) in section.get_ref() {
            if spec.column(column).is_none() {
                error(
                    &span,
                    column,
                    "",
                    format!("[values.{table}.{column}]: {column} is not a column of {table}"),
                );
                continue;
            }
            let cleaned = map
                .iter()
                .map(|(k, v)| (k.trim().to_string(), v.clone()))
                .collect();
            entry.values.insert(column.clone(), cleaned);
        }
    }
    // Two tables read from one sheet would each read the other's rows.
    let mut sheets: BTreeMap<(String, String), &str> = BTreeMap::new();
    for (table, f) in &out {
        let (Some(file), Some(sheet)) = (&f.file, &f.sheet) else {
            continue;
        };
        let key = (file.trim().to_lowercase(), sheet.trim().to_lowercase());
        if let Some(other) = sheets.insert(key, table) {
            let span = raw.format.get(table).map_or(0..0, |s| s.span());
            error(
                &span,
                "sheet",
                sheet,
                format!(
                    "[format.{table}] and [format.{other}] both name sheet {sheet:?} of {file}; \
                     each table needs a sheet of its own"
                ),
            );
        }
    }
    out
}
