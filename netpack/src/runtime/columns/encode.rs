//! The encoding loops: a block of records at a time, column by column, and
//! the first value a code refuses.

use super::{block_records, Column};
use crate::runtime::plan::Step;
use crate::runtime::structure::Struct;
use crate::wire::{float, primitive};
use byteorder::ByteOrder;

/// Writes `v[i]` with `write` at `at` of record `i` of `block`.
#[inline(always)]
fn write_column<const N: usize, T: Copy>(
    block: &mut [u8],
    size: usize,
    at: usize,
    v: &[T],
    write: impl Fn(&mut [u8; N], T),
) {
    if at.checked_add(N).is_none_or(|end| end > size) {
        unreachable!("netpack: column outside the record");
    }
    for (r, x) in block.chunks_exact_mut(size).zip(v) {
        if let Ok(dst) = <&mut [u8; N]>::try_from(&mut r[at..at + N]) {
            write(dst, *x);
        }
    }
}

/// Encodes every record; on a refused value, the record and the value index
/// (in record order: the first record with one, and its first).
pub(super) fn encode_columns<O: ByteOrder>(
    s: &Struct,
    columns: &[Column],
    out: &mut [u8],
) -> Option<(usize, usize)> {
    let size = s.size();
    if size == 0 {
        return None;
    }
    let per_block = block_records(size);
    for (b, block) in out.chunks_mut(per_block * size).enumerate() {
        let first = b * per_block;
        let n = block.len() / size;
        let mut refused = false;
        let mut arg = 0;
        for op in s.plan().ops() {
            for k in 0..op.count {
                let at = op.offset + k * op.size;
                let r = first..first + n;
                match (&columns[arg], op.step) {
                    (Column::I8(v), _) => {
                        write_column::<1, _>(block, size, at, &v[r], |d, x| d[0] = x as u8)
                    }
                    (Column::U8(v), _) => {
                        write_column::<1, _>(block, size, at, &v[r], |d, x| d[0] = x)
                    }
                    (Column::I16(v), _) => {
                        write_column::<2, _>(block, size, at, &v[r], |d, x| O::write_i16(d, x))
                    }
                    (Column::U16(v), _) => {
                        write_column::<2, _>(block, size, at, &v[r], |d, x| O::write_u16(d, x))
                    }
                    (Column::I32(v), _) => {
                        write_column::<4, _>(block, size, at, &v[r], |d, x| O::write_i32(d, x))
                    }
                    (Column::U32(v), _) => {
                        write_column::<4, _>(block, size, at, &v[r], |d, x| O::write_u32(d, x))
                    }
                    (Column::I64(v), Step::I64) => {
                        write_column::<8, _>(block, size, at, &v[r], |d, x| O::write_i64(d, x))
                    }
                    (Column::U64(v), Step::U64) => {
                        write_column::<8, _>(block, size, at, &v[r], |d, x| O::write_u64(d, x))
                    }
                    (Column::I64(v), _) => {
                        for (rec, x) in block.chunks_exact_mut(size).zip(&v[r]) {
                            primitive::write_int::<O>(&mut rec[at..at + op.size], i128::from(*x));
                        }
                    }
                    (Column::U64(v), _) => {
                        for (rec, x) in block.chunks_exact_mut(size).zip(&v[r]) {
                            primitive::write_int::<O>(&mut rec[at..at + op.size], i128::from(*x));
                        }
                    }
                    (Column::Bool(v), _) => {
                        write_column::<1, _>(block, size, at, &v[r], |d, x| d[0] = u8::from(x))
                    }
                    (Column::Char(v), _) => {
                        write_column::<1, _>(block, size, at, &v[r], |d, x| d[0] = x)
                    }
                    (Column::F64(v), Step::F64) => {
                        write_column::<8, _>(block, size, at, &v[r], |d, x| O::write_f64(d, x))
                    }
                    (Column::F64(v), Step::F32) => {
                        write_column::<4, _>(block, size, at, &v[r], |d, x| {
                            O::write_u32(d, float::f64_to_f32(x).to_bits())
                        })
                    }
                    (Column::F32(v), _) => write_column::<4, _>(block, size, at, &v[r], |d, x| {
                        O::write_u32(d, x.to_bits())
                    }),
                    (Column::F16(v), _) => {
                        write_column::<2, _>(block, size, at, &v[r], |d, x| O::write_u16(d, x))
                    }
                    (Column::F64(v), step) => {
                        for (rec, x) in block.chunks_exact_mut(size).zip(&v[r]) {
                            let dst = &mut rec[at..at + op.size];
                            let ok = match step {
                                Step::Half => primitive::write_f16::<O>(dst, *x),
                                _ => float::f64_to_f32_checked(*x)
                                    .map(|y| O::write_u32(dst, y.to_bits())),
                            };
                            refused |= ok.is_none();
                        }
                    }
                    (Column::Bytes(v), step) => {
                        for (i, rec) in block.chunks_exact_mut(size).enumerate() {
                            let dst = &mut rec[at..at + op.size];
                            let bytes = v.get(first + i).unwrap_or_default();
                            match step {
                                Step::Pascal => primitive::write_pascal(dst, bytes),
                                _ => primitive::write_bytes(dst, bytes),
                            }
                        }
                    }
                }
                arg += 1;
            }
        }
        if refused {
            return first_refusal(s, columns, first, n);
        }
    }
    None
}

/// The first refused value of records `first..first + n`, in record order.
#[cold]
#[inline(never)]
fn first_refusal(s: &Struct, columns: &[Column], first: usize, n: usize) -> Option<(usize, usize)> {
    for record in first..first + n {
        for (arg, c) in columns.iter().enumerate() {
            if let Column::F64(v) = c {
                let x = v[record];
                let fits = match value_step(s, arg) {
                    Some(Step::Half) => float::f64_to_f16_bits(x).is_some(),
                    Some(Step::F32Checked) => float::f64_to_f32_checked(x).is_some(),
                    _ => true,
                };
                if !fits {
                    return Some((record, arg));
                }
            }
        }
    }
    None
}

/// The step of value `arg`.
fn value_step(s: &Struct, arg: usize) -> Option<Step> {
    s.plan()
        .ops()
        .iter()
        .find(|op| op.arg <= arg && arg < op.arg + op.count)
        .map(|op| op.step)
}
