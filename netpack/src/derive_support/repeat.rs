//! The run-time helpers of the parts built on messages: repetition (`count`,
//! `until`, `until_end`: a `Vec<T>` of messages, always under a cap),
//! conditional parts (`if`), alignment (`align`) and custom codecs (`with`).
//! Each nested message is decoded at its position in the whole input
//! ([`Message::__decode_at`]), so offsets in errors and what a custom codec
//! sees are those of the input the user decodes.

use crate::derive_support::parts::check_cap;
use crate::error::{Detail, Error};
use crate::typed::message::Message;
use alloc::vec::Vec;

/// Decodes element `index` at `at`, naming it in an error.
#[inline(always)]
fn element<'a, T: Message<'a>>(
    buf: &'a [u8],
    at: usize,
    index: usize,
) -> Result<(T, usize), Error> {
    T::__decode_at(buf, at).map_err(|e| e.element(index, Some(at)))
}

/// Decodes `count` messages from `pos`, checking the cap before allocating.
/// Returns them and the bytes they took.
#[inline]
pub fn decode_count<'a, T: Message<'a>>(
    buf: &'a [u8],
    pos: usize,
    count: usize,
    max: usize,
) -> Result<(Vec<T>, usize), Error> {
    check_cap(count, max)?;
    // Never more room than the input could fill with one-byte elements.
    let mut out = Vec::with_capacity(count.min(buf.len().saturating_sub(pos)));
    let mut at = pos;
    for index in 0..count {
        let (value, used) = element::<T>(buf, at, index)?;
        at += used;
        out.push(value);
    }
    Ok((out, at - pos))
}

/// Decodes messages from `pos` up to and including the first one `last`
/// accepts, at most `max` of them.
#[inline]
pub fn decode_until<'a, T: Message<'a>>(
    buf: &'a [u8],
    pos: usize,
    max: usize,
    last: impl Fn(&T) -> bool,
) -> Result<(Vec<T>, usize), Error> {
    let mut out = Vec::new();
    let mut at = pos;
    loop {
        if out.len() == max {
            return Err(Error::new(Detail::UntilTooFar { max }));
        }
        let (value, used) = element::<T>(buf, at, out.len())?;
        at += used;
        let done = last(&value);
        out.push(value);
        if done {
            return Ok((out, at - pos));
        }
    }
}

/// Decodes messages from `pos` to the end of the input, at most `max` of
/// them.
#[inline]
pub fn decode_to_end<'a, T: Message<'a>>(
    buf: &'a [u8],
    pos: usize,
    max: usize,
) -> Result<(Vec<T>, usize), Error> {
    let mut out = Vec::new();
    let mut at = pos;
    while at < buf.len() {
        if out.len() == max {
            return Err(Error::new(Detail::TooLong { len: max + 1, max }));
        }
        let (value, used) = element::<T>(buf, at, out.len())?;
        at += used;
        out.push(value);
    }
    Ok((out, at - pos))
}

/// Appends each element, naming it in an error.
#[inline]
pub fn encode_each<'a, T: Message<'a>>(
    items: &[T],
    out: &mut Vec<u8>,
    base: usize,
) -> Result<(), Error> {
    for (index, item) in items.iter().enumerate() {
        item.__encode_at(out, base)
            .map_err(|e| e.element(index, None))?;
    }
    Ok(())
}

/// The encoded length of the elements.
#[inline]
pub fn encoded_len_each<'a, T: Message<'a>>(items: &[T]) -> usize {
    items.iter().map(T::encoded_len).sum()
}

/// Checks that the last element, and only it, ends an `until` repetition.
#[inline]
pub fn check_until<T>(items: &[T], last: impl Fn(&T) -> bool) -> Result<(), Error> {
    let count = items.len();
    let index = items.iter().position(last).unwrap_or(count);
    if count > 0 && index == count - 1 {
        Ok(())
    } else {
        Err(Error::new(Detail::Terminator { index, count }))
    }
}

/// The largest size of at most `max` elements of at most `element` bytes.
pub const fn repeat_bound(max: usize, element: Option<usize>) -> Option<usize> {
    match element {
        Some(size) => max.checked_mul(size),
        None => None,
    }
}

/// The bytes of padding after `len` bytes to a multiple of `align`.
#[inline(always)]
pub const fn pad_len(len: usize, align: usize) -> usize {
    match len % align {
        0 => 0,
        r => align - r,
    }
}

/// Appends the zero bytes that align the message begun at `out[begin]`.
#[inline]
pub fn align_out(out: &mut Vec<u8>, begin: usize, align: usize) {
    let n = pad_len(out.len() - begin, align);
    out.resize(out.len() + n, 0);
}

/// Reads the padding after `pos` that aligns the message begun at `start`:
/// the bytes must be there and be zeros, so that what decodes encodes back to
/// the same bytes. Returns the new position.
#[inline]
pub fn align_skip(buf: &[u8], start: usize, pos: usize, align: usize) -> Result<usize, Error> {
    let n = pad_len(pos - start, align);
    let pad = crate::derive_support::parts::fixed(buf, pos, n)?;
    if pad.iter().any(|&b| b != 0) {
        return Err(Error::invalid_data("a pad byte is not zero"));
    }
    Ok(pos + n)
}
