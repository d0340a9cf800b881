//! Benchmarks of pantau's inner functions, with criterion: the value
//! readers that every number and date of a CSV or spreadsheet table goes
//! through, the stages of a run (loading and checking a site, computing
//! its indicators) on the synthetic sample village, and a district's
//! villages one after the other.
//!
//! `cargo bench --bench inner`. Whole runs against the tools evaluators use
//! instead are measured by `benches/run` (see the README).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pantau::load::parse::{parse_date, parse_decimal, parse_int, DateOrder, NumberStyle};

/// Values as villages write them: plain, with Indonesian thousands
/// separators and currency, and dates in several forms.
fn numbers() -> Vec<String> {
    (0..10_000u64)
        .map(|i| match i % 3 {
            0 => format!("{}", 150_000 + i * 1_000),
            1 => format!("Rp {}.{:03}.000", 1 + i % 9, i % 1000),
            _ => format!("{},{:02}", 2_000 + i, i % 100),
        })
        .collect()
}

fn dates() -> Vec<String> {
    (0..10_000u32)
        .map(|i| {
            let (d, m) = (1 + i % 28, 1 + i % 12);
            match i % 3 {
                0 => format!("2026-{m:02}-{d:02}"),
                1 => format!("{d} Agustus 2025"),
                _ => format!("{}", 45_000 + i % 1_000),
            }
        })
        .collect()
}

fn value_readers(c: &mut Criterion) {
    let numbers = numbers();
    let dates = dates();
    let mut group = c.benchmark_group("value readers");
    group.throughput(Throughput::Elements(numbers.len() as u64));
    group.bench_function("whole numbers, Indonesian style", |b| {
        b.iter(|| {
            numbers
                .iter()
                .filter(|v| parse_int(black_box(v), NumberStyle::Id).is_ok())
                .count()
        })
    });
    group.bench_function("decimals, Indonesian style", |b| {
        b.iter(|| {
            numbers
                .iter()
                .filter(|v| parse_decimal(black_box(v), NumberStyle::Id).is_ok())
                .count()
        })
    });
    group.throughput(Throughput::Elements(dates.len() as u64));
    group.bench_function("dates, day first", |b| {
        b.iter(|| {
            dates
                .iter()
                .filter(|v| parse_date(black_box(v), DateOrder::DayFirst).is_ok())
                .count()
        })
    });
    group.finish();
}

fn stages(c: &mut Criterion) {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/semanan");
    let mut group = c.benchmark_group("stages, sample village Semanan");
    group.sample_size(10);
    group.bench_function("load and check the site", |b| {
        b.iter(|| {
            pantau::site::Site::open(black_box(&site), pantau::validate::Tolerance::None)
                .map(|s| s.validation.files.len())
        })
    });
    group.bench_function("compute every indicator", |b| {
        b.iter_batched(
            || {
                pantau::site::Site::open(&site, pantau::validate::Tolerance::None)
                    .expect("the sample site is valid")
            },
            |loaded| pantau::indicators::compute(&loaded).map(|i| i.rows.len()),
            BatchSize::PerIteration,
        )
    });
    let loaded = pantau::site::Site::open(&site, pantau::validate::Tolerance::None)
        .expect("the sample site is valid");
    let rows = pantau::indicators::compute(&loaded)
        .expect("the sample site's indicators")
        .rows;
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.bench_function("write the indicator table as CSV", |b| {
        b.iter(|| pantau::indicators::csv_parts(black_box(&rows)).map(|parts| parts.len()))
    });
    group.finish();
}

/// `pantau explain` and `pantau simulate` past loading and the indicators:
/// one household's explanation, and three rules side by side.
fn questions(c: &mut Criterion) {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/semanan");
    let prepared = pantau::report::prepare(&site, None, pantau::validate::Tolerance::None)
        .expect("the sample site is valid");
    let mut group = c.benchmark_group("questions, sample village Semanan");
    group.sample_size(20);
    group.bench_function("explain one household", |b| {
        b.iter(|| {
            pantau::explain::explain(
                &prepared.site,
                &prepared.indicators,
                black_box("3173051704053647"),
                prepared.period,
                pantau::fmt::Lang::Id,
            )
            .map(|e| e.answers.len())
        })
    });
    let rules = [
        "welfare_decile <= 5 AND members >= 3".to_string(),
        "welfare_decile <= 3".to_string(),
        "welfare_decile <= 3 OR (welfare_decile <= 5 AND children >= 3)".to_string(),
    ];
    group.bench_function("simulate three rules", |b| {
        b.iter(|| {
            let question = pantau::simulate::Question {
                program: "SEMBAKO",
                rules: black_box(&rules),
                amount: None,
                budget: None,
                quarter: prepared.period,
            };
            pantau::simulate::simulate(&prepared.site, &prepared.indicators, &question)
                .map(|s| s.outcomes.len())
        })
    });
    group.finish();
}

/// A district run's work per village: five generated villages of 1,000
/// households, each read, checked and computed in turn and released before
/// the next, as `pantau report DISTRICT` does.
fn district(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("pantau-bench-district-{}", std::process::id()));
    let villages: Vec<_> = (0..5u64)
        .map(|k| {
            let out = dir.join(format!("desa-{k}"));
            let profile = pantau::generate::Profile::named(
                pantau::generate::ProfileName::Semanan,
                Some(format!("Desa {k}")),
            );
            pantau::generate::generate(&profile, 1_000, 40 + k, &out, true)
                .expect("a generated village");
            out
        })
        .collect();
    let mut group = c.benchmark_group("district, five villages of 1,000 households");
    group.sample_size(10);
    group.throughput(Throughput::Elements(villages.len() as u64));
    group.bench_function("read, check and compute each village in turn", |b| {
        b.iter(|| {
            villages
                .iter()
                .map(|v| {
                    pantau::report::prepare(black_box(v), None, pantau::validate::Tolerance::None)
                        .map(|p| p.indicators.rows.len())
                        .expect("a valid village")
                })
                .sum::<usize>()
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, value_readers, stages, questions, district);
criterion_main!(benches);
