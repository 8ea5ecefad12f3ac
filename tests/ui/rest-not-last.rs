use netpack::NetPack;

#[derive(NetPack)]
struct Data {
    block: u16,
    #[netpack(rest)]
    data: Vec<u8>,
    crc: u32,
}

fn main() {}
