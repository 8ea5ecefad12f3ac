//! Heap allocations per operation, counted by a global allocator: none on the
//! derive, macro and `Struct::pack_into` paths, and exactly the documented ones
//! elsewhere (a `Vec<Value>` per unpack, plus one per `bytes` value).
//!
//! The counter is per thread, so the test harness's other threads do not disturb
//! it. `benches/README.md` has these numbers as a table.
#![cfg(feature = "derive")]

use netpack::Message;
use netpack::{NetPack, Struct, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    // `const` and without a destructor: usable from inside the allocator.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn bump() {
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to `System`; the counter only adds a
// thread-local increment, which does not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) made by `f` on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = ALLOCATIONS.with(Cell::get);
    let r = std::hint::black_box(f());
    (r, ALLOCATIONS.with(Cell::get) - before)
}

/// Asserts that `f` makes `expected` allocations, ten times in a row (the first
/// call may not warm anything up that later calls rely on).
#[track_caller]
fn assert_allocations<R>(expected: usize, mut f: impl FnMut() -> R) {
    for i in 0..10 {
        let (_, n) = allocations(&mut f);
        assert_eq!(
            n, expected,
            "call {i}: {n} allocations, expected {expected}"
        );
    }
}

/// W1 of the benches: `!H8sb`, one `bytes` value.
#[derive(Debug, PartialEq, NetPack)]
#[netpack(order = "!")]
struct Request {
    opcode: u16,
    filename: [u8; 8],
    mode: i8,
}

const REQUEST: Request = Request {
    opcode: 1,
    filename: *b"test.jpg",
    mode: 2,
};
const REQUEST_BYTES: &[u8] = b"\x00\x01test.jpg\x02";

/// W3 of the benches: `@?HIhqfd`, native alignment, no `bytes` value.
#[derive(Debug, PartialEq, NetPack)]
#[netpack(order = "@")]
struct Native {
    flag: bool,
    port: u16,
    id: u32,
    delta: i16,
    stamp: i64,
    ratio: f32,
    value: f64,
}

const NATIVE: Native = Native {
    flag: true,
    port: 0x1234,
    id: 0xdead_beef,
    delta: -2,
    stamp: -1_234_567_890_123,
    ratio: 1.5,
    value: 2.25,
};

fn request_values() -> Vec<Value> {
    vec![1.into(), b"test.jpg".into(), 2.into()]
}

fn native_values() -> Vec<Value> {
    vec![
        true.into(),
        0x1234.into(),
        0xdead_beefu32.into(),
        (-2).into(),
        (-1_234_567_890_123i64).into(),
        1.5.into(),
        2.25.into(),
    ]
}

#[test]
fn derive_encode_to_slice_and_decode_allocate_nothing() {
    let mut buf = [0u8; 40];
    assert_allocations(0, || REQUEST.encode_to_slice(&mut buf).unwrap());
    assert_allocations(0, || Request::decode_prefix(REQUEST_BYTES).unwrap());
    assert_allocations(0, || Request::decode(REQUEST_BYTES).unwrap());
    assert_allocations(0, || NATIVE.encode_to_slice(&mut buf).unwrap());
    assert_allocations(0, || Native::decode_prefix(&buf).unwrap());
    // The convenience that returns a vector: that vector.
    assert_allocations(1, || REQUEST.encode().unwrap());
}

/// A fixed record on a stream is staged on the stack: reading or writing one,
/// or a frame's header, allocates nothing (and keeps no per-thread buffer).
#[cfg(feature = "std")]
#[test]
fn stream_reads_and_writes_of_fixed_records_allocate_nothing() {
    let wire = REQUEST_BYTES.repeat(10);
    let mut stream = std::io::Cursor::new(&wire[..]);
    assert_allocations(0, || {
        let request: Request = netpack::io::read(&mut stream).unwrap().unwrap();
        assert_eq!(request, REQUEST);
    });
    let mut out = [0u8; 11];
    assert_allocations(0, || {
        netpack::io::write(&mut &mut out[..], &REQUEST).unwrap()
    });
    assert_eq!(out, REQUEST_BYTES);
    let frames = netpack::io::FrameCodec::<u16>::new(16);
    let framed = b"\x00\x00".repeat(10);
    let mut stream = std::io::Cursor::new(&framed[..]);
    // An empty body: the header is all that is read.
    assert_allocations(0, || frames.read(&mut stream).unwrap().unwrap());
}

#[test]
fn pack_and_unpack_macros_allocate_nothing() {
    assert_allocations(0, || netpack::pack!("!H8sb", 1u16, *b"test.jpg", 2i8));
    assert_allocations(0, || netpack::unpack!("!H8sb", REQUEST_BYTES).unwrap());
    assert_allocations(0, || {
        netpack::pack!("@?HIhqfd", true, 1u16, 2u32, -2i16, 3i64, 1.5f32, 2.25f64)
    });
}

#[test]
fn struct_pack_into_allocates_nothing() {
    let mut buf = [0u8; 40];
    let w1 = Struct::new("!H8sb").unwrap();
    let values = request_values();
    assert_allocations(0, || w1.pack_into(&mut buf, 0, &values).unwrap());
    let w3 = Struct::new("@?HIhqfd").unwrap();
    let values = native_values();
    assert_allocations(0, || w3.pack_into(&mut buf, 0, &values).unwrap());
    // `pack` returns a new vector: that one allocation.
    assert_allocations(1, || w3.pack(&values).unwrap());
}

#[test]
fn struct_unpack_allocates_one_vec_and_one_per_bytes_value() {
    let w1 = Struct::new("!H8sb").unwrap();
    assert_allocations(2, || w1.unpack(REQUEST_BYTES).unwrap());
    assert_allocations(2, || w1.unpack_from(REQUEST_BYTES, 0).unwrap());
    let w3 = Struct::new("@?HIhqfd").unwrap();
    let bytes = NATIVE.encode().unwrap();
    assert_allocations(1, || w3.unpack(&bytes).unwrap());
    let three_strings = Struct::new("2s3sc").unwrap();
    assert_allocations(4, || three_strings.unpack(b"abcdef").unwrap());
}

#[test]
fn struct_unpack_into_a_reused_vec_allocates_only_bytes_values() {
    let w3 = Struct::new("@?HIhqfd").unwrap();
    let bytes = NATIVE.encode().unwrap();
    let mut out = Vec::new();
    // The first call grows the vector.
    let ((), first) = allocations(|| w3.unpack_into(&bytes, &mut out).unwrap());
    assert_eq!(first, 1);
    assert_allocations(0, || w3.unpack_into(&bytes, &mut out).unwrap());
    assert_eq!(out, native_values());

    let w1 = Struct::new("!H8sb").unwrap();
    w1.unpack_into(REQUEST_BYTES, &mut out).unwrap();
    assert_allocations(1, || w1.unpack_into(REQUEST_BYTES, &mut out).unwrap());
}

#[test]
fn iter_unpack_next_into_allocates_nothing_per_record() {
    let w3 = Struct::new("@?HIhqfd").unwrap();
    let one = NATIVE.encode().unwrap();
    let buf: Vec<u8> = one.iter().copied().cycle().take(40 * 100).collect();
    let mut out = Vec::with_capacity(w3.values());
    let (records, n) = allocations(|| {
        let mut it = w3.iter_unpack(&buf).unwrap();
        let mut records = 0;
        while it.next_into(&mut out).unwrap() {
            records += 1;
        }
        records
    });
    assert_eq!((records, n), (100, 0));
    // As an `Iterator`, one `Vec<Value>` per record.
    let (records, n) = allocations(|| w3.iter_unpack(&buf).unwrap().count());
    assert_eq!((records, n), (100, 100));
    // The module-level `iter_unpack` holds its own copy of the cached `Struct`:
    // two allocations (the format and the plan) per call, none per record.
    netpack::iter_unpack("@?HIhqfd", &buf).unwrap();
    let (records, n) = allocations(|| {
        let mut it = netpack::iter_unpack("@?HIhqfd", &buf).unwrap();
        let mut records = 0;
        while it.next_into(&mut out).unwrap() {
            records += 1;
        }
        records
    });
    assert_eq!((records, n), (100, 2));
}

#[test]
fn module_functions_parse_once_per_process() {
    // A format no other test uses, so the first call here is the cache miss.
    const FORMAT: &str = "@?HIhqfd ";
    let values = native_values();
    let mut buf = [0u8; 40];
    let ((), miss) = allocations(|| netpack::pack_into(FORMAT, &mut buf, 0, &values).unwrap());
    // Parsing: at least the format and the plan (kept in a fixed slot).
    assert!(miss >= 2, "a cache miss made {miss} allocations");
    // Hits: no parse, the same allocations as the precompiled `Struct`.
    assert_allocations(0, || {
        netpack::pack_into(FORMAT, &mut buf, 0, &values).unwrap()
    });
    assert_allocations(1, || netpack::pack(FORMAT, &values).unwrap());
    assert_allocations(1, || netpack::unpack(FORMAT, &buf).unwrap());
    assert_allocations(1, || netpack::unpack_from(FORMAT, &buf, 0).unwrap());
    // The cache is the process's, not this thread's: another thread hits it.
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut buf = [0u8; 40];
            assert_allocations(0, || {
                netpack::pack_into(FORMAT, &mut buf, 0, &values).unwrap()
            });
        });
    });
    netpack::unpack("!H8sb", REQUEST_BYTES).unwrap(); // the miss
    assert_allocations(2, || netpack::unpack("!H8sb", REQUEST_BYTES).unwrap());
}

/// Every code that unpacks to `bytes` (`c`, `s`, `p`) next to the numbers.
const BYTES_FORMAT: &str = "<c3s5p?hqe";
const BYTES_RECORD: &[u8] = b"xabc\x03defg\x01\xff\xff\x01\0\0\0\0\0\0\0\x00\x3c";

#[test]
fn borrowed_unpack_into_a_reused_vec_allocates_nothing_for_any_format() {
    let s = Struct::new(BYTES_FORMAT).unwrap();
    assert_eq!(s.size(), BYTES_RECORD.len());
    let mut out = Vec::new();
    let ((), first) = allocations(|| s.unpack_ref_into(BYTES_RECORD, &mut out).unwrap());
    assert_eq!(first, 1, "the first call grows the vector");
    assert_allocations(0, || s.unpack_ref_into(BYTES_RECORD, &mut out).unwrap());
    assert_eq!(out[1], netpack::ValueRef::Bytes(b"abc"));
    assert_eq!(out[2], netpack::ValueRef::Bytes(b"def"));
    // Returning a new vector: that vector, and nothing for the bytes.
    assert_allocations(1, || s.unpack_ref(BYTES_RECORD).unwrap());
    assert_allocations(1, || s.unpack_from_ref(BYTES_RECORD, 0).unwrap());
    let w1 = Struct::new("!H8sb").unwrap();
    assert_allocations(1, || w1.unpack_ref(REQUEST_BYTES).unwrap());
}

#[test]
fn borrowed_iteration_allocates_once_per_buffer() {
    let s = Struct::new(BYTES_FORMAT).unwrap();
    let buf: Vec<u8> = BYTES_RECORD
        .iter()
        .copied()
        .cycle()
        .take(BYTES_RECORD.len() * 100)
        .collect();
    // `next_ref` lends the iterator's own vector: one allocation for all records.
    let (records, n) = allocations(|| {
        let mut it = s.iter_unpack_ref(&buf).unwrap();
        let mut records = 0;
        while let Some(values) = it.next_ref().unwrap() {
            assert_eq!(values.len(), 7);
            records += 1;
        }
        records
    });
    assert_eq!((records, n), (100, 1));
    // `next_into` with the caller's vector: none once it has grown.
    let mut out = Vec::with_capacity(s.values());
    let (records, n) = allocations(|| {
        let mut it = s.iter_unpack_ref(&buf).unwrap();
        let mut records = 0;
        while it.next_into(&mut out).unwrap() {
            records += 1;
        }
        records
    });
    assert_eq!((records, n), (100, 0));
}

#[test]
fn columnar_decode_and_encode_reuse_their_vectors() {
    let s = Struct::new(BYTES_FORMAT).unwrap();
    let buf: Vec<u8> = BYTES_RECORD
        .iter()
        .copied()
        .cycle()
        .take(BYTES_RECORD.len() * 100)
        .collect();
    let mut columns = s.columns().unwrap();
    // The first chunk grows each column (and the bytes columns' two vectors).
    s.unpack_columns(&buf, &mut columns).unwrap();
    assert_eq!(columns.len(), 100);
    // Every later chunk of at most as many records: nothing.
    assert_allocations(0, || s.unpack_columns(&buf, &mut columns).unwrap());
    assert_allocations(0, || {
        s.unpack_columns(&buf[..BYTES_RECORD.len() * 7], &mut columns)
            .unwrap()
    });
    s.unpack_columns(&buf, &mut columns).unwrap();
    let mut out = Vec::new();
    s.pack_columns(&columns, &mut out).unwrap();
    // Pascal strings normalise (the byte after the string is zero again).
    let one = s.pack(&s.unpack(BYTES_RECORD).unwrap()).unwrap();
    assert_eq!(out, one.repeat(100));
    assert_allocations(0, || s.pack_columns(&columns, &mut out).unwrap());
}
