use netpack::NetPack;

#[derive(NetPack)]
#[netpack(order = "big")]
struct Message {
    id: u16,
}

fn main() {
    let _ = Message::FORMAT;
}
