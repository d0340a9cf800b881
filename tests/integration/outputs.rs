//! Output safety and reproducibility: a run publishes all its files or none,
//! an interrupted run never leaves a half-written file, manifest.json records
//! what each report was made from and `pantau verify` notices any change;
//! `--max-rejected-rows` leaves rejected rows (and what depends on them) out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
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
    let run = dir
        .pantau(&["indicators", "site", "--max-rejected-rows", "34%"])
        .expect_code(0);
    // The table cannot say what it left out: standard error does.
    assert!(
        run.stderr().contains(
            "rejected rows left out of these indicators: households.csv 1 of 6, \
             surveys.csv 2 of 8, trainings.csv 1 of 3"
        ),
        "{}",
        run.stderr()
    );
    let tolerated = run.stdout();

    // The same as a site where H002's registry row, surveys and enrollment
    // were never there; its deliveries stay in the ledger. There they went
    // to a household missing from the registry (CASH rows D002 and D007,
    // both in 2026-Q1, Rp 300,000 each); here H002 is in the registry's
    // file, its row rejected, so they are no unregistered-recipient cases.
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
    let unregistered = |table: &str| -> Vec<(String, String)> {
        table
            .lines()
            .filter(|l| l.contains("flag_unregistered_recipient"))
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells[..5].join(","), cells[7].to_string())
            })
            .collect()
    };
    let others = |table: &str| -> Vec<String> {
        table
            .lines()
            .filter(|l| !l.contains("flag_unregistered_recipient"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(others(&tolerated), others(&without.stdout()));
    let (kept, missing) = (unregistered(&tolerated), unregistered(&without.stdout()));
    let value = |rows: &[(String, String)], key: &str| {
        let found = rows.iter().find(|(k, _)| k == key);
        found
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{key}: {rows:?}"))
    };
    for (key, cases) in [
        ("flag_unregistered_recipient,2026-Q1,CASH,,", "2"),
        ("flag_unregistered_recipient,2026-Q1,all,,", "2"),
        ("flag_unregistered_recipient,all,all,,", "2"),
        (
            "flag_amount,2026-Q1,all,flag,flag_unregistered_recipient",
            "600000",
        ),
        (
            "flag_amount,all,all,flag,flag_unregistered_recipient",
            "600000",
        ),
    ] {
        assert_eq!(value(&missing, key), cases, "{key}");
        assert_eq!(value(&kept, key), "0", "{key}");
    }
    assert_eq!(kept.len(), missing.len());

    // The notice says where those deliveries went: to a household whose
    // registry row was set aside, not to one missing from the registry.
    let notice = |dir: &Dir, tolerance: &[&str]| {
        let mut args = vec!["notice", "site", "--program", "CASH", "--period", "2026-Q1"];
        args.extend(["--lang", "en", "--out", "out"]);
        args.extend(tolerance);
        let run = dir.pantau(&args).expect_code(0);
        let page = std::fs::read_to_string(dir.path().join(run.stdout().trim())).unwrap();
        crate::harness::page_text(&page)
    };
    let set_aside = "worth Rp 600,000 went to households whose row in the village registry was \
                     set aside as invalid";
    let not_in = "went to households that are not in the village registry";
    let tolerated = notice(&dir, &["--max-rejected-rows", "34%"]);
    assert!(
        tolerated.contains(&format!("2 deliveries {set_aside}")),
        "{tolerated}"
    );
    assert!(!tolerated.contains(not_in), "{tolerated}");
    // The council's tables by RW name the ledger's rows without an RW
    // for both causes.
    dir.pantau(&["report", "site", "--audience", "council", "--lang", "en"])
        .expect_code(2);
    let run = dir
        .pantau(&[
            "report",
            "site",
            "--audience",
            "council",
            "--lang",
            "en",
            "--out",
            "rep",
            "--max-rejected-rows",
            "34%",
        ])
        .expect_code(0);
    let council = std::fs::read_to_string(dir.path().join("rep/site-council-2026-Q1-en.html"));
    let council = council.unwrap_or_else(|e| panic!("{e}: {}", run.stdout()));
    assert!(council.contains(">Not in the registry, or its row rejected<"));
    // The headline counts them among the households reached, as the table.
    assert!(
        council.contains("of which 1 not in the registry, or on a rejected row"),
        "{council}"
    );
    let without = notice(&other, &[]);
    assert!(without.contains(not_in), "{without}");
    assert!(!without.contains("set aside"), "{without}");

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

/// A household id on two registry rows, the second rejected: the first row
/// is the household, so its surveys, enrollment and deliveries are used as
/// on a site without the second row, and none is said to name a rejected
/// household.
#[test]
fn a_rejected_repeat_of_an_accepted_household_leaves_it_in() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let path = site.join("households.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let repeat = "H002,3173054202850002,Siti Aminah,P,1,1,satu,0,0,1,0,3,2019-06-01,active,\n";
    std::fs::write(&path, format!("{text}{repeat}")).unwrap();
    let tolerated = ["--max-rejected-rows", "1"];
    let run = dir.pantau(&[&["validate", "site", "--format", "json"][..], &tolerated].concat());
    assert_eq!(run.code(), 0, "{}", run.stdout());
    let rules: Vec<String> = run.json()["sites"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["problems"].as_array().unwrap().clone())
        .map(|p| format!("{} {}", p["file"], p["rule"]))
        .collect();
    assert!(
        !rules.iter().any(|r| r.ends_with("rejected-household")),
        "{rules:?}"
    );
    let with = dir.pantau(&[&["indicators", "site"][..], &tolerated].concat());
    assert_eq!(with.code(), 0, "{}", with.stderr());
    let plain = Dir::new();
    plain.copy_dir(&fixtures().join("tiny"), "site");
    assert_eq!(
        with.stdout(),
        plain
            .pantau(&["indicators", "site"])
            .expect_code(0)
            .stdout()
    );
}

/// No tolerance leaves a table none of its rows: a report would show its
/// data as absent. Every row of a file rejected by its own errors, or by
/// the rejected households it names, stops the run.
#[test]
fn a_file_whose_every_row_is_rejected_is_never_tolerated() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let path = site.join("feedback.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let broken: String = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{line}\n")
            } else {
                format!("{}\n", line.replacen(",2026-0", ",2026-13-0", 1))
            }
        })
        .collect();
    std::fs::write(&path, broken).unwrap();
    let run = dir
        .pantau(&["indicators", "site", "--max-rejected-rows", "100%"])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("feedback.csv: all 3 rows rejected, none left to use"),
        "{}",
        run.stderr()
    );
    std::fs::write(&path, text).unwrap();
    // The three enrolled households rejected: their enrollments go too.
    let path = site.join("households.csv");
    let text: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| {
            let mut fields: Vec<&str> = line.split(',').collect();
            if ["H001", "H002", "H005"].contains(&fields[0]) {
                // registered_on
                fields[12] = "kemarin";
            }
            format!("{}\n", fields.join(","))
        })
        .collect();
    std::fs::write(&path, text).unwrap();
    let run = dir
        .pantau(&["indicators", "site", "--max-rejected-rows", "100%"])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("trainings.csv: all 3 rows rejected, none left to use"),
        "{}",
        run.stderr()
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
        html.contains("4 rows broke a rule of the data contract (errors: 4) and were left out of every indicator"),
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

/// Two sites whose reports would have the same name are refused before
/// anything is computed or written, naming both folders; the reports
/// already in the folder stay as they were.
#[test]
fn two_sites_with_the_same_report_names_are_refused() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "a/base");
    dir.copy_dir(&fixtures().join("tiny"), "c/base");
    dir.pantau_env(
        &["report", "a/base", "--out", "r"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    let before = dir.snapshot();
    // The same folder twice is one site; two folders of one name are two.
    for (args, why) in [
        (["a/base", "a/base"], "are the same site"),
        (["a/base", "c/base"], "same name"),
    ] {
        let run = dir
            .pantau_env(
                &["report", args[0], args[1], "--out", "r"],
                &[("SOURCE_DATE_EPOCH", EPOCH_B)],
            )
            .expect_code(2);
        assert!(
            run.stderr()
                .contains(&format!("{} and {}", args[0], args[1]))
                && run.stderr().contains(why),
            "{}",
            run.stderr()
        );
        assert_eq!(dir.snapshot(), before, "nothing written for {args:?}");
    }
    // A partner comparison of the two is one report: allowed, once the
    // villages have names of their own (it names them by site.toml).
    let toml = dir.join("c/base/site.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(
        &toml,
        text.replacen("name = \"Uji\"", "name = \"Uji Dua\"", 1),
    )
    .unwrap();
    dir.pantau_env(
        &[
            "report",
            "a/base",
            "c/base",
            "--audience",
            "partner",
            "--out",
            "p",
        ],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
}

/// A run killed at every step of publishing: no report is ever missing
/// under its name, `verify` accepts the folder only when its files are the
/// complete set of one run, and the next run removes the killed run's
/// temporary files.
#[test]
fn a_run_killed_at_any_step_of_publishing_loses_nothing() {
    let council = |dir: &Dir, epoch: &str, abort: Option<usize>| {
        let step = abort.map(|s| s.to_string());
        let mut env = vec![("SOURCE_DATE_EPOCH", epoch)];
        if let Some(s) = &step {
            env.push(("PANTAU_TEST_ABORT_AT", s.as_str()));
        }
        dir.pantau_env(
            &[
                "report",
                "site",
                "--audience",
                "council",
                "--out",
                "reports",
            ],
            &env,
        )
    };
    let reports = |dir: &Dir| -> BTreeMap<String, Vec<u8>> {
        dir.snapshot()
            .into_iter()
            .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("reports")))
            .map(|(p, b)| (p.file_name().unwrap().to_string_lossy().to_string(), b))
            .collect()
    };
    // The two complete sets: run A's and run B's.
    let a_dir = Dir::new();
    a_dir.copy_dir(&fixtures().join("audit"), "site");
    council(&a_dir, EPOCH_A, None).expect_code(0);
    let set_a = reports(&a_dir);
    let b_dir = Dir::new();
    b_dir.copy_dir(&fixtures().join("audit"), "site");
    council(&b_dir, EPOCH_A, None).expect_code(0);
    council(&b_dir, EPOCH_B, None).expect_code(0);
    let set_b = reports(&b_dir);
    assert_eq!(
        set_a.keys().collect::<Vec<_>>(),
        set_b.keys().collect::<Vec<_>>()
    );
    assert!(set_a.len() >= 7, "{:?}", set_a.keys());
    // Staged, then one step per file (manifest last), then done.
    let steps = set_a.len() + 2;
    for step in 0..steps {
        let dir = Dir::new();
        dir.copy_dir(&fixtures().join("audit"), "site");
        council(&dir, EPOCH_A, None).expect_code(0);
        let killed = council(&dir, EPOCH_B, Some(step));
        assert_ne!(
            killed.code(),
            0,
            "step {step}: the hook did not stop the run"
        );
        let now: BTreeMap<String, Vec<u8>> = reports(&dir)
            .into_iter()
            .filter(|(name, _)| !name.starts_with('.'))
            .collect();
        for (name, bytes) in &now {
            assert!(
                set_a.get(name) == Some(bytes) || set_b.get(name) == Some(bytes),
                "step {step}: {name} is neither run's"
            );
        }
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            set_a.keys().collect::<Vec<_>>(),
            "step {step}: a report is missing"
        );
        let complete = now == set_a || now == set_b;
        let verify = dir.pantau(&["verify", "reports/manifest.json"]);
        assert_eq!(
            verify.code(),
            if complete { 0 } else { 3 },
            "step {step}: verify on a {} set\n{}",
            if complete { "complete" } else { "torn" },
            verify.stdout()
        );
        // The next run cleans up after the killed one.
        council(&dir, EPOCH_B, None).expect_code(0);
        let after = reports(&dir);
        assert_eq!(after, set_b, "step {step}: leftovers or wrong files");
        dir.pantau(&["verify", "reports/manifest.json"])
            .expect_code(0);
    }
}

/// Input the user can fix is exit code 2 with a message, never 1.
#[test]
fn user_mistakes_exit_2() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::write(dir.join("a-file"), "x").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["report", "site", "--out", "a-file"], "is a file"),
        (
            vec![
                "notice",
                "site",
                "--program",
                "CASH",
                "--period",
                "2026-Q1",
                "--out",
                "a-file",
            ],
            "is a file",
        ),
        (
            vec!["report", "site", "--templates", "nowhere"],
            "no such folder",
        ),
        (
            vec!["report", "site", "--templates", "a-file"],
            "no such folder",
        ),
        (
            vec!["verify", "reports/manifest.json"],
            "cannot read the manifest",
        ),
    ];
    for (args, says) in cases {
        let run = dir.pantau(&args);
        assert_eq!(run.code(), 2, "{args:?}: {}", run.stderr());
        assert!(run.stderr().contains(says), "{args:?}: {}", run.stderr());
    }
    assert_eq!(std::fs::read(dir.join("a-file")).unwrap(), b"x");
    // Templates that do not compile, do not render, reach for the
    // environment, lead outside their folder or call themselves.
    let templates: [(&str, &str, &str); 5] = [
        ("header.html", "{% if %}", "--templates"),
        ("header.html", "{{ no_such_field.x }}", "rendering"),
        ("header.html", "{{ get_env(name=\"HOME\") }}", "environment"),
        (
            "blocks.html",
            "{% macro figures(items) %}{{ self::figures(items=items) }}{% endmacro figures %}\
             {% macro block(b) %}{% endmacro block %}",
            "call itself",
        ),
        ("style.css", "", "inside"),
    ];
    for (i, (name, text, says)) in templates.iter().enumerate() {
        let folder = format!("t{i}");
        std::fs::create_dir_all(dir.join(&folder)).unwrap();
        if *says == "inside" {
            std::os::unix::fs::symlink("/etc/hostname", dir.join(&folder).join(name)).unwrap();
        } else {
            std::fs::write(dir.join(&folder).join(name), text).unwrap();
        }
        let run = dir.pantau(&["report", "site", "--templates", &folder, "--out", "r"]);
        assert_eq!(run.code(), 2, "{name} {text}: {}", run.stderr());
        assert!(
            run.stderr().contains(says),
            "{name} {text}: {}",
            run.stderr()
        );
        assert!(!dir.join("r").exists(), "nothing written");
    }
}

/// `verify` proves what it says: an empty or malformed manifest, or one
/// naming files outside the places pantau writes, is refused; a table that
/// appears after the report (an optional table, a second format beside a
/// table) is reported, since a rerun would read it.
#[test]
fn verify_refuses_what_it_cannot_prove_and_notices_new_files() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(dir.join("site/trainings.csv")).unwrap();
    dir.pantau_env(
        &["report", "site", "--out", "r"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    dir.pantau(&["verify", "r/manifest.json"]).expect_code(0);
    // A file no run wrote, put among the reports by hand; a folder inside
    // is left alone.
    std::fs::write(dir.join("r/site-council-2026-Q1-id.html"), "<p>forged</p>").unwrap();
    std::fs::create_dir_all(dir.join("r/older")).unwrap();
    let run = dir.pantau(&["verify", "r/manifest.json"]).expect_code(3);
    assert!(
        run.stdout().contains(
            "UNKNOWN  site-council-2026-Q1-id.html: in the folder, but no run of the \
             manifest wrote it"
        ) && run
            .stdout()
            .contains("1 file in the folder is not in the manifest"),
        "{}",
        run.stdout()
    );
    std::fs::remove_file(dir.join("r/site-council-2026-Q1-id.html")).unwrap();
    // A name holding a line break is shown on one line; hidden files are
    // left alone.
    std::fs::write(dir.join("r/a\nOK       b.html"), "x").unwrap();
    std::fs::write(dir.join("r/.DS_Store"), "x").unwrap();
    let run = dir.pantau(&["verify", "r/manifest.json"]).expect_code(3);
    assert!(
        run.stdout()
            .contains("UNKNOWN  a\\nOK       b.html: in the folder")
            && !run.stdout().contains("\nOK       b.html")
            && !run.stdout().contains("DS_Store"),
        "{}",
        run.stdout()
    );
    std::fs::remove_file(dir.join("r/a\nOK       b.html")).unwrap();
    dir.pantau(&["verify", "r/manifest.json"]).expect_code(0);
    // Reports written into the site's own folder leave its other files be.
    std::fs::write(dir.join("site/README.md"), "notes").unwrap();
    dir.pantau_env(
        &["report", "site", "--out", "site"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    dir.pantau(&["verify", "site/manifest.json"]).expect_code(0);
    // So do a district's reports written into its folder of villages.
    dir.copy_dir(&fixtures().join("tiny"), "district/tiny");
    dir.copy_dir(&fixtures().join("audit"), "district/audit");
    std::fs::write(dir.join("district/README.md"), "notes").unwrap();
    dir.pantau_env(
        &["report", "district", "--out", "district"],
        &[("SOURCE_DATE_EPOCH", EPOCH_A)],
    )
    .expect_code(0);
    dir.pantau(&["verify", "district/manifest.json"])
        .expect_code(0);
    // A page put there by hand is still listed.
    std::fs::write(dir.join("district/pengumuman.html"), "<p>forged</p>").unwrap();
    let run = dir
        .pantau(&["verify", "district/manifest.json"])
        .expect_code(3);
    assert!(
        run.stdout().contains("UNKNOWN  pengumuman.html"),
        "{}",
        run.stdout()
    );
    let manifest = std::fs::read_to_string(dir.join("r/manifest.json")).unwrap();
    std::fs::create_dir_all(dir.join("bad")).unwrap();
    for (text, says) in [
        ("{\"runs\":[]}".to_string(), "records no run"),
        ("{\"runs\":".to_string(), "not a pantau manifest"),
        (
            manifest.replacen("\"path\": \"site-", "\"path\": \"../../etc/passwd-", 1),
            "not a file of the manifest's folder",
        ),
        (
            manifest.replacen("../site/households.csv", "../../etc/passwd", 1),
            "not a table file",
        ),
    ] {
        std::fs::write(dir.join("bad/manifest.json"), &text).unwrap();
        let run = dir.pantau(&["verify", "bad/manifest.json"]);
        assert_eq!(run.code(), 2, "{says}: {}", run.stdout());
        assert!(run.stderr().contains(says), "{says}: {}", run.stderr());
    }
    // An optional table added after the report.
    std::fs::copy(
        fixtures().join("tiny/trainings.csv"),
        dir.join("site/trainings.csv"),
    )
    .unwrap();
    let run = dir.pantau(&["verify", "r/manifest.json"]).expect_code(3);
    assert!(
        run.stdout().contains("../site/trainings.csv: is there now"),
        "{}",
        run.stdout()
    );
    std::fs::remove_file(dir.join("site/trainings.csv")).unwrap();
    // A second format of a table beside the one read.
    std::fs::write(dir.join("site/households.parquet"), "x").unwrap();
    let run = dir.pantau(&["verify", "r/manifest.json"]).expect_code(3);
    assert!(
        run.stdout()
            .contains("../site/households.parquet: is there now"),
        "{}",
        run.stdout()
    );
}

/// Every output of every command is byte-identical on a rerun under
/// `SOURCE_DATE_EPOCH`: reports, CSV and XLSX exports, notices, the
/// manifest, converted and generated sites.
#[test]
fn every_output_is_byte_identical_on_a_rerun() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("audit"), "site");
    let run_all = |out: &str| {
        let env = [("SOURCE_DATE_EPOCH", EPOCH_A)];
        for audience in ["evaluator", "council", "partner"] {
            dir.pantau_env(
                &["report", "site", "--audience", audience, "--out", out],
                &env,
            )
            .expect_code(0);
        }
        dir.pantau_env(
            &[
                "notice",
                "site",
                "--program",
                "CASH",
                "--period",
                "2026-Q1",
                "--out",
                out,
            ],
            &env,
        )
        .expect_code(0);
        dir.pantau_env(
            &["convert", "site", "--out", &format!("{out}/converted")],
            &env,
        )
        .expect_code(0);
        dir.pantau_env(
            &[
                "generate",
                "--households",
                "60",
                "--seed",
                "3",
                "--out",
                &format!("{out}/generated"),
            ],
            &env,
        )
        .expect_code(0);
    };
    run_all("one");
    run_all("two");
    let under = |root: &str| -> BTreeMap<PathBuf, Vec<u8>> {
        dir.snapshot()
            .into_iter()
            .filter_map(|(p, b)| {
                let rel = p.strip_prefix(dir.path()).ok()?.to_path_buf();
                let rel = rel.strip_prefix(root).ok()?.to_path_buf();
                Some((rel, b))
            })
            .collect()
    };
    let (one, two) = (under("one"), under("two"));
    assert!(one
        .keys()
        .any(|p| p.extension().is_some_and(|e| e == "xlsx")));
    assert!(one.keys().any(|p| p.ends_with("manifest.json")));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(
            two[path] == *bytes,
            "{} differs between runs",
            path.display()
        );
    }
}

/// An output under the name of a file the run reads (a table file that
/// site.toml names like the report's CSV, with --out the site's folder)
/// is refused before anything is written: the input was replaced by the
/// indicator table with exit 0.
#[test]
fn an_output_never_replaces_an_input() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let run = dir
        .pantau(&["report", "site", "--out", "first"])
        .expect_code(0);
    let csv = run
        .stdout()
        .lines()
        .find(|l| l.ends_with(".csv"))
        .and_then(|l| {
            Path::new(l)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
        })
        .expect("a CSV written");
    std::fs::rename(site.join("trainings.csv"), site.join(&csv)).unwrap();
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        format!("{toml}\n[format.trainings]\nfile = \"{csv}\"\n"),
    )
    .unwrap();
    dir.pantau(&["validate", "site"]).expect_code(0);
    let before = dir.snapshot();
    let run = dir
        .pantau(&["report", "site", "--out", "site"])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("is read by this run (the trainings of")
            && run.stderr().contains(&csv),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing may be written");
    dir.pantau(&["validate", "site"]).expect_code(0);
}

/// A recorded file replaced by a pipe, or by a link to a device that never
/// ends, is named as changed: verify read it for ever.
#[cfg(unix)]
#[test]
fn verify_reads_only_plain_files() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "site");
    let run = dir.pantau(&["report", "site", "--out", "r"]).expect_code(0);
    let html = run
        .stdout()
        .lines()
        .find(|l| l.ends_with(".html"))
        .map(PathBuf::from)
        .expect("a page written");
    std::fs::remove_file(dir.join("site/budget.csv")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("site/budget.csv"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let page = dir.join("r").join(html.file_name().expect("a name"));
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &page).unwrap();
    let run = dir.pantau(&["verify", "r/manifest.json"]).expect_code(3);
    let out = run.stdout();
    assert!(
        out.contains("budget.csv: not a plain file") && out.contains(".html: not a plain file"),
        "{out}"
    );
}

/// A long folder name (230 bytes, which a file system allows) gives
/// output names that fit: the council's exports, the notice and the
/// simulation's brief failed with "File name too long".
#[test]
fn a_long_folder_name_gives_names_that_fit() {
    let dir = Dir::new();
    let long = "a".repeat(230);
    dir.copy_dir(&fixtures().join("tiny"), &long);
    for (args, out) in [
        (vec!["report", long.as_str(), "--audience", "council"], "o1"),
        (
            vec![
                "notice",
                long.as_str(),
                "--program",
                "CASH",
                "--period",
                "2026-Q1",
            ],
            "o2",
        ),
        (
            vec![
                "simulate",
                long.as_str(),
                "--program",
                "CASH",
                "--rule",
                "welfare_decile <= 5",
            ],
            "o3",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--out", out]);
        let run = dir.pantau(&args).expect_code(0);
        for entry in std::fs::read_dir(dir.join(out)).expect("written") {
            let name = entry.expect("entry").file_name();
            assert!(name.len() < 120, "{}: {name:?}", run.stderr());
        }
    }
}
