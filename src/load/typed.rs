//! Text → contract types, as polars expressions.
//!
//! Every parser here yields null for a value it cannot read; validation
//! compares the parsed column with the text to report exactly those values, so
//! nothing unreadable reaches an indicator unnoticed. Numbers and dates are
//! read by [`super::parse`], one value at a time, with the number style and
//! date order the site declared for the table.

use polars::prelude::*;

use super::parse::{self as p, DateError, NumberError};
use super::{RawTable, Reading, ROW};
use crate::contract::{Column, Kind, TableSpec, FALSE_WORDS, TRUE_WORDS};

/// Applies `f` to every non-null text of `e`, giving a column of `dtype`.
fn per_value<T, F>(e: Expr, dtype: DataType, f: F) -> Expr
where
    T: polars::prelude::PolarsNumericType,
    F: Fn(&str) -> Option<T::Native> + Send + Sync + 'static,
{
    let out = dtype.clone();
    e.map(
        move |c: polars::prelude::Column| {
            let ca = c.str()?;
            let parsed: ChunkedArray<T> = ca.iter().map(|v| v.and_then(&f)).collect();
            Ok(parsed
                .with_name(c.name().clone())
                .into_series()
                .into_column())
        },
        move |_, field| Ok(Field::new(field.name().clone(), out.clone())),
    )
}

fn days_since_epoch(d: chrono::NaiveDate) -> i32 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (d - epoch).num_days() as i32
}

/// Why a number or date text cannot be read, as a small code per value
/// (null when it reads): see [`problem_code`].
pub(crate) fn problem(c: &Column, reading: &Reading) -> Option<Expr> {
    let t = text(c.name);
    let e = match c.kind {
        Kind::Int => {
            let style = reading.number_style(c.name);
            per_value::<Int32Type, _>(t, DataType::Int32, move |v| {
                p::parse_int(v, style).err().map(number_code)
            })
        }
        Kind::Decimal => {
            let style = reading.number_style(c.name);
            per_value::<Int32Type, _>(t, DataType::Int32, move |v| {
                p::parse_decimal(v, style).err().map(number_code)
            })
        }
        Kind::Date => {
            let order = reading.dates;
            per_value::<Int32Type, _>(t, DataType::Int32, move |v| {
                p::parse_date(v, order).err().map(date_code)
            })
        }
        _ => return None,
    };
    Some(e)
}

fn number_code(e: NumberError) -> i32 {
    match e {
        NumberError::Unreadable => 1,
        NumberError::Ambiguous => 2,
        NumberError::NotWhole => 3,
        NumberError::Scientific => 4,
        NumberError::TooLarge => 5,
    }
}

fn date_code(e: DateError) -> i32 {
    match e {
        DateError::Unreadable => 1,
        DateError::Ambiguous => 2,
        DateError::ShortYear => 3,
        DateError::NoSuchDay => 4,
        DateError::SerialOutOfRange => 5,
        DateError::OutOfRange => 6,
    }
}

/// The rule and message of a problem code of [`problem`], for column `c`
/// of table `table`.
pub(crate) fn problem_code(c: &Column, table: &str, code: i32) -> (&'static str, String) {
    let name = c.name;
    match (c.kind, code) {
        (Kind::Date, 2) => (
            "ambiguous",
            format!(
                "{name}: day and month can both be read either way; declare dates = \"day-first\" (or \"month-first\") under [format.{table}] in site.toml"
            ),
        ),
        (Kind::Date, 3) => (
            "type",
            format!("{name}: the year must have four digits"),
        ),
        (Kind::Date, 4) => ("type", format!("{name} is not a calendar date")),
        (Kind::Date, 5) => (
            "type",
            format!("{name}: as an Excel date number it is outside 1950-2100"),
        ),
        (Kind::Date, 6) => (
            "range",
            format!("{name} must be a date from 1950-01-01 to 2100-12-31"),
        ),
        (Kind::Date, _) => ("type", format!("{name} must be {}", c.kind.describe())),
        (_, 2) => (
            "ambiguous",
            format!(
                "{name}: the separator can mean thousands or a fraction; declare \
                 numbers = \"id\" (1.500 = 1500) or \"en\" (1.500 = 1.5) under \
                 [format.{table}] in site.toml"
            ),
        ),
        (_, 3) => ("type", format!("{name} must be a whole number")),
        (_, 4) => (
            "type",
            format!(
                "{name} is in scientific notation, so Excel has rounded it; format the \
                 column as Number and save again"
            ),
        ),
        (_, 5) => ("type", format!("{name} is too large")),
        _ => ("type", format!("{name} must be {}", c.kind.describe())),
    }
}

/// The column's text, trimmed; an empty or blank cell is null.
pub(crate) fn text(name: &str) -> Expr {
    string_map(col(name), |v| {
        let t = v.trim();
        (t.len() != v.len() || t.is_empty()).then(|| (!t.is_empty()).then(|| t.to_string()))
    })
}

/// The text lower-cased.
pub(crate) fn lowercase(e: Expr) -> Expr {
    string_map(e, |v| {
        v.chars()
            .any(|c| c.to_lowercase().ne(std::iter::once(c)))
            .then(|| Some(v.to_lowercase()))
    })
}

/// The text upper-cased.
fn uppercase(e: Expr) -> Expr {
    string_map(e, |v| {
        v.chars()
            .any(|c| c.to_uppercase().ne(std::iter::once(c)))
            .then(|| Some(v.to_uppercase()))
    })
}

/// Rewrites the texts of a string column with `change`, which gives `None`
/// for a value that stays as it is and `Some(new)` (null when `None`) for one
/// that changes. A column in which nothing changes, the usual case of a clean
/// file, is handed on as it is, without building a new column: these
/// helpers run on every text column of every table.
fn string_map<F>(e: Expr, change: F) -> Expr
where
    F: Fn(&str) -> Option<Option<String>> + Send + Sync + 'static,
{
    e.map(
        move |c: polars::prelude::Column| {
            let ca = c.str()?;
            if !ca.iter().flatten().any(|v| change(v).is_some()) {
                return Ok(c);
            }
            let out: StringChunked = ca
                .iter()
                .map(|v| match v.map(|v| (v, change(v))) {
                    None => None,
                    Some((v, None)) => Some(std::borrow::Cow::Borrowed(v)),
                    Some((_, Some(new))) => new.map(std::borrow::Cow::Owned),
                })
                .collect();
            Ok(out.with_name(c.name().clone()).into_series().into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// True when `e` equals one of `values`.
pub(crate) fn one_of(e: Expr, values: &[&str]) -> Expr {
    values
        .iter()
        .fold(lit(false), |acc, v| acc.or(e.clone().eq(lit(*v))))
}

/// The parsed value of a contract column, null when missing or unreadable.
/// Enumerated columns are lower-cased and take their default when empty.
pub(crate) fn parse(c: &Column, reading: &Reading) -> Expr {
    let t = text(c.name);
    let e = match c.kind {
        Kind::Text if !c.allowed.is_empty() => {
            let lower = lowercase(t);
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
        Kind::Int => {
            let style = reading.number_style(c.name);
            per_value::<Int64Type, _>(t, DataType::Int64, move |v| p::parse_int(v, style).ok())
        }
        Kind::Decimal => {
            let style = reading.number_style(c.name);
            per_value::<Float64Type, _>(t, DataType::Float64, move |v| {
                p::parse_decimal(v, style).ok()
            })
        }
        Kind::Date => {
            let order = reading.dates;
            per_value::<Int32Type, _>(t, DataType::Int32, move |v| {
                p::parse_date(v, order).ok().map(days_since_epoch)
            })
            .cast(DataType::Date)
        }
        Kind::Bool => {
            let lower = lowercase(t);
            when(one_of(lower.clone(), TRUE_WORDS))
                .then(lit(true))
                .when(one_of(lower, FALSE_WORDS))
                .then(lit(false))
                .otherwise(lit(NULL).cast(DataType::Boolean))
        }
        Kind::Gender => {
            let upper = uppercase(t);
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
pub(crate) fn typed(raw: &RawTable) -> LazyFrame {
    let mut exprs = vec![col(ROW)];
    exprs.extend(
        raw.spec
            .columns
            .iter()
            .map(|c| parse(c, &raw.reading).cast(dtype(c.kind))),
    );
    raw.lf.clone().select(exprs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
        df.column(name)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect()
    }

    #[test]
    fn text_trims_and_blank_is_null_and_case_maps_like_str() {
        let df = df!("x" => [Some(" Aktif "), Some(""), Some("  "), Some("done"), Some("ǅ"), None])
            .unwrap()
            .lazy()
            .select([
                text("x").alias("text"),
                lowercase(text("x")).alias("lower"),
                uppercase(text("x")).alias("upper"),
            ])
            .collect()
            .unwrap();
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            strings(&df, "text"),
            [s("Aktif"), None, None, s("done"), s("ǅ"), None]
        );
        // ǅ (a titlecase letter) is neither upper- nor lower-case, and still changes.
        assert_eq!(
            strings(&df, "lower"),
            [s("aktif"), None, None, s("done"), s("ǆ"), None]
        );
        assert_eq!(
            strings(&df, "upper"),
            [s("AKTIF"), None, None, s("DONE"), s("Ǆ"), None]
        );
        // A clean column comes back as it was.
        let clean = df!("x" => ["a", "b"])
            .unwrap()
            .lazy()
            .select([text("x"), lowercase(col("x")).alias("lower")])
            .collect()
            .unwrap();
        assert_eq!(strings(&clean, "x"), [s("a"), s("b")]);
        assert_eq!(strings(&clean, "lower"), [s("a"), s("b")]);
    }
}
