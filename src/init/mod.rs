//! `pantau init`: a new, empty site folder a village fills in. A commented
//! site.toml, and either one data-entry workbook (a sheet per table, lists
//! and checks on the cells, an instructions sheet) or header-only CSV files.
//! pantau reads the workbook as it is: site.toml names its sheets.

mod labels;
mod site_toml;
mod workbook;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::contract::TABLES;
use crate::fmt::Lang;
use crate::problem::InvalidInput;

/// How the tables of a new site are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One workbook (the file name) with a sheet per table.
    Workbook(String),
    /// One header-only CSV file per table.
    Csv,
}

/// What `pantau init` is asked to make.
#[derive(Debug, Clone)]
pub struct NewSite {
    pub name: String,
    pub code: String,
    pub lang: Lang,
    pub layout: Layout,
}

impl NewSite {
    /// The workbook's default file name in the chosen language.
    pub fn workbook_name(lang: Lang) -> String {
        match lang {
            Lang::Id => "data-desa.xlsx".into(),
            Lang::En => "village-data.xlsx".into(),
        }
    }
}

/// The files of a new site, relative to its folder, with their bytes.
pub fn files(new: &NewSite) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    for (what, value, longest) in [("--name", &new.name, 100), ("--code", &new.code, 40)] {
        if !value.chars().any(char::is_alphanumeric) {
            return Err(InvalidInput(format!("{what} must hold letters or digits")).into());
        }
        if value.chars().count() > longest {
            return Err(InvalidInput(format!("{what} is longer than {longest} characters")).into());
        }
        // Control characters, and the invisible ones that change how the
        // text around them reads (zero-width, bidirectional overrides).
        let hidden = |c: &char| {
            c.is_control()
                || matches!(
                    *c as u32,
                    0xAD | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2069 | 0xFEFF
                )
        };
        if let Some(c) = value.chars().find(hidden) {
            return Err(InvalidInput(format!(
                "{what} holds an invisible or control character ({})",
                crate::contract::describe_char(c)
            ))
            .into());
        }
    }
    let toml = site_toml::text(new);
    // The file must read back as a site.toml without a single problem but
    // the one it is meant to raise: the example poverty line, until the
    // village replaces it.
    let (config, mut problems) = crate::config::parse(&toml, crate::config::SITE_FILE);
    problems.retain(|p| p.rule != "init-example");
    let config = match (config, problems.first()) {
        (Some(config), None) => config,
        (_, p) => {
            return Err(InvalidInput(format!(
                "the new site.toml would not be valid: {}",
                p.map_or("it does not read", |p| p.message.as_str())
            ))
            .into())
        }
    };
    let codes = config.program_codes();
    let mut files = vec![(PathBuf::from(crate::config::SITE_FILE), toml.into_bytes())];
    match &new.layout {
        Layout::Workbook(name) => {
            files.push((PathBuf::from(name), workbook::workbook(new, &codes)?));
        }
        Layout::Csv => {
            for spec in TABLES {
                let header: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
                let text = crate::writer::to_string(&header, |_| Ok(()))?;
                files.push((
                    PathBuf::from(format!("{}.csv", spec.name)),
                    text.into_bytes(),
                ));
            }
        }
    }
    Ok(files)
}

/// Writes a new site into `dir`, all files or none. A folder that already
/// holds anything is refused unless `force`, which replaces only the files
/// init writes.
pub fn init(dir: &Path, new: &NewSite, force: bool) -> Result<Vec<PathBuf>> {
    crate::publish::check_folder(dir, &dir.display().to_string())?;
    // A link to a folder is that folder.
    if let Ok(meta) = std::fs::metadata(dir) {
        if !meta.is_dir() {
            return Err(
                InvalidInput(format!("{} exists and is not a folder", dir.display())).into(),
            );
        }
        let has_files = std::fs::read_dir(dir)
            .map_err(|e| InvalidInput(format!("cannot read {}: {e}", dir.display())))?
            .next()
            .is_some();
        if has_files && !force {
            return Err(InvalidInput(format!(
                "{} is not empty; choose an empty or new folder, or add --force to write \
                 site.toml and the data files over those of the same name",
                dir.display()
            ))
            .into());
        }
    }
    let files: Vec<(PathBuf, Vec<u8>)> = files(new)?
        .into_iter()
        .map(|(name, bytes)| (dir.join(name), bytes))
        .collect();
    // A table file under a table's own name that the new site would not
    // read (a CSV table beside the new workbook, a workbook or Parquet
    // file beside a new CSV file) would be left in the folder unread.
    let stale: Vec<String> = TABLES
        .iter()
        .flat_map(|spec| crate::load::candidates(dir, spec, &Default::default()))
        .filter(|path| path.symlink_metadata().is_ok() && !files.iter().any(|(p, _)| p == path))
        .map(|path| {
            path.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    if !stale.is_empty() {
        return Err(InvalidInput(format!(
            "{} holds {}, which the new site would not read; move {} away first \
             (nothing was written)",
            dir.display(),
            stale.join(", "),
            if stale.len() == 1 { "it" } else { "them" }
        ))
        .into());
    }
    for (path, _) in &files {
        if path.is_dir() {
            return Err(InvalidInput(format!(
                "{} is a folder; init writes a file of that name, so move the folder away first",
                path.display()
            ))
            .into());
        }
    }
    crate::publish::files(dir, &files)?;
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
