//! W8: 10,000 DNS responses made by dnspython (`benches/data/w8_responses.bin`,
//! 1.70 MB, written by `examples/python/gen_dns.py --bench`), each framed as DNS
//! over TCP frames it: `struct.pack("!H", len(wire)) + wire`. Names are
//! compressed as dnspython's `to_wire()` compresses them.
//!
//! **Decode** reads every response into its header, questions and records
//! (answer, authority and additional sections): every name is read with its
//! compression pointers followed, and refused when a pointer does not point
//! back (a loop, a pointer forward or past the end, dnspython's rule), when a
//! length byte has the reserved bits, or when the name is over 255 bytes. Each
//! record's data is kept as bytes (names inside NS/CNAME/MX/SOA data are not
//! followed). Every column then folds every field into a checksum ([`fold`]):
//! the header, each name's uncompressed length and byte sum, each question's
//! type and class, each record's type, class, TTL, data length and data byte
//! sum. CPython computes the same checksum from its own decoder
//! (`cpython_bench.py`), hard-coded here as [`CPYTHON_CHECKSUM`].
//!
//! **Encode** writes every decoded response back, framed, into one reused
//! `Vec<u8>`. A name keeps the bytes it had in the message (its labels up to the
//! root or up to its pointer), and every message comes back with the same
//! layout, so the pointers stay right: the output is the input, byte for byte,
//! checked against the CRC-32 Python computes of the file
//! ([`CPYTHON_CRC32`]). This is "the same compression as the input", not a
//! compressor: no column looks names up to compress them.
//!
//! Names, borrowed or owned, are the bytes in place plus the value the fold
//! uses (the uncompressed length and byte sum, computed while following the
//! pointers): what a decoder that checks names without copying them keeps.

use crate::harness::{compare_bytes, unpack_column, Cell, Column, Stamp};
use crate::names;
use crate::w6::byte_sum;
use binrw::{BinRead, BinWrite};
use deku::{DekuContainerRead, DekuRead, DekuWrite, DekuWriter};
use netpack::{Error, FieldCodec, Message, NetPack};
use std::hint::black_box;
use std::io::{Cursor, Seek, SeekFrom};

/// What the table shows as the workload's format.
pub const SHOWN: &str = "!H + DNS (!6H, names, !HH / !HHIH + rdata)";
/// The file.
pub const FILE: &[u8] = include_bytes!("../data/w8_responses.bin");
/// `benches/data/w8_responses.txt`: the responses.
pub const MESSAGES: usize = 10_000;
/// `benches/data/w8_responses.txt` (Python 3.11, `len(blob)`).
pub const CPYTHON_LEN: usize = 1_699_104;
/// `benches/data/w8_responses.txt` (Python 3.11, `zlib.crc32(blob)`): the file,
/// and so what every encoder must write.
pub const CPYTHON_CRC32: u32 = 0xa43b_3b62;
/// Python 3.11: [`fold`] over the file, from `cpython_bench.py`'s decoder
/// (`w8_checksum`).
pub const CPYTHON_CHECKSUM: u64 = 0xae25_173c_8266_1edb;
/// The most entries a section may claim (a 16-bit count).
pub const MAX_COUNT: usize = 65535;

/// Reading names: labels of 1 to 63 bytes up to the root, or a compression
/// pointer back into the message (RFC 1035 4.1.4, dnspython's rule).
pub mod name {
    use crate::w6::byte_sum;

    /// The longest name, uncompressed, the root byte included.
    pub const MAX_NAME: usize = 255;
    /// The most pointers one name may follow.
    pub const MAX_POINTERS: usize = 127;

    /// Why a name cannot be read.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum NameError {
        /// The message ends inside the name.
        Truncated,
        /// A pointer that does not point before the previous one (a loop, a
        /// pointer forward or past the end).
        BadPointer,
        /// A length byte with the reserved bits `01` or `10`.
        BadLabelType,
        /// Over [`MAX_NAME`] bytes uncompressed.
        TooLong,
        /// Over [`MAX_POINTERS`] pointers.
        TooManyPointers,
    }

    impl NameError {
        /// What the error says.
        pub fn message(self) -> &'static str {
            match self {
                NameError::Truncated => "the message ends inside a name",
                NameError::BadPointer => "a compression pointer does not point back",
                NameError::BadLabelType => "a label length byte has the reserved bits",
                NameError::TooLong => "a name is over 255 bytes",
                NameError::TooManyPointers => "a name follows over 127 pointers",
            }
        }
    }

    /// The value a name adds to the checksum: its uncompressed length (the
    /// root byte included) and the sum of its uncompressed bytes (length bytes
    /// and labels). Python: `len(full) | sum(full) << 16`.
    #[inline(always)]
    pub fn value(length: usize, sum: u32) -> u64 {
        length as u64 | (u64::from(sum) << 16)
    }

    /// Reads the name at `at` of the message `wire`: its bytes in place (up to
    /// the root or the first pointer) and its [`value`].
    #[inline]
    pub fn read(wire: &[u8], at: usize) -> Result<(usize, u64), NameError> {
        let (mut pos, mut last, mut after) = (at, at, None);
        let (mut length, mut sum, mut pointers) = (1usize, 0u32, 0usize);
        loop {
            let count = *wire.get(pos).ok_or(NameError::Truncated)?;
            match count {
                0 => break,
                1..=63 => {
                    let n = usize::from(count);
                    let label = wire.get(pos + 1..pos + 1 + n).ok_or(NameError::Truncated)?;
                    length += 1 + n;
                    if length > MAX_NAME {
                        return Err(NameError::TooLong);
                    }
                    sum = sum.wrapping_add(u32::from(count) + byte_sum(label));
                    pos += 1 + n;
                }
                0xc0..=0xff => {
                    let low = *wire.get(pos + 1).ok_or(NameError::Truncated)?;
                    let target = usize::from(count & 0x3f) << 8 | usize::from(low);
                    if target >= last {
                        return Err(NameError::BadPointer);
                    }
                    pointers += 1;
                    if pointers > MAX_POINTERS {
                        return Err(NameError::TooManyPointers);
                    }
                    after.get_or_insert(pos + 2);
                    last = target;
                    pos = target;
                }
                _ => return Err(NameError::BadLabelType),
            }
        }
        Ok((after.unwrap_or(pos + 1) - at, value(length, sum)))
    }
}

/// One step of the checksum.
#[inline(always)]
fn step(acc: u64, x: u64) -> u64 {
    acc.rotate_left(5) ^ x
}

/// The checksum: what each part of a response adds to it. Python:
/// `acc = rotl64(acc, 5) ^ x` for each `x` in the order of these functions.
pub mod fold {
    use super::step;
    use crate::w6::byte_sum;

    /// The header: `id | flags << 16 | qdcount << 32 | ancount << 48`, then
    /// `nscount | arcount << 16`.
    #[inline(always)]
    pub fn header(acc: u64, h: [u16; 6]) -> u64 {
        let [id, flags, qd, an, ns, ar] = h.map(u64::from);
        step(
            step(acc, id | flags << 16 | qd << 32 | an << 48),
            ns | ar << 16,
        )
    }

    /// A question: the name's value, then `qtype | qclass << 16`.
    #[inline(always)]
    pub fn question(acc: u64, name: u64, qtype: u16, qclass: u16) -> u64 {
        step(step(acc, name), u64::from(qtype) | u64::from(qclass) << 16)
    }

    /// A record: the name's value, `rtype | class << 16 | ttl << 32`, then
    /// `len(rdata) | sum(rdata) << 16`.
    #[inline(always)]
    pub fn record(acc: u64, name: u64, rtype: u16, class: u16, ttl: u32, rdata: &[u8]) -> u64 {
        let acc = step(
            step(acc, name),
            u64::from(rtype) | u64::from(class) << 16 | u64::from(ttl) << 32,
        );
        step(acc, rdata.len() as u64 | u64::from(byte_sum(rdata)) << 16)
    }
}

/// The messages of the file: the bytes after each `!H` length.
pub fn frames(mut buf: &[u8]) -> impl Iterator<Item = &[u8]> {
    std::iter::from_fn(move || {
        let (len, rest) = buf.split_first_chunk::<2>()?;
        let (wire, rest) = rest.split_at_checked(usize::from(u16::from_be_bytes(*len)))?;
        buf = rest;
        Some(wire)
    })
}

/// The file, checked against CPython's length and CRC-32.
pub fn cpython_file() -> Result<&'static [u8], String> {
    if FILE.len() != CPYTHON_LEN {
        return Err(format!("{} bytes, CPython's are {CPYTHON_LEN}", FILE.len()));
    }
    let crc = crate::w4::crc32(FILE);
    if crc != CPYTHON_CRC32 {
        return Err(format!(
            "CRC-32 {crc:#010x}, CPython's is {CPYTHON_CRC32:#010x}"
        ));
    }
    Ok(FILE)
}

/// A name, borrowed: its bytes in the message (labels up to the root or the
/// first pointer) and its checksum value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name<'a> {
    /// The bytes in place, pointer included.
    pub wire: &'a [u8],
    /// [`name::value`].
    pub value: u64,
}

/// A name, owned: the bytes in place, copied, and its checksum value.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OwnedName {
    /// The bytes in place, pointer included.
    pub wire: Vec<u8>,
    /// [`name::value`].
    pub value: u64,
}

/// The `with` codec of names: [`name::read`] in the whole message; encoding
/// writes the bytes in place back.
pub struct NameCodec;

impl<'a> FieldCodec<'a, Name<'a>> for NameCodec {
    #[inline]
    fn decode(input: &'a [u8], pos: usize) -> Result<(Name<'a>, usize), Error> {
        let (used, value) = name::read(input, pos).map_err(|e| Error::invalid_data(e.message()))?;
        let name = Name {
            wire: &input[pos..pos + used],
            value,
        };
        Ok((name, used))
    }

    fn encoded_len(name: &Name<'a>) -> usize {
        name.wire.len()
    }

    #[inline]
    fn encode(name: &Name<'a>, out: &mut Vec<u8>, _base: usize) -> Result<(), Error> {
        out.extend_from_slice(name.wire);
        Ok(())
    }
}

/// The `with` codec of owned names.
pub struct OwnedNameCodec;

impl<'a> FieldCodec<'a, OwnedName> for OwnedNameCodec {
    #[inline]
    fn decode(input: &'a [u8], pos: usize) -> Result<(OwnedName, usize), Error> {
        let (name, used) = <NameCodec as FieldCodec<'a, Name<'a>>>::decode(input, pos)?;
        let name = OwnedName {
            wire: name.wire.to_vec(),
            value: name.value,
        };
        Ok((name, used))
    }

    fn encoded_len(name: &OwnedName) -> usize {
        name.wire.len()
    }

    #[inline]
    fn encode(name: &OwnedName, out: &mut Vec<u8>, _base: usize) -> Result<(), Error> {
        out.extend_from_slice(&name.wire);
        Ok(())
    }
}

/// A question, derived: the name, then `!HH`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, NetPack)]
pub struct Question<'a> {
    /// Read in the whole message.
    #[netpack(with = "NameCodec")]
    pub name: Name<'a>,
    /// `H`
    pub qtype: u16,
    /// `H`
    pub qclass: u16,
}

/// A resource record, derived: the owner name, then `!HHIH` and `rdlength`
/// bytes of data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, NetPack)]
pub struct Record<'a> {
    /// Read in the whole message.
    #[netpack(with = "NameCodec")]
    pub name: Name<'a>,
    /// `H`
    pub rtype: u16,
    /// `H`
    pub class: u16,
    /// `I`
    pub ttl: u32,
    /// `H`: the length of `rdata`.
    pub rdlength: u16,
    /// The data, as it is.
    #[netpack(len = "rdlength", max = 65535)]
    pub rdata: &'a [u8],
}

/// A whole response, derived, borrowed: `!6H`, then the sections, each as many
/// entries as its count says.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
pub struct Dns<'a> {
    /// `H`
    pub id: u16,
    /// `H`
    pub flags: u16,
    /// `H`: the questions.
    pub qdcount: u16,
    /// `H`: the answers.
    pub ancount: u16,
    /// `H`: the authority records.
    pub nscount: u16,
    /// `H`: the additional records.
    pub arcount: u16,
    /// `qdcount` questions.
    #[netpack(count = "qdcount", max = MAX_COUNT)]
    pub questions: Vec<Question<'a>>,
    /// `ancount` records.
    #[netpack(count = "ancount", max = MAX_COUNT)]
    pub answers: Vec<Record<'a>>,
    /// `nscount` records.
    #[netpack(count = "nscount", max = MAX_COUNT)]
    pub authority: Vec<Record<'a>>,
    /// `arcount` records.
    #[netpack(count = "arcount", max = MAX_COUNT)]
    pub additional: Vec<Record<'a>>,
}

/// A question, derived, owned.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
pub struct OwnedQuestion {
    /// Read in the whole message.
    #[netpack(with = "OwnedNameCodec")]
    pub name: OwnedName,
    /// `H`
    pub qtype: u16,
    /// `H`
    pub qclass: u16,
}

/// A resource record, derived, owned.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
pub struct OwnedRecord {
    /// Read in the whole message.
    #[netpack(with = "OwnedNameCodec")]
    pub name: OwnedName,
    /// `H`
    pub rtype: u16,
    /// `H`
    pub class: u16,
    /// `I`
    pub ttl: u32,
    /// `H`: the length of `rdata`.
    pub rdlength: u16,
    /// The data, copied.
    #[netpack(len = "rdlength", max = 65535)]
    pub rdata: Vec<u8>,
}

/// A whole response, derived, owned.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
pub struct OwnedDns {
    /// `H`
    pub id: u16,
    /// `H`
    pub flags: u16,
    /// `H`: the questions.
    pub qdcount: u16,
    /// `H`: the answers.
    pub ancount: u16,
    /// `H`: the authority records.
    pub nscount: u16,
    /// `H`: the additional records.
    pub arcount: u16,
    /// `qdcount` questions.
    #[netpack(count = "qdcount", max = MAX_COUNT)]
    pub questions: Vec<OwnedQuestion>,
    /// `ancount` records.
    #[netpack(count = "ancount", max = MAX_COUNT)]
    pub answers: Vec<OwnedRecord>,
    /// `nscount` records.
    #[netpack(count = "nscount", max = MAX_COUNT)]
    pub authority: Vec<OwnedRecord>,
    /// `arcount` records.
    #[netpack(count = "arcount", max = MAX_COUNT)]
    pub additional: Vec<OwnedRecord>,
}

impl Dns<'_> {
    /// Adds the response to the checksum.
    #[inline]
    pub fn fold(&self, acc: u64) -> u64 {
        let h = [
            self.id,
            self.flags,
            self.qdcount,
            self.ancount,
            self.nscount,
            self.arcount,
        ];
        let mut acc = fold::header(acc, h);
        for q in &self.questions {
            acc = fold::question(acc, q.name.value, q.qtype, q.qclass);
        }
        for r in self
            .answers
            .iter()
            .chain(&self.authority)
            .chain(&self.additional)
        {
            acc = fold::record(acc, r.name.value, r.rtype, r.class, r.ttl, r.rdata);
        }
        acc
    }
}

impl OwnedDns {
    /// Adds the response to the checksum.
    #[inline]
    pub fn fold(&self, acc: u64) -> u64 {
        let h = [
            self.id,
            self.flags,
            self.qdcount,
            self.ancount,
            self.nscount,
            self.arcount,
        ];
        let mut acc = fold::header(acc, h);
        for q in &self.questions {
            acc = fold::question(acc, q.name.value, q.qtype, q.qclass);
        }
        for r in self
            .answers
            .iter()
            .chain(&self.authority)
            .chain(&self.additional)
        {
            acc = fold::record(acc, r.name.value, r.rtype, r.class, r.ttl, &r.rdata);
        }
        acc
    }
}

/// What a careful person writes: `from_be_bytes`, checked slicing,
/// [`name::read`], and the same structs as the derive fills.
pub mod hand {
    use super::name::{self, NameError};
    use super::{Dns, Name, OwnedDns, OwnedName, OwnedQuestion, OwnedRecord, Question, Record};

    /// Why a response does not decode.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Bad {
        /// The message ends inside a part.
        Short,
        /// A name that is no name.
        Name(NameError),
        /// Bytes after the last record.
        Trailing,
        /// On encode: a section of over 65535 entries, or a message or record
        /// data over 65535 bytes.
        TooBig,
    }

    impl From<NameError> for Bad {
        fn from(e: NameError) -> Bad {
            Bad::Name(e)
        }
    }

    #[inline(always)]
    fn u16_at(wire: &[u8], at: usize) -> Result<u16, Bad> {
        let b = wire.get(at..at + 2).ok_or(Bad::Short)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    #[inline(always)]
    fn name_at(wire: &[u8], at: usize) -> Result<(Name<'_>, usize), Bad> {
        let (used, value) = name::read(wire, at)?;
        let name = Name {
            wire: &wire[at..at + used],
            value,
        };
        Ok((name, at + used))
    }

    #[inline(always)]
    fn record_at(wire: &[u8], at: usize) -> Result<(Record<'_>, usize), Bad> {
        let (name, at) = name_at(wire, at)?;
        let f: &[u8; 10] = wire
            .get(at..at + 10)
            .and_then(|s| s.try_into().ok())
            .ok_or(Bad::Short)?;
        let rdlength = u16::from_be_bytes([f[8], f[9]]);
        let end = at + 10 + usize::from(rdlength);
        let rdata = wire.get(at + 10..end).ok_or(Bad::Short)?;
        let r = Record {
            name,
            rtype: u16::from_be_bytes([f[0], f[1]]),
            class: u16::from_be_bytes([f[2], f[3]]),
            ttl: u32::from_be_bytes([f[4], f[5], f[6], f[7]]),
            rdlength,
            rdata,
        };
        Ok((r, end))
    }

    /// How many entries of at least `min` bytes the rest of the message can
    /// hold, at most `count`: what to reserve for a count a peer wrote.
    #[inline(always)]
    fn bounded(count: u16, rest: usize, min: usize) -> usize {
        usize::from(count).min(rest / min)
    }

    /// Reads one whole response, borrowing its names and data.
    #[inline]
    pub fn decode(wire: &[u8]) -> Result<Dns<'_>, Bad> {
        let h = [0, 2, 4, 6, 8, 10].map(|at| u16_at(wire, at));
        let [id, flags, qdcount, ancount, nscount, arcount] =
            [h[0]?, h[1]?, h[2]?, h[3]?, h[4]?, h[5]?];
        let mut pos = 12;
        let mut questions = Vec::with_capacity(bounded(qdcount, wire.len(), 5));
        for _ in 0..qdcount {
            let (name, at) = name_at(wire, pos)?;
            let q = Question {
                name,
                qtype: u16_at(wire, at)?,
                qclass: u16_at(wire, at + 2)?,
            };
            questions.push(q);
            pos = at + 4;
        }
        let mut section = |count: u16| -> Result<Vec<Record<'_>>, Bad> {
            let mut records = Vec::with_capacity(bounded(count, wire.len(), 11));
            for _ in 0..count {
                let (r, next) = record_at(wire, pos)?;
                records.push(r);
                pos = next;
            }
            Ok(records)
        };
        let answers = section(ancount)?;
        let authority = section(nscount)?;
        let additional = section(arcount)?;
        if pos != wire.len() {
            return Err(Bad::Trailing);
        }
        Ok(Dns {
            id,
            flags,
            qdcount,
            ancount,
            nscount,
            arcount,
            questions,
            answers,
            authority,
            additional,
        })
    }

    /// Reads one whole response, copying its names and data.
    #[inline]
    pub fn decode_owned(wire: &[u8]) -> Result<OwnedDns, Bad> {
        let m = decode(wire)?;
        let name = |n: &Name<'_>| OwnedName {
            wire: n.wire.to_vec(),
            value: n.value,
        };
        let record = |r: &Record<'_>| OwnedRecord {
            name: name(&r.name),
            rtype: r.rtype,
            class: r.class,
            ttl: r.ttl,
            rdlength: r.rdlength,
            rdata: r.rdata.to_vec(),
        };
        Ok(OwnedDns {
            id: m.id,
            flags: m.flags,
            qdcount: m.qdcount,
            ancount: m.ancount,
            nscount: m.nscount,
            arcount: m.arcount,
            questions: m
                .questions
                .iter()
                .map(|q| OwnedQuestion {
                    name: name(&q.name),
                    qtype: q.qtype,
                    qclass: q.qclass,
                })
                .collect(),
            answers: m.answers.iter().map(record).collect(),
            authority: m.authority.iter().map(record).collect(),
            additional: m.additional.iter().map(record).collect(),
        })
    }

    /// Appends one response, framed (`!H` length first).
    #[inline]
    pub fn encode(m: &Dns<'_>, out: &mut Vec<u8>) -> Result<(), Bad> {
        let start = out.len();
        out.extend_from_slice(&[0, 0]);
        let counts = [
            &m.questions.len(),
            &m.answers.len(),
            &m.authority.len(),
            &m.additional.len(),
        ]
        .map(|&n| u16::try_from(n).map_err(|_| Bad::TooBig));
        out.extend_from_slice(&m.id.to_be_bytes());
        out.extend_from_slice(&m.flags.to_be_bytes());
        for n in counts {
            out.extend_from_slice(&n?.to_be_bytes());
        }
        for q in &m.questions {
            out.extend_from_slice(q.name.wire);
            out.extend_from_slice(&q.qtype.to_be_bytes());
            out.extend_from_slice(&q.qclass.to_be_bytes());
        }
        for r in m.answers.iter().chain(&m.authority).chain(&m.additional) {
            out.extend_from_slice(r.name.wire);
            out.extend_from_slice(&r.rtype.to_be_bytes());
            out.extend_from_slice(&r.class.to_be_bytes());
            out.extend_from_slice(&r.ttl.to_be_bytes());
            let len = u16::try_from(r.rdata.len()).map_err(|_| Bad::TooBig)?;
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(r.rdata);
        }
        let len = u16::try_from(out.len() - start - 2).map_err(|_| Bad::TooBig)?;
        out[start..start + 2].copy_from_slice(&len.to_be_bytes());
        Ok(())
    }
}

/// Appends one response with the derive's `encode_into`, framed.
#[inline]
pub fn netpack_encode<'a, M: Message<'a>>(m: &M, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(&[0, 0]);
    m.encode_into(out).unwrap();
    let len = u16::try_from(out.len() - start - 2).unwrap();
    out[start..start + 2].copy_from_slice(&len.to_be_bytes());
}

/// binrw's name parser: labels read from the stream, pointers followed by
/// seeking back (each before the last), then the stream set after the name.
#[binrw::parser(reader)]
fn binrw_name() -> binrw::BinResult<OwnedName> {
    let start = reader.stream_position()?;
    let fail = |pos: u64, e: name::NameError| binrw::Error::AssertFail {
        pos,
        message: e.message().to_string(),
    };
    let (mut last, mut after) = (start, None);
    let (mut length, mut sum, mut pointers) = (1usize, 0u32, 0usize);
    let mut wire = Vec::new();
    loop {
        let count = u8::read(reader)?;
        if after.is_none() {
            wire.push(count);
        }
        match count {
            0 => break,
            1..=63 => {
                let mut label = [0u8; 63];
                let label = &mut label[..usize::from(count)];
                std::io::Read::read_exact(reader, label)?;
                if after.is_none() {
                    wire.extend_from_slice(label);
                }
                length += 1 + label.len();
                if length > name::MAX_NAME {
                    return Err(fail(start, name::NameError::TooLong));
                }
                sum = sum.wrapping_add(u32::from(count) + byte_sum(label));
            }
            0xc0..=0xff => {
                let low = u8::read(reader)?;
                let target = u64::from(count & 0x3f) << 8 | u64::from(low);
                if target >= last {
                    return Err(fail(start, name::NameError::BadPointer));
                }
                pointers += 1;
                if pointers > name::MAX_POINTERS {
                    return Err(fail(start, name::NameError::TooManyPointers));
                }
                if after.is_none() {
                    wire.push(low);
                    after = Some(reader.stream_position()?);
                }
                last = target;
                reader.seek(SeekFrom::Start(target))?;
            }
            _ => return Err(fail(start, name::NameError::BadLabelType)),
        }
    }
    if let Some(after) = after {
        reader.seek(SeekFrom::Start(after))?;
    }
    Ok(OwnedName {
        wire,
        value: name::value(length, sum),
    })
}

/// binrw's name writer: the bytes in place.
#[binrw::writer(writer)]
fn binrw_write_name(name: &OwnedName) -> binrw::BinResult<()> {
    writer.write_all(&name.wire)?;
    Ok(())
}

/// A question for binrw.
#[derive(Clone, Debug, PartialEq, BinRead, BinWrite)]
#[brw(big)]
pub struct BinrwQuestion {
    /// `parse_with`/`write_with`.
    #[br(parse_with = binrw_name)]
    #[bw(write_with = binrw_write_name)]
    pub name: OwnedName,
    /// `H`
    pub qtype: u16,
    /// `H`
    pub qclass: u16,
}

/// A record for binrw.
#[derive(Clone, Debug, PartialEq, BinRead, BinWrite)]
#[brw(big)]
pub struct BinrwRecord {
    /// `parse_with`/`write_with`.
    #[br(parse_with = binrw_name)]
    #[bw(write_with = binrw_write_name)]
    pub name: OwnedName,
    /// `H`
    pub rtype: u16,
    /// `H`
    pub class: u16,
    /// `I`
    pub ttl: u32,
    /// `H`
    pub rdlength: u16,
    /// `rdlength` bytes.
    #[br(count = rdlength)]
    pub rdata: Vec<u8>,
}

/// A response for binrw: `count` for each section.
#[derive(Clone, Debug, PartialEq, BinRead, BinWrite)]
#[brw(big)]
pub struct BinrwDns {
    /// `H`
    pub id: u16,
    /// `H`
    pub flags: u16,
    /// `H`
    pub qdcount: u16,
    /// `H`
    pub ancount: u16,
    /// `H`
    pub nscount: u16,
    /// `H`
    pub arcount: u16,
    /// `qdcount` questions.
    #[br(count = qdcount)]
    pub questions: Vec<BinrwQuestion>,
    /// `ancount` records.
    #[br(count = ancount)]
    pub answers: Vec<BinrwRecord>,
    /// `nscount` records.
    #[br(count = nscount)]
    pub authority: Vec<BinrwRecord>,
    /// `arcount` records.
    #[br(count = arcount)]
    pub additional: Vec<BinrwRecord>,
}

impl BinrwDns {
    /// Reads one whole response (no byte left over).
    pub fn decode(wire: &[u8]) -> BinrwDns {
        let mut cursor = Cursor::new(wire);
        let m = BinrwDns::read(&mut cursor).unwrap();
        assert_eq!(cursor.position() as usize, wire.len(), "trailing bytes");
        m
    }

    /// Adds the response to the checksum.
    pub fn fold(&self, acc: u64) -> u64 {
        let h = [
            self.id,
            self.flags,
            self.qdcount,
            self.ancount,
            self.nscount,
            self.arcount,
        ];
        let mut acc = fold::header(acc, h);
        for q in &self.questions {
            acc = fold::question(acc, q.name.value, q.qtype, q.qclass);
        }
        for r in self
            .answers
            .iter()
            .chain(&self.authority)
            .chain(&self.additional)
        {
            acc = fold::record(acc, r.name.value, r.rtype, r.class, r.ttl, &r.rdata);
        }
        acc
    }
}

/// deku's name reader: as binrw's, through deku's `Reader` (which seeks).
fn deku_name<R: std::io::Read + std::io::Seek>(
    reader: &mut deku::reader::Reader<R>,
) -> Result<OwnedName, deku::DekuError> {
    use deku::DekuReader;
    let io = |_| deku::DekuError::Io(std::io::ErrorKind::Other);
    let fail = |e: name::NameError| deku::DekuError::Parse(e.message().into());
    let start = reader.stream_position().map_err(io)?;
    let (mut last, mut after) = (start, None);
    let (mut length, mut sum, mut pointers) = (1usize, 0u32, 0usize);
    let mut wire = Vec::new();
    loop {
        let count = u8::from_reader_with_ctx(reader, ())?;
        if after.is_none() {
            wire.push(count);
        }
        match count {
            0 => break,
            1..=63 => {
                let mut label = [0u8; 63];
                let label = &mut label[..usize::from(count)];
                reader.read_bytes(label.len(), label, deku::ctx::Order::Msb0)?;
                if after.is_none() {
                    wire.extend_from_slice(label);
                }
                length += 1 + label.len();
                if length > name::MAX_NAME {
                    return Err(fail(name::NameError::TooLong));
                }
                sum = sum.wrapping_add(u32::from(count) + byte_sum(label));
            }
            0xc0..=0xff => {
                let low = u8::from_reader_with_ctx(reader, ())?;
                let target = u64::from(count & 0x3f) << 8 | u64::from(low);
                if target >= last {
                    return Err(fail(name::NameError::BadPointer));
                }
                pointers += 1;
                if pointers > name::MAX_POINTERS {
                    return Err(fail(name::NameError::TooManyPointers));
                }
                if after.is_none() {
                    wire.push(low);
                    after = Some(reader.stream_position().map_err(io)?);
                }
                last = target;
                reader.seek(SeekFrom::Start(target)).map_err(io)?;
            }
            _ => return Err(fail(name::NameError::BadLabelType)),
        }
    }
    if let Some(after) = after {
        reader.seek(SeekFrom::Start(after)).map_err(io)?;
    }
    Ok(OwnedName {
        wire,
        value: name::value(length, sum),
    })
}

/// deku's name writer: the bytes in place.
fn deku_write_name<W: std::io::Write + std::io::Seek>(
    writer: &mut deku::writer::Writer<W>,
    name: &OwnedName,
) -> Result<(), deku::DekuError> {
    writer.write_bytes(&name.wire)
}

/// A question for deku.
#[derive(Clone, Debug, PartialEq, DekuRead, DekuWrite)]
#[deku(endian = "endian", ctx = "endian: deku::ctx::Endian")]
pub struct DekuQuestion {
    /// `reader`/`writer`.
    #[deku(
        reader = "deku_name(deku::reader)",
        writer = "deku_write_name(deku::writer, &self.name)"
    )]
    pub name: OwnedName,
    /// `H`
    pub qtype: u16,
    /// `H`
    pub qclass: u16,
}

/// A record for deku.
#[derive(Clone, Debug, PartialEq, DekuRead, DekuWrite)]
#[deku(endian = "endian", ctx = "endian: deku::ctx::Endian")]
pub struct DekuRecord {
    /// `reader`/`writer`.
    #[deku(
        reader = "deku_name(deku::reader)",
        writer = "deku_write_name(deku::writer, &self.name)"
    )]
    pub name: OwnedName,
    /// `H`
    pub rtype: u16,
    /// `H`
    pub class: u16,
    /// `I`
    pub ttl: u32,
    /// `H`
    pub rdlength: u16,
    /// `rdlength` bytes.
    #[deku(count = "*rdlength")]
    pub rdata: Vec<u8>,
}

/// A response for deku: `count` for each section.
#[derive(Clone, Debug, PartialEq, DekuRead, DekuWrite)]
#[deku(endian = "big")]
pub struct DekuDns {
    /// `H`
    pub id: u16,
    /// `H`
    pub flags: u16,
    /// `H`
    pub qdcount: u16,
    /// `H`
    pub ancount: u16,
    /// `H`
    pub nscount: u16,
    /// `H`
    pub arcount: u16,
    /// `qdcount` questions.
    #[deku(count = "*qdcount")]
    pub questions: Vec<DekuQuestion>,
    /// `ancount` records.
    #[deku(count = "*ancount")]
    pub answers: Vec<DekuRecord>,
    /// `nscount` records.
    #[deku(count = "*nscount")]
    pub authority: Vec<DekuRecord>,
    /// `arcount` records.
    #[deku(count = "*arcount")]
    pub additional: Vec<DekuRecord>,
}

impl DekuDns {
    /// Reads one whole response (no byte left over).
    pub fn decode(wire: &[u8]) -> DekuDns {
        let ((rest, _), m) = DekuDns::from_bytes((wire, 0)).unwrap();
        assert!(rest.is_empty(), "trailing bytes");
        m
    }

    /// Adds the response to the checksum.
    pub fn fold(&self, acc: u64) -> u64 {
        let h = [
            self.id,
            self.flags,
            self.qdcount,
            self.ancount,
            self.nscount,
            self.arcount,
        ];
        let mut acc = fold::header(acc, h);
        for q in &self.questions {
            acc = fold::question(acc, q.name.value, q.qtype, q.qclass);
        }
        for r in self
            .answers
            .iter()
            .chain(&self.authority)
            .chain(&self.additional)
        {
            acc = fold::record(acc, r.name.value, r.rtype, r.class, r.ttl, &r.rdata);
        }
        acc
    }
}

/// Hand-written: every response decoded and folded.
pub fn hand_decode(buf: &[u8]) -> u64 {
    frames(buf).fold(0, |acc, w| hand::decode(w).unwrap().fold(acc))
}

/// Hand-written, owned.
pub fn hand_decode_owned(buf: &[u8]) -> u64 {
    frames(buf).fold(0, |acc, w| hand::decode_owned(w).unwrap().fold(acc))
}

/// `Dns::decode` of every response.
pub fn netpack_decode(buf: &[u8]) -> u64 {
    frames(buf).fold(0, |acc, w| Dns::decode(w).unwrap().fold(acc))
}

/// `OwnedDns::decode` of every response.
pub fn netpack_decode_owned(buf: &[u8]) -> u64 {
    frames(buf).fold(0, |acc, w| OwnedDns::decode(w).unwrap().fold(acc))
}

/// binrw: `BinrwDns::read` of every response.
pub fn binrw_decode(buf: &[u8]) -> u64 {
    frames(buf).fold(0, |acc, w| BinrwDns::decode(w).fold(acc))
}

/// deku: `DekuDns::from_bytes` of every response.
pub fn deku_decode(buf: &[u8]) -> u64 {
    frames(buf).fold(0, |acc, w| DekuDns::decode(w).fold(acc))
}

/// A column that encodes `msgs` one after another with `f` into a cleared,
/// reused `Vec<u8>` and checks the output's length and CRC-32 against
/// CPython's (the file).
pub fn encode_column<M, F>(name: &'static str, f: F, msgs: Vec<M>) -> Column
where
    M: 'static,
    F: Fn(&M, &mut Vec<u8>) + Clone + 'static,
{
    let msgs = std::rc::Rc::new(msgs);
    let check = {
        let (f, msgs) = (f.clone(), msgs.clone());
        Box::new(move || {
            let mut out = Vec::new();
            for m in msgs.iter() {
                f(m, &mut out);
            }
            if out.len() != CPYTHON_LEN {
                return Err(format!("{} bytes, expected {CPYTHON_LEN}", out.len()));
            }
            let crc = crate::w4::crc32(&out);
            if crc != CPYTHON_CRC32 {
                compare_bytes(&out, FILE)?;
                return Err(format!(
                    "CRC-32 {crc:#010x}, expected {CPYTHON_CRC32:#010x}"
                ));
            }
            Ok(())
        })
    };
    let mut out = Vec::with_capacity(CPYTHON_LEN);
    let sample = Box::new(move |n: u64| {
        let msgs: &[M] = &msgs;
        let start = Stamp::now();
        for _ in 0..n {
            out.clear();
            for m in black_box(msgs) {
                f(m, &mut out);
            }
            black_box(&out);
        }
        start.elapsed()
    });
    Column {
        name,
        check,
        sample,
    }
}

/// The netpack columns.
fn netpack_columns(buf: &'static [u8]) -> (Vec<Column>, Vec<Column>) {
    let decode = vec![
        unpack_column(names::BORROWED, netpack_decode, buf, CPYTHON_CHECKSUM),
        unpack_column(names::OWNED, netpack_decode_owned, buf, CPYTHON_CHECKSUM),
    ];
    let borrowed: Vec<Dns<'static>> = frames(buf).map(|w| Dns::decode(w).unwrap()).collect();
    let owned: Vec<OwnedDns> = frames(buf).map(|w| OwnedDns::decode(w).unwrap()).collect();
    let encode = vec![
        encode_column(
            names::BORROWED,
            |m: &Dns<'static>, out| netpack_encode(m, out),
            borrowed,
        ),
        encode_column(
            names::OWNED,
            |m: &OwnedDns, out| netpack_encode(m, out),
            owned,
        ),
    ];
    (decode, encode)
}

/// The decode and encode cells of W8.
pub fn cells() -> Vec<Cell> {
    let buf = cpython_file().unwrap_or_else(|e| panic!("W8 file disagrees with CPython: {e}"));
    let (np_decode, np_encode) = netpack_columns(buf);
    let mut decode = vec![
        unpack_column(names::HAND, hand_decode, buf, CPYTHON_CHECKSUM),
        unpack_column(names::HAND_OWNED, hand_decode_owned, buf, CPYTHON_CHECKSUM),
    ];
    decode.extend(np_decode);
    decode.push(unpack_column(
        names::BINRW,
        binrw_decode,
        buf,
        CPYTHON_CHECKSUM,
    ));
    decode.push(unpack_column(
        names::DEKU,
        deku_decode,
        buf,
        CPYTHON_CHECKSUM,
    ));

    let hand_msgs: Vec<Dns<'static>> = frames(buf).map(|w| hand::decode(w).unwrap()).collect();
    let mut encode = vec![encode_column(
        names::HAND,
        |m: &Dns<'static>, out: &mut Vec<u8>| hand::encode(m, out).unwrap(),
        hand_msgs,
    )];
    encode.extend(np_encode);
    let binrw_msgs: Vec<BinrwDns> = frames(buf).map(BinrwDns::decode).collect();
    encode.push(encode_column(
        names::BINRW,
        |m: &BinrwDns, out: &mut Vec<u8>| {
            let start = out.len();
            out.extend_from_slice(&[0, 0]);
            let mut cursor = Cursor::new(&mut *out);
            cursor.set_position(start as u64 + 2);
            m.write(&mut cursor).unwrap();
            let len = u16::try_from(out.len() - start - 2).unwrap();
            out[start..start + 2].copy_from_slice(&len.to_be_bytes());
        },
        binrw_msgs,
    ));
    let deku_msgs: Vec<DekuDns> = frames(buf).map(DekuDns::decode).collect();
    encode.push(encode_column(
        names::DEKU,
        |m: &DekuDns, out: &mut Vec<u8>| {
            let start = out.len();
            out.extend_from_slice(&[0, 0]);
            let mut cursor = Cursor::new(&mut *out);
            cursor.set_position(start as u64 + 2);
            let mut writer = deku::writer::Writer::new(&mut cursor);
            m.to_writer(&mut writer, ()).unwrap();
            writer.finalize().unwrap();
            let len = u16::try_from(out.len() - start - 2).unwrap();
            out[start..start + 2].copy_from_slice(&len.to_be_bytes());
        },
        deku_msgs,
    ));

    let cell = |op, columns| Cell {
        workload: "W8",
        op,
        format: SHOWN,
        bytes: buf.len(),
        records: MESSAGES,
        columns,
    };
    vec![cell("decode", decode), cell("encode", encode)]
}

#[cfg(test)]
mod tests {
    use super::hand::{self, Bad};
    use super::name::NameError;
    use super::*;

    /// A header for one question and one answer, then `www.example.com` at 12.
    fn message(answer_name: &[u8]) -> Vec<u8> {
        let mut m = b"\xbe\xef\x81\x80\x00\x01\x00\x01\x00\x00\x00\x00".to_vec();
        m.extend_from_slice(b"\x03www\x07example\x03com\x00\x00\x01\x00\x01");
        m.extend_from_slice(answer_name);
        m.extend_from_slice(b"\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x01\x02\x03\x04");
        m
    }

    #[test]
    fn every_decoder_reads_every_response() {
        assert_eq!(frames(FILE).count(), MESSAGES);
        let good = message(b"\xc0\x0c");
        let m = hand::decode(&good).unwrap();
        assert_eq!(Dns::decode(&good).unwrap(), m);
        assert_eq!(m.answers[0].name.wire, b"\xc0\x0c");
        assert_eq!(m.answers[0].name.value, m.questions[0].name.value);
        assert_eq!(BinrwDns::decode(&good).fold(0), m.fold(0));
        assert_eq!(DekuDns::decode(&good).fold(0), m.fold(0));
        let mut out = Vec::new();
        hand::encode(&m, &mut out).unwrap();
        assert_eq!(&out[2..], &good[..]);
    }

    #[test]
    fn every_decoder_refuses_what_it_must() {
        let bad = |answer: &[u8], why: Bad| {
            let m = message(answer);
            assert_eq!(hand::decode(&m), Err(why), "{answer:02x?}");
            assert!(Dns::decode(&m).is_err(), "{answer:02x?}");
        };
        let peers_refuse = |answer: &[u8]| {
            let m = message(answer);
            assert!(
                BinrwDns::read(&mut Cursor::new(&m[..])).is_err(),
                "{answer:02x?}"
            );
            assert!(DekuDns::from_bytes((&m[..], 0)).is_err(), "{answer:02x?}");
        };
        peers_refuse(b"\xc0\x21");
        peers_refuse(b"\xc0\x30");
        peers_refuse(b"\x01a\xc0\x21");
        peers_refuse(b"\x41a\x00");
        bad(b"\xc0\x21", Bad::Name(NameError::BadPointer)); // itself
        bad(b"\xc0\x30", Bad::Name(NameError::BadPointer)); // forward
        bad(b"\x01a\xc0\x21", Bad::Name(NameError::BadPointer)); // a loop through a label
        bad(b"\x41a\x00", Bad::Name(NameError::BadLabelType));
        let mut long = Vec::new();
        for _ in 0..4 {
            long.push(63);
            long.extend_from_slice(&[b'a'; 63]);
        }
        long.push(0);
        bad(&long, Bad::Name(NameError::TooLong));
        let mut trailing = message(b"\xc0\x0c");
        trailing.push(0);
        assert_eq!(hand::decode(&trailing), Err(Bad::Trailing));
        assert!(Dns::decode(&trailing).is_err());
        let good = message(b"\xc0\x0c");
        assert_eq!(hand::decode(&good[..good.len() - 1]), Err(Bad::Short));
        assert!(Dns::decode(&good[..good.len() - 1]).is_err());
    }
}
