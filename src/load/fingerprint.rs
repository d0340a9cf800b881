//! Fingerprints of files: the sha256 and size of their bytes, taken as a
//! file is read for its contents ([`Fingerprinting`]) or by reading it for
//! them ([`hash_file`]). Reports and manifests record them.

use std::io::Read;
use std::path::Path;

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

/// A file's sha256 (hex) and size in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub sha256: String,
    pub bytes: u64,
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

/// The fingerprint of a file, read in blocks.
pub fn hash_file(path: &Path) -> Result<Fingerprint> {
    let file = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let mut reader = Fingerprinting::new(file);
    let mut buffer = vec![0u8; 1 << 20];
    while reader
        .read(&mut buffer)
        .with_context(|| format!("reading {}", path.display()))?
        > 0
    {}
    Ok(reader.finish())
}

/// A reader that hashes every byte read through it: a file read once for
/// its contents gives its fingerprint too, of exactly the bytes read.
pub struct Fingerprinting<R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
}

impl<R: Read> Fingerprinting<R> {
    pub fn new(inner: R) -> Fingerprinting<R> {
        Fingerprinting {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// The fingerprint of the bytes read so far.
    pub fn finish(self) -> Fingerprint {
        Fingerprint {
            sha256: hex(&self.hasher.finalize()),
            bytes: self.bytes,
        }
    }
}

impl<R: Read> Read for Fingerprinting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}
