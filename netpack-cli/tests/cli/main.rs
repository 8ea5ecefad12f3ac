//! The `netpack` command, run as a user runs it: CPython-generated vectors
//! (`vectors`), errors and their pointers (`errors`), `iter` against Python's
//! `csv.writer` and in constant memory (`iter`), `iter --parquet/--arrow` read
//! back by pyarrow and DuckDB (`columnar`), `explain` (`explain`), `unpack` on
//! endless inputs (`endless`).
//!
//! One test binary, so the suite links once.

mod bits;
mod columnar;
mod endless;
mod errors;
mod explain;
mod iter;
mod readme;
mod vectors;

use assert_cmd::Command;
use std::path::PathBuf;
use std::process::Output;

/// The `netpack` binary under test.
pub fn netpack() -> Command {
    Command::cargo_bin("netpack").expect("the netpack binary")
}

/// Runs `netpack ARGS` with `stdin`.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    netpack()
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .expect("run netpack")
}

/// A fresh path in the temp directory, unique to this process and `name`.
pub fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("netpack-cli-{}-{name}", std::process::id()))
}

/// `python3`, when it is CPython 3.11 (the reference); otherwise prints why the
/// caller skips and returns false.
pub fn python311(what: &str) -> bool {
    let version = std::process::Command::new("python3")
        .arg("--version")
        .output();
    match version {
        Ok(o) if String::from_utf8_lossy(&o.stdout).starts_with("Python 3.11.") => true,
        _ => {
            println!("note: python3 is not CPython 3.11; skipping {what}");
            false
        }
    }
}

/// Bytes from lowercase hex.
pub fn decode_hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// The first line of stderr.
pub fn first_line(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}
