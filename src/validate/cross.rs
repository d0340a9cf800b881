//! Rules that need two tables or the configuration: the rows of households
//! whose registry row was rejected, program funders against the budget's
//! revenue sources, and the `eligible_when` expressions, also on the
//! registry's rows.

use std::collections::BTreeMap;

use anyhow::Result;
use polars::prelude::*;

use super::{cell, eligibility, row_indices};
use crate::config::SiteConfig;
use crate::contract::Table;
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
    let ids_of = |rows: Expr| {
        households
            .lf
            .clone()
            .filter(rows)
            .select([
                col(trimmed("household_id")).alias("__hid"),
                col(ROW).alias("__hrow"),
            ])
            .filter(col("__hid").is_not_null())
    };
    // A household whose id is also on an accepted row is in the registry:
    // only the ids of rejected rows alone, each once (its first rejected
    // row named).
    let in_rejected = crate::load::records_in(rejected);
    let accepted = ids_of(in_rejected.clone().not()).select([col("__hid")]);
    let ids = ids_of(in_rejected)
        .join(
            accepted,
            [col("__hid")],
            [col("__hid")],
            JoinArgs::new(JoinType::Anti),
        )
        .unique_stable_generic(Some(vec![col("__hid")]), UniqueKeepStrategy::First);
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

/// Checks of site.toml against the data: funders, eligibility expressions
/// (also on `registry`, the registry's accepted rows as typed, when read).
pub(crate) fn config_problems(
    config: &SiteConfig,
    tables: &BTreeMap<Table, RawTable>,
    registry: Option<&LazyFrame>,
    file: &str,
) -> Result<Vec<Problem>> {
    let mut problems = eligibility_problems(&config.programs, registry, file);

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

/// For each program, whether the privacy gate would refuse to show its
/// rule in a report: the rule holds 16 digits in a row (as the gate reads
/// them: in groups, in any script), or the digits of a household id or
/// head NIK of the registry (8 or more). The registry's identifiers are
/// read only when a rule has 8 digits or more in a row.
fn shows_identifier(
    programs: &[crate::config::Program],
    registry: Option<&LazyFrame>,
) -> Vec<bool> {
    use crate::privacy::{has_digit_chain, Document, Gate};
    let shown: Vec<String> = programs
        .iter()
        .map(|p| eligibility::as_shown(&p.eligible_when))
        .collect();
    let long: Vec<bool> = shown.iter().map(|s| has_digit_chain(s, 8)).collect();
    if !long.contains(&true) {
        return long;
    }
    let mut gate = Gate::default();
    let ids = registry.and_then(|lf| {
        lf.clone()
            .select([col("household_id"), col("head_nik")])
            .collect()
            .ok()
    });
    if let Some(df) = &ids {
        for column in ["household_id", "head_nik"] {
            let Ok(texts) = df.column(column).and_then(|c| c.str()) else {
                continue;
            };
            let ids: Vec<(&str, u64)> = texts.iter().flatten().map(|id| (id, 0)).collect();
            gate.add_read("households".into(), column, &ids);
        }
    }
    shown
        .iter()
        .zip(long)
        .map(|(shown, long)| {
            let doc = Document {
                name: "eligible_when",
                text: shown,
                columns: &[],
                digit_runs: true,
            };
            long && gate.check(&doc).is_err()
        })
        .collect()
}

/// `eligible_when` must be a rule [`eligibility::expression`] accepts; the
/// rules it accepts must also be evaluable on the registry's accepted rows
/// (`registry`, typed), where every command evaluates them. A rule that
/// would show an identification number is refused before anything else,
/// and its problem does not quote it.
fn eligibility_problems(
    programs: &[crate::config::Program],
    registry: Option<&LazyFrame>,
    file: &str,
) -> Vec<Problem> {
    let located = |program: &crate::config::Program, check: &str, message: String| {
        Problem::error(
            check,
            format!("program {}: eligible_when {message}", program.code),
        )
        .in_file(file)
        .at_row(program.eligible_when_line)
        .in_column("eligible_when")
    };
    let err = |program: &crate::config::Program, check: &str, message: String| {
        located(program, check, message).with_value(&program.eligible_when)
    };
    let mut problems = Vec::new();
    let mut read = Vec::new();
    // Every report shows the rules: one quoting an identification number
    // would have each of them refused by the privacy gate.
    let shown = shows_identifier(programs, registry);
    for (program, shown) in programs.iter().zip(shown) {
        if shown {
            problems.push(located(
                program,
                "privacy",
                "quotes an identification number: every report shows the programs' \
                 rules, and no public output shows a NIK, a family-card number or a \
                 household id in full; choose the households by other columns of the \
                 registry"
                    .to_string(),
            ));
            continue;
        }
        match eligibility::expression(&program.eligible_when) {
            Ok(expr) => read.push((program, expr)),
            Err(refusal) if refusal.check == "privacy" => {
                problems.push(located(program, refusal.check, refusal.message))
            }
            Err(refusal) => problems.push(err(program, refusal.check, refusal.message)),
        }
    }
    if let Some(registry) = registry {
        let exprs: Vec<Expr> = read.iter().map(|(_, e)| e.clone()).collect();
        for (i, why) in eligibility::failures(&exprs, registry) {
            problems.push(err(
                read[i].0,
                "sql",
                format!("cannot be evaluated on the registry's households: {why}"),
            ));
        }
    }
    problems
}
