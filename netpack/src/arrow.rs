//! Records as Apache Arrow: the schema of a runtime format, and its records
//! decoded into [`RecordBatch`]es, one Arrow array per value of the format.
//!
//! The records are decoded by [`Struct::unpack_columns`] into [`Columns`] with
//! the floats as stored ([`Floats::Stored`]); Arrow then takes each vector as
//! its buffer, without a copy. Only `?` (Arrow packs booleans into bits) and
//! the offsets of `p` are converted.
//!
//! | code | Arrow type | numpy |
//! |---|---|---|
//! | `b` `h` `i` `l` `q` `n` | `Int8` … `Int64`, by the code's size (native `l`, `n` by the target's) | `i1` … `i8` |
//! | `B` `H` `I` `L` `Q` `N` `P` | `UInt8` … `UInt64`, likewise | `u1` … `u8` |
//! | `?` | `Boolean` (any non-zero byte is `true`) | `?` |
//! | `e` `f` `d` | `Float16`, `Float32`, `Float64`, the stored bits unchanged | `f2` `f4` `f8` |
//! | `c` | `FixedSizeBinary(1)` | `S1` |
//! | `Ns` | `FixedSizeBinary(N)` | `SN` |
//! | `Np` | `Binary`: the string the length byte announces, as `unpack` gives it | — |
//! | `x` | no column | — |
//!
//! Every field is non-nullable (a record has every value). The fields are
//! named as given, or `f0`, `f1`, … as numpy names the fields of a structured
//! dtype; the schema's metadata holds the format under `netpack.format`.
//!
//! ```
//! use netpack::arrow::RecordBatchDecoder;
//! use netpack::arrow::arrow_array::{cast::AsArray, types::{Float64Type, UInt32Type}};
//! use netpack::Struct;
//!
//! // numpy: np.frombuffer(buf, dtype=[("id", "<u4"), ("delta", "<i2"), ("value", "<f8")])
//! let s = Struct::new("<Ihd")?;
//! let buf = [s.pack(&[7.into(), (-2).into(), 0.5.into()])?, s.pack(&[8.into(), 3.into(), 1.5.into()])?].concat();
//! let decoder = RecordBatchDecoder::with_names(&s, ["id", "delta", "value"])?;
//! let batch = decoder.decode(&buf)?;
//! assert_eq!(batch.num_rows(), 2);
//! assert_eq!(batch.schema().field(1).to_string(), r#"Field { "delta": Int16 }"#);
//! assert_eq!(batch.column(0).as_primitive::<UInt32Type>().values(), &[7, 8]);
//! assert_eq!(batch.column(2).as_primitive::<Float64Type>().values(), &[0.5, 1.5]);
//!
//! // A file of any size, a batch of at most 65,536 records at a time:
//! let mut rows = 0;
//! for batch in decoder.batches(std::io::Cursor::new(buf), 65_536)? {
//!     rows += batch?.num_rows();
//! }
//! assert_eq!(rows, 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::error::{Detail, Error};
use crate::runtime::plan::{self, Op, Step};
use crate::wire::float;
use crate::{Column, Columns, Floats, Struct, Value};
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
use arrow_array::types::Float16Type;
use arrow_array::{
    ArrayRef, BinaryArray, BooleanArray, FixedSizeBinaryArray, Float32Array, Float64Array,
    Int16Array, Int32Array, Int64Array, Int8Array, PrimitiveArray, RecordBatch, RecordBatchOptions,
    UInt16Array, UInt32Array, UInt64Array, UInt8Array,
};
use arrow_buffer::{Buffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use std::collections::HashMap;
use std::io::Read;

/// The Arrow crates netpack builds its arrays with, for code that must name
/// the same versions.
pub use arrow_array;
/// See [`arrow_array`].
pub use arrow_schema;

/// The schema's metadata key that holds the format string.
pub const FORMAT_KEY: &str = "netpack.format";

/// Decodes the records of one runtime format into Arrow [`RecordBatch`]es of
/// one [`schema`](RecordBatchDecoder::schema).
///
/// ```
/// use netpack::arrow::RecordBatchDecoder;
/// let decoder = RecordBatchDecoder::new(&netpack::Struct::new(">?2xe3s")?)?;
/// let fields: Vec<_> = decoder.schema().fields().iter().map(|f| f.to_string()).collect();
/// assert_eq!(fields, [
///     r#"Field { "f0": Boolean }"#,
///     r#"Field { "f1": Float16 }"#,
///     r#"Field { "f2": FixedSizeBinary(3) }"#,
/// ]);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct RecordBatchDecoder {
    format: Struct,
    schema: SchemaRef,
}

impl RecordBatchDecoder {
    /// A decoder for `format`, its fields named `f0`, `f1`, … as numpy names
    /// them.
    ///
    /// # Errors
    ///
    /// [`TooLargeForArrow`](crate::ErrorKind::TooLargeForArrow) for an `s` of
    /// more than `i32::MAX` bytes; [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge)
    /// when the format cannot be copied.
    pub fn new(format: &Struct) -> Result<RecordBatchDecoder, Error> {
        RecordBatchDecoder::with_names(format, core::iter::empty::<&str>())
    }

    /// A decoder for `format` with one field name per value of the format, in
    /// order. An empty name is `f` and the value's index, as in numpy
    /// (`np.dtype([("", "u1"), ("b", "u1")])` names its fields `f0` and `b`);
    /// no names at all are `f0`, `f1`, ….
    ///
    /// # Errors
    ///
    /// [`FieldNames`](crate::ErrorKind::FieldNames) when there are names but
    /// not one per value, or when two fields have one name; the errors of
    /// [`new`](RecordBatchDecoder::new).
    ///
    /// ```
    /// use netpack::{arrow::RecordBatchDecoder, ErrorKind, Struct};
    /// let s = Struct::new("<HH4x")?;
    /// let decoder = RecordBatchDecoder::with_names(&s, ["port", ""])?;
    /// assert_eq!(decoder.schema().field(1).name(), "f1");
    ///
    /// let err = RecordBatchDecoder::with_names(&s, ["port"]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::FieldNames);
    /// assert_eq!(err.to_string(), "expected 2 field names, one per value of the format (got 1)");
    /// let err = RecordBatchDecoder::with_names(&s, ["port", "port"]).unwrap_err();
    /// assert_eq!(err.to_string(), "duplicate field name: field 1 has the name of field 0");
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn with_names<I, S>(format: &Struct, names: I) -> Result<RecordBatchDecoder, Error>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let names = field_names(format.values(), names)?;
        let mut fields = Vec::with_capacity(names.len());
        for (op, arg) in values(format) {
            let field = Field::new(names[arg].clone(), data_type(op, arg)?, false);
            fields.push(field);
        }
        let metadata = HashMap::from([(FORMAT_KEY.to_string(), format.format().to_string())]);
        Ok(RecordBatchDecoder {
            format: format.try_clone()?,
            schema: Arc::new(Schema::new_with_metadata(fields, metadata)),
        })
    }

    /// The schema of every batch.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// The format the records have.
    pub fn format(&self) -> &Struct {
        &self.format
    }

    /// Decodes every record of `buf` into one batch: the columnar
    /// `iter_unpack`.
    ///
    /// # Errors
    ///
    /// As [`Struct::unpack_columns`]: [`ZeroSizeIter`](crate::ErrorKind::ZeroSizeIter)
    /// for a format of size 0, [`BufferSize`](crate::ErrorKind::BufferSize)
    /// when `buf.len()` is not a multiple of the size,
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the columns
    /// cannot be allocated; and [`TooLargeForArrow`](crate::ErrorKind::TooLargeForArrow)
    /// when the `p` strings of one value take more than `i32::MAX` bytes.
    ///
    /// ```
    /// use netpack::arrow::{arrow_array::cast::AsArray, RecordBatchDecoder};
    /// let decoder = RecordBatchDecoder::new(&netpack::Struct::new("<3p?")?)?;
    /// let batch = decoder.decode(b"\x02hi\x01\x05he\x00")?;
    /// let names: Vec<&[u8]> = batch.column(0).as_binary::<i32>().iter().flatten().collect();
    /// assert_eq!(names, [&b"hi"[..], b"he"]); // CPython: the length byte, capped at 2
    /// assert_eq!(batch.column(1).as_boolean().iter().flatten().collect::<Vec<_>>(), [true, false]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn decode(&self, buf: &[u8]) -> Result<RecordBatch, Error> {
        let mut columns = self.format.columns_with(Floats::Stored)?;
        self.format.unpack_columns(buf, &mut columns)?;
        self.to_batch(columns)
    }

    /// The batch of columns decoded (or filled) for this decoder's format, with
    /// floats widened or as stored: their vectors become the arrays, and
    /// widened `e` and `f` values are narrowed as `pack` narrows them.
    ///
    /// # Errors
    ///
    /// As [`Columns::from_columns`] when `columns` are not this format's, as
    /// [`Struct::pack`] for a widened value that its code refuses (a float too
    /// large for `e`), and [`TooLargeForArrow`](crate::ErrorKind::TooLargeForArrow)
    /// as [`decode`](RecordBatchDecoder::decode).
    ///
    /// ```
    /// use netpack::arrow::{arrow_array::cast::AsArray, arrow_array::types::Float32Type, RecordBatchDecoder};
    /// use netpack::{Column, Columns, Struct};
    /// let s = Struct::new("<fc")?;
    /// let columns = Columns::from_columns(&s, vec![Column::F64(vec![0.5, 0.1]), Column::Char(b"xy".to_vec())])?;
    /// let batch = RecordBatchDecoder::new(&s)?.to_batch(columns)?;
    /// assert_eq!(batch.column(0).as_primitive::<Float32Type>().values(), &[0.5, 0.1]);
    /// assert_eq!(batch.column(1).as_fixed_size_binary().value(1), b"y");
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn to_batch(&self, columns: Columns) -> Result<RecordBatch, Error> {
        let records = columns.len();
        let columns = Columns::from_columns(&self.format, columns.into_columns())?.into_columns();
        let mut arrays = Vec::with_capacity(columns.len());
        for ((op, arg), column) in values(&self.format).zip(columns) {
            arrays.push(array(&self.format, op, arg, column, records)?);
        }
        let options = RecordBatchOptions::new().with_row_count(Some(records));
        match RecordBatch::try_new_with_options(self.schema(), arrays, &options) {
            Ok(batch) => Ok(batch),
            // Each array is built for its field, with `records` values.
            Err(e) => unreachable!("netpack: Arrow refused the batch built for its schema: {e}"),
        }
    }

    /// The records read from `reader` to its end, `rows` records per batch
    /// (the last batch may have fewer; `rows` of 0 is taken as 1). The reader
    /// is read `rows` records at a time into one reused buffer, so a file of
    /// any size goes through the memory of about two batches.
    ///
    /// # Errors
    ///
    /// [`ZeroSizeIter`](crate::ErrorKind::ZeroSizeIter) for a format of size 0,
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when `rows` records
    /// are more bytes than memory can hold. The batches then fail as
    /// [`decode`](RecordBatchDecoder::decode) does, with
    /// [`io::Error::Io`](crate::io::Error::Io) when the reader fails and, after
    /// the records before it, [`io::Error::Truncated`](crate::io::Error::Truncated)
    /// when the input ends inside a record (`got` is the bytes left over).
    ///
    /// ```
    /// use netpack::{arrow::RecordBatchDecoder, io, Struct};
    /// let decoder = RecordBatchDecoder::new(&Struct::new("<H")?)?;
    /// let input: &[u8] = &[1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 9];
    /// let mut batches = decoder.batches(input, 2)?;
    /// for rows in [2, 2, 1] {
    ///     assert_eq!(batches.next().unwrap()?.num_rows(), rows);
    /// }
    /// assert!(matches!(batches.next(), Some(Err(io::Error::Truncated { needed: 2, got: 1 }))));
    /// assert!(batches.next().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn batches<R: Read>(&self, reader: R, rows: usize) -> Result<RecordBatches<R>, Error> {
        let size = self.format.size();
        if size == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        let bytes = rows.max(1).checked_mul(size);
        let mut buf = Vec::new();
        match bytes {
            Some(bytes) if buf.try_reserve_exact(bytes).is_ok() => {}
            _ => return Err(Error::new(Detail::NoMemory { size })),
        }
        Ok(RecordBatches {
            decoder: self.clone(),
            reader,
            bytes: bytes.unwrap_or(size),
            buf,
            state: State::Reading,
        })
    }
}

/// The batches of a reader: see [`RecordBatchDecoder::batches`].
#[derive(Debug)]
pub struct RecordBatches<R> {
    decoder: RecordBatchDecoder,
    reader: R,
    /// The bytes of a whole batch.
    bytes: usize,
    buf: Vec<u8>,
    state: State,
}

#[derive(Clone, Copy, Debug)]
enum State {
    Reading,
    /// The input ended `got` bytes into a record: the error is next.
    Truncated {
        got: usize,
    },
    Done,
}

impl<R> RecordBatches<R> {
    /// The schema of every batch.
    pub fn schema(&self) -> SchemaRef {
        self.decoder.schema()
    }

    /// The reader, positioned after the bytes read so far.
    pub fn into_inner(self) -> R {
        self.reader
    }
}

impl<R: Read> Iterator for RecordBatches<R> {
    type Item = Result<RecordBatch, crate::io::Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let size = self.decoder.format.size();
        match self.state {
            State::Reading => {}
            State::Truncated { got } => {
                self.state = State::Done;
                return Some(Err(crate::io::Error::Truncated { needed: size, got }));
            }
            State::Done => return None,
        }
        self.buf.clear();
        let want = self.bytes as u64;
        if let Err(e) = (&mut self.reader).take(want).read_to_end(&mut self.buf) {
            self.state = State::Done;
            return Some(Err(e.into()));
        }
        let got = self.buf.len();
        if got < self.bytes {
            self.state = match got % size {
                0 => State::Done,
                got => State::Truncated { got },
            };
        }
        let whole = got - got % size;
        if whole == 0 {
            return self.next();
        }
        Some(self.decoder.decode(&self.buf[..whole]).map_err(Into::into))
    }
}

/// Each value of `s` with its op and index.
fn values(s: &Struct) -> impl Iterator<Item = (&Op, usize)> + '_ {
    s.plan()
        .ops()
        .iter()
        .flat_map(|op| (op.arg..op.arg + op.count).map(move |arg| (op, arg)))
}

/// One name per value: `names` with `f{i}` for the empty ones, or all `f{i}`.
fn field_names<I, S>(values: usize, names: I) -> Result<Vec<String>, Error>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut names: Vec<String> = names.into_iter().map(Into::into).collect();
    if names.is_empty() {
        names.resize(values, String::new());
    }
    if names.len() != values {
        return Err(Error::new(Detail::NameCount {
            expected: values,
            got: names.len(),
        }));
    }
    for (i, name) in names.iter_mut().enumerate() {
        if name.is_empty() {
            *name = alloc::format!("f{i}");
        }
    }
    let mut first = HashMap::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        if let Some(&first) = first.get(name.as_str()) {
            return Err(Error::new(Detail::DuplicateName { first, index }));
        }
        first.insert(name.as_str(), index);
    }
    Ok(names)
}

/// The Arrow type of value `arg`, taken by `op`.
fn data_type(op: &Op, arg: usize) -> Result<DataType, Error> {
    Ok(match op.step {
        Step::Bool => DataType::Boolean,
        Step::Half => DataType::Float16,
        Step::F32 | Step::F32Checked => DataType::Float32,
        Step::F64 => DataType::Float64,
        Step::Char => DataType::FixedSizeBinary(1),
        Step::Bytes => DataType::FixedSizeBinary(
            i32::try_from(op.size)
                .map_err(|_| Error::new(Detail::ArrowWidth { size: op.size }).at_argument(arg))?,
        ),
        Step::Pascal => DataType::Binary,
        _ => match (op.code.is_signed_int(), op.size) {
            (true, 1) => DataType::Int8,
            (true, 2) => DataType::Int16,
            (true, 4) => DataType::Int32,
            (true, _) => DataType::Int64,
            (false, 1) => DataType::UInt8,
            (false, 2) => DataType::UInt16,
            (false, 4) => DataType::UInt32,
            (false, _) => DataType::UInt64,
        },
    })
}

/// The array of value `arg` (taken by `op`) from its column, of `records` values.
fn array(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io;
    use alloc::vec;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{
        Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type,
        UInt32Type, UInt64Type, UInt8Type,
    };
    use arrow_array::Array;

    /// Every code in every byte order, with counts, pad bytes and alignment.
    const FORMATS: &[&str] = &[
        "<bBhHiIlLqQ?efdc3s4p",
        ">bBhHiIlLqQ?efdc3s4p",
        "!2b2B2h2H2i2I2q2Q2?2e2f2d2c",
        "=qQlLiI0s1p",
        "@bq3shdPnN?elfL2x",
        "@?HIhqfd",
        "<Ihd",
        "<x3xH0s255p",
    ];

    /// Deterministic bytes (xorshift64*), so any bit pattern turns up: NaNs
    /// with payloads, -0.0, every `?` byte, `p` lengths over their field.
    fn bytes(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x >> 12;
                x ^= x << 25;
                x ^= x >> 27;
                (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
            })
            .collect()
    }

    /// Value `i` of `array` as `unpack` gives it.
    fn value(array: &dyn Array, i: usize) -> Value {
        let int = |v: i128| Value::Int(v);
        match array.data_type() {
            DataType::Int8 => int(array.as_primitive::<Int8Type>().value(i).into()),
            DataType::Int16 => int(array.as_primitive::<Int16Type>().value(i).into()),
            DataType::Int32 => int(array.as_primitive::<Int32Type>().value(i).into()),
            DataType::Int64 => int(array.as_primitive::<Int64Type>().value(i).into()),
            DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(i).into()),
            DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(i).into()),
            DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(i).into()),
            DataType::UInt64 => int(array.as_primitive::<UInt64Type>().value(i).into()),
            DataType::Boolean => Value::Bool(array.as_boolean().value(i)),
            DataType::Float16 => Value::Float(float::f16_bits_to_f64(
                array.as_primitive::<Float16Type>().value(i).to_bits(),
            )),
            DataType::Float32 => Value::Float(float::f32_to_f64(
                array.as_primitive::<Float32Type>().value(i),
            )),
            DataType::Float64 => Value::Float(array.as_primitive::<Float64Type>().value(i)),
            DataType::FixedSizeBinary(_) => {
                Value::Bytes(array.as_fixed_size_binary().value(i).to_vec())
            }
            DataType::Binary => Value::Bytes(array.as_binary::<i32>().value(i).to_vec()),
            other => panic!("no column has {other}"),
        }
    }

    /// Floats by their bits (NaN payloads and -0.0 compared exactly).
    fn same(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            _ => a == b,
        }
    }

    /// `batch` holds exactly `unpack`'s values of every record of `buf`.
    fn assert_unpacks(s: &Struct, batch: &RecordBatch, buf: &[u8]) {
        let records: Vec<_> = buf.chunks(s.size()).collect();
        assert_eq!(batch.num_rows(), records.len(), "{}", s.format());
        assert_eq!(batch.num_columns(), s.values(), "{}", s.format());
        for (i, record) in records.iter().enumerate() {
            let want = s.unpack(record).expect("unpack");
            for (k, w) in want.iter().enumerate() {
                let got = value(batch.column(k).as_ref(), i);
                assert!(
                    same(&got, w),
                    "{} record {i} value {k}: {got:?} != {w:?}",
                    s.format()
                );
            }
        }
        for column in batch.columns() {
            assert_eq!(column.null_count(), 0);
            assert!(column.nulls().is_none());
        }
    }

    #[test]
    fn every_code_and_order_decodes_to_unpacks_values() {
        for (seed, format) in FORMATS.iter().enumerate() {
            let s = Struct::new(format).expect("format");
            let buf = bytes(s.size() * 300, seed as u64 + 1);
            let batch = RecordBatchDecoder::new(&s).unwrap().decode(&buf).unwrap();
            assert_unpacks(&s, &batch, &buf);
            // The same from widened columns, narrowed back.
            let mut widened = s.columns().unwrap();
            s.unpack_columns(&buf, &mut widened).unwrap();
            let again = RecordBatchDecoder::new(&s)
                .unwrap()
                .to_batch(widened)
                .unwrap();
            assert_unpacks(&s, &again, &buf);
        }
    }

    #[test]
    fn schema_maps_codes_to_arrow_types() {
        let s = Struct::new("<bBhHiIlLqQ?efdc3s0s4p2x").unwrap();
        let schema = RecordBatchDecoder::new(&s).unwrap().schema();
        let types: Vec<_> = schema
            .fields()
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        use DataType::{Binary, Boolean, FixedSizeBinary, Float16, Float32, Float64};
        use DataType::{Int16, Int32, Int64, Int8, UInt16, UInt32, UInt64, UInt8};
        assert_eq!(
            types,
            [
                Int8,
                UInt8,
                Int16,
                UInt16,
                Int32,
                UInt32,
                Int32,
                UInt32,
                Int64,
                UInt64,
                Boolean,
                Float16,
                Float32,
                Float64,
                FixedSizeBinary(1),
                FixedSizeBinary(3),
                FixedSizeBinary(0),
                Binary
            ]
        );
        let names: Vec<_> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names[..3], ["f0", "f1", "f2"]);
        assert_eq!(names[17], "f17");
        assert!(schema.fields().iter().all(|f| !f.is_nullable()));
        assert_eq!(schema.metadata()[FORMAT_KEY], "<bBhHiIlLqQ?efdc3s0s4p2x");
    }

    #[test]
    fn native_codes_map_by_the_targets_sizes() {
        let s = Struct::new("@lLnNP").unwrap();
        let schema = RecordBatchDecoder::new(&s).unwrap().schema();
        let int = |signed: bool, size: usize| match (signed, size) {
            (true, 4) => DataType::Int32,
            (true, 8) => DataType::Int64,
            (false, 4) => DataType::UInt32,
            (false, 8) => DataType::UInt64,
            other => panic!("no C type of {other:?}"),
        };
        let long = core::mem::size_of::<core::ffi::c_long>();
        let want = [
            int(true, long),
            int(false, long),
            int(true, core::mem::size_of::<isize>()),
            int(false, core::mem::size_of::<usize>()),
            int(false, core::mem::size_of::<*const u8>()),
        ];
        let types: Vec<_> = schema
            .fields()
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        assert_eq!(types, want);
        // P takes values beyond its width's signed range: the extremes decode.
        let buf = [0xffu8; 40];
        let s = Struct::new("@5P").unwrap();
        let batch = RecordBatchDecoder::new(&s)
            .unwrap()
            .decode(&buf[..s.size()])
            .unwrap();
        assert_unpacks(&s, &batch, &buf[..s.size()]);
    }

    #[test]
    fn names_are_given_or_numpys() {
        let s = Struct::new("<H2xdc").unwrap();
        let named = RecordBatchDecoder::with_names(&s, ["port", "", "tag"]).unwrap();
        let names: Vec<_> = named
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        assert_eq!(names, ["port", "f1", "tag"]);
        let err = RecordBatchDecoder::with_names(&s, ["a", "b"]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::FieldNames);
        let err = RecordBatchDecoder::with_names(&s, ["a", "b", "c", "d"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected 3 field names, one per value of the format (got 4)"
        );
        // "f1" is the name an empty second name gets: a clash.
        let err = RecordBatchDecoder::with_names(&s, ["f1", "", "x"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "duplicate field name: field 1 has the name of field 0"
        );
        // No names for a format without values: an empty schema.
        let empty = RecordBatchDecoder::new(&Struct::new("4x").unwrap()).unwrap();
        assert!(empty.schema().fields().is_empty());
    }

    #[test]
    fn floats_keep_their_stored_bits() {
        // A signalling NaN with a payload, -0.0, a half NaN with a payload.
        let buf = [0x01, 0x00, 0x80, 0x7f, 0, 0, 0, 0x80, 0x01, 0x7d, 0, 0x80];
        let s = Struct::new("<2f2e").unwrap();
        let batch = RecordBatchDecoder::new(&s).unwrap().decode(&buf).unwrap();
        let f: Vec<u32> = (0..2)
            .map(|k| {
                batch
                    .column(k)
                    .as_primitive::<Float32Type>()
                    .value(0)
                    .to_bits()
            })
            .collect();
        assert_eq!(f, [0x7f80_0001, 0x8000_0000]);
        let e: Vec<u16> = (2..4)
            .map(|k| {
                batch
                    .column(k)
                    .as_primitive::<Float16Type>()
                    .value(0)
                    .to_bits()
            })
            .collect();
        assert_eq!(e, [0x7d01, 0x8000]);
        assert_unpacks(&s, &batch, &buf);
    }

    #[test]
    fn empty_input_is_an_empty_batch() {
        let s = Struct::new(">Hd3s").unwrap();
        let decoder = RecordBatchDecoder::new(&s).unwrap();
        let batch = decoder.decode(&[]).unwrap();
        assert_eq!((batch.num_rows(), batch.num_columns()), (0, 3));
        assert_eq!(batch.schema(), decoder.schema());
        assert_eq!(decoder.batches(&[][..], 10).unwrap().count(), 0);
    }

    #[test]
    fn a_format_without_values_has_rows_and_no_columns() {
        let s = Struct::new("<4x").unwrap();
        let batch = RecordBatchDecoder::new(&s)
            .unwrap()
            .decode(&[0; 12])
            .unwrap();
        assert_eq!((batch.num_rows(), batch.num_columns()), (3, 0));
    }

    #[test]
    fn decode_refuses_what_unpack_columns_refuses() {
        let decoder = RecordBatchDecoder::new(&Struct::new("<H").unwrap()).unwrap();
        let err = decoder.decode(&[1, 0, 2]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "iterative unpacking requires a buffer of a multiple of 2 bytes"
        );
        let zero = RecordBatchDecoder::new(&Struct::new("0s").unwrap()).unwrap();
        assert_eq!(
            zero.decode(&[]).unwrap_err().kind(),
            crate::ErrorKind::ZeroSizeIter
        );
        assert_eq!(
            zero.batches(&[][..], 1).unwrap_err().kind(),
            crate::ErrorKind::ZeroSizeIter
        );
        let huge = decoder.batches(&[][..], usize::MAX).unwrap_err();
        assert_eq!(huge.kind(), crate::ErrorKind::FormatTooLarge);
    }

    /// The row counts of the batches of `records` records of `<H`, `rows` per batch.
    fn batch_rows(records: usize, rows: usize) -> Vec<usize> {
        let s = Struct::new("<H").unwrap();
        let buf: Vec<u8> = (0..records as u16).flat_map(u16::to_le_bytes).collect();
        let decoder = RecordBatchDecoder::new(&s).unwrap();
        let mut seen = Vec::new();
        let mut next = 0u16;
        for batch in decoder.batches(&buf[..], rows).unwrap() {
            let batch = batch.unwrap();
            let values = batch
                .column(0)
                .as_primitive::<UInt16Type>()
                .values()
                .to_vec();
            let want: Vec<u16> = (next..next + values.len() as u16).collect();
            assert_eq!(values, want);
            next += values.len() as u16;
            seen.push(batch.num_rows());
        }
        assert_eq!(usize::from(next), records);
        seen
    }

    #[test]
    fn batches_split_at_the_row_count() {
        assert_eq!(batch_rows(0, 4), [0usize; 0]);
        assert_eq!(batch_rows(1, 4), [1]);
        assert_eq!(batch_rows(4, 4), [4]);
        assert_eq!(batch_rows(5, 4), [4, 1]);
        assert_eq!(batch_rows(12, 4), [4, 4, 4]);
        assert_eq!(batch_rows(1000, 7).len(), 143);
        assert_eq!(batch_rows(3, 0), [1, 1, 1]);
    }

    #[test]
    fn batches_end_at_a_partial_record_after_the_whole_ones() {
        let decoder = RecordBatchDecoder::new(&Struct::new("<I").unwrap()).unwrap();
        let input = [1u8, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 5];
        let mut batches = decoder.batches(&input[..], 2).unwrap();
        assert_eq!(batches.next().unwrap().unwrap().num_rows(), 2);
        assert_eq!(batches.next().unwrap().unwrap().num_rows(), 1);
        let err = batches.next().unwrap().unwrap_err();
        assert!(matches!(err, io::Error::Truncated { needed: 4, got: 2 }));
        assert!(batches.next().is_none());
        // Nothing but a partial record: only the error.
        let mut batches = decoder.batches(&[9u8][..], 2).unwrap();
        assert!(matches!(
            batches.next(),
            Some(Err(io::Error::Truncated { needed: 4, got: 1 }))
        ));
        assert!(batches.next().is_none());
    }

    #[test]
    fn a_failing_reader_is_an_io_error() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk on fire"))
            }
        }
        let decoder = RecordBatchDecoder::new(&Struct::new("<I").unwrap()).unwrap();
        let mut batches = decoder.batches(Broken, 2).unwrap();
        let err = batches.next().unwrap().unwrap_err();
        assert_eq!(err.to_string(), "i/o error: disk on fire");
        assert!(batches.next().is_none());
    }

    #[test]
    fn widened_floats_are_refused_as_pack_refuses_them() {
        let s = Struct::new("<ef").unwrap();
        let decoder = RecordBatchDecoder::new(&s).unwrap();
        let columns = |e: f64, f: f64| {
            Columns::from_columns(&s, vec![Column::F64(vec![e]), Column::F64(vec![f])]).unwrap()
        };
        let err = decoder.to_batch(columns(1e6, 0.0)).unwrap_err();
        assert_eq!(err, s.pack(&[1e6.into(), 0.0.into()]).unwrap_err());
        let err = decoder.to_batch(columns(0.0, 1e300)).unwrap_err();
        assert_eq!(err, s.pack(&[0.0.into(), 1e300.into()]).unwrap_err());
        // Columns of another format.
        let other =
            Columns::from_columns(&Struct::new("<H").unwrap(), vec![Column::U16(vec![1])]).unwrap();
        assert_eq!(
            decoder.to_batch(other).unwrap_err().kind(),
            crate::ErrorKind::ArgCount
        );
    }

    #[test]
    fn arrow_limits_are_errors() {
        let s = Struct::new("3000000000s").unwrap();
        let err = RecordBatchDecoder::new(&s).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::TooLargeForArrow);
        assert_eq!(
            err.to_string(),
            "a 3000000000-byte 's' value is wider than Arrow's FixedSizeBinary (at most \
             2147483647 bytes) (argument 0)"
        );
        let too_long = Detail::ArrowBinary { bytes: 1 << 31 };
        assert_eq!(
            Error::new(too_long).kind(),
            crate::ErrorKind::TooLargeForArrow
        );
    }
}
