//! Messages on byte streams: read and write [`NetPack`](crate::NetPack) types, capped
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
//!
//! The readers keep no hidden state, per thread or otherwise: [`read`] builds a
//! message in a buffer of its own call, and [`read_with`] in the caller's, so
//! that a loop reading a stream of messages allocates nothing but what the
//! messages own.

use crate::runtime::structure::Struct;
use crate::runtime::value::Value;
use crate::stream::staging::{decode_step, encode_staged, ReadBound, Step};
use crate::typed::message::{Capped, Message};
use crate::wire::scratch::with_scratch;
use alloc::vec::Vec;
use std::io::{self as stdio, Read, Write};

mod error;
mod frame;
#[cfg(feature = "tokio")]
mod tokio;

pub use error::Error;
pub use frame::{Frame, FrameCodec, FrameHeader};
#[cfg(feature = "tokio")]
pub use tokio::MessageCodec;

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

/// Reads the next `T`: exactly its bytes, however the stream delivers them. `T`
/// is a [`NetPack`](crate::NetPack) type (exactly `T::SIZE` bytes) or a [`Message`] with a cap,
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
/// A fixed layout is staged on the stack and costs no allocation; a message
/// with variable-length parts is assembled in a buffer of this call, freed
/// when it returns: to read many without allocating one each time, use
/// [`read_with`].
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
    let max = ReadBound::<T>::MAX;
    // A fixed record is exactly its size: staged on the stack, no allocation.
    if let Step::Needs {
        needed,
        exact: true,
        ..
    } = decode_step::<T>(&[], max)?
    {
        return with_scratch(needed, |buf| match fill(r, buf)? {
            0 => Ok(None),
            got if got == needed => Ok(Some(T::decode(buf)?)),
            got => Err(Error::Truncated { needed, got }),
        });
    }
    read_with(r, &mut Vec::new())
}

/// As [`read`], assembling the message in `buf`, the caller's: cleared first,
/// grown to what the message needs (never past its
/// [`MAX_SIZE`](Message::MAX_SIZE)) and left with its capacity, so that a loop
/// that reads with one buffer allocates only what the messages own.
///
/// # Errors
///
/// As [`read`].
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::NetPack;
/// use std::io::Cursor;
///
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Hello {
///     #[netpack(len_prefix = "B", max = 32)]
///     name: String,
/// }
///
/// let mut stream = Cursor::new(b"\x03ann\x03bob".to_vec());
/// let mut buf = Vec::new();
/// let mut names = Vec::new();
/// while let Some(hello) = netpack::io::read_with::<Hello, _>(&mut stream, &mut buf)? {
///     names.push(hello.name);
/// }
/// assert_eq!(names, ["ann", "bob"]);
/// # Ok::<(), netpack::io::Error>(())
/// ```
pub fn read_with<T, R>(r: &mut R, buf: &mut Vec<u8>) -> Result<Option<T>, Error>
where
    T: for<'a> Message<'a> + Capped,
    R: Read + ?Sized,
{
    let max = ReadBound::<T>::MAX;
    buf.clear();
    loop {
        let want = match decode_step::<T>(buf, max)? {
            Step::Done { message, .. } => return Ok(Some(message?)),
            Step::Needs { needed, .. } => needed,
        };
        let have = buf.len();
        grow(buf, want, max);
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

/// Makes room for `want` bytes in `buf`: at least doubling its capacity, so
/// that a message read a byte at a time (a NUL-terminated field) costs few
/// reallocations, but never past `max`, however a peer lies.
fn grow(buf: &mut Vec<u8>, want: usize, max: usize) {
    if buf.capacity() < want {
        let target = want.max(buf.capacity().saturating_mul(2).min(max));
        buf.reserve_exact(target - buf.len());
    }
}

/// Writes the bytes of `value` with one `write_all`: a
/// [`NetPack`](crate::NetPack) type's `T::SIZE` bytes (staged on the stack), or
/// a [`Message`]'s encoding.
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
    encode_staged(value, |bytes| w.write_all(bytes))??;
    Ok(())
}

/// Reads exactly `n` bytes, growing the buffer as they arrive rather than
/// allocating `n` up front: a peer that announces a large record and sends nothing
/// costs little memory.
pub(super) fn read_exactly<R: Read + ?Sized>(r: &mut R, n: usize) -> stdio::Result<Vec<u8>> {
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
            frames.to_bytes(&u64::MAX, b""),
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
        let e = Error::Pack(crate::error::Error::invalid_value("Kind", 9));
        assert!(std::error::Error::source(&e).is_some());
        assert_eq!(e.to_string(), "bad message: invalid value 9 for Kind");
    }
}
