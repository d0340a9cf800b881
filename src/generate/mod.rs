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

mod households;
mod names;
mod planted;
pub(crate) mod profile;
mod programs;
mod site_file;
mod surveys;
mod write;

use households::make_households;
use planted::{plant_before_month, plant_into_month, plant_registry_problems};
use programs::{deliveries, enrollments, membership};

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;

pub use profile::{Profile, ProfileName};

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

/// The most households a synthetic site has: well past the largest site
/// one machine reports on (docs/scale.md), and a quarter of the family-card
/// numbers the generator can make, so that a new one is found in a few
/// draws.
pub const MAX_HOUSEHOLDS: usize = 20_000_000;

/// Writes a synthetic site for `profile` to `out`.
pub fn generate(
    profile: &Profile,
    households: usize,
    seed: u64,
    out: &Path,
    force: bool,
) -> Result<()> {
    if !(1..=MAX_HOUSEHOLDS).contains(&households) {
        return Err(crate::problem::InvalidInput(format!(
            "--households {households}: give 1 to {MAX_HOUSEHOLDS} households"
        ))
        .into());
    }
    crate::publish::check_out(out)?;
    crate::publish::check_whole_folder(out)?;
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

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

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
