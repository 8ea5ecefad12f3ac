//! `netpack bits`: cases drawn from the bitstruct vectors, with what bitstruct
//! prints for each (`tests/bits_cli_vectors.jsonl`, made by
//! `gen_bits_cli_vectors.py`), the errors and their carets, and `explain`.

use crate::{decode_hex, first_line, netpack, run, temp_path};
use serde_json::Value as Json;
use std::path::Path;

fn vectors_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bits_cli_vectors.jsonl")
}

/// Whether the error line says bitstruct's message: it starts with it, or where
/// netpack cut a quoted text (`…`) the message starts with what it kept.
fn says(line: &str, message: &str) -> bool {
    let want = format!("error: {message}");
    line.starts_with(&want)
        || line
            .split_once('…')
            .is_some_and(|(kept, _)| kept.len() > 40 && want.starts_with(kept))
}

fn check(case: &Json) -> Option<String> {
    let field = |k: &str| case[k].as_str().unwrap_or_default().to_string();
    let cmd = field("cmd");
    let mut args = vec!["bits".to_string(), cmd.clone(), field("fmt")];
    match cmd.as_str() {
        "pack" => {
            for a in case["args"].as_array().expect("args") {
                args.push(a.as_str().expect("literal").to_string());
            }
            args.push("--raw".into());
        }
        "unpack" => {
            args.push(format!("--hex={}", field("data")));
            args.push(format!("--offset={}", case["offset"]));
            if case["truncated"].as_bool() == Some(true) {
                args.push("--allow-truncated".into());
            }
        }
        _ => {}
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&argv, b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("panicked") {
        return Some(format!("{argv:?} panicked: {stderr}"));
    }
    let code = output.status.code();
    if let Some(message) = case["error"].as_str() {
        let want = case["exit"].as_i64().map(|c| c as i32);
        if code != want || !says(&first_line(&output), message) {
            return Some(format!(
                "{argv:?}: want exit {want:?} and `error: {message}`, got exit {code:?}: {stderr}"
            ));
        }
        return None;
    }
    let want = match case.get("stdout_hex") {
        Some(hex) => decode_hex(hex.as_str().expect("hex")),
        None => field("stdout").into_bytes(),
    };
    if code != Some(0) || output.stdout != want {
        return Some(format!(
            "{argv:?}: want {:?}, got exit {code:?}, stdout {:?}, stderr {stderr}",
            String::from_utf8_lossy(&want),
            String::from_utf8_lossy(&output.stdout)
        ));
    }
    None
}

#[test]
fn bitstruct_vectors() {
    let text = std::fs::read_to_string(vectors_file()).expect("read bits_cli_vectors.jsonl");
    let cases: Vec<Json> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON case"))
        .collect();
    assert!(cases.len() > 1000, "only {} cases", cases.len());
    // Two threads: each case is a process.
    let (a, b) = cases.split_at(cases.len() / 2);
    let failures: Vec<String> = std::thread::scope(|s| {
        let first = s.spawn(|| a.iter().filter_map(check).collect::<Vec<_>>());
        let second = s.spawn(|| b.iter().filter_map(check).collect::<Vec<_>>());
        let mut all = first.join().expect("thread");
        all.extend(second.join().expect("thread"));
        all
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed; the first:\n{}",
        failures.len(),
        cases.len(),
        failures[..failures.len().min(15)].join("\n")
    );
}

/// The Python with bitstruct: `$NETPACK_PYTHON` (as `.ci/run` sets it) or
/// `python3`; `None` (and a note) when it has no bitstruct, a failure when
/// `NETPACK_REQUIRE_ORACLES=1`.
fn bitstruct_python(what: &str) -> Option<String> {
    let python = std::env::var("NETPACK_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = std::process::Command::new(&python)
        .args(["-c", "import bitstruct, bitstruct.c"])
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        return Some(python);
    }
    let required = std::env::var("NETPACK_REQUIRE_ORACLES").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{what}: {python} has no bitstruct (run `bash .ci/python-env`)"
    );
    println!("note: {python} has no bitstruct; skipping {what}");
    None
}

/// The checked-in vectors are what the generator makes now.
#[test]
fn vectors_regenerate() {
    let Some(python) = bitstruct_python("the bits_cli_vectors.jsonl regeneration check") else {
        return;
    };
    let out = temp_path("bits-regenerated.jsonl");
    let status = std::process::Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gen_bits_cli_vectors.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run gen_bits_cli_vectors.py");
    assert!(status.success());
    let fresh = std::fs::read(&out).expect("read the regenerated vectors");
    let _ = std::fs::remove_file(&out);
    let checked_in = std::fs::read(vectors_file()).expect("read bits_cli_vectors.jsonl");
    assert!(
        fresh == checked_in,
        "netpack-cli/tests/bits_cli_vectors.jsonl is stale: run \
         $(bash .ci/python-env) netpack-cli/tests/gen_bits_cli_vectors.py"
    );
}

fn stderr_of(args: &[&str]) -> (i32, String) {
    let output = run(args, b"");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    )
}

#[test]
fn errors_point_at_the_field_and_the_argument() {
    let (code, stderr) = stderr_of(&["bits", "pack", "u1 <u4", "1", "16"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: \"u4\" requires 0 <= integer <= 15 (got 16) (argument 1, 'u4' at format position 4)\n\
         \x20     format: u1 <u4\n\
         \x20                 ^^\n\
         \x20 argument 1: 16\n\
         \x20             ^^\n"
    );
    let (code, stderr) = stderr_of(&["bits", "calcsize", "u8 x"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: bad format 'u8 x' (at format position 3)\n\
         \x20 format: u8 x\n\
         \x20            ^\n"
    );
    let (code, stderr) = stderr_of(&["bits", "pack", "u8t8", "1"]);
    assert_eq!(code, 2);
    assert!(
        stderr.ends_with("the format takes 2 values: u8 (0), t8 (1)\n"),
        "{stderr}"
    );
    let (code, stderr) = stderr_of(&["bits", "pack", "t8", r"'\x4'"]);
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: argument 0: truncated \\xXX escape"),
        "{stderr}"
    );
}

#[test]
fn data_errors_exit_1() {
    let (code, stderr) = stderr_of(&["bits", "unpack", "u8u8", "--hex", "01"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: unpack requires at least 16 bits to unpack (got 8)\n  --hex has 1 byte\n"
    );
    let (code, stderr) = stderr_of(&["bits", "unpack", "u4t8", "--hex", "0ff0"]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with(
        "error: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte ('t8' at format position 2)"
    ));
    let (code, _) = stderr_of(&["bits", "unpack", "u8", "--offset", "-1", "--hex", "00"]);
    assert_eq!(code, 2);
}

#[test]
fn unpack_reads_no_more_than_the_fields() {
    // An endless input: the fields are printed as soon as they are whole.
    let output = netpack()
        .args(["bits", "unpack", "u4u12", "/dev/zero"])
        .output()
        .expect("run netpack");
    assert!(output.status.success());
    assert_eq!(output.stdout, b"(0, 0)\n");
    let path = temp_path("bits-offset.bin");
    std::fs::write(&path, b"\x00\x00\xab\xcd").unwrap();
    let output = netpack()
        .args(["bits", "unpack", "u8<", "--offset", "20"])
        .arg(&path)
        .output()
        .expect("run netpack");
    let _ = std::fs::remove_file(&path);
    assert_eq!(String::from_utf8_lossy(&output.stdout), "(188,)\n");
}

#[test]
fn text_packs_and_prints_as_python() {
    let output = run(&["bits", "pack", "t32u8", "'é!'", "7", "--raw"], b"");
    assert!(output.status.success());
    assert_eq!(output.stdout, "é!\0\x07".as_bytes());
    let output = run(&["bits", "unpack", "t32b1", "--hex", "c3a92100 80"], b"");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "('é!\\x00', True)\n"
    );
    let output = run(&["bits", "unpack", "t16", "--hex", "2722", "--json"], b"");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "[\"'\\\"\"]\n");
}

#[test]
fn explain_maps_every_bit() {
    netpack()
        .args(["bits", "explain", "u1u3s4P2 u6<"])
        .assert()
        .success()
        .stdout(
            "\
format 'u1u3s4P2 u6<': 16 bits (2 bytes), 4 values
byte order: little (<): each field but t and r from its low bits, filling its first byte, then 8 at a time

fmt pos  field  bits  offset  value  bit order  holds   Rust type
      0  u1        1       0  0      msb first  0..=1   u8
      2  u3        3       1  1      msb first  0..=7   u8
      4  s4        4       4  2      msb first  -8..=7  i8
      6  P2        2       8  -      msb first  ones    -
      9  u6        6      10  3      msb first  0..=63  u8

bit map (value.bit, bit 0 the least significant; value:bit for t and r, bit 0
the first of the data; p/P padding; - unused):
  byte 0 | 0.0 1.2 1.1 1.0 2.3 2.2 2.1 2.0
  byte 1 |   P   P 3.5 3.4 3.3 3.2 3.1 3.0
",
        );
    // A field across bytes under the < byte order: its low bits first.
    let output = netpack()
        .args(["bits", "explain", "u4u12<"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.ends_with(
            "  byte 0 |  0.3  0.2  0.1  0.0  1.3  1.2  1.1  1.0\n\
             \x20 byte 1 | 1.11 1.10  1.9  1.8  1.7  1.6  1.5  1.4\n"
        ),
        "{text}"
    );
}
