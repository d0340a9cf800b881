//! Text → contract types, as polars expressions.
//!
//! Every parser here yields null for a value it cannot read; validation
//! compares the parsed column with the text to report exactly those values, so
//! nothing unreadable reaches an indicator unnoticed.

use polars::prelude::*;

use crate::contract::{Column, Kind, TableSpec, FALSE_WORDS, TRUE_WORDS};

use super::ROW;

/// The column's text, trimmed; an empty or blank cell is null.
pub(crate) fn text(name: &str) -> Expr {
    let s = col(name).str().strip_chars(lit(NULL));
    when(s.clone().eq(lit("")))
        .then(lit(NULL).cast(DataType::String))
        .otherwise(s)
}

/// True when `e` equals one of `values`.
pub(crate) fn one_of(e: Expr, values: &[&str]) -> Expr {
    values
        .iter()
        .fold(lit(false), |acc, v| acc.or(e.clone().eq(lit(*v))))
}

/// The parsed value of a contract column, null when missing or unreadable.
/// Enumerated columns are lower-cased and take their default when empty.
pub(crate) fn parse(c: &Column) -> Expr {
    let t = text(c.name);
    let e = match c.kind {
        Kind::Text if !c.allowed.is_empty() => {
            let lower = t.str().to_lowercase();
            let known = one_of(lower.clone(), c.allowed);
            let parsed = when(known)
                .then(lower)
                .otherwise(lit(NULL).cast(DataType::String));
            match c.default {
                Some(d) => when(text(c.name).is_null()).then(lit(d)).otherwise(parsed),
                None => parsed,
            }
        }
        Kind::Text => t,
        Kind::Int => t.cast(DataType::Int64),
        Kind::Decimal => t.cast(DataType::Float64),
        Kind::Date => t.str().to_date(StrptimeOptions {
            format: Some("%Y-%m-%d".into()),
            strict: false,
            exact: true,
            cache: true,
        }),
        Kind::Bool => {
            let lower = t.str().to_lowercase();
            when(one_of(lower.clone(), TRUE_WORDS))
                .then(lit(true))
                .when(one_of(lower, FALSE_WORDS))
                .then(lit(false))
                .otherwise(lit(NULL).cast(DataType::Boolean))
        }
        Kind::Gender => {
            let upper = t.str().to_uppercase();
            when(one_of(upper.clone(), &["L", "M"]))
                .then(lit("L"))
                .when(one_of(upper, &["P", "F"]))
                .then(lit("P"))
                .otherwise(lit(NULL).cast(DataType::String))
        }
    };
    e.alias(c.name)
}

/// The polars type of a parsed column.
pub(crate) fn dtype(kind: Kind) -> DataType {
    match kind {
        Kind::Text | Kind::Gender => DataType::String,
        Kind::Int => DataType::Int64,
        Kind::Decimal => DataType::Float64,
        Kind::Date => DataType::Date,
        Kind::Bool => DataType::Boolean,
    }
}

/// The explicit schema of a typed table.
pub(crate) fn schema(spec: &TableSpec) -> Schema {
    let mut fields = vec![Field::new(ROW.into(), IDX_DTYPE)];
    fields.extend(
        spec.columns
            .iter()
            .map(|c| Field::new(c.name.into(), dtype(c.kind))),
    );
    fields.into_iter().collect()
}

/// The typed frame of a raw table: every contract column parsed, plus [`ROW`].
pub(crate) fn typed(spec: &TableSpec, raw: LazyFrame) -> LazyFrame {
    let mut exprs = vec![col(ROW)];
    exprs.extend(spec.columns.iter().map(|c| parse(c).cast(dtype(c.kind))));
    raw.select(exprs)
}
