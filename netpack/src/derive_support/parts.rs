//! The run-time helpers a derived message's parts call: fixed parts, length
//! prefixes and fields, caps, terminators, the rest of the input, and the error
//! context (field path, byte offset) added on the error path only.

use crate::error::{Detail, Error};
use crate::typed::variable::{ByteField, Variable};
use crate::wire::endian::Endian;
use crate::wire::primitive::{self, IntRule};
use alloc::vec::Vec;
use netpack_format::{Code, Order};

/// The error of a field being decoded: its path and where it starts.
#[cold]
#[inline(never)]
pub fn in_field(e: Error, path: &'static str, offset: usize) -> Error {
    e.in_field(path, Some(offset))
}

/// The error of a field being encoded: its path.
#[cold]
#[inline(never)]
pub fn in_field_encoding(e: Error, path: &'static str) -> Error {
    e.in_field(path, None)
}

/// The error of a part decoded from `buf[by..]`, reported for `buf`.
#[cold]
#[inline(never)]
pub fn shifted(e: Error, by: usize) -> Error {
    e.shifted(by)
}

/// The `size` bytes of a fixed part at `pos`, or CPython's `unpack_from` error.
#[inline]
pub fn fixed(buf: &[u8], pos: usize, size: usize) -> Result<&[u8], Error> {
    match pos.checked_add(size).and_then(|end| buf.get(pos..end)) {
        Some(part) => Ok(part),
        None => Err(short(size, pos, buf.len())),
    }
}

#[cold]
fn short(size: usize, pos: usize, len: usize) -> Error {
    Error::new(Detail::UnpackFrom {
        size,
        offset: pos as isize,
        len,
    })
}

/// The input from `pos` on (empty past the end).
#[inline]
pub fn rest_of(buf: &[u8], pos: usize) -> &[u8] {
    buf.get(pos..).unwrap_or(&[])
}

/// Appends with `f`, or appends nothing when it fails.
#[inline]
pub fn encode_atomic(
    out: &mut Vec<u8>,
    f: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>,
) -> Result<(), Error> {
    let start = out.len();
    let result = f(out);
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// Makes room for a fixed part of `size` zero bytes at the end of `out` and
/// returns it.
#[inline]
pub fn part(out: &mut Vec<u8>, size: usize) -> &mut [u8] {
    let start = out.len();
    out.resize(start + size, 0);
    &mut out[start..]
}

/// The integer code of a length prefix in a message's byte order: checked when
/// the derived type is compiled, so writing and reading need no fallback.
#[derive(Clone, Copy, Debug)]
pub struct LengthCode {
    rule: IntRule,
    size: usize,
    signed: bool,
}

impl LengthCode {
    /// The length code `code` under the order `prefix`; a compile error for
    /// anything but a standard integer code and an order prefix.
    pub const fn new(prefix: u8, code: u8) -> LengthCode {
        let Some(order) = Order::from_prefix(prefix) else {
            panic!("netpack: a message's order must be one of @ = < > !");
        };
        let Some(code) = Code::from_char(code) else {
            panic!("netpack: a length code must be an integer code");
        };
        let Some(size) = code.standard_size() else {
            panic!("netpack: a length code must be a standard integer code");
        };
        if !(code.is_signed_int() || code.is_unsigned_int()) {
            panic!("netpack: a length code must be an integer code");
        }
        LengthCode {
            rule: IntRule::new(code, order, size),
            size,
            signed: code.is_signed_int(),
        }
    }

    /// The bytes the length takes.
    pub const fn size(&self) -> usize {
        self.size
    }
}

/// Writes the length `n` at `buf[offset..]`, or CPython's range error for the
/// code.
#[inline]
pub fn write_length<O: Endian>(
    buf: &mut [u8],
    offset: usize,
    code: &LengthCode,
    n: usize,
) -> Result<(), Error> {
    let x = n as i128;
    code.rule.check(x).map_err(Error::new)?;
    primitive::write_int::<O::Bytes>(&mut buf[offset..offset + code.size], x);
    Ok(())
}

/// Reads a length at `buf[offset..]`; a negative one is an error.
#[inline]
pub fn read_length<O: Endian>(
    buf: &[u8],
    offset: usize,
    code: &LengthCode,
) -> Result<usize, Error> {
    let src = &buf[offset..offset + code.size];
    to_length(primitive::read_int::<O::Bytes>(src, code.signed))
}

fn to_length(value: i128) -> Result<usize, Error> {
    usize::try_from(value).map_err(|_| Error::new(Detail::BadLength { value }))
}

/// An integer field that counts a variable field (`#[netpack(len = "…")]`).
#[diagnostic::on_unimplemented(
    message = "a length field must be an integer, not `{Self}`",
    label = "named by `len = \"…\"`"
)]
pub trait Length {
    /// The value, widened.
    fn value(&self) -> i128;
}

macro_rules! length {
    ($($t:ty),*) => {$(
        impl Length for $t {
            #[inline(always)]
            fn value(&self) -> i128 {
                *self as i128
            }
        }
    )*};
}

length!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// The length a decoded length field holds.
#[inline]
pub fn length_of<L: Length>(field: &L) -> Result<usize, Error> {
    to_length(field.value())
}

/// Checks that length field `name` holds `n`, the length of its data.
#[inline]
pub fn check_length<L: Length>(field: &L, name: &'static str, n: usize) -> Result<(), Error> {
    let value = field.value();
    if value == n as i128 {
        Ok(())
    } else {
        Err(Error::new(Detail::LengthMismatch {
            field: name,
            value,
            len: n,
        }))
    }
}

/// Checks a length against a field's cap.
#[inline]
pub fn check_cap(n: usize, max: usize) -> Result<(), Error> {
    if n <= max {
        Ok(())
    } else {
        Err(Error::new(Detail::TooLong { len: n, max }))
    }
}

/// Appends a NUL-terminated field: its bytes, which must hold no NUL, then NUL.
#[inline]
pub fn encode_nul<'a, T: ByteField<'a>>(field: &T, out: &mut Vec<u8>) -> Result<(), Error> {
    let bytes = field.as_bytes();
    if let Some(index) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::new(Detail::InteriorNul { index }));
    }
    out.extend_from_slice(bytes);
    out.push(0);
    Ok(())
}

/// Decodes a field of `count` elements at `pos`; checks the cap before looking
/// at (or allocating for) the data. Returns the field and the bytes it took.
#[inline]
pub fn decode_counted<'a, O: Endian, T: Variable<'a>>(
    buf: &'a [u8],
    pos: usize,
    count: usize,
    max: Option<usize>,
) -> Result<(T, usize), Error> {
    if let Some(max) = max {
        check_cap(count, max)?;
    }
    let Some(size) = count.checked_mul(T::ELEMENT) else {
        return Err(Error::new(Detail::BadLength {
            value: count as i128,
        }));
    };
    let bytes = fixed(buf, pos, size)?;
    let field = T::decode::<O>(bytes, count).map_err(|e| e.shifted(pos))?;
    Ok((field, size))
}

/// Decodes a NUL-terminated field at `pos`, looking no further than its cap.
/// Returns the field and the bytes it took, NUL included. Inlined into the
/// derived decoder, as a hand-written one would be (W5 in `benches/README.md`).
#[inline(always)]
pub fn decode_nul<'a, T: ByteField<'a>>(
    buf: &'a [u8],
    pos: usize,
    max: Option<usize>,
) -> Result<(T, usize), Error> {
    let rest = rest_of(buf, pos);
    let window = match max {
        Some(max) if max < rest.len() => &rest[..max + 1],
        _ => rest,
    };
    match window.iter().position(|&b| b == 0) {
        Some(n) => {
            // Bytes and text have no byte order.
            let field = T::decode::<crate::wire::endian::BigEndian>(&rest[..n], n)
                .map_err(|e| e.shifted(pos))?;
            Ok((field, n + 1))
        }
        None => match max {
            Some(max) if window.len() > max => Err(Error::new(Detail::NulTooFar { max })),
            _ => Err(Error::new(Detail::NulMissing { len: buf.len() })),
        },
    }
}

/// Decodes a field that takes the rest of the input from `pos`.
#[inline]
pub fn decode_rest<'a, O: Endian, T: Variable<'a>>(
    buf: &'a [u8],
    pos: usize,
    max: Option<usize>,
) -> Result<(T, usize), Error> {
    let rest = rest_of(buf, pos);
    let size = T::ELEMENT;
    if !rest.len().is_multiple_of(size) {
        return Err(Error::new(Detail::IterMultiple { size }));
    }
    let count = rest.len() / size;
    if let Some(max) = max {
        check_cap(count, max)?;
    }
    let field = T::decode::<O>(rest, count).map_err(|e| e.shifted(pos))?;
    Ok((field, rest.len()))
}

/// The error for a tag that names no variant.
#[cold]
pub fn unknown_tag(value: i128) -> Error {
    Error::new(Detail::UnknownTag { value })
}
