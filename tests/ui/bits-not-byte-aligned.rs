use netpack::NetPack;

#[derive(NetPack)]
struct Header {
    #[netpack(bits = 4)]
    version: u8,
    #[netpack(bits = 3)]
    flags: u8,
    len: u16,
}

fn main() {}
