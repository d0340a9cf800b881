//! Synthetic sites: realistic, reproducible, and clearly labelled as synthetic.
//!
//! A site covers four fiscal quarters (2025-Q4 to 2026-Q3, fiscal year from
//! January): a household registry with RW/RT structure and welfare deciles, a
//! baseline survey in August–September 2025 and a follow-up round at the end
//! of every quarter (`2025-Q4` to `2026-Q3`), monthly deliveries of each program, training cohorts each
//! quarter whose completers gain more income than others, a budget with
//! several funders, and community feedback. A few problems an auditor should
//! find are planted on purpose and listed in `planted_problems.csv`.
//!
//! Every random draw comes from a stream keyed by (seed, purpose, household,
//! month, ...), so the output is byte-identical for the same seed and does not
//! depend on iteration order.

mod names;
pub(crate) mod profile;
mod write;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::rng::Rng;
pub use profile::{Profile, ProfileName};
use profile::{ProgramDef, Schedule};

/// Purposes of random streams (the second key part).
mod purpose {
    pub const HOUSEHOLD: u64 = 1;
    pub const MEMBERSHIP: u64 = 2;
    pub const DELIVERY: u64 = 3;
    pub const TRAINING: u64 = 4;
    pub const SURVEY: u64 = 5;
    pub const BUDGET: u64 = 6;
    pub const FEEDBACK: u64 = 7;
    pub const PLANT: u64 = 8;
    pub const IDS: u64 = 9;
}

/// Months covered: October 2025 (index 0) to September 2026 (index 11).
pub(crate) const MONTHS: usize = 12;
/// A follow-up survey round: label, first day, days of fieldwork, income trend.
pub(crate) struct Round {
    pub label: &'static str,
    pub start: (i32, u32, u32),
    pub days: i64,
    pub trend: f64,
}

pub(crate) const ROUNDS: [Round; 4] = [
    Round {
        label: "2025-Q4",
        start: (2025, 12, 1),
        days: 20,
        trend: 0.005,
    },
    Round {
        label: "2026-Q1",
        start: (2026, 3, 2),
        days: 25,
        trend: 0.012,
    },
    Round {
        label: "2026-Q2",
        start: (2026, 6, 1),
        days: 24,
        trend: 0.02,
    },
    Round {
        label: "2026-Q3",
        start: (2026, 9, 1),
        days: 24,
        trend: 0.03,
    },
];
const COHORT_STARTS: [(i32, u32, u32); 4] =
    [(2025, 10, 13), (2026, 1, 12), (2026, 4, 13), (2026, 7, 13)];

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// (year, month) of month index `m`.
pub(crate) fn month_of(m: usize) -> (i32, u32) {
    if m < 3 {
        (2025, 10 + m as u32)
    } else {
        (2026, m as u32 - 2)
    }
}

fn month_start(m: usize) -> NaiveDate {
    let (y, mo) = month_of(m);
    date(y, mo, 1)
}

fn first_day_after(m: usize) -> NaiveDate {
    if m + 1 < MONTHS {
        month_start(m + 1)
    } else {
        date(2026, 10, 1)
    }
}

/// The date the data were "extracted": nothing happens after it.
fn extraction_date() -> NaiveDate {
    date(2026, 10, 5)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Active,
    Moved,
    Deceased,
}

/// One synthetic household.
#[derive(Debug, Clone)]
pub(crate) struct Household {
    pub id: String,
    pub nik: Option<String>,
    pub name: String,
    pub female_head: bool,
    pub partner: Option<String>,
    pub rw: i64,
    pub rt: i64,
    pub members: i64,
    pub children: i64,
    pub school_age: i64,
    pub elderly: i64,
    pub disabled: i64,
    pub decile: i64,
    pub registered_on: NaiveDate,
    pub status: Status,
    pub exit: Option<NaiveDate>,
    /// Per-capita monthly income at baseline (rupiah).
    pub pci: f64,
    pub zero_income: bool,
}

impl Household {
    /// Active on `day`: registered by then and not yet moved or deceased.
    fn active_on(&self, day: NaiveDate) -> bool {
        self.registered_on <= day && self.exit.is_none_or(|e| day < e)
    }
}

/// One row of the ledger before ids are given.
struct Delivery {
    date: NaiveDate,
    household: usize,
    program: usize,
    value: i64,
    quantity: Option<f64>,
    unit: Option<&'static str>,
    status: &'static str,
    local: Option<bool>,
    eco: Option<bool>,
    planted: Option<&'static str>,
}

struct Enrollment {
    household: usize,
    name: String,
    female: bool,
    course: usize,
    started_on: NaiveDate,
    sessions_total: i64,
    sessions_attended: i64,
    completed: bool,
    business_started: bool,
}

/// A planted problem, for `planted_problems.csv`.
struct Planted {
    flag: &'static str,
    table: &'static str,
    key: String,
    detail: String,
}

struct World<'a> {
    profile: &'a Profile,
    seed: u64,
    households: Vec<Household>,
    /// members[p][h]: household h is on program p's list from month index.
    members: Vec<Vec<Option<usize>>>,
    enrollments: Vec<Enrollment>,
    planted: Vec<Planted>,
    /// Planted ineligible members of the cash program: household → last month paid.
    planted_until: BTreeMap<usize, usize>,
    /// Planted payments after exit: household → month index of the payment.
    paid_after_exit: BTreeMap<usize, usize>,
}

/// Writes a synthetic site for `profile` to `out`.
pub fn generate(
    profile: &Profile,
    households: usize,
    seed: u64,
    out: &Path,
    force: bool,
) -> Result<()> {
    if households == 0 {
        return Err(crate::problem::InvalidInput("--households must be at least 1".into()).into());
    }
    if out.exists() && !force {
        return Err(crate::problem::InvalidInput(format!(
            "{} already exists; choose another --out or add --force to replace it",
            out.display()
        ))
        .into());
    }
    let mut world = World {
        profile,
        seed,
        households: make_households(profile, households, seed),
        members: Vec::new(),
        enrollments: Vec::new(),
        planted: Vec::new(),
        planted_until: BTreeMap::new(),
        paid_after_exit: BTreeMap::new(),
    };
    world.members = profile
        .programs
        .iter()
        .enumerate()
        .map(|(p, def)| membership(&world, p, def))
        .collect();
    world.enrollments = enrollments(&world);
    plant_registry_problems(&mut world);
    write::site(&mut world, out)
}

// ---------------------------------------------------------------- households

fn make_households(profile: &Profile, n: usize, seed: u64) -> Vec<Household> {
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

// ------------------------------------------------------------------ programs

/// The month index from which a household is on a program's list, if at all.
fn membership(world: &World, p: usize, def: &ProgramDef) -> Vec<Option<usize>> {
    world
        .households
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if matches!(def.schedule, Schedule::PerEnrollment) {
                return None;
            }
            let mut r = Rng::stream(&[world.seed, purpose::MEMBERSHIP, p as u64, i as u64]);
            let chosen = if (def.eligible)(h) {
                r.chance(def.coverage)
            } else {
                (def.near_miss)(h) && r.chance(def.leakage)
            };
            if !chosen {
                return None;
            }
            // On the list from the month after registration (or from the start).
            (0..MONTHS).find(|&m| h.registered_on < month_start(m))
        })
        .collect()
}

// ------------------------------------------------------------------ training

fn enrollments(world: &World) -> Vec<Enrollment> {
    let profile = world.profile;
    let Some(program) = profile.program(profile.training_program) else {
        return Vec::new();
    };
    let n = world.households.len() as f64;
    let mut out = Vec::new();
    for (q, &(y, m, d)) in COHORT_STARTS.iter().enumerate() {
        let start = date(y, m, d);
        let candidates: Vec<usize> = (0..world.households.len())
            .filter(|&i| {
                (program.eligible)(&world.households[i]) && world.households[i].active_on(start)
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        for (c, course) in profile.courses.iter().enumerate() {
            let mut cr = Rng::stream(&[world.seed, purpose::TRAINING, q as u64, c as u64]);
            let expected =
                (n / 1000.0 * profile.enrollment_rate * course.weight * (0.8 + 0.4 * cr.uniform()))
                    .max(1.0);
            let p = (expected / candidates.len() as f64).min(1.0);
            for &i in &candidates {
                let mut r =
                    Rng::stream(&[world.seed, purpose::TRAINING, q as u64, c as u64, i as u64]);
                if !r.chance(p) {
                    continue;
                }
                let h = &world.households[i];
                let female = r.chance(profile.women_share);
                let name = if female {
                    if h.female_head {
                        h.name.clone()
                    } else {
                        h.partner.clone().unwrap_or_else(|| {
                            format!("{} {}", r.pick(names::FEMALE), r.pick(names::SECOND))
                        })
                    }
                } else if !h.female_head {
                    h.name.clone()
                } else {
                    format!("{} {}", r.pick(names::MALE), r.pick(names::SECOND))
                };
                let total = course.sessions;
                let p_attend = 0.45 + 0.55 * r.uniform().sqrt();
                let attended = (0..total).filter(|_| r.chance(p_attend)).count() as i64;
                let completed = attended * 4 >= total * 3 && r.chance(0.96);
                let business_started = completed
                    && r.chance(if course.code == "usaha_kecil" {
                        0.5
                    } else {
                        0.33
                    });
                out.push(Enrollment {
                    household: i,
                    name,
                    female,
                    course: c,
                    started_on: start,
                    sessions_total: total,
                    sessions_attended: attended,
                    completed,
                    business_started,
                });
            }
        }
    }
    out
}

// -------------------------------------------------------------------- ledger

fn deliveries(world: &World, m: usize) -> Vec<Delivery> {
    let profile = world.profile;
    let (lo, hi) = profile.local_sourcing;
    let (elo, ehi) = profile.eco_packaging;
    let t = m as f64 / (MONTHS - 1) as f64;
    let cash = cash_program(world);
    let mut out = Vec::new();
    for (p, def) in profile.programs.iter().enumerate() {
        let (day_from, day_to, due) = match def.schedule {
            Schedule::Monthly { day_from, day_to } => (day_from, day_to, true),
            Schedule::Quarterly { day_from, day_to } => (day_from, day_to, m.is_multiple_of(3)),
            Schedule::PerEnrollment => continue,
        };
        if !due {
            continue;
        }
        for (i, h) in world.households.iter().enumerate() {
            let Some(from) = world.members[p][i] else {
                continue;
            };
            if m < from
                || cash == Some(p) && world.planted_until.get(&i).is_some_and(|&last| m > last)
            {
                continue;
            }
            let mut r = Rng::stream(&[world.seed, purpose::DELIVERY, p as u64, i as u64, m as u64]);
            let (y, mo) = month_of(m);
            let day = date(y, mo, r.range(day_from as i64, day_to as i64) as u32);
            if !h.active_on(day) {
                continue;
            }
            let status = ["delivered", "failed", "returned"][r.weighted(&[0.962, 0.024, 0.014])];
            let goods = def.aid_type == crate::config::AidType::Goods;
            out.push(Delivery {
                date: day,
                household: i,
                program: p,
                value: (def.value)(h),
                quantity: (def.quantity)(h),
                unit: def.unit,
                status,
                local: goods.then(|| r.chance(lo + (hi - lo) * t)),
                eco: goods.then(|| r.chance(elo + (ehi - elo) * t)),
                planted: None,
            });
        }
    }
    if let Some(p) = profile
        .programs
        .iter()
        .position(|d| d.code == profile.training_program)
    {
        for e in world
            .enrollments
            .iter()
            .filter(|e| e.started_on >= month_start(m) && e.started_on < first_day_after(m))
        {
            out.push(Delivery {
                date: e.started_on,
                household: e.household,
                program: p,
                value: profile.courses[e.course].cost,
                quantity: Some(1.0),
                unit: profile.programs[p].unit,
                status: "delivered",
                local: None,
                eco: None,
                planted: None,
            });
        }
    }
    out
}

// ------------------------------------------------------------------- planted

/// Registry-side problems, planted before anything is written: a payment
/// after exit needs the exit, a shared NIK needs two households.
fn plant_registry_problems(world: &mut World) {
    let mut r = Rng::stream(&[world.seed, purpose::PLANT]);
    let n = world.households.len();
    // One head NIK copied onto a second household.
    let with_nik: Vec<usize> = (0..n)
        .filter(|&i| world.households[i].nik.is_some())
        .collect();
    if with_nik.len() >= 2 {
        let a = with_nik[r.range(0, with_nik.len() as i64 - 1) as usize];
        let b = with_nik[(with_nik.iter().position(|&x| x == a).unwrap_or(0) + with_nik.len() / 2)
            % with_nik.len()];
        if a != b {
            world.households[b].nik = world.households[a].nik.clone();
            let (ka, kb) = (
                world.households[a].id.clone(),
                world.households[b].id.clone(),
            );
            world.planted.push(Planted {
                flag: "flag_duplicate_nik",
                table: "households",
                key: format!("{ka} {kb}"),
                detail: "the same head_nik on two households".into(),
            });
        }
    }
}

/// The first monthly program with an entitlement (the cash program in every profile).
fn cash_program(world: &World) -> Option<usize> {
    world.profile.programs.iter().position(|d| {
        matches!(d.schedule, Schedule::Monthly { .. }) && d.entitlement_per_month.is_some()
    })
}

/// Ledger-side problems planted before month `m`'s deliveries are drawn:
/// a well-off household put on the list, households leaving the village.
fn plant_before_month(world: &mut World, m: usize) {
    let Some(cash) = cash_program(world) else {
        return;
    };
    let mut r = Rng::stream(&[world.seed, purpose::PLANT, m as u64]);
    let steady = |w: &World, i: usize| {
        w.members[cash][i] == Some(0)
            && w.households[i].exit.is_none()
            && !w.paid_after_exit.contains_key(&i)
    };
    match m {
        // January 2026: a well-off household (decile 8+) put on the cash list for three months.
        3 => {
            let rich: Vec<usize> = (0..world.households.len())
                .filter(|&i| {
                    let h = &world.households[i];
                    h.decile >= 8
                        && h.exit.is_none()
                        && h.registered_on < month_start(0)
                        && world.members[cash][i].is_none()
                })
                .collect();
            if !rich.is_empty() {
                let i = rich[r.range(0, rich.len() as i64 - 1) as usize];
                world.members[cash][i] = Some(3);
                world.planted_until.insert(i, 5);
            }
        }
        // March 2026: a household moves away but stays on the cash list one more month;
        // May 2026: a head of household dies and the next delivery still goes out.
        5 | 7 => {
            let c: Vec<usize> = (0..world.households.len())
                .filter(|&i| steady(world, i))
                .collect();
            if !c.is_empty() {
                let i = c[r.range(0, c.len() as i64 - 1) as usize];
                let (y, mo) = month_of(m);
                let h = &mut world.households[i];
                h.status = if m == 5 {
                    Status::Moved
                } else {
                    Status::Deceased
                };
                h.exit = Some(date(y, mo, 25));
                world.paid_after_exit.insert(i, m + 1);
            }
        }
        _ => {}
    }
}

/// Ledger-side problems planted into month `m`'s drawn deliveries.
fn plant_into_month(world: &World, m: usize, month: &mut Vec<Delivery>) {
    let Some(cash) = cash_program(world) else {
        return;
    };
    for (&i, &pm) in &world.paid_after_exit {
        if pm == m {
            let (y, mo) = month_of(m);
            let def = &world.profile.programs[cash];
            month.push(Delivery {
                date: date(y, mo, 10),
                household: i,
                program: cash,
                value: (def.value)(&world.households[i]),
                quantity: (def.quantity)(&world.households[i]),
                unit: def.unit,
                status: "delivered",
                local: None,
                eco: None,
                planted: Some("flag_payment_after_exit"),
            });
        }
    }
    let mut r = Rng::stream(&[world.seed, purpose::PLANT, m as u64, 1]);
    let mut pick = |month: &Vec<Delivery>, program: usize| -> Option<usize> {
        let c: Vec<usize> = (0..month.len())
            .filter(|&k| month[k].program == program && month[k].status == "delivered")
            .collect();
        (!c.is_empty()).then(|| c[r.range(0, c.len() as i64 - 1) as usize])
    };
    match m {
        // February 2026: one household paid twice for the same month.
        4 => {
            if let Some(first) = pick(month, cash) {
                let d = &month[first];
                let twin = Delivery {
                    date: d.date + chrono::Days::new(3),
                    household: d.household,
                    program: cash,
                    value: d.value,
                    quantity: d.quantity,
                    unit: d.unit,
                    status: "delivered",
                    local: d.local,
                    eco: d.eco,
                    planted: Some("flag_duplicate_payment"),
                };
                month.push(twin);
            }
        }
        // July 2026: a goods package recorded at ten times its value.
        9 => {
            let goods = world.profile.programs.iter().position(|d| {
                d.aid_type == crate::config::AidType::Goods && d.entitlement_per_month.is_some()
            });
            if let Some(k) = goods.and_then(|g| pick(month, g)) {
                month[k].value *= 10;
                month[k].planted = Some("flag_over_entitlement");
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_cover_four_quarters() {
        assert_eq!(month_of(0), (2025, 10));
        assert_eq!(month_of(2), (2025, 12));
        assert_eq!(month_of(3), (2026, 1));
        assert_eq!(month_of(11), (2026, 9));
    }

    #[test]
    fn households_respect_the_contract() {
        let p = profile::semanan();
        let hs = make_households(&p, 3000, 5);
        let ids: HashSet<_> = hs.iter().map(|h| h.id.clone()).collect();
        assert_eq!(ids.len(), hs.len());
        for h in &hs {
            assert!(h.members >= 1 && h.children <= h.members && h.school_age <= h.children);
            assert!(h.elderly <= h.members && (1..=10).contains(&h.decile));
            assert!((1..=99).contains(&h.rw) && (1..=999).contains(&h.rt));
            assert_eq!(h.id.len(), 16);
            if let Some(nik) = &h.nik {
                assert_eq!(nik.len(), 16);
            }
            if let Some(e) = h.exit {
                assert!(e > h.registered_on);
            }
        }
        // Poorer deciles are a little more common, as in a poor urban village.
        let d1 = hs.iter().filter(|h| h.decile == 1).count();
        let d10 = hs.iter().filter(|h| h.decile == 10).count();
        assert!(d1 > d10);
    }
}
