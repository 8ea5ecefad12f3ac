//! How a derived struct encodes a field whose code a field attribute chose:
//! [`AsChar`] for `c`, [`AsHalf`] for `e`, and [`coded`] for another integer code
//! of the same size.
//!
//! Every other field, and the bytes and values of a `code = …` field, are its
//! type's own hidden [`NetPack`](crate::NetPack) items, which have the same
//! names (with `__`) and signatures as [`FieldEncoding`]'s: the derive names them
//! through `NetPack` itself, so a field type without a layout is reported as not implementing
//! `NetPack`, with no private path in the error. A field type that the chosen
//! code cannot hold is a trait or `const` error at compile time.

use crate::error::{Detail, Error};
use crate::runtime::args::{float_arg, float_overflow};
use crate::runtime::value::Value;
use crate::typed::shape::{code_class, ExplicitOrder, Shape};
use crate::wire::endian::Endian;
use crate::wire::{float, primitive};
use alloc::vec::Vec;
use netpack_format::Order;

/// The encoding a field attribute chooses for a field of type `T`.
pub trait FieldEncoding<T> {
    /// The field's layout.
    const SHAPE: Shape;
    /// The number of values it packs and unpacks.
    const VALUES: usize = Self::SHAPE.values();
    /// The byte order written on the field's type, if any.
    const EXPLICIT_ORDER: ExplicitOrder = None;
    /// Writes the field at `offsets` (one per value).
    fn encode<O: Endian>(v: &T, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error>;
    /// Rejects bytes that no value encodes.
    fn check<O: Endian>(buf: &[u8], offsets: &[usize]) -> Result<(), Error>;
    /// Reads the field (after `check`).
    fn decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> T;
    /// Appends the field's Python values.
    fn to_values(v: &T, out: &mut Vec<Value>);
    /// Builds the field from its values, the first being argument `first`,
    /// with the checks of `pack`.
    fn from_values(values: &[Value], first: usize, order: Order) -> Result<T, Error>;
}

/// `#[netpack(c)]` on a `u8`: a one-byte `bytes` value (`c`).
pub struct AsChar;

impl FieldEncoding<u8> for AsChar {
    const SHAPE: Shape = Shape::one(b'c', 1);
    #[inline(always)]
    fn encode<O: Endian>(v: &u8, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        buf[offsets[0]] = *v;
        Ok(())
    }
    #[inline(always)]
    fn check<O: Endian>(_: &[u8], _: &[usize]) -> Result<(), Error> {
        Ok(())
    }
    #[inline(always)]
    fn decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> u8 {
        buf[offsets[0]]
    }
    fn to_values(v: &u8, out: &mut Vec<Value>) {
        out.push(Value::Bytes(alloc::vec![*v]));
    }
    fn from_values(values: &[Value], first: usize, _: Order) -> Result<u8, Error> {
        match &values[0] {
            Value::Bytes(b) if b.len() == 1 => Ok(b[0]),
            _ => Err(Error::new(Detail::CharLength).at_argument(first)),
        }
    }
}

/// `#[netpack(e)]` on an `f32`: an IEEE half float (`e`). Packing a value above
/// the half range (65504, rounding) is an error, as in Python.
pub struct AsHalf;

/// The half-float bits for a value, with the error `pack` gives.
fn half_bits(v: &Value, first: usize) -> Result<u16, Error> {
    let x = float_arg(v).map_err(|d| Error::new(d).at_argument(first))?;
    float::f64_to_f16_bits(x).ok_or_else(|| Error::new(float_overflow(v, b'e')).at_argument(first))
}

impl FieldEncoding<f32> for AsHalf {
    const SHAPE: Shape = Shape::one(b'e', 2);
    #[inline(always)]
    fn encode<O: Endian>(v: &f32, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        let start = offsets[0];
        primitive::write_f16::<O::Bytes>(&mut buf[start..start + 2], float::f32_to_f64(*v))
            .ok_or(Error::new(Detail::FloatTooLarge(b'e')))
    }
    #[inline(always)]
    fn check<O: Endian>(_: &[u8], _: &[usize]) -> Result<(), Error> {
        Ok(())
    }
    #[inline(always)]
    fn decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> f32 {
        let start = offsets[0];
        // Every half value is exactly an f32; NaNs come back as CPython's quiet NaN.
        float::f64_to_f32(primitive::read_f16::<O::Bytes>(&buf[start..start + 2]))
    }
    fn to_values(v: &f32, out: &mut Vec<Value>) {
        out.push(Value::Float(float::f32_to_f64(*v)));
    }
    fn from_values(values: &[Value], first: usize, _: Order) -> Result<f32, Error> {
        // Round to half once, from the double, as `pack` does.
        let bits = half_bits(&values[0], first)?;
        Ok(float::f64_to_f32(float::f16_bits_to_f64(bits)))
    }
}

/// The shape of a field with `#[netpack(code = 'l')]`: the field type's own
/// one-integer shape with another integer code of the same signedness, or `None`
/// when the field is no single integer or the code is of another class. The
/// format must give the code the field type's size (checked when the layout is
/// checked); the bytes and values are the field type's own, so the derive calls
/// its `NetPack` items for everything else.
pub const fn coded(shape: Shape, code: u8) -> Option<Shape> {
    match shape {
        Shape::Item {
            count: 1,
            code: own,
            size,
        } if code_class(own) == code_class(code) && matches!(code_class(code), b'i' | b'u') => {
            Some(Shape::Item {
                count: 1,
                code,
                size,
            })
        }
        _ => None,
    }
}
