//! Budget transparency and integrity: the hand-made audit site (one case of
//! every flag and every reconciliation verdict), the planted problems of
//! both sample sites, the council report's exports, the public recipient
//! notice and the privacy gate.
//!
//! The audit site (tests/fixtures/audit), worked out by hand:
//!
//! Households (KK → head NIK, decile, status):
//!   …001 NIK …800011 d1 active; …002 NIK …800011 (shared) d2 active;
//!   …003 d3 deceased 2026-02-01; …004 d6 active (eligible for nothing).
//! Ledger (CASH 300,000 a month, eligible decile ≤ 3; FOOD 200,000, decile ≤ 4):
//!   line 2 D1  2026-01-05 …001 CASH       line 7  D6  2026-02-10 …003 CASH
//!   line 3 D2  2026-01-20 …001 CASH       line 8  -D7 2026-01-10 …004 CASH (a formula to Excel)
//!   line 4 D3  2026-02-05 …001 CASH       line 9  D8  2026-01-15 9999… CASH (unknown)
//!   line 5 D4  2026-03-05 …001 CASH       line 10 D9  2026-01-12 …002 FOOD, local
//!   line 6 D5  2026-01-05 …003 CASH       line 11 D10 failed; line 12 D11 2026-04-05 …001 CASH
//! Flags:
//!   duplicate payment: D2 repeats D1 (January) → 300,000;
//!   over entitlement: …001 CASH 2026-Q1 = D1–D4 = 1,200,000 > 3 × 300,000 → excess 300,000;
//!   after exit: D6, paid 9 days after the death → 300,000;
//!   ineligible: line 8 (decile 6) → 300,000;
//!   unregistered: D8 → 300,000;
//!   duplicate NIK: …800011 on households at registry lines 2 and 3; they received
//!     D1–D4 + D11 = 1,500,000 and D9 = 200,000 → 1,700,000.
//! Reconciliation (tolerance: 1% of realised or Rp 5,000, whichever is larger):
//!   2026-Q1 CASH: realised 2,410,000 − delivered 8 × 300,000 = +10,000 ≤ 24,100 → matches;
//!   2026-Q1 FOOD: 150,000 − 200,000 = −50,000 > 5,000 → under (−33.3%);
//!   2026-Q2 CASH: 600,000 − 300,000 = +300,000 > 6,000 → over (50%).
//! Budget: Q1 revenue 2,700,000 + 200,000 = 2,900,000 of 3,500,000 planned;
//!   Q1 spending 2,560,000 of 2,700,000 → absorption 0.948148…, balance 340,000;
//!   Q2 spending 600,000 of 900,000 → 0.6667; year to date 3,160,000 / 3,600,000.
//! Cost per household reached, Q1 CASH: 2,410,000 / 4 households (…001, …003,
//!   …004, 9999…) = 602,500; all programs 2,560,000 / 5 = 512,000; CASH year to
//!   date through Q2: 3,010,000 / 4 = 752,500.
//! Local sourcing Q1: 200,000 / 200,000 = 1; eco packaging 0 / 200,000 = 0.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::harness::{edit, fixtures, repo, Dir};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1790000000");

fn audit_site() -> String {
    fixtures().join("audit").display().to_string()
}

/// (indicator, period, program, group) → (numerator, denominator, value).
type Table = BTreeMap<(String, String, String, String), (Option<f64>, Option<f64>, Option<f64>)>;

fn indicator_table(dir: &Dir, site: &str) -> Table {
    let json = dir
        .pantau(&["indicators", site, "--format", "json"])
        .expect_code(0)
        .json();
    let text = |r: &Value, k: &str| r[k].as_str().unwrap_or("").to_string();
    json.as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                (
                    text(r, "indicator"),
                    text(r, "period"),
                    text(r, "program"),
                    text(r, "group"),
                ),
                (
                    r["numerator"].as_f64(),
                    r["denominator"].as_f64(),
                    r["value"].as_f64(),
                ),
            )
        })
        .collect()
}

fn get(t: &Table, id: &str, period: &str, program: &str, group: &str) -> (f64, f64, f64) {
    let key = (
        id.to_string(),
        period.to_string(),
        program.to_string(),
        group.to_string(),
    );
    let (n, d, v) = t.get(&key).unwrap_or_else(|| panic!("no row {key:?}"));
    (
        n.unwrap_or(f64::NAN),
        d.unwrap_or(f64::NAN),
        v.unwrap_or(f64::NAN),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn budget_and_flag_indicators_match_the_hand_calculation() {
    let dir = Dir::new();
    let t = indicator_table(&dir, &audit_site());
    let expect = |id: &str, period: &str, program: &str, group: &str, want: (f64, f64, f64)| {
        let got = get(&t, id, period, program, group);
        for (g, w) in [(got.0, want.0), (got.1, want.1), (got.2, want.2)] {
            assert!(
                (g.is_nan() && w.is_nan()) || close(g, w),
                "{id} {period} {program} {group}: got {got:?}, want {want:?}"
            );
        }
    };
    let nan = f64::NAN;
    expect(
        "budget_absorption",
        "2026-Q1",
        "all",
        "",
        (2_560_000.0, 2_700_000.0, 2_560_000.0 / 2_700_000.0),
    );
    expect(
        "budget_absorption",
        "2026-Q1",
        "all",
        "FOOD",
        (150_000.0, 200_000.0, 0.75),
    );
    expect(
        "budget_absorption",
        "2026-Q2-YTD",
        "all",
        "",
        (3_160_000.0, 3_600_000.0, 3_160_000.0 / 3_600_000.0),
    );
    expect(
        "revenue_realisation",
        "2026-Q1",
        "all",
        "csr",
        (200_000.0, 500_000.0, 0.4),
    );
    expect(
        "funding_share",
        "2026-Q1",
        "all",
        "dana_desa",
        (2_700_000.0, 2_900_000.0, 27.0 / 29.0),
    );
    expect(
        "budget_balance",
        "2026-Q1",
        "all",
        "",
        (nan, nan, 340_000.0),
    );
    expect(
        "budget_balance",
        "2026-Q2-YTD",
        "all",
        "",
        (nan, nan, 340_000.0),
    );
    expect(
        "reconciliation_gap",
        "2026-Q1",
        "CASH",
        "",
        (nan, nan, 10_000.0),
    );
    expect(
        "reconciliation_gap",
        "2026-Q1",
        "FOOD",
        "",
        (nan, nan, -50_000.0),
    );
    expect(
        "reconciliation_gap_share",
        "2026-Q2",
        "CASH",
        "",
        (300_000.0, 600_000.0, 0.5),
    );
    expect(
        "cost_per_beneficiary",
        "2026-Q1",
        "CASH",
        "",
        (2_410_000.0, 4.0, 602_500.0),
    );
    expect(
        "cost_per_beneficiary",
        "2026-Q1",
        "all",
        "",
        (2_560_000.0, 5.0, 512_000.0),
    );
    expect(
        "cost_per_beneficiary",
        "2026-Q2-YTD",
        "CASH",
        "",
        (3_010_000.0, 4.0, 752_500.0),
    );
    expect(
        "local_sourcing_share",
        "2026-Q1",
        "FOOD",
        "",
        (200_000.0, 200_000.0, 1.0),
    );
    expect(
        "eco_packaging_share",
        "2026-Q1",
        "all",
        "",
        (0.0, 200_000.0, 0.0),
    );
    expect(
        "local_sourcing_share",
        "2026-Q2",
        "all",
        "",
        (0.0, 0.0, nan),
    );
    for flag in [
        "flag_duplicate_payment",
        "flag_ineligible_payment",
        "flag_payment_after_exit",
        "flag_over_entitlement",
        "flag_unregistered_recipient",
    ] {
        expect(flag, "2026-Q1", "CASH", "", (1.0, nan, 1.0));
        expect(flag, "2026-Q1", "FOOD", "", (0.0, nan, 0.0));
        expect(flag, "2026-Q2", "all", "", (0.0, nan, 0.0));
        expect(flag, "all", "all", "", (1.0, nan, 1.0));
        expect(
            "flag_amount",
            "all",
            "all",
            flag,
            (300_000.0, nan, 300_000.0),
        );
    }
    expect("flag_duplicate_nik", "all", "all", "", (1.0, nan, 1.0));
    expect(
        "flag_amount",
        "all",
        "all",
        "flag_duplicate_nik",
        (1_700_000.0, nan, 1_700_000.0),
    );
    // A registry flag has no quarter.
    assert!(!t
        .keys()
        .any(|k| k.0 == "flag_duplicate_nik" && k.1 != "all"));
}

#[test]
fn each_case_leads_back_to_its_lines() {
    let site =
        pantau::site::Site::open(&fixtures().join("audit"), pantau::validate::Tolerance::None)
            .expect("audit site");
    let ind = pantau::indicators::compute(&site).expect("indicators");
    let periods: Vec<String> = ind.cases.iter().map(|c| c.period.label()).collect();
    let cases: Vec<(&str, &str, Vec<u64>, i64)> = ind
        .cases
        .iter()
        .zip(&periods)
        .map(|(c, period)| (c.flag.as_str(), period.as_str(), c.lines.clone(), c.amount))
        .collect();
    assert_eq!(
        cases,
        vec![
            ("flag_duplicate_payment", "2026-Q1", vec![3], 300_000),
            ("flag_ineligible_payment", "2026-Q1", vec![8], 300_000),
            ("flag_payment_after_exit", "2026-Q1", vec![7], 300_000),
            (
                "flag_over_entitlement",
                "2026-Q1",
                vec![2, 3, 4, 5],
                300_000
            ),
            ("flag_duplicate_nik", "all", vec![2, 3], 1_700_000),
            ("flag_unregistered_recipient", "2026-Q1", vec![9], 300_000),
        ]
    );
    // The shared NIK's households (lines 2 and 3) received 1,400,000 in
    // 2026-Q1 (D1-D4 to the first, D9 to the second) and 300,000 in
    // 2026-Q2 (D11): a report of an earlier quarter shows what they had
    // received by its end.
    let nik = &ind.cases[4];
    let q = |label: &str| pantau::indicators::period::Quarter::parse(label).unwrap();
    assert_eq!(nik.amount_up_to(q("2025-Q4")), 0);
    assert_eq!(nik.amount_up_to(q("2026-Q1")), 1_400_000);
    assert_eq!(nik.amount_up_to(q("2026-Q2")), 1_700_000);
    assert_eq!(ind.cases[0].amount_up_to(q("2026-Q2")), 300_000);
    use pantau::indicators::Detail;
    assert_eq!(
        ind.cases[0].detail,
        Detail::DuplicatePayment {
            month: "2026-01".into(),
            first_line: 2,
            first_id: "D1".into()
        }
    );
    assert_eq!(
        ind.cases[2].detail,
        Detail::AfterExit {
            status: "deceased".into(),
            since: "2026-02-01".into()
        }
    );
    assert_eq!(
        ind.cases[3].detail,
        Detail::OverEntitlement {
            delivered: 1_200_000,
            allowed: 900_000
        }
    );
    assert_eq!(
        ind.cases[4].detail,
        Detail::DuplicateNik {
            nik: "317305**********".into(),
            households: 2
        }
    );
    let periods: Vec<String> = ind
        .budget
        .reconciliation
        .iter()
        .map(|r| r.period.label())
        .collect();
    let verdicts: Vec<(&str, &str, i64, &str, usize)> = ind
        .budget
        .reconciliation
        .iter()
        .zip(&periods)
        .map(|(r, period)| {
            (
                period.as_str(),
                r.program.as_str(),
                r.gap,
                r.verdict.as_str(),
                r.rows.len(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        vec![
            ("2026-Q1", "CASH", 10_000, "matches", 0),
            // The rows behind a line that does not match: every ledger row of
            // the program in the quarter, the failed one included.
            ("2026-Q1", "FOOD", -50_000, "under", 2),
            ("2026-Q2", "CASH", 300_000, "over", 1),
        ]
    );
    assert_eq!(ind.budget.reconciliation[1].budget_lines, vec![5]);
    assert_eq!(ind.budget.reconciliation[2].rows[0].line, 12);
}

/// The answer key of a sample site: (flag, key) pairs, with households
/// turned into the ledger rows or registry lines the flag lists.
fn planted(site: &Path) -> BTreeSet<(String, String)> {
    let key = std::fs::read_to_string(site.join("planted_problems.csv")).expect("answer key");
    let mut out = BTreeSet::new();
    for line in key.lines().skip(1) {
        let fields: Vec<&str> = line.splitn(4, ',').collect();
        let (flag, table, id, detail) = (fields[0], fields[1], fields[2], fields[3]);
        match (flag, table) {
            ("reconciliation_gap", _) => {
                out.insert((flag.to_string(), id.to_string()));
            }
            ("flag_duplicate_nik", _) => {
                out.insert((flag.to_string(), sorted_words(id)));
            }
            (_, "distributions") => {
                out.insert((flag.to_string(), id.to_string()));
            }
            ("flag_ineligible_payment", "households") => {
                let program = detail.trim_matches('"').split(' ').next().unwrap_or("");
                out.insert((flag.to_string(), format!("{id} {program}")));
            }
            ("flag_over_entitlement", "households") => {
                let mut words = detail.trim_matches('"').split([' ', ':']);
                let program = words.next().unwrap_or("");
                let quarter = words.next().unwrap_or("");
                out.insert((flag.to_string(), format!("{id} {program} {quarter}")));
            }
            _ => panic!("unexpected answer key line {line}"),
        }
    }
    out
}

fn sorted_words(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort_unstable();
    words.join(" ")
}

/// What pantau found, keyed like [`planted`].
fn found(site: &Path) -> BTreeSet<(String, String)> {
    let s = pantau::site::Site::open(site, pantau::validate::Tolerance::None).expect("sample site");
    let ind = pantau::indicators::compute(&s).expect("indicators");
    let mut out = BTreeSet::new();
    for c in &ind.cases {
        let flag = c.flag.to_string();
        match c.flag.as_str() {
            "flag_ineligible_payment" => {
                out.insert((flag, format!("{} {}", c.household_id, c.program)));
            }
            "flag_over_entitlement" => {
                out.insert((
                    flag.clone(),
                    format!("{} {} {}", c.household_id, c.program, c.period),
                ));
                // The key names the delivery that pushed the quarter over.
                for r in &c.records {
                    out.insert((flag.clone(), r.clone()));
                }
            }
            "flag_duplicate_nik" => {
                out.insert((flag, sorted_words(&c.records.join(" "))));
            }
            _ => {
                for r in &c.records {
                    out.insert((flag.clone(), r.clone()));
                }
            }
        }
    }
    for r in &ind.budget.reconciliation {
        if r.verdict != pantau::indicators::Verdict::Matches {
            out.insert((
                "reconciliation_gap".into(),
                format!("{} {}", r.period, r.program),
            ));
        }
    }
    out
}

#[test]
fn every_planted_problem_is_found_and_nothing_else() {
    for name in ["semanan", "duri-selatan"] {
        let site = repo().join("sample-data").join(name);
        let want = planted(&site);
        let got = found(&site);
        let missing: Vec<_> = want.difference(&got).collect();
        assert!(missing.is_empty(), "{name}: not found: {missing:?}");
        // Over-entitlement cases list every delivery of the quarter; only
        // the one the key names is a separate planted row.
        let extra: Vec<_> = got
            .difference(&want)
            .filter(|(flag, key)| flag != "flag_over_entitlement" || key.contains(' '))
            .collect();
        assert!(
            extra.is_empty(),
            "{name}: flagged but not planted: {extra:?}"
        );
    }
}

/// Runs of 16 or more digits that stand apart from letters.
fn has_full_identifier(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - start >= 16
            && !(start > 0 && bytes[start - 1].is_ascii_alphabetic())
            && !(i < bytes.len() && bytes[i].is_ascii_alphabetic())
        {
            return true;
        }
        i = i.max(start + 1);
    }
    false
}

#[test]
fn council_exports_are_complete_masked_and_never_formulas() {
    let dir = Dir::new();
    let run = dir
        .pantau_env(
            &[
                "report",
                &audit_site(),
                "--audience",
                "council",
                "--period",
                "2026-Q2",
                "--lang",
                "en",
                "--out",
                "out",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    let written: Vec<String> = run.stdout().lines().map(str::to_string).collect();
    for name in [
        "audit-council-2026-Q2-en.html",
        "audit-flags-2026-Q2.csv",
        "audit-reconciliation-2026-Q2.csv",
        "audit-ledger-rows-2026-Q2.csv",
        "audit-audit-2026-Q2.xlsx",
    ] {
        assert!(
            written.iter().any(|w| w.ends_with(name)),
            "{name} not written: {written:?}"
        );
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(&format!("out/{name}"))).unwrap();
    let flags = read("audit-flags-2026-Q2.csv");
    assert_eq!(flags.lines().count(), 7, "{flags}");
    assert!(flags.contains(",'-D7,"), "{flags}");
    assert!(flags.contains("flag_duplicate_nik,all,all,317305**********,1,households.csv,\"2, 3\",\"317305**********, 317305**********\""), "{flags}");
    // Of 2026-Q1, the shared NIK with what its households received by the
    // quarter's end (1,400,000 of 1,700,000), and only that quarter's cases.
    let run = dir
        .pantau_env(
            &[
                "report",
                &audit_site(),
                "--audience",
                "council",
                "--period",
                "2026-Q1",
                "--lang",
                "en",
                "--out",
                "q1",
            ],
            &[EPOCH],
        )
        .expect_code(0);
    let q1 = std::fs::read_to_string(dir.join("q1/audit-flags-2026-Q1.csv")).unwrap();
    assert_eq!(q1.lines().count(), 7, "{q1} {}", run.stderr());
    let nik = q1
        .lines()
        .find(|l| l.starts_with("flag_duplicate_nik"))
        .unwrap();
    assert!(nik.contains(",1400000,"), "{nik}");
    let recon = read("audit-reconciliation-2026-Q2.csv");
    assert!(
        recon.contains("2026-Q1,FOOD,5,200000,150000,200000,1,1,-50000,-33.33,5000,under"),
        "{recon}"
    );
    assert!(
        recon.contains("2026-Q2,CASH,7,900000,600000,300000,1,1,300000,50.00,6000,over"),
        "{recon}"
    );
    let rows = read("audit-ledger-rows-2026-Q2.csv");
    assert!(
        rows.contains("2026-Q1,FOOD,11,D10,2026-02-12,317305**********,200000,failed"),
        "{rows}"
    );
    let html = read("audit-council-2026-Q2-en.html");
    for text in [&flags, &recon, &rows, &html] {
        assert!(!has_full_identifier(text), "a full identifier leaked");
        assert!(!text.contains("3173050101800011"));
    }
    assert!(html.contains("budget under ledger") && html.contains("budget over ledger"));

    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(dir.join("out/audit-audit-2026-Q2.xlsx")).expect("xlsx");
    assert_eq!(
        book.sheet_names(),
        vec!["flags", "reconciliation", "ledger_rows"]
    );
    let sheet = book.worksheet_range("flags").expect("flags sheet");
    let cells: Vec<&Data> = sheet.used_cells().map(|(_, _, c)| c).collect();
    assert!(cells.contains(&&Data::String("'-D7".into())));
    assert!(cells.contains(&&Data::Float(1_700_000.0)));
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name} has a formula"
        );
        let range = book.worksheet_range(&name).unwrap();
        for (_, _, c) in range.used_cells() {
            if let Data::String(s) = c {
                assert!(!has_full_identifier(s), "{name}: {s}");
                assert!(!s.starts_with(['=', '+', '-', '@']), "{name}: {s}");
            }
        }
    }
}

fn notice(dir: &Dir, site: &str, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["notice", site, "--out", "out"];
    args.extend_from_slice(extra);
    dir.pantau_env(&args, &[EPOCH])
}

#[test]
fn the_notice_masks_identifiers_and_names_and_escapes_html() {
    let dir = Dir::new();
    let run = notice(
        &dir,
        &audit_site(),
        &["--program", "CASH", "--period", "2026-Q1", "--lang", "en"],
    )
    .expect_code(0);
    let path = dir.path().join(run.stdout().trim());
    assert!(
        path.ends_with("out/audit-notice-cash-2026-Q1-en.html"),
        "{}",
        path.display()
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(!has_full_identifier(&html));
    assert!(!html.contains("317305"), "no family-card digits");
    assert!(html.contains("Budi S.") && !html.contains("Santoso"));
    assert!(
        html.contains("&lt;b&gt;Agus&lt;&#x2F;b&gt; W."),
        "the name is text"
    );
    assert!(!html.contains("<b>Agus"));
    assert!(html.contains("Kotak pengaduan di kantor desa"));
    // Three registered households in two RTs; the unknown one is counted apart.
    // (tera escapes the slash.)
    assert!(html.contains("RW 01 &#x2F; RT 001") && html.contains("RW 02 &#x2F; RT 001"));
    assert!(
        html.contains("3 households received Rp 2,100,000 in total."),
        "{html}"
    );
    assert!(html.contains("1 delivery worth Rp 300,000"), "{html}");
    assert!(!html.contains("Wijaya"));

    // Same inputs, same bytes.
    let again = notice(
        &dir,
        &audit_site(),
        &["--program", "CASH", "--period", "2026-Q1", "--lang", "en"],
    )
    .expect_code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(again.stdout().trim())).unwrap(),
        html
    );
}

#[test]
fn the_privacy_gate_refuses_and_nothing_is_written() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("audit"), "site");
    // A NIK typed into the name column, and the village allows full names.
    edit(&site.join("households.csv"), |text| {
        text.replace("Budi Santoso", "3173050101800077")
    });
    // The settings as they were, to restore below.
    let config = site.join("site.toml");
    let toml = std::fs::read_to_string(&config).unwrap();
    edit(&config, |toml| {
        toml.replace("[notice]", "[notice]\nfull_names = true")
    });
    let site = site.display().to_string();
    let before = dir.snapshot();
    let run = notice(&dir, &site, &["--program", "CASH", "--period", "2026-Q1"]).expect_code(2);
    assert!(run.stderr().contains("privacy gate"), "{}", run.stderr());
    assert!(
        run.stderr().contains("notice-cash-2026-Q1-id.html"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing may be written");

    // With names masked (the default) the same data passes: 317*************.
    std::fs::write(dir.join("site/site.toml"), toml).unwrap();
    let run = notice(&dir, &site, &["--program", "CASH", "--period", "2026-Q1"]).expect_code(0);
    let html = std::fs::read_to_string(dir.path().join(run.stdout().trim())).unwrap();
    assert!(html.contains("317*************"));

    // Unknown program, or a quarter without deliveries: exit 2, nothing written.
    let before = dir.snapshot();
    let run = notice(&dir, &site, &["--program", "NOPE", "--period", "2026-Q1"]).expect_code(2);
    assert!(run.stderr().contains("CASH, FOOD"), "{}", run.stderr());
    notice(&dir, &site, &["--program", "FOOD", "--period", "2026-Q2"]).expect_code(2);
    assert_eq!(dir.snapshot(), before);
}

/// A household rejected under `--max-rejected-rows` is left out of the
/// indicators, not out of the privacy gate: its NIK, written with a letter
/// O for a zero, is refused and named.
#[test]
fn the_privacy_gate_knows_the_rejected_households() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    edit(&site.join("households.csv"), |text| {
        format!("{text}H099,3173059999800099,Uji Coba,L,100,1,1,0,0,0,0,3,2020-01-01,active,\n")
    });
    edit(&site.join("site.toml"), |text| {
        text.replacen(
            "name = \"Cash aid\"",
            "name = \"Cash aid 3173O59999800099\"",
            1,
        )
    });
    let before = dir.snapshot();
    let run = dir.pantau(&["report", "site", "--max-rejected-rows", "1", "--out", "out"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("privacy gate") && run.stderr().contains("column head_nik"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing may be written");
    // Without the name the report is written, the household left out.
    edit(&site.join("site.toml"), |text| {
        text.replacen("Cash aid 3173O59999800099", "Cash aid", 1)
    });
    dir.pantau(&["report", "site", "--max-rejected-rows", "1", "--out", "out"])
        .expect_code(0);
}

/// A site folder named after a NIK would put it in every file's name and
/// in the manifest: the report is refused, and nothing is written.
#[test]
fn the_privacy_gate_reads_the_names_of_the_files() {
    let dir = Dir::new();
    dir.copy_dir(&fixtures().join("tiny"), "3173050101800001");
    let before = dir.snapshot();
    let run = dir.pantau(&["report", "3173050101800001", "--out", "out"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("privacy gate") && run.stderr().contains("column head_nik"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing may be written");
    // Named otherwise, the same site is reported.
    dir.copy_dir(&fixtures().join("tiny"), "desa-2026");
    dir.pantau(&["report", "desa-2026", "--out", "out"])
        .expect_code(0);
}

/// The gate finds identifiers however they are written (stuck to letters,
/// in groups with spaces, dots or dashes) and names the input that carried
/// them, for every audience.
#[test]
fn the_privacy_gate_sees_through_spacing_and_names_the_input() {
    let cases = [
        // (file, find, replace, audience, the input named)
        (
            "site.toml",
            "name = \"Cash aid\"",
            "name = \"Cash aid x5555444433332222\"",
            "evaluator",
            "site.toml, program CASH: name",
        ),
        (
            "budget.csv",
            "2026,2,expense,CASH,900000,600000,",
            "2026,1,expense,biaya 3173 0501 0180 0011,1000,1000,\n2026,2,expense,CASH,900000,600000,",
            "council",
            "households.csv line 2, column head_nik",
        ),
        (
            "budget.csv",
            "2026,2,expense,CASH,900000,600000,",
            "2026,1,expense,biaya 1111-2222-3333-4444,1000,1000,\n2026,2,expense,CASH,900000,600000,",
            "council",
            "budget.csv line 7, column category",
        ),
        (
            "site.toml",
            "name = \"Cash aid\"",
            "name = \"Cash 3173.0501.0180.0011\"",
            "partner",
            "households.csv line 2, column head_nik",
        ),
        // A page escapes `/`, `'` and `&` as character references, which
        // a browser shows as the characters.
        (
            "site.toml",
            "name = \"Cash aid\"",
            "name = \"Cash aid 3173/0501/0180/0011\"",
            "evaluator",
            "households.csv line 2, column head_nik",
        ),
        (
            "site.toml",
            "name = \"Cash aid\"",
            "name = \"Cash aid 3173'0501'0180'0011\"",
            "council",
            "households.csv line 2, column head_nik",
        ),
    ];
    for (file, find, replace, audience, named) in cases {
        let dir = Dir::new();
        let site = dir.copy_dir(&fixtures().join("audit"), "site");
        edit(&site.join(file), |text| {
            assert!(text.contains(find), "{file}: {find}");
            text.replacen(find, replace, 1)
        });
        let before = dir.snapshot();
        let run = dir.pantau(&["report", "site", "--audience", audience, "--out", "out"]);
        assert_eq!(run.code(), 2, "{replace}: {}", run.stderr());
        assert!(
            run.stderr().contains("privacy gate") && run.stderr().contains(named),
            "{replace}: {}",
            run.stderr()
        );
        assert!(run.stderr().contains("line "), "{}", run.stderr());
        assert_eq!(dir.snapshot(), before, "nothing may be written");
    }
}

/// The texts of one table of a council page section, row by row (each
/// cell as `text` or `text [sub]`).
fn council_table(section: &str, caption_start: &str, lang: pantau::fmt::Lang) -> Vec<Vec<String>> {
    page_table(
        &["audit"],
        pantau::report::Audience::Council,
        section,
        caption_start,
        lang,
    )
}

/// The texts of one table of a page for the given fixture sites.
fn page_table(
    sites: &[&str],
    audience: pantau::report::Audience,
    section: &str,
    caption_start: &str,
    lang: pantau::fmt::Lang,
) -> Vec<Vec<String>> {
    let prepared: Vec<_> = sites
        .iter()
        .map(|site| {
            pantau::report::prepare(
                &fixtures().join(site),
                None,
                pantau::validate::Tolerance::None,
            )
            .expect("fixture site")
        })
        .collect();
    let page = pantau::report::build_page(&prepared, audience, lang).expect("page");
    let page = serde_json::to_value(&page).unwrap();
    let sec = page["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == section)
        .unwrap_or_else(|| panic!("no section {section}"));
    let table = sec["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["caption"]
                .as_str()
                .is_some_and(|c| c.starts_with(caption_start))
        })
        .unwrap_or_else(|| panic!("no table '{caption_start}…' in {section}"));
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let (text, sub) = (c["text"].as_str().unwrap(), c["sub"].as_str().unwrap());
                    if sub.is_empty() {
                        text.to_string()
                    } else {
                        format!("{text} [{sub}]")
                    }
                })
                .collect()
        })
        .collect()
}

/// Rupiah and households per RW in 2026-Q1, by hand from the ledger above:
/// RW 01 (…001, …002): D1–D4 CASH 1,200,000 + D9 FOOD 200,000 = 1,400,000,
/// 2 households, 700,000 each; RW 02 (…003, …004): D5, D6, D7 = 900,000,
/// 2 households, 450,000 each; not in the registry (9999…): D8 300,000.
/// Integrity cases of the quarter: RW 01 duplicate + over entitlement = 2,
/// RW 02 after exit + ineligible = 2, unregistered 1 (the shared NIK is a
/// registry case, not a quarter's).
#[test]
fn rupiah_and_households_per_rw_match_the_hand_calculation() {
    use pantau::fmt::Lang;
    let rows = council_table("recipients", "Recipients per RW", Lang::En);
    let cols = |r: &Vec<String>| {
        (
            r[0].clone(),
            r[3].clone(),
            r[4].clone(),
            r[5].clone(),
            r[6].clone(),
        )
    };
    assert_eq!(
        rows.iter().map(cols).collect::<Vec<_>>(),
        vec![
            (
                "RW 01".into(),
                "2".into(),
                "Rp 1,400,000".into(),
                "Rp 700,000 [Rp 1,400,000 / 2]".into(),
                "2".into()
            ),
            (
                "RW 02".into(),
                "2".into(),
                "Rp 900,000".into(),
                "Rp 450,000 [Rp 900,000 / 2]".into(),
                "2".into()
            ),
            (
                "Not in the registry".into(),
                "1".into(),
                "Rp 300,000".into(),
                "Rp 300,000 [Rp 300,000 / 1]".into(),
                "1".into()
            ),
            (
                "Total".into(),
                "5".into(),
                "Rp 2,600,000".into(),
                "Rp 520,000 [Rp 2,600,000 / 5]".into(),
                "5".into()
            ),
        ]
    );
    // The flags grouped by RW and program: the payment to the decile-6
    // household (…004, RW 02) is the one ineligible case.
    let ineligible = council_table("integrity", "Payment to an ineligible", Lang::En);
    assert_eq!(ineligible[0][0], "RW 02");
    assert_eq!(ineligible[0][1], "1 [Rp 300,000]");
    assert_eq!(ineligible.last().unwrap()[0], "Total");
    // One program (CASH): no column over the programs beside it.
    assert!(
        ineligible.iter().all(|row| row.len() == 2),
        "{ineligible:?}"
    );
}

/// The council's headline figures agree with the table of recipients by
/// RW: the quarter's deliveries reached 5 households, 1 of them not in the
/// registry, and the value delivered (Rp 2,600,000) went to all 5, so
/// Rp 520,000 each (not Rp 650,000 over the 4 registered households).
#[test]
fn council_headlines_count_every_household_the_aid_reached() {
    use pantau::fmt::Lang;
    let prepared = pantau::report::prepare(
        &fixtures().join("audit"),
        None,
        pantau::validate::Tolerance::None,
    )
    .expect("fixture site");
    let page = pantau::report::build_page(&[prepared], pantau::report::Audience::Council, Lang::En)
        .expect("page");
    let page = serde_json::to_value(&page).unwrap();
    let figure = |label: &str| {
        page["headlines"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["label"] == label)
            .unwrap_or_else(|| panic!("no headline {label}"))
            .clone()
    };
    assert_eq!(figure("Aid value delivered")["value"], "Rp 2,600,000");
    let reached = figure("Households reached");
    assert_eq!(reached["value"], "5");
    assert_eq!(reached["basis"], "of which 1 not in the registry");
    let each = figure("Value per household reached");
    assert_eq!(each["value"], "Rp 520,000");
    assert_eq!(each["basis"], "Rp 2,600,000 over 5 households");
    // So does the row of all programs in the table of deliveries by
    // program: the distinct households of every program's rows.
    let uses = council_table("uses", "Deliveries by program", Lang::En);
    let all = uses.last().unwrap();
    assert_eq!(
        (all[0].as_str(), all[3].as_str()),
        ("All programs", "5"),
        "{uses:?}"
    );
}

/// The partner comparison of the hand site (2026-Q2) and the audit site
/// (2026-Q1): coverage of the aid programs 4/4 against 3/3, a difference
/// of +0.0 points; the audit site's cost-effectiveness by hand from the
/// ledger above: Q1 spending 2,560,000 for 5 households reached = 512,000
/// each, absorption 2,560,000 / 2,700,000 = 94.8%, 5 cases in the quarter
/// (duplicate, over entitlement, after exit, ineligible, unregistered) =
/// 100.0 per 100 households reached.
#[test]
fn partners_see_the_difference_and_the_cost_by_hand() {
    use pantau::fmt::Lang;
    use pantau::report::Audience;
    let compare = page_table(
        &["hand", "audit"],
        Audience::Partner,
        "compare",
        "Indicators by site",
        Lang::En,
    );
    // The hand site has training beside its aid, so its coverage is of the
    // aid programs (4 of 4 eligible in 2026-Q2); the audit site has no
    // training (3 of 3). Poverty headcount at the latest round: hand 2 / 5
    // (see indicators.rs) against the audit site's none.
    let coverage = compare
        .iter()
        .find(|r| r[0] == "Coverage of the aid programs")
        .unwrap();
    assert_eq!(coverage[1], "100.0% [4 / 4]");
    assert_eq!(coverage[2], "100.0% [3 / 3]");
    assert_eq!(coverage[3], "0.0 pp");
    // Inclusion error: the audit site reached …001, …002, …003 and the
    // decile-6 household …004 that no program admits (1 of 4); the hand
    // site none of its 4: +25.0 points.
    let inclusion = compare
        .iter()
        .find(|r| r[0] == "Inclusion error, aid programs")
        .unwrap();
    assert_eq!(
        inclusion[1..],
        ["0.0% [0 / 4]", "25.0% [1 / 4]", "+25.0 pp"]
    );
    let cost = page_table(
        &["hand", "audit"],
        Audience::Partner,
        "cost",
        "Cost-effectiveness per site",
        Lang::En,
    );
    assert_eq!(
        cost[1][1..],
        [
            "Rp 2,560,000",
            "5",
            "Rp 512,000",
            "94.8% [Rp 2,560,000 / Rp 2,700,000]",
            "5",
            "100.0 [5 / 5]",
        ]
    );
    assert!(cost[1][0].starts_with("Audit"), "{:?}", cost[1]);
}

/// A name written over two lines of its cell, which a spreadsheet shows
/// in one and a page joins with a space, is read whole by the gate.
#[test]
fn the_privacy_gate_reads_a_number_over_a_line_break() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    edit(&site.join("site.toml"), |text| {
        format!("{text}\n[notice]\nfull_names = true\n")
    });
    edit(&site.join("households.csv"), |text| {
        text.replacen(
            "H1,3173050101800001,Budi Santoso,",
            "H1,3173050101800001,\"Budi 3173 0501\n0180 0001\",",
            1,
        )
    });
    dir.pantau(&["validate", "site"]).expect_code(0);
    let before = dir.snapshot();
    let run = dir.pantau(&[
        "notice",
        "site",
        "--program",
        "CASH",
        "--period",
        "2026-Q1",
        "--out",
        "out",
    ]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("privacy gate")
            && run
                .stderr()
                .contains("households.csv line 2, column head_nik"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing may be written");
}

/// `pantau indicators` prints what the report's copy of the table holds,
/// and is refused as it is: a budget category carrying a household's NIK.
#[test]
fn the_indicator_table_is_refused_with_an_identifier_in_a_group() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("audit"), "site");
    edit(&site.join("budget.csv"), |text| {
        text.replacen(
            "2026,2,expense,CASH,900000,600000,",
            "2026,1,expense,biaya 3173/0501/0180/0011,1000,1000,\n2026,2,expense,CASH,900000,600000,",
            1,
        )
    });
    for format in ["csv", "json"] {
        let run = dir.pantau(&["indicators", "site", "--format", format]);
        assert_eq!(run.code(), 2, "{format}: {}", run.stderr());
        assert!(run.stdout().is_empty(), "{format}: {}", run.stdout());
        assert!(
            run.stderr().contains("privacy gate")
                && run
                    .stderr()
                    .contains("households.csv line 2, column head_nik"),
            "{}",
            run.stderr()
        );
    }
    // Without it, the same table is printed.
    let clean = dir.copy_dir(&fixtures().join("audit"), "clean");
    let run = dir.pantau(&["indicators", clean.to_str().unwrap_or_default()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("budget_absorption"));
}
