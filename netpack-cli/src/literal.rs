//! Values written as Python literals: `1`, `-0x10`, `1_000`, `1.5`, `1e-3`, `inf`,
//! `nan`, `True`, `b'test.jpg'`, `b'\x00\xff'`, read as Python reads them.
//!
//! `inf`, `infinity` and `nan` (any case, with a sign) are not Python literals but
//! what `float()` accepts; they stand for the float values Python cannot write
//! literally.

/// A value as written on the command line.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// An int that fits in an `i128`.
    Int(i128),
    /// An int beyond `i128`, as its decimal digits (no sign) and sign.
    Huge {
        /// Whether the int is negative.
        negative: bool,
        /// The decimal digits of its magnitude.
        digits: String,
    },
    /// `True` or `False`.
    Bool(bool),
    /// A float literal, `inf` or `nan`.
    Float(f64),
    /// A bytes literal.
    Bytes(Vec<u8>),
}

/// Why a literal did not parse, and which bytes of it are to blame.
#[derive(Clone, Debug, PartialEq)]
pub struct LiteralError {
    /// What is wrong.
    pub message: String,
    /// The first byte to blame.
    pub start: usize,
    /// How many bytes to blame.
    pub width: usize,
}

fn error<T>(message: impl Into<String>, start: usize, width: usize) -> Result<T, LiteralError> {
    Err(LiteralError {
        message: message.into(),
        start,
        width,
    })
}

const EXPECTED: &str = "not a Python literal: expected an int (1, -2, 0x10), a float \
    (1.5, 1e-3, inf, nan), True, False or bytes (b'ab\\x00')";

/// Reads one value literal.
pub fn parse(text: &[u8]) -> Result<Literal, LiteralError> {
    let all = text.len();
    match text {
        b"True" => return Ok(Literal::Bool(true)),
        b"False" => return Ok(Literal::Bool(false)),
        b"None" => return error("None is not a value struct can pack", 0, all),
        b"" => return error(EXPECTED, 0, 0),
        _ => {}
    }
    if let Some(x) = special_float(text) {
        return Ok(Literal::Float(x));
    }
    let quote = text.iter().position(|&b| b == b'\'' || b == b'"');
    if let Some(q) = quote {
        let prefix = &text[..q];
        if prefix.iter().all(u8::is_ascii_alphabetic) && prefix.len() <= 2 {
            return bytes(text, q);
        }
    }
    number(text)
}

/// `inf`, `infinity`, `nan` in any case, with an optional sign, as `float()` reads them.
fn special_float(text: &[u8]) -> Option<f64> {
    let (negative, rest) = match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = rest.to_ascii_lowercase();
    let x = match lower.as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::NAN,
        _ => return None,
    };
    Some(if negative { -x } else { x })
}

/// A bytes literal whose opening quote is at `q`.
fn bytes(text: &[u8], q: usize) -> Result<Literal, LiteralError> {
    let prefix = text[..q].to_ascii_lowercase();
    let raw = match prefix.as_slice() {
        b"b" => false,
        b"br" | b"rb" => true,
        b"" | b"r" | b"u" | b"f" | b"fr" | b"rf" => {
            return error(
                "a str is not bytes: struct packs bytes, so write b'...'",
                0,
                text.len(),
            )
        }
        _ => return error(EXPECTED, 0, text.len()),
    };
    let quote = text[q];
    if text[q..].starts_with(&[quote; 3]) {
        return error("triple-quoted literals are not supported", q, 3);
    }
    let mut out = Vec::new();
    let mut i = q + 1;
    loop {
        let Some(&c) = text.get(i) else {
            return error("unterminated bytes literal", q, text.len() - q);
        };
        match c {
            c if c == quote => {
                if i + 1 != text.len() {
                    return error("unexpected text after the bytes literal", i + 1, text.len());
                }
                return Ok(Literal::Bytes(out));
            }
            b'\n' | b'\r' => return error("unterminated bytes literal", q, i - q),
            0x80.. => {
                return error(
                    "bytes can only contain ASCII literal characters",
                    i,
                    utf8_len(c),
                )
            }
            b'\\' if raw => {
                // In a raw literal a backslash stays, and keeps the next byte
                // (even a quote) from ending the literal.
                out.push(c);
                if let Some(&next) = text.get(i + 1) {
                    if next < 0x80 {
                        out.push(next);
                        i += 1;
                    }
                }
                i += 1;
            }
            b'\\' => {
                let Some(&e) = text.get(i + 1) else {
                    return error("unterminated bytes literal", q, text.len() - q);
                };
                i += 2;
                match e {
                    b'\n' => {}
                    b'\\' | b'\'' | b'"' => out.push(e),
                    b'a' => out.push(0x07),
                    b'b' => out.push(0x08),
                    b'f' => out.push(0x0c),
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'v' => out.push(0x0b),
                    b'0'..=b'7' => {
                        let mut value = u32::from(e - b'0');
                        let mut digits = 1;
                        while digits < 3 {
                            match text.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    i += 1;
                                    digits += 1;
                                }
                                _ => break,
                            }
                        }
                        // CPython 3.11 keeps the low byte of \400..\777 (with a
                        // DeprecationWarning).
                        out.push((value & 0xff) as u8);
                    }
                    b'x' => {
                        let hex = text.get(i..i + 2).and_then(|h| {
                            std::str::from_utf8(h)
                                .ok()
                                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                        });
                        match hex {
                            Some(b) => {
                                out.push(b);
                                i += 2;
                            }
                            None => {
                                let width = (text.len() - (i - 2)).min(4);
                                return error("invalid \\x escape", i - 2, width);
                            }
                        }
                    }
                    // Python keeps unknown escapes as they are (with a warning).
                    e if e < 0x80 => {
                        out.push(b'\\');
                        out.push(e);
                    }
                    e => {
                        return error(
                            "bytes can only contain ASCII literal characters",
                            i - 1,
                            utf8_len(e),
                        )
                    }
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// The length of the UTF-8 sequence that `lead` starts (1 for a stray byte).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

/// Digits with single underscores between them, from `i`: the index after them
/// (`i` itself when there is no digit).
fn digitpart(text: &[u8], mut i: usize, digit: fn(u8) -> bool) -> Result<usize, LiteralError> {
    let start = i;
    while i < text.len() {
        let separator = text[i] == b'_' && i > start && text.get(i + 1).is_some_and(|&d| digit(d));
        if digit(text[i]) || separator {
            i += 1;
        } else if text[i] == b'_' {
            return error("invalid underscore in a number", i, 1);
        } else {
            break;
        }
    }
    Ok(i)
}

/// An int or float literal with an optional sign.
fn number(text: &[u8]) -> Result<Literal, LiteralError> {
    let (negative, start) = match text.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let body = &text[start..];
    let radix = match body {
        [b'0', b'x' | b'X', ..] => Some(16),
        [b'0', b'o' | b'O', ..] => Some(8),
        [b'0', b'b' | b'B', ..] => Some(2),
        _ => None,
    };
    if let Some(radix) = radix {
        // An underscore may follow the prefix: 0x_ff.
        let mut i = start + 2;
        if text.get(i) == Some(&b'_') {
            i += 1;
        }
        let digit: fn(u8) -> bool = match radix {
            16 => |b| b.is_ascii_hexdigit(),
            8 => |b| (b'0'..=b'7').contains(&b),
            _ => |b| b == b'0' || b == b'1',
        };
        let end = digitpart(text, i, digit)?;
        if end == i || end != text.len() {
            let at = end.min(text.len().saturating_sub(1));
            return error(format!("invalid digit in a base-{radix} int"), at, 1);
        }
        return Ok(int(negative, &text[i..end], radix));
    }
    let digit: fn(u8) -> bool = |b| b.is_ascii_digit();
    let int_end = digitpart(text, start, digit)?;
    let mut i = int_end;
    let mut is_float = false;
    if text.get(i) == Some(&b'.') {
        is_float = true;
        i = digitpart(text, i + 1, digit)?;
        if int_end == start && i == int_end + 1 {
            return error(EXPECTED, 0, text.len());
        }
    } else if int_end == start {
        return error(EXPECTED, 0, text.len());
    }
    if matches!(text.get(i), Some(b'e' | b'E')) {
        is_float = true;
        let mut j = i + 1;
        if matches!(text.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let end = digitpart(text, j, digit)?;
        if end == j {
            return error("invalid exponent in a float", i, text.len() - i);
        }
        i = end;
    }
    if matches!(text.get(i), Some(b'j' | b'J')) {
        return error("complex numbers are not supported", 0, text.len());
    }
    if i != text.len() {
        return error(EXPECTED, i, text.len() - i);
    }
    if is_float {
        let clean: String = text
            .iter()
            .filter(|&&b| b != b'_')
            .map(|&b| b as char)
            .collect();
        // Rust's parser rounds correctly, as Python's; too large gives inf, as a
        // Python literal does.
        return match clean.parse::<f64>() {
            Ok(x) => Ok(Literal::Float(x)),
            Err(_) => error(EXPECTED, 0, text.len()),
        };
    }
    let digits = &text[start..int_end];
    if digits.len() > 1 && digits[0] == b'0' && digits.iter().any(|&b| b != b'0' && b != b'_') {
        return error(
            "leading zeros in decimal integer literals are not permitted; use 0o for octal",
            start,
            int_end - start,
        );
    }
    Ok(int(negative, digits, 10))
}

/// The int of `digits` (underscores allowed) in `radix`.
fn int(negative: bool, digits: &[u8], radix: u32) -> Literal {
    // Little-endian base 2**32 limbs: the magnitude, however large.
    let mut limbs: Vec<u32> = vec![0];
    for &b in digits {
        let Some(d) = (b as char).to_digit(radix) else {
            continue;
        };
        let mut carry = u64::from(d);
        for limb in &mut limbs {
            let x = u64::from(*limb) * u64::from(radix) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    if limbs.len() <= 4 {
        let magnitude = limbs
            .iter()
            .rev()
            .fold(0u128, |acc, &l| (acc << 32) | u128::from(l));
        let value = if negative {
            0i128.checked_sub_unsigned(magnitude)
        } else {
            i128::try_from(magnitude).ok()
        };
        if let Some(value) = value {
            return Literal::Int(value);
        }
    }
    Literal::Huge {
        negative,
        digits: decimal(limbs),
    }
}

/// The decimal digits of a magnitude in base 2**32 limbs.
fn decimal(mut limbs: Vec<u32>) -> String {
    const CHUNK: u64 = 1_000_000_000;
    let mut chunks = Vec::new();
    while limbs.iter().any(|&l| l != 0) {
        let mut rem = 0u64;
        for limb in limbs.iter_mut().rev() {
            let x = (rem << 32) | u64::from(*limb);
            *limb = (x / CHUNK) as u32;
            rem = x % CHUNK;
        }
        chunks.push(rem);
        while limbs.len() > 1 && limbs.last() == Some(&0) {
            limbs.pop();
        }
    }
    let mut s = match chunks.pop() {
        Some(top) => top.to_string(),
        None => "0".to_string(),
    };
    for chunk in chunks.iter().rev() {
        s.push_str(&format!("{chunk:09}"));
    }
    s
}

/// An int argument such as an offset: a Python int literal that fits in an `i128`.
pub fn parse_int(text: &[u8]) -> Result<i128, LiteralError> {
    match number(text)? {
        Literal::Int(i) => Ok(i),
        Literal::Huge { negative: true, .. } => Ok(i128::MIN),
        Literal::Huge { .. } => Ok(i128::MAX),
        _ => error("expected an int", 0, text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Literal {
        parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e:?}"))
    }

    fn bad(text: &str) -> LiteralError {
        parse(text.as_bytes()).unwrap_err()
    }

    #[test]
    fn ints_as_python_reads_them() {
        assert_eq!(ok("0"), Literal::Int(0));
        assert_eq!(ok("-2"), Literal::Int(-2));
        assert_eq!(ok("+7"), Literal::Int(7));
        assert_eq!(ok("0x10"), Literal::Int(16));
        assert_eq!(ok("-0X_fF"), Literal::Int(-255));
        assert_eq!(ok("0o17"), Literal::Int(15));
        assert_eq!(ok("0b101"), Literal::Int(5));
        assert_eq!(ok("1_000"), Literal::Int(1000));
        assert_eq!(ok("000"), Literal::Int(0));
        assert_eq!(
            ok("-170141183460469231731687303715884105728"),
            Literal::Int(i128::MIN)
        );
        assert_eq!(
            ok("170141183460469231731687303715884105728"),
            Literal::Huge {
                negative: false,
                digits: "170141183460469231731687303715884105728".into()
            }
        );
        assert_eq!(
            ok("-0x1_0000_0000_0000_0000_0000_0000_0000_0000_0000"),
            Literal::Huge {
                negative: true,
                digits: "22300745198530623141535718272648361505980416".into()
            }
        );
        for text in [
            "01", "1__0", "1_", "0x", "0xg", "0b2", "1j", "--1", "- 1", "1 ",
        ] {
            bad(text);
        }
    }

    #[test]
    fn floats_as_python_reads_them() {
        assert_eq!(ok("1.5"), Literal::Float(1.5));
        assert_eq!(ok("-.5"), Literal::Float(-0.5));
        assert_eq!(ok("5."), Literal::Float(5.0));
        assert_eq!(ok("1e3"), Literal::Float(1000.0));
        assert_eq!(ok("1_0.2_5E-1_0"), Literal::Float(10.25e-10));
        assert_eq!(ok("01.5"), Literal::Float(1.5));
        assert_eq!(ok("1e400"), Literal::Float(f64::INFINITY));
        assert_eq!(ok("-Infinity"), Literal::Float(f64::NEG_INFINITY));
        assert!(matches!(ok("nan"), Literal::Float(x) if x.is_nan() && x.is_sign_positive()));
        assert!(matches!(ok("-nan"), Literal::Float(x) if x.is_nan() && x.is_sign_negative()));
        for text in [".", "1e", "1e+", "1._5", "e5", "1.5.2"] {
            bad(text);
        }
    }

    #[test]
    fn bytes_as_python_reads_them() {
        assert_eq!(ok("b'test.jpg'"), Literal::Bytes(b"test.jpg".to_vec()));
        assert_eq!(ok("B\"a'b\""), Literal::Bytes(b"a'b".to_vec()));
        assert_eq!(
            ok(r"b'\x00\xff\n\t\r\\\'\0\101\777\q'"),
            Literal::Bytes(b"\x00\xff\n\t\r\\'\x00A\xff\\q".to_vec())
        );
        assert_eq!(ok(r"rb'\x00\''"), Literal::Bytes(br"\x00\'".to_vec()));
        assert_eq!(ok("b''"), Literal::Bytes(Vec::new()));
        assert_eq!(bad(r"b'\x4'").start, 2);
        assert_eq!(bad("b'ab").message, "unterminated bytes literal");
        assert_eq!(bad("b'a'b").start, 4);
        assert!(bad("'abc'").message.starts_with("a str is not bytes"));
        assert_eq!(bad("b'é'").start, 2);
        assert_eq!(ok("True"), Literal::Bool(true));
        bad("None");
        bad("true");
    }
}
