//! A magic part: constant bytes, written on encode and compared on decode; a
//! mismatch is a `BadMagic` error at the offset where the magic starts.

use super::message_body::{field_path, Cx, PartCode};
use super::tokens::{self, lit};
use crate::ast::Field;
use crate::model::magic::{self, Magic};
use proc_macro2::Literal;
use quote::{format_ident, quote, ToTokens};

/// The magic of the message (`field` is `None`) or of the field it comes before.
pub(super) fn part(cx: &Cx, k: usize, magic: &Magic, field: Option<&Field>) -> PartCode {
    let name = format_ident!("__M{}_{}", cx.id, k);
    let bytes = Literal::byte_string(&magic.bytes);
    let n = tokens::int(magic.bytes.len());
    let path = match field {
        Some(field) => field_path(cx, field),
        None => lit(&cx.path),
    };
    let decode = quote! {
        __np::check_magic(__buf, __pos, #name).map_err(|e| __np::in_field(e, #path, __pos))?;
        __pos += #n;
    };
    PartCode {
        consts: quote!(const #name: &[u8] = #bytes;),
        text: vec![lit(&magic::python_literal(&magic.bytes)).to_token_stream()],
        ..PartCode::fixed(quote!(#n), quote!(__out.extend_from_slice(#name);), decode)
    }
}
