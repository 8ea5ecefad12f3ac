//! The variable-length fields of a [`Message`](crate::Message): the Rust types a
//! field may have ([`Variable`]), the byte and text types a NUL terminator applies
//! to ([`ByteField`]), and [`Packed`], a borrowed run of fixed records.
//!
//! A variable field is data only: how its length is found (a length field, a
//! prefix, a NUL, the end of the input) is the field's attribute, handled by the
//! helpers in `derive_support` that the derive's output calls.

use crate::error::{Detail, Error};
use crate::typed::netpack::NetPack;
use crate::typed::shape;
use crate::wire::endian::{sealed::Sealed, BigEndian, Endian, LittleEndian};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::iter::FusedIterator;
use core::marker::PhantomData;

/// A type a variable-length message field can have: bytes (`Vec<u8>`,
/// `&'a [u8]`), text (`String`, `&'a str`, UTF-8 checked), or a sequence of fixed
/// records (`Vec<T>`, [`Packed<'a, T>`](Packed), for `T: NetPack`).
///
/// Its length is counted in bytes for bytes and text, in elements for
/// sequences.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a variable-length message field",
    label = "not a variable-length field type",
    note = "variable-length fields can be `Vec<u8>`, `&'a [u8]`, `String`, `&'a str`, `Vec<T>` or `netpack::Packed<'a, T>` for `T: NetPack`"
)]
pub trait Variable<'a>: Sized {
    /// The bytes of one element: 1 for bytes and text.
    const ELEMENT: usize;
    /// The length: bytes for bytes and text, elements for sequences.
    fn count(&self) -> usize;
    /// Appends the encoding in byte order `O`.
    fn encode<O: Endian>(&self, out: &mut Vec<u8>) -> Result<(), Error>;
    /// Decodes `count` elements from `bytes`, which holds exactly
    /// `count * ELEMENT` bytes; an error's offset is relative to `bytes`.
    fn decode<O: Endian>(bytes: &'a [u8], count: usize) -> Result<Self, Error>;
}

/// The variable fields that are bytes or text, for which a NUL terminator
/// (`#[netpack(nul)]`) means something.
#[diagnostic::on_unimplemented(
    message = "`#[netpack(nul)]` needs a byte or text field, not `{Self}`",
    label = "not bytes or text",
    note = "NUL-terminated fields can be `Vec<u8>`, `&'a [u8]`, `String` or `&'a str`"
)]
pub trait ByteField<'a>: Variable<'a> {
    /// The bytes the field encodes.
    fn as_bytes(&self) -> &[u8];
}

/// The byte and text fields: their bytes, as they are, and the value `decode`
/// makes of them (text is UTF-8 checked). `Vec<u8>` is `Vec<T>`'s, below.
macro_rules! byte_fields {
    ($($ty:ty => |$bytes:ident| $decode:expr;)*) => {$(
        impl<'a> Variable<'a> for $ty {
            const ELEMENT: usize = 1;
            #[inline]
            fn count(&self) -> usize {
                ByteField::as_bytes(self).len()
            }
            #[inline]
            fn encode<O: Endian>(&self, out: &mut Vec<u8>) -> Result<(), Error> {
                out.extend_from_slice(ByteField::as_bytes(self));
                Ok(())
            }
            #[inline]
            fn decode<O: Endian>($bytes: &'a [u8], _: usize) -> Result<Self, Error> {
                $decode
            }
        }

        impl<'a> ByteField<'a> for $ty {
            fn as_bytes(&self) -> &[u8] {
                <$ty as AsRef<[u8]>>::as_ref(self)
            }
        }
    )*};
}

byte_fields! {
    &'a [u8] => |bytes| Ok(bytes);
    &'a str => |bytes| utf8(bytes);
    String => |bytes| utf8(bytes).map(String::from);
}

/// The text in `bytes`. Inlined into every text field's decoder, with the error
/// built out of line: on a short message the call and the `Result` it returned
/// through memory cost a sixth of the decode (W5 in `benches/README.md`).
#[inline(always)]
fn utf8(bytes: &[u8]) -> Result<&str, Error> {
    match core::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => Err(not_utf8(e.valid_up_to())),
    }
}

#[cold]
#[inline(never)]
fn not_utf8(valid: usize) -> Error {
    Error::new(Detail::Utf8 { valid })
}

/// The element size of `T` in a sequence field, checked once at compile time.
const fn element_size<T: NetPack>() -> usize {
    if T::SIZE == 0 {
        panic!("netpack: a sequence field needs elements of at least one byte");
    }
    if shape::order_of_format(T::FORMAT).is_native() {
        panic!("netpack: the elements of a sequence field need a standard layout (`=`, `<`, `>` or `!`), not native `@` alignment");
    }
    T::SIZE
}

/// A sequence of fixed records in the message's byte order. `Vec<u8>` is plain
/// bytes.
impl<'a, T: NetPack> Variable<'a> for Vec<T> {
    const ELEMENT: usize = element_size::<T>();
    #[inline]
    fn count(&self) -> usize {
        self.len()
    }
    #[inline]
    fn encode<O: Endian>(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        if let Some(bytes) = T::__as_bytes(self) {
            out.extend_from_slice(bytes);
            return Ok(());
        }
        encode_records::<O, T>(self.iter(), out)
    }
    #[inline]
    fn decode<O: Endian>(bytes: &'a [u8], count: usize) -> Result<Self, Error> {
        if T::__BYTE {
            return Ok(bytes.iter().map(|&b| T::__from_byte(b)).collect());
        }
        // `bytes` holds all `count` records, so the allocation is bounded by the
        // input already received.
        let mut out = Vec::with_capacity(count);
        for (i, record) in bytes.chunks_exact(Self::ELEMENT).enumerate() {
            check_record::<O, T>(record, i)?;
            out.push(T::__decode::<O>(record, T::__OFFSETS));
        }
        Ok(out)
    }
}

impl<'a> ByteField<'a> for Vec<u8> {
    fn as_bytes(&self) -> &[u8] {
        self
    }
}

fn encode_records<'t, O: Endian, T: NetPack + 't>(
    items: impl ExactSizeIterator<Item = &'t T>,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let size = element_size::<T>();
    let start = out.len();
    out.resize(start + items.len() * size, 0);
    for (i, x) in items.enumerate() {
        let at = start + i * size;
        x.__encode::<O>(&mut out[at..at + size], T::__OFFSETS)
            .map_err(|e| e.element(i, None))?;
    }
    Ok(())
}

#[inline]
fn check_record<O: Endian, T: NetPack>(record: &[u8], index: usize) -> Result<(), Error> {
    T::__check::<O>(record, T::__OFFSETS)
        .map_err(|e| e.element(index, Some(0)).shifted(index * T::SIZE))
}

/// Whether `O` is little-endian.
const fn is_little<O: Endian>() -> bool {
    <O as Sealed>::LITTLE
}

/// A borrowed run of fixed records, each a `T`: the zero-copy form of a
/// `Vec<T>` message field. Every record was checked when the view was made, so
/// reading one cannot fail.
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{Message, NetPack, Packed};
///
/// #[derive(NetPack, Debug, PartialEq, Clone, Copy)]
/// struct Point { x: i16, y: i16 }
///
/// /// Python: struct.pack("!B", len(points)) + b"".join(struct.pack("!hh", *p) for p in points)
/// #[derive(NetPack, Debug)]
/// struct Path<'a> {
///     #[netpack(len_prefix = "B")]
///     points: Packed<'a, Point>,
/// }
///
/// let wire = b"\x02\x00\x01\x00\x02\xff\xff\x00\x00";
/// let path = Path::decode(wire)?;
/// assert_eq!(path.points.len(), 2);
/// assert_eq!(path.points.get(1), Some(Point { x: -1, y: 0 }));
/// assert_eq!(path.points.as_bytes().as_ptr(), wire[1..].as_ptr()); // no copy
/// assert_eq!(path.encode()?, wire);
/// # Ok::<(), netpack::Error>(())
/// ```
pub struct Packed<'a, T> {
    bytes: &'a [u8],
    little: bool,
    marker: PhantomData<fn() -> T>,
}

impl<'a, T: NetPack> Packed<'a, T> {
    /// A view of the records in `bytes`, in `T`'s own byte order.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `bytes.len()` is not a
    /// multiple of `T::SIZE`; [`InvalidValue`](crate::ErrorKind::InvalidValue)
    /// for a record that is no `T`.
    ///
    /// ```
    /// let ports = netpack::Packed::<u16>::new(b"\x00\x50\x01\xbb")?;
    /// assert_eq!(ports.iter().collect::<Vec<_>>(), [80, 443]);
    /// assert!(netpack::Packed::<u16>::new(b"\x00").is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn new(bytes: &'a [u8]) -> Result<Packed<'a, T>, Error> {
        let size = element_size::<T>();
        if !bytes.len().is_multiple_of(size) {
            return Err(Error::new(Detail::IterMultiple { size }));
        }
        Self::from_records::<T::__Order>(bytes)
    }

    fn from_records<O: Endian>(bytes: &'a [u8]) -> Result<Packed<'a, T>, Error> {
        for (i, record) in bytes.chunks_exact(element_size::<T>()).enumerate() {
            check_record::<O, T>(record, i)?;
        }
        Ok(Packed {
            bytes,
            little: is_little::<O>(),
            marker: PhantomData,
        })
    }

    /// The number of records.
    ///
    /// ```
    /// assert_eq!(netpack::Packed::<u16>::new(&[0; 6])?.len(), 3);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.bytes.len() / element_size::<T>()
    }

    /// Whether there are no records.
    ///
    /// ```
    /// assert!(netpack::Packed::<u16>::new(&[])?.is_empty());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Record `index`, or `None` past the end.
    ///
    /// ```
    /// let ports = netpack::Packed::<u16>::new(b"\x00\x50")?;
    /// assert_eq!((ports.get(0), ports.get(1)), (Some(80), None));
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn get(&self, index: usize) -> Option<T> {
        let size = element_size::<T>();
        let start = index.checked_mul(size)?;
        let record = self.bytes.get(start..start.checked_add(size)?)?;
        Some(self.read(record))
    }

    /// The records, in order.
    ///
    /// ```
    /// let ports = netpack::Packed::<u16>::new(b"\x00\x50\x01\xbb")?;
    /// assert_eq!(ports.iter().rev().next(), Some(443));
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn iter(&self) -> PackedIter<'a, T> {
        PackedIter {
            chunks: self.bytes.chunks_exact(element_size::<T>()),
            little: self.little,
            marker: PhantomData,
        }
    }

    /// The bytes of the records, borrowed from the input.
    ///
    /// ```
    /// let data = [0u8, 0x50];
    /// assert_eq!(netpack::Packed::<u16>::new(&data)?.as_bytes(), &data);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    fn read(&self, record: &[u8]) -> T {
        read_record(record, self.little)
    }
}

fn read_record<T: NetPack>(record: &[u8], little: bool) -> T {
    if little {
        T::__decode::<LittleEndian>(record, T::__OFFSETS)
    } else {
        T::__decode::<BigEndian>(record, T::__OFFSETS)
    }
}

impl<'a, T: NetPack> Variable<'a> for Packed<'a, T> {
    const ELEMENT: usize = element_size::<T>();
    fn count(&self) -> usize {
        self.len()
    }
    fn encode<O: Endian>(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        if self.little == is_little::<O>() {
            out.extend_from_slice(self.bytes);
            return Ok(());
        }
        let items: Vec<T> = self.iter().collect();
        encode_records::<O, T>(items.iter(), out)
    }
    fn decode<O: Endian>(bytes: &'a [u8], _: usize) -> Result<Self, Error> {
        Self::from_records::<O>(bytes)
    }
}

impl<T> Clone for Packed<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Packed<'_, T> {}

impl<T: NetPack + fmt::Debug> fmt::Debug for Packed<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: NetPack + PartialEq> PartialEq for Packed<'_, T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<'a, T: NetPack> IntoIterator for Packed<'a, T> {
    type Item = T;
    type IntoIter = PackedIter<'a, T>;
    fn into_iter(self) -> PackedIter<'a, T> {
        self.iter()
    }
}

/// The records of a [`Packed`] view, decoded one by one.
#[derive(Clone, Debug)]
pub struct PackedIter<'a, T> {
    chunks: core::slice::ChunksExact<'a, u8>,
    little: bool,
    marker: PhantomData<fn() -> T>,
}

impl<T: NetPack> Iterator for PackedIter<'_, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        let little = self.little;
        self.chunks.next().map(|r| read_record(r, little))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chunks.size_hint()
    }
}

impl<T: NetPack> DoubleEndedIterator for PackedIter<'_, T> {
    fn next_back(&mut self) -> Option<T> {
        let little = self.little;
        self.chunks.next_back().map(|r| read_record(r, little))
    }
}

impl<T: NetPack> ExactSizeIterator for PackedIter<'_, T> {}

impl<T: NetPack> FusedIterator for PackedIter<'_, T> {}
