//! Differential test against Python's bitstruct 8.24 (its pure-Python module).
//!
//! `tests/bitstruct/vectors.jsonl` is what `tests/bitstruct/gen_bits.py` got
//! from the real `bitstruct` package (see `tests/bitstruct/README.md`). Every
//! vector replays through `netpack::bits`' free functions and through a
//! `CompiledFormat`, and `calcsize` is checked for every vector's format. Under
//! Miri, or with `NETPACK_VECTOR_SAMPLE=N`, an even sample replays instead.
//!
//! Where netpack differs from bitstruct on purpose (documented in
//! `netpack::bits`), the expectation says so: a format beyond `MAX_BITS` is
//! refused, an integer beyond `i128` is `Unrepresentable`, and a message
//! quoting more than 48 bytes of text is cut with `…`.

use netpack::bits::{self, CompiledFormat, MAX_BITS};
use netpack::{Error, ErrorKind, Value};
use netpack_tests::bits_checks::{
    bitstruct_dir, decode_value, run_compiled, run_free, Op, Outcome,
};
use netpack_tests::vectors::decode_hex;
use serde_json::Value as Json;
use std::collections::BTreeSet;

const MIN_VECTORS: usize = 20_000;
const SHOW_MISMATCHES: usize = 20;

fn kind_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::BadFormat => "BadFormat",
        ErrorKind::FormatTooLarge => "FormatTooLarge",
        ErrorKind::ArgCount => "ArgCount",
        ErrorKind::ArgType => "ArgType",
        ErrorKind::ArgRange => "ArgRange",
        ErrorKind::BufferSize => "BufferSize",
        ErrorKind::InvalidValue => "InvalidValue",
        ErrorKind::Unrepresentable => "Unrepresentable",
        _ => "<other>",
    }
}

/// What a vector expects of netpack.
#[derive(Debug)]
enum Expect {
    Bytes(Vec<u8>),
    Values(Vec<Value>),
    Size(usize),
    /// Kind and bitstruct's message; for `pack_into`, the buffer after.
    Err(String, String, Option<Vec<u8>>),
    /// netpack's documented limit: this kind, whatever bitstruct said.
    Limit(ErrorKind),
    /// These bytes, or `Unrepresentable` (an argument beyond `i128`).
    BytesOrHuge(Vec<u8>),
    /// This error, or `Unrepresentable` (an earlier field beyond `i128`), and
    /// for `pack_into` the buffer after.
    ErrOrHuge(String, String, Option<Vec<u8>>),
}

/// Whether netpack's message `got` says bitstruct's `want`: it starts with it,
/// or, where netpack cut a quoted text (`…`), `want` starts with what netpack
/// kept.
fn says(got: &str, want: &str) -> bool {
    if got.starts_with(want) {
        return true;
    }
    match got.split_once('…') {
        Some((kept, _)) if !want.contains('…') => kept.len() >= 40 && want.starts_with(kept),
        _ => false,
    }
}

fn matches(want: &Expect, got: &Outcome) -> bool {
    match (want, got) {
        (Expect::Bytes(a), Outcome::Bytes(b)) => a == b,
        (Expect::Values(a), Outcome::Values(b)) => netpack_tests::bits_checks::same_values(a, b),
        (Expect::Err(kind, message, after), Outcome::Err(e, buf)) => {
            kind == kind_name(e.kind()) && says(&e.to_string(), message) && after == buf
        }
        (Expect::Limit(kind), Outcome::Err(e, _)) => e.kind() == *kind,
        (Expect::BytesOrHuge(a), Outcome::Bytes(b)) => a == b,
        (Expect::BytesOrHuge(_), Outcome::Err(e, _)) => e.kind() == ErrorKind::Unrepresentable,
        (Expect::ErrOrHuge(kind, message, after), Outcome::Err(e, buf)) => {
            after == buf
                && (e.kind() == ErrorKind::Unrepresentable
                    || (kind == kind_name(e.kind()) && says(&e.to_string(), message)))
        }
        _ => false,
    }
}

fn show(got: &Outcome) -> String {
    match got {
        Outcome::Bytes(b) => format!("Ok({})", hex(b)),
        Outcome::Values(v) => format!("Ok({v:?})"),
        Outcome::Err(e, buf) => format!(
            "Err({}: {:?}{})",
            kind_name(e.kind()),
            e.to_string(),
            buf.as_ref()
                .map_or(String::new(), |b| format!(", buffer after {}", hex(b)))
        ),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

struct Vector {
    line: usize,
    text: String,
    op: String,
    fmt: String,
    /// The operation, for all but calcsize and byteswap.
    call: Option<Op>,
    size: Expect,
    expect: Expect,
    difference: Option<String>,
}

fn json_err(j: &Json, after: Option<Vec<u8>>) -> Expect {
    let a = j.as_array().expect("[kind, message]");
    Expect::Err(
        a[0].as_str().expect("kind").to_string(),
        a[1].as_str().expect("message").to_string(),
        after,
    )
}

/// The values of an `ok`, or `None` when one is beyond `i128`.
fn json_values(j: &Json) -> Option<Vec<Value>> {
    j.as_array()
        .expect("values")
        .iter()
        .map(|v| decode_value(v.as_str().expect("encoded value")))
        .collect()
}

/// Whether one of `args` is beyond `i128` once `int()` reads it: a float of
/// 2**127 or more, or a decimal literal too long for an `i128`.
fn has_huge_int(args: &[Value]) -> bool {
    args.iter().any(|a| match a {
        Value::Float(x) => x.abs() >= 2f64.powi(127) && x.is_finite(),
        Value::Str(s) => literal_is_huge(s),
        Value::Bytes(b) => std::str::from_utf8(b).is_ok_and(literal_is_huge),
        _ => false,
    })
}

/// Whether `fmt` has a `u` or `s` field of 128 bits or more.
fn has_long_int_field(fmt: &str) -> bool {
    use netpack_format::bits::{BitCode, Parser};
    Parser::new(fmt.as_bytes()).is_ok_and(|p| {
        p.map_while(Result::ok)
            .any(|i| matches!(i.code, BitCode::Unsigned | BitCode::Signed) && i.bits >= 128)
    })
}

fn literal_is_huge(s: &str) -> bool {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    digits.len() >= 39 && digits.parse::<i128>().is_err()
}

fn parse(line: usize, text: &str) -> Vector {
    let j: Json = serde_json::from_str(text).unwrap_or_else(|e| panic!("line {line}: {e}"));
    let field = |k: &str| j.get(k);
    let op = j["op"].as_str().expect("op").to_string();
    let fmt = j["fmt"].as_str().expect("fmt").to_string();
    let buf = field("buf").map(|b| decode_hex(b.as_str().expect("hex")));
    let off = field("off").map_or(0, |o| o.as_u64().expect("offset") as usize);
    let args: Vec<Value> =
        field("args").map_or_else(Vec::new, |a| json_values(a).expect("arguments within i128"));
    let size = match (field("size"), field("size_err")) {
        (Some(n), _) if n.as_u64().is_none_or(|n| n > MAX_BITS as u64) => {
            Expect::Limit(ErrorKind::FormatTooLarge)
        }
        (Some(n), _) => Expect::Size(n.as_u64().expect("size") as usize),
        (None, Some(e)) => json_err(e, None),
        (None, None) => Expect::Size(0),
    };
    let call = match op.as_str() {
        "pack" => Some(Op::Pack(args.clone())),
        "pack_into" => Some(Op::PackInto {
            buf: buf.clone().expect("buf"),
            offset: off,
            args: args.clone(),
            keep: field("keep").is_some(),
        }),
        "unpack" | "unpack_from" => Some(Op::Unpack {
            data: buf.clone().expect("buf"),
            offset: off,
            truncated: field("trunc").is_some(),
        }),
        _ => None,
    };
    let after = field("after").map(|b| decode_hex(b.as_str().expect("hex")));
    let expect = if let Expect::Limit(kind) = size {
        Expect::Limit(kind)
    } else if let Some(e) = field("err") {
        json_err(e, after)
    } else {
        let ok = &j["ok"];
        match op.as_str() {
            "calcsize" => match &size {
                Expect::Size(n) => Expect::Size(*n),
                Expect::Err(k, m, _) => Expect::Err(k.clone(), m.clone(), None),
                Expect::Limit(k) => Expect::Limit(*k),
                _ => unreachable!(),
            },
            "pack" | "pack_into" | "byteswap" => {
                Expect::Bytes(decode_hex(ok.as_str().expect("hex")))
            }
            _ => match json_values(ok) {
                Some(values) => Expect::Values(values),
                None => Expect::Limit(ErrorKind::Unrepresentable),
            },
        }
    };
    let expect = match expect {
        // An argument that `int()` reads beyond i128: netpack cannot carry it
        // when its field is an integer that holds it.
        Expect::Bytes(b) if op.starts_with("pack") && has_huge_int(&args) => Expect::BytesOrHuge(b),
        // A field of 128 bits or more that holds more than an i128 fails
        // before a later field's error can; so does an argument beyond it.
        Expect::Err(k, m, after)
            if (op.starts_with("unpack") && has_long_int_field(&fmt))
                || (op.starts_with("pack") && has_huge_int(&args)) =>
        {
            Expect::ErrOrHuge(k, m, after)
        }
        other => other,
    };
    Vector {
        line,
        text: text.to_string(),
        op,
        fmt,
        call,
        size,
        expect,
        difference: field("c").and_then(Json::as_str).map(str::to_string),
    }
}

/// Replays one vector; a description of each disagreement.
fn check(v: &Vector) -> Vec<String> {
    let mut bad = Vec::new();
    let mut report = |what: &str, want: &Expect, got: &Outcome| {
        if !matches(want, got) {
            bad.push(format!(
                "line {}: {what}\n    vector:   {}\n    expected: {want:?}\n    got:      {}",
                v.line,
                v.text,
                show(got)
            ));
        }
    };
    let err = |e: Error| Outcome::Err(e, None);
    let sized = |n: usize| Outcome::Values(vec![Value::Int(n as i128)]);
    let size_expect = match &v.size {
        Expect::Size(n) => Expect::Values(vec![Value::Int(*n as i128)]),
        Expect::Err(k, m, _) => Expect::Err(k.clone(), m.clone(), None),
        Expect::Limit(k) => Expect::Limit(*k),
        _ => unreachable!(),
    };
    report(
        "calcsize",
        &size_expect,
        &bits::calcsize(&v.fmt).map_or_else(err, sized),
    );
    let compiled = CompiledFormat::new(&v.fmt);
    report(
        "CompiledFormat::calcsize",
        &size_expect,
        &compiled
            .as_ref()
            .map_or_else(|e| err(*e), |cf| sized(cf.calcsize())),
    );
    let Some(call) = &v.call else {
        return bad;
    };
    report(
        &format!("bits::{}", v.op),
        &v.expect,
        &run_free(&v.fmt, call),
    );
    if let Ok(cf) = &compiled {
        report(
            &format!("CompiledFormat::{}", v.op),
            &v.expect,
            &run_compiled(cf, call),
        );
        if let Op::Unpack {
            data,
            offset,
            truncated,
        } = call
        {
            for (pass, got) in run_unpack_into(cf, data, *offset, *truncated)
                .iter()
                .enumerate()
            {
                report(
                    &format!(
                        "CompiledFormat::unpack_into (call {}) for {}",
                        pass + 1,
                        v.op
                    ),
                    &v.expect,
                    got,
                );
            }
        }
    }
    bad
}

/// `unpack_into` with a vector that already holds values (it must be cleared),
/// then again with the vector it filled: both calls must give the vector's
/// values.
fn run_unpack_into(
    cf: &CompiledFormat,
    data: &[u8],
    offset: usize,
    truncated: bool,
) -> [Outcome; 2] {
    let mut out = vec![Value::Bool(true), Value::Int(-1)];
    let mut call = || {
        let done = if truncated {
            cf.unpack_into_truncated(data, offset, &mut out)
        } else {
            cf.unpack_into(data, offset, &mut out)
        };
        done.map_or_else(|e| Outcome::Err(e, None), |()| Outcome::Values(out.clone()))
    };
    [call(), call()]
}

fn check_byteswap(v: &Vector, j: &Json) -> Vec<String> {
    let data = decode_hex(j["buf"].as_str().expect("buf"));
    let off = j["off"].as_u64().expect("off") as usize;
    let got =
        bits::byteswap(&v.fmt, &data, off).map_or_else(|e| Outcome::Err(e, None), Outcome::Bytes);
    if matches(&v.expect, &got) {
        Vec::new()
    } else {
        vec![format!(
            "line {}: byteswap\n    vector:   {}\n    expected: {:?}\n    got:      {}",
            v.line,
            v.text,
            v.expect,
            show(&got)
        )]
    }
}

fn sample_size() -> Option<usize> {
    match std::env::var("NETPACK_VECTOR_SAMPLE") {
        Ok(n) => Some(n.parse().expect("NETPACK_VECTOR_SAMPLE is a number")),
        Err(_) => cfg!(miri).then_some(200),
    }
}

fn vector_lines() -> Vec<(usize, String)> {
    let path = bitstruct_dir().join("vectors.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let lines: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect();
    match sample_size() {
        Some(n) if n < lines.len() => {
            let step = lines.len() / n.max(1);
            lines.into_iter().step_by(step.max(1)).take(n).collect()
        }
        _ => lines,
    }
}

#[test]
fn bitstruct_vectors() {
    let lines = vector_lines();
    let sampled = sample_size().is_some();
    let mut total = 0;
    let mut failed = 0;
    let mut shown = Vec::new();
    for (i, text) in &lines {
        let v = parse(*i, text);
        let bad = if v.op == "byteswap" {
            let j: Json = serde_json::from_str(text).expect("JSON");
            check_byteswap(&v, &j)
        } else {
            check(&v)
        };
        total += 1;
        if !bad.is_empty() {
            failed += 1;
            shown.extend(
                bad.into_iter()
                    .take(SHOW_MISMATCHES - shown.len().min(SHOW_MISMATCHES)),
            );
        }
    }
    println!("replayed {total} bitstruct vectors");
    if !sampled {
        assert!(
            total >= MIN_VECTORS,
            "only {total} vectors (want >= {MIN_VECTORS})"
        );
    }
    assert!(
        failed == 0,
        "{failed} of {total} bitstruct vectors disagree; the first:\n{}",
        shown.join("\n\n")
    );
}

/// The differences of bitstruct's C extension the vectors found are the ones
/// `netpack/src/bits/differences.md` lists, no more and no fewer.
#[test]
#[cfg_attr(miri, ignore)]
fn documented_c_differences_are_the_ones_found() {
    let found: BTreeSet<String> = vector_lines()
        .iter()
        .filter_map(|(i, text)| parse(*i, text).difference)
        .collect();
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../netpack/src/bits/differences.md"),
    )
    .expect("read differences.md");
    let listed: BTreeSet<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, _)| id.to_string())
        .filter(|id| id.starts_with("c-"))
        .collect();
    assert_eq!(
        found, listed,
        "the differences of bitstruct.c in the vectors (left) are not the ones differences.md lists (right)"
    );
}

/// The checked-in vectors are what the generator makes with the oracle now.
#[test]
#[cfg_attr(miri, ignore)]
fn regenerate_matches_checked_in() {
    let Some(python) = netpack_tests::oracle::with_modules(
        "the bitstruct vectors' regeneration check",
        &["bitstruct", "bitstruct.c"],
    ) else {
        return;
    };
    let out = std::env::temp_dir().join(format!("netpack-bits-{}.jsonl", std::process::id()));
    let status = std::process::Command::new(&python)
        .arg(bitstruct_dir().join("gen_bits.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run gen_bits.py");
    assert!(status.success(), "gen_bits.py failed: {status}");
    let fresh = std::fs::read(&out).expect("read the regenerated vectors");
    let _ = std::fs::remove_file(&out);
    let checked_in = std::fs::read(bitstruct_dir().join("vectors.jsonl")).expect("read vectors");
    assert!(
        fresh == checked_in,
        "tests/bitstruct/vectors.jsonl is stale: run $(bash .ci/python-env) tests/bitstruct/gen_bits.py"
    );
}

/// Python's `\d` and `\s`, and `str.isprintable()` (what `repr` of a `Value::Str`
/// escapes), are CPython 3.11's: every code point is checked against the oracle.
#[test]
#[cfg_attr(miri, ignore)]
fn unicode_tables_are_python_s() {
    let Some(python) = netpack_tests::oracle::with_modules("the Unicode tables check", &[]) else {
        return;
    };
    let script = "import sys\n\
        out = []\n\
        for c in range(0x110000):\n\
        \x20   if 0xd800 <= c < 0xe000: continue\n\
        \x20   s = chr(c)\n\
        \x20   d = int(s) if s.isdecimal() else -1\n\
        \x20   out.append('%x %d %d %d' % (c, d, s.isspace(), s.isprintable()))\n\
        sys.stdout.write('\\n'.join(out))\n";
    let output = std::process::Command::new(&python)
        .args(["-c", script])
        .output()
        .expect("run python");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let mut checked = 0;
    for line in text.lines() {
        let mut parts = line.split(' ');
        let c = char::from_u32(u32::from_str_radix(parts.next().unwrap(), 16).unwrap()).unwrap();
        let digit: i64 = parts.next().unwrap().parse().unwrap();
        let space = parts.next().unwrap() == "1";
        let printable = parts.next().unwrap() == "1";
        let ours = netpack_format::bits::decimal(c).map_or(-1, i64::from);
        assert_eq!(ours, digit, "decimal({c:?})");
        assert_eq!(netpack_format::bits::is_space(c), space, "is_space({c:?})");
        // repr escapes exactly the characters Python does not print.
        let repr = Value::Str(c.to_string()).to_string();
        let kept = repr == format!("'{c}'") || repr == format!("\"{c}\"") || c == '\\';
        assert_eq!(kept, printable, "repr of {c:?}: {repr}");
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800);
}

/// `Value`'s `Display` of a float is Python's `repr`, ties between two shortest
/// strings included (bitstruct's `f16` unpacks 2**-24, which Rust's shortest
/// digits write as `...0625` rounded up, Python as `5.960464477539063e-08`):
/// every power of two, and a seeded sweep of bit patterns.
#[test]
#[cfg_attr(miri, ignore)]
fn float_repr_is_python_s() {
    let Some(python) = netpack_tests::oracle::with_modules("the float repr check", &[]) else {
        return;
    };
    let mut xs: Vec<f64> = (0..2046u64).map(|e| f64::from_bits(e << 52)).collect();
    xs.extend((0..52).map(|k| f64::from_bits(1 << k)));
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..50_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let x = f64::from_bits(state);
        if x.is_finite() {
            xs.push(x);
        }
        // Few significant bits: where exact decimal expansions end in a tie.
        let few = f64::from_bits(state & 0xffff_f000_0000_0000);
        if few.is_finite() {
            xs.push(few);
        }
    }
    let input: String = xs
        .iter()
        .map(|x| format!("{:016x}\n", x.to_bits()))
        .collect();
    let mut child = std::process::Command::new(&python)
        .args([
            "-c",
            "import struct, sys\n\
             for line in sys.stdin:\n\
             \x20   print(repr(struct.unpack('>d', bytes.fromhex(line.strip()))[0]))\n",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run python");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || {
        use std::io::Write as _;
        stdin.write_all(input.as_bytes()).expect("write");
    });
    let output = child.wait_with_output().expect("python output");
    writer.join().expect("writer");
    let reprs = String::from_utf8(output.stdout).expect("UTF-8");
    let mut wrong = Vec::new();
    for (x, want) in xs.iter().zip(reprs.lines()) {
        let got = Value::Float(*x).to_string();
        if got != want && wrong.len() < 10 {
            wrong.push(format!(
                "{:016x}: Python {want}, netpack {got}",
                x.to_bits()
            ));
        }
    }
    assert_eq!(reprs.lines().count(), xs.len());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
