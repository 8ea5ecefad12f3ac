//! W5: an RFC 1350 TFTP read request, `struct.pack("!H", 1) + filename + b"\0" +
//! mode + b"\0"`, packed into a reused `Vec<u8>` and unpacked from a slice.
//!
//! Every column does the same work: the NUL terminators are found (or checked
//! absent from the fields on pack), and `filename` and `mode` come back as UTF-8
//! text, borrowed (`&str`) or owned (`String`). netpack and the hand-written code
//! also refuse a file name over 512 bytes or a mode over 16 (found within those
//! bounds, before anything is copied); binrw's `NullString` and deku's `CString`
//! have no bound.

use crate::harness::{compare_bytes, unpack_column, Cell, Column, Stamp};
use crate::names;
use binrw::{BinRead, BinWrite, NullString};
use deku::{DekuContainerRead, DekuRead, DekuWrite, DekuWriter};
use netpack::{Message, NetPack};
use std::ffi::CString;
use std::hint::black_box;
use std::io::Cursor;

/// The fixed part's format.
pub const FORMAT: &str = "!H";
/// What the table shows as the workload's format.
pub const SHOWN: &str = "!H + filename NUL + mode NUL";
/// Python 3.11: `struct.pack("!H", 1) + b"pub/rfc/rfc1350.txt" + b"\0" +
/// b"octet" + b"\0"`.
pub const CPYTHON: &[u8] = b"\x00\x01pub/rfc/rfc1350.txt\x00octet\x00";
/// The file name.
pub const FILENAME: &str = "pub/rfc/rfc1350.txt";
/// The transfer mode.
pub const MODE: &str = "octet";
/// The longest file name any column accepts (RFC 1350 sets none; 512 is what
/// fits a TFTP packet).
pub const MAX_FILENAME: usize = 512;
/// The longest mode (`"netascii"`, `"octet"`, `"mail"`).
pub const MAX_MODE: usize = 16;

/// The request, borrowed from the packet; the derive is the `netpack borrowed`
/// column, the hand-written code fills the same struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, NetPack)]
pub struct RrqRef<'a> {
    /// 1 (RRQ) or 2 (WRQ).
    pub opcode: u16,
    /// NUL-terminated.
    #[netpack(nul, max = 512)]
    pub filename: &'a str,
    /// NUL-terminated.
    #[netpack(nul, max = 16)]
    pub mode: &'a str,
}

/// The request, owned; the derive is the `netpack owned` column.
#[derive(Clone, Debug, PartialEq, Eq, NetPack)]
pub struct Rrq {
    /// 1 (RRQ) or 2 (WRQ).
    pub opcode: u16,
    /// NUL-terminated.
    #[netpack(nul, max = 512)]
    pub filename: String,
    /// NUL-terminated.
    #[netpack(nul, max = 16)]
    pub mode: String,
}

/// The benchmarked request, borrowed.
pub const MESSAGE: RrqRef<'static> = RrqRef {
    opcode: 1,
    filename: FILENAME,
    mode: MODE,
};

/// The benchmarked request, owned.
pub fn owned() -> Rrq {
    Rrq {
        opcode: 1,
        filename: FILENAME.to_string(),
        mode: MODE.to_string(),
    }
}

/// What a careful person writes: `to_be_bytes`, `memchr`-style searches for the
/// NULs within the caps, `str::from_utf8`, and the checks a peer can trip.
pub mod hand {
    use super::{Rrq, RrqRef, MAX_FILENAME, MAX_MODE};

    /// Why a request does not pack or unpack.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Bad {
        /// The buffer ends inside the request.
        Short,
        /// A field holds a NUL (pack) or has none within its cap (unpack).
        Nul,
        /// A field is not UTF-8.
        Utf8,
        /// Bytes after the second NUL.
        Trailing,
    }

    /// Appends the request to `out`.
    #[inline]
    pub fn pack(m: &RrqRef<'_>, out: &mut Vec<u8>) -> Result<(), Bad> {
        let (f, md) = (m.filename.as_bytes(), m.mode.as_bytes());
        if f.len() > MAX_FILENAME || md.len() > MAX_MODE || f.contains(&0) || md.contains(&0) {
            return Err(Bad::Nul);
        }
        out.reserve(2 + f.len() + 1 + md.len() + 1);
        out.extend_from_slice(&m.opcode.to_be_bytes());
        out.extend_from_slice(f);
        out.push(0);
        out.extend_from_slice(md);
        out.push(0);
        Ok(())
    }

    /// The field before the next NUL, at most `cap` bytes, and the bytes after
    /// the NUL.
    #[inline]
    fn nul_terminated(buf: &[u8], cap: usize) -> Result<(&str, &[u8]), Bad> {
        let window = &buf[..buf.len().min(cap + 1)];
        match window.iter().position(|&b| b == 0) {
            Some(end) => {
                let text = core::str::from_utf8(&buf[..end]).map_err(|_| Bad::Utf8)?;
                Ok((text, &buf[end + 1..]))
            }
            None if buf.len() <= cap => Err(Bad::Short),
            None => Err(Bad::Nul),
        }
    }

    /// Reads a request from all of `buf`, borrowing the text.
    #[inline]
    pub fn unpack(buf: &[u8]) -> Result<RrqRef<'_>, Bad> {
        let Some((opcode, rest)) = buf.split_first_chunk::<2>() else {
            return Err(Bad::Short);
        };
        let (filename, rest) = nul_terminated(rest, MAX_FILENAME)?;
        let (mode, rest) = nul_terminated(rest, MAX_MODE)?;
        if !rest.is_empty() {
            return Err(Bad::Trailing);
        }
        Ok(RrqRef {
            opcode: u16::from_be_bytes(*opcode),
            filename,
            mode,
        })
    }

    /// Reads a request from all of `buf` into `String`s.
    #[inline]
    pub fn unpack_owned(buf: &[u8]) -> Result<Rrq, Bad> {
        let r = unpack(buf)?;
        Ok(Rrq {
            opcode: r.opcode,
            filename: r.filename.to_string(),
            mode: r.mode.to_string(),
        })
    }
}

/// The request for binrw: `NullString`s, which own their bytes.
#[derive(Clone, Debug, PartialEq, BinRead, BinWrite)]
#[brw(big)]
pub struct BinrwRrq {
    /// `H`
    pub opcode: u16,
    /// NUL-terminated.
    pub filename: NullString,
    /// NUL-terminated.
    pub mode: NullString,
}

/// The request for deku: `CString`s, which own their bytes.
#[derive(Clone, Debug, PartialEq, DekuRead, DekuWrite)]
pub struct DekuRrq {
    /// `H`
    #[deku(endian = "big")]
    pub opcode: u16,
    /// NUL-terminated.
    pub filename: CString,
    /// NUL-terminated.
    pub mode: CString,
}

/// binrw, with the UTF-8 check every other column makes.
pub fn binrw_unpack(buf: &[u8]) -> Rrq {
    let r = BinrwRrq::read(&mut Cursor::new(buf)).unwrap();
    Rrq {
        opcode: r.opcode,
        filename: String::from_utf8(r.filename.0).unwrap(),
        mode: String::from_utf8(r.mode.0).unwrap(),
    }
}

/// deku, with the UTF-8 check every other column makes.
pub fn deku_unpack(buf: &[u8]) -> Rrq {
    let ((rest, _), r) = DekuRrq::from_bytes((buf, 0)).unwrap();
    assert!(rest.is_empty());
    Rrq {
        opcode: r.opcode,
        filename: r.filename.into_string().unwrap(),
        mode: r.mode.into_string().unwrap(),
    }
}

/// A column that appends `msg` to a cleared, reused `Vec<u8>` with `f` and
/// checks the bytes against `expect`.
pub fn vec_pack_column<M, F>(name: &'static str, f: F, msg: M, expect: &'static [u8]) -> Column
where
    M: 'static,
    F: Fn(&M, &mut Vec<u8>) + Clone + 'static,
{
    let msg = std::rc::Rc::new(msg);
    let check = {
        let (f, msg) = (f.clone(), msg.clone());
        Box::new(move || {
            let mut out = b"\xAA".to_vec();
            f(&msg, &mut out);
            compare_bytes(&out[1..], expect)?;
            out.clear();
            f(&msg, &mut out);
            compare_bytes(&out, expect)
        })
    };
    let mut out = Vec::with_capacity(expect.len() * 2);
    let sample = Box::new(move |n: u64| {
        let msg: &M = &msg;
        let start = Stamp::now();
        for _ in 0..n {
            out.clear();
            f(black_box(msg), black_box(&mut out));
        }
        black_box(&out);
        start.elapsed()
    });
    Column {
        name,
        check,
        sample,
    }
}

/// The netpack columns of the pack cell: `encode_into` of the derived types.
fn netpack_pack_columns() -> Vec<Column> {
    vec![
        vec_pack_column(
            names::BORROWED,
            |m: &RrqRef<'static>, out: &mut Vec<u8>| m.encode_into(out).unwrap(),
            MESSAGE,
            CPYTHON,
        ),
        vec_pack_column(
            names::OWNED,
            |m: &Rrq, out: &mut Vec<u8>| m.encode_into(out).unwrap(),
            owned(),
            CPYTHON,
        ),
    ]
}

/// The netpack columns of the unpack cell: `decode` of the derived types.
fn netpack_unpack_columns() -> Vec<Column> {
    vec![
        unpack_column(
            names::BORROWED,
            |b| RrqRef::decode(b).unwrap(),
            CPYTHON,
            MESSAGE,
        ),
        unpack_column(
            names::OWNED,
            |b: &[u8]| Rrq::decode(b).unwrap(),
            CPYTHON,
            owned(),
        ),
    ]
}

/// A cursor that appends to `out` (a fresh `Cursor` would overwrite it).
fn appending(out: &mut Vec<u8>) -> Cursor<&mut Vec<u8>> {
    let end = out.len() as u64;
    let mut cursor = Cursor::new(out);
    cursor.set_position(end);
    cursor
}

/// The pack and unpack cells of W5.
pub fn cells() -> Vec<Cell> {
    let binrw_msg = BinrwRrq {
        opcode: 1,
        filename: NullString(FILENAME.into()),
        mode: NullString(MODE.into()),
    };
    let deku_msg = DekuRrq {
        opcode: 1,
        filename: CString::new(FILENAME).unwrap(),
        mode: CString::new(MODE).unwrap(),
    };
    let mut pack = vec![vec_pack_column(
        names::HAND,
        |m: &RrqRef<'static>, out: &mut Vec<u8>| hand::pack(m, out).unwrap(),
        MESSAGE,
        CPYTHON,
    )];
    pack.extend(netpack_pack_columns());
    pack.push(vec_pack_column(
        names::BINRW,
        |m: &BinrwRrq, out: &mut Vec<u8>| m.write(&mut appending(out)).unwrap(),
        binrw_msg,
        CPYTHON,
    ));
    pack.push(vec_pack_column(
        names::DEKU,
        |m: &DekuRrq, out: &mut Vec<u8>| {
            let mut writer = deku::writer::Writer::new(appending(out));
            m.to_writer(&mut writer, ()).unwrap();
        },
        deku_msg,
        CPYTHON,
    ));

    let mut unpack = vec![
        unpack_column(names::HAND, |b| hand::unpack(b).unwrap(), CPYTHON, MESSAGE),
        unpack_column(
            names::HAND_OWNED,
            |b: &[u8]| hand::unpack_owned(b).unwrap(),
            CPYTHON,
            owned(),
        ),
    ];
    unpack.extend(netpack_unpack_columns());
    unpack.push(unpack_column(names::BINRW, binrw_unpack, CPYTHON, owned()));
    unpack.push(unpack_column(names::DEKU, deku_unpack, CPYTHON, owned()));

    let cell = |op, columns| Cell {
        workload: "W5",
        op,
        format: SHOWN,
        bytes: CPYTHON.len(),
        records: 1,
        columns,
    };
    vec![cell("pack", pack), cell("unpack", unpack)]
}

#[cfg(test)]
mod tests {
    use super::hand::{self, Bad};

    #[test]
    fn hand_written_refuses_what_it_must() {
        assert_eq!(hand::unpack(b"\x00\x01a\x00octet"), Err(Bad::Short));
        assert_eq!(hand::unpack(b"\x00"), Err(Bad::Short));
        assert_eq!(hand::unpack(b"\x00\x01a\x00b\x00c"), Err(Bad::Trailing));
        assert_eq!(hand::unpack(b"\x00\x01\xff\x00b\x00"), Err(Bad::Utf8));
        let mut long = b"\x00\x01".to_vec();
        long.extend([b'a'; 600]);
        assert_eq!(hand::unpack(&long), Err(Bad::Nul));
        let bad = super::RrqRef {
            opcode: 1,
            filename: "a\0b",
            mode: "octet",
        };
        assert_eq!(hand::pack(&bad, &mut Vec::new()), Err(Bad::Nul));
    }
}
