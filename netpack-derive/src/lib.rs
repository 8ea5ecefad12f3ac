//! Procedural macros for [netpack]: `#[derive(NetPack)]`, `pack!` and `unpack!`.
//!
//! Use them through the `netpack` crate, which re-exports them; their runnable
//! examples are there. This crate cannot be used on its own: the code it
//! generates names `::netpack`.
//!
//! ```ignore
//! use netpack::NetPack;
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
//! assert_eq!(request.pack(), b"\x00\x01test.jpg\x02");
//!
//! let bytes: [u8; 11] = netpack::pack!("!H8sb", 1, b"test.jpg", 2);
//! let (opcode, filename, mode) = netpack::unpack!("!H8sb", &bytes)?;
//! ```
//!
//! All three read Python `struct` formats with `netpack-format`, the parser the
//! runtime uses, and leave sizes and offsets to `const` evaluation of that same
//! parser in the generated code: the bytes are those of `netpack::pack(FORMAT,
//! …)` by construction, and native sizes are the target's, not the build
//! machine's. The derive's attributes are described on [`macro@NetPack`].
//!
//! The crate is laid out by phase: `ast` (the input, with its syn nodes for
//! spans), `attr` (`#[netpack(...)]`), `valid` (the rules, each a spanned
//! error), `expand` (the generated code) and `fallback` (a stub impl after an
//! error), and `macros` for `pack!`/`unpack!`.
//!
//! [netpack]: https://docs.rs/netpack
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod format;
mod macros;
mod parts;
mod primitive;
mod valid;

use proc_macro::TokenStream;
use syn::parse_macro_input;

/// Derives `netpack::NetPack` for a struct or a field-less enum: a fixed Python
/// `struct` layout with `FORMAT`, `SIZE`, `pack`, `unpack` and the rest; or
/// `netpack::Message` for a struct with variable-length fields and for a tagged
/// enum.
///
/// # Layout
///
/// The fields' own `NetPack` layouts, in order, after the byte order prefix.
/// Named, tuple and unit structs are supported (a unit struct's `FORMAT` is just
/// the prefix, `SIZE` 0); generic types and unions are not. A nested derived type
/// is inlined and takes the outer order; a type with a written-out `format`
/// keeps its pad bytes and codes when nested.
///
/// # Attributes on the type
///
/// - `#[netpack(order = "!")]`: one of `"@" "=" "<" ">" "!"`, default `"!"`
///   (network order). `"@"` gives the target's native sizes and alignment, as
///   Python's `@` does.
/// - `#[netpack(format = "!H8sb")]`: the whole format. `FORMAT` is exactly this
///   literal; a malformed one is rejected at expansion time, and one that does not
///   match the fields at compile time, naming the field. Not with `order` or the
///   pad attributes (write them in the format), not on enums.
///
/// # Attributes on a field
///
/// - `#[netpack(pad_before = N)]`, `#[netpack(pad_after = N)]`: N pad bytes (`Nx`).
/// - `#[netpack(c)]`: a `u8` as `c`, a one-byte `bytes` value in Python.
/// - `#[netpack(e)]`: an `f32` as a half float `e`; packing a value beyond the half
///   range is an error, so use `try_pack`.
/// - `#[netpack(code = "l")]`: an integer as another integer code of the same
///   signedness, whose size in the type's order must be the field's.
///
/// Several may share one attribute: `#[netpack(pad_before = 1, e)]`.
///
/// # Enums
///
/// A field-less enum with `#[repr(u8)]`, `i8`, `u16`, `i16`, `u32`, `i32`, `u64`
/// or `i64` packs as that integer (`order` applies). Explicit and implicit
/// discriminants both work. Unpacking an integer that names no variant is an
/// `ErrorKind::InvalidValue` error, as is `from_values` with one, unless one
/// variant is the catch-all, `#[netpack(other)] Other(u16)`, which carries every
/// other value.
///
/// # Messages: variable-length fields
///
/// A struct with a field that has one of these attributes implements
/// `netpack::Message` instead of `NetPack`:
///
/// - `#[netpack(len = "field")]`: the length is an earlier integer field's
///   value (bytes for bytes and text, elements for sequences). Encoding checks
///   that the field holds the data's length and refuses a mismatch
///   (`ErrorKind::LengthMismatch`); it does not rewrite the field.
/// - `#[netpack(len_prefix = "H")]`: the length is written just before the data,
///   with any standard integer code, in the struct's order; one that does not
///   fit the code is Python's range error.
/// - `#[netpack(nul)]`: NUL-terminated bytes or text; a NUL inside is an error on
///   encode, a missing terminator one on decode.
/// - `#[netpack(rest)]`: everything that follows (the last field only).
/// - `#[netpack(max = N)]`, with any of these: a cap on the length, checked on
///   encode and on decode before anything is allocated. `N` is a literal or a
///   `usize` constant in scope (`max = MAX_NAME`), so the type and the code that
///   checks the same limit share one number.
/// - `#[netpack(message)]`: a whole message of the field's type (any
///   `netpack::Message`, with its own parts and caps), nested; a message that
///   ends in a `rest` field belongs last.
///
/// The field's type is `Vec<u8>` or `&'a [u8]` (bytes), `String` or `&'a str`
/// (UTF-8 text), `Vec<T>` or `netpack::Packed<'a, T>` (records of a `NetPack`
/// type `T`, in the message's order). A message may have one lifetime parameter,
/// the input its borrowed fields point into. Its fixed fields are as in a fixed
/// struct, and each run of them is one Python format checked at compile time;
/// `Message::PARTS` shows the whole message as Python writes it. `format` and
/// native order `@` do not apply to messages.
///
/// A message whose every variable field has a bound (a `max`, or a length code
/// or length field of at most 16 bits) and no `rest` field also implements
/// `netpack::Capped`, which stream readers require; with `message` fields (or
/// variants holding a message) when their types are `Capped` too.
///
/// # Tagged enums
///
/// `#[netpack(tag = "H")]` on an enum makes it a message: a tag with that code,
/// then the variant's parts. Each variant has `#[netpack(tag = 1)]` and holds
/// nothing, one whole message (`Read(Request<'a>)`), or fields with the
/// attributes above (`Data { block: u16, #[netpack(rest)] data: Vec<u8> }`).
/// One variant may be `#[netpack(other)] Unknown(u16, Vec<u8>)`: the tag and
/// the rest of the input, for every unknown tag; without it an unknown tag is
/// an `ErrorKind::InvalidValue` error. Tags must fit their code and differ. A
/// catch-all is encoded as it is: one built by hand with a known tag decodes as
/// that tag's variant.
///
/// # Errors
///
/// A decoding error names the type, the field path and the byte offset
/// (`Packet::Read.filename: no NUL terminator within 512 bytes at offset 2`),
/// for messages and fixed types alike; the context is built only on the error
/// path.
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
