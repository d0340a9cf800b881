//! Warnings: values that are possible but suspicious enough that a person
//! should look at them before trusting the indicators.
//!
//! - a value more than 50 times the median of its group;
//! - a robust z-score above 3.5: `0.6745 (x - median) / MAD` (Iglewicz and
//!   Hoaglin), computed on `ln(1 + x)` for rupiah amounts, whose spread grows
//!   with their size, and on the plain value for counts. Only high values are
//!   flagged: zero incomes are common and already visible in the indicators.
//!   An amount below -1 (already an error) has no logarithm, so no z-score;
//! - one head NIK on several households (an integrity flag later, a warning here).

use std::collections::{BTreeMap, HashMap};

use anyhow::Result;

use super::keys::{Firsts, Found, Frame, Value, NONE};
use crate::contract::Table;
use crate::load::typed::{trimmed, value};
use crate::load::RawTable;
use crate::problem::Problem;

/// The robust z-score above which a value is flagged.
pub(crate) const ROBUST_Z_LIMIT: f64 = 3.5;
/// Multiple of the group median above which a value is flagged.
pub(crate) const MEDIAN_MULTIPLE_LIMIT: f64 = 50.0;

struct Watch {
    table: Table,
    column: &'static str,
    /// Compare within groups of this column (e.g. survey round).
    group: Option<&'static str>,
    /// Take `ln(1 + x)` before the robust z-score (money).
    log: bool,
}

const WATCHED: &[Watch] = &[
    Watch {
        table: Table::Households,
        column: "members",
        group: None,
        log: false,
    },
    Watch {
        table: Table::Surveys,
        column: "monthly_income",
        group: Some("round"),
        log: true,
    },
    Watch {
        table: Table::Surveys,
        column: "monthly_expenditure",
        group: Some("round"),
        log: true,
    },
    Watch {
        table: Table::Distributions,
        column: "value",
        group: Some("program"),
        log: true,
    },
];

/// The watched columns of `raw`.
fn watched(raw: &RawTable) -> impl Iterator<Item = &'static Watch> + '_ {
    WATCHED
        .iter()
        .filter(move |w| w.table == raw.spec.table && raw.has(w.column))
}

/// Whether the table's head NIKs are compared.
fn niks(raw: &RawTable) -> bool {
    raw.spec.table == Table::Households && raw.has("head_nik")
}

/// The columns of `raw` these warnings read, in the narrow frame of
/// [`super::keys`]: each watched value and its group's trimmed text, and
/// the registry's trimmed head NIKs.
pub(super) fn columns(raw: &RawTable) -> Vec<String> {
    let mut out = Vec::new();
    for w in watched(raw) {
        out.push(value(w.column));
        out.extend(w.group.map(trimmed));
    }
    if niks(raw) {
        out.push(trimmed("head_nik"));
    }
    out
}

/// The outliers and shared head NIKs of one table's narrow frame.
pub(super) fn find(raw: &RawTable, frame: &Frame) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    // Each group column's first rows, found once for the columns grouped
    // by it (income and expenditure by round).
    let mut groups: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for w in watched(raw) {
        let key = w.group.unwrap_or("");
        if !groups.contains_key(key) {
            let codes = match w.group {
                Some(g) => Firsts::<u32>::of(frame.text(g)?).of_row,
                None => vec![0; frame.rows.len()],
            };
            groups.insert(key, codes);
        }
        found.extend(outliers(w, raw, frame, &groups[key])?);
    }
    if niks(raw) {
        found.extend(shared_niks(raw, frame)?);
    }
    Ok(found)
}

/// polars' order of floats: a NaN above every number.
fn tot_cmp(a: &f64, b: &f64) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        (false, false) => a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal),
    }
}

/// The median of `values` (reordered), as polars computes it: the middle
/// value, or for an even count the lower middle value plus half the step
/// to the upper one. The warnings take it of counted values
/// ([`counted_median`]); this one of the values written out is what that
/// is tested against.
#[cfg(test)]
fn median(values: &mut [f64]) -> f64 {
    match values.len() {
        0 => f64::NAN,
        1 => values[0],
        n => {
            let float_idx = (n - 1) as f64 * 0.5;
            let idx = float_idx as usize;
            let (_, lower, upper) = values.select_nth_unstable_by(idx, tot_cmp);
            let lower = *lower;
            if f64::ceil(float_idx) as usize == idx {
                return lower;
            }
            let upper = upper.iter().copied().min_by(tot_cmp).unwrap_or(lower);
            if lower == upper {
                lower
            } else {
                (float_idx - idx as f64) * (upper - lower) + lower
            }
        }
    }
}

/// The distinct values of one group of rows, with how many rows hold
/// each: the ledger's values per program and the surveys' incomes per
/// round repeat, so that their medians and logarithms are taken once per
/// value rather than once per row.
#[derive(Default)]
struct Distinct {
    /// Where each value (by its bits) is in `values`.
    place: HashMap<u64, u32, foldhash::fast::FixedState>,
    values: Vec<f64>,
    counts: Vec<u64>,
}

impl Distinct {
    /// Counts `x` once more; its place among the distinct values.
    fn add(&mut self, x: f64) -> u32 {
        let next = self.values.len() as u32;
        let at = *self.place.entry(x.to_bits()).or_insert(next);
        if at == next {
            self.values.push(x);
            self.counts.push(0);
        }
        self.counts[at as usize] += 1;
        at
    }
}

/// The median of a multiset given as values with counts (`pairs`,
/// reordered), as [`median`] gives it of the values written out.
fn counted_median(pairs: &mut [(f64, u64)]) -> f64 {
    let n: u64 = pairs.iter().map(|&(_, c)| c).sum();
    if n == 0 {
        return f64::NAN;
    }
    pairs.sort_unstable_by(|a, b| tot_cmp(&a.0, &b.0));
    // The value at place `k` of the values in order.
    let at = |k: u64| {
        let mut seen = 0;
        for &(v, c) in pairs.iter() {
            seen += c;
            if k < seen {
                return v;
            }
        }
        f64::NAN
    };
    if n == 1 {
        return at(0);
    }
    let float_idx = (n - 1) as f64 * 0.5;
    let idx = float_idx as u64;
    let lower = at(idx);
    if f64::ceil(float_idx) as u64 == idx {
        return lower;
    }
    let upper = at(idx + 1);
    if lower == upper {
        lower
    } else {
        (float_idx - idx as f64) * (upper - lower) + lower
    }
}

/// `x` on the scale of the z-score: `ln(1 + x)` for money, else as is.
fn scale(x: f64, log: bool) -> f64 {
    if log {
        (x + 1.0).log(std::f64::consts::E)
    } else {
        x
    }
}

/// A group's median, and the median and median absolute deviation of its
/// values on the z-score's scale.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Spread {
    med: f64,
    lmed: f64,
    mad: f64,
}

impl Spread {
    /// The spread of the values `values`, each held by `counts` rows, and
    /// of the same values on the z-score's scale, `scale(x)`.
    fn of(values: &[f64], counts: &[u64], scale: impl Fn(f64) -> f64) -> Spread {
        let mut pairs: Vec<(f64, u64)> =
            values.iter().copied().zip(counts.iter().copied()).collect();
        let med = counted_median(&mut pairs);
        for p in pairs.iter_mut() {
            p.0 = scale(p.0);
        }
        let lmed = counted_median(&mut pairs);
        for p in pairs.iter_mut() {
            p.0 = (p.0 - lmed).abs();
        }
        let mad = counted_median(&mut pairs);
        Spread { med, lmed, mad }
    }
}

/// Why `xv`, a value of `w` in a group of spread `spread`, is flagged:
/// more than [`MEDIAN_MULTIPLE_LIMIT`] times the group's median, or a
/// robust z-score above [`ROBUST_Z_LIMIT`].
fn flagged(w: &Watch, spread: &Spread, xv: f64) -> Option<String> {
    let Spread { med, lmed, mad } = *spread;
    let within = w.group.map(|g| format!(" of its {g}")).unwrap_or_default();
    let z = 0.6745 * (scale(xv, w.log) - lmed) / mad;
    if med > 0.0 && xv > med * MEDIAN_MULTIPLE_LIMIT {
        Some(format!(
            "{} is {:.0} times the median{within} ({med:.0})",
            w.column,
            xv / med
        ))
    } else if mad > 0.0 && z > ROBUST_Z_LIMIT {
        let scale = if w.log { " on a log scale" } else { "" };
        Some(format!(
            "{} has a robust z-score of {z:.1}{scale} against the median{within} ({med:.0})",
            w.column
        ))
    } else {
        None
    }
}

/// The values of `w` that are [`flagged`] in their group. `group`: each
/// row's group, the first row of its group's text (rows whose group is
/// empty form a group of their own, [`NONE`]). Whether a value is flagged
/// depends on the value only, so it is decided once per distinct value of
/// a group, and the messages are written for the rows flagged.
fn outliers(w: &'static Watch, raw: &RawTable, frame: &Frame, group: &[u32]) -> Result<Vec<Found>> {
    let x = frame.floats(w.column)?;
    // Each group's distinct values, and each row's place among its
    // group's (`NO_VALUE` for a row without a value).
    const NO_VALUE: u32 = u32::MAX;
    let mut groups: BTreeMap<u32, Distinct> = BTreeMap::new();
    let places: Vec<u32> = group
        .iter()
        .enumerate()
        .map(|(i, &g)| match x.get(i) {
            Some(v) => groups.entry(g).or_default().add(v),
            None => NO_VALUE,
        })
        .collect();
    // Each group's spread, and whether each of its distinct values is
    // flagged.
    let decided: BTreeMap<u32, (Spread, Vec<bool>)> = groups
        .into_iter()
        .map(|(g, distinct)| {
            let spread = Spread::of(&distinct.values, &distinct.counts, |v| scale(v, w.log));
            let flags = distinct
                .values
                .iter()
                .map(|&v| flagged(w, &spread, v).is_some())
                .collect();
            (g, (spread, flags))
        })
        .collect();
    // The rows flagged, by group in the groups' order, each in row order.
    let mut rows: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, (&g, &place)) in group.iter().zip(&places).enumerate() {
        if place != NO_VALUE && decided[&g].1[place as usize] {
            rows.entry(g).or_default().push(i);
        }
    }
    let mut found = Vec::new();
    for (g, rows) in rows {
        let spread = &decided[&g].0;
        for i in rows {
            let xv = x.get(i).unwrap_or(f64::NAN);
            let Some(message) = flagged(w, spread, xv) else {
                continue;
            };
            found.push(Found {
                table: raw.spec.table,
                record: frame.record(i),
                value: Value::Cell(w.column),
                problem: Problem::warning("outlier", message).in_column(w.column),
                reject: false,
            });
        }
    }
    Ok(found)
}

/// The households whose head NIK is on an earlier household.
fn shared_niks(raw: &RawTable, frame: &Frame) -> Result<Vec<Found>> {
    let niks = frame.text("head_nik")?;
    let firsts = Firsts::<u32>::of(niks.clone()).of_row;
    Ok(firsts
        .iter()
        .enumerate()
        .filter(|&(i, &first)| first != NONE && first as usize != i)
        .map(|(i, &first)| Found {
            table: Table::Households,
            record: frame.record(i),
            value: Value::Text(mask_nik(niks.get(i).unwrap_or(""))),
            problem: Problem::warning(
                "shared-nik",
                format!(
                    "the same head_nik is on the household of row {}",
                    raw.display_row(frame.record(first as usize))
                ),
            )
            .in_column("head_nik"),
            reject: false,
        })
        .collect())
}

/// A NIK with all but its six region digits masked: validation output is read
/// by data officers, but it still never needs a full identifier.
pub(crate) fn mask_nik(nik: &str) -> String {
    let keep: String = nik.chars().take(6).collect();
    let masked = nik.chars().count().saturating_sub(6);
    format!("{keep}{}", "*".repeat(masked))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_by_hand() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        // An even count: the lower middle value and half the step up.
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut [5.0, 5.0]), 5.0);
        // A value that is not a number sorts above every number.
        assert_eq!(median(&mut [f64::NAN, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [7.0]), 7.0);
    }

    #[test]
    fn spread_and_z_score_by_hand() {
        // Household sizes 1, 2, 3, 4, 100: median 3, deviations 2, 1, 0, 1,
        // 97, so MAD 1; the z-score of 100 is 0.6745 × 97 / 1 = 65.4, and
        // 100 is not 50 times the median.
        let xs = [1.0, 2.0, 3.0, 4.0, 100.0];
        let spread = Spread::of(&xs, &[1; 5], |x| scale(x, false));
        assert_eq!(
            spread,
            Spread {
                med: 3.0,
                lmed: 3.0,
                mad: 1.0
            }
        );
        assert!((0.6745 * (100.0 - spread.lmed) / spread.mad - 65.4265).abs() < 1e-9);
        // Money on a log scale: ln(1 + x) of 0, e - 1 and e² - 1 is 0, 1, 2.
        let e = std::f64::consts::E;
        let lx = [0.0, e - 1.0, e * e - 1.0].map(|x| scale(x, true));
        assert!(lx[0] == 0.0 && (lx[1] - 1.0).abs() < 1e-12 && (lx[2] - 2.0).abs() < 1e-12);
        // On a log scale: 0, e - 1 and e² - 1 have log medians 1 and MAD 1.
        let spread = Spread::of(&[0.0, e - 1.0, e * e - 1.0], &[1; 3], |x| scale(x, true));
        assert!((spread.lmed - 1.0).abs() < 1e-12 && (spread.mad - 1.0).abs() < 1e-12);
        assert!((spread.med - (e - 1.0)).abs() < 1e-12);
        // Counted values: 1 twice, 2 once and 10 three times are 1, 1, 2,
        // 10, 10, 10: the median is halfway between 2 and 10, 6.
        let spread = Spread::of(&[10.0, 1.0, 2.0], &[3, 2, 1], |x| scale(x, false));
        assert_eq!(spread.med, 6.0);
        // Deviations from 6: 5, 5, 4, 4, 4, 4; their median is 4.
        assert_eq!(spread.mad, 4.0);
    }

    /// The median of values with counts is the median of the values
    /// written out, for odd and even counts, repeats, zeros of either sign
    /// and a value that is not a number.
    #[test]
    fn counted_medians_are_the_medians_of_the_values_written_out() {
        let pool = [3.5, -1.0, 0.0, -0.0, 7.25, 1e9, f64::NAN, 2.0];
        let mut state = 7u64;
        for _ in 0..2_000 {
            let mut pairs = Vec::new();
            let mut written = Vec::new();
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let kinds = 1 + (state >> 60) as usize % pool.len();
            for (k, &v) in pool.iter().enumerate().take(kinds) {
                let count = (state >> (k * 4)) & 7;
                pairs.push((v, count));
                written.extend(std::iter::repeat_n(v, count as usize));
            }
            let counted = counted_median(&mut pairs);
            let direct = median(&mut written);
            assert!(
                counted == direct || (counted.is_nan() && direct.is_nan()),
                "{pairs:?}: {counted} against {direct}"
            );
        }
    }
}
