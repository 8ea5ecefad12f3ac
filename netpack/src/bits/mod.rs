//! Python's [`bitstruct`] in Rust: formats of bit fields (`"u1u3u4s16"`), packed
//! and unpacked bit for bit as bitstruct 8.24's pure-Python module does.
//!
//! ```
//! use netpack::Value;
//!
//! // Python: bitstruct.pack("u1u3u4s16", 1, 2, 3, -4)
//! let packed = netpack::bits::pack("u1u3u4s16", &[1.into(), 2.into(), 3.into(), (-4).into()])?;
//! assert_eq!(packed, b"\xa3\xff\xfc");
//!
//! // Python: bitstruct.unpack("u1u3u4s16", b"\xa3\xff\xfc")
//! let values = netpack::bits::unpack("u1u3u4s16", &packed)?;
//! assert_eq!(values, [Value::Int(1), Value::Int(2), Value::Int(3), Value::Int(-4)]);
//!
//! // An IPv4 header's first word, as RFC 791 draws it: version, IHL, DSCP, ECN, length.
//! let ipv4 = netpack::bits::compile("u4u4u6u2u16")?;
//! let word = ipv4.unpack(b"\x45\x00\x00\x3c")?;
//! assert_eq!(word[..2], [Value::Int(4), Value::Int(5)]);
//! # Ok::<(), netpack::Error>(())
//! ```
//!
//! # Python names, Rust types
//!
//! | Python | netpack |
//! |---|---|
//! | `bitstruct.calcsize(fmt)` (bits) | [`calcsize`] |
//! | `bitstruct.pack(fmt, *args)` | [`pack()`] |
//! | `bitstruct.pack_into(fmt, buf, offset, *args)` | [`pack_into`] |
//! | `… fill_padding=False` | [`pack_into_keep_padding`] |
//! | `bitstruct.unpack(fmt, data)` | [`unpack()`] |
//! | `bitstruct.unpack_from(fmt, data, offset)` | [`unpack_from`] |
//! | `… allow_truncated=True` | [`unpack_truncated`], [`unpack_from_truncated`] |
//! | `bitstruct.compile(fmt)` | [`compile`], [`CompiledFormat`] |
//! | `bitstruct.byteswap(fmt, data, offset)` | [`byteswap`] |
//! | `bitstruct.Error` | [`Error`] (with an [`ErrorKind`](crate::ErrorKind)) |
//! | `int`, `bool`, `float`, `bytes`, `str` | [`Value`] (`Str` for `t`) |
//!
//! The format language is `netpack-format`'s [second grammar](netpack_format::bits):
//! codes `u` (unsigned), `s` (signed), `f` (float: 16, 32 or 64 bits), `b`
//! (bool), `t` (text), `r` (raw bytes), `p`/`P` (padding of zeros/ones), each
//! with a length in bits; a sticky `>`/`<` bit order before a code; a `>`/`<`
//! byte order at the end; spaces between groups. Offsets are in bits.
//!
//! # Semantics
//!
//! The pure-Python module is the reference, corner for corner, and a test suite
//! replays vectors it produced (`tests/bitstruct/`). What a user may not expect:
//!
//! - An argument is converted as bitstruct converts it: `int(arg)` for `u` and
//!   `s` (a float truncates, `Str`/`Bytes` are read as decimal literals, `"12"`
//!   packs 12), `float(arg)` for `f`, `bool(arg)` for `b`; `t` takes only a
//!   `Str`, `r` only `Bytes`. Values beyond the ones the format takes are
//!   ignored.
//! - The `<` byte order writes a field's least significant bits first, as many
//!   as fill the byte the field starts in, then eight at a time (text and raw
//!   fields excepted): for a field that starts on a byte, little-endian. When
//!   packing into a buffer the bytes count from the buffer's start; when
//!   unpacking from an offset they count from the offset.
//! - A raw or text value shorter than its field packs only the field's whole
//!   bytes: `pack("r12u4", b"", 15)` is `b"\x00\xf0"`, not `b"\x00\x0f"`.
//!   A longer one is cut at the field's length.
//! - `pack_into` with an offset past the buffer starts at the buffer's end;
//!   padding kept by [`pack_into_keep_padding`] stops at the buffer's end.
//! - `f` of another length than 16, 32 or 64 is a valid format that fails when
//!   packed or unpacked.
//!
//! Where netpack differs from bitstruct, deliberately:
//!
//! - A `u` or `s` value must fit an `i128` ([`Value::Int`]): fields of more
//!   than 127 bits holding more are [`Unrepresentable`](crate::ErrorKind::Unrepresentable)
//!   (bitstruct: any size). Offsets are `usize` (bitstruct takes a negative
//!   one, and reads garbage).
//! - A format of more than [`MAX_BITS`] bits is refused (bitstruct computes
//!   `2 ** length` at once, and runs out of memory). Packing allocates only the
//!   result, fallibly: a format of gigabytes is an out-of-memory error, never
//!   an abort.
//! - Text is UTF-8 with strict errors (bitstruct's default `text_encoding` and
//!   `text_errors`, which netpack does not let you change). bitstruct's
//!   `CompiledFormatDict` (values by name) has no counterpart.
//! - An error quotes at most 48 bytes of text (the format of a `bad format`,
//!   the value of an `invalid literal`); a longer text is cut with `…`.
//!
//! # Errors
//!
//! Each error's message starts with bitstruct's (or the Python builtin's)
//! exact words, then says where: the argument, the field and its format
//! position.
//!
//! ```
//! let err = netpack::bits::pack("u1u4", &[1.into(), 16.into()]).unwrap_err();
//! assert_eq!(err.kind(), netpack::ErrorKind::ArgRange);
//! assert_eq!(
//!     err.to_string(),
//!     r#""u4" requires 0 <= integer <= 15 (got 16) (argument 1, 'u4' at format position 2)"#
//! );
//! ```
#![doc = include_str!("differences.md")]
//!
//! [`bitstruct`]: https://bitstruct.readthedocs.io/

mod compiled;
mod convert;
pub(crate) mod decimal;
pub(crate) mod error;
mod plan;
pub(crate) mod text;
mod window;

use crate::error::{Detail, Error};
use crate::Value;
use alloc::vec::Vec;
pub use compiled::CompiledFormat;
pub use netpack_format::bits::{
    BitCode, BitOrder, BitsFormatError, BitsFormatErrorKind, ByteOrder, Item, MAX_BITS,
};
use plan::Plan;

/// The length of a bit format in bits: bitstruct's `calcsize`.
///
/// # Errors
///
/// [`BadFormat`](crate::ErrorKind::BadFormat) or
/// [`FormatTooLarge`](crate::ErrorKind::FormatTooLarge) when the format is
/// rejected.
///
/// ```
/// assert_eq!(netpack::bits::calcsize("u1s3p4")?, 8);
/// assert_eq!(netpack::bits::calcsize("u4u4u6u2u16<")?, 32);
/// assert_eq!(
///     netpack::bits::calcsize("u8 u").unwrap_err().to_string(),
///     "bad format 'u8 u' (at format position 3)"
/// );
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn calcsize(format: &str) -> Result<usize, Error> {
    netpack_format::bits::calcsize(format.as_bytes())
        .map_err(|e| Error::bits(error::BitsError::format(e, format)))
}

/// Compiles `format`: bitstruct's `compile(fmt)`.
///
/// # Errors
///
/// As [`CompiledFormat::new`].
///
/// ```
/// let cf = netpack::bits::compile("b1u7")?;
/// assert_eq!(cf.pack(&[true.into(), 5.into()])?, [0x85]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn compile(format: &str) -> Result<CompiledFormat, Error> {
    CompiledFormat::new(format)
}

/// Packs `args`: bitstruct's `pack(fmt, *args)`.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::pack`].
///
/// ```
/// use netpack::Value;
///
/// // Python: bitstruct.pack("u1u3<u4>t16 f32<", 1, 2, 3, "ab", 0.5)
/// let args = [1.into(), 2.into(), 3.into(), Value::Str("ab".into()), 0.5.into()];
/// assert_eq!(netpack::bits::pack("u1u3<u4>t16 f32<", &args)?, b"\xacab\x00\x00\x00\x3f");
///
/// // The `<` bit order is sticky: without the `>`, the text's bits are reversed too.
/// assert_eq!(netpack::bits::pack("u1u3<u4t16 f32<", &args)?, b"\xac\x46\x86\xfc\x00\x00\x00");
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn pack(format: &str, args: &[Value]) -> Result<Vec<u8>, Error> {
    Plan::compile(format)?.pack(args)
}

/// Packs `args` into `buf` from bit `offset`: bitstruct's `pack_into(fmt, buf,
/// offset, *args)`.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::pack_into`].
///
/// ```
/// let mut buf = [0u8; 2];
/// netpack::bits::pack_into("u4P4", &mut buf, 4, &[0xa.into()])?;
/// assert_eq!(buf, [0x0a, 0xf0]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn pack_into(format: &str, buf: &mut [u8], offset: usize, args: &[Value]) -> Result<(), Error> {
    Plan::compile(format)?.pack_into(buf, offset, args, true)
}

/// [`pack_into`] with bitstruct's `fill_padding=False`: padding keeps the
/// buffer's bits.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::pack_into_keep_padding`].
///
/// ```
/// let mut buf = [0x0f];
/// netpack::bits::pack_into_keep_padding("u2p4u2", &mut buf, 0, &[3.into(), 0.into()])?;
/// assert_eq!(buf, [0xcc]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn pack_into_keep_padding(
    format: &str,
    buf: &mut [u8],
    offset: usize,
    args: &[Value],
) -> Result<(), Error> {
    Plan::compile(format)?.pack_into(buf, offset, args, false)
}

/// Unpacks `data`: bitstruct's `unpack(fmt, data)`.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::unpack`].
///
/// ```
/// use netpack::Value;
/// assert_eq!(
///     netpack::bits::unpack("u16<", b"\x01\x02")?,
///     [Value::Int(0x0201)]
/// );
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn unpack(format: &str, data: &[u8]) -> Result<Vec<Value>, Error> {
    Plan::compile(format)?.unpack_from(data, 0, false)
}

/// Unpacks `data` from bit `offset`: bitstruct's `unpack_from(fmt, data,
/// offset)`.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::unpack_from`].
///
/// ```
/// use netpack::Value;
/// assert_eq!(netpack::bits::unpack_from("s3", b"\x1c", 3)?, [Value::Int(-1)]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn unpack_from(format: &str, data: &[u8], offset: usize) -> Result<Vec<Value>, Error> {
    Plan::compile(format)?.unpack_from(data, offset, false)
}

/// [`unpack`] with bitstruct's `allow_truncated=True`: the fields `data` holds
/// whole.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::unpack_truncated`].
///
/// ```
/// assert_eq!(netpack::bits::unpack_truncated("u4u8", b"\x12")?, [netpack::Value::Int(1)]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn unpack_truncated(format: &str, data: &[u8]) -> Result<Vec<Value>, Error> {
    Plan::compile(format)?.unpack_from(data, 0, true)
}

/// [`unpack_from`] with bitstruct's `allow_truncated=True`.
///
/// # Errors
///
/// As [`CompiledFormat::new`] and [`CompiledFormat::unpack_from_truncated`].
///
/// ```
/// assert_eq!(netpack::bits::unpack_from_truncated("u4u4", b"\x12", 4)?, [netpack::Value::Int(2)]);
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn unpack_from_truncated(
    format: &str,
    data: &[u8],
    offset: usize,
) -> Result<Vec<Value>, Error> {
    Plan::compile(format)?.unpack_from(data, offset, true)
}

/// Reverses groups of bytes of `data` from byte `offset`: bitstruct's
/// `byteswap(fmt, data, offset)`. Each character of `format` is a group's
/// length (`"24"`: two bytes, then four); the result holds the swapped groups
/// only, and a group that runs past the end of `data` swaps what is left.
///
/// # Errors
///
/// [`ArgType`](crate::ErrorKind::ArgType) for a character that is not a digit,
/// with Python's message for `int(c)`.
///
/// ```
/// let swapped = netpack::bits::byteswap("24", b"\x00\x11\x22\x33\x44\x55", 0)?;
/// assert_eq!(swapped, b"\x11\x00\x55\x44\x33\x22");
/// assert_eq!(netpack::bits::byteswap("2", b"\x00\x11\x22", 1)?, b"\x22\x11");
/// assert_eq!(
///     netpack::bits::byteswap("2x", b"", 0).unwrap_err().to_string(),
///     "invalid literal for int() with base 10: 'x'"
/// );
/// # Ok::<(), netpack::Error>(())
/// ```
pub fn byteswap(format: &str, data: &[u8], offset: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    out.try_reserve_exact(data.len().saturating_sub(offset))
        .map_err(|_| Error::new(Detail::NoMemory { size: data.len() }))?;
    let mut at = offset.min(data.len());
    for c in format.chars() {
        let Some(n) = netpack_format::bits::decimal(c) else {
            let mut repr = error::Inline::empty();
            let mut buf = [0u8; 4];
            let _ = core::fmt::Write::write_fmt(
                &mut repr,
                format_args!("{}", crate::ValueRef::Str(c.encode_utf8(&mut buf))),
            );
            return Err(Error::bits(error::BitsError::IntLiteral { repr }));
        };
        let end = at.saturating_add(n as usize).min(data.len());
        out.extend(data[at..end].iter().rev());
        at = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    fn text(s: &str) -> Value {
        Value::Str(s.into())
    }

    /// What bitstruct 8.24's `pack` gives for each, and `unpack` gives back (small,
    /// for Miri on big-endian s390x; the vectors test the rest).
    #[test]
    fn packs_and_unpacks_as_bitstruct() {
        let cases: Vec<(&str, Vec<Value>, &str)> = vec![
            ("u1u3u4s16", vec![1.into(), 2.into(), 3.into(), (-4).into()], "a3fffc"),
            ("u4u12<", vec![1.into(), 0x123.into()], "1312"),
            ("<u4u12<", vec![1.into(), 0x123.into()], "88c4"),
            ("s5<u11b1p3P4", vec![(-16).into(), 2047.into(), true.into()], "87ff8f"),
            (
                "f16f32<f64",
                vec![1.5.into(), (-0.25).into(), 1e300.into()],
                "3e00be80000039ae00113c27ec7e",
            ),
            ("<t16>r16", vec![text("hi"), b"\x0f\xf0".into()], "96160ff0"),
            (
                "u200s130",
                vec![i128::MAX.into(), i128::MIN.into()],
                "0000000000000000007fffffffffffffffffffffffffffffffe000000000000000000000000000000000",
            ),
            ("u70<", vec![0x3_ffff_ffff_ffff_ffffi128.into()], "ffffffffffffffff0c"),
        ];
        for (format, args, packed) in cases {
            assert_eq!(pack(format, &args), Ok(hex(packed)), "{format}");
            let values = unpack(format, &hex(packed)).unwrap();
            assert_eq!(values, args, "{format}");
        }
    }

    #[test]
    fn a_short_raw_value_moves_the_fields_after_it() {
        let args = [text("ab"), b"".into(), 15.into()];
        assert_eq!(pack("t24r12u4", &args), Ok(hex("61620000f0")));
    }

    /// `pack_into` counts the `<` byte order's bytes from the buffer's start,
    /// `unpack_from` from the offset: bitstruct's `(17, 60)`, not `(17, 99)`.
    #[test]
    fn pack_into_and_unpack_from_count_bytes_differently() {
        let mut buf = [0xaa; 3];
        pack_into("u5<u7<", &mut buf, 3, &[17.into(), 99.into()]).unwrap();
        assert_eq!(buf, [0xb1, 0xc6, 0xaa]);
        assert_eq!(
            unpack_from("u5<u7<", &buf, 3),
            Ok(vec![17.into(), 60.into()])
        );
    }

    #[test]
    fn errors_read_as_bitstruct() {
        let message = |r: Result<Vec<u8>, Error>| r.unwrap_err().to_string();
        assert_eq!(
            message(pack("u8 s200", &[1.into()])),
            "pack expected 2 item(s) for packing (got 1)"
        );
        assert_eq!(
            message(pack("s130", &[Value::Str("-9".repeat(30))])),
            "invalid literal for int() with base 10: '-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-9-… \
             (argument 0, 's130' at format position 0)"
        );
        assert_eq!(
            message(pack("u200", &[(-1).into()])),
            "\"u200\" requires 0 <= integer <= 1606938044258990275541962092341162602522202993782792835301375 \
             (got -1) (argument 0, 'u200' at format position 0)"
        );
        assert_eq!(
            message(pack("f8", &[Value::Str(" 1_0.5 ".into())])),
            "expected float size of 16, 32, or 64 bits (got 8) (argument 0, 'f8' at format position 0)"
        );
        let err = unpack("u8t16", b"\x01\xe2\x82").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidValue);
        assert_eq!(
            err.to_string(),
            "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data ('t16' at format position 2)"
        );
        let err = unpack("u130", &[0xff; 17]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Unrepresentable);
        assert_eq!(
            calcsize("p9223372036854775807u1").unwrap_err().kind(),
            crate::ErrorKind::FormatTooLarge
        );
        let mut buf = [0u8; 1];
        let err = pack_into("u4u8", &mut buf, 0, &[1.into(), 300.into()]).unwrap_err();
        assert_eq!(err.argument(), Some(1));
        assert_eq!(buf, [0], "a refused pack_into changes nothing");
        assert_eq!(
            pack_into("u4u8", &mut buf, 0, &[1.into(), 3.into()])
                .unwrap_err()
                .to_string(),
            "pack_into requires a buffer of at least 12 bits"
        );
    }

    #[test]
    #[cfg_attr(miri, ignore = "Miri stops at an allocation it cannot make")]
    fn huge_formats_are_errors_not_aborts() {
        // 2**62 bytes: the allocation fails, and says so.
        let err = pack("p9223372036854775800", &[]).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::FormatTooLarge);
        assert_eq!(
            err.to_string(),
            "out of memory for a struct of 1152921504606846975 bytes"
        );
        assert_eq!(
            unpack_truncated("p9223372036854775800u1", b"\x00"),
            Ok(vec![])
        );
        assert_eq!(
            unpack("r9223372036854775800", b"").unwrap_err().to_string(),
            "unpack requires at least 9223372036854775800 bits to unpack (got 0)"
        );
        assert_eq!(Value::Str("x".into()).to_string(), "'x'");
    }
}
