//! [`PascalString`]: the Rust type for Python's `p` code.

use crate::error::{Detail, Error};
use crate::runtime::value::Value;
use crate::typed::const_vec::ConstVec;
use crate::typed::netpack::{GenericLayout, NetPack};
use crate::typed::shape::Shape;
use crate::wire::endian::{BigEndian, Endian};
use crate::wire::primitive;
use alloc::vec::Vec;
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
/// use netpack::{Message, NetPack, PascalString};
///
/// // Python: struct.pack("!6p", b"abc") == b"\x03abc\x00\x00"
/// let name = PascalString::<5>::truncating(b"abc");
/// assert_eq!(<PascalString<5> as NetPack>::FORMAT, "!6p");
/// assert_eq!(name.encode()?, b"\x03abc\x00\x00");
/// assert_eq!(PascalString::<5>::decode(b"\x09abcde")?.as_bytes(), b"abcde");
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

impl<const CAP: usize> GenericLayout for PascalString<CAP> {
    const FORMAT_TEXT: ConstVec<u8, 1024> = <Self as NetPack>::__SHAPE.render(b'!');
    const OFFSETS: ConstVec<usize, 512> = {
        let mut one = ConstVec::new(0);
        let _ = one.try_push(0);
        one
    };
}

impl<const CAP: usize> NetPack for PascalString<CAP> {
    const FORMAT: &'static str = <Self as GenericLayout>::FORMAT_TEXT.as_str();
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
    fn __encode<O: Endian>(&self, buf: &mut [u8], offsets: &[usize]) -> Result<(), Error> {
        let start = offsets[0];
        let dst = &mut buf[start..start + CAP + 1];
        dst.fill(0);
        primitive::write_pascal(dst, self.as_bytes());
        Ok(())
    }
    #[inline]
    fn __decode<O: Endian>(buf: &[u8], offsets: &[usize]) -> Self {
        let start = offsets[0];
        Self::truncating(primitive::read_pascal(&buf[start..start + CAP + 1]))
    }
    fn __to_values(&self, out: &mut Vec<Value>) {
        out.push(Value::Bytes(self.as_bytes().to_vec()));
    }
    fn __from_values(values: &[Value], first: usize, _: Order) -> Result<Self, Error> {
        match &values[0] {
            Value::Bytes(bytes) => Ok(Self::truncating(bytes)),
            _ => Err(Error::new(Detail::NotBytes(b'p')).at_argument(first)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typed::message::Message;

    #[test]
    fn agrees_with_the_runtime() {
        let s = PascalString::<4>::truncating(b"xy");
        assert_eq!(
            s.encode().unwrap(),
            crate::pack("!5p", &s.to_values()).unwrap()
        );
        let bytes = b"\xffabcd";
        let runtime = crate::unpack("!5p", bytes).unwrap();
        assert_eq!(
            PascalString::<4>::decode(bytes).unwrap().to_values(),
            runtime
        );
        assert_eq!(
            crate::typed::shape::size_of_format(PascalString::<4>::FORMAT),
            5
        );
    }
}
