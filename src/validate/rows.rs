//! Rules a single row can break: types, required values, ranges (fixed or
//! against another column of the row), allowed values, identifier shape, date
//! order, conditional requirements, uniqueness and program codes.
//!
//! All rules of a table are evaluated in one pass: each becomes a boolean
//! column, and only rows where one of them is true are collected.

use std::collections::BTreeSet;

use anyhow::Result;
use polars::prelude::*;

use super::{cell, row_indices, FileReport, Planned};
use crate::config::SiteConfig;
use crate::contract::{
    describe_char, hidden_problem, identifier_char, identifier_problem, shown_char, Bound, Column,
    Kind, Pattern, Table,
};
use crate::load::parse::identifier_damaged;
use crate::load::typed::{fault, one_of, problem_code, trimmed, value};
use crate::load::{RawTable, ROW};
use crate::problem::Problem;

/// One row rule: where `cond` is true, `column` breaks `rule`.
struct Rule {
    column: &'static str,
    rule: &'static str,
    message: String,
    cond: Expr,
    /// Column holding the first row of a duplicated key (uniqueness rules).
    first_row: Option<String>,
    /// What exactly is wrong with the (trimmed) value, added to the message.
    explain: Option<fn(&str) -> Option<String>>,
    /// A number or date column whose [`fault`] code names the rule and
    /// message of each flagged row (one rule for every way its text can
    /// fail to read).
    fault: Option<&'static Column>,
}

/// True where a text holds a character `allowed` refuses.
fn has_other_chars(t: Expr, allowed: fn(char) -> bool) -> Expr {
    t.map(
        move |c: polars::prelude::Column| {
            let ca = c.str()?;
            let out: BooleanChunked = ca
                .iter()
                .map(|v| Some(v.is_some_and(|v| !v.chars().all(allowed))))
                .collect();
            Ok(out.with_name(c.name().clone()).into_series().into_column())
        },
        |_, f| Ok(Field::new(f.name().clone(), DataType::Boolean)),
    )
}

/// The first character of a NIK or KK number that is not a digit.
fn non_digit(v: &str) -> Option<String> {
    let (at, c) = v.chars().enumerate().find(|(_, c)| !c.is_ascii_digit())?;
    Some(format!("{} at position {}", describe_char(c), at + 1))
}

/// The values Excel shows (and writes to CSV) for a formula that failed.
const EXCEL_ERRORS: &[&str] = &[
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// True where a text is one of [`EXCEL_ERRORS`]. Every one begins with
/// `#`, which a clean column never does: the first byte of each text is
/// read from the column's views (no text is touched), and only a column
/// holding such a text is compared value by value.
fn excel_error(t: Expr) -> Expr {
    t.map(
        |c: polars::prelude::Column| {
            let ca = c.str()?;
            let hashed = ca.downcast_iter().any(|arr| {
                arr.views()
                    .iter()
                    .any(|v| v.length > 0 && v.prefix.to_le_bytes()[0] == b'#')
            });
            let out: BooleanChunked = if hashed {
                ca.iter()
                    .map(|v| Some(v.is_some_and(|v| EXCEL_ERRORS.contains(&v))))
                    .collect()
            } else {
                BooleanChunked::full(c.name().clone(), false, ca.len())
            };
            Ok(out.with_name(c.name().clone()).into_series().into_column())
        },
        |_, f| Ok(Field::new(f.name().clone(), DataType::Boolean)),
    )
}

/// True where a text is an identifier a spreadsheet turned into a number.
fn damaged(t: Expr) -> Expr {
    t.map(
        |c: polars::prelude::Column| {
            let ca = c.str()?;
            let out: BooleanChunked = ca
                .iter()
                .map(|v| Some(v.is_some_and(identifier_damaged)))
                .collect();
            Ok(out.with_name(c.name().clone()).into_series().into_column())
        },
        |_, f| Ok(Field::new(f.name().clone(), DataType::Boolean)),
    )
}

fn bound_expr(b: Bound) -> (Expr, String) {
    match b {
        Bound::Lit(v) => (lit(v), v.to_string()),
        Bound::Col(c) => (col(value(c)), c.to_string()),
    }
}

fn column_rules(c: &'static Column, raw: &RawTable, config: Option<&SiteConfig>) -> Vec<Rule> {
    let mut rules = Vec::new();
    let t = col(trimmed(c.name));
    let p = col(value(c.name));
    let rule = |rule: &'static str, message: String, cond: Expr| Rule {
        column: c.name,
        rule,
        message,
        cond,
        first_row: None,
        explain: None,
        fault: None,
    };

    rules.push(rule(
        "excel-error",
        format!(
            "{} holds an Excel error value instead of data; fix the formula or type the value",
            c.name
        ),
        excel_error(t.clone()),
    ));
    if c.required {
        rules.push(rule(
            "required",
            format!("{} is required", c.name),
            t.clone().is_null(),
        ));
    }
    if let Some((other, unless)) = c.required_unless {
        rules.push(rule(
            "required",
            format!("{} is required when {other} is not {unless}", c.name),
            t.clone().is_null().and(col(value(other)).neq(lit(unless))),
        ));
    }
    match c.kind {
        Kind::Text if !c.allowed.is_empty() => rules.push(rule(
            "enum",
            format!("{} must be one of: {}", c.name, c.allowed.join(", ")),
            t.clone().is_not_null().and(p.clone().is_null()),
        )),
        Kind::Text => {
            if c.pattern.is_none() {
                rules.push(Rule {
                    explain: Some(hidden_problem),
                    ..rule(
                        "hidden-character",
                        format!(
                            "{} holds a control character or a direction override, which \
                             would change how the text and what follows it are shown",
                            c.name
                        ),
                        has_other_chars(t.clone(), shown_char),
                    )
                });
            }
            if c.pattern.is_some() || c.name == "household_id" {
                rules.push(rule(
                    "damaged-identifier",
                    format!(
                        "{} is in scientific notation: a spreadsheet stored the identifier \
                         as a number and kept only its first digits; format the column as \
                         Text and type the numbers again",
                        c.name
                    ),
                    damaged(t.clone()),
                ));
            }
        }
        Kind::Int | Kind::Decimal | Kind::Date => {
            rules.push(Rule {
                fault: Some(c),
                ..rule("type", String::new(), col(fault(c.name)).is_not_null())
            });
        }
        kind => rules.push(rule(
            "type",
            format!("{} must be {}", c.name, kind.describe()),
            t.clone().is_not_null().and(p.clone().is_null()),
        )),
    }
    if let Some(min) = c.min {
        let (e, label) = bound_expr(min);
        rules.push(rule(
            "range",
            format!("{} must be at least {label}", c.name),
            p.clone().lt(e),
        ));
    }
    if let Some(max) = c.max {
        let (e, label) = bound_expr(max);
        rules.push(rule(
            "range",
            format!("{} must be at most {label}", c.name),
            p.clone().gt(e),
        ));
    }
    if c.pattern == Some(Pattern::SixteenDigits) {
        rules.push(Rule {
            explain: Some(non_digit),
            ..rule(
                "pattern",
                format!("{} must be exactly 16 digits", c.name),
                t.clone()
                    .is_not_null()
                    .and(t.clone().str().contains(lit("^[0-9]{16}$"), true).not())
                    .and(damaged(t.clone()).not()),
            )
        });
    }
    if c.pattern == Some(Pattern::Identifier) {
        rules.push(Rule {
            explain: Some(identifier_problem),
            ..rule(
                "identifier",
                format!(
                    "{} must be plain ASCII letters, digits and - _ . / (a hidden or \
                     look-alike character makes a second, different id)",
                    c.name
                ),
                has_other_chars(t.clone(), identifier_char).and(damaged(t.clone()).not()),
            )
        });
    }
    if let Some(other) = c.not_before {
        rules.push(rule(
            "date-order",
            format!("{} must not be before {other}", c.name),
            p.clone().lt(col(value(other))),
        ));
    }
    if raw.spec.table == Table::Distributions && c.name == "program" {
        if let Some(cfg) = config {
            let codes: Vec<&str> = cfg.programs.iter().map(|p| p.code.as_str()).collect();
            rules.push(rule(
                "reference",
                format!(
                    "program must be a [[program]] code in site.toml ({})",
                    codes.join(", ")
                ),
                t.clone().is_not_null().and(one_of(t, &codes).not()),
            ));
        }
    }
    rules
}

/// Uniqueness rules, and for each the window expression giving the first row
/// of the duplicated key (so the message can point at both rows).
fn unique_rules(raw: &RawTable) -> PolarsResult<(Vec<Rule>, Vec<Expr>)> {
    let mut rules = Vec::new();
    let mut firsts = Vec::new();
    for key in raw.spec.unique {
        let parts: Vec<Expr> = key.iter().map(|k| col(trimmed(k))).collect();
        let joined = if parts.len() == 1 {
            parts[0].clone()
        } else {
            concat_str(parts, "\u{1f}", false)
        };
        let first = format!("__first_{}", key.join("_"));
        firsts.push(col(ROW).min().over([joined.clone()])?.alias(first.as_str()));
        rules.push(Rule {
            column: key[0],
            rule: "unique",
            message: if key.len() == 1 {
                format!("{} must be unique", key[0])
            } else {
                format!("({}) must be unique", key.join(", "))
            },
            cond: joined
                .clone()
                .is_not_null()
                .and(joined.is_first_distinct().not()),
            first_row: Some(first),
            explain: None,
            fault: None,
        });
    }
    Ok((rules, firsts))
}

/// The row-rule plan and the row-count plan of one table.
pub(crate) fn plans(raw: &RawTable, config: Option<&SiteConfig>) -> PolarsResult<Vec<Planned>> {
    let table = raw.spec.table;
    let mut rules: Vec<Rule> = Vec::new();
    for c in raw.spec.columns {
        if raw.has(c.name) || c.required_unless.is_some() {
            rules.extend(column_rules(c, raw, config));
        }
    }
    let (unique, firsts) = unique_rules(raw)?;
    rules.extend(unique);

    let flags: Vec<Expr> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            r.cond
                .clone()
                .fill_null(lit(false))
                .alias(format!("__c{i}"))
        })
        .collect();
    let flag_names: Vec<Expr> = (0..rules.len()).map(|i| col(format!("__c{i}"))).collect();
    let mut keep: Vec<Expr> = vec![col(ROW)];
    keep.extend(raw.spec.columns.iter().map(|c| col(c.name)));
    keep.extend(flag_names.iter().cloned());
    keep.extend(rules.iter().filter_map(|r| r.first_row.as_deref()).map(col));
    keep.extend(
        rules
            .iter()
            .filter_map(|r| r.fault)
            .map(|c| col(fault(c.name))),
    );

    let any = match any_horizontal(flag_names.clone()) {
        Ok(e) => e,
        Err(_) => lit(false),
    };
    let checked = raw
        .lf
        .clone()
        .with_columns(firsts)
        .with_columns(flags)
        .filter(any)
        .select(keep);

    let count = raw.lf.clone().select([len().alias("rows")]);
    let count_plan = Planned {
        table,
        lf: count,
        read: Box::new(|_, df, report, _| {
            let rows = df
                .column("rows")?
                .as_materialized_series()
                .cast(&DataType::UInt64)?;
            report.rows_read = rows.u64()?.get(0).unwrap_or(0);
            Ok(())
        }),
    };

    let rule_plan = Planned {
        table,
        lf: checked,
        read: Box::new(move |raw, df, report, rejected| {
            read_rules(&rules, raw, df, report, rejected)
        }),
    };
    Ok(vec![count_plan, rule_plan])
}

fn read_rules(
    rules: &[Rule],
    raw: &RawTable,
    df: &DataFrame,
    report: &mut FileReport,
    rejected: &mut BTreeSet<u64>,
) -> Result<()> {
    let rows = row_indices(df)?;
    for (i, r) in rules.iter().enumerate() {
        let flags = df
            .column(&format!("__c{i}"))?
            .as_materialized_series()
            .bool()?
            .clone();
        let firsts = match &r.first_row {
            Some(name) => Some(
                df.column(name)?
                    .as_materialized_series()
                    .cast(&DataType::UInt64)?,
            ),
            None => None,
        };
        let codes = match r.fault {
            Some(c) => Some(df.column(&fault(c.name))?.as_materialized_series().clone()),
            None => None,
        };
        for (j, flag) in flags.iter().enumerate() {
            if flag != Some(true) {
                continue;
            }
            let (rule, mut message) = match (r.fault, &codes) {
                (Some(c), Some(codes)) => {
                    let code = codes.i32()?.get(j).unwrap_or(0);
                    problem_code(c, raw.spec.name, code)
                }
                _ => (r.rule, r.message.clone()),
            };
            if let Some(f) = &firsts {
                if let Some(first) = f.u64()?.get(j) {
                    message = format!("{message}; first seen on row {}", raw.display_row(first));
                }
            }
            let value = cell(df, r.column, j)?;
            if let Some(why) = r.explain.and_then(|explain| explain(value.trim())) {
                message = format!("{message}: {why}");
            }
            let problem = Problem::error(rule, message)
                .in_column(r.column)
                .with_value(value);
            report.reject(raw, rejected, rows[j], problem);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(texts: &[Option<&str>]) -> Vec<bool> {
        let df = df!("t" => texts).unwrap();
        let out = df
            .lazy()
            .select([excel_error(col("t")).alias("e")])
            .collect()
            .unwrap();
        out.column("e")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .map(|v| v.unwrap_or(false))
            .collect()
    }

    #[test]
    fn excel_errors_are_found_and_other_texts_beginning_with_a_hash_are_not() {
        assert_eq!(
            flags(&[
                Some("12"),
                None,
                Some("#N/A"),
                Some("#hashtag"),
                Some("#DIV/0!")
            ]),
            [false, false, true, false, true]
        );
        // A column without any text beginning with '#' (long texts included,
        // whose first bytes are read from the views).
        assert_eq!(
            flags(&[Some("a longer text than twelve bytes"), None, Some("N/A")]),
            [false, false, false]
        );
        assert_eq!(flags(&[Some("#GETTING_DATA")]), [true]);
    }
}
