//! Replays `tests/cli_vectors.jsonl` (made by `gen_cli_vectors.py` with CPython's
//! `struct`): each case's stdout, or its error message and exit status.

use crate::{decode_hex, first_line, python311, run, temp_path};
use serde_json::Value as Json;
use std::path::Path;

fn vectors_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli_vectors.jsonl")
}

/// Native formats were generated on LP64 little-endian; explicit orders replay
/// everywhere.
fn replayable_here(fmt: &str) -> bool {
    let lp64_le = cfg!(target_endian = "little")
        && cfg!(target_pointer_width = "64")
        && std::mem::size_of::<std::ffi::c_long>() == 8;
    lp64_le || fmt.starts_with(['<', '>', '!'])
}

/// Runs one case; `None` when it passes, else what went wrong.
fn check(index: usize, case: &Json) -> Option<String> {
    let field = |k: &str| case[k].as_str().unwrap_or_default().to_string();
    let cmd = field("cmd");
    let fmt = field("fmt");
    let mut args: Vec<String> = vec![cmd.clone(), fmt.clone()];
    let mut stdin = Vec::new();
    let mut file = None;
    match cmd.as_str() {
        "pack" => {
            for a in case["args"].as_array().expect("args") {
                args.push(a.as_str().expect("literal").to_string());
            }
        }
        "unpack" => {
            let data = decode_hex(&field("data"));
            match field("via").as_str() {
                "hex" => args.extend(["--hex".to_string(), field("data")]),
                "stdin" => {
                    args.push("-".into());
                    stdin = data;
                }
                _ => {
                    let path = temp_path(&format!("vector-{index}"));
                    std::fs::write(&path, &data).expect("write the data file");
                    args.push(path.display().to_string());
                    file = Some(path);
                }
            }
            args.push(format!("--offset={}", case["offset"]));
        }
        "iter" => {
            let path = temp_path(&format!("vector-{index}"));
            std::fs::write(&path, decode_hex(&field("data"))).expect("write the data file");
            args.push(path.display().to_string());
            args.push(format!("--{}", field("style")));
            file = Some(path);
        }
        _ => {}
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&argv, &stdin);
    if let Some(path) = file {
        let _ = std::fs::remove_file(path);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    if stderr.contains("panicked") {
        return Some(format!("{argv:?} panicked: {stderr}"));
    }
    let code = output.status.code();
    if let Some(message) = case["error"].as_str() {
        let want = case["exit"].as_i64().map(|c| c as i32);
        let line = first_line(&output);
        if code != want || !line.starts_with(&format!("error: {message}")) {
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
fn cpython_vectors() {
    let text = std::fs::read_to_string(vectors_file()).expect("read cli_vectors.jsonl");
    let cases: Vec<Json> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON case"))
        .filter(|c: &Json| replayable_here(c["fmt"].as_str().unwrap_or_default()))
        .collect();
    assert!(cases.len() > 500, "only {} cases", cases.len());
    // Two threads: each case is a process.
    let failures: Vec<String> = std::thread::scope(|s| {
        let half = cases.len() / 2;
        let (a, b) = cases.split_at(half);
        let first = s.spawn(move || {
            a.iter()
                .enumerate()
                .filter_map(|(i, c)| check(i, c))
                .collect::<Vec<_>>()
        });
        let second = s.spawn(move || {
            b.iter()
                .enumerate()
                .filter_map(|(i, c)| check(half + i, c))
                .collect::<Vec<_>>()
        });
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

/// The checked-in vectors are what the generator makes now.
#[test]
fn vectors_regenerate() {
    if !python311("the cli_vectors.jsonl regeneration check") {
        return;
    }
    let out = temp_path("regenerated.jsonl");
    let status = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gen_cli_vectors.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run gen_cli_vectors.py");
    assert!(status.success());
    let fresh = std::fs::read(&out).expect("read the regenerated vectors");
    let _ = std::fs::remove_file(&out);
    let checked_in = std::fs::read(vectors_file()).expect("read cli_vectors.jsonl");
    assert!(
        fresh == checked_in,
        "netpack-cli/tests/cli_vectors.jsonl is stale: run python3 netpack-cli/tests/gen_cli_vectors.py"
    );
}
