use netpack::NetPack;

#[derive(NetPack)]
struct Message {
    id: u16,
    name: String,
}

fn main() {
    let _ = Message::FORMAT;
}
