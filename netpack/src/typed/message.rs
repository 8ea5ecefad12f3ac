//! The [`Message`] trait: a type whose bytes are fixed `struct` parts and
//! variable-length fields, as Python code glues them together; every
//! [`NetPack`] type is one. Also the runtime-owned helpers the derive's output
//! calls for lengths, caps, terminators and error context.

use crate::error::{Detail, Error};
use crate::typed::shape;
use crate::typed::variable::{ByteField, Variable};
use crate::wire::codec::{self, IntRule};
use crate::NetPack;
use alloc::vec::Vec;
use byteorder::ByteOrder;
use netpack_format::{Code, Order};

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
    note = "a message with borrowed fields (`&'a [u8]`, `&'a str`) is a message only for the input it borrows from, not `for<'a>`: decode it from a buffer (or a frame's body) instead of reading it from a stream"
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

    /// Decodes one message from the start of `buf`; returns it and the number of
    /// bytes it used. A `rest` field takes everything.
    ///
    /// # Errors
    ///
    /// For a `buf` too short, an error whose [`needed`](Error::needed) says how
    /// many bytes are needed at least (read that many and try again); for bytes
    /// that are no message, an error that names the type, the field and the
    /// byte offset.
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
    /// assert_eq!(<u16 as Message>::decode(&[1, 2])?, 0x0102);
    /// assert!(<u16 as Message>::decode(&[1, 2, 3]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn decode(buf: &'a [u8]) -> Result<Self, Error> {
        let (message, used) = Self::decode_prefix(buf)?;
        if used != buf.len() {
            let e = trailing(used, buf.len());
            return Err(match Self::__NAME {
                "" => e,
                name => e.in_field(name, Some(used)),
            });
        }
        Ok(message)
    }

    /// The type's name, for errors that concern the message as a whole; set by
    /// the derive.
    #[doc(hidden)]
    const __NAME: &'static str = "";

    /// Whether a message ends by itself; `false` when a `rest` field takes
    /// whatever follows, so only a frame or a datagram can delimit it.
    #[doc(hidden)]
    const __DELIMITED: bool = true;

    /// `Some(SIZE)` for a fixed layout, which streams read and write through a
    /// stack buffer with [`__pack_fixed`](Message::__pack_fixed).
    #[doc(hidden)]
    const __FIXED: Option<usize> = None;

    /// Writes a fixed layout into exactly `__FIXED` bytes.
    #[doc(hidden)]
    fn __pack_fixed(&self, buf: &mut [u8]) -> Result<(), Error> {
        let bytes = self.encode()?;
        if bytes.len() != buf.len() {
            return Err(Error::buffer_too_small(bytes.len(), buf.len()));
        }
        buf.copy_from_slice(&bytes);
        Ok(())
    }
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
    note = "give every variable-length field a cap, #[netpack(max = N)]; a message ending in a `rest` field can only be read as the body of a frame (FrameCodec, Frame::message)"
)]
pub trait Capped {}

impl<T: NetPack> Capped for T {}

/// `Capped`, behind a lifetime: a derived message's bound on a nested message
/// type is written `for<'x> Nested: CappedVia<'x>`, which is checked where the
/// message is used rather than where its impl is written.
pub trait CappedVia<'x> {}

impl<T: Capped + ?Sized> CappedVia<'_> for T {}

/// A fixed layout is a message of one part.
impl<'a, T: NetPack> Message<'a> for T {
    const PARTS: &'static str = <T as FixedParts>::PARTS_BUF.as_str();
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
        let result = self.pack_into(&mut out[start..]);
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    #[inline]
    fn encode(&self) -> Result<Vec<u8>, Error> {
        self.try_pack()
    }

    #[inline]
    fn decode_prefix(buf: &'a [u8]) -> Result<(T, usize), Error> {
        T::unpack_from(buf).map(|v| (v, T::SIZE))
    }

    #[inline]
    fn decode(buf: &'a [u8]) -> Result<T, Error> {
        T::unpack(buf)
    }

    #[inline]
    fn __pack_fixed(&self, buf: &mut [u8]) -> Result<(), Error> {
        self.pack_into(buf)
    }
}

/// The `PARTS` of a fixed layout, kept apart so it can be borrowed for `'static`.
trait FixedParts {
    const PARTS_BUF: TextBuf;
}

impl<T: NetPack> FixedParts for T {
    const PARTS_BUF: TextBuf = TextBuf::new(&["struct.pack(\"", T::FORMAT, "\", …)"]);
}

/// Text assembled at compile time in a buffer of fixed capacity, for generic
/// types whose text length cannot be a const generic.
#[derive(Clone, Copy, Debug)]
pub struct TextBuf {
    bytes: [u8; TextBuf::CAPACITY],
    len: usize,
}

impl TextBuf {
    /// The longest text kept; longer text ends in `…`.
    pub const CAPACITY: usize = 1100;

    /// `pieces` one after the other.
    pub const fn new(pieces: &[&str]) -> TextBuf {
        let mut bytes = [0u8; TextBuf::CAPACITY];
        let mut len = 0;
        let mut i = 0;
        while i < pieces.len() {
            let piece = pieces[i].as_bytes();
            let mut k = 0;
            while k < piece.len() {
                if len == TextBuf::CAPACITY - 3 {
                    // "…" in UTF-8, after a whole character.
                    while len > 0 && bytes[len - 1] & 0xc0 == 0x80 {
                        len -= 1;
                    }
                    bytes[len] = 0xe2;
                    bytes[len + 1] = 0x80;
                    bytes[len + 2] = 0xa6;
                    return TextBuf {
                        bytes,
                        len: len + 3,
                    };
                }
                bytes[len] = piece[k];
                len += 1;
                k += 1;
            }
            i += 1;
        }
        TextBuf { bytes, len }
    }

    /// The text.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => panic!("netpack: text cut inside a character"),
        }
    }
}

/// The length of `pieces` joined.
pub const fn text_len(pieces: &[&str]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < pieces.len() {
        n += pieces[i].len();
        i += 1;
    }
    n
}

/// `pieces` joined into exactly `N` bytes (`N` from [`text_len`]).
pub const fn text<const N: usize>(pieces: &[&str]) -> [u8; N] {
    let mut out = [0u8; N];
    let mut at = 0;
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i].as_bytes();
        let mut k = 0;
        while k < piece.len() {
            out[at] = piece[k];
            at += 1;
            k += 1;
        }
        i += 1;
    }
    out
}

/// `format` without its order prefix (the body of an element's format).
pub const fn format_body(format: &str) -> &str {
    match format.as_bytes().split_first() {
        Some((_, body)) => shape::as_str(body),
        None => "",
    }
}

/// `"*"` before a field that packs several values (`struct.pack("!HI", *point)`).
pub const fn star(values: usize) -> &'static str {
    if values == 1 {
        ""
    } else {
        "*"
    }
}

/// The size of a standard-order integer code (for a length prefix).
pub const fn code_size(code: u8) -> usize {
    match Code::from_char(code) {
        Some(c) => match c.standard_size() {
            Some(n) => n,
            None => panic!("netpack: a length code must be a standard integer code"),
        },
        None => panic!("netpack: a length code must be an integer code"),
    }
}

/// The largest length a code bounds a reader to: the codes of at most two bytes.
/// Wider lengths (4 GiB and up) are no bound for a reader, so a field counted
/// by one needs `max`.
pub const fn code_bound(code: u8) -> Option<usize> {
    match code {
        b'b' => Some(127),
        b'B' => Some(255),
        b'h' => Some(32767),
        b'H' => Some(65535),
        _ => None,
    }
}

/// The most bytes a variable field takes: the smaller of its cap and the bound
/// of its length code, times the element size, plus `extra` (a terminator);
/// `None` when neither bounds it.
pub const fn field_bound(
    max: Option<usize>,
    code: Option<usize>,
    element: usize,
    extra: usize,
) -> Option<usize> {
    let count = match (max, code) {
        (Some(a), Some(b)) => {
            if a < b {
                a
            } else {
                b
            }
        }
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => return None,
    };
    match count.checked_mul(element) {
        Some(n) => n.checked_add(extra),
        None => None,
    }
}

/// The sum of the parts' bounds; `None` if any is unbounded (or the sum
/// overflows).
pub const fn sum_bounds(parts: &[Option<usize>]) -> Option<usize> {
    let mut total: usize = 0;
    let mut i = 0;
    while i < parts.len() {
        total = match parts[i] {
            Some(n) => match total.checked_add(n) {
                Some(t) => t,
                None => return None,
            },
            None => return None,
        };
        i += 1;
    }
    Some(total)
}

/// The largest of the bounds; `None` if any is unbounded.
pub const fn max_bounds(parts: &[Option<usize>]) -> Option<usize> {
    let mut most = 0;
    let mut i = 0;
    while i < parts.len() {
        match parts[i] {
            Some(n) => {
                if n > most {
                    most = n;
                }
            }
            None => return None,
        }
        i += 1;
    }
    Some(most)
}

/// The error of a field being decoded: its path and where it starts.
#[cold]
#[inline(never)]
pub fn in_field(e: Error, path: &'static str, offset: usize) -> Error {
    e.in_field(path, Some(offset))
}

/// The error of a field being encoded: its path.
#[cold]
#[inline(never)]
pub fn in_field_encoding(e: Error, path: &'static str) -> Error {
    e.in_field(path, None)
}

/// The error of a part decoded from `buf[by..]`, reported for `buf`.
#[cold]
#[inline(never)]
pub fn shifted(e: Error, by: usize) -> Error {
    e.shifted(by)
}

/// The `size` bytes of a fixed part at `pos`, or CPython's `unpack_from` error.
#[inline]
pub fn fixed(buf: &[u8], pos: usize, size: usize) -> Result<&[u8], Error> {
    match pos.checked_add(size).and_then(|end| buf.get(pos..end)) {
        Some(part) => Ok(part),
        None => Err(short(size, pos, buf.len())),
    }
}

#[cold]
fn short(size: usize, pos: usize, len: usize) -> Error {
    Error::new(Detail::UnpackFrom {
        size,
        offset: pos as isize,
        len,
    })
}

/// The input from `pos` on (empty past the end).
#[inline]
pub fn rest_of(buf: &[u8], pos: usize) -> &[u8] {
    buf.get(pos..).unwrap_or(&[])
}

/// Appends with `f`, or appends nothing when it fails.
#[inline]
pub fn encode_atomic(
    out: &mut Vec<u8>,
    f: impl FnOnce(&mut Vec<u8>) -> Result<(), Error>,
) -> Result<(), Error> {
    let start = out.len();
    let result = f(out);
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// Makes room for a fixed part of `size` zero bytes at the end of `out` and
/// returns it.
#[inline]
pub fn part(out: &mut Vec<u8>, size: usize) -> &mut [u8] {
    let start = out.len();
    out.resize(start + size, 0);
    &mut out[start..]
}

/// Writes the length `n` as integer code `code` at `buf[offset..]`, in the
/// message's order (`prefix`), or CPython's range error for the code.
#[inline]
pub fn write_length<O: ByteOrder>(
    buf: &mut [u8],
    offset: usize,
    prefix: u8,
    code: u8,
    n: usize,
) -> Result<(), Error> {
    let size = code_size(code);
    let order = match Order::from_prefix(prefix) {
        Some(order) => order,
        None => Order::Network,
    };
    let c = match Code::from_char(code) {
        Some(c) => c,
        None => Code::UShort,
    };
    let x = n as i128;
    IntRule::new(c, order, size).check(x).map_err(Error::new)?;
    codec::write_int::<O>(&mut buf[offset..offset + size], x);
    Ok(())
}

/// Reads a length written with integer code `code` at `buf[offset..]`; a
/// negative one is an error.
#[inline]
pub fn read_length<O: ByteOrder>(buf: &[u8], offset: usize, code: u8) -> Result<usize, Error> {
    let size = code_size(code);
    let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q');
    to_length(codec::read_int::<O>(&buf[offset..offset + size], signed))
}

fn to_length(value: i128) -> Result<usize, Error> {
    usize::try_from(value).map_err(|_| Error::new(Detail::BadLength { value }))
}

/// An integer field that counts a variable field (`#[netpack(len = "…")]`).
#[diagnostic::on_unimplemented(
    message = "a length field must be an integer, not `{Self}`",
    label = "named by `len = \"…\"`"
)]
pub trait Length {
    /// The value, widened.
    fn value(&self) -> i128;
}

macro_rules! length {
    ($($t:ty),*) => {$(
        impl Length for $t {
            #[inline(always)]
            fn value(&self) -> i128 {
                *self as i128
            }
        }
    )*};
}

length!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// The length a decoded length field holds.
#[inline]
pub fn length_of<L: Length>(field: &L) -> Result<usize, Error> {
    to_length(field.value())
}

/// Checks that length field `name` holds `n`, the length of its data.
#[inline]
pub fn check_length<L: Length>(field: &L, name: &'static str, n: usize) -> Result<(), Error> {
    let value = field.value();
    if value == n as i128 {
        Ok(())
    } else {
        Err(Error::new(Detail::LengthMismatch {
            field: name,
            value,
            len: n,
        }))
    }
}

/// Checks a length against a field's cap.
#[inline]
pub fn check_cap(n: usize, max: usize) -> Result<(), Error> {
    if n <= max {
        Ok(())
    } else {
        Err(Error::new(Detail::TooLong { len: n, max }))
    }
}

/// Appends a NUL-terminated field: its bytes, which must hold no NUL, then NUL.
#[inline]
pub fn encode_nul<'a, O: ByteOrder, T: ByteField<'a>>(
    field: &T,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let bytes = field.as_bytes();
    if let Some(index) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::new(Detail::InteriorNul { index }));
    }
    out.extend_from_slice(bytes);
    out.push(0);
    Ok(())
}

/// Decodes a field of `count` elements at `pos`; checks the cap before looking
/// at (or allocating for) the data. Returns the field and the bytes it took.
#[inline]
pub fn decode_counted<'a, O: ByteOrder, T: Variable<'a>>(
    buf: &'a [u8],
    pos: usize,
    count: usize,
    max: Option<usize>,
) -> Result<(T, usize), Error> {
    if let Some(max) = max {
        check_cap(count, max)?;
    }
    let Some(size) = count.checked_mul(T::ELEMENT) else {
        return Err(Error::new(Detail::BadLength {
            value: count as i128,
        }));
    };
    let bytes = fixed(buf, pos, size)?;
    let field = T::decode::<O>(bytes, count).map_err(|e| e.shifted(pos))?;
    Ok((field, size))
}

/// Decodes a NUL-terminated field at `pos`, looking no further than its cap.
/// Returns the field and the bytes it took, NUL included. Inlined into the
/// derived decoder, as a hand-written one would be (W5 in `benches/README.md`).
#[inline(always)]
pub fn decode_nul<'a, O: ByteOrder, T: ByteField<'a>>(
    buf: &'a [u8],
    pos: usize,
    max: Option<usize>,
) -> Result<(T, usize), Error> {
    let rest = buf.get(pos..).unwrap_or(&[]);
    let window = match max {
        Some(max) if max < rest.len() => &rest[..max + 1],
        _ => rest,
    };
    match window.iter().position(|&b| b == 0) {
        Some(n) => {
            let field = T::decode::<O>(&rest[..n], n).map_err(|e| e.shifted(pos))?;
            Ok((field, n + 1))
        }
        None => match max {
            Some(max) if window.len() > max => Err(Error::new(Detail::NulTooFar { max })),
            _ => Err(Error::new(Detail::NulMissing { len: buf.len() })),
        },
    }
}

/// Decodes a field that takes the rest of the input from `pos`.
#[inline]
pub fn decode_rest<'a, O: ByteOrder, T: Variable<'a>>(
    buf: &'a [u8],
    pos: usize,
    max: Option<usize>,
) -> Result<(T, usize), Error> {
    let rest = buf.get(pos..).unwrap_or(&[]);
    let size = T::ELEMENT;
    if !rest.len().is_multiple_of(size) {
        return Err(Error::new(Detail::IterMultiple { size }));
    }
    let count = rest.len() / size;
    if let Some(max) = max {
        check_cap(count, max)?;
    }
    let field = T::decode::<O>(rest, count).map_err(|e| e.shifted(pos))?;
    Ok((field, rest.len()))
}

/// The error for a tag that names no variant.
#[cold]
pub fn unknown_tag(value: i128) -> Error {
    Error::new(Detail::UnknownTag { value })
}

/// The error for bytes left after a message decoded with `decode`.
#[cold]
pub fn trailing(used: usize, len: usize) -> Error {
    Error::new(Detail::Trailing { used, len })
}
