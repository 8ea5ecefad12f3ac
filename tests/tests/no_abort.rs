//! Running out of memory is an `Error`, never an abort: formats whose plan,
//! values or columns need more memory than the process may have, run in a child
//! process limited to 1 GB of address space (`ulimit -v 1000000`).
//!
//! Each case is a test that does the work only inside the child (marked by an
//! environment variable); the parent test re-runs this binary on that one test
//! under the limit and requires it to exit normally. Before the plan, the
//! outputs and the columns were allocated fallibly, these children died with
//! "memory allocation failed" (SIGABRT).
#![cfg(target_os = "linux")]

use netpack::{ErrorKind, Struct};
use std::process::Command;

const CHILD: &str = "NETPACK_NO_ABORT_CHILD";

/// Runs test `name` of this binary in a child with a 1 GB address-space limit;
/// panics unless it passes.
fn under_memory_limit(name: &str) {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000 && exec \"$0\" --exact \"$1\" --test-threads=1 --nocapture")
        .arg(exe)
        .arg(name)
        .env(CHILD, "1")
        .output()
        .expect("run the child");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} under `ulimit -v 1000000`: {:?}\n{stdout}\n{stderr}",
        out.status
    );
}

fn in_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// A format of 40 million items that do not fuse (`bh` alternate codes and
/// align): 40 bytes of plan each, 1.6 GB in all.
fn huge_unfused_format() -> String {
    "bh".repeat(20_000_000)
}

#[test]
fn plan_of_a_huge_format_is_an_error() {
    if !in_child() {
        return under_memory_limit("plan_of_a_huge_format_is_an_error");
    }
    let format = huge_unfused_format();
    let err = Struct::new(&format).expect_err("1.6 GB of plan under a 1 GB limit");
    assert_eq!(err.kind(), ErrorKind::FormatTooLarge);
    // The free functions compile through the same path.
    let err = netpack::pack(&format, &[]).expect_err("pack");
    assert_eq!(err.kind(), ErrorKind::FormatTooLarge);
    // A run of one code fuses into one op: 30 million `b`s cost nothing.
    let s = Struct::new(&"b".repeat(30_000_000)).expect("one op");
    assert_eq!(s.values(), 30_000_000);
}

#[test]
fn outputs_of_a_hundred_million_values_are_errors() {
    if !in_child() {
        return under_memory_limit("outputs_of_a_hundred_million_values_are_errors");
    }
    // 100 MB of record, 3.2 GB of `Value`s (or `ValueRef`s, or columns).
    let s = Struct::new("100000000?").expect("one op");
    let record = vec![1u8; s.size()];
    let kind = |r: Result<(), netpack::Error>| r.map_err(|e| e.kind());
    assert_eq!(
        kind(s.unpack(&record).map(drop)),
        Err(ErrorKind::FormatTooLarge)
    );
    assert_eq!(
        kind(s.unpack_into(&record, &mut Vec::new())),
        Err(ErrorKind::FormatTooLarge)
    );
    assert_eq!(
        kind(s.unpack_ref(&record).map(drop)),
        Err(ErrorKind::FormatTooLarge)
    );
    let mut records = s.iter_unpack(&record).expect("one record");
    assert_eq!(
        kind(records.next().expect("a record").map(drop)),
        Err(ErrorKind::FormatTooLarge)
    );
    let mut records = s.iter_unpack_ref(&record).expect("one record");
    assert_eq!(
        kind(records.next_ref().map(drop)),
        Err(ErrorKind::FormatTooLarge)
    );
    let mut free = netpack::iter_unpack("100000000?", &record).expect("one record");
    assert_eq!(
        kind(free.next_into(&mut Vec::new()).map(drop)),
        Err(ErrorKind::FormatTooLarge)
    );
    assert_eq!(kind(s.columns().map(drop)), Err(ErrorKind::FormatTooLarge));
}

#[test]
fn columns_of_a_huge_buffer_are_an_error() {
    if !in_child() {
        return under_memory_limit("columns_of_a_huge_buffer_are_an_error");
    }
    // 350 MB of `<d` records: 350 MB of buffer plus 350 MB of column fits; the
    // second decode into fresh columns, with the first still held, does not.
    let s = Struct::new("<d").expect("Struct");
    let buf = vec![0u8; 350_000_000];
    let mut first = s.columns().expect("columns");
    s.unpack_columns(&buf, &mut first).expect("the first fits");
    let mut second = s.columns().expect("columns");
    let err = s
        .unpack_columns(&buf, &mut second)
        .expect_err("the second does not");
    assert_eq!(err.kind(), ErrorKind::FormatTooLarge);
    assert_eq!(second.len(), 0);
    let mut out = Vec::new();
    let err = s
        .pack_columns(&first, &mut out)
        .expect_err("nor does encoding it");
    assert_eq!(err.kind(), ErrorKind::FormatTooLarge);
}
