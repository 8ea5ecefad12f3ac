//! Messages whose byte order is chosen at run time. Their parts are generated
//! once, generic over the order `__O`, as two hidden inherent functions; then
//! either `OrderedMessage` calls them with the order the caller gives
//! (`order = "runtime"`), or `Message` calls them with the order a field
//! selects (`order_by`): decoding starts big-endian, and the selecting field,
//! read the same in either order, restarts it little-endian when it says so.

use super::message_body::{binding, field_path, Body, Cx, PartCode};
use super::skeleton::{self, MessageImpl};
use super::tokens;
use crate::ast::{Field, Struct};
use crate::model::order::OrderBy;
use proc_macro2::TokenStream;
use quote::quote;

/// The part after the field that selects the byte order: checks that the
/// decoding runs in the order it selects.
pub(super) fn selector_part(cx: &Cx, field: &Field, order_by: &OrderBy) -> PartCode {
    let (b, p, func, ty) = (
        binding(field),
        field_path(cx, field),
        &order_by.func,
        field.ty,
    );
    let pad = tokens::int(field.attrs.pad_after.as_ref().map_or(0, |pad| pad.count));
    let decode = quote! {
        let __order: ::netpack::ByteOrder = __np::selected_order(#func(&#b)).map_err(|e| {
            __np::in_field(e, #p, __pos - #pad - <#ty as ::netpack::NetPack>::SIZE)
        })?;
        __np::check_order::<__O>(__order)?;
    };
    PartCode::fixed(quote!(0), TokenStream::new(), decode)
}

/// A struct whose order is chosen at run time: the generic functions, and the
/// trait that calls them.
pub(super) fn expand(input: &Struct, name: String, body: Body) -> TokenStream {
    let original = input.original;
    let lt = skeleton::lifetime(original);
    let (items, message, pattern) = body.into_message(original, name);
    let (encode, decode) = (&message.encode, &message.decode);
    let ty = &original.ident;
    let (head, method_lt, self_ty) = match original.generics.lifetimes().next() {
        Some(_) => (quote!(impl<#lt>), quote!(), quote!(#ty<#lt>)),
        None => (quote!(impl), quote!(#lt,), quote!(#ty)),
    };
    let functions = quote! {
        #[automatically_derived]
        #head #self_ty {
            #[doc(hidden)]
            #[inline]
            fn __np_encode_in<#method_lt __O: __np::Endian>(
                &self,
                __out: &mut __np::Vec<u8>,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                __np::encode_atomic(__out, |__out| {
                    let Self #pattern = self;
                    #encode
                    ::core::result::Result::Ok(())
                })
            }

            #[doc(hidden)]
            #[inline]
            fn __np_decode_in<#method_lt __O: __np::Endian>(
                __buf: &#lt [u8],
            ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
                let mut __pos: usize = 0;
                #decode
                ::core::result::Result::Ok((Self #pattern, __pos))
            }
        }
    };
    let trait_impl = match input.runtime_order() {
        crate::ast::RuntimeOrder::Selected(field) => {
            let order_by = field.attrs.order_by.as_ref().expect("a selecting field");
            let (func, member) = (&order_by.func, &field.member);
            let p = field_path_of(&message.name, field);
            MessageImpl {
                encode: quote! {
                    let __order = __np::selected_order(#func(&self.#member))
                        .map_err(|e| __np::in_field_encoding(e, #p))?;
                    match __order {
                        ::netpack::ByteOrder::Little => self.__np_encode_in::<__np::LittleEndian>(__out)?,
                        ::netpack::ByteOrder::Big => self.__np_encode_in::<__np::BigEndian>(__out)?,
                    }
                },
                decode: quote! {
                    match Self::__np_decode_in::<__np::BigEndian>(__buf) {
                        ::core::result::Result::Err(e) if __np::is_reorder(&e) => {
                            Self::__np_decode_in::<__np::LittleEndian>(__buf)
                        }
                        result => result,
                    }
                },
                ..message
            }
            .to_tokens(original)
        }
        _ => MessageImpl {
            encode: quote!(self.__np_encode_in::<__O>(__out)),
            decode: quote!(Self::__np_decode_in::<__O>(__buf)),
            ..message
        }
        .to_ordered_tokens(original),
    };
    quote! {
        #items
        #functions
        #trait_impl
    }
}

/// `Type.field` for an error about `field`.
fn field_path_of(name: &str, field: &Field) -> syn::LitStr {
    tokens::lit(&format!("{name}.{}", field.name()))
}
