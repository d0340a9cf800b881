//! `pantau simulate`: a program's current eligibility rule side by side with
//! proposed ones, on the households active in a quarter, for the village
//! meeting that decides next year's rules and money: how many households,
//! what it costs against the budget and who is served first when the money
//! does not reach everyone, how well each rule finds the poor, what the
//! transfer would do to poverty, where in the village households gain or
//! lose eligibility, and how each rule overlaps the other programs.
//!
//! Every rule is evaluated by the same SQL engine as the indicators'
//! `eligible_when`, so the current rule's eligible households are the
//! denominator of the indicators' coverage for the same quarter.

pub mod brief;
pub mod show;

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use polars::prelude::{col, lit, DataFrame, DataType};
use serde::Serialize;

use crate::contract::Table;
use crate::indicators::{Indicators, Quarter};
use crate::problem::InvalidInput;
use crate::site::Site;

/// One household active in the quarter, as the simulation needs it.
#[derive(Debug, Clone)]
struct Household {
    id: String,
    rw: i64,
    decile: Option<i64>,
    members: i64,
    /// Monthly income in the latest survey round, when surveyed in it.
    income: Option<i64>,
}

/// Income per member, for the serving order.
fn per_member(h: &Household) -> Option<f64> {
    h.income.map(|y| y as f64 / h.members.max(1) as f64)
}

/// What the meeting is asked to compare.
pub struct Question<'a> {
    pub program: &'a str,
    /// The proposed rules, as site.toml would write them.
    pub rules: &'a [String],
    /// Rupiah per household and month; default: the program's entitlement.
    pub amount: Option<i64>,
    /// Rupiah per quarter; default: the program's planned expense in the
    /// quarter (budget.csv).
    pub budget: Option<i64>,
    pub quarter: Quarter,
}

/// Households gaining and losing eligibility in one RW, against the current rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RwChange {
    pub rw: i64,
    pub gaining: usize,
    pub losing: usize,
}

/// One rule's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// `current`, or `rule 1`, `rule 2`, ...
    pub option: String,
    pub rule: String,
    /// Active households for which the rule holds.
    pub eligible: usize,
    /// Households the budget pays for, in serving order; all eligible ones
    /// when it is enough.
    pub served: usize,
    pub left_out: usize,
    /// Every eligible household paid for a quarter, and for four.
    pub cost_quarter: i64,
    pub cost_year: i64,
    /// Whether the quarter's budget covers every eligible household.
    pub fits: Option<bool>,
    /// Poor households among those surveyed in the latest round.
    pub poor: usize,
    /// Poor households served.
    pub poor_served: usize,
    /// poor_served / poor.
    pub poor_coverage: Option<f64>,
    /// Served households surveyed in the round that are not poor, over
    /// served households surveyed in the round.
    pub non_poor_share: Option<f64>,
    /// Share of the served households (and so of the transfers, all equal)
    /// in each welfare decile 1–10.
    pub incidence: Vec<(i64, f64)>,
    /// Share of transfers to deciles 1–4 / 0.40.
    pub cgh: Option<f64>,
    pub headcount_before: Option<f64>,
    pub headcount_after: Option<f64>,
    pub gap_before: Option<f64>,
    pub gap_after: Option<f64>,
    /// Poor households the transfer lifts to the poverty line or above.
    pub lifted: usize,
    /// Cost of a fiscal year of the served households' transfers per
    /// household lifted.
    pub cost_per_lifted: Option<f64>,
    /// The same per percentage point of poverty gap closed.
    pub cost_per_gap_point: Option<f64>,
    /// Per RW, households eligible under this rule and not the current one
    /// (gaining) and the reverse (losing); RWs with neither are left out.
    pub by_rw: Vec<RwChange>,
    /// Households served under this rule and not under the current one,
    /// and the reverse: who actually starts and stops receiving aid.
    pub served_gaining: usize,
    pub served_losing: usize,
    /// Per other program: served households also eligible for it.
    pub overlap: Vec<(String, usize)>,
}

/// The simulation of every rule of a question.
#[derive(Debug, Clone, Serialize)]
pub struct Simulation {
    pub site: String,
    pub program: String,
    pub quarter: String,
    #[serde(skip)]
    pub period: Quarter,
    pub amount: i64,
    /// Rupiah per quarter, and where it comes from (`--budget`,
    /// `budget.csv`), when known.
    pub budget: Option<i64>,
    pub budget_source: Option<String>,
    /// The survey round poverty is measured in; none without surveys.
    pub round: Option<String>,
    pub poverty_line: i64,
    /// Active households in the quarter.
    pub households: usize,
    /// Of them, surveyed in the round.
    pub surveyed: usize,
    pub outcomes: Vec<Outcome>,
}

/// The rule as an expression over the registry, read as every command reads
/// `eligible_when`; an error naming the rule when it cannot be used.
fn rule_expr(text: &str, what: &str, gate: &crate::privacy::Gate) -> Result<polars::prelude::Expr> {
    // Sixteen digits in a row, as the privacy gate reads them (in groups,
    // in any script), and the site's own numbers however they are split
    // (`'3173,0501,0180,0001'`), are refused as in a program's rule, and
    // not shown.
    let with_pieces = crate::validate::eligibility::as_shown(text);
    let doc = crate::privacy::Document {
        name: what,
        text: &with_pieces,
        columns: &[],
        digit_runs: true,
    };
    if gate.check(&doc).is_err() {
        return InvalidInput::err(format!(
            "{what} quotes an identification number (16 digits in a row): a rule chooses \
             households by their situation, and no output shows such a number"
        ));
    }
    let shown = crate::privacy::mask_long_numbers(text);
    if let Some(rule) = crate::rule::parse(text) {
        let registry = crate::contract::spec(Table::Households);
        for column in crate::explain::evaluate::columns(&rule) {
            if registry.column(&column).is_none() {
                let names: Vec<&str> = registry.columns.iter().map(|c| c.name).collect();
                return InvalidInput::err(format!(
                    "{what} `{shown}`: {column} is not a column of the household registry ({})",
                    names.join(", ")
                ));
            }
        }
    }
    crate::validate::eligibility::expression(text).map_err(|refusal| {
        let message = match refusal
            .message
            .strip_prefix("is not a valid SQL expression")
        {
            Some(rest) => format!("cannot be read{rest}"),
            None => refusal.message,
        };
        InvalidInput(format!(
            "{what} `{shown}` {}",
            crate::privacy::mask_long_numbers(&message)
        ))
        .into()
    })
}

/// Runs the simulation.
pub fn simulate(site: &Site, indicators: &Indicators, q: &Question) -> Result<Simulation> {
    let config = &site.config;
    let Some(program) = config.program(q.program) else {
        let codes: Vec<&str> = config.programs.iter().map(|p| p.code.as_str()).collect();
        return InvalidInput::err(format!(
            "--program {}: {} has no such program (programs: {})",
            q.program,
            site.dir.display(),
            codes.join(", ")
        ));
    };
    let most = crate::contract::MAX_HOUSEHOLD_RUPIAH;
    let amount = match q.amount.or(program.entitlement_per_month) {
        Some(a) if a > most => {
            return InvalidInput::err(format!(
                "--amount {a}: at most {most} rupiah per household and month"
            ))
        }
        Some(a) if a > 0 => a,
        Some(a) => return InvalidInput::err(format!("--amount {a}: a positive amount in rupiah")),
        None => {
            return InvalidInput::err(format!(
                "program {} has no entitlement_per_month in site.toml; give --amount (rupiah per household and month)",
                program.code
            ))
        }
    };
    let (budget, budget_source) = match q.budget {
        Some(b) if b < 0 => return InvalidInput::err(format!("--budget {b}: an amount in rupiah")),
        Some(b) if b > crate::contract::MAX_BUDGET_RUPIAH => {
            return InvalidInput::err(format!(
                "--budget {b}: at most {} rupiah for a quarter",
                crate::contract::MAX_BUDGET_RUPIAH
            ))
        }
        Some(b) => (Some(b), Some("--budget".to_string())),
        None => {
            let lines: Vec<_> = indicators
                .budget
                .lines
                .iter()
                .filter(|l| {
                    l.period == q.quarter && l.kind == "expense" && l.category == program.code
                })
                .collect();
            if lines.is_empty() {
                (None, None)
            } else {
                (
                    Some(lines.iter().map(|l| l.planned).sum()),
                    Some(site.file_name("budget")),
                )
            }
        }
    };

    // Every rule and the other programs' rules, on the registry.
    let mut rules: Vec<(String, String)> = vec![("current".into(), program.eligible_when.clone())];
    for (i, r) in q.rules.iter().enumerate() {
        // A rule is shown in the brief, the CSV and the manifest: nothing in
        // it may change how they are shown.
        if let Some(why) = crate::contract::hidden_problem(r) {
            return InvalidInput::err(format!(
                "--rule (rule {}) holds a control character or a direction override: {why}",
                i + 1
            ));
        }
        rules.push((format!("rule {}", i + 1), r.clone()));
    }
    let others: Vec<&crate::config::Program> = config
        .programs
        .iter()
        .filter(|p| p.code != program.code)
        .collect();
    // The current rule as every command reads it, then the proposed ones.
    let mut read = vec![crate::indicators::eligibility(program)?];
    let mut gate = crate::privacy::Gate::default();
    site.add_identifiers(&mut gate)?;
    for (option, text) in &rules[1..] {
        read.push(rule_expr(text, &format!("--rule ({option}):"), &gate)?);
    }
    let other_read: Vec<polars::prelude::Expr> = others
        .iter()
        .map(|p| crate::indicators::eligibility(p))
        .collect::<Result<_>>()?;
    let exprs: Vec<polars::prelude::Expr> = read
        .iter()
        .enumerate()
        .map(|(i, e)| e.clone().alias(format!("r{i}")))
        .chain(
            other_read
                .iter()
                .enumerate()
                .map(|(i, e)| e.clone().alias(format!("o{i}"))),
        )
        .collect();
    let start = config.site.fiscal_year_start_month;
    let first = crate::indicators::period::epoch_days(q.quarter.first_day(start));
    let last = crate::indicators::period::epoch_days(q.quarter.last_day(start));
    let active = col("registered_on")
        .cast(DataType::Int32)
        .lt_eq(lit(last))
        .and(
            col("status").eq(lit("active")).or(col("status_changed_on")
                .cast(DataType::Int32)
                .gt_eq(lit(first))),
        );
    let active_households = site
        .frame(Table::Households)
        .context("the site has no households table")?
        .filter(active.fill_null(lit(false)));
    let registry = match active_households.clone().with_columns(exprs).collect() {
        Ok(df) => df,
        // A rule that fails on the registry's values (a cast of a name to a
        // number) fails here: the first such rule is named.
        Err(e) => {
            let failures = crate::validate::eligibility::failures;
            let why =
                |why: String| format!("cannot be evaluated on the registry's households: {why}");
            if let Some((i, failure)) = failures(&read, &active_households).into_iter().next() {
                if i == 0 {
                    return Err(crate::indicators::rule_error(program, &why(failure)));
                }
                return InvalidInput::err(format!(
                    "--rule ({}): `{}` {}",
                    rules[i].0,
                    crate::privacy::mask_long_numbers(&rules[i].1),
                    crate::privacy::mask_long_numbers(&why(failure))
                ));
            }
            if let Some((i, failure)) = failures(&other_read, &active_households).into_iter().next()
            {
                return Err(crate::indicators::rule_error(others[i], &why(failure)));
            }
            return Err(anyhow::Error::from(e).context("evaluating the rules on the registry"));
        }
    };

    let (round, incomes) = latest_round(site)?;
    let households = households(&registry, &incomes)?;
    let texts: Vec<&str> = rules
        .iter()
        .map(|(_, t)| t.as_str())
        .chain(others.iter().map(|p| p.eligible_when.as_str()))
        .collect();
    let flags = |prefix: &str, n: usize, offset: usize| -> Result<Vec<Vec<bool>>> {
        (0..n)
            .map(|i| {
                let s = registry
                    .column(&format!("{prefix}{i}"))?
                    .as_materialized_series();
                let Ok(answers) = s.bool() else {
                    return InvalidInput::err(format!(
                        "the rule `{}` is not a condition that is true or false for a household",
                        crate::privacy::mask_long_numbers(texts[offset + i])
                    ));
                };
                Ok(answers.iter().map(|v| v.unwrap_or(false)).collect())
            })
            .collect()
    };
    let rule_flags = flags("r", rules.len(), 0)?;
    let other_flags = flags("o", others.len(), rules.len())?;

    let line = config.site.poverty_line;
    let mut outcomes = Vec::new();
    let mut current_served: Vec<usize> = Vec::new();
    for (i, (option, text)) in rules.iter().enumerate() {
        let eligible: Vec<usize> = (0..households.len())
            .filter(|&h| rule_flags[i][h])
            .collect();
        let served = serve(&households, &eligible, budget, amount);
        if i == 0 {
            current_served = served.clone();
        }
        let mut o = outcome(&households, &eligible, &served, amount, budget, line);
        o.option = option.clone();
        o.rule = crate::privacy::mask_long_numbers(text);
        o.by_rw = by_rw(&households, &rule_flags[0], &rule_flags[i]);
        // Both lists are in household order.
        o.served_gaining = served
            .iter()
            .filter(|h| current_served.binary_search(h).is_err())
            .count();
        o.served_losing = current_served
            .iter()
            .filter(|h| served.binary_search(h).is_err())
            .count();
        o.overlap = others
            .iter()
            .enumerate()
            .map(|(j, p)| {
                (
                    p.code.clone(),
                    served.iter().filter(|&&h| other_flags[j][h]).count(),
                )
            })
            .collect();
        outcomes.push(o);
    }
    Ok(Simulation {
        site: config.site.name.clone(),
        program: program.code.clone(),
        quarter: q.quarter.label(),
        period: q.quarter,
        amount,
        budget,
        budget_source,
        round,
        poverty_line: line,
        households: households.len(),
        surveyed: households.iter().filter(|h| h.income.is_some()).count(),
        outcomes,
    })
}

/// The latest survey round (by its first survey date, then label) and each
/// household's income in it.
fn latest_round(site: &Site) -> Result<(Option<String>, BTreeMap<String, i64>)> {
    let Some(surveys) = site.frame(Table::Surveys) else {
        return Ok((None, BTreeMap::new()));
    };
    let df = surveys
        .select([
            col("household_id"),
            col("round"),
            col("surveyed_on").cast(DataType::Int32),
            col("monthly_income"),
        ])
        .collect()
        .context("reading the survey rounds")?;
    let ids = df.column("household_id")?.as_materialized_series().clone();
    let rounds = df.column("round")?.as_materialized_series().clone();
    let dates = df.column("surveyed_on")?.as_materialized_series().clone();
    let incomes = df
        .column("monthly_income")?
        .as_materialized_series()
        .clone();
    let mut first: BTreeMap<String, i32> = BTreeMap::new();
    for i in 0..df.height() {
        let (Some(r), Some(d)) = (rounds.str()?.get(i), dates.i32()?.get(i)) else {
            continue;
        };
        let e = first.entry(r.to_string()).or_insert(d);
        *e = (*e).min(d);
    }
    let Some(latest) = first
        .iter()
        .max_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)))
        .map(|(r, _)| r.clone())
    else {
        return Ok((None, BTreeMap::new()));
    };
    let mut out = BTreeMap::new();
    for i in 0..df.height() {
        if rounds.str()?.get(i) != Some(latest.as_str()) {
            continue;
        }
        if let (Some(id), Some(y)) = (ids.str()?.get(i), incomes.i64()?.get(i)) {
            out.insert(id.to_string(), y);
        }
    }
    Ok((Some(latest), out))
}

fn households(registry: &DataFrame, incomes: &BTreeMap<String, i64>) -> Result<Vec<Household>> {
    let s = |name: &str| {
        registry
            .column(name)
            .map(|c| c.as_materialized_series().clone())
    };
    let (ids, rws, deciles, members) = (
        s("household_id")?,
        s("rw")?,
        s("welfare_decile")?,
        s("members")?,
    );
    let mut out = Vec::with_capacity(registry.height());
    for i in 0..registry.height() {
        let id = ids.str()?.get(i).unwrap_or("").to_string();
        out.push(Household {
            income: incomes.get(&id).copied(),
            id,
            rw: rws.i64()?.get(i).unwrap_or(0),
            decile: deciles.i64()?.get(i),
            members: members.i64()?.get(i).unwrap_or(1).max(1),
        });
    }
    Ok(out)
}

/// The eligible households the quarter's budget pays for at `amount` a
/// month: all when it is enough (or unknown), otherwise as many as it pays
/// for in full, the lowest welfare decile first, then the lowest income per
/// member in the latest round (households not surveyed after those
/// surveyed), then household id.
fn serve(
    households: &[Household],
    eligible: &[usize],
    budget: Option<i64>,
    amount: i64,
) -> Vec<usize> {
    let per_quarter = 3 * amount;
    let Some(budget) = budget else {
        return eligible.to_vec();
    };
    let can = (budget / per_quarter).max(0) as usize;
    if can >= eligible.len() {
        return eligible.to_vec();
    }
    let mut order = eligible.to_vec();
    order.sort_by(|&a, &b| {
        let (ha, hb) = (&households[a], &households[b]);
        let key = |h: &Household| (h.decile.unwrap_or(i64::MAX), per_member(h).is_none());
        key(ha)
            .cmp(&key(hb))
            .then(
                per_member(ha)
                    .partial_cmp(&per_member(hb))
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(ha.id.cmp(&hb.id))
    });
    order.truncate(can);
    order.sort_unstable();
    order
}

/// max(0, (z − y)/z) for income per member y and line z.
fn gap(income: i64, members: i64, line: i64) -> f64 {
    let y = income as f64 / members as f64;
    let z = line as f64;
    ((z - y) / z).max(0.0)
}

fn outcome(
    households: &[Household],
    eligible: &[usize],
    served: &[usize],
    amount: i64,
    budget: Option<i64>,
    line: i64,
) -> Outcome {
    let is_served = {
        let mut v = vec![false; households.len()];
        for &h in served {
            v[h] = true;
        }
        v
    };
    let poor = |y: i64, h: &Household| y < line * h.members;
    let surveyed: Vec<(usize, i64)> = households
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.income.map(|y| (i, y)))
        .collect();
    let n_poor = surveyed
        .iter()
        .filter(|(i, y)| poor(*y, &households[*i]))
        .count();
    let poor_served = surveyed
        .iter()
        .filter(|(i, y)| is_served[*i] && poor(*y, &households[*i]))
        .count();
    let served_surveyed = surveyed.iter().filter(|(i, _)| is_served[*i]).count();
    let non_poor_served = served_surveyed - poor_served;
    let after = |i: usize, y: i64| if is_served[i] { y + amount } else { y };
    let n = surveyed.len() as f64;
    let mean = |f: &dyn Fn(usize, i64) -> f64| {
        (!surveyed.is_empty()).then(|| surveyed.iter().map(|&(i, y)| f(i, y)).sum::<f64>() / n)
    };
    let headcount_before = mean(&|i, y| f64::from(u8::from(poor(y, &households[i]))));
    let headcount_after = mean(&|i, y| f64::from(u8::from(poor(after(i, y), &households[i]))));
    let gap_before = mean(&|i, y| gap(y, households[i].members, line));
    let gap_after = mean(&|i, y| gap(after(i, y), households[i].members, line));
    let lifted = surveyed
        .iter()
        .filter(|(i, y)| poor(*y, &households[*i]) && !poor(after(*i, *y), &households[*i]))
        .count();
    let cost_served_year = (served.len() as i64) * amount * 12;
    let mut deciles: BTreeMap<i64, usize> = BTreeMap::new();
    for &h in served {
        if let Some(d) = households[h].decile {
            *deciles.entry(d).or_default() += 1;
        }
    }
    let with_decile: usize = deciles.values().sum();
    let incidence: Vec<(i64, f64)> = (1..=10)
        .map(|d| {
            let k = deciles.get(&d).copied().unwrap_or(0);
            (
                d,
                if with_decile == 0 {
                    0.0
                } else {
                    k as f64 / with_decile as f64
                },
            )
        })
        .collect();
    let bottom: usize = deciles.range(1..=4).map(|(_, k)| k).sum();
    let cost_quarter = (eligible.len() as i64) * amount * 3;
    let closed = match (gap_before, gap_after) {
        (Some(b), Some(a)) => Some((b - a) * 100.0),
        _ => None,
    };
    Outcome {
        option: String::new(),
        rule: String::new(),
        eligible: eligible.len(),
        served: served.len(),
        left_out: eligible.len() - served.len(),
        cost_quarter,
        cost_year: cost_quarter * 4,
        fits: budget.map(|b| b >= cost_quarter),
        poor: n_poor,
        poor_served,
        poor_coverage: crate::indicators::divide(poor_served as f64, n_poor as f64),
        non_poor_share: crate::indicators::divide(non_poor_served as f64, served_surveyed as f64),
        incidence,
        cgh: crate::indicators::divide(bottom as f64, 0.4 * with_decile as f64),
        headcount_before,
        headcount_after,
        gap_before,
        gap_after,
        lifted,
        cost_per_lifted: crate::indicators::divide(cost_served_year as f64, lifted as f64),
        cost_per_gap_point: closed
            .filter(|c| *c > 0.0)
            .and_then(|c| crate::indicators::divide(cost_served_year as f64, c)),
        by_rw: Vec::new(),
        served_gaining: 0,
        served_losing: 0,
        overlap: Vec::new(),
    }
}

fn by_rw(households: &[Household], current: &[bool], proposed: &[bool]) -> Vec<RwChange> {
    let mut by: BTreeMap<i64, (usize, usize)> = BTreeMap::new();
    for (i, h) in households.iter().enumerate() {
        match (current[i], proposed[i]) {
            (false, true) => by.entry(h.rw).or_default().0 += 1,
            (true, false) => by.entry(h.rw).or_default().1 += 1,
            _ => {}
        }
    }
    by.into_iter()
        .map(|(rw, (gaining, losing))| RwChange {
            rw,
            gaining,
            losing,
        })
        .collect()
}
