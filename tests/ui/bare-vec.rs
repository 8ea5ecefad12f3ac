use netpack::NetPack;

#[derive(NetPack)]
struct Upload {
    id: u16,
    data: Vec<u8>,
}

fn main() {}
