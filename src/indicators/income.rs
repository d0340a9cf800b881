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
use super::frame::{bools, days, flags, int_array, ints, DayArray, Grouping, IntArray};
use super::groups::HouseholdGroups;
use super::period::Period;
use super::{unit, Key, Row, Spread, ALL};

/// The poverty gap is summed as an integer number of 1e-12 units so the sum
/// does not depend on the order the households are added in.
const GAP_SCALE: f64 = 1e12;

/// The survey rounds (the baseline first, when there is one) and the
/// columns of the surveys and enrollments the family reads. Each round's
/// surveyed households, and its panel with the baseline, are found by
/// household key; every disaggregation's sums are taken from them in Rust.
pub(crate) struct Pending {
    labels: Vec<String>,
    surveys: DataFrame,
    trainings: Option<DataFrame>,
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

/// Welfare sums of one group of a round's surveyed households: counts and
/// integer sums, so their value does not depend on the order of the rows.
#[derive(Debug, Default, Clone, PartialEq)]
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

    /// Adds row `i` to the welfare sums `w`: a household is poor when its
    /// income is below the poverty line times its members; its gap is the
    /// shortfall as a share of that line (0 when not poor), rounded half to
    /// even in units of 1/[`GAP_SCALE`]; enrolment counts the households
    /// that answered both school questions. A missing answer counts for
    /// none. The sums are of integers, so their order does not matter.
    fn add(&self, poverty_line: i64, w: &mut Welfare, i: usize) {
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

/// The sums of a group's income changes as its rows are added, and the
/// changes known, for the median.
#[derive(Debug, Default, Clone)]
struct Changes {
    n: i64,
    sum: i64,
    improved: i64,
    known: Vec<f64>,
}

impl Changes {
    /// Adds a household's change (none when unknown: counted in `n` only).
    fn add(&mut self, change: Option<i64>) {
        self.n += 1;
        if let Some(c) = change {
            self.sum = self.sum.wrapping_add(c);
            self.improved += i64::from(c > 0);
            self.known.push(c as f64);
        }
    }

    fn change(mut self) -> Change {
        Change {
            n: self.n,
            sum: self.sum,
            improved: self.improved,
            median: bootstrap::median(&mut self.known),
        }
    }
}

pub(crate) fn plan(base: &Base) -> Result<Pending> {
    let mut labels: Vec<String> = Vec::new();
    if base.has_baseline {
        labels.push(BASELINE.to_string());
    }
    labels.extend(base.rounds.iter().map(|r| r.label.clone()));
    // The columns read, taken now: the base lets its survey frame go once
    // the families' plans are collected.
    let surveys = base
        .surveys
        .clone()
        .select([
            col(cols::HH),
            col("round"),
            col("surveyed_on"),
            col("monthly_income"),
            col("children_in_school"),
        ])
        .collect()?;
    let trainings = base
        .trainings
        .clone()
        .map(|lf| {
            lf.select([col(cols::HH), col("started_on"), col("completed")])
                .collect()
        })
        .transpose()?;
    Ok(Pending {
        labels,
        surveys,
        trainings,
    })
}

/// The two parts of a round's rows: the welfare of its surveyed
/// households, and (for a follow-up round) the income change of its panel.
#[derive(Clone, Copy)]
enum Part {
    Welfare,
    Panel,
}

impl Pending {
    pub(crate) fn rows(&self, base: &Base) -> Result<(Vec<Row>, Vec<Spread>)> {
        let registry = base
            .households
            .clone()
            .select(HOUSEHOLD_COLUMNS.map(col))
            .collect()?;
        // The registry's groups, its rows by key and the surveys' rounds,
        // each found on its own.
        let ((groups, registered), surveys) = rayon::join(
            || {
                rayon::join(
                    || HouseholdGroups::read(&registry),
                    || Registered::read(&registry),
                )
            },
            || Surveys::read(&self.surveys, &self.labels),
        );
        let (groups, registry, surveys) = (groups?, registered?, surveys?);
        let trainings = self.trainings.as_ref().map(Enrolled::read).transpose()?;
        let baseline = base.has_baseline.then(|| surveys.row_of(0)).transpose()?;
        // Each round's welfare rows, and each follow-up round's panel rows,
        // are independent parts (a panel's bootstrap seeded by its round's
        // label): each is counted on its own, side by side, and the parts
        // are put in order.
        let parts: Vec<(usize, Part)> = (0..self.labels.len())
            .flat_map(|r| {
                let panel = baseline.is_some() && self.labels[r] != BASELINE;
                [(r, Part::Welfare)]
                    .into_iter()
                    .chain(panel.then_some((r, Part::Panel)))
            })
            .collect();
        let per_part: Vec<(Vec<Row>, Vec<Spread>)> = parts
            .into_par_iter()
            .map(|(r, part)| {
                let site = Key::site(Period::round(&self.labels[r]), ALL);
                match (&baseline, part) {
                    (Some(baseline), Part::Panel) => {
                        let trained = trainings
                            .as_ref()
                            .map(|t| t.trained(&surveys.latest(r)))
                            .unwrap_or_else(|| vec![false; surveys.size]);
                        let df = surveys.panel(r, &registry, baseline, &trained)?;
                        panel_rows(&site, &groups, &df)
                    }
                    _ => {
                        let df = surveys.welfare(r, &registry)?;
                        Ok((welfare_rows(&site, base, &groups, &df)?, Vec::new()))
                    }
                }
            })
            .collect::<Result<_>>()?;
        let mut rows = Vec::new();
        let mut spreads = Vec::new();
        for (part_rows, part_spreads) in per_part {
            rows.extend(part_rows);
            spreads.extend(part_spreads);
        }
        Ok((rows, spreads))
    }
}

/// No household key (a row without a household id), and no row for a
/// key.
const NONE: u32 = u32::MAX;

/// One more than the largest of `keys`: the size of a table by key.
fn size_of(keys: &[u32]) -> usize {
    keys.iter()
        .filter(|&&k| k != NONE)
        .max()
        .map_or(0, |&k| k as usize + 1)
}

/// The row of each household key among `rows` (by their `keys`), in a
/// table by key of `size` places ([`NONE`] where no row has the key). A
/// key is the household's in the registry, and once in a survey round:
/// the checks reject the rows that repeat one, so a repeat here is the
/// engine's fault, not a row to count twice.
fn row_of_key(keys: &[u32], rows: impl Iterator<Item = u32>, size: usize) -> Result<Vec<u32>> {
    let mut row_of = vec![NONE; size];
    for i in rows {
        let k = keys[i as usize];
        if k == NONE {
            continue;
        }
        let at = &mut row_of[k as usize];
        anyhow::ensure!(
            *at == NONE,
            "household key {k} is on two rows ({} and {i})",
            *at
        );
        *at = i;
    }
    Ok(row_of)
}

/// Household keys of a frame's [`cols::HH`] column, [`NONE`] for none.
fn keys_of(df: &DataFrame) -> Result<Vec<u32>> {
    Ok(df
        .column(cols::HH)?
        .idx()?
        .iter()
        .map(|k| k.unwrap_or(NONE))
        .collect())
}

/// The registry's households by key, with the columns the surveys join.
struct Registered {
    row_of: Vec<u32>,
    members: IntArray,
    school_age: IntArray,
}

impl Registered {
    fn read(df: &DataFrame) -> Result<Registered> {
        let keys = keys_of(df)?;
        Ok(Registered {
            row_of: row_of_key(&keys, 0..keys.len() as u32, size_of(&keys))?,
            members: int_array(df, "members")?,
            school_age: int_array(df, "school_age_children")?,
        })
    }

    /// The registry's row of household key `k`.
    fn row(&self, k: u32) -> Option<usize> {
        self.row_of
            .get(k as usize)
            .filter(|&&j| j != NONE)
            .map(|&j| j as usize)
    }
}

/// The surveys' rows, with the rows of each round found once.
struct Surveys {
    keys: Vec<u32>,
    on: DayArray,
    income: IntArray,
    in_school: IntArray,
    /// The rows of each round, in row order, by the round's place in the
    /// labels.
    of_round: Vec<Vec<u32>>,
    /// The places of a table by key: one more than the largest household
    /// key of the surveys.
    size: usize,
}

impl Surveys {
    /// The surveys (`df`) of the rounds `labels`.
    fn read(df: &DataFrame, labels: &[String]) -> Result<Surveys> {
        let keys = keys_of(df)?;
        let mut of_round = vec![Vec::new(); labels.len()];
        let rounds = df.column("round")?.str()?;
        for (i, round) in (0u32..).zip(rounds.iter()) {
            if let Some(r) = round.and_then(|l| labels.iter().position(|x| x == l)) {
                of_round[r].push(i);
            }
        }
        let size = size_of(&keys);
        Ok(Surveys {
            on: days(df, "surveyed_on")?,
            income: int_array(df, "monthly_income")?,
            in_school: int_array(df, "children_in_school")?,
            keys,
            of_round,
            size,
        })
    }

    /// The row of each household key in round `r`.
    fn row_of(&self, r: usize) -> Result<Vec<u32>> {
        row_of_key(&self.keys, self.of_round[r].iter().copied(), self.size)
    }

    /// Each household's latest survey date in round `r`, by key.
    fn latest(&self, r: usize) -> Vec<Option<i32>> {
        let mut latest = vec![None; self.size];
        for &i in &self.of_round[r] {
            let k = self.keys[i as usize];
            if let (Some(at), Some(on)) = (latest.get_mut(k as usize), self.on.get(i as usize)) {
                *at = (*at).max(Some(on));
            }
        }
        latest
    }

    /// Round `r`'s registered households (the round's rows joined with
    /// the registry by household key), in the round's row order, with the
    /// registry's columns the welfare sums read.
    fn welfare(&self, r: usize, registry: &Registered) -> Result<DataFrame> {
        let (mut keys, mut income, mut in_school, mut members, mut school_age) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for &i in &self.of_round[r] {
            let k = self.keys[i as usize];
            let Some(j) = registry.row(k) else {
                continue;
            };
            let i = i as usize;
            keys.push(k);
            income.push(self.income.get(i));
            in_school.push(self.in_school.get(i));
            members.push(registry.members.get(j));
            school_age.push(registry.school_age.get(j));
        }
        Ok(DataFrame::new(
            keys.len(),
            vec![
                IdxCa::from_vec(cols::HH.into(), keys).into_column(),
                Column::new("monthly_income".into(), income),
                Column::new("children_in_school".into(), in_school),
                Column::new("members".into(), members),
                Column::new("school_age_children".into(), school_age),
            ],
        )?)
    }

    /// The panel of round `r` with the baseline (`baseline`, the baseline
    /// row of each key): the registered households surveyed in both, in
    /// order of household key (the order the bootstrap draws in), with
    /// whether each was `trained` (by key) before the round, its income
    /// and its change since baseline.
    fn panel(
        &self,
        r: usize,
        registry: &Registered,
        baseline: &[u32],
        trained: &[bool],
    ) -> Result<DataFrame> {
        let round = self.row_of(r)?;
        let (mut keys, mut was_trained, mut income, mut change) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (k, (&i, &b)) in (0u32..).zip(round.iter().zip(baseline)) {
            if i == NONE || b == NONE || registry.row(k).is_none() {
                continue;
            }
            let now = self.income.get(i as usize);
            let then = self.income.get(b as usize);
            keys.push(k);
            was_trained.push(trained.get(k as usize).copied().unwrap_or(false));
            income.push(now);
            change.push(now.zip(then).map(|(now, then)| now.wrapping_sub(then)));
        }
        Ok(DataFrame::new(
            keys.len(),
            vec![
                IdxCa::from_vec(cols::HH.into(), keys).into_column(),
                Column::new("trained".into(), was_trained),
                Column::new("monthly_income".into(), income),
                Column::new("change".into(), change),
            ],
        )?)
    }
}

/// The completed enrollments: each one's household key and start date.
struct Enrolled {
    completed: Vec<(u32, i32)>,
}

impl Enrolled {
    fn read(df: &DataFrame) -> Result<Enrolled> {
        let keys = keys_of(df)?;
        let started = days(df, "started_on")?;
        let done = flags(df, "completed")?;
        let completed = keys
            .iter()
            .zip(started.iter())
            .zip(done.iter())
            .filter_map(|((&k, on), done)| match (k, on, done) {
                (k, Some(&on), Some(true)) if k != NONE => Some((k, on)),
                _ => None,
            })
            .collect();
        Ok(Enrolled { completed })
    }

    /// Which households (by key) completed an enrollment that started
    /// before a survey of theirs dated `latest` (each household's latest
    /// survey date in a round, by key).
    fn trained(&self, latest: &[Option<i32>]) -> Vec<bool> {
        let mut trained = vec![false; latest.len()];
        for &(k, started) in &self.completed {
            if let Some(Some(on)) = latest.get(k as usize) {
                if started < *on {
                    trained[k as usize] = true;
                }
            }
        }
        trained
    }
}

/// The welfare rows of a survey round (`site` its key), from its surveyed
/// households `df` ([`Surveys::welfare`]).
fn welfare_rows(
    site: &Key,
    base: &Base,
    groups: &HouseholdGroups,
    df: &DataFrame,
) -> Result<Vec<Row>> {
    let surveyed = Surveyed::read(df)?;
    // Each indicator's rows apart, one indicator after the other as the
    // output sorts them: within the round, the tens of thousands of RT rows
    // of a registry extract are then not moved again.
    let [mut poor, mut gap, mut school] = [(); 3].map(|_| Vec::new());
    let line = base.poverty_line;
    for grouping in Grouping::ALL {
        for (label, w) in groups.sums(grouping, df, |w, i| surveyed.add(line, w, i))? {
            let key = site.grouped(grouping.name(), label);
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
    Ok(rows)
}

/// The income change and impact rows and the income spreads of a
/// follow-up round (`site` its key), from its panel with the baseline
/// `df` ([`Surveys::panel`]).
fn panel_rows(
    site: &Key,
    groups: &HouseholdGroups,
    df: &DataFrame,
) -> Result<(Vec<Row>, Vec<Spread>)> {
    let changes = ints(df, "change")?;
    let [mut mean, mut median, mut improved] = [(); 3].map(|_| Vec::new());
    for grouping in Grouping::ALL.into_iter().chain([Grouping::Trained]) {
        for (label, sums) in groups.sums(grouping, df, |c: &mut Changes, i| c.add(changes[i]))? {
            let key = site.grouped(grouping.name(), label);
            let c = sums.change();
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
    let mut rows = mean;
    rows.extend(median.into_iter().chain(improved));
    let (impact, spreads) = impact_rows(site, df)?;
    rows.extend(impact);
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

    /// Registry keys 2, 0, 1; surveys at baseline of households 0, 1 and 3
    /// (3 not registered) and in q1 of 0, 1, 2 and 3; completed trainings
    /// of 0 (day 5, before its q1 survey on day 10) and 1 (day 12, the day
    /// of its survey: not before), and an unfinished one of 2. The q1
    /// round joins the registered households 0, 1 and 2 with their
    /// registry rows; its panel those also surveyed at baseline, 0 and 1,
    /// in key order, 0 trained.
    #[test]
    fn rounds_and_panels_join_by_household_key() {
        let registry = df!(
            cols::HH => [2 as IdxSize, 0, 1],
            "members" => [3i64, 1, 2],
            "school_age_children" => [1i64, 0, 2],
        )
        .unwrap();
        let surveys = df!(
            cols::HH => [0 as IdxSize, 1, 3, 0, 1, 2, 3],
            "round" => ["baseline", "baseline", "baseline", "q1", "q1", "q1", "q1"],
            "surveyed_on" => [1i32, 2, 3, 10, 12, 11, 9],
            "monthly_income" => [Some(100i64), Some(200), Some(50), Some(150), None, Some(80), Some(60)],
            "children_in_school" => [0i64, 1, 0, 0, 2, 1, 0],
        )
        .unwrap()
        .lazy()
        .with_column(col("surveyed_on").cast(DataType::Date))
        .collect()
        .unwrap();
        let trainings = df!(
            cols::HH => [0 as IdxSize, 1, 2],
            "started_on" => [5i32, 12, 1],
            "completed" => [true, true, false],
        )
        .unwrap()
        .lazy()
        .with_column(col("started_on").cast(DataType::Date))
        .collect()
        .unwrap();
        let labels = ["baseline".to_string(), "q1".to_string()];
        let surveys = Surveys::read(&surveys, &labels).unwrap();
        let registry = Registered::read(&registry).unwrap();
        let welfare = surveys.welfare(1, &registry).unwrap();
        let expected = df!(
            cols::HH => [0 as IdxSize, 1, 2],
            "monthly_income" => [Some(150i64), None, Some(80)],
            "children_in_school" => [0i64, 2, 1],
            "members" => [1i64, 2, 3],
            "school_age_children" => [0i64, 2, 1],
        )
        .unwrap();
        assert!(welfare.equals_missing(&expected), "{welfare}");
        let trained = Enrolled::read(&trainings)
            .unwrap()
            .trained(&surveys.latest(1));
        assert_eq!(trained, [true, false, false, false]);
        let panel = surveys
            .panel(1, &registry, &surveys.row_of(0).unwrap(), &trained)
            .unwrap();
        let expected = df!(
            cols::HH => [0 as IdxSize, 1],
            "trained" => [true, false],
            "monthly_income" => [Some(150i64), None],
            "change" => [Some(50i64), None],
        )
        .unwrap();
        assert!(panel.equals_missing(&expected), "{panel}");
    }

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
        let welfare = |rows: &[usize]| {
            let mut w = Welfare::default();
            for &i in rows {
                surveyed.add(100_000, &mut w, i);
            }
            w
        };
        let all = welfare(&[0, 1, 2, 3, 4]);
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
        assert_eq!(welfare(&[]), Welfare::default());
        let some = welfare(&[1, 3]);
        assert_eq!((some.n, some.poor, some.gap_units), (2, 0, 0));
    }

    /// Changes 300, -100, unknown, 0 and 500: n counts every household of
    /// the panel, the sum and the median only the known changes (median of
    /// -100, 0, 300, 500 is (0 + 300) / 2), improved only those above 0.
    #[test]
    fn income_change_by_hand() {
        let changes = [Some(300), Some(-100), None, Some(0), Some(500)];
        let change = |changes: &[Option<i64>], rows: &[usize]| {
            let mut c = Changes::default();
            for &i in rows {
                c.add(changes[i]);
            }
            c.change()
        };
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
