//! Dates: never a panic, and a date that reads is the same date in ISO form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantau::load::parse::{iso, parse_date, DateOrder};

fuzz_target!(|text: &str| {
    for order in [
        DateOrder::Unspecified,
        DateOrder::DayFirst,
        DateOrder::MonthFirst,
    ] {
        if let Ok(d) = parse_date(text, order) {
            assert_eq!(parse_date(&iso(d), order), Ok(d), "{text:?}");
        }
    }
});
