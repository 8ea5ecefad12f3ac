//! `netpack explain FMT`: the layout of a format, item by item (with the padding
//! native alignment inserts), and a byte map of the whole struct.
//!
//! The layout is `netpack-format`'s, the very parser the runtime packs with.

use crate::cli::FormatArgs;
use crate::fail::{self, Failure, Format};
use netpack::Order;
use netpack_format::{Code, Item};
use std::fmt::Write as _;

/// Bytes per row of the byte map.
const ROW: u64 = 16;
/// Rows of the byte map printed at most (runs of identical rows count as one).
const MAX_ROWS: usize = 64;

/// Runs `netpack explain`.
pub fn run(args: &FormatArgs) -> Result<(), Failure> {
    let format = Format::new(&args.format);
    let layout = format.layout()?;
    let items = format.items();
    let segments = segments(&items);
    let mut out = String::new();
    let (text, _) = fail::visible(format.bytes());
    let s = if layout.values() == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "format '{text}': {} bytes, {} value{s}",
        layout.size(),
        layout.values()
    );
    let _ = writeln!(out, "{}", describe(layout.order()));
    out.push('\n');
    table(&mut out, &format, &items);
    out.push('\n');
    byte_map(&mut out, &segments, layout.size() as u64);
    fail::write_stdout(out.as_bytes())
}

/// What the byte order prefix means, here.
fn describe(order: Order) -> String {
    let endian = if cfg!(target_endian = "little") {
        "little-endian"
    } else {
        "big-endian"
    };
    let machine = format!(
        "this machine ({}-{}, {endian}, {}-bit pointers)",
        std::env::consts::ARCH,
        std::env::consts::OS,
        usize::BITS
    );
    match order {
        Order::Native => format!(
            "native (@): the byte order, sizes and alignment of {machine}; \
             other machines may differ"
        ),
        Order::Standard => {
            format!("native byte order (=): {endian} on {machine}; standard sizes, no alignment")
        }
        Order::Little => "little-endian (<): standard sizes, no alignment".to_string(),
        Order::Big => "big-endian (>): standard sizes, no alignment".to_string(),
        Order::Network => "network order (!, big-endian): standard sizes, no alignment".to_string(),
    }
}

/// The C and Rust types of one element of an item (`count` elements for a
/// repetition, one byte string for `s`/`p`).
fn types(item: &Item) -> (String, String) {
    let bits = item.size * 8;
    let (c, rust) = match item.code {
        Code::Pad => return ("pad byte".into(), "-".into()),
        Code::Char => ("char", "u8 #[netpack(c)]".to_string()),
        Code::SChar => ("signed char", "i8".into()),
        Code::UChar => ("unsigned char", "u8".into()),
        Code::Bool => ("_Bool", "bool".into()),
        Code::Short => ("short", format!("i{bits}")),
        Code::UShort => ("unsigned short", format!("u{bits}")),
        Code::Int => ("int", format!("i{bits}")),
        Code::UInt => ("unsigned int", format!("u{bits}")),
        Code::Long => ("long", format!("i{bits}")),
        Code::ULong => ("unsigned long", format!("u{bits}")),
        Code::LongLong => ("long long", format!("i{bits}")),
        Code::ULongLong => ("unsigned long long", format!("u{bits}")),
        Code::SSize => ("ssize_t", "isize".into()),
        Code::Size => ("size_t", "usize".into()),
        Code::Pointer => ("void *", "usize".into()),
        Code::Half => ("binary16", "f32 #[netpack(e)]".into()),
        Code::Float => ("float", "f32".into()),
        Code::Double => ("double", "f64".into()),
        Code::Bytes => {
            let n = item.count;
            return (format!("char[{n}]"), format!("[u8; {n}]"));
        }
        Code::Pascal => {
            let n = item.count;
            let rust = match n.checked_sub(1) {
                Some(k) => format!("PascalString<{k}>"),
                None => "- (0p: always b'')".to_string(),
            };
            return (format!("char[{n}] (Pascal)"), rust);
        }
    };
    if item.count == 1 {
        (c.to_string(), rust)
    } else {
        let n = item.count;
        (format!("{c}[{n}]"), format!("[{rust}; {n}]"))
    }
}

/// One line per item, and one per run of alignment padding before an item.
fn table(out: &mut String, format: &Format, items: &[Item]) {
    let mut rows: Vec<[String; 8]> = vec![[
        "fmt pos".into(),
        "item".into(),
        "count".into(),
        "offset".into(),
        "size".into(),
        "value".into(),
        "C type".into(),
        "Rust type".into(),
    ]];
    let mut cursor = 0;
    let mut value = 0;
    for item in items {
        let text = format.item_text(item);
        if item.offset > cursor {
            let code = item.code.as_char() as char;
            rows.push([
                "".into(),
                "(pad)".into(),
                "".into(),
                cursor.to_string(),
                (item.offset - cursor).to_string(),
                "".into(),
                format!("alignment: {code} aligns to {}", item.code.native_align()),
                "".into(),
            ]);
        }
        let n = item.values();
        let values = match n {
            0 => "-".to_string(),
            1 => value.to_string(),
            _ => format!("{}-{}", value, value + n - 1),
        };
        value += n;
        let (c, rust) = types(item);
        rows.push([
            item.position.to_string(),
            text,
            item.count.to_string(),
            item.offset.to_string(),
            item.byte_len().to_string(),
            values,
            c,
            rust,
        ]);
        cursor = item.offset + item.byte_len();
    }
    write_table(out, &rows, &[0, 2, 3, 4]);
}

/// Rows in aligned columns, two spaces apart: the `numbers` columns to the
/// right, the others (words) to the left.
pub fn write_table<const N: usize>(out: &mut String, rows: &[[String; N]], numbers: &[usize]) {
    let widths: Vec<usize> = (0..N)
        .map(|col| {
            rows.iter()
                .map(|r| r[col].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (col, cell) in row.iter().enumerate() {
            let w = widths[col];
            if numbers.contains(&col) {
                let _ = write!(line, "{cell:>w$}  ");
            } else {
                let _ = write!(line, "{cell:<w$}  ");
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// A run of bytes in the byte map.
#[derive(Debug)]
struct Segment {
    start: u64,
    len: u64,
    /// The size of one element: bytes `start + k*elem ..` belong to value
    /// `first + k` (the whole run for pads and byte strings).
    elem: u64,
    kind: Kind,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Padding inserted for alignment.
    Align,
    /// `x` pad bytes.
    Pad,
    /// Values `first`, `first + 1`, … of code `code`.
    Values { code: u8, first: usize },
}

fn segments(items: &[Item]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut cursor = 0u64;
    let mut value = 0;
    for item in items {
        let offset = item.offset as u64;
        if offset > cursor {
            segments.push(Segment {
                start: cursor,
                len: offset - cursor,
                elem: offset - cursor,
                kind: Kind::Align,
            });
        }
        let len = item.byte_len() as u64;
        let kind = match item.code {
            Code::Pad => Kind::Pad,
            code => Kind::Values {
                code: code.as_char(),
                first: value,
            },
        };
        let elem = if item.code.is_string() || item.code == Code::Pad {
            len
        } else {
            item.size as u64
        };
        if len > 0 {
            segments.push(Segment {
                start: offset,
                len,
                elem,
                kind,
            });
        }
        value += item.values();
        cursor = offset + len;
    }
    segments
}

/// The label of byte `at` of `segment`: `H1` (value 1, code H), `..`, `xx`.
fn label(segment: &Segment, at: u64) -> String {
    match segment.kind {
        Kind::Align => "..".into(),
        Kind::Pad => "xx".into(),
        Kind::Values { code, first } => {
            let index = first as u64 + (at - segment.start) / segment.elem.max(1);
            format!("{}{index}", code as char)
        }
    }
}

/// Each byte of the struct labelled with the value it holds, 16 to a row.
fn byte_map(out: &mut String, segments: &[Segment], size: u64) {
    out.push_str(
        "byte map (each byte: code and value index; .. alignment padding, xx pad byte):\n",
    );
    if size == 0 {
        out.push_str("  (no bytes)\n");
        return;
    }
    // The rows to print (None for a `*` standing for identical rows).
    let mut lines: Vec<Option<(u64, Vec<String>)>> = Vec::new();
    let mut previous: Option<Vec<String>> = None;
    let mut row = 0u64;
    let mut seg = 0;
    while row < size && lines.len() < MAX_ROWS {
        let end = (row + ROW).min(size);
        let mut cells = Vec::with_capacity(ROW as usize);
        let mut s = seg;
        for at in row..end {
            while segments[s].start + segments[s].len <= at {
                s += 1;
            }
            cells.push(label(&segments[s], at));
        }
        if previous.as_ref() == Some(&cells) {
            if lines.last().is_some_and(Option::is_some) {
                lines.push(None);
            }
        } else {
            lines.push(Some((row, cells.clone())));
        }
        while segments[seg].start + segments[seg].len <= row {
            seg += 1;
        }
        // Rows wholly inside one pad or byte string are all alike: jump to the
        // last of them.
        let here = &segments[seg];
        let seg_end = here.start + here.len;
        let mut next = row + ROW;
        if here.elem == here.len && here.start <= row && seg_end >= row + ROW {
            next = next.max(seg_end / ROW * ROW - ROW);
        }
        previous = Some(cells);
        row = next;
    }
    let widest = lines
        .iter()
        .flatten()
        .flat_map(|(_, cells)| cells.iter().map(String::len))
        .max()
        .unwrap_or(2);
    let offset_width = format!("{}", size - 1).len().max(4);
    for line in &lines {
        match line {
            Some((at, cells)) => {
                let _ = write!(out, "  {at:>offset_width$} |");
                for cell in cells {
                    let _ = write!(out, " {cell:>widest$}");
                }
                out.push('\n');
            }
            None => out.push_str("  *\n"),
        }
    }
    if row < size {
        let _ = writeln!(
            out,
            "  … the map stops here, {} bytes before the end",
            size - row
        );
    } else {
        let _ = writeln!(out, "  {size:>offset_width$}");
    }
}
