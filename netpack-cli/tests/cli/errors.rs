//! Errors: CPython's message, a caret under the culprit, exit 2 for the command
//! line and 1 for the data; never a panic; quiet on a closed pipe.

use crate::{first_line, netpack, run, temp_path};
use predicates::prelude::*;
use std::io::Read;
use std::process::Stdio;

fn stderr_of(args: &[&str]) -> (i32, String) {
    let output = run(args, b"");
    let code = output.status.code().unwrap_or(-1);
    (
        code,
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

#[test]
fn a_bad_format_gets_a_caret_under_its_position() {
    let (code, stderr) = stderr_of(&["calcsize", "<3 h"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: bad char in struct format (' ' at format position 2)\n\
         \x20 format: <3 h\n\
         \x20           ^\n"
    );
    // Control characters are shown escaped, and the caret follows.
    let (code, stderr) = stderr_of(&["explain", "h\tz"]);
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with("  format: h\\tz\n             ^\n"),
        "{stderr}"
    );
    let (_, stderr) = stderr_of(&["calcsize", "12"]);
    assert!(stderr.starts_with("error: repeat count given without format specifier"));
}

#[test]
fn a_bad_value_gets_carets_under_its_item_and_argument() {
    let (code, stderr) = stderr_of(&["pack", "!H8sb", "1", "b'test.jpg'", "200"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: byte format requires -128 <= number <= 127 (argument 2, 'b' at format position 4)\n\
         \x20     format: !H8sb\n\
         \x20                 ^\n\
         \x20 argument 2: 200\n\
         \x20             ^^^\n"
    );
    let (code, stderr) = stderr_of(&["pack", "<3h", "1", "2", "b'x'"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with(
        "error: required argument is not an integer (argument 2, 'h' at format position 1)\n\
         \x20     format: <3h\n\
         \x20              ^^\n"
    ));
}

#[test]
fn a_literal_that_does_not_parse_is_pointed_at() {
    let (code, stderr) = stderr_of(&["pack", "4s", r"b'ab\x4'"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: argument 0: invalid \\x escape\n\
         \x20 argument 0: b'ab\\x4'\n\
         \x20                 ^^^^\n"
    );
    let (code, stderr) = stderr_of(&["pack", "4s", "'abcd'"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("a str is not bytes"), "{stderr}");
}

#[test]
fn a_wrong_count_says_what_the_format_takes() {
    let (code, stderr) = stderr_of(&["pack", "!H8sb", "1"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: pack expected 3 items for packing (got 1)\n\
         \x20 the format takes 3 values: H (0), 8s (1), b (2)\n"
    );
}

#[test]
fn short_data_is_a_data_error_that_says_where() {
    let (code, stderr) = stderr_of(&["unpack", "!H8sb", "--hex", "0001", "--offset", "2"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: unpack_from requires a buffer of at least 13 bytes for unpacking 11 bytes at \
         offset 2 (actual buffer size is 2)\n\
         \x20 --hex has 2 bytes; the record at offset 2 needs bytes 2..13\n"
    );
    let file = temp_path("partial.bin");
    std::fs::write(&file, [1, 0, 2, 0, 3]).unwrap();
    let path = file.to_str().unwrap();
    let output = run(&["iter", "<h", path], b"");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.is_empty(),
        "a file is checked before any record is printed"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: iterative unpacking requires a buffer of a multiple of 2 bytes\n\
             \x20 {path} has 5 bytes: 2 records of 2 bytes and 1 byte left over\n\
             \x20 pass --allow-partial to ignore them\n"
        )
    );
    // On a stream the records come first, then the error.
    let output = run(&["iter", "<h", "-"], &[1, 0, 2, 0, 3]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(output.stdout, b"(1,)\n(2,)\n");
    netpack()
        .args(["iter", "<h", path, "--allow-partial"])
        .assert()
        .success()
        .stdout("(1,)\n(2,)\n")
        .stderr(predicate::str::contains("ignored the last 1 byte"));
    let _ = std::fs::remove_file(file);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    netpack().assert().code(2);
    netpack().args(["pack"]).assert().code(2);
    netpack().args(["iter", "<h"]).assert().code(2);
    netpack().args(["unpack", "<h", "--bogus"]).assert().code(2);
    netpack()
        .args(["iter", "<h", "-", "--csv", "--jsonl"])
        .assert()
        .code(2);
    netpack()
        .args([
            "unpack",
            "<h",
            "--offset",
            "0x7fffffffffffffff0",
            "--hex",
            "0000",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: Python int too large to convert to C ssize_t",
        ));
    netpack()
        .args(["unpack", "<h", "--hex", "0g"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a hex digit"));
    netpack()
        .args(["iter", "", "-"])
        .assert()
        .code(2)
        .stderr("error: cannot iteratively unpack with a struct of length 0\n");
    netpack().arg("--help").assert().success();
    netpack()
        .arg("--version")
        .assert()
        .success()
        .stdout(format!("netpack {}\n", env!("CARGO_PKG_VERSION")));
    netpack()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_netpack()"));
}

#[test]
fn odd_input_never_panics() {
    let file = temp_path("odd.bin");
    std::fs::write(&file, [0xff; 37]).unwrap();
    let path = file.to_str().unwrap();
    let cases: &[&[&str]] = &[
        &["calcsize", ""],
        &["calcsize", "9223372036854775807x"],
        &["calcsize", "9223372036854775808x"],
        &["explain", "9223372036854775807x"],
        &["explain", "@b1152921504606846976q"],
        &["explain", "0p0s0x0b"],
        &["explain", "é"],
        &["pack", "9223372036854775807x"],
        &["pack", "e", "1e400"],
        &[
            "pack",
            "?",
            "-0x_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff_ffff",
        ],
        &["pack", "c", "b"],
        &["pack", "c", "b'"],
        &["pack", "c", "b'\\"],
        &["pack", "c", "rb'\\'"],
        &["pack", "c", ""],
        &["pack", "c", "-"],
        &["pack", "c", "."],
        &["pack", "c", "0x"],
        &["pack", "d", "1e99999"],
        &["unpack", "4294967295s4294967295s", path],
        &["unpack", "h", path, "--offset", "-9223372036854775808"],
        &[
            "unpack",
            "9223372036854775807x",
            path,
            "--offset",
            "9223372036854775807",
        ],
        &["unpack", "h", "-", "--offset", "-1"],
        &["unpack", "4294967295s", "-"],
        &["iter", "4294967295s", path],
        &["iter", "4294967295s", "-"],
        &[
            "iter",
            "h",
            path,
            "--offset",
            "9223372036854775807",
            "--count",
            "18446744073709551615",
        ],
        &["iter", "9223372036854775807x", path],
        &["iter", "h", path, "--offset", "-1"],
    ];
    for args in cases {
        let output = run(args, &[0xff; 37]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        assert!(
            matches!(code, Some(0..=2)) && !stderr.contains("panicked"),
            "{args:?}: exit {code:?}, {stderr}"
        );
        if code != Some(0) {
            assert!(
                first_line(&output).starts_with("error: "),
                "{args:?}: {stderr}"
            );
        }
    }
    let _ = std::fs::remove_file(file);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let file = temp_path("pipe.bin");
    std::fs::write(&file, vec![7u8; 1 << 20]).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("netpack"))
        .args(["iter", "<h", file.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn netpack");
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone now, as with `| head -1`.
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    let _ = std::fs::remove_file(file);
    assert_eq!(&first, b"(1799,)\n(1799,)\n");
    assert!(status.success(), "{status}");
    assert_eq!(stderr, "");
}
