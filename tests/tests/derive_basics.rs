//! `#[derive(NetPack)]`, `pack!` and `unpack!` on concrete types. Expected bytes are
//! CPython's (the Python call is in a comment beside each) or the runtime's
//! `netpack::pack(FORMAT, …)`, never the macros' own output.

use netpack::Message;
use netpack::{ErrorKind, NetPack, PascalString, Value};

/// The README's example.
#[derive(NetPack, Debug, PartialEq)]
struct Request {
    opcode: u16,
    filename: [u8; 8],
    mode: i8,
}

const REQUEST: Request = Request {
    opcode: 1,
    filename: *b"test.jpg",
    mode: 2,
};

/// Python: struct.pack("!H8sb", 1, b"test.jpg", 2)
const REQUEST_BYTES: &[u8; 11] = b"\x00\x01test.jpg\x02";

/// Packs `value`, checks the bytes against the runtime packing its values with its
/// `FORMAT`, and checks that both unpack paths give `value` back.
fn round_trip<T: NetPack + PartialEq + std::fmt::Debug>(value: &T) -> Vec<u8> {
    let bytes = value.encode().unwrap();
    assert_eq!(bytes.len(), T::SIZE);
    assert_eq!(T::SIZE, netpack::calcsize(T::FORMAT).unwrap());
    assert_eq!(bytes, netpack::pack(T::FORMAT, &value.to_values()).unwrap());
    assert_eq!(&T::decode(&bytes).unwrap(), value);
    let values = netpack::unpack(T::FORMAT, &bytes).unwrap();
    assert_eq!(&T::from_values(&values).unwrap(), value);
    bytes
}

#[test]
fn readme_example() {
    assert_eq!(Request::FORMAT, "!H8sb");
    assert_eq!(Request::SIZE, 11);
    assert_eq!(REQUEST.encode().unwrap(), REQUEST_BYTES);
    assert_eq!(round_trip(&REQUEST), REQUEST_BYTES);

    let bytes: [u8; 11] = netpack::pack!("!H8sb", 1, b"test.jpg", 2);
    assert_eq!(&bytes, REQUEST_BYTES);
    let (opcode, filename, mode) = netpack::unpack!("!H8sb", &bytes).unwrap();
    assert_eq!((opcode, &filename, mode), (1u16, b"test.jpg", 2i8));
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct Attributes {
    #[netpack(c)]
    tag: u8,
    #[netpack(pad_before = 1, e)]
    ratio: f32,
    #[netpack(code = "l")]
    length: i32,
    #[netpack(pad_after = 2)]
    flag: bool,
}

#[test]
fn field_attributes() {
    assert_eq!(Attributes::FORMAT, "<cxel?2x");
    let value = Attributes {
        tag: b'r',
        ratio: 0.5,
        length: -7,
        flag: true,
    };
    // Python: struct.pack("<cxel?2x", b"r", 0.5, -7, True)
    assert_eq!(
        round_trip(&value),
        b"r\x00\x008\xf9\xff\xff\xff\x01\x00\x00"
    );
    assert_eq!(
        value.to_values(),
        [
            Value::Bytes(b"r".to_vec()),
            Value::Float(0.5),
            Value::Int(-7),
            Value::Bool(true)
        ]
    );
    // Pad bytes are written as zeros whatever the buffer held.
    let mut buf = [0xaa; 12];
    value.encode_to_slice(&mut buf).unwrap();
    assert_eq!(&buf, b"r\x00\x008\xf9\xff\xff\xff\x01\x00\x00\xaa");
    // A half float out of range cannot be packed, as in Python (OverflowError).
    let too_big = Attributes {
        ratio: 1e6,
        ..value
    };
    assert_eq!(too_big.encode().unwrap_err().kind(), ErrorKind::ArgRange);
}

macro_rules! ordered {
    ($($name:ident $order:literal $format:literal $bytes:literal;)*) => {$(
        #[derive(NetPack, Debug, PartialEq)]
        #[netpack(order = $order)]
        struct $name {
            a: u16,
            b: i32,
        }

        impl $name {
            fn check() {
                assert_eq!($name::FORMAT, $format);
                let bytes = round_trip(&$name { a: 0x0102, b: -3 });
                if cfg!(target_endian = "little") || !$order.contains(['@', '=']) {
                    assert_eq!(bytes, &$bytes[..]);
                }
            }
        }
    )*
        #[test]
        fn every_order() {
            $($name::check();)*
        }
    };
}

// Python (x86-64): struct.pack(order + "Hi", 0x0102, -3)
ordered! {
    Native "@" "@Hi" b"\x02\x01\x00\x00\xfd\xff\xff\xff";
    Standard "=" "=Hi" b"\x02\x01\xfd\xff\xff\xff";
    Little "<" "<Hi" b"\x02\x01\xfd\xff\xff\xff";
    Big ">" ">Hi" b"\x01\x02\xff\xff\xff\xfd";
    Network "!" "!Hi" b"\x01\x02\xff\xff\xff\xfd";
}

#[derive(NetPack, Debug, PartialEq)]
struct Pair(u8, i16);

#[derive(NetPack, Debug, PartialEq)]
struct Nothing;

#[derive(NetPack, Debug, PartialEq)]
struct Empty {}

#[test]
fn tuple_and_unit_structs() {
    assert_eq!(Pair::FORMAT, "!Bh");
    // Python: struct.pack("!Bh", 7, -2)
    assert_eq!(round_trip(&Pair(7, -2)), b"\x07\xff\xfe");

    assert_eq!(Nothing::FORMAT, "!");
    assert_eq!(Nothing::SIZE, 0);
    assert_eq!(round_trip(&Nothing), b"");
    assert_eq!(Empty::FORMAT, "!");
    assert_eq!(round_trip(&Empty {}), b"");
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct Outer {
    tag: u8,
    request: Request,
}

#[derive(NetPack, Debug, PartialEq)]
struct Arrays {
    words: [u16; 3],
    requests: [Pair; 2],
    name: PascalString<5>,
}

#[test]
fn nested_structs_are_inlined_in_the_outer_order() {
    assert_eq!(Outer::FORMAT, "<BH8sb");
    let outer = Outer {
        tag: 9,
        request: REQUEST,
    };
    // Python: struct.pack("<BH8sb", 9, 1, b"test.jpg", 2)
    assert_eq!(round_trip(&outer), b"\t\x01\x00test.jpg\x02");

    assert_eq!(Arrays::FORMAT, "!3HBhBh6p");
    let arrays = Arrays {
        words: [1, 2, 3],
        requests: [Pair(1, -1), Pair(2, -2)],
        name: PascalString::truncating(b"hello"),
    };
    // Python: struct.pack("!3HBhBh6p", 1, 2, 3, 1, -1, 2, -2, b"hello")
    assert_eq!(
        round_trip(&arrays),
        b"\x00\x01\x00\x02\x00\x03\x01\xff\xff\x02\xff\xfe\x05hello"
    );
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "@")]
struct Aligned {
    a: u8,
    b: u32,
    c: u16,
    d: f64,
    e: usize,
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "@")]
struct AlignedOuter {
    flag: bool,
    inner: Aligned,
    #[netpack(code = "l")]
    long: i64,
}

#[test]
fn native_alignment_is_the_runtimes() {
    assert_eq!(Aligned::FORMAT, "@BIHdN");
    assert_eq!(Aligned::SIZE, netpack::calcsize("@BIHdN").unwrap());
    let value = Aligned {
        a: 1,
        b: 2,
        c: 3,
        d: 0.25,
        e: 4,
    };
    round_trip(&value);
    #[cfg(all(target_pointer_width = "64", target_endian = "little"))]
    assert_eq!(
        // Python (x86-64): struct.pack("@BIHdN", 1, 2, 3, 0.25, 4)
        value.encode().unwrap(),
        b"\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00\
          \x00\x00\x00\x00\x00\x00\xd0?\x04\x00\x00\x00\x00\x00\x00\x00"
    );
    // Natively `l` is C's long: 8 bytes on LP64, so it fits an i64 there only.
    #[cfg(all(target_pointer_width = "64", not(windows)))]
    {
        assert_eq!(AlignedOuter::FORMAT, "@?BIHdNl");
        let outer = AlignedOuter {
            flag: true,
            inner: value,
            long: -5,
        };
        round_trip(&outer);
    }
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
#[repr(u16)]
enum Kind {
    Read = 1,
    Write,
    Ack = 10,
}

#[derive(NetPack, Debug, PartialEq)]
#[repr(i8)]
#[netpack(order = "<")]
enum Signed {
    Minus = -1,
    Zero,
}

// `Signed` has its order written on it, so a struct holding it must agree
// (`tests/ui/nested-order.rs` shows the error when it does not).
#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct Tagged {
    kind: Kind,
    signed: Signed,
}

#[test]
fn enums_pack_as_their_repr() {
    assert_eq!(Kind::FORMAT, "!H");
    // Python: struct.pack("!H", 10)
    assert_eq!(round_trip(&Kind::Ack), b"\x00\x0a");
    assert_eq!(round_trip(&Kind::Read), b"\x00\x01");
    assert_eq!(round_trip(&Kind::Write), b"\x00\x02");
    assert_eq!(Kind::Write.to_values(), [Value::Int(2)]);
    assert_eq!(Signed::FORMAT, "<b");
    assert_eq!(round_trip(&Signed::Minus), b"\xff");
    assert_eq!(round_trip(&Signed::Zero), b"\x00");

    let err = Kind::decode(b"\x00\x03").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.to_string(), "invalid value 3 for Kind");
    let err = Kind::from_values(&[Value::Int(3)]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    // Out of the repr's range: the integer's own error, as `pack` gives it.
    let err = Kind::from_values(&[Value::Int(70000)]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ArgRange);

    // `Kind` has no order written on it: it takes `Tagged`'s.
    assert_eq!(Tagged::FORMAT, "<Hb");
    let tagged = Tagged {
        kind: Kind::Ack,
        signed: Signed::Minus,
    };
    // Python: struct.pack("<Hb", 10, -1)
    assert_eq!(round_trip(&tagged), b"\x0a\x00\xff");
    let err = Tagged::decode(b"\x0a\x00\x05").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.offset(), Some(2));
    assert_eq!(
        err.to_string(),
        "Tagged.signed: invalid value 5 for Signed at offset 2"
    );
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct Nested {
    id: u16,
    tagged: Tagged,
    more: [Tagged; 2],
}

#[test]
fn errors_name_the_field_path_and_offset() {
    // Python: struct.pack("<HHbHbHb", 1, 10, -1, 10, -1, 10, -1)
    let mut bytes = [1u8, 0, 10, 0, 0xff, 10, 0, 0xff, 10, 0, 0xff];
    assert!(Nested::decode(&bytes).is_ok());
    bytes[2] = 3;
    let err = Nested::decode(&bytes).unwrap_err();
    assert_eq!(err.offset(), Some(2));
    assert_eq!(
        err.to_string(),
        "Nested.tagged.kind: invalid value 3 for Kind at offset 2"
    );
    bytes[2] = 10;
    bytes[10] = 5;
    let err = Nested::decode(&bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Nested.more[1].signed: invalid value 5 for Signed at offset 10"
    );
    bytes[10] = 0xff;
    // CPython's words for a short buffer, and how much is needed.
    let err = Nested::decode_prefix(&bytes[..4]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(err.needed(), Some(11));
    assert_eq!(
        err.to_string(),
        "unpack_from requires a buffer of at least 11 bytes for unpacking 11 bytes at offset 0 (actual buffer size is 4)"
    );
    let err = Nested::decode(&bytes[..4]).unwrap_err();
    assert_eq!(err.to_string(), "unpack requires a buffer of 11 bytes");
    let err = Nested::decode(&bytes)
        .unwrap()
        .encode_to_slice(&mut [0; 3])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "pack_into requires a buffer of at least 11 bytes for packing 11 bytes at offset 0 (actual buffer size is 3)"
    );
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(format = "<H2x8sb")]
struct Explicit {
    opcode: u16,
    filename: [u8; 8],
    mode: i8,
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct HoldsExplicit {
    explicit: Explicit,
    tail: u8,
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(format = ">B x 6p H")]
struct ExplicitWithTypes {
    #[netpack(code = "B")]
    kind: u8,
    name: PascalString<5>,
    #[netpack(code = "H")]
    word: u16,
}

#[test]
fn explicit_format() {
    assert_eq!(Explicit::FORMAT, "<H2x8sb");
    let value = Explicit {
        opcode: 1,
        filename: *b"abc\0\0\0\0\0",
        mode: -1,
    };
    // Python: struct.pack("<H2x8sb", 1, b"abc", -1)
    assert_eq!(
        round_trip(&value),
        b"\x01\x00\x00\x00abc\x00\x00\x00\x00\x00\xff"
    );
    // Nested, its pad bytes stay, and the outer order must be its own.
    assert_eq!(HoldsExplicit::FORMAT, "<H2x8sbB");
    // Python: struct.pack("<H2x8sbB", 1, b"abc", -1, 5)
    assert_eq!(
        round_trip(&HoldsExplicit {
            explicit: value,
            tail: 5
        }),
        b"\x01\x00\x00\x00abc\x00\x00\x00\x00\x00\xff\x05"
    );
    assert_eq!(ExplicitWithTypes::FORMAT, ">B x 6p H");
    // Python: struct.pack(">Bx6pH", 1, b"abc", 0xbeef)
    assert_eq!(
        round_trip(&ExplicitWithTypes {
            kind: 1,
            name: PascalString::truncating(b"abc"),
            word: 0xbeef,
        }),
        b"\x01\x00\x03abc\x00\x00\xbe\xef"
    );
}

#[test]
fn pack_macro_codes() {
    // Python: struct.pack("<hHdf", -1, 65535, 2.5, -0.5)
    assert_eq!(
        &netpack::pack!("<hHdf", -1, 65535, 2.5, -0.5),
        b"\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x04@\x00\x00\x00\xbf"
    );
    // Python: struct.pack("!5s3p", b"ab", b"xyzw"): `s` pads, `p` truncates.
    assert_eq!(
        &netpack::pack!("!5s3p", b"ab", b"xyzw"),
        b"ab\x00\x00\x00\x02xy"
    );
    // Anything `AsRef<[u8]>` but text works for `s` and `p` (text is a compile
    // error, as Python refuses `str`: see `tests/ui/pack-text*.rs`).
    assert_eq!(
        &netpack::pack!("!5s3p", vec![b'a', b'b'], "xyzw".as_bytes()),
        b"ab\x00\x00\x00\x02xy"
    );
    // Python: struct.pack("!c?", b"q", True)
    assert_eq!(&netpack::pack!("!c?", b'q', true), b"q\x01");
    // Python: struct.pack(">3H", 1, 2, 3)
    assert_eq!(&netpack::pack!(">3H", 1, 2, 3), b"\x00\x01\x00\x02\x00\x03");
    // Python: struct.pack("<Bq", 1, -1)
    assert_eq!(
        &netpack::pack!("<Bq", 1, -1,),
        b"\x01\xff\xff\xff\xff\xff\xff\xff\xff"
    );
    // Standard `l` and `L` are 4 bytes whatever C's long is.
    assert_eq!(netpack::pack!("<lL", -2, 3).len(), 8);
    let empty: [u8; 0] = netpack::pack!("");
    assert_eq!(empty, []);
    // Pad bytes take no argument.
    assert_eq!(&netpack::pack!("!xBx", 7), b"\x00\x07\x00");
}

#[test]
fn pack_macro_with_half_floats_returns_a_result() {
    // Python: struct.pack("<e", 1.5)
    let bytes: Result<[u8; 2], netpack::Error> = netpack::pack!("<e", 1.5);
    assert_eq!(bytes.unwrap(), *b"\x00>");
    // Python: struct.pack("<e", 1e6) raises OverflowError.
    let err = netpack::pack!("<He", 1, 1e6).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ArgRange);
    // The runtime's message for the same values, with the argument's place.
    let runtime = netpack::pack("<He", &[1.into(), 1e6.into()]).unwrap_err();
    assert_eq!(err, runtime);
    assert_eq!(
        err.to_string(),
        "float too large to pack with e format (argument 1, 'e' at format position 2)"
    );
}

#[test]
fn pack_macro_native_formats_are_the_runtimes() {
    let bytes = netpack::pack!("@bilqP", 1, 2, 3, -4, 5);
    assert_eq!(bytes.len(), netpack::calcsize("@bilqP").unwrap());
    let runtime = netpack::pack(
        "@bilqP",
        &[1.into(), 2.into(), 3.into(), (-4).into(), 5.into()],
    )
    .unwrap();
    assert_eq!(bytes[..], runtime[..]);
    let (b, i, l, q, p) = netpack::unpack!("@bilqP", &bytes).unwrap();
    assert_eq!((b, i, l, q, p), (1, 2, 3, -4, 5));
    #[cfg(all(target_pointer_width = "64", target_endian = "little", not(windows)))]
    {
        // Python (x86-64): struct.pack("@bil", 1, 2, 3)
        assert_eq!(
            &netpack::pack!("@bil", 1, 2, 3),
            b"\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x00\x00\x00\x00"
        );
        let same = netpack::pack!("=bil", 1, 2, 3);
        assert_eq!(same.len(), 9);
    }
}

#[test]
fn unpack_macro() {
    // Python: struct.unpack("!c?e5s3p", b"a\x02\x3c\x00hello\x05xy")
    //   == (b'a', True, 1.0, b'hello', b'xy')
    let (c, flag, half, s, p) = netpack::unpack!("!c?e5s3p", b"a\x02\x3c\x00hello\x05xy").unwrap();
    assert_eq!((c, flag, half, &s), (b'a', true, 1.0f32, b"hello"));
    let p: PascalString<2> = p;
    assert_eq!(p.as_bytes(), b"xy");

    let (one,) = netpack::unpack!("<i", [1, 0, 0, 0]).unwrap();
    assert_eq!(one, 1i32);
    let () = netpack::unpack!("2x", vec![0, 0]).unwrap();
    let (zero_s, zero_p) = netpack::unpack!("0s0p", []).unwrap();
    assert_eq!((zero_s, zero_p), ([], PascalString::<0>::default()));

    let err = netpack::unpack!("!H8sb", &REQUEST_BYTES[..10]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(err.to_string(), "unpack requires a buffer of 11 bytes");
    // A slice's length is checked at run time; an array's at compile time (see
    // `tests/ui/unpack-wrong-static-length.rs`).
    assert!(netpack::unpack!("!H8sb", &b"\x00\x01test.jpg\x02\x00"[..]).is_err());

    // Every value agrees with the runtime's unpack.
    let bytes = b"\xff\xfe\x00\x01\x80\x00\x00\x00\x00\x00\x00\x00\xc0\x00\x00\x00";
    let (h, big_h, q, f) = netpack::unpack!(">hHqf", bytes).unwrap();
    let runtime = netpack::unpack(">hHqf", bytes).unwrap();
    assert_eq!(
        [
            Value::Int(h.into()),
            Value::Int(big_h.into()),
            Value::Int(q.into()),
            Value::Float(f.into())
        ],
        runtime[..]
    );
}

#[test]
fn iter_unpack_of_a_derived_type_agrees_with_the_runtime() {
    // Python: struct.pack("!H8sb", 1, b"test.jpg", 2) + struct.pack("!H8sb", 3, b"a.txt", -1)
    let buf = b"\x00\x01test.jpg\x02\x00\x03a.txt\x00\x00\x00\xff";
    let requests = Request::decode_iter(buf)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(
        requests,
        [
            Request {
                opcode: 1,
                filename: *b"test.jpg",
                mode: 2
            },
            Request {
                opcode: 3,
                filename: *b"a.txt\0\0\0",
                mode: -1
            },
        ]
    );
    let runtime: Vec<Vec<Value>> = netpack::iter_unpack(Request::FORMAT, buf)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let derived: Vec<Vec<Value>> = requests.iter().map(NetPack::to_values).collect();
    assert_eq!(derived, runtime);

    // The same refusals as Python's iter_unpack.
    let short = Request::decode_iter(&buf[..12]).unwrap_err();
    assert_eq!(short.kind(), ErrorKind::BufferSize);
    assert_eq!(
        short.to_string(),
        "iterative unpacking requires a buffer of a multiple of 11 bytes"
    );
    assert_eq!(
        Nothing::decode_iter(b"").unwrap_err().kind(),
        ErrorKind::ZeroSizeIter
    );
    // An unknown discriminant fails its record only.
    let kinds: Vec<_> = Kind::decode_iter(&[0, 1, 0, 200, 0, 2])
        .unwrap()
        .map(|k| k.is_ok())
        .collect();
    assert_eq!(kinds, [true, false, true]);
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct LeHeader {
    a: u16,
    b: u32,
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct HoldsLe {
    header: LeHeader,
    samples: netpack::Le<[i16; 2]>,
    plain: u16,
}

#[derive(NetPack, Debug, PartialEq)]
struct HoldsBe {
    word: netpack::Be<u32>,
}

#[derive(NetPack, Debug, PartialEq)]
struct InnerNative {
    a: i8,
    b: i16,
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "@")]
struct OuterNative {
    c: i8,
    inner: InnerNative,
    d: i8,
}

/// Nested types whose order was written agree with the struct around them (the
/// refusals are in `tests/ui/nested-order.rs`); the order wrappers read a bare
/// primitive or array in a chosen order.
#[test]
fn nested_orders_and_order_wrappers() {
    assert_eq!(HoldsLe::FORMAT, "<HI2hH");
    let value = HoldsLe {
        header: LeHeader { a: 1, b: 2 },
        samples: netpack::Le([-1, 2]),
        plain: 3,
    };
    // Python: struct.pack("<HI2hH", 1, 2, -1, 2, 3)
    assert_eq!(
        round_trip(&value),
        b"\x01\x00\x02\x00\x00\x00\xff\xff\x02\x00\x03\x00"
    );
    // `>` and `!` give the same bytes.
    assert_eq!(HoldsBe::FORMAT, "!I");
    assert_eq!(
        round_trip(&HoldsBe {
            word: netpack::Be(1)
        }),
        [0, 0, 0, 1]
    );

    // The WAV port: little-endian stereo samples without declaring a struct.
    // Python: list(struct.iter_unpack("<2h", b"\x01\x00\xff\xff\x00\x80\xff\x7f"))
    let wav = b"\x01\x00\xff\xff\x00\x80\xff\x7f";
    let frames: Vec<[i16; 2]> = <netpack::Le<[i16; 2]>>::decode_iter(wav)
        .unwrap()
        .map(|f| f.unwrap().0)
        .collect();
    assert_eq!(frames, [[1, -1], [-32768, 32767]]);
    // A bare array is network order.
    let frames: Vec<[i16; 2]> = <[i16; 2]>::decode_iter(wav)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(frames, [[256, -1], [128, -129]]);

    // `@` inlines: aligned from the start of the outer struct, no padding of the
    // nested struct's own. Python: struct.calcsize("@bbhb") == 5.
    assert_eq!(OuterNative::FORMAT, "@bbhb");
    assert_eq!(OuterNative::SIZE, 5);
    let native = OuterNative {
        c: 1,
        inner: InnerNative { a: 2, b: 3 },
        d: 4,
    };
    assert_eq!(round_trip(&native), netpack::pack!("@bbhb", 1, 2, 3, 4));
}
