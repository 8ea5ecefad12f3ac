//! [`Error`]: what can go wrong reading or writing messages on a stream.

use core::fmt;
use std::io as stdio;

/// What can go wrong reading or writing messages on a stream.
///
/// After any error other than [`Error::BodyLength`] the stream should be
/// considered broken: part of a record may have been read or written.
///
/// ```
/// use netpack::io::Error;
/// use std::io::Cursor;
///
/// // Three bytes of a four-byte `u32`, then the peer closed the connection.
/// let err = netpack::io::read::<u32, _>(&mut Cursor::new([0, 0, 1])).unwrap_err();
/// assert!(matches!(err, Error::Truncated { needed: 4, got: 3 }));
/// assert_eq!(err.to_string(), "truncated message: the stream ended after 3 of 4 bytes");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The reader or writer failed (including a read timeout).
    Io(stdio::Error),
    /// The stream ended inside a record: `got` of its `needed` bytes arrived.
    Truncated {
        /// The bytes of the whole record (header and body for a frame).
        needed: usize,
        /// The bytes that arrived before the end of the stream.
        got: usize,
    },
    /// The bytes are no value of the type (an enum discriminant that names no
    /// variant), or a value has no encoding.
    Pack(crate::error::Error),
    /// A frame header announces a body longer than the codec's limit. Nothing was
    /// allocated for it.
    FrameTooLarge {
        /// The body length the header announces.
        len: u64,
        /// The longest body the codec accepts: its
        /// [`max_body_len`](super::FrameCodec::max_body_len), or less when header and
        /// body together would pass `isize::MAX` bytes, which no buffer holds
        /// (so `usize::MAX` is a safe way to say "no limit").
        max: usize,
    },
    /// A frame to write has a header whose length is not the length of its body.
    BodyLength {
        /// The length the header announces.
        header: u64,
        /// The length of the body.
        body: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o error: {e}"),
            Error::Truncated { needed, got } => write!(
                f,
                "truncated message: the stream ended after {got} of {needed} bytes"
            ),
            Error::Pack(e) => write!(f, "bad message: {e}"),
            Error::FrameTooLarge { len, max } => write!(
                f,
                "frame too large: the header announces {len} body bytes, the limit is {max}"
            ),
            Error::BodyLength { header, body } => write!(
                f,
                "frame header announces {header} body bytes but the body has {body}"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io(e) => Some(e),
            Error::Pack(e) => Some(e),
            _ => None,
        }
    }
}

impl From<stdio::Error> for Error {
    fn from(e: stdio::Error) -> Error {
        Error::Io(e)
    }
}

impl From<crate::error::Error> for Error {
    fn from(e: crate::error::Error) -> Error {
        Error::Pack(e)
    }
}

/// For `?` in functions that return [`std::io::Result`]: an I/O error comes back
/// as it was, a truncated message is [`UnexpectedEof`](stdio::ErrorKind::UnexpectedEof)
/// and every other error [`InvalidData`](stdio::ErrorKind::InvalidData) (or
/// `InvalidInput` for a frame this side tried to write).
///
/// ```
/// use std::io::{Cursor, ErrorKind};
///
/// fn first(bytes: &[u8]) -> std::io::Result<Option<u16>> {
///     Ok(netpack::io::read(&mut Cursor::new(bytes))?)
/// }
/// assert_eq!(first(&[1]).unwrap_err().kind(), ErrorKind::UnexpectedEof);
/// ```
impl From<Error> for stdio::Error {
    fn from(e: Error) -> stdio::Error {
        let kind = match e {
            Error::Io(e) => return e,
            Error::Truncated { .. } => stdio::ErrorKind::UnexpectedEof,
            Error::Pack(_) | Error::FrameTooLarge { .. } => stdio::ErrorKind::InvalidData,
            Error::BodyLength { .. } => stdio::ErrorKind::InvalidInput,
        };
        stdio::Error::new(kind, e)
    }
}
