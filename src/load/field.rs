//! Number, date and boolean fields of a CSV file, read as the structural
//! pass meets them.
//!
//! A text column holds a 16-byte view for every cell; a registry extract's
//! ledger has tens of millions of number, date and boolean cells, and
//! these are read into their values anyway. So the pass reads such a
//! field into its value (and, for numbers and dates, the code of why it
//! does not read) at once, with the functions [`super::typed`] applies to
//! text, and keeps the field's text only when it cannot be written back
//! from the value: when the text is not the value's own form (`150000`,
//! `2025-10-01`, `true`), has spaces around it, or does not read. A clean
//! column keeps no text at all. The text a person wrote is still what a
//! problem shows: [`original`] writes a cell's text back from its value
//! where the text was not kept, and it is the same text by construction.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use super::parse::{DateOrder, NumberStyle, FIRST_DATE, LAST_DATE};
use super::typed::{self, days_since_epoch, EPOCH_DAYS_FROM_CE};
use crate::contract::Kind;

/// How the pass reads the fields of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadAs {
    Int(NumberStyle),
    Decimal(NumberStyle),
    Date(DateOrder),
    Bool,
}

/// How the fields under each header name are read in the pass; a name not
/// here is read as text.
pub(crate) type InPass = std::collections::BTreeMap<String, ReadAs>;

impl ReadAs {
    /// How a column of `kind` is read in the pass, if it is.
    pub(crate) fn of(kind: Kind, style: NumberStyle, dates: DateOrder) -> Option<ReadAs> {
        match kind {
            Kind::Int => Some(ReadAs::Int(style)),
            Kind::Decimal => Some(ReadAs::Decimal(style)),
            Kind::Date => Some(ReadAs::Date(dates)),
            Kind::Bool => Some(ReadAs::Bool),
            Kind::Text | Kind::Gender => None,
        }
    }

    fn has_fault(self) -> bool {
        !matches!(self, ReadAs::Bool)
    }

    fn kind(self) -> Kind {
        match self {
            ReadAs::Int(_) => Kind::Int,
            ReadAs::Decimal(_) => Kind::Decimal,
            ReadAs::Date(_) => Kind::Date,
            ReadAs::Bool => Kind::Bool,
        }
    }
}

/// The values of a column being read, and how its texts read.
enum Values {
    Int(NumberStyle, PrimitiveChunkedBuilder<Int64Type>),
    Decimal(NumberStyle, PrimitiveChunkedBuilder<Float64Type>),
    Date(DateOrder, PrimitiveChunkedBuilder<Int32Type>),
    Bool(BooleanChunkedBuilder),
}

/// Adds the value a text read as, or a null and the problem code of row
/// `row`; gives the value.
fn add<T: PolarsNumericType>(
    values: &mut PrimitiveChunkedBuilder<T>,
    faults: &mut Vec<(IdxSize, i32)>,
    row: IdxSize,
    read: Result<T::Native, i32>,
) -> Option<T::Native> {
    match read {
        Ok(v) => {
            values.append_value(v);
            Some(v)
        }
        Err(code) => {
            values.append_null();
            faults.push((row, code));
            None
        }
    }
}

/// Where a column read in the pass is in the frame of a CSV file: its
/// position in the header (its kept texts are under its header name), and
/// the names of its values and of its problem codes (numbers and dates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parts {
    pub position: usize,
    pub value: String,
    pub fault: Option<String>,
}

/// The start of the names of the parts of a file whose header is `header`:
/// one that no header name starts with, so no part takes a column's name.
pub(crate) fn part_prefix(header: &[String]) -> String {
    let mut prefix = String::from("__csv_");
    while header.iter().any(|h| h.starts_with(&prefix)) {
        prefix.push('_');
    }
    prefix
}

/// One column read in the pass: the values, the problem codes of the
/// fields that do not read, and the texts that are kept.
pub(super) struct ReadColumn {
    read_as: ReadAs,
    values: Values,
    /// (row, code) of each field that does not read.
    faults: Vec<(IdxSize, i32)>,
    /// The kept texts, one after the other, and (row, end in `bytes`) of each.
    bytes: Vec<u8>,
    kept: Vec<(IdxSize, usize)>,
    rows: usize,
}

impl ReadColumn {
    pub(super) fn new(read_as: ReadAs) -> ReadColumn {
        let name = PlSmallStr::EMPTY;
        let values = match read_as {
            ReadAs::Int(style) => Values::Int(style, PrimitiveChunkedBuilder::new(name, 0)),
            ReadAs::Decimal(style) => Values::Decimal(style, PrimitiveChunkedBuilder::new(name, 0)),
            ReadAs::Date(order) => Values::Date(order, PrimitiveChunkedBuilder::new(name, 0)),
            ReadAs::Bool => Values::Bool(BooleanChunkedBuilder::new(name, 0)),
        };
        ReadColumn {
            read_as,
            values,
            faults: Vec::new(),
            bytes: Vec::new(),
            kept: Vec::new(),
            rows: 0,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.rows
    }

    /// Reads one field: `text` as the pass read it (quotes removed); an
    /// empty field that was not quoted is null, as in a text column.
    pub(super) fn push(&mut self, text: &str, quoted: bool) {
        let row = self.rows as IdxSize;
        self.rows += 1;
        if text.is_empty() && !quoted {
            self.null();
            return;
        }
        // The value is read from the trimmed text, an empty one null,
        // as typed::prepared reads a text column.
        let t = text.trim();
        let own_form = if t.is_empty() {
            self.null();
            false
        } else {
            let faults = &mut self.faults;
            match &mut self.values {
                Values::Int(style, v) => add(v, faults, row, typed::read_int(t, *style))
                    .is_some_and(|n| integer_form(text) == Some(n)),
                Values::Decimal(style, v) => add(v, faults, row, typed::read_decimal(t, *style))
                    .is_some_and(|x| exact_integer_form(text) == Some(x)),
                Values::Date(order, v) => add(v, faults, row, typed::read_date(t, *order))
                    .is_some_and(|days| iso_form(text) == Some(days)),
                Values::Bool(v) => {
                    let b = typed::read_bool(t);
                    v.append_option(b);
                    b.is_some_and(|b| text == bool_form(b))
                }
            }
        };
        if !own_form {
            self.bytes.extend_from_slice(text.as_bytes());
            self.kept.push((row, self.bytes.len()));
        }
    }

    fn null(&mut self) {
        match &mut self.values {
            Values::Int(_, v) => v.append_null(),
            Values::Decimal(_, v) => v.append_null(),
            Values::Date(_, v) => v.append_null(),
            Values::Bool(v) => v.append_null(),
        }
    }

    /// Whether the column has problem codes (numbers and dates do).
    pub(super) fn has_fault(&self) -> bool {
        self.read_as.has_fault()
    }

    /// The column's parts: the kept texts (null elsewhere) named `name`,
    /// the values named `value_name` and, for numbers and dates, the
    /// problem codes (null where a field reads or is empty) named
    /// `fault_name`.
    pub(super) fn finish(self, name: &str, value_name: &str, fault_name: &str) -> Vec<Column> {
        let rows = self.rows;
        let texts = if self.kept.is_empty() {
            StringChunked::full_null(name.into(), rows)
        } else {
            let mut builder = StringChunkedBuilder::new(name.into(), rows);
            let mut next = self.kept.iter().peekable();
            let mut start = 0;
            for row in 0..rows as IdxSize {
                match next.next_if(|(r, _)| *r == row) {
                    Some(&(_, end)) => {
                        // The kept bytes are whole fields of valid UTF-8.
                        builder.append_value(String::from_utf8_lossy(&self.bytes[start..end]));
                        start = end;
                    }
                    None => builder.append_null(),
                }
            }
            builder.finish()
        };
        let value_name: PlSmallStr = value_name.into();
        let values = match self.values {
            Values::Int(_, v) => v.finish().into_series(),
            Values::Decimal(_, v) => v.finish().into_series(),
            Values::Date(_, v) => v.finish().into_date().into_series(),
            Values::Bool(v) => v.finish().into_series(),
        }
        .with_name(value_name);
        let mut out = vec![texts.into_column(), values.into_column()];
        if self.read_as.has_fault() {
            let fault_name: PlSmallStr = fault_name.into();
            let faults = if self.faults.is_empty() {
                Int32Chunked::full_null(fault_name, rows)
            } else {
                let mut codes: Vec<Option<i32>> = vec![None; rows];
                for (row, code) in self.faults {
                    codes[row as usize] = Some(code);
                }
                Int32Chunked::from_iter_options(fault_name, codes.into_iter())
            };
            out.push(faults.into_column());
        }
        out
    }
}

/// The days a date may be (the contract's [`FIRST_DATE`] to
/// [`LAST_DATE`]), as days since 1970-01-01.
fn contract_days() -> std::ops::RangeInclusive<i32> {
    let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).map(days_since_epoch);
    day(FIRST_DATE).unwrap_or(i32::MIN)..=day(LAST_DATE).unwrap_or(i32::MAX)
}

/// The parts of a column of a typed file (Parquet) as [`ReadColumn`] gives
/// them, in a struct of the kept text `t`, the value `p` and, for numbers
/// and dates, the problem code `e`. The file's column is read as the text
/// polars writes for it, like a text column of any other format; where
/// every value's text would read back as the same value in its own form
/// (whole numbers of up to 18 digits, dates of 1950-2100, booleans), the
/// column is the value itself and no text is made at all.
pub(crate) fn parts(read_as: ReadAs, column: Expr) -> Expr {
    let mut fields = vec![
        Field::new("t".into(), DataType::String),
        Field::new("p".into(), typed::dtype(read_as.kind())),
    ];
    if read_as.has_fault() {
        fields.push(Field::new("e".into(), DataType::Int32));
    }
    let out = DataType::Struct(fields);
    column.map(
        move |c: polars::prelude::Column| parts_of(read_as, &c),
        move |_, f| Ok(Field::new(f.name().clone(), out.clone())),
    )
}

fn parts_of(read_as: ReadAs, c: &polars::prelude::Column) -> PolarsResult<polars::prelude::Column> {
    let rows = c.len();
    let own = match (read_as, c.dtype()) {
        (ReadAs::Int(_), DataType::Int64) => c
            .i64()?
            .iter()
            .all(|v| v.is_none_or(|n| n.unsigned_abs() < 1_000_000_000_000_000_000)),
        (ReadAs::Date(_), DataType::Date) => {
            let days = contract_days();
            c.date()?
                .physical()
                .iter()
                .all(|v| v.is_none_or(|d| days.contains(&d)))
        }
        (ReadAs::Bool, DataType::Boolean) => true,
        _ => false,
    };
    let parts: Vec<Series> = if own {
        let mut parts = vec![
            StringChunked::full_null("t".into(), rows).into_series(),
            c.as_materialized_series().clone().with_name("p".into()),
        ];
        if read_as.has_fault() {
            parts.push(Int32Chunked::full_null("e".into(), rows).into_series());
        }
        parts
    } else {
        let texts = c.cast(&DataType::String)?;
        let mut column = ReadColumn::new(read_as);
        // A text column's empty text is there (as a quoted empty field
        // is); a null is not.
        for text in texts.str()?.iter() {
            match text {
                Some(text) => column.push(text, true),
                None => column.push("", false),
            }
        }
        column
            .finish("t", "p", "e")
            .into_iter()
            .map(|c| c.as_materialized_series().clone())
            .collect()
    };
    Ok(
        StructChunked::from_series(c.name().clone(), rows, parts.iter())?
            .into_series()
            .into_column(),
    )
}

/// The value of a whole number written in its own form: digits without a
/// leading zero, after an optional minus sign (`0`, `150000`, `-25`; not
/// `-0`, `007`, `+5` or ` 5`).
fn integer_form(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let bytes = digits.as_bytes();
    let own = match bytes {
        [b'0'] => text.len() == 1,
        [first, ..] => (b'1'..=b'9').contains(first) && bytes.len() <= 18,
        [] => false,
    };
    if !own || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if text.starts_with('-') { -n } else { n })
}

/// The value of a whole number written in its own form that a float holds
/// exactly, as a float: such a float is written back as the same digits.
fn exact_integer_form(text: &str) -> Option<f64> {
    integer_form(text)
        .filter(|n| n.unsigned_abs() < 1 << 53)
        .map(|n| n as f64)
}

/// The day number of a date written as `YYYY-MM-DD`.
fn iso_form(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &b[r];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let date = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)?;
    Some(days_since_epoch(date))
}

fn bool_form(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The text of a value in its own form, the text a field whose text was
/// not kept held.
fn own_form(kind: Kind, column: &polars::prelude::Column) -> PolarsResult<StringChunked> {
    let name = column.name().clone();
    let texts: StringChunked = match kind {
        Kind::Int => column
            .i64()?
            .iter()
            .map(|v| v.map(|n| n.to_string()))
            .collect(),
        Kind::Decimal => column
            .f64()?
            .iter()
            .map(|v| v.map(|x| x.to_string()))
            .collect(),
        Kind::Date => column
            .date()?
            .physical()
            .iter()
            .map(|v| v.map(date_text))
            .collect(),
        Kind::Bool => column.bool()?.iter().map(|v| v.map(bool_form)).collect(),
        Kind::Text | Kind::Gender => {
            polars_bail!(ComputeError: "a text column is not read in the pass")
        }
    };
    Ok(texts.with_name(name))
}

/// A day number as `YYYY-MM-DD`.
fn date_text(days: i32) -> String {
    let date = NaiveDate::from_num_days_from_ce_opt(days + EPOCH_DAYS_FROM_CE).unwrap_or_default();
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// The text of a column read in the pass as the file held it: the kept
/// text `text`, or the value's own form where it was not kept.
pub(crate) fn original(kind: Kind, text: Expr, value: Expr) -> Expr {
    let texts = value.map(
        move |c: polars::prelude::Column| Ok(own_form(kind, &c)?.into_column()),
        |_, f| Ok(Field::new(f.name().clone(), DataType::String)),
    );
    when(text.clone().is_not_null()).then(text).otherwise(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `fields` as one column and gives back each field's kept text,
    /// and its text as [`original`] writes it.
    fn read(
        read_as: ReadAs,
        kind: Kind,
        fields: &[(&str, bool)],
    ) -> (Vec<Option<String>>, Vec<Option<String>>) {
        let mut column = ReadColumn::new(read_as);
        for (text, quoted) in fields {
            column.push(text, *quoted);
        }
        let parts = column.finish("c", "v", "e");
        let df = DataFrame::new(fields.len(), parts).unwrap();
        let kept = df.column("c").unwrap().str().unwrap();
        let kept: Vec<Option<String>> = kept.iter().map(|v| v.map(str::to_string)).collect();
        let out = df
            .lazy()
            .select([original(kind, col("c"), col("v")).alias("o")])
            .collect()
            .unwrap();
        let written: Vec<Option<String>> = out
            .column("o")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect();
        (kept, written)
    }

    /// Every field's text as it was; an empty field that was not quoted
    /// is null, as in a text column.
    fn as_written(fields: &[(&str, bool)]) -> Vec<Option<String>> {
        fields
            .iter()
            .map(|(t, q)| (!t.is_empty() || *q).then(|| t.to_string()))
            .collect()
    }

    #[test]
    fn only_texts_that_are_not_their_values_own_form_are_kept() {
        let fields = [
            ("150000", false),
            ("0", false),
            ("-25", false),
            ("-0", false),
            ("007", false),
            ("+5", false),
            (" 5", false),
            ("1.500", false),
            ("x", false),
            ("", false),
            ("", true),
            ("42", true),
        ];
        let (kept, written) = read(ReadAs::Int(NumberStyle::Id), Kind::Int, &fields);
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            kept,
            [
                None,
                None,
                None,
                s("-0"),
                s("007"),
                s("+5"),
                s(" 5"),
                s("1.500"),
                s("x"),
                None,
                s(""),
                None
            ]
        );
        assert_eq!(written, as_written(&fields));
    }

    #[test]
    fn dates_decimals_and_booleans_come_back_as_written() {
        let dates = [
            ("2025-10-01", false),
            ("01/10/2025", false),
            ("2025-1-01", false),
            ("2025-02-30", false),
            ("1949-12-31", false),
        ];
        let (kept, written) = read(ReadAs::Date(DateOrder::DayFirst), Kind::Date, &dates);
        assert_eq!(kept[0], None);
        assert!(kept[1..].iter().all(Option::is_some));
        assert_eq!(written, as_written(&dates));

        let decimals = [
            ("1", false),
            ("2.5", false),
            ("9007199254740993", false),
            ("-3", false),
        ];
        let (kept, written) = read(ReadAs::Decimal(NumberStyle::En), Kind::Decimal, &decimals);
        assert_eq!(
            kept,
            [
                None,
                Some("2.5".into()),
                Some("9007199254740993".into()),
                None
            ]
        );
        assert_eq!(written, as_written(&decimals));

        let bools = [
            ("true", false),
            ("false", false),
            ("ya", false),
            ("TRUE", false),
            ("maybe", false),
        ];
        let (kept, written) = read(ReadAs::Bool, Kind::Bool, &bools);
        assert_eq!(kept[..2], [None, None]);
        assert!(kept[2..].iter().all(Option::is_some));
        assert_eq!(written, as_written(&bools));
    }

    /// A typed column gives the values, problem codes and texts its texts
    /// give, whether every value reads back in its own form or not.
    #[test]
    fn typed_columns_read_as_their_texts_do() {
        let ints = Series::new(
            "n".into(),
            [
                Some(5i64),
                Some(-1),
                None,
                Some(1_000_000_000_000_000_000),
                Some(i64::MIN),
            ],
        );
        let dates = Series::new("d".into(), [Some(0i32), Some(-7_306), None, Some(47_847)])
            .cast(&DataType::Date)
            .unwrap();
        let bools = Series::new("b".into(), [Some(true), None, Some(false)]);
        let style = NumberStyle::Auto;
        let cases = [
            (ReadAs::Int(style), Kind::Int, ints.clone()),
            (ReadAs::Int(style), Kind::Int, ints.slice(0, 3)),
            (ReadAs::Date(DateOrder::DayFirst), Kind::Date, dates.clone()),
            (
                ReadAs::Date(DateOrder::DayFirst),
                Kind::Date,
                dates.slice(0, 3),
            ),
            (ReadAs::Bool, Kind::Bool, bools),
        ];
        // Each part's cells, and the texts written back, as text.
        let read = |read_as: ReadAs, kind: Kind, s: &Series| -> Vec<Vec<Option<String>>> {
            let parts = parts_of(read_as, &s.clone().into_column()).unwrap();
            let df = DataFrame::new(s.len(), vec![parts])
                .unwrap()
                .unnest([s.name().clone()], None)
                .unwrap();
            let mut exprs = vec![original(kind, col("t"), col("p")).alias("o"), col("p")];
            if df.column("e").is_ok() {
                exprs.push(col("e"));
            }
            let out = df.lazy().select(exprs).collect().unwrap();
            out.columns()
                .iter()
                .map(|c| {
                    let t = c.cast(&DataType::String).unwrap();
                    t.str()
                        .unwrap()
                        .iter()
                        .map(|v| v.map(str::to_string))
                        .collect()
                })
                .collect()
        };
        for (read_as, kind, s) in cases {
            let texts = s.cast(&DataType::String).unwrap();
            assert_eq!(
                read(read_as, kind, &s),
                read(read_as, kind, &texts),
                "{s:?}"
            );
        }
    }

    proptest::proptest! {
        /// A text that is not kept is exactly its value written back.
        #[test]
        fn own_forms_write_back_to_the_same_text(n in proptest::num::i64::ANY, days in -7_305i32..47_847) {
            let text = n.to_string();
            if let Some(v) = integer_form(&text) {
                proptest::prop_assert_eq!(v.to_string(), text.clone());
            }
            if let Some(x) = exact_integer_form(&text) {
                proptest::prop_assert_eq!(x.to_string(), text.clone());
            }
            let date = date_text(days);
            proptest::prop_assert_eq!(iso_form(&date), Some(days));
            proptest::prop_assert_eq!(
                typed::read_date(&date, DateOrder::DayFirst).ok(),
                Some(days)
            );
        }
    }
}
