//! The recipients of one program in one quarter, per household, with the
//! only registry fields a public notice may show (RW, RT, the head's name
//! and the household id, both masked by the notice): what `pantau notice`
//! announces.

use anyhow::{Context, Result};
use polars::prelude::*;

use super::period::{quarter_key, Quarter};
use crate::contract::Table;
use crate::site::Site;

/// One household that received a program's aid in a quarter.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    pub rw: i64,
    pub rt: i64,
    /// The head's name as in the registry; the notice masks it.
    pub name: String,
    /// The household's line in the registry file: its number on the
    /// village's list.
    pub line: u64,
    /// Delivered ledger rows.
    pub deliveries: i64,
    /// Their rupiah value.
    pub value: i64,
}

/// The recipients of a program in a quarter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recipients {
    /// Registered households, by RW, RT and household id.
    pub households: Vec<Recipient>,
    /// Delivered rows to households that are not in the registry.
    pub unregistered: i64,
    /// Their rupiah value.
    pub unregistered_value: i64,
    /// Delivered rows to households whose registry row was rejected (under
    /// `--max-rejected-rows`): in the registry's file, but not listed.
    pub rejected: i64,
    /// Their rupiah value.
    pub rejected_value: i64,
}

/// Delivered rows of the program in the quarter, per household, with the
/// registry fields a public notice may show.
pub fn recipients(site: &Site, program: &str, q: Quarter) -> Result<Recipients> {
    let start = site.config.site.fiscal_year_start_month;
    // The ledger's program and status are compared by their codes.
    let ledger = site.coded_frame_or_empty(Table::Distributions);
    let is = |column: &str, text: &str| {
        crate::load::codes::holds(column, site.names(Table::Distributions, column), text)
    };
    let Some(households) = site.frame(Table::Households) else {
        anyhow::bail!("the site has no registry");
    };
    let rejected = site.naming_rejected_households(Table::Distributions);
    let per_household = ledger
        .with_column(crate::load::records_in(&rejected).alias("rejected"))
        .filter(
            is("status", super::ledger::DELIVERED)
                .and(is("program", program))
                .and(quarter_key(col("distributed_on"), start).eq(lit(q.key()))),
        )
        .group_by([col("household_id")])
        .agg([
            len().cast(DataType::Int64).alias("deliveries"),
            col("value").sum().cast(DataType::Int64).alias("value"),
            col("rejected").any(true),
        ]);
    let registry = households.select([
        col(crate::load::ROW).alias("registry_row"),
        col("household_id"),
        col("head_name"),
        col("rw").cast(DataType::Int64),
        col("rt").cast(DataType::Int64),
        lit(true).alias("registered"),
    ]);
    let df = per_household
        .join(
            registry,
            [col("household_id")],
            [col("household_id")],
            JoinArgs::new(JoinType::Left),
        )
        .sort(["rw", "rt", "household_id"], SortMultipleOptions::default())
        .collect()
        .map_err(anyhow::Error::from)
        .context("collecting the recipients")?;
    let text = |name: &str| -> Result<Vec<Option<String>>> {
        let s = df.column(name)?.cast(&DataType::String)?;
        Ok(s.str()?.iter().map(|v| v.map(str::to_string)).collect())
    };
    let int = |name: &str| -> Result<Vec<Option<i64>>> {
        Ok(df
            .column(name)?
            .cast(&DataType::Int64)?
            .i64()?
            .iter()
            .collect())
    };
    let registry_rows = int("registry_row")?;
    let rejected: Vec<bool> = df
        .column("rejected")?
        .bool()?
        .iter()
        .map(|v| v.unwrap_or(false))
        .collect();
    let (names, rws, rts, deliveries, values) = (
        text("head_name")?,
        int("rw")?,
        int("rt")?,
        int("deliveries")?,
        int("value")?,
    );
    let mut out = Recipients::default();
    for j in 0..df.height() {
        match (rws[j], rts[j]) {
            (Some(rw), Some(rt)) => out.households.push(Recipient {
                rw,
                rt,
                name: names[j].clone().unwrap_or_default(),
                line: site.row_number(Table::Households, registry_rows[j].unwrap_or(0) as u64),
                deliveries: deliveries[j].unwrap_or(0),
                value: values[j].unwrap_or(0),
            }),
            _ if rejected[j] => {
                out.rejected += deliveries[j].unwrap_or(0);
                out.rejected_value += values[j].unwrap_or(0);
            }
            _ => {
                out.unregistered += deliveries[j].unwrap_or(0);
                out.unregistered_value += values[j].unwrap_or(0);
            }
        }
    }
    Ok(out)
}
