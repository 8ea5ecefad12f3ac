//! The `PARTS` text of a message: the parts as a Python programmer writes them,
//! `struct.pack("!H", opcode) + filename.encode() + b"\0"`. Each function gives
//! the pieces of one part; formats of nested types are `const` expressions,
//! joined at compile time.

use super::field::Access;
use super::tokens::lit;
use crate::ast::{Field, Length};
use crate::parts::Item;
use crate::primitive::{self, VarKind};
use netpack_format::Order;
use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::Ident;

/// A field as the text names it: its name, or `_0` in a tuple.
pub(super) fn name(field: &Field) -> String {
    match &field.member {
        syn::Member::Named(_) => field.name(),
        syn::Member::Unnamed(index) => format!("_{}", index.index),
    }
}

/// `struct.pack("<format>", a, len(b))` for a run whose format is `format`.
pub(super) fn run(format: &Ident, items: &[Item]) -> Vec<TokenStream> {
    let mut out = vec![quote!("struct.pack(\""), quote!(#format), quote!("\", ")];
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(quote!(", "));
        }
        match item {
            Item::Field(f) => {
                let values = Access::of(f).item("VALUES");
                out.push(quote!(__np::star(#values)));
                out.push(lit(&name(f)).to_token_stream());
            }
            Item::Prefix(f, _) => out.push(lit(&format!("len({})", name(f))).to_token_stream()),
        }
    }
    out.push(quote!(")"));
    out
}

/// A variable field: `name`, `name.encode()` for text, a join of records, and
/// the terminator of a NUL-terminated field.
pub(super) fn var(field: &Field, order: Order) -> Vec<TokenStream> {
    let name = name(field);
    let mut out = match (field.length(), primitive::var_kind(field.ty)) {
        (Length::Message, _) | (_, Some(VarKind::Bytes) | None) => {
            vec![lit(&name).to_token_stream()]
        }
        (_, Some(VarKind::Text)) => vec![lit(&format!("{name}.encode()")).to_token_stream()],
        (_, Some(VarKind::Records(elem))) => {
            let head = lit(&format!(
                "b\"\".join(struct.pack(\"{}",
                char::from(order.prefix())
            ));
            let tail = lit(&format!("e) for e in {name})"));
            vec![
                quote!(#head),
                quote!(__np::format_body(<#elem as ::netpack::NetPack>::FORMAT)),
                quote!("\", "),
                quote!(__np::star(<#elem as ::netpack::NetPack>::__VALUES)),
                quote!(#tail),
            ]
        }
    };
    if let Length::Nul = field.length() {
        out.push(quote!(" + b\"\\0\""));
    }
    out
}

/// A tag: `struct.pack("!B", 1)`, the tag format being `__TAG_FORMAT`.
pub(super) fn tag(value: &str) -> Vec<TokenStream> {
    let value = lit(value);
    vec![
        quote!("struct.pack(\""),
        quote!(__TAG_FORMAT),
        quote!("\", "),
        quote!(#value),
        quote!(")"),
    ]
}

/// `pieces` joined with `separator` between groups.
pub(super) fn join(groups: Vec<Vec<TokenStream>>, separator: &str) -> Vec<TokenStream> {
    let mut out = Vec::new();
    for (i, group) in groups.into_iter().enumerate() {
        if i > 0 {
            out.push(lit(separator).to_token_stream());
        }
        out.extend(group);
    }
    out
}

/// The `const`s of the text, `__PARTS` its `&str`.
pub(super) fn consts(pieces: &[TokenStream]) -> TokenStream {
    quote! {
        const __PIECES: &[&str] = &[#(#pieces),*];
        const __PARTS_TEXT: __np::ConstVec<u8, { __np::text_len(__PIECES) }> =
            __np::ConstVec::joined(__PIECES);
        const __PARTS: &str = __PARTS_TEXT.as_str();
    }
}
