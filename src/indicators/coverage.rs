//! Coverage and targeting (ASPIRE / ADePT definitions), per program and for
//! all programs, per quarter with distributions: coverage, exclusion and
//! inclusion error, adequacy and regularity (for the whole site and by RW, RT,
//! head gender and welfare decile), beneficiary and benefit incidence by
//! decile, the Coady-Grosh-Hoddinott indicator, and overlap between programs.
//!
//! The counts and sums of every program are counted at once over the
//! active household quarters, per quarter and finest group, in Rust (see
//! [`summed_groups`]), and each disaggregation's rows are built from those
//! groups added up.

use super::id::Id;
use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::base::{cols, Base};
use super::frame::{flags, int_array, summed_groups, Flags, Grouping, Groups, IntArray, Sink};
use super::period::{Period, Quarter};
use super::{place, unit, Batch, Key, Row, AID, ALL};

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

/// The names of the aggregates [`add_row`] counts for `slots` of a site
/// of `n` programs, in its order.
fn names(slots: &[Slot], n: usize) -> Vec<String> {
    let mut names = vec!["households".to_string()];
    for slot in slots {
        let s = slot.suffix();
        names.extend(SUMS.map(|what| format!("{what}_{s}")));
    }
    names.push("overlap".to_string());
    for a in 0..n {
        for b in 0..n {
            names.push(format!("both_{a}_{b}"));
        }
    }
    names
}

/// The household-quarter columns the sums read.
fn columns(base: &Base) -> Vec<Expr> {
    let mut out: Vec<Expr> = [
        cols::Q,
        "rw",
        "rt",
        "head_gender",
        "welfare_decile",
        cols::BASE_INCOME,
        cols::ELIGIBLE_ANY,
        cols::VALUE_ALL,
        // For the equity family, which reads the same frame.
        "members",
    ]
    .into_iter()
    .map(col)
    .collect();
    for i in 0..base.programs.len() {
        out.extend([
            col(cols::eligible(i)),
            col(cols::value(i)),
            col(cols::months(i)),
        ]);
    }
    out
}

/// The household-quarter columns, read in place.
struct Quarters {
    income: IntArray,
    eligible_any: Flags,
    value_all: IntArray,
    /// Per program: eligible, value delivered, months with a delivery.
    eligible: Vec<Flags>,
    value: Vec<IntArray>,
    months: Vec<IntArray>,
    /// Whether each program reached the household in the quarter, row
    /// after row (a row's programs side by side): read once, where a row's
    /// sums ask it for every slot and every pair of programs.
    reached: Vec<bool>,
}

impl Quarters {
    fn read(df: &DataFrame, programs: usize) -> Result<Quarters> {
        let each = |name: fn(usize) -> String| -> Result<Vec<IntArray>> {
            (0..programs).map(|i| int_array(df, &name(i))).collect()
        };
        let months = each(cols::months)?;
        let mut reached = vec![false; df.height() * programs];
        for (p, m) in months.iter().enumerate() {
            for (i, r) in reached.iter_mut().skip(p).step_by(programs).enumerate() {
                *r = at(m, i) > 0;
            }
        }
        Ok(Quarters {
            income: int_array(df, cols::BASE_INCOME)?,
            eligible_any: flags(df, cols::ELIGIBLE_ANY)?,
            value_all: int_array(df, cols::VALUE_ALL)?,
            eligible: (0..programs)
                .map(|i| flags(df, &cols::eligible(i)))
                .collect::<Result<_>>()?,
            value: each(cols::value)?,
            months,
            reached,
        })
    }
}

/// A value filled with 0 where missing.
fn at(a: &IntArray, i: usize) -> i64 {
    a.get(i).unwrap_or(0)
}

/// What a slot takes together, looked up once.
struct SlotParts {
    slot: Slot,
    programs: Vec<usize>,
    monthly: Vec<usize>,
}

/// Adds the aggregates of household quarter `i` (in [`names`]' order) to
/// `out`: counts as polars counts a condition (a missing eligibility is
/// neither eligible nor not), values and months as integer sums.
fn add_row(q: &Quarters, slots: &[SlotParts], i: usize, out: &mut Sink) {
    let n = q.months.len();
    let row = &q.reached[i * n..(i + 1) * n];
    let reached = |p: usize| row[p];
    let mut k = 0;
    let mut put = |v: i64| {
        out.put(k, v);
        k += 1;
    };
    put(1);
    let income = q.income.get(i);
    for s in slots {
        let eligible = match s.slot {
            Slot::Program(p) => q.eligible[p].get(i),
            Slot::All => q.eligible_any.get(i),
            // Kleene OR, as polars: true if any is, else missing if any is.
            Slot::Aid => {
                let any = |v: Option<bool>| s.programs.iter().any(|&p| q.eligible[p].get(i) == v);
                if any(Some(true)) {
                    Some(true)
                } else if any(None) {
                    None
                } else {
                    Some(false)
                }
            }
        };
        let r = s.programs.iter().any(|&p| reached(p));
        if !r {
            // Unreached, nothing was delivered (a delivered value sets a
            // month): of the sums below only the eligible count can be
            // other than 0.
            put(i64::from(eligible == Some(true)));
            for _ in 1..SUMS.len() {
                put(0);
            }
            continue;
        }
        let value = match s.slot {
            Slot::Program(p) => at(&q.value[p], i),
            Slot::All => at(&q.value_all, i),
            Slot::Aid => s.programs.iter().map(|&p| at(&q.value[p], i)).sum(),
        };
        let with_income = r && income.is_some();
        put(i64::from(eligible == Some(true)));
        put(i64::from(eligible == Some(true) && r));
        put(i64::from(r));
        put(i64::from(eligible == Some(false) && r));
        put(value);
        put(if with_income { value } else { 0 });
        put(if with_income {
            income.unwrap_or(0) * 3
        } else {
            0
        });
        put(s.monthly.iter().map(|&p| at(&q.months[p], i)).sum());
        put(s.monthly.iter().map(|&p| i64::from(reached(p))).sum());
    }
    put(i64::from(row.iter().filter(|&&r| r).count() >= 2));
    // Pairs of programs reached together: only the pairs of this row's
    // programs are counted.
    for a in (0..n).filter(|&a| reached(a)) {
        for b in (0..n).filter(|&b| reached(b)) {
            out.put(k + a * n + b, 1);
        }
    }
}

pub(crate) struct Pending {
    at: usize,
}

/// The household-quarter columns the counts and sums of every program
/// read; they are added up per quarter and finest group in Rust (see
/// [`summed_groups`]), and each disaggregation's rows are built from those
/// groups added up.
pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Pending {
    Pending {
        at: batch.add(base.household_quarters.clone().select(columns(base))),
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
    /// The household-quarter frame, taken out of the collected `frames`
    /// so that it is released as soon as it is counted.
    pub(crate) fn take(&self, frames: &mut [DataFrame]) -> DataFrame {
        std::mem::replace(&mut frames[self.at], DataFrame::empty())
    }

    pub(crate) fn rows(&self, base: &Base, quarters: DataFrame) -> Result<Vec<Row>> {
        let parts: Vec<SlotParts> = slots(base)
            .into_iter()
            .map(|slot| SlotParts {
                slot,
                programs: slot.programs(base),
                monthly: slot.monthly_programs(base),
            })
            .collect();
        let q = Quarters::read(&quarters, base.programs.len())?;
        let names = names(&slots(base), base.programs.len());
        let groups = summed_groups(&quarters, &names, |i, out| add_row(&q, &parts, i, out))?;
        drop((q, quarters));
        // Each slot's name, columns and monthly programs, looked up once.
        let slots: Vec<(String, bool, Slot)> = slots(base)
            .into_iter()
            .map(|slot| {
                let monthly = !slot.monthly_programs(base).is_empty();
                (slot.name(base), monthly, slot)
            })
            .collect();
        let mut rows = targeting_rows(base, &slots, &groups);
        let frame = |g: Grouping| groups.iter().find(|(x, _)| *x == g).map(|(_, f)| f);
        if let (Some(site), Some(decile)) = (frame(Grouping::Site), frame(Grouping::Decile)) {
            rows.extend(incidence_rows(base, site, decile));
        }
        if let Some(site) = frame(Grouping::Site) {
            rows.extend(overlap_rows(base, site));
        }
        Ok(rows)
    }
}

/// The targeting indicators, in output order; regularity only for a slot
/// with monthly programs.
pub(crate) const TARGETING: [Id; 5] = [
    Id::Coverage,
    Id::ExclusionError,
    Id::InclusionError,
    Id::Adequacy,
    Id::Regularity,
];

/// The targeting rows of every slot and disaggregation, emitted in the
/// order the output sorts them (indicator, quarter, program, then
/// disaggregation), so that the millions of RT rows of a registry extract
/// are not moved again: `slots` come in program order, and the slots that
/// share a place (`all` and `aid`, which are not programs of site.toml)
/// take turns group by group, as they always have.
fn targeting_rows(
    base: &Base,
    slots: &[(String, bool, Slot)],
    groups: &[(Grouping, Frame)],
) -> Vec<Row> {
    let codes: Vec<&str> = base.programs.iter().map(|p| p.code.as_str()).collect();
    let columns: Vec<Vec<SlotColumns>> = groups
        .iter()
        .map(|(_, frame)| slots.iter().map(|s| frame.slot(s.2)).collect())
        .collect();
    let in_quarter: Vec<Vec<(usize, Quarter)>> = groups
        .iter()
        .map(|(_, frame)| frame.rows_in(base).collect())
        .collect();
    let mut quarters: Vec<Quarter> = in_quarter.iter().flatten().map(|&(_, q)| q).collect();
    quarters.sort();
    quarters.dedup();
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for (k, (name, _, _)) in slots.iter().enumerate() {
        match blocks.last_mut() {
            Some(block) if place(&codes, &slots[block[0]].0) == place(&codes, name) => {
                block.push(k)
            }
            _ => blocks.push(vec![k]),
        }
    }
    let mut rows = Vec::new();
    for id in TARGETING {
        for &q in &quarters {
            for block in &blocks {
                for (((grouping, frame), columns), in_quarter) in
                    groups.iter().zip(&columns).zip(&in_quarter)
                {
                    if *grouping == Grouping::Rt && !base.makes_rt_rows(q) {
                        continue;
                    }
                    for &(i, _) in in_quarter.iter().filter(|(_, x)| *x == q) {
                        for &k in block {
                            let (name, monthly, _) = &slots[k];
                            if id == Id::Regularity && !monthly {
                                continue;
                            }
                            let key = Key::site(Period::Quarter(q), name.as_str())
                                .grouped(grouping.name(), frame.labels[i].as_str());
                            rows.push(targeting_row(id, &key, &columns[k].sums(i)));
                        }
                    }
                }
            }
        }
    }
    rows
}

/// One targeting indicator of one group.
fn targeting_row(id: Id, key: &Key, s: &Sums) -> Row {
    let (numerator, denominator) = match id {
        Id::Coverage => (s.eligible_reached, s.eligible),
        Id::ExclusionError => (s.eligible - s.eligible_reached, s.eligible),
        Id::InclusionError => (s.ineligible_reached, s.reached),
        Id::Adequacy => (s.value_with_income, s.income3),
        _ => (s.months, 3.0 * s.pairs),
    };
    Row::ratio(id, key, unit::RATIO, numerator, denominator)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Two programs, one monthly; four household quarters in two RTs of
    /// one quarter.
    #[test]
    fn coverage_sums_by_hand() {
        let df = df!(
            cols::Q => [1i32, 1, 1, 1],
            "rw" => [1i64, 1, 1, 1],
            "rt" => [1i64, 1, 2, 2],
            "head_gender" => ["L", "P", "P", "P"],
            "welfare_decile" => [1i64, 2, 2, 3],
            cols::BASE_INCOME => [Some(100i64), None, Some(50), Some(70)],
            cols::ELIGIBLE_ANY => [Some(true), Some(true), Some(false), None],
            cols::VALUE_ALL => [30i64, 10, 0, 5],
            "e_0" => [Some(true), Some(false), Some(false), None],
            "v_0" => [10i64, 0, 0, 5],
            "m_0" => [2i64, 0, 0, 1],
            "e_1" => [Some(true), Some(true), Some(false), Some(false)],
            "v_1" => [20i64, 10, 0, 0],
            "m_1" => [1i64, 1, 0, 0],
        )
        .expect("frame");
        let slots = [Slot::Program(0), Slot::Program(1), Slot::All];
        let parts: Vec<SlotParts> = slots
            .iter()
            .map(|&slot| {
                let programs = match slot {
                    Slot::Program(p) => vec![p],
                    _ => vec![0, 1],
                };
                SlotParts {
                    slot,
                    monthly: programs.iter().copied().filter(|&p| p == 0).collect(),
                    programs,
                }
            })
            .collect();
        let names = names(&slots, 2);
        let q = Quarters::read(&df, 2).expect("columns");
        let groups =
            summed_groups(&df, &names, |i, out| add_row(&q, &parts, i, out)).expect("sums");
        let (_, site) = groups
            .iter()
            .find(|(g, _)| *g == Grouping::Site)
            .expect("site");
        let get = |name: &str| site.get(name, 0);
        assert_eq!(get("households"), 4.0);
        // Program 0: eligible rows 0; reached rows 0 and 3 (row 3's
        // eligibility is missing: neither eligible nor not).
        assert_eq!(get("eligible_0"), 1.0);
        assert_eq!(get("eligible_reached_0"), 1.0);
        assert_eq!(get("reached_0"), 2.0);
        assert_eq!(get("ineligible_reached_0"), 0.0);
        assert_eq!(get("value_0"), 15.0);
        // With a baseline income: rows 0 and 3; income × 3 = 300 + 210.
        assert_eq!(get("value_with_income_0"), 15.0);
        assert_eq!(get("income3_0"), 510.0);
        assert_eq!(get("months_0"), 3.0);
        assert_eq!(get("pairs_0"), 2.0);
        // Program 1 (not monthly): reached rows 0 and 1, both eligible.
        assert_eq!(get("eligible_reached_1"), 2.0);
        assert_eq!(get("value_with_income_1"), 20.0);
        assert_eq!(get("months_1"), 0.0);
        // All: reached rows 0, 1, 3; eligible any rows 0 and 1; row 3's
        // eligibility missing.
        assert_eq!(get("eligible_all"), 2.0);
        assert_eq!(get("reached_all"), 3.0);
        assert_eq!(get("ineligible_reached_all"), 0.0);
        assert_eq!(get("value_all"), 45.0);
        assert_eq!(get("value_with_income_all"), 35.0);
        // Two programs reached only on row 0.
        assert_eq!(get("overlap"), 1.0);
        assert_eq!(get("both_0_1"), 1.0);
        assert_eq!(get("both_1_1"), 2.0);
        // By RT: RT 2 holds rows 2 and 3.
        let (_, rt) = groups.iter().find(|(g, _)| *g == Grouping::Rt).expect("rt");
        assert_eq!(rt.labels, ["RW 01 / RT 001", "RW 01 / RT 002"]);
        assert_eq!(rt.get("reached_all", 1), 1.0);
        assert_eq!(rt.get("households", 1), 2.0);
        // By gender: P holds rows 1 to 3.
        let (_, gender) = groups
            .iter()
            .find(|(g, _)| *g == Grouping::HeadGender)
            .expect("gender");
        assert_eq!(gender.labels, ["L", "P"]);
        assert_eq!(gender.get("value_all", 1), 15.0);
    }
}
