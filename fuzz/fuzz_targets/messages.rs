//! The message zoo against the runtime model: the first byte picks a zoo
//! message, the rest is decoded as it; see `netpack_tests::message_checks::messages`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::message_checks::messages(data));
