use netpack::NetPack;

#[derive(NetPack)]
#[netpack(order = "@")]
struct Hello {
    id: u32,
    #[netpack(nul)]
    name: Vec<u8>,
}

fn main() {}
