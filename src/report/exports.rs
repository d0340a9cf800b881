//! The auditor's exports beside a council report: every flagged case, every
//! reconciliation line and the ledger rows behind lines that do not match,
//! as CSV files and together in one XLSX workbook. Cells are typed: numbers
//! are written as numbers (in the workbook too), text is neutralised so a
//! spreadsheet never runs it as a formula ([`crate::writer`]).

use crate::indicators::Period;
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::context::Ctx;
use crate::indicators::ReconLine;
use crate::privacy::mask_id;
use crate::writer::{self, CsvWriter};

use super::council::{detail_text, shown_cases, up_to};

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number and its text in the CSV (`12.30`, `150000`).
    Number(f64, String),
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell::Text(text.into())
    }

    fn int(n: i64) -> Cell {
        Cell::Number(n as f64, n.to_string())
    }

    /// A number rounded to `digits` decimals, the same in the CSV and the
    /// workbook.
    fn decimal(x: f64, digits: usize) -> Cell {
        let text = format!("{x:.digits$}");
        let value = text.parse().unwrap_or(x);
        Cell::Number(value, text)
    }
}

/// One export table: a name, column names and typed cells.
pub struct Sheet {
    pub name: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// CSV text.
    pub fn to_csv(&self) -> Result<String> {
        writer::to_string(&self.columns, |w: &mut CsvWriter<Vec<u8>>| {
            for row in &self.rows {
                let cells: Vec<writer::Cell> = row
                    .iter()
                    .map(|cell| match cell {
                        Cell::Text(t) => writer::Cell::Text(t),
                        Cell::Number(_, t) => writer::Cell::Raw(t),
                    })
                    .collect();
                w.row(&cells)?;
            }
            Ok(())
        })
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
            "rw",
            "file",
            "lines",
            "records",
            "date",
            "amount",
            "detail",
        ],
        rows: shown_cases(c)
            .map(|k| {
                let records = if k.table == "households" {
                    k.records
                        .iter()
                        .map(|r| mask_id(r))
                        .collect::<Vec<_>>()
                        .join(", ")
                } else {
                    k.records.join(", ")
                };
                vec![
                    Cell::text(k.flag.as_str()),
                    Cell::text(k.period.label()),
                    Cell::text(k.program.clone()),
                    Cell::text(k.household_shown()),
                    k.rw.map_or(Cell::text(""), Cell::int),
                    Cell::text(c.site.file_name(k.table)),
                    Cell::text(join_numbers(&k.lines)),
                    Cell::text(records),
                    Cell::text(k.date.clone().unwrap_or_default()),
                    Cell::int(k.amount_up_to(c.quarter)),
                    Cell::text(detail_text(c, k)),
                ]
            })
            .collect(),
    };
    let shown: Vec<&ReconLine> = c
        .ind
        .budget
        .reconciliation
        .iter()
        .filter(|r| up_to(c, &Period::Quarter(r.period)))
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
                    Cell::text(r.period.label()),
                    Cell::text(r.program.clone()),
                    Cell::text(join_numbers(&r.budget_lines)),
                    Cell::int(r.planned),
                    Cell::int(r.realised),
                    Cell::int(r.delivered),
                    Cell::int(r.deliveries),
                    Cell::int(r.households),
                    Cell::int(r.gap),
                    r.gap_share
                        .map_or(Cell::text(""), |g| Cell::decimal(g * 100.0, 2)),
                    Cell::decimal(r.allowed, 0),
                    Cell::text(r.verdict.as_str()),
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
                        Cell::text(r.period.label()),
                        Cell::text(r.program.clone()),
                        Cell::int(x.line as i64),
                        Cell::text(x.distribution_id.clone()),
                        Cell::text(x.date.clone()),
                        Cell::text(mask_id(&x.household_id)),
                        Cell::int(x.value),
                        Cell::text(x.status.clone()),
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
        .join(", ")
}

/// The sheets as one XLSX workbook. Text cells are neutralised like CSV
/// cells (a leading `'`), and written as strings, never as formulas. The
/// workbook's creation time is the report's generation time, so under
/// `SOURCE_DATE_EPOCH` a rerun writes the same bytes.
pub(crate) fn to_xlsx(sheets: &[Sheet], time: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(time.timestamp())
        .context("the generation time as a workbook date")?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
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
                match cell {
                    Cell::Number(n, _) if n.is_finite() => {
                        ws.write_number(r, j as u16, *n)?;
                    }
                    Cell::Number(_, t) | Cell::Text(t) => {
                        ws.write_string(r, j as u16, writer::neutralise(t))?;
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
