//! The expansion of messages: structs with variable-length fields and tagged
//! enums, implementing `netpack::Message`.
//!
//! A message's fields are cut into parts: each run of fixed fields (with the
//! length prefixes written among them) is one Python `struct` format, rendered
//! and parsed at compile time exactly as a fixed struct's, and each variable
//! field is one part between them. The generated code walks the parts in order,
//! calling the runtime's helpers in `netpack::__private` for lengths, caps,
//! terminators and error context.

use super::{codec, pad_shape, Codec};
use crate::ast::{Enum, Field, Struct, Variant};
use crate::attr::Kind;
use crate::format;
use crate::primitive::{self, Primitive, VarKind};
use crate::valid;
use netpack_format::Order;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Ident, Lifetime, LitStr};

/// The lifetime the `Message` impl is for: the type's own, or a fresh one.
struct Impl {
    lt: Lifetime,
    /// `impl<…>` and the type with its generics.
    head: TokenStream,
}

fn impl_head(node: &syn::DeriveInput) -> Impl {
    let ty = &node.ident;
    match node.generics.lifetimes().next() {
        Some(param) => {
            let lt = param.lifetime.clone();
            Impl {
                head: quote!(impl<#lt> ::netpack::Message<#lt> for #ty<#lt>),
                lt,
            }
        }
        None => {
            let lt = Lifetime::new("'__a", Span::call_site());
            Impl {
                head: quote!(impl<#lt> ::netpack::Message<#lt> for #ty),
                lt,
            }
        }
    }
}

/// `impl<…> Capped for Type<…> where …`: with a bound for each nested message
/// type, higher-ranked so that an owned type's bound is checked where the impl
/// is used, not where it is written.
fn capped_impl(node: &syn::DeriveInput, bounds: &[TokenStream]) -> TokenStream {
    let ty = &node.ident;
    let head = match node.generics.lifetimes().next() {
        Some(param) => {
            let lt = &param.lifetime;
            quote!(impl<#lt> ::netpack::Capped for #ty<#lt>)
        }
        None => quote!(impl ::netpack::Capped for #ty),
    };
    let clause =
        (!bounds.is_empty()).then(|| quote!(where #(for<'__x> #bounds: __np::CappedVia<'__x>),*));
    quote!(#[automatically_derived] #head #clause {})
}

/// `"…"` as a string literal token.
fn lit(s: &str) -> LitStr {
    LitStr::new(s, Span::call_site())
}

/// One item of a run of fixed fields.
enum Item<'f> {
    Field(&'f Field<'f>),
    /// The length prefix of variable field `.0`, with its code.
    Prefix(&'f Field<'f>, u8),
}

enum Segment<'f> {
    Run(Vec<Item<'f>>),
    Var(&'f Field<'f>),
}

fn segments<'f>(fields: &'f [Field<'f>]) -> Vec<Segment<'f>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for field in fields {
        match field.attrs.kinds().first() {
            None => run.push(Item::Field(field)),
            Some(kind) => {
                if let Kind::Prefix(code) = kind {
                    run.push(Item::Prefix(field, code.code));
                }
                if !run.is_empty() {
                    out.push(Segment::Run(std::mem::take(&mut run)));
                }
                out.push(Segment::Var(field));
            }
        }
    }
    if !run.is_empty() {
        out.push(Segment::Run(run));
    }
    out
}

/// The generated code of a list of fields (a struct's, or a variant's).
pub(super) struct Body {
    /// Free `const` items: each run's layout, and the parts text.
    consts: TokenStream,
    /// Statements appending the encoding to `__out`, with each field bound by
    /// reference as `__f_<name>`.
    encode: TokenStream,
    /// Statements decoding from `__buf` at `__pos` (advanced), binding each field
    /// by value as `__f_<name>`.
    decode: TokenStream,
    /// The encoded length, with the fields bound by reference.
    len: TokenStream,
    /// The largest size, an `Option<usize>` expression.
    max: TokenStream,
    /// Whether the body ends by itself (no `rest`, here or in a message field):
    /// a `bool` expression.
    delimited: TokenStream,
    /// Whether every variable field has a bound the attributes show.
    capped: bool,
    /// The types of message fields, which must be `Capped` for this to be.
    capped_bounds: Vec<TokenStream>,
    /// The pieces of the parts text.
    parts: Vec<TokenStream>,
    /// `{ a: __f_a, … }`: the pattern and constructor of the fields.
    fields: TokenStream,
}

fn binding(field: &Field) -> Ident {
    match &field.member {
        syn::Member::Named(ident) => format_ident!("__f_{}", ident.unraw()),
        syn::Member::Unnamed(index) => format_ident!("__f_{}", index.index),
    }
}

/// A field as the parts text names it: its name, or `_0` in a tuple.
fn parts_name(field: &Field) -> String {
    match &field.member {
        syn::Member::Named(_) => field.name(),
        syn::Member::Unnamed(index) => format!("_{}", index.index),
    }
}

/// The local holding a variable field's length.
fn length_binding(field: &Field) -> Ident {
    match &field.member {
        syn::Member::Named(ident) => format_ident!("__n_{}", ident.unraw()),
        syn::Member::Unnamed(index) => format_ident!("__n_{}", index.index),
    }
}

fn max_tokens(field: &Field) -> TokenStream {
    match &field.attrs.max {
        Some(max) => {
            let n = &max.value;
            quote!(::core::option::Option::Some(#n))
        }
        None => quote!(::core::option::Option::None),
    }
}

fn option(n: Option<usize>) -> TokenStream {
    match n {
        Some(n) => {
            let n = format::int(n);
            quote!(::core::option::Option::Some(#n))
        }
        None => quote!(::core::option::Option::None),
    }
}

pub(super) fn body(fields: &[Field], order: Order, path: &str, id: &str, lt: &Lifetime) -> Body {
    let prefix = format::byte(order.prefix());
    let prefix_str = char::from(order.prefix()).to_string();
    let mut consts = TokenStream::new();
    let mut checks = TokenStream::new();
    let mut encode = TokenStream::new();
    let mut decode = TokenStream::new();
    let mut len = Vec::new();
    let mut max = Vec::new();
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut delimited = true;
    let mut delimited_messages = Vec::new();
    let mut capped = true;
    let mut capped_bounds = Vec::new();
    let field_path = |f: &Field| lit(&format!("{path}.{}", f.name()));

    // The variable fields' lengths, for the prefixes and checks.
    for field in fields.iter().filter(|f| {
        let kinds = f.attrs.kinds();
        !kinds.is_empty() && !matches!(kinds[0], Kind::Message)
    }) {
        let ty = field.ty;
        let b = binding(field);
        let n = length_binding(field);
        let p = field_path(field);
        checks.extend(quote! {
            let #n: usize = <#ty as __np::Variable<#lt>>::count(#b);
        });
        if let Some(m) = &field.attrs.max {
            let m = &m.value;
            checks.extend(quote! {
                __np::check_cap(#n, #m).map_err(|e| __np::in_field_encoding(e, #p))?;
            });
        }
        if let Some(name) = &field.attrs.len {
            if let Some(target) = fields.iter().find(|f| f.name() == name.value()) {
                let t = binding(target);
                let name = lit(&target.name());
                checks.extend(quote! {
                    __np::check_length(#t, #name, #n).map_err(|e| __np::in_field_encoding(e, #p))?;
                });
            }
        }
    }

    for (k, segment) in segments(fields).into_iter().enumerate() {
        if k > 0 {
            parts.push(quote!(" + "));
        }
        match segment {
            Segment::Run(items) => {
                let r = |s: &str| format_ident!("__R{}_{}_{}", id, k, s);
                let (shape, len_c, bytes, fmt, values, offsets, size) = (
                    r("SHAPE"),
                    r("LEN"),
                    r("BYTES"),
                    r("FORMAT"),
                    r("VALUES"),
                    r("OFFSETS"),
                    r("SIZE"),
                );
                let mut shapes = Vec::new();
                let mut starts = Vec::new();
                let mut names: Vec<TokenStream> = Vec::new();
                let mut next = quote!(0);
                for item in &items {
                    let (item_shapes, count, name) = match item {
                        Item::Field(f) => {
                            let c = codec(f);
                            let mut s = Vec::new();
                            s.extend(f.attrs.pad_before.as_ref().map(|p| pad_shape(p.count)));
                            s.push(c.item("SHAPE"));
                            s.extend(f.attrs.pad_after.as_ref().map(|p| pad_shape(p.count)));
                            let name = lit(&parts_name(f));
                            let values = c.item("VALUES");
                            (s, values.clone(), quote!(__np::star(#values), #name))
                        }
                        Item::Prefix(f, code) => {
                            let code = format::byte(*code);
                            let s = vec![quote!(__np::Shape::one(#code, __np::code_size(#code)))];
                            let name = lit(&format!("len({})", parts_name(f)));
                            (s, quote!(1), quote!(#name))
                        }
                    };
                    shapes.extend(item_shapes);
                    starts.push(next.clone());
                    next = quote!(#next + #count);
                    if !names.is_empty() {
                        names.push(quote!(", "));
                    }
                    names.push(name);
                }
                consts.extend(quote! {
                    const #shape: __np::Shape = __np::Shape::Seq(&[#(#shapes),*]);
                    const #len_c: usize = #shape.format_len() + 1;
                    const #bytes: [u8; #len_c] = __np::render::<#len_c>(#prefix, &#shape);
                    const #fmt: &str = match __np::netpack_format::calcsize(__np::as_str(&#bytes).as_bytes()) {
                        ::core::result::Result::Ok(_) => __np::as_str(&#bytes),
                        ::core::result::Result::Err(e) => ::core::panic!("{}", e.message()),
                    };
                    const #values: usize = __np::values_of_format(#fmt);
                    const #offsets: [usize; #values] = __np::value_offsets::<#values>(#fmt);
                    const #size: usize = __np::size_of_format(#fmt);
                });
                parts.push(quote!("struct.pack(\""));
                parts.push(quote!(#fmt));
                parts.push(quote!("\", "));
                parts.extend(names);
                parts.push(quote!(")"));
                len.push(quote!(#size));
                max.push(quote!(::core::option::Option::Some(#size)));

                let first = match &items[0] {
                    Item::Field(f) | Item::Prefix(f, _) => field_path(f),
                };
                let mut enc = TokenStream::new();
                let mut dec = quote! {
                    let __p = __np::fixed(__buf, __pos, #size)
                        .map_err(|e| __np::in_field(e, #first, __pos))?;
                };
                for (item, start) in items.iter().zip(&starts) {
                    match item {
                        Item::Field(f) => {
                            let c = codec(f);
                            let b = binding(f);
                            let p = field_path(f);
                            let ty = f.ty;
                            let (encode, check, decode) =
                                (c.item("encode"), c.item("check"), c.item("decode"));
                            enc.extend(quote! {
                                #encode::<__O>(#b, __p, &#offsets[#start..])
                                    .map_err(|e| __np::in_field_encoding(e, #p))?;
                            });
                            dec.extend(quote! {
                                #check::<__O>(__p, &#offsets[#start..]).map_err(|e| {
                                    let at = match #offsets.get(#start) {
                                        ::core::option::Option::Some(at) => *at,
                                        ::core::option::Option::None => 0,
                                    };
                                    __np::in_field(__np::shifted(e, __pos), #p, __pos + at)
                                })?;
                                let #b: #ty = #decode::<__O>(__p, &#offsets[#start..]);
                            });
                        }
                        Item::Prefix(f, code) => {
                            let code = format::byte(*code);
                            let n = length_binding(f);
                            let p = field_path(f);
                            enc.extend(quote! {
                                __np::write_length::<__O>(__p, #offsets[#start], #prefix, #code, #n)
                                    .map_err(|e| __np::in_field_encoding(e, #p))?;
                            });
                            dec.extend(quote! {
                                let #n: usize = __np::read_length::<__O>(__p, #offsets[#start], #code)
                                    .map_err(|e| __np::in_field(e, #p, __pos + #offsets[#start]))?;
                            });
                        }
                    }
                }
                encode.extend(quote! {
                    {
                        let __p = __np::part(__out, #size);
                        #enc
                    }
                });
                decode.extend(quote! {
                    #dec
                    __pos += #size;
                });
            }
            Segment::Var(f) => {
                let ty = f.ty;
                let b = binding(f);
                let n = length_binding(f);
                let p = field_path(f);
                let m = max_tokens(f);
                let name = parts_name(f);
                let kind = f.attrs.kinds().into_iter().next();
                if let Some(Kind::Message) = kind {
                    // A whole message of the field's type: its own parts, caps
                    // and errors, named under this field.
                    let s = lit(&name);
                    parts.push(quote!(#s));
                    let message = quote!(<#ty as ::netpack::Message<#lt>>);
                    encode.extend(quote! {
                        #message::encode_into(#b, __out)
                            .map_err(|e| __np::in_field_encoding(e, #p))?;
                    });
                    decode.extend(quote! {
                        let (#b, __used): (#ty, usize) =
                            #message::decode_prefix(__np::rest_of(__buf, __pos))
                                .map_err(|e| __np::in_field(__np::shifted(e, __pos), #p, __pos))?;
                        __pos += __used;
                    });
                    len.push(quote!(#message::encoded_len(#b)));
                    max.push(quote!(#message::MAX_SIZE));
                    delimited_messages.push(quote!(#message::__DELIMITED));
                    capped_bounds.push(quote!(#ty));
                    continue;
                }
                let element = quote!(<#ty as __np::Variable<#lt>>::ELEMENT);
                match primitive::var_kind(ty) {
                    Some(VarKind::Text) => parts.push({
                        let s = lit(&format!("{name}.encode()"));
                        quote!(#s)
                    }),
                    Some(VarKind::Records(elem)) => {
                        let head = lit(&format!("b\"\".join(struct.pack(\"{prefix_str}"));
                        let tail = lit(&format!("e) for e in {name})"));
                        parts.push(quote!(#head));
                        parts
                            .push(quote!(__np::format_body(<#elem as ::netpack::NetPack>::FORMAT)));
                        parts.push(quote!("\", "));
                        parts.push(quote!(__np::star(<#elem as ::netpack::NetPack>::__VALUES)));
                        parts.push(quote!(#tail));
                    }
                    _ => {
                        let s = lit(&name);
                        parts.push(quote!(#s));
                    }
                }
                let small = match &kind {
                    Some(Kind::Prefix(code)) => matches!(code.code, b'b' | b'B' | b'h' | b'H'),
                    Some(Kind::Len(name)) => fields
                        .iter()
                        .find(|t| t.name() == name.value())
                        .and_then(|t| Primitive::of(t.ty))
                        .and_then(primitive::small_bound)
                        .is_some(),
                    _ => false,
                };
                capped &= f.attrs.max.is_some() || small;
                let (dec, extra, bound) = match kind {
                    Some(Kind::Nul(_)) => {
                        parts.push(quote!(" + b\"\\0\""));
                        encode.extend(quote! {
                            __np::encode_nul::<__O, #ty>(#b, __out)
                                .map_err(|e| __np::in_field_encoding(e, #p))?;
                        });
                        (
                            quote!(__np::decode_nul::<__O, #ty>(__buf, __pos, #m)),
                            quote!(1),
                            quote!(__np::field_bound(#m, ::core::option::Option::None, 1, 1)),
                        )
                    }
                    Some(Kind::Rest(_)) => {
                        delimited = false;
                        encode.extend(quote! {
                            <#ty as __np::Variable<#lt>>::encode::<__O>(#b, __out)
                                .map_err(|e| __np::in_field_encoding(e, #p))?;
                        });
                        (
                            quote!(__np::decode_rest::<__O, #ty>(__buf, __pos, #m)),
                            quote!(0),
                            quote!(__np::field_bound(#m, ::core::option::Option::None, #element, 0)),
                        )
                    }
                    Some(Kind::Prefix(code)) => {
                        let code = format::byte(code.code);
                        encode.extend(quote! {
                            <#ty as __np::Variable<#lt>>::encode::<__O>(#b, __out)
                                .map_err(|e| __np::in_field_encoding(e, #p))?;
                        });
                        (
                            quote!(__np::decode_counted::<__O, #ty>(__buf, __pos, #n, #m)),
                            quote!(0),
                            quote!(__np::field_bound(#m, __np::code_bound(#code), #element, 0)),
                        )
                    }
                    Some(Kind::Len(name)) => {
                        let target = fields.iter().find(|t| t.name() == name.value());
                        let t = target.map(binding);
                        let bound = option(
                            target
                                .and_then(|t| Primitive::of(t.ty))
                                .and_then(primitive::small_bound),
                        );
                        encode.extend(quote! {
                            <#ty as __np::Variable<#lt>>::encode::<__O>(#b, __out)
                                .map_err(|e| __np::in_field_encoding(e, #p))?;
                        });
                        decode.extend(quote! {
                            let #n: usize = __np::length_of(&#t)
                                .map_err(|e| __np::in_field(e, #p, __pos))?;
                        });
                        (
                            quote!(__np::decode_counted::<__O, #ty>(__buf, __pos, #n, #m)),
                            quote!(0),
                            quote!(__np::field_bound(#m, #bound, #element, 0)),
                        )
                    }
                    None | Some(Kind::Message) => unreachable!("a variable field has a kind"),
                };
                decode.extend(quote! {
                    let (#b, __used): (#ty, usize) = #dec.map_err(|e| __np::in_field(e, #p, __pos))?;
                    __pos += __used;
                });
                len.push(quote!(<#ty as __np::Variable<#lt>>::count(#b) * #element + #extra));
                max.push(bound);
            }
        }
    }

    let bindings: Vec<Ident> = fields.iter().map(binding).collect();
    let members: Vec<&syn::Member> = fields.iter().map(|f| &f.member).collect();
    Body {
        consts,
        encode: quote!(#checks #encode),
        decode,
        len: quote!(0 #(+ #len)*),
        max: quote!(__np::sum_bounds(&[#(#max),*])),
        capped: capped && delimited,
        capped_bounds,
        delimited: quote!(#delimited #(&& #delimited_messages)*),
        parts,
        fields: quote!({ #(#members: #bindings),* }),
    }
}

/// The `const`s of a parts text, and its name.
fn parts_consts(pieces: &[TokenStream]) -> TokenStream {
    quote! {
        const __PIECES: &[&str] = &[#(#pieces),*];
        const __PARTS_LEN: usize = __np::text_len(__PIECES);
        const __PARTS_BYTES: [u8; __PARTS_LEN] = __np::text::<__PARTS_LEN>(__PIECES);
        const __PARTS: &str = __np::as_str(&__PARTS_BYTES);
    }
}

pub(super) fn expand_struct(input: &Struct) -> syn::Result<TokenStream> {
    let ty = input.ident();
    let name = ty.unraw().to_string();
    let order = input.order();
    let Impl { lt, head } = impl_head(input.original);
    let body = body(&input.fields, order, &name, "", &lt);
    let byte_order = format::byte_order(order);
    let Body {
        consts,
        encode,
        decode,
        len,
        max,
        delimited,
        capped,
        capped_bounds,
        parts,
        fields,
    } = body;
    let parts = parts_consts(&parts);
    let capped = capped.then(|| capped_impl(input.original, &capped_bounds));
    Ok(quote! {
        type __O = #byte_order;
        #consts
        #parts
        #capped

        #[automatically_derived]
        #head {
            const PARTS: &'static str = __PARTS;
            const MAX_SIZE: ::core::option::Option<usize> = #max;
            const __DELIMITED: bool = #delimited;
            const __NAME: &'static str = #name;

            #[inline]
            fn encoded_len(&self) -> usize {
                let Self #fields = self;
                #len
            }

            #[inline]
            fn encode_into(
                &self,
                __out: &mut __np::Vec<u8>,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                let Self #fields = self;
                __np::encode_atomic(__out, |__out| {
                    #encode
                    ::core::result::Result::Ok(())
                })
            }

            #[inline]
            fn decode_prefix(
                __buf: &#lt [u8],
            ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
                let mut __pos: usize = 0;
                #decode
                ::core::result::Result::Ok((Self #fields, __pos))
            }
        }
    })
}

/// What a variant of a tagged enum holds.
enum Payload<'v> {
    Unit,
    /// `Read(Request)`: one whole message.
    Message(&'v syn::Type),
    /// Fields, like a message struct's.
    Fields(Box<Body>),
    /// The catch-all: the tag and the rest.
    Other(&'v Field<'v>),
}

pub(super) fn expand_enum(input: &Enum) -> syn::Result<TokenStream> {
    let ty = input.ident();
    let name = ty.unraw().to_string();
    let order = input
        .attrs
        .order
        .as_ref()
        .map_or(Order::Network, |o| o.order);
    let tag = match &input.attrs.tag {
        Some(tag) => tag,
        None => return Err(syn::Error::new_spanned(ty, "missing tag")),
    };
    let Impl { lt, head } = impl_head(input.original);
    let byte_order = format::byte_order(order);
    let tag_ty = Ident::new(valid::tag_type(tag.code), Span::call_site());
    let tag_format = lit(&format!(
        "{}{}",
        char::from(order.prefix()),
        char::from(tag.code)
    ));
    let tag_codec = Codec::plain(&tag_ty);
    let (tag_encode, tag_decode) = (tag_codec.item("encode"), tag_codec.item("decode"));
    let type_path = lit(&name);

    let mut consts = TokenStream::new();
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut encode_arms = Vec::new();
    let mut len_arms = Vec::new();
    let mut decode_arms = Vec::new();
    let mut maxes = Vec::new();
    let mut delimited = Vec::new();
    let mut other_arm = None;
    // Capped when every variant is: fields with bounds, no catch-all, and every
    // whole message in a variant capped.
    let mut capped = true;
    let mut capped_bounds = Vec::new();

    for (i, variant) in input.variants.iter().enumerate() {
        let v = variant.ident();
        let path = format!("{name}::{}", v.unraw());
        let path_lit = lit(&path);
        let payload = payload(variant, order, &path, i, &lt);
        if i > 0 {
            parts.push(quote!(" | "));
        }
        let tag_expr = variant.attrs.tag.as_ref().map(|t| &t.expr);
        let write_tag = |value: TokenStream| {
            quote! {
                {
                    let __t: #tag_ty = #value;
                    let __p = __np::part(__out, __TAG_SIZE);
                    #tag_encode::<__O>(&__t, __p, &[0])?;
                }
            }
        };
        match payload {
            Payload::Unit => {
                let t = write_tag(quote!(#tag_expr));
                let value = lit(&format!(
                    "{}",
                    variant.attrs.tag.as_ref().map_or(0, |t| t.value)
                ));
                parts.extend([
                    quote!("struct.pack(\""),
                    quote!(__TAG_FORMAT),
                    quote!("\", "),
                    quote!(#value),
                    quote!(")"),
                ]);
                encode_arms.push(quote!(#ty::#v => { #t }));
                len_arms.push(quote!(#ty::#v => __TAG_SIZE));
                decode_arms.push(quote!(#tag_expr => ::core::result::Result::Ok((#ty::#v, __pos))));
                maxes.push(quote!(::core::option::Option::Some(0)));
            }
            Payload::Message(inner) => {
                let t = write_tag(quote!(#tag_expr));
                let value = lit(&format!(
                    "{}",
                    variant.attrs.tag.as_ref().map_or(0, |t| t.value)
                ));
                let inner_name = lit(&type_name(inner));
                parts.extend([
                    quote!("struct.pack(\""),
                    quote!(__TAG_FORMAT),
                    quote!("\", "),
                    quote!(#value),
                    quote!(") + "),
                    quote!(#inner_name),
                ]);
                encode_arms.push(quote! {
                    #ty::#v(__f_0) => {
                        #t
                        <#inner as ::netpack::Message<#lt>>::encode_into(__f_0, __out)
                            .map_err(|e| __np::in_field_encoding(e, #path_lit))?;
                    }
                });
                len_arms.push(quote! {
                    #ty::#v(__f_0) => __TAG_SIZE + <#inner as ::netpack::Message<#lt>>::encoded_len(__f_0)
                });
                decode_arms.push(quote! {
                    #tag_expr => {
                        let (__v, __used) = <#inner as ::netpack::Message<#lt>>::decode_prefix(&__buf[__pos..])
                            .map_err(|e| __np::in_field(__np::shifted(e, __pos), #path_lit, __pos))?;
                        ::core::result::Result::Ok((#ty::#v(__v), __pos + __used))
                    }
                });
                maxes.push(quote!(<#inner as ::netpack::Message<#lt>>::MAX_SIZE));
                capped_bounds.push(quote!(#inner));
                delimited.push(quote!(<#inner as ::netpack::Message<#lt>>::__DELIMITED));
            }
            Payload::Fields(body) => {
                let t = write_tag(quote!(#tag_expr));
                let value = lit(&format!(
                    "{}",
                    variant.attrs.tag.as_ref().map_or(0, |t| t.value)
                ));
                let Body {
                    consts: c,
                    encode,
                    decode,
                    len,
                    max,
                    delimited: d,
                    capped: k,
                    capped_bounds: b,
                    parts: p,
                    fields,
                } = *body;
                capped &= k;
                capped_bounds.extend(b);
                consts.extend(c);
                parts.extend([
                    quote!("struct.pack(\""),
                    quote!(__TAG_FORMAT),
                    quote!("\", "),
                    quote!(#value),
                    quote!(") + "),
                ]);
                parts.extend(p);
                encode_arms.push(quote!(#ty::#v #fields => { #t #encode }));
                len_arms.push(quote!(#ty::#v #fields => __TAG_SIZE + #len));
                decode_arms.push(quote! {
                    #tag_expr => {
                        #decode
                        ::core::result::Result::Ok((#ty::#v #fields, __pos))
                    }
                });
                maxes.push(max);
                delimited.push(quote!(#d));
            }
            Payload::Other(rest) => {
                let rest_ty = rest.ty;
                let t = write_tag(quote!(*__f_0));
                let m = max_tokens(rest);
                let cap = rest.attrs.max.as_ref().map(|m| {
                    let n = &m.value;
                    let p = lit(&format!("{path}.1"));
                    quote! {
                        __np::check_cap(<#rest_ty as __np::Variable<#lt>>::count(__f_1), #n)
                            .map_err(|e| __np::in_field_encoding(e, #p))?;
                    }
                });
                let p1 = lit(&format!("{path}.1"));
                parts.extend([
                    quote!("struct.pack(\""),
                    quote!(__TAG_FORMAT),
                    quote!("\", tag) + rest"),
                ]);
                encode_arms.push(quote! {
                    #ty::#v(__f_0, __f_1) => {
                        #cap
                        #t
                        <#rest_ty as __np::Variable<#lt>>::encode::<__O>(__f_1, __out)
                            .map_err(|e| __np::in_field_encoding(e, #p1))?;
                    }
                });
                len_arms.push(quote! {
                    #ty::#v(_, __f_1) => __TAG_SIZE
                        + <#rest_ty as __np::Variable<#lt>>::count(__f_1) * <#rest_ty as __np::Variable<#lt>>::ELEMENT
                });
                other_arm = Some(quote! {
                    _ => {
                        let (__f_1, __used): (#rest_ty, usize) = __np::decode_rest::<__O, #rest_ty>(__buf, __pos, #m)
                            .map_err(|e| __np::in_field(e, #p1, __pos))?;
                        ::core::result::Result::Ok((#ty::#v(__tag, __f_1), __pos + __used))
                    }
                });
                maxes.push(quote!(__np::field_bound(#m, ::core::option::Option::None, <#rest_ty as __np::Variable<#lt>>::ELEMENT, 0)));
                delimited.push(quote!(false));
                capped = false;
            }
        }
    }
    let other_arm = other_arm.unwrap_or_else(|| {
        quote! {
            _ => ::core::result::Result::Err(__np::in_field(__np::unknown_tag(__tag as i128), #type_path, 0)),
        }
    });
    let parts = parts_consts(&parts);
    let capped = capped.then(|| capped_impl(input.original, &capped_bounds));

    Ok(quote! {
        type __O = #byte_order;
        #capped
        const __TAG_FORMAT: &str = #tag_format;
        const __TAG_SIZE: usize = __np::size_of_format(__TAG_FORMAT);
        #consts
        #parts

        #[automatically_derived]
        #head {
            const PARTS: &'static str = __PARTS;
            const MAX_SIZE: ::core::option::Option<usize> = __np::sum_bounds(&[
                ::core::option::Option::Some(__TAG_SIZE),
                __np::max_bounds(&[#(#maxes),*]),
            ]);
            const __DELIMITED: bool = true #(&& #delimited)*;
            const __NAME: &'static str = #name;

            #[inline]
            fn encoded_len(&self) -> usize {
                match self {
                    #(#len_arms,)*
                }
            }

            #[inline]
            fn encode_into(
                &self,
                __out: &mut __np::Vec<u8>,
            ) -> ::core::result::Result<(), ::netpack::Error> {
                __np::encode_atomic(__out, |__out| {
                    match self {
                        #(#encode_arms)*
                    }
                    ::core::result::Result::Ok(())
                })
            }

            #[inline]
            fn decode_prefix(
                __buf: &#lt [u8],
            ) -> ::core::result::Result<(Self, usize), ::netpack::Error> {
                let __t = __np::fixed(__buf, 0, __TAG_SIZE)
                    .map_err(|e| __np::in_field(e, #type_path, 0))?;
                let __tag: #tag_ty = #tag_decode::<__O>(__t, &[0]);
                let mut __pos: usize = __TAG_SIZE;
                match __tag {
                    #(#decode_arms,)*
                    #other_arm
                }
            }
        }
    })
}

fn payload<'v>(
    variant: &'v Variant<'v>,
    order: Order,
    path: &str,
    index: usize,
    lt: &Lifetime,
) -> Payload<'v> {
    if variant.attrs.other.is_some() {
        return Payload::Other(&variant.fields[1]);
    }
    if variant.fields.is_empty() {
        return Payload::Unit;
    }
    // A newtype of a type the spelling shows to be fixed (`Ack(u16)`) is a
    // field like any other; any other newtype is a whole message.
    if valid::is_newtype(variant) && primitive::values(variant.fields[0].ty).is_none() {
        return Payload::Message(variant.fields[0].ty);
    }
    Payload::Fields(Box::new(body(
        &variant.fields,
        order,
        path,
        &format!("V{index}"),
        lt,
    )))
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
