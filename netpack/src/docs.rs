//! The reference documentation, written once as Markdown under `netpack/doc/`
//! and compiled (examples included) here.

/// The `#[derive(NetPack)]` attribute reference.
#[doc = include_str!("../doc/derive.md")]
pub mod derive {}
