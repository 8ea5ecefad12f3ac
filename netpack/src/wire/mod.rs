//! The wire primitives every path shares: one encoder and decoder per kind of
//! value with CPython's exact rules ([`primitive`]), its float conversions
//! ([`float`]), the byte orders of the typed path ([`endian`]) and the stack
//! scratch buffer for staging one record ([`scratch`]).
//!
//! The runtime, the derived types and the streams all call these, so the paths
//! cannot disagree about a byte. `wire` is a leaf: it knows bytes, numbers and
//! errors, not `Value`s or types.

pub(crate) mod endian;
pub(crate) mod float;
pub(crate) mod primitive;
pub(crate) mod scratch;
