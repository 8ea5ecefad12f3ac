//! Python's [`struct`] module in Rust, byte for byte.
//!
//! netpack reads the same format strings as CPython 3.11's `struct` module and
//! gives the same bytes, the same values and the same errors, so protocol code
//! prototyped in Python ports to Rust mechanically:
//!
//! ```
//! // Python: struct.pack("!H8sb", 1, b"test.jpg", 2)
//! let request = netpack::pack("!H8sb", &[1.into(), b"test.jpg".into(), 2.into()])?;
//! assert_eq!(request, b"\x00\x01test.jpg\x02");
//!
//! // Python: opcode, filename, mode = struct.unpack("!H8sb", request)
//! let values = netpack::unpack("!H8sb", &request)?;
//! assert_eq!(values[1].to_string(), "b'test.jpg'");
//! # Ok::<(), netpack::Error>(())
//! ```
//!
//! # Python names, Rust types
//!
//! | Python | netpack |
//! |---|---|
//! | `struct.calcsize(fmt)` | [`calcsize`] |
//! | `struct.pack(fmt, *args)` | [`pack()`] |
//! | `struct.pack_into(fmt, buf, offset, *args)` | [`pack_into`] |
//! | `struct.unpack(fmt, buf)` | [`unpack()`] |
//! | `struct.unpack_from(fmt, buf, offset)` | [`unpack_from`] |
//! | `struct.iter_unpack(fmt, buf)` | [`iter_unpack`] |
//! | `struct.Struct(fmt)` | [`Struct::new`] |
//! | `s.unpack(buf)` without copying `bytes` values | [`Struct::unpack_ref`] ([`ValueRef`]) |
//! | `numpy.frombuffer(buf, dtype)` (one array per field) | [`Struct::unpack_columns`] ([`Columns`]) |
//! | `struct.error` | [`Error`] (with an [`ErrorKind`]) |
//! | `int`, `bool`, `float`, `bytes` | [`Value`] |
//! | `struct.pack("!H", op) + name + b"\0"` | `#[derive(NetPack)]` with variable-length fields: a [`Message`] |
//! | `bitstruct.pack("u1u3u4s16", 1, 2, 3, -4)` (bit fields) | [`bits::pack`] and the rest of [`bits`] |
//!
//! # The typed side
//!
//! A Rust type with a wire layout (`#[derive(NetPack)]`, the primitives,
//! [`Le`]/[`Be`]/[`Ne`], [`PascalString`]) has one vocabulary, the methods of
//! [`Message`], and no method that panics:
//!
//! | job | method |
//! |---|---|
//! | encode into a new vector | [`encode`](Message::encode) |
//! | append to a vector | [`encode_into`](Message::encode_into) |
//! | encode into a `&mut [u8]`, without allocating for a fixed layout | [`encode_to_slice`](Message::encode_to_slice) |
//! | the encoded size | [`encoded_len`](Message::encoded_len) |
//! | decode exactly all of a buffer | [`decode`](Message::decode) |
//! | decode the start of a buffer, and how much it used | [`decode_prefix`](Message::decode_prefix) |
//! | decode a buffer of fixed records (`iter_unpack`) | [`NetPack::decode_iter`] |
//! | to and from `Value`s (`netpack::pack(T::FORMAT, …)`) | [`NetPack::to_values`], [`NetPack::from_values`] |
//!
//! Python's names (`pack`, `unpack`, `pack_into`, …) belong to the dynamic side:
//! the free functions and [`Struct`].
//!
//! # Semantics
//!
//! CPython 3.11 on the target is the reference, corner for corner: byte order
//! prefixes `@ = < > !` (only at index 0), native sizes and alignment taken from
//! the *target*'s C types, alignment relative to the struct start with no trailing
//! padding, counts (`0s`, `03h`), whitespace between items, each code's range and
//! message, `?` truthiness, `s` padding and truncation, `p` Pascal strings, `e`
//! half floats rounded straight from `f64`, NaN bit patterns as CPython writes
//! them, negative offsets. A test suite replays vectors produced by the real
//! `struct` module.
//!
//! One deliberate difference: CPython's `0p` writes a byte out of bounds and
//! crashes on unpack (python/cpython#124248). netpack treats `0p` as a zero-byte
//! item that takes one value (any bytes) and unpacks to `b''`.
//!
//! # Features
//!
//! - `std` (default): the format cache of the free functions, and
//!   `netpack::io` (messages and length-prefixed frames on `Read`/`Write`).
//! - `derive` (default): `#[derive(NetPack)]`, `pack!` and `unpack!`.
//! - `bytes`: `netpack::buf` reads and writes `NetPack` types on
//!   `bytes::Buf`/`BufMut` without panicking on short input (no `std` needed).
//! - `tokio`: `tokio_util::codec` decoders and encoders in `netpack::io`.
//! - `arrow`: `netpack::arrow` decodes records into Apache Arrow
//!   `RecordBatch`es with a schema derived from the format (needs `std`).
//!
//! Without `std` the crate is `no_std` + `alloc`; the free functions then parse
//! the format on every call (build a [`Struct`] once instead).
//!
//! [`struct`]: https://docs.python.org/3.11/library/struct.html
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// One directory per path through the crate; see each module's docs.
#[cfg(feature = "arrow")]
pub mod arrow;
pub mod bits;
mod derive_support;
mod error;
mod runtime;
mod stream;
mod typed;
mod wire;

pub mod docs;

#[cfg(feature = "bytes")]
pub use stream::buf;
#[cfg(feature = "std")]
pub use stream::io;

pub use error::{Error, ErrorKind};
pub use netpack_format::{FormatError, FormatErrorKind, Order};
pub use runtime::columns::{ByteColumn, Column, Columns, Floats};
pub use runtime::iter::{IterUnpack, IterUnpackRef};
pub use runtime::structure::Struct;
pub use runtime::value::{Value, ValueRef};
pub use typed::byte_order::{ByteOrder, OrderedMessage};
pub use typed::checksum::Checksum;
pub use typed::computed::Len;
pub use typed::field_codec::FieldCodec;
pub use typed::message::{Capped, Message};
pub use typed::netpack::{DecodeIter, NetPack};
pub use typed::ordered::{Be, Le, Ne, Reorderable};
pub use typed::pascal::PascalString;
pub use typed::variable::{Packed, PackedIter};

#[doc(hidden)]
pub use derive_support::__private;

/// Derives [`NetPack`](trait@NetPack) for a struct or a field-less enum, or
/// [`Message`] for a struct with variable-length fields and for a tagged enum.
/// Every attribute, with an example and its Python equivalent, is in
/// [`docs::derive`].
///
/// ```
/// use netpack::{Message, NetPack};
///
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Request {
///     opcode: u16,
///     filename: [u8; 8],
///     mode: i8,
/// }
///
/// assert_eq!(Request::FORMAT, "!H8sb");
/// assert_eq!(Request::SIZE, 11);
/// let request = Request { opcode: 1, filename: *b"test.jpg", mode: 2 };
/// // Python: struct.pack("!H8sb", 1, b"test.jpg", 2)
/// assert_eq!(request.encode()?, b"\x00\x01test.jpg\x02");
/// assert_eq!(Request::decode(b"\x00\x01test.jpg\x02")?, request);
/// # Ok::<(), netpack::Error>(())
/// ```
#[cfg(feature = "derive")]
pub use netpack_derive::NetPack;

/// Packs values with a literal format, checked at compile time, into an array.
///
/// ```
/// // Python: struct.pack("!H8sb", 1, b"test.jpg", 2)
/// let bytes: [u8; 11] = netpack::pack!("!H8sb", 1, b"test.jpg", 2);
/// assert_eq!(&bytes, b"\x00\x01test.jpg\x02");
///
/// // With an `e` the result is a `Result`: 1e6 has no half float (OverflowError).
/// assert_eq!(netpack::pack!("<e", 1.5)?, [0x00, 0x3e]);
/// let err = netpack::pack!("<e", 1e6).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "float too large to pack with e format (argument 0, 'e' at format position 1)"
/// );
/// # Ok::<(), netpack::Error>(())
/// ```
///
/// `s` and `p` take bytes, not text, as in Python:
///
/// ```compile_fail
/// let _ = netpack::pack!("!3s", "abc"); // pack! packs bytes for 's', not text: write b"abc"
/// ```
#[cfg(feature = "derive")]
pub use netpack_derive::pack;

/// Unpacks a buffer with a literal format, checked at compile time, into a tuple.
///
/// ```
/// // Python: struct.unpack("!H8sb", b"\x00\x01test.jpg\x02")
/// let (opcode, filename, mode) = netpack::unpack!("!H8sb", b"\x00\x01test.jpg\x02")?;
/// assert_eq!((opcode, &filename, mode), (1, b"test.jpg", 2));
///
/// // A slice of the wrong size is an error, as in Python...
/// assert!(netpack::unpack!("!H", &[0u8; 3][..]).is_err());
/// # Ok::<(), netpack::Error>(())
/// ```
///
/// ...and a byte array or byte string of the wrong size does not compile:
///
/// ```compile_fail,E0277
/// let _ = netpack::unpack!("!H", [0u8; 3]); // unpack! needs exactly 2 bytes for this format
/// ```
#[cfg(feature = "derive")]
pub use netpack_derive::unpack;

use alloc::vec::Vec;
use runtime::iter::Compiled;

/// Runs `f` with the compiled form of `format`: from the process-wide cache
/// with `std`, parsed afresh without.
fn with_struct<R>(format: &str, f: impl FnOnce(&Struct) -> Result<R, Error>) -> Result<R, Error> {
    #[cfg(feature = "std")]
    {
        runtime::cache::with_compiled(format, f)
    }
    #[cfg(not(feature = "std"))]
    {
        f(&Struct::new(format)?)
    }
}

/// The packed size of `format`: Python's `struct.calcsize`.
///
/// # Errors
///
/// [`ErrorKind::BadFormat`] or [`ErrorKind::FormatTooLarge`] when the format is
/// rejected.
///
/// ```
/// assert_eq!(netpack::calcsize("!H8sb")?, 11);
/// assert_eq!(netpack::calcsize("@b0l")?, 8); // a zero-count item still aligns
/// assert_eq!(netpack::calcsize("4294967295s4294967295s")?, 8_589_934_590);
/// assert!(netpack::calcsize("3").is_err());
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn calcsize(format: &str) -> Result<usize, Error> {
    Ok(netpack_format::calcsize(format.as_bytes())?)
}

/// Packs `args` according to `format`: Python's `struct.pack`.
///
/// # Errors
///
/// As [`Struct::new`] and [`Struct::pack`].
///
/// ```
/// use netpack::ErrorKind;
///
/// assert_eq!(netpack::pack("<hq", &[(-1).into(), 2.into()])?, b"\xff\xff\x02\0\0\0\0\0\0\0");
/// assert_eq!(netpack::pack("B", &[256.into()]).unwrap_err().kind(), ErrorKind::ArgRange);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn pack(format: &str, args: &[Value]) -> Result<Vec<u8>, Error> {
    with_struct(format, |s| s.pack(args))
}

/// Packs `args` into `buf` at `offset`: Python's `struct.pack_into`.
///
/// # Errors
///
/// As [`Struct::new`] and [`Struct::pack_into`].
///
/// ```
/// let mut buf = [0xffu8; 6];
/// netpack::pack_into(">H", &mut buf, 2, &[0x0102.into()])?;
/// assert_eq!(buf, [0xff, 0xff, 1, 2, 0xff, 0xff]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn pack_into(format: &str, buf: &mut [u8], offset: isize, args: &[Value]) -> Result<(), Error> {
    with_struct(format, |s| s.pack_into(buf, offset, args))
}

/// Unpacks `buf`, which must be exactly `calcsize(format)` bytes: Python's
/// `struct.unpack`.
///
/// # Errors
///
/// As [`Struct::new`] and [`Struct::unpack`].
///
/// ```
/// use netpack::Value;
/// assert_eq!(netpack::unpack("!H", b"\x01\x02")?, [Value::Int(258)]);
/// assert!(netpack::unpack("!H", b"\x01").is_err());
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn unpack(format: &str, buf: &[u8]) -> Result<Vec<Value>, Error> {
    with_struct(format, |s| s.unpack(buf))
}

/// Unpacks `calcsize(format)` bytes of `buf` from `offset`: Python's
/// `struct.unpack_from`.
///
/// # Errors
///
/// As [`Struct::new`] and [`Struct::unpack_from`].
///
/// ```
/// use netpack::Value;
/// assert_eq!(netpack::unpack_from("<H", b"\x00\x01\x02", 1)?, [Value::Int(0x0201)]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn unpack_from(format: &str, buf: &[u8], offset: isize) -> Result<Vec<Value>, Error> {
    with_struct(format, |s| s.unpack_from(buf, offset))
}

/// Iterates over the records of `buf`: Python's `struct.iter_unpack`.
///
/// # Errors
///
/// As [`Struct::new`] and [`Struct::iter_unpack`].
///
/// ```
/// use netpack::Value;
/// let mut ints = Vec::new();
/// for record in netpack::iter_unpack(">h", b"\x00\x01\xff\xff")? {
///     ints.push(record?[0].as_int().unwrap());
/// }
/// assert_eq!(ints, [1, -1]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn iter_unpack<'a>(format: &str, buf: &'a [u8]) -> Result<IterUnpack<'a>, Error> {
    with_struct(format, |s| {
        IterUnpack::new(Compiled::Owned(s.try_clone()?), buf)
    })
}

/// The README's examples, compiled and run as doc-tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
