//! The few big integers bitstruct's messages and range checks need beyond
//! `i128`: `2**k` in decimal (the bounds of a long field, `"u200" requires 0 <=
//! integer <= 1606…375`) and the size of a long decimal literal.

use alloc::vec::Vec;
use core::fmt;

/// The number of decimal digits of `2**k`.
pub(crate) const fn pow2_digits(k: u64) -> u64 {
    // floor(k * log10(2)) + 1 with log10(2) in 0.64 fixed point; 2**k is never a
    // power of ten, and the rounding error (under k / 2**64) cannot reach the
    // next integer for any k the bounds are printed for.
    const LOG10_2: u128 = 0x4d10_4d42_7de7_fbcc;
    ((k as u128 * LOG10_2) >> 64) as u64 + 1
}

/// `2**exp`, or `2**exp - 1`, in decimal.
pub(crate) struct Pow2 {
    pub(crate) exp: u64,
    pub(crate) minus_one: bool,
}

impl fmt::Display for Pow2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.exp < 127 {
            let n = (1i128 << self.exp) - i128::from(self.minus_one);
            return write!(f, "{n}");
        }
        // Limbs of nine decimal digits, least significant first, multiplied by
        // 2**29 (under 10**9) at a time.
        const BASE: u64 = 1_000_000_000;
        let mut limbs: Vec<u64> = Vec::new();
        limbs.push(1);
        let mut left = self.exp;
        while left > 0 {
            let step = left.min(29);
            left -= step;
            let mut carry = 0u64;
            for limb in limbs.iter_mut() {
                let x = (*limb << step) + carry;
                *limb = x % BASE;
                carry = x / BASE;
            }
            if carry > 0 {
                limbs.push(carry);
            }
        }
        if self.minus_one {
            // 2**exp ends in 2, 4, 6 or 8: no borrow.
            limbs[0] -= 1;
        }
        let mut digits = limbs.iter().rev();
        if let Some(top) = digits.next() {
            write!(f, "{top}")?;
        }
        for limb in digits {
            write!(f, "{limb:09}")?;
        }
        Ok(())
    }
}

/// The bit length of a magnitude given by its decimal digits (most significant
/// first, values 0..=9), and whether it is a power of two: what decides whether
/// an integer beyond `i128` fits a field.
pub(crate) fn magnitude_bits(digits: impl Iterator<Item = u8>) -> (u64, bool) {
    // Limbs of 32 bits, least significant first.
    let mut limbs: Vec<u32> = Vec::new();
    let mut chunk = 0u64;
    let mut scale = 1u64;
    let push = |limbs: &mut Vec<u32>, chunk: u64, scale: u64| {
        let mut carry = chunk;
        for limb in limbs.iter_mut() {
            let x = u64::from(*limb) * scale + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        while carry > 0 {
            limbs.push(carry as u32);
            carry >>= 32;
        }
    };
    for d in digits {
        chunk = chunk * 10 + u64::from(d);
        scale *= 10;
        if scale == 1_000_000_000 {
            push(&mut limbs, chunk, scale);
            chunk = 0;
            scale = 1;
        }
    }
    if scale > 1 {
        push(&mut limbs, chunk, scale);
    }
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    let Some(&top) = limbs.last() else {
        return (0, false);
    };
    let bits = (limbs.len() as u64 - 1) * 32 + u64::from(32 - top.leading_zeros());
    let pow2 = top.is_power_of_two() && limbs[..limbs.len() - 1].iter().all(|&l| l == 0);
    (bits, pow2)
}

/// Writes `text` into nothing, counting: a check that `Pow2` prints `digits`
/// characters (used by the tests).
#[cfg(test)]
fn printed_len(p: &Pow2) -> usize {
    use core::fmt::Write as _;
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = write!(c, "{p}");
    c.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn powers_of_two_in_decimal() {
        let p = |exp, minus_one| Pow2 { exp, minus_one }.to_string();
        assert_eq!(p(0, false), "1");
        assert_eq!(p(4, true), "15");
        assert_eq!(p(127, true), "170141183460469231731687303715884105727");
        assert_eq!(
            p(200, true),
            "1606938044258990275541962092341162602522202993782792835301375"
        );
        assert_eq!(p(128, false), "340282366920938463463374607431768211456");
    }

    #[test]
    fn digit_counts() {
        for k in [0, 1, 3, 4, 9, 10, 127, 1000, 3000] {
            let n = printed_len(&Pow2 {
                exp: k,
                minus_one: false,
            });
            assert_eq!(pow2_digits(k), n as u64, "2**{k}");
        }
        // The limit of Python's int-to-str conversion falls between these.
        assert_eq!(pow2_digits(14284), 4300);
        assert_eq!(pow2_digits(14285), 4301);
    }

    #[test]
    fn magnitudes() {
        let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<u8>>().into_iter();
        assert_eq!(magnitude_bits(digits("0")), (0, false));
        assert_eq!(magnitude_bits(digits("1")), (1, true));
        assert_eq!(magnitude_bits(digits("255")), (8, false));
        assert_eq!(magnitude_bits(digits("256")), (9, true));
        assert_eq!(
            magnitude_bits(digits("340282366920938463463374607431768211456")),
            (129, true)
        );
        assert_eq!(
            magnitude_bits(digits("000340282366920938463463374607431768211455")),
            (128, false)
        );
    }
}
