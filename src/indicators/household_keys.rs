//! Household keys: every table that names a household gets the column
//! [`cols::HH`], the rank of its household id among all the ids of the
//! site in text order, so that joins, group-bys and sorts on households
//! compare integers, and sorting by the key sorts by id.

use std::collections::HashMap;

use anyhow::Result;
use foldhash::fast::FixedState;
use polars::prelude::*;
use rayon::prelude::*;

use super::base::cols;
use super::frame::cut_as;
use crate::load::ROW;

/// A household id as a hash key: an id of up to 16 bytes (the 16 digits
/// of a family card number) packed into the key itself, so comparing two
/// keys reads no text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum IdKey<'a> {
    Short(u128, u8),
    Long(&'a str),
}

impl<'a> IdKey<'a> {
    fn of(id: &'a str) -> IdKey<'a> {
        let bytes = id.as_bytes();
        if bytes.len() > 16 {
            return IdKey::Long(id);
        }
        let mut packed = [0u8; 16];
        packed[..bytes.len()].copy_from_slice(bytes);
        IdKey::Short(u128::from_le_bytes(packed), bytes.len() as u8)
    }
}

/// The number of `id` in order of first sight, numbering it when new.
fn number<'a>(
    seen: &mut HashMap<IdKey<'a>, u32, FixedState>,
    distinct: &mut Vec<&'a str>,
    id: &'a str,
) -> u32 {
    *seen.entry(IdKey::of(id)).or_insert_with(|| {
        distinct.push(id);
        (distinct.len() - 1) as u32
    })
}

/// No id in the row.
const NONE: u32 = u32::MAX;
/// An id the registry does not have, numbered in the second pass.
const LATER: u32 = u32::MAX - 1;

/// `tables` (each with a `household_id` column, the registry first) with
/// the column [`cols::HH`]: the rank of the row's id among every id of all
/// the tables in text order, so that sorting by the key sorts by id; none
/// for a row without an id. The registry's ids are numbered in the order
/// first seen; the other tables find theirs (through `found`, where the
/// checks found each record's registry row, or else by looking them up in
/// parallel) and number the few the registry lacks after; one sort of the
/// distinct ids then turns those numbers into ranks.
pub(super) fn with_household_keys(
    tables: Vec<DataFrame>,
    found: &[Option<&[u32]>],
) -> Result<Vec<DataFrame>> {
    let ids: Vec<StringChunked> = tables
        .iter()
        .map(|df| Ok(df.column("household_id")?.str()?.clone()))
        .collect::<Result<_>>()?;
    let found: Option<Vec<&[u32]>> = found.iter().copied().collect();
    let (mut firsts, mut distinct) = match found {
        Some(found)
            if found.len() == tables.len() && tables.iter().all(|df| df.column(ROW).is_ok()) =>
        {
            // A row without a record number finds no household by it.
            let records: Vec<Vec<u32>> = tables
                .iter()
                .map(crate::load::record_numbers)
                .collect::<PolarsResult<_>>()?;
            numbered_by_checks(&ids, &records, &found)
        }
        _ => numbered_by_lookup(&ids),
    };
    // The ids the registry lacks, numbered in order of first sight.
    let mut seen: HashMap<IdKey<'_>, u32, FixedState> = HashMap::default();
    for (ca, found) in ids.iter().zip(firsts.iter_mut()) {
        for (f, id) in found.iter_mut().zip(ca.iter()) {
            if let (LATER, Some(id)) = (*f, id) {
                *f = number(&mut seen, &mut distinct, id);
            }
        }
    }
    anyhow::ensure!(
        (distinct.len() as u64) < u64::from(LATER).min(IdxSize::MAX as u64),
        "more distinct household ids than household keys"
    );
    let mut order: Vec<u32> = (0..distinct.len() as u32).collect();
    order.par_sort_unstable_by_key(|&i| distinct[i as usize]);
    let mut rank = vec![0 as IdxSize; distinct.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i as usize] = r as IdxSize;
    }
    tables
        .into_iter()
        .zip(firsts)
        .map(|(mut df, firsts)| {
            let name = PlSmallStr::from(cols::HH);
            let whole = if firsts.contains(&NONE) {
                IdxCa::from_iter_options(
                    name,
                    firsts
                        .iter()
                        .map(|&f| (f != NONE).then(|| rank[f as usize])),
                )
            } else {
                IdxCa::from_vec(name, firsts.par_iter().map(|&f| rank[f as usize]).collect())
            };
            let keys = cut_as(whole.into_column(), df.column("household_id")?)?;
            df.with_column(keys)?;
            Ok(df)
        })
        .collect()
}

/// Each row's id numbered, the registry's (`ids[0]`) in order of first
/// sight, the other tables' by looking them up in parallel ([`LATER`] for
/// an id the registry lacks); and the distinct ids by number.
fn numbered_by_lookup(ids: &[StringChunked]) -> (Vec<Vec<u32>>, Vec<&str>) {
    let mut seen: HashMap<IdKey<'_>, u32, FixedState> = HashMap::default();
    let mut distinct: Vec<&str> = Vec::new();
    let mut firsts: Vec<Vec<u32>> = Vec::with_capacity(ids.len());
    if let Some(registry) = ids.first() {
        seen.reserve(registry.len());
        firsts.push(
            registry
                .iter()
                .map(|id| id.map_or(NONE, |id| number(&mut seen, &mut distinct, id)))
                .collect(),
        );
    }
    for ca in ids.iter().skip(1) {
        firsts.push(each_id(ca, |_, id| {
            seen.get(&IdKey::of(id)).copied().unwrap_or(LATER)
        }));
    }
    (firsts, distinct)
}

/// `f` of every row of `ca` that has an id (with the row's place), on
/// every core; [`NONE`] for a row without one.
fn each_id(ca: &StringChunked, f: impl Fn(usize, &str) -> u32 + Sync) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(ca.len());
    let mut start = 0;
    for arr in ca.downcast_iter() {
        out.par_extend(
            (0..arr.len())
                .into_par_iter()
                .with_min_len(1 << 14)
                .map(|i| arr.get(i).map_or(NONE, |id| f(start + i, id))),
        );
        start += arr.len();
    }
    out
}

/// As [`numbered_by_lookup`], from where the checks found each record's
/// registry row (`found`, by record; `records`, each row's record): a
/// registry row is numbered by the registry row that first holds its id,
/// and a row of another table takes the number of the registry row the
/// checks found for it, or [`LATER`] when the registry has no row with its
/// id that was kept. No id is hashed.
fn numbered_by_checks<'a>(
    ids: &'a [StringChunked],
    records: &[Vec<u32>],
    found: &[&[u32]],
) -> (Vec<Vec<u32>>, Vec<&'a str>) {
    let registry_of = |t: usize, record: u32| -> Option<usize> {
        let f = *found[t].get(record as usize)?;
        (f != crate::validate::NO_HOUSEHOLD).then_some(f as usize)
    };
    let mut number = vec![NONE; found[0].len()];
    let mut distinct: Vec<&str> = Vec::new();
    let mut firsts: Vec<Vec<u32>> = Vec::with_capacity(ids.len());
    if let Some(registry) = ids.first() {
        firsts.push(
            registry
                .iter()
                .zip(&records[0])
                .map(|(id, &record)| {
                    let Some(id) = id else {
                        return NONE;
                    };
                    let Some(n) = registry_of(0, record).and_then(|f| number.get_mut(f)) else {
                        return LATER;
                    };
                    if *n == NONE {
                        *n = distinct.len() as u32;
                        distinct.push(id);
                    }
                    *n
                })
                .collect(),
        );
    }
    for (t, ca) in ids.iter().enumerate().skip(1) {
        firsts.push(each_id(ca, |i, _| {
            registry_of(t, records[t][i])
                .map(|f| number[f])
                .filter(|&n| n != NONE)
                .unwrap_or(LATER)
        }));
    }
    (firsts, distinct)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys rank the ids of every table together in text order (an id of
    /// 17 bytes or more is hashed as text, a shorter one packed), a row
    /// without an id has none, and each key column is cut as its table.
    #[test]
    fn household_keys_by_hand() {
        let long = "zzzzzzzzzzzzzzzzzzzz";
        let mut registry = df!("household_id" => ["b", "a"]).unwrap();
        registry
            .vstack_mut(&df!("household_id" => [long]).unwrap())
            .unwrap();
        let surveys = df!("household_id" => [Some("a"), None, Some("c")]).unwrap();
        let ledger = df!("household_id" => ["c", "b", "0000000000000000x", "a\0"]).unwrap();
        let keyed = with_household_keys(vec![registry, surveys, ledger], &[]).unwrap();
        let keys = |df: &DataFrame| -> Vec<Option<IdxSize>> {
            df.column(cols::HH).unwrap().idx().unwrap().iter().collect()
        };
        // In text order: 0000000000000000x, a, a\0, b, c, zzz...
        assert_eq!(keys(&keyed[0]), [Some(3), Some(1), Some(5)]);
        assert_eq!(keys(&keyed[1]), [Some(1), None, Some(4)]);
        assert_eq!(keys(&keyed[2]), [Some(4), Some(3), Some(0), Some(2)]);
        let chunks = |df: &DataFrame, c: &str| {
            df.column(c)
                .unwrap()
                .as_materialized_series()
                .chunk_lengths()
                .collect::<Vec<_>>()
        };
        assert_eq!(chunks(&keyed[0], cols::HH), [2, 1]);
        assert_eq!(
            chunks(&keyed[0], cols::HH),
            chunks(&keyed[0], "household_id")
        );
    }

    /// The checks' registry rows number the households as looking every id
    /// up does: a registry row by its own record, another table's row by
    /// the registry record the checks found for it, and an id whose
    /// registry row was rejected (`d`) or that the registry lacks (`c`)
    /// after them.
    #[test]
    fn household_keys_from_the_checks_by_hand() {
        const NO: u32 = crate::validate::NO_HOUSEHOLD;
        let long = "zzzzzzzzzzzzzzzzzzzz";
        let tables = || {
            vec![
                df!(ROW => [0 as IdxSize, 1, 3], "household_id" => ["b", "a", long]).unwrap(),
                df!(ROW => [0 as IdxSize, 1, 2], "household_id" => [Some("a"), None, Some("c")])
                    .unwrap(),
                df!(ROW => [0 as IdxSize, 1, 2, 3, 5], "household_id" => ["c", "b", "d", "a", "d"])
                    .unwrap(),
            ]
        };
        // Record 2 of the registry (id `d`) and record 4 of the ledger
        // were rejected.
        let registry: &[u32] = &[0, 1, 2, 3];
        let surveys: &[u32] = &[1, NO, NO];
        let ledger: &[u32] = &[NO, 0, 2, 1, NO, 2];
        let keys = |df: &DataFrame| -> Vec<Option<IdxSize>> {
            df.column(cols::HH).unwrap().idx().unwrap().iter().collect()
        };
        let found = [Some(registry), Some(surveys), Some(ledger)];
        for keyed in [
            with_household_keys(tables(), &found).unwrap(),
            with_household_keys(tables(), &[]).unwrap(),
        ] {
            // In text order: a, b, c, d, zzz...
            assert_eq!(keys(&keyed[0]), [Some(1), Some(0), Some(4)]);
            assert_eq!(keys(&keyed[1]), [Some(0), None, Some(2)]);
            assert_eq!(
                keys(&keyed[2]),
                [Some(2), Some(1), Some(3), Some(0), Some(3)]
            );
        }
        let ids: Vec<StringChunked> = tables()
            .iter()
            .map(|df| df.column("household_id").unwrap().str().unwrap().clone())
            .collect();
        let (firsts, distinct) = numbered_by_checks(
            &ids,
            &[vec![0, 1, 3], vec![0, 1, 2], vec![0, 1, 2, 3, 5]],
            &[registry, surveys, ledger],
        );
        // Nothing but the ids the registry lacks is left to number.
        assert_eq!(distinct.len(), 3);
        assert_eq!(firsts[2], [LATER, 0, LATER, 1, LATER]);
    }
}
