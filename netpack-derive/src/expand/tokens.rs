//! Small token helpers shared by every generator: literals written the way a
//! person would (`b'!'`, `8`), `Option`s, and the byte order types.

use netpack_format::Order;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::LitStr;

/// `b'!'` rather than `33u8` in the generated code.
pub(crate) fn byte(b: u8) -> proc_macro2::Literal {
    proc_macro2::Literal::byte_character(b)
}

/// `8` rather than `8usize` in the generated code.
pub(crate) fn int(n: usize) -> proc_macro2::Literal {
    proc_macro2::Literal::usize_unsuffixed(n)
}

/// `"…"` as a string literal token.
pub(crate) fn lit(s: &str) -> LitStr {
    LitStr::new(s, Span::call_site())
}

/// `::core::option::Option::Some(#value)`.
pub(crate) fn some(value: impl quote::ToTokens) -> TokenStream {
    quote!(::core::option::Option::Some(#value))
}

/// `::core::option::Option::None`.
pub(crate) fn none() -> TokenStream {
    quote!(::core::option::Option::None)
}

/// An `Option<usize>` known at expansion time.
pub(crate) fn option(n: Option<usize>) -> TokenStream {
    match n {
        Some(n) => some(int(n)),
        None => none(),
    }
}

/// netpack's byte order type for an order: native for `@` and `=`.
pub(crate) fn endian(order: Order) -> TokenStream {
    match order {
        Order::Native | Order::Standard => quote!(::netpack::__private::NativeEndian),
        Order::Little => quote!(::netpack::__private::LittleEndian),
        Order::Big | Order::Network => quote!(::netpack::__private::BigEndian),
    }
}
