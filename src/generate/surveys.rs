//! The survey rounds of a generated site: a baseline, then a follow-up
//! round at the end of every quarter, with incomes that move with the
//! economy, training gains for those who completed a course, school
//! attendance and food insecurity.

use anyhow::Result;
use chrono::NaiveDate;

use super::write::{close, put, round_to, table, Csv};
use super::{date, purpose, Household, World, ROUNDS};
use crate::config::AidType;
use crate::contract::Table;
use crate::rng::Rng;

/// One household's answers in one survey round.
struct Answers {
    income: i64,
    expenditure: i64,
    in_school: i64,
    business: bool,
    food_insecure: bool,
}

pub(super) fn surveys(world: &World, dir: &std::path::Path) -> Result<()> {
    let mut w = table(dir, Table::Surveys)?;
    let pl = world.profile.poverty_line as f64;
    let scholarship: Vec<usize> = world
        .profile
        .programs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.aid_type == AidType::Scholarship)
        .map(|(p, _)| p)
        .collect();
    let food: Vec<usize> = world
        .profile
        .programs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.aid_type == AidType::Goods)
        .map(|(p, _)| p)
        .collect();
    let baseline_day = date(2025, 8, 4);
    let write_row = |w: &mut Csv, h: &Household, round: &str, day: NaiveDate, a: &Answers| {
        put(
            w,
            [
                &h.id,
                round,
                &day.to_string(),
                &a.income.to_string(),
                &a.expenditure.to_string(),
                &a.in_school.to_string(),
                &a.business.to_string(),
                &a.food_insecure.to_string(),
            ],
        )
    };
    let food_risk = |pci: f64| 0.65 / (1.0 + ((pci - 0.9 * pl) / (0.25 * pl)).exp());
    // Enrollments by household, so each survey row finds its courses directly.
    let mut courses: Vec<Vec<usize>> = vec![Vec::new(); world.households.len()];
    for (k, e) in world.enrollments.iter().enumerate() {
        courses[e.household].push(k);
    }
    let mut baseline: Vec<Option<Answers>> = Vec::with_capacity(world.households.len());
    for (i, h) in world.households.iter().enumerate() {
        let mut r = Rng::stream(&[world.seed, purpose::SURVEY, i as u64, 0]);
        let day = baseline_day + chrono::Days::new(r.range(0, 52) as u64);
        if !(h.registered_on <= day && r.chance(0.98)) {
            baseline.push(None);
            continue;
        }
        let income = if h.zero_income {
            0
        } else {
            round_to(
                h.pci * h.members as f64 * (0.1 * r.normal()).exp(),
                10_000.0,
            )
        };
        let floor = 350_000.0 * (h.members as f64).powf(0.7);
        let expenditure = round_to(
            (income as f64 * (0.78 + 0.35 * r.uniform())).max(floor),
            10_000.0,
        );
        let p_school = (0.78 + 0.017 * h.decile as f64).min(0.97);
        let a = Answers {
            income,
            expenditure,
            in_school: (0..h.school_age).filter(|_| r.chance(p_school)).count() as i64,
            business: r.chance(0.18),
            food_insecure: r.chance(food_risk(if h.zero_income { 0.0 } else { h.pci })),
        };
        write_row(&mut w, h, "baseline", day, &a)?;
        baseline.push(Some(a));
    }
    for (k, round) in ROUNDS.iter().enumerate() {
        let (y, m, d) = round.start;
        let (start, spread, trend) = (date(y, m, d), round.days, round.trend);
        for (i, h) in world.households.iter().enumerate() {
            let mut r = Rng::stream(&[world.seed, purpose::SURVEY, i as u64, k as u64 + 1]);
            let day = start + chrono::Days::new(r.range(0, spread) as u64);
            if !h.active_on(day) || !r.chance(0.95) {
                continue;
            }
            // Training gains: completers earn more once the course has had time to work.
            let mut gain = 0.0;
            let mut started_business = false;
            for e in world
                .enrollments
                .iter()
                .filter(|e| e.household == i && e.started_on < day)
            {
                let days = (day - e.started_on).num_days() as f64;
                let ramp = ((days - 20.0) / 120.0).clamp(0.25, 1.0);
                if e.completed {
                    gain += ramp * (380_000.0 + if e.business_started { 260_000.0 } else { 0.0 });
                    started_business |= e.business_started;
                } else {
                    gain += ramp * 60_000.0;
                }
            }
            let shock = (trend + 0.15 * r.normal()).exp();
            let (income, base_school, base_business) = match &baseline[i] {
                Some(b) if b.income == 0 && r.chance(0.7) => (0.0, b.in_school, b.business),
                Some(b) => (
                    (b.income.max(300_000) as f64) * shock,
                    b.in_school,
                    b.business,
                ),
                None => {
                    let inc = if h.zero_income {
                        0.0
                    } else {
                        h.pci * h.members as f64 * shock
                    };
                    (inc, 0, false)
                }
            };
            let income = round_to(income + gain * (0.8 + 0.4 * r.uniform()), 10_000.0).max(0);
            let floor = 350_000.0 * (h.members as f64).powf(0.7);
            let expenditure = round_to(
                (income as f64 * (0.78 + 0.35 * r.uniform())).max(floor),
                10_000.0,
            );
            let has_scholarship = scholarship.iter().any(|&p| world.members[p][i].is_some());
            let p_school =
                (0.78 + 0.017 * h.decile as f64 + if has_scholarship { 0.1 } else { 0.0 })
                    .min(0.98);
            let in_school = if baseline[i].is_some() {
                // Children stay in school; some out-of-school children return.
                let out = h.school_age - base_school;
                (base_school + (0..out).filter(|_| r.chance(p_school - 0.7)).count() as i64)
                    .min(h.school_age)
            } else {
                (0..h.school_age).filter(|_| r.chance(p_school)).count() as i64
            };
            let gets_food = food.iter().any(|&p| world.members[p][i].is_some());
            let pci = income as f64 / h.members as f64;
            let a = Answers {
                income,
                expenditure,
                in_school,
                business: base_business || started_business || r.chance(0.02),
                food_insecure: r.chance(food_risk(pci) * if gets_food { 0.6 } else { 1.0 }),
            };
            write_row(&mut w, h, round.label, day, &a)?;
        }
    }
    close(w)
}
