// A message nesting another (Capped through it), in little-endian order.
#[derive(NetPack)]
#[netpack(order = "<")]
struct Greeting {
    kind: u8,
    #[netpack(message)]
    name: Name,
}
