//! Eligibility rules that would give a wrong answer are refused, by every
//! command, with site.toml's line and key: a rule failing on the registry's
//! values, a date that is not a day of the calendar, whole-number
//! arithmetic that could wrap around, and an identification number that
//! every report would show.

use crate::harness::{edit, fixtures, Dir};

/// tests/fixtures/hand with CASH's rule (site.toml line 18) replaced.
fn with_cash_rule(dir: &Dir, rule: &str) -> String {
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    edit(&site.join("site.toml"), |text| {
        text.replace(
            "eligible_when = \"welfare_decile <= 3\"",
            &format!("eligible_when = \"{rule}\""),
        )
    });
    site.display().to_string()
}

/// Each command on the site, with the arguments it needs.
fn commands(site: &str) -> Vec<Vec<String>> {
    let all = [
        vec!["validate", site],
        vec!["indicators", site],
        vec!["report", site, "--out", "out"],
        vec!["simulate", site, "--program", "CASH"],
        vec!["simulate", site, "--program", "FOOD"],
        vec!["explain", site, "--household", "H1", "--period", "2026-Q2"],
        vec![
            "notice",
            site,
            "--program",
            "CASH",
            "--period",
            "2026-Q2",
            "--out",
            "notice",
        ],
    ];
    all.iter()
        .map(|args| args.iter().map(|a| a.to_string()).collect())
        .collect()
}

/// Pins the exit code 1 (a rule casting a name to a number) and the exit
/// code 0 with nobody eligible (an impossible date) or with a wrapped
/// product (true for odd households only) of every command.
#[test]
fn every_command_refuses_a_rule_that_would_fail_or_answer_wrongly() {
    for (rule, says) in [
        (
            "CAST(head_name AS INT) > 0",
            "cannot be evaluated on the registry's households: conversion from `str` to `i32` \
             failed in column 'head_name'",
        ),
        (
            "registered_on < DATE '2025-02-30'",
            "DATE '2025-02-30', which is not a day of the calendar",
        ),
        (
            "registered_on < DATE '2025-13-01'",
            "DATE '2025-13-01', which is not a day of the calendar",
        ),
        (
            "members * 999999999999999 * 99999 > 0",
            "computes ((members * 999999999999999) * 99999), which can reach",
        ),
        (
            "members + elderly*999999999999999*99999 < 0",
            "computes ((elderly * 999999999999999) * 99999), which can reach",
        ),
        // A bound computed from the rule's numbers that is the registry's
        // NIK 3173050101800001 is shown as a power of ten.
        (
            "(rt * 9200000 * 1000000000 - (rt - rt + 15226949) * 1000000000 - 898199999 + \
             998000000000) + (rt * 9200000 * 1000000000) > 0",
            "which can reach 3.1 × 10^15 to",
        ),
        // An operation or a type the engine is built without stopped the
        // run with a panic; a date read as a number may wrap around.
        (
            "CAST(members AS TINYINT) IN (CAST(1 AS TINYINT), CAST(2 AS TINYINT))",
            "uses an operation the engine cannot do on the types it is given",
        ),
        (
            "CAST(members AS UHUGEINT) > 0",
            "casts to UHUGEINT (u128), a type pantau does not compute with",
        ),
        (
            "CAST(registered_on AS SMALLINT) > 0",
            "a date or span of time cast to a number",
        ),
        // 16 digits in a row cannot be shown in a report, whatever they
        // mean: refused before the arithmetic, which would refuse it too.
        (
            "members * 9223372036854775807 > 0",
            "eligible_when quotes an identification number",
        ),
        // Every report shows the rule: a head NIK in it, whole or in
        // groups, would have each refused by the privacy gate.
        (
            "head_nik <> '3173050101800001' AND welfare_decile <= 3",
            "eligible_when quotes an identification number",
        ),
        (
            "head_nik NOT IN ('3173 0501 0180 0001') AND welfare_decile <= 3",
            "eligible_when quotes an identification number",
        ),
        (
            "head_name <> '3173050' || '1018' || '00001' AND welfare_decile <= 3",
            "eligible_when quotes an identification number",
        ),
    ] {
        let dir = Dir::new();
        let site = with_cash_rule(&dir, rule);
        for args in commands(&site) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = dir.pantau(&args);
            let out = format!("{}{}", run.stdout(), run.stderr());
            assert_eq!(run.code(), 2, "{rule}: {args:?}\n{out}");
            assert!(!out.contains("internal error"), "{rule}: {args:?}\n{out}");
            assert!(
                out.contains("site.toml:18: column eligible_when")
                    && out.contains("program CASH: eligible_when")
                    && out.contains(says),
                "{rule}: {args:?}\n{out}"
            );
            // No registry value is quoted, a name least of all, and no
            // identification number in full.
            assert!(!out.contains("Budi"), "{rule}: {args:?}\n{out}");
            assert!(
                !out.contains("3173050101800001") && !out.contains("0180 0001"),
                "{rule}: {args:?}\n{out}"
            );
        }
        assert!(!dir.join("out").exists() && !dir.join("notice").exists());
    }
}

/// A rule quoting a household id of the registry (here of ten digits) is
/// refused like one quoting a NIK; a large number that is no identifier
/// is not.
#[test]
fn a_rule_quoting_a_household_id_is_refused() {
    let dir = Dir::new();
    let site = with_cash_rule(&dir, "household_id <> '3173050101' AND welfare_decile <= 3");
    for file in [
        "households.csv",
        "distributions.csv",
        "surveys.csv",
        "trainings.csv",
    ] {
        edit(&std::path::Path::new(&site).join(file), |text| {
            text.replace("H1,", "3173050101,")
        });
    }
    let run = dir.pantau(&["validate", &site]).expect_code(2);
    assert!(
        run.stdout()
            .contains("program CASH: eligible_when quotes an identification number"),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout().contains("3173050101'"), "{}", run.stdout());
    edit(&std::path::Path::new(&site).join("site.toml"), |text| {
        text.replace(
            "household_id <> '3173050101' AND welfare_decile <= 3",
            "members < 100000000 AND welfare_decile <= 3",
        )
    });
    dir.pantau(&["validate", &site]).expect_code(0);
}

#[test]
fn a_proposed_rule_is_refused_like_a_program_rule() {
    let dir = Dir::new();
    let site = fixtures().join("hand").display().to_string();
    for (rule, says) in [
        (
            "CAST(head_name AS INT) > 0",
            "--rule (rule 1): `CAST(head_name AS INT) > 0` cannot be evaluated on the registry's \
             households",
        ),
        (
            "registered_on < DATE '2025-02-30'",
            "DATE '2025-02-30', which is not a day of the calendar",
        ),
        (
            "welfare_decile <= NULL",
            "compares welfare_decile with NULL",
        ),
        ("members % 0 = 1", "divides by zero"),
        ("CAST(members AS UINTEGER) - 5 > 0", "can reach -4 to 95"),
    ] {
        let run = dir
            .pantau(&["simulate", &site, "--program", "CASH", "--rule", rule])
            .expect_code(2);
        assert!(run.stderr().contains(says), "{rule}: {}", run.stderr());
        assert!(!run.stderr().contains("Budi"), "{}", run.stderr());
    }
    // Arithmetic within the contract's ranges is kept.
    dir.pantau(&[
        "simulate",
        &site,
        "--program",
        "CASH",
        "--rule",
        "members * 100000000000000 + elderly > 0",
    ])
    .expect_code(0);
}
