//! Checksum fields. The checksum's bytes are written as zeros where the field
//! stands and filled in once the whole message is encoded; decoding reads the
//! value where it stands and compares once the whole message is decoded. The
//! ends of the range it covers are marks between parts: `__from_<name>` and
//! `__to_<name>`, offsets in the output (encoding) or the input (decoding);
//! `__ck_<name>` is where the checksum itself is.

use super::message_body::{binding, field_path, Cx, PartCode};
use super::tokens::lit;
use crate::ast::Field;
use crate::model::checksum::{checksum_type, Algorithm, ChecksumAttr};
use crate::parts::{Mark, Part};
use crate::primitive::Primitive;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

/// The locals of checksum `field`: where it is, and its range's ends.
fn locals(field: &Field) -> (Ident, Ident, Ident, Ident) {
    let name = match &field.member {
        syn::Member::Named(ident) => ident.unraw().to_string(),
        syn::Member::Unnamed(index) => index.index.to_string(),
    };
    (
        format_ident!("__ck_{}", name),
        format_ident!("__found_{}", name),
        format_ident!("__from_{}", name),
        format_ident!("__to_{}", name),
    )
}

/// The integer type of a checksum field (validated to be `Checksum<int>`).
fn inner(field: &Field) -> TokenStream {
    match checksum_type(field.ty) {
        Some(Ok(inner)) => inner.to_token_stream(),
        _ => quote!(u32),
    }
}

/// A mark: the offset where a checksum's range starts or ends.
pub(super) fn mark_part(field: &Field, mark: Mark) -> PartCode {
    let (_, _, from, to) = locals(field);
    let local = if mark == Mark::Start { from } else { to };
    PartCode::fixed(
        quote!(0),
        quote!(let #local: usize = __out.len();),
        quote!(let #local: usize = __pos;),
    )
}

/// The checksum field where it stands: zeros when encoding, the value found
/// when decoding.
pub(super) fn checksum_part(cx: &Cx, field: &Field) -> PartCode {
    let (ck, found, _, _) = locals(field);
    let (inner, b, ty, p) = (
        inner(field),
        binding(field),
        field.ty,
        field_path(cx, field),
    );
    let np = quote!(<#inner as ::netpack::NetPack>);
    let encode = quote! {
        let #ck: usize = __out.len();
        __out.resize(#ck + #np::SIZE, 0);
    };
    let decode = quote! {
        let #ck: usize = __pos;
        let __p = __np::fixed(__buf, __pos, #np::SIZE).map_err(|e| __np::in_field(e, #p, __pos))?;
        let #found: #inner = #np::__decode::<__O>(__p, #np::__OFFSETS);
        let #b: #ty = ::netpack::Checksum::new();
        __pos += #np::SIZE;
    };
    PartCode::fixed(quote!(#np::SIZE), encode, decode)
}

/// The summer of an algorithm, spanned on the attribute so that a checksum of
/// the wrong width is reported there.
fn summer(attr: &ChecksumAttr, inner: &TokenStream) -> TokenStream {
    let span = attr.path.span();
    match &attr.algorithm {
        Algorithm::Internet => quote_spanned!(span=> __np::Internet),
        Algorithm::Crc32 => quote_spanned!(span=> __np::Crc32),
        Algorithm::Function(path) => {
            quote_spanned!(path.span()=> __np::ByFunction::<#inner>(#path))
        }
    }
}

/// The statements after the last part: each checksum filled in (encoding) or
/// compared (decoding), in field order.
pub(super) fn tails(cx: &Cx, parts: &[Part]) -> (TokenStream, TokenStream) {
    let (mut encode, mut decode) = (TokenStream::new(), TokenStream::new());
    for part in parts {
        let Part::Checksum(field, attr) = part else {
            continue;
        };
        let (ck, found, from, to) = locals(field);
        let has = |mark| {
            parts
                .iter()
                .any(|q| matches!(q, Part::Mark(f, m) if std::ptr::eq(*f, *field) && *m == mark))
        };
        let (start, end) = (has(Mark::Start), has(Mark::End));
        let (inner, p) = (inner(field), field_path(cx, field));
        let np = quote!(<#inner as ::netpack::NetPack>);
        let summer = summer(attr, &inner);
        let (from_out, from_in) = if start {
            (quote!(#from), quote!(#from))
        } else {
            (quote!(__start), quote!(__start))
        };
        let to = if end { quote!(#to) } else { quote!(#ck) };
        encode.extend(quote! {
            let __sum: #inner = __np::checksum(&#summer, __out, #from_out, #to, #ck, #np::SIZE)
                .map_err(|e| __np::in_field_encoding(e, #p))?;
            #np::__encode::<__O>(&__sum, &mut __out[#ck..#ck + #np::SIZE], #np::__OFFSETS)
                .map_err(|e| __np::in_field_encoding(e, #p))?;
        });
        decode.extend(quote! {
            let __sum: #inner = __np::checksum(&#summer, __buf, #from_in, #to, #ck, #np::SIZE)
                .map_err(|e| __np::in_field(e, #p, #ck))?;
            __np::verify(__sum, #found).map_err(|e| __np::in_field(e, #p, #ck))?;
        });
    }
    (encode, decode)
}

/// The `PARTS` text of checksum part `k`: `struct.pack("!I", zlib.crc32(…))`
/// around the texts of the parts it covers (`texts`, one per part), the
/// checksum itself as zero bytes when it is inside.
/// The `struct` code and size of a checksum field's integer (`I`, 4 when the
/// type is not a `Checksum<T>`, which validation has refused already).
fn code_and_size(field: &Field) -> (u8, usize) {
    let inner = match checksum_type(field.ty) {
        Some(Ok(inner)) => Primitive::of(inner),
        _ => None,
    };
    (
        inner.map_or(b'I', Primitive::code),
        inner.and_then(Primitive::size).unwrap_or(4),
    )
}

pub(super) fn text(
    cx: &Cx,
    parts: &[Part],
    texts: &[Vec<TokenStream>],
    k: usize,
) -> Vec<TokenStream> {
    let Part::Checksum(field, attr) = &parts[k] else {
        return Vec::new();
    };
    let at = |mark| {
        parts
            .iter()
            .position(|q| matches!(q, Part::Mark(f, m) if std::ptr::eq(*f, *field) && *m == mark))
    };
    let start = at(Mark::Start).map_or(0, |i| i + 1);
    let end = at(Mark::End).unwrap_or(k);
    let (code, _) = code_and_size(field);
    let mut covered: Vec<Vec<TokenStream>> = Vec::new();
    for (j, text) in texts.iter().enumerate().take(end).skip(start) {
        match &parts[j] {
            // An earlier checksum is filled in when this one is computed; this
            // one and any later one still hold zeros.
            Part::Checksum(..) if j < k => covered.push(self::text(cx, parts, texts, j)),
            Part::Checksum(other, _) => {
                let zeros = format!("b\"{}\"", "\\0".repeat(code_and_size(other).1));
                covered.push(vec![lit(&zeros).to_token_stream()]);
            }
            _ if !text.is_empty() => covered.push(text.clone()),
            _ => {}
        }
    }
    let function = match &attr.algorithm {
        Algorithm::Internet => "internet_checksum".to_string(),
        Algorithm::Crc32 => "zlib.crc32".to_string(),
        Algorithm::Function(path) => crate::attr::path_name(path),
    };
    let head = if cx.runtime {
        format!("struct.pack(order + \"{}\", {function}(", char::from(code))
    } else {
        format!(
            "struct.pack(\"{}{}\", {function}(",
            char::from(cx.order.prefix()),
            char::from(code)
        )
    };
    let mut out = vec![lit(&head).to_token_stream()];
    if covered.is_empty() {
        out.push(quote!("b\"\""));
    }
    out.extend(super::parts_text::join(covered, " + "));
    out.push(quote!("))"));
    out
}
