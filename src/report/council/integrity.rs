//! The integrity flags: a summary of cases and amounts in the quarter and
//! up to it, the count per quarter, and a table per flag with the ledger or
//! registry lines behind each case.

use crate::fmt::NONE;
use crate::indicators::integrity::{DUPLICATE_NIK, FLAGS};
use crate::indicators::Period;
use crate::indicators::{Case, Detail, ALL};
use crate::privacy::mask_id;

use super::super::common::table;
use super::super::context::Ctx;
use super::super::page::{Block, Cell, Section};
use super::{lines_text, up_to};

/// Detail rows shown per flag in the report; the exports have them all.
const SHOWN_CASES: usize = 25;

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

pub(crate) fn shown_cases<'a>(c: &'a Ctx) -> impl Iterator<Item = &'a Case> {
    c.ind.cases.iter().filter(|k| up_to(c, &k.period))
}

/// The flag summary (cases and amounts in the quarter and up to it), a
/// quarter-by-quarter count, and a table per flag with the rows behind it.
pub(crate) fn integrity_section(c: &Ctx, exports: &[String]) -> Section {
    let s = &c.say;
    let head = vec![
        s.t("col-flag"),
        s.ta("col-cases-in", &[("period", c.period.label())]),
        s.ta("col-amount-in", &[("period", c.period.label())]),
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
        s.ta("cap-flags", &[("period", c.period.label())]),
        head,
        1,
        rows,
        Some(s.ta("note-exports", &[("files", exports.join(", "))])),
    ))];

    // Cases per quarter: the trend.
    let quarters: Vec<&Period> = c.quarters.iter().collect();
    if quarters.len() > 1 {
        let mut head = vec![s.t("col-flag")];
        head.extend(quarters.iter().map(|q| q.label()));
        let rows = FLAGS
            .iter()
            .filter(|f| **f != DUPLICATE_NIK)
            .map(|flag| {
                let mut row = vec![Cell::text(s.t(&format!("ind-{flag}")))];
                row.extend(
                    quarters
                        .iter()
                        .map(|q| s.count_cell(c.look.site(*flag, q, ALL).and_then(|r| r.value))),
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
                    Cell::text(if k.period == Period::All {
                        s.t("period-all")
                    } else {
                        k.period.label()
                    }),
                    Cell::text(super::super::labels::program_label(c, &k.program)),
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
pub(super) fn flag_totals(c: &Ctx) -> (usize, i64) {
    let cases: Vec<&Case> = shown_cases(c).collect();
    (cases.len(), cases.iter().map(|k| k.amount).sum())
}
