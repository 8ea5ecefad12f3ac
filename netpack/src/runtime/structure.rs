//! [`Struct`]: a format parsed once into a flat plan of operations, then packed and
//! unpacked many times, as Python's `struct.Struct`.

use crate::error::{Detail, Error};
use crate::runtime::iter::{Compiled, IterUnpack, IterUnpackRef};
use crate::runtime::plan::{self, Plan};
use crate::runtime::value::{Value, ValueRef};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use netpack_format::Order;

/// A compiled format string: Python's `struct.Struct`.
///
/// Parse once with [`Struct::new`], then pack and unpack any number of times
/// without re-reading the format.
///
/// ```
/// use netpack::{Struct, Value};
///
/// let request = Struct::new("!H8sb")?;
/// assert_eq!(request.size(), 11);
/// let bytes = request.pack(&[1.into(), b"test.jpg".into(), 2.into()])?;
/// assert_eq!(bytes, b"\x00\x01test.jpg\x02");
/// assert_eq!(
///     request.unpack(&bytes)?,
///     [Value::Int(1), Value::Bytes(b"test.jpg".to_vec()), Value::Int(2)]
/// );
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone)]
pub struct Struct {
    format: Box<str>,
    order: Order,
    size: usize,
    values: usize,
    plan: Plan,
}

impl Struct {
    /// Parses `format` as CPython's `struct.Struct(format)` does.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::BadFormat`](crate::ErrorKind::BadFormat) for a malformed
    /// format and [`ErrorKind::FormatTooLarge`](crate::ErrorKind::FormatTooLarge)
    /// when it describes more than `isize::MAX` bytes.
    ///
    /// ```
    /// use netpack::{ErrorKind, Struct};
    ///
    /// assert_eq!(Struct::new("@qb")?.size(), 9);
    /// assert_eq!(Struct::new("<n").unwrap_err().kind(), ErrorKind::BadFormat);
    /// assert_eq!(Struct::new("9223372036854775807s1s").unwrap_err().kind(), ErrorKind::FormatTooLarge);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn new(format: &str) -> Result<Struct, Error> {
        let (plan, summary) = Plan::compile(format.as_bytes())?;
        let mut copy = String::new();
        copy.try_reserve_exact(format.len())
            .map_err(|_| Error::new(Detail::NoMemory { size: summary.size }))?;
        copy.push_str(format);
        Ok(Struct {
            format: copy.into_boxed_str(),
            order: summary.order,
            size: summary.size,
            values: summary.values,
            plan,
        })
    }

    /// The format string, as given.
    ///
    /// ```
    /// assert_eq!(netpack::Struct::new("<h")?.format(), "<h");
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn format(&self) -> &str {
        &self.format
    }

    /// The packed size in bytes (Python's `Struct.size`).
    ///
    /// ```
    /// assert_eq!(netpack::Struct::new("@?HIhqfd")?.size(), 40);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn size(&self) -> usize {
        self.size
    }

    /// The byte order and mode selected by the format's prefix.
    ///
    /// ```
    /// assert_eq!(netpack::Struct::new("!I")?.order(), netpack::Order::Network);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn order(&self) -> Order {
        self.order
    }

    /// How many values [`pack`](Struct::pack) takes and [`unpack`](Struct::unpack)
    /// gives.
    ///
    /// ```
    /// assert_eq!(netpack::Struct::new("3h8s4x")?.values(), 4);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn values(&self) -> usize {
        self.values
    }

    /// Packs `args` into a new buffer of [`size`](Struct::size) bytes.
    ///
    /// # Errors
    ///
    /// [`ArgCount`](crate::ErrorKind::ArgCount) when `args` does not hold exactly
    /// [`values`](Struct::values) items; [`ArgType`](crate::ErrorKind::ArgType) and
    /// [`ArgRange`](crate::ErrorKind::ArgRange) for the first value that does not
    /// fit its code.
    ///
    /// ```
    /// use netpack::{ErrorKind, Struct};
    ///
    /// let s = Struct::new("<hH")?;
    /// assert_eq!(s.pack(&[(-2).into(), 513.into()])?, [0xfe, 0xff, 0x01, 0x02]);
    /// assert_eq!(s.pack(&[1.into()]).unwrap_err().kind(), ErrorKind::ArgCount);
    /// assert_eq!(s.pack(&[1.into(), (-1).into()]).unwrap_err().kind(), ErrorKind::ArgRange);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack(&self, args: &[Value]) -> Result<Vec<u8>, Error> {
        self.check_args(args, false)?;
        let mut buf = Vec::new();
        buf.try_reserve_exact(self.size)
            .map_err(|_| Error::new(Detail::NoMemory { size: self.size }))?;
        buf.resize(self.size, 0);
        self.encode(&mut buf, args)?;
        Ok(buf)
    }

    /// Packs `args` into `buf` at `offset`, as Python's `pack_into`: a negative
    /// offset counts from the end of `buf`, and the packed region is zeroed first.
    ///
    /// On a refused value the buffer holds exactly what CPython's holds: the
    /// region zeroed, the values before the refused one packed, and for a
    /// standard-size `q`/`Q` too large for 8 bytes its low 8 bytes (CPython's
    /// `_PyLong_AsByteArray` writes them before it raises).
    ///
    /// # Errors
    ///
    /// As [`pack`](Struct::pack), and [`BufferSize`](crate::ErrorKind::BufferSize) /
    /// [`OffsetOutOfRange`](crate::ErrorKind::OffsetOutOfRange) when the region does
    /// not fit in `buf`.
    ///
    /// ```
    /// let s = netpack::Struct::new(">H")?;
    /// let mut buf = [0xaa; 4];
    /// s.pack_into(&mut buf, -2, &[0x0102.into()])?;
    /// assert_eq!(buf, [0xaa, 0xaa, 0x01, 0x02]);
    /// assert!(s.pack_into(&mut buf, 3, &[1.into()]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack_into(&self, buf: &mut [u8], offset: isize, args: &[Value]) -> Result<(), Error> {
        self.check_args(args, true)?;
        let start = self.start(buf.len(), offset, Access::Pack)?;
        let region = &mut buf[start..start + self.size];
        region.fill(0);
        self.encode(region, args)
    }

    /// Unpacks exactly [`size`](Struct::size) bytes into values.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) unless `buf.len() == size()`.
    ///
    /// ```
    /// use netpack::Value;
    /// let s = netpack::Struct::new("<?e")?;
    /// assert_eq!(s.unpack(&[2, 0x00, 0x3c])?, [Value::Bool(true), Value::Float(1.0)]);
    /// assert!(s.unpack(&[0; 4]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack(&self, buf: &[u8]) -> Result<Vec<Value>, Error> {
        if buf.len() != self.size {
            return Err(Error::new(Detail::Unpack { size: self.size }));
        }
        let mut out = Vec::new();
        self.decode(buf, &mut out)?;
        Ok(out)
    }

    /// Unpacks [`size`](Struct::size) bytes of `buf` starting at `offset`, as
    /// Python's `unpack_from`: a negative offset counts from the end, and bytes
    /// after the struct are ignored.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when fewer than `size()` bytes
    /// follow the offset, [`OffsetOutOfRange`](crate::ErrorKind::OffsetOutOfRange)
    /// when a negative offset reaches before the buffer.
    ///
    /// ```
    /// use netpack::Value;
    /// let s = netpack::Struct::new("B")?;
    /// assert_eq!(s.unpack_from(b"abc", -1)?, [Value::Int(99)]);
    /// assert!(s.unpack_from(b"abc", 3).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_from(&self, buf: &[u8], offset: isize) -> Result<Vec<Value>, Error> {
        let region = self.region(buf, offset)?;
        let mut out = Vec::new();
        self.decode(region, &mut out)?;
        Ok(out)
    }

    /// Iterates over consecutive records filling all of `buf`, as Python's
    /// `iter_unpack`.
    ///
    /// Each record is a `Vec<Value>` (an `Err` only when memory runs out);
    /// [`IterUnpack::next_into`] reuses one vector instead, and
    /// [`iter_unpack_ref`](Struct::iter_unpack_ref) borrows the bytes. For bulk
    /// data, [`unpack_columns`](Struct::unpack_columns) decodes into one typed
    /// vector per value, and a derived type's
    /// [`NetPack::decode_iter`](crate::NetPack::decode_iter) decodes without
    /// `Value`s.
    ///
    /// # Errors
    ///
    /// [`ZeroSizeIter`](crate::ErrorKind::ZeroSizeIter) for a format of size 0,
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `buf.len()` is not a
    /// multiple of the size.
    ///
    /// ```
    /// use netpack::Value;
    /// let s = netpack::Struct::new("<H")?;
    /// let records: Vec<_> = s.iter_unpack(&[1, 0, 2, 0])?.collect::<Result<_, _>>()?;
    /// assert_eq!(records, [[Value::Int(1)], [Value::Int(2)]]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn iter_unpack<'a>(&'a self, buf: &'a [u8]) -> Result<IterUnpack<'a>, Error> {
        IterUnpack::new(Compiled::Borrowed(self), buf)
    }

    /// Iterates over consecutive records filling all of `buf`, as
    /// [`iter_unpack`](Struct::iter_unpack), with values that borrow their bytes
    /// from `buf`. [`IterUnpackRef::next_ref`] decodes records a batch at a time
    /// (up to 512 values) into a vector the iterator keeps and lends each record
    /// from it, so a loop allocates nothing after the first record.
    ///
    /// # Errors
    ///
    /// As [`iter_unpack`](Struct::iter_unpack).
    ///
    /// ```
    /// use netpack::ValueRef;
    /// let s = netpack::Struct::new("<H2s")?;
    /// let mut records = s.iter_unpack_ref(b"\x01\x00ab\x02\x00cd")?;
    /// let mut names = Vec::new();
    /// while let Some(record) = records.next_ref()? {
    ///     if let [ValueRef::Int(_), ValueRef::Bytes(name)] = record {
    ///         names.push(*name);
    ///     }
    /// }
    /// assert_eq!(names, [b"ab", b"cd"]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn iter_unpack_ref<'a>(&'a self, buf: &'a [u8]) -> Result<IterUnpackRef<'a>, Error> {
        IterUnpackRef::new(Compiled::Borrowed(self), buf)
    }

    /// Unpacks exactly [`size`](Struct::size) bytes into values that borrow their
    /// bytes from `buf`: as [`unpack`](Struct::unpack), but `c`, `s` and `p` give
    /// slices of `buf` instead of new vectors.
    ///
    /// # Errors
    ///
    /// As [`unpack`](Struct::unpack).
    ///
    /// ```
    /// use netpack::ValueRef;
    /// let s = netpack::Struct::new("!H8sb")?;
    /// let values = s.unpack_ref(b"\x00\x01test.jpg\x02")?;
    /// assert_eq!(values, [ValueRef::Int(1), ValueRef::Bytes(b"test.jpg"), ValueRef::Int(2)]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_ref<'a>(&self, buf: &'a [u8]) -> Result<Vec<ValueRef<'a>>, Error> {
        let mut out = Vec::new();
        self.unpack_ref_into(buf, &mut out)?;
        Ok(out)
    }

    /// Unpacks [`size`](Struct::size) bytes of `buf` from `offset` into borrowed
    /// values: as [`unpack_from`](Struct::unpack_from), without allocating for
    /// `c`, `s` and `p`.
    ///
    /// # Errors
    ///
    /// As [`unpack_from`](Struct::unpack_from).
    ///
    /// ```
    /// use netpack::ValueRef;
    /// let s = netpack::Struct::new("c")?;
    /// assert_eq!(s.unpack_from_ref(b"abc", -1)?, [ValueRef::Bytes(b"c")]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_from_ref<'a>(
        &self,
        buf: &'a [u8],
        offset: isize,
    ) -> Result<Vec<ValueRef<'a>>, Error> {
        let region = self.region(buf, offset)?;
        let mut out = Vec::new();
        self.plan.decode(region, &mut out)?;
        Ok(out)
    }

    /// Unpacks exactly [`size`](Struct::size) bytes into borrowed values, replacing
    /// the contents of `out`: with a reused vector, no allocation at all, whatever
    /// the format.
    ///
    /// # Errors
    ///
    /// As [`unpack`](Struct::unpack).
    ///
    /// ```
    /// use netpack::ValueRef;
    /// let s = netpack::Struct::new("<h3s")?;
    /// let data = b"\x01\x00abc\xff\xffxyz";
    /// let mut values = Vec::new();
    /// for record in data.chunks(s.size()) {
    ///     s.unpack_ref_into(record, &mut values)?;
    ///     assert!(matches!(values[..], [ValueRef::Int(1 | -1), ValueRef::Bytes(_)]));
    /// }
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_ref_into<'a>(
        &self,
        buf: &'a [u8],
        out: &mut Vec<ValueRef<'a>>,
    ) -> Result<(), Error> {
        if buf.len() != self.size {
            return Err(Error::new(Detail::Unpack { size: self.size }));
        }
        out.clear();
        self.plan.decode(buf, out)
    }

    /// Unpacks exactly [`size`](Struct::size) bytes, appending the values to `out`
    /// (which is cleared first), so a loop can reuse one vector.
    ///
    /// ```
    /// use netpack::Value;
    /// let s = netpack::Struct::new("<Ih")?;
    /// let mut values = Vec::new();
    /// for record in [[1, 0, 0, 0, 0xff, 0xff], [2, 0, 0, 0, 5, 0]] {
    ///     s.unpack_into(&record, &mut values)?;
    ///     assert!(matches!(values[0], Value::Int(1 | 2)));
    /// }
    /// # Ok::<(), netpack::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`unpack`](Struct::unpack).
    pub fn unpack_into(&self, buf: &[u8], out: &mut Vec<Value>) -> Result<(), Error> {
        if buf.len() != self.size {
            return Err(Error::new(Detail::Unpack { size: self.size }));
        }
        out.clear();
        self.decode(buf, out)
    }

    /// The `size()` bytes of `buf` that `unpack_from(buf, offset)` reads.
    pub(crate) fn region<'b>(&self, buf: &'b [u8], offset: isize) -> Result<&'b [u8], Error> {
        let start = self.start(buf.len(), offset, Access::Unpack)?;
        Ok(&buf[start..start + self.size])
    }

    /// Where the struct starts in a buffer of `len` bytes when placed at `offset`,
    /// with CPython's rules and messages: a negative offset counts from the end,
    /// and must leave room for the struct before the end and reach no further
    /// back than the start.
    fn start(&self, len: usize, offset: isize, access: Access) -> Result<usize, Error> {
        // Buffers and sizes are at most isize::MAX bytes, so none of this overflows.
        let size = self.size as isize;
        let mut start = offset;
        if start < 0 {
            if start + size > 0 {
                let detail = match access {
                    Access::Pack => Detail::NoSpace {
                        size: self.size,
                        offset,
                    },
                    Access::Unpack => Detail::NotEnoughData {
                        size: self.size,
                        offset,
                    },
                };
                return Err(Error::new(detail));
            }
            if start + (len as isize) < 0 {
                return Err(Error::new(Detail::OffsetRange { offset, len }));
            }
            start += len as isize;
        }
        if (len as isize) - start < size {
            let (size, offset) = (self.size, start);
            let detail = match access {
                Access::Pack => Detail::PackInto { size, offset, len },
                Access::Unpack => Detail::UnpackFrom { size, offset, len },
            };
            return Err(Error::new(detail));
        }
        Ok(start as usize)
    }

    fn check_args(&self, args: &[Value], into: bool) -> Result<(), Error> {
        if args.len() == self.values {
            Ok(())
        } else {
            Err(Error::new(Detail::ArgCount {
                expected: self.values,
                got: args.len(),
                into,
            }))
        }
    }

    /// Encodes `args` (already counted) into `buf` (exactly `size` zeroed bytes).
    fn encode(&self, buf: &mut [u8], args: &[Value]) -> Result<(), Error> {
        self.plan
            .encode(buf, args)
            .map_err(|k| plan::refusal(&self.format, k, &args[k]))
    }

    /// Decodes all values of `buf` (exactly `size` bytes) onto `out`; an error only
    /// when memory runs out.
    pub(crate) fn decode<'a, V: plan::Decoded<'a>>(
        &self,
        buf: &'a [u8],
        out: &mut Vec<V>,
    ) -> Result<(), Error> {
        self.plan.decode(buf, out)
    }

    /// The compiled plan.
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    /// A copy whose allocations (the format and the plan) are fallible.
    pub(crate) fn try_clone(&self) -> Result<Struct, Error> {
        let no_memory = || Error::new(Detail::NoMemory { size: self.size });
        let mut format = String::new();
        format
            .try_reserve_exact(self.format.len())
            .map_err(|_| no_memory())?;
        format.push_str(&self.format);
        Ok(Struct {
            format: format.into_boxed_str(),
            order: self.order,
            size: self.size,
            values: self.values,
            plan: self.plan.try_clone().ok_or_else(no_memory)?,
        })
    }
}

/// Whether a buffer is being packed into or unpacked from (their messages differ).
#[derive(Clone, Copy)]
enum Access {
    Pack,
    Unpack,
}

impl fmt::Debug for Struct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Struct")
            .field("format", &self.format)
            .field("size", &self.size)
            .finish()
    }
}

/// Two `Struct`s are equal when their format strings are.
impl PartialEq for Struct {
    fn eq(&self, other: &Struct) -> bool {
        self.format == other.format
    }
}

impl Eq for Struct {}

impl core::hash::Hash for Struct {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.format.hash(state)
    }
}

impl core::str::FromStr for Struct {
    type Err = Error;

    /// As [`Struct::new`].
    ///
    /// ```
    /// let s: netpack::Struct = "<I".parse()?;
    /// assert_eq!(s.size(), 4);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    fn from_str(format: &str) -> Result<Struct, Error> {
        Struct::new(format)
    }
}
