// A tuple struct with a written format, in native order.
#[derive(NetPack)]
#[netpack(format = "@H2xb")]
struct Explicit(u16, i8);
