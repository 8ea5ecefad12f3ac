//! `bash benches/run.sh` works from a fresh clone: its results directory is an
//! absolute path, because `cargo bench` runs the bench binary from `benches/`
//! and a relative `target/bench-results/rust.json` does not exist there (the
//! bench failed with "cannot write target/bench-results/rust.json").

use std::path::Path;
use std::process::Command;

#[test]
fn results_go_to_an_absolute_directory() {
    let benches = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Run from `benches/`, as cargo runs the bench, with the default target
    // directory (relative to the workspace).
    let out = Command::new("bash")
        .arg(benches.join("run.sh"))
        .arg("--print-out")
        .current_dir(benches)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("OUT")
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = String::from_utf8(out.stdout).expect("a path");
    let dir = Path::new(dir.trim());
    assert!(dir.is_absolute(), "run.sh writes its results to {dir:?}");
    assert!(dir.ends_with("target/bench-results"), "{dir:?}");
    assert!(dir.is_dir(), "{dir:?} was not created");
}
