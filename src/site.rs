//! The one place a site folder becomes a validated, typed site:
//! [`Site::open`] reads `site.toml` and every table, checks them against the
//! data contract ([`crate::validate`]) and keeps the typed frames, with the
//! rejected rows left out when `--max-rejected-rows` tolerates them. Every
//! command that reads a site goes through here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use polars::prelude::{col, lit, DataFrame, DataType, IntoColumn, IntoLazy, LazyFrame};
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::contract::Table;
use crate::load::{self, RowNumbers};
use crate::privacy::Gate;
use crate::problem::InvalidInput;
use crate::validate::summary::ValidationSummary;
use crate::validate::{self, FileReport, SiteReport, Tolerance};

/// The site folders named on a command line, with a folder of villages
/// opened up: a folder without `site.toml` whose subfolders have one (a
/// district: `district/31.73.05.1001/site.toml`, ...) stands for those
/// subfolders, in name order. Any other folder is kept as given, so
/// [`Site::open`] says what is wrong with it.
pub fn expand(dirs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for dir in dirs {
        if dir.join(crate::config::SITE_FILE).exists() || !dir.is_dir() {
            out.push(dir.clone());
            continue;
        }
        let reading = || format!("reading {}", dir.display());
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).with_context(reading)? {
            paths.push(entry.with_context(reading)?.path());
        }
        let folders = folders_among(paths)?;
        let (mut villages, others): (Vec<PathBuf>, Vec<PathBuf>) = folders
            .into_iter()
            .partition(|p| p.join(crate::config::SITE_FILE).is_file());
        villages.sort();
        if villages.is_empty() {
            out.push(dir.clone());
            continue;
        }
        // A village whose site.toml is a link to nothing.
        if let Some(link) = others
            .iter()
            .map(|p| p.join(crate::config::SITE_FILE))
            .find(|toml| toml.is_symlink())
        {
            return Err(broken_link(&link));
        }
        // A village of the district without its site.toml (or with one
        // named otherwise), at any depth, would be left out of the
        // district's run without a word.
        let mut budget = SEARCHED_FOLDERS;
        let mut found: Vec<(&PathBuf, PathBuf)> = Vec::new();
        for other in &others {
            if let Some(lost) = lost_site(dir, other, SEARCHED_DEPTH, &mut budget)? {
                found.push((other, lost));
            }
        }
        if let Some((_, lost)) = found
            .iter()
            .find(|(_, f)| !f.join(crate::config::SITE_FILE).is_file())
        {
            return Err(crate::problem::InvalidInput(format!(
                "{} holds a village's tables but no {}: add it (named {} in small letters), \
                 or move the folder out of {}",
                lost.display(),
                crate::config::SITE_FILE,
                crate::config::SITE_FILE,
                dir.display()
            ))
            .into());
        }
        // A folder of villages inside the district (a sub-district, at any
        // depth) is not opened up in turn: its villages would be left out
        // without a word.
        if let Some((nested, village)) = found.first() {
            // The folder to name on the command line: the one holding the
            // village found.
            let holder = village.parent().unwrap_or(nested);
            return Err(crate::problem::InvalidInput(format!(
                "{} is a folder of villages inside {} (the village {} among them), whose \
                 villages are read one level down only: its villages would be left out; move \
                 them into {}, or name each folder of villages on the command line ({} and the \
                 villages of {})",
                nested.display(),
                dir.display(),
                village.display(),
                dir.display(),
                holder.display(),
                dir.display()
            ))
            .into());
        }
        out.extend(villages);
    }
    refuse_the_same_folder_twice(&out)?;
    Ok(out)
}

/// The same folder given twice (under any path, a link among them) is
/// refused: a district would count the village twice, its data-quality
/// summary would be listed twice, and a comparison of a village with
/// itself says nothing.
fn refuse_the_same_folder_twice(dirs: &[PathBuf]) -> Result<()> {
    let real: Vec<PathBuf> = dirs
        .iter()
        .map(|d| d.canonicalize().unwrap_or_else(|_| d.clone()))
        .collect();
    for (i, a) in real.iter().enumerate() {
        if let Some(j) = real[..i].iter().position(|b| b == a) {
            return Err(crate::problem::InvalidInput(format!(
                "{} and {} are the same site: a village is read once (a district would \
                 count it twice, and a comparison of a village with itself says nothing)",
                dirs[j].display(),
                dirs[i].display()
            ))
            .into());
        }
    }
    Ok(())
}

/// The error of a link in a district folder whose target cannot be opened.
fn broken_link(link: &Path) -> anyhow::Error {
    let target = std::fs::read_link(link).unwrap_or_default();
    crate::problem::InvalidInput(format!(
        "{} is a link to {}, which cannot be opened: fix the link or remove it",
        link.display(),
        target.display()
    ))
    .into()
}

/// How deep below a district's folder, and through how many folders in
/// all, [`lost_site`] looks for a village that would be left out.
const SEARCHED_DEPTH: usize = 6;
const SEARCHED_FOLDERS: usize = 20_000;

/// The first folder at or below `folder` (down to `depth` levels, through
/// at most `budget` folders) that holds a site's files ([`holds_tables`],
/// a site.toml among them, under any case of its name): a village the run
/// of the district `district` would leave out. A link to nothing on the
/// way, or more folders than the budget, is an error: a village could be
/// behind it.
fn lost_site(
    district: &Path,
    folder: &Path,
    depth: usize,
    budget: &mut usize,
) -> Result<Option<PathBuf>> {
    if *budget == 0 {
        return Err(crate::problem::InvalidInput(format!(
            "{} holds more than {SEARCHED_FOLDERS} folders besides its villages, among \
             which a village could be left out of the run unseen: move the other folders \
             out of it, or name the villages' folders on the command line",
            district.display()
        ))
        .into());
    }
    *budget -= 1;
    if holds_tables(folder) {
        return Ok(Some(folder.to_path_buf()));
    }
    if depth == 0 {
        return Ok(None);
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(None);
    };
    let mut folders = folders_among(entries.filter_map(|e| e.ok().map(|e| e.path())))?;
    folders.sort();
    for sub in &folders {
        if let Some(lost) = lost_site(district, sub, depth - 1, budget)? {
            return Ok(Some(lost));
        }
    }
    Ok(None)
}

/// The folders among `paths`; a link whose target is gone is an error, as
/// it may have been a village, which would be left out of the run without
/// a word.
fn folders_among(paths: impl IntoIterator<Item = PathBuf>) -> Result<Vec<PathBuf>> {
    let mut folders = Vec::new();
    for path in paths {
        if path.is_symlink() && std::fs::metadata(&path).is_err() {
            return Err(broken_link(&path));
        }
        if path.is_dir() {
            folders.push(path);
        }
    }
    Ok(folders)
}

/// Whether a folder holds a site's files: a site.toml, under its name or
/// another (`Site.toml`, `site.toml.txt`), or a table's file
/// (`households.csv`, `surveys.xlsx`...).
fn holds_tables(folder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|e| {
        let name = e.file_name().to_string_lossy().to_lowercase();
        let stem = name
            .rsplit_once('.')
            .map_or(name.as_str(), |(stem, _)| stem);
        // site.toml under another name (`Site.toml`, `site.toml.txt`).
        name.starts_with("site.")
            || (crate::contract::TABLES.iter().any(|t| t.name == stem)
                && load::FileKind::of(Path::new(&name)).is_some())
    })
}

/// Which columns [`Site::open_keeping`] keeps.
#[derive(Clone, Copy)]
enum Keep {
    /// The columns some computation reads.
    Read,
    All,
}

/// The columns no computation reads once the checks are done: the ledger's
/// quantity and unit, the surveys' expenditure, business and food
/// security answers, and the trainees' names. On a registry extract of
/// millions of ledger rows the first two alone hold hundreds of megabytes.
/// The checks still read and check them; `pantau convert` keeps them.
const CHECKED_ONLY: [(Table, &[&str]); 3] = [
    (Table::Distributions, &["quantity", "unit"]),
    (
        Table::Surveys,
        &["monthly_expenditure", "has_business", "food_insecure"],
    ),
    (Table::Trainings, &["participant_name"]),
];

/// The text columns held as codes once the checks are done
/// ([`load::codes`]): the ledger's program and status, a few texts over
/// every row of the largest table. [`Site::frame`] gives them back as
/// texts, as every reader but the indicators reads them (`pantau
/// convert` writes the texts).
const CODED: [(Table, &str); 2] = [
    (Table::Distributions, "program"),
    (Table::Distributions, "status"),
];

/// The id columns held as numbers once the checks are done, when every
/// id is one prefix and a number ([`load::codes::numbered`]): the ledger's
/// delivery ids, a new text on every row of the largest table.
/// [`Site::frame`] gives them back as texts.
const NUMBERED: [(Table, &str); 1] = [(Table::Distributions, "distribution_id")];

fn checked_only(table: Table) -> &'static [&'static str] {
    CHECKED_ONLY
        .iter()
        .find(|(t, _)| *t == table)
        .map_or(&[], |(_, columns)| columns)
}

/// No row: a registry record left out of the registry's frame.
const NO_ROW: u32 = u32::MAX;

/// The household ids of every table naming registry households (the
/// ledger, the surveys, the enrollments, the feedback) made to point at
/// the registry's bytes where the checks found their household
/// ([`load::shared::pointing_at`]): the ledger's ten million ids of a
/// million-household site no longer hold 160 MB of digits of their own.
/// Tables read from Parquet (`as_read`) keep their ids as read: there,
/// in alternating runs at a million households, the shared ids raised the
/// peak instead (3.78-4.10 GB against 3.64-3.96 GB).
fn share_household_ids(
    typed: &mut BTreeMap<Table, DataFrame>,
    households: &validate::HouseholdRows,
    as_read: &[Table],
) -> Result<()> {
    if as_read.contains(&Table::Households) {
        return Ok(());
    }
    let Some(registry) = typed.get(&Table::Households) else {
        return Ok(());
    };
    let Ok(ids) = registry.column("household_id") else {
        return Ok(());
    };
    let ids = ids.str()?.clone();
    // The registry frame's row of each registry record.
    let mut row_of = vec![NO_ROW; households.of(Table::Households).map_or(0, <[u32]>::len)];
    for (row, record) in load::record_numbers(registry)?.into_iter().enumerate() {
        if let Some(at) = row_of.get_mut(record as usize) {
            *at = row as u32;
        }
    }
    for (table, df) in typed.iter_mut() {
        let Some(found) = households
            .of(*table)
            .filter(|_| *table != Table::Households && !as_read.contains(table))
        else {
            continue;
        };
        let Ok(own) = df.column("household_id") else {
            continue;
        };
        let own = own.str()?.clone();
        let own_records = load::record_numbers(df)?;
        let registry_row = |i: usize| {
            let record = *own_records.get(i)?;
            let at = *found
                .get(record as usize)
                .filter(|&&at| at != validate::NO_HOUSEHOLD)?;
            let row = *row_of.get(at as usize)?;
            (row != NO_ROW).then_some(row as usize)
        };
        let shared = load::shared::pointing_at(&own, &ids, registry_row);
        df.with_column(shared.into_column())?;
    }
    Ok(())
}

/// A site folder that passed validation, as typed lazy frames.
pub struct Site {
    pub dir: PathBuf,
    pub config: SiteConfig,
    /// What validation found: files read, rows accepted and rejected, warnings.
    pub validation: SiteReport,
    frames: BTreeMap<Table, LazyFrame>,
    rows: BTreeMap<Table, RowNumbers>,
    /// Where each record of the registry and of the tables referring to it
    /// finds its household, as the checks found it.
    households: validate::HouseholdRows,
    /// The records of the registry rejected under `--max-rejected-rows`.
    rejected_households: BTreeSet<u64>,
    /// The registry with its rejected rows, when there are any: their
    /// identifiers are the site's too, and the privacy gate looks for them.
    registry_as_read: Option<LazyFrame>,
    /// The texts of each column of [`CODED`] held as codes, by code.
    names: BTreeMap<(Table, &'static str), Vec<String>>,
    /// How the texts of each column of [`NUMBERED`] held as numbers are
    /// written.
    numbered: BTreeMap<(Table, &'static str), load::codes::Numbered>,
}

impl Site {
    /// Loads and validates a site, tolerating rejected rows up to
    /// `tolerance` per file; rejected rows are left out of every frame. Any
    /// contract error beyond that is an [`InvalidInput`] whose message lists
    /// the located problems. The frames keep the columns that the
    /// indicators, reports and explanations read: the columns of
    /// [`CHECKED_ONLY`] are checked and then released.
    pub fn open(dir: &Path, tolerance: Tolerance) -> Result<Site> {
        Site::open_keeping(dir, tolerance, Keep::Read)
    }

    /// [`Site::open`] with every column of every table kept, for a command
    /// that writes the tables out whole (`pantau convert`).
    pub fn open_whole(dir: &Path, tolerance: Tolerance) -> Result<Site> {
        Site::open_keeping(dir, tolerance, Keep::All)
    }

    fn open_keeping(dir: &Path, tolerance: Tolerance, keep: Keep) -> Result<Site> {
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
        let rejected_households = rejected
            .get(&Table::Households)
            .cloned()
            .unwrap_or_default();
        let mut typed = checked.typed;
        let as_read: Vec<Table> = checked
            .tables
            .iter()
            .filter(|(_, raw)| load::FileKind::of(&raw.path) == Some(load::FileKind::Parquet))
            .map(|(table, _)| *table)
            .collect();
        // The raw frames go before the ids are shared: they hold the ids'
        // own bytes too.
        drop(checked.tables);
        share_household_ids(&mut typed, &checked.households, &as_read)?;
        let (mut names, mut numbered) = (BTreeMap::new(), BTreeMap::new());
        let mut registry_as_read = None;
        let frames = typed
            .into_iter()
            .map(|(table, df)| {
                let mut df = match keep {
                    Keep::All => df,
                    Keep::Read => df.drop_many(checked_only(table).iter().copied()),
                };
                // The columns held as codes and as numbers, each made on a
                // core of its own.
                let columns = |held: &[(Table, &'static str)]| -> Vec<&'static str> {
                    held.iter()
                        .filter(|(t, _)| *t == table)
                        .map(|(_, c)| *c)
                        .collect()
                };
                let (coded, ids) = rayon::join(
                    || {
                        columns(&CODED)
                            .into_par_iter()
                            .map(|column| -> Result<_> {
                                // Program codes numbered as site.toml lists them.
                                let given = match column {
                                    "program" => config.program_codes(),
                                    _ => Vec::new(),
                                };
                                let texts = df.column(column)?.str()?;
                                Ok((column, load::codes::coded(texts, given)))
                            })
                            .collect::<Result<Vec<_>>>()
                    },
                    || {
                        columns(&NUMBERED)
                            .into_par_iter()
                            .filter_map(|column| {
                                let ids = df.column(column).ok()?.str().ok()?;
                                Some((column, load::codes::numbered(ids)?))
                            })
                            .collect::<Vec<_>>()
                    },
                );
                for (column, coded) in coded? {
                    df.with_column(coded.codes.into_column())?;
                    names.insert((table, column), coded.names);
                }
                for (column, (numbers, form)) in ids {
                    df.with_column(numbers.into_column())?;
                    numbered.insert((table, column), form);
                }
                let typed = df.lazy();
                let typed = match rejected.get(&table) {
                    Some(bad) if !bad.is_empty() => {
                        if table == Table::Households {
                            registry_as_read = Some(typed.clone());
                        }
                        typed.filter(load::records_in(bad).not())
                    }
                    _ => typed,
                };
                Ok((table, typed))
            })
            .collect::<Result<_>>()?;
        Ok(Site {
            dir: dir.to_path_buf(),
            config,
            validation: checked.report,
            frames,
            rows,
            households: checked.households,
            rejected_households,
            registry_as_read,
            names,
            numbered,
        })
    }

    /// For each record of `table` (the registry or a table naming its
    /// households), the record of the registry's first row with the same
    /// household id ([`validate::NO_HOUSEHOLD`] without one), when the
    /// checks found them.
    pub(crate) fn household_rows(&self, table: Table) -> Option<&[u32]> {
        self.households.of(table)
    }

    /// Whether a row of the registry was rejected (under
    /// `--max-rejected-rows`).
    pub(crate) fn rejected_households(&self) -> bool {
        !self.rejected_households.is_empty()
    }

    /// The records of `table` naming a household whose registry row was
    /// rejected: the household is in the registry's file, though not among
    /// the rows the indicators read. A delivery to it stays in the ledger,
    /// but it did not go to a household missing from the registry.
    pub(crate) fn naming_rejected_households(&self, table: Table) -> BTreeSet<u64> {
        let (Some(found), false) = (
            self.household_rows(table),
            self.rejected_households.is_empty(),
        ) else {
            return BTreeSet::new();
        };
        found
            .iter()
            .enumerate()
            .filter(|&(_, &at)| {
                at != validate::NO_HOUSEHOLD && self.rejected_households.contains(&u64::from(at))
            })
            .map(|(record, _)| record as u64)
            .collect()
    }

    /// The typed frame of a table, if the site has it (households, surveys
    /// and distributions are always present).
    pub fn frame(&self, table: Table) -> Option<LazyFrame> {
        Some(self.with_texts(table, self.frames.get(&table).cloned()?))
    }

    /// `lf`, a frame of `table` as held, with its columns held as codes
    /// and as numbers turned back into their texts.
    fn with_texts(&self, table: Table, lf: LazyFrame) -> LazyFrame {
        let coded = self
            .names
            .iter()
            .filter(|((t, _), _)| *t == table)
            .map(|((_, column), names)| load::codes::decoded(col(*column), names).alias(*column));
        let numbered = self
            .numbered
            .iter()
            .filter(|((t, _), _)| *t == table)
            .map(|((_, column), form)| form.decoded(col(*column)).alias(*column));
        let texts: Vec<_> = coded.chain(numbered).collect();
        if texts.is_empty() {
            lf
        } else {
            lf.with_columns(texts)
        }
    }

    /// The typed frame of a table with the columns of [`CODED`] as codes
    /// (`UInt32`) and those of [`NUMBERED`] as numbers where they are, as
    /// the indicators read them, or an empty one with the table's columns;
    /// [`Site::names`] reads the codes and [`Site::numbered`] the numbers.
    pub(crate) fn coded_frame_or_empty(&self, table: Table) -> LazyFrame {
        self.frames.get(&table).cloned().unwrap_or_else(|| {
            let coded: Vec<_> = CODED
                .iter()
                .filter(|(t, _)| *t == table)
                .map(|(_, column)| col(*column).cast(DataType::UInt32))
                .collect();
            self.frame_or_empty(table).with_columns(coded)
        })
    }

    /// The texts of the codes of a column of [`CODED`] in
    /// [`Site::coded_frame_or_empty`], by code (none for a table the site
    /// does not have).
    pub(crate) fn names(&self, table: Table, column: &str) -> &[String] {
        self.names
            .iter()
            .find(|((t, c), _)| *t == table && *c == column)
            .map_or(&[], |(_, names)| names.as_slice())
    }

    /// How the numbers of a column of [`NUMBERED`] in
    /// [`Site::coded_frame_or_empty`] are written as texts; none when the
    /// column holds its texts.
    pub(crate) fn numbered(&self, table: Table, column: &str) -> Option<&load::codes::Numbered> {
        self.numbered
            .iter()
            .find(|((t, c), _)| *t == table && *c == column)
            .map(|(_, form)| form)
    }

    /// A table's typed frame, or an empty one with the table's columns when
    /// the site has no file for it (an aid ledger of a training-only site
    /// is the same whether absent or a header without rows).
    pub fn frame_or_empty(&self, table: Table) -> LazyFrame {
        self.frame(table).unwrap_or_else(|| {
            DataFrame::empty_with_schema(&crate::load::typed::schema(crate::contract::spec(table)))
                .lazy()
        })
    }

    /// The file name (without folder) a table was read from, e.g.
    /// `distributions.csv` or `penyaluran.xlsx`.
    pub fn file_name(&self, table: &str) -> String {
        self.validation
            .file(table)
            .map_or_else(|| format!("{table}.csv"), |f| f.name())
    }

    /// Every input file read (site.toml first), as validation named them,
    /// each once.
    pub fn input_files(&self) -> Vec<&FileReport> {
        let mut files: Vec<&FileReport> = Vec::new();
        for f in &self.validation.files {
            if !files.iter().any(|seen| seen.file == f.file) {
                files.push(f);
            }
        }
        files
    }

    /// The row number people see (the CSV line) of record `index` of a table.
    pub(crate) fn row_number(&self, table: Table, index: u64) -> u64 {
        self.rows
            .get(&table)
            .map_or(index + 1, |numbers| numbers.of(index))
    }

    /// A privacy gate that knows every household id and head NIK of the
    /// site and names the input behind a value it refuses.
    pub fn privacy_gate(&self) -> Result<Gate<'_>> {
        let mut gate = Gate::default();
        self.add_identifiers(&mut gate)?;
        Ok(gate.locating(Box::new(|digits: &str| self.locate_digits(digits))))
    }

    /// Adds every household id and head NIK of the site to `gate`, with
    /// where each was read (`households.csv line 17, column head_nik`):
    /// what the privacy gate looks for in public outputs. The rows
    /// rejected under `--max-rejected-rows` are left out of the indicators,
    /// not out of the gate.
    pub fn add_identifiers(&self, gate: &mut Gate) -> Result<()> {
        let as_read = self.registry_as_read.clone();
        let Some(lf) = as_read
            .map(|lf| self.with_texts(Table::Households, lf))
            .or_else(|| self.frame(Table::Households))
        else {
            return Ok(());
        };
        let df = lf
            .select([col(load::ROW), col("household_id"), col("head_nik")])
            .collect()
            .context("reading the household identifiers")?;
        let rows = df.column(load::ROW)?.cast(&DataType::UInt64)?;
        let rows = rows.u64()?;
        let file: Arc<str> = self.file_name("households").into();
        gate.reserve(2 * df.height());
        for column in ["household_id", "head_nik"] {
            let s = df.column(column)?.cast(&DataType::String)?;
            let ids: Vec<(&str, u64)> = s
                .str()?
                .iter()
                .zip(rows.iter())
                .filter_map(|(value, row)| Some((value?, self.row_number(Table::Households, row?))))
                .collect();
            gate.add_read(file.clone(), column, &ids);
        }
        Ok(())
    }

    /// Where in the site's files a run of digits was written (by its
    /// digits alone, whatever stands between them): the first text cell of
    /// any table that holds them, or a setting of site.toml. Used to name
    /// the input behind a value the privacy gate refuses.
    pub fn locate_digits(&self, digits: &str) -> Option<String> {
        let holds = |text: &str| {
            text.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
                .contains(digits)
        };
        for spec in crate::contract::TABLES {
            let Some(lf) = self.frame(spec.table) else {
                continue;
            };
            // A column released after the checks never reaches an output.
            let kept = lf.clone().collect_schema().ok()?;
            for c in spec.columns.iter().filter(|c| {
                matches!(
                    c.kind,
                    crate::contract::Kind::Text | crate::contract::Kind::Gender
                ) && kept.contains(c.name)
            }) {
                let found = lf
                    .clone()
                    .select([col(load::ROW), col(c.name)])
                    .filter(
                        col(c.name)
                            .str()
                            .replace_all(lit("[^0-9]"), lit(""), false)
                            .str()
                            .contains_literal(lit(digits.to_string())),
                    )
                    .limit(1)
                    .collect()
                    .ok()?;
                if found.height() > 0 {
                    let row = found.column(load::ROW).ok()?.cast(&DataType::UInt64).ok()?;
                    let row = row.u64().ok()?.get(0)?;
                    return Some(format!(
                        "{} line {}, column {}",
                        self.file_name(spec.name),
                        self.row_number(spec.table, row),
                        c.name
                    ));
                }
            }
        }
        let site = &self.config.site;
        let settings = [
            ("name", site.name.as_str()),
            ("district", site.district.as_str()),
            ("regency", site.regency.as_str()),
            ("province", site.province.as_str()),
        ];
        if let Some((key, _)) = settings.iter().find(|(_, v)| holds(v)) {
            return Some(format!("site.toml, [site] {key}"));
        }
        for p in &self.config.programs {
            for (key, v) in [("name", &p.name), ("eligible_when", &p.eligible_when)] {
                if holds(v) {
                    return Some(format!("site.toml, program {}: {key}", p.code));
                }
            }
        }
        holds(&self.config.notice.complaint_channel)
            .then(|| "site.toml, [notice] complaint_channel".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::StringChunked;

    #[test]
    fn checked_only_columns_are_contract_columns_left_out_of_the_frames() {
        for (table, columns) in CHECKED_ONLY {
            for c in columns {
                assert!(
                    crate::contract::spec(table).column(c).is_some(),
                    "{c} is not a column of {table:?}"
                );
            }
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/semanan");
        let names = |site: &Site, table: Table| -> Vec<String> {
            site.frame(table)
                .unwrap()
                .collect_schema()
                .unwrap()
                .iter_names()
                .map(|n| n.to_string())
                .collect()
        };
        let read = Site::open(&dir, Tolerance::None).unwrap();
        let whole = Site::open_whole(&dir, Tolerance::None).unwrap();
        for (table, columns) in CHECKED_ONLY {
            let kept = names(&read, table);
            let all = names(&whole, table);
            for c in columns {
                assert!(!kept.iter().any(|k| k == c), "{c} kept in {table:?}");
                assert!(
                    all.iter().any(|k| k == c),
                    "{c} not kept whole in {table:?}"
                );
            }
            assert_eq!(kept.len() + columns.len(), all.len());
        }
    }

    /// The ledger's program and status are held as codes, cut into arrays
    /// as the ledger's other columns are, and read back as the file's
    /// texts; the program codes start with site.toml's programs.
    #[test]
    fn ledger_programs_statuses_and_ids_are_codes_and_numbers_read_back_as_the_files_texts() {
        use polars::prelude::{CsvReadOptions, SerReader};
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/semanan");
        let site = Site::open(&dir, Tolerance::None).unwrap();
        let coded = site
            .coded_frame_or_empty(Table::Distributions)
            .collect()
            .unwrap();
        let texts = site.frame(Table::Distributions).unwrap().collect().unwrap();
        let file = CsvReadOptions::default()
            .with_infer_schema_length(Some(0))
            .try_into_reader_with_file_path(Some(dir.join("distributions.csv")))
            .unwrap()
            .finish()
            .unwrap();
        let chunks = |df: &DataFrame, column: &str| -> Vec<usize> {
            let s = df.column(column).unwrap().as_materialized_series();
            s.chunk_lengths().collect()
        };
        for (_, column) in CODED {
            assert_eq!(coded.column(column).unwrap().dtype(), &DataType::UInt32);
            assert_eq!(chunks(&coded, column), chunks(&coded, "value"));
            let read = |df: &DataFrame| -> Vec<Option<String>> {
                let s = df.column(column).unwrap().str().unwrap().clone();
                s.iter().map(|t| t.map(str::to_string)).collect()
            };
            assert_eq!(read(&texts), read(&file), "{column}");
            let names = site.names(Table::Distributions, column);
            assert!(!names.is_empty() && names.len() < 20, "{names:?}");
        }
        // The delivery ids (SMN-D-0000001, ...) as 32-bit numbers, cut as
        // the other columns, and back as the file's texts.
        let ids = coded.column("distribution_id").unwrap();
        assert_eq!(ids.dtype(), &DataType::UInt32);
        assert_eq!(chunks(&coded, "distribution_id"), chunks(&coded, "value"));
        let form = site
            .numbered(Table::Distributions, "distribution_id")
            .unwrap();
        assert_eq!((form.prefix.as_str(), form.width), ("SMN-D-", 7));
        let texts_of = |df: &DataFrame| -> Vec<Option<String>> {
            let ids = df.column("distribution_id").unwrap().str().unwrap().clone();
            ids.iter().map(|t| t.map(str::to_string)).collect()
        };
        assert_eq!(texts_of(&texts), texts_of(&file));
        let programs: Vec<&str> = site
            .config
            .programs
            .iter()
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(
            site.names(Table::Distributions, "program")[..programs.len()],
            programs
        );
    }

    #[test]
    fn referring_tables_hold_no_bytes_of_registered_ids() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/semanan");
        let site = Site::open(&dir, Tolerance::None).unwrap();
        let ids = |table: Table| -> StringChunked {
            let df = site.frame(table).unwrap().collect().unwrap();
            df.column("household_id").unwrap().str().unwrap().clone()
        };
        let registry = ids(Table::Households);
        let registered: std::collections::HashSet<&str> = registry.iter().flatten().collect();
        let registry_buffers: Vec<*const u8> = registry
            .downcast_iter()
            .flat_map(|a| a.data_buffers().iter().map(|b| b.as_ptr()))
            .collect();
        for table in [Table::Distributions, Table::Surveys] {
            let own = ids(table);
            // The bytes in buffers other than the registry's are those of
            // the long ids the registry lacks, each once.
            let held: usize = own
                .downcast_iter()
                .flat_map(|a| a.data_buffers().iter())
                .filter(|b| !registry_buffers.contains(&b.as_ptr()))
                .map(|b| b.len())
                .sum();
            let unregistered: usize = own
                .iter()
                .flatten()
                .filter(|id| id.len() > 12 && !registered.contains(id))
                .map(str::len)
                .sum();
            assert_eq!(held, unregistered, "{table:?}");
        }
    }
}
