//! The one parser of Python [`struct`] format strings, shared by `netpack` (at run
//! time and in `const` evaluation) and `netpack-derive` (at macro expansion time).
//!
//! Everything here is a `const fn` with no dependencies and no allocation, so that a
//! derived type's size and field offsets, the `pack!` macro's literal and the runtime
//! `Struct` all come from this one piece of code and cannot drift apart.
//!
//! # Grammar (CPython 3.11, `Modules/_struct.c`)
//!
//! ```text
//! format := [order] item*
//! order  := '@' | '=' | '<' | '>' | '!'          (only at index 0; '@' when absent)
//! item   := space* [count] code                   (no space between count and code)
//! count  := digit+                                (leading zeros allowed; at most isize::MAX)
//! code   := 'x' 'c' 'b' 'B' '?' 'h' 'H' 'i' 'I' 'l' 'L' 'q' 'Q' 'n' 'N' 'e' 'f' 'd' 's' 'p' 'P'
//! space  := ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c'
//! ```
//!
//! `n`, `N` and `P` exist only in native mode (`@`). In native mode every item is
//! aligned, relative to the start of the struct, to its C alignment, with no
//! trailing padding; the other orders use standard sizes and no alignment. A count
//! on `s` or `p` is a byte length (one argument); on `x` a number of pad bytes (no
//! argument); on any other code a repetition.
//!
//! # Example
//!
//! ```
//! use netpack_format::{calcsize, Code, Parser};
//!
//! assert_eq!(calcsize(b"!H8sb"), Ok(11));
//!
//! let mut parser = match Parser::new(b"@b0l") { Ok(p) => p, Err(e) => panic!("{e}") };
//! let first = parser.next_item().unwrap().unwrap();
//! assert_eq!((first.code, first.count, first.offset), (Code::SChar, 1, 0));
//! let second = parser.next_item().unwrap().unwrap();
//! assert_eq!((second.code, second.count, second.offset), (Code::Long, 0, 8));
//! assert_eq!(parser.size(), 8);
//! ```
//!
//! # Bit fields
//!
//! [`bits`] is the second grammar: Python's `bitstruct` formats (`"u1u3u4s16"`),
//! laid out in bits by the same kind of stepping `const fn` parser.
//!
//! [`struct`]: https://docs.python.org/3.11/library/struct.html
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bits;
mod code;
mod error;
mod expr;
mod order;
mod parse;

pub use code::Code;
pub use error::{FormatError, FormatErrorKind};
pub use expr::BinOp;
pub use order::Order;
pub use parse::{calcsize, summarize, Item, Parser, Summary};

/// The largest size a format may describe: CPython's `PY_SSIZE_T_MAX`.
pub const MAX_SIZE: usize = isize::MAX as usize;
