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
    let lines = u64::from(csv::line_ends(bytes, &mut false)) + 1;
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

/// Runs the whole report path on the site folder `dir` (every audience in
/// both languages) and checks that a site either is refused as invalid
/// input or gives reports that pass the privacy gate; the engine itself
/// never fails and never panics.
pub fn report_site(dir: &Path) {
    use crate::fmt::Lang;
    use crate::report::{self, Audience};
    let prepared = match report::prepare(dir, None, crate::validate::Tolerance::None) {
        Ok(p) => p,
        Err(e) => {
            assert!(
                e.downcast_ref::<crate::problem::InvalidInput>().is_some(),
                "a site must be refused as invalid input, not fail the engine: {e:#}"
            );
            return;
        }
    };
    let sites = [prepared];
    for audience in [Audience::Evaluator, Audience::Council, Audience::Partner] {
        for lang in [Lang::Id, Lang::En] {
            if let Err(e) = report::render_report(&sites, audience, lang, None) {
                assert!(
                    e.downcast_ref::<crate::problem::InvalidInput>().is_some(),
                    "rendering may only refuse (the privacy gate), not fail: {e:#}"
                );
            }
        }
    }
}

/// The privacy gate over any text: it never panics, and a NIK planted in
/// the text, written in groups with any of the separators people use, is
/// always refused.
pub fn privacy_gate(bytes: &[u8]) {
    use crate::privacy::{Document, Gate};
    use crate::problem::Origin;
    let Some((&choice, rest)) = bytes.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let gate = Gate::new([(
        "3173050101800001".to_string(),
        Origin {
            file: "households.csv".into(),
            line: 2,
            column: "head_nik",
        },
    )]);
    for (name, digit_runs) in [("r.html", true), ("e.csv", true), ("i.csv", false)] {
        let _ = gate.check(&Document {
            name,
            text: &text,
            columns: &[],
            digit_runs,
        });
    }
    let separator = [" ", ".", "-", "\u{a0}", ""][choice as usize % 5];
    let nik = ["3173", "0501", "0180", "0001"].join(separator);
    let at = text
        .char_indices()
        .map(|(i, _)| i)
        .nth(choice as usize % (text.chars().count() + 1))
        .unwrap_or(text.len());
    let planted = format!("{} {nik} {}", &text[..at], &text[at..]);
    for (name, digit_runs) in [("e.csv", true), ("i.csv", false)] {
        let refused = gate.check(&Document {
            name,
            text: &planted,
            columns: &[],
            digit_runs,
        });
        assert!(
            refused.is_err(),
            "{name}: a planted NIK passed: {planted:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fuzz_entry_points_hold_on_the_seeds() {
        let tiny = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        validate_site(&tiny);
        report_site(&tiny);
        for seed in [
            &b""[..],
            b"\x00",
            b"\x01abc",
            b"\x02<p>Rp 1.500.000</p>",
            b"\x03x",
        ] {
            privacy_gate(seed);
        }
    }
}
