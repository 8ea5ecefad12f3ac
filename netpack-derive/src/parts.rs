//! The model of a message's parts: its fields cut into runs of fixed fields
//! (each one Python `struct` format, the length prefixes of the variable fields
//! that follow written among them) and the variable fields between them, in
//! wire order. Code generation walks this list; a new kind of part (a run of
//! bit fields, a magic value, a checksum, alignment padding) is a new [`Item`]
//! or [`Part`] here.

use crate::ast::{Field, Length};
use crate::attr::CodeAttr;
use crate::model::computed;
use crate::model::magic::Magic;
use crate::model::order::OrderBy;

/// One part of a message, in wire order.
pub(crate) enum Part<'f> {
    /// Fixed items, encoded as one format.
    Run(Vec<Item<'f>>),
    /// A variable-length field.
    Var(&'f Field<'f>),
    /// Magic bytes: the message's (no field) or those before a field.
    Magic(&'f Magic, Option<&'f Field<'f>>),
    /// The point after the field whose value selects the byte order.
    Order(&'f Field<'f>, &'f OrderBy),
}

/// One item of a run.
pub(crate) enum Item<'f> {
    /// A fixed field.
    Field(&'f Field<'f>),
    /// The length prefix of variable field `.0`, with its code.
    Prefix(&'f Field<'f>, &'f CodeAttr),
    /// A computed length (`Len<u32>`, field `len`) holding the length of
    /// variable field `data`, with its code.
    Computed {
        len: &'f Field<'f>,
        data: &'f Field<'f>,
        code: u8,
    },
}

impl<'f> Item<'f> {
    /// The field the item belongs to.
    pub(crate) fn field(&self) -> &'f Field<'f> {
        match *self {
            Item::Field(f) | Item::Prefix(f, _) | Item::Computed { len: f, .. } => f,
        }
    }

    /// For a length item, the variable field it counts and its code.
    pub(crate) fn counts(&self) -> Option<(&'f Field<'f>, u8)> {
        match *self {
            Item::Field(_) => None,
            Item::Prefix(f, code) => Some((f, code.code)),
            Item::Computed { data, code, .. } => Some((data, code)),
        }
    }
}

/// The parts of a message starting with `magic` and then `fields`, in wire
/// order.
pub(crate) fn parts<'f>(magic: Option<&'f Magic>, fields: &'f [Field<'f>]) -> Vec<Part<'f>> {
    let mut out = Vec::new();
    out.extend(magic.map(|m| Part::Magic(m, None)));
    let mut run = Vec::new();
    for field in fields {
        if let Some(magic) = &field.attrs.magic {
            if !run.is_empty() {
                out.push(Part::Run(std::mem::take(&mut run)));
            }
            out.push(Part::Magic(magic, Some(field)));
        }
        if let (Length::Fixed, Some(order_by)) = (field.length(), &field.attrs.order_by) {
            run.push(Item::Field(field));
            out.push(Part::Run(std::mem::take(&mut run)));
            out.push(Part::Order(field, order_by));
            continue;
        }
        let computed = computed::len_code(field.ty).and_then(Result::ok);
        if let (Length::Fixed, Some(code), Some(data)) = (
            field.length(),
            computed,
            computed::counted_by(fields, field),
        ) {
            run.push(Item::Computed {
                len: field,
                data,
                code,
            });
            continue;
        }
        match field.length() {
            Length::Fixed => run.push(Item::Field(field)),
            length => {
                if let Length::Prefix(code) = length {
                    run.push(Item::Prefix(field, code));
                }
                if !run.is_empty() {
                    out.push(Part::Run(std::mem::take(&mut run)));
                }
                out.push(Part::Var(field));
            }
        }
    }
    if !run.is_empty() {
        out.push(Part::Run(run));
    }
    out
}

/// Whether `field` is a computed length (`Len<u32>`).
pub(crate) fn is_computed(field: &Field) -> bool {
    computed::len_code(field.ty).is_some()
}

/// The field a `len = "name"` attribute names, among `fields`.
pub(crate) fn length_field<'f>(
    fields: &'f [Field<'f>],
    name: &syn::LitStr,
) -> Option<&'f Field<'f>> {
    fields.iter().find(|f| f.name() == name.value())
}
