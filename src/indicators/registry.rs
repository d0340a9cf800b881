//! What the sums in Rust read of the household registry, by household key:
//! each household's RW (the ledger's totals per RW), and what the integrity
//! flags ask of a registered household (its row, the day it left, the
//! programs it is not eligible for, whether its `head_nik` is shared).

use anyhow::{Context, Result};
use polars::prelude::*;

use super::base::cols;
use super::frame::{ints, opt_bools};

/// The column of [`Registry::read`]'s frame: the `head_nik` is on another
/// household too.
const SHARES_NIK: &str = "shares_nik";

pub(crate) struct Registry {
    /// The household's row in the registry frame, by household key (`None`
    /// for a key not in the registry).
    row: Vec<Option<u32>>,
    /// The household's RW, by key (`None` for a key not in the registry
    /// and for an RW left empty).
    pub rw: Vec<Option<i64>>,
    /// The day (since 1970-01-01) the household moved or died, by key:
    /// `status_changed_on` when the status is not `active`.
    left: Vec<Option<i32>>,
    /// Per program, by key: `eligible_when` answered false.
    ineligible: Vec<Vec<bool>>,
    /// By key: the household's `head_nik` is on another household too.
    shares_nik: Vec<bool>,
}

/// A registered household, as the integrity flags read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Registered {
    /// Its row in the registry frame.
    pub row: u32,
    /// The day it moved or died.
    pub left: Option<i32>,
    /// Its household key.
    pub key: usize,
    /// Its `head_nik` is on another household too.
    pub shares_nik: bool,
}

impl Registry {
    /// Reads the registry frame of the indicators' base (with the household
    /// key [`cols::HH`] and one eligibility column per program).
    pub(crate) fn read(households: &LazyFrame, programs: usize) -> Result<Registry> {
        let mut columns = vec![
            col(cols::HH),
            col("rw").cast(DataType::Int64),
            col("status"),
            col("status_changed_on").cast(DataType::Int32),
            col("head_nik")
                .is_not_null()
                .and(len().over([col("head_nik")])?.gt(lit(1)))
                .alias(SHARES_NIK),
        ];
        columns.extend((0..programs).map(|i| col(cols::eligible(i))));
        let df = households
            .clone()
            .select(columns)
            .collect()
            .map_err(anyhow::Error::from)
            .context("reading the registry's households")?;
        let keys = df.column(cols::HH)?.idx()?;
        let size = keys.iter().flatten().max().map_or(0, |m| m as usize + 1);
        let mut registry = Registry {
            row: vec![None; size],
            rw: vec![None; size],
            left: vec![None; size],
            ineligible: vec![vec![false; size]; programs],
            shares_nik: vec![false; size],
        };
        let (rws, since) = (ints(&df, "rw")?, ints(&df, "status_changed_on")?);
        let status = df.column("status")?.str()?;
        let shares_nik: Vec<bool> = df
            .column(SHARES_NIK)?
            .bool()?
            .iter()
            .map(|b| b == Some(true))
            .collect();
        let eligible = (0..programs)
            .map(|i| opt_bools(&df, &cols::eligible(i)))
            .collect::<Result<Vec<_>>>()?;
        for (row, (key, status)) in keys.iter().zip(status.iter()).enumerate() {
            let Some(key) = key else { continue };
            let key = key as usize;
            anyhow::ensure!(
                registry.row[key].is_none(),
                "the registry frame holds household key {key} twice"
            );
            registry.row[key] = Some(row as u32);
            registry.rw[key] = rws[row];
            registry.shares_nik[key] = shares_nik[row];
            if status.is_some_and(|s| s != "active") {
                registry.left[key] = since[row].map(|d| d as i32);
            }
            for (i, eligible) in eligible.iter().enumerate() {
                registry.ineligible[i][key] = eligible[row] == Some(false);
            }
        }
        Ok(registry)
    }

    /// The registered household of a key.
    pub(crate) fn get(&self, key: IdxSize) -> Option<Registered> {
        let key = key as usize;
        let row = (*self.row.get(key)?)?;
        Some(Registered {
            row,
            left: self.left[key],
            key,
            shares_nik: self.shares_nik[key],
        })
    }

    /// The rows in the registry frame of the households whose `head_nik`
    /// is on another household too, in row order.
    pub(crate) fn sharing_nik(&self) -> Vec<u32> {
        let mut rows: Vec<u32> = self
            .row
            .iter()
            .zip(&self.shares_nik)
            .filter_map(|(row, &shares)| row.filter(|_| shares))
            .collect();
        rows.sort_unstable();
        rows
    }

    /// The registered household's `eligible_when` of program `i` answered
    /// false.
    pub(crate) fn ineligible(&self, household: Registered, i: usize) -> bool {
        self.ineligible[i][household.key]
    }
}
