//! The values of `netpack bits pack`: the struct commands' literals, and `str`
//! literals (`'abc'`, `"it's"`, `'caf\xe9'`, `r'\d'`) for bitstruct's text fields.

use crate::literal::{self, Literal, LiteralError};

/// A value as written for `bits pack`.
#[derive(Clone, Debug, PartialEq)]
pub enum BitsLiteral {
    /// Anything `struct` takes (an int, a float, a bool, bytes).
    Struct(Literal),
    /// A `str` literal.
    Str(String),
}

/// Reads one value: a `str` literal, or a literal of the struct commands.
pub fn parse(text: &[u8]) -> Result<BitsLiteral, LiteralError> {
    let quote = text.iter().position(|&b| b == b'\'' || b == b'"');
    if let Some(q) = quote {
        let prefix = text[..q].to_ascii_lowercase();
        match prefix.as_slice() {
            b"" | b"u" => return string(text, q, false).map(BitsLiteral::Str),
            b"r" => return string(text, q, true).map(BitsLiteral::Str),
            _ => {}
        }
    }
    literal::parse(text).map(BitsLiteral::Struct)
}

fn error<T>(message: &str, start: usize, width: usize) -> Result<T, LiteralError> {
    Err(LiteralError {
        message: message.to_string(),
        start,
        width,
    })
}

/// A `str` literal whose opening quote is at `q`, with Python's escapes.
fn string(text: &[u8], q: usize, raw: bool) -> Result<String, LiteralError> {
    let Ok(text) = std::str::from_utf8(text) else {
        return error("a str literal must be UTF-8", 0, text.len());
    };
    let quote = text.as_bytes()[q] as char;
    if text[q..].starts_with(&String::from(quote).repeat(3)) {
        return error("triple-quoted literals are not supported", q, 3);
    }
    let mut out = String::new();
    let mut chars = text[q + 1..]
        .char_indices()
        .map(|(i, c)| (i + q + 1, c))
        .peekable();
    loop {
        let Some((i, c)) = chars.next() else {
            return error("unterminated string literal", q, text.len() - q);
        };
        match c {
            c if c == quote => {
                if i + 1 != text.len() {
                    return error(
                        "unexpected text after the string literal",
                        i + 1,
                        text.len() - i - 1,
                    );
                }
                return Ok(out);
            }
            '\n' | '\r' => return error("unterminated string literal", q, i - q),
            '\\' if raw => {
                // A backslash stays, and keeps the next character (even the
                // quote) from ending the literal.
                out.push(c);
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    return error("unterminated string literal", q, text.len() - q);
                };
                match e {
                    '\n' => {}
                    '\\' | '\'' | '"' => out.push(e),
                    'a' => out.push('\x07'),
                    'b' => out.push('\x08'),
                    'f' => out.push('\x0c'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\x0b'),
                    '0'..='7' => {
                        let mut value = e.to_digit(8).unwrap_or(0);
                        let mut width = 2;
                        while width < 4 {
                            match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                                Some(d) => {
                                    value = value * 8 + d;
                                    width += 1;
                                    chars.next();
                                }
                                None => break,
                            }
                        }
                        out.push(code_point(value, i, width)?);
                    }
                    'x' | 'u' | 'U' => {
                        let digits = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut value = 0u32;
                        for k in 0..digits {
                            match chars.next().and_then(|(_, d)| d.to_digit(16)) {
                                Some(d) => value = value * 16 + d,
                                None => {
                                    let message =
                                        format!("truncated \\{e}{} escape", "X".repeat(digits));
                                    return error(&message, i, 2 + k);
                                }
                            }
                        }
                        out.push(code_point(value, i, 2 + digits)?);
                    }
                    'N' => return error("\\N{...} escapes are not supported", i, 2),
                    // Python keeps an unknown escape as it is (with a warning).
                    other => {
                        out.push('\\');
                        out.push(other);
                    }
                }
            }
            c => out.push(c),
        }
    }
}

/// The character for an escape's value: a surrogate is a `str` Python has and
/// Rust has not.
fn code_point(value: u32, at: usize, width: usize) -> Result<char, LiteralError> {
    match char::from_u32(value) {
        Some(c) => Ok(c),
        None if (0xd800..0xe000).contains(&value) => {
            error("lone surrogates are not supported", at, width)
        }
        None => error("illegal Unicode character", at, width),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        match parse(s.as_bytes()) {
            Ok(BitsLiteral::Str(t)) => t,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn str_literals_read_as_python() {
        assert_eq!(text("'abc'"), "abc");
        assert_eq!(text("\"it's\""), "it's");
        assert_eq!(text(r"'caf\xe9 \u20ac \U0001f600'"), "café € 😀");
        assert_eq!(text(r"'\101\0\n\t\\\''"), "A\0\n\t\\'");
        assert_eq!(text(r"r'\d\''"), r"\d\'");
        assert_eq!(text(r"'\q'"), r"\q");
        assert_eq!(text("'é'"), "é");
        assert!(parse(br"'\ud800'").is_err());
        assert!(parse(br"'\x4'").is_err());
        assert!(parse(b"'abc").is_err());
        assert_eq!(
            parse(b"b'ab'"),
            Ok(BitsLiteral::Struct(Literal::Bytes(b"ab".to_vec())))
        );
        assert_eq!(parse(b"-3"), Ok(BitsLiteral::Struct(Literal::Int(-3))));
    }
}
