use netpack::NetPack;

#[derive(NetPack)]
struct Reading {
    #[netpack(e)]
    value: u16,
}

fn main() {
    let _ = Reading::FORMAT;
}
