//! `pantau convert`: a site's tables as typed Parquet files.
//!
//! CSV and spreadsheet tables are text that every run has to parse again;
//! a Parquet file keeps the parsed columns (integers, dates, booleans) in
//! compressed column chunks, so later runs read less and parse nothing.
//! The site is validated first, like every command that reads one, and the
//! new folder is written all at once ([`crate::publish::files`]): a failed
//! conversion leaves nothing half-written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use polars::prelude::{by_name, ParquetCompression, ParquetWriter};

use crate::cli::ConvertArgs;
use crate::config::SITE_FILE;
use crate::contract::TABLES;
use crate::load::ROW;
use crate::problem::InvalidInput;
use crate::site::Site;
use crate::validate::Tolerance;

/// The site.toml sections that describe how the original files are
/// written; the Parquet files follow the contract, so the copy drops them.
const FILE_SECTIONS: [&str; 3] = ["format", "columns", "values"];

pub(super) fn run(args: ConvertArgs) -> Result<ExitCode> {
    let written = convert(&args.site, &args.out, args.rejections.max_rejected_rows)?;
    super::print_paths(&written)?;
    Ok(ExitCode::SUCCESS)
}

/// Converts the site in `dir` into `out` and returns the paths written.
fn convert(dir: &Path, out: &Path, tolerance: Tolerance) -> Result<Vec<PathBuf>> {
    // Before the checks of --out, which would mislead about a missing site.
    crate::load::require_folder(dir)?;
    crate::publish::check_out(out)?;
    if same_folder(dir, out) {
        return Err(InvalidInput(format!(
            "--out {}: the converted site must go into another folder",
            out.display()
        ))
        .into());
    }
    for spec in TABLES {
        for ext in ["csv", "txt", "tsv", "xlsx", "xlsm"] {
            let other = out.join(format!("{}.{ext}", spec.name));
            if other.is_file() {
                return Err(InvalidInput(format!(
                    "{} is there already: a folder holds one file per table, so convert \
                     into a new folder",
                    other.display()
                ))
                .into());
            }
        }
    }
    let site = Site::open_whole(dir, tolerance)?;
    // The copy holds the accepted rows alone: a delivery to a household
    // whose registry row was left out would read there as a payment to a
    // household not in the registry (an integrity flag the original does
    // not have).
    if site.rejected_households() {
        let file = site
            .validation
            .files
            .iter()
            .find(|f| f.table == "households")
            .map(|f| format!("{}: {} rows rejected", f.name(), f.rows_rejected))
            .unwrap_or_default();
        return InvalidInput::err(format!(
            "{file}; in a converted copy the deliveries to those households would read as \
             payments to households not in the registry: correct the rows first, or report \
             from {} itself with --max-rejected-rows",
            dir.display()
        ));
    }
    // Another site's settings there (a village made by pantau init, its
    // workbook beside them) would be replaced: only the copy of this
    // site's own, from an earlier conversion, is.
    let toml = std::fs::read_to_string(dir.join(SITE_FILE))
        .with_context(|| format!("reading {}", dir.join(SITE_FILE).display()))?;
    let toml = site_toml(&toml)?;
    let there = out.join(SITE_FILE);
    if there.symlink_metadata().is_ok()
        && std::fs::read(&there).ok() != Some(toml.clone().into_bytes())
    {
        return Err(InvalidInput(format!(
            "{} is there already, and holds other settings than the converted copy of {}: \
             it would be replaced; convert into a new folder, or remove it first",
            there.display(),
            dir.display()
        ))
        .into());
    }
    // A table file left from an earlier conversion, of a table this site
    // does not have, would be read as the new site's table.
    for spec in TABLES.iter().filter(|s| site.frame(s.table).is_none()) {
        let stale = out.join(format!("{}.parquet", spec.name));
        if stale.symlink_metadata().is_ok() {
            return Err(InvalidInput(format!(
                "{} is there already, but {} has no {} table: it would be read as this \
                 site's; remove it or convert into a new folder",
                stale.display(),
                dir.display(),
                spec.name
            ))
            .into());
        }
    }
    let mut files = Vec::new();
    for spec in TABLES {
        let Some(lf) = site.frame(spec.table) else {
            continue;
        };
        crate::progress::step(format!("converting {}", site.file_name(spec.name)));
        let mut df = lf
            .drop(by_name([ROW], true, false))
            .collect()
            .map_err(anyhow::Error::from)
            .with_context(|| format!("reading {}", site.file_name(spec.name)))?;
        let mut bytes = Vec::new();
        ParquetWriter::new(&mut bytes)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(&mut df)
            .map_err(anyhow::Error::from)
            .with_context(|| format!("writing {}.parquet", spec.name))?;
        files.push((out.join(format!("{}.parquet", spec.name)), bytes));
    }
    files.push((there, toml.into_bytes()));
    crate::publish::files(out, &files)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

/// site.toml for the converted folder: the text as it is when it has no
/// file sections; otherwise its opening comment (which says, for example,
/// that the data are synthetic) and the settings without those sections.
fn site_toml(text: &str) -> Result<String> {
    let mut table: toml::Table = text.parse().context("reading site.toml")?;
    if !FILE_SECTIONS.iter().any(|s| table.contains_key(*s)) {
        return Ok(text.to_string());
    }
    for s in FILE_SECTIONS {
        table.remove(s);
    }
    let mut out: String = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    out.push_str(
        "# Converted to Parquet by `pantau convert`: the tables follow the data \
         contract, so the sections describing the original files are left out.\n\n",
    );
    out.push_str(&toml::to_string(&table).context("writing site.toml")?);
    Ok(out)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_toml_keeps_the_opening_comment_and_drops_file_sections() {
        let plain = "# SYNTHETIC DATA\n[site]\ncode = \"x\"\n";
        assert_eq!(site_toml(plain).unwrap(), plain);
        let mapped = "# SYNTHETIC DATA\n# made by hand\n[site]\ncode = \"x\"\n\n\
                      [format.surveys]\nfile = \"kobo.csv\"\n\n[columns.surveys]\nhh = \"household_id\"\n";
        let out = site_toml(mapped).unwrap();
        assert!(out.starts_with("# SYNTHETIC DATA\n# made by hand\n"));
        let table: toml::Table = out.parse().unwrap();
        assert!(table.contains_key("site"));
        assert!(!table.contains_key("format") && !table.contains_key("columns"));
    }
}
