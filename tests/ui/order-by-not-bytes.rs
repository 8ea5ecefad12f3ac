use netpack::{ByteOrder, NetPack};

fn pick(_: &u32) -> Option<ByteOrder> {
    None
}

#[derive(NetPack)]
struct Header {
    #[netpack(order_by = "pick")]
    magic: u32,
    length: u32,
}

fn main() {}
