use netpack::NetPack;

#[derive(NetPack)]
struct Chat {
    len: f32,
    #[netpack(len = "len")]
    body: Vec<u8>,
}

fn main() {}
