//! The household's registry row as the explanation reads it: its values for
//! the rules, its dates, whether it was active in a quarter, and the values
//! each registry column may take.

use anyhow::{Context, Result};
use polars::prelude::{col, lit, DataType};

use super::evaluate::{Domain, Facts};
use crate::contract::{spec, Bound, Kind, Table};
use crate::indicators::Quarter;
use crate::load::ROW;
use crate::privacy::mask_id;
use crate::problem::InvalidInput;
use crate::rule::Value;
use crate::site::Site;

/// The household's registry row, typed.
pub(super) struct Household {
    pub facts: Facts,
    pub texts: Vec<(String, String)>,
    pub record: u64,
    pub status: String,
    pub registered_on: Option<chrono::NaiveDate>,
    pub status_changed_on: Option<chrono::NaiveDate>,
}

pub(super) fn date_of(days: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::Duration::days(days.into()))
}

pub(super) fn household_row(site: &Site, id: &str) -> Result<Household> {
    let df = site
        .frame(Table::Households)
        .context("the site has no households table")?
        .filter(col("household_id").eq(lit(id)))
        .collect()
        .context("finding the household in the registry")?;
    if df.height() == 0 {
        return InvalidInput::err(format!(
            "--household {}: {} has no usable household with this household_id (a row \
             rejected by validation is left out; pantau validate lists them)",
            mask_id(id),
            site.file_name("households")
        ));
    }
    household_at(&df, 0)
}

/// Row `i` of a typed households frame.
pub(super) fn household_at(df: &polars::prelude::DataFrame, i: usize) -> Result<Household> {
    let mut facts = Facts::new();
    let mut texts = Vec::new();
    let mut dates = std::collections::BTreeMap::new();
    for c in spec(Table::Households).columns {
        let s = df.column(c.name)?.as_materialized_series();
        let (value, text) = match c.kind {
            Kind::Int => {
                let v = s.i64()?.get(i);
                (v.map(|v| Value::Number(v as f64)), v.map(|v| v.to_string()))
            }
            Kind::Text | Kind::Gender => {
                let v = s.str()?.get(i).map(str::to_string);
                (v.clone().map(Value::Text), v)
            }
            Kind::Date => {
                let days = s.cast(&DataType::Int32)?.i32()?.get(i);
                let d = days.and_then(date_of);
                dates.insert(c.name, d);
                (None, d.map(|d| d.format("%Y-%m-%d").to_string()))
            }
            Kind::Decimal | Kind::Bool => (None, None),
        };
        // Dates as the SQL engine compares them with a text: `YYYY-MM-DD`.
        let value = match c.kind {
            Kind::Date => text.clone().map(Value::Text),
            _ => value,
        };
        facts.insert(c.name.to_string(), value);
        texts.push((c.name.to_string(), text.unwrap_or_default()));
    }
    let record = df
        .column(ROW)?
        .cast(&DataType::UInt64)?
        .u64()?
        .get(i)
        .unwrap_or(0);
    let status = texts
        .iter()
        .find(|(c, _)| c == "status")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Ok(Household {
        facts,
        texts,
        record,
        status,
        registered_on: dates.get("registered_on").copied().flatten(),
        status_changed_on: dates.get("status_changed_on").copied().flatten(),
    })
}

/// Active in quarter `q` (the household-quarter definition of the
/// indicators): registered by its last day, and active or moved or deceased
/// no earlier than its first day.
pub(super) fn active_in(hh: &Household, q: Quarter, start: u32) -> bool {
    let (first, last) = (q.first_day(start), q.last_day(start));
    hh.registered_on.is_some_and(|d| d <= last)
        && (hh.status == "active" || hh.status_changed_on.is_some_and(|d| d >= first))
}

/// The values a registry column may take, from the data contract: whole
/// numbers between its bounds (a bound that is another column is that
/// column's value for the household), or its allowed texts.
pub(super) fn domain(facts: &Facts, column: &str) -> Option<Domain> {
    let c = spec(Table::Households).column(column)?;
    let bound = |b: Option<Bound>, or: i64| match b {
        Some(Bound::Lit(v)) => v,
        Some(Bound::Col(other)) => match facts.get(other).cloned().flatten() {
            Some(Value::Number(x)) => x as i64,
            _ => or,
        },
        None => or,
    };
    // Columns bounded by this one bound it in turn: members is at least
    // the household's children, elderly and disabled.
    let value_of = |name: &str| match facts.get(name).cloned().flatten() {
        Some(Value::Number(x)) => Some(x as i64),
        _ => None,
    };
    let registry = spec(Table::Households).columns;
    let floor = registry
        .iter()
        .filter(|o| o.max == Some(Bound::Col(c.name)))
        .filter_map(|o| value_of(o.name))
        .max();
    let ceiling = registry
        .iter()
        .filter(|o| o.min == Some(Bound::Col(c.name)))
        .filter_map(|o| value_of(o.name))
        .min();
    match c.kind {
        Kind::Int => Some(Domain::Whole {
            min: bound(c.min, 0).max(floor.unwrap_or(i64::MIN)),
            max: bound(c.max, crate::contract::MAX_MEMBERS).min(ceiling.unwrap_or(i64::MAX)),
        }),
        Kind::Gender => Some(Domain::Texts(vec!["L".into(), "P".into()])),
        Kind::Text if !c.allowed.is_empty() => Some(Domain::Texts(
            c.allowed.iter().map(|v| v.to_string()).collect(),
        )),
        _ => None,
    }
}
