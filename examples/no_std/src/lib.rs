//! netpack as an embedded user builds it: `#![no_std]`, without netpack's
//! default features (`features = ["derive"]`), for a target without an
//! operating system. `.ci/run` builds this crate for `thumbv7em-none-eabihf`
//! (a Cortex-M4F) and runs its tests on the host:
//!
//! ```text
//! rustup target add thumbv7em-none-eabihf
//! cargo build -p netpack-no-std --target thumbv7em-none-eabihf
//! cargo test -p netpack-no-std
//! ```
//!
//! A fixed type packs into a caller's buffer without allocating; a message
//! with a variable part decodes borrowed from the buffer and encodes into an
//! `alloc` vector.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

use alloc::vec::Vec;
use netpack::{Message, NetPack};

/// A sensor reading, Python's `struct.pack("<HhI", sensor, celsius_x100, at_ms)`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "<")]
pub struct Reading {
    pub sensor: u16,
    pub celsius_x100: i16,
    pub at_ms: u32,
}

/// A log line, Python's `struct.pack("!BH", level, len(text)) + text`.
#[derive(NetPack, Clone, Copy, Debug, PartialEq, Eq)]
#[netpack(order = "!")]
pub struct LogLine<'a> {
    pub level: u8,
    pub len: u16,
    #[netpack(len = "len", max = 64)]
    pub text: &'a [u8],
}

/// Encodes `reading` at the start of `buf` (at least `Reading::SIZE` bytes),
/// without allocating.
pub fn pack_reading(reading: &Reading, buf: &mut [u8]) -> Result<(), netpack::Error> {
    reading.encode_to_slice(buf).map(drop)
}

/// Reads a `Reading` back from the start of `buf`.
pub fn unpack_reading(buf: &[u8]) -> Result<Reading, netpack::Error> {
    Reading::decode_prefix(buf).map(|(reading, _)| reading)
}

/// Encodes a log line of `level` with `text` (at most 64 bytes) onto `out`.
pub fn encode_line(level: u8, text: &[u8], out: &mut Vec<u8>) -> Result<(), netpack::Error> {
    let len = u16::try_from(text.len()).unwrap_or(u16::MAX);
    LogLine { level, len, text }.encode_into(out)
}

/// Decodes the log line at the start of `buf`, borrowing its text; returns it
/// and the bytes it took.
pub fn decode_line(buf: &[u8]) -> Result<(LogLine<'_>, usize), netpack::Error> {
    LogLine::decode_prefix(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_python_bytes_both_ways() {
        // struct.pack("<HhI", 7, -1250, 123456)
        let mut buf = [0u8; Reading::SIZE];
        let reading = Reading {
            sensor: 7,
            celsius_x100: -1250,
            at_ms: 123_456,
        };
        pack_reading(&reading, &mut buf).unwrap();
        assert_eq!(buf, *b"\x07\x00\x1e\xfb\x40\xe2\x01\x00");
        assert_eq!(unpack_reading(&buf).unwrap(), reading);

        // struct.pack("!BH", 3, 5) + b"hello" + a next record's first byte
        let mut wire = Vec::new();
        encode_line(3, b"hello", &mut wire).unwrap();
        assert_eq!(wire, b"\x03\x00\x05hello");
        wire.push(9);
        let (line, used) = decode_line(&wire).unwrap();
        assert_eq!((line.level, line.text, used), (3, &b"hello"[..], 8));
        // Over the cap: refused on the way out and on the way in.
        assert!(encode_line(1, &[0; 65], &mut Vec::new()).is_err());
        assert!(decode_line(b"\x01\x00\x41").is_err());
    }
}
