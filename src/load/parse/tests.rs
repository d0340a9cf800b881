//! Unit tests of the value readers.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn indonesian_numbers() {
    let id = NumberStyle::Id;
    assert_eq!(parse_int("1.500.000", id), Ok(1_500_000));
    assert_eq!(parse_int("Rp 1.500.000", id), Ok(1_500_000));
    assert_eq!(parse_int("Rp\u{a0}1.500.000,-", id), Ok(1_500_000));
    assert_eq!(parse_int("Rp. 1.500.000,00", id), Ok(1_500_000));
    assert_eq!(parse_int("1.500", id), Ok(1500));
    assert_eq!(parse_int("-Rp 2.000", id), Ok(-2000));
    assert_eq!(parse_decimal("1.500.000,50", id), Ok(1_500_000.5));
    assert_eq!(parse_decimal("2,5", id), Ok(2.5));
    assert_eq!(parse_int("1.500.000,50", id), Err(NumberError::NotWhole));
    assert_eq!(parse_int("1.50.000", id), Err(NumberError::Unreadable));
    assert_eq!(parse_int("12.5", id), Err(NumberError::Unreadable));
    assert_eq!(parse_int("1,500,000", id), Err(NumberError::Unreadable));
}

#[test]
fn english_numbers() {
    let en = NumberStyle::En;
    assert_eq!(parse_int("1,500,000", en), Ok(1_500_000));
    assert_eq!(parse_decimal("1,500.25", en), Ok(1500.25));
    assert_eq!(parse_decimal("1.500", en), Ok(1.5));
    assert_eq!(parse_int("1.500.000", en), Err(NumberError::Unreadable));
}

#[test]
fn undeclared_numbers_are_read_only_when_unambiguous() {
    let auto = NumberStyle::Auto;
    assert_eq!(parse_int("300000", auto), Ok(300_000));
    assert_eq!(parse_int("1.500.000", auto), Ok(1_500_000));
    assert_eq!(parse_int("1,500,000", auto), Ok(1_500_000));
    assert_eq!(parse_decimal("1.500.000,50", auto), Ok(1_500_000.5));
    assert_eq!(parse_decimal("1,500,000.50", auto), Ok(1_500_000.5));
    assert_eq!(parse_decimal("2.5", auto), Ok(2.5));
    assert_eq!(parse_decimal("2,5", auto), Ok(2.5));
    assert_eq!(parse_decimal("1234.500", auto), Ok(1234.5));
    assert_eq!(parse_int("1.500", auto), Err(NumberError::Ambiguous));
    assert_eq!(parse_int("150,000", auto), Err(NumberError::Ambiguous));
    assert_eq!(parse_int("Rp 15.000", auto), Err(NumberError::Ambiguous));
    assert_eq!(parse_int("3.17305E+15", auto), Err(NumberError::Scientific));
    assert_eq!(parse_int("empat", auto), Err(NumberError::Unreadable));
    assert_eq!(parse_int("", auto), Err(NumberError::Unreadable));
    assert_eq!(parse_int("Rp", auto), Err(NumberError::Unreadable));
    assert_eq!(parse_int("1.", auto), Err(NumberError::Unreadable));
    assert_eq!(
        parse_int("99999999999999999999", auto),
        Err(NumberError::TooLarge)
    );
}

#[test]
fn dates_in_every_form() {
    let u = DateOrder::Unspecified;
    assert_eq!(parse_date("2026-01-12", u), Ok(date(2026, 1, 12)));
    assert_eq!(parse_date("2026/1/5", u), Ok(date(2026, 1, 5)));
    assert_eq!(
        parse_date("2026-01-12T10:15:00.000+07:00", u),
        Ok(date(2026, 1, 12))
    );
    assert_eq!(parse_date("2026-01-12 00:00:00", u), Ok(date(2026, 1, 12)));
    // After a date, only a time of day (with its zone) may follow.
    for ok in [
        "2026-01-12 0:00",
        "2026-01-12T10:15",
        "2026-01-12T10:15:00Z",
        "2026-01-12 10:15:00 +0700",
        "2026-01-12 10:15:00 WIB",
        "2026-01-12 10:15 pm",
        "2026-01-12T23:59:60.5-03:30",
    ] {
        assert_eq!(parse_date(ok, u), Ok(date(2026, 1, 12)), "{ok}");
    }
    for bad in [
        "2026-01-12 garbage",
        "2026-01-12T25:99",
        "2026-01-12 10",
        "2026-01-12 10:5",
        "2026-01-12 10:15:00 +07:00 x",
        "2026-01-12T10:15:00.",
        "2026-01-12 12 Januari",
    ] {
        assert_eq!(parse_date(bad, u), Err(DateError::Unreadable), "{bad}");
    }
    assert_eq!(parse_date("12 Januari 2026", u), Ok(date(2026, 1, 12)));
    assert_eq!(parse_date("17 Agt 2026", u), Ok(date(2026, 8, 17)));
    assert_eq!(parse_date("17-Agu-2026", u), Ok(date(2026, 8, 17)));
    assert_eq!(parse_date("3 Peb 2026", u), Ok(date(2026, 2, 3)));
    assert_eq!(parse_date("1 Nop. 2026", u), Ok(date(2026, 11, 1)));
    assert_eq!(parse_date("25/04/2026", u), Ok(date(2026, 4, 25)));
    assert_eq!(parse_date("04/25/2026", u), Ok(date(2026, 4, 25)));
    assert_eq!(parse_date("03/03/2026", u), Ok(date(2026, 3, 3)));
    assert_eq!(parse_date("03/04/2026", u), Err(DateError::Ambiguous));
    assert_eq!(
        parse_date("03/04/2026", DateOrder::DayFirst),
        Ok(date(2026, 4, 3))
    );
    assert_eq!(
        parse_date("03-04-2026", DateOrder::MonthFirst),
        Ok(date(2026, 3, 4))
    );
    assert_eq!(
        parse_date("25/04/2026", DateOrder::MonthFirst),
        Err(DateError::NoSuchDay)
    );
    assert_eq!(parse_date("31/02/2026", u), Err(DateError::NoSuchDay));
    assert_eq!(parse_date("29 Februari 2025", u), Err(DateError::NoSuchDay));
    assert_eq!(
        parse_date("12/01/26", DateOrder::DayFirst),
        Err(DateError::ShortYear)
    );
    assert_eq!(parse_date("13/13/2026", u), Err(DateError::NoSuchDay));
    assert_eq!(parse_date("kemarin", u), Err(DateError::Unreadable));
    assert_eq!(parse_date("12 Foo 2026", u), Err(DateError::Unreadable));
}

#[test]
fn excel_serial_dates() {
    let u = DateOrder::Unspecified;
    // 46034 is 2026-01-12 in Excel (=DATE(2026,1,12) formatted as a number).
    assert_eq!(parse_date("46034", u), Ok(date(2026, 1, 12)));
    assert_eq!(parse_date("46034.75", u), Ok(date(2026, 1, 12)));
    assert_eq!(parse_date("18264", u), Ok(date(1950, 1, 1)));
    assert_eq!(parse_date("2026", u), Err(DateError::SerialOutOfRange));
    assert_eq!(parse_date("20260112", u), Err(DateError::SerialOutOfRange));
}

/// `v` grouped by threes with `sep`.
fn grouped_text(v: u64, sep: char) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

proptest::proptest! {
    #[test]
    fn every_written_form_of_a_whole_number_reads_back(v in 0u64..4_000_000_000_000, negative: bool) {
        let sign = if negative { "-" } else { "" };
        let want = if negative { -(v as i64) } else { v as i64 };
        let id = format!("{sign}Rp {}", grouped_text(v, '.'));
        proptest::prop_assert_eq!(parse_int(&id, NumberStyle::Id), Ok(want), "{}", id);
        let receipt = format!("{sign}Rp\u{a0}{},-", grouped_text(v, '.'));
        proptest::prop_assert_eq!(parse_int(&receipt, NumberStyle::Id), Ok(want), "{}", receipt);
        let en = format!("{sign}{}", grouped_text(v, ','));
        proptest::prop_assert_eq!(parse_int(&en, NumberStyle::En), Ok(want), "{}", en);
        let plain = format!("{sign}{v}");
        for style in [NumberStyle::Auto, NumberStyle::Id, NumberStyle::En] {
            proptest::prop_assert_eq!(parse_int(&plain, style), Ok(want));
        }
        // Undeclared, grouping is read when it cannot be a fraction and
        // refused when it could.
        let auto = parse_int(&grouped_text(v, '.'), NumberStyle::Auto);
        if (1_000..1_000_000).contains(&v) {
            proptest::prop_assert_eq!(auto, Err(NumberError::Ambiguous));
        } else {
            proptest::prop_assert_eq!(auto, Ok(v as i64));
        }
    }

    #[test]
    fn decimals_read_back_in_their_style(whole in 0u64..10_000_000, cents in 0u32..100) {
        let want = whole as f64 + cents as f64 / 100.0;
        let id = format!("{},{cents:02}", grouped_text(whole, '.'));
        let got = parse_decimal(&id, NumberStyle::Id).unwrap();
        proptest::prop_assert!((got - want).abs() < 1e-6, "{} -> {}", id, got);
        let en = format!("{}.{cents:02}", grouped_text(whole, ','));
        let got = parse_decimal(&en, NumberStyle::En).unwrap();
        proptest::prop_assert!((got - want).abs() < 1e-6, "{} -> {}", en, got);
    }

    #[test]
    fn every_written_form_of_a_date_reads_back(days in 0i64..55_000) {
        let d = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(days as u64);
        let (y, m, day) = (d.year(), d.month(), d.day());
        let u = DateOrder::Unspecified;
        proptest::prop_assert_eq!(parse_date(&iso(d), u), Ok(d));
        let named = format!("{day} {} {y}", MONTHS[m as usize - 1][0]);
        proptest::prop_assert_eq!(parse_date(&named, u), Ok(d), "{}", named);
        let short = format!("{day:02}-{}-{y}", MONTHS[m as usize - 1].last().unwrap());
        proptest::prop_assert_eq!(parse_date(&short, u), Ok(d), "{}", short);
        let dmy = format!("{day:02}/{m:02}/{y}");
        proptest::prop_assert_eq!(parse_date(&dmy, DateOrder::DayFirst), Ok(d));
        let mdy = format!("{m:02}/{day:02}/{y}");
        proptest::prop_assert_eq!(parse_date(&mdy, DateOrder::MonthFirst), Ok(d));
        let undeclared = parse_date(&dmy, u);
        if day <= 12 && day != m {
            proptest::prop_assert_eq!(undeclared, Err(DateError::Ambiguous));
        } else {
            proptest::prop_assert_eq!(undeclared, Ok(d));
        }
        let serial = (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days();
        proptest::prop_assert_eq!(parse_date(&serial.to_string(), u), Ok(d));
    }
}

#[test]
fn damaged_identifiers() {
    assert!(identifier_damaged("3.17305E+15"));
    assert!(identifier_damaged("3,17305E+15"));
    assert!(identifier_damaged("3173050101800001E0"));
    assert!(!identifier_damaged("3173050101800001"));
    assert!(!identifier_damaged("H001"));
    assert!(!identifier_damaged("KEL-E12"));
}

proptest::proptest! {
    /// The short way of reading `YYYY-MM-DD` gives what the general reader
    /// gives, for real dates and for impossible ones (`2026-02-30`,
    /// `2026-13-01`, `0000-00-00`).
    #[test]
    fn iso_dates_read_as_the_general_reader_reads_them(y in 0u32..10_000, m in 0u32..100, d in 0u32..100) {
        let text = format!("{y:04}-{m:02}-{d:02}");
        for order in [DateOrder::Unspecified, DateOrder::DayFirst, DateOrder::MonthFirst] {
            proptest::prop_assert_eq!(iso_date(&text), Some(any_date(&text, order)), "{}", text);
        }
    }
}
