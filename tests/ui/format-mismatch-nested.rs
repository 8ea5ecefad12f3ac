use netpack::NetPack;

#[derive(NetPack)]
struct Header {
    opcode: u16,
    length: u32,
}

#[derive(NetPack)]
#[netpack(format = "!HHb")]
struct Request {
    header: Header,
    mode: i8,
}

fn main() {
    let _ = Request::FORMAT;
}
