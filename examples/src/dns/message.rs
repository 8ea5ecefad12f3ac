//! A DNS message (RFC 1035 4.1): the fixed parts as derived types, the names
//! and the record data read around them.

use super::name::{Compressor, Name, NameError};
use super::{DnsError, Section};
use netpack::{Message as _, NetPack};
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// The most records of any one section a message may claim that are read;
/// a record takes at least 11 bytes, so 65535 bytes hold at most 5957.
const MIN_RECORD: usize = 11;

/// Python: `id, flags, qdcount, ancount, nscount, arcount = struct.unpack_from("!6H", data)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Header {
    pub id: u16,
    pub flags: u16,
    pub qdcount: u16,
    pub ancount: u16,
    pub nscount: u16,
    pub arcount: u16,
}

/// The flag bits of [`Header::flags`].
pub mod flags {
    /// A response.
    pub const QR: u16 = 0x8000;
    /// An authoritative answer.
    pub const AA: u16 = 0x0400;
    /// Truncated: the whole answer needs TCP.
    pub const TC: u16 = 0x0200;
    /// Recursion desired.
    pub const RD: u16 = 0x0100;
    /// Recursion available.
    pub const RA: u16 = 0x0080;
}

/// A record type (`QTYPE` in a question). Python: `rdtype, = struct.unpack("!H", …)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Type {
    A = 1,
    Ns = 2,
    Cname = 5,
    Soa = 6,
    Ptr = 12,
    Mx = 15,
    Txt = 16,
    Aaaa = 28,
    Any = 255,
    #[netpack(other)]
    Other(u16),
}

impl Type {
    /// dnspython's name of the type (`dns.rdatatype.to_text`), `TYPE65280`
    /// for one it has no name for here.
    pub fn write(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let name = match self {
            Type::A => "A",
            Type::Ns => "NS",
            Type::Cname => "CNAME",
            Type::Soa => "SOA",
            Type::Ptr => "PTR",
            Type::Mx => "MX",
            Type::Txt => "TXT",
            Type::Aaaa => "AAAA",
            Type::Any => "ANY",
            Type::Other(n) => return write!(f, "TYPE{n}"),
        };
        f.write_str(name)
    }

    /// The type named `text` (`A`, `mx`, `TYPE99`).
    pub fn from_text(text: &str) -> Option<Type> {
        let t = match text.to_ascii_uppercase().as_str() {
            "A" => Type::A,
            "NS" => Type::Ns,
            "CNAME" => Type::Cname,
            "SOA" => Type::Soa,
            "PTR" => Type::Ptr,
            "MX" => Type::Mx,
            "TXT" => Type::Txt,
            "AAAA" => Type::Aaaa,
            "ANY" => Type::Any,
            other => {
                let n: u16 = other.strip_prefix("TYPE")?.parse().ok()?;
                Type::from_number(n)
            }
        };
        Some(t)
    }

    fn from_number(n: u16) -> Type {
        // The derived decoder maps a number to its variant (or `Other`).
        Type::decode(&n.to_be_bytes()).unwrap_or(Type::Other(n))
    }
}

/// A record class. Python: `rdclass, = struct.unpack("!H", …)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Class {
    In = 1,
    Ch = 3,
    Hs = 4,
    None = 254,
    Any = 255,
    #[netpack(other)]
    Other(u16),
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Class::In => f.write_str("IN"),
            Class::Ch => f.write_str("CH"),
            Class::Hs => f.write_str("HS"),
            Class::None => f.write_str("NONE"),
            Class::Any => f.write_str("ANY"),
            Class::Other(n) => write!(f, "CLASS{n}"),
        }
    }
}

/// The fixed part after a question's name. Python: `struct.unpack_from("!HH", data, off)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionTail {
    pub qtype: Type,
    pub qclass: Class,
}

/// The part of a record after its owner name: Python
/// `rdtype, rdclass, ttl, rdlength = struct.unpack_from("!HHIH", data, off)`,
/// then `rdata = data[off + 10 : off + 10 + rdlength]`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordTail<'a> {
    pub rtype: Type,
    pub class: Class,
    pub ttl: u32,
    pub rdlength: u16,
    #[netpack(len = "rdlength")]
    pub rdata: &'a [u8],
}

/// The numbers of an SOA record after its two names.
/// Python: `struct.unpack_from("!5I", rdata, off)`.
#[derive(NetPack, Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoaTail {
    pub serial: u32,
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    pub minimum: u32,
}

/// A question: `name`, then `"!HH"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question<'a> {
    pub name: Name<'a>,
    pub qtype: Type,
    pub qclass: Class,
}

/// A record's data, read by type; names in it borrowed from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rdata<'a> {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Ns(Name<'a>),
    Cname(Name<'a>),
    Ptr(Name<'a>),
    Mx {
        preference: u16,
        exchange: Name<'a>,
    },
    /// The character-strings, each a length byte and its bytes, checked to
    /// fill the data exactly.
    Txt(Strings<'a>),
    Soa {
        mname: Name<'a>,
        rname: Name<'a>,
        numbers: SoaTail,
    },
    /// Any other type (and A/AAAA outside class IN), as it is.
    Other(&'a [u8]),
}

/// The character-strings of a TXT record: `struct.pack("!B", len(s)) + s` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strings<'a>(&'a [u8]);

impl<'a> Strings<'a> {
    /// The strings of a TXT record's data, checked to fill it exactly.
    pub fn read(data: &'a [u8]) -> Option<Strings<'a>> {
        let mut rest = data;
        while let Some((&n, tail)) = rest.split_first() {
            rest = tail.get(n as usize..)?;
        }
        Some(Strings(data))
    }

    /// The data as it is on the wire.
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// The strings, in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let mut rest = self.0;
        std::iter::from_fn(move || {
            let (&n, tail) = rest.split_first()?;
            let (s, tail) = tail.split_at_checked(n as usize)?;
            rest = tail;
            Some(s)
        })
    }
}

/// A resource record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    pub name: Name<'a>,
    pub rtype: Type,
    pub class: Class,
    pub ttl: u32,
    pub data: Rdata<'a>,
}

/// A whole DNS message, borrowed from its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dns<'a> {
    pub header: Header,
    pub questions: Vec<Question<'a>>,
    pub answers: Vec<Record<'a>>,
    pub authority: Vec<Record<'a>>,
    pub additional: Vec<Record<'a>>,
}

impl<'a> Dns<'a> {
    /// Reads a whole message: every name checked, every record's data read
    /// by its type and checked to fill its `rdlength` exactly, no byte left
    /// over. Python (dnspython): `dns.message.from_wire(wire)`.
    pub fn decode(wire: &'a [u8]) -> Result<Dns<'a>, DnsError> {
        let (header, _) =
            Header::decode_prefix(wire).map_err(|e| DnsError::Header(e.to_string()))?;
        let mut pos = Header::SIZE;
        let mut questions = Vec::with_capacity(bounded(header.qdcount, wire.len(), 5));
        for index in 0..header.qdcount as usize {
            let (q, next) = question(wire, pos)
                .map_err(|why| DnsError::at(Section::Question, index, pos, why))?;
            questions.push(q);
            pos = next;
        }
        let mut sections = [Vec::new(), Vec::new(), Vec::new()];
        let counts = [header.ancount, header.nscount, header.arcount];
        for ((section, records), count) in
            Section::RECORDS.into_iter().zip(&mut sections).zip(counts)
        {
            records.reserve_exact(bounded(count, wire.len(), MIN_RECORD));
            for index in 0..count as usize {
                let (r, next) =
                    record(wire, pos).map_err(|why| DnsError::at(section, index, pos, why))?;
                records.push(r);
                pos = next;
            }
        }
        if pos != wire.len() {
            return Err(DnsError::Trailing {
                at: pos,
                count: wire.len() - pos,
            });
        }
        let [answers, authority, additional] = sections;
        Ok(Dns {
            header,
            questions,
            answers,
            authority,
            additional,
        })
    }

    /// The records of `section` (none for the question section).
    pub fn records(&self, section: Section) -> &[Record<'a>] {
        match section {
            Section::Question => &[],
            Section::Answer => &self.answers,
            Section::Authority => &self.authority,
            Section::Additional => &self.additional,
        }
    }

    /// Appends the message to `out`, names compressed as dnspython's
    /// `to_wire()` compresses them (owner names, and the names in NS, CNAME,
    /// PTR, MX and SOA data), so that a message dnspython wrote comes back
    /// byte for byte. `compress` is reused from message to message.
    pub fn encode_into(
        &self,
        out: &mut Vec<u8>,
        compress: &mut Compressor,
    ) -> Result<(), DnsError> {
        compress.clear();
        let base = out.len();
        let header = Header {
            qdcount: count(self.questions.len())?,
            ancount: count(self.answers.len())?,
            nscount: count(self.authority.len())?,
            arcount: count(self.additional.len())?,
            ..self.header
        };
        header
            .encode_into(out)
            .map_err(|e| DnsError::Encode(e.to_string()))?;
        for q in &self.questions {
            compress.write(q.name.labels(), out, base);
            let tail = QuestionTail {
                qtype: q.qtype,
                qclass: q.qclass,
            };
            tail.encode_into(out)
                .map_err(|e| DnsError::Encode(e.to_string()))?;
        }
        for r in self
            .answers
            .iter()
            .chain(&self.authority)
            .chain(&self.additional)
        {
            encode_record(r, out, base, compress)?;
        }
        if out.len() - base > usize::from(u16::MAX) {
            return Err(DnsError::Encode(format!(
                "the message is {} bytes, over 65535",
                out.len() - base
            )));
        }
        Ok(())
    }
}

/// How many elements of at least `min` bytes `wire` can hold, at most
/// `count`: what to reserve for a count a peer wrote.
fn bounded(count: u16, len: usize, min: usize) -> usize {
    (count as usize).min(len / min)
}

fn count(n: usize) -> Result<u16, DnsError> {
    u16::try_from(n)
        .map_err(|_| DnsError::Encode(format!("{n} entries in one section, over 65535")))
}

/// A question at `pos`: its name, then `"!HH"`.
#[inline]
fn question(wire: &[u8], pos: usize) -> Result<(Question<'_>, usize), String> {
    let (name, at) = Name::read(wire, pos, wire.len()).map_err(|e| e.to_string())?;
    let (tail, used) = QuestionTail::decode_prefix(&wire[at..]).map_err(|e| shifted(e, at))?;
    let q = Question {
        name,
        qtype: tail.qtype,
        qclass: tail.qclass,
    };
    Ok((q, at + used))
}

/// A record at `pos`: its owner name, then `"!HHIH"` and `rdlength` bytes of
/// data, read by type.
#[inline]
fn record(wire: &[u8], pos: usize) -> Result<(Record<'_>, usize), String> {
    let (name, at) = Name::read(wire, pos, wire.len()).map_err(|e| e.to_string())?;
    let (tail, used) = RecordTail::decode_prefix(&wire[at..]).map_err(|e| shifted(e, at))?;
    let start = at + 10;
    let end = at + used;
    let data = read_rdata(wire, tail.rtype, tail.class, start, end).map_err(|why| {
        let mut text = String::new();
        let _ = tail.rtype.write(&mut text);
        format!("{text} data at byte {start}: {why}")
    })?;
    let r = Record {
        name,
        rtype: tail.rtype,
        class: tail.class,
        ttl: tail.ttl,
        data,
    };
    Ok((r, end))
}

/// A netpack error from decoding at `at` of the message, with the offset in
/// the whole message.
fn shifted(e: netpack::Error, at: usize) -> String {
    match e.offset() {
        Some(off) => format!("{} (byte {} of the message)", e, at + off),
        None => format!("{e} (from byte {at} of the message)"),
    }
}

/// The data `wire[start..end]` of a record of type `rtype` (and class), its
/// names read from the whole message `wire`.
#[inline]
pub fn read_rdata(
    wire: &[u8],
    rtype: Type,
    class: Class,
    start: usize,
    end: usize,
) -> Result<Rdata<'_>, String> {
    let data = &wire[start..end];
    let name_at = |at: usize| -> Result<(Name<'_>, usize), String> {
        Name::read(wire, at, end).map_err(|e| match e {
            NameError::Truncated => "the name runs past the record's data".to_string(),
            e => e.to_string(),
        })
    };
    let whole = |used: usize| -> Result<(), String> {
        if used == end {
            Ok(())
        } else {
            Err(format!("{} bytes after the data", end - used))
        }
    };
    Ok(match (rtype, class) {
        (Type::A, Class::In) => {
            let a: [u8; 4] = data
                .try_into()
                .map_err(|_| format!("{} bytes, not 4", data.len()))?;
            Rdata::A(Ipv4Addr::from(a))
        }
        (Type::Aaaa, Class::In) => {
            let a: [u8; 16] = data
                .try_into()
                .map_err(|_| format!("{} bytes, not 16", data.len()))?;
            Rdata::Aaaa(Ipv6Addr::from(a))
        }
        (Type::Ns | Type::Cname | Type::Ptr, _) => {
            let (name, used) = name_at(start)?;
            whole(used)?;
            match rtype {
                Type::Ns => Rdata::Ns(name),
                Type::Cname => Rdata::Cname(name),
                _ => Rdata::Ptr(name),
            }
        }
        (Type::Mx, _) => {
            let Some((preference, _)) = data.split_first_chunk::<2>() else {
                return Err(format!(
                    "{} bytes, too short for the preference",
                    data.len()
                ));
            };
            let (exchange, used) = name_at(start + 2)?;
            whole(used)?;
            Rdata::Mx {
                preference: u16::from_be_bytes(*preference),
                exchange,
            }
        }
        (Type::Txt, _) => {
            let mut rest = data;
            while let Some((&n, tail)) = rest.split_first() {
                rest = tail
                    .get(n as usize..)
                    .ok_or("a string runs past the record's data")?;
            }
            Rdata::Txt(Strings(data))
        }
        (Type::Soa, _) => {
            let (mname, at) = name_at(start)?;
            let (rname, at) = name_at(at)?;
            let numbers = SoaTail::decode(&wire[at..end]).map_err(|e| e.to_string())?;
            Rdata::Soa {
                mname,
                rname,
                numbers,
            }
        }
        _ => Rdata::Other(data),
    })
}

/// Appends a record: its owner name, the fixed part with `rdlength` 0, the
/// data, then `rdlength` set to the data's length. The data is written in
/// place because its names are compressed against the whole message, so its
/// length is known only after it is written.
fn encode_record(
    r: &Record<'_>,
    out: &mut Vec<u8>,
    base: usize,
    compress: &mut Compressor,
) -> Result<(), DnsError> {
    compress.write(r.name.labels(), out, base);
    let tail = RecordTail {
        rtype: r.rtype,
        class: r.class,
        ttl: r.ttl,
        rdlength: 0,
        rdata: &[],
    };
    tail.encode_into(out)
        .map_err(|e| DnsError::Encode(e.to_string()))?;
    let start = out.len();
    write_rdata(&r.data, out, base, compress)?;
    let len = u16::try_from(out.len() - start).map_err(|_| {
        DnsError::Encode(format!(
            "record data of {} bytes, over 65535",
            out.len() - start
        ))
    })?;
    out[start - 2..start].copy_from_slice(&len.to_be_bytes());
    Ok(())
}

/// Appends a record's data, its names compressed against the message that
/// starts at `out[base]`.
pub fn write_rdata(
    data: &Rdata<'_>,
    out: &mut Vec<u8>,
    base: usize,
    compress: &mut Compressor,
) -> Result<(), DnsError> {
    match data {
        Rdata::A(a) => out.extend_from_slice(&a.octets()),
        Rdata::Aaaa(a) => out.extend_from_slice(&a.octets()),
        Rdata::Ns(n) | Rdata::Cname(n) | Rdata::Ptr(n) => compress.write(n.labels(), out, base),
        Rdata::Mx {
            preference,
            exchange,
        } => {
            out.extend_from_slice(&preference.to_be_bytes());
            compress.write(exchange.labels(), out, base);
        }
        Rdata::Txt(Strings(data)) | Rdata::Other(data) => out.extend_from_slice(data),
        Rdata::Soa {
            mname,
            rname,
            numbers,
        } => {
            compress.write(mname.labels(), out, base);
            compress.write(rname.labels(), out, base);
            numbers
                .encode_into(out)
                .map_err(|e| DnsError::Encode(e.to_string()))?;
        }
    }
    Ok(())
}
