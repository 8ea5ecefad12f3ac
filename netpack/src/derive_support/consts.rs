//! The compile-time helpers of a derived message: its `PARTS` text pieces and
//! its `MAX_SIZE` bound, all `const fn`s.

use crate::typed::shape;

/// `format` without its order prefix (the body of an element's format).
pub const fn format_body(format: &str) -> &str {
    match format.as_bytes().split_first() {
        Some((_, body)) => shape::as_str(body),
        None => "",
    }
}

/// `"*"` before a field that packs several values (`struct.pack("!HI", *point)`).
pub const fn star(values: usize) -> &'static str {
    if values == 1 {
        ""
    } else {
        "*"
    }
}

/// The largest length a code bounds a reader to: the codes of at most two bytes.
/// Wider lengths (4 GiB and up) are no bound for a reader, so a field counted
/// by one needs `max`.
pub const fn code_bound(code: u8) -> Option<usize> {
    match code {
        b'b' => Some(127),
        b'B' => Some(255),
        b'h' => Some(32767),
        b'H' => Some(65535),
        _ => None,
    }
}

/// The most bytes a variable field takes: the smaller of its cap and the bound
/// of its length code, times the element size, plus `extra` (a terminator);
/// `None` when neither bounds it.
pub const fn field_bound(
    max: Option<usize>,
    code: Option<usize>,
    element: usize,
    extra: usize,
) -> Option<usize> {
    let count = match (max, code) {
        (Some(a), Some(b)) => {
            if a < b {
                a
            } else {
                b
            }
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    match count.checked_mul(element) {
        Some(n) => n.checked_add(extra),
        None => None,
    }
}

/// The sum of the parts' bounds; `None` if any is unbounded (or the sum
/// overflows).
pub const fn sum_bounds(parts: &[Option<usize>]) -> Option<usize> {
    let mut total: usize = 0;
    let mut i = 0;
    while i < parts.len() {
        total = match parts[i] {
            Some(n) => match total.checked_add(n) {
                Some(t) => t,
                None => return None,
            },
            None => return None,
        };
        i += 1;
    }
    Some(total)
}

/// The largest of the bounds; `None` if any is unbounded.
pub const fn max_bounds(parts: &[Option<usize>]) -> Option<usize> {
    let mut most = 0;
    let mut i = 0;
    while i < parts.len() {
        match parts[i] {
            Some(n) => {
                if n > most {
                    most = n;
                }
            }
            None => return None,
        }
        i += 1;
    }
    Some(most)
}

/// `format`, a format a derived type rendered from its fields, or a compile
/// error: `native_only` (which names the type) when a code that exists only in
/// native order met a standard one, the parser's message otherwise.
pub const fn checked_format<'a>(format: &'a str, native_only: &'static str) -> &'a str {
    match netpack_format::calcsize(format.as_bytes()) {
        Ok(_) => format,
        Err(e) => match e.kind {
            netpack_format::FormatErrorKind::BadChar => panic!("{}", native_only),
            _ => panic!("{}", e.message()),
        },
    }
}

/// The length of `pieces` joined: the capacity of a `PARTS` text.
pub const fn text_len(pieces: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < pieces.len() {
        n += pieces[i].len();
        i += 1;
    }
    n
}
