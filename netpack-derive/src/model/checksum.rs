//! Checksum fields: `#[netpack(checksum = "crc32")] crc: Checksum<u32>`, the
//! algorithm (`"internet"`, RFC 1071; `"crc32"`, `zlib.crc32`; or a function's
//! path, `fn(&[u8]) -> T`) and the fields it covers (`over = "kind..=data"`,
//! either end left out for the message's own; by default everything before the
//! checksum).

use crate::ast::Field;
use crate::ctxt::Ctxt;
use syn::meta::ParseNestedMeta;
use syn::{Lit, LitStr, Path, Type};

/// The algorithm of a checksum field.
pub(crate) enum Algorithm {
    /// RFC 1071.
    Internet,
    /// `zlib.crc32`.
    Crc32,
    /// A user's `fn(&[u8]) -> T`.
    Function(Path),
}

/// `checksum = "…"`.
pub(crate) struct ChecksumAttr {
    pub path: Path,
    pub algorithm: Algorithm,
}

/// `over = "first..=last"`: the names of the first and last fields covered.
pub(crate) struct Over {
    pub lit: LitStr,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Parses `checksum = "crc32"`.
pub(crate) fn parse_checksum(meta: &ParseNestedMeta) -> syn::Result<ChecksumAttr> {
    let example = "expected `checksum = \"internet\"` (RFC 1071), `checksum = \"crc32\"` (zlib.crc32) or a function's path, `checksum = \"my_sum\"` with `fn my_sum(bytes: &[u8]) -> u16`";
    let lit = match meta.value()?.parse::<Lit>()? {
        Lit::Str(s) => s,
        other => return Err(syn::Error::new_spanned(other, example)),
    };
    let algorithm = match lit.value().as_str() {
        "internet" => Algorithm::Internet,
        "crc32" => Algorithm::Crc32,
        _ => Algorithm::Function(
            lit.parse::<Path>()
                .map_err(|_| syn::Error::new_spanned(&lit, example))?,
        ),
    };
    Ok(ChecksumAttr {
        path: meta.path.clone(),
        algorithm,
    })
}

/// Parses `over = "kind..=data"` (or `"kind.."`, `"..=data"`).
pub(crate) fn parse_over(meta: &ParseNestedMeta) -> syn::Result<Over> {
    let example = "expected the fields a checksum covers: `over = \"first..=last\"`, `over = \"first..\"` (up to the checksum) or `over = \"..=last\"` (from the message's start)";
    let lit = match meta.value()?.parse::<Lit>()? {
        Lit::Str(s) => s,
        other => return Err(syn::Error::new_spanned(other, example)),
    };
    let text = lit.value();
    let (first, last) = if let Some((a, b)) = text.split_once("..=") {
        (a.trim(), Some(b.trim()))
    } else if let Some(a) = text.strip_suffix("..") {
        (a.trim(), None)
    } else {
        return Err(syn::Error::new_spanned(&lit, example));
    };
    if last == Some("") || (first.is_empty() && last.is_none()) {
        return Err(syn::Error::new_spanned(&lit, example));
    }
    let name = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Ok(Over {
        first: name(first),
        last: last.and_then(name),
        lit,
    })
}

/// The integer type inside a field spelled `Checksum<T>`; `Some(Err(ty))` for a
/// `Checksum` of anything else.
pub(crate) fn checksum_type(ty: &Type) -> Option<Result<&Type, &Type>> {
    super::wrapped_integer(ty, "Checksum").map(|r| r.map(|(inner, _)| inner))
}

/// The first and last field indices a checksum at `at` covers (`None` for the
/// message's start, or for the field just before the checksum).
pub(crate) fn range(fields: &[Field], at: usize) -> (Option<usize>, Option<usize>) {
    match &fields[at].attrs.over {
        None => (None, None),
        Some(over) => (
            over.first
                .as_deref()
                .and_then(|n| crate::ast::position(fields, n)),
            over.last
                .as_deref()
                .and_then(|n| crate::ast::position(fields, n)),
        ),
    }
}

/// The rules of checksum fields: `Checksum<int>` with a `checksum`, no other
/// attribute, and a range of fields that exist, in order.
pub(crate) fn check_checksums(cx: &Ctxt, fields: &[Field]) {
    for (at, field) in fields.iter().enumerate() {
        let a = &field.attrs;
        let ty = checksum_type(field.ty);
        match (&a.checksum, ty) {
            (None, None) => {
                if let Some(over) = &a.over {
                    cx.error_spanned_by(
                        &over.lit,
                        "`over` names what a checksum covers: add `checksum = \"…\"`",
                    );
                }
                continue;
            }
            (None, Some(_)) => {
                cx.error_spanned_by(
                    field.name_tokens(),
                    format!("field `{}` is a `Checksum`: say how it is computed, #[netpack(checksum = \"crc32\")] (or \"internet\", or a function's path)", field.name()),
                );
                continue;
            }
            (Some(c), None) => {
                let t = field.ty;
                cx.error_spanned_by(
                    &c.path,
                    format!("a checksum field has type `Checksum<T>` (`netpack::Checksum<u32>`), not `{}`: its value is computed, not stored", quote::quote!(#t)),
                );
                continue;
            }
            (Some(_), Some(Err(inner))) => {
                cx.error_spanned_by(
                    inner,
                    "a checksum is an integer: `Checksum<u16>`, `Checksum<u32>`, …",
                );
                continue;
            }
            (Some(_), Some(Ok(_))) => {}
        }
        if a.lays_out() {
            cx.error_spanned_by(
                field.name_tokens(),
                format!(
                    "checksum field `{}` takes no attributes but `checksum`, `over` and `magic`",
                    field.name()
                ),
            );
        }
        let Some(over) = &a.over else { continue };
        let mut ends = Vec::new();
        for name in [&over.first, &over.last].into_iter().flatten() {
            match crate::ast::position(fields, name) {
                Some(i) => ends.push(i),
                None => cx.error_spanned_by(
                    &over.lit,
                    format!(
                        "`over`: there is no field `{name}` for checksum `{}` to cover",
                        field.name()
                    ),
                ),
            }
        }
        let (first, last) = range(fields, at);
        let last = last.unwrap_or(at.saturating_sub(1));
        if let Some(first) = first {
            if first > last || (over.last.is_none() && first >= at) {
                cx.error_spanned_by(
                    &over.lit,
                    "`over`: the first field covered comes after the last one (write `first..=last` in wire order)",
                );
            }
        }
    }
}
