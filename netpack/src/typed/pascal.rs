//! [`PascalString`]: the Rust type for Python's `p` code.

use crate::error::{Detail, Error};
use crate::typed::shape::{FormatBuf, Shape};
use crate::wire::codec;
use crate::{NetPack, Value};
use alloc::vec::Vec;
use byteorder::{BigEndian, ByteOrder};
use core::fmt;
use netpack_format::Order;

/// A string of at most `CAP` bytes (`CAP <= 255`), packed as Python's `p` code
/// with a count of `CAP + 1`: a length byte, then the bytes, then zeros.
///
/// (`PascalString<0>` is written `p`, Python's spelling of `1p`.)
///
/// Unpacking reads the length byte, capped at `CAP`, as CPython does; building
/// one from longer bytes truncates them, as `struct.pack` does.
///
/// ```
/// use netpack::{NetPack, PascalString};
///
/// // Python: struct.pack("!6p", b"abc") == b"\x03abc\x00\x00"
/// let name = PascalString::<5>::truncating(b"abc");
/// assert_eq!(<PascalString<5> as NetPack>::FORMAT, "!6p");
/// assert_eq!(name.pack(), b"\x03abc\x00\x00");
/// assert_eq!(PascalString::<5>::unpack(b"\x09abcde")?.as_bytes(), b"abcde");
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PascalString<const CAP: usize> {
    len: u8,
    // Invariant: bytes[len..] are zero, so derived equality compares contents.
    bytes: [u8; CAP],
}

impl<const CAP: usize> PascalString<CAP> {
    const CAP_OK: () = assert!(
        CAP <= 255,
        "netpack: a PascalString holds at most 255 bytes"
    );

    /// The first `CAP` bytes of `s`.
    ///
    /// ```
    /// assert_eq!(netpack::PascalString::<2>::truncating(b"abc").as_bytes(), b"ab");
    /// ```
    pub fn truncating(s: &[u8]) -> PascalString<CAP> {
        let () = Self::CAP_OK;
        let len = s.len().min(CAP);
        let mut bytes = [0u8; CAP];
        bytes[..len].copy_from_slice(&s[..len]);
        PascalString {
            len: len as u8,
            bytes,
        }
    }

    /// `s`, or `None` when it is longer than `CAP` bytes.
    ///
    /// ```
    /// assert!(netpack::PascalString::<2>::new(b"abc").is_none());
    /// ```
    pub fn new(s: &[u8]) -> Option<PascalString<CAP>> {
        (s.len() <= CAP).then(|| Self::truncating(s))
    }

    /// The string's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }
}

impl<const CAP: usize> Default for PascalString<CAP> {
    fn default() -> Self {
        Self::truncating(&[])
    }
}

impl<const CAP: usize> fmt::Debug for PascalString<CAP> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PascalString({})",
            Value::Bytes(self.as_bytes().to_vec())
        )
    }
}

trait PascalLayout {
    const FORMAT_BUF: FormatBuf;
}

impl<const CAP: usize> PascalLayout for PascalString<CAP> {
    const FORMAT_BUF: FormatBuf = FormatBuf::new(b'!', &<Self as NetPack>::__SHAPE);
}

impl<const CAP: usize> NetPack for PascalString<CAP> {
    const FORMAT: &'static str = FormatBuf::as_str(&Self::FORMAT_BUF);
    const __SHAPE: Shape = {
        let () = Self::CAP_OK;
        Shape::Item {
            count: CAP + 1,
            code: b'p',
            size: 0,
        }
    };
    const __OFFSETS: &'static [usize] = &[0];
    type __Order = BigEndian;

    #[inline]
    fn __encode<O: ByteOrder>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        let start = offsets[0];
        let dst = &mut buf[start..start + CAP + 1];
        dst.fill(0);
        codec::write_pascal(dst, self.as_bytes());
        Ok(())
    }
    #[inline]
    fn __decode<O: ByteOrder>(buf: &[u8], offsets: &[usize]) -> Self {
        let start = offsets[0];
        Self::truncating(codec::read_pascal(&buf[start..start + CAP + 1]))
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Bytes(self.as_bytes().to_vec()));
    }
    fn __check_values(values: &[Value], first: usize, _: Order) -> Result<(), Error> {
        match values[0] {
            Value::Bytes(_) => Ok(()),
            _ => Err(Error::new(Detail::NotBytes(b'p')).at_argument(first)),
        }
    }
    fn __from_values(values: &[Value], _: Order) -> Self {
        Self::truncating(values[0].as_bytes().unwrap_or(&[]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_runtime() {
        let s = PascalString::<4>::truncating(b"xy");
        assert_eq!(s.pack(), crate::pack("!5p", &s.to_values()).unwrap());
        let bytes = b"\xffabcd";
        let runtime = crate::unpack("!5p", bytes).unwrap();
        assert_eq!(
            PascalString::<4>::unpack(bytes).unwrap().to_values(),
            runtime
        );
        assert_eq!(
            crate::typed::shape::size_of_format(PascalString::<4>::FORMAT),
            5
        );
    }
}
