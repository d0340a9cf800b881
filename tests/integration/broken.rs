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

/// An entry named like an optional table that is not a readable file (a
/// folder, a link to nothing, a pipe) is a whole-file error, never taken
/// for an absent table: the site would otherwise validate without its
/// trainings and report no training at all.
#[test]
fn an_unreadable_table_entry_is_an_error_not_an_absent_table() {
    type Make = fn(&Path);
    let make: [(&str, Make); 3] = [
        ("folder", |p| std::fs::create_dir(p).expect("mkdir")),
        ("dangling link", |p| {
            std::os::unix::fs::symlink("nowhere.csv", p).expect("symlink")
        }),
        ("pipe", |p| {
            let status = std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .expect("mkfifo");
            assert!(status.success());
        }),
    ];
    for (what, make) in make {
        let dir = Dir::new();
        let site = dir.copy_dir(&fixtures().join("tiny"), "site");
        std::fs::remove_file(site.join("trainings.csv")).expect("remove");
        make(&site.join("trainings.csv"));
        let run = dir.pantau(&["validate", "site"]);
        assert_eq!(run.code(), 2, "{what}: {}", run.stdout());
        assert!(
            run.stdout().contains("trainings.csv") && run.stdout().contains("rule unreadable-file"),
            "{what}: {}",
            run.stdout()
        );
        dir.pantau(&["indicators", "site"]).expect_code(2);
    }
}

/// A CSV file whose lines end with a carriage return alone (old Mac style)
/// is read line by line, with the same values as the same file with line
/// feeds.
#[test]
fn old_mac_line_endings_are_read_as_lines() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "plain");
    let mac = dir.copy_dir(&fixtures().join("tiny"), "mac");
    let text = std::fs::read_to_string(mac.join("households.csv")).expect("read");
    std::fs::write(mac.join("households.csv"), text.replace('\n', "\r")).expect("write");
    dir.pantau(&["validate", "mac"]).expect_code(0);
    let a = dir.pantau(&["indicators", "plain"]).expect_code(0).stdout();
    let b = dir.pantau(&["indicators", "mac"]).expect_code(0).stdout();
    assert_eq!(a, b);
}

/// `sheet =` names a sheet of a workbook; on a CSV table it is ignored, and
/// validation says so.
#[test]
fn a_sheet_for_a_csv_table_is_a_warning() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let toml = std::fs::read_to_string(site.join("site.toml")).expect("read");
    std::fs::write(
        site.join("site.toml"),
        format!("{toml}\n[format.trainings]\nsheet = \"Pelatihan\"\n"),
    )
    .expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(0);
    assert!(
        run.stdout().contains("warning: ")
            && run.stdout().contains("sheet = \"Pelatihan\"")
            && run
                .stdout()
                .contains("trainings.csv is not one, so it is ignored"),
        "{}",
        run.stdout()
    );
}

/// Empty lines (before the header, between records, at the end) are not
/// rows, and a problem after one is reported on its own line.
#[test]
fn empty_lines_are_not_rows_and_do_not_shift_line_numbers() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv")).expect("read");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(3, "");
    lines.push("");
    let padded = format!("\n\n{}\n\n", lines.join("\n"));
    std::fs::write(site.join("households.csv"), &padded).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(0);
    assert!(
        run.stdout().contains("6 rows read, 6 accepted, 0 rejected"),
        "{}",
        run.stdout()
    );
    dir.copy_dir(&fixtures().join("tiny"), "plain");
    assert_eq!(
        dir.pantau(&["indicators", "site"]).expect_code(0).stdout(),
        dir.pantau(&["indicators", "plain"]).expect_code(0).stdout()
    );
    // H004's decile, on line 8 of the padded file (two empty lines before
    // the header, one after H002).
    std::fs::write(
        site.join("households.csv"),
        padded.replace("0,0,7,2022-07-01", "0,0,17,2022-07-01"),
    )
    .expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    assert!(
        run.stdout()
            .contains("households.csv:8: column welfare_decile: value \"17\": rule range"),
        "{}",
        run.stdout()
    );
}
