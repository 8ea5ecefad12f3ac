//! The binary operators of `netpack-derive`'s expressions (`len = "ihl * 4 - 20"`,
//! `if = "flags & 1 != 0"`): their spellings in Rust and in Python and their
//! precedence, written once for the derive (which parses and renders them) and
//! the runtime (which evaluates them).

/// A binary operator of an expression, with Python's precedence: `flags & 1 != 0`
/// is `(flags & 1) != 0`, as in Python and unlike Rust.
///
/// ```
/// use netpack_format::BinOp;
///
/// assert_eq!(BinOp::Div.text(), "/");
/// assert_eq!(BinOp::Div.python(), "//");
/// assert_eq!(BinOp::Add.name(), "Add");
/// assert!(BinOp::BitAnd.level() > BinOp::Ne.level()); // `&` binds tighter than `!=`
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`: Python's `//`, rounding towards negative infinity.
    Div,
    /// `%`: Python's, with the sign of the divisor.
    Rem,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`: Python's `and`.
    And,
    /// `||`: Python's `or`.
    Or,
}

impl BinOp {
    /// The operators, a row a level of precedence, loosest first.
    ///
    /// ```
    /// use netpack_format::BinOp;
    /// assert_eq!(BinOp::PRECEDENCE[0], [BinOp::Or]);
    /// ```
    pub const PRECEDENCE: [&'static [BinOp]; 9] = [
        &[BinOp::Or],
        &[BinOp::And],
        &[
            BinOp::Eq,
            BinOp::Ne,
            BinOp::Le,
            BinOp::Ge,
            BinOp::Lt,
            BinOp::Gt,
        ],
        &[BinOp::BitOr],
        &[BinOp::BitXor],
        &[BinOp::BitAnd],
        &[BinOp::Shl, BinOp::Shr],
        &[BinOp::Add, BinOp::Sub],
        &[BinOp::Mul, BinOp::Div, BinOp::Rem],
    ];

    /// The Rust spelling, as an attribute writes it.
    pub const fn text(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }

    /// The Python spelling (`//`, `and`, `or`; the others as in Rust).
    pub const fn python(self) -> &'static str {
        match self {
            BinOp::Div => "//",
            BinOp::And => "and",
            BinOp::Or => "or",
            other => other.text(),
        }
    }

    /// The name of the variant (`"Add"`), as generated code names it.
    pub const fn name(self) -> &'static str {
        match self {
            BinOp::Add => "Add",
            BinOp::Sub => "Sub",
            BinOp::Mul => "Mul",
            BinOp::Div => "Div",
            BinOp::Rem => "Rem",
            BinOp::Shl => "Shl",
            BinOp::Shr => "Shr",
            BinOp::BitAnd => "BitAnd",
            BinOp::BitOr => "BitOr",
            BinOp::BitXor => "BitXor",
            BinOp::Eq => "Eq",
            BinOp::Ne => "Ne",
            BinOp::Lt => "Lt",
            BinOp::Le => "Le",
            BinOp::Gt => "Gt",
            BinOp::Ge => "Ge",
            BinOp::And => "And",
            BinOp::Or => "Or",
        }
    }

    /// The binding strength, Python's: higher binds tighter. Level 3, between
    /// `and` and the comparisons, is Python's `not`.
    pub const fn level(self) -> u8 {
        match self {
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::BitOr => 5,
            BinOp::BitXor => 6,
            BinOp::BitAnd => 7,
            BinOp::Shl | BinOp::Shr => 8,
            BinOp::Add | BinOp::Sub => 9,
            BinOp::Mul | BinOp::Div | BinOp::Rem => 10,
        }
    }

    /// Whether it compares two integers, giving a boolean.
    pub const fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }

    /// Whether it joins two conditions (`&&`, `||`).
    pub const fn is_logic(self) -> bool {
        matches!(self, BinOp::And | BinOp::Or)
    }
}

#[cfg(test)]
mod tests {
    use super::BinOp;

    #[test]
    fn the_precedence_rows_agree_with_the_levels() {
        let mut last = 0;
        let mut count = 0;
        for row in BinOp::PRECEDENCE {
            let level = row[0].level();
            assert!(level > last, "{row:?}");
            assert!(row.iter().all(|op| op.level() == level), "{row:?}");
            last = level;
            count += row.len();
        }
        assert_eq!(count, 18);
    }
}
