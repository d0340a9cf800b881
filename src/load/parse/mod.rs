//! Reading the numbers, dates and identifiers people actually type.
//!
//! Village records are kept in Excel with Indonesian settings: `1.500.000`
//! for one and a half million, `Rp 1.500.000,-` on a receipt, `12 Januari
//! 2026` or `12/01/2026` for a date, a date cell exported as its serial
//! number. These functions read each form exactly, and refuse what cannot be
//! read without guessing: `1.500` is 1500 with Indonesian separators and 1.5
//! with English ones, so unless the site says which, it is an error.
//!
//! They are plain functions over one value so they can be tested and fuzzed
//! on their own; [`super::typed`] applies them to whole columns.

use chrono::{Datelike, NaiveDate};

/// How the thousands and decimal separators of a number column are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberStyle {
    /// Reads every form that has one meaning and refuses the rest
    /// (`1.500`, `1,500`).
    #[default]
    Auto,
    /// Indonesian: `.` groups thousands, `,` starts the fraction.
    Id,
    /// English: `,` groups thousands, `.` starts the fraction.
    En,
}

impl NumberStyle {
    pub fn name(self) -> &'static str {
        match self {
            NumberStyle::Auto => "auto",
            NumberStyle::Id => "id",
            NumberStyle::En => "en",
        }
    }

    pub fn from_name(name: &str) -> Option<NumberStyle> {
        match name {
            "auto" => Some(NumberStyle::Auto),
            "id" => Some(NumberStyle::Id),
            "en" => Some(NumberStyle::En),
            _ => None,
        }
    }
}

/// Why a text is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number in any form.
    Unreadable,
    /// `1.500` or `1,500` without a declared style: both readings are possible.
    Ambiguous,
    /// A fraction in a column of whole numbers.
    NotWhole,
    /// `3.17305E+15`: Excel shortened a long number.
    Scientific,
    /// More digits than a 64-bit whole number holds.
    TooLarge,
}

/// A number as written: sign, whole digits and fraction digits, separators removed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Digits {
    negative: bool,
    whole: String,
    fraction: String,
}

/// Removes a rupiah marker (`Rp`, `Rp.`, `IDR`) and the spaces around it.
fn strip_currency(text: &str) -> &str {
    let t = text.trim();
    for prefix in ["Rp.", "RP.", "rp.", "Rp", "RP", "rp", "IDR", "idr"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim_start();
        }
    }
    t
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `1.500.000` with `sep = '.'`: the first group has 1–3 digits, every
/// later group exactly 3. Returns the digits without separators.
fn grouped(s: &str, sep: char) -> Option<String> {
    let mut groups = s.split(sep);
    let first = groups.next()?;
    if !all_digits(first) || first.len() > 3 {
        return None;
    }
    let mut out = first.to_string();
    let mut any = false;
    for g in groups {
        if g.len() != 3 || !all_digits(g) {
            return None;
        }
        out.push_str(g);
        any = true;
    }
    any.then_some(out)
}

/// Whole part with optional grouping by `group`.
fn whole_part(s: &str, group: char) -> Option<String> {
    if all_digits(s) {
        Some(s.to_string())
    } else {
        grouped(s, group)
    }
}

fn with_style(body: &str, group: char, decimal: char) -> Result<(String, String), NumberError> {
    let (whole, fraction) = match body.split_once(decimal) {
        Some((w, f)) => (w, f),
        None => (body, ""),
    };
    if body.contains(decimal) && fraction.is_empty() {
        return Err(NumberError::Unreadable);
    }
    if !fraction.is_empty() && !all_digits(fraction) {
        return Err(NumberError::Unreadable);
    }
    let whole = whole_part(whole, group).ok_or(NumberError::Unreadable)?;
    Ok((whole, fraction.to_string()))
}

fn digits(text: &str, style: NumberStyle) -> Result<Digits, NumberError> {
    let mut t = strip_currency(text);
    let mut negative = false;
    if let Some(rest) = t.strip_prefix('-') {
        negative = true;
        t = strip_currency(rest);
    }
    // `Rp 1.500.000,-` and `Rp 1.500.000,00`: a receipt's way of saying "no cents".
    let t = t.strip_suffix(",-").unwrap_or(t);
    if t.is_empty() {
        return Err(NumberError::Unreadable);
    }
    let upper = t.to_ascii_uppercase();
    if let Some((mantissa, exponent)) = upper.split_once('E') {
        let mantissa_ok = mantissa
            .split_once(['.', ','])
            .map_or(all_digits(mantissa), |(a, b)| {
                all_digits(a) && all_digits(b)
            });
        let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
        if mantissa_ok && all_digits(exponent) {
            return Err(NumberError::Scientific);
        }
        return Err(NumberError::Unreadable);
    }
    let (whole, fraction) = match style {
        NumberStyle::Id => with_style(t, '.', ',')?,
        NumberStyle::En => with_style(t, ',', '.')?,
        NumberStyle::Auto => auto(t)?,
    };
    Ok(Digits {
        negative,
        whole,
        fraction,
    })
}

/// The undeclared style: the separators must say by themselves what they are.
fn auto(t: &str) -> Result<(String, String), NumberError> {
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    match (dots, commas) {
        (0, 0) => with_style(t, ',', '.'),
        (_, 0) if dots > 1 => with_style(t, '.', ','),
        (0, _) if commas > 1 => with_style(t, ',', '.'),
        (1, 0) | (0, 1) => {
            let (whole, fraction) = t.split_once(['.', ',']).unwrap_or((t, ""));
            if all_digits(whole) && whole.len() <= 3 && fraction.len() == 3 && all_digits(fraction)
            {
                return Err(NumberError::Ambiguous);
            }
            if dots == 1 {
                with_style(t, ',', '.')
            } else {
                with_style(t, '.', ',')
            }
        }
        _ => {
            // Both separators: the last one written starts the fraction.
            let last_dot = t.rfind('.').unwrap_or(0);
            let last_comma = t.rfind(',').unwrap_or(0);
            if last_comma > last_dot {
                with_style(t, '.', ',')
            } else {
                with_style(t, ',', '.')
            }
        }
    }
}

/// Plain digits with an optional minus sign (`1500000`, `-25`), the usual
/// form of a number in a CSV file, read without the copies the general
/// reader makes; `None` for anything else. Every style reads these alike.
fn plain(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude: i64 = digits.parse().ok()?;
    match (negative, magnitude) {
        // `-0` is a negative zero as a decimal: left to the general reader.
        (true, 0) => None,
        (true, m) => Some(-m),
        (false, m) => Some(m),
    }
}

/// A number with an optional fraction.
pub fn parse_decimal(text: &str, style: NumberStyle) -> Result<f64, NumberError> {
    if let Some(v) = plain(text) {
        return Ok(v as f64);
    }
    let d = digits(text, style)?;
    let mut s = String::with_capacity(d.whole.len() + d.fraction.len() + 2);
    if d.negative {
        s.push('-');
    }
    s.push_str(&d.whole);
    if !d.fraction.is_empty() {
        s.push('.');
        s.push_str(&d.fraction);
    }
    let v: f64 = s.parse().map_err(|_| NumberError::Unreadable)?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(NumberError::TooLarge)
    }
}

/// A whole number; a fraction of zeros (`1.500.000,00`) is allowed.
pub fn parse_int(text: &str, style: NumberStyle) -> Result<i64, NumberError> {
    if let Some(v) = plain(text) {
        return Ok(v);
    }
    let d = digits(text, style)?;
    if d.fraction.bytes().any(|b| b != b'0') {
        return Err(NumberError::NotWhole);
    }
    let magnitude: i64 = d.whole.parse().map_err(|_| NumberError::TooLarge)?;
    Ok(if d.negative { -magnitude } else { magnitude })
}

/// Which of the two numbers of `03/04/2026` is the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Not declared: a date with day and month both up to 12 is refused.
    #[default]
    Unspecified,
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    pub fn from_name(name: &str) -> Option<DateOrder> {
        match name {
            "day-first" => Some(DateOrder::DayFirst),
            "month-first" => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    Unreadable,
    /// `03/04/2026` without a declared order.
    Ambiguous,
    /// `12/01/26`: the century is not written.
    ShortYear,
    /// The numbers do not make a calendar date (`31/02/2026`).
    NoSuchDay,
    /// An Excel serial number outside 1950–2100.
    SerialOutOfRange,
    /// A date before 1950 or after 2100: a typing slip (`0202-01-12`), a
    /// placeholder (`1900-01-01`, `9999-12-31`) or a broken export.
    OutOfRange,
}

/// The dates the data contract accepts, in every file format: 1950-01-01 to
/// 2100-12-31.
pub const FIRST_DATE: (i32, u32, u32) = (1950, 1, 1);
/// See [`FIRST_DATE`].
pub const LAST_DATE: (i32, u32, u32) = (2100, 12, 31);

/// A date of the calendar, made once when the program is built.
const fn day_of((y, m, d): (i32, u32, u32)) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("not a day of the calendar"),
    }
}

fn in_range(d: NaiveDate) -> bool {
    const FIRST: NaiveDate = day_of(FIRST_DATE);
    const LAST: NaiveDate = day_of(LAST_DATE);
    (FIRST..=LAST).contains(&d)
}

/// Excel serial numbers accepted as dates: 1950-01-01 to 2100-12-31.
const SERIAL_RANGE: std::ops::RangeInclusive<i64> = 18_264..=73_415;

/// Month names and abbreviations, Indonesian and English, lower case.
const MONTHS: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "pebruari", "february", "feb", "peb"],
    &["maret", "march", "mar"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["agustus", "august", "agu", "agt", "ags", "aug"],
    &["september", "sept", "sep"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nopember", "nov", "nop"],
    &["desember", "december", "des", "dec"],
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&lower.as_str()))
        .map(|i| i as u32 + 1)
}

/// `2026-01-12`, the form of nearly every date in a CSV file, read without
/// the copies of the general reader (which reads it alike); `None` for
/// any other form.
fn iso_date(t: &str) -> Option<Result<NaiveDate, DateError>> {
    let b = t.as_bytes();
    let digit = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|c| (c - b'0') as u32)
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
    let month = digit(5)? * 10 + digit(6)?;
    let day = digit(8)? * 10 + digit(9)?;
    Some(NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateError::NoSuchDay))
}

fn ymd(year: &str, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if year.len() != 4 {
        return Err(if year.len() == 2 {
            DateError::ShortYear
        } else {
            DateError::Unreadable
        });
    }
    if !all_digits(year) {
        return Err(DateError::Unreadable);
    }
    let y: i32 = year.parse().map_err(|_| DateError::Unreadable)?;
    NaiveDate::from_ymd_opt(y, month, day).ok_or(DateError::NoSuchDay)
}

fn small_number(s: &str) -> Option<u32> {
    (all_digits(s) && s.len() <= 2)
        .then(|| s.parse().ok())
        .flatten()
}

/// A date in any of the forms of the data contract (see the module docs),
/// from 1950-01-01 to 2100-12-31.
pub fn parse_date(text: &str, order: DateOrder) -> Result<NaiveDate, DateError> {
    let d = read_date(text, order)?;
    if in_range(d) {
        Ok(d)
    } else {
        Err(DateError::OutOfRange)
    }
}

fn read_date(text: &str, order: DateOrder) -> Result<NaiveDate, DateError> {
    let t = text.trim();
    iso_date(t).unwrap_or_else(|| any_date(t, order))
}

/// Every form of date, from a trimmed text.
fn any_date(t: &str, order: DateOrder) -> Result<NaiveDate, DateError> {
    // An ISO date-time (`2026-01-12T10:15:00+07:00`, `2026-01-12 00:00:00`): the date as written.
    let t = match t.find(['T', ' ']) {
        Some(i) if i == 10 && t.as_bytes().get(4) == Some(&b'-') => {
            if !time_of_day(&t[i + 1..]) {
                return Err(DateError::Unreadable);
            }
            &t[..i]
        }
        _ => t,
    };
    if all_digits(t)
        || t.split_once('.')
            .is_some_and(|(a, b)| all_digits(a) && all_digits(b))
    {
        return excel_serial(t);
    }
    let parts: Vec<&str> = t
        .split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Err(DateError::Unreadable);
    }
    let (a, b, c) = (parts[0], parts[1], parts[2]);
    // Year first: YYYY-MM-DD, YYYY/MM/DD.
    if a.len() == 4 && all_digits(a) {
        let month = small_number(b).ok_or(DateError::Unreadable)?;
        let day = small_number(c).ok_or(DateError::Unreadable)?;
        return ymd(a, month, day);
    }
    // A named month: 12 Januari 2026, 12-Jan-2026.
    if let Some(month) = month_number(b) {
        let day = small_number(a).ok_or(DateError::Unreadable)?;
        return ymd(c, month, day);
    }
    let (x, y) = match (small_number(a), small_number(b)) {
        (Some(x), Some(y)) => (x, y),
        _ => return Err(DateError::Unreadable),
    };
    if !all_digits(c) {
        return Err(DateError::Unreadable);
    }
    let (day, month) = match order {
        DateOrder::DayFirst => (x, y),
        DateOrder::MonthFirst => (y, x),
        DateOrder::Unspecified if x == y => (x, y),
        DateOrder::Unspecified if x > 12 && y <= 12 => (x, y),
        DateOrder::Unspecified if y > 12 && x <= 12 => (y, x),
        DateOrder::Unspecified if x <= 12 && y <= 12 => return Err(DateError::Ambiguous),
        DateOrder::Unspecified => return Err(DateError::NoSuchDay),
    };
    ymd(c, month, day)
}

/// Whether `t` is a time of day as a date-time writes it after its date:
/// `10:15`, `10:15:00`, `10:15:00.000`, then perhaps a zone (`Z`,
/// `+07:00`, `+0700`, `UTC`, `WIB`, `WITA`, `WIT`) or `AM`/`PM`, with or
/// without a space before it. Anything else after a date (`2026-01-10
/// garbage`, `2026-01-10T25:99`) is no date.
fn time_of_day(t: &str) -> bool {
    let t = t.trim();
    let clock_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(t.len());
    let (clock, zone) = t.split_at(clock_end);
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (clock, None),
    };
    let fields: Vec<&str> = hms.split(':').collect();
    let number = |s: &str, most: u32| -> bool {
        (1..=2).contains(&s.len()) && all_digits(s) && s.parse::<u32>().is_ok_and(|n| n <= most)
    };
    let clock_ok = match fields.as_slice() {
        [h, m] => number(h, 23) && m.len() == 2 && number(m, 59),
        [h, m, sec] => {
            number(h, 23) && m.len() == 2 && number(m, 59) && sec.len() == 2 && number(sec, 60)
        }
        _ => false,
    } && fraction
        .is_none_or(|f| !f.is_empty() && all_digits(f) && fields.len() == 3);
    if !clock_ok {
        return false;
    }
    let zone = zone.trim_start();
    let offset = |z: &str| {
        let z = z.replace(':', "");
        z.len() == 4 && all_digits(&z) && number(&z[..2], 14) && number(&z[2..], 59)
            || z.len() == 2 && number(&z, 14)
    };
    match zone {
        "" | "Z" => true,
        z if ["UTC", "GMT", "WIB", "WITA", "WIT", "AM", "PM"]
            .iter()
            .any(|name| z.eq_ignore_ascii_case(name)) =>
        {
            true
        }
        z => z.strip_prefix(['+', '-']).is_some_and(offset),
    }
}

fn excel_serial(t: &str) -> Result<NaiveDate, DateError> {
    let whole = t.split('.').next().unwrap_or(t);
    if whole.len() > 7 {
        return Err(DateError::SerialOutOfRange);
    }
    let serial: i64 = whole.parse().map_err(|_| DateError::Unreadable)?;
    if !SERIAL_RANGE.contains(&serial) {
        return Err(DateError::SerialOutOfRange);
    }
    // Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never
    // was, so from March 1900 on the epoch is 1899-12-30.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(DateError::Unreadable)?;
    epoch
        .checked_add_days(chrono::Days::new(serial as u64))
        .ok_or(DateError::SerialOutOfRange)
}

/// The ISO text of a date, as the typed frames hold it.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// True when an identifier was turned into a number by a spreadsheet and
/// may have lost digits: `3.17305E+15` in a CSV file.
/// Only a text with an `E` can be one, so every other text is answered
/// without the number reader's copies.
pub fn identifier_damaged(text: &str) -> bool {
    // Scientific notation has an exponent and digits on both sides of it.
    text.bytes().any(|b| b == b'E' || b == b'e')
        && text.bytes().any(|b| b.is_ascii_digit())
        && digits(text, NumberStyle::En) == Err(NumberError::Scientific)
}

#[cfg(test)]
mod tests;
