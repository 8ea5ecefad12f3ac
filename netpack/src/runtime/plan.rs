//! The compiled form of a format: a flat list of ops, one per run of same-coded
//! elements that carry values, with every decision that depends only on the
//! format (the element's width, signedness and byte order) taken once, and the
//! loops that encode and decode values with them.
//!
//! An op is 40 bytes and holds only what the hot loops need: integers are
//! range-checked in their own width (`i16::try_from`), not against stored
//! bounds, and consecutive items of one code fuse into one op (`"b b b"` is one
//! op of three elements). CPython's exact error for a refused value is worked out
//! afterwards, off the fast path, by re-reading the format ([`refusal`]).

use crate::error::{Detail, Error};
use crate::runtime::args::{float_arg, float_overflow, int_arg};
use crate::runtime::value::{Value, ValueRef};
use crate::wire::float;
use crate::wire::primitive::{self, IntRule};
use alloc::vec::Vec;
use byteorder::{BigEndian, ByteOrder, LittleEndian};
use netpack_format::{Code, FormatError, Order, Parser, Summary};

/// What an op does with each of its elements: one tag, dispatched on once per op.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    /// An integer code whose accepted range is not its width's (`P`, which takes
    /// `-2**63..2**64`), or of an unusual size: checked against its [`IntRule`].
    IntOther,
    Bool,
    Char,
    Half,
    /// `f` in native mode: overflow packs infinity.
    F32,
    /// `f` in standard mode: overflow is an error.
    F32Checked,
    F64,
    Bytes,
    Pascal,
}

/// One run of elements of one code at consecutive offsets. Pad items and
/// zero-count items have no op: their bytes are the zeros packing starts from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Op {
    pub(crate) step: Step,
    pub(crate) code: Code,
    /// Elements (1 for `s`/`p`, whose byte length is `size`).
    pub(crate) count: usize,
    pub(crate) offset: usize,
    /// Bytes per element.
    pub(crate) size: usize,
    /// Index of the first value this op takes.
    pub(crate) arg: usize,
}

/// A format compiled for packing and unpacking.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    order: Order,
    values: usize,
    ops: Vec<Op>,
    /// Every op takes exactly one value (op `k` takes value `k`): the common
    /// case, which encodes and decodes with loops of its own.
    scalar: bool,
}

/// The step of an item, from its code, the format's order and element size.
fn step_of(code: Code, order: Order, size: usize) -> Step {
    match code {
        Code::Bytes => return Step::Bytes,
        Code::Pascal => return Step::Pascal,
        Code::Char => return Step::Char,
        Code::Bool => return Step::Bool,
        Code::Half => return Step::Half,
        Code::Float if order.is_native() => return Step::F32,
        Code::Float => return Step::F32Checked,
        Code::Double => return Step::F64,
        _ => {}
    }
    let rule = IntRule::new(code, order, size);
    let signed = code.is_signed_int();
    // The fast steps check a value by converting it to the element's own type;
    // that is CPython's range exactly when the rule accepts the whole width.
    let (lo, hi) = match (signed, size) {
        (true, 1..=8) => (-(1i128 << (size * 8 - 1)), (1i128 << (size * 8 - 1)) - 1),
        (false, 1..=8) => (0, (1i128 << (size * 8)) - 1),
        _ => return Step::IntOther,
    };
    if (rule.lo(), rule.hi()) != (lo, hi) {
        return Step::IntOther;
    }
    match (signed, size) {
        (true, 1) => Step::I8,
        (false, 1) => Step::U8,
        (true, 2) => Step::I16,
        (false, 2) => Step::U16,
        (true, 4) => Step::I32,
        (false, 4) => Step::U32,
        (true, 8) => Step::I64,
        (false, 8) => Step::U64,
        _ => Step::IntOther,
    }
}

/// Walks `format`, handing each op to `emit` (runs of one code fused), and
/// returns the format's totals.
fn lay_out(format: &[u8], mut emit: impl FnMut(Op)) -> Result<Summary, FormatError> {
    let mut parser = Parser::new(format)?;
    let order = parser.order();
    let mut pending: Option<Op> = None;
    let mut arg = 0;
    while let Some(item) = parser.next_item()? {
        let code = item.code;
        if code == Code::Pad || (item.count == 0 && !code.is_string()) {
            continue;
        }
        let op = if code.is_string() {
            Op {
                step: step_of(code, order, item.size),
                code,
                count: 1,
                offset: item.offset,
                size: item.count,
                arg,
            }
        } else {
            Op {
                step: step_of(code, order, item.size),
                code,
                count: item.count,
                offset: item.offset,
                size: item.size,
                arg,
            }
        };
        arg += item.values();
        pending = match pending {
            Some(mut run)
                if run.code == code
                    && !code.is_string()
                    && run.offset + run.count * run.size == op.offset =>
            {
                run.count += op.count;
                Some(run)
            }
            Some(run) => {
                emit(run);
                Some(op)
            }
            None => Some(op),
        };
    }
    if let Some(run) = pending {
        emit(run);
    }
    Ok(Summary {
        order,
        size: parser.size(),
        values: parser.values(),
        items: parser.items(),
    })
}

impl Plan {
    /// Parses `format` and lays out its ops. The op list is allocated once, at
    /// its exact size, and fallibly: a format of millions of items is an error
    /// when memory runs out, not an abort.
    pub(crate) fn compile(format: &[u8]) -> Result<(Plan, Summary), Error> {
        let mut count = 0usize;
        let summary = lay_out(format, |_| count += 1)?;
        let mut ops = Vec::new();
        ops.try_reserve_exact(count)
            .map_err(|_| Error::new(Detail::NoMemory { size: summary.size }))?;
        lay_out(format, |op| ops.push(op))?;
        let scalar = ops.len() == summary.values && ops.iter().all(|op| op.count == 1);
        let plan = Plan {
            order: summary.order,
            values: summary.values,
            ops,
            scalar,
        };
        Ok((plan, summary))
    }

    /// A copy, `None` when its ops cannot be allocated.
    pub(crate) fn try_clone(&self) -> Option<Plan> {
        let mut ops = Vec::new();
        ops.try_reserve_exact(self.ops.len()).ok()?;
        ops.extend_from_slice(&self.ops);
        Some(Plan { ops, ..*self })
    }

    /// The ops, in format order.
    pub(crate) fn ops(&self) -> &[Op] {
        &self.ops
    }

    /// The format's byte order.
    pub(crate) fn order(&self) -> Order {
        self.order
    }

    /// Encodes `args` (exactly as many as the format takes) into `buf` (exactly
    /// the format's size, zeroed). On a refused value, `buf` holds what CPython's
    /// buffer holds at that point (the values before it, and the truncated bytes
    /// CPython writes for a standard-size `q`/`Q` that overflows), and the error
    /// gives the value's index.
    pub(crate) fn encode(&self, buf: &mut [u8], args: &[Value]) -> Result<(), usize> {
        if self.order.is_little_endian() {
            self.encode_with::<LittleEndian>(buf, args)
        } else {
            self.encode_with::<BigEndian>(buf, args)
        }
    }

    /// Decodes every value of `buf` (exactly the format's size) onto `out`.
    pub(crate) fn decode<'a, V: Decoded<'a>>(
        &self,
        buf: &'a [u8],
        out: &mut Vec<V>,
    ) -> Result<(), Error> {
        out.try_reserve_exact(self.values)
            .map_err(|_| Error::new(Detail::NoMemory { size: buf.len() }))?;
        let done = if self.order.is_little_endian() {
            self.decode_with::<LittleEndian, V>(buf, out)
        } else {
            self.decode_with::<BigEndian, V>(buf, out)
        };
        done.ok_or_else(|| Error::new(Detail::NoMemory { size: buf.len() }))
    }

    /// Decodes `block`, a whole number of records of `size` bytes, into `out`,
    /// which holds exactly `values` slots per record: value `v` of record `r`
    /// goes to `out[r * values + v]`. One loop per element over all the records,
    /// its step dispatched once per block rather than once per record, so the
    /// loops are as tight as the columnar decoder's.
    pub(crate) fn decode_records<'a>(
        &self,
        block: &'a [u8],
        size: usize,
        out: &mut [ValueRef<'a>],
    ) {
        if self.order.is_little_endian() {
            self.decode_records_with::<LittleEndian>(block, size, out);
        } else {
            self.decode_records_with::<BigEndian>(block, size, out);
        }
    }

    fn decode_records_with<'a, O: ByteOrder>(
        &self,
        block: &'a [u8],
        size: usize,
        out: &mut [ValueRef<'a>],
    ) {
        let n = self.values;
        if n == 0 || size == 0 {
            return;
        }
        for op in &self.ops {
            for k in 0..op.count {
                let (at, v) = (op.offset + k * op.size, op.arg + k);
                match op.step {
                    Step::I8 => slots::<1>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(b[0] as i8 as i128)
                    }),
                    Step::U8 => {
                        slots::<1>(block, size, at, out, n, v, |b| ValueRef::Int(b[0] as i128))
                    }
                    Step::I16 => slots::<2>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(O::read_i16(b) as i128)
                    }),
                    Step::U16 => slots::<2>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(O::read_u16(b) as i128)
                    }),
                    Step::I32 => slots::<4>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(O::read_i32(b) as i128)
                    }),
                    Step::U32 => slots::<4>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(O::read_u32(b) as i128)
                    }),
                    Step::I64 => slots::<8>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(O::read_i64(b) as i128)
                    }),
                    Step::U64 => slots::<8>(block, size, at, out, n, v, |b| {
                        ValueRef::Int(O::read_u64(b) as i128)
                    }),
                    Step::F64 => slots::<8>(block, size, at, out, n, v, |b| {
                        ValueRef::Float(primitive::read_f64::<O>(b))
                    }),
                    Step::Bool => {
                        slots::<1>(block, size, at, out, n, v, |b| ValueRef::Bool(b[0] != 0))
                    }
                    _ => {
                        for (r, vals) in block.chunks_exact(size).zip(out.chunks_exact_mut(n)) {
                            let src = &r[at..at + op.size];
                            vals[v] = decode_one::<O, ValueRef<'a>>(op, src, &mut false);
                        }
                    }
                }
            }
        }
    }

    fn encode_with<O: ByteOrder>(&self, buf: &mut [u8], args: &[Value]) -> Result<(), usize> {
        if self.scalar {
            for (k, (op, v)) in self.ops.iter().zip(args).enumerate() {
                if encode_scalar::<O>(op, self.order, v, buf).is_none() {
                    partial_write::<O>(op, self.order, v, &mut buf[op.offset..op.offset + op.size]);
                    return Err(k);
                }
            }
            return Ok(());
        }
        for op in self.ops.iter() {
            let args = &args[op.arg..op.arg + op.count];
            let bytes = &mut buf[op.offset..op.offset + op.count * op.size];
            // The common kinds get a loop of their own with the element width
            // known to the compiler; the others share the general loop.
            let refused = match op.step {
                Step::I8 => ints::<1, i8>(bytes, args, |d, x| *d = x.to_ne_bytes()),
                Step::U8 => ints::<1, u8>(bytes, args, |d, x| *d = [x]),
                Step::I16 => ints::<2, i16>(bytes, args, |d, x| O::write_i16(d, x)),
                Step::U16 => ints::<2, u16>(bytes, args, |d, x| O::write_u16(d, x)),
                Step::I32 => ints::<4, i32>(bytes, args, |d, x| O::write_i32(d, x)),
                Step::U32 => ints::<4, u32>(bytes, args, |d, x| O::write_u32(d, x)),
                Step::I64 => ints::<8, i64>(bytes, args, |d, x| O::write_i64(d, x)),
                Step::U64 => ints::<8, u64>(bytes, args, |d, x| O::write_u64(d, x)),
                Step::F64 => elements::<8>(bytes, args, |d, v| {
                    O::write_u64(d, v.as_float()?.to_bits());
                    Some(())
                }),
                Step::Bool => elements::<1>(bytes, args, |d, v| {
                    d[0] = u8::from(v.is_truthy());
                    Some(())
                }),
                _ => (0..op.count).find(|&k| {
                    let dst = &mut bytes[k * op.size..(k + 1) * op.size];
                    encode_one::<O>(op, self.order, &args[k], dst).is_none()
                }),
            };
            if let Some(k) = refused {
                let dst = &mut bytes[k * op.size..(k + 1) * op.size];
                partial_write::<O>(op, self.order, &args[k], dst);
                return Err(op.arg + k);
            }
        }
        Ok(())
    }

    fn decode_with<'a, O: ByteOrder, V: Decoded<'a>>(
        &self,
        buf: &'a [u8],
        out: &mut Vec<V>,
    ) -> Option<()> {
        let mut failed = false;
        if self.scalar {
            // One `extend` over the ops (a `TrustedLen` iterator): one capacity
            // check for the record, the per-value decode inlined into the loop.
            out.extend(self.ops.iter().map(|op| {
                let src = &buf[op.offset..op.offset + op.size];
                decode_one::<O, V>(op, src, &mut failed)
            }));
            return (!failed).then_some(());
        }
        for op in self.ops.iter() {
            let bytes = &buf[op.offset..op.offset + op.count * op.size];
            match op.step {
                Step::I8 => out.extend(bytes.iter().map(|&b| V::int(b as i8 as i128))),
                Step::U8 => out.extend(bytes.iter().map(|&b| V::int(b as i128))),
                Step::I16 => read::<2, V>(bytes, out, |b| V::int(O::read_i16(b) as i128)),
                Step::U16 => read::<2, V>(bytes, out, |b| V::int(O::read_u16(b) as i128)),
                Step::I32 => read::<4, V>(bytes, out, |b| V::int(O::read_i32(b) as i128)),
                Step::U32 => read::<4, V>(bytes, out, |b| V::int(O::read_u32(b) as i128)),
                Step::I64 => read::<8, V>(bytes, out, |b| V::int(O::read_i64(b) as i128)),
                Step::U64 => read::<8, V>(bytes, out, |b| V::int(O::read_u64(b) as i128)),
                Step::F64 => read::<8, V>(bytes, out, |b| V::float(primitive::read_f64::<O>(b))),
                Step::Bool => out.extend(bytes.iter().map(|&b| V::boolean(b != 0))),
                _ => {
                    // Not `chunks_exact`: `0s` is one element of no bytes.
                    out.extend((0..op.count).map(|k| {
                        let src = &bytes[k * op.size..(k + 1) * op.size];
                        decode_one::<O, V>(op, src, &mut failed)
                    }));
                }
            }
        }
        (!failed).then_some(())
    }
}

/// What decoding produces: [`Value`] (owning its bytes) or [`ValueRef`]
/// (borrowing them from the buffer).
pub(crate) trait Decoded<'a>: Sized {
    fn int(x: i128) -> Self;
    fn boolean(b: bool) -> Self;
    fn float(x: f64) -> Self;
    /// Sets `failed` (and gives a placeholder) when the bytes cannot be
    /// allocated.
    fn bytes(b: &'a [u8], failed: &mut bool) -> Self;
}

impl<'a> Decoded<'a> for Value {
    #[inline(always)]
    fn int(x: i128) -> Value {
        Value::Int(x)
    }
    #[inline(always)]
    fn boolean(b: bool) -> Value {
        Value::Bool(b)
    }
    #[inline(always)]
    fn float(x: f64) -> Value {
        Value::Float(x)
    }
    #[inline]
    fn bytes(b: &'a [u8], failed: &mut bool) -> Value {
        let mut v = Vec::new();
        if v.try_reserve_exact(b.len()).is_err() {
            *failed = true;
        } else {
            v.extend_from_slice(b);
        }
        Value::Bytes(v)
    }
}

impl<'a> Decoded<'a> for ValueRef<'a> {
    #[inline(always)]
    fn int(x: i128) -> ValueRef<'a> {
        ValueRef::Int(x)
    }
    #[inline(always)]
    fn boolean(b: bool) -> ValueRef<'a> {
        ValueRef::Bool(b)
    }
    #[inline(always)]
    fn float(x: f64) -> ValueRef<'a> {
        ValueRef::Float(x)
    }
    #[inline(always)]
    fn bytes(b: &'a [u8], _: &mut bool) -> ValueRef<'a> {
        ValueRef::Bytes(b)
    }
}

/// An integer value, or `None` for a float or bytes.
#[inline(always)]
fn int_of(v: &Value) -> Option<i128> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i128::from(*b)),
        _ => None,
    }
}

/// An integer value that fits `T`, the element's own type.
#[inline(always)]
fn int_as<T: TryFrom<i128>>(v: &Value) -> Option<T> {
    T::try_from(int_of(v)?).ok()
}

/// Encodes the one value of a one-value op; `None` when it is refused.
#[inline(always)]
fn encode_scalar<O: ByteOrder>(op: &Op, order: Order, v: &Value, buf: &mut [u8]) -> Option<()> {
    let at = op.offset;
    match op.step {
        Step::I8 => buf[at] = int_as::<i8>(v)? as u8,
        Step::U8 => buf[at] = int_as::<u8>(v)?,
        Step::I16 => O::write_i16(&mut buf[at..at + 2], int_as(v)?),
        Step::U16 => O::write_u16(&mut buf[at..at + 2], int_as(v)?),
        Step::I32 => O::write_i32(&mut buf[at..at + 4], int_as(v)?),
        Step::U32 => O::write_u32(&mut buf[at..at + 4], int_as(v)?),
        Step::I64 => O::write_i64(&mut buf[at..at + 8], int_as(v)?),
        Step::U64 => O::write_u64(&mut buf[at..at + 8], int_as(v)?),
        Step::F64 => O::write_u64(&mut buf[at..at + 8], v.as_float()?.to_bits()),
        Step::F32 => O::write_u32(
            &mut buf[at..at + 4],
            float::f64_to_f32(v.as_float()?).to_bits(),
        ),
        Step::F32Checked => O::write_u32(
            &mut buf[at..at + 4],
            float::f64_to_f32_checked(v.as_float()?)?.to_bits(),
        ),
        Step::Bool => buf[at] = u8::from(v.is_truthy()),
        Step::Bytes => primitive::write_bytes(&mut buf[at..at + op.size], v.as_bytes()?),
        _ => encode_one::<O>(op, order, v, &mut buf[at..at + op.size])?,
    }
    Some(())
}

/// Encodes the integers of one op, each checked in `T`, the element's own type;
/// the index of the first value refused.
#[inline(always)]
fn ints<const N: usize, T: TryFrom<i128>>(
    bytes: &mut [u8],
    args: &[Value],
    write: impl Fn(&mut [u8; N], T),
) -> Option<usize> {
    let (chunks, _) = bytes.as_chunks_mut::<N>();
    for (k, (dst, v)) in chunks.iter_mut().zip(args).enumerate() {
        match int_as::<T>(v) {
            Some(x) => write(dst, x),
            None => return Some(k),
        }
    }
    None
}

/// Encodes the values of one op with `write`; the index of the first value it
/// refuses (returns `None` for).
#[inline(always)]
fn elements<const N: usize>(
    bytes: &mut [u8],
    args: &[Value],
    write: impl Fn(&mut [u8; N], &Value) -> Option<()>,
) -> Option<usize> {
    let (chunks, _) = bytes.as_chunks_mut::<N>();
    chunks
        .iter_mut()
        .zip(args)
        .position(|(dst, v)| write(dst, v).is_none())
}

/// Decodes every `N`-byte element of `bytes` onto `out`.
#[inline(always)]
fn read<const N: usize, V>(bytes: &[u8], out: &mut Vec<V>, read: impl Fn(&[u8; N]) -> V) {
    let (chunks, _) = bytes.as_chunks::<N>();
    out.extend(chunks.iter().map(read));
}

/// Writes value `v` of every record of `block` into its slot of `out` (`values`
/// slots per record), reading the `N` bytes at `at` with `read`.
#[inline(always)]
fn slots<'a, const N: usize>(
    block: &'a [u8],
    size: usize,
    at: usize,
    out: &mut [ValueRef<'a>],
    values: usize,
    v: usize,
    read: impl Fn(&'a [u8; N]) -> ValueRef<'a>,
) {
    // Said once, so that the compiler drops the bounds checks in the loop.
    if at.checked_add(N).is_none_or(|end| end > size) || v >= values {
        unreachable!("netpack: element outside the record");
    }
    for (r, vals) in block.chunks_exact(size).zip(out.chunks_exact_mut(values)) {
        vals[v] = match r[at..at + N].try_into() {
            Ok(bytes) => read(bytes),
            Err(_) => unreachable!("netpack: a slice of N bytes is an [u8; N]"),
        };
    }
}

/// Encodes one value of any step; `None` when the value is refused.
#[inline]
fn encode_one<O: ByteOrder>(op: &Op, order: Order, v: &Value, dst: &mut [u8]) -> Option<()> {
    match op.step {
        Step::I8 => dst[0] = int_as::<i8>(v)? as u8,
        Step::U8 => dst[0] = int_as::<u8>(v)?,
        Step::I16 => O::write_i16(dst, int_as(v)?),
        Step::U16 => O::write_u16(dst, int_as(v)?),
        Step::I32 => O::write_i32(dst, int_as(v)?),
        Step::U32 => O::write_u32(dst, int_as(v)?),
        Step::I64 => O::write_i64(dst, int_as(v)?),
        Step::U64 => O::write_u64(dst, int_as(v)?),
        Step::IntOther => {
            let rule = IntRule::new(op.code, order, op.size);
            let x = int_of(v).filter(|x| rule.lo() <= *x && *x <= rule.hi())?;
            primitive::write_int::<O>(dst, x);
        }
        Step::F64 => primitive::write_f64::<O>(dst, v.as_float()?),
        Step::Bool => dst[0] = u8::from(v.is_truthy()),
        Step::Bytes => primitive::write_bytes(dst, v.as_bytes()?),
        _ => encode_rare::<O>(op.step, v, dst)?,
    }
    Some(())
}

/// The steps the fast loops leave to the general one: `c`, `e`, `f` and `p`.
#[inline(never)]
fn encode_rare<O: ByteOrder>(step: Step, v: &Value, dst: &mut [u8]) -> Option<()> {
    match step {
        Step::Char => match v {
            Value::Bytes(b) if b.len() == 1 => dst[0] = b[0],
            _ => return None,
        },
        Step::Half => primitive::write_f16::<O>(dst, v.as_float()?)?,
        Step::F32 => primitive::write_f32::<O>(dst, float::f64_to_f32(v.as_float()?)),
        Step::F32Checked => {
            primitive::write_f32::<O>(dst, float::f64_to_f32_checked(v.as_float()?)?)
        }
        Step::Pascal => primitive::write_pascal(dst, v.as_bytes()?),
        _ => return None,
    }
    Some(())
}

/// What CPython leaves in the element's bytes when it refuses `v`: its
/// standard-size `q`/`Q` packers (`_PyLong_AsByteArray`) store the value's low
/// eight bytes, two's complement, before raising `int too large to convert`
/// (except for a negative `Q`, refused before any byte is written). Every other
/// packer checks before it writes, so the bytes stay zero.
#[cold]
#[inline(never)]
fn partial_write<O: ByteOrder>(op: &Op, order: Order, v: &Value, dst: &mut [u8]) {
    let long_long = matches!(op.code, Code::LongLong | Code::ULongLong);
    if !long_long || dst.len() != 8 {
        return;
    }
    let rule = IntRule::new(op.code, order, 8);
    if rule.check(i128::MAX) != Err(Detail::IntTooLarge) {
        // Native `q`/`Q` (also `<q` on a little-endian target, where CPython
        // swaps in its native packer) check before writing.
        return;
    }
    match v {
        Value::Int(x) if op.code == Code::LongLong || *x >= 0 => O::write_u64(dst, *x as u64),
        _ => {}
    }
}

/// CPython's error for value `arg` of `args`, which the plan refused: the format
/// is read again to find the item, its code and its position.
#[cold]
#[inline(never)]
pub(crate) fn refusal(format: &str, arg: usize, v: &Value) -> Error {
    let Ok(mut parser) = Parser::new(format.as_bytes()) else {
        return Error::new(Detail::OutOfRange);
    };
    let order = parser.order();
    let mut first = 0;
    while let Ok(Some(item)) = parser.next_item() {
        let values = item.values();
        if arg < first + values {
            let detail = diagnose(item.code, order, item.size, v);
            return Error::new(detail).at(arg, item.code.as_char(), item.position);
        }
        first += values;
    }
    // The plan and the format agree on every value; this only guards a gap.
    Error::new(Detail::OutOfRange).at_argument(arg)
}

/// CPython's error for a value that an element of `code` refused.
fn diagnose(code: Code, order: Order, size: usize, v: &Value) -> Detail {
    let fault = match code {
        Code::Bool => Ok(()),
        Code::Char => Err(Detail::CharLength),
        Code::Half => float_arg(v).and(Err(float_overflow(v, b'e'))),
        Code::Float => float_arg(v).and(Err(float_overflow(v, b'f'))),
        Code::Double => float_arg(v).map(|_| ()),
        Code::Bytes => Err(Detail::NotBytes(b's')),
        Code::Pascal => Err(Detail::NotBytes(b'p')),
        _ => int_arg(v).and_then(|x| IntRule::new(code, order, size).check(x)),
    };
    // Every refusal has a cause above; this only guards against a gap.
    fault.err().unwrap_or(Detail::OutOfRange)
}

/// Decodes one element; sets `failed` when its bytes cannot be allocated.
#[inline(always)]
fn decode_one<'a, O: ByteOrder, V: Decoded<'a>>(op: &Op, src: &'a [u8], failed: &mut bool) -> V {
    match op.step {
        Step::I8 => V::int(src[0] as i8 as i128),
        Step::U8 => V::int(src[0] as i128),
        Step::I16 => V::int(O::read_i16(src) as i128),
        Step::U16 => V::int(O::read_u16(src) as i128),
        Step::I32 => V::int(O::read_i32(src) as i128),
        Step::U32 => V::int(O::read_u32(src) as i128),
        Step::I64 => V::int(O::read_i64(src) as i128),
        Step::U64 => V::int(O::read_u64(src) as i128),
        Step::F64 => V::float(primitive::read_f64::<O>(src)),
        Step::Bool => V::boolean(src[0] != 0),
        Step::Bytes | Step::Char => V::bytes(src, failed),
        _ => decode_rare::<O, V>(op, src, failed),
    }
}

/// The steps the fast loops do not name. Inlined: a call returning a value
/// through memory would make every step's value go through one stack slot,
/// written in pieces and read whole, which stalls on store forwarding.
#[inline(always)]
fn decode_rare<'a, O: ByteOrder, V: Decoded<'a>>(op: &Op, src: &'a [u8], failed: &mut bool) -> V {
    match op.step {
        Step::Half => V::float(primitive::read_f16::<O>(src)),
        Step::F32 | Step::F32Checked => V::float(primitive::read_f32::<O>(src)),
        Step::Pascal => V::bytes(primitive::read_pascal(src), failed),
        _ => V::int(primitive::read_int::<O>(src, op.code.is_signed_int())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_op_is_forty_bytes() {
        assert!(core::mem::size_of::<Op>() <= 40);
    }

    #[test]
    fn runs_of_one_code_fuse() {
        let (plan, _) = Plan::compile(b"<b b 3b h").unwrap();
        assert_eq!(plan.ops().len(), 2);
        assert_eq!(plan.ops()[0].count, 5);
        // Native alignment breaks a run: `h` at 0, then 2 bytes of `b`, `h` at 4.
        let (plan, _) = Plan::compile(b"@hbbh").unwrap();
        assert_eq!(plan.ops().len(), 3);
    }

    #[test]
    fn signed_p_and_odd_rules_take_the_general_step() {
        assert_eq!(step_of(Code::Pointer, Order::Native, 8), Step::IntOther);
        assert_eq!(step_of(Code::LongLong, Order::Big, 8), Step::I64);
        assert_eq!(step_of(Code::Long, Order::Big, 4), Step::I32);
    }
}
