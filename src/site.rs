//! The one place a site folder becomes a validated, typed site:
//! [`Site::open`] reads `site.toml` and every table, checks them against the
//! data contract ([`crate::validate`]) and keeps the typed frames, with the
//! rejected rows left out when `--max-rejected-rows` tolerates them. Every
//! command that reads a site goes through here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use polars::prelude::{col, DataType, IntoLazy, LazyFrame};

use crate::config::SiteConfig;
use crate::contract::Table;
use crate::load::{self, RowNumbers};
use crate::problem::InvalidInput;
use crate::validate::summary::ValidationSummary;
use crate::validate::{self, SiteReport, Tolerance};

/// A site folder that passed validation, as typed lazy frames.
pub struct Site {
    pub dir: PathBuf,
    pub config: SiteConfig,
    /// What validation found: files read, rows accepted and rejected, warnings.
    pub validation: SiteReport,
    frames: BTreeMap<Table, LazyFrame>,
    rows: BTreeMap<Table, RowNumbers>,
}

impl Site {
    /// Loads and validates a site, tolerating rejected rows up to
    /// `tolerance` per file; rejected rows are left out of every frame. Any
    /// contract error beyond that is an [`InvalidInput`] whose message lists
    /// the located problems.
    pub fn open(dir: &Path, tolerance: Tolerance) -> Result<Site> {
        let checked = validate::check_site(dir, validate::Keep::Typed)?;
        if let Some(reason) = checked.report.refusal(tolerance) {
            let summary = ValidationSummary::new(vec![checked.report]);
            return InvalidInput::err(format!("invalid input: {reason}\n{}", summary.to_text(20)));
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
            validation: checked.report,
            frames,
            rows,
        })
    }

    /// The typed frame of a table, if the site has it (households, surveys
    /// and distributions are always present).
    pub fn frame(&self, table: Table) -> Option<LazyFrame> {
        self.frames.get(&table).cloned()
    }

    /// The file name (without folder) a table was read from, e.g.
    /// `distributions.csv` or `penyaluran.xlsx`.
    pub fn file_name(&self, table: &str) -> String {
        self.validation
            .files
            .iter()
            .find(|f| f.table == table)
            .and_then(|f| Path::new(&f.file).file_name())
            .map_or_else(
                || format!("{table}.csv"),
                |n| n.to_string_lossy().into_owned(),
            )
    }

    /// Every input file read (site.toml first), as validation named them.
    pub fn input_files(&self) -> Vec<PathBuf> {
        self.validation
            .files
            .iter()
            .map(|f| PathBuf::from(&f.file))
            .collect()
    }

    /// The row number people see (the CSV line) of record `index` of a table.
    pub(crate) fn row_number(&self, table: Table, index: u64) -> u64 {
        self.rows
            .get(&table)
            .map_or(index + 1, |numbers| numbers.of(index))
    }

    /// Every household id and head NIK of the site: what the privacy gate
    /// looks for in public outputs.
    pub fn identifiers(&self) -> Result<Vec<String>> {
        let Some(lf) = self.frame(Table::Households) else {
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
}
