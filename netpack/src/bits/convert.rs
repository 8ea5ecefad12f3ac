//! How bitstruct turns an argument into a field: Python's `int(arg)` for `u`
//! and `s` (a float truncates, a `str` or `bytes` is read as a decimal literal),
//! `float(arg)` for `f`, `bool(arg)` for `b`, `arg.encode('utf-8')` for `t` and the
//! bytes themselves for `r`, with the exceptions those raise.

use crate::bits::decimal::magnitude_bits;
use crate::bits::error::{BitsError, Inline, Num, TypeName, MAX_STR_DIGITS};
use crate::ValueRef;
use alloc::string::String;
use netpack_format::bits::{decimal, is_space};

/// An integer as `int(arg)` gives it: one that fits `i128`, or the size of one
/// beyond it (enough to tell whether a field holds it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PyInt {
    Small(i128),
    Big {
        negative: bool,
        /// The bit length of the magnitude.
        bits: u64,
        /// Whether the magnitude is a power of two.
        pow2: bool,
    },
}

impl PyInt {
    /// Whether the integer lies in the range of a `u{n}` (or `s{n}`) field.
    pub(crate) fn fits(self, signed: bool, n: u64) -> bool {
        match self {
            PyInt::Small(v) => {
                if signed {
                    n >= 128 || (-(1i128 << (n - 1)) <= v && v < (1i128 << (n - 1)))
                } else {
                    v >= 0 && (n >= 127 || v < (1i128 << n))
                }
            }
            PyInt::Big {
                negative,
                bits,
                pow2,
            } => match (signed, negative) {
                (false, true) => false,
                (false, false) => bits <= n,
                (true, false) => bits < n,
                // -2**(n-1) is the minimum: a magnitude of n bits that is a power of two.
                (true, true) => bits < n || (pow2 && bits == n),
            },
        }
    }
}

/// `int(arg)`.
pub(crate) fn int_of(arg: ValueRef<'_>) -> Result<PyInt, BitsError> {
    match arg {
        ValueRef::Int(i) => Ok(PyInt::Small(i)),
        ValueRef::Bool(b) => Ok(PyInt::Small(i128::from(b))),
        ValueRef::Float(x) if x.is_nan() => Err(BitsError::NanToInt),
        ValueRef::Float(x) if x.is_infinite() => Err(BitsError::InfinityToInt),
        ValueRef::Float(x) => Ok(float_to_int(x)),
        ValueRef::Str(s) => parse_int(s.chars(), true).map_err(|e| e.raise(arg)),
        ValueRef::Bytes(b) => {
            parse_int(b.iter().map(|&c| char::from(c)), false).map_err(|e| e.raise(arg))
        }
    }
}

/// `int(x)` of a finite float: truncated toward zero.
fn float_to_int(x: f64) -> PyInt {
    const TWO_127: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    if x.abs() < TWO_127 {
        return PyInt::Small(x as i128);
    }
    let bits = x.to_bits();
    let exp = (bits >> 52) & 0x7ff;
    PyInt::Big {
        negative: x < 0.0,
        bits: exp - 1022,
        pow2: bits & ((1 << 52) - 1) == 0,
    }
}

/// Why a literal did not read.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LiteralError {
    Invalid,
    TooManyDigits(usize),
}

impl LiteralError {
    fn raise(self, arg: ValueRef<'_>) -> BitsError {
        match self {
            LiteralError::Invalid => BitsError::IntLiteral {
                repr: Inline::display(arg),
            },
            LiteralError::TooManyDigits(n) => BitsError::IntDigits {
                digits: Num::new(n),
            },
        }
    }
}

/// Python's whitespace for `int()` and `float()`: the ASCII six, and in a `str`
/// every non-ASCII whitespace character (`\x1c`..`\x1f` are not stripped: CPython
/// maps only the non-ASCII ones to spaces before it strips).
fn is_strip_space(c: char, unicode: bool) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
        || (unicode && !c.is_ascii() && is_space(c))
}

/// The value of a digit: any Unicode decimal in a `str`, ASCII in `bytes`.
fn digit(c: char, unicode: bool) -> Option<u8> {
    if unicode || c.is_ascii() {
        decimal(c).map(|d| d as u8)
    } else {
        None
    }
}

/// `int(text)` in base 10, as CPython 3.11's `PyLong_FromString`: whitespace
/// around, a sign, digits with single underscores between them, at most 4300
/// digits.
pub(crate) fn parse_int<I>(chars: I, unicode: bool) -> Result<PyInt, LiteralError>
where
    I: Iterator<Item = char> + Clone,
{
    let mut rest = chars.skip_while(|&c| is_strip_space(c, unicode)).peekable();
    let negative = match rest.peek() {
        Some('-') => {
            rest.next();
            true
        }
        Some('+') => {
            rest.next();
            false
        }
        _ => false,
    };
    let body = rest.clone();
    // Digits and underscores, as CPython scans them before it converts.
    let mut digits = 0usize;
    let mut previous = None;
    loop {
        match rest.peek().copied() {
            Some('_') => {
                if previous != Some(true) {
                    // A leading or a second underscore.
                    return Err(LiteralError::Invalid);
                }
                previous = Some(false);
            }
            Some(c) if digit(c, unicode).is_some() => {
                digits += 1;
                previous = Some(true);
            }
            _ => break,
        }
        rest.next();
    }
    if previous != Some(true) {
        // No digit, or a trailing underscore.
        return Err(LiteralError::Invalid);
    }
    if digits > MAX_STR_DIGITS {
        return Err(LiteralError::TooManyDigits(digits));
    }
    if !rest.all(|c| is_strip_space(c, unicode)) {
        return Err(LiteralError::Invalid);
    }
    let values = body.filter_map(|c| digit(c, unicode)).take(digits);
    let mut small: Option<i128> = Some(0);
    for d in values.clone() {
        small = small
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(i128::from(d)));
    }
    match small {
        Some(v) => Ok(PyInt::Small(if negative { -v } else { v })),
        None => {
            let (bits, pow2) = magnitude_bits(values);
            if negative && bits == 128 && pow2 {
                return Ok(PyInt::Small(i128::MIN));
            }
            Ok(PyInt::Big {
                negative,
                bits,
                pow2,
            })
        }
    }
}

/// `float(arg)`.
pub(crate) fn float_of(arg: ValueRef<'_>) -> Result<f64, BitsError> {
    let parsed = match arg {
        ValueRef::Float(x) => return Ok(x),
        // Rounds to nearest, ties to even, as int.__float__.
        ValueRef::Int(i) => return Ok(i as f64),
        ValueRef::Bool(b) => return Ok(f64::from(u8::from(b))),
        ValueRef::Str(s) => parse_float(s.chars(), true),
        ValueRef::Bytes(b) => parse_float(b.iter().map(|&c| char::from(c)), false),
    };
    parsed.ok_or_else(|| BitsError::FloatLiteral {
        repr: Inline::display(arg),
    })
}

/// `float(text)` as CPython 3.11: whitespace around, underscores only between
/// digits, then the grammar of `PyOS_string_to_double` (which is Rust's own:
/// `1.`, `.5`, `1e5`, `inf`, `infinity`, `nan` in any case, with a sign).
fn parse_float<I>(chars: I, unicode: bool) -> Option<f64>
where
    I: Iterator<Item = char> + Clone,
{
    let mut ascii = String::new();
    let mut previous: Option<char> = None;
    let mut underscore = false;
    let trimmed = chars.skip_while(|&c| is_strip_space(c, unicode));
    let mut trailing = false;
    for c in trimmed {
        if is_strip_space(c, unicode) {
            trailing = true;
            continue;
        }
        if trailing {
            return None;
        }
        if c == '_' {
            if !previous.is_some_and(|p| p.is_ascii_digit()) {
                return None;
            }
            underscore = true;
            previous = Some('_');
            continue;
        }
        let c = match digit(c, unicode) {
            Some(d) => char::from(b'0' + d),
            None if c.is_ascii() => c,
            None => return None,
        };
        if underscore && !c.is_ascii_digit() {
            return None;
        }
        underscore = false;
        ascii.try_reserve(1).ok()?;
        ascii.push(c);
        previous = Some(c);
    }
    if underscore {
        return None;
    }
    ascii.parse::<f64>().ok()
}

/// The bytes of a `t` field: `arg.encode('utf-8')`.
pub(crate) fn text_of(arg: ValueRef<'_>) -> Result<&[u8], BitsError> {
    match arg {
        ValueRef::Str(s) => Ok(s.as_bytes()),
        other => Err(BitsError::NoEncode {
            type_name: TypeName::of(other).unwrap_or(TypeName::Int),
        }),
    }
}

/// The bytes of an `r` field.
pub(crate) fn raw_of(arg: ValueRef<'_>) -> Result<&[u8], BitsError> {
    match arg {
        ValueRef::Bytes(b) => Ok(b),
        ValueRef::Str(_) => Err(BitsError::StrPlusBytes),
        other => Err(BitsError::NoLen {
            type_name: TypeName::of(other).unwrap_or(TypeName::Int),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str) -> Result<PyInt, ()> {
        parse_int(s.chars(), true).map_err(|_| ())
    }

    #[test]
    fn int_literals_read_as_python() {
        assert_eq!(int(" -1 "), Ok(PyInt::Small(-1)));
        assert_eq!(int("0300"), Ok(PyInt::Small(300)));
        assert_eq!(int("1_000"), Ok(PyInt::Small(1000)));
        assert_eq!(int("\u{663}\u{664}"), Ok(PyInt::Small(34)));
        assert_eq!(int(" \u{85} 7 \u{3000}"), Ok(PyInt::Small(7)));
        for bad in ["", "-", "+ 1", "1__0", "_1", "1_", "0x10", "1\x1c", "1.0"] {
            assert_eq!(int(bad), Err(()), "{bad:?}");
        }
        let bytes = |b: &[u8]| parse_int(b.iter().map(|&c| char::from(c)), false).map_err(|_| ());
        assert_eq!(bytes(b" 7\x0b"), Ok(PyInt::Small(7)));
        assert_eq!(bytes(b"\xd9\xa3"), Err(()));
        assert_eq!(
            int("-170141183460469231731687303715884105728"),
            Ok(PyInt::Small(i128::MIN))
        );
        assert_eq!(
            int("170141183460469231731687303715884105728"),
            Ok(PyInt::Big {
                negative: false,
                bits: 128,
                pow2: true
            })
        );
    }

    #[test]
    fn float_literals_read_as_python() {
        let f = |s: &str| parse_float(s.chars(), true);
        assert_eq!(f("1_0.5"), Some(10.5));
        assert_eq!(f(" 1e1_0 "), Some(1e10));
        assert_eq!(f("\u{663}.5"), Some(3.5));
        assert_eq!(f("5."), Some(5.0));
        assert_eq!(f("-nan").map(f64::to_bits), Some(0xfff8_0000_0000_0000));
        for bad in [
            "1._5", "1e", "e5", ".e5", "in f", "nan_", "1e+_5", "0x1p3", "1 2",
        ] {
            assert_eq!(f(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ranges() {
        assert!(PyInt::Small(15).fits(false, 4) && !PyInt::Small(16).fits(false, 4));
        assert!(PyInt::Small(-8).fits(true, 4) && !PyInt::Small(-9).fits(true, 4));
        assert!(
            PyInt::Small(i128::MAX).fits(false, 127) && PyInt::Small(i128::MIN).fits(true, 128)
        );
        let big = PyInt::Big {
            negative: true,
            bits: 200,
            pow2: true,
        };
        assert!(big.fits(true, 200) && !big.fits(true, 199) && !big.fits(false, 300));
        assert_eq!(
            float_to_int(-1e300),
            PyInt::Big {
                negative: true,
                bits: 997,
                pow2: false
            }
        );
    }
}
