//! Text → contract types, in one pass per column.
//!
//! [`prepared`] reads every contract column once into its trimmed text, its
//! value (null for a text that does not read) and, for numbers and dates,
//! the code of why a text does not read; validation reports exactly those
//! values, so nothing unreadable reaches an indicator unnoticed. Numbers and
//! dates are read by [`super::parse`], one value at a time, with the number
//! style and date order the site declared for the table.

use polars::prelude::*;

use super::parse::{self as p, DateError, DateOrder, NumberError, NumberStyle};
use super::{RawTable, Reading, ROW};
use crate::contract::{Column, Kind, TableSpec, FALSE_WORDS, TRUE_WORDS};

/// Name of the trimmed text of contract column `name` in a raw table's frame:
/// an empty or blank cell is null.
pub(crate) fn trimmed(name: &str) -> String {
    format!("__t_{name}")
}

/// Name of the parsed value of contract column `name` in a raw table's
/// frame: of the column's contract type, null when missing or unreadable.
pub(crate) fn value(name: &str) -> String {
    format!("__p_{name}")
}

/// Name of the problem code of a number or date column `name` in a raw
/// table's frame: why its text does not read (see [`problem_code`]), null
/// when it reads or is empty.
pub(crate) fn fault(name: &str) -> String {
    format!("__e_{name}")
}

/// True for the kinds whose text can fail to read in more than one way,
/// which have a [`fault`] column.
fn has_fault(kind: Kind) -> bool {
    matches!(kind, Kind::Int | Kind::Decimal | Kind::Date)
}

/// `frame` (every contract column as text, and [`ROW`]) with each contract
/// column read once: its [`trimmed`] text, its [`value`] and, for numbers and
/// dates, its [`fault`]. Every check, and the typed table, select from these
/// columns, so a value is trimmed and parsed once per run.
///
/// The columns named in `read` were read as the file was (see
/// [`super::field`]): the frame has their value and fault already, and their
/// text only where it is kept, so only that text is trimmed.
pub(crate) fn prepared(
    frame: LazyFrame,
    spec: &'static TableSpec,
    reading: &Reading,
    read: &[&str],
) -> LazyFrame {
    let read_name = |c: &Column| format!("__r_{}", c.name);
    let (done, to_read): (Vec<&'static Column>, Vec<&'static Column>) =
        spec.columns.iter().partition(|c| read.contains(&c.name));
    let mut reads: Vec<Expr> = to_read
        .iter()
        .map(|c| read_column(c, reading).alias(read_name(c)))
        .collect();
    reads.extend(
        done.iter()
            .map(|c| trimmed_text(col(c.name)).alias(trimmed(c.name))),
    );
    let mut fields = Vec::new();
    for c in &to_read {
        let field = |f: &str| col(read_name(c)).struct_().field_by_name(f);
        fields.push(field("t").alias(trimmed(c.name)));
        fields.push(field("p").alias(value(c.name)));
        if has_fault(c.kind) {
            fields.push(field("e").alias(fault(c.name)));
        }
    }
    let names: Vec<PlSmallStr> = to_read.iter().map(|c| read_name(c).into()).collect();
    frame
        .with_columns(reads)
        .with_columns(fields)
        .drop(by_name(names, true, false))
}

/// The texts of `text` trimmed, an empty or blank one null.
fn trimmed_text(text: Expr) -> Expr {
    text.map(
        |column: polars::prelude::Column| Ok(trim(column.str()?).into_column()),
        |_, f| Ok(Field::new(f.name().clone(), DataType::String)),
    )
}

/// One contract column read in one pass over its texts, as a struct of the
/// trimmed text `t`, the value `p` and, for numbers and dates, the problem
/// code `e`.
fn read_column(c: &'static Column, reading: &Reading) -> Expr {
    let style = reading.number_style(c.name);
    let order = reading.dates;
    let mut fields = vec![
        Field::new("t".into(), DataType::String),
        Field::new("p".into(), dtype(c.kind)),
    ];
    if has_fault(c.kind) {
        fields.push(Field::new("e".into(), DataType::Int32));
    }
    let out = DataType::Struct(fields);
    col(c.name).map(
        move |column: polars::prelude::Column| {
            let text = trim(column.str()?);
            let (value, fault) = match c.kind {
                Kind::Text if !c.allowed.is_empty() => (enumerated(&text, c), None),
                Kind::Text => (text.clone().into_series(), None),
                Kind::Int => {
                    let (v, e): (Int64Chunked, _) = read_each(&text, |t| read_int(t, style));
                    (v.into_series(), Some(e))
                }
                Kind::Decimal => {
                    let (v, e): (Float64Chunked, _) = read_each(&text, |t| read_decimal(t, style));
                    (v.into_series(), Some(e))
                }
                Kind::Date => {
                    let (v, e): (Int32Chunked, _) = read_each(&text, |t| read_date(t, order));
                    (v.into_date().into_series(), Some(e))
                }
                Kind::Bool => {
                    let v: BooleanChunked = text.iter().map(|t| read_bool(t?)).collect();
                    (v.into_series(), None)
                }
                Kind::Gender => {
                    let v: StringChunked = text.iter().map(|t| gender(t?)).collect();
                    (v.into_series(), None)
                }
            };
            let mut parts = vec![
                text.into_series().with_name("t".into()),
                value.with_name("p".into()),
            ];
            if let Some(e) = fault {
                parts.push(e.into_series().with_name("e".into()));
            }
            let len = column.len();
            Ok(
                StructChunked::from_series(column.name().clone(), len, parts.iter())?
                    .into_series()
                    .into_column(),
            )
        },
        move |_, f| Ok(Field::new(f.name().clone(), out.clone())),
    )
}

/// The texts trimmed, an empty or blank one null. A column in which nothing
/// changes, the usual case of a clean file, is handed on as it is.
fn trim(ca: &StringChunked) -> StringChunked {
    // A column of nulls (the kept texts of a clean column read in the
    // pass) is not gone through at all.
    if ca.null_count() == ca.len() || !ca.iter().flatten().any(trim_changes) {
        return ca.clone();
    }
    ca.iter()
        .map(|v| v.map(str::trim).filter(|t| !t.is_empty()))
        .collect()
}

/// A gender as the contract stores it: `L` (laki-laki, or `M` for male)
/// or `P` (perempuan, or `F` for female), in either case; no other text
/// upper-cases to one of these letters.
fn gender(t: &str) -> Option<&'static str> {
    match t {
        "L" | "l" | "M" | "m" => Some("L"),
        "P" | "p" | "F" | "f" => Some("P"),
        _ => None,
    }
}

/// Whether trimming changes `v` or leaves it empty.
fn trim_changes(v: &str) -> bool {
    match (v.as_bytes().first(), v.as_bytes().last()) {
        // Unicode's other white space is not ASCII: a text that begins
        // and ends with an ASCII character other than white space is
        // trimmed already.
        (Some(&a), Some(&z)) if a.is_ascii() && z.is_ascii() => ascii_white(a) || ascii_white(z),
        _ => {
            let t = v.trim();
            t.len() != v.len() || t.is_empty()
        }
    }
}

/// An ASCII byte `char::is_whitespace` counts as white space: a space, a
/// tab, a line feed, a vertical tab, a form feed or a carriage return.
fn ascii_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The text lower-cased, borrowed when it has nothing to lower.
fn lower(t: &str) -> std::borrow::Cow<'_, str> {
    if t.is_ascii() {
        // An ASCII letter lower-cases to its ASCII lower case in Unicode too.
        return if t.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(t.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(t)
        };
    }
    if t.chars().any(|c| c.to_lowercase().ne(std::iter::once(c))) {
        std::borrow::Cow::Owned(t.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(t)
    }
}

/// An enumerated column's values: the text lower-cased when it is one of the
/// allowed values, the column's default when the cell is empty.
fn enumerated(text: &StringChunked, c: &'static Column) -> Series {
    // A column already in its values' form (every cell an allowed value,
    // which is lower case, and no empty cell to fill) is kept as it is,
    // not copied: a ledger's status column has millions of cells.
    let as_is = text.iter().all(|t| match t {
        None => c.default.is_none(),
        Some(t) => c.allowed.contains(&t),
    });
    if as_is {
        return text.clone().into_series();
    }
    let v: StringChunked = text
        .iter()
        .map(|t| match t {
            None => c.default.map(std::borrow::Cow::Borrowed),
            Some(t) => {
                let lower = lower(t);
                c.allowed.contains(&lower.as_ref()).then_some(lower)
            }
        })
        .collect();
    v.into_series()
}

/// Every non-null text read by `read`: the values, and the problem code of
/// each text that does not read.
fn read_each<T, F>(text: &StringChunked, read: F) -> (ChunkedArray<T>, Int32Chunked)
where
    T: PolarsNumericType,
    F: Fn(&str) -> Result<T::Native, i32>,
{
    let mut values: Vec<Option<T::Native>> = Vec::with_capacity(text.len());
    let mut faults: Vec<Option<i32>> = Vec::with_capacity(text.len());
    for t in text.iter() {
        let (v, e) = match t.map(&read) {
            None => (None, None),
            Some(Ok(v)) => (Some(v), None),
            Some(Err(e)) => (None, Some(e)),
        };
        values.push(v);
        faults.push(e);
    }
    (values.into_iter().collect(), faults.into_iter().collect())
}

/// A whole number, or the code of why the (trimmed, non-empty) text does not read as one.
pub(super) fn read_int(t: &str, style: NumberStyle) -> Result<i64, i32> {
    p::parse_int(t, style).map_err(number_code)
}

/// A number, or the code of why the text does not read as one.
pub(super) fn read_decimal(t: &str, style: NumberStyle) -> Result<f64, i32> {
    p::parse_decimal(t, style).map_err(number_code)
}

/// A date as days since 1970-01-01, or the code of why the text does not
/// read as one.
pub(super) fn read_date(t: &str, order: DateOrder) -> Result<i32, i32> {
    p::parse_date(t, order)
        .map(days_since_epoch)
        .map_err(date_code)
}

/// A boolean word in any case, or none.
pub(super) fn read_bool(t: &str) -> Option<bool> {
    let lower = lower(t);
    if TRUE_WORDS.contains(&lower.as_ref()) {
        Some(true)
    } else if FALSE_WORDS.contains(&lower.as_ref()) {
        Some(false)
    } else {
        None
    }
}

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
pub(crate) const EPOCH_DAYS_FROM_CE: i32 = 719_163;

pub(super) fn days_since_epoch(d: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

fn number_code(e: NumberError) -> i32 {
    match e {
        NumberError::Unreadable => 1,
        NumberError::Ambiguous => 2,
        NumberError::NotWhole => 3,
        NumberError::Scientific => 4,
        NumberError::TooLarge => 5,
    }
}

fn date_code(e: DateError) -> i32 {
    match e {
        DateError::Unreadable => 1,
        DateError::Ambiguous => 2,
        DateError::ShortYear => 3,
        DateError::NoSuchDay => 4,
        DateError::SerialOutOfRange => 5,
        DateError::OutOfRange => 6,
    }
}

/// The rule and message of a problem code of [`problem`], for column `c`
/// of table `table`.
pub(crate) fn problem_code(c: &Column, table: &str, code: i32) -> (&'static str, String) {
    let name = c.name;
    match (c.kind, code) {
        (Kind::Date, 2) => (
            "ambiguous",
            format!(
                "{name}: day and month can both be read either way; declare dates = \"day-first\" (or \"month-first\") under [format.{table}] in site.toml"
            ),
        ),
        (Kind::Date, 3) => (
            "type",
            format!("{name}: the year must have four digits"),
        ),
        (Kind::Date, 4) => ("type", format!("{name} is not a calendar date")),
        (Kind::Date, 5) => (
            "type",
            format!("{name}: as an Excel date number it is outside 1950-2100"),
        ),
        (Kind::Date, 6) => (
            "range",
            format!("{name} must be a date from 1950-01-01 to 2100-12-31"),
        ),
        (Kind::Date, _) => ("type", format!("{name} must be {}", c.kind.describe())),
        (_, 2) => (
            "ambiguous",
            format!(
                "{name}: the separator can mean thousands or a fraction; declare \
                 numbers = \"id\" (1.500 = 1500) or \"en\" (1.500 = 1.5) under \
                 [format.{table}] in site.toml"
            ),
        ),
        (_, 3) => ("type", format!("{name} must be a whole number")),
        (_, 4) => (
            "type",
            format!(
                "{name} is in scientific notation, so Excel has rounded it; format the \
                 column as Number and save again"
            ),
        ),
        (_, 5) => ("type", format!("{name} is too large")),
        _ => ("type", format!("{name} must be {}", c.kind.describe())),
    }
}

/// The polars type of a parsed column.
pub(crate) fn dtype(kind: Kind) -> DataType {
    match kind {
        Kind::Text | Kind::Gender => DataType::String,
        Kind::Int => DataType::Int64,
        Kind::Decimal => DataType::Float64,
        Kind::Date => DataType::Date,
        Kind::Bool => DataType::Boolean,
    }
}

/// The explicit schema of a typed table.
pub(crate) fn schema(spec: &TableSpec) -> Schema {
    let mut fields = vec![Field::new(ROW.into(), IDX_DTYPE)];
    fields.extend(
        spec.columns
            .iter()
            .map(|c| Field::new(c.name.into(), dtype(c.kind))),
    );
    fields.into_iter().collect()
}

/// The typed frame of a raw table: every contract column's [`value`], plus [`ROW`].
pub(crate) fn typed(raw: &RawTable) -> LazyFrame {
    let mut exprs = vec![col(ROW)];
    exprs.extend(
        raw.spec
            .columns
            .iter()
            .map(|c| col(value(c.name)).alias(c.name)),
    );
    raw.lf.clone().select(exprs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::spec;

    fn strings(df: &DataFrame, name: &str) -> Vec<Option<String>> {
        df.column(name)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect()
    }

    /// The households table with one column given, the others empty.
    fn read(column: &str, texts: &[Option<&str>]) -> DataFrame {
        let table = spec(crate::contract::Table::Households);
        let mut columns = vec![polars::prelude::Column::new(
            ROW.into(),
            (0..texts.len() as IdxSize).collect::<Vec<_>>(),
        )];
        for c in table.columns {
            let s = if c.name == column {
                Series::new(c.name.into(), texts)
            } else {
                Series::full_null(c.name.into(), texts.len(), &DataType::String)
            };
            columns.push(s.into_column());
        }
        let reading = Reading::of(table, &Default::default());
        prepared(
            DataFrame::new(texts.len(), columns).unwrap().lazy(),
            table,
            &reading,
            &[],
        )
        .collect()
        .unwrap()
    }

    #[test]
    fn text_trims_and_blank_is_null_and_enumerations_lower_case_like_str() {
        let df = read(
            "status",
            &[
                Some(" Active "),
                Some(""),
                Some("  "),
                Some("MOVED"),
                None,
                Some("aktif"),
            ],
        );
        let s = |v: &str| Some(v.to_string());
        assert_eq!(
            strings(&df, &trimmed("status")),
            [s("Active"), None, None, s("MOVED"), None, s("aktif")]
        );
        // The default fills an empty cell; an unknown value is null.
        assert_eq!(
            strings(&df, &value("status")),
            [
                s("active"),
                s("active"),
                s("active"),
                s("moved"),
                s("active"),
                None
            ]
        );
        // A status column already in its values' form reads the same
        // through the column kept as it is; an empty cell makes it filled.
        let clean = read("status", &[Some("moved"), Some("active")]);
        assert_eq!(strings(&clean, &value("status")), [s("moved"), s("active")]);
        let blank = read("status", &[Some("moved"), None]);
        assert_eq!(strings(&blank, &value("status")), [s("moved"), s("active")]);
        // Which holds because every allowed value is its own lower case.
        for t in crate::contract::TABLES {
            for c in t.columns {
                for v in c.allowed {
                    assert_eq!(lower(v), *v, "{}.{}", t.name, c.name);
                }
            }
        }
        // A clean column comes back as it was.
        let clean = read("rw", &[Some("001"), Some("2")]);
        assert_eq!(strings(&clean, &trimmed("rw")), [s("001"), s("2")]);
        assert_eq!(
            clean.column(&value("rw")).unwrap().i64().unwrap().to_vec(),
            [Some(1), Some(2)]
        );
    }

    #[test]
    fn numbers_and_dates_give_a_value_or_a_fault_never_both() {
        let df = read("members", &[Some(" 4 "), Some("4,5"), Some("x"), None]);
        let v = df
            .column(&value("members"))
            .unwrap()
            .i64()
            .unwrap()
            .to_vec();
        let e = df
            .column(&fault("members"))
            .unwrap()
            .i32()
            .unwrap()
            .to_vec();
        assert_eq!(v, [Some(4), None, None, None]);
        assert_eq!(e, [None, Some(3), Some(1), None]);
        let df = read("registered_on", &[Some("2026-01-31"), Some("31/02/2026")]);
        let days = df
            .column(&value("registered_on"))
            .unwrap()
            .cast(&DataType::Int32)
            .unwrap();
        assert_eq!(days.i32().unwrap().to_vec(), [Some(20_484), None]);
        let e = df
            .column(&fault("registered_on"))
            .unwrap()
            .i32()
            .unwrap()
            .to_vec();
        assert_eq!(e, [None, Some(4)]);
    }

    /// Characters where ASCII and Unicode rules could part: ASCII white
    /// space and controls, Unicode white space (no-break, em, ideographic
    /// spaces, next line), letters whose cases are not ASCII (Kelvin sign,
    /// dotted and dotless i, long s, the ligature fl) and plain letters.
    fn edge_chars() -> Vec<char> {
        vec![
            'a', 'L', 'l', 'M', 'p', 'F', 'Z', '1', ' ', '\t', '\n', '\x0b', '\x0c', '\r', '\0',
            '\x7f', '\u{85}', '\u{a0}', '\u{2003}', '\u{3000}', '\u{212a}', '\u{130}', '\u{131}',
            '\u{17f}', '\u{fb02}', 'É', 'é',
        ]
    }

    proptest::proptest! {
        /// The ASCII shortcuts give what the Unicode rules give.
        #[test]
        fn ascii_shortcuts_agree_with_unicode(
            chars in proptest::collection::vec(proptest::sample::select(edge_chars()), 0..6),
        ) {
            let t: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(lower(&t).into_owned(), t.to_lowercase());
            let trimmed = t.trim();
            proptest::prop_assert_eq!(
                trim_changes(&t),
                trimmed.len() != t.len() || trimmed.is_empty()
            );
            let upper = t.to_uppercase();
            let by_upper = match upper.as_str() {
                "L" | "M" => Some("L"),
                "P" | "F" => Some("P"),
                _ => None,
            };
            proptest::prop_assert_eq!(gender(&t), by_upper);
        }
    }
}
