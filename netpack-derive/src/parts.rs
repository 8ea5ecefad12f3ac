//! The model of a message's parts: its fields cut into runs of fixed fields
//! (each one Python `struct` format, the length prefixes of the variable fields
//! that follow written among them) and the variable fields between them, in
//! wire order. Code generation walks this list; a new kind of part (a run of
//! bit fields, a magic value, a checksum, alignment padding) is a new [`Item`]
//! or [`Part`] here.

use crate::ast::{Field, Length};
use crate::attr::CodeAttr;
use crate::bits::{self, Run, Segment};
use crate::model::checksum::{self, ChecksumAttr};
use crate::model::computed;
use crate::model::magic::Magic;
use crate::model::order::OrderBy;

/// One part of a message, in wire order.
pub(crate) enum Part<'f> {
    /// Fixed items, encoded as one format.
    Run(Vec<Item<'f>>),
    /// A variable-length field.
    Var(&'f Field<'f>),
    /// A run of bit fields, one bitstruct format.
    Bits(Run<'f>),
    /// Magic bytes: the message's (no field) or those before a field.
    Magic(&'f Magic, Option<&'f Field<'f>>),
    /// The point after the field whose value selects the byte order.
    Order(&'f Field<'f>, &'f OrderBy),
    /// A checksum field.
    Checksum(&'f Field<'f>, &'f ChecksumAttr),
    /// Where the range of checksum field `.0` starts or ends.
    Mark(&'f Field<'f>, Mark),
}

/// An end of a checksum's range.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Before the first field covered.
    Start,
    /// After the last field covered.
    End,
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
/// order; `lsb` orders their bit fields.
pub(crate) fn parts<'f>(
    magic: Option<&'f Magic>,
    fields: &'f [Field<'f>],
    lsb: bool,
) -> Vec<Part<'f>> {
    let mut b = Builder::default();
    b.out.extend(magic.map(|m| Part::Magic(m, None)));
    // The checksums' ranges: (checksum, first field, last field).
    let ranges: Vec<_> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.attrs.checksum.is_some())
        .map(|(at, f)| {
            let (first, last) = checksum::range(fields, at);
            (f, first, last)
        })
        .collect();
    let index = |field: &Field<'f>| fields.iter().position(|f| std::ptr::eq(f, field));
    for segment in bits::segments(fields, lsb) {
        let (first, last) = match &segment {
            Segment::Field(field) => (index(field), index(field)),
            Segment::Bits(run) => (
                run.members.first().and_then(|m| index(m.field)),
                run.members.last().and_then(|m| index(m.field)),
            ),
        };
        for (c, ..) in ranges
            .iter()
            .filter(|(_, at, _)| *at == first && first.is_some())
        {
            b.push(Part::Mark(c, Mark::Start));
        }
        match segment {
            Segment::Field(field) => b.field(fields, field),
            Segment::Bits(run) => b.push(Part::Bits(run)),
        }
        for (c, ..) in ranges
            .iter()
            .filter(|(_, _, at)| *at == last && last.is_some())
        {
            b.push(Part::Mark(c, Mark::End));
        }
    }
    b.close();
    b.out
}

/// The parts so far, and the run being filled.
#[derive(Default)]
struct Builder<'f> {
    out: Vec<Part<'f>>,
    run: Vec<Item<'f>>,
}

impl<'f> Builder<'f> {
    /// Ends the run being filled, if any.
    fn close(&mut self) {
        if !self.run.is_empty() {
            self.out.push(Part::Run(std::mem::take(&mut self.run)));
        }
    }

    /// Ends the run and adds a part of its own.
    fn push(&mut self, part: Part<'f>) {
        self.close();
        self.out.push(part);
    }

    /// The parts of one field.
    fn field(&mut self, fields: &'f [Field<'f>], field: &'f Field<'f>) {
        if let Some(magic) = &field.attrs.magic {
            self.push(Part::Magic(magic, Some(field)));
        }
        if let Some(c) = &field.attrs.checksum {
            return self.push(Part::Checksum(field, c));
        }
        if let (Length::Fixed, Some(order_by)) = (field.length(), &field.attrs.order_by) {
            self.run.push(Item::Field(field));
            return self.push(Part::Order(field, order_by));
        }
        let computed = computed::len_code(field.ty).and_then(Result::ok);
        if let (Length::Fixed, Some(code), Some(data)) = (
            field.length(),
            computed,
            computed::counted_by(fields, field),
        ) {
            return self.run.push(Item::Computed {
                len: field,
                data,
                code,
            });
        }
        match field.length() {
            Length::Fixed => self.run.push(Item::Field(field)),
            length => {
                if let Length::Prefix(code) = length {
                    self.run.push(Item::Prefix(field, code));
                }
                self.push(Part::Var(field));
            }
        }
    }
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
    crate::ast::by_name(fields, &name.value())
}
