//! Any bit format, values and data through every operation of `netpack::bits`:
//! see `netpack_tests::bits_checks::bits_any`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::bits_checks::bits_any(data));
