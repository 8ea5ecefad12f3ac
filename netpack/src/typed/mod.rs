//! The typed path: Rust types that declare their wire layout. [`NetPack`](crate::NetPack)
//! is a fixed layout (one Python `struct` format, a constant size), implemented
//! for the primitives and arrays here and by `#[derive(NetPack)]`; [`shape`]
//! renders a type's layout into its format at compile time, [`field`] holds the
//! per-field codecs the derive's output calls, [`pascal`] the `p` string type.
//! [`Message`](crate::Message) ([`message`]) is a layout of fixed parts and
//! variable-length fields ([`variable`]), which every `NetPack` type also is.

pub(crate) mod field;
pub(crate) mod message;
pub(crate) mod netpack;
pub(crate) mod pascal;
pub(crate) mod shape;
pub(crate) mod variable;
