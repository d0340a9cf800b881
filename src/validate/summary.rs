//! The data-quality summary printed by `pantau validate`: readable text by
//! default, JSON for machines.

use std::fmt::Write as _;

use serde::Serialize;

use super::SiteReport;
use crate::problem::Problem;

/// Everything `pantau validate` found, for one or more sites.
#[derive(Debug, Serialize)]
pub struct ValidationSummary {
    pub valid: bool,
    pub errors: u64,
    pub warnings: u64,
    pub sites: Vec<SiteReport>,
}

impl ValidationSummary {
    pub fn new(sites: Vec<SiteReport>) -> ValidationSummary {
        let errors = sites.iter().map(|s| s.errors).sum();
        let warnings = sites.iter().map(|s| s.warnings).sum();
        ValidationSummary {
            valid: errors == 0,
            errors,
            warnings,
            sites,
        }
    }

    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    /// Human-readable text; at most `limit` problems are listed per file
    /// (0 = all), the counts always cover every problem.
    pub fn to_text(&self, limit: usize) -> String {
        let mut out = String::new();
        for site in &self.sites {
            let name = site
                .name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let verdict = if site.is_valid() { "valid" } else { "INVALID" };
            let _ = writeln!(
                out,
                "{}{name}: {verdict}: {} error{}, {} warning{}",
                site.site,
                site.errors,
                plural(site.errors),
                site.warnings,
                plural(site.warnings)
            );
            for f in &site.files {
                let counts = if f.table == "site" {
                    String::new()
                } else {
                    format!(
                        "{} rows read, {} accepted, {} rejected; ",
                        f.rows_read, f.rows_accepted, f.rows_rejected
                    )
                };
                let _ = writeln!(
                    out,
                    "  {}: {counts}{} error{}, {} warning{}",
                    f.label(),
                    f.errors,
                    plural(f.errors),
                    f.warnings,
                    plural(f.warnings)
                );
                let shown = if limit == 0 {
                    f.problems.len()
                } else {
                    limit.min(f.problems.len())
                };
                for p in &f.problems[..shown] {
                    let _ = writeln!(out, "    {}", problem_line(p));
                }
                if shown < f.problems.len() {
                    let _ = writeln!(
                        out,
                        "    ... and {} more (use --max-problems 0 or --format json to see all)",
                        f.problems.len() - shown
                    );
                }
            }
        }
        let _ = writeln!(
            out,
            "{}: {} error{}, {} warning{} in {} site{}",
            if self.valid { "OK" } else { "FAILED" },
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.sites.len(),
            plural(self.sites.len() as u64)
        );
        out
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `error: households.csv:17: column members: value "0": rule range: members must be at least 1`
pub fn problem_line(p: &Problem) -> String {
    let mut line = format!("{}: {}", p.severity.as_str(), p.file);
    match (&p.cell, p.row) {
        // `households!C17` of a workbook whose sheet the file already names.
        (Some(cell), _) if p.file.ends_with(']') => {
            let bare = cell.rsplit('!').next().unwrap_or(cell);
            let _ = write!(line, " {bare}");
        }
        (Some(cell), _) => {
            let _ = write!(line, "!{cell}");
        }
        (None, Some(row)) => {
            let _ = write!(line, ":{row}");
        }
        (None, None) => {}
    }
    if !p.column.is_empty() {
        let _ = write!(line, ": column {}", p.column);
    }
    if !p.value.is_empty() {
        let _ = write!(line, ": value {:?}", p.value);
    }
    let _ = write!(line, ": rule {}: {}", p.rule, p.message);
    // A header or path may hold what a terminal would obey; and no
    // message shows an identification number in full.
    crate::privacy::mask_identifiers(&crate::contract::escape_hidden(&line))
}
