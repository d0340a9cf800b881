//! What the household received, quarter by quarter, against its
//! entitlement.

use anyhow::{Context, Result};
use polars::prelude::{col, lit, DataType};

use super::household::{active_in, date_of, Household};
use super::{Delivery, QuarterAid};
use crate::contract::Table;
use crate::indicators::Quarter;
use crate::load::ROW;
use crate::privacy::mask_id;
use crate::report::lookup::Say;
use crate::site::Site;

/// The household's deliveries up to quarter `q`, per quarter and program,
/// against the entitlement of each quarter it was eligible in; `quarters`
/// are the ledger's quarters, `rule_says` each program's rule answer for
/// the household.
pub(super) fn received(
    site: &Site,
    id: &str,
    q: Quarter,
    quarters: &[Quarter],
    hh: &Household,
    rule_says: &[(String, bool)],
    say: &Say,
) -> Result<Vec<QuarterAid>> {
    let config = &site.config;
    let start = config.site.fiscal_year_start_month;
    let df = site
        .frame_or_empty(Table::Distributions)
        .filter(col("household_id").eq(lit(id)))
        .select([
            col(ROW),
            col("distribution_id"),
            col("distributed_on").cast(DataType::Int32),
            col("program"),
            col("value"),
            col("status"),
        ])
        .collect()
        .context("reading the household's deliveries")?;
    let rows = df.column(ROW)?.cast(&DataType::UInt64)?;
    let ids = df
        .column("distribution_id")?
        .as_materialized_series()
        .clone();
    let days = df
        .column("distributed_on")?
        .as_materialized_series()
        .clone();
    let programs = df.column("program")?.as_materialized_series().clone();
    let values = df.column("value")?.as_materialized_series().clone();
    let statuses = df.column("status")?.as_materialized_series().clone();
    let file = site.file_name("distributions");
    // Per quarter and program (in site.toml's order; codes not in it last).
    let order = |code: &str| {
        config
            .programs
            .iter()
            .position(|p| p.code == code)
            .unwrap_or(usize::MAX)
    };
    let monthly = |code: &str| {
        config
            .program(code)
            .is_some_and(|p| p.entitlement_per_month.is_some())
    };
    type Rows = (i64, Vec<(chrono::NaiveDate, Delivery)>);
    let mut by: std::collections::BTreeMap<(Quarter, usize, String), Rows> =
        std::collections::BTreeMap::new();
    for i in 0..df.height() {
        let Some(date) = days.i32()?.get(i).and_then(date_of) else {
            continue;
        };
        let dq = Quarter::of(date, start);
        if dq > q {
            continue;
        }
        let program = programs.str()?.get(i).unwrap_or("").to_string();
        let value = values.i64()?.get(i).unwrap_or(0);
        let status = statuses.str()?.get(i).unwrap_or("delivered").to_string();
        let entry = by
            .entry((dq, order(&program), program.clone()))
            .or_default();
        if status == "delivered" {
            entry.0 += value;
        }
        let line = site.row_number(Table::Distributions, rows.u64()?.get(i).unwrap_or(0));
        entry.1.push((
            date,
            Delivery {
                distribution_id: mask_id(ids.str()?.get(i).unwrap_or("")),
                date: say.fmt.date(date),
                program,
                status: say
                    .msg
                    .maybe(&format!("explain-delivery-{status}"))
                    .unwrap_or(status),
                value: say.fmt.rupiah(value as f64),
                source: say.ta(
                    "explain-source",
                    &[("file", file.clone()), ("line", line.to_string())],
                ),
            },
        ));
    }
    let eligible_in = |dq: Quarter, program: &str| {
        active_in(hh, dq, start) && rule_says.iter().any(|(p, yes)| p == program && *yes)
    };
    // Every quarter of the ledger up to the one asked about (and that one)
    // lists each monthly program the household was eligible for, with
    // nothing delivered if so.
    let mut shown: Vec<Quarter> = quarters.iter().copied().filter(|dq| *dq <= q).collect();
    shown.push(q);
    for dq in shown {
        for (program, _) in rule_says
            .iter()
            .filter(|(p, _)| eligible_in(dq, p) && monthly(p))
        {
            by.entry((dq, order(program), program.clone())).or_default();
        }
    }
    Ok(by
        .into_iter()
        .map(|((dq, _, program), (delivered, mut rows))| {
            rows.sort_by(|a, b| (a.0, &a.1.distribution_id).cmp(&(b.0, &b.1.distribution_id)));
            let entitlement = config
                .program(&program)
                .and_then(|p| p.entitlement_per_month)
                .filter(|_| eligible_in(dq, &program))
                .map(|m| say.fmt.rupiah((3 * m) as f64));
            QuarterAid {
                quarter: dq.label(),
                period: crate::report::summary::quarter_words(dq, start, say.fmt, say.msg),
                program,
                delivered: say.fmt.rupiah(delivered as f64),
                entitlement,
                deliveries: rows.into_iter().map(|(_, d)| d).collect(),
            }
        })
        .collect())
}
