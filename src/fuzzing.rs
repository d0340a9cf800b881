//! Entry points for the fuzz targets in `fuzz/`. Each takes arbitrary input
//! and checks the promises the data contract makes about bad input: no panic,
//! and every problem located.

use std::path::Path;

use crate::load::csv;

/// Runs delimiter detection and the CSV structural pass over `bytes`, and
/// checks that every structural problem names a line within the text.
pub fn csv_structure(bytes: &[u8]) {
    let separator = csv::detect_delimiter(bytes).unwrap_or(b',');
    let structure = csv::scan_bytes(bytes, separator).expect("reading from memory cannot fail");
    let lines = bytes.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for p in &structure.problems {
        if let Some(row) = p.row {
            assert!(row >= 1 && row <= lines, "line {row} of {lines}: {p:?}");
        } else {
            assert_eq!(p.rule, "field-count", "{p:?}");
        }
    }
}

/// Validates the site folder `dir` and checks the report's promises: every
/// problem names a file, a rule and a message, row counts add up, and a
/// site without errors loads into typed frames.
pub fn validate_site(dir: &Path) {
    let report = crate::validate::check_site(dir, crate::validate::Keep::Typed)
        .expect("bad data must be reported, not fail the engine")
        .report;
    for f in &report.files {
        assert_eq!(f.rows_accepted + f.rows_rejected, f.rows_read, "{f:?}");
        for p in &f.problems {
            assert!(!p.file.is_empty() && !p.rule.is_empty() && !p.message.is_empty());
        }
    }
    if report.is_valid() {
        let site = crate::site::Site::open(dir, crate::validate::Tolerance::None)
            .expect("a valid site loads");
        for table in crate::contract::TABLES {
            if let Some(lf) = site.frame(table.table) {
                lf.collect().expect("a valid table collects");
            }
        }
    }
}
