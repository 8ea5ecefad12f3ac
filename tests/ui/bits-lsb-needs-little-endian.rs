use netpack::NetPack;

#[derive(NetPack)]
#[netpack(bit_order = "lsb")]
struct Flags {
    #[netpack(bits = 3)]
    a: u8,
    #[netpack(bits = 5)]
    b: u8,
}

fn main() {}
