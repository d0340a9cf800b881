//! Budget transparency: planned against realised per revenue source and
//! expense category, balance, funding shares, the reconciliation of every
//! program expense line against the aid ledger, cost per beneficiary, and
//! the local-sourcing and eco-packaging shares of goods.
//!
//! Budget figures are given per fiscal quarter (`2026-Q2`) and year to date
//! through each quarter (`2026-Q2-YTD`: the quarters of that fiscal year up
//! to and including Q2). Sums are taken before dividing, so a year-to-date
//! ratio is the ratio of the summed amounts, never a mean of quarterly
//! ratios.

use super::id::Id;
use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use polars::prelude::*;
use serde::Serialize;

use super::base::Base;
use super::frame::{ints, texts};
use super::ledger::{Ledger, Totals};
use super::period::{Period, Quarter};
use super::reconcile::{reconcile, ReconLine};
use super::{unit, Batch, Key, Row, ALL};
use crate::contract::Table;
use crate::load::ROW;
use crate::site::Site;

pub use super::period::YTD;

/// `2026-Q2-YTD`.
pub fn ytd_label(q: Quarter) -> String {
    format!("{}{YTD}", q.label())
}

/// One line of budget.csv.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    pub period: Quarter,
    /// `revenue` or `expense`.
    pub kind: String,
    pub category: String,
    pub planned: i64,
    pub realised: i64,
    pub note: String,
    /// Line in budget.csv.
    pub line: u64,
}

/// Budget material the reports need beyond the rows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Budget {
    pub lines: Vec<BudgetLine>,
    pub reconciliation: Vec<ReconLine>,
}

impl Budget {
    /// Planned and realised summed over the lines of a kind (`revenue` or
    /// `expense`) and, when given, one category: in quarter `q`, or with
    /// `year_to_date` in the quarters of its fiscal year up to `q`.
    pub fn amounts(
        &self,
        kind: &str,
        category: Option<&str>,
        q: Quarter,
        year_to_date: bool,
    ) -> Amounts {
        let mut a = Amounts::default();
        for l in self
            .lines
            .iter()
            .filter(|l| l.kind == kind && category.is_none_or(|cat| cat == l.category))
            .filter(|l| {
                if year_to_date {
                    l.period.year == q.year && l.period <= q
                } else {
                    l.period == q
                }
            })
        {
            a.add(l);
        }
        a
    }

    /// The (kind, category) pairs of the lines of `q`'s fiscal year up to
    /// `q`, in the order of the budget file.
    pub fn categories(&self, q: Quarter) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for l in self
            .lines
            .iter()
            .filter(|l| l.period.year == q.year && l.period <= q)
        {
            let key = (l.kind.clone(), l.category.clone());
            if !out.contains(&key) {
                out.push(key);
            }
        }
        out
    }
}

pub(crate) struct Pending {
    budget: Option<usize>,
}

pub(crate) fn plan(base: &Base, batch: &mut Batch) -> Pending {
    Pending {
        budget: base.budget.clone().map(|b| batch.add(b)),
    }
}

/// Sums of planned and realised.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Amounts {
    pub planned: i64,
    pub realised: i64,
}

impl Amounts {
    pub(crate) fn add(&mut self, line: &BudgetLine) {
        self.planned += line.planned;
        self.realised += line.realised;
    }
}

/// A reporting period and the quarters it sums.
struct Span {
    period: Period,
    quarters: BTreeSet<Quarter>,
}

/// Each quarter, then year to date through it.
fn periods(quarters: &BTreeSet<Quarter>) -> Vec<Span> {
    let mut out = Vec::new();
    for &q in quarters {
        out.push(Span {
            period: Period::Quarter(q),
            quarters: BTreeSet::from([q]),
        });
        out.push(Span {
            period: Period::YearToDate(q),
            quarters: quarters
                .iter()
                .filter(|p| p.year == q.year && p.quarter <= q.quarter)
                .copied()
                .collect(),
        });
    }
    out
}

impl Pending {
    pub(crate) fn rows(
        &self,
        base: &Base,
        site: &Site,
        ledger: &Ledger,
        frames: &[DataFrame],
    ) -> Result<(Vec<Row>, Budget)> {
        let lines = match self.budget {
            Some(i) => budget_lines(site, &frames[i])?,
            None => Vec::new(),
        };
        // What the ledger delivered per (quarter, program).
        let ledger: BTreeMap<(Quarter, String), Totals> = ledger
            .totals
            .iter()
            .filter(|((_, _, status), _)| status == super::ledger::DELIVERED)
            .map(|((q, program, _), t)| ((*q, program.clone()), *t))
            .collect();
        let reach = &base.reach;
        let programs: Vec<String> = base.programs.iter().map(|p| p.code.clone()).collect();

        let mut rows = Vec::new();
        let budget_quarters: BTreeSet<Quarter> = lines.iter().map(|l| l.period).collect();
        for period in periods(&budget_quarters) {
            let in_period: Vec<&BudgetLine> = lines
                .iter()
                .filter(|l| period.quarters.contains(&l.period))
                .collect();
            let key = Key::site(period.period.clone(), ALL);
            let mut totals: BTreeMap<&str, Amounts> = BTreeMap::new();
            let mut by_category: BTreeMap<(&str, &str), Amounts> = BTreeMap::new();
            for l in &in_period {
                totals.entry(l.kind.as_str()).or_default().add(l);
                by_category
                    .entry((l.kind.as_str(), l.category.as_str()))
                    .or_default()
                    .add(l);
            }
            let revenue = totals.get("revenue").copied().unwrap_or_default();
            let expense = totals.get("expense").copied().unwrap_or_default();
            let ratio = |id, key: &Key, a: Amounts| {
                Row::ratio(id, key, unit::RATIO, a.realised as f64, a.planned as f64)
            };
            rows.push(ratio(Id::BudgetAbsorption, &key, expense));
            for ((kind, category), a) in &by_category {
                if *kind == "expense" {
                    rows.push(ratio(
                        Id::BudgetAbsorption,
                        &key.grouped("category", *category),
                        *a,
                    ));
                }
            }
            rows.push(ratio(Id::RevenueRealisation, &key, revenue));
            for ((kind, source), a) in &by_category {
                if *kind == "revenue" {
                    let k = key.grouped("source", *source);
                    rows.push(ratio(Id::RevenueRealisation, &k, *a));
                    rows.push(Row::ratio(
                        Id::FundingShare,
                        &k,
                        unit::RATIO,
                        a.realised as f64,
                        revenue.realised as f64,
                    ));
                }
            }
            rows.push(Row::value(
                Id::BudgetBalance,
                &key,
                unit::RUPIAH,
                Some((revenue.realised - expense.realised) as f64),
            ));

            // Cost per beneficiary: program expense lines over the households
            // the ledger reached in the same period.
            let ytd = matches!(period.period, Period::YearToDate(_));
            let last = period.quarters.iter().next_back().copied();
            let reached = |program: Option<&str>| -> i64 {
                match (ytd, last) {
                    (false, Some(q)) => match program {
                        Some(p) => ledger.get(&(q, p.to_string())).map_or(0, |d| d.households),
                        None => reach.by_quarter.get(&q).copied().unwrap_or(0),
                    },
                    (true, Some(q)) => {
                        let firsts = match program {
                            Some(p) => reach.firsts_program.get(p),
                            None => Some(&reach.firsts_all),
                        };
                        firsts.map_or(0, |f| {
                            f.iter()
                                .filter(|(fq, _)| fq.year == q.year && *fq <= q)
                                .map(|(_, n)| n)
                                .sum()
                        })
                    }
                    _ => 0,
                }
            };
            let mut program_spend = 0;
            for code in &programs {
                let Some(a) = by_category.get(&("expense", code.as_str())) else {
                    // Delivered without an expense line: what was spent is
                    // unknown, the households reached are not.
                    let reached = reached(Some(code));
                    if reached > 0 {
                        rows.push(
                            Row::value(
                                Id::CostPerBeneficiary,
                                &Key::site(period.period.clone(), code.clone()),
                                unit::RUPIAH_PER_HOUSEHOLD,
                                None,
                            )
                            .with_denominator(reached as f64),
                        );
                    }
                    continue;
                };
                program_spend += a.realised;
                rows.push(Row::ratio(
                    Id::CostPerBeneficiary,
                    &Key::site(period.period.clone(), code.clone()),
                    unit::RUPIAH_PER_HOUSEHOLD,
                    a.realised as f64,
                    reached(Some(code)) as f64,
                ));
            }
            rows.push(Row::ratio(
                Id::CostPerBeneficiary,
                &key,
                unit::RUPIAH_PER_HOUSEHOLD,
                program_spend as f64,
                reached(None) as f64,
            ));
        }

        let reconciliation = reconcile(base, site, &lines, &ledger, &budget_quarters)?;
        for r in &reconciliation {
            let key = Key::site(Period::Quarter(r.period), r.program.clone());
            rows.push(Row::value(
                Id::ReconciliationGap,
                &key,
                unit::RUPIAH,
                Some(r.gap as f64),
            ));
            rows.push(Row::ratio(
                Id::ReconciliationGapShare,
                &key,
                unit::RATIO,
                r.gap as f64,
                r.realised as f64,
            ));
        }

        // Local sourcing and eco packaging of goods, over the ledger's quarters.
        let goods: Vec<&str> = base
            .programs
            .iter()
            .filter(|p| p.goods)
            .map(|p| p.code.as_str())
            .collect();
        let ledger_quarters: BTreeSet<Quarter> = base.dist_quarters.iter().copied().collect();
        if !goods.is_empty() {
            for period in periods(&ledger_quarters) {
                let sum = |program: Option<&str>| {
                    let mut d = Totals::default();
                    for q in &period.quarters {
                        for code in &goods {
                            if program.is_some_and(|p| p != *code) {
                                continue;
                            }
                            if let Some(x) = ledger.get(&(*q, code.to_string())) {
                                d.value += x.value;
                                d.local += x.local;
                                d.eco += x.eco;
                            }
                        }
                    }
                    d
                };
                let mut push = |program: &str, d: Totals| {
                    let key = Key::site(period.period.clone(), program.to_string());
                    let v = d.value as f64;
                    rows.push(Row::ratio(
                        Id::LocalSourcingShare,
                        &key,
                        unit::RATIO,
                        d.local as f64,
                        v,
                    ));
                    rows.push(Row::ratio(
                        Id::EcoPackagingShare,
                        &key,
                        unit::RATIO,
                        d.eco as f64,
                        v,
                    ));
                };
                for code in &goods {
                    push(code, sum(Some(code)));
                }
                push(ALL, sum(None));
            }
        }
        let budget = Budget {
            lines,
            reconciliation,
        };
        Ok((rows, budget))
    }
}

fn budget_lines(site: &Site, df: &DataFrame) -> Result<Vec<BudgetLine>> {
    let index = ints(df, ROW)?;
    let years = ints(df, "year")?;
    let quarters = ints(df, "quarter")?;
    let kinds = texts(df, "kind")?;
    let categories = texts(df, "category")?;
    let planned = ints(df, "planned")?;
    let realised = ints(df, "realised")?;
    let notes = texts(df, "note")?;
    let mut lines: Vec<BudgetLine> = (0..df.height())
        .map(|j| BudgetLine {
            period: Quarter {
                year: years[j].unwrap_or(0) as i32,
                quarter: quarters[j].unwrap_or(1) as u32,
            },
            kind: kinds[j].clone().unwrap_or_default(),
            category: categories[j].clone().unwrap_or_default(),
            planned: planned[j].unwrap_or(0),
            realised: realised[j].unwrap_or(0),
            note: notes[j].clone().unwrap_or_default(),
            line: site.row_number(Table::Budget, index[j].unwrap_or(0) as u64),
        })
        .collect();
    lines.sort_by_key(|l| l.line);
    Ok(lines)
}
