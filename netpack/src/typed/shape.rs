//! The layout a Rust type declares, and the `const fn`s that turn it into a format
//! string and check it against one.
//!
//! A [`Shape`] is what a type says about its wire form (its format codes, counts,
//! and element sizes), composed at compile time from the shapes of its fields. It
//! is rendered to the type's `FORMAT` string, and everything else (the size, each
//! value's offset, native alignment) comes from parsing that string with
//! `netpack-format`, the same parser the runtime uses. So a derived type and
//! `netpack::pack(T::FORMAT, …)` cannot disagree about where a byte goes.

use crate::typed::const_vec::ConstVec;
use netpack_format::{Code, Item, Order, Parser};

/// A type's wire layout as format items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `count` elements of `code`, each written from a Rust value of `size` bytes
    /// (for `s`/`p`/`x` the count is a byte length and `size` is 0).
    Item {
        /// The repeat count or byte length.
        count: usize,
        /// The format character.
        code: u8,
        /// The Rust value's size per element (0 where it does not apply).
        size: usize,
    },
    /// The shapes one after the other (a struct's fields).
    Seq(&'static [Shape]),
    /// `times` copies of one shape (an array of a composite type).
    Repeat {
        /// How many copies.
        times: usize,
        /// What is repeated.
        shape: &'static Shape,
    },
}

impl Shape {
    /// The shape of one primitive value.
    pub const fn one(code: u8, size: usize) -> Shape {
        Shape::Item {
            count: 1,
            code,
            size,
        }
    }

    /// The shape of `[T; times]` where `T` has shape `inner`: `"NH"` for an item
    /// of count 1, `Ns` when the element is a byte (`as_bytes`), and a repetition
    /// otherwise.
    pub const fn array(inner: &'static Shape, times: usize, as_bytes: bool) -> Shape {
        match *inner {
            Shape::Item { count: 1, .. } if as_bytes => Shape::Item {
                count: times,
                code: b's',
                size: 0,
            },
            Shape::Item {
                count: 1,
                code,
                size,
            } => Shape::Item {
                count: times,
                code,
                size,
            },
            _ => Shape::Repeat {
                times,
                shape: inner,
            },
        }
    }

    /// How many values the shape packs and unpacks.
    pub const fn values(&self) -> usize {
        match *self {
            Shape::Item { count, code, .. } => match Code::from_char(code) {
                Some(c) => c.values(count),
                None => 0,
            },
            Shape::Seq(shapes) => {
                let mut n = 0;
                let mut i = 0;
                while i < shapes.len() {
                    n += shapes[i].values();
                    i += 1;
                }
                n
            }
            Shape::Repeat { times, shape } => times * shape.values(),
        }
    }

    /// The length of the rendered format body (without the order prefix).
    pub const fn format_len(&self) -> usize {
        match *self {
            Shape::Item { count, .. } => {
                if count == 1 {
                    1
                } else {
                    digits(count) + 1
                }
            }
            Shape::Seq(shapes) => {
                let mut n = 0;
                let mut i = 0;
                while i < shapes.len() {
                    n += shapes[i].format_len();
                    i += 1;
                }
                n
            }
            Shape::Repeat { times, shape } => times * shape.format_len(),
        }
    }

    /// Appends the format body to `out`. Panics (at compile time, in `const`
    /// use) when `out` is too short.
    pub const fn write_format<const CAP: usize>(&self, out: &mut ConstVec<u8, CAP>) {
        match *self {
            Shape::Item { count, code, .. } => {
                if count != 1 {
                    let n = digits(count);
                    let mut k = n;
                    while k > 0 {
                        k -= 1;
                        let digit = b'0' + ((count / pow10(k)) % 10) as u8;
                        push(out, digit);
                    }
                }
                push(out, code);
            }
            Shape::Seq(shapes) => {
                let mut i = 0;
                while i < shapes.len() {
                    shapes[i].write_format(out);
                    i += 1;
                }
            }
            Shape::Repeat { times, shape } => {
                let mut i = 0;
                while i < times {
                    shape.write_format(out);
                    i += 1;
                }
            }
        }
    }

    /// The format: `prefix`, then the body, in a buffer of `CAP` bytes. A
    /// derived type asks for exactly `format_len() + 1`; a generic one (an array,
    /// a wrapper) for a fixed capacity, and a longer format is a compile error.
    pub const fn render<const CAP: usize>(&self, prefix: u8) -> ConstVec<u8, CAP> {
        if self.format_len() + 1 > CAP {
            panic!("netpack: the format of this array type is longer than 1024 characters; wrap the array in a derived struct");
        }
        let mut out = ConstVec::text();
        push(&mut out, prefix);
        self.write_format(&mut out);
        out
    }
}

/// Appends a byte the caller has made room for.
const fn push<const CAP: usize>(out: &mut ConstVec<u8, CAP>, byte: u8) {
    if !out.try_push(byte) {
        panic!("netpack: rendered format length mismatch");
    }
}

const fn pow10(k: usize) -> usize {
    let mut p = 1;
    let mut i = 0;
    while i < k {
        p *= 10;
        i += 1;
    }
    p
}

const fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// `bytes` as a `&str`; formats are ASCII, so this only fails on a netpack bug.
pub const fn as_str(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => panic!("netpack: a rendered format is not ASCII"),
    }
}

/// The size of `format`, or a compile-time panic with the parser's message.
pub const fn size_of_format(format: &str) -> usize {
    match netpack_format::calcsize(format.as_bytes()) {
        Ok(size) => size,
        Err(e) => panic!("{}", e.message()),
    }
}

/// The number of values of `format`, or a compile-time panic.
pub const fn values_of_format(format: &str) -> usize {
    match netpack_format::summarize(format.as_bytes()) {
        Ok(summary) => summary.values,
        Err(e) => panic!("{}", e.message()),
    }
}

/// The order of `format`.
pub const fn order_of_format(format: &str) -> Order {
    match Parser::new(format.as_bytes()) {
        Ok(parser) => parser.order(),
        Err(e) => panic!("{}", e.message()),
    }
}

/// Whether every byte of `format` belongs to a value that writes all of its bytes:
/// no pad bytes, no alignment gaps, no `p` (whose tail may be left short). Packing
/// such a format needs no zeroing first.
pub const fn is_dense(format: &str) -> bool {
    let mut parser = match Parser::new(format.as_bytes()) {
        Ok(parser) => parser,
        Err(e) => panic!("{}", e.message()),
    };
    let mut end = 0;
    loop {
        match parser.next_item() {
            Ok(Some(item)) => {
                if item.offset != end || matches!(item.code, Code::Pad | Code::Pascal) {
                    return false;
                }
                end = item.offset + item.byte_len();
            }
            Ok(None) => return true,
            Err(e) => panic!("{}", e.message()),
        }
    }
}

/// Walks the values of a format one at a time.
struct Values<'a> {
    parser: Parser<'a>,
    item: Option<Item>,
    next: usize,
}

impl<'a> Values<'a> {
    const fn new(format: &'a str) -> Values<'a> {
        match Parser::new(format.as_bytes()) {
            Ok(parser) => Values {
                parser,
                item: None,
                next: 0,
            },
            Err(e) => panic!("{}", e.message()),
        }
    }

    /// The next value's item and its byte offset.
    const fn next_value(&mut self) -> Option<(Item, usize)> {
        loop {
            if let Some(item) = self.item {
                if self.next < item.values() {
                    let offset = if item.code.is_string() {
                        item.offset
                    } else {
                        item.offset + self.next * item.size
                    };
                    self.next += 1;
                    return Some((item, offset));
                }
            }
            match self.parser.next_item() {
                Ok(Some(item)) => {
                    self.item = Some(item);
                    self.next = 0;
                }
                Ok(None) => return None,
                Err(e) => panic!("{}", e.message()),
            }
        }
    }
}

/// The byte offset of each value of `format`, in a buffer of `CAP` values. A
/// derived type asks for exactly its number of values; a generic one (an array,
/// a wrapper) for a fixed capacity, and more values are a compile error.
pub const fn value_offsets<const CAP: usize>(format: &str) -> ConstVec<usize, CAP> {
    let mut offsets = ConstVec::new(0);
    let mut values = Values::new(format);
    while let Some((_, offset)) = values.next_value() {
        if !offsets.try_push(offset) {
            panic!("netpack: this array type has more than 512 values to pack on its own; wrap it in a derived struct");
        }
    }
    offsets
}

/// Where a type's shape and a format disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The index of the first value that differs (or the value count where the
    /// numbers of values differ).
    pub value: usize,
}

/// The kind of value a code holds, for deciding which codes may stand for one
/// another (`i` and `l` for an `i32` in standard mode).
/// The kind of value a code holds: `i` for signed and `u` for unsigned integers,
/// the code itself otherwise.
pub const fn code_class(code: u8) -> u8 {
    match code {
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => b'i',
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => b'u',
        c => c,
    }
}

/// Checks that `format`'s values match `shape`'s, value by value: the same kind of
/// code, the same element size (in the format's mode) as the Rust value, the same
/// length for `s`/`p`. Pad bytes in the format are free.
pub const fn check_layout(format: &str, shape: &Shape) -> Result<(), Mismatch> {
    let mut values = Values::new(format);
    let mut index = 0;
    if let Err(m) = check_rec(shape, &mut values, &mut index) {
        return Err(m);
    }
    match values.next_value() {
        Some(_) => Err(Mismatch { value: index }),
        None => Ok(()),
    }
}

const fn check_rec(
    shape: &Shape,
    values: &mut Values<'_>,
    index: &mut usize,
) -> Result<(), Mismatch> {
    match *shape {
        Shape::Item { count, code, size } => {
            let want = match Code::from_char(code) {
                Some(c) => c,
                None => return Err(Mismatch { value: *index }),
            };
            let n = want.values(count);
            let mut k = 0;
            while k < n {
                let (item, _) = match values.next_value() {
                    Some(v) => v,
                    None => return Err(Mismatch { value: *index }),
                };
                let same_class = code_class(item.code.as_char()) == code_class(code);
                let same_size = if want.is_string() {
                    item.count == count
                } else {
                    item.size == size
                };
                if !same_class || !same_size {
                    return Err(Mismatch { value: *index });
                }
                *index += 1;
                k += 1;
            }
            Ok(())
        }
        Shape::Seq(shapes) => {
            let mut i = 0;
            while i < shapes.len() {
                if let Err(m) = check_rec(&shapes[i], values, index) {
                    return Err(m);
                }
                i += 1;
            }
            Ok(())
        }
        Shape::Repeat { times, shape } => {
            let mut i = 0;
            while i < times {
                if let Err(m) = check_rec(shape, values, index) {
                    return Err(m);
                }
                i += 1;
            }
            Ok(())
        }
    }
}

/// A byte order written on a type (`#[netpack(order = "<")]` or the prefix of
/// `#[netpack(format = "<…")]`) and the type's name: what a struct nesting the
/// type checks its own order against.
pub type ExplicitOrder = Option<(u8, &'static str)>;

/// Whether two prefixes give the same bytes: equal, or `>` and `!`.
const fn same_order(a: u8, b: u8) -> bool {
    a == b || (matches!(a, b'>' | b'!') && matches!(b, b'>' | b'!'))
}

/// What an order prefix means, for messages.
const fn order_name(prefix: u8) -> &'static str {
    match prefix {
        b'@' => "native, with native sizes and alignment",
        b'=' => "native byte order, standard sizes",
        b'<' => "little-endian",
        b'>' => "big-endian",
        b'!' => "network, big-endian",
        _ => "unknown",
    }
}

/// The message of a nested type whose written order conflicts with the order
/// of the struct around it, built at compile time.
pub type OrderConflict = ConstVec<u8, 512>;

const fn push_all(m: &mut OrderConflict, pieces: &[&str]) {
    let mut i = 0;
    while i < pieces.len() {
        let _ = m.try_push_str(pieces[i]);
        i += 1;
    }
}

/// Appends `` `<` (little-endian)``.
const fn push_order(m: &mut OrderConflict, prefix: u8) {
    let quoted = [b'`', prefix, b'`', b' ', b'('];
    if let Ok(q) = core::str::from_utf8(&quoted) {
        push_all(m, &[q, order_name(prefix), ")"]);
    }
}

/// `Some(message)` when a field's type has an order written on it (`nested`)
/// that gives other bytes than the order of the struct `outer` around it,
/// `outer_order`. A Python format has one byte order, so a struct cannot honour
/// both; a nested type without a written order takes the outer one.
pub const fn nested_order_conflict(
    outer: &str,
    outer_order: u8,
    nested: ExplicitOrder,
) -> Option<OrderConflict> {
    let (order, name) = match nested {
        Some((order, name)) if !same_order(order, outer_order) => (order, name),
        _ => return None,
    };
    let mut m = OrderConflict::text();
    // Whole pieces only, each where it fits: a name too long is left out.
    push_all(&mut m, &["netpack: `", name, "` has byte order "]);
    push_order(&mut m, order);
    push_all(
        &mut m,
        &[" but is a field of `", outer, "`, which has byte order "],
    );
    push_order(&mut m, outer_order);
    push_all(&mut m, &[
        "; a Python format has one byte order: give both the same order, or remove the order from `",
        name,
        "` so that it takes the order of the struct around it",
    ]);
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INNER: Shape = Shape::Seq(&[Shape::one(b'B', 1), Shape::one(b'I', 4)]);
    const OUTER: Shape = Shape::Seq(&[
        Shape::one(b'b', 1),
        Shape::array(&INNER, 2, false),
        Shape::array(&Shape::one(b'B', 1), 8, true),
        Shape::array(&Shape::one(b'H', 2), 3, false),
    ]);

    #[test]
    fn renders_formats() {
        const LEN: usize = OUTER.format_len() + 1;
        const TEXT: ConstVec<u8, LEN> = OUTER.render(b'@');
        assert_eq!(TEXT.as_str(), "@bBIBI8s3H");
        assert_eq!(OUTER.values(), 1 + 4 + 1 + 3);
        assert_eq!(INNER.render::<1024>(b'!').as_str(), "!BI");
    }

    #[test]
    fn nested_orders_conflict_only_when_the_bytes_differ() {
        assert!(nested_order_conflict("Outer", b'!', None).is_none());
        assert!(nested_order_conflict("Outer", b'!', Some((b'!', "Be"))).is_none());
        assert!(nested_order_conflict("Outer", b'>', Some((b'!', "Be"))).is_none());
        assert!(nested_order_conflict("Outer", b'<', Some((b'<', "Le"))).is_none());
        for (outer, nested) in [
            (b'!', b'<'),
            (b'<', b'>'),
            (b'=', b'<'),
            (b'@', b'='),
            (b'<', b'@'),
        ] {
            assert!(nested_order_conflict("Outer", outer, Some((nested, "Inner"))).is_some());
        }
        const M: Option<OrderConflict> = nested_order_conflict("Outer", b'!', Some((b'<', "Le")));
        let m = M.as_ref().map(OrderConflict::as_str);
        assert_eq!(
            m,
            Some(
                "netpack: `Le` has byte order `<` (little-endian) but is a field of `Outer`, \
                 which has byte order `!` (network, big-endian); a Python format has one byte \
                 order: give both the same order, or remove the order from `Le` so that it \
                 takes the order of the struct around it"
            )
        );
        static LONG: [u8; 600] = [b'L'; 600];
        let long = core::str::from_utf8(&LONG).unwrap();
        let m = nested_order_conflict("Outer", b'!', Some((b'<', long))).unwrap();
        assert!(
            m.as_str().starts_with("netpack: `` has byte order"),
            "{}",
            m.as_str()
        );
    }

    #[test]
    fn offsets_follow_native_alignment() {
        // b at 0, B at 1, I at 4, B at 8, I at 12, 8s at 16, 3H at 24.
        const OFFSETS: ConstVec<usize, 9> = value_offsets("@bBIBI8s3H");
        assert_eq!(OFFSETS.as_slice(), [0, 1, 4, 8, 12, 16, 24, 26, 28]);
        assert_eq!(value_offsets::<512>("<2x3H").as_slice(), [2, 4, 6]);
    }

    #[test]
    fn checks_layouts() {
        assert_eq!(check_layout("@bBIBI8s3H", &OUTER), Ok(()));
        assert_eq!(check_layout("<bBLBL8sHHH", &OUTER), Ok(()));
        assert_eq!(check_layout("<xbBIBI8sHHH2x", &OUTER), Ok(()));
        assert_eq!(
            check_layout("<bBIBI7sHHH", &OUTER),
            Err(Mismatch { value: 5 })
        );
        assert_eq!(
            check_layout("<bBIBIh8s3H", &OUTER),
            Err(Mismatch { value: 5 })
        );
        assert_eq!(
            check_layout("<bBIBI8s2H", &OUTER),
            Err(Mismatch { value: 8 })
        );
        assert_eq!(
            check_layout("<bBIBI8s4H", &OUTER),
            Err(Mismatch { value: 9 })
        );
        // `l` is 8 bytes natively on LP64: not an i32.
        #[cfg(all(target_pointer_width = "64", not(windows)))]
        assert_eq!(
            check_layout("@bBlBI8s3H", &OUTER),
            Err(Mismatch { value: 2 })
        );
    }
}
