//! `pantau indicators`: every indicator against a hand calculation on
//! `tests/fixtures/hand`, properties on the sample sites, and edge cases.
//!
//! The hand site (fiscal year from January, poverty line Rp 1,000,000):
//!
//! | hh | RW/RT | members | decile | status | eligible for |
//! |---|---|---|---|---|---|
//! | H1 | 1/1 | 4 | 1 | active | CASH FOOD SKILL |
//! | H2 | 1/1 | 1 | 2 | active | CASH SKILL |
//! | H3 | 1/2 | 5 | 3 | moved 2026-02-15 | CASH FOOD SKILL |
//! | H4 | 1/2 | 3 | 4 | active | FOOD SKILL |
//! | H5 | 2/1 | 2 | 5 | active | SKILL |
//! | H6 | 2/1 | 6 | 8 | active | - |
//! | H7 | 2/1 | 3 | 2 | registered 2026-04-10 | CASH FOOD SKILL |
//! | H8 | 2/2 | 2 | 9 | died 2025-12-20 | - |
//!
//! Active in 2026-Q1: H1-H6. Active in 2026-Q2: H1, H2, H4-H7.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::harness::{fixtures, repo, Dir};

#[derive(Debug, Clone)]
struct Row {
    indicator: String,
    period: String,
    program: String,
    group_by: String,
    group: String,
    numerator: Option<f64>,
    denominator: Option<f64>,
    value: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    unit: String,
}

fn rows_of(json: &Value) -> Vec<Row> {
    let text = |v: &Value, k: &str| {
        v[k].as_str()
            .unwrap_or_else(|| panic!("{k} in {v}"))
            .to_string()
    };
    json.as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| {
            let keys: Vec<&String> = v.as_object().expect("an object").keys().collect();
            assert_eq!(keys.len(), 11, "{v}");
            Row {
                indicator: text(v, "indicator"),
                period: text(v, "period"),
                program: text(v, "program"),
                group_by: text(v, "group_by"),
                group: text(v, "group"),
                numerator: v["numerator"].as_f64(),
                denominator: v["denominator"].as_f64(),
                value: v["value"].as_f64(),
                ci_low: v["ci_low"].as_f64(),
                ci_high: v["ci_high"].as_f64(),
                unit: text(v, "unit"),
            }
        })
        .collect()
}

fn indicators(dir: &Dir, site: &str, extra: &[&str]) -> Vec<Row> {
    let mut args = vec!["indicators", site, "--format", "json"];
    args.extend_from_slice(extra);
    rows_of(&dir.pantau(&args).expect_code(0).json())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

/// Looks rows up by (indicator, period, program, group_by, group) and
/// remembers which ids were checked.
struct Expect {
    rows: BTreeMap<(String, String, String, String, String), Row>,
    checked: BTreeSet<String>,
}

impl Expect {
    fn new(rows: &[Row]) -> Expect {
        let mut map = BTreeMap::new();
        for r in rows {
            let key = (
                r.indicator.clone(),
                r.period.clone(),
                r.program.clone(),
                r.group_by.clone(),
                r.group.clone(),
            );
            assert!(map.insert(key, r.clone()).is_none(), "duplicate row {r:?}");
        }
        Expect {
            rows: map,
            checked: BTreeSet::new(),
        }
    }

    fn row(&mut self, id: &str, period: &str, program: &str, by: &str, group: &str) -> Row {
        self.checked.insert(id.to_string());
        let key = (
            id.into(),
            period.into(),
            program.into(),
            by.into(),
            group.into(),
        );
        self.rows
            .get(&key)
            .unwrap_or_else(|| panic!("no row {key:?}"))
            .clone()
    }

    /// A ratio: numerator, denominator and value.
    fn ratio(
        &mut self,
        id: &str,
        period: &str,
        program: &str,
        group: (&str, &str),
        num: f64,
        den: f64,
    ) {
        let r = self.row(id, period, program, group.0, group.1);
        assert_eq!(
            (r.numerator, r.denominator),
            (Some(num), Some(den)),
            "{r:?}"
        );
        match r.value {
            Some(v) => assert!(close(v, num / den), "{r:?}: expected {}", num / den),
            None => assert_eq!(den, 0.0, "{r:?}"),
        }
    }

    /// A value (a median, difference or index), optionally with its denominator.
    fn value(
        &mut self,
        id: &str,
        period: &str,
        program: &str,
        group: (&str, &str),
        value: Option<f64>,
    ) {
        let r = self.row(id, period, program, group.0, group.1);
        match (r.value, value) {
            (Some(a), Some(b)) => assert!(close(a, b), "{r:?}: expected {b}"),
            (a, b) => assert_eq!(a, b, "{r:?}"),
        }
    }
}

const SITE: (&str, &str) = ("", "");

#[test]
fn every_indicator_matches_the_hand_calculation() {
    let dir = Dir::new();
    let site = fixtures().join("hand");
    let rows = indicators(&dir, site.to_str().unwrap(), &[]);
    let mut e = Expect::new(&rows);
    let (q1, q2) = ("2026-Q1", "2026-Q2");

    // --- Coverage and targeting, 2026-Q1 ---
    // Delivered in Q1 to active households: H1 CASH Jan-Mar 900k + FOOD Jan 200k;
    // H2 CASH Jan, Mar 600k (D05 has no status: delivered by default); H4 FOOD
    // Jan, Feb 400k; H5 SKILL 150k; H6 CASH Jan 300k. H3's CASH failed; H8 had
    // died before the quarter, so D11 is not counted.
    // CASH: eligible H1 H2 H3; reached H1 H2 H6.
    e.ratio("coverage", q1, "CASH", SITE, 2.0, 3.0);
    e.ratio("exclusion_error", q1, "CASH", SITE, 1.0, 3.0);
    e.ratio("inclusion_error", q1, "CASH", SITE, 1.0, 3.0);
    // Adequacy: value to reached with a baseline income / 3 x their incomes.
    e.ratio(
        "adequacy",
        q1,
        "CASH",
        SITE,
        1_800_000.0,
        3.0 * 11_500_000.0,
    );
    // Regularity: months with a delivery 3 + 2 + 1 over 3 x 3 households.
    e.ratio("regularity", q1, "CASH", SITE, 6.0, 9.0);
    // FOOD: eligible H1 H3 H4; reached H1 H4.
    e.ratio("coverage", q1, "FOOD", SITE, 2.0, 3.0);
    e.ratio("inclusion_error", q1, "FOOD", SITE, 0.0, 2.0);
    e.ratio("adequacy", q1, "FOOD", SITE, 600_000.0, 3.0 * 4_400_000.0);
    e.ratio("regularity", q1, "FOOD", SITE, 3.0, 6.0);
    // SKILL: eligible H1-H5, reached H5; no entitlement, so no regularity.
    e.ratio("coverage", q1, "SKILL", SITE, 1.0, 5.0);
    e.ratio("exclusion_error", q1, "SKILL", SITE, 4.0, 5.0);
    assert!(!e.rows.contains_key(&(
        "regularity".into(),
        q1.into(),
        "SKILL".into(),
        "".into(),
        "".into()
    )));
    // All programs: eligible for any H1-H5; reached H1 H2 H4 H5 H6.
    e.ratio("coverage", q1, "all", SITE, 4.0, 5.0);
    e.ratio("exclusion_error", q1, "all", SITE, 1.0, 5.0);
    e.ratio("inclusion_error", q1, "all", SITE, 1.0, 5.0);
    e.ratio("adequacy", q1, "all", SITE, 2_550_000.0, 3.0 * 15_400_000.0);
    // Monthly programs only: (CASH 6 + FOOD 3) months over 3 x (3 + 2) pairs.
    e.ratio("regularity", q1, "all", SITE, 9.0, 15.0);
    // The aid programs together (CASH and FOOD, not SKILL): eligible for one
    // of them H1 H2 H3 H4; reached by one of them H1 H2 H4 H6.
    e.ratio("coverage", q1, "aid", SITE, 3.0, 4.0);
    e.ratio("exclusion_error", q1, "aid", SITE, 1.0, 4.0);
    e.ratio("inclusion_error", q1, "aid", SITE, 1.0, 4.0);
    // H5's SKILL 150k and baseline income 1.5M are not part of it:
    // 1.1M + 600k + 400k + 300k over 3 x (2.0M + 0.5M + 2.4M + 9.0M).
    e.ratio("adequacy", q1, "aid", SITE, 2_400_000.0, 3.0 * 13_900_000.0);
    e.ratio("regularity", q1, "aid", SITE, 9.0, 15.0);
    e.ratio("cgh", q1, "aid", SITE, 2_100_000.0, 0.4 * 2_400_000.0);
    e.ratio("coverage", q1, "aid", ("rw", "RW 02"), 0.0, 0.0);
    // Disaggregated: CASH in RW 01 (H1 H2 H3) and RW 02 (nobody eligible).
    e.ratio("coverage", q1, "CASH", ("rw", "RW 01"), 2.0, 3.0);
    e.ratio("coverage", q1, "CASH", ("rw", "RW 02"), 0.0, 0.0);
    e.ratio("inclusion_error", q1, "CASH", ("rw", "RW 02"), 1.0, 1.0);
    e.ratio("coverage", q1, "CASH", ("rt", "RW 01 / RT 002"), 0.0, 1.0);
    e.ratio("coverage", q1, "all", ("head_gender", "P"), 2.0, 2.0);
    e.ratio("coverage", q1, "all", ("head_gender", "L"), 2.0, 3.0);
    e.ratio("coverage", q1, "CASH", ("welfare_decile", "3"), 0.0, 1.0);
    // Incidence by decile: CASH reached H1 (d1) 900k, H2 (d2) 600k, H6 (d8) 300k.
    e.ratio(
        "beneficiary_incidence",
        q1,
        "CASH",
        ("welfare_decile", "1"),
        1.0,
        3.0,
    );
    e.ratio(
        "beneficiary_incidence",
        q1,
        "CASH",
        ("welfare_decile", "8"),
        1.0,
        3.0,
    );
    e.ratio(
        "beneficiary_incidence",
        q1,
        "CASH",
        ("welfare_decile", "3"),
        0.0,
        3.0,
    );
    e.ratio(
        "benefit_incidence",
        q1,
        "CASH",
        ("welfare_decile", "1"),
        900_000.0,
        1_800_000.0,
    );
    e.ratio(
        "benefit_incidence",
        q1,
        "CASH",
        ("welfare_decile", "8"),
        300_000.0,
        1_800_000.0,
    );
    e.ratio(
        "benefit_incidence",
        q1,
        "all",
        ("welfare_decile", "5"),
        150_000.0,
        2_550_000.0,
    );
    // CGH: value to deciles 1-4 / (0.40 x all value).
    e.ratio("cgh", q1, "CASH", SITE, 1_500_000.0, 0.4 * 1_800_000.0);
    e.ratio("cgh", q1, "all", SITE, 2_100_000.0, 0.4 * 2_550_000.0);
    e.ratio("cgh", q1, "SKILL", SITE, 0.0, 0.4 * 150_000.0);
    // Overlap: only H1 got two programs; the matrix counts pairs.
    e.value("overlap_households", q1, "all", SITE, Some(1.0));
    e.value(
        "overlap_households",
        q1,
        "CASH",
        ("program", "FOOD"),
        Some(1.0),
    );
    e.value(
        "overlap_households",
        q1,
        "CASH",
        ("program", "CASH"),
        Some(3.0),
    );
    e.value(
        "overlap_households",
        q1,
        "FOOD",
        ("program", "SKILL"),
        Some(0.0),
    );

    // --- Coverage and targeting, 2026-Q2 ---
    // H3 moved before the quarter; H7 registered in it. Delivered: H1 CASH Apr,
    // May 600k (FOOD returned); H7 CASH Apr-Jun 900k + FOOD 200k; H4 FOOD 200k;
    // H2 FOOD 200k (not eligible: one member).
    e.ratio("coverage", q2, "CASH", SITE, 2.0, 3.0);
    e.ratio("inclusion_error", q2, "CASH", SITE, 0.0, 2.0);
    // H7 has no baseline survey, so it is left out of adequacy.
    e.ratio("adequacy", q2, "CASH", SITE, 600_000.0, 3.0 * 2_000_000.0);
    e.ratio("regularity", q2, "CASH", SITE, 5.0, 6.0);
    e.ratio("coverage", q2, "FOOD", SITE, 2.0, 3.0);
    e.ratio("inclusion_error", q2, "FOOD", SITE, 1.0, 3.0);
    e.ratio("adequacy", q2, "FOOD", SITE, 400_000.0, 3.0 * 2_900_000.0);
    e.ratio("regularity", q2, "FOOD", SITE, 3.0, 9.0);
    // Nobody reached by SKILL: zero denominators give no value.
    e.ratio("coverage", q2, "SKILL", SITE, 0.0, 5.0);
    e.ratio("inclusion_error", q2, "SKILL", SITE, 0.0, 0.0);
    e.ratio("adequacy", q2, "SKILL", SITE, 0.0, 0.0);
    e.ratio("cgh", q2, "SKILL", SITE, 0.0, 0.0);
    e.ratio("coverage", q2, "all", SITE, 4.0, 5.0);
    e.ratio("adequacy", q2, "all", SITE, 1_000_000.0, 3.0 * 4_900_000.0);
    e.ratio("regularity", q2, "all", SITE, 8.0, 15.0);
    e.ratio("cgh", q2, "all", SITE, 2_100_000.0, 0.4 * 2_100_000.0);
    // Aid programs: H2 is eligible for CASH and reached by FOOD, so for the
    // aid programs together it is eligible and reached, not an inclusion error.
    e.ratio("coverage", q2, "aid", SITE, 4.0, 4.0);
    e.ratio("inclusion_error", q2, "aid", SITE, 0.0, 4.0);
    e.value("overlap_households", q2, "all", SITE, Some(1.0));

    // --- Income and welfare ---
    // Baseline: per-capita incomes H1 500k, H2 500k, H3 600k, H4 800k, H5 750k,
    // H6 1.5M, H8 500k; six below 1M. Gaps .5 .5 .4 .2 .25 0 .5.
    e.ratio("poverty_headcount", "baseline", "all", SITE, 6.0, 7.0);
    e.ratio("poverty_gap", "baseline", "all", SITE, 2.35, 7.0);
    // Children in school / school-age children, H5 (no answer) left out.
    e.ratio("school_enrolment_rate", "baseline", "all", SITE, 8.0, 9.0);
    // Round 2026-Q2: H1 650k, H2 500k, H4 800k, H5 900k, H6 1.47M, H7 300k.
    e.ratio("poverty_headcount", q2, "all", SITE, 5.0, 6.0);
    e.ratio("poverty_gap", q2, "all", SITE, 1.85, 6.0);
    e.ratio("poverty_gap", q2, "all", ("rt", "RW 02 / RT 001"), 0.8, 3.0);
    e.ratio("school_enrolment_rate", q2, "all", SITE, 6.0, 7.0);
    // Panel H1 H2 H4 H5 H6 (H7 has no baseline): changes +600k, 0, 0, +300k, -200k.
    e.ratio("income_change_mean", q2, "all", SITE, 700_000.0, 5.0);
    e.value("income_change_median", q2, "all", SITE, Some(0.0));
    e.ratio("income_improved_share", q2, "all", SITE, 2.0, 5.0);
    // Trained before 2026-06-15: H1 (T1) and H5 (T3). H2 did not complete; H4
    // started after its survey.
    e.ratio(
        "income_change_mean",
        q2,
        "all",
        ("trained", "trained"),
        900_000.0,
        2.0,
    );
    e.ratio(
        "income_change_mean",
        q2,
        "all",
        ("trained", "untrained"),
        -200_000.0,
        3.0,
    );
    e.value(
        "income_change_median",
        q2,
        "all",
        ("trained", "trained"),
        Some(450_000.0),
    );
    e.value(
        "income_change_median",
        q2,
        "all",
        ("head_gender", "L"),
        Some(450_000.0),
    );
    e.ratio(
        "income_improved_share",
        q2,
        "all",
        ("welfare_decile", "8"),
        0.0,
        1.0,
    );
    // Simple difference: (2.6M + 1.8M)/2 - (0.5M + 2.4M + 8.8M)/3 = -1.7M.
    e.value(
        "income_impact_simple_diff",
        q2,
        "all",
        SITE,
        Some(-1_700_000.0),
    );
    // Difference in differences: 450k - (-200k / 3).
    e.value(
        "income_impact_did",
        q2,
        "all",
        SITE,
        Some(450_000.0 + 200_000.0 / 3.0),
    );
    for id in ["income_impact_simple_diff", "income_impact_did"] {
        let r = e.row(id, q2, "all", "", "");
        let (lo, hi, v) = (r.ci_low.unwrap(), r.ci_high.unwrap(), r.value.unwrap());
        assert!(lo <= v && v <= hi && lo < hi, "{r:?}");
    }
    // Resampled means stay within the group ranges: trained changes lie in
    // [300k, 600k] and untrained in [-200k, 0], so DiD lies in [300k, 800k].
    let did = e.row("income_impact_did", q2, "all", "", "");
    assert!(did.ci_low.unwrap() >= 300_000.0 && did.ci_high.unwrap() <= 800_000.0);

    // --- Training ---
    // T1 Q1 P membatik 9/10 completed business; T2 Q1 P menjahit 4/10;
    // T3 Q2 L usaha_kecil 8/8 completed; T4 Q2 P membatik 10/10 completed.
    e.value("training_enrolled", "all", "all", SITE, Some(4.0));
    e.value("training_enrolled", q1, "all", SITE, Some(2.0));
    e.value(
        "training_enrolled",
        "all",
        "all",
        ("course", "membatik"),
        Some(2.0),
    );
    e.ratio("training_women_share", "all", "all", SITE, 3.0, 4.0);
    e.ratio("training_women_share", q2, "all", SITE, 1.0, 2.0);
    e.ratio("training_attendance_rate", "all", "all", SITE, 31.0, 38.0);
    e.ratio("training_attendance_rate", q1, "all", SITE, 13.0, 20.0);
    e.ratio(
        "training_attendance_rate",
        "all",
        "all",
        ("participant_gender", "P"),
        23.0,
        30.0,
    );
    e.ratio("training_completion_rate", "all", "all", SITE, 3.0, 4.0);
    e.ratio(
        "training_completion_rate",
        "all",
        "all",
        ("course", "menjahit"),
        0.0,
        1.0,
    );
    e.ratio("training_business_rate", "all", "all", SITE, 1.0, 3.0);
    e.ratio(
        "training_business_rate",
        "all",
        "all",
        ("course", "menjahit"),
        0.0,
        0.0,
    );
    e.ratio("training_business_rate", q2, "all", SITE, 0.0, 2.0);
    // Eligible for SKILL and active: Q1 H1-H5 (H1 H2 enrolled), Q2 H1 H2 H4 H5 H7
    // (H4 H5 enrolled); whole data: H1-H5 and H7, four enrolled.
    e.ratio("training_participation_rate", q1, "all", SITE, 2.0, 5.0);
    e.ratio("training_participation_rate", q2, "all", SITE, 2.0, 5.0);
    e.ratio("training_participation_rate", "all", "all", SITE, 4.0, 6.0);
    e.ratio(
        "training_participation_rate",
        "all",
        "all",
        ("rt", "RW 02 / RT 001"),
        1.0,
        2.0,
    );

    // --- Per-RT equity, over households eligible for any program ---
    // Q1 values: RT 1/1 H1 1.1M + H2 600k; RT 1/2 H3 0 + H4 400k; RT 2/1 H5 150k.
    e.ratio("rt_value_per_eligible", q1, "all", SITE, 2_250_000.0, 5.0);
    e.ratio(
        "rt_value_per_eligible",
        q1,
        "all",
        ("rt", "RW 01 / RT 001"),
        1_700_000.0,
        2.0,
    );
    e.ratio(
        "rt_value_per_eligible",
        q1,
        "all",
        ("rt", "RW 02 / RT 001"),
        150_000.0,
        1.0,
    );
    e.value(
        "rt_aid_to_need_ratio",
        q1,
        "all",
        ("rt", "RW 01 / RT 001"),
        Some((1.7 / 2.25) / 0.4),
    );
    e.value(
        "rt_aid_to_need_ratio",
        q1,
        "all",
        ("rt", "RW 01 / RT 002"),
        Some((0.4 / 2.25) / 0.4),
    );
    // Gini of (850k x2, 200k x2, 150k x1): sum w_i w_j |x_i - x_j| = 8.2M over
    // ordered pairs, / (2 x 5^2 x 450k).
    e.value(
        "rt_allocation_gini",
        q1,
        "all",
        SITE,
        Some(8_200_000.0 / 22_500_000.0),
    );
    // Q2: (200k x1, 400k x2, 550k x2), mean 420k: 3.4M / (2 x 25 x 420k).
    e.value(
        "rt_allocation_gini",
        q2,
        "all",
        SITE,
        Some(3_400_000.0 / 21_000_000.0),
    );
    // Theil T over the five eligible households (in millions: 1.1 .6 0 .4 .15).
    let t = |v: &[f64]| -> f64 {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        v.iter()
            .filter(|x| **x > 0.0)
            .map(|x| (x / m) * (x / m).ln())
            .sum::<f64>()
            / v.len() as f64
    };
    let total = t(&[1.1, 0.6, 0.0, 0.4, 0.15]);
    let mean: f64 = 0.45;
    let between = 0.4 * (0.85 / mean) * (0.85 / mean).ln()
        + 0.4 * (0.2 / mean) * (0.2 / mean).ln()
        + 0.2 * (0.15 / mean) * (0.15 / mean).ln();
    let within = (1.7 / 2.25) * t(&[1.1, 0.6]) + (0.4 / 2.25) * t(&[0.0, 0.4]);
    e.value("aid_theil", q1, "all", SITE, Some(total));
    e.value("aid_theil_between_rt", q1, "all", SITE, Some(between));
    e.value("aid_theil_within_rt", q1, "all", SITE, Some(within));
    e.value(
        "aid_theil",
        q1,
        "all",
        ("rt", "RW 01 / RT 002"),
        Some(2f64.ln()),
    );
    assert!((between + within - total).abs() < 1e-12);
    // Concentration index: per-capita incomes H1 500k, H2 500k (tied ranks 1.5),
    // H3 600k, H5 750k, H4 800k → r = .2 .2 .5 .7 .9; values 1.1 .6 0 .15 .4;
    // cov = -0.064; C = 2 x -0.064 / 0.45.
    e.value(
        "aid_concentration_index",
        q1,
        "all",
        SITE,
        Some(-0.128 / 0.45),
    );
    // Q2 (H7 has no baseline income): r = .25 .25 .625 .875; values .6 .2 0 .2.
    e.value("aid_concentration_index", q2, "all", SITE, Some(-0.25));

    // --- Feedback ---
    // F1 Q1 meeting complaint 7 days; F2 Q1 box suggestion open; F3 Q1 phone
    // question 1 day; F4 Q2 meeting complaint 10 days.
    e.value("feedback_count", q1, "all", SITE, Some(3.0));
    e.value(
        "feedback_count",
        "all",
        "all",
        ("channel", "meeting"),
        Some(2.0),
    );
    e.ratio("feedback_resolution_rate", q1, "all", SITE, 2.0, 3.0);
    e.ratio(
        "feedback_resolution_rate",
        "all",
        "all",
        ("category", "suggestion"),
        0.0,
        1.0,
    );
    e.value("feedback_median_days", q1, "all", SITE, Some(4.0));
    e.value("feedback_median_days", "all", "all", SITE, Some(7.0));
    e.value(
        "feedback_median_days",
        "all",
        "all",
        ("category", "complaint"),
        Some(8.5),
    );
    e.value(
        "feedback_median_days",
        "all",
        "all",
        ("category", "suggestion"),
        None,
    );

    // Budget (budget.csv): Q1 spending 2,700,000 + 600,000 + 150,000 of the
    // same planned; Q2 1,500,000 + 600,000 of 2,700,000 + 600,000; revenue
    // Q1 2,700,000 + 600,000 + 150,000 of 4,200,000, Q2 1,500,000 + 800,000.
    let q2_ytd = "2026-Q2-YTD";
    let cat = |c| ("category", c);
    let src = |c| ("source", c);
    e.ratio(
        "budget_absorption",
        q1,
        "all",
        SITE,
        3_450_000.0,
        3_450_000.0,
    );
    e.ratio(
        "budget_absorption",
        q2,
        "all",
        cat("CASH"),
        1_500_000.0,
        2_700_000.0,
    );
    e.ratio(
        "budget_absorption",
        q2_ytd,
        "all",
        SITE,
        5_550_000.0,
        6_750_000.0,
    );
    e.ratio(
        "revenue_realisation",
        q1,
        "all",
        SITE,
        3_450_000.0,
        4_200_000.0,
    );
    e.ratio(
        "revenue_realisation",
        q1,
        "all",
        src("ngo"),
        150_000.0,
        200_000.0,
    );
    e.ratio(
        "funding_share",
        q1,
        "all",
        src("dana_desa"),
        2_700_000.0,
        3_450_000.0,
    );
    e.ratio(
        "funding_share",
        q2_ytd,
        "all",
        src("csr"),
        1_400_000.0,
        5_750_000.0,
    );
    e.value("budget_balance", q1, "all", SITE, Some(0.0));
    e.value("budget_balance", q2, "all", SITE, Some(200_000.0));
    e.value("budget_balance", q2_ytd, "all", SITE, Some(200_000.0));
    // Delivered CASH in Q1: D01–D06 but the failed D10, plus D11 = 7 × 300,000.
    e.value("reconciliation_gap", q1, "CASH", SITE, Some(600_000.0));
    e.value("reconciliation_gap", q1, "FOOD", SITE, Some(0.0));
    e.value("reconciliation_gap", q2, "CASH", SITE, Some(0.0));
    e.ratio(
        "reconciliation_gap_share",
        q1,
        "CASH",
        SITE,
        600_000.0,
        2_700_000.0,
    );
    // Households reached: Q1 CASH H1 H2 H6 H8; Q1 any H1 H2 H4 H5 H6 H8;
    // Q2 FOOD H2 H4 H7; year to date any adds H7, CASH adds H7.
    e.ratio("cost_per_beneficiary", q1, "CASH", SITE, 2_700_000.0, 4.0);
    e.ratio("cost_per_beneficiary", q1, "all", SITE, 3_450_000.0, 6.0);
    e.ratio("cost_per_beneficiary", q2, "FOOD", SITE, 600_000.0, 3.0);
    e.ratio(
        "cost_per_beneficiary",
        q2_ytd,
        "CASH",
        SITE,
        4_200_000.0,
        5.0,
    );
    e.ratio(
        "cost_per_beneficiary",
        q2_ytd,
        "all",
        SITE,
        5_550_000.0,
        7.0,
    );
    // Goods: Q1 D07 (local, eco) D08 (local) D09 (eco); Q2 D18 D19 (both) D20.
    e.ratio(
        "local_sourcing_share",
        q1,
        "FOOD",
        SITE,
        400_000.0,
        600_000.0,
    );
    e.ratio("eco_packaging_share", q2, "all", SITE, 400_000.0, 600_000.0);
    e.ratio(
        "local_sourcing_share",
        q2_ytd,
        "all",
        SITE,
        800_000.0,
        1_200_000.0,
    );
    // Flags: D06 (H6, decile 8) and D11 (H8, decile 9) are CASH to ineligible
    // households, D20 FOOD to H2 (one member); D11 also came after H8 died.
    e.value("flag_ineligible_payment", q1, "CASH", SITE, Some(2.0));
    e.value("flag_ineligible_payment", q2, "FOOD", SITE, Some(1.0));
    e.value("flag_ineligible_payment", "all", "all", SITE, Some(3.0));
    e.value("flag_payment_after_exit", q1, "all", SITE, Some(1.0));
    e.value("flag_duplicate_payment", "all", "all", SITE, Some(0.0));
    e.value("flag_over_entitlement", "all", "all", SITE, Some(0.0));
    e.value("flag_duplicate_nik", "all", "all", SITE, Some(0.0));
    e.value("flag_unregistered_recipient", "all", "all", SITE, Some(0.0));
    let flag = |f| ("flag", f);
    e.value(
        "flag_amount",
        "all",
        "all",
        flag("flag_ineligible_payment"),
        Some(800_000.0),
    );
    e.value(
        "flag_amount",
        "all",
        "all",
        flag("flag_payment_after_exit"),
        Some(300_000.0),
    );

    let ids: BTreeSet<String> = rows.iter().map(|r| r.indicator.clone()).collect();
    assert_eq!(
        e.checked, ids,
        "every indicator id has a hand-checked value"
    );
    assert_eq!(ids.len(), 49);
}

/// Rates that are shares of a whole.
const BOUNDED: [&str; 19] = [
    "funding_share",
    "local_sourcing_share",
    "eco_packaging_share",
    "coverage",
    "exclusion_error",
    "inclusion_error",
    "beneficiary_incidence",
    "benefit_incidence",
    "regularity",
    "income_improved_share",
    "poverty_headcount",
    "poverty_gap",
    "school_enrolment_rate",
    "training_women_share",
    "training_attendance_rate",
    "training_completion_rate",
    "training_business_rate",
    "training_participation_rate",
    "feedback_resolution_rate",
];

/// (indicator, period, program, group_by).
type GroupKey = (String, String, String, String);

fn check_properties(rows: &[Row]) {
    let mut site: BTreeMap<(String, String, String), &Row> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.group_by.is_empty()) {
        site.insert(
            (r.indicator.clone(), r.period.clone(), r.program.clone()),
            r,
        );
    }
    for r in rows {
        for v in [r.numerator, r.denominator, r.value, r.ci_low, r.ci_high]
            .into_iter()
            .flatten()
        {
            assert!(v.is_finite(), "{r:?}");
        }
        if BOUNDED.contains(&r.indicator.as_str()) {
            if let Some(v) = r.value {
                assert!((0.0..=1.0).contains(&v), "rate out of [0, 1]: {r:?}");
            }
        }
        if let (Some(lo), Some(hi), Some(v)) = (r.ci_low, r.ci_high, r.value) {
            assert!(
                lo <= v && v <= hi,
                "CI does not contain the estimate: {r:?}"
            );
        }
    }
    // Group numerators and denominators add up to the site totals.
    let mut sums: BTreeMap<GroupKey, (f64, f64)> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| !r.group_by.is_empty() && r.group_by != "program")
    {
        let e = sums
            .entry((
                r.indicator.clone(),
                r.period.clone(),
                r.program.clone(),
                r.group_by.clone(),
            ))
            .or_insert((0.0, 0.0));
        e.0 += r.numerator.unwrap_or(0.0);
        e.1 += r.denominator.unwrap_or(0.0);
    }
    let mut compared = 0;
    for ((id, period, program, by), (num, den)) in &sums {
        match id.as_str() {
            // Shares of the quarter's total: numerators add up to the denominator.
            "beneficiary_incidence" | "benefit_incidence" => {
                let total = rows
                    .iter()
                    .find(|r| {
                        &r.indicator == id
                            && &r.period == period
                            && &r.program == program
                            && &r.group_by == by
                    })
                    .and_then(|r| r.denominator)
                    .unwrap();
                assert!(
                    close(*num, total),
                    "{id} {period} {program}: {num} vs {total}"
                );
            }
            "rt_aid_to_need_ratio" => {
                assert!(
                    close(*num, 1.0) && close(*den, 1.0),
                    "{id} {period}: {num} {den}"
                );
            }
            _ => {
                let Some(s) = site.get(&(id.clone(), period.clone(), program.clone())) else {
                    continue;
                };
                if let Some(n) = s.numerator {
                    assert!(
                        close(*num, n),
                        "{id} {period} {program} by {by}: {num} vs {n}"
                    );
                }
                if let Some(d) = s.denominator {
                    assert!(
                        close(*den, d),
                        "{id} {period} {program} by {by}: {den} vs {d}"
                    );
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "only {compared} group sums compared");
    // Theil: between + within = total.
    for r in rows
        .iter()
        .filter(|r| r.indicator == "aid_theil" && r.group_by.is_empty())
    {
        let part = |id: &str| {
            rows.iter()
                .find(|x| x.indicator == id && x.period == r.period && x.group_by.is_empty())
                .and_then(|x| x.value)
                .unwrap()
        };
        let total = r.value.unwrap();
        let sum = part("aid_theil_between_rt") + part("aid_theil_within_rt");
        assert!((sum - total).abs() < 1e-12, "{} {sum} vs {total}", r.period);
    }
}

#[test]
fn sample_sites_have_every_indicator_for_every_quarter_and_hold_the_properties() {
    let dir = Dir::new();
    for name in ["semanan", "duri-selatan"] {
        let site = repo().join("sample-data").join(name);
        let rows = indicators(&dir, site.to_str().unwrap(), &[]);
        for q in ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"] {
            let have: BTreeSet<&str> = rows
                .iter()
                .filter(|r| r.period == q && r.value.is_some())
                .map(|r| r.indicator.as_str())
                .collect();
            // Every id but the registry flag, which has only period `all`.
            assert_eq!(have.len(), 49 - 1, "{name} {q}: {have:?}");
        }
        check_properties(&rows);
        let units: BTreeSet<&str> = rows.iter().map(|r| r.unit.as_str()).collect();
        assert!(units.contains("ratio") && units.contains("rupiah_per_month"));
    }
}

#[test]
fn csv_and_period_filter() {
    let dir = Dir::new();
    let site = fixtures().join("hand");
    let site = site.to_str().unwrap();
    let csv = dir
        .pantau(&["indicators", site, "--period", "2026-Q2"])
        .expect_code(0)
        .stdout();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("indicator,period,program,group_by,group,numerator,denominator,value,ci_low,ci_high,unit")
    );
    assert!(lines.clone().count() > 100);
    assert!(
        lines
            .clone()
            .all(|l| l.split(',').nth(1) == Some("2026-Q2")),
        "{csv}"
    );
    assert!(csv.contains("\ncoverage,2026-Q2,CASH,,,2,3,0.6666666666666666,,,ratio\n"));
    // A zero denominator leaves the value empty.
    assert!(csv.contains("\ninclusion_error,2026-Q2,SKILL,,,0,0,,,,ratio\n"));
    let run = dir
        .pantau(&["indicators", site, "--period", "2030-Q1"])
        .expect_code(2);
    assert!(
        run.stderr().contains("2030-Q1") && run.stderr().contains("2026-Q2"),
        "{}",
        run.stderr()
    );
}

/// Copies `from` to `to`, reversing and rotating the data rows of every CSV file.
fn shuffled_copy(dir: &Dir, from: &std::path::Path, to: &str) -> String {
    let out = dir.copy_dir(from, to);
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        let header = lines.remove(0);
        lines.reverse();
        let k = lines.len() / 3;
        lines.rotate_left(k);
        let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, format!("{header}\n{body}")).unwrap();
    }
    out.to_str().unwrap().to_string()
}

#[test]
fn row_order_and_thread_count_change_nothing() {
    let dir = Dir::new();
    let original = repo().join("sample-data").join("duri-selatan");
    let shuffled = shuffled_copy(&dir, &original, "shuffled");
    let args = |site: &str| vec!["indicators".to_string(), site.to_string()];
    let run = |site: &str, threads: &str| {
        let a = args(site);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        dir.pantau_env(
            &a,
            &[
                ("POLARS_MAX_THREADS", threads),
                ("RAYON_NUM_THREADS", threads),
            ],
        )
        .expect_code(0)
        .stdout()
    };
    let one = run(original.to_str().unwrap(), "1");
    let two = run(original.to_str().unwrap(), "2");
    assert!(one == two, "1 and 2 threads differ");
    let reordered = run(&shuffled, "2");
    assert!(one == reordered, "shuffled input rows changed the output");
    let hand = shuffled_copy(&dir, &fixtures().join("hand"), "hand");
    let a = run(fixtures().join("hand").to_str().unwrap(), "2");
    assert!(
        a == run(&hand, "1"),
        "hand site: order or threads changed the output"
    );
}

fn write(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn sites_without_training_or_follow_up_still_get_everything_else() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "no-training");
    std::fs::remove_file(site.join("trainings.csv")).unwrap();
    let rows = indicators(&dir, site.to_str().unwrap(), &[]);
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.indicator.as_str()).collect();
    assert!(!ids.iter().any(|i| i.starts_with("training_")), "{ids:?}");
    assert_eq!(ids.len(), 49 - 6);
    // Nobody is trained: the impact estimates have no value and no interval.
    let did = rows
        .iter()
        .find(|r| r.indicator == "income_impact_did")
        .unwrap();
    assert_eq!((did.value, did.ci_low), (None, None));
    check_properties(&rows);

    let site = dir.copy_dir(&fixtures().join("hand"), "baseline-only");
    let surveys = std::fs::read_to_string(site.join("surveys.csv")).unwrap();
    let kept: String = surveys
        .lines()
        .filter(|l| !l.contains(",2026-Q2,"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&site.join("surveys.csv"), &kept);
    let rows = indicators(&dir, site.to_str().unwrap(), &[]);
    let ids: BTreeSet<&str> = rows.iter().map(|r| r.indicator.as_str()).collect();
    assert!(!ids.iter().any(|i| i.starts_with("income_")), "{ids:?}");
    assert_eq!(ids.len(), 49 - 5);
    assert!(ids.contains("poverty_headcount") && ids.contains("coverage"));
}

#[test]
fn a_single_household_with_zero_income() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "one");
    let keep = |file: &str, keep: &dyn Fn(&str) -> bool| {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for l in lines.filter(|l| keep(l)) {
            out.push_str(l);
            out.push('\n');
        }
        write(&site.join(file), &out);
    };
    keep("households.csv", &|l| l.starts_with("H1,"));
    keep("distributions.csv", &|l| l.contains(",H1,"));
    keep("trainings.csv", &|l| l.contains(",H1,"));
    let surveys = "household_id,round,surveyed_on,monthly_income,monthly_expenditure,children_in_school,has_business,food_insecure\n\
        H1,baseline,2025-09-01,0,500000,2,false,true\n\
        H1,2026-Q2,2026-06-15,0,600000,1,false,true\n";
    write(&site.join("surveys.csv"), surveys);
    let rows = indicators(&dir, site.to_str().unwrap(), &[]);
    check_properties(&rows);
    let mut e = Expect::new(&rows);
    // Zero income: poor, with the full gap.
    e.ratio("poverty_headcount", "baseline", "all", SITE, 1.0, 1.0);
    e.ratio("poverty_gap", "baseline", "all", SITE, 1.0, 1.0);
    // Adequacy against a zero income has a zero denominator.
    e.ratio("adequacy", "2026-Q1", "CASH", SITE, 900_000.0, 0.0);
    e.ratio("income_change_mean", "2026-Q2", "all", SITE, 0.0, 1.0);
    // H1 is trained and nobody else exists: no comparison group.
    e.value("income_impact_did", "2026-Q2", "all", SITE, None);
    // One household: no inequality.
    e.value("aid_theil", "2026-Q1", "all", SITE, Some(0.0));
    e.value("rt_allocation_gini", "2026-Q1", "all", SITE, Some(0.0));
    e.value("aid_concentration_index", "2026-Q1", "all", SITE, Some(0.0));
    e.ratio("coverage", "2026-Q1", "all", SITE, 1.0, 1.0);
    e.ratio("school_enrolment_rate", "2026-Q2", "all", SITE, 1.0, 2.0);
    let text = dir
        .pantau(&["indicators", site.to_str().unwrap()])
        .expect_code(0)
        .stdout();
    assert!(
        !text.to_lowercase().contains("nan") && !text.contains("inf"),
        "{text}"
    );
}

/// `program = aid` takes the aid programs together only where a site also
/// has training programs; without them it would repeat `all`.
#[test]
fn aid_rows_exist_only_beside_training_programs() {
    let dir = Dir::new();
    let audit = fixtures().join("audit");
    let rows = indicators(&dir, audit.to_str().unwrap(), &[]);
    assert!(rows.iter().any(|r| r.program == "all"));
    assert!(rows.iter().all(|r| r.program != "aid"));
    let hand = fixtures().join("hand");
    let rows = indicators(&dir, hand.to_str().unwrap(), &[]);
    let aid: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.program == "aid")
        .map(|r| r.indicator.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "coverage",
        "exclusion_error",
        "inclusion_error",
        "adequacy",
        "regularity",
        "beneficiary_incidence",
        "benefit_incidence",
        "cgh",
    ]
    .into_iter()
    .collect();
    assert_eq!(aid, expected);
}

/// A sum of money past 2^53 rupiah cannot be shown exactly: 9,100 budget
/// lines of Rp 999,999,999,999 (each within the contract) add up to
/// 9,100,000,001,680,900 with the fixture's own, and the run is refused
/// rather than showing the balance with a wrong last digit.
#[test]
fn sums_past_what_a_report_shows_exactly_are_refused() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let balance = |rows: &[Row]| {
        rows.iter()
            .find(|r| {
                r.indicator == "budget_balance" && r.period == "2026-Q1" && r.group_by.is_empty()
            })
            .and_then(|r| r.value)
            .expect("the balance of 2026-Q1")
    };
    let before = balance(&indicators(&dir, "site", &[]));
    let path = site.join("budget.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for i in 0..9100 {
        text.push_str(&format!(
            "2026,1,expense,op{i},999999999999,999999999999,\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let run = dir.pantau(&["indicators", "site"]).expect_code(2);
    assert!(
        run.stderr().contains("comes to 9100000001680900")
            && run.stderr().contains("beyond 9,007,199,254,740,992"),
        "{}",
        run.stderr()
    );
    assert!(run.stdout().is_empty(), "{}", run.stdout());
    // 9,000 such lines stay below it, and are shown exactly.
    let mut text = std::fs::read_to_string(&path).unwrap();
    let keep: Vec<&str> = text.lines().take(text.lines().count() - 100).collect();
    text = keep.join("\n") + "\n";
    std::fs::write(&path, text).unwrap();
    let after = balance(&indicators(&dir, "site", &[]));
    assert_eq!(after, before - 9000.0 * 999_999_999_999.0);
    assert!(after.abs() > 8.99e15, "{after}");
}
