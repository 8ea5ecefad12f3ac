//! Replays the fuzz inputs kept in the repository through the same checks as the
//! fuzz targets, under plain `cargo test`: CI replays every crash ever found
//! without cargo-fuzz or a nightly feature.
//!
//! - `fuzz/regressions/<target>/*`: inputs that once broke a rule, kept forever;
//! - `fuzz/corpus/<target>/*`: the small checked-in seed corpora.
//!
//! Each directory is named after its fuzz target, and each target maps to the one
//! check function its `fuzz_targets/<target>.rs` calls. A directory named after no
//! known target fails the test, so a new target cannot be forgotten here.

use netpack_tests::{bits_checks, frame_checks, message_checks, runtime_checks};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// The check each fuzz target runs on its raw input.
fn check_for(target: &str) -> Option<fn(&[u8])> {
    Some(match target {
        "format_parse" => runtime_checks::format_parse,
        "unpack_any" => runtime_checks::unpack_any,
        "pack_roundtrip" => runtime_checks::pack_roundtrip,
        "derive_vs_runtime" => runtime_checks::derive_vs_runtime,
        "frames" => frame_checks::frames,
        "messages" => message_checks::messages,
        "bits_any" => bits_checks::bits_any,
        _ => return None,
    })
}

fn fuzz_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz")
        .join(name)
}

/// Every `(target, file)` under `dir/<target>/`, hidden files skipped.
fn inputs(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(targets) = std::fs::read_dir(dir) else {
        return out;
    };
    for target in targets {
        let target = target.expect("read_dir").path();
        if !target.is_dir() {
            continue; // notes such as README.md
        }
        let name = target
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        for file in std::fs::read_dir(&target).expect("read_dir") {
            let file = file.expect("read_dir").path();
            let hidden = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if file.is_file() && !hidden {
                out.push((name.clone(), file));
            }
        }
    }
    out.sort();
    out
}

/// Runs every input, then reports all the failures at once.
fn replay(dir: &Path) -> usize {
    let inputs = inputs(dir);
    let mut failures = Vec::new();
    for (target, file) in &inputs {
        let check = check_for(target)
            .unwrap_or_else(|| panic!("{}: no check for fuzz target {target:?}", dir.display()));
        let data = std::fs::read(file).expect("read input");
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| check(&data))) {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {message}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} inputs failed:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
    inputs.len()
}

#[test]
fn regressions_replay() {
    let n = replay(&fuzz_dir("regressions"));
    println!("replayed {n} regression inputs");
}

#[test]
fn seed_corpora_replay() {
    let n = replay(&fuzz_dir("corpus"));
    println!("replayed {n} seed corpus inputs");
}
