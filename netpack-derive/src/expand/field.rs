//! How generated code reaches a fixed field's encoding: the items of its
//! type's own `NetPack` layout, or of the `FieldEncoding` an attribute chose,
//! spanned on the field's type so that a type without a layout is reported
//! there.
//!
//! A field with its own layout goes through its type's hidden `NetPack` items,
//! named through the public trait: a type without a layout is then reported as
//! not implementing `NetPack`, with that trait's message and no private path.
//! So does a field with `code = …`, whose shape only is recoded. A field with
//! `c` or `e` goes through the `FieldEncoding` the attribute chooses (the derive
//! has already checked that the field's type is `u8` or `f32`).

use crate::ast::{Encoding, Field};
use crate::expand::tokens;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Ident;

/// The path to one field's encoding.
pub(crate) struct Access {
    path: TokenStream,
    own: bool,
    span: Span,
    /// The shape, where it is not the encoding's own (`code = …`).
    shape: Option<TokenStream>,
}

impl Access {
    /// The layout of a type of its own (a field's, an enum's `repr`, a tag's).
    pub(crate) fn own(ty: &impl quote::ToTokens) -> Access {
        let span = ty.span();
        Access {
            path: quote_spanned!(span=> <#ty as ::netpack::NetPack>),
            own: true,
            span,
            shape: None,
        }
    }

    /// The encoding of a fixed field.
    pub(crate) fn of(field: &Field) -> Access {
        let ty = field.ty;
        let span = ty.span();
        let chosen = |encoding: TokenStream| Access {
            path: quote_spanned!(span=> <__np::#encoding as __np::FieldEncoding<#ty>>),
            own: false,
            span,
            shape: None,
        };
        match field.encoding() {
            Encoding::Own => Access::own(ty),
            Encoding::Char => chosen(quote!(AsChar)),
            Encoding::Half => chosen(quote!(AsHalf)),
            Encoding::Code(code) => {
                // The type's own bytes and values under another integer code;
                // refused here, on the field, when the type is no integer of
                // the code's class.
                let mut access = Access::own(ty);
                let own = access.item("SHAPE");
                let code = tokens::byte(code.code);
                access.shape = Some(quote_spanned! {field_span(field)=>
                    match __np::coded(#own, #code) {
                        ::core::option::Option::Some(__shape) => __shape,
                        ::core::option::Option::None => ::core::panic!("netpack: `code = ...` needs an integer field and an integer code of the same signedness"),
                    }
                });
                access
            }
        }
    }

    /// One item, by its `FieldEncoding` name (`SHAPE`, `VALUES`,
    /// `EXPLICIT_ORDER`, `encode`, `check`, `decode`, `to_values`,
    /// `from_values`); a type's own layout has it as `NetPack`'s `__` item of
    /// the same name and signature.
    pub(crate) fn item(&self, name: &str) -> TokenStream {
        if let (Some(shape), "SHAPE") = (&self.shape, name) {
            return shape.clone();
        }
        let path = &self.path;
        let item = if self.own {
            format_ident!("__{}", name, span = self.span)
        } else {
            Ident::new(name, self.span)
        };
        quote_spanned!(self.span=> #path::#item)
    }
}

/// Where a field-level `const` error points: the field's name, or its type in a
/// tuple struct.
pub(crate) fn field_span(field: &Field) -> Span {
    match &field.original.ident {
        Some(ident) => ident.span(),
        None => field.ty.span(),
    }
}

/// The shape of `count` pad bytes.
pub(crate) fn pad_shape(count: usize) -> TokenStream {
    let count = tokens::int(count);
    quote!(__np::Shape::Item { count: #count, code: b'x', size: 0 })
}

/// A field's shapes with its pad bytes around it.
pub(crate) fn padded_shapes(field: &Field, access: &Access) -> Vec<TokenStream> {
    let attrs = &field.attrs;
    let mut out = Vec::new();
    out.extend(attrs.pad_before.as_ref().map(|p| pad_shape(p.count)));
    out.push(access.item("SHAPE"));
    out.extend(attrs.pad_after.as_ref().map(|p| pad_shape(p.count)));
    out
}
