//! The byte orders of the typed path as a sealed trait of netpack's own, so that
//! no dependency's major version is part of the [`NetPack`](crate::NetPack)
//! trait. `byteorder` does the work behind it.

/// A byte order: [`BigEndian`], [`LittleEndian`] or [`NativeEndian`] (the
/// target's). Sealed: only netpack implements it.
pub trait Endian: sealed::Sealed {}

/// Big-endian (`>` and `!`).
#[derive(Clone, Copy, Debug)]
pub enum BigEndian {}

/// Little-endian (`<`).
#[derive(Clone, Copy, Debug)]
pub enum LittleEndian {}

/// The target's byte order (`@` and `=`).
#[cfg(target_endian = "little")]
pub type NativeEndian = LittleEndian;
/// The target's byte order (`@` and `=`).
#[cfg(target_endian = "big")]
pub type NativeEndian = BigEndian;

impl Endian for BigEndian {}
impl Endian for LittleEndian {}

pub(crate) mod sealed {
    /// What an [`Endian`](super::Endian) reads and writes with; not nameable
    /// outside netpack.
    pub trait Sealed: 'static {
        /// The `byteorder` type that does the reading and writing.
        type Bytes: byteorder::ByteOrder;
        /// Whether the order is little-endian.
        const LITTLE: bool;
    }

    impl Sealed for super::BigEndian {
        type Bytes = byteorder::BigEndian;
        const LITTLE: bool = false;
    }

    impl Sealed for super::LittleEndian {
        type Bytes = byteorder::LittleEndian;
        const LITTLE: bool = true;
    }
}
