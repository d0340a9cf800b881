//! Integrity flags: payments an auditor should look at, each with the ledger
//! (or registry) lines behind it. Only delivered rows count as payments.
//!
//! - `flag_duplicate_payment`: a monthly program (one with
//!   `entitlement_per_month`) delivered more than once to the same household
//!   in the same calendar month. The earliest delivery (by date, then ledger
//!   line) is the payment; every later one is a case.
//! - `flag_ineligible_payment`: a delivery to a registered household whose
//!   `eligible_when` for that program is false (a null answer is false).
//! - `flag_payment_after_exit`: a delivery dated after the household's
//!   `status_changed_on` when it moved or died.
//! - `flag_over_entitlement`: a household's delivered value of a monthly
//!   program in one quarter above 3 × `entitlement_per_month`; the amount is
//!   the excess.
//! - `flag_duplicate_nik`: one `head_nik` on two or more households (a
//!   registry flag, period `all`); the amount is what those households
//!   received in the whole ledger (the case also keeps it per quarter, for
//!   a report of an earlier quarter).
//! - `flag_unregistered_recipient`: a delivery to a `household_id` that is
//!   not in the registry. A household whose registry row was rejected
//!   (under `--max-rejected-rows`) is in the registry's file: a delivery
//!   to it is not a case, and the data-quality section lists it.
//!
//! Rows: the number of cases per quarter (and `all`), overall and per
//! program, and `flag_amount` (rupiah at stake) per flag.
//!
//! The ledger's flags are found in Rust, over each household's delivered
//! rows (see [`flag`]); only the flagged rows' texts are read from the
//! ledger frame.

use super::id::Id;
use std::collections::BTreeMap;

use anyhow::{Context, Result};
use polars::prelude::*;
use serde::Serialize;

use super::base::{cols, Base, ProgramInfo, LEDGER_KEPT};
use super::deliveries::Deliveries;
use super::frame::{ints, texts};
use super::period::{month_key, quarter_key, Period, Quarter};
use super::registry::Registry;
use super::{unit, Batch, Key, Row, ALL};
use crate::contract::Table;
use crate::load::ROW;
use crate::privacy::mask_id;
use crate::site::Site;

pub const DUPLICATE_PAYMENT: Id = Id::FlagDuplicatePayment;
pub const INELIGIBLE_PAYMENT: Id = Id::FlagIneligiblePayment;
pub const PAYMENT_AFTER_EXIT: Id = Id::FlagPaymentAfterExit;
pub const OVER_ENTITLEMENT: Id = Id::FlagOverEntitlement;
pub const DUPLICATE_NIK: Id = Id::FlagDuplicateNik;
pub const UNREGISTERED_RECIPIENT: Id = Id::FlagUnregisteredRecipient;
pub const AMOUNT: Id = Id::FlagAmount;

/// Every flag, in report order.
pub const FLAGS: [Id; 6] = [
    DUPLICATE_PAYMENT,
    INELIGIBLE_PAYMENT,
    PAYMENT_AFTER_EXIT,
    OVER_ENTITLEMENT,
    DUPLICATE_NIK,
    UNREGISTERED_RECIPIENT,
];

/// Why a case was flagged, with what the explanation needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Detail {
    /// Repeats the payment on `first_line` in month `month` (`YYYY-MM`).
    DuplicatePayment {
        month: String,
        first_line: u64,
        first_id: String,
    },
    /// The program's criteria, verbatim.
    Ineligible {
        eligible_when: String,
    },
    /// `moved` or `deceased`, since `since` (`YYYY-MM-DD`).
    AfterExit {
        status: String,
        since: String,
    },
    /// Delivered in the quarter against 3 × the monthly entitlement.
    OverEntitlement {
        delivered: i64,
        allowed: i64,
    },
    /// The shared NIK, masked, and how many households carry it.
    DuplicateNik {
        nik: String,
        households: usize,
    },
    Unregistered,
}

/// One flagged case and the rows behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    pub flag: Id,
    /// The quarter of the payment, or `all` for registry flags.
    pub period: Period,
    /// The program code, or `all` for registry flags.
    pub program: String,
    /// As in the files; outputs show it through [`mask_id`].
    pub household_id: String,
    /// The household's RW in the registry (the first household's for a
    /// shared NIK); `None` for a household missing from the registry.
    pub rw: Option<i64>,
    /// The file the lines are in: `distributions` or `households`.
    pub table: &'static str,
    /// Line numbers in that file (the CSV line, header = line 1).
    pub lines: Vec<u64>,
    /// `distribution_id`s, or household ids for registry flags.
    pub records: Vec<String>,
    /// Date of the (first) payment.
    pub date: Option<String>,
    /// Rupiah at stake.
    pub amount: i64,
    pub detail: Detail,
    /// For a shared NIK, what its households received in each quarter
    /// (`None` for delivered rows without a quarter), adding up to
    /// `amount`; empty for the other flags.
    #[serde(skip)]
    pub by_quarter: Vec<(Option<Quarter>, i64)>,
}

impl Case {
    /// Rupiah at stake in quarters up to and including `q`: a payment's
    /// amount (the caller picks the cases of those quarters), and for a
    /// shared NIK what its households received up to `q` (a delivered row
    /// without a quarter counts in every quarter).
    pub fn amount_up_to(&self, q: Quarter) -> i64 {
        match self.flag {
            DUPLICATE_NIK => self
                .by_quarter
                .iter()
                .filter(|(quarter, _)| quarter.is_none_or(|quarter| quarter <= q))
                .fold(0i64, |sum, (_, value)| sum.wrapping_add(*value)),
            _ => self.amount,
        }
    }

    /// The household id as outputs may show it.
    pub fn household_shown(&self) -> String {
        mask_id(&self.household_id)
    }
}

pub(crate) struct Pending {
    rows: Vec<Flagged>,
    nik: usize,
    /// Value delivered to each household sharing its NIK, by key and
    /// quarter key.
    received: BTreeMap<(usize, Option<i32>), i64>,
    quarters: Vec<Quarter>,
    programs: Vec<String>,
}

/// A delivered ledger row that at least one flag picks out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FlaggedRow {
    /// The row's position in the ledger frame.
    pub row: u32,
    /// The household's row in the registry frame, when registered.
    pub registered: Option<u32>,
    /// Duplicate payment, ineligible, after exit, over entitlement,
    /// unregistered.
    pub flags: [bool; 5],
    /// The value delivered to the household by the row's program in the
    /// row's quarter.
    pub q_value: i64,
    /// The program's `entitlement_per_month`.
    pub entitlement: Option<i64>,
}

/// The ledger's flagged rows, in ledger order, and the households whose
/// NIK is on another household too: their rows in the registry frame, and
/// the value delivered to each by household key and quarter key (the
/// amounts of `flag_duplicate_nik`).
#[derive(Debug, Default)]
pub(crate) struct Flags {
    pub rows: Vec<FlaggedRow>,
    pub sharing_nik: Vec<u32>,
    pub received: BTreeMap<(usize, Option<i32>), i64>,
}

/// The flags of every delivered row of the ledger. A program outside
/// site.toml, or a row without one, has no entitlement and no
/// `eligible_when`; a row without a household, or whose household is not
/// in the registry, is unregistered, unless `rejected` holds for its
/// position in the ledger frame (its household's registry row was
/// rejected: it is in the registry's file, and the data-quality section
/// lists the row); a row without a date is never after an exit.
pub(crate) fn flag(
    ledger: &Deliveries,
    registry: &Registry,
    programs: &[ProgramInfo],
    rejected: &[bool],
) -> Flags {
    let mut flags = Flags {
        sharing_nik: registry.sharing_nik(),
        ..Flags::default()
    };
    ledger.windows(|household, windows| {
        let registered = household.and_then(|h| registry.get(h));
        for w in windows {
            let d = ledger.at(w.at);
            let program = d
                .program()
                .map(|p| p as usize)
                .filter(|&p| p < programs.len());
            let entitlement = program.and_then(|p| programs[p].entitlement);
            let after = |left: i32| d.date().is_some_and(|day| day > left);
            let row = [
                entitlement.is_some() && w.n_month > 1,
                registered.is_some_and(|r| program.is_some_and(|p| registry.ineligible(r, p))),
                registered.and_then(|r| r.left).is_some_and(after),
                entitlement.is_some_and(|e| w.q_value > e.wrapping_mul(3)),
                registered.is_none() && !rejected.get(d.row as usize).copied().unwrap_or(false),
            ];
            if let Some(r) = registered.filter(|r| r.shares_nik) {
                let received = flags.received.entry((r.key, d.quarter())).or_default();
                *received = received.wrapping_add(d.value);
            }
            if row.contains(&true) {
                flags.rows.push(FlaggedRow {
                    row: d.row,
                    registered: registered.map(|r| r.row),
                    flags: row,
                    q_value: w.q_value,
                    entitlement,
                });
            }
        }
    });
    flags.rows.sort_unstable_by_key(|r| r.row);
    flags
}

/// `columns` of `frame` at rows `at`.
fn gathered(frame: &LazyFrame, columns: &[&str], at: &[u32]) -> Result<DataFrame> {
    let df = frame
        .clone()
        .select(columns.iter().map(|c| col(*c)).collect::<Vec<_>>())
        .collect()?;
    let at = IdxCa::from_vec("at".into(), at.iter().map(|&r| r as IdxSize).collect());
    Ok(df.take(&at)?)
}

/// The flagged rows with the ledger's and the registry's texts.
fn flagged_rows(base: &Base) -> Result<Vec<Flagged>> {
    let flagged = &base.flags.rows;
    let rows: Vec<u32> = flagged.iter().map(|f| f.row).collect();
    let df = gathered(&base.distributions, &LEDGER_KEPT, &rows)?
        .lazy()
        .with_columns([
            quarter_key(col("distributed_on"), base.start_month).alias(cols::Q),
            month_key(col("distributed_on")).alias(cols::MONTH),
        ])
        .collect()?;
    let text = |name: &str| -> Result<Vec<String>> {
        Ok(texts(&df, name)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    };
    let int = |name: &str| -> Result<Vec<Option<i64>>> { ints(&df, name) };
    let programs: Vec<String> = crate::load::codes::texts_of(
        df.column("program")?.as_materialized_series(),
        &base.ledger_names.programs,
    )?
    .into_iter()
    .map(Option::unwrap_or_default)
    .collect();
    let (index, ids, dates, households) = (
        int(ROW)?,
        base.ledger_names
            .ids_of(&df)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect::<Vec<_>>(),
        text("distributed_on")?,
        text("household_id")?,
    );
    let (values, qs, months) = (int("value")?, int(cols::Q)?, int(cols::MONTH)?);
    // The registry's status, date of change and RW of the registered ones.
    let registered: Vec<u32> = flagged.iter().filter_map(|f| f.registered).collect();
    let registry = gathered(
        &base.households,
        &["status", "status_changed_on", "rw"],
        &registered,
    )?;
    let (statuses, sinces, rws) = (
        texts(&registry, "status")?,
        texts(&registry, "status_changed_on")?,
        ints(&registry, "rw")?,
    );
    let mut registry_rows = statuses.into_iter().zip(sinces).zip(rws);
    let mut rows: Vec<Flagged> = Vec::with_capacity(flagged.len());
    for (j, f) in flagged.iter().enumerate() {
        let ((status, since), rw) = match f.registered {
            Some(_) => registry_rows
                .next()
                .context("a registry row for every registered flagged row")?,
            None => ((None, None), None),
        };
        rows.push(Flagged {
            index: index[j].unwrap_or(0) as u64,
            id: ids[j].clone(),
            date: dates[j].clone(),
            household: households[j].clone(),
            program: programs[j].clone(),
            value: values[j].unwrap_or(0),
            q: qs[j].unwrap_or(0) as i32,
            month: months[j].unwrap_or(0) as i32,
            q_value: f.q_value,
            entitlement: f.entitlement,
            status: status.unwrap_or_default(),
            since: since.unwrap_or_default(),
            rw,
            flags: f.flags,
        });
    }
    rows.sort_by_key(|r| r.index);
    Ok(rows)
}

pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Result<Pending> {
    // The households sharing a NIK, found with the registry of the sums.
    let nik = gathered(
        &base.households,
        &[ROW, "household_id", cols::HH, "head_nik", "rw"],
        &base.flags.sharing_nik,
    )?
    .lazy()
    .with_column(col("rw").cast(DataType::Int64))
    .sort(["head_nik", ROW], SortMultipleOptions::default());
    Ok(Pending {
        rows: flagged_rows(base)?,
        nik: batch.add(nik),
        received: base.flags.received.clone(),
        quarters: base.dist_quarters.clone(),
        programs: base.programs.iter().map(|p| p.code.clone()).collect(),
    })
}

/// One flagged ledger row, as collected.
struct Flagged {
    index: u64,
    id: String,
    date: String,
    household: String,
    program: String,
    value: i64,
    q: i32,
    month: i32,
    q_value: i64,
    entitlement: Option<i64>,
    status: String,
    since: String,
    rw: Option<i64>,
    flags: [bool; 5],
}

fn month_label(month: i32) -> String {
    format!("{}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

impl Pending {
    pub(crate) fn cases(&self, site: &Site, frames: &[DataFrame]) -> Result<Vec<Case>> {
        let rows = &self.rows;
        let line = |r: &Flagged| site.row_number(Table::Distributions, r.index);
        let program_criteria = |code: &str| {
            site.config
                .program(code)
                .map(|p| p.eligible_when.clone())
                .unwrap_or_default()
        };
        let single = |flag: Id, r: &Flagged, amount: i64, detail: Detail| Case {
            flag,
            period: Period::Quarter(Quarter::from_key(r.q)),
            program: r.program.clone(),
            household_id: r.household.clone(),
            rw: r.rw,
            table: "distributions",
            lines: vec![line(r)],
            records: vec![r.id.clone()],
            date: Some(r.date.clone()),
            amount,
            detail,
            by_quarter: Vec::new(),
        };

        let mut cases = Vec::new();
        // Duplicate payments: within (household, program, month), the first
        // delivery by date then line is the payment, the others are repeats.
        let mut months: BTreeMap<(&str, &str, i32), Vec<&Flagged>> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.flags[0]) {
            months
                .entry((&r.household, &r.program, r.month))
                .or_default()
                .push(r);
        }
        for group in months.values_mut() {
            group.sort_by(|a, b| (&a.date, a.index).cmp(&(&b.date, b.index)));
            let first = group[0];
            for r in &group[1..] {
                cases.push(single(
                    DUPLICATE_PAYMENT,
                    r,
                    r.value,
                    Detail::DuplicatePayment {
                        month: month_label(r.month),
                        first_line: line(first),
                        first_id: first.id.clone(),
                    },
                ));
            }
        }
        for r in rows.iter().filter(|r| r.flags[1]) {
            let detail = Detail::Ineligible {
                eligible_when: program_criteria(&r.program),
            };
            cases.push(single(INELIGIBLE_PAYMENT, r, r.value, detail));
        }
        for r in rows.iter().filter(|r| r.flags[2]) {
            let detail = Detail::AfterExit {
                status: r.status.clone(),
                since: r.since.clone(),
            };
            cases.push(single(PAYMENT_AFTER_EXIT, r, r.value, detail));
        }
        // Over entitlement: one case per (household, program, quarter).
        let mut quarters: BTreeMap<(&str, &str, i32), Vec<&Flagged>> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.flags[3]) {
            quarters
                .entry((&r.household, &r.program, r.q))
                .or_default()
                .push(r);
        }
        for group in quarters.values() {
            let r = group[0];
            let allowed = 3 * r.entitlement.unwrap_or(0);
            cases.push(Case {
                lines: group.iter().map(|g| line(g)).collect(),
                records: group.iter().map(|g| g.id.clone()).collect(),
                ..single(
                    OVER_ENTITLEMENT,
                    r,
                    r.q_value - allowed,
                    Detail::OverEntitlement {
                        delivered: r.q_value,
                        allowed,
                    },
                )
            });
        }
        for r in rows.iter().filter(|r| r.flags[4]) {
            cases.push(single(
                UNREGISTERED_RECIPIENT,
                r,
                r.value,
                Detail::Unregistered,
            ));
        }

        // Shared NIKs: one case per NIK, listing its households.
        let df = &frames[self.nik];
        let (index, households, niks, keys, rws) = (
            ints(df, ROW)?,
            texts(df, "household_id")?,
            texts(df, "head_nik")?,
            ints(df, cols::HH)?,
            ints(df, "rw")?,
        );
        // What household `j` received, per quarter key.
        let received = |j: usize| {
            let key = keys[j].and_then(|k| usize::try_from(k).ok());
            key.into_iter()
                .flat_map(|k| self.received.range((k, None)..=(k, Some(i32::MAX))))
                .map(|(&(_, q), &value)| (q, value))
        };
        let mut by_nik: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (j, nik) in niks.iter().enumerate() {
            by_nik
                .entry(nik.clone().unwrap_or_default())
                .or_default()
                .push(j);
        }
        for (nik, js) in by_nik {
            let registry_line =
                |j: usize| site.row_number(Table::Households, index[j].unwrap_or(0) as u64);
            let records: Vec<String> = js
                .iter()
                .map(|&j| households[j].clone().unwrap_or_default())
                .collect();
            let mut by_quarter: BTreeMap<Option<i32>, i64> = BTreeMap::new();
            for (q, value) in js.iter().flat_map(|&j| received(j)) {
                let sum = by_quarter.entry(q).or_default();
                *sum = sum.wrapping_add(value);
            }
            let amount = by_quarter.values().fold(0i64, |t, v| t.wrapping_add(*v));
            cases.push(Case {
                flag: DUPLICATE_NIK,
                period: Period::All,
                program: ALL.to_string(),
                household_id: records[0].clone(),
                rw: rws[js[0]],
                table: "households",
                lines: js.iter().map(|&j| registry_line(j)).collect(),
                records,
                date: None,
                amount,
                detail: Detail::DuplicateNik {
                    nik: mask_id(&nik),
                    households: js.len(),
                },
                by_quarter: by_quarter
                    .into_iter()
                    .map(|(q, value)| (q.map(Quarter::from_key), value))
                    .collect(),
            });
        }
        cases.sort_by_key(|c| {
            (
                FLAGS.iter().position(|f| *f == c.flag),
                c.lines.first().copied(),
            )
        });
        Ok(cases)
    }

    /// Case counts per quarter and `all`, overall and per program, and the
    /// amount at stake per flag.
    pub(crate) fn rows(&self, cases: &[Case]) -> Vec<Row> {
        let mut rows = Vec::new();
        let periods: Vec<Period> = self
            .quarters
            .iter()
            .map(|q| Period::Quarter(*q))
            .chain([Period::All])
            .collect();
        for period in &periods {
            let in_period = |c: &&Case| *period == Period::All || c.period == *period;
            for flag in FLAGS {
                // A registry flag has no quarter: only period `all`.
                if flag == DUPLICATE_NIK && *period != Period::All {
                    continue;
                }
                let of_flag: Vec<&Case> = cases
                    .iter()
                    .filter(|c| c.flag == flag)
                    .filter(in_period)
                    .collect();
                let key = Key::site(period.clone(), ALL);
                rows.push(Row::count(flag, &key, unit::CASES, of_flag.len() as f64));
                if flag != DUPLICATE_NIK {
                    for code in &self.programs {
                        let n = of_flag.iter().filter(|c| c.program == *code).count();
                        let key = Key::site(period.clone(), code.clone());
                        rows.push(Row::count(flag, &key, unit::CASES, n as f64));
                    }
                }
                let amount: i64 = of_flag.iter().map(|c| c.amount).sum();
                let key = Key::site(period.clone(), ALL).grouped("flag", flag.as_str());
                rows.push(Row::count(AMOUNT, &key, unit::RUPIAH, amount as f64));
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::deliveries::tests::{coded, dated, program};

    /// Household 0 (registry row 1) is active and not eligible for PKH;
    /// household 1 (row 2) moved on day 100; household 2 (row 0) has no
    /// answer for BLT; households 1 and 2 share a head_nik; household 9 is
    /// not registered.
    #[test]
    fn flags_by_hand() {
        let registry = df!(
            cols::HH => [2 as IdxSize, 0, 1],
            "head_nik" => [Some("3173050101800001"), None, Some("3173050101800001")],
            "rw" => [1i64, 2, 3],
            "status" => ["active", "active", "moved"],
            "status_changed_on" => [None, None, Some(100i32)],
            "e_0" => [None, Some(true), Some(true)],
            "e_1" => [Some(true), Some(false), Some(true)],
        )
        .unwrap()
        .lazy()
        .with_column(col("status_changed_on").cast(DataType::Date));
        let registry = Registry::read(&registry, 2).unwrap();
        let (m1, m2, m3) = (24300i32, 24301, 24302);
        let ledger = df!(
            "status" => ["delivered", "delivered", "delivered", "delivered", "cancelled", "delivered",
                         "delivered", "delivered", "delivered", "delivered", "delivered", "delivered"],
            "program" => [Some("BLT"), Some("BLT"), Some("BLT"), Some("PKH"), Some("BLT"), Some("BLT"),
                          Some("BLT"), Some("GOODS"), Some("BLT"), Some("BLT"), Some("OTHER"), None],
            cols::HH => [Some(0 as IdxSize), Some(0), Some(0), Some(0), Some(0), Some(1),
                         Some(1), Some(9), None, Some(2), Some(1), Some(1)],
            cols::Q => [20251i32; 12],
            cols::MONTH => [m1, m1, m2, m1, m1, m1, m2, m1, m1, m1, m3, m3],
            "value" => [100i64, 100, 150, 50, 999, 10, 20, 5, 7, 30, 1000, 1000],
            "locally_sourced" => [false; 12],
            "eco_packaging" => [false; 12],
        )
        .unwrap();
        let ledger = dated(ledger, &[10, 11, 40, 10, 10, 100, 101, 10, 10, 10, 50, 50]);
        let goods = ProgramInfo {
            entitlement: None,
            monthly: false,
            ..program("GOODS")
        };
        let programs = [program("BLT"), program("PKH"), goods];
        let (ledger, names) = coded(ledger);
        let ledger = Deliveries::read(&ledger, &programs, &names).unwrap();
        let flags = flag(&ledger, &registry, &programs, &[]);
        let row = |row, registered, flags, q_value, entitlement| FlaggedRow {
            row,
            registered,
            flags,
            q_value,
            entitlement,
        };
        let (dup, inel, exit, over, unreg) = (0, 1, 2, 3, 4);
        let only = |flags: &[usize]| {
            let mut out = [false; 5];
            for &f in flags {
                out[f] = true;
            }
            out
        };
        assert_eq!(
            flags.rows,
            [
                // BLT twice in month 1 and once in month 2: 350 in the
                // quarter against 3 × 100.
                row(0, Some(1), only(&[dup, over]), 350, Some(100)),
                row(1, Some(1), only(&[dup, over]), 350, Some(100)),
                row(2, Some(1), only(&[over]), 350, Some(100)),
                row(3, Some(1), only(&[inel]), 50, Some(100)),
                // Day 100 is the day it moved, not after; day 101 is.
                row(6, Some(2), only(&[exit]), 30, Some(100)),
                row(7, None, only(&[unreg]), 5, None),
                row(8, None, only(&[unreg]), 7, Some(100)),
            ]
        );
        // Households 1 and 2 share a NIK: what each received in the
        // quarter. Household 1's rows without a program, or of one outside
        // site.toml, are flagged for none of the program rules (and are
        // before the day it moved). The cancelled row counts nowhere; the
        // other two are delivered all the same.
        assert_eq!(flags.sharing_nik, [0, 2]);
        let q = Some(20251);
        assert_eq!(
            flags.received.into_iter().collect::<Vec<_>>(),
            [((1, q), 2030), ((2, q), 30)]
        );
        // Row 7's household (key 9) had its registry row rejected: it is
        // in the registry's file, so its delivery is no case; row 8 has no
        // household at all and still is.
        let mut rejected = [false; 12];
        rejected[7] = true;
        let kept = flag(&ledger, &registry, &programs, &rejected);
        let cases = |f: &Flags| f.rows.iter().map(|r| r.row).collect::<Vec<_>>();
        assert_eq!(cases(&kept), [0, 1, 2, 3, 6, 8]);
        assert_eq!(kept.received.len(), 2);
    }
}
