//! The privacy gate over any text: no panic, and a NIK planted anywhere in
//! it, in groups with any separator people use, is always refused.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    pantau::fuzzing::privacy_gate(input);
});
