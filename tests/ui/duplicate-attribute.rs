use netpack::NetPack;

#[derive(NetPack)]
#[netpack(order = "<")]
#[netpack(order = ">")]
struct Message {
    id: u16,
}

fn main() {
    let _ = Message::FORMAT;
}
