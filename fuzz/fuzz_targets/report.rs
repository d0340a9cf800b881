//! The whole report path (validation, indicators, every audience and
//! language, the privacy gate): the tiny test site with one file replaced
//! by the fuzzer's bytes. The first byte chooses the file.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

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

fn site() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("site");
        std::fs::create_dir(&path).expect("site folder");
        (dir, path)
    })
    .1
}

fuzz_target!(|input: &[u8]| {
    let Some((&which, content)) = input.split_first() else {
        return;
    };
    let dir = site();
    let chosen = which as usize % FILES.len();
    for (i, (name, text)) in FILES.iter().enumerate() {
        let bytes = if i == chosen {
            content
        } else {
            text.as_bytes()
        };
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    pantau::fuzzing::report_site(dir);
});
