//! The dynamic path: a format known only at run time, parsed once into a
//! [`Struct`](crate::Struct) (a flat plan of ops), packing and unpacking
//! [`Value`](crate::Value)s as Python's `struct` module does.

pub(crate) mod args;
#[cfg(feature = "std")]
pub(crate) mod cache;
pub(crate) mod columns;
pub(crate) mod iter;
pub(crate) mod plan;
pub(crate) mod structure;
pub(crate) mod value;
