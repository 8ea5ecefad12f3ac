use netpack::NetPack;

#[derive(NetPack)]
struct Header {
    #[netpack(bits = 9)]
    wide: u8,
    #[netpack(bits = 7)]
    rest: u8,
}

fn main() {}
