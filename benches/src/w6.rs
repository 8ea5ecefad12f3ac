//! W6: 100,000 pcap-style records, each a `"<IIII"` header (`ts_sec`, `ts_usec`,
//! `incl_len`, `orig_len`) and `incl_len` bytes of packet (60–1500), one after
//! another in one 80 MB buffer, decoded one by one.
//!
//! Every column folds each record's header, the length of its packet and the sum
//! of the packet's bytes into a checksum, so it really has the packet in hand;
//! the borrowed columns slice it, the owned ones copy it into a `Vec<u8>`.
//!
//! Why every byte: a consumer that reads only the headers walks the 80 MB as a
//! chain of dependent loads (each header says where the next one is), and every
//! column then waits on memory for the same ~160 ns per record, whatever its
//! decoder does (measured here: hand-written, netpack and binrw all 160–175 ns,
//! and the owned columns *faster*, because their copy streams the next header
//! into the cache). Summing the bytes streams the buffer for every column, so
//! the decoders' own costs show.

use crate::harness::{compare_bytes, unpack_column, Cell, Column};
use crate::names;
use binrw::BinRead;
use deku::{DekuContainerRead, DekuRead};
use netpack::{Message, NetPack};
use std::io::Cursor;

/// The header's format.
pub const FORMAT: &str = "<IIII";
/// What the table shows as the workload's format.
pub const SHOWN: &str = "<IIII + incl_len bytes";
/// The header's size.
pub const HEADER: usize = 16;
/// Records in the buffer.
pub const RECORDS: usize = 100_000;
/// The largest `incl_len` any column accepts (the classic snaplen).
pub const MAX_PACKET: usize = 65535;
/// Python 3.11: `zlib.crc32(b"".join(struct.pack("<IIII", *h) + data for *h,
/// data in map(record, range(100_000))))`, with `record` as [`record`].
pub const CPYTHON_CRC32: u32 = 0x3f15_3b2f;
/// Python 3.11: `struct.pack("<IIII", *record(1)[:4])`.
pub const CPYTHON_HEADER_1: &[u8; HEADER] =
    b"\x00\xf1\x53\x65\xef\x1e\x00\x00\x8f\x05\x00\x00\xa3\x05\x00\x00";
/// Python 3.11: `len(b"".join(...))`, as for [`CPYTHON_CRC32`].
pub const CPYTHON_LEN: usize = 79_595_616;

/// Record `i`: `(1_700_000_000 + i // 1000, i * 7919 % 1_000_000, n, n + i % 3 * 20)`
/// with `n = 60 + (i * 2654435761 % 2**32) % 1441`, and packet byte `j` equal to
/// `(i + j) % 256`.
pub fn record(i: usize) -> ([u32; 4], impl Iterator<Item = u8>) {
    let n = 60 + ((i as u64).wrapping_mul(2_654_435_761) as u32) % 1441;
    let header = [
        1_700_000_000 + (i / 1000) as u32,
        ((i * 7919) % 1_000_000) as u32,
        n,
        n + (i % 3) as u32 * 20,
    ];
    (header, (0..n as usize).map(move |j| ((i + j) % 256) as u8))
}

/// The sum of the packet's bytes (vectorised): what a consumer that looks at
/// every byte costs.
#[inline(always)]
pub fn byte_sum(packet: &[u8]) -> u32 {
    packet
        .iter()
        .fold(0u32, |a, &b| a.wrapping_add(u32::from(b)))
}

/// Adds one record to a checksum.
#[inline(always)]
pub fn fold(acc: u64, ts_sec: u32, ts_usec: u32, orig_len: u32, packet: &[u8]) -> u64 {
    acc.rotate_left(5)
        ^ u64::from(ts_sec)
        ^ (u64::from(ts_usec) << 32)
        ^ (u64::from(orig_len) << 12)
        ^ packet.len() as u64
        ^ (u64::from(byte_sum(packet)) << 40)
}

/// The checksum of all records, from [`record`].
pub fn expected_checksum() -> u64 {
    (0..RECORDS).fold(0, |acc, i| {
        let (h, packet) = record(i);
        let packet: Vec<u8> = packet.collect();
        fold(acc, h[0], h[1], h[3], &packet)
    })
}

/// The buffer of all records, checked against CPython's length and CRC-32.
pub fn cpython_buffer() -> Result<Vec<u8>, String> {
    let mut buf = Vec::with_capacity(CPYTHON_LEN);
    for i in 0..RECORDS {
        let (h, packet) = record(i);
        for x in h {
            buf.extend_from_slice(&x.to_le_bytes());
        }
        buf.extend(packet);
    }
    // Record 0's packet is 60 bytes; record 1's header follows it.
    compare_bytes(&buf[HEADER + 60..2 * HEADER + 60], CPYTHON_HEADER_1)?;
    if buf.len() != CPYTHON_LEN {
        return Err(format!("{} bytes, CPython's are {CPYTHON_LEN}", buf.len()));
    }
    let crc = crate::w4::crc32(&buf);
    if crc != CPYTHON_CRC32 {
        return Err(format!(
            "CRC-32 {crc:#010x}, CPython's is {CPYTHON_CRC32:#010x}"
        ));
    }
    Ok(buf)
}

/// What a careful person writes: `from_le_bytes` and checked slicing.
pub mod hand {
    use super::{fold, HEADER, MAX_PACKET};

    /// One record: the header and the packet, borrowed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Record<'a> {
        /// Seconds.
        pub ts_sec: u32,
        /// Microseconds.
        pub ts_usec: u32,
        /// The packet's length on the wire.
        pub orig_len: u32,
        /// `incl_len` bytes.
        pub packet: &'a [u8],
    }

    /// The record at the start of `buf` and the bytes it takes, or `None` when
    /// the buffer ends inside it or `incl_len` is over the cap.
    #[inline]
    pub fn record(buf: &[u8]) -> Option<(Record<'_>, usize)> {
        let h: &[u8; HEADER] = buf.first_chunk()?;
        let word = |i: usize| u32::from_le_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]);
        let incl_len = word(8) as usize;
        if incl_len > MAX_PACKET {
            return None;
        }
        let packet = buf.get(HEADER..HEADER + incl_len)?;
        let r = Record {
            ts_sec: word(0),
            ts_usec: word(4),
            orig_len: word(12),
            packet,
        };
        Some((r, HEADER + incl_len))
    }

    /// Decodes every record, borrowing each packet.
    #[inline]
    pub fn decode(mut buf: &[u8]) -> u64 {
        let mut acc = 0;
        while !buf.is_empty() {
            let (r, used) = record(buf).unwrap();
            acc = fold(acc, r.ts_sec, r.ts_usec, r.orig_len, r.packet);
            buf = &buf[used..];
        }
        acc
    }

    /// Decodes every record, copying each packet into a `Vec<u8>`.
    #[inline]
    pub fn decode_owned(mut buf: &[u8]) -> u64 {
        let mut acc = 0;
        while !buf.is_empty() {
            let (r, used) = record(buf).unwrap();
            let packet: Vec<u8> = r.packet.to_vec();
            acc = fold(acc, r.ts_sec, r.ts_usec, r.orig_len, &packet);
            buf = &buf[used..];
        }
        acc
    }
}

/// One record for binrw: the packet in a `Vec<u8>`.
#[derive(Clone, Debug, PartialEq, BinRead)]
#[br(little)]
pub struct BinrwRecord {
    /// `I`
    pub ts_sec: u32,
    /// `I`
    pub ts_usec: u32,
    /// `I`
    pub incl_len: u32,
    /// `I`
    pub orig_len: u32,
    /// `incl_len` bytes.
    #[br(count = incl_len)]
    pub packet: Vec<u8>,
}

/// One record for deku: the packet in a `Vec<u8>`.
#[derive(Clone, Debug, PartialEq, DekuRead)]
#[deku(endian = "little")]
pub struct DekuRecord {
    /// `I`
    pub ts_sec: u32,
    /// `I`
    pub ts_usec: u32,
    /// `I`
    pub incl_len: u32,
    /// `I`
    pub orig_len: u32,
    /// `incl_len` bytes.
    #[deku(count = "*incl_len")]
    pub packet: Vec<u8>,
}

/// binrw: `read` from one `Cursor` until the end.
pub fn binrw_decode(buf: &[u8]) -> u64 {
    let mut cursor = Cursor::new(buf);
    let mut acc = 0;
    while (cursor.position() as usize) < buf.len() {
        let r = BinrwRecord::read(&mut cursor).unwrap();
        acc = fold(acc, r.ts_sec, r.ts_usec, r.orig_len, &r.packet);
    }
    acc
}

/// deku: `from_bytes` on the rest of the buffer until it is empty.
pub fn deku_decode(mut buf: &[u8]) -> u64 {
    let mut acc = 0;
    while !buf.is_empty() {
        let ((rest, _), r) = DekuRecord::from_bytes((buf, 0)).unwrap();
        acc = fold(acc, r.ts_sec, r.ts_usec, r.orig_len, &r.packet);
        buf = rest;
    }
    acc
}

/// One record, derived, borrowing its packet: the `netpack borrowed` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, NetPack)]
#[netpack(order = "<")]
pub struct Record<'a> {
    /// `I`
    pub ts_sec: u32,
    /// `I`
    pub ts_usec: u32,
    /// `I`: the length of `packet`.
    pub incl_len: u32,
    /// `I`
    pub orig_len: u32,
    /// `incl_len` bytes.
    #[netpack(len = "incl_len", max = 65535)]
    pub packet: &'a [u8],
}

/// One record, derived, owning its packet: the `netpack owned` column.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
#[netpack(order = "<")]
pub struct OwnedRecord {
    /// `I`
    pub ts_sec: u32,
    /// `I`
    pub ts_usec: u32,
    /// `I`: the length of `packet`.
    pub incl_len: u32,
    /// `I`
    pub orig_len: u32,
    /// `incl_len` bytes.
    #[netpack(len = "incl_len", max = 65535)]
    pub packet: Vec<u8>,
}

/// `Record::decode_prefix` on the rest of the buffer until it is empty.
pub fn netpack_decode(mut buf: &[u8]) -> u64 {
    let mut acc = 0;
    while !buf.is_empty() {
        let (r, used) = Record::decode_prefix(buf).unwrap();
        acc = fold(acc, r.ts_sec, r.ts_usec, r.orig_len, r.packet);
        buf = &buf[used..];
    }
    acc
}

/// `OwnedRecord::decode_prefix` on the rest of the buffer until it is empty.
pub fn netpack_decode_owned(mut buf: &[u8]) -> u64 {
    let mut acc = 0;
    while !buf.is_empty() {
        let (r, used) = OwnedRecord::decode_prefix(buf).unwrap();
        acc = fold(acc, r.ts_sec, r.ts_usec, r.orig_len, &r.packet);
        buf = &buf[used..];
    }
    acc
}

/// The netpack columns.
fn netpack_columns(buf: &'static [u8], sum: u64) -> Vec<Column> {
    vec![
        unpack_column(names::BORROWED, netpack_decode, buf, sum),
        unpack_column(names::OWNED, netpack_decode_owned, buf, sum),
    ]
}

/// The decode cell of W6.
pub fn cells() -> Vec<Cell> {
    let buf: &'static [u8] = cpython_buffer()
        .unwrap_or_else(|e| panic!("W6 buffer disagrees with CPython: {e}"))
        .leak();
    let sum = expected_checksum();
    let mut columns = vec![
        unpack_column(names::HAND, hand::decode, buf, sum),
        unpack_column(names::HAND_OWNED, hand::decode_owned, buf, sum),
    ];
    columns.extend(netpack_columns(buf, sum));
    columns.push(unpack_column(names::BINRW, binrw_decode, buf, sum));
    columns.push(unpack_column(names::DEKU, deku_decode, buf, sum));
    vec![Cell {
        workload: "W6",
        op: "decode",
        format: SHOWN,
        bytes: buf.len(),
        records: RECORDS,
        columns,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_refuses_what_it_must() {
        let mut rec = Vec::new();
        for x in [1u32, 2, 3, 3] {
            rec.extend_from_slice(&x.to_le_bytes());
        }
        rec.extend_from_slice(b"abc");
        assert_eq!(hand::record(&rec).map(|(_, n)| n), Some(19));
        assert_eq!(hand::record(&rec[..18]), None);
        assert_eq!(hand::record(&rec[..15]), None);
        rec[8..12].copy_from_slice(&70000u32.to_le_bytes());
        rec.resize(16 + 70000, 0);
        assert_eq!(hand::record(&rec), None);
    }
}
