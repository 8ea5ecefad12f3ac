//! Differential test against CPython 3.11's `struct` module.
//!
//! `tests/cpython/vectors.jsonl` is produced by `tests/cpython/gen_vectors.py`
//! running the real `struct` module (see `tests/cpython/README.md` for the
//! file format). Every vector is replayed against netpack's free functions,
//! against `Struct`, and through the borrowed (`unpack_ref`, `iter_unpack_ref`)
//! and columnar (`unpack_columns`, `pack_columns`) paths; `calcsize` /
//! `Struct::new` are checked for every vector's format as well. After a refused
//! `pack_into` the whole buffer must be what CPython left in it. Under Miri (CI runs it on
//! big-endian s390x), or with `NETPACK_VECTOR_SAMPLE=N`, a sample spread over
//! the file replays instead.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Once;

use netpack::{Error, ErrorKind, Struct, Value, ValueRef};
use netpack_tests::runtime_checks::{columns_of, record_of};
use netpack_tests::vectors::{
    check_regenerates, cpython_dir, decode_hex, decode_value, replayable_here,
};
use serde_json::Value as Json;

const MIN_VECTORS: usize = 20_000;
const SHOW_MISMATCHES: usize = 20;

fn vectors_path() -> PathBuf {
    cpython_dir().join("vectors.jsonl")
}

// ---------------------------------------------------------------------------
// decoding

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Display form of a value, in the file's encoding (floats by bit pattern).
fn show_value(v: &Value) -> String {
    match v {
        Value::Int(i) => format!("i{i}"),
        Value::Bool(b) => format!("b{}", *b as u8),
        Value::Float(f) => format!("f{:016x}({f:?})", f.to_bits()),
        Value::Bytes(b) => format!("y{}", hex(b)),
        #[allow(unreachable_patterns)]
        other => format!("{other:?}"),
    }
}

fn show_values(vs: &[Value]) -> String {
    let parts: Vec<String> = vs.iter().map(show_value).collect();
    format!("[{}]", parts.join(", "))
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        _ => false,
    }
}

fn same_values(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(x, y))
}

fn kind_name(k: ErrorKind) -> &'static str {
    #[allow(unreachable_patterns)]
    match k {
        ErrorKind::BadFormat => "BadFormat",
        ErrorKind::FormatTooLarge => "FormatTooLarge",
        ErrorKind::ArgCount => "ArgCount",
        ErrorKind::ArgType => "ArgType",
        ErrorKind::ArgRange => "ArgRange",
        ErrorKind::BufferSize => "BufferSize",
        ErrorKind::OffsetOutOfRange => "OffsetOutOfRange",
        ErrorKind::ZeroSizeIter => "ZeroSizeIter",
        _ => "<other ErrorKind>",
    }
}

// ---------------------------------------------------------------------------
// outcomes

#[derive(Debug)]
enum Got {
    Size(usize),
    Bytes(Vec<u8>),
    Values(Vec<Value>),
    Records(Vec<Vec<Value>>),
    Err(&'static str, String),
    /// A refused `pack_into`: the error and the buffer afterwards.
    ErrAfter(&'static str, String, Vec<u8>),
    Panic(String),
}

impl Got {
    fn show(&self) -> String {
        match self {
            Got::Size(n) => format!("Ok({n})"),
            Got::Bytes(b) => format!("Ok({})", hex(b)),
            Got::Values(v) => format!("Ok({})", show_values(v)),
            Got::Records(r) => {
                let parts: Vec<String> = r.iter().map(|v| show_values(v)).collect();
                format!("Ok([{}])", parts.join(", "))
            }
            Got::Err(k, m) => format!("Err({k}: {m:?})"),
            Got::ErrAfter(k, m, b) => format!("Err({k}: {m:?}), buffer after: {}", hex(b)),
            Got::Panic(m) => format!("PANIC({m:?})"),
        }
    }
}

fn from_err(e: Error) -> Got {
    Got::Err(kind_name(e.kind()), e.to_string())
}

fn from_err_after(e: Error, buf: Vec<u8>) -> Got {
    Got::ErrAfter(kind_name(e.kind()), e.to_string(), buf)
}

enum Expect {
    Size(usize),
    Bytes(Vec<u8>),
    Values(Vec<Value>),
    Records(Vec<Vec<Value>>),
    Err(String, String),
    ErrAfter(String, String, Vec<u8>),
}

impl Expect {
    fn show(&self) -> String {
        match self {
            Expect::Size(n) => format!("Ok({n})"),
            Expect::Bytes(b) => format!("Ok({})", hex(b)),
            Expect::Values(v) => format!("Ok({})", show_values(v)),
            Expect::Records(r) => {
                let parts: Vec<String> = r.iter().map(|v| show_values(v)).collect();
                format!("Ok([{}])", parts.join(", "))
            }
            Expect::Err(k, m) => format!("Err({k}: {m:?}...)"),
            Expect::ErrAfter(k, m, b) => {
                format!("Err({k}: {m:?}...), buffer after: {}", hex(b))
            }
        }
    }

    fn matches(&self, got: &Got) -> bool {
        match (self, got) {
            (Expect::Err(k, m), Got::Err(gk, _)) if message_depends_on_host(k, m) => k == gk,
            (Expect::Size(a), Got::Size(b)) => a == b,
            (Expect::Bytes(a), Got::Bytes(b)) => a == b,
            (Expect::Values(a), Got::Values(b)) => same_values(a, b),
            (Expect::Records(a), Got::Records(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_values(x, y))
            }
            (Expect::Err(k, m), Got::Err(gk, gm)) => k == gk && gm.starts_with(m.as_str()),
            (Expect::ErrAfter(k, m, b), Got::ErrAfter(gk, gm, gb)) => {
                k == gk && gm.starts_with(m.as_str()) && b == gb
            }
            _ => false,
        }
    }
}

/// Whether CPython's message for this error depends on the host's byte order,
/// so that messages recorded on x86_64 do not hold on a big-endian host. CPython
/// swaps its native integer packers into the table of the host's own order: on
/// x86_64 `"<h"` says `short format requires …` and `">h"` says `'h' format
/// requires …`, on s390x the other way round (and netpack follows the host). The
/// kind, the bytes and the values never depend on the host.
fn message_depends_on_host(kind: &str, message: &str) -> bool {
    cfg!(target_endian = "big") && kind == "ArgRange" && !message.starts_with("float")
}

fn json_err(j: &Json) -> Expect {
    let a = j.as_array().expect("error is [kind, message]");
    Expect::Err(
        a[0].as_str().unwrap().to_string(),
        a[1].as_str().unwrap().to_string(),
    )
}

fn json_values(j: &Json) -> Vec<Value> {
    j.as_array()
        .expect("value list")
        .iter()
        .map(|v| decode_value(v.as_str().expect("encoded value")))
        .collect()
}

// ---------------------------------------------------------------------------
// one vector

struct Vector {
    line: usize,
    op: String,
    fmt: String,
    size: Expect,
    args: Vec<Value>,
    buf: Vec<u8>,
    off: isize,
    expect: Option<Expect>,
}

fn parse_vector(line: usize, text: &str) -> Vector {
    let j: Json = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("vectors.jsonl:{line}: bad JSON: {e}"));
    let op = j["op"].as_str().expect("op").to_string();
    let fmt = j["fmt"].as_str().expect("fmt").to_string();
    let size = if let Some(n) = j.get("size") {
        Expect::Size(n.as_u64().expect("size") as usize)
    } else {
        json_err(&j["size_err"])
    };
    let args = j.get("args").map(json_values).unwrap_or_default();
    let buf = j
        .get("buf")
        .map(|b| decode_hex(b.as_str().unwrap()))
        .unwrap_or_default();
    let off = j
        .get("off")
        .map(|o| o.as_i64().expect("off") as isize)
        .unwrap_or(0);
    let ok = |ok: &Json| match op.as_str() {
        "pack" | "pack_into" => Expect::Bytes(decode_hex(ok.as_str().unwrap())),
        "unpack" | "unpack_from" => Expect::Values(json_values(ok)),
        "iter_unpack" => Expect::Records(ok.as_array().unwrap().iter().map(json_values).collect()),
        _ => panic!("vectors.jsonl:{line}: unexpected ok for op {op}"),
    };
    let expect = match (j.get("err"), j.get("after")) {
        (Some(e), Some(after)) => match json_err(e) {
            Expect::Err(k, m) => Some(Expect::ErrAfter(k, m, decode_hex(after.as_str().unwrap()))),
            other => Some(other),
        },
        (Some(e), None) => Some(json_err(e)),
        (None, _) => j.get("ok").map(ok),
    };
    if op == "pack_into" && j.get("err").is_some() {
        assert!(
            j.get("after").is_some(),
            "vectors.jsonl:{line}: a refused pack_into without `after`"
        );
    }
    if op != "calcsize" {
        assert!(expect.is_some(), "vectors.jsonl:{line}: no ok/err");
    }
    Vector {
        line,
        op,
        fmt,
        size,
        args,
        buf,
        off,
        expect,
    }
}

thread_local! {
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
}

fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let prev = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|q| q.get()) {
                prev(info)
            }
        }));
    });
}

fn guarded<F: FnOnce() -> Got>(f: F) -> Got {
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(g) => g,
        Err(p) => Got::Panic(if let Some(s) = p.downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = p.downcast_ref::<String>() {
            s.clone()
        } else {
            "<non-string panic>".to_string()
        }),
    }
}

fn run_free(v: &Vector) -> Got {
    let fmt = v.fmt.as_str();
    guarded(|| match v.op.as_str() {
        "pack" => netpack::pack(fmt, &v.args).map_or_else(from_err, Got::Bytes),
        "pack_into" => {
            let mut buf = v.buf.clone();
            match netpack::pack_into(fmt, &mut buf, v.off, &v.args) {
                Ok(()) => Got::Bytes(buf),
                Err(e) => from_err_after(e, buf),
            }
        }
        "unpack" => netpack::unpack(fmt, &v.buf).map_or_else(from_err, Got::Values),
        "unpack_from" => {
            netpack::unpack_from(fmt, &v.buf, v.off).map_or_else(from_err, Got::Values)
        }
        "iter_unpack" => match netpack::iter_unpack(fmt, &v.buf) {
            Ok(it) => Got::Records(it.collect::<Result<_, _>>().expect("memory")),
            Err(e) => from_err(e),
        },
        op => panic!("unknown op {op}"),
    })
}

fn run_struct(s: &Struct, v: &Vector) -> Got {
    guarded(|| match v.op.as_str() {
        "pack" => s.pack(&v.args).map_or_else(from_err, Got::Bytes),
        "pack_into" => {
            let mut buf = v.buf.clone();
            match s.pack_into(&mut buf, v.off, &v.args) {
                Ok(()) => Got::Bytes(buf),
                Err(e) => from_err_after(e, buf),
            }
        }
        "unpack" => s.unpack(&v.buf).map_or_else(from_err, Got::Values),
        "unpack_from" => s
            .unpack_from(&v.buf, v.off)
            .map_or_else(from_err, Got::Values),
        "iter_unpack" => match s.iter_unpack(&v.buf) {
            Ok(it) => Got::Records(it.collect::<Result<_, _>>().expect("memory")),
            Err(e) => from_err(e),
        },
        op => panic!("unknown op {op}"),
    })
}

/// The columnar path: `unpack` and `iter_unpack` through `unpack_columns`, and
/// `pack` through `pack_columns` when every argument has a column entry (see
/// `columns_of`); `None` otherwise.
fn run_columns(s: &Struct, v: &Vector) -> Option<Got> {
    if s.values() > 1 << 14 {
        // Columns cost 32 bytes per value before any record: formats of 2**60
        // values are refused for memory (checked in `no_abort.rs`), not replayed.
        return None;
    }
    let decode = |buf: &[u8]| {
        let mut columns = s.columns().expect("columns");
        s.unpack_columns(buf, &mut columns).map(|()| {
            (0..columns.len())
                .map(|i| record_of(&columns, i))
                .collect::<Vec<_>>()
        })
    };
    match v.op.as_str() {
        // A zero-size format has no records to decode: `unpack` of it is
        // `iter_unpack`'s refusal there, not `unpack`'s answer.
        "unpack" if s.size() > 0 && v.buf.len() == s.size() && s.values() > 0 => {
            Some(guarded(|| match decode(&v.buf) {
                Ok(mut records) if records.len() == 1 => Got::Values(records.remove(0)),
                Ok(records) => Got::Panic(format!("{} records", records.len())),
                Err(e) => from_err(e),
            }))
        }
        "iter_unpack" if s.values() > 0 => Some(guarded(|| {
            decode(&v.buf).map_or_else(from_err, Got::Records)
        })),
        "pack" if s.values() > 0 => {
            let columns = columns_of(s, std::slice::from_ref(&v.args))?;
            Some(guarded(|| {
                let mut out = Vec::new();
                match s.pack_columns(&columns, &mut out) {
                    Ok(()) => Got::Bytes(out),
                    Err(e) => from_err(e),
                }
            }))
        }
        _ => None,
    }
}

fn owned(values: &[ValueRef<'_>]) -> Vec<Value> {
    values.iter().map(ValueRef::to_value).collect()
}

/// The borrowed path: the unpacking operations through `unpack_ref`,
/// `unpack_from_ref`, `unpack_ref_into` and `iter_unpack_ref`; `None` for the
/// packing operations, which have no borrowed form.
fn run_borrowed(s: &Struct, v: &Vector) -> Option<Got> {
    if !matches!(v.op.as_str(), "unpack" | "unpack_from" | "iter_unpack") {
        return None;
    }
    Some(guarded(|| match v.op.as_str() {
        "unpack" => {
            let got = s.unpack_ref(&v.buf).map(|r| owned(&r));
            let mut reused = vec![ValueRef::Int(0)];
            let into = s
                .unpack_ref_into(&v.buf, &mut reused)
                .map(|()| owned(&reused));
            let agree = match (&got, &into) {
                (Ok(a), Ok(b)) => same_values(a, b),
                (Err(a), Err(b)) => a == b,
                _ => false,
            };
            if !agree {
                return Got::Panic(format!("unpack_ref {got:?} but unpack_ref_into {into:?}"));
            }
            got.map_or_else(from_err, Got::Values)
        }
        "unpack_from" => s
            .unpack_from_ref(&v.buf, v.off)
            .map_or_else(from_err, |r| Got::Values(owned(&r))),
        "iter_unpack" => match s.iter_unpack_ref(&v.buf) {
            Ok(mut it) => {
                let mut records = Vec::new();
                while let Some(r) = it.next_ref().expect("memory") {
                    records.push(owned(r));
                }
                Got::Records(records)
            }
            Err(e) => from_err(e),
        },
        op => panic!("unknown op {op}"),
    }))
}

/// Replays one vector; returns a description of every disagreement.
fn check(v: &Vector) -> Vec<String> {
    let mut bad = Vec::new();
    let mut report = |what: &str, want: &Expect, got: &Got| {
        if !want.matches(got) {
            let mut s = format!(
                "line {}: {what}\n    op:       {}\n    fmt:      {:?}",
                v.line, v.op, v.fmt
            );
            if v.op == "pack" || v.op == "pack_into" {
                s += &format!("\n    args:     {}", show_values(&v.args));
            }
            if v.op != "pack" && v.op != "calcsize" {
                s += &format!("\n    buf:      {} ({} bytes)", hex(&v.buf), v.buf.len());
            }
            if v.op == "pack_into" || v.op == "unpack_from" {
                s += &format!("\n    offset:   {}", v.off);
            }
            s += &format!(
                "\n    expected: {}\n    got:      {}",
                want.show(),
                got.show()
            );
            bad.push(s);
        }
    };

    // calcsize and Struct::new for every vector's format
    let got = guarded(|| netpack::calcsize(&v.fmt).map_or_else(from_err, Got::Size));
    report("calcsize", &v.size, &got);

    let mut st: Option<Struct> = None;
    let got = guarded(|| match Struct::new(&v.fmt) {
        Ok(s) => {
            let r = if s.format() != v.fmt {
                Got::Panic(format!("Struct::format() returned {:?}", s.format()))
            } else {
                Got::Size(s.size())
            };
            st = Some(s);
            r
        }
        Err(e) => from_err(e),
    });
    report("Struct::new(fmt).size()", &v.size, &got);

    let Some(expect) = &v.expect else {
        return bad;
    };

    let got = run_free(v);
    report(&format!("netpack::{}", v.op), expect, &got);

    match &st {
        Some(s) => {
            let got = run_struct(s, v);
            report(&format!("Struct::{}", v.op), expect, &got);
            if let Some(got) = run_borrowed(s, v) {
                report(&format!("Struct::{} (borrowed)", v.op), expect, &got);
            }
            if let Some(got) = run_columns(s, v) {
                report(&format!("Struct::{} (columnar)", v.op), expect, &got);
            }
        }
        None => {
            // The format does not compile: the operation must fail with the
            // very error Struct::new gave.
            let got = guarded(|| Struct::new(&v.fmt).map_or_else(from_err, |_| Got::Size(0)));
            let error = match expect {
                Expect::ErrAfter(k, m, _) => &Expect::Err(k.clone(), m.clone()),
                other => other,
            };
            report(&format!("Struct::new before {}", v.op), error, &got);
        }
    }
    bad
}

/// How many vectors to replay, when not all: `NETPACK_VECTOR_SAMPLE=N`, and 256
/// by default under Miri (which interprets every step, and has the whole file to
/// scan otherwise). At most that many: on a big-endian or non-LP64 target the
/// windows that fall among native formats give none (about 90 replay on s390x).
fn sample_size() -> Option<usize> {
    match std::env::var("NETPACK_VECTOR_SAMPLE") {
        Ok(n) => Some(n.parse().expect("NETPACK_VECTOR_SAMPLE is a number")),
        Err(_) => cfg!(miri).then_some(256),
    }
}

/// `n` vectors that replay on this target from windows spread evenly over the
/// file, read with a seek each (so that nothing scans the whole file), as
/// `(byte offset, line)`.
fn sample_lines(path: &std::path::Path, n: usize) -> Vec<(usize, String)> {
    use std::io::{Read, Seek, SeekFrom};
    // Small windows: under Miri every byte scanned costs.
    const WINDOWS: usize = 64;
    const WINDOW_BYTES: usize = 1536;
    let mut file =
        std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
    let len = file.metadata().expect("file size").len() as usize;
    let per_window = n.div_ceil(WINDOWS).max(1);
    let mut out = Vec::new();
    for w in 0..WINDOWS {
        let start = len / WINDOWS * w;
        file.seek(SeekFrom::Start(start as u64)).expect("seek");
        let mut window = vec![0; WINDOW_BYTES.min(len - start)];
        file.read_exact(&mut window).expect("read");
        // Whole lines only: after the first newline (unless at the start), and
        // each ended by a newline.
        let mut at = match start {
            0 => 0,
            _ => match window.iter().position(|&b| b == b'\n') {
                Some(i) => i + 1,
                None => continue,
            },
        };
        let mut taken = 0;
        while taken < per_window {
            let Some(end) = window[at..].iter().position(|&b| b == b'\n') else {
                break;
            };
            let line = std::str::from_utf8(&window[at..at + end]).expect("UTF-8");
            // Only vectors that replay here, told from the raw line (parsing the
            // JSON is the slow part under Miri).
            let fmt = line
                .split_once("\"fmt\":")
                .map_or("", |(_, rest)| rest.trim_start().trim_start_matches('"'));
            if replayable_here(fmt) {
                out.push((start + at, line.to_string()));
                taken += 1;
            }
            at += end + 1;
        }
    }
    out.truncate(n);
    out
}

#[test]
fn cpython_vectors() {
    let path = vectors_path();
    let lines: Vec<(usize, String)> = match sample_size() {
        Some(n) => {
            println!("replaying a sample of {n} vectors ('line' below is a byte offset)");
            sample_lines(&path, n)
        }
        None => std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
            .lines()
            .enumerate()
            .map(|(i, line)| (i + 1, line.to_string()))
            .collect(),
    };
    let sampled = sample_size().is_some();

    install_quiet_hook();
    QUIET_PANICS.with(|q| q.set(true));

    let mut total = 0usize;
    let mut skipped = 0usize;
    let mut failed_vectors = 0usize;
    let mut mismatches: Vec<String> = Vec::new();
    let mut mismatch_count = 0usize;
    for (i, line) in &lines {
        if line.is_empty() {
            continue;
        }
        let v = parse_vector(*i, line);
        if !replayable_here(&v.fmt) {
            skipped += 1;
            continue;
        }
        total += 1;
        let bad = check(&v);
        if !bad.is_empty() {
            failed_vectors += 1;
            mismatch_count += bad.len();
            for b in bad {
                if mismatches.len() < SHOW_MISMATCHES {
                    mismatches.push(b);
                }
            }
        }
    }
    QUIET_PANICS.with(|q| q.set(false));

    println!("replayed {total} CPython vectors ({skipped} skipped on this target)");
    if skipped == 0 && !sampled {
        assert!(
            total >= MIN_VECTORS,
            "only {total} vectors in {} (want >= {MIN_VECTORS})",
            path.display()
        );
    }
    if failed_vectors > 0 {
        for m in &mismatches {
            eprintln!("{m}\n");
        }
        panic!(
            "{failed_vectors} of {total} CPython vectors disagree ({mismatch_count} mismatches; \
             first {} shown above)",
            mismatches.len()
        );
    }
}

/// If CPython 3.11 is available, regenerate the vectors and check they are
/// byte-identical to the checked-in file. (Not under Miri, which runs no
/// processes.)
#[test]
#[cfg_attr(miri, ignore)]
fn regenerate_matches_checked_in() {
    check_regenerates("gen_vectors.py", "vectors.jsonl");
}
