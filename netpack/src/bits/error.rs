//! The errors of `netpack::bits`, worded as bitstruct (and the Python builtins it
//! calls: `int()`, `float()`, `str.encode`, `bytes.decode`) words them.
//!
//! An [`Error`](crate::Error) is a small `Copy` value that never allocates, so a
//! message that quotes text (bitstruct's `bad format '…'`, `int()`'s `invalid
//! literal … 'abc'`) keeps the text inline, up to [`Inline::CAPACITY`] bytes; a
//! longer one is cut there, at a character boundary, and ends with `…`.

use crate::bits::text::{DecodeFailure, Reason};
use crate::{ErrorKind, ValueRef};
use core::fmt::{self, Write as _};
use netpack_format::bits::{BitsFormatError, BitsFormatErrorKind};

/// A `usize` stored as bytes, so that [`BitsError`] has an alignment of 1 and
/// fits in the space `Error` already has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Num([u8; 8]);

impl Num {
    pub(crate) const fn new(n: usize) -> Num {
        Num((n as u64).to_le_bytes())
    }

    pub(crate) const fn get(self) -> u64 {
        u64::from_le_bytes(self.0)
    }
}

/// Text kept inside an error: at most [`Inline::CAPACITY`] bytes, cut at a
/// character boundary.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Inline {
    /// The length, with the top bit set when the text was cut.
    len: u8,
    bytes: [u8; Inline::CAPACITY],
}

impl Inline {
    /// How much of a quoted text an error keeps.
    pub(crate) const CAPACITY: usize = 48;
    const CUT: u8 = 0x80;

    pub(crate) const fn empty() -> Inline {
        Inline {
            len: 0,
            bytes: [0; Inline::CAPACITY],
        }
    }

    /// What `value` displays as (Python's `str()`), cut to fit.
    pub(crate) fn display(value: impl fmt::Display) -> Inline {
        let mut text = Inline::empty();
        let _ = write!(text, "{value}");
        text
    }

    pub(crate) fn as_str(&self) -> &str {
        let len = usize::from(self.len & !Inline::CUT);
        core::str::from_utf8(&self.bytes[..len]).unwrap_or("")
    }

    fn is_cut(&self) -> bool {
        self.len & Inline::CUT != 0
    }
}

impl fmt::Write for Inline {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.is_cut() {
            return Ok(());
        }
        let len = usize::from(self.len);
        let room = Inline::CAPACITY - len;
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        self.bytes[len..len + take].copy_from_slice(&s.as_bytes()[..take]);
        self.len = (len + take) as u8;
        if take < s.len() {
            self.len |= Inline::CUT;
        }
        Ok(())
    }
}

impl fmt::Display for Inline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())?;
        if self.is_cut() {
            f.write_char('…')?;
        }
        Ok(())
    }
}

impl fmt::Debug for Inline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// The value an argument error quotes, as Python's `str(arg)` shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Got {
    Int([u8; 16]),
    Text(Inline),
}

impl Got {
    pub(crate) fn of(value: ValueRef<'_>) -> Got {
        match value {
            ValueRef::Int(i) => Got::Int(i.to_le_bytes()),
            // str(x) of a str is the text itself, not its repr.
            ValueRef::Str(s) => Got::Text(Inline::display(s)),
            other => Got::Text(Inline::display(other)),
        }
    }
}

impl fmt::Display for Got {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Got::Int(bytes) => write!(f, "{}", i128::from_le_bytes(*bytes)),
            Got::Text(text) => fmt::Display::fmt(text, f),
        }
    }
}

/// A Python type name, for the `TypeError`s and `AttributeError`s of `t` and `r`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum TypeName {
    Int,
    Bool,
    Float,
    Bytes,
}

impl TypeName {
    pub(crate) fn of(value: ValueRef<'_>) -> Option<TypeName> {
        Some(match value {
            ValueRef::Int(_) => TypeName::Int,
            ValueRef::Bool(_) => TypeName::Bool,
            ValueRef::Float(_) => TypeName::Float,
            ValueRef::Bytes(_) => TypeName::Bytes,
            ValueRef::Str(_) => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            TypeName::Int => "int",
            TypeName::Bool => "bool",
            TypeName::Float => "float",
            TypeName::Bytes => "bytes",
        }
    }
}

/// What went wrong in `netpack::bits`. The field it happened in (code, length,
/// format position, value index) is the error's place, not part of this.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum BitsError {
    /// The format was rejected; `text` is the format, for `bad format '…'`.
    Format {
        kind: BitsFormatErrorKind,
        byte: u8,
        position: Num,
        text: Inline,
    },
    /// bitstruct: `pack expected 2 item(s) for packing (got 1)`.
    ArgCount { expected: Num, got: Num },
    /// bitstruct: `"u4" requires 0 <= integer <= 15 (got 16)`.
    IntRange { got: Got },
    /// A derived bit field's value out of its range: the field's code and length
    /// are carried here, since the error's place is the field's path.
    FieldRange { code: u8, bits: u8, got: Got },
    /// `int(nan)`: `cannot convert float NaN to integer`.
    NanToInt,
    /// `int(inf)`: `cannot convert float infinity to integer`.
    InfinityToInt,
    /// `int('abc')`: `invalid literal for int() with base 10: 'abc'`.
    IntLiteral { repr: Inline },
    /// `int('9' * 5000)`: `Exceeds the limit (4300 digits) …: value has 5000 digits …`.
    IntDigits { digits: Num },
    /// `float('abc')`: `could not convert string to float: 'abc'`.
    FloatLiteral { repr: Inline },
    /// bitstruct: `expected float size of 16, 32, or 64 bits (got 8)`.
    FloatSize,
    /// `struct.pack('>e', 1e6)`: `float too large to pack with e format`.
    FloatTooLarge { code: u8 },
    /// `t` given something else than a `str`: `'int' object has no attribute 'encode'`.
    NoEncode { type_name: TypeName },
    /// `r` given a number: `object of type 'int' has no len()`.
    NoLen { type_name: TypeName },
    /// `r` given a `str`: `can only concatenate str (not "bytes") to str`.
    StrPlusBytes,
    /// A `t` field that is not UTF-8: `'utf-8' codec can't decode byte 0xff in position 0: invalid start byte`.
    Decode {
        start: Num,
        end: Num,
        byte: u8,
        reason: Reason,
    },
    /// bitstruct: `unpack requires at least 16 bits to unpack (got 8)`.
    Unpack { needed: Num, got: Num },
    /// bitstruct: `pack_into requires a buffer of at least 16 bits`.
    PackInto { needed: Num },
    /// An integer beyond `i128` (a field of more than 127 bits): no Python
    /// counterpart, Python's `int` has no limit.
    Unrepresentable,
}

/// Python 3.11's `sys.get_int_max_str_digits()`: the longest decimal `int()`
/// reads and `str()` writes.
pub(crate) const MAX_STR_DIGITS: usize = 4300;

impl BitsError {
    pub(crate) fn format(e: BitsFormatError, format: &str) -> BitsError {
        BitsError::Format {
            kind: e.kind,
            byte: e.byte,
            position: Num::new(e.position),
            text: Inline::display(format),
        }
    }

    pub(crate) fn decode(failure: DecodeFailure) -> BitsError {
        BitsError::Decode {
            start: Num::new(failure.start),
            end: Num::new(failure.end),
            byte: failure.byte,
            reason: failure.reason,
        }
    }

    /// The format error, when the format was rejected.
    pub(crate) fn format_error(&self) -> Option<BitsFormatError> {
        match *self {
            BitsError::Format {
                kind,
                byte,
                position,
                ..
            } => Some(BitsFormatError {
                kind,
                position: position.get() as usize,
                byte,
            }),
            _ => None,
        }
    }

    pub(crate) const fn kind(&self) -> ErrorKind {
        match self {
            BitsError::Format {
                kind: BitsFormatErrorKind::TooLarge,
                ..
            } => ErrorKind::FormatTooLarge,
            BitsError::Format { .. } | BitsError::FloatSize => ErrorKind::BadFormat,
            BitsError::ArgCount { .. } => ErrorKind::ArgCount,
            BitsError::IntLiteral { .. }
            | BitsError::FloatLiteral { .. }
            | BitsError::NoEncode { .. }
            | BitsError::NoLen { .. }
            | BitsError::StrPlusBytes => ErrorKind::ArgType,
            BitsError::IntRange { .. }
            | BitsError::FieldRange { .. }
            | BitsError::NanToInt
            | BitsError::InfinityToInt
            | BitsError::IntDigits { .. }
            | BitsError::FloatTooLarge { .. } => ErrorKind::ArgRange,
            BitsError::Decode { .. } => ErrorKind::InvalidValue,
            BitsError::Unpack { .. } | BitsError::PackInto { .. } => ErrorKind::BufferSize,
            BitsError::Unrepresentable => ErrorKind::Unrepresentable,
        }
    }

    /// The message; `field` is the code and length of the field the error is
    /// about (from the error's place), for the messages that name them.
    pub(crate) fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        field: Option<(u8, u64)>,
    ) -> fmt::Result {
        match self {
            BitsError::Format {
                kind,
                byte,
                position,
                text,
            } => match kind {
                BitsFormatErrorKind::BadFormat | BitsFormatErrorKind::ZeroLength => write!(
                    f,
                    "bad format '{text}' (at format position {})",
                    position.get()
                ),
                _ => {
                    let e = BitsFormatError {
                        kind: *kind,
                        position: position.get() as usize,
                        byte: *byte,
                    };
                    fmt::Display::fmt(&e, f)
                }
            },
            BitsError::ArgCount { expected, got } => write!(
                f,
                "pack expected {} item(s) for packing (got {})",
                expected.get(),
                got.get()
            ),
            BitsError::IntRange { got } => {
                let (code, bits) = field.unwrap_or((b'u', 0));
                write_range(f, code, bits)?;
                write!(f, " (got {got})")
            }
            BitsError::FieldRange { code, bits, got } => {
                write_range(f, *code, u64::from(*bits))?;
                write!(f, " (got {got})")
            }
            BitsError::NanToInt => f.write_str("cannot convert float NaN to integer"),
            BitsError::InfinityToInt => f.write_str("cannot convert float infinity to integer"),
            BitsError::IntLiteral { repr } => {
                write!(f, "invalid literal for int() with base 10: {repr}")
            }
            BitsError::IntDigits { digits } => write!(
                f,
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: \
                 value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
                digits.get()
            ),
            BitsError::FloatLiteral { repr } => {
                write!(f, "could not convert string to float: {repr}")
            }
            BitsError::FloatSize => write!(
                f,
                "expected float size of 16, 32, or 64 bits (got {})",
                field.map_or(0, |(_, bits)| bits)
            ),
            BitsError::FloatTooLarge { code } => {
                write!(f, "float too large to pack with {} format", *code as char)
            }
            BitsError::NoEncode { type_name } => write!(
                f,
                "'{}' object has no attribute 'encode'",
                type_name.as_str()
            ),
            BitsError::NoLen { type_name } => {
                write!(f, "object of type '{}' has no len()", type_name.as_str())
            }
            BitsError::StrPlusBytes => {
                f.write_str("can only concatenate str (not \"bytes\") to str")
            }
            BitsError::Decode {
                start,
                end,
                byte,
                reason,
            } => fmt::Display::fmt(
                &DecodeFailure {
                    start: start.get() as usize,
                    end: end.get() as usize,
                    byte: *byte,
                    reason: *reason,
                },
                f,
            ),
            BitsError::Unpack { needed, got } => write!(
                f,
                "unpack requires at least {} bits to unpack (got {})",
                needed.get(),
                got.get()
            ),
            BitsError::PackInto { needed } => write!(
                f,
                "pack_into requires a buffer of at least {} bits",
                needed.get()
            ),
            BitsError::Unrepresentable => {
                f.write_str("integer beyond the range of i128 (netpack's Value::Int)")
            }
        }
    }
}

/// `"u4" requires 0 <= integer <= 15`, or for fields so long that a bound has
/// more than 4300 digits, the `ValueError` Python raises while writing it.
fn write_range(f: &mut fmt::Formatter<'_>, code: u8, bits: u64) -> fmt::Result {
    let signed = code == b's';
    // The bound with the most digits: 2**bits - 1, or -2**(bits-1).
    let widest = if signed { bits.saturating_sub(1) } else { bits };
    if crate::bits::decimal::pow2_digits(widest) > MAX_STR_DIGITS as u64 {
        return write!(
            f,
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        );
    }
    use crate::bits::decimal::Pow2;
    let c = code as char;
    if signed {
        let k = bits.saturating_sub(1);
        write!(
            f,
            "\"{c}{bits}\" requires -{} <= integer <= {}",
            Pow2 {
                exp: k,
                minus_one: false
            },
            Pow2 {
                exp: k,
                minus_one: true
            }
        )
    } else {
        write!(
            f,
            "\"{c}{bits}\" requires 0 <= integer <= {}",
            Pow2 {
                exp: bits,
                minus_one: true
            }
        )
    }
}
