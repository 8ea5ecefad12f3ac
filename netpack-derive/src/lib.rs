//! Procedural macros for netpack: `#[derive(NetPack)]`, `pack!` and `unpack!`.
//! Use them through the `netpack` crate, which re-exports them.

use proc_macro::TokenStream;

/// Derives `netpack::NetPack`.
#[proc_macro_derive(NetPack, attributes(netpack))]
pub fn derive_netpack(_input: TokenStream) -> TokenStream {
    "compile_error!(\"netpack-derive: not implemented yet\");"
        .parse()
        .unwrap_or_default()
}

/// Packs values with a literal format at compile time.
#[proc_macro]
pub fn pack(_input: TokenStream) -> TokenStream {
    "compile_error!(\"netpack-derive: not implemented yet\")"
        .parse()
        .unwrap_or_default()
}

/// Unpacks a buffer with a literal format at compile time.
#[proc_macro]
pub fn unpack(_input: TokenStream) -> TokenStream {
    "compile_error!(\"netpack-derive: not implemented yet\")"
        .parse()
        .unwrap_or_default()
}
