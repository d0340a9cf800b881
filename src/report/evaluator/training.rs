//! Training: enrolment, women's share, attendance, completion and business
//! start, by course and by participant gender, and participation per quarter.

use crate::charts::bars::Bars;
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::{Id, Period, ALL};

use super::super::common::{groups_rows, table};
use super::super::context::Ctx;
use super::super::labels::group_label;
use super::super::page::{Block, Cell, Section};
use super::summary_list;

pub(super) fn training(c: &Ctx) -> Option<Section> {
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
        summary: summary_list(
            c,
            courses
                .iter()
                .map(|r| (group_label(c, "course", &r.group), Some(*r))),
        ),
        categories: courses
            .iter()
            .map(|r| group_label(c, "course", &r.group))
            .collect(),
        series: vec![
            (
                s.t("ind-training_completion_rate"),
                courses.iter().map(|r| r.value.get()).collect(),
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
                            .and_then(|x| x.value.get())
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
        intro: [s.t("intro-training")]
            .into_iter()
            .chain(c.all_data_note(Id::TrainingEnrolled))
            .collect(),
        blocks,
    })
}
