use netpack::NetPack;

#[derive(NetPack)]
struct Reading {
    #[netpack(c, e)]
    tag: u8,
}

fn main() {
    let _ = Reading::FORMAT;
}
