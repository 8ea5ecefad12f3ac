//! The message zoo's model: each zoo message read the way a Python programmer
//! reads it, with the runtime's `netpack::unpack_from` for every fixed part and
//! slicing for the variable ones, into the JSON values of
//! `tests/cpython/message_vectors.jsonl`.
//!
//! It is written independently of the derive (it never calls `Message`), and it
//! is the twin of the `decode` functions of `tests/cpython/gen_messages.py`: the
//! test `message_cpython.rs` holds it to Python's answers, and the fuzz target
//! and property tests hold the derived decoders to it
//! ([`crate::message_checks`]).

use netpack::{ErrorKind, Value};
use serde_json::{json, Map, Value as Json};

/// Why the model refuses some bytes (the `err` of the vectors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The buffer ends inside the message.
    Short,
    /// A length or a NUL-terminated field is over its cap.
    Cap,
    /// A text field is not UTF-8.
    Utf8,
    /// A tag names no variant, and there is no catch-all.
    Tag,
    /// A value no message has: a negative length expression, a pad byte that
    /// is not zero, a pointer past the end of the input.
    Value,
    /// Constant bytes differ: a magic, or one that selects no byte order.
    Magic,
    /// A checksum field does not hold the sum of what it covers.
    Checksum,
}

impl Refusal {
    /// The name in the vector files.
    pub fn name(self) -> &'static str {
        match self {
            Refusal::Short => "short",
            Refusal::Cap => "cap",
            Refusal::Utf8 => "utf8",
            Refusal::Tag => "tag",
            Refusal::Value => "value",
            Refusal::Magic => "magic",
            Refusal::Checksum => "checksum",
        }
    }

    /// From the name in the vector files.
    pub fn from_name(name: &str) -> Option<Refusal> {
        Some(match name {
            "short" => Refusal::Short,
            "cap" => Refusal::Cap,
            "utf8" => Refusal::Utf8,
            "tag" => Refusal::Tag,
            "value" => Refusal::Value,
            "magic" => Refusal::Magic,
            "checksum" => Refusal::Checksum,
            _ => return None,
        })
    }
}

/// A message's value and the bytes it took, or why there is none.
pub type Modeled = Result<(Json, usize), Refusal>;

/// Bytes as the vector files write them: `"y<hex>"`.
pub fn y(bytes: &[u8]) -> Json {
    let mut s = String::with_capacity(1 + 2 * bytes.len());
    s.push('y');
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    Json::String(s)
}

/// A cursor over the buffer, reading as Python does.
struct Reader<'a> {
    buf: &'a [u8],
    off: usize,
}

impl<'a> Reader<'a> {
    /// `struct.unpack_from(format, buf, off)`, by the runtime; `Short` when the
    /// buffer ends first.
    fn fixed(&mut self, format: &str) -> Result<Vec<Value>, Refusal> {
        let offset = isize::try_from(self.off).expect("offset");
        match netpack::unpack_from(format, self.buf, offset) {
            Ok(values) => {
                self.off += netpack::calcsize(format).expect("a zoo format");
                Ok(values)
            }
            Err(e) if e.kind() == ErrorKind::BufferSize => Err(Refusal::Short),
            Err(e) => panic!("model: unpack_from({format:?}) at {}: {e}", self.off),
        }
    }

    /// One unsigned integer.
    fn int(&mut self, format: &str) -> Result<u64, Refusal> {
        let v = self.fixed(format)?;
        Ok(u64::try_from(v[0].as_int().expect("an int")).expect("unsigned"))
    }

    /// Integers, as JSON numbers.
    fn ints(&mut self, format: &str) -> Result<Vec<Json>, Refusal> {
        Ok(self
            .fixed(format)?
            .iter()
            .map(|v| {
                let i = v.as_int().expect("an int");
                match u64::try_from(i) {
                    Ok(u) => json!(u),
                    Err(_) => json!(i64::try_from(i).expect("fits i64")),
                }
            })
            .collect())
    }

    /// `buf.find(b"\0", off, off + cap + 1)`, then the bytes before it.
    fn nul(&mut self, cap: usize) -> Result<&'a [u8], Refusal> {
        let rest = &self.buf[self.off..];
        let window = &rest[..rest.len().min(cap + 1)];
        match window.iter().position(|&b| b == 0) {
            Some(end) => {
                self.off += end + 1;
                Ok(&rest[..end])
            }
            None if rest.len() <= cap => Err(Refusal::Short),
            None => Err(Refusal::Cap),
        }
    }

    /// `n` items of `size` bytes, the cap checked before the buffer.
    fn counted(&mut self, n: u64, cap: usize, size: usize) -> Result<&'a [u8], Refusal> {
        if n > cap as u64 {
            return Err(Refusal::Cap);
        }
        let len = n as usize * size;
        let bytes = self
            .buf
            .get(self.off..self.off + len)
            .ok_or(Refusal::Short)?;
        self.off += len;
        Ok(bytes)
    }

    /// `expect(buf, off, magic)`: bytes that differ are refused at once, a
    /// short buffer that agrees so far is short.
    fn magic(&mut self, expected: &[u8]) -> Result<(), Refusal> {
        let rest = &self.buf[self.off..];
        let there = &rest[..rest.len().min(expected.len())];
        if there != &expected[..there.len()] {
            return Err(Refusal::Magic);
        }
        if there.len() < expected.len() {
            return Err(Refusal::Short);
        }
        self.off += expected.len();
        Ok(())
    }

    /// The rest of the buffer, at most `cap` bytes.
    fn rest(&mut self, cap: usize) -> Result<&'a [u8], Refusal> {
        let rest = &self.buf[self.off..];
        if rest.len() > cap {
            return Err(Refusal::Cap);
        }
        self.off = self.buf.len();
        Ok(rest)
    }
}

fn text(bytes: &[u8]) -> Result<Json, Refusal> {
    core::str::from_utf8(bytes)
        .map(|s| Json::String(s.to_string()))
        .map_err(|_| Refusal::Utf8)
}

fn object(fields: Vec<(&str, Json)>) -> Json {
    Json::Object(
        fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect::<Map<_, _>>(),
    )
}

fn variant(name: &str, fields: Json) -> Json {
    object(vec![(name, fields)])
}

fn header(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("!BBI")?;
    Ok(object(vec![
        ("version", v[0].clone()),
        ("flags", v[1].clone()),
        ("seq", v[2].clone()),
    ]))
}

fn request(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let filename = y(r.nul(255)?);
    let mode = text(r.nul(16)?)?;
    Ok(object(vec![("filename", filename), ("mode", mode)]))
}

fn tftp(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let opcode = r.int("!H")?;
    Ok(match opcode {
        1 => variant("Read", request(r)?),
        3 => {
            let block = r.ints("!H")?.remove(0);
            let data = y(r.rest(512)?);
            variant("Data", object(vec![("block", block), ("data", data)]))
        }
        4 => {
            let block = r.ints("!H")?.remove(0);
            variant("Ack", object(vec![("block", block)]))
        }
        5 => {
            let code = r.ints("!H")?.remove(0);
            let message = text(r.nul(255)?)?;
            variant("Error", object(vec![("code", code), ("message", message)]))
        }
        _ => {
            let rest = y(r.rest(usize::MAX)?);
            variant("Unknown", json!([opcode, rest]))
        }
    })
}

fn rrq(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let opcode = r.ints("!H")?.remove(0);
    let filename = y(r.nul(512)?);
    let mode = text(r.nul(16)?)?;
    Ok(object(vec![
        ("opcode", opcode),
        ("filename", filename),
        ("mode", mode),
    ]))
}

fn pcap_record(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("<IIII")?;
    let data = y(r.counted(v[2].as_u64().unwrap(), 65535, 1)?);
    Ok(object(vec![
        ("ts_sec", v[0].clone()),
        ("ts_usec", v[1].clone()),
        ("incl_len", v[2].clone()),
        ("orig_len", v[3].clone()),
        ("data", data),
    ]))
}

fn chat_frame(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("!IBQ")?;
    let body = text(r.counted(v[0].as_u64().unwrap(), 4096, 1)?)?;
    Ok(object(vec![
        ("len", v[0].clone()),
        ("kind", v[1].clone()),
        ("sent_ms", v[2].clone()),
        ("body", body),
    ]))
}

fn dns_question(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let id = r.ints("!H")?.remove(0);
    let n = r.int("!B")?;
    let label = text(r.counted(n, 63, 1)?)?;
    let name = y(r.nul(255)?);
    let v = r.ints("!HH")?;
    let n = r.int("!H")?;
    let txt = y(r.counted(n, 1024, 1)?);
    Ok(object(vec![
        ("id", id),
        ("label", label),
        ("name", name),
        ("qtype", v[0].clone()),
        ("qclass", v[1].clone()),
        ("txt", txt),
    ]))
}

fn polyline(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let n = r.int("<H")?;
    let raw = r.counted(n, 100, 8)?;
    let mut points = Vec::new();
    let mut cells = Reader { buf: raw, off: 0 };
    for _ in 0..n {
        let v = cells.ints("<ii")?;
        points.push(object(vec![("x", v[0].clone()), ("y", v[1].clone())]));
    }
    let count = r.int("<B")?;
    let raw = r.counted(count, 8, 2)?;
    let tags = if count == 0 {
        Vec::new()
    } else {
        Reader { buf: raw, off: 0 }.ints(&format!("<{count}H"))?
    };
    Ok(object(vec![
        ("points", Json::Array(points)),
        ("count", json!(count)),
        ("tags", Json::Array(tags)),
    ]))
}

fn nested(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let head = header(r)?;
    let n = r.int("!B")?;
    let name = text(r.counted(n, 255, 1)?)?;
    let trailer = header(r)?;
    let extra = y(r.rest(64)?);
    Ok(object(vec![
        ("header", head),
        ("name", name),
        ("trailer", trailer),
        ("extra", extra),
    ]))
}

fn strings(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let n = r.int(">I")?;
    let owned = text(r.counted(n, 100, 1)?)?;
    let borrowed = text(r.nul(100)?)?;
    let rest = text(r.rest(100)?)?;
    Ok(object(vec![
        ("owned", owned),
        ("borrowed", borrowed),
        ("rest", rest),
    ]))
}

fn capped(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let n = r.int("!B")?;
    let data = y(r.counted(n, 10, 1)?);
    Ok(object(vec![("n", json!(n)), ("data", data)]))
}

fn envelope(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    Ok(match r.int("!B")? {
        1 => variant("Points", polyline(r)?),
        2 => variant("Frame", chat_frame(r)?),
        3 => variant("Packet", tftp(r)?),
        4 => json!("Empty"),
        _ => return Err(Refusal::Tag),
    })
}

fn route(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("!HB")?;
    let raw = r.counted(v[1].as_u64().unwrap(), 16, 8)?;
    let mut cells = Reader { buf: raw, off: 0 };
    let mut hops = Vec::new();
    while cells.off < raw.len() {
        let p = cells.ints("!ii")?;
        hops.push(object(vec![("x", p[0].clone()), ("y", p[1].clone())]));
    }
    let rest = r.rest(usize::MAX)?;
    if rest.len() % 2 != 0 {
        return Err(Refusal::Short);
    }
    if rest.len() / 2 > 32 {
        return Err(Refusal::Cap);
    }
    let ports = if rest.is_empty() {
        Vec::new()
    } else {
        Reader { buf: rest, off: 0 }.ints(&format!("!{}H", rest.len() / 2))?
    };
    Ok(object(vec![
        ("id", v[0].clone()),
        ("hops", Json::Array(hops)),
        ("ports", Json::Array(ports)),
    ]))
}

fn bundle(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let seq = r.ints("!I")?.remove(0);
    let question = dns_question(r)?;
    let frame = chat_frame(r)?;
    let packet = tftp(r)?;
    Ok(object(vec![
        ("seq", seq),
        ("question", question),
        ("frame", frame),
        ("packet", packet),
    ]))
}

/// `struct.unpack_from("!BB")`, then `ihl * 4 - 20` bytes.
fn ip_options(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("!BB")?;
    let n = v[0].as_i64().expect("ihl") * 4 - 20;
    if n < 0 {
        return Err(Refusal::Value);
    }
    let options = y(r.counted(n as u64, 40, 1)?);
    Ok(object(vec![
        ("ihl", v[0].clone()),
        ("proto", v[1].clone()),
        ("options", options),
    ]))
}

/// `!B` flags, a header if `flags & 1`, a request if `flags & 2`, `!H`.
fn flagged(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let flags = r.int("!B")?;
    let header = if flags & 1 != 0 {
        header(r)?
    } else {
        Json::Null
    };
    let request = if flags & 2 != 0 {
        request(r)?
    } else {
        Json::Null
    };
    let tail = r.ints("!H")?.remove(0);
    Ok(object(vec![
        ("flags", json!(flags)),
        ("header", header),
        ("request", request),
        ("tail", tail),
    ]))
}

/// Labels up to the empty one (at most 8), a `!B` count, that many frames.
fn labels(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let mut labels = Vec::new();
    loop {
        if labels.len() == 8 {
            return Err(Refusal::Cap);
        }
        let n = r.int("!B")?;
        let label = r.counted(n, 63, 1)?;
        labels.push(y(label));
        if label.is_empty() {
            break;
        }
    }
    let count = r.int("!B")?;
    if count > 4 {
        return Err(Refusal::Cap);
    }
    let frames = (0..count)
        .map(|_| chat_frame(r))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(object(vec![
        ("labels", Json::Array(labels)),
        ("count", json!(count)),
        ("frames", Json::Array(frames)),
    ]))
}

/// `<4s`, then chunks to the end: `<4sI`, the data, a zero pad byte after
/// odd data.
fn riff(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let form = r.fixed("<4s")?.remove(0);
    let mut chunks = Vec::new();
    while r.off < r.buf.len() {
        if chunks.len() == 8 {
            return Err(Refusal::Cap);
        }
        let head = r.fixed("<4sI")?;
        let size = u64::try_from(head[1].as_int().expect("size")).expect("unsigned");
        let data = r.counted(size, 64, 1)?;
        if size % 2 == 1 && r.counted(1, 1, 1)? != [0] {
            return Err(Refusal::Value);
        }
        chunks.push(object(vec![
            ("id", y(head[0].as_bytes().expect("id"))),
            ("size", json!(size)),
            ("data", y(data)),
        ]));
    }
    Ok(object(vec![
        ("form", y(form.as_bytes().expect("form"))),
        ("chunks", Json::Array(chunks)),
    ]))
}

/// `!H` id, then two `!H` offsets, each with the byte it points to in the
/// whole buffer.
fn pointers(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let id = r.ints("!H")?.remove(0);
    let pointer = |r: &mut Reader<'_>| -> Result<Json, Refusal> {
        let offset = r.int("!H")?;
        let target = *r.buf.get(offset as usize).ok_or(Refusal::Value)?;
        Ok(object(vec![
            ("offset", json!(offset)),
            ("target", json!(target)),
        ]))
    };
    let a = pointer(r)?;
    let b = pointer(r)?;
    Ok(object(vec![("id", id), ("a", a), ("b", b)]))
}

/// `HIH` kind, seq, a length and the data, a `B` count and that many `I`
/// words, in byte order `order` (`<` or `>`).
fn block(r: &mut Reader<'_>, order: char) -> Result<Json, Refusal> {
    let v = r.ints(&format!("{order}HIH"))?;
    let data = y(r.counted(v[2].as_u64().expect("a length"), 64, 1)?);
    let count = r.int(&format!("{order}B"))?;
    let raw = r.counted(count, 8, 4)?;
    let words = if count == 0 {
        Vec::new()
    } else {
        Reader { buf: raw, off: 0 }.ints(&format!("{order}{count}I"))?
    };
    Ok(object(vec![
        ("kind", v[0].clone()),
        ("seq", v[1].clone()),
        ("data", data),
        ("count", json!(count)),
        ("words", Json::Array(words)),
    ]))
}

fn block_le(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    block(r, '<')
}

fn block_be(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    block(r, '>')
}

/// `4s`, the order it selects (`PCAP_ORDERS[magic]`), `HHII`, the data.
fn pcap_file(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let magic = r.fixed("4s")?.remove(0);
    let magic = magic.as_bytes().expect("4s");
    let order = match magic {
        b"\xa1\xb2\xc3\xd4" | b"\xa1\xb2\x3c\x4d" => '>',
        b"\xd4\xc3\xb2\xa1" | b"\x4d\x3c\xb2\xa1" => '<',
        _ => return Err(Refusal::Magic),
    };
    let v = r.ints(&format!("{order}HHII"))?;
    let data = y(r.counted(v[3].as_u64().expect("incl_len"), 64, 1)?);
    Ok(object(vec![
        ("magic", y(magic)),
        ("major", v[0].clone()),
        ("minor", v[1].clone()),
        ("snaplen", v[2].clone()),
        ("incl_len", v[3].clone()),
        ("data", data),
    ]))
}

/// `b"RIFF"`, `<I`, `b"WAVEfmt "`, `<I` and that many bytes, `b"data"`, an
/// `<I`-prefixed data.
fn wave(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    r.magic(b"RIFF")?;
    let size = r.ints("<I")?.remove(0);
    r.magic(b"WAVEfmt ")?;
    let fmt_len = r.int("<I")?;
    let fmt = y(r.counted(fmt_len, 32, 1)?);
    r.magic(b"data")?;
    let n = r.int("<I")?;
    let data = y(r.counted(n, 64, 1)?);
    Ok(object(vec![
        ("size", size),
        ("fmt_len", json!(fmt_len)),
        ("fmt", fmt),
        ("data", data),
    ]))
}

/// `!B` tag: 1 `b"HELO"` and `!B`, 2 `b"SEND"` and an `!H`-prefixed body, 3.
fn command(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    Ok(match r.int("!B")? {
        1 => {
            r.magic(b"HELO")?;
            let version = r.ints("!B")?.remove(0);
            variant("Hello", object(vec![("version", version)]))
        }
        2 => {
            r.magic(b"SEND")?;
            let n = r.int("!H")?;
            let body = y(r.counted(n, 32, 1)?);
            variant("Send", object(vec![("body", body)]))
        }
        3 => json!("Quit"),
        _ => return Err(Refusal::Tag),
    })
}

/// `!HBB` two lengths around a kind, a NUL-terminated name, the body, the
/// headers.
fn framed(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("!HBB")?;
    let name = text(r.nul(16)?)?;
    let body = y(r.counted(v[0].as_u64().expect("length"), 64, 1)?);
    let raw = r.counted(v[2].as_u64().expect("count"), 8, 6)?;
    let mut cells = Reader { buf: raw, off: 0 };
    let mut headers = Vec::new();
    while cells.off < raw.len() {
        headers.push(header(&mut cells)?);
    }
    Ok(object(vec![
        ("kind", v[1].clone()),
        ("name", name),
        ("body", body),
        ("headers", Json::Array(headers)),
    ]))
}

/// RFC 1071, as `internet_checksum` of `gen_messages.py`.
fn internet_checksum(data: &[u8]) -> u16 {
    let mut sum: u64 = data
        .chunks(2)
        .map(|w| u64::from(w[0]) << 8 | u64::from(*w.get(1).unwrap_or(&0)))
        .sum();
    while sum >> 16 != 0 {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// `zlib.crc32`: the reflected CRC-32 of polynomial 0xEDB88320, bit by bit.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `zlib.adler32`.
fn adler32(data: &[u8]) -> u32 {
    let (a, b) = data.iter().fold((1u32, 0u32), |(a, b), &x| {
        let a = (a + u32::from(x)) % 65521;
        (a, (b + a) % 65521)
    });
    b << 16 | a
}

/// `!BBHHHB` and the data; then the checksum over it all, itself as zeros.
fn echo(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let v = r.ints("!BBHHHB")?;
    let data = r.counted(v[5].as_u64().expect("length"), 64, 1)?;
    let mut covered = r.buf[..r.off].to_vec();
    covered[2..4].copy_from_slice(&[0, 0]);
    if u64::from(internet_checksum(&covered)) != v[2].as_u64().expect("checksum") {
        return Err(Refusal::Checksum);
    }
    Ok(object(vec![
        ("kind", v[0].clone()),
        ("code", v[1].clone()),
        ("ident", v[3].clone()),
        ("seq", v[4].clone()),
        ("data", y(data)),
    ]))
}

/// `!I` length, `4s` kind, the data, `!I` CRC-32 of kind and data.
fn png_chunk(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let length = r.int("!I")?;
    let from = r.off;
    let kind = r.fixed("4s")?.remove(0);
    let data = r.counted(length, 64, 1)?;
    let covered = &r.buf[from..r.off];
    let crc = r.int("!I")?;
    if u64::from(crc32(covered)) != crc {
        return Err(Refusal::Checksum);
    }
    Ok(object(vec![
        ("kind", y(kind.as_bytes().expect("4s"))),
        ("data", y(data)),
    ]))
}

/// `!H` id, a `!B`-prefixed name, an `!H`-prefixed data, `!I` Adler-32 of the
/// data and its length, `!I` CRC-32 of all before it.
fn stored(r: &mut Reader<'_>) -> Result<Json, Refusal> {
    let id = r.ints("!H")?.remove(0);
    let n = r.int("!B")?;
    let name = text(r.counted(n, 32, 1)?)?;
    let from = r.off;
    let n = r.int("!H")?;
    let data = y(r.counted(n, 64, 1)?);
    let to = r.off;
    let sums = r.ints("!II")?;
    if json!(adler32(&r.buf[from..to])) != sums[0] {
        return Err(Refusal::Checksum);
    }
    if json!(crc32(&r.buf[..to + 4])) != sums[1] {
        return Err(Refusal::Checksum);
    }
    Ok(object(vec![("id", id), ("name", name), ("data", data)]))
}

/// The names of the zoo's messages, in zoo order (as in `gen_messages.py`).
pub const NAMES: &[&str] = &[
    "Header",
    "Request",
    "Tftp",
    "Rrq",
    "PcapRecord",
    "ChatFrame",
    "DnsQuestion",
    "Polyline",
    "Nested",
    "Strings",
    "Capped",
    "Envelope",
    "Route",
    "Bundle",
    "IpOptions",
    "Flagged",
    "Labels",
    "Riff",
    "Pointers",
    "BlockLe",
    "BlockBe",
    "PcapFile",
    "Wave",
    "Command",
    "Framed",
    "Echo",
    "PngChunk",
    "Stored",
];

/// Reads the message `name` from the start of `buf` as Python does: its value
/// and the bytes it took, or why the bytes are refused.
///
/// # Panics
///
/// When `name` is not a zoo message.
pub fn model(name: &str, buf: &[u8]) -> Modeled {
    let read = match name {
        "Header" => header,
        "Request" => request,
        "Tftp" => tftp,
        "Rrq" => rrq,
        "PcapRecord" => pcap_record,
        "ChatFrame" => chat_frame,
        "DnsQuestion" => dns_question,
        "Polyline" => polyline,
        "Nested" => nested,
        "Strings" => strings,
        "Capped" => capped,
        "Envelope" => envelope,
        "Route" => route,
        "Bundle" => bundle,
        "IpOptions" => ip_options,
        "Flagged" => flagged,
        "Labels" => labels,
        "Riff" => riff,
        "Pointers" => pointers,
        "BlockLe" => block_le,
        "BlockBe" => block_be,
        "PcapFile" => pcap_file,
        "Wave" => wave,
        "Command" => command,
        "Framed" => framed,
        "Echo" => echo,
        "PngChunk" => png_chunk,
        "Stored" => stored,
        _ => panic!("model: no zoo message {name:?}"),
    };
    let mut r = Reader { buf, off: 0 };
    let value = read(&mut r)?;
    Ok((value, r.off))
}
