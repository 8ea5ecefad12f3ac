// A tagged enum with every variant kind: nothing, a whole message, a fixed
// newtype, fields, and a catch-all.
#[derive(NetPack)]
#[netpack(tag = "H")]
enum Packet<'a> {
    #[netpack(tag = 1)]
    Read(Request<'a>),
    #[netpack(tag = 3)]
    Data {
        block: u16,
        #[netpack(rest, max = 512)]
        data: &'a [u8],
    },
    #[netpack(tag = 4)]
    Ack(u16),
    #[netpack(tag = 5)]
    Quit,
    #[netpack(other)]
    Unknown(u16, Vec<u8>),
}

// Without a catch-all: an unknown tag is an error.
#[derive(NetPack)]
#[netpack(tag = "B")]
enum Command {
    #[netpack(tag = 1)]
    Open { port: u16 },
}
