//! Bit fields in derived types: a run's layout from its bitstruct format, in
//! `const` evaluation with `netpack_format::bits::Parser` (the parser
//! `netpack::bits` uses at run time), and the shifts and masks that read and
//! write a field in the run's 64-bit window.
//!
//! A field's value goes through its type's own layout (`u8`…`u64`, `i8`…`i64`,
//! `bool`, a field-less enum): encoded big-endian into the low bytes of a word
//! to give its bits, and decoded (and checked, for an enum) from them. For the
//! primitives this folds to a move; an enum keeps its catch-all and its error.

use crate::bits::error::{BitsError, Got};
use crate::error::Error;
use crate::typed::netpack::NetPack;
use crate::typed::shape::Shape;
use crate::wire::endian::BigEndian;
use netpack_format::bits::{BitCode, Parser};

/// Where a field sits in its run's window: `bits` bits, `shift` bits above the
/// window's least significant bit, with bitstruct's code (`u`, `s` or `b`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BitSlot {
    /// The distance from the window's least significant bit.
    pub shift: u32,
    /// The field's length.
    pub bits: u32,
    /// `b'u'`, `b's'` or `b'b'`.
    pub code: u8,
}

impl BitSlot {
    #[inline(always)]
    const fn mask(self) -> u64 {
        u64::MAX >> (64 - self.bits)
    }
}

/// The bitstruct code of a field of the type of shape `shape` given `bits`
/// bits, as text for the run's format: `"u"`, `"s"` or `"b"`. A type that is no
/// single integer or `bool`, or fewer bits wide than `bits`, is a compile error.
pub const fn bit_code(shape: Shape, bits: usize) -> &'static str {
    let Shape::Item {
        count: 1,
        code,
        size,
    } = shape
    else {
        panic!("netpack: `bits = N` needs a field of an integer type (u8..u64, i8..i64), `bool` or a field-less enum")
    };
    let text = match code {
        b'B' | b'H' | b'I' | b'L' | b'Q' => "u",
        b'b' | b'h' | b'i' | b'l' | b'q' => "s",
        b'?' => return "b",
        _ => panic!("netpack: `bits = N` needs a field of an integer type (u8..u64, i8..i64), `bool` or a field-less enum"),
    };
    if bits > size * 8 {
        panic!("netpack: `bits = N` is more bits than the field's type has");
    }
    text
}

/// The byte length of a run's format (a multiple of 8 bits, at most 64).
pub const fn bit_run_size(format: &str) -> usize {
    match netpack_format::bits::calcsize(format.as_bytes()) {
        Ok(bits) if bits.is_multiple_of(8) && bits > 0 && bits <= 64 => bits / 8,
        _ => panic!("netpack: a run of bit fields must be 1 to 8 whole bytes"),
    }
}

/// The slots of a run's `N` fields (padding skipped), in the format's order.
pub const fn bit_slots<const N: usize>(format: &str) -> [BitSlot; N] {
    let total = bit_run_size(format) * 8;
    let mut out = [BitSlot {
        shift: 0,
        bits: 0,
        code: 0,
    }; N];
    let Ok(mut parser) = Parser::new(format.as_bytes()) else {
        panic!("netpack: a run of bit fields has a bad format")
    };
    let mut i = 0;
    loop {
        let item = match parser.next_item() {
            Ok(Some(item)) => item,
            Ok(None) => break,
            Err(_) => panic!("netpack: a run of bit fields has a bad format"),
        };
        let code = match item.code {
            BitCode::Unsigned => b'u',
            BitCode::Signed => b's',
            BitCode::Bool => b'b',
            BitCode::PadZeros | BitCode::PadOnes => continue,
            _ => panic!("netpack: a bit field is `u`, `s` or `b`"),
        };
        if i == N {
            panic!("netpack: a run of bit fields has more fields than its format");
        }
        out[i] = BitSlot {
            shift: (total - item.offset - item.bits) as u32,
            bits: item.bits as u32,
            code,
        };
        i += 1;
    }
    if i != N {
        panic!("netpack: a run of bit fields has fewer fields than its format");
    }
    out
}

/// The window of the `N`-byte run at `at`: most significant bit first, or
/// (`lsb`) a little-endian integer.
#[inline(always)]
pub fn read_run<const N: usize>(buf: &[u8], at: usize, lsb: bool) -> u64 {
    let mut word = [0u8; 8];
    let run = &buf[at..at + N];
    if lsb {
        word[..N].copy_from_slice(run);
        u64::from_le_bytes(word)
    } else {
        word[8 - N..].copy_from_slice(run);
        u64::from_be_bytes(word)
    }
}

/// Writes the window of an `N`-byte run at `at`.
#[inline(always)]
pub fn write_run<const N: usize>(buf: &mut [u8], at: usize, window: u64, lsb: bool) {
    let run = &mut buf[at..at + N];
    if lsb {
        run.copy_from_slice(&window.to_le_bytes()[..N]);
    } else {
        run.copy_from_slice(&window.to_be_bytes()[8 - N..]);
    }
}

/// The bytes of an `N`-byte run's window, for `to_values`.
#[inline]
pub fn run_bytes<const N: usize>(window: u64, lsb: bool) -> [u8; N] {
    let mut out = [0u8; N];
    write_run::<N>(&mut out, 0, window, lsb);
    out
}

/// The field's bits in place in the window, or bitstruct's range error
/// (`"u4" requires 0 <= integer <= 15 (got 16)`).
#[inline(always)]
pub fn bit_encode<T: NetPack>(value: &T, slot: BitSlot) -> Result<u64, Error> {
    let mut word = [0u8; 8];
    value.__encode::<BigEndian>(&mut word[8 - T::SIZE..], T::__OFFSETS)?;
    let raw = u64::from_be_bytes(word);
    let field = match slot.code {
        b'b' => u64::from(raw != 0),
        b's' => {
            let width = 64 - 8 * T::SIZE as u32;
            let value = ((raw << width) as i64) >> width;
            // In range when the bits above the field's sign bit repeat it.
            let unused = 64 - slot.bits;
            if ((value << unused) >> unused) != value {
                return Err(out_of_range(slot, i128::from(value)));
            }
            value as u64 & slot.mask()
        }
        _ => {
            if raw & !slot.mask() != 0 {
                return Err(out_of_range(slot, i128::from(raw)));
            }
            raw
        }
    };
    Ok(field << slot.shift)
}

/// The field's bits in place in the window, a value that does not fit cut to
/// its bits (for `to_values`, which cannot fail).
#[inline]
pub fn bit_cut<T: NetPack>(value: &T, slot: BitSlot) -> u64 {
    let mut word = [0u8; 8];
    if value
        .__encode::<BigEndian>(&mut word[8 - T::SIZE..], T::__OFFSETS)
        .is_err()
    {
        return 0;
    }
    let raw = match slot.code {
        b'b' => u64::from(u64::from_be_bytes(word) != 0),
        _ => u64::from_be_bytes(word),
    };
    (raw & slot.mask()) << slot.shift
}

#[cold]
#[inline(never)]
fn out_of_range(slot: BitSlot, got: i128) -> Error {
    Error::bits(BitsError::FieldRange {
        code: slot.code,
        bits: slot.bits as u8,
        got: Got::Int(got.to_le_bytes()),
    })
}

/// The field's bits as its type's big-endian bytes (in the low bytes of a word).
#[inline(always)]
fn field_word(window: u64, slot: BitSlot) -> [u8; 8] {
    let field = (window >> slot.shift) & slot.mask();
    let value = match slot.code {
        b'b' => u64::from(field != 0),
        b's' => {
            let unused = 64 - slot.bits;
            (((field << unused) as i64) >> unused) as u64
        }
        _ => field,
    };
    value.to_be_bytes()
}

/// Checks that the field's bits are a value of its type (an enum's variant).
#[inline(always)]
pub fn bit_check<T: NetPack>(window: u64, slot: BitSlot) -> Result<(), Error> {
    let word = field_word(window, slot);
    T::__check::<BigEndian>(&word[8 - T::SIZE..], T::__OFFSETS)
}

/// The field's value, once [`bit_check`] has accepted it.
#[inline(always)]
pub fn bit_decode<T: NetPack>(window: u64, slot: BitSlot) -> T {
    let word = field_word(window, slot);
    T::__decode::<BigEndian>(&word[8 - T::SIZE..], T::__OFFSETS)
}

/// The field's value, checked: a message's decode.
#[inline(always)]
pub fn bit_decode_checked<T: NetPack>(window: u64, slot: BitSlot) -> Result<T, Error> {
    bit_check::<T>(window, slot)?;
    Ok(bit_decode::<T>(window, slot))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn slots_come_from_the_bitstruct_format() {
        // IPv4's first two bytes: version, IHL, DSCP, ECN.
        let slots = bit_slots::<4>("u4u4u6u2");
        let shifts: [u32; 4] = core::array::from_fn(|i| slots[i].shift);
        assert_eq!(shifts, [12, 8, 2, 0]);
        assert_eq!(
            bit_slots::<2>("p3s5b8")[0],
            BitSlot {
                shift: 8,
                bits: 5,
                code: b's'
            }
        );
        assert_eq!(bit_run_size("u4u4u6u2"), 2);
    }

    #[test]
    fn fields_round_trip_and_refuse_what_does_not_fit() {
        let slot = bit_slots::<2>("s4u4")[0];
        let window = bit_encode(&-8i8, slot).unwrap();
        assert_eq!(window, 0x80);
        assert_eq!(bit_decode::<i8>(window, slot), -8);
        let err = bit_encode(&8i8, slot).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"s4\" requires -8 <= integer <= 7 (got 8)"
        );
        let slot = bit_slots::<2>("s4u4")[1];
        let err = bit_encode(&16u16, slot).unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"u4\" requires 0 <= integer <= 15 (got 16)"
        );
        assert_eq!(bit_encode(&true, bit_slots::<1>("b8")[0]), Ok(1));
    }

    #[test]
    fn windows_are_big_or_little_endian() {
        let buf = [0x12, 0x34, 0x56];
        assert_eq!(read_run::<2>(&buf, 1, false), 0x3456);
        assert_eq!(read_run::<2>(&buf, 1, true), 0x5634);
        assert_eq!(run_bytes::<2>(0x3456, true), [0x56, 0x34]);
    }
}
