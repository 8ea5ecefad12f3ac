//! The decoding loops: a block of records at a time, column by column.

use super::{block_records, ops_and_columns, Column};
use crate::runtime::plan::Step;
use crate::runtime::structure::Struct;
use crate::wire::{float, primitive};
use alloc::vec::Vec;
use byteorder::ByteOrder;

/// Reads the `N` bytes at `at` of every record of `block` with `read`, onto `v`.
#[inline(always)]
fn column<const N: usize, T: Copy>(
    block: &[u8],
    size: usize,
    at: usize,
    v: &mut Vec<T>,
    read: impl Fn(&[u8; N]) -> T,
) {
    // Said once, so that the compiler drops the bounds checks in the loop.
    if at.checked_add(N).is_none_or(|end| end > size) {
        unreachable!("netpack: column outside the record");
    }
    let field = |r: &[u8]| -> T {
        match r[at..at + N].try_into() {
            Ok(bytes) => read(bytes),
            Err(_) => unreachable!("netpack: a slice of N bytes is an [u8; N]"),
        }
    };
    // Four records per step: a quarter of the loop's overhead and one store of
    // four elements (15 instructions per `<Ihd` record instead of 21). A size
    // too large to be four records in memory saturates: no group, the
    // remainder loop takes every record.
    let mut groups = block.chunks_exact(size.saturating_mul(4));
    for g in &mut groups {
        let (r0, g) = g.split_at(size);
        let (r1, g) = g.split_at(size);
        let (r2, r3) = g.split_at(size);
        v.extend_from_slice(&[field(r0), field(r1), field(r2), field(r3)]);
    }
    v.extend(groups.remainder().chunks_exact(size).map(field));
}

/// Decodes every record of `buf` onto `columns`, block by block.
pub(super) fn decode_columns<O: ByteOrder>(s: &Struct, buf: &[u8], columns: &mut [Column]) {
    let size = s.size();
    for block in buf.chunks(block_records(size) * size) {
        for (op, cols) in ops_and_columns(s, columns) {
            for (k, c) in cols.iter_mut().enumerate() {
                let at = op.offset + k * op.size;
                match (c, op.step) {
                    (Column::I8(v), _) => column::<1, _>(block, size, at, v, |b| b[0] as i8),
                    (Column::U8(v), _) => column::<1, _>(block, size, at, v, |b| b[0]),
                    (Column::I16(v), _) => column::<2, _>(block, size, at, v, |b| O::read_i16(b)),
                    (Column::U16(v), _) => column::<2, _>(block, size, at, v, |b| O::read_u16(b)),
                    (Column::I32(v), _) => column::<4, _>(block, size, at, v, |b| O::read_i32(b)),
                    (Column::U32(v), _) => column::<4, _>(block, size, at, v, |b| O::read_u32(b)),
                    (Column::I64(v), Step::I64) => {
                        column::<8, _>(block, size, at, v, |b| O::read_i64(b))
                    }
                    (Column::U64(v), Step::U64) => {
                        column::<8, _>(block, size, at, v, |b| O::read_u64(b))
                    }
                    (Column::I64(v), _) => v.extend(
                        block
                            .chunks_exact(size)
                            .map(|r| primitive::read_int::<O>(&r[at..at + op.size], true) as i64),
                    ),
                    (Column::U64(v), _) => v.extend(
                        block
                            .chunks_exact(size)
                            .map(|r| primitive::read_int::<O>(&r[at..at + op.size], false) as u64),
                    ),
                    (Column::Bool(v), _) => column::<1, _>(block, size, at, v, |b| b[0] != 0),
                    (Column::F64(v), Step::F64) => {
                        column::<8, _>(block, size, at, v, |b| f64::from_bits(O::read_u64(b)))
                    }
                    (Column::F64(v), Step::Half) => column::<2, _>(block, size, at, v, |b| {
                        float::f16_bits_to_f64(O::read_u16(b))
                    }),
                    (Column::F64(v), _) => column::<4, _>(block, size, at, v, |b| {
                        float::f32_to_f64(f32::from_bits(O::read_u32(b)))
                    }),
                    (Column::F32(v), _) => {
                        column::<4, _>(block, size, at, v, |b| f32::from_bits(O::read_u32(b)))
                    }
                    (Column::F16(v), _) => column::<2, _>(block, size, at, v, |b| O::read_u16(b)),
                    (Column::Char(v), _) => column::<1, _>(block, size, at, v, |b| b[0]),
                    (Column::Bytes(v), step) => {
                        for r in block.chunks_exact(size) {
                            let field = &r[at..at + op.size];
                            let bytes = match step {
                                Step::Pascal => primitive::read_pascal(field),
                                _ => field,
                            };
                            // Reserved for every record's whole field.
                            v.data.extend_from_slice(bytes);
                            v.ends.push(v.data.len());
                        }
                    }
                }
            }
        }
    }
}
