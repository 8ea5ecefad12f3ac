//! Errors as small `Copy` values: what went wrong, worded as CPython words it, plus
//! where (format position, argument index) and the sizes and offsets involved.
//!
//! Building an [`Error`] never allocates; the message is written by `Display`.

use core::fmt;
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
    InvalidValue,
}

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
}

/// A netpack error: a [`kind`](Error::kind) to match on, CPython's message word for
/// word in `Display`, and where it happened.
///
/// The message starts with exactly what CPython 3.11's `struct` module says, so
/// Python users recognise it; netpack then adds context in parentheses: the
/// argument index and the format position of the item.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    detail: Detail,
    argument: Option<usize>,
    position: Option<usize>,
    code: u8,
}

impl Error {
    pub(crate) const fn new(detail: Detail) -> Error {
        Error {
            detail,
            argument: None,
            position: None,
            code: 0,
        }
    }

    /// Attaches the argument index, the code and its format position.
    pub(crate) const fn at(mut self, argument: usize, code: u8, position: usize) -> Error {
        self.argument = Some(argument);
        self.code = code;
        self.position = Some(position);
        self
    }

    /// Attaches the index of the value the error is about.
    pub(crate) const fn at_argument(mut self, argument: usize) -> Error {
        self.argument = Some(argument);
        self
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
        }
    }

    /// The index of the value the error is about, for argument errors.
    pub const fn argument(&self) -> Option<usize> {
        self.argument
    }

    /// The byte position in the format string of the item or character the error
    /// is about.
    pub const fn position(&self) -> Option<usize> {
        match self.detail {
            Detail::Format(e) => Some(e.position),
            _ => self.position,
        }
    }

    /// The format-string error, when the format itself was rejected.
    pub const fn format_error(&self) -> Option<FormatError> {
        match self.detail {
            Detail::Format(e) => Some(e),
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

    /// An error for a buffer shorter than an operation needs (`needed` bytes, `len`
    /// available), as returned by derived `pack_into`/`unpack_from`.
    ///
    /// ```
    /// let err = netpack::Error::buffer_too_small(11, 4);
    /// assert_eq!(err.kind(), netpack::ErrorKind::BufferSize);
    /// assert_eq!(err.to_string(), "buffer of 4 bytes is too small: 11 bytes needed");
    /// ```
    pub const fn buffer_too_small(needed: usize, len: usize) -> Error {
        Error::new(Detail::BufferTooSmall { needed, len })
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
}

impl From<FormatError> for Error {
    fn from(e: FormatError) -> Error {
        Error::new(Detail::Format(e))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail {
            Detail::Format(e) => return e.fmt(f),
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
        }
        match (self.argument, self.position) {
            (Some(arg), Some(pos)) => write!(
                f,
                " (argument {arg}, '{}' at format position {pos})",
                self.code as char
            ),
            (Some(arg), None) => write!(f, " (argument {arg})"),
            _ => Ok(()),
        }
    }
}

impl core::error::Error for Error {}
