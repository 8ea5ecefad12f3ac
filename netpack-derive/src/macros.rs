//! `pack!` and `unpack!`: a literal format parsed at expansion time, each value
//! bound to the Rust type of its code, and the runtime's own encoders called at
//! offsets found by `const` evaluation of the same format (so native sizes and
//! alignment are the target's).

use crate::expand::tokens;
use crate::format::{Format, FormatValue, MAX_VALUES};
use netpack_format::{Code, Order};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Token};

/// `pack!("!H8sb", a, b, c)`.
pub(crate) struct PackInput {
    format: LitStr,
    args: Vec<Expr>,
}

/// `unpack!("!H8sb", buf)`.
pub(crate) struct UnpackInput {
    format: LitStr,
    buf: Expr,
}

fn format_literal(input: ParseStream, usage: &str) -> syn::Result<LitStr> {
    if input.peek(LitStr) {
        input.parse()
    } else {
        Err(input.error(format!("expected a format string literal: `{usage}`")))
    }
}

impl Parse for PackInput {
    fn parse(input: ParseStream) -> syn::Result<PackInput> {
        let format = format_literal(input, "pack!(\"!H8sb\", 1, b\"test.jpg\", 2)")?;
        let mut args = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            args.push(input.parse()?);
        }
        Ok(PackInput { format, args })
    }
}

impl Parse for UnpackInput {
    fn parse(input: ParseStream) -> syn::Result<UnpackInput> {
        let format = format_literal(input, "unpack!(\"!H8sb\", &buf)")?;
        if input.is_empty() {
            return Err(syn::Error::new(
                format.span(),
                "unpack! expects a buffer after the format: `unpack!(\"!H8sb\", &buf)`",
            ));
        }
        input.parse::<Token![,]>()?;
        let buf = input.parse()?;
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            return Err(input.error("unpack! takes a format and one buffer"));
        }
        Ok(UnpackInput { format, buf })
    }
}

/// The `const`s both macros start with: the format, its size and the offset of
/// each value, all from the runtime's parser in `const` evaluation. They go in an
/// inner block that holds no user code, so these names cannot shadow the user's.
fn layout(format: &Format, values: usize) -> TokenStream {
    let lit = &format.lit;
    let values = tokens::int(values);
    quote! {
        const __FORMAT: &str = #lit;
        const __SIZE: usize = ::netpack::__private::size_of_format(__FORMAT);
        const __OFFSET_LIST: ::netpack::__private::ConstVec<usize, #values> =
            ::netpack::__private::value_offsets(__FORMAT);
        const __OFFSETS: &[usize] = __OFFSET_LIST.as_slice();
    }
}

/// The `FieldEncoding` of `c` and `e`, whose Rust types (`u8`, `f32`) have another
/// code of their own.
fn codec(code: Code) -> Option<TokenStream> {
    match code {
        Code::Char => {
            Some(quote!(<::netpack::__private::AsChar as ::netpack::__private::FieldEncoding<u8>>))
        }
        Code::Half => {
            Some(quote!(<::netpack::__private::AsHalf as ::netpack::__private::FieldEncoding<f32>>))
        }
        _ => None,
    }
}

/// The format's values, or an error when there are too many for a macro.
fn values(format: &Format, name: &str) -> syn::Result<Vec<FormatValue>> {
    let count = format.value_count();
    if count > MAX_VALUES {
        return Err(syn::Error::new(
            format.lit.span(),
            format!("{name}! supports at most {MAX_VALUES} values (this format has {count}); use netpack::Struct"),
        ));
    }
    Ok(format.values().collect())
}

/// The Rust type a value of `code` is packed from and unpacked to. C's `int` and
/// `long` are the target's in native mode and Python's standard 4 bytes
/// otherwise.
fn value_type(code: Code, order: Order) -> TokenStream {
    let native = order.is_native();
    match code {
        Code::SChar => quote!(i8),
        Code::UChar | Code::Char => quote!(u8),
        Code::Short => quote!(i16),
        Code::UShort => quote!(u16),
        Code::Int if native => quote!(::core::ffi::c_int),
        Code::UInt if native => quote!(::core::ffi::c_uint),
        Code::Long if native => quote!(::core::ffi::c_long),
        Code::ULong if native => quote!(::core::ffi::c_ulong),
        Code::Int | Code::Long => quote!(i32),
        Code::UInt | Code::ULong => quote!(u32),
        Code::LongLong => quote!(i64),
        Code::ULongLong => quote!(u64),
        Code::SSize => quote!(isize),
        Code::Size | Code::Pointer => quote!(usize),
        Code::Bool => quote!(bool),
        Code::Half | Code::Float => quote!(f32),
        Code::Double => quote!(f64),
        // Strings and pads are handled by their callers.
        Code::Bytes | Code::Pascal | Code::Pad => quote!(()),
    }
}

/// A string literal for `s` or `p` is refused here, with the byte string to write
/// instead; text in a variable is refused by the type check of `Bytes::pack_arg`.
fn refuse_text(arg: &Expr, code: Code) -> syn::Result<()> {
    let Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(text),
        ..
    }) = arg
    else {
        return Ok(());
    };
    let value = text.value();
    let suggestion = if value.is_ascii() && value.len() <= 40 {
        format!("b{}", text.token())
    } else {
        "b\"…\" (or \"…\".as_bytes() for its UTF-8)".to_string()
    };
    Err(syn::Error::new(
        arg.span(),
        format!(
            "pack! packs bytes for '{}', not text (Python's struct refuses str too): write {suggestion}",
            char::from(code.as_char())
        ),
    ))
}

pub(crate) fn pack(input: &PackInput) -> syn::Result<TokenStream> {
    let format = Format::parse(&input.format)?;
    let values = values(&format, "pack")?;
    if values.len() != input.args.len() {
        let message = format!(
            "pack! expected {} arguments for format {} (got {})",
            values.len(),
            input.format.token(),
            input.args.len()
        );
        let span = match input.args.get(values.len()) {
            Some(extra) => extra.span(),
            None => input.format.span(),
        };
        return Err(syn::Error::new(span, message));
    }
    let order = format.order;
    let byte_order = tokens::endian(order);
    let buf = Ident::new("__buf", Span::mixed_site());
    let result = Ident::new("__result", Span::mixed_site());
    let fallible = values.iter().any(|v| v.code == Code::Half);

    let mut bindings = Vec::new();
    let mut writes = Vec::new();
    for (k, (value, arg)) in values.iter().zip(&input.args).enumerate() {
        let span = arg.span();
        // Hygienic, but reported where the argument is.
        let a = format_ident!("__a{}", k, span = Span::mixed_site().located_at(span));
        let (k, count) = (tokens::int(k), tokens::int(value.count));
        match value.code {
            Code::Bytes | Code::Pascal => {
                refuse_text(arg, value.code)?;
                bindings.push(quote!(let #a = #arg;));
                // Any `AsRef<[u8]>` but text, which Python refuses for `s` and `p`.
                let bytes = quote_spanned!(span=> ::netpack::__private::Bytes(&#a).pack_arg());
                let write = match value.code {
                    Code::Bytes => quote!(write_bytes),
                    _ => quote!(write_pascal),
                };
                writes.push(quote! {
                    ::netpack::__private::#write(&mut #buf[__OFFSETS[#k]..__OFFSETS[#k] + #count], #bytes);
                });
            }
            code => {
                let ty = value_type(code, order);
                bindings.push(quote_spanned!(span=> let #a: #ty = #arg;));
                let encode = match codec(code) {
                    Some(codec) => quote!(#codec::encode),
                    None => quote!(<#ty as ::netpack::NetPack>::__encode),
                };
                let call = quote!(#encode::<#byte_order>(&#a, &mut #buf, &__OFFSETS[#k..]));
                writes.push(if code == Code::Half {
                    // The first failure wins, located as the runtime locates it.
                    let position = tokens::int(value.position);
                    quote! {
                        #result = ::core::result::Result::and(
                            #result,
                            ::netpack::__private::locate(#call, #k, b'e', #position),
                        );
                    }
                } else {
                    // Only `e` can fail to encode.
                    quote!(let _ = #call;)
                });
            }
        }
    }
    let layout = layout(&format, values.len());
    let finish = if fallible {
        quote! {
            let mut #result: ::core::result::Result<(), ::netpack::Error> = ::core::result::Result::Ok(());
            #(#writes)*
            ::core::result::Result::map(#result, |()| #buf)
        }
    } else {
        quote! {
            #(#writes)*
            #buf
        }
    };
    // The arguments are evaluated, in order, outside the block with the `const`s.
    Ok(quote! {{
        #(#bindings)*
        {
            #[allow(unused_imports)]
            use ::netpack::__private::AnyBytes as _;
            #layout
            let mut #buf = [0u8; __SIZE];
            #finish
        }
    }})
}

pub(crate) fn unpack(input: &UnpackInput) -> syn::Result<TokenStream> {
    let format = Format::parse(&input.format)?;
    let values = values(&format, "unpack")?;
    let order = format.order;
    let byte_order = tokens::endian(order);
    let bytes = Ident::new("__bytes", Span::mixed_site());
    let mut reads = Vec::new();
    for (k, value) in values.iter().enumerate() {
        let count = value.count;
        let ty = match value.code {
            Code::Pascal if count == 0 => {
                reads.push(quote!(::netpack::PascalString::<0>::truncating(&[])));
                continue;
            }
            Code::Pascal if count > 256 => {
                return Err(syn::Error::new(
                    input.format.span(),
                    format!(
                        "unpack! cannot unpack `{count}p`: it unpacks to a PascalString, which holds at most 255 bytes (`256p`)"
                    ),
                ));
            }
            Code::Pascal => {
                let cap = tokens::int(count - 1);
                quote!(::netpack::PascalString<#cap>)
            }
            Code::Bytes => {
                let count = tokens::int(count);
                quote!([u8; #count])
            }
            code => value_type(code, order),
        };
        let k = tokens::int(k);
        let at = quote!((#bytes, &__OFFSETS[#k..]));
        reads.push(match codec(value.code) {
            Some(codec) => quote!(#codec::decode::<#byte_order> #at),
            None => quote!(<#ty as ::netpack::NetPack>::__decode::<#byte_order> #at),
        });
    }
    let layout = layout(&format, values.len());
    let data = Ident::new("__data", Span::mixed_site());
    let arg = &input.buf;
    // A byte array of another length than the format's, or text, is refused at
    // compile time; a slice's length is checked at run time.
    let as_bytes =
        quote_spanned!(arg.span()=> ::netpack::__private::Bytes(#data).unpack_arg::<__SIZE>());
    // The buffer is evaluated outside the block with the `const`s.
    Ok(quote! {{
        let #data = &(#arg);
        {
            use ::netpack::__private::AnyBytes as _;
            #layout
            match #as_bytes {
                #bytes if #bytes.len() == __SIZE => ::core::result::Result::Ok((#(#reads,)*)),
                _ => ::core::result::Result::Err(::netpack::Error::unpack_size(__SIZE)),
            }
        }
    }})
}
