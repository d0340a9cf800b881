//! `pantau generate`: deterministic, valid, and honest about what it planted.

use std::collections::BTreeSet;

use polars::prelude::*;

use crate::harness::Dir;

/// Reads a CSV file with every column as text.
fn read_csv(path: &std::path::Path) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .expect("reader")
        .finish()
        .expect("read csv")
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let dir = Dir::new();
    for (out, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
        dir.pantau(&[
            "generate",
            "--profile",
            "duri-selatan",
            "--households",
            "400",
            "--seed",
            seed,
            "--out",
            out,
        ])
        .expect_code(0);
    }
    let read = |name: &str| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(name))
            .expect("out dir")
            .map(|e| e.expect("entry").path())
            .map(|p| {
                (
                    p.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .to_string(),
                    std::fs::read(&p).expect("read"),
                )
            })
            .collect();
        files.sort();
        files
    };
    let (a, b, c) = (read("a"), read("b"), read("c"));
    assert_eq!(
        a.len(),
        9,
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(a == b, "same seed gave different files");
    assert!(a != c, "another seed gave the same files");
}

#[test]
fn every_profile_writes_a_valid_site() {
    let dir = Dir::new();
    for profile in ["semanan", "duri-selatan", "custom"] {
        dir.pantau(&[
            "generate",
            "--profile",
            profile,
            "--households",
            "600",
            "--seed",
            "3",
            "--out",
            profile,
        ])
        .expect_code(0);
        let run = dir
            .pantau(&["validate", profile, "--format", "json"])
            .expect_code(0);
        assert_eq!(run.json()["errors"], 0);
    }
    let toml = std::fs::read_to_string(dir.join("custom/site.toml")).expect("site.toml");
    assert!(toml.starts_with("# SYNTHETIC DATA"));
}

#[test]
fn an_existing_folder_is_not_replaced_without_force() {
    let dir = Dir::new();
    std::fs::create_dir(dir.join("site")).expect("mkdir");
    std::fs::write(dir.join("site/keep.txt"), "mine").expect("write");
    let before = dir.snapshot();
    let run = dir
        .pantau(&["generate", "--households", "50", "--out", "site"])
        .expect_code(2);
    assert!(run.stderr().contains("already exists"), "{}", run.stderr());
    assert_eq!(dir.snapshot(), before);
    dir.pantau(&["generate", "--households", "50", "--out", "site", "--force"])
        .expect_code(0);
    assert!(!dir.join("site/keep.txt").exists());
    assert!(dir.join("site/households.csv").exists());
    // No staging folders are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The current folder, or a folder holding it, is never replaced whole,
/// even with --force: it failed half-way and left a whole site behind.
#[test]
fn the_current_folder_is_not_replaced() {
    let dir = Dir::new();
    std::fs::create_dir(dir.join("inner")).expect("mkdir");
    std::fs::write(dir.join("keep.txt"), "mine").expect("write");
    let name = dir
        .path()
        .file_name()
        .map(|n| format!("../{}", n.to_string_lossy()))
        .expect("a name");
    let before = dir.snapshot();
    for out in [".", "inner/..", name.as_str(), "./"] {
        let run = dir
            .pantau(&["generate", "--households", "10", "--out", out, "--force"])
            .expect_code(2);
        assert!(
            run.stderr()
                .contains("the current folder or a folder holding it"),
            "{out}: {}",
            run.stderr()
        );
        assert_eq!(dir.snapshot(), before, "{out}");
    }
}

/// A village name site.toml may not hold, or one the profile would
/// ignore, is refused before anything is written: the site written was
/// refused by its own validate, or bore the profile's name.
#[test]
fn a_name_the_site_cannot_take_is_refused() {
    let dir = Dir::new();
    for (profile, name, says) in [
        ("custom", "Desa \u{1b}[31mMerah", "U+001B"),
        ("custom", "  ", "it is empty"),
        (
            "semanan",
            "Sukamaju",
            "only the custom profile takes a village name",
        ),
    ] {
        let run = dir
            .pantau(&[
                "generate",
                "--profile",
                profile,
                "--name",
                name,
                "--households",
                "20",
                "--out",
                "site",
            ])
            .expect_code(2);
        assert!(run.stderr().contains(says), "{name:?}: {}", run.stderr());
        assert!(!dir.join("site").exists(), "{name:?}");
    }
    dir.pantau(&[
        "generate",
        "--profile",
        "custom",
        "--name",
        "Sukamaju",
        "--households",
        "20",
        "--out",
        "site",
    ])
    .expect_code(0);
    dir.pantau(&["validate", "site"]).expect_code(0);
}

/// A household count of none, or past what the generator makes, is a
/// usage error before anything is written, not an abort on memory.
#[test]
fn household_counts_out_of_range_are_refused() {
    let dir = Dir::new();
    for n in ["0", "20000001", "99999999999999"] {
        let run = dir
            .pantau(&["generate", "--households", n, "--out", "site"])
            .expect_code(2);
        assert!(
            run.stderr().contains("give 1 to 20000000 households"),
            "{n}: {}",
            run.stderr()
        );
        assert!(!dir.join("site").exists(), "{n}");
    }
}

/// The answer key lists exactly the households that received a program they
/// are not eligible for, judged by the `eligible_when` SQL in site.toml as
/// polars evaluates it. This pins the generator's predicates to its SQL.
#[test]
fn planted_ineligible_payments_match_the_sql_criteria() {
    let dir = Dir::new();
    for profile in ["semanan", "duri-selatan"] {
        dir.pantau(&[
            "generate",
            "--profile",
            profile,
            "--households",
            "1500",
            "--seed",
            "11",
            "--out",
            profile,
        ])
        .expect_code(0);
        let site = dir.join(profile);
        let config: toml::Value =
            toml::from_str(&std::fs::read_to_string(site.join("site.toml")).expect("toml"))
                .expect("parse");
        let counts = [
            "rw",
            "rt",
            "members",
            "children",
            "school_age_children",
            "elderly",
            "disabled",
            "welfare_decile",
        ];
        let households = read_csv(&site.join("households.csv"))
            .lazy()
            .with_columns(
                counts
                    .iter()
                    .map(|c| col(*c).cast(DataType::Int64))
                    .collect::<Vec<_>>(),
            )
            .collect()
            .expect("typed households");
        let ledger = read_csv(&site.join("distributions.csv"));
        let mut found = BTreeSet::new();
        for program in config["program"].as_array().expect("programs") {
            let code = program["code"].as_str().expect("code");
            let sql = program["eligible_when"].as_str().expect("sql");
            let eligible = polars::sql::sql_expr(sql).expect("sql parses");
            let ineligible = households
                .clone()
                .lazy()
                .filter(eligible.not())
                .select([col("household_id")]);
            let paid = ledger
                .clone()
                .lazy()
                .filter(
                    col("program")
                        .eq(lit(code))
                        .and(col("status").eq(lit("delivered"))),
                )
                .select([col("household_id")])
                .join(
                    ineligible,
                    [col("household_id")],
                    [col("household_id")],
                    JoinArgs::new(JoinType::Inner),
                )
                .unique(None, UniqueKeepStrategy::Any)
                .collect()
                .expect("join");
            for id in paid
                .column("household_id")
                .expect("col")
                .as_materialized_series()
                .iter()
            {
                found.insert(format!("{code} {}", id.to_string().trim_matches('"')));
            }
        }
        let planted = read_csv(&site.join("planted_problems.csv"));
        let mut listed = BTreeSet::new();
        let flags = planted
            .column("flag")
            .expect("flag")
            .str()
            .expect("str")
            .clone();
        let keys = planted
            .column("key")
            .expect("key")
            .str()
            .expect("str")
            .clone();
        let details = planted
            .column("detail")
            .expect("detail")
            .str()
            .expect("str")
            .clone();
        for i in 0..planted.height() {
            if flags.get(i) == Some("flag_ineligible_payment") {
                let code = details
                    .get(i)
                    .unwrap_or("")
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_string();
                listed.insert(format!("{code} {}", keys.get(i).unwrap_or("")));
            }
        }
        assert!(!found.is_empty(), "{profile}: no ineligible payment at all");
        assert_eq!(found, listed, "{profile}");
        // Every other planted problem is there too.
        let kinds: BTreeSet<&str> = flags.iter().flatten().collect();
        for kind in [
            "flag_duplicate_payment",
            "flag_payment_after_exit",
            "flag_ineligible_payment",
            "flag_over_entitlement",
            "flag_duplicate_nik",
            "reconciliation_gap",
        ] {
            assert!(kinds.contains(kind), "{profile}: {kind} not planted");
        }
    }
}
