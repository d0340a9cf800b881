//! `pantau init`: the new site folder, its workbook as a spreadsheet
//! program reads it (openpyxl), and init → fill in → validate → report.
//!
//! openpyxl comes from `PANTAU_PYTHON` (set by `scripts/setup-test-tools`);
//! without it the workbook tests are skipped with a printed line, unless
//! `PANTAU_REQUIRE_BROWSER_TESTS` makes a missing tool a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{edit, fixtures, page_text, Dir, TABLES};

/// The Python that has openpyxl.
fn python() -> Option<PathBuf> {
    let found = std::env::var_os("PANTAU_PYTHON")
        .map(PathBuf::from)
        .filter(|p| {
            Command::new(p)
                .args(["-c", "import openpyxl"])
                .status()
                .is_ok_and(|s| s.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("PANTAU_REQUIRE_BROWSER_TESTS").is_none(),
            "PANTAU_PYTHON with openpyxl is required (scripts/setup-test-tools)"
        );
        eprintln!("skipped: no PANTAU_PYTHON with openpyxl (scripts/setup-test-tools installs it)");
    }
    found
}

fn script(python: &Path, name: &str, args: &[&str]) -> String {
    let path = crate::harness::repo().join("tests").join("xlsx").join(name);
    let out = Command::new(python)
        .arg(path)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new site in `dir/rel`, in the given language and format.
fn init(dir: &Dir, rel: &str, lang: &str, format: &str) -> PathBuf {
    let run = dir
        .pantau(&[
            "init",
            rel,
            "--name",
            "Suka \"Maju\"",
            "--code",
            "32.01.01.2001",
            "--lang",
            lang,
            "--format",
            format,
        ])
        .expect_code(0);
    let site = dir.join(rel);
    let written: Vec<PathBuf> = run.stdout().lines().map(|l| dir.path().join(l)).collect();
    assert!(written.contains(&site.join("site.toml")), "{written:?}");
    assert!(written.iter().all(|p| p.starts_with(&site)), "{written:?}");
    site
}

#[test]
fn a_new_workbook_reads_back_with_its_lists_checks_and_text_identifiers() {
    let Some(python) = python() else { return };
    let dir = Dir::new();
    let site = init(&dir, "baru", "id", "xlsx");
    let book = site.join("data-desa.xlsx");
    let seen: serde_json::Value = serde_json::from_str(&script(
        &python,
        "read_back.py",
        &[&book.display().to_string()],
    ))
    .unwrap();
    assert_eq!(
        seen["sheets"],
        serde_json::json!([
            "Petunjuk",
            "households",
            "surveys",
            "distributions",
            "trainings",
            "budget",
            "feedback"
        ])
    );
    assert_eq!(seen["active"], "Petunjuk");
    let households = &seen["households"];
    assert_eq!(households["header"][0], "household_id");
    assert_eq!(households["header"][1], "head_nik");
    assert_eq!(households["freeze"], "A2", "the header row is frozen");
    // Identifier columns are text, so Excel keeps all 16 digits.
    assert_eq!(households["formats"]["A"], "@");
    assert_eq!(households["formats"]["B"], "@");
    assert_eq!(households["formats"]["M"], "dd/mm/yyyy", "registered_on");
    assert_eq!(seen["distributions"]["formats"]["A"], "@");
    assert_eq!(seen["distributions"]["formats"]["C"], "@", "household_id");
    assert_eq!(
        seen["distributions"]["formats"]["E"], "#,##0",
        "value in rupiah"
    );
    // The note on a header gives the Indonesian label.
    assert!(households["notes"]["B1"]
        .as_str()
        .unwrap()
        .starts_with("NIK kepala keluarga"));
    let rule = |sheet: &str, cells: &str| -> serde_json::Value {
        seen[sheet]["validations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["cells"] == cells)
            .unwrap_or_else(|| panic!("no validation on {sheet}!{cells}: {}", seen[sheet]))
            .clone()
    };
    let gender = rule("households", "D2:D100001");
    assert_eq!(gender["type"], "list");
    assert_eq!(gender["formula1"], "\"L,P\"");
    let nik = rule("households", "B2:B100001");
    assert_eq!(
        (nik["type"].as_str(), nik["formula1"].as_str()),
        (Some("textLength"), Some("16"))
    );
    let rw = rule("households", "E2:E100001");
    assert_eq!(
        (
            rw["type"].as_str(),
            rw["formula1"].as_str(),
            rw["formula2"].as_str()
        ),
        (Some("whole"), Some("1"), Some("99"))
    );
    // children at most the same row's members (column G); school-age
    // children at most children (H), or members when children is empty.
    assert_eq!(rule("households", "H2:H100001")["formula2"], "$G2");
    assert_eq!(
        rule("households", "I2:I100001")["formula2"],
        "IF($H2=\"\",$G2,$H2)"
    );
    assert_eq!(
        rule("households", "N2:N100001")["formula1"],
        "\"active,moved,deceased\""
    );
    assert_eq!(
        rule("surveys", "G2:G100001")["formula1"],
        "\"ya,tidak\"",
        "has_business"
    );
    assert_eq!(
        rule("distributions", "D2:D100001")["formula1"],
        "\"BLT-DD,SEMBAKO,LAYANAN-LANSIA,PELATIHAN,BEASISWA\"",
        "program codes from site.toml"
    );
    assert_eq!(
        rule("distributions", "E2:E100001")["formula2"],
        "10000000000"
    );
    assert_eq!(
        rule("budget", "C2:C100001")["formula1"],
        "\"revenue,expense\""
    );
    assert_eq!(
        rule("feedback", "E2:E100001")["formula1"],
        "\"meeting,social_media,flyer,box,phone,other\""
    );
    let date = rule("trainings", "F2:F100001");
    assert_eq!(date["type"], "date");

    // English: the lists speak English too.
    let site = init(&dir, "new", "en", "xlsx");
    let seen: serde_json::Value = serde_json::from_str(&script(
        &python,
        "read_back.py",
        &[&site.join("village-data.xlsx").display().to_string()],
    ))
    .unwrap();
    assert_eq!(seen["sheets"][0], "Instructions");
    let booleans = seen["trainings"]["validations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["cells"] == "I2:I100001")
        .unwrap()
        .clone();
    assert_eq!(booleans["formula1"], "\"yes,no\"");
}

/// site.toml of the hand fixture, with the workbook sections of a new site.
fn hand_site_toml(new: &Path) -> String {
    let made = std::fs::read_to_string(new.join("site.toml")).unwrap();
    let formats = &made[made.find("[format.households]").expect("format sections")..];
    let hand = std::fs::read_to_string(fixtures().join("hand").join("site.toml")).unwrap();
    format!("{hand}\n{formats}")
}

#[test]
fn a_workbook_filled_in_by_another_program_gives_the_indicators_of_the_same_csv_site() {
    let Some(python) = python() else { return };
    let dir = Dir::new();
    let hand = fixtures().join("hand").display().to_string();
    let expected = dir.pantau(&["indicators", &hand]).expect_code(0).stdout();
    // Indonesian, data below the example row; English, typed over it.
    for (lang, book, first) in [
        ("id", "data-desa.xlsx", "3"),
        ("en", "village-data.xlsx", "2"),
    ] {
        let site = init(&dir, lang, lang, "xlsx");
        let book = site.join(book).display().to_string();
        script(&python, "fill.py", &[&book, &hand, lang, first]);
        std::fs::write(site.join("site.toml"), hand_site_toml(&site)).unwrap();
        let site = site.display().to_string();
        let checked = dir.pantau(&["validate", &site]).expect_code(0).stdout();
        assert!(
            checked.contains("[households]: 8 rows read, 8 accepted"),
            "{checked}"
        );
        assert!(
            checked.contains("[distributions]: 21 rows read, 21 accepted"),
            "{checked}"
        );
        let got = dir.pantau(&["indicators", &site]).expect_code(0).stdout();
        assert_eq!(
            got, expected,
            "{lang}: indicators of the workbook differ from the CSV site"
        );
        let out = dir.join(&format!("out-{lang}"));
        dir.pantau(&[
            "report",
            &site,
            "--lang",
            lang,
            "--out",
            &out.display().to_string(),
        ])
        .expect_code(0);
    }
}

#[test]
fn validate_on_a_new_site_says_what_to_fill_in_first() {
    let dir = Dir::new();
    for (lang, format, book) in [
        ("id", "xlsx", "data-desa.xlsx [households]"),
        ("en", "csv", "households.csv"),
    ] {
        let site = init(&dir, &format!("{lang}-{format}"), lang, format);
        let run = dir
            .pantau(&["validate", &site.display().to_string(), "--format", "json"])
            .expect_code(2);
        let report = run.json();
        let problems: Vec<(String, String, String)> = report["sites"][0]["files"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["problems"].as_array().unwrap().iter())
            .map(|p| {
                (
                    p["severity"].as_str().unwrap().to_string(),
                    p["rule"].as_str().unwrap().to_string(),
                    format!(
                        "{}: {}",
                        p["file"].as_str().unwrap(),
                        p["message"].as_str().unwrap()
                    ),
                )
            })
            .collect();
        let errors: Vec<&(String, String, String)> =
            problems.iter().filter(|p| p.0 == "error").collect();
        // Only the two required tables are missing, the registry first.
        assert_eq!(errors.len(), 2, "{problems:?}");
        assert!(errors.iter().all(|e| e.1 == "empty-table"), "{problems:?}");
        let file = site.join(book).display().to_string();
        assert!(errors[0].2.starts_with(&file), "{problems:?}");
        assert!(
            errors[0].2.contains("fill in the registry first"),
            "{problems:?}"
        );
        assert!(
            errors[1].2.contains("baseline survey round"),
            "{problems:?}"
        );
        if format == "xlsx" {
            assert!(
                errors[0].2.contains("besides the example row 2"),
                "{problems:?}"
            );
        }
        // The program funders wait for a budget: a warning, not an error.
        assert!(
            problems
                .iter()
                .any(|p| p.0 == "warning" && p.2.contains("there are no budget lines yet")),
            "{problems:?}"
        );
        // The example poverty line is named until it is replaced.
        let example = |problems: &[(String, String, String)]| {
            problems
                .iter()
                .filter(|p| p.0 == "warning" && p.1 == "init-example")
                .count()
        };
        assert_eq!(example(&problems), 1, "{problems:?}");
        edit(&site.join("site.toml"), |text| {
            text.replace("poverty_line = 600000", "poverty_line = 650000")
        });
        let run = dir
            .pantau(&["validate", &site.display().to_string()])
            .expect_code(2);
        assert!(!run.stdout().contains("init-example"), "{}", run.stdout());
    }
}

#[test]
fn a_half_filled_workbook_reports_and_names_the_sheets_to_fill_in() {
    let Some(python) = python() else { return };
    let dir = Dir::new();
    // Only the registry, the surveys and the ledger of the hand site.
    let partial = dir.join("partial");
    std::fs::create_dir(&partial).unwrap();
    let hand = fixtures().join("hand");
    for table in TABLES {
        let text = std::fs::read_to_string(hand.join(format!("{table}.csv"))).unwrap();
        let keep = match table {
            "households" | "surveys" | "distributions" => text,
            _ => format!("{}\n", text.lines().next().unwrap()),
        };
        std::fs::write(partial.join(format!("{table}.csv")), keep).unwrap();
    }
    let site = init(&dir, "desa", "id", "xlsx");
    let book = site.join("data-desa.xlsx").display().to_string();
    script(
        &python,
        "fill.py",
        &[&book, &partial.display().to_string(), "id", "3"],
    );
    std::fs::write(site.join("site.toml"), hand_site_toml(&site)).unwrap();
    let site = site.display().to_string();
    let out = dir.join("out");
    let run = dir
        .pantau(&["report", &site, "--out", &out.display().to_string()])
        .expect_code(0);
    let html = run
        .stdout()
        .lines()
        .find(|l| l.ends_with(".html"))
        .expect("a report")
        .to_string();
    let text = page_text(&std::fs::read_to_string(html).unwrap());
    for sheet in ["trainings", "feedback"] {
        let fill = format!("Datanya belum ada: isi lembar {sheet} di data-desa.xlsx");
        assert!(text.contains(&fill), "{fill}: {text}");
    }
    // The workbook is one input of the run, however many tables it holds,
    // and a change to it is reported once.
    let manifest = out.join("manifest.json").display().to_string();
    let run = dir.pantau(&["verify", &manifest]).expect_code(0);
    assert!(
        run.stdout().contains("2 inputs and 2 outputs unchanged"),
        "{}",
        run.stdout()
    );
    script(
        &python,
        "edit.py",
        &[&book, r#"["set", "feedback", "A5", "F9"]"#],
    );
    let run = dir.pantau(&["verify", &manifest]).expect_code(3);
    assert_eq!(
        run.stdout().matches("data-desa.xlsx").count(),
        1,
        "{}",
        run.stdout()
    );
}

#[test]
fn init_refuses_a_folder_with_files_unless_forced_and_keeps_other_files() {
    let dir = Dir::new();
    let site = dir.join("desa");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("catatan.txt"), "jangan dihapus").unwrap();
    std::fs::write(site.join("site.toml"), "# lama\n").unwrap();
    let before = dir.snapshot();
    let run = dir
        .pantau(&["init", "desa", "--name", "Sukamaju", "--code", "1"])
        .expect_code(2);
    assert!(run.stderr().contains("is not empty"), "{}", run.stderr());
    assert_eq!(dir.snapshot(), before, "nothing written");
    dir.pantau(&[
        "init", "desa", "--name", "Sukamaju", "--code", "1", "--force",
    ])
    .expect_code(0);
    assert_eq!(
        std::fs::read_to_string(site.join("catatan.txt")).unwrap(),
        "jangan dihapus"
    );
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    assert!(toml.contains("name = \"Sukamaju\""), "{toml}");
    assert!(site.join("data-desa.xlsx").is_file());
    // A file where the folder should be, and empty arguments: exit 2, nothing written.
    std::fs::write(dir.join("berkas"), "x").unwrap();
    let before = dir.snapshot();
    dir.pantau(&["init", "berkas", "--name", "A", "--code", "1"])
        .expect_code(2);
    dir.pantau(&["init", "kosong", "--name", " ", "--code", "1"])
        .expect_code(2);
    let long = "x".repeat(40_000);
    dir.pantau(&["init", "panjang", "--name", &long, "--code", "1"])
        .expect_code(2);
    dir.pantau(&["init", "bidi", "--name", "Desa\u{202E}", "--code", "1"])
        .expect_code(2);
    assert_eq!(dir.snapshot(), before);
    assert!(!dir.join("kosong").exists());
    // A folder where init writes its workbook: exit 2, nothing written.
    std::fs::remove_file(site.join("data-desa.xlsx")).unwrap();
    std::fs::create_dir(site.join("data-desa.xlsx")).unwrap();
    let before = dir.snapshot();
    dir.pantau(&["init", "desa", "--name", "A", "--code", "1", "--force"])
        .expect_code(2);
    assert_eq!(dir.snapshot(), before);
    // A link to an empty folder is that folder.
    std::fs::create_dir(dir.join("nyata")).unwrap();
    std::os::unix::fs::symlink(dir.join("nyata"), dir.join("tautan")).unwrap();
    dir.pantau(&["init", "tautan", "--name", "A", "--code", "1"])
        .expect_code(0);
    assert!(dir.join("nyata").join("site.toml").is_file());
}

/// A new workbook over a folder of CSV tables (or new CSV files beside a
/// table in another format) would leave tables in the folder that the new
/// site does not read: init refuses and writes nothing, and validate names
/// such a file when it is there all the same.
#[test]
fn init_and_validate_refuse_a_table_file_the_site_would_not_read() {
    let dir = Dir::new();
    dir.pantau(&[
        "init", "desa", "--name", "A", "--code", "1", "--format", "csv",
    ])
    .expect_code(0);
    let before = dir.snapshot();
    let run = dir
        .pantau(&["init", "desa", "--name", "A", "--code", "1", "--force"])
        .expect_code(2);
    assert!(
        run.stderr().contains("holds households.csv, surveys.csv")
            && run.stderr().contains("which the new site would not read"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing written");
    // Made by hand: the workbook's site beside an old households.csv.
    dir.pantau(&["init", "buku", "--name", "A", "--code", "1"])
        .expect_code(0);
    std::fs::copy(
        dir.join("desa/households.csv"),
        dir.join("buku/households.csv"),
    )
    .unwrap();
    let run = dir.pantau(&["validate", "buku"]).expect_code(2);
    assert!(
        run.stdout().contains(
            "rule ambiguous-file: households.csv is in the folder, but [format.households] \
             reads the households table from data-desa.xlsx"
        ),
        "{}",
        run.stdout()
    );
    // And the other way round: a new CSV site over a households.parquet.
    std::fs::write(dir.join("desa/households.parquet"), "x").unwrap();
    dir.pantau(&[
        "init", "desa", "--name", "A", "--code", "1", "--format", "csv", "--force",
    ])
    .expect_code(2);
}

#[test]
fn the_new_site_toml_is_commented_valid_and_names_every_optional_key() {
    let dir = Dir::new();
    for lang in ["id", "en"] {
        let site = init(&dir, &format!("csv-{lang}"), lang, "csv");
        let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
        // The name is quoted for TOML, whatever it holds.
        let parsed: toml::Value = toml::from_str(&toml).unwrap();
        assert_eq!(parsed["site"]["name"].as_str(), Some("Suka \"Maju\""));
        assert_eq!(parsed["site"]["code"].as_str(), Some("32.01.01.2001"));
        for aid in ["cash", "goods", "service", "training", "scholarship"] {
            assert!(toml.contains(&format!("aid_type = \"{aid}\"")), "{aid}");
        }
        for key in [
            "# district =",
            "# regency =",
            "# province =",
            "# fiscal_year_start_month = 1",
            "# synthetic = false",
            "# tolerance_share = 0.0",
            "# tolerance_rupiah = 0",
            "# signed_by =",
            "# signed_title =",
            "# objection_days = 14",
            "# full_names = false",
            "# timezone = \"WIB\"",
            "[targets]",
            "[reconciliation]",
            "[notice]",
        ] {
            assert!(toml.contains(key), "{lang}: {key} missing:\n{toml}");
        }
        let note = match lang {
            "id" => "# rumah tangga di desil 1 sampai 4 dengan paling sedikit 3 anggota",
            _ => "# households in deciles 1 to 4 with at least 3 members",
        };
        assert!(toml.contains(note), "{toml}");
        // Header-only CSV files in the contract's column order.
        let header = std::fs::read_to_string(site.join("households.csv")).unwrap();
        assert!(
            header.starts_with("household_id,head_nik,head_name,"),
            "{header}"
        );
        assert_eq!(header.lines().count(), 1);
    }
}

/// The hand site in a workbook of `pantau init` (example rows left in place).
fn hand_workbook(dir: &Dir, python: &Path, rel: &str) -> (PathBuf, String) {
    let site = init(dir, rel, "id", "xlsx");
    let book = site.join("data-desa.xlsx").display().to_string();
    let hand = fixtures().join("hand").display().to_string();
    script(python, "fill.py", &[&book, &hand, "id", "3"]);
    std::fs::write(site.join("site.toml"), hand_site_toml(&site)).unwrap();
    (site, book)
}

#[test]
fn an_example_row_is_skipped_wherever_it_is_and_refused_once_half_edited() {
    let Some(python) = python() else { return };
    let dir = Dir::new();
    let hand = fixtures().join("hand").display().to_string();
    let expected = dir.pantau(&["indicators", &hand]).expect_code(0).stdout();

    // Sorting moved the unchanged example of households to below the data.
    let (site, book) = hand_workbook(&dir, &python, "moved");
    script(
        &python,
        "edit.py",
        &[&book, r#"["move_row", "households", 2, 14]"#],
    );
    let site = site.display().to_string();
    let got = dir.pantau(&["indicators", &site]).expect_code(0).stdout();
    assert_eq!(got, expected, "a moved example row must not count");

    // One cell of the example changed: the row is refused at its id, and the
    // run stops (exit 2) instead of counting a household that does not exist.
    let (site, book) = hand_workbook(&dir, &python, "edited");
    script(
        &python,
        "edit.py",
        &[&book, r#"["set", "households", "C2", "Budi"]"#],
    );
    let site = site.display().to_string();
    let run = dir.pantau(&["validate", &site]).expect_code(2);
    let out = run.stdout();
    assert!(out.contains("(changed: C2 (head_name))"), "{out}");
    assert!(
        out.contains("data-desa.xlsx [households] A2: column household_id: value \"CONTOH-0001\": rule example-row"),
        "{out}"
    );
    dir.pantau(&["indicators", &site]).expect_code(2);
    // The example's id in another case, or a new note after CONTOH:, is
    // still the example's.
    let (site, book) = hand_workbook(&dir, &python, "case-id");
    script(
        &python,
        "edit.py",
        &[&book, r#"["set", "households", "A2", "contoh-0001"]"#],
    );
    dir.pantau(&["indicators", &site.display().to_string()])
        .expect_code(2);
    let (site, book) = hand_workbook(&dir, &python, "note");
    script(
        &python,
        "edit.py",
        &[&book, r#"["set", "budget", "G2", "contoh: lain"]"#],
    );
    dir.pantau(&["indicators", &site.display().to_string()])
        .expect_code(2);
    // The budget example is known by its note, wherever sorting put it.
    let (site, book) = hand_workbook(&dir, &python, "budget");
    script(
        &python,
        "edit.py",
        &[&book, r#"["set", "budget", "F2", 80000000]"#],
    );
    let run = dir
        .pantau(&["validate", &site.display().to_string()])
        .expect_code(2);
    assert!(
        run.stdout().contains("[budget] G2: column note"),
        "{}",
        run.stdout()
    );
}

#[test]
fn sheets_are_found_in_any_case_and_never_shared_by_two_tables() {
    let Some(python) = python() else { return };
    let dir = Dir::new();
    let hand = fixtures().join("hand").display().to_string();
    let expected = dir.pantau(&["indicators", &hand]).expect_code(0).stdout();
    let (site, _) = hand_workbook(&dir, &python, "case");
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    std::fs::write(
        site.join("site.toml"),
        toml.replace("sheet = \"budget\"", "sheet = \"Budget\""),
    )
    .unwrap();
    let got = dir
        .pantau(&["indicators", &site.display().to_string()])
        .expect_code(0)
        .stdout();
    assert_eq!(got, expected);
    std::fs::write(
        site.join("site.toml"),
        toml.replace("sheet = \"surveys\"", "sheet = \"households\""),
    )
    .unwrap();
    let run = dir
        .pantau(&["validate", &site.display().to_string()])
        .expect_code(2);
    assert!(
        run.stdout()
            .contains("both name sheet \"households\" of data-desa.xlsx"),
        "{}",
        run.stdout()
    );
}
