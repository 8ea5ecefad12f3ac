//! Byte order chosen at run time (`order = "runtime"`, `order_by`) and magic
//! values (`magic = b"…"`): the bytes against Python's, the errors, and every
//! truncation an error.

use netpack::{ByteOrder, ErrorKind, Message, NetPack, OrderedMessage};

/// Python: struct.pack(order + "HI", kind, len(data)) + data
#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "runtime")]
struct Chunk<'a> {
    kind: u16,
    #[netpack(len_prefix = "I", max = 64)]
    data: &'a [u8],
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Pair {
    a: u16,
    b: i32,
}

/// Python: struct.pack(order + "H", n) + inner + b"".join(struct.pack(order + "Hi", *p) for p in pairs)
#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "runtime")]
struct Outer<'a> {
    n: u16,
    #[netpack(message)]
    inner: Chunk<'a>,
    pair: Pair,
    #[netpack(len = "n", max = 8)]
    pairs: Vec<Pair>,
}

/// The order as pcap's magic selects it.
fn pcap_order(magic: &[u8; 4]) -> Option<ByteOrder> {
    match magic {
        [0xa1, 0xb2, 0xc3, 0xd4] | [0xa1, 0xb2, 0x3c, 0x4d] => Some(ByteOrder::Big),
        [0xd4, 0xc3, 0xb2, 0xa1] | [0x4d, 0x3c, 0xb2, 0xa1] => Some(ByteOrder::Little),
        _ => None,
    }
}

/// Python: magic = data[:4]; order = ">" if magic == b"\xa1\xb2\xc3\xd4" else "<";
/// struct.unpack_from(order + "HHiIII", data, 4)
#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct PcapHeader {
    #[netpack(order_by = "pcap_order")]
    magic: [u8; 4],
    major: u16,
    minor: u16,
    zone: i32,
    sigfigs: u32,
    snaplen: u32,
    linktype: u32,
}

/// Python: b"RIFF" + struct.pack("<I", size) + b"WAVEfmt " + struct.pack("<I", fmt_len)
#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
#[netpack(order = "<", magic = b"RIFF")]
struct RiffHead {
    size: u32,
    #[netpack(magic = b"WAVEfmt ")]
    fmt_len: u32,
}

#[test]
fn runtime_order_encodes_either_way() {
    let c = Chunk {
        kind: 0x0102,
        data: b"xyz",
    };
    assert_eq!(
        c.encode_with(ByteOrder::Little).unwrap(),
        b"\x02\x01\x03\0\0\0xyz"
    );
    assert_eq!(
        c.encode_with(ByteOrder::Big).unwrap(),
        b"\x01\x02\0\0\0\x03xyz"
    );
    for order in [ByteOrder::Little, ByteOrder::Big] {
        let bytes = c.encode_with(order).unwrap();
        assert_eq!(Chunk::decode_with(&bytes, order).unwrap(), c);
        assert_eq!(c.encoded_len(), bytes.len());
    }
    assert_eq!(
        Chunk::PARTS,
        r#"struct.pack(order + "HI", kind, len(data)) + data"#
    );
}

#[test]
fn runtime_order_applies_to_nested_parts() {
    let o = Outer {
        n: 2,
        inner: Chunk {
            kind: 7,
            data: b"ab",
        },
        pair: Pair { a: 1, b: -2 },
        pairs: vec![Pair { a: 3, b: 4 }, Pair { a: 5, b: -6 }],
    };
    let little = o.encode_with(ByteOrder::Little).unwrap();
    assert_eq!(
        little,
        b"\x02\0\x07\0\x02\0\0\0ab\x01\0\xfe\xff\xff\xff\x03\0\x04\0\0\0\x05\0\xfa\xff\xff\xff"
    );
    assert_eq!(Outer::decode_with(&little, ByteOrder::Little).unwrap(), o);
    let big = o.encode_with(ByteOrder::Big).unwrap();
    assert_eq!(Outer::decode_with(&big, ByteOrder::Big).unwrap(), o);
    assert_ne!(Outer::decode_with(&big, ByteOrder::Little).ok(), Some(o));
}

#[test]
fn a_field_selects_the_order() {
    let le = b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00";
    let h = PcapHeader::decode(le).unwrap();
    assert_eq!((h.major, h.minor, h.snaplen, h.linktype), (2, 4, 65535, 1));
    assert_eq!(h.encode().unwrap(), le);
    let be = b"\xa1\xb2\xc3\xd4\x00\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x01";
    let h = PcapHeader::decode(be).unwrap();
    assert_eq!((h.major, h.minor, h.snaplen, h.linktype), (2, 4, 65535, 1));
    assert_eq!(h.encode().unwrap(), be);

    let mut bad = *le;
    bad[0] = 0;
    let e = PcapHeader::decode(&bad).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert_eq!(e.offset(), Some(0));
    assert_eq!(
        e.to_string(),
        "PcapHeader.magic: bad magic: the value selects no byte order at offset 0"
    );
    let h = PcapHeader {
        magic: *b"none",
        ..h
    };
    assert_eq!(h.encode().unwrap_err().kind(), ErrorKind::BadMagic);
    for n in 0..le.len() {
        assert!(PcapHeader::decode(&le[..n]).is_err(), "{n}");
    }
}

#[test]
fn magic_is_written_and_checked() {
    let h = RiffHead {
        size: 36,
        fmt_len: 16,
    };
    let wire = b"RIFF\x24\0\0\0WAVEfmt \x10\0\0\0";
    assert_eq!(h.encode().unwrap(), wire);
    assert_eq!(RiffHead::decode(wire).unwrap(), h);
    assert_eq!(
        RiffHead::PARTS,
        r#"b"RIFF" + struct.pack("<I", size) + b"WAVEfmt " + struct.pack("<I", fmt_len)"#
    );
    let e = RiffHead::decode(b"RIFX\x24\0\0\0WAVEfmt \x10\0\0\0").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert_eq!(e.offset(), Some(0));
    assert_eq!(
        e.to_string(),
        "RiffHead: bad magic: expected b'RIFF', found b'RIFX' at offset 0"
    );
    let e = RiffHead::decode(b"RIFF\x24\0\0\0WAV!fmt \x10\0\0\0").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert_eq!(e.offset(), Some(8));
    assert_eq!(
        e.to_string(),
        "RiffHead.fmt_len: bad magic: expected b'WAVEfmt ', found b'WAV!fmt ' at offset 8"
    );
    // A wrong first byte is an error at once; a right one asks for more.
    assert_eq!(
        RiffHead::decode(b"X").unwrap_err().kind(),
        ErrorKind::BadMagic
    );
    assert_eq!(RiffHead::decode(b"RI").unwrap_err().needed(), Some(4));
    for n in 0..wire.len() {
        assert!(RiffHead::decode(&wire[..n]).is_err(), "{n}");
    }
}
