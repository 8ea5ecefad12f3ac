//! The stepping parser: format bytes in, laid-out items out, in `const fn`.

use crate::{Code, FormatError, FormatErrorKind, Order, MAX_SIZE};

/// One parsed item of a format: a code with its count, laid out at an offset.
///
/// `"3h"` is one item of count 3; `"8s"` is one item of count 8 (one value);
/// `"0l"` is an item of count 0 that still aligns in native mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    /// The format code.
    pub code: Code,
    /// The repeat count (the byte length for `s`, `p` and `x`).
    pub count: usize,
    /// The byte offset of the first element from the start of the struct.
    pub offset: usize,
    /// The size of one element (1 for `s`, `p` and `x`).
    pub size: usize,
    /// The byte position in the format where the item (its count, or its code)
    /// starts.
    pub position: usize,
}

impl Item {
    /// The number of bytes the item occupies: `count * size`.
    pub const fn byte_len(&self) -> usize {
        self.count * self.size
    }

    /// How many values the item takes when packing and gives when unpacking.
    pub const fn values(&self) -> usize {
        self.code.values(self.count)
    }
}

/// The totals of a whole format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Summary {
    /// The byte order and mode.
    pub order: Order,
    /// The packed size in bytes (Python's `calcsize`).
    pub size: usize,
    /// The number of values packed and unpacked.
    pub values: usize,
    /// The number of items (including pad and zero-count items).
    pub items: usize,
}

/// Walks a format one [`Item`] at a time, laying each out as CPython does.
///
/// Works in `const` context (`next_item` is a `const fn`) and as an [`Iterator`].
///
/// ```
/// use netpack_format::{Code, Order, Parser};
///
/// let parser = Parser::new(b"!H8sb").unwrap();
/// assert_eq!(parser.order(), Order::Network);
/// let items: Vec<_> = parser.map(|item| item.unwrap()).collect();
/// assert_eq!(items.len(), 3);
/// assert_eq!((items[1].code, items[1].count, items[1].offset), (Code::Bytes, 8, 2));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Parser<'a> {
    fmt: &'a [u8],
    pos: usize,
    order: Order,
    size: usize,
    values: usize,
    items: usize,
    failed: bool,
}

/// Python's `Py_ISSPACE` over ASCII: space, `\t`, `\n`, `\r`, `\x0b`, `\x0c`.
const fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

const fn error(kind: FormatErrorKind, position: usize, byte: u8) -> FormatError {
    FormatError {
        kind,
        position,
        byte,
    }
}

impl<'a> Parser<'a> {
    /// Starts parsing `fmt`: rejects an embedded NUL (anywhere, first, as CPython
    /// does) and reads the optional order prefix.
    pub const fn new(fmt: &'a [u8]) -> Result<Parser<'a>, FormatError> {
        let mut i = 0;
        while i < fmt.len() {
            if fmt[i] == 0 {
                return Err(error(FormatErrorKind::EmbeddedNul, i, 0));
            }
            i += 1;
        }
        let (order, pos) = match fmt.first() {
            Some(&c) => match Order::from_prefix(c) {
                Some(order) => (order, 1),
                None => (Order::Native, 0),
            },
            None => (Order::Native, 0),
        };
        Ok(Parser {
            fmt,
            pos,
            order,
            size: 0,
            values: 0,
            items: 0,
            failed: false,
        })
    }

    /// The byte order and mode selected by the prefix.
    pub const fn order(&self) -> Order {
        self.order
    }

    /// The size laid out so far: the end of the last item parsed.
    pub const fn size(&self) -> usize {
        self.size
    }

    /// The number of values taken by the items parsed so far.
    pub const fn values(&self) -> usize {
        self.values
    }

    /// The number of items parsed so far.
    pub const fn items(&self) -> usize {
        self.items
    }

    /// Parses the next item, or returns `Ok(None)` at the end of the format.
    pub const fn next_item(&mut self) -> Result<Option<Item>, FormatError> {
        let fmt = self.fmt;
        while self.pos < fmt.len() && is_space(fmt[self.pos]) {
            self.pos += 1;
        }
        if self.pos == fmt.len() {
            return Ok(None);
        }
        let start = self.pos;
        let mut c = fmt[self.pos];
        self.pos += 1;
        let mut count = 1;
        if c.is_ascii_digit() {
            count = (c - b'0') as usize;
            loop {
                if self.pos == fmt.len() {
                    self.failed = true;
                    return Err(error(FormatErrorKind::CountWithoutCode, start, 0));
                }
                c = fmt[self.pos];
                self.pos += 1;
                if !c.is_ascii_digit() {
                    break;
                }
                let digit = (c - b'0') as usize;
                if count > (MAX_SIZE - digit) / 10 {
                    self.failed = true;
                    return Err(error(FormatErrorKind::TooLarge, start, 0));
                }
                count = count * 10 + digit;
            }
        }
        let code = match Code::from_char(c) {
            Some(code) => code,
            None => {
                self.failed = true;
                return Err(error(FormatErrorKind::BadChar, self.pos - 1, c));
            }
        };
        let size = match code.size(self.order) {
            Some(size) => size,
            None => {
                self.failed = true;
                return Err(error(FormatErrorKind::BadChar, self.pos - 1, c));
            }
        };
        let align = code.align(self.order);
        let mut offset = self.size;
        if align > 1 && offset > 0 {
            let extra = (align - 1) - (offset - 1) % align;
            if extra > MAX_SIZE - offset {
                self.failed = true;
                return Err(error(FormatErrorKind::TooLarge, start, 0));
            }
            offset += extra;
        }
        if count > (MAX_SIZE - offset) / size {
            self.failed = true;
            return Err(error(FormatErrorKind::TooLarge, start, 0));
        }
        self.size = offset + count * size;
        self.values += code.values(count);
        self.items += 1;
        Ok(Some(Item {
            code,
            count,
            offset,
            size,
            position: start,
        }))
    }
}

impl Iterator for Parser<'_> {
    type Item = Result<Item, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        self.next_item().transpose()
    }
}

/// Parses a whole format and returns its totals.
///
/// ```
/// use netpack_format::{summarize, Order};
///
/// let summary = summarize(b"<IHhqdf?3x").unwrap();
/// assert_eq!((summary.order, summary.size, summary.values, summary.items), (Order::Little, 32, 7, 8));
/// ```
pub const fn summarize(fmt: &[u8]) -> Result<Summary, FormatError> {
    let mut parser = match Parser::new(fmt) {
        Ok(parser) => parser,
        Err(e) => return Err(e),
    };
    loop {
        match parser.next_item() {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(Summary {
        order: parser.order,
        size: parser.size,
        values: parser.values,
        items: parser.items,
    })
}

/// The packed size of a format: Python's `struct.calcsize`.
///
/// ```
/// use netpack_format::calcsize;
///
/// assert_eq!(calcsize(b"!H8sb"), Ok(11));
/// assert_eq!(calcsize(b"@qb"), Ok(9)); // no trailing padding
/// assert!(calcsize(b"9223372036854775807s1s").is_err());
/// const SIZE: usize = match calcsize(b"<Ihd") { Ok(n) => n, Err(_) => panic!() };
/// assert_eq!(SIZE, 14);
/// ```
pub const fn calcsize(fmt: &[u8]) -> Result<usize, FormatError> {
    match summarize(fmt) {
        Ok(summary) => Ok(summary.size),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec::Vec;

    fn kind(fmt: &[u8]) -> FormatErrorKind {
        calcsize(fmt).unwrap_err().kind
    }

    #[test]
    fn sizes_follow_cpython() {
        assert_eq!(calcsize(b""), Ok(0));
        assert_eq!(calcsize(b"@b0l"), Ok(8));
        assert_eq!(calcsize(b"@qb"), Ok(9));
        assert_eq!(calcsize(b"@?HIhqfd"), Ok(40));
        assert_eq!(calcsize(b" 3s \x0b\x0c"), Ok(3));
        assert_eq!(calcsize(b"003h"), Ok(6));
        assert_eq!(calcsize(b"0s0p0x"), Ok(0));
        assert_eq!(calcsize(b"4294967295s4294967295s"), Ok(8_589_934_590));
        assert_eq!(
            calcsize(b"=bhilqnNP").map(|_| ()),
            Err(error(FormatErrorKind::BadChar, 6, b'n'))
        );
    }

    #[test]
    fn rejects_like_cpython() {
        assert_eq!(kind(b"3"), FormatErrorKind::CountWithoutCode);
        assert_eq!(kind(b"3 s"), FormatErrorKind::BadChar);
        assert_eq!(kind(b"<<"), FormatErrorKind::BadChar);
        assert_eq!(kind(b"z\0"), FormatErrorKind::EmbeddedNul);
        assert_eq!(kind(b"\xc3\xa9"), FormatErrorKind::BadChar);
        assert_eq!(kind(b"99999999999999999999s"), FormatErrorKind::TooLarge);
        assert_eq!(kind(b"9223372036854775807s1s"), FormatErrorKind::TooLarge);
        assert_eq!(kind(b"@b1152921504606846976q"), FormatErrorKind::TooLarge);
        assert_eq!(calcsize(b"9223372036854775807x"), Ok(MAX_SIZE));
    }

    #[test]
    fn values_count_strings_once_and_pads_never() {
        let summary = summarize(b"3h8s2p4x0b").unwrap();
        assert_eq!(summary.values, 3 + 1 + 1);
        assert_eq!(summary.items, 5);
    }

    #[test]
    fn iterator_stops_after_an_error() {
        let results: Vec<_> = Parser::new(b"hzh").unwrap().collect();
        assert_eq!(results.len(), 2);
        assert!(results[1].is_err());
    }
}
