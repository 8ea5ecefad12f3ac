//! Byte order chosen at run time: [`ByteOrder`], and [`OrderedMessage`], the
//! messages whose byte order is given when they are encoded or decoded
//! (`#[netpack(order = "runtime")]`), as Python code that builds its format
//! as `order + "IHH"` after reading a file's magic.

use crate::error::Error;
use crate::typed::netpack::NetPack;
use crate::wire::endian::{BigEndian, Endian, LittleEndian};
use alloc::vec::Vec;
use netpack_format::Order;

/// A byte order chosen at run time: what Python's `"<"` and `">"` prefixes
/// choose between.
///
/// ```
/// use netpack::{ByteOrder, Order};
///
/// assert_eq!(ByteOrder::Little.prefix(), b'<');
/// assert_eq!(Order::from(ByteOrder::Big), Order::Big);
/// assert_eq!(ByteOrder::from_order(Order::Network), ByteOrder::Big);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ByteOrder {
    /// `<`: little-endian.
    Little,
    /// `>` (and `!`): big-endian.
    Big,
}

impl ByteOrder {
    /// The target's byte order (Python's `"="`).
    #[cfg(target_endian = "little")]
    pub const NATIVE: ByteOrder = ByteOrder::Little;
    /// The target's byte order (Python's `"="`).
    #[cfg(target_endian = "big")]
    pub const NATIVE: ByteOrder = ByteOrder::Big;

    /// The Python `struct` prefix of the order: `<` or `>`.
    pub const fn prefix(self) -> u8 {
        match self {
            ByteOrder::Little => b'<',
            ByteOrder::Big => b'>',
        }
    }

    /// The byte order of a Python prefix's order (`@` and `=` are the target's).
    pub const fn from_order(order: Order) -> ByteOrder {
        if order.is_little_endian() {
            ByteOrder::Little
        } else {
            ByteOrder::Big
        }
    }

    /// The order of the typed path's `O`.
    pub(crate) const fn of<O: Endian>() -> ByteOrder {
        if <O as crate::wire::endian::sealed::Sealed>::LITTLE {
            ByteOrder::Little
        } else {
            ByteOrder::Big
        }
    }
}

impl From<ByteOrder> for Order {
    fn from(order: ByteOrder) -> Order {
        match order {
            ByteOrder::Little => Order::Little,
            ByteOrder::Big => Order::Big,
        }
    }
}

/// A message whose byte order is given when it is encoded or decoded:
/// `#[derive(NetPack)]` with `#[netpack(order = "runtime")]`, and every
/// [`NetPack`] type. The order applies to every part, nested messages
/// included; Python writes it as a prefix chosen at run time,
/// `struct.pack(order + "IIII", …)`.
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{ByteOrder, NetPack, OrderedMessage};
///
/// /// Python: struct.pack(order + "II", ts, len(data)) + data
/// #[derive(NetPack, Debug, PartialEq)]
/// #[netpack(order = "runtime")]
/// struct Record<'a> {
///     ts: u32,
///     #[netpack(len_prefix = "I", max = 1024)]
///     data: &'a [u8],
/// }
///
/// assert_eq!(Record::PARTS, r#"struct.pack(order + "II", ts, len(data)) + data"#);
/// let record = Record { ts: 1, data: b"hi" };
/// let little = record.encode_with(ByteOrder::Little)?;
/// assert_eq!(little, b"\x01\0\0\0\x02\0\0\0hi");
/// assert_eq!(Record::decode_with(&little, ByteOrder::Little)?, record);
/// assert_eq!(record.encode_with(ByteOrder::Big)?, b"\0\0\0\x01\0\0\0\x02hi");
/// # Ok::<(), netpack::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is no message whose byte order is given at run time",
    label = "its byte order is fixed",
    note = "a nested message of a message with #[netpack(order = \"runtime\")] takes the order of the message around it: give it #[netpack(order = \"runtime\")] too"
)]
pub trait OrderedMessage<'a>: Sized {
    /// The parts as a Python programmer writes them, the prefix chosen at run
    /// time being `order`: `struct.pack(order + "II", ts, len(data)) + data`.
    const PARTS: &'static str;

    /// The largest encoded size, or `None` when some field has no bound.
    const MAX_SIZE: Option<usize>;

    /// The number of bytes [`encode_with`](OrderedMessage::encode_with) gives
    /// (the same in either order).
    fn encoded_len(&self) -> usize;

    /// Appends the encoding in byte order `order` to `out`; on error nothing is
    /// appended.
    ///
    /// # Errors
    ///
    /// As [`Message::encode_into`](crate::Message::encode_into).
    fn encode_into_with(&self, out: &mut Vec<u8>, order: ByteOrder) -> Result<(), Error> {
        match order {
            ByteOrder::Little => self.__encode_in::<LittleEndian>(out),
            ByteOrder::Big => self.__encode_in::<BigEndian>(out),
        }
    }

    /// The encoding in byte order `order`.
    ///
    /// # Errors
    ///
    /// As [`Message::encode_into`](crate::Message::encode_into).
    ///
    /// ```
    /// use netpack::{ByteOrder, OrderedMessage};
    /// assert_eq!(0x0102u16.encode_with(ByteOrder::Little)?, [2, 1]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn encode_with(&self, order: ByteOrder) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_into_with(&mut out, order)?;
        Ok(out)
    }

    /// Decodes one message in byte order `order` from the start of `buf`;
    /// returns it and the number of bytes it used.
    ///
    /// # Errors
    ///
    /// As [`Message::decode_prefix`](crate::Message::decode_prefix).
    fn decode_prefix_with(buf: &'a [u8], order: ByteOrder) -> Result<(Self, usize), Error> {
        match order {
            ByteOrder::Little => Self::__decode_in::<LittleEndian>(buf),
            ByteOrder::Big => Self::__decode_in::<BigEndian>(buf),
        }
    }

    /// Decodes exactly all of `buf` in byte order `order`.
    ///
    /// # Errors
    ///
    /// As [`decode_prefix_with`](OrderedMessage::decode_prefix_with), and
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when bytes are left over.
    ///
    /// ```
    /// use netpack::{ByteOrder, OrderedMessage};
    /// assert_eq!(u16::decode_with(&[2, 1], ByteOrder::Little)?, 0x0102);
    /// assert!(u16::decode_with(&[2, 1, 0], ByteOrder::Little).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn decode_with(buf: &'a [u8], order: ByteOrder) -> Result<Self, Error> {
        let decoded = Self::decode_prefix_with(buf, order)?;
        crate::typed::message::whole(decoded, buf.len(), Self::__NAME)
    }

    /// The type's name, for errors about the message as a whole.
    #[doc(hidden)]
    const __NAME: &'static str = "";

    /// Whether a message ends by itself (no `rest` field).
    #[doc(hidden)]
    const __DELIMITED: bool = true;

    /// Appends the encoding in order `O`.
    #[doc(hidden)]
    fn __encode_in<O: Endian>(&self, out: &mut Vec<u8>) -> Result<(), Error>;

    /// Decodes in order `O`.
    #[doc(hidden)]
    fn __decode_in<O: Endian>(buf: &'a [u8]) -> Result<(Self, usize), Error>;
}

/// A fixed layout whose own order is not written takes the order it is given;
/// one whose order is written (`Be<u16>`, `#[netpack(order = "<")]`) keeps it.
impl<'a, T: NetPack> OrderedMessage<'a> for T {
    const PARTS: &'static str = <T as crate::Message<'a>>::PARTS;
    const MAX_SIZE: Option<usize> = Some(T::SIZE);

    #[inline]
    fn encoded_len(&self) -> usize {
        T::SIZE
    }

    #[inline]
    fn __encode_in<O: Endian>(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        let start = out.len();
        out.resize(start + T::SIZE, 0);
        let dst = &mut out[start..];
        let result = match T::__EXPLICIT_ORDER {
            Some(_) => self.__encode::<T::__Order>(dst, T::__OFFSETS),
            None => self.__encode::<O>(dst, T::__OFFSETS),
        };
        if result.is_err() {
            out.truncate(start);
        }
        result
    }

    #[inline]
    fn __decode_in<O: Endian>(buf: &'a [u8]) -> Result<(T, usize), Error> {
        let Some(buf) = buf.get(..T::SIZE) else {
            return Err(Error::unpack_from_size(T::SIZE, buf.len()));
        };
        if T::__EXPLICIT_ORDER.is_some() {
            T::__check::<T::__Order>(buf, T::__OFFSETS)?;
            return Ok((T::__decode::<T::__Order>(buf, T::__OFFSETS), T::SIZE));
        }
        T::__check::<O>(buf, T::__OFFSETS)?;
        Ok((T::__decode::<O>(buf, T::__OFFSETS), T::SIZE))
    }
}
