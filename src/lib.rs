//! pantau turns the raw records of village social-assistance programs
//! (Bantuan Sosial) into indicators and reports.
//!
//! The pipeline: a site folder (`site.toml` plus CSV, XLSX or Parquet tables, see
//! the data contract in `docs/data-contract.md`) is loaded into polars lazy
//! frames ([`load`]), checked against the contract ([`validate`]), and then
//! handed to the later stages. [`generate`] writes realistic synthetic sites.

pub(crate) mod charts;
pub mod cli;
pub mod config;
pub mod contract;
pub mod convert;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod indicators;
pub mod load;
pub mod privacy;
pub mod problem;
pub mod progress;
pub mod report;
pub(crate) mod rng;
pub mod validate;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use polars::prelude::{col, DataType, IntoLazy, LazyFrame};

use crate::cli::{Cli, Command, Format, TableFormat};
pub use crate::contract::Table;
use crate::validate::summary::ValidationSummary;
pub use crate::validate::Tolerance;

pub use crate::problem::InvalidInput;

/// A site folder that passed validation, as typed lazy frames.
pub struct Site {
    pub dir: PathBuf,
    pub config: config::SiteConfig,
    pub report: validate::SiteReport,
    frames: BTreeMap<Table, LazyFrame>,
    rows: BTreeMap<Table, load::RowNumbers>,
}

impl Site {
    /// The typed frame of a table, if the site has it (households, surveys
    /// and distributions are always present).
    pub fn frame(&self, table: Table) -> Option<LazyFrame> {
        self.frames.get(&table).cloned()
    }

    /// The file name (without folder) a table was read from, e.g.
    /// `distributions.csv` or `penyaluran.xlsx`.
    pub fn file_name(&self, table: &str) -> String {
        self.report
            .files
            .iter()
            .find(|f| f.table == table)
            .and_then(|f| Path::new(&f.file).file_name())
            .map_or_else(
                || format!("{table}.csv"),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// The row number people see (the CSV line) of record `index` of a table.
    pub(crate) fn row_number(&self, table: Table, index: u64) -> u64 {
        self.rows
            .get(&table)
            .map_or(index + 1, |numbers| numbers.of(index))
    }
}

/// Loads and validates a site. Any contract error is an [`InvalidInput`]
/// whose message lists the located problems.
pub fn load_site(dir: &Path) -> Result<Site> {
    load_site_with(dir, Tolerance::None)
}

/// Loads and validates a site, tolerating rejected rows up to `tolerance`
/// per file; rejected rows are left out of every frame.
pub fn load_site_with(dir: &Path, tolerance: Tolerance) -> Result<Site> {
    let checked = validate::check_site(dir, validate::Keep::Typed)?;
    if let Some(reason) = checked.report.refusal(tolerance) {
        let summary = ValidationSummary::new(vec![checked.report]);
        return Err(
            InvalidInput(format!("invalid input: {reason}\n{}", summary.to_text(20))).into(),
        );
    }
    let config = checked
        .config
        .ok_or_else(|| InvalidInput(format!("{}: no usable site.toml", dir.display())))?;
    let rows = checked
        .tables
        .iter()
        .map(|(table, raw)| (*table, raw.row_numbers()))
        .collect();
    let rejected = checked.rejected;
    let frames = checked
        .typed
        .into_iter()
        .map(|(table, df)| {
            let typed = df.lazy();
            let typed = match rejected.get(&table) {
                Some(bad) if !bad.is_empty() => typed.filter(load::records_in(bad).not()),
                _ => typed,
            };
            (table, typed)
        })
        .collect();
    Ok(Site {
        dir: dir.to_path_buf(),
        config,
        report: checked.report,
        frames,
        rows,
    })
}

/// Every household id and head NIK of a site: what the privacy gate looks
/// for in public outputs.
pub(crate) fn identifiers(site: &Site) -> Result<Vec<String>> {
    let Some(lf) = site.frame(Table::Households) else {
        return Ok(Vec::new());
    };
    let df = lf
        .select([col("household_id"), col("head_nik")])
        .collect()
        .context("reading the household identifiers")?;
    let mut ids = Vec::new();
    for name in ["household_id", "head_nik"] {
        let s = df.column(name)?.cast(&DataType::String)?;
        ids.extend(s.str()?.iter().flatten().map(str::to_string));
    }
    Ok(ids)
}

/// Runs one command of the command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    progress::start(cli.quiet);
    let outcome = run_command(cli.command);
    progress::finish();
    outcome
}

fn run_command(command: Command) -> Result<ExitCode> {
    match command {
        Command::Validate {
            sites,
            format,
            max_problems,
            rejections,
        } => {
            let mut reports = Vec::new();
            for dir in &sites {
                reports.push(validate::check_site(dir, validate::Keep::Report)?.report);
            }
            let usable = reports
                .iter()
                .all(|r| r.refusal(rejections.max_rejected_rows).is_none());
            let summary = ValidationSummary::new(reports);
            let mut text = match format {
                Format::Text => summary.to_text(max_problems),
                Format::Json => summary.to_json()? + "\n",
            };
            if usable && !summary.valid && format == Format::Text {
                text.push_str("Usable with --max-rejected-rows: the rejected rows are left out.\n");
            }
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(if usable {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        Command::Indicators {
            site,
            period,
            format,
            rejections,
        } => {
            let loaded = load_site_with(&site, rejections.max_rejected_rows)?;
            let computed = indicators::compute(&loaded)?;
            let mut rows = computed.rows;
            if let Some(p) = &period {
                let periods: Vec<String> = {
                    let mut seen: Vec<String> = Vec::new();
                    for r in &rows {
                        if !seen.contains(&r.period) {
                            seen.push(r.period.clone());
                        }
                    }
                    seen
                };
                if !periods.contains(p) {
                    return Err(InvalidInput(format!(
                        "--period {p}: the data has no such period (periods: {})",
                        periods.join(", ")
                    ))
                    .into());
                }
                rows.retain(|r| &r.period == p);
            }
            let text = match format {
                TableFormat::Csv => indicators::to_csv(&rows),
                TableFormat::Json => indicators::to_json(&rows)? + "\n",
            };
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            sites,
            audience,
            period,
            lang,
            out,
            templates,
            rejections,
        } => {
            let options = report::Options {
                max_rejected_rows: rejections.max_rejected_rows,
                sites,
                audience: match audience {
                    cli::Audience::Evaluator => report::Audience::Evaluator,
                    cli::Audience::Council => report::Audience::Council,
                    cli::Audience::Partner => report::Audience::Partner,
                },
                period,
                lang: lang.into(),
                out,
                templates,
            };
            let written = report::run(&options)?;
            let mut stdout = std::io::stdout().lock();
            for path in written {
                writeln!(stdout, "{}", path.display())?;
            }
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Notice {
            site,
            program,
            period,
            lang,
            out,
            templates,
            rejections,
        } => {
            let options = report::notice::NoticeOptions {
                max_rejected_rows: rejections.max_rejected_rows,
                site,
                program,
                period,
                lang: lang.into(),
                out,
                templates,
            };
            let path = report::notice::run(&options)?;
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{}", path.display())?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { manifest } => {
            let runs = report::manifest::verify(&manifest)?;
            let mut out = std::io::stdout().lock();
            let mut changed = 0;
            for run in &runs {
                let outputs = run.outputs.join(", ");
                if run.changes.is_empty() {
                    writeln!(
                        out,
                        "OK       {outputs}: {} inputs and {} outputs unchanged",
                        run.inputs,
                        run.outputs.len()
                    )?;
                } else {
                    changed += 1;
                    writeln!(out, "CHANGED  {outputs} ({})", run.command)?;
                    for c in &run.changes {
                        writeln!(out, "    {}: {}", c.path, c.what)?;
                    }
                }
            }
            writeln!(
                out,
                "{} of {} runs match their files",
                runs.len() - changed,
                runs.len()
            )?;
            out.flush()?;
            Ok(if changed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(3)
            })
        }
        Command::Convert {
            site,
            out,
            rejections,
        } => {
            for path in convert::convert(&site, &out, rejections.max_rejected_rows)? {
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            profile,
            households,
            seed,
            out,
            force,
            name,
        } => {
            let profile = generate::Profile::from_cli(profile, name);
            generate::generate(&profile, households, seed, &out, force)?;
            println!("{}", out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// True when the error is a closed stdout (`pantau ... | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
