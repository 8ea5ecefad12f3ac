//! The one parser of Python [`bitstruct`] formats, beside the `struct` one: bit
//! fields laid out bit by bit, in `const fn`, shared by `netpack::bits` at run
//! time and by the derive's bit fields at compile time.
//!
//! # Grammar (bitstruct 8.24, `_parse_format`)
//!
//! ```text
//! format     := group* [byte_order]       (byte_order: the last character)
//! group      := [bit_order] letter length space*
//! bit_order  := '>' | '<'                 (sticky: this group and the next ones; '>' at first)
//! letter     := 'a'..'z' | 'A'..'Z'       (codes: u s f b t r p P; any other is a bad char)
//! length     := digit+                    (Python's \d: any Unicode decimal digit; at least 1)
//! space      := Python's \s               (any Unicode whitespace, \x1c..\x1f included)
//! byte_order := '>' | '<'                 ('>' when absent)
//! ```
//!
//! The shape of the whole format is checked first (bitstruct matches it with
//! one regex): `"x1 ?"` is `bad format`, not `bad char 'x'`. Then, group by
//! group: a zero length is `bad format`, a letter that is no code is `bad char`.
//! There is no space before the first group and none between a letter and its
//! length; the byte order applies to the whole format, the bit order to the
//! groups from its own on. A `f` field of a length other than 16, 32 or 64 parses
//! (bitstruct refuses it only when packing or unpacking it).
//!
//! Lengths and offsets are in bits. Each field takes one value, padding (`p`,
//! `P`) none. netpack refuses a format of more than [`MAX_BITS`] bits, where
//! bitstruct has no limit.
//!
//! # Example
//!
//! ```
//! use netpack_format::bits::{calcsize, BitCode, BitOrder, ByteOrder, Parser};
//!
//! // bitstruct.calcsize("u4u4u6u2u16"): an IPv4 header's first word.
//! assert_eq!(calcsize(b"u4u4u6u2u16"), Ok(32));
//!
//! let mut parser = Parser::new(b"u1 <u3 s4<").unwrap();
//! assert_eq!(parser.byte_order(), ByteOrder::Little);
//! let first = parser.next_item().unwrap().unwrap();
//! assert_eq!((first.code, first.bits, first.offset, first.bit_order), (BitCode::Unsigned, 1, 0, BitOrder::MsbFirst));
//! let second = parser.next_item().unwrap().unwrap();
//! assert_eq!((second.offset, second.bit_order), (1, BitOrder::LsbFirst));
//! let third = parser.next_item().unwrap().unwrap();
//! assert_eq!((third.code, third.offset, third.bit_order), (BitCode::Signed, 4, BitOrder::LsbFirst));
//! assert_eq!(parser.next_item(), Ok(None));
//! ```
//!
//! [`bitstruct`]: https://bitstruct.readthedocs.io/

mod error;
mod parse;
mod unicode;

pub use error::{BitsFormatError, BitsFormatErrorKind};
pub use parse::{calcsize, summarize, BitCode, BitOrder, ByteOrder, Item, Parser, Summary};
pub use unicode::{decimal, is_space};

/// The longest bit format netpack accepts, in bits: `isize::MAX`, as
/// [`MAX_SIZE`](crate::MAX_SIZE) is for bytes.
pub const MAX_BITS: usize = isize::MAX as usize;

#[cfg(test)]
mod tests {
    use super::*;
    extern crate std;
    use std::vec::Vec;

    fn err(fmt: &str) -> (BitsFormatErrorKind, usize) {
        let e = calcsize(fmt.as_bytes()).unwrap_err();
        (e.kind, e.position)
    }

    #[test]
    fn lengths_follow_bitstruct() {
        assert_eq!(calcsize(b""), Ok(0));
        assert_eq!(calcsize(b"<"), Ok(0));
        assert_eq!(calcsize(b">"), Ok(0));
        assert_eq!(calcsize(b"u8 "), Ok(8));
        assert_eq!(calcsize(b"u8  <u8 >"), Ok(16));
        assert_eq!(calcsize(b"f8"), Ok(8));
        assert_eq!(calcsize("u\u{663}".as_bytes()), Ok(3));
        assert_eq!(calcsize("u8\u{a0}u8\x1c".as_bytes()), Ok(16));
        assert_eq!(calcsize(b"u01p007"), Ok(8));
        assert_eq!(calcsize(b"p9223372036854775807"), Ok(MAX_BITS));
    }

    #[test]
    fn rejects_like_bitstruct() {
        use BitsFormatErrorKind::*;
        assert_eq!(err(" u8"), (BadFormat, 0));
        assert_eq!(err("<<"), (BadFormat, 0));
        assert_eq!(err("u8<<u8"), (BadFormat, 2));
        assert_eq!(err("u8<>"), (BadFormat, 2));
        assert_eq!(err("u8x"), (BadFormat, 2));
        assert_eq!(err("u8\0"), (BadFormat, 2));
        assert_eq!(err("x1 ?"), (BadFormat, 3));
        assert_eq!(err("x0"), (ZeroLength, 0));
        assert_eq!(err("u8<u00"), (ZeroLength, 3));
        assert_eq!(err("x1u0"), (BadChar, 0));
        assert_eq!(err("u1y2"), (BadChar, 2));
        assert_eq!(err("p9223372036854775807u1"), (TooLarge, 20));
        assert_eq!(err("u99999999999999999999"), (TooLarge, 0));
        assert_eq!(err("u\u{e9}"), (BadFormat, 0));
        assert_eq!(calcsize(b"u8\xff").unwrap_err().position, 2);
        assert_eq!(calcsize(b"u8\xc3").unwrap_err().position, 2);
    }

    #[test]
    fn bit_order_is_sticky_and_values_skip_padding() {
        let items: Vec<Item> = Parser::new(b"u1<p2u3>s4")
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let orders: Vec<BitOrder> = items.iter().map(|i| i.bit_order).collect();
        use BitOrder::*;
        assert_eq!(orders, [MsbFirst, LsbFirst, LsbFirst, MsbFirst]);
        let values: Vec<(usize, usize)> = items.iter().map(|i| (i.value, i.values())).collect();
        assert_eq!(values, [(0, 1), (1, 0), (1, 1), (2, 1)]);
        assert_eq!(items[3].byte_order, ByteOrder::Big);
    }

    #[test]
    fn iterator_stops_after_an_error() {
        let results: Vec<_> = Parser::new(b"u1x1u1").unwrap().collect();
        assert_eq!(results.len(), 2);
        assert!(results[1].is_err());
    }

    #[test]
    fn unicode_tables() {
        assert_eq!(decimal('\u{1fbf9}'), Some(9));
        assert_eq!(decimal('\u{1fbfa}'), None);
        assert_eq!(decimal('/'), None);
        assert!(is_space('\u{85}') && !is_space('a'));
    }
}
