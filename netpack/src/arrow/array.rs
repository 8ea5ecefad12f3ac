//! The Arrow array of a decoded [`Column`]: its vector becomes the array's
//! buffer; only `?`, the offsets of `p` and values held wider than their
//! code are converted.

use crate::error::{Detail, Error};
use crate::runtime::plan::{self, Op, Step};
use crate::wire::float;
use crate::{Column, Struct, Value};
use alloc::sync::Arc;
use alloc::vec::Vec;
use arrow_array::types::Float16Type;
use arrow_array::{
    ArrayRef, BinaryArray, BooleanArray, FixedSizeBinaryArray, Float32Array, Float64Array,
    Int16Array, Int32Array, Int64Array, Int8Array, PrimitiveArray, UInt16Array, UInt32Array,
    UInt64Array, UInt8Array,
};
use arrow_buffer::{Buffer, OffsetBuffer, ScalarBuffer};

/// The array of value `arg` (taken by `op`) from its column, of `records` values.
pub(super) fn from_column(
    s: &Struct,
    op: &Op,
    arg: usize,
    column: Column,
    records: usize,
) -> Result<ArrayRef, Error> {
    Ok(match column {
        Column::I8(v) => Arc::new(Int8Array::new(v.into(), None)),
        Column::U8(v) => Arc::new(UInt8Array::new(v.into(), None)),
        Column::I16(v) => Arc::new(Int16Array::new(v.into(), None)),
        Column::U16(v) => Arc::new(UInt16Array::new(v.into(), None)),
        Column::I32(v) => Arc::new(Int32Array::new(v.into(), None)),
        Column::U32(v) => Arc::new(UInt32Array::new(v.into(), None)),
        Column::I64(v) => match op.size {
            8.. => Arc::new(Int64Array::new(v.into(), None)),
            _ => narrow_int(s, op, arg, v.into_iter().map(i128::from))?,
        },
        Column::U64(v) => match op.size {
            8.. => Arc::new(UInt64Array::new(v.into(), None)),
            _ => narrow_int(s, op, arg, v.into_iter().map(i128::from))?,
        },
        Column::Bool(v) => Arc::new(BooleanArray::from(v)),
        Column::F64(v) => match op.step {
            Step::F64 => Arc::new(Float64Array::new(v.into(), None)),
            _ => narrow_float(s, op, arg, v)?,
        },
        Column::F32(v) => Arc::new(Float32Array::new(v.into(), None)),
        Column::F16(v) => Arc::new(half_floats(v)),
        Column::Char(v) => fixed_size(1, v, records),
        Column::Bytes(b) => {
            let (data, ends) = b.into_parts();
            match op.step {
                Step::Pascal => binary(data, &ends, arg)?,
                _ => fixed_size(op.size, data, records),
            }
        }
    })
}

/// A `Float16` array of binary16 bits, without a copy.
fn half_floats(bits: Vec<u16>) -> PrimitiveArray<Float16Type> {
    let len = bits.len();
    PrimitiveArray::new(ScalarBuffer::new(Buffer::from_vec(bits), 0, len), None)
}

/// `records` values of `size` bytes, one after the other in `data`.
fn fixed_size(size: usize, data: Vec<u8>, records: usize) -> ArrayRef {
    // The schema checked that `size` fits an i32.
    let width = i32::try_from(size).unwrap_or(i32::MAX);
    match FixedSizeBinaryArray::try_new_with_len(width, Buffer::from_vec(data), None, records) {
        Ok(array) => Arc::new(array),
        Err(e) => unreachable!("netpack: a column of {records} values of {size} bytes: {e}"),
    }
}

/// Byte strings ending at `ends` in `data`, as Arrow's `i32` offsets.
fn binary(data: Vec<u8>, ends: &[usize], arg: usize) -> Result<ArrayRef, Error> {
    let too_large = || Error::new(Detail::ArrowBinary { bytes: data.len() }).at_argument(arg);
    if i32::try_from(data.len()).is_err() {
        return Err(too_large());
    }
    let mut offsets = Vec::with_capacity(ends.len() + 1);
    offsets.push(0i32);
    // Every end is at most data.len(), which fits.
    offsets.extend(ends.iter().map(|&end| end as i32));
    let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
    Ok(Arc::new(BinaryArray::new(
        offsets,
        Buffer::from_vec(data),
        None,
    )))
}

/// An integer column held wider than its code (a native code of a size
/// without its own step), at the code's width; `pack`'s error for a value that
/// does not fit.
fn narrow_int(
    s: &Struct,
    op: &Op,
    arg: usize,
    values: impl Iterator<Item = i128>,
) -> Result<ArrayRef, Error> {
    fn collect<T: TryFrom<i128>>(
        s: &Struct,
        arg: usize,
        values: impl Iterator<Item = i128>,
    ) -> Result<Vec<T>, Error> {
        values
            .map(|v| T::try_from(v).map_err(|_| plan::refusal(s.format(), arg, &Value::Int(v))))
            .collect()
    }
    Ok(match (op.code.is_signed_int(), op.size) {
        (true, 1) => Arc::new(Int8Array::new(collect(s, arg, values)?.into(), None)),
        (true, 2) => Arc::new(Int16Array::new(collect(s, arg, values)?.into(), None)),
        (true, _) => Arc::new(Int32Array::new(collect(s, arg, values)?.into(), None)),
        (false, 1) => Arc::new(UInt8Array::new(collect(s, arg, values)?.into(), None)),
        (false, 2) => Arc::new(UInt16Array::new(collect(s, arg, values)?.into(), None)),
        (false, _) => Arc::new(UInt32Array::new(collect(s, arg, values)?.into(), None)),
    })
}

/// Widened `e` or `f` values at their code's width, rounded as `pack` rounds
/// them; `pack`'s error for one it refuses.
fn narrow_float(s: &Struct, op: &Op, arg: usize, values: Vec<f64>) -> Result<ArrayRef, Error> {
    let refused = |x: f64| plan::refusal(s.format(), arg, &Value::Float(x));
    Ok(match op.step {
        Step::Half => {
            let bits = values
                .into_iter()
                .map(|x| float::f64_to_f16_bits(x).ok_or_else(|| refused(x)))
                .collect::<Result<Vec<u16>, Error>>()?;
            Arc::new(half_floats(bits))
        }
        Step::F32Checked => {
            let floats = values
                .into_iter()
                .map(|x| float::f64_to_f32_checked(x).ok_or_else(|| refused(x)))
                .collect::<Result<Vec<f32>, Error>>()?;
            Arc::new(Float32Array::new(floats.into(), None))
        }
        _ => {
            let floats: Vec<f32> = values.into_iter().map(float::f64_to_f32).collect();
            Arc::new(Float32Array::new(floats.into(), None))
        }
    })
}
