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

pub mod batch;
pub mod evaluate;
pub mod feedback;
mod household;
pub mod letter;
mod received;

use anyhow::{Context, Result};
use polars::prelude::{col, lit};
use serde::Serialize;

use crate::config::Program;
use crate::contract::{spec, Kind, Table};
use crate::fmt::{Fmt, Lang};
use crate::indicators::{Indicators, Quarter};
use crate::privacy::mask_id;
use crate::report::criteria;
use crate::report::i18n::Messages;
use crate::report::lookup::Say;
use crate::rule::{self, Value};
use crate::site::Site;
use evaluate::{Facts, Step, Target};
use household::{active_in, domain, household_row, Household};

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
    /// The feedback items that name the household, oldest first, whatever
    /// their quarter.
    pub feedback: Vec<feedback::FeedbackItem>,
    /// Where and until when to object, in one sentence.
    pub objection: String,
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
    let received = received::received(site, id, q, &indicators.quarters, &hh, &rule_says, &say)?;
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
            amount: fmt.rupiah(c.amount_up_to(q) as f64),
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
    let mut summary = verdicts(&answers, &messages);
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
        feedback: feedback::of_household(site, id, &say)?,
        objection,
    };
    messages.check()?;
    Ok(explanation)
}

/// The programs the household is eligible for, and those it is not, in one
/// sentence each (none for an empty list).
pub(crate) fn verdicts(answers: &[Answer], messages: &Messages) -> Vec<String> {
    let mut lines = Vec::new();
    for (yes, id) in [(true, "explain-summary-yes"), (false, "explain-summary-no")] {
        let programs: Vec<&str> = answers
            .iter()
            .filter(|a| a.eligible == yes)
            .map(|a| a.program.as_str())
            .collect();
        if !programs.is_empty() {
            lines.push(messages.args(id, &[("programs", programs.join(", "))]));
        }
    }
    lines
}

/// Each program's `eligible_when` as the indicators evaluate it, on the
/// household's registry row.
fn sql_answers(site: &Site, id: &str, programs: &[Program]) -> Result<Vec<bool>> {
    let mut exprs = Vec::new();
    for (i, p) in programs.iter().enumerate() {
        exprs.push(crate::indicators::eligibility(p)?.alias(format!("e{i}")));
    }
    if exprs.is_empty() {
        return Ok(Vec::new());
    }
    let household = site
        .frame(Table::Households)
        .context("the site has no households table")?
        .filter(col("household_id").eq(lit(id)));
    let df = household.clone().select(exprs).collect().map_err(|e| {
        crate::indicators::rule_failure(programs, &household)
            .unwrap_or_else(|| anyhow::Error::from(e).context("evaluating the eligibility rules"))
    })?;
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
                    crate::indicators::eligibility(p)
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
                let hh = household::household_at(&df, row).unwrap();
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
                                .select([crate::indicators::eligibility(p).unwrap().alias("yes")])
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
