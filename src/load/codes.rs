//! Text columns held in fewer bytes. A text column holds a 16-byte view
//! for every row, and a text of more than 12 bytes its bytes besides.
//!
//! - Columns of a few distinct values held as codes ([`coded`]). The aid
//!   ledger's program and status columns repeat a handful of texts over
//!   millions of rows: as the place of each row's text in a list of the
//!   column's texts, a row takes 4 bytes.
//! - Ids numbered under one prefix held as their numbers ([`numbered`]).
//!   A ledger's delivery ids (`SMN-D-0000001`, 13 bytes) take 29 bytes a
//!   row as texts, 290 MB for ten million deliveries; as numbers, 4 or 8.
//!
//! [`crate::site::Site`] keeps those columns so and gives them back as
//! texts where a reader asks for them.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use polars::prelude::*;
use polars_arrow::array::PrimitiveArray;

/// A text column as codes: each row's text is `names[code]`; a missing
/// text has no code.
pub(crate) struct Coded {
    pub codes: Series,
    pub names: Vec<String>,
}

/// `texts` as codes: each text's place in `names`, which starts with the
/// names given and gets every other text in the order it first appears.
/// The codes' column has the texts' name.
pub(crate) fn coded<'a>(texts: &'a StringChunked, names: Vec<String>) -> Coded {
    let mut places: HashMap<String, u32, FixedState> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i as u32))
        .collect();
    let mut names = names;
    // Texts come in runs (a ledger is written program by program, day by
    // day): the last text's code is tried before the table.
    let mut last: Option<(&str, u32)> = None;
    let mut code = |text: Option<&'a str>| -> Option<u32> {
        let text = text?;
        if let Some((t, code)) = last {
            if t == text {
                return Some(code);
            }
        }
        let code = match places.get(text) {
            Some(&code) => code,
            None => {
                names.push(text.to_string());
                let code = names.len() as u32 - 1;
                places.insert(text.to_string(), code);
                code
            }
        };
        last = Some((text, code));
        Some(code)
    };
    // One array of codes per array of texts: a frame whose columns are cut
    // alike is not copied whole into new arrays to line them up.
    let arrays: Vec<PrimitiveArray<u32>> = texts
        .downcast_iter()
        .map(|texts| texts.iter().map(&mut code).collect())
        .collect();
    let codes = UInt32Chunked::from_chunk_iter(texts.name().clone(), arrays);
    Coded {
        codes: codes.into_series(),
        names,
    }
}

/// The texts of a column of codes, `names[code]` (a missing code stays
/// missing).
pub(crate) fn decoded(codes: Expr, names: &[String]) -> Expr {
    let old = Series::new("old".into(), (0..names.len() as u32).collect::<Vec<u32>>());
    let new = Series::new("new".into(), names.to_vec());
    codes.replace_strict(
        lit(old).implode(false),
        lit(new).implode(false),
        None::<Expr>,
        Some(DataType::String),
    )
}

/// The condition that a column of codes holds `text`: its code in `names`,
/// and no row where `names` lacks it.
pub(crate) fn holds(column: &str, names: &[String], text: &str) -> Expr {
    match names.iter().position(|n| n == text) {
        Some(code) => col(column).eq(lit(code as u32)),
        None => lit(false),
    }
}

/// The texts of the codes of some rows, read with `names` (a code
/// without a text is an error, not a missing text).
pub(crate) fn texts_of(codes: &Series, names: &[String]) -> PolarsResult<Vec<Option<String>>> {
    codes
        .u32()?
        .iter()
        .map(|code| {
            let Some(code) = code else {
                return Ok(None);
            };
            let text = names.get(code as usize).ok_or_else(
                || polars_err!(ComputeError: "no text for code {code} of {}", codes.name()),
            )?;
            Ok(Some(text.clone()))
        })
        .collect()
}

/// How the texts of a column of ids are written from their numbers:
/// every text is `prefix` followed by its number in decimal digits, with
/// leading zeros up to `width` digits (`SMN-D-0000001`, and past the
/// seven digits, `SMN-D-10000000`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Numbered {
    pub prefix: String,
    pub width: usize,
}

/// Digits of at most this many make a number below 10^18, which 64 bits hold.
const MOST_DIGITS: usize = 18;

/// The prefix and digits of `text`: the digits are its longest run of
/// ASCII digits at the end.
fn split_digits(text: &str) -> (&str, &str) {
    let digits = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    text.split_at(text.len() - digits)
}

/// `texts` as numbers, when every text is one prefix followed by a number
/// that [`Numbered`] writes back as the same text: the width is the
/// fewest digits of any text, and a text of more digits has no leading
/// zero. `None` for any other column (its texts stay texts). The numbers
/// are 32 bits when every one fits, else 64; their column has the texts'
/// name and is cut in the texts' chunks.
pub(crate) fn numbered(texts: &StringChunked) -> Option<(Series, Numbered)> {
    let first = texts.iter().flatten().next()?;
    let prefix = split_digits(first).0;
    let mut width = usize::MAX;
    // The most digits of a text with a leading zero.
    let mut padded = 0;
    let mut largest = 0u64;
    for text in texts.iter().flatten() {
        let (p, digits) = split_digits(text);
        if p != prefix || digits.is_empty() || digits.len() > MOST_DIGITS {
            return None;
        }
        width = width.min(digits.len());
        if digits.starts_with('0') {
            padded = padded.max(digits.len());
        }
        largest = largest.max(digits.parse().ok()?);
    }
    // A leading zero is padding, which only a text of the fewest digits
    // may have (`0` alone is one digit, so the width is then 1).
    if padded > width {
        return None;
    }
    let number = |text: Option<&str>| text.and_then(|t| split_digits(t).1.parse::<u64>().ok());
    let name = texts.name().clone();
    let numbers = if largest <= u64::from(u32::MAX) {
        let arrays: Vec<PrimitiveArray<u32>> = texts
            .downcast_iter()
            .map(|a| a.iter().map(|t| number(t).map(|n| n as u32)).collect())
            .collect();
        UInt32Chunked::from_chunk_iter(name, arrays).into_series()
    } else {
        let arrays: Vec<PrimitiveArray<u64>> = texts
            .downcast_iter()
            .map(|a| a.iter().map(number).collect())
            .collect();
        UInt64Chunked::from_chunk_iter(name, arrays).into_series()
    };
    let numbered = Numbered {
        prefix: prefix.to_string(),
        width,
    };
    Some((numbers, numbered))
}

impl Numbered {
    /// The text of number `n`.
    pub(crate) fn text(&self, n: u64) -> String {
        let width = self.width;
        format!("{}{n:0width$}", self.prefix)
    }

    /// The texts of some rows' numbers (a missing number stays missing).
    pub(crate) fn texts_of(&self, numbers: &Series) -> PolarsResult<Vec<Option<String>>> {
        Ok(numbers
            .cast(&DataType::UInt64)?
            .u64()?
            .iter()
            .map(|n| n.map(|n| self.text(n)))
            .collect())
    }

    /// The texts of a column of numbers, in a plan.
    pub(crate) fn decoded(&self, numbers: Expr) -> Expr {
        let numbered = self.clone();
        numbers.map(
            move |column: Column| {
                let texts: StringChunked = column
                    .as_materialized_series()
                    .cast(&DataType::UInt64)?
                    .u64()?
                    .iter()
                    .map(|n| n.map(|n| numbered.text(n)))
                    .collect();
                Ok(texts.with_name(column.name().clone()).into_column())
            },
            |_, f| Ok(Field::new(f.name().clone(), DataType::String)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `texts` numbered and written back, in a plan and read directly.
    fn round_trip(texts: &[Option<&str>]) -> Option<(Numbered, DataType)> {
        let ca = StringChunked::from_iter_options("distribution_id".into(), texts.iter().copied());
        let (numbers, numbered) = numbered(&ca)?;
        assert_eq!(numbers.name().as_str(), "distribution_id");
        let read = numbered.texts_of(&numbers).unwrap();
        assert_eq!(read.iter().map(Option::as_deref).collect::<Vec<_>>(), texts);
        let dtype = numbers.dtype().clone();
        let df = DataFrame::new(numbers.len(), vec![numbers.into_column()]).unwrap();
        let back = df
            .lazy()
            .select([numbered.decoded(col("distribution_id"))])
            .collect()
            .unwrap();
        let back = back
            .column("distribution_id")
            .unwrap()
            .str()
            .unwrap()
            .clone();
        assert_eq!(back.iter().collect::<Vec<_>>(), texts);
        Some((numbered, dtype))
    }

    #[test]
    fn ids_under_one_prefix_are_held_as_numbers_and_written_back_the_same() {
        let padded = round_trip(&[
            Some("SMN-D-0000001"),
            None,
            Some("SMN-D-0000010"),
            Some("SMN-D-10000000"),
        ]);
        let want = Numbered {
            prefix: "SMN-D-".into(),
            width: 7,
        };
        assert_eq!(padded, Some((want, DataType::UInt32)));
        // Unpadded numbers of differing widths, zero among them; no prefix
        // at all; a prefix ending in a letter after digits.
        let natural = round_trip(&[Some("D-9"), Some("D-10"), Some("D-0")]).unwrap();
        assert_eq!(natural.0.width, 1);
        assert_eq!(
            round_trip(&[Some("D-05"), Some("D-100")]).unwrap().0.width,
            2
        );
        assert_eq!(round_trip(&[Some("17"), Some("5")]).unwrap().0.prefix, "");
        assert_eq!(
            round_trip(&[Some("A1B2"), Some("A1B3")]).unwrap().0.prefix,
            "A1B"
        );
        // Numbers past 32 bits are held in 64.
        let large = round_trip(&[Some("X-999999999999999999"), Some("X-1")]).unwrap();
        assert_eq!(large.1, DataType::UInt64);
    }

    #[test]
    fn ids_that_numbers_would_not_write_back_stay_texts() {
        // Two prefixes; a text without digits; a leading zero past the
        // fewest digits; a number past 18 digits; digits that are not
        // ASCII.
        for texts in [
            [Some("D-1"), Some("E-2")],
            [Some("D-1"), Some("D-")],
            [Some("D-1"), Some("D-01")],
            [Some("D-10"), Some("D-000")],
            [Some("D-1"), Some("D-1234567890123456789")],
            [Some("D-1"), Some("D-\u{0661}")],
        ] {
            assert_eq!(round_trip(&texts), None, "{texts:?}");
        }
        // A column of no text at all.
        assert_eq!(round_trip(&[None, None]), None);
    }

    #[test]
    fn texts_are_coded_by_first_appearance_after_the_names_given() {
        let texts = StringChunked::from_iter_options(
            "program".into(),
            [
                Some("PKH"),
                Some("BLT"),
                None,
                Some("BLT"),
                Some("X"),
                Some("PKH"),
                Some("BLT"),
            ]
            .into_iter(),
        );
        let c = coded(&texts, vec!["BLT".into(), "SEMBAKO".into()]);
        assert_eq!(c.names, ["BLT", "SEMBAKO", "PKH", "X"]);
        assert_eq!(c.codes.name().as_str(), "program");
        let codes: Vec<Option<u32>> = c.codes.u32().unwrap().iter().collect();
        assert_eq!(
            codes,
            [Some(2), Some(0), None, Some(0), Some(3), Some(2), Some(0)]
        );
        // Back to the same texts, in a plan and read directly.
        let df = DataFrame::new(c.codes.len(), vec![c.codes.clone().into_column()]).unwrap();
        let back = df
            .clone()
            .lazy()
            .select([decoded(col("program"), &c.names)])
            .collect()
            .unwrap();
        let back: Vec<Option<&str>> = back
            .column("program")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        let texts: Vec<Option<&str>> = texts.iter().collect();
        assert_eq!(back, texts);
        let read = texts_of(&c.codes, &c.names).unwrap();
        assert_eq!(read.iter().map(Option::as_deref).collect::<Vec<_>>(), texts);
        assert!(texts_of(&c.codes, &c.names[..2]).is_err());
        // Rows holding a text, by its code; none for a text without one.
        let count = |text: &str| {
            let picked = df
                .clone()
                .lazy()
                .filter(holds("program", &c.names, text))
                .collect()
                .unwrap();
            picked.height()
        };
        assert_eq!(
            (count("BLT"), count("PKH"), count("SEMBAKO"), count("Z")),
            (3, 2, 0, 0)
        );
    }
}
