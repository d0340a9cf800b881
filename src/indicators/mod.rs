//! The indicator engine: every indicator of the public definitions (coverage
//! and targeting, income and welfare, training, per-RT equity, feedback) as
//! tidy rows with numerator, denominator, value and, where defined, a 95%
//! confidence interval.
//!
//! Each family lives in its own module and works in two steps: it adds lazy
//! plans to a shared [`Batch`] (so polars optimises and runs them together),
//! then turns the collected frames into [`Row`]s. Two exceptions keep the
//! run's memory down: the income family joins each survey round with the
//! registry by household key once the coverage family has summed the
//! household-quarter frame, and the equity family reads that same frame.
//! Sums are taken before dividing, so group numerators and denominators add
//! up to the site totals.
//! Floating-point statistics whose result would depend on the order of
//! summation (Theil, concentration index, bootstrap) run in Rust on rows
//! sorted by household, so the same input gives the same digits on any
//! number of threads.

mod base;
mod bootstrap;
pub mod budget;
mod coverage;
mod deliveries;
mod equity;
mod feedback;
mod frame;
mod groups;
mod household_keys;
pub mod id;
mod income;
pub mod integrity;
pub mod ledger;
pub mod period;
pub mod recipients;
pub mod reconcile;
mod registry;
mod row;
mod training;

use std::ops::Range;

use compact_str::CompactString;

use anyhow::{Context, Result};
use polars::prelude::*;
use rayon::prelude::*;
use serde::Serialize;

pub use budget::{Budget, BudgetLine};
pub use id::Id;
pub use integrity::{Case, Detail};
pub use ledger::Ledger;
pub use period::Quarter;
pub use reconcile::{LedgerRow, ReconLine, Verdict};
pub use row::{GroupBy, Num, Unit};

pub(crate) use base::{eligibility, rule_error, rule_failure};
pub(crate) use coverage::TARGETING;
pub(crate) use frame::{rt_label, rt_of_label, rw_label, rw_of_label};
pub use period::{Period, BASELINE};

use crate::site::Site;
use crate::writer::{self, Cell, CsvWriter};

/// The output columns, in order.
pub const COLUMNS: [&str; 11] = [
    "indicator",
    "period",
    "program",
    "group_by",
    "group",
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "unit",
];

/// The budget and integrity ids: a contiguous run of [`Id::ALL`].
pub fn budget_ids() -> &'static [Id] {
    let at = |id: Id| Id::ALL.iter().position(|x| *x == id).unwrap_or(0);
    &Id::ALL[at(Id::BudgetAbsorption)..=at(integrity::AMOUNT)]
}

/// Disaggregations, in output order.
const GROUP_BYS: [&str; 13] = [
    "",
    "rw",
    "rt",
    "head_gender",
    "welfare_decile",
    "trained",
    "course",
    "participant_gender",
    "category",
    "channel",
    "program",
    "source",
    "flag",
];

/// Program name of rows that are not per program.
pub const ALL: &str = "all";
/// The program key of the aid programs together (every program but the
/// training ones), given when a site has both.
pub const AID: &str = "aid";

/// One indicator value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub indicator: Id,
    pub period: Period,
    /// Program codes and group labels are short: kept inline in the row.
    pub program: CompactString,
    /// The disaggregation (`rw`, `rt`, `head_gender`, ...); empty for the whole site.
    pub group_by: GroupBy,
    pub group: CompactString,
    pub numerator: Num,
    pub denominator: Num,
    /// Empty when the denominator is zero or the statistic is undefined.
    pub value: Num,
    pub ci_low: Num,
    pub ci_high: Num,
    pub unit: Unit,
}

/// Where a row belongs: period, program and group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub period: Period,
    pub program: CompactString,
    pub group_by: &'static str,
    pub group: CompactString,
}

impl Key {
    pub(crate) fn site(period: Period, program: impl Into<CompactString>) -> Key {
        Key {
            period,
            program: program.into(),
            group_by: "",
            group: CompactString::default(),
        }
    }

    pub(crate) fn grouped(&self, group_by: &'static str, group: impl Into<CompactString>) -> Key {
        Key {
            group_by,
            group: group.into(),
            ..self.clone()
        }
    }
}

/// Units of the `unit` column.
pub(crate) mod unit {
    use super::Unit;

    /// A share or rate between 0 and 1.
    pub const RATIO: Unit = Unit::Ratio;
    pub const HOUSEHOLDS: Unit = Unit::Households;
    pub const ENROLLMENTS: Unit = Unit::Enrollments;
    pub const FEEDBACK: Unit = Unit::Feedback;
    pub const RUPIAH_PER_MONTH: Unit = Unit::RupiahPerMonth;
    pub const RUPIAH_PER_HOUSEHOLD: Unit = Unit::RupiahPerHousehold;
    pub const DAYS: Unit = Unit::Days;
    pub const RUPIAH: Unit = Unit::Rupiah;
    /// Flagged cases (ledger rows, household quarters or shared NIKs).
    pub const CASES: Unit = Unit::Cases;
    pub const INDEX: Unit = Unit::Index;
}

impl Row {
    /// The disaggregation the row belongs to: (indicator, period, program,
    /// group_by); the rows of one differ only in their group.
    pub(crate) fn disaggregation(&self) -> (Id, &Period, &str, &'static str) {
        (
            self.indicator,
            &self.period,
            self.program.as_str(),
            self.group_by.as_str(),
        )
    }

    fn new(indicator: Id, key: &Key, unit: Unit) -> Row {
        Row {
            indicator,
            period: key.period.clone(),
            program: key.program.clone(),
            group_by: GroupBy::of(key.group_by),
            group: key.group.clone(),
            numerator: Num::MISSING,
            denominator: Num::MISSING,
            value: Num::MISSING,
            ci_low: Num::MISSING,
            ci_high: Num::MISSING,
            unit,
        }
    }

    /// numerator / denominator; no value when the denominator is zero.
    pub(crate) fn ratio(
        indicator: Id,
        key: &Key,
        unit: Unit,
        numerator: f64,
        denominator: f64,
    ) -> Row {
        Row {
            numerator: numerator.into(),
            denominator: denominator.into(),
            value: divide(numerator, denominator).into(),
            ..Row::new(indicator, key, unit)
        }
    }

    /// A count; the count is also the numerator.
    pub(crate) fn count(indicator: Id, key: &Key, unit: Unit, n: f64) -> Row {
        Row {
            numerator: n.into(),
            value: n.into(),
            ..Row::new(indicator, key, unit)
        }
    }

    /// A statistic that is not a ratio (a median, a difference, an index).
    pub(crate) fn value(indicator: Id, key: &Key, unit: Unit, value: Option<f64>) -> Row {
        Row {
            value: value.filter(|v| v.is_finite()).into(),
            ..Row::new(indicator, key, unit)
        }
    }

    pub(crate) fn with_denominator(mut self, n: f64) -> Row {
        self.denominator = n.into();
        self
    }

    pub(crate) fn with_ci(mut self, ci: Option<(f64, f64)>) -> Row {
        if let Some((lo, hi)) = ci {
            self.ci_low = lo.into();
            self.ci_high = hi.into();
        }
        self
    }
}

pub(crate) fn divide(numerator: f64, denominator: f64) -> Option<f64> {
    let v = numerator / denominator;
    (denominator != 0.0 && v.is_finite()).then_some(v)
}

/// Chart material that is not a single value.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Shapes {
    pub spreads: Vec<Spread>,
    pub curves: Vec<Curve>,
}

/// The spread of income change since baseline in one group of a round's
/// panel: the 10th, 25th, 50th, 75th and 90th percentiles (type 7).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub period: Period,
    /// `trained` or `untrained`.
    pub group: &'static str,
    pub n: usize,
    pub quantiles: [f64; 5],
}

/// The concentration curve of aid over eligible households ranked by
/// baseline income per member (poorest first), in one quarter: points
/// (cumulative share of households, cumulative share of value) from (0, 0)
/// to (1, 1), at most 101 of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Curve {
    pub period: Period,
    pub points: Vec<(f64, f64)>,
}

/// Lazy plans of several families, collected together.
#[derive(Default)]
pub(crate) struct Batch {
    plans: Vec<LazyFrame>,
}

impl Batch {
    /// Adds a plan; the index finds its frame after [`Batch::collect`].
    pub(crate) fn add(&mut self, plan: LazyFrame) -> usize {
        self.plans.push(plan);
        self.plans.len() - 1
    }

    pub(crate) fn collect(self) -> PolarsResult<Vec<DataFrame>> {
        if self.plans.is_empty() {
            return Ok(Vec::new());
        }
        let opt = self.plans[0].get_current_optimizations();
        let dsl: Vec<DslPlan> = self.plans.into_iter().map(|lf| lf.logical_plan).collect();
        LazyFrame::collect_all_with_engine(dsl, Engine::Auto, opt)
    }
}

/// Every indicator of a site.
pub struct Indicators {
    pub rows: Vec<Row>,
    /// Summaries behind the charts that the rows cannot carry: the spread of
    /// income change per group, and concentration curves.
    pub shapes: Shapes,
    /// Quarters with distributions, in time order.
    pub quarters: Vec<Quarter>,
    /// Quarters with any dated record (a delivery, a survey, a course
    /// start, a budget line or feedback), in time order: the quarters a
    /// report can show.
    pub record_quarters: Vec<Quarter>,
    /// Follow-up survey rounds, in time order.
    pub rounds: Vec<Period>,
    /// Budget lines and the reconciliation of program expense lines.
    pub budget: Budget,
    /// Integrity flags with the rows behind them.
    pub cases: Vec<Case>,
    /// The aid ledger totalled per quarter, program and status.
    pub ledger: Ledger,
    /// The one quarter with rows per RT of the coverage and equity
    /// families, or `None` when every quarter has them ([`RtRows`]).
    pub rt_quarter: Option<Quarter>,
}

impl Indicators {
    /// Periods present in the rows, in first-seen order.
    pub fn periods(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for r in &self.rows {
            let label = r.period.label();
            if !seen.contains(&label) {
                seen.push(label);
            }
        }
        seen
    }
}

/// The quarters whose rows per RT the coverage and equity families make.
/// The indicator table has every quarter's. A report shows one quarter,
/// and on a large site the rows per RT of the other quarters are most of
/// the rows (four million of seven at a million households), so a report
/// asks for those of its own quarter only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RtRows {
    /// Every quarter's.
    Every,
    /// One quarter's: the given one, or with `None` the ledger's latest
    /// complete quarter (the one a report shows when none is asked for);
    /// every quarter's when the ledger has no complete quarter.
    Of(Option<Quarter>),
}

/// Computes every indicator of a validated site.
pub fn compute(site: &Site) -> Result<Indicators> {
    compute_with(site, RtRows::Every)
}

/// Computes the indicators of a validated site, with the rows per RT of
/// the quarters `rt_rows` names.
pub fn compute_with(site: &Site, rt_rows: RtRows) -> Result<Indicators> {
    crate::progress::step(format!(
        "computing the indicators of {}",
        site.dir.display()
    ));
    let mut base = base::Base::new(site)?;
    base.rt_quarter = match rt_rows {
        RtRows::Every => None,
        RtRows::Of(Some(q)) => Some(q),
        RtRows::Of(None) => base.ledger.latest_complete(),
    };
    let mut batch = Batch::default();
    let coverage = coverage::plan(&base, &mut batch);
    // The income family's rows are made once the coverage family's sums
    // are done (below): its rounds are not held beside them.
    let income = income::plan(&base)?;
    let training = training::plan(&base, &mut batch);
    let feedback = feedback::plan(&base, &mut batch);
    let budget = budget::plan(&base, &mut batch);
    let integrity = integrity::plan(&base, &mut batch)?;
    let mut frames = batch
        .collect()
        .map_err(anyhow::Error::from)
        .with_context(|| format!("computing the indicators of {}", site.dir.display()))?;
    base.release_frames();
    let household_quarters = coverage.take(&mut frames);
    // The equity family reads the household-quarter frame beside the
    // coverage family; the frame is released when both are done.
    let for_equity = household_quarters.clone();
    let ledger = base.ledger.clone();
    let (base, frames, totals) = (&base, &frames, &ledger);
    let (income, training) = (&income, &training);
    let (budget, integrity, feedback) = (&budget, &integrity, &feedback);
    // The coverage family's sums over the household-quarter frame are the
    // run's peak of memory: they are counted beside the small families,
    // and the income family's rows (its bootstrap the longest step after
    // them) are made once that frame is released.
    let (coverage, others) = rayon::join(
        || coverage.rows(base, household_quarters),
        move || -> Result<_> {
            let training = training.rows(base, frames)?;
            let equity = equity::rows(base, &for_equity);
            drop(for_equity);
            let equity = equity?;
            let budget = budget.rows(base, site, totals, frames)?;
            let cases = integrity.cases(site, frames)?;
            let feedback = feedback.rows(frames)?;
            Ok((training, equity, budget, cases, feedback))
        },
    );
    let income = income
        .rows(base)
        .with_context(|| format!("computing the income indicators of {}", site.dir.display()));
    let (income_rows, spreads) = income?;
    let mut rows = coverage?;
    let (training_rows, (equity_rows, curves), (budget_rows, budget), cases, feedback_rows) =
        others?;
    rows.extend(income_rows);
    rows.extend(training_rows);
    rows.extend(equity_rows);
    rows.extend(budget_rows);
    rows.extend(integrity.rows(&cases));
    rows.extend(feedback_rows);
    refuse_inexact(&rows, site)?;
    sort(&mut rows, base);
    let mut record_quarters = base.record_quarters.clone();
    record_quarters.extend(budget.lines.iter().map(|l| l.period));
    record_quarters.sort();
    record_quarters.dedup();
    Ok(Indicators {
        record_quarters,
        rows,
        shapes: Shapes { spreads, curves },
        quarters: base.dist_quarters.clone(),
        rounds: base
            .rounds
            .iter()
            .map(|r| Period::round(&r.label))
            .collect(),
        budget,
        cases,
        ledger,
        rt_quarter: base.rt_quarter,
    })
}

/// The largest whole number an indicator's value holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Every sum of money and every count is exact in integers, but the
/// indicator table holds numbers as 64-bit floats: a sum beyond 2^53 would
/// be shown rounded. No real site comes near (a village's budget is a
/// millionth of it); a site whose amounts do (thousands of budget lines of
/// a trillion rupiah each, or their copies) is refused rather than shown
/// with a wrong last digit.
fn refuse_inexact(rows: &[Row], site: &Site) -> Result<()> {
    let beyond = rows.iter().find_map(|r| {
        [r.numerator, r.denominator, r.value, r.ci_low, r.ci_high]
            .into_iter()
            .find_map(|n| n.get().filter(|v| v.abs() >= EXACT))
            .map(|v| (r, v))
    });
    match beyond {
        None => Ok(()),
        Some((r, v)) => crate::problem::InvalidInput::err(format!(
            "{}: {} for {} (program {}{}) comes to {v:.0}, beyond \
             9,007,199,254,740,992, the largest whole number a report shows exactly: check \
             the amounts for repeated or mistyped lines",
            site.dir.display(),
            r.indicator,
            r.period,
            r.program,
            if r.group.is_empty() {
                String::new()
            } else {
                format!(", {} {}", r.group_by.as_str(), r.group)
            }
        )),
    }
}

/// Orders rows by indicator, period (baseline, then in time order, then
/// `all`), program (as in site.toml, then `all`) and disaggregation. Within a
/// disaggregation the families already emit groups in key order, which a
/// stable sort keeps.
///
/// The families emit their rows mostly in this order already (the coverage
/// family, millions of RT rows on a registry extract, exactly), so the rows
/// are cut into runs of one key, the runs are sorted (stably) by their key
/// and only rows out of place are moved: the same order as a stable sort of
/// the rows themselves, with a key computed once per disaggregation met
/// rather than once per row.
fn sort(rows: &mut [Row], base: &base::Base) {
    let programs: Vec<&str> = base.programs.iter().map(|p| p.code.as_str()).collect();
    let rounds: Vec<&str> = base.rounds.iter().map(|r| r.label.as_str()).collect();
    sort_rows(rows, &programs, &rounds);
}

/// Where `x` comes in `list`: its position, or after every item when it
/// is not there (the order of programs and disaggregations in the output).
pub(crate) fn place(list: &[&str], x: &str) -> usize {
    list.iter().position(|v| *v == x).unwrap_or(list.len())
}

fn sort_rows(rows: &mut [Row], programs: &[&str], rounds: &[&str]) {
    let key = |r: &Row| {
        (
            r.indicator,
            r.period.order(rounds),
            place(programs, &r.program),
            r.group_by.place(),
        )
    };
    let mut runs: Vec<(_, Range<usize>)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let k = match runs.last() {
            Some((k, _)) if r.disaggregation() == rows[i - 1].disaggregation() => *k,
            _ => key(r),
        };
        match runs.last_mut() {
            Some((last, run)) if *last == k => run.end = i + 1,
            _ => runs.push((k, i..i + 1)),
        }
    }
    if runs.is_sorted_by_key(|run| run.0) {
        return;
    }
    runs.sort_by_key(|run| run.0);
    let order: Vec<usize> = runs.into_iter().flat_map(|(_, run)| run).collect();
    permute(rows, order);
}

/// Puts `rows[order[i]]` at `i`, in place: each cycle of the permutation is
/// followed once, so every row moves once and no second copy of the rows
/// is held.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for i in 0..items.len() {
        // `order[j] == j` marks a place already filled.
        let mut j = i;
        while order[j] != i {
            let from = order[j];
            items.swap(j, from);
            order[j] = j;
            j = from;
        }
        order[j] = j;
    }
}

/// Rows formatted per part of [`csv_parts`].
const CSV_PART: usize = 1 << 15;

/// The rows as CSV with the [`COLUMNS`] header, in parts (the header and
/// then each run of [`CSV_PART`] rows) formatted on every core: one after
/// the other they are the table's text, without one string of the whole
/// table being built.
pub fn csv_parts(rows: &[Row]) -> Result<Vec<String>> {
    let header = writer::to_string(&COLUMNS, |_| Ok(()))?;
    let parts: Vec<String> = rows
        .par_chunks(CSV_PART)
        .map(|part| {
            let mut scratch = Scratch::default();
            writer::lines(|w| {
                for r in part {
                    write_row(w, None, r, &mut scratch)?;
                }
                Ok(())
            })
        })
        .collect::<Result<_>>()?;
    Ok(std::iter::once(header).chain(parts).collect())
}

/// The rows of several sites as CSV, with a leading `site` column.
pub fn to_csv_with_site<'a>(rows: impl Iterator<Item = (&'a str, &'a Row)>) -> Result<String> {
    let mut header = vec!["site"];
    header.extend(COLUMNS);
    let mut scratch = Scratch::default();
    writer::to_string(&header, |w| {
        for (site, r) in rows {
            write_row(w, Some(site), r, &mut scratch)?;
        }
        Ok(())
    })
}

/// Text reused from row to row while writing CSV: the numbers' digits and
/// the label of the last period written.
#[derive(Default)]
struct Scratch {
    numbers: [String; 5],
    period: Option<(Period, String)>,
}

/// One row: text from the data is neutralised, numbers and the unit are
/// written as they are.
fn write_row(
    w: &mut CsvWriter<Vec<u8>>,
    site: Option<&str>,
    r: &Row,
    scratch: &mut Scratch,
) -> Result<()> {
    use std::fmt::Write;
    let values = [r.numerator, r.denominator, r.value, r.ci_low, r.ci_high].map(Num::get);
    for (text, v) in scratch.numbers.iter_mut().zip(values) {
        text.clear();
        if let Some(v) = v {
            write!(text, "{}", row::shown(v)).expect("writing to a String");
        }
    }
    if scratch.period.as_ref().is_none_or(|(p, _)| *p != r.period) {
        scratch.period = Some((r.period.clone(), r.period.label()));
    }
    let period = scratch.period.as_ref().map_or("", |(_, label)| label);
    let [numerator, denominator, value, ci_low, ci_high] = &scratch.numbers;
    let cells = [
        Cell::Text(site.unwrap_or_default()),
        Cell::Text(r.indicator.as_str()),
        Cell::Text(period),
        Cell::Text(&r.program),
        Cell::Text(r.group_by.as_str()),
        Cell::Text(&r.group),
        Cell::Raw(numerator),
        Cell::Raw(denominator),
        Cell::Raw(value),
        Cell::Raw(ci_low),
        Cell::Raw(ci_high),
        Cell::Raw(r.unit.as_str()),
    ];
    // Without a site, the row starts at its indicator.
    w.row(&cells[usize::from(site.is_none())..])
}

/// The rows as a JSON array of objects with the [`COLUMNS`] keys.
pub fn to_json(rows: &[Row]) -> Result<String> {
    Ok(serde_json::to_string_pretty(rows)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominator_gives_no_value() {
        let k = Key::site(Period::parse("2026-Q1"), ALL);
        let r = Row::ratio(Id::Coverage, &k, unit::RATIO, 0.0, 0.0);
        assert_eq!(r.value.get(), None);
        assert_eq!(r.denominator.get(), Some(0.0));
        assert_eq!(
            Row::ratio(Id::Coverage, &k, unit::RATIO, 1.0, 4.0)
                .value
                .get(),
            Some(0.25)
        );
        assert_eq!(
            Row::value(Id::Cgh, &k, unit::INDEX, Some(f64::NAN))
                .value
                .get(),
            None
        );
    }

    /// A missing number and every number, NaNs and infinities too, keep
    /// what they are in 8 bytes; the five numbers of a row take 40.
    /// A negative zero is written as zero, in the CSV and in JSON.
    #[test]
    fn a_negative_zero_is_written_as_zero() {
        let k = Key::site(Period::parse("2026-Q1"), ALL);
        let row = Row::ratio(Id::Coverage, &k, unit::RATIO, -0.0, 5.0);
        let csv = to_csv_with_site(std::iter::once(("s", &row))).unwrap();
        assert!(csv.lines().nth(1).unwrap().contains(",0,5,0,"), "{csv}");
        assert!(!csv.contains("-0"), "{csv}");
        let json = to_json(std::slice::from_ref(&row)).unwrap();
        assert!(!json.contains("-0"), "{json}");
        assert_eq!(row::shown(-2.5), -2.5);
    }

    #[test]
    fn numbers_keep_what_they_are_in_eight_bytes() {
        let numbers = [
            0.0,
            -0.0,
            1.5,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::MIN_POSITIVE,
            f64::from_bits(0x7FF4_0000_0000_0E7A),
        ];
        for v in numbers {
            let kept = Num::from(v).get().expect("a number stays a number");
            assert!(
                kept.to_bits() == v.to_bits() || (v.is_nan() && kept.is_nan()),
                "{v}"
            );
        }
        assert_eq!(Num::from(None).get(), None);
        // Compared as an Option<f64> compares: a NaN equals nothing.
        assert_ne!(Num::from(f64::NAN), Num::from(f64::NAN));
        assert_ne!(Num::from(f64::NAN), Num::MISSING);
        assert_eq!(Num::MISSING, Num::from(None));
        assert_eq!(size_of::<Num>(), 8);
        assert!(size_of::<Row>() <= 120, "{}", size_of::<Row>());
    }

    #[test]
    fn csv_parts_are_the_table_line_by_line() {
        // More rows than one part holds, with the period changing every
        // row and every 7 rows, and a program that needs quoting.
        let periods = ["2026-Q1", "2026-Q2", "baseline"];
        let rows: Vec<Row> = (0..CSV_PART * 2 + 5)
            .map(|i| {
                let k = Key::site(Period::parse(periods[(i / 7) % 3]), "a,b")
                    .grouped("rt", format!("00{}/001", i % 3));
                Row::ratio(Id::Coverage, &k, unit::RATIO, i as f64, 4.0)
            })
            .collect();
        let parts = csv_parts(&rows).unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[0], format!("{}\n", COLUMNS.join(",")));
        let text = parts.concat();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(lines.len(), rows.len());
        for (i, line) in lines.iter().enumerate() {
            let value = i as f64 / 4.0;
            let expected = format!(
                "coverage,{},\"a,b\",rt,00{}/001,{i},4,{value},,,ratio",
                periods[(i / 7) % 3],
                i % 3
            );
            assert_eq!(*line, expected, "row {i}");
        }
    }

    /// A report's indicators are the indicator table's, less the rows per
    /// RT of the coverage and equity families in the quarters it does not
    /// show; the quarter chosen without `--period` is the ledger's latest
    /// complete one, as the report chooses.
    #[test]
    fn rows_per_rt_of_one_quarter_are_the_tables_rows_of_that_quarter() {
        use crate::validate::Tolerance;
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/semanan");
        let site = Site::open(&dir, Tolerance::None).unwrap();
        let every = compute(&site).unwrap();
        assert_eq!(every.rt_quarter, None);
        let of_rt_families = |id: Id| {
            TARGETING.contains(&id)
                || [Id::RtValuePerEligible, Id::RtAidToNeedRatio, Id::AidTheil].contains(&id)
        };
        let latest = every.ledger.latest_complete().unwrap();
        for asked in [None, Some(every.quarters[0]), Some(latest)] {
            let shown = asked.unwrap_or(latest);
            let one = compute_with(&site, RtRows::Of(asked)).unwrap();
            assert_eq!(one.rt_quarter, Some(shown));
            let dropped = |r: &&Row| {
                r.group_by == "rt"
                    && of_rt_families(r.indicator)
                    && matches!(r.period, Period::Quarter(q) if q != shown)
            };
            let kept: Vec<&Row> = every.rows.iter().filter(|r| !dropped(r)).collect();
            assert!(kept.len() < every.rows.len(), "{shown:?}");
            assert_eq!(one.rows.iter().collect::<Vec<_>>(), kept, "{shown:?}");
            // The quarter shown keeps its rows per RT of both families.
            for id in [Id::Coverage, Id::RtValuePerEligible] {
                assert!(one.rows.iter().any(|r| r.indicator == id
                    && r.group_by == "rt"
                    && r.period == Period::Quarter(shown)));
            }
        }
    }

    #[test]
    fn permute_moves_each_item_to_its_place() {
        // new[i] = old[order[i]]: a 3-cycle, a swap and a fixed point.
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        permute(&mut items, vec![2, 0, 1, 4, 3, 5]);
        assert_eq!(items, vec!['c', 'a', 'b', 'e', 'd', 'f']);
        let mut same = vec![1, 2, 3];
        permute(&mut same, vec![0, 1, 2]);
        assert_eq!(same, vec![1, 2, 3]);
    }

    #[test]
    fn rows_sorted_by_runs_as_a_stable_sort_of_rows_would() {
        let row = |id: Id, period: &str, program: &str, group_by: &'static str, group: &str| {
            Row::count(
                id,
                &Key::site(Period::parse(period), program).grouped(group_by, group),
                unit::HOUSEHOLDS,
                1.0,
            )
        };
        // Disaggregations interleaved, as several families emit them, with
        // programs and rounds the site does not list (they sort last, in
        // the order they came).
        let rows = vec![
            row(Id::Coverage, "2026-Q2", "pkh", "rt", "001/001"),
            row(Id::Coverage, "2026-Q2", "pkh", "rt", "002/001"),
            row(Id::Coverage, "2026-Q1", ALL, "", ""),
            row(Id::Coverage, "2026-Q1", "zz", "", ""),
            row(Id::Coverage, "2026-Q1", "yy", "", ""),
            row(Id::IncomeChangeMean, "r2", "pkh", "rw", "001"),
            row(Id::IncomeChangeMean, "r1", "pkh", "rw", "001"),
            row(Id::IncomeChangeMean, "rx", "pkh", "rw", "002"),
            row(Id::IncomeChangeMean, "baseline", "pkh", "rw", "002"),
            row(Id::Coverage, "2026-Q1", "pkh", "rt", "001/001"),
            row(Id::Coverage, "2026-Q1", "pkh", "rw", "001"),
            row(Id::Coverage, "2026-Q1", "pkh", "", ""),
            row(Id::Coverage, "2026-Q1", "pkh", "rt", "002/001"),
        ];
        let programs = ["pkh"];
        let rounds = ["r1", "r2"];
        let mut expected = rows.clone();
        expected.sort_by_cached_key(|r| {
            let position =
                |list: &[&str], x: &str| list.iter().position(|v| *v == x).unwrap_or(list.len());
            (
                r.indicator,
                r.period.order(&rounds),
                position(&programs, &r.program),
                position(&GROUP_BYS, r.group_by.as_str()),
            )
        });
        let mut sorted = rows;
        sort_rows(&mut sorted, &programs, &rounds);
        assert_eq!(sorted, expected);
        assert_eq!(sorted[0].program, "pkh");
        assert_eq!(sorted[0].group_by, "");
        assert_eq!(sorted[1].group_by, "rw");
        assert_eq!(
            (sorted[2].group.as_str(), sorted[3].group.as_str()),
            ("001/001", "002/001")
        );
    }
}
