//! The run-time helpers of magic values and of byte orders chosen at run time:
//! comparing a magic, and reading the order a field selects.

use super::parts::{fixed, rest_of};
use crate::error::{Detail, Error};
use crate::typed::byte_order::ByteOrder;
use crate::wire::endian::Endian;

/// Checks that `expected` is at `pos`. Bytes that differ are a `BadMagic`
/// error at once, even before the whole magic has arrived (a reader can
/// resynchronise without waiting); a short input that agrees so far is
/// CPython's `unpack_from` error, which says how many bytes are needed.
#[inline]
pub fn check_magic(buf: &[u8], pos: usize, expected: &'static [u8]) -> Result<(), Error> {
    let rest = rest_of(buf, pos);
    let there = &rest[..rest.len().min(expected.len())];
    if there != &expected[..there.len()] {
        return Err(Error::bad_magic(expected, there));
    }
    fixed(buf, pos, expected.len()).map(|_| ())
}

/// The byte order a field selected (`order_by`), or `BadMagic` for none.
#[inline]
pub fn selected_order(order: Option<ByteOrder>) -> Result<ByteOrder, Error> {
    order.ok_or(Error::new(Detail::NoOrder))
}

/// Continues a decoding in order `O` if `order` is that order; otherwise
/// returns the signal to decode again in `order` (see [`is_reorder`]).
#[inline]
pub fn check_order<O: Endian>(order: ByteOrder) -> Result<(), Error> {
    if order == ByteOrder::of::<O>() {
        Ok(())
    } else {
        Err(Error::new(Detail::Reorder))
    }
}

/// Whether a decoding stopped because a field selected the other byte order.
#[inline]
pub fn is_reorder(e: &Error) -> bool {
    e.is_reorder()
}
