//! The byte arguments of `pack!` (for `s` and `p`) and `unpack!` (the buffer),
//! refused at compile time where the type already says they are wrong: text
//! where Python wants bytes, and a byte array whose length is not the format's.
//!
//! The macros see tokens, not types, so the choice is made by method resolution
//! on [`Bytes`]: an inherent method (for byte arrays, for text) is preferred to
//! the method of the [`AnyBytes`] fallback (anything `AsRef<[u8]>`), and its
//! `where` clause turns the mistake into a trait error with a message of ours.

/// A byte argument of `pack!` or `unpack!`, borrowed.
pub struct Bytes<'a, T: ?Sized>(pub &'a T);

/// What any `AsRef<[u8]>` argument gives: its bytes, whatever its length (a
/// slice's length is only known at run time).
pub trait AnyBytes<'a> {
    /// The bytes of a `pack!` argument for `s` or `p`.
    fn pack_arg(self) -> &'a [u8];
    /// The buffer of `unpack!`, for a format of `SIZE` bytes.
    fn unpack_arg<const SIZE: usize>(self) -> &'a [u8];
}

impl<'a, T: ?Sized + AsRef<[u8]>> AnyBytes<'a> for Bytes<'a, T> {
    #[inline(always)]
    fn pack_arg(self) -> &'a [u8] {
        self.0.as_ref()
    }
    #[inline(always)]
    fn unpack_arg<const SIZE: usize>(self) -> &'a [u8] {
        self.0.as_ref()
    }
}

/// A byte array of exactly `SIZE` bytes: the bound a buffer of known length
/// must meet for a format of `SIZE` bytes.
#[diagnostic::on_unimplemented(
    message = "unpack! needs exactly {SIZE} bytes for this format, and the buffer is a `{Self}`",
    label = "a `{Self}`, not {SIZE} bytes",
    note = "Python's struct.unpack refuses a buffer of another size; to unpack the start of a longer buffer, slice it (`&buf[..{SIZE}]`)"
)]
pub trait ExactLen<const SIZE: usize> {}

impl<const N: usize> ExactLen<N> for [u8; N] {}

impl<'a, const N: usize> Bytes<'a, [u8; N]> {
    /// The buffer of `unpack!`: an array of the format's size.
    #[inline(always)]
    pub fn unpack_arg<const SIZE: usize>(self) -> &'a [u8]
    where
        [u8; N]: ExactLen<SIZE>,
    {
        self.0
    }
}

impl<'a, const N: usize> Bytes<'a, &[u8; N]> {
    /// The buffer of `unpack!`: a reference to an array of the format's size
    /// (`&buf`, `b"…"`).
    #[inline(always)]
    pub fn unpack_arg<const SIZE: usize>(self) -> &'a [u8]
    where
        [u8; N]: ExactLen<SIZE>,
    {
        *self.0
    }
}

impl<'a, const N: usize> Bytes<'a, &mut [u8; N]> {
    /// The buffer of `unpack!`: a mutable reference to an array of the format's
    /// size.
    #[inline(always)]
    pub fn unpack_arg<const SIZE: usize>(self) -> &'a [u8]
    where
        [u8; N]: ExactLen<SIZE>,
    {
        &**self.0
    }
}

/// Text that is `AsRef<[u8]>` (so would pack as its UTF-8 bytes if nothing
/// stopped it): `str`, `String` and references to them.
pub trait Text: AsRef<[u8]> {}

impl Text for str {}
impl Text for alloc::string::String {}
impl<T: ?Sized + Text> Text for &T {}
impl<T: ?Sized + Text> Text for &mut T {}

/// Bytes, not text: the bound text fails, as Python's `struct` refuses `str`.
#[diagnostic::on_unimplemented(
    message = "netpack packs bytes, not text: `{Self}` is not a bytes object",
    label = "text where Python's struct wants bytes",
    note = "Python's struct.pack refuses str for 's' and 'p' (\"argument for 's' must be a bytes object\"); write a byte string `b\"…\"`, or call `.as_bytes()` to pack the UTF-8 encoding"
)]
pub trait NotText {}

impl<'a, T: ?Sized + Text> Bytes<'a, T> {
    /// Text as a `pack!` argument: refused by the `where` clause.
    #[inline(always)]
    pub fn pack_arg(self) -> &'a [u8]
    where
        T: NotText,
    {
        self.0.as_ref()
    }

    /// Text as the buffer of `unpack!`: refused by the `where` clause, as
    /// Python's `struct.unpack` refuses `str`.
    #[inline(always)]
    pub fn unpack_arg<const SIZE: usize>(self) -> &'a [u8]
    where
        T: NotText,
    {
        self.0.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_argument_gives_its_bytes() {
        let array = [1u8, 2];
        let vec = alloc::vec![1u8, 2];
        assert_eq!(Bytes(&array).unpack_arg::<2>(), [1, 2]);
        assert_eq!(Bytes(&&array).unpack_arg::<2>(), [1, 2]);
        assert_eq!(Bytes(&&mut [1u8, 2]).unpack_arg::<2>(), [1, 2]);
        assert_eq!(Bytes(&b"ab").unpack_arg::<2>(), b"ab");
        assert_eq!(Bytes(&&array[..]).unpack_arg::<5>(), [1, 2]);
        assert_eq!(Bytes(&vec).unpack_arg::<5>(), [1, 2]);
        assert_eq!(Bytes(&b"abc").pack_arg(), b"abc");
        assert_eq!(Bytes(&vec).pack_arg(), [1, 2]);
    }
}
