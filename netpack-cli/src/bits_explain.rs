//! `netpack bits explain FMT`: the fields of a bit format, and a map of the bits
//! of each byte, as `bitstruct.pack(FMT, …)` lays them out: which bit of which
//! value each one holds.
//!
//! The layout is `netpack-format`'s (`Item::value_bit`), the very model the
//! runtime packs with.

use crate::bits::BitsFormat;
use crate::fail::{self, Failure};
use netpack::bits::{BitCode, BitOrder, ByteOrder, Item};
use std::fmt::Write as _;

/// Bytes of the map printed at most.
const MAX_BYTES: usize = 64;

/// Runs `netpack bits explain`.
pub fn run(format: &BitsFormat) -> Result<(), Failure> {
    let compiled = format.compile()?;
    let items = format.items();
    let bits = compiled.calcsize();
    let bytes = bits.div_ceil(8);
    let mut out = String::new();
    let (text, _) = fail::visible(format.bytes());
    let (bs, ys, vs) = (plural(bits), plural(bytes), plural(compiled.values()));
    let _ = writeln!(
        out,
        "format '{text}': {bits} bit{bs} ({bytes} byte{ys}), {} value{vs}",
        compiled.values()
    );
    let _ = writeln!(out, "{}", describe(compiled.byte_order()));
    out.push('\n');
    table(&mut out, format, &items);
    out.push('\n');
    bit_map(&mut out, &items, bits);
    fail::write_stdout(out.as_bytes())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn describe(order: ByteOrder) -> &'static str {
    match order {
        ByteOrder::Big => "byte order: big (no suffix, or >): each field's bits as they are",
        ByteOrder::Little => {
            "byte order: little (<): each field but t and r from its low bits, filling its \
             first byte, then 8 at a time"
        }
    }
}

/// What a field holds, and the Rust type that holds it.
fn holds(item: &Item) -> (String, String) {
    let n = item.bits;
    let int = |signed: bool| {
        let width = [8, 16, 32, 64, 128].into_iter().find(|&w| w >= n);
        let name = if signed { 'i' } else { 'u' };
        width.map_or("-".to_string(), |w| format!("{name}{w}"))
    };
    match item.code {
        BitCode::Unsigned if n <= 64 => (format!("0..={}", u64::MAX >> (64 - n)), int(false)),
        BitCode::Unsigned => (format!("0..=2**{n}-1"), int(false)),
        BitCode::Signed if n <= 64 => {
            let min = -(1i128 << (n - 1));
            (format!("{min}..={}", -min - 1), int(true))
        }
        BitCode::Signed => (format!("-2**{}..=2**{}-1", n - 1, n - 1), int(true)),
        BitCode::Bool => ("False, True".to_string(), "bool".to_string()),
        BitCode::Float => match n {
            16 => ("binary16".to_string(), "f32".to_string()),
            32 => ("binary32".to_string(), "f32".to_string()),
            64 => ("binary64".to_string(), "f64".to_string()),
            _ => ("- (f is 16, 32 or 64 bits)".to_string(), "-".to_string()),
        },
        BitCode::Text => (bytes_of(n, "UTF-8"), "String".to_string()),
        BitCode::Raw if n.is_multiple_of(8) => (bytes_of(n, "bytes"), format!("[u8; {}]", n / 8)),
        BitCode::Raw => (bytes_of(n, "bytes"), "Vec<u8>".to_string()),
        BitCode::PadZeros => ("zeros".to_string(), "-".to_string()),
        BitCode::PadOnes => ("ones".to_string(), "-".to_string()),
    }
}

fn bytes_of(n: usize, what: &str) -> String {
    let k = n / 8;
    match n % 8 {
        0 => format!("{k} byte{} of {what}", plural(k)),
        r => format!("{k} byte{} and {r} bit{} of {what}", plural(k), plural(r)),
    }
}

/// One line per field.
fn table(out: &mut String, format: &BitsFormat, items: &[Item]) {
    let mut rows: Vec<[String; 8]> = vec![[
        "fmt pos".into(),
        "field".into(),
        "bits".into(),
        "offset".into(),
        "value".into(),
        "bit order".into(),
        "holds".into(),
        "Rust type".into(),
    ]];
    for item in items {
        let value = if item.code.is_padding() {
            "-".to_string()
        } else {
            item.value.to_string()
        };
        let order = match item.bit_order {
            BitOrder::MsbFirst => "msb first",
            BitOrder::LsbFirst => "lsb first",
        };
        let (holds, rust) = holds(item);
        rows.push([
            item.position.to_string(),
            format.item_text(item),
            item.bits.to_string(),
            item.offset.to_string(),
            value,
            order.to_string(),
            holds,
            rust,
        ]);
    }
    crate::explain::write_table(out, &rows, &[0, 2, 3]);
}

/// The label of bit `at` of the packed bytes.
fn label(items: &[Item], at: usize) -> String {
    let Some(item) = items.iter().find(|i| i.offset <= at && at < i.end()) else {
        return "-".to_string();
    };
    let v = item.value_bit(at - item.offset, item.offset % 8);
    match item.code {
        BitCode::PadZeros => "p".to_string(),
        BitCode::PadOnes => "P".to_string(),
        BitCode::Text | BitCode::Raw => format!("{}:{v}", item.value),
        _ => format!("{}.{}", item.value, item.bits - 1 - v),
    }
}

/// Each byte's eight bits, labelled with what they hold.
fn bit_map(out: &mut String, items: &[Item], bits: usize) {
    out.push_str(
        "bit map (value.bit, bit 0 the least significant; value:bit for t and r, bit 0\n\
         the first of the data; p/P padding; - unused):\n",
    );
    let bytes = bits.div_ceil(8);
    if bytes == 0 {
        out.push_str("  (no bits)\n");
        return;
    }
    let shown = bytes.min(MAX_BYTES);
    let rows: Vec<Vec<String>> = (0..shown)
        .map(|b| (0..8).map(|k| label(items, b * 8 + k)).collect())
        .collect();
    let widest = rows.iter().flatten().map(String::len).max().unwrap_or(1);
    let byte_width = (bytes - 1).to_string().len();
    for (b, cells) in rows.iter().enumerate() {
        let _ = write!(out, "  byte {b:>byte_width$} |");
        for cell in cells {
            let _ = write!(out, " {cell:>widest$}");
        }
        out.push('\n');
    }
    if shown < bytes {
        let _ = writeln!(
            out,
            "  … the map stops here, {} bytes before the end",
            bytes - shown
        );
    }
}
