//! A DNS client: builds a query, sends it over UDP (or prints it), and reads a
//! response into records printed in `dig`'s presentation format, with
//! compression pointers followed and refused when they loop or point forward.
//!
//! ```text
//! cargo run -p netpack-examples --bin dns -- query www.example.com A
//! cargo run -p netpack-examples --bin dns -- query www.example.com MX --server 127.0.0.1:5353
//! cargo run -p netpack-examples --bin dns -- decode response.bin
//! cargo run -p netpack-examples --bin dns -- decode --hex response.hex
//! ```
//!
//! The Python a programmer writes for the same message:
//!
//! ```python
//! id, flags, qd, an, ns, ar = struct.unpack_from("!6H", data)
//! name, off = read_name(data, 12)            # labels, and pointers: 0xc0 | offset
//! qtype, qclass = struct.unpack_from("!HH", data, off)
//! ...
//! rtype, rclass, ttl, rdlength = struct.unpack_from("!HHIH", data, off)
//! rdata = data[off + 10 : off + 10 + rdlength]
//! ```
//!
//! Here the fixed parts are derived types ([`message::Header`] is `"!6H"`,
//! [`message::RecordTail`] is `"!HHIH"` and `rdlength` bytes borrowed with
//! `#[netpack(len = "rdlength")]`; the type and class are derived enums with
//! a catch-all), and names are read by [`name::Name::read`], which needs the
//! whole message because a compression pointer is an offset into it. A
//! decoded message copies nothing: names and data borrow from its bytes.
//!
//! What a hostile message can make a decoder do is bounded: a compression
//! pointer must point before the previous one (dnspython's rule), so loops and
//! pointers forward or past the end are errors; a name is at most 255 bytes
//! and 127 pointers; the records' counts only reserve what the message's
//! length can hold; every record's data must fill its `rdlength` exactly, and
//! no byte may follow the last record.

pub mod message;
pub mod name;
pub mod text;

use message::{flags, Class, Dns, Header, QuestionTail, Type};
use netpack::Message as _;
use std::fmt;
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

/// A section of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Question,
    Answer,
    Authority,
    Additional,
}

impl Section {
    /// The sections that hold records, in order.
    pub const RECORDS: [Section; 3] = [Section::Answer, Section::Authority, Section::Additional];

    /// `ANSWER`, as `dig` titles the section.
    pub fn title(self) -> &'static str {
        match self {
            Section::Question => "QUESTION",
            Section::Answer => "ANSWER",
            Section::Authority => "AUTHORITY",
            Section::Additional => "ADDITIONAL",
        }
    }
}

/// Why a message cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsError {
    /// The 12-byte header is not all there.
    Header(String),
    /// Entry `index` (from 0) of `section`, which starts at byte `at`.
    Entry {
        section: Section,
        index: usize,
        at: usize,
        why: String,
    },
    /// Bytes after the last record.
    Trailing { at: usize, count: usize },
    /// A message that cannot be encoded.
    Encode(String),
}

impl DnsError {
    fn at(section: Section, index: usize, at: usize, why: String) -> DnsError {
        DnsError::Entry {
            section,
            index,
            at,
            why,
        }
    }
}

impl fmt::Display for DnsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DnsError::Header(why) => write!(f, "header: {why}"),
            DnsError::Entry {
                section,
                index,
                at,
                why,
            } => write!(
                f,
                "{} section, entry {} at byte {at}: {why}",
                section.title().to_ascii_lowercase(),
                index + 1
            ),
            DnsError::Trailing { at, count } => {
                write!(f, "{count} bytes after the last record, from byte {at}")
            }
            DnsError::Encode(why) => write!(f, "cannot encode: {why}"),
        }
    }
}

impl std::error::Error for DnsError {}

/// A query for `name` (text, `www.example.com`) of type `qtype`, class IN,
/// recursion desired, no EDNS: the bytes of dnspython's
/// `dns.message.make_query(name, qtype)` with its `id` set to `id`.
pub fn query(name: &str, qtype: Type, id: u16) -> Result<Vec<u8>, name::BadName> {
    let wire_name = name::from_text(name)?;
    let header = Header {
        id,
        flags: flags::RD,
        qdcount: 1,
        ..Header::default()
    };
    let tail = QuestionTail {
        qtype,
        qclass: Class::In,
    };
    // Neither encode can fail: integers and enums only.
    let mut out = header.encode().unwrap_or_default();
    out.extend_from_slice(&wire_name);
    let _ = tail.encode_into(&mut out);
    Ok(out)
}

pub use crate::Retry;

/// How long `ask` waits for an answer, and how many times it asks, by default.
pub const RETRY: Retry = Retry {
    timeout: Duration::from_secs(2),
    tries: 3,
};

/// Why a query over UDP got no answer.
#[derive(Debug)]
pub enum AskError {
    Io(io::Error),
    /// No answer from the server in `tries` tries.
    NoAnswer {
        tries: u32,
    },
}

impl fmt::Display for AskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AskError::Io(e) => write!(f, "{e}"),
            AskError::NoAnswer { tries } => write!(f, "no answer after {tries} tries"),
        }
    }
}

/// Sends `query` to `server` over UDP and returns the first datagram that
/// comes from `server` with the query's id and the QR bit (at most 65535
/// bytes: `recv` of a smaller buffer would cut a longer answer). Anything
/// else that arrives is handed to `ignored` with why, and not answered. The
/// query is sent again after each timeout, `retry.tries` times in all.
pub fn ask(
    server: SocketAddr,
    query: &[u8],
    retry: Retry,
    mut ignored: impl FnMut(SocketAddr, &str),
) -> Result<Vec<u8>, AskError> {
    let id = query
        .get(..2)
        .ok_or_else(|| AskError::Io(io::Error::other("a query of under 2 bytes")))?;
    let local: SocketAddr = if server.is_ipv4() {
        "0.0.0.0:0"
    } else {
        "[::]:0"
    }
    .parse()
    .map_err(|_| AskError::Io(io::Error::other("local address")))?;
    let socket = UdpSocket::bind(local).map_err(AskError::Io)?;
    let mut buf = vec![0u8; 65535];
    for _ in 0..retry.tries {
        socket.send_to(query, server).map_err(AskError::Io)?;
        let deadline = Instant::now() + retry.timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            socket.set_read_timeout(Some(left)).map_err(AskError::Io)?;
            let (n, from) = match socket.recv_from(&mut buf) {
                Ok(got) => got,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    break
                }
                // ICMP port unreachable from an earlier send: try again.
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(AskError::Io(e)),
            };
            let reply = &buf[..n];
            if from != server {
                ignored(from, "not from the server");
            } else if reply.get(..2) != Some(id) {
                ignored(from, "another query's id");
            } else if reply.get(2).is_none_or(|b| b & 0x80 == 0) {
                ignored(from, "not a response (QR bit clear)");
            } else {
                return Ok(reply.to_vec());
            }
        }
    }
    Err(AskError::NoAnswer { tries: retry.tries })
}

/// Reads `wire` and writes it as `dig` does ([`text::render`]).
pub fn decode_to_text(wire: &[u8]) -> Result<String, DnsError> {
    Dns::decode(wire).map(|m| text::render(&m))
}

/// The bytes of a hex dump: hex digits, any white space between them.
pub fn from_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return Err(format!("an odd number of hex digits ({})", digits.len()));
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .ok_or_else(|| {
                    format!(
                        "not a hex digit pair at pair {}: {:?}",
                        i + 1,
                        String::from_utf8_lossy(pair)
                    )
                })
        })
        .collect()
}

/// `bytes` as lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
