//! Output safety and reproducibility: a run publishes all its files or none,
//! an interrupted run never leaves a half-written file, manifest.json records
//! what each report was made from and `pantau verify` notices any change;
//! `--max-rejected-rows` leaves rejected rows (and what depends on them) out.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use crate::harness::{fixtures, repo, Dir};

const EPOCH_A: &str = "1790000000";
const EPOCH_B: &str = "1790086400";

fn report(dir: &Dir, epoch: &str) -> crate::harness::Run {
    dir.pantau_env(
        &["report", "site", "--period", "2026-Q3", "--out", "reports"],
        &[("SOURCE_DATE_EPOCH", epoch)],
    )
}

#[test]
fn a_run_that_fails_while_publishing_leaves_the_previous_report() {
    let dir = Dir::new();
    dir.copy_dir(&repo().join("sample-data").join("semanan"), "site");
    report(&dir, EPOCH_A).expect_code(0);
    // The manifest is published last; a folder in its place makes the last
    // rename fail after the report files have been moved into place.
    let manifest = dir.join("reports/manifest.json");
    std::fs::remove_file(&manifest).unwrap();
    std::fs::create_dir_all(manifest.join("blocked")).unwrap();
    let before = dir.snapshot();

    let run = report(&dir, EPOCH_B);
    assert_ne!(run.code(), 0);
    assert!(
        run.stderr().contains("no file of this run was published"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        dir.snapshot(),
        before,
        "the earlier report is untouched, no temporary files"
    );
}

#[test]
fn an_interrupted_run_never_leaves_a_partial_file() {
    let dir = Dir::new();
    dir.copy_dir(&repo().join("sample-data").join("semanan"), "site");
    report(&dir, EPOCH_A).expect_code(0);
    let old = dir.snapshot();
    let scratch = Dir::new();
    scratch.copy_dir(&repo().join("sample-data").join("semanan"), "site");
    report(&scratch, EPOCH_B).expect_code(0);
    let new: BTreeMap<PathBuf, Vec<u8>> = scratch
        .snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with("reports"))
        .collect();

    for delay_ms in [0u64, 50, 150, 300, 450, 600, 800, 1000, 1300] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pantau"))
            .args(["report", "site", "--period", "2026-Q3", "--out", "reports"])
            .env("SOURCE_DATE_EPOCH", EPOCH_B)
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn pantau");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in dir.snapshot() {
            if !path.starts_with("reports") {
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('.') {
                // A killed run's staging file: never under a report's name.
                continue;
            }
            let whole = old.get(&path) == Some(&bytes) || new.get(&path) == Some(&bytes);
            assert!(
                whole,
                "{} is partial after a kill at {delay_ms} ms",
                path.display()
            );
        }
    }
}

#[test]
fn the_manifest_records_inputs_and_verify_notices_changes() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "site");
    let run = dir.pantau_env(
        &["report", "site", "--out", "reports"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    );
    run.expect_code(0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("reports/manifest.json")).unwrap()).unwrap();
    let run0 = &manifest["runs"][0];
    assert_eq!(run0["pantau_version"], env!("CARGO_PKG_VERSION"));
    let site = &run0["sites"][0];
    assert_eq!(site["site_toml"]["path"], "../site/site.toml");
    let households = site["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == "households")
        .unwrap();
    let bytes = std::fs::read(dir.join("site/households.csv")).unwrap();
    assert_eq!(households["file"]["bytes"], bytes.len() as u64);
    assert_eq!(households["rows_read"], 6);
    assert_eq!(households["rows_accepted"], 6);
    let outputs: Vec<&str> = run0["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert!(outputs.iter().any(|o| o.ends_with(".html")), "{outputs:?}");

    let ok = dir
        .pantau(&["verify", "reports/manifest.json"])
        .expect_code(0);
    assert!(
        ok.stdout().contains("1 of 1 runs match their files"),
        "{}",
        ok.stdout()
    );

    // An edited input is named.
    let mut text = String::from_utf8(bytes).unwrap();
    text = text.replace("Budi Santoso", "Budi Santosa");
    std::fs::write(dir.join("site/households.csv"), text).unwrap();
    let changed = dir
        .pantau(&["verify", "reports/manifest.json"])
        .expect_code(3);
    assert!(
        changed.stdout().contains("../site/households.csv: changed"),
        "{}",
        changed.stdout()
    );

    // A second report in the same folder adds a run; rerunning one replaces it.
    dir.pantau_env(
        &["report", "site", "--lang", "en", "--out", "reports"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    dir.pantau_env(
        &["report", "site", "--lang", "en", "--out", "reports"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("reports/manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["runs"].as_array().unwrap().len(), 2);
}

/// The tiny site with household H002's members unreadable.
fn tiny_with_a_bad_household(dir: &Dir) {
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let path = site.join("households.csv");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "H002,3173054202850002,Siti Aminah,P,1,1,1,",
        "H002,3173054202850002,Siti Aminah,P,1,1,satu,",
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn rejected_rows_are_left_out_when_tolerated() {
    let dir = Dir::new();
    tiny_with_a_bad_household(&dir);
    // Strict by default.
    let strict = dir.pantau(&["indicators", "site"]).expect_code(2);
    assert!(
        strict
            .stderr()
            .contains("households.csv: 1 of 6 rows rejected"),
        "{}",
        strict.stderr()
    );
    // H002 has 2 surveys of 8 and 1 enrollment of 3: 34% is not enough.
    dir.pantau(&["indicators", "site", "--max-rejected-rows", "33%"])
        .expect_code(2);
    let tolerated = dir
        .pantau(&["indicators", "site", "--max-rejected-rows", "34%"])
        .expect_code(0)
        .stdout();

    // The same as a site where H002's registry row, surveys and enrollment
    // were never there; its deliveries stay in the ledger.
    let other = Dir::new();
    let site = other.copy_dir(&fixtures().join("tiny"), "site");
    for file in ["households.csv", "surveys.csv", "trainings.csv"] {
        let path = site.join(file);
        let kept: Vec<String> = std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .filter(|l| !l.contains("H002"))
            .map(str::to_string)
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    let without = other.pantau(&["indicators", "site"]);
    assert_eq!(without.code(), 0, "{}", without.stderr());
    assert_eq!(tolerated, without.stdout());

    // validate agrees, and says the rows are left out.
    let v = dir
        .pantau(&["validate", "site", "--max-rejected-rows", "2"])
        .expect_code(0);
    assert!(
        v.stdout().contains("Usable with --max-rejected-rows"),
        "{}",
        v.stdout()
    );
}

#[test]
fn problems_with_a_whole_file_are_never_tolerated() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let path = site.join("feedback.csv");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("channel", "kanal");
    std::fs::write(path, text).unwrap();
    let run = dir
        .pantau(&["indicators", "site", "--max-rejected-rows", "100%"])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("feedback.csv: the file cannot be read"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_report_with_tolerated_rows_says_they_were_left_out() {
    let dir = Dir::new();
    tiny_with_a_bad_household(&dir);
    dir.pantau_env(
        &[
            "report",
            "site",
            "--lang",
            "en",
            "--max-rejected-rows",
            "34%",
            "--out",
            "reports",
        ],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    let html = std::fs::read_to_string(dir.join("reports/site-evaluator-2026-Q1-en.html"))
        .expect("the report");
    assert!(
        html.contains("4 rows broke a rule of the data contract (4 errors) and were left out of every indicator"),
        "the data-quality section says what was left out"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("reports/manifest.json")).unwrap()).unwrap();
    let run = &manifest["runs"][0];
    assert!(run["command"]
        .as_str()
        .unwrap()
        .ends_with("--max-rejected-rows 34%"));
    let rejected: Vec<(String, u64)> = run["sites"][0]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["table"].as_str().unwrap().to_string(),
                t["rows_rejected"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(rejected.contains(&("households".into(), 1)), "{rejected:?}");
    assert!(rejected.contains(&("surveys".into(), 2)), "{rejected:?}");
    assert!(rejected.contains(&("trainings".into(), 1)), "{rejected:?}");
}
