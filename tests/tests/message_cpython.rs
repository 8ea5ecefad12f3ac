//! The message zoo against Python: `tests/cpython/message_vectors.jsonl`, made by
//! `tests/cpython/gen_messages.py`, which writes every zoo message with
//! `struct.pack` of its fixed parts plus its variable bytes, and reads random and
//! damaged buffers back with `struct.unpack_from` plus slicing (format of the
//! file in the script's docstring).
//!
//! - the runtime model (`netpack_tests::message_model`, `unpack_from` + slicing)
//!   gives Python's answer on every vector;
//! - every derived zoo message decodes every vector as Python does (value, bytes
//!   used, or a refusal) and encodes what it decodes to Python's bytes.

use netpack_tests::message_checks::check_decode_named;
use netpack_tests::message_model::{self, Refusal};
use netpack_tests::message_zoo::MESSAGE_NAMES;
use netpack_tests::vectors::{check_regenerates, cpython_dir, decode_hex};
use serde_json::Value as Json;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Fewer vectors than this means the file was truncated.
const MIN_VECTORS: usize = 1200;

/// One line of the file.
struct Vector {
    line: usize,
    name: String,
    json: Json,
}

/// Every vector, and each type's `parts` line.
fn load() -> (Vec<Vector>, Vec<(String, String)>) {
    let path = cpython_dir().join("message_vectors.jsonl");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut vectors = Vec::new();
    let mut parts = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let json: Json = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("message_vectors.jsonl:{}: bad JSON: {e}", i + 1));
        let name = json["type"].as_str().expect("type").to_string();
        if let Some(p) = json.get("parts") {
            parts.push((name, p.as_str().expect("parts").to_string()));
        } else {
            vectors.push(Vector {
                line: i + 1,
                name,
                json,
            });
        }
    }
    (vectors, parts)
}

/// What Python says about a vector's bytes: `(bytes, Ok((value, used)) or
/// Err(refusal))`.
fn expected(v: &Vector) -> (Vec<u8>, Result<(Json, usize), Refusal>) {
    let j = &v.json;
    match j["op"].as_str().expect("op") {
        "encode" => {
            let bytes = decode_hex(j["hex"].as_str().unwrap());
            let n = bytes.len();
            (bytes, Ok((j["value"].clone(), n)))
        }
        "decode" => {
            let bytes = decode_hex(j["hex"].as_str().unwrap());
            let result = match j.get("err") {
                Some(e) => Err(Refusal::from_name(e.as_str().unwrap()).expect("a reason")),
                None => Ok((j["ok"].clone(), j["used"].as_u64().unwrap() as usize)),
            };
            (bytes, result)
        }
        op => panic!("message_vectors.jsonl:{}: unknown op {op:?}", v.line),
    }
}

#[test]
fn the_runtime_model_reads_as_python_does() {
    let (vectors, parts) = load();
    assert!(
        vectors.len() >= MIN_VECTORS,
        "only {} vectors",
        vectors.len()
    );
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, message_model::NAMES, "the zoo and gen_messages.py");
    let mut failures = Vec::new();
    for v in &vectors {
        let (bytes, want) = expected(v);
        let got = message_model::model(&v.name, &bytes);
        if got != want {
            failures.push(format!(
                "message_vectors.jsonl:{} ({}): model {got:?}, Python {want:?}",
                v.line, v.name
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// The derive against Python: every vector decodes to Python's value from
/// Python's number of bytes, or is refused with the `ErrorKind` of Python's
/// reason, and what decodes encodes back to Python's bytes
/// (`message_checks::check_decode`, through the model Python's answers were
/// just checked against, and directly here).
#[test]
fn every_zoo_message_decodes_and_encodes_as_python_does() {
    let (vectors, parts) = load();
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, MESSAGE_NAMES, "the zoo and gen_messages.py");
    let mut failures = Vec::new();
    for v in &vectors {
        let (bytes, want) = expected(v);
        assert_eq!(message_model::model(&v.name, &bytes), want);
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| check_decode_named(&v.name, &bytes))) {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("message_vectors.jsonl:{}: {message}", v.line));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors disagree with Python:\n{}",
        failures.len(),
        vectors.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// Every kind of answer is in the file, for every type that can give it.
#[test]
fn the_vectors_cover_every_refusal() {
    let (vectors, _) = load();
    for reason in ["short", "cap", "utf8", "tag", "magic", "checksum"] {
        let n = vectors
            .iter()
            .filter(|v| v.json.get("err").and_then(Json::as_str) == Some(reason))
            .count();
        assert!(n >= 5, "only {n} vectors refused as {reason:?}");
    }
    let trailing = vectors
        .iter()
        .filter(|v| {
            v.json.get("used").is_some_and(|u| {
                u.as_u64().unwrap() * 2 < v.json["hex"].as_str().unwrap().len() as u64
            })
        })
        .count();
    assert!(
        trailing >= 20,
        "only {trailing} vectors with trailing bytes"
    );
}

/// If CPython 3.11 is available, regenerate the vectors and check they are
/// byte-identical to the checked-in file.
#[test]
fn regenerate_matches_checked_in() {
    check_regenerates("gen_messages.py", "message_vectors.jsonl");
}
