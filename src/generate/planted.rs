//! The problems planted on purpose for the integrity checks to find: a
//! double payment, payments after a household moved or died, payments to
//! ineligible households, a package above its entitlement, one NIK on two
//! households.

use crate::rng::Rng;

use super::profile::Schedule;
use super::*;

/// Registry-side problems, planted before anything is written: a payment
/// after exit needs the exit, a shared NIK needs two households.
pub(super) fn plant_registry_problems(world: &mut World) {
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
pub(super) fn cash_program(world: &World) -> Option<usize> {
    world.profile.programs.iter().position(|d| {
        matches!(d.schedule, Schedule::Monthly { .. }) && d.entitlement_per_month.is_some()
    })
}

/// Ledger-side problems planted before month `m`'s deliveries are drawn:
/// a well-off household put on the list, households leaving the village.
pub(super) fn plant_before_month(world: &mut World, m: usize) {
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
pub(super) fn plant_into_month(world: &World, m: usize, month: &mut Vec<Delivery>) {
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
