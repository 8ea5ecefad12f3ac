//! The model of bit fields: `#[netpack(bits = N)]` fields grouped into runs,
//! each run one Python `bitstruct` format of whole bytes, and the rules a run
//! must follow (each a spanned error).
//!
//! A run is the longest stretch of consecutive bit fields, cut at a byte
//! boundary where it would pass 64 bits (one 64-bit window). Its format is
//! rendered from the fields (`u4u4u6u2`, a field's code from its type at
//! compile time) and parsed by `netpack_format::bits::Parser` in the generated
//! code's `const` evaluation: the derive never computes a bit offset itself.
//!
//! `bit_order = "lsb"` lays a run out as C compilers do on little-endian
//! machines (ctypes' `LittleEndianStructure`): the first field in the least
//! significant bits of a little-endian integer of the run's size. That is
//! bitstruct's format of the fields in reverse order, byte-swapped
//! (`bitstruct.byteswap("2", bitstruct.pack("u12u4", b, a))`), which is how it
//! is rendered.

use crate::ast::{Field, Input};
use crate::attr::{self, Pad};
use crate::ctxt::Ctxt;
use netpack_format::Order;
use syn::meta::ParseNestedMeta;
use syn::{Lit, LitStr};

/// The widest run: one `u64` window.
pub(crate) const MAX_RUN_BITS: usize = 64;

/// `bit_order = "msb"` or `"lsb"`.
pub(crate) struct BitOrderAttr {
    pub lsb: bool,
    pub lit: LitStr,
}

impl BitOrderAttr {
    pub(crate) fn parse(lit: LitStr) -> syn::Result<BitOrderAttr> {
        match lit.value().as_str() {
            "msb" => Ok(BitOrderAttr { lsb: false, lit }),
            "lsb" => Ok(BitOrderAttr { lsb: true, lit }),
            _ => Err(syn::Error::new_spanned(
                lit,
                "expected \"msb\" (most significant bit first, as bitstruct and network headers) or \"lsb\" (C bit fields on a little-endian machine)",
            )),
        }
    }
}

/// The value of `bits = N`, `pad_bits_before = N` or `pad_bits_after = N`.
pub(crate) fn bit_count(meta: &ParseNestedMeta) -> syn::Result<usize> {
    let name = attr::path_name(&meta.path);
    let lit = meta.value()?.parse::<Lit>()?;
    let n = match &lit {
        Lit::Int(int) if int.suffix().is_empty() => int.base10_parse::<usize>().ok(),
        _ => None,
    };
    match n {
        Some(n @ 1..=MAX_RUN_BITS) => Ok(n),
        _ => Err(syn::Error::new_spanned(
            lit,
            format!("expected a number of bits from 1 to 64: `{name} = 4`"),
        )),
    }
}

/// One bit field of a run.
pub(crate) struct Member<'a> {
    pub field: &'a Field<'a>,
    pub bits: usize,
    pub pad_before: usize,
    pub pad_after: usize,
}

impl Member<'_> {
    fn total(&self) -> usize {
        self.pad_before + self.bits + self.pad_after
    }
}

/// A run of bit fields: whole bytes, at most 64 bits.
pub(crate) struct Run<'a> {
    /// The fields, in declaration order.
    pub members: Vec<Member<'a>>,
    /// Least significant bit first (`bit_order = "lsb"`).
    pub lsb: bool,
}

impl Run<'_> {
    /// The run's length in bits.
    pub(crate) fn bits(&self) -> usize {
        self.members.iter().map(Member::total).sum()
    }

    /// The members in the order the bitstruct format lists them: declaration
    /// order, or reversed for `lsb`; with each member's pads in that order.
    pub(crate) fn rendered(&self) -> Vec<(&Member<'_>, usize, usize)> {
        let mut out: Vec<_> = self
            .members
            .iter()
            .map(|m| (m, m.pad_before, m.pad_after))
            .collect();
        if self.lsb {
            out.reverse();
            for m in &mut out {
                (m.1, m.2) = (m.2, m.1);
            }
        }
        out
    }

    /// The slot (index in the rendered format's fields) of member `i`.
    pub(crate) fn slot(&self, i: usize) -> usize {
        if self.lsb {
            self.members.len() - 1 - i
        } else {
            i
        }
    }

    /// `` `a`, `b` `` for errors.
    fn names(&self) -> String {
        let names: Vec<String> = self
            .members
            .iter()
            .map(|m| format!("`{}`", m.field.name()))
            .collect();
        names.join(", ")
    }
}

impl attr::Container {
    /// Whether bit fields are least significant bit first.
    pub(crate) fn lsb(&self) -> bool {
        self.bit_order.as_ref().is_some_and(|o| o.lsb)
    }
}

/// A fixed field or a run of bit fields.
pub(crate) enum Segment<'a> {
    Field(&'a Field<'a>),
    Bits(Run<'a>),
}

fn member<'a>(field: &'a Field<'a>) -> Option<Member<'a>> {
    let count = |p: &Option<Pad>| p.as_ref().map_or(0, |p| p.count);
    let attrs = &field.attrs;
    attrs.bits.as_ref().map(|bits| Member {
        field,
        bits: bits.count,
        pad_before: count(&attrs.pad_bits_before),
        pad_after: count(&attrs.pad_bits_after),
    })
}

/// The fields as the layout walks them: fixed fields and runs of bit fields.
/// Before validation a run may not end on a byte boundary, or may pass 64 bits
/// where no byte boundary is.
pub(crate) fn segments<'a>(fields: &'a [Field<'a>], lsb: bool) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut run: Vec<Member> = Vec::new();
    let mut total: usize = 0;
    let close = |run: &mut Vec<Member<'a>>, out: &mut Vec<Segment<'a>>| {
        if !run.is_empty() {
            let members = std::mem::take(run);
            out.push(Segment::Bits(Run { members, lsb }));
        }
    };
    for field in fields {
        match member(field) {
            Some(m) => {
                if total.is_multiple_of(8) && total > 0 && total + m.total() > MAX_RUN_BITS {
                    close(&mut run, &mut out);
                    total = 0;
                }
                total += m.total();
                run.push(m);
            }
            None => {
                close(&mut run, &mut out);
                total = 0;
                out.push(Segment::Field(field));
            }
        }
    }
    close(&mut run, &mut out);
    out
}

/// Whether any field is a bit field.
pub(crate) fn has_bits(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.attrs.bits.is_some())
}

/// The rules of bit fields, for any input.
pub(crate) fn validate(cx: &Ctxt, input: &Input) {
    match input {
        Input::Struct(s) => {
            let attrs = &s.attrs;
            if let (Some(format), true) = (&attrs.format, has_bits(&s.fields)) {
                cx.error_spanned_by(
                    format,
                    "bit fields cannot be combined with #[netpack(format = ...)]: a struct format has no bit fields; leave the format to the derive",
                );
            }
            validate_fields(cx, &s.fields, attrs);
        }
        Input::Enum(e) => {
            if e.is_tagged() {
                for variant in &e.variants {
                    validate_fields(cx, &variant.fields, &e.attrs);
                }
            } else if let Some(order) = &e.attrs.bit_order {
                cx.error_spanned_by(
                    &order.lit,
                    "`bit_order` orders the bit fields of a struct: a field-less enum has none (give the field that holds it `bits = N`)",
                );
            }
        }
    }
}

fn validate_fields(cx: &Ctxt, fields: &[Field], container: &attr::Container) {
    for field in fields {
        validate_field(cx, field);
    }
    let lsb = container.lsb();
    if let Some(order) = &container.bit_order {
        if !has_bits(fields) {
            cx.error_spanned_by(&order.lit, "`bit_order` without bit fields: add `bits = N` to the fields it orders, or remove it");
        }
        if order.lsb && container.order() != Order::Little {
            cx.error_spanned_by(
                &order.lit,
                "bit_order = \"lsb\" is the layout of C bit fields on a little-endian machine (ctypes.LittleEndianStructure) and needs #[netpack(order = \"<\")]: least significant bit first in a big-endian layout has no reference to check it against",
            );
        }
    }
    for segment in segments(fields, lsb) {
        if let Segment::Bits(run) = segment {
            validate_run(cx, &run);
        }
    }
}

fn validate_field(cx: &Ctxt, field: &Field) {
    let attrs = &field.attrs;
    let Some(bits) = &attrs.bits else {
        for pad in [&attrs.pad_bits_before, &attrs.pad_bits_after]
            .into_iter()
            .flatten()
        {
            cx.error_spanned_by(
                &pad.path,
                format!(
                    "`{}` pads a bit field: add `bits = N` to `{}`, or use `pad_before`/`pad_after` for whole bytes",
                    attr::path_name(&pad.path),
                    field.name()
                ),
            );
        }
        return;
    };
    let mut others: Vec<&syn::Path> = attrs.code_keys();
    others.extend(attrs.pad_before.as_ref().map(|p| &p.path));
    others.extend(attrs.pad_after.as_ref().map(|p| &p.path));
    others.extend(attrs.max.as_ref().map(|m| &m.path));
    for other in others {
        cx.error_spanned_by(
            other,
            format!(
                "`{}` cannot be combined with `bits`: a bit field is the field's value in {} bits",
                attr::path_name(other),
                bits.count
            ),
        );
    }
    if field.is_variable() {
        cx.error_spanned_by(
            &bits.path,
            "`bits` makes a fixed field of a few bits: it cannot be combined with `len`, `len_prefix`, `nul`, `rest` or `message`",
        );
    }
}

fn validate_run(cx: &Ctxt, run: &Run) {
    let total = run.bits();
    let last = &run.members[run.members.len() - 1];
    if !total.is_multiple_of(8) {
        let missing = 8 - total % 8;
        let unit = if missing == 1 { "bit" } else { "bits" };
        cx.error_spanned_by(
            last.field.name_tokens(),
            format!(
                "the bit fields {} make {total} bits, which does not end on a byte boundary: add {missing} {unit} (a field, or #[netpack(pad_bits_after = {missing})] on `{}`)",
                run.names(),
                last.field.name()
            ),
        );
    } else if total > MAX_RUN_BITS {
        cx.error_spanned_by(
            last.field.name_tokens(),
            format!(
                "the bit fields {} make {total} bits with no byte boundary to cut them at within 64 bits: a run of bit fields is read as one 64-bit word",
                run.names()
            ),
        );
    } else if run.lsb && !matches!(total, 8 | 16 | 32 | 64) {
        cx.error_spanned_by(
            last.field.name_tokens(),
            format!(
                "the bit fields {} make {total} bits: least significant bit first, a run is a C storage unit of 8, 16, 32 or 64 bits (as ctypes lays bit fields out)",
                run.names()
            ),
        );
    }
}
