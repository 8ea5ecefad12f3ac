//! The [`Message`] trait: the typed vocabulary (`encode`, `decode`, …) of every
//! type with a wire encoding, fixed parts and variable-length fields one after
//! the other, as Python code glues them together; every [`NetPack`] type is
//! one. And [`Capped`], the messages a stream reader can take.

use crate::error::{Detail, Error};
use crate::typed::const_vec::ConstVec;
use crate::typed::netpack::NetPack;
use alloc::vec::Vec;

/// A message: fixed Python `struct` parts and variable-length fields, one after
/// the other, as Python code writes them
/// (`struct.pack("!H", opcode) + filename + b"\0" + mode + b"\0"`).
///
/// `#[derive(NetPack)]` implements it for a struct with a variable field
/// (`#[netpack(len = "…")]`, `len_prefix`, `nul`, `rest`) and for tagged enums;
/// every [`NetPack`] type implements it too, as its fixed layout. `'a` is the
/// lifetime of the input a message may borrow from (`&'a [u8]`, `&'a str`
/// fields); an owned message implements `Message<'a>` for every `'a`, which is
/// what the stream readers ask for (`for<'a> Message<'a>`).
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{Message, NetPack};
///
/// /// RFC 1350 read request.
/// /// Python: struct.pack("!H", 1) + filename + b"\0" + mode + b"\0"
/// #[derive(NetPack, Debug, PartialEq)]
/// struct ReadRequest<'a> {
///     opcode: u16,
///     #[netpack(nul, max = 512)]
///     filename: &'a str,
///     #[netpack(nul, max = 8)]
///     mode: &'a str,
/// }
///
/// assert_eq!(
///     ReadRequest::PARTS,
///     r#"struct.pack("!H", opcode) + filename.encode() + b"\0" + mode.encode() + b"\0""#
/// );
/// assert_eq!(ReadRequest::MAX_SIZE, Some(2 + 513 + 9));
///
/// let wire = b"\x00\x01test.jpg\0octet\0";
/// let request = ReadRequest::decode(wire)?;
/// assert_eq!(request, ReadRequest { opcode: 1, filename: "test.jpg", mode: "octet" });
/// assert_eq!(request.encoded_len(), wire.len());
/// assert_eq!(request.encode()?, wire);
///
/// // Every NetPack type is a message of its fixed size.
/// assert_eq!(<u16 as Message>::decode_prefix(b"\x00\x07rest")?, (7, 2));
/// # Ok::<(), netpack::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `netpack::Message` here",
    label = "not a message here",
    note = "derive `NetPack` for it: a fixed layout, or a message with variable-length fields",
    note = "a stream reader and a codec (`netpack::io::read`, `MessageCodec`) hand out owned messages, `for<'a> Message<'a>`: a message with borrowed fields (`&'a [u8]`, `&'a str`) is a message only for the input it borrows from; give it owned fields (`Vec<u8>`, `String`), or decode it from a buffer or a frame's body (`Frame::message`)"
)]
pub trait Message<'a>: Sized {
    /// The parts as a Python programmer writes them, e.g.
    /// `struct.pack("!H", opcode) + filename + b"\0" + mode + b"\0"`.
    const PARTS: &'static str;

    /// The largest encoded size, or `None` when some field has no bound (no
    /// cap). Stream readers require `Some`, and never buffer more.
    const MAX_SIZE: Option<usize>;

    /// The number of bytes [`encode`](Message::encode) gives.
    fn encoded_len(&self) -> usize;

    /// Appends the encoding to `out`. On error nothing is appended.
    ///
    /// # Errors
    ///
    /// [`TooLong`](crate::ErrorKind::TooLong) for a field over its cap,
    /// [`LengthMismatch`](crate::ErrorKind::LengthMismatch) for a length field
    /// that does not hold its data's length, [`ArgRange`](crate::ErrorKind::ArgRange)
    /// for a length that does not fit its prefix's code (or a half float out of
    /// range), [`InvalidValue`](crate::ErrorKind::InvalidValue) for a NUL inside
    /// a NUL-terminated field. Each names the field.
    fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), Error>;

    /// The encoding in a new vector of exactly
    /// [`encoded_len`](Message::encoded_len) bytes.
    ///
    /// # Errors
    ///
    /// As [`encode_into`](Message::encode_into).
    ///
    /// ```
    /// use netpack::Message;
    /// assert_eq!(0x0102u16.encode()?, [1, 2]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn encode(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_into(&mut out)?;
        Ok(out)
    }

    /// Writes the encoding at the start of `buf` and returns its length; the
    /// bytes after it are left alone. A fixed layout ([`NetPack`]) is encoded in
    /// place, without allocating; a message with variable-length fields through
    /// one temporary vector.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `buf` is shorter than
    /// the encoding (nothing is written), and as
    /// [`encode_into`](Message::encode_into).
    ///
    /// ```
    /// use netpack::Message;
    /// let mut buf = [0xff; 4];
    /// assert_eq!(0x0102u16.encode_to_slice(&mut buf)?, 2);
    /// assert_eq!(buf, [1, 2, 0xff, 0xff]);
    /// assert!(0x0102_0304_0506u64.encode_to_slice(&mut buf).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn encode_to_slice(&self, buf: &mut [u8]) -> Result<usize, Error> {
        let len = self.encoded_len();
        let Some(dst) = buf.get_mut(..len) else {
            return Err(Error::buffer_too_small(len, buf.len()));
        };
        let bytes = self.encode()?;
        if bytes.len() != len {
            // `encoded_len` and `encode_into` are written together: a derived
            // type cannot disagree with itself, a hand-written one could.
            return Err(Error::buffer_too_small(bytes.len(), len));
        }
        dst.copy_from_slice(&bytes);
        Ok(len)
    }

    /// Decodes one message from the start of `buf`; returns it and the number of
    /// bytes it used. A `rest` field takes everything.
    ///
    /// # Errors
    ///
    /// For a `buf` too short, an error whose [`needed`](Error::needed) says how
    /// many bytes are needed at least (read that many and try again); for bytes
    /// that are no message, an error that names the type, the field and the
    /// byte offset.
    ///
    /// ```
    /// use netpack::Message;
    /// assert_eq!(u16::decode_prefix(&[1, 2, 3])?, (0x0102, 2));
    /// assert_eq!(u16::decode_prefix(&[1]).unwrap_err().needed(), Some(2));
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn decode_prefix(buf: &'a [u8]) -> Result<(Self, usize), Error>;

    /// Decodes exactly all of `buf`.
    ///
    /// # Errors
    ///
    /// As [`decode_prefix`](Message::decode_prefix), and
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when bytes are left over.
    ///
    /// ```
    /// use netpack::Message;
    /// assert_eq!(u16::decode(&[1, 2])?, 0x0102);
    /// assert!(u16::decode(&[1, 2, 3]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn decode(buf: &'a [u8]) -> Result<Self, Error> {
        whole(Self::decode_prefix(buf)?, buf.len(), Self::__NAME)
    }

    /// The type's name, for errors that concern the message as a whole; set by
    /// the derive.
    #[doc(hidden)]
    const __NAME: &'static str = "";

    /// Whether a message ends by itself; `false` when a `rest` field takes
    /// whatever follows, so only a frame or a datagram can delimit it.
    #[doc(hidden)]
    const __DELIMITED: bool = true;

    /// `Some(SIZE)` for a fixed layout, which streams stage on the stack and
    /// encode with [`encode_to_slice`](Message::encode_to_slice).
    #[doc(hidden)]
    const __FIXED: Option<usize> = None;

    /// Decodes one message at `pos` of `input`, the whole input of the
    /// outermost decode, with offsets in errors counted in `input`; returns it
    /// and the bytes it used. A derived message implements it (and
    /// `decode_prefix` through it), so that what it nests sees the whole
    /// input ([`FieldCodec`](crate::FieldCodec)).
    #[doc(hidden)]
    #[inline]
    fn __decode_at(input: &'a [u8], pos: usize) -> Result<(Self, usize), Error> {
        let rest = input.get(pos..).unwrap_or(&[]);
        Self::decode_prefix(rest).map_err(|e| e.shifted(pos))
    }

    /// Appends the encoding to `out`, where the outermost message being
    /// encoded began at `out[base]`.
    #[doc(hidden)]
    #[inline]
    fn __encode_at(&self, out: &mut Vec<u8>, base: usize) -> Result<(), Error> {
        let _ = base;
        self.encode_into(out)
    }
}

/// The message of `decode_prefix` when it used all `len` bytes; otherwise the
/// error of the bytes left over, naming the type `name` (if any).
pub(crate) fn whole<T>(
    (message, used): (T, usize),
    len: usize,
    name: &'static str,
) -> Result<T, Error> {
    if used == len {
        return Ok(message);
    }
    let e = Error::new(Detail::Trailing { used, len });
    Err(match name {
        "" => e,
        name => e.in_field(name, Some(used)),
    })
}

/// A message that stream readers can take: every variable-length field has a
/// bound (a `max`, or a length code of at most 16 bits) and the message ends by
/// itself (no `rest` field), so a reader knows where it ends and never buffers
/// more than [`MAX_SIZE`](Message::MAX_SIZE).
///
/// Implemented for every [`NetPack`] type, and by `#[derive(NetPack)]` for the
/// messages it can prove bounded from their attributes. [`netpack::io::read`]
/// and the tokio `MessageCodec` decoder require it.
///
/// [`netpack::io::read`]: ../netpack/io/fn.read.html
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{Capped, Message, NetPack};
///
/// #[derive(NetPack)]
/// struct Hello {
///     #[netpack(len_prefix = "I", max = 64)]
///     name: Vec<u8>,
/// }
///
/// fn reads<T: Capped + for<'a> Message<'a>>() -> usize {
///     T::MAX_SIZE.unwrap()
/// }
/// assert_eq!(reads::<Hello>(), 4 + 64);
/// assert_eq!(reads::<u16>(), 2);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no bound on its size, so a stream reader cannot take it",
    label = "a peer could make the reader buffer without limit",
    note = "give every variable-length field a cap, #[netpack(max = N)], in it and in the messages it holds; a message ending in a `rest` field can only be read as the body of a frame (FrameCodec, Frame::message)"
)]
pub trait Capped {}

// Not recommended: a message without a cap is reported as not `Capped`, not as
// not `NetPack` (which a message never is).
#[diagnostic::do_not_recommend]
impl<T: NetPack> Capped for T {}

/// A fixed layout is a message of one part.
impl<'a, T: NetPack> Message<'a> for T {
    const PARTS: &'static str = <T as FixedParts>::PARTS_TEXT.as_str();
    const MAX_SIZE: Option<usize> = Some(T::SIZE);
    const __FIXED: Option<usize> = Some(T::SIZE);

    #[inline]
    fn encoded_len(&self) -> usize {
        T::SIZE
    }

    #[inline]
    fn encode_into(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let start = out.len();
        out.resize(start + T::SIZE, 0);
        let result = self.encode_to_slice(&mut out[start..]);
        if result.is_err() {
            out.truncate(start);
        }
        result.map(|_| ())
    }

    #[inline]
    fn encode(&self) -> Result<Vec<u8>, Error> {
        let mut buf = alloc::vec![0u8; T::SIZE];
        self.encode_to_slice(&mut buf)?;
        Ok(buf)
    }

    #[inline]
    fn encode_to_slice(&self, buf: &mut [u8]) -> Result<usize, Error> {
        let len = buf.len();
        let Some(buf) = buf.get_mut(..T::SIZE) else {
            return Err(Error::pack_into_size(T::SIZE, len));
        };
        if !T::__DENSE {
            buf.fill(0);
        }
        self.__encode::<T::__Order>(buf, T::__OFFSETS)?;
        Ok(T::SIZE)
    }

    #[inline]
    fn decode_prefix(buf: &'a [u8]) -> Result<(T, usize), Error> {
        let Some(buf) = buf.get(..T::SIZE) else {
            return Err(Error::unpack_from_size(T::SIZE, buf.len()));
        };
        T::__check::<T::__Order>(buf, T::__OFFSETS)?;
        Ok((T::__decode::<T::__Order>(buf, T::__OFFSETS), T::SIZE))
    }

    #[inline]
    fn decode(buf: &'a [u8]) -> Result<T, Error> {
        if buf.len() != T::SIZE {
            return Err(Error::unpack_size(T::SIZE));
        }
        T::decode_prefix(buf).map(|(v, _)| v)
    }
}

/// The `PARTS` of a fixed layout, kept apart so it can be borrowed for `'static`.
trait FixedParts {
    const PARTS_TEXT: ConstVec<u8, 1100>;
}

impl<T: NetPack> FixedParts for T {
    const PARTS_TEXT: ConstVec<u8, 1100> = if T::__PARTS.is_empty() {
        ConstVec::joined_or_cut(&["struct.pack(\"", T::FORMAT, "\", …)"])
    } else {
        ConstVec::joined_or_cut(&[T::__PARTS])
    };
}
