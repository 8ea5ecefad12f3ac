//! Code generation, cut by input shape: a fixed struct ([`fixed_struct`]), a
//! field-less enum ([`fixed_enum`]), a struct with variable-length fields
//! ([`message_struct`]) and a tagged enum ([`message_enum`]). The two message
//! shapes share the walk over a message's parts ([`message_body`]) and its
//! `PARTS` text ([`parts_text`]); every shape fills in an impl [`skeleton`].
//!
//! The layout is composed in `const` evaluation from each field type's own
//! `NetPack` shape, so nested structs, arrays and type aliases need no special
//! case here, and sizes and offsets come from the runtime's format parser running
//! for the target.

use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::fallback;
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

mod bits;
mod checksum;
mod expr;
mod field;
mod fixed_enum;
mod fixed_struct;
mod magic;
mod message_body;
mod message_enum;
mod message_ext;
mod message_struct;
mod ordered;
mod parts_text;
pub(crate) mod skeleton;
pub(crate) mod tokens;

/// `#[derive(NetPack)]`: the expansion, or the errors and a stub impl.
pub(crate) fn derive(node: &DeriveInput) -> TokenStream {
    match try_expand(node) {
        Ok(expanded) => expanded,
        Err(error) => fallback::expand(node, error),
    }
}

fn try_expand(node: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let input = Input::from_syn(&cx, node)?;
    input.validate(&cx);
    cx.check()?;
    let body = match &input {
        Input::Struct(s) if s.is_message() => message_struct::expand(s)?,
        Input::Struct(s) => fixed_struct::expand(s)?,
        Input::Enum(e) if e.is_tagged() => message_enum::expand(e)?,
        Input::Enum(e) => fixed_enum::expand(e)?,
    };
    Ok(dummy(body))
}

/// The generated items in a `const _: () = { … };` block, so that the helper
/// items (`__FORMAT`, `__OFFSETS`, …) are no names of the user's scope.
fn dummy(body: TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, non_camel_case_types, non_snake_case, unused_variables, unused_mut, clippy::all)]
        const _: () = {
            use ::netpack::__private as __np;
            #body
        };
    }
}

/// `__EXPLICIT_ORDER` of a type whose order was written (`order = …` or the
/// prefix of `format = …`), so that a struct nesting it can refuse another
/// order.
fn explicit_order(name: &str, order: netpack_format::Order, written: bool) -> Option<TokenStream> {
    let prefix = tokens::byte(order.prefix());
    written.then(|| quote!(::core::option::Option::Some((#prefix, #name))))
}
