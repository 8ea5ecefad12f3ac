use netpack::NetPack;

#[derive(NetPack)]
struct Reading {
    #[netpack(c)]
    tag: u16,
}

fn main() {
    let _ = Reading::FORMAT;
}
