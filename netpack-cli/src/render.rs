//! How values are printed: Python's tuple `repr`, `csv.writer` rows, JSON, and a
//! hex dump of packed bytes. Everything appends to a byte buffer the caller flushes.

use netpack::Value;
use std::io::Write as _;

/// Python's `repr` of one value (`netpack::Value`'s `Display` is exactly that).
pub fn repr(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Int(i) => int(out, *i),
        Value::Float(x) if plain(*x) => {
            // Python writes these in fixed notation with the shortest round-trip
            // digits, which is what Rust's `{}` writes, less a ".0" on integers;
            // `Value`'s `Display` takes a detour through `{:e}` (the hot path of
            // `iter`). The test `float_fast_path_is_value_display` holds the two
            // equal.
            let start = out.len();
            let _ = write!(out, "{x}");
            // Two shortest round-trip strings can tie only with 16 or 17
            // digits (a double's ulp is at least a unit of the last digit
            // then): Rust breaks the tie upwards, Python to even (see
            // `Value`'s `Display`), so those take the slow path.
            if out[start..].iter().filter(|b| b.is_ascii_digit()).count() >= 16 {
                out.truncate(start);
                let _ = write!(out, "{value}");
            } else if !out[start..].contains(&b'.') {
                out.extend_from_slice(b".0");
            }
        }
        _ => {
            let _ = write!(out, "{value}");
        }
    }
}

/// Whether Python's `repr` writes `x` in fixed notation: zero, or a decimal
/// exponent from -4 to 15.
fn plain(x: f64) -> bool {
    let a = x.abs();
    a == 0.0 || (1e-4..1e16).contains(&a)
}

/// "00" to "99", for writing ints two digits at a time.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// An int in decimal, without going through `fmt` (the hot path of `iter`).
fn int(out: &mut Vec<u8>, i: i128) {
    let mut buf = [0u8; 40];
    let mut at = buf.len();
    let mut wide = i.unsigned_abs();
    // 128-bit division is a library call: peel off the digits beyond u64 first.
    while wide > u128::from(u64::MAX) {
        at -= 1;
        buf[at] = b'0' + (wide % 10) as u8;
        wide /= 10;
    }
    let mut n = wide as u64;
    while n >= 100 {
        let pair = (n % 100) as usize * 2;
        n /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        let pair = n as usize * 2;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + n as u8;
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    out.extend_from_slice(&buf[at..]);
}

/// Python's `repr` of the tuple of `values`: `(1, b'x', 2.5)`, `(1,)`, `()`.
pub fn tuple(out: &mut Vec<u8>, values: &[Value]) {
    out.push(b'(');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        repr(out, value);
    }
    if values.len() == 1 {
        out.push(b',');
    }
    out.push(b')');
}

/// One row as Python's `csv.writer` (default dialect) writes it: `str()` of each
/// value, a field quoted (quotes doubled) when it holds `,` `"` `\r` or `\n`, and
/// `\r\n` at the end.
pub fn csv_row(out: &mut Vec<u8>, values: &[Value]) {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match value {
            Value::Bytes(_) | Value::Str(_) => {
                let start = out.len();
                match value {
                    // str() of a str is its text, not its repr.
                    Value::Str(text) => out.extend_from_slice(text.as_bytes()),
                    _ => repr(out, value),
                }
                let special = out[start..]
                    .iter()
                    .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
                if special {
                    let field = out.split_off(start);
                    out.push(b'"');
                    for &b in &field {
                        if b == b'"' {
                            out.push(b'"');
                        }
                        out.push(b);
                    }
                    out.push(b'"');
                }
            }
            _ => repr(out, value),
        }
    }
    out.extend_from_slice(b"\r\n");
}

/// The values as a JSON array. Ints are JSON numbers with every digit; bools are
/// `true`/`false`; finite floats are numbers in Python's shortest round-trip
/// notation, non-finite ones the strings `"nan"`, `"inf"`, `"-inf"`; bytes are
/// strings with one character per byte, U+0000 to U+00FF (Latin-1: decode with
/// Python's `s.encode("latin-1")`); text (bitstruct's `t`) is a JSON string.
pub fn json_array(out: &mut Vec<u8>, values: &[Value]) {
    out.push(b'[');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_value(out, value);
    }
    out.push(b']');
}

fn json_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Int(i) => int(out, *i),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Float(x) if x.is_finite() => repr(out, value),
        Value::Float(x) if x.is_nan() => out.extend_from_slice(b"\"nan\""),
        Value::Float(x) if *x > 0.0 => out.extend_from_slice(b"\"inf\""),
        Value::Float(_) => out.extend_from_slice(b"\"-inf\""),
        Value::Bytes(bytes) => {
            out.push(b'"');
            for &b in bytes {
                match b {
                    b'"' => out.extend_from_slice(b"\\\""),
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    0x20..=0x7e => out.push(b),
                    _ => {
                        let _ = write!(out, "\\u{b:04x}");
                    }
                }
            }
            out.push(b'"');
        }
        Value::Str(text) => {
            out.push(b'"');
            for c in text.chars() {
                match c {
                    '"' => out.extend_from_slice(b"\\\""),
                    '\\' => out.extend_from_slice(b"\\\\"),
                    '\n' => out.extend_from_slice(b"\\n"),
                    '\r' => out.extend_from_slice(b"\\r"),
                    '\t' => out.extend_from_slice(b"\\t"),
                    c if (c as u32) < 0x20 => {
                        let _ = write!(out, "\\u{:04x}", c as u32);
                    }
                    c => {
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
            out.push(b'"');
        }
    }
}

/// A hex dump as `hexdump -C` prints it: offset, 16 bytes in hex, the printable
/// ones as ASCII, `*` for runs of identical lines, and the length at the end.
pub fn hexdump(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut previous: Option<&[u8]> = None;
    let mut starred = false;
    for (row, line) in bytes.chunks(16).enumerate() {
        if line.len() == 16 && previous == Some(line) {
            if !starred {
                out.extend_from_slice(b"*\n");
                starred = true;
            }
            continue;
        }
        starred = false;
        previous = Some(line);
        let _ = write!(out, "{:08x} ", row * 16);
        for i in 0..16 {
            if i == 8 {
                out.push(b' ');
            }
            match line.get(i) {
                Some(b) => {
                    let _ = write!(out, " {b:02x}");
                }
                None => out.extend_from_slice(b"   "),
            }
        }
        out.extend_from_slice(b"  |");
        for &b in line {
            out.push(if (0x20..=0x7e).contains(&b) { b } else { b'.' });
        }
        out.extend_from_slice(b"|\n");
    }
    let _ = writeln!(out, "{:08x}", bytes.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(f: fn(&mut Vec<u8>, &[Value]), values: &[Value]) -> String {
        let mut out = Vec::new();
        f(&mut out, values);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ints_in_decimal() {
        for i in [
            0,
            1,
            9,
            10,
            99,
            100,
            101,
            -1,
            -10,
            -100,
            12345,
            i128::MIN,
            i128::MAX,
        ]
        .into_iter()
        .chain([u64::MAX as i128, u64::MAX as i128 + 1, i64::MIN as i128])
        {
            let mut out = Vec::new();
            int(&mut out, i);
            assert_eq!(String::from_utf8(out).unwrap(), i.to_string());
        }
    }

    #[test]
    fn tuples_as_python_prints_them() {
        assert_eq!(show(tuple, &[]), "()");
        assert_eq!(show(tuple, &[Value::Int(-1)]), "(-1,)");
        let values = [Value::Int(i128::MIN), Value::Bool(true), Value::Float(0.5)];
        assert_eq!(
            show(tuple, &values),
            "(-170141183460469231731687303715884105728, True, 0.5)"
        );
    }

    #[test]
    fn float_fast_path_is_value_display() {
        // Every magnitude around the notation boundaries, and a pseudo-random
        // sweep over all bit patterns.
        let mut xs = vec![
            0.0,
            -0.0,
            1e-4,
            1e16,
            0.1,
            0.25,
            123456789.125,
            65504.0,
            (1u64 << 50) as f64 + 0.25,
            -(848_944_657_418.0 + 0.03125),
        ];
        for e in -6..=18 {
            let p = 10f64.powi(e);
            xs.extend([
                p,
                -p,
                p * (1.0 + f64::EPSILON),
                p * (1.0 - f64::EPSILON / 2.0),
            ]);
            xs.extend([p.next_up(), p.next_down(), 3.0 * p, p / 3.0]);
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            // Also bring the exponent into the fixed-notation range.
            xs.extend([
                x,
                f64::from_bits((state & 0x800f_ffff_ffff_ffff) | (1000 + state % 70) << 52),
            ]);
        }
        for x in xs {
            let mut fast = Vec::new();
            repr(&mut fast, &Value::Float(x));
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                Value::Float(x).to_string(),
                "{x:e}"
            );
        }
    }

    #[test]
    fn csv_quotes_as_python_does() {
        let values = [
            b"a,b".into(),
            b"a\"b".into(),
            b"ab".into(),
            Value::Float(1e16),
        ];
        assert_eq!(
            show(csv_row, &values),
            "\"b'a,b'\",\"b'a\"\"b'\",b'ab',1e+16\r\n"
        );
        assert_eq!(show(csv_row, &[]), "\r\n");
    }

    #[test]
    fn json_is_lossless() {
        let values = [
            Value::Int(7),
            Value::Bool(false),
            Value::Float(f64::NEG_INFINITY),
            Value::Float(0.1),
            Value::from(&b"\x00\xff\"\\a"[..]),
        ];
        assert_eq!(
            show(json_array, &values),
            r#"[7,false,"-inf",0.1,"\u0000\u00ff\"\\a"]"#
        );
    }

    #[test]
    fn hexdump_as_hexdump_c() {
        let mut out = Vec::new();
        hexdump(&mut out, b"\x00\x01test.jpg\x02");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "00000000  00 01 74 65 73 74 2e 6a  70 67 02                 |..test.jpg.|\n0000000b\n"
        );
        let mut out = Vec::new();
        hexdump(&mut out, &[0; 48]);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|\n*\n00000030\n"
        );
    }
}
