//! W7: 1,000,000 IPv4 + TCP headers (20 + 20 bytes, no options) in one 40 MB
//! buffer, with their bit fields (version, IHL, DSCP, ECN, the fragment flags
//! and offset; TCP's data offset, reserved bits and nine flags), decoded all and
//! encoded all.
//!
//! Decoding folds every one of the 33 fields into a checksum, so each column
//! really reads every field; encoding writes every header from a slice of
//! [`Header`]s. The format is the whole 320-bit header as Python's `bitstruct`
//! describes it ([`FORMAT`]), the flags as `u1`.
//!
//! The bit-field crates (modular-bitfield, bitfield-struct) give bit-packed
//! integers with accessors, not a wire format: their columns lay the header out
//! as five big-endian 64-bit words (`u64::from_be_bytes` / `to_be_bytes`), each
//! word one of their types, as their documentation composes them with a byte
//! order. The hand-written column reads and writes the same five words with
//! shifts and masks.

use crate::harness::{compare_bytes, pack_column, unpack_column, Cell, Column};
use crate::names;
use deku::{DekuContainerRead, DekuContainerWrite, DekuRead, DekuWrite};
use netpack::{NetPack, Value};

/// The header as bitstruct describes it: 320 bits, 33 fields.
pub const FORMAT: &str = "u4u4u6u2u16u16u1u1u1u13u8u8u16u32u32\
                          u16u16u32u32u4u3u1u1u1u1u1u1u1u1u1u16u16u16";
/// What the table shows as the workload's format.
pub const SHOWN: &str = "IPv4+TCP bits";
/// Bytes per header.
pub const SIZE: usize = 40;
/// Fields per header.
pub const FIELDS: usize = 33;
/// Headers in the buffer.
pub const RECORDS: usize = 1_000_000;
/// Python 3.11 + bitstruct 8.24: `zlib.crc32(b"".join(cf.pack(*record(i)) for i
/// in range(1_000_000)))` with `cf = bitstruct.c.compile(FORMAT)` and `record` as
/// [`record`] (`benches/cpython_bench.py`, `w7_record`).
pub const CPYTHON_CRC32: u32 = 0xc14a_c825;
/// The same over the first 20,000 headers (800,000 bytes): what the tests check,
/// which run in debug.
pub const CPYTHON_CRC32_20000: u32 = 0x3380_1fa5;
/// Python: `bitstruct.pack(FORMAT, *record(1))`.
pub const CPYTHON_RECORD_1: &[u8; SIZE] = b"E\x04\x00)\x00\x01 \x07\x02\x06\x9e7\n\x00\x00\x01\
    \xc0\xa8\x00\x01\x04\x01\x00\x1f\x9e7y\xb1\x85\xeb\xcawP%\x00\r\xff\xf1\x00\x03";

/// Name of the column of `netpack::bits::CompiledFormat`.
pub const COMPILED: &str = "netpack bits compiled";
/// Name of the modular-bitfield column.
pub const MODULAR_BITFIELD: &str = "modular-bitfield";
/// Name of the bitfield-struct column.
pub const BITFIELD_STRUCT: &str = "bitfield-struct";

/// One IPv4 + TCP header, with netpack's and deku's derives (the plain struct
/// every encoder starts from and every decoder ends with).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, NetPack, DekuRead, DekuWrite)]
#[deku(endian = "big")]
pub struct Header {
    /// IPv4 `u4`: 4.
    #[netpack(bits = 4)]
    #[deku(bits = 4)]
    pub version: u8,
    /// `u4`: header length in 32-bit words (5).
    #[netpack(bits = 4)]
    #[deku(bits = 4)]
    pub ihl: u8,
    /// `u6`
    #[netpack(bits = 6)]
    #[deku(bits = 6)]
    pub dscp: u8,
    /// `u2`
    #[netpack(bits = 2)]
    #[deku(bits = 2)]
    pub ecn: u8,
    /// `u16`
    pub total_len: u16,
    /// `u16`
    pub id: u16,
    /// `u1`: the reserved ("evil") bit.
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub reserved: bool,
    /// `u1`: don't fragment.
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub df: bool,
    /// `u1`: more fragments.
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub mf: bool,
    /// `u13`
    #[netpack(bits = 13)]
    #[deku(bits = 13)]
    pub frag_offset: u16,
    /// `u8`
    pub ttl: u8,
    /// `u8`: 6 (TCP).
    pub protocol: u8,
    /// `u16`: taken from the formula, not computed.
    pub checksum: u16,
    /// `u32`
    pub src: u32,
    /// `u32`
    pub dst: u32,
    /// TCP `u16`
    pub src_port: u16,
    /// `u16`
    pub dst_port: u16,
    /// `u32`
    pub seq: u32,
    /// `u32`
    pub ack: u32,
    /// `u4`: header length in 32-bit words (5).
    #[netpack(bits = 4)]
    #[deku(bits = 4)]
    pub data_offset: u8,
    /// `u3`
    #[netpack(bits = 3)]
    #[deku(bits = 3)]
    pub tcp_reserved: u8,
    /// `u1` NS
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub ns: bool,
    /// `u1` CWR
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub cwr: bool,
    /// `u1` ECE
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub ece: bool,
    /// `u1` URG
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub urg: bool,
    /// `u1` ACK
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub ack_flag: bool,
    /// `u1` PSH
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub psh: bool,
    /// `u1` RST
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub rst: bool,
    /// `u1` SYN
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub syn: bool,
    /// `u1` FIN
    #[netpack(bits = 1)]
    #[deku(bits = 1)]
    pub fin: bool,
    /// `u16`
    pub window: u16,
    /// `u16`: taken from the formula, not computed.
    pub tcp_checksum: u16,
    /// `u16`
    pub urgent: u16,
}

impl Header {
    /// The 33 fields in format order, as integers (what bitstruct unpacks).
    #[inline(always)]
    pub fn fields(&self) -> [u64; FIELDS] {
        [
            self.version.into(),
            self.ihl.into(),
            self.dscp.into(),
            self.ecn.into(),
            self.total_len.into(),
            self.id.into(),
            self.reserved.into(),
            self.df.into(),
            self.mf.into(),
            self.frag_offset.into(),
            self.ttl.into(),
            self.protocol.into(),
            self.checksum.into(),
            self.src.into(),
            self.dst.into(),
            self.src_port.into(),
            self.dst_port.into(),
            self.seq.into(),
            self.ack.into(),
            self.data_offset.into(),
            self.tcp_reserved.into(),
            self.ns.into(),
            self.cwr.into(),
            self.ece.into(),
            self.urg.into(),
            self.ack_flag.into(),
            self.psh.into(),
            self.rst.into(),
            self.syn.into(),
            self.fin.into(),
            self.window.into(),
            self.tcp_checksum.into(),
            self.urgent.into(),
        ]
    }
}

/// Header `i`, as `w7_record(i)` in `benches/cpython_bench.py`:
///
/// - IPv4: version 4, IHL 5, DSCP `i % 64`, ECN `i // 64 % 4`, total length
///   `40 + i % 1461`, id `i % 65536`, reserved/DF/MF bits 2/1/0 of `i`,
///   fragment offset `i * 7 % 8192`, TTL `1 + i % 255`, protocol 6, checksum
///   `i * 40503 % 65536`, source `0x0A000000 | i % 2**24`, destination
///   `0xC0A80000 | i % 65536`;
/// - TCP: ports `1024 + i % 64512` and `i * 31 % 65536`, seq
///   `i * 2654435761 % 2**32`, ack `i * 2246822519 % 2**32`, data offset 5,
///   reserved `i // 8 % 8`, the nine flags (NS first) the bits of
///   `i * 37 % 512` from the most significant, window `i * 13 % 65536`,
///   checksum `i * 65521 % 65536`, urgent pointer `i * 3 % 65536`.
pub fn record(i: usize) -> Header {
    let n = i as u64;
    let flags = (n * 37) % 512;
    let flag = |k: u32| (flags >> (8 - k)) & 1 != 0;
    Header {
        version: 4,
        ihl: 5,
        dscp: (n % 64) as u8,
        ecn: ((n >> 6) % 4) as u8,
        total_len: (40 + n % 1461) as u16,
        id: n as u16,
        reserved: (n >> 2) & 1 != 0,
        df: (n >> 1) & 1 != 0,
        mf: n & 1 != 0,
        frag_offset: ((n * 7) % 8192) as u16,
        ttl: (1 + n % 255) as u8,
        protocol: 6,
        checksum: n.wrapping_mul(40503) as u16,
        src: 0x0A00_0000 | (n % (1 << 24)) as u32,
        dst: 0xC0A8_0000 | (n % 65536) as u32,
        src_port: (1024 + n % 64512) as u16,
        dst_port: n.wrapping_mul(31) as u16,
        seq: n.wrapping_mul(2_654_435_761) as u32,
        ack: n.wrapping_mul(2_246_822_519) as u32,
        data_offset: 5,
        tcp_reserved: ((n >> 3) % 8) as u8,
        ns: flag(0),
        cwr: flag(1),
        ece: flag(2),
        urg: flag(3),
        ack_flag: flag(4),
        psh: flag(5),
        rst: flag(6),
        syn: flag(7),
        fin: flag(8),
        window: n.wrapping_mul(13) as u16,
        tcp_checksum: n.wrapping_mul(65521) as u16,
        urgent: n.wrapping_mul(3) as u16,
    }
}

/// The first `n` headers.
pub fn records(n: usize) -> Vec<Header> {
    (0..n).map(record).collect()
}

/// Adds the 33 fields of one header to a checksum, field `k` shifted left by
/// `k % 32` bits (independent additions: the fold costs the same in every
/// column and leaves the decoders' costs to show).
#[inline(always)]
pub fn fold(acc: u64, fields: [u64; FIELDS]) -> u64 {
    fields
        .iter()
        .enumerate()
        .fold(acc, |a, (k, &x)| a.wrapping_add(x << (k % 32)))
}

/// [`fold`] over the values `CompiledFormat::unpack` gives (all `Value::Int`).
#[inline(always)]
pub fn fold_values(acc: u64, values: &[Value]) -> u64 {
    let mut fields = [0u64; FIELDS];
    assert_eq!(values.len(), FIELDS, "not a W7 header: {values:?}");
    for (f, v) in fields.iter_mut().zip(values) {
        *f = match v {
            Value::Int(i) => *i as u64,
            other => panic!("not an integer: {other:?}"),
        };
    }
    fold(acc, fields)
}

/// The checksum of the first `n` headers.
pub fn expected_checksum(n: usize) -> u64 {
    (0..n).fold(0, |acc, i| fold(acc, record(i).fields()))
}

/// Hand-written: five big-endian `u64` words, shifts and masks.
pub mod hand {
    use super::{Header, SIZE};

    #[inline(always)]
    fn word(c: &[u8; SIZE], i: usize) -> u64 {
        u64::from_be_bytes(c[8 * i..8 * i + 8].try_into().unwrap())
    }

    #[inline(always)]
    fn bit(w: u64, at: u32) -> bool {
        (w >> at) & 1 != 0
    }

    /// Reads one header.
    #[inline(always)]
    pub fn decode_one(c: &[u8; SIZE]) -> Header {
        let (w0, w1, w2, w3, w4) = (word(c, 0), word(c, 1), word(c, 2), word(c, 3), word(c, 4));
        Header {
            version: (w0 >> 60) as u8,
            ihl: ((w0 >> 56) & 0xf) as u8,
            dscp: ((w0 >> 50) & 0x3f) as u8,
            ecn: ((w0 >> 48) & 0x3) as u8,
            total_len: (w0 >> 32) as u16,
            id: (w0 >> 16) as u16,
            reserved: bit(w0, 15),
            df: bit(w0, 14),
            mf: bit(w0, 13),
            frag_offset: (w0 & 0x1fff) as u16,
            ttl: (w1 >> 56) as u8,
            protocol: (w1 >> 48) as u8,
            checksum: (w1 >> 32) as u16,
            src: w1 as u32,
            dst: (w2 >> 32) as u32,
            src_port: (w2 >> 16) as u16,
            dst_port: w2 as u16,
            seq: (w3 >> 32) as u32,
            ack: w3 as u32,
            data_offset: (w4 >> 60) as u8,
            tcp_reserved: ((w4 >> 57) & 0x7) as u8,
            ns: bit(w4, 56),
            cwr: bit(w4, 55),
            ece: bit(w4, 54),
            urg: bit(w4, 53),
            ack_flag: bit(w4, 52),
            psh: bit(w4, 51),
            rst: bit(w4, 50),
            syn: bit(w4, 49),
            fin: bit(w4, 48),
            window: (w4 >> 32) as u16,
            tcp_checksum: (w4 >> 16) as u16,
            urgent: w4 as u16,
        }
    }

    /// Writes one header; the bit fields are masked to their widths.
    #[inline(always)]
    pub fn encode_one(h: &Header, c: &mut [u8; SIZE]) {
        let b = |v: bool, at: u32| u64::from(v) << at;
        let w0 = (u64::from(h.version & 0xf) << 60)
            | (u64::from(h.ihl & 0xf) << 56)
            | (u64::from(h.dscp & 0x3f) << 50)
            | (u64::from(h.ecn & 0x3) << 48)
            | (u64::from(h.total_len) << 32)
            | (u64::from(h.id) << 16)
            | b(h.reserved, 15)
            | b(h.df, 14)
            | b(h.mf, 13)
            | u64::from(h.frag_offset & 0x1fff);
        let w1 = (u64::from(h.ttl) << 56)
            | (u64::from(h.protocol) << 48)
            | (u64::from(h.checksum) << 32)
            | u64::from(h.src);
        let w2 = (u64::from(h.dst) << 32) | (u64::from(h.src_port) << 16) | u64::from(h.dst_port);
        let w3 = (u64::from(h.seq) << 32) | u64::from(h.ack);
        let w4 = (u64::from(h.data_offset & 0xf) << 60)
            | (u64::from(h.tcp_reserved & 0x7) << 57)
            | b(h.ns, 56)
            | b(h.cwr, 55)
            | b(h.ece, 54)
            | b(h.urg, 53)
            | b(h.ack_flag, 52)
            | b(h.psh, 51)
            | b(h.rst, 50)
            | b(h.syn, 49)
            | b(h.fin, 48)
            | (u64::from(h.window) << 32)
            | (u64::from(h.tcp_checksum) << 16)
            | u64::from(h.urgent);
        for (i, w) in [w0, w1, w2, w3, w4].into_iter().enumerate() {
            c[8 * i..8 * i + 8].copy_from_slice(&w.to_be_bytes());
        }
    }

    /// Decodes every header.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(SIZE).fold(0, |acc, c| {
            super::fold(acc, decode_one(c.try_into().unwrap()).fields())
        })
    }

    /// Encodes every header.
    #[inline]
    pub fn encode(headers: &[Header], buf: &mut [u8]) {
        for (c, h) in buf.chunks_exact_mut(SIZE).zip(headers) {
            encode_one(h, c.try_into().unwrap());
        }
    }
}

/// Name of the second hand-written decoder, [`hand_fields`].
pub const HAND_FIELDS: &str = "hand-written, field by field";

/// Hand-written as most hand code reads a header: each field's bytes with
/// `from_be_bytes` at its offset, the bit fields masked out of the byte or
/// 16-bit word that holds them (the layout the derive generates), where
/// [`hand`] loads five 64-bit words once and shifts every field out of them.
pub mod hand_fields {
    use super::{Header, SIZE};

    #[inline(always)]
    fn be16(c: &[u8; SIZE], at: usize) -> u16 {
        u16::from_be_bytes([c[at], c[at + 1]])
    }

    #[inline(always)]
    fn be32(c: &[u8; SIZE], at: usize) -> u32 {
        u32::from_be_bytes([c[at], c[at + 1], c[at + 2], c[at + 3]])
    }

    /// Reads one header.
    #[inline(always)]
    pub fn decode_one(c: &[u8; SIZE]) -> Header {
        let (flags, tcp) = (be16(c, 6), be16(c, 32));
        Header {
            version: c[0] >> 4,
            ihl: c[0] & 0xf,
            dscp: c[1] >> 2,
            ecn: c[1] & 0x3,
            total_len: be16(c, 2),
            id: be16(c, 4),
            reserved: flags & 0x8000 != 0,
            df: flags & 0x4000 != 0,
            mf: flags & 0x2000 != 0,
            frag_offset: flags & 0x1fff,
            ttl: c[8],
            protocol: c[9],
            checksum: be16(c, 10),
            src: be32(c, 12),
            dst: be32(c, 16),
            src_port: be16(c, 20),
            dst_port: be16(c, 22),
            seq: be32(c, 24),
            ack: be32(c, 28),
            data_offset: (tcp >> 12) as u8,
            tcp_reserved: ((tcp >> 9) & 0x7) as u8,
            ns: tcp & 0x100 != 0,
            cwr: tcp & 0x80 != 0,
            ece: tcp & 0x40 != 0,
            urg: tcp & 0x20 != 0,
            ack_flag: tcp & 0x10 != 0,
            psh: tcp & 0x8 != 0,
            rst: tcp & 0x4 != 0,
            syn: tcp & 0x2 != 0,
            fin: tcp & 0x1 != 0,
            window: be16(c, 34),
            tcp_checksum: be16(c, 36),
            urgent: be16(c, 38),
        }
    }

    /// Decodes every header.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(SIZE).fold(0, |acc, c| {
            super::fold(acc, decode_one(c.try_into().unwrap()).fields())
        })
    }
}

/// `#[derive(NetPack)]` with `#[netpack(bits = N)]`: `decode_prefix` and
/// `encode_to_slice` over `chunks_exact(Header::SIZE)`.
pub mod derive {
    use super::{fold, Header};
    use netpack::{Message, NetPack};

    /// Decodes every header.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(Header::SIZE).fold(0, |acc, c| {
            let (h, _) = Header::decode_prefix(c).unwrap();
            fold(acc, h.fields())
        })
    }

    /// Encodes every header.
    #[inline]
    pub fn encode(headers: &[Header], buf: &mut [u8]) {
        for (c, h) in buf.chunks_exact_mut(Header::SIZE).zip(headers) {
            h.encode_to_slice(c).unwrap();
        }
    }
}

/// `netpack::bits::compile(FORMAT)`, as Python's `bitstruct.c` is used:
/// `unpack_into(buf, 320 * i, &mut values)` fills one `Vec<Value>` reused for
/// every header; `pack_into(buf, 320 * i, &values)` takes the values from one
/// `[Value; 33]` reused for every header. (Bit offsets into the whole buffer,
/// as in Python's `unpack_from(buf, 320 * i)`.)
pub mod compiled {
    use super::{fold_values, Header, FIELDS, SIZE};
    use netpack::bits::CompiledFormat;
    use netpack::Value;

    /// Decodes every header into one reused vector.
    #[inline]
    pub fn decode(cf: &CompiledFormat, buf: &[u8]) -> u64 {
        let mut values = Vec::with_capacity(FIELDS);
        (0..buf.len() / SIZE).fold(0, |acc, i| {
            cf.unpack_into(buf, i * SIZE * 8, &mut values).unwrap();
            fold_values(acc, &values)
        })
    }

    /// Encodes every header, each first converted into the reused values.
    #[inline]
    pub fn encode(cf: &CompiledFormat, headers: &[Header], buf: &mut [u8]) {
        let mut values: [Value; FIELDS] = core::array::from_fn(|_| Value::Int(0));
        for (i, h) in headers.iter().enumerate().take(buf.len() / SIZE) {
            for (v, f) in values.iter_mut().zip(h.fields()) {
                *v = Value::Int(i128::from(f));
            }
            cf.pack_into(buf, i * SIZE * 8, &values).unwrap();
        }
    }
}

/// The code of a column made of five 64-bit words of a bit-field crate's
/// types `Word0`…`Word4`, the same for modular-bitfield and bitfield-struct
/// but for how a word is made from a `u64` (`load`) and turned back into one
/// (`store`).
macro_rules! five_words {
    (load = $load:ident, store = |$w:ident| $store:expr) => {
        #[inline(always)]
        fn word(c: &[u8; SIZE], i: usize) -> u64 {
            u64::from_be_bytes(c[8 * i..8 * i + 8].try_into().unwrap())
        }

        /// Reads one header.
        #[inline(always)]
        pub fn decode_one(c: &[u8; SIZE]) -> Header {
            let w0 = Word0::$load(word(c, 0));
            let w1 = Word1::$load(word(c, 1));
            let w2 = Word2::$load(word(c, 2));
            let w3 = Word3::$load(word(c, 3));
            let w4 = Word4::$load(word(c, 4));
            Header {
                version: w0.version(),
                ihl: w0.ihl(),
                dscp: w0.dscp(),
                ecn: w0.ecn(),
                total_len: w0.total_len(),
                id: w0.id(),
                reserved: w0.reserved(),
                df: w0.df(),
                mf: w0.mf(),
                frag_offset: w0.frag_offset(),
                ttl: w1.ttl(),
                protocol: w1.protocol(),
                checksum: w1.checksum(),
                src: w1.src(),
                dst: w2.dst(),
                src_port: w2.src_port(),
                dst_port: w2.dst_port(),
                seq: w3.seq(),
                ack: w3.ack(),
                data_offset: w4.data_offset(),
                tcp_reserved: w4.tcp_reserved(),
                ns: w4.ns(),
                cwr: w4.cwr(),
                ece: w4.ece(),
                urg: w4.urg(),
                ack_flag: w4.ack_flag(),
                psh: w4.psh(),
                rst: w4.rst(),
                syn: w4.syn(),
                fin: w4.fin(),
                window: w4.window(),
                tcp_checksum: w4.tcp_checksum(),
                urgent: w4.urgent(),
            }
        }

        /// Writes one header.
        #[inline(always)]
        pub fn encode_one(h: &Header, c: &mut [u8; SIZE]) {
            let w0 = Word0::new()
                .with_version(h.version)
                .with_ihl(h.ihl)
                .with_dscp(h.dscp)
                .with_ecn(h.ecn)
                .with_total_len(h.total_len)
                .with_id(h.id)
                .with_reserved(h.reserved)
                .with_df(h.df)
                .with_mf(h.mf)
                .with_frag_offset(h.frag_offset);
            let w1 = Word1::new()
                .with_ttl(h.ttl)
                .with_protocol(h.protocol)
                .with_checksum(h.checksum)
                .with_src(h.src);
            let w2 = Word2::new()
                .with_dst(h.dst)
                .with_src_port(h.src_port)
                .with_dst_port(h.dst_port);
            let w3 = Word3::new().with_seq(h.seq).with_ack(h.ack);
            let w4 = Word4::new()
                .with_data_offset(h.data_offset)
                .with_tcp_reserved(h.tcp_reserved)
                .with_ns(h.ns)
                .with_cwr(h.cwr)
                .with_ece(h.ece)
                .with_urg(h.urg)
                .with_ack_flag(h.ack_flag)
                .with_psh(h.psh)
                .with_rst(h.rst)
                .with_syn(h.syn)
                .with_fin(h.fin)
                .with_window(h.window)
                .with_tcp_checksum(h.tcp_checksum)
                .with_urgent(h.urgent);
            let words = [
                {
                    let $w = w0;
                    $store
                },
                {
                    let $w = w1;
                    $store
                },
                {
                    let $w = w2;
                    $store
                },
                {
                    let $w = w3;
                    $store
                },
                {
                    let $w = w4;
                    $store
                },
            ];
            for (i, w) in words.into_iter().enumerate() {
                c[8 * i..8 * i + 8].copy_from_slice(&w.to_be_bytes());
            }
        }

        /// Decodes every header.
        #[inline]
        pub fn decode(buf: &[u8]) -> u64 {
            buf.chunks_exact(SIZE).fold(0, |acc, c| {
                fold(acc, decode_one(c.try_into().unwrap()).fields())
            })
        }

        /// Encodes every header.
        #[inline]
        pub fn encode(headers: &[Header], buf: &mut [u8]) {
            for (c, h) in buf.chunks_exact_mut(SIZE).zip(headers) {
                encode_one(h, c.try_into().unwrap());
            }
        }
    };
}

/// modular-bitfield: five `#[bitfield] #[repr(u64)]` words. Its first field
/// takes the least significant bits, so each word lists the header's fields
/// from the last to the first; the words are loaded and stored with
/// `u64::from_be_bytes` / `to_be_bytes`; its setters panic on a value too
/// wide for its bits.
pub mod mbf {
    #![allow(missing_docs, dead_code)] // the macro's generated items

    use super::{fold, Header, SIZE};
    use modular_bitfield::prelude::*;

    /// Bytes 0–7: version … fragment offset.
    #[bitfield]
    #[repr(u64)]
    #[derive(Clone, Copy)]
    pub struct Word0 {
        pub frag_offset: B13,
        pub mf: bool,
        pub df: bool,
        pub reserved: bool,
        pub id: u16,
        pub total_len: u16,
        pub ecn: B2,
        pub dscp: B6,
        pub ihl: B4,
        pub version: B4,
    }

    /// Bytes 8–15: TTL, protocol, checksum, source.
    #[bitfield]
    #[repr(u64)]
    #[derive(Clone, Copy)]
    pub struct Word1 {
        pub src: u32,
        pub checksum: u16,
        pub protocol: u8,
        pub ttl: u8,
    }

    /// Bytes 16–23: destination, TCP ports.
    #[bitfield]
    #[repr(u64)]
    #[derive(Clone, Copy)]
    pub struct Word2 {
        pub dst_port: u16,
        pub src_port: u16,
        pub dst: u32,
    }

    /// Bytes 24–31: sequence and acknowledgement numbers.
    #[bitfield]
    #[repr(u64)]
    #[derive(Clone, Copy)]
    pub struct Word3 {
        pub ack: u32,
        pub seq: u32,
    }

    /// Bytes 32–39: data offset, flags, window, checksum, urgent pointer.
    #[bitfield]
    #[repr(u64)]
    #[derive(Clone, Copy)]
    pub struct Word4 {
        pub urgent: u16,
        pub tcp_checksum: u16,
        pub window: u16,
        pub fin: bool,
        pub syn: bool,
        pub rst: bool,
        pub psh: bool,
        pub ack_flag: bool,
        pub urg: bool,
        pub ece: bool,
        pub cwr: bool,
        pub ns: bool,
        pub tcp_reserved: B3,
        pub data_offset: B4,
    }

    five_words!(load = from, store = |w| u64::from(w));
}

/// bitfield-struct: five `#[bitfield(u64, order = Msb)]` words (the first
/// field in the most significant bits, so the fields read in header order),
/// loaded and stored with `u64::from_be_bytes` / `to_be_bytes`.
pub mod bfs {
    #![allow(missing_docs)] // the macro's generated items

    use super::{fold, Header, SIZE};
    use bitfield_struct::bitfield;

    /// Bytes 0–7: version … fragment offset.
    #[bitfield(u64, order = Msb)]
    pub struct Word0 {
        #[bits(4)]
        pub version: u8,
        #[bits(4)]
        pub ihl: u8,
        #[bits(6)]
        pub dscp: u8,
        #[bits(2)]
        pub ecn: u8,
        pub total_len: u16,
        pub id: u16,
        pub reserved: bool,
        pub df: bool,
        pub mf: bool,
        #[bits(13)]
        pub frag_offset: u16,
    }

    /// Bytes 8–15: TTL, protocol, checksum, source.
    #[bitfield(u64, order = Msb)]
    pub struct Word1 {
        pub ttl: u8,
        pub protocol: u8,
        pub checksum: u16,
        pub src: u32,
    }

    /// Bytes 16–23: destination, TCP ports.
    #[bitfield(u64, order = Msb)]
    pub struct Word2 {
        pub dst: u32,
        pub src_port: u16,
        pub dst_port: u16,
    }

    /// Bytes 24–31: sequence and acknowledgement numbers.
    #[bitfield(u64, order = Msb)]
    pub struct Word3 {
        pub seq: u32,
        pub ack: u32,
    }

    /// Bytes 32–39: data offset, flags, window, checksum, urgent pointer.
    #[bitfield(u64, order = Msb)]
    pub struct Word4 {
        #[bits(4)]
        pub data_offset: u8,
        #[bits(3)]
        pub tcp_reserved: u8,
        pub ns: bool,
        pub cwr: bool,
        pub ece: bool,
        pub urg: bool,
        pub ack_flag: bool,
        pub psh: bool,
        pub rst: bool,
        pub syn: bool,
        pub fin: bool,
        pub window: u16,
        pub tcp_checksum: u16,
        pub urgent: u16,
    }

    five_words!(load = from_bits, store = |w| w.into_bits());
}

/// The buffer of the first `n` headers, as CPython's bitstruct packs them
/// (checked against `crc`, CPython's CRC-32 of it).
pub fn cpython_buffer(n: usize, crc: u32) -> Result<Vec<u8>, String> {
    let mut buf = vec![0; n * SIZE];
    hand::encode(&records(n), &mut buf);
    compare_bytes(&buf[SIZE..2 * SIZE], CPYTHON_RECORD_1)?;
    let got = crate::w4::crc32(&buf);
    if got != crc {
        return Err(format!("CRC-32 {got:#010x}, CPython's is {crc:#010x}"));
    }
    Ok(buf)
}

/// The decode and encode cells of W7: all [`RECORDS`] headers.
pub fn cells() -> Vec<Cell> {
    cells_of(RECORDS, CPYTHON_CRC32)
}

/// The cells over the first `n` headers, whose CRC-32 in CPython is `crc`
/// (the tests use 20,000 headers and [`CPYTHON_CRC32_20000`]).
pub fn cells_of(n: usize, crc: u32) -> Vec<Cell> {
    let buf: &'static [u8] = cpython_buffer(n, crc)
        .unwrap_or_else(|e| panic!("W7 hand-written encoder disagrees with CPython: {e}"))
        .leak();
    let sum = expected_checksum(n);
    let recs = records(n);
    let cf = netpack::bits::compile(FORMAT).unwrap();
    assert_eq!(cf.calcsize(), SIZE * 8);
    let cf = std::rc::Rc::new(cf);

    let decode: Vec<Column> = vec![
        unpack_column(names::HAND, hand::decode, buf, sum),
        unpack_column(names::DERIVE, derive::decode, buf, sum),
        unpack_column(
            COMPILED,
            {
                let cf = cf.clone();
                move |buf: &[u8]| compiled::decode(&cf, buf)
            },
            buf,
            sum,
        ),
        unpack_column(
            names::DEKU,
            |buf: &[u8]| {
                buf.chunks_exact(SIZE).fold(0, |acc, c| {
                    let h = Header::from_bytes((c, 0)).unwrap().1;
                    fold(acc, h.fields())
                })
            },
            buf,
            sum,
        ),
        unpack_column(MODULAR_BITFIELD, mbf::decode, buf, sum),
        unpack_column(BITFIELD_STRUCT, bfs::decode, buf, sum),
        unpack_column(HAND_FIELDS, hand_fields::decode, buf, sum),
    ];

    let encode: Vec<Column> = vec![
        pack_column(
            names::HAND,
            |r: &Vec<Header>, b: &mut [u8]| hand::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            names::DERIVE,
            |r: &Vec<Header>, b: &mut [u8]| derive::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            COMPILED,
            move |r: &Vec<Header>, b: &mut [u8]| compiled::encode(&cf, r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            names::DEKU,
            |r: &Vec<Header>, b: &mut [u8]| {
                for (c, h) in b.chunks_exact_mut(SIZE).zip(r) {
                    h.to_slice(c).unwrap();
                }
            },
            recs.clone(),
            buf,
        ),
        pack_column(
            MODULAR_BITFIELD,
            |r: &Vec<Header>, b: &mut [u8]| mbf::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            BITFIELD_STRUCT,
            |r: &Vec<Header>, b: &mut [u8]| bfs::encode(r, b),
            recs,
            buf,
        ),
    ];

    let cell = |op, columns| Cell {
        workload: "W7",
        op,
        format: SHOWN,
        bytes: n * SIZE,
        records: n,
        columns,
    };
    vec![cell("decode", decode), cell("encode", encode)]
}
