//! W9: the chunk walk of a RIFF WAVE file, `benches/data/w9.wav` (1.16 MB,
//! written by `examples/python/gen_wav.py --bench`): the header
//! `b"RIFF" + struct.pack("<I", size) + b"WAVE"`, then 2,502 chunks, each
//! `struct.pack("<4sI", id, len(body)) + body` and a zero pad byte after an odd
//! body: `fmt `, 2,500 `LIST`/`cue `/`junk`/`smpl`/`note` chunks (four in five of
//! 1–64 bytes, one in five of 256–4,095), and a 16 KiB `data` chunk.
//!
//! Every column walks every chunk and folds the RIFF size and each chunk's id,
//! size and the sum of its body's bytes into a checksum ([`fold`]), which
//! CPython computes with `struct.unpack_from("<4sI", data, off)` and slicing
//! (`cpython_bench.py`, hard-coded here as [`CPYTHON_CHECKSUM`]). The borrowed
//! columns slice each body, the owned ones copy it into a `Vec<u8>`. netpack
//! and the hand-written code check that the pad byte after an odd body is
//! there and zero; binrw's `align_after` and deku's `pad_bytes_after` skip it
//! unread.

use crate::harness::{unpack_column, Cell, Column};
use crate::names;
use crate::w6::byte_sum;
use binrw::BinRead;
use deku::{DekuContainerRead, DekuRead};
use netpack::{Message, NetPack};
use std::io::Cursor;

/// What the table shows as the workload's format.
pub const SHOWN: &str = "RIFF <I WAVE + (<4sI + body + pad)*";
/// The file.
pub const FILE: &[u8] = include_bytes!("../data/w9.wav");
/// `benches/data/w9.txt` (Python 3.11, `len(data)`).
pub const CPYTHON_LEN: usize = 1_162_584;
/// `benches/data/w9.txt` (Python 3.11, `zlib.crc32(data)`).
pub const CPYTHON_CRC32: u32 = 0xa9e6_11ba;
/// `benches/data/w9.txt`: the chunks after the header.
pub const CHUNKS: usize = 2502;
/// Python 3.11: the checksum of [`fold`] over the walk (`w9_checksum` in
/// `cpython_bench.py`).
pub const CPYTHON_CHECKSUM: u64 = 0x4242_5828_c6f0_f45a;
/// The largest chunk body any column accepts (the file's largest is 16 KiB).
pub const MAX_CHUNK: usize = 1 << 26;
/// The extra netpack column: the whole file decoded into one `Riff`.
pub const WHOLE: &str = "netpack borrowed (Riff, Vec of chunks)";

/// Adds one chunk to the checksum; the walk starts from the RIFF size.
/// Python: `acc = rotl64(acc, 5) ^ int.from_bytes(cid, "little") ^ (size << 32)
/// ^ ((sum(body) & 0xFFFFFFFF) << 16)`.
#[inline(always)]
pub fn fold(acc: u64, id: [u8; 4], size: u32, body: &[u8]) -> u64 {
    acc.rotate_left(5)
        ^ u64::from(u32::from_le_bytes(id))
        ^ (u64::from(size) << 32)
        ^ (u64::from(byte_sum(body)) << 16)
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

/// What a careful person writes: `from_le_bytes`, checked slicing, the pad
/// byte checked.
pub mod hand {
    use super::{fold, Chunk, MAX_CHUNK};

    /// Why a file does not walk.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Bad {
        /// Not `RIFF`…`WAVE`.
        Magic,
        /// The file ends inside a chunk (or its pad byte).
        Short,
        /// A chunk over [`MAX_CHUNK`].
        TooLong,
        /// A pad byte that is not zero.
        Pad,
    }

    /// The RIFF size and the chunks after the header.
    #[inline]
    pub fn header(buf: &[u8]) -> Result<(u32, &[u8]), Bad> {
        let Some((h, rest)) = buf.split_first_chunk::<12>() else {
            return Err(Bad::Short);
        };
        if h[..4] != *b"RIFF" || h[8..] != *b"WAVE" {
            return Err(Bad::Magic);
        }
        Ok((u32::from_le_bytes([h[4], h[5], h[6], h[7]]), rest))
    }

    /// The chunk at the start of `buf` (the derive's struct, filled by hand)
    /// and the bytes after it and its pad byte.
    #[inline]
    pub fn chunk(buf: &[u8]) -> Result<(Chunk<'_>, &[u8]), Bad> {
        let Some((h, rest)) = buf.split_first_chunk::<8>() else {
            return Err(Bad::Short);
        };
        let id = [h[0], h[1], h[2], h[3]];
        let size = u32::from_le_bytes([h[4], h[5], h[6], h[7]]);
        let n = size as usize;
        if n > MAX_CHUNK {
            return Err(Bad::TooLong);
        }
        let Some((body, rest)) = rest.split_at_checked(n) else {
            return Err(Bad::Short);
        };
        let rest = if n % 2 == 1 {
            match rest.split_first() {
                Some((0, rest)) => rest,
                Some(_) => return Err(Bad::Pad),
                None => return Err(Bad::Short),
            }
        } else {
            rest
        };
        Ok((Chunk { id, size, body }, rest))
    }

    /// Walks every chunk, borrowing each body.
    #[inline]
    pub fn walk(buf: &[u8]) -> Result<u64, Bad> {
        let (size, mut rest) = header(buf)?;
        let mut acc = u64::from(size);
        while !rest.is_empty() {
            let (c, next) = chunk(rest)?;
            acc = fold(acc, c.id, c.size, c.body);
            rest = next;
        }
        Ok(acc)
    }

    /// Walks every chunk, copying each body into a `Vec<u8>`.
    #[inline]
    pub fn walk_owned(buf: &[u8]) -> Result<u64, Bad> {
        let (size, mut rest) = header(buf)?;
        let mut acc = u64::from(size);
        while !rest.is_empty() {
            let (c, next) = chunk(rest)?;
            let body: Vec<u8> = c.body.to_vec();
            acc = fold(acc, c.id, c.size, &body);
            rest = next;
        }
        Ok(acc)
    }
}

/// The RIFF header, derived: `b"RIFF" + struct.pack("<I", size) + form`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, NetPack)]
#[netpack(order = "<", magic = b"RIFF")]
pub struct RiffHeader {
    /// The bytes after this field.
    pub size: u32,
    /// `b"WAVE"`.
    pub form: [u8; 4],
}

/// One chunk, derived, borrowing its body; the pad byte after an odd body is
/// `align = 2` (the chunk starts at an even offset).
#[derive(Clone, Copy, Debug, PartialEq, Eq, NetPack)]
#[netpack(order = "<")]
pub struct Chunk<'a> {
    /// `4s`
    pub id: [u8; 4],
    /// `I`: the length of `body`.
    pub size: u32,
    /// `size` bytes, then a zero byte when `size` is odd.
    #[netpack(len = "size", max = MAX_CHUNK, align = 2)]
    pub body: &'a [u8],
}

/// One chunk, derived, owning its body.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
#[netpack(order = "<")]
pub struct OwnedChunk {
    /// `4s`
    pub id: [u8; 4],
    /// `I`: the length of `body`.
    pub size: u32,
    /// `size` bytes, then a zero byte when `size` is odd.
    #[netpack(len = "size", max = MAX_CHUNK, align = 2)]
    pub body: Vec<u8>,
}

/// The whole file as one derived message: the magic, the size, `b"WAVE"`, and
/// every chunk to the end.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
#[netpack(order = "<", magic = b"RIFF")]
pub struct Riff<'a> {
    /// The bytes after this field.
    pub size: u32,
    /// Every chunk.
    #[netpack(magic = b"WAVE", until_end, max = 1_000_000)]
    pub chunks: Vec<Chunk<'a>>,
}

/// The header, then `Chunk::decode_prefix` on the rest until it is empty.
pub fn netpack_walk(buf: &[u8]) -> u64 {
    let (h, mut used) = RiffHeader::decode_prefix(buf).unwrap();
    assert_eq!(&h.form, b"WAVE");
    let mut acc = u64::from(h.size);
    while used < buf.len() {
        let (c, n) = Chunk::decode_prefix(&buf[used..]).unwrap();
        acc = fold(acc, c.id, c.size, c.body);
        used += n;
    }
    acc
}

/// The same with [`OwnedChunk`].
pub fn netpack_walk_owned(buf: &[u8]) -> u64 {
    let (h, mut used) = RiffHeader::decode_prefix(buf).unwrap();
    assert_eq!(&h.form, b"WAVE");
    let mut acc = u64::from(h.size);
    while used < buf.len() {
        let (c, n) = OwnedChunk::decode_prefix(&buf[used..]).unwrap();
        acc = fold(acc, c.id, c.size, &c.body);
        used += n;
    }
    acc
}

/// `Riff::decode` of the whole file, then a fold over its chunks.
pub fn netpack_whole(buf: &[u8]) -> u64 {
    let riff = Riff::decode(buf).unwrap();
    riff.chunks.iter().fold(u64::from(riff.size), |acc, c| {
        fold(acc, c.id, c.size, c.body)
    })
}

/// The RIFF header for binrw.
#[derive(Clone, Debug, PartialEq, BinRead)]
#[br(little, magic = b"RIFF")]
pub struct BinrwHeader {
    /// `I`
    pub size: u32,
    /// `b"WAVE"`, checked.
    #[br(magic = b"WAVE")]
    pub end: (),
}

/// One chunk for binrw: the body in a `Vec<u8>`, the pad byte skipped by
/// `align_after` (chunks start at even offsets of the file).
#[derive(Clone, Debug, PartialEq, BinRead)]
#[br(little)]
pub struct BinrwChunk {
    /// `4s`
    pub id: [u8; 4],
    /// `I`
    pub size: u32,
    /// `size` bytes.
    #[br(count = size, align_after = 2)]
    pub body: Vec<u8>,
}

/// binrw: the header, then `read` from one `Cursor` until the end.
pub fn binrw_walk(buf: &[u8]) -> u64 {
    let mut cursor = Cursor::new(buf);
    let h = BinrwHeader::read(&mut cursor).unwrap();
    let mut acc = u64::from(h.size);
    while (cursor.position() as usize) < buf.len() {
        let c = BinrwChunk::read(&mut cursor).unwrap();
        acc = fold(acc, c.id, c.size, &c.body);
    }
    acc
}

/// The RIFF header for deku.
#[derive(Clone, Debug, PartialEq, DekuRead)]
#[deku(endian = "little", magic = b"RIFF")]
pub struct DekuHeader {
    /// `I`
    pub size: u32,
    /// `b"WAVE"`.
    pub form: [u8; 4],
}

/// One chunk for deku: the body in a `Vec<u8>`, the pad byte skipped by
/// `pad_bytes_after`.
#[derive(Clone, Debug, PartialEq, DekuRead)]
#[deku(endian = "little")]
pub struct DekuChunk {
    /// `4s`
    pub id: [u8; 4],
    /// `I`
    pub size: u32,
    /// `size` bytes, then the pad byte.
    #[deku(count = "*size", pad_bytes_after = "(*size % 2) as usize")]
    pub body: Vec<u8>,
}

/// deku: the header, then `from_bytes` on the rest until it is empty.
pub fn deku_walk(buf: &[u8]) -> u64 {
    let ((mut rest, _), h) = DekuHeader::from_bytes((buf, 0)).unwrap();
    assert_eq!(&h.form, b"WAVE");
    let mut acc = u64::from(h.size);
    while !rest.is_empty() {
        let ((next, _), c) = DekuChunk::from_bytes((rest, 0)).unwrap();
        acc = fold(acc, c.id, c.size, &c.body);
        rest = next;
    }
    acc
}

/// The netpack columns.
fn netpack_columns(buf: &'static [u8]) -> Vec<Column> {
    vec![
        unpack_column(names::BORROWED, netpack_walk, buf, CPYTHON_CHECKSUM),
        unpack_column(names::OWNED, netpack_walk_owned, buf, CPYTHON_CHECKSUM),
        unpack_column(WHOLE, netpack_whole, buf, CPYTHON_CHECKSUM),
    ]
}

/// The decode cell of W9.
pub fn cells() -> Vec<Cell> {
    let buf = cpython_file().unwrap_or_else(|e| panic!("W9 file disagrees with CPython: {e}"));
    let mut columns = vec![
        unpack_column(
            names::HAND,
            |b: &[u8]| hand::walk(b).unwrap(),
            buf,
            CPYTHON_CHECKSUM,
        ),
        unpack_column(
            names::HAND_OWNED,
            |b: &[u8]| hand::walk_owned(b).unwrap(),
            buf,
            CPYTHON_CHECKSUM,
        ),
    ];
    columns.extend(netpack_columns(buf));
    columns.push(unpack_column(
        names::BINRW,
        binrw_walk,
        buf,
        CPYTHON_CHECKSUM,
    ));
    columns.push(unpack_column(names::DEKU, deku_walk, buf, CPYTHON_CHECKSUM));
    vec![Cell {
        workload: "W9",
        op: "decode",
        format: SHOWN,
        bytes: buf.len(),
        records: CHUNKS,
        columns,
    }]
}

#[cfg(test)]
mod tests {
    use super::hand::{self, Bad};
    use super::*;

    #[test]
    fn every_walk_finds_every_chunk() {
        let (_, mut rest) = hand::header(FILE).unwrap();
        let mut n = 0;
        while !rest.is_empty() {
            rest = hand::chunk(rest).unwrap().1;
            n += 1;
        }
        assert_eq!(n, CHUNKS);
        assert_eq!(Riff::decode(FILE).unwrap().chunks.len(), CHUNKS);
    }

    #[test]
    fn hand_written_and_netpack_refuse_what_they_must() {
        let odd = b"RIFF\x0e\0\0\0WAVEjunk\x01\0\0\0x\0";
        assert!(hand::walk(odd).is_ok());
        assert_eq!(netpack_walk(odd), hand::walk(odd).unwrap());
        // The pad byte missing, or not zero.
        assert_eq!(hand::walk(&odd[..odd.len() - 1]), Err(Bad::Short));
        let mut bad_pad = odd.to_vec();
        bad_pad[odd.len() - 1] = 7;
        assert_eq!(hand::walk(&bad_pad), Err(Bad::Pad));
        assert!(Chunk::decode_prefix(&bad_pad[12..]).is_err());
        assert!(Chunk::decode_prefix(&odd[12..odd.len() - 1]).is_err());
        assert_eq!(hand::walk(b"RIFX\0\0\0\0WAVE"), Err(Bad::Magic));
        assert!(RiffHeader::decode_prefix(b"RIFX\0\0\0\0WAVE").is_err());
        assert_eq!(
            hand::walk(b"RIFF\0\0\0\0WAVEjunk\xff\xff\xff\xff"),
            Err(Bad::TooLong)
        );
    }
}
