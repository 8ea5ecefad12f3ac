//! The one place the stream adapters (`io`, `buf`, the tokio codecs) tell a
//! fixed layout from a message with variable-length parts: how a value's bytes
//! are staged for writing, and what the bytes buffered so far give a reader.

use crate::error::Error;
use crate::typed::message::Message;
#[allow(unused_imports)] // used by `io` and `buf`, each behind a feature
use crate::wire::scratch::with_scratch;
use core::marker::PhantomData;

/// Encodes `value` and hands its bytes to `sink`: a fixed layout staged on the
/// stack, a message in one vector. Nothing reaches `sink` when encoding fails.
#[allow(dead_code)] // used by `io` and `buf`, each behind a feature
pub(crate) fn encode_staged<'m, T: Message<'m>, R>(
    value: &T,
    sink: impl FnOnce(&[u8]) -> R,
) -> Result<R, Error> {
    match T::__FIXED {
        Some(size) => with_scratch(size, |buf| {
            value.encode_to_slice(buf)?;
            Ok(sink(buf))
        }),
        None => Ok(sink(&value.encode()?)),
    }
}

/// What the bytes buffered so far give a reader of `T`.
#[derive(Debug)]
#[allow(dead_code)] // used by `io` and `buf`, each behind a feature
pub(crate) enum Step<T> {
    /// A whole record: the message (or the reason its bytes are none) and the
    /// bytes it took, to consume in either case.
    Done {
        /// The message, or why its bytes are no `T`.
        message: Result<T, Error>,
        /// The bytes to consume.
        used: usize,
    },
    /// At least `needed` bytes are needed (never more than `T`'s `MAX_SIZE`).
    /// `exact` when the record is exactly that long and is consumed whatever
    /// it holds (a fixed layout), so a reader may stage exactly those bytes.
    Needs {
        /// The bytes needed at least.
        needed: usize,
        /// Whether the record is exactly `needed` bytes.
        exact: bool,
        /// The error to report when no more bytes will come.
        error: Error,
    },
}

/// Decodes a `T` from the start of `buffered`, or says how many bytes a reader
/// must buffer first, never more than `max`.
///
/// # Errors
///
/// The decoder's error for bytes that no more input can make a `T` (including
/// a message that would need more than `max` bytes).
#[allow(dead_code)] // used by `io` and `buf`, each behind a feature
pub(crate) fn decode_step<'a, T: Message<'a>>(
    buffered: &'a [u8],
    max: usize,
) -> Result<Step<T>, Error> {
    if let Some(size) = T::__FIXED {
        if buffered.len() < size {
            return Ok(Step::Needs {
                needed: size,
                exact: true,
                error: Error::buffer_too_small(size, buffered.len()),
            });
        }
        // A fixed record is consumed even when it does not decode: the stream
        // stays aligned on record boundaries.
        let message = T::decode_prefix(buffered).map(|(m, _)| m);
        return Ok(Step::Done {
            message,
            used: size,
        });
    }
    match T::decode_prefix(buffered) {
        Ok((message, used)) => Ok(Step::Done {
            message: Ok(message),
            used,
        }),
        Err(e) => match e.needed() {
            Some(n) if n > buffered.len() && n <= max => Ok(Step::Needs {
                needed: n,
                exact: false,
                error: e,
            }),
            _ => Err(e),
        },
    }
}

/// The most bytes a stream reader buffers for a `T`: its `MAX_SIZE`, checked
/// at compile time to exist and to delimit the message. `Capped` already says
/// both for a derived type; this holds a hand-written `Message` to them too.
pub(crate) struct ReadBound<T>(PhantomData<T>);

impl<T: for<'a> Message<'a>> ReadBound<T> {
    /// The bound.
    #[allow(dead_code)] // used by `io` and the tokio codecs, behind features
    pub(crate) const MAX: usize = {
        assert!(
            <T as Message<'static>>::__DELIMITED,
            "netpack::io: this message ends with a `rest` field, which only a frame can delimit: read it as the body of a frame (FrameCodec, Frame::message)"
        );
        match <T as Message<'static>>::MAX_SIZE {
            Some(max) => max,
            None => panic!("netpack::io: this message has a variable-length field without a bound, so a peer could make the reader buffer without limit: add #[netpack(max = N)] to it"),
        }
    };
}
