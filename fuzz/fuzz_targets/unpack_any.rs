//! A generated format, buffer and offset through `unpack`, `unpack_from` and
//! `iter_unpack`: see `netpack_tests::runtime_checks::unpack_any`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::runtime_checks::unpack_any(data));
