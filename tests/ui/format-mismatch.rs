use netpack::NetPack;

#[derive(NetPack)]
#[netpack(format = "!H8sh")]
struct Request {
    opcode: u16,
    filename: [u8; 8],
    mode: i8,
}

fn main() {
    let _ = Request::FORMAT;
}
