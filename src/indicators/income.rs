//! Income and welfare per survey round: poverty headcount and gap (FGT0 and
//! FGT1) and the school enrolment rate for the baseline and every follow-up
//! round; and, for every follow-up round against the baseline, the income
//! change (mean, median, improved share) and the training impact (simple
//! difference and difference in differences, with bootstrap intervals).
//!
//! Income change and impact are over the panel of households surveyed both at
//! baseline and in the round. A household is trained for a round when it has
//! a completed enrollment that started before its own survey date in that
//! round.

use super::id::Id;
use anyhow::Result;
use polars::prelude::*;

use super::base::{cols, Base, BASELINE};
use super::bootstrap::{self, Obs};
use super::frame::{aggregate, bools, count_if, counts, floats, ints, sum_if, Grouping};
use super::period::Period;
use super::{unit, Batch, Key, Row, Spread, ALL};

/// The poverty gap is summed as an integer number of 1e-12 units so the sum
/// does not depend on the order polars adds the households in.
const GAP_SCALE: f64 = 1e12;

struct RoundPlans {
    label: String,
    welfare: Vec<(Grouping, usize)>,
    /// Change aggregates and the bootstrap sample (follow-up rounds with a baseline).
    change: Option<(Vec<(Grouping, usize)>, usize)>,
}

pub(crate) struct Pending {
    rounds: Vec<RoundPlans>,
}

const HOUSEHOLD_COLUMNS: [&str; 7] = [
    "household_id",
    "members",
    "school_age_children",
    "rw",
    "rt",
    "head_gender",
    "welfare_decile",
];

fn round_surveys(base: &Base, label: &str) -> LazyFrame {
    let households = base.households.clone().select(HOUSEHOLD_COLUMNS.map(col));
    base.surveys
        .clone()
        .filter(col("round").eq(lit(label)))
        .select([
            col("household_id"),
            col("surveyed_on"),
            col("monthly_income"),
            col("children_in_school"),
        ])
        .join(
            households,
            [col("household_id")],
            [col("household_id")],
            JoinArgs::new(JoinType::Inner),
        )
}

fn welfare_aggregates(poverty_line: i64) -> Vec<Expr> {
    let z_m = lit(poverty_line) * col("members");
    let shortfall = z_m.clone() - col("monthly_income");
    let gap = when(shortfall.clone().gt(lit(0i64)))
        .then(shortfall.cast(DataType::Float64) / z_m.cast(DataType::Float64))
        .otherwise(lit(0.0));
    let both = col("children_in_school")
        .is_not_null()
        .and(col("school_age_children").is_not_null());
    vec![
        len().cast(DataType::Int64).alias("n"),
        count_if(col("monthly_income").lt(lit(poverty_line) * col("members"))).alias("poor"),
        (gap * lit(GAP_SCALE))
            .round(0, RoundMode::HalfToEven)
            .cast(DataType::Int64)
            .sum()
            .alias("gap_units"),
        sum_if(col("children_in_school"), both.clone()).alias("in_school"),
        sum_if(col("school_age_children"), both).alias("school_age"),
    ]
}

fn change_aggregates() -> Vec<Expr> {
    vec![
        len().cast(DataType::Int64).alias("n"),
        col("change")
            .sum()
            .cast(DataType::Int64)
            .alias("change_sum"),
        count_if(col("change").gt(lit(0i64))).alias("improved"),
        col("change")
            .cast(DataType::Float64)
            .median()
            .alias("change_median"),
    ]
}

/// Households trained before their own survey date in `label`.
fn trained(base: &Base, label: &str) -> Option<LazyFrame> {
    let trainings = base.trainings.clone()?;
    let surveyed = base
        .surveys
        .clone()
        .filter(col("round").eq(lit(label)))
        .select([col("household_id"), col("surveyed_on")]);
    Some(
        trainings
            .filter(col("completed").eq(lit(true)))
            .select([col("household_id"), col("started_on")])
            .join(
                surveyed,
                [col("household_id")],
                [col("household_id")],
                JoinArgs::new(JoinType::Inner),
            )
            .filter(col("started_on").lt(col("surveyed_on")))
            .select([col("household_id")])
            .unique(None, UniqueKeepStrategy::Any)
            .with_column(lit(true).alias("trained")),
    )
}

fn panel(base: &Base, label: &str) -> LazyFrame {
    let baseline = base
        .surveys
        .clone()
        .filter(col("round").eq(lit(BASELINE)))
        .select([
            col("household_id"),
            col("monthly_income").alias(cols::BASE_INCOME),
        ]);
    let joined = round_surveys(base, label).join(
        baseline,
        [col("household_id")],
        [col("household_id")],
        JoinArgs::new(JoinType::Inner),
    );
    let with_training = match trained(base, label) {
        Some(t) => joined
            .join(
                t,
                [col("household_id")],
                [col("household_id")],
                JoinArgs::new(JoinType::Left),
            )
            .with_column(col("trained").fill_null(lit(false))),
        None => joined.with_column(lit(false).alias("trained")),
    };
    with_training.with_column((col("monthly_income") - col(cols::BASE_INCOME)).alias("change"))
}

pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Result<Pending> {
    let mut labels: Vec<String> = Vec::new();
    if base.has_baseline {
        labels.push(BASELINE.to_string());
    }
    labels.extend(base.rounds.iter().map(|r| r.label.clone()));
    let mut rounds = Vec::new();
    for label in labels {
        let surveys = round_surveys(base, &label);
        let welfare = Grouping::ALL
            .iter()
            .map(|&g| {
                let lf = aggregate(
                    surveys.clone(),
                    &[],
                    g,
                    welfare_aggregates(base.poverty_line),
                );
                (g, batch.add(lf))
            })
            .collect();
        let change = (base.has_baseline && label != BASELINE).then(|| {
            let p = panel(base, &label);
            let groups = Grouping::ALL
                .iter()
                .chain([&Grouping::Trained])
                .map(|&g| {
                    (
                        g,
                        batch.add(aggregate(p.clone(), &[], g, change_aggregates())),
                    )
                })
                .collect();
            let sample = batch.add(
                p.select([
                    col("household_id"),
                    col("trained"),
                    col("monthly_income"),
                    col("change"),
                ])
                .sort(["household_id"], SortMultipleOptions::default()),
            );
            (groups, sample)
        });
        rounds.push(RoundPlans {
            label,
            welfare,
            change,
        });
    }
    Ok(Pending { rounds })
}

impl Pending {
    pub(crate) fn rows(
        &self,
        _base: &Base,
        frames: &[DataFrame],
    ) -> Result<(Vec<Row>, Vec<Spread>)> {
        let mut rows = Vec::new();
        let mut spreads = Vec::new();
        for round in &self.rounds {
            let site = Key::site(Period::round(&round.label), ALL);
            for &(grouping, at) in &round.welfare {
                let df = &frames[at];
                let labels = grouping.labels(df)?;
                let n = counts(df, "n")?;
                let poor = counts(df, "poor")?;
                let gap = counts(df, "gap_units")?;
                let in_school = counts(df, "in_school")?;
                let school_age = counts(df, "school_age")?;
                for i in 0..df.height() {
                    let key = site.grouped(grouping.name(), labels[i].clone());
                    rows.push(Row::ratio(
                        Id::PovertyHeadcount,
                        &key,
                        unit::RATIO,
                        poor[i],
                        n[i],
                    ));
                    rows.push(Row::ratio(
                        Id::PovertyGap,
                        &key,
                        unit::RATIO,
                        gap[i] / GAP_SCALE,
                        n[i],
                    ));
                    rows.push(Row::ratio(
                        Id::SchoolEnrolmentRate,
                        &key,
                        unit::RATIO,
                        in_school[i],
                        school_age[i],
                    ));
                }
            }
            let Some((groups, sample)) = &round.change else {
                continue;
            };
            for &(grouping, at) in groups {
                let df = &frames[at];
                let labels = grouping.labels(df)?;
                let n = counts(df, "n")?;
                let sum = counts(df, "change_sum")?;
                let improved = counts(df, "improved")?;
                let median = floats(df, "change_median")?;
                for i in 0..df.height() {
                    let key = site.grouped(grouping.name(), labels[i].clone());
                    rows.push(Row::ratio(
                        Id::IncomeChangeMean,
                        &key,
                        unit::RUPIAH_PER_MONTH,
                        sum[i],
                        n[i],
                    ));
                    rows.push(
                        Row::value(
                            Id::IncomeChangeMedian,
                            &key,
                            unit::RUPIAH_PER_MONTH,
                            median[i],
                        )
                        .with_denominator(n[i]),
                    );
                    rows.push(Row::ratio(
                        Id::IncomeImprovedShare,
                        &key,
                        unit::RATIO,
                        improved[i],
                        n[i],
                    ));
                }
            }
            let (impact, spread) = impact_rows(&site, &frames[*sample])?;
            rows.extend(impact);
            spreads.extend(spread);
        }
        Ok((rows, spreads))
    }
}

fn impact_rows(key: &Key, df: &DataFrame) -> Result<(Vec<Row>, Vec<Spread>)> {
    let trained = bools(df, "trained")?;
    let income = ints(df, "monthly_income")?;
    let change = ints(df, "change")?;
    let (mut t, mut u) = (Vec::new(), Vec::new());
    for i in 0..df.height() {
        let (Some(inc), Some(ch)) = (income[i], change[i]) else {
            continue;
        };
        let obs = Obs {
            income: inc,
            change: ch,
        };
        if trained[i] {
            t.push(obs);
        } else {
            u.push(obs);
        }
    }
    let point = bootstrap::impact(&t, &u);
    let ci = bootstrap::intervals(&key.period.label(), &t, &u, bootstrap::RESAMPLES);
    let spreads = [("trained", &t), ("untrained", &u)]
        .into_iter()
        .filter(|(_, obs)| !obs.is_empty())
        .map(|(group, obs)| {
            let mut changes: Vec<f64> = obs.iter().map(|o| o.change as f64).collect();
            changes.sort_by(f64::total_cmp);
            Spread {
                period: key.period.clone(),
                group,
                n: changes.len(),
                quantiles: [0.10, 0.25, 0.50, 0.75, 0.90].map(|p| bootstrap::quantile(&changes, p)),
            }
        })
        .collect();
    let rows = vec![
        Row::value(
            Id::IncomeImpactSimpleDiff,
            key,
            unit::RUPIAH_PER_MONTH,
            point.map(|p| p.simple_diff),
        )
        .with_ci(ci.map(|c| c.0)),
        Row::value(
            Id::IncomeImpactDid,
            key,
            unit::RUPIAH_PER_MONTH,
            point.map(|p| p.did),
        )
        .with_ci(ci.map(|c| c.1)),
    ];
    Ok((rows, spreads))
}
