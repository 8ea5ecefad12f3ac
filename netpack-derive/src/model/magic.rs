//! `magic = b"RIFF"`: constant bytes a message (on the type) or a field (before
//! it) starts with; decoding anything else is a `BadMagic` error.

use syn::meta::ParseNestedMeta;
use syn::{Lit, Path};

/// The most bytes a magic value may have (PNG's signature has 8).
const MAX_MAGIC: usize = 16;

/// `magic = b"RIFF"`: the bytes, and the key for spans.
pub(crate) struct Magic {
    pub path: Path,
    pub bytes: Vec<u8>,
}

/// Parses the value of `magic = …`: a byte string (or a string of ASCII).
pub(crate) fn parse(meta: &ParseNestedMeta) -> syn::Result<Magic> {
    let lit = meta.value()?.parse::<Lit>()?;
    let bytes =
        match &lit {
            Lit::ByteStr(b) => b.value(),
            Lit::Str(s) if s.value().is_ascii() => s.value().into_bytes(),
            _ => return Err(syn::Error::new_spanned(
                lit,
                "expected a byte string: `magic = b\"RIFF\"`, `magic = b\"\\xa1\\xb2\\xc3\\xd4\"`",
            )),
        };
    if bytes.is_empty() || bytes.len() > MAX_MAGIC {
        return Err(syn::Error::new_spanned(
            lit,
            format!(
                "a magic value has 1 to {MAX_MAGIC} bytes, not {}",
                bytes.len()
            ),
        ));
    }
    Ok(Magic {
        path: meta.path.clone(),
        bytes,
    })
}

/// The bytes as a Python bytes literal, for `PARTS`: `b"RIFF"`, `b"\xa1"`.
pub(crate) fn python_literal(bytes: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &b in bytes {
        match b {
            b'\\' | b'"' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}
