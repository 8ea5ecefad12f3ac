//! Checks on length-prefixed frames from a peer nobody trusts: any bytes, any
//! header width, any limit (`usize::MAX` included) through the std reader
//! ([`FrameCodec::read`]) and the tokio decoder, split anywhere.
//!
//! [`frames`] is the body of the fuzz target `fuzz/fuzz_targets/frames.rs`;
//! `tests/tests/frames.rs` feeds it proptest bytes and the hostile headers that
//! once overflowed, and `tests/tests/fuzz_regressions.rs` replays the kept inputs.
//! The expected frames and errors come from [`model`], which computes every
//! length in `u128` and so cannot overflow where the code under test might.

use bytes::BytesMut;
use netpack::io::{Error, FrameCodec, FrameHeader};
use std::io::Read;
use tokio_util::codec::Decoder;

/// What reading a stream of frames gives: the bodies, then how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The body of each whole frame, in order.
    pub bodies: Vec<Vec<u8>>,
    /// `None` for a clean end of stream, else the error.
    pub end: Option<End>,
}

/// How a stream of frames can fail, with the numbers the error carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    /// [`Error::Truncated`].
    Truncated {
        /// The bytes of the whole frame.
        needed: usize,
        /// The bytes that arrived.
        got: usize,
    },
    /// [`Error::FrameTooLarge`].
    TooLarge {
        /// The announced body length.
        len: u64,
        /// The reported limit.
        max: usize,
    },
}

impl End {
    fn of(e: &Error) -> End {
        match *e {
            Error::Truncated { needed, got } => End::Truncated { needed, got },
            Error::FrameTooLarge { len, max } => End::TooLarge { len, max },
            ref other => panic!("unexpected frame error {other:?}"),
        }
    }
}

/// The frames in `wire` with big-endian length headers of `width` bytes and a
/// limit of `max_body_len`, computed in `u128`: a body is refused when it is over
/// the limit or when header and body together would pass `isize::MAX` bytes.
pub fn model(wire: &[u8], width: usize, max_body_len: usize) -> Outcome {
    let limit = (max_body_len as u128).min(isize::MAX as u128 - width as u128);
    let mut bodies = Vec::new();
    let mut rest = wire;
    let end = loop {
        if rest.is_empty() {
            break None;
        }
        if rest.len() < width {
            break Some(End::Truncated {
                needed: width,
                got: rest.len(),
            });
        }
        let len = rest[..width]
            .iter()
            .fold(0u128, |n, &b| (n << 8) | u128::from(b));
        if len > limit {
            break Some(End::TooLarge {
                len: len as u64,
                max: limit as usize,
            });
        }
        let total = width as u128 + len;
        if (rest.len() as u128) < total {
            break Some(End::Truncated {
                needed: total as usize,
                got: rest.len(),
            });
        }
        let total = total as usize;
        bodies.push(rest[width..total].to_vec());
        rest = &rest[total..];
    };
    Outcome { bodies, end }
}

/// A reader that hands out at most `step` bytes per call.
struct Chunked<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// The std reader on `wire`, delivered `step` bytes at a time.
pub fn read_std<H: FrameHeader>(wire: &[u8], max_body_len: usize, step: usize) -> Outcome {
    let codec = FrameCodec::<H>::new(max_body_len);
    let mut reader = Chunked {
        bytes: wire,
        step: step.max(1),
    };
    let mut bodies = Vec::new();
    loop {
        match codec.read(&mut reader) {
            Ok(Some(frame)) => bodies.push(frame.body),
            Ok(None) => return Outcome { bodies, end: None },
            Err(e) => {
                return Outcome {
                    bodies,
                    end: Some(End::of(&e)),
                }
            }
        }
    }
}

/// The tokio decoder on `wire`, fed `step` bytes at a time, then told the
/// stream ended (as `FramedRead` does).
pub fn read_tokio<H: FrameHeader>(wire: &[u8], max_body_len: usize, step: usize) -> Outcome {
    let mut codec = FrameCodec::<H>::new(max_body_len);
    let mut src = BytesMut::new();
    let mut bodies = Vec::new();
    let fail = |bodies, e: &Error| Outcome {
        bodies,
        end: Some(End::of(e)),
    };
    for chunk in wire.chunks(step.max(1)) {
        src.extend_from_slice(chunk);
        loop {
            match codec.decode(&mut src) {
                Ok(Some(frame)) => bodies.push(frame.body),
                Ok(None) => break,
                Err(e) => return fail(bodies, &e),
            }
        }
        assert!(
            src.capacity() <= src.len() + (4 << 20),
            "the decoder reserved {} bytes beyond the {} it holds",
            src.capacity() - src.len(),
            src.len()
        );
    }
    loop {
        match codec.decode_eof(&mut src) {
            Ok(Some(frame)) => bodies.push(frame.body),
            Ok(None) => return Outcome { bodies, end: None },
            Err(e) => return fail(bodies, &e),
        }
    }
}

/// The limits a fuzz input picks from: none (`usize::MAX`), the edges where
/// header plus body reach `isize::MAX`, and small ones.
fn limit(selector: u8) -> usize {
    match selector % 8 {
        0 => usize::MAX,
        1 => usize::MAX - usize::from(selector >> 3),
        2 => isize::MAX as usize,
        3 => isize::MAX as usize - usize::from(selector >> 3),
        4 => u32::MAX as usize,
        _ => usize::from(selector >> 3),
    }
}

/// One fuzz input: `data[0]` picks the header width (1, 2, 4 or 8 bytes) and the
/// chunk size, `data[1]` the limit, the rest is the stream. The std reader and
/// the tokio decoder must give exactly the model's frames and end, and neither may
/// panic or reserve memory for bytes that have not arrived.
pub fn frames(data: &[u8]) {
    let [shape, limit_selector, wire @ ..] = data else {
        return;
    };
    let max_body_len = limit(*limit_selector);
    let step = usize::from(shape >> 2) + 1;
    match shape % 4 {
        0 => check::<u8>(wire, 1, max_body_len, step),
        1 => check::<u16>(wire, 2, max_body_len, step),
        2 => check::<u32>(wire, 4, max_body_len, step),
        _ => check::<u64>(wire, 8, max_body_len, step),
    }
}

/// Both readers against the model, for one header type.
pub fn check<H: FrameHeader>(wire: &[u8], width: usize, max_body_len: usize, step: usize) {
    assert_eq!(H::SIZE, width);
    let want = model(wire, width, max_body_len);
    let ctx = (width, max_body_len, step, wire.len());
    assert_eq!(read_std::<H>(wire, max_body_len, step), want, "std {ctx:?}");
    assert_eq!(
        read_tokio::<H>(wire, max_body_len, step),
        want,
        "tokio {ctx:?}"
    );
}
