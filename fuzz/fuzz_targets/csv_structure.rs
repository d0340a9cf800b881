//! The CSV structural pass: never a panic, every problem on a real line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    pantau::fuzzing::csv_structure(bytes);
});
