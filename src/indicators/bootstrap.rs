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
//! integer sums and do not depend on the order they are taken in. A group
//! that fits the processor's caches adds each drawn household as it is
//! drawn; a larger one counts how often each household is drawn and sums
//! (times drawn) × value in household order, with sequential instead of
//! random reads. Both give the same sums, hence the same interval.

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

/// The largest group whose draws are added as they are drawn (its values
/// stay in the processor's caches); larger groups are counted ([`Tally`]).
const DIRECT: usize = 1 << 16;

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
    fn sums(&self, obs: &[Obs]) -> (i64, i64) {
        let (mut i, mut c) = (0i64, 0i64);
        for (&k, o) in self.counts.iter().zip(obs) {
            let k = i64::from(k);
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
    let (i, c) = if n <= DIRECT {
        let (mut i, mut c) = (0i64, 0i64);
        for _ in 0..n {
            let o = &obs[rng.below(n)];
            i += o.income;
            c += o.change;
        }
        (i, c)
    } else {
        tally.count(n, (0..n).map(|_| rng.below(n)));
        tally.sums(obs)
    };
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

    fn obs(values: &[(i64, i64)]) -> Vec<Obs> {
        values
            .iter()
            .map(|&(income, change)| Obs { income, change })
            .collect()
    }

    #[test]
    fn counted_draws_sum_exactly_like_the_draws_themselves() {
        // Large rupiah values, where a floating-point sum would round.
        let obs: Vec<Obs> = (0..DIRECT as i64 + 1000)
            .map(|j| Obs {
                income: 9_000_000_000 + j * 7_919,
                change: (j % 13) * 1_000_003 - 6_500_000,
            })
            .collect();
        let mut rng = Rng::stream(&[1, 2, 3]);
        let mut tally = Tally::default();
        tally.count(obs.len(), (0..obs.len()).map(|_| rng.below(obs.len())));
        let counted = tally.sums(&obs);
        let mut rng = Rng::stream(&[1, 2, 3]);
        let (mut i, mut c) = (0i64, 0i64);
        for _ in 0..obs.len() {
            let o = obs[rng.below(obs.len())];
            i += o.income;
            c += o.change;
        }
        assert_eq!(counted, (i, c));
        assert_eq!(
            tally.counts.iter().map(|&k| usize::from(k)).sum::<usize>() + tally.extra.len(),
            obs.len()
        );
        // The large group is counted, a small one drawn directly: the means
        // are those of the same draws either way.
        let n = obs.len() as f64;
        let counted_means = draw_means(&mut Rng::stream(&[1, 2, 3]), &mut tally, &obs);
        assert_eq!(counted_means, (i as f64 / n, c as f64 / n));
        let small = &obs[..500];
        let direct = draw_means(&mut Rng::stream(&[4]), &mut tally, small);
        let mut rng = Rng::stream(&[4]);
        tally.count(500, (0..500).map(|_| rng.below(500)));
        let (si, sc) = tally.sums(small);
        assert_eq!(direct, (si as f64 / 500.0, sc as f64 / 500.0));
    }

    #[test]
    fn draws_past_255_of_one_household_still_count() {
        let obs = obs(&[(2, 1), (5, -1)]);
        let mut tally = Tally::default();
        tally.count(2, std::iter::repeat_n(0, 300).chain([1]));
        assert_eq!(tally.counts, [255, 1]);
        assert_eq!(tally.extra.len(), 45);
        assert_eq!(tally.sums(&obs), (300 * 2 + 5, 300 - 1));
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
