//! The council report's budget and integrity sections (planned against
//! realised, cost per beneficiary, the reconciliation of program expense
//! lines against the aid ledger, integrity flags) and the auditor's exports
//! of the flag and reconciliation tables as CSV and XLSX.
//!
//! Everything shown here is cut at the report's quarter: quarter figures for
//! the quarter, year to date through it, and flags and reconciliation lines
//! of every quarter up to it.

use anyhow::{Context, Result};
use rust_xlsxwriter::{Format, Workbook};

use crate::charts::bars::Bars;
use crate::charts::trend::{Series, Trend};
use crate::charts::{Axis, Chart, Plot};
use crate::indicators::budget::ytd_label;
use crate::indicators::integrity::{DUPLICATE_NIK, FLAGS};
use crate::indicators::{csv_text, neutralise, Case, Detail, Quarter, ReconLine, Verdict, ALL};
use crate::privacy::mask_id;

use super::common::table;
use super::context::Ctx;
use super::council::funder_label;
use super::page::{Block, Cell, Section};
use crate::fmt::NONE;

/// Detail rows shown per flag in the report; the exports have them all.
const SHOWN_CASES: usize = 25;

fn quarter(c: &Ctx) -> Option<Quarter> {
    Quarter::parse(&c.period)
}

/// Up to and including the report's quarter (`all` always).
fn up_to(c: &Ctx, period: &str) -> bool {
    match (Quarter::parse(period), quarter(c)) {
        (Some(p), Some(q)) => p <= q,
        _ => true,
    }
}

fn category_label(c: &Ctx, kind: &str, category: &str) -> String {
    if kind == "revenue" {
        return funder_label(c, category);
    }
    match c.site.config.program(category) {
        Some(p) => format!("{} · {}", p.code, p.name),
        None => c
            .say
            .msg
            .maybe(&format!("use-{category}"))
            .unwrap_or_else(|| category.to_string()),
    }
}

/// Planned against realised per revenue source and expense category, in the
/// quarter and year to date, with the balance; the expense chart; the
/// absorption trend.
pub(crate) fn budget_section(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    let q = quarter(c)?;
    let lines = &c.ind.budget.lines;
    if !lines.iter().any(|l| l.period == q) {
        return None;
    }
    let ytd = ytd_label(q);
    let head = vec![
        s.t("col-category"),
        s.t("col-planned"),
        s.t("col-realised"),
        s.t("ind-budget_absorption"),
        s.t("col-planned-ytd"),
        s.t("col-realised-ytd"),
        s.t("col-absorption-ytd"),
        s.t("ind-funding_share"),
    ];
    let amounts = |kind: &str, category: Option<&str>, ytd: bool| {
        lines
            .iter()
            .filter(|l| l.kind == kind && category.is_none_or(|cat| cat == l.category))
            .filter(|l| {
                if ytd {
                    l.period.year == q.year && l.period <= q
                } else {
                    l.period == q
                }
            })
            .fold((0i64, 0i64), |(p, r), l| (p + l.planned, r + l.realised))
    };
    let mut categories: Vec<(String, String)> = Vec::new();
    for l in lines
        .iter()
        .filter(|l| l.period.year == q.year && l.period <= q)
    {
        let key = (l.kind.clone(), l.category.clone());
        if !categories.contains(&key) {
            categories.push(key);
        }
    }
    let money = |x: i64| Cell::text(s.fmt.rupiah(x as f64));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for kind in ["revenue", "expense"] {
        let (id, by) = if kind == "revenue" {
            ("revenue_realisation", "source")
        } else {
            ("budget_absorption", "category")
        };
        rows.push(vec![Cell::text(s.t(&format!("kind-{kind}"))).class("group")]);
        for (_, category) in categories.iter().filter(|(k, _)| k == kind) {
            let (p, r) = amounts(kind, Some(category), false);
            let (py, ry) = amounts(kind, Some(category), true);
            // The amounts are in the row: the shares need no basis under them.
            let share = if kind == "revenue" {
                s.value(c.look.get("funding_share", &c.period, ALL, by, category))
            } else {
                String::new()
            };
            let label = match c.site.config.program(category) {
                Some(p) => Cell::with_sub(p.code.clone(), p.name.clone()),
                None => Cell::text(category_label(c, kind, category)),
            };
            rows.push(vec![
                label,
                money(p),
                money(r),
                Cell::text(s.value(c.look.get(id, &c.period, ALL, by, category))),
                money(py),
                money(ry),
                Cell::text(s.value(c.look.get(id, &ytd, ALL, by, category))),
                Cell::text(share),
            ]);
        }
        let (p, r) = amounts(kind, None, false);
        let (py, ry) = amounts(kind, None, true);
        rows.push(
            vec![
                Cell::text(s.t(&format!("total-{kind}"))),
                money(p),
                money(r),
                Cell::text(s.value(c.look.site(id, &c.period, ALL))),
                money(py),
                money(ry),
                Cell::text(s.value(c.look.site(id, &ytd, ALL))),
                Cell::text(""),
            ]
            .into_iter()
            .map(|cell| cell.class("total"))
            .collect(),
        );
    }
    let balance = |period: &str| s.value(c.look.site("budget_balance", period, ALL));
    rows.push(
        vec![
            Cell::text(s.t("ind-budget_balance")),
            Cell::text(""),
            Cell::text(balance(&c.period)),
            Cell::text(""),
            Cell::text(""),
            Cell::text(balance(&ytd)),
            Cell::text(""),
            Cell::text(""),
        ]
        .into_iter()
        .map(|cell| cell.class("total"))
        .collect(),
    );
    let mut blocks = vec![Block::Table(table(
        s.ta(
            "cap-budget",
            &[("period", c.period.clone()), ("year", q.year.to_string())],
        ),
        head,
        1,
        rows,
        Some(s.t("note-budget")),
    ))];

    let expense: Vec<&(String, String)> =
        categories.iter().filter(|(k, _)| k == "expense").collect();
    let planned: Vec<Option<f64>> = expense
        .iter()
        .map(|(_, cat)| Some(amounts("expense", Some(cat), false).0 as f64))
        .collect();
    let realised: Vec<Option<f64>> = expense
        .iter()
        .map(|(_, cat)| Some(amounts("expense", Some(cat), false).1 as f64))
        .collect();
    let total = amounts("expense", None, false);
    blocks.push(Block::Chart(Chart::pending(Plot::Bars(Bars {
        id: "chart-planned-realised".into(),
        title: s.ta("chart-planned-realised", &[("period", c.period.clone())]),
        summary: s.ta(
            "chart-planned-realised-summary",
            &[
                ("planned", s.fmt.rupiah(total.0 as f64)),
                ("realised", s.fmt.rupiah(total.1 as f64)),
                (
                    "absorption",
                    s.value(c.look.site("budget_absorption", &c.period, ALL)),
                ),
            ],
        ),
        categories: expense
            .iter()
            .map(|(k, cat)| {
                c.site
                    .config
                    .program(cat)
                    .map(|p| p.code.clone())
                    .unwrap_or_else(|| category_label(c, k, cat))
            })
            .collect(),
        series: vec![
            (s.t("col-planned"), planned),
            (s.t("col-realised"), realised),
        ],
        target: None,
        axis: Axis::Rupiah,
        axis_label: s.t("axis-rupiah"),
    }))));

    let budget_quarters: Vec<String> = c
        .quarters
        .iter()
        .filter(|p| c.look.site("budget_absorption", p, ALL).is_some())
        .cloned()
        .collect();
    if budget_quarters.len() > 1 {
        let series = |id: &str| Series {
            name: s.t(&format!("ind-{id}")),
            values: budget_quarters
                .iter()
                .map(|p| c.look.site(id, p, ALL).and_then(|r| r.value))
                .collect(),
            intervals: Vec::new(),
        };
        blocks.push(Block::Chart(Chart::pending(Plot::Trend(Trend {
            id: "chart-absorption-trend".into(),
            title: s.t("chart-absorption-trend"),
            summary: s.ta(
                "chart-absorption-trend-summary",
                &[
                    ("first", budget_quarters[0].clone()),
                    ("last", c.period.clone()),
                    (
                        "value",
                        s.value(c.look.site("budget_absorption", &c.period, ALL)),
                    ),
                ],
            ),
            periods: budget_quarters.clone(),
            series: vec![series("budget_absorption"), series("revenue_realisation")],
            target: c.target("budget_absorption").map(|t| (s.t("target"), t)),
            axis: Axis::Percent,
            axis_label: s.t("axis-percent"),
        }))));
    }
    Some(Section {
        id: "budget".into(),
        title: s.t("sec-budget"),
        intro: vec![s.t("intro-budget")],
        blocks,
    })
}

/// Cost per household reached, per program, in the quarter and year to date.
pub(crate) fn cost_section(c: &Ctx) -> Option<Section> {
    let s = &c.say;
    let q = quarter(c)?;
    c.look.site("cost_per_beneficiary", &c.period, ALL)?;
    let ytd = ytd_label(q);
    let head = vec![
        s.t("col-program"),
        s.t("col-cost-quarter"),
        s.t("col-cost-ytd"),
    ];
    let rows = program_rows(
        c,
        &[
            ("cost_per_beneficiary", &c.period),
            ("cost_per_beneficiary", &ytd),
        ],
        "all-programs",
    );
    let mut blocks = vec![Block::Table(table(
        s.ta("cap-cost", &[("period", c.period.clone())]),
        head,
        1,
        rows,
        Some(s.t("note-cost")),
    ))];
    if c.look
        .site("local_sourcing_share", &c.period, ALL)
        .is_some()
    {
        let head = vec![
            s.t("col-program"),
            s.t("ind-local_sourcing_share"),
            s.t("ind-eco_packaging_share"),
        ];
        let rows = program_rows(
            c,
            &[
                ("local_sourcing_share", &c.period),
                ("eco_packaging_share", &c.period),
            ],
            "all-goods",
        );
        blocks.push(Block::Table(table(
            s.ta("cap-sourcing", &[("period", c.period.clone())]),
            head,
            1,
            rows,
            None,
        )));
    }
    Some(Section {
        id: "cost".into(),
        title: s.t("sec-cost"),
        intro: vec![s.t("intro-cost")],
        blocks,
    })
}

/// A row per program that has the first (id, period), a cell per
/// (id, period) with its basis, and a total row for `all`.
fn program_rows(c: &Ctx, cells: &[(&str, &str)], total: &str) -> Vec<Vec<Cell>> {
    let s = &c.say;
    let (first, period) = cells[0];
    let mut rows: Vec<Vec<Cell>> = c
        .site
        .config
        .programs
        .iter()
        .filter(|p| c.look.site(first, period, &p.code).is_some())
        .map(|p| {
            let mut row = vec![Cell::with_sub(p.code.clone(), p.name.clone())];
            row.extend(
                cells
                    .iter()
                    .map(|(id, period)| s.cell(c.look.site(id, period, &p.code))),
            );
            row
        })
        .collect();
    let mut all = vec![Cell::text(s.t(total)).class("total")];
    all.extend(
        cells
            .iter()
            .map(|(id, period)| s.cell(c.look.site(id, period, ALL)).class("total")),
    );
    rows.push(all);
    rows
}

fn verdict_cell(c: &Ctx, v: Verdict) -> Cell {
    let s = &c.say;
    let text = s.t(&format!("verdict-{}", v.as_str()));
    match v {
        Verdict::Matches => Cell::text(format!("✓ {text}")),
        _ => Cell::text(format!("⚠ {text}")).class("alert"),
    }
}

fn lines_text(lines: &[u64]) -> String {
    match (lines.first(), lines.last()) {
        (Some(a), Some(b)) if lines.len() > 3 => format!("{a}–{b}"),
        _ => lines
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn recon_row(c: &Ctx, r: &ReconLine, with_period: bool) -> Vec<Cell> {
    let s = &c.say;
    let program = c
        .site
        .config
        .program(&r.program)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let mut row = vec![Cell::with_sub(r.program.clone(), program)];
    if with_period {
        row.push(Cell::text(r.period.clone()));
    }
    row.extend([
        Cell::text(if r.budget_lines.is_empty() {
            s.t("no-budget-line")
        } else {
            lines_text(&r.budget_lines)
        }),
        Cell::text(s.fmt.rupiah(r.realised as f64)),
        Cell::with_sub(
            s.fmt.rupiah(r.delivered as f64),
            s.ta(
                "deliveries-households",
                &[
                    ("n", s.fmt.count(r.deliveries as f64)),
                    ("households", s.fmt.count(r.households as f64)),
                ],
            ),
        ),
        Cell::with_sub(
            s.fmt.signed_rupiah(r.gap as f64),
            r.gap_share.map(|g| s.fmt.percent(g)).unwrap_or_default(),
        ),
        verdict_cell(c, r.verdict),
    ]);
    row
}

/// Each program's expense line against the delivered ledger.
pub(crate) fn reconciliation_section(c: &Ctx, exports: &[String]) -> Option<Section> {
    let s = &c.say;
    let recon = &c.ind.budget.reconciliation;
    let now: Vec<&ReconLine> = recon.iter().filter(|r| r.period == c.period).collect();
    if now.is_empty() {
        return None;
    }
    let mut head = vec![
        s.t("col-program"),
        s.t("col-budget-lines"),
        s.t("col-realised"),
        s.t("col-ledger-delivered"),
        s.t("col-gap"),
        s.t("col-verdict"),
    ];
    let tolerance = c.site.config.reconciliation;
    let note = s.ta(
        "note-reconciliation",
        &[
            ("share", s.fmt.percent(tolerance.tolerance_share)),
            ("rupiah", s.fmt.rupiah(tolerance.tolerance_rupiah as f64)),
        ],
    );
    let mut blocks = vec![Block::Table(table(
        s.ta("cap-reconciliation", &[("period", c.period.clone())]),
        head.clone(),
        2,
        now.iter().map(|r| recon_row(c, r, false)).collect(),
        Some(note),
    ))];
    let open: Vec<&ReconLine> = recon
        .iter()
        .filter(|r| r.verdict != Verdict::Matches && up_to(c, &r.period))
        .collect();
    if open.is_empty() {
        blocks.push(Block::Note {
            text: s.t("reconciliation-all-match"),
        });
    } else {
        head.insert(1, s.t("col-period"));
        let rows = open.iter().map(|r| recon_row(c, r, true)).collect();
        let ledger_lines: Vec<String> = open
            .iter()
            .map(|r| {
                let lines: Vec<u64> = r.rows.iter().map(|x| x.line).collect();
                s.ta(
                    "reconciliation-rows",
                    &[
                        ("program", r.program.clone()),
                        ("period", r.period.clone()),
                        ("n", s.fmt.count(r.rows.len() as f64)),
                        ("lines", lines_text(&lines)),
                    ],
                )
            })
            .collect();
        blocks.push(Block::Table(table(
            s.ta("cap-reconciliation-open", &[("period", c.period.clone())]),
            head,
            3,
            rows,
            Some(s.ta("note-exports", &[("files", exports.join(", "))])),
        )));
        blocks.push(Block::List {
            items: ledger_lines,
        });
    }
    Some(Section {
        id: "reconciliation".into(),
        title: s.t("sec-reconciliation"),
        intro: vec![s.t("intro-reconciliation")],
        blocks,
    })
}

/// A flag's explanation in the report's language.
pub(crate) fn detail_text(c: &Ctx, case: &Case) -> String {
    let s = &c.say;
    match &case.detail {
        Detail::DuplicatePayment {
            month,
            first_line,
            first_id,
        } => s.ta(
            "detail-duplicate",
            &[
                ("month", month.clone()),
                ("line", first_line.to_string()),
                ("id", first_id.clone()),
            ],
        ),
        Detail::Ineligible { eligible_when } => {
            s.ta("detail-ineligible", &[("criteria", eligible_when.clone())])
        }
        Detail::AfterExit { status, since } => s.ta(
            "detail-after-exit",
            &[
                ("status", s.t(&format!("status-{status}"))),
                ("date", since.clone()),
            ],
        ),
        Detail::OverEntitlement { delivered, allowed } => s.ta(
            "detail-over",
            &[
                ("delivered", s.fmt.rupiah(*delivered as f64)),
                ("allowed", s.fmt.rupiah(*allowed as f64)),
            ],
        ),
        Detail::DuplicateNik { nik, households } => s.ta(
            "detail-nik",
            &[("nik", nik.clone()), ("n", s.fmt.count(*households as f64))],
        ),
        Detail::Unregistered => s.t("detail-unregistered"),
    }
}

fn shown_cases<'a>(c: &'a Ctx) -> impl Iterator<Item = &'a Case> {
    c.ind.cases.iter().filter(|k| up_to(c, &k.period))
}

/// The flag summary (cases and amounts in the quarter and up to it), a
/// quarter-by-quarter count, and a table per flag with the rows behind it.
pub(crate) fn integrity_section(c: &Ctx, exports: &[String]) -> Section {
    let s = &c.say;
    let head = vec![
        s.t("col-flag"),
        s.ta("col-cases-in", &[("period", c.period.clone())]),
        s.ta("col-amount-in", &[("period", c.period.clone())]),
        s.t("col-cases-to-date"),
        s.t("col-amount-to-date"),
    ];
    let mut rows = Vec::new();
    for flag in FLAGS {
        let all: Vec<&Case> = shown_cases(c).filter(|k| k.flag == flag).collect();
        let now: Vec<&&Case> = all.iter().filter(|k| k.period == c.period).collect();
        let sum = |cases: &mut dyn Iterator<Item = &Case>| cases.map(|k| k.amount).sum::<i64>();
        let (n_now, amount_now) = if flag == DUPLICATE_NIK {
            (Cell::text(NONE), Cell::text(NONE))
        } else {
            (
                s.count_cell(Some(now.len() as f64)),
                Cell::text(s.fmt.rupiah(sum(&mut now.iter().map(|k| **k)) as f64)),
            )
        };
        let class = if all.is_empty() { "" } else { "alert" };
        rows.push(vec![
            Cell::with_sub(s.t(&format!("ind-{flag}")), s.t(&format!("about-{flag}"))),
            n_now.class(class),
            amount_now,
            s.count_cell(Some(all.len() as f64)).class(class),
            Cell::text(s.fmt.rupiah(sum(&mut all.iter().copied()) as f64)),
        ]);
    }
    let mut blocks = vec![Block::Table(table(
        s.ta("cap-flags", &[("period", c.period.clone())]),
        head,
        1,
        rows,
        Some(s.ta("note-exports", &[("files", exports.join(", "))])),
    ))];

    // Cases per quarter: the trend.
    let quarters: Vec<&String> = c.quarters.iter().collect();
    if quarters.len() > 1 {
        let mut head = vec![s.t("col-flag")];
        head.extend(quarters.iter().map(|q| (*q).clone()));
        let rows = FLAGS
            .iter()
            .filter(|f| **f != DUPLICATE_NIK)
            .map(|flag| {
                let mut row = vec![Cell::text(s.t(&format!("ind-{flag}")))];
                row.extend(
                    quarters
                        .iter()
                        .map(|q| s.count_cell(c.look.site(flag, q, ALL).and_then(|r| r.value))),
                );
                row
            })
            .collect();
        blocks.push(Block::Table(table(
            s.t("cap-flags-trend"),
            head,
            1,
            rows,
            None,
        )));
    }

    for flag in FLAGS {
        let cases: Vec<&Case> = shown_cases(c).filter(|k| k.flag == flag).collect();
        if cases.is_empty() {
            continue;
        }
        let head = vec![
            s.t("col-period"),
            s.t("col-program"),
            s.t("col-household"),
            s.t("col-file-lines"),
            s.t("col-records"),
            s.t("col-why"),
            s.t("col-amount"),
        ];
        let rows = cases
            .iter()
            .take(SHOWN_CASES)
            .map(|k| {
                vec![
                    Cell::text(if k.period == ALL {
                        s.t("period-all")
                    } else {
                        k.period.clone()
                    }),
                    Cell::text(k.program.clone()),
                    Cell::text(k.household_shown()),
                    Cell::text(format!(
                        "{}: {}",
                        c.site.file_name(k.table),
                        lines_text(&k.lines)
                    )),
                    Cell::text(records_text(k)),
                    Cell::text(detail_text(c, k)),
                    Cell::text(s.fmt.rupiah(k.amount as f64)),
                ]
            })
            .collect();
        let note = (cases.len() > SHOWN_CASES).then(|| {
            s.ta(
                "note-more-cases",
                &[
                    ("n", s.fmt.count((cases.len() - SHOWN_CASES) as f64)),
                    ("files", exports.join(", ")),
                ],
            )
        });
        blocks.push(Block::Table(table(
            s.ta(
                "cap-flag-cases",
                &[
                    ("flag", s.t(&format!("ind-{flag}"))),
                    ("n", s.fmt.count(cases.len() as f64)),
                ],
            ),
            head,
            6,
            rows,
            note,
        )));
    }
    Section {
        id: "integrity".into(),
        title: s.t("sec-integrity"),
        intro: vec![s.t("intro-integrity")],
        blocks,
    }
}

/// Distribution ids, or masked household ids for registry flags.
fn records_text(k: &Case) -> String {
    let shown: Vec<String> = if k.table == "households" {
        k.records.iter().map(|r| mask_id(r)).collect()
    } else {
        k.records.clone()
    };
    if shown.len() > 4 {
        format!(
            "{} … {} ({})",
            shown[0],
            shown[shown.len() - 1],
            shown.len()
        )
    } else {
        shown.join(", ")
    }
}

/// Headline numbers of the flags up to the report's quarter: cases and rupiah.
pub(crate) fn flag_totals(c: &Ctx) -> (usize, i64) {
    let cases: Vec<&Case> = shown_cases(c).collect();
    (cases.len(), cases.iter().map(|k| k.amount).sum())
}

/// One export table: a name, column names and text cells.
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// CSV text; cells that start like a formula are neutralised.
    pub fn to_csv(&self) -> String {
        let mut out = self.columns.join(",");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .zip(&self.columns)
                .map(|(cell, column)| match number(column, cell) {
                    Some(_) => cell.clone(),
                    None => csv_text(cell),
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }
}

/// The auditor's tables: every flagged case and every reconciliation line
/// up to the report's quarter, and the ledger rows behind lines that do not
/// match. Household ids are masked like everywhere else; ledger lines and
/// distribution ids lead back to the files.
pub(crate) fn sheets(c: &Ctx) -> Vec<Sheet> {
    let flags = Sheet {
        name: "flags",
        columns: vec![
            "flag",
            "period",
            "program",
            "household",
            "file",
            "lines",
            "records",
            "date",
            "amount",
            "detail",
        ],
        rows: shown_cases(c)
            .map(|k| {
                vec![
                    k.flag.to_string(),
                    k.period.clone(),
                    k.program.clone(),
                    k.household_shown(),
                    c.site.file_name(k.table),
                    join_numbers(&k.lines),
                    if k.table == "households" {
                        k.records
                            .iter()
                            .map(|r| mask_id(r))
                            .collect::<Vec<_>>()
                            .join(" ")
                    } else {
                        k.records.join(" ")
                    },
                    k.date.clone().unwrap_or_default(),
                    k.amount.to_string(),
                    detail_text(c, k),
                ]
            })
            .collect(),
    };
    let shown: Vec<&ReconLine> = c
        .ind
        .budget
        .reconciliation
        .iter()
        .filter(|r| up_to(c, &r.period))
        .collect();
    let reconciliation = Sheet {
        name: "reconciliation",
        columns: vec![
            "period",
            "program",
            "budget_lines",
            "planned",
            "realised",
            "delivered",
            "deliveries",
            "households",
            "gap",
            "gap_percent",
            "allowed_gap",
            "verdict",
        ],
        rows: shown
            .iter()
            .map(|r| {
                vec![
                    r.period.clone(),
                    r.program.clone(),
                    join_numbers(&r.budget_lines),
                    r.planned.to_string(),
                    r.realised.to_string(),
                    r.delivered.to_string(),
                    r.deliveries.to_string(),
                    r.households.to_string(),
                    r.gap.to_string(),
                    r.gap_share
                        .map(|g| format!("{:.2}", g * 100.0))
                        .unwrap_or_default(),
                    format!("{:.0}", r.allowed),
                    r.verdict.as_str().to_string(),
                ]
            })
            .collect(),
    };
    let ledger_rows = Sheet {
        name: "ledger_rows",
        columns: vec![
            "period",
            "program",
            "line",
            "distribution_id",
            "date",
            "household",
            "value",
            "status",
        ],
        rows: shown
            .iter()
            .flat_map(|r| {
                r.rows.iter().map(|x| {
                    vec![
                        r.period.clone(),
                        r.program.clone(),
                        x.line.to_string(),
                        x.distribution_id.clone(),
                        x.date.clone(),
                        mask_id(&x.household_id),
                        x.value.to_string(),
                        x.status.clone(),
                    ]
                })
            })
            .collect(),
    };
    vec![flags, reconciliation, ledger_rows]
}

fn join_numbers(lines: &[u64]) -> String {
    lines
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Columns whose cells are numbers: written as numbers, never neutralised.
const NUMERIC: [&str; 11] = [
    "gap_percent",
    "amount",
    "planned",
    "realised",
    "delivered",
    "deliveries",
    "households",
    "gap",
    "allowed_gap",
    "line",
    "value",
];

/// The value of a cell in a number column.
fn number(column: &str, cell: &str) -> Option<f64> {
    NUMERIC
        .contains(&column)
        .then(|| cell.parse::<f64>().ok())
        .flatten()
        .filter(|v| v.is_finite())
}

/// The sheets as one XLSX workbook. Text cells are neutralised like CSV
/// cells (a leading `'`), and written as strings, never as formulas.
pub(crate) fn to_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        for (j, column) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, *column, &bold)?;
        }
        for (i, row) in sheet.rows.iter().enumerate() {
            let r = (i + 1) as u32;
            for (j, cell) in row.iter().enumerate() {
                match number(sheet.columns[j], cell) {
                    Some(n) => {
                        ws.write_number(r, j as u16, n)?;
                    }
                    None => {
                        ws.write_string(r, j as u16, neutralise(cell))?;
                    }
                }
            }
        }
        ws.autofit();
    }
    book.save_to_buffer().context("writing the XLSX export")
}

/// The export files of a council report.
pub(crate) fn export_names(slug: &str, period: &str) -> Vec<String> {
    ["flags", "reconciliation", "ledger-rows"]
        .iter()
        .map(|t| format!("{slug}-{t}-{period}.csv"))
        .chain([format!("{slug}-audit-{period}.xlsx")])
        .collect()
}

/// Indicator ids the council report explains in its methodology: the
/// budget and integrity ids, and coverage.
pub(crate) fn council_ids() -> Vec<&'static str> {
    let mut ids = crate::indicators::budget_ids().to_vec();
    ids.push("coverage");
    ids
}
