//! [`Value`]: what Python's `struct` packs and unpacks (int, bool, float, bytes),
//! and the `str` of bitstruct's text fields, with conversions from and into Rust
//! primitives and Python-style `repr`.

use crate::error::{Detail, Error};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

/// One packed or unpacked value, as Python sees it.
///
/// Unpacking gives [`Int`](Value::Int) for the integer codes, [`Bool`](Value::Bool)
/// for `?`, [`Float`](Value::Float) for `e f d` and [`Bytes`](Value::Bytes) for
/// `c s p`. Packing accepts what Python accepts: `Bool` wherever an `Int` or a
/// `Float` goes, `Int` for float codes, anything for `?` (by Python truthiness).
/// [`Str`](Value::Str) is for [`bits`](crate::bits)' `t` fields, as Python's
/// `bitstruct` packs and unpacks a `str`; the `struct` side refuses it exactly
/// as CPython refuses a `str` (`argument for 's' must be a bytes object`).
///
/// `Display` prints Python's `repr`; `Debug` prints the variant, with bytes as a
/// Rust byte string (`Bytes(b"test.jpg")`).
///
/// There is no `From<&str>` or `From<String>`: Python's `struct` refuses `str`
/// for `s` and `p` ("argument for 's' must be a bytes object"), and so does
/// `pack!` at compile time. Write a byte string, or `.as_bytes()` for the UTF-8
/// encoding:
///
/// ```compile_fail,E0277
/// let name = netpack::Value::from("test.jpg"); // no From<&str>: write b"test.jpg"
/// ```
///
/// ```
/// use netpack::Value;
///
/// let values: Vec<Value> = vec![1u16.into(), b"test.jpg".into(), (-2i8).into(), 0.5f64.into(), true.into()];
/// let shown: Vec<String> = values.iter().map(|v| v.to_string()).collect();
/// assert_eq!(shown, ["1", "b'test.jpg'", "-2", "0.5", "True"]);
///
/// let port: u16 = Value::Int(8080).try_into().unwrap();
/// assert_eq!(port, 8080);
/// ```
#[derive(Clone, PartialEq)]
pub enum Value {
    /// A Python `int` (every integer code packs from and unpacks to this).
    Int(i128),
    /// A Python `bool` (`?`).
    Bool(bool),
    /// A Python `float` (`e`, `f`, `d`).
    Float(f64),
    /// A Python `bytes` object (`c`, `s`, `p`).
    Bytes(Vec<u8>),
    /// A Python `str`: bitstruct's text (`t`). Displays as Python's `repr`,
    /// `'abc'`.
    ///
    /// ```
    /// use netpack::Value;
    ///
    /// let values = netpack::bits::unpack("t24u8", b"abc\x07")?;
    /// assert_eq!(values, [Value::Str("abc".into()), Value::Int(7)]);
    /// assert_eq!(values[0].to_string(), "'abc'");
    /// assert_eq!(Value::Str("it's\n\u{a0}".into()).to_string(), r#""it's\n\xa0""#);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    Str(String),
}

impl Value {
    /// Python's truth value: non-zero numbers (NaN included) and non-empty bytes
    /// are true. This is what `?` packs.
    ///
    /// ```
    /// use netpack::Value;
    /// assert!(Value::Float(f64::NAN).is_truthy());
    /// assert!(!Value::Bytes(vec![]).is_truthy());
    /// ```
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Int(i) => *i != 0,
            Value::Bool(b) => *b,
            Value::Float(x) => *x != 0.0,
            Value::Bytes(b) => !b.is_empty(),
            Value::Str(s) => !s.is_empty(),
        }
    }

    /// The integer, if this is an `Int` or a `Bool` (as Python's `int(True)`).
    ///
    /// ```
    /// use netpack::Value;
    /// assert_eq!(Value::Bool(true).as_int(), Some(1));
    /// assert_eq!(Value::Float(1.0).as_int(), None);
    /// ```
    pub fn as_int(&self) -> Option<i128> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(i128::from(*b)),
            _ => None,
        }
    }

    /// The float, if this is a `Float`, an `Int` or a `Bool` (as Python's
    /// `float(x)`).
    ///
    /// ```
    /// use netpack::Value;
    /// assert_eq!(Value::Int(3).as_float(), Some(3.0));
    /// assert_eq!(Value::Bytes(vec![]).as_float(), None);
    /// ```
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(x) => Some(*x),
            // i128 -> f64 rounds to nearest, ties to even, as Python's int.__float__;
            // |i128| < 2**127 is always finite as a double.
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Bytes(_) | Value::Str(_) => None,
        }
    }

    /// The bytes, if this is a `Bytes`.
    ///
    /// ```
    /// use netpack::Value;
    /// assert_eq!(Value::from(b"ab").as_bytes(), Some(&b"ab"[..]));
    /// ```
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The text, if this is a `Str`.
    ///
    /// ```
    /// use netpack::Value;
    /// assert_eq!(Value::Str("ab".into()).as_str(), Some("ab"));
    /// assert_eq!(Value::from(b"ab").as_str(), None);
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// One unpacked value that borrows its bytes from the buffer it was read from:
/// what [`Struct::unpack_ref`](crate::Struct::unpack_ref) and the other `_ref`
/// functions give, without allocating for `c`, `s` or `p`.
///
/// The same values as [`Value`], with `Bytes` a slice of the input; convert with
/// [`ValueRef::to_value`] or `Value::from`. `Display` prints Python's `repr`, and
/// a `ValueRef` compares equal to the `Value` it stands for.
///
/// ```
/// use netpack::{Struct, Value, ValueRef};
///
/// let request = Struct::new("!H8sb")?;
/// let packet = b"\x00\x01test.jpg\x02";
/// let values = request.unpack_ref(packet)?;
/// assert_eq!(values, [ValueRef::Int(1), ValueRef::Bytes(b"test.jpg"), ValueRef::Int(2)]);
/// assert_eq!(values[1].to_string(), "b'test.jpg'");
/// assert_eq!(values[1], Value::Bytes(b"test.jpg".to_vec()));
/// # Ok::<(), netpack::Error>(())
/// ```
///
/// `Debug` shows bytes as a byte-string literal, as [`Value`]'s does:
///
/// ```
/// use netpack::ValueRef;
/// assert_eq!(format!("{:?}", ValueRef::Bytes(b"a\"\x00")), r#"Bytes(b"a\"\x00")"#);
/// ```
#[derive(Clone, Copy, PartialEq)]
// A whole-word tag: with a one-byte tag the compiler moves a `ValueRef` in
// pieces around its padding (byte, 7 bytes, 8, 16), which stalls the decode
// loop on partial stores; with `u64` every copy is whole words.
#[repr(u64)]
pub enum ValueRef<'a> {
    /// A Python `int` (every integer code unpacks to this).
    Int(i128),
    /// A Python `bool` (`?`).
    Bool(bool),
    /// A Python `float` (`e`, `f`, `d`).
    Float(f64),
    /// A Python `bytes` object (`c`, `s`, `p`), borrowed from the buffer.
    Bytes(&'a [u8]),
    /// A Python `str` (bitstruct's `t`), borrowed.
    Str(&'a str),
}

impl ValueRef<'_> {
    /// The owned [`Value`] (copies the bytes of a `Bytes`).
    ///
    /// ```
    /// use netpack::{Value, ValueRef};
    /// assert_eq!(ValueRef::Bytes(b"ab").to_value(), Value::Bytes(b"ab".to_vec()));
    /// ```
    pub fn to_value(&self) -> Value {
        match *self {
            ValueRef::Int(i) => Value::Int(i),
            ValueRef::Bool(b) => Value::Bool(b),
            ValueRef::Float(x) => Value::Float(x),
            ValueRef::Bytes(b) => Value::Bytes(b.to_vec()),
            ValueRef::Str(s) => Value::Str(s.into()),
        }
    }

    /// The integer, if this is an `Int` or a `Bool` (as [`Value::as_int`]).
    ///
    /// ```
    /// assert_eq!(netpack::ValueRef::Int(7).as_int(), Some(7));
    /// ```
    pub fn as_int(&self) -> Option<i128> {
        match *self {
            ValueRef::Int(i) => Some(i),
            ValueRef::Bool(b) => Some(i128::from(b)),
            _ => None,
        }
    }

    /// The float, if this is a `Float`, an `Int` or a `Bool` (as
    /// [`Value::as_float`]).
    ///
    /// ```
    /// assert_eq!(netpack::ValueRef::Float(0.5).as_float(), Some(0.5));
    /// ```
    pub fn as_float(&self) -> Option<f64> {
        match *self {
            ValueRef::Float(x) => Some(x),
            ValueRef::Int(i) => Some(i as f64),
            ValueRef::Bool(b) => Some(f64::from(u8::from(b))),
            ValueRef::Bytes(_) | ValueRef::Str(_) => None,
        }
    }

    /// The bytes, if this is a `Bytes`.
    ///
    /// ```
    /// assert_eq!(netpack::ValueRef::Bytes(b"ab").as_bytes(), Some(&b"ab"[..]));
    /// ```
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match *self {
            ValueRef::Bytes(b) => Some(b),
            _ => None,
        }
    }

    /// The text, if this is a `Str`.
    ///
    /// ```
    /// assert_eq!(netpack::ValueRef::Str("ab").as_str(), Some("ab"));
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match *self {
            ValueRef::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl From<ValueRef<'_>> for Value {
    fn from(v: ValueRef<'_>) -> Value {
        v.to_value()
    }
}

impl<'a> From<&'a Value> for ValueRef<'a> {
    /// Borrows a `Value`.
    fn from(v: &'a Value) -> ValueRef<'a> {
        match v {
            Value::Int(i) => ValueRef::Int(*i),
            Value::Bool(b) => ValueRef::Bool(*b),
            Value::Float(x) => ValueRef::Float(*x),
            Value::Bytes(b) => ValueRef::Bytes(b),
            Value::Str(s) => ValueRef::Str(s),
        }
    }
}

impl PartialEq<Value> for ValueRef<'_> {
    fn eq(&self, other: &Value) -> bool {
        *self == ValueRef::from(other)
    }
}

impl PartialEq<ValueRef<'_>> for Value {
    fn eq(&self, other: &ValueRef<'_>) -> bool {
        ValueRef::from(self) == *other
    }
}

impl fmt::Display for ValueRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ValueRef::Int(i) => write!(f, "{i}"),
            ValueRef::Bool(true) => f.write_str("True"),
            ValueRef::Bool(false) => f.write_str("False"),
            ValueRef::Float(x) => write_float_repr(f, x),
            ValueRef::Bytes(b) => write_bytes_repr(f, b),
            ValueRef::Str(s) => crate::bits::text::write_str_repr(f, s),
        }
    }
}

macro_rules! from_int {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Int(v as i128)
            }
        }
    )*};
}
from_int!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize i128);

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}

impl From<f32> for Value {
    fn from(v: f32) -> Value {
        Value::Float(crate::wire::float::f32_to_f64(v))
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Float(v)
    }
}

impl From<&[u8]> for Value {
    fn from(v: &[u8]) -> Value {
        Value::Bytes(v.to_vec())
    }
}

impl<const N: usize> From<&[u8; N]> for Value {
    fn from(v: &[u8; N]) -> Value {
        Value::Bytes(v.to_vec())
    }
}

impl<const N: usize> From<[u8; N]> for Value {
    fn from(v: [u8; N]) -> Value {
        Value::Bytes(v.to_vec())
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Bytes(v)
    }
}

/// Converts the way `struct.pack` would for the code the Rust type stands for
/// (`u8` as `B`, `i16` as `h`, …, in standard sizes): an `Int` or `Bool` in range.
macro_rules! try_into_int {
    ($($t:ty => $code:literal,)*) => {$(
        impl TryFrom<&Value> for $t {
            type Error = Error;
            fn try_from(v: &Value) -> Result<$t, Error> {
                let i = v.as_int().ok_or(Error::new(Detail::NotInteger))?;
                <$t>::try_from(i).map_err(|_| {
                    Error::new(Detail::CodeRange { code: $code, min: <$t>::MIN as i128, max: <$t>::MAX as i128 })
                })
            }
        }
        impl TryFrom<Value> for $t {
            type Error = Error;
            fn try_from(v: Value) -> Result<$t, Error> {
                <$t>::try_from(&v)
            }
        }
    )*};
}
try_into_int! {
    u8 => b'B', i8 => b'b', u16 => b'H', i16 => b'h', u32 => b'I', i32 => b'i',
    u64 => b'Q', i64 => b'q', usize => b'N', isize => b'n',
}

impl TryFrom<&Value> for i128 {
    type Error = Error;
    fn try_from(v: &Value) -> Result<i128, Error> {
        v.as_int().ok_or(Error::new(Detail::NotInteger))
    }
}

impl TryFrom<&Value> for bool {
    type Error = Error;
    /// Python truthiness, as `?` packs it; never fails.
    fn try_from(v: &Value) -> Result<bool, Error> {
        Ok(v.is_truthy())
    }
}

impl TryFrom<&Value> for f64 {
    type Error = Error;
    fn try_from(v: &Value) -> Result<f64, Error> {
        v.as_float().ok_or(Error::new(Detail::NotFloat))
    }
}

impl TryFrom<&Value> for f32 {
    type Error = Error;
    /// As native `@f` packs: rounds to the nearest `f32` (overflowing to infinity).
    fn try_from(v: &Value) -> Result<f32, Error> {
        Ok(crate::wire::float::f64_to_f32(f64::try_from(v)?))
    }
}

impl TryFrom<&Value> for Vec<u8> {
    type Error = Error;
    fn try_from(v: &Value) -> Result<Vec<u8>, Error> {
        v.as_bytes()
            .map(<[u8]>::to_vec)
            .ok_or(Error::new(Detail::NotBytes(b's')))
    }
}

macro_rules! try_from_owned {
    ($($t:ty)*) => {$(
        impl TryFrom<Value> for $t {
            type Error = Error;
            fn try_from(v: Value) -> Result<$t, Error> {
                <$t>::try_from(&v)
            }
        }
    )*};
}
try_from_owned!(i128 bool f64 f32);

impl TryFrom<Value> for Vec<u8> {
    type Error = Error;
    fn try_from(v: Value) -> Result<Vec<u8>, Error> {
        match v {
            Value::Bytes(b) => Ok(b),
            _ => Err(Error::new(Detail::NotBytes(b's'))),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Bool(true) => f.write_str("True"),
            Value::Bool(false) => f.write_str("False"),
            Value::Float(x) => write_float_repr(f, *x),
            Value::Bytes(b) => write_bytes_repr(f, b),
            Value::Str(s) => crate::bits::text::write_str_repr(f, s),
        }
    }
}

/// Variants as a derive would print them, but bytes as a Rust byte-string literal
/// rather than a list of numbers.
///
/// ```
/// use netpack::Value;
///
/// let values = netpack::unpack("!H3sd?", b"\x00\x01a\"\x00\x3f\xe0\0\0\0\0\0\0\x01")?;
/// assert_eq!(
///     format!("{values:?}"),
///     r#"[Int(1), Bytes(b"a\"\x00"), Float(0.5), Bool(true)]"#
/// );
/// # Ok::<(), netpack::Error>(())
/// ```
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&ValueRef::from(self), f)
    }
}

impl fmt::Debug for ValueRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueRef::Int(i) => f.debug_tuple("Int").field(i).finish(),
            ValueRef::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            ValueRef::Float(x) => f.debug_tuple("Float").field(x).finish(),
            ValueRef::Bytes(b) => f.debug_tuple("Bytes").field(&ByteStr(b)).finish(),
            ValueRef::Str(s) => f.debug_tuple("Str").field(s).finish(),
        }
    }
}

/// `Debug` of bytes as a Rust byte-string literal: `b"a\"\x00"`.
struct ByteStr<'a>(&'a [u8]);

impl fmt::Debug for ByteStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("b\"")?;
        for &c in self.0 {
            match c {
                b'"' => f.write_str("\\\"")?,
                b'\\' => f.write_str("\\\\")?,
                b'\t' => f.write_str("\\t")?,
                b'\n' => f.write_str("\\n")?,
                b'\r' => f.write_str("\\r")?,
                0x20..=0x7e => f.write_char(c as char)?,
                _ => write!(f, "\\x{c:02x}")?,
            }
        }
        f.write_char('"')
    }
}

/// Python's `repr(bytes)`: single quotes unless the bytes hold `'` and no `"`.
pub(crate) fn write_bytes_repr(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    f.write_char('b')?;
    f.write_char(quote)?;
    for &c in b {
        match c {
            b'\\' => f.write_str("\\\\")?,
            b'\t' => f.write_str("\\t")?,
            b'\n' => f.write_str("\\n")?,
            b'\r' => f.write_str("\\r")?,
            c if c == quote as u8 => write!(f, "\\{}", c as char)?,
            0x20..=0x7e => f.write_char(c as char)?,
            _ => write!(f, "\\x{c:02x}")?,
        }
    }
    f.write_char(quote)
}

/// Python's `repr(float)`: the shortest digits that round-trip, in fixed notation
/// for exponents -4..16 and scientific (`1e+16`) outside.
pub(crate) fn write_float_repr(f: &mut fmt::Formatter<'_>, x: f64) -> fmt::Result {
    if x.is_nan() {
        return f.write_str("nan");
    }
    if x.is_infinite() {
        return f.write_str(if x < 0.0 { "-inf" } else { "inf" });
    }
    // `{:e}` gives the shortest round-trip digits ("-1.2345e-7"), but of two
    // that are as close, the larger, where Python (David Gay's dtoa) takes the
    // even one: 2**-25 is 2.9802322387695312e-08 to Python. The digits exactly
    // rounded (half to even) at that length are Python's, when they round-trip
    // (next to a power of two they may not: 2**-24 is 5.960464477539063e-08).
    let mut shortest = ReprBuf::default();
    write!(shortest, "{x:e}")?;
    let digits = shortest
        .as_str()
        .split('e')
        .next()
        .map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let mut rounded = ReprBuf::default();
    write!(rounded, "{x:.prec$e}", prec = digits.saturating_sub(1))?;
    let buf = if rounded.as_str().parse::<f64>() == Ok(x) {
        rounded
    } else {
        shortest
    };
    let text = buf.as_str();
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits_buf: ([u8; 32], usize) = {
        let mut d = [0u8; 32];
        let mut n = 0;
        for c in mantissa.bytes().filter(u8::is_ascii_digit) {
            if n < d.len() {
                d[n] = c;
                n += 1;
            }
        }
        (d, n)
    };
    let digits = &digits_buf.0[..digits_buf.1];
    let digits = core::str::from_utf8(digits).map_err(|_| fmt::Error)?;
    f.write_str(sign)?;
    if (-4..16).contains(&exp) {
        if exp < 0 {
            f.write_str("0.")?;
            for _ in 0..(-exp - 1) {
                f.write_char('0')?;
            }
            f.write_str(digits)
        } else {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                f.write_str(digits)?;
                for _ in digits.len()..int_len {
                    f.write_char('0')?;
                }
                f.write_str(".0")
            } else {
                f.write_str(&digits[..int_len])?;
                f.write_char('.')?;
                f.write_str(&digits[int_len..])
            }
        }
    } else {
        f.write_str(&digits[..1])?;
        if digits.len() > 1 {
            f.write_char('.')?;
            f.write_str(&digits[1..])?;
        }
        let esign = if exp < 0 { '-' } else { '+' };
        write!(f, "e{esign}{:02}", exp.unsigned_abs())
    }
}

/// A small stack buffer for formatting a float without allocating.
struct ReprBuf {
    bytes: [u8; 40],
    len: usize,
}

impl Default for ReprBuf {
    fn default() -> ReprBuf {
        ReprBuf {
            bytes: [0; 40],
            len: 0,
        }
    }
}

impl ReprBuf {
    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl fmt::Write for ReprBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let dst = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn float_repr_matches_python() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789.125, "123456789.125"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e300, "1e+300"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (f64::NEG_INFINITY, "-inf"),
            (65504.0, "65504.0"),
            // Ties between two shortest round-trip strings: the even one.
            (1.0 / 33_554_432.0, "2.9802322387695312e-08"),
            ((1u64 << 50) as f64 + 0.25, "1125899906842624.2"),
            (-(848_944_657_418.0 + 0.03125), "-848944657418.0312"),
            // 2**-24, next to a power of two: the even digits do not round-trip.
            (1.0 / 16_777_216.0, "5.960464477539063e-08"),
        ];
        for &(x, want) in cases {
            assert_eq!(Value::Float(x).to_string(), want, "{x:e}");
        }
    }

    #[test]
    fn bytes_repr_matches_python() {
        assert_eq!(Value::from(b"a'b").to_string(), "b\"a'b\"");
        assert_eq!(Value::from(b"a'\"").to_string(), "b'a\\'\"'");
        assert_eq!(
            Value::from(&[0u8, 9, 10, 13, 0x7f, 0x80, b'\\'][..]).to_string(),
            "b'\\x00\\t\\n\\r\\x7f\\x80\\\\'"
        );
    }

    #[test]
    fn debug_shows_bytes_as_a_byte_string() {
        use alloc::format;
        let v = Value::from(&[b'a', b'"', b'\\', b'\'', 0, 9, 10, 13, 0x7f, 0xff][..]);
        assert_eq!(format!("{v:?}"), r#"Bytes(b"a\"\\'\x00\t\n\r\x7f\xff")"#);
        assert_eq!(format!("{:?}", Value::Int(-3)), "Int(-3)");
        assert_eq!(format!("{:?}", Value::Float(1.0)), "Float(1.0)");
        assert_eq!(
            format!("{:#?}", Value::from(b"x")),
            "Bytes(\n    b\"x\",\n)"
        );
    }

    /// CPython 3.11: `struct.pack(fmt, "…")` for each of these.
    #[test]
    fn struct_refuses_text_as_cpython() {
        let text = || Value::Str("1".into());
        let cases = [
            ("s", "argument for 's' must be a bytes object"),
            ("3p", "argument for 'p' must be a bytes object"),
            ("i", "required argument is not an integer"),
            ("q", "required argument is not an integer"),
            ("d", "required argument is not a float"),
            ("e", "required argument is not a float"),
            ("c", "char format requires a bytes object of length 1"),
        ];
        for (format, message) in cases {
            let err = crate::pack(format, &[text()]).unwrap_err();
            assert!(err.to_string().starts_with(message), "{format}: {err}");
        }
        assert_eq!(
            crate::pack("??", &[Value::Str("".into()), text()]),
            Ok(alloc::vec![0, 1])
        );
    }

    #[test]
    fn try_from_checks_range() {
        assert_eq!(u8::try_from(Value::Int(255)), Ok(255));
        let err = u8::try_from(Value::Int(256)).unwrap_err();
        assert_eq!(err.to_string(), "'B' format requires 0 <= number <= 255");
        assert_eq!(i64::try_from(Value::Bool(true)), Ok(1));
        assert!(i64::try_from(Value::Float(1.0)).is_err());
        assert_eq!(f32::try_from(Value::Float(1e300)), Ok(f32::INFINITY));
    }
}
