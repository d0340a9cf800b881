//! Warnings: values that are possible but suspicious enough that a person
//! should look at them before trusting the indicators.
//!
//! - a value more than 50 times the median of its group;
//! - a robust z-score above 3.5: `0.6745 (x - median) / MAD` (Iglewicz and
//!   Hoaglin), computed on `ln(1 + x)` for rupiah amounts, whose spread grows
//!   with their size, and on the plain value for counts. Only high values are
//!   flagged: zero incomes are common and already visible in the indicators;
//! - one head NIK on several households (an integrity flag later, a warning here).

use anyhow::Result;
use polars::prelude::*;

use super::{cell, row_indices, Planned};
use crate::contract::Table;
use crate::load::typed::{trimmed, value};
use crate::load::{RawTable, ROW};
use crate::problem::Problem;

/// The robust z-score above which a value is flagged.
pub(crate) const ROBUST_Z_LIMIT: f64 = 3.5;
/// Multiple of the group median above which a value is flagged.
pub(crate) const MEDIAN_MULTIPLE_LIMIT: f64 = 50.0;

struct Watch {
    table: Table,
    column: &'static str,
    /// Compare within groups of this column (e.g. survey round).
    group: Option<&'static str>,
    /// Take `ln(1 + x)` before the robust z-score (money).
    log: bool,
}

const WATCHED: &[Watch] = &[
    Watch {
        table: Table::Households,
        column: "members",
        group: None,
        log: false,
    },
    Watch {
        table: Table::Surveys,
        column: "monthly_income",
        group: Some("round"),
        log: true,
    },
    Watch {
        table: Table::Surveys,
        column: "monthly_expenditure",
        group: Some("round"),
        log: true,
    },
    Watch {
        table: Table::Distributions,
        column: "value",
        group: Some("program"),
        log: true,
    },
];

pub(crate) fn plans(raw: &RawTable) -> PolarsResult<Vec<Planned>> {
    let mut plans: Vec<Planned> = WATCHED
        .iter()
        .filter(|w| w.table == raw.spec.table && raw.has(w.column))
        .filter_map(|w| outlier_plan(raw, w).transpose())
        .collect::<PolarsResult<_>>()?;
    if raw.spec.table == Table::Households && raw.has("head_nik") {
        plans.push(shared_nik_plan(raw)?);
    }
    Ok(plans)
}

fn outlier_plan(raw: &RawTable, w: &'static Watch) -> PolarsResult<Option<Planned>> {
    let Some(column) = raw.spec.column(w.column) else {
        return Ok(None);
    };
    let x = col("__x");
    let lx = if w.log {
        (x.clone() + lit(1.0)).log(lit(std::f64::consts::E))
    } else {
        x.clone()
    };
    let over = |e: Expr| match w.group {
        Some(g) => e.over([col(g)]),
        None => Ok(e),
    };
    let med = over(x.clone().median())?;
    let lmed = over(lx.clone().median())?;
    let mad = over((lx.clone() - lmed.clone()).abs().median())?;
    let z = (lit(0.6745) * (lx - lmed) / mad.clone()).alias("__z");
    let mut select = vec![
        col(ROW),
        col(value(column.name)).cast(DataType::Float64).alias("__x"),
        col(w.column).alias("__raw"),
    ];
    if let Some(g) = w.group {
        select.push(col(trimmed(g)).alias(g));
    }
    let lf = raw
        .lf
        .clone()
        .select(select)
        .filter(col("__x").is_not_null())
        .with_columns([med.alias("__med"), mad.alias("__mad"), z])
        .filter(
            col("__med")
                .gt(lit(0.0))
                .and(col("__x").gt(col("__med") * lit(MEDIAN_MULTIPLE_LIMIT)))
                .or(col("__mad")
                    .gt(lit(0.0))
                    .and(col("__z").gt(lit(ROBUST_Z_LIMIT)))),
        )
        .select([col(ROW), col("__raw"), col("__x"), col("__med"), col("__z")]);
    Ok(Some(Planned {
        table: w.table,
        lf,
        read: Box::new(move |raw, df, report, _| read_outliers(w, raw, df, report)),
    }))
}

fn read_outliers(
    w: &Watch,
    raw: &RawTable,
    df: &DataFrame,
    report: &mut super::FileReport,
) -> Result<()> {
    let rows = row_indices(df)?;
    let get = |name: &str| -> Result<Float64Chunked> {
        Ok(df
            .column(name)?
            .as_materialized_series()
            .cast(&DataType::Float64)?
            .f64()?
            .clone())
    };
    let (x, med, z) = (get("__x")?, get("__med")?, get("__z")?);
    let within = w.group.map(|g| format!(" of its {g}")).unwrap_or_default();
    for (j, &r) in rows.iter().enumerate() {
        let (xv, mv) = (x.get(j).unwrap_or(0.0), med.get(j).unwrap_or(0.0));
        let message = if mv > 0.0 && xv > mv * MEDIAN_MULTIPLE_LIMIT {
            format!(
                "{} is {:.0} times the median{within} ({mv:.0})",
                w.column,
                xv / mv
            )
        } else {
            let zv = z.get(j).unwrap_or(0.0);
            let scale = if w.log { " on a log scale" } else { "" };
            format!(
                "{} has a robust z-score of {zv:.1}{scale} against the median{within} ({mv:.0})",
                w.column
            )
        };
        let problem = Problem::warning("outlier", message)
            .in_column(w.column)
            .with_value(cell(df, "__raw", j)?);
        report.located(raw, r, problem);
    }
    Ok(())
}

fn shared_nik_plan(raw: &RawTable) -> PolarsResult<Planned> {
    let nik = col(trimmed("head_nik"));
    let lf = raw
        .lf
        .clone()
        .select([col(ROW), nik.alias("head_nik")])
        .filter(col("head_nik").is_not_null())
        .with_columns([col(ROW).min().over([col("head_nik")])?.alias("__first")])
        .filter(col(ROW).neq(col("__first")));
    Ok(Planned {
        table: Table::Households,
        lf,
        read: Box::new(|raw, df, report, _| {
            let rows = row_indices(df)?;
            let first = df
                .column("__first")?
                .as_materialized_series()
                .cast(&DataType::UInt64)?;
            for (j, &r) in rows.iter().enumerate() {
                let f = first.u64()?.get(j).unwrap_or(0);
                let problem = Problem::warning(
                    "shared-nik",
                    format!(
                        "the same head_nik is on the household of row {}",
                        raw.display_row(f)
                    ),
                )
                .in_column("head_nik")
                .with_value(mask_nik(&cell(df, "head_nik", j)?));
                report.located(raw, r, problem);
            }
            Ok(())
        }),
    })
}

/// A NIK with all but its six region digits masked: validation output is read
/// by data officers, but it still never needs a full identifier.
pub(crate) fn mask_nik(nik: &str) -> String {
    let keep: String = nik.chars().take(6).collect();
    let masked = nik.chars().count().saturating_sub(6);
    format!("{keep}{}", "*".repeat(masked))
}
