//! Messages of the whole-format attributes (byte order at run time, `order_by`,
//! magic, `Len`, checksums) for the `messages` fuzz target: whatever decodes
//! re-encodes to the bytes it used ([`check_any`]), in the order it was
//! decoded in.

use crate::message_checks::check_any;
use netpack::{ByteOrder, Checksum, Len, NetPack, OrderedMessage};

/// A record of either byte order.
#[derive(NetPack, Debug, PartialEq, Clone)]
#[netpack(order = "runtime")]
pub struct Chunk<'a> {
    pub kind: u16,
    #[netpack(len_prefix = "I", max = 64)]
    pub data: &'a [u8],
    #[netpack(checksum = "crc32")]
    pub crc: Checksum<u32>,
}

/// The order pcap's magic selects.
pub fn pcap_order(magic: &[u8; 4]) -> Option<ByteOrder> {
    match magic {
        [0xa1, 0xb2, 0xc3, 0xd4] => Some(ByteOrder::Big),
        [0xd4, 0xc3, 0xb2, 0xa1] => Some(ByteOrder::Little),
        _ => None,
    }
}

/// A header whose magic selects its order, with a computed length.
#[derive(NetPack, Debug, PartialEq, Clone)]
pub struct Capture<'a> {
    #[netpack(order_by = "pcap_order")]
    pub magic: [u8; 4],
    pub length: Len<u16>,
    pub zone: i32,
    #[netpack(len = "length", max = 32)]
    pub records: Vec<u32>,
    #[netpack(message)]
    pub chunk: Chunk<'a>,
}

/// Magic on the type and before a field, and the Internet checksum over a
/// range that holds it.
#[derive(NetPack, Debug, PartialEq, Clone, Copy)]
#[netpack(magic = b"NP", order = "<")]
pub struct Sealed {
    pub version: u8,
    #[netpack(checksum = "internet", over = "version..=value")]
    pub sum: Checksum<u16>,
    #[netpack(magic = b"\xff")]
    pub value: u32,
}

/// The fuzz input decoded as each of these messages.
pub fn formats(data: &[u8]) {
    check_any::<Capture>(data);
    check_any::<Sealed>(data);
    for order in [ByteOrder::Little, ByteOrder::Big] {
        if let Ok((chunk, used)) = Chunk::decode_prefix_with(data, order) {
            let again = chunk.encode_with(order).expect("a decoded chunk encodes");
            assert_eq!(again, data[..used], "{chunk:?} in {order:?}");
        }
    }
}
