//! The partner report: several sites and their programs side by side, the
//! same indicators (with their intervals) in one table, small-multiple
//! charts, and what is and is not comparable between the sites.

use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::Id;
use crate::indicators::Period;
use crate::indicators::ALL;

use super::common::{did_chart, rule_item, table};
use super::context::Ctx;
use super::labels::slug;
use super::page::{Block, Cell, RuleItem, Section};

/// Indicators compared, with where their period comes from.
const COMPARED: [(Id, Source); 16] = [
    (Id::Coverage, Source::Quarter),
    (Id::ExclusionError, Source::Quarter),
    (Id::InclusionError, Source::Quarter),
    (Id::Cgh, Source::Quarter),
    (Id::Adequacy, Source::Quarter),
    (Id::Regularity, Source::Quarter),
    (Id::IncomeChangeMean, Source::Round),
    (Id::IncomeImpactSimpleDiff, Source::Round),
    (Id::IncomeImpactDid, Source::Round),
    (Id::PovertyHeadcount, Source::Round),
    (Id::PovertyGap, Source::Round),
    (Id::SchoolEnrolmentRate, Source::Round),
    (Id::TrainingCompletionRate, Source::All),
    (Id::TrainingWomenShare, Source::All),
    (Id::RtAllocationGini, Source::Quarter),
    (Id::FeedbackResolutionRate, Source::All),
];

#[derive(Clone, Copy)]
enum Source {
    Quarter,
    Round,
    All,
}

fn period_of(c: &Ctx, source: Source) -> Option<Period> {
    match source {
        Source::Quarter => Some(c.period.clone()),
        Source::Round => c.round.clone().or_else(|| c.rounds.last().cloned()),
        Source::All => Some(Period::All),
    }
}

pub(crate) fn ids() -> Vec<Id> {
    COMPARED.iter().map(|(id, _)| *id).collect()
}

pub(crate) fn sections(sites: &[Ctx]) -> Vec<Section> {
    let Some(first) = sites.first() else {
        return Vec::new();
    };
    let s = &first.say;
    let mut out = Vec::new();

    let head = vec![
        s.t("col-site"),
        s.t("col-period"),
        s.t("col-round"),
        s.t("col-programs"),
        s.t("col-poverty-line"),
        s.t("col-households"),
    ];
    let rows = sites
        .iter()
        .map(|c| {
            let households = c
                .site
                .validation
                .files
                .iter()
                .find(|f| f.table == "households")
                .map(|f| f.rows_accepted as f64);
            vec![
                Cell::with_sub(
                    c.site.config.site.name.clone(),
                    c.site.config.site.code.clone(),
                ),
                Cell::text(c.period.label()),
                Cell::text(
                    period_of(c, Source::Round)
                        .map_or_else(|| crate::fmt::NONE.into(), |p| p.label()),
                ),
                Cell::text(c.program_codes().join(", ")),
                Cell::text(s.fmt.rupiah(c.site.config.site.poverty_line as f64)),
                s.count_cell(households),
            ]
        })
        .collect();
    out.push(Section {
        id: "sites".into(),
        title: s.t("sec-sites"),
        intro: vec![s.t("intro-sites")],
        blocks: vec![Block::Table(table(s.t("cap-sites"), head, 4, rows, None))],
    });

    let mut head = vec![s.t("col-indicator")];
    head.extend(sites.iter().map(|c| c.site.config.site.name.clone()));
    let rows = COMPARED
        .iter()
        .map(|(id, source)| {
            let mut row = vec![Cell::text(s.t(&format!("ind-{id}")))];
            row.extend(sites.iter().map(|c| {
                let r = period_of(c, *source).and_then(|p| c.look.site(*id, &p, ALL));
                if r.is_some_and(|r| r.ci_low.is_some()) {
                    c.say.ci_cell(r)
                } else {
                    c.say.cell(r)
                }
            }));
            row
        })
        .collect();
    let mut charts = Vec::new();
    for c in sites {
        let mut codes = c.program_codes();
        codes.push(ALL);
        charts.push(Chart::pending(Plot::Trend(Trend {
            id: format!("chart-coverage-{}", slug(&c.site.config.site.name)),
            title: s.ta(
                "chart-site-coverage-title",
                &[("site", c.site.config.site.name.clone())],
            ),
            summary: c.trend_summary(),
            periods: c.quarter_labels(),
            series: codes
                .iter()
                .map(|code| Series {
                    name: if *code == ALL {
                        s.t("all-programs")
                    } else {
                        code.to_string()
                    },
                    values: c.series(Id::Coverage, code),
                    intervals: Vec::new(),
                })
                .collect(),
            target: c.target(Id::Coverage).map(|t| (s.t("target"), t)),
            axis: Axis::Percent,
            axis_label: s.t("ind-coverage"),
            range: None,
        })));
    }
    for c in sites {
        charts.push(did_chart(
            c,
            format!("chart-did-{}", slug(&c.site.config.site.name)),
            s.ta(
                "chart-site-did-title",
                &[("site", c.site.config.site.name.clone())],
            ),
        ));
    }
    out.push(Section {
        id: "compare".into(),
        title: s.t("sec-compare"),
        intro: vec![s.t("intro-compare")],
        blocks: vec![
            Block::Table(table(
                s.t("cap-compare"),
                head,
                1,
                rows,
                Some(s.t("note-compare")),
            )),
            Block::Charts { charts },
        ],
    });

    let ids = [
        Id::Coverage,
        Id::ExclusionError,
        Id::InclusionError,
        Id::Adequacy,
        Id::Regularity,
        Id::Cgh,
    ];
    let mut head = vec![s.t("col-site"), s.t("col-program"), s.t("col-aid-type")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let mut rows = Vec::new();
    for c in sites {
        for p in &c.site.config.programs {
            let mut row = vec![
                Cell::text(c.site.config.site.name.clone()),
                Cell::with_sub(p.code.clone(), p.name.clone()),
                Cell::text(s.t(&format!("aid-{}", p.aid_type.as_str()))),
            ];
            row.extend(
                ids.iter()
                    .map(|id| c.say.cell(c.look.site(*id, &c.period, &p.code))),
            );
            rows.push(row);
        }
    }
    out.push(Section {
        id: "programs".into(),
        title: s.t("sec-programs"),
        intro: vec![s.t("intro-programs")],
        blocks: vec![Block::Table(table(
            s.t("cap-programs"),
            head,
            3,
            rows,
            None,
        ))],
    });

    out.push(Section {
        id: "comparability".into(),
        title: s.t("sec-comparability"),
        intro: vec![s.t("intro-comparability")],
        blocks: {
            let (notes, rules) = comparability(sites);
            vec![
                Block::List { items: notes },
                Block::Note {
                    text: s.t("compare-eligibility"),
                },
                Block::Rules { items: rules },
            ]
        },
    });
    out
}

/// What differs between the sites in ways that affect comparison, and
/// each site's eligibility rules.
fn comparability(sites: &[Ctx]) -> (Vec<String>, Vec<RuleItem>) {
    let Some(first) = sites.first() else {
        return (Vec::new(), Vec::new());
    };
    let s = &first.say;
    let mut notes = vec![s.t("compare-same-definitions")];
    let lines: Vec<i64> = sites
        .iter()
        .map(|c| c.site.config.site.poverty_line)
        .collect();
    if lines.windows(2).any(|w| w[0] != w[1]) {
        notes.push(
            s.ta(
                "compare-poverty-lines",
                &[(
                    "lines",
                    sites
                        .iter()
                        .map(|c| {
                            format!(
                                "{} {}",
                                c.site.config.site.name,
                                s.fmt.rupiah(c.site.config.site.poverty_line as f64)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                )],
            ),
        );
    }
    let periods: Vec<String> = sites.iter().map(|c| c.period.label()).collect();
    if periods.windows(2).any(|w| w[0] != w[1]) {
        notes.push(s.t("compare-periods-differ"));
    }
    let mut rules = Vec::new();
    for c in sites {
        for p in &c.site.config.programs {
            let name = format!(
                "{} · {} ({})",
                c.site.config.site.name,
                p.code,
                s.t(&format!("aid-{}", p.aid_type.as_str()))
            );
            rules.push(rule_item(c, &name, &p.eligible_when));
        }
    }
    if sites.iter().any(|c| {
        c.look
            .site(Id::TrainingEnrolled, &Period::All, ALL)
            .is_none()
    }) {
        notes.push(s.t("compare-no-training"));
    }
    notes.push(s.t("compare-impact"));
    (notes, rules)
}
