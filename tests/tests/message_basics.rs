//! Messages: every kind of variable-length field, tagged enums, borrowing,
//! caps, the `len` policy and the exact errors.

use netpack::{ErrorKind, Message, NetPack, Packed};
use netpack_tests::counting::{measure, Counting};
use netpack_tests::message_checks::check_any;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The number of allocations `f` makes on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let (r, a) = measure(f);
    (r, a.calls)
}

/// RFC 1350 read request: struct.pack("!H", 1) + filename + b"\0" + mode + b"\0"
#[derive(NetPack, Debug, PartialEq)]
struct ReadRequest<'a> {
    opcode: u16,
    #[netpack(nul, max = 512)]
    filename: &'a str,
    #[netpack(nul, max = 8)]
    mode: &'a str,
}

/// A chat frame: struct.pack("!IBQ", len(body), kind, ms) + body
#[derive(NetPack, Debug, PartialEq, Clone)]
struct Chat {
    len: u32,
    kind: u8,
    ms: u64,
    #[netpack(len = "len", max = 1024)]
    body: String,
}

/// struct.pack("<H", len(name)) + name + struct.pack("<I", flags) + data
#[derive(NetPack, Debug, PartialEq)]
#[netpack(order = "<")]
struct Prefixed {
    #[netpack(len_prefix = "H")]
    name: Vec<u8>,
    flags: u32,
    #[netpack(rest)]
    data: Vec<u8>,
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Point {
    x: i16,
    y: i16,
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
#[repr(u8)]
enum Shade {
    Dark = 1,
    Light = 2,
}

/// struct.pack("!HB", id, len(points)) + b"".join(struct.pack("!hh", *p) for p in points)
#[derive(NetPack, Debug, PartialEq)]
struct Shape {
    id: u16,
    count: u8,
    #[netpack(len = "count")]
    points: Vec<Point>,
    #[netpack(len_prefix = "B", max = 4)]
    shades: Vec<Shade>,
}

#[derive(NetPack, Debug, PartialEq)]
struct Borrowed<'a> {
    #[netpack(len_prefix = "B")]
    raw: &'a [u8],
    #[netpack(len_prefix = "B")]
    points: Packed<'a, Point>,
    #[netpack(rest)]
    tail: &'a str,
}

#[test]
fn nul_terminated_borrowed() {
    let wire = b"\x00\x01test.jpg\0octet\0";
    let r = ReadRequest::decode(wire).unwrap();
    assert_eq!(
        r,
        ReadRequest {
            opcode: 1,
            filename: "test.jpg",
            mode: "octet"
        }
    );
    assert_eq!(r.filename.as_ptr(), wire[2..].as_ptr());
    assert_eq!(r.encoded_len(), wire.len());
    assert_eq!(r.encode().unwrap(), wire);
    assert_eq!(
        ReadRequest::PARTS,
        r#"struct.pack("!H", opcode) + filename.encode() + b"\0" + mode.encode() + b"\0""#
    );
    assert_eq!(ReadRequest::MAX_SIZE, Some(2 + 513 + 9));
}

#[test]
fn length_field_and_text() {
    let chat = Chat {
        len: 2,
        kind: 1,
        ms: 7,
        body: "hi".into(),
    };
    let wire = b"\0\0\0\x02\x01\0\0\0\0\0\0\0\x07hi";
    assert_eq!(chat.encode().unwrap(), wire);
    assert_eq!(Chat::decode(wire).unwrap(), chat);
    assert_eq!(
        Chat::PARTS,
        r#"struct.pack("!IBQ", len, kind, ms) + body.encode()"#
    );
    assert_eq!(Chat::MAX_SIZE, Some(13 + 1024));
}

#[test]
fn length_field_mismatch_is_an_error() {
    let chat = Chat {
        len: 3,
        kind: 1,
        ms: 7,
        body: "hi".into(),
    };
    let err = chat.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LengthMismatch);
    assert_eq!(
        err.to_string(),
        "Chat.body: length field `len` holds 3 but the data has length 2"
    );
    let mut out = vec![9];
    assert!(chat.encode_into(&mut out).is_err());
    assert_eq!(out, [9], "nothing appended on error");
}

#[test]
fn prefix_and_rest() {
    let m = Prefixed {
        name: b"ab".to_vec(),
        flags: 1,
        data: b"xyz".to_vec(),
    };
    let wire = b"\x02\x00ab\x01\0\0\0xyz";
    assert_eq!(m.encode().unwrap(), wire);
    assert_eq!(Prefixed::decode(wire).unwrap(), m);
    assert_eq!(Prefixed::decode_prefix(wire).unwrap().1, wire.len());
    assert_eq!(
        Prefixed::PARTS,
        r#"struct.pack("<H", len(name)) + name + struct.pack("<I", flags) + data"#
    );
    assert_eq!(Prefixed::MAX_SIZE, None);
}

#[test]
fn records() {
    let s = Shape {
        id: 9,
        count: 2,
        points: vec![Point { x: 1, y: -1 }, Point { x: 2, y: 3 }],
        shades: vec![Shade::Light],
    };
    let wire = b"\0\x09\x02\0\x01\xff\xff\0\x02\0\x03\x01\x02";
    assert_eq!(s.encode().unwrap(), wire);
    assert_eq!(Shape::decode(wire).unwrap(), s);
    assert_eq!(
        Shape::PARTS,
        r#"struct.pack("!HB", id, count) + b"".join(struct.pack("!hh", *e) for e in points) + struct.pack("!B", len(shades)) + b"".join(struct.pack("!B", e) for e in shades)"#
    );
    assert_eq!(Shape::MAX_SIZE, Some(3 + 255 * 4 + 1 + 4));

    let mut bad = wire.to_vec();
    bad[12] = 7;
    let err = Shape::decode(&bad).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.offset(), Some(12));
    assert_eq!(
        err.to_string(),
        "Shape.shades[0]: invalid value 7 for Shade at offset 12"
    );
}

#[test]
fn borrowed_fields_point_into_the_input() {
    let wire = b"\x02ab\x01\0\x01\0\x02tail";
    let m = Borrowed::decode(wire).unwrap();
    assert_eq!(m.raw, b"ab");
    assert_eq!(m.raw.as_ptr(), wire[1..].as_ptr());
    assert_eq!(m.points.get(0), Some(Point { x: 1, y: 2 }));
    assert_eq!(m.points.as_bytes().as_ptr(), wire[4..].as_ptr());
    assert_eq!(m.tail, "tail");
    assert_eq!(m.encode().unwrap(), wire);
}

#[test]
fn decode_errors_name_the_field_and_offset() {
    let err = ReadRequest::decode(b"\x00\x01test").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(err.needed(), Some(7));
    assert_eq!(
        err.to_string(),
        "ReadRequest.filename: no NUL terminator before the end of the buffer (6 bytes) at offset 2"
    );
    let mut long = b"\x00\x01".to_vec();
    long.extend([b'a'; 600]);
    let err = ReadRequest::decode(&long).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
    assert_eq!(
        err.to_string(),
        "ReadRequest.filename: no NUL terminator within 512 bytes at offset 2"
    );
    let err = ReadRequest::decode(b"\x00").unwrap_err();
    assert_eq!(err.needed(), Some(2));
    assert_eq!(
        err.to_string(),
        "ReadRequest.opcode: unpack_from requires a buffer of at least 2 bytes for unpacking 2 bytes at offset 0 (actual buffer size is 1)"
    );
    let err = ReadRequest::decode(b"\x00\x01a\xffb\0m\0").unwrap_err();
    assert_eq!(
        err.to_string(),
        "ReadRequest.filename: invalid UTF-8 after 1 valid bytes at offset 2"
    );
    let err = ReadRequest::decode(b"\x00\x01a\0m\0++").unwrap_err();
    assert_eq!(
        err.to_string(),
        "ReadRequest: 2 bytes left over after a message of 6 bytes at offset 6"
    );
    let err = ReadRequest::decode(b"\x00\x01a\0m\0+").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(err.offset(), Some(6));
    assert_eq!(
        err.to_string(),
        "ReadRequest: 1 byte left over after a message of 6 bytes at offset 6"
    );
    let err = Chat::decode(b"\0\0\x10\0\x01\0\0\0\0\0\0\0\x07hi").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
    assert_eq!(
        err.to_string(),
        "Chat.body: length 4096 is over the cap of 1024 at offset 13"
    );
}

#[test]
fn encode_errors_name_the_field() {
    let r = ReadRequest {
        opcode: 1,
        filename: "a\0b",
        mode: "octet",
    };
    let err = r.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(
        err.to_string(),
        "ReadRequest.filename: embedded null byte at index 1"
    );
    let r = ReadRequest {
        opcode: 1,
        filename: "f",
        mode: "netasciiX",
    };
    let err = r.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
    assert_eq!(
        err.to_string(),
        "ReadRequest.mode: length 9 is over the cap of 8"
    );
    let p = Prefixed {
        name: vec![0; 70_000],
        flags: 0,
        data: vec![],
    };
    let err = p.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ArgRange);
    assert_eq!(
        err.to_string(),
        "Prefixed.name: ushort format requires 0 <= number <= 65535"
    );
}

#[test]
fn borrowed_decoding_allocates_nothing_and_owned_once_per_field() {
    let wire = b"\x02ab\x01\0\x01\0\x02tail";
    let (m, n) = allocations(|| Borrowed::decode(wire).unwrap());
    assert_eq!(n, 0);
    assert_eq!(m.tail, "tail");
    let wire = b"\x00\x01test.jpg\0octet\0";
    let (_, n) = allocations(|| ReadRequest::decode(wire).unwrap());
    assert_eq!(n, 0);

    let chat = b"\0\0\0\x02\x01\0\0\0\0\0\0\0\x07hi";
    let (_, n) = allocations(|| Chat::decode(chat).unwrap());
    assert_eq!(n, 1, "one String");
    // A cap is checked before allocating: no allocation for a lying length.
    let lie = b"\0\0\xff\xff\x01\0\0\0\0\0\0\0\x07hi";
    let (err, n) = allocations(|| Chat::decode(lie).unwrap_err());
    assert_eq!(err.kind(), ErrorKind::TooLong);
    assert_eq!(n, 0);
    // Encoding allocates the output once.
    let request = ReadRequest::decode(wire).unwrap();
    let (_, n) = allocations(|| request.encode().unwrap());
    assert_eq!(n, 1);
}

/// A message inside a message: struct.pack("!B", version) + rrq + data
#[derive(NetPack, Debug, PartialEq)]
struct Envelope<'a> {
    version: u8,
    #[netpack(message)]
    request: ReadRequest<'a>,
    #[netpack(len_prefix = "B")]
    trailer: &'a [u8],
    #[netpack(message)]
    last: Prefixed,
}

#[test]
fn messages_nest_as_fields() {
    let request = ReadRequest {
        opcode: 1,
        filename: "f",
        mode: "octet",
    };
    let last = Prefixed {
        name: b"n".to_vec(),
        flags: 2,
        data: b"rest".to_vec(),
    };
    let e = Envelope {
        version: 3,
        request,
        trailer: b"xy",
        last,
    };
    let wire = e.encode().unwrap();
    assert_eq!(wire, b"\x03\x00\x01f\0octet\0\x02xy\x01\0n\x02\0\0\0rest");
    assert_eq!(e.encoded_len(), wire.len());
    assert_eq!(Envelope::decode(&wire).unwrap(), e);
    assert_eq!(
        Envelope::PARTS,
        r#"struct.pack("!B", version) + request + struct.pack("!B", len(trailer)) + trailer + last"#
    );
    assert_eq!(Envelope::MAX_SIZE, None);
    let mut bad = wire.clone();
    bad[3] = 0xff;
    let err = Envelope::decode(&bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Envelope.request.filename: invalid UTF-8 after 0 valid bytes at offset 3"
    );
    let err = Envelope::decode(&wire[..4]).unwrap_err();
    assert_eq!(err.needed(), Some(5));
}

#[test]
fn arbitrary_bytes_never_panic_and_round_trip() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 40) as usize;
        // Mostly small bytes, so that lengths and tags often fit.
        let bytes: Vec<u8> = (0..len)
            .map(|_| match next() % 4 {
                0 => 0,
                1 => (next() % 4) as u8,
                2 => b'a',
                _ => next() as u8,
            })
            .collect();
        check_any::<Chat>(&bytes);
        check_any::<Prefixed>(&bytes);
        check_any::<Shape>(&bytes);
        check_any::<Borrowed>(&bytes);
        check_any::<ReadRequest>(&bytes);
        check_any::<Envelope>(&bytes);
    }
}

#[test]
fn every_truncation_is_an_error_that_asks_for_more() {
    let chat = Chat {
        len: 2,
        kind: 1,
        ms: 7,
        body: "hi".into(),
    }
    .encode()
    .unwrap();
    let request = b"\x00\x01test.jpg\0octet\0".to_vec();
    let shape = b"\0\x09\x02\0\x01\xff\xff\0\x02\0\x03\x01\x02".to_vec();
    for wire in [chat, request, shape] {
        for cut in 0..wire.len() {
            let short = &wire[..cut];
            let errors = [
                Chat::decode(short).err(),
                ReadRequest::decode(short).err(),
                Shape::decode(short).err(),
            ];
            for e in errors.into_iter().flatten() {
                let _ = e.to_string();
            }
        }
    }
    let wire = b"\x00\x01test.jpg\0octet\0";
    for cut in 0..wire.len() {
        let err = ReadRequest::decode(&wire[..cut]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::BufferSize, "cut at {cut}: {err}");
        assert!(err.needed().is_some_and(|n| n > cut && n <= wire.len()));
    }
}

/// The longest name, shared by the type and the code that checks names.
const MAX_NAME: usize = 16;

mod limits {
    pub const MAX_NOTE: usize = 4;
}

/// `max` names a `usize` constant as well as a literal.
#[derive(NetPack, Debug, PartialEq)]
struct Named {
    #[netpack(len_prefix = "B", max = MAX_NAME)]
    name: String,
    #[netpack(nul, max = limits::MAX_NOTE)]
    note: Vec<u8>,
}

#[test]
fn max_names_a_constant() {
    assert_eq!(Named::MAX_SIZE, Some(1 + MAX_NAME + limits::MAX_NOTE + 1));
    let named = Named {
        name: "ann".into(),
        note: b"ok".to_vec(),
    };
    // Python: struct.pack("!B", len(name)) + name + note + b"\0"
    assert_eq!(named.encode().unwrap(), b"\x03annok\0");
    let long = Named {
        name: "x".repeat(MAX_NAME + 1),
        note: Vec::new(),
    };
    let err = long.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
    assert_eq!(
        err.to_string(),
        "Named.name: length 17 is over the cap of 16"
    );
    let err = Named::decode(b"\x00abcdef\0").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
}
