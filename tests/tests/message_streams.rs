//! Messages on streams: `netpack::io`, `netpack::buf` and the tokio codec read
//! exactly one message, never buffer more than its cap, and refuse lying
//! lengths before reading them.

use bytes::{Buf, BytesMut};
use netpack::buf::{BufExt, BufMutExt};
use netpack::io::{Error, FrameCodec, MessageCodec};
use netpack::{ErrorKind, Message, NetPack};
use std::io::{Cursor, Read};
use tokio_util::codec::{Decoder, Encoder};

/// struct.pack("!H", opcode) + filename + b"\0" + struct.pack("!H", len(data)) + data
#[derive(NetPack, Debug, PartialEq, Clone)]
struct Put {
    opcode: u16,
    #[netpack(nul, max = 32)]
    filename: String,
    #[netpack(len_prefix = "H", max = 100)]
    data: Vec<u8>,
}

/// A frame body: struct.pack("!B", kind) + body
#[derive(NetPack, Debug, PartialEq)]
struct Body<'a> {
    kind: u8,
    #[netpack(rest)]
    text: &'a str,
}

fn put(name: &str, data: &[u8]) -> Put {
    Put {
        opcode: 2,
        filename: name.into(),
        data: data.to_vec(),
    }
}

/// Hands out one byte per `read`, and counts the bytes asked for.
struct Trickle<'a> {
    bytes: &'a [u8],
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.bytes.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(dst)) => {
                *dst = b;
                self.bytes = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn io_reads_exactly_one_message_at_a_time() {
    let messages = [
        put("a", b"xy"),
        put("", b""),
        put("long-name.bin", &[7; 100]),
    ];
    let mut wire = Vec::new();
    for m in &messages {
        netpack::io::write(&mut wire, m).unwrap();
    }
    let mut r = Trickle { bytes: &wire };
    for m in &messages {
        assert_eq!(
            netpack::io::read::<Put, _>(&mut r).unwrap().as_ref(),
            Some(m)
        );
    }
    assert!(netpack::io::read::<Put, _>(&mut r).unwrap().is_none());

    let mut stream = Cursor::new(wire.clone());
    let first: Put = netpack::io::read(&mut stream).unwrap().unwrap();
    assert_eq!(first, messages[0]);
    assert_eq!(stream.position() as usize, messages[0].encoded_len());
}

#[test]
fn io_refuses_lying_lengths_and_reports_truncation() {
    // A length of 65535 where the cap is 100: refused after the 2 length bytes.
    let mut stream = Cursor::new(b"\0\x02a\0\xff\xff".to_vec());
    let err = netpack::io::read::<Put, _>(&mut stream).unwrap_err();
    let Error::Pack(e) = &err else {
        panic!("{err}")
    };
    assert_eq!(e.kind(), ErrorKind::TooLong);
    assert_eq!(
        err.to_string(),
        "bad message: Put.data: length 65535 is over the cap of 100 at offset 6"
    );
    assert_eq!(stream.position(), 6);

    // A file name that never ends: refused at the cap, not read further.
    let mut long = b"\0\x02".to_vec();
    long.extend([b'a'; 1000]);
    let mut stream = Cursor::new(long);
    let err = netpack::io::read::<Put, _>(&mut stream).unwrap_err();
    assert!(
        err.to_string()
            .contains("no NUL terminator within 32 bytes"),
        "{err}"
    );
    assert!(stream.position() <= 2 + 33);

    let err = netpack::io::read::<Put, _>(&mut Cursor::new(b"\0\x02ab\0\0\x05xy")).unwrap_err();
    assert!(
        matches!(err, Error::Truncated { needed: 12, got: 9 }),
        "{err:?}"
    );
}

#[test]
fn frames_carry_messages_with_a_rest_field() {
    let frames = FrameCodec::<u16>::new(64);
    let body = Body {
        kind: 1,
        text: "hello",
    }
    .encode()
    .unwrap();
    let mut wire = Vec::new();
    frames
        .write(&mut wire, &(body.len() as u16), &body)
        .unwrap();
    let frame = frames.read(&mut Cursor::new(wire)).unwrap().unwrap();
    let got: Body = frame.message().unwrap();
    assert_eq!(
        got,
        Body {
            kind: 1,
            text: "hello"
        }
    );
}

#[test]
fn buf_reads_and_writes_messages() {
    let mut out = BytesMut::new();
    out.try_put_netpack(&put("f", b"1")).unwrap();
    out.try_put_netpack(&5u16).unwrap();
    let wire = out.freeze();

    // Split over two chunks, anywhere.
    for cut in 0..wire.len() {
        let mut input = Buf::chain(&wire[..cut], &wire[cut..]);
        assert_eq!(input.try_get_netpack::<Put>().unwrap(), put("f", b"1"));
        assert_eq!(input.try_get_netpack::<u16>().unwrap(), 5);
        assert_eq!(input.remaining(), 0);
    }
    // Too short: an error, and nothing consumed.
    let mut input = &wire[..5];
    let err = input.try_get_netpack::<Put>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
    assert_eq!(input.len(), 5);

    let mut storage = [0u8; 4];
    let mut small = &mut storage[..];
    assert!(small.try_put_netpack(&put("f", b"1")).is_err());
    assert_eq!(storage, [0; 4]);
}

/// A `Buf` of one-byte chunks that shows all of them to `chunks_vectored`, as
/// `Chain` and `VecDeque` do: a message is spread over as many chunks as it
/// has bytes.
struct Crumbs {
    bytes: Vec<u8>,
    at: usize,
}

impl Buf for Crumbs {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }
    fn chunk(&self) -> &[u8] {
        &self.bytes[self.at..(self.at + 1).min(self.bytes.len())]
    }
    fn advance(&mut self, n: usize) {
        self.at += n;
    }
    fn chunks_vectored<'a>(&'a self, dst: &mut [std::io::IoSlice<'a>]) -> usize {
        let rest = &self.bytes[self.at..];
        let mut n = 0;
        for (slot, byte) in dst.iter_mut().zip(rest.chunks(1)) {
            *slot = std::io::IoSlice::new(byte);
            n += 1;
        }
        n
    }
}

/// `netpack::buf` once looked at 64 chunks at most: a message over more was
/// reported as too short.
#[test]
fn buf_reads_a_message_over_hundreds_of_chunks() {
    let message = put("name", &[7; 100]);
    let mut wire = message.encode().unwrap();
    wire.extend_from_slice(b"\x00\x05");
    assert!(wire.len() > 100);
    let mut input = Crumbs { bytes: wire, at: 0 };
    assert_eq!(input.try_get_netpack::<Put>().unwrap(), message);
    assert_eq!(input.try_get_netpack::<u16>().unwrap(), 5);
    assert_eq!(input.remaining(), 0);
}

#[test]
fn tokio_codec_decodes_messages_split_anywhere() {
    let mut codec = MessageCodec::<Put>::new();
    let messages = [put("a", b"xy"), put("bb", b"")];
    let mut wire = BytesMut::new();
    for m in &messages {
        codec.encode(m, &mut wire).unwrap();
    }
    for cut in 0..wire.len() {
        let mut src = BytesMut::from(&wire[..cut]);
        let mut got = Vec::new();
        while let Some(m) = codec.decode(&mut src).unwrap() {
            got.push(m);
        }
        src.extend_from_slice(&wire[cut..]);
        while let Some(m) = codec.decode_eof(&mut src).unwrap() {
            got.push(m);
        }
        assert_eq!(got, messages, "cut at {cut}");
    }
    // A lying length is refused without reserving room for it.
    let mut src = BytesMut::from(&b"\0\x02a\0\xff\xff"[..]);
    let capacity = src.capacity();
    assert!(codec.decode(&mut src).is_err());
    assert_eq!(src.capacity(), capacity);
    // Cut short at the end of the stream.
    let mut src = BytesMut::from(&b"\0\x02a"[..]);
    assert!(matches!(
        codec.decode_eof(&mut src),
        Err(Error::Truncated { needed: 4, got: 3 })
    ));
}

/// Tagged, with a whole message in a variant: capped when the message is.
#[derive(NetPack, Debug, PartialEq)]
#[netpack(tag = "B")]
enum Command {
    #[netpack(tag = 1)]
    Put(Put),
    #[netpack(tag = 2)]
    Quit,
}

/// A message field: capped when its type is.
#[derive(NetPack, Debug, PartialEq)]
struct Batch {
    id: u8,
    #[netpack(message)]
    first: Command,
    #[netpack(message)]
    second: Put,
}

#[test]
fn nested_messages_are_read_from_streams_when_capped() {
    fn capped<T: netpack::Capped>() {}
    capped::<Command>();
    capped::<Batch>();
    let batch = Batch {
        id: 1,
        first: Command::Put(put("a", b"1")),
        second: put("b", b""),
    };
    let mut wire = Vec::new();
    netpack::io::write(&mut wire, &batch).unwrap();
    netpack::io::write(&mut wire, &Command::Quit).unwrap();
    let mut r = Trickle { bytes: &wire };
    assert_eq!(netpack::io::read::<Batch, _>(&mut r).unwrap(), Some(batch));
    assert_eq!(
        netpack::io::read::<Command, _>(&mut r).unwrap(),
        Some(Command::Quit)
    );
    assert_eq!(
        Batch::MAX_SIZE,
        Some(1 + (1 + Put::MAX_SIZE.unwrap()) + Put::MAX_SIZE.unwrap())
    );
}
