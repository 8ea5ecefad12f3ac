//! `netpack`: Python's `struct` formats from the shell, byte for byte as CPython 3.11.
//!
//! ```text
//! netpack calcsize '@?HIhqfd'                  # 40
//! netpack explain '@?HIhqfd'                   # every item, its padding, a byte map
//! netpack pack '!H8sb' 1 "b'test.jpg'" 2       # raw bytes, or a hex dump on a terminal
//! netpack unpack '!H8sb' req.bin               # (1, b'test.jpg', 2)
//! netpack iter '<Ihd' records.bin --csv        # any size, in constant memory
//! ```
//!
//! Every command is a thin layer over the `netpack` runtime's public API
//! (`Struct`, `calcsize`, `Value`, `Error`) and `netpack-format`'s parser; what it
//! prints is what Python prints (`repr` of the values, `csv.writer` rows), and its
//! errors are CPython's messages with a pointer at the culprit. Exit status: 0 on
//! success, 2 when the command line is wrong (options, format, values), 1 when the
//! input data is (too short, a partial record, unreadable).
//!
//! This library is the command itself (the `netpack` binary only calls [`main`]);
//! it has no other API.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cli;
#[cfg(feature = "columnar")]
mod columnar;
mod explain;
mod fail;
mod iter;
mod literal;
mod pack;
mod render;
mod source;
mod unpack;

use clap::Parser as _;
use std::process::ExitCode;

/// Runs `netpack` with the process's arguments: parses them (clap prints help,
/// `--version` and usage errors itself, exiting with status 0 or 2), runs the
/// subcommand, and reports a failure on stderr.
pub fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Calcsize(a) => calcsize(&a),
        cli::Command::Explain(a) => explain::run(&a),
        cli::Command::Pack(a) => pack::run(&a),
        cli::Command::Unpack(a) => unpack::run(&a),
        cli::Command::Iter(a) => iter::run(&a),
        cli::Command::Completions(a) => fail::write_stdout(&cli::completions(a.shell)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

/// `netpack calcsize FMT`: Python's `struct.calcsize`.
fn calcsize(args: &cli::FormatArgs) -> Result<(), fail::Failure> {
    let format = fail::Format::new(&args.format);
    let size = format.layout()?.size();
    fail::write_stdout(format!("{size}\n").as_bytes())
}
