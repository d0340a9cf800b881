//! Coverage and targeting (ASPIRE / ADePT definitions), per program and for
//! all programs, per quarter with distributions: coverage, exclusion and
//! inclusion error, adequacy and regularity (for the whole site and by RW, RT,
//! head gender and welfare decile), beneficiary and benefit incidence by
//! decile, the Coady-Grosh-Hoddinott indicator, and overlap between programs.
//!
//! The counts and sums of every program are aggregated at once over the
//! active household quarters, per finest group (see [`Finest`]), and each
//! disaggregation's rows are built from those groups added up.

use super::id::Id;
use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::base::{cols, Base};
use super::frame::{count_if, sum_if, Finest, Grouping, Groups};
use super::period::{Period, Quarter};
use super::{unit, Batch, Key, Row, AID, ALL};

/// A column of aggregates: one program, all programs together, or the aid
/// programs (all but training) together.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Program(usize),
    All,
    Aid,
}

impl Slot {
    fn suffix(self) -> String {
        match self {
            Slot::Program(i) => i.to_string(),
            Slot::All => ALL.to_string(),
            Slot::Aid => AID.to_string(),
        }
    }
    fn name(self, base: &Base) -> String {
        match self {
            Slot::Program(i) => base.programs[i].code.clone(),
            Slot::All => ALL.to_string(),
            Slot::Aid => AID.to_string(),
        }
    }
    /// The programs the slot takes together.
    fn programs(self, base: &Base) -> Vec<usize> {
        let n = base.programs.len();
        match self {
            Slot::Program(i) => vec![i],
            Slot::All => (0..n).collect(),
            Slot::Aid => (0..n).filter(|&i| !base.programs[i].training).collect(),
        }
    }
    /// Programs whose monthly deliveries count towards regularity.
    fn monthly_programs(self, base: &Base) -> Vec<usize> {
        self.programs(base)
            .into_iter()
            .filter(|&i| base.programs[i].monthly)
            .collect()
    }
}

/// Every slot of the site. The aid programs get their own slot only when
/// the site also has training programs; otherwise `aid` would repeat `all`.
fn slots(base: &Base) -> Vec<Slot> {
    let training = base.programs.iter().filter(|p| p.training).count();
    let aid = base.programs.len() - training;
    let mut out: Vec<Slot> = (0..base.programs.len()).map(Slot::Program).collect();
    out.push(Slot::All);
    if training > 0 && aid > 0 {
        out.push(Slot::Aid);
    }
    out
}

/// Reached by program `i` in the quarter: at least one delivered distribution.
pub(crate) fn reached(i: usize) -> Expr {
    col(cols::months(i)).gt(lit(0i64))
}

fn reached_slot(base: &Base, slot: Slot) -> Expr {
    match slot {
        Slot::Program(i) => reached(i),
        _ => slot
            .programs(base)
            .into_iter()
            .fold(lit(false), |acc, i| acc.or(reached(i))),
    }
}

fn eligible_slot(base: &Base, slot: Slot) -> Expr {
    match slot {
        Slot::Program(i) => col(cols::eligible(i)),
        Slot::All => col(cols::ELIGIBLE_ANY),
        Slot::Aid => slot
            .programs(base)
            .into_iter()
            .fold(lit(false), |acc, i| acc.or(col(cols::eligible(i)))),
    }
}

fn value_slot(base: &Base, slot: Slot) -> Expr {
    match slot {
        Slot::Program(i) => col(cols::value(i)),
        Slot::All => col(cols::VALUE_ALL),
        Slot::Aid => slot
            .programs(base)
            .into_iter()
            .fold(lit(0i64), |acc, i| acc + col(cols::value(i))),
    }
}

fn aggregates(base: &Base) -> Vec<Expr> {
    let mut aggs = vec![len().cast(DataType::Int64).alias("households")];
    let has_income = col(cols::BASE_INCOME).is_not_null();
    for slot in slots(base) {
        let s = slot.suffix();
        let e = eligible_slot(base, slot);
        let r = reached_slot(base, slot);
        let v = value_slot(base, slot);
        aggs.push(count_if(e.clone()).alias(format!("eligible_{s}")));
        aggs.push(count_if(e.clone().and(r.clone())).alias(format!("eligible_reached_{s}")));
        aggs.push(count_if(r.clone()).alias(format!("reached_{s}")));
        aggs.push(count_if(e.not().and(r.clone())).alias(format!("ineligible_reached_{s}")));
        aggs.push(
            v.clone()
                .cast(DataType::Int64)
                .sum()
                .alias(format!("value_{s}")),
        );
        let with_income = r.clone().and(has_income.clone());
        aggs.push(sum_if(v, with_income.clone()).alias(format!("value_with_income_{s}")));
        aggs.push(
            sum_if(col(cols::BASE_INCOME) * lit(3i64), with_income).alias(format!("income3_{s}")),
        );
        let monthly = slot.monthly_programs(base);
        let months = monthly
            .iter()
            .fold(lit(0i64), |acc, &i| acc + col(cols::months(i)));
        let pairs = monthly
            .iter()
            .fold(lit(0i64), |acc, &i| acc + reached(i).cast(DataType::Int64));
        aggs.push(months.sum().alias(format!("months_{s}")));
        aggs.push(pairs.sum().alias(format!("pairs_{s}")));
    }
    aggs
}

fn overlap_aggregates(base: &Base) -> Vec<Expr> {
    let n = base.programs.len();
    let programs_reached = (0..n).fold(lit(0i64), |acc, i| acc + reached(i).cast(DataType::Int64));
    let mut aggs = vec![count_if(programs_reached.gt_eq(lit(2i64))).alias("overlap")];
    for a in 0..n {
        for b in 0..n {
            aggs.push(count_if(reached(a).and(reached(b))).alias(format!("both_{a}_{b}")));
        }
    }
    aggs
}

pub(crate) struct Pending {
    finest: Finest,
}

/// Every aggregate (all of them counts and integer sums) per quarter and
/// finest group; each disaggregation adds those groups up.
pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Pending {
    let mut aggs = aggregates(base);
    aggs.extend(overlap_aggregates(base));
    Pending {
        finest: Finest::plan(&base.household_quarters, &[cols::Q], &aggs, batch),
    }
}

/// The sums of one slot in one row of an aggregated frame.
struct Sums {
    eligible: f64,
    eligible_reached: f64,
    reached: f64,
    ineligible_reached: f64,
    value: f64,
    value_with_income: f64,
    income3: f64,
    months: f64,
    pairs: f64,
}

/// The coverage sums of each group of a disaggregation.
type Frame = Groups;

/// The aggregates behind [`Sums`], in the order of its fields.
const SUMS: [&str; 9] = [
    "eligible",
    "eligible_reached",
    "reached",
    "ineligible_reached",
    "value",
    "value_with_income",
    "income3",
    "months",
    "pairs",
];

/// One slot's columns of [`SUMS`] in a frame, looked up once (a missing
/// aggregate sums to 0).
struct SlotColumns<'a>([Option<&'a [f64]>; 9]);

impl SlotColumns<'_> {
    fn sums(&self, row: usize) -> Sums {
        let [eligible, eligible_reached, reached, ineligible_reached, value, value_with_income, income3, months, pairs] =
            self.0.map(|c| c.map_or(0.0, |c| c[row]));
        Sums {
            eligible,
            eligible_reached,
            reached,
            ineligible_reached,
            value,
            value_with_income,
            income3,
            months,
            pairs,
        }
    }
}

impl Frame {
    fn slot(&self, slot: Slot) -> SlotColumns<'_> {
        let s = slot.suffix();
        SlotColumns(SUMS.map(|what| self.columns.get(&format!("{what}_{s}")).map(Vec::as_slice)))
    }

    fn sums(&self, slot: Slot, row: usize) -> Sums {
        self.slot(slot).sums(row)
    }

    /// Rows whose quarter had distributions, with their quarter.
    fn rows_in<'a>(&'a self, base: &'a Base) -> impl Iterator<Item = (usize, Quarter)> + 'a {
        self.quarters.iter().enumerate().filter_map(|(i, q)| {
            let q = Quarter::from_key((*q)? as i32);
            base.dist_quarters.contains(&q).then_some((i, q))
        })
    }
}

impl Pending {
    pub(crate) fn rows(&self, base: &Base, frames: &[DataFrame]) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
        let mut site: Option<Frame> = None;
        let mut decile: Option<Frame> = None;
        // Each slot's name, columns and monthly programs, looked up once.
        let slots: Vec<(String, bool, Slot)> = slots(base)
            .into_iter()
            .map(|slot| {
                let monthly = !slot.monthly_programs(base).is_empty();
                (slot.name(base), monthly, slot)
            })
            .collect();
        for (grouping, frame) in self.finest.groups(frames)? {
            let columns: Vec<SlotColumns> = slots.iter().map(|s| frame.slot(s.2)).collect();
            for (i, q) in frame.rows_in(base) {
                for ((name, monthly, _), columns) in slots.iter().zip(&columns) {
                    let key = Key::site(Period::Quarter(q), name.as_str())
                        .grouped(grouping.name(), frame.labels[i].as_str());
                    rows.extend(targeting_rows(*monthly, &key, &columns.sums(i)));
                }
            }
            match grouping {
                Grouping::Site => site = Some(frame),
                Grouping::Decile => decile = Some(frame),
                _ => {}
            }
        }
        if let (Some(site), Some(decile)) = (&site, &decile) {
            rows.extend(incidence_rows(base, site, decile));
        }
        if let Some(site) = &site {
            rows.extend(overlap_rows(base, site));
        }
        Ok(rows)
    }
}

/// The targeting rows of one group; regularity only for a slot with
/// monthly programs.
fn targeting_rows(monthly: bool, key: &Key, s: &Sums) -> Vec<Row> {
    let mut rows = vec![
        Row::ratio(
            Id::Coverage,
            key,
            unit::RATIO,
            s.eligible_reached,
            s.eligible,
        ),
        Row::ratio(
            Id::ExclusionError,
            key,
            unit::RATIO,
            s.eligible - s.eligible_reached,
            s.eligible,
        ),
        Row::ratio(
            Id::InclusionError,
            key,
            unit::RATIO,
            s.ineligible_reached,
            s.reached,
        ),
        Row::ratio(
            Id::Adequacy,
            key,
            unit::RATIO,
            s.value_with_income,
            s.income3,
        ),
    ];
    if monthly {
        rows.push(Row::ratio(
            Id::Regularity,
            key,
            unit::RATIO,
            s.months,
            3.0 * s.pairs,
        ));
    }
    rows
}

/// Beneficiary and benefit incidence by decile, and CGH, from the decile sums
/// and the site totals of the same quarter.
fn incidence_rows(base: &Base, site: &Frame, decile: &Frame) -> Vec<Row> {
    let totals: BTreeMap<i64, usize> = site
        .quarters
        .iter()
        .enumerate()
        .filter_map(|(i, q)| Some(((*q)?, i)))
        .collect();
    let mut rows = Vec::new();
    for slot in slots(base) {
        let mut poorest: BTreeMap<i64, f64> = BTreeMap::new();
        for (i, q) in decile.rows_in(base) {
            let Some(&t) = totals.get(&(q.key() as i64)) else {
                continue;
            };
            let total = site.sums(slot, t);
            let here = decile.sums(slot, i);
            let key = Key::site(Period::Quarter(q), slot.name(base))
                .grouped(Grouping::Decile.name(), decile.labels[i].clone());
            rows.push(Row::ratio(
                Id::BeneficiaryIncidence,
                &key,
                unit::RATIO,
                here.reached,
                total.reached,
            ));
            rows.push(Row::ratio(
                Id::BenefitIncidence,
                &key,
                unit::RATIO,
                here.value,
                total.value,
            ));
            let d: i64 = decile.labels[i].parse().unwrap_or(0);
            let entry = poorest.entry(q.key() as i64).or_insert(0.0);
            if (1..=4).contains(&d) {
                *entry += here.value;
            }
        }
        for (row, quarter) in site.rows_in(base) {
            let total = site.sums(slot, row);
            let value_poorest = poorest.get(&(quarter.key() as i64)).copied().unwrap_or(0.0);
            rows.push(Row::ratio(
                Id::Cgh,
                &Key::site(Period::Quarter(quarter), slot.name(base)),
                unit::INDEX,
                value_poorest,
                0.4 * total.value,
            ));
        }
    }
    rows
}

fn overlap_rows(base: &Base, frame: &Frame) -> Vec<Row> {
    let n = base.programs.len();
    let mut rows = Vec::new();
    for (i, q) in frame.rows_in(base) {
        let key = Key::site(Period::Quarter(q), ALL);
        rows.push(Row::count(
            Id::OverlapHouseholds,
            &key,
            unit::HOUSEHOLDS,
            frame.get("overlap", i),
        ));
        for a in 0..n {
            for b in 0..n {
                let key = Key::site(Period::Quarter(q), base.programs[a].code.clone())
                    .grouped("program", base.programs[b].code.clone());
                rows.push(Row::count(
                    Id::OverlapHouseholds,
                    &key,
                    unit::HOUSEHOLDS,
                    frame.get(&format!("both_{a}_{b}"), i),
                ));
            }
        }
    }
    rows
}
