//! Numbers: never a panic, and whatever reads is read back the same from
//! its plain form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pantau::load::parse::{identifier_damaged, parse_decimal, parse_int, NumberStyle};

fuzz_target!(|text: &str| {
    let _ = identifier_damaged(text);
    for style in [NumberStyle::Auto, NumberStyle::Id, NumberStyle::En] {
        if let Ok(v) = parse_int(text, style) {
            assert_eq!(parse_int(&v.to_string(), style), Ok(v), "{text:?}");
            let d = parse_decimal(text, style).expect("a whole number is a number");
            assert!((d - v as f64).abs() <= 1e-9 * d.abs().max(1.0), "{text:?}");
        }
        if let Ok(v) = parse_decimal(text, style) {
            assert!(v.is_finite(), "{text:?}");
        }
    }
});
