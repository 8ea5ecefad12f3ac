//! The READMEs' `console` blocks, run as written: each `$ command` in bash, in
//! one empty directory per README (so later blocks see the files earlier ones
//! made), with stdout and stderr together checked against the lines below it.
//!
//! `duckdb` commands run the DuckDB CLI of the oracles' environment
//! (`.ci/python-env` installs it beside `$NETPACK_PYTHON`); without it they are
//! skipped, or fail when oracles are required.

use crate::temp_path;
use std::path::Path;
use std::process::Command;

/// The `$ command` lines of a README's console blocks with their expected output.
fn examples(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            out.push((command.to_string(), String::new()));
        } else if let Some((_, expected)) = out.last_mut() {
            expected.push_str(line);
            expected.push('\n');
        }
    }
    out
}

fn check(name: &str, readme: &Path) {
    let text = std::fs::read_to_string(readme).expect("read the README");
    let examples = examples(&text);
    assert!(
        !examples.is_empty(),
        "{} has no console examples",
        readme.display()
    );
    let dir = temp_path(&format!("readme-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("netpack");
    let oracles = std::env::var("NETPACK_PYTHON").ok().and_then(|python| {
        Path::new(&python)
            .parent()
            .map(|dir| format!("{}:", dir.display()))
    });
    let path = format!(
        "{}:{}{}",
        bin.parent().unwrap().display(),
        oracles.unwrap_or_default(),
        std::env::var("PATH").unwrap_or_default()
    );
    let duckdb = Command::new("bash")
        .args(["-c", "command -v duckdb"])
        .env("PATH", &path)
        .output()
        .is_ok_and(|o| o.status.success());
    for (command, expected) in examples {
        if command.starts_with("duckdb ") && !duckdb {
            let why = "no `duckdb` command (run `bash .ci/python-env` and set NETPACK_PYTHON)";
            assert!(!netpack_tests::oracle::required(), "`{command}`: {why}");
            println!("note: skipping `{command}`: {why}");
            continue;
        }
        let output = Command::new("bash")
            .args(["-c", &format!("exec 2>&1; set -o pipefail; {command}")])
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .expect("run bash");
        let got = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            got,
            expected,
            "{}: `{command}` printed something else",
            readme.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn readme_examples_run_as_written() {
    // The native layouts shown are those of x86_64 Linux.
    if !(cfg!(target_arch = "x86_64") && cfg!(target_os = "linux")) {
        println!("note: the README examples show x86_64 Linux; skipping");
        return;
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    check("cli", &crate_dir.join("README.md"));
    check("root", &crate_dir.join("../README.md"));
}
