//! Property tests of the whole-format attributes: byte order at run time
//! (`order = "runtime"`, `order_by`), magic, computed lengths (`Len`) and
//! checksums. The expected bytes come from the runtime's `netpack::pack`
//! (CPython's `struct`, byte for byte) and from the checksums as Python
//! computes them (RFC 1071 transcribed, `zlib.crc32`'s CRC-32), never from the
//! derived encoders; any bytes decode without a panic, every truncation is an
//! error, and every flipped bit under a checksum is refused.

use netpack::{ByteOrder, Checksum, ErrorKind, Len, Message, NetPack, OrderedMessage, Value};
use proptest::collection::vec;
use proptest::prelude::*;

#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "runtime")]
struct Chunk {
    kind: u16,
    #[netpack(len_prefix = "I", max = 64)]
    data: Vec<u8>,
}

fn pcap_order(magic: &[u8; 4]) -> Option<ByteOrder> {
    match magic {
        [0xa1, 0xb2, 0xc3, 0xd4] => Some(ByteOrder::Big),
        [0xd4, 0xc3, 0xb2, 0xa1] => Some(ByteOrder::Little),
        _ => None,
    }
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct PcapHeader {
    #[netpack(order_by = "pcap_order")]
    magic: [u8; 4],
    major: u16,
    zone: i32,
    snaplen: u32,
}

#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(magic = b"RIFF", order = "<")]
struct Riff {
    length: Len<u32>,
    #[netpack(magic = b"WAVE")]
    channels: u16,
    #[netpack(len = "length", max = 32)]
    samples: Vec<i16>,
}

#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
struct Ipv4 {
    version_ihl: u8,
    tos: u8,
    total_length: u16,
    id: u16,
    #[netpack(checksum = "internet", over = "version_ihl..=destination")]
    checksum: Checksum<u16>,
    source: [u8; 4],
    destination: [u8; 4],
}

#[derive(NetPack, Debug, PartialEq, Clone)]
struct Png {
    length: Len<u32>,
    kind: [u8; 4],
    #[netpack(len = "length", max = 64)]
    data: Vec<u8>,
    #[netpack(checksum = "crc32", over = "kind..")]
    crc: Checksum<u32>,
}

/// Python's `struct.pack`, through the runtime.
fn pack(format: &str, values: &[Value]) -> Vec<u8> {
    netpack::pack(format, values).expect("the model's format packs")
}

fn prefix(order: ByteOrder) -> char {
    char::from(order.prefix())
}

/// RFC 1071 as the Python side writes it.
fn internet_checksum(data: &[u8]) -> u16 {
    let mut data = data.to_vec();
    if data.len() % 2 == 1 {
        data.push(0);
    }
    let mut s: u32 = data
        .chunks(2)
        .map(|w| u32::from(w[0]) << 8 | u32::from(w[1]))
        .sum();
    while s >> 16 != 0 {
        s = (s & 0xffff) + (s >> 16);
    }
    !(s as u16)
}

/// zlib.crc32, bit by bit.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn order() -> impl Strategy<Value = ByteOrder> {
    prop_oneof![Just(ByteOrder::Little), Just(ByteOrder::Big)]
}

proptest! {
    #[test]
    fn runtime_order_is_python_with_the_prefix(kind: u16, data in vec(any::<u8>(), 0..=64), order in order()) {
        let c = Chunk { kind, data: data.clone() };
        let format = format!("{}HI", prefix(order));
        let mut want = pack(&format, &[kind.into(), (data.len() as u32).into()]);
        want.extend_from_slice(&data);
        let got = c.encode_with(order).unwrap();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(Chunk::decode_with(&got, order).unwrap(), c);
        for n in 0..got.len() {
            prop_assert!(Chunk::decode_with(&got[..n], order).is_err());
        }
    }

    #[test]
    fn a_selecting_field_decides_the_order(major: u16, zone: i32, snaplen: u32, order in order()) {
        let magic = match order {
            ByteOrder::Big => [0xa1, 0xb2, 0xc3, 0xd4],
            ByteOrder::Little => [0xd4, 0xc3, 0xb2, 0xa1],
        };
        let h = PcapHeader { magic, major, zone, snaplen };
        let mut want = magic.to_vec();
        want.extend(pack(&format!("{}HiI", prefix(order)), &[major.into(), zone.into(), snaplen.into()]));
        let got = h.encode().unwrap();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(PcapHeader::decode(&got).unwrap(), h);
    }

    #[test]
    fn magic_and_a_computed_count(channels: u16, samples in vec(any::<i16>(), 0..=32)) {
        let r = Riff { length: Len::new(), channels, samples: samples.clone() };
        let mut want = b"RIFF".to_vec();
        want.extend(pack("<I", &[(samples.len() as u32).into()]));
        want.extend_from_slice(b"WAVE");
        want.extend(pack("<H", &[channels.into()]));
        for s in &samples {
            want.extend(pack("<h", &[(*s).into()]));
        }
        let got = r.encode().unwrap();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(Riff::decode(&got).unwrap(), r);
        for n in 0..got.len() {
            prop_assert!(Riff::decode(&got[..n]).is_err());
        }
    }

    #[test]
    fn any_bytes_decode_without_a_panic(bytes in vec(any::<u8>(), 0..=96), order in order()) {
        let _ = Chunk::decode_with(&bytes, order);
        let _ = PcapHeader::decode(&bytes);
        let _ = Ipv4::decode(&bytes);
        let _ = Png::decode(&bytes);
        if let Err(e) = Riff::decode(&bytes) {
            if !bytes.starts_with(&b"RIFF"[..bytes.len().min(4)]) {
                prop_assert_eq!(e.kind(), ErrorKind::BadMagic);
            }
        }
    }

    #[test]
    fn the_internet_checksum_is_rfc_1071(
        version_ihl: u8, tos: u8, total_length: u16, id: u16,
        source: [u8; 4], destination: [u8; 4], bit in 0usize..16 * 8,
    ) {
        let ip = Ipv4 { version_ihl, tos, total_length, id, checksum: Checksum::new(), source, destination };
        let mut header = pack("!BBHH", &[version_ihl.into(), tos.into(), total_length.into(), id.into()]);
        header.extend_from_slice(&[0, 0]);
        header.extend_from_slice(&source);
        header.extend_from_slice(&destination);
        let sum = internet_checksum(&header);
        header[6..8].copy_from_slice(&sum.to_be_bytes());
        let got = ip.encode().unwrap();
        prop_assert_eq!(&got, &header);
        prop_assert_eq!(Ipv4::decode(&got).unwrap(), ip);
        let mut bad = got.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        prop_assert_eq!(Ipv4::decode(&bad).unwrap_err().kind(), ErrorKind::BadChecksum);
    }

    #[test]
    fn crc32_is_zlibs(kind: [u8; 4], data in vec(any::<u8>(), 0..=64), bit: usize) {
        let png = Png { length: Len::new(), kind, data: data.clone(), crc: Checksum::new() };
        let mut covered = kind.to_vec();
        covered.extend_from_slice(&data);
        let mut want = pack("!I", &[(data.len() as u32).into()]);
        want.extend_from_slice(&covered);
        want.extend(pack("!I", &[crc32(&covered).into()]));
        let got = png.encode().unwrap();
        prop_assert_eq!(&got, &want);
        prop_assert_eq!(Png::decode(&got).unwrap(), png);
        // A flipped bit after the length field: a bad checksum (or, in the
        // checksum itself, the same).
        let bit = 32 + bit % ((got.len() - 4) * 8);
        let mut bad = got.clone();
        bad[bit / 8] ^= 1 << (bit % 8);
        prop_assert_eq!(Png::decode(&bad).unwrap_err().kind(), ErrorKind::BadChecksum);
    }
}

proptest! {
    /// The fuzz target's check of the whole-format messages, on any bytes and
    /// on a valid encoding with one byte changed.
    #[test]
    fn the_fuzz_targets_format_check(bytes in vec(any::<u8>(), 0..=160), at: usize, to: u8) {
        netpack_tests::format_zoo::formats(&bytes);
        let chunk = netpack_tests::format_zoo::Chunk { kind: 1, data: &bytes[..bytes.len().min(64)], crc: Checksum::new() };
        let capture = netpack_tests::format_zoo::Capture {
            magic: [0xd4, 0xc3, 0xb2, 0xa1],
            length: Len::new(),
            zone: -1,
            records: vec![7, 8],
            chunk,
        };
        let mut wire = capture.encode().unwrap();
        netpack_tests::format_zoo::formats(&wire);
        prop_assert_eq!(netpack_tests::format_zoo::Capture::decode(&wire).unwrap(), capture);
        let at = at % wire.len();
        wire[at] = to;
        netpack_tests::format_zoo::formats(&wire);
    }
}
