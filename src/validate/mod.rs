//! The data contract, enforced. Every problem is located (file, row, column),
//! carries the offending value and the rule it breaks, and is either an error
//! (the run fails, nothing is written) or a warning (suspicious but possible).
//!
//! The checks are polars lazy plans: one pass per table for the row rules,
//! and a narrow frame of each table's identifiers and watched values, in
//! which repeated keys, references between tables and outliers are found
//! in Rust ([`keys`], [`outliers`]). All plans of a site are collected together, on
//! the streaming engine for large sites, so a million-household site is
//! checked without loading it whole.

mod cells;
mod cross;
pub(crate) mod eligibility;
mod keys;
mod outliers;
mod places;
mod rows;
pub mod summary;

pub(crate) use keys::{HouseholdRows, NONE as NO_HOUSEHOLD};

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use polars::prelude::*;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::{self, SiteConfig};
use crate::contract::{Table, TABLES};
use crate::load::fingerprint::Fingerprint;
use crate::load::{self, Opened, RawTable};
use crate::problem::{Problem, Severity};

/// Rules that explain every other error on the same cell.
const CELL_CAUSES: [&str; 4] = [
    "excel-error",
    "damaged-identifier",
    "formula-without-value",
    "merged-cell",
];

/// The data-quality summary of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub file: String,
    /// The sheet of a workbook that holds several tables, as site.toml names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    pub table: String,
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    pub errors: u64,
    pub warnings: u64,
    pub problems: Vec<Problem>,
    /// The file's fingerprint, when hashed as it was read.
    #[serde(skip)]
    pub(crate) fingerprint: Option<Fingerprint>,
}

impl FileReport {
    /// Why this file stops a run under `tolerance`, if it does.
    fn refusal(&self, tolerance: Tolerance) -> Option<String> {
        let all_rejected = self.rows_read > 0 && self.rows_rejected == self.rows_read;
        if self.errors == 0 && !all_rejected {
            return None;
        }
        let file_level = self.table == "site"
            || self.rows_read == 0
            || self.problems.iter().any(Problem::is_file_level);
        if self.problems.iter().any(|p| p.rule == "empty-table") {
            Some(format!("{}: no rows yet", self.label()))
        } else if self.table == "site" {
            Some(format!(
                "{}: the settings have {} (listed below)",
                self.label(),
                if self.errors == 1 {
                    "an error".to_string()
                } else {
                    format!("{} errors", self.errors)
                }
            ))
        } else if file_level {
            Some(format!("{}: the file cannot be read", self.label()))
        } else if all_rejected {
            // No tolerance leaves a table none of its rows (its own errors,
            // or the rejected households they name): the report would show
            // the file's data as absent.
            Some(format!(
                "{}: all {} rows rejected, none left to use",
                self.label(),
                self.rows_read
            ))
        } else if !tolerance.allows(self.rows_rejected, self.rows_read) {
            Some(format!(
                "{}: {} of {} rows rejected",
                self.label(),
                self.rows_rejected,
                self.rows_read
            ))
        } else {
            None
        }
    }

    fn new(file: String, table: &str) -> FileReport {
        FileReport {
            file,
            sheet: None,
            table: table.to_string(),
            rows_read: 0,
            rows_accepted: 0,
            rows_rejected: 0,
            errors: 0,
            warnings: 0,
            problems: Vec::new(),
            fingerprint: None,
        }
    }

    /// The file's fingerprint: as hashed when it was read, or read again
    /// for it (site.toml, workbooks, Parquet files).
    pub fn fingerprint(&self) -> Result<Fingerprint> {
        match &self.fingerprint {
            Some(known) => Ok(known.clone()),
            None => load::fingerprint::hash_file(Path::new(&self.file)),
        }
    }

    /// Records an error on record `index` of `raw` (0-based), which rejects
    /// the row. `problem` says what is wrong with which column.
    pub(crate) fn reject(
        &mut self,
        raw: &RawTable,
        rejected: &mut std::collections::BTreeSet<u64>,
        index: u64,
        problem: Problem,
    ) {
        rejected.insert(index);
        self.located(raw, index, problem);
    }

    /// Records a problem on record `index` of `raw` (0-based): its file, row
    /// and spreadsheet cell are filled in here. A warning leaves the row in.
    pub(crate) fn located(&mut self, raw: &RawTable, index: u64, problem: Problem) {
        let cell = raw.cell(&problem.column, index);
        let p = problem
            .in_file(self.file.clone())
            .at_row(raw.display_row(index))
            .at_cell(cell);
        self.push(p);
    }

    /// A cell that holds an Excel error or a damaged identifier is reported
    /// once, as that; the type or pattern rules it then also breaks are
    /// consequences, not separate problems.
    fn drop_consequences(&mut self) {
        let causes: std::collections::BTreeSet<(Option<u64>, String)> = self
            .problems
            .iter()
            .filter(|p| CELL_CAUSES.contains(&p.rule.as_str()))
            .map(|p| (p.row, p.column.clone()))
            .collect();
        if causes.is_empty() {
            return;
        }
        self.problems.retain(|p| {
            CELL_CAUSES.contains(&p.rule.as_str())
                || p.severity != Severity::Error
                || !causes.contains(&(p.row, p.column.clone()))
        });
        self.errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count() as u64;
    }

    /// The file's name without its folder, and the sheet when the workbook
    /// holds several tables: `households.csv`, `data-desa.xlsx [households]`.
    pub fn name(&self) -> String {
        self.with_sheet(self.name_of_file())
    }

    /// `file` (this report's file, named some way) followed by the sheet
    /// when the workbook holds several tables.
    pub fn with_sheet(&self, file: String) -> String {
        match &self.sheet {
            Some(sheet) => format!("{file} [{sheet}]"),
            None => file,
        }
    }

    /// The file's name without its folder.
    pub fn name_of_file(&self) -> String {
        Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |n| n.to_string_lossy().into_owned())
    }

    /// The file with its folder, and the sheet as in [`FileReport::name`].
    pub fn label(&self) -> String {
        self.with_sheet(self.file.clone())
    }

    pub(crate) fn push(&mut self, mut p: Problem) {
        // A sheet of a workbook that holds several tables: its problems
        // name the sheet with the file.
        if self.sheet.is_some() && p.file == self.file {
            p.file = self.label();
        }
        match p.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        self.problems.push(p);
    }
}

/// Validation of one site folder.
#[derive(Debug, Clone, Serialize)]
pub struct SiteReport {
    pub site: String,
    pub name: Option<String>,
    pub errors: u64,
    pub warnings: u64,
    pub files: Vec<FileReport>,
}

impl SiteReport {
    pub fn is_valid(&self) -> bool {
        self.errors == 0
    }

    /// The report of the file (or sheet) a table was read from.
    pub fn file(&self, table: &str) -> Option<&FileReport> {
        self.files.iter().find(|f| f.table == table)
    }
}

/// A site that was read and checked, with its raw tables ready for typing.
pub(crate) struct Checked {
    pub report: SiteReport,
    pub config: Option<SiteConfig>,
    pub tables: BTreeMap<Table, RawTable>,
    /// Rejected records (0-based) of each table.
    pub rejected: BTreeMap<Table, std::collections::BTreeSet<u64>>,
    /// The typed frame of every readable table (rejected rows included),
    /// when asked for with [`Keep::Typed`].
    pub typed: BTreeMap<Table, DataFrame>,
    /// Where the records of the registry and of the tables referring to it
    /// find their household.
    pub households: HouseholdRows,
}

/// What [`check_site`] keeps besides the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Only the report: `pantau validate`.
    Report,
    /// Also the typed tables, parsed in the same pass over the files as
    /// the checks, so that a run reads and parses each file once.
    Typed,
}

/// Reads and checks one site folder. `Err` for a path that is not a folder and
/// for failures that are not the data's fault (the engine itself failing);
/// data problems are in the report.
pub(crate) fn check_site(site_dir: &Path, keep: Keep) -> Result<Checked> {
    load::require_folder(site_dir)?;
    let site = site_dir.display().to_string();
    crate::progress::step(format!("reading and checking {site}"));
    let toml_file = site_dir.join(config::SITE_FILE).display().to_string();
    let mut files: Vec<FileReport> = Vec::new();

    let (config, config_problems) = config::load(site_dir);
    let mut toml_report = FileReport::new(toml_file.clone(), "site");
    for p in config_problems {
        toml_report.push(p);
    }

    let mut tables: BTreeMap<Table, RawTable> = BTreeMap::new();
    let mut rejected: BTreeMap<Table, std::collections::BTreeSet<u64>> = BTreeMap::new();
    let formats: Vec<_> = TABLES
        .iter()
        .map(|spec| {
            config
                .as_ref()
                .map(|c| c.format(spec.name))
                .unwrap_or_default()
        })
        .collect();
    // A table file under the table's own name that site.toml's file
    // leaves unread.
    for (spec, format) in TABLES.iter().zip(&formats) {
        for path in load::shadowed(site_dir, spec, format) {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            toml_report.push(
                Problem::error(
                    "ambiguous-file",
                    format!(
                        "{name} is in the folder, but [format.{}] reads the {} table from {}: \
                         {name} would not be read; move it away, or remove the file line \
                         of [format.{}]",
                        spec.name,
                        spec.name,
                        format.file.as_deref().unwrap_or_default(),
                        spec.name
                    ),
                )
                .in_file(toml_file.clone()),
            );
        }
    }
    // Each table's file and its size, as found before reading (none when
    // missing; a size of 0 when it cannot be read).
    let found: Vec<Option<(std::path::PathBuf, u64)>> = TABLES
        .iter()
        .zip(&formats)
        .map(|(spec, format)| {
            let path = load::find(site_dir, spec, format).ok()??.0;
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            Some((path, size))
        })
        .collect();
    let engine = engine_of(found.iter().flatten());
    // Each table's file is opened (and a CSV file's structure scanned) on
    // its own thread, and its checks' plans are collected there as soon as
    // it is read, so that the smaller tables are checked while the largest
    // is still being read. The largest file is taken first, so that its
    // reading, the longest, starts at once; what the threads found is then
    // taken in the contract's order.
    let mut order: Vec<usize> = (0..TABLES.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(found[i].as_ref().map_or(0, |f| f.1)));
    let mut opened: Vec<(usize, Opened, Option<Result<Collected>>)> = order
        .into_par_iter()
        .map(|i| {
            let (spec, format) = (&TABLES[i], &formats[i]);
            let mut opened = load::open(site_dir, spec, format);
            let collected = match &mut opened {
                Opened::Ready { raw, .. } => Some(
                    collect_checks(raw, config.as_ref(), engine, keep)
                        .with_context(|| format!("checking the tables of {site}")),
                ),
                _ => None,
            };
            (i, opened, collected)
        })
        .collect();
    opened.sort_by_key(|&(i, ..)| i);
    let mut collected: BTreeMap<Table, Collected> = BTreeMap::new();
    for ((spec, format), (_, opened, checks)) in TABLES.iter().zip(formats).zip(opened) {
        if let Some(checks) = checks {
            collected.insert(spec.table, checks?);
        }
        match opened {
            Opened::Absent => {}
            // Without a readable site.toml the tables' file names are not
            // known: a table missing under its default name is no news.
            Opened::Rejected { problems, .. }
                if config.is_none() && problems.iter().all(|p| p.rule == "missing-file") => {}
            Opened::Rejected { path, problems } => {
                let file = path.display().to_string();
                let mut r = FileReport::new(file.clone(), spec.name);
                r.sheet = format.sheet.clone().filter(|_| is_workbook(&path));
                for p in problems {
                    r.push(from_reader(&file, spec.name, p));
                }
                files.push(r);
            }
            Opened::Ready {
                raw,
                warnings,
                row_errors,
            } => {
                let file = raw.path.display().to_string();
                let mut r = FileReport::new(file.clone(), spec.name);
                r.fingerprint = raw.fingerprint.clone();
                r.sheet = format.sheet.clone().filter(|_| is_workbook(&raw.path));
                for p in warnings {
                    r.push(from_reader(&file, spec.name, p));
                }
                let bad = rejected.entry(spec.table).or_default();
                for p in row_errors {
                    if let Some(record) = p.record {
                        bad.insert(record);
                    }
                    r.push(from_reader(&file, spec.name, p));
                }
                files.push(r);
                tables.insert(spec.table, *raw);
            }
        }
    }

    let mut typed: BTreeMap<Table, DataFrame> = BTreeMap::new();
    let mut owns: Vec<keys::Own> = Vec::new();
    for (table, checks) in collected {
        let raw = &tables[&table];
        let report = files
            .iter_mut()
            .find(|f| f.table == raw.spec.name)
            .context("a checked table has a file report")?;
        for (plan, df) in checks.plans.iter().zip(checks.frames) {
            (plan.read)(raw, &df, report, rejected.entry(plan.table).or_default())?;
        }
        owns.push(checks.keys);
        if let Some(frame) = checks.typed {
            typed.insert(table, frame);
        }
    }
    let households = keys::check(&tables, owns, engine, &mut files, &mut rejected)?;
    for raw in tables.values() {
        let Some(why) = raw.spec.needs_rows else {
            continue;
        };
        if let Some(report) = files
            .iter_mut()
            .find(|f| f.table == raw.spec.name && f.rows_read == 0)
        {
            let name = report.name();
            let file = report.file.clone();
            let message = match raw.example_row {
                Some(row) => format!(
                    "no rows yet besides the example row {row} of pantau init, which is not \
                     read: {why}"
                ),
                None => format!("{name} has a header but no rows: {why}"),
            };
            report.push(Problem::error("empty-table", message).in_file(file));
        }
    }
    cascade(&tables, engine, &mut files, &mut rejected)?;
    for report in files.iter_mut() {
        let bad = TABLES
            .iter()
            .find(|t| t.name == report.table)
            .and_then(|t| rejected.get(&t.table))
            .map_or(0, |s| s.len() as u64);
        report.rows_rejected = bad;
        report.rows_accepted = report.rows_read.saturating_sub(bad);
    }

    if let Some(cfg) = &config {
        // The registry's accepted rows, typed, where the rules are
        // evaluated: the typed table when kept, else typed from the read one.
        let registry = typed
            .get(&Table::Households)
            .map(|df| df.clone().lazy())
            .or_else(|| tables.get(&Table::Households).map(load::typed::typed))
            .map(|lf| match rejected.get(&Table::Households) {
                Some(bad) if !bad.is_empty() => lf.filter(load::records_in(bad).not()),
                _ => lf,
            });
        for p in cross::config_problems(cfg, &tables, registry.as_ref(), &toml_file)? {
            toml_report.push(p);
        }
    }

    files.insert(0, toml_report);
    for f in &mut files {
        f.drop_consequences();
        f.problems.sort_by(|a, b| {
            (a.severity, a.row, &a.column, &a.rule).cmp(&(b.severity, b.row, &b.column, &b.rule))
        });
    }
    let errors = files.iter().map(|f| f.errors).sum();
    let warnings = files.iter().map(|f| f.warnings).sum();
    let report = SiteReport {
        site,
        name: config.as_ref().map(|c| c.site.name.clone()),
        errors,
        warnings,
        files,
    };
    let rejected = tables
        .keys()
        .map(|t| (*t, rejected.remove(t).unwrap_or_default()))
        .collect();
    Ok(Checked {
        report,
        config,
        tables,
        rejected,
        typed,
        households,
    })
}

/// A survey or enrollment of a household whose registry row was rejected
/// cannot be used either, so it is rejected too; a delivery to it stays in
/// the ledger (it is money that was paid) with a warning.
fn cascade(
    tables: &BTreeMap<Table, RawTable>,
    engine: Engine,
    files: &mut [FileReport],
    rejected: &mut BTreeMap<Table, std::collections::BTreeSet<u64>>,
) -> Result<()> {
    let Some(households) = tables.get(&Table::Households) else {
        return Ok(());
    };
    let bad = match rejected.get(&Table::Households) {
        Some(bad) if !bad.is_empty() => bad.clone(),
        _ => return Ok(()),
    };
    let file_name = files
        .iter()
        .find(|f| f.table == households.spec.name)
        .map(FileReport::name)
        .unwrap_or_default();
    for (table, index, household, line) in cross::on_rejected_households(tables, &bad, engine)? {
        let raw = &tables[&table];
        let Some(report) = files.iter_mut().find(|f| f.table == raw.spec.name) else {
            continue;
        };
        let finding = |p: Problem| p.in_column("household_id").with_value(household.clone());
        // A delivery stays in the ledger and a feedback item is still
        // counted: a warning; any other row cannot be used.
        let kept = match table {
            Table::Distributions => Some("; the delivery stays in the ledger"),
            Table::Feedback => Some(", so explain cannot answer this feedback by letter"),
            _ => None,
        };
        if let Some(why) = kept {
            report.located(
                raw,
                index,
                finding(Problem::warning(
                    "rejected-household",
                    format!("the household's row ({file_name} row {line}) was rejected{why}"),
                )),
            );
        } else {
            let set = rejected.entry(table).or_default();
            report.reject(
                raw,
                set,
                index,
                finding(Problem::error(
                    "rejected-household",
                    format!(
                        "the household's row ({file_name} row {line}) was rejected, so this row \
                         cannot be used"
                    ),
                )),
            );
        }
    }
    Ok(())
}

/// How many rejected rows a run tolerates in each file (`--max-rejected-rows`).
/// Rejected rows are left out of the indicators and counted in the report's
/// data-quality section.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Tolerance {
    /// No rejected row: any error stops the run (the default).
    #[default]
    None,
    /// Up to this many rejected rows per file.
    Rows(u64),
    /// Up to this share (0–1) of each file's rows.
    Share(f64),
}

impl Tolerance {
    /// `25` (rows) or `2%` / `2.5%` (of each file's rows).
    pub fn parse(text: &str) -> std::result::Result<Tolerance, String> {
        let t = text.trim();
        if let Some(p) = t.strip_suffix('%') {
            let v: f64 = p
                .trim()
                .parse()
                .map_err(|_| format!("{text}: not a percentage"))?;
            if !(0.0..=100.0).contains(&v) {
                return Err(format!("{text}: a percentage from 0% to 100%"));
            }
            return Ok(if v == 0.0 {
                Tolerance::None
            } else {
                Tolerance::Share(v / 100.0)
            });
        }
        match t.parse::<u64>() {
            Ok(0) => Ok(Tolerance::None),
            Ok(n) => Ok(Tolerance::Rows(n)),
            Err(_) => Err(format!(
                "{text}: a number of rows (25) or a percentage (2%)"
            )),
        }
    }

    fn allows(self, rejected: u64, read: u64) -> bool {
        match self {
            Tolerance::None => rejected == 0,
            Tolerance::Rows(n) => rejected <= n,
            Tolerance::Share(s) => rejected as f64 <= s * read as f64 + 1e-9,
        }
    }
}

impl std::fmt::Display for Tolerance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tolerance::None => write!(f, "0"),
            Tolerance::Rows(n) => write!(f, "{n}"),
            Tolerance::Share(s) => write!(f, "{}%", s * 100.0),
        }
    }
}

impl SiteReport {
    /// Why this site cannot be used under `tolerance`, or `None` when it
    /// can: file-level problems (site.toml, encoding, delimiter, headers)
    /// always stop a run; rejected rows stop it beyond the tolerance.
    pub fn refusal(&self, tolerance: Tolerance) -> Option<String> {
        let reasons: Vec<String> = self
            .files
            .iter()
            .filter_map(|f| f.refusal(tolerance))
            .collect();
        (!reasons.is_empty()).then(|| reasons.join("; "))
    }
}

/// A problem a file reader found, placed in its file; the readers write
/// `<table>` where the table's name belongs.
fn from_reader(file: &str, table: &str, p: Problem) -> Problem {
    let message = p.message.replace("<table>", table);
    Problem { message, ..p }.in_file(file)
}

/// Reader of one collected check frame: turns its rows into problems.
type Reader = Box<
    dyn Fn(
            &RawTable,
            &DataFrame,
            &mut FileReport,
            &mut std::collections::BTreeSet<u64>,
        ) -> Result<()>
        + Send
        + Sync,
>;

/// A lazy check plan and the reader of its result.
pub(crate) struct Planned {
    pub table: Table,
    pub lf: LazyFrame,
    pub read: Reader,
}

/// Table files up to this size in all are checked on polars' in-memory
/// engine, larger ones on the streaming engine. On a village (a few MB) and
/// on a site of 100,000 households (116 MiB of CSV) the in-memory engine is
/// faster and peaks lower (`pantau validate` on the latter: 3.1 s and
/// 0.65 GB against 3.9 s and 0.85 GB); the streaming engine is kept for the
/// registry extracts of millions of households, where it was measured.
const IN_MEMORY_BYTES: u64 = 512 << 20;

/// Whether `path` is a workbook, where site.toml's `sheet` applies.
fn is_workbook(path: &Path) -> bool {
    matches!(load::FileKind::of(path), Some(load::FileKind::Xlsx))
}

/// The engine for checking a site's tables, by the size of their files
/// ([`IN_MEMORY_BYTES`]), found before they are read: every plan of one
/// run uses the same engine.
fn engine_of<'a>(files: impl Iterator<Item = &'a (std::path::PathBuf, u64)>) -> Engine {
    // A file read for two tables (the sheets of one workbook) counts once.
    let sizes: BTreeMap<&std::path::PathBuf, u64> =
        files.map(|(path, size)| (path, *size)).collect();
    if sizes.values().sum::<u64>() <= IN_MEMORY_BYTES {
        Engine::InMemory
    } else {
        Engine::Streaming
    }
}

/// One table's checks, collected on the thread that read it.
struct Collected {
    /// Its row rules' plans, and their frames in the same order.
    plans: Vec<Planned>,
    frames: Vec<DataFrame>,
    /// Its key checks and outliers that need no other table.
    keys: keys::Own,
    /// The typed table, when kept.
    typed: Option<DataFrame>,
}

/// Collects the checks' plans of a table just read, and its typed table
/// when kept; on the in-memory engine the read columns are collected first,
/// once, since every plan selects from them.
fn collect_checks(
    raw: &mut RawTable,
    config: Option<&SiteConfig>,
    engine: Engine,
    keep: Keep,
) -> Result<Collected> {
    if matches!(engine, Engine::InMemory) {
        let read = collect_all(vec![raw.lf.clone()], engine)
            .map_err(anyhow::Error::from)
            .context("reading the table")?
            .pop()
            .context("the read table")?;
        raw.lf = read.lazy();
    }
    let plans = rows::plans(raw, config)?;
    let mut lfs: Vec<LazyFrame> = plans.iter().map(|p| p.lf.clone()).collect();
    lfs.push(keys::plan(raw));
    if keep == Keep::Typed {
        lfs.push(load::typed::typed(raw));
    }
    let mut frames = collect_all(lfs, engine)?;
    let typed = (keep == Keep::Typed).then(|| frames.pop()).flatten();
    let keys = keys::own(raw, frames.pop().context("the key checks' frame")?)?;
    Ok(Collected {
        plans,
        frames,
        keys,
        typed,
    })
}

/// Collects many plans in one go on `engine`.
pub(crate) fn collect_all(plans: Vec<LazyFrame>, engine: Engine) -> PolarsResult<Vec<DataFrame>> {
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    let opt = plans[0].get_current_optimizations();
    let dsl: Vec<DslPlan> = plans.into_iter().map(|lf| lf.logical_plan).collect();
    LazyFrame::collect_all_with_engine(dsl, engine, opt)
}

/// Text of the cell at `row` of a string column, or "".
pub(crate) fn cell(df: &DataFrame, column: &str, row: usize) -> Result<String> {
    let s = df.column(column)?.as_materialized_series();
    let ca = s.str()?;
    Ok(ca.get(row).unwrap_or("").to_string())
}

/// The row indices column of a check frame.
pub(crate) fn row_indices(df: &DataFrame) -> Result<Vec<u64>> {
    let s = df
        .column(load::ROW)?
        .as_materialized_series()
        .cast(&DataType::UInt64)?;
    Ok(s.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}
