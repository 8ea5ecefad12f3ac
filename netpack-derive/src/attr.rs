//! `#[netpack(...)]` attributes, parsed once with each key allowed at most once.
//! The tokens the user wrote are kept for error spans; whether keys fit together
//! is decided in `valid.rs`.

use crate::ctxt::Ctxt;
use netpack_format::Order;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Lit, LitStr, Path};

const CONTAINER_KEYS: &str = "`order` or `format`";
const FIELD_KEYS: &str = "`pad_before`, `pad_after`, `c`, `e` or `code`";

/// The attributes of a struct or enum.
#[derive(Default)]
pub(crate) struct Container {
    /// `order = "!"`.
    pub order: Option<OrderAttr>,
    /// `format = "!H8sb"`.
    pub format: Option<LitStr>,
}

/// `order = "…"`: the prefix, and the literal for spans.
pub(crate) struct OrderAttr {
    pub order: Order,
    pub lit: LitStr,
}

/// The attributes of a field.
#[derive(Default)]
pub(crate) struct Field {
    /// `pad_before = N`.
    pub pad_before: Option<Pad>,
    /// `pad_after = N`.
    pub pad_after: Option<Pad>,
    /// `c`: a `u8` packed as a one-byte `bytes` value.
    pub c: Option<Path>,
    /// `e`: an `f32` packed as a half float.
    pub e: Option<Path>,
    /// `code = "l"`: another integer code.
    pub code: Option<CodeAttr>,
}

/// `pad_before = N` or `pad_after = N`.
pub(crate) struct Pad {
    pub path: Path,
    pub count: usize,
}

/// `code = "l"`.
pub(crate) struct CodeAttr {
    pub path: Path,
    pub code: u8,
    pub lit: Lit,
}

impl Field {
    /// The code-changing attributes present (`c`, `e`, `code`), for conflict
    /// checks.
    pub(crate) fn code_keys(&self) -> Vec<&Path> {
        let code = self.code.as_ref().map(|a| &a.path);
        [self.c.as_ref(), self.e.as_ref(), code]
            .into_iter()
            .flatten()
            .collect()
    }
}

/// Parses the `#[netpack(...)]` attributes of a struct or enum.
pub(crate) fn container(cx: &Ctxt, attrs: &[Attribute]) -> Container {
    let mut out = Container::default();
    for attr in netpack_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("order") {
                let lit = string_value(&meta, "order = \"!\"")?;
                match order(&lit) {
                    Some(order) => set(cx, &meta, &mut out.order, OrderAttr { order, lit }),
                    None => cx.error_spanned_by(
                        &lit,
                        "expected one of \"@\", \"=\", \"<\", \">\" or \"!\" (the byte order prefixes of Python's struct)",
                    ),
                }
            } else if meta.path.is_ident("format") {
                let lit = string_value(&meta, "format = \"!H8sb\"")?;
                set(cx, &meta, &mut out.format, lit);
            } else if is_field_key(&meta.path) {
                skip_value(&meta)?;
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "`{}` is a field attribute: put it on a field",
                        path_name(&meta.path)
                    ),
                );
            } else {
                return Err(unknown(&meta, "container", CONTAINER_KEYS));
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    out
}

/// Parses the `#[netpack(...)]` attributes of a field.
pub(crate) fn field(cx: &Ctxt, attrs: &[Attribute]) -> Field {
    let mut out = Field::default();
    for attr in netpack_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            let path = meta.path.clone();
            if path.is_ident("pad_before") || path.is_ident("pad_after") {
                let count = pad_count(&meta)?;
                let slot = if path.is_ident("pad_before") {
                    &mut out.pad_before
                } else {
                    &mut out.pad_after
                };
                set(cx, &meta, slot, Pad { path, count });
            } else if path.is_ident("c") {
                no_value(&meta)?;
                set(cx, &meta, &mut out.c, path);
            } else if path.is_ident("e") {
                no_value(&meta)?;
                set(cx, &meta, &mut out.e, path);
            } else if path.is_ident("code") {
                let (code, lit) = code_value(&meta)?;
                set(cx, &meta, &mut out.code, CodeAttr { path, code, lit });
            } else if is_container_key(&path) {
                skip_value(&meta)?;
                cx.error_spanned_by(
                    &path,
                    format!(
                        "`{}` is a container attribute: put it on the struct",
                        path_name(&path)
                    ),
                );
            } else {
                return Err(unknown(&meta, "field", FIELD_KEYS));
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    out
}

/// Rejects `#[netpack(...)]` where it has no meaning (enum variants).
pub(crate) fn none(cx: &Ctxt, attrs: &[Attribute], place: &str) {
    for attr in netpack_attrs(attrs) {
        cx.error_spanned_by(attr, format!("#[netpack(...)] is not supported on {place}"));
    }
}

fn netpack_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("netpack"))
}

/// Stores `value` in `slot`, or reports the key as a duplicate.
fn set<T>(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) {
    if slot.is_some() {
        cx.error_spanned_by(
            &meta.path,
            format!("duplicate #[netpack({})] attribute", path_name(&meta.path)),
        );
    } else {
        *slot = Some(value);
    }
}

fn order(lit: &LitStr) -> Option<Order> {
    match lit.value().as_bytes() {
        [byte] => Order::from_prefix(*byte),
        _ => None,
    }
}

fn string_value(meta: &ParseNestedMeta, example: &str) -> syn::Result<LitStr> {
    match meta.value()?.parse::<Lit>()? {
        Lit::Str(lit) => Ok(lit),
        other => Err(syn::Error::new_spanned(
            other,
            format!("expected a string literal: `{example}`"),
        )),
    }
}

fn pad_count(meta: &ParseNestedMeta) -> syn::Result<usize> {
    let name = path_name(&meta.path);
    match meta.value()?.parse::<Lit>()? {
        Lit::Int(lit) if lit.suffix().is_empty() => lit.base10_parse(),
        other => Err(syn::Error::new_spanned(
            other,
            format!("expected a number of pad bytes: `{name} = 2`"),
        )),
    }
}

/// The `code = "l"` value: one integer format code (a char literal also works).
fn code_value(meta: &ParseNestedMeta) -> syn::Result<(u8, Lit)> {
    let lit = meta.value()?.parse::<Lit>()?;
    let text = match &lit {
        Lit::Str(s) => s.value(),
        Lit::Char(c) => c.value().to_string(),
        _ => String::new(),
    };
    match text.as_bytes() {
        [code @ (b'b' | b'B' | b'h' | b'H' | b'i' | b'I' | b'l' | b'L' | b'q' | b'Q' | b'n'
        | b'N' | b'P')] => Ok((*code, lit)),
        _ => Err(syn::Error::new_spanned(
            lit,
            "expected one integer format code: \"b\", \"B\", \"h\", \"H\", \"i\", \"I\", \"l\", \"L\", \"q\", \"Q\", \"n\", \"N\" or \"P\"",
        )),
    }
}

fn no_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!(
            "`{}` takes no value: write #[netpack({})]",
            path_name(&meta.path),
            path_name(&meta.path)
        )));
    }
    Ok(())
}

/// Consumes `= value` after a key that is reported as misplaced.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    }
    Ok(())
}

fn unknown(meta: &ParseNestedMeta, place: &str, keys: &str) -> syn::Error {
    meta.error(format!(
        "unknown netpack {place} attribute `{}`; expected {keys}",
        path_name(&meta.path)
    ))
}

fn is_container_key(path: &Path) -> bool {
    path.is_ident("order") || path.is_ident("format")
}

fn is_field_key(path: &Path) -> bool {
    ["pad_before", "pad_after", "c", "e", "code"]
        .iter()
        .any(|key| path.is_ident(key))
}

pub(crate) fn path_name(path: &Path) -> String {
    quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "")
}
