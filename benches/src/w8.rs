//! W8: 10,000 DNS responses made by dnspython (`benches/data/w8_responses.bin`,
//! 1.70 MB, written by `examples/python/gen_dns.py --bench`), each framed as DNS
//! over TCP frames it: `struct.pack("!H", len(wire)) + wire`. Names are
//! compressed as dnspython's `to_wire()` compresses them.
//!
//! **Decode** reads every response into its header, questions and records
//! (answer, authority and additional sections): every name is read with its
//! compression pointers followed, and refused when a pointer does not point
//! back (a loop, a pointer forward or past the end, dnspython's rule), when a
//! length byte has the reserved bits, or when the name is over 255 bytes. The
//! names in the data of NS, CNAME, PTR, MX and SOA records (26,202 in the file)
//! are read the same way and must fill the data as their type says
//! ([`name::in_data`]); the data is also kept as bytes. Every column then folds
//! every field into a checksum ([`fold`]): the header, each name's
//! uncompressed length and byte sum, each question's type and class, each
//! record's type, class, TTL, data length, data byte sum and the names in its
//! data. CPython computes the same checksum from its own decoder
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
pub const CPYTHON_CHECKSUM: u64 = 0x118a_661a_d26b_3f42;
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

    /// The names in the data `wire[start..end]` of a record of type `rtype`,
    /// as their [`value`]s (0 for none): one for NS (2), CNAME (5) and PTR
    /// (12), filling the data; MX (15) the exchange after the 2-byte
    /// preference, filling the rest; SOA (6) `mname` and `rname`, then 20
    /// bytes of numbers. Other types have none.
    #[inline]
    pub fn in_data(
        wire: &[u8],
        rtype: u16,
        start: usize,
        end: usize,
    ) -> Result<[u64; 2], &'static str> {
        let one = |at: usize| -> Result<(usize, u64), &'static str> {
            let (used, value) = read(wire, at).map_err(NameError::message)?;
            Ok((at + used, value))
        };
        let fill = |at: usize, want: usize| {
            if end.checked_sub(at) == Some(want) {
                Ok(())
            } else {
                Err("the names do not fill the record's data")
            }
        };
        match rtype {
            2 | 5 | 12 => {
                let (at, v) = one(start)?;
                fill(at, 0)?;
                Ok([v, 0])
            }
            15 => {
                if end - start < 2 {
                    return Err("MX data too short for the preference");
                }
                let (at, v) = one(start + 2)?;
                fill(at, 0)?;
                Ok([v, 0])
            }
            6 => {
                let (at, m) = one(start)?;
                let (at, r) = one(at)?;
                fill(at, 20)?;
                Ok([m, r])
            }
            _ => Ok([0, 0]),
        }
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

    /// A record: the name's value, `rtype | class << 16 | ttl << 32`,
    /// `len(rdata) | sum(rdata) << 16`, then the value of each name in the data
    /// ([`name::in_data`](super::name::in_data)).
    #[inline(always)]
    pub fn record(
        acc: u64,
        name: u64,
        rtype: u16,
        class: u16,
        ttl: u32,
        rdata: &[u8],
        names: [u64; 2],
    ) -> u64 {
        let acc = step(
            step(acc, name),
            u64::from(rtype) | u64::from(class) << 16 | u64::from(ttl) << 32,
        );
        let mut acc = step(acc, rdata.len() as u64 | u64::from(byte_sum(rdata)) << 16);
        for v in names {
            if v != 0 {
                acc = step(acc, v);
            }
        }
        acc
    }
}

/// The messages of the file: the bytes after each `!H` length; it stops at a
/// frame the buffer cuts short (the file's CRC-32 is checked first).
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

/// A record's `rdlength` and data, borrowed, with the values of the names in
/// it ([`name::in_data`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rdata<'a> {
    /// The data as it is (names in it as they are in place).
    pub data: &'a [u8],
    /// [`name::in_data`].
    pub names: [u64; 2],
}

/// A record's data, owned.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OwnedRdata {
    /// The data as it is, copied.
    pub data: Vec<u8>,
    /// [`name::in_data`].
    pub names: [u64; 2],
}

/// The `with` codec of a record's `!H` length and data: the names in the data
/// are read by the record's type. A `FieldCodec` sees the whole input but not
/// the fields decoded before it, so the type is read back from the input: it
/// is the `H` 8 bytes before the length (`!HHIH`: type, class, TTL, length).
pub struct RdataCodec;

/// The type and the data of the record whose length is at `pos`.
#[inline(always)]
fn rdata_at(input: &[u8], pos: usize) -> Result<(u16, &[u8]), Error> {
    let too_small = |needed| Error::buffer_too_small(needed, input.len());
    let len = input.get(pos..pos + 2).ok_or(too_small(pos + 2))?;
    let end = pos + 2 + usize::from(u16::from_be_bytes([len[0], len[1]]));
    let data = input.get(pos + 2..end).ok_or(too_small(end))?;
    let rtype = pos
        .checked_sub(8)
        .and_then(|at| input.get(at..at + 2))
        .ok_or(Error::invalid_data(
            "record data without its type before it",
        ))?;
    Ok((u16::from_be_bytes([rtype[0], rtype[1]]), data))
}

/// Appends `!H` and `data`.
#[inline(always)]
fn write_rdata(data: &[u8], out: &mut Vec<u8>) -> Result<(), Error> {
    let len = u16::try_from(data.len())
        .map_err(|_| Error::invalid_data("record data over 65535 bytes"))?;
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(data);
    Ok(())
}

impl<'a> FieldCodec<'a, Rdata<'a>> for RdataCodec {
    #[inline]
    fn decode(input: &'a [u8], pos: usize) -> Result<(Rdata<'a>, usize), Error> {
        let (rtype, data) = rdata_at(input, pos)?;
        let names = name::in_data(input, rtype, pos + 2, pos + 2 + data.len())
            .map_err(Error::invalid_data)?;
        Ok((Rdata { data, names }, 2 + data.len()))
    }

    fn encoded_len(rdata: &Rdata<'a>) -> usize {
        2 + rdata.data.len()
    }

    #[inline]
    fn encode(rdata: &Rdata<'a>, out: &mut Vec<u8>, _base: usize) -> Result<(), Error> {
        write_rdata(rdata.data, out)
    }
}

/// The `with` codec of owned record data.
pub struct OwnedRdataCodec;

impl<'a> FieldCodec<'a, OwnedRdata> for OwnedRdataCodec {
    #[inline]
    fn decode(input: &'a [u8], pos: usize) -> Result<(OwnedRdata, usize), Error> {
        let (rtype, data) = rdata_at(input, pos)?;
        let names = name::in_data(input, rtype, pos + 2, pos + 2 + data.len())
            .map_err(Error::invalid_data)?;
        let rdata = OwnedRdata {
            data: data.to_vec(),
            names,
        };
        Ok((rdata, 2 + data.len()))
    }

    fn encoded_len(rdata: &OwnedRdata) -> usize {
        2 + rdata.data.len()
    }

    #[inline]
    fn encode(rdata: &OwnedRdata, out: &mut Vec<u8>, _base: usize) -> Result<(), Error> {
        write_rdata(&rdata.data, out)
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

/// A resource record, derived: the owner name, then `!HHI`, and the `!H`
/// length and the data (one `with` field).
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
    /// `H` and that many bytes, the names in them read by `rtype`.
    #[netpack(with = "RdataCodec")]
    pub rdata: Rdata<'a>,
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
    /// `H` and that many bytes, copied, the names in them read by `rtype`.
    #[netpack(with = "OwnedRdataCodec")]
    pub rdata: OwnedRdata,
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

/// What a careful person writes: `from_be_bytes`, checked slicing,
/// [`name::read`], and the same structs as the derive fills.
pub mod hand {
    use super::name::{self, NameError};
    use super::{
        Dns, Name, OwnedDns, OwnedName, OwnedQuestion, OwnedRdata, OwnedRecord, Question, Rdata,
        Record,
    };

    /// Why a response does not decode.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Bad {
        /// The message ends inside a part.
        Short,
        /// A name that is no name.
        Name(NameError),
        /// Bytes after the last record.
        Trailing,
        /// Record data whose names are wrong or do not fill it.
        Data(&'static str),
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
        let data = wire.get(at + 10..end).ok_or(Bad::Short)?;
        let rtype = u16::from_be_bytes([f[0], f[1]]);
        let names = name::in_data(wire, rtype, at + 10, end).map_err(Bad::Data)?;
        let r = Record {
            name,
            rtype,
            class: u16::from_be_bytes([f[2], f[3]]),
            ttl: u32::from_be_bytes([f[4], f[5], f[6], f[7]]),
            rdata: Rdata { data, names },
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
            rdata: OwnedRdata {
                data: r.rdata.data.to_vec(),
                names: r.rdata.names,
            },
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
            let len = u16::try_from(r.rdata.data.len()).map_err(|_| Bad::TooBig)?;
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(r.rdata.data);
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

/// binrw's reader of the names in a record's data ([`name::in_data`]'s
/// rules), with [`binrw_name`].
#[binrw::parser(reader, endian)]
fn binrw_data_names(rtype: u16, rdlength: u16) -> binrw::BinResult<[u64; 2]> {
    let start = reader.stream_position()?;
    let end = start + u64::from(rdlength);
    let fail = |message: &str| binrw::Error::AssertFail {
        pos: start,
        message: message.to_string(),
    };
    let names = match rtype {
        2 | 5 | 12 => [binrw_name(reader, endian, ())?.value, 0],
        15 => {
            if rdlength < 2 {
                return Err(fail("MX data too short for the preference"));
            }
            u16::read_options(reader, endian, ())?;
            [binrw_name(reader, endian, ())?.value, 0]
        }
        6 => {
            let m = binrw_name(reader, endian, ())?.value;
            [m, binrw_name(reader, endian, ())?.value]
        }
        _ => return Ok([0, 0]),
    };
    let want = if rtype == 6 { 20 } else { 0 };
    if end.checked_sub(reader.stream_position()?) != Some(want) {
        return Err(fail("the names do not fill the record's data"));
    }
    Ok(names)
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
    /// The values of the names in the data, read by `rtype` ahead of it
    /// (`restore_position`); not written.
    #[br(restore_position, parse_with = binrw_data_names, args(rtype, rdlength))]
    #[bw(ignore)]
    pub names: [u64; 2],
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

/// deku's reader of the names in a record's data ([`name::in_data`]'s
/// rules), with [`deku_name`]; it seeks back to the start of the data.
fn deku_data_names<R: std::io::Read + std::io::Seek>(
    reader: &mut deku::reader::Reader<R>,
    rtype: u16,
    rdlength: u16,
) -> Result<[u64; 2], deku::DekuError> {
    use deku::DekuReader;
    let io = |_| deku::DekuError::Io(std::io::ErrorKind::Other);
    let fail = |message: &'static str| deku::DekuError::Parse(message.into());
    let start = reader.stream_position().map_err(io)?;
    let end = start + u64::from(rdlength);
    let names = match rtype {
        2 | 5 | 12 => [deku_name(reader)?.value, 0],
        15 => {
            if rdlength < 2 {
                return Err(fail("MX data too short for the preference"));
            }
            u16::from_reader_with_ctx(reader, deku::ctx::Endian::Big)?;
            [deku_name(reader)?.value, 0]
        }
        6 => {
            let m = deku_name(reader)?.value;
            [m, deku_name(reader)?.value]
        }
        _ => return Ok([0, 0]),
    };
    let want = if rtype == 6 { 20 } else { 0 };
    if end.checked_sub(reader.stream_position().map_err(io)?) != Some(want) {
        return Err(fail("the names do not fill the record's data"));
    }
    reader.seek(SeekFrom::Start(start)).map_err(io)?;
    Ok(names)
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
    /// The values of the names in the data, read by `rtype` ahead of it (the
    /// reader seeks back); not written.
    #[deku(
        reader = "deku_data_names(deku::reader, *rtype, *rdlength)",
        writer = "Ok::<(), deku::DekuError>(())"
    )]
    pub names: [u64; 2],
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
}

/// The checksum of a response, the same fold for every column's types: they
/// have the same fields but for where a record's data and its names are
/// (`|r| (data, names)`).
macro_rules! response_fold {
    ($($t:ty),* ; |$r:ident| ($data:expr, $names:expr)) => {$(
        impl $t {
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
                for $r in self.answers.iter().chain(&self.authority).chain(&self.additional) {
                    acc = fold::record(acc, $r.name.value, $r.rtype, $r.class, $r.ttl, $data, $names);
                }
                acc
            }
        }
    )*};
}

response_fold!(Dns<'_>; |r| (r.rdata.data, r.rdata.names));
response_fold!(OwnedDns; |r| (&r.rdata.data, r.rdata.names));
response_fold!(BinrwDns, DekuDns; |r| (&r.rdata, r.names));

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

    /// The same with an answer `c0 0c` of type `rtype` and data `rdata`.
    fn answer(rtype: u16, rdata: &[u8]) -> Vec<u8> {
        let mut m = b"\xbe\xef\x81\x80\x00\x01\x00\x01\x00\x00\x00\x00".to_vec();
        m.extend_from_slice(b"\x03www\x07example\x03com\x00\x00\x01\x00\x01\xc0\x0c");
        m.extend_from_slice(&rtype.to_be_bytes());
        m.extend_from_slice(b"\x00\x01\x00\x00\x00\x3c");
        m.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        m.extend_from_slice(rdata);
        m
    }

    #[test]
    fn names_in_record_data_are_followed_and_checked() {
        // A CNAME to www.example.com, an MX to mail + the pointer.
        for (rtype, rdata) in [(5, &b"\xc0\x0c"[..]), (15, b"\x00\x0a\x04mail\xc0\x10")] {
            let m = answer(rtype, rdata);
            let hand = hand::decode(&m).unwrap();
            assert_ne!(hand.answers[0].rdata.names[0], 0);
            assert_eq!(Dns::decode(&m).unwrap(), hand);
            assert_eq!(BinrwDns::decode(&m).fold(0), hand.fold(0));
            assert_eq!(DekuDns::decode(&m).fold(0), hand.fold(0));
        }
        // Bytes after the name, a pointer forward, an MX of one byte.
        for (rtype, rdata) in [(5, &b"\xc0\x0cxy"[..]), (5, b"\xc0\x30"), (15, b"\x00")] {
            let m = answer(rtype, rdata);
            assert!(
                matches!(hand::decode(&m), Err(Bad::Data(_))),
                "{rdata:02x?}"
            );
            assert!(Dns::decode(&m).is_err(), "{rdata:02x?}");
            assert!(
                BinrwDns::read(&mut Cursor::new(&m[..])).is_err(),
                "{rdata:02x?}"
            );
            assert!(DekuDns::from_bytes((&m[..], 0)).is_err(), "{rdata:02x?}");
        }
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
