//! The wire primitives every path shares: one encoder and decoder per kind of
//! value with CPython's exact rules ([`codec`]), its float conversions
//! ([`float`]), and the stack scratch buffer for staging one record ([`scratch`]).
//!
//! The runtime, the derived types and the streams all call these, so the paths
//! cannot disagree about a byte.

pub(crate) mod codec;
pub(crate) mod float;
pub(crate) mod scratch;
