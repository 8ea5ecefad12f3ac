//! Why a format string was rejected, and where.

use core::fmt;

/// What is wrong with a format string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatErrorKind {
    /// A byte that is not a format code (includes an order prefix after index 0,
    /// a space between a count and its code, `n N P` outside native mode and any
    /// non-ASCII byte). CPython: `bad char in struct format`.
    BadChar,
    /// Digits at the end of the format. CPython: `repeat count given without
    /// format specifier`.
    CountWithoutCode,
    /// A NUL byte anywhere in the format. CPython: `embedded null character`.
    EmbeddedNul,
    /// A count or the total size exceeds `isize::MAX`. CPython: `total struct
    /// size too long`.
    TooLarge,
}

/// A rejected format string: what is wrong and at which byte position.
///
/// ```
/// use netpack_format::{calcsize, FormatErrorKind};
///
/// let err = calcsize(b"<3 h").unwrap_err();
/// assert_eq!(err.kind, FormatErrorKind::BadChar);
/// assert_eq!(err.position, 2);
/// assert_eq!(err.to_string(), "bad char in struct format (' ' at format position 2)");
///
/// // An error like any other: `?` turns it into a `Box<dyn Error>`.
/// let boxed: Box<dyn core::error::Error> = err.into();
/// assert_eq!(boxed.to_string(), "bad char in struct format (' ' at format position 2)");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FormatError {
    /// What is wrong.
    pub kind: FormatErrorKind,
    /// The byte position in the format string where it was found.
    pub position: usize,
    /// The offending byte, for [`FormatErrorKind::BadChar`] (0 otherwise).
    pub byte: u8,
}

impl FormatError {
    /// CPython's message for this error, word for word.
    pub const fn message(&self) -> &'static str {
        match self.kind {
            FormatErrorKind::BadChar => "bad char in struct format",
            FormatErrorKind::CountWithoutCode => "repeat count given without format specifier",
            FormatErrorKind::EmbeddedNul => "embedded null character",
            FormatErrorKind::TooLarge => "total struct size too long",
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())?;
        match self.kind {
            FormatErrorKind::BadChar if self.byte.is_ascii_graphic() || self.byte == b' ' => {
                write!(
                    f,
                    " ('{}' at format position {})",
                    self.byte as char, self.position
                )
            }
            FormatErrorKind::BadChar => write!(
                f,
                " (byte 0x{:02x} at format position {})",
                self.byte, self.position
            ),
            _ => write!(f, " (at format position {})", self.position),
        }
    }
}

impl core::error::Error for FormatError {}
