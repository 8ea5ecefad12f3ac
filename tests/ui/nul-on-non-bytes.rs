use netpack::NetPack;

#[derive(NetPack)]
struct Ports {
    #[netpack(nul)]
    ports: Vec<u16>,
}

fn main() {}
