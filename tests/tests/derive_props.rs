//! Property tests: every zoo type (`netpack_tests::zoo`) against the runtime,
//! through the checks of `netpack_tests::derive_checks`.
//!
//! Per zoo type, in a module named after it:
//! - `size`: `check_size`;
//! - `arbitrary_values`: `check_value` on values built by `arbitrary` from random
//!   bytes (the same generation the fuzz targets use);
//! - `exact_size_bytes`, `any_length_bytes`: `check_bytes` on random buffers of
//!   exactly `SIZE` bytes and of any length up to `2 * SIZE + 8`;
//! - `packed_then_mutated`: `check_bytes` on a packed arbitrary value with up to
//!   three bytes changed (random buffers rarely hold valid enum discriminants);
//! - `float_specials`: `check_bytes` on random buffers whose `e`/`f`/`d` values
//!   are mostly special bit patterns (signalling and quiet NaNs with payloads,
//!   infinities, zeros, subnormals, extremes), then `check_value` on what the
//!   derive unpacks (random bits are NaN only 1 time in 256 for an `f32`).
//!
//! Failures are saved in `tests/proptest-regressions/derive_props.txt` (checked
//! in; replayed before new cases).

use netpack::Message;
use netpack::{ErrorKind, NetPack, PascalString, Value};
use netpack_tests::derive_checks::{
    canonical_bytes, check_bytes, check_size, check_value, layout, normalize_values,
    quiet_f32_nans, round_to_half,
};
use netpack_tests::zoo::{self, arbitrary_value, ZooType, ZooVisitor};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

const REGRESSIONS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/proptest-regressions/derive_props.txt"
);

/// 28 types x 5 properties x `CASES` cases: about 5 s in debug on 2 cores.
/// `PROPTEST_CASES=n` overrides it for a deeper run.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))),
        ..ProptestConfig::default()
    }
}

fn value_case<T: ZooType>(data: &[u8]) {
    if let Some(t) = arbitrary_value::<T>(data) {
        check_value(&t);
    }
}

fn mutated_case<T: ZooType>(data: &[u8], changes: &[(usize, u8)]) {
    let Some(t) = arbitrary_value::<T>(data) else {
        return;
    };
    let Ok(mut bytes) = t.encode() else {
        return;
    };
    if !bytes.is_empty() {
        let n = bytes.len();
        for &(at, x) in changes {
            bytes[at % n] ^= x;
        }
    }
    check_bytes::<T>(&bytes);
}

/// Special bit patterns for `e`, `f` and `d` values (big-endian bits).
const SPECIAL_HALVES: &[u16] = &[
    0x7c01, 0x7d00, 0x7e00, 0x7fff, 0xfc01, 0xfe00, 0x7c00, 0xfc00, 0x0000, 0x8000, 0x0001, 0x03ff,
    0x0400, 0x7bff, 0xfbff, 0x3c00,
];
const SPECIAL_SINGLES: &[u32] = &[
    0x7f80_0001,
    0x7fa0_0000,
    0x7fbf_ffff,
    0xff80_0001,
    0x7fc0_0000,
    0x7fc0_0001,
    0xffff_ffff,
    0x7f80_0000,
    0xff80_0000,
    0x0000_0000,
    0x8000_0000,
    0x0000_0001,
    0x007f_ffff,
    0x7f7f_ffff,
    0xff7f_ffff,
    0x3f80_0000,
];
const SPECIAL_DOUBLES: &[u64] = &[
    0x7ff0_0000_0000_0001,
    0x7ff4_0000_0000_0000,
    0xfff0_0000_2000_0001,
    0x7ff8_0000_0000_0000,
    0x7fff_ffff_ffff_ffff,
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x0000_0000_0000_0001,
    0x7fef_ffff_ffff_ffff,
    0x3ff0_0000_0000_0000,
];

/// `bytes` (of `T::SIZE`) with its float values replaced by special patterns,
/// chosen by `picks`; then `check_bytes`, and `check_value` on what unpacks.
fn float_specials_case<T: ZooType>(mut bytes: Vec<u8>, picks: &[usize]) {
    let model = layout(T::FORMAT);
    let floats = model.slots.iter().filter(|s| b"efd".contains(&s.code));
    for (k, slot) in floats.enumerate() {
        let pick = picks[k % picks.len()];
        let be: Vec<u8> = match slot.code {
            b'e' => SPECIAL_HALVES[pick % SPECIAL_HALVES.len()]
                .to_be_bytes()
                .to_vec(),
            b'f' => SPECIAL_SINGLES[pick % SPECIAL_SINGLES.len()]
                .to_be_bytes()
                .to_vec(),
            _ => SPECIAL_DOUBLES[pick % SPECIAL_DOUBLES.len()]
                .to_be_bytes()
                .to_vec(),
        };
        if pick % 5 == 4 {
            continue; // keep the random bits
        }
        let dst = &mut bytes[slot.offset..slot.offset + slot.len];
        dst.copy_from_slice(&be);
        if model.little {
            dst.reverse();
        }
    }
    check_bytes::<T>(&bytes);
    if let Ok(t) = T::decode(&bytes) {
        check_value(&t);
    }
}

macro_rules! props {
    ($($name:ident: $ty:ty,)*) => {$(
        mod $name {
            use super::*;
            type T = $ty;

            #[test]
            fn size() {
                check_size::<T>();
            }

            proptest! {
                #![proptest_config(config())]

                #[test]
                fn arbitrary_values(data in vec(any::<u8>(), 0..512)) {
                    value_case::<T>(&data);
                }

                #[test]
                fn exact_size_bytes(bytes in vec(any::<u8>(), <T as NetPack>::SIZE)) {
                    check_bytes::<T>(&bytes);
                }

                #[test]
                fn any_length_bytes(bytes in vec(any::<u8>(), 0..2 * <T as NetPack>::SIZE + 8)) {
                    check_bytes::<T>(&bytes);
                }

                #[test]
                fn packed_then_mutated(
                    data in vec(any::<u8>(), 0..512),
                    changes in vec((any::<usize>(), 1..=255u8), 1..4),
                ) {
                    mutated_case::<T>(&data, &changes);
                }

                #[test]
                fn float_specials(
                    bytes in vec(any::<u8>(), <T as NetPack>::SIZE),
                    picks in vec(any::<usize>(), 1..8),
                ) {
                    float_specials_case::<T>(bytes, &picks);
                }
            }
        }
    )*};
}

netpack_tests::for_each_zoo_type!(props);

// ---------------------------------------------------------------------------
// The zoo list and the fuzz dispatchers

#[test]
fn zoo_list_names_every_type_once() {
    let names = zoo::ZOO_NAMES;
    assert_eq!(zoo::zoo_len(), 28);
    assert_eq!(names.len(), 28);
    assert_eq!(names[0], "Color");
    assert_eq!(names[5], "Request");
    assert_eq!(names[27], "NativeEdges");
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "duplicate zoo names: {names:?}");
}

#[test]
fn dispatchers_reach_every_type() {
    struct Formats(Vec<(&'static str, &'static str)>);
    impl ZooVisitor for Formats {
        fn visit<T: ZooType>(&mut self, name: &'static str) {
            self.0.push((name, T::FORMAT));
        }
    }
    let mut seen = Formats(Vec::new());
    for selector in 0..zoo::zoo_len() {
        zoo::visit_zoo(selector + 3 * zoo::zoo_len(), &mut seen);
    }
    let names: Vec<&str> = seen.0.iter().map(|&(n, _)| n).collect();
    assert_eq!(names, zoo::ZOO_NAMES);
    assert_eq!(seen.0[5], ("Request", "!H8sb"));

    let mut one = Formats(Vec::new());
    assert!(zoo::visit_zoo_named("Pascal", &mut one));
    assert_eq!(one.0, [("Pascal", "!6pp256pB")]);
    assert!(!zoo::visit_zoo_named("NoSuchType", &mut one));

    // The fuzz entry points run on any selector and any data.
    for selector in [0, 5, 27, 28, usize::MAX] {
        zoo::check_zoo_bytes(selector, &[]);
        zoo::check_zoo_bytes(selector, &[0x01; 11]);
        zoo::check_zoo_arbitrary(selector, &[]);
        zoo::check_zoo_arbitrary(selector, &[0x5a; 300]);
    }
}

// ---------------------------------------------------------------------------
// Pinned cases: specific inputs with outcomes written out by hand (from Python).

#[test]
fn request_packs_as_python() {
    // Python: struct.pack("!H8sb", 1, b"test.jpg", 2)
    let r = zoo::Request {
        opcode: 1,
        filename: *b"test.jpg",
        mode: 2,
    };
    assert_eq!(r.encode().unwrap(), b"\x00\x01test.jpg\x02");
    assert_eq!(zoo::Request::SIZE, 11);
    check_value(&r);
}

#[test]
fn signalling_nan_f32_keeps_its_bits_in_the_derive_only() {
    let t = zoo::Floats {
        half: 1.0,
        single: f32::from_bits(0x7f80_0001),
        double: 0.5,
        flag: true,
        letter: b'z',
    };
    let derive = t.encode().unwrap();
    // >efd?c: e 3c00, f 7f800001 (kept), d 3fe0000000000000, ? 01, c 7a
    assert_eq!(derive, b"\x3c\x00\x7f\x80\x00\x01\x3f\xe0\0\0\0\0\0\0\x01z");
    // Python: struct.pack(">efd?c", *struct.unpack(">efd?c", derive)) quiets it.
    let python = netpack::pack(zoo::Floats::FORMAT, &t.to_values()).unwrap();
    assert_eq!(python, b"\x3c\x00\x7f\xc0\x00\x01\x3f\xe0\0\0\0\0\0\0\x01z");
    assert_eq!(quiet_f32_nans(zoo::Floats::FORMAT, &derive), python);
    assert_eq!(
        zoo::Floats::decode(&derive).unwrap().single.to_bits(),
        0x7f80_0001
    );
    check_value(&t);
    check_bytes::<zoo::Floats>(&derive);
}

#[test]
fn half_float_overflow_fails_like_python() {
    // Python: struct.pack("<eef", 65520.0, 0.0, 0.0) raises OverflowError.
    let t = zoo::Halves(65520.0, 0.0, 0.0);
    assert_eq!(t.encode().unwrap_err().kind(), ErrorKind::ArgRange);
    check_value(&t);
    // 65519.0 rounds down to 65504 (0x7bff).
    let t = zoo::Halves(65519.0, -0.0, 1.0);
    assert_eq!(t.encode().unwrap(), b"\xff\x7b\x00\x80\x00\x00\x80\x3f");
    check_value(&t);
}

#[test]
fn unknown_discriminants_are_invalid_values() {
    assert_eq!(
        zoo::Color::decode(&[3]).unwrap_err().kind(),
        ErrorKind::InvalidValue
    );
    assert_eq!(zoo::Color::decode(&[200]).unwrap(), zoo::Color::Blue);
    // Temp: -299 is the implicit discriminant after -300; 9 names nothing.
    assert_eq!(zoo::Temp::decode(&[0xfe, 0xd5]).unwrap(), zoo::Temp::Mild);
    assert_eq!(zoo::Temp::decode(&[0, 8]).unwrap(), zoo::Temp::Boiling);
    assert_eq!(
        zoo::Temp::decode(&[0, 9]).unwrap_err().kind(),
        ErrorKind::InvalidValue
    );
    assert_eq!(
        zoo::Big::decode(&[0x80, 0, 0, 0, 0, 0, 0, 0]).unwrap(),
        zoo::Big::Min
    );
    assert_eq!(
        zoo::Temp::from_values(&[Value::Int(9)]).unwrap_err().kind(),
        ErrorKind::InvalidValue
    );
    for bytes in [&[3u8][..], &[200], &[0]] {
        check_bytes::<zoo::Color>(bytes);
    }
    // <Bh2BHb with ops[1] = 3.
    let tagged = b"\x01\xd4\xfe\x00\x03\x00\x00\xff";
    check_bytes::<zoo::Tagged>(tagged);
    assert_eq!(
        zoo::Tagged::decode(tagged).unwrap_err().kind(),
        ErrorKind::InvalidValue
    );
}

#[test]
fn pascal_length_byte_is_clamped_and_bools_normalised() {
    // Python: struct.unpack("!6pp256pB", b"\x09abcde" + b"\x07" + b"\xff" + b"q"*255 + b"\x05")
    let mut bytes = b"\x09abcde\x07\xff".to_vec();
    bytes.extend_from_slice(&[b'q'; 255]);
    bytes.push(5);
    let p = zoo::Pascal::decode(&bytes).unwrap();
    assert_eq!(p.name.as_bytes(), b"abcde");
    assert_eq!(p.empty.as_bytes(), b"");
    assert_eq!(p.long.as_bytes(), &[b'q'; 255][..]);
    assert_eq!(p.n, 5);
    // Packing back: the length bytes become 5 and 0.
    let mut canonical = b"\x05abcde\x00\xff".to_vec();
    canonical.extend_from_slice(&[b'q'; 255]);
    canonical.push(5);
    assert_eq!(p.encode().unwrap(), canonical);
    assert_eq!(canonical_bytes(zoo::Pascal::FORMAT, &bytes), canonical);
    check_bytes::<zoo::Pascal>(&bytes);
    let p = zoo::Pascal {
        name: PascalString::truncating(b"hi"),
        empty: PascalString::default(),
        long: PascalString::truncating(b""),
        n: 0,
    };
    check_value(&p);

    // @?HIhqfd: a `?` byte of 0x80 unpacks as True and packs back as 1; the
    // alignment gap after it is ignored and written as zero.
    let mut w3 = [0u8; 40];
    w3[0] = 0x80;
    w3[1] = 0xee;
    let t = zoo::NativeW3::decode(&w3).unwrap();
    assert!(t.flag);
    let mut want = [0u8; 40];
    want[0] = 1;
    assert_eq!(t.encode().unwrap(), want);
    check_bytes::<zoo::NativeW3>(&w3);
}

#[test]
fn normalisation_matches_python_examples() {
    // Python: struct.unpack("<e", struct.pack("<e", x))[0] for these x.
    assert_eq!(round_to_half(1.0 + netpack_tests::pow2(-11)), Some(1.0));
    assert_eq!(
        round_to_half(1.0 + netpack_tests::pow2(-11) + netpack_tests::pow2(-40)),
        Some(1.0 + netpack_tests::pow2(-10))
    );
    assert_eq!(round_to_half(65519.99), Some(65504.0));
    assert_eq!(round_to_half(65520.0), None);
    assert_eq!(round_to_half(netpack_tests::pow2(-25)), Some(0.0));
    assert_eq!(
        round_to_half(1.5 * netpack_tests::pow2(-25)),
        Some(netpack_tests::pow2(-24))
    );
    assert_eq!(round_to_half(-1e-300).map(f64::to_bits), Some(1 << 63));
    let v = normalize_values(
        "!?6p3s",
        &[
            Value::Int(7),
            Value::Bytes(b"abcdefgh".to_vec()),
            Value::Bytes(b"a".to_vec()),
        ],
    );
    assert_eq!(
        v,
        [
            Value::Bool(true),
            Value::Bytes(b"abcde".to_vec()),
            Value::Bytes(b"a\0\0".to_vec())
        ]
    );
}
