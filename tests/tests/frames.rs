//! Length-prefixed frames from hostile peers: the std reader and the tokio
//! decoder against the model of `netpack_tests::frame_checks`, on the headers
//! that once overflowed and on proptest bytes (the fuzz target `frames` runs the
//! same check).

use netpack_tests::frame_checks::{self as checks, End};
use proptest::prelude::*;

/// The 13 bytes: a `u64` header of all ones and five body bytes, under
/// the "no limit" limit. Once a panic ("attempt to add with overflow" in debug,
/// "split_to out of bounds" in the release tokio decoder) or a wrong
/// `Truncated { needed: 7, got: 13 }` (the release std reader).
#[test]
fn a_header_of_all_ones_under_no_limit() {
    let wire = b"\xff\xff\xff\xff\xff\xff\xff\xffhello";
    let want = checks::model(wire, 8, usize::MAX);
    assert_eq!(
        want.end,
        Some(End::TooLarge {
            len: u64::MAX,
            max: isize::MAX as usize - 8
        })
    );
    for step in [1, 3, 13] {
        checks::check::<u64>(wire, 8, usize::MAX, step);
    }
}

/// Every length at the edge of `isize::MAX`, for every limit near it.
#[test]
fn lengths_at_the_edges() {
    let edge = isize::MAX as u64 - 8;
    for len in [edge - 1, edge, edge + 1, 1 << 63, u64::MAX - 8, u64::MAX] {
        let mut wire = len.to_be_bytes().to_vec();
        wire.extend_from_slice(b"hello");
        for max in [
            usize::MAX,
            usize::MAX - 1,
            isize::MAX as usize,
            edge as usize,
            5,
        ] {
            checks::check::<u64>(&wire, 8, max, 4);
        }
    }
    for max in [usize::MAX, 0, 255, 256] {
        checks::check::<u8>(b"\xff\x00\x00\x02hi", 1, max, 2);
        checks::check::<u32>(b"\xff\xff\xff\xffabc", 4, max, 2);
    }
}

/// Well-formed streams come back frame by frame, however they are split.
#[test]
fn good_streams_split_anywhere() {
    let wire = b"\x00\x03one\x00\x00\x00\x05three";
    for step in 1..=wire.len() {
        checks::check::<u16>(wire, 2, 64, step);
    }
    assert_eq!(checks::model(wire, 2, 64).bodies.len(), 3);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes(data in prop::collection::vec(any::<u8>(), 0..64)) {
        checks::frames(&data);
    }

    /// Mostly `ff` and `00`, so that long headers near the limits are common.
    #[test]
    fn hostile_headers(
        shape in any::<u8>(),
        limit in any::<u8>(),
        wire in prop::collection::vec(prop::sample::select(vec![0u8, 1, 0x7f, 0xff, b'x']), 0..40),
    ) {
        let mut data = vec![shape, limit];
        data.extend_from_slice(&wire);
        checks::frames(&data);
    }
}
