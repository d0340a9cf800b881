//! Parquet files: the same columns as the CSV form. A typed Parquet column
//! is read as the text polars writes for it, so one set of parsing and
//! validation rules applies whatever the file format; its numbers, dates
//! and booleans are read into their values at once, and make no text when
//! every value reads back in its own form ([`super::field::parts`]).

use std::path::Path;

use polars::prelude::*;

use super::{RowNumbers, Source, ROW};
use crate::problem::Problem;

/// Opens a Parquet file; `read` tells the columns that are read (contract
/// columns), whose types must be ones pantau reads.
pub(crate) fn open(path: &Path, read: impl Fn(&str) -> bool) -> Result<Source, Vec<Problem>> {
    let unreadable = |e: PolarsError| {
        vec![Problem::error(
            "unreadable-file",
            format!("cannot read the Parquet file: {e}"),
        )]
    };
    let args = ScanArgsParquet {
        row_index: Some(RowIndex {
            name: ROW.into(),
            offset: 0,
        }),
        ..Default::default()
    };
    let mut lf = LazyFrame::scan_parquet(PlRefPath::new(path.to_string_lossy().as_ref()), args)
        .map_err(unreadable)?;
    let schema = lf.collect_schema().map_err(unreadable)?;
    let refused: Vec<Problem> = schema
        .iter()
        .filter(|(name, dtype)| name.as_str() != ROW && read(name) && !readable(dtype))
        .map(|(name, dtype)| {
            Problem::error(
                "unreadable-file",
                format!(
                    "column {name} is stored as {dtype}, a type pantau does not read: store \
                     it as text, a whole number (int64), a number (float64), a date or a \
                     boolean"
                ),
            )
            .in_column(name.to_string())
        })
        .collect();
    if !refused.is_empty() {
        return Err(refused);
    }
    let beyond = beyond_the_calendar(&lf, &schema, &read).map_err(unreadable)?;
    if !beyond.is_empty() {
        return Err(beyond);
    }
    let not_text = not_utf8(&lf, &schema, &read).map_err(unreadable)?;
    if !not_text.is_empty() {
        return Err(not_text);
    }
    let header: Vec<String> = schema
        .iter_names()
        .filter(|n| n.as_str() != ROW)
        .map(|n| n.to_string())
        .collect();
    Ok(Source {
        header,
        lf,
        // Row 1 is the first record: the "header" is row 0.
        rows: RowNumbers {
            header: 0,
            lines: None,
        },
        letters: None,
        sheet_prefix: String::new(),
        row_errors: Vec::new(),
        example_row: None,
        fingerprint: None,
        read_in_pass: Vec::new(),
    })
}

/// Whether pantau reads a Parquet column of type `dtype`: not a list of
/// values in one cell and not the small unsigned integers this build of
/// polars has no arrays for.
fn readable(dtype: &DataType) -> bool {
    !(dtype.is_list() || dtype.is_array() || matches!(dtype, DataType::UInt8 | DataType::UInt16))
}

/// The first record of each date or timestamp column that is read whose
/// value lies outside the calendar dates can be written in (years -262,144
/// to 262,143), as a problem: such a value has no text to be read or shown.
fn beyond_the_calendar(
    lf: &LazyFrame,
    schema: &Schema,
    read: &impl Fn(&str) -> bool,
) -> PolarsResult<Vec<Problem>> {
    let first = i64::from(super::typed::days_since_epoch(chrono::NaiveDate::MIN));
    let last = i64::from(super::typed::days_since_epoch(chrono::NaiveDate::MAX));
    // The bounds in the column's own unit; past what an i64 holds there is
    // no bound to check.
    let bounds = |per_day: i64| {
        (
            first.checked_mul(per_day).unwrap_or(i64::MIN),
            last.checked_mul(per_day).unwrap_or(i64::MAX),
        )
    };
    let mut checks = Vec::new();
    for (name, dtype) in schema.iter() {
        let (low, high) = match dtype {
            DataType::Date => bounds(1),
            DataType::Datetime(TimeUnit::Milliseconds, _) => bounds(86_400_000),
            DataType::Datetime(TimeUnit::Microseconds, _) => bounds(86_400_000_000),
            DataType::Datetime(TimeUnit::Nanoseconds, _) => bounds(86_400_000_000_000),
            _ => continue,
        };
        if name.as_str() == ROW || !read(name) || (low, high) == (i64::MIN, i64::MAX) {
            continue;
        }
        let physical = col(name.clone()).cast(DataType::Int64);
        let outside = physical.clone().lt(lit(low)).or(physical.gt(lit(high)));
        checks.push((
            name.to_string(),
            col(ROW).filter(outside).first().alias(name.clone()),
        ));
    }
    if checks.is_empty() {
        return Ok(Vec::new());
    }
    let found = lf
        .clone()
        .select(checks.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>())
        .collect()?;
    let mut problems = Vec::new();
    for (name, _) in &checks {
        let row = found.column(name)?.cast(&DataType::UInt64)?;
        if let Some(index) = row.u64()?.get(0) {
            problems.push(
                Problem::error(
                    "unreadable-file",
                    format!(
                        "column {name} holds a date outside the calendar (years -262,144 to \
                         262,143), which has no text to read or show; fix the value"
                    ),
                )
                .at_row(index + 1)
                .in_column(name.clone()),
            );
        }
    }
    Ok(problems)
}

/// The first record of each binary column that is read whose bytes are
/// not UTF-8 text, as a problem: pantau reads a binary column as text,
/// and a value that is not text has none to read or show.
fn not_utf8(
    lf: &LazyFrame,
    schema: &Schema,
    read: &impl Fn(&str) -> bool,
) -> PolarsResult<Vec<Problem>> {
    let mut problems = Vec::new();
    for (name, dtype) in schema.iter() {
        if name.as_str() == ROW || !read(name) || !matches!(dtype, DataType::Binary) {
            continue;
        }
        let df = lf.clone().select([col(ROW), col(name.clone())]).collect()?;
        let rows = df.column(ROW)?.cast(&DataType::UInt64)?;
        let values = df.column(name)?.binary()?.clone();
        let first = rows
            .u64()?
            .iter()
            .zip(values.iter())
            .find(|(_, v)| v.is_some_and(|bytes| std::str::from_utf8(bytes).is_err()));
        if let Some((index, _)) = first {
            problems.push(
                Problem::error(
                    "encoding",
                    format!(
                        "column {name} is stored as bytes, and this value is not UTF-8 text; \
                         store the column as text (UTF-8)"
                    ),
                )
                .at_row(index.unwrap_or(0) + 1)
                .in_column(name.to_string()),
            );
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column of a type pantau cannot read is refused by name (so the run
    /// stops with the file's problem, not an internal error).
    #[test]
    fn columns_of_types_pantau_does_not_read_are_refused_by_name() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/parquet");
        for (file, column) in [
            ("small-unsigned.parquet", "rw"),
            ("nested.parquet", "topic"),
        ] {
            let problems = match open(&fixtures.join(file), |_| true) {
                Ok(_) => panic!("{file} was read"),
                Err(problems) => problems,
            };
            assert_eq!(problems.len(), 1, "{file}: {problems:?}");
            assert_eq!(problems[0].column, column);
            assert!(
                problems[0].message.contains("does not read"),
                "{problems:?}"
            );
            // A column that is not read is no problem.
            assert!(open(&fixtures.join(file), |name| name != column).is_ok());
        }
    }

    /// A date or timestamp past the calendar (which polars could not write
    /// as text) is refused at its record, not left to stop the run.
    #[test]
    fn dates_past_the_calendar_are_refused_at_their_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feedback.parquet");
        let days = Int32Chunked::new("received_on".into(), [Some(20_000), Some(i32::MAX), None]);
        let ms = Int64Chunked::new("resolved_on".into(), [None, None, Some(i64::MIN)]);
        let mut df = DataFrame::new(
            3,
            vec![
                days.into_date().into_series().into_column(),
                ms.into_datetime(TimeUnit::Milliseconds, None)
                    .into_series()
                    .into_column(),
            ],
        )
        .unwrap();
        ParquetWriter::new(std::fs::File::create(&path).unwrap())
            .finish(&mut df)
            .unwrap();
        let problems = match open(&path, |_| true) {
            Ok(_) => panic!("dates past the calendar were read"),
            Err(problems) => problems,
        };
        let found: Vec<(&str, Option<u64>)> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.row))
            .collect();
        assert_eq!(found, [("received_on", Some(2)), ("resolved_on", Some(3))]);
    }

    /// A column stored as bytes is read as text: bytes that are not UTF-8
    /// are refused at their first record, in their column; a byte column
    /// of text is read.
    #[test]
    fn bytes_that_are_not_text_are_refused_at_their_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("households.parquet");
        let text: [Option<&[u8]>; 4] = [Some(b"Siti"), None, Some(b"Eko"), Some(b"Ani")];
        let bad: [Option<&[u8]>; 4] = [Some(b"Siti"), None, Some(b"\xff\xfe"), Some(b"\xc3")];
        let mut df = DataFrame::new(
            4,
            vec![
                BinaryChunked::from_iter_options("head_gender".into(), text.into_iter())
                    .into_column(),
                BinaryChunked::from_iter_options("head_name".into(), bad.into_iter()).into_column(),
            ],
        )
        .unwrap();
        ParquetWriter::new(std::fs::File::create(&path).unwrap())
            .finish(&mut df)
            .unwrap();
        let problems = match open(&path, |_| true) {
            Ok(_) => panic!("bytes that are not text were read"),
            Err(problems) => problems,
        };
        let found: Vec<(&str, Option<u64>, &str)> = problems
            .iter()
            .map(|p| (p.column.as_str(), p.row, p.rule.as_str()))
            .collect();
        assert_eq!(found, [("head_name", Some(3), "encoding")]);
        assert!(open(&path, |name| name != "head_name").is_ok());
    }
}
