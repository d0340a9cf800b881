//! Community feedback: counts, resolution rate and median days to resolve,
//! per quarter of `received_on` and for the whole data (period `all`), for
//! all feedback and by category and channel. A feedback item is resolved when
//! it has a `resolved_on` date (as of the data, whatever the quarter).

use super::id::Id;
use anyhow::Result;
use polars::prelude::*;

use super::base::{cols, Base};
use super::frame::{count_if, counts, floats, ints, texts};
use super::period::{Period, Quarter};
use super::{unit, Batch, Key, Row, ALL};

pub(crate) struct Pending {
    /// (group_by, grouping column, per quarter?, frame).
    frames: Vec<(&'static str, Option<&'static str>, bool, usize)>,
    quarters: Vec<Quarter>,
}

fn aggregates() -> Vec<Expr> {
    let days = col("resolved_on").cast(DataType::Int32) - col("received_on").cast(DataType::Int32);
    vec![
        len().cast(DataType::Int64).alias("received"),
        count_if(col("resolved_on").is_not_null()).alias("resolved"),
        days.cast(DataType::Float64).median().alias("median_days"),
    ]
}

pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Pending {
    let mut pending = Pending {
        frames: Vec::new(),
        quarters: base.feedback_quarters.clone(),
    };
    let Some(feedback) = &base.feedback else {
        return pending;
    };
    for (by, column) in [
        ("", None),
        ("category", Some("category")),
        ("channel", Some("channel")),
    ] {
        for per_quarter in [true, false] {
            let mut keys: Vec<&str> = Vec::new();
            if per_quarter {
                keys.push(cols::Q);
            }
            keys.extend(column);
            let lf = if keys.is_empty() {
                feedback.clone().select(aggregates())
            } else {
                feedback
                    .clone()
                    .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
                    .agg(aggregates())
                    .sort(keys.clone(), SortMultipleOptions::default())
            };
            pending
                .frames
                .push((by, column, per_quarter, batch.add(lf)));
        }
    }
    pending
}

impl Pending {
    pub(crate) fn rows(&self, frames: &[DataFrame]) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
        for &(by, column, per_quarter, at) in &self.frames {
            let df = &frames[at];
            let periods: Vec<Option<Period>> = if per_quarter {
                ints(df, cols::Q)?
                    .into_iter()
                    .map(|q| {
                        let q = Quarter::from_key(q? as i32);
                        self.quarters.contains(&q).then_some(Period::Quarter(q))
                    })
                    .collect()
            } else {
                vec![Some(Period::All); df.height()]
            };
            let groups: Vec<String> = match column {
                Some(c) => texts(df, c)?
                    .into_iter()
                    .map(Option::unwrap_or_default)
                    .collect(),
                None => vec![String::new(); df.height()],
            };
            let received = counts(df, "received")?;
            let resolved = counts(df, "resolved")?;
            let median = floats(df, "median_days")?;
            for i in 0..df.height() {
                let Some(period) = &periods[i] else { continue };
                let key = Key::site(period.clone(), ALL).grouped(by, groups[i].clone());
                rows.push(Row::count(
                    Id::FeedbackCount,
                    &key,
                    unit::FEEDBACK,
                    received[i],
                ));
                rows.push(Row::ratio(
                    Id::FeedbackResolutionRate,
                    &key,
                    unit::RATIO,
                    resolved[i],
                    received[i],
                ));
                rows.push(
                    Row::value(Id::FeedbackMedianDays, &key, unit::DAYS, median[i])
                        .with_denominator(resolved[i]),
                );
            }
        }
        Ok(rows)
    }
}
