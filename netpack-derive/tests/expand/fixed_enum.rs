// A field-less enum, and one with a catch-all.
#[derive(NetPack)]
#[repr(u8)]
enum Kind {
    Read = 1,
    Write,
    Ack = 10,
}

#[derive(NetPack)]
#[netpack(order = "<")]
#[repr(u16)]
enum QType {
    A = 1,
    Aaaa = 28,
    #[netpack(other)]
    Other(u16),
}
