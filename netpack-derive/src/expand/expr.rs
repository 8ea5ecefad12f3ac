//! An expression of the model ([`crate::expr`]) as generated code: a
//! `__np::Value` (`Result<i128, _>`) built from the fields it names with the
//! checked operations of `netpack::__private`, spanned on the attribute's
//! string so that a field of a type no expression can read is reported there.

use super::message_body::binding;
use crate::ast::Field;
use crate::expr::{BinOp, Expr, Parsed};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

/// The value of `parsed`, reading the fields' bindings.
pub(super) fn value(parsed: &Parsed, fields: &[Field]) -> TokenStream {
    tokens(&parsed.expr, fields, parsed.lit.span())
}

fn tokens(expr: &Expr, fields: &[Field], span: Span) -> TokenStream {
    match expr {
        Expr::Int(n) => {
            let n = proc_macro2::Literal::i128_suffixed(*n);
            quote!(::core::result::Result::Ok(#n))
        }
        Expr::Name(name, _) => match crate::ast::by_name(fields, name) {
            Some(field) => {
                let b = binding(field);
                quote_spanned!(span=> __np::operand(&#b))
            }
            // Refused by validation.
            None => quote!(::core::unreachable!()),
        },
        Expr::Neg(e) => {
            let e = tokens(e, fields, span);
            quote!(__np::neg(#e))
        }
        Expr::Not(e) => {
            let e = tokens(e, fields, span);
            quote!(__np::not(#e))
        }
        Expr::Binary(op, a, b) => {
            let (a, b) = (tokens(a, fields, span), tokens(b, fields, span));
            match op {
                BinOp::And => quote!(__np::and(#a, || #b)),
                BinOp::Or => quote!(__np::or(#a, || #b)),
                op => {
                    let op = format_ident!("{}", op.name());
                    quote!(__np::binary(__np::Op::#op, #a, #b))
                }
            }
        }
    }
}
