//! The compiled form of a format: one op per item that carries values, with every
//! decision that depends only on the format (element size, range bounds, byte
//! order) taken once, and the loops that encode and decode values with them.
//!
//! The hot loops touch only what a value needs (its bounds and where it goes);
//! CPython's exact error for a refused value is worked out afterwards, off the
//! fast path, by [`diagnose`].

use crate::error::{Detail, Error};
use crate::wire::codec::{self, IntRule};
use crate::wire::float;
use crate::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;
use byteorder::{BigEndian, ByteOrder, LittleEndian};
use netpack_format::{Code, FormatError, Order, Parser, Summary};

/// What an op does with its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    SignedInt,
    UnsignedInt,
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

/// Which encoding loop an op takes: decided once, so that encoding dispatches on
/// one small tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    Double,
    Bool,
    Other,
}

/// One item of the format that carries values. Pad items and zero-count items
/// have no op: their bytes are the zeros packing starts from.
#[derive(Clone, Copy, Debug)]
struct Op {
    step: Step,
    kind: Kind,
    code: Code,
    /// Elements (1 for `s`/`p`, whose byte length is `size`).
    count: usize,
    offset: usize,
    /// Bytes per element.
    size: usize,
    /// Index of the first value this op takes.
    arg: usize,
    /// Byte position of the item in the format string.
    position: usize,
    /// For integers: the values that pass CPython's checks.
    lo: i128,
    hi: i128,
}

/// A format compiled for packing and unpacking.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    order: Order,
    values: usize,
    ops: Box<[Op]>,
    /// Every op takes exactly one value (op `k` takes value `k`): the common
    /// case, which encodes with a loop of its own.
    scalar: bool,
}

impl Plan {
    /// Parses `format` and lays out its ops.
    pub(crate) fn compile(format: &[u8]) -> Result<(Plan, Summary), FormatError> {
        let mut parser = Parser::new(format)?;
        let order = parser.order();
        let mut ops = Vec::new();
        let mut arg = 0;
        while let Some(item) = parser.next_item()? {
            let code = item.code;
            let kind = match code {
                Code::Pad => continue,
                Code::Bytes => Kind::Bytes,
                Code::Pascal => Kind::Pascal,
                _ if item.count == 0 => continue,
                Code::Char => Kind::Char,
                Code::Bool => Kind::Bool,
                Code::Half => Kind::Half,
                Code::Float if order.is_native() => Kind::F32,
                Code::Float => Kind::F32Checked,
                Code::Double => Kind::F64,
                _ if code.is_signed_int() => Kind::SignedInt,
                _ => Kind::UnsignedInt,
            };
            let (count, size) = if code.is_string() {
                (1, item.count)
            } else {
                (item.count, item.size)
            };
            let rule = IntRule::new(code, order, item.size);
            let step = match (kind, size) {
                (Kind::SignedInt, 1) => Step::I8,
                (Kind::UnsignedInt, 1) => Step::U8,
                (Kind::SignedInt, 2) => Step::I16,
                (Kind::UnsignedInt, 2) => Step::U16,
                (Kind::SignedInt, 4) => Step::I32,
                (Kind::UnsignedInt, 4) => Step::U32,
                (Kind::SignedInt, 8) => Step::I64,
                (Kind::UnsignedInt, 8) => Step::U64,
                (Kind::F64, 8) => Step::Double,
                (Kind::Bool, 1) => Step::Bool,
                _ => Step::Other,
            };
            ops.push(Op {
                step,
                kind,
                code,
                count,
                offset: item.offset,
                size,
                arg,
                position: item.position,
                lo: rule.lo(),
                hi: rule.hi(),
            });
            arg += item.values();
        }
        let summary = Summary {
            order,
            size: parser.size(),
            values: parser.values(),
            items: parser.items(),
        };
        let scalar = ops.len() == summary.values && ops.iter().all(|op| op.count == 1);
        let plan = Plan {
            order,
            values: summary.values,
            ops: ops.into_boxed_slice(),
            scalar,
        };
        Ok((plan, summary))
    }

    /// Encodes `args` (exactly as many as the format takes) into `buf` (exactly
    /// the format's size, zeroed).
    pub(crate) fn encode(&self, buf: &mut [u8], args: &[Value]) -> Result<(), Error> {
        if self.order.is_little_endian() {
            self.encode_with::<LittleEndian>(buf, args)
        } else {
            self.encode_with::<BigEndian>(buf, args)
        }
    }

    /// Decodes every value of `buf` (exactly the format's size) onto `out`.
    pub(crate) fn decode(&self, buf: &[u8], out: &mut Vec<Value>) {
        if self.order.is_little_endian() {
            self.decode_with::<LittleEndian>(buf, out)
        } else {
            self.decode_with::<BigEndian>(buf, out)
        }
    }

    fn encode_with<O: ByteOrder>(&self, buf: &mut [u8], args: &[Value]) -> Result<(), Error> {
        if self.scalar {
            for (k, (op, v)) in self.ops.iter().zip(args).enumerate() {
                if encode_scalar::<O>(op, v, buf).is_none() {
                    let detail = diagnose(op, self.order, v);
                    return Err(Error::new(detail).at(k, op.code.as_char(), op.position));
                }
            }
            return Ok(());
        }
        for op in self.ops.iter() {
            // The common kinds get a loop of their own with the element size known
            // to the compiler; the others share the general loop.
            let refused = match op.step {
                Step::I8 | Step::U8 => ints::<1>(op, buf, args, |d, x| d[0] = x as u8),
                Step::I16 | Step::U16 => ints::<2>(op, buf, args, |d, x| O::write_u16(d, x as u16)),
                Step::I32 | Step::U32 => ints::<4>(op, buf, args, |d, x| O::write_u32(d, x as u32)),
                Step::I64 | Step::U64 => ints::<8>(op, buf, args, |d, x| O::write_u64(d, x as u64)),
                Step::Double => elements::<8>(op, buf, args, |d, v| {
                    O::write_u64(d, v.as_float()?.to_bits());
                    Some(())
                }),
                Step::Bool => elements::<1>(op, buf, args, |d, v| {
                    d[0] = u8::from(v.is_truthy());
                    Some(())
                }),
                Step::Other => (0..op.count).find(|&k| {
                    let start = op.offset + k * op.size;
                    let dst = &mut buf[start..start + op.size];
                    encode_one::<O>(op, &args[op.arg + k], dst).is_none()
                }),
            };
            if let Some(k) = refused {
                let detail = diagnose(op, self.order, &args[op.arg + k]);
                return Err(Error::new(detail).at(op.arg + k, op.code.as_char(), op.position));
            }
        }
        Ok(())
    }

    fn decode_with<O: ByteOrder>(&self, buf: &[u8], out: &mut Vec<Value>) {
        out.reserve(self.values);
        for op in self.ops.iter() {
            let bytes = &buf[op.offset..op.offset + op.count * op.size];
            match op.step {
                Step::I8 => out.extend(bytes.iter().map(|&b| Value::Int(b as i8 as i128))),
                Step::U8 => out.extend(bytes.iter().map(|&b| Value::Int(b as i128))),
                Step::I16 => read::<2>(bytes, out, |b| Value::Int(O::read_i16(b) as i128)),
                Step::U16 => read::<2>(bytes, out, |b| Value::Int(O::read_u16(b) as i128)),
                Step::I32 => read::<4>(bytes, out, |b| Value::Int(O::read_i32(b) as i128)),
                Step::U32 => read::<4>(bytes, out, |b| Value::Int(O::read_u32(b) as i128)),
                Step::I64 => read::<8>(bytes, out, |b| Value::Int(O::read_i64(b) as i128)),
                Step::U64 => read::<8>(bytes, out, |b| Value::Int(O::read_u64(b) as i128)),
                Step::Double => read::<8>(bytes, out, |b| Value::Float(codec::read_f64::<O>(b))),
                Step::Bool => out.extend(bytes.iter().map(|&b| Value::Bool(b != 0))),
                Step::Other => {
                    for k in 0..op.count {
                        out.push(decode_one::<O>(op, &bytes[k * op.size..(k + 1) * op.size]));
                    }
                }
            }
        }
    }
}

/// An integer value within `op`'s bounds.
#[inline(always)]
fn int_in(op: &Op, v: &Value) -> Option<i128> {
    let x = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => i128::from(*b),
        _ => return None,
    };
    (op.lo <= x && x <= op.hi).then_some(x)
}

/// Encodes the one value of a one-value op; `None` when it is refused.
#[inline(always)]
fn encode_scalar<O: ByteOrder>(op: &Op, v: &Value, buf: &mut [u8]) -> Option<()> {
    let at = op.offset;
    match op.step {
        Step::I8 | Step::U8 => buf[at] = int_in(op, v)? as u8,
        Step::I16 | Step::U16 => O::write_u16(&mut buf[at..at + 2], int_in(op, v)? as u16),
        Step::I32 | Step::U32 => O::write_u32(&mut buf[at..at + 4], int_in(op, v)? as u32),
        Step::I64 | Step::U64 => O::write_u64(&mut buf[at..at + 8], int_in(op, v)? as u64),
        Step::Double => O::write_u64(&mut buf[at..at + 8], v.as_float()?.to_bits()),
        Step::Bool => buf[at] = u8::from(v.is_truthy()),
        Step::Other => encode_one::<O>(op, v, &mut buf[at..at + op.size])?,
    }
    Some(())
}

/// The `N` bytes of element `k` of `op`.
#[inline(always)]
fn element<'b, const N: usize>(op: &Op, buf: &'b mut [u8], k: usize) -> &'b mut [u8; N] {
    let start = op.offset + k * N;
    match buf[start..].first_chunk_mut::<N>() {
        Some(dst) => dst,
        // The plan lies inside the struct, and `buf` is the struct's size.
        None => unreachable!("netpack: element outside the struct"),
    }
}

/// Encodes `op.count` integers of `N` bytes; the index of the first value refused.
#[inline(always)]
fn ints<const N: usize>(
    op: &Op,
    buf: &mut [u8],
    args: &[Value],
    write: impl Fn(&mut [u8; N], i128),
) -> Option<usize> {
    for k in 0..op.count {
        let x = match &args[op.arg + k] {
            Value::Int(i) => *i,
            Value::Bool(b) => i128::from(*b),
            _ => return Some(k),
        };
        if x < op.lo || x > op.hi {
            return Some(k);
        }
        write(element::<N>(op, buf, k), x);
    }
    None
}

/// Encodes `op.count` values of `N` bytes with `write`; the index of the first
/// value it refuses (returns `None` for).
#[inline(always)]
fn elements<const N: usize>(
    op: &Op,
    buf: &mut [u8],
    args: &[Value],
    write: impl Fn(&mut [u8; N], &Value) -> Option<()>,
) -> Option<usize> {
    (0..op.count).find(|&k| write(element::<N>(op, buf, k), &args[op.arg + k]).is_none())
}

/// Decodes every `N`-byte element of `bytes` onto `out`.
#[inline(always)]
fn read<const N: usize>(bytes: &[u8], out: &mut Vec<Value>, read: impl Fn(&[u8; N]) -> Value) {
    let (chunks, _) = bytes.as_chunks::<N>();
    out.extend(chunks.iter().map(read));
}

/// Encodes one value of any kind; `None` when the value is refused.
#[inline]
fn encode_one<O: ByteOrder>(op: &Op, v: &Value, dst: &mut [u8]) -> Option<()> {
    match op.kind {
        Kind::SignedInt | Kind::UnsignedInt => {
            let x = v.as_int().filter(|x| op.lo <= *x && *x <= op.hi)?;
            codec::write_int::<O>(dst, x);
        }
        Kind::Bool => dst[0] = u8::from(v.is_truthy()),
        Kind::Char => match v {
            Value::Bytes(b) if b.len() == 1 => dst[0] = b[0],
            _ => return None,
        },
        Kind::Half => codec::write_f16::<O>(dst, v.as_float()?)?,
        Kind::F32 => codec::write_f32::<O>(dst, float::f64_to_f32(v.as_float()?)),
        Kind::F32Checked => codec::write_f32::<O>(dst, float::f64_to_f32_checked(v.as_float()?)?),
        Kind::F64 => codec::write_f64::<O>(dst, v.as_float()?),
        Kind::Bytes => codec::write_bytes(dst, v.as_bytes()?),
        Kind::Pascal => codec::write_pascal(dst, v.as_bytes()?),
    }
    Some(())
}

/// CPython's error for a value an op refused.
#[cold]
#[inline(never)]
fn diagnose(op: &Op, order: Order, v: &Value) -> Detail {
    let fault = match op.kind {
        Kind::SignedInt | Kind::UnsignedInt => {
            codec::int_arg(v).and_then(|x| IntRule::new(op.code, order, op.size).check(x))
        }
        Kind::Bool => Ok(()),
        Kind::Char => Err(Detail::CharLength),
        Kind::Half => codec::float_arg(v).and(Err(codec::float_overflow(v, b'e'))),
        Kind::F32 | Kind::F32Checked => {
            codec::float_arg(v).and(Err(codec::float_overflow(v, b'f')))
        }
        Kind::F64 => codec::float_arg(v).map(|_| ()),
        Kind::Bytes => Err(Detail::NotBytes(b's')),
        Kind::Pascal => Err(Detail::NotBytes(b'p')),
    };
    // Every refusal has a cause above; this only guards against a gap.
    fault.err().unwrap_or(Detail::OutOfRange)
}

#[inline]
fn decode_one<O: ByteOrder>(op: &Op, src: &[u8]) -> Value {
    match op.kind {
        Kind::SignedInt => Value::Int(codec::read_int::<O>(src, true)),
        Kind::UnsignedInt => Value::Int(codec::read_int::<O>(src, false)),
        Kind::Bool => Value::Bool(src[0] != 0),
        Kind::Char | Kind::Bytes => Value::Bytes(src.to_vec()),
        Kind::Half => Value::Float(codec::read_f16::<O>(src)),
        Kind::F32 | Kind::F32Checked => Value::Float(codec::read_f32::<O>(src)),
        Kind::F64 => Value::Float(codec::read_f64::<O>(src)),
        Kind::Pascal => Value::Bytes(codec::read_pascal(src).to_vec()),
    }
}
