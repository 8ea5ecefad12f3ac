//! Python's `\d` and `\s`: the characters bitstruct's format regex (and Python's
//! `int()`) reads as decimal digits and as whitespace, from the Unicode 14.0
//! database of CPython 3.11. `tests/tests/bitstruct_vectors.rs` checks both tables
//! against the oracle's `str.isdecimal()` and `str.isspace()`.

/// The zero of every run of ten decimal digits (Unicode category `Nd`): digit
/// `d` of a run is `zero + d`.
const DIGIT_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// Every character `str.isspace()` holds true for.
const SPACES: [u32; 29] = [
    0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
    0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
    0x205f, 0x3000,
];

/// The value of a decimal digit as Python's regex `\d` and `int()` read it: the
/// ASCII digits and every other character of category `Nd` (`'٣'` is 3).
///
/// ```
/// use netpack_format::bits::decimal;
///
/// assert_eq!(decimal('7'), Some(7));
/// assert_eq!(decimal('\u{663}'), Some(3)); // ARABIC-INDIC DIGIT THREE
/// assert_eq!(decimal('x'), None);
/// assert_eq!(decimal('\u{b2}'), None); // SUPERSCRIPT TWO is a digit, not a decimal
/// ```
pub const fn decimal(c: char) -> Option<u32> {
    let c = c as u32;
    if matches!(c, 0x30..=0x39) {
        return Some(c - 0x30);
    }
    // The last run whose zero is at or before `c`.
    let (mut lo, mut hi) = (0, DIGIT_ZEROS.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if DIGIT_ZEROS[mid] <= c {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if lo == 0 {
        return None;
    }
    let zero = DIGIT_ZEROS[lo - 1];
    if c - zero < 10 {
        Some(c - zero)
    } else {
        None
    }
}

/// Whether Python's regex `\s` (and `str.isspace()`) takes `c` for whitespace:
/// the six ASCII ones, the four ASCII separators `\x1c`..`\x1f`, and the
/// Unicode spaces (`\u{a0}`, `\u{3000}`, …).
///
/// ```
/// use netpack_format::bits::is_space;
///
/// assert!(is_space(' ') && is_space('\x1c') && is_space('\u{3000}'));
/// assert!(!is_space('\u{200b}')); // ZERO WIDTH SPACE is not whitespace to Python
/// ```
pub const fn is_space(c: char) -> bool {
    let c = c as u32;
    let mut i = 0;
    while i < SPACES.len() {
        if SPACES[i] == c {
            return true;
        }
        i += 1;
    }
    false
}

/// The character at `fmt[i..]` and its length in bytes, or `None` when the bytes
/// there are not UTF-8 (a format is text to Python; other bytes match nothing).
pub(crate) const fn char_at(fmt: &[u8], i: usize) -> Option<(char, usize)> {
    let b0 = fmt[i];
    let (len, init) = match b0 {
        0x00..=0x7f => return Some((b0 as char, 1)),
        0xc2..=0xdf => (2, (b0 & 0x1f) as u32),
        0xe0..=0xef => (3, (b0 & 0x0f) as u32),
        0xf0..=0xf4 => (4, (b0 & 0x07) as u32),
        _ => return None,
    };
    if i + len > fmt.len() {
        return None;
    }
    let mut c = init;
    let mut k = 1;
    while k < len {
        let b = fmt[i + k];
        if b & 0xc0 != 0x80 {
            return None;
        }
        c = (c << 6) | (b & 0x3f) as u32;
        k += 1;
    }
    // Overlong forms and surrogates are not UTF-8.
    let min = match len {
        2 => 0x80,
        3 => 0x800,
        _ => 0x1_0000,
    };
    if c < min {
        return None;
    }
    match char::from_u32(c) {
        Some(ch) => Some((ch, len)),
        None => None,
    }
}
