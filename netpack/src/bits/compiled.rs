//! [`CompiledFormat`]: a bit format parsed once, as bitstruct's `compile(fmt)`.

use crate::bits::plan::Plan;
use crate::error::{Detail, Error};
use crate::Value;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use netpack_format::bits::{ByteOrder, Item, Parser};

/// A compiled bit format: bitstruct's `CompiledFormat`, made by
/// [`bits::compile`](crate::bits::compile) or [`CompiledFormat::new`].
///
/// The format is parsed once into one op per field, with where each field
/// lies in the format's 64-bit words. From a whole byte, a field inside one
/// word is shifted out of it (each word loaded once) and packs into a word in
/// a register (each value converted once, each word stored once); other fields
/// are read and written through 64-bit windows. A loop over many records can
/// reuse one vector with [`unpack_into`](CompiledFormat::unpack_into).
///
/// ```
/// use netpack::bits::CompiledFormat;
/// use netpack::Value;
///
/// // Python: cf = bitstruct.compile("u4u4u6u2u16"); cf.pack(4, 5, 0, 0, 40)
/// let cf = CompiledFormat::new("u4u4u6u2u16")?;
/// assert_eq!(cf.calcsize(), 32);
/// let word = cf.pack(&[4.into(), 5.into(), 0.into(), 0.into(), 40.into()])?;
/// assert_eq!(word, b"\x45\x00\x00\x28");
/// assert_eq!(cf.unpack(&word)?[1], Value::Int(5));
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone)]
pub struct CompiledFormat {
    format: Box<str>,
    plan: Plan,
}

impl CompiledFormat {
    /// Parses `format` as bitstruct's `compile(format)` does.
    ///
    /// # Errors
    ///
    /// [`BadFormat`](crate::ErrorKind::BadFormat) for a malformed format (with
    /// bitstruct's message: `bad format 'u8x'`, `bad char 'x' in format`), and
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) beyond
    /// [`MAX_BITS`](super::MAX_BITS) bits.
    ///
    /// ```
    /// use netpack::bits::CompiledFormat;
    /// use netpack::ErrorKind;
    ///
    /// let err = CompiledFormat::new("u1x2").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::BadFormat);
    /// assert_eq!(err.to_string(), "bad char 'x' in format (at format position 2)");
    /// ```
    pub fn new(format: &str) -> Result<CompiledFormat, Error> {
        let plan = Plan::compile(format)?;
        let mut copy = String::new();
        copy.try_reserve_exact(format.len())
            .map_err(|_| Error::new(Detail::NoMemory { size: format.len() }))?;
        copy.push_str(format);
        Ok(CompiledFormat {
            format: copy.into_boxed_str(),
            plan,
        })
    }

    /// A copy, or an error when memory for it runs out (`Clone` aborts then).
    ///
    /// # Errors
    ///
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the copy
    /// cannot be allocated.
    ///
    /// ```
    /// let cf = netpack::bits::compile("u8")?;
    /// assert_eq!(cf.try_clone()?.format(), "u8");
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn try_clone(&self) -> Result<CompiledFormat, Error> {
        let size = self.plan.summary().bytes();
        let no_memory = || Error::new(Detail::NoMemory { size });
        let plan = self.plan.try_clone().ok_or_else(no_memory)?;
        let mut copy = String::new();
        copy.try_reserve_exact(self.format.len())
            .map_err(|_| no_memory())?;
        copy.push_str(&self.format);
        Ok(CompiledFormat {
            format: copy.into_boxed_str(),
            plan,
        })
    }

    /// The format, as given.
    ///
    /// ```
    /// assert_eq!(netpack::bits::compile("u1 u7<")?.format(), "u1 u7<");
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn format(&self) -> &str {
        &self.format
    }

    /// The length of the format in bits: bitstruct's `calcsize()`.
    ///
    /// ```
    /// assert_eq!(netpack::bits::compile("u1s3p4")?.calcsize(), 8);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn calcsize(&self) -> usize {
        self.plan.summary().bits
    }

    /// How many values [`pack`](CompiledFormat::pack) takes and
    /// [`unpack`](CompiledFormat::unpack) gives (padding takes none).
    ///
    /// ```
    /// assert_eq!(netpack::bits::compile("u1p3u4P8")?.values(), 2);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn values(&self) -> usize {
        self.plan.summary().values
    }

    /// The byte order the format's suffix selects.
    ///
    /// ```
    /// use netpack::bits::ByteOrder;
    /// assert_eq!(netpack::bits::compile("u16<")?.byte_order(), ByteOrder::Little);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn byte_order(&self) -> ByteOrder {
        self.plan.summary().byte_order
    }

    /// The fields, laid out (the same items `netpack-format` gives).
    ///
    /// ```
    /// let cf = netpack::bits::compile("u4u4u8")?;
    /// let offsets: Vec<usize> = cf.items().map(|item| item.offset).collect();
    /// assert_eq!(offsets, [0, 4, 8]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn items(&self) -> impl Iterator<Item = Item> + '_ {
        // The format parsed when it was compiled: every item parses again.
        Parser::new(self.format.as_bytes())
            .into_iter()
            .flatten()
            .map_while(Result::ok)
    }

    /// Packs `args` (bitstruct: `cf.pack(*args)`): the fields one after the
    /// other from the first bit, the last byte padded with zeros.
    ///
    /// As in bitstruct, values after the ones the format takes are ignored, and
    /// a raw or text value shorter than its field packs only the field's whole
    /// bytes (so the fields after it move up, and the result can be shorter than
    /// `calcsize()` bits).
    ///
    /// # Errors
    ///
    /// [`ArgCount`](crate::ErrorKind::ArgCount) when there are fewer values than
    /// fields; [`ArgType`](crate::ErrorKind::ArgType) and
    /// [`ArgRange`](crate::ErrorKind::ArgRange) for the first value its field
    /// refuses, with bitstruct's message (`"u4" requires 0 <= integer <= 15 (got
    /// 16)`), the argument and the field.
    ///
    /// ```
    /// use netpack::ErrorKind;
    ///
    /// let cf = netpack::bits::compile("u1u3u4s16")?;
    /// // Python: bitstruct.pack("u1u3u4s16", 1, 2, 3, -4)
    /// assert_eq!(cf.pack(&[1.into(), 2.into(), 3.into(), (-4).into()])?, b"\xa3\xff\xfc");
    /// let err = cf.pack(&[1.into(), 8.into(), 3.into(), 0.into()]).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::ArgRange);
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#""u3" requires 0 <= integer <= 7 (got 8) (argument 1, 'u3' at format position 2)"#
    /// );
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack(&self, args: &[Value]) -> Result<Vec<u8>, Error> {
        self.plan.pack(args)
    }

    /// Packs `args` into `buf` from bit `offset` (bitstruct: `cf.pack_into(buf,
    /// offset, *args)`), the padding written as zeros (`p`) and ones (`P`); the
    /// bits around the fields keep their values.
    ///
    /// Nothing changes in `buf` when an error is returned. As in bitstruct, an
    /// offset beyond the buffer counts as its end.
    ///
    /// # Errors
    ///
    /// As [`pack`](CompiledFormat::pack), then
    /// [`BufferSize`](crate::ErrorKind::BufferSize) (`pack_into requires a buffer
    /// of at least N bits`) when the fields do not fit.
    ///
    /// ```
    /// let cf = netpack::bits::compile("u4p2")?;
    /// let mut buf = [0xff, 0xff];
    /// cf.pack_into(&mut buf, 6, &[0.into()])?;
    /// assert_eq!(buf, [0xfc, 0x0f]);
    /// assert!(cf.pack_into(&mut buf, 11, &[0.into()]).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack_into(&self, buf: &mut [u8], offset: usize, args: &[Value]) -> Result<(), Error> {
        self.plan.pack_into(buf, offset, args, true)
    }

    /// As [`pack_into`](CompiledFormat::pack_into) with bitstruct's
    /// `fill_padding=False`: the padding bits keep the buffer's values.
    ///
    /// As in bitstruct, padding that runs past the end of the buffer only counts
    /// up to it.
    ///
    /// # Errors
    ///
    /// As [`pack_into`](CompiledFormat::pack_into).
    ///
    /// ```
    /// let cf = netpack::bits::compile("u4p2u2")?;
    /// let mut buf = [0xff];
    /// cf.pack_into_keep_padding(&mut buf, 0, &[0.into(), 0.into()])?;
    /// assert_eq!(buf, [0x0c]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn pack_into_keep_padding(
        &self,
        buf: &mut [u8],
        offset: usize,
        args: &[Value],
    ) -> Result<(), Error> {
        self.plan.pack_into(buf, offset, args, false)
    }

    /// Unpacks the fields from the start of `data` (bitstruct: `cf.unpack(data)`);
    /// bytes after them are ignored.
    ///
    /// # Errors
    ///
    /// [`BufferSize`](crate::ErrorKind::BufferSize) when `data` has fewer than
    /// [`calcsize`](CompiledFormat::calcsize) bits;
    /// [`InvalidValue`](crate::ErrorKind::InvalidValue) for a text field that is
    /// not UTF-8 (Python's `UnicodeDecodeError`).
    ///
    /// ```
    /// use netpack::Value;
    ///
    /// let cf = netpack::bits::compile("u1u3u4s16")?;
    /// assert_eq!(
    ///     cf.unpack(b"\xa3\xff\xfc")?,
    ///     [Value::Int(1), Value::Int(2), Value::Int(3), Value::Int(-4)]
    /// );
    /// assert_eq!(
    ///     cf.unpack(b"\xa3").unwrap_err().to_string(),
    ///     "unpack requires at least 24 bits to unpack (got 8)"
    /// );
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack(&self, data: &[u8]) -> Result<Vec<Value>, Error> {
        self.plan.unpack_from(data, 0, false)
    }

    /// Unpacks the fields from bit `offset` of `data` (bitstruct:
    /// `cf.unpack_from(data, offset)`).
    ///
    /// As in bitstruct, the `<` byte order counts its bytes from `offset`, not
    /// from the start of `data` (where `pack_into` counts from the buffer's
    /// start).
    ///
    /// # Errors
    ///
    /// As [`unpack`](CompiledFormat::unpack).
    ///
    /// ```
    /// use netpack::Value;
    /// let cf = netpack::bits::compile("u4")?;
    /// assert_eq!(cf.unpack_from(b"\x5a", 4)?, [Value::Int(10)]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_from(&self, data: &[u8], offset: usize) -> Result<Vec<Value>, Error> {
        self.plan.unpack_from(data, offset, false)
    }

    /// Unpacks the fields from bit `offset` of `data` as
    /// [`unpack_from`](CompiledFormat::unpack_from) does, appending the values
    /// to `out` (which is cleared first), so a loop can reuse one vector.
    ///
    /// On an error, `out` holds the values of the fields before the one
    /// refused (none when `data` is too short).
    ///
    /// ```
    /// use netpack::Value;
    /// let cf = netpack::bits::compile("u4u4")?;
    /// let mut values = Vec::new();
    /// for (offset, high) in [(0, 1), (8, 2)] {
    ///     cf.unpack_into(b"\x12\x2f", offset, &mut values)?;
    ///     assert_eq!(values[0], Value::Int(high));
    ///     assert_eq!(values.len(), 2);
    /// }
    /// assert!(cf.unpack_into(b"\x12", 4, &mut values).is_err());
    /// # Ok::<(), netpack::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`unpack_from`](CompiledFormat::unpack_from).
    pub fn unpack_into(
        &self,
        data: &[u8],
        offset: usize,
        out: &mut Vec<Value>,
    ) -> Result<(), Error> {
        self.plan.unpack_into(data, offset, false, out)
    }

    /// [`unpack_into`](CompiledFormat::unpack_into) with bitstruct's
    /// `allow_truncated=True`: `data` may end early, and `out` gets the fields
    /// it holds whole.
    ///
    /// ```
    /// use netpack::Value;
    /// let cf = netpack::bits::compile("u8u8u8")?;
    /// let mut values = vec![Value::Bool(true)];
    /// cf.unpack_into_truncated(b"\x01\x02", 0, &mut values)?;
    /// assert_eq!(values, [Value::Int(1), Value::Int(2)]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`unpack_truncated`](CompiledFormat::unpack_truncated).
    pub fn unpack_into_truncated(
        &self,
        data: &[u8],
        offset: usize,
        out: &mut Vec<Value>,
    ) -> Result<(), Error> {
        self.plan.unpack_into(data, offset, true, out)
    }

    /// As [`unpack`](CompiledFormat::unpack) with bitstruct's
    /// `allow_truncated=True`: `data` may end early, and the fields it holds
    /// whole are unpacked.
    ///
    /// # Errors
    ///
    /// [`InvalidValue`](crate::ErrorKind::InvalidValue) for a text field that is
    /// not UTF-8.
    ///
    /// ```
    /// use netpack::Value;
    /// let cf = netpack::bits::compile("u8u8u8")?;
    /// assert_eq!(cf.unpack_truncated(b"\x01\x02")?, [Value::Int(1), Value::Int(2)]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_truncated(&self, data: &[u8]) -> Result<Vec<Value>, Error> {
        self.plan.unpack_from(data, 0, true)
    }

    /// [`unpack_from`](CompiledFormat::unpack_from) with `allow_truncated=True`.
    ///
    /// # Errors
    ///
    /// As [`unpack_truncated`](CompiledFormat::unpack_truncated).
    ///
    /// ```
    /// let cf = netpack::bits::compile("u4u8")?;
    /// assert_eq!(cf.unpack_from_truncated(b"\xff", 2)?, [netpack::Value::Int(15)]);
    /// # Ok::<(), netpack::Error>(())
    /// ```
    pub fn unpack_from_truncated(&self, data: &[u8], offset: usize) -> Result<Vec<Value>, Error> {
        self.plan.unpack_from(data, offset, true)
    }
}

/// `CompiledFormat("u1u7")`.
///
/// ```
/// assert_eq!(format!("{:?}", netpack::bits::compile("u1u7")?), r#"CompiledFormat("u1u7")"#);
/// # Ok::<(), netpack::Error>(())
/// ```
impl fmt::Debug for CompiledFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CompiledFormat").field(&self.format).finish()
    }
}
