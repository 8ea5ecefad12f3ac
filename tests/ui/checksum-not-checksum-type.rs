use netpack::{Checksum, NetPack};

#[derive(NetPack)]
struct Packet {
    kind: u16,
    #[netpack(checksum = "crc32")]
    crc: u32,
    #[netpack(checksum = "internet", over = "nothing..")]
    sum: Checksum<u16>,
}

fn main() {}
