//! Field types the derive can recognise from their spelling alone (`u16`,
//! `[u8; 8]`, `[f32; 3]`). A derive sees tokens, not types, so this is only ever
//! used to give an earlier, better-placed error; the layout itself always comes
//! from the type's `NetPack` implementation in `const` evaluation.

use crate::format::MAX_VALUES;
use syn::{Expr, Lit, Type};

/// A primitive field type, by name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Primitive {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    Usize,
    Isize,
    Bool,
    F32,
    F64,
}

/// One value a field packs: its code, byte length (`s`) and element size.
#[derive(Clone, Copy)]
pub(crate) struct Want {
    pub code: u8,
    /// The byte length for `s`, 1 otherwise.
    pub count: usize,
    pub size: usize,
}

impl Primitive {
    /// The primitive `ty` names, if it is a bare primitive name.
    pub(crate) fn of(ty: &Type) -> Option<Primitive> {
        let path = match strip(ty) {
            Type::Path(p) if p.qself.is_none() => &p.path,
            _ => return None,
        };
        let name = path.get_ident()?.to_string();
        Some(match name.as_str() {
            "u8" => Primitive::U8,
            "i8" => Primitive::I8,
            "u16" => Primitive::U16,
            "i16" => Primitive::I16,
            "u32" => Primitive::U32,
            "i32" => Primitive::I32,
            "u64" => Primitive::U64,
            "i64" => Primitive::I64,
            "usize" => Primitive::Usize,
            "isize" => Primitive::Isize,
            "bool" => Primitive::Bool,
            "f32" => Primitive::F32,
            "f64" => Primitive::F64,
            _ => return None,
        })
    }

    /// The code of the type's own `NetPack` layout.
    pub(crate) fn code(self) -> u8 {
        match self {
            Primitive::U8 => b'B',
            Primitive::I8 => b'b',
            Primitive::U16 => b'H',
            Primitive::I16 => b'h',
            Primitive::U32 => b'I',
            Primitive::I32 => b'i',
            Primitive::U64 => b'Q',
            Primitive::I64 => b'q',
            Primitive::Usize => b'N',
            Primitive::Isize => b'n',
            Primitive::Bool => b'?',
            Primitive::F32 => b'f',
            Primitive::F64 => b'd',
        }
    }

    /// The size in bytes, where it does not depend on the target.
    pub(crate) fn size(self) -> Option<usize> {
        match self {
            Primitive::U8 | Primitive::I8 | Primitive::Bool => Some(1),
            Primitive::U16 | Primitive::I16 => Some(2),
            Primitive::U32 | Primitive::I32 | Primitive::F32 => Some(4),
            Primitive::U64 | Primitive::I64 | Primitive::F64 => Some(8),
            Primitive::Usize | Primitive::Isize => None,
        }
    }

    /// `Some(true)` for signed integers, `Some(false)` for unsigned, `None` for
    /// the rest.
    pub(crate) fn signed(self) -> Option<bool> {
        match self {
            Primitive::I8 | Primitive::I16 | Primitive::I32 | Primitive::I64 => Some(true),
            Primitive::Isize => Some(true),
            Primitive::U8 | Primitive::U16 | Primitive::U32 | Primitive::U64 => Some(false),
            Primitive::Usize => Some(false),
            Primitive::Bool | Primitive::F32 | Primitive::F64 => None,
        }
    }

    /// Whether the type exists only in native mode (`n`, `N`).
    pub(crate) fn native_only(self) -> bool {
        matches!(self, Primitive::Usize | Primitive::Isize)
    }
}

/// The values a field of type `ty` packs, when its spelling tells them: a
/// primitive, or an array of them with a literal length.
pub(crate) fn values(ty: &Type) -> Option<Vec<Want>> {
    let values = match strip(ty) {
        Type::Array(array) => {
            let len = literal_len(&array.len)?;
            if Primitive::of(&array.elem) == Some(Primitive::U8) {
                vec![Want {
                    code: b's',
                    count: len,
                    size: 0,
                }]
            } else {
                let one = values(&array.elem)?;
                if one.len().checked_mul(len)? > MAX_VALUES {
                    return None;
                }
                one.repeat(len)
            }
        }
        _ => {
            let prim = Primitive::of(ty)?;
            vec![Want {
                code: prim.code(),
                count: 1,
                size: prim.size()?,
            }]
        }
    };
    Some(values)
}

fn literal_len(len: &Expr) -> Option<usize> {
    match len {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) => int.base10_parse().ok(),
            _ => None,
        },
        Expr::Group(group) => literal_len(&group.expr),
        Expr::Paren(paren) => literal_len(&paren.expr),
        _ => None,
    }
}

/// `ty` without parentheses and invisible groups (from `macro_rules!`).
fn strip(ty: &Type) -> &Type {
    match ty {
        Type::Paren(p) => strip(&p.elem),
        Type::Group(g) => strip(&g.elem),
        _ => ty,
    }
}

/// What a variable-length field holds, when its spelling tells.
pub(crate) enum VarKind<'a> {
    /// `Vec<u8>`, `&[u8]`.
    Bytes,
    /// `String`, `&str`.
    Text,
    /// `Vec<T>` or `Packed<'a, T>` of records `T`.
    Records(&'a Type),
}

/// The kind of a variable-length field type, from its spelling.
pub(crate) fn var_kind(ty: &Type) -> Option<VarKind<'_>> {
    match strip(ty) {
        Type::Reference(r) => match strip(&r.elem) {
            Type::Slice(s) if Primitive::of(&s.elem) == Some(Primitive::U8) => Some(VarKind::Bytes),
            Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => Some(VarKind::Text),
            _ => None,
        },
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            let arg = match &last.arguments {
                syn::PathArguments::AngleBracketed(args) => {
                    args.args.iter().find_map(|a| match a {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    })
                }
                _ => None,
            };
            match (name.as_str(), arg) {
                ("String", None) => Some(VarKind::Text),
                ("Vec", Some(t)) if Primitive::of(t) == Some(Primitive::U8) => Some(VarKind::Bytes),
                ("Vec" | "Packed", Some(t)) => Some(VarKind::Records(t)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The largest value of an integer type, when it is small enough to bound a
/// reader (at most 16 bits; see `netpack::__private::code_bound`).
pub(crate) fn small_bound(prim: Primitive) -> Option<usize> {
    match prim {
        Primitive::U8 => Some(255),
        Primitive::I8 => Some(127),
        Primitive::U16 => Some(65535),
        Primitive::I16 => Some(32767),
        _ => None,
    }
}
