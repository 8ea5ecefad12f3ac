// A field `Be<T>` whose `T` is a message, not a fixed layout.
use netpack::{Be, NetPack};

#[derive(NetPack)]
struct Name {
    #[netpack(nul)]
    name: Vec<u8>,
}

#[derive(NetPack)]
struct Hello {
    id: u8,
    name: Be<Name>,
}

fn main() {}
