//! The provenance footer: pantau's version, the sha256 and size of every
//! input file, and the generation time. The time comes from
//! `SOURCE_DATE_EPOCH` when it is set, so a rerun on the same inputs gives a
//! byte-identical report.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::format::Fmt;
use super::page::{Input, Provenance};

/// The generation time: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when
/// set, the clock otherwise.
pub(crate) fn generation_time() -> Result<DateTime<Utc>> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => {
            let seconds: i64 = text.trim().parse().with_context(|| {
                format!("SOURCE_DATE_EPOCH={text:?} is not a number of seconds")
            })?;
            DateTime::from_timestamp(seconds, 0)
                .with_context(|| format!("SOURCE_DATE_EPOCH={text} is out of range"))
        }
        Err(_) => Ok(Utc::now()),
    }
}

/// sha256 (hex) of bytes in memory.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// sha256 (hex) and size of a file, read in blocks.
pub(crate) fn hash_file(path: &Path) -> Result<(String, u64)> {
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
    let digest = hasher.finalize();
    let hex = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok((hex, bytes))
}

/// The footer for the input files of the given sites: (site name, folder,
/// the files read).
pub(crate) fn provenance(
    fmt: Fmt,
    time: DateTime<Utc>,
    sites: &[(String, &Path, Vec<PathBuf>)],
) -> Result<Provenance> {
    let mut inputs = Vec::new();
    for (name, dir, files) in sites {
        for file in files {
            let (sha256, bytes) = hash_file(file)?;
            inputs.push(Input {
                site: name.clone(),
                file: super::short_name(dir, &file.display().to_string()),
                bytes: fmt.count(bytes as f64),
                sha256,
            });
        }
    }
    Ok(Provenance {
        version: env!("CARGO_PKG_VERSION").to_string(),
        generated: format!(
            "{} {} UTC",
            fmt.date(time.date_naive()),
            time.format("%H:%M:%S")
        ),
        inputs,
    })
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
    }
}
