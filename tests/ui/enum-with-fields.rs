use netpack::NetPack;

#[derive(NetPack)]
#[repr(u8)]
enum Kind {
    Read,
    Write(u16),
}

fn main() {
    let _ = Kind::FORMAT;
}
