//! The field attributes built on the expression language ([`crate::expr`]) and
//! on user code: `len = "ihl * 4 - 20"` (a length expression), `if = "…"` (a
//! conditional part), `count = "…"`, `until = "path"`, `until_end`
//! (repetition), `align = N` (padding after a variable field) and
//! `with = "path"` (a custom field codec). Parsed here, next to the shared
//! parser in `attr.rs`, which hands them over with one call.

use crate::attr::{path_name, set, string_value, Pad};
use crate::ctxt::Ctxt;
use crate::expr::{self, Parsed};
use syn::meta::ParseNestedMeta;
use syn::{Lit, LitStr, Path};

/// The keys of this module, for the list of known keys.
pub(crate) const KEYS: &[&str] = &["if", "count", "until", "until_end", "align", "with"];

/// `key = "expression"`.
pub(crate) struct ExprAttr {
    pub path: Path,
    pub parsed: Parsed,
}

/// `key = "path::to::item"`.
pub(crate) struct PathAttr {
    pub path: Path,
    pub lit: LitStr,
    pub target: Path,
}

/// The attributes of this module on one field.
#[derive(Default)]
pub(crate) struct More {
    /// `if = "flags & 1 != 0"`: an `Option<T>` present when it holds.
    pub cond: Option<ExprAttr>,
    /// `count = "n"`: a `Vec<T>` of `n` messages.
    pub count: Option<ExprAttr>,
    /// `until = "Label::is_last"`: a `Vec<T>` up to the element for which
    /// the function says `true`, that element included.
    pub until: Option<PathAttr>,
    /// `until_end`: a `Vec<T>` of messages up to the end of the input.
    pub until_end: Option<Path>,
    /// `align = 2`: zero bytes after the field up to a multiple of 2 bytes
    /// from the start of the message.
    pub align: Option<Pad>,
    /// `with = "DnsName"`: a `FieldCodec` decodes and encodes the field.
    pub with: Option<PathAttr>,
    /// `len = "ihl * 4 - 20"`: the expression, when `len` is more than a name.
    pub len_expr: Option<Parsed>,
}

/// Parses `meta` if it is one of this module's keys; `Ok(false)` otherwise.
pub(crate) fn parse(cx: &Ctxt, meta: &ParseNestedMeta, out: &mut More) -> syn::Result<bool> {
    let path = meta.path.clone();
    let key = path_name(&path);
    match key.as_str() {
        "if" | "count" => {
            let lit = string(meta, &key)?;
            let slot = if key == "if" {
                &mut out.cond
            } else {
                &mut out.count
            };
            if let Some(parsed) = parse_expr(cx, &lit) {
                set(cx, meta, slot, ExprAttr { path, parsed });
            }
        }
        "until" | "with" => {
            let lit = string(meta, &key)?;
            let target: Path = lit.parse().map_err(|_| {
                syn::Error::new_spanned(
                    &lit,
                    format!("expected a path: `{key} = \"module::Item\"`"),
                )
            })?;
            let slot = if key == "until" {
                &mut out.until
            } else {
                &mut out.with
            };
            set(cx, meta, slot, PathAttr { path, lit, target });
        }
        "until_end" => {
            if meta.input.peek(syn::Token![=]) {
                return Err(meta.error("`until_end` takes no value: write #[netpack(until_end)]"));
            }
            set(cx, meta, &mut out.until_end, path);
        }
        "align" => {
            let count = match meta.value()?.parse::<Lit>()? {
                Lit::Int(lit) if lit.suffix().is_empty() => lit.base10_parse::<usize>()?,
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        "expected a number of bytes: `align = 2`",
                    ))
                }
            };
            set(cx, meta, &mut out.align, Pad { path, count });
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// After the shared parser: the expression of a `len` that is more than a
/// field name.
pub(crate) fn finish(cx: &Ctxt, len: Option<&LitStr>, out: &mut More) {
    if let Some(lit) = len {
        if syn::parse_str::<syn::Ident>(&lit.value()).is_err() {
            out.len_expr = parse_expr(cx, lit);
        }
    }
}

fn parse_expr(cx: &Ctxt, lit: &LitStr) -> Option<Parsed> {
    match expr::parse(&lit.value()) {
        Ok(expr) => Some(Parsed {
            expr,
            lit: lit.clone(),
        }),
        Err(e) => {
            cx.push(expr::error_at(lit, e.at, &e.message));
            None
        }
    }
}

fn string(meta: &ParseNestedMeta, key: &str) -> syn::Result<LitStr> {
    string_value(meta, &format!("{key} = \"…\""))
}
