//! Writing a synthetic site: surveys, ledger, budget and feedback are drawn
//! here as they are written, into a temporary folder beside the target that
//! is moved into place only when every file is complete.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

use super::{
    date, extraction_date, plant_before_month, plant_into_month, purpose, Planted, Status, World,
    MONTHS,
};
use crate::config::AidType;
use crate::contract::{spec, Table};
use crate::rng::Rng;
use crate::writer::{Cell, CsvWriter};

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// A file in the site folder being written.
pub(super) fn file(dir: &Path, name: &str) -> Result<BufWriter<File>> {
    let path = dir.join(name);
    let f = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

/// A CSV file with the given header.
pub(super) fn csv(dir: &Path, name: &str, header: &[&str]) -> Result<Csv> {
    let mut w = CsvWriter::new(file(dir, name)?);
    w.header(header)?;
    Ok(w)
}

/// The CSV file of a contract table, with the contract's columns as header.
pub(super) fn table(dir: &Path, table: Table) -> Result<Csv> {
    let spec = spec(table);
    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    csv(dir, &format!("{}.csv", spec.name), &names)
}

pub(super) type Csv = CsvWriter<BufWriter<File>>;

/// One row of values as the data contract reads them (no neutralising:
/// these are the site's own input files).
pub(super) fn put<const N: usize>(w: &mut Csv, cells: [&str; N]) -> Result<()> {
    w.row(&cells.map(Cell::Raw))
}

/// Flushes a finished CSV file.
pub(super) fn close(w: Csv) -> Result<()> {
    w.finish()?.flush().context("writing a site file")
}

/// Rounds rupiah to the nearest `step`.
pub(super) fn round_to(x: f64, step: f64) -> i64 {
    ((x / step).round() * step) as i64
}

/// Writes the site into `out`, all at once ([`crate::publish::folder`]).
pub(super) fn site(world: &mut World, out: &Path) -> Result<()> {
    crate::publish::folder(out, |dir| write_all(world, dir))
}

fn write_all(world: &mut World, dir: &Path) -> Result<()> {
    let ledger = ledger(world, dir)?;
    households(world, dir)?;
    super::surveys::surveys(world, dir)?;
    trainings(world, dir)?;
    budget(world, dir, &ledger)?;
    feedback(world, dir)?;
    planted(world, dir, &ledger)?;
    super::site_file::site_toml(world, dir)?;
    super::site_file::readme(world, dir)
}

/// What the budget and the answer key need to know about the ledger.
#[derive(Default)]
struct LedgerTotals {
    /// (program, fiscal quarter index 0..4) → delivered value.
    delivered: BTreeMap<(usize, usize), i64>,
    /// (program, household) pairs delivered to an ineligible household.
    ineligible: BTreeSet<(usize, usize)>,
    /// Planted rows: flag → distribution ids.
    planted_rows: Vec<(&'static str, String, usize)>,
    /// (program, household, quarter) → delivered value, for over-entitlement keys.
    per_quarter: BTreeMap<(usize, usize, usize), i64>,
}

fn ledger(world: &mut World, dir: &Path) -> Result<LedgerTotals> {
    let mut w = table(dir, Table::Distributions)?;
    let mut totals = LedgerTotals::default();
    let mut next = 1u64;
    for m in 0..MONTHS {
        plant_before_month(world, m);
        let mut month = super::deliveries(world, m);
        plant_into_month(world, m, &mut month);
        month.sort_by(|a, b| {
            (a.date, a.program, a.household).cmp(&(b.date, b.program, b.household))
        });
        for d in month {
            let id = format!("{}-D-{next:07}", world.profile.id_prefix);
            next += 1;
            let h = &world.households[d.household];
            let def = &world.profile.programs[d.program];
            if d.status == "delivered" {
                let q = m / 3;
                *totals.delivered.entry((d.program, q)).or_default() += d.value;
                *totals
                    .per_quarter
                    .entry((d.program, d.household, q))
                    .or_default() += d.value;
                if !(def.eligible)(h) {
                    totals.ineligible.insert((d.program, d.household));
                }
            }
            if let Some(flag) = d.planted {
                totals.planted_rows.push((flag, id.clone(), d.household));
            }
            put(
                &mut w,
                [
                    &id,
                    &d.date.to_string(),
                    &h.id,
                    def.code,
                    &d.value.to_string(),
                    &opt(d.quantity),
                    &opt(d.unit),
                    d.status,
                    &opt(d.local),
                    &opt(d.eco),
                ],
            )?;
        }
    }
    close(w)?;
    Ok(totals)
}

fn households(world: &World, dir: &Path) -> Result<()> {
    let mut w = table(dir, Table::Households)?;
    for h in &world.households {
        let status = match h.status {
            Status::Active => "active",
            Status::Moved => "moved",
            Status::Deceased => "deceased",
        };
        put(
            &mut w,
            [
                &h.id,
                &opt(h.nik.as_ref()),
                &h.name,
                if h.female_head { "P" } else { "L" },
                &h.rw.to_string(),
                &h.rt.to_string(),
                &h.members.to_string(),
                &h.children.to_string(),
                &h.school_age.to_string(),
                &h.elderly.to_string(),
                &h.disabled.to_string(),
                &h.decile.to_string(),
                &h.registered_on.to_string(),
                status,
                &opt(h.exit),
            ],
        )?;
    }
    close(w)
}

fn trainings(world: &World, dir: &Path) -> Result<()> {
    if world
        .profile
        .program(world.profile.training_program)
        .is_none()
    {
        return Ok(());
    }
    let mut w = table(dir, Table::Trainings)?;
    for (k, e) in world.enrollments.iter().enumerate() {
        let h = &world.households[e.household];
        put(
            &mut w,
            [
                &format!("{}-T-{:05}", world.profile.id_prefix, k + 1),
                &h.id,
                &e.name,
                if e.female { "P" } else { "L" },
                world.profile.courses[e.course].code,
                &e.started_on.to_string(),
                &e.sessions_total.to_string(),
                &e.sessions_attended.to_string(),
                &e.completed.to_string(),
                &e.business_started.to_string(),
            ],
        )?;
    }
    close(w)
}

/// Fiscal (year, quarter) of quarter index 0..4 (2025-Q4 .. 2026-Q3).
fn fiscal_quarter(q: usize) -> (i32, usize) {
    if q == 0 {
        (2025, 4)
    } else {
        (2026, q)
    }
}

/// The planted reconciliation mismatch: the first goods program, 2026-Q2.
const MISMATCH: i64 = 4_750_000;
const MISMATCH_QUARTER: usize = 2;

fn mismatch_program(world: &World) -> Option<usize> {
    world
        .profile
        .programs
        .iter()
        .position(|d| d.aid_type == AidType::Goods)
}

fn budget(world: &World, dir: &Path, ledger: &LedgerTotals) -> Result<()> {
    let mut w = table(dir, Table::Budget)?;
    let mismatch = mismatch_program(world);
    for q in 0..4 {
        let (year, quarter) = fiscal_quarter(q);
        let mut r = Rng::stream(&[world.seed, purpose::BUDGET, q as u64]);
        let mut by_funder: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
        let mut lines = Vec::new();
        let mut program_planned = 0;
        for (p, def) in world.profile.programs.iter().enumerate() {
            let delivered = ledger.delivered.get(&(p, q)).copied().unwrap_or(0);
            let planned = round_to(delivered as f64 * (1.02 + 0.12 * r.uniform()), 1_000.0);
            let mut realised = delivered;
            let mut note = String::new();
            if mismatch == Some(p) && q == MISMATCH_QUARTER {
                realised += MISMATCH;
                note = "pembelian paket tambahan".into();
            }
            program_planned += planned;
            let f = by_funder.entry(def.funder).or_default();
            f.0 += planned;
            f.1 += realised;
            lines.push(("expense", def.code.to_string(), planned, realised, note));
        }
        let ops_planned = round_to(program_planned as f64 * 0.04, 1_000.0);
        let ops_realised = round_to(ops_planned as f64 * (0.85 + 0.15 * r.uniform()), 1_000.0);
        lines.push((
            "expense",
            "operations".into(),
            ops_planned,
            ops_realised,
            "distribusi dan administrasi".into(),
        ));
        let f = by_funder.entry("dana_desa").or_default();
        f.0 += ops_planned;
        f.1 += ops_realised;
        let revenue = by_funder.iter().map(|(funder, (planned, realised))| {
            let rev_planned = round_to(*planned as f64 * 1.02, 1_000.0);
            let rev_realised = round_to(*realised as f64 * (1.0 + 0.06 * r.uniform()), 1_000.0);
            (
                "revenue",
                funder.to_string(),
                rev_planned,
                rev_realised,
                String::new(),
            )
        });
        let revenue: Vec<_> = revenue.collect();
        for (kind, category, planned, realised, note) in revenue.into_iter().chain(lines) {
            put(
                &mut w,
                [
                    &year.to_string(),
                    &quarter.to_string(),
                    kind,
                    &category,
                    &planned.to_string(),
                    &realised.to_string(),
                    &note,
                ],
            )?;
        }
    }
    close(w)
}

fn feedback(world: &World, dir: &Path) -> Result<()> {
    let mut w = table(dir, Table::Feedback)?;
    let channels = ["meeting", "social_media", "flyer", "box", "phone", "other"];
    let categories = ["complaint", "suggestion", "question", "appreciation"];
    let topics: [&[&str]; 4] = [
        &["targeting", "amount", "delay", "quality", "registration"],
        &["packaging", "schedule", "training", "transparency"],
        &["registration", "schedule", "eligibility"],
        &["service", "training"],
    ];
    let n = ((world.households.len() as f64) * 0.07).round().max(1.0) as usize;
    let mut rows = Vec::with_capacity(n);
    for k in 0..n {
        let mut r = Rng::stream(&[world.seed, purpose::FEEDBACK, k as u64]);
        let received = date(2025, 10, 1) + chrono::Days::new(r.range(0, 364) as u64);
        let place = r.chance(0.8).then(|| {
            let h = &world.households[r.range(0, world.households.len() as i64 - 1) as usize];
            (h.rw, h.rt, h.id.as_str())
        });
        let category = r.weighted(&[0.42, 0.25, 0.23, 0.10]);
        let topic = *r.pick(topics[category]);
        let channel = channels[r.weighted(&world.profile.channels)];
        let days = (1.8 + 0.8 * r.normal()).exp().ceil().max(1.0) as u64;
        let resolved = received + chrono::Days::new(days);
        let resolved = (r.chance(0.9) && resolved <= extraction_date()).then_some(resolved);
        // Most complaints and questions about one household's aid give its
        // id; suggestions and appreciation stay anonymous. Drawn last, so
        // the item's other fields are those drawn before the id was kept.
        let sender = place
            .filter(|_| matches!(categories[category], "complaint" | "question"))
            .filter(|_| r.chance(0.6))
            .map(|p| p.2);
        rows.push((
            received,
            k,
            place,
            channel,
            categories[category],
            topic,
            resolved,
            sender,
        ));
    }
    rows.sort_by_key(|r| (r.0, r.1));
    for (k, (received, _, place, channel, category, topic, resolved, sender)) in
        rows.into_iter().enumerate()
    {
        put(
            &mut w,
            [
                &format!("{}-F-{:05}", world.profile.id_prefix, k + 1),
                &received.to_string(),
                &opt(place.map(|p| p.0)),
                &opt(place.map(|p| p.1)),
                channel,
                category,
                topic,
                &opt(resolved),
                sender.unwrap_or_default(),
            ],
        )?;
    }
    close(w)
}

fn planted(world: &mut World, dir: &Path, ledger: &LedgerTotals) -> Result<()> {
    let profile = world.profile;
    for &(flag, ref id, h) in &ledger.planted_rows {
        let hid = &world.households[h].id;
        world.planted.push(Planted {
            flag,
            table: "distributions",
            key: id.clone(),
            detail: format!("household {hid}"),
        });
    }
    for &(p, h) in &ledger.ineligible {
        let hh = &world.households[h];
        let how = if world.planted_until.contains_key(&h) {
            "a well-off household put on the list"
        } else {
            "a near-miss household"
        };
        world.planted.push(Planted {
            flag: "flag_ineligible_payment",
            table: "households",
            key: hh.id.clone(),
            detail: format!(
                "{} paid while not eligible ({how}, decile {})",
                profile.programs[p].code, hh.decile
            ),
        });
    }
    for (&(p, h, q), &value) in &ledger.per_quarter {
        if let Some(e) = profile.programs[p].entitlement_per_month {
            if value > 3 * e {
                let (y, fq) = fiscal_quarter(q);
                world.planted.push(Planted {
                    flag: "flag_over_entitlement",
                    table: "households",
                    key: world.households[h].id.clone(),
                    detail: format!(
                        "{} {y}-Q{fq}: {value} delivered, entitlement {}",
                        profile.programs[p].code,
                        3 * e
                    ),
                });
            }
        }
    }
    if let Some(p) = mismatch_program(world) {
        let (y, q) = fiscal_quarter(MISMATCH_QUARTER);
        world.planted.push(Planted {
            flag: "reconciliation_gap",
            table: "budget",
            key: format!("{y}-Q{q} {}", profile.programs[p].code),
            detail: format!("expense realised exceeds the delivered ledger by {MISMATCH}"),
        });
    }
    world
        .planted
        .sort_by(|a, b| (a.flag, &a.key).cmp(&(b.flag, &b.key)));
    let mut w = csv(
        dir,
        "planted_problems.csv",
        &["flag", "table", "key", "detail"],
    )?;
    for p in &world.planted {
        put(&mut w, [p.flag, p.table, &p.key, &p.detail])?;
    }
    close(w)
}
