//! `iter`: CSV byte for byte as Python's `csv.writer` over `struct.iter_unpack`,
//! JSON Lines, `--offset`/`--count`, and memory that does not grow with the input.

use crate::{netpack, python311, run, temp_path};
use std::process::Command;

/// A small file of awkward records (bytes with commas, quotes, backslashes and
/// control bytes; floats in both notations; bools; extreme ints), made by
/// CPython, and CPython's CSV of it.
const PYTHON_CSV: &str = r#"
import csv, random, struct, sys
fmt, path = sys.argv[1], sys.argv[2]
rng = random.Random(11)
words = [b'', b'a,b', b'say "hi"', b"it's", b'\\', b'\x00\r\n\t', b'\xff,"\'', b'plain']
floats = [0.0, -0.0, 0.1, 1e16, 1e-5, 123456789.125, float('inf'), float('nan'), 2.5e-310]
records = [
    (rng.choice(words), rng.choice([True, False]), rng.randrange(-2**63, 2**63),
     rng.choice(floats) if i % 2 else rng.uniform(-1e20, 1e20), rng.randrange(0, 2**16))
    for i in range(500)
]
data = b''.join(struct.pack(fmt, *r) for r in records)
open(path, 'wb').write(data)
csv.writer(sys.stdout).writerows(struct.iter_unpack(fmt, data))
"#;

#[test]
fn csv_is_pythons_csv_writer_byte_for_byte() {
    if !python311("the CSV comparison") {
        return;
    }
    for fmt in ["<8s?qdH", "@8s?qdH", ">8s?qfH"] {
        let path = temp_path("csv.bin");
        let python = Command::new("python3")
            .args(["-c", PYTHON_CSV, fmt])
            .arg(&path)
            .output()
            .expect("run python3");
        assert!(
            python.status.success(),
            "{}",
            String::from_utf8_lossy(&python.stderr)
        );
        let ours = run(&["iter", fmt, path.to_str().unwrap(), "--csv"], b"");
        let _ = std::fs::remove_file(&path);
        assert!(ours.status.success());
        assert!(python.stdout.len() > 10_000);
        assert!(
            ours.stdout == python.stdout,
            "{fmt}: the CSV differs from Python's; first differing line: {:?}",
            String::from_utf8_lossy(&ours.stdout)
                .split("\r\n")
                .zip(String::from_utf8_lossy(&python.stdout).split("\r\n"))
                .find(|(a, b)| a != b)
        );
    }
}

#[test]
fn jsonl_offset_and_count() {
    // Three "<h?" records after two bytes of header: (1, True), (-1, False), (2, True).
    let data = [9, 9, 1, 0, 1, 0xff, 0xff, 0, 2, 0, 7];
    let path = temp_path("jsonl.bin");
    std::fs::write(&path, data).unwrap();
    let file = path.to_str().unwrap();
    netpack()
        .args(["iter", "<h?", file, "--offset", "2", "--jsonl"])
        .assert()
        .success()
        .stdout("[1,true]\n[-1,false]\n[2,true]\n");
    netpack()
        .args(["iter", "<h?", file, "--offset=0x2", "--count", "2"])
        .assert()
        .success()
        .stdout("(1, True)\n(-1, False)\n");
    netpack()
        .args(["iter", "<h?", "-", "--offset", "2", "--count", "1", "--csv"])
        .write_stdin(data.to_vec())
        .assert()
        .success()
        .stdout("1,True\r\n");
    // Past the end is an empty slice, as data[N:] in Python.
    netpack()
        .args(["iter", "<h?", file, "--offset", "100"])
        .assert()
        .success()
        .stdout("");
    let _ = std::fs::remove_file(path);
    netpack()
        .args([
            "unpack",
            "<3sd",
            "--json",
            "--hex",
            "00ff22 000000000000f07f",
        ])
        .assert()
        .success()
        .stdout("[\"\\u0000\\u00ff\\\"\",\"inf\"]\n");
}

/// Peak RSS of `iter` over 48 MB stays far below 48 MB: the file is streamed.
/// (`rss_check.sh` does the same over 500 MB with the release build.)
#[test]
fn memory_does_not_grow_with_the_input() {
    if !python311("the RSS check") {
        return;
    }
    let path = temp_path("rss.bin");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(48 << 20).unwrap();
    let peak_kb = Command::new("python3")
        .args([
            "-c",
            "import resource, subprocess, sys\n\
             subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n\
             print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
        ])
        .arg(assert_cmd::cargo::cargo_bin("netpack"))
        .args(["iter", "<1000x", path.to_str().unwrap(), "--allow-partial"])
        .output()
        .expect("run python3");
    let _ = std::fs::remove_file(&path);
    assert!(
        peak_kb.status.success(),
        "{}",
        String::from_utf8_lossy(&peak_kb.stderr)
    );
    let kb: u64 = String::from_utf8_lossy(&peak_kb.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!(kb < 16 * 1024, "peak RSS {kb} KB for a 48 MB input");
}

/// A record of 50 million values on a machine without the memory for them (an
/// address-space limit of 400 MB in a child shell) is an error, exit 1, never an
/// abort.
#[test]
fn a_record_too_large_for_memory_is_an_error_not_an_abort() {
    let path = temp_path("huge-record.bin");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50_000_000).unwrap();
    let out = Command::new("bash")
        .args([
            "-c",
            "ulimit -v 400000 && exec \"$0\" iter 50000000b \"$1\" --csv",
        ])
        .arg(assert_cmd::cargo::cargo_bin("netpack"))
        .arg(&path)
        .output()
        .expect("run bash");
    let _ = std::fs::remove_file(&path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("out of memory"), "{stderr}");
    assert!(out.stdout.is_empty());
}
