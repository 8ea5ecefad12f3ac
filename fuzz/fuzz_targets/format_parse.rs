//! Any bytes as a format string: see `netpack_tests::runtime_checks::format_parse`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::runtime_checks::format_parse(data));
