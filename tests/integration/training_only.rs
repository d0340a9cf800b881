//! A site with a skills course and no aid ledger: an NGO's training in a
//! village (tests/fixtures/training-only, worked out by hand).
//!
//! 24 households of 3 people, deciles 1–6, all eligible for the course
//! (`welfare_decile <= 6`); baseline survey 2025-06-10 (2025-Q2), courses
//! start 2025-09-01 (2025-Q3), follow-up round `2026-01` on 2026-01-15
//! (2026-Q1). Eight enrollments (P01–P08, six women): P01–P06 completed
//! (trained for the follow-up), P07 and P08 dropped out (untrained).
//! Incomes:
//!   trained P01–P06: baseline 800k, 900k, 1.0M, 1.1M, 1.2M, 1.0M (mean
//!     1.0M), change +500k, +600k, +700k, +600k, +500k, +700k (mean 600k),
//!     follow-up mean 1.6M;
//!   untrained P07–P24: nine at 1.1M → 1.2M, nine at 1.3M → 1.6M
//!     (baseline mean 1.2M, change mean 200k, follow-up mean 1.4M).
//! So: simple difference 1.6M − 1.4M = 200,000; difference in differences
//! 600k − 200k = 400,000; mean change (6 × 600k + 18 × 200k) / 24 =
//! 300,000. Poverty line 400,000 × 3 = 1.2M a household: poor at baseline
//! 800k, 900k, 1.0M, 1.1M, 1.0M and the nine at 1.1M = 14 of 24; nobody at
//! follow-up (1.2M is not below 1.2M). Completion 6/8, participation 8/24,
//! women 6/8.

use std::path::PathBuf;

use serde_json::Value;

use crate::harness::{fixtures, Dir};

fn site() -> String {
    fixtures().join("training-only").display().to_string()
}

/// Every report of the training-only site: three audiences, two languages.
pub(crate) fn all_reports(dir: &Dir, out: &str) -> Vec<PathBuf> {
    let site = site();
    let mut html = Vec::new();
    for audience in ["evaluator", "council", "partner"] {
        for lang in ["id", "en"] {
            html.extend(crate::reports::report(
                dir,
                &[&site, "--audience", audience, "--lang", lang],
                out,
            ));
        }
    }
    html
}

/// (indicator, period, group_by, group) → value of the all-programs rows.
fn values(dir: &Dir, site: &str) -> Vec<(String, String, String, String, Value, Value, Value)> {
    let json = dir
        .pantau(&["indicators", site, "--format", "json"])
        .expect_code(0)
        .json();
    json.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["program"] == "all")
        .map(|r| {
            let t = |k: &str| r[k].as_str().unwrap_or("").to_string();
            (
                t("indicator"),
                t("period"),
                t("group_by"),
                t("group"),
                r["numerator"].clone(),
                r["denominator"].clone(),
                r["value"].clone(),
            )
        })
        .collect()
}

fn value(
    rows: &[(String, String, String, String, Value, Value, Value)],
    id: &str,
    period: &str,
) -> (f64, f64, f64) {
    let r = rows
        .iter()
        .find(|r| r.0 == id && r.1 == period && r.2.is_empty())
        .unwrap_or_else(|| panic!("no {id} {period}"));
    (
        r.4.as_f64().unwrap_or(f64::NAN),
        r.5.as_f64().unwrap_or(f64::NAN),
        r.6.as_f64().unwrap(),
    )
}

#[test]
fn training_only_indicators_match_the_hand_calculation() {
    let dir = Dir::new();
    let rows = values(&dir, &site());
    assert_eq!(
        value(&rows, "income_impact_simple_diff", "2026-01").2,
        200_000.0
    );
    assert_eq!(value(&rows, "income_impact_did", "2026-01").2, 400_000.0);
    assert_eq!(
        value(&rows, "income_change_mean", "2026-01"),
        (7_200_000.0, 24.0, 300_000.0)
    );
    assert_eq!(value(&rows, "poverty_headcount", "baseline").0, 14.0);
    assert_eq!(value(&rows, "poverty_headcount", "2026-01").0, 0.0);
    assert_eq!(
        value(&rows, "training_completion_rate", "all"),
        (6.0, 8.0, 0.75)
    );
    assert_eq!(
        value(&rows, "training_participation_rate", "2025-Q3"),
        (8.0, 24.0, 1.0 / 3.0)
    );
    assert_eq!(
        value(&rows, "training_women_share", "all"),
        (6.0, 8.0, 0.75)
    );
    // Without a ledger no coverage row exists at all.
    assert!(rows.iter().all(|r| r.0 != "coverage"));
}

/// The evaluator leads with the course and its impact: the headline has
/// participation, both impact estimates with their intervals and
/// completion; coverage and equity say in one line that there is nothing
/// to show and which file would feed them; the council says no aid was
/// delivered. The period is the latest quarter with a record (2026-Q1).
#[test]
fn a_training_only_site_is_reported_for_every_audience() {
    let dir = Dir::new();
    let html = all_reports(&dir, "out");
    assert_eq!(html.len(), 6, "{html:?}");
    let read = |name: &str| std::fs::read_to_string(dir.join(&format!("out/{name}"))).unwrap();
    let evaluator = read("training-only-evaluator-2026-Q1-en.html");
    let text = crate::harness::page_text(&evaluator);
    let headline = &text[text.find("Key figures").unwrap()..];
    let headline = &headline[..headline.find("Contents").unwrap()];
    for expected in [
        "Training participation 33.3% 8 / 24",
        "Trained minus untrained (income) Rp 200,000 per month",
        "Difference in differences Rp 400,000 per month",
        "Mean income change Rp 300,000 per month",
        "Completion 75.0% 6 / 8",
    ] {
        assert!(headline.contains(expected), "{expected} not in: {headline}");
    }
    assert_eq!(headline.matches("95% CI").count(), 2, "{headline}");
    assert!(
        text.contains("No aid was delivered up to Quarter 1 (January–March) 2026"),
        "{text}"
    );
    assert_eq!(
        text.matches("has no delivery up to 2026-Q1, so this section has nothing to show")
            .count(),
        2
    );
    // A chart over the quarters names the first one it shows: with no
    // ledger rows there is only the period itself.
    for page in &html {
        let page = std::fs::read_to_string(page).unwrap();
        for empty in ["from  to", "from to ", "dari  sampai", "dari sampai "] {
            assert!(!page.contains(empty), "{empty:?} in {page}");
        }
    }
    // The partner comparison draws no coverage over time for a site that
    // delivered nothing, but draws its training estimate.
    let partner = html
        .iter()
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.contains("partner") && name.ends_with("-en.html")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .expect("the partner report in English");
    assert!(!partner.contains("id=\"chart-coverage-"), "{partner}");
    assert!(partner.contains("id=\"chart-did-"), "{partner}");
    assert!(
        !partner.contains("<div class=\"small-multiples\"></div>"),
        "{partner}"
    );
    let council = crate::harness::page_text(&read("training-only-council-2026-Q1-id.html"));
    assert!(
        council.contains("Belum ada bantuan yang disalurkan sampai"),
        "{council}"
    );
}

/// A ledger with a header and no rows gives the same indicators and the
/// same report as no ledger file (but for the file's own lines in the data
/// quality and provenance tables).
#[test]
fn an_empty_ledger_is_the_same_as_none() {
    let dir = Dir::new();
    let without = dir.copy_dir(&fixtures().join("training-only"), "site");
    std::fs::remove_file(without.join("distributions.csv")).unwrap();
    let without = without.display().to_string();
    assert_eq!(values(&dir, &without), values(&dir, &site()));
    let a = crate::reports::report(&dir, &[&without, "--lang", "en"], "a");
    let b = crate::reports::report(&dir, &[&site(), "--lang", "en"], "b");
    let lines = |p: &PathBuf| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .replace("training-only", "site")
            .lines()
            .filter(|l| !(l.contains("<tr>") && l.contains("distributions.csv")))
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect()
    };
    assert_eq!(lines(&a[0]), lines(&b[0]));
}

/// A site whose ledger starts a quarter after its first course: the
/// course's quarter can be reported, and the default is the ledger's
/// complete quarter.
#[test]
fn a_quarter_with_only_training_is_a_quarter() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("training-only"), "site");
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        toml.replace(
            "[targets]",
            "[[program]]\ncode = \"TUNAI\"\nname = \"Bantuan tunai\"\naid_type = \"cash\"\n\
             funder = \"ngo\"\nentitlement_per_month = 300000\neligible_when = \"welfare_decile <= 3\"\n\n[targets]",
        ),
    )
    .unwrap();
    let mut ledger = std::fs::read_to_string(site.join("distributions.csv")).unwrap();
    for (i, month) in ["01", "02", "03"].iter().enumerate() {
        ledger.push_str(&format!(
            "D{i},2026-{month}-10,P01,TUNAI,300000,,,delivered,,\n"
        ));
    }
    std::fs::write(site.join("distributions.csv"), ledger).unwrap();
    let site = site.display().to_string();
    let run = dir
        .pantau(&["report", &site, "--out", "out"])
        .expect_code(0);
    assert!(
        run.stdout().contains("site-evaluator-2026-Q1-id.html"),
        "{}",
        run.stdout()
    );
    let run = dir
        .pantau(&[
            "report", &site, "--period", "2025-Q3", "--lang", "en", "--out", "out",
        ])
        .expect_code(0);
    assert!(run.stdout().contains("site-evaluator-2025-Q3-en.html"));
    let text = crate::harness::page_text(
        &std::fs::read_to_string(dir.join("out/site-evaluator-2025-Q3-en.html")).unwrap(),
    );
    assert!(text.contains("Training participation 33.3%"), "{text}");
    // A quarter with no record at all is still refused.
    dir.pantau(&["report", &site, "--period", "2025-Q4", "--out", "out"])
        .expect_code(2);
}
