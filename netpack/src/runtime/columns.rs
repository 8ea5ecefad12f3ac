//! Columnar bulk decoding and encoding: a buffer of records with a runtime
//! format, as one typed vector per value ([`Column`]), the way numpy's
//! structured arrays hold them.
//!
//! The loops run column by column over blocks of records small enough to stay
//! in the L1/L2 cache, so each column is one tight, branch-free loop of the
//! element's own width, and the buffer is read (or written) once.

use crate::error::{Detail, Error};
use crate::runtime::plan::{self, Op, Step};
use crate::runtime::structure::Struct;
use crate::runtime::value::Value;
use crate::wire::{float, primitive};
use alloc::vec::Vec;
use byteorder::{BigEndian, ByteOrder, LittleEndian};

/// Records per block: 16 KiB of the buffer at most, at least one record.
fn block_records(size: usize) -> usize {
    (16 * 1024 / size.max(1)).max(1)
}

/// The byte strings of a `s` or `p` value, for every record: one buffer of
/// bytes and where each value ends in it.
///
/// ```
/// let s = netpack::Struct::new("<2sH")?;
/// let mut columns = s.columns()?;
/// s.unpack_columns(b"ab\x01\x00cd\x02\x00", &mut columns)?;
/// let netpack::Column::Bytes(names) = &columns.columns()[0] else { unreachable!() };
/// assert_eq!(names.iter().collect::<Vec<_>>(), [b"ab", b"cd"]);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ByteColumn {
    data: Vec<u8>,
    ends: Vec<usize>,
}

impl ByteColumn {
    /// An empty column.
    pub fn new() -> ByteColumn {
        ByteColumn::default()
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the column holds no value.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Value `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.data.get(start..end)
    }

    /// Every value, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u8]> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// Appends a value (to encode it).
    pub fn push(&mut self, value: &[u8]) {
        self.data.extend_from_slice(value);
        self.ends.push(self.data.len());
    }

    /// Removes every value, keeping the allocations.
    pub fn clear(&mut self) {
        self.data.clear();
        self.ends.clear();
    }

    /// All values' bytes, one after the other.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Where each value ends in [`data`](ByteColumn::data).
    pub fn ends(&self) -> &[usize] {
        &self.ends
    }
}

/// The values of one position of a format, for every record: what
/// [`Struct::unpack_columns`] fills and [`Struct::pack_columns`] reads.
///
/// Integer codes give the vector of their C type's width and signedness (`B` →
/// `U8`, `h` → `I16`, `I` → `U32`, native `l`/`q`/`n` → `I64`, `L`/`Q`/`N`/`P` →
/// `U64`); `e`, `f` and `d` give `F64`, widened exactly as `unpack` widens
/// them; `?` gives `Bool` (any non-zero byte is `true`); `c` gives `Char`, one
/// byte per record; `s` and `p` give `Bytes`.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// `b`.
    I8(Vec<i8>),
    /// `B`.
    U8(Vec<u8>),
    /// `h` (and native `h`-sized codes).
    I16(Vec<i16>),
    /// `H`.
    U16(Vec<u16>),
    /// `i`, standard `l`.
    I32(Vec<i32>),
    /// `I`, standard `L`.
    U32(Vec<u32>),
    /// `q`, native `l` and `n` on 64-bit targets.
    I64(Vec<i64>),
    /// `Q`, native `L`, `N` and `P` on 64-bit targets.
    U64(Vec<u64>),
    /// `?`: any non-zero byte is `true`.
    Bool(Vec<bool>),
    /// `e`, `f` and `d`, widened to `f64` exactly as `unpack` does.
    F64(Vec<f64>),
    /// `c`: one byte per record.
    Char(Vec<u8>),
    /// `s` and `p`: one byte string per record.
    Bytes(ByteColumn),
}

/// Which [`Column`] variant a step fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    Bool,
    F64,
    Char,
    Bytes,
}

fn shape_of(op: &Op) -> Shape {
    match op.step {
        Step::I8 => Shape::I8,
        Step::U8 => Shape::U8,
        Step::I16 => Shape::I16,
        Step::U16 => Shape::U16,
        Step::I32 => Shape::I32,
        Step::U32 => Shape::U32,
        Step::I64 => Shape::I64,
        Step::U64 => Shape::U64,
        Step::IntOther if op.code.is_signed_int() => Shape::I64,
        Step::IntOther => Shape::U64,
        Step::Bool => Shape::Bool,
        Step::Half | Step::F32 | Step::F32Checked | Step::F64 => Shape::F64,
        Step::Char => Shape::Char,
        Step::Bytes | Step::Pascal => Shape::Bytes,
    }
}

impl Column {
    fn empty(shape: Shape) -> Column {
        match shape {
            Shape::I8 => Column::I8(Vec::new()),
            Shape::U8 => Column::U8(Vec::new()),
            Shape::I16 => Column::I16(Vec::new()),
            Shape::U16 => Column::U16(Vec::new()),
            Shape::I32 => Column::I32(Vec::new()),
            Shape::U32 => Column::U32(Vec::new()),
            Shape::I64 => Column::I64(Vec::new()),
            Shape::U64 => Column::U64(Vec::new()),
            Shape::Bool => Column::Bool(Vec::new()),
            Shape::F64 => Column::F64(Vec::new()),
            Shape::Char => Column::Char(Vec::new()),
            Shape::Bytes => Column::Bytes(ByteColumn::new()),
        }
    }

    fn shape(&self) -> Shape {
        match self {
            Column::I8(_) => Shape::I8,
            Column::U8(_) => Shape::U8,
            Column::I16(_) => Shape::I16,
            Column::U16(_) => Shape::U16,
            Column::I32(_) => Shape::I32,
            Column::U32(_) => Shape::U32,
            Column::I64(_) => Shape::I64,
            Column::U64(_) => Shape::U64,
            Column::Bool(_) => Shape::Bool,
            Column::F64(_) => Shape::F64,
            Column::Char(_) => Shape::Char,
            Column::Bytes(_) => Shape::Bytes,
        }
    }

    /// The number of values.
    ///
    /// ```
    /// assert_eq!(netpack::Column::U32(vec![1, 2]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            Column::I8(v) => v.len(),
            Column::U8(v) | Column::Char(v) => v.len(),
            Column::I16(v) => v.len(),
            Column::U16(v) => v.len(),
            Column::I32(v) => v.len(),
            Column::U32(v) => v.len(),
            Column::I64(v) => v.len(),
            Column::U64(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::F64(v) => v.len(),
            Column::Bytes(v) => v.len(),
        }
    }

    /// Whether the column holds no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Value `i` as `unpack` gives it, if there is one.
    ///
    /// ```
    /// use netpack::{Column, Value};
    /// assert_eq!(Column::I16(vec![-2]).value(0), Some(Value::Int(-2)));
    /// assert_eq!(Column::Char(b"x".to_vec()).value(0), Some(Value::Bytes(b"x".to_vec())));
    /// ```
    pub fn value(&self, i: usize) -> Option<Value> {
        Some(match self {
            Column::I8(v) => Value::Int((*v.get(i)?).into()),
            Column::U8(v) => Value::Int((*v.get(i)?).into()),
            Column::I16(v) => Value::Int((*v.get(i)?).into()),
            Column::U16(v) => Value::Int((*v.get(i)?).into()),
            Column::I32(v) => Value::Int((*v.get(i)?).into()),
            Column::U32(v) => Value::Int((*v.get(i)?).into()),
            Column::I64(v) => Value::Int((*v.get(i)?).into()),
            Column::U64(v) => Value::Int((*v.get(i)?).into()),
            Column::Bool(v) => Value::Bool(*v.get(i)?),
            Column::F64(v) => Value::Float(*v.get(i)?),
            Column::Char(v) => Value::Bytes(alloc::vec![*v.get(i)?]),
            Column::Bytes(v) => Value::Bytes(v.get(i)?.to_vec()),
        })
    }

    fn clear(&mut self) {
        match self {
            Column::I8(v) => v.clear(),
            Column::U8(v) | Column::Char(v) => v.clear(),
            Column::I16(v) => v.clear(),
            Column::U16(v) => v.clear(),
            Column::I32(v) => v.clear(),
            Column::U32(v) => v.clear(),
            Column::I64(v) => v.clear(),
            Column::U64(v) => v.clear(),
            Column::Bool(v) => v.clear(),
            Column::F64(v) => v.clear(),
            Column::Bytes(v) => v.clear(),
        }
    }

    /// Makes room for `n` more values, fallibly; `bytes` more bytes for a
    /// `Bytes` column.
    fn try_reserve(&mut self, n: usize, bytes: usize) -> Option<()> {
        match self {
            Column::I8(v) => v.try_reserve_exact(n).ok(),
            Column::U8(v) | Column::Char(v) => v.try_reserve_exact(n).ok(),
            Column::I16(v) => v.try_reserve_exact(n).ok(),
            Column::U16(v) => v.try_reserve_exact(n).ok(),
            Column::I32(v) => v.try_reserve_exact(n).ok(),
            Column::U32(v) => v.try_reserve_exact(n).ok(),
            Column::I64(v) => v.try_reserve_exact(n).ok(),
            Column::U64(v) => v.try_reserve_exact(n).ok(),
            Column::Bool(v) => v.try_reserve_exact(n).ok(),
            Column::F64(v) => v.try_reserve_exact(n).ok(),
            Column::Bytes(v) => {
                v.ends.try_reserve_exact(n).ok()?;
                v.data.try_reserve_exact(bytes).ok()
            }
        }
    }
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
        check_shapes(s, &columns)?;
        let records = columns.first().map_or(0, Column::len);
        if let Some(k) = columns.iter().position(|c| c.len() != records) {
            return Err(Error::new(Detail::ColumnLength {
                column: k,
                len: columns[k].len(),
                records,
            })
            .at_argument(k));
        }
        Ok(Columns { columns, records })
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

/// Every value's column shape, in order.
fn shapes(s: &Struct) -> impl Iterator<Item = Shape> + '_ {
    s.plan()
        .ops()
        .iter()
        .flat_map(|op| core::iter::repeat_n(shape_of(op), op.count))
}

/// The error for columns that do not fit `s`'s format, if they do not.
fn check_shapes(s: &Struct, columns: &[Column]) -> Result<(), Error> {
    if columns.len() != s.values() {
        return Err(Error::new(Detail::ArgCount {
            expected: s.values(),
            got: columns.len(),
            into: false,
        }));
    }
    match shapes(s)
        .zip(columns)
        .position(|(want, c)| c.shape() != want)
    {
        Some(k) => Err(Error::new(Detail::ColumnType { column: k }).at_argument(k)),
        None => Ok(()),
    }
}

impl Struct {
    /// Empty columns for this format, one per value: the place to decode into
    /// with [`unpack_columns`](Struct::unpack_columns).
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
        let mut columns = Vec::new();
        columns
            .try_reserve_exact(self.values())
            .map_err(|_| Error::new(Detail::NoMemory { size: self.size() }))?;
        columns.extend(shapes(self).map(Column::empty));
        Ok(Columns {
            columns,
            records: 0,
        })
    }

    /// Decodes every record of `buf` into `out`, one typed vector per value,
    /// replacing what `out` held and reusing its allocations: the columnar
    /// `iter_unpack`. The values are exactly `unpack`'s, record by record. `out`
    /// is reshaped if it was made for another format.
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
        if check_shapes(self, &out.columns).is_err() {
            *out = self.columns()?;
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
        check_shapes(self, &columns.columns)?;
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
        check_shapes(self, &columns.columns)?;
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

fn decode_columns<O: ByteOrder>(s: &Struct, buf: &[u8], columns: &mut [Column]) {
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
fn encode_columns<O: ByteOrder>(
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
                let fits = match shapes_step(s, arg) {
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
fn shapes_step(s: &Struct, arg: usize) -> Option<Step> {
    s.plan()
        .ops()
        .iter()
        .find(|op| op.arg <= arg && arg < op.arg + op.count)
        .map(|op| op.step)
}
