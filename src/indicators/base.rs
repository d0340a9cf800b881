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
use super::integrity::{self, Flags};
use super::ledger::Ledger;
use super::period::{epoch_days as days, month_key, quarter_key, Quarter};
use super::registry::Registry;
use super::Batch;
use crate::config::{AidType, Program, SiteConfig};
use crate::contract::Table;
use crate::load::ROW;
use crate::problem::InvalidInput;
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

/// The aid ledger's columns the families read after the base is made:
/// the integrity flags' rows and the lines the reconciliation lists.
pub(crate) const LEDGER_KEPT: [&str; 7] = [
    ROW,
    "distribution_id",
    "distributed_on",
    "household_id",
    "program",
    "value",
    "status",
];

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
    /// Active household quarters with delivered aid per program, by
    /// quarter and then household key.
    pub household_quarters: LazyFrame,
    /// The aid ledger's columns of [`LEDGER_KEPT`], with its record index
    /// ([`ROW`]).
    pub distributions: LazyFrame,
    /// The first month of the fiscal year.
    pub start_month: u32,
    /// The budget lines, when the site has a budget file.
    pub budget: Option<LazyFrame>,
    /// The ledger's totals per quarter, program and status.
    pub ledger: Ledger,
    /// Households the ledger's deliveries reached.
    pub reach: Reach,
    /// The ledger's rows the integrity flags pick out.
    pub flags: Flags,
    /// The one quarter whose rows per RT the coverage and equity families
    /// make, or `None` for every quarter's (see [`super::RtRows`]).
    pub rt_quarter: Option<Quarter>,
    /// The texts of the codes of the ledger's program and status columns,
    /// and how its delivery ids are written when held as numbers.
    pub ledger_names: LedgerNames,
}

/// The texts of the aid ledger's program and status codes, by code, and
/// how its delivery ids are written when the site holds them as numbers
/// ([`crate::load::codes`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct LedgerNames {
    pub programs: Vec<String>,
    pub statuses: Vec<String>,
    /// How the delivery ids are written, when they are held as numbers.
    pub ids: Option<crate::load::codes::Numbered>,
}

impl LedgerNames {
    fn of(site: &Site) -> LedgerNames {
        let names = |column| site.names(Table::Distributions, column).to_vec();
        LedgerNames {
            programs: names("program"),
            statuses: names("status"),
            ids: site
                .numbered(Table::Distributions, "distribution_id")
                .cloned(),
        }
    }

    /// The delivery ids of some of the ledger's rows (`distribution_id`
    /// of `df`), as texts.
    pub(crate) fn ids_of(&self, df: &DataFrame) -> Result<Vec<Option<String>>> {
        Ok(match &self.ids {
            Some(form) => form.texts_of(df.column("distribution_id")?.as_materialized_series())?,
            None => super::frame::texts(df, "distribution_id")?,
        })
    }
}

impl Base {
    /// Lets go of the household-quarter frame and the keyed surveys once
    /// the families' plans are collected: no family reads them after its
    /// plan, so the collected frames that share their columns (the
    /// household-quarter frame the coverage family sums, above all) are
    /// released as soon as they are used. A family that read one of them
    /// later would find no column and fail, not count nothing. (The keyed
    /// ledger stays: the budget's reconciliation looks up the deliveries
    /// of a line that does not reconcile.)
    pub(crate) fn release_frames(&mut self) {
        self.household_quarters = LazyFrame::default();
        self.surveys = LazyFrame::default();
    }

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
            col(ROW),
            col("household_id"),
            col("round"),
            col("surveyed_on"),
            col("monthly_income"),
            col("children_in_school"),
        ]));
        batch.add(site.coded_frame_or_empty(Table::Distributions).select([
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
        let found = [
            Table::Households,
            Table::Surveys,
            Table::Distributions,
            Table::Trainings,
        ]
        .map(|t| site.household_rows(t));
        let mut keyed = super::household_keys::with_household_keys(
            tables,
            &found[..if has_trainings { 4 } else { 3 }],
        )?
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
        let registry = households_raw.clone();
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
        let collected = batch.collect().map_err(|e| {
            rule_failure(&config.programs, &registry).unwrap_or_else(|| {
                anyhow::Error::from(e)
                    .context("preparing the household, survey and household-quarter frames")
            })
        });
        let mut frames: Vec<Option<DataFrame>> = collected?.into_iter().map(Some).collect();
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
        let ledger_names = LedgerNames::of(site);
        let (delivered, flags, (ledger, reach)) = {
            let ledger = distributions.clone().collect()?;
            let deliveries = Deliveries::read(&ledger, &programs, &ledger_names)?;
            // The ledger's rows naming a household whose registry row was
            // rejected, by position (none, and no work, without rejections).
            let rejected = site.naming_rejected_households(Table::Distributions);
            let rejected: Vec<bool> = match rejected.is_empty() {
                true => Vec::new(),
                false => crate::load::record_numbers(&ledger)?
                    .iter()
                    .map(|&r| rejected.contains(&u64::from(r)))
                    .collect(),
            };
            let registry = Registry::read(&households, programs.len())?;
            // Three passes over the gathered rows, each on its own.
            let ((delivered, totals), flags) = rayon::join(
                || {
                    rayon::join(
                        || DeliveredAid::of(&deliveries, &programs, start),
                        || deliveries.totals(&registry.rw),
                    )
                },
                || integrity::flag(&deliveries, &registry, &programs, &rejected),
            );
            (delivered, flags, totals)
        };
        // After the sums above, the integrity flags and the reconciliation
        // read a few of the ledger's rows and find their quarter from the
        // date: the household key, quarter and month (12 bytes a row) are
        // let go.
        let distributions = distributions
            .select(LEDGER_KEPT.map(col))
            .collect()
            .map_err(anyhow::Error::from)
            .context("keeping the ledger's columns")?
            .lazy();
        let household_quarters = household_quarters(
            &households,
            &delivered,
            trainings.as_ref(),
            &all_quarters.into_iter().collect::<Vec<_>>(),
            start,
        )
        .context("preparing the household-quarter frame")?
        .lazy();
        Ok(Base {
            start_month: start,
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
            rt_quarter: None,
            ledger_names,
        })
    }

    /// Whether the coverage and equity families make the rows per RT of
    /// quarter `q`.
    pub(crate) fn makes_rt_rows(&self, q: Quarter) -> bool {
        self.rt_quarter.is_none_or(|only| only == q)
    }

    /// Indices of the training programs.
    pub(crate) fn training_programs(&self) -> Vec<usize> {
        (0..self.programs.len())
            .filter(|&i| self.programs[i].training)
            .collect()
    }
}

/// `eligible_when` as a boolean expression; a null answer (a missing
/// optional column) counts as not eligible. A rule that cannot be used is
/// [`InvalidInput`] naming site.toml's line, as validation names it.
pub(crate) fn eligibility(program: &Program) -> Result<Expr> {
    crate::validate::eligibility::expression(&program.eligible_when)
        .map_err(|refusal| rule_error(program, &refusal.message))
}

/// The error of a program's rule that cannot be used: `message` follows
/// the words `eligible_when`.
pub(crate) fn rule_error(program: &Program, message: &str) -> anyhow::Error {
    InvalidInput(format!(
        "{} line {}, eligible_when: program {}: eligible_when {message}",
        crate::config::SITE_FILE,
        program.eligible_when_line,
        program.code
    ))
    .into()
}

/// The first program whose rule cannot be evaluated on `households`, as
/// [`rule_error`]: what a failure of a frame evaluating the rules means
/// when it is the rules' own.
pub(crate) fn rule_failure(programs: &[Program], households: &LazyFrame) -> Option<anyhow::Error> {
    let exprs: Vec<Expr> = programs
        .iter()
        .map(eligibility)
        .collect::<Result<_>>()
        .ok()?;
    let (i, why) = crate::validate::eligibility::failures(&exprs, households)
        .into_iter()
        .next()?;
    Some(rule_error(
        &programs[i],
        &format!("cannot be evaluated on the registry's households: {why}"),
    ))
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
        let e = eligibility(p)?;
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
/// value and months (of the quarter's three months, those in which the
/// program delivered anything to the household), from the ledger's
/// delivered rows, found by household key and quarter. The sums are of
/// whole rupiah, so they are the same in any order.
struct DeliveredAid {
    programs: usize,
    /// Where each household key's quarters start in `quarter`, and end at
    /// the next key's start.
    starts: Vec<u32>,
    /// The quarters with a delivery, each household's in time order.
    quarter: Vec<i32>,
    /// Each program's value in each of them (`programs` per quarter).
    value: Vec<i64>,
    /// Each program's months in each of them, a bit per month.
    months: Vec<u8>,
}

impl DeliveredAid {
    fn of(ledger: &Deliveries, programs: &[ProgramInfo], start: u32) -> DeliveredAid {
        let n = programs.len();
        let mut aid = DeliveredAid {
            programs: n,
            starts: Vec::new(),
            quarter: Vec::new(),
            value: Vec::new(),
            months: Vec::new(),
        };
        // One household's delivered rows of the site's programs: (quarter,
        // program, month's place in its quarter, value).
        let mut mine: Vec<(i32, usize, u32, i64)> = Vec::new();
        for (household, places) in ledger.households() {
            let Some(household) = household else {
                continue;
            };
            mine.clear();
            for r in places {
                let d = ledger.at(r);
                let (true, Some(p), Some(q), Some(m)) =
                    (d.delivered(), d.program(), d.quarter(), d.month())
                else {
                    continue;
                };
                if (p as usize) < n {
                    let slot = (m + 13 - start as i32).rem_euclid(3) as u32;
                    mine.push((q, p as usize, slot, d.value));
                }
            }
            // Households come in key order: every key up to this one
            // starts here.
            let here = aid.quarter.len() as u32;
            aid.starts.resize(household as usize + 1, here);
            mine.sort_unstable_by_key(|&(q, ..)| q);
            for (q, p, slot, value) in mine.iter().copied() {
                if aid.quarter.len() == here as usize || aid.quarter.last() != Some(&q) {
                    aid.quarter.push(q);
                    aid.value.resize(aid.value.len() + n, 0);
                    aid.months.resize(aid.months.len() + n, 0);
                }
                let at = aid.value.len() - n + p;
                aid.value[at] = aid.value[at].wrapping_add(value);
                aid.months[at] |= 1 << slot;
            }
        }
        aid.starts.push(aid.quarter.len() as u32);
        aid
    }

    /// The place of household key `hh`'s quarter `q`, when aid was
    /// delivered to it then.
    fn slot(&self, hh: IdxSize, q: i32) -> Option<usize> {
        let h = hh as usize;
        let (&from, &to) = (self.starts.get(h)?, self.starts.get(h + 1)?);
        (from..to)
            .map(|s| s as usize)
            .find(|&s| self.quarter[s] == q)
    }

    /// Program `i`'s value at `slot` (0 without one).
    fn value(&self, slot: Option<usize>, i: usize) -> i64 {
        slot.map_or(0, |s| self.value[s * self.programs + i])
    }

    /// Program `i`'s months at `slot` (0 without one).
    fn months(&self, slot: Option<usize>, i: usize) -> i64 {
        slot.map_or(0, |s| {
            i64::from(self.months[s * self.programs + i].count_ones())
        })
    }
}

/// The active household quarters: one row per registry row and quarter
/// of `quarters` in which the household was active (registered on or
/// before the quarter's last day, and still active or changed status on
/// or after its first day; a missing date or status is not active), in
/// quarter order and then household key order, with the registry's columns the
/// household-quarter families read, the quarter ([`cols::Q`]), each
/// program's delivered value and months (`v_i`, `m_i`; 0 without a
/// delivery), the household's enrollments that quarter
/// ([`cols::ENROLLED`]) and the value of all programs
/// ([`cols::VALUE_ALL`]).
fn household_quarters(
    households: &LazyFrame,
    delivered: &DeliveredAid,
    trainings: Option<&LazyFrame>,
    quarters: &[Quarter],
    start: u32,
) -> Result<DataFrame> {
    let n = delivered.programs;
    // Only the columns the household-quarter families read: every row of
    // the registry is repeated once per quarter. In one chunk, so that
    // each column is gathered from one array.
    let mut keep: Vec<Expr> = [
        cols::HH,
        "rw",
        "rt",
        "head_gender",
        "welfare_decile",
        "members",
        cols::BASE_INCOME,
        cols::ELIGIBLE_ANY,
        cols::ELIGIBLE_TRAINING,
    ]
    .into_iter()
    .map(col)
    .collect();
    keep.extend((0..n).map(|i| col(cols::eligible(i))));
    let mut registry = households
        .clone()
        .select(keep)
        .collect()
        .map_err(anyhow::Error::from)
        .context("reading the registry's columns")?;
    registry.rechunk_mut_par();
    let dates = households
        .clone()
        .select([
            col("registered_on").cast(DataType::Int32),
            col("status_changed_on").cast(DataType::Int32),
            col("status").eq(lit("active")).alias("active"),
        ])
        .collect()
        .map_err(anyhow::Error::from)
        .context("reading the registry's dates")?;
    let day = |name: &str| -> Result<Vec<Option<i32>>> {
        Ok(dates.column(name)?.i32()?.iter().collect())
    };
    let (registered, changed) = (day("registered_on")?, day("status_changed_on")?);
    let active: Vec<Option<bool>> = dates.column("active")?.bool()?.iter().collect();
    drop(dates);
    let firsts: Vec<i32> = quarters.iter().map(|q| days(q.first_day(start))).collect();
    let lasts: Vec<i32> = quarters.iter().map(|q| days(q.last_day(start))).collect();
    // The registry's rows by household key (a row without one first).
    let keyed: Vec<Option<IdxSize>> = registry.column(cols::HH)?.idx()?.iter().collect();
    let mut order: Vec<usize> = (0..keyed.len()).collect();
    order.sort_by_key(|&r| keyed[r]);
    // Each household quarter's registry row, and its quarter's place in
    // `quarters`: by quarter, then by household key.
    let (mut rows, mut at): (Vec<IdxSize>, Vec<u32>) = (Vec::new(), Vec::new());
    for (k, (&first, &last)) in firsts.iter().zip(&lasts).enumerate() {
        for &r in &order {
            let Some(registered) = registered[r] else {
                continue;
            };
            if registered <= last
                && (active[r] == Some(true) || changed[r].is_some_and(|c| c >= first))
            {
                rows.push(r as IdxSize);
                at.push(k as u32);
            }
        }
    }
    let mut hq = registry.take(&IdxCa::from_vec("".into(), rows))?;
    drop(registry);
    let keys: Vec<i32> = quarters.iter().map(|q| q.key()).collect();
    let hh = crate::load::one_array(hq.column(cols::HH)?.idx()?);
    let slots: Vec<Option<usize>> = (0..at.len())
        .into_par_iter()
        .with_min_len(1 << 14)
        .map(|r| delivered.slot(hh.get(r)?, keys[at[r] as usize]))
        .collect();
    // Each column is moved into its frame (`from_vec`), not copied as
    // `Column::new` would: millions of household quarters on a registry
    // extract.
    let mut columns: Vec<Column> = vec![Int32Chunked::from_vec(
        cols::Q.into(),
        at.iter().map(|&k| keys[k as usize]).collect(),
    )
    .into_column()];
    let programs: Vec<(Vec<i64>, Vec<i64>)> = (0..n)
        .into_par_iter()
        .map(|i| {
            let values = slots.iter().map(|&s| delivered.value(s, i)).collect();
            let months = slots.iter().map(|&s| delivered.months(s, i)).collect();
            (values, months)
        })
        .collect();
    let mut total = vec![0i64; slots.len()];
    for (i, (values, months)) in programs.into_iter().enumerate() {
        for (t, v) in total.iter_mut().zip(&values) {
            *t = t.wrapping_add(*v);
        }
        columns.push(Int64Chunked::from_vec(cols::value(i).into(), values).into_column());
        columns.push(Int64Chunked::from_vec(cols::months(i).into(), months).into_column());
    }
    let enrolled = match trainings {
        Some(t) => enrollments(t, &hh, &at, &keys)?,
        None => vec![0; slots.len()],
    };
    columns.push(Int64Chunked::from_vec(cols::ENROLLED.into(), enrolled).into_column());
    columns.push(Int64Chunked::from_vec(cols::VALUE_ALL.into(), total).into_column());
    hq.hstack_mut(&columns)?;
    Ok(hq)
}

/// The enrollments of each household quarter (household key `hh[r]` and
/// quarter `keys[at[r]]`), counted from the enrollments' keys and
/// quarters.
fn enrollments(
    trainings: &LazyFrame,
    hh: &<IdxType as PolarsDataType>::Array,
    at: &[u32],
    keys: &[i32],
) -> Result<Vec<i64>> {
    let t = trainings
        .clone()
        .select([col(cols::HH), col(cols::Q)])
        .collect()
        .map_err(anyhow::Error::from)
        .context("reading the enrollments")?;
    let mut count: HashMap<(IdxSize, i32), i64, FixedState> = HashMap::default();
    let (households, quarters) = (t.column(cols::HH)?.idx()?, t.column(cols::Q)?.i32()?);
    for (h, q) in households.iter().zip(quarters.iter()) {
        if let (Some(h), Some(q)) = (h, q) {
            *count.entry((h, q)).or_default() += 1;
        }
    }
    Ok(hh
        .iter()
        .zip(at)
        .map(|(h, &k)| {
            h.and_then(|&h| count.get(&(h, keys[k as usize])))
                .copied()
                .unwrap_or(0)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::deliveries::tests::{coded, dated, program};
    use chrono::NaiveDate;

    /// With the fiscal year from January, 2026-Q1 is January to March and
    /// 2026-Q2 April to June: a household is active in a quarter when
    /// registered by its last day and still active, or changed status on
    /// or after its first day; without a registration date, or with
    /// neither an active status nor a change date, it is never active.
    #[test]
    fn household_quarters_by_hand() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(days);
        let old = day(2025, 1, 1);
        let households = df!(
            cols::HH => [5 as IdxSize, 1, 2, 3, 4, 6, 0, 7],
            "rw" => [1i64; 8],
            "rt" => [2i64; 8],
            "head_gender" => ["f"; 8],
            "welfare_decile" => [3i64; 8],
            "members" => [4i64; 8],
            cols::BASE_INCOME => [5i64; 8],
            cols::ELIGIBLE_ANY => [true; 8],
            cols::ELIGIBLE_TRAINING => [false; 8],
            &cols::eligible(0) => [true; 8],
            "registered_on" => [day(2025, 12, 1), day(2026, 2, 15), day(2026, 4, 10), old, old, None, old, old],
            "status" => [Some("active"), Some("active"), Some("active"), Some("moved"), Some("died"), Some("active"), None, Some("moved")],
            "status_changed_on" => [None, None, None, day(2026, 3, 31), day(2025, 12, 31), None, day(2026, 5, 1), None],
        )
        .unwrap()
        .lazy()
        .with_columns([
            col("registered_on").cast(DataType::Date),
            col("status_changed_on").cast(DataType::Date),
        ]);
        // One program: household key 0 (the seventh row) got 50 in one
        // month of 2026-Q2, key 5 (the first row) 100 in two months of
        // 2026-Q1.
        let aid = DeliveredAid {
            programs: 1,
            starts: vec![0, 1, 1, 1, 1, 1, 2, 2, 2],
            quarter: vec![20262, 20261],
            value: vec![50, 100],
            months: vec![0b001, 0b101],
        };
        let trainings = df!(
            cols::HH => [Some(1 as IdxSize), Some(1), Some(2), None, Some(0)],
            cols::Q => [Some(20262i32), Some(20262), Some(20262), Some(20262), None],
        )
        .unwrap()
        .lazy();
        let quarters = [Quarter::from_key(20261), Quarter::from_key(20262)];
        let hq = household_quarters(&households, &aid, Some(&trainings), &quarters, 1).unwrap();
        let ints = |name: &str| -> Vec<i64> {
            super::super::frame::ints(&hq, name)
                .unwrap()
                .into_iter()
                .map(Option::unwrap)
                .collect()
        };
        assert_eq!(ints(cols::HH), [0, 1, 3, 5, 0, 1, 2, 5]);
        assert_eq!(
            ints(cols::Q),
            [20261, 20261, 20261, 20261, 20262, 20262, 20262, 20262]
        );
        assert_eq!(ints(&cols::value(0)), [0, 0, 0, 100, 50, 0, 0, 0]);
        assert_eq!(ints(&cols::months(0)), [0, 0, 0, 2, 1, 0, 0, 0]);
        assert_eq!(ints(cols::VALUE_ALL), ints(&cols::value(0)));
        assert_eq!(ints(cols::ENROLLED), [0, 0, 0, 0, 0, 2, 1, 0]);
        assert_eq!(ints("members"), [4; 8]);
        let without = household_quarters(&households, &aid, None, &quarters, 1).unwrap();
        assert_eq!(
            super::super::frame::ints(&without, cols::ENROLLED).unwrap(),
            [Some(0); 8]
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
        let (ledger, names) = coded(ledger);
        let ledger = Deliveries::read(&ledger, &programs, &names).unwrap();
        let aid = DeliveredAid::of(&ledger, &programs, 7);
        // Two household quarters: household 3 in 2025-Q1, 5 in 2025-Q2.
        assert_eq!(aid.quarter, [20251, 20252]);
        let (three, five) = (aid.slot(3, 20251), aid.slot(5, 20252));
        assert_eq!((three, five), (Some(0), Some(1)));
        assert_eq!((aid.slot(3, 20252), aid.slot(5, 20251)), (None, None));
        assert_eq!((aid.slot(0, 20251), aid.slot(9, 20251)), (None, None));
        // BLT to household 3: 100 + 50 in July, 100 in September (the
        // cancelled August row does not count): 250 over 2 months.
        assert_eq!((aid.value(three, 0), aid.months(three, 0)), (250, 2));
        assert_eq!((aid.value(five, 0), aid.months(five, 0)), (300, 1));
        assert_eq!((aid.value(three, 1), aid.months(three, 1)), (70, 1));
        assert_eq!((aid.value(five, 1), aid.months(five, 1)), (0, 0));
        assert_eq!((aid.value(None, 0), aid.months(None, 0)), (0, 0));
    }
}
