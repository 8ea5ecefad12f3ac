//! Bounds: hostile formats and big buffers never make netpack allocate more than
//! the input needs.
//!
//! A counting `#[global_allocator]` measures the bytes each call allocates on the
//! calling thread (other tests of this binary run on other threads and are not
//! counted): a format that describes gigabytes or more than `isize::MAX` bytes
//! must be rejected, or fail against a short buffer, without allocating anything
//! in proportion to the size it describes, and `iter_unpack` over a large buffer
//! allocates nothing per record beyond the record's own values.

use netpack::{ErrorKind, Struct, Value};
use netpack_tests::counting::{measure, Allocated, Counting};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// What compiling a short format may allocate (the kept format string, its plan
/// of operations, a cache entry): far below anything a size could ask for.
const SMALL: usize = 4096;

fn kind<T>(r: Result<T, netpack::Error>) -> ErrorKind {
    match r {
        Ok(_) => panic!("accepted"),
        Err(e) => e.kind(),
    }
}

#[test]
fn allocator_counts_this_thread() {
    let (v, a) = measure(|| vec![1u8; 1000]);
    assert_eq!(v.len(), 1000);
    assert_eq!(
        a,
        Allocated {
            bytes: 1000,
            calls: 1
        }
    );
    let ((), a) = measure(|| ());
    assert_eq!(a, Allocated { bytes: 0, calls: 0 });
}

/// A count or a total beyond `isize::MAX`: `FormatTooLarge` from every entry
/// point, found while parsing, before anything is sized.
#[test]
fn oversized_formats_fail_without_allocating() {
    for format in ["99999999999999999999s", "9223372036854775807s1s"] {
        let (r, a) = measure(|| netpack::calcsize(format));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert_eq!(a.bytes, 0, "calcsize({format}) allocated {a:?}");

        let (r, a) = measure(|| netpack_format::calcsize(format.as_bytes()));
        assert!(r.is_err(), "{format}");
        assert_eq!(
            a.bytes, 0,
            "netpack_format::calcsize({format}) allocated {a:?}"
        );

        let (r, a) = measure(|| Struct::new(format));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert!(a.bytes <= SMALL, "Struct::new({format}) allocated {a:?}");

        let args = [Value::Bytes(vec![]), Value::Bytes(vec![])];
        let (r, a) = measure(|| netpack::pack(format, &args));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert!(a.bytes <= SMALL, "pack({format}) allocated {a:?}");

        let mut buf = [0u8; 16];
        let (r, a) = measure(|| netpack::pack_into(format, &mut buf, 0, &args));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert!(a.bytes <= SMALL, "pack_into({format}) allocated {a:?}");

        let (r, a) = measure(|| netpack::unpack(format, &buf));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert!(a.bytes <= SMALL, "unpack({format}) allocated {a:?}");

        let (r, a) = measure(|| netpack::unpack_from(format, &buf, 0));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert!(a.bytes <= SMALL, "unpack_from({format}) allocated {a:?}");

        let (r, a) = measure(|| netpack::iter_unpack(format, &buf).map(|it| it.len()));
        assert_eq!(kind(r), ErrorKind::FormatTooLarge, "{format}");
        assert!(a.bytes <= SMALL, "iter_unpack({format}) allocated {a:?}");
    }
}

/// An 8 GiB format is valid; a short buffer fails its size check before any
/// buffer or value vector is sized from it.
#[test]
fn huge_valid_format_fails_on_short_buffers_without_allocating() {
    let format = "4294967295s4294967295s";
    let (size, a) = measure(|| netpack::calcsize(format));
    assert_eq!(size.expect("calcsize"), 8_589_934_590);
    assert_eq!(a.bytes, 0, "calcsize allocated {a:?}");

    let (s, a) = measure(|| Struct::new(format));
    let s = s.expect("Struct::new");
    assert!(a.bytes <= SMALL, "Struct::new allocated {a:?}");
    assert_eq!(s.size(), 8_589_934_590);

    let mut short = vec![0u8; 1 << 16];
    for len in [0, 1, 1 << 16] {
        let buf = &short[..len];
        let (r, a) = measure(|| s.unpack(buf));
        assert_eq!(kind(r), ErrorKind::BufferSize, "unpack, {len} bytes");
        assert_eq!(a.bytes, 0, "Struct::unpack of {len} bytes allocated {a:?}");

        let mut out = Vec::new();
        let (r, a) = measure(|| s.unpack_into(buf, &mut out));
        assert_eq!(kind(r), ErrorKind::BufferSize, "unpack_into, {len} bytes");
        assert_eq!(
            a.bytes, 0,
            "Struct::unpack_into of {len} bytes allocated {a:?}"
        );

        for offset in [0, 1, -1, isize::MIN, isize::MAX] {
            let (r, a) = measure(|| s.unpack_from(buf, offset));
            assert!(
                matches!(kind(r), ErrorKind::BufferSize | ErrorKind::OffsetOutOfRange),
                "unpack_from, {len} bytes at {offset}"
            );
            assert_eq!(
                a.bytes, 0,
                "unpack_from({len} bytes, {offset}) allocated {a:?}"
            );
        }

        let (r, a) = measure(|| netpack::unpack(format, buf));
        assert_eq!(kind(r), ErrorKind::BufferSize, "free unpack, {len} bytes");
        assert!(
            a.bytes <= SMALL,
            "free unpack of {len} bytes allocated {a:?}"
        );

        let (r, a) = measure(|| netpack::unpack_from(format, buf, 0));
        assert_eq!(
            kind(r),
            ErrorKind::BufferSize,
            "free unpack_from, {len} bytes"
        );
        assert!(
            a.bytes <= SMALL,
            "free unpack_from of {len} bytes allocated {a:?}"
        );

        if len > 0 {
            let (r, a) = measure(|| s.iter_unpack(buf).map(|it| it.len()));
            assert_eq!(kind(r), ErrorKind::BufferSize, "iter_unpack, {len} bytes");
            assert_eq!(a.bytes, 0, "iter_unpack of {len} bytes allocated {a:?}");
        }
    }

    let args = [Value::Bytes(b"ab".to_vec()), Value::Bytes(b"cd".to_vec())];
    let (r, a) = measure(|| s.pack_into(&mut short, 0, &args));
    assert_eq!(kind(r), ErrorKind::BufferSize, "pack_into a short buffer");
    assert_eq!(a.bytes, 0, "pack_into a short buffer allocated {a:?}");
    assert!(
        short.iter().all(|&b| b == 0),
        "pack_into wrote into a short buffer"
    );
    let (r, a) = measure(|| s.pack(&args[..1]));
    assert_eq!(kind(r), ErrorKind::ArgCount, "pack with one argument");
    assert_eq!(a.bytes, 0, "pack with the wrong count allocated {a:?}");
}

/// 64 MiB of 1-byte records: each record allocates its one value and nothing
/// else; `next_into` allocates nothing per record at all.
#[test]
fn iter_unpack_allocates_only_the_values_of_each_record() {
    const LEN: usize = 64 << 20;
    let buf = vec![7u8; LEN];
    let s = Struct::new("B").expect("Struct::new");
    let value = core::mem::size_of::<Value>();

    let (n, a) = measure(|| {
        let mut n = 0usize;
        for record in s.iter_unpack(&buf).expect("iter_unpack") {
            let record = record.expect("one record's values");
            assert!(
                matches!(record[..], [Value::Int(7)]),
                "record {n}: {record:?}"
            );
            n += 1;
        }
        n
    });
    assert_eq!(n, LEN);
    assert!(a.calls <= LEN, "iter_unpack: {a:?} for {LEN} records");
    assert!(
        a.bytes <= LEN * value,
        "iter_unpack: {a:?} for {LEN} records of {value} bytes"
    );

    // The same with a shorter buffer (debug builds are slow): the free function
    // copies the compiled format once, then allocates as the method does.
    let short = &buf[..LEN / 16];
    let (n, a) = measure(|| {
        netpack::iter_unpack("B", short)
            .expect("iter_unpack")
            .count()
    });
    assert_eq!(n, short.len());
    assert!(a.calls <= n + 8, "free iter_unpack: {a:?} for {n} records");
    assert!(
        a.bytes <= n * value + SMALL,
        "free iter_unpack: {a:?} for {n} records"
    );

    // One reused vector: a constant, whatever the number of records.
    let (n, a) = measure(|| {
        let mut records = s.iter_unpack(short).expect("iter_unpack");
        let mut values = Vec::new();
        let mut n = 0usize;
        while records.next_into(&mut values).expect("memory") {
            n += 1;
        }
        n
    });
    assert_eq!(n, short.len());
    assert!(
        a.bytes <= SMALL && a.calls <= 8,
        "next_into over {n} records: {a:?}"
    );
}
