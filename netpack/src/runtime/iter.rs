//! [`IterUnpack`] and [`IterUnpackRef`]: the iterators of `iter_unpack`, one
//! record of values at a time, owned or borrowing their bytes from the buffer.

use crate::error::{Detail, Error};
use crate::{Struct, Value, ValueRef};
use alloc::vec::Vec;
use core::iter::FusedIterator;

/// The compiled format an iterator decodes with: the caller's [`Struct`], or a
/// copy of the free functions' cached one.
#[derive(Clone, Debug)]
pub(crate) enum Layout<'a> {
    Borrowed(&'a Struct),
    Owned(Struct),
}

impl Layout<'_> {
    fn get(&self) -> &Struct {
        match self {
            Layout::Borrowed(s) => s,
            Layout::Owned(s) => s,
        }
    }
}

/// The records of a buffer not yet decoded.
#[derive(Clone, Debug)]
struct Records<'a> {
    layout: Layout<'a>,
    rest: &'a [u8],
}

impl<'a> Records<'a> {
    fn new(layout: Layout<'a>, buf: &'a [u8]) -> Result<Records<'a>, Error> {
        let size = layout.get().size();
        if size == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        if !buf.len().is_multiple_of(size) {
            return Err(Error::new(Detail::IterMultiple { size }));
        }
        Ok(Records { layout, rest: buf })
    }

    #[inline]
    fn take(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (record, rest) = self.rest.split_at(self.layout.get().size());
        self.rest = rest;
        Some(record)
    }

    fn len(&self) -> usize {
        self.rest.len() / self.layout.get().size()
    }
}

/// The records of a buffer, unpacked one at a time: returned by
/// [`Struct::iter_unpack`] and [`iter_unpack`](crate::iter_unpack).
///
/// Each item is a new `Vec<Value>` (an `Err` only if memory runs out, as
/// Python's `MemoryError`); to decode without allocating a vector per record, call
/// [`IterUnpack::next_into`] with one reused vector.
///
/// ```
/// use netpack::Value;
///
/// let mut records = netpack::iter_unpack("<h", b"\x01\x00\xff\xff")?;
/// assert_eq!(records.len(), 2);
/// let mut values = Vec::new();
/// let mut sum = 0;
/// while records.next_into(&mut values)? {
///     if let Value::Int(i) = values[0] { sum += i }
/// }
/// assert_eq!(sum, 0);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct IterUnpack<'a> {
    records: Records<'a>,
}

impl<'a> IterUnpack<'a> {
    pub(crate) fn new(layout: Layout<'a>, buf: &'a [u8]) -> Result<IterUnpack<'a>, Error> {
        Ok(IterUnpack {
            records: Records::new(layout, buf)?,
        })
    }

    /// Decodes the next record into `out` (cleared first), reusing its allocation;
    /// `Ok(false)` when no record is left.
    ///
    /// # Errors
    ///
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the values cannot
    /// be allocated.
    pub fn next_into(&mut self, out: &mut Vec<Value>) -> Result<bool, Error> {
        match self.records.take() {
            Some(record) => {
                out.clear();
                self.records.layout.get().decode(record, out)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

impl Iterator for IterUnpack<'_> {
    type Item = Result<Vec<Value>, Error>;

    fn next(&mut self) -> Option<Result<Vec<Value>, Error>> {
        let record = self.records.take()?;
        let mut out = Vec::new();
        Some(
            self.records
                .layout
                .get()
                .decode(record, &mut out)
                .map(|()| out),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for IterUnpack<'_> {
    fn len(&self) -> usize {
        self.records.len()
    }
}

impl FusedIterator for IterUnpack<'_> {}

/// The records of a buffer, unpacked one at a time into values that borrow their
/// bytes from it: returned by [`Struct::iter_unpack_ref`].
///
/// [`next_ref`](IterUnpackRef::next_ref) decodes into a vector the iterator
/// keeps and lends it out, so a whole buffer decodes with one allocation; as an
/// [`Iterator`] each record is a new `Vec<ValueRef>`.
///
/// ```
/// use netpack::ValueRef;
///
/// let s = netpack::Struct::new("<hc")?;
/// let mut records = s.iter_unpack_ref(b"\x01\x00a\xff\xffb")?;
/// let mut seen = Vec::new();
/// while let Some(record) = records.next_ref()? {
///     seen.push((record[0].as_int(), record[1].as_bytes().map(<[u8]>::to_vec)));
/// }
/// assert_eq!(seen, [(Some(1), Some(b"a".to_vec())), (Some(-1), Some(b"b".to_vec()))]);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct IterUnpackRef<'a> {
    records: Records<'a>,
    values: Vec<ValueRef<'a>>,
}

impl<'a> IterUnpackRef<'a> {
    pub(crate) fn new(layout: Layout<'a>, buf: &'a [u8]) -> Result<IterUnpackRef<'a>, Error> {
        Ok(IterUnpackRef {
            records: Records::new(layout, buf)?,
            values: Vec::new(),
        })
    }

    /// Decodes the next record into the iterator's own vector and lends it;
    /// `Ok(None)` when no record is left. Allocates only on the first record.
    ///
    /// # Errors
    ///
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the values cannot
    /// be allocated.
    pub fn next_ref(&mut self) -> Result<Option<&[ValueRef<'a>]>, Error> {
        match self.records.take() {
            Some(record) => {
                self.values.clear();
                self.records.layout.get().decode(record, &mut self.values)?;
                Ok(Some(&self.values))
            }
            None => Ok(None),
        }
    }

    /// Decodes the next record into `out` (cleared first), reusing its allocation;
    /// `Ok(false)` when no record is left.
    ///
    /// # Errors
    ///
    /// As [`next_ref`](IterUnpackRef::next_ref).
    pub fn next_into(&mut self, out: &mut Vec<ValueRef<'a>>) -> Result<bool, Error> {
        match self.records.take() {
            Some(record) => {
                out.clear();
                self.records.layout.get().decode(record, out)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

impl<'a> Iterator for IterUnpackRef<'a> {
    type Item = Result<Vec<ValueRef<'a>>, Error>;

    fn next(&mut self) -> Option<Result<Vec<ValueRef<'a>>, Error>> {
        let record = self.records.take()?;
        let mut out = Vec::new();
        Some(
            self.records
                .layout
                .get()
                .decode(record, &mut out)
                .map(|()| out),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for IterUnpackRef<'_> {
    fn len(&self) -> usize {
        self.records.len()
    }
}

impl FusedIterator for IterUnpackRef<'_> {}
