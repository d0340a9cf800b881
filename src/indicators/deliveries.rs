//! The aid ledger's rows as integer keys, gathered by household, for the
//! sums by household that run in Rust: the aid each household received
//! per quarter, what the integrity flags compare (deliveries of a program
//! to a household in one month, and their value in one quarter), the ledger's
//! totals with their distinct households, and the households the
//! deliveries reached.
//!
//! Rows are gathered with a counting sort on the household key, so each
//! household's few rows are summed together instead of looked up one by one
//! in a hash table as large as the ledger.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::{Context, Result};
use foldhash::fast::FixedState;
use polars::prelude::*;
use polars_arrow::array::{BooleanArray, PrimitiveArray};
use rayon::prelude::*;

use super::base::{cols, LedgerNames, ProgramInfo};
use super::ledger::{Ledger, Totals, DELIVERED};
use super::period::Quarter;
use crate::load::one_array;

pub(crate) struct Deliveries {
    /// The ledger's rows in household order (see `starts`), so the sums
    /// over a household's rows read memory in sequence.
    places: Vec<Delivery>,
    /// The statuses, by [`Delivery::status`], in the order they first
    /// appear.
    statuses: Vec<String>,
    /// The programs, by [`Delivery::program`]: site.toml's programs, then
    /// codes that are not there, numbered in the order they first appear.
    codes: Vec<String>,
    /// The rows of group `g` are at `starts[g]..starts[g + 1]`, in ledger
    /// order. Group `g` is household `g`; the last group holds the rows
    /// without a household.
    starts: Vec<usize>,
}

/// One row of the ledger as the sums read it, its values side by side:
/// putting the rows in household order writes each row once, where a
/// column apiece read every row's value of every column at a scattered
/// place.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Delivery {
    /// A missing value is 0: every use adds values up.
    pub value: i64,
    /// The ledger row (its position in the frame read).
    pub row: u32,
    program: u32,
    status: u32,
    /// `distributed_on` as days since 1970-01-01.
    date: i32,
    quarter: i32,
    month: i32,
    /// Which of [`HAS_DATE`], [`HAS_QUARTER`], [`HAS_MONTH`],
    /// [`IS_DELIVERED`], [`LOCAL`] and [`ECO`] hold.
    bits: u8,
}

/// A program or status code that is missing.
const NO_CODE: u32 = u32::MAX;
const HAS_DATE: u8 = 1;
const HAS_QUARTER: u8 = 1 << 1;
const HAS_MONTH: u8 = 1 << 2;
const IS_DELIVERED: u8 = 1 << 3;
/// `locally_sourced` (a missing flag is false).
const LOCAL: u8 = 1 << 4;
/// `eco_packaging` (a missing flag is false).
const ECO: u8 = 1 << 5;

impl Delivery {
    fn code(c: u32) -> Option<u32> {
        (c != NO_CODE).then_some(c)
    }

    fn key(&self, bit: u8, value: i32) -> Option<i32> {
        (self.bits & bit != 0).then_some(value)
    }

    /// The program's index in the ledger's codes.
    pub(crate) fn program(&self) -> Option<u32> {
        Delivery::code(self.program)
    }

    fn status(&self) -> Option<u32> {
        Delivery::code(self.status)
    }

    /// `distributed_on` as days since 1970-01-01.
    pub(crate) fn date(&self) -> Option<i32> {
        self.key(HAS_DATE, self.date)
    }

    pub(crate) fn quarter(&self) -> Option<i32> {
        self.key(HAS_QUARTER, self.quarter)
    }

    pub(crate) fn month(&self) -> Option<i32> {
        self.key(HAS_MONTH, self.month)
    }

    /// Whether the row's status is `delivered`.
    pub(crate) fn delivered(&self) -> bool {
        self.bits & IS_DELIVERED != 0
    }

    fn local(&self) -> bool {
        self.bits & LOCAL != 0
    }

    fn eco(&self) -> bool {
        self.bits & ECO != 0
    }
}

impl Deliveries {
    /// Reads the ledger frame of the indicators' base (with the household
    /// key [`cols::HH`], the quarter and the month).
    pub(crate) fn read(
        ledger: &DataFrame,
        programs: &[ProgramInfo],
        names: &LedgerNames,
    ) -> Result<Deliveries> {
        let column = |name: &str| -> Result<&Series> {
            Ok(ledger
                .column(name)
                .map_err(anyhow::Error::from)
                .with_context(|| format!("the ledger frame has no column {name}"))?
                .as_materialized_series())
        };
        let numbered_column = |name: &str, texts: &[String], mut names: Vec<String>| {
            let numbers = numbered(column(name)?.u32()?, texts, &mut names)
                .with_context(|| format!("the ledger's {name} codes"))?;
            anyhow::Ok((numbers, names))
        };
        let flag = |name: &str| -> Result<BooleanArray> { Ok(one_array(column(name)?.bool()?)) };
        let key =
            |name: &str| -> Result<PrimitiveArray<i32>> { Ok(one_array(column(name)?.i32()?)) };
        let date = || -> Result<PrimitiveArray<i32>> {
            Ok(one_array(column("distributed_on")?.date()?.physical()))
        };
        let household =
            || -> Result<PrimitiveArray<IdxSize>> { Ok(one_array(column(cols::HH)?.idx()?)) };
        // The two coded columns, the values, and the other columns (each
        // its own chunks put together) read on every core.
        let ((status, program), (value, others)) = rayon::join(
            || {
                rayon::join(
                    || numbered_column("status", &names.statuses, Vec::new()),
                    || {
                        let codes = programs.iter().map(|p| p.code.clone()).collect();
                        numbered_column("program", &names.programs, codes)
                    },
                )
            },
            || {
                rayon::join(
                    || -> Result<PrimitiveArray<i64>> {
                        Ok(one_array(column("value")?.cast(&DataType::Int64)?.i64()?))
                    },
                    || -> Result<_> {
                        let flags = (flag("locally_sourced")?, flag("eco_packaging")?);
                        let keys = (key(cols::Q)?, key(cols::MONTH)?);
                        Ok((flags, keys, date()?, household()?))
                    },
                )
            },
        );
        let ((status, statuses), (program, codes), value) = (status?, program?, value?);
        let ((local, eco), (quarter, month), date, household) = others?;
        let delivered_at = statuses
            .iter()
            .position(|s| s == DELIVERED)
            .map_or(NO_CODE, |at| at as u32);
        let delivery = |i: usize| {
            let bit = |present: bool, bit: u8| if present { bit } else { 0 };
            let (q, m, d) = (quarter.get(i), month.get(i), date.get(i));
            Delivery {
                value: value.get(i).unwrap_or(0),
                row: i as u32,
                program: program[i],
                status: status[i],
                date: d.unwrap_or(0),
                quarter: q.unwrap_or(0),
                month: m.unwrap_or(0),
                bits: bit(d.is_some(), HAS_DATE)
                    | bit(q.is_some(), HAS_QUARTER)
                    | bit(m.is_some(), HAS_MONTH)
                    | bit(
                        status[i] == delivered_at && delivered_at != NO_CODE,
                        IS_DELIVERED,
                    )
                    | bit(local.get(i).unwrap_or(false), LOCAL)
                    | bit(eco.get(i).unwrap_or(false), ECO),
            }
        };
        let (starts, places) = by_household(&household, delivery);
        Ok(Deliveries {
            places,
            statuses,
            codes,
            starts,
        })
    }

    /// The row at place `at`.
    pub(crate) fn at(&self, at: usize) -> &Delivery {
        &self.places[at]
    }

    /// Each household's delivered rows (`None` for the rows without a
    /// household, which are a household of their own, as a missing key is
    /// in a polars window), households in key order, each row with how
    /// many delivered rows share its household, program and month, and the
    /// value delivered to its household by its program in its quarter.
    pub(crate) fn windows(&self, mut each: impl FnMut(Option<IdxSize>, &[Window])) {
        let mut mine: Vec<(Option<u32>, Option<i32>, usize)> = Vec::new();
        let mut windows: Vec<Window> = Vec::new();
        for (household, places) in self.households() {
            windows.clear();
            windows.extend(
                places
                    .filter(|&at| self.places[at].delivered())
                    .map(|at| Window {
                        at,
                        n_month: 0,
                        q_value: 0,
                    }),
            );
            if windows.is_empty() {
                continue;
            }
            // The rows of one (program, month), then of one (program,
            // quarter), as runs of the household's rows sorted on them.
            let runs = |mine: &mut Vec<_>, windows: &[Window], period: fn(&Delivery) -> _| {
                mine.clear();
                mine.extend(windows.iter().enumerate().map(|(k, w)| {
                    let d = &self.places[w.at];
                    (d.program(), period(d), k)
                }));
                mine.sort_unstable();
            };
            runs(&mut mine, &windows, Delivery::month);
            for run in mine.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
                for &(.., k) in run {
                    windows[k].n_month = run.len() as i64;
                }
            }
            runs(&mut mine, &windows, Delivery::quarter);
            for run in mine.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
                let total = run.iter().fold(0i64, |t, &(.., k)| {
                    t.wrapping_add(self.places[windows[k].at].value)
                });
                for &(.., k) in run {
                    windows[k].q_value = total;
                }
            }
            each(household, &windows);
        }
    }

    /// The ledger's totals, and the households its delivered rows reached,
    /// counted over each household's rows. `rw` is the registry's RW of
    /// each household key (`None` for a key not in the registry, and for
    /// an RW left empty). A missing quarter, program, status or household is
    /// a key of its own, as in a polars group-by: the rows without a
    /// household count as one household.
    pub(crate) fn totals(&self, rw: &[Option<i64>]) -> (Ledger, Reach) {
        type Map<K, V> = HashMap<K, V, FixedState>;
        // The quarters numbered in the order they first appear, so that the
        // sums per (quarter, program, status) and per quarter are arrays.
        let mut quarters: Vec<Option<i32>> = Vec::new();
        let quarter_at: Vec<usize> = self
            .places
            .iter()
            .map(|d| number(&mut quarters, d.quarter()))
            .collect();
        // A missing program or status is a key of its own, after the others.
        let (programs, statuses) = (self.codes.len() + 1, self.statuses.len() + 1);
        let slot = |r: usize| {
            let d = &self.places[r];
            let p = d.program().map_or(programs - 1, |p| p as usize);
            let s = d.status().map_or(statuses - 1, |s| s as usize);
            (quarter_at[r] * programs + p) * statuses + s
        };
        let mut sums = vec![Totals::default(); quarters.len() * programs * statuses];
        // The last household (numbered from 1) counted in each slot, so
        // that each household counts once in each.
        let mut counted = vec![0usize; sums.len()];
        let mut reached = vec![0i64; quarters.len()];
        let mut months: HashSet<(Option<i32>, Option<i32>), FixedState> = HashSet::default();
        let mut by_rw: Map<(Option<i32>, Option<i64>), Totals> = Map::default();
        let mut first_program: Map<(Option<u32>, Option<i32>), i64> = Map::default();
        let mut first_all: Map<Option<i32>, i64> = Map::default();
        // One household's delivered rows and value per quarter it was
        // reached in, in the order first reached.
        let mut reached_in: Vec<(usize, Totals)> = Vec::new();
        let mut firsts = Vec::new();
        for (nth, (household, places)) in self.households().enumerate() {
            let nth = nth + 1;
            let rw = household.and_then(|h| rw.get(h as usize).copied().flatten());
            reached_in.clear();
            firsts.clear();
            for r in places {
                let (at, d) = (slot(r), &self.places[r]);
                let value = d.value;
                let t = &mut sums[at];
                t.rows += 1;
                t.value = t.value.wrapping_add(value);
                if d.local() {
                    t.local = t.local.wrapping_add(value);
                }
                if d.eco() {
                    t.eco = t.eco.wrapping_add(value);
                }
                if counted[at] != nth {
                    counted[at] = nth;
                    t.households += 1;
                }
                let q = d.quarter();
                months.insert((q, d.month()));
                if d.delivered() {
                    let qi = quarter_at[r];
                    let k = match reached_in.iter().position(|&(x, _)| x == qi) {
                        Some(k) => k,
                        None => {
                            reached_in.push((qi, Totals::default()));
                            reached_in.len() - 1
                        }
                    };
                    let t = &mut reached_in[k].1;
                    t.rows += 1;
                    t.value = t.value.wrapping_add(value);
                    // (fiscal year, program, quarter): the quarter key is
                    // year * 10 + quarter of the fiscal year.
                    firsts.push((q.map(|q| q / 10), d.program(), q));
                }
            }
            for &(qi, t) in &reached_in {
                reached[qi] += 1;
                let sum = by_rw.entry((quarters[qi], rw)).or_default();
                sum.rows += t.rows;
                sum.value = sum.value.wrapping_add(t.value);
                sum.households += 1;
            }
            // The first quarter of each fiscal year the household was
            // reached in, per program, then across programs.
            firsts.sort_unstable();
            for run in firsts.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
                *first_program.entry((run[0].1, run[0].2)).or_default() += 1;
            }
            firsts.sort_unstable_by_key(|&(fy, _, q)| (fy, q));
            for run in firsts.chunk_by(|a, b| a.0 == b.0) {
                *first_all.entry(run[0].2).or_default() += 1;
            }
        }
        let reached: Vec<(Option<i32>, i64)> = quarters
            .iter()
            .copied()
            .zip(reached)
            .filter(|&(_, n)| n > 0)
            .collect();

        let name = |names: &[String], i: Option<u32>| i.map(|i| names[i as usize].clone());
        let mut ledger = Ledger::default();
        for (at, t) in sums.into_iter().enumerate() {
            let (rest, s) = (at / statuses, at % statuses);
            let (qi, p) = (rest / programs, rest % programs);
            // The last program and status are the missing ones.
            let (program, status) = (self.codes.get(p), self.statuses.get(s));
            if let (true, Some(q), Some(program), Some(status)) =
                (t.rows > 0, quarters[qi], program, status)
            {
                ledger
                    .totals
                    .insert((Quarter::from_key(q), program.clone(), status.clone()), t);
            }
        }
        for (q, month) in months {
            if let (Some(q), Some(month)) = (q, month) {
                ledger
                    .months
                    .entry(Quarter::from_key(q))
                    .or_default()
                    .insert(month);
            }
        }
        for ((q, rw), t) in by_rw {
            if let Some(q) = q {
                ledger.by_rw.insert((Quarter::from_key(q), rw), t);
            }
        }
        // A missing quarter or program is read as quarter 0 or program "",
        // which no period or program asks for.
        let quarter = |q: Option<i32>| Quarter::from_key(q.unwrap_or(0));
        let mut reach = Reach {
            by_quarter: reached.into_iter().map(|(q, n)| (quarter(q), n)).collect(),
            ..Reach::default()
        };
        for ((program, q), n) in first_program {
            let program = name(&self.codes, program).unwrap_or_default();
            reach
                .firsts_program
                .entry(program)
                .or_default()
                .push((quarter(q), n));
        }
        for (q, n) in first_all {
            reach.firsts_all.push((quarter(q), n));
        }
        (ledger, reach)
    }

    /// Every household's places (`None` for the rows without a
    /// household), households in key order.
    pub(crate) fn households(
        &self,
    ) -> impl Iterator<Item = (Option<IdxSize>, std::ops::Range<usize>)> + '_ {
        let last = self.starts.len() - 2;
        (0..=last).filter_map(move |g| {
            let places = self.starts[g]..self.starts[g + 1];
            let household = (g < last).then_some(g as IdxSize);
            (!places.is_empty()).then_some((household, places))
        })
    }
}

/// A delivered row of a household, with the sums the integrity flags
/// compare.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Window {
    /// The row's place in household order.
    pub at: usize,
    /// Delivered rows of the household with the row's program and month.
    pub n_month: i64,
    /// The value delivered to the household by the row's program in the
    /// row's quarter.
    pub q_value: i64,
}

/// Households the ledger's delivered rows reached, for the cost per
/// beneficiary.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reach {
    /// Distinct households per quarter, across programs.
    pub by_quarter: BTreeMap<Quarter, i64>,
    /// Program → (first quarter of its fiscal year a household was
    /// reached in, households), in no order.
    pub firsts_program: BTreeMap<String, Vec<(Quarter, i64)>>,
    /// The same across programs.
    pub firsts_all: Vec<(Quarter, i64)>,
}

/// Each text, given by its code (its place in `texts`), as its index in
/// `names`, which gets every new text in the order it first appears
/// ([`NO_CODE`] for a missing one).
fn numbered(codes: &UInt32Chunked, texts: &[String], names: &mut Vec<String>) -> Result<Vec<u32>> {
    // Each code's number, given when the code is first met.
    let mut numbers: Vec<Option<u32>> = vec![None; texts.len()];
    codes
        .iter()
        .map(|code| {
            let Some(code) = code else {
                return Ok(NO_CODE);
            };
            let text = texts
                .get(code as usize)
                .with_context(|| format!("no text for code {code}"))?;
            let number =
                numbers[code as usize].get_or_insert_with(|| number(names, text.clone()) as u32);
            Ok(*number)
        })
        .collect()
}

/// The rows `delivery(i)` of the ledger's rows `i` put in household order,
/// with where each household's rows start (a counting sort on the
/// household key: a household's rows stay in ledger order, and the rows
/// without a household come last). The places are cut into parts of
/// whole households, one for each core (at most four): each part reads
/// every row's household and writes its own rows.
fn by_household(
    household: &PrimitiveArray<IdxSize>,
    delivery: impl Fn(usize) -> Delivery + Sync,
) -> (Vec<usize>, Vec<Delivery>) {
    let groups = household
        .iter()
        .flatten()
        .max()
        .map_or(0, |&m| m as usize + 1)
        + 1;
    let group = |h: Option<&IdxSize>| h.map_or(groups - 1, |&h| h as usize);
    let mut starts = vec![0usize; groups + 1];
    for h in household.iter() {
        starts[group(h) + 1] += 1;
    }
    for g in 0..groups {
        starts[g + 1] += starts[g];
    }
    let n = household.len();
    // Every place is written once below, by the part that holds it: the
    // places are not filled with zeros first.
    let mut places: Vec<Delivery> = Vec::with_capacity(n);
    let parts = rayon::current_num_threads().clamp(1, 4);
    // The first group of each part, then the end.
    let mut cuts: Vec<usize> = (0..parts)
        .map(|k| starts.partition_point(|&s| s < k * n / parts).min(groups))
        .collect();
    cuts.push(groups);
    cuts.dedup();
    let mut rest = &mut places.spare_capacity_mut()[..n];
    let mut work = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let (mine, after) = rest.split_at_mut(starts[to] - starts[from]);
        work.push((from, to, mine));
        rest = after;
    }
    work.into_par_iter().for_each(|(from, to, out)| {
        let first = starts[from];
        let mut next: Vec<usize> = starts[from..to].iter().map(|&s| s - first).collect();
        for (i, h) in household.iter().enumerate() {
            let g = group(h);
            if (from..to).contains(&g) {
                out[next[g - from]].write(delivery(i));
                next[g - from] += 1;
            }
        }
    });
    // SAFETY: the `n` places were written above. The rows of group `g`
    // are counted in `starts[g + 1] - starts[g]`, and the part holding
    // the group writes each of them at the next of that many places,
    // from `starts[g]` on; the parts' places together are the first `n`.
    unsafe { places.set_len(n) };
    (starts, places)
}

/// The index of `x` in `seen` (a few values, searched in turn), which gets
/// `x` when it is new.
fn number<T: PartialEq>(seen: &mut Vec<T>, x: T) -> usize {
    seen.iter().position(|s| *s == x).unwrap_or_else(|| {
        seen.push(x);
        seen.len() - 1
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `ledger` with its program and status columns as the site keeps
    /// them: codes, and their texts.
    pub(crate) fn coded(mut ledger: DataFrame) -> (DataFrame, LedgerNames) {
        let mut code = |column: &str| {
            let texts = ledger.column(column).unwrap().str().unwrap().clone();
            let coded = crate::load::codes::coded(&texts, Vec::new());
            ledger.with_column(coded.codes.into_column()).unwrap();
            coded.names
        };
        let names = LedgerNames {
            programs: code("program"),
            statuses: code("status"),
            ids: None,
        };
        (ledger, names)
    }

    /// `ledger` with `distributed_on` at these days since 1970-01-01.
    pub(crate) fn dated(mut ledger: DataFrame, days: &[i32]) -> DataFrame {
        let dates = Series::new("distributed_on".into(), days)
            .cast(&DataType::Date)
            .unwrap();
        ledger.with_column(dates.into_column()).unwrap();
        ledger
    }

    /// A monthly program of 100 a month.
    pub(crate) fn program(code: &str) -> ProgramInfo {
        ProgramInfo {
            code: code.to_string(),
            monthly: true,
            training: false,
            goods: false,
            entitlement: Some(100),
        }
    }

    /// Rows gathered by household in key order, the rows without a
    /// household last; program codes not in site.toml numbered after its
    /// programs; a missing value counts 0.
    #[test]
    fn rows_gathered_by_household() {
        let ledger = df!(
            "status" => ["delivered", "cancelled", "delivered", "delivered", "delivered"],
            "program" => [Some("PKH"), Some("X"), Some("BLT"), None, Some("X")],
            cols::HH => [Some(2 as IdxSize), None, Some(0), Some(2), None],
            cols::Q => [20251i32, 20251, 20251, 20252, 20252],
            cols::MONTH => [24300i32, 24300, 24301, 24303, 24303],
            "value" => [Some(5i64), Some(7), None, Some(9), Some(1)],
            "locally_sourced" => [Some(true), None, Some(false), Some(false), Some(true)],
            "eco_packaging" => [false; 5],
        )
        .unwrap();
        let ledger = dated(ledger, &[0; 5]);
        let (ledger, names) = coded(ledger);
        let d = Deliveries::read(&ledger, &[program("BLT"), program("PKH")], &names).unwrap();
        let groups: Vec<(Option<IdxSize>, Vec<u32>)> = d
            .households()
            .map(|(h, places)| (h, places.map(|at| d.at(at).row).collect()))
            .collect();
        assert_eq!(
            groups,
            [
                (Some(0), vec![2]),
                (Some(2), vec![0, 3]),
                (None, vec![1, 4])
            ]
        );
        // The columns in that order: rows 2, 0, 3, 1, 4.
        fn each<T>(d: &Deliveries, f: fn(&Delivery) -> T) -> Vec<T> {
            d.places.iter().map(f).collect()
        }
        assert_eq!(
            each(&d, |d| d.program()),
            [Some(0), Some(1), None, Some(2), Some(2)]
        );
        assert_eq!(each(&d, |d| d.delivered()), [true, true, true, false, true]);
        assert_eq!(each(&d, |d| d.value), [0, 5, 9, 7, 1]);
        assert_eq!(each(&d, |d| d.local()), [false, true, false, false, true]);
    }

    /// Put in household order by parts of whole households, one a thread:
    /// the same order as a stable sort on the household key, the rows
    /// without one last, however many parts.
    #[test]
    fn parts_put_rows_in_household_order() {
        let household: Vec<Option<IdxSize>> = (0..1000u32)
            .map(|i| (i % 7 != 3).then_some(i * 7919 % 97))
            .collect();
        let mut expected: Vec<u32> = (0..1000).collect();
        expected.sort_by_key(|&i| household[i as usize].unwrap_or(IdxSize::MAX));
        let household = PrimitiveArray::<IdxSize>::from(household);
        for threads in [1, 2, 3, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            let (starts, places) = pool.install(|| {
                by_household(&household, |i| Delivery {
                    row: i as u32,
                    ..Delivery::default()
                })
            });
            let rows: Vec<u32> = places.iter().map(|d| d.row).collect();
            assert_eq!(rows, expected, "{threads} threads");
            assert_eq!((starts.len(), starts[97], starts[98]), (99, 857, 1000));
        }
    }

    /// Households 0 and 1 are in RW 1 and 2; household 2 is not in the
    /// registry, and one row has no household. Quarter keys are year * 10
    /// + quarter, so 20252 is in the fiscal year before 20261 and 20262.
    #[test]
    fn totals_and_reach_by_hand() {
        let ledger = df!(
            "status" => ["delivered", "delivered", "delivered", "failed", "delivered", "delivered", "delivered", "delivered"],
            "program" => ["BLT", "BLT", "PKH", "BLT", "BLT", "BLT", "BLT", "BLT"],
            cols::HH => [Some(0 as IdxSize), Some(0), Some(0), Some(1), Some(1), None, Some(2), Some(0)],
            cols::Q => [20261i32, 20261, 20262, 20261, 20262, 20261, 20252, 20252],
            cols::MONTH => [1i32, 2, 4, 1, 4, 1, 0, 0],
            "value" => [100i64, 100, 50, 100, 100, 30, 70, 10],
            "locally_sourced" => [true, false, false, false, true, false, false, false],
            "eco_packaging" => [false, true, false, false, true, false, false, false],
        )
        .unwrap();
        let ledger = dated(ledger, &[0; 8]);
        let (ledger, names) = coded(ledger);
        let d = Deliveries::read(&ledger, &[program("BLT"), program("PKH")], &names).unwrap();
        let (ledger, reach) = d.totals(&[Some(1), Some(2)]);
        let q = Quarter::from_key;
        let t = |rows, value, households, local, eco| Totals {
            rows,
            value,
            households,
            local,
            eco,
        };
        let key = |k: i32, p: &str, s: &str| (q(k), p.to_string(), s.to_string());
        assert_eq!(
            ledger.totals,
            BTreeMap::from([
                // rows 0, 1 and 5: household 0 and the rows without one
                (key(20261, "BLT", "delivered"), t(3, 230, 2, 100, 100)),
                (key(20261, "BLT", "failed"), t(1, 100, 1, 0, 0)),
                (key(20262, "BLT", "delivered"), t(1, 100, 1, 100, 100)),
                (key(20262, "PKH", "delivered"), t(1, 50, 1, 0, 0)),
                (key(20252, "BLT", "delivered"), t(2, 80, 2, 0, 0)),
            ])
        );
        assert_eq!(
            ledger.months,
            BTreeMap::from([
                (q(20252), [0].into()),
                (q(20261), [1, 2].into()),
                (q(20262), [4].into()),
            ])
        );
        let rw = |rows, value| t(rows, value, 1, 0, 0);
        assert_eq!(
            ledger.by_rw,
            BTreeMap::from([
                ((q(20252), None), rw(1, 70)),
                ((q(20252), Some(1)), rw(1, 10)),
                ((q(20261), None), rw(1, 30)),
                ((q(20261), Some(1)), rw(2, 200)),
                ((q(20262), Some(1)), rw(1, 50)),
                ((q(20262), Some(2)), rw(1, 100)),
            ])
        );
        assert_eq!(
            reach.by_quarter,
            BTreeMap::from([(q(20252), 2), (q(20261), 2), (q(20262), 2)])
        );
        let sorted = |v: &[(Quarter, i64)]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        // BLT: first in 20261 for household 0 and the rows without one,
        // in 20262 for household 1 (its 20261 row failed), in 20252 for
        // households 0 and 2 in the year before.
        assert_eq!(
            sorted(&reach.firsts_program["BLT"]),
            [(q(20252), 2), (q(20261), 2), (q(20262), 1)]
        );
        assert_eq!(sorted(&reach.firsts_program["PKH"]), [(q(20262), 1)]);
        // Across programs household 0's PKH in 20262 comes after its BLT.
        assert_eq!(
            sorted(&reach.firsts_all),
            [(q(20252), 2), (q(20261), 2), (q(20262), 1)]
        );
    }

    /// Household 1 gets BLT twice in one month and once more in the same
    /// quarter, PKH once; a cancelled row counts nowhere and gets none;
    /// household 2's BLT in the same month is its own.
    #[test]
    fn windows_by_hand() {
        let ledger = df!(
            "status" => ["delivered", "delivered", "delivered", "delivered", "cancelled", "delivered"],
            "program" => ["BLT", "BLT", "BLT", "PKH", "BLT", "BLT"],
            cols::HH => [1 as IdxSize, 1, 1, 1, 1, 2],
            cols::Q => [20251i32, 20251, 20251, 20251, 20251, 20251],
            cols::MONTH => [24300i32, 24300, 24301, 24300, 24300, 24300],
            "value" => [100i64, 100, 50, 70, 999, 30],
            "locally_sourced" => [false; 6],
            "eco_packaging" => [false; 6],
        )
        .unwrap();
        let ledger = dated(ledger, &[0; 6]);
        let (ledger, names) = coded(ledger);
        let d = Deliveries::read(&ledger, &[program("BLT"), program("PKH")], &names).unwrap();
        // (household, ledger row, n_month, q_value)
        let mut seen = Vec::new();
        d.windows(|household, windows| {
            for w in windows {
                seen.push((household, d.at(w.at).row, w.n_month, w.q_value));
            }
        });
        assert_eq!(
            seen,
            [
                (Some(1), 0, 2, 250),
                (Some(1), 1, 2, 250),
                (Some(1), 2, 1, 250),
                (Some(1), 3, 1, 70),
                (Some(2), 5, 1, 30),
            ]
        );
    }
}
