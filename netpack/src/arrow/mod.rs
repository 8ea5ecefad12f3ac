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

use crate::error::Error;
use crate::{Columns, Floats, Struct};
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use arrow_array::{RecordBatch, RecordBatchOptions};
use arrow_schema::SchemaRef;
use std::io::Read;

mod array;
mod batches;
mod schema;
#[cfg(test)]
mod tests;

pub use batches::RecordBatches;

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
        Ok(RecordBatchDecoder {
            schema: Arc::new(schema::schema(format, names)?),
            format: format.try_clone()?,
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
        for ((op, arg), column) in schema::values(&self.format).zip(columns) {
            arrays.push(array::from_column(&self.format, op, arg, column, records)?);
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
        RecordBatches::new(self.clone(), reader, rows)
    }
}
