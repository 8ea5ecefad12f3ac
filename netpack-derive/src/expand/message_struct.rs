//! A struct with variable-length fields: its body's parts, the `PARTS` text,
//! the `Message` impl, and `Capped` when every variable field is bounded.

use super::message_body::{self, Cx};
use super::skeleton::{self, MessageImpl};
use super::tokens;
use crate::ast::{RuntimeOrder, Struct};
use netpack_format::Order;
use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;

pub(super) fn expand(input: &Struct) -> syn::Result<TokenStream> {
    let name = input.ident().unraw().to_string();
    let runtime = !matches!(input.runtime_order(), RuntimeOrder::Fixed);
    // A run-time order renders its formats little-endian: the sizes and
    // offsets are those of either order.
    let order = if runtime {
        Order::Little
    } else {
        input.order()
    };
    let lt = skeleton::lifetime(input.original);
    let cx = Cx {
        order,
        runtime,
        magic: input.attrs.magic.as_ref(),
        path: name.clone(),
        id: String::new(),
        lt: &lt,
        fields: &input.fields,
        lsb: input.attrs.lsb(),
    };
    if runtime {
        return Ok(super::ordered::expand(input, name, message_body::body(&cx)));
    }
    let (items, message, pattern) = message_body::body(&cx).into_message(input.original, name);
    let (encode, decode) = (&message.encode, &message.decode);
    let endian = tokens::endian(order);
    let impl_ = MessageImpl {
        encode: quote! {
            let Self #pattern = self;
            #encode
        },
        decode: quote! {
            let mut __pos: usize = __start;
            #decode
            ::core::result::Result::Ok((Self #pattern, __pos - __start))
        },
        ..message
    }
    .to_tokens(input.original);
    Ok(quote! {
        type __O = #endian;
        #items
        #impl_
    })
}
