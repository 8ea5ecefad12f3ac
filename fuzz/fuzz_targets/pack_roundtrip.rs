//! A generated format and arguments through `pack` and `pack_into`: see
//! `netpack_tests::runtime_checks::pack_roundtrip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::runtime_checks::pack_roundtrip(data));
