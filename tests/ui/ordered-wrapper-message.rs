// `Le`, `Be` and `Ne` re-order a fixed layout; a message with variable-length
// fields has none: it chooses its order with `order = "runtime"`.
use netpack::{Le, Message, NetPack};

#[derive(NetPack)]
struct Record {
    ts: u32,
    #[netpack(len_prefix = "I", max = 1024)]
    data: Vec<u8>,
}

fn main() {
    let _ = <Le<Record>>::decode(b"\x01\0\0\0\0\0\0\0");
}
