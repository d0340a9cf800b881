//! `pantau simulate` worked out by hand on tests/fixtures/hand in 2026-Q2:
//! active households H1, H2, H4, H5, H6, H7 (H3 moved in February, H8 died
//! in 2025); latest survey round 2026-Q2 with incomes per member H1 650,000,
//! H2 500,000, H4 800,000, H5 900,000, H6 1,466,667, H7 300,000 against a
//! poverty line of 1,000,000: all poor but H6 (5 of 6). CASH pays 300,000 a
//! month; its budget line for 2026-Q2 plans 2,700,000.

use std::collections::BTreeMap;

use crate::harness::{fixtures, sample, Dir};

/// (option, measure, group) → value, from the CSV output.
fn simulate(dir: &Dir, site: &str, extra: &[&str]) -> BTreeMap<(String, String, String), String> {
    let mut args = vec!["simulate", site, "--format", "csv"];
    args.extend(extra);
    let out = dir.pantau(&args).expect_code(0).stdout();
    let mut rows = BTreeMap::new();
    for line in out.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let n = cells.len();
        rows.insert(
            (
                cells[0].to_string(),
                cells[n - 3].to_string(),
                cells[n - 2].to_string(),
            ),
            cells[n - 1].to_string(),
        );
    }
    rows
}

fn value(rows: &BTreeMap<(String, String, String), String>, option: &str, measure: &str) -> f64 {
    group(rows, option, measure, "")
}

fn group(
    rows: &BTreeMap<(String, String, String), String>,
    option: &str,
    measure: &str,
    g: &str,
) -> f64 {
    let v = &rows[&(option.to_string(), measure.to_string(), g.to_string())];
    v.parse()
        .unwrap_or_else(|_| panic!("{option} {measure} {g}: {v:?}"))
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() < 1e-9, "{what}: {a} against {b}");
}

fn hand() -> String {
    fixtures().join("hand").display().to_string()
}

#[test]
fn the_current_rule_and_a_wider_one_under_the_budget_line() {
    let dir = Dir::new();
    let site = hand();
    let rows = simulate(
        &dir,
        &site,
        &[
            "--program",
            "CASH",
            "--period",
            "2026-Q2",
            "--rule",
            "welfare_decile <= 5",
        ],
    );
    // Current rule (decile <= 3): H1, H2, H7.
    close(value(&rows, "current", "eligible"), 3.0, "eligible");
    close(value(&rows, "current", "cost-quarter"), 2_700_000.0, "cost");
    close(value(&rows, "current", "cost-year"), 10_800_000.0, "cost");
    close(value(&rows, "current", "served"), 3.0, "served");
    close(
        value(&rows, "current", "poor-coverage"),
        3.0 / 5.0,
        "poor coverage",
    );
    close(value(&rows, "current", "non-poor-share"), 0.0, "non-poor");
    // Deciles 1, 2, 2: all four bottom deciles, 1 / 0.4.
    close(value(&rows, "current", "cgh"), 2.5, "cgh");
    close(
        group(&rows, "current", "incidence", "2"),
        2.0 / 3.0,
        "incidence",
    );
    close(
        value(&rows, "current", "headcount-before"),
        5.0 / 6.0,
        "headcount",
    );
    close(
        value(&rows, "current", "headcount-after"),
        5.0 / 6.0,
        "headcount",
    );
    // Gaps 0.35 + 0.5 + 0.2 + 0.1 + 0 + 0.7 = 1.85; after 300,000 more to
    // H1 (0.275), H2 (0.2), H7 (0.6): 1.375.
    close(value(&rows, "current", "gap-before"), 1.85 / 6.0, "gap");
    close(value(&rows, "current", "gap-after"), 1.375 / 6.0, "gap");
    close(value(&rows, "current", "lifted"), 0.0, "lifted");
    close(
        value(&rows, "current", "cost-per-gap-point"),
        10_800_000.0 / ((1.85 - 1.375) / 6.0 * 100.0),
        "cost per point",
    );
    // Overlap: H1 and H7 are also FOOD-eligible; all three SKILL-eligible.
    close(group(&rows, "current", "overlap", "FOOD"), 2.0, "overlap");
    close(group(&rows, "current", "overlap", "SKILL"), 3.0, "overlap");
    // Decile <= 5 adds H4 (RW 1) and H5 (RW 2); 4,500,000 a quarter against
    // 2,700,000: three served (deciles 1, 2, 2), two left out.
    close(value(&rows, "rule 1", "eligible"), 5.0, "eligible");
    close(value(&rows, "rule 1", "cost-quarter"), 4_500_000.0, "cost");
    close(value(&rows, "rule 1", "served"), 3.0, "served");
    close(value(&rows, "rule 1", "left-out"), 2.0, "left out");
    close(group(&rows, "rule 1", "gaining", "1"), 1.0, "RW 1");
    close(group(&rows, "rule 1", "gaining", "2"), 1.0, "RW 2");
    close(group(&rows, "rule 1", "losing", "2"), 0.0, "RW 2");
    // The same three households are served: nobody starts or stops.
    close(
        value(&rows, "rule 1", "served-gaining"),
        0.0,
        "served gaining",
    );
    close(
        value(&rows, "rule 1", "served-losing"),
        0.0,
        "served losing",
    );
}

#[test]
fn a_budget_for_everyone_lifts_a_household() {
    let dir = Dir::new();
    let site = hand();
    let rows = simulate(
        &dir,
        &site,
        &[
            "--program",
            "CASH",
            "--period",
            "2026-Q2",
            "--rule",
            "welfare_decile <= 5",
            "--budget",
            "4500000",
        ],
    );
    close(value(&rows, "rule 1", "served"), 5.0, "served");
    close(
        value(&rows, "rule 1", "poor-coverage"),
        1.0,
        "poor coverage",
    );
    // Deciles 1, 2, 2, 4, 5: four of five in the bottom four.
    close(value(&rows, "rule 1", "cgh"), 4.0 / 5.0 / 0.4, "cgh");
    close(group(&rows, "rule 1", "incidence", "5"), 0.2, "incidence");
    // H5: 1,800,000 + 300,000 for two members reaches the line.
    close(value(&rows, "rule 1", "lifted"), 1.0, "lifted");
    close(
        value(&rows, "rule 1", "headcount-after"),
        4.0 / 6.0,
        "headcount",
    );
    close(value(&rows, "rule 1", "gap-after"), 1.175 / 6.0, "gap");
    close(
        value(&rows, "rule 1", "cost-per-lifted"),
        18_000_000.0,
        "per lifted",
    );
    close(
        value(&rows, "rule 1", "cost-per-gap-point"),
        18_000_000.0 / ((1.85 - 1.175) / 6.0 * 100.0),
        "per point",
    );
}

#[test]
fn a_short_budget_serves_the_lowest_decile_then_the_lowest_income_first() {
    let dir = Dir::new();
    let site = hand();
    // Two households a quarter: H1 (decile 1), then of H2 and H7 (decile 2)
    // H7, whose 300,000 per member is below H2's 500,000.
    let rows = simulate(
        &dir,
        &site,
        &[
            "--program",
            "CASH",
            "--period",
            "2026-Q2",
            "--budget",
            "1800000",
        ],
    );
    close(value(&rows, "current", "served"), 2.0, "served");
    // Decile 2 alone serves H7 and H2: H2 starts, H1 stops.
    let rows2 = simulate(
        &dir,
        &site,
        &[
            "--program",
            "CASH",
            "--period",
            "2026-Q2",
            "--budget",
            "1800000",
            "--rule",
            "welfare_decile = 2",
        ],
    );
    close(
        value(&rows2, "rule 1", "served-gaining"),
        1.0,
        "served gaining",
    );
    close(
        value(&rows2, "rule 1", "served-losing"),
        1.0,
        "served losing",
    );
    close(value(&rows, "current", "left-out"), 1.0, "left out");
    // H1 0.275, H2 0.5, H4 0.2, H5 0.1, H6 0, H7 0.6.
    close(value(&rows, "current", "gap-after"), 1.675 / 6.0, "gap");
}

#[test]
fn the_current_rule_counts_the_households_the_coverage_indicator_counts() {
    let dir = Dir::new();
    for (site, program) in [("semanan", "SEMBAKO"), ("duri-selatan", "PANGAN-KELUARGA")] {
        let site = sample(site);
        let rows = simulate(&dir, &site, &["--program", program, "--period", "2026-Q3"]);
        let indicators = dir
            .pantau(&["indicators", &site, "--period", "2026-Q3"])
            .expect_code(0)
            .stdout();
        let prefix = format!("coverage,2026-Q3,{program},,,");
        let line = indicators.lines().find(|l| l.starts_with(&prefix)).unwrap();
        let denominator: f64 = line.split(',').nth(6).unwrap().parse().unwrap();
        close(value(&rows, "current", "eligible"), denominator, program);
    }
}

#[test]
fn a_rule_that_cannot_be_used_is_refused_with_its_text() {
    let dir = Dir::new();
    let site = hand();
    for (rule, says) in [
        ("welfare_decile <=", "`welfare_decile <=` cannot be read"),
        (
            "income <= 5",
            "income is not a column of the household registry",
        ),
    ] {
        let run = dir
            .pantau(&["simulate", &site, "--program", "CASH", "--rule", rule])
            .expect_code(2);
        assert!(run.stderr().contains(says), "{}", run.stderr());
    }
    let run = dir
        .pantau(&["simulate", &site, "--program", "SKILL"])
        .expect_code(2);
    assert!(run.stderr().contains("--amount"), "{}", run.stderr());
    // Not a condition; an amount no household is paid.
    for (args, says) in [
        (
            vec!["--rule", "welfare_decile"],
            "is not a condition that is true or false",
        ),
        (
            vec!["--amount", "9223372036854775807"],
            "at most 10000000000 rupiah",
        ),
        (
            vec!["--budget", "9223372036854775807"],
            "at most 1000000000000 rupiah",
        ),
    ] {
        let mut all = vec!["simulate", &site, "--program", "CASH", "--out", "never"];
        all.extend(args);
        let run = dir.pantau(&all).expect_code(2);
        assert!(run.stderr().contains(says), "{}", run.stderr());
        assert!(!dir.join("never").exists());
    }
}

#[test]
fn an_identification_number_in_a_rule_is_shown_masked() {
    let dir = Dir::new();
    let site = hand();
    // A rule may not read head_nik beyond whether it is recorded, the
    // number in it masked.
    let run = dir
        .pantau(&[
            "simulate",
            &site,
            "--program",
            "CASH",
            "--rule",
            "head_nik = '31730501018'",
        ])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("`head_nik = '317305*****'` reads household_id or head_nik"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("31730501018"));
    // Sixteen digits in a row, in groups or in another script, are
    // refused and not shown.
    for rule in [
        "head_name <> '3173050101800001'",
        "head_name <> '3173_0501_0180_0001'",
        "head_name <> '３１７３０５０１０１８０００１１'",
        // The site's own NIK, split by commas or tabs.
        "head_name <> '3173,0501,0180,0001'",
        "head_name <> '3173\t0501\t0180\t0001' AND members > 1",
        // Put together from pieces none of which is a number alone.
        "head_name <> '3173050' || '1018' || '00001'",
        "head_name <> CONCAT('3173', '0501', '0180', '0001')",
    ] {
        let run = dir
            .pantau(&["simulate", &site, "--program", "CASH", "--rule", rule])
            .expect_code(2);
        assert!(
            run.stderr().contains("quotes an identification number")
                && !run.stderr().contains("0180"),
            "{rule}: {}",
            run.stderr()
        );
    }
    // A shorter number (a household id of a site) is shown masked.
    let rule = "head_name <> '31730501018'";
    for format in ["text", "csv", "json"] {
        let out = dir
            .pantau(&[
                "simulate",
                &site,
                "--program",
                "CASH",
                "--period",
                "2026-Q2",
                "--rule",
                rule,
                "--format",
                format,
            ])
            .expect_code(0)
            .stdout();
        assert!(!out.contains("31730501018"), "{format}: {out}");
        assert!(
            out.contains("head_name <> '317305*****'"),
            "{format}: {out}"
        );
    }
    // Nor in the manifest, which records the command.
    dir.pantau(&[
        "simulate",
        &site,
        "--program",
        "CASH",
        "--period",
        "2026-Q2",
        "--rule",
        rule,
        "--out",
        "brief",
    ])
    .expect_code(0);
    let manifest = std::fs::read_to_string(dir.join("brief/manifest.json")).unwrap();
    assert!(!manifest.contains("31730501018"), "{manifest}");
    assert!(manifest.contains("317305*****"), "{manifest}");
}

#[test]
fn the_brief_for_the_meeting_shows_counts_and_no_identifier() {
    let dir = Dir::new();
    let site = fixtures().join("audit").display().to_string();
    let run = dir
        .pantau_env(
            &[
                "simulate",
                &site,
                "--program",
                "CASH",
                "--period",
                "2026-Q1",
                "--rule",
                "welfare_decile <= 6",
                "--lang",
                "en",
                "--out",
                "brief",
            ],
            &[("SOURCE_DATE_EPOCH", "1790000000")],
        )
        .expect_code(0);
    let path = run.stdout().lines().last().unwrap().to_string();
    assert!(path.ends_with("-simulate-cash-2026-Q1-en.html"), "{path}");
    let html = std::fs::read_to_string(dir.path().join(&path)).unwrap();
    let text = crate::harness::page_text(&html);
    // The audit site's households 1 (decile 1), 2 (decile 2), 4 (decile 6)
    // are active in Q1 with household 3 (decile 3, died in February):
    // decile <= 6 adds household 4, in RW 2.
    assert!(text.contains("Current rule"), "{text}");
    assert!(text.contains("Proposal 1"), "{text}");
    assert!(
        text.contains("1 household gains eligibility, 0 lose it"),
        "{text}"
    );
    for full in ["3173050101000004", "3173050101800011"] {
        assert!(!html.contains(full), "{full} in the brief");
    }
    let manifest = std::fs::read_to_string(dir.join("brief/manifest.json")).unwrap();
    assert!(manifest.contains("--rule"), "{manifest}");
}
