//! The command line: subcommands, options and help text, declared with clap's derive.

use crate::fail::Failure;
use crate::source::Source;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// Python's `struct` formats from the shell, byte for byte as CPython 3.11.
///
/// Formats are Python's: an optional byte order (`@ = < > !`, `@` when absent)
/// then items such as `H`, `8s`, `3x`. Native `@` uses the sizes and alignment
/// of the machine the command runs on. Quote formats for the shell: `'!H8sb'`.
#[derive(Parser, Debug)]
#[command(name = "netpack", version, about, long_about, max_term_width = 100)]
#[command(
    after_help = "Exit status: 0 on success, 2 when the command line is wrong \
    (option, format, value), 1 when the input data is (too short, a partial record, \
    unreadable).",
    after_long_help = "Examples:
  netpack calcsize '@?HIhqfd'
  netpack explain '@?HIhqfd'
  netpack pack '!H8sb' 1 \"b'test.jpg'\" 2 > req.bin
  netpack unpack '!H8sb' req.bin
  netpack iter '<Ihd' records.bin --csv > records.csv
  netpack iter '<Ihd' records.bin --parquet records.parquet --names id,delta,value
  netpack bits explain 'u4u4u6u2u16'
  netpack bits unpack 'u1u3u4s16' --hex a3fffc

Exit status: 0 on success, 2 when the command line is wrong (option, format, value), \
1 when the input data is (too short, a partial record, unreadable)."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print the packed size of FORMAT, as `struct.calcsize(FORMAT)`.
    Calcsize(FormatArgs),
    /// Show every item of FORMAT with its offset, size and padding, and a byte map.
    Explain(FormatArgs),
    /// Pack Python literal values, as `struct.pack(FORMAT, VALUE, ...)`.
    ///
    /// Values are written as Python literals: `1`, `-2`, `0x10`, `1_000`, `1.5`,
    /// `1e-3`, `inf`, `-inf`, `nan`, `True`, `False`, `b'test.jpg'`, `b'\x00\xff'`
    /// (quote bytes for the shell: "b'test.jpg'"). Writes raw bytes when stdout is
    /// not a terminal and a hex dump when it is.
    #[command(allow_negative_numbers = true)]
    Pack(PackArgs),
    /// Unpack one record, printing what `print(struct.unpack_from(FORMAT, data, OFFSET))`
    /// prints.
    #[command(allow_negative_numbers = true)]
    Unpack(UnpackArgs),
    /// Unpack every record of a file of any size, as `struct.iter_unpack`, one line
    /// per record, in constant memory; or write them to a Parquet or Arrow IPC
    /// file, one column per value (--parquet, --arrow).
    Iter(IterArgs),
    /// Python's bitstruct bit-field formats (`u1u3u4s16`): calcsize, explain,
    /// pack, unpack.
    Bits(crate::bits::BitsArgs),
    /// Print a shell completion script (e.g. `netpack completions bash > netpack.bash`).
    Completions(CompletionArgs),
}

/// A command that takes only a format.
#[derive(Args, Debug)]
pub struct FormatArgs {
    /// A Python struct format, e.g. '!H8sb'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
}

/// `netpack pack`.
#[derive(Args, Debug)]
pub struct PackArgs {
    /// A Python struct format, e.g. '!H8sb'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
    /// One Python literal per value the format takes (`-1`, `-0x10`, `-inf` need no `--`).
    #[arg(value_name = "VALUE", allow_hyphen_values = true)]
    pub values: Vec<OsString>,
    /// Raw bytes or a hex dump.
    #[command(flatten)]
    pub output: crate::pack::Output,
}

/// `netpack unpack`.
#[derive(Args, Debug)]
pub struct UnpackArgs {
    /// A Python struct format, e.g. '!H8sb'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
    /// A file, standard input or a hex string.
    #[command(flatten)]
    pub input: Input,
    /// Where the record starts, as unpack_from's offset: a negative offset counts
    /// from the end.
    #[arg(
        long,
        value_name = "N",
        default_value = "0",
        allow_hyphen_values = true
    )]
    pub offset: OsString,
    /// Print a JSON array instead of Python's tuple (see the README for bytes).
    #[arg(long)]
    pub json: bool,
}

/// Where `netpack unpack` and `netpack bits unpack` read their data.
#[derive(Args, Debug)]
pub struct Input {
    /// The file to read; `-` or nothing for standard input.
    #[arg(value_name = "FILE", conflicts_with = "hex")]
    pub file: Option<PathBuf>,
    /// Read the data from this hex string instead of a file (spaces allowed).
    #[arg(long, value_name = "HEXSTRING")]
    pub hex: Option<OsString>,
}

impl Input {
    /// The hex string's bytes, or the file (standard input for `-` or none).
    pub fn open(&self) -> Result<Source, Failure> {
        match &self.hex {
            Some(hex) => Source::hex(hex),
            None => Source::open(self.file.as_deref()),
        }
    }
}

/// `netpack iter`.
#[derive(Args, Debug)]
pub struct IterArgs {
    /// A Python struct format, e.g. '<Ihd'.
    #[arg(value_name = "FORMAT")]
    pub format: OsString,
    /// The file to read; `-` for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Skip this many bytes before the first record (as iter_unpack over `data[N:]`).
    #[arg(long, value_name = "N", default_value = "0")]
    pub offset: OsString,
    /// Stop after this many records.
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,
    /// How to print each record.
    #[command(flatten)]
    pub style: Style,
    /// Ignore a trailing partial record instead of failing (a note on stderr says
    /// how many bytes were left over).
    #[arg(long)]
    pub allow_partial: bool,
    /// Parquet and Arrow output.
    #[cfg(feature = "columnar")]
    #[command(flatten)]
    pub columnar: crate::columnar::ColumnarArgs,
}

/// The output style of `iter`: one of the flags, `--repr` when none is given.
#[derive(Args, Debug)]
#[group(multiple = false)]
pub struct Style {
    /// Rows as Python's `csv.writer` writes them (`\r\n` line ends).
    #[arg(long)]
    pub csv: bool,
    /// One JSON array per line (see the README for bytes).
    #[arg(long)]
    pub jsonl: bool,
    /// One Python tuple per line, as `print(record)` (the default).
    #[arg(long)]
    pub repr: bool,
}

/// `netpack completions`.
#[derive(Args, Debug)]
pub struct CompletionArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The shells clap_complete writes completions for.
#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Shell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// Elvish.
    Elvish,
    /// PowerShell.
    Powershell,
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Elvish => S::Elvish,
        Shell::Powershell => S::PowerShell,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "netpack", &mut script);
    script
}
