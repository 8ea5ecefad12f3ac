//! A field-less enum: its `#[repr]` integer's layout, a discriminant per
//! variant, and the `NetPack` impl mapping values to variants (or to the
//! catch-all, `#[netpack(other)] Other(u16)`).

use super::field::Access;
use super::skeleton::NetPackImpl;
use super::{explicit_order, tokens};
use crate::ast::Enum;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

pub(super) fn expand(input: &Enum) -> syn::Result<TokenStream> {
    let ty = input.ident();
    let Some(repr) = input.repr() else {
        return Err(syn::Error::new_spanned(ty, "missing #[repr]"));
    };
    let order = input.order();
    let prefix = tokens::byte(order.prefix());
    let name = ty.unraw().to_string();
    let access = Access::own(repr);
    let shape = access.item("SHAPE");
    let discriminants = discriminants(input, repr);
    let lookups = lookups(input, repr);
    let skeleton = NetPackImpl {
        format: quote!(__FORMAT),
        shape: quote!(__SHAPE),
        offsets: quote!(__OFFSET_LIST.as_slice()),
        endian: tokens::endian(order),
        explicit_order: explicit_order(&name, order, input.attrs.order.is_some()),
        parts: None,
        ..methods(input, &access)
    };
    let impl_ = skeleton.to_tokens(input.original);
    Ok(quote! {
        const __SHAPE: __np::Shape = #shape;
        const __LEN: usize = __SHAPE.format_len() + 1;
        const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(#prefix);
        const __FORMAT: &str = __TEXT.as_str();
        const __OFFSET_LIST: __np::ConstVec<usize, 1> = __np::value_offsets(__FORMAT);
        #discriminants
        #lookups
        #impl_
    })
}

/// The constant holding a variant's discriminant.
fn discriminant(variant: &Ident) -> Ident {
    format_ident!("__D_{}", variant.unraw())
}

/// The discriminant of every variant: a cast where the enum is field-less, the
/// written (or implied) values where a catch-all has data and casts are not
/// allowed.
fn discriminants(input: &Enum, repr: &Ident) -> TokenStream {
    let ty = input.ident();
    let catch_all = input.other().is_some();
    let mut out = TokenStream::new();
    let mut previous: Option<Ident> = None;
    for variant in &input.variants {
        let v = variant.ident();
        let konst = discriminant(v);
        let value = match (catch_all, &variant.original.discriminant, &previous) {
            (false, _, _) => quote!(#ty::#v as #repr),
            (true, Some((_, expr)), _) => quote!(#expr),
            (true, None, Some(prev)) => quote!(#prev + 1),
            (true, None, None) => quote!(0),
        };
        out.extend(quote!(const #konst: #repr = #value;));
        previous = Some(konst);
    }
    out
}

/// `__variant` (the variant of a value, if any) and `__value` (the value of a
/// variant).
fn lookups(input: &Enum, repr: &Ident) -> TokenStream {
    let ty = input.ident();
    let (variants, consts): (Vec<&Ident>, Vec<Ident>) = input
        .variants
        .iter()
        .filter(|v| v.attrs.other.is_none())
        .map(|v| (v.ident(), discriminant(v.ident())))
        .unzip();
    let (unknown, value_of_other) = match input.other().map(|v| v.ident()) {
        Some(o) => (
            quote!(::core::option::Option::Some(#ty::#o(v))),
            quote!(#ty::#o(v) => *v,),
        ),
        None => (quote!(::core::option::Option::None), quote!()),
    };
    quote! {
        #[inline]
        fn __variant(v: #repr) -> ::core::option::Option<#ty> {
            match v {
                #(#consts => ::core::option::Option::Some(#ty::#variants),)*
                _ => #unknown,
            }
        }

        #[inline]
        fn __value(k: &#ty) -> #repr {
            match k {
                #(#ty::#variants => #consts,)*
                #value_of_other
            }
        }
    }
}

/// The method bodies, through the `repr`'s own layout.
fn methods(input: &Enum, access: &Access) -> NetPackImpl {
    let name = LitStr::new(&input.ident().unraw().to_string(), input.ident().span());
    let (encode, decode) = (access.item("encode"), access.item("decode"));
    let (to_values, from_values) = (access.item("to_values"), access.item("from_values"));
    let unknown = quote!(::netpack::Error::invalid_value(#name, v as i128));
    NetPackImpl {
        encode: quote!(#encode::<__O>(&__value(self), __buf, __offsets)),
        check: Some(quote! {
            let v = #decode::<__O>(__buf, __offsets);
            match __variant(v) {
                ::core::option::Option::Some(_) => ::core::result::Result::Ok(()),
                ::core::option::Option::None => ::core::result::Result::Err(#unknown),
            }
        }),
        decode: quote! {
            match __variant(#decode::<__O>(__buf, __offsets)) {
                ::core::option::Option::Some(k) => k,
                ::core::option::Option::None => ::core::unreachable!("netpack: `__check` refused this value"),
            }
        },
        to_values: quote!(#to_values(&__value(self), __out)),
        from_values: quote! {
            let v = #from_values(__values, __first, __order)?;
            match __variant(v) {
                ::core::option::Option::Some(k) => ::core::result::Result::Ok(k),
                ::core::option::Option::None => ::core::result::Result::Err(#unknown),
            }
        },
        ..NetPackImpl::stub()
    }
}
