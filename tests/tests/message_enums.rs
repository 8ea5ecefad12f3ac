//! Tagged enums with data, and catch-all variants on tagged and field-less
//! enums.

use netpack::{ErrorKind, Message, NetPack};
use netpack_tests::message_checks::check_any;

/// RFC 1350 read request, the payload of `Packet::Read`.
#[derive(NetPack, Debug, PartialEq)]
struct Request<'a> {
    #[netpack(nul, max = 512)]
    filename: &'a str,
    #[netpack(nul, max = 8)]
    mode: &'a str,
}

/// RFC 1350 packets: struct.pack("!H", opcode) + …
#[derive(NetPack, Debug, PartialEq)]
#[netpack(tag = "H")]
enum Packet<'a> {
    #[netpack(tag = 1)]
    Read(Request<'a>),
    #[netpack(tag = 2)]
    Write(Request<'a>),
    #[netpack(tag = 3)]
    Data {
        block: u16,
        #[netpack(rest, max = 512)]
        data: &'a [u8],
    },
    #[netpack(tag = 4)]
    Ack(u16),
    #[netpack(tag = 5)]
    Error {
        code: u16,
        #[netpack(nul, max = 255)]
        message: &'a str,
    },
    #[netpack(tag = 6)]
    Nothing,
}

#[derive(NetPack, Debug, PartialEq)]
#[netpack(tag = "b", order = "<")]
enum Record {
    #[netpack(tag = -1)]
    End,
    #[netpack(tag = 7)]
    Pair(u16, u16),
    #[netpack(other)]
    Unknown(i8, Vec<u8>),
}

/// DNS QTYPE: the catch-all keeps unknown codes, such as 255 (ANY).
#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
#[repr(u16)]
enum QType {
    A = 1,
    Ns,
    Aaaa = 28,
    #[netpack(other)]
    Other(u16),
}

#[test]
fn tagged_variants_round_trip() {
    let cases: [(Packet, &[u8]); 6] = [
        (
            Packet::Read(Request {
                filename: "a.txt",
                mode: "octet",
            }),
            b"\0\x01a.txt\0octet\0",
        ),
        (
            Packet::Data {
                block: 2,
                data: b"xyz",
            },
            b"\0\x03\0\x02xyz",
        ),
        (Packet::Ack(9), b"\0\x04\0\x09"),
        (
            Packet::Error {
                code: 1,
                message: "nope",
            },
            b"\0\x05\0\x01nope\0",
        ),
        (Packet::Nothing, b"\0\x06"),
        (
            Packet::Write(Request {
                filename: "",
                mode: "",
            }),
            b"\0\x02\0\0",
        ),
    ];
    for (packet, wire) in cases {
        assert_eq!(packet.encode().unwrap(), wire, "{packet:?}");
        assert_eq!(packet.encoded_len(), wire.len());
        assert_eq!(Packet::decode(wire).unwrap(), packet);
    }
    assert_eq!(Packet::MAX_SIZE, Some(2 + 513 + 9));
    assert_eq!(
        Packet::PARTS,
        concat!(
            r#"struct.pack("!H", 1) + request | struct.pack("!H", 2) + request | "#,
            r#"struct.pack("!H", 3) + struct.pack("!H", block) + data | "#,
            r#"struct.pack("!H", 4) + struct.pack("!H", _0) | "#,
            r#"struct.pack("!H", 5) + struct.pack("!H", code) + message.encode() + b"\0" | "#,
            r#"struct.pack("!H", 6)"#,
        )
    );
}

#[test]
fn tagged_errors() {
    let err = Packet::decode(b"\0\x09").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.to_string(), "Packet: unknown tag 9 at offset 0");
    let err = Packet::decode(b"\0\x01test").unwrap_err();
    assert_eq!(err.needed(), Some(7));
    let mut long = b"\0\x01".to_vec();
    long.extend([b'a'; 513]);
    let err = Packet::decode(&long).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Packet::Read.filename: no NUL terminator within 512 bytes at offset 2"
    );
    let err = Packet::decode(b"\0\x05\0\x01\xff\0").unwrap_err();
    assert_eq!(
        err.to_string(),
        "Packet::Error.message: invalid UTF-8 after 0 valid bytes at offset 4"
    );
    let err = Packet::decode(b"\0").unwrap_err();
    assert_eq!(err.needed(), Some(2));
}

#[test]
fn tagged_catch_all() {
    assert_eq!(Record::decode(b"\xff").unwrap(), Record::End);
    assert_eq!(
        Record::decode(b"\x07\x01\0\x02\0").unwrap(),
        Record::Pair(1, 2)
    );
    let unknown = Record::decode(b"\x09abc").unwrap();
    assert_eq!(unknown, Record::Unknown(9, b"abc".to_vec()));
    assert_eq!(unknown.encode().unwrap(), b"\x09abc");
    assert_eq!(Record::MAX_SIZE, None);
}

#[test]
fn field_less_catch_all() {
    assert_eq!(QType::decode(b"\0\x02").unwrap(), QType::Ns);
    assert_eq!(QType::decode(b"\0\xff").unwrap(), QType::Other(255));
    assert_eq!(QType::Other(255).encode().unwrap(), b"\0\xff");
    assert_eq!(QType::Aaaa.encode().unwrap(), b"\0\x1c");
    assert_eq!(QType::FORMAT, "!H");
}

#[test]
fn arbitrary_bytes_never_panic_and_round_trip() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|i| match (i, next() % 3) {
                (0, _) | (_, 0) => 0,
                (1, _) => (next() % 8) as u8,
                (_, 1) => b'a',
                _ => next() as u8,
            })
            .collect();
        check_any::<Packet>(&bytes);
        check_any::<Record>(&bytes);
        if bytes.len() >= 2 {
            let _ = QType::decode_prefix(&bytes);
        }
    }
}
