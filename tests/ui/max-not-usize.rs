use netpack::NetPack;

const MAX_NAME: u16 = 16;

#[derive(NetPack)]
struct Hello {
    #[netpack(len_prefix = "B", max = MAX_NAME)]
    name: Vec<u8>,
}

#[derive(NetPack)]
struct Expression {
    #[netpack(nul, max = 2 * 256)]
    name: Vec<u8>,
}

fn main() {}
