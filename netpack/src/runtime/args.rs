//! The arguments of `pack`: what a [`Value`] holds as a number, with the errors
//! CPython gives for an argument of the wrong type.

use crate::error::Detail;
use crate::runtime::value::Value;

/// An integer argument: `Int` or `Bool`; a float or bytes is `required argument is
/// not an integer`.
#[inline]
pub(crate) fn int_arg(v: &Value) -> Result<i128, Detail> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i128::from(*b)),
        _ => Err(Detail::NotInteger),
    }
}

/// A float argument: `Float`, `Int` or `Bool`; bytes are `required argument is not
/// a float`.
#[inline]
pub(crate) fn float_arg(v: &Value) -> Result<f64, Detail> {
    v.as_float().ok_or(Detail::NotFloat)
}

/// The error for a float too large for `e` or standard `f`: CPython reports an
/// `int` argument as `int too large to convert`.
#[inline]
pub(crate) fn float_overflow(v: &Value, code: u8) -> Detail {
    match v {
        Value::Int(_) | Value::Bool(_) => Detail::IntTooLarge,
        _ => Detail::FloatTooLarge(code),
    }
}
