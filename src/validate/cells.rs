//! What a row rule tests, on the cells of one row.
//!
//! A table's row rules read a few columns each (a trimmed text, a parsed
//! value, a fault code, another column's value). Every rule that needs only
//! its own row is a [`Test`] over the positions of those columns in one list
//! of inputs, [`Inputs`]. The checks evaluate them in one pass over the
//! rows ([`flagged`]), and the report evaluates the same tests again on the
//! few rows that were flagged, to say which rules they break.

use std::cmp::Ordering;
use std::sync::Arc;

use polars::prelude::*;
use polars_arrow::array::Array as _;

use crate::contract::{all_shown, identifier_char, label_problem};
use crate::load::parse::identifier_damaged;

/// The values Excel shows (and writes to CSV) for a formula that failed.
const EXCEL_ERRORS: &[&str] = &[
    "#N/A",
    "#REF!",
    "#VALUE!",
    "#DIV/0!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
];

/// True for one of [`EXCEL_ERRORS`]; every one begins with `#`.
fn excel_error(text: &str) -> bool {
    text.starts_with('#') && EXCEL_ERRORS.contains(&text)
}

/// True when `text` has a character `allowed` refuses.
fn has_other(text: &str, allowed: Allowed) -> bool {
    match allowed {
        Allowed::Shown => !all_shown(text),
        // Every identifier character is ASCII, and no byte of a longer
        // character is one (as a char, such a byte is not ASCII either).
        Allowed::Identifier => !text.bytes().all(|b| identifier_char(char::from(b))),
        Allowed::Label => !all_shown(text) || label_problem(text).is_some(),
    }
}

/// The characters a text may hold.
#[derive(Debug, Clone, Copy)]
pub(super) enum Allowed {
    /// Anything a page shows as it is ([`crate::contract::shown_char`]).
    Shown,
    /// An identifier's characters ([`identifier_char`]).
    Identifier,
    /// A label's: shown, and none that makes it pass for another
    /// ([`label_problem`]).
    Label,
}

/// True for exactly sixteen ASCII digits.
fn sixteen_digits(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The columns the tests of one table read, each once, by position.
#[derive(Default)]
pub(super) struct Inputs {
    names: Vec<String>,
}

impl Inputs {
    /// The position of column `name`, added on first use.
    pub(super) fn at(&mut self, name: String) -> usize {
        match self.names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                self.names.push(name);
                self.names.len() - 1
            }
        }
    }

    pub(super) fn names(&self) -> &[String] {
        &self.names
    }
}

/// The other side of a comparison: a fixed number or an input column.
#[derive(Debug, Clone, Copy)]
pub(super) enum Operand {
    Lit(i64),
    Col(usize),
}

/// A test of one row; true where the row breaks its rule. A missing
/// value never breaks a comparison (as in SQL, a comparison with a missing
/// value is not true).
#[derive(Debug, Clone)]
pub(super) enum Test {
    /// The text is an Excel error value.
    ExcelError(usize),
    /// The text is missing; for a column read as its file was read, whose
    /// text is kept only where its value cannot give it back, the `value`
    /// is missing too.
    Missing { text: usize, value: Option<usize> },
    /// The text (and `value`, as for [`Test::Missing`]) is missing while
    /// `other` holds a value other than `unless`.
    MissingUnless {
        text: usize,
        value: Option<usize>,
        other: usize,
        unless: &'static str,
    },
    /// A text is there but did not read as a `value`.
    Unread { text: usize, value: usize },
    /// The number or date did not read: its fault code is there.
    Fault(usize),
    /// The text holds a character `allowed` refuses; with `unless_damaged`,
    /// not when the text is an identifier in scientific notation (which
    /// its own rule reports).
    OtherChars {
        text: usize,
        allowed: Allowed,
        unless_damaged: bool,
    },
    /// The text is an identifier a spreadsheet turned into a number.
    Damaged(usize),
    /// The text is there, is not exactly sixteen digits and is not damaged.
    NotSixteenDigits(usize),
    /// The value is less than the operand.
    Below { value: usize, bound: Operand },
    /// The value is more than the operand.
    Above { value: usize, bound: Operand },
    /// The text is there and is none of `codes`.
    NotIn { text: usize, codes: Vec<String> },
    /// The text is one of `words` in letters of another case (`Baseline`
    /// for `baseline`, `cash` for a program `CASH`).
    OtherCase { text: usize, words: Vec<String> },
}

/// Sets `bad[j]` for each row `j` not set yet for which `breaks(j)`.
#[inline(always)]
fn over(bad: &mut [bool], breaks: impl Fn(usize) -> bool) {
    for (j, b) in bad.iter_mut().enumerate() {
        if !*b && breaks(j) {
            *b = true;
        }
    }
}

impl Test {
    /// Sets `bad` for the rows of `c` that break this test (a row set
    /// already is not tested again). The test's kind and its columns are
    /// looked up once, and each kind has a loop of its own over the rows.
    pub(super) fn mark(&self, c: &Cells, bad: &mut [bool]) {
        match self {
            Test::ExcelError(t) => over_texts(bad, c.text_array(*t), excel_error),
            Test::Missing { text, value } => {
                let missing = c.missing(*text, *value);
                over(bad, missing);
            }
            Test::MissingUnless {
                text,
                value,
                other,
                unless,
            } => {
                let (missing, other) = (c.missing(*text, *value), c.texts(*other));
                over(bad, |j| {
                    missing(j) && other(j).is_some_and(|v| v != *unless)
                });
            }
            Test::Unread { text, value } => {
                let (text, valid) = (c.texts(*text), c.valid(*value));
                over(bad, |j| text(j).is_some() && !valid(j));
            }
            Test::Fault(e) => {
                let valid = c.valid(*e);
                over(bad, valid);
            }
            Test::OtherChars {
                text,
                allowed,
                unless_damaged,
            } => over_texts(bad, c.text_array(*text), |v| {
                has_other(v, *allowed) && !(*unless_damaged && identifier_damaged(v))
            }),
            Test::Damaged(t) => over_texts(bad, c.text_array(*t), identifier_damaged),
            Test::NotSixteenDigits(t) => over_texts(bad, c.text_array(*t), |v| {
                !sixteen_digits(v) && !identifier_damaged(v)
            }),
            Test::Below { value, bound } => {
                over(bad, |j| {
                    c.compare(*value, *bound, j) == Some(Ordering::Less)
                });
            }
            Test::Above { value, bound } => {
                over(bad, |j| {
                    c.compare(*value, *bound, j) == Some(Ordering::Greater)
                });
            }
            Test::NotIn { text, codes } => over_texts(bad, c.text_array(*text), |v| {
                !codes.iter().any(|code| code == v)
            }),
            Test::OtherCase { text, words } => over_texts(bad, c.text_array(*text), |v| {
                words
                    .iter()
                    .any(|w| v != w.as_str() && v.eq_ignore_ascii_case(w))
            }),
        }
    }
}

/// Sets `bad[j]` for each row `j` not set yet whose text is there and
/// `breaks`; nothing for a column that is not text. A text is tested once
/// for all the rows that hold the same view of it (a short text is its
/// view, a long one the place of its bytes), as far as a small table of
/// the views last tested remembers them: a column of a few codes over
/// millions of rows tests each code a few times.
fn over_texts(bad: &mut [bool], texts: Option<&TextArray>, breaks: impl Fn(&str) -> bool) {
    /// Views remembered, by the top bits of a hash of the view.
    const SLOTS: usize = 64;
    let Some(a) = texts else {
        return;
    };
    let views = a.views();
    let validity = a.validity();
    // An empty slot holds a view no cell has: one of a text of 4 GiB.
    let mut seen = [(u128::MAX, false); SLOTS];
    for (j, b) in bad.iter_mut().enumerate() {
        if *b || validity.is_some_and(|v| !v.get_bit(j)) {
            continue;
        }
        let view = views[j].as_u128();
        let mixed = (view as u64 ^ (view >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = &mut seen[(mixed >> (64 - SLOTS.trailing_zeros())) as usize];
        *b = if slot.0 == view {
            slot.1
        } else {
            // SAFETY: `j` is a row of `a`.
            let broken = breaks(unsafe { a.value_unchecked(j) });
            *slot = (view, broken);
            broken
        };
    }
}

/// A text column's array.
type TextArray = <StringType as PolarsDataType>::Array;

/// One input column as its array.
enum Data<'a> {
    Text(&'a TextArray),
    Int(&'a <Int64Type as PolarsDataType>::Array),
    Float(&'a <Float64Type as PolarsDataType>::Array),
    /// Dates (days) and fault codes.
    Int32(&'a <Int32Type as PolarsDataType>::Array),
    Bool(&'a <BooleanType as PolarsDataType>::Array),
}

/// A number as read: a whole number compares exactly with another whole
/// number, and as a float with a decimal (polars' supertype rule).
#[derive(Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn compare(self, other: Number) -> Option<Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.float().partial_cmp(&b.float()),
        }
    }

    fn float(self) -> f64 {
        match self {
            Number::Int(v) => v as f64,
            Number::Float(v) => v,
        }
    }
}

/// Chunk `k` of a column, which [`aligned`] columns all have.
fn chunk<A>(found: Option<A>, k: usize) -> PolarsResult<A> {
    found.ok_or_else(|| polars_err!(ComputeError: "a row rule's column has no chunk {k}"))
}

/// The input columns of a frame, each as one contiguous array.
pub(super) struct Cells<'a> {
    data: Vec<Data<'a>>,
}

impl<'a> Cells<'a> {
    /// The arrays of chunk `k` of every one of `series`, whose chunks
    /// line up (see [`aligned`]).
    fn new(series: &'a [Series], k: usize) -> PolarsResult<Cells<'a>> {
        let data = series
            .iter()
            .map(|s| {
                Ok(match s.dtype() {
                    DataType::String => Data::Text(chunk(s.str()?.downcast_get(k), k)?),
                    DataType::Int64 => Data::Int(chunk(s.i64()?.downcast_get(k), k)?),
                    DataType::Float64 => Data::Float(chunk(s.f64()?.downcast_get(k), k)?),
                    DataType::Int32 => Data::Int32(chunk(s.i32()?.downcast_get(k), k)?),
                    DataType::Date => Data::Int32(chunk(s.date()?.physical().downcast_get(k), k)?),
                    DataType::Boolean => Data::Bool(chunk(s.bool()?.downcast_get(k), k)?),
                    other => polars_bail!(ComputeError: "a row rule cannot read a column of type {other}"),
                })
            })
            .collect::<PolarsResult<_>>()?;
        Ok(Cells { data })
    }

    /// Calls `each` with the cells of every run of rows held in one chunk
    /// of every column, and the number of rows before it.
    pub(super) fn each(
        series: &'a [Series],
        mut each: impl FnMut(usize, usize, &Cells<'a>),
    ) -> PolarsResult<()> {
        let Some(first) = series.first() else {
            return Ok(());
        };
        let mut start = 0;
        for (k, len) in first.chunk_lengths().enumerate() {
            each(start, len, &Cells::new(series, k)?);
            start += len;
        }
        Ok(())
    }

    /// The text of input `i` by row (none for a column that is not text).
    fn texts(&self, i: usize) -> impl Fn(usize) -> Option<&'a str> + use<'a> {
        let texts = self.text_array(i);
        move |j| texts.and_then(|a| a.get(j))
    }

    /// The array of text input `i` (none for a column that is not text).
    fn text_array(&self, i: usize) -> Option<&'a TextArray> {
        match self.data[i] {
            Data::Text(a) => Some(a),
            _ => None,
        }
    }

    /// Whether the cell of text input `text` is missing, by row: no text
    /// and, when `value` is given, no value either.
    fn missing(&self, text: usize, value: Option<usize>) -> impl Fn(usize) -> bool + use<'a> {
        let text = self.texts(text);
        let valid = value.map(|v| self.valid(v));
        move |j| text(j).is_none() && !valid.as_ref().is_some_and(|valid| valid(j))
    }

    /// Whether input `i` holds a value, by row.
    fn valid(&self, i: usize) -> impl Fn(usize) -> bool + use<'a> {
        let (texts, validity) = match self.data[i] {
            Data::Text(a) => (Some(a), None),
            Data::Int(a) => (None, a.validity()),
            Data::Float(a) => (None, a.validity()),
            Data::Int32(a) => (None, a.validity()),
            Data::Bool(a) => (None, a.validity()),
        };
        move |j| match texts {
            Some(a) => a.get(j).is_some(),
            None => validity.is_none_or(|v| v.get_bit(j)),
        }
    }

    #[inline(always)]
    fn number(&self, i: usize, j: usize) -> Option<Number> {
        match self.data[i] {
            Data::Int(a) => a.get(j).map(Number::Int),
            Data::Float(a) => a.get(j).map(Number::Float),
            Data::Int32(a) => a.get(j).map(|v| Number::Int(i64::from(v))),
            _ => None,
        }
    }

    #[inline(always)]
    fn compare(&self, value: usize, bound: Operand, j: usize) -> Option<Ordering> {
        let bound = match bound {
            Operand::Lit(v) => Number::Int(v),
            Operand::Col(i) => self.number(i, j)?,
        };
        self.number(value, j)?.compare(bound)
    }
}

/// `columns` as series of `len` rows whose chunks line up, as
/// [`Cells::each`] reads them: a scalar column is repeated, and columns
/// whose chunks differ are each put in one chunk.
pub(super) fn aligned(columns: &[Column], len: usize) -> Vec<Series> {
    let mut series: Vec<Series> = columns
        .iter()
        .map(|c| {
            if c.len() == len {
                c.as_materialized_series().clone()
            } else {
                c.new_from_index(0, len).as_materialized_series().clone()
            }
        })
        .collect();
    let lengths = |s: &Series| s.chunk_lengths().collect::<Vec<usize>>();
    if let Some(first) = series.first().map(lengths) {
        if series.iter().any(|s| lengths(s) != first) {
            for s in &mut series {
                *s = s.rechunk();
            }
        }
    }
    series
}

/// True where a row breaks any of `tests`, evaluated in one pass over the
/// `inputs` (false everywhere without tests).
pub(super) fn flagged(tests: Vec<Test>, inputs: &Inputs, name: &str) -> Expr {
    if tests.is_empty() || inputs.names().is_empty() {
        return lit(false).alias(name);
    }
    let tests = Arc::new(tests);
    let exprs: Vec<Expr> = inputs.names().iter().map(|n| col(n.as_str())).collect();
    let out: PlSmallStr = name.into();
    let field = Field::new(out.clone(), DataType::Boolean);
    map_multiple(
        move |columns: &mut [Column]| {
            let len = columns.iter().map(Column::len).max().unwrap_or(0);
            let series = aligned(columns, len);
            let mut bad = vec![false; len];
            Cells::each(&series, |start, rows, cells| {
                let bad = &mut bad[start..start + rows];
                for test in tests.iter() {
                    test.mark(cells, bad);
                }
            })?;
            Ok(BooleanChunked::from_slice(out.clone(), &bad)
                .into_series()
                .into_column())
        },
        exprs,
        move |_, _| Ok(field.clone()),
    )
    .alias(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `test` fails on `frame`, chunk after chunk.
    fn fails(test: &Test, frame: &DataFrame) -> Vec<bool> {
        let series = aligned(frame.columns(), frame.height());
        let mut out = Vec::new();
        Cells::each(&series, |_, rows, cells| {
            let mut bad = vec![false; rows];
            test.mark(cells, &mut bad);
            out.extend(bad);
        })
        .unwrap();
        out
    }

    /// A text test remembered by view gives each row the answer the text
    /// itself gives: over short and long texts, more distinct ones than
    /// the table remembers, their repeats in and out of order, missing
    /// cells, and rows already found breaking another rule.
    #[test]
    fn text_tests_remembered_by_view_answer_as_each_text() {
        let texts: Vec<Option<String>> = (0..5_000u64)
            .map(|i| {
                let k = (i * 7_919) % 301;
                match k % 7 {
                    0 => None,
                    1 => Some(format!("K{k}")),
                    2 => Some(format!("LAYANAN-LANSIA-{k}")),
                    _ => Some(
                        ["BLT-DD", "SEMBAKO", "LAYANAN-LANSIA", "#N/A"][(k % 4) as usize]
                            .to_string(),
                    ),
                }
            })
            .collect();
        // By the texts' last characters, which texts of one length differ in.
        let breaks = |v: &str| v.ends_with(['0', '2', '4', '6', '8']) || v.starts_with('#');
        let already: Vec<bool> = (0..texts.len()).map(|j| j % 11 == 0).collect();
        let expected: Vec<bool> = texts
            .iter()
            .zip(&already)
            .map(|(t, &b)| b || t.as_deref().is_some_and(breaks))
            .collect();
        assert!(expected.iter().filter(|&&b| b).count() > 1_000);
        // Each long text's bytes written again, and written once for all
        // its repeats, as a file's column is read.
        let mut read = crate::load::text_column::TextColumn::new("t");
        for t in &texts {
            match t {
                Some(t) => read.push(t),
                None => read.push_null(),
            }
        }
        let read = read.finish();
        for array in [
            &TextArray::from_slice(&texts),
            read.downcast_iter().next().expect("one chunk"),
        ] {
            let mut bad = already.clone();
            over_texts(&mut bad, Some(array), breaks);
            assert_eq!(bad, expected);
        }
        // A column that is not text breaks nothing.
        let mut none = vec![false; 3];
        over_texts(&mut none, None, |_| true);
        assert_eq!(none, [false; 3]);
    }

    #[test]
    fn excel_errors_are_found_and_other_texts_beginning_with_a_hash_are_not() {
        let df = df!("t" => [Some("12"), None, Some("#N/A"), Some("#hashtag"), Some("#DIV/0!"), Some("#GETTING_DATA")])
            .unwrap();
        assert_eq!(
            fails(&Test::ExcelError(0), &df),
            [false, false, true, false, true, true]
        );
    }

    /// Comparisons follow polars: whole numbers exactly, a decimal as a
    /// float, and nothing is below or above a missing value.
    #[test]
    fn comparisons_skip_missing_values_and_compare_whole_numbers_exactly() {
        let df = df!(
            "v" => [Some(9_007_199_254_740_993i64), Some(3), None, Some(5)],
            "w" => [Some(9_007_199_254_740_992i64), None, Some(1), Some(5)],
            "f" => [Some(0.5f64), Some(-0.0), Some(2.0), Some(5.5)],
        )
        .unwrap();
        let above = Test::Above {
            value: 0,
            bound: Operand::Col(1),
        };
        assert_eq!(fails(&above, &df), [true, false, false, false]);
        let below = Test::Below {
            value: 2,
            bound: Operand::Lit(0),
        };
        assert_eq!(fails(&below, &df), [false, false, false, false]);
        let below = Test::Below {
            value: 2,
            bound: Operand::Col(0),
        };
        assert_eq!(fails(&below, &df), [true, true, false, false]);
    }

    /// Each kind of test, on a frame of two chunks with missing cells.
    #[test]
    fn every_kind_of_test_finds_its_rows_in_every_chunk() {
        let half =
            |texts: [Option<&str>; 3], values: [Option<i64>; 3], faults: [Option<i32>; 3]| {
                df!("t" => texts, "v" => values, "e" => faults).unwrap()
            };
        let mut df = half(
            [Some("A-1"), None, Some("3.17305E+15")],
            [Some(1), None, None],
            [None, None, Some(1)],
        );
        df.vstack_mut(&half(
            [Some("B\u{202e}2"), Some("zz"), Some("A-1")],
            [None, Some(2), Some(3)],
            [Some(4), None, None],
        ))
        .unwrap();
        assert_eq!(df.column("t").unwrap().n_chunks(), 2);
        let shown = Test::OtherChars {
            text: 0,
            allowed: Allowed::Shown,
            unless_damaged: false,
        };
        let codes = Test::NotIn {
            text: 0,
            codes: vec!["A-1".into(), "zz".into()],
        };
        let cases = [
            (
                Test::Missing {
                    text: 0,
                    value: None,
                },
                [false, true, false, false, false, false],
            ),
            (
                Test::Unread { text: 0, value: 1 },
                [false, false, true, true, false, false],
            ),
            (Test::Fault(2), [false, false, true, true, false, false]),
            (Test::Damaged(0), [false, false, true, false, false, false]),
            (codes, [false, false, true, true, false, false]),
            (shown, [false, false, false, true, false, false]),
        ];
        for (test, expected) in cases {
            assert_eq!(fails(&test, &df), expected, "{test:?}");
        }
    }

    /// `Baseline` and `BASELINE` are the word in another case; `baseline`
    /// itself, other rounds and missing cells are not.
    #[test]
    fn a_word_in_another_case_is_found() {
        let df = df!(
            "t" => [Some("Baseline"), Some("baseline"), None, Some("BASELINE"), Some("2026-Q1"), Some("baselines")],
        )
        .unwrap();
        let test = Test::OtherCase {
            text: 0,
            words: vec!["baseline".to_string()],
        };
        assert_eq!(fails(&test, &df), [true, false, false, true, false, false]);
    }

    #[test]
    fn a_required_unless_needs_the_other_value_to_be_there() {
        let df = df!(
            "t" => [None, None, None, Some("2026-01-01")],
            "status" => [Some("active"), None, Some("moved"), Some("moved")],
        )
        .unwrap();
        let test = Test::MissingUnless {
            text: 0,
            value: None,
            other: 1,
            unless: "active",
        };
        assert_eq!(fails(&test, &df), [false, false, true, false]);
    }

    /// A column read as its file was read keeps a text only where its value
    /// cannot give it back: a cell with a value is there without a text.
    #[test]
    fn a_cell_read_in_the_pass_is_missing_when_it_has_neither_text_nor_value() {
        let df = df!(
            "t" => [None, None, Some("x"), None],
            "v" => [Some(5i64), None, None, None],
            "status" => [Some("moved"), Some("moved"), Some("moved"), Some("active")],
        )
        .unwrap();
        let missing = |value| Test::Missing { text: 0, value };
        assert_eq!(fails(&missing(None), &df), [true, true, false, true]);
        assert_eq!(fails(&missing(Some(1)), &df), [false, true, false, true]);
        let unless = Test::MissingUnless {
            text: 0,
            value: Some(1),
            other: 2,
            unless: "active",
        };
        assert_eq!(fails(&unless, &df), [false, true, false, false]);
    }

    #[test]
    fn sixteen_digits_and_identifiers() {
        let df = df!("t" => [
            Some("3173051710163161"),
            Some("317305171016316"),
            Some("3.17305E+15"),
            Some("31730517101631６1"),
            None,
        ])
        .unwrap();
        assert_eq!(
            fails(&Test::NotSixteenDigits(0), &df),
            [false, true, false, true, false]
        );
        let identifier = Test::OtherChars {
            text: 0,
            allowed: Allowed::Identifier,
            unless_damaged: true,
        };
        assert_eq!(fails(&identifier, &df), [false, false, false, true, false]);
    }

    proptest::proptest! {
        /// The byte-wise checks of ASCII texts and identifiers refuse what
        /// the character-wise ones refuse.
        #[test]
        fn byte_checks_agree_with_character_checks(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'Z', '7', '-', '_', '.', '/', ' ', ',', '\t', '\n', '\r', '\0', '\x1b',
                    '\x7f', '\u{85}', '\u{a0}', '\u{200b}', '\u{202e}', '\u{2067}', 'é',
                ]),
                0..6,
            ),
        ) {
            let t: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(
                has_other(&t, Allowed::Shown),
                !t.chars().all(crate::contract::shown_char)
            );
            proptest::prop_assert_eq!(
                has_other(&t, Allowed::Identifier),
                !t.chars().all(crate::contract::identifier_char)
            );
        }
    }
}
