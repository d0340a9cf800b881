//! Each household's group in every household disaggregation, found once
//! from the registry, so that a frame of households (a survey round, a
//! panel) is split into groups by looking its household keys up rather
//! than by hashing its key columns again.

use anyhow::Result;
use polars::prelude::*;

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
        let mut of = Vec::new();
        for grouping in [
            Grouping::Rw,
            Grouping::Rt,
            Grouping::HeadGender,
            Grouping::Decile,
        ] {
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
            of.push((grouping, group, labels));
        }
        Ok(HouseholdGroups { of })
    }

    /// [`Grouping::split`] of `df`, a frame of registered households (with
    /// their keys [`cols::HH`]): the groups present, in key order, each
    /// with its rows in order. A grouping not of households, or a frame
    /// with a row whose household is not in the registry, is split by its
    /// own columns (which it must then have).
    pub(crate) fn split(
        &self,
        grouping: Grouping,
        df: &DataFrame,
    ) -> Result<Vec<(String, Vec<u32>)>> {
        let Some((_, group, labels)) = self.of.iter().find(|(g, ..)| *g == grouping) else {
            return grouping.split(df);
        };
        let keys = one_array(df.column(cols::HH)?.idx()?);
        let mut of_row = Vec::with_capacity(keys.len());
        for key in keys.iter() {
            match key.and_then(|&k| group.get(k as usize)) {
                Some(&g) if g != NONE => of_row.push(g),
                _ => return grouping.split(df),
            }
        }
        // A counting sort of the rows on their group.
        let mut counts = vec![0usize; labels.len()];
        for &g in &of_row {
            counts[g as usize] += 1;
        }
        let mut out: Vec<(String, Vec<u32>)> = Vec::new();
        let mut place = vec![usize::MAX; labels.len()];
        for (g, label) in labels.iter().enumerate() {
            let n = counts[g];
            if n > 0 {
                place[g] = out.len();
                out.push((label.clone(), Vec::with_capacity(n)));
            }
        }
        for (row, &g) in (0..).zip(&of_row) {
            out[place[g as usize]].1.push(row);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Registry keys 0-4 (in another row order); the frame has households
    /// 4, 1, 1, 0 and 3: each grouping splits it as its own columns would.
    #[test]
    fn frames_split_as_by_their_columns() {
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
        for grouping in Grouping::ALL {
            assert_eq!(
                groups.split(grouping, &frame).unwrap(),
                grouping.split(&frame).unwrap(),
                "{grouping:?}"
            );
        }
        assert_eq!(
            groups.split(Grouping::Rt, &frame).unwrap(),
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
        assert_eq!(
            groups.split(Grouping::Rw, &stranger).unwrap(),
            Grouping::Rw.split(&stranger).unwrap()
        );
        let empty = frame.head(Some(0));
        assert!(groups.split(Grouping::Rw, &empty).unwrap().is_empty());
        assert_eq!(
            groups.split(Grouping::Site, &empty).unwrap(),
            [(String::new(), vec![])]
        );
    }
}
