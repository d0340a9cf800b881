//! The partner report: several sites and their programs side by side, the
//! same indicators (with their intervals) in one table, small-multiple
//! charts, and what is and is not comparable between the sites.

use crate::charts::dots::{Dots, Estimate};
use crate::charts::trend::{Series, Trend};
use crate::charts::{lower, upper, Axis, Chart, Plot};
use crate::config::{AidType, Program};
use crate::fmt::NONE;
use crate::indicators::Id;
use crate::indicators::Period;
use crate::indicators::{Row, AID, ALL};

use super::common::{did_chart, rule_item, table};
use super::context::Ctx;
use super::council::quarter_cases;
use super::labels::slug;
use super::lookup::Say;
use super::page::{Block, Cell, RuleItem, Section};
use super::summary::headline_key;

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

    let names: Vec<String> = sites
        .iter()
        .map(|c| c.site.config.site.name.clone())
        .collect();
    let mut head = vec![s.t("col-indicator")];
    head.extend(names.iter().cloned());
    if sites.len() == 2 {
        head.push(s.ta(
            "col-difference",
            &[("a", names[1].clone()), ("b", names[0].clone())],
        ));
    } else if sites.len() > 2 {
        head.push(s.t("col-spread"));
    }
    let rows = COMPARED
        .iter()
        .map(|(id, source)| {
            let found = compared_rows(sites, *id, *source);
            let mut row = vec![Cell::text(compared_label(sites, *id))];
            row.extend(sites.iter().zip(&found).map(|(c, r)| {
                if r.is_some_and(|r| r.ci_low.is_some()) {
                    c.say.ci_cell(*r)
                } else {
                    c.say.cell(*r)
                }
            }));
            if sites.len() > 1 {
                row.push(Cell::text(
                    difference(s, &found).unwrap_or_else(|| NONE.into()),
                ));
            }
            row
        })
        .collect();
    let mut estimates = Vec::new();
    for (id, source) in COMPARED {
        let found = compared_rows(sites, id, source);
        if found.iter().flatten().any(|r| r.ci_low.is_some()) {
            estimates.push(estimate_chart(sites, id, &found));
        }
    }
    let coverage_range = (
        0.0,
        upper(
            sites.iter().flat_map(|c| {
                let mut codes = c.program_codes();
                codes.push(ALL);
                codes
                    .iter()
                    .flat_map(|code| c.series(Id::Coverage, code))
                    .flatten()
                    .chain(c.target(Id::Coverage))
                    .collect::<Vec<f64>>()
            }),
            0.0,
        ),
    );
    let did_values: Vec<f64> = sites
        .iter()
        .flat_map(|c| {
            c.rounds
                .iter()
                .filter_map(|r| c.look.site(Id::IncomeImpactDid, r, ALL))
                .flat_map(|r| [r.value.get(), r.ci_low.get(), r.ci_high.get()])
                .flatten()
                .collect::<Vec<f64>>()
        })
        .collect();
    let did_range = (
        lower(did_values.iter().copied()),
        upper(did_values.iter().copied(), 0.0),
    );
    let mut charts = Vec::new();
    // A site without deliveries (training only) has no coverage to draw.
    for c in sites.iter().filter(|c| c.has_deliveries()) {
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
            range: Some(coverage_range),
        })));
    }
    // A site without training records has no estimate to draw.
    for c in sites
        .iter()
        .filter(|c| !c.lacks(crate::contract::Table::Trainings))
    {
        charts.push(did_chart(
            c,
            format!("chart-did-{}", slug(&c.site.config.site.name)),
            s.ta(
                "chart-site-did-title",
                &[("site", c.site.config.site.name.clone())],
            ),
            Some(did_range),
        ));
    }
    out.push(Section {
        id: "compare".into(),
        title: s.t("sec-compare"),
        intro: vec![s.t("intro-compare")],
        blocks: {
            let mut blocks = if sites.len() > MANY {
                ranked_tables(sites)
            } else {
                vec![Block::Table(table(
                    s.t("cap-compare"),
                    head,
                    1,
                    rows,
                    Some(s.t("note-compare")),
                ))]
            };
            if !estimates.is_empty() {
                blocks.push(Block::Charts { charts: estimates });
            }
            if !charts.is_empty() {
                blocks.push(Block::Note {
                    text: s.t("note-small-multiples"),
                });
                blocks.push(Block::Charts { charts });
            }
            blocks
        },
    });

    let ids = [
        Id::Coverage,
        Id::ExclusionError,
        Id::InclusionError,
        Id::Adequacy,
        Id::Regularity,
        Id::Cgh,
    ];
    let mut head = vec![s.t("col-site"), s.t("col-program")];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let mut rows = Vec::new();
    for aid in AID_TYPES {
        let programs: Vec<(&Ctx, &Program)> = sites
            .iter()
            .flat_map(|c| c.site.config.programs.iter().map(move |p| (c, p)))
            .filter(|(_, p)| p.aid_type == aid)
            .collect();
        if programs.is_empty() {
            continue;
        }
        let label = s.as_heading(&format!("aid-{}", aid.as_str()));
        rows.push(vec![Cell::text(label).class("group")]);
        for (c, p) in programs {
            let mut row = vec![
                Cell::text(c.site.config.site.name.clone()),
                Cell::with_sub(p.code.clone(), p.name.clone()),
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
            2,
            rows,
            None,
        ))],
    });
    out.push(cost_section(sites));

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

/// Sites beyond which the comparison reads as one ranked table per
/// indicator instead of a column per site.
pub(crate) const MANY: usize = 4;

/// The sites in order of a figure, lowest first; sites without it last,
/// ties by name.
pub(crate) fn by_value<'a, T>(
    items: impl IntoIterator<Item = (&'a Ctx<'a>, T)>,
    value: impl Fn(&T) -> Option<f64>,
) -> Vec<(&'a Ctx<'a>, T)> {
    let mut out: Vec<(&Ctx, T)> = items.into_iter().collect();
    super::common::lowest_first(
        &mut out,
        |(_, t)| value(t),
        |(c, _)| &c.site.config.site.name,
    );
    out
}

/// One table per indicator compared, its sites from the lowest value up:
/// a comparison of many sites, readable on a phone and on paper.
fn ranked_tables(sites: &[Ctx]) -> Vec<Block> {
    let s = &sites[0].say;
    let mut out = Vec::new();
    for (id, source) in COMPARED {
        let found = compared_rows(sites, id, source);
        if found.iter().all(Option::is_none) {
            continue;
        }
        let ranked = by_value(sites.iter().zip(found), |r| r.and_then(|r| r.value.get()));
        let rows = ranked
            .iter()
            .enumerate()
            .map(|(i, (c, r))| {
                let value = if r.is_some_and(|r| r.ci_low.is_some()) {
                    c.say.ci_cell(*r)
                } else {
                    c.say.cell(*r)
                };
                vec![
                    Cell::text(s.fmt.count((i + 1) as f64)),
                    Cell::with_sub(
                        c.site.config.site.name.clone(),
                        r.map(|r| r.period.label()).unwrap_or_default(),
                    ),
                    value,
                ]
            })
            .collect();
        let label = compared_label(sites, id);
        out.push(Block::Table(table(
            s.ta("cap-compare-ranked", &[("indicator", label.clone())]),
            vec![s.t("col-rank"), s.t("col-site"), label],
            2,
            rows,
            None,
        )));
    }
    out.push(Block::Note {
        text: s.t("note-compare"),
    });
    out
}

/// Aid types in the order the programs table groups them.
const AID_TYPES: [AidType; 5] = [
    AidType::Cash,
    AidType::Goods,
    AidType::Scholarship,
    AidType::Service,
    AidType::Training,
];

/// Each site's row of an indicator compared (all programs, at the
/// indicator's period).
fn compared_rows<'a>(sites: &'a [Ctx], id: Id, source: Source) -> Vec<Option<&'a Row>> {
    sites
        .iter()
        .map(|c| period_of(c, source).and_then(|p| c.look.site(id, &p, slot(c, id))))
        .collect()
}

/// The program slot an indicator is compared in: coverage and targeting of
/// the aid programs (without training) where a site has both, as its
/// headline; everything else over all programs.
fn slot(c: &Ctx, id: Id) -> &'static str {
    match id {
        Id::Coverage | Id::ExclusionError | Id::InclusionError => headline_key(c),
        _ => ALL,
    }
}

/// An indicator's name in the comparison: "… of the aid programs" when
/// any site compares it over its aid programs.
fn compared_label(sites: &[Ctx], id: Id) -> String {
    let s = &sites[0].say;
    if sites.iter().any(|c| slot(c, id) == AID) {
        s.t(&format!("ind-{id}-aid"))
    } else {
        s.t(&format!("ind-{id}"))
    }
}

/// The difference column: the second site minus the first for two sites,
/// the highest minus the lowest for more.
fn difference(s: &Say, rows: &[Option<&Row>]) -> Option<String> {
    if let [a, b] = rows {
        return s.difference(*b, *a);
    }
    let valued: Vec<&Row> = rows
        .iter()
        .flatten()
        .copied()
        .filter(|r| r.value.is_some())
        .collect();
    let by_value = |a: &&&Row, b: &&&Row| {
        a.value
            .get()
            .unwrap_or(0.0)
            .total_cmp(&b.value.get().unwrap_or(0.0))
    };
    let high = valued.iter().max_by(by_value)?;
    let low = valued.iter().min_by(by_value)?;
    s.difference(Some(high), Some(low))
}

/// One estimate compared between the sites: each site's dot and 95%
/// interval on one axis.
fn estimate_chart(sites: &[Ctx], id: Id, rows: &[Option<&Row>]) -> Chart {
    let s = &sites[0].say;
    let name = s.t(&format!("ind-{id}"));
    let summary: Vec<String> = sites
        .iter()
        .zip(rows)
        .map(|(c, r)| {
            let interval = s.interval(*r);
            let interval = if interval.is_empty() {
                String::new()
            } else {
                format!(" ({interval})")
            };
            format!("{}: {}{interval}", c.site.config.site.name, s.value(*r))
        })
        .collect();
    let rupiah = rows
        .iter()
        .flatten()
        .any(|r| r.unit.as_str().starts_with("rupiah"));
    Chart::pending(Plot::Dots(Dots {
        id: format!("chart-estimate-{}", id.as_str().replace('_', "-")),
        title: s.ta("chart-estimate-title", &[("indicator", name)]),
        summary: summary.join("; "),
        rows: sites
            .iter()
            .zip(rows)
            .map(|(c, r)| Estimate {
                name: c.site.config.site.name.clone(),
                value: r.and_then(|r| r.value.get()),
                interval: r.and_then(|r| Some((r.ci_low.get()?, r.ci_high.get()?))),
            })
            .collect(),
        axis: if rupiah { Axis::Rupiah } else { Axis::Percent },
    }))
}

/// Cost-effectiveness per site in the quarter: realised spending, the
/// households reached and the cost per household, budget absorption, and
/// integrity cases of the quarter per 100 households reached.
fn cost_section(sites: &[Ctx]) -> Section {
    let s = &sites[0].say;
    let head = vec![
        s.t("col-site"),
        s.t("col-spending"),
        s.t("col-households-reached"),
        s.t("ind-cost_per_beneficiary"),
        s.t("ind-budget_absorption"),
        s.t("col-flags-quarter"),
        s.t("col-flags-per-100"),
    ];
    let rows = sites
        .iter()
        .map(|c| {
            let cost = c.look.site(Id::CostPerBeneficiary, &c.period, ALL);
            let reached = cost.and_then(|r| r.denominator.get());
            let cases = quarter_cases(c).count() as f64;
            let per_100 = match reached {
                Some(n) if n > 0.0 => Cell::with_sub(
                    c.say.fmt.number(cases * 100.0 / n, 1),
                    format!("{} / {}", c.say.fmt.count(cases), c.say.fmt.count(n)),
                ),
                _ => Cell::text(NONE),
            };
            vec![
                Cell::with_sub(c.site.config.site.name.clone(), c.period.label()),
                Cell::text(
                    cost.and_then(|r| r.numerator.get())
                        .map_or_else(|| NONE.into(), |v| c.say.fmt.rupiah(v)),
                ),
                c.say.count_cell(reached),
                Cell::text(c.say.value(cost)),
                c.say
                    .cell(c.look.site(Id::BudgetAbsorption, &c.period, ALL)),
                c.say.count_cell(Some(cases)),
                per_100,
            ]
        })
        .collect();
    Section {
        id: "cost".into(),
        title: s.t("sec-partner-cost"),
        intro: vec![s.t("intro-partner-cost")],
        blocks: vec![Block::Table(table(
            s.t("cap-partner-cost"),
            head,
            1,
            rows,
            Some(s.t("note-partner-cost")),
        ))],
    }
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
