//! Float conversions with CPython 3.11's exact results, NaN bit patterns included.
//!
//! Rust's `as` between `f32` and `f64` does not promise what happens to a NaN's
//! payload; CPython's C casts on x86_64 keep the top payload bits and set the quiet
//! bit, so these functions do that by hand. Half floats (`e`) follow
//! `PyFloat_Pack2`/`PyFloat_Unpack2`: correctly rounded straight from `f64`
//! (round half to even), an overflow error instead of infinity, and every NaN
//! written as the one quiet NaN of its sign.

/// `(float)x` as C does it on x86_64 (cvtsd2ss): round to nearest, and a NaN keeps
/// its sign and the top 22 payload bits, with the quiet bit set.
pub const fn f64_to_f32(x: f64) -> f32 {
    if x.is_nan() {
        let bits = x.to_bits();
        let sign = ((bits >> 63) as u32) << 31;
        let payload = ((bits >> 29) as u32) & 0x003f_ffff;
        f32::from_bits(sign | 0x7fc0_0000 | payload)
    } else {
        x as f32
    }
}

/// `(double)x` as C does it on x86_64 (cvtss2sd): exact, and a NaN keeps its sign
/// and payload, with the quiet bit set.
pub const fn f32_to_f64(x: f32) -> f64 {
    if x.is_nan() {
        let bits = x.to_bits() as u64;
        let sign = (bits >> 31) << 63;
        let payload = (bits & 0x007f_ffff) << 29;
        f64::from_bits(sign | 0x7ff8_0000_0000_0000 | payload)
    } else {
        x as f64
    }
}

/// `PyFloat_Pack4`'s overflow rule for the standard `f` code: a finite double that
/// rounds to an infinite float is an error. Returns `None` on overflow.
pub const fn f64_to_f32_checked(x: f64) -> Option<f32> {
    let y = f64_to_f32(x);
    if y.is_infinite() && !x.is_infinite() {
        None
    } else {
        Some(y)
    }
}

/// `2**k` for `-1022 <= k <= 1023`, exactly.
const fn pow2(k: i32) -> f64 {
    f64::from_bits(((1023 + k) as u64) << 52)
}

/// The IEEE 754 binary16 bits for `x`, as `PyFloat_Pack2` computes them, or `None`
/// when `x` is finite but too large (CPython: `float too large to pack with e
/// format`): `1.0` is `0x3c00`, `65504.0` is `0x7bff`, `65520.0` is too large
/// and `-NaN` is `0xfe00`.
pub const fn f64_to_f16_bits(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    let a = x.abs();
    let bits = a.to_bits();
    let biased = (bits >> 52) as i32;
    if biased == 0 {
        // Zero, or a double subnormal (< 2**-1022): far below half the smallest
        // half subnormal, so it rounds to a signed zero as in CPython.
        return Some(sign);
    }
    // a = m * 2**e with m in [1, 2).
    let e = biased - 1023;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | (1023u64 << 52));
    if e >= 16 {
        return None;
    }
    let (mut exp, frac) = if e < -25 {
        (0, 0.0)
    } else if e < -14 {
        // Gradual underflow: m * 2**(14 + e) in units of 2**-14.
        (0, m * pow2(14 + e))
    } else {
        (e + 15, m - 1.0)
    };
    let f = frac * 1024.0;
    let mut mant = f as u32; // truncation, as CPython's cast
    let rest = f - mant as f64;
    if rest > 0.5 || (rest == 0.5 && mant % 2 == 1) {
        mant += 1;
        if mant == 1024 {
            mant = 0;
            exp += 1;
            if exp == 31 {
                return None;
            }
        }
    }
    Some(sign | ((exp as u16) << 10) | mant as u16)
}

/// The double for IEEE 754 binary16 `bits`, as `PyFloat_Unpack2` computes it: exact
/// for numbers, and the standard quiet NaN of the same sign for every NaN:
/// `0x0001` is `2**-24` exactly, `0xfe01` is `-NaN` with bits
/// `0xfff8_0000_0000_0000`.
pub const fn f16_bits_to_f64(bits: u16) -> f64 {
    let negative = bits & 0x8000 != 0;
    let exp = ((bits >> 10) & 0x1f) as i32;
    let mant = (bits & 0x03ff) as f64 / 1024.0;
    let magnitude = if exp == 0x1f {
        if bits & 0x03ff == 0 {
            f64::INFINITY
        } else {
            let nan = 0x7ff8_0000_0000_0000u64 | if negative { 1 << 63 } else { 0 };
            return f64::from_bits(nan);
        }
    } else if exp == 0 {
        mant * pow2(-14)
    } else {
        (1.0 + mant) * pow2(exp - 15)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_examples() {
        assert_eq!(f64_to_f16_bits(1.0), Some(0x3c00));
        assert_eq!(f64_to_f16_bits(65504.0), Some(0x7bff));
        assert_eq!(f64_to_f16_bits(65520.0), None);
        assert_eq!(f64_to_f16_bits(-f64::NAN), Some(0xfe00));
        assert_eq!(f16_bits_to_f64(0x3c00), 1.0);
        assert_eq!(f16_bits_to_f64(0x0001), 5.960_464_477_539_063e-8);
        assert_eq!(f16_bits_to_f64(0xfe01).to_bits(), 0xfff8_0000_0000_0000);
    }

    #[test]
    fn half_round_trips_every_non_nan_pattern() {
        for bits in 0..=u16::MAX {
            let x = f16_bits_to_f64(bits);
            if x.is_nan() {
                assert_eq!(f64_to_f16_bits(x), Some((bits & 0x8000) | 0x7e00));
            } else {
                assert_eq!(f64_to_f16_bits(x), Some(bits), "{bits:#06x}");
            }
        }
    }

    #[test]
    fn half_rounds_half_to_even_from_f64() {
        // Halfway between 1.0 and the next half (1 + 2**-10): ties to even (1.0).
        assert_eq!(f64_to_f16_bits(1.0 + pow2(-11)), Some(0x3c00));
        // Just above halfway: a double-rounding via f32 would lose this bit.
        assert_eq!(f64_to_f16_bits(1.0 + pow2(-11) + pow2(-40)), Some(0x3c01));
        // Halfway between 1 + 2**-10 and 1 + 2**-9: ties to even (up).
        assert_eq!(f64_to_f16_bits(1.0 + 3.0 * pow2(-11)), Some(0x3c02));
        assert_eq!(f64_to_f16_bits(pow2(-25)), Some(0));
        assert_eq!(f64_to_f16_bits(pow2(-25) * 1.5), Some(1));
        assert_eq!(f64_to_f16_bits(-pow2(-26)), Some(0x8000));
        assert_eq!(f64_to_f16_bits(65519.99), Some(0x7bff));
        assert_eq!(f64_to_f16_bits(-65520.0), None);
        assert_eq!(f64_to_f16_bits(1e300), None);
    }

    #[test]
    fn nan_payloads_follow_x86_casts() {
        let snan64 = f64::from_bits(0x7ff0_0000_2000_0001);
        assert_eq!(f64_to_f32(snan64).to_bits(), 0x7fc0_0001);
        let snan32 = f32::from_bits(0x7f80_0001);
        assert_eq!(f32_to_f64(snan32).to_bits(), 0x7ff8_0000_2000_0000);
        assert_eq!(f64_to_f32(-f64::NAN).to_bits(), 0xffc0_0000);
        assert_eq!(f64_to_f32_checked(1e300), None);
        assert_eq!(f64_to_f32_checked(f64::INFINITY), Some(f32::INFINITY));
    }
}
