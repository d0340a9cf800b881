//! The district summary: what a district office (or an NGO running many
//! villages) opens first after `pantau report` over many villages. One row
//! per village with the headline figures (coverage and exclusion error of
//! the aid programs, integrity cases per 100 households reached, budget
//! absorption and the income impact of training), ranked from the lowest
//! coverage up, each village linked to its own report; and a few sentences
//! naming the villages that need attention first.
//!
//! A village's line is taken from its prepared site as soon as its report is
//! rendered ([`Village::of`]), so the run can release the village's data
//! before it reads the next one.

use anyhow::Result;

use crate::fmt::{Fmt, Lang, NONE};
use crate::indicators::{Id, Quarter, Row, ALL};

use super::common::{lowest_first, table};
use super::context::Ctx;
use super::i18n::Messages;
use super::lookup::Say;
use super::page::{Block, Cell, Input, Page, PageBase, Section};
use super::{provenance, Prepared};

/// One village's line of the district summary.
pub struct Village {
    pub name: String,
    pub code: String,
    pub period: Quarter,
    fiscal_start: u32,
    synthetic: bool,
    zone: crate::config::Timezone,
    /// The file name of the village's report, for the link.
    pub report: String,
    report_sha256: String,
    report_bytes: u64,
    coverage: Option<Row>,
    exclusion: Option<Row>,
    absorption: Option<Row>,
    impact: Option<Row>,
    /// Integrity cases of the quarter.
    cases: f64,
    /// Households reached in the quarter.
    reached: Option<f64>,
}

impl Village {
    /// The figures of a prepared village, taken before its data are
    /// released; its report comes with [`Village::with_report`].
    pub fn of(p: &Prepared) -> Result<Village> {
        let messages = Messages::new(Lang::En)?;
        let c = Ctx::new(
            &p.site,
            &p.indicators,
            Say {
                fmt: Fmt::new(Lang::En),
                msg: &messages,
            },
            p.period,
        );
        let key = super::summary::headline_key(&c);
        let owned = |row: Option<&Row>| row.cloned();
        let cost = c.look.site(Id::CostPerBeneficiary, &c.period, ALL);
        let impact = c
            .income_round()
            .and_then(|round| c.look.site(Id::IncomeImpactDid, &round, ALL));
        let site = &p.site.config.site;
        Ok(Village {
            name: site.name.clone(),
            code: site.code.clone(),
            period: p.period,
            fiscal_start: site.fiscal_year_start_month,
            synthetic: site.synthetic,
            zone: p.site.config.notice.timezone,
            report: String::new(),
            report_sha256: String::new(),
            report_bytes: 0,
            coverage: owned(c.look.site(Id::Coverage, &c.period, key)),
            exclusion: owned(c.look.site(Id::ExclusionError, &c.period, key)),
            absorption: owned(c.look.site(Id::BudgetAbsorption, &c.period, ALL)),
            impact: owned(impact),
            cases: super::council::quarter_cases(&c).count() as f64,
            reached: cost.and_then(|r| r.denominator.get()),
        })
    }

    /// The village with its report: file name, sha256 and size.
    pub fn with_report(self, name: &str, sha256: &str, bytes: u64) -> Village {
        Village {
            report: name.to_string(),
            report_sha256: sha256.to_string(),
            report_bytes: bytes,
            ..self
        }
    }

    /// Integrity cases per 100 households reached.
    fn cases_per_100(&self) -> Option<f64> {
        self.reached
            .filter(|n| *n > 0.0)
            .map(|n| self.cases * 100.0 / n)
    }
}

/// The file name of the district summary: `_district-AUDIENCE-PERIOD-LANG.html`.
/// Village reports are named after slugs of their folders, which never
/// start with `_`, so a village folder called `district` cannot take the
/// summary's name (and the summary comes first in a listing).
pub fn file_name(villages: &[Village], audience: &str, lang: Lang) -> String {
    let mut periods: Vec<String> = villages.iter().map(|v| v.period.label()).collect();
    periods.sort();
    periods.dedup();
    let period = match periods.as_slice() {
        [one] => one.clone(),
        _ => format!(
            "{}-to-{}",
            periods.first().cloned().unwrap_or_default(),
            periods.last().cloned().unwrap_or_default()
        ),
    };
    format!("_district-{audience}-{period}-{}.html", lang.code())
}

/// Villages in ranking order: lowest coverage first, villages without a
/// coverage figure last, ties by name.
fn ranked(villages: &[Village]) -> Vec<&Village> {
    let mut out: Vec<&Village> = villages.iter().collect();
    lowest_first(
        &mut out,
        |v| v.coverage.as_ref().and_then(|r| r.value.get()),
        |v| &v.name,
    );
    out
}

/// The `count` villages with the lowest (or highest) figure, as
/// `Name (figure)` joined by commas; empty when no village has one.
fn extremes(
    villages: &[Village],
    figure: impl Fn(&Village) -> Option<f64>,
    show: impl Fn(&Village) -> String,
    highest: bool,
    count: usize,
) -> String {
    let mut with: Vec<(&Village, f64)> = villages
        .iter()
        .filter_map(|v| Some((v, figure(v)?)))
        .collect();
    // Negation reverses the order of floats exactly: highest first.
    let sign = if highest { -1.0 } else { 1.0 };
    lowest_first(&mut with, |(_, x)| Some(sign * x), |(v, _)| &v.name);
    with.iter()
        .take(count)
        .map(|(v, _)| format!("{} ({})", v.name, show(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One headline figure of a village.
type Figure = fn(&Village) -> Option<&Row>;

/// The district summary page of the villages of one run.
pub fn page(villages: &[Village], audience_name: &'static str, lang: Lang) -> Result<Page> {
    let messages = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let s = Say {
        fmt,
        msg: &messages,
    };
    let Some(first) = villages.first() else {
        anyhow::bail!("a district summary needs at least one village");
    };
    let per_100 = |v: &Village| {
        v.cases_per_100()
            .map_or_else(|| NONE.to_string(), |x| fmt.number(x, 1))
    };
    let mut periods: Vec<Quarter> = villages.iter().map(|v| v.period).collect();
    periods.sort();
    periods.dedup();
    let period_words: Vec<String> = periods
        .iter()
        .map(|q| super::summary::period_in_words(*q, first.fiscal_start, &s))
        .collect();
    let mut summary = vec![s.ta(
        "sum-district-count",
        &[
            ("n", fmt.count(villages.len() as f64)),
            ("period", period_words.join(", ")),
        ],
    )];
    // Each headline figure, with whether its highest (rather than lowest)
    // values need attention.
    let attention: [(&str, bool, Figure); 4] = [
        ("ind-coverage", false, |v| v.coverage.as_ref()),
        ("ind-exclusion_error", true, |v| v.exclusion.as_ref()),
        ("ind-budget_absorption", false, |v| v.absorption.as_ref()),
        ("col-impact", false, |v| v.impact.as_ref()),
    ];
    let mut named: Vec<(&str, bool, String)> = attention
        .iter()
        .map(|(label, highest, row)| {
            let figure = |v: &Village| row(v).and_then(|r| r.value.get());
            let show = |v: &Village| s.value(row(v));
            (
                *label,
                *highest,
                extremes(villages, figure, show, *highest, 3),
            )
        })
        .collect();
    named.insert(
        2,
        (
            "col-flags-per-100",
            true,
            extremes(villages, Village::cases_per_100, per_100, true, 3),
        ),
    );
    for (label, highest, list) in named {
        if list.is_empty() {
            continue;
        }
        summary.push(s.ta(
            if highest {
                "sum-district-highest"
            } else {
                "sum-district-lowest"
            },
            &[
                (
                    "indicator",
                    match lang {
                        Lang::En => s.in_sentence(label),
                        Lang::Id => s.t(label),
                    },
                ),
                ("villages", list),
            ],
        ));
    }
    let head = vec![
        s.t("col-rank"),
        s.t("col-village"),
        s.t("ind-coverage"),
        s.t("ind-exclusion_error"),
        s.t("col-flags-per-100"),
        s.t("ind-budget_absorption"),
        s.t("col-impact"),
    ];
    let rows = ranked(villages)
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            vec![
                Cell::text(fmt.count((i + 1) as f64)),
                Cell::with_sub(v.name.clone(), format!("{} · {}", v.code, v.period.label()))
                    .link(v.report.clone()),
                s.cell(v.coverage.as_ref()),
                s.cell(v.exclusion.as_ref()),
                Cell::with_sub(
                    per_100(v),
                    match v.reached {
                        Some(n) if n > 0.0 => format!("{} / {}", fmt.count(v.cases), fmt.count(n)),
                        _ => String::new(),
                    },
                ),
                s.cell(v.absorption.as_ref()),
                s.ci_cell(v.impact.as_ref()),
            ]
        })
        .collect();
    let ranking = Section {
        id: "ranking".into(),
        title: s.t("sec-district-ranking"),
        intro: vec![s.t("intro-district-ranking")],
        blocks: vec![Block::Table(table(
            s.t("cap-district-ranking"),
            head,
            2,
            rows,
            Some(s.t("note-district-ranking")),
        ))],
    };
    let time = provenance::generation_time()?;
    let provenance = super::page::Provenance {
        version: env!("CARGO_PKG_VERSION").to_string(),
        generated: provenance::local_time(fmt, time, first.zone),
        caption: s.t("provenance-reports"),
        inputs: villages
            .iter()
            .map(|v| Input {
                site: v.name.clone(),
                file: v.report.clone(),
                bytes: fmt.count(v.report_bytes as f64),
                sha256: v.report_sha256.clone(),
            })
            .collect(),
    };
    let period = periods
        .iter()
        .map(|q| q.label())
        .collect::<Vec<_>>()
        .join(", ");
    let page = Page {
        base: PageBase {
            lang: lang.code(),
            audience: "district",
            audience_label: s.t(&format!("audience-district-{audience_name}")),
            title: s.ta("title-district", &[("n", fmt.count(villages.len() as f64))]),
            subtitle: s.ta("subtitle-district", &[("period", period_words.join(", "))]),
            t: messages.labels(),
        },
        sites: Vec::new(),
        period,
        synthetic: villages
            .iter()
            .any(|v| v.synthetic)
            .then(|| s.t("synthetic-banner")),
        summary,
        headlines: Vec::new(),
        sections: vec![ranking, method(&s)],
        provenance,
        shown_rows: Vec::new(),
    };
    messages.check()?;
    Ok(page)
}

/// What each column means and how the villages are ordered.
fn method(s: &Say) -> Section {
    let definitions = super::common::definitions(
        s,
        &[
            Id::Coverage,
            Id::ExclusionError,
            Id::BudgetAbsorption,
            Id::IncomeImpactDid,
        ],
    );
    Section {
        id: "methodology".into(),
        title: s.t("sec-methodology"),
        intro: vec![s.t("intro-district-method")],
        blocks: vec![
            Block::Definitions { items: definitions },
            Block::List {
                items: vec![
                    s.t("method-district-aid"),
                    s.t("method-district-cases"),
                    s.t("method-district-order"),
                ],
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::{GroupBy, Num, Unit};

    fn village(name: &str, coverage: Option<f64>, cases: f64, reached: Option<f64>) -> Village {
        let row = |id: Id, v: Option<f64>| {
            v.map(|value| Row {
                indicator: id,
                period: crate::indicators::Period::Quarter(Quarter {
                    year: 2026,
                    quarter: 3,
                }),
                program: ALL.into(),
                group_by: GroupBy::of(""),
                group: Default::default(),
                numerator: Num::MISSING,
                denominator: Num::MISSING,
                value: value.into(),
                ci_low: Num::MISSING,
                ci_high: Num::MISSING,
                unit: Unit::Ratio,
            })
        };
        Village {
            name: name.into(),
            code: "31.73.05.1001".into(),
            period: Quarter {
                year: 2026,
                quarter: 3,
            },
            fiscal_start: 1,
            synthetic: true,
            zone: crate::config::Timezone::Wib,
            report: format!("{name}-evaluator-2026-Q3-id.html"),
            report_sha256: "0".repeat(64),
            report_bytes: 1,
            coverage: row(Id::Coverage, coverage),
            exclusion: None,
            absorption: None,
            impact: None,
            cases,
            reached,
        }
    }

    #[test]
    fn villages_rank_from_the_lowest_coverage_and_those_without_come_last() {
        let v = vec![
            village("b", Some(0.8), 0.0, None),
            village("c", None, 0.0, None),
            village("a", Some(0.8), 0.0, None),
            village("d", Some(0.4), 0.0, None),
        ];
        let order: Vec<&str> = ranked(&v).iter().map(|v| v.name.as_str()).collect();
        assert_eq!(order, ["d", "a", "b", "c"]);
    }

    #[test]
    fn no_village_report_can_take_the_summary_name() {
        let v = vec![village("a", Some(0.5), 0.0, None)];
        let name = file_name(&v, "evaluator", Lang::Id);
        assert_eq!(name, "_district-evaluator-2026-Q3-id.html");
        for folder in ["district", "_district", " _district"] {
            assert!(!super::super::labels::slug(folder).starts_with('_'));
        }
    }

    #[test]
    fn cases_per_100_households_by_hand() {
        // 3 cases among 120 households reached: 2.5 per 100.
        assert_eq!(
            village("a", None, 3.0, Some(120.0)).cases_per_100(),
            Some(2.5)
        );
        assert_eq!(village("a", None, 3.0, Some(0.0)).cases_per_100(), None);
        assert_eq!(village("a", None, 3.0, None).cases_per_100(), None);
    }

    #[test]
    fn the_villages_that_need_attention_are_named_with_their_figures() {
        let v = vec![
            village("Alpha", None, 6.0, Some(100.0)),
            village("Beta", None, 1.0, Some(100.0)),
            village("Gamma", None, 9.0, Some(300.0)),
            village("Delta", None, 2.0, None),
        ];
        let show = |v: &Village| format!("{:.1}", v.cases_per_100().unwrap());
        assert_eq!(
            extremes(&v, Village::cases_per_100, show, true, 2),
            "Alpha (6.0), Gamma (3.0)"
        );
        assert_eq!(
            extremes(&v, Village::cases_per_100, show, false, 1),
            "Beta (1.0)"
        );
    }
}
