//! The typed path: Rust types that declare their wire layout.
//!
//! [`Message`](crate::Message) ([`message`]) is the typed vocabulary
//! (`encode`, `decode`, …) of every type with a wire encoding: fixed parts and
//! variable-length fields ([`variable`]) one after the other.
//! [`NetPack`](crate::NetPack) ([`netpack`]) is a fixed layout, one Python
//! `struct` format of constant size, implemented for the primitives and arrays
//! there and by `#[derive(NetPack)]`; every `NetPack` type is a `Message`.
//! [`shape`] is a type's layout as format items, rendered into its format at
//! compile time in a [`const_vec`] buffer; [`field`] holds the encodings a field
//! attribute chooses; [`pascal`] the `p` string type; [`ordered`] the
//! order-tagged wrappers `Le`, `Be`, `Ne`; [`byte_order`] the byte order
//! chosen at run time (`ByteOrder`, `OrderedMessage`); [`computed`] the
//! length field the codec fills in (`Len`); [`checksum`] the checksum field
//! it computes and verifies (`Checksum`); [`macro_args`] what `pack!` and
//! `unpack!` accept.

pub(crate) mod byte_order;
pub(crate) mod checksum;
pub(crate) mod computed;
pub(crate) mod const_vec;
pub(crate) mod field;
pub(crate) mod field_codec;
pub(crate) mod macro_args;
pub(crate) mod message;
pub(crate) mod netpack;
pub(crate) mod ordered;
pub(crate) mod pascal;
pub(crate) mod shape;
pub(crate) mod variable;
