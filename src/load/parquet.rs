//! Parquet files: the same columns as the CSV form. A typed Parquet column
//! is read as the text polars writes for it, so one set of parsing and
//! validation rules applies whatever the file format; its numbers, dates
//! and booleans are read into their values at once, and make no text when
//! every value reads back in its own form ([`super::field::parts`]).

use std::path::Path;

use polars::prelude::*;

use super::{RowNumbers, Source, ROW};
use crate::problem::Problem;

pub(crate) fn open(path: &Path) -> Result<Source, Vec<Problem>> {
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
