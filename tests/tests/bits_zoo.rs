//! The bit-field zoo against Python: bytes written by bitstruct, struct and
//! ctypes (`tests/bits_zoo/gen_zoo.py`), replayed through the derive and the
//! runtime model; the derive against the runtime model by proptest.

use netpack::{Message, NetPack};
use netpack_tests::bits_zoo::*;

#[test]
fn smoke() {
    let h = Ipv4Header::decode(&[
        0x45, 0x00, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1,
    ])
    .unwrap();
    println!("{h:?} {}", Ipv4Header::FORMAT);
    assert_eq!(h.version, 4);
    assert_eq!(h.ihl, 5);
    assert!(h.dont_fragment);
    let v = h.field_values();
    assert_eq!(
        model_pack(Ipv4Header::MODEL, &v).unwrap(),
        h.encode().unwrap()
    );
    let c = CanId {
        id: 0x123,
        err: false,
        rtr: true,
        eff: true,
    };
    println!("{:02x?} {}", c.encode().unwrap(), CanId::FORMAT);
    println!("{}", <Tlv as Message>::PARTS);
}
