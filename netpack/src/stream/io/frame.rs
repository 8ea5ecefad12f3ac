//! Length-prefixed frames: a fixed [`FrameHeader`] that says how many body bytes
//! follow, read and written by a [`FrameCodec`] that refuses bodies over a limit
//! before allocating anything for them.

use super::{read, read_exactly, Error};
use crate::typed::message::Message;
use crate::typed::netpack::NetPack;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;
use std::io::{Read, Write};

/// A fixed-size header that says how many body bytes follow it: the start of a
/// length-prefixed frame, read and written by a [`FrameCodec`].
///
/// Implemented for `u8`, `u16`, `u32` and `u64` (a bare big-endian length prefix,
/// Python's `struct.pack("!I", len(body)) + body`); implement it for a derived
/// header that carries more, such as a message kind and a timestamp:
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::io::FrameHeader;
/// use netpack::NetPack;
///
/// /// Python: struct.pack("!IQ", len(body), timestamp) + body
/// #[derive(NetPack)]
/// #[netpack(order = "!")]
/// struct Header {
///     len: u32,
///     timestamp: u64,
/// }
///
/// impl FrameHeader for Header {
///     fn body_len(&self) -> u64 {
///         self.len.into()
///     }
/// }
///
/// let frames = netpack::io::FrameCodec::<Header>::new(1024);
/// let wire = frames.to_bytes(&Header { len: 2, timestamp: 7 }, b"hi")?;
/// assert_eq!(wire, b"\0\0\0\x02\0\0\0\0\0\0\0\x07hi");
/// # Ok::<(), netpack::io::Error>(())
/// ```
pub trait FrameHeader: NetPack {
    /// How many body bytes follow this header.
    fn body_len(&self) -> u64;
}

macro_rules! length_prefix {
    ($($t:ty),*) => {$(
        impl FrameHeader for $t {
            fn body_len(&self) -> u64 {
                u64::from(*self)
            }
        }
    )*};
}

length_prefix!(u8, u16, u32, u64);

/// One length-prefixed frame: a header and the body whose length it gives.
///
/// ```
/// use netpack::io::Frame;
///
/// let frame = Frame { header: 5u32, body: b"hello".to_vec() };
/// assert_eq!(frame.body, b"hello");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Frame<H> {
    /// The fixed-size header, which holds the body length.
    pub header: H,
    /// The bytes that follow the header.
    pub body: Vec<u8>,
}

impl<H> Frame<H> {
    /// Decodes the body as one message `M`, borrowing from the frame: a message
    /// whose last field takes the `rest` is what frames are for.
    ///
    /// # Errors
    ///
    /// As [`Message::decode`].
    ///
    #[cfg_attr(feature = "derive", doc = "```")]
    #[cfg_attr(not(feature = "derive"), doc = "```ignore")]
    /// use netpack::io::{Frame, FrameCodec};
    /// use netpack::{Message, NetPack};
    /// use std::io::Cursor;
    ///
    /// /// Python: struct.pack("!BQ", kind, ms) + body
    /// #[derive(NetPack, Debug, PartialEq)]
    /// struct Chat<'a> {
    ///     kind: u8,
    ///     ms: u64,
    ///     #[netpack(rest)]
    ///     body: &'a str,
    /// }
    ///
    /// // Python: sock.sendall(struct.pack("!I", len(payload)) + payload)
    /// let frames = FrameCodec::<u32>::new(1024);
    /// let payload = Chat { kind: 1, ms: 7, body: "hi" }.encode()?;
    /// let mut wire = Vec::new();
    /// frames.write(&mut wire, &(payload.len() as u32), &payload)?;
    ///
    /// let frame = frames.read(&mut Cursor::new(wire))?.unwrap();
    /// let chat: Chat = frame.message()?;
    /// assert_eq!(chat, Chat { kind: 1, ms: 7, body: "hi" });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn message<'a, M: Message<'a>>(&'a self) -> Result<M, crate::error::Error> {
        M::decode(&self.body)
    }
}

/// Reads and writes length-prefixed frames (a [`FrameHeader`] followed by its
/// body) and refuses bodies longer than a limit before allocating anything for
/// them, so a hostile peer cannot make a reader reserve gigabytes.
///
/// With the `tokio` feature it is also a `tokio_util::codec::Decoder` of
/// [`Frame<H>`] and an `Encoder` of `Frame<H>` and `&Frame<H>`, for
/// `tokio_util::codec::Framed`.
///
/// ```
/// use netpack::io::{Error, Frame, FrameCodec};
/// use std::io::Cursor;
///
/// // Python: sock.sendall(struct.pack("!I", len(body)) + body)
/// let frames = FrameCodec::<u32>::new(1024);
/// let mut wire = Vec::new();
/// frames.write(&mut wire, &5, b"hello")?;
/// frames.write(&mut wire, &0, b"")?;
/// assert_eq!(wire, b"\0\0\0\x05hello\0\0\0\0");
///
/// let mut stream = Cursor::new(wire);
/// assert_eq!(frames.read(&mut stream)?, Some(Frame { header: 5, body: b"hello".to_vec() }));
/// assert_eq!(frames.read(&mut stream)?, Some(Frame { header: 0, body: vec![] }));
/// assert_eq!(frames.read(&mut stream)?, None);
///
/// // A header that announces 4 GiB is refused before anything is allocated.
/// let mut hostile = Cursor::new(b"\xff\xff\xff\xff");
/// assert!(matches!(frames.read(&mut hostile), Err(Error::FrameTooLarge { len: 4294967295, max: 1024 })));
/// # Ok::<(), netpack::io::Error>(())
/// ```
pub struct FrameCodec<H> {
    max_body_len: usize,
    header: PhantomData<fn() -> H>,
}

impl<H> Clone for FrameCodec<H> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<H> Copy for FrameCodec<H> {}

impl<H> fmt::Debug for FrameCodec<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FrameCodec")
            .field("header", &core::any::type_name::<H>())
            .field("max_body_len", &self.max_body_len)
            .finish()
    }
}

impl<H: FrameHeader> FrameCodec<H> {
    /// A codec that accepts bodies of at most `max_body_len` bytes, in both
    /// directions. `usize::MAX` means no limit but the one of memory: a header
    /// whose frame would pass `isize::MAX` bytes is still
    /// [`FrameTooLarge`](Error::FrameTooLarge), and a body is read as it arrives,
    /// never reserved in full up front.
    ///
    /// ```
    /// let frames = netpack::io::FrameCodec::<u16>::new(512);
    /// assert_eq!(frames.max_body_len(), 512);
    /// ```
    pub const fn new(max_body_len: usize) -> FrameCodec<H> {
        FrameCodec {
            max_body_len,
            header: PhantomData,
        }
    }

    /// The largest body this codec reads or writes.
    ///
    /// ```
    /// assert_eq!(netpack::io::FrameCodec::<u32>::new(1 << 20).max_body_len(), 1 << 20);
    /// ```
    pub const fn max_body_len(&self) -> usize {
        self.max_body_len
    }

    /// The longest body a frame may have: the codec's limit, lowered so that
    /// header and body together never pass `isize::MAX` bytes. A peer's length
    /// within it can then be added to `H::SIZE` without overflow.
    pub(super) fn limit(&self) -> usize {
        let room = (isize::MAX as usize).saturating_sub(H::SIZE);
        self.max_body_len.min(room)
    }

    /// The body length `header` announces and the frame's whole length (header
    /// and body), if the body is within the limit. Every length that comes from a
    /// peer goes through here before it meets a size.
    pub(super) fn frame_len(&self, header: &H) -> Result<(usize, usize), Error> {
        let len = header.body_len();
        let too_large = Error::FrameTooLarge {
            len,
            max: self.limit(),
        };
        let body = match usize::try_from(len) {
            Ok(n) if n <= self.limit() => n,
            _ => return Err(too_large),
        };
        match H::SIZE.checked_add(body) {
            Some(total) => Ok((body, total)),
            None => Err(too_large),
        }
    }

    /// Checks that `header` announces `body.len()` bytes within the limit.
    pub(super) fn check_outgoing(&self, header: &H, body: &[u8]) -> Result<(), Error> {
        if header.body_len() != body.len() as u64 {
            return Err(Error::BodyLength {
                header: header.body_len(),
                body: body.len(),
            });
        }
        self.frame_len(header).map(|_| ())
    }

    /// The bytes of a frame: `H::SIZE` header bytes, then the body.
    ///
    /// # Errors
    ///
    /// As [`write`](FrameCodec::write), less the I/O.
    ///
    /// ```
    /// let frames = netpack::io::FrameCodec::<u16>::new(16);
    /// assert_eq!(frames.to_bytes(&2, b"hi")?, b"\0\x02hi");
    /// assert!(frames.to_bytes(&3, b"hi").is_err()); // the header lies about the body
    /// # Ok::<(), netpack::io::Error>(())
    /// ```
    pub fn to_bytes(&self, header: &H, body: &[u8]) -> Result<Vec<u8>, Error> {
        self.check_outgoing(header, body)?;
        let mut out = alloc::vec![0; H::SIZE + body.len()];
        header.encode_to_slice(&mut out)?;
        out[H::SIZE..].copy_from_slice(body);
        Ok(out)
    }

    /// Reads the next frame: the header, then exactly the body it announces.
    ///
    /// Returns `Ok(None)` when the stream ends cleanly before a header.
    ///
    /// # Errors
    ///
    /// [`Error::FrameTooLarge`] for a header that announces more than
    /// [`max_body_len`](FrameCodec::max_body_len) bytes (checked before the body
    /// is read or allocated), [`Error::Truncated`] when the stream ends inside
    /// the frame, [`Error::Pack`] for a header that does not decode,
    /// [`Error::Io`] when the reader fails.
    ///
    /// ```
    /// use netpack::io::{Error, FrameCodec};
    /// use std::io::Cursor;
    ///
    /// let frames = FrameCodec::<u8>::new(100);
    /// let frame = frames.read(&mut Cursor::new(b"\x02hi"))?.unwrap();
    /// assert_eq!(frame.body, b"hi");
    ///
    /// let cut = frames.read(&mut Cursor::new(b"\x05hi"));
    /// assert!(matches!(cut, Err(Error::Truncated { needed: 6, got: 3 })));
    /// # Ok::<(), netpack::io::Error>(())
    /// ```
    pub fn read<R: Read + ?Sized>(&self, r: &mut R) -> Result<Option<Frame<H>>, Error> {
        let Some(header) = read::<H, R>(r)? else {
            return Ok(None);
        };
        let (len, total) = self.frame_len(&header)?;
        let body = read_exactly(r, len)?;
        if body.len() < len {
            return Err(Error::Truncated {
                needed: total,
                // `body.len() < len`, so this sum is below `total`.
                got: H::SIZE + body.len(),
            });
        }
        Ok(Some(Frame { header, body }))
    }

    /// Writes one frame, header and body, with a single `write_all` (so a small
    /// frame leaves in one segment, and a writer shared behind a lock never
    /// interleaves two frames).
    ///
    /// # Errors
    ///
    /// [`Error::BodyLength`] when `header` does not announce `body.len()` bytes,
    /// [`Error::FrameTooLarge`] when the body is over the limit (the peer would
    /// refuse it), [`Error::Pack`] when the header does not pack, [`Error::Io`]
    /// when the writer fails. Nothing is written on the first three.
    ///
    /// ```
    /// let frames = netpack::io::FrameCodec::<u32>::new(4);
    /// let mut wire = Vec::new();
    /// frames.write(&mut wire, &3, b"abc")?;
    /// assert!(frames.write(&mut wire, &5, b"hello").is_err()); // over the limit
    /// assert_eq!(wire, b"\0\0\0\x03abc");
    /// # Ok::<(), netpack::io::Error>(())
    /// ```
    pub fn write<W: Write + ?Sized>(
        &self,
        w: &mut W,
        header: &H,
        body: &[u8],
    ) -> Result<(), Error> {
        w.write_all(&self.to_bytes(header, body)?)?;
        Ok(())
    }
}
