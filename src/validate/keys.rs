//! Checks that compare rows and tables: each table's keys are unique, the
//! household a row names is in the registry, a survey's children in school
//! are at most its household's school-age children in the registry, a
//! delivery dated before its household's registration is a warning, and
//! the outlier and shared-NIK warnings of [`super::outliers`].
//!
//! Each table gives one narrow frame (its record numbers and the trimmed
//! texts of its key columns), collected with the other checks' plans. The
//! rest is counted here: every distinct value of a column is known by the
//! position of its first row, found through a hash table of positions, so
//! no text is copied and a comparison reads two cells. The registry's
//! table, where every other table looks its household ids up, also holds
//! each id of up to 16 bytes and its hash in the table itself. A key of several
//! columns is a pair of such positions, column after column. The hashes
//! are seeded anew in each run, so no file can be made to collide them;
//! which row comes first never depends on them.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

use anyhow::{Context, Result};
use foldhash::fast::RandomState;
use hashbrown::hash_table::{Entry, HashTable};
use polars::prelude::*;

use super::places::{Places, Vacant};
use super::{row_indices, FileReport};
use crate::cache::{fill_ahead, AHEAD};
use crate::contract::Table;
use crate::load::typed::{trimmed, value};
use crate::load::{RawTable, ROW};
use crate::problem::Problem;

/// Tables whose `household_id` names a household of the registry (in
/// feedback, only when the person gave it; a table is read for this when
/// its file has the column).
pub(super) const REFERRING: [Table; 4] = [
    Table::Surveys,
    Table::Distributions,
    Table::Trainings,
    Table::Feedback,
];

/// polars' array of texts.
type TextArray = <StringType as PolarsDataType>::Array;

/// A column's values, read by row in the chunks the engine left them in:
/// putting a large table's chunks together would copy the column (16
/// bytes a row for a text, 8 for a number).
#[derive(Clone)]
pub(super) struct Chunks<A> {
    chunks: Vec<A>,
    /// The row each chunk starts at, and after them the row count.
    starts: Vec<usize>,
}

/// A column's texts, by row ([`Chunks`]).
pub(super) type Texts = Chunks<TextArray>;

impl<A: StaticArray + Clone> Chunks<A> {
    pub(super) fn of<T: PolarsDataType<Array = A>>(ca: &ChunkedArray<T>) -> Chunks<A> {
        let chunks: Vec<A> = ca.downcast_iter().cloned().collect();
        let mut starts = Vec::with_capacity(chunks.len() + 1);
        let mut start = 0;
        starts.push(start);
        for arr in &chunks {
            start += arr.len();
            starts.push(start);
        }
        Chunks { chunks, starts }
    }

    pub(super) fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The value of row `i`, none when empty (or past the end).
    pub(super) fn get(&self, i: usize) -> Option<A::ValueT<'_>> {
        let chunk = self.chunk_of(i)?;
        self.chunks[chunk].get(i - self.starts[chunk])
    }

    /// The chunk holding row `i`. The engine cuts a table into chunks of
    /// one size but the last, so the row's chunk is first guessed from the
    /// first chunk's size, and only searched for when the guess is wrong.
    fn chunk_of(&self, i: usize) -> Option<usize> {
        let last = self.chunks.len().checked_sub(1)?;
        if i >= self.len() {
            return None;
        }
        let size = self.starts[1].max(1);
        let guess = (i / size).min(last);
        if self.starts[guess] <= i && i < self.starts[guess + 1] {
            return Some(guess);
        }
        Some(self.starts.partition_point(|&s| s <= i) - 1)
    }
}

impl Texts {
    /// Calls `f` with each row that has a text, in row order.
    fn each<'a>(&'a self, mut f: impl FnMut(u32, &'a str)) {
        for (arr, &start) in self.chunks.iter().zip(&self.starts) {
            for (i, t) in arr.iter().enumerate() {
                if let Some(t) = t {
                    f((start + i) as u32, t);
                }
            }
        }
    }

    /// Whether every row has a text and each is above the one before, so
    /// that no two are the same: byte by byte (`D-0009`, `D-0010`), or by
    /// length and then byte by byte (`D-9`, `D-10`, and ids numbered with
    /// leading zeros past their width: `D-9999999`, `D-10000000`). In
    /// either order no text is above itself, so the whole column has to
    /// run in one of them, not in both.
    fn ascending(&self) -> bool {
        let mut previous: Option<&str> = None;
        let (mut by_bytes, mut by_length) = (true, true);
        for arr in &self.chunks {
            for t in arr.iter() {
                let Some(t) = t else {
                    return false;
                };
                if let Some(p) = previous {
                    by_bytes &= p < t;
                    by_length &= (p.len(), p) < (t.len(), t);
                    if !(by_bytes || by_length) {
                        return false;
                    }
                }
                previous = Some(t);
            }
        }
        true
    }
}

/// No value: a key with an empty part.
pub(crate) const NONE: u32 = u32::MAX;

/// Whether the survey's `children_in_school` is checked against the
/// registry's `school_age_children`: both files have the column.
fn children_checked(tables: &BTreeMap<Table, RawTable>) -> bool {
    both_have(
        tables,
        (Table::Surveys, "children_in_school"),
        (Table::Households, "school_age_children"),
    )
}

/// Whether the files of two tables have the columns compared between them.
fn both_have(tables: &BTreeMap<Table, RawTable>, a: (Table, &str), b: (Table, &str)) -> bool {
    let has = |(t, c): (Table, &str)| tables.get(&t).is_some_and(|raw| raw.has(c));
    has(a) && has(b)
}

/// The columns of `raw` these checks read: the trimmed texts of its key
/// columns and of its household id, the numbers compared between the
/// registry and the surveys, the dates compared between the registry and
/// the ledger, and those of the outlier warnings.
fn columns(raw: &RawTable) -> Vec<Expr> {
    let mut names: BTreeSet<String> = raw
        .spec
        .unique
        .iter()
        .flat_map(|k| k.iter().map(|c| trimmed(c)))
        .collect();
    let table = raw.spec.table;
    if (table == Table::Households || REFERRING.contains(&table)) && raw.has("household_id") {
        names.insert(trimmed("household_id"));
    }
    // Read whenever the table has them; compared only when both tables
    // do (see [`children_checked`]).
    for (t, column) in [
        (Table::Households, "school_age_children"),
        (Table::Surveys, "children_in_school"),
        (Table::Households, "registered_on"),
        (Table::Distributions, "distributed_on"),
    ] {
        if table == t && raw.has(column) {
            names.insert(value(column));
        }
    }
    names.extend(super::outliers::columns(raw));
    let mut out = vec![col(ROW)];
    out.extend(names.iter().map(|n| col(n.as_str())));
    out
}

/// The narrow frame of a table these checks read, to be collected with
/// its other checks' plans and handed back to [`check`] in the tables'
/// order.
pub(super) fn plan(raw: &RawTable) -> LazyFrame {
    raw.lf.clone().select(columns(raw))
}

/// One table's collected frame: record numbers in increasing order and the
/// columns by name.
pub(super) struct Frame {
    /// The record of each row, in 32 bits as polars numbers rows (a
    /// ledger's ten million take 40 MB).
    pub(super) rows: Vec<u32>,
    df: DataFrame,
}

impl Frame {
    fn new(df: DataFrame) -> Result<Frame> {
        let mut df = df;
        let mut rows = crate::load::record_numbers(&df)?;
        if !rows.is_sorted() {
            df = df.sort([ROW], SortMultipleOptions::default())?;
            rows = crate::load::record_numbers(&df)?;
        }
        Ok(Frame { rows, df })
    }

    /// The record of row `i`.
    pub(super) fn record(&self, i: usize) -> u64 {
        u64::from(self.rows[i])
    }

    /// The trimmed text of `column`.
    pub(super) fn text(&self, column: &str) -> Result<Texts> {
        Ok(Texts::of(self.df.column(&trimmed(column))?.str()?))
    }

    fn numbers(&self, column: &str) -> Result<Vec<Option<i64>>> {
        let s = self
            .df
            .column(&value(column))?
            .as_materialized_series()
            .cast(&DataType::Int64)?;
        Ok(s.i64()?.iter().collect())
    }

    /// The days since 1970-01-01 of date `column`, by row.
    fn days(&self, column: &str) -> Result<Chunks<<Int32Type as PolarsDataType>::Array>> {
        let s = self.df.column(&value(column))?.as_materialized_series();
        Ok(Chunks::of(s.date()?.physical()))
    }

    /// The value of `column` read by row as a float, none when missing or
    /// unreadable: a whole-number column is read where it is, in its
    /// chunks, not copied into floats.
    pub(super) fn floats(&self, column: &str) -> Result<Floats> {
        let s = self.df.column(&value(column))?.as_materialized_series();
        Ok(match s.dtype() {
            DataType::Int64 => Floats::Whole(Chunks::of(s.i64()?)),
            _ => Floats::Float(Chunks::of(s.cast(&DataType::Float64)?.f64()?)),
        })
    }
}

/// A number column's values as floats, by row ([`Frame::floats`]).
pub(super) enum Floats {
    Whole(Chunks<<Int64Type as PolarsDataType>::Array>),
    Float(Chunks<<Float64Type as PolarsDataType>::Array>),
}

impl Floats {
    pub(super) fn get(&self, i: usize) -> Option<f64> {
        match self {
            Floats::Whole(a) => a.get(i).map(|v| v as f64),
            Floats::Float(a) => a.get(i),
        }
    }
}

/// Every distinct text of a column, known by the position of its first row.
pub(super) struct Firsts<S: Slot = u32> {
    texts: Texts,
    table: Places<S>,
    hasher: RandomState,
    /// For each row, the first row of its text ([`NONE`] when empty).
    pub(super) of_row: Vec<u32>,
}

/// What the table of [`Firsts`] holds for a text's first row.
pub(super) trait Slot: Vacant {
    fn new(hash: u64, row: u32, text: &str) -> Self;
    fn row(&self) -> u32;
    /// The hash of this row's text, read from `texts` if not held.
    fn hash(&self, texts: &Texts, hasher: &RandomState) -> u64;
    /// Whether this row's text is `text`, whose hash is `hash`.
    fn holds(&self, hash: u64, text: &str, texts: &Texts) -> bool;
}

impl Vacant for u32 {
    const VACANT: u32 = NONE;

    fn vacant(&self) -> bool {
        *self == NONE
    }
}

/// The row alone: its text is read to compare it at each place a search
/// visits (one or two: the table is at most half full), and hashed again
/// on the one occasion the table grows (see [`Firsts::of`]). No hash is
/// kept for each row: a ledger's ten million would take 80 MB.
impl Slot for u32 {
    fn new(_: u64, row: u32, _: &str) -> u32 {
        row
    }

    fn row(&self) -> u32 {
        *self
    }

    fn hash(&self, texts: &Texts, hasher: &RandomState) -> u64 {
        hasher.hash_one(texts.get(*self as usize).unwrap_or_default())
    }

    fn holds(&self, _: u64, text: &str, texts: &Texts) -> bool {
        texts.get(*self as usize) == Some(text)
    }
}

/// A text's first row with the text's hash and, when it is short (a
/// household id of 16 digits is), the text itself: the registry's ids are
/// looked up for every row of the tables naming households, and comparing
/// a text with the slot then reads nothing elsewhere in memory.
#[derive(Clone, Copy)]
pub(super) struct First {
    hash: u64,
    row: u32,
    /// The text's bytes, padded with zeros, when it has at most 16.
    short: [u8; 16],
    /// The text's length when it is in `short`; [`LONG`] otherwise.
    len: u8,
}

/// The length of a [`First`] whose text is not in it.
const LONG: u8 = u8::MAX;

impl Vacant for First {
    const VACANT: First = First {
        hash: 0,
        row: NONE,
        short: [0; 16],
        len: 0,
    };

    fn vacant(&self) -> bool {
        self.row == NONE
    }
}

impl Slot for First {
    fn new(hash: u64, row: u32, text: &str) -> First {
        let mut short = [0u8; 16];
        let len = match text.len() {
            n @ 0..=16 => {
                short[..n].copy_from_slice(text.as_bytes());
                n as u8
            }
            _ => LONG,
        };
        First {
            hash,
            row,
            short,
            len,
        }
    }

    fn row(&self) -> u32 {
        self.row
    }

    fn hash(&self, _: &Texts, _: &RandomState) -> u64 {
        self.hash
    }

    fn holds(&self, hash: u64, text: &str, texts: &Texts) -> bool {
        if self.hash != hash {
            return false;
        }
        match self.len {
            LONG => texts.get(self.row as usize) == Some(text),
            n => usize::from(n) == text.len() && &self.short[..text.len()] == text.as_bytes(),
        }
    }
}

/// The entries a table of [`Firsts`] starts with.
const SMALL_TABLE: usize = 1 << 10;

impl<S: Slot> Firsts<S> {
    pub(super) fn of(texts: Texts) -> Firsts<S> {
        let hasher = RandomState::default();
        // A column of a few distinct texts (a program, a survey round)
        // needs a small table, a column of ids one entry a row: the table
        // starts small and, once full, takes room for every row left at
        // once, moving its few entries once rather than doubling again and
        // again.
        let mut table: Places<S> = Places::with_room(texts.len().min(SMALL_TABLE));
        let mut of_row = vec![NONE; texts.len()];
        let mut ahead: Vec<(u32, &str, u64)> = Vec::with_capacity(AHEAD);
        let mut settle = |ahead: &mut Vec<(u32, &str, u64)>, table: &mut Places<S>| {
            for &(i, t, hash) in ahead.iter() {
                if table.len() == table.room() {
                    let rows_left = texts.len() - i as usize;
                    table.grow(table.len() + rows_left, |f| f.hash(&texts, &hasher));
                }
                let same = |f: &S| f.holds(hash, t, &texts);
                of_row[i as usize] = match table.find_or_insert(hash, same, || S::new(hash, i, t)) {
                    Some(first) => first.row(),
                    None => i,
                };
            }
            ahead.clear();
        };
        texts.each(|i, t| {
            let hash = hasher.hash_one(t);
            table.ahead(hash);
            ahead.push((i, t, hash));
            if ahead.len() == AHEAD {
                settle(&mut ahead, &mut table);
            }
        });
        settle(&mut ahead, &mut table);
        Firsts {
            texts,
            table,
            hasher,
            of_row,
        }
    }

    /// For each text of `texts`, the first row holding it here ([`NONE`]
    /// when none does or the text is empty), looked up on every core,
    /// [`AHEAD`] at a time.
    fn positions(&self, texts: &Texts) -> Vec<u32>
    where
        S: Sync,
    {
        let mut at = vec![NONE; texts.len()];
        fill_ahead(
            &mut at,
            |i| {
                texts.get(i).map(|t| {
                    let hash = self.hasher.hash_one(t);
                    self.table.ahead(hash);
                    (t, hash)
                })
            },
            |_, asked| {
                asked
                    .and_then(|(t, hash)| self.find_hashed(t, hash))
                    .unwrap_or(NONE)
            },
        );
        at
    }

    /// The first row holding `text`, if any.
    #[cfg(test)]
    fn find(&self, text: &str) -> Option<u32> {
        self.find_hashed(text, self.hasher.hash_one(text))
    }

    /// The first row holding `text`, whose hash is `hash`, if any.
    fn find_hashed(&self, text: &str, hash: u64) -> Option<u32> {
        self.table
            .find(hash, |f| f.holds(hash, text, &self.texts))
            .map(Slot::row)
    }
}

/// For each row, the first row with the same pair (`a`, `b`) of first-row
/// positions ([`NONE`] when either is).
fn pair_firsts(a: &[u32], b: &[u32]) -> Vec<u32> {
    let hasher = RandomState::default();
    let pair = |i: usize| (u64::from(a[i]) << 32) | u64::from(b[i]);
    let mut table: HashTable<u32> = HashTable::with_capacity(a.len());
    (0..a.len())
        .map(|i| {
            if a[i] == NONE || b[i] == NONE {
                return NONE;
            }
            let key = pair(i);
            let same = |&j: &u32| pair(j as usize) == key;
            match table.entry(hasher.hash_one(key), same, |&j| {
                hasher.hash_one(pair(j as usize))
            }) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => {
                    e.insert(i as u32);
                    i as u32
                }
            }
        })
        .collect()
}

/// A problem found here, on a record of a table, before its cell is read.
pub(super) struct Found {
    pub(super) table: Table,
    pub(super) record: u64,
    /// The column whose untrimmed cell is the problem's value, or the value.
    pub(super) value: Value,
    pub(super) problem: Problem,
    /// An error that rejects the row, or a warning that leaves it in.
    pub(super) reject: bool,
}

pub(super) enum Value {
    Cell(&'static str),
    Text(String),
}

/// A table's key checks that need no other table: its narrow frame, its
/// repeated keys and outliers, and for the registry its households, found
/// once for its own uniqueness and the other tables' references. Found on
/// the thread that read the table, as soon as its frame is collected.
pub(super) struct Own {
    frame: Frame,
    repeated: Vec<Found>,
    outliers: Vec<Found>,
    registry: Option<Firsts<First>>,
}

/// The checks of [`Own`] over `raw`'s frame of [`plan`].
pub(super) fn own(raw: &RawTable, df: DataFrame) -> Result<Own> {
    let frame = Frame::new(df)?;
    let registry = if raw.spec.table == Table::Households && raw.has("household_id") {
        Some(Firsts::<First>::of(frame.text("household_id")?))
    } else {
        None
    };
    let (repeated, outliers) = rayon::join(
        || repeated_keys(raw, &frame, registry.as_ref()),
        || super::outliers::find(raw, &frame),
    );
    let mut repeated = repeated?;
    if let Some(registry) = &registry {
        repeated.extend(case_twins(raw, &frame, registry)?);
    }
    Ok(Own {
        frame,
        repeated,
        outliers: outliers?,
        registry,
    })
}

/// Records the key checks of every table (`owns`, in the tables' order)
/// in `files`, rejecting the rows that break them: the repeated keys of
/// every table, then the outliers, in table order; then the references to
/// the registry. Returns where each record of the registry and of the
/// tables referring to it finds its household ([`HouseholdRows`]).
pub(super) fn check(
    tables: &BTreeMap<Table, RawTable>,
    owns: Vec<Own>,
    engine: Engine,
    files: &mut [FileReport],
    rejected: &mut BTreeMap<Table, BTreeSet<u64>>,
) -> Result<HouseholdRows> {
    let mut registry = None;
    let (mut repeated, mut outliers) = (Vec::new(), Vec::new());
    let mut frames: BTreeMap<Table, Frame> = BTreeMap::new();
    for (&table, own) in tables.keys().zip(owns) {
        registry = registry.or(own.registry);
        repeated.extend(own.repeated);
        outliers.extend(own.outliers);
        frames.insert(table, own.frame);
    }
    let mut found: Vec<Found> = repeated.into_iter().chain(outliers).collect();
    let mut households = HouseholdRows::default();
    if let Some(registry) = &registry {
        let own = &frames[&Table::Households];
        households.insert(Table::Households, own, &registry.of_row, own);
        for table in REFERRING {
            let (Some(raw), Some(frame)) = (tables.get(&table), frames.get(&table)) else {
                continue;
            };
            if !raw.has("household_id") {
                continue;
            }
            let ids = frame.text("household_id")?;
            let at = registry.positions(&ids);
            found.extend(orphans(table, frame, &ids, &at));
            if table == Table::Surveys && children_checked(tables) {
                found.extend(children(own, frame, &at)?);
            }
            if table == Table::Distributions && dates_checked(tables) {
                found.extend(before_registration(own, frame, &at)?);
            }
            households.insert(table, frame, &at, own);
        }
    }
    report(tables, found, engine, files, rejected)?;
    Ok(households)
}

/// For each record of the registry and of the tables referring to it,
/// the record of the registry's first row with the same (trimmed)
/// `household_id`, [`NONE`] when the id is empty or the registry has no
/// such row: found once by the checks, so that the indicators number the
/// households without looking every id up again.
#[derive(Debug, Default)]
pub(crate) struct HouseholdRows(BTreeMap<Table, Vec<u32>>);

impl HouseholdRows {
    /// Records `table`'s rows of `frame` found at the rows `at` of the
    /// registry's frame `registry`.
    fn insert(&mut self, table: Table, frame: &Frame, at: &[u32], registry: &Frame) {
        let records = frame.rows.last().map_or(0, |&r| r as usize + 1);
        let mut of = vec![NONE; records];
        for (&record, &a) in frame.rows.iter().zip(at) {
            if a != NONE {
                of[record as usize] = registry.rows[a as usize];
            }
        }
        self.0.insert(table, of);
    }

    /// The registry record of each record of `table`, when the checks
    /// found them.
    pub(crate) fn of(&self, table: Table) -> Option<&[u32]> {
        self.0.get(&table).map(Vec::as_slice)
    }
}

/// The rows of `raw` that repeat an earlier row's key, for each of its
/// unique keys (the registry's ids already found in `registry`).
fn repeated_keys(
    raw: &RawTable,
    frame: &Frame,
    registry: Option<&Firsts<First>>,
) -> Result<Vec<Found>> {
    let mut found = Vec::new();
    for key in raw.spec.unique {
        let firsts = match registry {
            Some(r) if *key == ["household_id"] && raw.spec.table == Table::Households => {
                r.of_row.clone()
            }
            _ => match key_firsts(frame, key)? {
                Some(firsts) => firsts,
                None => continue,
            },
        };
        let message = if key.len() == 1 {
            format!("{} must be unique", key[0])
        } else {
            format!("({}) must be unique", key.join(", "))
        };
        for (i, &first) in firsts.iter().enumerate() {
            if first == NONE || first as usize == i {
                continue;
            }
            let first_row = raw.display_row(frame.record(first as usize));
            found.push(Found {
                table: raw.spec.table,
                record: frame.record(i),
                value: Value::Cell(key[0]),
                problem: Problem::error(
                    "unique",
                    format!("{message}; first seen on row {first_row}"),
                )
                .in_column(key[0]),
                reject: true,
            });
        }
    }
    Ok(found)
}

/// Registry ids that differ only in letter case (`H001` and `h001`): the
/// same household typed twice would count as two, a ghost beside it. A
/// warning at the later id (each is its own household, as written). Ids
/// without lower-case letters, or without upper-case ones, cannot differ
/// so, and are not looked at further.
fn case_twins(raw: &RawTable, frame: &Frame, registry: &Firsts<First>) -> Result<Vec<Found>> {
    let ids = frame.text("household_id")?;
    let (mut lower, mut upper) = (false, false);
    ids.each(|_, t| {
        lower |= t.bytes().any(|b| b.is_ascii_lowercase());
        upper |= t.bytes().any(|b| b.is_ascii_uppercase());
    });
    if !(lower && upper) {
        return Ok(Vec::new());
    }
    let mut firsts: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
    let mut found = Vec::new();
    for (i, &first) in registry.of_row.iter().enumerate() {
        let Some(id) = ids.get(i).filter(|_| first as usize == i) else {
            continue;
        };
        if !id.bytes().any(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        match firsts.entry(id.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(i as u32);
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                let other = *e.get() as usize;
                found.push(Found {
                    table: raw.spec.table,
                    record: frame.record(i),
                    value: Value::Cell("household_id"),
                    problem: Problem::warning(
                        "case-twin",
                        format!(
                            "household_id differs only in letter case from {} on row {}: \
                             one household typed twice would count as two",
                            ids.get(other).unwrap_or_default(),
                            raw.display_row(frame.record(other))
                        ),
                    )
                    .in_column("household_id"),
                    reject: false,
                });
            }
        }
    }
    Ok(found)
}

/// For each row of `frame`, the first row with the same `key` ([`NONE`]
/// when a part of the key is empty); none when the key cannot repeat.
fn key_firsts(frame: &Frame, key: &[&str]) -> Result<Option<Vec<u32>>> {
    let texts = frame.text(key[0])?;
    let mut firsts = if texts.ascending() {
        // Every text is above the one before, so each row is its own
        // first: ids written in the order they were numbered (a ledger's
        // distribution ids) need no table, and a key of them alone no
        // list of firsts either.
        if key.len() == 1 {
            return Ok(None);
        }
        (0..texts.len() as u32).collect()
    } else {
        Firsts::<u32>::of(texts).of_row
    };
    for column in &key[1..] {
        let next = Firsts::<u32>::of(frame.text(column)?).of_row;
        firsts = pair_firsts(&firsts, &next);
    }
    Ok(Some(firsts))
}

/// The rows of a referring table naming a household the registry lacks
/// (`at`: each row's registry position, [`NONE`] when not found).
fn orphans(table: Table, frame: &Frame, ids: &Texts, at: &[u32]) -> Vec<Found> {
    // A survey or an enrollment of an unknown household cannot be used,
    // but a delivery to one is money that left the program: the row stays
    // in the ledger (its totals, the reconciliation) and is reported as
    // the integrity flag `flag_unregistered_recipient`. A feedback item
    // naming one is still feedback (it is counted), but no letter can
    // answer it.
    let kept = match table {
        Table::Distributions => Some((
            "unregistered-recipient",
            "a delivery to a household that is not in households \
             (kept in the ledger and flagged)",
        )),
        Table::Feedback => Some((
            "unknown-household",
            "the feedback names a household that is not in households, so \
             explain cannot answer it by letter",
        )),
        _ => None,
    };
    at.iter()
        .enumerate()
        .filter_map(|(i, &h)| Some((i, ids.get(i).filter(|_| h == NONE)?)))
        .map(|(i, id)| {
            let problem = match kept {
                Some((rule, message)) => Problem::warning(rule, message),
                None => Problem::error("reference", "household_id is not in households"),
            };
            Found {
                table,
                record: frame.record(i),
                value: Value::Text(id.to_string()),
                problem: problem.in_column("household_id"),
                reject: kept.is_none(),
            }
        })
        .collect()
}

/// The surveys whose `children_in_school` exceeds the school-age children
/// of the household's (first) registry row, at `at`.
fn children(households: &Frame, surveys: &Frame, at: &[u32]) -> Result<Vec<Found>> {
    let school_age = households.numbers("school_age_children")?;
    let in_school = surveys.numbers("children_in_school")?;
    let mut out = Vec::new();
    for (i, (cis, &h)) in in_school.iter().zip(at).enumerate() {
        let (Some(cis), false) = (cis, h == NONE) else {
            continue;
        };
        let Some(sac) = school_age[h as usize] else {
            continue;
        };
        if *cis > sac {
            out.push(Found {
                table: Table::Surveys,
                record: surveys.record(i),
                value: Value::Cell("children_in_school"),
                problem: Problem::error(
                    "range",
                    format!(
                        "children_in_school must be at most the household's \
                         school_age_children ({sac})"
                    ),
                )
                .in_column("children_in_school"),
                reject: true,
            });
        }
    }
    Ok(out)
}

/// Whether the ledger's dates are compared with the registry's: both
/// files have them (both columns are required; a file without one has
/// already failed).
fn dates_checked(tables: &BTreeMap<Table, RawTable>) -> bool {
    both_have(
        tables,
        (Table::Distributions, "distributed_on"),
        (Table::Households, "registered_on"),
    )
}

/// The ledger's rows dated before the `registered_on` of their household's
/// (first) registry row, at `at`: a warning, and the row stays. Its aid
/// counts in the ledger's totals, the reconciliation and the flags, but in
/// no quarter's coverage before the household was registered (it was not
/// in the registry then).
fn before_registration(households: &Frame, ledger: &Frame, at: &[u32]) -> Result<Vec<Found>> {
    let registered = households.days("registered_on")?;
    let delivered = ledger.days("distributed_on")?;
    let mut out = Vec::new();
    for (i, &h) in at.iter().enumerate() {
        if h == NONE {
            continue;
        }
        let (Some(day), Some(since)) = (delivered.get(i), registered.get(h as usize)) else {
            continue;
        };
        if day >= since {
            continue;
        }
        let since = chrono::NaiveDate::from_num_days_from_ce_opt(
            since.saturating_add(crate::load::typed::EPOCH_DAYS_FROM_CE),
        )
        .map_or_else(|| since.to_string(), |d| d.format("%Y-%m-%d").to_string());
        out.push(Found {
            table: Table::Distributions,
            record: ledger.record(i),
            value: Value::Cell("distributed_on"),
            problem: Problem::warning(
                "before-registration",
                format!(
                    "distributed_on is before the household's registered_on \
                     ({since}): the delivery stays in the ledger, but in no \
                     quarter's coverage before the registration"
                ),
            )
            .in_column("distributed_on"),
            reject: false,
        });
    }
    Ok(out)
}

/// Records `found` in the tables' reports, reading the untrimmed cells
/// their problems show from the few records concerned.
fn report(
    tables: &BTreeMap<Table, RawTable>,
    found: Vec<Found>,
    engine: Engine,
    files: &mut [FileReport],
    rejected: &mut BTreeMap<Table, BTreeSet<u64>>,
) -> Result<()> {
    let mut wanted: BTreeMap<Table, (BTreeSet<u64>, BTreeSet<&'static str>)> = BTreeMap::new();
    for f in &found {
        if let Value::Cell(column) = f.value {
            let (records, columns) = wanted.entry(f.table).or_default();
            records.insert(f.record);
            columns.insert(column);
        }
    }
    let plans: Vec<LazyFrame> = wanted
        .iter()
        .map(|(table, (records, columns))| {
            let raw = &tables[table];
            let mut select = vec![col(ROW)];
            select.extend(columns.iter().map(|c| raw.original(c)));
            raw.lf
                .clone()
                .filter(crate::load::records_in(records))
                .select(select)
        })
        .collect();
    let frames = super::collect_all(plans, engine)?;
    let mut cells: BTreeMap<(Table, &str, u64), String> = BTreeMap::new();
    for ((table, (_, columns)), df) in wanted.iter().zip(frames) {
        let rows = row_indices(&df)?;
        for column in columns {
            let ca = df.column(column)?.str()?;
            for (&r, v) in rows.iter().zip(ca.iter()) {
                cells.insert((*table, column, r), v.unwrap_or("").to_string());
            }
        }
    }
    for f in found {
        let raw = &tables[&f.table];
        let value = match f.value {
            Value::Text(v) => v,
            Value::Cell(column) => cells
                .get(&(f.table, column, f.record))
                .cloned()
                .unwrap_or_default(),
        };
        let report = files
            .iter_mut()
            .find(|r| r.table == raw.spec.name)
            .context("a checked table has a file report")?;
        let problem = f.problem.with_value(value);
        if f.reject {
            report.reject(raw, rejected.entry(f.table).or_default(), f.record, problem);
        } else {
            report.located(raw, f.record, problem);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(values: &[Option<&str>]) -> Texts {
        let ca: StringChunked = values.iter().copied().collect();
        Texts::of(&ca)
    }

    #[test]
    fn first_rows_by_hand() {
        // Ids longer than a view's inline twelve bytes compare through the
        // buffer; an empty cell has no first row.
        // The registry's slots hold a text of up to 16 bytes themselves
        // (`long` is 18, compared in the column; a 16-digit id and the same
        // digits less one are told apart).
        let long = "3173050101800001-x";
        let nik = "3173050101800001";
        let ids = texts(&[
            Some("a"),
            Some(long),
            None,
            Some("a"),
            Some("b"),
            Some(long),
            Some(nik),
        ]);
        let registry = Firsts::<First>::of(ids.clone());
        let firsts = Firsts::<u32>::of(ids);
        assert_eq!(firsts.of_row, vec![0, 1, NONE, 0, 4, 1, 6]);
        assert_eq!(registry.of_row, firsts.of_row);
        for f in [&firsts.find("b"), &registry.find("b")] {
            assert_eq!(*f, Some(4));
        }
        assert_eq!((firsts.find(long), registry.find(long)), (Some(1), Some(1)));
        assert_eq!((firsts.find(nik), registry.find(nik)), (Some(6), Some(6)));
        assert_eq!(registry.find(&nik[..15]), None);
        assert_eq!((firsts.find("c"), registry.find("c")), (None, None));
        assert_eq!((firsts.find("a\0"), registry.find("a\0")), (None, None));

        // Pairs: (a, x) at 0 and 3 repeat; (a, y) at 1 is new; a missing
        // part leaves the row without a key.
        let a = [0, 0, 2, 0, NONE];
        let b = [0, 1, 0, 0, 0];
        assert_eq!(pair_firsts(&a, &b), vec![0, 1, 2, 0, NONE]);
    }

    #[test]
    fn many_ids_are_looked_up_as_one_by_one() {
        // A registry of 5,000 ids, more than a table starts with room for,
        // some repeated and some empty; 40,000 look-ups, more than one
        // part of the parallel look-up and not a whole number of the ids
        // asked for ahead, of ids in it, not in it, and empty.
        let id = |k: u64| format!("3173{:012}", k * 7919 % 1_000_003);
        let registry: Vec<Option<String>> = (0..5_000u64)
            .map(|k| match k % 97 {
                0 => None,
                13 => Some(id(k / 2)),
                _ => Some(id(k)),
            })
            .collect();
        let lookups: Vec<Option<String>> = (0..40_003u64)
            .map(|k| (k % 31 != 5).then(|| id(k % 6_000)))
            .collect();
        let column = |values: &[Option<String>]| {
            let ca: StringChunked = values.iter().map(Option::as_deref).collect();
            ca
        };
        let (registry_ca, lookups_ca) = (column(&registry), column(&lookups));
        let mut first_row = std::collections::HashMap::new();
        for (row, id) in registry.iter().enumerate() {
            if let Some(id) = id {
                first_row.entry(id.clone()).or_insert(row as u32);
            }
        }
        let expected: Vec<u32> = lookups
            .iter()
            .map(|id| {
                id.as_ref()
                    .and_then(|id| first_row.get(id))
                    .copied()
                    .unwrap_or(NONE)
            })
            .collect();
        assert!(expected.iter().filter(|&&at| at == NONE).count() > 6_000);
        let of_row: Vec<u32> = registry
            .iter()
            .map(|id| id.as_ref().map_or(NONE, |id| first_row[id]))
            .collect();
        let with_text = Firsts::<First>::of(Texts::of(&registry_ca));
        let with_row = Firsts::<u32>::of(Texts::of(&registry_ca));
        assert_eq!(with_text.of_row, of_row);
        assert_eq!(with_row.of_row, of_row);
        assert_eq!(with_text.positions(&Texts::of(&lookups_ca)), expected);
        assert_eq!(with_row.positions(&Texts::of(&lookups_ca)), expected);
    }

    #[test]
    fn ids_in_order_are_their_own_firsts_and_others_are_looked_up() {
        // Strictly ascending across chunks: each row is its own first.
        let mut ca: StringChunked = ["SMN-D-0000001", "SMN-D-0000002"].into_iter().collect();
        let more: StringChunked = ["SMN-D-0000010", "SMN-D-0000011"].into_iter().collect();
        ca.append(&more).expect("append");
        assert_eq!(ca.chunks().len(), 2);
        assert!(Texts::of(&ca).ascending());
        // Numbered past the width of their leading zeros, or without them:
        // in order by length, then byte by byte.
        assert!(texts(&[Some("D-9999999"), Some("D-10000000"), Some("D-10000001")]).ascending());
        assert!(texts(&[Some("D-9"), Some("D-10"), Some("D-11")]).ascending());
        // In order byte by byte though not by length.
        assert!(texts(&[Some("B-9"), Some("C")]).ascending());
        // Each order broken somewhere: the table finds the firsts.
        assert!(!texts(&[Some("D-9"), Some("D-10"), Some("D-2")]).ascending());
        assert!(!texts(&[Some("B-9"), Some("C"), Some("C-1"), Some("A-11")]).ascending());
        // A repeat (within a chunk or across one), a step back, or an
        // empty cell is not ascending; the table then finds the firsts.
        let cases: [(&[Option<&str>], Vec<u32>); 3] = [
            (&[Some("a"), Some("b"), Some("b")], vec![0, 1, 1]),
            (&[Some("b"), Some("a"), Some("b")], vec![0, 1, 0]),
            (&[Some("a"), None, Some("b")], vec![0, NONE, 2]),
        ];
        for (values, firsts) in cases {
            let t = texts(values);
            assert!(!t.ascending(), "{values:?}");
            assert_eq!(Firsts::<u32>::of(t).of_row, firsts, "{values:?}");
        }
        let mut repeated: StringChunked = ["a", "b"].into_iter().collect();
        let again: StringChunked = ["b", "c"].into_iter().collect();
        repeated.append(&again).expect("append");
        assert!(!Texts::of(&repeated).ascending());
        assert!(texts(&[]).ascending());
    }

    #[test]
    fn texts_are_read_by_row_across_chunks() {
        // Chunks of 3, 3 and 1 rows, as an engine leaves a column; and a
        // first chunk shorter than the others, where the guess misses.
        let column = |sizes: &[usize]| {
            let mut ca: StringChunked = StringChunked::from_iter([None::<&str>; 0]);
            let mut row = 0;
            for &size in sizes {
                let part: StringChunked = (row..row + size)
                    .map(|i| (i % 4 != 2).then(|| format!("t{}", i % 5)))
                    .collect();
                ca.append(&part).expect("append");
                row += size;
            }
            ca
        };
        for sizes in [&[3, 3, 1][..], &[1, 3, 3], &[7]] {
            let ca = column(sizes);
            let texts = Texts::of(&ca);
            let expected: Vec<Option<String>> = (0..7)
                .map(|i| (i % 4 != 2).then(|| format!("t{}", i % 5)))
                .collect();
            assert_eq!(texts.len(), 7);
            let read: Vec<Option<String>> =
                (0..7).map(|i| texts.get(i).map(str::to_string)).collect();
            assert_eq!(read, expected, "{sizes:?}");
            assert_eq!(texts.get(7), None);
            let mut each = Vec::new();
            texts.each(|i, t| each.push((i, t.to_string())));
            let kept: Vec<(u32, String)> = expected
                .iter()
                .enumerate()
                .filter_map(|(i, t)| Some((i as u32, t.clone()?)))
                .collect();
            assert_eq!(each, kept);
            // Rows 0..7 hold t0 t1 - t3 t4 t0 - : row 5 repeats row 0.
            let firsts = Firsts::<u32>::of(texts.clone());
            assert_eq!(firsts.of_row, vec![0, 1, NONE, 3, 4, 0, NONE]);
            assert_eq!(firsts.positions(&texts), firsts.of_row);
            assert_eq!(firsts.find("t4"), Some(4));
            assert_eq!(firsts.find("t2"), None);
        }
    }

    #[test]
    fn a_key_of_two_columns_repeats_only_when_both_do() {
        let df = df!(
            ROW => [0u32, 1, 2, 3, 4],
            trimmed("household_id") => [Some("H1"), Some("H1"), Some("H2"), Some("H1"), None],
            trimmed("round") => [Some("baseline"), Some("q1"), Some("baseline"), Some("q1"), Some("q1")],
        )
        .expect("frame");
        let frame = Frame::new(df).expect("frame");
        let firsts = key_firsts(&frame, &["household_id", "round"])
            .expect("firsts")
            .expect("a key that can repeat");
        assert_eq!(firsts, vec![0, 1, 2, 1, NONE]);
        // A key of one column of ascending texts cannot repeat: no firsts.
        let df = df!(
            ROW => [0u32, 1, 2],
            trimmed("distribution_id") => ["D-1", "D-2", "D-3"],
        )
        .expect("frame");
        let frame = Frame::new(df).expect("frame");
        assert_eq!(
            key_firsts(&frame, &["distribution_id"]).expect("firsts"),
            None
        );
    }
}
