//! Procedural macros for netpack (see the `netpack` crate).
