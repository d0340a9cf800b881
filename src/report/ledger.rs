//! Totals of the aid ledger (distributions) per quarter, program and status,
//! for the council report and for choosing the default period: value,
//! number of deliveries, households, and the months a quarter has records in.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result};
use polars::prelude::*;

use crate::contract::Table;
use crate::indicators::period::{month_key, quarter_key};
use crate::indicators::Quarter;
use crate::site::Site;

/// Ledger totals of one (quarter, program, status).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Totals {
    pub rows: f64,
    pub value: f64,
    pub households: f64,
}

#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// (quarter, program, status) → totals.
    pub totals: BTreeMap<(Quarter, String, String), Totals>,
    /// (quarter, program) → distinct households with a delivered row.
    pub reached: BTreeMap<(Quarter, String), f64>,
    /// Calendar months (year * 12 + month - 1) with any ledger row, per quarter.
    pub months: BTreeMap<Quarter, BTreeSet<i32>>,
}

impl Ledger {
    pub(crate) fn load(site: &Site) -> Result<Ledger> {
        let Some(lf) = site.frame(Table::Distributions) else {
            return Ok(Ledger::default());
        };
        crate::progress::step(format!(
            "totalling the aid ledger of {}",
            site.dir.display()
        ));
        let start = site.config.site.fiscal_year_start_month;
        let lf = lf.select([
            quarter_key(col("distributed_on"), start).alias("q"),
            month_key(col("distributed_on")).alias("month"),
            col("program"),
            col("status"),
            col("value"),
            col("household_id"),
        ]);
        let totals = lf
            .clone()
            .group_by([col("q"), col("program"), col("status")])
            .agg([
                len().cast(DataType::Float64).alias("rows"),
                col("value").sum().cast(DataType::Float64).alias("value"),
                col("household_id")
                    .n_unique()
                    .cast(DataType::Float64)
                    .alias("households"),
            ])
            .sort(["q", "program", "status"], SortMultipleOptions::default());
        let months = lf
            .clone()
            .group_by([col("q"), col("month")])
            .agg([len().alias("n")])
            .sort(["q", "month"], SortMultipleOptions::default());
        let plans = vec![totals.logical_plan, months.logical_plan];
        let frames = LazyFrame::collect_all_with_engine(plans, Engine::Auto, OptFlags::default())
            .map_err(anyhow::Error::from)
            .context("summing the aid ledger")?;
        let mut ledger = Ledger::default();
        let df = &frames[0];
        let q = df.column("q")?.i32()?;
        let program = df.column("program")?.str()?;
        let status = df.column("status")?.str()?;
        let rows = df.column("rows")?.f64()?;
        let value = df.column("value")?.f64()?;
        let households = df.column("households")?.f64()?;
        for i in 0..df.height() {
            let (Some(q), Some(p), Some(s)) = (q.get(i), program.get(i), status.get(i)) else {
                continue;
            };
            let quarter = Quarter::from_key(q);
            let t = Totals {
                rows: rows.get(i).unwrap_or(0.0),
                value: value.get(i).unwrap_or(0.0),
                households: households.get(i).unwrap_or(0.0),
            };
            if s == "delivered" {
                ledger
                    .reached
                    .insert((quarter, p.to_string()), t.households);
            }
            ledger
                .totals
                .insert((quarter, p.to_string(), s.to_string()), t);
        }
        let df = &frames[1];
        let q = df.column("q")?.i32()?;
        let month = df.column("month")?.i32()?;
        for i in 0..df.height() {
            if let (Some(q), Some(m)) = (q.get(i), month.get(i)) {
                ledger
                    .months
                    .entry(Quarter::from_key(q))
                    .or_default()
                    .insert(m);
            }
        }
        Ok(ledger)
    }

    /// The latest quarter with ledger rows in each of its three months; the
    /// latest quarter with any rows when none is complete.
    pub(crate) fn latest_complete(&self) -> Option<Quarter> {
        self.months
            .iter()
            .rev()
            .find(|(_, months)| months.len() >= 3)
            .or_else(|| self.months.iter().next_back())
            .map(|(q, _)| *q)
    }

    /// Totals of a quarter and program over the given statuses.
    pub(crate) fn sum(&self, q: Quarter, program: &str, status: &str) -> Totals {
        self.totals
            .get(&(q, program.to_string(), status.to_string()))
            .cloned()
            .unwrap_or_default()
    }
}
