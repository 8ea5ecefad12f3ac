//! `iter --parquet/--arrow`: the files read back by pyarrow and DuckDB against
//! `struct.iter_unpack` (`tests/columnar_readback.py`), and the errors, which
//! are `iter`'s and leave no half-written file behind.

use crate::{first_line, netpack, run, temp_path};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = temp_path(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}

#[test]
fn parquet_and_arrow_files_read_back_as_struct_iter_unpack() {
    let Some(python) = netpack_tests::oracle::with_modules(
        "the Parquet/Arrow read-back",
        &["pyarrow", "duckdb", "numpy"],
    ) else {
        return;
    };
    let dir = scratch("readback");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/columnar_readback.py");
    let out = Command::new(python)
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin("netpack"))
        .arg(&dir)
        .output()
        .expect("run the read-back script");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = stdout.lines().last().unwrap_or_default();
    let checked: u64 = summary
        .strip_prefix("checked ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // 7 formats of 1000 records and 12-27 values, read five ways.
    assert!(checked > 400_000, "{stdout}");
}

#[test]
fn names_must_be_one_per_value_and_distinct() {
    let dir = scratch("names");
    let input = dir.join("in.bin");
    std::fs::write(&input, [0u8; 14]).unwrap();
    let out_file = dir.join("out.parquet");
    let out = run(
        &[
            "iter",
            "<Ihd",
            arg(&input),
            "--parquet",
            arg(&out_file),
            "--names",
            "id,delta",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: --names: expected 3 field names, one per value of the format (got 2)\n  \
         the format takes 3 values: I (0), h (1), d (2)\n"
    );
    let out = run(
        &[
            "iter",
            "<Ihd",
            arg(&input),
            "--arrow",
            arg(&out_file),
            "--names",
            "a,b,a",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        first_line(&out),
        "error: --names: duplicate field name: field 2 has the name of field 0"
    );
    assert!(!out_file.exists(), "no file is made for a refused command");
    // --names, --batch-rows and --compression need an output to apply to.
    for extra in [
        &["--names", "a,b,c"][..],
        &["--batch-rows", "10"],
        &["--compression", "snappy", "--arrow", arg(&out_file)],
    ] {
        let mut args = vec!["iter", "<Ihd", arg(&input)];
        args.extend(extra);
        let out = run(&args, b"");
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(first_line(&out).starts_with("error: the following required arguments"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn formats_parquet_cannot_hold_are_refused_with_a_pointer() {
    let dir = scratch("types");
    let input = dir.join("in.bin");
    std::fs::write(&input, [0u8; 8]).unwrap();
    let out_file = dir.join("out.parquet");
    let out = run(
        &["iter", "<H0sH", arg(&input), "--parquet", arg(&out_file)],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: value 1 is a 0-byte string, for which Parquet has no column type\n  \
         format: <H0sH\n            ^^\n  \
         write it with --arrow instead, or leave the 0s out of the format\n"
    );
    assert!(!out_file.exists());
    // Arrow has a FixedSizeBinary(0).
    let arrow_file = dir.join("out.arrow");
    netpack()
        .args(["iter", "<H0sH", arg(&input), "--arrow", arg(&arrow_file)])
        .assert()
        .success();
    let out = run(
        &["iter", "<4x", arg(&input), "--arrow", arg(&arrow_file)],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        first_line(&out),
        "error: the format has no values: a Parquet or Arrow file needs at least one column"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_partial_record_is_iters_error_and_leaves_no_file() {
    let dir = scratch("partial");
    let input = dir.join("partial.bin");
    std::fs::write(&input, [7u8; 30]).unwrap();
    let out_file = dir.join("out.parquet");
    let note = "  partial.bin has 30 bytes: 2 records of 14 bytes and 2 bytes left over\n  \
                pass --allow-partial to ignore them\n";
    // A file: refused before anything is written, as `iter` refuses it.
    let out = Command::new(assert_cmd::cargo::cargo_bin("netpack"))
        .args(["iter", "<Ihd", "partial.bin", "--parquet", "out.parquet"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("error: iterative unpacking requires a buffer of a multiple of 14 bytes\n{note}")
    );
    assert!(!out_file.exists());
    // A stream: found at its end, after two records were written; the file
    // is removed.
    let data = std::fs::read(&input).unwrap();
    let out = run(&["iter", "<Ihd", "-", "--parquet", arg(&out_file)], &data);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: iterative unpacking requires a buffer of a multiple of 14 bytes\n{}",
            note.replace("partial.bin", "stdin")
        )
    );
    assert!(!out_file.exists(), "the half-written file is removed");
    // An OUT that was there before a failed run is left as it was.
    std::fs::write(&out_file, b"before").unwrap();
    let out = run(&["iter", "<Ihd", "-", "--parquet", arg(&out_file)], &data);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&out_file).unwrap(), b"before");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["out.parquet", "partial.bin"],
        "no .partial file is left"
    );
    let out = run(
        &[
            "iter",
            "<Ihd",
            "-",
            "--parquet",
            arg(&out_file),
            "--allow-partial",
        ],
        &data,
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "note: stdin: ignored the last 2 bytes (a partial record of 14)\n"
    );
    let bytes = std::fs::read(&out_file).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn outputs_that_would_destroy_or_garble_are_refused() {
    let dir = scratch("outputs");
    let input = dir.join("in.bin");
    std::fs::write(&input, [1u8; 28]).unwrap();
    let out = run(
        &["iter", "<Ihd", arg(&input), "--parquet", arg(&input)],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        first_line(&out),
        format!(
            "error: {} is the input file: writing it would destroy the records",
            input.display()
        )
    );
    assert_eq!(
        std::fs::read(&input).unwrap(),
        [1u8; 28],
        "the input is intact"
    );
    let out = run(
        &[
            "iter",
            "<Ihd",
            arg(&input),
            "--parquet",
            "-",
            "--arrow",
            "-",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        first_line(&out),
        "error: --parquet and --arrow both write to -"
    );
    // The input as the second output: refused before the first is created.
    let first = dir.join("x.arrow");
    let out = run(
        &[
            "iter",
            "<Ihd",
            arg(&input),
            "--arrow",
            arg(&first),
            "--parquet",
            arg(&input),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only the input"
    );
    // To a pipe, stdout is fine: the Arrow IPC file's magic at both ends.
    let out = run(&["iter", "<Ihd", arg(&input), "--arrow", "-"], b"");
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"ARROW1") && out.stdout.ends_with(b"ARROW1"));
    let out = run(
        &["iter", "<Ihd", arg(&input), "--parquet", "/nonexistent/x"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(first_line(&out).starts_with("error: cannot create /nonexistent/x: "));
    let _ = std::fs::remove_dir_all(&dir);
}
