//! Property tests of `netpack::bits`: values round-trip through `pack` and
//! `unpack`, the compiled form agrees with the free functions (the `bits_any`
//! fuzz target's check, fed by proptest), and `pack_into` at any bit offset
//! writes `pack`'s bits shifted there, leaving every other bit alone.

use netpack::bits::{self, CompiledFormat};
use netpack::Value;
use netpack_tests::bits_checks::{check_bits, same_values, BitsInput};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// One field and a value that fits it (text and raw values fill their field).
#[derive(Clone, Debug)]
struct Field {
    group: String,
    value: Value,
}

fn int_field() -> impl Strategy<Value = Field> {
    (any::<bool>(), 1u32..=128, any::<u128>(), any::<bool>()).prop_map(|(signed, n, raw, lsb)| {
        let n = if signed { n } else { n.min(127) };
        let value = if signed {
            let shift = 128 - n;
            ((raw as i128) << shift) >> shift
        } else {
            (raw & ((1u128 << n) - 1)) as i128
        };
        let code = if signed { 's' } else { 'u' };
        let order = if lsb { "<" } else { ">" };
        Field {
            group: format!("{order}{code}{n}"),
            value: Value::Int(value),
        }
    })
}

fn other_field() -> impl Strategy<Value = Field> {
    prop_oneof![
        (1u32..=70, any::<bool>()).prop_map(|(n, b)| Field {
            group: format!("b{n}"),
            value: Value::Bool(b),
        }),
        prop::collection::vec(any::<u8>(), 0..6).prop_map(|bytes| Field {
            group: format!("r{}", 8 * bytes.len().max(1)),
            value: Value::Bytes(if bytes.is_empty() { vec![0] } else { bytes }),
        }),
        "[a-z0-9 ]{1,5}".prop_map(|text| Field {
            group: format!("t{}", 8 * text.len()),
            value: Value::Str(text),
        }),
        (1u32..=12).prop_map(|n| Field {
            group: format!("p{n}"),
            value: Value::Int(-1),
        }),
        (1u32..=12).prop_map(|n| Field {
            group: format!("P{n}"),
            value: Value::Int(-1),
        }),
    ]
}

fn fields() -> impl Strategy<Value = (Vec<Field>, bool)> {
    (
        prop::collection::vec(prop_oneof![3 => int_field(), 2 => other_field()], 1..8),
        any::<bool>(),
    )
}

/// The format and the values of the fields that take one.
fn format_and_values(fields: &[Field], little: bool) -> (String, Vec<Value>) {
    let mut format: String = fields.iter().map(|f| f.group.as_str()).collect();
    if little {
        format.push('<');
    }
    let values = fields
        .iter()
        .filter(|f| !f.group.contains(['p', 'P']))
        .map(|f| f.value.clone())
        .collect();
    (format, values)
}

/// Bit `i` of `bytes`, most significant first.
fn bit(bytes: &[u8], i: usize) -> bool {
    bytes[i / 8] >> (7 - i % 8) & 1 == 1
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn values_round_trip((fields, little) in fields()) {
        let (format, values) = format_and_values(&fields, little);
        let packed = bits::pack(&format, &values).unwrap();
        prop_assert_eq!(packed.len(), bits::calcsize(&format).unwrap().div_ceil(8));
        let unpacked = bits::unpack(&format, &packed).unwrap();
        prop_assert!(same_values(&unpacked, &values), "{format}: {values:?} -> {unpacked:?}");
    }

    #[test]
    fn compiled_agrees_with_free_functions((fields, little) in fields(), data in prop::collection::vec(any::<u8>(), 0..40)) {
        let (format, values) = format_and_values(&fields, little);
        let cf = CompiledFormat::new(&format).unwrap();
        prop_assert_eq!(cf.pack(&values), bits::pack(&format, &values));
        prop_assert_eq!(cf.unpack_truncated(&data), bits::unpack_truncated(&format, &data));
        for offset in [0, 1, 7, 9] {
            prop_assert_eq!(cf.unpack_from(&data, offset), bits::unpack_from(&format, &data, offset));
        }
    }

    #[test]
    fn pack_into_shifts_pack(
        (fields, little) in fields(),
        offset in 0usize..24,
        fill in any::<u8>(),
    ) {
        let (format, values) = format_and_values(&fields, little);
        let size = bits::calcsize(&format).unwrap();
        let packed = bits::pack(&format, &values).unwrap();
        // The `<` byte order counts bytes from the buffer's start: only a
        // whole-byte shift leaves its pieces where `pack` put them.
        let offset = if little { offset / 8 * 8 } else { offset };
        let before = vec![fill; (offset + size).div_ceil(8) + 1];
        let mut buf = before.clone();
        bits::pack_into(&format, &mut buf, offset, &values).unwrap();
        for i in 0..buf.len() * 8 {
            let want = if (offset..offset + size).contains(&i) {
                bit(&packed, i - offset)
            } else {
                bit(&before, i)
            };
            prop_assert_eq!(bit(&buf, i), want, "{} bit {} at offset {}", format, i, offset);
        }
        // And unpacking from the offset gives the values back.
        let unpacked = bits::unpack_from(&format, &buf, offset).unwrap();
        prop_assert!(same_values(&unpacked, &values));
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// `Item::value_bit`, the layout `netpack-format` describes, is where
    /// `pack` puts each bit of a value.
    #[test]
    fn value_bit_is_where_pack_puts_each_bit(
        lead in 0usize..16,
        n in 1usize..=127,
        lsb in any::<bool>(),
        little in any::<bool>(),
    ) {
        let order = if lsb { "<" } else { ">" };
        let suffix = if little { "<" } else { "" };
        let format = if lead > 0 {
            format!("p{lead}{order}u{n}{suffix}")
        } else {
            format!("{order}u{n}{suffix}")
        };
        let item = netpack_format::bits::Parser::new(format.as_bytes())
            .unwrap()
            .map(Result::unwrap)
            .last()
            .unwrap();
        for v in 0..n {
            let packed = bits::pack(&format, &[Value::Int(1i128 << (n - 1 - v))]).unwrap();
            let set: Vec<usize> = (0..packed.len() * 8).filter(|&i| bit(&packed, i)).collect();
            prop_assert_eq!(set.len(), 1);
            let i = set[0] - lead;
            prop_assert_eq!(item.value_bit(i, lead % 8), v, "{} value bit {}", format, v);
        }
    }
}

/// Bytes read as one `T` through `arbitrary`: the fuzzer's generator.
fn structured<T>(max_len: usize) -> impl Strategy<Value = T>
where
    T: for<'a> arbitrary::Arbitrary<'a> + core::fmt::Debug,
{
    prop::collection::vec(any::<u8>(), 0..max_len)
        .prop_filter_map("arbitrary needs more bytes", |bytes| {
            T::arbitrary(&mut arbitrary::Unstructured::new(&bytes)).ok()
        })
}

proptest! {
    #![proptest_config(config(3000))]

    /// The `bits_any` fuzz target's check.
    #[test]
    fn bits_any(input in structured::<BitsInput>(400)) {
        check_bits(&input);
    }
}
