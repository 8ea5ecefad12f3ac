//! The run-time side of the derive's expressions (`len = "ihl * 4 - 20"`,
//! `if = "flags & 1 != 0"`, `count = "n"`): the values of the fields they name,
//! checked integer arithmetic with Python's semantics, and the checks and
//! errors of each attribute. Every operation is inlined into the derived code,
//! so an expression costs what the same arithmetic written by hand costs.

use crate::error::{Detail, Error, ExprFault};

/// A step of an expression: a value (booleans are 0 and 1), or what failed.
pub type Value = Result<i128, ExprFault>;

/// A field an expression may name: an integer or a `bool`.
#[diagnostic::on_unimplemented(
    message = "a field named in a netpack expression must be an integer or a bool, not `{Self}`",
    label = "named in an expression (`len`, `if`, `count`)"
)]
pub trait Operand {
    /// The value, widened.
    fn operand(&self) -> i128;
}

macro_rules! operand {
    ($($t:ty),*) => {$(
        impl Operand for $t {
            #[inline(always)]
            fn operand(&self) -> i128 {
                *self as i128
            }
        }
    )*};
}

operand!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, bool);

impl<T: Operand + ?Sized> Operand for &T {
    #[inline(always)]
    fn operand(&self) -> i128 {
        (**self).operand()
    }
}

/// The value of a field in an expression.
#[inline(always)]
pub fn operand<T: Operand + ?Sized>(field: &T) -> Value {
    Ok(field.operand())
}

/// A binary operator of an expression: the derive's own table, shared through
/// `netpack-format`. The generated code joins conditions with [`and`] and [`or`],
/// which evaluate their right side only when needed.
pub use netpack_format::BinOp as Op;

/// `a op b`, checked: overflow, division by zero and a negative shift count
/// are faults, as Python's `OverflowError` (beyond 128 bits here),
/// `ZeroDivisionError` and `ValueError`.
#[inline(always)]
pub fn binary(op: Op, a: Value, b: Value) -> Value {
    let (a, b) = (a?, b?);
    let overflow = ExprFault::Overflow;
    match op {
        Op::Add => a.checked_add(b).ok_or(overflow),
        Op::Sub => a.checked_sub(b).ok_or(overflow),
        Op::Mul => a.checked_mul(b).ok_or(overflow),
        Op::Div | Op::Rem => floor_div(op, a, b),
        Op::Shl => shift_left(a, b),
        Op::Shr => match u32::try_from(b) {
            Ok(s) if s < 128 => Ok(a >> s),
            Ok(_) => Ok(if a < 0 { -1 } else { 0 }),
            Err(_) => Err(ExprFault::NegativeShift),
        },
        Op::BitAnd => Ok(a & b),
        Op::BitOr => Ok(a | b),
        Op::BitXor => Ok(a ^ b),
        Op::Eq => Ok((a == b) as i128),
        Op::Ne => Ok((a != b) as i128),
        Op::Lt => Ok((a < b) as i128),
        Op::Le => Ok((a <= b) as i128),
        Op::Gt => Ok((a > b) as i128),
        Op::Ge => Ok((a >= b) as i128),
        // Both sides evaluated: what [`and`] and [`or`] give once they have.
        Op::And => Ok((a != 0 && b != 0) as i128),
        Op::Or => Ok((a != 0 || b != 0) as i128),
    }
}

fn floor_div(op: Op, a: i128, b: i128) -> Value {
    if b == 0 {
        return Err(ExprFault::DivisionByZero);
    }
    let (q, r) = (
        a.checked_div(b).ok_or(ExprFault::Overflow)?,
        a.checked_rem(b).ok_or(ExprFault::Overflow)?,
    );
    let adjust = r != 0 && ((r < 0) != (b < 0));
    Ok(match (op, adjust) {
        (Op::Div, true) => q - 1,
        (Op::Div, false) => q,
        (_, true) => r + b,
        (_, false) => r,
    })
}

fn shift_left(a: i128, b: i128) -> Value {
    let s = u32::try_from(b).map_err(|_| {
        if b < 0 {
            ExprFault::NegativeShift
        } else {
            ExprFault::Overflow
        }
    })?;
    if a == 0 {
        return Ok(0);
    }
    match a.checked_shl(s) {
        Some(v) if v >> s == a => Ok(v),
        _ => Err(ExprFault::Overflow),
    }
}

/// `-a`, checked.
#[inline(always)]
pub fn neg(a: Value) -> Value {
    a?.checked_neg().ok_or(ExprFault::Overflow)
}

/// `!a`: 1 when `a` is 0 (false), else 0.
#[inline(always)]
pub fn not(a: Value) -> Value {
    Ok((a? == 0) as i128)
}

/// `a && b`, evaluating `b` only when `a` holds, as Python's `and`.
#[inline(always)]
pub fn and(a: Value, b: impl FnOnce() -> Value) -> Value {
    if a? == 0 {
        return Ok(0);
    }
    Ok((b()? != 0) as i128)
}

/// `a || b`, evaluating `b` only when `a` does not hold, as Python's `or`.
#[inline(always)]
pub fn or(a: Value, b: impl FnOnce() -> Value) -> Value {
    if a? != 0 {
        return Ok(1);
    }
    Ok((b()? != 0) as i128)
}

#[cold]
#[inline(never)]
fn fault(expr: &'static str, fault: ExprFault) -> Error {
    Error::new(Detail::Expression { expr, fault })
}

/// The length an expression gives (decoding): a negative one, or one beyond
/// `usize`, is an error.
#[inline(always)]
pub fn expr_length(value: Value, expr: &'static str) -> Result<usize, Error> {
    let value = value.map_err(|e| fault(expr, e))?;
    usize::try_from(value).map_err(|_| Error::new(Detail::BadLength { value }))
}

/// Checks that a length expression gives `n`, the length of its data
/// (encoding).
#[inline(always)]
pub fn check_expr_length(value: Value, expr: &'static str, n: usize) -> Result<(), Error> {
    let value = value.map_err(|e| fault(expr, e))?;
    if value == n as i128 {
        Ok(())
    } else {
        Err(Error::new(Detail::LengthMismatch {
            field: expr,
            value,
            len: n,
        }))
    }
}

/// Whether a condition holds (not zero, as in Python).
#[inline(always)]
pub fn condition(value: Value, expr: &'static str) -> Result<bool, Error> {
    Ok(value.map_err(|e| fault(expr, e))? != 0)
}

/// Checks that a conditional field is present exactly when its condition
/// holds (encoding).
#[inline(always)]
pub fn check_condition(value: Value, expr: &'static str, present: bool) -> Result<(), Error> {
    if condition(value, expr)? == present {
        Ok(())
    } else {
        Err(Error::new(Detail::Condition { expr, present }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_division() {
        // Python: 7 // 2, -7 // 2, 7 // -2, -7 % 2, 7 % -2
        assert_eq!(binary(Op::Div, Ok(7), Ok(2)), Ok(3));
        assert_eq!(binary(Op::Div, Ok(-7), Ok(2)), Ok(-4));
        assert_eq!(binary(Op::Div, Ok(7), Ok(-2)), Ok(-4));
        assert_eq!(binary(Op::Rem, Ok(-7), Ok(2)), Ok(1));
        assert_eq!(binary(Op::Rem, Ok(7), Ok(-2)), Ok(-1));
        assert_eq!(
            binary(Op::Div, Ok(1), Ok(0)),
            Err(ExprFault::DivisionByZero)
        );
        assert_eq!(
            binary(Op::Div, Ok(i128::MIN), Ok(-1)),
            Err(ExprFault::Overflow)
        );
    }

    #[test]
    fn shifts() {
        assert_eq!(binary(Op::Shl, Ok(1), Ok(126)), Ok(1 << 126));
        assert_eq!(binary(Op::Shl, Ok(1), Ok(127)), Err(ExprFault::Overflow));
        assert_eq!(binary(Op::Shl, Ok(0), Ok(1000)), Ok(0));
        assert_eq!(
            binary(Op::Shl, Ok(1), Ok(-1)),
            Err(ExprFault::NegativeShift)
        );
        assert_eq!(binary(Op::Shr, Ok(-5), Ok(1000)), Ok(-1));
        assert_eq!(binary(Op::Shr, Ok(-5), Ok(1)), Ok(-3));
    }

    #[test]
    fn logic_short_circuits() {
        let boom = || -> Value { Err(ExprFault::DivisionByZero) };
        assert_eq!(and(Ok(0), boom), Ok(0));
        assert_eq!(or(Ok(5), boom), Ok(1));
        assert_eq!(and(Ok(5), || Ok(3)), Ok(1));
        assert_eq!(not(Ok(3)), Ok(0));
        assert_eq!(neg(Ok(i128::MIN)), Err(ExprFault::Overflow));
        // Python: 5 and 3 -> True, 0 or 0 -> False (as 1 and 0).
        assert_eq!(binary(Op::And, Ok(5), Ok(3)), Ok(1));
        assert_eq!(binary(Op::Or, Ok(0), Ok(0)), Ok(0));
    }
}
