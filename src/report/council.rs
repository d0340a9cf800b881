//! The village council's report on where the aid money came from and where
//! it went: the budget planned against realised, sources by funder, uses by
//! program, cost per household reached, the reconciliation of the budget
//! against the aid ledger, integrity flags, recipients per RW and
//! complaints. The budget and integrity sections live in `audit`.

use crate::charts::stacked::Stacked;
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::{Quarter, ALL};

use super::audit;
use super::common::{feedback_section, table};
use super::context::Ctx;
use super::ledger::Ledger;
use super::page::{Block, Cell, Figure, Section};
use crate::fmt::NONE;

const DELIVERED: &str = "delivered";
const STATUSES: [&str; 3] = ["delivered", "failed", "returned"];

fn quarter(label: &str) -> Option<Quarter> {
    Quarter::parse(label)
}

fn delivered_value(c: &Ctx, ledger: &Ledger, q: Quarter, program: Option<&str>) -> f64 {
    c.site
        .config
        .programs
        .iter()
        .filter(|p| program.is_none_or(|code| code == p.code))
        .map(|p| ledger.sum(q, &p.code, DELIVERED).value)
        .sum()
}

pub(crate) fn funder_label(c: &Ctx, funder: &str) -> String {
    c.say
        .msg
        .maybe(&format!("funder-{funder}"))
        .unwrap_or_else(|| funder.to_string())
}

pub(crate) fn headlines(c: &Ctx, ledger: &Ledger) -> Vec<Figure> {
    let s = &c.say;
    let Some(q) = quarter(&c.period) else {
        return Vec::new();
    };
    let prev = c.prev.as_deref().and_then(quarter);
    let value = delivered_value(c, ledger, q, None);
    let change = prev
        .map(|p| {
            let before = delivered_value(c, ledger, p, None);
            s.ta(
                "change-since",
                &[
                    ("delta", s.fmt.signed_rupiah(value - before)),
                    ("period", p.label()),
                ],
            )
        })
        .unwrap_or_default();
    let reached = c.now("inclusion_error").and_then(|r| r.denominator);
    let not_delivered: f64 = c
        .site
        .config
        .programs
        .iter()
        .flat_map(|p| ["failed", "returned"].map(|st| ledger.sum(q, &p.code, st).rows))
        .sum();
    let deliveries: f64 = c
        .site
        .config
        .programs
        .iter()
        .flat_map(|p| STATUSES.map(|st| ledger.sum(q, &p.code, st).rows))
        .sum();
    let plain = |label: &str, value: String, basis: String, change: String| Figure {
        label: s.t(label),
        value,
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
            reached
                .map(|r| s.fmt.count(r))
                .unwrap_or_else(|| NONE.into()),
            String::new(),
            String::new(),
        ),
        plain(
            "fig-value-per-household",
            match reached {
                Some(r) if r > 0.0 => s.fmt.rupiah(value / r),
                _ => NONE.into(),
            },
            s.ta(
                "basis-value-households",
                &[
                    ("value", s.fmt.rupiah(value)),
                    ("n", reached.map(|r| s.fmt.count(r)).unwrap_or_default()),
                ],
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
    if let Some(r) = c.now("budget_absorption") {
        out.push(s.figure(
            "ind-budget_absorption",
            Some(r),
            c.before("budget_absorption"),
            c.target("budget_absorption"),
        ));
    }
    let (cases, amount) = audit::flag_totals(c);
    out.push(Figure {
        status: if cases > 0 { "missed" } else { "met" },
        ..plain(
            "fig-flags",
            s.fmt.count(cases as f64),
            s.ta("basis-flags", &[("amount", s.fmt.rupiah(amount as f64))]),
            String::new(),
        )
    });
    if let Some(r) = c.now("feedback_count") {
        out.push(s.figure(
            "ind-feedback_count",
            Some(r),
            c.before("feedback_count"),
            None,
        ));
        out.push(s.figure(
            "ind-feedback_resolution_rate",
            c.now("feedback_resolution_rate"),
            c.before("feedback_resolution_rate"),
            c.target("feedback_resolution_rate"),
        ));
    }
    out
}

pub(crate) fn sections(c: &Ctx, ledger: &Ledger, exports: &[String]) -> Vec<Section> {
    let mut out: Vec<Section> = audit::budget_section(c).into_iter().collect();
    out.push(sources(c, ledger));
    out.push(uses(c, ledger));
    out.extend(audit::cost_section(c));
    out.extend(audit::reconciliation_section(c, exports));
    out.push(audit::integrity_section(c, exports));
    out.push(recipients(c));
    if let Some(f) = feedback_section(c) {
        out.push(f);
    }
    out
}

fn quarters(c: &Ctx) -> Vec<Quarter> {
    c.quarters.iter().filter_map(|q| quarter(q)).collect()
}

fn sources(c: &Ctx, ledger: &Ledger) -> Section {
    let s = &c.say;
    let quarters = quarters(c);
    let mut funders: Vec<&str> = Vec::new();
    for p in &c.site.config.programs {
        if !funders.contains(&p.funder.as_str()) {
            funders.push(&p.funder);
        }
    }
    let by_funder = |f: &str, q: Quarter| -> f64 {
        c.site
            .config
            .programs
            .iter()
            .filter(|p| p.funder == f)
            .map(|p| ledger.sum(q, &p.code, DELIVERED).value)
            .sum()
    };
    let mut head = vec![s.t("col-funder")];
    head.extend(quarters.iter().map(|q| q.label()));
    head.push(s.t("col-share-period"));
    let Some(now) = quarter(&c.period) else {
        return Section {
            id: "sources".into(),
            title: s.t("sec-sources"),
            intro: vec![s.t("intro-sources")],
            blocks: Vec::new(),
        };
    };
    let total_now = delivered_value(c, ledger, now, None);
    let mut rows: Vec<Vec<Cell>> = funders
        .iter()
        .map(|f| {
            let mut row = vec![Cell::text(funder_label(c, f))];
            row.extend(
                quarters
                    .iter()
                    .map(|q| Cell::text(s.fmt.rupiah(by_funder(f, *q)))),
            );
            let share = if total_now > 0.0 {
                s.fmt.percent(by_funder(f, now) / total_now)
            } else {
                NONE.into()
            };
            row.push(Cell::with_sub(
                share,
                format!(
                    "{} / {}",
                    s.fmt.rupiah(by_funder(f, now)),
                    s.fmt.rupiah(total_now)
                ),
            ));
            row
        })
        .collect();
    let mut total = vec![Cell::text(s.t("total")).class("total")];
    total.extend(
        quarters
            .iter()
            .map(|q| Cell::text(s.fmt.rupiah(delivered_value(c, ledger, *q, None))).class("total")),
    );
    total.push(Cell::text(s.fmt.percent(1.0)).class("total"));
    rows.push(total);
    let chart = Plot::Stacked(Stacked {
        id: "chart-sources".into(),
        title: s.t("chart-sources-title"),
        summary: s.ta(
            "chart-sources-summary",
            &[
                ("period", c.period.clone()),
                ("total", s.fmt.rupiah(total_now)),
            ],
        ),
        periods: quarters.iter().map(|q| q.label()).collect(),
        parts: funders
            .iter()
            .map(|f| {
                (
                    funder_label(c, f),
                    quarters.iter().map(|q| by_funder(f, *q)).collect(),
                )
            })
            .collect(),
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah"),
    });
    Section {
        id: "sources".into(),
        title: s.t("sec-sources"),
        intro: vec![s.t("intro-sources")],
        blocks: vec![
            Block::Chart(Chart::pending(chart)),
            Block::Table(table(s.t("cap-sources"), head, 1, rows, None)),
        ],
    }
}

fn uses(c: &Ctx, ledger: &Ledger) -> Section {
    let s = &c.say;
    let Some(q) = quarter(&c.period) else {
        return Section {
            id: "uses".into(),
            title: s.t("sec-uses"),
            intro: vec![s.t("intro-uses")],
            blocks: Vec::new(),
        };
    };
    let head = vec![
        s.t("col-program"),
        s.t("col-funder"),
        s.t("col-deliveries"),
        s.t("col-households-reached"),
        s.t("col-value-delivered"),
        s.t("col-cost-per-household"),
        s.t("col-entitlement"),
        s.t("col-failed"),
        s.t("col-returned"),
    ];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let (mut all_rows, mut all_value) = (0.0, 0.0);
    for p in &c.site.config.programs {
        let d = ledger.sum(q, &p.code, DELIVERED);
        let households = ledger
            .reached
            .get(&(q, p.code.clone()))
            .copied()
            .unwrap_or(0.0);
        all_rows += d.rows;
        all_value += d.value;
        rows.push(vec![
            Cell::with_sub(p.code.clone(), p.name.clone()),
            Cell::text(funder_label(c, &p.funder)),
            s.count_cell(Some(d.rows)),
            s.count_cell(Some(households)),
            Cell::text(s.fmt.rupiah(d.value)),
            if households > 0.0 {
                Cell::with_sub(
                    s.fmt.rupiah(d.value / households),
                    format!("{} / {}", s.fmt.rupiah(d.value), s.fmt.count(households)),
                )
            } else {
                Cell::text(NONE)
            },
            Cell::text(
                p.entitlement_per_month
                    .map(|e| s.ta("per-month", &[("value", s.fmt.rupiah(e as f64))]))
                    .unwrap_or_else(|| NONE.into()),
            ),
            s.count_cell(Some(ledger.sum(q, &p.code, "failed").rows)),
            s.count_cell(Some(ledger.sum(q, &p.code, "returned").rows)),
        ]);
    }
    let reached_all = c.now("inclusion_error").and_then(|r| r.denominator);
    rows.push(vec![
        Cell::text(s.t("all-programs")).class("total"),
        Cell::text("").class("total"),
        s.count_cell(Some(all_rows)).class("total"),
        s.count_cell(reached_all).class("total"),
        Cell::text(s.fmt.rupiah(all_value)).class("total"),
        Cell::text("").class("total"),
        Cell::text("").class("total"),
        Cell::text("").class("total"),
        Cell::text("").class("total"),
    ]);
    let codes = c.program_codes();
    let trend = Plot::Trend(Trend {
        id: "chart-uses-trend".into(),
        title: s.t("chart-uses-trend-title"),
        summary: c.trend_summary(),
        periods: c.quarters.clone(),
        series: codes
            .iter()
            .map(|code| Series {
                name: code.to_string(),
                values: quarters(c)
                    .iter()
                    .map(|q| Some(ledger.sum(*q, code, DELIVERED).value))
                    .collect(),
                intervals: Vec::new(),
            })
            .collect(),
        target: None,
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah"),
    });
    Section {
        id: "uses".into(),
        title: s.t("sec-uses"),
        intro: vec![s.t("intro-uses")],
        blocks: vec![
            Block::Table(table(
                s.ta("cap-uses", &[("period", c.period.clone())]),
                head,
                2,
                rows,
                Some(s.t("note-uses")),
            )),
            Block::Chart(Chart::pending(trend)),
        ],
    }
}

fn recipients(c: &Ctx) -> Section {
    let s = &c.say;
    let p = c.period.as_str();
    let head = vec![
        s.t("by-rw"),
        s.t("col-eligible"),
        s.t("col-reached"),
        s.t("ind-coverage"),
        s.t("ind-inclusion_error"),
    ];
    let rows = c
        .look
        .groups("coverage", p, ALL, "rw")
        .into_iter()
        .map(|g| {
            let inclusion = c.look.get("inclusion_error", p, ALL, "rw", &g.group);
            vec![
                Cell::text(g.group.clone()),
                s.count_cell(g.denominator),
                s.count_cell(inclusion.and_then(|r| r.denominator)),
                s.cell(Some(g)),
                s.cell(inclusion),
            ]
        })
        .collect();
    Section {
        id: "recipients".into(),
        title: s.t("sec-recipients"),
        intro: vec![s.t("intro-recipients")],
        blocks: vec![Block::Table(table(
            s.ta("cap-recipients", &[("period", c.period.clone())]),
            head,
            1,
            rows,
            None,
        ))],
    }
}
