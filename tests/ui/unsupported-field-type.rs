use netpack::NetPack;

#[derive(NetPack)]
struct Message {
    id: u16,
    name: String,
}

// In a message with a variable-length part, in a tuple struct, and under
// `code = …`, the error is the same: the field's type is not `NetPack`.
#[derive(NetPack)]
struct Request<'a> {
    id: u16,
    when: std::time::Duration,
    #[netpack(nul)]
    name: &'a str,
}

#[derive(NetPack)]
struct Pair(u8, std::time::Instant);

#[derive(NetPack)]
struct Coded {
    #[netpack(code = "l")]
    big: String,
}

fn main() {
    let _ = Message::FORMAT;
}
