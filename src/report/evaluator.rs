//! The evaluator's quarterly impact report: headline figures, coverage and
//! targeting, income change and impact, poverty, training, school
//! enrolment, equity between RTs and community feedback. Data quality and
//! the methodology appendix come from [`super::common`].

use crate::charts::bars::Bars;
use crate::charts::boxes::Boxes;
use crate::charts::curves::{lorenz, Curves};
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::Id;
use crate::indicators::Period;
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
            c.now(Id::Coverage),
            c.before(Id::Coverage),
            c.target(Id::Coverage),
        ),
        s.figure(
            "ind-exclusion_error",
            c.now(Id::ExclusionError),
            c.before(Id::ExclusionError),
            c.target(Id::ExclusionError),
        ),
        s.figure(
            "ind-inclusion_error",
            c.now(Id::InclusionError),
            c.before(Id::InclusionError),
            c.target(Id::InclusionError),
        ),
    ];
    if let Some(round) = &c.round {
        let at = |id: Id, r: &Period| c.look.site(id, r, ALL);
        let prev = c.prev_round.as_ref();
        out.push(s.figure(
            "ind-income_change_mean",
            at(Id::IncomeChangeMean, round),
            prev.and_then(|p| at(Id::IncomeChangeMean, p)),
            c.target(Id::IncomeChangeMean),
        ));
        out.push(s.figure(
            "ind-income_impact_did",
            at(Id::IncomeImpactDid, round),
            None,
            c.target(Id::IncomeImpactDid),
        ));
        out.push(s.figure(
            "ind-poverty_headcount",
            at(Id::PovertyHeadcount, round),
            at(Id::PovertyHeadcount, &Period::Baseline),
            c.target(Id::PovertyHeadcount),
        ));
    }
    let training = c
        .now(Id::TrainingCompletionRate)
        .or_else(|| c.look.site(Id::TrainingCompletionRate, &Period::All, ALL));
    if training.is_some() {
        out.push(s.figure(
            "ind-training_completion_rate",
            training,
            c.before(Id::TrainingCompletionRate),
            c.target(Id::TrainingCompletionRate),
        ));
    }
    if c.now(Id::FeedbackResolutionRate).is_some() {
        out.push(s.figure(
            "ind-feedback_resolution_rate",
            c.now(Id::FeedbackResolutionRate),
            c.before(Id::FeedbackResolutionRate),
            c.target(Id::FeedbackResolutionRate),
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
const TARGETING: [Id; 5] = [
    Id::Coverage,
    Id::ExclusionError,
    Id::InclusionError,
    Id::Adequacy,
    Id::Regularity,
];

fn coverage(c: &Ctx) -> Section {
    let s = &c.say;
    let p = &c.period;
    let mut codes = c.program_codes();
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
                .and_then(|r| r.denominator);
            let reached = c
                .look
                .site(Id::InclusionError, p, code)
                .and_then(|r| r.denominator);
            let mut row = vec![
                Cell::text(program_label(c, code)),
                s.count_cell(eligible),
                s.count_cell(reached),
            ];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(*id, p, code))));
            if *code == ALL {
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
                .map(|code| c.look.site(Id::Coverage, p, code).and_then(|r| r.value))
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
    });

    let deciles: Vec<String> = (1..=10).map(|d| d.to_string()).collect();
    let incidence = |id: Id| -> Vec<Option<f64>> {
        deciles
            .iter()
            .map(|d| {
                c.look
                    .get(id, p, ALL, "welfare_decile", d)
                    .and_then(|r| r.value)
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
fn groups_table(c: &Ctx, group_by: &str) -> super::page::Table {
    let s = &c.say;
    let p = &c.period;
    let (head, rows) = groups_rows(c, Id::Coverage, &TARGETING, p, group_by, false);
    table(
        s.ta(
            "cap-coverage-by",
            &[
                ("by", s.t(&format!("by-{group_by}"))),
                ("period", c.period.label()),
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
    let total = c.now(Id::OverlapHouseholds).and_then(|r| r.numerator);
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

fn income(c: &Ctx) -> Section {
    let s = &c.say;
    let ids = [
        Id::IncomeChangeMean,
        Id::IncomeChangeMedian,
        Id::IncomeImprovedShare,
    ];
    let mut head = vec![s.t("col-round"), s.t("col-panel")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    head.push(s.t("ind-income_impact_simple_diff"));
    head.push(s.t("ind-income_impact_did"));
    let rows: Vec<Vec<Cell>> = c
        .rounds
        .iter()
        .map(|r| {
            let mean = c.look.site(Id::IncomeChangeMean, r, ALL);
            let mut row = vec![
                Cell::text(r.label()),
                s.count_cell(mean.and_then(|m| m.denominator)),
            ];
            row.extend(ids.iter().map(|id| s.cell(c.look.site(*id, r, ALL))));
            row.push(s.ci_cell(c.look.site(Id::IncomeImpactSimpleDiff, r, ALL)));
            row.push(s.ci_cell(c.look.site(Id::IncomeImpactDid, r, ALL)));
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

fn income_by(c: &Ctx, round: &Period, group_by: &str) -> super::page::Table {
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
                s.count_cell(g.denominator),
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
                ("by", s.t(&format!("by-{group_by}"))),
                ("round", round.label()),
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
                values: values(*id),
                intervals: Vec::new(),
            })
            .collect(),
        target: c
            .target(Id::PovertyHeadcount)
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

fn training(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    c.look.site(Id::TrainingEnrolled, &Period::All, ALL)?;
    let ids = [
        Id::TrainingEnrolled,
        Id::TrainingWomenShare,
        Id::TrainingAttendanceRate,
        Id::TrainingCompletionRate,
        Id::TrainingBusinessRate,
    ];
    let by_table = |period: &Period, group_by: &str, caption: String| {
        let (head, rows) = groups_rows(c, Id::TrainingEnrolled, &ids, period, group_by, true);
        table(caption, head, 1, rows, None)
    };
    let mut blocks = vec![Block::Table(by_table(
        &Period::All,
        "course",
        s.t("cap-training-course-all"),
    ))];
    if c.look.site(Id::TrainingEnrolled, &c.period, ALL).is_some() {
        blocks.push(Block::Table(by_table(
            &c.period,
            "course",
            s.ta("cap-training-course", &[("period", c.period.label())]),
        )));
    }
    blocks.push(Block::Table(by_table(
        &Period::All,
        "participant_gender",
        s.t("cap-training-gender"),
    )));
    let courses = c
        .look
        .groups(Id::TrainingCompletionRate, &Period::All, ALL, "course");
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
                            .get(
                                Id::TrainingBusinessRate,
                                &Period::All,
                                ALL,
                                "course",
                                &r.group,
                            )
                            .and_then(|x| x.value)
                    })
                    .collect(),
            ),
        ],
        target: c
            .target(Id::TrainingCompletionRate)
            .map(|t| (s.t("target-completion"), t)),
        axis: Axis::Percent,
        axis_label: s.t("axis-share"),
    }))));
    let mut head = vec![s.t("col-period")];
    head.push(s.t("ind-training_participation_rate"));
    let mut periods = c.quarters.clone();
    periods.push(Period::All);
    let rows = periods
        .iter()
        .filter_map(|q| {
            let r = c.look.site(Id::TrainingParticipationRate, q, ALL)?;
            let label = if *q == Period::All {
                s.t("period-all")
            } else {
                q.label()
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
