//! Text columns of a few distinct values held as codes. The aid ledger's
//! program and status columns repeat a handful of texts over millions of
//! rows, and a text column holds a 16-byte view for every row (more for a
//! text past 12 bytes): as the place of each row's text in a list of the
//! column's texts, a row takes 4 bytes. [`crate::site::Site`] keeps those
//! columns coded and gives them back as texts where a reader asks for them.

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

#[cfg(test)]
mod tests {
    use super::*;

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
