//! The words of an [`Error`](super::Error): what CPython (or bitstruct) says for each
//! [`Detail`], then where it happened.

use core::fmt::{self, Write as _};
use netpack_format::FormatError;

use super::{Context, Error, ExprFault, Place, NO_INDEX};

/// Everything that can go wrong, with the numbers needed to say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Detail {
    Format(FormatError),
    ArgCount {
        expected: usize,
        got: usize,
        into: bool,
    },
    NotInteger,
    NotFloat,
    CharLength,
    NotBytes(u8),
    /// CPython: `argument out of range` (the value does not fit a C long).
    OutOfRange,
    /// CPython: `int too large to convert`.
    IntTooLarge,
    /// CPython's native range messages: `short format requires -32768 <= number <= 32767`.
    NamedRange {
        name: &'static str,
        min: i128,
        max: i128,
    },
    /// CPython's standard range messages: `'h' format requires -32768 <= number <= 32767`.
    CodeRange {
        code: u8,
        min: i128,
        max: i128,
    },
    FloatTooLarge(u8),
    Unpack {
        size: usize,
    },
    UnpackFrom {
        size: usize,
        offset: isize,
        len: usize,
    },
    PackInto {
        size: usize,
        offset: isize,
        len: usize,
    },
    NotEnoughData {
        size: usize,
        offset: isize,
    },
    NoSpace {
        size: usize,
        offset: isize,
    },
    IterMultiple {
        size: usize,
    },
    OffsetRange {
        offset: isize,
        len: usize,
    },
    ZeroSizeIter,
    Discriminant {
        type_name: &'static str,
        value: i128,
    },
    BufferTooSmall {
        needed: usize,
        len: usize,
    },
    /// The allocation for a packed buffer failed (Python: `MemoryError`).
    NoMemory {
        size: usize,
    },
    /// A variable field holds `len` bytes or elements, over its cap of `max`.
    TooLong {
        len: usize,
        max: usize,
    },
    /// A length field holds `value` where its data has `len` bytes or elements.
    LengthMismatch {
        field: &'static str,
        value: i128,
        len: usize,
    },
    /// A length read from the input is negative or beyond `usize`.
    BadLength {
        value: i128,
    },
    /// A NUL-terminated field has no NUL within its cap of `max` bytes.
    NulTooFar {
        max: usize,
    },
    /// A NUL-terminated field runs to the end of a buffer of `len` bytes.
    NulMissing {
        len: usize,
    },
    /// A NUL byte inside a NUL-terminated field, at `index` in its data.
    InteriorNul {
        index: usize,
    },
    /// Text that is not UTF-8: the first `valid` bytes are.
    Utf8 {
        valid: usize,
    },
    /// A tag that names no variant of a tagged enum.
    UnknownTag {
        value: i128,
    },
    /// Magic bytes other than `expected`: `found` holds the first `found_len`
    /// bytes that were there instead.
    BadMagic {
        expected: &'static [u8],
        found: [u8; MAGIC_SHOWN],
        found_len: u8,
    },
    /// A field that selects the byte order (`order_by`) selects none.
    NoOrder,
    /// Not an error: a message decoded in one byte order met the field that
    /// selects the other, and is decoded again in that one. Never returned.
    Reorder,
    /// A checksum field holds `found` where the bytes it covers sum to `expected`.
    BadChecksum {
        expected: u64,
        found: u64,
    },
    /// A message of `used` bytes, decoded from a buffer of `len`.
    Trailing {
        used: usize,
        len: usize,
    },
    /// An expression of a derived message (`len = "ihl * 4 - 20"`, `if`,
    /// `count`) failed: integer overflow, division by zero, a negative shift.
    Expression {
        expr: &'static str,
        fault: ExprFault,
    },
    /// A conditional field is `Some` (`present`) where its condition is
    /// false, or `None` where it is true.
    Condition {
        expr: &'static str,
        present: bool,
    },
    /// An `until` repetition of `count` elements whose element `index` is the
    /// first that ends it (`index == count`: none does).
    Terminator {
        index: usize,
        count: usize,
    },
    /// No element of an `until` repetition ends it within `max` elements.
    UntilTooFar {
        max: usize,
    },
    /// A custom field codec's error.
    Invalid {
        message: &'static str,
    },
    /// A column whose type is not its code's (columnar encoding).
    ColumnType {
        column: usize,
    },
    /// A column whose length differs from the first one's (columnar encoding).
    ColumnLength {
        column: usize,
        len: usize,
        records: usize,
    },
    /// An error of `netpack::bits`, worded as bitstruct words it.
    Bits(crate::bits::error::BitsError),
    /// `got` field names for a format of `expected` values.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    NameCount {
        expected: usize,
        got: usize,
    },
    /// Field `index` has the name of field `first`.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    DuplicateName {
        first: usize,
        index: usize,
    },
    /// An `s` of `size` bytes: wider than Arrow's `FixedSizeBinary` (`i32`).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    ArrowWidth {
        size: usize,
    },
    /// `p` strings of `bytes` bytes in one batch: beyond `Binary`'s `i32` offsets.
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    ArrowBinary {
        bytes: usize,
    },
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.outer)?;
        if self.index != NO_INDEX {
            write!(f, "[{}]", self.index)?;
        }
        if self.elided {
            f.write_str(".…")?;
        }
        if let Some(inner) = self.inner {
            // `Inner.field` seen from outside is `.field`: the type is the outer
            // field's.
            if let Some(dot) = inner.find('.') {
                f.write_str(&inner[dot..])?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Place::Field(c) = &self.place {
            write!(f, "{c}: ")?;
        }
        self.fmt_detail(f)?;
        // CPython's buffer messages say their offset already.
        let says_offset = matches!(
            self.detail,
            Detail::UnpackFrom { .. } | Detail::PackInto { .. } | Detail::NotEnoughData { .. }
        );
        if let (Some(offset), false) = (self.offset(), says_offset) {
            write!(f, " at offset {offset}")?;
        }
        Ok(())
    }
}

impl Error {
    fn fmt_detail(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail {
            Detail::Format(e) => return fmt::Display::fmt(&e, f),
            Detail::Bits(b) => {
                let field = match self.place {
                    Place::Bits { code, bits, .. } => Some((code, bits as u64)),
                    _ => None,
                };
                b.write(f, field)?
            }
            Detail::ArgCount {
                expected,
                got,
                into,
            } => {
                let name = if into { "pack_into" } else { "pack" };
                write!(
                    f,
                    "{name} expected {expected} items for packing (got {got})"
                )?
            }
            Detail::NotInteger => f.write_str("required argument is not an integer")?,
            Detail::NotFloat => f.write_str("required argument is not a float")?,
            Detail::CharLength => f.write_str("char format requires a bytes object of length 1")?,
            Detail::NotBytes(c) => {
                write!(f, "argument for '{}' must be a bytes object", c as char)?
            }
            Detail::OutOfRange => f.write_str("argument out of range")?,
            Detail::IntTooLarge => f.write_str("int too large to convert")?,
            Detail::NamedRange { name, min, max } => {
                write!(f, "{name} format requires {min} <= number <= {max}")?
            }
            Detail::CodeRange { code, min, max } => write!(
                f,
                "'{}' format requires {min} <= number <= {max}",
                code as char
            )?,
            Detail::FloatTooLarge(c) => {
                write!(f, "float too large to pack with {} format", c as char)?
            }
            Detail::Unpack { size } => write!(f, "unpack requires a buffer of {size} bytes")?,
            Detail::UnpackFrom { size, offset, len } => write!(
                f,
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} \
                 bytes at offset {offset} (actual buffer size is {len})",
                (size as u128) + (offset as u128)
            )?,
            Detail::PackInto { size, offset, len } => write!(
                f,
                "pack_into requires a buffer of at least {} bytes for packing {size} \
                 bytes at offset {offset} (actual buffer size is {len})",
                (size as u128) + (offset as u128)
            )?,
            Detail::NotEnoughData { size, offset } => write!(
                f,
                "not enough data to unpack {size} bytes at offset {offset}"
            )?,
            Detail::NoSpace { size, offset } => {
                write!(f, "no space to pack {size} bytes at offset {offset}")?
            }
            Detail::IterMultiple { size } => write!(
                f,
                "iterative unpacking requires a buffer of a multiple of {size} bytes"
            )?,
            Detail::OffsetRange { offset, len } => {
                write!(f, "offset {offset} out of range for {len}-byte buffer")?
            }
            Detail::ZeroSizeIter => {
                f.write_str("cannot iteratively unpack with a struct of length 0")?
            }
            Detail::Discriminant { type_name, value } => {
                write!(f, "invalid value {value} for {type_name}")?
            }
            Detail::NoMemory { size } => write!(f, "out of memory for a struct of {size} bytes")?,
            Detail::ColumnType { column } => {
                write!(f, "column {column} does not have its code's type")?
            }
            Detail::ColumnLength {
                column,
                len,
                records,
            } => write!(
                f,
                "column {column} holds {len} values where column 0 holds {records}"
            )?,
            Detail::BufferTooSmall { needed, len } => write!(
                f,
                "buffer of {len} bytes is too small: {needed} bytes needed"
            )?,
            Detail::TooLong { len, max } => write!(f, "length {len} is over the cap of {max}")?,
            Detail::LengthMismatch { field, value, len } => write!(
                f,
                "length field `{field}` holds {value} but the data has length {len}"
            )?,
            Detail::BadLength { value } => write!(f, "invalid length {value}")?,
            Detail::NulTooFar { max } => write!(f, "no NUL terminator within {max} bytes")?,
            Detail::NulMissing { len } => write!(
                f,
                "no NUL terminator before the end of the buffer ({len} bytes)"
            )?,
            Detail::InteriorNul { index } => write!(f, "embedded null byte at index {index}")?,
            Detail::Utf8 { valid } => write!(f, "invalid UTF-8 after {valid} valid bytes")?,
            Detail::UnknownTag { value } => write!(f, "unknown tag {value}")?,
            Detail::Expression { expr, fault } => {
                let what = match fault {
                    ExprFault::Overflow => "integer overflow",
                    ExprFault::DivisionByZero => "division by zero",
                    ExprFault::NegativeShift => "negative shift count",
                };
                write!(f, "`{expr}`: {what}")?
            }
            Detail::Condition { expr, present } => {
                if present {
                    write!(f, "the field is present (Some) but `{expr}` is false")?
                } else {
                    write!(f, "the field is absent (None) but `{expr}` is true")?
                }
            }
            Detail::Terminator { index, count } => {
                if index == count {
                    write!(f, "no element of {count} ends the repetition (`until`)")?
                } else {
                    write!(
                        f,
                        "element {index} ends the repetition (`until`) but {} more follow",
                        count - index - 1
                    )?
                }
            }
            Detail::UntilTooFar { max } => {
                write!(f, "no element ends the repetition within {max} elements")?
            }
            Detail::Invalid { message } => f.write_str(message)?,
            Detail::BadMagic {
                expected,
                found,
                found_len,
            } => {
                f.write_str("bad magic: expected ")?;
                write_bytes(f, expected)?;
                f.write_str(", found ")?;
                write_bytes(f, &found[..usize::from(found_len).min(MAGIC_SHOWN)])?;
            }
            Detail::NoOrder => f.write_str("bad magic: the value selects no byte order")?,
            Detail::Reorder => f.write_str("decoded again in the other byte order")?,
            Detail::BadChecksum { expected, found } => write!(
                f,
                "bad checksum: the data sums to {expected:#x} but the field holds {found:#x}"
            )?,
            Detail::Trailing { used, len } => {
                let left = len - used.min(len);
                let s = if left == 1 { "" } else { "s" };
                write!(
                    f,
                    "{left} byte{s} left over after a message of {used} bytes"
                )?
            }
            Detail::NameCount { expected, got } => write!(
                f,
                "expected {expected} field names, one per value of the format (got {got})"
            )?,
            Detail::DuplicateName { first, index } => write!(
                f,
                "duplicate field name: field {index} has the name of field {first}"
            )?,
            Detail::ArrowWidth { size } => write!(
                f,
                "a {size}-byte 's' value is wider than Arrow's FixedSizeBinary (at most {} bytes)",
                i32::MAX
            )?,
            Detail::ArrowBinary { bytes } => write!(
                f,
                "the 'p' values of one batch take {bytes} bytes, more than an Arrow Binary \
                 array holds ({} bytes): decode fewer records at a time",
                i32::MAX
            )?,
        }
        match self.place {
            Place::Argument {
                argument,
                code,
                position: Some(pos),
            } => write!(
                f,
                " (argument {argument}, '{}' at format position {pos})",
                code as char
            ),
            Place::Argument { argument, .. } => write!(f, " (argument {argument})"),
            Place::Bits {
                value,
                position,
                code,
                bits,
                packing,
            } => {
                f.write_str(" (")?;
                if packing {
                    write!(f, "argument {value}, ")?;
                }
                write!(f, "'{}{bits}' at format position {position})", code as char)
            }
            _ => Ok(()),
        }
    }
}

/// The kind and the message, not the fields: this is what a program that returns
/// the error from `main` shows its user.
///
/// ```
/// let err = netpack::pack("!2s", &[7.into()]).unwrap_err();
/// assert_eq!(
///     format!("{err:?}"),
///     r#"Error { kind: ArgType, message: "argument for 's' must be a bytes object (argument 0, 's' at format position 1)" }"#
/// );
/// ```
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind())
            .field("message", &Quoted(self))
            .finish()
    }
}

/// `Debug` of a value's `Display` text as a string literal (quoted, escaped),
/// without allocating the text.
struct Quoted<'a, T>(&'a T);

impl<T: fmt::Display> fmt::Debug for Quoted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Escape<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl fmt::Write for Escape<'_, '_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                s.chars().try_for_each(|c| match c {
                    '\'' => self.0.write_char(c),
                    _ => c.escape_debug().try_for_each(|e| self.0.write_char(e)),
                })
            }
        }
        f.write_char('"')?;
        write!(Escape(f), "{}", self.0)?;
        f.write_char('"')
    }
}

impl core::error::Error for Error {}

/// How many of the bytes found instead of a magic value an error shows.
pub(crate) const MAGIC_SHOWN: usize = 16;

/// `bytes` as a Python bytes literal: `b'RIFF'`, `b'\xa1\xb2'`.
fn write_bytes(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    f.write_str("b'")?;
    for &b in bytes {
        match b {
            b'\\' | b'\'' => write!(f, "\\{}", char::from(b))?,
            b'\t' => f.write_str("\\t")?,
            b'\n' => f.write_str("\\n")?,
            b'\r' => f.write_str("\\r")?,
            0x20..=0x7e => f.write_char(char::from(b))?,
            _ => write!(f, "\\x{b:02x}")?,
        }
    }
    f.write_str("'")
}
