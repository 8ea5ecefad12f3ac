//! A generated format and arguments through `pack`, `pack_into` and
//! `pack_columns`: see `netpack_tests::runtime_checks::pack_roundtrip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::runtime_checks::pack_roundtrip(data));
