//! Derived types against the runtime on the same bytes and values: see
//! `netpack_tests::runtime_checks::derive_vs_runtime` and `netpack_tests::zoo`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::runtime_checks::derive_vs_runtime(data));
