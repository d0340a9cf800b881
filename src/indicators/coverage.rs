//! Coverage and targeting (ASPIRE / ADePT definitions), per program and for
//! all programs, per quarter with distributions: coverage, exclusion and
//! inclusion error, adequacy and regularity (for the whole site and by RW, RT,
//! head gender and welfare decile), beneficiary and benefit incidence by
//! decile, the Coady-Grosh-Hoddinott indicator, and overlap between programs.
//!
//! One aggregation per disaggregation computes the counts of every program
//! at once over the active household quarters; rows are built from those sums.

use super::id::Id;
use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::base::{cols, Base};
use super::frame::{count_if, counts, ints, rt_label, rw_label, sum_if, texts, Grouping};
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
    /// The plan of each group of finest keys, and the disaggregations its
    /// groups add up to.
    fine: Vec<(usize, &'static [Grouping])>,
}

/// Finest keys, and the disaggregations that are unions of their groups:
/// RT within RW within the site; head gender; welfare decile.
const FINE: [(&[&str], &[Grouping]); 3] = [
    (&["rw", "rt"], &[Grouping::Site, Grouping::Rw, Grouping::Rt]),
    (&["head_gender"], &[Grouping::HeadGender]),
    (&["welfare_decile"], &[Grouping::Decile]),
];

/// Every aggregate (all of them counts and integer sums) per quarter and
/// group of each set of finest keys, three plans in all. The whole site and
/// each RW then add up the RT groups in Rust, which gives exactly the sums
/// of aggregating them directly, without a polars plan each.
pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Pending {
    let mut aggs = aggregates(base);
    aggs.extend(overlap_aggregates(base));
    let fine = FINE
        .iter()
        .map(|&(keys, groupings)| {
            let keys: Vec<Expr> = std::iter::once(cols::Q)
                .chain(keys.iter().copied())
                .map(col)
                .collect();
            let lf = base
                .household_quarters
                .clone()
                .group_by(keys)
                .agg(aggs.clone());
            (batch.add(lf), groupings)
        })
        .collect();
    Pending { fine }
}

/// An aggregated frame of finest groups, read once; a key it was not
/// grouped by is missing.
struct Fine {
    quarters: Vec<Option<i64>>,
    rw: Vec<Option<i64>>,
    rt: Vec<Option<i64>>,
    gender: Vec<Option<String>>,
    decile: Vec<Option<i64>>,
    names: Vec<String>,
    /// The aggregates, in the order of `names`, per finest group.
    values: Vec<Vec<f64>>,
}

impl Fine {
    fn read(df: &DataFrame) -> Result<Fine> {
        const KEYS: [&str; 4] = ["rw", "rt", "head_gender", "welfare_decile"];
        let names: Vec<String> = df
            .get_column_names()
            .into_iter()
            .map(|n| n.to_string())
            .filter(|n| n != cols::Q && !KEYS.contains(&n.as_str()))
            .collect();
        let columns = names
            .iter()
            .map(|n| counts(df, n))
            .collect::<Result<Vec<_>>>()?;
        let values = (0..df.height())
            .map(|row| columns.iter().map(|c| c[row]).collect())
            .collect();
        let has = |name: &str| df.get_column_index(name).is_some();
        let ints_or_none = |name: &str| -> Result<Vec<Option<i64>>> {
            if has(name) {
                ints(df, name)
            } else {
                Ok(vec![None; df.height()])
            }
        };
        Ok(Fine {
            quarters: ints(df, cols::Q)?,
            rw: ints_or_none("rw")?,
            rt: ints_or_none("rt")?,
            gender: if has("head_gender") {
                texts(df, "head_gender")?
            } else {
                vec![None; df.height()]
            },
            decile: ints_or_none("welfare_decile")?,
            names,
            values,
        })
    }
}

/// A group of a disaggregation: its quarter, then its key (ordered as
/// polars sorts them, a missing value first).
type GroupKey = (Option<i64>, Option<i64>, Option<i64>, Option<String>);

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

struct Frame {
    quarters: Vec<Option<i64>>,
    labels: Vec<String>,
    columns: BTreeMap<String, Vec<f64>>,
}

impl Frame {
    /// The sums of `grouping`'s groups per quarter, in key order, added up
    /// from the finest groups.
    fn rolled_up(fine: &Fine, grouping: Grouping) -> Frame {
        let mut groups: BTreeMap<GroupKey, Vec<f64>> = BTreeMap::new();
        for (i, sums) in fine.values.iter().enumerate() {
            let q = fine.quarters[i];
            let key = match grouping {
                Grouping::Rw => (q, fine.rw[i], None, None),
                Grouping::Rt => (q, fine.rw[i], fine.rt[i], None),
                Grouping::HeadGender => (q, None, None, fine.gender[i].clone()),
                Grouping::Decile => (q, fine.decile[i], None, None),
                Grouping::Site | Grouping::Trained => (q, None, None, None),
            };
            let total = groups.entry(key).or_insert_with(|| vec![0.0; sums.len()]);
            for (t, v) in total.iter_mut().zip(sums) {
                *t += v;
            }
        }
        let label = |(_, a, b, text): &GroupKey| match grouping {
            Grouping::Rw => a.map(rw_label).unwrap_or_default(),
            Grouping::Rt => match (a, b) {
                (Some(w), Some(t)) => rt_label(*w, *t),
                _ => String::new(),
            },
            Grouping::HeadGender => text.clone().unwrap_or_default(),
            Grouping::Decile => a.map(|d| d.to_string()).unwrap_or_default(),
            Grouping::Site | Grouping::Trained => String::new(),
        };
        let mut columns: BTreeMap<String, Vec<f64>> = fine
            .names
            .iter()
            .map(|n| (n.clone(), Vec::with_capacity(groups.len())))
            .collect();
        let mut quarters = Vec::with_capacity(groups.len());
        let mut labels = Vec::with_capacity(groups.len());
        for (key, sums) in &groups {
            quarters.push(key.0);
            labels.push(label(key));
            for (name, v) in fine.names.iter().zip(sums) {
                if let Some(column) = columns.get_mut(name) {
                    column.push(*v);
                }
            }
        }
        Frame {
            quarters,
            labels,
            columns,
        }
    }

    fn get(&self, name: &str, row: usize) -> f64 {
        self.columns.get(name).map_or(0.0, |c| c[row])
    }

    fn sums(&self, slot: Slot, row: usize) -> Sums {
        let s = slot.suffix();
        let g = |what: &str| self.get(&format!("{what}_{s}"), row);
        Sums {
            eligible: g("eligible"),
            eligible_reached: g("eligible_reached"),
            reached: g("reached"),
            ineligible_reached: g("ineligible_reached"),
            value: g("value"),
            value_with_income: g("value_with_income"),
            income3: g("income3"),
            months: g("months"),
            pairs: g("pairs"),
        }
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
        let mut fines = Vec::new();
        for &(at, groupings) in &self.fine {
            let fine = Fine::read(&frames[at])?;
            fines.extend(groupings.iter().map(|&g| (g, Frame::rolled_up(&fine, g))));
        }
        for (grouping, frame) in fines {
            for (i, q) in frame.rows_in(base) {
                for slot in slots(base) {
                    let key = Key::site(Period::Quarter(q), slot.name(base))
                        .grouped(grouping.name(), frame.labels[i].clone());
                    rows.extend(targeting_rows(base, slot, &key, &frame.sums(slot, i)));
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

fn targeting_rows(base: &Base, slot: Slot, key: &Key, s: &Sums) -> Vec<Row> {
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
    if !slot.monthly_programs(base).is_empty() {
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
