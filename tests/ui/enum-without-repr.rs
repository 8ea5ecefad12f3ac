use netpack::NetPack;

#[derive(NetPack)]
enum Kind {
    Read,
    Write,
}

fn main() {
    let _ = Kind::FORMAT;
}
