//! The derive's model of its input: the struct or enum with its parsed
//! attributes, borrowing the syn nodes so errors can point at what the user wrote.

use crate::attr;
use crate::ctxt::Ctxt;
use syn::ext::IdentExt;
use syn::{Data, DataEnum, DataStruct, DeriveInput, Fields, Ident, Index, Member, Type};

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

impl Variant<'_> {
    pub(crate) fn ident(&self) -> &Ident {
        &self.original.ident
    }
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

    /// Whether a field has a variable length: the struct is then a message.
    pub(crate) fn is_message(&self) -> bool {
        self.fields.iter().any(|f| !f.attrs.kinds().is_empty())
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
