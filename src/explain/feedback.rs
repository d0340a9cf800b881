//! The feedback items a household sent (feedback rows naming its
//! `household_id`), and the open items of one category that `pantau explain
//! --feedback` answers by letter.

use anyhow::Result;
use polars::prelude::{col, lit, DataFrame, DataType, SortMultipleOptions};
use serde::Serialize;

use super::household::date_of;
use crate::contract::Table;
use crate::load::ROW;
use crate::report::lookup::Say;
use crate::site::Site;

/// One feedback row, as the letter and the officer's summary show it.
#[derive(Debug, Clone, Serialize)]
pub struct FeedbackItem {
    pub feedback_id: String,
    /// `YYYY-MM-DD`.
    pub received_on: String,
    /// The date received, in words.
    pub received: String,
    pub category: String,
    pub channel: String,
    /// In words when it is one of the usual topics; a free text on one
    /// line, with any run of eight or more digits masked like an
    /// identification number.
    pub topic: String,
    /// "open" or "resolved on DATE", in words.
    pub status: String,
    pub open: bool,
    /// `feedback.csv line 7`.
    pub source: String,
}

/// A feedback row with the household it names, before words.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub feedback_id: String,
    pub household_id: Option<String>,
    pub received_on: Option<chrono::NaiveDate>,
    pub resolved_on: Option<chrono::NaiveDate>,
    pub category: String,
    pub channel: String,
    pub topic: String,
    pub rw: Option<i64>,
    pub rt: Option<i64>,
    /// The row's line in its file.
    pub line: u64,
}

/// The feedback rows for which `keep` holds, by date received, then id.
pub(crate) fn rows(site: &Site, keep: polars::prelude::Expr) -> Result<Vec<Row>> {
    let Some(lf) = site.frame(Table::Feedback) else {
        return Ok(Vec::new());
    };
    let df = lf
        .filter(keep)
        .sort(
            ["received_on", "feedback_id"],
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .collect()?;
    rows_of(site, &df)
}

fn rows_of(site: &Site, df: &DataFrame) -> Result<Vec<Row>> {
    let n = df.height();
    let text = |name: &str| -> Result<Vec<Option<String>>> {
        let s = df.column(name)?.as_materialized_series().clone();
        let ca = s.str()?;
        Ok((0..n).map(|i| ca.get(i).map(str::to_string)).collect())
    };
    let day = |name: &str| -> Result<Vec<Option<chrono::NaiveDate>>> {
        let s = df
            .column(name)?
            .as_materialized_series()
            .cast(&DataType::Int32)?;
        let ca = s.i32()?;
        Ok((0..n).map(|i| ca.get(i).and_then(date_of)).collect())
    };
    let number = |name: &str| -> Result<Vec<Option<i64>>> {
        let s = df.column(name)?.as_materialized_series().clone();
        let ca = s.i64()?;
        Ok((0..n).map(|i| ca.get(i)).collect())
    };
    let (ids, households) = (text("feedback_id")?, text("household_id")?);
    let (categories, channels, topics) = (text("category")?, text("channel")?, text("topic")?);
    let (received, resolved) = (day("received_on")?, day("resolved_on")?);
    let (rws, rts) = (number("rw")?, number("rt")?);
    let records = df
        .column(ROW)?
        .as_materialized_series()
        .cast(&DataType::UInt64)?;
    let records = records.u64()?;
    Ok((0..n)
        .map(|i| Row {
            feedback_id: ids[i].clone().unwrap_or_default(),
            household_id: households[i].clone(),
            received_on: received[i],
            resolved_on: resolved[i],
            category: categories[i].clone().unwrap_or_default(),
            channel: channels[i].clone().unwrap_or_default(),
            topic: topics[i].clone().unwrap_or_default(),
            rw: rws[i],
            rt: rts[i],
            line: site.row_number(Table::Feedback, records.get(i).unwrap_or(0)),
        })
        .collect())
}

/// Every feedback item naming household `id`, oldest first.
pub(super) fn of_household(site: &Site, id: &str, say: &Say) -> Result<Vec<FeedbackItem>> {
    Ok(rows(site, col("household_id").eq(lit(id)))?
        .iter()
        .map(|r| item(site, r, say))
        .collect())
}

/// The open items (no `resolved_on`) of `category`, oldest first.
pub(crate) fn open_of(site: &Site, category: &str) -> Result<Vec<Row>> {
    rows(
        site,
        col("category")
            .eq(lit(category))
            .and(col("resolved_on").is_null()),
    )
}

/// A feedback row in words.
pub(crate) fn item(site: &Site, r: &Row, say: &Say) -> FeedbackItem {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| say.fmt.date(d)).unwrap_or_default();
    let word = |prefix: &str, v: &str| {
        say.msg
            .maybe(&format!("{prefix}-{v}"))
            .unwrap_or_else(|| v.to_string())
    };
    FeedbackItem {
        feedback_id: r.feedback_id.clone(),
        received_on: r.received_on.map(|d| d.to_string()).unwrap_or_default(),
        received: date(r.received_on),
        category: word("category", &r.category),
        channel: word("channel", &r.channel),
        topic: if r.topic.is_empty() {
            String::new()
        } else {
            let line = r.topic.split_whitespace().collect::<Vec<_>>().join(" ");
            crate::privacy::mask_long_numbers(&word("topic", &line))
        },
        status: match r.resolved_on {
            Some(d) => say.ta("explain-feedback-resolved", &[("date", say.fmt.date(d))]),
            None => say.t("explain-feedback-open"),
        },
        open: r.resolved_on.is_none(),
        source: say.ta(
            "explain-source",
            &[
                ("file", site.file_name("feedback")),
                ("line", r.line.to_string()),
            ],
        ),
    }
}
