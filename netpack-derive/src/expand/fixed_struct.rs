//! A fixed struct: a `const` block holding the type's layout (its shape,
//! rendered or written format, value offsets and the layout check) and the
//! `NetPack` impl calling each field's encoding at constant offsets.
//!
//! The layout is walked unit by unit: a field, or a run of bit fields, which
//! the struct's format sees as the `[u8; N]` of its bytes.

use super::bits::RunCode;
use super::field::{field_span, padded_shapes, Access};
use super::parts_text;
use super::skeleton::NetPackImpl;
use super::{explicit_order, tokens};
use crate::ast::{Field, Struct};
use crate::bits::{self, Segment};
use crate::format::Format;
use crate::parts::Item;
use netpack_format::{Code, Order};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

/// A field, or a run of bit fields, with the access to its layout (the run's:
/// `[u8; N]`'s).
struct Unit<'a> {
    kind: Kind<'a>,
    access: Access,
}

enum Kind<'a> {
    Field(&'a Field<'a>),
    Bits(RunCode<'a>),
}

impl Unit<'_> {
    /// Where an error about the unit points.
    fn span(&self) -> Span {
        match &self.kind {
            Kind::Field(field) => field_span(field),
            Kind::Bits(run) => run.span(),
        }
    }
}

fn units<'a>(runs: &'a [Segment<'a>]) -> Vec<Unit<'a>> {
    let mut k = 0;
    runs.iter()
        .map(|segment| match segment {
            Segment::Field(field) => Unit {
                kind: Kind::Field(field),
                access: Access::of(field),
            },
            Segment::Bits(run) => {
                let code = RunCode::new(run, format!("__B{k}"));
                k += 1;
                let access = Access::own(&code.bytes_type());
                Unit {
                    kind: Kind::Bits(code),
                    access,
                }
            }
        })
        .collect()
}

pub(super) fn expand(input: &Struct) -> syn::Result<TokenStream> {
    let segments = bits::segments(&input.fields, input.attrs.lsb());
    let units = units(&segments);
    let (order, layout) = layout(input, &units)?;
    let name = input.ident().unraw().to_string();
    let written = input.attrs.format.is_some() || input.attrs.order.is_some();
    let order_checks = order_checks(&units, &name, order);
    let value_indices = value_indices(&units);
    let checked = checked(input, &units);
    let run_consts = units.iter().filter_map(|u| match &u.kind {
        Kind::Bits(run) => Some(run.consts()),
        Kind::Field(_) => None,
    });
    let parts = parts(&units, order);
    let skeleton = NetPackImpl {
        format: quote!(__CHECKED),
        shape: quote!(__SHAPE),
        offsets: quote!(__OFFSET_LIST.as_slice()),
        endian: tokens::endian(order),
        explicit_order: explicit_order(&name, order, written),
        parts: parts.is_some().then(|| quote!(__PARTS)),
        encode: encode(input, &units),
        check: Some(check(input, &units)),
        decode: decode(&units),
        to_values: to_values(&units),
        from_values: from_values(input, &units),
    };
    let impl_ = skeleton.to_tokens(input.original);
    Ok(quote! {
        #(#run_consts)*
        #parts
        #layout
        #order_checks
        #value_indices
        #checked
        const __VALUES: usize = __np::values_of_format(__CHECKED);
        const __OFFSET_LIST: __np::ConstVec<usize, __VALUES> = __np::value_offsets(__CHECKED);
        #impl_
    })
}

/// The order and the layout `const`s: `__FIELDS` (the fields' shapes, pads
/// included), `__SHAPE` (what a struct nesting this one inlines) and `__FORMAT`.
fn layout(input: &Struct, units: &[Unit]) -> syn::Result<(Order, TokenStream)> {
    let shapes = units.iter().flat_map(|unit| match &unit.kind {
        Kind::Field(field) => padded_shapes(field, &unit.access),
        Kind::Bits(_) => vec![unit.access.item("SHAPE")],
    });
    let fields = quote!(const __FIELDS: __np::Shape = __np::Shape::Seq(&[#(#shapes),*]););
    if let Some(lit) = &input.attrs.format {
        // Pads are written in the format (a field's pad attributes are refused).
        let format = Format::parse(lit)?;
        let shape = written_shape(&format);
        let layout = quote! {
            #fields
            const __SHAPE: __np::Shape = #shape;
            const __FORMAT: &str = #lit;
        };
        return Ok((format.order, layout));
    }
    let order = input.order();
    let prefix = tokens::byte(order.prefix());
    let native_only = format!(
        "netpack: a field of `{}` holds `isize`, `usize` or code `n`, `N` or `P`, which exist only in native order: add #[netpack(order = \"@\")]",
        input.ident().unraw()
    );
    let native_only = quote_spanned!(input.ident().span()=> #native_only);
    let layout = quote! {
        #fields
        const __SHAPE: __np::Shape = __FIELDS;
        const __LEN: usize = __SHAPE.format_len() + 1;
        const __TEXT: __np::ConstVec<u8, __LEN> = __SHAPE.render(#prefix);
        const __FORMAT: &str = __np::checked_format(__TEXT.as_str(), #native_only);
    };
    Ok((order, layout))
}

/// The shape of a written format, item by item, so that a struct nesting this
/// one renders its pad bytes and codes as written. Element sizes are `const`
/// evaluated, so native ones are the target's.
fn written_shape(format: &Format) -> TokenStream {
    let prefix = char::from(format.order.prefix());
    let items = format.items.iter().map(|item| {
        let count = tokens::int(item.count);
        let code = item.code.as_char();
        let size = match item.code {
            Code::Pad | Code::Bytes | Code::Pascal => quote!(0),
            _ => {
                let one = format!("{prefix}{}", char::from(code));
                quote!(__np::size_of_format(#one))
            }
        };
        let code = tokens::byte(code);
        quote!(__np::Shape::Item { count: #count, code: #code, size: #size })
    });
    quote!(__np::Shape::Seq(&[#(#items),*]))
}

/// The `PARTS` text of a struct with bit fields, as Python writes it: each run
/// `bitstruct.pack("u4u4", version, ihl)`, the fields between runs
/// `struct.pack("!HH", total_length, id)`; `None` without bit fields (the
/// text is then `struct.pack` of the format).
fn parts(units: &[Unit], order: Order) -> Option<TokenStream> {
    if !units.iter().any(|u| matches!(u.kind, Kind::Bits(_))) {
        return None;
    }
    let prefix = tokens::byte(order.prefix());
    let mut consts = TokenStream::new();
    let mut groups = Vec::new();
    let fields =
        |a: &Unit, b: &Unit| matches!((&a.kind, &b.kind), (Kind::Field(_), Kind::Field(_)));
    for (k, chunk) in units.chunk_by(fields).enumerate() {
        if let [Unit {
            kind: Kind::Bits(run),
            ..
        }] = chunk
        {
            groups.push(run.text());
            continue;
        }
        let (shape, len, text, format) = (
            format_ident!("__P{k}_SHAPE"),
            format_ident!("__P{k}_LEN"),
            format_ident!("__P{k}_TEXT"),
            format_ident!("__P{k}_FORMAT"),
        );
        let mut shapes = Vec::new();
        let mut items = Vec::new();
        for unit in chunk {
            if let Kind::Field(field) = &unit.kind {
                shapes.extend(padded_shapes(field, &unit.access));
                items.push(Item::Field(field));
            }
        }
        consts.extend(quote! {
            const #shape: __np::Shape = __np::Shape::Seq(&[#(#shapes),*]);
            const #len: usize = #shape.format_len() + 1;
            const #text: __np::ConstVec<u8, #len> = #shape.render(#prefix);
            const #format: &str = #text.as_str();
        });
        groups.push(parts_text::run(&format, &items, false));
    }
    consts.extend(parts_text::consts(&parts_text::join(groups, " + ")));
    Some(consts)
}

/// A field whose type has another byte order written on it is refused.
fn order_checks(units: &[Unit], name: &str, order: Order) -> TokenStream {
    let prefix = tokens::byte(order.prefix());
    units
        .iter()
        .map(|unit| {
            let explicit = unit.access.item("EXPLICIT_ORDER");
            quote_spanned! {unit.span()=>
                const _: () = if let ::core::option::Option::Some(m) = __np::nested_order_conflict(#name, #prefix, #explicit) {
                    ::core::panic!("{}", m.as_str())
                };
            }
        })
        .collect()
}

/// `__V{i}`: the index of field i's first value; `__V{n}` is the total.
fn value_index(i: usize) -> Ident {
    format_ident!("__V{}", i)
}

fn value_indices(units: &[Unit]) -> TokenStream {
    let mut out = quote!(
        const __V0: usize = 0;
    );
    for (i, unit) in units.iter().enumerate() {
        let (start, next) = (value_index(i), value_index(i + 1));
        let values = unit.access.item("VALUES");
        out.extend(quote!(const #next: usize = #start + #values;));
    }
    out
}

/// `__CHECKED`, the format checked against the fields: every later `const`
/// goes through it, so a mismatch is one error, naming the field.
fn checked(input: &Struct, units: &[Unit]) -> TokenStream {
    let mismatches = units.iter().enumerate().map(|(i, unit)| {
        let next = value_index(i + 1);
        let what = match &unit.kind {
            Kind::Field(field) => format!("field `{}`", field.name()),
            Kind::Bits(run) => format!("the bit fields from `{}`", run.run.members[0].field.name()),
        };
        let message = format!("netpack: {what} does not match the format");
        quote_spanned!(unit.span()=> if m.value < #next { ::core::panic!(#message); })
    });
    let too_many = format!(
        "netpack: the format has more values than the fields of `{}`",
        input.ident().unraw()
    );
    let too_many = match &input.attrs.format {
        Some(lit) => quote_spanned!(lit.span()=> ::core::panic!(#too_many)),
        None => quote!(::core::panic!(#too_many)),
    };
    quote! {
        const __CHECKED: &str = match __np::check_layout(__FORMAT, &__FIELDS) {
            ::core::result::Result::Ok(()) => __FORMAT,
            ::core::result::Result::Err(m) => {
                #(#mismatches)*
                #too_many
            }
        };
    }
}

/// `Type.field`, the path errors name.
fn path(input: &Struct, field: &Field) -> LitStr {
    let ty = input.ident().unraw();
    LitStr::new(&format!("{ty}.{}", field.name()), Span::call_site())
}

/// The window of run `i`, a local.
fn window(i: usize) -> Ident {
    format_ident!("__w{}", i)
}

fn encode(input: &Struct, units: &[Unit]) -> TokenStream {
    let statements = units.iter().enumerate().map(|(i, unit)| {
        let start = value_index(i);
        match &unit.kind {
            Kind::Field(field) => {
                let (member, encode) = (&field.member, unit.access.item("encode"));
                quote!(#encode::<__O>(&self.#member, __buf, &__offsets[#start..])?;)
            }
            Kind::Bits(run) => {
                let window = run.window(
                    |m| {
                        let member = &m.field.member;
                        quote!(&self.#member)
                    },
                    |m| {
                        let p = path(input, m.field);
                        quote!(|e| __np::in_field_encoding(e, #p))
                    },
                );
                let write = run.write(quote!(__buf), quote!(__offsets[#start]), quote!(__w));
                quote!({
                    let __w: u64 = #window;
                    #write
                })
            }
        }
    });
    quote! {
        #(#statements)*
        ::core::result::Result::Ok(())
    }
}

fn check(input: &Struct, units: &[Unit]) -> TokenStream {
    // The field's path and offset are named only on the error path.
    let statements = units.iter().enumerate().map(|(i, unit)| {
        let start = value_index(i);
        let in_field = |p: LitStr| {
            quote! {
                |e| {
                    let at = match __offsets.get(#start) {
                        ::core::option::Option::Some(at) => *at,
                        ::core::option::Option::None => 0,
                    };
                    __np::in_field(e, #p, at)
                }
            }
        };
        match &unit.kind {
            Kind::Field(field) => {
                let (check, on_error) = (unit.access.item("check"), in_field(path(input, field)));
                quote! {
                    #check::<__O>(__buf, &__offsets[#start..]).map_err(#on_error)?;
                }
            }
            Kind::Bits(run) => {
                let w = format_ident!("__w");
                let read = run.read(quote!(__buf), quote!(__offsets[#start]));
                let checks = run.fields(&w).into_iter().map(|(m, [check, _, _])| {
                    let on_error = in_field(path(input, m.field));
                    quote!(#check.map_err(#on_error)?;)
                });
                quote!({
                    let #w: u64 = #read;
                    #(#checks)*
                })
            }
        }
    });
    quote! {
        #(#statements)*
        ::core::result::Result::Ok(())
    }
}

fn decode(units: &[Unit]) -> TokenStream {
    let mut windows = TokenStream::new();
    let mut fields = TokenStream::new();
    for (i, unit) in units.iter().enumerate() {
        let start = value_index(i);
        match &unit.kind {
            Kind::Field(field) => {
                let (member, decode) = (&field.member, unit.access.item("decode"));
                fields.extend(quote!(#member: #decode::<__O>(__buf, &__offsets[#start..]),));
            }
            Kind::Bits(run) => {
                let w = window(i);
                let read = run.read(quote!(__buf), quote!(__offsets[#start]));
                windows.extend(quote!(let #w: u64 = #read;));
                for (m, [_, decode, _]) in run.fields(&w) {
                    let member = &m.field.member;
                    fields.extend(quote!(#member: #decode,));
                }
            }
        }
    }
    let value = quote!(Self { #fields });
    in_block(windows, value)
}

fn to_values(units: &[Unit]) -> TokenStream {
    let statements = units.iter().map(|unit| match &unit.kind {
        Kind::Field(field) => {
            let (member, to_values) = (&field.member, unit.access.item("to_values"));
            quote!(#to_values(&self.#member, __out);)
        }
        Kind::Bits(run) => {
            // `to_values` cannot fail: a value that does not fit (which
            // `encode` refuses) is cut to its bits.
            let window = run.window_cut(|m| {
                let member = &m.field.member;
                quote!(&self.#member)
            });
            let bytes = run.bytes(quote!(__w));
            let to_values = unit.access.item("to_values");
            quote!({
                let __w: u64 = #window;
                #to_values(&#bytes, __out);
            })
        }
    });
    quote!(#(#statements)*)
}

fn from_values(input: &Struct, units: &[Unit]) -> TokenStream {
    let mut windows = TokenStream::new();
    let mut fields = TokenStream::new();
    for (i, unit) in units.iter().enumerate() {
        let start = value_index(i);
        let from_values = unit.access.item("from_values");
        let values = quote!(#from_values(&__values[#start..], __first + #start, __order)?);
        match &unit.kind {
            Kind::Field(field) => {
                let member = &field.member;
                fields.extend(quote!(#member: #values,));
            }
            Kind::Bits(run) => {
                let (w, bytes) = (window(i), format_ident!("__bytes{}", i));
                let (read, ty) = (run.read(quote!(&#bytes), quote!(0)), run.bytes_type());
                windows.extend(quote! {
                    let #bytes: #ty = #values;
                    let #w: u64 = #read;
                });
                for (m, [_, _, checked]) in run.fields(&w) {
                    let (member, p) = (&m.field.member, path(input, m.field));
                    fields.extend(
                        quote!(#member: #checked.map_err(|e| __np::in_field_encoding(e, #p))?,),
                    );
                }
            }
        }
    }
    let value = quote!(::core::result::Result::Ok(Self { #fields }));
    in_block(windows, value)
}

/// `value`, after the statements `windows` if there are any.
fn in_block(windows: TokenStream, value: TokenStream) -> TokenStream {
    if windows.is_empty() {
        value
    } else {
        quote!({ #windows #value })
    }
}
