//! Input flavours: the tiny site's data written the way spreadsheets and
//! survey tools write it (`tests/fixtures/flavours/*`, made by its make.py,
//! and XLSX workbooks made here) must read to exactly the tiny site's
//! values; what cannot be read without guessing must fail at its cell.

use std::path::{Path, PathBuf};

use polars::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde::Deserialize;

use crate::harness::{fixtures, Dir};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// Tiny-site files the flavour replaces under another name.
    #[serde(default)]
    remove: Vec<String>,
    /// Values that differ from the tiny site on purpose.
    #[serde(default)]
    value: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Value {
    table: String,
    row: usize,
    column: String,
    text: String,
}

/// The tiny site with the flavour's files laid over it.
fn flavoured(dir: &Dir, flavour: &Path) -> (PathBuf, Expect) {
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    let expect: Expect = match std::fs::read_to_string(flavour.join("expect.toml")) {
        Ok(text) => toml::from_str(&text).expect("expect.toml"),
        Err(_) => Expect::default(),
    };
    for name in &expect.remove {
        std::fs::remove_file(site.join(name)).expect("remove");
    }
    for entry in std::fs::read_dir(flavour).expect("flavour folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        match name.as_str() {
            "expect.toml" => {}
            "site.toml.add" => {
                let mut toml = std::fs::read_to_string(site.join("site.toml")).expect("toml");
                toml.push('\n');
                toml.push_str(&std::fs::read_to_string(&path).expect("add"));
                std::fs::write(site.join("site.toml"), toml).expect("write toml");
            }
            _ => {
                std::fs::copy(&path, site.join(&name)).expect("copy");
            }
        }
    }
    (site, expect)
}

fn frames(site: &Path) -> Vec<(String, DataFrame)> {
    let loaded = match pantau::site::Site::open(site, pantau::validate::Tolerance::None) {
        Ok(s) => s,
        Err(e) => panic!("{} does not load: {e:#}", site.display()),
    };
    use pantau::contract::Table::*;
    [
        (Households, "households"),
        (Surveys, "surveys"),
        (Distributions, "distributions"),
        (Trainings, "trainings"),
        (Budget, "budget"),
        (Feedback, "feedback"),
    ]
    .into_iter()
    .filter_map(|(table, name)| {
        let lf = loaded.frame(table)?;
        Some((
            name.to_string(),
            lf.drop(cols(["__row"])).collect().expect("collect"),
        ))
    })
    .collect()
}

/// Asserts the flavoured site reads to the tiny site's values.
fn assert_same_values(site: &Path, expect: &Expect, label: &str) {
    let tiny = frames(&fixtures().join("tiny"));
    let got = frames(site);
    assert_eq!(got.len(), tiny.len(), "{label}: tables");
    for ((name, mut want), (_, mut have)) in tiny.into_iter().zip(got) {
        for v in expect.value.iter().filter(|v| v.table == name) {
            let cell = have.column(&v.column).unwrap().str().unwrap().get(v.row);
            assert_eq!(cell, Some(v.text.as_str()), "{label}: {name}.{}", v.column);
            have = have.drop(&v.column).unwrap();
            want = want.drop(&v.column).unwrap();
        }
        assert!(
            have.equals_missing(&want),
            "{label}: {name} differs\nread:\n{have}\ntiny:\n{want}"
        );
    }
}

#[test]
fn every_flavour_reads_to_the_same_values() {
    let root = fixtures().join("flavours");
    let mut flavours: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("flavours")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    flavours.sort();
    assert!(flavours.len() >= 6, "{flavours:?}");
    for flavour in flavours {
        let label = flavour.file_name().unwrap().to_string_lossy().to_string();
        let dir = Dir::new();
        let (site, expect) = flavoured(&dir, &flavour);
        assert_same_values(&site, &expect, &label);
        // The command line agrees: valid, and the same indicators.
        dir.pantau(&["validate", "site"]).expect_code(0);
    }
}

#[test]
fn kobo_export_gives_the_same_indicators() {
    let dir = Dir::new();
    let (_, _) = flavoured(&dir, &fixtures().join("flavours").join("kobo"));
    let tiny = dir.copy_dir(&fixtures().join("tiny"), "tiny");
    assert!(tiny.is_dir());
    let a = dir.pantau(&["indicators", "site"]).expect_code(0).stdout();
    let b = dir.pantau(&["indicators", "tiny"]).expect_code(0).stdout();
    assert_eq!(a, b);
}

/// The tiny households as a workbook the way a village clerk keeps it:
/// numbers in Number cells, dates in Date cells, identifiers as Text.
fn households_xlsx(path: &Path, sheet: &str, change: impl Fn(usize, usize) -> Option<Cell>) {
    let text = std::fs::read_to_string(fixtures().join("tiny").join("households.csv")).unwrap();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, line) in text.lines().enumerate() {
        for (c, field) in line.split(',').enumerate() {
            let (row, column) = (r as u32, c as u16);
            let cell = change(r, c).unwrap_or_else(|| {
                if field.is_empty() {
                    Cell::Empty
                } else if r > 0 && field.len() == 10 && field.as_bytes()[4] == b'-' {
                    Cell::Date(field.to_string())
                } else if r > 0 && c > 1 && field.parse::<f64>().is_ok() {
                    Cell::Number(field.parse().unwrap())
                } else {
                    Cell::Text(field.to_string())
                }
            });
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string(row, column, t).unwrap();
                }
                Cell::Number(n) => {
                    ws.write_number(row, column, n).unwrap();
                }
                Cell::Date(d) => {
                    let p: Vec<u16> = d.split('-').map(|x| x.parse().unwrap()).collect();
                    let dt = ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).unwrap();
                    ws.write_date_with_format(row, column, &dt, &date).unwrap();
                }
                Cell::Formula(f, result) => {
                    ws.write_formula(row, column, Formula::new(f).set_result(result))
                        .unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(String),
    Formula(&'static str, &'static str),
}

#[test]
fn an_xlsx_registry_reads_to_the_same_values() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(site.join("households.csv")).unwrap();
    households_xlsx(&site.join("households.xlsx"), "Sheet1", |_, _| None);
    assert_same_values(&site, &Expect::default(), "xlsx first sheet");

    // A named sheet that is not the first.
    std::fs::remove_file(site.join("households.xlsx")).unwrap();
    households_xlsx(&site.join("data-kk.xlsx"), "Penerima", |_, _| None);
    let mut toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    toml.push_str("\n[format.households]\nfile = \"data-kk.xlsx\"\nsheet = \"Penerima\"\n");
    std::fs::write(site.join("site.toml"), toml).unwrap();
    assert_same_values(&site, &Expect::default(), "xlsx named sheet");
}

fn problems(run: &crate::harness::Run) -> Vec<serde_json::Value> {
    run.json()["sites"][0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["problems"].as_array().unwrap().clone())
        .collect()
}

/// The errors of a run's households.xlsx: each one's cell, column and rule.
fn xlsx_errors(run: &crate::harness::Run) -> Vec<(String, String, String)> {
    problems(run)
        .iter()
        .filter(|p| {
            p["severity"] == "error" && p["file"].as_str().unwrap().ends_with("households.xlsx")
        })
        .map(|p| {
            (
                p["cell"].as_str().unwrap_or("").to_string(),
                p["column"].as_str().unwrap().to_string(),
                p["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn xlsx_damaged_identifiers_and_error_cells_are_located() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(site.join("households.csv")).unwrap();
    // Row 2 (H001): the NIK typed into a Number cell; row 3 (H002): members
    // is a formula that failed.
    households_xlsx(&site.join("households.xlsx"), "Sheet1", |r, c| {
        match (r, c) {
            (1, 1) => Some(Cell::Number(3_173_050_101_800_001.0)),
            (2, 6) => Some(Cell::Formula("=VLOOKUP(A3,Data!A:B,2,FALSE)", "#N/A")),
            _ => None,
        }
    });
    // As a spreadsheet program saves it, with the formula's value.
    without_values(&site.join("households.xlsx"));
    let before = dir.snapshot();
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let found = xlsx_errors(&run);
    assert_eq!(
        found,
        vec![
            ("B2".into(), "head_nik".into(), "damaged-identifier".into()),
            ("G3".into(), "members".into(), "excel-error".into()),
        ],
        "{}",
        run.stdout()
    );
    let text = dir.pantau(&["validate", "site"]).expect_code(2).stdout();
    assert!(
        text.contains("households.xlsx!B2: column head_nik: value \"317305**********\": rule damaged-identifier"),
        "{text}"
    );
    assert!(
        text.contains("households.xlsx!G3: column members: value \"#N/A\": rule excel-error"),
        "{text}"
    );
    assert_eq!(dir.snapshot(), before, "validation writes nothing");
}

/// What a formula's value is set to in [`households_xlsx`] for
/// [`without_values`] to leave it out of the workbook.
const NO_VALUE: &str = "(no value)";

/// What a formula's value is set to in [`households_xlsx`] for
/// [`without_values`] to make it empty text.
const EMPTY_TEXT: &str = "(empty text)";

/// Leaves out the saved value of every formula whose value is
/// [`NO_VALUE`], as scripts write formulas (openpyxl writes `=1+1` as
/// `<c r="I2"><f>1+1</f><v /></c>`, for a spreadsheet program to
/// compute), and saves
/// [`EMPTY_TEXT`] as the empty text a spreadsheet program saves for a
/// formula that gives it (`<v></v>`). The other formulas keep their values,
/// as a spreadsheet program saves them: the workbook no longer asks to be
/// recalculated when opened.
fn without_values(path: &Path) {
    let (no_value, empty) = (format!("<v>{NO_VALUE}</v>"), format!("<v>{EMPTY_TEXT}</v>"));
    rewrite_parts(path, |text| {
        text.replace(FULL_CALCULATION, "")
            .split_inclusive("</c>")
            .map(|cell| match cell.contains(&no_value) {
                true => cell.replace(" t=\"str\"", "").replace(&no_value, "<v />"),
                false => cell.replace(&empty, "<v></v>"),
            })
            .collect()
    });
}

/// What rust_xlsxwriter writes in a workbook's settings for it to be
/// recalculated when opened, its formulas' values being placeholders.
const FULL_CALCULATION: &str = " fullCalcOnLoad=\"1\"";

/// Rewrites the text of every part of a workbook with `change`.
fn rewrite_parts(path: &Path, change: impl Fn(&str) -> String) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut book = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = ::zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..book.len() {
        let mut part = book.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut text = String::new();
        part.read_to_string(&mut text).unwrap();
        out.start_file(name, ::zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(change(&text).as_bytes()).unwrap();
    }
    out.finish().unwrap();
}

/// A workbook that asks to be recalculated when opened (as rust_xlsxwriter,
/// XlsxWriter and openpyxl write one) holds placeholders for its formulas'
/// values (0, where the script set none): each formula cell of the
/// contract's columns is refused at the cell, whatever value it holds;
/// the other cells are read.
#[test]
fn xlsx_formulas_of_a_workbook_to_be_recalculated_are_located() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(site.join("households.csv")).unwrap();
    let book = site.join("households.xlsx");
    // members of H001 (G2) and school_age_children of H002 (I3), each with
    // the value rust_xlsxwriter saves when the script gives none (0).
    households_xlsx(&book, "Sheet1", |r, c| match (r, c) {
        (1, 6) => Some(Cell::Formula("=2+2", "0")),
        (2, 8) => Some(Cell::Formula("=1-1", "0")),
        _ => None,
    });
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let expected = [("G2", "members"), ("I3", "school_age_children")].map(|(cell, column)| {
        (
            cell.to_string(),
            column.to_string(),
            "formula-without-value".to_string(),
        )
    });
    assert_eq!(xlsx_errors(&run), expected, "{}", run.stdout());
    let text = dir.pantau(&["validate", "site"]).expect_code(2).stdout();
    assert!(
        text.contains(
            "households.xlsx!G2: column members: rule formula-without-value: a formula whose \
             saved value is not to be read (sheet Sheet1): the workbook asks to be recalculated"
        ),
        "{text}"
    );
    dir.pantau(&["indicators", "site"]).expect_code(2);
}

/// Merges the regions (`E2:E3`) of the workbook's sheets, as a spreadsheet
/// program saves merged cells: the region listed in `<mergeCells>`, its
/// value in its first cell alone.
fn merge(path: &Path, regions: &[&str]) {
    let list: String = regions
        .iter()
        .map(|r| format!("<mergeCell ref=\"{r}\"/>"))
        .collect();
    let cells = format!(
        "</sheetData><mergeCells count=\"{}\">{list}</mergeCells>",
        regions.len()
    );
    rewrite_parts(path, |text| text.replace("</sheetData>", &cells));
}

/// Merged cells: a workbook holds a merged region's value in its first
/// cell alone, so the others would be read as empty (an optional column's
/// value lost with exit code 0, a required one reported missing). Each
/// empty cell of a region in the contract's columns is refused at the
/// cell, naming the region; a region outside the table's columns is not
/// read.
#[test]
fn xlsx_merged_cells_are_located() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(site.join("households.csv")).unwrap();
    let book = site.join("households.xlsx");
    // rw of H001 and H002 (E2:E3, both 1) and school_age_children (I2:I3,
    // 1 and 0) merged, their second cells empty; Q2:R3 is beside the table.
    households_xlsx(&book, "Sheet1", |r, c| match (r, c) {
        (2, 4) | (2, 8) => Some(Cell::Empty),
        _ => None,
    });
    merge(&book, &["E2:E3", "I2:I3", "Q2:R3"]);
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let errors = xlsx_errors(&run);
    let expected = [("E3", "rw"), ("I3", "school_age_children")].map(|(cell, column)| {
        (
            cell.to_string(),
            column.to_string(),
            "merged-cell".to_string(),
        )
    });
    assert_eq!(errors, expected, "{}", run.stdout());
    let text = dir.pantau(&["validate", "site"]).expect_code(2).stdout();
    assert!(
        text.contains(
            "households.xlsx!I3: column school_age_children: rule merged-cell: a cell merged \
             into I2 (cells I2:I3 are merged"
        ),
        "{text}"
    );
    dir.pantau(&["indicators", "site"]).expect_code(2);

    // A second cell holding spaces alone, as some programs save one, and a
    // region written last cell first: the same.
    households_xlsx(&book, "Sheet1", |r, c| match (r, c) {
        (2, 4) => Some(Cell::Text("  ".into())),
        (2, 8) => Some(Cell::Empty),
        _ => None,
    });
    merge(&book, &["E3:E2", "I2:I3"]);
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    assert_eq!(xlsx_errors(&run), expected, "{}", run.stdout());

    // A header cell merged into the one before it (J1:K1, K1 empty) names
    // no column: disabled's values would be left out.
    households_xlsx(&book, "Sheet1", |r, c| match (r, c) {
        (0, 10) => Some(Cell::Empty),
        _ => None,
    });
    merge(&book, &["J1:K1"]);
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let header: Vec<String> = problems(&run)
        .iter()
        .filter(|p| p["rule"] == "merged-cell")
        .map(|p| p["cell"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(header, ["K1"], "{}", run.stdout());

    // The same regions with every cell filled (some programs keep the
    // values under a merge): read as they are.
    households_xlsx(&book, "Sheet1", |_, _| None);
    merge(&book, &["E2:E3", "I2:I3", "Q2:R3"]);
    assert_same_values(&site, &Expect::default(), "xlsx merged cells all filled");
}

/// A formula is read as the value the workbook saved with it. A workbook
/// written by a script holds formulas without their values: each such cell
/// of the contract's columns is refused at the cell, never read as empty
/// (an optional column's value would vanish with exit code 0, and a
/// required one be reported as missing), even where it is all its row
/// holds, and in the header.
#[test]
fn xlsx_formulas_without_their_values_are_located() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(site.join("households.csv")).unwrap();
    let book = site.join("households.xlsx");
    // With their values: the tiny site's values (a formula giving empty
    // text is an empty cell).
    households_xlsx(&book, "Sheet1", |r, c| match (r, c) {
        (1, 6) => Some(Cell::Formula("=2+2", "4")),
        (3, 2) => Some(Cell::Formula("=\"Agus \"&\"Wijaya\"", "Agus Wijaya")),
        (1, 14) => Some(Cell::Formula("=IF(TRUE,\"\",\"x\")", EMPTY_TEXT)),
        _ => None,
    });
    without_values(&book);
    assert_same_values(&site, &Expect::default(), "xlsx formulas with values");

    // school_age_children of H001 (I2, optional), members of H002 (G3,
    // required), and members of a row that holds nothing else (G7).
    households_xlsx(&book, "Sheet1", |r, c| match (r, c) {
        (1, 8) => Some(Cell::Formula("=1+0", NO_VALUE)),
        (2, 6) => Some(Cell::Formula("=0+1", NO_VALUE)),
        (6, 6) => Some(Cell::Formula("=2", NO_VALUE)),
        (6, _) => Some(Cell::Empty),
        _ => None,
    });
    without_values(&book);
    let run = dir
        .pantau(&["validate", "site", "--format", "json"])
        .expect_code(2);
    let errors = xlsx_errors(&run);
    let unsaved: Vec<(&str, &str)> = errors
        .iter()
        .filter(|(_, _, rule)| rule == "formula-without-value")
        .map(|(cell, column, _)| (cell.as_str(), column.as_str()))
        .collect();
    assert_eq!(
        unsaved,
        [
            ("I2", "school_age_children"),
            ("G3", "members"),
            ("G7", "members")
        ],
        "{}",
        run.stdout()
    );
    assert!(
        !errors
            .iter()
            .any(|(cell, _, rule)| cell == "G3" && rule == "required"),
        "{errors:?}"
    );
    let text = dir.pantau(&["validate", "site"]).expect_code(2).stdout();
    assert!(
        text.contains(
            "households.xlsx!I2: column school_age_children: rule formula-without-value: \
             a formula without its saved value (sheet Sheet1)"
        ),
        "{text}"
    );
    dir.pantau(&["indicators", "site"]).expect_code(2);

    // A header cell: the column's name is not known.
    households_xlsx(&book, "Daftar", |r, c| match (r, c) {
        (0, 1) => Some(Cell::Formula("=\"head_nik\"", NO_VALUE)),
        _ => None,
    });
    without_values(&book);
    let text = dir.pantau(&["validate", "site"]).expect_code(2).stdout();
    assert!(
        text.contains(
            "households.xlsx!B1: rule formula-without-value: a formula without its saved \
             value (sheet Daftar)"
        ),
        "{text}"
    );
}

#[test]
fn a_missing_sheet_is_a_file_error() {
    let dir = Dir::new();
    let site = dir.copy_dir(&fixtures().join("tiny"), "site");
    std::fs::remove_file(site.join("households.csv")).unwrap();
    households_xlsx(&site.join("households.xlsx"), "Sheet1", |_, _| None);
    let mut toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    toml.push_str("\n[format.households]\nsheet = \"KK\"\n");
    std::fs::write(site.join("site.toml"), toml).unwrap();
    let run = dir.pantau(&["validate", "site"]).expect_code(2);
    assert!(
        run.stdout()
            .contains("rule missing-sheet: the workbook has no sheet \"KK\" (sheets: Sheet1)"),
        "{}",
        run.stdout()
    );
}

#[test]
fn the_kobo_sample_site_matches_the_generated_site_it_came_from() {
    // sample-data/kobo-semanan was made by
    //   pantau generate --profile semanan --households 400 --seed 31
    //   scripts/kobo-export sample-data/kobo-semanan
    let dir = Dir::new();
    dir.pantau(&[
        "generate",
        "--profile",
        "semanan",
        "--households",
        "400",
        "--seed",
        "31",
        "--out",
        "plain",
    ])
    .expect_code(0);
    let sample = crate::harness::repo()
        .join("sample-data")
        .join("kobo-semanan");
    let kobo = dir
        .pantau(&["indicators", &sample.display().to_string()])
        .expect_code(0)
        .stdout();
    let plain = dir.pantau(&["indicators", "plain"]).expect_code(0).stdout();
    assert_eq!(kobo, plain);
}
