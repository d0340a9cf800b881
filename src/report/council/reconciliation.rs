//! Each program's expense line against the delivered ledger: the lines of
//! the quarter, then every line up to it that does not match, with the
//! ledger rows behind it.

use crate::indicators::Period;
use crate::indicators::{ReconLine, Verdict};

use super::super::common::table;
use super::super::context::Ctx;
use super::super::page::{Block, Cell, Section};
use super::{lines_text, up_to};

fn verdict_cell(c: &Ctx, v: Verdict) -> Cell {
    let s = &c.say;
    let text = s.t(&format!("verdict-{}", v.as_str()));
    match v {
        Verdict::Matches => Cell::text(format!("✓ {text}")),
        _ => Cell::text(format!("⚠ {text}")).class("alert"),
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
        row.push(Cell::text(r.period.label()));
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
    let now: Vec<&ReconLine> = recon.iter().filter(|r| r.period == c.quarter).collect();
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
        s.ta("cap-reconciliation", &[("period", c.period.label())]),
        head.clone(),
        2,
        now.iter().map(|r| recon_row(c, r, false)).collect(),
        Some(note),
    ))];
    let open: Vec<&ReconLine> = recon
        .iter()
        .filter(|r| r.verdict != Verdict::Matches && up_to(c, &Period::Quarter(r.period)))
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
                        ("period", r.period.label()),
                        ("n", s.fmt.count(r.rows.len() as f64)),
                        ("lines", lines_text(&lines)),
                    ],
                )
            })
            .collect();
        blocks.push(Block::Table(table(
            s.ta("cap-reconciliation-open", &[("period", c.period.label())]),
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
