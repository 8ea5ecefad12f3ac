//! Runs one runtime path `N` times, for instruction counts that do not depend on
//! the machine's load:
//!
//! ```sh
//! cargo build --release -p netpack-benches --bin instructions
//! for n in 0 20000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.$n \
//!     target/release/instructions w1-pack-into $n 2>&1 | grep 'Collected'
//! done   # (Collected at 20000 - Collected at 0) / 20000 = instructions per op
//! ```
//!
//! `instructions list` names the paths. The W4 paths count one pass over the
//! 1,000,000 records per iteration, so run them with a small `N` and divide by
//! `N * 1_000_000` for instructions per record.

use netpack::{Struct, Value, ValueRef};
use netpack_benches::{w1, w2, w3, w4};
use std::hint::black_box;

type Path = (&'static str, fn(usize));

fn message_paths() -> Vec<Path> {
    vec![
        ("w1-pack-into", |n| {
            pack_into(w1::FORMAT, &w1::values(&w1::MESSAGE), n)
        }),
        ("w2-pack-into", |n| {
            pack_into(w2::FORMAT, &w2::values(&w2::MESSAGE), n)
        }),
        ("w3-pack-into", |n| {
            pack_into(w3::FORMAT, &w3::values(&w3::MESSAGE), n)
        }),
        ("w1-module-pack-into", |n| {
            module_pack_into(w1::FORMAT, &w1::values(&w1::MESSAGE), n)
        }),
        ("w1-unpack-into", |n| {
            unpack_into(w1::FORMAT, w1::CPYTHON, n)
        }),
        ("w2-unpack-into", |n| {
            unpack_into(w2::FORMAT, w2::CPYTHON, n)
        }),
        ("w3-unpack-into", |n| {
            unpack_into(w3::FORMAT, w3::CPYTHON, n)
        }),
        ("w1-unpack-ref-into", |n| {
            unpack_ref_into(w1::FORMAT, w1::CPYTHON, n)
        }),
        ("w2-unpack-ref-into", |n| {
            unpack_ref_into(w2::FORMAT, w2::CPYTHON, n)
        }),
        ("w3-unpack-ref-into", |n| {
            unpack_ref_into(w3::FORMAT, w3::CPYTHON, n)
        }),
        ("w1-module-unpack-from", |n| {
            for _ in 0..n {
                black_box(netpack::unpack_from(w1::FORMAT, black_box(w1::CPYTHON), 0).unwrap());
            }
        }),
        ("w4-next-into", |n| {
            let (s, buf) = w4_input();
            let mut v = Vec::new();
            for _ in 0..n {
                let mut records = s.iter_unpack(&buf).unwrap();
                while records.next_into(&mut v).unwrap() {
                    black_box(&v);
                }
            }
        }),
        ("w4-next-ref", |n| {
            let (s, buf) = w4_input();
            for _ in 0..n {
                let mut records = s.iter_unpack_ref(&buf).unwrap();
                while let Some(v) = records.next_ref().unwrap() {
                    black_box(v);
                }
            }
        }),
        ("w4-columns-decode", |n| {
            let (s, buf) = w4_input();
            let mut columns = s.columns().unwrap();
            for _ in 0..n {
                s.unpack_columns(black_box(&buf), &mut columns).unwrap();
                black_box(&columns);
            }
        }),
        ("w4-columns-encode", |n| {
            let (s, mut buf) = w4_input();
            let columns = w4::columns(&s, &w4::records());
            for _ in 0..n {
                s.pack_columns_into(black_box(&columns), &mut buf).unwrap();
                black_box(&buf);
            }
        }),
    ]
}

fn w4_input() -> (Struct, Vec<u8>) {
    let s = Struct::new(w4::FORMAT).unwrap();
    let buf = w4::cpython_buffer().unwrap();
    (s, buf)
}

fn pack_into(format: &str, values: &[Value], n: usize) {
    let s = Struct::new(format).unwrap();
    let mut buf = vec![0u8; s.size()];
    for _ in 0..n {
        s.pack_into(black_box(&mut buf), 0, black_box(values))
            .unwrap();
    }
}

fn module_pack_into(format: &str, values: &[Value], n: usize) {
    let mut buf = vec![0u8; netpack::calcsize(format).unwrap()];
    netpack::pack_into(format, &mut buf, 0, values).unwrap();
    for _ in 0..n {
        netpack::pack_into(black_box(format), black_box(&mut buf), 0, black_box(values)).unwrap();
    }
}

fn unpack_into(format: &str, bytes: &[u8], n: usize) {
    let s = Struct::new(format).unwrap();
    let mut out: Vec<Value> = Vec::new();
    s.unpack_into(bytes, &mut out).unwrap();
    for _ in 0..n {
        s.unpack_into(black_box(bytes), &mut out).unwrap();
        black_box(&out);
    }
}

fn unpack_ref_into(format: &str, bytes: &'static [u8], n: usize) {
    let s = Struct::new(format).unwrap();
    let mut out: Vec<ValueRef<'static>> = Vec::new();
    s.unpack_ref_into(bytes, &mut out).unwrap();
    for _ in 0..n {
        s.unpack_ref_into(black_box(bytes), &mut out).unwrap();
        black_box(&out);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths = message_paths();
    match args.as_slice() {
        [name, n] => match paths.iter().find(|(p, _)| p == name) {
            Some((_, run)) => run(n.parse().expect("a count")),
            None => {
                eprintln!("unknown path {name}; `instructions list` names them");
                std::process::exit(2);
            }
        },
        _ => {
            for (name, _) in &paths {
                println!("{name}");
            }
        }
    }
}
