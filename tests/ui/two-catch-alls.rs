use netpack::NetPack;

#[derive(NetPack)]
#[netpack(tag = "B")]
enum Packet {
    #[netpack(tag = 1)]
    Ping,
    #[netpack(other)]
    Unknown(u8, Vec<u8>),
    #[netpack(other)]
    Other(u8, Vec<u8>),
}

#[derive(NetPack)]
#[repr(u16)]
enum QType {
    A = 1,
    #[netpack(other)]
    Other(u16),
    #[netpack(other)]
    Again(u16),
}

fn main() {}
