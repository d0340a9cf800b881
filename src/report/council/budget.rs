//! Planned against realised per revenue source and expense category, in
//! the quarter and year to date, with the balance, the expense chart and
//! the absorption trend; cost per household reached; local sourcing and
//! eco packaging of goods.

use crate::charts::bars::Bars;
use crate::charts::progress::{Line, Progress};
use crate::charts::trend::{zoomed, Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::fmt::NONE;
use crate::indicators::Id;
use crate::indicators::Period;
use crate::indicators::ALL;

use super::super::common::table;
use super::super::context::Ctx;
use super::super::labels::funder_label;
use super::super::page::{Block, Cell, Section};
use super::quarter;

fn category_label(c: &Ctx, kind: &str, category: &str) -> String {
    if kind == "revenue" {
        return funder_label(c, category);
    }
    match c.site.config.program(category) {
        Some(p) => format!("{} · {}", p.code, p.name),
        None => c
            .say
            .msg
            .maybe(&format!("use-{category}"))
            .unwrap_or_else(|| category.to_string()),
    }
}

/// Planned against realised per revenue source and expense category, in the
/// quarter and year to date, with the balance; the expense chart; the
/// absorption trend.
pub(crate) fn budget_section(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    let q = quarter(c)?;
    let lines = &c.ind.budget.lines;
    if !lines.iter().any(|l| l.period == q) {
        return None;
    }
    let ytd = Period::YearToDate(q);
    let head = vec![
        s.t("col-category"),
        s.t("col-planned"),
        s.t("col-realised"),
        s.t("col-realisation"),
        s.t("col-planned-ytd"),
        s.t("col-realised-ytd"),
        s.t("col-absorption-ytd"),
        s.t("ind-funding_share"),
    ];
    let budget = &c.ind.budget;
    let amounts = |kind: &str, category: Option<&str>, ytd: bool| {
        let a = budget.amounts(kind, category, q, ytd);
        (a.planned, a.realised)
    };
    let categories = budget.categories(q);
    let money = |x: i64| Cell::text(s.fmt.rupiah(x as f64));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for kind in ["revenue", "expense"] {
        let (id, by) = if kind == "revenue" {
            (Id::RevenueRealisation, "source")
        } else {
            (Id::BudgetAbsorption, "category")
        };
        rows.push(vec![Cell::text(s.t(&format!("kind-{kind}"))).class("group")]);
        for (_, category) in categories.iter().filter(|(k, _)| k == kind) {
            let (p, r) = amounts(kind, Some(category), false);
            let (py, ry) = amounts(kind, Some(category), true);
            // The amounts are in the row: the shares need no basis under them.
            let share = if kind == "revenue" {
                s.value(c.look.get(Id::FundingShare, &c.period, ALL, by, category))
            } else {
                String::new()
            };
            let label = match c.site.config.program(category) {
                Some(p) => Cell::with_sub(p.code.clone(), p.name.clone()),
                None => Cell::text(category_label(c, kind, category)),
            };
            rows.push(vec![
                label,
                money(p),
                money(r),
                Cell::text(s.value(c.look.get(id, &c.period, ALL, by, category))),
                money(py),
                money(ry),
                Cell::text(s.value(c.look.get(id, &ytd, ALL, by, category))),
                Cell::text(share),
            ]);
        }
        let (p, r) = amounts(kind, None, false);
        let (py, ry) = amounts(kind, None, true);
        rows.push(
            vec![
                Cell::text(s.t(&format!("total-{kind}"))),
                money(p),
                money(r),
                Cell::text(s.value(c.look.site(id, &c.period, ALL))),
                money(py),
                money(ry),
                Cell::text(s.value(c.look.site(id, &ytd, ALL))),
                Cell::text(""),
            ]
            .into_iter()
            .map(|cell| cell.class("total"))
            .collect(),
        );
    }
    let balance = |period: &Period| s.value(c.look.site(Id::BudgetBalance, period, ALL));
    rows.push(
        vec![
            Cell::text(s.t("ind-budget_balance")),
            Cell::text(""),
            Cell::text(balance(&c.period)),
            Cell::text(""),
            Cell::text(""),
            Cell::text(balance(&ytd)),
            Cell::text(""),
            Cell::text(""),
        ]
        .into_iter()
        .map(|cell| cell.class("total"))
        .collect(),
    );
    let mut blocks = vec![Block::Table(table(
        s.ta(
            "cap-budget",
            &[("period", c.period.label()), ("year", q.year.to_string())],
        ),
        head,
        1,
        rows,
        Some(s.t("note-budget")),
    ))];

    for kind in ["revenue", "expense"] {
        let lines: Vec<Line> = categories
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(k, cat)| {
                let (planned, realised) = amounts(kind, Some(cat), true);
                let name = c
                    .site
                    .config
                    .program(cat)
                    .map(|p| p.code.clone())
                    .unwrap_or_else(|| category_label(c, k, cat));
                realisation_line(c, name, planned, realised)
            })
            .collect();
        if lines.is_empty() {
            continue;
        }
        let (planned, realised) = amounts(kind, None, true);
        blocks.push(Block::Chart(Chart::pending(Plot::Progress(Progress {
            id: format!("chart-realisation-{kind}"),
            title: s.ta(
                &format!("chart-realisation-{kind}"),
                &[("period", c.period.label())],
            ),
            summary: s.ta(
                "chart-realisation-summary",
                &[
                    ("realised", s.fmt.rupiah(realised as f64)),
                    ("planned", s.fmt.rupiah(planned as f64)),
                    ("period", c.period.label()),
                ],
            ),
            rows: lines,
        }))));
    }

    let expense: Vec<&(String, String)> =
        categories.iter().filter(|(k, _)| k == "expense").collect();
    let planned: Vec<Option<f64>> = expense
        .iter()
        .map(|(_, cat)| Some(amounts("expense", Some(cat), false).0 as f64))
        .collect();
    let realised: Vec<Option<f64>> = expense
        .iter()
        .map(|(_, cat)| Some(amounts("expense", Some(cat), false).1 as f64))
        .collect();
    let total = amounts("expense", None, false);
    blocks.push(Block::Chart(Chart::pending(Plot::Bars(Bars {
        id: "chart-planned-realised".into(),
        title: s.ta("chart-planned-realised", &[("period", c.period.label())]),
        summary: s.ta(
            "chart-planned-realised-summary",
            &[
                ("planned", s.fmt.rupiah(total.0 as f64)),
                ("realised", s.fmt.rupiah(total.1 as f64)),
                (
                    "absorption",
                    s.value(c.look.site(Id::BudgetAbsorption, &c.period, ALL)),
                ),
            ],
        ),
        categories: expense
            .iter()
            .map(|(k, cat)| {
                c.site
                    .config
                    .program(cat)
                    .map(|p| p.code.clone())
                    .unwrap_or_else(|| category_label(c, k, cat))
            })
            .collect(),
        series: vec![
            (s.t("col-planned"), planned),
            (s.t("col-realised"), realised),
        ],
        target: None,
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah"),
    }))));

    let budget_quarters: Vec<Period> = c
        .quarters
        .iter()
        .filter(|p| c.look.site(Id::BudgetAbsorption, p, ALL).is_some())
        .cloned()
        .collect();
    if budget_quarters.len() > 1 {
        let series = |id: Id| Series {
            name: s.t(&format!("ind-{id}")),
            values: budget_quarters
                .iter()
                .map(|p| c.look.site(id, p, ALL).and_then(|r| r.value.get()))
                .collect(),
            intervals: Vec::new(),
        };
        let series = [series(Id::BudgetAbsorption), series(Id::RevenueRealisation)];
        let target = c.target(Id::BudgetAbsorption);
        let range = zoomed(
            series
                .iter()
                .flat_map(|x| x.values.iter().flatten().copied())
                .chain(target),
        );
        blocks.push(Block::Chart(Chart::pending(Plot::Trend(Trend {
            id: "chart-absorption-trend".into(),
            title: s.t("chart-absorption-trend"),
            summary: s.ta(
                "chart-absorption-trend-summary",
                &[
                    ("first", budget_quarters[0].label()),
                    ("last", c.period.label()),
                    (
                        "value",
                        s.value(c.look.site(Id::BudgetAbsorption, &c.period, ALL)),
                    ),
                    ("from", s.fmt.percent(range.map_or(0.0, |r| r.0))),
                ],
            ),
            periods: budget_quarters.iter().map(Period::label).collect(),
            series: series.into(),
            target: target.map(|t| (s.t("target"), t)),
            axis: Axis::Percent,
            axis_label: s.t("axis-percent"),
            range,
        }))));
    }
    Some(Section {
        id: "budget".into(),
        title: s.t("sec-budget"),
        intro: vec![s.t("intro-budget")],
        blocks,
    })
}

/// One line of a realisation chart: realised against planned, in words.
fn realisation_line(c: &Ctx, name: String, planned: i64, realised: i64) -> Line {
    let s = &c.say;
    let share = (planned > 0).then(|| realised as f64 / planned as f64);
    Line {
        name,
        share,
        amounts: s.ta(
            "realised-of-planned",
            &[
                (
                    "share",
                    share
                        .map(|v| s.fmt.percent(v))
                        .unwrap_or_else(|| NONE.into()),
                ),
                ("realised", s.fmt.rupiah(realised as f64)),
                ("planned", s.fmt.rupiah(planned as f64)),
            ],
        ),
    }
}

/// Cost per household reached, per program, in the quarter and year to date.
pub(crate) fn cost_section(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    let q = quarter(c)?;
    c.look.site(Id::CostPerBeneficiary, &c.period, ALL)?;
    let ytd = Period::YearToDate(q);
    let head = vec![
        s.t("col-program"),
        s.t("col-cost-quarter"),
        s.t("col-cost-ytd"),
    ];
    let rows = program_rows(
        c,
        &[
            (Id::CostPerBeneficiary, &c.period),
            (Id::CostPerBeneficiary, &ytd),
        ],
        "all-programs",
    );
    let mut blocks = vec![Block::Table(table(
        s.ta("cap-cost", &[("period", c.period.label())]),
        head,
        1,
        rows,
        Some(s.t("note-cost")),
    ))];
    if c.look
        .site(Id::LocalSourcingShare, &c.period, ALL)
        .is_some()
    {
        let head = vec![
            s.t("col-program"),
            s.t("ind-local_sourcing_share"),
            s.t("ind-eco_packaging_share"),
        ];
        let rows = program_rows(
            c,
            &[
                (Id::LocalSourcingShare, &c.period),
                (Id::EcoPackagingShare, &c.period),
            ],
            "all-goods",
        );
        blocks.push(Block::Table(table(
            s.ta("cap-sourcing", &[("period", c.period.label())]),
            head,
            1,
            rows,
            None,
        )));
    }
    Some(Section {
        id: "cost".into(),
        title: s.t("sec-cost"),
        intro: vec![s.t("intro-cost")],
        blocks,
    })
}

/// A row per program that has the first (id, period), a cell per
/// (id, period) with its basis, and a total row for `all`.
fn program_rows(c: &Ctx, cells: &[(Id, &Period)], total: &str) -> Vec<Vec<Cell>> {
    let s = &c.say;
    let (first, period) = cells[0];
    let mut rows: Vec<Vec<Cell>> = c
        .site
        .config
        .programs
        .iter()
        .filter(|p| c.look.site(first, period, &p.code).is_some())
        .map(|p| {
            let mut row = vec![Cell::with_sub(p.code.clone(), p.name.clone())];
            row.extend(
                cells
                    .iter()
                    .map(|(id, period)| s.cell(c.look.site(*id, period, &p.code))),
            );
            row
        })
        .collect();
    let mut all = vec![Cell::text(s.t(total)).class("total")];
    all.extend(
        cells
            .iter()
            .map(|(id, period)| s.cell(c.look.site(*id, period, ALL)).class("total")),
    );
    rows.push(all);
    rows
}
