//! Fiscal quarters. Quarters are counted from the site's
//! `fiscal_year_start_month`, and a fiscal year is named by the calendar year
//! in which it starts: with a July start, 2026-01-15 falls in 2025-Q3.
//!
//! In frames a quarter is the integer key `year * 10 + quarter` (20253), which
//! sorts in time order; [`Quarter`] turns it into a label and calendar days.

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

/// A fiscal quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4.
    pub quarter: u32,
}

impl Quarter {
    pub(crate) fn from_key(key: i32) -> Quarter {
        Quarter {
            year: key.div_euclid(10),
            quarter: key.rem_euclid(10) as u32,
        }
    }

    pub(crate) fn key(self) -> i32 {
        self.year * 10 + self.quarter as i32
    }

    /// Parses `YYYY-Qn`.
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, q) = text.split_once("-Q")?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) || q.len() != 1 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let quarter: u32 = q.parse().ok()?;
        (1..=4)
            .contains(&quarter)
            .then_some(Quarter { year, quarter })
    }

    /// Parses a command-line quarter (`--period 2026-Q3`).
    pub fn from_arg(text: &str) -> Result<Quarter, String> {
        Quarter::parse(text.trim())
            .ok_or_else(|| "write a quarter as YYYY-Qn, e.g. 2026-Q3".to_string())
    }

    /// `YYYY-Qn`.
    pub fn label(self) -> String {
        format!("{}-Q{}", self.year, self.quarter)
    }

    /// The fiscal quarter a calendar day falls in.
    pub fn of(date: NaiveDate, start_month: u32) -> Quarter {
        Quarter::of_month(date.year(), date.month(), start_month)
    }

    /// The fiscal quarter of a calendar month (1..=12) of a year.
    fn of_month(year: i32, month: u32, start_month: u32) -> Quarter {
        let offset = (month + 12 - start_month) % 12;
        let year = if month >= start_month { year } else { year - 1 };
        Quarter {
            year,
            quarter: offset / 3 + 1,
        }
    }

    /// The first calendar day of the quarter.
    pub fn first_day(self, start_month: u32) -> NaiveDate {
        let months = (start_month - 1) + 3 * (self.quarter - 1);
        let year = self.year + (months / 12) as i32;
        NaiveDate::from_ymd_opt(year, months % 12 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last calendar day of the quarter.
    pub fn last_day(self, start_month: u32) -> NaiveDate {
        let next = if self.quarter == 4 {
            Quarter {
                year: self.year + 1,
                quarter: 1,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter + 1,
            }
        };
        next.first_day(start_month)
            .pred_opt()
            .unwrap_or(NaiveDate::MIN)
    }
}

/// The period of an indicator row: a quarter, a fiscal year to date, a
/// survey round, the baseline round, or all the data.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Period {
    /// The baseline survey round, `baseline`.
    Baseline,
    /// A fiscal quarter, `2026-Q3`.
    Quarter(Quarter),
    /// The fiscal year through a quarter, `2026-Q3-YTD`.
    YearToDate(Quarter),
    /// A follow-up survey round by its label, often a quarter's (`2026-Q3`).
    Round(String),
    /// Every record, `all`.
    All,
}

/// The label of the baseline survey round.
pub const BASELINE: &str = "baseline";
/// The label of rows over all the data.
pub const ALL_PERIODS: &str = "all";
/// Suffix of a year-to-date period label.
pub const YTD: &str = "-YTD";

impl Period {
    /// Reads a period label: `baseline`, `all`, `YYYY-Qn-YTD`, `YYYY-Qn`;
    /// any other text is a survey round's label.
    pub fn parse(text: &str) -> Period {
        match text {
            BASELINE => Period::Baseline,
            ALL_PERIODS => Period::All,
            _ => match text.strip_suffix(YTD).and_then(Quarter::parse) {
                Some(q) => Period::YearToDate(q),
                None => match Quarter::parse(text) {
                    Some(q) => Period::Quarter(q),
                    None => Period::Round(text.to_string()),
                },
            },
        }
    }

    /// Parses a command-line period (`--period`); it must not be empty.
    pub fn from_arg(text: &str) -> Result<Period, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("write a quarter (2026-Q3) or a survey round label".to_string());
        }
        Ok(Period::parse(text))
    }

    /// The label as the indicator table writes it.
    pub fn label(&self) -> String {
        match self {
            Period::Baseline => BASELINE.to_string(),
            Period::Quarter(q) => q.label(),
            Period::YearToDate(q) => format!("{}{YTD}", q.label()),
            Period::Round(label) => label.clone(),
            Period::All => ALL_PERIODS.to_string(),
        }
    }
}

impl Period {
    /// A survey round by its label: the baseline round is [`Period::Baseline`].
    pub fn round(label: &str) -> Period {
        if label == BASELINE {
            Period::Baseline
        } else {
            Period::Round(label.to_string())
        }
    }

    /// The quarter a period falls in: a quarter's own, or that of a survey
    /// round named like a quarter (`2026-Q3`). Year to date, the baseline
    /// and `all` have none.
    pub fn quarter(&self) -> Option<Quarter> {
        match self {
            Period::Quarter(q) => Some(*q),
            Period::Round(label) => Quarter::parse(label),
            _ => None,
        }
    }

    /// Where rows of this period go in the indicator table: the baseline,
    /// then quarters in time order (each quarter's year to date after it,
    /// and a round named like a quarter with it), then the other rounds in
    /// `rounds` order, then `all`.
    pub(crate) fn order(&self, rounds: &[&str]) -> (u8, i32, usize) {
        match self {
            Period::Baseline => (0, 0, 0),
            Period::Quarter(q) => (1, q.key(), 0),
            Period::YearToDate(q) => (1, q.key(), 1),
            Period::All => (3, 0, 0),
            Period::Round(label) => match Period::parse(label) {
                Period::Round(_) => (
                    2,
                    0,
                    rounds
                        .iter()
                        .position(|r| r == label)
                        .unwrap_or(rounds.len()),
                ),
                named => named.order(rounds),
            },
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.label())
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

/// The quarter key (`year * 10 + quarter`) of a date column.
pub(crate) fn quarter_key(date: Expr, start_month: u32) -> Expr {
    per_day(date, move |days| {
        let month = month_of_day(days);
        let (year, month) = (month.div_euclid(12), month.rem_euclid(12) as u32 + 1);
        Quarter::of_month(year, month, start_month).key()
    })
}

/// The calendar month of a date column as `year * 12 + month - 1`.
pub(crate) fn month_key(date: Expr) -> Expr {
    per_day(date, month_of_day)
}

/// A date column mapped day by day (as days since 1970-01-01) to whole
/// numbers, in one pass over its values; a missing date stays missing.
fn per_day(date: Expr, f: impl Fn(i32) -> i32 + Send + Sync + 'static) -> Expr {
    date.map(
        move |column: Column| {
            let days = column.cast(&DataType::Int32)?;
            Ok(days.i32()?.apply_values(&f).into_series().into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::Int32)),
    )
}

/// The calendar month of a day counted from 1970-01-01, as
/// `year * 12 + month - 1`, by Howard Hinnant's days-to-civil algorithm
/// (400-year eras of 146,097 days, years counted from March).
pub(crate) fn month_of_day(days: i32) -> i32 {
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year * 12 + month - 1) as i32
}

/// A calendar day as polars stores a date (days since 1970-01-01).
pub(crate) fn epoch_days(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    (date - epoch).num_days() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn july_start_names_the_year_it_starts_in() {
        assert_eq!(Quarter::of(d(2026, 1, 15), 7).label(), "2025-Q3");
        assert_eq!(Quarter::of(d(2026, 7, 1), 7).label(), "2026-Q1");
        assert_eq!(Quarter::of(d(2026, 6, 30), 7).label(), "2025-Q4");
        assert_eq!(Quarter::of(d(2026, 12, 31), 1).label(), "2026-Q4");
        let q = Quarter::parse("2025-Q3").unwrap();
        assert_eq!(q.first_day(7), d(2026, 1, 1));
        assert_eq!(q.last_day(7), d(2026, 3, 31));
        assert_eq!(
            Quarter::parse("2025-Q4").unwrap().last_day(7),
            d(2026, 6, 30)
        );
        assert_eq!(
            Quarter::parse("2026-Q4").unwrap().last_day(1),
            d(2026, 12, 31)
        );
        assert_eq!(Quarter::parse("2026-Q5"), None);
        assert_eq!(Quarter::parse("26-Q1"), None);
    }

    #[test]
    fn period_labels_read_back() {
        let q = Quarter {
            year: 2026,
            quarter: 3,
        };
        for (text, period) in [
            ("baseline", Period::Baseline),
            ("all", Period::All),
            ("2026-Q3", Period::Quarter(q)),
            ("2026-Q3-YTD", Period::YearToDate(q)),
            ("endline", Period::Round("endline".into())),
            ("2026-Q9", Period::Round("2026-Q9".into())),
        ] {
            assert_eq!(Period::parse(text), period);
            assert_eq!(period.label(), text);
        }
        assert_eq!(Period::from_arg(" 2026-Q3 "), Ok(Period::Quarter(q)));
        assert!(Period::from_arg(" ").is_err());
        assert_eq!(Quarter::from_arg("2026-Q3"), Ok(q));
        assert!(Quarter::from_arg("2026-Q9").is_err());
    }

    #[test]
    fn months_of_days_agree_with_the_calendar() {
        let epoch = d(1970, 1, 1);
        for days in -800_000..800_000 {
            let day = epoch + chrono::TimeDelta::days(i64::from(days));
            assert_eq!(
                month_of_day(days),
                day.year() * 12 + day.month0() as i32,
                "{day}"
            );
        }
    }

    #[test]
    fn the_expression_agrees_with_the_calendar() {
        // Every day of 800 around a fiscal year's turn, and every 13th day
        // from 1899 to 2101 (leap days of 1900 and 2000 among them).
        let mut days: Vec<NaiveDate> = (0..800)
            .map(|i| d(2024, 11, 3) + chrono::Days::new(i))
            .collect();
        days.extend((0..5700).map(|i| d(1899, 1, 1) + chrono::Days::new(13 * i)));
        days.extend([d(1900, 2, 28), d(1900, 3, 1), d(2000, 2, 29), d(2000, 3, 1)]);
        for start in 1..=12u32 {
            let df = df!("d" => days.clone()).unwrap();
            let out = df
                .lazy()
                .select([
                    quarter_key(col("d"), start).alias("q"),
                    month_key(col("d")).alias("m"),
                ])
                .collect()
                .unwrap();
            let q = out.column("q").unwrap().i32().unwrap().clone();
            let m = out.column("m").unwrap().i32().unwrap().clone();
            for (i, day) in days.iter().enumerate() {
                let quarter = Quarter::of(*day, start);
                assert_eq!(q.get(i), Some(quarter.key()), "{day} start {start}");
                assert!(quarter.first_day(start) <= *day && *day <= quarter.last_day(start));
                let month = m.get(i).unwrap();
                let first = quarter.first_day(start);
                let first = first.year() * 12 + first.month0() as i32;
                assert!((first..first + 3).contains(&month));
            }
        }
        // A missing date has no quarter and no month.
        let df = df!("d" => [Some(d(2026, 5, 1)), None]).unwrap();
        let out = df
            .lazy()
            .select([quarter_key(col("d"), 7), month_key(col("d")).alias("m")])
            .collect()
            .unwrap();
        let q: Vec<Option<i32>> = out.column("d").unwrap().i32().unwrap().iter().collect();
        let m: Vec<Option<i32>> = out.column("m").unwrap().i32().unwrap().iter().collect();
        assert_eq!(q, [Some(20254), None]);
        assert_eq!(m, [Some(2026 * 12 + 4), None]);
    }
}
