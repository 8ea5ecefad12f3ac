use netpack::NetPack;

#[derive(NetPack)]
struct Buffer {
    len: usize,
}

fn main() {
    let _ = Buffer::FORMAT;
}
