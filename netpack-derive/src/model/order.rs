//! The byte order of a message chosen at run time: given by the caller
//! (`#[netpack(order = "runtime")]`, then `T::decode_with(bytes, order)`), or
//! selected by a field (`#[netpack(order_by = "pcap_order")]`, a function of the
//! field's value, as a pcap file's magic selects its order).
//!
//! The fields up to the selecting one are read before the order is known, so
//! they must read the same in either order: bytes only (`u8`, `i8`,
//! `[u8; N]`), checked here from their spelling.

use crate::ast::Field;
use crate::ctxt::Ctxt;
use crate::primitive::Primitive;
use syn::meta::ParseNestedMeta;
use syn::{Lit, Path, Type};

/// `order_by = "path"`: the function from the field's value to its order.
pub(crate) struct OrderBy {
    pub path: Path,
    pub func: Path,
}

/// Parses the value of `order_by = "path::to::function"`.
pub(crate) fn parse_order_by(meta: &ParseNestedMeta) -> syn::Result<OrderBy> {
    let example = "expected a function's path: `order_by = \"pcap_order\"`, with `fn pcap_order(magic: &[u8; 4]) -> Option<netpack::ByteOrder>`";
    let func = match meta.value()?.parse::<Lit>()? {
        Lit::Str(s) => s
            .parse::<Path>()
            .map_err(|_| syn::Error::new_spanned(&s, example))?,
        other => return Err(syn::Error::new_spanned(other, example)),
    };
    Ok(OrderBy {
        path: meta.path.clone(),
        func,
    })
}

/// Whether a type reads the same in either byte order, from its spelling.
fn order_free(ty: &Type) -> bool {
    match ty {
        Type::Array(array) => order_free(&array.elem),
        Type::Paren(p) => order_free(&p.elem),
        Type::Group(g) => order_free(&g.elem),
        _ => matches!(Primitive::of(ty), Some(Primitive::U8 | Primitive::I8)),
    }
}

/// The rules of `order_by` among a message's `fields`: at most one such field,
/// fixed, with no `order` on the type, and nothing before it (nor itself) that
/// reads differently in the other order.
pub(crate) fn check_order_by(cx: &Ctxt, order_written: Option<&syn::LitStr>, fields: &[Field]) {
    let mut selectors = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.attrs.order_by.as_ref().map(|o| (i, f, o)));
    let Some((at, field, order_by)) = selectors.next() else {
        return;
    };
    for (_, _, again) in selectors {
        cx.error_spanned_by(
            &again.path,
            "only one field can select the byte order with `order_by`",
        );
    }
    if let Some(lit) = order_written {
        cx.error_spanned_by(
            lit,
            format!(
                "`order` cannot be combined with `order_by`: field `{}` selects the byte order",
                field.name()
            ),
        );
    }
    if field.is_variable() {
        cx.error_spanned_by(
            &order_by.path,
            "`order_by` needs a fixed field (`u8`, `[u8; 4]`, …): its value selects the order of what follows",
        );
    }
    for (i, f) in fields[..=at].iter().enumerate() {
        if !order_free(f.ty) || !f.attrs.code_keys().is_empty() {
            let ty = f.ty;
            let why = if i == at {
                format!("field `{}` selects the byte order", f.name())
            } else {
                format!(
                    "field `{}` is read before field `{}` selects the byte order",
                    f.name(),
                    field.name()
                )
            };
            cx.error_spanned_by(
                ty,
                format!(
                    "{why}, so it must read the same in either order: bytes (`u8`, `i8`, `[u8; N]`), not `{}`",
                    quote::quote!(#ty)
                ),
            );
        }
    }
}
