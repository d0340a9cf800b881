//! `pantau validate`: the data-quality summary of one or more sites.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{SummaryFormat, ValidateArgs};
use crate::validate::summary::ValidationSummary;
use crate::validate::{self, Keep};

pub(super) fn run(args: ValidateArgs) -> Result<ExitCode> {
    let mut reports = Vec::new();
    for dir in &crate::site::expand(&args.sites)? {
        reports.push(validate::check_site(dir, Keep::Report)?.report);
    }
    let tolerance = args.rejections.max_rejected_rows;
    let usable = reports.iter().all(|r| r.refusal(tolerance).is_none());
    let summary = ValidationSummary::new(reports);
    let mut text = match args.format {
        SummaryFormat::Text => summary.to_text(args.max_problems),
        SummaryFormat::Json => summary.to_json()? + "\n",
    };
    if usable && !summary.valid && args.format == SummaryFormat::Text {
        text.push_str("Usable with --max-rejected-rows: the rejected rows are left out.\n");
    }
    super::print(&text)?;
    Ok(if usable {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
