//! Reading collected frames back into Rust values, and the household
//! disaggregations (RW, RT, head gender, welfare decile) shared by the
//! families.

use anyhow::{Context, Result};
use polars::prelude::*;

fn series<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series> {
    Ok(df
        .column(name)
        .map_err(anyhow::Error::from)
        .with_context(|| format!("indicator frame has no column {name}"))?
        .as_materialized_series())
}

/// An integer column; nulls are `None`.
pub(crate) fn ints(df: &DataFrame, name: &str) -> Result<Vec<Option<i64>>> {
    let s = series(df, name)?.cast(&DataType::Int64)?;
    Ok(s.i64()?.iter().collect())
}

/// An integer column of sums or counts; a null (nothing to sum) is 0.
pub(crate) fn counts(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    Ok(ints(df, name)?
        .into_iter()
        .map(|v| v.unwrap_or(0) as f64)
        .collect())
}

pub(crate) fn floats(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let s = series(df, name)?.cast(&DataType::Float64)?;
    Ok(s.f64()?.iter().collect())
}

pub(crate) fn texts(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let s = series(df, name)?.cast(&DataType::String)?;
    Ok(s.str()?.iter().map(|v| v.map(str::to_string)).collect())
}

pub(crate) fn bools(df: &DataFrame, name: &str) -> Result<Vec<bool>> {
    let s = series(df, name)?.cast(&DataType::Boolean)?;
    Ok(s.bool()?.iter().map(|v| v.unwrap_or(false)).collect())
}

/// The count of rows where `cond` holds.
pub(crate) fn count_if(cond: Expr) -> Expr {
    cond.cast(DataType::Int64).sum()
}

/// The sum of `value` over rows where `cond` holds (0 when none).
pub(crate) fn sum_if(value: Expr, cond: Expr) -> Expr {
    when(cond)
        .then(value)
        .otherwise(lit(0i64))
        .cast(DataType::Int64)
        .sum()
}

/// `RW 05`.
pub(crate) fn rw_label(rw: i64) -> String {
    format!("RW {rw:02}")
}

/// The RW number of an [`rw_label`].
pub(crate) fn rw_of_label(label: &str) -> Option<i64> {
    label.strip_prefix("RW ")?.parse().ok()
}

/// `RW 05 / RT 003`.
pub(crate) fn rt_label(rw: i64, rt: i64) -> String {
    format!("RW {rw:02} / RT {rt:03}")
}

/// The RW and RT numbers of an [`rt_label`].
pub(crate) fn rt_of_label(label: &str) -> Option<(i64, i64)> {
    let (rw, rt) = label.strip_prefix("RW ")?.split_once(" / RT ")?;
    Some((rw.parse().ok()?, rt.parse().ok()?))
}

/// A disaggregation of household-level indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    Site,
    Rw,
    Rt,
    HeadGender,
    Decile,
    /// Trained or not before a follow-up round (income indicators only).
    Trained,
}

impl Grouping {
    /// Every household disaggregation, the whole site first.
    pub(crate) const ALL: [Grouping; 5] = [
        Grouping::Site,
        Grouping::Rw,
        Grouping::Rt,
        Grouping::HeadGender,
        Grouping::Decile,
    ];

    /// The `group_by` column of the output.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Grouping::Site => "",
            Grouping::Rw => "rw",
            Grouping::Rt => "rt",
            Grouping::HeadGender => "head_gender",
            Grouping::Decile => "welfare_decile",
            Grouping::Trained => "trained",
        }
    }

    /// Household columns to group by.
    pub(crate) fn columns(self) -> &'static [&'static str] {
        match self {
            Grouping::Site => &[],
            Grouping::Rw => &["rw"],
            Grouping::Rt => &["rw", "rt"],
            Grouping::HeadGender => &["head_gender"],
            Grouping::Decile => &["welfare_decile"],
            Grouping::Trained => &["trained"],
        }
    }

    /// `leading` columns plus this grouping's, as expressions.
    pub(crate) fn keys(self, leading: &[&str]) -> Vec<Expr> {
        leading
            .iter()
            .chain(self.columns())
            .map(|c| col(*c))
            .collect()
    }

    /// `leading` columns plus this grouping's, as names (for sorting).
    pub(crate) fn key_names(self, leading: &[&str]) -> Vec<PlSmallStr> {
        leading
            .iter()
            .chain(self.columns())
            .map(|c| PlSmallStr::from(*c))
            .collect()
    }

    /// The `group` label of every row of a frame grouped by this grouping.
    pub(crate) fn labels(self, df: &DataFrame) -> Result<Vec<String>> {
        let n = df.height();
        Ok(match self {
            Grouping::Site => vec![String::new(); n],
            Grouping::Rw => ints(df, "rw")?
                .into_iter()
                .map(|v| v.map(rw_label).unwrap_or_default())
                .collect(),
            Grouping::Rt => ints(df, "rw")?
                .into_iter()
                .zip(ints(df, "rt")?)
                .map(|(w, t)| match (w, t) {
                    (Some(w), Some(t)) => rt_label(w, t),
                    _ => String::new(),
                })
                .collect(),
            Grouping::HeadGender => texts(df, "head_gender")?
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect(),
            Grouping::Decile => ints(df, "welfare_decile")?
                .into_iter()
                .map(|v| v.map(|d| d.to_string()).unwrap_or_default())
                .collect(),
            Grouping::Trained => bools(df, "trained")?
                .into_iter()
                .map(|t| if t { "trained" } else { "untrained" }.to_string())
                .collect(),
        })
    }
}

/// Groups `lf` by `leading` plus `grouping`, aggregates, and sorts by the keys.
pub(crate) fn aggregate(
    lf: LazyFrame,
    leading: &[&str],
    grouping: Grouping,
    aggs: Vec<Expr>,
) -> LazyFrame {
    let names = grouping.key_names(leading);
    let grouped = if names.is_empty() {
        lf.select(aggs)
    } else {
        lf.group_by(grouping.keys(leading)).agg(aggs)
    };
    if names.is_empty() {
        grouped
    } else {
        grouped.sort(names, SortMultipleOptions::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rt_labels_read_back() {
        assert_eq!(rt_label(2, 7), "RW 02 / RT 007");
        assert_eq!(rt_of_label("RW 02 / RT 007"), Some((2, 7)));
        assert_eq!(rt_of_label(&rt_label(123, 4567)), Some((123, 4567)));
        assert_eq!(rt_of_label("RW 02"), None);
        assert_eq!(rt_of_label("all"), None);
    }
}
