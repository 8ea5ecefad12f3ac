//! `netpack pack FMT VALUE...`: Python literals in, `struct.pack`'s bytes out, raw
//! or as a hex dump.

use crate::cli::PackArgs;
use crate::fail::{self, arg_bytes, Failure, Format};
use crate::literal::{self, Literal};
use crate::render;
use netpack::{Order, Value};
use netpack_format::Code;
use std::ffi::OsString;
use std::io::{self, IsTerminal};

/// Runs `netpack pack`.
pub fn run(args: &PackArgs) -> Result<(), Failure> {
    let (output, literals) = args.output.with_flags_in(&args.values)?;
    let format = Format::new(&args.format);
    let layout = format.layout()?;
    let (values, deferred) = values(&format, layout.order(), &literals)?;
    let bytes = match (layout.pack(&values), deferred) {
        // CPython converts the values in order, after counting them: an error of an
        // earlier value, or of the count, comes first.
        (Err(e), Some((index, _))) if e.argument().is_none_or(|a| a < index) => {
            return Err(format.failure(e, &literals))
        }
        (_, Some((_, failure))) => return Err(failure),
        (Err(e), None) => return Err(format.failure(e, &literals)),
        (Ok(bytes), None) => bytes,
    };
    output.write(&bytes)
}

/// How packed bytes are written: raw, or as a hex dump (`--hex`, or by default
/// on a terminal).
#[derive(clap::Args, Debug, Clone)]
pub struct Output {
    /// Write a hex dump (offset, hex, ASCII) even when stdout is not a terminal.
    #[arg(long, conflicts_with = "raw")]
    hex: bool,
    /// Write the raw bytes even when stdout is a terminal.
    #[arg(long)]
    raw: bool,
}

impl Output {
    /// These flags with those found among the values, and the values without
    /// them: values may start with a hyphen (-1, -0x10, -inf), so clap takes
    /// everything after the first value as values, `--hex` and `--raw` included.
    pub fn with_flags_in(&self, values: &[OsString]) -> Result<(Output, Vec<OsString>), Failure> {
        let mut output = self.clone();
        let mut literals = Vec::with_capacity(values.len());
        for value in values {
            match value.to_str() {
                Some("--hex") => output.hex = true,
                Some("--raw") => output.raw = true,
                _ => literals.push(value.clone()),
            }
        }
        if output.hex && output.raw {
            return Err(Failure::usage(
                "the argument '--hex' cannot be used with '--raw'",
            ));
        }
        Ok((output, literals))
    }

    /// Writes `bytes` to stdout.
    pub fn write(&self, bytes: &[u8]) -> Result<(), Failure> {
        if self.hex || (!self.raw && io::stdout().is_terminal()) {
            let mut out = Vec::new();
            render::hexdump(&mut out, bytes);
            fail::write_stdout(&out)
        } else {
            fail::write_stdout(bytes)
        }
    }
}

/// An error CPython raises while packing that no `Value` makes the runtime raise,
/// with the index of the value it is about.
type Deferred = Option<(usize, Failure)>;

/// The values of the literals, each converted as CPython converts it for its
/// code, and the first deferred error.
fn values(
    format: &Format,
    order: Order,
    args: &[OsString],
) -> Result<(Vec<Value>, Deferred), Failure> {
    let mut values = Vec::with_capacity(args.len());
    let mut deferred = None;
    for (index, arg) in args.iter().enumerate() {
        let text = arg_bytes(arg);
        let literal = literal::parse(&text).map_err(|e| {
            Failure::usage(format!("argument {index}: {}", e.message)).point(
                &format!("argument {index}"),
                &text,
                e.start,
                e.width,
            )
        })?;
        let value = match literal {
            Literal::Int(i) => Value::Int(i),
            Literal::Bool(b) => Value::Bool(b),
            Literal::Float(x) => Value::Float(x),
            Literal::Bytes(b) => Value::Bytes(b),
            Literal::Huge { negative, digits } => {
                match huge(format, order, index, negative, &digits) {
                    Ok(value) => value,
                    Err(message) => {
                        if deferred.is_none() {
                            deferred = Some((index, huge_failure(format, args, index, message)));
                        }
                        Value::Int(0)
                    }
                }
            }
        };
        values.push(value);
    }
    Ok((values, deferred))
}

/// An int beyond `i128` as CPython packs it for the code of value `index`: the
/// integer codes only need to know it is out of their range (so the `i128` at
/// the same end stands in for it), the float codes convert it to a double first.
fn huge(
    format: &Format,
    order: Order,
    index: usize,
    negative: bool,
    digits: &str,
) -> Result<Value, &'static str> {
    let saturated = Value::Int(if negative { i128::MIN } else { i128::MAX });
    let Some((item, _)) = format.position_of_value(index) else {
        return Ok(saturated);
    };
    if !matches!(item.code, Code::Half | Code::Float | Code::Double) {
        return Ok(saturated);
    }
    // Rust's parser rounds correctly, as CPython's int-to-float conversion.
    let magnitude: f64 = digits.parse().unwrap_or(f64::INFINITY);
    if magnitude.is_infinite() {
        // PyFloat_AsDouble's OverflowError, reported by struct as:
        return Err("required argument is not a float");
    }
    if item.code == Code::Half {
        // `e` overflows at 65504, so the stand-in raises CPython's error too.
        return Ok(saturated);
    }
    // PyFloat_Pack4 (standard `f`): a double that rounds to an infinite float.
    if item.code == Code::Float && !order.is_native() && (magnitude as f32).is_infinite() {
        return Err("int too large to convert");
    }
    Ok(Value::Float(if negative { -magnitude } else { magnitude }))
}

/// The failure CPython raises for value `index` that the runtime cannot be asked
/// for, worded as the runtime words its errors.
fn huge_failure(format: &Format, args: &[OsString], index: usize, message: &str) -> Failure {
    let (item, position) = match format.position_of_value(index) {
        Some(found) => found,
        None => return Failure::usage(message),
    };
    let code = item.code.as_char() as char;
    let text = arg_bytes(&args[index]);
    let width = format.item_text(&item).len();
    Failure::usage(format!(
        "{message} (argument {index}, '{code}' at format position {position})"
    ))
    .point("format", format.bytes(), position, width)
    .point(&format!("argument {index}"), &text, 0, text.len())
}
