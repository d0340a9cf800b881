//! `pantau explain`: why one household is or is not eligible for each
//! program in a quarter, clause by clause of `eligible_when`, what it
//! received against its entitlement, the integrity flags that involve it,
//! where to object, and the smallest change in one registry value that would
//! make it eligible. For the village officer answering a complaint.
//!
//! The answer "eligible or not" is the one the indicators use: the rule run
//! by polars' SQL engine on the household's registry row. The clauses are
//! the same rule read by [`crate::rule`] and evaluated here with SQL's
//! three-valued logic, so each clause shows its own answer; a test holds the
//! two evaluations equal on every household of the sample sites.

pub mod evaluate;
pub mod letter;

use anyhow::{Context, Result};
use polars::prelude::{col, lit, DataType};
use serde::Serialize;

use crate::config::Program;
use crate::contract::{spec, Bound, Kind, Table};
use crate::fmt::{Fmt, Lang};
use crate::indicators::{Indicators, Quarter};
use crate::load::ROW;
use crate::privacy::mask_id;
use crate::problem::InvalidInput;
use crate::report::criteria;
use crate::report::i18n::Messages;
use crate::report::lookup::Say;
use crate::rule::{self, Value};
use crate::site::Site;
use evaluate::{Domain, Facts, Step, Target};

/// Registry columns holding identification numbers: shown masked, never
/// proposed as a change.
const IDENTIFIERS: [&str; 2] = ["household_id", "head_nik"];

/// One registry value a rule may read, with where it was read.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub column: String,
    /// The column in words.
    pub label: String,
    /// In words; empty for an empty cell.
    pub value: String,
}

/// One clause line of a rule, indented by its depth in the expression.
#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    pub depth: usize,
    /// The clause in words (for AND / OR / NOT: "all of the following").
    pub text: String,
    /// The household's value of the column the clause reads, in words.
    pub value: Option<String>,
    /// `met`, `not met` or why it cannot be decided, in words.
    pub answer: String,
    /// `yes`, `no` or `unknown`.
    pub outcome: &'static str,
}

/// The answer for one program.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub program: String,
    pub name: String,
    pub eligible: bool,
    /// Active in the quarter: registered by its last day and not moved or
    /// deceased before its first day.
    pub active: bool,
    /// The answer in one sentence.
    pub verdict: String,
    /// `eligible_when` as site.toml writes it.
    pub rule: String,
    /// Empty when the rule uses more SQL than the clauses are read from.
    pub clauses: Vec<Clause>,
    /// For a household that is active but not eligible: each single change
    /// that would make it eligible, in words.
    pub changes: Vec<String>,
}

/// One row of the aid ledger for the household.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub distribution_id: String,
    pub date: String,
    pub program: String,
    /// `delivered`, `failed` or `returned`, in words.
    pub status: String,
    pub value: String,
    pub source: String,
}

/// What one program delivered to the household in one quarter.
#[derive(Debug, Clone, Serialize)]
pub struct QuarterAid {
    pub quarter: String,
    /// The quarter in words with its months.
    pub period: String,
    pub program: String,
    pub delivered: String,
    /// 3 × the monthly entitlement, for monthly programs the household was
    /// eligible for and active in.
    pub entitlement: Option<String>,
    pub deliveries: Vec<Delivery>,
}

/// An integrity flag that involves the household.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    pub flag: String,
    /// The quarter of the payment; none for a registry flag.
    pub period: Option<String>,
    /// None for a registry flag.
    pub program: Option<String>,
    pub amount: String,
    /// The other households of a shared NIK, by household id.
    pub others: Vec<String>,
    pub source: String,
}

/// Everything `pantau explain` says about one household.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub site: String,
    pub code: String,
    pub synthetic: bool,
    /// The household id as outputs show it ([`mask_id`]).
    pub household: String,
    /// The household's line in the registry file.
    pub line: u64,
    pub head_name: String,
    pub rw: Option<i64>,
    pub rt: Option<i64>,
    pub quarter: String,
    /// The quarter in words with its months.
    pub period: String,
    /// The answer first: the programs it is eligible for, those it is not,
    /// and the objection deadline.
    pub summary: Vec<String>,
    /// The registry values the rules read and those that decide whether the
    /// household was active (every column when a rule is not broken down).
    pub facts: Vec<Fact>,
    /// Where the registry values were read: `households.csv line 17`.
    pub facts_source: String,
    pub answers: Vec<Answer>,
    pub received: Vec<QuarterAid>,
    pub flags: Vec<Flag>,
    /// Where and until when to object, in one sentence.
    pub objection: String,
}

/// The household's registry row, typed.
struct Household {
    facts: Facts,
    texts: Vec<(String, String)>,
    record: u64,
    status: String,
    registered_on: Option<chrono::NaiveDate>,
    status_changed_on: Option<chrono::NaiveDate>,
}

fn date_of(days: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?
        .checked_add_signed(chrono::Duration::days(days.into()))
}

fn household_row(site: &Site, id: &str) -> Result<Household> {
    let df = site
        .frame(Table::Households)
        .context("the site has no households table")?
        .filter(col("household_id").eq(lit(id)))
        .collect()
        .context("finding the household in the registry")?;
    if df.height() == 0 {
        return InvalidInput::err(format!(
            "--household {}: {} has no usable household with this household_id (a row \
             rejected by validation is left out; pantau validate lists them)",
            mask_id(id),
            site.file_name("households")
        ));
    }
    household_at(&df, 0)
}

/// Row `i` of a typed households frame.
fn household_at(df: &polars::prelude::DataFrame, i: usize) -> Result<Household> {
    let mut facts = Facts::new();
    let mut texts = Vec::new();
    let mut dates = std::collections::BTreeMap::new();
    for c in spec(Table::Households).columns {
        let s = df.column(c.name)?.as_materialized_series();
        let (value, text) = match c.kind {
            Kind::Int => {
                let v = s.i64()?.get(i);
                (v.map(|v| Value::Number(v as f64)), v.map(|v| v.to_string()))
            }
            Kind::Text | Kind::Gender => {
                let v = s.str()?.get(i).map(str::to_string);
                (v.clone().map(Value::Text), v)
            }
            Kind::Date => {
                let days = s.cast(&DataType::Int32)?.i32()?.get(i);
                let d = days.and_then(date_of);
                dates.insert(c.name, d);
                (None, d.map(|d| d.format("%Y-%m-%d").to_string()))
            }
            Kind::Decimal | Kind::Bool => (None, None),
        };
        // Dates as the SQL engine compares them with a text: `YYYY-MM-DD`.
        let value = match c.kind {
            Kind::Date => text.clone().map(Value::Text),
            _ => value,
        };
        facts.insert(c.name.to_string(), value);
        texts.push((c.name.to_string(), text.unwrap_or_default()));
    }
    let record = df
        .column(ROW)?
        .cast(&DataType::UInt64)?
        .u64()?
        .get(i)
        .unwrap_or(0);
    let status = texts
        .iter()
        .find(|(c, _)| c == "status")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Ok(Household {
        facts,
        texts,
        record,
        status,
        registered_on: dates.get("registered_on").copied().flatten(),
        status_changed_on: dates.get("status_changed_on").copied().flatten(),
    })
}

/// Active in quarter `q` (the household-quarter definition of the
/// indicators): registered by its last day, and active or moved or deceased
/// no earlier than its first day.
fn active_in(hh: &Household, q: Quarter, start: u32) -> bool {
    let (first, last) = (q.first_day(start), q.last_day(start));
    hh.registered_on.is_some_and(|d| d <= last)
        && (hh.status == "active" || hh.status_changed_on.is_some_and(|d| d >= first))
}

/// The values a registry column may take, from the data contract: whole
/// numbers between its bounds (a bound that is another column is that
/// column's value for the household), or its allowed texts.
fn domain(facts: &Facts, column: &str) -> Option<Domain> {
    let c = spec(Table::Households).column(column)?;
    let bound = |b: Option<Bound>, or: i64| match b {
        Some(Bound::Lit(v)) => v,
        Some(Bound::Col(other)) => match facts.get(other).cloned().flatten() {
            Some(Value::Number(x)) => x as i64,
            _ => or,
        },
        None => or,
    };
    // Columns bounded by this one bound it in turn: members is at least
    // the household's children, elderly and disabled.
    let value_of = |name: &str| match facts.get(name).cloned().flatten() {
        Some(Value::Number(x)) => Some(x as i64),
        _ => None,
    };
    let registry = spec(Table::Households).columns;
    let floor = registry
        .iter()
        .filter(|o| o.max == Some(Bound::Col(c.name)))
        .filter_map(|o| value_of(o.name))
        .max();
    let ceiling = registry
        .iter()
        .filter(|o| o.min == Some(Bound::Col(c.name)))
        .filter_map(|o| value_of(o.name))
        .min();
    match c.kind {
        Kind::Int => Some(Domain::Whole {
            min: bound(c.min, 0).max(floor.unwrap_or(i64::MIN)),
            max: bound(c.max, crate::contract::MAX_MEMBERS).min(ceiling.unwrap_or(i64::MAX)),
        }),
        Kind::Gender => Some(Domain::Texts(vec!["L".into(), "P".into()])),
        Kind::Text if !c.allowed.is_empty() => Some(Domain::Texts(
            c.allowed.iter().map(|v| v.to_string()).collect(),
        )),
        _ => None,
    }
}

/// Builds the explanation of household `id` in quarter `q`.
pub fn explain(
    site: &Site,
    indicators: &Indicators,
    id: &str,
    q: Quarter,
    lang: Lang,
) -> Result<Explanation> {
    let id = id.trim();
    let config = &site.config;
    let start = config.site.fiscal_year_start_month;
    let messages = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let say = Say {
        fmt,
        msg: &messages,
    };
    let t = |id: &str| messages.get(id);
    let ta = |id: &str, args: &[(&str, String)]| messages.args(id, args);
    let hh = household_row(site, id)?;
    let file = site.file_name("households");
    let line = site.row_number(Table::Households, hh.record);
    let source = ta(
        "explain-source",
        &[("file", file.clone()), ("line", line.to_string())],
    );
    let period = crate::report::summary::quarter_words(q, start, fmt, &messages);

    // The columns any rule reads, and those that decide whether the
    // household was active in the quarter.
    let mut read: Vec<String> = config
        .programs
        .iter()
        .filter_map(|p| rule::parse(&p.eligible_when))
        .flat_map(|r| evaluate::columns(&r))
        .collect();
    read.extend(["registered_on", "status", "status_changed_on"].map(String::from));
    let unread = config
        .programs
        .iter()
        .any(|p| rule::parse(&p.eligible_when).is_none());
    let facts = hh
        .texts
        .iter()
        .filter(|(c, _)| !["head_nik", "household_id", "head_name"].contains(&c.as_str()))
        .filter(|(c, _)| unread || read.contains(c))
        .map(|(c, v)| {
            let date = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
            let shown = match (hh.facts.get(c).cloned().flatten(), date) {
                (Some(_), Some(d))
                    if spec(Table::Households)
                        .column(c)
                        .is_some_and(|c| c.kind == Kind::Date) =>
                {
                    fmt.date(d)
                }
                (Some(value), _) => criteria::value_words(&say, c, &value),
                (None, _) => String::new(),
            };
            Fact {
                column: c.clone(),
                label: criteria::column_words(&say, c),
                value: shown,
            }
        })
        .collect();

    let active = active_in(&hh, q, start);
    let sql = sql_answers(site, id, &config.programs)?;
    let mut answers = Vec::new();
    for (p, &sql_eligible) in config.programs.iter().zip(&sql) {
        answers.push(answer(p, &hh, sql_eligible, active, &period, &say));
    }

    let rule_says: Vec<(String, bool)> = config
        .programs
        .iter()
        .map(|p| p.code.clone())
        .zip(sql.iter().copied())
        .collect();
    let received = received(site, id, q, &indicators.quarters, &hh, &rule_says, &say)?;
    let flags = indicators
        .cases
        .iter()
        .filter(|c| {
            c.period.quarter().is_none_or(|cq| cq <= q)
                && (c.household_id == id
                    || (c.flag == crate::indicators::integrity::DUPLICATE_NIK
                        && c.records.iter().any(|r| r == id)))
        })
        .map(|c| Flag {
            flag: t(&format!("ind-{}", c.flag.as_str())),
            period: c.period.quarter().map(|q| q.label()),
            program: (c.program != crate::indicators::ALL).then(|| c.program.clone()),
            amount: fmt.rupiah(c.amount as f64),
            others: c
                .records
                .iter()
                .filter(|r| c.flag == crate::indicators::integrity::DUPLICATE_NIK && *r != id)
                .map(|r| mask_id(r))
                .collect(),
            source: ta(
                "explain-source",
                &[
                    ("file", site.file_name(c.table)),
                    (
                        "line",
                        c.lines
                            .iter()
                            .map(u64::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            ),
        })
        .collect();

    let now = crate::report::provenance::generation_time()?;
    let today = crate::report::provenance::local_date(now, config.notice.timezone);
    let deadline = today + chrono::Days::new(u64::from(config.notice.objection_days));
    let channel = crate::report::notice::complaint_channel(config, &messages);
    let objection = ta(
        "explain-object",
        &[
            ("channel", channel),
            ("date", fmt.date(deadline)),
            ("days", fmt.count(f64::from(config.notice.objection_days))),
        ],
    );
    let field = |name: &str| {
        hh.texts
            .iter()
            .find(|(c, _)| c == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let number = |name: &str| field(name).parse::<i64>().ok();
    let list = |yes: bool| {
        answers
            .iter()
            .filter(|a| a.eligible == yes)
            .map(|a| a.program.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut summary = Vec::new();
    for (yes, id) in [(true, "explain-summary-yes"), (false, "explain-summary-no")] {
        let programs = list(yes);
        if !programs.is_empty() {
            summary.push(ta(id, &[("programs", programs)]));
        }
    }
    summary.push(ta(
        "explain-summary-object",
        &[("date", fmt.date(deadline))],
    ));
    let explanation = Explanation {
        site: config.site.name.clone(),
        code: config.site.code.clone(),
        synthetic: config.site.synthetic,
        household: mask_id(id),
        line,
        head_name: field("head_name"),
        rw: number("rw"),
        rt: number("rt"),
        quarter: q.label(),
        period,
        summary,
        facts,
        facts_source: source,
        answers,
        received,
        flags,
        objection,
    };
    messages.check()?;
    Ok(explanation)
}

/// Each program's `eligible_when` as the indicators evaluate it, on the
/// household's registry row.
fn sql_answers(site: &Site, id: &str, programs: &[Program]) -> Result<Vec<bool>> {
    let mut exprs = Vec::new();
    for (i, p) in programs.iter().enumerate() {
        exprs.push(
            crate::indicators::eligibility(&p.eligible_when, &p.code)?.alias(format!("e{i}")),
        );
    }
    if exprs.is_empty() {
        return Ok(Vec::new());
    }
    let df = site
        .frame(Table::Households)
        .context("the site has no households table")?
        .filter(col("household_id").eq(lit(id)))
        .select(exprs)
        .collect()
        .context("evaluating the eligibility rules")?;
    (0..programs.len())
        .map(|i| {
            Ok(df
                .column(&format!("e{i}"))?
                .as_materialized_series()
                .bool()?
                .get(0)
                .unwrap_or(false))
        })
        .collect()
}

fn answer(
    p: &Program,
    hh: &Household,
    sql_eligible: bool,
    active: bool,
    period: &str,
    say: &Say,
) -> Answer {
    // Clauses only when their answer is the indicators' answer (a rule the
    // clause reader takes differently from the SQL engine is not broken down).
    let parsed =
        rule::parse(&p.eligible_when).filter(|r| evaluate::eligible(r, &hh.facts) == sql_eligible);
    let mut clauses = Vec::new();
    if let Some(r) = &parsed {
        clause_lines(
            &evaluate::trace(r, &hh.facts),
            0,
            &hh.facts,
            say,
            &mut clauses,
        );
    }
    let eligible = sql_eligible && active;
    let verdict_id = match (active, sql_eligible) {
        (false, _) => "explain-inactive",
        (true, true) => "explain-eligible",
        (true, false) => "explain-not-eligible",
    };
    let mut changes = Vec::new();
    if active && !sql_eligible {
        if let Some(r) = &parsed {
            for c in evaluate::smallest_changes(r, &hh.facts, |col| domain(&hh.facts, col)) {
                // Moving away or dying is no way to become eligible.
                let leaving = c.column == "status"
                    && !matches!(&c.to, Target::Text { value } if value == "active");
                if !leaving && !IDENTIFIERS.contains(&c.column.as_str()) {
                    changes.push(change_words(&c, say));
                }
            }
            if changes.is_empty() {
                changes.push(say.t("explain-no-change"));
            }
        }
    }
    Answer {
        program: p.code.clone(),
        name: p.name.clone(),
        eligible,
        active,
        verdict: say.ta(
            verdict_id,
            &[
                ("period", period.to_string()),
                ("status", status_words(hh, say)),
            ],
        ),
        rule: crate::privacy::mask_long_numbers(&p.eligible_when),
        clauses,
        changes,
    }
}

fn status_words(hh: &Household, say: &Say) -> String {
    let since = hh
        .status_changed_on
        .map(|d| say.fmt.date(d))
        .unwrap_or_default();
    match hh.status.as_str() {
        "active" => say.ta(
            "explain-registered",
            &[(
                "date",
                hh.registered_on
                    .map(|d| say.fmt.date(d))
                    .unwrap_or_default(),
            )],
        ),
        s => say.ta(
            "explain-status",
            &[
                (
                    "status",
                    say.msg
                        .maybe(&format!("status-{s}"))
                        .unwrap_or(s.to_string()),
                ),
                ("date", since),
            ],
        ),
    }
}

fn clause_lines(step: &Step, depth: usize, facts: &Facts, say: &Say, out: &mut Vec<Clause>) {
    use crate::rule::Rule;
    let (outcome, answer) = match step.answer {
        Some(true) => ("yes", say.t("explain-met")),
        Some(false) => ("no", say.t("explain-not-met")),
        None => ("unknown", say.t("explain-unknown")),
    };
    let (text, column) = match &step.rule {
        Rule::All(_) => (say.t("explain-all-of"), None),
        Rule::Any(_) => (say.t("explain-any-of"), None),
        Rule::Not(_) => (say.t("explain-none-of"), None),
        r => (
            criteria::rule_words(r, say),
            evaluate::columns(r).into_iter().next(),
        ),
    };
    let value = column.map(|c| match facts.get(&c).cloned().flatten() {
        Some(Value::Text(t)) if IDENTIFIERS.contains(&c.as_str()) => mask_id(&t),
        Some(v) => criteria::value_words(say, &c, &v),
        None => say.t("explain-empty"),
    });
    out.push(Clause {
        depth,
        text,
        value,
        answer,
        outcome,
    });
    for part in &step.parts {
        clause_lines(part, depth + 1, facts, say, out);
    }
}

fn change_words(c: &evaluate::Change, say: &Say) -> String {
    let column = criteria::column_words(say, &c.column);
    let number = |n: i64| criteria::value_words(say, &c.column, &Value::Number(n as f64));
    let to = match &c.to {
        Target::Range {
            low,
            high,
            open_low,
            open_high,
        } => match (open_low, open_high) {
            _ if low == high => number(*low),
            (true, _) => say.ta("explain-or-lower", &[("value", number(*high))]),
            (_, true) => say.ta("explain-or-higher", &[("value", number(*low))]),
            _ => say.ta(
                "explain-range",
                &[("low", number(*low)), ("high", number(*high))],
            ),
        },
        Target::Text { value } => {
            criteria::value_words(say, &c.column, &Value::Text(value.clone()))
        }
        Target::Filled => say.t("explain-filled"),
        Target::Emptied => say.t("explain-emptied"),
    };
    let now = match &c.now {
        Some(v) => criteria::value_words(say, &c.column, v),
        None => say.t("explain-empty"),
    };
    say.ta(
        "explain-change",
        &[("column", column), ("to", to), ("now", now)],
    )
}

/// The household's deliveries up to quarter `q`, per quarter and program,
/// against the entitlement of each quarter it was eligible in; `quarters`
/// are the ledger's quarters, `rule_says` each program's rule answer for
/// the household.
fn received(
    site: &Site,
    id: &str,
    q: Quarter,
    quarters: &[Quarter],
    hh: &Household,
    rule_says: &[(String, bool)],
    say: &Say,
) -> Result<Vec<QuarterAid>> {
    let config = &site.config;
    let start = config.site.fiscal_year_start_month;
    let df = site
        .frame_or_empty(Table::Distributions)
        .filter(col("household_id").eq(lit(id)))
        .select([
            col(ROW),
            col("distribution_id"),
            col("distributed_on").cast(DataType::Int32),
            col("program"),
            col("value"),
            col("status"),
        ])
        .collect()
        .context("reading the household's deliveries")?;
    let rows = df.column(ROW)?.cast(&DataType::UInt64)?;
    let ids = df
        .column("distribution_id")?
        .as_materialized_series()
        .clone();
    let days = df
        .column("distributed_on")?
        .as_materialized_series()
        .clone();
    let programs = df.column("program")?.as_materialized_series().clone();
    let values = df.column("value")?.as_materialized_series().clone();
    let statuses = df.column("status")?.as_materialized_series().clone();
    let file = site.file_name("distributions");
    // Per quarter and program (in site.toml's order; codes not in it last).
    let order = |code: &str| {
        config
            .programs
            .iter()
            .position(|p| p.code == code)
            .unwrap_or(usize::MAX)
    };
    let monthly = |code: &str| {
        config
            .program(code)
            .is_some_and(|p| p.entitlement_per_month.is_some())
    };
    type Rows = (i64, Vec<(chrono::NaiveDate, Delivery)>);
    let mut by: std::collections::BTreeMap<(Quarter, usize, String), Rows> =
        std::collections::BTreeMap::new();
    for i in 0..df.height() {
        let Some(date) = days.i32()?.get(i).and_then(date_of) else {
            continue;
        };
        let dq = Quarter::of(date, start);
        if dq > q {
            continue;
        }
        let program = programs.str()?.get(i).unwrap_or("").to_string();
        let value = values.i64()?.get(i).unwrap_or(0);
        let status = statuses.str()?.get(i).unwrap_or("delivered").to_string();
        let entry = by
            .entry((dq, order(&program), program.clone()))
            .or_default();
        if status == "delivered" {
            entry.0 += value;
        }
        let line = site.row_number(Table::Distributions, rows.u64()?.get(i).unwrap_or(0));
        entry.1.push((
            date,
            Delivery {
                distribution_id: mask_id(ids.str()?.get(i).unwrap_or("")),
                date: say.fmt.date(date),
                program,
                status: say
                    .msg
                    .maybe(&format!("explain-delivery-{status}"))
                    .unwrap_or(status),
                value: say.fmt.rupiah(value as f64),
                source: say.ta(
                    "explain-source",
                    &[("file", file.clone()), ("line", line.to_string())],
                ),
            },
        ));
    }
    let eligible_in = |dq: Quarter, program: &str| {
        active_in(hh, dq, start) && rule_says.iter().any(|(p, yes)| p == program && *yes)
    };
    // Every quarter of the ledger up to the one asked about (and that one)
    // lists each monthly program the household was eligible for, with
    // nothing delivered if so.
    let mut shown: Vec<Quarter> = quarters.iter().copied().filter(|dq| *dq <= q).collect();
    shown.push(q);
    for dq in shown {
        for (program, _) in rule_says
            .iter()
            .filter(|(p, _)| eligible_in(dq, p) && monthly(p))
        {
            by.entry((dq, order(program), program.clone())).or_default();
        }
    }
    Ok(by
        .into_iter()
        .map(|((dq, _, program), (delivered, mut rows))| {
            rows.sort_by(|a, b| (a.0, &a.1.distribution_id).cmp(&(b.0, &b.1.distribution_id)));
            let entitlement = config
                .program(&program)
                .and_then(|p| p.entitlement_per_month)
                .filter(|_| eligible_in(dq, &program))
                .map(|m| say.fmt.rupiah((3 * m) as f64));
            QuarterAid {
                quarter: dq.label(),
                period: crate::report::summary::quarter_words(dq, start, say.fmt, say.msg),
                program,
                delivered: say.fmt.rupiah(delivered as f64),
                entitlement,
                deliveries: rows.into_iter().map(|(_, d)| d).collect(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::Tolerance;
    use polars::prelude::IntoLazy;

    /// The clause-by-clause evaluation gives the answer polars' SQL engine
    /// gives the indicators, for every household and program of the sample
    /// sites, and every single change it proposes does make the household
    /// eligible by SQL's answer too.
    #[test]
    fn clauses_agree_with_the_indicators_on_every_sample_household() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        for name in ["semanan", "duri-selatan"] {
            let site = Site::open(&root.join(name), Tolerance::None).unwrap();
            let programs = &site.config.programs;
            let exprs: Vec<_> = programs
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    crate::indicators::eligibility(&p.eligible_when, &p.code)
                        .unwrap()
                        .alias(format!("e{i}"))
                })
                .collect();
            let df = site
                .frame(Table::Households)
                .unwrap()
                .with_columns(exprs)
                .collect()
                .unwrap();
            let (mut checked, mut tried) = (0, 0);
            for row in 0..df.height() {
                let hh = household_at(&df, row).unwrap();
                for (i, p) in programs.iter().enumerate() {
                    let sql = df
                        .column(&format!("e{i}"))
                        .unwrap()
                        .bool()
                        .unwrap()
                        .get(row)
                        .unwrap();
                    let rule = rule::parse(&p.eligible_when).unwrap();
                    assert_eq!(
                        evaluate::eligible(&rule, &hh.facts),
                        sql,
                        "{name} row {row} program {}",
                        p.code
                    );
                    checked += 1;
                    if sql || tried >= 300 {
                        continue;
                    }
                    for change in
                        evaluate::smallest_changes(&rule, &hh.facts, |c| domain(&hh.facts, c))
                    {
                        let evaluate::Target::Range { low, high, .. } = change.to else {
                            continue;
                        };
                        for v in [low, high] {
                            tried += 1;
                            let changed = df
                                .slice(row as i64, 1)
                                .lazy()
                                .with_column(lit(v).alias(change.column.as_str()))
                                .select([crate::indicators::eligibility(&p.eligible_when, &p.code)
                                    .unwrap()
                                    .alias("yes")])
                                .collect()
                                .unwrap();
                            let yes = changed.column("yes").unwrap().bool().unwrap().get(0);
                            assert_eq!(yes, Some(true), "{name} row {row} {change:?}");
                        }
                    }
                }
            }
            assert!(checked > 5_000 && tried > 100, "{name}: {checked}, {tried}");
        }
    }
}
