//! Coverage and targeting: per program, per group (RW, head gender, welfare
//! decile), incidence and overlap between programs.

use crate::charts::bars::Bars;
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::{Id, Row, AID, ALL, TARGETING};

use super::super::common::{lowest_groups, program_rows_of_groups, table};
use super::super::context::Ctx;
use super::super::labels::{group_label, program_label};
use super::super::page::{Block, Cell, DataTable, Section};
use super::super::summary::headline_key;
use super::summary_list;

pub(super) fn coverage(c: &Ctx) -> Section {
    let s = &c.say;
    let p = &c.period;
    let mut codes = c.program_codes();
    if headline_key(c) == AID {
        codes.push(AID);
    }
    codes.push(ALL);
    let mut ids = TARGETING.to_vec();
    ids.push(Id::Cgh);
    let mut head = vec![s.t("col-program"), s.t("col-eligible"), s.t("col-reached")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let rows = codes
        .iter()
        .map(|code| {
            let eligible = c
                .look
                .site(Id::Coverage, p, code)
                .and_then(|r| r.denominator.get());
            let reached = c
                .look
                .site(Id::InclusionError, p, code)
                .and_then(|r| r.denominator.get());
            let mut row = vec![
                Cell::text(program_label(c, code)),
                s.count_cell(eligible),
                s.count_cell(reached),
            ];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(*id, p, code))));
            if *code == ALL || *code == AID {
                row.iter_mut().for_each(|cell| cell.class = "total");
            }
            row
        })
        .collect();
    let per_program = table(
        s.ta("cap-coverage-programs", &[("period", c.period.label())]),
        head,
        1,
        rows,
        Some(s.t("note-numerator-denominator")),
    );

    let target = c.target(Id::Coverage).map(|t| (s.t("target"), t));
    let bars = Plot::Bars(Bars {
        id: "chart-coverage".into(),
        title: s.ta("chart-coverage-title", &[("period", c.period.label())]),
        summary: summary_list(
            c,
            codes
                .iter()
                .map(|code| (program_label(c, code), c.look.site(Id::Coverage, p, code))),
        ),
        categories: codes.iter().map(|code| program_label(c, code)).collect(),
        series: vec![(
            s.t("ind-coverage"),
            codes
                .iter()
                .map(|code| {
                    c.look
                        .site(Id::Coverage, p, code)
                        .and_then(|r| r.value.get())
                })
                .collect(),
        )],
        target: target.clone(),
        axis: Axis::Percent,
        axis_label: s.t("axis-share-eligible"),
    });
    let trend = Plot::Trend(Trend {
        id: "chart-coverage-trend".into(),
        title: s.t("chart-coverage-trend-title"),
        summary: c.trend_summary(),
        periods: c.quarter_labels(),
        series: codes
            .iter()
            .map(|code| Series {
                name: program_label(c, code),
                values: c.series(Id::Coverage, code),
                intervals: Vec::new(),
            })
            .collect(),
        target,
        axis: Axis::Percent,
        axis_label: s.t("ind-coverage"),
        range: None,
    });

    let deciles: Vec<String> = (1..=10).map(|d| d.to_string()).collect();
    let incidence = |id: Id| -> Vec<Option<f64>> {
        deciles
            .iter()
            .map(|d| {
                c.look
                    .get(id, p, ALL, "welfare_decile", d)
                    .and_then(|r| r.value.get())
            })
            .collect()
    };
    let cgh = c.now(Id::Cgh);
    let incidence_chart = Plot::Bars(Bars {
        id: "chart-incidence".into(),
        title: s.ta("chart-incidence-title", &[("period", c.period.label())]),
        summary: s.ta("chart-incidence-summary", &[("cgh", s.value(cgh))]),
        categories: deciles
            .iter()
            .map(|d| s.ta("decile-n", &[("n", d.clone())]))
            .collect(),
        series: vec![
            (
                s.t("ind-beneficiary_incidence"),
                incidence(Id::BeneficiaryIncidence),
            ),
            (
                s.t("ind-benefit_incidence"),
                incidence(Id::BenefitIncidence),
            ),
        ],
        target: Some((s.t("equal-share"), 0.1)),
        axis: Axis::Percent,
        axis_label: s.t("axis-share-of-total"),
    });

    let mut blocks = vec![
        Block::Table(per_program),
        Block::Chart(Chart::pending(bars)),
        Block::Chart(Chart::pending(trend)),
        Block::Chart(Chart::pending(incidence_chart)),
        Block::Table(groups_table(c, "head_gender")),
        Block::Table(groups_table(c, "welfare_decile")),
        Block::Table(groups_table(c, "rw")),
    ];
    blocks.push(Block::Table(overlap(c)));
    Section {
        id: "coverage".into(),
        title: s.t("sec-coverage"),
        intro: vec![s.t("intro-coverage")],
        blocks,
    }
}

/// Coverage, errors, adequacy and regularity of all programs by one disaggregation.
fn groups_table(c: &Ctx, group_by: &str) -> DataTable {
    let s = &c.say;
    let p = &c.period;
    let key = headline_key(c);
    // Groups without eligible households have no coverage or errors: they
    // are named in the note instead of filling rows with dashes.
    let (groups, empty): (Vec<&Row>, Vec<&Row>) = c
        .look
        .groups(Id::Coverage, p, key, group_by)
        .into_iter()
        .partition(|g| g.denominator.get().is_some_and(|d| d > 0.0));
    let (groups, shortened) = lowest_groups(c, groups, &s.t(&format!("groups-{group_by}")));
    let (head, rows) = program_rows_of_groups(c, &groups, &TARGETING, p, key, group_by, false);
    let empty: Vec<String> = empty
        .iter()
        .map(|g| group_label(c, group_by, &g.group))
        .collect();
    let mut notes: Vec<String> = shortened.into_iter().collect();
    if !empty.is_empty() {
        notes.push(s.ta("note-no-eligible", &[("groups", empty.join(", "))]));
    }
    let note = (!notes.is_empty()).then(|| notes.join(" "));
    table(
        s.ta(
            "cap-coverage-by",
            &[
                ("programs", program_label(c, key)),
                ("by", s.in_sentence(&format!("by-{group_by}"))),
                ("period", c.period.label()),
            ],
        ),
        head,
        1,
        rows,
        note,
    )
}

fn overlap(c: &Ctx) -> DataTable {
    let s = &c.say;
    let p = &c.period;
    let codes = c.program_codes();
    let mut head = vec![s.t("col-program")];
    head.extend(codes.iter().map(|c| c.to_string()));
    let rows = codes
        .iter()
        .map(|a| {
            let mut row = vec![Cell::text(*a)];
            row.extend(codes.iter().map(|b| {
                let v = c
                    .look
                    .get(Id::OverlapHouseholds, p, a, "program", b)
                    .and_then(|r| r.numerator.get());
                let cell = s.count_cell(v);
                if a == b {
                    cell.class("diagonal")
                } else {
                    cell
                }
            }));
            row
        })
        .collect();
    let total = c.now(Id::OverlapHouseholds).and_then(|r| r.numerator.get());
    table(
        s.ta("cap-overlap", &[("period", c.period.label())]),
        head,
        1,
        rows,
        Some(s.ta(
            "note-overlap",
            &[(
                "n",
                total.map(|v| s.fmt.count(v)).unwrap_or_else(|| "0".into()),
            )],
        )),
    )
}
