//! Where the aid money came from (by funder) and where it went (by
//! program, with failed and returned deliveries), over the quarters up to
//! the report's, and recipients per RW.

use crate::charts::bars::Bars;
use crate::charts::stacked::Stacked;
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::fmt::NONE;
use crate::indicators::ledger::{Ledger, Totals};
use crate::indicators::Id;
use crate::indicators::Period;
use crate::indicators::{rw_label, rw_of_label, Quarter};

use super::super::common::table;
use super::super::context::Ctx;
use super::super::labels::funder_label;
use super::super::page::{Block, Cell, Section};
use super::super::summary::headline_key;
use super::{quarter_cases, registry_order, rw_name};

/// Value delivered in a quarter by one program, or by all of them.
pub(super) fn delivered_value(c: &Ctx, ledger: &Ledger, q: Quarter, program: Option<&str>) -> f64 {
    c.site
        .config
        .programs
        .iter()
        .filter(|p| program.is_none_or(|code| code == p.code))
        .map(|p| ledger.delivered(q, &p.code).value as f64)
        .sum()
}

fn quarters(c: &Ctx) -> Vec<Quarter> {
    c.quarters.iter().filter_map(Period::quarter).collect()
}

pub(super) fn sources(c: &Ctx, ledger: &Ledger) -> Section {
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
            .map(|p| ledger.delivered(q, &p.code).value as f64)
            .sum()
    };
    let mut head = vec![s.t("col-funder")];
    head.extend(quarters.iter().map(|q| q.label()));
    head.push(s.t("col-share-period"));
    let Some(now) = Some(c.quarter) else {
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
                ("period", c.period.label()),
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

pub(super) fn uses(c: &Ctx, ledger: &Ledger) -> Section {
    let s = &c.say;
    let Some(q) = Some(c.quarter) else {
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
        let d = ledger.delivered(q, &p.code);
        let (deliveries, value, households) = (d.rows as f64, d.value as f64, d.households as f64);
        all_rows += deliveries;
        all_value += value;
        rows.push(vec![
            Cell::with_sub(p.code.clone(), p.name.clone()),
            Cell::text(funder_label(c, &p.funder)),
            s.count_cell(Some(deliveries)),
            s.count_cell(Some(households)),
            Cell::text(s.fmt.rupiah(value)),
            per_household(c, value, households),
            Cell::text(
                p.entitlement_per_month
                    .map(|e| s.ta("per-month", &[("value", s.fmt.rupiah(e as f64))]))
                    .unwrap_or_else(|| NONE.into()),
            ),
            s.count_cell(Some(ledger.sum(q, &p.code, "failed").rows as f64)),
            s.count_cell(Some(ledger.sum(q, &p.code, "returned").rows as f64)),
        ]);
    }
    // Distinct households over the programs, as the programs' rows count
    // them (those the registry does not hold among them).
    let (reached_all, _) = super::households_reached(ledger, q);
    rows.push(vec![
        Cell::text(s.t("all-programs")).class("total"),
        Cell::text("").class("total"),
        s.count_cell(Some(all_rows)).class("total"),
        s.count_cell(Some(reached_all)).class("total"),
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
        periods: c.quarter_labels(),
        series: codes
            .iter()
            .map(|code| Series {
                name: code.to_string(),
                values: quarters(c)
                    .iter()
                    .map(|q| Some(ledger.delivered(*q, code).value as f64))
                    .collect(),
                intervals: Vec::new(),
            })
            .collect(),
        target: None,
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah"),
        range: None,
    });
    Section {
        id: "uses".into(),
        title: s.t("sec-uses"),
        intro: vec![s.t("intro-uses")],
        blocks: vec![
            Block::Table(table(
                s.ta("cap-uses", &[("period", c.period.label())]),
                head,
                2,
                rows,
                Some(s.t("note-uses")),
            )),
            Block::Chart(Chart::pending(trend)),
        ],
    }
}

/// RWs up to which the rupiah per RW is also drawn as bars: past it the
/// chart would not fit a printed page, and the table says it all.
const MAX_RW_BARS: usize = 24;

/// Households and rupiah per RW in the quarter: eligible households, how
/// many of them the aid programs reached (coverage), every household the
/// ledger delivered to with the rupiah and the rupiah per household, and
/// the integrity cases of the quarter; a bar chart of the rupiah (up to
/// [`MAX_RW_BARS`] RWs).
pub(super) fn recipients(c: &Ctx, ledger: &Ledger) -> Section {
    let s = &c.say;
    let p = &c.period;
    let key = headline_key(c);
    let head = vec![
        s.t("by-rw"),
        s.t("col-eligible"),
        s.t("ind-coverage"),
        s.t("col-households-paid"),
        s.t("col-value-delivered"),
        s.t("col-cost-per-household"),
        s.t("col-flags-quarter"),
    ];
    let paid: Vec<(Option<i64>, Totals)> = ledger.delivered_by_rw(c.quarter).collect();
    let coverage = c.look.groups(Id::Coverage, p, key, "rw");
    let rws = registry_order(
        paid.iter().map(|(rw, _)| *rw).chain(
            coverage
                .iter()
                .filter_map(|g| rw_of_label(&g.group))
                .map(Some),
        ),
    );
    let flags = |rw: Option<i64>| quarter_cases(c).filter(|k| k.rw == rw).count();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let (mut value, mut households) = (Vec::new(), 0.0);
    for rw in &rws {
        let group = rw.map(rw_label);
        let cov = group
            .as_deref()
            .and_then(|g| c.look.get(Id::Coverage, p, key, "rw", g));
        let t = paid
            .iter()
            .find(|(r, _)| r == rw)
            .map(|(_, t)| *t)
            .unwrap_or_default();
        households += t.households as f64;
        value.push(t.value as f64);
        let n = flags(*rw);
        rows.push(vec![
            Cell::text(rw_name(c, *rw)),
            s.count_cell(cov.and_then(|r| r.denominator.get())),
            s.cell(cov),
            s.count_cell(Some(t.households as f64)),
            Cell::text(s.fmt.rupiah(t.value as f64)),
            per_household(c, t.value as f64, t.households as f64),
            s.count_cell(Some(n as f64))
                .class(if n > 0 { "alert" } else { "" }),
        ]);
    }
    let total_value: f64 = value.iter().sum();
    let site = c.look.site(Id::Coverage, p, key);
    let n = quarter_cases(c).count();
    rows.push(
        vec![
            Cell::text(s.t("total")),
            s.count_cell(site.and_then(|r| r.denominator.get())),
            s.cell(site),
            s.count_cell(Some(households)),
            Cell::text(s.fmt.rupiah(total_value)),
            per_household(c, total_value, households),
            s.count_cell(Some(n as f64)),
        ]
        .into_iter()
        .map(|cell| cell.class("total"))
        .collect(),
    );
    let chart = Plot::Bars(Bars {
        id: "chart-rupiah-rw".into(),
        title: s.ta("chart-rupiah-rw", &[("period", p.label())]),
        summary: s.ta(
            "chart-rupiah-rw-summary",
            &[
                ("period", p.label()),
                ("total", s.fmt.rupiah(total_value)),
                ("n", s.fmt.count(rws.len() as f64)),
            ],
        ),
        categories: rws.iter().map(|rw| rw_name(c, *rw)).collect(),
        series: vec![(
            s.t("col-value-delivered"),
            value.into_iter().map(Some).collect(),
        )],
        target: None,
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah"),
    });
    let mut note = s.t("note-recipients");
    if rws.len() > MAX_RW_BARS {
        note.push(' ');
        note.push_str(&s.ta(
            "note-recipients-no-chart",
            &[("n", s.fmt.count(MAX_RW_BARS as f64))],
        ));
    }
    let mut blocks = vec![Block::Table(table(
        s.ta("cap-recipients", &[("period", p.label())]),
        head,
        1,
        rows,
        Some(note),
    ))];
    if rws.len() <= MAX_RW_BARS {
        blocks.push(Block::Chart(Chart::pending(chart)));
    }
    Section {
        id: "recipients".into(),
        title: s.t("sec-recipients"),
        intro: vec![s.t("intro-recipients")],
        blocks,
    }
}

/// Rupiah per household, with the division under it.
fn per_household(c: &Ctx, value: f64, households: f64) -> Cell {
    let s = &c.say;
    if households > 0.0 {
        Cell::with_sub(
            s.fmt.rupiah(value / households),
            format!("{} / {}", s.fmt.rupiah(value), s.fmt.count(households)),
        )
    } else {
        Cell::text(NONE)
    }
}
