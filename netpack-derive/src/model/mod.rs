//! The attributes added for whole file formats and protocols, each parsed and
//! checked in its own file: [`checksum`] (`checksum = "crc32"`),
//! [`computed`] (`Len<u32>`), [`magic`] (`magic = b"RIFF"`) and [`order`] (the
//! byte order given at run time, `order = "runtime"`, or selected by a field,
//! `order_by = "path"`).

pub(crate) mod checksum;
pub(crate) mod computed;
pub(crate) mod magic;
pub(crate) mod order;

use crate::primitive::Primitive;
use syn::{GenericArgument, PathArguments, Type};

/// The integer of standard size inside a field type spelled `Wrapper<T>` (a
/// computed `Len<T>`, a `Checksum<T>`): `None` for another type, `Some(Err(_))`
/// with the type to point at for a `Wrapper` of anything else.
pub(crate) fn wrapped_integer<'t>(
    ty: &'t Type,
    wrapper: &str,
) -> Option<Result<(&'t Type, Primitive), &'t Type>> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != wrapper || p.qself.is_some() {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return Some(Err(ty));
    };
    let inner = match args.args.first() {
        Some(GenericArgument::Type(inner)) if args.args.len() == 1 => inner,
        _ => return Some(Err(ty)),
    };
    Some(match Primitive::of(inner) {
        Some(prim) if prim.signed().is_some() && !prim.native_only() => Ok((inner, prim)),
        _ => Err(inner),
    })
}
