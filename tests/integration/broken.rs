//! Broken fixtures: `tests/fixtures/broken/*.toml` each break one rule of the
//! data contract in a copy of the tiny site, and say where the problem must be
//! reported. Every case must fail with exit code 2, name exactly that file,
//! row, column and rule, and leave the folder as it was.

use std::path::Path;

use serde::Deserialize;

use crate::harness::{fixtures, Dir};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    file: String,
    #[serde(default)]
    find: String,
    #[serde(default)]
    replace: String,
    #[serde(default)]
    delete: bool,
    /// Write the patched file as Latin-1 instead of UTF-8.
    #[serde(default)]
    latin1: bool,
    /// Lines added to the site's site.toml.
    #[serde(default)]
    site_toml: String,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    file: String,
    row: Option<u64>,
    column: String,
    rule: String,
}

fn apply(case: &Case, site: &Path) {
    if !case.site_toml.is_empty() {
        let toml = std::fs::read_to_string(site.join("site.toml")).expect("read site.toml");
        std::fs::write(
            site.join("site.toml"),
            format!("{toml}\n{}", case.site_toml),
        )
        .expect("write site.toml");
    }
    let path = site.join(&case.file);
    if case.delete {
        std::fs::remove_file(&path).expect("delete fixture file");
        return;
    }
    if case.find.is_empty() {
        return;
    }
    let text = std::fs::read_to_string(&path).expect("read fixture file");
    assert_eq!(
        text.matches(&case.find).count(),
        1,
        "{}: `find` must match exactly once",
        case.description
    );
    let patched = text.replacen(&case.find, &case.replace, 1);
    if case.latin1 {
        let bytes: Vec<u8> = patched
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1 char"))
            .collect();
        std::fs::write(&path, bytes).expect("write");
    } else {
        std::fs::write(&path, patched).expect("write");
    }
}

#[test]
fn the_tiny_site_is_valid() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "site");
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(0);
    let json = run.json();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 0, "{}", run.stdout());
}

#[test]
fn every_broken_fixture_fails_with_a_located_problem() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("broken"))
        .expect("broken fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "only {} broken fixtures", cases.len());
    let mut failures = Vec::new();
    for path in cases {
        let case: Case = toml::from_str(&std::fs::read_to_string(&path).expect("read case"))
            .expect("parse case");
        let dir = Dir::new();
        let site = dir.copy_dir(&fixtures().join("tiny"), "site");
        apply(&case, &site);
        let before = dir.snapshot();

        let run = dir.pantau(&["validate", "site", "--format", "json"]);
        let json_ok = run.code() == 2;
        let json = run.json();
        let found = json["sites"][0]["files"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|f| {
                f["problems"].as_array().into_iter().flatten().any(|p| {
                    p["severity"] == "error"
                        && p["file"]
                            .as_str()
                            .is_some_and(|f| f.ends_with(&case.expect.file))
                        && p["row"].as_u64() == case.expect.row
                        && p["column"] == case.expect.column.as_str()
                        && p["rule"] == case.expect.rule.as_str()
                })
            });

        let text = dir.pantau(&["validate", "site"]);
        let location = match case.expect.row {
            Some(row) => format!("{}:{row}", case.expect.file),
            None => case.expect.file.clone(),
        };
        let text_ok = text.code() == 2
            && text.stdout().lines().any(|l| {
                l.starts_with("    error: ")
                    && l.contains(&location)
                    && l.contains(&format!("rule {}:", case.expect.rule))
                    && (case.expect.column.is_empty()
                        || l.contains(&format!("column {}", case.expect.column)))
            });
        let unchanged = dir.snapshot() == before;
        if !(json_ok && found && text_ok && unchanged) {
            failures.push(format!(
                "{} ({}): exit {} json-found {found} text-found {text_ok} unchanged {unchanged}\n{}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                case.description,
                run.code(),
                text.stdout()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} broken fixtures misreported:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn problems_in_a_multi_line_record_name_the_line_it_starts_on() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    // A quoted note spanning two lines shifts every later record by one line.
    let budget = std::fs::read_to_string(site.join("budget.csv")).expect("read");
    let budget = budget
        .replace(
            "2026,1,revenue,csr,1000000,900000,",
            "2026,1,revenue,csr,1000000,900000,\"hibah\nCSR\"",
        )
        .replace(
            "2026,1,expense,operations,100000,90000",
            "2026,1,expense,operations,100000,-5",
        );
    std::fs::write(site.join("budget.csv"), budget).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    assert!(
        run.stdout()
            .contains("budget.csv:7: column realised: value \"-5\": rule range"),
        "{}",
        run.stdout()
    );
}
