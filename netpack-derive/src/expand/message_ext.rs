//! The parts built on expressions and on user code: a length expression
//! (`len = "ihl * 4 - 20"`), a conditional part (`if`), a repetition
//! (`count`, `until`, `until_end`), alignment padding (`align`) and a custom
//! codec (`with`). Each is one [`PartCode`] of the body's walk; nested
//! messages are decoded at their position in the whole input (`__decode_at`)
//! and encoded knowing where the outermost message began (`__encode_at`).

use super::expr;
use super::message_body::{binding, field_path, length_binding, var_counted, Cx, PartCode};
use super::parts_text::name;
use super::tokens::{self, lit};
use crate::ast::{inner_type, Field, Length, Repeat};
use crate::attr_ext::PathAttr;
use crate::expr::Parsed;
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

/// The part of a field whose length is one of this module's.
pub(super) fn var(cx: &Cx, field: &Field) -> Option<PartCode> {
    Some(match field.length() {
        Length::Expr(parsed) => counted_by_expr(cx, field, parsed),
        Length::Cond(parsed) => conditional(cx, field, parsed),
        Length::Repeat(repeat) => repetition(cx, field, repeat),
        Length::With(with) => custom(cx, field, with),
        _ => return None,
    })
}

/// The encode-time check of a length expression: it must give the data's
/// length `__n_<field>`.
pub(super) fn length_check(cx: &Cx, field: &Field) -> TokenStream {
    let Length::Expr(parsed) = field.length() else {
        return TokenStream::new();
    };
    let (n, p) = (length_binding(field), field_path(cx, field));
    let (value, text) = (expr::value(parsed, cx.fields), lit(&parsed.lit.value()));
    quote! {
        __np::check_expr_length(#value, #text, #n).map_err(|e| __np::in_field_encoding(e, #p))?;
    }
}

/// `len = "ihl * 4 - 20"`: the data's length is the expression's value.
fn counted_by_expr(cx: &Cx, field: &Field, parsed: &Parsed) -> PartCode {
    let (value, text) = (expr::value(parsed, cx.fields), lit(&parsed.lit.value()));
    let length = quote!(__np::expr_length(#value, #text));
    var_counted(cx, field, Some(length), tokens::none(), false)
}

fn element_type(field: &Field, outer: &str) -> TokenStream {
    match inner_type(field.ty, outer) {
        Some(inner) => inner.to_token_stream(),
        None => quote!(::core::unreachable!()),
    }
}

/// `if = "flags & 1 != 0"`: an `Option<T>` of a message, present when the
/// condition holds; encoding checks that it is present exactly then.
fn conditional(cx: &Cx, field: &Field, parsed: &Parsed) -> PartCode {
    let (ty, b, p, lt) = (field.ty, binding(field), field_path(cx, field), cx.lt);
    let inner = element_type(field, "Option");
    let message = quote!(<#inner as ::netpack::Message<#lt>>);
    let (value, text) = (expr::value(parsed, cx.fields), lit(&parsed.lit.value()));
    let python = format!("({} if {} else b\"\")", name(field), parsed.expr.python());
    PartCode {
        consts: TokenStream::new(),
        encode: quote! {
            __np::check_condition(#value, #text, #b.is_some()).map_err(|e| __np::in_field_encoding(e, #p))?;
            if let ::core::option::Option::Some(__v) = #b {
                #message::__encode_at(__v, __out, __base).map_err(|e| __np::in_field_encoding(e, #p))?;
            }
        },
        decode: quote! {
            let #b: #ty = if __np::condition(#value, #text).map_err(|e| __np::in_field(e, #p, __pos))? {
                let (__v, __used) = #message::__decode_at(__buf, __pos)
                    .map_err(|e| __np::in_field(e, #p, __pos))?;
                __pos += __used;
                ::core::option::Option::Some(__v)
            } else {
                ::core::option::Option::None
            };
        },
        len: quote!(match #b {
            ::core::option::Option::Some(__v) => #message::encoded_len(__v),
            ::core::option::Option::None => 0,
        }),
        max: quote!(#message::MAX_SIZE),
        delimited: Some(quote!(#message::__DELIMITED)),
        capped: true,
        capped_bound: Some(inner),
        text: vec![lit(&python).into_token_stream()],
    }
}

/// `count`, `until`, `until_end`: a `Vec<T>` of messages under its `max`.
fn repetition(cx: &Cx, field: &Field, repeat: Repeat) -> PartCode {
    let (ty, b, p, lt) = (field.ty, binding(field), field_path(cx, field), cx.lt);
    let inner = element_type(field, "Vec");
    let message = quote!(<#inner as ::netpack::Message<#lt>>);
    let max = match &field.attrs.max {
        Some(max) => max.value.clone(),
        None => quote!(0),
    };
    let cap = quote! {
        __np::check_cap(#b.len(), #max).map_err(|e| __np::in_field_encoding(e, #p))?;
    };
    let (check, decode) = match repeat {
        Repeat::Count(parsed) => {
            let (value, text) = (expr::value(parsed, cx.fields), lit(&parsed.lit.value()));
            (
                quote! {
                    __np::check_expr_length(#value, #text, #b.len()).map_err(|e| __np::in_field_encoding(e, #p))?;
                },
                quote! {{
                    let __n: usize = __np::expr_length(#value, #text).map_err(|e| __np::in_field(e, #p, __pos))?;
                    __np::decode_count::<#inner>(__buf, __pos, __n, #max)
                }},
            )
        }
        Repeat::Until(until) => {
            let last = &until.target;
            (
                quote! {
                    __np::check_until(#b, #last).map_err(|e| __np::in_field_encoding(e, #p))?;
                },
                quote!(__np::decode_until::<#inner>(__buf, __pos, #max, #last)),
            )
        }
        Repeat::End => (
            TokenStream::new(),
            quote!(__np::decode_to_end::<#inner>(__buf, __pos, #max)),
        ),
    };
    let end = !matches!(repeat, Repeat::End);
    PartCode {
        consts: TokenStream::new(),
        encode: quote! {
            #cap
            #check
            __np::encode_each::<#inner>(#b, __out, __base).map_err(|e| __np::in_field_encoding(e, #p))?;
        },
        decode: quote! {
            let (#b, __used): (#ty, usize) = #decode.map_err(|e| __np::in_field(e, #p, __pos))?;
            __pos += __used;
        },
        len: quote!(__np::encoded_len_each::<#inner>(#b)),
        max: quote!(__np::repeat_bound(#max, #message::MAX_SIZE)),
        delimited: Some(if end {
            quote!(#message::__DELIMITED)
        } else {
            quote!(false)
        }),
        capped: end,
        capped_bound: end.then_some(inner),
        text: vec![lit(&format!("b\"\".join({})", name(field))).into_token_stream()],
    }
}

/// `with = "Codec"`: the user's `FieldCodec` at the field's position in the
/// whole input.
fn custom(cx: &Cx, field: &Field, with: &PathAttr) -> PartCode {
    let (ty, b, p, lt) = (field.ty, binding(field), field_path(cx, field), cx.lt);
    let python = format!("{}.encode({})", with.lit.value(), name(field));
    let codec = &with.target;
    let codec = quote!(<#codec as ::netpack::FieldCodec<#lt, #ty>>);
    PartCode {
        consts: TokenStream::new(),
        encode: quote! {
            #codec::encode(#b, __out, __base).map_err(|e| __np::in_field_encoding(e, #p))?;
        },
        decode: quote! {
            let (#b, __used): (#ty, usize) = #codec::decode(__buf, __pos).map_err(|e| __np::in_field(e, #p, __pos))?;
            __pos += __used;
        },
        len: quote!(#codec::encoded_len(#b)),
        max: quote!(#codec::MAX_SIZE),
        delimited: None,
        capped: false,
        capped_bound: None,
        text: vec![lit(&python).into_token_stream()],
    }
}

/// The padding after a field with `align = N`, given the lengths of the parts
/// before it: zeros on encode, skipped on decode.
pub(super) fn align(cx: &Cx, field: &Field, before: &[TokenStream]) -> Option<PartCode> {
    let n = field.attrs.more.align.as_ref()?.count;
    let (n, p) = (tokens::int(n), field_path(cx, field));
    Some(PartCode {
        consts: TokenStream::new(),
        encode: quote!(__np::align_out(__out, __begin, #n);),
        decode: quote! {
            __pos = __np::align_skip(__buf, __start, __pos, #n).map_err(|e| __np::in_field(e, #p, __pos))?;
        },
        len: quote!(__np::pad_len(0 #(+ #before)*, #n)),
        max: tokens::some(quote!(#n - 1)),
        delimited: None,
        capped: true,
        capped_bound: None,
        text: vec![lit(&format!("b\"\\0\" * (-len(<bytes so far>) % {n})")).into_token_stream()],
    })
}
