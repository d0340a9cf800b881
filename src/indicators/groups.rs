//! Each household's group in every household disaggregation, found once
//! from the registry, so that the rows of a frame of households (a survey
//! round, a panel) are summed by group by looking their household keys
//! up rather than by hashing their key columns again.

use anyhow::Result;
use polars::prelude::*;
use rayon::prelude::*;

use super::base::cols;
use super::frame::Grouping;
use crate::load::one_array;

/// A household key with no group: not in the registry.
const NONE: u32 = u32::MAX;

pub(crate) struct HouseholdGroups {
    /// Per grouping: each household key's group, and the groups' labels
    /// in key order.
    of: Vec<(Grouping, Vec<u32>, Vec<String>)>,
}

impl HouseholdGroups {
    /// The groups of the registry frame (one row per household, with the
    /// household key [`cols::HH`] and the disaggregations' columns).
    pub(crate) fn read(registry: &DataFrame) -> Result<HouseholdGroups> {
        let keys = one_array(registry.column(cols::HH)?.idx()?);
        let size = keys.iter().flatten().max().map_or(0, |&m| m as usize + 1);
        // Each grouping on its own.
        let of = [
            Grouping::Rw,
            Grouping::Rt,
            Grouping::HeadGender,
            Grouping::Decile,
        ]
        .into_par_iter()
        .map(|grouping| {
            let mut group = vec![NONE; size];
            let mut labels = Vec::new();
            for (g, (label, rows)) in grouping.split(registry)?.into_iter().enumerate() {
                for row in rows {
                    if let Some(key) = keys.get(row as usize) {
                        group[key as usize] = g as u32;
                    }
                }
                labels.push(label);
            }
            Ok((grouping, group, labels))
        })
        .collect::<Result<_>>()?;
        Ok(HouseholdGroups { of })
    }

    /// A sum over the rows of each group of [`Grouping::split`] of `df`, a
    /// frame of registered households (with their keys [`cols::HH`]):
    /// `add` puts each row (by its index) into its group's sum, in row
    /// order, without the groups' rows being gathered first; the groups
    /// present, in key order. A grouping not of households, or a frame
    /// with a row whose household is not in the registry, is split by its
    /// own columns (which it must then have).
    pub(crate) fn sums<S: Default + Clone>(
        &self,
        grouping: Grouping,
        df: &DataFrame,
        add: impl Fn(&mut S, usize),
    ) -> Result<Vec<(String, S)>> {
        let Some((of_row, labels)) = self.of_rows(grouping, df)? else {
            return Ok(grouping
                .split(df)?
                .into_iter()
                .map(|(label, rows)| {
                    let mut sum = S::default();
                    for &i in &rows {
                        add(&mut sum, i as usize);
                    }
                    (label, sum)
                })
                .collect());
        };
        let mut sums = vec![(false, S::default()); labels.len()];
        for (i, &g) in of_row.iter().enumerate() {
            let (seen, sum) = &mut sums[g as usize];
            *seen = true;
            add(sum, i);
        }
        Ok(labels
            .iter()
            .zip(sums)
            .filter(|(_, (seen, _))| *seen)
            .map(|(label, (_, sum))| (label.clone(), sum))
            .collect())
    }

    /// Each row's group (its place among the labels, given in key order)
    /// when `grouping` is of households and every row's household is in
    /// the registry; none otherwise.
    fn of_rows(&self, grouping: Grouping, df: &DataFrame) -> Result<Option<(Vec<u32>, &[String])>> {
        let Some((_, group, labels)) = self.of.iter().find(|(g, ..)| *g == grouping) else {
            return Ok(None);
        };
        let keys = one_array(df.column(cols::HH)?.idx()?);
        let mut of_row = Vec::with_capacity(keys.len());
        for key in keys.iter() {
            match key.and_then(|&k| group.get(k as usize)) {
                Some(&g) if g != NONE => of_row.push(g),
                _ => return Ok(None),
            }
        }
        Ok(Some((of_row, labels)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Registry keys 0-4 (in another row order); the frame has households
    /// 4, 1, 1, 0 and 3: each grouping's sums (here the rows themselves,
    /// gathered in order) are those of the groups its own columns split.
    #[test]
    fn sums_are_those_of_the_groups_of_the_frames_columns() {
        let registry = df!(
            cols::HH => [3 as IdxSize, 0, 4, 1, 2],
            "rw" => [Some(2i64), Some(1), None, Some(1), Some(2)],
            "rt" => [Some(1i64), Some(3), None, Some(1), Some(1)],
            "head_gender" => [Some("P"), Some("L"), Some("P"), None, Some("L")],
            "welfare_decile" => [10i64, 2, 2, 1, 10],
        )
        .unwrap();
        let groups = HouseholdGroups::read(&registry).unwrap();
        let rows_of = [2usize, 3, 3, 1, 0];
        let frame = registry
            .take(&IdxCa::from_vec(
                "at".into(),
                rows_of.iter().map(|&r| r as IdxSize).collect(),
            ))
            .unwrap();
        let gathered = |df: &DataFrame, grouping| {
            groups
                .sums(grouping, df, |sum: &mut Vec<u32>, i| sum.push(i as u32))
                .unwrap()
        };
        assert_eq!(
            gathered(&frame, Grouping::Rt),
            [
                (String::new(), vec![0]),
                ("RW 01 / RT 001".to_string(), vec![1, 2]),
                ("RW 01 / RT 003".to_string(), vec![3]),
                ("RW 02 / RT 001".to_string(), vec![4]),
            ]
        );
        // A household the registry lacks: split by the frame's columns.
        let mut stranger = frame.head(Some(2));
        stranger
            .with_column(Column::new(cols::HH.into(), [9 as IdxSize, 0]))
            .unwrap();
        let empty = frame.head(Some(0));
        for df in [&frame, &stranger, &empty] {
            for grouping in Grouping::ALL {
                assert_eq!(
                    gathered(df, grouping),
                    grouping.split(df).unwrap(),
                    "{grouping:?}"
                );
            }
        }
        assert!(gathered(&empty, Grouping::Rw).is_empty());
        assert_eq!(gathered(&empty, Grouping::Site), [(String::new(), vec![])]);
    }
}
