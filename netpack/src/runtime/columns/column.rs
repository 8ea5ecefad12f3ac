//! One value's column: [`Column`], [`ByteColumn`], [`Floats`] and the
//! [`ColumnKind`] a step fills.

use crate::runtime::plan::{Op, Step};
use crate::runtime::value::Value;
use crate::wire::float;
use alloc::vec::Vec;

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
    /// Every value's bytes, one after the other (filled in place by the decoder).
    pub(super) data: Vec<u8>,
    /// Where each value ends in `data`.
    pub(super) ends: Vec<usize>,
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

    /// The bytes and the ends, to hand over without a copy.
    #[cfg(feature = "arrow")]
    pub(crate) fn into_parts(self) -> (Vec<u8>, Vec<usize>) {
        (self.data, self.ends)
    }
}

/// The values of one position of a format, for every record: what
/// [`Struct::unpack_columns`](crate::Struct::unpack_columns) fills and
/// [`Struct::pack_columns`](crate::Struct::pack_columns) reads.
///
/// Integer codes give the vector of their C type's width and signedness (`B` →
/// `U8`, `h` → `I16`, `I` → `U32`, native `l`/`q`/`n` → `I64`, `L`/`Q`/`N`/`P` →
/// `U64`); `e`, `f` and `d` give `F64`, widened exactly as `unpack` widens
/// them, or, in columns made with [`Floats::Stored`], `e` gives `F16` and `f`
/// gives `F32`; `?` gives `Bool` (any non-zero byte is `true`); `c` gives
/// `Char`, one byte per record; `s` and `p` give `Bytes`.
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
    /// `f` as stored ([`Floats::Stored`]): numpy's `float32`, NaN payloads and
    /// all.
    F32(Vec<f32>),
    /// `e` as stored ([`Floats::Stored`]): the IEEE 754 binary16 bits of each
    /// value (numpy's `float16`, `half::f16::from_bits`), NaN payloads and all.
    F16(Vec<u16>),
    /// `c`: one byte per record.
    Char(Vec<u8>),
    /// `s` and `p`: one byte string per record.
    Bytes(ByteColumn),
}

/// How columns hold the values of `e` and `f`: what
/// [`Struct::columns_with`](crate::Struct::columns_with) makes.
///
/// ```
/// use netpack::{Column, Floats, Struct};
/// let s = Struct::new("<fe")?;
/// let buf = s.pack(&[0.1.into(), 0.5.into()])?;
/// let mut widened = s.columns()?; // Floats::Widened
/// let mut stored = s.columns_with(Floats::Stored)?;
/// s.unpack_columns(&buf, &mut widened)?;
/// s.unpack_columns(&buf, &mut stored)?;
/// assert_eq!(widened.columns()[0], Column::F64(vec![0.10000000149011612]));
/// assert_eq!(stored.columns()[0], Column::F32(vec![0.1]));
/// assert_eq!(stored.columns()[1], Column::F16(vec![0x3800])); // 0.5
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Floats {
    /// Every float code as [`Column::F64`], widened exactly as `unpack` widens
    /// `e` and `f` (what [`Struct::columns`](crate::Struct::columns) makes).
    #[default]
    Widened,
    /// `f` as [`Column::F32`] and `e` as [`Column::F16`], the stored bits
    /// unchanged (numpy's `float32` and `float16`, Arrow's `Float32` and
    /// `Float16`); `d` as [`Column::F64`].
    Stored,
}

/// Which [`Column`] variant a step fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ColumnKind {
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
    F32,
    F16,
    Char,
    Bytes,
}

/// The kind of column `op` fills, its floats held as `floats` says.
pub(super) fn kind_of(op: &Op, floats: Floats) -> ColumnKind {
    match (op.step, floats) {
        (Step::Half, Floats::Stored) => return ColumnKind::F16,
        (Step::F32 | Step::F32Checked, Floats::Stored) => return ColumnKind::F32,
        _ => {}
    }
    match op.step {
        Step::I8 => ColumnKind::I8,
        Step::U8 => ColumnKind::U8,
        Step::I16 => ColumnKind::I16,
        Step::U16 => ColumnKind::U16,
        Step::I32 => ColumnKind::I32,
        Step::U32 => ColumnKind::U32,
        Step::I64 => ColumnKind::I64,
        Step::U64 => ColumnKind::U64,
        Step::IntOther if op.code.is_signed_int() => ColumnKind::I64,
        Step::IntOther => ColumnKind::U64,
        Step::Bool => ColumnKind::Bool,
        Step::Half | Step::F32 | Step::F32Checked | Step::F64 => ColumnKind::F64,
        Step::Char => ColumnKind::Char,
        Step::Bytes | Step::Pascal => ColumnKind::Bytes,
    }
}

impl Column {
    pub(super) fn empty(kind: ColumnKind) -> Column {
        match kind {
            ColumnKind::I8 => Column::I8(Vec::new()),
            ColumnKind::U8 => Column::U8(Vec::new()),
            ColumnKind::I16 => Column::I16(Vec::new()),
            ColumnKind::U16 => Column::U16(Vec::new()),
            ColumnKind::I32 => Column::I32(Vec::new()),
            ColumnKind::U32 => Column::U32(Vec::new()),
            ColumnKind::I64 => Column::I64(Vec::new()),
            ColumnKind::U64 => Column::U64(Vec::new()),
            ColumnKind::Bool => Column::Bool(Vec::new()),
            ColumnKind::F64 => Column::F64(Vec::new()),
            ColumnKind::F32 => Column::F32(Vec::new()),
            ColumnKind::F16 => Column::F16(Vec::new()),
            ColumnKind::Char => Column::Char(Vec::new()),
            ColumnKind::Bytes => Column::Bytes(ByteColumn::new()),
        }
    }

    pub(super) fn kind(&self) -> ColumnKind {
        match self {
            Column::I8(_) => ColumnKind::I8,
            Column::U8(_) => ColumnKind::U8,
            Column::I16(_) => ColumnKind::I16,
            Column::U16(_) => ColumnKind::U16,
            Column::I32(_) => ColumnKind::I32,
            Column::U32(_) => ColumnKind::U32,
            Column::I64(_) => ColumnKind::I64,
            Column::U64(_) => ColumnKind::U64,
            Column::Bool(_) => ColumnKind::Bool,
            Column::F64(_) => ColumnKind::F64,
            Column::F32(_) => ColumnKind::F32,
            Column::F16(_) => ColumnKind::F16,
            Column::Char(_) => ColumnKind::Char,
            Column::Bytes(_) => ColumnKind::Bytes,
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
            Column::U16(v) | Column::F16(v) => v.len(),
            Column::I32(v) => v.len(),
            Column::U32(v) => v.len(),
            Column::I64(v) => v.len(),
            Column::U64(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::F64(v) => v.len(),
            Column::F32(v) => v.len(),
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
    /// assert_eq!(Column::F16(vec![0x3e00]).value(0), Some(Value::Float(1.5)));
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
            Column::F32(v) => Value::Float(float::f32_to_f64(*v.get(i)?)),
            Column::F16(v) => Value::Float(float::f16_bits_to_f64(*v.get(i)?)),
            Column::Char(v) => Value::Bytes(alloc::vec![*v.get(i)?]),
            Column::Bytes(v) => Value::Bytes(v.get(i)?.to_vec()),
        })
    }

    pub(super) fn clear(&mut self) {
        match self {
            Column::I8(v) => v.clear(),
            Column::U8(v) | Column::Char(v) => v.clear(),
            Column::I16(v) => v.clear(),
            Column::U16(v) | Column::F16(v) => v.clear(),
            Column::I32(v) => v.clear(),
            Column::U32(v) => v.clear(),
            Column::I64(v) => v.clear(),
            Column::U64(v) => v.clear(),
            Column::Bool(v) => v.clear(),
            Column::F64(v) => v.clear(),
            Column::F32(v) => v.clear(),
            Column::Bytes(v) => v.clear(),
        }
    }

    /// Makes room for `n` more values, fallibly; `bytes` more bytes for a
    /// `Bytes` column.
    pub(super) fn try_reserve(&mut self, n: usize, bytes: usize) -> Option<()> {
        match self {
            Column::I8(v) => v.try_reserve_exact(n).ok(),
            Column::U8(v) | Column::Char(v) => v.try_reserve_exact(n).ok(),
            Column::I16(v) => v.try_reserve_exact(n).ok(),
            Column::U16(v) | Column::F16(v) => v.try_reserve_exact(n).ok(),
            Column::I32(v) => v.try_reserve_exact(n).ok(),
            Column::U32(v) => v.try_reserve_exact(n).ok(),
            Column::I64(v) => v.try_reserve_exact(n).ok(),
            Column::U64(v) => v.try_reserve_exact(n).ok(),
            Column::Bool(v) => v.try_reserve_exact(n).ok(),
            Column::F64(v) => v.try_reserve_exact(n).ok(),
            Column::F32(v) => v.try_reserve_exact(n).ok(),
            Column::Bytes(v) => {
                v.ends.try_reserve_exact(n).ok()?;
                v.data.try_reserve_exact(bytes).ok()
            }
        }
    }
}
