//! How a derived struct encodes a field whose code a field attribute chose:
//! [`AsChar`] for `c`, [`AsHalf`] for `e`, and [`coded`] for another integer code
//! of the same size.
//!
//! Every other field, and the bytes and values of a `code = …` field, are its
//! type's own hidden [`NetPack`](crate::NetPack) items, which have the same
//! names (with `__`) and signatures as [`FieldCodec`]'s: the derive names them
//! through `NetPack` itself, so a field type without a layout is reported as not implementing
//! `NetPack`, with no private path in the error. A field type that the chosen
//! code cannot hold is a trait or `const` error at compile time.

use crate::error::{Detail, Error};
use crate::typed::shape::{code_class, ExplicitOrder, Shape};
use crate::wire::codec;
use crate::wire::float;
use crate::Value;
use alloc::vec::Vec;
use byteorder::ByteOrder;
use netpack_format::Order;

/// The encoding of a field of type `T`.
pub trait FieldCodec<T> {
    /// The field's layout.
    const SHAPE: Shape;
    /// The number of values it packs and unpacks.
    const VALUES: usize = Self::SHAPE.values();
    /// The byte order written on the field's type, if any.
    const EXPLICIT_ORDER: ExplicitOrder = None;
    /// Writes the field at `offsets` (one per value).
    fn encode<O: ByteOrder>(v: &T, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error>;
    /// Rejects bytes that no value encodes.
    fn check<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> Result<(), Error>;
    /// Reads the field (after `check`).
    fn decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> T;
    /// Appends the field's Python values.
    fn to_values(v: &T, out: &mut Vec<Value>);
    /// Checks the field's values as `pack` would.
    fn check_values(values: &[Value], first: usize, order: Order) -> Result<(), Error>;
    /// Builds the field from its values (after `check_values`).
    fn from_values(values: &[Value], order: Order) -> T;
}

/// `#[netpack(c)]` on a `u8`: a one-byte `bytes` value (`c`).
pub struct AsChar;

impl FieldCodec<u8> for AsChar {
    const SHAPE: Shape = Shape::one(b'c', 1);
    #[inline(always)]
    fn encode<O: ByteOrder>(v: &u8, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        buf[offsets[0]] = *v;
        Ok(())
    }
    #[inline(always)]
    fn check<O: ByteOrder>(_: &[u8], _: &[usize]) -> Result<(), Error> {
        Ok(())
    }
    #[inline(always)]
    fn decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> u8 {
        buf[offsets[0]]
    }
    fn to_values(v: &u8, out: &mut Vec<Value>) {
        out.push(Value::Bytes(alloc::vec![*v]));
    }
    fn check_values(values: &[Value], first: usize, _: Order) -> Result<(), Error> {
        match &values[0] {
            Value::Bytes(b) if b.len() == 1 => Ok(()),
            _ => Err(Error::new(Detail::CharLength).at_argument(first)),
        }
    }
    fn from_values(values: &[Value], _: Order) -> u8 {
        values[0]
            .as_bytes()
            .and_then(|b| b.first().copied())
            .unwrap_or(0)
    }
}

/// `#[netpack(e)]` on an `f32`: an IEEE half float (`e`). Packing a value above
/// the half range (65504, rounding) is an error, as in Python.
pub struct AsHalf;

/// The half-float bits for a value, with the error `pack` gives.
fn half_bits(v: &Value, first: usize) -> Result<u16, Error> {
    let x = codec::float_arg(v).map_err(|d| Error::new(d).at_argument(first))?;
    float::f64_to_f16_bits(x)
        .ok_or_else(|| Error::new(codec::float_overflow(v, b'e')).at_argument(first))
}

impl FieldCodec<f32> for AsHalf {
    const SHAPE: Shape = Shape::one(b'e', 2);
    #[inline(always)]
    fn encode<O: ByteOrder>(v: &f32, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        let start = offsets[0];
        codec::write_f16::<O>(&mut buf[start..start + 2], float::f32_to_f64(*v))
            .ok_or(Error::new(Detail::FloatTooLarge(b'e')))
    }
    #[inline(always)]
    fn check<O: ByteOrder>(_: &[u8], _: &[usize]) -> Result<(), Error> {
        Ok(())
    }
    #[inline(always)]
    fn decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> f32 {
        let start = offsets[0];
        // Every half value is exactly an f32; NaNs come back as CPython's quiet NaN.
        float::f64_to_f32(codec::read_f16::<O>(&buf[start..start + 2]))
    }
    fn to_values(v: &f32, out: &mut Vec<Value>) {
        out.push(Value::Float(float::f32_to_f64(*v)));
    }
    fn check_values(values: &[Value], first: usize, _: Order) -> Result<(), Error> {
        half_bits(&values[0], first).map(|_| ())
    }
    fn from_values(values: &[Value], _: Order) -> f32 {
        // Round to half once, from the double, as `pack` does.
        let bits = half_bits(&values[0], 0).unwrap_or(0);
        float::f64_to_f32(float::f16_bits_to_f64(bits))
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
