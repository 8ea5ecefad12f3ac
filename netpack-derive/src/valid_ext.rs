//! The rules of the attributes of `attr_ext`: expressions name earlier fixed
//! fields and have the type their attribute needs, `if` is on an `Option<T>`,
//! a repetition is on a `Vec<T>` and has a `max`, `until_end` is last,
//! `align` follows a variable field. Each error is spanned on what breaks it.

use crate::ast::{inner_type, Field, Length, Repeat};
use crate::ctxt::Ctxt;
use crate::expr::{self, Parsed, Type};

/// The rules for field `at` of a message, whose length is one of `attr_ext`'s.
pub(crate) fn check(cx: &Ctxt, fields: &[Field], at: usize) {
    let field = &fields[at];
    let more = &field.attrs.more;
    match field.length() {
        Length::Expr(parsed) => check_expr(cx, fields, at, parsed, Type::Int),
        Length::Cond(parsed) => {
            check_expr(cx, fields, at, parsed, Type::Bool);
            if inner_type(field.ty, "Option").is_none() {
                cx.error_spanned_by(
                    field.ty,
                    "`if = \"…\"` needs an `Option<T>` field (T a message or a fixed type): `None` when the condition is false",
                );
            }
            no_max(cx, field, "`if`: the inner type's own caps bound it");
        }
        Length::Repeat(repeat) => {
            if inner_type(field.ty, "Vec").is_none() {
                cx.error_spanned_by(
                    field.ty,
                    "a repetition (`count`, `until`, `until_end`) needs a `Vec<T>` field, T a message or a fixed type",
                );
            }
            let name = match repeat {
                Repeat::Count(parsed) => {
                    check_expr(cx, fields, at, parsed, Type::Int);
                    "count"
                }
                Repeat::Until(_) => "until",
                Repeat::End => {
                    if at + 1 != fields.len() {
                        if let Some(path) = &more.until_end {
                            cx.error_spanned_by(
                                path,
                                format!(
                                    "`until_end` takes the elements up to the end of the input: only the last field can have it, and `{}` is followed by `{}`",
                                    field.name(),
                                    fields[at + 1].name()
                                ),
                            );
                        }
                    }
                    "until_end"
                }
            };
            if field.attrs.max.is_none() {
                let key = match (&more.count, &more.until, &more.until_end) {
                    (Some(count), _, _) => &count.path,
                    (None, Some(until), _) => &until.path,
                    (None, None, Some(path)) => path,
                    (None, None, None) => return,
                };
                cx.error_spanned_by(
                    key,
                    format!("`{name}` needs a cap on the number of elements, so that a peer cannot make the decoder loop or allocate without limit: add `max = N`"),
                );
            }
        }
        Length::With(_) => no_max(cx, field, "`with`: the codec bounds its own field"),
        _ => {}
    }
}

/// `align = N` needs N ≥ 1 and a variable field before the padding.
pub(crate) fn check_align(cx: &Ctxt, field: &Field) {
    if let Some(align) = &field.attrs.more.align {
        if !field.is_variable() {
            cx.error_spanned_by(
                &align.path,
                "`align` pads after a variable-length field; after a fixed field the padding is fixed too: use `pad_after = N`",
            );
        } else if align.count == 0 {
            cx.error_spanned_by(
                &align.path,
                "`align = 0`: align to a multiple of at least 1 byte",
            );
        }
    }
}

fn no_max(cx: &Ctxt, field: &Field, why: &str) {
    if let Some(max) = &field.attrs.max {
        cx.error_spanned_by(&max.path, format!("`max` does not apply to {why}"));
    }
}

/// An expression names only earlier fixed fields, and gives `want`: an
/// integer for a length or a count; a condition may be either.
pub(crate) fn check_expr(cx: &Ctxt, fields: &[Field], at: usize, parsed: &Parsed, want: Type) {
    let this = fields[at].name();
    for (name, range) in parsed.expr.names() {
        let message = match crate::ast::position(fields, name) {
            None => format!("there is no field `{name}`: an expression names earlier fields of the message"),
            Some(j) if j >= at => format!(
                "field `{name}` comes {} `{this}`, so a reader would not know it yet: an expression names earlier fields",
                if j == at { "is" } else { "after" }
            ),
            Some(j) if fields[j].is_variable() => format!(
                "field `{name}` has a variable length: an expression names integer fields"
            ),
            Some(_) => continue,
        };
        cx.push(expr::error_at(&parsed.lit, range, &message));
    }
    match parsed.expr.ty() {
        Err(message) => cx.push(expr::error_at(
            &parsed.lit,
            0..parsed.lit.value().len(),
            &message,
        )),
        Ok(Type::Bool) if want == Type::Int => cx.push(expr::error_at(
            &parsed.lit,
            0..parsed.lit.value().len(),
            "a length or a count needs an integer, not a condition",
        )),
        Ok(_) => {}
    }
}
