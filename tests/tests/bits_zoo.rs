//! The bit-field zoo against Python: bytes written by bitstruct, struct and
//! ctypes (`tests/bits_zoo/gen_zoo.py`), replayed through the derive and the
//! runtime model (`netpack::pack` and `netpack::bits`); then the derive against
//! the runtime model by proptest, and the zoo's message with a bit-field length.

use netpack::{ErrorKind, Message, NetPack, Value};
use netpack_tests::bits_zoo::*;
use netpack_tests::for_each_bits_zoo_type;
use proptest::prelude::*;
use serde_json::Value as Json;
use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bits_zoo")
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

/// A field value as the generator writes it: an int, a bool, or bytes in hex.
fn value(j: &Json) -> Value {
    match j {
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::Int(match n.as_i64() {
            Some(i) => i128::from(i),
            None => i128::from(n.as_u64().expect("an integer")),
        }),
        Json::String(s) => Value::Bytes(unhex(s)),
        other => panic!("not a field value: {other}"),
    }
}

/// Checks one vector of type `T`; `Err` says what disagrees.
fn check<T: ZooType>(j: &Json) -> Result<(), String> {
    let fields: Vec<Value> = j["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(value)
        .collect();
    let name = T::NAME;
    match j["op"].as_str().expect("op") {
        "pack" => {
            let bytes = unhex(j["bytes"].as_str().expect("bytes"));
            let v = T::from_field_values(&fields).map_err(|e| format!("from fields: {e}"))?;
            let encoded = v.encode().map_err(|e| format!("encode: {e}"))?;
            if encoded != bytes {
                return Err(format!("encode gave {encoded:02x?}"));
            }
            let model = model_pack(T::MODEL, &fields).map_err(|e| format!("model: {e}"))?;
            if model != bytes {
                return Err(format!("the runtime model gave {model:02x?}"));
            }
            let decoded = T::decode(&bytes).map_err(|e| format!("decode: {e}"))?;
            if decoded != v {
                return Err(format!("decode gave {decoded:?}"));
            }
        }
        "unpack" => {
            let bytes = unhex(j["bytes"].as_str().expect("bytes"));
            let model = model_unpack(T::MODEL, &bytes).map_err(|e| format!("model: {e}"))?;
            if model != fields {
                return Err(format!("the runtime model read {model:?}"));
            }
            match (T::decode(&bytes), j.get("derive_err")) {
                (Ok(v), None) if v.field_values() == fields => {}
                (Ok(v), None) => return Err(format!("decode read {v:?}")),
                (Err(e), Some(_)) if e.kind() == ErrorKind::InvalidValue => {
                    if !e.to_string().starts_with(&format!("{name}.")) {
                        return Err(format!("the error names no field: {e}"));
                    }
                }
                (got, _) => return Err(format!("decode gave {got:?}")),
            }
        }
        "range" => {
            let field = j["field"].as_str().expect("field");
            let message = j["message"].as_str().expect("message");
            let v = T::from_field_values(&fields).map_err(|e| format!("from fields: {e}"))?;
            let err = v
                .encode()
                .err()
                .ok_or("encode took a value that does not fit")?;
            let want = format!("{name}.{field}: {message}");
            if err.to_string() != want || err.kind() != ErrorKind::ArgRange {
                return Err(format!("encode said {err:?}, not {want:?}"));
            }
        }
        other => panic!("unknown op {other}"),
    }
    Ok(())
}

#[test]
#[cfg_attr(miri, ignore)]
fn python_vectors() {
    let text = std::fs::read_to_string(dir().join("vectors.jsonl")).expect("vectors");
    let mut failures = Vec::new();
    let mut count = 0;
    for (line, text) in text.lines().enumerate() {
        let j: Json = serde_json::from_str(text).expect("JSON");
        let ty = j["type"].as_str().expect("type");
        let mut result = None;
        macro_rules! dispatch {
            ($t:ident) => {
                if ty == stringify!($t) {
                    result = Some(check::<$t>(&j));
                }
            };
        }
        for_each_bits_zoo_type!(dispatch);
        match result {
            Some(Ok(())) => count += 1,
            Some(Err(e)) => failures.push(format!("line {}: {ty}: {e}", line + 1)),
            None => failures.push(format!("line {}: no zoo type {ty}", line + 1)),
        }
    }
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(20)].join("\n")
    );
    assert!(count >= 3000, "only {count} vectors");
}

/// The checked-in vectors are what the generator makes with the oracles now.
#[test]
#[cfg_attr(miri, ignore)]
fn regenerate_matches_checked_in() {
    let Some(python) = netpack_tests::oracle::with_modules(
        "the bit zoo's regeneration check",
        &["bitstruct", "ctypes"],
    ) else {
        return;
    };
    let out = std::env::temp_dir().join(format!("netpack-bits-zoo-{}.jsonl", std::process::id()));
    let status = std::process::Command::new(&python)
        .arg(dir().join("gen_zoo.py"))
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run gen_zoo.py");
    assert!(status.success(), "gen_zoo.py failed: {status}");
    let fresh = std::fs::read(&out).expect("read the regenerated vectors");
    let _ = std::fs::remove_file(&out);
    let checked_in = std::fs::read(dir().join("vectors.jsonl")).expect("read vectors");
    assert!(
        fresh == checked_in,
        "tests/bits_zoo/vectors.jsonl is stale: run $(bash .ci/python-env) tests/bits_zoo/gen_zoo.py"
    );
}

macro_rules! props {
    ($($t:ident: $name:ident),*) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 512 }))]
            $(
                #[test]
                fn $name(bytes in prop::collection::vec(any::<u8>(), <$t as NetPack>::SIZE..=<$t as NetPack>::SIZE)) {
                    agrees::<$t>(&bytes);
                }
            )*
        }
    };
}

props!(
    Ipv4Header: ipv4_derive_is_the_runtime_model,
    TcpHeader: tcp_derive_is_the_runtime_model,
    UdpHeader: udp_derive_is_the_runtime_model,
    DnsHeader: dns_derive_is_the_runtime_model,
    NtpPacket: ntp_derive_is_the_runtime_model,
    MqttFixedHeader: mqtt_derive_is_the_runtime_model,
    VlanTag: vlan_derive_is_the_runtime_model,
    Widths: widths_derive_is_the_runtime_model,
    CanId: can_derive_is_the_runtime_model,
    UsbSetup: usb_derive_is_the_runtime_model,
    LsbSigned: lsb_signed_derive_is_the_runtime_model
);

#[test]
fn sizes_and_formats() {
    assert_eq!(Ipv4Header::SIZE, 20);
    assert_eq!(Ipv4Header::FORMAT, "!2sHH2sBBH4s4s");
    // The layout as Python writes it: bitstruct for the runs, struct between.
    // Python 3.11 with bitstruct 8, that text with the values below:
    // b'E\xb9\x00(\x1cFA#@\x06\xb1\xe6\n\x00\x00\x01\n\x00\x00\x02'.
    assert_eq!(
        <Ipv4Header as Message>::PARTS,
        r#"bitstruct.pack("u4u4u6u2", version, ihl, dscp, ecn) + struct.pack("!HH", total_len, id) + bitstruct.pack("b1b1b1u13", evil, dont_fragment, more_fragments, fragment_offset) + struct.pack("!BBH4s4s", ttl, protocol, checksum, src, dst)"#
    );
    let header = Ipv4Header {
        version: 4,
        ihl: 5,
        dscp: 46,
        ecn: 1,
        total_len: 40,
        id: 0x1c46,
        evil: false,
        dont_fragment: true,
        more_fragments: false,
        fragment_offset: 0x123,
        ttl: 64,
        protocol: 6,
        checksum: 0xb1e6,
        src: [10, 0, 0, 1],
        dst: [10, 0, 0, 2],
    };
    assert_eq!(
        Message::encode(&header).unwrap(),
        b"E\xb9\x00(\x1cFA#@\x06\xb1\xe6\n\x00\x00\x01\n\x00\x00\x02"
    );
    // Least significant bit first: Python 3.11 gives b'\xef\xcd\xab\xa1' for
    // this text and for ctypes' LittleEndianStructure with the same values.
    assert_eq!(
        <CanId as Message>::PARTS,
        r#"bitstruct.byteswap("4", bitstruct.pack("b1b1b1u29", eff, rtr, err, id))"#
    );
    let can = CanId {
        id: 0x1abcdef,
        err: true,
        rtr: false,
        eff: true,
    };
    assert_eq!(Message::encode(&can).unwrap(), b"\xef\xcd\xab\xa1");
    assert_eq!(TcpHeader::SIZE, 20);
    assert_eq!(DnsHeader::SIZE, 12);
    assert_eq!(NtpPacket::SIZE, 48);
    assert_eq!(VlanTag::SIZE, 4);
    assert_eq!(Widths::SIZE, 11);
    assert_eq!(CanId::FORMAT, "<4s");
    assert_eq!(UsbSetup::SIZE, 8);
    // Arrays of bit-field types, and decode_iter.
    assert_eq!(<[VlanTag; 3] as NetPack>::SIZE, 12);
    let tags = [0x81, 0x00, 0xa0, 0x0a, 0x81, 0x00, 0x00, 0x01];
    let vids: Vec<u16> = VlanTag::decode_iter(&tags)
        .unwrap()
        .map(|t| t.unwrap().vid)
        .collect();
    assert_eq!(vids, [10, 1]);
}

#[test]
fn a_bit_field_can_be_a_length() {
    let tlv = Tlv {
        kind: 3,
        len: 2,
        value: vec![0xaa, 0xbb],
        check: 0x1234,
    };
    let bytes = tlv.encode().unwrap();
    assert_eq!(bytes, [0x32, 0xaa, 0xbb, 0x12, 0x34]);
    assert_eq!(Tlv::decode(&bytes).unwrap(), tlv);
    assert_eq!(
        <Tlv as Message>::PARTS,
        r#"bitstruct.pack("u4u4", kind, len) + value + struct.pack("!H", check)"#
    );
    let wrong = Tlv {
        len: 3,
        ..tlv.clone()
    };
    assert_eq!(
        wrong.encode().unwrap_err().kind(),
        ErrorKind::LengthMismatch
    );
    let long = Tlv { kind: 16, ..tlv };
    assert_eq!(
        long.encode().unwrap_err().to_string(),
        "Tlv.kind: \"u4\" requires 0 <= integer <= 15 (got 16)"
    );
    let err = Tlv::decode(&[0x33, 0xaa]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BufferSize);
}

#[test]
fn enums_in_bits_refuse_what_names_no_variant() {
    let err = MqttFixedHeader::decode(&[0x00, 0x00]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "MqttFixedHeader.packet_type: invalid value 0 for MqttType at offset 0"
    );
    let header = DnsHeader::decode(&[0, 1, 0x18, 0, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap();
    assert_eq!(header.opcode, Opcode::Other(3));
    let header = DnsHeader {
        opcode: Opcode::Other(16),
        ..header
    };
    assert_eq!(
        header.encode().unwrap_err().to_string(),
        "DnsHeader.opcode: \"u4\" requires 0 <= integer <= 15 (got 16)"
    );
}
