//! The CPython vector files in `tests/cpython/`: where they are, how their values
//! are written (`i<decimal>`, `b0`/`b1`, `f<16 hex digits of the bits>`,
//! `y<hex>`), where they replay, and the check that they are still exactly what
//! their generator makes with the real `struct` module.

use netpack::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/cpython/`.
pub fn cpython_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cpython")
}

/// Bytes from lowercase hex.
pub fn decode_hex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex length: {s:?}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("bad hex"))
        .collect()
}

/// A value in the files' encoding.
pub fn decode_value(s: &str) -> Value {
    let (tag, rest) = s.split_at(1);
    match tag {
        "i" => Value::Int(rest.parse::<i128>().expect("bad int")),
        "b" => Value::Bool(rest == "1"),
        "f" => Value::Float(f64::from_bits(
            u64::from_str_radix(rest, 16).expect("bad float bits"),
        )),
        "y" => Value::Bytes(decode_hex(rest)),
        _ => panic!("bad value encoding {s:?}"),
    }
}

/// A JSON list of encoded values.
pub fn decode_values(j: &serde_json::Value) -> Vec<Value> {
    j.as_array()
        .expect("a list of values")
        .iter()
        .map(|v| decode_value(v.as_str().expect("an encoded value")))
        .collect()
}

/// Whether a vector of format `fmt` replays on this target: native formats were
/// generated on LP64 little-endian; the explicit orders replay everywhere.
pub fn replayable_here(fmt: &str) -> bool {
    let lp64_le = cfg!(target_endian = "little")
        && cfg!(target_pointer_width = "64")
        && std::mem::size_of::<std::ffi::c_long>() == 8;
    lp64_le || fmt.starts_with(['<', '>', '!'])
}

/// Runs `tests/cpython/<script> --out <tmp>` and asserts the output equals the
/// checked-in `tests/cpython/<file>` byte for byte. Where python3 is missing, is
/// not CPython 3.11, or is not on LP64 little-endian, says so and returns: the
/// replay tests still run from the checked-in file.
pub fn check_regenerates(script: &str, file: &str) {
    let version = match Command::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() => {
            // Old Pythons print the version on stderr.
            let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
            s += &String::from_utf8_lossy(&o.stderr);
            s.trim().to_string()
        }
        _ => {
            println!("note: python3 is not available; skipping the {file} regeneration check");
            return;
        }
    };
    if !version.starts_with("Python 3.11.") {
        println!("note: {version} is not CPython 3.11; skipping the {file} regeneration check");
        return;
    }
    let probe = Command::new("python3")
        .args([
            "-c",
            "import struct, sys; print(sys.byteorder == 'little' and \
             struct.calcsize('@l') == 8 and struct.calcsize('@P') == 8)",
        ])
        .output()
        .expect("run python3");
    if String::from_utf8_lossy(&probe.stdout).trim() != "True" {
        println!("note: python3 is not on an LP64 little-endian platform; skipping");
        return;
    }
    let out = std::env::temp_dir().join(format!("netpack-{}-{file}", std::process::id()));
    let status = Command::new("python3")
        .arg(cpython_dir().join(script))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run the generator");
    assert!(status.success(), "{script} failed: {status}");
    let fresh = std::fs::read(&out).expect("read the regenerated vectors");
    let _ = std::fs::remove_file(&out);
    let checked_in = std::fs::read(cpython_dir().join(file)).expect("read the checked-in vectors");
    if fresh != checked_in {
        let first_diff = fresh
            .split(|&b| b == b'\n')
            .zip(checked_in.split(|&b| b == b'\n'))
            .position(|(a, b)| a != b);
        panic!(
            "tests/cpython/{file} is stale: the regenerated file differs ({} vs {} bytes, \
             first differing line: {:?}); run `python3 tests/cpython/{script}`",
            fresh.len(),
            checked_in.len(),
            first_diff.map(|i| i + 1)
        );
    }
}
