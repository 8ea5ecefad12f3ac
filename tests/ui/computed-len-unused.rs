use netpack::{Len, NetPack};

#[derive(NetPack)]
struct Frame {
    length: Len<u32>,
    #[netpack(len_prefix = "H", max = 64)]
    body: Vec<u8>,
}

fn main() {}
