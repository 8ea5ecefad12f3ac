//! [`ConstVec`]: a vector of fixed capacity filled in `const` evaluation. It is
//! the one buffer behind everything the typed path computes at compile time:
//! rendered formats, value offsets, `PARTS` texts and the message of a byte
//! order conflict (a `const` panic takes one `&str`).

/// Up to `CAP` values of `T`, built in `const` evaluation and borrowed for
/// `'static` from a `const` item.
#[derive(Clone, Copy, Debug)]
pub struct ConstVec<T: Copy, const CAP: usize> {
    items: [T; CAP],
    len: usize,
}

impl<T: Copy, const CAP: usize> ConstVec<T, CAP> {
    /// An empty vector; `fill` is what the unused capacity holds.
    pub const fn new(fill: T) -> Self {
        ConstVec {
            items: [fill; CAP],
            len: 0,
        }
    }

    /// Appends `x`, or returns `false` when the vector is full.
    pub const fn try_push(&mut self, x: T) -> bool {
        if self.len == CAP {
            return false;
        }
        self.items[self.len] = x;
        self.len += 1;
        true
    }

    /// The values.
    pub const fn as_slice(&self) -> &[T] {
        self.items.split_at(self.len).0
    }
}

impl<const CAP: usize> ConstVec<u8, CAP> {
    /// An empty text.
    pub const fn text() -> Self {
        ConstVec::new(0)
    }

    /// Appends `s` whole, or nothing when it does not fit, so that the text
    /// stays UTF-8; whether it fitted.
    pub const fn try_push_str(&mut self, s: &str) -> bool {
        let s = s.as_bytes();
        if s.len() > CAP - self.len {
            return false;
        }
        let mut i = 0;
        while i < s.len() {
            self.items[self.len + i] = s[i];
            i += 1;
        }
        self.len += s.len();
        true
    }

    /// `pieces` joined; panics (at compile time) when they do not fit.
    pub const fn joined(pieces: &[&str]) -> Self {
        let mut out = Self::text();
        let mut i = 0;
        while i < pieces.len() {
            if !out.try_push_str(pieces[i]) {
                panic!("netpack: a text computed at compile time is longer than its buffer");
            }
            i += 1;
        }
        out
    }

    /// `pieces` joined, or as much of them as fits followed by `…`, cut after a
    /// whole character.
    pub const fn joined_or_cut(pieces: &[&str]) -> Self {
        const ELLIPSIS: &str = "…";
        let mut out = Self::text();
        let mut i = 0;
        while i < pieces.len() {
            let piece = pieces[i].as_bytes();
            let mut k = 0;
            while k < piece.len() {
                if out.len + ELLIPSIS.len() == CAP {
                    // Inside a character: drop the part of it already written.
                    if piece[k] & 0xc0 == 0x80 {
                        while out.len > 0 && out.items[out.len - 1] & 0xc0 == 0x80 {
                            out.len -= 1;
                        }
                        out.len = out.len.saturating_sub(1);
                    }
                    let _ = out.try_push_str(ELLIPSIS);
                    return out;
                }
                out.items[out.len] = piece[k];
                out.len += 1;
                k += 1;
            }
            i += 1;
        }
        out
    }

    /// The text. Every constructor keeps it UTF-8, so this only panics on a
    /// netpack bug.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.as_slice()) {
            Ok(s) => s,
            Err(_) => panic!("netpack: a text computed at compile time is not UTF-8"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_fit_or_say_so() {
        let mut t = ConstVec::<u8, 5>::text();
        assert!(t.try_push_str("abc"));
        assert!(!t.try_push_str("def"));
        assert!(t.try_push_str("de"));
        assert_eq!(t.as_str(), "abcde");
        assert_eq!(
            ConstVec::<u8, 6>::joined(&["ab", "", "cd"]).as_str(),
            "abcd"
        );
        let mut offsets = ConstVec::<usize, 2>::new(0);
        assert!(offsets.try_push(4) && offsets.try_push(8) && !offsets.try_push(9));
        assert_eq!(offsets.as_slice(), [4, 8]);
    }

    #[test]
    fn a_cut_text_ends_in_an_ellipsis_after_a_whole_character() {
        const CUT: ConstVec<u8, 8> = ConstVec::joined_or_cut(&["abcd", "éé"]);
        assert_eq!(CUT.as_str(), "abcd…");
        const WHOLE: ConstVec<u8, 8> = ConstVec::joined_or_cut(&["ab", "é"]);
        assert_eq!(WHOLE.as_str(), "abé");
    }
}
