use netpack::NetPack;

#[derive(NetPack)]
struct Chat {
    #[netpack(len = "len")]
    body: Vec<u8>,
    len: u32,
}

fn main() {}
