//! The reference documentation, written once as Markdown under `netpack/doc/`
//! and compiled (examples included) here.

/// The `#[derive(NetPack)]` attribute reference.
#[doc = include_str!("../doc/derive.md")]
pub mod derive {}

/// How netpack is held to Python and to hostile input: the oracles, the
/// vectors, the property tests, fuzzing and Miri.
#[doc = include_str!("../doc/conformance.md")]
pub mod conformance {}

/// Which path is fast for what, what each costs in memory, and why.
#[doc = include_str!("../doc/performance.md")]
pub mod performance {}
