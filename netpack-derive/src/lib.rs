//! Procedural macros for [netpack]: `#[derive(NetPack)]`, `pack!` and `unpack!`.
//!
//! Use them through the `netpack` crate, which re-exports them; their runnable
//! examples are there. This crate cannot be used on its own: the code it
//! generates names `::netpack`.
//!
//! ```ignore
//! use netpack::{Message, NetPack};
//!
//! #[derive(NetPack)]
//! struct Request {
//!     opcode: u16,
//!     filename: [u8; 8],
//!     mode: i8,
//! }
//!
//! assert_eq!(Request::FORMAT, "!H8sb");
//! let request = Request { opcode: 1, filename: *b"test.jpg", mode: 2 };
//! assert_eq!(request.encode()?, b"\x00\x01test.jpg\x02");
//!
//! let bytes: [u8; 11] = netpack::pack!("!H8sb", 1, b"test.jpg", 2);
//! let (opcode, filename, mode) = netpack::unpack!("!H8sb", &bytes)?;
//! ```
//!
//! All three read Python `struct` formats with `netpack-format`, the parser the
//! runtime uses, and leave sizes and offsets to `const` evaluation of that same
//! parser in the generated code: the bytes are those of `netpack::pack(FORMAT,
//! …)` by construction, and native sizes are the target's, not the build
//! machine's. The derive's attributes are described once, in
//! [`netpack::docs::derive`](https://docs.rs/netpack/latest/netpack/docs/derive/index.html).
//!
//! The crate is laid out by phase. The model: `attr` (`#[netpack(...)]`, parsed
//! once), `ast` (the input with what its attributes mean, borrowing the syn
//! nodes for spans), `parts` (a message's fields as the parts code generation
//! walks), `ctxt` (the errors of one expansion), `valid` (the rules, each a
//! spanned error), `primitive` (types known from their spelling) and `format`
//! (format literals). Code generation: `expand`, cut by input shape, and
//! `fallback` (a stub impl after an error); `macros` for `pack!`/`unpack!`.
//!
//! [netpack]: https://docs.rs/netpack
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
mod attr;
mod attr_ext;
mod bits;
mod ctxt;
mod expand;
mod expr;
mod fallback;
mod format;
mod macros;
mod model;
#[cfg(test)]
mod output_tests;
mod parts;
mod primitive;
mod valid;
mod valid_ext;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Derives `netpack::NetPack` for a struct or a field-less enum, or
/// `netpack::Message` for a struct with variable-length fields and for a tagged
/// enum. The attribute reference, with an example and the Python equivalent of
/// each attribute, is `netpack::docs::derive`.
#[proc_macro_derive(NetPack, attributes(netpack))]
pub fn derive_netpack(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

/// Packs values with a literal format at compile time: `pack!("!H8sb", 1,
/// b"test.jpg", 2)` is a `[u8; 11]`, the bytes of Python's
/// `struct.pack("!H8sb", 1, b"test.jpg", 2)`.
///
/// The format is parsed at expansion time: a malformed format or a wrong number
/// of arguments is a compile error on the literal. Each argument is bound to the
/// Rust type of its code, so integer literals infer:
///
/// | code | type | code | type |
/// |---|---|---|---|
/// | `b` `B` | `i8` `u8` | `q` `Q` | `i64` `u64` |
/// | `h` `H` | `i16` `u16` | `n` `N` `P` | `isize` `usize` `usize` |
/// | `i` `I` | `c_int` `c_uint` (`i32` `u32` outside `@`) | `?` | `bool` |
/// | `l` `L` | `c_long` `c_ulong` (`i32` `u32` outside `@`) | `f` `e` `d` | `f32` `f32` `f64` |
/// | `c` | `u8` | `s` `p` | any `AsRef<[u8]>` but text, padded or truncated |
///
/// Sizes and offsets come from `const` evaluation, so native ones are the
/// target's. No allocation.
///
/// Text (`"abc"`, a `&str`, a `String`) for `s` or `p` is a compile error, as
/// Python's `struct.pack` refuses `str`: write `b"abc"`, or `.as_bytes()` for
/// the UTF-8 encoding (`netpack::Value` has no `From<&str>` for the same reason).
///
/// A format with an `e` can fail (a value beyond the half-float range, Python's
/// `OverflowError`); `pack!` then gives `Result<[u8; N], netpack::Error>`.
#[proc_macro]
pub fn pack(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as macros::PackInput);
    macros::pack(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Unpacks a buffer with a literal format at compile time: `unpack!("!H8sb",
/// &buf)` is a `Result<(u16, [u8; 8], i8), netpack::Error>`, the values of
/// Python's `struct.unpack("!H8sb", buf)`.
///
/// The buffer is anything `AsRef<[u8]>` but text and must be exactly the
/// format's size. When its length is known at compile time (`[u8; N]`,
/// `&[u8; N]`, a byte string `b"…"`) another length is a compile error;
/// otherwise (a slice, a `Vec`) the result is Python's `unpack requires a buffer
/// of N bytes` error. Values
/// have the types `pack!` takes, with `s` as `[u8; N]`, `p` of count N as
/// `netpack::PascalString<{N - 1}>` (N at most 256), `c` as `u8` and `e` as
/// `f32`; one value gives a 1-tuple, none gives `()`. One length check, no
/// allocation.
#[proc_macro]
pub fn unpack(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as macros::UnpackInput);
    macros::unpack(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
