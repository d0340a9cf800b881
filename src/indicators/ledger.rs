//! Totals of the aid ledger (distributions) per quarter, program and
//! status: rows, value, households reached, and the value of goods bought
//! locally or packed in eco-friendly packaging; and the calendar months each
//! quarter has records in. They are counted over the ledger's rows gathered
//! by household ([`super::deliveries::Deliveries::totals`]) and serve the
//! budget family (cost per beneficiary, reconciliation, sourcing shares),
//! the council report's tables and the choice of the default period.

use std::collections::{BTreeMap, BTreeSet};

use super::period::Quarter;

/// The status of a ledger row that reached its household.
pub const DELIVERED: &str = "delivered";
/// Every status of a ledger row, in the order reports list them.
pub const STATUSES: [&str; 3] = [DELIVERED, "failed", "returned"];

/// Ledger totals of one (quarter, program, status).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Totals {
    /// Ledger rows.
    pub rows: i64,
    /// Rupiah value of the rows.
    pub value: i64,
    /// Distinct households.
    pub households: i64,
    /// Value of rows marked `locally_sourced`.
    pub local: i64,
    /// Value of rows marked `eco_packaging`.
    pub eco: i64,
}

/// The aid ledger, totalled.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// (quarter, program, status) → totals.
    pub totals: BTreeMap<(Quarter, String, String), Totals>,
    /// Calendar months (year * 12 + month - 1) with any ledger row, per quarter.
    pub months: BTreeMap<Quarter, BTreeSet<i32>>,
    /// (quarter, RW of the household in the registry) → totals of the rows
    /// delivered (`None`: a household missing from the registry). Only
    /// rows, value and households are set.
    pub by_rw: BTreeMap<(Quarter, Option<i64>), Totals>,
}

impl Ledger {
    /// Totals of a quarter, program and status (zero when there are none).
    pub fn sum(&self, q: Quarter, program: &str, status: &str) -> Totals {
        self.totals
            .get(&(q, program.to_string(), status.to_string()))
            .copied()
            .unwrap_or_default()
    }

    /// Totals of the rows of a quarter and program that were delivered.
    pub fn delivered(&self, q: Quarter, program: &str) -> Totals {
        self.sum(q, program, DELIVERED)
    }

    /// Delivered totals of a quarter per RW, in RW order (households
    /// missing from the registry first, as `None`).
    pub fn delivered_by_rw(&self, q: Quarter) -> impl Iterator<Item = (Option<i64>, Totals)> + '_ {
        self.by_rw
            .range((q, None)..=(q, Some(i64::MAX)))
            .map(|((_, rw), t)| (*rw, *t))
    }

    /// The latest quarter with ledger rows in each of its three months; the
    /// latest quarter with any rows when none is complete.
    pub fn latest_complete(&self) -> Option<Quarter> {
        self.months
            .iter()
            .rev()
            .find(|(_, months)| months.len() >= 3)
            .or_else(|| self.months.iter().next_back())
            .map(|(q, _)| *q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(year: i32, quarter: u32) -> Quarter {
        Quarter { year, quarter }
    }

    #[test]
    fn the_latest_complete_quarter_has_all_three_months() {
        let mut ledger = Ledger::default();
        ledger.months.insert(q(2026, 1), BTreeSet::from([1, 2, 3]));
        ledger.months.insert(q(2026, 2), BTreeSet::from([4, 5]));
        assert_eq!(ledger.latest_complete(), Some(q(2026, 1)));
        ledger.months.remove(&q(2026, 1));
        assert_eq!(ledger.latest_complete(), Some(q(2026, 2)));
        assert_eq!(Ledger::default().latest_complete(), None);
    }
}
