//! Per-RT equity: how aid of all programs is spread over the households that
//! are eligible for at least one program, per quarter with distributions.
//!
//! The eligible household quarters, with their value received and baseline
//! per-capita income, are read from the household-quarter frame the coverage
//! family sums; the inequality measures then run here on rows sorted by
//! household, so their floating-point sums come out the same on any number
//! of threads:
//! - per RT: eligible, reached, value, value per eligible household, and the
//!   aid-to-need ratio (RT share of value / RT share of eligible households);
//! - the between-RT Gini of value per eligible household, each RT weighted by
//!   its eligible households;
//! - Theil T over eligible households (0 ln 0 = 0), split exactly into
//!   between-RT and within-RT parts;
//! - the concentration index of value by baseline per-capita income.

use super::id::Id;
use std::collections::HashMap;

use anyhow::Result;
use foldhash::fast::FixedState;
use polars::prelude::*;
use rayon::prelude::*;

use super::base::{cols, Base};
use super::frame::{flags, int_array, quarter_array, rt_label};
use super::period::{Period, Quarter};
use super::{unit, Curve, Key, Row, ALL};

/// One eligible household in one quarter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Household {
    /// The household's RT, as its number in [`Rts`].
    pub rt: u32,
    pub value: f64,
    pub reached: bool,
    /// Baseline income per household member, when known.
    pub per_capita: Option<f64>,
}

/// The family's rows and concentration curves, from the household-quarter
/// frame the coverage family sums (its columns [`cols::Q`], `rw`, `rt`,
/// [`cols::ELIGIBLE_ANY`], [`cols::VALUE_ALL`], [`cols::BASE_INCOME`],
/// `members` and each program's months): its household quarters come by
/// quarter, then by household key (`base::household_quarters`), and those
/// eligible for at least one program are read in that order.
pub(crate) fn rows(base: &Base, df: &DataFrame) -> Result<(Vec<Row>, Vec<Curve>)> {
    // The columns are read in place (millions of household quarters
    // on a registry extract), not copied into vectors of options.
    let quarters = quarter_array(df)?;
    let eligible = flags(df, cols::ELIGIBLE_ANY)?;
    let rw = int_array(df, "rw")?;
    let rt = int_array(df, "rt")?;
    let value = int_array(df, cols::VALUE_ALL)?;
    let income = int_array(df, cols::BASE_INCOME)?;
    let members = int_array(df, "members")?;
    // Reached: a delivery of any program in the quarter.
    let months = (0..base.programs.len())
        .map(|i| int_array(df, &cols::months(i)))
        .collect::<Result<Vec<_>>>()?;
    let reached = |i: usize| months.iter().any(|m| m.get(i).is_some_and(|m| m > 0));
    let mut rts = Rts::default();
    let mut by_quarter: HashMap<i64, Vec<Household>, FixedState> = HashMap::default();
    for i in (0..df.height()).filter(|&i| eligible.get(i) == Some(true)) {
        let (Some(q), Some(w), Some(t)) = (quarters.get(i), rw.get(i), rt.get(i)) else {
            continue;
        };
        let q = i64::from(q);
        let per_capita = match (income.get(i), members.get(i)) {
            (Some(inc), Some(m)) if m > 0 => Some(inc as f64 / m as f64),
            _ => None,
        };
        by_quarter.entry(q).or_default().push(Household {
            rt: rts.number((w, t)),
            value: value.get(i).unwrap_or(0) as f64,
            reached: reached(i),
            per_capita,
        });
    }
    let rts = rts.ordered();
    // The quarters are independent: each is computed on its own, its
    // sums in household order, whatever thread runs it.
    let quarters: Vec<(Quarter, Vec<Household>)> = base
        .dist_quarters
        .iter()
        .map(|q| (*q, by_quarter.remove(&(q.key() as i64)).unwrap_or_default()))
        .collect();
    let per_quarter: Vec<(Vec<Row>, Option<Curve>)> = quarters
        .par_iter()
        .map(|(q, households)| {
            let mut ranked: Vec<(f64, f64)> = households
                .iter()
                .filter_map(|h| Some((h.per_capita?, h.value)))
                .collect();
            // Poorest first, as the index and the curve rank them (both
            // sort again, which costs one pass over sorted pairs).
            ranked.sort_by(by_income);
            let curve = concentration_curve(&ranked, 100).map(|points| Curve {
                period: Period::Quarter(*q),
                points,
            });
            let rows = quarter_rows(*q, households, &rts, &ranked, base.makes_rt_rows(*q));
            (rows, curve)
        })
        .collect();
    let mut rows = Vec::new();
    let mut curves = Vec::new();
    for (quarter_rows, curve) in per_quarter {
        rows.extend(quarter_rows);
        curves.extend(curve);
    }
    Ok((rows, curves))
}

/// The RTs of a site's eligible households, numbered as they are first
/// met, so that sums per RT are kept in arrays.
#[derive(Debug, Default)]
pub(crate) struct Rts {
    numbers: HashMap<(i64, i64), u32, FixedState>,
    /// (RW, RT) of each number.
    keys: Vec<(i64, i64)>,
    /// The numbers in (RW, RT) order, the order of the output.
    order: Vec<u32>,
}

impl Rts {
    /// The number of an RT, given on first sight.
    pub(crate) fn number(&mut self, rt: (i64, i64)) -> u32 {
        let next = self.keys.len() as u32;
        let n = *self.numbers.entry(rt).or_insert(next);
        if n == next {
            self.keys.push(rt);
        }
        n
    }

    /// With the numbers in (RW, RT) order.
    pub(crate) fn ordered(mut self) -> Rts {
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        order.sort_by_key(|&n| self.keys[n as usize]);
        self.order = order;
        self
    }

    fn len(&self) -> usize {
        self.keys.len()
    }
}

/// Poorest first by per-capita income, ties by value.
fn by_income(a: &(f64, f64), b: &(f64, f64)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
}

/// Sums of one RT.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct RtSums {
    pub eligible: f64,
    pub reached: f64,
    pub value: f64,
}

/// Sums of each RT of `rts` (by number) over `households`, added in
/// household order; an RT without households has none eligible.
pub(crate) fn rt_sums(households: &[Household], rts: usize) -> Vec<RtSums> {
    let mut sums = vec![RtSums::default(); rts];
    for h in households {
        let s = &mut sums[h.rt as usize];
        s.eligible += 1.0;
        s.reached += f64::from(u8::from(h.reached));
        s.value += h.value;
    }
    sums
}

/// The RTs with eligible households, in (RW, RT) order: their number and sums.
fn present<'a>(rts: &'a Rts, sums: &'a [RtSums]) -> impl Iterator<Item = (u32, RtSums)> + 'a {
    rts.order
        .iter()
        .map(|&n| (n, sums[n as usize]))
        .filter(|(_, s)| s.eligible > 0.0)
}

/// The rows of one quarter, those of each RT only `with_rts`; `ranked`
/// holds the (per-capita income, value) pairs of its households, poorest
/// first.
fn quarter_rows(
    q: Quarter,
    households: &[Household],
    rts: &Rts,
    ranked: &[(f64, f64)],
    with_rts: bool,
) -> Vec<Row> {
    let key = Key::site(Period::Quarter(q), ALL);
    let sums = rt_sums(households, rts.len());
    let eligible = households.len() as f64;
    let total: f64 = households.iter().map(|h| h.value).sum();
    let mut rows = vec![Row::ratio(
        Id::RtValuePerEligible,
        &key,
        unit::RUPIAH_PER_HOUSEHOLD,
        total,
        eligible,
    )];
    let theil = theil(households, &sums, &rts.order);
    // Each indicator's RT rows apart, one indicator after the other as the
    // output sorts them: within the quarter, the tens of thousands of a
    // registry extract are then not moved again.
    let [mut to_need, mut inside_rt] = [(); 2].map(|_| Vec::new());
    for (n, s) in present(rts, &sums).filter(|_| with_rts) {
        let (w, t) = rts.keys[n as usize];
        let k = key.grouped("rt", rt_label(w, t));
        rows.push(Row::ratio(
            Id::RtValuePerEligible,
            &k,
            unit::RUPIAH_PER_HOUSEHOLD,
            s.value,
            s.eligible,
        ));
        to_need.push(if total > 0.0 {
            Row::ratio(
                Id::RtAidToNeedRatio,
                &k,
                unit::INDEX,
                s.value / total,
                s.eligible / eligible,
            )
        } else {
            // No aid at all: the RT's share of it is undefined, its share of
            // the eligible households is not.
            Row::value(Id::RtAidToNeedRatio, &k, unit::INDEX, None)
                .with_denominator(s.eligible / eligible)
        });
        let inside = theil.as_ref().and_then(|th| th.per_rt[n as usize]);
        inside_rt.push(Row::value(Id::AidTheil, &k, unit::INDEX, inside));
    }
    rows.extend(to_need);
    let per_rt: Vec<(f64, f64)> = present(rts, &sums)
        .map(|(_, s)| (s.eligible, s.value))
        .collect();
    rows.push(Row::value(
        Id::RtAllocationGini,
        &key,
        unit::INDEX,
        weighted_gini(&per_rt),
    ));
    let (total_t, between, within) = match &theil {
        Some(t) => (Some(t.total), Some(t.between), Some(t.within)),
        None => (None, None, None),
    };
    rows.push(Row::value(Id::AidTheil, &key, unit::INDEX, total_t));
    rows.extend(inside_rt);
    rows.push(Row::value(
        Id::AidTheilBetweenRt,
        &key,
        unit::INDEX,
        between,
    ));
    rows.push(Row::value(Id::AidTheilWithinRt, &key, unit::INDEX, within));
    rows.push(
        Row::value(
            Id::AidConcentrationIndex,
            &key,
            unit::INDEX,
            concentration_index(ranked),
        )
        .with_denominator(ranked.len() as f64),
    );
    rows
}

/// Theil T and its exact decomposition by RT.
#[derive(Debug, Clone)]
pub(crate) struct Theil {
    pub total: f64,
    pub between: f64,
    pub within: f64,
    /// Theil T inside each RT, by number (none when the RT received
    /// nothing or has no households).
    pub per_rt: Vec<Option<f64>>,
}

/// Theil T of `value` over households, with 0 ln 0 = 0. None when nothing was
/// delivered (the mean is zero and the index is undefined). `sums` are
/// the households' [`rt_sums`]; the parts are added up in RT `order`.
pub(crate) fn theil(households: &[Household], sums: &[RtSums], order: &[u32]) -> Option<Theil> {
    let n = households.len() as f64;
    let total_value: f64 = households.iter().map(|h| h.value).sum();
    if n == 0.0 || total_value <= 0.0 {
        return None;
    }
    let mean = total_value / n;
    let t_sum: f64 = households
        .iter()
        .filter(|h| h.value > 0.0)
        .map(|h| (h.value / mean) * (h.value / mean).ln())
        .sum();
    let total = t_sum / n;
    let mut inside = vec![0.0; sums.len()];
    for h in households.iter().filter(|h| h.value > 0.0) {
        let s = sums[h.rt as usize];
        let mean_rt = s.value / s.eligible;
        inside[h.rt as usize] += (h.value / mean_rt) * (h.value / mean_rt).ln();
    }
    let mut between = 0.0;
    let mut within = 0.0;
    let mut per_rt = vec![None; sums.len()];
    for &rt in order {
        let s = sums[rt as usize];
        if s.eligible <= 0.0 || s.value <= 0.0 {
            continue;
        }
        let mean_rt = s.value / s.eligible;
        let t_rt = inside[rt as usize] / s.eligible;
        per_rt[rt as usize] = Some(t_rt);
        let share = s.value / total_value;
        within += share * t_rt;
        between += (s.eligible / n) * (mean_rt / mean) * (mean_rt / mean).ln();
    }
    Some(Theil {
        total,
        between,
        within,
        per_rt,
    })
}

/// Gini of x = value / eligible across groups, each weighted by its eligible
/// count: sum_i sum_j w_i w_j |x_i - x_j| / (2 W^2 mean). `groups` holds
/// (eligible, value). None without eligible households or value.
pub(crate) fn weighted_gini(groups: &[(f64, f64)]) -> Option<f64> {
    let mut g: Vec<(f64, f64, f64)> = groups
        .iter()
        .filter(|(w, _)| *w > 0.0)
        .map(|&(w, v)| (v / w, w, v))
        .collect();
    let weight: f64 = g.iter().map(|x| x.1).sum();
    let value: f64 = g.iter().map(|x| x.2).sum();
    if weight <= 0.0 || value <= 0.0 {
        return None;
    }
    g.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Pairs i < j (ascending x) contribute w_i w_j (x_j - x_i); summed, each
    // group's value enters with (weight below - weight above).
    let mut below = 0.0;
    let mut sum = 0.0;
    for &(_, w, v) in &g {
        let above = weight - below - w;
        sum += v * (below - above);
        below += w;
    }
    Some(sum / (weight * value))
}

/// The concentration curve of (per-capita income, value) pairs: households
/// ranked poorest first (ties in value order, as in the index), the
/// cumulative share of value at `steps` evenly spaced shares of households,
/// from (0, 0) to (1, 1). None when no value was delivered.
pub(crate) fn concentration_curve(
    households: &[(f64, f64)],
    steps: usize,
) -> Option<Vec<(f64, f64)>> {
    let n = households.len();
    let mut sorted: Vec<(f64, f64)> = households.to_vec();
    sorted.sort_by(by_income);
    let total: f64 = sorted.iter().map(|h| h.1).sum();
    if n == 0 || total <= 0.0 || steps == 0 {
        return None;
    }
    let mut cumulative = Vec::with_capacity(n + 1);
    cumulative.push(0.0);
    let mut sum = 0.0;
    for h in &sorted {
        sum += h.1;
        cumulative.push(sum);
    }
    let points = (0..=steps.min(n))
        .map(|k| {
            let i = k * n / steps.min(n);
            (i as f64 / n as f64, cumulative[i] / total)
        })
        .collect();
    Some(points)
}

/// 2 cov(value, r) / mean(value), r the fractional rank by per-capita income
/// (poorest first; tied incomes share their average rank), with the
/// population covariance. `households` holds (per-capita income, value).
pub(crate) fn concentration_index(households: &[(f64, f64)]) -> Option<f64> {
    let n = households.len();
    if n == 0 {
        return None;
    }
    let mut sorted: Vec<(f64, f64)> = households.to_vec();
    sorted.sort_by(by_income);
    let nf = n as f64;
    let mean: f64 = sorted.iter().map(|h| h.1).sum::<f64>() / nf;
    if mean <= 0.0 {
        return None;
    }
    let mut cov = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && sorted[j + 1].0 == sorted[i].0 {
            j += 1;
        }
        // Ranks i+1..=j+1 share their average; fractional rank (R - 0.5) / n.
        let rank = (i + j + 2) as f64 / 2.0;
        let r = (rank - 0.5) / nf;
        for h in &sorted[i..=j] {
            cov += (h.1 - mean) * (r - 0.5);
        }
        i = j + 1;
    }
    cov /= nf;
    Some(2.0 * cov / mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hh(rt: u32, value: f64) -> Household {
        Household {
            rt,
            value,
            reached: value > 0.0,
            per_capita: None,
        }
    }

    #[test]
    fn rts_are_numbered_as_met_and_listed_in_rw_rt_order() {
        let mut rts = Rts::default();
        let met: Vec<u32> = [(2, 1), (1, 10), (2, 1), (1, 2)]
            .into_iter()
            .map(|rt| rts.number(rt))
            .collect();
        assert_eq!(met, [0, 1, 0, 2]);
        let rts = rts.ordered();
        assert_eq!(rts.order, [2, 1, 0]);
        // Only RTs with households in the quarter are listed.
        let h = [hh(0, 5.0), hh(2, 1.0), hh(2, 3.0)];
        let sums = rt_sums(&h, rts.len());
        let listed: Vec<(u32, f64)> = present(&rts, &sums).map(|(n, s)| (n, s.value)).collect();
        assert_eq!(listed, [(2, 4.0), (0, 5.0)]);
    }

    #[test]
    fn gini_by_hand() {
        // Two RTs with one eligible household each, one gets everything.
        assert_eq!(weighted_gini(&[(1.0, 0.0), (1.0, 2.0)]), Some(0.5));
        // Equal value per eligible household: no inequality.
        assert_eq!(weighted_gini(&[(2.0, 200.0), (3.0, 300.0)]), Some(0.0));
        // x = (100, 300) with weights (3, 1): mean 150,
        // sum |xi-xj| wi wj over ordered pairs = 2*3*1*200 = 1200; / (2*16*150) = 0.25.
        assert_eq!(weighted_gini(&[(3.0, 300.0), (1.0, 300.0)]), Some(0.25));
        assert_eq!(weighted_gini(&[(0.0, 0.0)]), None);
    }

    #[test]
    fn theil_by_hand() {
        // Values 0, 2 in RT 1 and 1, 1 in RT 2: mean 1.
        // T = (1/4)(2 ln 2 + 0 + 0) = ln 2 / 2.
        let h = [hh(0, 0.0), hh(0, 2.0), hh(1, 1.0), hh(1, 1.0)];
        let t = theil(&h, &rt_sums(&h, 2), &[0, 1]).unwrap();
        assert!((t.total - 2f64.ln() / 2.0).abs() < 1e-15);
        // Both RTs have mean 1: nothing between, all within.
        assert!(t.between.abs() < 1e-15);
        assert!((t.within - t.total).abs() < 1e-15);
        assert_eq!(t.per_rt[1], Some(0.0));
        let nothing = [hh(0, 0.0)];
        assert!(theil(&nothing, &rt_sums(&nothing, 1), &[0]).is_none());
    }

    #[test]
    fn concentration_curve_by_hand() {
        // Poorest first: values 0, 10, 30, 60 (total 100).
        let hh = [(400.0, 60.0), (100.0, 0.0), (300.0, 30.0), (200.0, 10.0)];
        let curve = concentration_curve(&hh, 4).unwrap();
        assert_eq!(
            curve,
            vec![(0.0, 0.0), (0.25, 0.0), (0.5, 0.1), (0.75, 0.4), (1.0, 1.0)]
        );
        // Two steps over four households keep every second point.
        let half = concentration_curve(&hh, 2).unwrap();
        assert_eq!(half, vec![(0.0, 0.0), (0.5, 0.1), (1.0, 1.0)]);
        assert!(concentration_curve(&[(1.0, 0.0)], 10).is_none());
    }

    #[test]
    fn concentration_by_hand() {
        // Incomes 1,2,3,4 (r = 1/8, 3/8, 5/8, 7/8); all aid to the poorest.
        // mean = 1; cov = (1/4) sum (v - 1)(r - 1/2) = (1/4)(3*(-3/8) + (-1)(-1/8) + (-1)(1/8) + (-1)(3/8))
        //      = (1/4)(-9/8 - 3/8) = -3/8; C = 2 * (-3/8) / 1 = -0.75.
        let c = concentration_index(&[(1.0, 4.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0)]).unwrap();
        assert!((c + 0.75).abs() < 1e-15);
        // Ties share ranks: two households with the same income and equal aid → 0.
        assert_eq!(concentration_index(&[(5.0, 1.0), (5.0, 1.0)]), Some(0.0));
        assert_eq!(concentration_index(&[(5.0, 0.0)]), None);
    }
}
