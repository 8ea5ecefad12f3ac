// A stream reader hands out messages that outlive the bytes it read: a message
// that borrows from its input cannot be one.
use netpack::NetPack;

#[derive(NetPack)]
struct Hello<'a> {
    #[netpack(len_prefix = "B", max = 32)]
    name: &'a str,
}

fn main() {
    let mut stream = std::io::Cursor::new(Vec::new());
    let _ = netpack::io::read::<Hello<'static>, _>(&mut stream);
}
