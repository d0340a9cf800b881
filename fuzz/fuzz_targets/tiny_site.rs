//! The tiny test site (tests/fixtures/tiny) in a temporary folder, with
//! one of its files replaced by the fuzzer's bytes: shared by the targets
//! that run whole commands on a site.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FILES: [(&str, &str); 7] = [
    (
        "households.csv",
        include_str!("../../tests/fixtures/tiny/households.csv"),
    ),
    (
        "surveys.csv",
        include_str!("../../tests/fixtures/tiny/surveys.csv"),
    ),
    (
        "distributions.csv",
        include_str!("../../tests/fixtures/tiny/distributions.csv"),
    ),
    (
        "trainings.csv",
        include_str!("../../tests/fixtures/tiny/trainings.csv"),
    ),
    (
        "budget.csv",
        include_str!("../../tests/fixtures/tiny/budget.csv"),
    ),
    (
        "feedback.csv",
        include_str!("../../tests/fixtures/tiny/feedback.csv"),
    ),
    (
        "site.toml",
        include_str!("../../tests/fixtures/tiny/site.toml"),
    ),
];

fn folder() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("site");
        std::fs::create_dir(&path).expect("site folder");
        (dir, path)
    })
    .1
}

/// The site folder with the file chosen by the input's first byte holding
/// the rest of the input; `None` for an empty input.
pub fn with_input(input: &[u8]) -> Option<&'static Path> {
    let (&which, content) = input.split_first()?;
    let dir = folder();
    let chosen = which as usize % FILES.len();
    for (i, (name, text)) in FILES.iter().enumerate() {
        let bytes = if i == chosen {
            content
        } else {
            text.as_bytes()
        };
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    Some(dir)
}
