//! Length expressions, conditional parts, repetition, alignment and custom
//! codecs (`len = "…"` expressions, `if`, `count`/`until`/`until_end`,
//! `align`, `with`): exact bytes, each error with its kind, field path and
//! offset, and the `PARTS` text.

use netpack::{Capped, Error, ErrorKind, FieldCodec, Message, NetPack};

/// IPv4-like: the options are `ihl * 4 - 20` bytes.
#[derive(NetPack, Debug, PartialEq, Clone)]
struct Ip {
    ihl: u8,
    proto: u8,
    #[netpack(len = "ihl * 4 - 20", max = 40)]
    options: Vec<u8>,
}

#[test]
fn length_expression() {
    let ip = Ip {
        ihl: 6,
        proto: 17,
        options: vec![1, 2, 3, 4],
    };
    let wire = ip.encode().unwrap();
    assert_eq!(wire, b"\x06\x11\x01\x02\x03\x04");
    assert_eq!(Ip::decode(&wire).unwrap(), ip);
    assert_eq!(Ip::PARTS, r#"struct.pack("!BB", ihl, proto) + options"#);
    assert_eq!(Ip::MAX_SIZE, Some(2 + 40));
    // A negative length.
    let err = Ip::decode(b"\x04\x11").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.to_string(), "Ip.options: invalid length -4 at offset 2");
    // Encode checks the expression.
    let bad = Ip {
        ihl: 5,
        ..ip.clone()
    };
    let err = bad.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LengthMismatch);
    assert_eq!(
        err.to_string(),
        "Ip.options: length field `ihl * 4 - 20` holds 0 but the data has length 4"
    );
    // Over the cap.
    assert_eq!(
        Ip::decode(b"\x10\x00").unwrap_err().kind(),
        ErrorKind::TooLong
    );
    // Truncated.
    assert_eq!(
        Ip::decode(b"\x06\x11\x01").unwrap_err().kind(),
        ErrorKind::BufferSize
    );
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Ext {
    a: u16,
}

#[derive(NetPack, Debug, PartialEq, Clone)]
struct Flagged {
    flags: u8,
    #[netpack(if = "flags & 1 != 0")]
    ext: Option<Ext>,
    #[netpack(if = "flags & 2")]
    ip: Option<Ip>,
    tail: u8,
}

#[test]
fn conditional() {
    let v = Flagged {
        flags: 3,
        ext: Some(Ext { a: 7 }),
        ip: Some(Ip {
            ihl: 5,
            proto: 1,
            options: vec![],
        }),
        tail: 9,
    };
    let wire = v.encode().unwrap();
    assert_eq!(wire, b"\x03\x00\x07\x05\x01\x09");
    assert_eq!(Flagged::decode(&wire).unwrap(), v);
    let none = Flagged {
        flags: 0,
        ext: None,
        ip: None,
        tail: 1,
    };
    assert_eq!(none.encode().unwrap(), b"\x00\x01");
    assert_eq!(Flagged::decode(b"\x00\x01").unwrap(), none);
    assert_eq!(
        Flagged::PARTS,
        r#"struct.pack("!B", flags) + (ext if flags & 1 != 0 else b"") + (ip if flags & 2 else b"") + struct.pack("!B", tail)"#
    );
    let err = Flagged {
        flags: 1,
        ..none.clone()
    }
    .encode()
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(
        err.to_string(),
        "Flagged.ext: the field is absent (None) but `flags & 1 != 0` is true"
    );
    let err = Flagged {
        ext: Some(Ext { a: 1 }),
        ..none.clone()
    }
    .encode()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Flagged.ext: the field is present (Some) but `flags & 1 != 0` is false"
    );
    let err = Flagged::decode(b"\x02\x04").unwrap_err();
    assert_eq!(err.offset(), Some(1));
    assert_eq!(Flagged::MAX_SIZE, Some(1 + 2 + 42 + 1));
}

/// A DNS label: a `B` length, then the bytes.
#[derive(NetPack, Debug, PartialEq, Clone)]
struct Label {
    #[netpack(len_prefix = "B", max = 63)]
    bytes: Vec<u8>,
}

impl Label {
    fn is_root(&self) -> bool {
        self.bytes.is_empty()
    }
}

#[derive(NetPack, Debug, PartialEq, Clone)]
struct Names {
    #[netpack(until = "Label::is_root", max = 4)]
    labels: Vec<Label>,
    n: u8,
    #[netpack(count = "n", max = 3)]
    exts: Vec<Ext>,
}

fn label(s: &str) -> Label {
    Label {
        bytes: s.as_bytes().to_vec(),
    }
}

#[test]
fn repetition() {
    let v = Names {
        labels: vec![label("a"), label("bc"), label("")],
        n: 2,
        exts: vec![Ext { a: 1 }, Ext { a: 2 }],
    };
    let wire = v.encode().unwrap();
    assert_eq!(wire, b"\x01a\x02bc\x00\x02\x00\x01\x00\x02");
    assert_eq!(Names::decode(&wire).unwrap(), v);
    assert_eq!(
        Names::PARTS,
        r#"b"".join(labels) + struct.pack("!B", n) + b"".join(exts)"#
    );
    assert_eq!(Names::MAX_SIZE, Some(4 * 64 + 1 + 3 * 2));
    fn capped<T: Capped>() {}
    capped::<Names>();
    // No terminator within the cap.
    let err = Names::decode(b"\x01a\x01a\x01a\x01a\x00\x00").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
    // A count over the cap, before anything is read.
    let err = Names::decode(b"\x00\x04").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLong);
    // An element's error names its index and offset.
    let err = Names::decode(b"\x00\x02\x00\x01\x00").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(err.offset(), Some(4));
    // Encode: the terminator last, the count matching.
    let err = Names {
        labels: vec![label("a")],
        ..v.clone()
    }
    .encode()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Names.labels: no element of 1 ends the repetition (`until`)"
    );
    let err = Names {
        labels: vec![label(""), label("a"), label("")],
        ..v.clone()
    }
    .encode()
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Names.labels: element 0 ends the repetition (`until`) but 2 more follow"
    );
    let err = Names { n: 1, ..v.clone() }.encode().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LengthMismatch);
}

/// A RIFF chunk: little-endian, padded to even.
#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "<")]
struct Chunk {
    id: [u8; 4],
    size: u32,
    #[netpack(len = "size", max = 1024, align = 2)]
    data: Vec<u8>,
}

#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "<")]
struct Riff {
    magic: [u8; 4],
    #[netpack(until_end, max = 8)]
    chunks: Vec<Chunk>,
}

#[test]
fn alignment_and_until_end() {
    let v = Riff {
        magic: *b"WAVE",
        chunks: vec![
            Chunk {
                id: *b"abcd",
                size: 3,
                data: vec![1, 2, 3],
            },
            Chunk {
                id: *b"efgh",
                size: 2,
                data: vec![4, 5],
            },
        ],
    };
    let wire = v.encode().unwrap();
    assert_eq!(
        wire,
        b"WAVEabcd\x03\x00\x00\x00\x01\x02\x03\x00efgh\x02\x00\x00\x00\x04\x05"
    );
    assert_eq!(v.encoded_len(), wire.len());
    assert_eq!(Riff::decode(&wire).unwrap(), v);
    // The pad byte must be zero, so that decode and encode are inverses.
    let mut padded = wire.clone();
    padded[15] = 0xff;
    let err = Riff::decode(&padded).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.offset(), Some(15));
    assert_eq!(
        err.to_string(),
        "Riff.chunks[0].data: a pad byte is not zero at offset 15"
    );
    // A missing pad byte is a short input.
    let err = Chunk::decode(b"abcd\x01\x00\x00\x00\x01").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(
        Chunk::PARTS,
        r#"struct.pack("<4sI", id, size) + data + b"\0" * (-len(<bytes so far>) % 2)"#
    );
    assert_eq!(Chunk::MAX_SIZE, Some(8 + 1024 + 1));
    assert_eq!(Riff::MAX_SIZE, Some(4 + 8 * 1033));
    // Over the cap of elements.
    let mut many = b"WAVE".to_vec();
    for _ in 0..9 {
        many.extend_from_slice(b"abcd\x00\x00\x00\x00");
    }
    assert_eq!(Riff::decode(&many).unwrap_err().kind(), ErrorKind::TooLong);
}

/// A value at an absolute offset of the whole input: a `!H` offset, the
/// `!H` value found there.
struct AtOffset;

impl<'a> FieldCodec<'a, u16> for AtOffset {
    const MAX_SIZE: Option<usize> = Some(2);
    fn decode(input: &'a [u8], pos: usize) -> Result<(u16, usize), Error> {
        let offset = u16::decode(input.get(pos..pos + 2).unwrap_or(&[]))? as usize;
        let value = input
            .get(offset..offset + 2)
            .ok_or(Error::invalid_data("offset past the end"))?;
        Ok((u16::decode(value)?, 2))
    }
    fn encoded_len(_: &u16) -> usize {
        2
    }
    fn encode(_: &u16, _: &mut Vec<u8>, _: usize) -> Result<(), Error> {
        Err(Error::invalid_data("AtOffset is read-only"))
    }
}

#[derive(NetPack, Debug, PartialEq)]
struct Inner {
    tag: u8,
    #[netpack(with = "AtOffset")]
    value: u16,
}

#[derive(NetPack, Debug, PartialEq)]
struct Outer {
    pad: u8,
    #[netpack(message)]
    inner: Inner,
}

#[test]
fn custom_codec_sees_the_whole_input() {
    // Offset 0 of the whole input holds 0x05 0x01.
    let v = Outer::decode(b"\x05\x01\x00\x00").unwrap();
    assert_eq!(
        v,
        Outer {
            pad: 5,
            inner: Inner {
                tag: 1,
                value: 0x0501
            }
        }
    );
    assert_eq!(
        Inner::PARTS,
        r#"struct.pack("!B", tag) + AtOffset.encode(value)"#
    );
    assert_eq!(Outer::MAX_SIZE, Some(1 + 1 + 2));
    let err = Outer::decode(b"\x05\x01\x00\x09").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Outer.inner.value: offset past the end at offset 2"
    );
    let err = v.encode().unwrap_err();
    assert_eq!(err.to_string(), "Outer.inner.value: AtOffset is read-only");
}
