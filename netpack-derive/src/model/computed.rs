//! Computed lengths: a field of type `Len<u32>` (`netpack::Len`) that a later
//! variable field names with `len = "…"`. It is written where it stands, as a
//! length prefix is, with the data's length; decoded, it gives the data's
//! length and keeps no value.

use crate::ast::Field;
use crate::ctxt::Ctxt;
use syn::Type;

/// The integer code of a field spelled `Len<T>` (`T` an integer of standard
/// size), `Some(Err(ty))` for a `Len` of anything else.
pub(crate) fn len_code(ty: &Type) -> Option<Result<u8, &Type>> {
    super::wrapped_integer(ty, "Len").map(|r| r.map(|(_, prim)| prim.code()))
}

/// The variable field whose length a `Len` field holds.
pub(crate) fn counted_by<'f>(fields: &'f [Field<'f>], len: &Field) -> Option<&'f Field<'f>> {
    crate::ast::counted_by_name(fields, &len.name()).next()
}

/// The rules of `Len` fields: an integer inside, no attributes, and exactly
/// one later field whose `len` names it.
pub(crate) fn check_computed(cx: &Ctxt, fields: &[Field]) {
    for field in fields {
        let Some(code) = len_code(field.ty) else {
            continue;
        };
        if let Err(ty) = code {
            cx.error_spanned_by(
                ty,
                "a computed length is `Len<T>` with `T` an integer: `Len<u8>`, `Len<u16>`, `Len<u32>`, `Len<u64>` (or signed)",
            );
            continue;
        }
        let a = &field.attrs;
        if a.lays_out() {
            cx.error_spanned_by(
                field.name_tokens(),
                format!(
                    "field `{}` is a computed length: it takes no attributes (its code is its type's, `Len<u16>` is `H`)",
                    field.name()
                ),
            );
        }
        let name = field.name();
        let counting: Vec<_> = crate::ast::counted_by_name(fields, &name).collect();
        match counting.as_slice() {
            [] => cx.error_spanned_by(
                field.name_tokens(),
                format!(
                    "field `{name}` is a computed length, but no field has #[netpack(len = \"{name}\")]: put it on the field it counts"
                ),
            ),
            [_] => {}
            [_, second, ..] => cx.error_spanned_by(
                field.name_tokens(),
                format!(
                    "the computed length `{name}` counts one field, but `{}` names it too: give it a `Len` of its own",
                    second.name()
                ),
            ),
        }
    }
}
