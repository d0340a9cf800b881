//! Skills training: enrollments, women's share, attendance, completion and
//! business start, per quarter of `started_on` and for the whole data (period
//! `all`), for all enrollments and by course and participant gender; and the
//! participation rate of households eligible for a training program.
//!
//! A site without a training file gets no training rows (an absent file means
//! no records, not zero enrollments). Participation needs at least one
//! program with `aid_type = "training"`.

use super::id::Id;
use anyhow::Result;
use polars::prelude::*;

use super::base::{cols, Base};
use super::frame::{count_if, counts, ints, texts, Finest};
use super::period::{Period, Quarter};
use super::{unit, Batch, Key, Row, ALL};

/// Disaggregations of enrollments.
#[derive(Debug, Clone, Copy)]
enum By {
    Site,
    Course,
    Gender,
}

impl By {
    const ALL: [By; 3] = [By::Site, By::Course, By::Gender];
    fn name(self) -> &'static str {
        match self {
            By::Site => "",
            By::Course => "course",
            By::Gender => "participant_gender",
        }
    }
    fn column(self) -> Option<&'static str> {
        match self {
            By::Site => None,
            By::Course => Some("course"),
            By::Gender => Some("participant_gender"),
        }
    }
}

pub(crate) struct Pending {
    /// (disaggregation, per quarter?, frame).
    enrollments: Vec<(By, bool, usize)>,
    /// Per quarter, then for the whole data, when the site has a
    /// training program.
    participation: Option<[Finest; 2]>,
}

fn enrollment_aggregates() -> Vec<Expr> {
    vec![
        len().cast(DataType::Int64).alias("enrolled"),
        count_if(col("participant_gender").eq(lit("P"))).alias("women"),
        col("sessions_attended")
            .sum()
            .cast(DataType::Int64)
            .alias("attended"),
        col("sessions_total")
            .sum()
            .cast(DataType::Int64)
            .alias("sessions"),
        count_if(col("completed").eq(lit(true))).alias("completed"),
        count_if(
            col("completed")
                .eq(lit(true))
                .and(col("business_started").eq(lit(true))),
        )
        .alias("business"),
    ]
}

fn participation_aggregates() -> Vec<Expr> {
    vec![
        count_if(col(cols::ELIGIBLE_TRAINING)).alias("eligible"),
        count_if(col(cols::ELIGIBLE_TRAINING).and(col(cols::ENROLLED).gt(lit(0i64))))
            .alias("participating"),
    ]
}

pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Pending {
    let mut pending = Pending {
        enrollments: Vec::new(),
        participation: None,
    };
    let Some(trainings) = &base.trainings else {
        return pending;
    };
    for by in By::ALL {
        for per_quarter in [true, false] {
            let mut keys: Vec<&str> = Vec::new();
            if per_quarter {
                keys.push(cols::Q);
            }
            keys.extend(by.column());
            let lf = if keys.is_empty() {
                trainings.clone().select(enrollment_aggregates())
            } else {
                trainings
                    .clone()
                    .group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
                    .agg(enrollment_aggregates())
                    .sort(keys.clone(), SortMultipleOptions::default())
            };
            pending.enrollments.push((by, per_quarter, batch.add(lf)));
        }
    }
    if base.training_programs().is_empty() {
        return pending;
    }
    // Per quarter: active households of the quarter with an enrollment
    // started in it. For the whole data: every registered household with any
    // enrollment.
    let ever = trainings
        .clone()
        .select([col(cols::HH)])
        .unique(None, UniqueKeepStrategy::Any)
        .with_column(lit(1i64).alias(cols::ENROLLED));
    let households = base
        .households
        .clone()
        .join(
            ever,
            [col(cols::HH)],
            [col(cols::HH)],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(col(cols::ENROLLED).fill_null(lit(0i64)));
    let aggs = participation_aggregates();
    pending.participation = Some([
        Finest::plan(&base.household_quarters, &[cols::Q], &aggs, batch),
        Finest::plan(&households, &[], &aggs, batch),
    ]);
    pending
}

impl Pending {
    pub(crate) fn rows(&self, base: &Base, frames: &[DataFrame]) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
        for &(by, per_quarter, at) in &self.enrollments {
            let df = &frames[at];
            let periods = periods(base, df, per_quarter)?;
            let groups: Vec<String> = match by.column() {
                Some(c) => texts(df, c)?
                    .into_iter()
                    .map(Option::unwrap_or_default)
                    .collect(),
                None => vec![String::new(); df.height()],
            };
            let [enrolled, women, attended, sessions, completed, business] = [
                "enrolled",
                "women",
                "attended",
                "sessions",
                "completed",
                "business",
            ]
            .map(|c| counts(df, c));
            let (enrolled, women, attended, sessions, completed, business) = (
                enrolled?, women?, attended?, sessions?, completed?, business?,
            );
            for i in 0..df.height() {
                let Some(period) = &periods[i] else { continue };
                let key = Key::site(period.clone(), ALL).grouped(by.name(), groups[i].clone());
                rows.push(Row::count(
                    Id::TrainingEnrolled,
                    &key,
                    unit::ENROLLMENTS,
                    enrolled[i],
                ));
                rows.push(Row::ratio(
                    Id::TrainingWomenShare,
                    &key,
                    unit::RATIO,
                    women[i],
                    enrolled[i],
                ));
                rows.push(Row::ratio(
                    Id::TrainingAttendanceRate,
                    &key,
                    unit::RATIO,
                    attended[i],
                    sessions[i],
                ));
                rows.push(Row::ratio(
                    Id::TrainingCompletionRate,
                    &key,
                    unit::RATIO,
                    completed[i],
                    enrolled[i],
                ));
                rows.push(Row::ratio(
                    Id::TrainingBusinessRate,
                    &key,
                    unit::RATIO,
                    business[i],
                    completed[i],
                ));
            }
        }
        if let Some([per_quarter, whole]) = &self.participation {
            let per_quarter = per_quarter.groups(frames)?;
            let whole = whole.groups(frames)?;
            for ((grouping, quarters), (_, all)) in per_quarter.iter().zip(&whole) {
                for (groups, per_quarter) in [(quarters, true), (all, false)] {
                    for i in 0..groups.labels.len() {
                        let period = if per_quarter {
                            groups.quarters[i]
                                .map(|q| Quarter::from_key(q as i32))
                                .filter(|q| base.training_quarters.contains(q))
                                .map(Period::Quarter)
                        } else {
                            Some(Period::All)
                        };
                        let Some(period) = period else { continue };
                        let key = Key::site(period, ALL)
                            .grouped(grouping.name(), groups.labels[i].clone());
                        rows.push(Row::ratio(
                            Id::TrainingParticipationRate,
                            &key,
                            unit::RATIO,
                            groups.get("participating", i),
                            groups.get("eligible", i),
                        ));
                    }
                }
            }
        }
        Ok(rows)
    }
}

/// The period label of every row: its quarter (when it is one in which
/// training started), or `all`.
fn periods(base: &Base, df: &DataFrame, per_quarter: bool) -> Result<Vec<Option<Period>>> {
    if !per_quarter {
        return Ok(vec![Some(Period::All); df.height()]);
    }
    Ok(ints(df, cols::Q)?
        .into_iter()
        .map(|q| {
            let q = Quarter::from_key(q? as i32);
            base.training_quarters
                .contains(&q)
                .then_some(Period::Quarter(q))
        })
        .collect())
}
