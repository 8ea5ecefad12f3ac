//! The rules a derive input must follow, each reported as a `syn::Error` spanned
//! on the tokens that break it. Everything that can be decided from the tokens is
//! decided here; what needs types (a field type's layout) is left to the `const`
//! check in the generated code.

use crate::ast::{Enum, Field, Input, Struct};
use crate::ctxt::Ctxt;
use crate::format::{self, Format, FormatValue};
use crate::primitive::{self, Primitive, Want};
use netpack_format::{Code, Order};

/// The integer types an enum may be `#[repr]`ed as.
pub(crate) const ENUM_REPRS: [&str; 8] = ["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64"];

impl Input<'_> {
    pub(crate) fn validate(&self, cx: &Ctxt) {
        check_generics(cx, self.original());
        match self {
            Input::Struct(s) => s.validate(cx),
            Input::Enum(e) => e.validate(cx),
        }
    }
}

fn check_generics(cx: &Ctxt, node: &syn::DeriveInput) {
    let generics = &node.generics;
    if !generics.params.is_empty() {
        cx.error_spanned_by(
            generics,
            "#[derive(NetPack)] does not support generic types: a layout must be fixed by the type alone",
        );
    } else if let Some(clause) = &generics.where_clause {
        cx.error_spanned_by(clause, "#[derive(NetPack)] does not support where clauses");
    }
}

impl Struct<'_> {
    fn validate(&self, cx: &Ctxt) {
        for field in &self.fields {
            field.validate(cx);
        }
        match &self.attrs.format {
            Some(lit) => {
                if let Some(order) = &self.attrs.order {
                    cx.error_spanned_by(
                        &order.lit,
                        "`order` cannot be combined with `format`: the format's first character is its order",
                    );
                }
                for field in &self.fields {
                    for pad in [&field.attrs.pad_before, &field.attrs.pad_after]
                        .into_iter()
                        .flatten()
                    {
                        cx.error_spanned_by(
                            &pad.path,
                            format!(
                                "`{}` cannot be combined with #[netpack(format = ...)]: write the pad bytes (`x`) in the format",
                                crate::attr::path_name(&pad.path)
                            ),
                        );
                    }
                }
                match Format::parse(lit) {
                    Ok(format) => self.compare(cx, &format),
                    Err(e) => cx.push(e),
                }
            }
            None => {
                let order = self.order();
                if !order.is_native() {
                    for field in &self.fields {
                        field.check_standard(cx);
                    }
                }
            }
        }
    }

    /// The order of a struct without `format`.
    pub(crate) fn order(&self) -> Order {
        self.attrs
            .order
            .as_ref()
            .map_or(Order::Network, |order| order.order)
    }

    /// When every field's layout is known from its spelling, compares the fields
    /// with the explicit format now, so the error names the field, the code it
    /// packs as and the code the format has.
    fn compare(&self, cx: &Ctxt, format: &Format) {
        let Some(wanted) = self
            .fields
            .iter()
            .map(Field::wants)
            .collect::<Option<Vec<_>>>()
        else {
            return;
        };
        let native = format.order.is_native();
        let mut got = format.values();
        for (field, wants) in self.fields.iter().zip(&wanted) {
            for want in wants {
                let want_text = format::describe(want.code, want.count);
                let Some(value) = got.next() else {
                    cx.error_spanned_by(
                        field.name_tokens(),
                        format!(
                            "field `{}` does not match the format: it packs as `{want_text}` but the format \"{}\" has no value left for it",
                            field.name(),
                            format.text()
                        ),
                    );
                    return;
                };
                if !fits(want, &value, native) {
                    cx.error_spanned_by(
                        field.name_tokens(),
                        format!(
                            "field `{}` does not match the format: the format has `{}` at format position {} where the field packs as `{want_text}`{}",
                            field.name(),
                            value.describe(),
                            value.position,
                            hint(field, &value),
                        ),
                    );
                    return;
                }
            }
        }
        if got.next().is_some() {
            let taken: usize = wanted.iter().map(Vec::len).sum();
            cx.error_spanned_by(
                &format.lit,
                format!(
                    "the format has {} values but the fields of `{}` take {taken}",
                    format.value_count(),
                    self.ident()
                ),
            );
        }
    }
}

/// Whether a format value can hold a field value: the same kind of code, and the
/// same size (the same length for `s`). Native sizes of C's `int`, `long` and
/// pointers are the target's, so those are left to the `const` check.
fn fits(want: &Want, got: &FormatValue, native: bool) -> bool {
    let code = got.code.as_char();
    if want.code == b's' {
        return got.code == Code::Bytes && got.count == want.count;
    }
    if class(want.code) != class(code) {
        return false;
    }
    if native && matches!(code, b'i' | b'I' | b'l' | b'L' | b'n' | b'N' | b'P') {
        return true;
    }
    got.size == want.size
}

fn class(code: u8) -> u8 {
    match code {
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => b'i',
        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => b'u',
        c => c,
    }
}

/// A suggestion when the format has a code that an attribute would give.
fn hint(field: &Field, got: &FormatValue) -> &'static str {
    let prim = Primitive::of(field.ty);
    let plain = field.attrs.code_keys().is_empty();
    match got.code {
        Code::Char if plain && prim == Some(Primitive::U8) => {
            " (add #[netpack(c)] to pack the u8 as `c`)"
        }
        Code::Half if plain && prim == Some(Primitive::F32) => {
            " (add #[netpack(e)] to pack the f32 as `e`)"
        }
        _ => "",
    }
}

impl Field<'_> {
    fn validate(&self, cx: &Ctxt) {
        let keys = self.attrs.code_keys();
        if let [first, rest @ ..] = keys.as_slice() {
            for other in rest {
                cx.error_spanned_by(
                    other,
                    format!(
                        "conflicting attributes `{}` and `{}`: a field has one code",
                        crate::attr::path_name(first),
                        crate::attr::path_name(other)
                    ),
                );
            }
        }
        if keys.len() > 1 {
            return;
        }
        let prim = Primitive::of(self.ty);
        if let (Some(c), Some(prim)) = (&self.attrs.c, prim) {
            if prim != Primitive::U8 {
                cx.error_spanned_by(c, "#[netpack(c)] needs a `u8` field");
            }
        }
        if let (Some(e), Some(prim)) = (&self.attrs.e, prim) {
            if prim != Primitive::F32 {
                cx.error_spanned_by(e, "#[netpack(e)] needs an `f32` field");
            }
        }
        if let (Some(code), Some(prim)) = (&self.attrs.code, prim) {
            let signed = matches!(class(code.code), b'i');
            match prim.signed() {
                None => cx.error_spanned_by(&code.path, "`code = ...` needs an integer field"),
                Some(s) if s != signed => cx.error_spanned_by(
                    &code.lit,
                    format!(
                        "code `{}` is {} but the field is {}",
                        char::from(code.code),
                        if signed { "signed" } else { "unsigned" },
                        if s { "signed" } else { "unsigned" },
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    /// Rejects what only native order has (`isize`, `usize`, codes `n N P`) in a
    /// struct of standard order.
    fn check_standard(&self, cx: &Ctxt) {
        const FIX: &str =
            "exists only in native order: add #[netpack(order = \"@\")] to the struct";
        match &self.attrs.code {
            Some(code) => {
                if matches!(code.code, b'n' | b'N' | b'P') {
                    cx.error_spanned_by(
                        &code.lit,
                        format!("code `{}` {FIX}", char::from(code.code)),
                    );
                }
            }
            None => {
                if Primitive::of(self.ty).is_some_and(Primitive::native_only) {
                    let ty = self.ty;
                    cx.error_spanned_by(ty, format!("`{}` {FIX}", quote::quote!(#ty)));
                }
            }
        }
    }

    /// The values the field packs, when its spelling and attributes tell them.
    fn wants(&self) -> Option<Vec<Want>> {
        let one = |code, size| {
            Some(vec![Want {
                code,
                count: 1,
                size,
            }])
        };
        if self.attrs.c.is_some() {
            one(b'c', 1)
        } else if self.attrs.e.is_some() {
            one(b'e', 2)
        } else if let Some(code) = &self.attrs.code {
            one(code.code, Primitive::of(self.ty)?.size()?)
        } else {
            primitive::values(self.ty)
        }
    }
}

impl Enum<'_> {
    fn validate(&self, cx: &Ctxt) {
        if let Some(format) = &self.attrs.format {
            cx.error_spanned_by(
                format,
                "`format` is not supported on enums: an enum packs as its #[repr] integer; use `order`",
            );
        }
        let ints: Vec<_> = self
            .repr
            .iter()
            .filter(|word| {
                let word = word.to_string();
                ENUM_REPRS.contains(&word.as_str())
                    || matches!(word.as_str(), "u128" | "i128" | "usize" | "isize")
            })
            .collect();
        match ints.as_slice() {
            [] => cx.error_spanned_by(
                self.ident(),
                "#[derive(NetPack)] on an enum needs an integer #[repr]: one of u8, i8, u16, i16, u32, i32, u64, i64",
            ),
            [one, ..] if !ENUM_REPRS.contains(&one.to_string().as_str()) => cx.error_spanned_by(
                one,
                format!("#[repr({one})] is not supported by #[derive(NetPack)]: use one of u8, i8, u16, i16, u32, i32, u64, i64"),
            ),
            _ => {}
        }
        if self.variants.is_empty() {
            cx.error_spanned_by(
                self.ident(),
                "#[derive(NetPack)] needs at least one variant: an enum without variants has no value to unpack",
            );
        }
        for variant in &self.variants {
            if !variant.fields.is_empty() {
                cx.error_spanned_by(
                    &variant.fields,
                    format!(
                        "#[derive(NetPack)] supports only field-less enums: variant `{}` has fields",
                        variant.ident
                    ),
                );
            }
        }
    }

    /// The `#[repr]` integer type (after `validate`).
    pub(crate) fn repr(&self) -> Option<&syn::Ident> {
        self.repr
            .iter()
            .find(|word| ENUM_REPRS.contains(&word.to_string().as_str()))
    }
}
