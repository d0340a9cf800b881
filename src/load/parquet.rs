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

/// Whether pantau reads a Parquet column of type `dtype`: not a nested
/// column (a list or a struct of values in one cell) and not the small
/// unsigned integers this build of polars has no arrays for.
fn readable(dtype: &DataType) -> bool {
    !(dtype.is_nested() || matches!(dtype, DataType::UInt8 | DataType::UInt16))
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
}
