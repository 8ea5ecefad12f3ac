//! Every benchmarked implementation gives CPython's bytes and values: the checks
//! the bench runs before timing, as tests, so CI runs them without timing
//! anything.

fn check(cells: Vec<netpack_benches::harness::Cell>) {
    for mut cell in cells {
        assert!(
            cell.columns.len() >= 8,
            "{} {}: columns missing",
            cell.workload,
            cell.op
        );
        if let Err(e) = cell.check() {
            panic!("{e}");
        }
    }
}

#[test]
fn w1_every_column_agrees_with_cpython() {
    check(netpack_benches::w1::cells());
}

#[test]
fn w2_every_column_agrees_with_cpython() {
    check(netpack_benches::w2::cells());
}

// The CPython bytes of the native format are those of x86-64 Linux.
#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
#[test]
fn w3_every_column_agrees_with_cpython() {
    check(netpack_benches::w3::cells());
}

#[test]
fn w4_every_column_agrees_with_cpython() {
    check(netpack_benches::w4::cells());
}

#[test]
fn crc32_is_zlibs() {
    // Python: zlib.crc32(b"123456789")
    assert_eq!(netpack_benches::w4::crc32(b"123456789"), 0xcbf4_3926);
}

/// W5/W6 have fewer columns (no byteorder, macros or `Struct` for a variable
/// message), so they are checked here without the column count of W1–W4.
fn check_all(cells: Vec<netpack_benches::harness::Cell>, min_columns: usize) {
    for mut cell in cells {
        assert!(
            cell.columns.len() >= min_columns,
            "{} {}: columns missing",
            cell.workload,
            cell.op
        );
        if let Err(e) = cell.check() {
            panic!("{e}");
        }
    }
}

#[test]
fn w5_every_column_agrees_with_cpython() {
    check_all(netpack_benches::w5::cells(), 3);
}

#[test]
fn w6_every_column_agrees_with_cpython() {
    check_all(netpack_benches::w6::cells(), 4);
}

#[test]
fn w9_every_column_agrees_with_cpython() {
    check_all(netpack_benches::w9::cells(), 7);
}

#[test]
fn w8_every_column_agrees_with_cpython() {
    check_all(netpack_benches::w8::cells(), 5);
}

/// W7: hand-written, derive, `bits::CompiledFormat`, deku, modular-bitfield and
/// bitfield-struct against bitstruct's CRC-32 and the headers' checksum, over
/// the first 20,000 headers (the bench checks all 1,000,000 the same way; the
/// columns' debug builds would take minutes over all of them).
#[test]
fn w7_every_column_agrees_with_cpython() {
    use netpack_benches::w7;
    check_all(w7::cells_of(20_000, w7::CPYTHON_CRC32_20000), 6);
}

#[test]
fn w7_all_headers_are_bitstructs() {
    use netpack_benches::w7;
    let buf = w7::cpython_buffer(w7::RECORDS, w7::CPYTHON_CRC32).unwrap();
    assert_eq!(buf.len(), 40_000_000);
}

#[test]
fn w7_record_formula_is_pythons() {
    // Python: w7_record(123457) in benches/cpython_bench.py.
    let want = [
        4, 5, 1, 1, 773, 57921, 0, 0, 1, 4039, 38, 6, 47607, 167895617, 3232293441, 59969, 26079,
        2671060977, 4094850615, 5, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 32077, 48689, 42691,
    ];
    assert_eq!(netpack_benches::w7::record(123_457).fields(), want);
}
