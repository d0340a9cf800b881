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
//!   received in the whole ledger.
//! - `flag_unregistered_recipient`: a delivery to a `household_id` that is
//!   not in the registry.
//!
//! Rows: the number of cases per quarter (and `all`), overall and per
//! program, and `flag_amount` (rupiah at stake) per flag.

use super::id::Id;
use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;
use serde::Serialize;

use super::base::{cols, Base};
use super::frame::{ints, texts};
use super::period::{Period, Quarter};
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
}

impl Case {
    /// The household id as outputs may show it.
    pub fn household_shown(&self) -> String {
        mask_id(&self.household_id)
    }
}

pub(crate) struct Pending {
    ledger: usize,
    nik: usize,
    quarters: Vec<Quarter>,
    programs: Vec<String>,
}

/// A `when program = code then x` chain over the programs.
fn per_program(base: &Base, value: impl Fn(usize) -> Option<Expr>, otherwise: Expr) -> Expr {
    let mut out = otherwise;
    for (i, p) in base.programs.iter().enumerate().rev() {
        if let Some(v) = value(i) {
            out = when(col("program").eq(lit(p.code.as_str())))
                .then(v)
                .otherwise(out);
        }
    }
    out
}

pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Result<Pending> {
    let mut registry = vec![
        col(cols::HH),
        col(ROW).alias("h_row"),
        col("status").alias("h_status"),
        col("status_changed_on").alias("h_since"),
        col("rw").alias("h_rw"),
    ];
    registry.extend((0..base.programs.len()).map(|i| col(cols::eligible(i))));
    let registry = base.households.clone().select(registry);

    let entitlement = per_program(
        base,
        |i| base.programs[i].entitlement.map(lit),
        lit(NULL).cast(DataType::Int64),
    );
    let eligible = per_program(base, |i| Some(col(cols::eligible(i))), lit(true));
    let delivered = base
        .distributions
        .clone()
        .filter(col("status").eq(lit("delivered")));
    let flagged = delivered
        .with_column(entitlement.alias("entitlement"))
        .join(
            registry,
            [col(cols::HH)],
            [col(cols::HH)],
            JoinArgs {
                validation: JoinValidation::ManyToOne,
                ..JoinArgs::new(JoinType::Left)
            },
        )
        .with_columns([
            col("entitlement")
                .is_not_null()
                .and(col(cols::N_MONTH).gt(lit(1i64)))
                .alias("f_dup"),
            col("h_row")
                .is_not_null()
                .and(eligible.not())
                .alias("f_inel"),
            col("h_status")
                .neq(lit("active"))
                .and(col("h_since").is_not_null())
                .and(col("distributed_on").gt(col("h_since")))
                .fill_null(lit(false))
                .alias("f_exit"),
            col("entitlement")
                .is_not_null()
                .and(col(cols::Q_VALUE).gt(col("entitlement") * lit(3i64)))
                .alias("f_over"),
            col("h_row").is_null().alias("f_unreg"),
        ])
        .filter(
            col("f_dup")
                .or(col("f_inel"))
                .or(col("f_exit"))
                .or(col("f_over"))
                .or(col("f_unreg")),
        )
        .select([
            col(ROW),
            col("distribution_id"),
            col("distributed_on").cast(DataType::String),
            col("household_id"),
            col("program"),
            col("value"),
            col(cols::Q),
            col(cols::MONTH),
            col(cols::Q_VALUE),
            col("entitlement"),
            col("h_status"),
            col("h_since").cast(DataType::String),
            col("h_rw").cast(DataType::Int64),
            col("f_dup").cast(DataType::Int64),
            col("f_inel").cast(DataType::Int64),
            col("f_exit").cast(DataType::Int64),
            col("f_over").cast(DataType::Int64),
            col("f_unreg").cast(DataType::Int64),
        ])
        .sort([ROW], SortMultipleOptions::default());

    let received = base
        .distributions
        .clone()
        .filter(col("status").eq(lit("delivered")))
        .group_by([col(cols::HH)])
        .agg([col("value").sum().cast(DataType::Int64).alias("received")]);
    let nik = base
        .households
        .clone()
        .filter(col("head_nik").is_not_null())
        .with_column(
            len()
                .over([col("head_nik")])?
                .cast(DataType::Int64)
                .alias("n"),
        )
        .filter(col("n").gt(lit(1i64)))
        .select([
            col(ROW),
            col("household_id"),
            col(cols::HH),
            col("head_nik"),
            col("rw").cast(DataType::Int64),
        ])
        .join(
            received,
            [col(cols::HH)],
            [col(cols::HH)],
            JoinArgs::new(JoinType::Left),
        )
        .sort(["head_nik", ROW], SortMultipleOptions::default());
    Ok(Pending {
        ledger: batch.add(flagged),
        nik: batch.add(nik),
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
        let df = &frames[self.ledger];
        let n = df.height();
        let text = |name: &str| -> Result<Vec<String>> {
            Ok(texts(df, name)?
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect())
        };
        let int = |name: &str| -> Result<Vec<Option<i64>>> { ints(df, name) };
        let (index, ids, dates, households, programs) = (
            int(ROW)?,
            text("distribution_id")?,
            text("distributed_on")?,
            text("household_id")?,
            text("program")?,
        );
        let (values, qs, months, q_values, entitlements) = (
            int("value")?,
            int(cols::Q)?,
            int(cols::MONTH)?,
            int(cols::Q_VALUE)?,
            int("entitlement")?,
        );
        let (statuses, sinces, rws) = (text("h_status")?, text("h_since")?, int("h_rw")?);
        let flag_cols = ["f_dup", "f_inel", "f_exit", "f_over", "f_unreg"]
            .map(|c| int(c).map(|v| v.into_iter().map(|x| x == Some(1)).collect::<Vec<_>>()));
        let [dup, inel, exit, over, unreg] = flag_cols;
        let (dup, inel, exit, over, unreg) = (dup?, inel?, exit?, over?, unreg?);
        let rows: Vec<Flagged> = (0..n)
            .map(|j| Flagged {
                index: index[j].unwrap_or(0) as u64,
                id: ids[j].clone(),
                date: dates[j].clone(),
                household: households[j].clone(),
                program: programs[j].clone(),
                value: values[j].unwrap_or(0),
                q: qs[j].unwrap_or(0) as i32,
                month: months[j].unwrap_or(0) as i32,
                q_value: q_values[j].unwrap_or(0),
                entitlement: entitlements[j],
                status: statuses[j].clone(),
                since: sinces[j].clone(),
                rw: rws[j],
                flags: [dup[j], inel[j], exit[j], over[j], unreg[j]],
            })
            .collect();
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
        let (index, households, niks, received, rws) = (
            ints(df, ROW)?,
            texts(df, "household_id")?,
            texts(df, "head_nik")?,
            ints(df, "received")?,
            ints(df, "rw")?,
        );
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
                amount: js.iter().map(|&j| received[j].unwrap_or(0)).sum(),
                detail: Detail::DuplicateNik {
                    nik: mask_id(&nik),
                    households: js.len(),
                },
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
