//! `pantau indicators`: the tidy indicator table of a site on stdout.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{IndicatorsArgs, TableFormat};
use crate::indicators;
use crate::privacy::{Document, Gate};
use crate::problem::InvalidInput;
use crate::site::Site;

pub(super) fn run(args: IndicatorsArgs) -> Result<ExitCode> {
    let site = Site::open(&args.site, args.rejections.max_rejected_rows)?;
    let computed = indicators::compute(&site)?;
    let periods = computed.periods();
    let mut rows = computed.rows;
    if let Some(p) = &args.period {
        let label = p.label();
        if !periods.contains(&label) {
            return InvalidInput::err(format!(
                "--period {label}: the data has no such period (periods: {})",
                periods.join(", ")
            ));
        }
        rows.retain(|r| r.period.label() == label);
    }
    let parts = match args.format {
        TableFormat::Csv => indicators::csv_parts(&rows)?,
        TableFormat::Json => vec![indicators::to_json(&rows)? + "\n"],
    };
    // The JSON's strings are escaped (a line break as `\n`): the gate reads
    // the rows as the CSV shows them.
    match args.format {
        TableFormat::Csv => refuse_identifiers(&site, &parts)?,
        TableFormat::Json => refuse_identifiers(&site, &indicators::csv_parts(&rows)?)?,
    }
    super::print_parts(&parts)?;
    if let Some(note) = rejected_note(&site) {
        eprintln!("{note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses (exit 2, nothing printed) a table that would show one of the
/// site's NIK or household numbers, as the report's copy of the table is
/// refused: a group's name (a course, a budget category) is the text of
/// a file, and may carry one.
fn refuse_identifiers(site: &Site, parts: &[String]) -> Result<()> {
    let mut gate = Gate::default();
    site.add_identifiers(&mut gate)?;
    let gate = gate.locating(Box::new(|digits: &str| site.locate_digits(digits)));
    for text in parts {
        gate.check(&Document {
            name: "the indicator table",
            text,
            columns: &[],
            digit_runs: false,
        })?;
    }
    Ok(())
}

/// The rows left out under `--max-rejected-rows`, per file: the table on
/// standard output cannot say so itself.
fn rejected_note(site: &Site) -> Option<String> {
    let files: Vec<String> = site
        .validation
        .files
        .iter()
        .filter(|f| f.rows_rejected > 0)
        .map(|f| format!("{} {} of {}", f.name(), f.rows_rejected, f.rows_read))
        .collect();
    (!files.is_empty()).then(|| {
        format!(
            "pantau: rejected rows left out of these indicators: {} (pantau validate {} lists them)",
            files.join(", "),
            site.dir.display()
        )
    })
}
