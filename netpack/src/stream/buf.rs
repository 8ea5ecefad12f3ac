//! [`NetPack`] types on [`bytes::Buf`] and [`bytes::BufMut`], the buffers of the
//! tokio ecosystem. Unlike `Buf::get_u16` and friends these never panic: a buffer
//! too short for the record is an error and nothing is consumed or written.
//!
//! ```
//! use bytes::{Bytes, BytesMut};
//! use netpack::buf::{BufExt, BufMutExt};
//!
//! let mut out = BytesMut::new();
//! out.try_put_netpack(&1u16)?;
//! out.try_put_netpack(b"test.jpg")?;
//! out.try_put_netpack(&2i8)?;
//! assert_eq!(&out[..], b"\x00\x01test.jpg\x02"); // struct.pack("!H8sb", 1, b"test.jpg", 2)
//!
//! let mut input = Bytes::from_static(b"\x00\x01test");
//! assert_eq!(input.try_get_netpack::<u16>()?, 1);
//! assert!(input.try_get_netpack::<[u8; 8]>().is_err()); // 4 bytes left, 8 needed
//! assert_eq!(&input[..], b"test"); // and nothing was consumed
//! # Ok::<(), netpack::Error>(())
//! ```

use crate::wire::scratch::with_scratch;
use crate::{Error, NetPack};
use ::bytes::{Buf, BufMut};

/// Reads [`NetPack`] values from any [`Buf`] without panicking.
///
/// Implemented for every `Buf`; bring it into scope with
/// `use netpack::buf::BufExt`.
pub trait BufExt: Buf {
    /// Reads a `T` from the next `T::SIZE` bytes and advances past them.
    ///
    /// Works across the chunks of a non-contiguous buffer (a `Chain`, a
    /// `VecDeque<u8>`).
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when fewer than `T::SIZE`
    /// bytes remain; nothing is consumed. [`InvalidValue`](crate::ErrorKind::InvalidValue)
    /// for bytes that are no `T` (an unknown enum discriminant); the record's
    /// bytes are consumed, so the buffer stays aligned on records.
    ///
    /// ```
    /// use bytes::Buf;
    /// use netpack::buf::BufExt;
    ///
    /// let mut input = (&b"\x00"[..]).chain(&b"\x01\x02"[..]);
    /// assert_eq!(input.try_get_netpack::<u16>()?, 1);
    /// assert_eq!(input.remaining(), 1);
    /// assert!(input.try_get_netpack::<u16>().is_err());
    /// assert_eq!(input.remaining(), 1);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn try_get_netpack<T: NetPack>(&mut self) -> Result<T, Error> {
        let available = self.remaining();
        if available < T::SIZE {
            return Err(Error::buffer_too_small(T::SIZE, available));
        }
        let chunk = self.chunk();
        if chunk.len() >= T::SIZE {
            let value = T::unpack_from(chunk);
            self.advance(T::SIZE);
            return value;
        }
        with_scratch(T::SIZE, |buf| {
            self.copy_to_slice(buf);
            T::unpack(buf)
        })
    }
}

impl<B: Buf + ?Sized> BufExt for B {}

/// Writes [`NetPack`] values to any [`BufMut`] without panicking.
///
/// Implemented for every `BufMut`; bring it into scope with
/// `use netpack::buf::BufMutExt`.
pub trait BufMutExt: BufMut {
    /// Writes the `T::SIZE` bytes of `value`.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when the buffer has room for
    /// fewer than `T::SIZE` bytes (a `&mut [u8]` near its end; a `Vec<u8>` or
    /// `BytesMut` grows), [`ArgRange`](crate::ErrorKind::ArgRange) when a field has
    /// no encoding. Nothing is written on error.
    ///
    /// ```
    /// use netpack::buf::BufMutExt;
    ///
    /// let mut storage = [0u8; 3];
    /// let mut out = &mut storage[..];
    /// out.try_put_netpack(&0x0102u16)?;
    /// assert!(out.try_put_netpack(&0x0304u16).is_err()); // one byte of room left
    /// assert_eq!(storage, [1, 2, 0]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn try_put_netpack<T: NetPack>(&mut self, value: &T) -> Result<(), Error> {
        let room = self.remaining_mut();
        if room < T::SIZE {
            return Err(Error::buffer_too_small(T::SIZE, room));
        }
        with_scratch(T::SIZE, |buf| {
            value.pack_into(buf)?;
            self.put_slice(buf);
            Ok(())
        })
    }
}

impl<B: BufMut + ?Sized> BufMutExt for B {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use alloc::vec::Vec;

    #[test]
    fn short_input_is_an_error_for_every_length() {
        let bytes = [1u8, 2, 3, 4, 5, 6, 7, 8];
        for n in 0..8 {
            let mut input = &bytes[..n];
            let err = input.try_get_netpack::<u64>().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::BufferSize);
            assert_eq!(input.len(), n);
        }
        let mut input = &bytes[..];
        assert_eq!(input.try_get_netpack::<u64>(), Ok(0x0102_0304_0506_0708));
        assert!(input.is_empty());
    }

    #[test]
    fn large_records_across_chunks() {
        let a = [1u8; 200];
        let b = [2u8; 200];
        let mut input = (&a[..]).chain(&b[..]);
        input.advance(100);
        let record: [u8; 200] = input.try_get_netpack().unwrap();
        assert_eq!(record[..100], [1; 100]);
        assert_eq!(record[100..], [2; 100]);
        assert_eq!(input.remaining(), 100);

        let mut out = Vec::new();
        out.try_put_netpack(&record).unwrap();
        assert_eq!(out, record);
    }
}
