//! The simulation as a table on the terminal (the options side by side, a
//! measure per line) and as a tidy CSV (one row per option and measure).

use anyhow::Result;

use super::{Outcome, Simulation};
use crate::fmt::{Fmt, Lang};
use crate::report::i18n::Messages;
use crate::writer::{self, Cell};

/// One measure: its message id and its value for an outcome as a number
/// (for the CSV) and as shown (for the table).
struct Measure {
    id: &'static str,
    value: fn(&Outcome) -> Option<f64>,
    shown: fn(Fmt, &Outcome) -> String,
}

fn opt(fmt: Fmt, v: Option<f64>, f: fn(Fmt, f64) -> String) -> String {
    v.map_or_else(|| "–".to_string(), |v| f(fmt, v))
}

const MEASURES: &[Measure] = &[
    Measure {
        id: "sim-eligible",
        value: |o| Some(o.eligible as f64),
        shown: |f, o| f.count(o.eligible as f64),
    },
    Measure {
        id: "sim-cost-quarter",
        value: |o| Some(o.cost_quarter as f64),
        shown: |f, o| f.rupiah(o.cost_quarter as f64),
    },
    Measure {
        id: "sim-cost-year",
        value: |o| Some(o.cost_year as f64),
        shown: |f, o| f.rupiah(o.cost_year as f64),
    },
    Measure {
        id: "sim-served",
        value: |o| Some(o.served as f64),
        shown: |f, o| f.count(o.served as f64),
    },
    Measure {
        id: "sim-left-out",
        value: |o| Some(o.left_out as f64),
        shown: |f, o| f.count(o.left_out as f64),
    },
    Measure {
        id: "sim-poor-coverage",
        value: |o| o.poor_coverage,
        shown: |f, o| opt(f, o.poor_coverage, Fmt::percent),
    },
    Measure {
        id: "sim-non-poor-share",
        value: |o| o.non_poor_share,
        shown: |f, o| opt(f, o.non_poor_share, Fmt::percent),
    },
    Measure {
        id: "sim-cgh",
        value: |o| o.cgh,
        shown: |f, o| opt(f, o.cgh, |f, v| f.number(v, 2)),
    },
    Measure {
        id: "sim-headcount-before",
        value: |o| o.headcount_before,
        shown: |f, o| opt(f, o.headcount_before, Fmt::percent),
    },
    Measure {
        id: "sim-headcount-after",
        value: |o| o.headcount_after,
        shown: |f, o| opt(f, o.headcount_after, Fmt::percent),
    },
    Measure {
        id: "sim-gap-before",
        value: |o| o.gap_before,
        shown: |f, o| opt(f, o.gap_before, |f, v| f.number(v, 3)),
    },
    Measure {
        id: "sim-gap-after",
        value: |o| o.gap_after,
        shown: |f, o| opt(f, o.gap_after, |f, v| f.number(v, 3)),
    },
    Measure {
        id: "sim-lifted",
        value: |o| Some(o.lifted as f64),
        shown: |f, o| f.count(o.lifted as f64),
    },
    Measure {
        id: "sim-cost-per-lifted",
        value: |o| o.cost_per_lifted,
        shown: |f, o| opt(f, o.cost_per_lifted, Fmt::rupiah),
    },
    Measure {
        id: "sim-cost-per-gap-point",
        value: |o| o.cost_per_gap_point,
        shown: |f, o| opt(f, o.cost_per_gap_point, Fmt::rupiah),
    },
];

/// The lines above the table: what is simulated, the budget, the round.
pub(crate) fn heading(s: &Simulation, lang: Lang) -> Result<Vec<String>> {
    let m = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let mut lines = vec![m.args(
        "sim-heading",
        &[
            ("program", s.program.clone()),
            ("site", s.site.clone()),
            ("quarter", s.quarter.clone()),
            ("households", fmt.count(s.households as f64)),
            ("amount", fmt.rupiah(s.amount as f64)),
        ],
    )];
    lines.push(match (&s.budget, &s.budget_source) {
        (Some(b), Some(from)) => m.args(
            "sim-budget",
            &[("budget", fmt.rupiah(*b as f64)), ("source", from.clone())],
        ),
        _ => m.get("sim-no-budget"),
    });
    lines.push(match &s.round {
        Some(r) => m.args(
            "sim-round",
            &[
                ("round", r.clone()),
                ("surveyed", fmt.count(s.surveyed as f64)),
                ("line", fmt.rupiah(s.poverty_line as f64)),
            ],
        ),
        None => m.get("sim-no-round"),
    });
    if s.outcomes.iter().any(|o| o.left_out > 0) {
        lines.push(m.get("sim-served-note"));
    }
    m.check()?;
    Ok(lines)
}

/// The measures as a table: the options as columns, a measure per row.
pub(crate) fn table(s: &Simulation, lang: Lang) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let m = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let head: Vec<String> = s.outcomes.iter().map(|o| o.option.clone()).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for measure in MEASURES {
        let mut row = vec![m.get(measure.id)];
        row.extend(s.outcomes.iter().map(|o| (measure.shown)(fmt, o)));
        rows.push(row);
    }
    for d in 1..=10 {
        let mut row = vec![m.args("sim-incidence", &[("decile", d.to_string())])];
        row.extend(s.outcomes.iter().map(|o| {
            let share = o
                .incidence
                .iter()
                .find(|(x, _)| *x == d)
                .map_or(0.0, |x| x.1);
            fmt.percent(share)
        }));
        rows.push(row);
    }
    if let Some(first) = s.outcomes.first() {
        for (j, (program, _)) in first.overlap.iter().enumerate() {
            let mut row = vec![m.args("sim-overlap", &[("program", program.clone())])];
            row.extend(s.outcomes.iter().map(|o| fmt.count(o.overlap[j].1 as f64)));
            rows.push(row);
        }
    }
    m.check()?;
    Ok((head, rows))
}

/// The table for the terminal.
pub fn to_text(s: &Simulation, lang: Lang) -> Result<String> {
    let m = Messages::new(lang)?;
    let fmt = Fmt::new(lang);
    let (head, body) = table(s, lang)?;
    let mut rows = vec![std::iter::once(String::new())
        .chain(head)
        .collect::<Vec<_>>()];
    rows.extend(body);
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for line in heading(s, lang)? {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');
    for o in &s.outcomes {
        out.push_str(&format!("  {}: {}\n", o.option, o.rule));
    }
    out.push('\n');
    for (i, r) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, cell) in r.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i == 0 {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
            out.push('\n');
        }
    }
    let changes: Vec<String> = s
        .outcomes
        .iter()
        .skip(1)
        .map(|o| {
            let by: Vec<String> = o
                .by_rw
                .iter()
                .map(|c| {
                    m.args(
                        "sim-rw-change",
                        &[
                            ("rw", crate::indicators::rw_label(c.rw)),
                            ("gaining", fmt.count(c.gaining as f64)),
                            ("losing", fmt.count(c.losing as f64)),
                        ],
                    )
                })
                .collect();
            let by = if by.is_empty() {
                m.get("sim-rw-none")
            } else {
                by.join("; ")
            };
            format!("  {}: {by}", o.option)
        })
        .collect();
    if !changes.is_empty() {
        out.push('\n');
        out.push_str(&m.get("sim-h-rw"));
        out.push('\n');
        for c in changes {
            out.push_str(&c);
            out.push('\n');
        }
    }
    m.check()?;
    Ok(out)
}

/// Tidy CSV: option, rule, measure, group, value.
pub fn to_csv(s: &Simulation) -> Result<String> {
    writer::to_string(&["option", "rule", "measure", "group", "value"], |w| {
        for o in &s.outcomes {
            let mut row = |measure: &str, group: &str, value: Option<f64>| {
                let value = value.map(|v| v.to_string()).unwrap_or_default();
                w.row(&[
                    Cell::Text(&o.option),
                    Cell::Text(&o.rule),
                    Cell::Raw(measure),
                    Cell::Text(group),
                    Cell::Raw(&value),
                ])
            };
            for m in MEASURES {
                row(m.id.trim_start_matches("sim-"), "", (m.value)(o))?;
            }
            for (d, share) in &o.incidence {
                row("incidence", &d.to_string(), Some(*share))?;
            }
            for (program, n) in &o.overlap {
                row("overlap", program, Some(*n as f64))?;
            }
            for c in &o.by_rw {
                row("gaining", &c.rw.to_string(), Some(c.gaining as f64))?;
                row("losing", &c.rw.to_string(), Some(c.losing as f64))?;
            }
            row("served-gaining", "", Some(o.served_gaining as f64))?;
            row("served-losing", "", Some(o.served_losing as f64))?;
        }
        Ok(())
    })
}
