//! The evaluator's quarterly impact report: headline figures, coverage and
//! targeting, income change and impact, poverty, training, school
//! enrolment, equity between RTs and community feedback. Data quality and
//! the methodology appendix come from [`super::common`].

use crate::charts::bars::Bars;
use crate::charts::boxes::Boxes;
use crate::charts::curves::{lorenz, Curves};
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::{Row, ALL};

use super::common::{did_chart, feedback_section, groups_rows, table};
use super::context::Ctx;
use super::labels::{group_label, program_label};
use super::page::{Block, Cell, Figure, Section};

/// Headline figures of the period.
pub(crate) fn headlines(c: &Ctx) -> Vec<Figure> {
    let s = &c.say;
    let mut out = vec![
        s.figure(
            "ind-coverage",
            c.now("coverage"),
            c.before("coverage"),
            c.target("coverage"),
        ),
        s.figure(
            "ind-exclusion_error",
            c.now("exclusion_error"),
            c.before("exclusion_error"),
            c.target("exclusion_error"),
        ),
        s.figure(
            "ind-inclusion_error",
            c.now("inclusion_error"),
            c.before("inclusion_error"),
            c.target("inclusion_error"),
        ),
    ];
    if let Some(round) = &c.round {
        let at = |id: &str, r: &str| c.look.site(id, r, ALL);
        let prev = c.prev_round.as_deref();
        out.push(s.figure(
            "ind-income_change_mean",
            at("income_change_mean", round),
            prev.and_then(|p| at("income_change_mean", p)),
            c.target("income_change_mean"),
        ));
        out.push(s.figure(
            "ind-income_impact_did",
            at("income_impact_did", round),
            None,
            c.target("income_impact_did"),
        ));
        out.push(s.figure(
            "ind-poverty_headcount",
            at("poverty_headcount", round),
            at("poverty_headcount", crate::indicators::BASELINE),
            c.target("poverty_headcount"),
        ));
    }
    let training = c
        .now("training_completion_rate")
        .or_else(|| c.look.site("training_completion_rate", ALL, ALL));
    if training.is_some() {
        out.push(s.figure(
            "ind-training_completion_rate",
            training,
            c.before("training_completion_rate"),
            c.target("training_completion_rate"),
        ));
    }
    if c.now("feedback_resolution_rate").is_some() {
        out.push(s.figure(
            "ind-feedback_resolution_rate",
            c.now("feedback_resolution_rate"),
            c.before("feedback_resolution_rate"),
            c.target("feedback_resolution_rate"),
        ));
    }
    out
}

/// Every section of the evaluator report except data quality and methodology.
pub(crate) fn sections(c: &Ctx) -> Vec<Section> {
    let mut out = vec![coverage(c), income(c), poverty(c)];
    if let Some(t) = training(c) {
        out.push(t);
    }
    out.push(equity(c));
    if let Some(f) = feedback_section(c) {
        out.push(f);
    }
    out
}

/// The targeting indicators shown per program and per group.
const TARGETING: [&str; 5] = [
    "coverage",
    "exclusion_error",
    "inclusion_error",
    "adequacy",
    "regularity",
];

fn coverage(c: &Ctx) -> Section {
    let s = &c.say;
    let p = c.period.as_str();
    let mut codes = c.program_codes();
    codes.push(ALL);
    let mut ids = TARGETING.to_vec();
    ids.push("cgh");
    let mut head = vec![s.t("col-program"), s.t("col-eligible"), s.t("col-reached")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let rows = codes
        .iter()
        .map(|code| {
            let eligible = c.look.site("coverage", p, code).and_then(|r| r.denominator);
            let reached = c
                .look
                .site("inclusion_error", p, code)
                .and_then(|r| r.denominator);
            let mut row = vec![
                Cell::text(program_label(c, code)),
                s.count_cell(eligible),
                s.count_cell(reached),
            ];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(id, p, code))));
            if *code == ALL {
                row.iter_mut().for_each(|cell| cell.class = "total");
            }
            row
        })
        .collect();
    let per_program = table(
        s.ta("cap-coverage-programs", &[("period", c.period.clone())]),
        head,
        1,
        rows,
        Some(s.t("note-numerator-denominator")),
    );

    let target = c.target("coverage").map(|t| (s.t("target"), t));
    let bars = Plot::Bars(Bars {
        id: "chart-coverage".into(),
        title: s.ta("chart-coverage-title", &[("period", c.period.clone())]),
        summary: summary_list(
            c,
            codes
                .iter()
                .map(|code| (program_label(c, code), c.look.site("coverage", p, code))),
        ),
        categories: codes.iter().map(|code| program_label(c, code)).collect(),
        series: vec![(
            s.t("ind-coverage"),
            codes
                .iter()
                .map(|code| c.look.site("coverage", p, code).and_then(|r| r.value))
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
        periods: c.quarters.clone(),
        series: codes
            .iter()
            .map(|code| Series {
                name: program_label(c, code),
                values: c.series("coverage", code),
                intervals: Vec::new(),
            })
            .collect(),
        target,
        axis: Axis::Percent,
        axis_label: s.t("ind-coverage"),
    });

    let deciles: Vec<String> = (1..=10).map(|d| d.to_string()).collect();
    let incidence = |id: &str| -> Vec<Option<f64>> {
        deciles
            .iter()
            .map(|d| {
                c.look
                    .get(id, p, ALL, "welfare_decile", d)
                    .and_then(|r| r.value)
            })
            .collect()
    };
    let cgh = c.now("cgh");
    let incidence_chart = Plot::Bars(Bars {
        id: "chart-incidence".into(),
        title: s.ta("chart-incidence-title", &[("period", c.period.clone())]),
        summary: s.ta("chart-incidence-summary", &[("cgh", s.value(cgh))]),
        categories: deciles
            .iter()
            .map(|d| s.ta("decile-n", &[("n", d.clone())]))
            .collect(),
        series: vec![
            (
                s.t("ind-beneficiary_incidence"),
                incidence("beneficiary_incidence"),
            ),
            (s.t("ind-benefit_incidence"), incidence("benefit_incidence")),
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
fn groups_table(c: &Ctx, group_by: &str) -> super::page::Table {
    let s = &c.say;
    let p = c.period.as_str();
    let (head, rows) = groups_rows(c, "coverage", &TARGETING, p, group_by, false);
    table(
        s.ta(
            "cap-coverage-by",
            &[
                ("by", s.t(&format!("by-{group_by}"))),
                ("period", c.period.clone()),
            ],
        ),
        head,
        1,
        rows,
        None,
    )
}

fn overlap(c: &Ctx) -> super::page::Table {
    let s = &c.say;
    let p = c.period.as_str();
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
                    .get("overlap_households", p, a, "program", b)
                    .and_then(|r| r.numerator);
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
    let total = c.now("overlap_households").and_then(|r| r.numerator);
    table(
        s.ta("cap-overlap", &[("period", c.period.clone())]),
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

fn income(c: &Ctx) -> Section {
    let s = &c.say;
    let ids = [
        "income_change_mean",
        "income_change_median",
        "income_improved_share",
    ];
    let mut head = vec![s.t("col-round"), s.t("col-panel")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    head.push(s.t("ind-income_impact_simple_diff"));
    head.push(s.t("ind-income_impact_did"));
    let rows: Vec<Vec<Cell>> = c
        .rounds
        .iter()
        .map(|r| {
            let mean = c.look.site("income_change_mean", r, ALL);
            let mut row = vec![
                Cell::text(r.clone()),
                s.count_cell(mean.and_then(|m| m.denominator)),
            ];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(id, r, ALL))));
            row.push(s.ci_cell(c.look.site("income_impact_simple_diff", r, ALL)));
            row.push(s.ci_cell(c.look.site("income_impact_did", r, ALL)));
            row
        })
        .collect();
    let mut blocks = Vec::new();
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
            Some(s.t("note-income-panel")),
        )));
        let groups = ["trained", "untrained"];
        blocks.push(Block::Chart(Chart::pending(Plot::Trend(Trend {
            id: "chart-income-trend".into(),
            title: s.t("chart-income-trend-title"),
            summary: s.t("chart-income-trend-summary"),
            periods: c.rounds.clone(),
            series: groups
                .iter()
                .map(|g| Series {
                    name: group_label(c, "trained", g),
                    values: c.round_series("income_change_mean", "trained", g),
                    intervals: Vec::new(),
                })
                .collect(),
            target: None,
            axis: Axis::Rupiah,
            axis_label: s.t("axis-rupiah-month"),
        }))));
        blocks.push(Block::Chart(did_chart(
            c,
            "chart-did".into(),
            s.t("chart-did-title"),
        )));
        let round = c.round.clone().or_else(|| c.rounds.last().cloned());
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
                    &[("round", round.clone().unwrap_or_default())],
                ),
                summary: s.t("chart-spread-summary"),
                groups: spreads,
                axis: Axis::Rupiah,
                axis_label: s.t("axis-rupiah-month"),
            }))));
        }
        if let Some(r) = &round {
            for by in ["trained", "head_gender"] {
                blocks.push(Block::Table(income_by(c, r, by)));
            }
        }
    }
    Section {
        id: "income".into(),
        title: s.t("sec-income"),
        intro: vec![s.t("intro-income")],
        blocks,
    }
}

fn income_by(c: &Ctx, round: &str, group_by: &str) -> super::page::Table {
    let s = &c.say;
    let ids = [
        "income_change_mean",
        "income_change_median",
        "income_improved_share",
    ];
    let mut head = vec![s.t(&format!("by-{group_by}")), s.t("col-panel")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let rows = c
        .look
        .groups("income_change_mean", round, ALL, group_by)
        .into_iter()
        .map(|g| {
            let mut row = vec![
                Cell::text(group_label(c, group_by, &g.group)),
                s.count_cell(g.denominator),
            ];
            row.extend(
                ids.iter()
                    .map(|id| s.cell(c.look.get(id, round, ALL, group_by, &g.group))),
            );
            row
        })
        .collect();
    table(
        s.ta(
            "cap-income-by",
            &[
                ("by", s.t(&format!("by-{group_by}"))),
                ("round", round.to_string()),
            ],
        ),
        head,
        1,
        rows,
        None,
    )
}

fn poverty(c: &Ctx) -> Section {
    let s = &c.say;
    let mut periods = vec![crate::indicators::BASELINE.to_string()];
    periods.extend(c.rounds.iter().cloned());
    let ids = ["poverty_headcount", "poverty_gap", "school_enrolment_rate"];
    let mut head = vec![s.t("col-round")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let rows = periods
        .iter()
        .filter(|r| c.look.site("poverty_headcount", r, ALL).is_some())
        .map(|r| {
            let mut row = vec![Cell::text(round_label(c, r))];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(id, r, ALL))));
            row
        })
        .collect();
    let shown: Vec<String> = periods
        .iter()
        .filter(|r| c.look.site("poverty_headcount", r, ALL).is_some())
        .cloned()
        .collect();
    let values = |id: &str| -> Vec<Option<f64>> {
        shown
            .iter()
            .map(|r| c.look.site(id, r, ALL).and_then(|x| x.value))
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
                values: values(id),
                intervals: Vec::new(),
            })
            .collect(),
        target: c
            .target("poverty_headcount")
            .map(|t| (s.t("target-poverty"), t)),
        axis: Axis::Percent,
        axis_label: s.t("axis-share"),
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
            .groups("poverty_headcount", &r, ALL, "welfare_decile")
            .into_iter()
            .map(|g| {
                let mut row = vec![Cell::text(group_label(c, "welfare_decile", &g.group))];
                row.extend(
                    ids.iter()
                        .map(|id| s.cell(c.look.get(id, &r, ALL, "welfare_decile", &g.group))),
                );
                row
            })
            .collect();
        blocks.push(Block::Table(table(
            s.ta("cap-poverty-decile", &[("round", r.clone())]),
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

fn round_label(c: &Ctx, r: &str) -> String {
    if r == crate::indicators::BASELINE {
        c.say.t("round-baseline")
    } else {
        r.to_string()
    }
}

fn training(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    c.look.site("training_enrolled", ALL, ALL)?;
    let ids = [
        "training_enrolled",
        "training_women_share",
        "training_attendance_rate",
        "training_completion_rate",
        "training_business_rate",
    ];
    let by_table = |period: &str, group_by: &str, caption: String| {
        let (head, rows) = groups_rows(c, "training_enrolled", &ids, period, group_by, true);
        table(caption, head, 1, rows, None)
    };
    let mut blocks = vec![Block::Table(by_table(
        ALL,
        "course",
        s.t("cap-training-course-all"),
    ))];
    if c.look.site("training_enrolled", &c.period, ALL).is_some() {
        blocks.push(Block::Table(by_table(
            &c.period,
            "course",
            s.ta("cap-training-course", &[("period", c.period.clone())]),
        )));
    }
    blocks.push(Block::Table(by_table(
        ALL,
        "participant_gender",
        s.t("cap-training-gender"),
    )));
    let courses = c
        .look
        .groups("training_completion_rate", ALL, ALL, "course");
    blocks.push(Block::Chart(Chart::pending(Plot::Bars(Bars {
        id: "chart-training".into(),
        title: s.t("chart-training-title"),
        summary: summary_list(c, courses.iter().map(|r| (r.group.clone(), Some(*r)))),
        categories: courses.iter().map(|r| r.group.clone()).collect(),
        series: vec![
            (
                s.t("ind-training_completion_rate"),
                courses.iter().map(|r| r.value).collect(),
            ),
            (
                s.t("ind-training_business_rate"),
                courses
                    .iter()
                    .map(|r| {
                        c.look
                            .get("training_business_rate", ALL, ALL, "course", &r.group)
                            .and_then(|x| x.value)
                    })
                    .collect(),
            ),
        ],
        target: c
            .target("training_completion_rate")
            .map(|t| (s.t("target-completion"), t)),
        axis: Axis::Percent,
        axis_label: s.t("axis-share"),
    }))));
    let mut head = vec![s.t("col-period")];
    head.push(s.t("ind-training_participation_rate"));
    let mut periods = c.quarters.clone();
    periods.push(ALL.to_string());
    let rows = periods
        .iter()
        .filter_map(|q| {
            let r = c.look.site("training_participation_rate", q, ALL)?;
            let label = if q == ALL {
                s.t("period-all")
            } else {
                q.clone()
            };
            Some(vec![Cell::text(label), s.cell(Some(r))])
        })
        .collect::<Vec<_>>();
    if !rows.is_empty() {
        blocks.push(Block::Table(table(
            s.t("cap-participation"),
            head,
            1,
            rows,
            None,
        )));
    }
    Some(Section {
        id: "training".into(),
        title: s.t("sec-training"),
        intro: vec![s.t("intro-training")],
        blocks,
    })
}

fn equity(c: &Ctx) -> Section {
    let s = &c.say;
    let p = c.period.as_str();
    let figures = [
        "rt_allocation_gini",
        "aid_theil",
        "aid_theil_between_rt",
        "aid_theil_within_rt",
        "aid_concentration_index",
    ]
    .iter()
    .map(|id| s.figure(&format!("ind-{id}"), c.now(id), c.before(id), c.target(id)))
    .collect();
    let rts = c.look.groups("rt_value_per_eligible", p, ALL, "rt");
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
            let cov = c.look.get("coverage", p, ALL, "rt", g);
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
                Cell::text(s.value(c.look.get("rt_aid_to_need_ratio", p, ALL, "rt", g))),
                Cell::text(s.value(c.look.get("aid_theil", p, ALL, "rt", g))),
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
        s.ta("cap-rt", &[("period", c.period.clone())]),
        head,
        1,
        rows,
        Some(s.t("note-rt")),
    )));
    if !series.is_empty() {
        blocks.push(Block::Chart(Chart::pending(Plot::Curves(Curves {
            id: "chart-lorenz".into(),
            title: s.ta("chart-lorenz-title", &[("period", c.period.clone())]),
            summary: s.ta(
                "chart-lorenz-summary",
                &[
                    ("gini", s.value(c.now("rt_allocation_gini"))),
                    ("ci", s.value(c.now("aid_concentration_index"))),
                ],
            ),
            series,
            equality: s.t("curve-equality"),
            x_label: s.t("axis-cum-households"),
            y_label: s.t("axis-cum-value"),
        }))));
    }
    let rt_cov = c.look.groups("coverage", p, ALL, "rt");
    blocks.push(Block::Chart(Chart::pending(Plot::Bars(Bars {
        id: "chart-rt-coverage".into(),
        title: s.ta("chart-rt-coverage-title", &[("period", c.period.clone())]),
        summary: rt_summary(c, &rt_cov),
        categories: rt_cov.iter().map(|r| r.group.clone()).collect(),
        series: vec![(
            s.t("ind-coverage"),
            rt_cov.iter().map(|r| r.value).collect(),
        )],
        target: c.target("coverage").map(|t| (s.t("target"), t)),
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
        .target("coverage")
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

/// A summary sentence listing each label with its value: `A 87,4%; B 12,0%`.
pub(crate) fn summary_list<'r>(
    c: &Ctx,
    items: impl Iterator<Item = (String, Option<&'r Row>)>,
) -> String {
    items
        .map(|(label, row)| format!("{label}: {}", c.say.value(row)))
        .collect::<Vec<_>>()
        .join("; ")
}
