//! The crate's layers: every module uses only the leaves and the stages
//! before it, so the `use` lines of a file never point to a later stage and
//! no two modules import each other. The order is the one the README's
//! layout section and `src/lib.rs` describe.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::repo;

/// Leaves: imported by everything, importing nothing of the crate.
const LEAVES: [&str; 8] = [
    "contract", "problem", "fmt", "progress", "rng", "rule", "writer", "cache",
];

/// Stages in pipeline order: each may use the leaves and earlier stages.
const STAGES: [&str; 17] = [
    "panics",
    "load",
    "config",
    "privacy",
    "validate",
    "site",
    "publish",
    "indicators",
    "charts",
    "report",
    "explain",
    "simulate",
    "generate",
    "init",
    "cli",
    "commands",
    "fuzzing",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names as `crate::<module>`, comments left out.
fn crate_refs(text: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                refs.insert(name);
            }
        }
    }
    refs
}

#[test]
fn every_module_uses_only_leaves_and_earlier_stages() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let rank = |m: &str| STAGES.iter().position(|s| *s == m);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .expect("a module");
        if top == "lib" || top == "main" {
            continue;
        }
        assert!(
            LEAVES.contains(&top.as_str()) || rank(&top).is_some(),
            "{}: module {top} is neither a leaf nor a stage; add it to the layers",
            rel.display()
        );
        let text = std::fs::read_to_string(file).expect("read a source file");
        for used in crate_refs(&text) {
            if used == top {
                continue;
            }
            let allowed = if LEAVES.contains(&top.as_str()) {
                false
            } else if LEAVES.contains(&used.as_str()) {
                true
            } else {
                match (rank(&used), rank(&top)) {
                    (Some(u), Some(t)) => u < t,
                    _ => false,
                }
            };
            if !allowed {
                wrong.push(format!("{} uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_finds_references() {
    let refs = crate_refs(
        "use crate::site::Site;\n// crate::report in a comment\nlet x = crate::fmt::NONE;",
    );
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        vec!["fmt".to_string(), "site".to_string()]
    );
}
