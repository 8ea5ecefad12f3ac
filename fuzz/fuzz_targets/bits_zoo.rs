//! The bit-field zoo against the runtime model on arbitrary bytes: see
//! `netpack_tests::bits_zoo::check_zoo_bytes`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::bits_zoo::check_zoo_bytes(data));
