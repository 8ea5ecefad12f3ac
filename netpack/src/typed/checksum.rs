//! [`Checksum`]: a checksum field that the codec computes and verifies.

use core::marker::PhantomData;

/// A checksum field the user never fills in:
/// `#[netpack(checksum = "crc32")]` (or `"internet"`, RFC 1071, or a function's
/// path) computes it on encode over the bytes it covers and writes it as a `T`;
/// decode computes it again and compares, a mismatch being a
/// [`BadChecksum`](crate::ErrorKind::BadChecksum) error. The bytes covered are
/// the message's up to the checksum by default, or `over = "first..=last"`
/// (field names, either end left out for the message's own); a checksum inside
/// its range counts as zero bytes, as RFC 1071 has it. The value holds
/// nothing, so a decoded message compares equal to the one encoded.
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{Checksum, Len, Message, NetPack};
///
/// /// A PNG chunk. Python:
/// /// struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Chunk<'a> {
///     length: Len<u32>,
///     kind: [u8; 4],
///     #[netpack(len = "length", max = 65536)]
///     data: &'a [u8],
///     #[netpack(checksum = "crc32", over = "kind..")]
///     crc: Checksum<u32>,
/// }
///
/// let chunk = Chunk { length: Len::new(), kind: *b"IEND", data: b"", crc: Checksum::new() };
/// let wire = chunk.encode()?;
/// assert_eq!(wire, b"\0\0\0\0IEND\xae\x42\x60\x82");
/// assert_eq!(Chunk::decode(&wire)?, chunk);
///
/// let mut bad = wire.clone();
/// bad[11] ^= 1;
/// let err = Chunk::decode(&bad).unwrap_err();
/// assert_eq!(err.kind(), netpack::ErrorKind::BadChecksum);
/// assert_eq!(err.offset(), Some(8));
/// # Ok::<(), netpack::Error>(())
/// ```
pub struct Checksum<T>(PhantomData<fn() -> T>);

impl<T> Checksum<T> {
    /// The checksum field, to be computed when encoding.
    pub const fn new() -> Checksum<T> {
        Checksum(PhantomData)
    }
}

crate::typed::computed::computed_field!(Checksum);
