//! Equity between RTs: aid per eligible household and aid against need per
//! RT, the allocation Gini and Theil decomposition, Lorenz and
//! concentration curves.

use crate::charts::bars::Bars;
use crate::charts::curves::{lorenz, Curves};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::{Id, Row, ALL};

use super::super::common::table;
use super::super::context::Ctx;
use super::super::page::{Block, Cell, Section};

pub(super) fn equity(c: &Ctx) -> Section {
    let s = &c.say;
    let p = &c.period;
    let figures = [
        Id::RtAllocationGini,
        Id::AidTheil,
        Id::AidTheilBetweenRt,
        Id::AidTheilWithinRt,
        Id::AidConcentrationIndex,
    ]
    .iter()
    .map(|id| {
        s.figure(
            &format!("ind-{id}"),
            c.now(*id),
            c.before(*id),
            c.target(*id),
        )
    })
    .collect();
    let rts = c.look.groups(Id::RtValuePerEligible, p, ALL, "rt");
    let head = vec![
        s.t("by-rt"),
        s.t("col-eligible"),
        s.t("col-reached"),
        s.t("ind-coverage"),
        s.t("col-value"),
        s.t("ind-rt_value_per_eligible"),
        s.t("ind-rt_aid_to_need_ratio"),
        s.t("col-theil-inside"),
    ];
    let rows = rts
        .iter()
        .map(|r| {
            let g = r.group.as_str();
            let cov = c.look.get(Id::Coverage, p, ALL, "rt", g);
            vec![
                Cell::text(g),
                s.count_cell(r.denominator),
                s.count_cell(cov.and_then(|x| x.numerator)),
                s.cell(cov),
                Cell::text(
                    r.numerator
                        .map(|v| s.fmt.rupiah(v))
                        .unwrap_or_else(|| crate::fmt::NONE.into()),
                ),
                Cell::text(s.value(Some(r))),
                Cell::text(s.value(c.look.get(Id::RtAidToNeedRatio, p, ALL, "rt", g))),
                Cell::text(s.value(c.look.get(Id::AidTheil, p, ALL, "rt", g))),
            ]
        })
        .collect();
    let groups: Vec<(f64, f64)> = rts
        .iter()
        .filter_map(|r| Some((r.denominator?, r.numerator?)))
        .collect();
    let mut series = Vec::new();
    if let Some(points) = lorenz(&groups) {
        series.push((s.t("curve-lorenz-rt"), points));
    }
    if let Some(curve) = c.ind.shapes.curves.iter().find(|k| k.period == c.period) {
        series.push((s.t("curve-concentration"), curve.points.clone()));
    }
    let mut blocks = vec![Block::Figures { items: figures }];
    blocks.push(Block::Table(table(
        s.ta("cap-rt", &[("period", c.period.label())]),
        head,
        1,
        rows,
        Some(s.t("note-rt")),
    )));
    if !series.is_empty() {
        blocks.push(Block::Chart(Chart::pending(Plot::Curves(Curves {
            id: "chart-lorenz".into(),
            title: s.ta("chart-lorenz-title", &[("period", c.period.label())]),
            summary: s.ta(
                "chart-lorenz-summary",
                &[
                    ("gini", s.value(c.now(Id::RtAllocationGini))),
                    ("ci", s.value(c.now(Id::AidConcentrationIndex))),
                ],
            ),
            series,
            equality: s.t("curve-equality"),
            x_label: s.t("axis-cum-households"),
            y_label: s.t("axis-cum-value"),
        }))));
    }
    let rt_cov = c.look.groups(Id::Coverage, p, ALL, "rt");
    blocks.push(Block::Chart(Chart::pending(Plot::Bars(Bars {
        id: "chart-rt-coverage".into(),
        title: s.ta("chart-rt-coverage-title", &[("period", c.period.label())]),
        summary: rt_summary(c, &rt_cov),
        categories: rt_cov.iter().map(|r| r.group.clone()).collect(),
        series: vec![(
            s.t("ind-coverage"),
            rt_cov.iter().map(|r| r.value).collect(),
        )],
        target: c.target(Id::Coverage).map(|t| (s.t("target"), t)),
        axis: Axis::Percent,
        axis_label: s.t("axis-share-eligible"),
    }))));
    Section {
        id: "equity".into(),
        title: s.t("sec-equity"),
        intro: vec![s.t("intro-equity")],
        blocks,
    }
}

/// `RW 01 / RT 002 (lowest, 61,0%) … RW 04 / RT 001 (highest, 97,2%); n below target`.
fn rt_summary(c: &Ctx, rows: &[&Row]) -> String {
    let s = &c.say;
    let valued: Vec<&&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let low = valued
        .iter()
        .min_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    let high = valued
        .iter()
        .max_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    let below = c
        .target(Id::Coverage)
        .map(|t| valued.iter().filter(|r| r.value.unwrap_or(0.0) < t).count())
        .unwrap_or(0);
    match (low, high) {
        (Some(l), Some(h)) => s.ta(
            "chart-rt-coverage-summary",
            &[
                ("n", s.fmt.count(valued.len() as f64)),
                ("low", l.group.clone()),
                ("lowvalue", s.value(Some(l))),
                ("high", h.group.clone()),
                ("highvalue", s.value(Some(h))),
                ("below", s.fmt.count(below as f64)),
            ],
        ),
        _ => s.t("chart-no-data"),
    }
}
