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
use rayon::prelude::*;

use super::base::{cols, Base, BASELINE};
use super::bootstrap::{self, Obs};
use super::frame::{bools, int_array, ints, Grouping, IntArray};
use super::groups::HouseholdGroups;
use super::period::Period;
use super::{unit, Batch, Key, Row, Spread, ALL};

/// The poverty gap is summed as an integer number of 1e-12 units so the sum
/// does not depend on the order the households are added in.
const GAP_SCALE: f64 = 1e12;

/// The frames of one round: its surveyed households, and the panel with
/// the baseline (follow-up rounds of a site with a baseline). Every
/// disaggregation's sums are taken from them in Rust.
struct RoundPlans {
    label: String,
    welfare: usize,
    panel: Option<usize>,
}

pub(crate) struct Pending {
    rounds: Vec<RoundPlans>,
}

const HOUSEHOLD_COLUMNS: [&str; 7] = [
    cols::HH,
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
            col(cols::HH),
            col("surveyed_on"),
            col("monthly_income"),
            col("children_in_school"),
        ])
        .join(
            households,
            [col(cols::HH)],
            [col(cols::HH)],
            JoinArgs::new(JoinType::Inner),
        )
}

/// Welfare sums of one group of a round's surveyed households: counts and
/// integer sums, so their value does not depend on the order of the rows.
#[derive(Debug, Default, PartialEq)]
struct Welfare {
    n: i64,
    poor: i64,
    /// The poverty gaps summed in units of 1/[`GAP_SCALE`].
    gap_units: i64,
    in_school: i64,
    school_age: i64,
}

/// A round's surveyed households, column by column, for the welfare sums.
struct Surveyed {
    members: IntArray,
    income: IntArray,
    in_school: IntArray,
    school_age: IntArray,
}

impl Surveyed {
    fn read(df: &DataFrame) -> Result<Surveyed> {
        Ok(Surveyed {
            members: int_array(df, "members")?,
            income: int_array(df, "monthly_income")?,
            in_school: int_array(df, "children_in_school")?,
            school_age: int_array(df, "school_age_children")?,
        })
    }

    /// The welfare sums of `rows`: a household is poor when its income is
    /// below the poverty line times its members; its gap is the shortfall
    /// as a share of that line (0 when not poor), rounded half to even in
    /// units of 1/[`GAP_SCALE`]; enrolment counts the households that
    /// answered both school questions. A missing answer counts for none.
    fn welfare(&self, poverty_line: i64, rows: &[u32]) -> Welfare {
        let mut w = Welfare::default();
        for i in rows.iter().map(|&i| i as usize) {
            w.n += 1;
            if let (Some(m), Some(income)) = (self.members.get(i), self.income.get(i)) {
                let line = poverty_line.wrapping_mul(m);
                let shortfall = line.wrapping_sub(income);
                if income < line {
                    w.poor += 1;
                }
                if shortfall > 0 {
                    let gap = shortfall as f64 / line as f64;
                    w.gap_units = w
                        .gap_units
                        .wrapping_add((gap * GAP_SCALE).round_ties_even() as i64);
                }
            }
            if let (Some(c), Some(s)) = (self.in_school.get(i), self.school_age.get(i)) {
                w.in_school = w.in_school.wrapping_add(c);
                w.school_age = w.school_age.wrapping_add(s);
            }
        }
        w
    }
}

/// Income change of one group of a round's panel.
#[derive(Debug, PartialEq)]
struct Change {
    n: i64,
    sum: i64,
    improved: i64,
    /// The median change (the mean of the two middle values of an even
    /// count); none when no change is known.
    median: Option<f64>,
}

fn change(changes: &[Option<i64>], rows: &[u32]) -> Change {
    let mut known: Vec<f64> = Vec::with_capacity(rows.len());
    let (mut sum, mut improved) = (0i64, 0i64);
    for &i in rows {
        if let Some(c) = changes[i as usize] {
            sum = sum.wrapping_add(c);
            improved += i64::from(c > 0);
            known.push(c as f64);
        }
    }
    known.sort_by(f64::total_cmp);
    Change {
        n: rows.len() as i64,
        sum,
        improved,
        median: (!known.is_empty()).then(|| bootstrap::quantile(&known, 0.5)),
    }
}

/// Households trained before their own survey date in `label`.
fn trained(base: &Base, label: &str) -> Option<LazyFrame> {
    let trainings = base.trainings.clone()?;
    let surveyed = base
        .surveys
        .clone()
        .filter(col("round").eq(lit(label)))
        .select([col(cols::HH), col("surveyed_on")]);
    Some(
        trainings
            .filter(col("completed").eq(lit(true)))
            .select([col(cols::HH), col("started_on")])
            .join(
                surveyed,
                [col(cols::HH)],
                [col(cols::HH)],
                JoinArgs::new(JoinType::Inner),
            )
            .filter(col("started_on").lt(col("surveyed_on")))
            .select([col(cols::HH)])
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
            col(cols::HH),
            col("monthly_income").alias(cols::BASE_INCOME),
        ]);
    let joined = round_surveys(base, label).join(
        baseline,
        [col(cols::HH)],
        [col(cols::HH)],
        JoinArgs::new(JoinType::Inner),
    );
    let with_training = match trained(base, label) {
        Some(t) => joined
            .join(
                t,
                [col(cols::HH)],
                [col(cols::HH)],
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
    let rounds = labels
        .into_iter()
        .map(|label| {
            // Only the columns the sums read: the groups are found by
            // household key (`HouseholdGroups`), every household of these
            // joins being in the registry, so the frames (held until every
            // family's rows are made) carry no group columns.
            let welfare = batch.add(round_surveys(base, &label).select([
                col(cols::HH),
                col("monthly_income"),
                col("children_in_school"),
                col("members"),
                col("school_age_children"),
            ]));
            // Sorted by household: the bootstrap draws in that order.
            let panel = (base.has_baseline && label != BASELINE).then(|| {
                batch.add(
                    panel(base, &label)
                        .select([
                            col(cols::HH),
                            col("trained"),
                            col("monthly_income"),
                            col("change"),
                        ])
                        .sort([cols::HH], SortMultipleOptions::default()),
                )
            });
            RoundPlans {
                label,
                welfare,
                panel,
            }
        })
        .collect();
    Ok(Pending { rounds })
}

impl Pending {
    pub(crate) fn rows(
        &self,
        base: &Base,
        frames: &[DataFrame],
    ) -> Result<(Vec<Row>, Vec<Spread>)> {
        let registry = base
            .households
            .clone()
            .select(HOUSEHOLD_COLUMNS.map(col))
            .collect()?;
        let groups = HouseholdGroups::read(&registry)?;
        drop(registry);
        // The rounds are independent: each is counted on its own (its
        // bootstrap seeded by its label), side by side, and put in order.
        let per_round: Vec<(Vec<Row>, Vec<Spread>)> = self
            .rounds
            .par_iter()
            .map(|round| round_rows(round, base, &groups, frames))
            .collect::<Result<_>>()?;
        let mut rows = Vec::new();
        let mut spreads = Vec::new();
        for (round_rows, round_spreads) in per_round {
            rows.extend(round_rows);
            spreads.extend(round_spreads);
        }
        Ok((rows, spreads))
    }
}

/// The rows and income spreads of one survey round.
fn round_rows(
    round: &RoundPlans,
    base: &Base,
    groups: &HouseholdGroups,
    frames: &[DataFrame],
) -> Result<(Vec<Row>, Vec<Spread>)> {
    let mut spreads = Vec::new();
    let site = Key::site(Period::round(&round.label), ALL);
    let df = &frames[round.welfare];
    let surveyed = Surveyed::read(df)?;
    // Each indicator's rows apart, one indicator after the other as the
    // output sorts them: within the round, the tens of thousands of RT rows
    // of a registry extract are then not moved again.
    let [mut poor, mut gap, mut school] = [(); 3].map(|_| Vec::new());
    for grouping in Grouping::ALL {
        for (label, members) in groups.split(grouping, df)? {
            let key = site.grouped(grouping.name(), label);
            let w = surveyed.welfare(base.poverty_line, &members);
            let n = w.n as f64;
            poor.push(Row::ratio(
                Id::PovertyHeadcount,
                &key,
                unit::RATIO,
                w.poor as f64,
                n,
            ));
            gap.push(Row::ratio(
                Id::PovertyGap,
                &key,
                unit::RATIO,
                w.gap_units as f64 / GAP_SCALE,
                n,
            ));
            school.push(Row::ratio(
                Id::SchoolEnrolmentRate,
                &key,
                unit::RATIO,
                w.in_school as f64,
                w.school_age as f64,
            ));
        }
    }
    let mut rows = poor;
    rows.extend(gap.into_iter().chain(school));
    let Some(at) = round.panel else {
        return Ok((rows, spreads));
    };
    let df = &frames[at];
    let changes = ints(df, "change")?;
    let [mut mean, mut median, mut improved] = [(); 3].map(|_| Vec::new());
    for grouping in Grouping::ALL.into_iter().chain([Grouping::Trained]) {
        for (label, members) in groups.split(grouping, df)? {
            let key = site.grouped(grouping.name(), label);
            let c = change(&changes, &members);
            let n = c.n as f64;
            mean.push(Row::ratio(
                Id::IncomeChangeMean,
                &key,
                unit::RUPIAH_PER_MONTH,
                c.sum as f64,
                n,
            ));
            median.push(
                Row::value(
                    Id::IncomeChangeMedian,
                    &key,
                    unit::RUPIAH_PER_MONTH,
                    c.median,
                )
                .with_denominator(n),
            );
            improved.push(Row::ratio(
                Id::IncomeImprovedShare,
                &key,
                unit::RATIO,
                c.improved as f64,
                n,
            ));
        }
    }
    rows.extend(mean.into_iter().chain(median).chain(improved));
    let (impact, spread) = impact_rows(&site, df)?;
    rows.extend(impact);
    spreads.extend(spread);
    Ok((rows, spreads))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Poverty line 100,000 per member. Households: 2 members with 150,000
    /// (poor, gap 50,000 / 200,000 = 0.25); 1 member with 100,000 (not
    /// poor: the line is not below it); 3 members with 0 (poor, gap 1);
    /// 4 members with income unknown (counted in n only); 1 member with
    /// 40,000, of whom 1 of 2 school-age children in school. Enrolment
    /// counts only households that answered both school questions.
    #[test]
    fn welfare_sums_by_hand() {
        let surveyed = Surveyed {
            members: vec![Some(2), Some(1), Some(3), Some(4), Some(1)].into(),
            income: vec![Some(150_000), Some(100_000), Some(0), None, Some(40_000)].into(),
            in_school: vec![Some(2), None, Some(0), Some(1), Some(1)].into(),
            school_age: vec![Some(3), Some(2), None, Some(1), Some(2)].into(),
        };
        let all = surveyed.welfare(100_000, &[0, 1, 2, 3, 4]);
        assert_eq!(
            all,
            Welfare {
                n: 5,
                poor: 3,
                // 0.25 + 1 + 0.6
                gap_units: 250_000_000_000 + 1_000_000_000_000 + 600_000_000_000,
                in_school: 2 + 1 + 1,
                school_age: 3 + 1 + 2,
            }
        );
        assert_eq!(surveyed.welfare(100_000, &[]), Welfare::default());
        let some = surveyed.welfare(100_000, &[1, 3]);
        assert_eq!((some.n, some.poor, some.gap_units), (2, 0, 0));
    }

    /// Changes 300, -100, unknown, 0 and 500: n counts every household of
    /// the panel, the sum and the median only the known changes (median of
    /// -100, 0, 300, 500 is (0 + 300) / 2), improved only those above 0.
    #[test]
    fn income_change_by_hand() {
        let changes = [Some(300), Some(-100), None, Some(0), Some(500)];
        let c = change(&changes, &[0, 1, 2, 3, 4]);
        assert_eq!(
            c,
            Change {
                n: 5,
                sum: 700,
                improved: 2,
                median: Some(150.0),
            }
        );
        assert_eq!(change(&changes, &[0, 1, 4]).median, Some(300.0));
        assert_eq!(change(&changes, &[2]).median, None);
        assert_eq!(change(&changes, &[2]).n, 1);
        assert_eq!(change(&changes, &[]).median, None);
    }
}
