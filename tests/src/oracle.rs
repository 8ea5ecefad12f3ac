//! The Python oracles at run time: which `python3` to run, and whether a module
//! the check needs (bitstruct, pyarrow, duckdb, dnspython, …) is importable.
//!
//! `bash .ci/python-env` makes a virtual environment with every oracle of
//! `.ci/requirements.txt` and prints its python; `.ci/run` passes it as
//! `NETPACK_PYTHON` and sets `NETPACK_REQUIRE_ORACLES=1`, so that in CI a missing
//! oracle fails the test instead of skipping it. On a developer's machine
//! without the packages the check says what it skipped and why.

use std::process::Command;

/// The Python interpreter to run: `$NETPACK_PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("NETPACK_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Whether a missing oracle must fail the test (`NETPACK_REQUIRE_ORACLES=1`, as
/// `.ci/run` sets it).
pub fn required() -> bool {
    std::env::var_os("NETPACK_REQUIRE_ORACLES").is_some_and(|v| v == "1")
}

/// `Some(python)` when `python()` is CPython 3.11 and imports every module of
/// `modules`; otherwise prints why `what` is skipped and returns `None`, or
/// panics when oracles are [`required`].
pub fn with_modules(what: &str, modules: &[&str]) -> Option<String> {
    let python = python();
    let script = format!(
        "import sys\nassert sys.version_info[:2] == (3, 11), sys.version\nimport {}",
        if modules.is_empty() {
            "sys".to_owned()
        } else {
            modules.join(", ")
        }
    );
    // Not from the test's directory: `tests/bitstruct/` there would import as
    // a namespace package, so a missing `bitstruct` would look installed.
    let ok = Command::new(&python)
        .args(["-c", &script])
        .current_dir(std::env::temp_dir())
        .output()
        .map(|o| o.status.success());
    match ok {
        Ok(true) => Some(python),
        _ => {
            let why = format!(
                "{python} is not CPython 3.11 with {modules:?} (run `bash .ci/python-env` and set NETPACK_PYTHON)"
            );
            assert!(!required(), "{what}: {why}");
            println!("note: skipping {what}: {why}");
            None
        }
    }
}
