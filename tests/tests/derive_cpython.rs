//! The zoo against CPython 3.11: `tests/cpython/zoo_vectors.jsonl`, made by
//! `tests/cpython/gen_zoo.py` with the real `struct` module (format of the file
//! in the script's docstring).
//!
//! For every zoo type: its `FORMAT` and `SIZE` are the script's (written there by
//! hand); every value list Python packed builds a value with `T::from_values`
//! that packs to Python's bytes, and `T::unpack` of those bytes gives Python's
//! unpacked values; every value list Python rejected is rejected by
//! `from_values` with the same `ErrorKind`; every buffer Python unpacked unpacks
//! to the same values and packs back to Python's repacking (up to the f32 NaN
//! quieting that the derive does not do); and where an enum field gets a value
//! that names no variant, the derive answers `InvalidValue`.

use netpack::Message;
use std::collections::BTreeMap;
use std::path::PathBuf;

use netpack::{Error, ErrorKind};
use netpack_tests::derive_checks::{
    canonical_bytes, hex, normalize_values, quiet_f32_nans, same_values, show_values,
};
use netpack_tests::vectors::{
    check_regenerates, cpython_dir, decode_hex, decode_values as values, replayable_here,
};
use netpack_tests::zoo::{self, ZooType, ZooVisitor};
use serde_json::Value as Json;

/// Fewer vectors than this means the file was truncated.
const MIN_VECTORS: usize = 3000;

fn vectors_path() -> PathBuf {
    cpython_dir().join("zoo_vectors.jsonl")
}

fn kind_name(e: &Error) -> String {
    format!("{:?}", e.kind())
}

/// The vectors of one type, by line number.
struct TypeVectors {
    fmt: String,
    size: usize,
    lines: Vec<(usize, Json)>,
}

fn load() -> BTreeMap<String, TypeVectors> {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut types: BTreeMap<String, TypeVectors> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let j: Json = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("zoo_vectors.jsonl:{}: bad JSON: {e}", i + 1));
        let name = j["type"].as_str().expect("type").to_string();
        if j.get("op").is_none() {
            let fmt = j["fmt"].as_str().expect("fmt").to_string();
            let size = j["size"].as_u64().expect("size") as usize;
            let old = types.insert(
                name.clone(),
                TypeVectors {
                    fmt,
                    size,
                    lines: Vec::new(),
                },
            );
            assert!(old.is_none(), "zoo_vectors.jsonl:{}: {name} twice", i + 1);
        } else {
            types
                .get_mut(&name)
                .unwrap_or_else(|| panic!("zoo_vectors.jsonl:{}: {name} before its header", i + 1))
                .lines
                .push((i + 1, j));
        }
    }
    types
}

/// Replays one type's vectors; returns a description of each disagreement.
struct Replay<'a> {
    vectors: &'a TypeVectors,
    failures: Vec<String>,
    replayed: usize,
}

impl ZooVisitor for Replay<'_> {
    fn visit<T: ZooType>(&mut self, name: &'static str) {
        let v = self.vectors;
        if T::FORMAT != v.fmt || T::SIZE != v.size {
            self.failures.push(format!(
                "{name}: FORMAT {:?} / SIZE {} but gen_zoo.py says {:?} / {}",
                T::FORMAT,
                T::SIZE,
                v.fmt,
                v.size
            ));
            return;
        }
        for (line, j) in &v.lines {
            self.replayed += 1;
            let op = j["op"].as_str().expect("op");
            let derive_err = j.get("derive_err").map(|e| e.as_str().unwrap().to_string());
            let result = match op {
                "pack" => pack_vector::<T>(j, derive_err),
                "unpack" => unpack_vector::<T>(j, derive_err),
                _ => Err(format!("unknown op {op:?}")),
            };
            if let Err(why) = result {
                self.failures
                    .push(format!("zoo_vectors.jsonl:{line} ({name}, {op}): {why}"));
            }
        }
    }
}

fn pack_vector<T: ZooType>(j: &Json, derive_err: Option<String>) -> Result<(), String> {
    let format = T::FORMAT;
    let args = values(&j["args"]);
    let built = T::from_values(&args);
    if let Some(err) = j.get("err") {
        let want = err[0].as_str().unwrap();
        return match built {
            Err(e) if kind_name(&e) == want => Ok(()),
            Err(e) => Err(format!(
                "from_values({}) fails with {} ({e}); Python: {want} ({})",
                show_values(&args),
                kind_name(&e),
                err[1]
            )),
            Ok(t) => Err(format!(
                "from_values({}) = {t:?}; Python: {want} ({})",
                show_values(&args),
                err[1]
            )),
        };
    }
    let packed = decode_hex(j["ok"].as_str().unwrap());
    let unpacked = values(&j["unpacked"]);
    if let Some(kind) = derive_err {
        // Python packs a non-variant for an enum field; the derive refuses it.
        let from = built.map(|t| format!("{t:?}"));
        let unpack = T::decode(&packed).map(|t| format!("{t:?}"));
        return match (&from, &unpack) {
            (Err(a), Err(b)) if kind_name(a) == kind && kind_name(b) == kind => Ok(()),
            _ => Err(format!(
                "want {kind} from from_values({}) and from unpack({}); got {from:?} and \
                 {unpack:?}",
                show_values(&args),
                hex(&packed)
            )),
        };
    }
    let t = built.map_err(|e| {
        format!(
            "from_values({}) fails ({e}) but Python packs {}",
            show_values(&args),
            hex(&packed)
        )
    })?;
    match t.encode() {
        Ok(b) if b == packed => {}
        Ok(b) => {
            return Err(format!(
                "from_values({}) = {t:?} packs to {}; Python: {}",
                show_values(&args),
                hex(&b),
                hex(&packed)
            ))
        }
        Err(e) => return Err(format!("from_values(...) = {t:?} does not pack: {e}")),
    }
    let back = T::decode(&packed)
        .map_err(|e| format!("T::decode({}) fails: {e}", hex(&packed)))?
        .to_values();
    if !same_values(&back, &unpacked) {
        return Err(format!(
            "T::decode({}).to_values() = {}; Python unpacks {}",
            hex(&packed),
            show_values(&back),
            show_values(&unpacked)
        ));
    }
    // The normalisation model: what Python gives back is the packed values
    // after normalisation.
    let normal = normalize_values(format, &args);
    if !same_values(&normal, &unpacked) {
        return Err(format!(
            "normalize_values({}) = {}; Python unpacks {}",
            show_values(&args),
            show_values(&normal),
            show_values(&unpacked)
        ));
    }
    Ok(())
}

fn unpack_vector<T: ZooType>(j: &Json, derive_err: Option<String>) -> Result<(), String> {
    let format = T::FORMAT;
    let buf = decode_hex(j["buf"].as_str().unwrap());
    let ok = values(&j["ok"]);
    let repack = decode_hex(j["repack"].as_str().unwrap());
    let got = T::decode(&buf);
    if let Some(kind) = derive_err {
        return match got {
            Err(e) if kind_name(&e) == kind => match T::from_values(&ok) {
                Err(e) if kind_name(&e) == kind => Ok(()),
                other => Err(format!(
                    "from_values({}) = {other:?}; want {kind}",
                    show_values(&ok)
                )),
            },
            other => Err(format!("T::decode({}) = {other:?}; want {kind}", hex(&buf))),
        };
    }
    let t = got.map_err(|e| format!("T::decode({}) fails: {e}", hex(&buf)))?;
    let values = t.to_values();
    if !same_values(&values, &ok) {
        return Err(format!(
            "T::decode({}).to_values() = {}; Python: {}",
            hex(&buf),
            show_values(&values),
            show_values(&ok)
        ));
    }
    let again = t
        .encode()
        .map_err(|e| format!("T::decode({}) = {t:?} does not pack: {e}", hex(&buf)))?;
    // The derive keeps signalling f32 NaNs; Python's repacking has them quiet.
    if quiet_f32_nans(format, &again) != repack {
        return Err(format!(
            "T::decode(buf).encode().unwrap() = {} (f32 NaNs quieted: {}); Python repacks {}",
            hex(&again),
            hex(&quiet_f32_nans(format, &again)),
            hex(&repack)
        ));
    }
    // The byte-level normalisation model against Python.
    let model = quiet_f32_nans(format, &canonical_bytes(format, &buf));
    if model != repack {
        return Err(format!(
            "quiet_f32_nans(canonical_bytes(buf)) = {}; Python repacks {}",
            hex(&model),
            hex(&repack)
        ));
    }
    let from =
        T::from_values(&ok).map_err(|e| format!("from_values({}) fails: {e}", show_values(&ok)))?;
    match from.encode() {
        Ok(b) if b == repack => Ok(()),
        other => Err(format!(
            "from_values({}).encode() = {other:?}; Python repacks {}",
            show_values(&ok),
            hex(&repack)
        )),
    }
}

#[test]
fn zoo_matches_cpython() {
    let types = load();
    let mut failures = Vec::new();
    let mut replayed = 0;
    let mut skipped = Vec::new();
    for name in zoo::ZOO_NAMES {
        let Some(vectors) = types.get(*name) else {
            failures.push(format!(
                "{name}: no vectors in zoo_vectors.jsonl (gen_zoo.py)"
            ));
            continue;
        };
        if !replayable_here(&vectors.fmt) {
            skipped.push(*name);
            continue;
        }
        let mut replay = Replay {
            vectors,
            failures: Vec::new(),
            replayed: 0,
        };
        assert!(zoo::visit_zoo_named(name, &mut replay));
        replayed += replay.replayed;
        failures.extend(replay.failures);
    }
    for name in types.keys() {
        if !zoo::ZOO_NAMES.contains(&name.as_str()) {
            failures.push(format!("{name}: in zoo_vectors.jsonl but not in the zoo"));
        }
    }
    println!(
        "replayed {replayed} zoo vectors over {} types (skipped on this target: {skipped:?})",
        zoo::zoo_len() - skipped.len()
    );
    if skipped.is_empty() {
        assert!(
            replayed >= MIN_VECTORS,
            "only {replayed} zoo vectors (want >= {MIN_VECTORS})"
        );
    }
    if !failures.is_empty() {
        for f in failures.iter().take(30) {
            eprintln!("{f}\n");
        }
        panic!(
            "{} zoo vectors disagree with CPython (first {} above)",
            failures.len(),
            failures.len().min(30)
        );
    }
}

/// Pinned: a few of the vectors, by hand, so a truncated file cannot pass.
#[test]
fn known_vectors_are_present() {
    let types = load();
    assert_eq!(types.len(), zoo::zoo_len());
    let request = &types["Request"];
    assert_eq!((request.fmt.as_str(), request.size), ("!H8sb", 11));
    assert_eq!(types["NativeW3"].size, 40);
    assert_eq!(types["NativeSizes"].size, 32);
    assert_eq!(types["NativePadded"].size, 12);
    assert_eq!(types["NativeEnums"].size, 21);
    assert_eq!(types["Pascal"].size, 264);
    assert_eq!(types["Unit"].size, 0);
    let kinds: Vec<&str> = types
        .values()
        .flat_map(|t| &t.lines)
        .filter_map(|(_, j)| j.get("derive_err").and_then(Json::as_str))
        .collect();
    assert!(kinds.iter().all(|k| *k == "InvalidValue"));
    assert!(kinds.len() > 100, "only {} enum rejections", kinds.len());
    let errs: Vec<&str> = types
        .values()
        .flat_map(|t| &t.lines)
        .filter_map(|(_, j)| j.get("err").map(|e| e[0].as_str().unwrap()))
        .collect();
    for kind in ["ArgCount", "ArgType", "ArgRange"] {
        assert!(errs.contains(&kind), "no {kind} vector");
    }
    assert_eq!(format!("{:?}", ErrorKind::InvalidValue), "InvalidValue");
}

/// If CPython 3.11 is available, regenerate the zoo vectors and check they are
/// byte-identical to the checked-in file.
#[test]
fn regenerate_matches_checked_in() {
    check_regenerates("gen_zoo.py", "zoo_vectors.jsonl");
}
