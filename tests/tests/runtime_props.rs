//! Property tests for the runtime: the same checks as the fuzz targets
//! (`netpack_tests::runtime_checks`), fed by proptest.
//!
//! proptest generates raw bytes and the checks read them through
//! `arbitrary::Unstructured`, exactly as the fuzz targets do, so a failing case
//! here is also a fuzz input: its bytes can go to `fuzz/regressions/<target>/`.
//! Some properties generate the structured inputs directly from more bytes, to
//! reach longer formats than short random byte strings give.

use netpack_tests::runtime_checks::{self as checks, FormatSpec, PackInput, UnpackInput};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Bytes read as one `T` through `arbitrary`: the fuzzers' generator.
fn structured<T>(max_len: usize) -> impl Strategy<Value = T>
where
    T: for<'a> arbitrary::Arbitrary<'a> + core::fmt::Debug,
{
    prop::collection::vec(any::<u8>(), 0..max_len)
        .prop_filter_map("arbitrary needs more bytes", |bytes| {
            checks::input_from::<T>(&bytes)
        })
}

/// Format-like strings: mostly codes, counts, prefixes and spaces.
fn format_bytes() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> =
        b"@=<>!xcbB?hHiIlLqQnNefdspP0123456789 \t\n\x0b\x0c\rz\0\xc3\xa9".to_vec();
    prop::collection::vec(prop::sample::select(alphabet), 0..24)
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn format_parse_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..32)) {
        checks::format_parse(&bytes);
    }

    #[test]
    fn format_parse_format_like_bytes(bytes in format_bytes()) {
        checks::format_parse(&bytes);
    }

    #[test]
    fn format_parse_generated_formats(spec in structured::<FormatSpec>(256)) {
        checks::format_parse(spec.render().as_bytes());
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn unpack_any_raw_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        checks::unpack_any(&bytes);
    }

    #[test]
    fn unpack_any_generated(input in structured::<UnpackInput>(512)) {
        checks::check_unpack(&input);
    }

    #[test]
    fn pack_roundtrip_raw_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        checks::pack_roundtrip(&bytes);
    }

    #[test]
    fn pack_roundtrip_generated(input in structured::<PackInput>(512)) {
        checks::check_pack(&input);
    }
}

/// Hand-picked corners the generators reach only rarely.
#[test]
fn corners() {
    for format in [
        &b""[..],
        b"@b0l",
        b"0p",
        b"1p",
        b"300p",
        b"<e",
        b"!f",
        b"@?",
        b"P",
        b"9223372036854775807x",
        b"9223372036854775808x",
        b"@b1152921504606846976q",
        b"4294967295s4294967295s",
        b"99999999999999999999s",
        b"3 h",
        b"3",
        b"<<",
        b"z\0",
        b"\xc3\xa9",
        b"=n",
        b" \x0b\x0c3s",
    ] {
        checks::format_parse(format);
    }
}
