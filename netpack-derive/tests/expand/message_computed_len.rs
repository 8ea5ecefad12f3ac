// A computed length, with a field between it and the data it counts.
#[derive(NetPack)]
struct Frame {
    length: Len<u32>,
    kind: u8,
    #[netpack(len = "length", max = 1024)]
    body: Vec<u8>,
}
