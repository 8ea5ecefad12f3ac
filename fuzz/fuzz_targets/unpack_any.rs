//! A generated format, buffer and offset through `unpack`, `unpack_from`,
//! `iter_unpack`, the borrowed `_ref` functions and `unpack_columns`: see
//! `netpack_tests::runtime_checks::unpack_any`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::runtime_checks::unpack_any(data));
