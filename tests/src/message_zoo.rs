//! The message zoo: derived messages with every kind of variable-length field,
//! tagged enums and the whole-format attributes (byte order at run time,
//! `order_by`, magic, `Len`, checksums), each the twin of a class of
//! `tests/cpython/gen_messages.py` (which writes and reads it with `struct` +
//! slicing) and of a reader of [`crate::message_model`] (which reads it with
//! `netpack::unpack_from` + slicing).
//!
//! | field kind | where |
//! |---|---|
//! | `#[netpack(nul)]` `Vec<u8>` / `String` / `&[u8]` / `&str` | [`Request`], [`Rrq`], [`Tftp`], [`DnsQuestion`], [`Strings`] |
//! | `#[netpack(len = "…")]` bytes / `String` / `Vec<T>` | [`PcapRecord`], [`ChatFrame`], [`Capped`], [`Polyline`] |
//! | `#[netpack(len_prefix = "…")]` `B H I`, text, bytes, `Vec<T>` | [`DnsQuestion`], [`Polyline`], [`Nested`], [`Strings`] |
//! | `#[netpack(rest)]` | [`Tftp`] (`Data`), [`Nested`], [`Strings`], [`Route`] |
//! | `Vec<T>` / `Packed<'a, T>` of fixed structs and integers | [`Polyline`] / [`Route`] |
//! | `#[netpack(max = …)]` below the length code's range | [`Capped`], [`DnsQuestion`], [`Polyline`] |
//! | fixed parts between variable ones, nested fixed structs | [`DnsQuestion`], [`Nested`] |
//! | tagged enums: struct, tuple, unit variants, catch-all, nesting | [`Tftp`], [`Envelope`] |
//! | `#[netpack(message)]`: whole messages (structs, enums) as fields | [`Bundle`] |
//! | a field-less `#[repr]` enum with a catch-all | [`QType`] |
//! | a fixed `NetPack` struct as a message | [`Header`] |
//! | `#[netpack(len = "ihl * 4 - 20")]`: a length expression | [`IpOptions`] |
//! | `#[netpack(if = "…")]`: conditional parts | [`Flagged`] |
//! | `#[netpack(until = "…")]`, `count = "…"`: repetition | [`Labels`] |
//! | `#[netpack(align = 2)]`, `until_end`: alignment, repetition to the end | [`Riff`] |
//! | `#[netpack(with = "…")]`: a custom codec seeing the whole input | [`Pointers`] |
//! | `order = "runtime"`, driven in each order | [`Block`] as [`BlockLe`], [`BlockBe`] |
//! | `order_by = "…"`: a magic selects the order | [`PcapFile`] |
//! | `magic = b"…"` on a type, before fields, on enum variants | [`Wave`], [`Command`] |
//! | `Len<T>`: computed lengths | [`Framed`], [`PngChunk`] |
//! | `Checksum<u16>`, `checksum = "internet"` over a range holding it | [`Echo`] |
//! | `Checksum<u32>`, `"crc32"` over a range; a user's function; one covering another | [`PngChunk`], [`Stored`] |
//!
//! Every zoo message implements [`ZooMessage`]: its value as the JSON of the
//! vector file, so the derive, the model and Python can be compared.

use netpack::{ByteOrder, Checksum, Len, Message, NetPack, OrderedMessage, Packed};
use serde_json::{json, Value as Json};
use std::fmt::Debug;

use crate::message_model::y;

/// What every zoo message implements.
pub trait ZooMessage<'a>: Message<'a> + Debug + PartialEq {
    /// The value as the vector files write it.
    fn to_json(&self) -> Json;
}

/// `!BBI`: a fixed layout; as a message it is one part.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// `B`
    pub version: u8,
    /// `B`
    pub flags: u8,
    /// `I`
    pub seq: u32,
}

impl ZooMessage<'_> for Header {
    fn to_json(&self) -> Json {
        json!({"version": self.version, "flags": self.flags, "seq": self.seq})
    }
}

/// The body of a TFTP RRQ/WRQ: `filename + b"\0" + mode + b"\0"`.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// NUL-terminated bytes, at most 255.
    #[netpack(nul, max = 255)]
    pub filename: Vec<u8>,
    /// NUL-terminated text, at most 16 bytes.
    #[netpack(nul, max = 16)]
    pub mode: String,
}

impl ZooMessage<'_> for Request {
    fn to_json(&self) -> Json {
        json!({"filename": y(&self.filename), "mode": self.mode})
    }
}

/// RFC 1350 packets: a `!H` opcode, then the variant's parts; any other opcode
/// is kept by the catch-all.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(tag = "H")]
pub enum Tftp {
    /// 1: a read request (a message struct as a tuple variant).
    #[netpack(tag = 1)]
    Read(Request),
    /// 3: a block of data, the rest of the datagram (at most 512 bytes).
    #[netpack(tag = 3)]
    Data {
        /// `H`
        block: u16,
        /// The rest.
        #[netpack(rest, max = 512)]
        data: Vec<u8>,
    },
    /// 4: fixed fields only.
    #[netpack(tag = 4)]
    Ack {
        /// `H`
        block: u16,
    },
    /// 5: an error code and a NUL-terminated message.
    #[netpack(tag = 5)]
    Error {
        /// `H`
        code: u16,
        /// NUL-terminated text.
        #[netpack(nul, max = 255)]
        message: String,
    },
    /// Any other opcode, and the bytes after it.
    #[netpack(other)]
    Unknown(u16, Vec<u8>),
}

impl ZooMessage<'_> for Tftp {
    fn to_json(&self) -> Json {
        match self {
            Tftp::Read(r) => json!({"Read": r.to_json()}),
            Tftp::Data { block, data } => json!({"Data": {"block": block, "data": y(data)}}),
            Tftp::Ack { block } => json!({"Ack": {"block": block}}),
            Tftp::Error { code, message } => {
                json!({"Error": {"code": code, "message": message}})
            }
            Tftp::Unknown(tag, rest) => json!({"Unknown": [tag, y(rest)]}),
        }
    }
}

/// A TFTP read request borrowed from the datagram:
/// `struct.pack("!H", opcode) + filename + b"\0" + mode + b"\0"`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rrq<'a> {
    /// `H`
    pub opcode: u16,
    /// NUL-terminated bytes, at most 512.
    #[netpack(nul, max = 512)]
    pub filename: &'a [u8],
    /// NUL-terminated text, at most 16 bytes.
    #[netpack(nul, max = 16)]
    pub mode: &'a str,
}

impl<'a> ZooMessage<'a> for Rrq<'a> {
    fn to_json(&self) -> Json {
        json!({"opcode": self.opcode, "filename": y(self.filename), "mode": self.mode})
    }
}

/// A classic pcap record: `struct.pack("<IIII", …) + data`, `incl_len` bytes.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct PcapRecord<'a> {
    /// `I`
    pub ts_sec: u32,
    /// `I`
    pub ts_usec: u32,
    /// `I`: the length of `data`.
    pub incl_len: u32,
    /// `I`
    pub orig_len: u32,
    /// `incl_len` bytes, at most 65535.
    #[netpack(len = "incl_len", max = 65535)]
    pub data: &'a [u8],
}

impl<'a> ZooMessage<'a> for PcapRecord<'a> {
    fn to_json(&self) -> Json {
        json!({"ts_sec": self.ts_sec, "ts_usec": self.ts_usec, "incl_len": self.incl_len,
               "orig_len": self.orig_len, "data": y(self.data)})
    }
}

/// The chat frame: `struct.pack("!IBQ", len(body), kind, sent_ms) + body`.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct ChatFrame {
    /// `I`: the length of `body`.
    pub len: u32,
    /// `B`
    pub kind: u8,
    /// `Q`
    pub sent_ms: u64,
    /// `len` bytes of UTF-8, at most 4096.
    #[netpack(len = "len", max = 4096)]
    pub body: String,
}

impl ZooMessage<'_> for ChatFrame {
    fn to_json(&self) -> Json {
        json!({"len": self.len, "kind": self.kind, "sent_ms": self.sent_ms, "body": self.body})
    }
}

/// A DNS query type: a field-less enum whose unknown values are kept, not
/// refused.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum QType {
    /// 1
    A = 1,
    /// 2
    Ns = 2,
    /// 5
    Cname = 5,
    /// 15
    Mx = 15,
    /// 28
    Aaaa = 28,
    /// 255
    Any = 255,
    /// Any other value.
    #[netpack(other)]
    Other(u16),
}

impl QType {
    /// The value on the wire.
    pub fn value(self) -> u16 {
        match self {
            QType::A => 1,
            QType::Ns => 2,
            QType::Cname => 5,
            QType::Mx => 15,
            QType::Aaaa => 28,
            QType::Any => 255,
            QType::Other(v) => v,
        }
    }

    /// The variant for a value on the wire.
    pub fn from_value(v: u16) -> QType {
        match v {
            1 => QType::A,
            2 => QType::Ns,
            5 => QType::Cname,
            15 => QType::Mx,
            28 => QType::Aaaa,
            255 => QType::Any,
            v => QType::Other(v),
        }
    }
}

/// DNS-like: fixed parts between a length-prefixed label, a NUL-terminated name
/// and a length-prefixed blob.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct DnsQuestion<'a> {
    /// `H`
    pub id: u16,
    /// A `B` length, then at most 63 bytes of UTF-8.
    #[netpack(len_prefix = "B", max = 63)]
    pub label: &'a str,
    /// NUL-terminated bytes, at most 255.
    #[netpack(nul, max = 255)]
    pub name: Vec<u8>,
    /// `H`, with a catch-all.
    pub qtype: QType,
    /// `H`
    pub qclass: u16,
    /// An `H` length, then at most 1024 bytes.
    #[netpack(len_prefix = "H", max = 1024)]
    pub txt: Vec<u8>,
}

impl<'a> ZooMessage<'a> for DnsQuestion<'a> {
    fn to_json(&self) -> Json {
        json!({"id": self.id, "label": self.label, "name": y(&self.name),
               "qtype": self.qtype.value(), "qclass": self.qclass, "txt": y(&self.txt)})
    }
}

/// `<ii`: an element of [`Polyline`].
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct Point {
    /// `i`
    pub x: i32,
    /// `i`
    pub y: i32,
}

/// `Vec` of fixed structs and of integers, little-endian.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct Polyline {
    /// An `H` count, then that many `<ii` points (at most 100).
    #[netpack(len_prefix = "H", max = 100)]
    pub points: Vec<Point>,
    /// `B`: the number of tags.
    pub count: u8,
    /// `count` `<H` tags (at most 8).
    #[netpack(len = "count", max = 8)]
    pub tags: Vec<u16>,
}

impl ZooMessage<'_> for Polyline {
    fn to_json(&self) -> Json {
        let points: Vec<Json> = self
            .points
            .iter()
            .map(|p| json!({"x": p.x, "y": p.y}))
            .collect();
        json!({"points": points, "count": self.count, "tags": self.tags})
    }
}

/// Fixed structs around variable fields.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Nested<'a> {
    /// `BBI`, inlined.
    pub header: Header,
    /// A `B` length, then UTF-8 (the length code is the only bound).
    #[netpack(len_prefix = "B")]
    pub name: String,
    /// `BBI`, inlined.
    pub trailer: Header,
    /// The rest, at most 64 bytes, borrowed.
    #[netpack(rest, max = 64)]
    pub extra: &'a [u8],
}

impl<'a> ZooMessage<'a> for Nested<'a> {
    fn to_json(&self) -> Json {
        json!({"header": self.header.to_json(), "name": self.name,
               "trailer": self.trailer.to_json(), "extra": y(self.extra)})
    }
}

/// Owned and borrowed text, big-endian.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(order = ">")]
pub struct Strings<'a> {
    /// An `I` length, then at most 100 bytes of UTF-8.
    #[netpack(len_prefix = "I", max = 100)]
    pub owned: String,
    /// NUL-terminated UTF-8, at most 100 bytes.
    #[netpack(nul, max = 100)]
    pub borrowed: &'a str,
    /// The rest, UTF-8, at most 100 bytes.
    #[netpack(rest, max = 100)]
    pub rest: String,
}

impl<'a> ZooMessage<'a> for Strings<'a> {
    fn to_json(&self) -> Json {
        json!({"owned": self.owned, "borrowed": self.borrowed, "rest": self.rest})
    }
}

/// A cap below the length field's range: a `B` count, at most 10 bytes.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Capped {
    /// `B`
    pub n: u8,
    /// `n` bytes, at most 10.
    #[netpack(len = "n", max = 10)]
    pub data: Vec<u8>,
}

impl ZooMessage<'_> for Capped {
    fn to_json(&self) -> Json {
        json!({"n": self.n, "data": y(&self.data)})
    }
}

/// Messages in a tagged enum, no catch-all: an unknown tag is an error.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(tag = "B")]
pub enum Envelope {
    /// 1
    #[netpack(tag = 1)]
    Points(Polyline),
    /// 2
    #[netpack(tag = 2)]
    Frame(ChatFrame),
    /// 3: an enum in an enum.
    #[netpack(tag = 3)]
    Packet(Tftp),
    /// 4: nothing after the tag.
    #[netpack(tag = 4)]
    Empty,
}

impl ZooMessage<'_> for Envelope {
    fn to_json(&self) -> Json {
        match self {
            Envelope::Points(p) => json!({"Points": p.to_json()}),
            Envelope::Frame(f) => json!({"Frame": f.to_json()}),
            Envelope::Packet(t) => json!({"Packet": t.to_json()}),
            Envelope::Empty => json!("Empty"),
        }
    }
}

/// Borrowed views of fixed records: `Packed<'a, T>` fields, counted by a prefix
/// and taking the rest. The elements take the message's order (`!`), not the
/// one `Point` declares for itself, as any nested struct does.
#[derive(NetPack, Debug, Clone, Copy, PartialEq)]
pub struct Route<'a> {
    /// `H`
    pub id: u16,
    /// A `B` count, then that many `!ii` points (at most 16), borrowed.
    #[netpack(len_prefix = "B", max = 16)]
    pub hops: Packed<'a, Point>,
    /// The rest, as `!H` ports (at most 32), borrowed.
    #[netpack(rest, max = 32)]
    pub ports: Packed<'a, u16>,
}

impl<'a> ZooMessage<'a> for Route<'a> {
    fn to_json(&self) -> Json {
        let hops: Vec<Json> = self
            .hops
            .iter()
            .map(|p| json!({"x": p.x, "y": p.y}))
            .collect();
        let ports: Vec<u16> = self.ports.iter().collect();
        json!({"id": self.id, "hops": hops, "ports": ports})
    }
}

/// Whole messages as fields (`#[netpack(message)]`): a struct, a borrowed
/// struct and a tagged enum nested in a message, the enum last because it may
/// end in a `rest`.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Bundle<'a> {
    /// `I`
    pub seq: u32,
    /// A whole [`DnsQuestion`].
    #[netpack(message)]
    pub question: DnsQuestion<'a>,
    /// A whole [`ChatFrame`].
    #[netpack(message)]
    pub frame: ChatFrame,
    /// A whole [`Tftp`] packet.
    #[netpack(message)]
    pub packet: Tftp,
}

impl<'a> ZooMessage<'a> for Bundle<'a> {
    fn to_json(&self) -> Json {
        json!({"seq": self.seq, "question": self.question.to_json(),
               "frame": self.frame.to_json(), "packet": self.packet.to_json()})
    }
}

/// A length expression (`len = "ihl * 4 - 20"`): IPv4's options.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct IpOptions {
    /// `B`: the header length in 32-bit words.
    pub ihl: u8,
    /// `B`
    pub proto: u8,
    /// `ihl * 4 - 20` bytes, at most 40.
    #[netpack(len = "ihl * 4 - 20", max = 40)]
    pub options: Vec<u8>,
}

impl ZooMessage<'_> for IpOptions {
    fn to_json(&self) -> Json {
        json!({"ihl": self.ihl, "proto": self.proto, "options": y(&self.options)})
    }
}

/// Conditional parts (`if = "…"`): a [`Header`] when bit 0 of `flags` is set,
/// a [`Request`] when bit 1 is.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Flagged {
    /// `B`
    pub flags: u8,
    /// Present when `flags & 1 != 0`.
    #[netpack(if = "flags & 1 != 0")]
    pub header: Option<Header>,
    /// Present when `flags & 2 != 0`.
    #[netpack(if = "flags & 2 != 0")]
    pub request: Option<Request>,
    /// `H`
    pub tail: u16,
}

impl ZooMessage<'_> for Flagged {
    fn to_json(&self) -> Json {
        json!({"flags": self.flags,
               "header": self.header.as_ref().map(ZooMessage::to_json),
               "request": self.request.as_ref().map(ZooMessage::to_json),
               "tail": self.tail})
    }
}

/// A DNS label: a `B` length (at most 63), then the bytes.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label's bytes.
    #[netpack(len_prefix = "B", max = 63)]
    pub bytes: Vec<u8>,
}

impl Label {
    /// The empty label ends a name.
    pub fn is_root(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Repetition: labels up to the empty one (`until`, the empty one kept), then
/// a `B` count of [`ChatFrame`]s (`count`).
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// At most 8 labels, the last one empty.
    #[netpack(until = "Label::is_root", max = 8)]
    pub labels: Vec<Label>,
    /// `B`: the number of frames.
    pub count: u8,
    /// `count` frames, at most 4.
    #[netpack(count = "count", max = 4)]
    pub frames: Vec<ChatFrame>,
}

impl ZooMessage<'_> for Labels {
    fn to_json(&self) -> Json {
        let labels: Vec<Json> = self.labels.iter().map(|l| y(&l.bytes)).collect();
        let frames: Vec<Json> = self.frames.iter().map(ZooMessage::to_json).collect();
        json!({"labels": labels, "count": self.count, "frames": frames})
    }
}

/// A RIFF chunk, little-endian: `<4sI`, `size` bytes, padded to even
/// (`align = 2`).
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct RiffChunk {
    /// `4s`
    pub id: [u8; 4],
    /// `I`: the data's length.
    pub size: u32,
    /// `size` bytes (at most 64), then a zero byte if `size` is odd.
    #[netpack(len = "size", max = 64, align = 2)]
    pub data: Vec<u8>,
}

/// Alignment and repetition to the end of the input: a `4s` form type, then
/// [`RiffChunk`]s (at most 8) up to the end.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct Riff {
    /// `4s`
    pub form: [u8; 4],
    /// Chunks up to the end of the input.
    #[netpack(until_end, max = 8)]
    pub chunks: Vec<RiffChunk>,
}

impl ZooMessage<'_> for Riff {
    fn to_json(&self) -> Json {
        let chunks: Vec<Json> = self
            .chunks
            .iter()
            .map(|c| json!({"id": y(&c.id), "size": c.size, "data": y(&c.data)}))
            .collect();
        json!({"form": y(&self.form), "chunks": chunks})
    }
}

/// A value found at an absolute offset of the whole input: a `!H` offset, and
/// the byte at that offset (the codec of [`Pointers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pointer {
    /// Where the target is, from the start of the whole input.
    pub offset: u16,
    /// The byte there.
    pub target: u8,
}

/// The [`netpack::FieldCodec`] of a [`Pointer`]: reads the byte it points to in
/// the whole input; writes the offset only.
pub struct PointerCodec;

impl<'a> netpack::FieldCodec<'a, Pointer> for PointerCodec {
    const MAX_SIZE: Option<usize> = Some(2);

    fn decode(input: &'a [u8], pos: usize) -> Result<(Pointer, usize), netpack::Error> {
        let (offset,) = netpack::unpack!("!H", input.get(pos..pos + 2).unwrap_or(&[]))
            .map_err(|_| netpack::Error::buffer_too_small(pos + 2, input.len()))?;
        match input.get(usize::from(offset)) {
            Some(&target) => Ok((Pointer { offset, target }, 2)),
            None => Err(netpack::Error::invalid_data(
                "a pointer past the end of the input",
            )),
        }
    }

    fn encoded_len(_: &Pointer) -> usize {
        2
    }

    fn encode(p: &Pointer, out: &mut Vec<u8>, _base: usize) -> Result<(), netpack::Error> {
        out.extend_from_slice(&netpack::pack!("!H", p.offset));
        Ok(())
    }
}

/// Custom codecs (`with = "…"`) that see the whole input, nested in a
/// message: a `!H` id, then a [`PointerPair`].
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Pointers {
    /// `H`
    pub id: u16,
    /// Two pointers, in a nested message.
    #[netpack(message)]
    pub pair: PointerPair,
}

/// Two [`Pointer`]s.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct PointerPair {
    /// The first.
    #[netpack(with = "PointerCodec")]
    pub a: Pointer,
    /// The second.
    #[netpack(with = "PointerCodec")]
    pub b: Pointer,
}

impl ZooMessage<'_> for Pointers {
    fn to_json(&self) -> Json {
        let p = |p: &Pointer| json!({"offset": p.offset, "target": p.target});
        json!({"id": self.id, "a": p(&self.pair.a), "b": p(&self.pair.b)})
    }
}

/// `order = "runtime"`: a block in the order given at run time, driven by the
/// zoo through [`BlockLe`] and [`BlockBe`].
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(order = "runtime")]
pub struct Block<'a> {
    /// `H`
    pub kind: u16,
    /// `I`
    pub seq: u32,
    /// An `H` length, then at most 64 bytes, borrowed.
    #[netpack(len_prefix = "H", max = 64)]
    pub data: &'a [u8],
    /// `B`: the number of words.
    pub count: u8,
    /// `count` `I` words (at most 8).
    #[netpack(len = "count", max = 8)]
    pub words: Vec<u32>,
}

impl Block<'_> {
    fn to_json(&self) -> Json {
        json!({"kind": self.kind, "seq": self.seq, "data": y(self.data),
               "count": self.count, "words": self.words})
    }
}

/// A [`Block`] as a [`Message`] in one byte order, by `decode_with` and
/// `encode_with`: the zoo drives messages of one order.
macro_rules! ordered_block {
    ($(#[$doc:meta])* $name:ident, $order:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name<'a>(pub Block<'a>);

        impl<'a> Message<'a> for $name<'a> {
            const PARTS: &'static str = <Block<'a> as OrderedMessage<'a>>::PARTS;
            const MAX_SIZE: Option<usize> = <Block<'a> as OrderedMessage<'a>>::MAX_SIZE;

            fn encoded_len(&self) -> usize {
                OrderedMessage::encoded_len(&self.0)
            }

            fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), netpack::Error> {
                self.0.encode_into_with(out, $order)
            }

            fn decode_prefix(buf: &'a [u8]) -> Result<(Self, usize), netpack::Error> {
                Block::decode_prefix_with(buf, $order).map(|(b, n)| ($name(b), n))
            }

            fn decode(buf: &'a [u8]) -> Result<Self, netpack::Error> {
                Block::decode_with(buf, $order).map($name)
            }
        }

        impl<'a> ZooMessage<'a> for $name<'a> {
            fn to_json(&self) -> Json {
                self.0.to_json()
            }
        }
    };
}

ordered_block!(
    /// A [`Block`], little-endian (`decode_with(buf, ByteOrder::Little)`).
    BlockLe,
    ByteOrder::Little
);
ordered_block!(
    /// A [`Block`], big-endian (`decode_with(buf, ByteOrder::Big)`).
    BlockBe,
    ByteOrder::Big
);

/// The byte order a pcap magic selects (microsecond and nanosecond files), or
/// none.
pub fn pcap_order(magic: &[u8; 4]) -> Option<ByteOrder> {
    match magic {
        [0xa1, 0xb2, 0xc3, 0xd4] | [0xa1, 0xb2, 0x3c, 0x4d] => Some(ByteOrder::Big),
        [0xd4, 0xc3, 0xb2, 0xa1] | [0x4d, 0x3c, 0xb2, 0xa1] => Some(ByteOrder::Little),
        _ => None,
    }
}

/// `order_by`: a pcap file header and one record's data; the magic selects
/// the order of the rest.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PcapFile<'a> {
    /// `4s`, read first: [`pcap_order`].
    #[netpack(order_by = "pcap_order")]
    pub magic: [u8; 4],
    /// `H`
    pub major: u16,
    /// `H`
    pub minor: u16,
    /// `I`
    pub snaplen: u32,
    /// `I`: the length of `data`.
    pub incl_len: u32,
    /// `incl_len` bytes, at most 64.
    #[netpack(len = "incl_len", max = 64)]
    pub data: &'a [u8],
}

impl<'a> ZooMessage<'a> for PcapFile<'a> {
    fn to_json(&self) -> Json {
        json!({"magic": y(&self.magic), "major": self.major, "minor": self.minor,
               "snaplen": self.snaplen, "incl_len": self.incl_len, "data": y(self.data)})
    }
}

/// `magic` on a type and before fields: a RIFF/WAVE head.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(order = "<", magic = b"RIFF")]
pub struct Wave {
    /// `I`
    pub size: u32,
    /// `I` after `b"WAVEfmt "`: the length of `fmt`.
    #[netpack(magic = b"WAVEfmt ")]
    pub fmt_len: u32,
    /// `fmt_len` bytes, at most 32.
    #[netpack(len = "fmt_len", max = 32)]
    pub fmt: Vec<u8>,
    /// After `b"data"`, an `I` length, then at most 64 bytes.
    #[netpack(magic = b"data", len_prefix = "I", max = 64)]
    pub data: Vec<u8>,
}

impl ZooMessage<'_> for Wave {
    fn to_json(&self) -> Json {
        json!({"size": self.size, "fmt_len": self.fmt_len, "fmt": y(&self.fmt),
               "data": y(&self.data)})
    }
}

/// `magic` on enum variants (on each one's first field), no catch-all.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
#[netpack(tag = "B")]
pub enum Command {
    /// 1: `b"HELO"`, then `B`.
    #[netpack(tag = 1)]
    Hello {
        /// `B`
        #[netpack(magic = b"HELO")]
        version: u8,
    },
    /// 2: `b"SEND"`, then an `H` length and at most 32 bytes.
    #[netpack(tag = 2)]
    Send {
        /// The body.
        #[netpack(magic = b"SEND", len_prefix = "H", max = 32)]
        body: Vec<u8>,
    },
    /// 3: nothing after the tag.
    #[netpack(tag = 3)]
    Quit,
}

impl ZooMessage<'_> for Command {
    fn to_json(&self) -> Json {
        match self {
            Command::Hello { version } => json!({"Hello": {"version": version}}),
            Command::Send { body } => json!({"Send": {"body": y(body)}}),
            Command::Quit => json!("Quit"),
        }
    }
}

/// `Len<T>`: two computed lengths with a field and a NUL-terminated name
/// between them and what they count.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Framed {
    /// `H`: the length of `body`.
    pub length: Len<u16>,
    /// `B`
    pub kind: u8,
    /// `B`: the number of `headers`.
    pub count: Len<u8>,
    /// NUL-terminated text, at most 16 bytes.
    #[netpack(nul, max = 16)]
    pub name: String,
    /// `length` bytes, at most 64.
    #[netpack(len = "length", max = 64)]
    pub body: Vec<u8>,
    /// `count` [`Header`]s, at most 8.
    #[netpack(len = "count", max = 8)]
    pub headers: Vec<Header>,
}

impl ZooMessage<'_> for Framed {
    fn to_json(&self) -> Json {
        let headers: Vec<Json> = self.headers.iter().map(ZooMessage::to_json).collect();
        json!({"kind": self.kind, "name": self.name, "body": y(&self.body), "headers": headers})
    }
}

/// `Checksum<u16>` with `checksum = "internet"` over a range that holds it:
/// an ICMP echo.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Echo<'a> {
    /// `B`
    pub kind: u8,
    /// `B`
    pub code: u8,
    /// `H`: RFC 1071 over the whole message, itself as zeros.
    #[netpack(checksum = "internet", over = "kind..=data")]
    pub checksum: Checksum<u16>,
    /// `H`
    pub ident: u16,
    /// `H`
    pub seq: u16,
    /// A `B` length, then at most 64 bytes.
    #[netpack(len_prefix = "B", max = 64)]
    pub data: &'a [u8],
}

impl<'a> ZooMessage<'a> for Echo<'a> {
    fn to_json(&self) -> Json {
        json!({"kind": self.kind, "code": self.code, "ident": self.ident, "seq": self.seq,
               "data": y(self.data)})
    }
}

/// `Checksum<u32>` with `checksum = "crc32"` over a range: a PNG chunk.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngChunk<'a> {
    /// `I`: the length of `data`.
    pub length: Len<u32>,
    /// `4s`
    pub kind: [u8; 4],
    /// `length` bytes, at most 64.
    #[netpack(len = "length", max = 64)]
    pub data: &'a [u8],
    /// `I`: `zlib.crc32(kind + data)`.
    #[netpack(checksum = "crc32", over = "kind..=data")]
    pub crc: Checksum<u32>,
}

impl<'a> ZooMessage<'a> for PngChunk<'a> {
    fn to_json(&self) -> Json {
        json!({"kind": y(&self.kind), "data": y(self.data)})
    }
}

/// Adler-32 as `zlib.adler32` computes it: the user's checksum function of
/// [`Stored`].
pub fn adler32(bytes: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % MOD;
        b = (b + a) % MOD;
    }
    (b << 16) | a
}

/// A user's checksum function (`checksum = "adler32"`) over `data..`, then a
/// CRC-32 over everything before it, the first checksum included.
#[derive(NetPack, Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// `H`
    pub id: u16,
    /// A `B` length, then at most 32 bytes of UTF-8.
    #[netpack(len_prefix = "B", max = 32)]
    pub name: String,
    /// An `H` length, then at most 64 bytes.
    #[netpack(len_prefix = "H", max = 64)]
    pub data: Vec<u8>,
    /// `I`: [`adler32`] of `data` (its length included).
    #[netpack(checksum = "adler32", over = "data..")]
    pub adler: Checksum<u32>,
    /// `I`: `zlib.crc32` of all before it.
    #[netpack(checksum = "crc32")]
    pub crc: Checksum<u32>,
}

impl ZooMessage<'_> for Stored {
    fn to_json(&self) -> Json {
        json!({"id": self.id, "name": self.name, "data": y(&self.data)})
    }
}

/// Calls `$m! { Name: Type, … }` with every zoo message, in zoo order (the
/// order of `gen_messages.py`); borrowed types are written with `'_`.
#[macro_export]
macro_rules! for_each_message {
    ($m:ident) => {
        $m! {
            Header: $crate::message_zoo::Header,
            Request: $crate::message_zoo::Request,
            Tftp: $crate::message_zoo::Tftp,
            Rrq: $crate::message_zoo::Rrq<'_>,
            PcapRecord: $crate::message_zoo::PcapRecord<'_>,
            ChatFrame: $crate::message_zoo::ChatFrame,
            DnsQuestion: $crate::message_zoo::DnsQuestion<'_>,
            Polyline: $crate::message_zoo::Polyline,
            Nested: $crate::message_zoo::Nested<'_>,
            Strings: $crate::message_zoo::Strings<'_>,
            Capped: $crate::message_zoo::Capped,
            Envelope: $crate::message_zoo::Envelope,
            Route: $crate::message_zoo::Route<'_>,
            Bundle: $crate::message_zoo::Bundle<'_>,
            IpOptions: $crate::message_zoo::IpOptions,
            Flagged: $crate::message_zoo::Flagged,
            Labels: $crate::message_zoo::Labels,
            Riff: $crate::message_zoo::Riff,
            Pointers: $crate::message_zoo::Pointers,
            BlockLe: $crate::message_zoo::BlockLe<'_>,
            BlockBe: $crate::message_zoo::BlockBe<'_>,
            PcapFile: $crate::message_zoo::PcapFile<'_>,
            Wave: $crate::message_zoo::Wave,
            Command: $crate::message_zoo::Command,
            Framed: $crate::message_zoo::Framed,
            Echo: $crate::message_zoo::Echo<'_>,
            PngChunk: $crate::message_zoo::PngChunk<'_>,
            Stored: $crate::message_zoo::Stored,
        }
    };
}

/// Something to run on the bytes of one zoo message, chosen at run time.
pub trait MessageVisitor {
    /// Runs on zoo message `T` named `name`, with `buf`.
    fn visit<'a, T: ZooMessage<'a>>(&mut self, name: &'static str, buf: &'a [u8]);
}

macro_rules! message_table {
    ($($name:ident: $ty:ty,)*) => {
        /// The zoo's messages, in zoo order.
        pub const MESSAGE_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs `visitor` on the zoo message named `name` with `buf`; `false` when
        /// there is none.
        pub fn visit_message<V: MessageVisitor>(name: &str, buf: &[u8], visitor: &mut V) -> bool {
            match name {
                $(stringify!($name) => visitor.visit::<$ty>(stringify!($name), buf),)*
                _ => return false,
            }
            true
        }
    };
}

for_each_message!(message_table);

/// The names of the zoo's messages whose last field is `rest`, so that a
/// truncated message may still be a (shorter) message.
pub const UNDELIMITED: &[&str] = &[
    "Tftp", "Nested", "Strings", "Envelope", "Route", "Bundle", "Riff",
];
