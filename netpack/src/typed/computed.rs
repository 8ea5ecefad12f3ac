//! [`Len`]: a length field that the codec fills in.

use core::marker::PhantomData;

/// A length field the user never fills in: on encode, the length of the field
/// that names it (`#[netpack(len = "…")]`) is written as a `T`; on decode, the
/// `T` read is that field's length. The value holds nothing, so a decoded
/// message compares equal to the one encoded.
///
/// Python writes the same: `struct.pack("!HI", kind, len(data)) + data`, with
/// fields between the length and the data as they come.
///
#[cfg_attr(feature = "derive", doc = "```")]
#[cfg_attr(not(feature = "derive"), doc = "```ignore")]
/// use netpack::{Len, Message, NetPack};
///
/// /// Python: struct.pack("!IB", len(body), kind) + body
/// #[derive(NetPack, Debug, PartialEq)]
/// struct Frame {
///     length: Len<u32>,
///     kind: u8,
///     #[netpack(len = "length", max = 1024)]
///     body: Vec<u8>,
/// }
///
/// let frame = Frame { length: Len::new(), kind: 7, body: b"hi".to_vec() };
/// let wire = frame.encode()?;
/// assert_eq!(wire, b"\0\0\0\x02\x07hi");
/// assert_eq!(Frame::decode(&wire)?, frame);
/// assert_eq!(Frame::PARTS, r#"struct.pack("!IB", len(body), kind) + body"#);
/// # Ok::<(), netpack::Error>(())
/// ```
pub struct Len<T>(PhantomData<fn() -> T>);

impl<T> Len<T> {
    /// The length field, to be filled in when encoding.
    pub const fn new() -> Len<T> {
        Len(PhantomData)
    }
}

/// The impls of a field type that holds no value (`Len`, `Checksum`): every
/// value is equal, since the codec computes what it stands for.
macro_rules! computed_field {
    ($name:ident) => {
        impl<T> Default for $name<T> {
            fn default() -> $name<T> {
                $name::new()
            }
        }

        impl<T> Clone for $name<T> {
            fn clone(&self) -> $name<T> {
                *self
            }
        }

        impl<T> Copy for $name<T> {}

        /// Every value is equal: what it stands for is computed.
        impl<T> PartialEq for $name<T> {
            fn eq(&self, _: &$name<T>) -> bool {
                true
            }
        }

        impl<T> Eq for $name<T> {}

        impl<T> core::hash::Hash for $name<T> {
            fn hash<H: core::hash::Hasher>(&self, _: &mut H) {}
        }

        impl<T> core::fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(stringify!($name))
            }
        }
    };
}

pub(crate) use computed_field;

computed_field!(Len);
