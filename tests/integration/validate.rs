//! `pantau validate` on good and bad sites.

use polars::prelude::*;

use crate::harness::{fixtures, repo, Dir};

#[test]
fn the_sample_sites_validate_cleanly() {
    let dir = Dir::new();
    let semanan = repo().join("sample-data/semanan");
    let duri = repo().join("sample-data/duri-selatan");
    let run = dir
        .pantau(&[
            "validate",
            semanan.to_str().unwrap_or_default(),
            duri.to_str().unwrap_or_default(),
            "--format",
            "json",
        ])
        .expect_code(0);
    let json = run.json();
    assert_eq!(json["errors"], 0);
    for site in json["sites"].as_array().expect("sites") {
        let households = site["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["table"] == "households")
            .expect("households file");
        assert!(
            households["rows_read"].as_u64().unwrap_or(0) >= 1500,
            "{households}"
        );
        assert_eq!(households["rows_rejected"], 0);
    }
}

#[test]
fn counts_rows_read_accepted_and_rejected() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv")).expect("read");
    // Two bad rows. H002 gets members 0 and decile 11, which also makes its
    // one elderly member exceed its members: three problems on one row.
    let text = text
        .replace(
            "Siti Aminah,P,1,1,1,0,0,1,0,3",
            "Siti Aminah,P,1,1,0,0,0,1,0,11",
        )
        .replace("Dewi Lestari,P,2,1,3", "Dewi Lestari,Q,2,1,3");
    std::fs::write(site.join("households.csv"), text).expect("write");
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let json = run.json();
    let files = json["sites"][0]["files"].as_array().expect("files").clone();
    let hh = files
        .iter()
        .find(|f| f["table"] == "households")
        .expect("households");
    assert_eq!(hh["rows_read"], 6);
    assert_eq!(hh["rows_rejected"], 2);
    assert_eq!(hh["rows_accepted"], 4);
    assert_eq!(hh["errors"], 4);
    assert_eq!(json["valid"], false);
}

/// An expense line whose category is a program's code in other letters
/// (`cash` beside CASH) would be spending of no program: an error at its
/// cell, like a ledger row naming `cash`.
#[test]
fn a_budget_category_naming_a_program_in_other_letters_is_an_error() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("budget.csv")).expect("read");
    let text = text.replace("2026,1,expense,CASH,", "2026,1,expense,cash,");
    std::fs::write(site.join("budget.csv"), text).expect("write");
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let json = run.json();
    let budget = json["sites"][0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["table"] == "budget")
        .expect("budget")
        .clone();
    assert_eq!(budget["rows_rejected"], 1, "{budget}");
    let problem = &budget["problems"][0];
    assert_eq!(problem["rule"], "reference", "{problem}");
    assert_eq!(problem["row"], 4, "{problem}");
    assert_eq!(problem["column"], "category", "{problem}");
    assert!(
        problem["message"]
            .as_str()
            .is_some_and(|m| m.contains("written as its code in site.toml (CASH, FOOD")),
        "{problem}"
    );
    // The same word as a revenue source or another use is no program's.
    let text = std::fs::read_to_string(site.join("budget.csv"))
        .expect("read")
        .replace("2026,1,expense,cash,", "2026,1,expense,CASH,")
        .replace("2026,1,expense,operations,", "2026,1,expense,Operations,");
    std::fs::write(site.join("budget.csv"), text).expect("write");
    dir.pantau(&["validate", "site"]).expect_code(0);
}

/// A label that groups rows and looks like another on a page (a round, a
/// course, a unit, a budget category, a topic with a character nobody sees,
/// a no-break space or two spaces in a row) would count as a group of its
/// own: the row is refused, naming the character and its position.
#[test]
fn a_label_passing_for_another_is_an_error() {
    let cases = [
        (
            "surveys.csv",
            "H1,baseline,",
            "H1,baseline\u{200b},",
            "round",
            "U+200B ZERO WIDTH SPACE at position 9",
        ),
        (
            "trainings.csv",
            ",membatik,",
            ",mem\u{ad}batik,",
            "course",
            "U+00AD SOFT HYPHEN at position 4",
        ),
        (
            "trainings.csv",
            ",membatik,",
            ",batik  tulis,",
            "course",
            "U+0020 SPACE at position 7",
        ),
        (
            "budget.csv",
            "2026,1,revenue,dana_desa,",
            "2026,1,revenue,dana\u{a0}desa,",
            "category",
            "U+00A0 NO-BREAK SPACE at position 5",
        ),
        (
            "budget.csv",
            "2026,1,expense,CASH,",
            "2026,1,expense,CASH\u{2060},",
            "category",
            "U+2060",
        ),
        (
            "feedback.csv",
            ",targeting,",
            ",target\u{feff}ing,",
            "topic",
            "U+FEFF",
        ),
        // Unicode's other default-ignorable characters, and an accent
        // written apart from its letter.
        (
            "trainings.csv",
            ",membatik,",
            ",mem\u{34f}batik,",
            "course",
            "U+034F COMBINING GRAPHEME JOINER at position 4",
        ),
        (
            "trainings.csv",
            ",membatik,",
            ",membatik\u{fe0f},",
            "course",
            "U+FE0F VARIATION SELECTOR-16 at position 9",
        ),
        (
            "feedback.csv",
            ",targeting,",
            ",targeting\u{3164},",
            "topic",
            "U+3164 HANGUL FILLER at position 10",
        ),
        (
            "budget.csv",
            "2026,1,revenue,dana_desa,",
            "2026,1,revenue,dana_desa\u{e0100},",
            "category",
            "U+E0100 VARIATION SELECTOR-17",
        ),
        // Look-alikes of plain letters, digits and signs.
        (
            "budget.csv",
            "2026,1,expense,CASH,",
            "2026,1,expense,CAS\u{ff28},",
            "category",
            "U+FF28 '\u{ff28}' at position 4, which a page shows like 'H'",
        ),
        (
            "surveys.csv",
            "H1,baseline,",
            "H1,baseline\u{2082},",
            "round",
            "which a page shows like '2'",
        ),
        (
            "trainings.csv",
            ",membatik,",
            ",membat\u{456}k,",
            "course",
            "a letter of another alphabet among Latin letters",
        ),
        (
            "trainings.csv",
            ",membatik,",
            ",batik tulis e\u{301},",
            "course",
            "U+0065 'e' at position 13, which with what follows it is written apart where a \
             page shows one character ('é')",
        ),
    ];
    for (file, find, replace, column, named) in cases {
        let dir = Dir::new();
        let site = dir.copy_dir(&fixtures().join("hand"), "site");
        let text = std::fs::read_to_string(site.join(file)).expect("read");
        assert!(text.contains(find), "{file}: {find}");
        std::fs::write(site.join(file), text.replacen(find, replace, 1)).expect("write");
        let run = dir.pantau(&["validate", "site"]).expect_code(2);
        let out = run.stdout();
        assert!(
            out.contains(&format!("column {column}"))
                && out.contains("rule hidden-character")
                && out.contains(named),
            "{replace}: {out}"
        );
        // The indicators are not computed from it.
        dir.pantau(&["indicators", "site"]).expect_code(2);
    }
    // One space between words, and letters of any script, are labels.
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    let text = std::fs::read_to_string(site.join("trainings.csv")).expect("read");
    std::fs::write(
        site.join("trainings.csv"),
        text.replacen(",membatik,", ",batik tulis é,", 1),
    )
    .expect("write");
    dir.pantau(&["validate", "site"]).expect_code(0);
}

/// Two registry ids that differ only in letter case are two households,
/// with a warning at the later one naming the first.
#[test]
fn ids_that_differ_only_in_letter_case_are_a_warning() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv"))
        .expect("read")
        .replace("\nH005,", "\nh001,");
    std::fs::write(site.join("households.csv"), text).expect("write");
    for file in ["surveys.csv", "distributions.csv", "trainings.csv"] {
        let text = std::fs::read_to_string(site.join(file))
            .expect("read")
            .replace(",H005,", ",h001,")
            .replace("\nH005,", "\nh001,");
        std::fs::write(site.join(file), text).expect("write");
    }
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(0);
    let json = run.json();
    let (households, twins) = file_problems(&json, "households", "case-twin");
    assert_eq!(twins.len(), 1, "{households}");
    assert_eq!(twins[0]["row"], 6, "{households}");
    assert_eq!(twins[0]["severity"], "warning", "{households}");
    assert!(
        twins[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("from H001 on row 2")),
        "{households}"
    );
    assert_eq!(households["rows_rejected"], 0);
}

/// The report of `table`'s file in `validate --format json`'s output, and
/// its problems of `rule`.
fn file_problems(
    json: &serde_json::Value,
    table: &str,
    rule: &str,
) -> (serde_json::Value, Vec<serde_json::Value>) {
    let file = json["sites"][0]["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["table"] == table)
        .unwrap_or_else(|| panic!("no file of {table}"))
        .clone();
    let problems = file["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter(|p| p["rule"] == rule)
        .cloned()
        .collect();
    (file, problems)
}

/// A delivery dated before its household's `registered_on` is a warning on
/// the ledger's row, naming the date; a delivery on the day of the
/// registration is not.
#[test]
fn a_delivery_before_the_registration_is_a_warning() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv"))
        .expect("read")
        .replace(",2020-01-15,", ",2026-01-10,")
        .replace(",2019-06-01,", ",2026-01-11,");
    std::fs::write(site.join("households.csv"), text).expect("write");
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(0);
    let json = run.json();
    let (ledger, before) = file_problems(&json, "distributions", "before-registration");
    // D002 (line 3) on 2026-01-10, a day before H002's registration; D007
    // (line 8) is after it, D001 on H001's very day.
    assert_eq!(before.len(), 1, "{ledger}");
    assert_eq!(before[0]["row"], 3, "{ledger}");
    assert_eq!(before[0]["column"], "distributed_on", "{ledger}");
    assert_eq!(before[0]["severity"], "warning", "{ledger}");
    assert!(
        before[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("(2026-01-11)")),
        "{ledger}"
    );
    assert_eq!(ledger["rows_rejected"], 0);
}

#[test]
fn suspicious_values_are_warnings_not_errors() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("surveys.csv")).expect("read");
    // 600,000,000 a month: more than 50 times the baseline median (2,400,000).
    let text = text.replace(
        "H004,baseline,2025-09-04,9000000",
        "H004,baseline,2025-09-04,600000000",
    );
    std::fs::write(site.join("surveys.csv"), text).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(0);
    assert!(
        run.stdout().contains("warning: site/surveys.csv:5: column monthly_income: value \"600000000\": rule outlier: monthly_income is 250 times the median of its round"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_shared_head_nik_is_a_warning_that_never_shows_the_full_number() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv")).expect("read");
    let text = text.replace("3173050303900003", "3173050101800001");
    std::fs::write(site.join("households.csv"), text).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(0);
    assert!(
        run.stdout().contains(
            "households.csv:5: column head_nik: value \"317305**********\": rule shared-nik"
        ),
        "{}",
        run.stdout()
    );
    assert!(!run.stdout().contains("3173050101800001"));
}

#[test]
fn parquet_tables_are_read_like_csv() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    // Write the ledger as Parquet with real types, and break one value.
    let csv = site.join("distributions.csv");
    let mut df = CsvReadOptions::default()
        .with_has_header(true)
        .try_into_reader_with_file_path(Some(csv.clone()))
        .expect("reader")
        .finish()
        .expect("read csv");
    std::fs::remove_file(&csv).expect("remove csv");
    let mut file = std::fs::File::create(site.join("distributions.parquet")).expect("create");
    ParquetWriter::new(&mut file)
        .finish(&mut df)
        .expect("write parquet");
    dir.pantau(&["validate", "site"]).expect_code(0);

    let mut df = df
        .lazy()
        .with_column(
            when(col("distribution_id").eq(lit("D004")))
                .then(lit(-1i64))
                .otherwise(col("value"))
                .alias("value"),
        )
        .collect()
        .expect("patch");
    let mut file = std::fs::File::create(site.join("distributions.parquet")).expect("create");
    ParquetWriter::new(&mut file)
        .finish(&mut df)
        .expect("write parquet");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    // Parquet has no lines: the row is the 1-based record number.
    assert!(
        run.stdout()
            .contains("distributions.parquet:4: column value: value \"-1\": rule range"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_table_in_two_formats_is_ambiguous() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::copy(site.join("feedback.csv"), site.join("feedback.parquet")).expect("copy");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    assert!(
        run.stdout().contains("rule ambiguous-file"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_missing_folder_is_invalid_input() {
    let dir = Dir::new();
    let run = dir.pantau(&["validate", "nowhere"]).expect_code(2);
    assert!(
        run.stderr().contains("nowhere is not a folder"),
        "{}",
        run.stderr()
    );
}

#[test]
fn control_characters_and_direction_overrides_in_free_text_are_refused_line_breaks_are_not() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv")).expect("read");
    // A right-to-left override in one name, a terminal escape in another;
    // a line break typed with Alt+Enter in a third is text.
    let text = text
        .replacen("Budi Santoso", "Budi \u{202E}Santoso", 1)
        .replacen("Siti Aminah", "Siti\u{1b}[2J Aminah", 1)
        .replacen("Agus Wijaya", "\"Agus\nWijaya\"", 1);
    assert_ne!(text.matches('\u{202E}').count(), 0);
    std::fs::write(site.join("households.csv"), text).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    let out = run.stdout();
    assert!(
        out.contains("households.csv:2: column head_name")
            && out.contains("U+202E RIGHT-TO-LEFT OVERRIDE at position 6"),
        "{out}"
    );
    assert!(
        out.contains("households.csv:3: column head_name")
            && out.contains("U+001B CONTROL CHARACTER at position 5"),
        "{out}"
    );
    assert_eq!(out.matches("rule hidden-character").count(), 2, "{out}");
    // No escape reaches the terminal.
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}'),
        "{out:?}"
    );
}

#[test]
fn a_header_holding_a_terminal_escape_is_quoted_not_obeyed() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let text = std::fs::read_to_string(site.join("households.csv")).expect("read");
    let (header, rest) = text.split_once('\n').unwrap();
    std::fs::write(
        site.join("households.csv"),
        format!(
            "{header},note\u{1b}[31m\u{202E}\n{}",
            rest.replace('\n', ",x\n")
        ),
    )
    .expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(0);
    let out = run.stdout();
    assert!(
        out.contains("column note\\u{1b}[31m\\u{202e}: rule unknown-column"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}'),
        "{out:?}"
    );
    let report = dir
        .pantau(&["report", "site", "--out", "out"])
        .expect_code(0);
    let html = report
        .stdout()
        .lines()
        .find(|l| l.ends_with(".html"))
        .unwrap()
        .to_string();
    let page = std::fs::read_to_string(dir.join(&html)).unwrap();
    assert!(!page.contains('\u{1b}') && !page.contains('\u{202E}'));
    assert!(page.contains("note\\u{1b}[31m\\u{202e}"));
}

#[test]
fn a_village_name_or_argument_holding_a_terminal_escape_is_printed_as_an_escape() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let changed = toml.replacen(
        "name = \"Hitung Tangan\"",
        "name = \"Hitung\\u001bTangan\"",
        1,
    );
    assert_ne!(changed, toml);
    std::fs::write(site.join("site.toml"), changed).unwrap();
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    let out = run.stdout();
    assert!(
        out.starts_with("site (Hitung\\u{1b}Tangan): INVALID"),
        "{out}"
    );
    assert!(out.contains("rule hidden-character"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    let run = dir.pantau(&["report", "site"]).expect_code(2);
    assert!(!run.stderr().contains('\u{1b}'), "{:?}", run.stderr());
    // An argument echoed in an error, and a rule that would reach the brief.
    let hand = fixtures().join("hand").display().to_string();
    let run = dir
        .pantau(&["explain", &hand, "--household", "H\u{1b}[2J1"])
        .expect_code(2);
    assert!(run.stderr().contains("H\\u{1b}[2J1"), "{}", run.stderr());
    let run = dir
        .pantau(&[
            "simulate",
            &hand,
            "--program",
            "CASH",
            "--rule",
            "welfare_decile <= 5 -- \u{1b}[31m",
        ])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("--rule (rule 1) holds a control character"),
        "{}",
        run.stderr()
    );
    // An empty SOURCE_DATE_EPOCH is unset, not an error.
    dir.pantau_env(
        &["report", &hand, "--out", "r"],
        &[("SOURCE_DATE_EPOCH", "")],
    )
    .expect_code(0);
}

#[test]
fn repeated_keys_and_unknown_households_name_both_rows_and_the_cell_as_written() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let append = |file: &str, rows: &str| {
        let path = site.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, text + rows).expect("write");
    };
    // H001 again, padded: the same id once trimmed.
    append(
        "households.csv",
        " H001 ,3173050101800009,Budi Dua,L,1,1,4,2,1,0,0,2,2020-01-15,active,\n",
    );
    // H002's baseline again, and (H002, x) once: only the pair repeats.
    append(
        "surveys.csv",
        "H002 ,baseline,2025-09-02,600000,900000,0,no,ya\n\
         H002,x,2025-09-02,600000,900000,0,no,ya\n",
    );
    // A delivery to a household the registry lacks, one to a padded known id.
    append(
        "distributions.csv",
        "D900,2026-01-10,H999,CASH,300000,,,delivered,,\n\
         D901,2026-01-10,  H002,CASH,300000,,,delivered,,\n",
    );
    let surveys = site.join("surveys.csv");
    let text = std::fs::read_to_string(&surveys).expect("read");
    // H004 has one school-age child, and is said to have two in school.
    let text = text.replace(
        "H004,baseline,2025-09-04,9000000,7000000,1,",
        "H004,baseline,2025-09-04,9000000,7000000,2,",
    );
    std::fs::write(&surveys, text).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    let out = run.stdout();
    for line in [
        "error: site/households.csv:8: column household_id: value \" H001 \": rule unique: \
         household_id must be unique; first seen on row 2",
        "error: site/surveys.csv:10: column household_id: value \"H002 \": rule unique: \
         (household_id, round) must be unique; first seen on row 3",
        "warning: site/distributions.csv:10: column household_id: value \"H999\": rule \
         unregistered-recipient: a delivery to a household that is not in households",
        "error: site/surveys.csv:5: column children_in_school: value \"2\": rule range: \
         children_in_school must be at most the household's school_age_children (1)",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    assert!(!out.contains("surveys.csv:11:"), "{out}");
    assert!(!out.contains("distributions.csv:11:"), "{out}");
    assert_eq!(out.matches("rule unique").count(), 2, "{out}");
}

#[test]
fn a_negative_amount_is_an_error_without_a_z_score() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let surveys = site.join("surveys.csv");
    let text = std::fs::read_to_string(&surveys).expect("read");
    let text = text.replace(
        "H004,baseline,2025-09-04,9000000,",
        "H004,baseline,2025-09-04,-9000000,",
    );
    std::fs::write(&surveys, text).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    let out = run.stdout();
    assert!(
        out.contains("surveys.csv:5: column monthly_income: value \"-9000000\": rule range"),
        "{out}"
    );
    assert!(!out.contains("NaN"), "{out}");
    assert!(!out.contains("rule outlier"), "{out}");
}

/// A baseline written in capitals would be read as a follow-up round,
/// leaving the site without a baseline: it is refused where it stands.
#[test]
fn a_baseline_in_capitals_is_refused() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let surveys = site.join("surveys.csv");
    let text = std::fs::read_to_string(&surveys).expect("read");
    let text = text.replace("H002,baseline,", "H002,Baseline,");
    std::fs::write(&surveys, text).expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    let out = run.stdout();
    assert!(
        out.contains("surveys.csv:3: column round: value \"Baseline\": rule baseline"),
        "{out}"
    );
    assert_eq!(out.matches("rule baseline").count(), 1, "{out}");
}

/// A value quoted in a message is masked where it is an identification
/// number (sixteen digits), as every public output masks it; a shorter
/// number is quoted in full for the reader to correct.
#[test]
fn a_message_never_quotes_an_identification_number_in_full() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("hand"), "site");
    let text = std::fs::read_to_string(site.join("households.csv")).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut cells: Vec<String> = lines[2].split(',').map(str::to_string).collect();
    cells[4] = "3173050101800001".to_string();
    lines[2] = cells.join(",");
    std::fs::write(site.join("households.csv"), lines.join("\n") + "\n").expect("write");
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    let out = format!("{}{}", run.stdout(), run.stderr());
    assert!(
        out.contains("column rw: value \"317305**********\": rule range"),
        "{out}"
    );
    assert!(!out.contains("3173050101800001"), "{out}");
}
