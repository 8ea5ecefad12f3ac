//! Computed lengths (`Len<T>`) and checksums: the bytes against Python's, the
//! errors, and every truncation an error.

use netpack::{Checksum, ErrorKind, Len, Message, NetPack};

/// Python: struct.pack("!IB", len(body), kind) + body
#[derive(NetPack, Debug, PartialEq, Clone)]
struct Frame {
    length: Len<u32>,
    kind: u8,
    #[netpack(len = "length", max = 1024)]
    body: Vec<u8>,
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Question {
    qtype: u16,
    qclass: u16,
}

/// Python: struct.pack("<HB", len(items), flags) + b"".join(struct.pack("<HH", *q) for q in items) + name + b"\0"
#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "<")]
struct Counted<'a> {
    count: Len<u16>,
    flags: u8,
    #[netpack(len = "count", max = 16)]
    items: Vec<Question>,
    #[netpack(nul, max = 32)]
    name: &'a str,
}

#[test]
fn a_computed_length_is_written_and_read() {
    let f = Frame {
        length: Len::new(),
        kind: 7,
        body: b"hello".to_vec(),
    };
    let wire = f.encode().unwrap();
    assert_eq!(wire, b"\0\0\0\x05\x07hello");
    assert_eq!(Frame::decode(&wire).unwrap(), f);
    assert_eq!(f.encoded_len(), wire.len());
    assert_eq!(
        Frame::PARTS,
        r#"struct.pack("!IB", len(body), kind) + body"#
    );
    assert_eq!(Frame::MAX_SIZE, Some(5 + 1024));
    for n in 0..wire.len() {
        assert!(Frame::decode(&wire[..n]).is_err(), "{n}");
    }
    // Over the cap: refused on encode, and on decode before reading.
    let big = Frame {
        body: vec![0; 1025],
        ..f
    };
    assert_eq!(big.encode().unwrap_err().kind(), ErrorKind::TooLong);
    let e = Frame::decode(b"\0\0\x04\x01\x07").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLong);
    assert_eq!(
        e.to_string(),
        "Frame.body: length 1025 is over the cap of 1024 at offset 5"
    );
}

#[test]
fn a_computed_count_of_records() {
    let c = Counted {
        count: Len::new(),
        flags: 1,
        items: vec![
            Question {
                qtype: 1,
                qclass: 1,
            },
            Question {
                qtype: 28,
                qclass: 1,
            },
        ],
        name: "a.b",
    };
    let wire = c.encode().unwrap();
    assert_eq!(wire, b"\x02\x00\x01\x01\x00\x01\x00\x1c\x00\x01\x00a.b\x00");
    assert_eq!(Counted::decode(&wire).unwrap(), c);
    for n in 0..wire.len() {
        assert!(Counted::decode(&wire[..n]).is_err(), "{n}");
    }
    // u16 of records: too many for the code is CPython's range error.
    assert_eq!(
        Counted::PARTS,
        r#"struct.pack("<HB", len(items), flags) + b"".join(struct.pack("<HH", *e) for e in items) + name.encode() + b"\0""#
    );
}

/// Python: header = struct.pack("!BBHHHBB", ...) + b"\0\0" + source + destination;
/// header[:10] + struct.pack("!H", internet_checksum(header)) + header[12:]
#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Ipv4 {
    version_ihl: u8,
    tos: u8,
    total_length: u16,
    id: u16,
    fragment: u16,
    ttl: u8,
    protocol: u8,
    #[netpack(checksum = "internet", over = "version_ihl..=destination")]
    checksum: Checksum<u16>,
    source: [u8; 4],
    destination: [u8; 4],
}

/// A PNG chunk. Python:
/// struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))
#[derive(NetPack, Debug, PartialEq, Clone)]
struct PngChunk<'a> {
    length: Len<u32>,
    kind: [u8; 4],
    #[netpack(len = "length", max = 65536)]
    data: &'a [u8],
    #[netpack(checksum = "crc32", over = "kind..")]
    crc: Checksum<u32>,
}

fn xor(bytes: &[u8]) -> u8 {
    bytes.iter().fold(0, |a, b| a ^ b)
}

/// Python: m = struct.pack(order + "HI", kind, len(body)) + body; m + struct.pack(order + "B", xor(m))
#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "runtime")]
struct Sealed {
    kind: u16,
    #[netpack(len_prefix = "I", max = 64)]
    body: Vec<u8>,
    #[netpack(checksum = "xor")]
    check: Checksum<u8>,
}

#[test]
fn the_internet_checksum_covers_the_header_with_itself_as_zero() {
    let ip = Ipv4 {
        version_ihl: 0x45,
        tos: 0,
        total_length: 20,
        id: 0x1c46,
        fragment: 0x4000,
        ttl: 64,
        protocol: 6,
        checksum: Checksum::new(),
        source: [172, 16, 10, 99],
        destination: [172, 16, 10, 12],
    };
    let wire = ip.encode().unwrap();
    assert_eq!(
        wire,
        b"\x45\x00\x00\x14\x1c\x46\x40\x00\x40\x06\xb2\x0e\xac\x10\x0a\x63\xac\x10\x0a\x0c"
    );
    assert_eq!(Ipv4::decode(&wire).unwrap(), ip);
    let mut bad = wire.clone();
    bad[15] ^= 0x40;
    let e = Ipv4::decode(&bad).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadChecksum);
    assert_eq!(e.offset(), Some(10));
    assert_eq!(
        e.to_string(),
        "Ipv4.checksum: bad checksum: the data sums to 0xb24e but the field holds 0xb20e at offset 10"
    );
    for n in 0..wire.len() {
        assert_eq!(
            Ipv4::decode(&wire[..n]).unwrap_err().kind(),
            ErrorKind::BufferSize,
            "{n}"
        );
    }
    assert_eq!(
        Ipv4::PARTS,
        r#"struct.pack("!BBHHHBB", version_ihl, tos, total_length, id, fragment, ttl, protocol) + struct.pack("!H", internet_checksum(struct.pack("!BBHHHBB", version_ihl, tos, total_length, id, fragment, ttl, protocol) + b"\0\0" + struct.pack("!4s4s", source, destination))) + struct.pack("!4s4s", source, destination)"#
    );
}

#[test]
fn crc32_covers_a_range_of_fields() {
    let data = b"\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    let chunk = PngChunk {
        length: Len::new(),
        kind: *b"IHDR",
        data,
        crc: Checksum::new(),
    };
    let wire = chunk.encode().unwrap();
    assert_eq!(
        wire,
        b"\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90\x77\x53\xde"
    );
    assert_eq!(PngChunk::decode(&wire).unwrap(), chunk);
    assert_eq!(
        PngChunk::PARTS,
        r#"struct.pack("!I", len(data)) + struct.pack("!4s", kind) + data + struct.pack("!I", zlib.crc32(struct.pack("!4s", kind) + data))"#
    );
    for n in 0..wire.len() {
        assert!(PngChunk::decode(&wire[..n]).is_err(), "{n}");
    }
    let mut bad = wire.clone();
    bad[4] = b'i';
    assert_eq!(
        PngChunk::decode(&bad).unwrap_err().kind(),
        ErrorKind::BadChecksum
    );
}

#[test]
fn a_user_checksum_in_either_order() {
    use netpack::{ByteOrder, OrderedMessage};
    let s = Sealed {
        kind: 7,
        body: b"abc".to_vec(),
        check: Checksum::new(),
    };
    let little = s.encode_with(ByteOrder::Little).unwrap();
    assert_eq!(little, b"\x07\x00\x03\x00\x00\x00abc\x64");
    assert_eq!(Sealed::decode_with(&little, ByteOrder::Little).unwrap(), s);
    let big = s.encode_with(ByteOrder::Big).unwrap();
    assert_eq!(big, b"\x00\x07\x00\x00\x00\x03abc\x64");
    let e = Sealed::decode_with(b"\x07\x00\x03\x00\x00\x00abc\x65", ByteOrder::Little).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadChecksum);
    assert_eq!(e.offset(), Some(9));
    assert_eq!(
        Sealed::PARTS,
        r#"struct.pack(order + "HI", kind, len(body)) + body + struct.pack(order + "B", xor(struct.pack(order + "HI", kind, len(body)) + body))"#
    );
}

/// Python: `inner = struct.pack("!H", a)`; `m = inner +
/// struct.pack("!H", internet_checksum(inner)) + struct.pack("!B", b)`;
/// `m + struct.pack("!I", zlib.crc32(m))` (the first checksum inside the second).
#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Twice {
    a: u16,
    #[netpack(checksum = "internet", over = "a..=a")]
    inner: Checksum<u16>,
    b: u8,
    #[netpack(checksum = "crc32")]
    outer: Checksum<u32>,
}

#[test]
fn a_checksum_over_an_earlier_checksum_shows_it_in_parts() {
    let t = Twice {
        a: 0x1234,
        inner: Checksum::new(),
        b: 7,
        outer: Checksum::new(),
    };
    let wire = t.encode().unwrap();
    // Python 3.11, as in the type's comment.
    assert_eq!(wire, b"\x12\x34\xed\xcb\x07\xb4\x1b\x84\xdc");
    assert_eq!(
        Twice::PARTS,
        r#"struct.pack("!H", a) + struct.pack("!H", internet_checksum(struct.pack("!H", a))) + struct.pack("!B", b) + struct.pack("!I", zlib.crc32(struct.pack("!H", a) + struct.pack("!H", internet_checksum(struct.pack("!H", a))) + struct.pack("!B", b)))"#
    );
}
