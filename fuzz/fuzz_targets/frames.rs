//! Any bytes from a peer as length-prefixed frames, under any limit (`usize::MAX`
//! included), through the std reader and the tokio decoder split anywhere: see
//! `netpack_tests::frame_checks::frames`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| netpack_tests::frame_checks::frames(data));
