use netpack::NetPack;

#[derive(NetPack)]
struct Message<T> {
    id: u16,
    body: T,
}

fn main() {
    let _ = Message::<u8>::FORMAT;
}
