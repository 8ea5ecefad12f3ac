//! The schema mapping and the batches, against `unpack`.

use super::{RecordBatchDecoder, FORMAT_KEY};
use crate::error::{Detail, Error};
use crate::wire::float;
use crate::{io, Column, Columns, Struct, Value};
use alloc::string::ToString;
use alloc::vec;
use alloc::vec::Vec;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type,
    UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use std::io::Read;

/// Every code in every byte order, with counts, pad bytes and alignment.
const FORMATS: &[&str] = &[
    "<bBhHiIlLqQ?efdc3s4p",
    ">bBhHiIlLqQ?efdc3s4p",
    "!2b2B2h2H2i2I2q2Q2?2e2f2d2c",
    "=qQlLiI0s1p",
    "@bq3shdPnN?elfL2x",
    "@?HIhqfd",
    "<Ihd",
    "<x3xH0s255p",
];

/// Deterministic bytes (xorshift64*), so any bit pattern turns up: NaNs
/// with payloads, -0.0, every `?` byte, `p` lengths over their field.
fn bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

/// Value `i` of `array` as `unpack` gives it.
fn value(array: &dyn Array, i: usize) -> Value {
    let int = |v: i128| Value::Int(v);
    match array.data_type() {
        DataType::Int8 => int(array.as_primitive::<Int8Type>().value(i).into()),
        DataType::Int16 => int(array.as_primitive::<Int16Type>().value(i).into()),
        DataType::Int32 => int(array.as_primitive::<Int32Type>().value(i).into()),
        DataType::Int64 => int(array.as_primitive::<Int64Type>().value(i).into()),
        DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(i).into()),
        DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(i).into()),
        DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(i).into()),
        DataType::UInt64 => int(array.as_primitive::<UInt64Type>().value(i).into()),
        DataType::Boolean => Value::Bool(array.as_boolean().value(i)),
        DataType::Float16 => Value::Float(float::f16_bits_to_f64(
            array.as_primitive::<Float16Type>().value(i).to_bits(),
        )),
        DataType::Float32 => Value::Float(float::f32_to_f64(
            array.as_primitive::<Float32Type>().value(i),
        )),
        DataType::Float64 => Value::Float(array.as_primitive::<Float64Type>().value(i)),
        DataType::FixedSizeBinary(_) => {
            Value::Bytes(array.as_fixed_size_binary().value(i).to_vec())
        }
        DataType::Binary => Value::Bytes(array.as_binary::<i32>().value(i).to_vec()),
        other => panic!("no column has {other}"),
    }
}

/// Floats by their bits (NaN payloads and -0.0 compared exactly).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
    }
}

/// `batch` holds exactly `unpack`'s values of every record of `buf`.
fn assert_unpacks(s: &Struct, batch: &RecordBatch, buf: &[u8]) {
    let records: Vec<_> = buf.chunks(s.size()).collect();
    assert_eq!(batch.num_rows(), records.len(), "{}", s.format());
    assert_eq!(batch.num_columns(), s.values(), "{}", s.format());
    for (i, record) in records.iter().enumerate() {
        let want = s.unpack(record).expect("unpack");
        for (k, w) in want.iter().enumerate() {
            let got = value(batch.column(k).as_ref(), i);
            assert!(
                same(&got, w),
                "{} record {i} value {k}: {got:?} != {w:?}",
                s.format()
            );
        }
    }
    for column in batch.columns() {
        assert_eq!(column.null_count(), 0);
        assert!(column.nulls().is_none());
    }
}

#[test]
fn every_code_and_order_decodes_to_unpacks_values() {
    for (seed, format) in FORMATS.iter().enumerate() {
        let s = Struct::new(format).expect("format");
        let buf = bytes(s.size() * 300, seed as u64 + 1);
        let batch = RecordBatchDecoder::new(&s).unwrap().decode(&buf).unwrap();
        assert_unpacks(&s, &batch, &buf);
        // The same from widened columns, narrowed back.
        let mut widened = s.columns().unwrap();
        s.unpack_columns(&buf, &mut widened).unwrap();
        let again = RecordBatchDecoder::new(&s)
            .unwrap()
            .to_batch(widened)
            .unwrap();
        assert_unpacks(&s, &again, &buf);
    }
}

#[test]
fn schema_maps_codes_to_arrow_types() {
    let s = Struct::new("<bBhHiIlLqQ?efdc3s0s4p2x").unwrap();
    let schema = RecordBatchDecoder::new(&s).unwrap().schema();
    let types: Vec<_> = schema
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect();
    use DataType::{Binary, Boolean, FixedSizeBinary, Float16, Float32, Float64};
    use DataType::{Int16, Int32, Int64, Int8, UInt16, UInt32, UInt64, UInt8};
    assert_eq!(
        types,
        [
            Int8,
            UInt8,
            Int16,
            UInt16,
            Int32,
            UInt32,
            Int32,
            UInt32,
            Int64,
            UInt64,
            Boolean,
            Float16,
            Float32,
            Float64,
            FixedSizeBinary(1),
            FixedSizeBinary(3),
            FixedSizeBinary(0),
            Binary
        ]
    );
    let names: Vec<_> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names[..3], ["f0", "f1", "f2"]);
    assert_eq!(names[17], "f17");
    assert!(schema.fields().iter().all(|f| !f.is_nullable()));
    assert_eq!(schema.metadata()[FORMAT_KEY], "<bBhHiIlLqQ?efdc3s0s4p2x");
}

#[test]
fn native_codes_map_by_the_targets_sizes() {
    let s = Struct::new("@lLnNP").unwrap();
    let schema = RecordBatchDecoder::new(&s).unwrap().schema();
    let int = |signed: bool, size: usize| match (signed, size) {
        (true, 4) => DataType::Int32,
        (true, 8) => DataType::Int64,
        (false, 4) => DataType::UInt32,
        (false, 8) => DataType::UInt64,
        other => panic!("no C type of {other:?}"),
    };
    let long = core::mem::size_of::<core::ffi::c_long>();
    let want = [
        int(true, long),
        int(false, long),
        int(true, core::mem::size_of::<isize>()),
        int(false, core::mem::size_of::<usize>()),
        int(false, core::mem::size_of::<*const u8>()),
    ];
    let types: Vec<_> = schema
        .fields()
        .iter()
        .map(|f| f.data_type().clone())
        .collect();
    assert_eq!(types, want);
    // P takes values beyond its width's signed range: the extremes decode.
    let buf = [0xffu8; 40];
    let s = Struct::new("@5P").unwrap();
    let batch = RecordBatchDecoder::new(&s)
        .unwrap()
        .decode(&buf[..s.size()])
        .unwrap();
    assert_unpacks(&s, &batch, &buf[..s.size()]);
}

#[test]
fn names_are_given_or_numpys() {
    let s = Struct::new("<H2xdc").unwrap();
    let named = RecordBatchDecoder::with_names(&s, ["port", "", "tag"]).unwrap();
    let names: Vec<_> = named
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    assert_eq!(names, ["port", "f1", "tag"]);
    let err = RecordBatchDecoder::with_names(&s, ["a", "b"]).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::FieldNames);
    let err = RecordBatchDecoder::with_names(&s, ["a", "b", "c", "d"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected 3 field names, one per value of the format (got 4)"
    );
    // "f1" is the name an empty second name gets: a clash.
    let err = RecordBatchDecoder::with_names(&s, ["f1", "", "x"]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate field name: field 1 has the name of field 0"
    );
    // No names for a format without values: an empty schema.
    let empty = RecordBatchDecoder::new(&Struct::new("4x").unwrap()).unwrap();
    assert!(empty.schema().fields().is_empty());
}

#[test]
fn floats_keep_their_stored_bits() {
    // A signalling NaN with a payload, -0.0, a half NaN with a payload.
    let buf = [0x01, 0x00, 0x80, 0x7f, 0, 0, 0, 0x80, 0x01, 0x7d, 0, 0x80];
    let s = Struct::new("<2f2e").unwrap();
    let batch = RecordBatchDecoder::new(&s).unwrap().decode(&buf).unwrap();
    let f: Vec<u32> = (0..2)
        .map(|k| {
            batch
                .column(k)
                .as_primitive::<Float32Type>()
                .value(0)
                .to_bits()
        })
        .collect();
    assert_eq!(f, [0x7f80_0001, 0x8000_0000]);
    let e: Vec<u16> = (2..4)
        .map(|k| {
            batch
                .column(k)
                .as_primitive::<Float16Type>()
                .value(0)
                .to_bits()
        })
        .collect();
    assert_eq!(e, [0x7d01, 0x8000]);
    assert_unpacks(&s, &batch, &buf);
}

#[test]
fn empty_input_is_an_empty_batch() {
    let s = Struct::new(">Hd3s").unwrap();
    let decoder = RecordBatchDecoder::new(&s).unwrap();
    let batch = decoder.decode(&[]).unwrap();
    assert_eq!((batch.num_rows(), batch.num_columns()), (0, 3));
    assert_eq!(batch.schema(), decoder.schema());
    assert_eq!(decoder.batches(&[][..], 10).unwrap().count(), 0);
}

#[test]
fn a_format_without_values_has_rows_and_no_columns() {
    let s = Struct::new("<4x").unwrap();
    let batch = RecordBatchDecoder::new(&s)
        .unwrap()
        .decode(&[0; 12])
        .unwrap();
    assert_eq!((batch.num_rows(), batch.num_columns()), (3, 0));
}

#[test]
fn decode_refuses_what_unpack_columns_refuses() {
    let decoder = RecordBatchDecoder::new(&Struct::new("<H").unwrap()).unwrap();
    let err = decoder.decode(&[1, 0, 2]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "iterative unpacking requires a buffer of a multiple of 2 bytes"
    );
    let zero = RecordBatchDecoder::new(&Struct::new("0s").unwrap()).unwrap();
    assert_eq!(
        zero.decode(&[]).unwrap_err().kind(),
        crate::ErrorKind::ZeroSizeIter
    );
    assert_eq!(
        zero.batches(&[][..], 1).unwrap_err().kind(),
        crate::ErrorKind::ZeroSizeIter
    );
    let huge = decoder.batches(&[][..], usize::MAX).unwrap_err();
    assert_eq!(huge.kind(), crate::ErrorKind::FormatTooLarge);
}

/// The row counts of the batches of `records` records of `<H`, `rows` per batch.
fn batch_rows(records: usize, rows: usize) -> Vec<usize> {
    let s = Struct::new("<H").unwrap();
    let buf: Vec<u8> = (0..records as u16).flat_map(u16::to_le_bytes).collect();
    let decoder = RecordBatchDecoder::new(&s).unwrap();
    let mut seen = Vec::new();
    let mut next = 0u16;
    for batch in decoder.batches(&buf[..], rows).unwrap() {
        let batch = batch.unwrap();
        let values = batch
            .column(0)
            .as_primitive::<UInt16Type>()
            .values()
            .to_vec();
        let want: Vec<u16> = (next..next + values.len() as u16).collect();
        assert_eq!(values, want);
        next += values.len() as u16;
        seen.push(batch.num_rows());
    }
    assert_eq!(usize::from(next), records);
    seen
}

#[test]
fn batches_split_at_the_row_count() {
    assert_eq!(batch_rows(0, 4), [0usize; 0]);
    assert_eq!(batch_rows(1, 4), [1]);
    assert_eq!(batch_rows(4, 4), [4]);
    assert_eq!(batch_rows(5, 4), [4, 1]);
    assert_eq!(batch_rows(12, 4), [4, 4, 4]);
    assert_eq!(batch_rows(1000, 7).len(), 143);
    assert_eq!(batch_rows(3, 0), [1, 1, 1]);
}

#[test]
fn batches_end_at_a_partial_record_after_the_whole_ones() {
    let decoder = RecordBatchDecoder::new(&Struct::new("<I").unwrap()).unwrap();
    let input = [1u8, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 5];
    let mut batches = decoder.batches(&input[..], 2).unwrap();
    assert_eq!(batches.next().unwrap().unwrap().num_rows(), 2);
    assert_eq!(batches.next().unwrap().unwrap().num_rows(), 1);
    let err = batches.next().unwrap().unwrap_err();
    assert!(matches!(err, io::Error::Truncated { needed: 4, got: 2 }));
    assert!(batches.next().is_none());
    // Nothing but a partial record: only the error.
    let mut batches = decoder.batches(&[9u8][..], 2).unwrap();
    assert!(matches!(
        batches.next(),
        Some(Err(io::Error::Truncated { needed: 4, got: 1 }))
    ));
    assert!(batches.next().is_none());
}

#[test]
fn a_failing_reader_is_an_io_error() {
    struct Broken;
    impl Read for Broken {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let decoder = RecordBatchDecoder::new(&Struct::new("<I").unwrap()).unwrap();
    let mut batches = decoder.batches(Broken, 2).unwrap();
    let err = batches.next().unwrap().unwrap_err();
    assert_eq!(err.to_string(), "i/o error: disk on fire");
    assert!(batches.next().is_none());
}

#[test]
fn widened_floats_are_refused_as_pack_refuses_them() {
    let s = Struct::new("<ef").unwrap();
    let decoder = RecordBatchDecoder::new(&s).unwrap();
    let columns = |e: f64, f: f64| {
        Columns::from_columns(&s, vec![Column::F64(vec![e]), Column::F64(vec![f])]).unwrap()
    };
    let err = decoder.to_batch(columns(1e6, 0.0)).unwrap_err();
    assert_eq!(err, s.pack(&[1e6.into(), 0.0.into()]).unwrap_err());
    let err = decoder.to_batch(columns(0.0, 1e300)).unwrap_err();
    assert_eq!(err, s.pack(&[0.0.into(), 1e300.into()]).unwrap_err());
    // Columns of another format.
    let other =
        Columns::from_columns(&Struct::new("<H").unwrap(), vec![Column::U16(vec![1])]).unwrap();
    assert_eq!(
        decoder.to_batch(other).unwrap_err().kind(),
        crate::ErrorKind::ArgCount
    );
}

#[test]
fn arrow_limits_are_errors() {
    let s = Struct::new("3000000000s").unwrap();
    let err = RecordBatchDecoder::new(&s).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::TooLargeForArrow);
    assert_eq!(
        err.to_string(),
        "a 3000000000-byte 's' value is wider than Arrow's FixedSizeBinary (at most \
         2147483647 bytes) (argument 0)"
    );
    let too_long = Detail::ArrowBinary { bytes: 1 << 31 };
    assert_eq!(
        Error::new(too_long).kind(),
        crate::ErrorKind::TooLargeForArrow
    );
}
