//! A fixed struct: a `const` block holding the type's layout (its shape,
//! rendered or written format, value offsets and the layout check) and the
//! `NetPack` impl calling each field's encoding at constant offsets.

use super::field::{field_span, padded_shapes, Access};
use super::skeleton::NetPackImpl;
use super::{explicit_order, tokens};
use crate::ast::Struct;
use crate::format::Format;
use netpack_format::{Code, Order};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

pub(super) fn expand(input: &Struct) -> syn::Result<TokenStream> {
    let accesses: Vec<Access> = input.fields.iter().map(Access::of).collect();
    let (order, layout) = layout(input, &accesses)?;
    let name = input.ident().unraw().to_string();
    let written = input.attrs.format.is_some() || input.attrs.order.is_some();
    let order_checks = order_checks(input, &accesses, &name, order);
    let value_indices = value_indices(&accesses);
    let checked = checked(input);
    let skeleton = NetPackImpl {
        format: quote!(__CHECKED),
        shape: quote!(__SHAPE),
        offsets: quote!(__OFFSET_LIST.as_slice()),
        endian: tokens::endian(order),
        explicit_order: explicit_order(&name, order, written),
        encode: encode(input, &accesses),
        check: Some(check(input, &accesses)),
        decode: decode(input, &accesses),
        to_values: to_values(input, &accesses),
        from_values: from_values(input, &accesses),
    };
    let impl_ = skeleton.to_tokens(input.original);
    Ok(quote! {
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
fn layout(input: &Struct, accesses: &[Access]) -> syn::Result<(Order, TokenStream)> {
    let shapes = input
        .fields
        .iter()
        .zip(accesses)
        .flat_map(|(field, access)| padded_shapes(field, access));
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

/// A field whose type has another byte order written on it is refused.
fn order_checks(input: &Struct, accesses: &[Access], name: &str, order: Order) -> TokenStream {
    let prefix = tokens::byte(order.prefix());
    input
        .fields
        .iter()
        .zip(accesses)
        .map(|(field, access)| {
            let explicit = access.item("EXPLICIT_ORDER");
            quote_spanned! {field_span(field)=>
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

fn value_indices(accesses: &[Access]) -> TokenStream {
    let mut out = quote!(
        const __V0: usize = 0;
    );
    for (i, access) in accesses.iter().enumerate() {
        let (start, next) = (value_index(i), value_index(i + 1));
        let values = access.item("VALUES");
        out.extend(quote!(const #next: usize = #start + #values;));
    }
    out
}

/// `__CHECKED`, the format checked against the fields: every later `const`
/// goes through it, so a mismatch is one error, naming the field.
fn checked(input: &Struct) -> TokenStream {
    let mismatches = input.fields.iter().enumerate().map(|(i, field)| {
        let next = value_index(i + 1);
        let message = format!(
            "netpack: field `{}` does not match the format",
            field.name()
        );
        quote_spanned!(field_span(field)=> if m.value < #next { ::core::panic!(#message); })
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
fn paths(input: &Struct) -> Vec<LitStr> {
    let ty = input.ident().unraw();
    input
        .fields
        .iter()
        .map(|f| LitStr::new(&format!("{ty}.{}", f.name()), Span::call_site()))
        .collect()
}

fn encode(input: &Struct, accesses: &[Access]) -> TokenStream {
    let members = input.fields.iter().map(|f| &f.member);
    let starts = (0..accesses.len()).map(value_index);
    let encode = accesses.iter().map(|a| a.item("encode"));
    quote! {
        #(#encode::<__O>(&self.#members, __buf, &__offsets[#starts..])?;)*
        ::core::result::Result::Ok(())
    }
}

fn check(input: &Struct, accesses: &[Access]) -> TokenStream {
    let starts = (0..accesses.len()).map(value_index);
    let check = accesses.iter().map(|a| a.item("check"));
    let paths = paths(input);
    // The field's path and offset are named only on the error path.
    quote! {
        #(#check::<__O>(__buf, &__offsets[#starts..]).map_err(|e| {
            let at = match __offsets.get(#starts) {
                ::core::option::Option::Some(at) => *at,
                ::core::option::Option::None => 0,
            };
            __np::in_field(e, #paths, at)
        })?;)*
        ::core::result::Result::Ok(())
    }
}

fn decode(input: &Struct, accesses: &[Access]) -> TokenStream {
    let members = input.fields.iter().map(|f| &f.member);
    let starts = (0..accesses.len()).map(value_index);
    let decode = accesses.iter().map(|a| a.item("decode"));
    quote! {
        Self {
            #(#members: #decode::<__O>(__buf, &__offsets[#starts..]),)*
        }
    }
}

fn to_values(input: &Struct, accesses: &[Access]) -> TokenStream {
    let members = input.fields.iter().map(|f| &f.member);
    let to_values = accesses.iter().map(|a| a.item("to_values"));
    quote!(#(#to_values(&self.#members, __out);)*)
}

fn from_values(input: &Struct, accesses: &[Access]) -> TokenStream {
    let members = input.fields.iter().map(|f| &f.member);
    let starts: Vec<Ident> = (0..accesses.len()).map(value_index).collect();
    let from_values = accesses.iter().map(|a| a.item("from_values"));
    quote! {
        ::core::result::Result::Ok(Self {
            #(#members: #from_values(&__values[#starts..], __first + #starts, __order)?,)*
        })
    }
}
