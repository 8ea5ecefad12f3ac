// A nested type whose byte order was written and differs from the struct
// around it: a Python format has one byte order.
use netpack::NetPack;

#[derive(NetPack)]
#[netpack(order = "<")]
struct Le {
    a: u16,
    b: u32,
}

#[derive(NetPack)]
#[netpack(format = "<H2xI")]
struct LeFormat {
    a: u16,
    b: u32,
}

#[derive(NetPack)]
#[netpack(order = ">")]
#[repr(u8)]
enum Kind {
    A = 1,
}

// Takes the order of the struct around it.
#[derive(NetPack)]
struct Plain {
    a: u16,
}

#[derive(NetPack)]
struct Network {
    le: Le,
    formats: [LeFormat; 2],
    kind: Kind, // `>` and `!` give the same bytes: fine
    plain: Plain,
    wrapped: netpack::Le<u16>,
}

#[derive(NetPack)]
#[netpack(order = "<")]
struct Little {
    le: Le,      // the same order: fine
    kind: Kind,
    plain: Plain,
}

fn main() {
    let _ = Network::FORMAT;
    let _ = Little::FORMAT;
}
