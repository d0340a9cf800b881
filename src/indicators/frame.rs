//! Reading collected frames back into Rust values, and the household
//! disaggregations (RW, RT, head gender, welfare decile) shared by the
//! families.

use std::collections::{BTreeMap, HashMap};

use anyhow::{Context, Result};
use foldhash::fast::FixedState;
use polars::prelude::*;

use super::base::cols;
use super::Batch;
use rayon::prelude::*;

pub(crate) fn series<'a>(df: &'a DataFrame, name: &str) -> Result<&'a Series> {
    Ok(df
        .column(name)
        .map_err(anyhow::Error::from)
        .with_context(|| format!("indicator frame has no column {name}"))?
        .as_materialized_series())
}

/// `whole` (one chunk) cut into chunks of the lengths of `like`'s, as a
/// column built in Rust must be to join its table's columns: a frame whose
/// columns are cut differently is copied whole by every plan that aligns
/// them.
pub(crate) fn cut_as(whole: Column, like: &Column) -> PolarsResult<Column> {
    let whole = whole.as_materialized_series();
    let mut cuts = like.as_materialized_series().chunk_lengths();
    let mut out = whole.slice(0, cuts.next().unwrap_or(0));
    let mut at = out.len();
    for len in cuts {
        out.append(&whole.slice(at as i64, len))?;
        at += len;
    }
    Ok(out.into_column())
}

/// polars' array of 64-bit integers.
pub(crate) type IntArray = <Int64Type as PolarsDataType>::Array;

/// polars' array of booleans.
pub(crate) type Flags = <BooleanType as PolarsDataType>::Array;

/// A boolean column in one array, read in place.
pub(crate) fn flags(df: &DataFrame, name: &str) -> Result<Flags> {
    let s = series(df, name)?.cast(&DataType::Boolean)?;
    Ok(crate::load::one_array(s.bool()?))
}

/// The quarter column ([`cols::Q`]) in one array, read in place in its 32
/// bits.
pub(crate) fn quarter_array(df: &DataFrame) -> Result<<Int32Type as PolarsDataType>::Array> {
    Ok(crate::load::one_array(series(df, cols::Q)?.i32()?))
}

/// polars' array of dates as days since 1970.
pub(crate) type DayArray = <Int32Type as PolarsDataType>::Array;

/// A date column as days since 1970, in one array.
pub(crate) fn days(df: &DataFrame, name: &str) -> Result<DayArray> {
    let s = series(df, name)?.cast(&DataType::Int32)?;
    Ok(crate::load::one_array(s.i32()?))
}

/// An integer column in one array, read in place.
pub(crate) fn int_array(df: &DataFrame, name: &str) -> Result<IntArray> {
    let s = series(df, name)?.cast(&DataType::Int64)?;
    Ok(crate::load::one_array(s.i64()?))
}

/// An integer column; nulls are `None`.
pub(crate) fn ints(df: &DataFrame, name: &str) -> Result<Vec<Option<i64>>> {
    let s = series(df, name)?.cast(&DataType::Int64)?;
    Ok(s.i64()?.iter().collect())
}

/// An integer column of sums or counts; a null (nothing to sum) is 0.
pub(crate) fn counts(df: &DataFrame, name: &str) -> Result<Vec<f64>> {
    Ok(ints(df, name)?
        .into_iter()
        .map(|v| v.unwrap_or(0) as f64)
        .collect())
}

pub(crate) fn floats(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let s = series(df, name)?.cast(&DataType::Float64)?;
    Ok(s.f64()?.iter().collect())
}

pub(crate) fn texts(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    let s = series(df, name)?.cast(&DataType::String)?;
    Ok(s.str()?.iter().map(|v| v.map(str::to_string)).collect())
}

pub(crate) fn bools(df: &DataFrame, name: &str) -> Result<Vec<bool>> {
    Ok(opt_bools(df, name)?
        .into_iter()
        .map(|v| v.unwrap_or(false))
        .collect())
}

/// A boolean column; nulls are `None`.
pub(crate) fn opt_bools(df: &DataFrame, name: &str) -> Result<Vec<Option<bool>>> {
    let s = series(df, name)?.cast(&DataType::Boolean)?;
    Ok(s.bool()?.iter().collect())
}

/// The count of rows where `cond` holds.
pub(crate) fn count_if(cond: Expr) -> Expr {
    cond.cast(DataType::Int64).sum()
}

/// `RW 05`.
pub(crate) fn rw_label(rw: i64) -> String {
    format!("RW {rw:02}")
}

/// The RW number of an [`rw_label`].
pub(crate) fn rw_of_label(label: &str) -> Option<i64> {
    label.strip_prefix("RW ")?.parse().ok()
}

/// `RW 05 / RT 003`.
pub(crate) fn rt_label(rw: i64, rt: i64) -> String {
    format!("RW {rw:02} / RT {rt:03}")
}

/// The RW and RT numbers of an [`rt_label`].
pub(crate) fn rt_of_label(label: &str) -> Option<(i64, i64)> {
    let (rw, rt) = label.strip_prefix("RW ")?.split_once(" / RT ")?;
    Some((rw.parse().ok()?, rt.parse().ok()?))
}

/// A disaggregation of household-level indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    Site,
    Rw,
    Rt,
    HeadGender,
    Decile,
    /// Trained or not before a follow-up round (income indicators only).
    Trained,
}

impl Grouping {
    /// Every household disaggregation, the whole site first.
    pub(crate) const ALL: [Grouping; 5] = [
        Grouping::Site,
        Grouping::Rw,
        Grouping::Rt,
        Grouping::HeadGender,
        Grouping::Decile,
    ];

    /// The `group_by` column of the output.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Grouping::Site => "",
            Grouping::Rw => "rw",
            Grouping::Rt => "rt",
            Grouping::HeadGender => "head_gender",
            Grouping::Decile => "welfare_decile",
            Grouping::Trained => "trained",
        }
    }

    /// The groups of this grouping over the rows of `df`, in key order
    /// (missing keys first, as polars sorts them), each with its label and
    /// the indices of its rows. The whole site is one group, even of no
    /// rows.
    pub(crate) fn split(self, df: &DataFrame) -> Result<Vec<(String, Vec<u32>)>> {
        let n = df.height() as u32;
        if self == Grouping::Site {
            return Ok(vec![(String::new(), (0..n).collect())]);
        }
        let gender: Series;
        let keys: Vec<GroupKeyOf> = match self {
            Grouping::Site => unreachable!("the whole site is one group"),
            Grouping::Rw => ints(df, "rw")?
                .into_iter()
                .map(|w| (None, w, None, None))
                .collect(),
            Grouping::Rt => ints(df, "rw")?
                .into_iter()
                .zip(ints(df, "rt")?)
                .map(|(w, t)| (None, w, t, None))
                .collect(),
            Grouping::HeadGender => {
                gender = series(df, "head_gender")?.cast(&DataType::String)?;
                gender
                    .str()?
                    .iter()
                    .map(|g| (None, None, None, g))
                    .collect()
            }
            Grouping::Decile => ints(df, "welfare_decile")?
                .into_iter()
                .map(|d| (None, d, None, None))
                .collect(),
            Grouping::Trained => bools(df, "trained")?
                .into_iter()
                .map(|t| (None, Some(i64::from(t)), None, None))
                .collect(),
        };
        let mut at: HashMap<GroupKeyOf, usize, FixedState> = HashMap::default();
        let mut groups: Vec<(GroupKeyOf, Vec<u32>)> = Vec::new();
        for (i, key) in (0..n).zip(keys) {
            let g = *at.entry(key).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            });
            groups[g].1.push(i);
        }
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(groups
            .into_iter()
            .map(|(key, rows)| (self.label(&key), rows))
            .collect())
    }

    /// The `group` label of a group's key.
    fn label(self, (_, a, b, text): &GroupKeyOf) -> String {
        match self {
            Grouping::Site => String::new(),
            Grouping::Rw => a.map(rw_label).unwrap_or_default(),
            Grouping::Rt => match (a, b) {
                (Some(w), Some(t)) => rt_label(*w, *t),
                _ => String::new(),
            },
            Grouping::HeadGender => text.unwrap_or_default().to_string(),
            Grouping::Decile => a.map(|d| d.to_string()).unwrap_or_default(),
            Grouping::Trained => match a {
                Some(1) => "trained".to_string(),
                Some(_) => "untrained".to_string(),
                None => String::new(),
            },
        }
    }
}

/// Finest keys, and the household disaggregations that are unions of their
/// groups: RT within RW within the site; head gender; welfare decile.
const FINEST: [(&[&str], &[Grouping]); 3] = [
    (&["rw", "rt"], &[Grouping::Site, Grouping::Rw, Grouping::Rt]),
    (&["head_gender"], &[Grouping::HeadGender]),
    (&["welfare_decile"], &[Grouping::Decile]),
];

/// Aggregates that are counts and integer sums, taken once per finest
/// group (three plans) instead of once per disaggregation (five): the whole
/// site and each RW are then added up from the RT groups in Rust, which
/// gives exactly the sums of aggregating them directly.
pub(crate) struct Finest {
    plans: Vec<(usize, &'static [Grouping])>,
}

impl Finest {
    /// Adds the plans of `aggs` over `lf`, grouped by `leading` columns
    /// (the quarter, or none) and each set of finest keys.
    pub(crate) fn plan(
        lf: &LazyFrame,
        leading: &[&str],
        aggs: &[Expr],
        batch: &mut Batch,
    ) -> Finest {
        let plans = FINEST
            .iter()
            .map(|&(keys, groupings)| {
                let keys: Vec<Expr> = leading.iter().chain(keys).map(|c| col(*c)).collect();
                let plan = lf.clone().group_by(keys).agg(aggs);
                (batch.add(plan), groupings)
            })
            .collect();
        Finest { plans }
    }

    /// The groups of every household disaggregation, in [`Grouping::ALL`]
    /// order, from the collected frames.
    pub(crate) fn groups(&self, frames: &[DataFrame]) -> Result<Vec<(Grouping, Groups)>> {
        let mut out = Vec::new();
        for &(at, groupings) in &self.plans {
            let fine = Fine::read(&frames[at])?;
            out.extend(groupings.iter().map(|&g| (g, Groups::rolled_up(&fine, g))));
        }
        Ok(out)
    }
}

/// The memory the parts of [`summed_groups`] may hold in sums at once.
const SUMS_BYTES: usize = 256 << 20;

/// Where a row's counts go: the sums of its group in each set of finest
/// keys.
pub(crate) struct Sink<'a>([&'a mut [i64]; 3]);

impl Sink<'_> {
    /// Adds `v` to aggregate `j` of the row's groups (most of a row's
    /// counts are 0, and are not added).
    #[inline]
    pub(crate) fn put(&mut self, j: usize, v: i64) {
        if v != 0 {
            for sums in &mut self.0 {
                sums[j] += v;
            }
        }
    }
}

/// The finest groups of every household disaggregation, each with its sums
/// of `names`, counted in Rust over the rows of `df` (a quarter column
/// [`cols::Q`] and the finest keys): `add(row, sink)` puts the row's share
/// of each aggregate into `sink`. The rows are counted on every core, each
/// into its own sums, then added up; every aggregate is a count or an
/// integer sum, so the result is exactly what polars' group-by gives.
pub(crate) fn summed_groups(
    df: &DataFrame,
    names: &[String],
    add: impl Fn(usize, &mut Sink) + Sync,
) -> Result<Vec<(Grouping, Groups)>> {
    // Read in place, without copies: the genders as texts of the frame.
    let quarters = quarter_array(df)?;
    let rw = int_array(df, "rw")?;
    let rt = int_array(df, "rt")?;
    let decile = int_array(df, "welfare_decile")?;
    let gender = crate::load::one_array(series(df, "head_gender")?.str()?);
    // Each row's group in each set of finest keys, in the order of
    // [`FINEST`], numbered as first seen.
    let key_of = |set: usize, i: usize| -> GroupKeyOf<'_> {
        let q = quarters.get(i).map(i64::from);
        match set {
            0 => (q, rw.get(i), rt.get(i), None),
            1 => (q, None, None, gender.get(i)),
            _ => (q, decile.get(i), None, None),
        }
    };
    let (keys, group_of): (Vec<Vec<GroupKeyOf>>, Vec<Vec<u32>>) = (0..FINEST.len())
        .into_par_iter()
        .map(|set| {
            let mut keys: Vec<GroupKeyOf> = Vec::new();
            let mut at: HashMap<GroupKeyOf, u32, FixedState> = HashMap::default();
            let group_of = (0..df.height())
                .map(|i| {
                    let key = key_of(set, i);
                    *at.entry(key).or_insert_with(|| {
                        keys.push(key);
                        (keys.len() - 1) as u32
                    })
                })
                .collect();
            (keys, group_of)
        })
        .unzip();
    let width = names.len();
    let empty = || -> Vec<Vec<i64>> { keys.iter().map(|k| vec![0; k.len() * width]).collect() };
    // One part of the rows per thread, each counted into its own sums; a
    // site's finest groups can be many (a quarter of every RT: 115 MB of
    // sums on a million households), so there are no more parts than
    // [`SUMS_BYTES`] of sums allow, however many cores.
    let bytes = keys.iter().map(Vec::len).sum::<usize>() * width * size_of::<i64>();
    let parts = rayon::current_num_threads()
        .min(SUMS_BYTES / bytes.max(1))
        .max(1);
    let height = df.height();
    let sums = (0..parts)
        .into_par_iter()
        .map(|part| {
            let mut sums = empty();
            let [a, b, c] = &mut sums[..] else {
                unreachable!("three sets of finest keys")
            };
            let rows = part * height / parts..(part + 1) * height / parts;
            let [g0, g1, g2] = [0, 1, 2].map(|set| &group_of[set][rows.clone()]);
            for (k, ((x, y), z)) in g0.iter().zip(g1).zip(g2).enumerate() {
                let i = rows.start + k;
                let (x, y, z) = (
                    *x as usize * width,
                    *y as usize * width,
                    *z as usize * width,
                );
                let mut sink = Sink([
                    &mut a[x..x + width],
                    &mut b[y..y + width],
                    &mut c[z..z + width],
                ]);
                add(i, &mut sink);
            }
            sums
        })
        .collect::<Vec<_>>();
    // The parts are added into the first: a parallel reduce would start
    // every part of its own from a fresh set of zeros, each as large.
    let mut rest = sums.into_iter();
    let mut sums = rest.next().unwrap_or_else(empty);
    for part in rest {
        for (a, b) in sums.iter_mut().zip(part) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
    }
    let fines: Vec<(Fine, &[Grouping])> = FINEST
        .iter()
        .zip(&keys)
        .zip(sums)
        .enumerate()
        .map(|(set, (((_, groupings), keys), sums))| {
            let column = |f: fn(&GroupKeyOf) -> Option<i64>| keys.iter().map(f).collect();
            let none = || vec![None; keys.len()];
            let fine = Fine {
                quarters: column(|k| k.0),
                rw: if set == 0 { column(|k| k.1) } else { none() },
                rt: if set == 0 { column(|k| k.2) } else { none() },
                gender: if set == 1 {
                    keys.iter().map(|k| k.3.map(str::to_string)).collect()
                } else {
                    vec![None; keys.len()]
                },
                decile: if set == 2 { column(|k| k.1) } else { none() },
                names: names.to_vec(),
                // In the sums' own memory.
                values: sums.into_iter().map(|v| v as f64).collect(),
            };
            (fine, *groupings)
        })
        .collect();
    // Every disaggregation added up on its own, on every core.
    let each: Vec<(&Fine, Grouping)> = fines
        .iter()
        .flat_map(|(fine, groupings)| groupings.iter().map(move |&g| (fine, g)))
        .collect();
    Ok(each
        .into_par_iter()
        .map(|(fine, g)| (g, Groups::rolled_up(fine, g)))
        .collect())
}

/// A frame of finest groups, read once; a key it was not grouped by is
/// missing, and so is the quarter of a frame of the whole data.
struct Fine {
    quarters: Vec<Option<i64>>,
    rw: Vec<Option<i64>>,
    rt: Vec<Option<i64>>,
    gender: Vec<Option<String>>,
    decile: Vec<Option<i64>>,
    names: Vec<String>,
    /// The aggregates of each group side by side, in the order of
    /// `names`: group `g`'s are at `g * names.len()..`, so that a group's
    /// sums are added up from one place in memory.
    values: Vec<f64>,
}

impl Fine {
    fn read(df: &DataFrame) -> Result<Fine> {
        const KEYS: [&str; 5] = [cols::Q, "rw", "rt", "head_gender", "welfare_decile"];
        let names: Vec<String> = df
            .get_column_names()
            .into_iter()
            .map(|n| n.to_string())
            .filter(|n| !KEYS.contains(&n.as_str()))
            .collect();
        let columns = names
            .iter()
            .map(|n| counts(df, n))
            .collect::<Result<Vec<_>>>()?;
        let values = (0..df.height())
            .flat_map(|g| columns.iter().map(move |c| c[g]))
            .collect();
        drop(columns);
        let has = |name: &str| df.get_column_index(name).is_some();
        let ints_or_none = |name: &str| -> Result<Vec<Option<i64>>> {
            if has(name) {
                ints(df, name)
            } else {
                Ok(vec![None; df.height()])
            }
        };
        Ok(Fine {
            quarters: ints_or_none(cols::Q)?,
            rw: ints_or_none("rw")?,
            rt: ints_or_none("rt")?,
            gender: if has("head_gender") {
                texts(df, "head_gender")?
            } else {
                vec![None; df.height()]
            },
            decile: ints_or_none("welfare_decile")?,
            names,
            values,
        })
    }
}

/// A group of a disaggregation: its quarter, then its key (integer keys,
/// trained as 1 and untrained as 0, then head gender, whose text borrows
/// from a frame), ordered as polars sorts them, a missing value first.
type GroupKeyOf<'a> = (Option<i64>, Option<i64>, Option<i64>, Option<&'a str>);

/// The sums of each group of one disaggregation, per quarter, in key order.
pub(crate) struct Groups {
    /// The quarter key of each group; `None` in a frame of the whole data.
    pub quarters: Vec<Option<i64>>,
    /// The `group` label of each group.
    pub labels: Vec<String>,
    /// Each aggregate's sums, by name.
    pub columns: BTreeMap<String, Vec<f64>>,
}

impl Groups {
    /// The sums of `grouping`'s groups, added up from the finest groups:
    /// the finest groups sorted (stably) by the grouping's key, and each
    /// run of one key summed in the finest groups' order.
    fn rolled_up(fine: &Fine, grouping: Grouping) -> Groups {
        let key = |i: usize| -> GroupKeyOf<'_> {
            let q = fine.quarters[i];
            match grouping {
                Grouping::Rw => (q, fine.rw[i], None, None),
                Grouping::Rt => (q, fine.rw[i], fine.rt[i], None),
                Grouping::HeadGender => (q, None, None, fine.gender[i].as_deref()),
                Grouping::Decile => (q, fine.decile[i], None, None),
                Grouping::Site | Grouping::Trained => (q, None, None, None),
            }
        };
        let mut order: Vec<usize> = (0..fine.quarters.len()).collect();
        order.sort_by_key(|&i| key(i));
        let width = fine.names.len();
        let mut sums: Vec<Vec<f64>> = vec![Vec::new(); width];
        let mut run_sums = vec![0.0; width];
        let (mut quarters, mut labels) = (Vec::new(), Vec::new());
        for run in order.chunk_by(|&a, &b| key(a) == key(b)) {
            let first = key(run[0]);
            quarters.push(first.0);
            labels.push(grouping.label(&first));
            // Each aggregate added up from 0 in the run's order.
            run_sums.fill(0.0);
            for &i in run {
                let values = &fine.values[i * width..][..width];
                for (t, v) in run_sums.iter_mut().zip(values) {
                    *t += v;
                }
            }
            for (sum, t) in sums.iter_mut().zip(&run_sums) {
                sum.push(*t);
            }
        }
        Groups {
            quarters,
            labels,
            columns: fine.names.iter().cloned().zip(sums).collect(),
        }
    }

    /// The sum of aggregate `name` in group `row` (0 for an aggregate the
    /// frame does not have).
    pub(crate) fn get(&self, name: &str, row: usize) -> f64 {
        self.columns.get(name).map_or(0.0, |c| c[row])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rt_labels_read_back() {
        assert_eq!(rt_label(2, 7), "RW 02 / RT 007");
        assert_eq!(rt_of_label("RW 02 / RT 007"), Some((2, 7)));
        assert_eq!(rt_of_label(&rt_label(123, 4567)), Some((123, 4567)));
        assert_eq!(rt_of_label("RW 02"), None);
        assert_eq!(rt_of_label("all"), None);
    }

    /// RT groups of two quarters add up to their RW and to the site, in
    /// key order with a missing RW first, as polars sorts them.
    #[test]
    fn finest_groups_add_up_to_each_disaggregation() {
        let df = df!(
            cols::Q => [20263i64, 20263, 20263, 20264, 20263],
            "rw" => [Some(2i64), Some(1), Some(1), Some(1), None],
            "rt" => [Some(1i64), Some(2), Some(1), Some(1), None],
            "households" => [4i64, 3, 5, 7, 1],
            "value" => [400i64, 0, 250, 70, 10],
        )
        .unwrap();
        let fine = Fine::read(&df).unwrap();
        let site = Groups::rolled_up(&fine, Grouping::Site);
        assert_eq!(site.quarters, [Some(20263), Some(20264)]);
        assert_eq!(site.columns["households"], [4.0 + 3.0 + 5.0 + 1.0, 7.0]);
        assert_eq!(site.columns["value"], [660.0, 70.0]);
        let rw = Groups::rolled_up(&fine, Grouping::Rw);
        assert_eq!(rw.labels, ["", "RW 01", "RW 02", "RW 01"]);
        assert_eq!(rw.columns["households"], [1.0, 8.0, 4.0, 7.0]);
        assert_eq!(rw.get("value", 1), 250.0);
        let rt = Groups::rolled_up(&fine, Grouping::Rt);
        assert_eq!(
            rt.labels,
            [
                "",
                "RW 01 / RT 001",
                "RW 01 / RT 002",
                "RW 02 / RT 001",
                "RW 01 / RT 001"
            ]
        );
        assert_eq!(rt.columns["households"], [1.0, 5.0, 3.0, 4.0, 7.0]);
        assert_eq!(rt.get("missing", 0), 0.0);
    }

    /// Rows split into groups in key order (a missing key first, as polars
    /// sorts), labelled; the whole site is one group even of no rows.
    #[test]
    fn rows_split_into_groups_in_key_order() {
        let df = df!(
            "rw" => [Some(2i64), Some(1), None, Some(1), Some(2)],
            "rt" => [Some(1i64), Some(3), None, Some(1), Some(1)],
            "head_gender" => [Some("P"), Some("L"), Some("P"), None, Some("L")],
            "welfare_decile" => [10i64, 2, 2, 1, 10],
            "trained" => [true, false, true, false, false],
        )
        .unwrap();
        let split = |g: Grouping| g.split(&df).unwrap();
        assert_eq!(
            split(Grouping::Site),
            [(String::new(), vec![0, 1, 2, 3, 4])]
        );
        assert_eq!(
            split(Grouping::Rw),
            [
                (String::new(), vec![2]),
                ("RW 01".to_string(), vec![1, 3]),
                ("RW 02".to_string(), vec![0, 4]),
            ]
        );
        assert_eq!(
            split(Grouping::Rt),
            [
                (String::new(), vec![2]),
                ("RW 01 / RT 001".to_string(), vec![3]),
                ("RW 01 / RT 003".to_string(), vec![1]),
                ("RW 02 / RT 001".to_string(), vec![0, 4]),
            ]
        );
        assert_eq!(
            split(Grouping::HeadGender),
            [
                (String::new(), vec![3]),
                ("L".to_string(), vec![1, 4]),
                ("P".to_string(), vec![0, 2]),
            ]
        );
        assert_eq!(
            split(Grouping::Decile),
            [
                ("1".to_string(), vec![3]),
                ("2".to_string(), vec![1, 2]),
                ("10".to_string(), vec![0, 4]),
            ]
        );
        assert_eq!(
            split(Grouping::Trained),
            [
                ("untrained".to_string(), vec![1, 3, 4]),
                ("trained".to_string(), vec![0, 2]),
            ]
        );
        let empty = df.head(Some(0));
        assert_eq!(
            Grouping::Site.split(&empty).unwrap(),
            [(String::new(), vec![])]
        );
        assert!(Grouping::Rw.split(&empty).unwrap().is_empty());
    }
}
