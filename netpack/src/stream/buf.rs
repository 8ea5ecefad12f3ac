//! [`NetPack`](crate::NetPack) types and [`Message`]s on [`bytes::Buf`] and [`bytes::BufMut`], the buffers of the
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

use crate::error::Error;
use crate::stream::staging::{decode_step, encode_staged, Step};
use crate::typed::message::Message;
use crate::wire::scratch::with_scratch;
use ::bytes::{Buf, BufMut};

/// Reads [`NetPack`](crate::NetPack) values and [`Message`]s from any [`Buf`]
/// without panicking.
///
/// Implemented for every `Buf`; bring it into scope with
/// `use netpack::buf::BufExt`.
pub trait BufExt: Buf {
    /// Reads a `T` from the next bytes and advances past them: `T::SIZE` bytes
    /// for a [`NetPack`](crate::NetPack) type, the message's own length for a
    /// [`Message`] (all that remains, for one with a `rest` field).
    ///
    /// Works across the chunks of a non-contiguous buffer (a `Chain`, a
    /// `VecDeque<u8>`); a variable-size message over several chunks is copied
    /// (with `std`; without it, a message must lie in the first chunk).
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when too few bytes remain;
    /// nothing is consumed. For bytes that are no `T` (an unknown enum
    /// discriminant), the error of the type: a fixed record's bytes are
    /// consumed, so the buffer stays aligned on records; a message's are not.
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
    fn try_get_netpack<T: for<'a> Message<'a>>(&mut self) -> Result<T, Error> {
        let available = self.remaining();
        let chunk = self.chunk();
        let whole = chunk.len() == available;
        let (message, used) = match decode_step::<T>(chunk, usize::MAX)? {
            Step::Done { message, used } => (message, used),
            Step::Needs { error, .. } if whole => return Err(error),
            Step::Needs { needed, exact, .. } if needed > available => {
                return Err(if exact {
                    Error::buffer_too_small(needed, available)
                } else {
                    error_of::<T>(&gather(self))
                });
            }
            // A fixed record, consumed whatever it holds: staged on the stack.
            Step::Needs {
                needed,
                exact: true,
                ..
            } => {
                return with_scratch(needed, |buf| {
                    self.copy_to_slice(buf);
                    T::decode(buf)
                })
            }
            Step::Needs { exact: false, .. } => {
                let bytes = gather(self);
                match decode_step::<T>(&bytes, usize::MAX)? {
                    Step::Done { message, used } => (message, used),
                    Step::Needs { error, .. } => return Err(error),
                }
            }
        };
        self.advance(used);
        message
    }
}

/// The decoder's error for `bytes`, which are too few for a message.
fn error_of<T: for<'a> Message<'a>>(bytes: &[u8]) -> Error {
    match T::decode_prefix(bytes) {
        Err(e) => e,
        Ok(_) => Error::buffer_too_small(bytes.len() + 1, bytes.len()),
    }
}

/// The bytes that remain in `buf`, copied from its chunks without consuming
/// them. `chunks_vectored` fills at most as many slices as it is given: while
/// it fills them all and bytes remain unseen, it is asked again with room for
/// twice as many. (A `Buf` that shows only its first chunk this way shows no
/// more: a message past that chunk is then too short, as without `std`.)
#[cfg(feature = "std")]
fn gather<B: Buf + ?Sized>(buf: &B) -> alloc::vec::Vec<u8> {
    let remaining = buf.remaining();
    let mut out = alloc::vec::Vec::with_capacity(remaining);
    let mut slices = alloc::vec![std::io::IoSlice::new(&[]); 64];
    loop {
        let n = buf.chunks_vectored(&mut slices);
        let seen: usize = slices[..n].iter().map(|s| s.len()).sum();
        if seen == remaining || n < slices.len() {
            for slice in &slices[..n] {
                out.extend_from_slice(slice);
            }
            return out;
        }
        // Every slice was filled and some bytes are still unseen: ask again
        // with room for twice as many chunks.
        let more = slices.len() * 2;
        slices.resize(more, std::io::IoSlice::new(&[]));
    }
}

/// Without `std` there is no way to look past the first chunk without
/// consuming it.
#[cfg(not(feature = "std"))]
fn gather<B: Buf + ?Sized>(buf: &B) -> alloc::vec::Vec<u8> {
    buf.chunk().to_vec()
}

impl<B: Buf + ?Sized> BufExt for B {}

/// Writes [`NetPack`](crate::NetPack) values and [`Message`]s to any [`BufMut`]
/// without panicking.
///
/// Implemented for every `BufMut`; bring it into scope with
/// `use netpack::buf::BufMutExt`.
pub trait BufMutExt: BufMut {
    /// Writes the bytes of `value`: `T::SIZE` bytes for a
    /// [`NetPack`](crate::NetPack) type, the encoding of a [`Message`].
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when the buffer has room for
    /// fewer bytes (a `&mut [u8]` near its end; a `Vec<u8>` or `BytesMut`
    /// grows), and the errors of [`Message::encode_into`] (such as
    /// [`ArgRange`](crate::ErrorKind::ArgRange) when a field has no encoding).
    /// Nothing is written on error.
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
    fn try_put_netpack<'m, T: Message<'m>>(&mut self, value: &T) -> Result<(), Error> {
        let room = self.remaining_mut();
        encode_staged(value, |bytes| {
            if room < bytes.len() {
                return Err(Error::buffer_too_small(bytes.len(), room));
            }
            self.put_slice(bytes);
            Ok(())
        })?
    }
}

impl<B: BufMut + ?Sized> BufMutExt for B {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
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
