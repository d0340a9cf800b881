//! The whole report path (validation, indicators, every audience and
//! language, the privacy gate): the tiny test site with one file replaced
//! by the fuzzer's bytes. The first byte chooses the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod tiny_site;

fuzz_target!(|input: &[u8]| {
    if let Some(dir) = tiny_site::with_input(input) {
        pantau::fuzzing::report_site(dir);
    }
});
