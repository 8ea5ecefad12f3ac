use netpack::NetPack;

#[derive(NetPack)]
struct Later {
    #[netpack(len = "n * 2", max = 8)]
    data: Vec<u8>,
    n: u8,
}

#[derive(NetPack)]
struct Unknown {
    ihl: u8,
    #[netpack(len = "ihll * 4 - 20", max = 40)]
    options: Vec<u8>,
}

#[derive(NetPack)]
struct Bad {
    flags: u8,
    #[netpack(if = "flags and 1")]
    a: Option<u8>,
    #[netpack(count = "flags == 1", max = 4)]
    b: Vec<u8>,
    #[netpack(until_end)]
    c: Vec<u8>,
}

#[derive(NetPack)]
struct NotOption {
    flags: u8,
    #[netpack(if = "flags & 1")]
    a: u8,
    #[netpack(align = 2)]
    b: u16,
}

fn main() {}
