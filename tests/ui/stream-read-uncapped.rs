use netpack::NetPack;

/// No `max`: a peer could announce 4 GiB of name.
#[derive(NetPack)]
struct Hello {
    #[netpack(len_prefix = "I")]
    name: Vec<u8>,
}

fn main() {
    let mut stream = std::io::Cursor::new(Vec::new());
    let _ = netpack::io::read::<Hello, _>(&mut stream);
}
