//! Errors as small `Copy` values: what went wrong, worded as CPython words it, plus
//! where (format position, argument index) and the sizes and offsets involved.
//!
//! Building an [`Error`] never allocates; the message is written by `Display`.

mod message;

pub(crate) use message::{Detail, MAGIC_SHOWN};
use netpack_format::{FormatError, FormatErrorKind};

/// The class of an [`Error`], one per family of CPython `struct.error` messages.
///
/// ```
/// use netpack::ErrorKind;
///
/// let err = netpack::pack("B", &[256.into()]).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ArgRange);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The format string is malformed: `bad char in struct format`, `repeat count
    /// given without format specifier`, `embedded null character`.
    BadFormat,
    /// The format describes more than `isize::MAX` bytes: `total struct size too
    /// long`; also a `pack` whose buffer cannot be allocated (Python's
    /// `MemoryError`).
    FormatTooLarge,
    /// The wrong number of values was given: `pack expected N items for packing
    /// (got M)`.
    ArgCount,
    /// A value of the wrong type for its code: `required argument is not an
    /// integer`, `required argument is not a float`, `char format requires a bytes
    /// object of length 1`, `argument for 's' must be a bytes object`.
    ArgType,
    /// A value outside its code's range: `argument out of range`, `ubyte format
    /// requires 0 <= number <= 255`, `int too large to convert`, `float too large
    /// to pack with e format`, ….
    ArgRange,
    /// The buffer has the wrong size for the operation: `unpack requires a buffer
    /// of N bytes`, `not enough data to unpack …`, `no space to pack …`, ….
    BufferSize,
    /// A negative offset reaches before the start of the buffer: `offset N out of
    /// range for M-byte buffer`.
    OffsetOutOfRange,
    /// `iter_unpack` with a format of size 0: `cannot iteratively unpack with a
    /// struct of length 0`.
    ZeroSizeIter,
    /// Bytes that no value of a derived type encodes, such as an enum discriminant
    /// that names no variant. (No CPython counterpart: Python has no enums here.)
    /// Also a message expression that fails (overflow, division by zero), a
    /// conditional field that disagrees with its condition, an `until`
    /// repetition without its terminator last, and a custom codec's
    /// [`invalid_data`](Error::invalid_data).
    InvalidValue,
    /// A variable-length field of a [`Message`](crate::Message) is longer than its
    /// `max` cap (on encode and on decode, before anything is allocated), or a
    /// NUL-terminated field has no terminator within its cap.
    TooLong,
    /// A message's length field (`#[netpack(len = "field")]`) does not hold the
    /// length of the data it counts.
    LengthMismatch,
    /// An integer that `Value::Int` (an `i128`) cannot carry: a bit field of
    /// more than 127 bits holding a larger value (Python's `int` has no limit).
    Unrepresentable,
    /// A message's magic bytes (`#[netpack(magic = b"RIFF")]`) are not there, or
    /// a field that selects the byte order (`order_by`) selects none. The error's
    /// [`offset`](Error::offset) is where the magic should start, so a reader of
    /// a framed stream can skip ahead and resynchronise.
    BadMagic,
    /// A checksum field (`#[netpack(checksum = "crc32")]`) does not hold the
    /// checksum of the bytes it covers.
    BadChecksum,
    /// The field names given for a format's values (an Arrow schema) do not
    /// fit: not one per value, or one name given twice.
    FieldNames,
    /// A value Arrow cannot hold in its type: an `s` wider than
    /// `FixedSizeBinary` allows, or `p` strings of one batch beyond a `Binary`
    /// array's 2 GiB of offsets.
    TooLargeForArrow,
}

/// What went wrong in an expression's arithmetic (the derive's private
/// contract: not exported).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprFault {
    /// Beyond 128 bits.
    Overflow,
    /// `/` or `%` by zero.
    DivisionByZero,
    /// A negative shift count.
    NegativeShift,
}

/// Where in a derived type a decoding (or encoding) error happened: the field
/// path, as the user wrote the types, and the byte offset in the input.
///
/// Built only on the error path, from `'static` names the derive wrote, so it
/// costs nothing until something fails. A path of more than two types keeps the
/// outermost field and the innermost one, with `…` between.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Context {
    /// The outermost `Type.field` (or `Type::Variant.field`, or just `Type`).
    outer: &'static str,
    /// The innermost `Type.field`, when the error came from a nested type.
    inner: Option<&'static str>,
    /// The byte offset of the field in the input ([`NOWHERE`] when encoding).
    offset: usize,
    /// The element index within the outer field ([`NO_INDEX`] if none), for
    /// `Vec<T>` elements.
    index: u32,
    /// Whether levels between `outer` and `inner` were dropped.
    elided: bool,
}

/// No offset: an encoding error.
const NOWHERE: usize = usize::MAX;
/// No element index.
const NO_INDEX: u32 = u32::MAX;

/// Where an error happened: an argument of `pack` (with the code and its format
/// position), or a field of a derived type. One or the other, so an [`Error`]
/// stays small.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Place {
    Nowhere,
    Argument {
        argument: usize,
        code: u8,
        position: Option<usize>,
    },
    Field(Context),
    /// A field of a bit format: the value it takes (an argument when packing),
    /// its code, length and format position.
    Bits {
        value: usize,
        position: usize,
        code: u8,
        bits: usize,
        packing: bool,
    },
}

/// A netpack error: a [`kind`](Error::kind) to match on, CPython's message word for
/// word in `Display`, and where it happened.
///
/// The message starts with exactly what CPython 3.11's `struct` module says, so
/// Python users recognise it; netpack then adds context in parentheses: the
/// argument index and the format position of the item. `Debug` (what
/// `fn main() -> Result<(), Box<dyn Error>>` prints) shows the kind and that
/// message: `Error { kind: ArgRange, message: "byte format requires …" }`.
///
/// ```
/// use netpack::{pack, ErrorKind, Value};
///
/// let err = pack("!H8sb", &[1.into(), b"test.jpg".into(), 200.into()]).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::ArgRange);
/// assert_eq!(err.argument(), Some(2));
/// assert_eq!(err.position(), Some(4));
/// assert_eq!(
///     err.to_string(),
///     "byte format requires -128 <= number <= 127 (argument 2, 'b' at format position 4)"
/// );
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    detail: Detail,
    place: Place,
}

impl Error {
    pub(crate) const fn new(detail: Detail) -> Error {
        Error {
            detail,
            place: Place::Nowhere,
        }
    }

    /// Attaches the argument index, the code and its format position.
    pub(crate) const fn at(mut self, argument: usize, code: u8, position: usize) -> Error {
        self.place = Place::Argument {
            argument,
            code,
            position: Some(position),
        };
        self
    }

    /// Attaches the index of the value the error is about.
    pub(crate) const fn at_argument(mut self, argument: usize) -> Error {
        self.place = match self.place {
            Place::Argument { code, position, .. } => Place::Argument {
                argument,
                code,
                position,
            },
            _ => Place::Argument {
                argument,
                code: 0,
                position: None,
            },
        };
        self
    }

    /// An error of `netpack::bits`.
    pub(crate) const fn bits(detail: crate::bits::error::BitsError) -> Error {
        Error::new(Detail::Bits(detail))
    }

    /// Attaches the bit field an error is about: the value index, the format
    /// position of its code, the code and the field's length.
    #[cold]
    pub(crate) const fn in_bit_field(
        mut self,
        value: usize,
        position: usize,
        code: u8,
        bits: usize,
        packing: bool,
    ) -> Error {
        self.place = Place::Bits {
            value,
            position,
            code,
            bits,
            packing,
        };
        self
    }

    /// Names the field the error happened in: `path` is `Type.field` (or
    /// `Type::Variant.field`), `offset` where the field starts in the input. An
    /// error that already names a field of a nested type keeps it as the inner
    /// end of the path, and its more precise offset.
    #[cold]
    pub(crate) fn in_field(mut self, path: &'static str, offset: Option<usize>) -> Error {
        let offset = offset.unwrap_or(NOWHERE);
        self.place = Place::Field(match self.place {
            Place::Field(c) if c.outer.is_empty() => {
                // A placeholder left by `element`: the field it is an element of.
                Context {
                    outer: path,
                    offset: if c.offset == NOWHERE {
                        offset
                    } else {
                        c.offset
                    },
                    ..c
                }
            }
            Place::Field(c) => {
                let (inner, elided) = match c.inner {
                    None => (c.outer, c.index != NO_INDEX),
                    Some(inner) => (inner, true),
                };
                Context {
                    outer: path,
                    inner: Some(inner),
                    offset: if c.offset == NOWHERE {
                        offset
                    } else {
                        c.offset
                    },
                    index: NO_INDEX,
                    elided,
                }
            }
            _ => Context {
                outer: path,
                inner: None,
                offset,
                index: NO_INDEX,
                elided: false,
            },
        });
        self
    }

    /// Marks the error as one of element `index` of the field named next (by
    /// [`in_field`](Error::in_field)), at `offset` in the element (decoding).
    #[cold]
    pub(crate) fn element(self, index: usize, offset: Option<usize>) -> Error {
        let mut e = self.in_field("", offset);
        if let Place::Field(c) = &mut e.place {
            c.index = u32::try_from(index).unwrap_or(NO_INDEX - 1);
        }
        e
    }

    /// Moves the error `by` bytes further into the input: the error of a part
    /// decoded from `buf[by..]`, reported for `buf`.
    #[cold]
    pub(crate) fn shifted(mut self, by: usize) -> Error {
        if let Place::Field(c) = &mut self.place {
            if c.offset != NOWHERE {
                c.offset = c.offset.saturating_add(by).min(NOWHERE - 1);
            }
        }
        self.detail = match self.detail {
            Detail::UnpackFrom { size, offset, len } => Detail::UnpackFrom {
                size,
                offset: offset.saturating_add(by as isize),
                len: len.saturating_add(by),
            },
            Detail::BufferTooSmall { needed, len } => Detail::BufferTooSmall {
                needed: needed.saturating_add(by),
                len: len.saturating_add(by),
            },
            Detail::NulMissing { len } => Detail::NulMissing {
                len: len.saturating_add(by),
            },
            Detail::Trailing { used, len } => Detail::Trailing {
                used: used.saturating_add(by),
                len: len.saturating_add(by),
            },
            other => other,
        };
        self
    }

    /// The byte offset in the input of the field a decoding error is about, for
    /// errors of derived types and messages.
    ///
    #[cfg_attr(feature = "derive", doc = "```")]
    #[cfg_attr(not(feature = "derive"), doc = "```ignore")]
    /// use netpack::{Message, NetPack};
    ///
    /// #[derive(NetPack, Debug)]
    /// #[repr(u8)]
    /// enum Kind { Read = 1, Write = 2 }
    ///
    /// #[derive(NetPack, Debug)]
    /// struct Header { id: u16, kind: Kind }
    ///
    /// let err = Header::decode(b"\x00\x01\x09").unwrap_err();
    /// assert_eq!(err.offset(), Some(2));
    /// assert_eq!(err.to_string(), "Header.kind: invalid value 9 for Kind at offset 2");
    /// ```
    pub const fn offset(&self) -> Option<usize> {
        match self.place {
            Place::Field(c) if c.offset != NOWHERE => Some(c.offset),
            _ => None,
        }
    }

    /// For an error that more input could cure, the smallest buffer length that
    /// could decode: what a stream reader reads up to before trying again.
    /// `None` for every other error.
    ///
    /// ```
    /// use netpack::Message;
    ///
    /// let err = u32::decode_prefix(&[0, 1]).unwrap_err();
    /// assert_eq!(err.needed(), Some(4));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "unpack_from requires a buffer of at least 4 bytes for unpacking 4 bytes at offset 0 (actual buffer size is 2)"
    /// );
    /// ```
    pub const fn needed(&self) -> Option<usize> {
        match self.detail {
            Detail::UnpackFrom { size, offset, len } if offset >= 0 => {
                match size.checked_add(offset as usize) {
                    Some(n) if n > len => Some(n),
                    _ => None,
                }
            }
            Detail::BufferTooSmall { needed, len } if needed > len => Some(needed),
            Detail::NulMissing { len } => len.checked_add(1),
            _ => None,
        }
    }

    /// The class of error.
    pub const fn kind(&self) -> ErrorKind {
        match self.detail {
            Detail::Format(FormatError { kind, .. }) => match kind {
                FormatErrorKind::TooLarge => ErrorKind::FormatTooLarge,
                _ => ErrorKind::BadFormat,
            },
            Detail::NoMemory { .. } => ErrorKind::FormatTooLarge,
            Detail::ArgCount { .. } => ErrorKind::ArgCount,
            Detail::NotInteger
            | Detail::NotFloat
            | Detail::CharLength
            | Detail::NotBytes(_)
            | Detail::ColumnType { .. } => ErrorKind::ArgType,
            Detail::ColumnLength { .. } => ErrorKind::ArgCount,
            Detail::OutOfRange
            | Detail::IntTooLarge
            | Detail::NamedRange { .. }
            | Detail::CodeRange { .. }
            | Detail::FloatTooLarge(_) => ErrorKind::ArgRange,
            Detail::Unpack { .. }
            | Detail::UnpackFrom { .. }
            | Detail::PackInto { .. }
            | Detail::NotEnoughData { .. }
            | Detail::NoSpace { .. }
            | Detail::IterMultiple { .. }
            | Detail::BufferTooSmall { .. } => ErrorKind::BufferSize,
            Detail::OffsetRange { .. } => ErrorKind::OffsetOutOfRange,
            Detail::ZeroSizeIter => ErrorKind::ZeroSizeIter,
            Detail::Discriminant { .. } => ErrorKind::InvalidValue,
            Detail::TooLong { .. } | Detail::NulTooFar { .. } => ErrorKind::TooLong,
            Detail::LengthMismatch { .. } => ErrorKind::LengthMismatch,
            Detail::BadLength { .. }
            | Detail::InteriorNul { .. }
            | Detail::Utf8 { .. }
            | Detail::UnknownTag { .. }
            | Detail::Reorder
            | Detail::Expression { .. }
            | Detail::Condition { .. }
            | Detail::Terminator { .. }
            | Detail::Invalid { .. } => ErrorKind::InvalidValue,
            Detail::UntilTooFar { .. } => ErrorKind::TooLong,
            Detail::BadMagic { .. } | Detail::NoOrder => ErrorKind::BadMagic,
            Detail::BadChecksum { .. } => ErrorKind::BadChecksum,
            Detail::NulMissing { .. } | Detail::Trailing { .. } => ErrorKind::BufferSize,
            Detail::Bits(b) => b.kind(),
            Detail::NameCount { .. } | Detail::DuplicateName { .. } => ErrorKind::FieldNames,
            Detail::ArrowWidth { .. } | Detail::ArrowBinary { .. } => ErrorKind::TooLargeForArrow,
        }
    }

    /// The index of the value the error is about, for argument errors.
    pub const fn argument(&self) -> Option<usize> {
        match self.place {
            Place::Argument { argument, .. } => Some(argument),
            Place::Bits {
                value,
                packing: true,
                ..
            } => Some(value),
            _ => None,
        }
    }

    /// The byte position in the format string of the item or character the error
    /// is about.
    pub const fn position(&self) -> Option<usize> {
        match self.detail {
            Detail::Format(e) => Some(e.position),
            Detail::Bits(crate::bits::error::BitsError::Format { position, .. }) => {
                Some(position.get() as usize)
            }
            _ => match self.place {
                Place::Argument { position, .. } => position,
                Place::Bits { position, .. } => Some(position),
                _ => None,
            },
        }
    }

    /// The format-string error, when the format itself was rejected.
    pub const fn format_error(&self) -> Option<FormatError> {
        match self.detail {
            Detail::Format(e) => Some(e),
            _ => None,
        }
    }

    /// The bit-format error, when a [`bits`](crate::bits) format was rejected.
    ///
    /// ```
    /// use netpack::bits::BitsFormatErrorKind;
    ///
    /// let err = netpack::bits::calcsize("u8x4").unwrap_err();
    /// let format_error = err.bits_format_error().unwrap();
    /// assert_eq!((format_error.kind, format_error.position), (BitsFormatErrorKind::BadChar, 2));
    /// ```
    pub fn bits_format_error(&self) -> Option<netpack_format::bits::BitsFormatError> {
        match &self.detail {
            Detail::Bits(b) => b.format_error(),
            _ => None,
        }
    }

    /// The field of a bit format an error is about: its code (`b'u'`), its
    /// length in bits and the format position of the code.
    ///
    /// ```
    /// let err = netpack::bits::pack("u1u4", &[1.into(), 16.into()]).unwrap_err();
    /// assert_eq!(err.bit_field(), Some((b'u', 4, 2)));
    /// ```
    pub const fn bit_field(&self) -> Option<(u8, usize, usize)> {
        match self.place {
            Place::Bits {
                code,
                bits,
                position,
                ..
            } => Some((code, bits, position)),
            _ => None,
        }
    }

    /// An error for a value that no variant or field of `type_name` encodes, as
    /// returned by derived `unpack` for an unknown enum discriminant.
    ///
    /// ```
    /// let err = netpack::Error::invalid_value("Kind", 7);
    /// assert_eq!(err.kind(), netpack::ErrorKind::InvalidValue);
    /// assert_eq!(err.to_string(), "invalid value 7 for Kind");
    /// ```
    pub const fn invalid_value(type_name: &'static str, value: i128) -> Error {
        Error::new(Detail::Discriminant { type_name, value })
    }

    /// An error for bytes that are not what a custom field codec
    /// ([`FieldCodec`](crate::FieldCodec)) reads, or a value it cannot write:
    /// the message says why. Its kind is
    /// [`InvalidValue`](ErrorKind::InvalidValue); the derived message adds the
    /// field path and the offset.
    ///
    /// ```
    /// let err = netpack::Error::invalid_data("compression pointer loops");
    /// assert_eq!(err.kind(), netpack::ErrorKind::InvalidValue);
    /// assert_eq!(err.to_string(), "compression pointer loops");
    /// ```
    pub const fn invalid_data(message: &'static str) -> Error {
        Error::new(Detail::Invalid { message })
    }

    /// An error for a buffer shorter than an operation needs (`needed` bytes, `len`
    /// available), as the stream adapters and
    /// [`Message::encode_to_slice`](crate::Message::encode_to_slice) return it.
    ///
    /// ```
    /// let err = netpack::Error::buffer_too_small(11, 4);
    /// assert_eq!(err.kind(), netpack::ErrorKind::BufferSize);
    /// assert_eq!(err.to_string(), "buffer of 4 bytes is too small: 11 bytes needed");
    /// ```
    pub const fn buffer_too_small(needed: usize, len: usize) -> Error {
        Error::new(Detail::BufferTooSmall { needed, len })
    }

    /// CPython's `unpack_from` error for a buffer of `len` bytes where `size`
    /// are needed at offset 0 (a fixed type's `decode_prefix`).
    #[cold]
    pub(crate) const fn unpack_from_size(size: usize, len: usize) -> Error {
        Error::new(Detail::UnpackFrom {
            size,
            offset: 0,
            len,
        })
    }

    /// CPython's `pack_into` error for a buffer of `len` bytes where `size` are
    /// needed at offset 0 (a fixed type's `encode_to_slice`).
    #[cold]
    pub(crate) const fn pack_into_size(size: usize, len: usize) -> Error {
        Error::new(Detail::PackInto {
            size,
            offset: 0,
            len,
        })
    }

    /// An error for `unpack` given a buffer of the wrong size: CPython's `unpack
    /// requires a buffer of N bytes`.
    ///
    /// ```
    /// let err = netpack::Error::unpack_size(11);
    /// assert_eq!(err.to_string(), "unpack requires a buffer of 11 bytes");
    /// ```
    pub const fn unpack_size(size: usize) -> Error {
        Error::new(Detail::Unpack { size })
    }

    /// Magic bytes other than `expected`: `found` is what was there (its first
    /// bytes are kept).
    #[cold]
    pub(crate) fn bad_magic(expected: &'static [u8], found: &[u8]) -> Error {
        let mut shown = [0u8; MAGIC_SHOWN];
        let n = found.len().min(MAGIC_SHOWN);
        shown[..n].copy_from_slice(&found[..n]);
        Error::new(Detail::BadMagic {
            expected,
            found: shown,
            found_len: n as u8,
        })
    }

    /// A checksum field holding `found` where the data sums to `expected`.
    #[cold]
    pub(crate) const fn bad_checksum(expected: u64, found: u64) -> Error {
        Error::new(Detail::BadChecksum { expected, found })
    }

    /// Whether this is the signal of a message to be decoded again in the
    /// other byte order.
    pub(crate) const fn is_reorder(&self) -> bool {
        matches!(self.detail, Detail::Reorder)
    }
}

impl From<FormatError> for Error {
    fn from(e: FormatError) -> Error {
        Error::new(Detail::Format(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Result<_, Error>` is returned on every hot path: the field context must
    /// not make it bigger than the runtime's errors needed before.
    #[test]
    fn an_error_stays_small() {
        assert!(core::mem::size_of::<Error>() <= 112);
    }
}
