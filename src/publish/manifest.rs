//! `manifest.json` beside the reports: for every run that wrote files into
//! the folder, the command, pantau's version, the sha256 and size of every
//! input (site.toml included), the rows read, accepted and rejected per
//! table, and the sha256 and size of every file written. `pantau verify`
//! re-hashes both sides and says whether each report still matches the data
//! it was made from.
//!
//! Paths are relative to the manifest's folder, so a folder of reports can
//! be moved together with its sites. A new run takes over the files it
//! writes again from the entries of earlier runs; an earlier run keeps the
//! rest of its files, and goes when none is left.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::problem::InvalidInput;

use super::{hash_file, Fingerprint};
use crate::site::Site;
use crate::validate::FileReport;

/// The file name of the manifest inside a reports folder.
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileHash {
    /// Relative to the manifest's folder.
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TableInput {
    pub table: String,
    pub file: FileHash,
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SiteInputs {
    pub name: String,
    pub code: String,
    pub site_toml: FileHash,
    pub tables: Vec<TableInput>,
    /// Files that were not there but would have been read had they been
    /// (an optional table, a second format of a table): one appearing
    /// later means a rerun would give other results.
    #[serde(default)]
    pub absent: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Run {
    /// The command and its options, as a reader would retype them.
    pub command: String,
    pub pantau_version: String,
    pub sites: Vec<SiteInputs>,
    pub outputs: Vec<FileHash>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Manifest {
    pub runs: Vec<Run>,
}

/// `to` relative to the folder `from` (both made absolute first).
fn relative(from: &Path, to: &Path) -> String {
    // A file that is not there (a table that may appear) is placed in its
    // folder resolved, as a file that is there is: a site reached through
    // a link names both beside the same site.toml.
    let abs = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|e| match (p.parent(), p.file_name()) {
                (Some(parent), Some(name)) => {
                    let parent = if parent.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        parent
                    };
                    std::fs::canonicalize(parent).map(|d| d.join(name))
                }
                _ => Err(e),
            })
            .unwrap_or_else(|_| {
                std::env::current_dir()
                    .map(|d| d.join(p))
                    .unwrap_or_else(|_| p.to_path_buf())
            })
    };
    let (from, to) = (abs(from), abs(to));
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    // Joined with `/` whatever the system: a manifest written on one
    // system is verified on another. The parts themselves are kept as
    // they are (a `\\` is part of a file name here, not a separator).
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), a.len() - common)
        .chain(
            b[common..]
                .iter()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    parts.join("/")
}

/// An input file as validation read it.
fn hashed(folder: &Path, f: &FileReport) -> Result<FileHash> {
    let Fingerprint { sha256, bytes } = f.fingerprint()?;
    Ok(FileHash {
        path: relative(folder, Path::new(&f.file)),
        sha256,
        bytes,
    })
}

/// The inputs of one site, as validation read them.
pub(crate) fn site_inputs(folder: &Path, site: &Site) -> Result<SiteInputs> {
    let mut site_toml = None;
    let mut tables = Vec::new();
    for f in &site.validation.files {
        let file = hashed(folder, f)?;
        if f.table == "site" {
            site_toml = Some(file);
        } else {
            tables.push(TableInput {
                table: f.table.clone(),
                file,
                rows_read: f.rows_read,
                rows_accepted: f.rows_accepted,
                rows_rejected: f.rows_rejected,
            });
        }
    }
    let mut absent = Vec::new();
    for spec in crate::contract::TABLES {
        let format = site.config.format(spec.name);
        for path in crate::load::candidates(&site.dir, spec, &format) {
            if path.symlink_metadata().is_err() {
                absent.push(relative(folder, &path));
            }
        }
    }
    Ok(SiteInputs {
        name: site.config.site.name.clone(),
        code: site.config.site.code.clone(),
        site_toml: site_toml.context("the validation report names site.toml")?,
        tables,
        absent,
    })
}

/// The manifest of `folder` with this run recorded: the file to publish
/// together with the run's outputs. `sites` come from [`site_inputs`],
/// `outputs` are (path, sha256, size) of every file the run writes.
pub(crate) fn record<'a>(
    folder: &Path,
    command: String,
    sites: Vec<SiteInputs>,
    outputs: impl IntoIterator<Item = (&'a Path, &'a str, u64)>,
) -> Result<(PathBuf, Vec<u8>)> {
    crate::progress::step("hashing the inputs and outputs for the manifest");
    std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    let path = folder.join(MANIFEST);
    // A link named manifest.json is the user's: pantau does not follow it
    // (it would mix another folder's runs into this one) nor replace it.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return InvalidInput::err(format!(
            "{} is a link; pantau keeps a manifest of its own under that name, so move \
             the link away or choose another output folder (nothing was written)",
            path.display()
        ));
    }
    let mut manifest = match std::fs::read(&path) {
        Ok(bytes) => read_existing(&path, &bytes)?,
        // A folder of that name fails the run when the manifest is moved
        // into place, after which every file of the run is put back.
        Err(_) if path.is_dir() => Manifest::default(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Manifest::default(),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let outputs: Vec<FileHash> = outputs
        .into_iter()
        .map(|(p, sha256, bytes)| FileHash {
            path: p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: sha256.to_string(),
            bytes,
        })
        .collect();
    // An output under the name of a file the run read (a table whose file
    // a site.toml names like a report, with --out the site's folder)
    // would replace it.
    for site in &sites {
        let read = std::iter::once((&site.site_toml, "site.toml"))
            .chain(site.tables.iter().map(|t| (&t.file, t.table.as_str())));
        for (file, what) in read {
            if file.path == MANIFEST || outputs.iter().any(|o| o.path == file.path) {
                return InvalidInput::err(format!(
                    "{} is read by this run (the {what} of {}) and would be replaced by \
                     one of its outputs: write into another folder (nothing was written)",
                    folder.join(&file.path).display(),
                    site.name
                ));
            }
        }
    }
    let run = Run {
        command,
        pantau_version: env!("CARGO_PKG_VERSION").to_string(),
        sites,
        outputs,
    };
    // An earlier run keeps the files this run does not write again (a
    // letter of an earlier batch stays checkable against the data it was
    // made from); a run left with no file goes.
    for earlier in &mut manifest.runs {
        earlier
            .outputs
            .retain(|o| !run.outputs.iter().any(|n| n.path == o.path));
    }
    manifest.runs.retain(|r| !r.outputs.is_empty());
    manifest.runs.push(run);
    manifest.runs.sort_by(|a, b| {
        a.outputs
            .first()
            .map(|o| &o.path)
            .cmp(&b.outputs.first().map(|o| &o.path))
    });
    let text = serde_json::to_string_pretty(&manifest)? + "\n";
    Ok((path, text.into_bytes()))
}

/// A manifest as pantau writes it: JSON of this shape, at least one run,
/// every path of a run plain (see [`check_paths`]); otherwise why not.
fn parse(bytes: &[u8]) -> std::result::Result<Manifest, String> {
    let manifest: Manifest =
        serde_json::from_slice(bytes).map_err(|e| format!("not a pantau manifest: {e}"))?;
    if manifest.runs.is_empty() {
        return Err("the manifest records no run, so there is nothing to verify".into());
    }
    for run in &manifest.runs {
        check_paths(run)?;
    }
    Ok(manifest)
}

/// The manifest already in the folder. A file of that name that is not a
/// pantau manifest (what `verify` refuses) is someone else's: it is
/// refused, not replaced.
fn read_existing(path: &Path, bytes: &[u8]) -> Result<Manifest> {
    parse(bytes).or_else(|why| {
        InvalidInput::err(format!(
            "{} is not a manifest written by pantau ({why}), and pantau keeps its manifest \
             under that name; move the file away or choose another output folder (nothing \
             was written)",
            path.display()
        ))
    })
}

/// One difference between a manifest and the files now on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: String,
    pub what: String,
}

/// The outcome of checking a manifest: each run, and the files of its
/// folder that no run recorded.
#[derive(Debug, Clone)]
pub struct Verified {
    pub runs: Vec<RunCheck>,
    /// Files of a folder of reports (not in folders inside it) that no run
    /// wrote or read, the manifest aside, by name: a report put there by
    /// hand would pass for one pantau made.
    pub unrecorded: Vec<String>,
}

/// The outcome of checking one run of a manifest.
#[derive(Debug, Clone)]
pub struct RunCheck {
    pub command: String,
    pub outputs: Vec<String>,
    pub inputs: usize,
    pub changes: Vec<Change>,
}

fn compare(folder: &Path, file: &FileHash, changes: &mut Vec<Change>) {
    let path = folder.join(&file.path);
    // Only a plain file is read: a pipe would never end, nor a link to a
    // device such as /dev/zero.
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        let what = match path.exists() {
            true => "not a plain file (a pipe, a device or a folder), so not read",
            false => "missing or unreadable",
        };
        changes.push(Change {
            path: file.path.clone(),
            what: what.into(),
        });
        return;
    }
    match hash_file(&path) {
        Err(_) => changes.push(Change {
            path: file.path.clone(),
            what: "missing or unreadable".into(),
        }),
        Ok(Fingerprint { sha256: sha, bytes }) if sha != file.sha256 || bytes != file.bytes => {
            changes.push(Change {
                path: file.path.clone(),
                what: format!(
                    "changed: sha256 {} ({} bytes), recorded {} ({} bytes)",
                    &sha[..12],
                    bytes,
                    &file.sha256[..file.sha256.len().min(12)],
                    file.bytes
                ),
            })
        }
        Ok(_) => {}
    }
}

/// Re-hashes every input and output of every run in the manifest at `path`.
pub fn verify(path: &Path) -> Result<Verified> {
    let bytes = std::fs::read(path)
        .map_err(|e| InvalidInput(format!("{}: cannot read the manifest: {e}", path.display())))?;
    let manifest =
        parse(&bytes).map_err(|why| InvalidInput(format!("{}: {why}", path.display())))?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for run in &manifest.runs {
        let mut changes = Vec::new();
        let mut inputs = 0;
        // A workbook holding several tables is one input, checked once.
        let mut seen = std::collections::BTreeSet::new();
        for site in &run.sites {
            compare(folder, &site.site_toml, &mut changes);
            inputs += 1;
            for t in &site.tables {
                if seen.insert(t.file.path.clone()) {
                    compare(folder, &t.file, &mut changes);
                    inputs += 1;
                }
            }
            for name in &site.absent {
                if folder.join(name).symlink_metadata().is_ok() {
                    changes.push(Change {
                        path: name.clone(),
                        what: "is there now but was not when the report was made: a rerun \
                               would read it"
                            .into(),
                    });
                }
            }
        }
        for o in &run.outputs {
            compare(folder, o, &mut changes);
        }
        out.push(RunCheck {
            command: run.command.clone(),
            outputs: run.outputs.iter().map(|o| o.path.clone()).collect(),
            inputs,
            changes,
        });
    }
    let unrecorded = unrecorded(folder, path, &manifest)?;
    Ok(Verified {
        runs: out,
        unrecorded,
    })
}

/// The files of `folder` (the manifest at `path` aside) that no run of
/// `manifest` wrote or read, sorted by name; folders inside it are left
/// alone (a district's villages, a site beside its reports), and so are
/// hidden files (a run's temporary files, `.DS_Store`, an office
/// program's lock file); in a folder holding a run's site (its own folder,
/// or a district's) only HTML pages are looked for.
fn unrecorded(folder: &Path, path: &Path, manifest: &Manifest) -> Result<Vec<String>> {
    let mut known: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for run in &manifest.runs {
        known.extend(run.outputs.iter().map(|o| o.path.as_str()));
        for site in &run.sites {
            known.insert(site.site_toml.path.as_str());
            known.extend(site.tables.iter().map(|t| t.file.path.as_str()));
            // Said already, as a table that appeared since.
            known.extend(site.absent.iter().map(String::as_str));
        }
    }
    // A folder holding a run's site (the site's own folder, or a
    // district's folder of villages) holds the people's files beside the
    // tables (a README, notes): there only pages are looked for.
    let holds_a_site = manifest
        .runs
        .iter()
        .flat_map(|r| &r.sites)
        .any(|site| !site.site_toml.path.starts_with(".."));

    let own = path.file_name();
    let dir = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let entries = std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let name = entry.file_name();
        if Some(name.as_os_str()) == own || entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let name = name.to_string_lossy().into_owned();
        // In a folder holding a site only a page is looked for: the
        // people's files beside the tables are not reports.
        let page = name.to_ascii_lowercase().ends_with(".html");
        if !known.contains(name.as_str()) && !name.starts_with('.') && (page || !holds_a_site) {
            out.push(name);
        }
    }
    out.sort();
    Ok(out)
}

/// The paths a run may name: its outputs are files of the manifest's own
/// folder, and a site's inputs are its site.toml and the table files beside
/// it. Anything else (`../../etc/passwd`) is not a manifest pantau wrote.
fn check_paths(run: &Run) -> std::result::Result<(), String> {
    let plain = |p: &str| {
        !p.is_empty()
            && !p.contains(['/', '\\'])
            && p != "."
            && p != ".."
            && !Path::new(p).is_absolute()
    };
    for o in &run.outputs {
        if !plain(&o.path) {
            return Err(format!(
                "output {} is not a file of the manifest's folder",
                o.path
            ));
        }
    }
    for site in &run.sites {
        let toml = Path::new(&site.site_toml.path);
        if toml
            .file_name()
            .is_none_or(|n| n != crate::config::SITE_FILE)
        {
            return Err(format!("{} is not a site.toml", site.site_toml.path));
        }
        let dir = toml.parent().unwrap_or(Path::new(""));
        let table_file = |p: &str| {
            let p = Path::new(p);
            p.parent() == Some(dir)
                && p.file_name().is_some_and(|n| plain(&n.to_string_lossy()))
                && p.extension().is_some_and(|e| {
                    ["csv", "txt", "tsv", "parquet", "xlsx", "xlsm"]
                        .contains(&e.to_string_lossy().to_ascii_lowercase().as_str())
                })
        };
        for path in site
            .tables
            .iter()
            .map(|t| t.file.path.as_str())
            .chain(site.absent.iter().map(String::as_str))
        {
            if !table_file(path) {
                return Err(format!(
                    "{path} is not a table file beside {}",
                    site.site_toml.path
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        let site = dir.path().join("data").join("semanan");
        std::fs::create_dir_all(&reports).unwrap();
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("households.csv"), "x").unwrap();
        assert_eq!(
            relative(&reports, &site.join("households.csv")),
            "../data/semanan/households.csv"
        );
        assert_eq!(relative(&reports, &reports.join("a.html")), "a.html");
    }

    /// A site reached through a link: a table file that is not there is
    /// placed beside the site.toml that is, both in the folder the link
    /// leads to.
    #[cfg(unix)]
    #[test]
    fn a_missing_file_behind_a_link_sits_beside_the_present_ones() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        let site = dir.path().join("data");
        std::fs::create_dir_all(&reports).unwrap();
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("site.toml"), "x").unwrap();
        std::os::unix::fs::symlink(&site, dir.path().join("link")).unwrap();
        let link = dir.path().join("link");
        assert_eq!(
            relative(&reports, &link.join("site.toml")),
            "../data/site.toml"
        );
        assert_eq!(
            relative(&reports, &link.join("trainings.csv")),
            "../data/trainings.csv"
        );
    }

    /// A `\\` in a folder's name is part of the name on this system: it is
    /// kept, so the path leads back to that folder and not to `a/b`.
    #[cfg(unix)]
    #[test]
    fn a_backslash_stays_in_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        let site = dir.path().join("a\\b");
        std::fs::create_dir_all(&reports).unwrap();
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join("site.toml"), "x").unwrap();
        let path = relative(&reports, &site.join("site.toml"));
        assert_eq!(path, "../a\\b/site.toml");
        assert!(reports.join(&path).is_file());
    }
}
