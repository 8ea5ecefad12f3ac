//! The stepping parser of bit formats: format bytes in, laid-out bit fields out,
//! in `const fn`.

use super::unicode::{char_at, decimal, is_space};
use super::{BitsFormatError, BitsFormatErrorKind, MAX_BITS};

/// What a bit field holds: bitstruct's eight codes.
///
/// ```
/// use netpack_format::bits::BitCode;
///
/// assert_eq!(BitCode::from_char(b'u'), Some(BitCode::Unsigned));
/// assert_eq!(BitCode::from_char(b'x'), None);
/// assert!(BitCode::PadOnes.is_padding());
/// assert_eq!(BitCode::Text.as_char(), b't');
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BitCode {
    /// `u`: an unsigned integer.
    Unsigned = b'u',
    /// `s`: a signed integer, two's complement.
    Signed = b's',
    /// `f`: an IEEE 754 float of 16, 32 or 64 bits (other lengths parse, and
    /// fail when packed or unpacked, as in bitstruct).
    Float = b'f',
    /// `b`: a boolean (any non-zero field unpacks to `True`).
    Bool = b'b',
    /// `t`: text, UTF-8.
    Text = b't',
    /// `r`: raw bytes.
    Raw = b'r',
    /// `p`: padding, packed as zeros, skipped when unpacking.
    PadZeros = b'p',
    /// `P`: padding, packed as ones, skipped when unpacking.
    PadOnes = b'P',
}

impl BitCode {
    /// The code for a letter, or `None` if it is not one of `u s f b t r p P`.
    pub const fn from_char(c: u8) -> Option<BitCode> {
        Some(match c {
            b'u' => BitCode::Unsigned,
            b's' => BitCode::Signed,
            b'f' => BitCode::Float,
            b'b' => BitCode::Bool,
            b't' => BitCode::Text,
            b'r' => BitCode::Raw,
            b'p' => BitCode::PadZeros,
            b'P' => BitCode::PadOnes,
            _ => return None,
        })
    }

    /// The letter.
    pub const fn as_char(self) -> u8 {
        self as u8
    }

    /// Whether the field is padding (`p`, `P`): it takes and gives no value.
    pub const fn is_padding(self) -> bool {
        matches!(self, BitCode::PadZeros | BitCode::PadOnes)
    }

    /// Whether the field is a byte string (`t`, `r`), which the byte order
    /// suffix leaves as it is.
    pub const fn is_bytes(self) -> bool {
        matches!(self, BitCode::Text | BitCode::Raw)
    }
}

/// The order of a field's bits: the sticky `>`/`<` prefix of a group.
///
/// ```
/// use netpack_format::bits::BitOrder;
/// assert_eq!(BitOrder::from_char(b'<'), Some(BitOrder::LsbFirst));
/// assert_eq!(BitOrder::MsbFirst.as_char(), b'>');
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BitOrder {
    /// `>` (the default): most significant bit first, as network headers draw
    /// their fields.
    MsbFirst,
    /// `<`: least significant bit first (the field's bits are reversed).
    LsbFirst,
}

impl BitOrder {
    /// The order a prefix selects, `None` for anything but `>` and `<`.
    pub const fn from_char(c: u8) -> Option<BitOrder> {
        match c {
            b'>' => Some(BitOrder::MsbFirst),
            b'<' => Some(BitOrder::LsbFirst),
            _ => None,
        }
    }

    /// The prefix character.
    pub const fn as_char(self) -> u8 {
        match self {
            BitOrder::MsbFirst => b'>',
            BitOrder::LsbFirst => b'<',
        }
    }
}

/// The order of the bytes of the fields: the format's `>`/`<` suffix.
///
/// ```
/// use netpack_format::bits::{ByteOrder, Parser};
/// assert_eq!(Parser::new(b"u16<").unwrap().byte_order(), ByteOrder::Little);
/// assert_eq!(Parser::new(b"<u16").unwrap().byte_order(), ByteOrder::Big);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ByteOrder {
    /// `>` or no suffix: most significant byte first.
    Big,
    /// `<`: least significant byte first. A field's bits are written in pieces
    /// from its least significant end, the first one filling the byte the field
    /// starts in; text and raw fields are left as they are.
    Little,
}

impl ByteOrder {
    /// The suffix character (`>` for [`ByteOrder::Big`]).
    pub const fn as_char(self) -> u8 {
        match self {
            ByteOrder::Big => b'>',
            ByteOrder::Little => b'<',
        }
    }
}

/// One bit field of a format, laid out.
///
/// ```
/// use netpack_format::bits::{BitCode, BitOrder, Parser};
///
/// let mut parser = Parser::new(b"u1<s3 u4").unwrap();
/// let _ = parser.next_item();
/// let item = parser.next_item().unwrap().unwrap();
/// assert_eq!((item.code, item.bits, item.offset), (BitCode::Signed, 3, 1));
/// assert_eq!((item.bit_order, item.position, item.prefixed), (BitOrder::LsbFirst, 3, true));
/// assert_eq!(item.text_len, 2); // "s3": the code and its length
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Item {
    /// The code.
    pub code: BitCode,
    /// The length in bits.
    pub bits: usize,
    /// The bit offset of the field's first bit from the start of the format.
    pub offset: usize,
    /// The order of the field's bits (its own prefix, or the last one before it).
    pub bit_order: BitOrder,
    /// The format's byte order (the same for every field).
    pub byte_order: ByteOrder,
    /// The byte position of the code letter in the format.
    pub position: usize,
    /// How many bytes of the format the letter and the length take (`u16`: 3).
    pub text_len: usize,
    /// Whether the group has its own bit order prefix, just before `position`.
    pub prefixed: bool,
    /// The index of the value the field takes and gives (for padding, the index
    /// the next value will have).
    pub value: usize,
}

impl Item {
    /// How many values the field takes when packing and gives when unpacking:
    /// none for padding, one otherwise.
    pub const fn values(&self) -> usize {
        if self.code.is_padding() {
            0
        } else {
            1
        }
    }

    /// The bit offset just after the field.
    pub const fn end(&self) -> usize {
        self.offset + self.bits
    }

    /// Whether the `<` byte order moves this field's bits: a little-endian
    /// format's field that is not text or raw.
    pub const fn is_reordered(&self) -> bool {
        matches!(self.byte_order, ByteOrder::Little) && !self.code.is_bytes()
    }

    /// Which bit of the value bitstruct writes at bit `i` of the field (`i` <
    /// [`bits`](Item::bits)), counted from the value's first bit as the `>` orders
    /// write it (0: its most significant bit, or a text or raw value's first
    /// bit), when the field starts at bit `align` of a byte: at its
    /// [`offset`](Item::offset) `% 8` when packing from the start, as it counts
    /// from the start of the buffer for `pack_into` and from the offset for
    /// `unpack_from`.
    ///
    /// The `<` bit order reverses the value's bits; the `<` byte order writes
    /// them in pieces from the least significant end: as many as fill the byte
    /// the field starts in, then eight at a time.
    ///
    /// ```
    /// use netpack_format::bits::Parser;
    ///
    /// let item = |fmt: &[u8]| Parser::new(fmt).unwrap().next_item().unwrap().unwrap();
    /// // u16 little-endian: the first byte holds bits 8..16 of the value (its low byte).
    /// let u16_le = item(b"u16<");
    /// assert_eq!(u16_le.value_bit(0, 0), 8);
    /// assert_eq!(u16_le.value_bit(8, 0), 0);
    /// // Starting at bit 4 of a byte, the first piece is the value's low 4 bits.
    /// assert_eq!(u16_le.value_bit(0, 4), 12);
    /// assert_eq!(u16_le.value_bit(4, 4), 4);
    /// // The `<` bit order alone: the bits reversed.
    /// assert_eq!(item(b"<u4").value_bit(0, 0), 3);
    /// ```
    pub const fn value_bit(&self, i: usize, align: usize) -> usize {
        let n = self.bits;
        let first = 8 - align % 8;
        let written = if !self.is_reordered() || n <= first {
            i
        } else if i < first {
            n - first + i
        } else {
            let end = n - first - (i - first) / 8 * 8;
            let len = if end < 8 { end } else { 8 };
            end - len + (i - first) % 8
        };
        match self.bit_order {
            BitOrder::LsbFirst => n - 1 - written,
            BitOrder::MsbFirst => written,
        }
    }
}

/// The totals of a whole bit format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Summary {
    /// The byte order suffix.
    pub byte_order: ByteOrder,
    /// The length in bits (bitstruct's `calcsize`).
    pub bits: usize,
    /// The number of values packed and unpacked.
    pub values: usize,
    /// The number of fields, padding included.
    pub items: usize,
}

impl Summary {
    /// The packed size in bytes: the bits rounded up to whole bytes.
    pub const fn bytes(&self) -> usize {
        self.bits.div_ceil(8)
    }
}

/// Walks a bit format one [`Item`] at a time, as bitstruct's `_parse_format`.
///
/// [`Parser::new`] checks the shape of the whole format first, as bitstruct's
/// regex does (so `"x1 ?"` is a bad format before `x` is a bad char); then each
/// [`next_item`](Parser::next_item) reads one group and rejects a zero length, an
/// unknown letter or a length too large, in format order. Works in `const`
/// context and as an [`Iterator`].
///
/// ```
/// use netpack_format::bits::{BitCode, ByteOrder, Parser};
///
/// let parser = Parser::new(b"u1u3u4s16<").unwrap();
/// assert_eq!(parser.byte_order(), ByteOrder::Little);
/// let items: Vec<_> = parser.map(|item| item.unwrap()).collect();
/// assert_eq!(items.len(), 4);
/// assert_eq!((items[3].code, items[3].bits, items[3].offset), (BitCode::Signed, 16, 8));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Parser<'a> {
    fmt: &'a [u8],
    /// Where the groups end (before the byte order suffix).
    end: usize,
    pos: usize,
    byte_order: ByteOrder,
    bit_order: BitOrder,
    bits: usize,
    values: usize,
    items: usize,
    failed: bool,
}

const fn error(kind: BitsFormatErrorKind, position: usize, byte: u8) -> BitsFormatError {
    BitsFormatError {
        kind,
        position,
        byte,
    }
}

/// Where the group starting at `i` ends (after its trailing spaces), or `None`
/// when no group starts there. `end` is where the groups end.
const fn group_end(fmt: &[u8], mut i: usize, end: usize) -> Option<usize> {
    if i < end && BitOrder::from_char(fmt[i]).is_some() {
        i += 1;
    }
    if i == end || !fmt[i].is_ascii_alphabetic() {
        return None;
    }
    i += 1;
    let mut digits = 0;
    while i < end {
        match char_at(fmt, i) {
            Some((c, len)) if decimal(c).is_some() && i + len <= end => {
                i += len;
                digits += 1;
            }
            _ => break,
        }
    }
    if digits == 0 {
        return None;
    }
    while i < end {
        match char_at(fmt, i) {
            Some((c, len)) if is_space(c) && i + len <= end => i += len,
            _ => break,
        }
    }
    Some(i)
}

impl<'a> Parser<'a> {
    /// Starts parsing `fmt`: takes the byte order suffix off its end and checks
    /// that the rest is made of groups.
    ///
    /// # Errors
    ///
    /// [`BitsFormatErrorKind::BadFormat`] at the first group that is not one.
    pub const fn new(fmt: &'a [u8]) -> Result<Parser<'a>, BitsFormatError> {
        let (end, byte_order) = match fmt.last() {
            Some(b'<') => (fmt.len() - 1, ByteOrder::Little),
            Some(b'>') => (fmt.len() - 1, ByteOrder::Big),
            _ => (fmt.len(), ByteOrder::Big),
        };
        let mut i = 0;
        while i < end {
            match group_end(fmt, i, end) {
                Some(next) => i = next,
                None => return Err(error(BitsFormatErrorKind::BadFormat, i, 0)),
            }
        }
        Ok(Parser {
            fmt,
            end,
            pos: 0,
            byte_order,
            bit_order: BitOrder::MsbFirst,
            bits: 0,
            values: 0,
            items: 0,
            failed: false,
        })
    }

    /// The byte order the suffix selects.
    pub const fn byte_order(&self) -> ByteOrder {
        self.byte_order
    }

    /// The bits laid out so far: the end of the last field parsed.
    pub const fn bits(&self) -> usize {
        self.bits
    }

    /// The number of values taken by the fields parsed so far.
    pub const fn values(&self) -> usize {
        self.values
    }

    /// The number of fields parsed so far.
    pub const fn items(&self) -> usize {
        self.items
    }

    /// Parses the next field, or returns `Ok(None)` at the end of the format.
    ///
    /// # Errors
    ///
    /// [`ZeroLength`](BitsFormatErrorKind::ZeroLength), [`BadChar`](BitsFormatErrorKind::BadChar)
    /// or [`TooLarge`](BitsFormatErrorKind::TooLarge) for this group.
    pub const fn next_item(&mut self) -> Result<Option<Item>, BitsFormatError> {
        if self.pos >= self.end {
            return Ok(None);
        }
        let fmt = self.fmt;
        let start = self.pos;
        let mut i = start;
        let prefixed = match BitOrder::from_char(fmt[i]) {
            Some(order) => {
                self.bit_order = order;
                i += 1;
                true
            }
            None => false,
        };
        let position = i;
        let letter = fmt[i];
        i += 1;
        let mut bits = 0usize;
        let mut too_large = false;
        while i < self.end {
            let (digit, len) = match char_at(fmt, i) {
                Some((c, len)) => match decimal(c) {
                    Some(d) => (d as usize, len),
                    None => break,
                },
                None => break,
            };
            if bits > (MAX_BITS - digit) / 10 {
                too_large = true;
            } else {
                bits = bits * 10 + digit;
            }
            i += len;
        }
        let text_len = i - position;
        // Trailing spaces (the shape was checked in `new`).
        match group_end(fmt, start, self.end) {
            Some(next) => self.pos = next,
            None => self.pos = self.end,
        }
        // bitstruct converts the length before it looks at the letter.
        if !too_large && bits == 0 {
            return self.fail(BitsFormatErrorKind::ZeroLength, position, 0);
        }
        let code = match BitCode::from_char(letter) {
            Some(code) => code,
            None => return self.fail(BitsFormatErrorKind::BadChar, position, letter),
        };
        if too_large || bits > MAX_BITS - self.bits {
            return self.fail(BitsFormatErrorKind::TooLarge, position, 0);
        }
        let item = Item {
            code,
            bits,
            offset: self.bits,
            bit_order: self.bit_order,
            byte_order: self.byte_order,
            position,
            text_len,
            prefixed,
            value: self.values,
        };
        self.bits += bits;
        self.values += item.values();
        self.items += 1;
        Ok(Some(item))
    }

    const fn fail(
        &mut self,
        kind: BitsFormatErrorKind,
        position: usize,
        byte: u8,
    ) -> Result<Option<Item>, BitsFormatError> {
        self.failed = true;
        self.pos = self.end;
        Err(error(kind, position, byte))
    }
}

impl Iterator for Parser<'_> {
    type Item = Result<Item, BitsFormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        self.next_item().transpose()
    }
}

/// Parses a whole bit format and returns its totals.
///
/// ```
/// use netpack_format::bits::{summarize, ByteOrder};
///
/// let summary = summarize(b"u1u3p7s16<").unwrap();
/// assert_eq!((summary.bits, summary.values, summary.items), (27, 3, 4));
/// assert_eq!((summary.byte_order, summary.bytes()), (ByteOrder::Little, 4));
/// ```
pub const fn summarize(fmt: &[u8]) -> Result<Summary, BitsFormatError> {
    let mut parser = match Parser::new(fmt) {
        Ok(parser) => parser,
        Err(e) => return Err(e),
    };
    loop {
        match parser.next_item() {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(Summary {
        byte_order: parser.byte_order,
        bits: parser.bits,
        values: parser.values,
        items: parser.items,
    })
}

/// The length of a bit format in bits: bitstruct's `calcsize`.
///
/// ```
/// use netpack_format::bits::calcsize;
///
/// assert_eq!(calcsize(b"u1s3p4"), Ok(8));
/// assert_eq!(calcsize(b"u4u4u6u2"), Ok(16));
/// const IPV4_FIRST_WORD: usize = match calcsize(b"u4u4u6u2u16") { Ok(n) => n, Err(_) => panic!() };
/// assert_eq!(IPV4_FIRST_WORD, 32);
/// assert!(calcsize(b"u0").is_err());
/// ```
pub const fn calcsize(fmt: &[u8]) -> Result<usize, BitsFormatError> {
    match summarize(fmt) {
        Ok(summary) => Ok(summary.bits),
        Err(e) => Err(e),
    }
}
