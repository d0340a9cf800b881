//! Putting files where people find them, without ever leaving a
//! half-written one: [`files`] publishes a run's set of files into a folder
//! (reports, notices, a converted site), [`folder`] builds a whole new
//! folder beside its final place and swaps it in (a generated site). The
//! manifest of what a run read and wrote is in [`manifest`]; [`hash_file`]
//! and [`sha256_hex`] are the fingerprints it records.

pub mod manifest;

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

pub use crate::load::fingerprint::{hash_file, sha256_hex, Fingerprint};
use crate::problem::InvalidInput;

/// Kinds of the temporary files [`files`] leaves beside the final ones
/// while it works: `.NAME.partial-PID` (the new file, being written) and
/// `.NAME.previous-PID` (a second name of the file it replaces, kept until
/// every new file is in place).
const PARTIAL: &str = "partial";
const PREVIOUS: &str = "previous";

/// Writes a run's files into the folder `out`, all or nothing
/// ([`Staging`] with every file at once).
pub fn files(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut staging = Staging::new(out)?;
    for (path, bytes) in files {
        staging.add(path, bytes)?;
    }
    staging.publish()
}

/// A file written in full beside its final name, waiting to be renamed.
struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    sha256: String,
    bytes: u64,
}

/// A run's files on their way into the folder `out`, all or nothing.
///
/// [`Staging::add`] writes each file in full beside its final name as soon
/// as the run has it (so a run over many villages holds one village's
/// output in memory, not all of them); [`Staging::publish`] then renames
/// each over the file it replaces, one atomic rename each, so a reader (or
/// a crash) never sees a file missing or half written. The manifest is the
/// last file of the run: until it is in place, `verify` finds the files
/// already replaced at odds with the earlier manifest, so a set torn by a
/// crash is never taken for a complete one. If a rename fails, the files
/// already replaced are put back and the run publishes nothing; a run that
/// fails before publishing (or is dropped) removes what it staged.
/// Leftovers of runs that died are removed first.
pub struct Staging {
    out: PathBuf,
    staged: Vec<Staged>,
    /// The folders this run made (the outermost first), removed again when
    /// it publishes nothing.
    made: Vec<PathBuf>,
}

impl Staging {
    /// Starts a run's files into `out`; the folder is made with the first
    /// file, so a run that fails before it has one leaves no trace.
    pub fn new(out: &Path) -> Result<Staging> {
        check_out(out)?;
        remove_leftovers(out);
        Ok(Staging {
            out: out.to_path_buf(),
            staged: Vec::new(),
            made: Vec::new(),
        })
    }

    /// Makes `out` and the folders above it that are missing, remembering
    /// which were made (and removing them again if nothing is published).
    pub fn make_out(&mut self) -> Result<()> {
        let mut missing: Vec<PathBuf> = self
            .out
            .ancestors()
            .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
            .map(Path::to_path_buf)
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        if let Err(e) = std::fs::create_dir_all(&self.out) {
            return InvalidInput::err(format!(
                "--out {}: the folder cannot be made: {e}",
                self.out.display()
            ));
        }
        missing.reverse();
        self.made = missing;
        Ok(())
    }

    /// Writes one file beside its final name. Two files of one run with
    /// the same name are refused.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        self.make_out()?;
        if self.staged.iter().any(|s| s.path == path) {
            return InvalidInput::err(format!(
                "two files of this run would both be written to {}",
                path.display()
            ));
        }
        let tmp = beside(path, PARTIAL);
        if let Err(e) = write_synced(&tmp, bytes) {
            let _ = std::fs::remove_file(&tmp);
            return Err(e).with_context(|| format!("writing {}", tmp.display()));
        }
        self.staged.push(Staged {
            tmp,
            path: path.to_path_buf(),
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
        });
        Ok(())
    }

    /// The folder the files go into.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Every file staged so far, in order: (final path, sha256, size).
    pub fn files(&self) -> impl Iterator<Item = (&Path, &str, u64)> {
        self.staged
            .iter()
            .map(|s| (s.path.as_path(), s.sha256.as_str(), s.bytes))
    }

    /// Moves every staged file into place, all or nothing.
    pub fn publish(mut self) -> Result<()> {
        crate::progress::step(format!("writing into {}", self.out.display()));
        let staged = std::mem::take(&mut self.staged);
        self.made.clear();
        test_hook(0);
        let mut placed: Vec<(&Path, Option<PathBuf>)> = Vec::new();
        let mut failure = None;
        for (k, s) in staged.iter().enumerate() {
            test_hook(k + 1);
            let path = s.path.as_path();
            if path.is_dir() {
                failure = Some((
                    std::io::Error::new(
                        std::io::ErrorKind::AlreadyExists,
                        "a folder has the file's name",
                    ),
                    path,
                ));
                break;
            }
            let previous = if path.exists() {
                let keep = beside(path, PREVIOUS);
                let _ = std::fs::remove_file(&keep);
                let kept = std::fs::hard_link(path, &keep)
                    .or_else(|_| std::fs::copy(path, &keep).map(|_| ()));
                if let Err(e) = kept {
                    failure = Some((e, path));
                    break;
                }
                Some(keep)
            } else {
                None
            };
            if let Err(e) = std::fs::rename(&s.tmp, path) {
                if let Some(keep) = &previous {
                    let _ = std::fs::remove_file(keep);
                }
                failure = Some((e, path));
                break;
            }
            placed.push((path, previous));
        }
        test_hook(staged.len() + 1);
        match failure {
            None => {
                for (_, previous) in &placed {
                    if let Some(keep) = previous {
                        let _ = std::fs::remove_file(keep);
                    }
                }
                Ok(())
            }
            Some((e, path)) => {
                for (placed_path, previous) in placed.iter().rev() {
                    match previous {
                        Some(keep) => {
                            let _ = std::fs::rename(keep, placed_path);
                        }
                        None => {
                            let _ = std::fs::remove_file(placed_path);
                        }
                    }
                }
                for s in &staged {
                    let _ = std::fs::remove_file(&s.tmp);
                }
                let message = format!(
                    "moving {} into place; no file of this run was published",
                    path.display()
                );
                // A folder in the way is the user's to move: invalid input.
                if path.is_dir() {
                    return InvalidInput::err(format!(
                        "{message}: a folder has the file's name; move it away or choose \
                         another output folder"
                    ));
                }
                Err(e).context(message)
            }
        }
    }
}

impl Drop for Staging {
    /// A run that ends without publishing leaves no staged file behind,
    /// nor a folder it made for them.
    fn drop(&mut self) {
        if self.staged.is_empty() && self.made.is_empty() {
            return;
        }
        for s in &self.staged {
            let _ = std::fs::remove_file(&s.tmp);
        }
        for dir in self.made.iter().rev() {
            // Only empty folders: remove_dir fails on anything else.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// The temporary name of a file beside its final one:
/// `.NAME.KIND-PID`.
fn beside(path: &Path, kind: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{kind}-{}", std::process::id()))
}

/// `--out` must be a folder, or a path where one can be made: checked
/// before a command does any work, so a mistake costs nothing.
pub fn check_out(out: &Path) -> Result<()> {
    check_folder(out, &format!("--out {}", out.display()))
}

/// [`check_out`] for a folder given another way; `named` is how the
/// messages name it (`--out reports`, `desa-baru`).
pub fn check_folder(out: &Path, named: &str) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return InvalidInput::err(format!(
            "{named}: this is a file; give a folder to write into"
        ));
    }
    if !out.exists() && out.symlink_metadata().is_ok() {
        return InvalidInput::err(format!(
            "{named}: a link to something that is not there; give a folder to write into"
        ));
    }
    // The first part of the path that exists must be a folder to make it in.
    if let Some(base) = out
        .ancestors()
        .skip(1)
        .find(|a| !a.as_os_str().is_empty() && a.symlink_metadata().is_ok())
    {
        if !base.is_dir() {
            return InvalidInput::err(format!(
                "{named}: {} is not a folder, so no folder can be made in it",
                base.display()
            ));
        }
    }
    Ok(())
}

/// Writes a file and waits until its bytes are on disk.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Removes the temporary files of runs that are no longer running (a run
/// killed before it finished), so they never pile up.
fn remove_leftovers(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&name) else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive || pid == std::process::id() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name (`.x.html.partial-1234`).
fn leftover_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (rest, pid) = name.rsplit_once('-')?;
    (rest.ends_with(&format!(".{PARTIAL}")) || rest.ends_with(&format!(".{PREVIOUS}")))
        .then(|| pid.parse().ok())
        .flatten()
}

/// For the crash tests: `PANTAU_TEST_ABORT_AT=N` ends the process at once
/// (as a kill would) at step N of [`files`]: 0 after every file is staged,
/// k before the k-th rename, one past the last rename after them all.
fn test_hook(step: usize) {
    if std::env::var("PANTAU_TEST_ABORT_AT").is_ok_and(|v| v == step.to_string()) {
        std::process::abort();
    }
}

/// Refuses an `out` that a folder written whole cannot replace: one named
/// `.` or `..` (or ending so), or the current folder or a folder holding
/// it, which would be moved aside with everything in it.
pub fn check_whole_folder(out: &Path) -> Result<()> {
    let named = matches!(out.components().next_back(), Some(Component::Normal(_)));
    let here = std::env::current_dir().and_then(|d| d.canonicalize());
    let holds_here = match (out.canonicalize(), here) {
        (Ok(out), Ok(here)) => here.starts_with(out),
        _ => false,
    };
    if !named || holds_here {
        return InvalidInput::err(format!(
            "--out {}: the current folder or a folder holding it, which would be replaced \
             whole; give the path of a folder of its own (nothing was written)",
            out.display()
        ));
    }
    Ok(())
}

/// Builds the folder `out` with `write` in a temporary sibling folder, then
/// moves it into place, replacing an old `out` only after the new one is
/// complete. A failed `write` leaves `out` as it was.
pub fn folder(out: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    check_whole_folder(out)?;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "site".into());
    let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
    }
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    if let Err(e) = write(&tmp) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        let old = tmp.with_extension("old");
        std::fs::rename(out, &old)
            .with_context(|| format!("moving the old {} aside", out.display()))?;
        std::fs::rename(&tmp, out)
            .with_context(|| format!("moving the new folder to {}", out.display()))?;
        std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
    } else {
        std::fs::rename(&tmp, out)
            .with_context(|| format!("moving the new folder to {}", out.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_named_by_their_process() {
        assert_eq!(leftover_pid(".a-b.html.partial-1234"), Some(1234));
        assert_eq!(leftover_pid(".manifest.json.previous-7"), Some(7));
        assert_eq!(leftover_pid("a.html.partial-7"), None);
        assert_eq!(leftover_pid(".a.html.partial-x"), None);
        assert_eq!(leftover_pid(".semanan-notice-2026-Q3-id.html"), None);
    }

    #[test]
    fn a_run_that_publishes_nothing_leaves_no_file_and_no_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a/b");
        let mut staging = Staging::new(&out).unwrap();
        assert!(!dir.path().join("a").exists(), "no folder before a file");
        staging.add(&out.join("x.html"), b"x").unwrap();
        assert!(out
            .join(".x.html.partial-".to_string() + &std::process::id().to_string())
            .exists());
        drop(staging);
        assert!(
            !dir.path().join("a").exists(),
            "the folders made are removed"
        );

        // A folder that was there stays, with what it held.
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), b"old").unwrap();
        let mut staging = Staging::new(&out).unwrap();
        staging.add(&out.join("x.html"), b"x").unwrap();
        let err = staging.add(&out.join("x.html"), b"y").unwrap_err();
        assert!(err.to_string().contains("both be written"), "{err}");
        drop(staging);
        let left: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, ["old.html"]);
    }

    #[test]
    fn staged_files_are_published_together_with_their_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut staging = Staging::new(&out).unwrap();
        staging.add(&out.join("a.txt"), b"abc").unwrap();
        staging.add(&out.join("b.txt"), b"").unwrap();
        let files: Vec<(String, String, u64)> = staging
            .files()
            .map(|(p, h, n)| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    h.to_string(),
                    n,
                )
            })
            .collect();
        assert_eq!(files[0].1, sha256_hex(b"abc"));
        assert_eq!((files[0].2, files[1].2), (3, 0));
        assert!(!out.join("a.txt").exists(), "not before publishing");
        staging.publish().unwrap();
        assert_eq!(std::fs::read(out.join("a.txt")).unwrap(), b"abc");
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
    }

    #[test]
    fn sha256_of_a_known_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, b"abc").unwrap();
        let Fingerprint { sha256: hex, bytes } = hash_file(&path).unwrap();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(bytes, 3);
        assert_eq!(sha256_hex(b"abc"), hex);
    }
}
