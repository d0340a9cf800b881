//! The integrity flags: a summary of cases and amounts in the quarter and
//! up to it, the count per quarter, and a table per flag with the ledger or
//! registry lines behind each case.

use crate::fmt::NONE;
use crate::indicators::integrity::{DUPLICATE_NIK, FLAGS, INELIGIBLE_PAYMENT};
use crate::indicators::Period;
use crate::indicators::{Case, Detail, Id, ALL};

use super::super::common::table;
use super::super::context::Ctx;
use super::super::criteria;
use super::super::page::{Block, Cell, DataTable, Section};
use super::{registry_order, rw_name, up_to};

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

/// The cases of quarters up to the report's, and the registry's cases;
/// their rupiah up to the quarter is [`Case::amount_up_to`].
pub(crate) fn shown_cases<'a>(c: &'a Ctx) -> impl Iterator<Item = &'a Case> {
    c.ind.cases.iter().filter(|k| up_to(c, &k.period))
}

/// The cases of the report's quarter (registry cases have no quarter).
pub(crate) fn quarter_cases<'a>(c: &'a Ctx) -> impl Iterator<Item = &'a Case> {
    c.ind.cases.iter().filter(|k| k.period == c.period)
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
        let sum = |cases: &mut dyn Iterator<Item = &Case>| {
            cases.map(|k| k.amount_up_to(c.quarter)).sum::<i64>()
        };
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
        let rows =
            FLAGS
                .iter()
                .filter(|f| **f != DUPLICATE_NIK)
                .map(|flag| {
                    let mut row = vec![Cell::text(s.t(&format!("ind-{flag}")))];
                    row.extend(quarters.iter().map(|q| {
                        s.count_cell(c.look.site(*flag, q, ALL).and_then(|r| r.value.get()))
                    }));
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

    blocks.extend(
        FLAGS
            .iter()
            .filter_map(|flag| flag_table(c, *flag, exports))
            .map(Block::Table),
    );
    Section {
        id: "integrity".into(),
        title: s.t("sec-integrity"),
        intro: vec![s.t("intro-integrity")],
        blocks,
    }
}

/// RWs listed by name in a flag's table; past it the RWs with the most
/// cases are named and the others summed in one row.
const MAX_FLAG_RWS: usize = 12;

/// One flag's cases up to the report's quarter, grouped: a row per RW
/// (households missing from the registry last; in a large village the
/// [`MAX_FLAG_RWS`] with the most cases, then the others together), a
/// column per program, each
/// cell the cases with their rupiah, totals at the foot and, for more than
/// one program, at the right. The
/// note says in words what the flag means (with the programs' criteria for
/// payments to ineligible households) and where the ledger lines are.
fn flag_table(c: &Ctx, flag: Id, exports: &[String]) -> Option<DataTable> {
    let s = &c.say;
    let cases: Vec<&Case> = shown_cases(c).filter(|k| k.flag == flag).collect();
    if cases.is_empty() {
        return None;
    }
    let mut programs: Vec<&str> = c
        .site
        .config
        .programs
        .iter()
        .map(|p| p.code.as_str())
        .filter(|code| cases.iter().any(|k| k.program == *code))
        .collect();
    for k in &cases {
        if !programs.contains(&k.program.as_str()) {
            programs.push(&k.program);
        }
    }
    let mut rws = registry_order(cases.iter().map(|k| k.rw));
    let cell = |pick: &dyn Fn(&Case) -> bool, class: &'static str| {
        let picked: Vec<&&Case> = cases.iter().filter(|k| pick(k)).collect();
        if picked.is_empty() {
            return Cell::text("");
        }
        let amount: i64 = picked.iter().map(|k| k.amount_up_to(c.quarter)).sum();
        Cell::with_sub(
            s.fmt.count(picked.len() as f64),
            s.fmt.rupiah(amount as f64),
        )
        .class(class)
    };
    let mut head = vec![s.t("by-rw")];
    head.extend(programs.iter().map(|p| {
        if *p == ALL {
            s.t("all-programs")
        } else {
            (*p).to_string()
        }
    }));
    // A column over the programs when there is more than one.
    let across = programs.len() > 1;
    if across {
        head.push(s.t("all-programs"));
    }
    // A large village: the RWs with the most cases, the rest in one row.
    let mut others: Vec<Option<i64>> = Vec::new();
    if rws.len() > MAX_FLAG_RWS {
        let mut by_cases = rws.clone();
        by_cases.sort_by_key(|rw| std::cmp::Reverse(cases.iter().filter(|k| k.rw == *rw).count()));
        others = by_cases.split_off(MAX_FLAG_RWS - 1);
        rws.retain(|rw| !others.contains(rw));
    }
    let mut rows: Vec<Vec<Cell>> = rws
        .iter()
        .map(|rw| {
            let mut row = vec![Cell::text(rw_name(c, *rw))];
            row.extend(
                programs
                    .iter()
                    .map(|p| cell(&|k| k.rw == *rw && k.program == *p, "")),
            );
            if across {
                row.push(cell(&|k| k.rw == *rw, "total"));
            }
            row
        })
        .collect();
    if !others.is_empty() {
        let mut row = vec![Cell::text(
            s.ta("rw-others", &[("n", s.fmt.count(others.len() as f64))]),
        )];
        row.extend(
            programs
                .iter()
                .map(|p| cell(&|k| others.contains(&k.rw) && k.program == *p, "")),
        );
        if across {
            row.push(cell(&|k| others.contains(&k.rw), "total"));
        }
        rows.push(row);
    }
    let mut total = vec![Cell::text(s.t("total")).class("total")];
    total.extend(programs.iter().map(|p| cell(&|k| k.program == *p, "total")));
    if across {
        total.push(cell(&|_| true, "total"));
    }
    rows.push(total);
    let mut note = s.ta(
        "note-flag-table",
        &[
            ("about", s.t(&format!("about-{flag}"))),
            ("files", exports.join(", ")),
        ],
    );
    if flag == INELIGIBLE_PAYMENT {
        let criteria: Vec<String> = programs
            .iter()
            .filter_map(|code| c.site.config.program(code))
            .map(|p| {
                let words = criteria::in_words(&p.eligible_when, s)
                    .unwrap_or_else(|| p.eligible_when.clone());
                format!("{}: {words}", p.code)
            })
            .collect();
        note.push(' ');
        note.push_str(&s.ta("note-flag-criteria", &[("criteria", criteria.join("; "))]));
    }
    Some(table(
        s.ta(
            "cap-flag-cases",
            &[
                ("flag", s.t(&format!("ind-{flag}"))),
                ("n", s.fmt.count(cases.len() as f64)),
            ],
        ),
        head,
        1,
        rows,
        Some(note),
    ))
}

/// Headline numbers of the flags up to the report's quarter: cases and rupiah.
pub(super) fn flag_totals(c: &Ctx) -> (usize, i64) {
    let cases: Vec<&Case> = shown_cases(c).collect();
    (
        cases.len(),
        cases.iter().map(|k| k.amount_up_to(c.quarter)).sum(),
    )
}
