//! A tagged enum (`#[netpack(tag = "H")]`): a tag, then the variant's parts. A
//! variant holds nothing, one whole message (`Read(Request<'a>)`), fields like
//! a message struct's, or (the catch-all) the tag and the rest of the input.

use super::field::Access;
use super::message_body::{self, Cx};
use super::parts_text;
use super::skeleton::{self, MessageImpl};
use super::tokens::{self, lit};
use crate::ast::{self, Enum, Field, Variant};
use crate::primitive;
use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};
use syn::ext::IdentExt;
use syn::{Ident, Lifetime};

/// What one variant adds to the impl.
struct Arm {
    consts: TokenStream,
    encode: TokenStream,
    len: TokenStream,
    /// A match arm on the tag; the catch-all's is the `_` arm.
    decode: TokenStream,
    max: TokenStream,
    delimited: Option<TokenStream>,
    capped: bool,
    capped_bounds: Vec<TokenStream>,
    text: Vec<TokenStream>,
}

/// What every arm is generated for.
struct EnumCx<'a> {
    input: &'a Enum<'a>,
    name: String,
    tag_ty: Ident,
    lt: Lifetime,
}

pub(super) fn expand(input: &Enum) -> syn::Result<TokenStream> {
    let ty = input.ident();
    let Some(tag) = &input.attrs.tag else {
        return Err(syn::Error::new_spanned(ty, "missing tag"));
    };
    let order = input.order();
    let cx = EnumCx {
        input,
        name: ty.unraw().to_string(),
        tag_ty: Ident::new(ast::int_type(tag.code), Span::call_site()),
        lt: skeleton::lifetime(input.original),
    };
    let arms: Vec<Arm> = input
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| arm(&cx, v, i))
        .collect();
    let tag_format = lit(&format!(
        "{}{}",
        char::from(order.prefix()),
        char::from(tag.code)
    ));
    let endian = tokens::endian(order);
    let consts = arms.iter().map(|a| &a.consts);
    let capped = arms.iter().all(|a| a.capped).then(|| {
        let bounds: Vec<TokenStream> = arms.iter().flat_map(|a| a.capped_bounds.clone()).collect();
        skeleton::capped_impl(input.original, &bounds)
    });
    let parts = parts_text::consts(&parts_text::join(
        arms.iter().map(|a| a.text.clone()).collect(),
        " | ",
    ));
    let impl_ = message_impl(&cx, &arms).to_tokens(input.original);
    Ok(quote! {
        type __O = #endian;
        #capped
        const __TAG_FORMAT: &str = #tag_format;
        const __TAG_SIZE: usize = __np::size_of_format(__TAG_FORMAT);
        #(#consts)*
        #parts
        #impl_
    })
}

fn message_impl(cx: &EnumCx, arms: &[Arm]) -> MessageImpl {
    let (encode, len) = (arms.iter().map(|a| &a.encode), arms.iter().map(|a| &a.len));
    let (maxes, delimited) = (
        arms.iter().map(|a| &a.max),
        arms.iter().filter_map(|a| a.delimited.as_ref()),
    );
    let decode = arms.iter().map(|a| &a.decode);
    let other = cx.input.other().is_none().then(|| {
        let path = lit(&cx.name);
        quote! {
            _ => ::core::result::Result::Err(__np::in_field(__np::unknown_tag(__tag as i128), #path, __start)),
        }
    });
    let (path, tag_ty) = (lit(&cx.name), &cx.tag_ty);
    let tag_decode = Access::own(tag_ty).item("decode");
    MessageImpl {
        parts: quote!(__PARTS),
        max_size: quote! {
            __np::sum_bounds(&[
                ::core::option::Option::Some(__TAG_SIZE),
                __np::max_bounds(&[#(#maxes),*]),
            ])
        },
        delimited: quote!(true #(&& #delimited)*),
        name: cx.name.clone(),
        encoded_len: quote!(match self { #(#len,)* }),
        encode: quote!(match self { #(#encode)* }),
        decode: quote! {
            let __t = __np::fixed(__buf, __start, __TAG_SIZE).map_err(|e| __np::in_field(e, #path, __start))?;
            let __tag: #tag_ty = #tag_decode::<__O>(__t, &[0]);
            let mut __pos: usize = __start + __TAG_SIZE;
            match __tag {
                #(#decode,)*
                #other
            }
        },
    }
}

/// The statements writing a tag.
fn write_tag(cx: &EnumCx, value: TokenStream) -> TokenStream {
    let tag_ty = &cx.tag_ty;
    let encode = Access::own(tag_ty).item("encode");
    quote! {
        {
            let __t: #tag_ty = #value;
            let __p = __np::part(__out, __TAG_SIZE);
            #encode::<__O>(&__t, __p, &[0])?;
        }
    }
}

fn arm(cx: &EnumCx, variant: &Variant, index: usize) -> Arm {
    if variant.attrs.other.is_some() {
        return catch_all(cx, variant, &variant.fields[1]);
    }
    if variant.fields.is_empty() {
        return unit(cx, variant);
    }
    // A newtype of a type the spelling shows to be fixed (`Ack(u16)`) is a
    // field like any other; any other newtype is a whole message.
    if variant.is_newtype() && primitive::values(variant.fields[0].ty).is_none() {
        return newtype(cx, variant, variant.fields[0].ty);
    }
    fields(cx, variant, index)
}

/// The tag's value as the `PARTS` text shows it.
fn tag_text(variant: &Variant) -> String {
    variant
        .attrs
        .tag
        .as_ref()
        .map_or(0, |t| t.value)
        .to_string()
}

fn unit(cx: &EnumCx, variant: &Variant) -> Arm {
    let (ty, v) = (cx.input.ident(), variant.ident());
    let tag = variant.attrs.tag.as_ref().map(|t| &t.expr);
    let write = write_tag(cx, quote!(#tag));
    Arm {
        consts: TokenStream::new(),
        encode: quote!(#ty::#v => { #write }),
        len: quote!(#ty::#v => __TAG_SIZE),
        decode: quote!(#tag => ::core::result::Result::Ok((#ty::#v, __pos - __start))),
        max: quote!(::core::option::Option::Some(0)),
        delimited: None,
        capped: true,
        capped_bounds: Vec::new(),
        text: parts_text::tag(&tag_text(variant)),
    }
}

fn newtype(cx: &EnumCx, variant: &Variant, inner: &syn::Type) -> Arm {
    let (ty, v, lt) = (cx.input.ident(), variant.ident(), &cx.lt);
    let tag = variant.attrs.tag.as_ref().map(|t| &t.expr);
    let write = write_tag(cx, quote!(#tag));
    let path = lit(&format!("{}::{}", cx.name, v.unraw()));
    let message = quote!(<#inner as ::netpack::Message<#lt>>);
    let mut text = parts_text::tag(&tag_text(variant));
    text.extend([quote!(" + "), lit(&type_name(inner)).into_token_stream()]);
    Arm {
        consts: TokenStream::new(),
        encode: quote! {
            #ty::#v(__f_0) => {
                #write
                #message::__encode_at(__f_0, __out, __base).map_err(|e| __np::in_field_encoding(e, #path))?;
            }
        },
        len: quote!(#ty::#v(__f_0) => __TAG_SIZE + #message::encoded_len(__f_0)),
        decode: quote! {
            #tag => {
                let (__v, __used) = #message::__decode_at(__buf, __pos)
                    .map_err(|e| __np::in_field(e, #path, __pos))?;
                ::core::result::Result::Ok((#ty::#v(__v), __pos + __used - __start))
            }
        },
        max: quote!(#message::MAX_SIZE),
        delimited: Some(quote!(#message::__DELIMITED)),
        capped: true,
        capped_bounds: vec![quote!(#inner)],
        text,
    }
}

fn fields(cx: &EnumCx, variant: &Variant, index: usize) -> Arm {
    let (ty, v) = (cx.input.ident(), variant.ident());
    let tag = variant.attrs.tag.as_ref().map(|t| &t.expr);
    let write = write_tag(cx, quote!(#tag));
    let body = message_body::body(&Cx {
        order: cx.input.order(),
        runtime: false,
        magic: None,
        path: format!("{}::{}", cx.name, v.unraw()),
        id: format!("V{index}"),
        lt: &cx.lt,
        fields: &variant.fields,
        lsb: cx.input.attrs.lsb(),
    });
    let (pattern, encode, len, decode) = (&body.pattern, &body.encode, &body.len, &body.decode);
    let mut text = parts_text::tag(&tag_text(variant));
    text.push(quote!(" + "));
    text.extend(body.text.iter().cloned());
    Arm {
        encode: quote!(#ty::#v #pattern => { #write #encode }),
        len: quote!(#ty::#v #pattern => __TAG_SIZE + #len),
        decode: quote! {
            #tag => {
                #decode
                ::core::result::Result::Ok((#ty::#v #pattern, __pos - __start))
            }
        },
        consts: body.consts,
        max: body.max,
        delimited: Some(body.delimited),
        capped: body.capped,
        capped_bounds: body.capped_bounds,
        text,
    }
}

/// The catch-all `Other(tag, rest)`: every unknown tag, and the rest of the
/// input.
fn catch_all(cx: &EnumCx, variant: &Variant, rest: &Field) -> Arm {
    let (ty, v, lt, rest_ty) = (cx.input.ident(), variant.ident(), &cx.lt, rest.ty);
    let write = write_tag(cx, quote!(*__f_0));
    let m = match &rest.attrs.max {
        Some(max) => tokens::some(&max.value),
        None => tokens::none(),
    };
    let p = lit(&format!("{}::{}.1", cx.name, v.unraw()));
    let variable = quote!(<#rest_ty as __np::Variable<#lt>>);
    let cap = rest.attrs.max.as_ref().map(|max| {
        let n = &max.value;
        quote!(__np::check_cap(#variable::count(__f_1), #n).map_err(|e| __np::in_field_encoding(e, #p))?;)
    });
    Arm {
        consts: TokenStream::new(),
        encode: quote! {
            #ty::#v(__f_0, __f_1) => {
                #cap
                #write
                #variable::encode::<__O>(__f_1, __out).map_err(|e| __np::in_field_encoding(e, #p))?;
            }
        },
        len: quote!(#ty::#v(_, __f_1) => __TAG_SIZE + #variable::count(__f_1) * #variable::ELEMENT),
        decode: quote! {
            _ => {
                let (__f_1, __used): (#rest_ty, usize) = __np::decode_rest::<__O, #rest_ty>(__buf, __pos, #m)
                    .map_err(|e| __np::in_field(e, #p, __pos))?;
                ::core::result::Result::Ok((#ty::#v(__tag, __f_1), __pos + __used - __start))
            }
        },
        max: quote!(__np::field_bound(#m, ::core::option::Option::None, #variable::ELEMENT, 0)),
        delimited: Some(quote!(false)),
        capped: false,
        capped_bounds: Vec::new(),
        text: vec![
            quote!("struct.pack(\""),
            quote!(__TAG_FORMAT),
            quote!("\", tag) + rest"),
        ],
    }
}

/// A value of a type as the parts text names it, as a Python programmer would
/// name the variable: `request` for `Request<'a>`, `read_request` for
/// `ReadRequest`.
fn type_name(ty: &syn::Type) -> String {
    let name = match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map_or_else(String::new, |s| s.ident.unraw().to_string()),
        other => quote!(#other).to_string(),
    };
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
