//! Format string literals from the user's code, parsed at expansion time by
//! `netpack-format`, the parser the runtime uses, with errors spanned on the
//! literal.
//!
//! Only what does not depend on the target is taken from this parse: the order,
//! the codes and their counts. Sizes and offsets are left to `const` evaluation in
//! the generated code, where native sizes are the target's, not the build
//! machine's.

use netpack_format::{Code, Item, Order, Parser};
use syn::LitStr;

/// The most values the derive and the macros look at one by one: more than
/// anyone writes out as arguments or fields. A macro refuses a format with more
/// (so that `"1000000000B"` is an error, not an expansion that exhausts
/// memory); the derive skips its early comparison of a larger array (the
/// `const` check of the generated code still runs).
pub(crate) const MAX_VALUES: usize = 4096;

/// A parsed format literal.
pub(crate) struct Format {
    pub lit: LitStr,
    pub order: Order,
    pub items: Vec<Item>,
}

/// One value of a format: an element of a repeated code, or one whole `s`/`p`.
#[derive(Clone, Copy)]
pub(crate) struct FormatValue {
    pub code: Code,
    /// The byte length for `s` and `p`, 1 otherwise.
    pub count: usize,
    /// The element size on the build machine (exact only outside native mode).
    pub size: usize,
    /// Where the item starts in the format.
    pub position: usize,
}

impl Format {
    /// Parses `lit`; a rejected format is an error on the literal with the
    /// parser's message, as Python's `struct.error` would say it.
    pub(crate) fn parse(lit: &LitStr) -> syn::Result<Format> {
        let text = lit.value();
        let error = |e: netpack_format::FormatError| syn::Error::new(lit.span(), e);
        let parser = Parser::new(text.as_bytes()).map_err(error)?;
        let order = parser.order();
        let items = parser.collect::<Result<Vec<Item>, _>>().map_err(error)?;
        Ok(Format {
            lit: lit.clone(),
            order,
            items,
        })
    }

    /// The format's values, in order.
    pub(crate) fn values(&self) -> impl Iterator<Item = FormatValue> + '_ {
        self.items.iter().flat_map(|item| {
            let value = FormatValue {
                code: item.code,
                count: if item.code.is_string() { item.count } else { 1 },
                size: item.size,
                position: item.position,
            };
            std::iter::repeat_n(value, item.values())
        })
    }

    /// The number of values.
    pub(crate) fn value_count(&self) -> usize {
        self.items.iter().map(Item::values).sum()
    }

    /// The format as written, for messages.
    pub(crate) fn text(&self) -> String {
        self.lit.value()
    }
}

impl FormatValue {
    /// The value as it would be written in a format: `H`, `8s`.
    pub(crate) fn describe(&self) -> String {
        describe(self.code.as_char(), self.count)
    }
}

/// A code as written in a format, with its byte length for `s` and `p`.
pub(crate) fn describe(code: u8, count: usize) -> String {
    let code = char::from(code);
    if matches!(code, 's' | 'p') {
        format!("{count}{code}")
    } else {
        code.to_string()
    }
}
