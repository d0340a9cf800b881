//! Where the engine's arithmetic differs from SQL's, the rule is evaluated
//! as SQL would answer it or refused: a quotient is the exact IEEE
//! quotient (the engine multiplies by the divisor's reciprocal, and 3 / 10
//! would not be 0.3), `ROUND` rounds halves away from zero (the engine
//! rounds them to even) and a cast of a decimal to a whole number rounds
//! them to even, as SQL rounds a DOUBLE (the engine cuts the fraction
//! off), a value that is not a number or is
//! infinite fails the rule rather than comparing as larger than every
//! number, a remainder or floored quotient of a value that may be negative,
//! a two-argument `LOG` and a difference of dates are refused, and so is a
//! rule that reads other households than the one it decides (`AVG`,
//! `LAG`, `UNNEST`) or pads a text to a length that could exhaust memory.

use polars::prelude::*;

use super::{is_constant, not_a_number, refuse, show, Refusal, Shape};

/// The longest text a rule may pad to (`LPAD(head_name, 20)`): longer
/// than any name, far from what would exhaust memory over a registry.
const PAD_MAX: i128 = 1_000;

/// What a rule may not do whatever its types: each refusal's message.
pub(super) fn refused_forms(shape: &Shape, expr: &Expr) -> Result<(), Refusal> {
    for e in expr {
        match e {
            // A list written in the rule (`members IN (1, 2)`) is one value.
            Expr::Agg(_) if is_constant(e) => {}
            Expr::Agg(_) | Expr::Over { .. } | Expr::Len => {
                return other_households(e);
            }
            Expr::Explode { .. }
            | Expr::Filter { .. }
            | Expr::Slice { .. }
            | Expr::Gather { .. }
            | Expr::Sort { .. }
            | Expr::SortBy { .. } => return other_households(e),
            Expr::Function { function, input } => {
                let name = function.to_string();

                if name.ends_with("pad_start") || name.ends_with("pad_end") {
                    let length = input.get(1).map(|l| shape.range(l)).transpose()?.flatten();
                    if length.is_none_or(|(_, hi)| hi > PAD_MAX) {
                        return refuse(
                            "sql",
                            format!(
                                "computes {}, a text padded to a length that may exceed \
                                 {PAD_MAX} characters, which over a registry could exhaust \
                                 the memory: pad to a written length of at most {PAD_MAX}",
                                show(e)
                            ),
                        );
                    }
                }
            }
            Expr::BinaryExpr {
                left,
                op: Operator::Modulus | Operator::FloorDivide,
                right,
            } => {
                let may_be_negative = |side: &Expr| {
                    !at_most(side) && !matches!(shape.range(side), Ok(Some((lo, _))) if lo >= 0)
                };
                if may_be_negative(left) || may_be_negative(right) {
                    return refuse(
                        "sql",
                        format!(
                            "computes {}, a remainder or a rounded-down quotient of a value \
                             that may be negative, which the engine rounds toward minus \
                             infinity where SQL rounds toward zero ((members - 10) % 3 is 2 \
                             for a household of 9, -1 in SQL): divide values that are never \
                             negative",
                            show(e)
                        ),
                    );
                }
            }
            _ => {}
        }
        if matches!(shape.dtype(e), Some(DataType::Duration(_))) && !matches!(e, Expr::Literal(_)) {
            return refuse(
                "sql",
                format!(
                    "computes {}, a span of time (a date minus a date), which the engine \
                     counts in milliseconds where SQL counts days, and compares with a \
                     number as such: compare dates with dates (registered_on < DATE \
                     '2025-01-01')",
                    show(e)
                ),
            );
        }
    }
    Ok(())
}

fn other_households<T>(e: &Expr) -> Result<T, Refusal> {
    refuse(
        "sql",
        format!(
            "computes {}, which reads other households than the one it decides (an \
             aggregate such as AVG or COUNT, a window such as LAG or ROW_NUMBER, UNNEST): a \
             rule decides each household by its own row",
            show(e)
        ),
    )
}

/// Refuses a rule whose answer for a household depends on the others:
/// evaluated on the households `rows` together and on each alone (and in
/// the reverse order), its answers must agree and be one per household.
/// It is where the rule as every command evaluates it first meets
/// households: an operation the engine stops on rather than answers is
/// refused there, by the catch around the checks. A rule that fails on
/// these rows is left to the checks on the registry.
pub(super) fn row_by_row(expr: &Expr, rows: &DataFrame) -> Result<(), Refusal> {
    let answers = |df: DataFrame| -> Option<Vec<String>> {
        let out = df
            .lazy()
            .select([expr.clone().alias("__v")])
            .collect()
            .ok()?;
        let c = out.column("__v").ok()?;
        Some((0..c.len()).map(|i| format!("{:?}", c.get(i))).collect())
    };
    let n = rows.height();
    let Some(together) = answers(rows.clone()) else {
        return Ok(());
    };
    if is_constant(expr) {
        return Ok(());
    }
    if together.len() != n {
        return other_households(expr);
    }
    let reversed = answers(rows.reverse());
    if reversed.is_some_and(|mut r| {
        r.reverse();
        r != together
    }) {
        return other_households(expr);
    }
    for (i, answer) in together.iter().enumerate() {
        if answers(rows.slice(i as i64, 1)).is_some_and(|alone| alone != [answer.clone()]) {
            return other_households(expr);
        }
    }
    Ok(())
}

/// The rule evaluated as SQL answers it (the module's notes): every
/// quotient exact, `ROUND` rounding halves away from zero and casts of
/// decimals to whole numbers to even, and every decimal a function or an operation
/// computes failing the rule where it is not a number or is infinite.
pub(super) fn as_sql(shape: &Shape, expr: Expr) -> Expr {
    expr.map_expr(|e| {
        let e = match e {
            Expr::BinaryExpr {
                left,
                op: Operator::TrueDivide,
                right,
            } => exact_quotient((*left).clone(), (*right).clone()),
            Expr::Function {
                input,
                function: FunctionExpr::Round { decimals, .. },
            } => Expr::Function {
                input,
                function: FunctionExpr::Round {
                    decimals,
                    mode: RoundMode::HalfAwayFromZero,
                },
            },
            Expr::Cast {
                expr: inner,
                dtype: DataTypeExpr::Literal(to),
                options,
            } if to.is_integer()
                && shape.dtype(&inner).as_ref().is_some_and(DataType::is_float) =>
            {
                Expr::Cast {
                    expr: Arc::new((*inner).clone().round(0, RoundMode::HalfToEven)),
                    dtype: DataTypeExpr::Literal(to),
                    options,
                }
            }
            other => other,
        };
        match shape.dtype(&e) {
            Some(dtype) if dtype.is_float() && !matches!(e, Expr::Literal(_) | Expr::Column(_)) => {
                finite(e, dtype)
            }
            _ => e,
        }
    })
}

/// `left / right` as the exact IEEE quotient of the two as decimals.
fn exact_quotient(left: Expr, right: Expr) -> Expr {
    left.map_many(
        |columns| {
            let n = columns.iter().map(Column::len).max().unwrap_or(0);
            let name = columns[0].name().clone();
            let mut values = Vec::with_capacity(2);
            for c in columns.iter() {
                let c = c.cast(&DataType::Float64)?;
                let c = if c.len() == 1 && n != 1 {
                    c.new_from_index(0, n)
                } else {
                    c
                };
                values.push(c.f64()?.clone());
            }
            let quotient: Float64Chunked = values[0]
                .iter()
                .zip(values[1].iter())
                // By zero, no value, as every division of a rule.
                .map(|(a, b)| match (a, b) {
                    (Some(a), Some(b)) if b != 0.0 => Some(a / b),
                    _ => None,
                })
                .collect();
            Ok(quotient.with_name(name).into_column())
        },
        &[right],
        |_, fields| Ok(Field::new(fields[0].name().clone(), DataType::Float64)),
    )
}

/// `e`, a decimal of type `dtype`, failing where it is not a number or is
/// infinite: SQL stops on the square root of a negative number and the
/// logarithm of zero, and the engine's NaN compares as larger than every
/// number.
fn finite(e: Expr, dtype: DataType) -> Expr {
    e.map(
        |c| {
            if not_a_number(&c) {
                polars_bail!(
                    ComputeError: "a decimal that is not a number or is infinite on some \
                    households (the square root or the logarithm of a negative number, the \
                    logarithm of zero, a number beyond ±1.8 × 10^308): keep the values \
                    within the function's domain, for example SQRT(GREATEST(x, 0))"
                );
            }
            Ok(c)
        },
        move |_, field| Ok(Field::new(field.name().clone(), dtype.clone())),
    )
}

/// What the rule's text says that the engine's expression no longer shows
/// (it folds written values and gives some forms the shape of others).
#[derive(Default)]
pub(super) struct Written {
    /// `IS [NOT] TRUE` or `IS [NOT] FALSE`, which SQL answers true or false
    /// for a condition without a value, and the engine leaves without one.
    pub truth_tests: bool,
}

/// Reads the rule's text as SQL's syntax, for what the engine would answer
/// otherwise: `LOG` of two values (the engine reads it the other way
/// round), a decimal written in the rule cast to a whole number (folded,
/// inside an `IN` list, before it could be rounded as SQL rounds it), and
/// `IS TRUE` beside `= TRUE` (the engine writes both alike).
pub(super) fn written(text: &str) -> Result<Written, Refusal> {
    use sqlparser::ast::{BinaryOperator, DataType as SqlType, Expr as Sql, Value};
    use std::ops::ControlFlow;
    let parsed = sqlparser::parser::Parser::new(&sqlparser::dialect::GenericDialect)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr());
    let Ok(parsed) = parsed else {
        return Ok(Written::default());
    };
    let mut written = Written::default();
    let mut compared_with_truth = false;
    let found = sqlparser::ast::visit_expressions(&parsed, |e| {
        match e {
            Sql::Function(f) => {
                let name = f.name.to_string().trim_matches('"').to_ascii_lowercase();
                let args = match &f.args {
                    sqlparser::ast::FunctionArguments::List(list) => list.args.len(),
                    _ => 0,
                };
                if name == "log" && args == 2 {
                    return ControlFlow::Break(format!(
                        "computes {e}: a LOG of two values, which the engine reads the other \
                         way round from SQL (the logarithm of the base to the value): write \
                         LN(x) / LN(base), or LOG10(x)"
                    ));
                }
            }
            Sql::Cast {
                expr, data_type, ..
            } => {
                let whole = matches!(
                    data_type,
                    SqlType::TinyInt(_)
                        | SqlType::SmallInt(_)
                        | SqlType::Int(_)
                        | SqlType::Integer(_)
                        | SqlType::BigInt(_)
                        | SqlType::HugeInt
                        | SqlType::UInt32
                        | SqlType::UBigInt
                        | SqlType::UInt64
                        | SqlType::Int8(_)
                        | SqlType::Int16
                        | SqlType::Int32
                        | SqlType::Int64
                        | SqlType::Int2(_)
                        | SqlType::Int4(_)
                        | SqlType::Unsigned
                        | SqlType::IntUnsigned(_)
                        | SqlType::IntegerUnsigned(_)
                        | SqlType::BigIntUnsigned(_)
                );
                let mut inner = &**expr;
                while let Sql::UnaryOp { expr, .. } | Sql::Nested(expr) = inner {
                    inner = expr;
                }
                let fraction = match inner {
                    Sql::Value(v) => match &v.value {
                        Value::Number(n, _) => n.contains(['.', 'e', 'E']),
                        _ => false,
                    },
                    _ => false,
                };
                if matches!(
                    data_type,
                    SqlType::Float(_) | SqlType::Real | SqlType::Float4 | SqlType::Float32
                ) {
                    return ControlFlow::Break(format!(
                        "computes {e}: FLOAT and REAL are decimals of 32 bits in SQL, which the \
                         engine computes in 64 and answers otherwise: cast to DOUBLE"
                    ));
                }
                if whole && fraction {
                    return ControlFlow::Break(format!(
                        "computes {e}: a decimal written in the rule cast to a whole number, \
                         which the engine cuts where SQL rounds: write the whole number"
                    ));
                }
            }
            Sql::IsTrue(_) | Sql::IsNotTrue(_) | Sql::IsFalse(_) | Sql::IsNotFalse(_) => {
                written.truth_tests = true;
            }
            Sql::BinaryOp { left, op, right }
                if matches!(op, BinaryOperator::Eq | BinaryOperator::NotEq)
                    && [left, right].iter().any(|side| {
                        matches!(&***side, Sql::Value(v) if matches!(v.value, Value::Boolean(_)))
                    }) =>
            {
                compared_with_truth = true;
            }
            _ => {}
        }
        ControlFlow::Continue(())
    });
    if let ControlFlow::Break(message) = found {
        return refuse("sql", message);
    }
    if written.truth_tests && compared_with_truth {
        return refuse(
            "sql",
            "tests a condition both with IS TRUE or IS FALSE and with = TRUE or = FALSE, \
             which the engine cannot tell apart: write one of the two"
                .to_string(),
        );
    }
    Ok(written)
}

/// `expr` with every test of a condition against TRUE or FALSE answering
/// false, not nothing, for a condition without a value (`IS TRUE`).
pub(super) fn truth_tests_as_sql(expr: Expr) -> Expr {
    expr.map_expr(|e| match e {
        Expr::BinaryExpr {
            left,
            op: Operator::Eq,
            right,
        } if matches!(
            &*right,
            Expr::Literal(v) if matches!(v.to_any_value(), Some(AnyValue::Boolean(_)))
        ) =>
        {
            Expr::BinaryExpr {
                left,
                op: Operator::EqValidity,
                right,
            }
        }
        other => other,
    })
}

/// Whether `e` is a column minus a column the contract bounds by it
/// (`members - children`, `members - elderly`), never negative.
fn at_most(e: &Expr) -> bool {
    let Expr::BinaryExpr {
        left,
        op: Operator::Minus,
        right,
    } = e
    else {
        return false;
    };
    let (Expr::Column(whole), Expr::Column(part)) = (&**left, &**right) else {
        return false;
    };
    let households = crate::contract::spec(crate::contract::Table::Households);
    households
        .column(part)
        .and_then(|c| c.max)
        .is_some_and(|b| matches!(b, crate::contract::Bound::Col(c) if c == whole.as_str()))
}
