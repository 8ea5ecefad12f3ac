//! `#[derive(NetPack)]`: a `const _: () = { … };` block holding the type's layout
//! as `const`s (its shape, rendered format, value offsets and a layout check), and
//! the `NetPack` impl calling each field's codec at constant offsets.
//!
//! The layout is composed in `const` evaluation from each field type's own
//! `NetPack` shape, so nested structs, arrays and type aliases need no special
//! case here, and sizes and offsets come from the runtime's format parser running
//! for the target.

use crate::ast::{Enum, Field, Input, Struct};
use crate::ctxt::Ctxt;
use crate::fallback;
use crate::format::{self, Format};
use netpack_format::{Code, Order};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, LitStr};

mod message;

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
        Input::Struct(s) if s.is_message() => message::expand_struct(s)?,
        Input::Struct(s) => expand_struct(s)?,
        Input::Enum(e) if e.is_tagged() => message::expand_enum(e)?,
        Input::Enum(e) => expand_enum(e)?,
    };
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, non_camel_case_types, non_snake_case, unused_variables, unused_mut, clippy::all)]
        const _: () = {
            use ::netpack::__private as __np;
            #body
        };
    })
}

/// How a field is encoded, spanned on its type so that a type without a layout
/// is reported there.
///
/// A plain field goes through its type's own hidden `NetPack` items, named
/// through the public trait: a type without a layout is then reported as not
/// implementing `NetPack`, with that trait's message and no private path. So
/// does a field with `code = …`, whose shape only is recoded. A field with `c`
/// or `e` goes through the `FieldCodec` the attribute chooses (the derive has
/// already checked that the field's type is `u8` or `f32`).
pub(crate) struct Codec {
    path: TokenStream,
    plain: bool,
    span: Span,
    /// The shape, where it is not the codec's own (`code = …`).
    shape: Option<TokenStream>,
}

impl Codec {
    /// The field type's own layout.
    pub(crate) fn plain(ty: &impl quote::ToTokens) -> Self {
        let span = ty.span();
        Codec {
            path: quote_spanned!(span=> <#ty as ::netpack::NetPack>),
            plain: true,
            span,
            shape: None,
        }
    }

    /// One item of the codec, by its `FieldCodec` name (`SHAPE`, `VALUES`,
    /// `EXPLICIT_ORDER`, `encode`, `check`, `decode`, `to_values`,
    /// `check_values`, `from_values`); a plain field's is `NetPack`'s `__` item
    /// of the same name and signature.
    pub(crate) fn item(&self, name: &str) -> TokenStream {
        if let (Some(shape), "SHAPE") = (&self.shape, name) {
            return shape.clone();
        }
        let path = &self.path;
        let item = if self.plain {
            format_ident!("__{}", name, span = self.span)
        } else {
            Ident::new(name, self.span)
        };
        quote_spanned!(self.span=> #path::#item)
    }
}

fn codec(field: &Field) -> Codec {
    let ty = field.ty;
    let span = ty.span();
    let attrs = &field.attrs;
    let path = if attrs.c.is_some() {
        quote_spanned!(span=> <__np::AsChar as __np::FieldCodec<#ty>>)
    } else if attrs.e.is_some() {
        quote_spanned!(span=> <__np::AsHalf as __np::FieldCodec<#ty>>)
    } else if let Some(code) = &attrs.code {
        // The type's own bytes and values under another integer code; refused
        // here, on the field, when the type is no integer of the code's class.
        let mut codec = Codec::plain(ty);
        let own = codec.item("SHAPE");
        let code = format::byte(code.code);
        codec.shape = Some(quote_spanned! {field_span(field)=>
            match __np::coded(#own, #code) {
                ::core::option::Option::Some(__shape) => __shape,
                ::core::option::Option::None => ::core::panic!("netpack: `code = ...` needs an integer field and an integer code of the same signedness"),
            }
        });
        return codec;
    } else {
        return Codec::plain(ty);
    };
    Codec {
        path,
        plain: false,
        span,
        shape: None,
    }
}

/// One item of every codec, for a `#(…)*` repetition.
fn items(codecs: &[Codec], name: &str) -> Vec<TokenStream> {
    codecs.iter().map(|c| c.item(name)).collect()
}

fn pad_shape(count: usize) -> TokenStream {
    let count = format::int(count);
    quote!(__np::Shape::Item { count: #count, code: b'x', size: 0 })
}

/// The shape of an explicit format, item by item, so that a struct nesting this
/// one renders its pad bytes and codes as written. Element sizes are `const`
/// evaluated, so native ones are the target's.
fn format_shape(format: &Format) -> TokenStream {
    let prefix = char::from(format.order.prefix());
    let items = format.items.iter().map(|item| {
        let count = format::int(item.count);
        let code = item.code.as_char();
        let size = match item.code {
            Code::Pad | Code::Bytes | Code::Pascal => quote!(0),
            _ => {
                let one = format!("{prefix}{}", char::from(code));
                quote!(__np::size_of_format(#one))
            }
        };
        let code = format::byte(code);
        quote!(__np::Shape::Item { count: #count, code: #code, size: #size })
    });
    quote!(__np::Shape::Seq(&[#(#items),*]))
}

fn expand_struct(input: &Struct) -> syn::Result<TokenStream> {
    let ty = input.ident();
    let fields = &input.fields;
    let codecs: Vec<Codec> = fields.iter().map(codec).collect();
    let members: Vec<&syn::Member> = fields.iter().map(|f| &f.member).collect();
    // `__V{i}`: the index of field i's first value; `__V{n}` is the total.
    let v: Vec<Ident> = (0..=fields.len())
        .map(|i| format_ident!("__V{}", i))
        .collect();
    let (v_start, v_next) = (&v[..fields.len()], &v[1..]);

    let mut field_shapes = Vec::new();
    let mut padded_shapes = Vec::new();
    for (field, codec) in fields.iter().zip(&codecs) {
        let shape = codec.item("SHAPE");
        padded_shapes.extend(field.attrs.pad_before.as_ref().map(|p| pad_shape(p.count)));
        padded_shapes.push(shape.clone());
        padded_shapes.extend(field.attrs.pad_after.as_ref().map(|p| pad_shape(p.count)));
        field_shapes.push(shape);
    }

    let (order, layout) = match &input.attrs.format {
        Some(lit) => {
            let format = Format::parse(lit)?;
            let shape = format_shape(&format);
            let layout = quote! {
                const __FIELDS: __np::Shape = __np::Shape::Seq(&[#(#field_shapes),*]);
                const __SHAPE: __np::Shape = #shape;
                const __FORMAT: &str = #lit;
                const __VALID: () = ();
            };
            (format.order, layout)
        }
        None => {
            let order = input.order();
            let prefix = format::byte(order.prefix());
            let native_only = format!(
                "netpack: a field of `{}` holds `isize`, `usize` or code `n`, `N` or `P`, which exist only in native order: add #[netpack(order = \"@\")]",
                ty.unraw()
            );
            let native_only = quote_spanned!(ty.span()=> ::core::panic!(#native_only));
            let layout = quote! {
                const __FIELDS: __np::Shape = __np::Shape::Seq(&[#(#padded_shapes),*]);
                const __SHAPE: __np::Shape = __FIELDS;
                const __LEN: usize = __SHAPE.format_len() + 1;
                const __BYTES: [u8; __LEN] = __np::render::<__LEN>(#prefix, &__SHAPE);
                const __FORMAT: &str = __np::as_str(&__BYTES);
                // A rendered format is only invalid when a native-only code meets a
                // standard order (or when it is too large).
                const __VALID: () = match __np::netpack_format::calcsize(__FORMAT.as_bytes()) {
                    ::core::result::Result::Ok(_) => {}
                    ::core::result::Result::Err(e) => match e.kind {
                        __np::netpack_format::FormatErrorKind::BadChar => #native_only,
                        _ => ::core::panic!("{}", e.message()),
                    },
                };
            };
            (order, layout)
        }
    };

    let mismatches = fields.iter().zip(v_next).map(|(field, next)| {
        let message = format!(
            "netpack: field `{}` does not match the format",
            field.name()
        );
        let span = field_span(field);
        quote_spanned!(span=> if m.value < #next { ::core::panic!(#message); })
    });
    let too_many = format!(
        "netpack: the format has more values than the fields of `{}`",
        ty.unraw()
    );
    let too_many = match &input.attrs.format {
        Some(lit) => quote_spanned!(lit.span()=> ::core::panic!(#too_many)),
        None => quote!(::core::panic!(#too_many)),
    };
    let byte_order = format::byte_order(order);
    let paths: Vec<LitStr> = fields
        .iter()
        .map(|f| LitStr::new(&format!("{}.{}", ty.unraw(), f.name()), Span::call_site()))
        .collect();
    let (name, prefix) = (ty.unraw().to_string(), format::byte(order.prefix()));
    let explicit = explicit_order(
        &name,
        order,
        input.attrs.format.is_some() || input.attrs.order.is_some(),
    );
    // A field whose type has another byte order written on it is refused.
    let order_checks = fields.iter().zip(&codecs).map(|(field, codec)| {
        let explicit = codec.item("EXPLICIT_ORDER");
        quote_spanned!(field_span(field)=> const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(#name, #prefix, #explicit) { ::core::panic!("{}", m.as_str()) };)
    });
    let (values, encode, check, decode) = (
        items(&codecs, "VALUES"),
        items(&codecs, "encode"),
        items(&codecs, "check"),
        items(&codecs, "decode"),
    );
    let (to_values, check_values, from_values) = (
        items(&codecs, "to_values"),
        items(&codecs, "check_values"),
        items(&codecs, "from_values"),
    );
    Ok(quote! {
        #layout
        #(#order_checks)*
        const __V0: usize = 0;
        #(const #v_next: usize = #v_start + #values;)*
        // Every later `const` goes through this one, so a mismatch is one error.
        const __CHECKED: &str = {
            let () = __VALID;
            match __np::check_layout(__FORMAT, &__FIELDS) {
                ::core::result::Result::Ok(()) => __FORMAT,
                ::core::result::Result::Err(m) => {
                    #(#mismatches)*
                    #too_many
                }
            }
        };
        const __VALUES: usize = __np::values_of_format(__CHECKED);
        const __OFFSETS: [usize; __VALUES] = __np::value_offsets::<__VALUES>(__CHECKED);

        #[automatically_derived]
        impl ::netpack::NetPack for #ty {
            const FORMAT: &'static str = __CHECKED;
            const __SHAPE: __np::Shape = __SHAPE;
            const __OFFSETS: &'static [usize] = &__OFFSETS;
            type __Order = #byte_order;
            #explicit

            #[inline]
            fn __encode<__O: __np::ByteOrder>(
                &self,
                __buf: &mut [u8],
                __offsets: &[usize],
            ) -> ::core::result::Result<(), ::netpack::Error> {
                #(#encode::<__O>(&self.#members, __buf, &__offsets[#v_start..])?;)*
                ::core::result::Result::Ok(())
            }
            #[inline]
            fn __check<__O: __np::ByteOrder>(
                __buf: &[u8],
                __offsets: &[usize],
            ) -> ::core::result::Result<(), ::netpack::Error> {
                // The field's path and offset are named only on the error path.
                #(#check::<__O>(__buf, &__offsets[#v_start..]).map_err(|e| {
                    let at = match __offsets.get(#v_start) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, #paths, at)
                })?;)*
                ::core::result::Result::Ok(())
            }
            #[inline]
            fn __decode<__O: __np::ByteOrder>(__buf: &[u8], __offsets: &[usize]) -> Self {
                Self {
                    #(#members: #decode::<__O>(__buf, &__offsets[#v_start..]),)*
                }
            }
            fn __to_values(&self, __out: &mut __np::Vec<::netpack::Value>) {
                #(#to_values(&self.#members, __out);)*
            }
            fn __check_values(
                __values: &[::netpack::Value],
                __first: usize,
                __order: ::netpack::Order,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                #(#check_values(&__values[#v_start..], __first + #v_start, __order)?;)*
                ::core::result::Result::Ok(())
            }
            fn __from_values(__values: &[::netpack::Value], __order: ::netpack::Order) -> Self {
                Self {
                    #(#members: #from_values(&__values[#v_start..], __order),)*
                }
            }
        }
    })
}

/// `__EXPLICIT_ORDER` of a type whose order was written (`order = …` or the
/// prefix of `format = …`), so that a struct nesting it can refuse another order.
fn explicit_order(name: &str, order: Order, written: bool) -> Option<TokenStream> {
    let prefix = format::byte(order.prefix());
    written.then(|| quote!(const __EXPLICIT_ORDER: __np::ExplicitOrder = ::core::option::Option::Some((#prefix, #name));))
}

/// Where a field-level `const` error points: the field's name, or its type in a
/// tuple struct.
fn field_span(field: &Field) -> Span {
    match &field.original.ident {
        Some(ident) => ident.span(),
        None => field.ty.span(),
    }
}

fn expand_enum(input: &Enum) -> syn::Result<TokenStream> {
    let ty = input.ident();
    let repr = match input.repr() {
        Some(repr) => repr,
        None => return Err(syn::Error::new_spanned(ty, "missing #[repr]")),
    };
    let name = LitStr::new(&ty.unraw().to_string(), ty.span());
    let order = input
        .attrs
        .order
        .as_ref()
        .map_or(Order::Network, |o| o.order);
    let prefix = format::byte(order.prefix());
    let byte_order = format::byte_order(order);
    let explicit = explicit_order(&ty.unraw().to_string(), order, input.attrs.order.is_some());
    let codec = Codec::plain(repr);
    let (shape, encode, decode) = (
        codec.item("SHAPE"),
        codec.item("encode"),
        codec.item("decode"),
    );
    let (to_values, check_values, from_values) = (
        codec.item("to_values"),
        codec.item("check_values"),
        codec.item("from_values"),
    );
    let other = input.other().map(|v| v.ident());
    // The discriminant of every variant: a cast where the enum is field-less, the
    // written (or implied) values where a catch-all has data and casts are not
    // allowed.
    let mut discriminants = Vec::new();
    let mut previous: Option<Ident> = None;
    for variant in &input.variants {
        let v = variant.ident();
        let konst = format_ident!("__D_{}", v.unraw());
        let value = match (&other, &variant.original.discriminant, &previous) {
            (None, _, _) => quote!(#ty::#v as #repr),
            (Some(_), Some((_, expr)), _) => quote!(#expr),
            (Some(_), None, Some(prev)) => quote!(#prev + 1),
            (Some(_), None, None) => quote!(0),
        };
        discriminants.push(quote!(const #konst: #repr = #value;));
        previous = Some(konst);
    }
    let (variants, consts): (Vec<&Ident>, Vec<Ident>) = input
        .variants
        .iter()
        .filter(|v| v.attrs.other.is_none())
        .map(|v| (v.ident(), format_ident!("__D_{}", v.ident().unraw())))
        .unzip();
    let first = variants[0];
    let (unknown, value_of_other, check_unknown) = match other {
        Some(o) => (
            quote!(::core::option::Option::Some(#ty::#o(v))),
            quote!(#ty::#o(v) => *v,),
            quote!(::core::result::Result::Ok(())),
        ),
        None => (
            quote!(::core::option::Option::None),
            quote!(),
            quote!(::core::result::Result::Err(::netpack::Error::invalid_value(#name, v as i128))),
        ),
    };

    Ok(quote! {
        const __SHAPE: __np::Shape = #shape;
        const __LEN: usize = __SHAPE.format_len() + 1;
        const __BYTES: [u8; __LEN] = __np::render::<__LEN>(#prefix, &__SHAPE);
        const __FORMAT: &str = __np::as_str(&__BYTES);
        const __OFFSETS: [usize; 1] = __np::value_offsets::<1>(__FORMAT);
        #(#discriminants)*

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

        #[automatically_derived]
        impl ::netpack::NetPack for #ty {
            const FORMAT: &'static str = __FORMAT;
            const __SHAPE: __np::Shape = __SHAPE;
            const __OFFSETS: &'static [usize] = &__OFFSETS;
            type __Order = #byte_order;
            #explicit

            #[inline]
            fn __encode<__O: __np::ByteOrder>(
                &self,
                __buf: &mut [u8],
                __offsets: &[usize],
            ) -> ::core::result::Result<(), ::netpack::Error> {
                #encode::<__O>(&__value(self), __buf, __offsets)
            }
            #[inline]
            fn __check<__O: __np::ByteOrder>(
                __buf: &[u8],
                __offsets: &[usize],
            ) -> ::core::result::Result<(), ::netpack::Error> {
                let v = #decode::<__O>(__buf, __offsets);
                match __variant(v) {
                    ::core::option::Option::Some(_) => ::core::result::Result::Ok(()),
                    ::core::option::Option::None => #check_unknown,
                }
            }
            #[inline]
            fn __decode<__O: __np::ByteOrder>(__buf: &[u8], __offsets: &[usize]) -> Self {
                // Only called after `__check`.
                match __variant(#decode::<__O>(__buf, __offsets)) {
                    ::core::option::Option::Some(k) => k,
                    ::core::option::Option::None => #ty::#first,
                }
            }
            fn __to_values(&self, __out: &mut __np::Vec<::netpack::Value>) {
                #to_values(&__value(self), __out)
            }
            fn __check_values(
                __values: &[::netpack::Value],
                __first: usize,
                __order: ::netpack::Order,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                #check_values(__values, __first, __order)?;
                let v = #from_values(__values, __order);
                match __variant(v) {
                    ::core::option::Option::Some(_) => ::core::result::Result::Ok(()),
                    ::core::option::Option::None => #check_unknown,
                }
            }
            fn __from_values(__values: &[::netpack::Value], __order: ::netpack::Order) -> Self {
                // Only called after `__check_values`.
                match __variant(#from_values(__values, __order)) {
                    ::core::option::Option::Some(k) => k,
                    ::core::option::Option::None => #ty::#first,
                }
            }
        }
    })
}
