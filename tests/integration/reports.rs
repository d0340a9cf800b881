//! `pantau report`: every audience and language for both sample sites
//! passes the Nu HTML Checker and renders in headless Chromium; reruns are
//! byte-identical; text from the data is escaped; templates can be
//! replaced; bad requests write nothing. The report context of the
//! hand-made site is pinned with insta snapshots.

use std::path::PathBuf;
use std::process::Command;

use pantau::fmt::Lang;
use pantau::report::{self, Audience};

use crate::harness::{fixtures, repo, sample, Dir};

pub(crate) const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1790000000");

/// Writes the reports for the given arguments into `out` and returns the
/// HTML files printed.
pub(crate) fn report(dir: &Dir, args: &[&str], out: &str) -> Vec<PathBuf> {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out]);
    let run = dir.pantau_env(&all, &[EPOCH]).expect_code(0);
    let printed: Vec<PathBuf> = run.stdout().lines().map(|l| dir.path().join(l)).collect();
    for p in &printed {
        assert!(p.is_file(), "{} was printed but not written", p.display());
    }
    printed
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// Every report of both sample sites: three audiences, two languages.
pub(crate) fn all_sample_reports(dir: &Dir, out: &str) -> Vec<PathBuf> {
    let (semanan, duri) = (sample("semanan"), sample("duri-selatan"));
    let mut html = Vec::new();
    for lang in ["id", "en"] {
        for audience in ["evaluator", "council"] {
            html.extend(report(
                dir,
                &[&semanan, &duri, "--audience", audience, "--lang", lang],
                out,
            ));
        }
        html.extend(report(
            dir,
            &[&semanan, &duri, "--audience", "partner", "--lang", lang],
            out,
        ));
    }
    html
}

#[test]
fn reports_are_self_contained_and_byte_identical_on_rerun() {
    let dir = Dir::new();
    let semanan = sample("semanan");
    let first = report(&dir, &[&semanan, "--audience", "evaluator"], "a");
    let second = report(&dir, &[&semanan, "--audience", "evaluator"], "b");
    assert_eq!(first.len(), 1);
    let (a, b) = (
        std::fs::read(&first[0]).unwrap(),
        std::fs::read(&second[0]).unwrap(),
    );
    assert!(a == b, "two runs with the same SOURCE_DATE_EPOCH differ");
    let html = String::from_utf8(a).unwrap();
    for external in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(
            !html.contains(external),
            "the report refers outside itself: {external}"
        );
    }
    // Indonesian formatting, the provenance footer and the CSV beside it.
    assert!(html.contains("<html lang=\"id\">"));
    assert!(html.contains("Rp "));
    assert!(html.contains("pantau 0.1.0"));
    let hash = {
        let out = Command::new("sha256sum")
            .arg(repo().join("sample-data/semanan/households.csv"))
            .output()
            .expect("sha256sum");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .next()
            .unwrap()
            .to_string()
    };
    assert!(
        html.contains(&hash),
        "the footer lacks the sha256 of households.csv"
    );
    assert!(
        html.contains("21 September 2026"),
        "generation time from SOURCE_DATE_EPOCH"
    );
    let csv = std::fs::read_to_string(first[0].with_extension("csv")).unwrap();
    assert!(csv.starts_with("site,indicator,period,program,group_by,group,"));
    assert!(csv.contains("Semanan,coverage,2026-Q3,BLT-DD,,,"));
    assert!(!csv.contains(",2026-Q4,"), "rows after the period shown");
}

#[test]
fn text_from_the_data_is_escaped() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        toml.replace(
            "name = \"Cash aid\"",
            "name = \"<script>alert('x')</script> & Co\"",
        ),
    )
    .unwrap();
    let trainings = std::fs::read_to_string(site.join("trainings.csv")).unwrap();
    let course = trainings
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(4)
        .unwrap()
        .to_string();
    std::fs::write(
        site.join("trainings.csv"),
        trainings.replace(&course, "<b>batik</b>"),
    )
    .unwrap();
    for audience in ["evaluator", "council"] {
        let html = report(
            &dir,
            &["site", "--audience", audience, "--lang", "en"],
            "out",
        );
        let text = std::fs::read_to_string(&html[0]).unwrap();
        assert!(
            !text.contains("<script"),
            "{audience}: a script tag from site.toml"
        );
        assert!(
            !text.contains("<b>batik"),
            "{audience}: markup from trainings.csv"
        );
        assert!(
            text.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2F;script&gt; &amp; Co"),
            "{audience}: the program name is not shown as text"
        );
    }
}

#[test]
fn templates_can_be_replaced() {
    let dir = Dir::new();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    std::fs::write(
        dir.join("tpl/header.html"),
        "<header><h1>{{ title }}</h1><p>Kantor Desa</p></header>",
    )
    .unwrap();
    let site = fixtures().join("hand").display().to_string();
    let html = report(&dir, &[&site, "--templates", "tpl"], "out");
    let text = std::fs::read_to_string(&html[0]).unwrap();
    assert!(text.contains("<p>Kantor Desa</p>"));
    assert!(!text.contains("class=\"masthead\""));
}

#[test]
fn bad_requests_write_nothing() {
    let dir = Dir::new();
    let site = fixtures().join("hand").display().to_string();
    let before = dir.snapshot();
    let run = dir
        .pantau_env(
            &["report", &site, "--period", "2019-Q1", "--out", "out"],
            &[EPOCH],
        )
        .expect_code(2);
    assert!(
        run.stderr().contains("--period 2019-Q1"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("2026-Q1"),
        "lists the quarters: {}",
        run.stderr()
    );
    let run = dir
        .pantau_env(&["report", "no-such-site", "--out", "out"], &[EPOCH])
        .expect_code(2);
    assert!(run.stderr().contains("no-such-site"), "{}", run.stderr());
    assert_eq!(before, dir.snapshot());
}

#[test]
fn a_failed_run_leaves_the_previous_report_intact() {
    let dir = Dir::new();
    let site = fixtures().join("hand").display().to_string();
    let html = report(&dir, &[&site], "out");
    let before = dir.snapshot();
    std::fs::create_dir_all(dir.join("tpl")).unwrap();
    // A template that fails while rendering (an unknown variable): the
    // user's input, so exit code 2.
    std::fs::write(dir.join("tpl/header.html"), "<h1>{{ no_such_field }}</h1>").unwrap();
    let run = dir
        .pantau_env(
            &["report", &site, "--templates", "tpl", "--out", "out"],
            &[EPOCH],
        )
        .expect_code(2);
    assert!(run.stderr().contains("no_such_field"), "{}", run.stderr());
    std::fs::remove_dir_all(dir.join("tpl")).unwrap();
    assert_eq!(before, dir.snapshot(), "{} changed", html[0].display());
}

/// The report context of the hand-made site, with times and checksums
/// redacted and the drawn SVG left out (the charts' titles and summaries
/// stay).
fn snapshot_page(audience: Audience, lang: Lang) -> pantau::report::page::Page {
    let prepared = report::prepare(
        &fixtures().join("hand"),
        None,
        pantau::validate::Tolerance::None,
    )
    .expect("hand site");
    report::build_page(&[prepared], audience, lang).expect("page")
}

#[test]
fn report_context_snapshots() {
    let cases = [
        ("evaluator-en", Audience::Evaluator, Lang::En),
        ("evaluator-id", Audience::Evaluator, Lang::Id),
        ("council-id", Audience::Council, Lang::Id),
        ("partner-en", Audience::Partner, Lang::En),
    ];
    for (name, audience, lang) in cases {
        let page = snapshot_page(audience, lang);
        insta::assert_json_snapshot!(name, page, {
            ".provenance.generated" => "[time]",
            ".provenance.inputs[].sha256" => "[sha256]",
            ".provenance.inputs[].bytes" => "[bytes]",
            ".t" => "[catalogue]",
            ".sections[].blocks[].svg" => "[svg]",
            ".sections[].blocks[].charts[].svg" => "[svg]",
        });
    }
}

/// The lines of a report's CSV without the site column, and the header.
fn csv_rows(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("site,indicator,period,"));
    lines
        .map(|l| l.split_once(',').unwrap().1.to_string())
        .collect()
}

/// The CSV beside a report holds the indicator rows that report shows,
/// each exactly as `pantau indicators` gives it: on the hand site the
/// evaluator's has every RT of 2026-Q2 (coverage of the aid programs) (RW 01 / RT 001, RT 002, RW 02 /
/// RT 001) and no budget rows, the council's the budget rows and no RT
/// rows; the two languages have the same rows.
#[test]
fn the_csv_beside_a_report_holds_the_rows_it_shows() {
    let dir = Dir::new();
    let site = fixtures().join("hand").display().to_string();
    let table: std::collections::BTreeSet<String> = dir
        .pantau(&["indicators", &site])
        .expect_code(0)
        .stdout()
        .lines()
        .skip(1)
        .map(String::from)
        .collect();
    let csv = |audience: &str, lang: &str| {
        let files = report(
            &dir,
            &[&site, "--audience", audience, "--lang", lang],
            &format!("{audience}-{lang}"),
        );
        let [html] = &files[..] else {
            panic!("one report expected: {files:?}")
        };
        csv_rows(&html.with_extension("csv"))
    };
    let evaluator = csv("evaluator", "id");
    let council = csv("council", "id");
    for row in evaluator.iter().chain(&council) {
        assert!(table.contains(row), "not in the indicator table: {row}");
    }
    let rts: Vec<&String> = evaluator
        .iter()
        .filter(|r| r.starts_with("coverage,2026-Q2,aid,rt,"))
        .collect();
    assert_eq!(rts.len(), 3, "{rts:?}");
    assert!(evaluator
        .iter()
        .all(|r| !r.starts_with("budget_absorption,")));
    assert!(council
        .iter()
        .any(|r| r.starts_with("budget_absorption,2026-Q2,")));
    assert!(council.iter().all(|r| !r.contains(",rt,")));
    assert!(evaluator.len() < table.len() && council.len() < evaluator.len());
    assert_eq!(csv("evaluator", "en"), evaluator);
}

/// The evaluator's first sentence on the hand site in 2026-Q1: the aid
/// programs reached 3 of their 4 eligible households (75.0%), short of the
/// 90% target by ceil(0.9 × 4) − 3 = 1 household; in 2026-Q2 they reached
/// 4 of 4, and the target is met.
#[test]
fn the_summary_counts_the_households_short_of_the_target() {
    let page = |quarter: u32| {
        let prepared = report::prepare(
            &fixtures().join("hand"),
            Some(pantau::indicators::Quarter {
                year: 2026,
                quarter,
            }),
            pantau::validate::Tolerance::None,
        )
        .expect("hand site");
        report::build_page(&[prepared], Audience::Evaluator, Lang::En).expect("page")
    };
    let q1 = page(1);
    assert!(
        q1.summary[0].starts_with(
            "In Quarter 1 (January–March) 2026 the aid programs (training aside) reached 3 of the 4 eligible households: coverage 75.0%."
        ),
        "{}",
        q1.summary[0]
    );
    assert!(
        q1.summary[0].ends_with(
            "The target of 90.0% is not met: 1 more eligible households would have to be reached."
        ),
        "{}",
        q1.summary[0]
    );
    let q2 = page(2);
    assert!(
        q2.summary[0].contains(
            "reached 4 of the 4 eligible households: coverage 100.0% (+25.0 pp since 2026-Q1)."
        ),
        "{}",
        q2.summary[0]
    );
}

#[test]
fn a_half_filled_site_says_which_files_to_add_and_claims_no_budget_match() {
    let dir = Dir::new();
    let site = dir.join("half");
    std::fs::create_dir(&site).unwrap();
    for f in [
        "site.toml",
        "households.csv",
        "surveys.csv",
        "distributions.csv",
    ] {
        std::fs::copy(
            crate::harness::fixtures().join("hand").join(f),
            site.join(f),
        )
        .unwrap();
    }
    let site = site.display().to_string();
    for (lang, says, never) in [
        (
            "id",
            "Belum ada anggaran sampai triwulan ini (tambahkan budget.csv atau isi lembar budget)",
            "cocok dengan buku penyaluran.",
        ),
        (
            "en",
            "There is no budget up to this quarter (add budget.csv or fill in the budget sheet)",
            "matches the aid ledger",
        ),
    ] {
        let html = report(
            &dir,
            &[&site, "--audience", "council", "--lang", lang],
            "out",
        );
        let text = crate::harness::page_text(&std::fs::read_to_string(&html[0]).unwrap());
        assert!(text.contains(says), "{text}");
        assert!(!text.contains(never), "{text}");
        // The sections of the missing tables say what they would show and
        // which file to add.
        for file in ["budget.csv", "feedback.csv"] {
            let add = match lang {
                "id" => format!("Datanya belum ada: tambahkan {file} ke folder desa"),
                _ => format!("Its data are not there yet: add {file} to the village folder"),
            };
            assert!(text.contains(&add), "{add}: {text}");
        }
    }
    // The evaluator report: training (site.toml has a training program) and feedback.
    let html = report(&dir, &[&site, "--lang", "en"], "out");
    let text = crate::harness::page_text(&std::fs::read_to_string(&html[0]).unwrap());
    for file in ["trainings.csv", "feedback.csv"] {
        let add = format!("Its data are not there yet: add {file} to the village folder");
        assert!(text.contains(&add), "{add}: {text}");
    }
}

/// The text of `site`'s evaluator report of `period` in English.
fn evaluator_text(dir: &Dir, site: &str, period: &str) -> String {
    let html = report(
        dir,
        &[site, "--period", period, "--lang", "en"],
        &format!("out-{period}"),
    );
    let page = html
        .iter()
        .find(|p| p.to_string_lossy().contains("evaluator"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap();
    crate::harness::page_text(&page)
}

/// A report of an earlier quarter says where its tables of the whole data
/// (training by course and by participant, feedback by category and
/// channel) take in later records: semanan's courses and feedback run to
/// 2026-Q3. The report of 2026-Q3 has no such note.
#[test]
fn whole_data_tables_of_an_earlier_quarter_say_they_run_past_it() {
    let dir = Dir::new();
    let semanan = sample("semanan");
    let text = |period: &str| evaluator_text(&dir, &semanan, period);
    let note = "“All data” runs past 2025-Q4: it includes the records up to 2026-Q3.";
    let q4 = text("2025-Q4");
    assert_eq!(q4.matches(note).count(), 2, "{q4}");
    // Each right after its section's introduction.
    for intro in [
        "Enrolment, attendance, completion",
        "Complaints, suggestions",
    ] {
        let at = q4.find(intro).unwrap();
        assert!(q4[at..].find(note).unwrap() < 300, "{intro}: {q4}");
    }
    assert!(!text("2026-Q3").contains("runs past"));
}

/// The evaluator's completion card shows the courses started in the
/// report's quarter, or in the latest quarter before it that started any,
/// never courses started later: semanan's first courses start in 2025-Q4
/// (28 of 38 completed), so a report of 2025-Q3 has no card, where it had
/// shown every course of the data (103 of 143).
#[test]
fn the_completion_card_never_shows_courses_started_later() {
    let dir = Dir::new();
    let semanan = sample("semanan");
    let card = |period: &str| -> Option<String> {
        let text = evaluator_text(&dir, &semanan, period);
        // A quarter without deliveries and without a card has no key
        // figures at all.
        let from = text.find("Key figures")?;
        let figures = &text[from..text.find("Contents").unwrap()];
        figures
            .find("Completion")
            .map(|at| figures[at..].chars().take(40).collect())
    };
    // (Before any delivery and any course, the report has no key figures.)
    assert_eq!(card("2025-Q3"), None);
    let q4 = card("2025-Q4").unwrap();
    assert!(q4.starts_with("Completion 73.7% 28 / 38"), "{q4}");
    // A quarter without a course start shows the latest quarter's courses,
    // named: tiny's three enrollments start in 2026-Q1 (T001 and T003
    // completed), and a delivery makes 2026-Q2 a quarter of the data.
    let site = dir.copy_dir(&crate::harness::fixtures().join("tiny"), "tiny");
    let ledger = site.join("distributions.csv");
    let mut text = std::fs::read_to_string(&ledger).unwrap();
    text.push_str("D009,2026-04-15,H001,CASH,300000,,,delivered,,\n");
    std::fs::write(&ledger, text).unwrap();
    let html = report(
        &dir,
        &["tiny", "--period", "2026-Q2", "--lang", "en"],
        "out-tiny",
    );
    let page = std::fs::read_to_string(&html[0]).unwrap();
    let text = crate::harness::page_text(&page);
    assert!(
        text.contains("Completion 66.7% 2 / 3, of the courses started in 2026-Q1"),
        "{text}"
    );
    // And it is not compared with 2026-Q1, its own quarter.
    let card = &text[text.find("Completion").unwrap()..text.find("Contents").unwrap()];
    assert!(!card.contains("since"), "{card}");
}
