use netpack::NetPack;

#[derive(NetPack)]
struct Name {
    #[netpack(nul)]
    name: Vec<u8>,
}

/// Capped by its own attributes, but not the message it holds.
#[derive(NetPack)]
struct Hello {
    id: u8,
    #[netpack(message)]
    name: Name,
}

fn main() {
    let mut stream = std::io::Cursor::new(Vec::new());
    let _ = netpack::io::read::<Hello, _>(&mut stream);
}
