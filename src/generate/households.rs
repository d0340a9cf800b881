//! The household registry: RW/RT structure, household sizes, welfare
//! deciles and incomes around the poverty line, NIKs, registration dates,
//! and the households that moved or died.

use std::collections::HashSet;

use chrono::Datelike;

use crate::rng::Rng;

use super::profile::Profile;
use super::*;

pub(super) fn make_households(profile: &Profile, n: usize, seed: u64) -> Vec<Household> {
    // RW/RT structure: about 25 households per RT, about 10 RTs per RW,
    // within the contract's 99 RWs and 999 RTs per RW.
    let rts_total = (n as f64 / 25.0).ceil().max(1.0) as usize;
    let rws = rts_total.div_ceil(10).clamp(1, 99);
    let rts_per_rw = rts_total.div_ceil(rws).clamp(1, 999);
    let mut shape = Rng::stream(&[seed, purpose::HOUSEHOLD, u64::MAX]);
    let rt_weights: Vec<f64> = (0..rws * rts_per_rw)
        .map(|_| 0.7 + 0.6 * shape.uniform())
        .collect();
    let total_w: f64 = rt_weights.iter().sum();
    let mut rt_of = Vec::with_capacity(n);
    let mut acc = 0.0;
    let mut k = 0;
    for i in 0..n {
        // household i belongs to the RT whose cumulative weight covers its position
        let pos = (i as f64 + 0.5) / n as f64 * total_w;
        while k + 1 < rt_weights.len() && acc + rt_weights[k] < pos {
            acc += rt_weights[k];
            k += 1;
        }
        rt_of.push(k);
    }

    let pl = profile.poverty_line as f64;
    let mut hs: Vec<Household> = (0..n)
        .map(|i| {
            let mut r = Rng::stream(&[seed, purpose::HOUSEHOLD, i as u64]);
            let members =
                1 + r.weighted(&[0.10, 0.15, 0.21, 0.22, 0.14, 0.09, 0.05, 0.03, 0.01]) as i64;
            let adults = if members == 1 {
                1
            } else {
                (1 + r.weighted(&[0.14, 0.76, 0.10]) as i64).min(members)
            };
            let children = members - adults;
            let elderly = if members == 1 {
                i64::from(r.chance(0.55))
            } else {
                (r.weighted(&[0.72, 0.22, 0.06]) as i64).min(adults)
            };
            let school_age = (0..children).filter(|_| r.chance(0.62)).count() as i64;
            let disabled = i64::from(r.chance(0.05));
            let female_head = if members == 1 {
                r.chance(0.55)
            } else {
                r.chance(if adults == 1 { 0.6 } else { 0.08 })
            };
            let partner = (!female_head && adults >= 2)
                .then(|| format!("{} {}", r.pick(names::FEMALE), r.pick(names::SECOND)));
            let given = if female_head {
                r.pick(names::FEMALE)
            } else {
                r.pick(names::MALE)
            };
            let name = format!("{given} {}", r.pick(names::SECOND));
            let size_adj = (members as f64).powf(-0.12);
            let pci = pl
                * profile.income_median_factor
                * size_adj
                * (profile.income_sigma * r.normal()).exp();
            let zero_income = r.chance(if members == 1 && elderly == 1 {
                0.10
            } else {
                0.012
            });
            let registered_on = if r.chance(0.97) {
                date(2016, 1, 1) + chrono::Days::new(r.range(0, 3499) as u64)
            } else {
                date(2025, 10, 1) + chrono::Days::new(r.range(0, 334) as u64)
            };
            let exit_roll = r.uniform();
            let p_dead = if elderly > 0 { 0.02 } else { 0.003 };
            let status = if exit_roll < 0.02 {
                Status::Moved
            } else if exit_roll < 0.02 + p_dead {
                Status::Deceased
            } else {
                Status::Active
            };
            let exit = (status != Status::Active).then(|| {
                let earliest = registered_on.max(date(2025, 10, 10));
                let span = (date(2026, 9, 20) - earliest).num_days().max(1);
                earliest + chrono::Days::new(r.range(1, span) as u64)
            });
            let (rw, rt) = (rt_of[i] / rts_per_rw + 1, rt_of[i] % rts_per_rw + 1);
            Household {
                id: String::new(),
                nik: None,
                name,
                female_head,
                partner,
                rw: rw as i64,
                rt: rt as i64,
                members,
                children,
                school_age,
                elderly,
                disabled,
                decile: 0,
                registered_on,
                status,
                exit,
                pci,
                zero_income,
            }
        })
        .collect();

    // Welfare deciles come from a proxy-means score: per-capita income seen
    // through noise, ranked, and cut so that poorer deciles are a little more
    // common than in the nation as a whole.
    let mut scores: Vec<(f64, usize)> = hs
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut r = Rng::stream(&[seed, purpose::HOUSEHOLD, i as u64, 1]);
            let y = if h.zero_income { pl * 0.3 } else { h.pci };
            (y.ln() + 0.3 * r.normal(), i)
        })
        .collect();
    scores.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let shares = [0.13, 0.12, 0.12, 0.11, 0.10, 0.10, 0.09, 0.08, 0.08, 0.07];
    let mut cut = Vec::new();
    let mut c = 0.0;
    for s in shares {
        c += s;
        cut.push(c);
    }
    for (rank, (_, i)) in scores.iter().enumerate() {
        let q = (rank as f64 + 0.5) / n as f64;
        hs[*i].decile = 1 + cut.iter().position(|&c| q < c).unwrap_or(9) as i64;
    }

    // Family-card (KK) numbers and head NIKs: region digits, a date, a serial.
    let mut seen = HashSet::new();
    for (i, h) in hs.iter_mut().enumerate() {
        let mut r = Rng::stream(&[seed, purpose::IDS, i as u64]);
        loop {
            let issued = date(2005, 1, 1) + chrono::Days::new(r.range(0, 7600) as u64);
            let kk = format!(
                "{}{:02}{:02}{:02}{:04}",
                profile.region_digits,
                issued.day(),
                issued.month(),
                issued.year() % 100,
                r.range(1, 9999)
            );
            if seen.insert(kk.clone()) {
                h.id = kk;
                break;
            }
        }
        if r.chance(0.96) {
            loop {
                let born = date(1940, 1, 1) + chrono::Days::new(r.range(0, 22000) as u64);
                let day = born.day() + if h.female_head { 40 } else { 0 };
                let nik = format!(
                    "{}{:02}{:02}{:02}{:04}",
                    profile.region_digits,
                    day,
                    born.month(),
                    born.year() % 100,
                    r.range(1, 9999)
                );
                if seen.insert(nik.clone()) {
                    h.nik = Some(nik);
                    break;
                }
            }
        }
    }
    hs
}
