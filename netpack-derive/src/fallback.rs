//! What the derive emits after an error: the error, and a stub `NetPack` impl
//! (the one skeleton every fixed type uses) so that code using the type does
//! not add a cascade of "trait not implemented" errors to the one that matters.
//! The stub compiles on its own and is never run: it is only emitted alongside
//! a `compile_error!`.

use crate::expand::skeleton::NetPackImpl;
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub(crate) fn expand(input: &DeriveInput, error: syn::Error) -> TokenStream {
    let error = error.to_compile_error();
    let stub = NetPackImpl::stub().to_tokens(input);
    quote! {
        #error
        #stub
    }
}
