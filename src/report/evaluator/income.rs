//! Income change and the impact estimates per survey round, by group, and
//! poverty and school enrolment from the baseline on.

use crate::charts::boxes::Boxes;
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::{Id, Period, ALL};

use super::super::common::{did_chart, table};
use super::super::context::Ctx;
use super::super::labels::group_label;
use super::super::page::{Block, Cell, DataTable, Section};

pub(super) fn income(c: &Ctx) -> Section {
    let s = &c.say;
    // Without training records there is no one to compare: income change
    // only, without the training's impact.
    let trained = !c.lacks(crate::contract::Table::Trainings);
    let ids = [
        Id::IncomeChangeMean,
        Id::IncomeChangeMedian,
        Id::IncomeImprovedShare,
    ];
    let mut head = vec![s.t("col-round"), s.t("col-panel")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    if trained {
        head.push(s.t("ind-income_impact_simple_diff"));
        head.push(s.t("ind-income_impact_did"));
    }
    let rows: Vec<Vec<Cell>> = c
        .rounds
        .iter()
        .map(|r| {
            let mean = c.look.site(Id::IncomeChangeMean, r, ALL);
            let mut row = vec![
                Cell::text(r.label()),
                s.count_cell(mean.and_then(|m| m.denominator.get())),
            ];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(*id, r, ALL))));
            if trained {
                row.push(s.ci_cell(c.look.site(Id::IncomeImpactSimpleDiff, r, ALL)));
                row.push(s.ci_cell(c.look.site(Id::IncomeImpactDid, r, ALL)));
            }
            row
        })
        .collect();
    let mut blocks = Vec::new();
    let followed = !rows.is_empty();
    if rows.is_empty() {
        blocks.push(Block::Note {
            text: s.t("note-no-follow-up"),
        });
    } else {
        blocks.push(Block::Table(table(
            s.t("cap-income-rounds"),
            head,
            1,
            rows,
            Some(s.t(if trained {
                "note-income-panel"
            } else {
                "note-income-panel-plain"
            })),
        )));
    }
    let round = c.round.clone().or_else(|| c.rounds.last().cloned());
    if followed && trained {
        let groups = ["trained", "untrained"];
        blocks.push(Block::Chart(Chart::pending(Plot::Trend(Trend {
            id: "chart-income-trend".into(),
            title: s.t("chart-income-trend-title"),
            summary: s.t("chart-income-trend-summary"),
            periods: c.round_labels(),
            series: groups
                .iter()
                .map(|g| Series {
                    name: group_label(c, "trained", g),
                    values: c.round_series(Id::IncomeChangeMean, "trained", g),
                    intervals: Vec::new(),
                })
                .collect(),
            target: None,
            axis: Axis::Rupiah,
            axis_label: s.t("axis-rupiah-month"),
            range: None,
        }))));
        blocks.push(Block::Chart(did_chart(
            c,
            "chart-did".into(),
            s.t("chart-did-title"),
            None,
        )));
        let spreads: Vec<(String, [f64; 5])> = c
            .ind
            .shapes
            .spreads
            .iter()
            .filter(|sp| Some(&sp.period) == round.as_ref())
            .map(|sp| {
                (
                    format!(
                        "{} (n = {})",
                        group_label(c, "trained", sp.group),
                        s.fmt.count(sp.n as f64)
                    ),
                    sp.quantiles,
                )
            })
            .collect();
        if !spreads.is_empty() {
            blocks.push(Block::Chart(Chart::pending(Plot::Boxes(Boxes {
                id: "chart-income-spread".into(),
                title: s.ta(
                    "chart-spread-title",
                    &[(
                        "round",
                        round.as_ref().map(Period::label).unwrap_or_default(),
                    )],
                ),
                summary: s.t("chart-spread-summary"),
                groups: spreads,
                axis: Axis::Rupiah,
                axis_label: s.t("axis-rupiah-month"),
            }))));
        }
    }
    if followed {
        if let Some(r) = &round {
            let by: &[&str] = if trained {
                &["trained", "head_gender"]
            } else {
                &["head_gender"]
            };
            for by in by {
                blocks.push(Block::Table(income_by(c, r, by)));
            }
        }
    }
    Section {
        id: "income".into(),
        title: s.t("sec-income"),
        intro: vec![s.t(if trained {
            "intro-income"
        } else {
            "intro-income-plain"
        })],
        blocks,
    }
}

fn income_by(c: &Ctx, round: &Period, group_by: &str) -> DataTable {
    let s = &c.say;
    let ids = [
        Id::IncomeChangeMean,
        Id::IncomeChangeMedian,
        Id::IncomeImprovedShare,
    ];
    let mut head = vec![s.t(&format!("by-{group_by}")), s.t("col-panel")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let rows = c
        .look
        .groups(Id::IncomeChangeMean, round, ALL, group_by)
        .into_iter()
        .map(|g| {
            let mut row = vec![
                Cell::text(group_label(c, group_by, &g.group)),
                s.count_cell(g.denominator.get()),
            ];
            row.extend(
                ids.iter()
                    .map(|id| s.cell(c.look.get(*id, round, ALL, group_by, &g.group))),
            );
            row
        })
        .collect();
    table(
        s.ta(
            "cap-income-by",
            &[
                ("by", s.in_sentence(&format!("by-{group_by}"))),
                ("round", round.label()),
            ],
        ),
        head,
        1,
        rows,
        None,
    )
}

pub(super) fn poverty(c: &Ctx) -> Section {
    let s = &c.say;
    let mut periods = vec![Period::Baseline];
    periods.extend(c.rounds.iter().cloned());
    let ids = [
        Id::PovertyHeadcount,
        Id::PovertyGap,
        Id::SchoolEnrolmentRate,
    ];
    let mut head = vec![s.t("col-round")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let rows = periods
        .iter()
        .filter(|r| c.look.site(Id::PovertyHeadcount, r, ALL).is_some())
        .map(|r| {
            let mut row = vec![Cell::text(round_label(c, r))];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(*id, r, ALL))));
            row
        })
        .collect();
    let shown: Vec<Period> = periods
        .iter()
        .filter(|r| c.look.site(Id::PovertyHeadcount, r, ALL).is_some())
        .cloned()
        .collect();
    let values = |id: Id| -> Vec<Option<f64>> {
        shown
            .iter()
            .map(|r| c.look.site(id, r, ALL).and_then(|x| x.value.get()))
            .collect()
    };
    let trend = Plot::Trend(Trend {
        id: "chart-poverty".into(),
        title: s.t("chart-poverty-title"),
        summary: s.ta(
            "chart-poverty-summary",
            &[("line", s.fmt.rupiah(c.site.config.site.poverty_line as f64))],
        ),
        periods: shown.iter().map(|r| round_label(c, r)).collect(),
        series: ids
            .iter()
            .map(|id| Series {
                name: s.t(&format!("ind-{id}")),
                values: values(*id),
                intervals: Vec::new(),
            })
            .collect(),
        target: c
            .target(Id::PovertyHeadcount)
            .map(|t| (s.t("target-poverty"), t)),
        axis: Axis::Percent,
        axis_label: s.t("axis-share"),
        range: None,
    });
    let mut blocks = vec![
        Block::Table(table(
            s.ta(
                "cap-poverty",
                &[("line", s.fmt.rupiah(c.site.config.site.poverty_line as f64))],
            ),
            head,
            1,
            rows,
            None,
        )),
        Block::Chart(Chart::pending(trend)),
    ];
    let round = c.round.clone().or_else(|| c.rounds.last().cloned());
    if let Some(r) = round {
        let mut head = vec![s.t("by-welfare_decile")];
        head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
        let rows = c
            .look
            .groups(Id::PovertyHeadcount, &r, ALL, "welfare_decile")
            .into_iter()
            .map(|g| {
                let mut row = vec![Cell::text(group_label(c, "welfare_decile", &g.group))];
                row.extend(
                    ids.iter()
                        .map(|id| s.cell(c.look.get(*id, &r, ALL, "welfare_decile", &g.group))),
                );
                row
            })
            .collect();
        blocks.push(Block::Table(table(
            s.ta("cap-poverty-decile", &[("round", r.label())]),
            head,
            1,
            rows,
            None,
        )));
    }
    Section {
        id: "poverty".into(),
        title: s.t("sec-poverty"),
        intro: vec![s.t("intro-poverty")],
        blocks,
    }
}

fn round_label(c: &Ctx, r: &Period) -> String {
    match r {
        Period::Baseline => c.say.t("round-baseline"),
        other => other.label(),
    }
}
