//! The edge cases of docs/indicators.md ("Edge cases and how they are
//! counted"), one test each, on a small site worked out by hand, and the
//! promises of the page about the table's shape: the order of the rows is
//! the order of the page's tables, and every edge case the page lists has
//! its test here.
//!
//! The edge site is the tiny test site with:
//! - a program CARE (`disabled >= 1`), for which H003 (disabled 1) is
//!   eligible and H005 (disabled left empty) is not;
//! - H002 (decile 3, CASH) moved on 2026-04-01, the first day of 2026-Q2;
//! - a failed CASH delivery to H001 on 2026-04-10, the only ledger row of
//!   2026-Q2;
//! - a delivered CASH payment of Rp 300,000 to H999, who is not in the
//!   registry, on 2026-01-15;
//! - no expense line for FOOD in 2026-Q1, though FOOD delivered Rp 200,000
//!   to H001 and to H003;
//! - feedback F004 received 2026-03-20 and resolved 2026-04-05.
//!
//! Active in 2026-Q1: H001-H006. Active in 2026-Q2: H001, H002, H004-H006.
//! Eligible for CASH (decile ≤ 3): H001 (2), H002 (3), H005 (1).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::harness::{edit, fixtures, repo, Dir};

/// The edge site, in `dir/site`.
fn edge_site(dir: &Dir) {
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let replace_once = |file: &str, find: &str, replace: &str| {
        edit(&site.join(file), |text| {
            assert_eq!(text.matches(find).count(), 1, "{file}: {find}");
            text.replacen(find, replace, 1)
        });
    };
    let append = |file: &str, lines: &str| edit(&site.join(file), |text| format!("{text}{lines}"));
    append(
        "site.toml",
        "\n[[program]]\ncode = \"CARE\"\nname = \"Home care\"\naid_type = \"service\"\n\
         funder = \"dana_desa\"\neligible_when = \"disabled >= 1\"\n",
    );
    replace_once(
        "households.csv",
        "0,3,2019-06-01,active,",
        "0,3,2019-06-01,moved,2026-04-01",
    );
    replace_once("households.csv", "6,4,3,1,0,1,", "6,4,3,1,,1,");
    append(
        "distributions.csv",
        "D009,2026-04-10,H001,CASH,300000,,,failed,,\n\
         D010,2026-01-15,H999,CASH,300000,,,delivered,,\n",
    );
    replace_once("budget.csv", "2026,1,expense,FOOD,800000,400000,\n", "");
    append(
        "feedback.csv",
        "F004,2026-03-20,1,1,phone,complaint,delay,2026-04-05\n",
    );
}

/// The rows of the edge site, as JSON objects.
fn rows() -> Vec<Value> {
    let dir = Dir::new();
    edge_site(&dir);
    let run = dir.pantau(&["indicators", "site", "--format", "json"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    run.json().as_array().expect("rows").clone()
}

/// The row of (indicator, period, program, group_by, group), if there is one.
fn find<'a>(rows: &'a [Value], key: [&str; 5]) -> Option<&'a Value> {
    rows.iter().find(|r| {
        ["indicator", "period", "program", "group_by", "group"]
            .iter()
            .zip(key)
            .all(|(k, v)| r[*k] == v)
    })
}

fn row<'a>(rows: &'a [Value], key: [&str; 5]) -> &'a Value {
    find(rows, key).unwrap_or_else(|| panic!("no row {key:?}"))
}

/// (numerator, denominator, value) of a row.
fn parts(r: &Value) -> (Option<f64>, Option<f64>, Option<f64>) {
    (
        r["numerator"].as_f64(),
        r["denominator"].as_f64(),
        r["value"].as_f64(),
    )
}

#[test]
fn edge_case_zero_denominator() {
    let rows = rows();
    // RW 02 / RT 003 holds only H006 (decile 9): active, not eligible.
    for group in ["RW 02 / RT 003", "RW 01 / RT 002"] {
        let r = row(&rows, ["coverage", "2026-Q1", "CASH", "rt", group]);
        assert_eq!(parts(r), (Some(0.0), Some(0.0), None), "{group}");
    }
}

#[test]
fn edge_case_absent_group() {
    let rows = rows();
    // Surveyed in round 2026-Q1: H001 (decile 2), H002 (3), H005 (1).
    let deciles: BTreeSet<&str> = rows
        .iter()
        .filter(|r| {
            r["indicator"] == "school_enrolment_rate"
                && r["period"] == "2026-Q1"
                && r["group_by"] == "welfare_decile"
        })
        .filter_map(|r| r["group"].as_str())
        .collect();
    assert_eq!(deciles, BTreeSet::from(["1", "2", "3"]));
}

#[test]
fn edge_case_no_aid_quarter() {
    let rows = rows();
    let need: Vec<&Value> = rows
        .iter()
        .filter(|r| {
            r["indicator"] == "rt_aid_to_need_ratio"
                && r["period"] == "2026-Q2"
                && r["group_by"] == "rt"
        })
        .collect();
    assert!(!need.is_empty());
    let mut shares = 0.0;
    for r in &need {
        let (numerator, denominator, value) = parts(r);
        assert_eq!((numerator, value), (None, None), "{r}");
        shares += denominator.unwrap_or_else(|| panic!("no denominator: {r}"));
    }
    // The RTs' shares of the eligible households add up to the whole.
    assert!((shares - 1.0).abs() < 1e-12, "{shares}");
}

#[test]
fn edge_case_failed_only_quarter() {
    let rows = rows();
    // Only a failed delivery in 2026-Q2; H001, H002 and H005 are eligible
    // and active (H002 left on the quarter's first day).
    let r = row(&rows, ["coverage", "2026-Q2", "CASH", "", ""]);
    assert_eq!(parts(r), (Some(0.0), Some(3.0), Some(0.0)));
}

#[test]
fn edge_case_no_expense_line() {
    let rows = rows();
    // FOOD delivered to H001 and H003 in 2026-Q1 and has no expense line.
    for period in ["2026-Q1", "2026-Q1-YTD"] {
        let r = row(&rows, ["cost_per_beneficiary", period, "FOOD", "", ""]);
        assert_eq!(parts(r), (None, Some(2.0), None), "{period}");
    }
    let gap = row(&rows, ["reconciliation_gap", "2026-Q1", "FOOD", "", ""]);
    assert_eq!(gap["value"].as_f64(), Some(-400_000.0));
}

#[test]
fn edge_case_exit_on_first_day() {
    let rows = rows();
    // H002 moved on 2026-04-01: still one of the 3 eligible in 2026-Q2,
    // and of the RT's eligible households.
    let r = row(
        &rows,
        ["coverage", "2026-Q2", "CASH", "rt", "RW 01 / RT 001"],
    );
    assert_eq!(parts(r).1, Some(2.0), "{r}");
}

#[test]
fn edge_case_resolved_after_quarter() {
    let rows = rows();
    // 2026-Q1: F001 and F003 resolved in the quarter, F004 after it, F002 not.
    let r = row(
        &rows,
        ["feedback_resolution_rate", "2026-Q1", "all", "", ""],
    );
    assert_eq!(parts(r), (Some(3.0), Some(4.0), Some(0.75)));
}

#[test]
fn edge_case_empty_eligibility_answer() {
    let rows = rows();
    // CARE: H003 (disabled 1) is eligible; H005 left disabled empty.
    let r = row(&rows, ["coverage", "2026-Q1", "CARE", "", ""]);
    assert_eq!(parts(r), (Some(0.0), Some(1.0), Some(0.0)));
}

#[test]
fn edge_case_unregistered_recipient() {
    let rows = rows();
    let coverage = row(&rows, ["coverage", "2026-Q1", "CASH", "", ""]);
    assert_eq!(parts(coverage), (Some(3.0), Some(3.0), Some(1.0)));
    // Spending Rp 1,200,000 over H001, H002, H005 and H999.
    let cost = row(&rows, ["cost_per_beneficiary", "2026-Q1", "CASH", "", ""]);
    assert_eq!(parts(cost), (Some(1_200_000.0), Some(4.0), Some(300_000.0)));
    let flag = row(
        &rows,
        ["flag_unregistered_recipient", "2026-Q1", "all", "", ""],
    );
    assert_eq!(flag["value"].as_f64(), Some(1.0));
}

/// H002's registry row unreadable (members `satu`) and rejected under
/// `--max-rejected-rows`: its Q1 CASH deliveries D002 and D007 (Rp 300,000
/// each) stay in the ledger and reach no one for coverage, as H999's D010
/// does, but only D010 is an unregistered recipient.
#[test]
fn edge_case_rejected_household() {
    let dir = Dir::new();
    edge_site(&dir);
    edit(&dir.join("site/households.csv"), |text| {
        text.replacen(
            "H002,3173054202850002,Siti Aminah,P,1,1,1,",
            "H002,3173054202850002,Siti Aminah,P,1,1,satu,",
            1,
        )
    });
    let run = dir.pantau(&[
        "indicators",
        "site",
        "--format",
        "json",
        "--max-rejected-rows",
        "34%",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let rows = run.json().as_array().expect("rows").clone();
    let flag = row(
        &rows,
        ["flag_unregistered_recipient", "2026-Q1", "all", "", ""],
    );
    assert_eq!(flag["value"].as_f64(), Some(1.0));
    let amount = row(
        &rows,
        [
            "flag_amount",
            "2026-Q1",
            "all",
            "flag",
            "flag_unregistered_recipient",
        ],
    );
    assert_eq!(amount["value"].as_f64(), Some(300_000.0));
    // Spending Rp 1,200,000 over H001, H002, H005 and H999, as before.
    let cost = row(&rows, ["cost_per_beneficiary", "2026-Q1", "CASH", "", ""]);
    assert_eq!(parts(cost), (Some(1_200_000.0), Some(4.0), Some(300_000.0)));
    // Eligible and active for CASH: H001 and H005 (H002 left out); both reached.
    let coverage = row(&rows, ["coverage", "2026-Q1", "CASH", "", ""]);
    assert_eq!(parts(coverage), (Some(2.0), Some(2.0), Some(1.0)));
}

#[test]
fn edge_case_no_period() {
    let rows = rows();
    // Courses started only in 2026-Q1: training rows for it and `all`.
    let periods: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r["indicator"] == "training_enrolled" && r["group_by"] == "")
        .filter_map(|r| r["period"].as_str())
        .collect();
    assert_eq!(periods, BTreeSet::from(["2026-Q1", "all"]));
    let dir = Dir::new();
    edge_site(&dir);
    let run = dir
        .pantau(&["indicators", "site", "--period", "2027-Q1"])
        .expect_code(2);
    assert!(run.stderr().contains("no such period"), "{}", run.stderr());
}

/// The ids in the order of the page's tables (the first column of each
/// table row that names an indicator).
fn page_order() -> Vec<String> {
    let page = std::fs::read_to_string(repo().join("docs/indicators.md")).expect("the page");
    let known: BTreeSet<&str> = pantau::indicators::Id::ALL
        .iter()
        .map(|id| id.as_str())
        .collect();
    let mut order: Vec<String> = Vec::new();
    for line in page.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap_or_default();
        for id in first.split('`').skip(1).step_by(2) {
            if known.contains(id) && !order.iter().any(|o| o == id) {
                order.push(id.to_string());
            }
        }
    }
    order
}

#[test]
fn rows_follow_the_order_of_the_page() {
    let order = page_order();
    let all: Vec<String> = pantau::indicators::Id::ALL
        .iter()
        .map(|id| id.to_string())
        .collect();
    assert_eq!(order, all, "the page's tables and the table's order differ");
    let dir = Dir::new();
    let run = dir
        .pantau(&[
            "indicators",
            &repo().join("sample-data/semanan").display().to_string(),
        ])
        .expect_code(0);
    let mut seen: Vec<String> = Vec::new();
    for line in run.stdout().lines().skip(1) {
        let id = line.split(',').next().unwrap_or_default().to_string();
        if seen.last() != Some(&id) {
            assert!(
                !seen.contains(&id),
                "{id} comes back after other indicators"
            );
            seen.push(id);
        }
    }
    let expected: Vec<String> = order.into_iter().filter(|id| seen.contains(id)).collect();
    assert_eq!(seen, expected);
}

#[test]
fn every_edge_case_of_the_page_has_its_test() {
    let page = std::fs::read_to_string(repo().join("docs/indicators.md")).expect("the page");
    let section = page
        .split("## Edge cases and how they are counted")
        .nth(1)
        .expect("the section")
        .split("\n## ")
        .next()
        .unwrap_or_default();
    let cases: Vec<String> = section
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split('`').next())
        .map(|name| format!("fn edge_case_{}(", name.replace('-', "_")))
        .collect();
    assert!(cases.len() >= 10, "{cases:?}");
    let here = std::fs::read_to_string(repo().join("tests/integration/edges.rs")).expect("source");
    for case in &cases {
        assert!(here.contains(case.as_str()), "no test {case}");
    }
    let tests = here
        .lines()
        .filter(|l| l.starts_with("fn edge_case_"))
        .count();
    assert_eq!(
        tests,
        cases.len(),
        "a test for a case the page does not list"
    );
}
