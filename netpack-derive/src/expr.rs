//! The expression language of `len = "ihl * 4 - 20"`, `if = "flags & 1 != 0"`
//! and `count = "ancount"`: integer arithmetic over earlier fields, parsed once
//! here from the attribute's string, checked (names, types) in `valid.rs`,
//! evaluated by the generated code with checked arithmetic and rendered as
//! Python for `PARTS`.
//!
//! Grammar, loosest first, with Python's precedence (so `flags & 1 != 0` is
//! `(flags & 1) != 0`, as in Python and unlike Rust):
//!
//! ```text
//! expr    := or
//! or      := and ("||" and)*
//! and     := cmp ("&&" cmp)*
//! cmp     := bitor (("==" | "!=" | "<" | "<=" | ">" | ">=") bitor)?   (no chains)
//! bitor   := bitxor ("|" bitxor)*
//! bitxor  := bitand ("^" bitand)*
//! bitand  := shift ("&" shift)*
//! shift   := sum (("<<" | ">>") sum)*
//! sum     := term (("+" | "-") term)*
//! term    := unary (("*" | "/" | "%") unary)*
//! unary   := ("-" | "!") unary | atom
//! atom    := integer | name | "(" expr ")"
//! ```
//!
//! Values are integers (`i128` at run time); comparisons, `&&`, `||` and `!`
//! give booleans, which arithmetic refuses. A condition may be an integer
//! (true when not zero, as in Python). `/` and `%` are Python's `//` and `%`
//! (rounding towards negative infinity).
//!
//! The binary operators, their spellings and their precedence are
//! [`netpack_format::BinOp`], the one table the runtime's evaluator uses too.

pub(crate) use netpack_format::BinOp;
use syn::LitStr;

/// A parsed expression.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    Int(i128),
    /// A field name, with its byte range in the string.
    Name(String, std::ops::Range<usize>),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

/// Whether an expression gives an integer or a boolean.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Type {
    Int,
    Bool,
}

/// An expression with the literal it was written in.
pub(crate) struct Parsed {
    pub expr: Expr,
    pub lit: LitStr,
}

/// The operands' type and the result's.
fn types(op: BinOp) -> (Type, Type) {
    if op.is_logic() {
        (Type::Bool, Type::Bool)
    } else if op.is_comparison() {
        (Type::Int, Type::Bool)
    } else {
        (Type::Int, Type::Int)
    }
}

/// An error at a byte range of the string.
#[derive(Debug)]
pub(crate) struct ExprError {
    pub message: String,
    pub at: std::ops::Range<usize>,
}

/// The error as a `syn::Error`, spanned on the range of the string where the
/// compiler can (`Literal::subspan`), on the literal otherwise, and saying
/// where in the string it is.
pub(crate) fn error_at(lit: &LitStr, at: std::ops::Range<usize>, message: &str) -> syn::Error {
    let text = lit.value();
    let span = lit
        .token()
        .subspan(at.start + 1..at.end + 1)
        .unwrap_or_else(|| lit.span());
    let caret = format!(
        "\n  \"{text}\"\n   {}{}",
        " ".repeat(text[..at.start.min(text.len())].chars().count()),
        "^".repeat(at.len().max(1))
    );
    syn::Error::new(span, format!("{message}{caret}"))
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Int(i128),
    Name(String),
    Op(&'static str),
}

const OPS: [&str; 21] = [
    "<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "&", "|", "^", "<",
    ">", "!", "(", ")",
];

fn tokenize(text: &str) -> Result<Vec<(Token, std::ops::Range<usize>)>, ExprError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push((Token::Int(integer(&text[start..i], start..i)?), start..i));
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &text[start..i];
            if let Some(rust) = python_word(word) {
                return Err(ExprError {
                    message: format!("write `{rust}` for Python's `{word}`"),
                    at: start..i,
                });
            }
            out.push((Token::Name(word.to_string()), start..i));
        } else if let Some(op) = OPS.iter().find(|op| text[i..].starts_with(**op)) {
            out.push((Token::Op(op), i..i + op.len()));
            i += op.len();
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            return Err(ExprError {
                message: format!(
                    "unexpected `{ch}`: an expression has integers, names of earlier fields, + - * / % << >> & | ^, comparisons, && || ! and parentheses"
                ),
                at: i..i + ch.len_utf8(),
            });
        }
    }
    Ok(out)
}

fn python_word(word: &str) -> Option<&'static str> {
    match word {
        "and" => Some("&&"),
        "or" => Some("||"),
        "not" => Some("!"),
        _ => None,
    }
}

fn integer(text: &str, at: std::ops::Range<usize>) -> Result<i128, ExprError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let (digits, radix) = match clean.get(..2) {
        Some("0x" | "0X") => (&clean[2..], 16),
        Some("0o" | "0O") => (&clean[2..], 8),
        Some("0b" | "0B") => (&clean[2..], 2),
        _ => (&clean[..], 10),
    };
    i128::from_str_radix(digits, radix).map_err(|_| ExprError {
        message: format!("`{text}` is not an integer literal that fits 128 bits"),
        at,
    })
}

struct Parser {
    tokens: Vec<(Token, std::ops::Range<usize>)>,
    at: usize,
    len: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(t, _)| t)
    }

    fn range(&self) -> std::ops::Range<usize> {
        match self.tokens.get(self.at) {
            Some((_, r)) => r.clone(),
            None => self.len..self.len,
        }
    }

    fn binary(&mut self, level: usize) -> Result<Expr, ExprError> {
        if level == BinOp::PRECEDENCE.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        let mut chained = false;
        while let Some(Token::Op(text)) = self.peek() {
            let Some(op) = BinOp::PRECEDENCE[level]
                .iter()
                .find(|op| op.text() == *text)
                .copied()
            else {
                break;
            };
            if op.is_comparison() && chained {
                return Err(ExprError {
                    message: "comparisons do not chain: write `a < b && b < c`".into(),
                    at: self.range(),
                });
            }
            chained = true;
            self.at += 1;
            let right = self.binary(level + 1)?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        match self.peek() {
            Some(Token::Op("-")) => {
                self.at += 1;
                Ok(Expr::Neg(Box::new(self.unary()?)))
            }
            Some(Token::Op("!")) => {
                self.at += 1;
                Ok(Expr::Not(Box::new(self.unary()?)))
            }
            _ => self.atom(),
        }
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        let range = self.range();
        let token = self.peek().cloned();
        self.at += 1;
        match token {
            Some(Token::Int(n)) => Ok(Expr::Int(n)),
            Some(Token::Name(name)) => Ok(Expr::Name(name, range)),
            Some(Token::Op("(")) => {
                let inner = self.binary(0)?;
                if self.peek() != Some(&Token::Op(")")) {
                    return Err(ExprError {
                        message: "expected `)`".into(),
                        at: self.range(),
                    });
                }
                self.at += 1;
                Ok(inner)
            }
            Some(_) => Err(ExprError {
                message: "expected an integer, a field name or `(`".into(),
                at: range,
            }),
            None => Err(ExprError {
                message: "the expression ends too early".into(),
                at: range,
            }),
        }
    }
}

/// Parses an expression.
pub(crate) fn parse(text: &str) -> Result<Expr, ExprError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        len: text.len(),
    };
    if parser.tokens.is_empty() {
        return Err(ExprError {
            message: "empty expression".into(),
            at: 0..0,
        });
    }
    let expr = parser.binary(0)?;
    if parser.at < parser.tokens.len() {
        return Err(ExprError {
            message: "unexpected text after the expression".into(),
            at: parser.range(),
        });
    }
    Ok(expr)
}

impl Expr {
    /// The names it reads, in order.
    pub(crate) fn names(&self) -> Vec<(&str, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        self.visit(&mut |e| {
            if let Expr::Name(name, at) = e {
                out.push((name.as_str(), at.clone()));
            }
        });
        out
    }

    fn visit<'e>(&'e self, f: &mut impl FnMut(&'e Expr)) {
        f(self);
        match self {
            Expr::Neg(e) | Expr::Not(e) => e.visit(f),
            Expr::Binary(_, a, b) => {
                a.visit(f);
                b.visit(f);
            }
            Expr::Int(_) | Expr::Name(..) => {}
        }
    }

    /// The type, or a description of the first misuse of a boolean.
    pub(crate) fn ty(&self) -> Result<Type, String> {
        let int = |e: &Expr, what: &str| match e.ty()? {
            Type::Int => Ok(()),
            Type::Bool => Err(format!(
                "{what} needs an integer, but `{}` is a condition",
                e.rust()
            )),
        };
        match self {
            Expr::Int(_) | Expr::Name(..) => Ok(Type::Int),
            Expr::Neg(e) => int(e, "`-`").map(|()| Type::Int),
            Expr::Not(e) => e.ty().map(|_| Type::Bool),
            Expr::Binary(op, a, b) => match types(*op) {
                (Type::Int, result) => {
                    let what = format!("`{}`", op.text());
                    int(a, &what)?;
                    int(b, &what)?;
                    Ok(result)
                }
                (Type::Bool, _) => {
                    a.ty()?;
                    b.ty()?;
                    Ok(Type::Bool)
                }
            },
        }
    }

    /// The expression in the attribute's spelling, normalised.
    pub(crate) fn rust(&self) -> String {
        self.render(&|op| op.text(), "!", 0)
    }

    /// The expression as Python writes it (`//`, `and`, `not`).
    pub(crate) fn python(&self) -> String {
        self.render(&|op| op.python(), "not ", 0)
    }

    fn render(&self, op_text: &dyn Fn(BinOp) -> &'static str, not: &str, outer: u8) -> String {
        match self {
            Expr::Int(n) => n.to_string(),
            Expr::Name(name, _) => name.clone(),
            Expr::Neg(e) => format!("-{}", e.render(op_text, not, 11)),
            Expr::Not(e) => {
                let inner = format!("{not}{}", e.render(op_text, not, 11));
                // Python's `not` binds looser than comparisons.
                if outer > 0 {
                    format!("({inner})")
                } else {
                    inner
                }
            }
            Expr::Binary(op, a, b) => {
                let level = op.level();
                let text = format!(
                    "{} {} {}",
                    a.render(op_text, not, level),
                    op_text(*op),
                    // Left-associative: a right operand of the same level
                    // needs parentheses.
                    b.render(op_text, not, level + 1)
                );
                if level < outer {
                    format!("({text})")
                } else {
                    text
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(text: &str) -> String {
        parse(text)
            .map(|e| e.python())
            .unwrap_or_else(|e| e.message)
    }

    #[test]
    fn python_precedence() {
        assert_eq!(py("ihl * 4 - 20"), "ihl * 4 - 20");
        assert_eq!(py("flags & 1 != 0"), "flags & 1 != 0");
        assert_eq!(py("(a - b) - c"), "a - b - c");
        assert_eq!(py("a - (b - c)"), "a - (b - c)");
        assert_eq!(py("a / 2"), "a // 2");
        assert_eq!(py("!(a == 1) && b > 0x10"), "(not (a == 1)) and b > 16");
        assert_eq!(py("(a + b) * c"), "(a + b) * c");
        assert_eq!(py("1 << n >> 2"), "1 << n >> 2");
    }

    #[test]
    fn errors() {
        assert_eq!(py("a and b"), "write `&&` for Python's `and`");
        assert!(py("a < b < c").starts_with("comparisons do not chain"));
        assert!(py("a +").starts_with("the expression ends too early"));
        assert!(py("a ~ b").starts_with("unexpected `~`"));
        assert!(py("(a").starts_with("expected `)`"));
        assert!(py("a b").starts_with("unexpected text"));
        assert_eq!(
            parse("(a == 1) + 2").unwrap().ty().unwrap_err(),
            "`+` needs an integer, but `a == 1` is a condition"
        );
        assert_eq!(parse("a == 1 || b").unwrap().ty(), Ok(Type::Bool));
    }
}
