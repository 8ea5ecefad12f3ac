use netpack::NetPack;

#[derive(NetPack)]
#[netpack(magic = 0x52494646)]
struct Riff {
    size: u32,
}

fn main() {}
