//! Computed lengths (`Len<T>`) and checksums: the bytes against Python's, the
//! errors, and every truncation an error.

use netpack::{ErrorKind, Len, Message, NetPack};

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
