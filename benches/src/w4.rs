//! W4: 1,000,000 records of `"<Ihd"` (14 bytes each) in one 14 MB buffer,
//! decoded all (as `iter_unpack`) and encoded all.
//!
//! Decoding folds every record into a checksum, so each column really reads
//! every field; encoding writes every record from a slice of records.

use crate::harness::{compare_bytes, pack_column, unpack_column, Cell, Column};
use crate::names;
use binrw::{BinRead, BinWrite};
use deku::{DekuContainerRead, DekuContainerWrite, DekuRead, DekuWrite};
use netpack::{Columns, NetPack, Struct, Value, ValueRef};
use std::io::Cursor;

/// The format.
pub const FORMAT: &str = "<Ihd";
/// `struct.calcsize(FORMAT)`.
pub const SIZE: usize = 14;
/// Records in the buffer.
pub const RECORDS: usize = 1_000_000;
/// Python 3.11: `zlib.crc32(b"".join(struct.pack("<Ihd", *record(i)) for i in
/// range(1_000_000)))`, with `record` as [`record`].
pub const CPYTHON_CRC32: u32 = 0x75ae_2223;
/// Python 3.11: `struct.pack("<Ihd", *record(1))`.
pub const CPYTHON_RECORD_1: &[u8; SIZE] =
    b"\xb1\x79\x37\x9e\x01\x80\x00\x00\x00\x00\x00\x00\xd0\x3f";

/// One record, with the peers' derives.
#[derive(Clone, Copy, Debug, PartialEq, NetPack, BinRead, BinWrite, DekuRead, DekuWrite)]
#[netpack(order = "<")]
#[brw(little)]
#[deku(endian = "little")]
pub struct Record {
    /// `I`
    pub id: u32,
    /// `h`
    pub delta: i16,
    /// `d`
    pub value: f64,
}

/// Record `i`: `((i * 2654435761) % 2**32, i % 65536 - 32768, i * 0.25)`.
pub fn record(i: usize) -> Record {
    Record {
        id: (i as u64).wrapping_mul(2_654_435_761) as u32,
        delta: ((i % 65536) as i32 - 32768) as i16,
        value: i as f64 * 0.25,
    }
}

/// All records.
pub fn records() -> Vec<Record> {
    (0..RECORDS).map(record).collect()
}

/// Adds one record to a checksum.
#[inline(always)]
pub fn fold(acc: u64, id: u32, delta: i16, value: f64) -> u64 {
    acc.wrapping_add(u64::from(id))
        .wrapping_add((delta as u64) << 32)
        .wrapping_add(value.to_bits().rotate_left(7))
}

/// Adds one record given as values to a checksum.
#[inline(always)]
pub fn fold_values(acc: u64, v: &[Value]) -> u64 {
    match v {
        [Value::Int(id), Value::Int(delta), Value::Float(value)] => {
            fold(acc, *id as u32, *delta as i16, *value)
        }
        _ => panic!("not a `<Ihd` record: {v:?}"),
    }
}

/// Adds one record given as borrowed values to a checksum.
#[inline(always)]
pub fn fold_refs(acc: u64, v: &[ValueRef<'_>]) -> u64 {
    match v {
        [ValueRef::Int(id), ValueRef::Int(delta), ValueRef::Float(value)] => {
            fold(acc, *id as u32, *delta as i16, *value)
        }
        _ => panic!("not a `<Ihd` record: {v:?}"),
    }
}

/// The checksum of all records from their columns: the same sum as [`fold`]
/// over the records (wrapping addition commutes), one column at a time.
pub fn fold_columns(columns: &Columns) -> u64 {
    match columns.columns() {
        [netpack::Column::U32(ids), netpack::Column::I16(deltas), netpack::Column::F64(values)] => {
            let ids = ids.iter().fold(0u64, |a, &x| a.wrapping_add(u64::from(x)));
            let deltas = deltas
                .iter()
                .fold(0u64, |a, &x| a.wrapping_add((x as u64) << 32));
            let values = values
                .iter()
                .fold(0u64, |a, &x| a.wrapping_add(x.to_bits().rotate_left(7)));
            ids.wrapping_add(deltas).wrapping_add(values)
        }
        other => panic!("not `<Ihd` columns: {other:?}"),
    }
}

/// The records as columns.
pub fn columns(s: &Struct, records: &[Record]) -> Columns {
    let ids = records.iter().map(|r| r.id).collect();
    let deltas = records.iter().map(|r| r.delta).collect();
    let values = records.iter().map(|r| r.value).collect();
    let columns = vec![
        netpack::Column::U32(ids),
        netpack::Column::I16(deltas),
        netpack::Column::F64(values),
    ];
    Columns::from_columns(s, columns).unwrap()
}

/// The checksum of all records.
pub fn expected_checksum() -> u64 {
    (0..RECORDS)
        .map(record)
        .fold(0, |acc, r| fold(acc, r.id, r.delta, r.value))
}

/// Hand-written: `chunks_exact` and `from_le_bytes`.
pub mod hand {
    use super::{fold, Record, SIZE};

    /// Decodes every record.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(SIZE).fold(0, |acc, c| {
            fold(
                acc,
                u32::from_le_bytes(c[0..4].try_into().unwrap()),
                i16::from_le_bytes(c[4..6].try_into().unwrap()),
                f64::from_le_bytes(c[6..14].try_into().unwrap()),
            )
        })
    }

    /// Encodes every record.
    #[inline]
    pub fn encode(records: &[Record], buf: &mut [u8]) {
        for (c, r) in buf.chunks_exact_mut(SIZE).zip(records) {
            let c: &mut [u8; SIZE] = c.try_into().unwrap();
            c[0..4].copy_from_slice(&r.id.to_le_bytes());
            c[4..6].copy_from_slice(&r.delta.to_le_bytes());
            c[6..14].copy_from_slice(&r.value.to_le_bytes());
        }
    }
}

/// `byteorder` on slices.
pub mod byteorder {
    use super::{fold, Record, SIZE};
    use ::byteorder::{ByteOrder, LittleEndian as LE};

    /// Decodes every record.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(SIZE).fold(0, |acc, c| {
            fold(
                acc,
                LE::read_u32(&c[0..4]),
                LE::read_i16(&c[4..6]),
                LE::read_f64(&c[6..14]),
            )
        })
    }

    /// Encodes every record.
    #[inline]
    pub fn encode(records: &[Record], buf: &mut [u8]) {
        for (c, r) in buf.chunks_exact_mut(SIZE).zip(records) {
            LE::write_u32(&mut c[0..4], r.id);
            LE::write_i16(&mut c[4..6], r.delta);
            LE::write_f64(&mut c[6..14], r.value);
        }
    }
}

/// `#[derive(NetPack)]`: `[T]` through `chunks_exact(T::SIZE)`.
pub mod derive {
    use super::{fold, Record};
    use netpack::{Message, NetPack};

    /// Decodes every record.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(Record::SIZE).fold(0, |acc, c| {
            let (r, _) = Record::decode_prefix(c).unwrap();
            fold(acc, r.id, r.delta, r.value)
        })
    }

    /// Encodes every record.
    #[inline]
    pub fn encode(records: &[Record], buf: &mut [u8]) {
        for (c, r) in buf.chunks_exact_mut(Record::SIZE).zip(records) {
            r.encode_to_slice(c).unwrap();
        }
    }
}

/// `netpack::pack!` / `netpack::unpack!` per record.
pub mod macros {
    use super::{fold, Record, SIZE};

    /// Decodes every record.
    #[inline]
    pub fn decode(buf: &[u8]) -> u64 {
        buf.chunks_exact(SIZE).fold(0, |acc, c| {
            let (id, delta, value) = netpack::unpack!("<Ihd", c).unwrap();
            fold(acc, id, delta, value)
        })
    }

    /// Encodes every record.
    #[inline]
    pub fn encode(records: &[Record], buf: &mut [u8]) {
        for (c, r) in buf.chunks_exact_mut(SIZE).zip(records) {
            c.copy_from_slice(&netpack::pack!("<Ihd", r.id, r.delta, r.value));
        }
    }
}

/// Table-driven CRC-32 (IEEE, as `zlib.crc32`), to compare the 14 MB buffer with
/// CPython's without storing it.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *t = c;
    }
    !bytes.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The buffer of all records, as CPython packs them (checked by CRC-32).
pub fn cpython_buffer() -> Result<Vec<u8>, String> {
    let mut buf = vec![0; RECORDS * SIZE];
    hand::encode(&records(), &mut buf);
    compare_bytes(&buf[SIZE..2 * SIZE], CPYTHON_RECORD_1)?;
    let crc = crc32(&buf);
    if crc != CPYTHON_CRC32 {
        return Err(format!(
            "CRC-32 {crc:#010x}, CPython's is {CPYTHON_CRC32:#010x}"
        ));
    }
    Ok(buf)
}

/// The decode and encode cells of W4.
pub fn cells() -> Vec<Cell> {
    let buf: &'static [u8] = cpython_buffer()
        .unwrap_or_else(|e| panic!("W4 hand-written encoder disagrees with CPython: {e}"))
        .leak();
    let sum = expected_checksum();
    let recs = records();
    let vals: Vec<[Value; 3]> = recs
        .iter()
        .map(|r| [r.id.into(), r.delta.into(), r.value.into()])
        .collect();
    let s = Struct::new(FORMAT).unwrap();

    let decode: Vec<Column> = vec![
        unpack_column(names::HAND, hand::decode, buf, sum),
        unpack_column(names::BYTEORDER, byteorder::decode, buf, sum),
        unpack_column(names::DERIVE, derive::decode, buf, sum),
        unpack_column(names::MACROS, macros::decode, buf, sum),
        unpack_column(
            names::ITER_INTO,
            {
                let s = s.clone();
                move |buf: &[u8]| {
                    let mut records = s.iter_unpack(buf).unwrap();
                    let mut v = Vec::new();
                    let mut acc = 0;
                    while records.next_into(&mut v).unwrap() {
                        acc = fold_values(acc, &v);
                    }
                    acc
                }
            },
            buf,
            sum,
        ),
        unpack_column(
            names::ITER_REF,
            {
                let s = s.clone();
                move |buf: &[u8]| {
                    let mut records = s.iter_unpack_ref(buf).unwrap();
                    let mut acc = 0;
                    while let Some(v) = records.next_ref().unwrap() {
                        acc = fold_refs(acc, v);
                    }
                    acc
                }
            },
            buf,
            sum,
        ),
        unpack_column(
            names::COLUMNS,
            {
                let s = s.clone();
                let mut columns = s.columns().unwrap();
                move |buf: &[u8]| {
                    s.unpack_columns(buf, &mut columns).unwrap();
                    fold_columns(&columns)
                }
            },
            buf,
            sum,
        ),
        unpack_column(
            names::ITER_VEC,
            {
                let s = s.clone();
                move |buf: &[u8]| {
                    s.iter_unpack(buf)
                        .unwrap()
                        .fold(0, |acc, v| fold_values(acc, &v.unwrap()))
                }
            },
            buf,
            sum,
        ),
        unpack_column(
            names::MODULE,
            |buf: &[u8]| {
                let mut records = netpack::iter_unpack(FORMAT, buf).unwrap();
                let mut v = Vec::new();
                let mut acc = 0;
                while records.next_into(&mut v).unwrap() {
                    acc = fold_values(acc, &v);
                }
                acc
            },
            buf,
            sum,
        ),
        unpack_column(
            names::BINRW,
            |buf: &[u8]| {
                let mut cursor = Cursor::new(buf);
                (0..buf.len() / SIZE).fold(0, |acc, _| {
                    let r = Record::read(&mut cursor).unwrap();
                    fold(acc, r.id, r.delta, r.value)
                })
            },
            buf,
            sum,
        ),
        unpack_column(
            names::DEKU,
            |buf: &[u8]| {
                buf.chunks_exact(SIZE).fold(0, |acc, c| {
                    let r = Record::from_bytes((c, 0)).unwrap().1;
                    fold(acc, r.id, r.delta, r.value)
                })
            },
            buf,
            sum,
        ),
    ];

    let encode: Vec<Column> = vec![
        pack_column(
            names::HAND,
            |r: &Vec<Record>, b: &mut [u8]| hand::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            names::BYTEORDER,
            |r: &Vec<Record>, b: &mut [u8]| byteorder::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            names::DERIVE,
            |r: &Vec<Record>, b: &mut [u8]| derive::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            names::MACROS,
            |r: &Vec<Record>, b: &mut [u8]| macros::encode(r, b),
            recs.clone(),
            buf,
        ),
        pack_column(
            names::STRUCT,
            {
                let s = s.clone();
                move |vals: &Vec<[Value; 3]>, b: &mut [u8]| {
                    for (c, v) in b.chunks_exact_mut(SIZE).zip(vals) {
                        s.pack_into(c, 0, v).unwrap();
                    }
                }
            },
            vals.clone(),
            buf,
        ),
        pack_column(
            names::COLUMNS,
            {
                let s = s.clone();
                move |columns: &Columns, b: &mut [u8]| s.pack_columns_into(columns, b).unwrap()
            },
            columns(&s, &recs),
            buf,
        ),
        pack_column(
            names::MODULE,
            |vals: &Vec<[Value; 3]>, b: &mut [u8]| {
                for (c, v) in b.chunks_exact_mut(SIZE).zip(vals) {
                    netpack::pack_into(FORMAT, c, 0, v).unwrap();
                }
            },
            vals,
            buf,
        ),
        pack_column(
            names::BINRW,
            |recs: &Vec<Record>, b: &mut [u8]| {
                let mut cursor = Cursor::new(b);
                for r in recs {
                    r.write(&mut cursor).unwrap();
                }
            },
            recs.clone(),
            buf,
        ),
        pack_column(
            names::DEKU,
            |recs: &Vec<Record>, b: &mut [u8]| {
                for (c, r) in b.chunks_exact_mut(SIZE).zip(recs) {
                    r.to_slice(c).unwrap();
                }
            },
            recs,
            buf,
        ),
    ];

    let cell = |op, columns| Cell {
        workload: "W4",
        op,
        format: FORMAT,
        bytes: RECORDS * SIZE,
        records: RECORDS,
        columns,
    };
    vec![cell("decode", decode), cell("encode", encode)]
}
