use netpack::NetPack;

#[derive(NetPack)]
struct Message {
    #[netpack(big_endian)]
    id: u16,
}

fn main() {
    let _ = Message::FORMAT;
}
