//! Checks that hold the derive and the runtime to each other.
//!
//! A derived type `T` claims that its bytes are `struct.pack(T::FORMAT, …)`. Each
//! `check_*` function tests one side of that claim against the runtime
//! (`netpack::pack`/`unpack` with `T::FORMAT`) and panics with a precise message
//! when they disagree. The property tests (`tests/tests/derive_props.rs`) and the
//! fuzz targets call these functions, so keep their names and signatures.
//!
//! Where the derive and Python-style values may legitimately differ, the
//! difference is spelled out in one place: the *Normalisation* section below
//! ([`normalize_values`], and its byte-level counterparts [`canonical_bytes`] and
//! [`quiet_f32_nans`]). Which value or byte belongs to which code comes from
//! [`layout`], a small format walker written here independently of the runtime.

use core::fmt::Debug;
use netpack::Message;
use netpack::{Error, ErrorKind, NetPack, Value};
use std::any::type_name;

// ---------------------------------------------------------------------------
// The checks

/// `T::SIZE` is `calcsize(T::FORMAT)`, and `T::FORMAT` is a format the runtime
/// accepts, with as many values as `T::to_values` gives (checked in
/// [`check_value`]).
pub fn check_size<T: NetPack>() {
    let name = type_name::<T>();
    match netpack::calcsize(T::FORMAT) {
        Ok(size) => assert_eq!(
            T::SIZE,
            size,
            "check_size::<{name}>: SIZE is {} but calcsize({:?}) is {size}",
            T::SIZE,
            T::FORMAT
        ),
        Err(e) => panic!(
            "check_size::<{name}>: the runtime rejects FORMAT {:?}: {e}",
            T::FORMAT
        ),
    }
    let model = layout(T::FORMAT);
    assert_eq!(
        model.size,
        T::SIZE,
        "check_size::<{name}>: SIZE is {} but the format {:?} describes {} bytes \
         (derive_checks::layout)",
        T::SIZE,
        T::FORMAT,
        model.size
    );
}

/// A value packs as Python would pack its values, and unpacks back to itself.
///
/// - `t.encode()` and `netpack::pack(T::FORMAT, &t.to_values())` agree: the same
///   bytes (up to [`quiet_f32_nans`]: the derive keeps a signalling NaN's bits in
///   an `f` field, Python's values cannot), or errors of the same kind; and then
///   `T::from_values(&t.to_values())` fails with that kind too.
/// - The derive's bytes are `SIZE` long, canonical ([`canonical_bytes`]: zero
///   pads, `?` as 0/1, `p` tails zeroed), and `pack_into` writes exactly them
///   into a longer buffer and refuses a shorter one.
/// - `T::unpack` of them gives back `t` (the same bytes again, the same values
///   after [`normalize_values`], and `== t` when no value is lossy), and
///   `netpack::unpack(T::FORMAT, …)` gives `t.to_values()` after
///   [`normalize_values`].
/// - `T::from_values(&t.to_values())` packs to the runtime's bytes exactly.
pub fn check_value<T: NetPack + PartialEq + Debug>(t: &T) {
    let name = type_name::<T>();
    let format = T::FORMAT;
    let values = t.to_values();
    let derive = t.encode();
    let runtime = netpack::pack(format, &values);
    let context = || {
        format!(
            "\n    value:   {t:?}\n    format:  {format:?}\n    values:  {}",
            show_values(&values)
        )
    };

    let bytes = match (derive, runtime) {
        (Ok(d), Ok(r)) => {
            assert_eq!(
                d.len(),
                T::SIZE,
                "check_value::<{name}>: encode gave {} bytes, SIZE is {}{}",
                d.len(),
                T::SIZE,
                context()
            );
            assert!(
                quiet_f32_nans(format, &d) == r,
                "check_value::<{name}>: the derive's bytes differ from \
                 netpack::pack(FORMAT, to_values()) (beyond quieting f32 NaNs){}\n    \
                 derive:  {}\n    runtime: {}",
                context(),
                hex(&d),
                hex(&r)
            );
            d
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                a.kind(),
                b.kind(),
                "check_value::<{name}>: both packs fail, with different kinds \
                 (derive: {a}; runtime: {b}){}",
                context()
            );
            match T::from_values(&values) {
                Err(e) => assert_eq!(
                    e.kind(),
                    b.kind(),
                    "check_value::<{name}>: from_values fails with {e}, pack with {b}{}",
                    context()
                ),
                Ok(u) => panic!(
                    "check_value::<{name}>: from_values accepts values pack rejects \
                     ({b}): gave {u:?}{}",
                    context()
                ),
            }
            return;
        }
        (Ok(d), Err(b)) => panic!(
            "check_value::<{name}>: the derive packs ({}) but the runtime fails: {b}{}",
            hex(&d),
            context()
        ),
        (Err(a), Ok(r)) => panic!(
            "check_value::<{name}>: the runtime packs ({}) but the derive fails: {a}{}",
            hex(&r),
            context()
        ),
    };
    let runtime_bytes = quiet_f32_nans(format, &bytes);

    // The derive writes canonical bytes: zero pads, 0/1 bools, zeroed `p` tails.
    let canonical = canonical_bytes(format, &bytes);
    assert!(
        canonical == bytes,
        "check_value::<{name}>: encode's bytes are not canonical (pads, bools, \
         pascal tails){}\n    derive:    {}\n    canonical: {}",
        context(),
        hex(&bytes),
        hex(&canonical)
    );

    // encode_to_slice writes exactly SIZE bytes and leaves the rest alone.
    let mut longer = vec![0xa5u8; T::SIZE + 3];
    match t.encode_to_slice(&mut longer) {
        Ok(n) => assert!(
            n == T::SIZE
                && longer[..T::SIZE] == bytes[..]
                && longer[T::SIZE..].iter().all(|&b| b == 0xa5),
            "check_value::<{name}>: encode_to_slice into a {}-byte buffer of 0xa5 wrote {}, \
             want {} then a5a5a5{}",
            T::SIZE + 3,
            hex(&longer),
            hex(&bytes),
            context()
        ),
        Err(e) => panic!(
            "check_value::<{name}>: encode_to_slice into a longer buffer fails ({e}) where \
             encode succeeds{}",
            context()
        ),
    }
    if T::SIZE > 0 {
        let mut short = vec![0u8; T::SIZE - 1];
        expect_kind(
            t.encode_to_slice(&mut short).map(|_| short.clone()),
            ErrorKind::BufferSize,
            &format!("check_value::<{name}>: encode_to_slice into a buffer of SIZE - 1 bytes"),
        );
    }

    // The derive unpacks its own bytes to the same value.
    let back = match T::decode(&bytes) {
        Ok(back) => back,
        Err(e) => panic!(
            "check_value::<{name}>: T::decode rejects what encode wrote ({}): {e}{}",
            hex(&bytes),
            context()
        ),
    };
    let normal = normalize_values(format, &values);
    let back_values = back.to_values();
    assert!(
        same_values(&normalize_values(format, &back_values), &normal),
        "check_value::<{name}>: T::decode(pack(t)) has other values (after \
         normalisation){}\n    back:    {back:?}\n    values:  {}",
        context(),
        show_values(&back_values)
    );
    if same_values(&normal, &values) && !values.iter().any(is_nan) {
        assert!(
            back == *t,
            "check_value::<{name}>: T::decode(pack(t)) != t (no lossy value){}\n    \
             back:    {back:?}",
            context()
        );
    }
    match back.encode() {
        Ok(again) => assert!(
            again == bytes,
            "check_value::<{name}>: pack(unpack(pack(t))) != pack(t){}\n    first:  {}\n    \
             second: {}",
            context(),
            hex(&bytes),
            hex(&again)
        ),
        Err(e) => panic!(
            "check_value::<{name}>: cannot pack T::decode(pack(t)) ({back:?}): {e}{}",
            context()
        ),
    }

    // The runtime unpacks the derive's bytes to the value's values.
    match netpack::unpack(format, &bytes) {
        Ok(r) => assert!(
            same_values(&normalize_values(format, &r), &normal),
            "check_value::<{name}>: netpack::unpack(FORMAT, pack(t)) differs from \
             to_values (after normalisation){}\n    unpacked: {}",
            context(),
            show_values(&r)
        ),
        Err(e) => panic!(
            "check_value::<{name}>: netpack::unpack rejects encode's bytes ({}): {e}{}",
            hex(&bytes),
            context()
        ),
    }

    // Python-style values build a value that packs to the runtime's bytes.
    match T::from_values(&values).map(|u| (u.encode(), u)) {
        Ok((Ok(b), _)) => assert!(
            b == runtime_bytes,
            "check_value::<{name}>: from_values(to_values()) packs differently from \
             netpack::pack{}\n    from_values: {}\n    runtime:     {}",
            context(),
            hex(&b),
            hex(&runtime_bytes)
        ),
        Ok((Err(e), u)) => panic!(
            "check_value::<{name}>: from_values(to_values()) = {u:?} does not pack: {e}{}",
            context()
        ),
        Err(e) => panic!(
            "check_value::<{name}>: from_values rejects to_values() that pack accepts: \
             {e}{}",
            context()
        ),
    }
}

/// Any bytes unpack alike through the derive and through the runtime.
///
/// - `T::decode(bytes)` and `netpack::unpack(T::FORMAT, bytes)` both fail with
///   the same kind, or both succeed, with ONE exception: the derive may reject,
///   with [`ErrorKind::InvalidValue`] only, bytes the runtime accepts (the runtime
///   has no enums: an unknown discriminant). Then `T::from_values` of the
///   runtime's values fails with `InvalidValue` as well; and conversely when the
///   derive accepts, `from_values` accepts.
/// - When both succeed, `t.to_values()` equals the runtime's values exactly
///   (floats by bits; this is also equality after [`normalize_values`], and
///   stricter); `t` packs back to [`canonical_bytes`]`(bytes)`; and
///   `T::from_values` of the runtime's values packs to the same bytes as
///   `netpack::pack` of them, which are the canonical bytes with
///   [`quiet_f32_nans`].
/// - `T::unpack_from` on a longer buffer gives what `T::unpack` gives on its
///   first `SIZE` bytes; on a shorter one it fails with `BufferSize`.
pub fn check_bytes<T: NetPack + Debug>(bytes: &[u8]) {
    let name = type_name::<T>();
    let format = T::FORMAT;
    let context = || format!("\n    format: {format:?}\n    bytes:  {}", hex(bytes));
    let derive = T::decode(bytes);
    let runtime = netpack::unpack(format, bytes);
    match (&derive, &runtime) {
        (Err(a), Err(b)) => assert_eq!(
            a.kind(),
            b.kind(),
            "check_bytes::<{name}>: both unpacks fail, with different kinds (derive: {a}; \
             runtime: {b}){}",
            context()
        ),
        (Err(a), Ok(r)) => {
            assert_eq!(
                a.kind(),
                ErrorKind::InvalidValue,
                "check_bytes::<{name}>: the derive rejects bytes the runtime accepts, and \
                 not with InvalidValue: {a}{}\n    runtime: {}",
                context(),
                show_values(r)
            );
            match T::from_values(r) {
                Err(e) => assert_eq!(
                    e.kind(),
                    ErrorKind::InvalidValue,
                    "check_bytes::<{name}>: unpack fails with {a} but from_values of the \
                     runtime's values with {e}{}",
                    context()
                ),
                Ok(t) => panic!(
                    "check_bytes::<{name}>: unpack fails with {a} but from_values of the \
                     runtime's values ({}) gives {t:?}{}",
                    show_values(r),
                    context()
                ),
            }
        }
        (Ok(t), Err(b)) => panic!(
            "check_bytes::<{name}>: the derive accepts bytes the runtime rejects ({b}): \
             {t:?}{}",
            context()
        ),
        (Ok(t), Ok(r)) => {
            let values = t.to_values();
            assert!(
                same_values(&values, r),
                "check_bytes::<{name}>: T::decode(bytes).to_values() differs from \
                 netpack::unpack(FORMAT, bytes){}\n    derive:  {}\n    runtime: {}",
                context(),
                show_values(&values),
                show_values(r)
            );
            assert!(
                same_values(
                    &normalize_values(format, &values),
                    &normalize_values(format, r)
                ),
                "check_bytes::<{name}>: values differ after normalisation{}",
                context()
            );
            let canonical = canonical_bytes(format, bytes);
            match t.encode() {
                Ok(again) => assert!(
                    again == canonical,
                    "check_bytes::<{name}>: T::decode(bytes) packs back to other than the \
                     canonical bytes{}\n    value:     {t:?}\n    packed:    {}\n    \
                     canonical: {}",
                    context(),
                    hex(&again),
                    hex(&canonical)
                ),
                Err(e) => panic!(
                    "check_bytes::<{name}>: cannot pack T::decode(bytes) = {t:?}: {e}{}",
                    context()
                ),
            }
            let python = quiet_f32_nans(format, &canonical);
            match netpack::pack(format, r) {
                Ok(p) => assert!(
                    p == python,
                    "check_bytes::<{name}>: netpack::pack(FORMAT, unpack(bytes)) is not the \
                     canonical bytes with quiet f32 NaNs{}\n    runtime:  {}\n    expected: {}",
                    context(),
                    hex(&p),
                    hex(&python)
                ),
                Err(e) => panic!(
                    "check_bytes::<{name}>: netpack::pack rejects netpack::unpack's values: \
                     {e}{}",
                    context()
                ),
            }
            match T::from_values(r).map(|u| (u.encode(), u)) {
                Ok((Ok(p), _)) => assert!(
                    p == python,
                    "check_bytes::<{name}>: from_values(runtime values) packs to {} but \
                     netpack::pack gives {}{}",
                    hex(&p),
                    hex(&python),
                    context()
                ),
                Ok((Err(e), u)) => panic!(
                    "check_bytes::<{name}>: from_values(runtime values) = {u:?} does not \
                     pack: {e}{}",
                    context()
                ),
                Err(e) => panic!(
                    "check_bytes::<{name}>: the derive unpacks the bytes but from_values \
                     rejects the runtime's values {}: {e}{}",
                    show_values(r),
                    context()
                ),
            }
        }
    }

    // unpack_from: only the first SIZE bytes count.
    let mut longer = bytes.to_vec();
    longer.extend_from_slice(&[0x5a; 7]);
    for buf in [bytes, &longer[..]] {
        let from = T::decode_prefix(buf).map(|(v, _)| v);
        if buf.len() >= T::SIZE {
            let prefix = T::decode(&buf[..T::SIZE]);
            assert!(
                same_outcome(&from, &prefix),
                "check_bytes::<{name}>: unpack_from on {} bytes differs from unpack of the \
                 first {} bytes\n    format: {format:?}\n    buffer: {}\n    unpack_from: \
                 {from:?}\n    unpack:      {prefix:?}",
                buf.len(),
                T::SIZE,
                hex(buf)
            );
        } else {
            expect_kind(
                from.map(|t| t.to_values()),
                ErrorKind::BufferSize,
                &format!(
                    "check_bytes::<{name}>: unpack_from on {} bytes (SIZE {})",
                    buf.len(),
                    T::SIZE
                ),
            );
        }
    }
}

/// Both `Ok` with the same bytes and values (floats by bits), or both `Err` of
/// the same kind.
fn same_outcome<T: NetPack>(a: &Result<T, Error>, b: &Result<T, Error>) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => {
            x.encode().ok() == y.encode().ok() && same_values(&x.to_values(), &y.to_values())
        }
        (Err(x), Err(y)) => x.kind() == y.kind(),
        _ => false,
    }
}

fn expect_kind<V: Debug>(got: Result<V, Error>, kind: ErrorKind, what: &str) {
    match got {
        Err(e) => assert_eq!(e.kind(), kind, "{what}: want a {kind:?} error, got {e}"),
        Ok(v) => panic!("{what}: want a {kind:?} error, got Ok({v:?})"),
    }
}

// ---------------------------------------------------------------------------
// Normalisation: every lossy case, in one place.
//
// Values (Python's view):
//   - `e`: a value packs rounded to the nearest half float (ties to even, straight
//     from the double); every NaN packs as the one quiet half NaN of its sign and
//     unpacks as the double 0x7ff8_0000_0000_0000 with that sign.
//   - `f`: a value packs rounded to f32; a NaN goes through the x86 casts
//     (quiet bit set, top 22 payload bits kept). A signalling NaN in an `f32`
//     field keeps its bits in the derive's bytes, but its Python-style value (and
//     anything the runtime packs from it) is quiet: see `quiet_f32_nans`.
//   - `?`: any value packs by Python truthiness; any non-zero byte unpacks as
//     True.
//   - `p`: a value packs truncated to count - 1 bytes; the length byte unpacks
//     clamped to count - 1.
//   - `s`: a value packs truncated or zero-padded to count bytes.
//   - integer codes and `d`: a bool packs as 0/1 (0.0/1.0) and unpacks as an int
//     (a float).
// Bytes:
//   - pad bytes (`x`) and native alignment gaps are written as zeros and ignored
//     on unpack;
//   - `?` is written as 0 or 1;
//   - `p` is written with its clamped length and zeros after the string;
//   - `e` NaNs are written as the quiet half NaN of their sign;
//   - `f` signalling NaNs: kept by the derive, quieted by Python (`quiet_f32_nans`).

/// `values` (one per value of `format`) as the runtime would unpack them after
/// packing them: the value-level lossy cases listed above. Values of the wrong
/// kind for their code, or a list of the wrong length, are left as they are.
pub fn normalize_values(format: &str, values: &[Value]) -> Vec<Value> {
    let slots = layout(format).slots;
    if slots.len() != values.len() {
        return values.to_vec();
    }
    slots
        .iter()
        .zip(values)
        .map(|(slot, v)| match (slot.code, v) {
            // `e`: rounded to half; NaN to the canonical quiet NaN of its sign;
            // a value too large for a half has no packing and is left alone.
            (b'e', Value::Float(_) | Value::Int(_) | Value::Bool(_)) => {
                let x = v.as_float().unwrap_or(0.0);
                match round_to_half(x) {
                    Some(h) => Value::Float(h),
                    None => v.clone(),
                }
            }
            // `f`: rounded to f32 (NaN: x86 cvtsd2ss then cvtss2sd).
            (b'f', Value::Float(_) | Value::Int(_) | Value::Bool(_)) => {
                Value::Float(round_to_f32(v.as_float().unwrap_or(0.0)))
            }
            // `d`: ints and bools pack as their float.
            (b'd', Value::Int(_) | Value::Bool(_)) => Value::Float(v.as_float().unwrap_or(0.0)),
            // `?`: truthiness.
            (b'?', _) => Value::Bool(v.is_truthy()),
            // `p`: at most count - 1 (and at most 255) bytes survive.
            (b'p', Value::Bytes(b)) => {
                let keep = b.len().min(slot.len.saturating_sub(1)).min(255);
                Value::Bytes(b[..keep].to_vec())
            }
            // `s`: truncated or zero-padded to count.
            (b's', Value::Bytes(b)) => {
                let mut b = b.clone();
                b.resize(slot.len, 0);
                Value::Bytes(b)
            }
            // Integer codes: a bool is an int.
            (c, Value::Bool(b)) if is_int_code(c) => Value::Int(i128::from(*b)),
            _ => v.clone(),
        })
        .collect()
}

/// `bytes` (of exactly the format's size) as the derive writes them back after
/// reading them: the byte-level lossy cases listed above, except f32 NaN
/// quieting. Returns `bytes` unchanged when its length is not the format's size.
pub fn canonical_bytes(format: &str, bytes: &[u8]) -> Vec<u8> {
    let model = layout(format);
    if bytes.len() != model.size {
        return bytes.to_vec();
    }
    // Pads and alignment gaps: zero (not covered by any slot).
    let mut out = vec![0u8; model.size];
    for slot in &model.slots {
        let src = &bytes[slot.offset..slot.offset + slot.len];
        let dst = &mut out[slot.offset..slot.offset + slot.len];
        match slot.code {
            // `?`: 0 or 1.
            b'?' => dst[0] = u8::from(src[0] != 0),
            // `p`: the clamped length, the string, zeros.
            b'p' => {
                let n = usize::from(src[0]).min(slot.len - 1);
                dst[0] = n as u8;
                dst[1..1 + n].copy_from_slice(&src[1..1 + n]);
            }
            // `e`: a NaN becomes the quiet half NaN of its sign.
            b'e' => {
                let bits = read_u(src, model.little) as u16;
                let bits = if bits & 0x7c00 == 0x7c00 && bits & 0x03ff != 0 {
                    (bits & 0x8000) | 0x7e00
                } else {
                    bits
                };
                write_u(dst, u64::from(bits), model.little);
            }
            _ => dst.copy_from_slice(src),
        }
    }
    out
}

/// `bytes` with every signalling NaN in an `f` item made quiet (the quiet bit
/// set, the payload kept): what Python writes for a value that the derive writes
/// as `bytes`. Returns `bytes` unchanged when its length is not the format's
/// size.
pub fn quiet_f32_nans(format: &str, bytes: &[u8]) -> Vec<u8> {
    let model = layout(format);
    let mut out = bytes.to_vec();
    if bytes.len() != model.size {
        return out;
    }
    for slot in model.slots.iter().filter(|s| s.code == b'f') {
        let dst = &mut out[slot.offset..slot.offset + 4];
        let bits = read_u(dst, model.little) as u32;
        if bits & 0x7f80_0000 == 0x7f80_0000 && bits & 0x007f_ffff != 0 {
            write_u(dst, u64::from(bits | 0x0040_0000), model.little);
        }
    }
    out
}

/// `x` rounded to f32 and back, as CPython's `(float)x` then `(double)y` on
/// x86_64: round to nearest even (overflowing to infinity); a NaN keeps its sign
/// and the top 22 payload bits below the quiet bit, which is set.
pub fn round_to_f32(x: f64) -> f64 {
    if x.is_nan() {
        f64::from_bits((x.to_bits() & 0xffff_ffff_e000_0000) | 0x0008_0000_0000_0000)
    } else {
        f64::from(x as f32)
    }
}

/// `x` rounded to the nearest IEEE half float (ties to even, directly from the
/// double) as a double, or `None` when it is finite and rounds beyond 65504
/// (CPython: `float too large to pack with e format`). A NaN gives the quiet NaN
/// `0x7ff8_0000_0000_0000` with the sign of `x`.
pub fn round_to_half(x: f64) -> Option<f64> {
    if x.is_nan() {
        let sign = x.to_bits() & (1 << 63);
        return Some(f64::from_bits(sign | 0x7ff8_0000_0000_0000));
    }
    if x.is_infinite() || x == 0.0 {
        return Some(x);
    }
    let a = x.abs();
    // The spacing of halves around `a`: 2**-24 below 2**-14, else 2**(e - 10).
    let e = ((a.to_bits() >> 52) as i32 - 1023).max(-14);
    let quantum = f64::from_bits(((e - 10 + 1023) as u64) << 52);
    // a / quantum and n * quantum are exact (powers of two, no overflow here).
    let n = (a / quantum).round_ties_even();
    let h = n * quantum;
    if h > 65504.0 {
        return None;
    }
    Some(h.copysign(x))
}

fn is_int_code(c: u8) -> bool {
    b"bBhHiIlLqQnNP".contains(&c)
}

fn is_nan(v: &Value) -> bool {
    matches!(v, Value::Float(x) if x.is_nan())
}

// ---------------------------------------------------------------------------
// An independent format walker

/// One value of a format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    /// The format code.
    pub code: u8,
    /// The byte offset of the value.
    pub offset: usize,
    /// Its byte length (the count for `s` and `p`).
    pub len: usize,
}

/// A format's values and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The order character (`@` when the format has none).
    pub order: u8,
    /// Whether multi-byte values are little-endian.
    pub little: bool,
    /// `calcsize`.
    pub size: usize,
    /// One per value.
    pub slots: Vec<Slot>,
}

/// Walks a format the way CPython's `struct` does: sizes and alignment of the
/// target's C types in native mode (`@`, no prefix), standard sizes and no
/// alignment otherwise. Written independently of netpack for the checks' own
/// use; panics on a format it cannot read (the zoo's formats are all valid).
pub fn layout(format: &str) -> Layout {
    use core::ffi::{c_int, c_long, c_longlong, c_short};
    use core::mem::{align_of, size_of};
    let bytes = format.as_bytes();
    let (order, body) = match bytes.first() {
        Some(&c @ (b'@' | b'=' | b'<' | b'>' | b'!')) => (c, &bytes[1..]),
        _ => (b'@', bytes),
    };
    let native = order == b'@';
    let little = match order {
        b'<' => true,
        b'>' | b'!' => false,
        _ => cfg!(target_endian = "little"),
    };
    // (size, alignment) of one element.
    let item = |code: u8| -> (usize, usize) {
        if native {
            match code {
                b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => (1, 1),
                b'h' | b'H' | b'e' => (size_of::<c_short>(), align_of::<c_short>()),
                b'i' | b'I' => (size_of::<c_int>(), align_of::<c_int>()),
                b'l' | b'L' => (size_of::<c_long>(), align_of::<c_long>()),
                b'q' | b'Q' => (size_of::<c_longlong>(), align_of::<c_longlong>()),
                b'n' | b'N' => (size_of::<usize>(), align_of::<usize>()),
                b'P' => (size_of::<*const u8>(), align_of::<*const u8>()),
                b'f' => (4, align_of::<f32>()),
                b'd' => (8, align_of::<f64>()),
                _ => panic!("layout: bad code {:?} in {format:?}", code as char),
            }
        } else {
            let size = match code {
                b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
                b'h' | b'H' | b'e' => 2,
                b'i' | b'I' | b'l' | b'L' | b'f' => 4,
                b'q' | b'Q' | b'd' => 8,
                _ => panic!("layout: bad code {:?} in {format:?}", code as char),
            };
            (size, 1)
        }
    };
    let mut slots = Vec::new();
    let mut offset = 0usize;
    let mut i = 0;
    while i < body.len() {
        if body[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = None;
        while i < body.len() && body[i].is_ascii_digit() {
            count = Some(count.unwrap_or(0) * 10 + usize::from(body[i] - b'0'));
            i += 1;
        }
        let code = *body
            .get(i)
            .unwrap_or_else(|| panic!("layout: a count without a code in {format:?}"));
        i += 1;
        let count = count.unwrap_or(1);
        let (size, align) = item(code);
        offset = offset.next_multiple_of(align);
        match code {
            b'x' => offset += count,
            b's' | b'p' => {
                slots.push(Slot {
                    code,
                    offset,
                    len: count,
                });
                offset += count;
            }
            _ => {
                for _ in 0..count {
                    slots.push(Slot {
                        code,
                        offset,
                        len: size,
                    });
                    offset += size;
                }
            }
        }
    }
    Layout {
        order,
        little,
        size: offset,
        slots,
    }
}

fn read_u(src: &[u8], little: bool) -> u64 {
    let mut x = 0u64;
    for k in 0..src.len() {
        let b = if little {
            src[src.len() - 1 - k]
        } else {
            src[k]
        };
        x = (x << 8) | u64::from(b);
    }
    x
}

fn write_u(dst: &mut [u8], x: u64, little: bool) {
    let n = dst.len();
    for k in 0..n {
        let b = (x >> (8 * k)) as u8;
        if little {
            dst[k] = b;
        } else {
            dst[n - 1 - k] = b;
        }
    }
}

// ---------------------------------------------------------------------------
// Comparing and showing values

/// Value lists equal element by element, floats by their bits.
pub fn same_values(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
}

/// Equal values, floats by their bits (so NaN payloads and -0.0 count).
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

/// Values as Python reprs, floats with their bits: `[1, nan<7ff8000000000001>]`.
pub fn show_values(values: &[Value]) -> String {
    let parts: Vec<String> = values
        .iter()
        .map(|v| match v {
            Value::Float(x) => format!("{v}<{:016x}>", x.to_bits()),
            _ => v.to_string(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
