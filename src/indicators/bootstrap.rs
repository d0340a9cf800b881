//! Percentile-bootstrap confidence intervals for the training impact
//! estimates (simple difference and difference in differences).
//!
//! Each resample draws, with replacement, as many trained households from the
//! trained as there are, and as many untrained from the untrained (stratified
//! by group). Resample `b` takes its random numbers from its own stream keyed
//! by (seed, round label, b), so the resamples can run in parallel with rayon
//! and the interval is the same on any number of threads. The interval is the
//! 2.5th and 97.5th percentile of the resampled statistics, with linear
//! interpolation between order statistics (R's type 7).
//!
//! Incomes and changes are whole rupiah, so a resample's sums are exact
//! integer sums and do not depend on the order they are taken in.
//!
//! A group of more than [`DRAWN`] households (a registry extract, never a
//! village) is not drawn household by household: the means of a resample
//! of that many households follow their normal limit, with the group's
//! means, variances and covariance of income and change (computed exactly
//! from integer sums), so its resample means are drawn from that bivariate
//! normal, two random numbers per resample instead of one per household.

use rayon::prelude::*;

use crate::rng::Rng;

/// Resamples per interval.
pub(crate) const RESAMPLES: usize = 2000;
/// The fixed seed of every interval.
pub(crate) const SEED: u64 = 0x7061_6e74_6175;

/// One household of a follow-up round: income at the round and change
/// since baseline, in whole rupiah. Each is at most the contract's largest
/// household amount in size, so the sums of up to 9 × 10^8 draws fit an i64.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Obs {
    pub income: i64,
    pub change: i64,
}

/// The largest group drawn household by household; a larger group's
/// resample means are drawn from their normal limit ([`Group::Normal`]).
const DRAWN: usize = 1 << 16;

/// Both impact estimates from group means.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Impact {
    /// Mean income of the trained minus mean income of the untrained.
    pub simple_diff: f64,
    /// Mean change of the trained minus mean change of the untrained.
    pub did: f64,
}

fn means(obs: &[Obs]) -> (f64, f64) {
    let n = obs.len() as f64;
    let (i, c) = obs
        .iter()
        .fold((0i64, 0i64), |(i, c), o| (i + o.income, c + o.change));
    (i as f64 / n, c as f64 / n)
}

/// The point estimates; None when either group is empty.
pub(crate) fn impact(trained: &[Obs], untrained: &[Obs]) -> Option<Impact> {
    if trained.is_empty() || untrained.is_empty() {
        return None;
    }
    let (ti, tc) = means(trained);
    let (ui, uc) = means(untrained);
    Some(Impact {
        simple_diff: ti - ui,
        did: tc - uc,
    })
}

/// A stream label for a round, so a round's interval does not depend on
/// which other rounds the data holds.
fn label_key(label: &str) -> u64 {
    label.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One group of households as a resample draws it.
enum Group<'a> {
    /// Drawn with replacement, household by household.
    Drawn(&'a [Obs]),
    /// The bootstrap distribution of the group's two means, by its normal
    /// limit: mean income `mi + a·z1` and mean change `mc + b·z1 + c·z2` for
    /// two standard normal numbers z1, z2 (the Cholesky factor of the
    /// covariance of the means, the group's covariance over n).
    Normal {
        mi: f64,
        mc: f64,
        a: f64,
        b: f64,
        c: f64,
    },
}

impl Group<'_> {
    fn of(obs: &[Obs]) -> Group<'_> {
        if obs.len() <= DRAWN {
            return Group::Drawn(obs);
        }
        // n² times the variances and the covariance, exact in integers:
        // n·Σxy − Σx·Σy. Values are at most 10^10, so the sums of squares
        // of a billion households stay far inside an i128.
        let n = obs.len() as i128;
        let (mut si, mut sc, mut sii, mut scc, mut sic) = (0i128, 0i128, 0i128, 0i128, 0i128);
        for o in obs {
            let (i, c) = (i128::from(o.income), i128::from(o.change));
            si += i;
            sc += c;
            sii += i * i;
            scc += c * c;
            sic += i * c;
        }
        let n2 = (n * n) as f64;
        let nf = n as f64;
        // Covariances of the two means: the group's (population) covariance
        // over n.
        let vii = (n * sii - si * si) as f64 / n2 / nf;
        let vcc = (n * scc - sc * sc) as f64 / n2 / nf;
        let vic = (n * sic - si * sc) as f64 / n2 / nf;
        let a = vii.sqrt();
        let b = if a > 0.0 { vic / a } else { 0.0 };
        let c = (vcc - b * b).max(0.0).sqrt();
        Group::Normal {
            mi: si as f64 / nf,
            mc: sc as f64 / nf,
            a,
            b,
            c,
        }
    }

    /// The means of one resample.
    fn draw_means(&self, rng: &mut Rng) -> (f64, f64) {
        match *self {
            Group::Drawn(obs) => draw_means(rng, obs),
            Group::Normal { mi, mc, a, b, c } => {
                let (z1, z2) = (rng.normal(), rng.normal());
                (mi + a * z1, mc + b * z1 + c * z2)
            }
        }
    }
}

/// The means of one resample of `obs`: `obs.len()` households drawn with
/// replacement.
fn draw_means(rng: &mut Rng, obs: &[Obs]) -> (f64, f64) {
    let n = obs.len();
    let (mut i, mut c) = (0i64, 0i64);
    for _ in 0..n {
        let o = &obs[rng.below(n)];
        i += o.income;
        c += o.change;
    }
    (i as f64 / n as f64, c as f64 / n as f64)
}

/// 95% percentile-bootstrap intervals of (simple difference, difference in
/// differences); None when either group is empty.
pub(crate) fn intervals(
    label: &str,
    trained: &[Obs],
    untrained: &[Obs],
    resamples: usize,
) -> Option<((f64, f64), (f64, f64))> {
    if trained.is_empty() || untrained.is_empty() || resamples == 0 {
        return None;
    }
    let key = label_key(label);
    let (trained, untrained) = (Group::of(trained), Group::of(untrained));
    let stats: Vec<(f64, f64)> = (0..resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = Rng::stream(&[SEED, key, b as u64]);
            let (ti, tc) = trained.draw_means(&mut rng);
            let (ui, uc) = untrained.draw_means(&mut rng);
            (ti - ui, tc - uc)
        })
        .collect();
    let mut simple: Vec<f64> = stats.iter().map(|s| s.0).collect();
    let mut did: Vec<f64> = stats.iter().map(|s| s.1).collect();
    Some((
        percentile_interval(&mut simple),
        percentile_interval(&mut did),
    ))
}

fn percentile_interval(values: &mut [f64]) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    (quantile(values, 0.025), quantile(values, 0.975))
}

/// The median of `values` as [`quantile`] gives it at 0.5 once they are
/// sorted (the mean of the two middle values of an even count, by the same
/// arithmetic), found by selecting the middle values instead of sorting
/// them all; `values` are left reordered. None when there are none.
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    let h = values.len().checked_sub(1)? as f64 * 0.5;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    let (_, low, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let low = *low;
    let high = if hi == lo {
        low
    } else {
        // The values above the lower middle one: their least is the next.
        *above.iter().min_by(|a, b| a.total_cmp(b))?
    };
    Some(low + (h - lo as f64) * (high - low))
}

/// Quantile of sorted values with linear interpolation (type 7).
pub(crate) fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(values: &[(i64, i64)]) -> Vec<Obs> {
        values
            .iter()
            .map(|&(income, change)| Obs { income, change })
            .collect()
    }

    /// Intervals by drawing every household of both groups, whatever
    /// their size: the exact percentile bootstrap.
    fn drawn_intervals(t: &[Obs], u: &[Obs], label: &str) -> ((f64, f64), (f64, f64)) {
        let key = label_key(label);
        let stats: Vec<(f64, f64)> = (0..RESAMPLES)
            .into_par_iter()
            .map(|b| {
                let mut rng = Rng::stream(&[SEED, key, b as u64]);
                let (ti, tc) = draw_means(&mut rng, t);
                let (ui, uc) = draw_means(&mut rng, u);
                (ti - ui, tc - uc)
            })
            .collect();
        let mut simple: Vec<f64> = stats.iter().map(|s| s.0).collect();
        let mut did: Vec<f64> = stats.iter().map(|s| s.1).collect();
        (
            percentile_interval(&mut simple),
            percentile_interval(&mut did),
        )
    }

    /// A skewed, registry-sized group: incomes from a lognormal-like
    /// spread with a long right tail, changes correlated with them.
    fn skewed(n: usize, seed: u64) -> Vec<Obs> {
        let mut rng = Rng::stream(&[seed]);
        (0..n)
            .map(|_| {
                let z = rng.normal();
                let income = (1_500_000.0 * (0.8 * z).exp()).round() as i64;
                let change = (0.1 * income as f64 + 300_000.0 * rng.normal()).round() as i64;
                Obs { income, change }
            })
            .collect()
    }

    #[test]
    fn groups_up_to_the_limit_are_drawn_household_by_household() {
        let t = skewed(300, 1);
        let u = skewed(DRAWN, 2);
        assert!(matches!(Group::of(&u), Group::Drawn(_)));
        assert_eq!(
            intervals("2026-Q1", &t, &u, RESAMPLES).unwrap(),
            drawn_intervals(&t, &u, "2026-Q1")
        );
    }

    /// Past the limit the normal limit replaces the draws: on a group of
    /// 70,000 skewed incomes its intervals agree with the exact bootstrap
    /// within a twentieth of the interval's width (the Monte Carlo error
    /// of 2,000 resamples is of that order).
    #[test]
    fn the_normal_limit_matches_the_drawn_bootstrap_past_the_limit() {
        let t = skewed(2_000, 3);
        let u = skewed(70_000, 4);
        let Group::Normal { mi, mc, a, b, c } = Group::of(&u) else {
            panic!("a group past the limit is not drawn");
        };
        let (ui, uc) = means(&u);
        assert!((mi - ui).abs() < 1e-6 && (mc - uc).abs() < 1e-6);
        // The variance of the mean income is the group's over n.
        let n = u.len() as f64;
        let var = u
            .iter()
            .map(|o| (o.income as f64 - ui).powi(2))
            .sum::<f64>()
            / n;
        assert!((a * a - var / n).abs() / (var / n) < 1e-9, "{a}");
        assert!(b > 0.0 && c > 0.0);
        let ((lo, hi), (dlo, dhi)) = intervals("2026-Q1", &t, &u, RESAMPLES).unwrap();
        let ((elo, ehi), (edlo, edhi)) = drawn_intervals(&t, &u, "2026-Q1");
        for (x, y, width) in [
            (lo, elo, ehi - elo),
            (hi, ehi, ehi - elo),
            (dlo, edlo, edhi - edlo),
            (dhi, edhi, edhi - edlo),
        ] {
            assert!(
                (x - y).abs() < width / 20.0,
                "{x} against {y}, width {width}"
            );
        }
    }

    /// The median by selection is the median of the sorted values, to the
    /// bit, for odd and even counts, repeats and negative values.
    #[test]
    fn the_median_by_selection_is_the_sorted_median() {
        let mut rng = crate::rng::Rng::stream(&[7]);
        for n in 0..60 {
            let values: Vec<f64> = (0..n)
                .map(|_| (rng.range(0, 40) as f64 - 20.0) * 12_345.0)
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let expected = (!sorted.is_empty()).then(|| quantile(&sorted, 0.5));
            let mut shuffled = values;
            assert_eq!(
                median(&mut shuffled).map(f64::to_bits),
                expected.map(f64::to_bits),
                "{n}"
            );
        }
        assert_eq!(median(&mut [3.0, -100.0, 300.0, 500.0]), Some(151.5));
    }

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.025) - 1.1).abs() < 1e-12);
        assert!((quantile(&v, 0.975) - 4.9).abs() < 1e-12);
    }

    #[test]
    fn constant_groups_give_a_point_interval() {
        let t = obs(&[(300, 50), (300, 50)]);
        let u = obs(&[(100, 10), (100, 10), (100, 10)]);
        let imp = impact(&t, &u).unwrap();
        assert_eq!(
            imp,
            Impact {
                simple_diff: 200.0,
                did: 40.0
            }
        );
        let ((a, b), (c, d)) = intervals("r", &t, &u, 50).unwrap();
        assert_eq!((a, b, c, d), (200.0, 200.0, 40.0, 40.0));
        assert!(intervals("r", &t, &[], 50).is_none());
    }

    #[test]
    fn same_input_same_interval_on_any_pool() {
        let t = obs(&[(5, 1), (9, 4), (2, -3), (7, 2)]);
        let u = obs(&[(1, 0), (3, 1), (4, -1)]);
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let two = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let a = one.install(|| intervals("2026-Q1", &t, &u, RESAMPLES));
        let b = two.install(|| intervals("2026-Q1", &t, &u, RESAMPLES));
        assert_eq!(a, b);
        let ((lo, hi), (dlo, dhi)) = a.unwrap();
        let imp = impact(&t, &u).unwrap();
        assert!(lo <= imp.simple_diff && imp.simple_diff <= hi);
        assert!(dlo <= imp.did && imp.did <= dhi);
    }
}
