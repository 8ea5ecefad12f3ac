use netpack::NetPack;

#[derive(NetPack)]
#[netpack(tag = "H")]
enum Packet {
    #[netpack(tag = 1)]
    Read(u16),
    #[netpack(tag = 1)]
    Write(u16),
}

fn main() {}
