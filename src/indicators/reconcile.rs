//! The reconciliation of every program's expense line in the budget
//! against the aid ledger: what the budget says was realised against what
//! the ledger delivered, a verdict within the tolerance of site.toml, and
//! for the lines that do not match, every ledger row behind them.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use polars::prelude::*;
use serde::Serialize;

use super::base::{cols, Base};
use super::budget::{Amounts, BudgetLine};
use super::divide;
use super::frame::{ints, texts};
use super::ledger::Totals;
use super::period::{quarter_key, Quarter};
use crate::contract::Table;
use crate::load::ROW;
use crate::site::Site;

/// How an expense line compares with the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Within the tolerance.
    Matches,
    /// The budget reports more than the ledger delivered.
    Over,
    /// The budget reports less than the ledger delivered.
    Under,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Matches => "matches",
            Verdict::Over => "over",
            Verdict::Under => "under",
        }
    }
}

/// A ledger row behind a reconciliation line that does not match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerRow {
    pub line: u64,
    pub distribution_id: String,
    pub date: String,
    /// As in the file; outputs mask it.
    pub household_id: String,
    pub value: i64,
    pub status: String,
}

/// A program's expense in one quarter against its delivered ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReconLine {
    pub period: Quarter,
    pub program: String,
    /// budget.csv lines of this program and quarter (none: no budget line).
    pub budget_lines: Vec<u64>,
    pub planned: i64,
    pub realised: i64,
    /// Value of delivered ledger rows.
    pub delivered: i64,
    /// Delivered ledger rows and the distinct households they reached.
    pub deliveries: i64,
    pub households: i64,
    /// realised - delivered.
    pub gap: i64,
    /// gap / realised; none when nothing was realised.
    pub gap_share: Option<f64>,
    /// The largest gap that counts as a match.
    pub allowed: f64,
    pub verdict: Verdict,
    /// Every ledger row of the program in the quarter (all statuses), only
    /// for lines that do not match.
    pub rows: Vec<LedgerRow>,
}

/// Every program expense line against the delivered ledger of its program
/// and quarter. A quarter the budget covers in which the ledger delivered a
/// program that has no expense line is reconciled against zero.
pub(super) fn reconcile(
    base: &Base,
    site: &Site,
    lines: &[BudgetLine],
    ledger: &BTreeMap<(Quarter, String), Totals>,
    budget_quarters: &BTreeSet<Quarter>,
) -> Result<Vec<ReconLine>> {
    let tolerance = site.config.reconciliation;
    let mut out = Vec::new();
    for &q in budget_quarters {
        for p in &base.programs {
            let mine: Vec<&BudgetLine> = lines
                .iter()
                .filter(|l| l.period == q && l.kind == "expense" && l.category == p.code)
                .collect();
            let d = ledger
                .get(&(q, p.code.clone()))
                .copied()
                .unwrap_or_default();
            if mine.is_empty() && d.rows == 0 {
                continue;
            }
            let mut a = Amounts::default();
            for l in &mine {
                a.add(l);
            }
            let gap = a.realised - d.value;
            let allowed = tolerance.allowed(a.realised);
            let verdict = if (gap.unsigned_abs() as f64) <= allowed {
                Verdict::Matches
            } else if gap > 0 {
                Verdict::Over
            } else {
                Verdict::Under
            };
            out.push(ReconLine {
                period: q,
                program: p.code.clone(),
                budget_lines: mine.iter().map(|l| l.line).collect(),
                planned: a.planned,
                realised: a.realised,
                delivered: d.value,
                deliveries: d.rows,
                households: d.households,
                gap,
                gap_share: divide(gap as f64, a.realised as f64),
                allowed,
                verdict,
                rows: Vec::new(),
            });
        }
    }
    attach_rows(base, site, &mut out)?;
    Ok(out)
}

/// Fetches the ledger rows behind every line that does not match.
fn attach_rows(base: &Base, site: &Site, lines: &mut [ReconLine]) -> Result<()> {
    let wanted: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].verdict != Verdict::Matches)
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    // The ledger's programs are codes: a line's program is looked up by
    // its code, and a program the ledger does not name has no rows.
    let names = &base.ledger_names;
    let mut pick = lit(false);
    for &i in &wanted {
        let q = lines[i].period.key();
        let program = crate::load::codes::holds("program", &names.programs, &lines[i].program);
        pick = pick.or(col(cols::Q).eq(lit(q)).and(program));
    }
    let quarter = quarter_key(col("distributed_on"), base.start_month).alias(cols::Q);
    let df = base
        .distributions
        .clone()
        .with_column(quarter)
        .filter(pick)
        .select([
            col(ROW),
            col("distribution_id"),
            col("distributed_on").cast(DataType::String),
            col("household_id"),
            col("value"),
            col("status"),
            col("program"),
            col(cols::Q),
        ])
        .sort([ROW], SortMultipleOptions::default())
        .collect()?;
    let index = ints(&df, ROW)?;
    let ids = names.ids_of(&df)?;
    let dates = texts(&df, "distributed_on")?;
    let households = texts(&df, "household_id")?;
    let values = ints(&df, "value")?;
    let decoded = |name: &str, names: &[String]| {
        crate::load::codes::texts_of(df.column(name)?.as_materialized_series(), names)
    };
    let statuses = decoded("status", &names.statuses)?;
    let programs = decoded("program", &names.programs)?;
    let qs = ints(&df, cols::Q)?;
    for j in 0..df.height() {
        let period = Quarter::from_key(qs[j].unwrap_or(0) as i32);
        let program = programs[j].clone().unwrap_or_default();
        if let Some(line) = lines
            .iter_mut()
            .find(|l| l.period == period && l.program == program)
        {
            line.rows.push(LedgerRow {
                line: site.row_number(Table::Distributions, index[j].unwrap_or(0) as u64),
                distribution_id: ids[j].clone().unwrap_or_default(),
                date: dates[j].clone().unwrap_or_default(),
                household_id: households[j].clone().unwrap_or_default(),
                value: values[j].unwrap_or(0),
                status: statuses[j].clone().unwrap_or_default(),
            });
        }
    }
    Ok(())
}
