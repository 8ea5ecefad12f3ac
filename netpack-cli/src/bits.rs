//! `netpack bits calcsize|explain|pack|unpack FORMAT …`: Python's bitstruct
//! formats from the shell, with the struct commands' conventions (Python
//! literals in, what Python prints out, errors with carets, exit status 2 for
//! the command line and 1 for the data).

use crate::bits_literal::{self, BitsLiteral};
use crate::fail::{self, arg_bytes, Failure};
use crate::literal::Literal;
use clap::{Args, Subcommand};
use netpack::bits::{BitCode, CompiledFormat, Item};
use netpack::{Error, ErrorKind, Value};
use netpack_format::bits::Parser;
use std::ffi::{OsStr, OsString};

/// `netpack bits`.
#[derive(Args, Debug)]
pub struct BitsArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: BitsCommand,
}

/// The `bits` subcommands.
#[derive(Subcommand, Debug)]
pub enum BitsCommand {
    /// Print the length of FORMAT in bits, as `bitstruct.calcsize(FORMAT)`.
    Calcsize(FormatArg),
    /// Show every field of FORMAT, and which bit of which value each bit of each
    /// byte holds.
    Explain(FormatArg),
    /// Pack Python literal values, as `bitstruct.pack(FORMAT, VALUE, ...)`.
    ///
    /// Values are Python literals, as for `netpack pack`, and `str` literals
    /// (`'abc'`, `"it's"`, `'caf\xe9'`) for text fields. Writes raw bytes when
    /// stdout is not a terminal and a hex dump when it is.
    #[command(allow_negative_numbers = true)]
    Pack(PackArgs),
    /// Unpack the fields, printing what `print(bitstruct.unpack_from(FORMAT, data,
    /// OFFSET))` prints.
    Unpack(UnpackArgs),
}

/// A bits command that takes only a format.
#[derive(Args, Debug)]
pub struct FormatArg {
    /// A bitstruct format, e.g. 'u1u3u4s16'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
}

/// `netpack bits pack`.
#[derive(Args, Debug)]
pub struct PackArgs {
    /// A bitstruct format, e.g. 'u1u3u4s16'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
    /// One Python literal per value the format takes.
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub values: Vec<OsString>,
    /// Raw bytes or a hex dump.
    #[command(flatten)]
    pub output: crate::pack::Output,
}

/// `netpack bits unpack`.
#[derive(Args, Debug)]
pub struct UnpackArgs {
    /// A bitstruct format, e.g. 'u1u3u4s16'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
    /// A file, standard input or a hex string.
    #[command(flatten)]
    pub input: crate::cli::Input,
    /// Where the fields start, in bits (unpack_from's offset).
    #[arg(long, value_name = "BITS", default_value = "0")]
    pub offset: OsString,
    /// Unpack the fields the data holds whole when it ends early (bitstruct's
    /// allow_truncated=True).
    #[arg(long)]
    pub allow_truncated: bool,
    /// Print a JSON array instead of Python's tuple.
    #[arg(long)]
    pub json: bool,
}

/// Runs `netpack bits …`.
pub fn run(args: &BitsArgs) -> Result<(), Failure> {
    match &args.command {
        BitsCommand::Calcsize(a) => {
            let bits = BitsFormat::new(&a.format).compile()?.calcsize();
            fail::write_stdout(format!("{bits}\n").as_bytes())
        }
        BitsCommand::Explain(a) => crate::bits_explain::run(&BitsFormat::new(&a.format)),
        BitsCommand::Pack(a) => pack(a),
        BitsCommand::Unpack(a) => unpack(a),
    }
}

/// A bit format from the command line, kept as bytes so that errors point into
/// it even when it is not UTF-8.
pub struct BitsFormat {
    bytes: Vec<u8>,
}

impl BitsFormat {
    /// The format argument as given.
    pub fn new(arg: &OsStr) -> BitsFormat {
        BitsFormat {
            bytes: arg_bytes(arg),
        }
    }

    /// The format's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The compiled format, or bitstruct's message with a caret under the culprit.
    pub fn compile(&self) -> Result<CompiledFormat, Failure> {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => CompiledFormat::new(text).map_err(|e| self.failure(e, &[])),
            Err(_) => Err(match netpack_format::bits::calcsize(&self.bytes) {
                Err(e) => {
                    let text = String::from_utf8_lossy(&self.bytes);
                    Failure::usage(e.with_format(&self.bytes).to_string())
                        .point("format", &self.bytes, e.position, 1)
                        .note(format!("the format read as UTF-8: {text}"))
                }
                Ok(_) => Failure::usage("the format is not valid UTF-8"),
            }),
        }
    }

    /// The fields of a format that compiled.
    pub fn items(&self) -> Vec<Item> {
        match Parser::new(&self.bytes) {
            Ok(parser) => parser.map_while(Result::ok).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The field as written: its bit order (when it has one), code and length.
    pub fn item_text(&self, item: &Item) -> String {
        let start = item.position - usize::from(item.prefixed);
        let end = (item.position + item.text_len).min(self.bytes.len());
        String::from_utf8_lossy(&self.bytes[start..end]).into_owned()
    }

    /// An error about this format, with carets under the field and the argument.
    pub fn failure(&self, e: Error, values: &[OsString]) -> Failure {
        let usage = match e.kind() {
            ErrorKind::BufferSize | ErrorKind::InvalidValue => false,
            ErrorKind::Unrepresentable => e.argument().is_some(),
            _ => true,
        };
        let message = e.to_string();
        let mut failure = if usage {
            Failure::usage(message)
        } else {
            Failure::data(message)
        };
        if let Some(fe) = e.bits_format_error() {
            failure = failure.point("format", &self.bytes, fe.position, 1);
        } else if let Some((_, _, position)) = e.bit_field() {
            let width = self
                .items()
                .iter()
                .find(|i| i.position == position)
                .map_or(1, |i| i.text_len);
            failure = failure.point("format", &self.bytes, position, width);
        }
        if let Some(index) = e.argument() {
            if let Some(value) = values.get(index) {
                let text = arg_bytes(value);
                failure = failure.point(&format!("argument {index}"), &text, 0, text.len());
            }
        }
        if e.kind() == ErrorKind::ArgCount {
            failure = failure.note(self.takes());
        }
        failure
    }

    /// "the format takes 2 values: u1 (0), t8 (1)".
    fn takes(&self) -> String {
        let parts: Vec<String> = self
            .items()
            .iter()
            .filter(|i| !i.code.is_padding())
            .map(|i| format!("{} ({})", self.item_text(i), i.value))
            .collect();
        match parts.len() {
            0 => "the format takes no values".to_string(),
            1 => format!("the format takes 1 value: {}", parts[0]),
            n => format!("the format takes {n} values: {}", parts.join(", ")),
        }
    }
}

/// `netpack bits pack`.
fn pack(args: &PackArgs) -> Result<(), Failure> {
    let (output, literals) = args.output.with_flags_in(&args.values)?;
    let format = BitsFormat::new(&args.format);
    let compiled = format.compile()?;
    let items = format.items();
    let mut values = Vec::with_capacity(literals.len());
    for (index, arg) in literals.iter().enumerate() {
        let text = arg_bytes(arg);
        let literal = bits_literal::parse(&text).map_err(|e| {
            Failure::usage(format!("argument {index}: {}", e.message)).point(
                &format!("argument {index}"),
                &text,
                e.start,
                e.width,
            )
        })?;
        let code = items
            .iter()
            .find(|i| !i.code.is_padding() && i.value == index)
            .map(|i| i.code);
        values.push(value_of(literal, code));
    }
    let bytes = compiled
        .pack(&values)
        .map_err(|e| format.failure(e, &literals))?;
    output.write(&bytes)
}

/// The value a literal stands for, for a field of `code`.
fn value_of(literal: BitsLiteral, code: Option<BitCode>) -> Value {
    match literal {
        BitsLiteral::Str(text) => Value::Str(text),
        BitsLiteral::Struct(Literal::Int(i)) => Value::Int(i),
        BitsLiteral::Struct(Literal::Bool(b)) => Value::Bool(b),
        BitsLiteral::Struct(Literal::Float(x)) => Value::Float(x),
        BitsLiteral::Struct(Literal::Bytes(b)) => Value::Bytes(b),
        // An int beyond i128: what bitstruct does with it depends only on the
        // digits for `u`, `s`, `f` and `b` (int() and float() of its decimal
        // are the int and its float, bool() is true), which a `str` of them
        // gives netpack too; `t` and `r` refuse an int of any size.
        BitsLiteral::Struct(Literal::Huge { negative, digits }) => match code {
            Some(BitCode::Text | BitCode::Raw) => Value::Int(0),
            _ => Value::Str(if negative {
                format!("-{digits}")
            } else {
                digits
            }),
        },
    }
}

/// `netpack bits unpack`.
fn unpack(args: &UnpackArgs) -> Result<(), Failure> {
    let format = BitsFormat::new(&args.format);
    let compiled = format.compile()?;
    let offset = bit_offset(&args.offset)?;
    let mut input = args.input.open()?;
    // Only the bytes the fields need are read: the whole bytes before the
    // offset are skipped, then as many as hold the fields (a stream need not
    // end: /dev/zero).
    let skip = (offset / 8) as u64;
    let skipped = input.skip(skip)?;
    let within = if skipped == skip { offset % 8 } else { 0 };
    let need = (within as u64 + compiled.calcsize() as u64).div_ceil(8);
    let mut data = Vec::new();
    input.read_up_to(&mut data, need)?;
    if skipped < skip {
        data.clear();
    }
    let values = if args.allow_truncated {
        compiled.unpack_from_truncated(&data, within)
    } else {
        compiled.unpack_from(&data, within)
    };
    let values = values.map_err(|e| {
        let failure = format.failure(e, &[]);
        if e.kind() == ErrorKind::BufferSize {
            let len = skipped + data.len() as u64;
            let s = if len == 1 { "" } else { "s" };
            failure.note(format!("{} has {len} byte{s}", input.name))
        } else {
            failure
        }
    })?;
    crate::unpack::print_record(&values, args.json)
}

/// A bit offset: a non-negative Python int (bitstruct takes a negative one and
/// reads garbage; netpack refuses it).
fn bit_offset(text: &OsStr) -> Result<usize, Failure> {
    let bytes = arg_bytes(text);
    let value = crate::literal::parse_int(&bytes).map_err(|e| {
        Failure::usage(format!("--offset: {}", e.message))
            .point("--offset", &bytes, e.start, e.width)
    })?;
    usize::try_from(value).map_err(|_| {
        Failure::usage(
            "--offset: a bit offset is an int from 0 (bitstruct reads garbage before the data)",
        )
        .point("--offset", &bytes, 0, bytes.len())
    })
}
