use netpack::NetPack;

#[derive(NetPack)]
#[netpack(tag = "B")]
enum Packet {
    #[netpack(tag = 1)]
    Read(u16),
    #[netpack(tag = 256)]
    Write(u16),
    #[netpack(tag = -1)]
    Ack(u16),
}

fn main() {}
