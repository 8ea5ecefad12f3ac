//! The rules a derive input must follow, each reported as a `syn::Error` spanned
//! on the tokens that break it. Everything that can be decided from the tokens is
//! decided here; what needs types (a field type's layout) is left to the `const`
//! check in the generated code.

use crate::ast::{self, Enum, Field, Input, Struct, ENUM_REPRS};
use crate::attr::Kind;
use crate::ctxt::Ctxt;
use crate::format::{self, Format, FormatValue};
use crate::primitive::VarKind;
use crate::primitive::{self, Primitive, Want};
use netpack_format::Code;

impl Input<'_> {
    pub(crate) fn validate(&self, cx: &Ctxt) {
        check_generics(cx, self.original(), self.is_message());
        crate::bits::validate(cx, self);
        match self {
            Input::Struct(s) if s.is_message() => s.validate_message(cx),
            Input::Struct(s) => s.validate(cx),
            Input::Enum(e) if e.is_tagged() => e.validate_tagged(cx),
            Input::Enum(e) => e.validate(cx),
        }
    }
}

fn check_generics(cx: &Ctxt, node: &syn::DeriveInput, message: bool) {
    let generics = &node.generics;
    let lifetimes = generics.lifetimes().count();
    if message && lifetimes == generics.params.len() && generics.where_clause.is_none() {
        if lifetimes > 1 {
            cx.error_spanned_by(
                generics,
                "#[derive(NetPack)] supports one lifetime: the input a message borrows from",
            );
        }
        return;
    }
    if !generics.params.is_empty() {
        cx.error_spanned_by(
            generics,
            "#[derive(NetPack)] does not support generic types: a layout must be fixed by the type alone",
        );
    } else if let Some(clause) = &generics.where_clause {
        cx.error_spanned_by(clause, "#[derive(NetPack)] does not support where clauses");
    }
}

/// The integer codes a length prefix or a tag may have: standard sizes only.
const STANDARD_INTS: &[u8] = b"bBhHiIlLqQ";

/// Whether the code of `what` (`a length prefix`, `a tag`) is one of
/// [`STANDARD_INTS`]; an error at its literal when it is not.
fn check_standard_int(cx: &Ctxt, code: &crate::attr::CodeAttr, what: &str) -> bool {
    let standard = STANDARD_INTS.contains(&code.code);
    if !standard {
        cx.error_spanned_by(
            &code.lit,
            format!(
                "{what} needs a standard integer code (b, B, h, H, i, I, l, L, q, Q), not `{}`",
                char::from(code.code)
            ),
        );
    }
    standard
}

/// The range of a standard integer code.
fn code_range(code: u8) -> (i128, i128) {
    let bits = 8 * match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'l' | b'L' => 4,
        _ => 8,
    };
    if code.is_ascii_lowercase() {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    }
}

/// Rejects native alignment in a message: after a variable part, alignment
/// relative to the message start would depend on the data.
fn check_message_order(cx: &Ctxt, attrs: &crate::attr::Container, what: &str) {
    if let Some(format) = &attrs.format {
        cx.error_spanned_by(
            format,
            format!("`format` describes one fixed layout: {what} takes `order`, and each field its own layout"),
        );
    }
    if let Some(order) = &attrs.order {
        if order.order.is_native() {
            cx.error_spanned_by(
                &order.lit,
                format!("{what} cannot use native alignment \"@\": the offsets after a variable-length field depend on the data; use \"=\" for native byte order"),
            );
        }
    }
}

/// The rules for the fields of a message (a struct, or a variant of a tagged
/// enum): every fixed field as in a fixed struct, and the variable ones.
pub(crate) fn validate_message_fields(cx: &Ctxt, fields: &[Field], standard: bool) {
    for (i, field) in fields.iter().enumerate() {
        let kinds = field.attrs.kinds();
        crate::valid_ext::check_align(cx, field);
        if let Some(max) = &field.attrs.max {
            if kinds.is_empty() {
                cx.error_spanned_by(
                    &max.path,
                    "`max` caps a variable-length field: add `len`, `len_prefix`, `nul` or `rest`",
                );
            }
        }
        if let (Some(Kind::Message), Some(max)) = (kinds.first(), &field.attrs.max) {
            cx.error_spanned_by(
                &max.path,
                "`max` does not apply to a message field: its type's own caps bound it",
            );
        }
        if kinds.is_empty() {
            field.validate(cx);
            if standard {
                field.check_standard(cx);
            }
            continue;
        }
        if kinds.len() > 1 {
            cx.error_spanned_by(
                field.name_tokens(),
                format!(
                    "field `{}` has more than one of `len`, `len_prefix`, `nul`, `rest`, `message`, `if`, `count`, `until`, `until_end` and `with`: a field's length is found one way",
                    field.name()
                ),
            );
            continue;
        }
        for path in field.attrs.code_keys() {
            cx.error_spanned_by(
                path,
                format!(
                    "`{}` does not apply to a variable-length field",
                    crate::attr::path_name(path)
                ),
            );
        }
        for pad in field.attrs.pads() {
            cx.error_spanned_by(
                &pad.path,
                "pad bytes do not apply to a variable-length field: put them on a fixed field",
            );
        }
        match &kinds[0] {
            Kind::Rest(path) => {
                if i + 1 != fields.len() {
                    cx.error_spanned_by(
                        path,
                        format!(
                            "`rest` takes the rest of the input: only the last field can have it, and `{}` is followed by `{}`",
                            field.name(),
                            fields[i + 1].name()
                        ),
                    );
                }
            }
            Kind::Nul(path) => {
                if matches!(primitive::var_kind(field.ty), Some(VarKind::Records(_))) {
                    cx.error_spanned_by(
                        path,
                        "`nul` needs bytes or text (`Vec<u8>`, `&[u8]`, `String`, `&str`): a NUL terminator ends a byte string",
                    );
                }
            }
            Kind::Prefix(code) => {
                check_standard_int(cx, code, "a length prefix");
            }
            Kind::Len(lit) => {
                if field.attrs.more.len_expr.is_some() {
                    crate::valid_ext::check(cx, fields, i);
                } else {
                    check_len_field(cx, fields, i, lit);
                }
            }
            Kind::Ext => crate::valid_ext::check(cx, fields, i),
            Kind::Message => {}
        }
    }
}

/// `len = "name"` must name an earlier integer field that is not variable.
fn check_len_field(cx: &Ctxt, fields: &[Field], at: usize, lit: &syn::LitStr) {
    let name = lit.value();
    let this = fields[at].name();
    match crate::ast::position(fields, &name) {
        None => cx.error_spanned_by(
            lit,
            format!("`len = \"{name}\"`: there is no field `{name}` to hold the length of `{this}`"),
        ),
        Some(j) if j >= at => cx.error_spanned_by(
            lit,
            format!(
                "`len = \"{name}\"`: field `{name}` comes after `{this}`, so a reader would not know the length yet; put the length field first"
            ),
        ),
        Some(j) => {
            let target = &fields[j];
            let integer = Primitive::of(target.ty).is_some_and(|p| p.signed().is_some())
                || crate::parts::is_computed(target);
            if !target.attrs.kinds().is_empty()
                || !integer
                || target.attrs.c.is_some()
                || target.attrs.e.is_some()
            {
                let ty = target.ty;
                cx.error_spanned_by(
                    lit,
                    format!(
                        "`len = \"{name}\"`: field `{name}` is `{}`, but a length field must be an integer (u8..u64, i8..i64)",
                        quote::quote!(#ty)
                    ),
                );
            }
        }
    }
}

impl Struct<'_> {
    fn validate_message(&self, cx: &Ctxt) {
        check_message_order(cx, &self.attrs, "a message with variable-length fields");
        let attrs = &self.attrs;
        if let (Some(fixed), Some(_)) = (&attrs.order, &attrs.runtime) {
            cx.error_spanned_by(
                &fixed.lit,
                "a message has one byte order: `order = \"runtime\"` or a fixed one, not both",
            );
        }
        let written = attrs
            .runtime
            .as_ref()
            .or(attrs.order.as_ref().map(|o| &o.lit));
        crate::model::order::check_order_by(cx, written, &self.fields);
        crate::model::computed::check_computed(cx, &self.fields);
        crate::model::checksum::check_checksums(cx, &self.fields);
        if let Some(tag) = &self.attrs.tag {
            cx.error_spanned_by(&tag.path, "`tag` is an enum attribute");
        }
        validate_message_fields(cx, &self.fields, true);
    }

    fn validate(&self, cx: &Ctxt) {
        if let Some(tag) = &self.attrs.tag {
            cx.error_spanned_by(&tag.path, "`tag` is an enum attribute");
        }
        crate::model::computed::check_computed(cx, &self.fields);
        crate::model::checksum::check_checksums(cx, &self.fields);
        for field in &self.fields {
            field.validate(cx);
            crate::valid_ext::check_align(cx, field);
            if let Some(max) = &field.attrs.max {
                cx.error_spanned_by(
                    &max.path,
                    "`max` caps a variable-length field: add `len`, `len_prefix`, `nul` or `rest`",
                );
            }
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
                    for pad in field.attrs.pads() {
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
        self.check_sized(cx);
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

    /// A bare `Vec<u8>`, `String`, `&str` or `Vec<T>` has no fixed size: the
    /// error says which attributes give it a length.
    fn check_sized(&self, cx: &Ctxt) {
        let Some(kind) = primitive::var_kind(self.ty) else {
            return;
        };
        let ty = self.ty;
        let ways = match kind {
            VarKind::Records(_) => "#[netpack(len_prefix = \"H\")] (its count written before it), #[netpack(len = \"count\")] (an earlier field holds its count) or #[netpack(rest)] (the rest of the input)",
            _ => "#[netpack(len_prefix = \"H\")] (its length written before it), #[netpack(len = \"length\")] (an earlier field holds it), #[netpack(nul)] (a NUL byte ends it) or #[netpack(rest)] (the rest of the input)",
        };
        cx.error_spanned_by(
            ty,
            format!(
                "field `{}` is `{}`, which has no fixed size: say how its length is found, with {ways}",
                self.name(),
                quote::quote!(#ty)
                    .to_string()
                    .replace(" <", "<")
                    .replace("< ", "<")
                    .replace(" >", ">")
            ),
        );
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
    /// The type attributes only a struct has yet: `magic` and
    /// `order = "runtime"`.
    fn refuse_struct_only(&self, cx: &Ctxt) {
        if let Some(magic) = &self.attrs.magic {
            cx.error_spanned_by(
                &magic.path,
                "`magic` on an enum is not supported: put it on the first field of each variant, #[netpack(magic = b\"…\")]",
            );
        }
        if let Some(runtime) = &self.attrs.runtime {
            cx.error_spanned_by(
                runtime,
                "`order = \"runtime\"` is not supported on an enum: give the order to a struct",
            );
        }
    }

    fn validate(&self, cx: &Ctxt) {
        self.refuse_struct_only(cx);
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
        if self.variants.iter().all(|v| v.attrs.other.is_some()) {
            cx.error_spanned_by(
                self.ident(),
                "#[derive(NetPack)] needs at least one variant: an enum without variants has no value to unpack",
            );
        }
        self.check_catch_alls(cx);
        for variant in &self.variants {
            if let Some(tag) = &variant.attrs.tag {
                cx.error_spanned_by(
                    &tag.expr,
                    "`tag = ...` needs a tagged enum: add #[netpack(tag = \"H\")] to the enum (a field-less enum packs its discriminant)",
                );
            }
            for field in &variant.fields {
                if let Some(attr) = field
                    .original
                    .attrs
                    .iter()
                    .find(|a| a.path().is_ident("netpack"))
                {
                    cx.error_spanned_by(
                        attr,
                        "#[netpack(...)] on the fields of a variant needs a tagged enum",
                    );
                }
            }
            if variant.attrs.other.is_some() {
                let one = matches!(variant.original.fields, syn::Fields::Unnamed(_))
                    && variant.fields.len() == 1;
                if !one {
                    cx.error_spanned_by(
                        &variant.original.ident,
                        format!(
                            "the catch-all `{}` carries the value: write `{}({})`",
                            variant.ident(),
                            variant.ident(),
                            self.repr().map_or("u8".to_string(), |r| r.to_string())
                        ),
                    );
                }
            } else if !variant.fields.is_empty() {
                cx.error_spanned_by(
                    &variant.original.fields,
                    format!(
                        "#[derive(NetPack)] supports only field-less enums: variant `{}` has fields (a tagged enum, #[netpack(tag = \"H\")], has variants with data)",
                        variant.ident()
                    ),
                );
            }
        }
    }

    /// At most one `#[netpack(other)]`.
    fn check_catch_alls(&self, cx: &Ctxt) {
        let mut others = self.variants.iter().filter_map(|v| v.attrs.other.as_ref());
        if let Some(first) = others.next() {
            let _ = first;
            for again in others {
                cx.error_spanned_by(
                    again,
                    "only one variant can be the catch-all: a second #[netpack(other)] would never be chosen",
                );
            }
        }
    }

    /// A tagged enum: every variant a tag that fits the tag's code, no tag
    /// twice, at most one catch-all carrying the tag and the rest.
    fn validate_tagged(&self, cx: &Ctxt) {
        check_message_order(cx, &self.attrs, "a tagged enum");
        self.refuse_struct_only(cx);
        for field in self.variants.iter().flat_map(|v| &v.fields) {
            if let Some(order_by) = &field.attrs.order_by {
                cx.error_spanned_by(
                    &order_by.path,
                    "`order_by` is not supported in a tagged enum: the tag is read before any field, in the enum's order",
                );
            }
        }
        let Some(tag) = &self.attrs.tag else { return };
        if !check_standard_int(cx, tag, "a tag") {
            return;
        }
        if self.variants.is_empty() {
            cx.error_spanned_by(self.ident(), "a tagged enum needs at least one variant");
        }
        self.check_catch_alls(cx);
        let (min, max) = code_range(tag.code);
        let mut seen: Vec<(i128, &syn::Ident)> = Vec::new();
        for variant in &self.variants {
            match (&variant.attrs.tag, &variant.attrs.other) {
                (Some(_), Some(other)) => cx.error_spanned_by(
                    other,
                    format!("the catch-all `{}` takes every unknown tag: it cannot have its own", variant.ident()),
                ),
                (None, None) => cx.error_spanned_by(
                    &variant.original.ident,
                    format!(
                        "variant `{}` needs a tag: #[netpack(tag = 1)] (or #[netpack(other)] for the catch-all)",
                        variant.ident()
                    ),
                ),
                (Some(value), None) => {
                    if value.value < min || value.value > max {
                        cx.error_spanned_by(
                            &value.expr,
                            format!(
                                "tag {} does not fit the tag code `{}` ({min}..={max})",
                                value.value,
                                char::from(tag.code)
                            ),
                        );
                    } else if let Some((_, first)) = seen.iter().find(|(v, _)| *v == value.value) {
                        cx.error_spanned_by(
                            &value.expr,
                            format!(
                                "duplicate tag {}: variant `{first}` has it too",
                                value.value
                            ),
                        );
                    } else {
                        seen.push((value.value, variant.ident()));
                    }
                }
                (None, Some(_)) => {}
            }
            if variant.attrs.other.is_some() {
                let unnamed = matches!(variant.original.fields, syn::Fields::Unnamed(_));
                let shape_ok = unnamed
                    && variant.fields.len() == 2
                    && matches!(
                        primitive::var_kind(variant.fields[1].ty),
                        Some(VarKind::Bytes) | None
                    );
                if !shape_ok {
                    cx.error_spanned_by(
                        &variant.original.ident,
                        format!(
                            "the catch-all `{}` carries the tag and the rest of the input: write `{}({}, Vec<u8>)` (or `&'a [u8]`)",
                            variant.ident(),
                            variant.ident(),
                            ast::int_type(tag.code)
                        ),
                    );
                }
                for field in &variant.fields {
                    let a = &field.attrs;
                    let only_max = a.kinds().is_empty()
                        && a.code_keys().is_empty()
                        && a.pads().next().is_none();
                    if !only_max {
                        cx.error_spanned_by(
                            field.name_tokens(),
                            "the catch-all's fields take no attributes but `max` (on the rest)",
                        );
                    }
                }
            } else if !variant.is_newtype() {
                validate_message_fields(cx, &variant.fields, true);
                crate::model::computed::check_computed(cx, &variant.fields);
                crate::model::checksum::check_checksums(cx, &variant.fields);
            }
        }
    }
}
