//! The format codes, with their standard and native (target C) sizes and alignments.

use crate::Order;
use core::ffi::{c_int, c_long, c_longlong, c_short};
use core::mem::{align_of, size_of};

/// One format character: what kind of value an item holds.
///
/// ```
/// use netpack_format::{Code, Order};
///
/// let code = Code::from_char(b'H').unwrap();
/// assert_eq!(code, Code::UShort);
/// assert_eq!(code.size(Order::Network), Some(2));
/// assert_eq!(Code::Pointer.size(Order::Little), None); // `P` is native only
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Code {
    /// `x`: a pad byte, no value.
    Pad = b'x',
    /// `c`: a bytes object of length 1.
    Char = b'c',
    /// `b`: signed char.
    SChar = b'b',
    /// `B`: unsigned char.
    UChar = b'B',
    /// `?`: `_Bool`.
    Bool = b'?',
    /// `h`: short.
    Short = b'h',
    /// `H`: unsigned short.
    UShort = b'H',
    /// `i`: int.
    Int = b'i',
    /// `I`: unsigned int.
    UInt = b'I',
    /// `l`: long.
    Long = b'l',
    /// `L`: unsigned long.
    ULong = b'L',
    /// `q`: long long.
    LongLong = b'q',
    /// `Q`: unsigned long long.
    ULongLong = b'Q',
    /// `n`: `ssize_t` (native only).
    SSize = b'n',
    /// `N`: `size_t` (native only).
    Size = b'N',
    /// `e`: IEEE 754 binary16.
    Half = b'e',
    /// `f`: float.
    Float = b'f',
    /// `d`: double.
    Double = b'd',
    /// `s`: a byte string; the count is its length.
    Bytes = b's',
    /// `p`: a Pascal string (length byte, then bytes); the count is its total length.
    Pascal = b'p',
    /// `P`: `void *` (native only).
    Pointer = b'P',
}

impl Code {
    /// The code for a format character, or `None` if it is not one.
    pub const fn from_char(c: u8) -> Option<Code> {
        Some(match c {
            b'x' => Code::Pad,
            b'c' => Code::Char,
            b'b' => Code::SChar,
            b'B' => Code::UChar,
            b'?' => Code::Bool,
            b'h' => Code::Short,
            b'H' => Code::UShort,
            b'i' => Code::Int,
            b'I' => Code::UInt,
            b'l' => Code::Long,
            b'L' => Code::ULong,
            b'q' => Code::LongLong,
            b'Q' => Code::ULongLong,
            b'n' => Code::SSize,
            b'N' => Code::Size,
            b'e' => Code::Half,
            b'f' => Code::Float,
            b'd' => Code::Double,
            b's' => Code::Bytes,
            b'p' => Code::Pascal,
            b'P' => Code::Pointer,
            _ => return None,
        })
    }

    /// The format character.
    pub const fn as_char(self) -> u8 {
        self as u8
    }

    /// The size in bytes of one element with standard sizes (`= < > !`), or `None`
    /// for the native-only codes `n`, `N` and `P`.
    pub const fn standard_size(self) -> Option<usize> {
        Some(match self {
            Code::Pad | Code::Char | Code::SChar | Code::UChar | Code::Bool => 1,
            Code::Bytes | Code::Pascal => 1,
            Code::Short | Code::UShort | Code::Half => 2,
            Code::Int | Code::UInt | Code::Long | Code::ULong | Code::Float => 4,
            Code::LongLong | Code::ULongLong | Code::Double => 8,
            Code::SSize | Code::Size | Code::Pointer => return None,
        })
    }

    /// The size in bytes of one element in native mode (`@`): the target's C size.
    pub const fn native_size(self) -> usize {
        match self {
            Code::Pad | Code::Char | Code::SChar | Code::UChar | Code::Bytes | Code::Pascal => 1,
            Code::Bool => size_of::<bool>(),
            Code::Short | Code::UShort | Code::Half => size_of::<c_short>(),
            Code::Int | Code::UInt => size_of::<c_int>(),
            Code::Long | Code::ULong => size_of::<c_long>(),
            Code::LongLong | Code::ULongLong => size_of::<c_longlong>(),
            Code::SSize | Code::Size => size_of::<usize>(),
            Code::Float => size_of::<f32>(),
            Code::Double => size_of::<f64>(),
            Code::Pointer => size_of::<*const u8>(),
        }
    }

    /// The alignment of one element in native mode (`@`): the target's C alignment.
    pub const fn native_align(self) -> usize {
        match self {
            Code::Pad | Code::Char | Code::SChar | Code::UChar | Code::Bytes | Code::Pascal => 1,
            Code::Bool => align_of::<bool>(),
            Code::Short | Code::UShort | Code::Half => align_of::<c_short>(),
            Code::Int | Code::UInt => align_of::<c_int>(),
            Code::Long | Code::ULong => align_of::<c_long>(),
            Code::LongLong | Code::ULongLong => align_of::<c_longlong>(),
            Code::SSize | Code::Size => align_of::<usize>(),
            Code::Float => align_of::<f32>(),
            Code::Double => align_of::<f64>(),
            Code::Pointer => align_of::<*const u8>(),
        }
    }

    /// The size of one element under `order`, or `None` where the code does not
    /// exist in that mode (`n N P` outside `@`).
    pub const fn size(self, order: Order) -> Option<usize> {
        if order.is_native() {
            Some(self.native_size())
        } else {
            self.standard_size()
        }
    }

    /// The alignment of one element under `order` (1 outside native mode).
    pub const fn align(self, order: Order) -> usize {
        if order.is_native() {
            self.native_align()
        } else {
            1
        }
    }

    /// Whether the code holds a signed integer (`b h i l q n`).
    pub const fn is_signed_int(self) -> bool {
        matches!(
            self,
            Code::SChar | Code::Short | Code::Int | Code::Long | Code::LongLong | Code::SSize
        )
    }

    /// Whether the code holds an unsigned integer (`B H I L Q N P`).
    pub const fn is_unsigned_int(self) -> bool {
        matches!(
            self,
            Code::UChar
                | Code::UShort
                | Code::UInt
                | Code::ULong
                | Code::ULongLong
                | Code::Size
                | Code::Pointer
        )
    }

    /// Whether the code holds a float (`e f d`).
    pub const fn is_float(self) -> bool {
        matches!(self, Code::Half | Code::Float | Code::Double)
    }

    /// Whether the count is a byte length (one value) rather than a repetition:
    /// `s` and `p`.
    pub const fn is_string(self) -> bool {
        matches!(self, Code::Bytes | Code::Pascal)
    }

    /// How many values an item of this code with repeat `count` takes and gives:
    /// `x` none, `s`/`p` one, the others `count`.
    pub const fn values(self, count: usize) -> usize {
        match self {
            Code::Pad => 0,
            Code::Bytes | Code::Pascal => 1,
            _ => count,
        }
    }
}
