//! Why a bit format was rejected, and where.

use core::fmt;

/// What is wrong with a bit format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BitsFormatErrorKind {
    /// The format is not a run of groups (`[<>]` letter digits spaces) with an
    /// optional byte order at the end: a leading space, a letter without a
    /// length, two bit orders in a row, any other character. bitstruct: `bad
    /// format '…'` (the whole format quoted).
    BadFormat,
    /// A group of length 0 (`u0`, `p00`). bitstruct: `bad format '…'`, found
    /// group by group after the whole format has the shape of groups.
    ZeroLength,
    /// A letter that is not one of `u s f b t r p P`. bitstruct: `bad char 'x' in
    /// format`.
    BadChar,
    /// A length, or the total, beyond [`MAX_BITS`](super::MAX_BITS). bitstruct has
    /// no limit (and runs out of memory computing `2 ** length` long before);
    /// netpack's message: `total bit size too long`.
    TooLarge,
}

/// A rejected bit format: what is wrong and at which byte position.
///
/// `Display` gives bitstruct's message and the position, but cannot quote the
/// format, which bitstruct's `bad format '…'` does: [`with_format`] writes that.
///
/// ```
/// use netpack_format::bits::{calcsize, BitsFormatErrorKind};
///
/// let err = calcsize(b"u8x4").unwrap_err();
/// assert_eq!((err.kind, err.position, err.byte), (BitsFormatErrorKind::BadChar, 2, b'x'));
/// assert_eq!(err.to_string(), "bad char 'x' in format (at format position 2)");
///
/// let err = calcsize(b"u8 x").unwrap_err();
/// assert_eq!(err.to_string(), "bad format (at format position 3)");
/// assert_eq!(err.with_format(b"u8 x").to_string(), "bad format 'u8 x' (at format position 3)");
/// ```
///
/// [`with_format`]: BitsFormatError::with_format
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BitsFormatError {
    /// What is wrong.
    pub kind: BitsFormatErrorKind,
    /// The byte position in the format: for [`BitsFormatErrorKind::BadFormat`]
    /// where the first piece that is not a group starts, for the others the
    /// letter of the group.
    pub position: usize,
    /// The offending letter, for [`BitsFormatErrorKind::BadChar`] (0 otherwise).
    pub byte: u8,
}

impl BitsFormatError {
    /// bitstruct's message without the quoted format: `bad format`, `bad char
    /// 'x' in format` reads `bad char in format` here, `total bit size too long`.
    pub const fn message(&self) -> &'static str {
        match self.kind {
            BitsFormatErrorKind::BadFormat | BitsFormatErrorKind::ZeroLength => "bad format",
            BitsFormatErrorKind::BadChar => "bad char in format",
            BitsFormatErrorKind::TooLarge => "total bit size too long",
        }
    }

    /// The error with bitstruct's exact message, which quotes the whole format
    /// for `bad format '…'`: `fmt` is the format that was parsed.
    pub fn with_format<'a>(&self, fmt: &'a [u8]) -> impl fmt::Display + 'a {
        WithFormat { error: *self, fmt }
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>, fmt: Option<&[u8]>) -> fmt::Result {
        match (self.kind, fmt) {
            (BitsFormatErrorKind::BadFormat | BitsFormatErrorKind::ZeroLength, Some(text)) => {
                f.write_str("bad format '")?;
                write_lossy(f, text)?;
                f.write_str("'")?;
            }
            (BitsFormatErrorKind::BadChar, _) => {
                write!(f, "bad char '{}' in format", self.byte as char)?
            }
            _ => f.write_str(self.message())?,
        }
        write!(f, " (at format position {})", self.position)
    }
}

/// `text` as UTF-8, with U+FFFD for bytes that are not.
fn write_lossy(f: &mut fmt::Formatter<'_>, text: &[u8]) -> fmt::Result {
    for chunk in text.utf8_chunks() {
        f.write_str(chunk.valid())?;
        if !chunk.invalid().is_empty() {
            f.write_str("\u{fffd}")?;
        }
    }
    Ok(())
}

struct WithFormat<'a> {
    error: BitsFormatError,
    fmt: &'a [u8],
}

impl fmt::Display for WithFormat<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.write_message(f, Some(self.fmt))
    }
}

impl fmt::Display for BitsFormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_message(f, None)
    }
}

impl core::error::Error for BitsFormatError {}
