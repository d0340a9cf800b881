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
//! A resample's sums are taken as (times drawn) × value in household order
//! rather than in the order of the draws: the same draws, with sequential
//! instead of random reads of a group too large for the processor's caches;
//! the sums differ from draw-order sums only by floating-point rounding.

use rayon::prelude::*;

use crate::rng::Rng;

/// Resamples per interval.
pub(crate) const RESAMPLES: usize = 2000;
/// The fixed seed of every interval.
pub(crate) const SEED: u64 = 0x7061_6e74_6175;

/// One household of a follow-up round: income at the round and change since baseline.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Obs {
    pub income: f64,
    pub change: f64,
}

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
        .fold((0.0, 0.0), |(i, c), o| (i + o.income, c + o.change));
    (i / n, c / n)
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

/// How often each household is drawn in one resample, kept in bytes so the
/// counts of a million households stay in the processor's caches; the rare
/// household drawn more than 255 times has its further draws listed in
/// `extra`.
#[derive(Default)]
struct Tally {
    counts: Vec<u8>,
    extra: Vec<usize>,
}

impl Tally {
    fn count(&mut self, n: usize, draws: impl Iterator<Item = usize>) {
        self.counts.clear();
        self.counts.resize(n, 0);
        self.extra.clear();
        for j in draws {
            let c = &mut self.counts[j];
            if *c == u8::MAX {
                self.extra.push(j);
            } else {
                *c += 1;
            }
        }
    }

    /// Sums of income and change over the draws, as count × value in
    /// household order: sequential reads instead of one random read per draw.
    fn sums(&self, obs: &[Obs]) -> (f64, f64) {
        let (mut i, mut c) = (0.0, 0.0);
        for (&k, o) in self.counts.iter().zip(obs) {
            let k = f64::from(k);
            i += k * o.income;
            c += k * o.change;
        }
        for &j in &self.extra {
            i += obs[j].income;
            c += obs[j].change;
        }
        (i, c)
    }
}

/// The means of one resample of `obs`: `obs.len()` households drawn with
/// replacement.
fn draw_means(rng: &mut Rng, tally: &mut Tally, obs: &[Obs]) -> (f64, f64) {
    let n = obs.len();
    tally.count(n, (0..n).map(|_| rng.below(n)));
    let (i, c) = tally.sums(obs);
    (i / n as f64, c / n as f64)
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
    let stats: Vec<(f64, f64)> = (0..resamples)
        .into_par_iter()
        .map_init(Tally::default, |tally, b| {
            let mut rng = Rng::stream(&[SEED, key, b as u64]);
            let (ti, tc) = draw_means(&mut rng, tally, trained);
            let (ui, uc) = draw_means(&mut rng, tally, untrained);
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

    fn obs(values: &[(f64, f64)]) -> Vec<Obs> {
        values
            .iter()
            .map(|&(income, change)| Obs { income, change })
            .collect()
    }

    #[test]
    fn counted_draws_sum_like_the_draws_themselves() {
        let obs: Vec<Obs> = (0..1000)
            .map(|j| Obs {
                income: 1000.0 + f64::from(j) * 7.25,
                change: f64::from(j % 13) - 6.5,
            })
            .collect();
        let mut tally = Tally::default();
        let (mi, mc) = draw_means(&mut Rng::stream(&[1, 2, 3]), &mut tally, &obs);
        let mut rng = Rng::stream(&[1, 2, 3]);
        let (mut i, mut c) = (0.0, 0.0);
        for _ in 0..obs.len() {
            let o = obs[rng.below(obs.len())];
            i += o.income;
            c += o.change;
        }
        let n = obs.len() as f64;
        assert!((mi - i / n).abs() <= 1e-9 * (i / n).abs());
        assert!((mc - c / n).abs() <= 1e-9);
        assert_eq!(
            tally.counts.iter().map(|&k| usize::from(k)).sum::<usize>(),
            1000
        );
    }

    #[test]
    fn draws_past_255_of_one_household_still_count() {
        let obs = obs(&[(2.0, 1.0), (5.0, -1.0)]);
        let mut tally = Tally::default();
        tally.count(2, std::iter::repeat_n(0, 300).chain([1]));
        assert_eq!(tally.counts, [255, 1]);
        assert_eq!(tally.extra.len(), 45);
        assert_eq!(tally.sums(&obs), (300.0 * 2.0 + 5.0, 300.0 - 1.0));
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
        let t = obs(&[(300.0, 50.0), (300.0, 50.0)]);
        let u = obs(&[(100.0, 10.0), (100.0, 10.0), (100.0, 10.0)]);
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
        let t = obs(&[(5.0, 1.0), (9.0, 4.0), (2.0, -3.0), (7.0, 2.0)]);
        let u = obs(&[(1.0, 0.0), (3.0, 1.0), (4.0, -1.0)]);
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
