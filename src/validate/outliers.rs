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

use std::collections::BTreeMap;

use anyhow::Result;
use rayon::prelude::*;

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
/// to the upper one.
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
#[derive(Debug, PartialEq)]
struct Spread {
    med: f64,
    lmed: f64,
    mad: f64,
}

impl Spread {
    /// The spread of `n` values `x(0)`, `x(1)`, ..., and of the same
    /// values on the z-score's scale, `scale(x)`: one scratch copy of the
    /// values, turned in place into their scale and then into their
    /// deviations (a median does not depend on the values' order), rather
    /// than copies of the values on either scale (a ledger's group of one
    /// program can hold millions).
    fn of(n: usize, x: impl Fn(usize) -> f64, scale: impl Fn(f64) -> f64) -> Spread {
        let mut scratch: Vec<f64> = (0..n).map(x).collect();
        let med = median(&mut scratch);
        for s in scratch.iter_mut() {
            *s = scale(*s);
        }
        let lmed = median(&mut scratch);
        for s in scratch.iter_mut() {
            *s = (*s - lmed).abs();
        }
        let mad = median(&mut scratch);
        Spread { med, lmed, mad }
    }
}

/// The values of `w` more than [`MEDIAN_MULTIPLE_LIMIT`] times their
/// group's median, or with a robust z-score above [`ROBUST_Z_LIMIT`].
/// `group`: each row's group, the first row of its group's text (rows
/// whose group is empty form a group of their own, [`NONE`]).
fn outliers(w: &'static Watch, raw: &RawTable, frame: &Frame, group: &[u32]) -> Result<Vec<Found>> {
    let x = frame.floats(w.column)?;
    let mut groups: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (i, &g) in group.iter().enumerate() {
        if x.get(i).is_some() {
            groups.entry(g).or_default().push(i as u32);
        }
    }
    let within = w.group.map(|g| format!(" of its {g}")).unwrap_or_default();
    let found: Vec<Vec<Found>> = groups
        .into_par_iter()
        .map(|(_, members)| {
            let value = |k: usize| x.get(members[k] as usize).unwrap_or(f64::NAN);
            let on_scale = |v: f64| scale(v, w.log);
            let Spread { med, lmed, mad } = Spread::of(members.len(), value, on_scale);
            let mut found = Vec::new();
            for (k, &i) in members.iter().enumerate() {
                let xv = value(k);
                let l = on_scale(xv);
                let z = 0.6745 * (l - lmed) / mad;
                let message = if med > 0.0 && xv > med * MEDIAN_MULTIPLE_LIMIT {
                    format!(
                        "{} is {:.0} times the median{within} ({med:.0})",
                        w.column,
                        xv / med
                    )
                } else if mad > 0.0 && z > ROBUST_Z_LIMIT {
                    let scale = if w.log { " on a log scale" } else { "" };
                    format!(
                        "{} has a robust z-score of {z:.1}{scale} against the median{within} ({med:.0})",
                        w.column
                    )
                } else {
                    continue;
                };
                found.push(Found {
                    table: raw.spec.table,
                    record: frame.record(i as usize),
                    value: Value::Cell(w.column),
                    problem: Problem::warning("outlier", message).in_column(w.column),
                    reject: false,
                });
            }
            found
        })
        .collect();
    Ok(found.into_iter().flatten().collect())
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
        let spread = Spread::of(xs.len(), |k| xs[k], |x| scale(x, false));
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
        let spread = Spread::of(3, |k| [0.0, e - 1.0, e * e - 1.0][k], |x| scale(x, true));
        assert!((spread.lmed - 1.0).abs() < 1e-12 && (spread.mad - 1.0).abs() < 1e-12);
        assert!((spread.med - (e - 1.0)).abs() < 1e-12);
    }
}
