//! The derive's model of its input: the struct or enum with its parsed
//! attributes, borrowing the syn nodes so errors can point at what the user wrote,
//! and what the attributes mean: a type's byte order, an enum's integer type, a
//! field's encoding and where a variable field's length comes from.
//!
//! Code generation reads this model and [`crate::parts`]; it never looks at
//! attributes itself. A new field attribute (bit fields, `with = "path"`,
//! computed lengths) is a new [`Encoding`] or [`Length`] here.

use crate::attr::{self, CodeAttr};
use crate::ctxt::Ctxt;
use netpack_format::Order;
use syn::ext::IdentExt;
use syn::{Data, DataEnum, DataStruct, DeriveInput, Fields, Ident, Index, LitStr, Member, Type};

/// The integer types an enum may be `#[repr]`ed as.
pub(crate) const ENUM_REPRS: [&str; 8] = ["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64"];

/// How a fixed field's value becomes its format items.
pub(crate) enum Encoding<'a> {
    /// The field type's own `NetPack` layout.
    Own,
    /// `c`: a `u8` as a one-byte `bytes` value.
    Char,
    /// `e`: an `f32` as a half float.
    Half,
    /// `code = "l"`: the type's own bytes under another integer code.
    Code(&'a CodeAttr),
}

/// Where a field's length comes from: fixed by its type, or one of the ways a
/// variable-length field says how long it is.
pub(crate) enum Length<'a> {
    /// A fixed field: its type's `SIZE`.
    Fixed,
    /// `len = "field"`: an earlier integer field holds it.
    Field(&'a LitStr),
    /// `len_prefix = "H"`: written just before the data.
    Prefix(&'a CodeAttr),
    /// `nul`: a NUL terminator ends it.
    Nul,
    /// `rest`: the end of the input ends it.
    Rest,
    /// `message`: the nested message's own parts say it.
    Message,
    /// `len = "ihl * 4 - 20"`: an expression over earlier fields.
    Expr(&'a crate::expr::Parsed),
    /// `if = "flags & 1 != 0"`: an `Option<T>`, present when it holds.
    Cond(&'a crate::expr::Parsed),
    /// `count`, `until`, `until_end`: a `Vec<T>` of messages.
    Repeat(Repeat<'a>),
    /// `with = "Codec"`: a user's `FieldCodec`.
    With(&'a crate::attr_ext::PathAttr),
}

/// How a repetition ends.
#[derive(Clone, Copy)]
pub(crate) enum Repeat<'a> {
    /// `count = "n"`: after `n` elements.
    Count(&'a crate::expr::Parsed),
    /// `until = "path"`: after the element the function accepts.
    Until(&'a crate::attr_ext::PathAttr),
    /// `until_end`: at the end of the input.
    End,
}

/// Where a message's byte order comes from.
pub(crate) enum RuntimeOrder<'f> {
    /// Its attributes fix it (`order = "<"`, or network order).
    Fixed,
    /// The caller gives it: `order = "runtime"`.
    Given,
    /// This field's value selects it: `order_by = "…"`.
    Selected(&'f Field<'f>),
}

pub(crate) enum Input<'a> {
    Struct(Struct<'a>),
    Enum(Enum<'a>),
}

/// A struct with named fields, a tuple struct or a unit struct.
pub(crate) struct Struct<'a> {
    pub original: &'a DeriveInput,
    pub attrs: attr::Container,
    pub fields: Vec<Field<'a>>,
}

pub(crate) struct Field<'a> {
    pub original: &'a syn::Field,
    pub attrs: attr::Field,
    pub member: Member,
    pub ty: &'a Type,
}

/// The index of the field named `name` (as the user knows it: `opcode`, or
/// `0` in a tuple struct).
pub(crate) fn position(fields: &[Field], name: &str) -> Option<usize> {
    fields.iter().position(|f| f.name() == name)
}

/// The field named `name`.
pub(crate) fn by_name<'f>(fields: &'f [Field<'f>], name: &str) -> Option<&'f Field<'f>> {
    position(fields, name).map(|i| &fields[i])
}

/// The fields whose length the field named `name` holds (`len = "name"`).
pub(crate) fn counted_by_name<'f>(
    fields: &'f [Field<'f>],
    name: &str,
) -> impl Iterator<Item = &'f Field<'f>> + 'f {
    let name = name.to_string();
    fields
        .iter()
        .filter(move |f| matches!(f.length(), Length::Field(n) if n.value() == name))
}

/// An enum: field-less with an integer `#[repr]` (a fixed layout, perhaps with
/// a catch-all variant), or tagged with `#[netpack(tag = "H")]` (a message).
pub(crate) struct Enum<'a> {
    pub original: &'a DeriveInput,
    pub attrs: attr::Container,
    /// The words of its `#[repr(...)]` attributes (`u8`, `C`, …).
    pub repr: Vec<Ident>,
    pub variants: Vec<Variant<'a>>,
}

pub(crate) struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub attrs: attr::Variant,
    pub fields: Vec<Field<'a>>,
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &Ctxt, node: &'a DeriveInput) -> syn::Result<Input<'a>> {
        match &node.data {
            Data::Struct(data) => Ok(Input::Struct(Struct::from_syn(cx, node, data))),
            Data::Enum(data) => Ok(Input::Enum(Enum::from_syn(cx, node, data))),
            Data::Union(data) => Err(syn::Error::new_spanned(
                data.union_token,
                "#[derive(NetPack)] does not support unions: use a struct or a field-less enum",
            )),
        }
    }

    pub(crate) fn original(&self) -> &'a DeriveInput {
        match self {
            Input::Struct(s) => s.original,
            Input::Enum(e) => e.original,
        }
    }

    /// Whether the input is a message (variable fields or a tag), which may
    /// have one lifetime parameter.
    pub(crate) fn is_message(&self) -> bool {
        match self {
            Input::Struct(s) => s.is_message(),
            Input::Enum(e) => e.is_tagged(),
        }
    }
}

impl<'a> Struct<'a> {
    fn from_syn(cx: &Ctxt, node: &'a DeriveInput, data: &'a DataStruct) -> Struct<'a> {
        Struct {
            original: node,
            attrs: attr::container(cx, &node.attrs),
            fields: Field::multiple_from_syn(cx, &data.fields),
        }
    }

    pub(crate) fn ident(&self) -> &'a Ident {
        &self.original.ident
    }

    /// Whether a field has a variable length, or the type or a field has an
    /// attribute only a message has (`magic`, `order = "runtime"`, `order_by`):
    /// the struct is then a message.
    pub(crate) fn is_message(&self) -> bool {
        self.attrs.runtime.is_some()
            || self.attrs.magic.is_some()
            || self
                .fields
                .iter()
                .any(|f| f.is_variable() || f.only_in_messages())
    }

    /// Whether the byte order is chosen at run time: given by the caller
    /// (`order = "runtime"`) or selected by a field (`order_by`).
    pub(crate) fn runtime_order(&self) -> RuntimeOrder<'_> {
        match self.fields.iter().find(|f| f.attrs.order_by.is_some()) {
            Some(field) => RuntimeOrder::Selected(field),
            None if self.attrs.runtime.is_some() => RuntimeOrder::Given,
            None => RuntimeOrder::Fixed,
        }
    }

    /// The byte order: `order = …`, or network order.
    pub(crate) fn order(&self) -> Order {
        self.attrs.order()
    }
}

impl<'a> Field<'a> {
    fn multiple_from_syn(cx: &Ctxt, fields: &'a Fields) -> Vec<Field<'a>> {
        fields
            .iter()
            .enumerate()
            .map(|(i, node)| Field {
                original: node,
                attrs: attr::field(cx, &node.attrs),
                member: match &node.ident {
                    Some(ident) => Member::Named(ident.clone()),
                    None => Member::Unnamed(Index::from(i)),
                },
                ty: &node.ty,
            })
            .collect()
    }

    /// The field's name as the user knows it: `opcode`, or `0` in a tuple struct.
    pub(crate) fn name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    /// How the field's value is encoded (for a fixed field).
    pub(crate) fn encoding(&self) -> Encoding<'_> {
        let attrs = &self.attrs;
        if attrs.c.is_some() {
            Encoding::Char
        } else if attrs.e.is_some() {
            Encoding::Half
        } else if let Some(code) = &attrs.code {
            Encoding::Code(code)
        } else {
            Encoding::Own
        }
    }

    /// Where the field's length comes from (the first length attribute, once
    /// validation has refused more than one).
    pub(crate) fn length(&self) -> Length<'_> {
        let more = &self.attrs.more;
        if let Some(parsed) = &more.len_expr {
            return Length::Expr(parsed);
        }
        match self.attrs.kinds().into_iter().next() {
            Some(attr::Kind::Ext) => {
                if let Some(cond) = &more.cond {
                    Length::Cond(&cond.parsed)
                } else if let Some(count) = &more.count {
                    Length::Repeat(Repeat::Count(&count.parsed))
                } else if let Some(until) = &more.until {
                    Length::Repeat(Repeat::Until(until))
                } else if let Some(with) = &more.with {
                    Length::With(with)
                } else {
                    Length::Repeat(Repeat::End)
                }
            }
            None => Length::Fixed,
            Some(attr::Kind::Len(name)) => Length::Field(name),
            Some(attr::Kind::Prefix(code)) => Length::Prefix(code),
            Some(attr::Kind::Nul(_)) => Length::Nul,
            Some(attr::Kind::Rest(_)) => Length::Rest,
            Some(attr::Kind::Message) => Length::Message,
        }
    }

    /// Whether the field has an attribute or a type only a message has: magic
    /// before it, `order_by`, a checksum.
    pub(crate) fn only_in_messages(&self) -> bool {
        let a = &self.attrs;
        a.magic.is_some()
            || a.order_by.is_some()
            || a.checksum.is_some()
            || crate::model::checksum::checksum_type(self.ty).is_some()
    }

    /// Whether the field has a variable length.
    pub(crate) fn is_variable(&self) -> bool {
        !matches!(self.length(), Length::Fixed)
    }

    /// The tokens to point at for an error about the field as a whole: its name,
    /// or its type in a tuple struct.
    pub(crate) fn name_tokens(&self) -> proc_macro2::TokenStream {
        match &self.original.ident {
            Some(ident) => quote::quote!(#ident),
            None => {
                let ty = self.ty;
                quote::quote!(#ty)
            }
        }
    }
}

impl<'a> Enum<'a> {
    fn from_syn(cx: &Ctxt, node: &'a DeriveInput, data: &'a DataEnum) -> Enum<'a> {
        let variants = data
            .variants
            .iter()
            .map(|variant| Variant {
                original: variant,
                attrs: attr::variant(cx, &variant.attrs),
                fields: Field::multiple_from_syn(cx, &variant.fields),
            })
            .collect();
        Enum {
            original: node,
            attrs: attr::container(cx, &node.attrs),
            repr: repr_words(cx, &node.attrs),
            variants,
        }
    }

    pub(crate) fn ident(&self) -> &'a Ident {
        &self.original.ident
    }

    /// Whether the enum is tagged (`#[netpack(tag = "H")]`): a message.
    pub(crate) fn is_tagged(&self) -> bool {
        self.attrs.tag.is_some()
    }

    /// The catch-all variant, if one is marked `#[netpack(other)]`.
    pub(crate) fn other(&self) -> Option<&Variant<'a>> {
        self.variants.iter().find(|v| v.attrs.other.is_some())
    }

    /// The byte order: `order = …`, or network order.
    pub(crate) fn order(&self) -> Order {
        self.attrs.order()
    }

    /// The `#[repr]` integer type of a field-less enum, if it has a supported one.
    pub(crate) fn repr(&self) -> Option<&Ident> {
        self.repr
            .iter()
            .find(|word| ENUM_REPRS.contains(&word.to_string().as_str()))
    }
}

impl Variant<'_> {
    pub(crate) fn ident(&self) -> &Ident {
        &self.original.ident
    }

    /// A variant whose one unnamed field, without attributes, is a whole
    /// message: `Read(Request)`.
    pub(crate) fn is_newtype(&self) -> bool {
        matches!(self.original.fields, syn::Fields::Unnamed(_))
            && self.fields.len() == 1
            && !self.fields[0].is_variable()
            && self.fields[0].attrs.max.is_none()
    }
}

/// The Rust type of a standard integer code's values: a tag's type.
pub(crate) fn int_type(code: u8) -> &'static str {
    match code {
        b'b' => "i8",
        b'B' => "u8",
        b'h' => "i16",
        b'H' => "u16",
        b'i' | b'l' => "i32",
        b'I' | b'L' => "u32",
        b'q' => "i64",
        _ => "u64",
    }
}

/// The words of `#[repr(...)]`: `#[repr(u8)]` gives `u8`, `#[repr(C, align(4))]`
/// gives `C` and `align`.
fn repr_words(cx: &Ctxt, attrs: &[syn::Attribute]) -> Vec<Ident> {
    let mut words = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("repr")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.input.peek(syn::token::Paren) {
                let _content;
                syn::parenthesized!(_content in meta.input);
            }
            if let Some(ident) = meta.path.get_ident() {
                words.push(ident.clone());
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    words
}

/// The `T` of `Option<T>` or `Vec<T>`, as validation has checked it is.
pub(crate) fn inner_type<'t>(ty: &'t syn::Type, outer: &str) -> Option<&'t syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != outer {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) if args.args.len() == 1 => match &args.args[0] {
            syn::GenericArgument::Type(inner) => Some(inner),
            _ => None,
        },
        _ => None,
    }
}
