//! Equity between RTs: aid per eligible household and aid against need per
//! RT, the allocation Gini and Theil decomposition, Lorenz and
//! concentration curves.

use std::collections::{BTreeMap, BTreeSet};

use crate::charts::curves::{lorenz, Curves};
use crate::charts::tiles::Tiles;
use crate::charts::{Chart, Plot};
use crate::indicators::{rt_of_label, rw_label, Id, Row, ALL};

use super::super::common::{lowest, table};
use super::super::context::Ctx;
use super::super::page::{Block, Cell, Section};
use super::super::summary::headline_key;

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
    let groups: Vec<(f64, f64)> = rts
        .iter()
        .filter_map(|r| Some((r.denominator.get()?, r.numerator.get()?)))
        .collect();
    let mut series = Vec::new();
    if let Some(points) = lorenz(&groups) {
        series.push((s.t("curve-lorenz-rt"), points));
    }
    if let Some(curve) = c.ind.shapes.curves.iter().find(|k| k.period == c.period) {
        series.push((s.t("curve-concentration"), curve.points.clone()));
    }
    let mut blocks = vec![Block::Figures { items: figures }];
    let rt_cov = c.look.groups(Id::Coverage, p, headline_key(c), "rt");
    blocks.push(Block::Chart(Chart::pending(Plot::Tiles(rt_tiles(
        c, &rt_cov,
    )))));
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
    Section {
        id: "equity".into(),
        title: s.t("sec-equity"),
        intro: vec![s.t("intro-equity")],
        blocks,
    }
}

/// Coverage per RT as tiles: a row per RW, a column per RT number, RTs
/// below the coverage target framed.
fn rt_tiles(c: &Ctx, rt_cov: &[&Row]) -> Tiles {
    let s = &c.say;
    let places: Vec<((i64, i64), Option<f64>)> = rt_cov
        .iter()
        .filter_map(|r| Some((rt_of_label(&r.group)?, r.value.get())))
        .collect();
    let rws: BTreeSet<i64> = places.iter().map(|p| p.0 .0).collect();
    let rts: BTreeSet<i64> = places.iter().map(|p| p.0 .1).collect();
    let (rws, rts): (Vec<i64>, Vec<i64>) = (rws.into_iter().collect(), rts.into_iter().collect());
    let at = |list: &[i64], x: i64| list.iter().position(|&y| y == x).unwrap_or(0);
    let lowest = lowest_rts(rt_cov);
    let framed = lowest
        .iter()
        .filter_map(|r| rt_of_label(&r.group))
        .map(|(rw, rt)| (at(&rws, rw), at(&rts, rt)))
        .collect();
    Tiles {
        id: "chart-rt-coverage".into(),
        title: s.ta("chart-rt-coverage-title", &[("period", c.period.label())]),
        summary: rt_summary(c, rt_cov),
        rows: rws.iter().map(|rw| rw_label(*rw)).collect(),
        columns: rts.iter().map(|rt| rt.to_string()).collect(),
        tiles: places
            .iter()
            .map(|&((rw, rt), v)| (at(&rws, rw), at(&rts, rt), v))
            .collect(),
        column_word: "RT".into(),
        scale_label: s.t("scale-coverage-percent"),
        framed: (
            s.ta("tiles-lowest", &[("n", s.fmt.count(lowest.len() as f64))]),
            framed,
        ),
    }
}

/// The RTs a reader should look at first: the lowest five by value (or
/// fewer in a smaller village, one in twenty RTs but at least three), ties
/// broken by label.
fn lowest_rts<'r>(rows: &[&'r Row]) -> Vec<&'r Row> {
    let n = (rows.len() / 20).clamp(3, 5);
    lowest(rows.to_vec(), n)
}

/// The appendix lists every RT of a village with at most this many; a
/// larger one gets the [`SHORT_APPENDIX_RTS`] with the lowest coverage, so
/// the printed report keeps its length (every RT is in the CSV file).
const MAX_APPENDIX_RTS: usize = 120;
const SHORT_APPENDIX_RTS: usize = 40;

/// The appendix: every RT's figures, one small table per RW, so the
/// table stays short enough to read on a phone and compact on paper.
pub(super) fn rt_appendix(c: &Ctx) -> Section {
    let s = &c.say;
    let p = &c.period;
    let rts = c.look.groups(Id::RtValuePerEligible, p, ALL, "rt");
    let total = rts.len();
    let row = |r: &Row, label: String| {
        let g = r.group.as_str();
        let cov = c.look.get(Id::Coverage, p, headline_key(c), "rt", g);
        let (reached, eligible) = (
            cov.and_then(|x| x.numerator.get()),
            cov.and_then(|x| x.denominator.get()),
        );
        vec![
            Cell::text(label).class("nowrap"),
            Cell::text(format!("{} / {}", s.count(reached), s.count(eligible))),
            Cell::text(s.value(cov)),
            Cell::text(s.value(Some(r))),
            Cell::text(s.value(c.look.get(Id::RtAidToNeedRatio, p, ALL, "rt", g))),
        ]
    };
    let head = |first: String| {
        vec![
            first,
            s.t("col-reached-of-eligible"),
            s.t("ind-coverage"),
            s.t("col-rt-value"),
            s.t("col-rt-ratio"),
        ]
    };
    let mut intro = vec![s.t("intro-appendix-rt")];
    let mut blocks: Vec<Block> = Vec::new();
    if total > MAX_APPENDIX_RTS {
        // One table of the RTs with the lowest coverage, lowest first.
        let lowest = lowest(
            c.look.groups(Id::Coverage, p, headline_key(c), "rt"),
            SHORT_APPENDIX_RTS,
        );
        intro.push(s.ta(
            "note-appendix-lowest",
            &[
                ("shown", s.fmt.count(lowest.len() as f64)),
                ("total", s.fmt.count(total as f64)),
            ],
        ));
        let rows: Vec<Vec<Cell>> = lowest
            .iter()
            .filter_map(|cov| rts.iter().find(|r| r.group == cov.group))
            .map(|r| row(r, r.group.to_string()))
            .collect();
        // Two halves, side by side on paper.
        let half = rows.len().div_ceil(2).max(1);
        let mut first = 1;
        for part in rows.chunks(half) {
            let last = first + part.len() - 1;
            blocks.push(Block::Table(table(
                s.ta(
                    "cap-rt-lowest",
                    &[
                        ("from", s.fmt.count(first as f64)),
                        ("to", s.fmt.count(last as f64)),
                    ],
                ),
                head(s.t("by-rt")),
                1,
                part.to_vec(),
                None,
            )));
            first = last + 1;
        }
    } else {
        // A small table per RW, in place order.
        let mut by_rw: BTreeMap<i64, Vec<Vec<Cell>>> = BTreeMap::new();
        for r in &rts {
            if let Some((rw, rt)) = rt_of_label(&r.group) {
                by_rw
                    .entry(rw)
                    .or_default()
                    .push(row(r, format!("RT {rt:03}")));
            }
        }
        blocks.extend(
            by_rw.into_iter().map(|(rw, rows)| {
                Block::Table(table(rw_label(rw), head("RT".into()), 1, rows, None))
            }),
        );
    }
    blocks.push(Block::Note {
        text: s.t("note-rt"),
    });
    Section {
        id: "appendix-rt".into(),
        title: s.ta("cap-rt", &[("period", c.period.label())]),
        intro,
        blocks,
    }
}

/// The RT chart's caption: how many RTs, the lowest ones by name, the
/// highest, and how many are below the coverage target.
fn rt_summary(c: &Ctx, rows: &[&Row]) -> String {
    let s = &c.say;
    let valued: Vec<&&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let high = valued.iter().max_by(|a, b| {
        a.value
            .get()
            .unwrap_or(0.0)
            .total_cmp(&b.value.get().unwrap_or(0.0))
    });
    let lowest: Vec<String> = lowest_rts(rows)
        .iter()
        .map(|r| format!("{} ({})", r.group, s.value(Some(r))))
        .collect();
    let below = c.target(Id::Coverage).map(|t| {
        valued
            .iter()
            .filter(|r| r.value.get().unwrap_or(0.0) < t)
            .count()
    });
    let Some(h) = high else {
        return s.t("chart-no-data");
    };
    let mut text = s.ta(
        "chart-rt-coverage-summary",
        &[
            ("n", s.fmt.count(valued.len() as f64)),
            ("lowest", lowest.join(", ")),
            ("high", h.group.to_string()),
            ("highvalue", s.value(Some(h))),
        ],
    );
    if let (Some(below), Some(t)) = (below, c.target(Id::Coverage)) {
        text.push(' ');
        text.push_str(&s.ta(
            "chart-rt-below-target",
            &[
                ("below", s.fmt.count(below as f64)),
                ("target", s.fmt.percent(t)),
            ],
        ));
    }
    text
}
