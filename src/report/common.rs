//! Sections that several reports share: community feedback, data quality
//! (from validation), and the methodology appendix.

use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::Period;
use crate::indicators::{Id, Row, ALL};

use super::context::Ctx;
use super::lookup::Say;
use super::page::{Block, Cell, DataTable, Definition, RuleItem, Section};

/// A table whose columns from `numeric_from` on hold numbers.
pub(crate) fn table(
    caption: String,
    head: Vec<String>,
    numeric_from: usize,
    rows: Vec<Vec<Cell>>,
    note: Option<String>,
) -> DataTable {
    let numeric = (0..head.len()).map(|i| i >= numeric_from).collect();
    DataTable {
        caption,
        head,
        numeric,
        rows,
        note,
    }
}

/// Indicators by the groups of one disaggregation (for all programs): the
/// heading, a row per group that `lead` has, a cell per id with its basis,
/// and with `total` a row for the whole site.
pub(crate) fn groups_rows(
    c: &Ctx,
    lead: Id,
    ids: &[Id],
    period: &Period,
    group_by: &str,
    total: bool,
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let groups = c.look.groups(lead, period, ALL, group_by);
    rows_of_groups(c, &groups, ids, period, group_by, total)
}

/// The most groups a table lists in full; a village with more RWs gets the
/// ones that most need attention ([`lowest_groups`]) and the rest in the
/// CSV file beside the report.
pub(crate) const MAX_GROUP_ROWS: usize = 15;
/// How many groups a shortened table lists.
pub(crate) const SHORT_GROUP_ROWS: usize = 10;

/// The groups of a table: all of them when there are at most
/// [`MAX_GROUP_ROWS`], otherwise the [`SHORT_GROUP_ROWS`] with the lowest
/// value (ties by label), lowest first, and a note saying so.
pub(crate) fn lowest_groups<'r>(
    c: &Ctx,
    groups: Vec<&'r Row>,
    word: &str,
) -> (Vec<&'r Row>, Option<String>) {
    if groups.len() <= MAX_GROUP_ROWS {
        return (groups, None);
    }
    let total = groups.len();
    let valued = lowest(groups, SHORT_GROUP_ROWS);
    let note = c.say.ta(
        "note-lowest-groups",
        &[
            ("shown", c.say.fmt.count(valued.len() as f64)),
            ("total", c.say.fmt.count(total as f64)),
            ("groups", word.to_string()),
        ],
    );
    (valued, Some(note))
}

/// The `n` rows with the lowest value (ties by label), lowest first; rows
/// without a value are left out.
pub(crate) fn lowest(rows: Vec<&Row>, n: usize) -> Vec<&Row> {
    let mut valued: Vec<&Row> = rows.into_iter().filter(|r| r.value.is_some()).collect();
    valued.sort_by(|a, b| {
        a.value
            .get()
            .unwrap_or(0.0)
            .total_cmp(&b.value.get().unwrap_or(0.0))
            .then_with(|| a.group.cmp(&b.group))
    });
    valued.truncate(n);
    valued
}

/// A program's eligibility rule for a [`Block::Rules`]: in plain words
/// where pantau can say it, with the rule as written beside it.
pub(crate) fn rule_item(c: &Ctx, name: &str, rule: &str) -> RuleItem {
    RuleItem {
        name: name.to_string(),
        words: super::criteria::in_words(rule, &c.say).unwrap_or_default(),
        rule: rule.to_string(),
    }
}

/// [`groups_rows`] for the given groups of `group_by`.
pub(crate) fn rows_of_groups(
    c: &Ctx,
    groups: &[&Row],
    ids: &[Id],
    period: &Period,
    group_by: &str,
    total: bool,
) -> (Vec<String>, Vec<Vec<Cell>>) {
    program_rows_of_groups(c, groups, ids, period, ALL, group_by, total)
}

/// [`rows_of_groups`] of one program slot (`all`, `aid` or a program).
pub(crate) fn program_rows_of_groups(
    c: &Ctx,
    groups: &[&Row],
    ids: &[Id],
    period: &Period,
    program: &str,
    group_by: &str,
    total: bool,
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let s = &c.say;
    let mut head = vec![s.t(&format!("by-{group_by}"))];
    head.extend(ids.iter().map(|id| s.t(&format!("ind-{id}"))));
    let mut rows: Vec<Vec<Cell>> = groups
        .iter()
        .map(|g| {
            let mut row = vec![Cell::text(super::labels::group_label(
                c, group_by, &g.group,
            ))];
            row.extend(
                ids.iter()
                    .map(|id| s.cell(c.look.get(*id, period, program, group_by, &g.group))),
            );
            row
        })
        .collect();
    if total {
        let mut all = vec![Cell::text(s.t("total")).class("total")];
        all.extend(
            ids.iter()
                .map(|id| s.cell(c.look.site(*id, period, program)).class("total")),
        );
        rows.push(all);
    }
    (head, rows)
}

/// The difference-in-differences estimate per survey round with its
/// bootstrap interval, as a trend chart.
pub(crate) fn did_chart(c: &Ctx, id: String, title: String, range: Option<(f64, f64)>) -> Chart {
    let s = &c.say;
    let did: Vec<_> = c
        .rounds
        .iter()
        .map(|r| c.look.site(Id::IncomeImpactDid, r, ALL))
        .collect();
    Chart::pending(Plot::Trend(Trend {
        id,
        title,
        summary: s.t("chart-did-summary"),
        periods: c.round_labels(),
        series: vec![Series {
            name: s.t("ind-income_impact_did"),
            values: did.iter().map(|r| r.and_then(|r| r.value.get())).collect(),
            intervals: did
                .iter()
                .map(|r| r.and_then(|r| Some((r.ci_low.get()?, r.ci_high.get()?))))
                .collect(),
        }],
        target: None,
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah-month"),
        range,
    }))
}

/// Feedback by category and by channel, in the period and over all data.
/// The feedback section, or when the site has no feedback file yet, what
/// it would show and the file to add.
pub(crate) fn feedback_or_missing(c: &Ctx) -> Option<Section> {
    if c.lacks(crate::contract::Table::Feedback) {
        return Some(c.missing_section(
            "feedback",
            c.say.t("sec-feedback"),
            "what-feedback",
            crate::contract::Table::Feedback,
        ));
    }
    feedback_section(c)
}

pub(crate) fn feedback_section(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    c.look.site(Id::FeedbackCount, &Period::All, ALL)?;
    let ids = [
        Id::FeedbackCount,
        Id::FeedbackResolutionRate,
        Id::FeedbackMedianDays,
    ];
    let by_table = |period: &Period, group_by: &str| {
        let (head, rows) = groups_rows(c, Id::FeedbackCount, &ids, period, group_by, true);
        let when = if *period == Period::All {
            s.t("period-all")
        } else {
            period.label()
        };
        table(
            s.ta(
                "cap-feedback",
                &[
                    ("by", s.in_sentence(&format!("by-{group_by}"))),
                    ("period", when),
                ],
            ),
            head,
            1,
            rows,
            None,
        )
    };
    let mut blocks = Vec::new();
    if c.look.site(Id::FeedbackCount, &c.period, ALL).is_some() {
        blocks.push(Block::Table(by_table(&c.period, "category")));
    }
    blocks.push(Block::Table(by_table(&Period::All, "category")));
    blocks.push(Block::Table(by_table(&Period::All, "channel")));
    Some(Section {
        id: "feedback".into(),
        title: s.t("sec-feedback"),
        intro: [s.t("intro-feedback")]
            .into_iter()
            .chain(c.all_data_note(Id::FeedbackCount))
            .collect(),
        blocks,
    })
}

/// Rows read, accepted and rejected per file, and every warning.
/// The problems of the validation, grouped by file, rule and column, in
/// the report's language: how many, what they mean and the first few
/// lines, so a long list stays a few lines.
fn grouped_problems(c: &Ctx) -> Vec<String> {
    const LINES: usize = 5;
    let s = &c.say;
    type Key<'a> = (String, &'a str, &'a str, crate::problem::Severity);
    let mut groups: Vec<(Key, Vec<&crate::problem::Problem>)> = Vec::new();
    for p in c
        .site
        .validation
        .files
        .iter()
        .flat_map(|f| f.problems.iter())
    {
        let key = (
            super::labels::short_name(&c.site.dir, &p.file),
            p.rule.as_str(),
            p.column.as_str(),
            p.severity,
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(p),
            None => groups.push((key, vec![p])),
        }
    }
    groups
        .into_iter()
        .map(|((file, rule, column, severity), list)| {
            let mut lines: Vec<String> = list
                .iter()
                .take(LINES)
                .filter_map(|p| p.row.map(|r| s.fmt.count(r as f64)))
                .collect();
            if list.len() > LINES {
                lines.push("…".into());
            }
            let args = [
                ("n", s.fmt.count(list.len() as f64)),
                ("file", file),
                ("column", {
                    let id = format!("column-{column}");
                    if s.msg.has(&id) {
                        s.t(&id)
                    } else {
                        crate::contract::escape_hidden(column).into_owned()
                    }
                }),
                (
                    "where",
                    if lines.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", s.ta("dq-rows", &[("lines", lines.join(", "))]))
                    },
                ),
                ("rule", rule.to_string()),
                (
                    "message",
                    crate::contract::escape_hidden(&list[0].message).into_owned(),
                ),
            ];
            // Rows rejected under --max-rejected-rows are errors, not warnings.
            let id = match severity {
                crate::problem::Severity::Error => "err-other".to_string(),
                crate::problem::Severity::Warning => format!("warn-{rule}"),
            };
            s.ta(if s.msg.has(&id) { &id } else { "warn-other" }, &args)
        })
        .collect()
}

pub(crate) fn quality_section(c: &Ctx) -> Section {
    let s = &c.say;
    let report = &c.site.validation;
    let head = vec![
        s.t("col-file"),
        s.t("col-rows-read"),
        s.t("col-rows-accepted"),
        s.t("col-rows-rejected"),
        s.t("col-warnings"),
    ];
    let rows = report
        .files
        .iter()
        .filter(|f| f.table != "site")
        .map(|f| {
            vec![
                Cell::text(f.with_sheet(super::labels::short_name(&c.site.dir, &f.file))),
                s.count_cell(Some(f.rows_read as f64)),
                s.count_cell(Some(f.rows_accepted as f64)),
                s.count_cell(Some(f.rows_rejected as f64)),
                s.count_cell(Some(f.warnings as f64)),
            ]
        })
        .collect();
    let warnings = grouped_problems(c);
    let mut blocks = vec![Block::Table(table(s.t("cap-quality"), head, 1, rows, None))];
    blocks.push(if warnings.is_empty() {
        Block::Note {
            text: s.t("note-no-warnings"),
        }
    } else {
        Block::List { items: warnings }
    });
    Section {
        id: "quality".into(),
        title: s.t("sec-quality"),
        intro: vec![if report.errors == 0 {
            s.ta(
                "intro-quality",
                &[
                    ("errors", s.fmt.count(0.0)),
                    ("warnings", s.fmt.count(report.warnings as f64)),
                ],
            )
        } else {
            let rejected: u64 = report.files.iter().map(|f| f.rows_rejected).sum();
            s.ta(
                "intro-quality-rejected",
                &[
                    ("rejected", s.fmt.count(rejected as f64)),
                    ("errors", s.fmt.count(report.errors as f64)),
                    ("warnings", s.fmt.count(report.warnings as f64)),
                ],
            )
        }],
        blocks,
    }
}

/// Formulas of the indicators shown, each program's eligibility rule, and
/// the choices behind the figures.
pub(crate) fn methodology_section(c: &Ctx, ids: &[Id]) -> Section {
    let s = &c.say;
    let definitions = definitions(s, ids);
    let eligibility = c
        .site
        .config
        .programs
        .iter()
        .map(|p| rule_item(c, &format!("{} ({})", p.code, p.name), &p.eligible_when))
        .collect();
    let choices = [
        "method-period",
        "method-active",
        "method-reached",
        "method-panel",
        "method-bootstrap",
        "method-equity",
        "method-empty",
    ]
    .iter()
    .map(|id| s.t(id))
    .collect();
    Section {
        id: "methodology".into(),
        title: s.t("sec-methodology"),
        intro: vec![s.t("intro-methodology")],
        blocks: vec![
            Block::Definitions { items: definitions },
            Block::Note {
                text: s.t("method-eligibility"),
            },
            Block::Rules { items: eligibility },
            Block::Note {
                text: s.t("method-choices"),
            },
            Block::List { items: choices },
        ],
    }
}

/// The definitions of the given indicators, in the order of the
/// definitions page.
pub(crate) fn definitions(s: &Say, ids: &[Id]) -> Vec<Definition> {
    Id::ALL
        .iter()
        .filter(|id| ids.contains(id))
        .map(|id| Definition {
            term: s.t(&format!("ind-{id}")),
            id: id.to_string(),
            text: s.t(&format!("def-{id}")),
        })
        .collect()
}

/// Sorts items by a figure, lowest first; items without it last, ties by
/// name.
pub(crate) fn lowest_first<T>(
    items: &mut [T],
    value: impl Fn(&T) -> Option<f64>,
    name: impl Fn(&T) -> &str,
) {
    items.sort_by(|a, b| {
        match (value(a), value(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| name(a).cmp(name(b)))
    });
}
