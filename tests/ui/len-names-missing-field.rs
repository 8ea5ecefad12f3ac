use netpack::NetPack;

#[derive(NetPack)]
struct Chat {
    length: u32,
    #[netpack(len = "len")]
    body: Vec<u8>,
}

fn main() {}
