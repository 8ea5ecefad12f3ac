//! The checksums of checksum fields: the Internet checksum (RFC 1071), CRC-32
//! (`zlib.crc32`, by `crc32fast`) and a user's function, each over the bytes a
//! field covers, given as pieces so that a checksum inside its own range counts
//! as zero bytes without a copy.

use crate::error::{Detail, Error};

/// A checksum over pieces of bytes, one after the other.
pub trait Summer {
    /// The checksum's integer type.
    type Output;
    /// The checksum of the pieces' bytes.
    fn sum(&self, pieces: &[&[u8]]) -> Self::Output;
}

/// RFC 1071's Internet checksum: the one's complement of the one's complement
/// sum of the big-endian 16-bit words, an odd last byte padded with zero.
pub struct Internet;

impl Summer for Internet {
    type Output = u16;

    fn sum(&self, pieces: &[&[u8]]) -> u16 {
        let mut sum: u64 = 0;
        // A byte left over from a piece of odd length, the high half of a word.
        let mut high: Option<u8> = None;
        for piece in pieces {
            let mut bytes = *piece;
            if let (Some(h), Some((&first, rest))) = (high, bytes.split_first()) {
                sum += u64::from(u16::from_be_bytes([h, first]));
                high = None;
                bytes = rest;
            }
            let mut words = bytes.chunks_exact(2);
            for word in &mut words {
                sum += u64::from(u16::from_be_bytes([word[0], word[1]]));
            }
            if let [last] = words.remainder() {
                high = Some(*last);
            }
        }
        if let Some(h) = high {
            sum += u64::from(u16::from_be_bytes([h, 0]));
        }
        while sum > 0xffff {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        !(sum as u16)
    }
}

/// CRC-32 as `zlib.crc32` computes it (ISO-HDLC).
pub struct Crc32;

impl Summer for Crc32 {
    type Output = u32;

    fn sum(&self, pieces: &[&[u8]]) -> u32 {
        let mut hasher = crc32fast::Hasher::new();
        for piece in pieces {
            hasher.update(piece);
        }
        hasher.finalize()
    }
}

/// A user's checksum function of the covered bytes (copied into one buffer
/// only when the checksum lies inside its range).
pub struct ByFunction<T>(pub fn(&[u8]) -> T);

impl<T> Summer for ByFunction<T> {
    type Output = T;

    fn sum(&self, pieces: &[&[u8]]) -> T {
        match pieces {
            [one] => (self.0)(one),
            _ => (self.0)(&pieces.concat::<u8>()),
        }
    }
}

/// The integer types a checksum can have, widened for the error.
pub trait ChecksumValue: Copy + PartialEq {
    /// The value as a `u64` (a signed one's bits).
    fn widen(self) -> u64;
}

macro_rules! checksum_value {
    ($($t:ty),*) => {$(
        impl ChecksumValue for $t {
            #[inline(always)]
            fn widen(self) -> u64 {
                self as u64
            }
        }
    )*};
}

checksum_value!(u8, u16, u32, u64, i8, i16, i32, i64);

/// Zero bytes standing for a checksum inside its own range.
const ZEROS: [u8; 8] = [0; 8];

/// The checksum of `bytes[from..to]`, the `size` bytes at `at` counted as
/// zeros when they lie inside.
#[inline]
pub fn checksum<S: Summer>(
    summer: &S,
    bytes: &[u8],
    from: usize,
    to: usize,
    at: usize,
    size: usize,
) -> Result<S::Output, Error> {
    // The derive orders the marks: a failure here is a broken invariant,
    // reported rather than a panic.
    let covered = |a: usize, b: usize| {
        bytes
            .get(a..b)
            .ok_or(Error::new(Detail::BadLength { value: b as i128 }))
    };
    if from <= at && at + size <= to {
        let zeros = &ZEROS[..size.min(ZEROS.len())];
        Ok(summer.sum(&[covered(from, at)?, zeros, covered(at + size, to)?]))
    } else {
        Ok(summer.sum(&[covered(from, to)?]))
    }
}

/// Compares the checksum found with the one computed.
#[inline]
pub fn verify<T: ChecksumValue>(computed: T, found: T) -> Result<(), Error> {
    if computed == found {
        Ok(())
    } else {
        Err(Error::bad_checksum(computed.widen(), found.widen()))
    }
}
