//! Messages on byte streams: read and write [`NetPack`] types, capped
//! [`Message`]s and [`Struct`] records on any [`std::io::Read`]/[`Write`], and
//! length-prefixed frames for variable-length payloads.
//!
//! TCP is a byte stream, not a message queue: Python's `sock.recv(1024)` returns
//! whatever has arrived, half a message or three of them. Everything here reads
//! *exactly* the bytes of one record, however the network splits them, and tells a
//! clean end of stream (no byte of a new record: `Ok(None)`) from a message cut
//! short ([`Error::Truncated`]).
//!
//! ```
//! use std::io::Cursor;
//!
//! // Python: sock.sendall(struct.pack("!H", 7)); sock.sendall(struct.pack("!H", 8))
//! let mut wire = Vec::new();
//! netpack::io::write(&mut wire, &7u16)?;
//! netpack::io::write(&mut wire, &8u16)?;
//!
//! let mut stream = Cursor::new(wire);
//! assert_eq!(netpack::io::read::<u16, _>(&mut stream)?, Some(7));
//! assert_eq!(netpack::io::read::<u16, _>(&mut stream)?, Some(8));
//! assert_eq!(netpack::io::read::<u16, _>(&mut stream)?, None); // the peer closed
//! # Ok::<(), netpack::io::Error>(())
//! ```
//!
//! A [`Message`] with variable-length fields is read part by part, never past its
//! end and never more than its cap ([`Capped`]). For a payload that ends only
//! where the frame ends (a message with a `rest` field), send a fixed header that
//! carries the length and read it with a [`FrameCodec`]; with the `tokio`
//! feature the same codec is a `tokio_util::codec::Decoder`/`Encoder`, and
//! `MessageCodec` is one for messages.

use crate::wire::scratch::with_scratch;
use crate::{Capped, Message, NetPack, Struct, Value};
use alloc::vec::Vec;
use core::cell::Cell;
use core::fmt;
use core::marker::PhantomData;
use std::io::{self as stdio, Read, Write};

#[cfg(feature = "tokio")]
mod codec;
#[cfg(feature = "tokio")]
pub use codec::MessageCodec;

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
    Pack(crate::Error),
    /// A frame header announces a body longer than the codec's limit. Nothing was
    /// allocated for it.
    FrameTooLarge {
        /// The body length the header announces.
        len: u64,
        /// The longest body the codec accepts: its
        /// [`max_body_len`](FrameCodec::max_body_len), or less when header and
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

impl From<crate::Error> for Error {
    fn from(e: crate::Error) -> Error {
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

/// Reads until `buf` is full or the stream ends; returns how many bytes arrived.
/// Unlike `read_exact`, it says how far it got, which tells a clean end of stream
/// from a truncated record.
fn fill<R: Read + ?Sized>(r: &mut R, buf: &mut [u8]) -> stdio::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == stdio::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Reads exactly `buf.len()` bytes: `Ok(false)` when the stream ends before the
/// first of them, [`Error::Truncated`] when it ends after some.
fn read_record_bytes<R: Read + ?Sized>(r: &mut R, buf: &mut [u8]) -> Result<bool, Error> {
    match fill(r, buf)? {
        0 if !buf.is_empty() => Ok(false),
        got if got == buf.len() => Ok(true),
        got => Err(Error::Truncated {
            needed: buf.len(),
            got,
        }),
    }
}

/// Reads the next `T`: exactly its bytes, however the stream delivers them. `T`
/// is a [`NetPack`] type (exactly `T::SIZE` bytes) or a [`Message`] with a cap,
/// read part by part: never a byte past its end, and never more than
/// [`MAX_SIZE`](Message::MAX_SIZE) bytes buffered, whatever lengths a peer
/// announces.
///
/// Returns `Ok(None)` when the stream ends cleanly before the record (the peer
/// closed the connection between messages). A type of size 0 reads no bytes and
/// is always `Some`.
///
/// A message with a field that has no bound (no `max`) or a `rest` field is
/// refused at compile time (it is not [`Capped`]): read such a message as the body of a frame
/// ([`FrameCodec`], [`Frame::message`]). A NUL-terminated field is read a byte
/// at a time: give `read` a [`BufReader`](std::io::BufReader).
///
/// # Errors
///
/// [`Error::Truncated`] when the stream ends inside the record, [`Error::Pack`]
/// for bytes that are no `T` (an unknown enum discriminant, a length over a
/// cap), [`Error::Io`] when the reader fails.
///
/// ```
/// use std::io::Cursor;
///
/// // Python: struct.unpack("!H8sb", sock_file.read(11))
/// let mut stream = Cursor::new(b"\x00\x01test.jpg\x02");
/// let opcode: u16 = netpack::io::read(&mut stream)?.unwrap();
/// let filename: [u8; 8] = netpack::io::read(&mut stream)?.unwrap();
/// let mode: i8 = netpack::io::read(&mut stream)?.unwrap();
/// assert_eq!((opcode, &filename, mode), (1, b"test.jpg", 2));
/// # Ok::<(), netpack::io::Error>(())
/// ```
///
/// A message with variable-length parts:
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::NetPack;
/// use std::io::Cursor;
///
/// /// Python: struct.pack("!H", len(name)) + name + struct.pack("!B", flags)
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Hello {
///     #[netpack(len_prefix = "H", max = 64)]
///     name: String,
///     flags: u8,
/// }
///
/// let mut stream = Cursor::new(b"\x00\x03ann\x01\x00\x03bob\x02".to_vec());
/// let first: Hello = netpack::io::read(&mut stream)?.unwrap();
/// assert_eq!(first, Hello { name: "ann".into(), flags: 1 });
/// assert_eq!(stream.position(), 6); // not a byte further
///
/// // A peer that announces 65535 bytes of name is refused before they are read.
/// let err = netpack::io::read::<Hello, _>(&mut Cursor::new(b"\xff\xff")).unwrap_err();
/// assert_eq!(err.to_string(), "bad message: Hello.name: length 65535 is over the cap of 64 at offset 2");
/// # Ok::<(), netpack::io::Error>(())
/// ```
pub fn read<T, R>(r: &mut R) -> Result<Option<T>, Error>
where
    T: for<'a> Message<'a> + Capped,
    R: Read + ?Sized,
{
    const {
        assert!(
            <T as Message<'static>>::MAX_SIZE.is_some(),
            "netpack::io::read: this message has a variable-length field without a bound, so a peer could make the reader buffer without limit: add #[netpack(max = N)] to it"
        );
        assert!(
            <T as Message<'static>>::__DELIMITED,
            "netpack::io::read: this message ends with a `rest` field, which only a frame can delimit: read it as the body of a frame (FrameCodec, Frame::message)"
        );
    }
    if let Some(size) = <T as Message<'static>>::__FIXED {
        return with_scratch(size, |buf| {
            if !read_record_bytes(r, buf)? {
                return Ok(None);
            }
            Ok(Some(T::decode(buf)?))
        });
    }
    read_parts(r, <T as Message<'static>>::MAX_SIZE.unwrap_or(0))
}

std::thread_local! {
    /// The buffer [`read_parts`] assembles a message in, kept between calls so
    /// that a stream of messages costs no allocation but the messages' own.
    static PARTS: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// A buffer larger than this is freed after its message, not kept.
const KEEP_PARTS: usize = 64 * 1024;

/// Reads a message of variable size part by part: as many bytes as the decoder
/// says it needs at least, then decodes again, up to `max` bytes.
fn read_parts<T, R>(r: &mut R, max: usize) -> Result<Option<T>, Error>
where
    T: for<'a> Message<'a>,
    R: Read + ?Sized,
{
    // `try_with`: a reader may run while the thread's locals are torn down.
    let mut buf = PARTS.try_with(Cell::take).unwrap_or_default();
    buf.clear();
    let result = read_parts_into(r, max, &mut buf);
    if buf.capacity() <= KEEP_PARTS {
        let _ = PARTS.try_with(|kept| kept.set(buf));
    }
    result
}

fn read_parts_into<T, R>(r: &mut R, max: usize, buf: &mut Vec<u8>) -> Result<Option<T>, Error>
where
    T: for<'a> Message<'a>,
    R: Read + ?Sized,
{
    loop {
        let error = match T::decode_prefix(buf) {
            Ok((message, _)) => return Ok(Some(message)),
            Err(e) => e,
        };
        let want = match error.needed() {
            Some(n) if n > buf.len() && n <= max => n,
            _ => return Err(error.into()),
        };
        let have = buf.len();
        // Exactly what is needed, never past `max`, however a peer lies.
        buf.reserve_exact(want - have);
        buf.resize(want, 0);
        let got = fill(r, &mut buf[have..])?;
        if have + got < want {
            if have + got == 0 {
                return Ok(None);
            }
            return Err(Error::Truncated {
                needed: want,
                got: have + got,
            });
        }
    }
}

/// Writes the bytes of `value` with one `write_all`: a [`NetPack`] type's
/// `T::SIZE` bytes (staged on the stack), or a [`Message`]'s encoding.
///
/// Does not flush: wrap a stream in a [`BufWriter`](std::io::BufWriter) to batch
/// small messages, and flush it when a batch is complete.
///
/// # Errors
///
/// [`Error::Pack`] when a field has no encoding (an `f32` too large for a
/// half-float field, a field over its cap), [`Error::Io`] when the writer
/// fails. Nothing is written on the first.
///
/// ```
/// let mut wire = Vec::new();
/// netpack::io::write(&mut wire, &0x0102_0304u32)?;
/// assert_eq!(wire, [1, 2, 3, 4]);
/// # Ok::<(), netpack::io::Error>(())
/// ```
pub fn write<'m, T: Message<'m>, W: Write + ?Sized>(w: &mut W, value: &T) -> Result<(), Error> {
    if let Some(size) = T::__FIXED {
        return with_scratch(size, |buf| {
            value.__pack_fixed(buf)?;
            w.write_all(buf)?;
            Ok(())
        });
    }
    w.write_all(&value.encode()?)?;
    Ok(())
}

/// Reads exactly `n` bytes, growing the buffer as they arrive rather than
/// allocating `n` up front: a peer that announces a large record and sends nothing
/// costs little memory.
fn read_exactly<R: Read + ?Sized>(r: &mut R, n: usize) -> stdio::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(n.min(8 * 1024));
    // `usize` always fits in `u64` on the platforms std supports.
    r.take(n as u64).read_to_end(&mut out)?;
    Ok(out)
}

/// Reads the next record of a runtime [`Struct`]: exactly `format.size()` bytes,
/// unpacked to values as Python's `Struct.unpack`.
///
/// Returns `Ok(None)` when the stream ends cleanly before the record.
///
/// # Errors
///
/// As [`read`].
///
/// ```
/// use netpack::{Struct, Value};
/// use std::io::Cursor;
///
/// let request = Struct::new("!H8sb")?;
/// let mut stream = Cursor::new(b"\x00\x01test.jpg\x02");
/// let values = netpack::io::read_record(&mut stream, &request)?.unwrap();
/// assert_eq!(values, [Value::Int(1), Value::Bytes(b"test.jpg".to_vec()), Value::Int(2)]);
/// assert_eq!(netpack::io::read_record(&mut stream, &request)?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_record<R: Read + ?Sized>(
    r: &mut R,
    format: &Struct,
) -> Result<Option<Vec<Value>>, Error> {
    let size = format.size();
    let bytes = read_exactly(r, size)?;
    match bytes.len() {
        0 if size > 0 => Ok(None),
        got if got == size => Ok(Some(format.unpack(&bytes)?)),
        got => Err(Error::Truncated { needed: size, got }),
    }
}

/// Packs `values` with a runtime [`Struct`] and writes the record with one
/// `write_all`.
///
/// # Errors
///
/// [`Error::Pack`] when `values` do not pack (as [`Struct::pack`]), [`Error::Io`]
/// when the writer fails.
///
/// ```
/// use netpack::Struct;
///
/// let request = Struct::new("!H8sb")?;
/// let mut wire = Vec::new();
/// netpack::io::write_record(&mut wire, &request, &[1.into(), b"test.jpg".into(), 2.into()])?;
/// assert_eq!(wire, b"\x00\x01test.jpg\x02");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_record<W: Write + ?Sized>(
    w: &mut W,
    format: &Struct,
    values: &[Value],
) -> Result<(), Error> {
    w.write_all(&format.pack(values)?)?;
    Ok(())
}

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
/// let wire = frames.pack(&Header { len: 2, timestamp: 7 }, b"hi")?;
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
    pub fn message<'a, M: Message<'a>>(&'a self) -> Result<M, crate::Error> {
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
    fn limit(&self) -> usize {
        let room = (isize::MAX as usize).saturating_sub(H::SIZE);
        self.max_body_len.min(room)
    }

    /// The body length `header` announces and the frame's whole length (header
    /// and body), if the body is within the limit. Every length that comes from a
    /// peer goes through here before it meets a size.
    fn frame_len(&self, header: &H) -> Result<(usize, usize), Error> {
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
    fn check_outgoing(&self, header: &H, body: &[u8]) -> Result<(), Error> {
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
    /// assert_eq!(frames.pack(&2, b"hi")?, b"\0\x02hi");
    /// assert!(frames.pack(&3, b"hi").is_err()); // the header lies about the body
    /// # Ok::<(), netpack::io::Error>(())
    /// ```
    pub fn pack(&self, header: &H, body: &[u8]) -> Result<Vec<u8>, Error> {
        self.check_outgoing(header, body)?;
        let mut out = alloc::vec![0; H::SIZE + body.len()];
        header.pack_into(&mut out)?;
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
        w.write_all(&self.pack(header, body)?)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use std::io::Cursor;

    /// A reader that hands out one byte per call and an `Interrupted` error
    /// between them, as a slow network with signals would.
    struct Trickle {
        bytes: Vec<u8>,
        at: usize,
        interrupt: bool,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> stdio::Result<usize> {
            self.interrupt = !self.interrupt;
            if self.interrupt {
                return Err(stdio::ErrorKind::Interrupted.into());
            }
            match (self.bytes.get(self.at), buf.first_mut()) {
                (Some(&b), Some(dst)) => {
                    *dst = b;
                    self.at += 1;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn trickle(bytes: &[u8]) -> Trickle {
        Trickle {
            bytes: bytes.to_vec(),
            at: 0,
            interrupt: false,
        }
    }

    #[test]
    fn one_byte_at_a_time_still_gives_whole_records() {
        let frames = FrameCodec::<u16>::new(64);
        let mut wire = Vec::new();
        for body in [&b"first"[..], b"", b"third message"] {
            frames.write(&mut wire, &(body.len() as u16), body).unwrap();
        }
        let mut r = trickle(&wire);
        let mut got = Vec::new();
        while let Some(frame) = frames.read(&mut r).unwrap() {
            got.push(frame.body);
        }
        assert_eq!(got, [&b"first"[..], b"", b"third message"]);
    }

    #[test]
    fn clean_end_versus_truncated() {
        assert!(read::<u64, _>(&mut trickle(b"")).unwrap().is_none());
        let err = read::<u64, _>(&mut trickle(b"\0\0\0")).unwrap_err();
        assert!(matches!(err, Error::Truncated { needed: 8, got: 3 }));
        let frames = FrameCodec::<u32>::new(10);
        let err = frames.read(&mut trickle(b"\0\0")).unwrap_err();
        assert!(matches!(err, Error::Truncated { needed: 4, got: 2 }));
        let err = frames.read(&mut trickle(b"\0\0\0\x0aabc")).unwrap_err();
        assert!(matches!(err, Error::Truncated { needed: 14, got: 7 }));
    }

    #[test]
    fn oversized_frames_are_refused_both_ways() {
        let frames = FrameCodec::<u64>::new(3);
        let err = frames
            .read(&mut Cursor::new(u64::MAX.to_be_bytes()))
            .unwrap_err();
        assert!(matches!(
            err,
            Error::FrameTooLarge {
                len: u64::MAX,
                max: 3
            }
        ));
        let mut wire = Vec::new();
        assert!(matches!(
            frames.write(&mut wire, &4, b"four"),
            Err(Error::FrameTooLarge { len: 4, max: 3 })
        ));
        assert!(matches!(
            frames.write(&mut wire, &1, b"ab"),
            Err(Error::BodyLength { header: 1, body: 2 })
        ));
        assert!(wire.is_empty());
    }

    /// `usize::MAX` as the limit ("no limit") and a peer's header of all ones:
    /// once an overflow in `H::SIZE + len` (a panic in debug builds, a wrong
    /// `Truncated { needed: 7, got: 13 }` in release).
    #[test]
    fn lengths_near_usize_max_are_errors_not_overflows() {
        let frames = FrameCodec::<u64>::new(usize::MAX);
        let limit = isize::MAX as usize - 8;
        let frame = |len: u64| {
            let mut wire = len.to_be_bytes().to_vec();
            wire.extend_from_slice(b"hello");
            frames.read(&mut Cursor::new(wire))
        };
        for len in [u64::MAX, u64::MAX - 7, 1 << 63, limit as u64 + 1] {
            let err = frame(len).unwrap_err();
            assert!(
                matches!(err, Error::FrameTooLarge { len: l, max } if l == len && max == limit),
                "{len:#x}: {err:?}"
            );
        }
        let err = frame(limit as u64).unwrap_err();
        assert!(
            matches!(err, Error::Truncated { needed, got: 13 } if needed == isize::MAX as usize),
            "{err:?}"
        );
        // A one-byte header under the same limit takes any length it can say.
        let frames = FrameCodec::<u8>::new(usize::MAX);
        let err = frames.read(&mut Cursor::new(b"\xffhi")).unwrap_err();
        assert!(matches!(
            err,
            Error::Truncated {
                needed: 256,
                got: 3
            }
        ));
        // And the limit that is reported is what the codec holds to when writing.
        let frames = FrameCodec::<u64>::new(usize::MAX);
        assert!(matches!(
            frames.pack(&u64::MAX, b""),
            Err(Error::BodyLength { .. })
        ));
    }

    #[test]
    fn large_records_go_through_the_heap() {
        let big = [7u8; 300];
        let mut wire = Vec::new();
        write(&mut wire, &big).unwrap();
        assert_eq!(wire.len(), 300);
        assert_eq!(
            read::<[u8; 300], _>(&mut trickle(&wire)).unwrap(),
            Some(big)
        );
    }

    #[test]
    fn struct_records() {
        let s = Struct::new("!Hb").unwrap();
        let mut wire = Vec::new();
        write_record(&mut wire, &s, &[513.into(), (-1).into()]).unwrap();
        write_record(&mut wire, &s, &[1.into(), 1.into()]).unwrap();
        assert!(write_record(&mut wire, &s, &[1.into(), 1000.into()]).is_err());
        let mut r = trickle(&wire[..5]);
        assert_eq!(
            read_record(&mut r, &s).unwrap(),
            Some(alloc::vec![Value::Int(513), Value::Int(-1)])
        );
        assert!(matches!(
            read_record(&mut r, &s),
            Err(Error::Truncated { needed: 3, got: 2 })
        ));
        assert!(read_record(&mut r, &s).unwrap().is_none());
    }

    #[test]
    fn errors_convert_to_std_io_errors() {
        let e: stdio::Error = Error::Truncated { needed: 2, got: 1 }.into();
        assert_eq!(e.kind(), stdio::ErrorKind::UnexpectedEof);
        let e: stdio::Error = Error::FrameTooLarge { len: 9, max: 1 }.into();
        assert_eq!(e.kind(), stdio::ErrorKind::InvalidData);
        let e: stdio::Error = Error::Io(stdio::ErrorKind::TimedOut.into()).into();
        assert_eq!(e.kind(), stdio::ErrorKind::TimedOut);
        let e = Error::Pack(crate::Error::invalid_value("Kind", 9));
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(e.to_string(), "bad message: invalid value 9 for Kind");
    }
}
