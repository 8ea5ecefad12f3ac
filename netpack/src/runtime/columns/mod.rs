//! Columnar bulk decoding and encoding: a buffer of records with a runtime
//! format, as one typed vector per value ([`Column`]), the way numpy's
//! structured arrays hold them.
//!
//! The loops run column by column over blocks of records small enough to stay
//! in the L1/L2 cache, so each column is one tight, branch-free loop of the
//! element's own width, and the buffer is read (or written) once.
//!
//! Here: [`Columns`] and the methods of [`Struct`]; in `column`, one value's
//! [`Column`] and the kind of column each step fills; in `decode` and
//! `encode`, the loops.

mod column;
mod decode;
mod encode;

pub use column::{ByteColumn, Column, Floats};

use crate::error::{Detail, Error};
use crate::runtime::plan::{self, Op, Step};
use crate::runtime::structure::Struct;
use alloc::vec::Vec;
use byteorder::{BigEndian, LittleEndian};
use column::{kind_of, ColumnKind};
use decode::decode_columns;
use encode::encode_columns;

/// Records per block: 16 KiB of the buffer at most, at least one record.
fn block_records(size: usize) -> usize {
    (16 * 1024 / size.max(1)).max(1)
}

/// The records of a buffer as one [`Column`] per value of the format: made by
/// [`Struct::columns`] (empty, to decode into) or [`Columns::from_columns`] (to
/// encode), filled by [`Struct::unpack_columns`], read by
/// [`Struct::pack_columns`].
///
/// Decoding into the same `Columns` again reuses every vector, so a file of any
/// size streams through a fixed amount of memory.
///
/// ```
/// use netpack::{Column, Struct};
///
/// // numpy: np.frombuffer(buf, dtype=[("id", "<u4"), ("delta", "<i2"), ("value", "<f8")])
/// let s = Struct::new("<Ihd")?;
/// let buf = s.pack(&[7.into(), (-2).into(), 0.5.into()])?.repeat(3);
/// let mut columns = s.columns()?;
/// s.unpack_columns(&buf, &mut columns)?;
/// assert_eq!(columns.len(), 3);
/// let [Column::U32(ids), Column::I16(deltas), Column::F64(values)] = columns.columns() else {
///     unreachable!()
/// };
/// assert_eq!((ids[2], deltas[2], values[2]), (7, -2, 0.5));
///
/// // And back: the same bytes as three calls to `pack`.
/// let mut out = Vec::new();
/// s.pack_columns(&columns, &mut out)?;
/// assert_eq!(out, buf);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    columns: Vec<Column>,
    records: usize,
    /// What a reshape for another format makes.
    floats: Floats,
}

impl Columns {
    /// Columns for `s` from vectors the caller filled, one per value of the
    /// format, all of one length. (A format without values has no column, so its
    /// `Columns` hold no record.)
    ///
    /// # Errors
    ///
    /// [`ArgCount`](crate::ErrorKind::ArgCount) when there are not as many columns
    /// as the format has values, or when a column's length differs from the
    /// first one's; [`ArgType`](crate::ErrorKind::ArgType) when a column's type is
    /// not its code's (see [`Column`]).
    ///
    /// ```
    /// use netpack::{Column, Columns, ErrorKind, Struct};
    /// let s = Struct::new("<Hd")?;
    /// let columns = Columns::from_columns(&s, vec![Column::U16(vec![1, 2]), Column::F64(vec![0.5, 1.5])])?;
    /// assert_eq!(columns.len(), 2);
    /// let err = Columns::from_columns(&s, vec![Column::U32(vec![1]), Column::F64(vec![0.5])]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ArgType);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn from_columns(s: &Struct, columns: Vec<Column>) -> Result<Columns, Error> {
        check_kinds(s, &columns)?;
        let records = columns.first().map_or(0, Column::len);
        let floats = match columns
            .iter()
            .any(|c| matches!(c, Column::F32(_) | Column::F16(_)))
        {
            true => Floats::Stored,
            false => Floats::Widened,
        };
        if let Some(k) = columns.iter().position(|c| c.len() != records) {
            return Err(Error::new(Detail::ColumnLength {
                column: k,
                len: columns[k].len(),
                records,
            })
            .at_argument(k));
        }
        Ok(Columns {
            columns,
            records,
            floats,
        })
    }

    /// The number of records.
    ///
    /// ```
    /// let s = netpack::Struct::new("<H")?;
    /// let mut columns = s.columns()?;
    /// s.unpack_columns(&[1, 0, 2, 0, 3, 0], &mut columns)?;
    /// assert_eq!(columns.len(), 3);
    /// columns.clear();
    /// assert!(columns.is_empty());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.records
    }

    /// Whether there is no record.
    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// One column per value of the format, in order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The vectors, to refill and hand back to [`from_columns`](Columns::from_columns).
    ///
    /// ```
    /// use netpack::{Column, Columns, Struct};
    /// let s = Struct::new("<B")?;
    /// let mut vectors = Columns::from_columns(&s, vec![Column::U8(vec![1, 2])])?.into_columns();
    /// if let Column::U8(v) = &mut vectors[0] {
    ///     v.clear();
    ///     v.push(9);
    /// }
    /// let mut out = Vec::new();
    /// s.pack_columns(&Columns::from_columns(&s, vectors)?, &mut out)?;
    /// assert_eq!(out, [9]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn into_columns(self) -> Vec<Column> {
        self.columns
    }

    /// Removes every record, keeping the allocations.
    pub fn clear(&mut self) {
        self.columns.iter_mut().for_each(Column::clear);
        self.records = 0;
    }
}

/// Every value's column kind, in order.
fn kinds(s: &Struct, floats: Floats) -> impl Iterator<Item = ColumnKind> + '_ {
    s.plan()
        .ops()
        .iter()
        .flat_map(move |op| core::iter::repeat_n(kind_of(op, floats), op.count))
}

/// The error for columns that do not fit `s`'s format, if they do not.
fn check_kinds(s: &Struct, columns: &[Column]) -> Result<(), Error> {
    if columns.len() != s.values() {
        return Err(Error::new(Detail::ArgCount {
            expected: s.values(),
            got: columns.len(),
            into: false,
        }));
    }
    let fits = |(widened, stored): (ColumnKind, ColumnKind), c: &Column| {
        c.kind() == widened || c.kind() == stored
    };
    match kinds(s, Floats::Widened)
        .zip(kinds(s, Floats::Stored))
        .zip(columns)
        .position(|(want, c)| !fits(want, c))
    {
        Some(k) => Err(Error::new(Detail::ColumnType { column: k }).at_argument(k)),
        None => Ok(()),
    }
}

impl Struct {
    /// Empty columns for this format, one per value, floats widened to `f64`
    /// ([`Floats::Widened`]): the place to decode into with
    /// [`unpack_columns`](Struct::unpack_columns).
    ///
    /// # Errors
    ///
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the columns (32
    /// bytes each, before any value) cannot be allocated.
    ///
    /// ```
    /// let s = netpack::Struct::new("<?3s")?;
    /// assert_eq!(s.columns()?.columns().len(), 2);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn columns(&self) -> Result<Columns, Error> {
        self.columns_with(Floats::Widened)
    }

    /// Empty columns for this format, one per value, with `e` and `f` held as
    /// `floats` says.
    ///
    /// # Errors
    ///
    /// As [`columns`](Struct::columns).
    ///
    /// ```
    /// use netpack::{Column, Floats, Struct};
    /// let s = Struct::new("<Hf")?;
    /// let columns = s.columns_with(Floats::Stored)?;
    /// assert_eq!(columns.columns(), [Column::U16(vec![]), Column::F32(vec![])]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn columns_with(&self, floats: Floats) -> Result<Columns, Error> {
        let mut columns = Vec::new();
        columns
            .try_reserve_exact(self.values())
            .map_err(|_| Error::new(Detail::NoMemory { size: self.size() }))?;
        columns.extend(kinds(self, floats).map(Column::empty));
        Ok(Columns {
            columns,
            records: 0,
            floats,
        })
    }

    /// Decodes every record of `buf` into `out`, one typed vector per value,
    /// replacing what `out` held and reusing its allocations: the columnar
    /// `iter_unpack`. The values are exactly `unpack`'s, record by record (as
    /// stored, for `e` and `f` columns made with [`Floats::Stored`]). `out` is
    /// reshaped if it was made for another format, keeping its [`Floats`].
    ///
    /// To decode a large file, call this on each chunk (any multiple of
    /// [`size`](Struct::size) bytes) with the same `out`.
    ///
    /// # Errors
    ///
    /// As [`iter_unpack`](Struct::iter_unpack): [`ZeroSizeIter`](crate::ErrorKind::ZeroSizeIter)
    /// for a format of size 0, [`BufferSize`](crate::ErrorKind::BufferSize) when
    /// `buf.len()` is not a multiple of the size; and
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the columns cannot
    /// be allocated (`out` is then empty).
    ///
    /// ```
    /// use netpack::Column;
    /// let s = netpack::Struct::new(">he")?;
    /// let mut columns = s.columns()?;
    /// for chunk in [&b"\x00\x01\x3c\x00"[..], b"\xff\xff\xc0\x00\x00\x02\x00\x00"] {
    ///     s.unpack_columns(chunk, &mut columns)?;
    ///     assert!(matches!(&columns.columns()[1], Column::F64(halves) if halves.len() == columns.len()));
    /// }
    /// assert_eq!(columns.columns()[0], Column::I16(vec![-1, 2]));
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_columns(&self, buf: &[u8], out: &mut Columns) -> Result<(), Error> {
        let size = self.size();
        if size == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        if !buf.len().is_multiple_of(size) {
            return Err(Error::new(Detail::IterMultiple { size }));
        }
        if check_kinds(self, &out.columns).is_err() {
            *out = self.columns_with(out.floats)?;
        }
        out.clear();
        let records = buf.len() / size;
        let no_memory = || Error::new(Detail::NoMemory { size: buf.len() });
        let mut reserved = Some(());
        for (op, cols) in ops_and_columns(self, &mut out.columns) {
            for c in cols {
                reserved = reserved.and(c.try_reserve(records, records * op.size));
            }
        }
        if reserved.is_none() {
            out.clear();
            return Err(no_memory());
        }
        if self.plan().order().is_little_endian() {
            decode_columns::<LittleEndian>(self, buf, &mut out.columns);
        } else {
            decode_columns::<BigEndian>(self, buf, &mut out.columns);
        }
        out.records = records;
        Ok(())
    }

    /// Encodes every record of `columns` into `out` (replacing what it held): the
    /// bytes of one [`pack`](Struct::pack) per record, one after the other.
    ///
    /// # Errors
    ///
    /// As [`pack`](Struct::pack) for the first record with a refused value (only
    /// `e`, and `f` in standard mode, refuse values a column can hold: a float too
    /// large); `out` then holds the records before it, so that record is
    /// `out.len() / size()`. [`ArgCount`](crate::ErrorKind::ArgCount) or
    /// [`ArgType`](crate::ErrorKind::ArgType) when `columns` were made for
    /// another format, and [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge)
    /// when `out` cannot grow.
    ///
    /// ```
    /// use netpack::{Column, Columns, ErrorKind, Struct};
    /// let s = Struct::new("<e")?;
    /// let columns = Columns::from_columns(&s, vec![Column::F64(vec![1.0, 2.0, 1e6, 3.0])])?;
    /// let mut out = Vec::new();
    /// let err = s.pack_columns(&columns, &mut out).unwrap_err();
    /// assert_eq!(err, s.pack(&[1e6.into()]).unwrap_err());
    /// assert_eq!(out, [0x00, 0x3c, 0x00, 0x40]); // records 0 and 1
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack_columns(&self, columns: &Columns, out: &mut Vec<u8>) -> Result<(), Error> {
        check_kinds(self, &columns.columns)?;
        let size = self.size();
        out.clear();
        let total = columns
            .records
            .checked_mul(size)
            .ok_or(Error::new(Detail::NoMemory { size }))?;
        out.try_reserve_exact(total)
            .map_err(|_| Error::new(Detail::NoMemory { size: total }))?;
        out.resize(total, 0);
        self.encode_columns(columns, out).map_err(|(record, arg)| {
            out.truncate(record * size);
            refused(self, columns, record, arg)
        })
    }

    /// Encodes every record of `columns` into `buf`, which must hold exactly
    /// `columns.len() * size()` bytes: [`pack_columns`](Struct::pack_columns)
    /// into memory the caller owns (a reused buffer, a memory map), without a
    /// pass of zeros when the format has no pad byte and no `s`/`p`.
    ///
    /// # Errors
    ///
    /// As [`pack_columns`](Struct::pack_columns) (the records before a refused
    /// one are packed), and [`BufferSize`](crate::ErrorKind::BufferSize) when
    /// `buf` has the wrong length.
    ///
    /// ```
    /// use netpack::{Column, Columns, Struct};
    /// let s = Struct::new(">H")?;
    /// let columns = Columns::from_columns(&s, vec![Column::U16(vec![1, 2])])?;
    /// let mut buf = [0xff; 4];
    /// s.pack_columns_into(&columns, &mut buf)?;
    /// assert_eq!(buf, [0, 1, 0, 2]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack_columns_into(&self, columns: &Columns, buf: &mut [u8]) -> Result<(), Error> {
        check_kinds(self, &columns.columns)?;
        let size = self.size();
        if columns.records.checked_mul(size) != Some(buf.len()) {
            return Err(Error::new(Detail::BufferTooSmall {
                needed: columns.records.saturating_mul(size),
                len: buf.len(),
            }));
        }
        let covered: usize = self
            .plan()
            .ops()
            .iter()
            .filter(|op| !matches!(op.step, Step::Bytes | Step::Pascal))
            .map(|op| op.count * op.size)
            .sum();
        if covered != size {
            buf.fill(0);
        }
        self.encode_columns(columns, buf)
            .map_err(|(record, arg)| refused(self, columns, record, arg))
    }

    /// Encodes `columns` into `buf` (their exact size, pad and string bytes
    /// zero); on a refused value, its record and value index.
    fn encode_columns(&self, columns: &Columns, buf: &mut [u8]) -> Result<(), (usize, usize)> {
        let refused = if self.plan().order().is_little_endian() {
            encode_columns::<LittleEndian>(self, &columns.columns, buf)
        } else {
            encode_columns::<BigEndian>(self, &columns.columns, buf)
        };
        refused.map_or(Ok(()), Err)
    }
}

/// `pack`'s error for value `arg` of record `record`.
#[cold]
fn refused(s: &Struct, columns: &Columns, record: usize, arg: usize) -> Error {
    match columns.columns[arg].value(record) {
        Some(v) => plan::refusal(s.format(), arg, &v),
        None => unreachable!("netpack: the encoder reports a record and value it has read"),
    }
}

/// Each op with its columns.
fn ops_and_columns<'c>(
    s: &'c Struct,
    columns: &'c mut [Column],
) -> impl Iterator<Item = (&'c Op, &'c mut [Column])> + 'c {
    let mut rest = columns;
    s.plan().ops().iter().map(move |op| {
        let (mine, others) = core::mem::take(&mut rest).split_at_mut(op.count);
        rest = others;
        (op, mine)
    })
}
