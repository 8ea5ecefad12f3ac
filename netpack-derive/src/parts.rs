//! The model of a message's parts: its fields cut into runs of fixed fields
//! (each one Python `struct` format, the length prefixes of the variable fields
//! that follow written among them) and the variable fields between them, in
//! wire order. Code generation walks this list; a new kind of part (a run of
//! bit fields, a magic value, a checksum, alignment padding) is a new [`Item`]
//! or [`Part`] here.

use crate::ast::{Field, Length};
use crate::attr::CodeAttr;

/// One part of a message, in wire order.
pub(crate) enum Part<'f> {
    /// Fixed items, encoded as one format.
    Run(Vec<Item<'f>>),
    /// A variable-length field.
    Var(&'f Field<'f>),
}

/// One item of a run.
pub(crate) enum Item<'f> {
    /// A fixed field.
    Field(&'f Field<'f>),
    /// The length prefix of variable field `.0`, with its code.
    Prefix(&'f Field<'f>, &'f CodeAttr),
}

impl<'f> Item<'f> {
    /// The field the item belongs to.
    pub(crate) fn field(&self) -> &'f Field<'f> {
        match *self {
            Item::Field(f) | Item::Prefix(f, _) => f,
        }
    }
}

/// The parts of `fields`, in wire order.
pub(crate) fn parts<'f>(fields: &'f [Field<'f>]) -> Vec<Part<'f>> {
    let mut out = Vec::new();
    let mut run = Vec::new();
    for field in fields {
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

/// The field a `len = "name"` attribute names, among `fields`.
pub(crate) fn length_field<'f>(
    fields: &'f [Field<'f>],
    name: &syn::LitStr,
) -> Option<&'f Field<'f>> {
    fields.iter().find(|f| f.name() == name.value())
}
