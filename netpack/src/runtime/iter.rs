//! [`IterUnpack`] and [`IterUnpackRef`]: the iterators of `iter_unpack`, one
//! record of values at a time, owned or borrowing their bytes from the buffer.

use crate::error::{Detail, Error};
use crate::runtime::structure::Struct;
use crate::runtime::value::{Value, ValueRef};
use alloc::vec::Vec;
use core::iter::FusedIterator;

/// The compiled format an iterator decodes with: the caller's [`Struct`], or a
/// copy of the free functions' cached one.
#[derive(Clone, Debug)]
pub(crate) enum Compiled<'a> {
    Borrowed(&'a Struct),
    Owned(Struct),
}

impl Compiled<'_> {
    fn get(&self) -> &Struct {
        match self {
            Compiled::Borrowed(s) => s,
            Compiled::Owned(s) => s,
        }
    }
}

/// The records of a buffer not yet decoded.
#[derive(Clone, Debug)]
struct Pending<'a> {
    compiled: Compiled<'a>,
    rest: &'a [u8],
}

impl<'a> Pending<'a> {
    fn new(compiled: Compiled<'a>, buf: &'a [u8]) -> Result<Pending<'a>, Error> {
        let size = compiled.get().size();
        if size == 0 {
            return Err(Error::new(Detail::ZeroSizeIter));
        }
        if !buf.len().is_multiple_of(size) {
            return Err(Error::new(Detail::IterMultiple { size }));
        }
        Ok(Pending {
            compiled,
            rest: buf,
        })
    }

    #[inline]
    fn take(&mut self) -> Option<&'a [u8]> {
        if self.rest.is_empty() {
            return None;
        }
        let (record, rest) = self.rest.split_at(self.compiled.get().size());
        self.rest = rest;
        Some(record)
    }

    fn len(&self) -> usize {
        self.rest.len() / self.compiled.get().size()
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
    records: Pending<'a>,
}

impl<'a> IterUnpack<'a> {
    pub(crate) fn new(compiled: Compiled<'a>, buf: &'a [u8]) -> Result<IterUnpack<'a>, Error> {
        Ok(IterUnpack {
            records: Pending::new(compiled, buf)?,
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
                self.records.compiled.get().decode(record, out)?;
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
                .compiled
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
/// [`Iterator`] each record is a new `Vec<ValueRef>`. Records are decoded ahead
/// in batches of up to 512 values (16 KiB), one loop per value of the format
/// over the batch's records, which is what makes `next_ref` fast; the calls can
/// be mixed freely and [`len`](ExactSizeIterator::len) counts every record not
/// yet handed out.
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
    records: Pending<'a>,
    /// Records decoded ahead of the caller (`next_ref` decodes a batch at a
    /// time, element by element), [`Struct::values`] slots each.
    values: Vec<ValueRef<'a>>,
    /// Where the first record of `values` not yet handed out starts.
    lent: usize,
}

/// Values per batch that `next_ref` decodes ahead: 16 KiB of `ValueRef`s, at
/// least one record.
const BATCH_VALUES: usize = 512;

impl<'a> IterUnpackRef<'a> {
    pub(crate) fn new(compiled: Compiled<'a>, buf: &'a [u8]) -> Result<IterUnpackRef<'a>, Error> {
        Ok(IterUnpackRef {
            records: Pending::new(compiled, buf)?,
            values: Vec::new(),
            lent: 0,
        })
    }

    /// Lends the next record's values from the iterator's own vector (decoding
    /// the next batch of records when it has handed out the last one);
    /// `Ok(None)` when no record is left. Allocates only on the first record.
    ///
    /// # Errors
    ///
    /// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the values cannot
    /// be allocated.
    #[inline]
    pub fn next_ref(&mut self) -> Result<Option<&[ValueRef<'a>]>, Error> {
        if self.lent == self.values.len() && !self.refill()? {
            return Ok(None);
        }
        let n = self.records.compiled.get().values();
        let start = self.lent;
        self.lent += n;
        Ok(self.values.get(start..start + n))
    }

    /// Decodes the next batch of records into `values`; `Ok(false)` when no
    /// record is left. A format without values lends an empty record per record.
    #[inline(never)]
    fn refill(&mut self) -> Result<bool, Error> {
        let s = self.records.compiled.get();
        let (size, n) = (s.size(), s.values());
        let per_batch = match n {
            0 => 1,
            _ => (BATCH_VALUES / n).max(1),
        };
        let count = self.records.len().min(per_batch);
        if count == 0 {
            return Ok(false);
        }
        let (block, rest) = self.records.rest.split_at(count * size);
        let slots = count * n;
        // One allocation, on the first batch (later batches are no larger).
        let more = slots.saturating_sub(self.values.len());
        if self.values.try_reserve_exact(more).is_err() {
            // As decoding one record at a time: that record is consumed.
            self.records.take();
            return Err(Error::new(Detail::NoMemory { size }));
        }
        self.values.truncate(slots);
        self.values.resize(slots, ValueRef::Int(0));
        s.plan().decode_records(block, size, &mut self.values);
        self.records.rest = rest;
        self.lent = 0;
        Ok(true)
    }

    /// The records decoded ahead and not yet handed out.
    fn ahead(&self) -> usize {
        let n = self.records.compiled.get().values();
        (self.values.len() - self.lent).checked_div(n).unwrap_or(0)
    }

    /// The next record's values, from the batch if one is decoded ahead, else
    /// decoded onto `out` (cleared first); `Ok(false)` when no record is left.
    fn next_onto(&mut self, out: &mut Vec<ValueRef<'a>>) -> Result<bool, Error> {
        out.clear();
        if self.lent < self.values.len() {
            let n = self.records.compiled.get().values();
            let record = &self.values[self.lent..self.lent + n];
            let reserved = out.try_reserve_exact(n);
            if reserved.is_ok() {
                out.extend_from_slice(record);
            }
            // Consumed either way, as when it is decoded here.
            self.lent += n;
            return match reserved {
                Ok(()) => Ok(true),
                Err(_) => Err(Error::new(Detail::NoMemory {
                    size: self.records.compiled.get().size(),
                })),
            };
        }
        match self.records.take() {
            Some(record) => {
                self.records.compiled.get().decode(record, out)?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Decodes the next record into `out` (cleared first), reusing its allocation;
    /// `Ok(false)` when no record is left.
    ///
    /// # Errors
    ///
    /// As [`next_ref`](IterUnpackRef::next_ref).
    pub fn next_into(&mut self, out: &mut Vec<ValueRef<'a>>) -> Result<bool, Error> {
        self.next_onto(out)
    }
}

impl<'a> Iterator for IterUnpackRef<'a> {
    type Item = Result<Vec<ValueRef<'a>>, Error>;

    fn next(&mut self) -> Option<Result<Vec<ValueRef<'a>>, Error>> {
        let mut out = Vec::new();
        match self.next_onto(&mut out) {
            Ok(true) => Some(Ok(out)),
            Ok(false) => None,
            Err(e) => Some(Err(e)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for IterUnpackRef<'_> {
    fn len(&self) -> usize {
        self.records.len() + self.ahead()
    }
}

impl FusedIterator for IterUnpackRef<'_> {}

#[cfg(test)]
mod tests {
    use crate::runtime::structure::Struct;
    use crate::runtime::value::ValueRef;
    use alloc::vec::Vec;

    /// `records` records of `s`, their bytes a simple pseudo-random sequence.
    fn buffer(s: &Struct, records: usize) -> Vec<u8> {
        let mut x = 0x2545_f491_u32;
        (0..s.size() * records)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect()
    }

    #[test]
    fn batches_lend_what_unpack_ref_gives_however_the_calls_mix() {
        for format in [
            ">bBhHiIqQ?efdc3s3p2h",
            "<bBhHiIqQ?efdc3s3p2h",
            "@?PnN5x",
            "<h0s2x?",
            "<d",
        ] {
            let s = Struct::new(format).unwrap();
            // Past several batches, and not a whole number of them.
            let records = 3 * 512 + 7;
            let buf = buffer(&s, records);
            let mut it = s.iter_unpack_ref(&buf).unwrap();
            let mut out = Vec::new();
            for (i, record) in buf.chunks(s.size()).enumerate() {
                assert_eq!(it.len(), records - i, "{format} len before {i}");
                let want = s.unpack_ref(record).unwrap();
                let got = match i % 5 {
                    3 => {
                        assert!(it.next_into(&mut out).unwrap());
                        out.clone()
                    }
                    4 => it.next().unwrap().unwrap(),
                    _ => it.next_ref().unwrap().unwrap().to_vec(),
                };
                // Bit for bit: NaNs compare unequal as values.
                let bits = |v: &[ValueRef<'_>]| -> Vec<crate::runtime::value::Value> {
                    v.iter()
                        .map(|x| match x {
                            ValueRef::Float(f) => {
                                crate::runtime::value::Value::Int(f.to_bits().into())
                            }
                            other => other.to_value(),
                        })
                        .collect()
                };
                assert_eq!(bits(&got), bits(&want), "{format} record {i}");
            }
            assert_eq!(it.len(), 0);
            assert!(it.next_ref().unwrap().is_none());
            assert!(!it.next_into(&mut out).unwrap());
            assert!(it.next().is_none());
        }
    }

    #[test]
    fn a_format_without_values_lends_one_empty_record_per_record() {
        let s = Struct::new("4x").unwrap();
        let buf = [0u8; 4 * 1000];
        let mut it = s.iter_unpack_ref(&buf).unwrap();
        let mut seen = 0;
        while let Some(values) = it.next_ref().unwrap() {
            assert!(values.is_empty());
            seen += 1;
            assert_eq!(it.len(), 1000 - seen);
        }
        assert_eq!(seen, 1000);
    }
}
