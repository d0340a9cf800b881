//! Who is on each program's list, the training cohorts, and each month's
//! deliveries.

use crate::rng::Rng;

use super::planted::cash_program;
use super::profile::{ProgramDef, Schedule};
use super::*;

/// The month index from which a household is on a program's list, if at all.
pub(super) fn membership(world: &World, p: usize, def: &ProgramDef) -> Vec<Option<usize>> {
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

pub(super) fn enrollments(world: &World) -> Vec<Enrollment> {
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

pub(super) fn deliveries(world: &World, m: usize) -> Vec<Delivery> {
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
