//! Rules that need two tables or the configuration: the rows of households
//! whose registry row was rejected, program funders against the budget's
//! revenue sources, and the `eligible_when` expressions.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::{cell, row_indices};
use crate::config::SiteConfig;
use crate::contract::{spec, Table};
use crate::load::typed::{trimmed, value};
use crate::load::{RawTable, ROW};
use crate::problem::Problem;

/// The referring tables, of those read, whose file has `household_id`.
fn referring(tables: &BTreeMap<Table, RawTable>) -> impl Iterator<Item = (Table, &RawTable)> {
    super::keys::REFERRING.into_iter().filter_map(|t| {
        tables
            .get(&t)
            .filter(|raw| raw.has("household_id"))
            .map(|raw| (t, raw))
    })
}

/// `ROW` and `household_id` of a referring table's rows, joined (`how`) to
/// the registry's ids in `ids` (column `__hid`).
fn by_household(raw: &RawTable, ids: &LazyFrame, how: JoinType) -> LazyFrame {
    raw.lf
        .clone()
        .select([col(ROW), col(trimmed("household_id")).alias("household_id")])
        .filter(col("household_id").is_not_null())
        .join(
            ids.clone(),
            [col("household_id")],
            [col("__hid")],
            JoinArgs::new(how),
        )
}

/// Rows of the referring tables whose household's registry row was
/// rejected: (table, record index, household_id, registry line).
pub(crate) fn on_rejected_households(
    tables: &BTreeMap<Table, RawTable>,
    rejected: &std::collections::BTreeSet<u64>,
    engine: Engine,
) -> Result<Vec<(Table, u64, String, u64)>> {
    let Some(households) = tables.get(&Table::Households) else {
        return Ok(Vec::new());
    };
    let ids = households
        .lf
        .clone()
        .filter(crate::load::records_in(rejected))
        .select([
            col(trimmed("household_id")).alias("__hid"),
            col(ROW).alias("__hrow"),
        ])
        .filter(col("__hid").is_not_null());
    let referring: Vec<(Table, &RawTable)> = referring(tables).collect();
    let frames = super::collect_all(
        referring
            .iter()
            .map(|(_, raw)| by_household(raw, &ids, JoinType::Inner))
            .collect(),
        engine,
    )?;
    let mut found = Vec::new();
    for (&(table, _), df) in referring.iter().zip(frames) {
        let rows = row_indices(&df)?;
        let hrows = df
            .column("__hrow")?
            .as_materialized_series()
            .cast(&DataType::UInt64)?;
        for (j, &r) in rows.iter().enumerate() {
            let h = hrows.u64()?.get(j).unwrap_or(0);
            found.push((
                table,
                r,
                cell(&df, "household_id", j)?,
                households.display_row(h),
            ));
        }
    }
    Ok(found)
}

/// Checks of site.toml against the data: funders, eligibility expressions.
pub(crate) fn config_problems(
    config: &SiteConfig,
    tables: &BTreeMap<Table, RawTable>,
    file: &str,
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for program in &config.programs {
        problems.extend(eligibility_problems(program, file));
    }

    let budget = match tables.get(&Table::Budget) {
        Some(budget) => {
            let rows = budget.lf.clone().select([len().alias("n")]).collect()?;
            let n = rows.column("n")?.u32()?.get(0).unwrap_or(0);
            (n > 0).then_some(budget)
        }
        None => None,
    };
    match budget {
        Some(budget) => {
            let revenue = budget
                .lf
                .clone()
                .select([
                    col(value("kind")).alias("kind"),
                    col(trimmed("category")).alias("category"),
                ])
                .filter(col("kind").eq(lit("revenue")))
                .select([col("category")])
                .unique(None, UniqueKeepStrategy::Any)
                .collect()?;
            let sources: Vec<String> = revenue
                .column("category")?
                .as_materialized_series()
                .str()?
                .iter()
                .flatten()
                .map(str::to_string)
                .collect();
            for p in &config.programs {
                if !sources.iter().any(|s| s == &p.funder) {
                    problems.push(
                        Problem::error(
                            "reference",
                            format!(
                                "program {}: funder {} is not a revenue category of the budget \
                                 ({}): add a revenue line with category {}, or change the \
                                 program's funder",
                                p.code,
                                p.funder,
                                budget.path.display(),
                                p.funder
                            ),
                        )
                        .in_file(file)
                        .at_row(p.funder_line)
                        .in_column("funder")
                        .with_value(&p.funder),
                    );
                }
            }
        }
        None => problems.push(
            Problem::warning(
                "reference",
                "there are no budget lines yet, so the programs' funders will be checked \
                 against the budget's revenue categories once it is filled in",
            )
            .in_file(file)
            .in_column("funder"),
        ),
    }
    Ok(problems)
}

/// `eligible_when` must parse as SQL, name only household columns and give a boolean.
pub(crate) fn eligibility_problems(program: &crate::config::Program, file: &str) -> Vec<Problem> {
    let err = |rule: &str, message: String| {
        Problem::error(rule, format!("program {}: {message}", program.code))
            .in_file(file)
            .at_row(program.eligible_when_line)
            .in_column("eligible_when")
            .with_value(&program.eligible_when)
    };
    if let Some(why) = rule_too_complex(&program.eligible_when) {
        return vec![err("sql", why)];
    }
    let expr = match polars::sql::sql_expr(&program.eligible_when) {
        Ok(e) => e,
        Err(e) => {
            return vec![err(
                "sql",
                format!("eligible_when is not a valid SQL expression: {e}"),
            )]
        }
    };
    let hh = spec(Table::Households);
    let unknown: Vec<String> = expr
        .clone()
        .meta()
        .root_names()
        .into_iter()
        .map(|n| n.to_string())
        .filter(|n| hh.column(n).is_none())
        .collect();
    if !unknown.is_empty() {
        return vec![err(
            "eligible-column",
            format!(
                "eligible_when names {} which is not a households column",
                unknown.join(", ")
            ),
        )];
    }
    let empty = DataFrame::empty_with_schema(&crate::load::typed::schema(hh));
    match empty.lazy().select([expr.alias("__eligible")]).collect() {
        Ok(df) => match df.column("__eligible").map(|c| c.dtype().clone()) {
            Ok(DataType::Boolean) => Vec::new(),
            Ok(other) => vec![err(
                "sql",
                format!("eligible_when must be true or false for a household, but gives {other}"),
            )],
            Err(e) => vec![err("sql", e.to_string())],
        },
        Err(e) => {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or_default().trim().to_string();
            let message = if first.contains("to a string") && first.contains("date") {
                "eligible_when compares a date column with text: write a date as \
                 DATE '2025-01-01' (for example registered_on < DATE '2025-01-01')"
                    .to_string()
            } else {
                format!("eligible_when cannot be evaluated on households: {first}")
            };
            vec![err("sql", message)]
        }
    }
}

/// The most conditions (comparisons joined by AND and OR), the deepest
/// nesting of parentheses and the longest text an eligibility rule may
/// have. A rule of a village program is a few conditions; a machine-made
/// rule thousands of conditions long would only exhaust the parser.
const RULE_MAX_CONDITIONS: usize = 100;
const RULE_MAX_DEPTH: usize = 20;
const RULE_MAX_CHARS: usize = 4_000;

/// Why a rule is too large to read, if it is.
pub(crate) fn rule_too_complex(rule: &str) -> Option<String> {
    if rule.chars().count() > RULE_MAX_CHARS {
        return Some(format!(
            "eligible_when is {} characters long; a rule may have at most {RULE_MAX_CHARS}",
            rule.chars().count()
        ));
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for c in rule.chars() {
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if deepest > RULE_MAX_DEPTH {
        return Some(format!(
            "eligible_when nests parentheses {deepest} deep; a rule may nest at most \
             {RULE_MAX_DEPTH}"
        ));
    }
    let joins = rule
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
        .count();
    if joins + 1 > RULE_MAX_CONDITIONS {
        return Some(format!(
            "eligible_when joins {} conditions; a rule may have at most {RULE_MAX_CONDITIONS}",
            joins + 1
        ));
    }
    None
}
