//! Bits in and out of byte buffers, most significant bit first, through 64-bit
//! windows (one load and one store per field of up to 57 bits), and the two
//! transformations bitstruct applies to a field's bits: the `<` bit order
//! (reversal) and the `<` byte order (pieces from the least significant end).

/// The low `len` bits set (`len` ≤ 64).
#[inline(always)]
pub(crate) const fn mask(len: usize) -> u64 {
    if len >= 64 {
        u64::MAX
    } else {
        (1u64 << len) - 1
    }
}

/// The low `len` bits of `x` in reverse order (`len` ≤ 64).
#[inline(always)]
pub(crate) const fn reverse(x: u64, len: usize) -> u64 {
    if len == 0 {
        0
    } else {
        x.reverse_bits() >> (64 - len)
    }
}

/// Writes the low `len` (≤ 64) bits of `x` at bit `pos` of `buf`, most
/// significant first, leaving the other bits as they are. The bits must lie
/// inside `buf`.
#[inline]
pub(crate) fn put(buf: &mut [u8], pos: usize, len: usize, x: u64) {
    if len == 0 {
        return;
    }
    let x = x & mask(len);
    let byte = pos / 8;
    let shift = pos % 8;
    if shift + len <= 64 && byte + 8 <= buf.len() {
        let window = &mut buf[byte..byte + 8];
        let mut w = u64::from_be_bytes([
            window[0], window[1], window[2], window[3], window[4], window[5], window[6], window[7],
        ]);
        let low = 64 - shift - len;
        w = (w & !(mask(len) << low)) | (x << low);
        window.copy_from_slice(&w.to_be_bytes());
        return;
    }
    // Near the end of the buffer, or a field of more than 57 bits across 9
    // bytes: the bytes one by one.
    let span = (shift + len).div_ceil(8);
    let low = span * 8 - shift - len;
    let wide = u128::from(x) << low;
    let keep = !(u128::from(mask(len)) << low);
    for k in 0..span {
        let at = (span - 1 - k) * 8;
        let b = &mut buf[byte + k];
        *b = (*b & (keep >> at) as u8) | (wide >> at) as u8;
    }
}

/// Reads `len` (≤ 64) bits at bit `pos` of `buf`, most significant first, into
/// the low bits of the result. The bits must lie inside `buf`.
#[inline]
pub(crate) fn get(buf: &[u8], pos: usize, len: usize) -> u64 {
    if len == 0 {
        return 0;
    }
    let byte = pos / 8;
    let shift = pos % 8;
    if shift + len <= 64 && byte + 8 <= buf.len() {
        let w = &buf[byte..byte + 8];
        let w = u64::from_be_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        return (w >> (64 - shift - len)) & mask(len);
    }
    let span = (shift + len).div_ceil(8);
    let mut wide = 0u128;
    for &b in &buf[byte..byte + span] {
        wide = (wide << 8) | u128::from(b);
    }
    (wide >> (span * 8 - shift - len)) as u64 & mask(len)
}

/// Reads `len` (≤ 64) bits at bit `pos` of `bytes`, with zeros past its end:
/// how bitstruct sees a raw or text value shorter than its field.
#[inline]
pub(crate) fn get_padded(bytes: &[u8], pos: usize, len: usize) -> u64 {
    let total = bytes.len().saturating_mul(8);
    if pos.saturating_add(len) <= total {
        return get(bytes, pos, len);
    }
    if pos >= total {
        return 0;
    }
    let have = total - pos;
    get(bytes, pos, have) << (len - have)
}

/// The `<` byte order of a field of `n` (≤ 64) bits whose first bit falls at
/// bit `align` (0..8) of a byte: bitstruct writes the value's least significant
/// bits first, as many as fill that byte, then the next 8 and so on, the most
/// significant ones last. `w` is the field's bits as written in `>` order.
#[inline]
pub(crate) const fn reorder(w: u64, n: usize, align: usize) -> u64 {
    let first = 8 - align;
    if n <= first {
        return w;
    }
    let rest = n - first;
    let x = w >> first;
    let top = rest - (rest - 1) / 8 * 8;
    let whole = (rest - top) / 8 * 8;
    let low = if whole == 0 {
        0
    } else {
        (x & mask(whole)).swap_bytes() >> (64 - whole)
    };
    ((w & mask(first)) << rest) | (low << top) | (x >> whole)
}

/// The inverse of [`reorder`]: the field's bits in `>` order from the bits read.
#[inline]
pub(crate) const fn unorder(o: u64, n: usize, align: usize) -> u64 {
    let first = 8 - align;
    if n <= first {
        return o;
    }
    let rest = n - first;
    let head = o >> rest;
    let y = o & mask(rest);
    let top = rest - (rest - 1) / 8 * 8;
    let whole = (rest - top) / 8 * 8;
    let low = if whole == 0 {
        0
    } else {
        (y >> top).swap_bytes() >> (64 - whole)
    };
    let x = ((y & mask(top)) << whole) | low;
    (x << first) | head
}

/// The pieces of a field of `n` bits (any length) under the `<` byte order, as
/// `(at, from, len)`: the `len` bits at `at` of the field as written are bits
/// `from..from + len` of the field in `>` order. Without the reordering, one
/// piece.
pub(crate) fn pieces(n: usize, align: usize, reordered: bool) -> impl Iterator<Item = Piece> {
    let first = 8 - align;
    let plain = !reordered || n <= first;
    let mut state = if plain {
        Pieces::Plain(Some(Piece {
            at: 0,
            from: 0,
            len: n,
        }))
    } else {
        Pieces::Chunks {
            at: 0,
            end: n,
            len: first,
        }
    };
    core::iter::from_fn(move || match &mut state {
        Pieces::Plain(p) => p.take(),
        Pieces::Chunks { at, end, len } => {
            if *end == 0 {
                return None;
            }
            let take = (*len).min(*end);
            let piece = Piece {
                at: *at,
                from: *end - take,
                len: take,
            };
            *at += take;
            *end -= take;
            *len = 8;
            Some(piece)
        }
    })
}

/// One run of a field's bits that the byte order keeps together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Where the run is in the field as written.
    pub(crate) at: usize,
    /// Where it is in the field in `>` order.
    pub(crate) from: usize,
    pub(crate) len: usize,
}

enum Pieces {
    Plain(Option<Piece>),
    Chunks { at: usize, end: usize, len: usize },
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;

    /// bitstruct's `pack_value` on bit strings, for `<` byte order.
    fn model_reorder(value: &[u8], align: usize) -> Vec<u8> {
        let mut bits: Vec<u8> = vec![0; align];
        let mut value = value.to_vec();
        let mut aligned = value.len() as isize - (8 - (bits.len() % 8)) as isize;
        while aligned > 0 {
            bits.extend_from_slice(&value[aligned as usize..]);
            value.truncate(aligned as usize);
            aligned -= 8;
        }
        bits.extend_from_slice(&value);
        bits.split_off(align)
    }

    fn to_bits(x: u64, n: usize) -> Vec<u8> {
        (0..n).map(|i| ((x >> (n - 1 - i)) & 1) as u8).collect()
    }

    fn from_bits(b: &[u8]) -> u64 {
        b.iter().fold(0, |acc, &bit| (acc << 1) | u64::from(bit))
    }

    #[test]
    fn reorder_is_bitstructs_and_unorder_undoes_it() {
        let samples = [
            0u64,
            1,
            0x8000_0000_0000_0001,
            0x0123_4567_89ab_cdef,
            u64::MAX,
        ];
        for n in 1..=64 {
            for align in 0..8 {
                for &x in &samples {
                    let x = x & mask(n);
                    let want = from_bits(&model_reorder(&to_bits(x, n), align));
                    assert_eq!(reorder(x, n, align), want, "n={n} align={align} x={x:#x}");
                    assert_eq!(unorder(want, n, align), x, "n={n} align={align}");
                }
            }
        }
    }

    #[test]
    fn pieces_describe_reorder() {
        for n in [1, 7, 8, 9, 20, 64] {
            for align in 0..8 {
                let x = 0x0123_4567_89ab_cdef & mask(n);
                let mut o = 0u64;
                for p in pieces(n, align, true) {
                    let bits = (x >> (n - p.from - p.len)) & mask(p.len);
                    o |= bits << (n - p.at - p.len);
                }
                assert_eq!(o, reorder(x, n, align), "n={n} align={align}");
            }
        }
        let plain: Vec<Piece> = pieces(100, 3, false).collect();
        assert_eq!(
            plain,
            [Piece {
                at: 0,
                from: 0,
                len: 100
            }]
        );
    }

    #[test]
    fn put_and_get_at_every_position() {
        for len in [1, 5, 8, 13, 57, 58, 63, 64] {
            for pos in 0..16 {
                let mut buf = [0xa5u8; 11];
                let x = 0xfedc_ba98_7654_3210 & mask(len);
                put(&mut buf, pos, len, x);
                assert_eq!(get(&buf, pos, len), x, "len={len} pos={pos}");
                // The bits around are untouched.
                let before = get(&[0xa5u8; 11], 0, pos);
                assert_eq!(get(&buf, 0, pos), before);
                let end = pos + len;
                let after = 88 - end;
                assert_eq!(
                    get(&buf, end, after.min(64)),
                    get(&[0xa5u8; 11], end, after.min(64))
                );
            }
        }
        assert_eq!(get_padded(b"\xff", 4, 8), 0xf0);
        assert_eq!(get_padded(b"\xff", 9, 8), 0);
    }
}
