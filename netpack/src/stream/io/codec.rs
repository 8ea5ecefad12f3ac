//! `tokio_util::codec` decoders and encoders: [`MessageCodec`] for [`NetPack`]
//! types and capped [`Message`]s, and [`FrameCodec`] for length-prefixed frames.
//! A decoder that has only part of a message answers `Ok(None)` ("need more
//! bytes") and reserves what is missing, never more than the message's cap or
//! the frame limit.

use super::{Error, Frame, FrameCodec, FrameHeader};
use crate::{Capped, Message};
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
pub struct MessageCodec<T> {
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

impl<T> Clone for MessageCodec<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for MessageCodec<T> {}

impl<T> fmt::Debug for MessageCodec<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MessageCodec")
            .field("message", &core::any::type_name::<T>())
            .finish()
    }
}

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
        const {
            assert!(
                <T as Message<'static>>::MAX_SIZE.is_some(),
                "netpack::io::MessageCodec: this message has a variable-length field without a bound, so a peer could make the decoder buffer without limit: add #[netpack(max = N)] to it"
            );
            assert!(
                <T as Message<'static>>::__DELIMITED,
                "netpack::io::MessageCodec: this message ends with a `rest` field, which only a frame can delimit: decode it as the body of a frame (FrameCodec, Frame::message)"
            );
        }
        if let Some(size) = <T as Message<'static>>::__FIXED {
            if src.len() < size {
                src.reserve(size - src.len());
                return Ok(None);
            }
            let message = T::decode_prefix(src).map(|(m, _)| m);
            // The record is consumed even when it does not decode: the stream
            // stays aligned on record boundaries.
            src.advance(size);
            return Ok(Some(message?));
        }
        match T::decode_prefix(src) {
            Ok((message, used)) => {
                src.advance(used);
                Ok(Some(message))
            }
            Err(e) => match e.needed() {
                Some(n) if n > src.len() && n <= <T as Message<'static>>::MAX_SIZE.unwrap_or(0) => {
                    src.reserve(n - src.len());
                    Ok(None)
                }
                _ => Err(e.into()),
            },
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
        if let Some(size) = <T as Message<'static>>::__FIXED {
            let start = dst.len();
            dst.resize(start + size, 0);
            if let Err(e) = message.__pack_fixed(&mut dst[start..]) {
                dst.truncate(start);
                return Err(e.into());
            }
            return Ok(());
        }
        dst.extend_from_slice(&message.encode()?);
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
        let header = H::unpack_from(src)?;
        let len = self.checked_len(&header)?;
        let total = H::SIZE + len;
        if src.len() < total {
            src.reserve(total - src.len());
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
                let needed = match H::unpack_from(src) {
                    Ok(header) => H::SIZE + self.checked_len(&header)?,
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
        if let Err(e) = frame.header.pack_into(&mut dst[start..]) {
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
