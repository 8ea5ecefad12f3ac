//! Failures: CPython's message, a pointer at the culprit (a caret under the format
//! position, under the value argument, or the byte range of the input), and the
//! exit status that says whether the command line or the data was wrong.

use netpack::{Error, ErrorKind, Struct};
use netpack_format::{Item, Parser};
use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::process::ExitCode;

/// Exit status when the command line is wrong: an option, the format, a value.
pub const USAGE: u8 = 2;
/// Exit status when the input data is wrong or cannot be read or written.
pub const DATA: u8 = 1;

/// Why a command stopped, ready to be shown on stderr.
#[derive(Debug)]
pub struct Failure {
    status: u8,
    message: String,
    pointers: Vec<Pointer>,
    notes: Vec<String>,
    /// stdout was closed by its reader (`| head -1`): stop without a word.
    quiet: bool,
}

/// One line of the culprit's text with a caret line under it.
#[derive(Debug)]
struct Pointer {
    label: String,
    text: String,
    column: usize,
    width: usize,
}

impl Failure {
    /// A failure of the command line (exit status 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::new(USAGE, message.into())
    }

    /// A failure of the input data (exit status 1).
    pub fn data(message: impl Into<String>) -> Failure {
        Failure::new(DATA, message.into())
    }

    fn new(status: u8, message: String) -> Failure {
        Failure {
            status,
            message,
            pointers: Vec::new(),
            notes: Vec::new(),
            quiet: false,
        }
    }

    /// A failure to write stdout; a reader that went away ends the command quietly.
    pub fn output(e: io::Error) -> Failure {
        let mut failure = Failure::data(format!("cannot write the output: {e}"));
        failure.quiet = e.kind() == io::ErrorKind::BrokenPipe;
        failure
    }

    /// A failure to read the input `name`.
    pub fn input(name: &str, e: io::Error) -> Failure {
        Failure::data(format!("cannot read {name}: {e}"))
    }

    /// Adds a line of explanation after the pointers.
    pub fn note(mut self, line: impl Into<String>) -> Failure {
        self.notes.push(line.into());
        self
    }

    /// Adds a caret under bytes `start..start + width` of `text` (shown escaped).
    pub fn point(mut self, label: &str, text: &[u8], start: usize, width: usize) -> Failure {
        let (shown, columns) = visible(text);
        let column = columns[start.min(text.len())];
        let end = columns[(start + width.max(1)).min(text.len())];
        self.pointers.push(Pointer {
            label: label.to_string(),
            text: shown,
            column,
            width: end.saturating_sub(column).max(1),
        });
        self
    }

    /// The text shown on stderr: `error: MESSAGE`, the pointers, the notes.
    pub fn render(&self) -> String {
        let mut out = format!("error: {}\n", self.message);
        let label_width = self.pointers.iter().map(|p| p.label.len()).max();
        for p in &self.pointers {
            let width = label_width.unwrap_or(0);
            let _ = writeln!(out, "  {:>width$}: {}", p.label, p.text);
            let _ = writeln!(
                out,
                "  {:width$}  {}{}",
                "",
                " ".repeat(p.column),
                "^".repeat(p.width)
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "  {note}");
        }
        out
    }

    /// Prints the failure on stderr and gives the exit status.
    pub fn report(self) -> ExitCode {
        if self.quiet {
            return ExitCode::SUCCESS;
        }
        let _ = io::stderr().lock().write_all(self.render().as_bytes());
        ExitCode::from(self.status)
    }
}

/// Writes `bytes` to stdout and flushes.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes).map_err(Failure::output)?;
    out.flush().map_err(Failure::output)
}

/// The bytes of a command-line argument (as given, on Unix; lossily elsewhere).
pub fn arg_bytes(arg: &OsStr) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        arg.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        arg.to_string_lossy().into_owned().into_bytes()
    }
}

/// A format given on the command line, kept as its bytes so errors can point into
/// it even when it is not UTF-8.
pub struct Format {
    bytes: Vec<u8>,
}

impl Format {
    /// The format argument as given.
    pub fn new(arg: &OsStr) -> Format {
        Format {
            bytes: arg_bytes(arg),
        }
    }

    /// The format's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The compiled format, or CPython's message with a caret under the position.
    pub fn layout(&self) -> Result<Struct, Failure> {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => Struct::new(text).map_err(|e| self.failure(e, &[])),
            // Not UTF-8, so some byte is not ASCII, which the parser rejects as a
            // bad char: let it say where.
            Err(_) => match netpack_format::summarize(&self.bytes) {
                Err(e) => Err(self.failure(Error::from(e), &[])),
                Ok(_) => Err(Failure::usage("the format is not valid UTF-8")),
            },
        }
    }

    /// The items of a format that parsed.
    pub fn items(&self) -> Vec<Item> {
        match Parser::new(&self.bytes) {
            Ok(parser) => parser.map_while(Result::ok).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// How many bytes of the format the item at `position` spans (count and code).
    fn item_width(&self, position: usize) -> usize {
        let rest = self.bytes.get(position..).unwrap_or_default();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        (digits + 1).min(rest.len().max(1))
    }

    /// A runtime error about this format, with carets under the format position and
    /// under the value argument (`values` as typed) when the error names them.
    pub fn failure(&self, e: Error, values: &[OsString]) -> Failure {
        let usage = match e.kind() {
            ErrorKind::BadFormat
            | ErrorKind::ArgCount
            | ErrorKind::ArgType
            | ErrorKind::ArgRange
            | ErrorKind::ZeroSizeIter => true,
            ErrorKind::FormatTooLarge => e.format_error().is_some(),
            _ => false,
        };
        let message = e.to_string();
        let mut failure = if usage {
            Failure::usage(message)
        } else {
            Failure::data(message)
        };
        if let Some(fe) = e.format_error() {
            failure = failure.point("format", &self.bytes, fe.position, 1);
        } else if let Some(position) = e.position() {
            let width = self.item_width(position);
            failure = failure.point("format", &self.bytes, position, width);
        }
        if let Some(index) = e.argument() {
            if let Some(value) = values.get(index) {
                let text = arg_bytes(value);
                let label = format!("argument {index}");
                failure = failure.point(&label, &text, 0, text.len());
            }
        }
        if e.kind() == ErrorKind::ArgCount {
            failure = failure.note(self.takes());
        }
        failure
    }

    /// "the format takes 3 values: H (0), 8s (1), b (2)".
    pub fn takes(&self) -> String {
        let mut parts = Vec::new();
        let mut index = 0;
        for item in self.items() {
            let n = item.values();
            if n == 0 {
                continue;
            }
            let text = self.item_text(&item);
            parts.push(match n {
                1 => format!("{text} ({index})"),
                _ => format!("{text} ({}-{})", index, index + n - 1),
            });
            index += n;
        }
        let s = if index == 1 { "" } else { "s" };
        if parts.is_empty() {
            "the format takes no values".to_string()
        } else {
            format!("the format takes {index} value{s}: {}", parts.join(", "))
        }
    }

    /// The item as written in the format: `8s`, `3h`, `x`.
    pub fn item_text(&self, item: &Item) -> String {
        let width = self.item_width(item.position);
        let end = (item.position + width).min(self.bytes.len());
        String::from_utf8_lossy(&self.bytes[item.position..end]).into_owned()
    }

    /// The code's format position for argument `index` (its item's start).
    pub fn position_of_value(&self, index: usize) -> Option<(Item, usize)> {
        let mut first = 0;
        for item in self.items() {
            let n = item.values();
            if index < first + n {
                return Some((item, item.position));
            }
            first += n;
        }
        None
    }
}

/// `text` as shown on a terminal line: printable characters as they are, control
/// characters and invalid UTF-8 escaped as Python escapes them (`\t`, `\x00`), with
/// the column where each byte starts (and one past the end).
pub fn visible(text: &[u8]) -> (String, Vec<usize>) {
    let mut shown = String::new();
    let mut columns = Vec::with_capacity(text.len() + 1);
    let mut column = 0;
    let mut i = 0;
    while i < text.len() {
        let len = match text[i] {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => 1,
        };
        let ch = text
            .get(i..i + len)
            .and_then(|s| std::str::from_utf8(s).ok())
            .and_then(|s| s.chars().next())
            .filter(|c| !c.is_control());
        match ch {
            Some(c) => {
                shown.push(c);
                columns.extend(std::iter::repeat_n(column, len));
                column += 1;
                i += len;
            }
            None => {
                let escaped = match text[i] {
                    b'\t' => "\\t".to_string(),
                    b'\n' => "\\n".to_string(),
                    b'\r' => "\\r".to_string(),
                    b => format!("\\x{b:02x}"),
                };
                shown.push_str(&escaped);
                columns.push(column);
                column += escaped.len();
                i += 1;
            }
        }
    }
    columns.push(column);
    (shown, columns)
}
