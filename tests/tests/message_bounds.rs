//! Hostile input to messages: every truncation of every zoo message Python wrote
//! is refused (or, for a message that ends with a `rest` field, read as the
//! model says), never a panic; a length larger than the buffer or than its cap
//! is refused before anything is allocated; a decode allocates one buffer per
//! owned variable field and nothing for borrowed ones; and a stream reader given
//! a lying length never allocates more than the message's cap.
//!
//! The counting `#[global_allocator]` of `netpack_tests::counting` measures the bytes each
//! call allocates on the calling thread.

use netpack::{ErrorKind, Message};
use netpack_tests::counting::{measure, measure_largest, Allocated, Counting, NOTHING};
use netpack_tests::message_checks::check_truncation;
use netpack_tests::message_zoo::*;
use netpack_tests::vectors::{cpython_dir, decode_hex};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn kind<T: std::fmt::Debug>(r: Result<T, netpack::Error>) -> ErrorKind {
    match r {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => e.kind(),
    }
}

/// Every whole message Python wrote (`op: encode` in the vectors).
fn python_messages() -> Vec<(String, Vec<u8>)> {
    let path = cpython_dir().join("message_vectors.jsonl");
    let text = std::fs::read_to_string(&path).expect("read the message vectors");
    text.lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("JSON"))
        .filter(|j| j["op"] == "encode")
        .map(|j| {
            (
                j["type"].as_str().unwrap().to_string(),
                decode_hex(j["hex"].as_str().unwrap()),
            )
        })
        .collect()
}

#[test]
fn every_truncation_of_every_python_message_is_refused() {
    let messages = python_messages();
    assert!(messages.len() >= 600, "{} messages", messages.len());
    let mut cuts = 0;
    for (name, bytes) in &messages {
        // Long messages: every cut in the first 64 bytes and the last 64 (the
        // parts and the ends of the fields), and every 37th in between.
        let keep = |k: &usize| *k < 64 || *k + 64 >= bytes.len() || k.is_multiple_of(37);
        for k in (0..bytes.len()).filter(keep) {
            check_truncation(name, &bytes[..k]);
            cuts += 1;
        }
    }
    println!("{cuts} truncations of {} messages", messages.len());
}

/// A header that announces more than the buffer holds: refused before the
/// field is allocated (or its bytes looked at).
#[test]
fn lengths_past_the_buffer_are_refused_without_allocating() {
    // ChatFrame: `!IBQ`, len 4096 (at the cap), then 10 bytes of body.
    let mut frame = Vec::new();
    frame.extend_from_slice(&4096u32.to_be_bytes());
    frame.push(2);
    frame.extend_from_slice(&7u64.to_be_bytes());
    frame.extend_from_slice(b"0123456789");
    let (r, a) = measure(|| ChatFrame::decode_prefix(&frame));
    assert_eq!(kind(r), ErrorKind::BufferSize);
    assert_eq!(a, NOTHING, "ChatFrame with a short body");

    // Polyline: 100 points announced (at the cap), 3 present.
    let mut poly = 100u16.to_le_bytes().to_vec();
    poly.extend_from_slice(&[0; 24]);
    let (r, a) = measure(|| Polyline::decode_prefix(&poly));
    assert_eq!(kind(r), ErrorKind::BufferSize);
    assert_eq!(a, NOTHING, "Polyline with 3 of 100 points");

    // A NUL-terminated field that runs to the end of the buffer.
    let (r, a) = measure(|| Request::decode_prefix(b"no terminator here"));
    assert_eq!(kind(r), ErrorKind::BufferSize);
    assert_eq!(a, NOTHING, "Request without a NUL");
}

/// A length over its cap: refused before the buffer is looked at, whatever
/// the buffer holds.
#[test]
fn lengths_over_the_cap_are_refused_without_allocating() {
    let big = vec![b'x'; 70_000];
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("ChatFrame len u32::MAX", {
            let mut b = u32::MAX.to_be_bytes().to_vec();
            b.extend_from_slice(&[2, 0, 0, 0, 0, 0, 0, 0, 0]);
            b.extend_from_slice(&big);
            b
        }),
        ("ChatFrame len 4097", {
            let mut b = 4097u32.to_be_bytes().to_vec();
            b.extend_from_slice(&[2, 0, 0, 0, 0, 0, 0, 0, 0]);
            b.extend_from_slice(&big);
            b
        }),
        ("Capped n 255", {
            let mut b = vec![255];
            b.extend_from_slice(&big);
            b
        }),
        ("Polyline 65535 points", {
            let mut b = 65535u16.to_le_bytes().to_vec();
            b.extend_from_slice(&big);
            b
        }),
        ("Request filename without NUL in 70000 bytes", big.clone()),
        ("Tftp Data of 70000 bytes", {
            let mut b = vec![0, 3, 0, 1];
            b.extend_from_slice(&big);
            b
        }),
    ];
    for (what, bytes) in &cases {
        let (r, a) = match *what {
            w if w.starts_with("ChatFrame") => {
                let (r, a) = measure(|| ChatFrame::decode_prefix(bytes));
                (r.map(|_| ()), a)
            }
            w if w.starts_with("Capped") => {
                let (r, a) = measure(|| Capped::decode_prefix(bytes));
                (r.map(|_| ()), a)
            }
            w if w.starts_with("Polyline") => {
                let (r, a) = measure(|| Polyline::decode_prefix(bytes));
                (r.map(|_| ()), a)
            }
            w if w.starts_with("Request") => {
                let (r, a) = measure(|| Request::decode_prefix(bytes));
                (r.map(|_| ()), a)
            }
            _ => {
                let (r, a) = measure(|| Tftp::decode_prefix(bytes));
                (r.map(|_| ()), a)
            }
        };
        assert_eq!(kind(r), ErrorKind::TooLong, "{what}");
        assert_eq!(a, NOTHING, "{what}");
    }
}

/// A wrong magic is refused at once, before the owned fields after it are
/// allocated; a computed length over its cap, before its data is looked at.
#[test]
fn magics_and_computed_lengths_are_refused_without_allocating() {
    let big = vec![b'x'; 70_000];
    // Wave: `RIFX`, then a `data` announced at its cap.
    let mut wave = b"RIFX\x24\0\0\0WAVEfmt \x02\0\0\0ffdata\x40\0\0\0".to_vec();
    wave.extend_from_slice(&big[..64]);
    let (r, a) = measure(|| Wave::decode_prefix(&wave));
    assert_eq!(kind(r), ErrorKind::BadMagic);
    assert_eq!(a, NOTHING, "Wave with a bad magic");
    // A command whose magic differs in its first byte, before the rest arrives.
    let (r, a) = measure(|| Command::decode_prefix(b"\x02X"));
    assert_eq!(kind(r), ErrorKind::BadMagic);
    assert_eq!(a, NOTHING, "Command::Send with a bad magic");
    // Framed: a body of 65535 bytes announced, over the cap of 64 (the name
    // before it empty: an owned field before the refusal is allocated).
    let mut framed = b"\xff\xff\x01\x00\0".to_vec();
    framed.extend_from_slice(&big);
    let (r, a) = measure(|| Framed::decode_prefix(&framed));
    assert_eq!(kind(r), ErrorKind::TooLong);
    assert_eq!(a, NOTHING, "Framed with a body over its cap");
    // PngChunk: 4 GiB announced.
    let mut png = b"\xff\xff\xff\xffIDAT".to_vec();
    png.extend_from_slice(&big);
    let (r, a) = measure(|| PngChunk::decode_prefix(&png));
    assert_eq!(kind(r), ErrorKind::TooLong);
    assert_eq!(a, NOTHING, "PngChunk of 4 GiB");
}

/// A decode allocates exactly its owned fields, once each, at their final
/// size; borrowed fields cost nothing.
#[test]
fn decoding_allocates_once_per_owned_field() {
    let frame = ChatFrame {
        len: 11,
        kind: 2,
        sent_ms: 1,
        body: "hello there".into(),
    }
    .encode()
    .unwrap();
    let (r, a) = measure(|| ChatFrame::decode(&frame));
    r.unwrap();
    assert_eq!(
        a,
        Allocated {
            bytes: 11,
            calls: 1
        },
        "ChatFrame"
    );

    let poly = Polyline {
        points: vec![Point { x: 1, y: 2 }; 5],
        count: 3,
        tags: vec![7, 8, 9],
    }
    .encode()
    .unwrap();
    let (r, a) = measure(|| Polyline::decode(&poly));
    r.unwrap();
    assert_eq!(
        a,
        Allocated {
            bytes: 5 * 8 + 3 * 2,
            calls: 2
        },
        "Polyline"
    );

    let rrq = b"\x00\x01pub/rfc/rfc1350.txt\x00octet\x00";
    let (r, a) = measure(|| Rrq::decode(rrq));
    assert_eq!(r.unwrap().mode, "octet");
    assert_eq!(a, NOTHING, "Rrq borrows");

    let mut record = Vec::new();
    for x in [1u32, 2, 1500, 1500] {
        record.extend_from_slice(&x.to_le_bytes());
    }
    record.extend_from_slice(&[0xab; 1500]);
    let (r, a) = measure(|| PcapRecord::decode(&record));
    assert_eq!(r.unwrap().data.len(), 1500);
    assert_eq!(a, NOTHING, "PcapRecord borrows");
}

/// A stream that gives `head`, then `tail` repeated forever (or ends, if
/// `tail` is empty), and counts the bytes it gave.
struct Peer<'a> {
    head: &'a [u8],
    tail: &'a [u8],
    given: usize,
}

impl std::io::Read for Peer<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = if !self.head.is_empty() {
            let n = self.head.len().min(buf.len());
            buf[..n].copy_from_slice(&self.head[..n]);
            self.head = &self.head[n..];
            n
        } else if self.tail.is_empty() {
            0
        } else {
            for (i, b) in buf.iter_mut().enumerate() {
                *b = self.tail[i % self.tail.len()];
            }
            buf.len()
        };
        self.given += n;
        Ok(n)
    }
}

/// Reads one `T` from a peer; returns what `io::read` said, the bytes the peer
/// gave, and what the read allocated (and its largest single allocation).
fn read_from<T>(head: &[u8], tail: &[u8]) -> (String, usize, Allocated, usize)
where
    T: for<'a> Message<'a> + netpack::Capped + std::fmt::Debug,
{
    let mut peer = Peer {
        head,
        tail,
        given: 0,
    };
    let (r, a, largest) = measure_largest(|| netpack::io::read::<T, _>(&mut peer).map(|_| ()));
    let said = match r {
        Ok(()) => "ok".to_string(),
        Err(e) => e.to_string(),
    };
    (said, peer.given, a, largest)
}

/// A peer that lies about a length: the stream reader refuses a length over the
/// cap before reading the data, stops at the end of a short stream, and never
/// reads or allocates more than the message's `MAX_SIZE`, even from a peer that
/// never stops sending.
#[test]
fn lying_lengths_in_a_stream_never_make_the_reader_allocate_past_the_cap() {
    let max = <ChatFrame as Message>::MAX_SIZE.unwrap();
    let header = |len: u32| {
        let mut h = len.to_be_bytes().to_vec();
        h.extend_from_slice(&[2, 0, 0, 0, 0, 0, 0, 0, 7]);
        h
    };

    // 4 GiB announced: refused after the 13-byte header.
    let (said, given, a, _) = read_from::<ChatFrame>(&header(u32::MAX), b"x");
    assert!(said.contains("over the cap of 4096"), "{said}");
    assert!(given <= 13 + 64, "read {given} bytes");
    assert!(a.bytes <= 64, "allocated {a:?}");

    // 4096 announced (at the cap), 10 sent, then the peer hangs up.
    let mut short = header(4096);
    short.extend_from_slice(b"0123456789");
    let (said, given, a, largest) = read_from::<ChatFrame>(&short, b"");
    assert!(
        said.contains("truncated") || said.contains("ends"),
        "{said}"
    );
    assert_eq!(given, 23);
    assert!(
        largest <= max,
        "largest allocation {largest} > MAX_SIZE {max}"
    );
    assert!(a.bytes <= 2 * max, "allocated {a:?}");

    // A NUL-terminated field from a peer that never sends the NUL: refused
    // once the cap is passed, not one byte later.
    let max = <Request as Message>::MAX_SIZE.unwrap();
    let (said, given, a, largest) = read_from::<Request>(b"", b"x");
    assert!(said.contains("no NUL terminator within 255"), "{said}");
    assert!(given <= max, "read {given} bytes, MAX_SIZE {max}");
    assert!(
        largest <= max,
        "largest allocation {largest} > MAX_SIZE {max}"
    );
    assert!(a.bytes <= 4 * max, "allocated {a:?}");

    // 65535 points announced, at most 100 allowed: refused after the prefix.
    let (said, given, a, _) = read_from::<Polyline>(&[0xff, 0xff], &[0]);
    assert!(said.contains("over the cap of 100"), "{said}");
    assert!(given <= 64, "read {given} bytes");
    assert!(a.bytes <= 64, "allocated {a:?}");

    // And an honest peer: exactly one message, not a byte further.
    let frame = ChatFrame {
        len: 5,
        kind: 2,
        sent_ms: 9,
        body: "hello".into(),
    };
    let mut wire = frame.encode().unwrap();
    wire.extend_from_slice(b"next");
    let mut stream = std::io::Cursor::new(wire);
    let back: ChatFrame = netpack::io::read(&mut stream).unwrap().unwrap();
    assert_eq!(back, frame);
    assert_eq!(stream.position(), 18);
}

/// A stream of variable-size messages read with one buffer costs the messages'
/// own allocations: `read_with` assembles each one in the caller's buffer (one
/// `String` per `ChatFrame` here, where each read once cost three). `read`, which
/// keeps nothing between calls, costs its buffer too.
#[test]
fn a_stream_of_messages_allocates_only_the_messages() {
    let mut wire = Vec::new();
    for i in 0..100u64 {
        let body = "x".repeat(200 - i as usize);
        let frame = ChatFrame {
            len: body.len() as u32,
            kind: 2,
            sent_ms: i,
            body,
        };
        wire.extend(frame.encode().unwrap());
    }
    let mut stream = std::io::Cursor::new(wire.clone());
    let mut buf = Vec::new();
    // The first (and longest) read grows the buffer; later ones reuse it.
    let first: ChatFrame = netpack::io::read_with(&mut stream, &mut buf)
        .unwrap()
        .unwrap();
    assert_eq!(first.sent_ms, 0);
    for i in 1..100u64 {
        let (frame, a) = measure(|| netpack::io::read_with::<ChatFrame, _>(&mut stream, &mut buf));
        let frame = frame.unwrap().unwrap();
        assert_eq!((frame.sent_ms, frame.body.len()), (i, 200 - i as usize));
        assert_eq!(
            a,
            Allocated {
                bytes: frame.body.len(),
                calls: 1
            },
            "frame {i}"
        );
    }
    assert!(
        netpack::io::read_with::<ChatFrame, _>(&mut stream, &mut buf)
            .unwrap()
            .is_none()
    );

    // Without a buffer of the caller's: the header, then the whole frame (a
    // reallocation), then the body's `String`.
    let mut stream = std::io::Cursor::new(wire);
    let (frame, a) = measure(|| netpack::io::read::<ChatFrame, _>(&mut stream));
    let frame = frame.unwrap().unwrap();
    assert_eq!(a.calls, 3, "{a:?}");
    assert_eq!(a.bytes, 13 + (13 + 200) + frame.body.len(), "{a:?}");
}
