//! `tokio_util::codec` decoders and encoders: [`MessageCodec`] for [`NetPack`]
//! types and capped [`Message`]s, and [`FrameCodec`] for length-prefixed frames.
//! A decoder that has only part of a message answers `Ok(None)` ("need more
//! bytes") and reserves what is missing, never more than the message's cap or
//! the frame limit, nor more than 1 MiB at a time.

use super::{Error, Frame, FrameCodec, FrameHeader};
use crate::stream::staging::{decode_step, encode_staged, ReadBound, Step};
use crate::typed::message::{Capped, Message};
use ::bytes::{Buf, BytesMut};
use core::fmt;
use core::marker::PhantomData;
use tokio_util::codec::{Decoder, Encoder};

/// A `tokio_util::codec` `Decoder` and `Encoder` for a message type: a
/// [`NetPack`](crate::NetPack) type (each item exactly `T::SIZE` bytes on the
/// wire) or a [`Capped`] [`Message`] (a cap on every variable-length field, no
/// `rest` field); an uncapped message is refused at compile time.
///
/// ```
/// use bytes::BytesMut;
/// use netpack::io::MessageCodec;
/// use tokio_util::codec::{Decoder, Encoder};
///
/// let mut codec = MessageCodec::<u32>::new();
/// let mut wire = BytesMut::new();
/// codec.encode(0x0102_0304, &mut wire)?;
/// assert_eq!(&wire[..], [1, 2, 3, 4]);
///
/// let mut partial = wire.split_to(3);
/// assert_eq!(codec.decode(&mut partial)?, None); // need more bytes
/// partial.unsplit(wire);
/// assert_eq!(codec.decode(&mut partial)?, Some(0x0102_0304));
/// # Ok::<(), netpack::io::Error>(())
/// ```
// The bound is on the type, so that naming a codec for a message that borrows
// from its input is the error, with `Message`'s words, rather than a method
// that "exists but whose bounds were not satisfied".
pub struct MessageCodec<T: for<'a> Message<'a>> {
    message: PhantomData<fn() -> T>,
}

impl<T: for<'a> Message<'a>> MessageCodec<T> {
    /// The codec for `T`.
    ///
    /// ```
    /// let codec = netpack::io::MessageCodec::<u64>::new();
    /// # let _ = codec;
    /// ```
    pub const fn new() -> MessageCodec<T> {
        MessageCodec {
            message: PhantomData,
        }
    }
}

impl<T: for<'a> Message<'a>> Default for MessageCodec<T> {
    fn default() -> Self {
        MessageCodec::new()
    }
}

impl<T: for<'a> Message<'a>> Clone for MessageCodec<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: for<'a> Message<'a>> Copy for MessageCodec<T> {}

impl<T: for<'a> Message<'a>> fmt::Debug for MessageCodec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageCodec")
            .field("message", &core::any::type_name::<T>())
            .finish()
    }
}

/// The most a frame decoder reserves in one call for the rest of a frame.
const RESERVE_STEP: usize = 1 << 20;

/// The error for a stream that ended inside a record of `needed` bytes.
fn truncated(needed: usize, src: &BytesMut) -> Error {
    Error::Truncated {
        needed,
        got: src.len(),
    }
}

impl<T: for<'a> Message<'a> + Capped> Decoder for MessageCodec<T> {
    type Item = T;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<T>, Error> {
        let max = ReadBound::<T>::MAX;
        match decode_step::<T>(src, max)? {
            Step::Done { message, used } => {
                src.advance(used);
                Ok(Some(message?))
            }
            Step::Needs { needed, .. } => {
                src.reserve(needed - src.len());
                Ok(None)
            }
        }
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<T>, Error> {
        match self.decode(src)? {
            Some(message) => Ok(Some(message)),
            None if src.is_empty() => Ok(None),
            None => {
                let needed = match T::decode_prefix(src) {
                    Err(e) => e.needed().unwrap_or(src.len()),
                    Ok(_) => src.len(),
                };
                Err(truncated(needed, src))
            }
        }
    }
}

impl<'m, T: for<'a> Message<'a>> Encoder<&'m T> for MessageCodec<T> {
    type Error = Error;

    fn encode(&mut self, message: &'m T, dst: &mut BytesMut) -> Result<(), Error> {
        encode_staged(message, |bytes| dst.extend_from_slice(bytes))?;
        Ok(())
    }
}

impl<T: for<'a> Message<'a>> Encoder<T> for MessageCodec<T> {
    type Error = Error;

    fn encode(&mut self, message: T, dst: &mut BytesMut) -> Result<(), Error> {
        Encoder::<&T>::encode(self, &message, dst)
    }
}

/// Decodes [`Frame<H>`]s: `Ok(None)` until the whole frame is buffered, and
/// [`Error::FrameTooLarge`] as soon as a header announces a body over the limit,
/// before any room is reserved for it.
///
/// ```
/// use bytes::BytesMut;
/// use netpack::io::{Error, Frame, FrameCodec};
/// use tokio_util::codec::{Decoder, Encoder};
///
/// let mut codec = FrameCodec::<u16>::new(64);
/// let mut wire = BytesMut::new();
/// codec.encode(&Frame { header: 5, body: b"hello".to_vec() }, &mut wire)?;
/// assert_eq!(&wire[..], b"\0\x05hello");
///
/// let mut buffered = BytesMut::from(&wire[..4]);
/// assert_eq!(codec.decode(&mut buffered)?, None); // need more bytes
/// buffered.extend_from_slice(&wire[4..]);
/// assert_eq!(codec.decode(&mut buffered)?.unwrap().body, b"hello");
///
/// let mut hostile = BytesMut::from(&b"\xff\xff"[..]);
/// assert!(matches!(codec.decode(&mut hostile), Err(Error::FrameTooLarge { len: 65535, max: 64 })));
/// # Ok::<(), netpack::io::Error>(())
/// ```
impl<H: FrameHeader> Decoder for FrameCodec<H> {
    type Item = Frame<H>;
    type Error = Error;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Frame<H>>, Error> {
        if src.len() < H::SIZE {
            src.reserve(H::SIZE - src.len());
            return Ok(None);
        }
        // The header is decoded again on each call until the body is complete:
        // cheaper than keeping a half-read state, and it is a few bytes.
        let (header, _) = H::decode_prefix(src)?;
        let (len, total) = self.frame_len(&header)?;
        if src.len() < total {
            // At most `RESERVE_STEP` at a time: a header may announce far more
            // than the peer will ever send (or memory holds) under a large limit.
            src.reserve((total - src.len()).min(RESERVE_STEP));
            return Ok(None);
        }
        src.advance(H::SIZE);
        let body = src.split_to(len).to_vec();
        Ok(Some(Frame { header, body }))
    }

    fn decode_eof(&mut self, src: &mut BytesMut) -> Result<Option<Frame<H>>, Error> {
        match self.decode(src)? {
            Some(frame) => Ok(Some(frame)),
            None if src.is_empty() => Ok(None),
            None => {
                let needed = match H::decode_prefix(src) {
                    Ok((header, _)) => self.frame_len(&header)?.1,
                    Err(_) => H::SIZE,
                };
                Err(truncated(needed, src))
            }
        }
    }
}

/// Encodes a frame; checks as [`FrameCodec::write`], and writes nothing on error.
impl<H: FrameHeader> Encoder<&Frame<H>> for FrameCodec<H> {
    type Error = Error;

    fn encode(&mut self, frame: &Frame<H>, dst: &mut BytesMut) -> Result<(), Error> {
        self.check_outgoing(&frame.header, &frame.body)?;
        let start = dst.len();
        dst.resize(start + H::SIZE, 0);
        if let Err(e) = frame.header.encode_to_slice(&mut dst[start..]) {
            dst.truncate(start);
            return Err(e.into());
        }
        dst.extend_from_slice(&frame.body);
        Ok(())
    }
}

/// Encodes a frame; checks as [`FrameCodec::write`], and writes nothing on error.
impl<H: FrameHeader> Encoder<Frame<H>> for FrameCodec<H> {
    type Error = Error;

    fn encode(&mut self, frame: Frame<H>, dst: &mut BytesMut) -> Result<(), Error> {
        Encoder::<&Frame<H>>::encode(self, &frame, dst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn frames_split_anywhere_decode_whole() {
        let mut codec = FrameCodec::<u32>::new(100);
        let mut wire = BytesMut::new();
        for body in [&b"one"[..], b"", b"three"] {
            let frame = Frame {
                header: body.len() as u32,
                body: body.to_vec(),
            };
            codec.encode(frame, &mut wire).unwrap();
        }
        for cut in 0..wire.len() {
            let mut src = BytesMut::from(&wire[..cut]);
            let mut got = Vec::new();
            while let Some(frame) = codec.decode(&mut src).unwrap() {
                got.push(frame.body);
            }
            src.extend_from_slice(&wire[cut..]);
            while let Some(frame) = codec.decode_eof(&mut src).unwrap() {
                got.push(frame.body);
            }
            assert_eq!(got, [&b"one"[..], b"", b"three"], "cut at {cut}");
            assert!(src.is_empty());
        }
    }

    #[test]
    fn eof_inside_a_frame_is_truncated() {
        let mut codec = FrameCodec::<u16>::new(100);
        let mut src = BytesMut::from(&b"\0\x05he"[..]);
        assert!(matches!(
            codec.decode_eof(&mut src),
            Err(Error::Truncated { needed: 7, got: 4 })
        ));
        let mut src = BytesMut::from(&b"\0"[..]);
        assert!(matches!(
            codec.decode_eof(&mut src),
            Err(Error::Truncated { needed: 2, got: 1 })
        ));
        let mut messages = MessageCodec::<u64>::new();
        let mut src = BytesMut::from(&b"\0\0"[..]);
        assert!(matches!(
            messages.decode_eof(&mut src),
            Err(Error::Truncated { needed: 8, got: 2 })
        ));
    }

    /// `usize::MAX` as the limit ("no limit") and a peer's header of all ones:
    /// once an overflow in `H::SIZE + len` (a panic in debug builds, "split_to
    /// out of bounds" in release).
    #[test]
    fn lengths_near_usize_max_are_errors_not_overflows() {
        let mut codec = FrameCodec::<u64>::new(usize::MAX);
        let limit = isize::MAX as usize - 8;
        let wire = |len: u64| {
            let mut src = BytesMut::from(&len.to_be_bytes()[..]);
            src.extend_from_slice(b"hello");
            src
        };
        for len in [u64::MAX, u64::MAX - 7, 1 << 63, limit as u64 + 1] {
            for eof in [false, true] {
                let mut src = wire(len);
                let got = if eof {
                    codec.decode_eof(&mut src)
                } else {
                    codec.decode(&mut src)
                };
                assert!(
                    matches!(got, Err(Error::FrameTooLarge { len: l, max }) if l == len && max == limit),
                    "{len:#x}: {got:?}"
                );
            }
        }
        // The longest frame the limit allows is waited for, a step at a time.
        let mut src = wire(limit as u64);
        assert!(matches!(codec.decode(&mut src), Ok(None)));
        assert!(src.capacity() <= 4 * RESERVE_STEP, "{}", src.capacity());
        assert!(matches!(
            codec.decode_eof(&mut src),
            Err(Error::Truncated { needed, got: 13 }) if needed == isize::MAX as usize
        ));
    }

    #[test]
    fn oversized_frames_are_refused_without_reserving() {
        let mut codec = FrameCodec::<u32>::new(16);
        let mut src = BytesMut::from(&b"\x7f\xff\xff\xff"[..]);
        let capacity = src.capacity();
        assert!(matches!(
            codec.decode(&mut src),
            Err(Error::FrameTooLarge {
                len: 0x7fff_ffff,
                max: 16
            })
        ));
        assert_eq!(src.capacity(), capacity);
        let mut dst = BytesMut::new();
        let frame = Frame {
            header: 17,
            body: [0; 17].to_vec(),
        };
        assert!(codec.encode(&frame, &mut dst).is_err());
        assert!(dst.is_empty());
    }
}
