//! Property tests on the message zoo (`netpack_tests::message_zoo`): for every
//! field kind and for tagged enums, nested ones included, any value round-trips
//! (`netpack_tests::message_checks::check_value`: the bytes are what the runtime
//! model reads back as the value, and the derived decoder agrees), any bytes and
//! any damaged encoding decode as the model says (`check_decode`, the fuzz
//! target's check), and values the wire cannot carry are refused on encode with
//! the right `ErrorKind`.

use netpack::{ErrorKind, Message, Packed};
use netpack_tests::message_checks::{check_decode_named, check_value};
use netpack_tests::message_zoo::*;
use proptest::collection::vec;
use proptest::prelude::*;

/// Bytes without NUL, at most `max`.
fn bytes_no_nul(max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(1u8..=255, 0..=max)
}

/// Text without NUL of at most `max` bytes of UTF-8: ASCII, two-, three- and
/// four-byte characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => proptest::char::range('\u{1}', '\u{7f}'),
        1 => proptest::char::range('\u{80}', '\u{7ff}'),
        1 => proptest::char::range('\u{800}', '\u{d7ff}'),
        1 => proptest::char::range('\u{10000}', '\u{10ffff}'),
    ];
    vec(ch, 0..=max).prop_map(move |chars| {
        let mut s = String::new();
        for c in chars {
            if s.len() + c.len_utf8() > max {
                break;
            }
            s.push(c);
        }
        s
    })
}

/// Bytes of a length in `0..=max`, mostly short, sometimes exactly `max`.
fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => vec(any::<u8>(), 0..=max.min(40)),
        1 => vec(any::<u8>(), max..=max),
        1 => vec(any::<u8>(), 0..=max),
    ]
}

fn header() -> impl Strategy<Value = Header> {
    (any::<u8>(), any::<u8>(), any::<u32>()).prop_map(|(version, flags, seq)| Header {
        version,
        flags,
        seq,
    })
}

fn request() -> impl Strategy<Value = Request> {
    (bytes_no_nul(255), text(16)).prop_map(|(filename, mode)| Request { filename, mode })
}

fn tftp() -> impl Strategy<Value = Tftp> {
    prop_oneof![
        request().prop_map(Tftp::Read),
        (any::<u16>(), bytes(512)).prop_map(|(block, data)| Tftp::Data { block, data }),
        any::<u16>().prop_map(|block| Tftp::Ack { block }),
        (any::<u16>(), text(255)).prop_map(|(code, message)| Tftp::Error { code, message }),
        (
            any::<u16>().prop_filter("a known opcode", |t| ![1, 3, 4, 5].contains(t)),
            bytes(64)
        )
            .prop_map(|(tag, rest)| Tftp::Unknown(tag, rest)),
    ]
}

fn chat_frame() -> impl Strategy<Value = ChatFrame> {
    (any::<u8>(), any::<u64>(), text(4096)).prop_map(|(kind, sent_ms, body)| ChatFrame {
        len: body.len() as u32,
        kind,
        sent_ms,
        body,
    })
}

fn qtype() -> impl Strategy<Value = QType> {
    prop_oneof![
        any::<u16>().prop_map(QType::from_value),
        prop::sample::select(vec![1u16, 2, 5, 15, 28, 255]).prop_map(QType::from_value),
    ]
}

fn point() -> impl Strategy<Value = Point> {
    (any::<i32>(), any::<i32>()).prop_map(|(x, y)| Point { x, y })
}

fn polyline() -> impl Strategy<Value = Polyline> {
    (vec(point(), 0..=100), vec(any::<u16>(), 0..=8)).prop_map(|(points, tags)| Polyline {
        points,
        count: tags.len() as u8,
        tags,
    })
}

fn capped() -> impl Strategy<Value = Capped> {
    vec(any::<u8>(), 0..=10).prop_map(|data| Capped {
        n: data.len() as u8,
        data,
    })
}

fn envelope() -> impl Strategy<Value = Envelope> {
    prop_oneof![
        polyline().prop_map(Envelope::Points),
        chat_frame().prop_map(Envelope::Frame),
        tftp().prop_map(Envelope::Packet),
        Just(Envelope::Empty),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn header_round_trips(v in header()) {
        check_value("Header", &v);
    }

    #[test]
    fn request_round_trips(v in request()) {
        check_value("Request", &v);
    }

    #[test]
    fn tftp_round_trips(v in tftp()) {
        check_value("Tftp", &v);
    }

    #[test]
    fn rrq_round_trips(opcode in any::<u16>(), filename in bytes_no_nul(512), mode in text(16)) {
        check_value("Rrq", &Rrq { opcode, filename: &filename, mode: &mode });
    }

    #[test]
    fn pcap_record_round_trips(
        h in (any::<u32>(), any::<u32>(), any::<u32>()),
        data in prop_oneof![12 => bytes(1500), 1 => vec(any::<u8>(), 65535..=65535)],
    ) {
        let record = PcapRecord {
            ts_sec: h.0,
            ts_usec: h.1,
            incl_len: data.len() as u32,
            orig_len: h.2,
            data: &data,
        };
        check_value("PcapRecord", &record);
    }

    #[test]
    fn chat_frame_round_trips(v in chat_frame()) {
        check_value("ChatFrame", &v);
    }

    #[test]
    fn dns_question_round_trips(
        id in any::<u16>(),
        label in text(63),
        name in bytes_no_nul(255),
        qtype in qtype(),
        qclass in any::<u16>(),
        txt in bytes(1024),
    ) {
        check_value("DnsQuestion", &DnsQuestion { id, label: &label, name, qtype, qclass, txt });
    }

    #[test]
    fn polyline_round_trips(v in polyline()) {
        check_value("Polyline", &v);
    }

    #[test]
    fn nested_round_trips(
        header in header(),
        name in text(255),
        trailer in header(),
        extra in bytes(64),
    ) {
        check_value("Nested", &Nested { header, name, trailer, extra: &extra });
    }

    #[test]
    fn strings_round_trip(owned in text(100), borrowed in text(100), rest in text(100)) {
        check_value("Strings", &Strings { owned, borrowed: &borrowed, rest });
    }

    #[test]
    fn capped_round_trips(v in capped()) {
        check_value("Capped", &v);
    }

    #[test]
    fn envelope_round_trips(v in envelope()) {
        check_value("Envelope", &v);
    }

    #[test]
    fn bundle_round_trips(
        seq in any::<u32>(),
        label in text(63),
        name in bytes_no_nul(255),
        qtype in qtype(),
        txt in bytes(64),
        frame in chat_frame(),
        packet in tftp(),
    ) {
        let question = DnsQuestion { id: 7, label: &label, name, qtype, qclass: 1, txt };
        check_value("Bundle", &Bundle { seq, question, frame, packet });
    }

    /// `Packed` views built in the elements' own order (`Point` is `<`), encoded
    /// in the message's (`!`): the records are converted, and read back equal.
    #[test]
    fn route_round_trips(
        id in any::<u16>(),
        hops in vec(point(), 0..=16),
        ports in vec(any::<u16>(), 0..=32),
    ) {
        let hop_bytes: Vec<u8> = hops.iter().flat_map(|p| p.encode().unwrap()).collect();
        let port_bytes: Vec<u8> = ports.iter().flat_map(|p| p.encode().unwrap()).collect();
        let route = Route {
            id,
            hops: Packed::new(&hop_bytes).unwrap(),
            ports: Packed::new(&port_bytes).unwrap(),
        };
        prop_assert_eq!(route.hops.iter().collect::<Vec<_>>(), hops);
        check_value("Route", &route);
    }

    /// The fuzz target's check on random bytes.
    #[test]
    fn any_bytes_decode_as_the_model_says(
        which in 0..MESSAGE_NAMES.len(),
        buf in vec(any::<u8>(), 0..80),
    ) {
        check_decode_named(MESSAGE_NAMES[which], &buf);
    }

    /// ... and on encodings with a byte changed or cut short, which reach the
    /// deeper fields.
    #[test]
    fn damaged_encodings_decode_as_the_model_says(
        v in envelope(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = v.encode().unwrap();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        check_decode_named("Envelope", &bytes);
        let end = cut.index(bytes.len() + 1);
        check_decode_named("Envelope", &bytes[..end]);
        // The same bytes after the tag, as each inner message.
        for name in ["Polyline", "ChatFrame", "Tftp"] {
            check_decode_named(name, &bytes[1..end.max(1)]);
        }
    }
}

fn kind<T: std::fmt::Debug>(r: Result<T, netpack::Error>) -> ErrorKind {
    match r {
        Ok(v) => panic!("encoded: {v:?}"),
        Err(e) => {
            // Every encode error names the field it is about.
            assert!(!e.to_string().is_empty());
            e.kind()
        }
    }
}

/// What the wire cannot carry is refused on encode, and nothing is appended.
#[test]
fn encode_refuses_what_the_wire_cannot_carry() {
    // A NUL inside a NUL-terminated field.
    let r = Request {
        filename: b"a\0b".to_vec(),
        mode: "octet".into(),
    };
    assert_eq!(kind(r.encode()), ErrorKind::InvalidValue);
    let mut out = b"kept".to_vec();
    assert!(r.encode_into(&mut out).is_err());
    assert_eq!(out, b"kept", "a failed encode_into appended");

    // Over a cap: NUL-terminated, rest, counted, prefixed, Vec<T>.
    let r = Request {
        filename: vec![b'x'; 256],
        mode: "octet".into(),
    };
    assert_eq!(kind(r.encode()), ErrorKind::TooLong);
    let t = Tftp::Data {
        block: 1,
        data: vec![0; 513],
    };
    assert_eq!(kind(t.encode()), ErrorKind::TooLong);
    let c = Capped {
        n: 11,
        data: vec![0; 11],
    };
    assert_eq!(kind(c.encode()), ErrorKind::TooLong);
    let label = "x".repeat(64);
    let d = DnsQuestion {
        id: 1,
        label: &label,
        name: b"example".to_vec(),
        qtype: QType::A,
        qclass: 1,
        txt: Vec::new(),
    };
    assert_eq!(kind(d.encode()), ErrorKind::TooLong);
    let p = Polyline {
        points: vec![Point { x: 0, y: 0 }; 101],
        count: 0,
        tags: Vec::new(),
    };
    assert_eq!(kind(p.encode()), ErrorKind::TooLong);

    // A length field that disagrees with its data.
    let f = ChatFrame {
        len: 3,
        kind: 2,
        sent_ms: 0,
        body: "four".into(),
    };
    assert_eq!(kind(f.encode()), ErrorKind::LengthMismatch);
    let data = [1u8, 2, 3];
    let rec = PcapRecord {
        ts_sec: 0,
        ts_usec: 0,
        incl_len: 4,
        orig_len: 4,
        data: &data,
    };
    assert_eq!(kind(rec.encode()), ErrorKind::LengthMismatch);

    // A length over its prefix code's range, with no cap below it.
    let n = Nested {
        header: Header {
            version: 1,
            flags: 0,
            seq: 0,
        },
        name: "x".repeat(256),
        trailer: Header {
            version: 1,
            flags: 0,
            seq: 0,
        },
        extra: b"",
    };
    assert_eq!(kind(n.encode()), ErrorKind::ArgRange);

    // Nested: the error comes from inside the enum's message.
    let e = Envelope::Packet(Tftp::Read(Request {
        filename: b"\0".to_vec(),
        mode: String::new(),
    }));
    assert_eq!(kind(e.encode()), ErrorKind::InvalidValue);
}

/// `MAX_SIZE`: the sum of the caps when every field has one, `None` otherwise.
#[test]
fn max_sizes() {
    assert_eq!(<Header as Message>::MAX_SIZE, Some(6));
    assert_eq!(<Request as Message>::MAX_SIZE, Some(256 + 17));
    assert_eq!(<Capped as Message>::MAX_SIZE, Some(11));
    assert_eq!(<ChatFrame as Message>::MAX_SIZE, Some(13 + 4096));
    assert_eq!(<PcapRecord<'_> as Message>::MAX_SIZE, Some(16 + 65535));
    assert_eq!(<Polyline as Message>::MAX_SIZE, Some(2 + 800 + 1 + 16));
    assert_eq!(
        <DnsQuestion<'_> as Message>::MAX_SIZE,
        Some(2 + 1 + 63 + 256 + 4 + 2 + 1024)
    );
    assert_eq!(
        <Route<'_> as Message>::MAX_SIZE,
        Some(2 + 1 + 16 * 8 + 32 * 2)
    );
    // The catch-all takes an uncapped rest.
    assert_eq!(<Tftp as Message>::MAX_SIZE, None);
    assert_eq!(<Envelope as Message>::MAX_SIZE, None);
}

/// Decoding errors name the type, the variant and field path, the tag value,
/// and the byte offset.
#[test]
fn decoding_errors_say_where() {
    let text = |b: &[u8]| Envelope::decode(b).unwrap_err().to_string();
    let e = text(b"\x07");
    assert!(e.contains("Envelope") && e.contains("tag 7"), "{e}");
    // Tftp::Error's message is not UTF-8, 5 bytes in.
    let e = text(b"\x03\x00\x05\x00\x01\xff\x00");
    assert!(e.starts_with("Envelope::Packet"), "{e}");
    assert!(e.contains("message") && e.contains("offset 5"), "{e}");
    // Bundle: the DNS question's blob announces 30840 bytes, over its cap.
    let mut big = vec![0, 0, 0, 1, 0, 2, 0, 0, 0xff];
    big.extend([b'x'; 300]);
    let e = Bundle::decode(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLong);
    let e = e.to_string();
    assert!(e.starts_with("Bundle.question.txt"), "{e}");
    assert!(
        e.contains("over the cap of 1024") && e.contains("offset 14"),
        "{e}"
    );
}

// The parts built on expressions and user code (issue 18): each feature's zoo
// message round-trips for any value, and every truncation is refused.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `len = "ihl * 4 - 20"`.
    #[test]
    fn ip_options_round_trip(ihl in 5u8..=15, proto in any::<u8>(), seed in bytes(40)) {
        let mut options = seed;
        options.resize(usize::from(ihl) * 4 - 20, 0);
        check_value("IpOptions", &IpOptions { ihl, proto, options });
    }

    /// `if = "flags & 1 != 0"`, `if = "flags & 2 != 0"`.
    #[test]
    fn flagged_round_trips(flags in any::<u8>(), h in header(), r in request(), tail in any::<u16>()) {
        let v = Flagged {
            flags,
            header: (flags & 1 != 0).then_some(h),
            request: (flags & 2 != 0).then_some(r),
            tail,
        };
        check_value("Flagged", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("Flagged", &bytes);
    }

    /// `until = "Label::is_root"` and `count = "count"`.
    #[test]
    fn labels_round_trip(
        labels in vec(vec(any::<u8>(), 1..=63), 0..=7),
        frames in vec(chat_frame(), 0..=4),
    ) {
        let mut labels: Vec<Label> = labels.into_iter().map(|bytes| Label { bytes }).collect();
        labels.push(Label { bytes: Vec::new() });
        let v = Labels { labels, count: frames.len() as u8, frames };
        check_value("Labels", &v);
        netpack_tests::message_checks::check_truncations("Labels", &v.encode().unwrap());
    }

    /// `align = 2` and `until_end`.
    #[test]
    fn riff_round_trips(chunks in vec((any::<[u8; 4]>(), bytes(64)), 0..=8)) {
        let chunks = chunks
            .into_iter()
            .map(|(id, data)| RiffChunk { id, size: data.len() as u32, data })
            .collect();
        let v = Riff { form: *b"WAVE", chunks };
        check_value("Riff", &v);
        netpack_tests::message_checks::check_truncations("Riff", &v.encode().unwrap());
    }

    /// `with = "PointerCodec"`, nested: the offsets are in the whole input.
    #[test]
    fn pointers_round_trip(id in any::<u16>(), a in 0u16..6, b in 0u16..6) {
        let bytes = netpack::pack!("!HHH", id, a, b);
        let v = Pointers {
            id,
            pair: PointerPair {
                a: Pointer { offset: a, target: bytes[usize::from(a)] },
                b: Pointer { offset: b, target: bytes[usize::from(b)] },
            },
        };
        check_value("Pointers", &v);
        netpack_tests::message_checks::check_truncations("Pointers", &bytes);
    }
}

/// `bytes` with the byte at `at` set to `byte`, and cut at `cut`: each held
/// to the model (a wrong magic, a wrong checksum, a length past the end).
fn check_damaged(
    name: &str,
    bytes: &[u8],
    at: prop::sample::Index,
    byte: u8,
    cut: prop::sample::Index,
) {
    let mut damaged = bytes.to_vec();
    if !damaged.is_empty() {
        let i = at.index(damaged.len());
        damaged[i] = byte;
    }
    check_decode_named(name, &damaged);
    check_decode_named(name, &damaged[..cut.index(damaged.len() + 1)]);
}

fn block<'a>(kind: u16, seq: u32, data: &'a [u8], words: Vec<u32>) -> Block<'a> {
    Block {
        kind,
        seq,
        data,
        count: words.len() as u8,
        words,
    }
}

const PCAP_MAGICS: [[u8; 4]; 4] = [
    [0xa1, 0xb2, 0xc3, 0xd4],
    [0xa1, 0xb2, 0x3c, 0x4d],
    [0xd4, 0xc3, 0xb2, 0xa1],
    [0x4d, 0x3c, 0xb2, 0xa1],
];

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        any::<u8>().prop_map(|version| Command::Hello { version }),
        bytes(32).prop_map(|body| Command::Send { body }),
        Just(Command::Quit),
    ]
}

// The whole-format attributes (issue 18): each zoo message round-trips for any
// value, every truncation is refused, and damaged encodings (a magic or a
// checksum hit) are refused as the model says.
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `order = "runtime"`, in each order: the same value, the bytes of each
    /// order, and each read back only in its own.
    #[test]
    fn blocks_round_trip_in_either_order(
        kind in any::<u16>(), seq in any::<u32>(), data in bytes(64), words in vec(any::<u32>(), 0..=8),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let b = block(kind, seq, &data, words);
        let (le, be) = (BlockLe(b.clone()), BlockBe(b));
        check_value("BlockLe", &le);
        check_value("BlockBe", &be);
        let (lb, bb) = (le.encode().unwrap(), be.encode().unwrap());
        prop_assert_eq!(lb.len(), bb.len());
        netpack_tests::message_checks::check_truncations("BlockLe", &lb);
        netpack_tests::message_checks::check_truncations("BlockBe", &bb);
        // The other order's bytes, as the model reads them in this order.
        check_decode_named("BlockLe", &bb);
        check_decode_named("BlockBe", &lb);
        check_damaged("BlockLe", &lb, at, byte, cut);
    }

    /// `order_by = "pcap_order"`: the magic selects the order of the rest.
    #[test]
    fn pcap_files_round_trip(
        magic in prop::sample::select(PCAP_MAGICS.to_vec()),
        major in any::<u16>(), minor in any::<u16>(), snaplen in any::<u32>(), data in bytes(64),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let v = PcapFile { magic, major, minor, snaplen, incl_len: data.len() as u32, data: &data };
        check_value("PcapFile", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("PcapFile", &bytes);
        check_damaged("PcapFile", &bytes, at, byte, cut);
    }

    /// `magic` on a type and before fields.
    #[test]
    fn waves_round_trip(
        size in any::<u32>(), fmt in bytes(32), data in bytes(64),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let v = Wave { size, fmt_len: fmt.len() as u32, fmt, data };
        check_value("Wave", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("Wave", &bytes);
        check_damaged("Wave", &bytes, at, byte, cut);
    }

    /// `magic` on enum variants.
    #[test]
    fn commands_round_trip(
        v in command(),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        check_value("Command", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("Command", &bytes);
        check_damaged("Command", &bytes, at, byte, cut);
    }

    /// `Len<u16>` and `Len<u8>`, with fields between them and their data.
    #[test]
    fn framed_round_trips(
        kind in any::<u8>(), name in text(16), body in bytes(64), headers in vec(header(), 0..=8),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let v = Framed { length: netpack::Len::new(), kind, count: netpack::Len::new(), name, body, headers };
        check_value("Framed", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("Framed", &bytes);
        check_damaged("Framed", &bytes, at, byte, cut);
    }

    /// `checksum = "internet"` over a range that holds it; any damage is
    /// caught.
    #[test]
    fn echoes_round_trip(
        kind in any::<u8>(), code in any::<u8>(), ident in any::<u16>(), seq in any::<u16>(), data in bytes(64),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let v = Echo { kind, code, checksum: netpack::Checksum::new(), ident, seq, data: &data };
        check_value("Echo", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("Echo", &bytes);
        check_damaged("Echo", &bytes, at, byte, cut);
    }

    /// `checksum = "crc32"` over `kind..=data`.
    #[test]
    fn png_chunks_round_trip(
        kind in any::<[u8; 4]>(), data in bytes(64),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let v = PngChunk { length: netpack::Len::new(), kind, data: &data, crc: netpack::Checksum::new() };
        check_value("PngChunk", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("PngChunk", &bytes);
        check_damaged("PngChunk", &bytes, at, byte, cut);
    }

    /// A user's checksum function over `data..`, and a CRC-32 over it.
    #[test]
    fn stored_round_trips(
        id in any::<u16>(), name in text(32), data in bytes(64),
        at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>(),
    ) {
        let v = Stored { id, name, data, adler: netpack::Checksum::new(), crc: netpack::Checksum::new() };
        check_value("Stored", &v);
        let bytes = v.encode().unwrap();
        netpack_tests::message_checks::check_truncations("Stored", &bytes);
        check_damaged("Stored", &bytes, at, byte, cut);
    }
}

/// A wrong magic and a wrong checksum are their own `ErrorKind`s, and say
/// whose, where and what.
#[test]
fn magic_and_checksum_errors_say_where() {
    let wave = Wave {
        size: 36,
        fmt_len: 2,
        fmt: b"ff".to_vec(),
        data: b"abc".to_vec(),
    };
    let mut bytes = wave.encode().unwrap();
    bytes[3] = b'X';
    let e = Wave::decode(&bytes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert_eq!(
        e.to_string(),
        "Wave: bad magic: expected b'RIFF', found b'RIFX' at offset 0"
    );
    // The magic before `data`, after a variable field: its offset is found.
    let mut bytes = wave.encode().unwrap();
    bytes[22] = b'D';
    let e = Wave::decode(&bytes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert_eq!(e.offset(), Some(22), "{e}");
    assert!(e.to_string().starts_with("Wave.data"), "{e}");
    // A magic that agrees so far asks for the rest of it.
    assert_eq!(Wave::decode(b"RI").unwrap_err().needed(), Some(4));

    // On an enum variant.
    let e = Command::decode(b"\x02SEXD\x00\x00").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert!(e.to_string().starts_with("Command::Send.body"), "{e}");
    assert_eq!(e.offset(), Some(1), "{e}");

    // A magic that selects no order.
    let e = PcapFile::decode(&[0; 20]).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadMagic);
    assert!(e.to_string().contains("PcapFile"), "{e}");

    // A checksum: the field, its offset.
    let echo = Echo {
        kind: 8,
        code: 0,
        checksum: netpack::Checksum::new(),
        ident: 1,
        seq: 2,
        data: b"abc",
    };
    let mut bytes = echo.encode().unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    let e = Echo::decode(&bytes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadChecksum);
    assert_eq!(e.offset(), Some(2), "{e}");
    assert!(e.to_string().starts_with("Echo.checksum"), "{e}");
    // The first of two checksums that fails is the one reported.
    let stored = Stored {
        id: 7,
        name: "a".into(),
        data: b"xyz".to_vec(),
        adler: netpack::Checksum::new(),
        crc: netpack::Checksum::new(),
    };
    let mut bytes = stored.encode().unwrap();
    let n = bytes.len();
    bytes[n - 5] ^= 1;
    let e = Stored::decode(&bytes).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadChecksum);
    assert!(e.to_string().starts_with("Stored.adler"), "{e}");
    bytes[n - 5] ^= 1;
    bytes[n - 1] ^= 1;
    let e = Stored::decode(&bytes).unwrap_err();
    assert!(e.to_string().starts_with("Stored.crc"), "{e}");
    assert_eq!(e.offset(), Some(n - 4), "{e}");
}

/// Values of the whole-format messages the wire cannot carry are refused on
/// encode.
#[test]
fn whole_format_encodes_refuse_what_the_wire_cannot_carry() {
    // A magic that selects no order.
    let p = PcapFile {
        magic: *b"none",
        major: 2,
        minor: 4,
        snaplen: 0,
        incl_len: 0,
        data: b"",
    };
    assert_eq!(kind(p.encode()), ErrorKind::BadMagic);
    // A count that does not hold its data's length, in either order.
    let b = Block {
        kind: 1,
        seq: 2,
        data: b"",
        count: 3,
        words: vec![1],
    };
    assert_eq!(kind(BlockLe(b.clone()).encode()), ErrorKind::LengthMismatch);
    assert_eq!(kind(BlockBe(b).encode()), ErrorKind::LengthMismatch);
    // A computed length's data over its cap.
    let f = Framed {
        length: netpack::Len::new(),
        kind: 1,
        count: netpack::Len::new(),
        name: "n".into(),
        body: vec![0; 65],
        headers: vec![],
    };
    assert_eq!(kind(f.encode()), ErrorKind::TooLong);
}
