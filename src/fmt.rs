//! Display strings for numbers, money, shares and dates, the Indonesian way
//! (`Rp 1.500.000`, `82,5%`, `23 November 2026`) or the English way
//! (`Rp 1,500,000`, `82.5%`, `23 November 2026`). Templates only print what
//! these functions return.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The language of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    fn separators(self) -> (char, char) {
        // (thousands, decimal)
        match self {
            Lang::Id => ('.', ','),
            Lang::En => (',', '.'),
        }
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats numbers for one language.
#[derive(Debug, Clone, Copy)]
pub struct Fmt {
    pub lang: Lang,
}

/// The text shown where a value is undefined (a zero denominator).
pub const NONE: &str = "–";

impl Fmt {
    pub fn new(lang: Lang) -> Fmt {
        Fmt { lang }
    }

    /// A number with `digits` decimals and grouped thousands. Rounds half
    /// away from zero; never prints `-0`.
    pub fn number(self, x: f64, digits: usize) -> String {
        if !x.is_finite() {
            return NONE.into();
        }
        let (thousands, decimal) = self.lang.separators();
        let text = format!("{:.*}", digits, round_half_away(x, digits));
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (rest.chars().any(|c| c.is_ascii_digit() && c != '0'), rest),
            None => (false, text.as_str()),
        };
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        let mut out = String::with_capacity(text.len() + text.len() / 3 + 2);
        if negative {
            out.push('-');
        }
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(thousands);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(decimal);
            out.push_str(frac);
        }
        out
    }

    pub fn count(self, x: f64) -> String {
        self.number(x, 0)
    }

    /// Rupiah without decimals: `Rp 1.500.000`, `-Rp 25.000`.
    pub fn rupiah(self, x: f64) -> String {
        if !x.is_finite() {
            return NONE.into();
        }
        let n = self.number(x.abs(), 0);
        if x < 0.0 && n.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("-Rp {n}")
        } else {
            format!("Rp {n}")
        }
    }

    /// A share as a percentage with one decimal: 0.8735 → `87,4%`.
    pub fn percent(self, x: f64) -> String {
        if !x.is_finite() {
            return NONE.into();
        }
        format!("{}%", self.number(x * 100.0, 1))
    }

    /// A difference of two shares in percentage points, signed: `+2,5 pp`.
    pub fn points(self, delta: f64) -> String {
        if !delta.is_finite() {
            return NONE.into();
        }
        let n = self.number(delta * 100.0, 1);
        let sign = if n.starts_with('-') || is_zero(&n) {
            ""
        } else {
            "+"
        };
        let unit = match self.lang {
            Lang::Id => "poin persen",
            Lang::En => "pp",
        };
        format!("{sign}{n} {unit}")
    }

    /// A signed number with the given decimals: `+0,12`, `-3`.
    pub fn signed(self, x: f64, digits: usize) -> String {
        if !x.is_finite() {
            return NONE.into();
        }
        let n = self.number(x, digits);
        let sign = if n.starts_with('-') || is_zero(&n) {
            ""
        } else {
            "+"
        };
        format!("{sign}{n}")
    }

    /// Signed rupiah: `+Rp 25.000`.
    pub fn signed_rupiah(self, x: f64) -> String {
        let r = self.rupiah(x);
        if r.starts_with('-') || r == NONE || is_zero(&r) {
            r
        } else {
            format!("+{r}")
        }
    }

    /// A date in words: `5 Januari 2026` / `5 January 2026`.
    pub fn date(self, d: NaiveDate) -> String {
        let months = match self.lang {
            Lang::Id => &MONTHS_ID,
            Lang::En => &MONTHS_EN,
        };
        format!("{} {} {}", d.day(), months[d.month0() as usize], d.year())
    }

    /// The name of a month (1 = January).
    pub fn month(self, month: u32) -> &'static str {
        let months = match self.lang {
            Lang::Id => &MONTHS_ID,
            Lang::En => &MONTHS_EN,
        };
        months[(month.clamp(1, 12) - 1) as usize]
    }

    /// A value in the unit of an indicator row.
    pub fn unit_value(self, unit: &str, x: f64) -> String {
        match unit {
            "ratio" => self.percent(x),
            "rupiah" | "rupiah_per_month" | "rupiah_per_household" => self.rupiah(x),
            "households" | "enrollments" | "feedback" | "cases" => self.count(x),
            "days" => self.number(x, 1),
            _ => self.number(x, 3),
        }
    }
}

fn is_zero(text: &str) -> bool {
    !text.chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// Rounds to `digits` decimals, halves away from zero (`format!` alone
/// rounds the binary value, so 0.125 would print as 0.12).
fn round_half_away(x: f64, digits: usize) -> f64 {
    let scale = 10f64.powi(digits as i32);
    let scaled = x * scale;
    if !scaled.is_finite() || scaled.abs() >= 1e15 {
        return x;
    }
    // Nudge by a relative epsilon so that 0.125 (stored as 0.12499999...)
    // still rounds up, as a person reading the table expects; at most a
    // millionth, so that a large whole number (10^12 rupiah) is never
    // pushed past the next half.
    let nudged = scaled + scaled.signum() * (scaled.abs().max(1.0) * 1e-12).min(1e-6);
    nudged.round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_whole_numbers_are_printed_as_they_are() {
        let id = Fmt::new(Lang::Id);
        assert_eq!(id.count(1e12), "1.000.000.000.000");
        assert_eq!(id.rupiah(500_000_000_000.0), "Rp 500.000.000.000");
        assert_eq!(id.rupiah(400_000_000_000.4), "Rp 400.000.000.000");
        assert_eq!(id.rupiah(10_000_000_000.0), "Rp 10.000.000.000");
        // Halves still round away from zero.
        assert_eq!(id.rupiah(2_500_000.5), "Rp 2.500.001");
        assert_eq!(id.number(0.125, 2), "0,13");
    }

    #[test]
    fn indonesian_and_english_numbers() {
        let id = Fmt::new(Lang::Id);
        let en = Fmt::new(Lang::En);
        assert_eq!(id.rupiah(1_500_000.0), "Rp 1.500.000");
        assert_eq!(en.rupiah(1_500_000.0), "Rp 1,500,000");
        assert_eq!(id.rupiah(-25_000.4), "-Rp 25.000");
        assert_eq!(id.rupiah(-0.3), "Rp 0");
        assert_eq!(id.rupiah(999.5), "Rp 1.000");
        assert_eq!(id.number(1234567.891, 2), "1.234.567,89");
        assert_eq!(en.number(1234567.891, 2), "1,234,567.89");
        assert_eq!(id.number(0.125, 2), "0,13");
        assert_eq!(id.number(-0.0001, 2), "0,00");
        assert_eq!(id.percent(0.873538788522848), "87,4%");
        assert_eq!(en.percent(0.873538788522848), "87.4%");
        assert_eq!(id.percent(1.0), "100,0%");
        assert_eq!(id.points(0.025), "+2,5 poin persen");
        assert_eq!(id.points(-0.0251), "-2,5 poin persen");
        assert_eq!(id.points(0.0), "0,0 poin persen");
        assert_eq!(en.signed_rupiah(125_000.0), "+Rp 125,000");
        assert_eq!(id.signed(-0.1234, 3), "-0,123");
        assert_eq!(id.count(100.0), "100");
        assert_eq!(id.count(1000.0), "1.000");
        assert_eq!(id.percent(f64::NAN), NONE);
    }

    #[test]
    fn dates_in_words() {
        let d = NaiveDate::from_ymd_opt(2026, 8, 5).unwrap();
        assert_eq!(Fmt::new(Lang::Id).date(d), "5 Agustus 2026");
        assert_eq!(Fmt::new(Lang::En).date(d), "5 August 2026");
    }
}
