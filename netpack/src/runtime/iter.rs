//! [`IterUnpack`]: the iterator of `iter_unpack`, one record of values at a time.

use crate::error::{Detail, Error};
use crate::{Struct, Value};
use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::iter::FusedIterator;

/// The records of a buffer, unpacked one at a time: returned by
/// [`Struct::iter_unpack`] and [`iter_unpack`](crate::iter_unpack).
///
/// Each item is a new `Vec<Value>`; to decode without allocating a vector per
/// record, call [`IterUnpack::next_into`] with one reused vector.
///
/// ```
/// use netpack::Value;
///
/// let mut records = netpack::iter_unpack("<h", b"\x01\x00\xff\xff")?;
/// assert_eq!(records.len(), 2);
/// let mut values = Vec::new();
/// let mut sum = 0;
/// while records.next_into(&mut values) {
///     if let Value::Int(i) = values[0] { sum += i }
/// }
/// assert_eq!(sum, 0);
/// # Ok::<(), netpack::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct IterUnpack<'a> {
    layout: Cow<'a, Struct>,
    rest: &'a [u8],
}

impl<'a> IterUnpack<'a> {
    pub(crate) fn new(layout: Cow<'a, Struct>, buf: &'a [u8]) -> Result<IterUnpack<'a>, Error> {
        let size = layout.size();
        if size == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        if !buf.len().is_multiple_of(size) {
            return Err(Error::new(Detail::IterMultiple { size }));
        }
        Ok(IterUnpack { layout, rest: buf })
    }

    /// Decodes the next record into `out` (cleared first), reusing its allocation;
    /// returns `false` when no record is left.
    pub fn next_into(&mut self, out: &mut Vec<Value>) -> bool {
        match self.take() {
            Some(record) => {
                out.clear();
                self.layout.decode(record, out);
                true
            }
            None => false,
        }
    }

    fn take(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (record, rest) = self.rest.split_at(self.layout.size());
        self.rest = rest;
        Some(record)
    }
}

impl Iterator for IterUnpack<'_> {
    type Item = Vec<Value>;

    fn next(&mut self) -> Option<Vec<Value>> {
        let record = self.take()?;
        let mut out = Vec::with_capacity(self.layout.values());
        self.layout.decode(record, &mut out);
        Some(out)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for IterUnpack<'_> {
    fn len(&self) -> usize {
        self.rest.len() / self.layout.size()
    }
}

impl FusedIterator for IterUnpack<'_> {}
