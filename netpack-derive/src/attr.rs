//! `#[netpack(...)]` attributes, parsed once with each key allowed at most once.
//! The tokens the user wrote are kept for error spans; whether keys fit together
//! is decided in `valid.rs`.

use crate::ctxt::Ctxt;
use crate::model::checksum::{self, ChecksumAttr, Over};
use crate::model::magic::{self, Magic};
use crate::model::order::{self as order_by, OrderBy};
use netpack_format::Order;
use quote::{quote, quote_spanned};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Path};

const CONTAINER_KEYS: &str = "`order`, `format`, `tag`, `bit_order` or `magic`";
const FIELD_KEYS: &str =
    "`pad_before`, `pad_after`, `c`, `e`, `code`, `len`, `len_prefix`, `nul`, `rest`, `max`, `message`, `bits`, `pad_bits_before`, `pad_bits_after`, `magic`, `order_by`, `checksum`, `over`, `if`, `count`, `until`, `until_end`, `align` or `with`";
const VARIANT_KEYS: &str = "`tag` or `other`";

/// The attributes of a struct or enum.
#[derive(Default)]
pub(crate) struct Container {
    /// `order = "!"`.
    pub order: Option<OrderAttr>,
    /// `format = "!H8sb"`.
    pub format: Option<LitStr>,
    /// `tag = "H"`: the code of a tagged enum's tag.
    pub tag: Option<CodeAttr>,
    /// `bit_order = "lsb"`: the order of the bit fields' bits.
    pub bit_order: Option<crate::bits::BitOrderAttr>,
    /// `order = "runtime"`: the byte order is given when encoding or decoding.
    pub runtime: Option<LitStr>,
    /// `magic = b"RIFF"`: the bytes the message starts with.
    pub magic: Option<Magic>,
}

/// The attributes of an enum variant.
#[derive(Default)]
pub(crate) struct Variant {
    /// `tag = 1`.
    pub tag: Option<TagValue>,
    /// `other`: the catch-all.
    pub other: Option<Path>,
}

/// `tag = 1` (or `tag = -1`): the value and the tokens for spans.
pub(crate) struct TagValue {
    pub value: i128,
    pub expr: syn::Expr,
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
    /// `len = "field"`: counted by an earlier integer field.
    pub len: Option<LitStr>,
    /// `len_prefix = "H"`: counted by an integer written just before it.
    pub len_prefix: Option<CodeAttr>,
    /// `nul`: NUL-terminated.
    pub nul: Option<Path>,
    /// `rest`: the rest of the input.
    pub rest: Option<Path>,
    /// `max = N`: a cap on the length.
    pub max: Option<Max>,
    /// `message`: a whole message of its own type.
    pub message: Option<Path>,
    /// `bits = N`: a bit field.
    pub bits: Option<Pad>,
    /// `pad_bits_before = N`: zero bits before a bit field.
    pub pad_bits_before: Option<Pad>,
    /// `pad_bits_after = N`: zero bits after a bit field.
    pub pad_bits_after: Option<Pad>,
    /// `magic = b"fmt "`: the bytes before the field.
    pub magic: Option<Magic>,
    /// `order_by = "path"`: the field's value selects the byte order.
    pub order_by: Option<OrderBy>,
    /// `checksum = "crc32"`: a checksum field.
    pub checksum: Option<ChecksumAttr>,
    /// `over = "first..=last"`: the fields a checksum covers.
    pub over: Option<Over>,
    /// Expressions, repetition, alignment and custom codecs (`attr_ext`).
    pub more: crate::attr_ext::More,
}

/// `max = N` or `max = CONSTANT`.
pub(crate) struct Max {
    pub path: Path,
    /// The cap as a `usize` expression usable in `const` and run-time code: the
    /// literal, or a block naming the constant (a type error at the constant's
    /// span when it is not a `usize`).
    pub value: proc_macro2::TokenStream,
}

/// How a variable-length field's length is found.
pub(crate) enum Kind<'a> {
    Len(&'a LitStr),
    Prefix(&'a CodeAttr),
    Nul(&'a Path),
    Rest(&'a Path),
    Message,
    /// `if`, `count`, `until`, `until_end` or `with` (`attr_ext`): the key.
    Ext,
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

impl Container {
    /// The byte order written, or network order.
    pub(crate) fn order(&self) -> Order {
        self.order.as_ref().map_or(Order::Network, |o| o.order)
    }
}

impl Field {
    /// The length attributes present (`len`, `len_prefix`, `nul`, `rest`): a
    /// field with one is a variable-length field.
    pub(crate) fn kinds(&self) -> Vec<Kind<'_>> {
        let mut out = Vec::new();
        out.extend(self.len.as_ref().map(Kind::Len));
        out.extend(self.len_prefix.as_ref().map(Kind::Prefix));
        out.extend(self.nul.as_ref().map(Kind::Nul));
        out.extend(self.rest.as_ref().map(Kind::Rest));
        out.extend(self.message.as_ref().map(|_| Kind::Message));
        let more = &self.more;
        out.extend(more.cond.as_ref().map(|_| Kind::Ext));
        out.extend(more.count.as_ref().map(|_| Kind::Ext));
        out.extend(more.until.as_ref().map(|_| Kind::Ext));
        out.extend(more.until_end.as_ref().map(|_| Kind::Ext));
        out.extend(more.with.as_ref().map(|_| Kind::Ext));
        out
    }

    /// The pad bytes written on the field (`pad_before`, `pad_after`).
    pub(crate) fn pads(&self) -> impl Iterator<Item = &Pad> {
        [&self.pad_before, &self.pad_after].into_iter().flatten()
    }

    /// Whether an attribute says how the field is laid out: a code (`c`, `e`,
    /// `code`), a length, padding or `order_by`. A field whose value the codec
    /// computes (`Len<T>`, `Checksum<T>`) takes none.
    pub(crate) fn lays_out(&self) -> bool {
        !self.code_keys().is_empty()
            || !self.kinds().is_empty()
            || self.pads().next().is_some()
            || self.order_by.is_some()
    }

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
    each_meta(cx, attrs, |meta| {
        if meta.path.is_ident("order") {
            let lit = string_value(&meta, "order = \"!\"")?;
            if lit.value() == "runtime" {
                set(cx, &meta, &mut out.runtime, lit);
                return Ok(());
            }
            match order(&lit) {
                    Some(order) => set(cx, &meta, &mut out.order, OrderAttr { order, lit }),
                    None => cx.error_spanned_by(
                        &lit,
                        "expected one of \"@\", \"=\", \"<\", \">\" or \"!\" (the byte order prefixes of Python's struct), or \"runtime\" (the order given when encoding or decoding)",
                    ),
                }
        } else if meta.path.is_ident("format") {
            let lit = string_value(&meta, "format = \"!H8sb\"")?;
            set(cx, &meta, &mut out.format, lit);
        } else if meta.path.is_ident("bit_order") {
            let lit = string_value(&meta, "bit_order = \"lsb\"")?;
            match crate::bits::BitOrderAttr::parse(lit) {
                Ok(attr) => set(cx, &meta, &mut out.bit_order, attr),
                Err(e) => cx.push(e),
            }
        } else if meta.path.is_ident("magic") {
            let value = magic::parse(&meta)?;
            set(cx, &meta, &mut out.magic, value);
        } else if meta.path.is_ident("tag") {
            let (code, lit) = code_value(&meta)?;
            let path = meta.path.clone();
            set(cx, &meta, &mut out.tag, CodeAttr { path, code, lit });
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
    out
}

/// Parses the `#[netpack(...)]` attributes of a field.
pub(crate) fn field(cx: &Ctxt, attrs: &[Attribute]) -> Field {
    let mut out = Field::default();
    each_meta(cx, attrs, |meta| {
        let path = meta.path.clone();
        if path.is_ident("pad_before") || path.is_ident("pad_after") {
            let count = pad_count(&meta)?;
            let slot = if path.is_ident("pad_before") {
                &mut out.pad_before
            } else {
                &mut out.pad_after
            };
            set(cx, &meta, slot, Pad { path, count });
        } else if path.is_ident("bits")
            || path.is_ident("pad_bits_before")
            || path.is_ident("pad_bits_after")
        {
            let count = crate::bits::bit_count(&meta)?;
            let slot = if path.is_ident("bits") {
                &mut out.bits
            } else if path.is_ident("pad_bits_before") {
                &mut out.pad_bits_before
            } else {
                &mut out.pad_bits_after
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
        } else if path.is_ident("len") {
            let lit = string_value(&meta, "len = \"length_field\"")?;
            set(cx, &meta, &mut out.len, lit);
        } else if path.is_ident("len_prefix") {
            let (code, lit) = code_value(&meta)?;
            set(cx, &meta, &mut out.len_prefix, CodeAttr { path, code, lit });
        } else if path.is_ident("nul") {
            no_value(&meta)?;
            set(cx, &meta, &mut out.nul, path);
        } else if path.is_ident("rest") {
            no_value(&meta)?;
            set(cx, &meta, &mut out.rest, path);
        } else if path.is_ident("message") {
            no_value(&meta)?;
            set(cx, &meta, &mut out.message, path);
        } else if path.is_ident("magic") {
            let value = magic::parse(&meta)?;
            set(cx, &meta, &mut out.magic, value);
        } else if path.is_ident("checksum") {
            let value = checksum::parse_checksum(&meta)?;
            set(cx, &meta, &mut out.checksum, value);
        } else if path.is_ident("over") {
            let value = checksum::parse_over(&meta)?;
            set(cx, &meta, &mut out.over, value);
        } else if path.is_ident("order_by") {
            let value = order_by::parse_order_by(&meta)?;
            set(cx, &meta, &mut out.order_by, value);
        } else if path.is_ident("max") {
            let value =
                match meta.value()?.parse::<Expr>()? {
                    Expr::Lit(ExprLit {
                        lit: Lit::Int(lit), ..
                    }) if lit.suffix().is_empty() => {
                        let n: usize = lit.base10_parse()?;
                        let n = proc_macro2::Literal::usize_unsuffixed(n);
                        quote!(#n)
                    }
                    Expr::Path(constant) if constant.qself.is_none() => {
                        let span = constant.span();
                        quote_spanned!(span=> { let max: usize = #constant; max })
                    }
                    other => return Err(syn::Error::new_spanned(
                        other,
                        "expected a length or a `usize` constant: `max = 512`, `max = MAX_NAME`",
                    )),
                };
            set(cx, &meta, &mut out.max, Max { path, value });
        } else if crate::attr_ext::parse(cx, &meta, &mut out.more)? {
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
    crate::attr_ext::finish(cx, out.len.as_ref(), &mut out.more);
    out
}

/// Parses the `#[netpack(...)]` attributes of an enum variant.
pub(crate) fn variant(cx: &Ctxt, attrs: &[Attribute]) -> Variant {
    let mut out = Variant::default();
    each_meta(cx, attrs, |meta| {
        if meta.path.is_ident("tag") {
            let expr = meta.value()?.parse::<syn::Expr>()?;
            match tag_value(&expr) {
                Some(value) => set(cx, &meta, &mut out.tag, TagValue { value, expr }),
                None => cx.error_spanned_by(&expr, "expected an integer tag: `tag = 1`"),
            }
        } else if meta.path.is_ident("other") {
            no_value(&meta)?;
            set(cx, &meta, &mut out.other, meta.path.clone());
        } else {
            return Err(unknown(&meta, "variant", VARIANT_KEYS));
        }
        Ok(())
    });
    out
}

/// An integer literal, possibly negated.
fn tag_value(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => tag_value(expr).map(|v| -v),
        syn::Expr::Group(g) => tag_value(&g.expr),
        syn::Expr::Paren(p) => tag_value(&p.expr),
        _ => None,
    }
}

/// Calls `f` on each key of the `#[netpack(...)]` attributes in `attrs`; a key
/// `f` cannot parse is an error, and the attribute's later keys are skipped.
fn each_meta(
    cx: &Ctxt,
    attrs: &[Attribute],
    mut f: impl FnMut(ParseNestedMeta) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("netpack")) {
        if let Err(e) = attr.parse_nested_meta(&mut f) {
            cx.push(e);
        }
    }
}

/// Stores `value` in `slot`, or reports the key as a duplicate.
pub(crate) fn set<T>(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) {
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

/// A string literal value, or an error showing `example`.
pub(crate) fn string_value(meta: &ParseNestedMeta, example: &str) -> syn::Result<LitStr> {
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
    path.is_ident("order") || path.is_ident("format") || path.is_ident("bit_order")
}

fn is_field_key(path: &Path) -> bool {
    [
        "pad_before",
        "pad_after",
        "c",
        "e",
        "code",
        "len",
        "len_prefix",
        "nul",
        "rest",
        "max",
        "message",
        "bits",
        "pad_bits_before",
        "pad_bits_after",
        "order_by",
        "checksum",
        "over",
    ]
    .iter()
    .chain(crate::attr_ext::KEYS)
    .any(|key| path_name(path) == *key)
}

pub(crate) fn path_name(path: &Path) -> String {
    quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "")
}
