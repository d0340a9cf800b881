//! Finding indicator rows by key, and turning them into display cells that
//! show the value with the numerator and denominator behind it.

use crate::indicators::Id;
use std::cell::{Cell as Flag, OnceCell};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::hash_table::{Entry, HashTable};

use foldhash::fast::FixedState;

use crate::indicators::{Period, Row, Unit};

use super::i18n::Messages;
use super::page::{Cell, Figure};
use crate::fmt::{Fmt, NONE};

/// A disaggregation: (indicator, period, program, group_by).
type Disaggregation<'a> = (Id, &'a Period, &'a str, &'a str);
type FastMap<K, V> = HashMap<K, V, FixedState>;

/// Where one disaggregation's rows are, in table order.
struct Rows {
    /// Runs of consecutive rows (the families emit a disaggregation's rows
    /// together, so there is usually one).
    runs: Vec<Range<usize>>,
    /// Each group's row by the hash of the group, made on the first
    /// look-up of a group of a large disaggregation (the RTs of a registry
    /// extract are tens of thousands). It holds positions, not texts, so
    /// that no borrow of the rows lives in a cell.
    by_group: OnceCell<HashTable<usize>>,
}

/// Above this many rows a disaggregation's groups are found through a map.
const SCANNED: usize = 32;

impl Rows {
    fn positions(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        self.runs.iter().flat_map(Clone::clone)
    }

    fn len(&self) -> usize {
        self.runs.iter().map(ExactSizeIterator::len).sum()
    }

    /// The position of `group`'s row; the last one if a group came twice.
    fn group(&self, rows: &[Row], group: &str) -> Option<usize> {
        if self.len() <= SCANNED {
            return self.positions().rev().find(|&i| rows[i].group == group);
        }
        let hash = |i: &usize| FixedState::default().hash_one(rows[*i].group.as_str());
        self.by_group
            .get_or_init(|| {
                let mut table = HashTable::with_capacity(self.len());
                for i in self.positions() {
                    match table.entry(hash(&i), |&j| rows[j].group == rows[i].group, hash) {
                        Entry::Occupied(mut e) => *e.get_mut() = i,
                        Entry::Vacant(e) => {
                            e.insert(i);
                        }
                    }
                }
                table
            })
            .find(FixedState::default().hash_one(group), |&i| {
                rows[i].group == group
            })
            .copied()
    }
}

/// The rows of one site, indexed by disaggregation (indicator, period,
/// program, group_by) and group. It remembers which rows a page looked up:
/// those are the rows the page shows, and the CSV beside the report holds
/// them.
pub(crate) struct Lookup<'a> {
    rows: &'a [Row],
    /// A fast (unkeyed) hash: the keys are the site's own indicator rows.
    /// One entry per disaggregation, made from runs of rows, so a site of
    /// millions of rows is indexed with a few thousand hashes.
    index: FastMap<Disaggregation<'a>, Rows>,
    used: Vec<Flag<bool>>,
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(rows: &'a [Row]) -> Lookup<'a> {
        let mut index: FastMap<Disaggregation<'a>, Rows> = FastMap::default();
        let mut start = 0;
        while start < rows.len() {
            let key: Disaggregation<'a> = rows[start].disaggregation();
            let end = start
                + rows[start..]
                    .iter()
                    .position(|r| r.disaggregation() != key)
                    .unwrap_or(rows.len() - start);
            index
                .entry(key)
                .or_insert_with(|| Rows {
                    runs: Vec::new(),
                    by_group: OnceCell::new(),
                })
                .runs
                .push(start..end);
            start = end;
        }
        Lookup {
            rows,
            index,
            used: vec![Flag::new(false); rows.len()],
        }
    }

    /// Positions of the rows looked up so far, in table order.
    pub(crate) fn used(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&i| self.used[i].get())
            .collect()
    }

    pub(crate) fn get(
        &self,
        id: Id,
        period: &Period,
        program: &str,
        group_by: &str,
        group: &str,
    ) -> Option<&'a Row> {
        let i = self
            .index
            .get(&(id, period, program, group_by))?
            .group(self.rows, group)?;
        self.used[i].set(true);
        Some(&self.rows[i])
    }

    /// The whole-site row of an indicator.
    pub(crate) fn site(&self, id: Id, period: &Period, program: &str) -> Option<&'a Row> {
        self.get(id, period, program, "", "")
    }

    /// The rows of one disaggregation, in output order.
    pub(crate) fn groups(
        &self,
        id: Id,
        period: &Period,
        program: &str,
        group_by: &str,
    ) -> Vec<&'a Row> {
        let Some(rows) = self.index.get(&(id, period, program, group_by)) else {
            return Vec::new();
        };
        rows.positions()
            .map(|i| {
                self.used[i].set(true);
                &self.rows[i]
            })
            .collect()
    }
}

/// Formatting with the catalogue of one language.
pub(crate) struct Say<'m> {
    pub fmt: Fmt,
    pub msg: &'m Messages,
}

impl Say<'_> {
    pub(crate) fn t(&self, id: &str) -> String {
        self.msg.get(id)
    }

    pub(crate) fn ta(&self, id: &str, args: &[(&str, String)]) -> String {
        self.msg.args(id, args)
    }

    /// A row's value in its unit, or the dash.
    pub(crate) fn value(&self, row: Option<&Row>) -> String {
        match row.and_then(|r| r.value.get().map(|v| (r.unit, v))) {
            Some((unit, v)) => self.fmt.unit_value(unit.as_str(), v),
            None => NONE.into(),
        }
    }

    /// `numerator / denominator` in the units of the row (counts or rupiah).
    pub(crate) fn basis(&self, row: Option<&Row>) -> String {
        let Some(r) = row else {
            return String::new();
        };
        match (r.numerator.get(), r.denominator.get()) {
            (Some(_), Some(d)) if r.indicator == Id::PovertyGap => {
                self.ta("n-obs", &[("n", self.fmt.count(d))])
            }
            (Some(n), Some(d))
                if matches!(
                    r.indicator,
                    Id::Cgh
                        | Id::BenefitIncidence
                        | Id::Adequacy
                        | Id::BudgetAbsorption
                        | Id::RevenueRealisation
                        | Id::FundingShare
                        | Id::ReconciliationGapShare
                        | Id::LocalSourcingShare
                        | Id::EcoPackagingShare
                ) =>
            {
                format!("{} / {}", self.fmt.rupiah(n), self.fmt.rupiah(d))
            }
            (Some(n), Some(d)) if r.indicator == Id::RtAidToNeedRatio => {
                format!("{} / {}", self.fmt.percent(n), self.fmt.percent(d))
            }
            (Some(n), Some(d)) if r.unit == "ratio" => {
                format!("{} / {}", self.fmt.count(n), self.fmt.count(d))
            }
            (Some(n), Some(d)) if r.unit == "rupiah_per_household" => {
                format!("{} / {}", self.fmt.rupiah(n), self.fmt.count(d))
            }
            (Some(_), Some(d)) | (None, Some(d)) => self.ta("n-obs", &[("n", self.fmt.count(d))]),
            _ => String::new(),
        }
    }

    /// The value with its numerator and denominator underneath.
    pub(crate) fn cell(&self, row: Option<&Row>) -> Cell {
        Cell::with_sub(self.value(row), self.basis(row))
    }

    /// The value with its 95% interval underneath.
    pub(crate) fn ci_cell(&self, row: Option<&Row>) -> Cell {
        Cell::with_sub(self.value(row), self.interval(row))
    }

    /// `95% CI: a to b` or empty.
    pub(crate) fn interval(&self, row: Option<&Row>) -> String {
        match row.and_then(|r| Some((r.unit, r.ci_low.get()?, r.ci_high.get()?))) {
            Some((unit, lo, hi)) => self.ta(
                "ci-range",
                &[
                    ("low", self.fmt.unit_value(unit.as_str(), lo)),
                    ("high", self.fmt.unit_value(unit.as_str(), hi)),
                ],
            ),
            None => String::new(),
        }
    }

    pub(crate) fn count_cell(&self, x: Option<f64>) -> Cell {
        Cell::text(self.count(x))
    }

    /// A count, or the sign for no value.
    pub(crate) fn count(&self, x: Option<f64>) -> String {
        x.map(|v| self.fmt.count(v)).unwrap_or_else(|| NONE.into())
    }

    /// A column name inside a sentence or caption: `Kepala keluarga` →
    /// `kepala keluarga`; a name that starts with an abbreviation (`RW`,
    /// `RT`) keeps its capitals.
    pub(crate) fn in_sentence(&self, id: &str) -> String {
        let text = self.t(id);
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(first), Some(second)) if second.is_lowercase() => {
                first.to_lowercase().chain(text.chars().skip(1)).collect()
            }
            _ => text,
        }
    }

    /// A message that is a word inside sentences (`tunai`) as a heading
    /// (`Tunai`).
    pub(crate) fn as_heading(&self, id: &str) -> String {
        let text = self.t(id);
        let mut chars = text.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// The difference of two rows' values in their unit: percentage
    /// points for shares, rupiah for amounts; `None` without both values.
    pub(crate) fn difference(&self, a: Option<&Row>, b: Option<&Row>) -> Option<String> {
        let (a, b) = (a?, b?);
        let d = a.value.get()? - b.value.get()?;
        Some(match a.unit {
            Unit::Ratio => self.fmt.points(d),
            Unit::RupiahPerMonth | Unit::RupiahPerHousehold => self.fmt.signed_rupiah(d),
            Unit::Index => self.fmt.signed(d, 3),
            _ => self.fmt.signed(d, 0),
        })
    }

    /// Change of a row's value against an earlier row, named by its period:
    /// percentage points for shares, the unit's difference otherwise.
    pub(crate) fn change(&self, now: Option<&Row>, before: Option<&Row>) -> String {
        let Some(b) = before else {
            return String::new();
        };
        let Some(delta) = self.difference(now, before) else {
            return String::new();
        };
        let period = match &b.period {
            Period::Baseline => self.t("round-baseline"),
            other => other.label(),
        };
        self.ta("change-since", &[("delta", delta), ("period", period)])
    }

    /// A headline figure for a row, with its change and target.
    pub(crate) fn figure(
        &self,
        label_id: &str,
        row: Option<&Row>,
        before: Option<&Row>,
        target: Option<f64>,
    ) -> Figure {
        let (target_text, status) = match (target, row) {
            (Some(t), Some(r)) => {
                let shown = self.fmt.unit_value(r.unit.as_str(), t);
                let status = match r.value.get() {
                    Some(v) if meets(r.indicator, v, t) => "met",
                    Some(_) => "missed",
                    None => "",
                };
                let id = match status {
                    "met" => "target-met",
                    "missed" => "target-missed",
                    _ => "target-only",
                };
                (self.ta(id, &[("target", shown)]), status)
            }
            _ => (String::new(), ""),
        };
        let basis = match row.and_then(|r| r.ci_low.get().map(|_| r)) {
            Some(r) => self.interval(Some(r)),
            None => self.basis(row),
        };
        let unit = row
            .map(|r| format!("unit-{}", r.unit.as_str()))
            .filter(|id| self.msg.has(id))
            .map(|id| self.t(&id))
            .unwrap_or_default();
        Figure {
            label: self.t(label_id),
            value: self.value(row),
            unit,
            basis,
            change: self.change(row, before),
            target: target_text,
            status,
        }
    }
}

/// Indicators where a lower value is better.
const LOWER_IS_BETTER: [Id; 6] = [
    Id::ExclusionError,
    Id::InclusionError,
    Id::PovertyHeadcount,
    Id::PovertyGap,
    Id::RtAllocationGini,
    Id::FeedbackMedianDays,
];

/// Whether a value meets its target: at least the target, or at most it for
/// indicators where lower is better.
pub(crate) fn meets(indicator: Id, value: f64, target: f64) -> bool {
    if LOWER_IS_BETTER.contains(&indicator) {
        value <= target
    } else {
        value >= target
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_in_a_caption_keep_only_abbreviations_capital() {
        let msg = Messages::new(crate::fmt::Lang::Id).unwrap();
        let s = Say {
            fmt: Fmt::new(crate::fmt::Lang::Id),
            msg: &msg,
        };
        assert_eq!(s.in_sentence("by-head_gender"), "kepala keluarga");
        assert_eq!(s.in_sentence("by-welfare_decile"), "desil kesejahteraan");
        assert_eq!(s.in_sentence("by-rw"), "RW");
        assert_eq!(s.in_sentence("by-rt"), "RT");
        assert_eq!(s.as_heading("aid-cash"), "Tunai");
    }

    /// The rows of a disaggregation come back in table order however they
    /// are interleaved with others, and are marked as shown.
    #[test]
    fn groups_in_table_order() {
        use crate::indicators::{Key, Quarter};
        let q = Period::Quarter(Quarter {
            year: 2026,
            quarter: 3,
        });
        let site = Key::site(q.clone(), "BLT");
        let row = |id, key: &Key, v| Row::value(id, key, Unit::Ratio, Some(v));
        let rows = [
            row(Id::Coverage, &site.grouped("rw", "002"), 1.0),
            row(Id::Coverage, &site.grouped("rt", "002/001"), 2.0),
            row(Id::Coverage, &site, 3.0),
            row(Id::Coverage, &site.grouped("rw", "001"), 4.0),
            row(Id::ExclusionError, &site.grouped("rw", "001"), 5.0),
            row(
                Id::Coverage,
                &Key::site(q.clone(), "PKH").grouped("rw", "001"),
                6.0,
            ),
        ];
        let look = Lookup::new(&rows);
        let values = |found: Vec<&Row>| found.iter().map(|r| r.value.get()).collect::<Vec<_>>();
        assert_eq!(
            values(look.groups(Id::Coverage, &q, "BLT", "rw")),
            [Some(1.0), Some(4.0)]
        );
        assert_eq!(
            values(look.groups(Id::ExclusionError, &q, "BLT", "rw")),
            [Some(5.0)]
        );
        assert!(look
            .groups(Id::Coverage, &q, "BLT", "head_gender")
            .is_empty());
        assert_eq!(look.used(), [0, 3, 4]);
        assert_eq!(
            look.site(Id::Coverage, &q, "BLT").unwrap().value.get(),
            Some(3.0)
        );
        assert_eq!(
            look.get(Id::Coverage, &q, "BLT", "rw", "001")
                .unwrap()
                .value
                .get(),
            Some(4.0)
        );
        assert!(look.get(Id::Coverage, &q, "BLT", "rw", "003").is_none());
        assert!(look.get(Id::Coverage, &q, "KKS", "rw", "001").is_none());
        assert_eq!(look.used(), [0, 2, 3, 4]);
    }

    /// A group of a disaggregation larger than [`SCANNED`] is found through
    /// its map, in two runs, as one of a small one is found by scanning.
    #[test]
    fn groups_of_a_large_disaggregation() {
        use crate::indicators::{Key, Quarter};
        let q = Period::Quarter(Quarter {
            year: 2026,
            quarter: 3,
        });
        let site = Key::site(q.clone(), "BLT");
        let rt = |i: usize| format!("{:03}/001", i);
        let mut rows: Vec<Row> = (0..50)
            .map(|i| {
                Row::value(
                    Id::Coverage,
                    &site.grouped("rt", rt(i)),
                    Unit::Ratio,
                    Some(i as f64),
                )
            })
            .collect();
        rows.push(Row::value(Id::Coverage, &site, Unit::Ratio, Some(-1.0)));
        rows.extend((50..60).map(|i| {
            Row::value(
                Id::Coverage,
                &site.grouped("rt", rt(i)),
                Unit::Ratio,
                Some(i as f64),
            )
        }));
        let look = Lookup::new(&rows);
        for i in [0, 7, 49, 50, 59] {
            let found = look.get(Id::Coverage, &q, "BLT", "rt", &rt(i)).unwrap();
            assert_eq!(found.value.get(), Some(i as f64));
        }
        assert!(look.get(Id::Coverage, &q, "BLT", "rt", &rt(60)).is_none());
        assert_eq!(look.groups(Id::Coverage, &q, "BLT", "rt").len(), 60);
        assert_eq!(
            look.site(Id::Coverage, &q, "BLT").unwrap().value.get(),
            Some(-1.0)
        );
    }

    #[test]
    fn targets_by_direction() {
        assert!(meets(Id::Coverage, 0.9, 0.9));
        assert!(!meets(Id::Coverage, 0.89, 0.9));
        assert!(meets(Id::ExclusionError, 0.05, 0.1));
        assert!(!meets(Id::ExclusionError, 0.15, 0.1));
    }
}
