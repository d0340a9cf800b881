//! Parquet conversion and the progress display: what large sites need.

use crate::harness::{fixtures, sample, Dir, TABLES};

#[test]
fn a_converted_site_gives_the_same_indicators_and_report() {
    let dir = Dir::new();
    let site = sample("semanan");
    let run = dir
        .pantau(&["convert", &site, "--out", "semanan-parquet"])
        .expect_code(0);
    let written: Vec<String> = run.stdout().lines().map(str::to_string).collect();
    for table in TABLES {
        let path = dir.join(&format!("semanan-parquet/{table}.parquet"));
        assert!(written.contains(&format!("semanan-parquet/{table}.parquet")));
        // Parquet files start and end with the magic bytes PAR1.
        let bytes = std::fs::read(&path).expect("a Parquet file");
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
    }
    assert!(!dir.join("semanan-parquet/households.csv").exists());

    let csv = dir.pantau(&["indicators", &site]).expect_code(0).stdout();
    let parquet = dir
        .pantau(&["indicators", "semanan-parquet"])
        .expect_code(0)
        .stdout();
    assert_eq!(csv, parquet);
    // The copy keeps the synthetic-data notice of site.toml, so the report says so.
    let run = dir
        .pantau(&["report", "semanan-parquet", "--out", "out"])
        .expect_code(0);
    let html = run.stdout().lines().next().unwrap_or_default().to_string();
    let html = std::fs::read_to_string(dir.join(&html)).expect("the report");
    assert!(
        html.contains("sintetis"),
        "the report says the data are synthetic"
    );
}

#[test]
fn converting_an_export_drops_its_file_mappings() {
    // kobo-semanan reads its surveys from a Kobo export through [format],
    // [columns] and [values]; the Parquet copy follows the contract instead.
    let dir = Dir::new();
    let site = sample("kobo-semanan");
    dir.pantau(&["convert", &site, "--out", "copy"])
        .expect_code(0);
    let toml = std::fs::read_to_string(dir.join("copy/site.toml")).expect("site.toml");
    assert!(toml.starts_with("# SYNTHETIC DATA"));
    for section in ["[format", "[columns", "[values"] {
        assert!(!toml.contains(section), "{section} left in:\n{toml}");
    }
    let original = dir.pantau(&["indicators", &site]).expect_code(0).stdout();
    let copy = dir.pantau(&["indicators", "copy"]).expect_code(0).stdout();
    assert_eq!(original, copy);
}

#[test]
fn convert_refuses_invalid_sites_and_mixed_folders() {
    let dir = Dir::new();
    let bad = dir.copy_dir(&fixtures().join("tiny"), "bad");
    let households = std::fs::read_to_string(bad.join("households.csv")).expect("read");
    let households = households.replacen(",1,1,4,2,1,", ",1,1,empat,2,1,", 1);
    std::fs::write(bad.join("households.csv"), households).expect("write");
    let run = dir
        .pantau(&["convert", &bad.display().to_string(), "--out", "x"])
        .expect_code(2);
    assert!(run.stderr().contains("members"), "{}", run.stderr());
    assert!(
        !dir.join("x").exists(),
        "nothing is written for an invalid site"
    );
    // Tolerated, the rejected registry row would leave its deliveries in
    // the copy as payments to a household not in the registry.
    let run = dir
        .pantau(&[
            "convert",
            &bad.display().to_string(),
            "--out",
            "x",
            "--max-rejected-rows",
            "34%",
        ])
        .expect_code(2);
    assert!(
        run.stderr().contains("households.csv: 1 rows rejected")
            && run.stderr().contains("households not in the registry"),
        "{}",
        run.stderr()
    );
    assert!(!dir.join("x").exists());

    let tiny = dir.copy_dir(&fixtures().join("tiny"), "tiny");
    let tiny = tiny.display().to_string();
    let run = dir
        .pantau(&["convert", &tiny, "--out", &tiny])
        .expect_code(2);
    assert!(run.stderr().contains("another folder"), "{}", run.stderr());
    // A folder that already has a CSV table would hold two files for it.
    let run = dir
        .pantau(&["convert", &tiny, "--out", "tiny/../tiny2"])
        .expect_code(0);
    assert!(run.stdout().contains("households.parquet"));
    std::fs::write(dir.join("tiny2/surveys.csv"), "household_id\n").expect("write");
    let run = dir
        .pantau(&["convert", &tiny, "--out", "tiny2"])
        .expect_code(2);
    assert!(
        run.stderr().contains("surveys.csv is there already"),
        "{}",
        run.stderr()
    );
    std::fs::remove_file(dir.join("tiny2/surveys.csv")).expect("remove");
    // The same site again replaces its tables; a site without trainings
    // would leave the earlier trainings.parquet to be read as its own.
    dir.pantau(&["convert", &tiny, "--out", "tiny2"])
        .expect_code(0);
    // Another site's settings are not replaced: a village made by init,
    // or the copy of a site whose settings changed since.
    dir.pantau(&[
        "init",
        "desa-x",
        "--name",
        "Sukamaju",
        "--code",
        "32.01.01.2001",
    ])
    .expect_code(0);
    let before = dir.snapshot();
    let run = dir
        .pantau(&["convert", &tiny, "--out", "desa-x"])
        .expect_code(2);
    assert!(
        run.stderr()
            .contains("holds other settings than the converted copy"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing may be written");
    std::fs::write(
        format!("{tiny}/site.toml"),
        std::fs::read_to_string(format!("{tiny}/site.toml"))
            .expect("read")
            .replacen("poverty_line", "# a comment\npoverty_line", 1),
    )
    .expect("write");
    dir.pantau(&["convert", &tiny, "--out", "tiny2"])
        .expect_code(2);
    let fewer = dir.copy_dir(&fixtures().join("tiny"), "fewer");
    std::fs::remove_file(fewer.join("trainings.csv")).expect("remove");
    let before = dir.snapshot();
    let run = dir
        .pantau(&["convert", &fewer.display().to_string(), "--out", "tiny2"])
        .expect_code(2);
    assert!(
        run.stderr().contains("trainings.parquet is there already"),
        "{}",
        run.stderr()
    );
    assert_eq!(dir.snapshot(), before, "nothing is written");
}

/// Runs `pantau ARGS` on a pseudo-terminal (util-linux `script`) and
/// returns what it printed there.
fn on_a_terminal(dir: &Dir, args: &str) -> String {
    let command = format!("{} {args} >/dev/null", env!("CARGO_BIN_EXE_pantau"));
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .output()
        .expect("script from util-linux");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn progress_shows_on_a_terminal_only() {
    let dir = Dir::new();
    let site = fixtures().join("tiny").display().to_string();
    // Not a terminal: standard error stays empty.
    let run = dir
        .pantau(&["report", &site, "--out", "out"])
        .expect_code(0);
    assert_eq!(run.stderr(), "");
    // A terminal: one line per finished step, with its duration.
    let shown = on_a_terminal(&dir, &format!("report {site} --out out"));
    for step in [
        "reading and checking",
        "computing the indicators of",
        "drawing the charts and rendering the report",
        "writing into out",
    ] {
        assert!(shown.contains(step), "{step} missing from {shown:?}");
    }
    let timed = shown.split(": ").skip(1).any(|after| {
        let number: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        number.contains('.') && after[number.len()..].starts_with(" s")
    });
    assert!(timed, "no step duration in {shown:?}");
    // --quiet: nothing, even on a terminal.
    let quiet = on_a_terminal(&dir, &format!("--quiet report {site} --out out"));
    assert_eq!(quiet.trim(), "", "{quiet:?}");
}
