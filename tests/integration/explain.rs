//! `pantau explain` worked out by hand on the hand-made sites
//! (tests/fixtures/hand and tests/fixtures/audit): each program's answer and
//! clauses, the smallest change that would make a household eligible,
//! deliveries against entitlement, the flags that involve it, and no full
//! identification number anywhere.

use serde_json::Value;

use crate::harness::{edit, fixtures, page_text, Dir};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1790000000");

fn explain(dir: &Dir, site: &str, household: &str, period: &str, extra: &[&str]) -> Value {
    let site = fixtures().join(site).display().to_string();
    let mut args = vec![
        "explain",
        &site,
        "--household",
        household,
        "--period",
        period,
        "--lang",
        "en",
        "--format",
        "json",
    ];
    args.extend(extra);
    dir.pantau_env(&args, &[EPOCH]).expect_code(0).json()
}

fn answer<'a>(e: &'a Value, program: &str) -> &'a Value {
    e["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["program"] == program)
        .unwrap_or_else(|| panic!("no answer for {program}"))
}

fn outcomes(a: &Value) -> Vec<(String, String, String)> {
    a["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap().to_string(),
                c["value"].as_str().unwrap_or("").to_string(),
                c["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_household_just_above_the_cash_rule_is_told_which_value_would_change_it() {
    let dir = Dir::new();
    // H4: welfare decile 4, 3 members, active since 2020.
    let e = explain(&dir, "hand", "H4", "2026-Q1", &[]);
    let cash = answer(&e, "CASH");
    assert_eq!(cash["eligible"], false);
    assert_eq!(cash["active"], true);
    assert_eq!(
        outcomes(cash),
        [("welfare decile 1–3".into(), "4".into(), "no".into())]
    );
    assert_eq!(
        cash["changes"],
        serde_json::json!(["Would be eligible if welfare decile were 3 or lower (now 4)."])
    );
    let food = answer(&e, "FOOD");
    assert_eq!(food["eligible"], true);
    assert_eq!(food["changes"], serde_json::json!([]));
    assert_eq!(
        outcomes(food),
        [
            ("all of the following".into(), "".into(), "yes".into()),
            ("welfare decile 1–4".into(), "4".into(), "yes".into()),
            (
                "household members at least 3".into(),
                "3".into(),
                "yes".into()
            ),
        ]
    );
    // D08 and D09: 2 × Rp 200,000 in the quarter, against 3 × Rp 200,000.
    // The training program has no ledger and is not listed.
    let received = e["received"].as_array().unwrap();
    assert_eq!(received.len(), 1, "{received:?}");
    assert_eq!(received[0]["quarter"], "2026-Q1");
    assert_eq!(received[0]["program"], "FOOD");
    assert_eq!(received[0]["delivered"], "Rp 400,000");
    assert_eq!(received[0]["entitlement"], "Rp 600,000");
    let ids: Vec<&str> = received[0]["deliveries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["distribution_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["D08", "D09"]);
    assert_eq!(
        received[0]["deliveries"][0]["source"],
        "distributions.csv line 9"
    );
    // Posted 2026-09-21 (SOURCE_DATE_EPOCH, Asia/Jakarta) + 14 days.
    assert!(
        e["objection"].as_str().unwrap().contains("5 October 2026"),
        "{}",
        e["objection"]
    );
}

#[test]
fn a_household_that_moved_is_not_active_and_its_earlier_entitlement_stays() {
    let dir = Dir::new();
    // H3: decile 3, moved on 2026-02-15: active in Q1, not in Q2.
    let e = explain(&dir, "hand", "H3", "2026-Q2", &[]);
    for a in e["answers"].as_array().unwrap() {
        assert_eq!(a["active"], false, "{a}");
        assert_eq!(a["eligible"], false, "{a}");
        let verdict = a["verdict"].as_str().unwrap();
        assert!(
            verdict.contains("not active") && verdict.contains("moved away since 15 February 2026"),
            "{verdict}"
        );
        assert_eq!(
            a["changes"],
            serde_json::json!([]),
            "no change in a rule input helps"
        );
    }
    // D10 failed: nothing delivered in Q1 against 3 × Rp 300,000; FOOD
    // (decile 3, 5 members) was due too and nothing came; no Q2 line.
    let received = e["received"].as_array().unwrap();
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[0]["quarter"], "2026-Q1");
    assert_eq!(received[0]["program"], "CASH");
    assert_eq!(received[0]["delivered"], "Rp 0");
    assert_eq!(received[0]["entitlement"], "Rp 900,000");
    assert_eq!(received[0]["deliveries"][0]["status"], "failed");
    assert_eq!(received[1]["quarter"], "2026-Q1");
    assert_eq!(received[1]["program"], "FOOD");
    assert_eq!(received[1]["delivered"], "Rp 0");
    assert_eq!(received[1]["entitlement"], "Rp 600,000");
    assert_eq!(received[1]["deliveries"], serde_json::json!([]));
}

#[test]
fn a_payment_outside_the_rule_is_listed_with_its_line() {
    let dir = Dir::new();
    // H2: decile 2, one member: not eligible for FOOD, yet D20 paid it in Q2.
    let e = explain(&dir, "hand", "H2", "2026-Q2", &[]);
    let food = answer(&e, "FOOD");
    assert_eq!(food["eligible"], false);
    assert_eq!(
        food["changes"],
        serde_json::json!(["Would be eligible if household members were 3 or higher (now 1)."])
    );
    let flags = e["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["flag"], "Payment to an ineligible household");
    assert_eq!(flags[0]["period"], "2026-Q2");
    assert_eq!(flags[0]["program"], "FOOD");
    assert_eq!(flags[0]["amount"], "Rp 200,000");
    assert_eq!(flags[0]["source"], "distributions.csv line 21");
}

#[test]
fn a_shared_nik_names_the_other_household_by_masked_id_only() {
    let dir = Dir::new();
    let site = fixtures().join("audit").display().to_string();
    let run = dir
        .pantau_env(
            &[
                "explain",
                &site,
                "--household",
                "3173050101000002",
                "--period",
                "2026-Q1",
                "--lang",
                "en",
                "--out",
                "letters",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    let text = run.stdout();
    assert!(
        text.contains("other households: 317305**********"),
        "{text}"
    );
    let letter = dir.join("letters/explain-317305xxxxxxxxxx-L3-2026-Q1-en.html");
    let html = std::fs::read_to_string(&letter).unwrap();
    let manifest = std::fs::read_to_string(dir.join("letters/manifest.json")).unwrap();
    for shown in [&text, &html, &manifest] {
        for full in ["3173050101000001", "3173050101000002", "3173050101800011"] {
            assert!(!shown.contains(full), "{full} shown");
        }
    }
    let page = page_text(&html);
    assert!(page.contains("Integrity flags"), "{page}");
    assert!(page.contains("Kotak pengaduan di kantor desa"), "{page}");
    // What the two households received by the end of 2026-Q1 (D1-D4 and
    // D9), not the 1,700,000 of the whole ledger (D11 is in 2026-Q2).
    let e = explain(&dir, "audit", "3173050101000002", "2026-Q1", &[]);
    let flags = e["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0]["amount"], "Rp 1,400,000");
    let e = explain(&dir, "audit", "3173050101000002", "2026-Q2", &[]);
    assert_eq!(e["flags"][0]["amount"], "Rp 1,700,000");
}

#[test]
fn an_unknown_household_is_refused_and_nothing_is_written() {
    let dir = Dir::new();
    let site = fixtures().join("hand").display().to_string();
    let run = dir
        .pantau(&["explain", &site, "--household", "H99", "--out", "letters"])
        .expect_code(2);
    assert!(run.stderr().contains("households.csv"), "{}", run.stderr());
    assert!(!dir.join("letters").exists());
}

#[test]
fn the_letter_speaks_indonesian_by_default() {
    let dir = Dir::new();
    let site = fixtures().join("hand").display().to_string();
    let run = dir
        .pantau_env(
            &["explain", &site, "--household", "H4", "--period", "2026-Q1"],
            &[EPOCH],
        )
        .expect_code(0);
    let text = run.stdout();
    assert!(
        text.contains("Akan memenuhi syarat bila desil kesejahteraan 3 atau kurang (sekarang 4)."),
        "{text}"
    );
    assert!(
        text.contains("Tidak memenuhi syarat pada Triwulan I"),
        "{text}"
    );
}

/// The hand site copied, its training program SKILL given `rule`.
fn hand_with_skill_rule(dir: &Dir, rule: &str) -> String {
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    edit(&site.join("site.toml"), |toml| {
        let changed = toml.replace(
            "eligible_when = \"welfare_decile <= 5\"",
            &format!("eligible_when = \"{rule}\""),
        );
        assert_ne!(changed, toml);
        changed
    });
    site.display().to_string()
}

#[test]
fn rules_on_dates_and_identifiers_are_explained_without_showing_an_identifier() {
    let dir = Dir::new();
    let site = hand_with_skill_rule(&dir, "status_changed_on IS NULL AND head_nik IS NOT NULL");
    // H4: never moved, and has a head NIK: eligible, both clauses met.
    let run = dir
        .pantau(&[
            "explain",
            &site,
            "--household",
            "H4",
            "--period",
            "2026-Q1",
            "--lang",
            "en",
            "--format",
            "json",
        ])
        .expect_code(0);
    let skill = answer(&run.json(), "SKILL").clone();
    assert_eq!(skill["eligible"], true);
    let clauses = outcomes(&skill);
    assert_eq!(clauses[1].2, "yes", "{clauses:?}");
    assert_eq!(
        clauses[2],
        (
            "head NIK filled in".into(),
            "317305**********".into(),
            "yes".into()
        )
    );
    assert!(!run.stdout().contains("3173050303900003"));
    // H3 moved on 15 February 2026: the date clause is not met.
    let e = dir
        .pantau(&[
            "explain",
            &site,
            "--household",
            "H3",
            "--period",
            "2026-Q1",
            "--lang",
            "en",
            "--format",
            "json",
        ])
        .expect_code(0)
        .json();
    let skill = answer(&e, "SKILL");
    assert_eq!(skill["eligible"], false);
    assert_eq!(outcomes(skill)[1].2, "no");
}

#[test]
fn a_change_never_breaks_the_registry_rules() {
    let dir = Dir::new();
    let site = hand_with_skill_rule(&dir, "members <= 2");
    // H6: 6 members of whom 4 children: fewer than 4 members is impossible.
    let e = dir
        .pantau(&[
            "explain",
            &site,
            "--household",
            "H6",
            "--period",
            "2026-Q1",
            "--lang",
            "en",
            "--format",
            "json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(
        answer(&e, "SKILL")["changes"],
        serde_json::json!(["No change in a single value would make it eligible."])
    );
}

#[test]
fn an_out_folder_that_cannot_be_made_is_refused_before_any_work() {
    let dir = Dir::new();
    std::fs::write(dir.join("afile"), "x").unwrap();
    let site = fixtures().join("hand").display().to_string();
    let run = dir
        .pantau(&["explain", &site, "--household", "H4", "--out", "afile/sub"])
        .expect_code(2);
    assert!(
        run.stderr().contains("afile is not a folder"),
        "{}",
        run.stderr()
    );
}

/// The hand site with feedback naming households: H4 has a resolved and two
/// open complaints, H2 one open complaint, H1 an open question; one open
/// complaint is anonymous and one names a household the registry lacks.
fn hand_with_named_feedback(dir: &Dir) -> String {
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    std::fs::write(
        site.join("feedback.csv"),
        "feedback_id,received_on,rw,rt,channel,category,topic,resolved_on,household_id\n\
         F1,2026-01-05,1,2,meeting,complaint,targeting,2026-01-12,H4\n\
         F2,2026-02-11,,,box,complaint,amount,,\n\
         F3,2026-02-15,1,2,phone,complaint,targeting,,H4\n\
         F4,2026-03-02,1,1,meeting,question,registration,,H1\n\
         F5,2026-03-09,2,1,box,complaint,delay,,H99\n\
         F6,2026-04-02,1,1,meeting,complaint,delay,,H2\n\
         F7,2026-04-03,1,2,phone,complaint,amount,,H4\n",
    )
    .unwrap();
    site.display().to_string()
}

#[test]
fn a_feedback_item_naming_an_unknown_household_is_a_located_warning() {
    let dir = Dir::new();
    let site = hand_with_named_feedback(&dir);
    let run = dir.pantau(&["validate", &site]).expect_code(0);
    let out = run.stdout();
    let line = out
        .lines()
        .find(|l| l.contains("unknown-household"))
        .unwrap_or_else(|| panic!("{out}"));
    // F5 is the sixth line of feedback.csv.
    assert!(
        line.contains("feedback.csv") && line.contains("6") && line.contains("household_id"),
        "{line}"
    );
    assert!(out.contains("\"H99\""), "{out}");
    // The item still counts: 7 received, 1 resolved.
    let csv = dir.pantau(&["indicators", &site]).expect_code(0).stdout();
    assert!(
        csv.lines()
            .any(|l| l == "feedback_count,all,all,,,7,,7,,,feedback"),
        "{csv}"
    );
}

#[test]
fn open_complaints_get_one_letter_per_household_and_a_summary() {
    let dir = Dir::new();
    let site = hand_with_named_feedback(&dir);
    let run = dir
        .pantau_env(
            &[
                "explain",
                &site,
                "--feedback",
                "complaint",
                "--period",
                "2026-Q1",
                "--lang",
                "en",
                "--format",
                "json",
                "--out",
                "letters",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    // One JSON document on stdout; the files written on stderr.
    let summary: Value = run.json();
    assert_eq!(summary["quarter"], "2026-Q1");
    assert_eq!(summary["open_items"], 5);
    assert_eq!(summary["letters"], 2);
    assert_eq!(summary["items_without_letter"], 2);
    let err = run.stderr();
    let paths: Vec<&str> = err.lines().filter(|l| l.starts_with("letters/")).collect();
    let rows = summary["items"].as_array().unwrap();
    // Open complaints only, oldest first: F1 is resolved, F4 a question.
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["feedback_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["F2", "F3", "F5", "F6", "F7"]);
    let letter = |i: usize| rows[i]["letter"].as_str().map(str::to_string);
    assert_eq!(letter(0), None);
    assert_eq!(rows[0]["answer"], "No household named: no letter.");
    assert_eq!(letter(2), None);
    assert_eq!(
        rows[2]["answer"],
        "The household is not in households.csv (or its row was rejected): no letter."
    );
    assert_eq!(rows[2]["household"], "H99");
    // H4 (decile 4, 3 members) and H2 (decile 2, alone), by hand from the
    // rules CASH decile <= 3, FOOD decile <= 4 and members >= 3, SKILL
    // decile <= 5.
    assert_eq!(
        rows[1]["answer"],
        "Eligible: FOOD, SKILL. Not eligible: CASH."
    );
    assert_eq!(
        rows[3]["answer"],
        "Eligible: CASH, SKILL. Not eligible: FOOD."
    );
    assert_eq!(rows[1]["head_name"], "Dewi Lestari");
    // One letter per household: F3 and F7 share H4's.
    assert_eq!(letter(1), letter(4));
    assert_ne!(letter(1), letter(3));
    assert_eq!(rows[1]["status"], "not yet resolved");
    assert_eq!(rows[1]["received_on"], "2026-02-15");

    // Two letters and the summary, each printed once, and the manifest.
    assert_eq!(paths.len(), 3, "{err}");
    let mut written: Vec<String> = std::fs::read_dir(dir.join("letters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    written.sort();
    let mut expected = vec![
        letter(1).unwrap(),
        letter(3).unwrap(),
        "feedback-complaint-2026-Q1-en.html".to_string(),
        "manifest.json".to_string(),
    ];
    expected.sort();
    assert_eq!(written, expected);

    // H4's letter lists all its feedback, resolved or not.
    let h4 =
        page_text(&std::fs::read_to_string(dir.join("letters").join(letter(1).unwrap())).unwrap());
    assert!(h4.contains("Feedback from this household"), "{h4}");
    assert!(h4.contains("resolved on 12 January 2026"), "{h4}");
    for id in ["F1", "F3", "F7"] {
        assert!(h4.contains(id), "{id}: {h4}");
    }
    assert!(!h4.contains("F6") && !h4.contains("F4"), "{h4}");
    let summary = page_text(
        &std::fs::read_to_string(dir.join("letters/feedback-complaint-2026-Q1-en.html")).unwrap(),
    );
    assert!(
        summary.contains("Unresolved items (no resolution date): 5. Letters written: 2, one per household. Items without a letter: 2;"),
        "{summary}"
    );
}

#[test]
fn the_feedback_batch_needs_an_out_folder_and_a_feedback_table() {
    let dir = Dir::new();
    let site = hand_with_named_feedback(&dir);
    let run = dir
        .pantau(&["explain", &site, "--feedback", "complaint"])
        .expect_code(2);
    assert!(run.stderr().contains("--out"), "{}", run.stderr());
    dir.pantau(&[
        "explain",
        &site,
        "--feedback",
        "complaint",
        "--household",
        "H4",
        "--out",
        "x",
    ])
    .expect_code(2);
    std::fs::remove_file(std::path::Path::new(&site).join("feedback.csv")).unwrap();
    let run = dir
        .pantau(&[
            "explain",
            &site,
            "--feedback",
            "complaint",
            "--out",
            "letters",
        ])
        .expect_code(2);
    assert!(
        run.stderr().contains("feedback.csv is missing"),
        "{}",
        run.stderr()
    );
    assert!(!dir.join("letters").exists());
}

#[test]
fn a_rerun_keeps_earlier_letters_checkable_and_never_replaces_a_foreign_manifest() {
    let dir = Dir::new();
    let site = hand_with_named_feedback(&dir);
    let batch = |out: &str| {
        dir.pantau_env(
            &[
                "explain",
                &site,
                "--feedback",
                "complaint",
                "--period",
                "2026-Q1",
                "--out",
                out,
            ],
            &[EPOCH],
        )
    };
    batch("letters").expect_code(0);
    let h4 = "explain-H4-L5-2026-Q1-id.html";
    assert!(dir.join("letters").join(h4).exists());
    // H4's complaints are resolved: the rerun writes no letter for it, and
    // its earlier letter stays in the manifest, where verify finds that
    // the feedback it was made from has changed.
    let feedback = std::path::Path::new(&site).join("feedback.csv");
    let text = std::fs::read_to_string(&feedback).unwrap();
    let text = text
        .replace(
            "F3,2026-02-15,1,2,phone,complaint,targeting,,H4",
            "F3,2026-02-15,1,2,phone,complaint,targeting,2026-02-20,H4",
        )
        .replace(
            "F7,2026-04-03,1,2,phone,complaint,amount,,H4",
            "F7,2026-04-03,1,2,phone,complaint,amount,2026-04-05,H4",
        );
    std::fs::write(&feedback, text).unwrap();
    let run = batch("letters").expect_code(0);
    assert!(!run.stdout().contains(h4), "{}", run.stdout());
    let manifest = std::fs::read_to_string(dir.join("letters/manifest.json")).unwrap();
    assert!(manifest.contains(h4), "{manifest}");
    let verify = dir
        .pantau(&["verify", "letters/manifest.json"])
        .expect_code(3);
    assert!(
        verify.stdout().contains("feedback.csv: changed"),
        "{}",
        verify.stdout()
    );

    // A manifest.json that pantau did not write is refused, not replaced,
    // and nothing is written beside it; so is a manifest recording no run,
    // and one naming a file outside its folder (which verify refuses). A
    // link named manifest.json is refused too (below).
    std::fs::create_dir_all(dir.join("mine")).unwrap();
    for text in [
        "{\"mine\": 1}\n".to_string(),
        "{\"runs\": []}\n".to_string(),
        std::fs::read_to_string(dir.join("letters/manifest.json"))
            .unwrap()
            .replacen("\"path\": \"explain-", "\"path\": \"../../explain-", 1),
    ] {
        std::fs::write(dir.join("mine/manifest.json"), &text).unwrap();
        let run = batch("mine").expect_code(2);
        assert!(
            run.stderr().contains("not a manifest written by pantau"),
            "{}",
            run.stderr()
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("mine/manifest.json")).unwrap(),
            text
        );
        assert_eq!(std::fs::read_dir(dir.join("mine")).unwrap().count(), 1);
    }
    std::fs::create_dir_all(dir.join("linked")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("../letters/manifest.json", dir.join("linked/manifest.json"))
            .unwrap();
        let run = batch("linked").expect_code(2);
        assert!(run.stderr().contains("is a link"), "{}", run.stderr());
        assert!(std::fs::symlink_metadata(dir.join("linked/manifest.json"))
            .unwrap()
            .file_type()
            .is_symlink());
    }

    // A folder where a letter would go: exit 2, nothing written.
    std::fs::create_dir_all(dir.join("taken").join("explain-H2-L3-2026-Q1-id.html")).unwrap();
    let run = batch("taken").expect_code(2);
    assert!(
        run.stderr().contains("a folder has the file's name"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read_dir(dir.join("taken")).unwrap().count(), 1);
}

#[test]
fn the_summary_says_a_household_that_moved_was_not_active() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    // H3 moved on 2026-02-15; nothing is open in another category.
    std::fs::write(
        site.join("feedback.csv"),
        "feedback_id,received_on,rw,rt,channel,category,topic,resolved_on,household_id\n\
         F1,2026-05-05,1,2,meeting,complaint,targeting,,H3\n",
    )
    .unwrap();
    let site = site.display().to_string();
    let run = dir
        .pantau_env(
            &[
                "explain",
                &site,
                "--feedback",
                "complaint",
                "--period",
                "2026-Q2",
                "--lang",
                "en",
                "--out",
                "l",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    assert!(
        run.stdout().contains("H3 (Agus Wijaya): Not eligible in Quarter 2 (April–June) 2026: the household was not active in this quarter (moved away since 15 February 2026)."),
        "{}",
        run.stdout()
    );
    let run = dir
        .pantau_env(
            &[
                "explain",
                &site,
                "--feedback",
                "question",
                "--lang",
                "en",
                "--out",
                "q",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    let summary = std::fs::read_dir(dir.join("q"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("feedback-question"))
        .unwrap();
    let page = page_text(&std::fs::read_to_string(summary).unwrap());
    assert_eq!(
        page.matches("There is no unresolved item of this category.")
            .count(),
        1,
        "{page}"
    );
    assert!(
        run.stdout().contains("There is no unresolved item"),
        "{}",
        run.stdout()
    );
}
