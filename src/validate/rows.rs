//! Rules a single row can break: types, required values, ranges (fixed or
//! against another column of the row), allowed values, identifier shape, date
//! order, conditional requirements and program codes (uniqueness, which
//! compares rows, is in [`super::keys`]).
//!
//! All rules of a table are evaluated in one pass, as [`Test`]s over the
//! row's cells, in one function over the table's columns. Only rows that
//! break a rule are collected, and the tests are run again on those rows to
//! name the rules they break.

use std::collections::BTreeSet;

use anyhow::Result;
use polars::prelude::*;

use super::cells::{aligned, flagged, Allowed, Cells, Inputs, Operand, Test};
use super::{cell, row_indices, FileReport, Planned};
use crate::config::SiteConfig;
use crate::contract::{
    describe_char, hidden_problem, identifier_problem, label_problem, Bound, Column, Kind, Pattern,
    Table,
};
use crate::load::typed::{fault, problem_code, trimmed, value};
use crate::load::{RawTable, ROW};
use crate::problem::Problem;

/// One row rule: where `check` fails, `column` breaks `rule`.
struct Rule {
    column: &'static str,
    rule: &'static str,
    message: String,
    test: Test,
    /// What exactly is wrong with the (trimmed) value, added to the message.
    explain: Option<fn(&str) -> Option<String>>,
    /// A number or date column whose [`fault`] code names the rule and
    /// message of each flagged row (one rule for every way its text can
    /// fail to read).
    fault: Option<&'static Column>,
}

/// The first character of a NIK or KK number that is not a digit.
fn non_digit(v: &str) -> Option<String> {
    let (at, c) = v.chars().enumerate().find(|(_, c)| !c.is_ascii_digit())?;
    Some(format!("{} at position {}", describe_char(c), at + 1))
}

/// The first character of a label that is not shown as it is, or that
/// makes it pass for another label.
fn shown_label_problem(v: &str) -> Option<String> {
    hidden_problem(v).or_else(|| label_problem(v))
}

fn bound(b: Bound, inputs: &mut Inputs) -> (Operand, String) {
    match b {
        Bound::Lit(v) => (Operand::Lit(v), v.to_string()),
        Bound::Col(c) => (Operand::Col(inputs.at(value(c))), c.to_string()),
    }
}

fn column_rules(
    c: &'static Column,
    raw: &RawTable,
    config: Option<&SiteConfig>,
    inputs: &mut Inputs,
) -> Vec<Rule> {
    let mut rules = Vec::new();
    let t = inputs.at(trimmed(c.name));
    // A column read in the pass has a text only where its value cannot
    // give it back: a cell is missing when it has neither.
    let v = raw.read_in_pass(c.name).then(|| inputs.at(value(c.name)));
    let rule = |rule: &'static str, message: String, test: Test| Rule {
        column: c.name,
        rule,
        message,
        test,
        explain: None,
        fault: None,
    };

    rules.push(rule(
        "excel-error",
        format!(
            "{} holds an Excel error value instead of data; fix the formula or type the value",
            c.name
        ),
        Test::ExcelError(t),
    ));
    if c.required {
        rules.push(rule(
            "required",
            format!("{} is required", c.name),
            Test::Missing { text: t, value: v },
        ));
    }
    if let Some((other, unless)) = c.required_unless {
        rules.push(rule(
            "required",
            format!("{} is required when {other} is not {unless}", c.name),
            Test::MissingUnless {
                text: t,
                value: v,
                other: inputs.at(value(other)),
                unless,
            },
        ));
    }
    match c.kind {
        Kind::Text if !c.allowed.is_empty() => rules.push(rule(
            "enum",
            format!("{} must be one of: {}", c.name, c.allowed.join(", ")),
            Test::Unread {
                text: t,
                value: inputs.at(value(c.name)),
            },
        )),
        Kind::Text => {
            if c.pattern == Some(Pattern::Label) {
                rules.push(Rule {
                    explain: Some(shown_label_problem),
                    ..rule(
                        "hidden-character",
                        format!(
                            "{} holds a control character, a direction override, a character \
                             nobody sees, a space other than the plain one or two spaces in a \
                             row: a label that looks like another would count as a group of \
                             its own",
                            c.name
                        ),
                        Test::OtherChars {
                            text: t,
                            allowed: Allowed::Label,
                            unless_damaged: false,
                        },
                    )
                });
            } else if c.pattern.is_none() {
                rules.push(Rule {
                    explain: Some(hidden_problem),
                    ..rule(
                        "hidden-character",
                        format!(
                            "{} holds a control character or a direction override, which \
                             would change how the text and what follows it are shown",
                            c.name
                        ),
                        Test::OtherChars {
                            text: t,
                            allowed: Allowed::Shown,
                            unless_damaged: false,
                        },
                    )
                });
            }
            if matches!(
                c.pattern,
                Some(Pattern::Identifier | Pattern::SixteenDigits)
            ) || c.name == "household_id"
            {
                rules.push(rule(
                    "damaged-identifier",
                    format!(
                        "{} is in scientific notation: a spreadsheet stored the identifier \
                         as a number and kept only its first digits; format the column as \
                         Text and type the numbers again",
                        c.name
                    ),
                    Test::Damaged(t),
                ));
            }
        }
        Kind::Int | Kind::Decimal | Kind::Date => {
            rules.push(Rule {
                fault: Some(c),
                ..rule("type", String::new(), Test::Fault(inputs.at(fault(c.name))))
            });
        }
        kind => rules.push(rule(
            "type",
            format!("{} must be {}", c.name, kind.describe()),
            Test::Unread {
                text: t,
                value: inputs.at(value(c.name)),
            },
        )),
    }
    if let Some(min) = c.min {
        let (b, label) = bound(min, inputs);
        rules.push(rule(
            "range",
            format!("{} must be at least {label}", c.name),
            Test::Below {
                value: inputs.at(value(c.name)),
                bound: b,
            },
        ));
    }
    if let Some(max) = c.max {
        let (b, label) = bound(max, inputs);
        rules.push(rule(
            "range",
            format!("{} must be at most {label}", c.name),
            Test::Above {
                value: inputs.at(value(c.name)),
                bound: b,
            },
        ));
    }
    if c.pattern == Some(Pattern::SixteenDigits) {
        rules.push(Rule {
            explain: Some(non_digit),
            ..rule(
                "pattern",
                format!("{} must be exactly 16 digits", c.name),
                Test::NotSixteenDigits(t),
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
                Test::OtherChars {
                    text: t,
                    allowed: Allowed::Identifier,
                    unless_damaged: true,
                },
            )
        });
    }
    if let Some(other) = c.not_before {
        rules.push(rule(
            "date-order",
            format!("{} must not be before {other}", c.name),
            Test::Below {
                value: inputs.at(value(c.name)),
                bound: Operand::Col(inputs.at(value(other))),
            },
        ));
    }
    if raw.spec.table == Table::Surveys && c.name == "round" {
        // Any other round is a follow-up: a baseline written in capitals
        // would leave the site without a baseline, and its income changes
        // without rows.
        rules.push(rule(
            "baseline",
            "the baseline round is written baseline, in small letters; any other round \
             is read as a follow-up"
                .to_string(),
            Test::OtherCase {
                text: t,
                words: vec!["baseline".to_string()],
            },
        ));
    }
    if raw.spec.table == Table::Budget && c.name == "category" {
        if let Some(cfg) = config {
            // An expense line is a program's when its category is the
            // program's code: `cash` beside a program CASH would be
            // spending of no program, and the program's cost per household
            // and reconciliation would go without it.
            let codes = cfg.program_codes();
            rules.push(rule(
                "reference",
                format!(
                    "a category that names a program is written as its code in site.toml ({}), \
                     letter case included",
                    codes.join(", ")
                ),
                Test::OtherCase {
                    text: t,
                    words: codes,
                },
            ));
        }
    }
    if raw.spec.table == Table::Distributions && c.name == "program" {
        if let Some(cfg) = config {
            let codes = cfg.program_codes();
            rules.push(rule(
                "reference",
                format!(
                    "program must be a [[program]] code in site.toml ({})",
                    codes.join(", ")
                ),
                Test::NotIn { text: t, codes },
            ));
        }
    }
    rules
}

/// The column saying whether a row breaks any test of a single row.
const BROKEN: &str = "__broken";

/// The row-rule plan and the row-count plan of one table.
pub(crate) fn plans(raw: &RawTable, config: Option<&SiteConfig>) -> PolarsResult<Vec<Planned>> {
    let table = raw.spec.table;
    let mut inputs = Inputs::default();
    let mut rules: Vec<Rule> = Vec::new();
    for c in raw.spec.columns {
        if raw.has(c.name) || c.required_unless.is_some() {
            rules.extend(column_rules(c, raw, config, &mut inputs));
        }
    }
    let tests: Vec<Test> = rules.iter().map(|r| r.test.clone()).collect();

    // The rows that break a rule are found on a narrow frame (the row
    // number and the flag), then joined to their cells: filtering the
    // table's every column for the few rows that break a rule costs more
    // than the rules themselves.
    let flags: Vec<Expr> = vec![col(ROW), flagged(tests, &inputs, BROKEN)];
    // The cells of the flagged rows: the inputs of the tests, and each
    // column's text as the file held it, written back (on these rows
    // alone) where a column read in the pass did not keep it.
    let mut names: BTreeSet<String> = inputs.names().iter().cloned().collect();
    names.extend(raw.spec.columns.iter().map(|c| c.name.to_string()));
    names.extend(
        raw.spec
            .columns
            .iter()
            .filter(|c| raw.read_in_pass(c.name))
            .map(|c| value(c.name)),
    );
    let mut cells: Vec<Expr> = vec![col(ROW)];
    cells.extend(names.iter().map(|n| col(n.as_str())));
    let texts: Vec<Expr> = raw
        .spec
        .columns
        .iter()
        .map(|c| raw.original(c.name))
        .collect();
    let broken = raw.lf.clone().select(flags).filter(col(BROKEN));
    let checked = raw
        .lf
        .clone()
        .select(cells)
        .join(
            broken,
            [col(ROW)],
            [col(ROW)],
            JoinArgs::new(JoinType::Inner),
        )
        .with_columns(texts)
        .sort([ROW], SortMultipleOptions::default());

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
            read_rules(&rules, inputs.names(), raw, df, report, rejected)
        }),
    };
    Ok(vec![count_plan, rule_plan])
}

/// The problems of the rows that break a rule, rule by rule.
fn read_rules(
    rules: &[Rule],
    inputs: &[String],
    raw: &RawTable,
    df: &DataFrame,
    report: &mut FileReport,
    rejected: &mut BTreeSet<u64>,
) -> Result<()> {
    let rows = row_indices(df)?;
    let columns = inputs
        .iter()
        .map(|n| Ok(df.column(n)?.clone()))
        .collect::<Result<Vec<polars::prelude::Column>>>()?;
    let series = aligned(&columns, df.height());
    // Which rows break each rule: the tests run again on the flagged rows.
    let mut broken: Vec<Vec<bool>> = rules
        .iter()
        .map(|_| Vec::with_capacity(df.height()))
        .collect();
    Cells::each(&series, |_, n, cells| {
        for (r, out) in rules.iter().zip(&mut broken) {
            let mut bad = vec![false; n];
            r.test.mark(cells, &mut bad);
            out.extend(bad);
        }
    })?;
    for (r, broken) in rules.iter().zip(&broken) {
        let codes = match r.fault {
            Some(c) => Some(df.column(&fault(c.name))?.as_materialized_series().clone()),
            None => None,
        };
        for (j, _) in broken.iter().enumerate().filter(|(_, b)| **b) {
            let (rule, mut message) = match (r.fault, &codes) {
                (Some(c), Some(codes)) => {
                    let code = codes.i32()?.get(j).unwrap_or(0);
                    problem_code(c, raw.spec.name, code)
                }
                _ => (r.rule, r.message.clone()),
            };
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
