//! The aid ledger's rows as integer keys, gathered by household, for the
//! sums by household that run in Rust: the aid each household received
//! per quarter, and the integrity flags' counts (deliveries of a program to
//! a household in one month, and their value in one quarter).
//!
//! Rows are gathered with a counting sort on the household key, so each
//! household's few rows are summed together instead of looked up one by one
//! in a hash table as large as the ledger.

use anyhow::{Context, Result};
use polars::prelude::*;

use super::base::{cols, ProgramInfo};

pub(crate) struct Deliveries {
    pub delivered: Vec<bool>,
    /// The program's index in site.toml; codes that are not there follow,
    /// numbered in the order they first appear.
    pub program: Vec<Option<u32>>,
    pub quarter: Vec<Option<i32>>,
    pub month: Vec<Option<i32>>,
    /// A missing value is 0: every use adds values up.
    pub value: Vec<i64>,
    /// The rows of group `g` are `rows[starts[g]..starts[g + 1]]`, in ledger
    /// order. Group `g` is household `g`; the last group holds the rows
    /// without a household.
    starts: Vec<usize>,
    rows: Vec<u32>,
}

impl Deliveries {
    /// Reads the ledger frame of the indicators' base (with the household
    /// key [`cols::HH`], the quarter and the month).
    pub(crate) fn read(ledger: &DataFrame, programs: &[ProgramInfo]) -> Result<Deliveries> {
        let column = |name: &str| -> Result<&Series> {
            Ok(ledger
                .column(name)
                .map_err(anyhow::Error::from)
                .with_context(|| format!("the ledger frame has no column {name}"))?
                .as_materialized_series())
        };
        let delivered: Vec<bool> = column("status")?
            .str()?
            .iter()
            .map(|s| s == Some("delivered"))
            .collect();
        let mut codes: Vec<&str> = programs.iter().map(|p| p.code.as_str()).collect();
        let program: Vec<Option<u32>> = column("program")?
            .str()?
            .iter()
            .map(|code| {
                let code = code?;
                let at = codes.iter().position(|c| *c == code).unwrap_or_else(|| {
                    codes.push(code);
                    codes.len() - 1
                });
                Some(at as u32)
            })
            .collect();
        let quarter: Vec<Option<i32>> = column(cols::Q)?.i32()?.iter().collect();
        let month: Vec<Option<i32>> = column(cols::MONTH)?.i32()?.iter().collect();
        let value = column("value")?.cast(&DataType::Int64)?;
        let value: Vec<i64> = value.i64()?.iter().map(|v| v.unwrap_or(0)).collect();
        let household = column(cols::HH)?.idx()?;
        let groups = household
            .iter()
            .flatten()
            .max()
            .map_or(0, |m| m as usize + 1)
            + 1;
        let group = |h: Option<IdxSize>| h.map_or(groups - 1, |h| h as usize);
        let mut starts = vec![0usize; groups + 1];
        for h in household.iter() {
            starts[group(h) + 1] += 1;
        }
        for g in 0..groups {
            starts[g + 1] += starts[g];
        }
        let mut next = starts.clone();
        let mut rows = vec![0u32; ledger.height()];
        for (i, h) in household.iter().enumerate() {
            let g = group(h);
            rows[next[g]] = i as u32;
            next[g] += 1;
        }
        Ok(Deliveries {
            delivered,
            program,
            quarter,
            month,
            value,
            starts,
            rows,
        })
    }

    /// For each row of the ledger: how many delivered rows share its
    /// household, program and month (`n_month`), and the value delivered to its
    /// household by its program in its quarter (`q_value`); none for a row not
    /// delivered. A missing key is a key of its own, as in a polars window.
    pub(crate) fn windows(&self) -> [Column; 2] {
        let n = self.delivered.len();
        let (mut n_month, mut q_value) = (vec![None; n], vec![None; n]);
        let mut mine: Vec<(Option<u32>, Option<i32>, usize)> = Vec::new();
        let runs = |mine: &mut Vec<(Option<u32>, Option<i32>, usize)>,
                    out: &mut Vec<Option<i64>>,
                    sum: bool| {
            mine.sort_unstable();
            for run in mine.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
                let total = if sum {
                    run.iter()
                        .fold(0i64, |t, &(.., r)| t.wrapping_add(self.value[r]))
                } else {
                    run.len() as i64
                };
                for &(.., r) in run {
                    out[r] = Some(total);
                }
            }
        };
        for (_, rows) in self.households() {
            let delivered = rows
                .iter()
                .map(|&r| r as usize)
                .filter(|&r| self.delivered[r]);
            mine.clear();
            mine.extend(
                delivered
                    .clone()
                    .map(|r| (self.program[r], self.month[r], r)),
            );
            runs(&mut mine, &mut n_month, false);
            mine.clear();
            mine.extend(delivered.map(|r| (self.program[r], self.quarter[r], r)));
            runs(&mut mine, &mut q_value, true);
        }
        [
            Column::new(cols::N_MONTH.into(), n_month),
            Column::new(cols::Q_VALUE.into(), q_value),
        ]
    }

    /// Every household's rows (`None` for the rows without a household),
    /// households in key order.
    pub(crate) fn households(&self) -> impl Iterator<Item = (Option<IdxSize>, &[u32])> {
        let last = self.starts.len() - 2;
        (0..=last).filter_map(move |g| {
            let rows = &self.rows[self.starts[g]..self.starts[g + 1]];
            let household = (g < last).then_some(g as IdxSize);
            (!rows.is_empty()).then_some((household, rows))
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A monthly program of 100 a month.
    pub(crate) fn program(code: &str) -> ProgramInfo {
        ProgramInfo {
            code: code.to_string(),
            monthly: true,
            training: false,
            goods: false,
            entitlement: Some(100),
        }
    }

    /// Rows gathered by household in key order, the rows without a
    /// household last; program codes not in site.toml numbered after its
    /// programs; a missing value counts 0.
    #[test]
    fn rows_gathered_by_household() {
        let ledger = df!(
            "status" => ["delivered", "cancelled", "delivered", "delivered", "delivered"],
            "program" => [Some("PKH"), Some("X"), Some("BLT"), None, Some("X")],
            cols::HH => [Some(2 as IdxSize), None, Some(0), Some(2), None],
            cols::Q => [20251i32, 20251, 20251, 20252, 20252],
            cols::MONTH => [24300i32, 24300, 24301, 24303, 24303],
            "value" => [Some(5i64), Some(7), None, Some(9), Some(1)],
        )
        .unwrap();
        let d = Deliveries::read(&ledger, &[program("BLT"), program("PKH")]).unwrap();
        let groups: Vec<(Option<IdxSize>, Vec<u32>)> =
            d.households().map(|(h, rows)| (h, rows.to_vec())).collect();
        assert_eq!(
            groups,
            [
                (Some(0), vec![2]),
                (Some(2), vec![0, 3]),
                (None, vec![1, 4])
            ]
        );
        assert_eq!(d.program, [Some(1), Some(2), Some(0), None, Some(2)]);
        assert_eq!(d.delivered, [true, false, true, true, true]);
        assert_eq!(d.value, [5, 7, 0, 9, 1]);
    }

    /// Household 1 gets BLT twice in one month and once more in the same
    /// quarter, PKH once; a cancelled row counts nowhere and gets none;
    /// household 2's BLT in the same month is its own.
    #[test]
    fn windows_by_hand() {
        let ledger = df!(
            "status" => ["delivered", "delivered", "delivered", "delivered", "cancelled", "delivered"],
            "program" => ["BLT", "BLT", "BLT", "PKH", "BLT", "BLT"],
            cols::HH => [1 as IdxSize, 1, 1, 1, 1, 2],
            cols::Q => [20251i32, 20251, 20251, 20251, 20251, 20251],
            cols::MONTH => [24300i32, 24300, 24301, 24300, 24300, 24300],
            "value" => [100i64, 100, 50, 70, 999, 30],
        )
        .unwrap();
        let d = Deliveries::read(&ledger, &[program("BLT"), program("PKH")]).unwrap();
        let [n_month, q_value] = d.windows();
        let ints = |c: &Column| c.i64().unwrap().iter().collect::<Vec<_>>();
        assert_eq!(
            ints(&n_month),
            [Some(2), Some(2), Some(1), Some(1), None, Some(1)]
        );
        assert_eq!(
            ints(&q_value),
            [Some(250), Some(250), Some(250), Some(70), None, Some(30)]
        );
    }
}
