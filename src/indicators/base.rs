//! The frames every indicator family starts from.
//!
//! A first small pass finds the quarters and survey rounds present in the
//! data. Then the household registry gets one boolean column per program's
//! `eligible_when`, its baseline income, and is expanded to **household
//! quarters**: one row per household and quarter in which it was active
//! (registered on or before the quarter's last day and not moved or died
//! before its first day), with the value and the months of delivered aid per
//! program. Coverage, equity and training participation aggregate that frame.

use std::collections::{BTreeSet, HashMap};

use foldhash::fast::FixedState;
use rayon::prelude::*;

use anyhow::{Context, Result};
use polars::prelude::*;

use super::deliveries::{Deliveries, Reach};
use super::frame::cut_as;
use super::integrity::{self, Flags};
use super::ledger::Ledger;
use super::period::{epoch_days as days, month_key, quarter_key, Quarter};
use super::registry::Registry;
use super::Batch;
use crate::config::{AidType, SiteConfig};
use crate::contract::Table;
use crate::load::ROW;
use crate::site::Site;

/// What the indicators need to know about one program.
#[derive(Debug, Clone)]
pub(crate) struct ProgramInfo {
    pub code: String,
    /// Has an `entitlement_per_month`: regularity and entitlement apply.
    pub monthly: bool,
    pub training: bool,
    pub goods: bool,
    /// `entitlement_per_month`, for monthly programs.
    pub entitlement: Option<i64>,
}

/// A survey round, in date order.
#[derive(Debug, Clone)]
pub(crate) struct Round {
    pub label: String,
}

pub(crate) use super::period::BASELINE;

/// Column names in the household frames.
pub(crate) mod cols {
    pub fn eligible(i: usize) -> String {
        format!("e_{i}")
    }
    pub fn value(i: usize) -> String {
        format!("v_{i}")
    }
    pub fn months(i: usize) -> String {
        format!("m_{i}")
    }
    pub const ELIGIBLE_ANY: &str = "e_all";
    pub const ELIGIBLE_TRAINING: &str = "e_training";
    pub const VALUE_ALL: &str = "v_all";
    pub const BASE_INCOME: &str = "income_baseline";
    pub const ENROLLED: &str = "enrolled";
    pub const Q: &str = "q";
    /// A household as an integer: the rank of its id among every id of
    /// the site in text order, so sorting by it sorts by id.
    pub const HH: &str = "hh";
    pub const MONTH: &str = "month";
}

pub(crate) struct Base {
    pub poverty_line: i64,
    pub programs: Vec<ProgramInfo>,
    /// Quarters with at least one row in the distribution ledger.
    pub dist_quarters: Vec<Quarter>,
    /// Quarters in which a training started.
    pub training_quarters: Vec<Quarter>,
    /// Quarters in which feedback was received.
    pub feedback_quarters: Vec<Quarter>,
    /// Quarters with any dated record: a delivery, a survey, a course
    /// start or feedback (the budget's quarters are added with the budget).
    pub record_quarters: Vec<Quarter>,
    pub has_baseline: bool,
    /// Follow-up rounds (every round but the baseline), by first survey date.
    pub rounds: Vec<Round>,
    /// The registry with eligibility and baseline income (one row per household).
    pub households: LazyFrame,
    pub surveys: LazyFrame,
    /// Enrollments with their start quarter, when the site has a training file.
    pub trainings: Option<LazyFrame>,
    /// Feedback with its quarter, when the site has a feedback file.
    pub feedback: Option<LazyFrame>,
    /// Active household quarters with delivered aid per program.
    pub household_quarters: LazyFrame,
    /// The aid ledger with its record index ([`ROW`]), quarter, month and
    /// household key.
    pub distributions: LazyFrame,
    /// The budget lines, when the site has a budget file.
    pub budget: Option<LazyFrame>,
    /// The ledger's totals per quarter, program and status.
    pub ledger: Ledger,
    /// Households the ledger's deliveries reached.
    pub reach: Reach,
    /// The ledger's rows the integrity flags pick out.
    pub flags: Flags,
}

impl Base {
    pub(crate) fn new(site: &Site) -> Result<Base> {
        let config = &site.config;
        let start = config.site.fiscal_year_start_month;
        let frame = |t: Table| {
            site.frame(t)
                .with_context(|| format!("the site has no {} table", crate::contract::spec(t).name))
        };
        // Every table that names a household is read once and gets its
        // integer key, for the joins, group-bys and sorts on households;
        // the ledger and the surveys only with the columns read below. The
        // batch holds them in this order: households, surveys, ledger,
        // then the enrollments when the site has them.
        let mut batch = Batch::default();
        batch.add(frame(Table::Households)?);
        batch.add(frame(Table::Surveys)?.select([
            col("household_id"),
            col("round"),
            col("surveyed_on"),
            col("monthly_income"),
            col("children_in_school"),
        ]));
        batch.add(site.frame_or_empty(Table::Distributions).select([
            col(ROW),
            col("distribution_id"),
            col("distributed_on"),
            col("household_id"),
            col("program"),
            col("value"),
            col("status"),
            col("locally_sourced"),
            col("eco_packaging"),
        ]));
        let has_trainings = site
            .frame(Table::Trainings)
            .map(|lf| batch.add(lf))
            .is_some();
        let tables = batch
            .collect()
            .map_err(anyhow::Error::from)
            .context("reading the household, survey, ledger and training tables")?;
        let mut keyed = with_household_keys(tables)?
            .into_iter()
            .map(DataFrame::lazy);
        let mut next = || keyed.next().context("a keyed table for every table read");
        let households_raw = next()?;
        let surveys = next()?;
        let distributions = next()?.with_columns([
            quarter_key(col("distributed_on"), start).alias(cols::Q),
            month_key(col("distributed_on")).alias(cols::MONTH),
        ]);
        let trainings = has_trainings
            .then(next)
            .transpose()?
            .map(|lf| lf.with_column(quarter_key(col("started_on"), start).alias(cols::Q)));
        let feedback = site
            .frame(Table::Feedback)
            .map(|lf| lf.with_column(quarter_key(col("received_on"), start).alias(cols::Q)));

        // First pass: which quarters and rounds are there?
        let mut batch = Batch::default();
        let quarters_of = |lf: &LazyFrame| {
            lf.clone()
                .select([col(cols::Q)])
                .unique(None, UniqueKeepStrategy::Any)
        };
        let dist_q = batch.add(quarters_of(&distributions));
        let train_q = trainings.as_ref().map(|lf| batch.add(quarters_of(lf)));
        let feed_q = feedback.as_ref().map(|lf| batch.add(quarters_of(lf)));
        let survey_q =
            batch.add(quarters_of(&surveys.clone().with_column(
                quarter_key(col("surveyed_on"), start).alias(cols::Q),
            )));
        let rounds_at = batch.add(
            surveys
                .clone()
                .group_by([col("round")])
                .agg([col("surveyed_on").min().alias("first")]),
        );
        let frames = batch
            .collect()
            .map_err(anyhow::Error::from)
            .context("finding the quarters and rounds in the data")?;
        let quarters = |i: usize| -> Result<Vec<Quarter>> {
            let set: BTreeSet<i32> = frames[i].column(cols::Q)?.i32()?.iter().flatten().collect();
            Ok(set.into_iter().map(Quarter::from_key).collect())
        };
        let dist_quarters = quarters(dist_q)?;
        let training_quarters = train_q.map(quarters).transpose()?.unwrap_or_default();
        let feedback_quarters = feed_q.map(quarters).transpose()?.unwrap_or_default();
        let record_quarters: Vec<Quarter> = dist_quarters
            .iter()
            .chain(&training_quarters)
            .chain(&feedback_quarters)
            .chain(&quarters(survey_q)?)
            .copied()
            .collect::<BTreeSet<Quarter>>()
            .into_iter()
            .collect();
        let mut rounds: Vec<(i32, String)> = {
            let df = &frames[rounds_at];
            let labels = df.column("round")?.str()?;
            let first = df.column("first")?.cast(&DataType::Int32)?;
            let first = first.i32()?;
            labels
                .iter()
                .zip(first.iter())
                .filter_map(|(l, f)| Some((f?, l?.to_string())))
                .collect()
        };
        rounds.sort();
        let has_baseline = rounds.iter().any(|(_, l)| l == BASELINE);
        let rounds = rounds
            .into_iter()
            .filter(|(_, l)| l != BASELINE)
            .map(|(_, label)| Round { label })
            .collect();

        let programs: Vec<ProgramInfo> = config
            .programs
            .iter()
            .map(|p| ProgramInfo {
                code: p.code.clone(),
                monthly: p.entitlement_per_month.is_some(),
                training: p.aid_type == AidType::Training,
                goods: p.aid_type == AidType::Goods,
                entitlement: p.entitlement_per_month,
            })
            .collect();
        let households = households_with_eligibility(config, households_raw, &surveys)?;
        // Every family reads these frames, often several times: compute them
        // once, together, and let the families' plans start from memory
        // instead of parsing the files again for each plan.
        let surveys = surveys.select([
            col("household_id"),
            col(cols::HH),
            col("round"),
            col("surveyed_on"),
            col("monthly_income"),
            col("children_in_school"),
        ]);
        let ledger = distributions.select([
            col(ROW),
            col("distribution_id"),
            col("distributed_on"),
            col("household_id"),
            col(cols::HH),
            col("program"),
            col("value"),
            col("status"),
            col("locally_sourced"),
            col("eco_packaging"),
            col(cols::Q),
            col(cols::MONTH),
        ]);
        let budget = site.frame(Table::Budget);
        let mut batch = Batch::default();
        let at = [batch.add(households), batch.add(surveys), batch.add(ledger)];
        let optional = [trainings, feedback, budget].map(|t| t.map(|lf| batch.add(lf)));
        let mut frames: Vec<Option<DataFrame>> = batch
            .collect()
            .map_err(anyhow::Error::from)
            .context("preparing the household, survey and household-quarter frames")?
            .into_iter()
            .map(Some)
            .collect();
        let mut take = |i: usize| frames[i].take().map(DataFrame::lazy).unwrap_or_default();
        let [households, surveys, distributions] = at.map(&mut take);
        let [trainings, feedback, budget] = optional.map(|i| i.map(&mut take));
        let all_quarters: BTreeSet<Quarter> = dist_quarters
            .iter()
            .chain(&training_quarters)
            .copied()
            .collect();
        // The ledger's rows gathered by household, once, for the aid of
        // each household quarter, the integrity flags, the ledger's totals
        // and the households reached; then released.
        let (delivered, flags, (ledger, reach)) = {
            let ledger = distributions.clone().collect()?;
            let deliveries = Deliveries::read(&ledger, &programs)?;
            let registry = Registry::read(&households, programs.len())?;
            // Three passes over the gathered rows, each on its own.
            let ((delivered, totals), flags) = rayon::join(
                || {
                    rayon::join(
                        || delivered_aid(&deliveries, &programs, start),
                        || deliveries.totals(&registry.rw),
                    )
                },
                || integrity::flag(&deliveries, &registry, &programs),
            );
            (delivered?, flags, totals)
        };
        let household_quarters = household_quarters(
            &households,
            delivered,
            trainings.as_ref(),
            &programs,
            &all_quarters.into_iter().collect::<Vec<_>>(),
            start,
        )?
        .collect()
        .map_err(anyhow::Error::from)
        .context("preparing the household-quarter frame")?
        .lazy();
        Ok(Base {
            poverty_line: config.site.poverty_line,
            programs,
            dist_quarters,
            training_quarters,
            feedback_quarters,
            record_quarters,
            has_baseline,
            rounds,
            households,
            surveys,
            trainings,
            feedback,
            household_quarters,
            distributions,
            budget,
            ledger,
            reach,
            flags,
        })
    }

    /// Indices of the training programs.
    pub(crate) fn training_programs(&self) -> Vec<usize> {
        (0..self.programs.len())
            .filter(|&i| self.programs[i].training)
            .collect()
    }
}

/// A household id as a hash key: an id of up to 16 bytes (the 16 digits
/// of a family card number) packed into the key itself, so comparing two
/// keys reads no text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum IdKey<'a> {
    Short(u128, u8),
    Long(&'a str),
}

impl<'a> IdKey<'a> {
    fn of(id: &'a str) -> IdKey<'a> {
        let bytes = id.as_bytes();
        if bytes.len() > 16 {
            return IdKey::Long(id);
        }
        let mut packed = [0u8; 16];
        packed[..bytes.len()].copy_from_slice(bytes);
        IdKey::Short(u128::from_le_bytes(packed), bytes.len() as u8)
    }
}

/// The number of `id` in order of first sight, numbering it when new.
fn number<'a>(
    seen: &mut HashMap<IdKey<'a>, u32, FixedState>,
    distinct: &mut Vec<&'a str>,
    id: &'a str,
) -> u32 {
    *seen.entry(IdKey::of(id)).or_insert_with(|| {
        distinct.push(id);
        (distinct.len() - 1) as u32
    })
}

/// `tables` (each with a `household_id` column, the registry first) with
/// the column [`cols::HH`]: the rank of the row's id among every id of all
/// the tables in text order, so that sorting by the key sorts by id; none
/// for a row without an id. The registry's ids are numbered in the order
/// first seen; the other tables look theirs up in parallel and number the
/// few the registry lacks after; one sort of the distinct ids then turns
/// those numbers into ranks.
fn with_household_keys(tables: Vec<DataFrame>) -> Result<Vec<DataFrame>> {
    /// No id in the row.
    const NONE: u32 = u32::MAX;
    /// An id the registry does not have, numbered in the second pass.
    const LATER: u32 = u32::MAX - 1;
    let ids: Vec<StringChunked> = tables
        .iter()
        .map(|df| Ok(df.column("household_id")?.str()?.clone()))
        .collect::<Result<_>>()?;
    let mut seen: HashMap<IdKey<'_>, u32, FixedState> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let mut firsts: Vec<Vec<u32>> = Vec::with_capacity(ids.len());
    if let Some(registry) = ids.first() {
        seen.reserve(registry.len());
        firsts.push(
            registry
                .iter()
                .map(|id| id.map_or(NONE, |id| number(&mut seen, &mut distinct, id)))
                .collect(),
        );
    }
    for ca in ids.iter().skip(1) {
        let mut found: Vec<u32> = Vec::with_capacity(ca.len());
        for arr in ca.downcast_iter() {
            let part: Vec<u32> = (0..arr.len())
                .into_par_iter()
                .with_min_len(1 << 14)
                .map(|i| match arr.get(i) {
                    None => NONE,
                    Some(id) => seen.get(&IdKey::of(id)).copied().unwrap_or(LATER),
                })
                .collect();
            found.extend(part);
        }
        firsts.push(found);
    }
    for (ca, found) in ids.iter().zip(firsts.iter_mut()).skip(1) {
        for (f, id) in found.iter_mut().zip(ca.iter()) {
            if let (LATER, Some(id)) = (*f, id) {
                *f = number(&mut seen, &mut distinct, id);
            }
        }
    }
    anyhow::ensure!(
        (distinct.len() as u64) < u64::from(LATER).min(IdxSize::MAX as u64),
        "more distinct household ids than household keys"
    );
    let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
    order.par_sort_unstable_by_key(|&i| distinct[i as usize]);
    let mut rank = vec![0 as IdxSize; distinct.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as IdxSize;
    }
    tables
        .into_iter()
        .zip(firsts)
        .map(|(mut df, firsts)| {
            let name = PlSmallStr::from(cols::HH);
            let whole = if firsts.contains(&NONE) {
                IdxCa::from_iter_options(
                    name,
                    firsts
                        .iter()
                        .map(|&f| (f != NONE).then(|| rank[f as usize])),
                )
            } else {
                IdxCa::from_vec(name, firsts.par_iter().map(|&f| rank[f as usize]).collect())
            };
            let keys = cut_as(whole.into_column(), df.column("household_id")?)?;
            df.with_column(keys)?;
            Ok(df)
        })
        .collect()
}

/// `eligible_when` as a boolean expression; a null answer (a missing
/// optional column) counts as not eligible.
pub(crate) fn eligibility(text: &str, code: &str) -> Result<Expr> {
    let expr = polars::sql::sql_expr(text)
        .map_err(anyhow::Error::from)
        .with_context(|| format!("program {code}: eligible_when `{text}`"))?;
    Ok(expr.fill_null(lit(false)))
}

fn households_with_eligibility(
    config: &SiteConfig,
    households: LazyFrame,
    surveys: &LazyFrame,
) -> Result<LazyFrame> {
    let mut exprs = Vec::new();
    let mut any = lit(false);
    let mut training = lit(false);
    for (i, p) in config.programs.iter().enumerate() {
        let e = eligibility(&p.eligible_when, &p.code)?;
        any = any.or(col(cols::eligible(i)));
        if p.aid_type == AidType::Training {
            training = training.or(col(cols::eligible(i)));
        }
        exprs.push(e.alias(cols::eligible(i)));
    }
    let baseline = surveys
        .clone()
        .filter(col("round").eq(lit(BASELINE)))
        .select([
            col(cols::HH),
            col("monthly_income").alias(cols::BASE_INCOME),
        ]);
    Ok(households
        .with_columns(exprs)
        .with_columns([
            any.alias(cols::ELIGIBLE_ANY),
            training.alias(cols::ELIGIBLE_TRAINING),
        ])
        .join(
            baseline,
            [col(cols::HH)],
            [col(cols::HH)],
            JoinArgs::new(JoinType::Left),
        ))
}

/// Per household and quarter with a delivery, each program's delivered
/// value (`v_i`) and months (`m_i`: of the quarter's three months, those in
/// which the program delivered anything to the household), from the
/// ledger's delivered rows. The sums are of whole rupiah, so they are the
/// same in any order.
fn delivered_aid(ledger: &Deliveries, programs: &[ProgramInfo], start: u32) -> Result<DataFrame> {
    let n = programs.len();
    let (mut households, mut quarters) = (Vec::new(), Vec::new());
    let (mut values, mut months): (Vec<i64>, Vec<u8>) = (Vec::new(), Vec::new());
    // One household's delivered rows of the site's programs: (quarter,
    // program, month's place in its quarter, value).
    let mut mine: Vec<(i32, usize, u32, i64)> = Vec::new();
    for (household, places) in ledger.households() {
        let Some(household) = household else {
            continue;
        };
        mine.clear();
        for r in places {
            let (true, Some(p), Some(q), Some(m)) = (
                ledger.delivered[r],
                ledger.program[r],
                ledger.quarter[r],
                ledger.month[r],
            ) else {
                continue;
            };
            if (p as usize) < n {
                let slot = (m + 13 - start as i32).rem_euclid(3) as u32;
                mine.push((q, p as usize, slot, ledger.value[r]));
            }
        }
        mine.sort_unstable_by_key(|&(q, ..)| q);
        for (q, p, slot, value) in mine.iter().copied() {
            if quarters.last() != Some(&q) || households.last() != Some(&household) {
                households.push(household);
                quarters.push(q);
                values.resize(values.len() + n, 0);
                months.resize(months.len() + n, 0);
            }
            let at = values.len() - n + p;
            values[at] = values[at].wrapping_add(value);
            months[at] |= 1 << slot;
        }
    }
    let groups = households.len();
    let mut columns: Vec<Column> = vec![
        Column::new(cols::HH.into(), households),
        Column::new(cols::Q.into(), quarters),
    ];
    for i in 0..n {
        columns.push(Column::new(
            cols::value(i).into(),
            (0..groups).map(|g| values[g * n + i]).collect::<Vec<i64>>(),
        ));
        columns.push(Column::new(
            cols::months(i).into(),
            (0..groups)
                .map(|g| i64::from(months[g * n + i].count_ones()))
                .collect::<Vec<i64>>(),
        ));
    }
    Ok(DataFrame::new(groups, columns)?)
}

fn household_quarters(
    households: &LazyFrame,
    delivered: DataFrame,
    trainings: Option<&LazyFrame>,
    programs: &[ProgramInfo],
    quarters: &[Quarter],
    start: u32,
) -> Result<LazyFrame> {
    let keys: Vec<i32> = quarters.iter().map(|q| q.key()).collect();
    let firsts: Vec<i32> = quarters.iter().map(|q| days(q.first_day(start))).collect();
    let lasts: Vec<i32> = quarters.iter().map(|q| days(q.last_day(start))).collect();
    let quarter_frame = df!(
        cols::Q => keys,
        "first_day" => firsts,
        "last_day" => lasts,
    )?
    .lazy()
    .with_columns([
        col("first_day").cast(DataType::Date),
        col("last_day").cast(DataType::Date),
    ]);

    let active = col("registered_on").lt_eq(col("last_day")).and(
        col("status")
            .eq(lit("active"))
            .or(col("status_changed_on").gt_eq(col("first_day"))),
    );
    // Only the columns the household-quarter families read: every row of
    // the registry is repeated once per quarter.
    let mut keep: Vec<Expr> = [
        cols::HH,
        "rw",
        "rt",
        "head_gender",
        "welfare_decile",
        "members",
        "registered_on",
        "status",
        "status_changed_on",
        cols::BASE_INCOME,
        cols::ELIGIBLE_ANY,
        cols::ELIGIBLE_TRAINING,
    ]
    .into_iter()
    .map(col)
    .collect();
    keep.extend((0..programs.len()).map(|i| col(cols::eligible(i))));
    let mut hq = households
        .clone()
        .select(keep)
        .cross_join(quarter_frame, None)
        .filter(active)
        .join(
            delivered.lazy(),
            [col(cols::HH), col(cols::Q)],
            [col(cols::HH), col(cols::Q)],
            JoinArgs::new(JoinType::Left),
        );
    let mut fill: Vec<Expr> = (0..programs.len())
        .flat_map(|i| {
            [
                col(cols::value(i)).fill_null(lit(0i64)),
                col(cols::months(i)).fill_null(lit(0i64)),
            ]
        })
        .collect();
    if let Some(t) = trainings {
        let enrolled = t
            .clone()
            .group_by([col(cols::HH), col(cols::Q)])
            .agg([len().cast(DataType::Int64).alias(cols::ENROLLED)]);
        hq = hq.join(
            enrolled,
            [col(cols::HH), col(cols::Q)],
            [col(cols::HH), col(cols::Q)],
            JoinArgs::new(JoinType::Left),
        );
        fill.push(col(cols::ENROLLED).fill_null(lit(0i64)));
    } else {
        fill.push(lit(0i64).alias(cols::ENROLLED));
    }
    let total = (0..programs.len()).fold(lit(0i64), |acc, i| acc + col(cols::value(i)));
    Ok(hq
        .with_columns(fill)
        .with_column(total.alias(cols::VALUE_ALL))
        .drop(by_name(
            [
                "first_day",
                "last_day",
                "registered_on",
                "status",
                "status_changed_on",
            ],
            true,
            false,
        )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::deliveries::tests::{dated, program};

    /// Keys rank the ids of every table together in text order (an id of
    /// 17 bytes or more is hashed as text, a shorter one packed), a row
    /// without an id has none, and each key column is cut as its table.
    #[test]
    fn household_keys_by_hand() {
        let long = "zzzzzzzzzzzzzzzzzzzz";
        let mut registry = df!("household_id" => ["b", "a"]).unwrap();
        registry
            .vstack_mut(&df!("household_id" => [long]).unwrap())
            .unwrap();
        let surveys = df!("household_id" => [Some("a"), None, Some("c")]).unwrap();
        let ledger = df!("household_id" => ["c", "b", "0000000000000000x", "a\0"]).unwrap();
        let keyed = with_household_keys(vec![registry, surveys, ledger]).unwrap();
        let keys = |df: &DataFrame| -> Vec<Option<IdxSize>> {
            df.column(cols::HH).unwrap().idx().unwrap().iter().collect()
        };
        // In text order: 0000000000000000x, a, a\0, b, c, zzz...
        assert_eq!(keys(&keyed[0]), [Some(3), Some(1), Some(5)]);
        assert_eq!(keys(&keyed[1]), [Some(1), None, Some(4)]);
        assert_eq!(keys(&keyed[2]), [Some(4), Some(3), Some(0), Some(2)]);
        let chunks = |df: &DataFrame, c: &str| {
            df.column(c)
                .unwrap()
                .as_materialized_series()
                .chunk_lengths()
                .collect::<Vec<_>>()
        };
        assert_eq!(chunks(&keyed[0], cols::HH), [2, 1]);
        assert_eq!(
            chunks(&keyed[0], cols::HH),
            chunks(&keyed[0], "household_id")
        );
    }

    /// A fiscal year from July: 2025-Q1 is July to September 2025. Month
    /// keys are `year * 12 + month - 1`.
    #[test]
    fn delivered_aid_by_hand() {
        let (jul, aug, sep, oct) = (2025 * 12 + 6, 2025 * 12 + 7, 2025 * 12 + 8, 2025 * 12 + 9);
        let ledger = df!(
            "status" => ["delivered", "delivered", "delivered", "cancelled", "delivered", "delivered", "delivered"],
            "program" => ["BLT", "BLT", "BLT", "BLT", "PKH", "BLT", "OTHER"],
            cols::HH => [3 as IdxSize, 3, 3, 3, 3, 5, 5],
            cols::Q => [20251i32, 20251, 20251, 20251, 20251, 20252, 20252],
            cols::MONTH => [jul, jul, sep, aug, aug, oct, oct],
            "value" => [100i64, 50, 100, 999, 70, 300, 1],
            "locally_sourced" => [false; 7],
            "eco_packaging" => [false; 7],
        )
        .unwrap();
        let ledger = dated(ledger, &[0; 7]);
        let programs = [program("BLT"), program("PKH")];
        let ledger = Deliveries::read(&ledger, &programs).unwrap();
        let aid = delivered_aid(&ledger, &programs, 7)
            .unwrap()
            .sort([cols::HH], SortMultipleOptions::default())
            .unwrap();
        let ints = |name: &str| super::super::frame::ints(&aid, name).unwrap();
        assert_eq!(ints(cols::HH), [Some(3), Some(5)]);
        assert_eq!(ints(cols::Q), [Some(20251), Some(20252)]);
        // BLT to household 3: 100 + 50 in July, 100 in September (the
        // cancelled August row does not count): 250 over 2 months.
        assert_eq!(ints(&cols::value(0)), [Some(250), Some(300)]);
        assert_eq!(ints(&cols::months(0)), [Some(2), Some(1)]);
        assert_eq!(ints(&cols::value(1)), [Some(70), Some(0)]);
        assert_eq!(ints(&cols::months(1)), [Some(1), Some(0)]);
    }
}
