//! The code of a message's fields (a struct's, or a tagged enum's variant's):
//! a walk over its [parts](crate::parts), each part generated on its own and
//! the results joined into one [`Body`].
//!
//! Each run of fixed fields is one Python `struct` format, rendered and parsed
//! at compile time exactly as a fixed struct's; each variable field is one part
//! between them. The generated code binds each field by reference as
//! `__f_<name>` when encoding and by value when decoding, keeps a variable
//! field's length in `__n_<name>`, and advances `__pos` through the input.

use super::field::{padded_shapes, Access};
use super::message_ext;
use super::parts_text;
use super::skeleton::MessageImpl;
use super::tokens::{self, lit, none, some};
use crate::ast::{Field, Length};
use crate::model::computed;
use crate::model::magic::Magic;
use crate::parts::{self, Item, Part};
use crate::primitive::{self, Primitive};
use netpack_format::Order;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Ident, Lifetime, LitStr};

/// What a body's code is generated for.
pub(super) struct Cx<'a> {
    /// The message's byte order (the one its formats are rendered in when the
    /// order is chosen at run time).
    pub order: Order,
    /// Whether the byte order is chosen at run time (`order = "runtime"` or
    /// `order_by`): the code is then generic over `__O`.
    pub runtime: bool,
    /// The magic bytes the message starts with.
    pub magic: Option<&'a Magic>,
    /// The path errors name before a field: `Type` or `Type::Variant`.
    pub path: String,
    /// Makes the names of this body's `const`s unique within the expansion.
    pub id: String,
    /// The lifetime of the input.
    pub lt: &'a Lifetime,
    /// The fields.
    pub fields: &'a [Field<'a>],
    /// Whether bit fields are least significant bit first.
    pub lsb: bool,
}

/// The generated code of a list of fields.
pub(super) struct Body {
    /// Free `const` items: each run's layout and length codes.
    pub consts: TokenStream,
    /// Statements appending the encoding to `__out`.
    pub encode: TokenStream,
    /// Statements decoding from `__buf` at `__pos` (advanced).
    pub decode: TokenStream,
    /// The encoded length, with the fields bound.
    pub len: TokenStream,
    /// The largest size, an `Option<usize>` expression.
    pub max: TokenStream,
    /// Whether the body ends by itself (no `rest`, here or in a message
    /// field): a `bool` expression.
    pub delimited: TokenStream,
    /// Whether every variable field has a bound the attributes show.
    pub capped: bool,
    /// The types of message fields, which must be `Capped` for this to be.
    pub capped_bounds: Vec<TokenStream>,
    /// The pieces of the `PARTS` text.
    pub text: Vec<TokenStream>,
    /// `{ a: __f_a, … }`: the pattern and constructor of the fields.
    pub pattern: TokenStream,
}

impl Body {
    /// A message struct's body as its expansion uses it: the items its impls
    /// follow (the runs' `const`s, the `PARTS` text and, when every variable
    /// field is bounded, `Capped`); its message impl, whose `encode` and
    /// `decode` are still the body's statements, for the caller to wrap; and
    /// the pattern that binds the fields.
    pub(super) fn into_message(
        self,
        input: &syn::DeriveInput,
        name: String,
    ) -> (TokenStream, MessageImpl, TokenStream) {
        let Body {
            consts,
            encode,
            decode,
            len,
            max,
            delimited,
            capped,
            capped_bounds,
            text,
            pattern,
        } = self;
        let parts = parts_text::consts(&text);
        let capped = capped.then(|| super::skeleton::capped_impl(input, &capped_bounds));
        let message = MessageImpl {
            parts: quote!(__PARTS),
            max_size: max,
            delimited,
            name,
            encoded_len: quote! {
                let Self #pattern = self;
                #len
            },
            encode,
            decode,
        };
        (quote!(#consts #parts #capped), message, pattern)
    }
}

/// The code of one part.
pub(super) struct PartCode {
    pub consts: TokenStream,
    pub encode: TokenStream,
    pub decode: TokenStream,
    pub len: TokenStream,
    pub max: TokenStream,
    /// `false` (or a `bool` expression) where the part does not end by itself.
    pub delimited: Option<TokenStream>,
    pub capped: bool,
    pub capped_bound: Option<TokenStream>,
    pub text: Vec<TokenStream>,
}

impl PartCode {
    /// A part of `size` bytes (a `usize` expression): delimited and capped by
    /// its size, with no `const`s and no `PARTS` text until the caller gives
    /// them.
    pub(super) fn fixed(size: TokenStream, encode: TokenStream, decode: TokenStream) -> PartCode {
        PartCode {
            consts: TokenStream::new(),
            encode,
            decode,
            max: some(&size),
            len: size,
            delimited: None,
            capped: true,
            capped_bound: None,
            text: Vec::new(),
        }
    }
}

pub(super) fn body(cx: &Cx) -> Body {
    let mut codes = Vec::new();
    let parts = parts::parts(cx.magic, cx.fields, cx.lsb);
    // The codes of part k are codes[spans[k]]: a part with `align` adds its padding.
    let mut spans = Vec::with_capacity(parts.len());
    for (k, part) in parts.iter().enumerate() {
        let begin = codes.len();
        match *part {
            Part::Run(ref items) => codes.push(run(cx, k, items)),
            Part::Var(field) => {
                codes.push(var(cx, field));
                let before: Vec<_> = codes.iter().map(|c| c.len.clone()).collect();
                codes.extend(message_ext::align(cx, field, &before));
            }
            Part::Bits(ref bits) => codes.push(super::bits::part(cx, k, bits)),
            Part::Magic(magic, field) => codes.push(super::magic::part(cx, k, magic, field)),
            Part::Order(field, order_by) => {
                codes.push(super::ordered::selector_part(cx, field, order_by))
            }
            Part::Checksum(field, _) => codes.push(super::checksum::checksum_part(cx, field)),
            Part::Mark(field, mark) => codes.push(super::checksum::mark_part(field, mark)),
        }
        spans.push(begin..codes.len());
    }
    let texts: Vec<Vec<TokenStream>> = spans
        .iter()
        .map(|span| {
            codes[span.clone()]
                .iter()
                .flat_map(|c| c.text.clone())
                .collect()
        })
        .collect();
    for (k, part) in parts.iter().enumerate() {
        if let Part::Checksum(..) = part {
            codes[spans[k].start].text = super::checksum::text(cx, &parts, &texts, k);
        }
    }
    let (encode_tail, decode_tail) = super::checksum::tails(cx, &parts);
    let start = (!encode_tail.is_empty()).then(|| quote!(let __start: usize = __out.len();));
    let start_in = (!decode_tail.is_empty()).then(|| quote!(let __start: usize = __pos;));
    let consts = codes.iter().map(|c| c.consts.clone()).collect();
    let decode = codes.iter().map(|c| &c.decode);
    let decode = quote!(#start_in #(#decode)* #decode_tail);
    let encode = codes.iter().map(|c| &c.encode);
    let (len, max) = (codes.iter().map(|c| &c.len), codes.iter().map(|c| &c.max));
    let delimited = codes.iter().filter_map(|c| c.delimited.as_ref());
    let bindings = cx.fields.iter().map(binding);
    let members = cx.fields.iter().map(|f| &f.member);
    let checks = length_checks(cx);
    Body {
        consts,
        encode: quote!(#checks #start #(#encode)* #encode_tail),
        decode,
        len: quote!(0 #(+ #len)*),
        max: quote!(__np::sum_bounds(&[#(#max),*])),
        delimited: quote!(true #(&& #delimited)*),
        capped: codes.iter().all(|c| c.capped),
        capped_bounds: codes
            .iter()
            .filter_map(|c| c.capped_bound.clone())
            .collect(),
        text: parts_text::join(
            codes
                .into_iter()
                .map(|c| c.text)
                .filter(|t| !t.is_empty())
                .collect(),
            " + ",
        ),
        pattern: quote!({ #(#members: #bindings),* }),
    }
}

/// The local a field is bound to.
pub(super) fn binding(field: &Field) -> Ident {
    match &field.member {
        syn::Member::Named(ident) => format_ident!("__f_{}", ident.unraw()),
        syn::Member::Unnamed(index) => format_ident!("__f_{}", index.index),
    }
}

/// The local holding a variable field's length.
pub(super) fn length_binding(field: &Field) -> Ident {
    match &field.member {
        syn::Member::Named(ident) => format_ident!("__n_{}", ident.unraw()),
        syn::Member::Unnamed(index) => format_ident!("__n_{}", index.index),
    }
}

/// `Type.field`, the path errors name.
pub(super) fn field_path(cx: &Cx, field: &Field) -> LitStr {
    lit(&format!("{}.{}", cx.path, field.name()))
}

/// A field's cap, an `Option<usize>` expression.
fn max_tokens(field: &Field) -> TokenStream {
    match &field.attrs.max {
        Some(max) => some(&max.value),
        None => none(),
    }
}

/// Before anything is encoded: each variable field's length, checked against
/// its cap and against the length field that holds it.
fn length_checks(cx: &Cx) -> TokenStream {
    let lt = cx.lt;
    let mut out = TokenStream::new();
    for field in cx.fields.iter().filter(|f| f.is_variable()) {
        if let Length::Message | Length::Cond(_) | Length::Repeat(_) | Length::With(_) =
            field.length()
        {
            continue;
        }
        let (ty, b, n, p) = (
            field.ty,
            binding(field),
            length_binding(field),
            field_path(cx, field),
        );
        out.extend(quote!(let #n: usize = <#ty as __np::Variable<#lt>>::count(#b);));
        if let Some(max) = &field.attrs.max {
            let max = &max.value;
            out.extend(quote! {
                __np::check_cap(#n, #max).map_err(|e| __np::in_field_encoding(e, #p))?;
            });
        }
        if let Length::Field(name) = field.length() {
            // A computed length is written from the data's: nothing to check.
            let target = parts::length_field(cx.fields, name).filter(|t| !parts::is_computed(t));
            if let Some(target) = target {
                let (t, name) = (binding(target), lit(&target.name()));
                out.extend(quote! {
                    __np::check_length(#t, #name, #n).map_err(|e| __np::in_field_encoding(e, #p))?;
                });
            }
        }
        out.extend(message_ext::length_check(cx, field));
    }
    out
}

/// The names of a run's `const`s.
struct RunNames {
    shape: Ident,
    len: Ident,
    text: Ident,
    format: Ident,
    values: Ident,
    list: Ident,
    offsets: Ident,
    size: Ident,
}

impl RunNames {
    fn new(cx: &Cx, k: usize) -> RunNames {
        let r = |s: &str| format_ident!("__R{}_{}_{}", cx.id, k, s);
        RunNames {
            shape: r("SHAPE"),
            len: r("LEN"),
            text: r("TEXT"),
            format: r("FORMAT"),
            values: r("VALUES"),
            list: r("OFFSET_LIST"),
            offsets: r("OFFSETS"),
            size: r("SIZE"),
        }
    }
}

/// The length code of a prefix.
fn length_code(cx: &Cx, field: &Field) -> Ident {
    match &field.member {
        syn::Member::Named(ident) => format_ident!("__L{}_{}", cx.id, ident.unraw()),
        syn::Member::Unnamed(index) => format_ident!("__L{}_{}", cx.id, index.index),
    }
}

/// A run of fixed fields and length prefixes: one format.
fn run(cx: &Cx, k: usize, items: &[Item]) -> PartCode {
    let names = RunNames::new(cx, k);
    let RunNames {
        shape,
        len,
        text,
        format,
        values,
        list,
        offsets,
        size,
    } = &names;
    let prefix = tokens::byte(cx.order.prefix());
    let mut shapes = Vec::new();
    let mut length_codes = TokenStream::new();
    for item in items {
        match item {
            Item::Field(f) if cx.runtime => {
                let access = Access::of(f);
                let explicit = access.item("EXPLICIT_ORDER");
                let message = lit(&format!(
                    "netpack: field `{}` has a byte order of its own, but the order of `{}` is chosen at run time: remove the field's order (`Le`, `Be`, `Ne`, `order = ...`) so that it takes the message's",
                    f.name(),
                    cx.path
                ));
                length_codes.extend(quote! {
                    const _: () = if #explicit.is_some() { ::core::panic!(#message) };
                });
                shapes.extend(padded_shapes(f, &access));
            }
            Item::Field(f) => shapes.extend(padded_shapes(f, &Access::of(f))),
            Item::Prefix(..) | Item::Computed { .. } => {
                let Some((f, code)) = item.counts() else {
                    continue;
                };
                let (l, code) = (length_code(cx, f), tokens::byte(code));
                length_codes.extend(
                    quote!(const #l: __np::LengthCode = __np::LengthCode::new(#prefix, #code);),
                );
                shapes.push(quote!(__np::Shape::one(#code, #l.size())));
            }
        }
    }
    let consts = quote! {
        #length_codes
        const #shape: __np::Shape = __np::Shape::Seq(&[#(#shapes),*]);
        const #len: usize = #shape.format_len() + 1;
        const #text: __np::ConstVec<u8, #len> = #shape.render(#prefix);
        const #format: &str = __np::checked_format(#text.as_str(), "netpack: a message cannot use native-only codes");
        const #values: usize = __np::values_of_format(#format);
        const #list: __np::ConstVec<usize, #values> = __np::value_offsets(#format);
        const #offsets: &[usize] = #list.as_slice();
        const #size: usize = __np::size_of_format(#format);
    };
    let (encode, decode) = run_code(cx, &names, items);
    PartCode {
        consts,
        text: parts_text::run(format, items, cx.runtime),
        ..PartCode::fixed(quote!(#size), encode, decode)
    }
}

/// The statements encoding and decoding a run, item by item at its offsets.
fn run_code(cx: &Cx, names: &RunNames, items: &[Item]) -> (TokenStream, TokenStream) {
    let RunNames { offsets, size, .. } = names;
    let first = field_path(cx, items[0].field());
    let mut encode = TokenStream::new();
    let mut decode = quote! {
        let __p = __np::fixed(__buf, __pos, #size).map_err(|e| __np::in_field(e, #first, __pos))?;
    };
    let mut start = quote!(0);
    for item in items {
        let f = item.field();
        let (b, p, at) = (binding(f), field_path(cx, f), quote!(#offsets[#start..]));
        match item {
            Item::Field(f) => {
                let access = Access::of(f);
                let (enc, check, dec) = (
                    access.item("encode"),
                    access.item("check"),
                    access.item("decode"),
                );
                let ty = f.ty;
                encode.extend(quote! {
                    #enc::<__O>(#b, __p, &#at).map_err(|e| __np::in_field_encoding(e, #p))?;
                });
                decode.extend(quote! {
                    #check::<__O>(__p, &#at).map_err(|e| {
                        let at = match #offsets.get(#start) {
                            ::core::option::Option::Some(at) => *at,
                            ::core::option::Option::None => 0,
                        };
                        __np::in_field(__np::shifted(e, __pos), #p, __pos + at)
                    })?;
                    let #b: #ty = #dec::<__O>(__p, &#at);
                });
                let values = access.item("VALUES");
                start = quote!(#start + #values);
            }
            Item::Prefix(..) | Item::Computed { .. } => {
                let Some((f, _)) = item.counts() else {
                    continue;
                };
                let (n, l) = (length_binding(f), length_code(cx, f));
                if let Item::Computed { len, .. } = item {
                    let b = binding(len);
                    let ty = len.ty;
                    decode.extend(quote!(let #b: #ty = ::netpack::Len::new();));
                }
                let offset = quote!(#offsets[#start]);
                encode.extend(quote! {
                    __np::write_length::<__O>(__p, #offset, &#l, #n)
                        .map_err(|e| __np::in_field_encoding(e, #p))?;
                });
                decode.extend(quote! {
                    let #n: usize = __np::read_length::<__O>(__p, #offset, &#l)
                        .map_err(|e| __np::in_field(e, #p, __pos + #offset))?;
                });
                start = quote!(#start + 1);
            }
        }
    }
    let encode = quote!({
        let __p = __np::part(__out, #size);
        #encode
    });
    (encode, quote!(#decode __pos += #size;))
}

/// A variable-length field, by where its length comes from.
fn var(cx: &Cx, field: &Field) -> PartCode {
    if let Some(part) = message_ext::var(cx, field) {
        return part;
    }
    match field.length() {
        Length::Message => var_message(cx, field),
        Length::Nul => var_nul(cx, field),
        Length::Rest => var_rest(cx, field),
        Length::Prefix(code) => {
            let byte = tokens::byte(code.code);
            let bound = quote!(__np::code_bound(#byte));
            var_counted(cx, field, None, bound, code_is_small(code.code))
        }
        Length::Field(name) => {
            let target = parts::length_field(cx.fields, name);
            if let Some(code) = target
                .and_then(|t| computed::len_code(t.ty))
                .and_then(Result::ok)
            {
                // The run before has read the length.
                let byte = tokens::byte(code);
                let bound = quote!(__np::code_bound(#byte));
                return var_counted(cx, field, None, bound, code_is_small(code));
            }
            let small = target
                .and_then(|t| Primitive::of(t.ty))
                .and_then(primitive::small_bound);
            let length = target.map(|t| {
                let t = binding(t);
                quote!(__np::length_of(&#t))
            });
            var_counted(cx, field, length, tokens::option(small), small.is_some())
        }
        _ => unreachable!("netpack-derive: a part of a message is a variable field"),
    }
}

/// Whether a length code bounds a reader by itself (at most 16 bits).
fn code_is_small(code: u8) -> bool {
    matches!(code, b'b' | b'B' | b'h' | b'H')
}

/// The code all kinds of variable field share: the decode statement (`dec`, a
/// `Result<(T, usize), Error>` expression) and the encoded length.
fn var_part(
    cx: &Cx,
    field: &Field,
    encode: TokenStream,
    dec: TokenStream,
    extra: usize,
) -> PartCode {
    let (ty, b, p, lt) = (field.ty, binding(field), field_path(cx, field), cx.lt);
    let element = quote!(<#ty as __np::Variable<#lt>>::ELEMENT);
    let extra = tokens::int(extra);
    PartCode {
        consts: TokenStream::new(),
        encode,
        decode: quote! {
            let (#b, __used): (#ty, usize) = #dec.map_err(|e| __np::in_field(e, #p, __pos))?;
            __pos += __used;
        },
        len: quote!(<#ty as __np::Variable<#lt>>::count(#b) * #element + #extra),
        max: TokenStream::new(),
        delimited: None,
        capped: field.attrs.max.is_some(),
        capped_bound: None,
        text: parts_text::var(field, cx.order, cx.runtime),
    }
}

/// The statement appending a variable field's own encoding.
fn encode_variable(cx: &Cx, field: &Field) -> TokenStream {
    let (ty, b, p, lt) = (field.ty, binding(field), field_path(cx, field), cx.lt);
    quote! {
        <#ty as __np::Variable<#lt>>::encode::<__O>(#b, __out)
            .map_err(|e| __np::in_field_encoding(e, #p))?;
    }
}

/// `len_prefix = "H"`, `len = "field"` or `len = "expr"`: `count` elements.
/// `length` is the expression giving the count (a `Result<usize, Error>`),
/// where the field's part does not read it itself.
pub(super) fn var_counted(
    cx: &Cx,
    field: &Field,
    length: Option<TokenStream>,
    code_bound: TokenStream,
    small: bool,
) -> PartCode {
    let (ty, n, p, m, lt) = (
        field.ty,
        length_binding(field),
        field_path(cx, field),
        max_tokens(field),
        cx.lt,
    );
    let mut part = var_part(
        cx,
        field,
        encode_variable(cx, field),
        quote!(__np::decode_counted::<__O, #ty>(__buf, __pos, #n, #m)),
        0,
    );
    if let Some(length) = length {
        let decode = &part.decode;
        part.decode = quote! {
            let #n: usize = #length.map_err(|e| __np::in_field(e, #p, __pos))?;
            #decode
        };
    }
    part.max = quote!(__np::field_bound(#m, #code_bound, <#ty as __np::Variable<#lt>>::ELEMENT, 0));
    part.capped |= small;
    part
}

/// `nul`: the bytes, then a NUL.
fn var_nul(cx: &Cx, field: &Field) -> PartCode {
    let (ty, b, p, m) = (
        field.ty,
        binding(field),
        field_path(cx, field),
        max_tokens(field),
    );
    let encode = quote! {
        __np::encode_nul(#b, __out).map_err(|e| __np::in_field_encoding(e, #p))?;
    };
    let mut part = var_part(
        cx,
        field,
        encode,
        quote!(__np::decode_nul::<#ty>(__buf, __pos, #m)),
        1,
    );
    part.max = quote!(__np::field_bound(#m, ::core::option::Option::None, 1, 1));
    part
}

/// `rest`: everything that follows, so the message does not end by itself.
fn var_rest(cx: &Cx, field: &Field) -> PartCode {
    let (ty, m, lt) = (field.ty, max_tokens(field), cx.lt);
    let mut part = var_part(
        cx,
        field,
        encode_variable(cx, field),
        quote!(__np::decode_rest::<__O, #ty>(__buf, __pos, #m)),
        0,
    );
    part.max = quote!(__np::field_bound(#m, ::core::option::Option::None, <#ty as __np::Variable<#lt>>::ELEMENT, 0));
    part.delimited = Some(quote!(false));
    part.capped = false;
    part
}

/// `message`: a whole message of the field's type, with its own parts, caps and
/// errors, named under this field.
fn var_message(cx: &Cx, field: &Field) -> PartCode {
    let (ty, b, p, lt) = (field.ty, binding(field), field_path(cx, field), cx.lt);
    // In a message whose order is chosen at run time, a nested message takes
    // that order.
    let (message, encode, decode) = if cx.runtime {
        let message = quote!(<#ty as ::netpack::OrderedMessage<#lt>>);
        (
            message.clone(),
            quote!(#message::__encode_in::<__O>),
            quote!(#message::__decode_in::<__O>),
        )
    } else {
        let message = quote!(<#ty as ::netpack::Message<#lt>>);
        (
            message.clone(),
            quote!(#message::encode_into),
            quote!(#message::decode_prefix),
        )
    };
    // A message at a fixed order decodes at its position in the whole input
    // (so its custom codecs see all of it); one in an order chosen at run time
    // decodes the rest of the input, its errors shifted to the whole input's
    // offsets.
    let (encode_part, decode_part) = if cx.runtime {
        (
            quote!(#encode(#b, __out).map_err(|e| __np::in_field_encoding(e, #p))?;),
            quote! {
                let (#b, __used): (#ty, usize) = #decode(__np::rest_of(__buf, __pos))
                    .map_err(|e| __np::in_field(__np::shifted(e, __pos), #p, __pos))?;
            },
        )
    } else {
        (
            quote!(#message::__encode_at(#b, __out, __base).map_err(|e| __np::in_field_encoding(e, #p))?;),
            quote! {
                let (#b, __used): (#ty, usize) = #message::__decode_at(__buf, __pos)
                    .map_err(|e| __np::in_field(e, #p, __pos))?;
            },
        )
    };
    PartCode {
        consts: TokenStream::new(),
        encode: quote! {
            #encode_part
        },
        decode: quote! {
            #decode_part
            __pos += __used;
        },
        len: quote!(#message::encoded_len(#b)),
        max: quote!(#message::MAX_SIZE),
        delimited: Some(quote!(#message::__DELIMITED)),
        capped: true,
        capped_bound: Some(quote!(#ty)),
        text: parts_text::var(field, cx.order, cx.runtime),
    }
}
