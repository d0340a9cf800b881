//! XLSX workbooks: the first sheet, or the one site.toml names.
//!
//! Cells become text the way the CSV form writes them, so one set of rules
//! reads every format; problems name the cell (`households.xlsx!C17`). Four
//! things only a spreadsheet gets wrong are reported at the cell: an Excel
//! error value (`#N/A`, `#REF!`, read as its text and refused by validation
//! as in a CSV file), an identifier stored as a number, a formula whose
//! value the workbook does not hold, and an empty cell of a merged region
//! (the workbook holds the region's value in its first cell alone), the
//! last two caught here. Excel keeps 15
//! significant digits, so a 16-digit NIK or family-card number typed into
//! a Number cell has already lost its last digit; it is reported as
//! damaged, never repaired. A workbook keeps a formula's value as the
//! spreadsheet program last computed it; one written by a script (Python's
//! openpyxl, for one) holds the formula alone, and its value is never
//! guessed, nor read as an empty cell; nor is the placeholder such a
//! program saves as a formula's value when the workbook asks to be
//! recalculated on opening (see [`recalculated_on_load`]).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::Arc;

use calamine::{open_workbook, Cell, Data, DataRef, Range, Reader, Xlsx, XlsxError};
use polars::prelude::*;

use super::format::TableFormat;
use super::parse::NumberStyle;
use super::{RowNumbers, Source, ROW};
use crate::contract::{Kind, TableSpec};
use crate::problem::Problem;

/// Excel's column letters for a 0-based column index (0 → A, 26 → AA).
pub(crate) fn column_letters(mut index: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The text of a number as the column's style reads it back unchanged.
fn number_text(v: f64, style: NumberStyle) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let text = format!("{v}");
    match style {
        NumberStyle::Id => text.replace('.', ","),
        NumberStyle::En => text,
        NumberStyle::Auto => {
            // `1.125` would be refused as ambiguous; `1.1250` is the same number.
            match text.split_once('.') {
                Some((w, f)) if f.len() == 3 && w.trim_start_matches('-').len() <= 3 => {
                    format!("{text}0")
                }
                _ => text,
            }
        }
    }
}

/// What one cell says, for a column of the given kind (`None` for a column
/// outside the contract): its text, or a problem with the cell.
fn cell_text(
    data: &Data,
    kind: Option<Kind>,
    style: NumberStyle,
) -> Result<Option<String>, (&'static str, String, String)> {
    Ok(match data {
        Data::Empty => None,
        Data::String(s) => Some(s.clone()),
        Data::Bool(b) => Some(b.to_string()),
        Data::Int(i) => {
            let v = *i as f64;
            if kind == Some(Kind::Text) && v.abs() >= 1e15 {
                return Err(damaged(&i.to_string()));
            }
            Some(i.to_string())
        }
        Data::Float(f) => {
            if kind == Some(Kind::Text) && f.abs() >= 1e15 {
                return Err(damaged(&format!("{f:.0}")));
            }
            Some(number_text(*f, style))
        }
        // A date cell: the calendar date Excel shows (1900 or 1904 epoch).
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        Data::DateTime(dt) => Some(number_text(dt.as_f64(), style)),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.clone()),
        // `#N/A` as Excel shows it; validation reports it like the same
        // text in a CSV file.
        Data::Error(e) => Some(e.to_string()),
    })
}

fn damaged(value: &str) -> (&'static str, String, String) {
    (
        "damaged-identifier",
        value.to_string(),
        "an identifier stored as a number: Excel keeps only 15 significant digits, so the \
         last digit of a 16-digit number typed into a Number cell is lost; format the column \
         as Text and type the numbers again from the cards"
            .into(),
    )
}

/// A region of merged cells: its first and last cell (0-based row and
/// column).
type Region = ((u32, u32), (u32, u32));

/// A sheet's cells, where a cell holds a formula whose value the workbook
/// does not hold, and which cells are merged into another (each position
/// the sheet's 0-based row and column).
struct Sheet {
    cells: Range<Data>,
    unsaved: BTreeSet<(u32, u32)>,
    /// The workbook asks to be recalculated when opened: the values saved
    /// with its formulas are not to be read (see [`recalculated_on_load`]).
    stale: bool,
    /// Each cell of a merged region but its first, with the region: the
    /// workbook holds the region's value in its first cell alone.
    merged: BTreeMap<(u32, u32), Region>,
}

impl Sheet {
    /// Reads a sheet in one pass: every cell's value, as
    /// [`Reader::worksheet_range`] reads it, and whether it holds a
    /// formula (calamine gives the value of a formula without one as an
    /// empty cell).
    fn read<RS: Read + Seek>(
        book: &mut Xlsx<RS>,
        name: &str,
        stale: bool,
    ) -> Result<Sheet, XlsxError> {
        let mut reader = match book.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            // A chart sheet has no cells (as worksheet_range reads it).
            Err(XlsxError::NotAWorksheet(_)) => {
                return Ok(Sheet {
                    cells: Range::empty(),
                    unsaved: BTreeSet::new(),
                    stale,
                    merged: BTreeMap::new(),
                })
            }
            Err(e) => return Err(e),
        };
        let mut cells = Vec::new();
        let mut unsaved = BTreeSet::new();
        while let Some(cell) = reader.next_cell_with_formula_metadata()? {
            match cell.value {
                // A formula without its value, or with a value not to be read.
                ref value
                    if cell.formula.is_some() && (stale || matches!(value, DataRef::Empty)) =>
                {
                    unsaved.insert(cell.pos);
                    cells.push(Cell::new(cell.pos, Data::Empty));
                }
                DataRef::Empty => {}
                value => cells.push(Cell::new(cell.pos, value.into())),
            }
        }
        drop(reader);
        let cells = Range::from_sparse(cells);
        // The merged cells within the cells read (a region may span whole
        // columns of a million rows).
        let mut merged = BTreeMap::new();
        let regions = book.merge_cells_by_sheet_name(name)?;
        if let Some(end) = cells.end() {
            for region in regions {
                // A region written last cell first covers the same cells.
                let (a, b) = (region.start, region.end);
                let first = (a.0.min(b.0), a.1.min(b.1));
                let last = (a.0.max(b.0), a.1.max(b.1));
                for row in first.0..=last.0.min(end.0) {
                    for column in first.1..=last.1.min(end.1) {
                        if (row, column) != first {
                            merged.insert((row, column), (first, last));
                        }
                    }
                }
            }
        }
        Ok(Sheet {
            cells,
            unsaved,
            stale,
            merged,
        })
    }

    /// The columns of the row's cells merged into another cell, with their
    /// region.
    fn merged_in(&self, row: u32) -> impl Iterator<Item = (u32, Region)> + '_ {
        self.merged
            .range((row, 0)..=(row, u32::MAX))
            .map(|(&(_, column), &region)| (column, region))
    }

    /// The columns of the row's cells that hold a formula without its value.
    fn unsaved_in(&self, row: u32) -> impl Iterator<Item = u32> + '_ {
        self.unsaved
            .range((row, 0)..=(row, u32::MAX))
            .map(|&(_, column)| column)
    }

    /// The problem of a cell that holds a formula without its value.
    fn unsaved(&self, sheet: &str) -> Problem {
        let why = match self.stale {
            true => format!(
                "a formula whose saved value is not to be read (sheet {sheet}): the workbook \
                 asks to be recalculated when opened (fullCalcOnLoad), as programs that write \
                 formulas without computing them do, and a value saved with the formula may \
                 be a placeholder such as 0"
            ),
            false => format!(
                "a formula without its saved value (sheet {sheet}): the workbook was written \
                 by a program that stores formulas without computing them"
            ),
        };
        Problem::error(
            "formula-without-value",
            format!(
                "{why}; open it in a spreadsheet program and save it, so the values are \
                 computed, or type the value instead of the formula"
            ),
        )
    }
}

/// Whether the workbook asks to be recalculated when opened (`<calcPr
/// fullCalcOnLoad="1">` in its settings part). Programs that write formulas
/// without computing them say so, and the value they save with a formula is
/// a placeholder (XlsxWriter and rust_xlsxwriter save 0), never the
/// formula's value; a spreadsheet program that computed the values saves
/// the workbook without it.
fn recalculated_on_load(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(mut parts) = ::zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    let mut read = |name: &str| -> Option<String> {
        let mut text = String::new();
        parts.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    // The workbook part is where the package's relationships point (most
    // programs write xl/workbook.xml).
    let named = read("_rels/.rels").and_then(|rels| workbook_part(&rels));
    let settings = named
        .and_then(|name| read(&name))
        .or_else(|| read("xl/workbook.xml"));
    settings.is_some_and(|xml| asks_full_calculation(&xml))
}

/// The workbook part named by a package's relationships (`_rels/.rels`).
fn workbook_part(rels: &str) -> Option<String> {
    tags(rels, "Relationship")
        .find(|tag| attribute(tag, "Type").is_some_and(|t| t.ends_with("/officeDocument")))
        .and_then(|tag| attribute(tag, "Target"))
        .map(|target| target.trim_start_matches('/').to_string())
}

/// The texts of the start tags of the elements named `name` (with or
/// without a namespace prefix), after the name.
fn tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let mut rest = xml;
    std::iter::from_fn(move || loop {
        let at = rest.find(name)?;
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at + name.len()..end];
        let opens = rest[..at].ends_with(['<', ':']);
        rest = &rest[end..];
        if opens && tag.starts_with(|c: char| c.is_whitespace() || c == '/') {
            return Some(tag);
        }
    })
}

/// Whether the `calcPr` element of a workbook part (with or without a
/// namespace prefix) has `fullCalcOnLoad` set: to anything but `0` or
/// `false` (`1`, `true`, ` 1 `, `&#49;`), so that a value written in a form
/// not read here counts as set.
fn asks_full_calculation(xml: &str) -> bool {
    tags(xml, "calcPr").any(|tag| {
        attribute(tag, "fullCalcOnLoad").is_some_and(|v| !matches!(v.trim(), "0" | "false"))
    })
}

/// The value of attribute `name` in a tag's text, quoted either way.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let after = &rest[at + name.len()..];
        let value = after.trim_start().strip_prefix('=').map(str::trim_start);
        if let (true, Some(value)) = (rest[..at].ends_with(char::is_whitespace), value) {
            let quote = value.chars().next().filter(|&q| q == '"' || q == '\'')?;
            let value = &value[1..];
            return value.find(quote).map(|e| &value[..e]);
        }
        rest = after;
    }
    None
}

/// Whether a cell reads as empty: no value, or a text of spaces alone.
fn blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The problem of an empty cell merged into the first cell of `region`.
fn merged_into(sheet: &str, region: Region) -> Problem {
    let cell = |(row, column): (u32, u32)| format!("{}{}", column_letters(column), row + 1);
    let (first, last) = (cell(region.0), cell(region.1));
    Problem::error(
        "merged-cell",
        format!(
            "a cell merged into {first} (cells {first}:{last} are merged, sheet {sheet}): the \
             workbook holds the value in {first} alone, so this cell would be read as empty; \
             unmerge the cells and type the value into each of them"
        ),
    )
}

/// Opens the table's sheet as text columns plus [`ROW`].
pub(crate) fn open(
    path: &Path,
    spec: &TableSpec,
    format: &TableFormat,
) -> Result<Source, Vec<Problem>> {
    let fail = |rule: &'static str, message: String| vec![Problem::error(rule, message)];
    let mut book: Xlsx<_> = open_workbook(path)
        .map_err(|e| fail("unreadable-file", format!("cannot read the workbook: {e}")))?;
    let names = book.sheet_names();
    // A sheet named in another case is the same sheet, when only one matches.
    let alike: Vec<&String> = match &format.sheet {
        Some(name) => names
            .iter()
            .filter(|n| n.trim().to_lowercase() == name.trim().to_lowercase())
            .collect(),
        None => Vec::new(),
    };
    let sheet = match &format.sheet {
        Some(name) if names.contains(name) => name.clone(),
        Some(_) if alike.len() == 1 => alike[0].clone(),
        Some(name) => {
            return Err(fail(
                "missing-sheet",
                format!(
                    "the workbook has no sheet {name:?} (sheets: {}); add the sheet (or, for an \
                     optional table the village does not keep, remove [format.<table>] from \
                     site.toml)",
                    names.join(", ")
                ),
            ))
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| fail("missing-header", "the workbook has no sheet".into()))?,
    };
    let read = Sheet::read(&mut book, &sheet, recalculated_on_load(path))
        .map_err(|e| fail("unreadable-file", format!("cannot read sheet {sheet}: {e}")))?;
    let range = &read.cells;
    let prefix = if format.sheet.is_some() {
        format!("{sheet}!")
    } else {
        String::new()
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));

    // A row that holds only formulas without their values is not empty.
    let mut rows = range.rows().enumerate().filter(|(at, r)| {
        r.iter().any(|c| *c != Data::Empty)
            || read.unsaved_in(first_row + *at as u32).next().is_some()
    });
    let Some((header_at, header_cells)) = rows.next() else {
        return Err(fail(
            "missing-header",
            format!("sheet {sheet} is empty: it has no header row"),
        ));
    };
    let letters: Vec<String> = (0..header_cells.len() as u32)
        .map(|i| column_letters(first_col + i))
        .collect();
    let header_row = first_row + header_at as u32;
    let unnamed: Vec<Problem> = read
        .unsaved_in(header_row)
        .map(|column| {
            let cell = format!("{}{}", column_letters(column), header_row + 1);
            read.unsaved(&sheet)
                .at_row(header_row as u64 + 1)
                .at_cell(Some(format!("{prefix}{cell}")))
        })
        .collect();
    // A header cell merged into the one before it names no column: the
    // column's values would be left out as an unknown column's.
    let merged_header = read.merged_in(header_row).filter_map(|(column, region)| {
        let at = column.checked_sub(first_col)? as usize;
        blank(header_cells.get(at)?).then(|| {
            merged_into(&sheet, region)
                .at_row(header_row as u64 + 1)
                .at_cell(Some(format!("{prefix}{}{}", letters[at], header_row + 1)))
        })
    });
    let unnamed: Vec<Problem> = unnamed.into_iter().chain(merged_header).collect();
    if !unnamed.is_empty() {
        return Err(unnamed);
    }
    let header: Vec<String> = header_cells
        .iter()
        .zip(&letters)
        .map(|(c, l)| match cell_text(c, None, NumberStyle::En) {
            Ok(Some(t)) if !t.trim().is_empty() => t.trim().to_string(),
            _ => format!("(column {l})"),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let duplicates: Vec<Problem> = header
        .iter()
        .filter(|h| !seen.insert(h.as_str()))
        .map(|h| {
            Problem::error(
                "duplicate-column",
                format!("column {h} appears twice in the header"),
            )
            .at_row(first_row as u64 + header_at as u64 + 1)
            .in_column(h.clone())
            .with_value(h.clone())
        })
        .collect();
    if !duplicates.is_empty() {
        return Err(duplicates);
    }
    let kinds: Vec<Option<(Kind, NumberStyle)>> = header
        .iter()
        .map(|h| {
            let name = format.columns.get(h).map_or(h.as_str(), String::as_str);
            spec.column(name)
                .map(|c| (c.kind, format.number_style(c.name)))
        })
        .collect();

    let contract: Vec<Option<&str>> = header
        .iter()
        .map(|h| {
            let name = format.columns.get(h).map_or(h.as_str(), String::as_str);
            spec.column(name).map(|c| c.name)
        })
        .collect();

    let mut columns: Vec<Vec<Option<String>>> = vec![Vec::new(); header.len()];
    let mut lines: Vec<u32> = Vec::new();
    let mut row_errors = Vec::new();
    let mut example_row = None;
    for (at, cells) in rows {
        let index = lines.len() as u64;
        let sheet_row = first_row + at as u32 + 1;
        // A formula without its value matters in a column of the contract
        // only (the others are not read); where it is the row's only
        // content, the row is empty.
        let unsaved_at: Vec<usize> = read
            .unsaved_in(sheet_row - 1)
            .map(|column| (column - first_col) as usize)
            .filter(|&i| kinds.get(i).is_some_and(Option::is_some))
            .collect();
        if unsaved_at.is_empty() && cells.iter().all(|c| *c == Data::Empty) {
            continue;
        }
        // init's example row, unchanged, wherever sorting put it.
        if is_example(spec, &contract, &kinds, cells) {
            example_row = example_row.or(Some(sheet_row as u64));
            continue;
        }
        if let Some((column, value)) = example_key(spec, &contract, &kinds, cells) {
            let at = position(&contract, column).unwrap_or(0);
            // The cells that differ from the example, so the person sees
            // what they changed (dates or numbers retyped as text count).
            let english = value.to_lowercase().starts_with("example");
            let changed: Vec<String> = crate::contract::example_row(spec.table, english)
                .iter()
                .filter(|(c, v)| text_of(c, &contract, &kinds, cells) != *v)
                .filter_map(|(c, _)| {
                    let i = position(&contract, c)?;
                    Some(format!("{}{sheet_row} ({c})", letters[i]))
                })
                .take(5)
                .collect();
            let changed = if changed.is_empty() {
                String::new()
            } else {
                format!(" (changed: {})", changed.join(", "))
            };
            row_errors.push(
                Problem::error(
                    "example-row",
                    format!(
                        "{value:?} marks the example row of pantau init, but the row is not \
                         the unchanged example{changed}: type the real values into every cell \
                         of the row (an id or note of its own), or delete the row"
                    ),
                )
                .at_row(sheet_row as u64)
                .in_column(column)
                .with_value(value.clone())
                .of_record(lines.len() as u64)
                .at_cell(Some(format!("{prefix}{}{sheet_row}", letters[at]))),
            );
        }
        lines.push(sheet_row);
        let merged_at: Vec<(usize, Region)> = read
            .merged_in(sheet_row - 1)
            .filter_map(|(column, region)| {
                Some(((column.checked_sub(first_col)?) as usize, region))
            })
            .collect();
        for (i, column) in columns.iter_mut().enumerate() {
            let data = cells.get(i).unwrap_or(&Data::Empty);
            // A problem at this cell.
            let here = |p: Problem| {
                p.at_row(sheet_row as u64)
                    .in_column(header[i].clone())
                    .of_record(index)
                    .at_cell(Some(format!("{prefix}{}{sheet_row}", letters[i])))
            };
            let merged = merged_at.iter().find(|(at, _)| *at == i);
            if let (Some(&(_, region)), Some(_), true) = (merged, kinds[i], blank(data)) {
                row_errors.push(here(merged_into(&sheet, region)));
                column.push(None);
                continue;
            }
            let (kind, style) = match kinds[i] {
                Some((k, s)) => (Some(k), s),
                None => (None, NumberStyle::En),
            };
            if unsaved_at.contains(&i) {
                row_errors.push(here(read.unsaved(&sheet)));
                column.push(None);
                continue;
            }
            match cell_text(data, kind, style) {
                Ok(text) => column.push(text),
                Err((rule, value, message)) => {
                    if kind.is_some() {
                        row_errors.push(here(
                            Problem::error(rule, message).with_value(value.clone()),
                        ));
                    }
                    column.push(Some(value));
                }
            }
        }
    }
    let height = lines.len();
    let mut series: Vec<Column> = Vec::with_capacity(header.len() + 1);
    series.push(Column::new(
        ROW.into(),
        (0..height as IdxSize).collect::<Vec<IdxSize>>(),
    ));
    for (name, values) in header.iter().zip(columns) {
        series.push(Column::new(name.as_str().into(), values));
    }
    let df = DataFrame::new(height, series)
        .map_err(|e| fail("unreadable-file", format!("cannot read sheet {sheet}: {e}")))?;
    let header_line = first_row as u64 + header_at as u64 + 1;
    let regular = lines
        .iter()
        .enumerate()
        .all(|(i, &l)| l as u64 == header_line + 1 + i as u64);
    Ok(Source {
        header,
        lf: df.lazy(),
        rows: RowNumbers {
            header: header_line,
            lines: (!regular).then(|| Arc::new(lines)),
        },
        letters: Some(letters),
        sheet_prefix: prefix,
        row_errors,
        example_row,
        fingerprint: None,
        read_in_pass: Vec::new(),
    })
}

/// The sheet column that holds the contract column `column`.
fn position(contract: &[Option<&str>], column: &str) -> Option<usize> {
    contract.iter().position(|c| *c == Some(column))
}

/// The text of a row's cell in the contract column `column` (empty when
/// the sheet has no such column).
fn text_of(
    column: &str,
    contract: &[Option<&str>],
    kinds: &[Option<(Kind, NumberStyle)>],
    cells: &[Data],
) -> String {
    position(contract, column)
        .and_then(|i| {
            let (kind, style) = kinds[i].map_or((None, NumberStyle::En), |(k, s)| (Some(k), s));
            cell_text(cells.get(i).unwrap_or(&Data::Empty), kind, style)
                .ok()
                .flatten()
        })
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// The example's key column (its id, or the budget line's note) and its
/// value, when a row that is not the unchanged example still holds an
/// example's key: an id beginning `CONTOH-` or `EXAMPLE-`, or a note
/// beginning `CONTOH:` or `EXAMPLE:`, in any case. Such ids are the
/// examples' own, never a household's.
fn example_key(
    spec: &TableSpec,
    contract: &[Option<&str>],
    kinds: &[Option<(Kind, NumberStyle)>],
    cells: &[Data],
) -> Option<(&'static str, String)> {
    let row = crate::contract::example_row(spec.table, false);
    let (column, marks) = if spec.table == crate::contract::Table::Budget {
        ("note", ["contoh:", "example:"])
    } else {
        (row.first()?.0, ["contoh-", "example-"])
    };
    let text = text_of(column, contract, kinds, cells);
    let lower = text.to_lowercase();
    marks
        .iter()
        .any(|m| lower.starts_with(m))
        .then_some((column, text))
}

/// Whether a row is `pantau init`'s example row of the table, unchanged
/// ([`crate::contract::example_row`], in either language).
fn is_example(
    spec: &TableSpec,
    contract: &[Option<&str>],
    kinds: &[Option<(Kind, NumberStyle)>],
    cells: &[Data],
) -> bool {
    [false, true].into_iter().any(|english| {
        crate::contract::example_row(spec.table, english)
            .iter()
            .all(|(column, value)| text_of(column, contract, kinds, cells) == *value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The settings part as rust_xlsxwriter, XlsxWriter and openpyxl write
    /// it asks for a full calculation; as Excel writes it, it does not.
    #[test]
    fn a_full_calculation_on_load_is_read_from_calc_pr() {
        let part = |calc: &str| format!("<workbook><sheets/>{calc}</workbook>");
        for (calc, asks) in [
            ("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>", true),
            (
                "<x:calcPr fullCalcOnLoad = 'true' calcId='0'></x:calcPr>",
                true,
            ),
            ("<calcPr\n  fullCalcOnLoad=\"1\"/>", true),
            ("<calcPr fullCalcOnLoad=\" 1 \"/>", true),
            ("<calcPr fullCalcOnLoad=\"&#49;\"/>", true),
            ("<calcPr fullCalcOnLoad=\"false\"/>", false),
            ("<calcPr calcId=\"191029\"/>", false),
            ("<calcPr calcId=\"191029\" fullCalcOnLoad=\"0\"/>", false),
            ("<calcPr forceFullCalc=\"1\" xfullCalcOnLoad=\"1\"/>", false),
            ("<calcPrX fullCalcOnLoad=\"1\"/>", false),
            ("<definedName>calcPr fullCalcOnLoad=1</definedName>", false),
            ("", false),
        ] {
            assert_eq!(asks_full_calculation(&part(calc)), asks, "{calc}");
        }
        let rels = |target: &str| {
            format!(
                "<Relationships><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats\
                 .org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/\
                 core.xml\"/><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats\
                 .org/officeDocument/2006/relationships/officeDocument\" Target=\"{target}\"/>\
                 </Relationships>"
            )
        };
        assert_eq!(
            workbook_part(&rels("xl/workbook.xml")).as_deref(),
            Some("xl/workbook.xml")
        );
        assert_eq!(
            workbook_part(&rels("/other/wb.xml")).as_deref(),
            Some("other/wb.xml")
        );
        assert_eq!(workbook_part("<Relationships/>"), None);
    }

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn numbers_keep_their_value_in_every_style() {
        use super::super::parse::parse_decimal;
        for v in [1.125, 2.5, 1_500_000.5, 0.001, -7.25, 12.0] {
            for style in [NumberStyle::Auto, NumberStyle::Id, NumberStyle::En] {
                let text = number_text(v, style);
                assert_eq!(parse_decimal(&text, style), Ok(v), "{v} as {text}");
            }
        }
    }

    #[test]
    fn identifiers_stored_as_numbers_are_damaged() {
        let nik = Data::Float(3_173_050_101_800_000.0);
        assert_eq!(
            cell_text(&nik, Some(Kind::Text), NumberStyle::Auto)
                .unwrap_err()
                .0,
            "damaged-identifier"
        );
        // A small numeric id is exact.
        assert_eq!(
            cell_text(&Data::Float(1234.0), Some(Kind::Text), NumberStyle::Auto),
            Ok(Some("1234".into()))
        );
        let na = Data::Error(calamine::CellErrorType::NA);
        assert_eq!(
            cell_text(&na, Some(Kind::Int), NumberStyle::Auto),
            Ok(Some("#N/A".into()))
        );
    }
}
