//! The village council's report on where the aid money came from and where
//! it went: headline figures, the budget planned against realised
//! ([`budget`]), sources by funder and uses by program ([`money`]), cost
//! per household reached, the reconciliation of the budget against the aid
//! ledger ([`reconciliation`]), integrity flags ([`integrity`]), recipients
//! per RW and complaints.
//!
//! Everything shown is cut at the report's quarter: quarter figures for the
//! quarter, year to date through it, and flags and reconciliation lines of
//! every quarter up to it.

mod budget;
mod integrity;
mod money;
mod reconciliation;

use crate::fmt::NONE;
use crate::indicators::ledger::{Ledger, STATUSES};
use crate::indicators::Id;
use crate::indicators::Period;
use crate::indicators::{rw_label, Quarter};

use super::common::feedback_or_missing;
use super::context::Ctx;
use super::page::{Figure, Section};
use crate::contract::Table;

pub(crate) use integrity::{detail_text, quarter_cases, shown_cases};

/// The report's quarter.
fn quarter(c: &Ctx) -> Option<Quarter> {
    Some(c.quarter)
}

/// Up to and including the report's quarter (`all` always).
pub(crate) fn up_to(c: &Ctx, period: &Period) -> bool {
    match (period.quarter(), quarter(c)) {
        (Some(p), Some(q)) => p <= q,
        _ => true,
    }
}

/// RWs of the registry in order, each once, households missing from the
/// registry (`None`) last.
fn registry_order(rws: impl IntoIterator<Item = Option<i64>>) -> Vec<Option<i64>> {
    let mut rws: Vec<Option<i64>> = rws.into_iter().collect();
    rws.sort();
    rws.dedup();
    if rws.first() == Some(&None) {
        rws.rotate_left(1);
    }
    rws
}

/// An RW by name, or "not in the registry" (with "or its row rejected"
/// when a registry row was rejected under `--max-rejected-rows`: the
/// ledger's rows of such a household have no RW either).
fn rw_name(c: &Ctx, rw: Option<i64>) -> String {
    let none = match c.site.rejected_households() {
        true => "rw-unregistered-or-rejected",
        false => "rw-unregistered",
    };
    rw.map_or_else(|| c.say.t(none), rw_label)
}

/// Ledger or budget line numbers: `12, 14, 20`, or `12–40` for more than three.
fn lines_text(lines: &[u64]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) if lines.len() > 3 => format!("{a}–{b}"),
        _ => lines
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The council's opening sentences.
pub(crate) fn summary(c: &Ctx, ledger: &Ledger) -> Vec<String> {
    let Some(q) = quarter(c) else {
        return Vec::new();
    };
    let value = money::delivered_value(c, ledger, q, None);
    let (reached, _) = households_reached(ledger, q);
    super::summary::council(c, value, Some(reached), integrity::flag_totals(c))
}

/// The households the quarter's deliveries reached, as the table of
/// recipients by RW totals them, and how many of them the registry does not
/// hold (or holds on a rejected row). The value delivered went to all of
/// them, so the value per household is over all of them too.
pub(super) fn households_reached(ledger: &Ledger, q: Quarter) -> (f64, f64) {
    ledger
        .delivered_by_rw(q)
        .fold((0.0, 0.0), |(all, outside), (rw, t)| {
            let n = t.households as f64;
            (all + n, outside + if rw.is_none() { n } else { 0.0 })
        })
}

pub(crate) fn headlines(c: &Ctx, ledger: &Ledger) -> Vec<Figure> {
    let s = &c.say;
    let Some(q) = quarter(c) else {
        return Vec::new();
    };
    let prev = c.prev.as_ref().and_then(Period::quarter);
    let value = money::delivered_value(c, ledger, q, None);
    let change = prev
        .map(|p| {
            let before = money::delivered_value(c, ledger, p, None);
            s.ta(
                "change-since",
                &[
                    ("delta", s.fmt.signed_rupiah(value - before)),
                    ("period", p.label()),
                ],
            )
        })
        .unwrap_or_default();
    let (reached, outside) = households_reached(ledger, q);
    let not_delivered: f64 = c
        .site
        .config
        .programs
        .iter()
        .flat_map(|p| ["failed", "returned"].map(|st| ledger.sum(q, &p.code, st).rows as f64))
        .sum();
    let deliveries: f64 = c
        .site
        .config
        .programs
        .iter()
        .flat_map(|p| STATUSES.map(|st| ledger.sum(q, &p.code, st).rows as f64))
        .sum();
    let plain = |label: &str, value: String, basis: String, change: String| Figure {
        label: s.t(label),
        value,
        unit: String::new(),
        basis,
        change,
        target: String::new(),
        status: "",
    };
    let mut out = vec![
        plain(
            "fig-value-delivered",
            s.fmt.rupiah(value),
            String::new(),
            change,
        ),
        plain(
            "fig-households-reached",
            s.fmt.count(reached),
            if outside > 0.0 {
                let key = match c.site.rejected_households() {
                    true => "basis-households-outside-or-rejected",
                    false => "basis-households-outside",
                };
                s.ta(key, &[("n", s.fmt.count(outside))])
            } else {
                String::new()
            },
            String::new(),
        ),
        plain(
            "fig-value-per-household",
            if reached > 0.0 {
                s.fmt.rupiah(value / reached)
            } else {
                NONE.into()
            },
            s.ta(
                "basis-value-households",
                &[("value", s.fmt.rupiah(value)), ("n", s.fmt.count(reached))],
            ),
            String::new(),
        ),
        plain(
            "fig-not-delivered",
            s.fmt.count(not_delivered),
            s.ta("basis-deliveries", &[("n", s.fmt.count(deliveries))]),
            String::new(),
        ),
    ];
    if let Some(r) = c.now(Id::BudgetAbsorption) {
        out.push(s.figure(
            "ind-budget_absorption",
            Some(r),
            c.before(Id::BudgetAbsorption),
            c.target(Id::BudgetAbsorption),
        ));
    }
    let (cases, amount) = integrity::flag_totals(c);
    out.push(Figure {
        status: if cases > 0 { "missed" } else { "met" },
        ..plain(
            "fig-flags",
            s.fmt.count(cases as f64),
            s.ta("basis-flags", &[("amount", s.fmt.rupiah(amount as f64))]),
            String::new(),
        )
    });
    if let Some(r) = c.now(Id::FeedbackCount) {
        out.push(s.figure(
            "ind-feedback_count",
            Some(r),
            c.before(Id::FeedbackCount),
            None,
        ));
        out.push(c.figure(Id::FeedbackResolutionRate));
    }
    out
}

pub(crate) fn sections(c: &Ctx, ledger: &Ledger, exports: &[String]) -> Vec<Section> {
    let mut out: Vec<Section> = budget::budget_section(c).into_iter().collect();
    if c.lacks(Table::Budget) {
        out.push(c.missing_section(
            "budget",
            c.say.t("sec-budget"),
            "what-budget",
            Table::Budget,
        ));
    }
    if !c.has_deliveries() {
        // Nothing was paid: the budget, reconciliation, registry checks and
        // feedback still stand.
        out.push(c.empty_section("uses", c.say.t("sec-uses"), "what-uses"));
        out.extend(reconciliation::reconciliation_section(c, exports));
        out.push(integrity::integrity_section(c, exports));
        out.extend(feedback_or_missing(c));
        return out;
    }
    out.push(money::sources(c, ledger));
    out.push(money::uses(c, ledger));
    out.extend(budget::cost_section(c));
    out.extend(reconciliation::reconciliation_section(c, exports));
    out.push(integrity::integrity_section(c, exports));
    out.push(money::recipients(c, ledger));
    out.extend(feedback_or_missing(c));
    out
}

/// Indicator ids the council report explains in its methodology: the
/// budget and integrity ids, and coverage.
pub(crate) fn council_ids() -> Vec<Id> {
    let mut ids = crate::indicators::budget_ids().to_vec();
    ids.push(Id::Coverage);
    ids
}
