//! Putting files where people find them, without ever leaving a
//! half-written one: [`files`] publishes a run's set of files into a folder
//! (reports, notices, a converted site), [`folder`] builds a whole new
//! folder beside its final place and swaps it in (a generated site). The
//! manifest of what a run read and wrote is in [`manifest`]; [`hash_file`]
//! and [`sha256_hex`] are the fingerprints it records.

pub mod manifest;

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

/// Writes every file beside its final name, then renames them all into
/// place. Files it replaces are kept aside until every rename succeeded: on
/// any failure the new files are taken back and the earlier ones restored,
/// so a run publishes all its files or none.
pub fn files(out: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    crate::progress::step(format!("writing into {}", out.display()));
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let pid = std::process::id();
    let beside = |path: &Path, kind: &str| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        path.with_file_name(format!(".{name}.{kind}-{pid}"))
    };
    let mut staged: Vec<(PathBuf, &Path)> = Vec::new();
    let discard = |staged: &[(PathBuf, &Path)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (path, text) in files {
        let tmp = beside(path, "partial");
        if let Err(e) = std::fs::write(&tmp, text) {
            let _ = std::fs::remove_file(&tmp);
            discard(&staged);
            return Err(e).with_context(|| format!("writing {}", tmp.display()));
        }
        staged.push((tmp, path.as_path()));
    }
    // (final path, the earlier file kept aside, if there was one)
    let mut placed: Vec<(&Path, Option<PathBuf>)> = Vec::new();
    let mut failure = None;
    for (tmp, path) in &staged {
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
            let aside = beside(path, "previous");
            if let Err(e) = std::fs::rename(path, &aside) {
                failure = Some((e, path));
                break;
            }
            Some(aside)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(tmp, path) {
            if let Some(aside) = &previous {
                let _ = std::fs::rename(aside, path);
            }
            failure = Some((e, path));
            break;
        }
        placed.push((path, previous));
    }
    match failure {
        None => {
            for (_, previous) in &placed {
                if let Some(aside) = previous {
                    let _ = std::fs::remove_file(aside);
                }
            }
            Ok(())
        }
        Some((e, path)) => {
            for (placed_path, previous) in placed.iter().rev() {
                match previous {
                    Some(aside) => {
                        let _ = std::fs::rename(aside, placed_path);
                    }
                    None => {
                        let _ = std::fs::remove_file(placed_path);
                    }
                }
            }
            discard(&staged);
            Err(e).with_context(|| {
                format!(
                    "moving {} into place; no file of this run was published",
                    path.display()
                )
            })
        }
    }
}

/// Builds the folder `out` with `write` in a temporary sibling folder, then
/// moves it into place, replacing an old `out` only after the new one is
/// complete. A failed `write` leaves `out` as it was.
pub fn folder(out: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
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

/// sha256 (hex) of bytes in memory.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    hex(&hasher.finalize())
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// sha256 (hex) and size of a file, read in blocks.
pub fn hash_file(path: &Path) -> Result<(String, u64)> {
    let mut file =
        std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut bytes = 0u64;
    loop {
        let n = file
            .read(&mut buffer)
            .with_context(|| format!("reading {}", path.display()))?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        hasher.update(&buffer[..n]);
    }
    Ok((hex(&hasher.finalize()), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_a_known_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, b"abc").unwrap();
        let (hex, bytes) = hash_file(&path).unwrap();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(bytes, 3);
        assert_eq!(sha256_hex(b"abc"), hex);
    }
}
